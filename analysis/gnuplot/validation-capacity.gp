# Carried against offered throughput through a Director with a CPU limit:
# measured per forwarding method (95% bars), the model's ceiling (dashed)
# and the LVS HOWTO's arithmetic (dotted).  Variables: format, outfile,
# measured (files "offered carried ci ceiling howto", capacity-METHOD.dat).
if (format eq "svg") { set terminal svg size 900,560 noenhanced } else { set terminal pngcairo size 900,560 noenhanced }
set output outfile
set title "The Director's CPU ceiling: carried against offered response bytes"
set xlabel "offered (MB/s of responses)"
set ylabel "carried (MB/s of responses)"
set grid
set key outside right top
set yrange [0:*]
name(f) = system("basename '" . f . "' .dat | sed 's/^capacity-//'")
plot x with lines linecolor rgb "gray70" title "carried = offered", \
     for [i=1:words(measured)] word(measured, i) using 1:2:3 with yerrorlines linewidth 2 linecolor i title name(word(measured, i)), \
     for [i=1:words(measured)] word(measured, i) using 1:4 with lines dashtype 2 linecolor i title name(word(measured, i)) . " ceiling (model)", \
     for [i=1:words(measured)] word(measured, i) using 1:5 with lines dashtype 3 linecolor rgb "black" title (i == 1 ? "LVS HOWTO 536 B / 60 us" : "")
