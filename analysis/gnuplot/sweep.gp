# A figure against a swept option, one line per series (mean over runs),
# from a wide .dat file: x, then one column per series.
# Variables: datafile, outfile, xlabel, ylabel.
set terminal pngcairo size 900,560 noenhanced
set output outfile
set xlabel xlabel
set ylabel ylabel
set grid
set key outside right top
columns = int(system("head -n1 '" . datafile . "' | wc -w"))
# Whole-number x values (servers, workers): ticks on whole numbers only,
# every one of them when the range is short.
xspan = system("awk 'NR > 1 { if ($1 != int($1)) f = 1; if (NR == 2 || $1 < lo) lo = $1; if (NR == 2 || $1 > hi) hi = $1 } END { print (f ? -1 : hi - lo) }' < '" . datafile . "'")
if (xspan >= 0) {
    set format x "%.0f"
    if (xspan <= 20) { set xtics 1 }
}
# A figure that is 0 everywhere (no failures) still gets a y range.
if (system("awk 'NR > 1 { for (i = 2; i <= NF; i++) if ($i != 0 && $i != \"NaN\") f = 1 } END { print f + 0 }' < '" . datafile . "'") == 0) {
    set yrange [0:1]
}
plot for [i=2:columns] datafile using 1:i with linespoints linewidth 2 title columnhead(i)
