# A run's timeline: transactions completed and failed per second (by the
# second they started), the faults and checker verdicts as labelled marks,
# and, with VRRP, which Director is master.
# Variables: datafile (second completed failed), marks (time "label"),
# masters (time master: 0 none, 1 director, 2 director-2), outfile.
set terminal pngcairo size 1000,640 noenhanced
set output outfile
has_master = system("test -s '" . masters . "' && echo 1 || echo 0") + 0
set multiplot layout (has_master ? 2 : 1), 1
set grid
set key outside right top
set xlabel "simulated time (s), transactions by the second they started"
set ylabel "transactions"
set title "Completed and failed transactions, with the faults and the checkers' verdicts"
stats datafile using 1 nooutput
xmax = STATS_max + 1
set xrange [0:xmax]
set yrange [0:*]
# Each mark: a vertical line with its label.
n = system("wc -l < '" . marks . "'") + 0
do for [i=1:n] {
    t = real(system("sed -n " . i . "p '" . marks . "' | cut -d' ' -f1"))
    label = system("sed -n " . i . "p '" . marks . "' | cut -d'\"' -f2")
    set arrow i from first t, graph 0 to first t, graph 1 nohead dashtype 2 linecolor rgb "gray40"
    set label i label at first t, graph (0.95 - 0.06 * ((i - 1) % 8)) left offset 0.3, 0 font ",8"
}
plot datafile using 1:2 with steps linewidth 2 linecolor rgb "#1b9e77" title "completed", \
     datafile using 1:3 with steps linewidth 2 linecolor rgb "#d95f02" title "failed"
if (has_master) {
    unset arrow
    unset label
    set title "VRRP master"
    set ylabel ""
    set xlabel "simulated time (s)"
    set yrange [-0.5:2.5]
    set ytics ("none" 0, "director" 1, "director-2" 2)
    plot masters using 1:2 with steps linewidth 3 linecolor rgb "#7570b3" title "master"
}
unset multiplot
