# A capacity figure against a swept option: per series its mean with 95%
# interval bars; optionally a second file (dashed, no bars), a third
# (dotted) and a target line.  Variables: datafile (x, then "mean ci" per
# series), seconddata and thirddata ('' or the same layout), outfile, format (png or svg), xlabel, ylabel,
# plottitle, target ('' or a y value).
if (format eq "svg") {
    set terminal svg size 900,560 noenhanced
} else {
    set terminal pngcairo size 900,560 noenhanced
}
set output outfile
set title plottitle
set xlabel xlabel
set ylabel ylabel
set grid
set key outside right top
series = (int(system("head -n1 '" . datafile . "' | wc -w")) - 1) / 2
xspan = system("awk 'NR > 1 { if ($1 != int($1)) f = 1; if (NR == 2 || $1 < lo) lo = $1; if (NR == 2 || $1 > hi) hi = $1 } END { print (f ? -1 : hi - lo) }' < '" . datafile . "'")
if (xspan >= 0) {
    set format x "%.0f"
    if (xspan <= 20) { set xtics 1 }
}
if (system("awk 'NR > 1 { for (i = 2; i <= NF; i += 2) if ($i != 0 && $i != \"NaN\") f = 1 } END { print f + 0 }' < '" . datafile . "'") == 0) {
    set yrange [0:1]
} else {
    set yrange [0:*]
}
if (target ne "") {
    set arrow from graph 0, first target to graph 1, first target nohead dashtype 2 linewidth 2 linecolor rgb "red"
    set label "target" at graph 0.01, first target offset 0, 0.6 textcolor rgb "red"
}
if (seconddata ne "" && thirddata ne "") {
    plot for [s=1:series] datafile using 1:(column(2*s)):(column(2*s+1)) with yerrorlines linewidth 2 linecolor s title columnhead(2*s), \
         for [s=1:series] seconddata using 1:(column(2*s)) with lines dashtype 2 linecolor s notitle, \
         for [s=1:series] thirddata using 1:(column(2*s)) with lines dashtype 3 linecolor s notitle
} else {
    plot for [s=1:series] datafile using 1:(column(2*s)):(column(2*s+1)) with yerrorlines linewidth 2 linecolor s title columnhead(2*s)
}
