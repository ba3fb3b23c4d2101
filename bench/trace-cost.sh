#!/bin/bash
# trace-cost.sh - what `trace on` costs: a script of 2000 /bin/true lines run
# by forksh with tracing off and on, interleaved (off on off on ...) so that
# machine drift cancels, five runs each; prints the medians and their ratio.
# A benchmark, not a test: it measures and prints, it never fails on time.
set -eu
FORKSH=${FORKSH:-$(dirname "$0")/../forksh}
N=${N:-2000}
RUNS=${RUNS:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for ((i = 0; i < N; i++)); do echo /bin/true; done > "$dir/script"

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", (b - a) / 1e9 }'; }
off=() on=()
for ((r = 0; r < RUNS; r++)); do
	t0=$(now); "$FORKSH" "$dir/script"; t1=$(now)
	off+=("$(secs "$t0" "$t1")")
	t0=$(now); "$FORKSH" --trace "$dir/script" 2>/dev/null; t1=$(now)
	on+=("$(secs "$t0" "$t1")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_off=$(median "${off[@]}")
m_on=$(median "${on[@]}")
printf 'trace cost, %d x /bin/true, median of %d runs\n' "$N" "$RUNS"
awk -v off="$m_off" -v on="$m_on" -v n="$N" 'BEGIN {
	printf "  trace off  %8.3f s  (%.1f us per command)\n", off, off * 1e6 / n
	printf "  trace on   %8.3f s  (%.1f us per command)\n", on, on * 1e6 / n
	printf "  on / off   %8.3f    (target: at most 1.20)\n", on / off
}'
