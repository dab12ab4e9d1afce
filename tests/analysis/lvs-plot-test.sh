#!/usr/bin/env bash
# analysis/lvs-plot turns a fresh result folder into the promised PNGs, and
# refuses a folder that is not one.
set -euo pipefail
lvs_sim=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$lvs_sim" --duration-s 1 --progress off --output "$work/run" > /dev/null
"$source_dir/analysis/lvs-plot" "$work/run" > "$work/out.txt"
for png in latency-cdf active-conns inactive-conns served topology timeline; do
    file="$work/run/plots/$png.png"
    [ -s "$file" ] || { echo "missing $file"; exit 1; }
    [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = "211PNG" ] || { echo "$file is not a PNG"; exit 1; }
done
# One row per sample time, one column per real server (4 by default).
header=$(head -n1 "$work/run/plots/active_conns.dat")
[ "$(echo "$header" | wc -w)" -eq 5 ] || { echo "bad header: $header"; exit 1; }
# A failover's timeline: a master panel from the VRRP events.
"$lvs_sim" --duration-s 4 --vrrp true --faults "1 crash director" --progress off \
    --output "$work/vrrp" > /dev/null
"$source_dir/analysis/lvs-plot" "$work/vrrp" > /dev/null
[ -s "$work/vrrp/plots/timeline.png" ] || { echo "missing the failover timeline"; exit 1; }
grep -q "^[0-9.]* 2$" "$work/vrrp/plots/timeline-master.dat" ||
    { echo "director-2 never master in timeline-master.dat"; exit 1; }
grep -q "crash director" "$work/vrrp/plots/timeline-marks.dat" || { echo "no fault mark"; exit 1; }
if "$source_dir/analysis/lvs-plot" "$work" > /dev/null 2> "$work/err.txt"; then
    echo "accepted a folder without results"; exit 1
fi
grep -q "missing" "$work/err.txt"
echo "lvs-plot test passed"
