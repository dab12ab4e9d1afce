#!/usr/bin/env bash
# A short version of one comparison of docs/validation.md: runs
# tests/validation/KIND-short.sweep with lvs-sweep, then lvs-validate, which
# exits 1 if a checked figure is outside its tolerance; then its plot.
#
#   validation-short-test.sh BUILD_DIR SOURCE_DIR KIND COMPARISON
set -euo pipefail
build=$1 source=$2 kind=$3 comparison=$4
out=$(mktemp -d /tmp/lvs-validation-XXXXXX)
trap 'rm -rf "$out"' EXIT
"$build/lvs-sweep" "$source/tests/validation/$kind-short.sweep" --output "$out/sweep" --jobs 2 \
    > "$out/sweep.log" 2>&1 || { cat "$out/sweep.log"; exit 1; }
"$build/lvs-validate" "$comparison" "$out/sweep"
test -s "$out/sweep/validation.csv"
# The comparison's figure, as docs/validation.md draws it.
"$source/analysis/lvs-validation-plot" "$comparison" "$out/sweep" --plots "$out/plots"
ls "$out"/plots/validation-*.png > /dev/null
