# The busiest real server's share per persistence granularity (-M): with
# persistence (bars, 95% interval), without, the floor the heaviest
# persistence unit sets, and 1/N.  Variables: format, outfile, datafile
# ("mask index persistent ci none ci floor ideal" with a header line).
if (format eq "svg") { set terminal svg size 900,560 noenhanced } else { set terminal pngcairo size 900,560 noenhanced }
set output outfile
set title "Share of the busiest real server, Zipf client addresses"
set xlabel "persistence granularity (ipvsadm -M)"
set ylabel "share of all transactions"
set grid ytics
set key outside right top
set yrange [0:1.05]
last = system("tail -n 1 '" . datafile . "' | awk '{ print $2 }'") + 0
set xrange [-0.6:last + 0.6]
set boxwidth 0.35
set style fill solid 0.5
plot datafile using ($2 - 0.18):3:4:xtic(1) with boxerrorbars linecolor 1 title "with -p", \
     datafile using ($2 + 0.18):5:6 with boxerrorbars linecolor 2 title "without -p", \
     datafile using ($2 - 0.18):7 with points pointtype 7 pointsize 1.5 linecolor rgb "black" title "floor: heaviest unit", \
     datafile using 2:8 with lines dashtype 2 linecolor rgb "gray40" title "1/N"
