#!/bin/bash
# tests/diff/run.sh - differential tests: every case runs under dash and under
# forksh, in each of the three non-interactive modes (a script file, -c, and
# standard input), and standard output and exit status must be the same.
# Standard error is not compared (messages are worded differently).
#
# Cases live in tests/diff/*.t, separated by lines "#### NAME".  A name may
# end in tags:  @noc (not with -c: the case reads its own script from stdin,
# say), @nostdin (not from standard input: the case reads standard input),
# @file (only as a script file).  Each case runs in a fresh directory holding
# a.c b.c c.h, with HOME set to it; SH_UNDER_TEST names the shell running
# it (for cases that run real scripts with that shell).
#
# Usage: run.sh [FILE.t...]   (FORKSH=path/to/forksh; DIFF_ONLY=substring)
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FORKSH=${FORKSH:-$ROOT/forksh}
DASH=${DASH:-$(command -v dash)}
WORK=$(mktemp -d /tmp/forksh-diff.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export LC_ALL=C NO_COLOR=1
unset ENV CDPATH

if [ -z "$DASH" ]; then
	echo "run.sh: dash is needed for the differential tests" >&2
	exit 2
fi
files=("$@")
[ ${#files[@]} -eq 0 ] && files=("$ROOT"/tests/diff/*.t)

pass=0 fail=0 total=0

# run SHELL MODE SCRIPT: one shell, one mode, in a fresh directory; prints
# the output followed by the status.
run() {
	local sh=$1 mode=$2 script=$3 dir
	dir=$(mktemp -d "$WORK/case.XXXXXX")
	: >"$dir/a.c"; : >"$dir/b.c"; : >"$dir/c.h"
	(
		cd "$dir" || exit 99
		export HOME=$dir
		# the shell under test, for cases that run a script with it
		export SH_UNDER_TEST=$sh
		case $mode in
		file) timeout -k 2 20 "$sh" "$script" arg1 'arg 2' </dev/null ;;
		c) timeout -k 2 20 "$sh" -c "$(cat "$script")" name arg1 'arg 2' </dev/null ;;
		stdin) timeout -k 2 20 "$sh" <"$script" ;;
		esac
		echo "[status $?]"
	) 2>/dev/null
	rm -rf "$dir"
}

# One .t file: prints its "not ok" reports and ends with a line
# "RESULT pass total".  Files run two at a time (the machine has 2 cores).
run_file() {
	local f=$1 cases pass=0 total=0
	cases=$(mktemp -d "$WORK/cases.XXXXXX")
	awk -v dir="$cases" '
		/^#### / { n++; name = substr($0, 6); file = sprintf("%s/%04d", dir, n);
			   print name > (file ".name"); close(file ".name"); printf "" > file; next }
		n { print >> file }
	' "$f"
	for c in "$cases"/*.name; do
		[ -e "$c" ] || continue
		name=$(cat "$c")
		script=${c%.name}
		[ -n "${DIFF_ONLY:-}" ] && [[ $name != *"$DIFF_ONLY"* ]] && continue
		modes="file c stdin"
		case $name in *@noc*) modes=${modes/c /} ;; esac
		case $name in *@nostdin*) modes=${modes/stdin/} ;; esac
		case $name in *@file*) modes=file ;; esac
		for mode in $modes; do
			total=$((total + 1))
			want=$(run "$DASH" "$mode" "$script")
			got=$(run "$FORKSH" "$mode" "$script")
			if [ "$want" == "$got" ]; then
				pass=$((pass + 1))
			else
				echo "not ok - $(basename "$f"): $name ($mode)"
				diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | sed 's/^/#   /' | head -n 20
			fi
		done
	done
	echo "RESULT $pass $total"
}

i=0
for f in "${files[@]}"; do
	run_file "$f" >"$WORK/result.$i" &
	i=$((i + 1))
	if [ $((i % 2)) -eq 0 ]; then wait; fi
done
wait
for r in "$WORK"/result.*; do
	grep -v '^RESULT ' "$r"
	read -r _ p t < <(grep '^RESULT ' "$r")
	pass=$((pass + p))
	total=$((total + t))
done
fail=$((total - pass))
echo "differential: $pass of $total agree with dash ($fail differ)"
[ "$fail" -eq 0 ]
