#!/usr/bin/env bash
# analysis/lvs-walk-chart draws the walks of NAT, DR and TUN side by side:
# one lane group per walk, an arrow per hop of walk.csv with its addresses,
# roles and TTL (and the tunnel's outer header), rendered by mscgen; it
# refuses a folder without a walk.
set -euo pipefail
lvs_sim=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "$*"; exit 1; }
for method in nat dr tun; do
    "$lvs_sim" --forwarding $method --arp-ignore 1 --arp-announce 2 --scheduler rr --servers 2 \
        --server-weights 1 --client-nodes 1 --client-addresses 1 --transactions 3 --walk 1 \
        --progress off --output "$work/$method" > /dev/null
done
"$source_dir/analysis/lvs-walk-chart" "$work/chart" "$work/nat" "$work/dr" "$work/tun" > /dev/null
msc="$work/chart.msc"
# Every hop of the three walks is an arrow, and nothing else is.
hops=0
for method in nat dr tun; do
    hops=$((hops + $(tail -n +2 "$work/$method/walk.csv" | wc -l)))
done
[ "$hops" -eq 16 ] || fail "expected 16 hops (NAT 6, DR 5, TUN 5), got $hops"
arrows=$(grep -o ' => ' "$msc" | wc -l)
[ "$arrows" -eq "$hops" ] || fail "$arrows arrows for $hops hops"
for title in LVS-NAT LVS-DR LVS-TUN; do
    grep -q "label=\"$title\"" "$msc" || fail "no $title group"
done
# What each method does to the addresses on the Director's hop.
grep -q 'g1_director => g1_rs_2 \[label="CIP 172.16.0.1:49153 -> RIP rs-2 192.168.10.12:80\\nTTL 62"' "$msc" \
    || fail "NAT's rewritten destination is not on the Director's arrow"
grep -q 'g2_director => g2_rs_2 \[label="CIP 172.16.0.1:49153 -> VIP 10.0.0.100:80\\nTTL 62"' "$msc" \
    || fail "DR's untouched header is not on the Director's arrow"
grep -q 'g3_director => g3_rs_2 \[label="CIP 172.16.0.1:49153 -> VIP 10.0.0.100:80\\nTTL 62\\nouter DIP 192.168.10.1 -> RIP rs-2 192.168.10.12 TTL 62"' "$msc" \
    || fail "TUN's outer header is not on the Director's arrow"
# DR and TUN replies skip the Director: rs-2 straight to the router.
grep -q 'g2_rs_2 => g2_router' "$msc" || fail "DR's reply does not go rs-2 -> router"
grep -q 'g1_rs_2 => g1_director' "$msc" || fail "NAT's reply does not go rs-2 -> director"
[ "$(head -c 4 "$work/chart.png" | od -An -c | tr -d ' ')" = "211PNG" ] || fail "chart.png is not a PNG"
grep -q '<svg' "$work/chart.svg" || fail "chart.svg is not an SVG"
# Every segment (--walk-packets all): one arrow per row, with its flags.
"$lvs_sim" --forwarding nat --scheduler rr --servers 2 --server-weights 1 --client-nodes 1 \
    --client-addresses 1 --transactions 3 --walk 1 --walk-packets all --progress off \
    --output "$work/all" > /dev/null
"$source_dir/analysis/lvs-walk-chart" "$work/all-chart" "$work/all" > /dev/null
rows=$(tail -n +2 "$work/all/walk.csv" | wc -l)
[ "$rows" -gt 10 ] || fail "only $rows segments in the conversation"
[ "$(grep -o ' => ' "$work/all-chart.msc" | wc -l)" -eq "$rows" ] || fail "an arrow per segment"
grep -q 'label="SYN+ACK  RIP rs-2 192.168.10.12:80 -> CIP 172.16.0.1:49153\\nTTL 64"' \
    "$work/all-chart.msc" || fail "the SYN-ACK's arrow lacks its flags or fields"
! grep -qF '\nouter ' "$work/all-chart.msc" || fail "NAT has no tunnel, yet an outer header is drawn"
# A folder run without --walk is refused.
"$lvs_sim" --transactions 2 --progress off --output "$work/plain" > /dev/null
if "$source_dir/analysis/lvs-walk-chart" "$work/x" "$work/plain" 2> "$work/err.txt"; then
    fail "accepted a folder without a walk"
fi
grep -q "missing .*walk.csv" "$work/err.txt" || fail "no reason given: $(cat "$work/err.txt")"
echo "lvs-walk-chart test passed"
