# Mean response time against load: measured per scheduler (points, 95%
# interval bars) and the queueing theory curves.  Variables: format, outfile,
# measured (space-separated files "rho mean ci", named measured-N-SCHED.dat),
# theory (file "rho mm1 ek mmk supermarket", may be empty), servers, twos
# (1: draw the supermarket curve).
if (format eq "svg") { set terminal svg size 900,560 noenhanced } else { set terminal pngcairo size 900,560 noenhanced }
set output outfile
set title servers . " real servers, one worker each, exponential service: measured (95% bars) and theory"
set xlabel "load rho"
set ylabel "mean response time (ms, log scale)"
set logscale y
set grid
set key outside right top
set xrange [0.4:0.95]
name(f) = system("basename '" . f . "' .dat | sed 's/^measured-[0-9]*-//'")
hastheory = system("test -s '" . theory . "' && echo 1 || echo 0") + 0
if (hastheory) {
    plot theory using 1:2 with lines dashtype 2 linecolor rgb "gray30" title "M/M/1 (random split)", \
         theory using 1:3 with lines dashtype 3 linecolor rgb "gray30" title "E_k/M/1 (in turn)", \
         theory using 1:4 with lines dashtype 1 linecolor rgb "gray60" title "M/M/k (one queue)", \
         theory using 1:(twos ? $5 : NaN) with lines dashtype 4 linecolor rgb "gray45" title (twos ? "supermarket d=2" : ""), \
         for [i=1:words(measured)] word(measured, i) using 1:2:3 with yerrorlines linewidth 2 linecolor i title name(word(measured, i))
} else {
    plot for [i=1:words(measured)] word(measured, i) using 1:2:3 with yerrorlines linewidth 2 linecolor i title name(word(measured, i))
}
