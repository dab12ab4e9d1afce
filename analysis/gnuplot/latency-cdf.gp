# The distribution of transaction latency: a CDF from latency-cdf.dat.
# Variables: datafile, outfile, plottitle.
set terminal pngcairo size 900,560 noenhanced
set output outfile
set title plottitle
set xlabel "latency (ms)"
set ylabel "fraction of completed transactions"
set yrange [0:1]
set grid
set key off
plot datafile using 1:2 with lines linewidth 2
