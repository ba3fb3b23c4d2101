# lib.sh - what run.sh and hostile.sh share: reporting, the stray-process
# check and the way forksh is started.  Sourced after MARK, FORKSH and
# WORK are set.

pass=0 failn=0
ok() { pass=$((pass + 1)); echo "ok $((pass + failn)) - $1"; }
not_ok() {
	failn=$((failn + 1)); echo "not ok $((pass + failn)) - $1"
	shift; for l in "$@"; do printf '#   %s\n' "$l"; done
}

# No process started under a test may outlive it: any process still
# carrying this run's FORKSH_TEST_MARK is named (and killed).
strays() {
	local found
	found=$(grep -lsz "^FORKSH_TEST_MARK=$MARK\$" /proc/[0-9]*/environ 2>/dev/null | tr '\n' ' ')
	if [ -n "$found" ]; then
		for f in $found; do p=${f#/proc/}; p=${p%%/*}; kill -9 "$p" 2>/dev/null; done
		echo "$found"
	fi
}

# A hung shell must fail its test, not the whole run: 120 s at most each.
fsh() { env FORKSH_TEST_MARK="$MARK" timeout -k 5 120 "$FORKSH" "$@"; }
