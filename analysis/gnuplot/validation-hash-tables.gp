# Slots of the lookup table that change owner when one of N servers is
# removed: mh (Maglev) and sh against the minimum 1/N.  Variables: format,
# outfile, mh and sh (files "servers moved clients minimum").
if (format eq "svg") { set terminal svg size 900,560 noenhanced } else { set terminal pngcairo size 900,560 noenhanced }
set output outfile
set title "Removing one of N real servers: how much of the table moves"
set xlabel "real servers N"
set ylabel "slots that change server (%)"
set logscale x 2
set logscale y
set grid
set key outside right top
plot mh using 1:2 with linespoints linewidth 2 title "mh (Maglev, 4093 slots)", \
     sh using 1:2 with linespoints linewidth 2 title "sh (256 buckets)", \
     mh using 1:4 with lines dashtype 2 linecolor rgb "black" title "minimum 1/N"
