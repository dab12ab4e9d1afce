#!/usr/bin/env bash
# analysis/lvs-capacity-plot turns a sweep's per-point index into PNG and
# SVG figures with interval bars, one line per series, and refuses an axis
# that is not a varied option.
set -euo pipefail
lvs_sweep=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/s.sweep" <<SWEEP
runs = 2
set duration-s = 1
set warmup-s = 0.2
vary arrival-rate-per-s = 100, 200
vary forwarding = nat, dr
SWEEP
"$lvs_sweep" "$work/s.sweep" --jobs 2 --output "$work/out" > /dev/null 2>&1
"$source_dir/analysis/lvs-capacity-plot" "$work/out" arrival-rate-per-s --target-p99-ms 150 > "$work/list.txt" 2> "$work/err.txt"
if grep -qi "warning\|error" "$work/err.txt"; then cat "$work/err.txt"; exit 1; fi
for figure in latency throughput busiest-share director-cpu; do
    png="$work/out/plots/capacity-$figure-vs-arrival-rate-per-s.png"
    svg="$work/out/plots/capacity-$figure-vs-arrival-rate-per-s.svg"
    [ -s "$png" ] && [ -s "$svg" ] || { echo "missing $png or $svg"; exit 1; }
    [ "$(head -c 4 "$png" | od -An -c | tr -d ' ')" = "211PNG" ] || { echo "$png is not a PNG"; exit 1; }
    grep -q "<svg" "$svg" || { echo "$svg is not an SVG"; exit 1; }
done
# Two series (nat, dr), each a mean and its interval, for two rates.
dat="$work/out/plots/capacity-latency-vs-arrival-rate-per-s.dat"
[ "$(head -n1 "$dat")" = "arrival-rate-per-s nat nat_ci95 dr dr_ci95" ] || { echo "bad header: $(head -n1 "$dat")"; exit 1; }
[ "$(wc -l < "$dat")" -eq 3 ] || { echo "expected two rates in $dat"; exit 1; }
awk 'NR > 1 && ($2 <= 0 || $3 < 0 || $4 <= 0) { exit 1 }' < "$dat" || { echo "bad figures in $dat"; exit 1; }
if "$source_dir/analysis/lvs-capacity-plot" "$work/out" throughput_per_s_mean > /dev/null 2> "$work/err.txt"; then
    echo "accepted a result column as the axis"; exit 1
fi
grep -q "not a varied option" "$work/err.txt"
echo "lvs-capacity-plot test passed"
