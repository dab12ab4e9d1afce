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
plot for [i=2:columns] datafile using 1:i with linespoints linewidth 2 title columnhead(i)
