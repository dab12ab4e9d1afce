# One line per real server over simulated time, from a wide .dat file
# (time_s, then one column per server, headed rsN_RIP).
# Variables: datafile, outfile, plottitle.
set terminal pngcairo size 900,560 noenhanced
set output outfile
set title plottitle
set xlabel "simulated time (s)"
set grid
set key outside right top
columns = int(system("head -n1 '" . datafile . "' | wc -w"))
plot for [i=2:columns] datafile using 1:i with steps linewidth 2 title columnhead(i)
