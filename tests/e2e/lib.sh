# lib.sh - what run.sh and hostile.sh share: a clean start in $WORK,
# reporting, the stray-process check, and the ways forksh is started (fsh,
# pty).  Sourced after ROOT, MARK, FORKSH and WORK are set.

# Descriptors the test harness itself inherited must not be mistaken for
# leaks of forksh: close everything above 2 (bash keeps its own on 255).
for fd in /proc/$$/fd/*; do
	n=${fd##*/}
	if [ "$n" -gt 2 ] && [ "$n" -ne 255 ]; then eval "exec $n>&-" 2>/dev/null; fi
done

# A home, a state directory and a plain, colourless C locale of our own.
export HOME=$WORK/home XDG_STATE_HOME=$WORK/state NO_COLOR=1 TERM=xterm LC_ALL=C
mkdir -p "$HOME" "$XDG_STATE_HOME"
cd "$WORK" || exit 2

. "$ROOT/tests/tap.sh"

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

# pty NAME SCRIPT [FORKSH ARGS...]: drive an interactive forksh in a
# pseudo-terminal with tests/e2e/ptydrive (each expectation may wait
# PTY_TIMEOUT seconds); on failure the end of the session is shown.
pty() {
	local name=$1 script=$2; shift 2
	local s
	if printf '%s\n' "$script" | env FORKSH_TEST_MARK="$MARK" "$PTY" -t "${PTY_TIMEOUT:-8}" -- "$FORKSH" "$@" \
		>"$WORK/pty" 2>&1; then
		s=$(strays)
		if [ -z "$s" ]; then ok "$name"; else not_ok "$name" "stray: $s"; fi
	else
		s=$(strays)
		not_ok "$name" "$(tail -c 3000 "$WORK/pty" | cat -v)" ${s:+"stray: $s"}
	fi
}
