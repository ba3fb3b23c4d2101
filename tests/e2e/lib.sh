# lib.sh - what run.sh and hostile.sh share: a clean start in $WORK,
# reporting, the stray-process check, and the ways forksh is started (fsh,
# pty).  Sourced after ROOT, MARK, FORKSH and WORK are set.

# Descriptors the test harness itself inherited must not be mistaken for
# leaks of forksh: close everything above 2 (bash keeps its own on 255).
for fd in /proc/$$/fd/*; do
	n=${fd##*/}
	if [ "$n" -gt 2 ] && [ "$n" -ne 255 ]; then eval "exec $n>&-" 2>/dev/null; fi
done

# Waiting for processes to reach a state, with a deadline (never `sleep`).
AWAIT=$ROOT/tests/e2e/await

# A home, a state directory and a plain, colourless C locale of our own.
export HOME=$WORK/home XDG_STATE_HOME=$WORK/state NO_COLOR=1 TERM=xterm LC_ALL=C
mkdir -p "$HOME" "$XDG_STATE_HOME"
cd "$WORK" || exit 2

. "$ROOT/tests/tap.sh"

# No process started under a test may outlive it: any process still
# carrying this run's FORKSH_TEST_MARK is named (and killed).  Processes
# that are on their way out (a job hung up as its shell exits) get up to
# 10 seconds to finish dying: a deadline, not a pause.
marked() { grep -lsz "^FORKSH_TEST_MARK=$MARK\$" /proc/[0-9]*/environ 2>/dev/null | tr '\n' ' '; }
strays() {
	local found tries=0
	found=$(marked)
	while [ -n "$found" ] && [ $tries -lt 200 ]; do
		sleep 0.05   # between two looks at /proc, under a deadline
		found=$(marked)
		tries=$((tries + 1))
	done
	if [ -n "$found" ]; then
		for f in $found; do p=${f#/proc/}; p=${p%%/*}; kill -9 "$p" 2>/dev/null; done
		echo "$found"
	fi
}

# for_other_user PROGRAM...: copies of the programs that another user can
# run, in $WORK/ubin.  A test that switches user must never run the build
# tree's programs: the clone may be somewhere others cannot enter (/root, a
# CI directory of mode 700).  forksh-hello goes along with forksh (lessons
# exec it from next to the shell).  Prints the copies' paths, one a line,
# in order; returns 1 if anything could not be copied.
for_other_user() {
	local d=$WORK/ubin p
	mkdir -p "$d" && chmod 755 "$WORK" "$d" || return 1
	for p; do
		cp "$p" "$d/" && chmod 755 "$d/${p##*/}" || return 1
		if [ -e "${p%/*}/forksh-hello" ] && [ ! -e "$d/forksh-hello" ]; then
			cp "${p%/*}/forksh-hello" "$d/" && chmod 755 "$d/forksh-hello" || return 1
		fi
		echo "$d/${p##*/}"
	done
}

# A hung shell must fail its test, not the whole run: 120 s at most each.
fsh() { env FORKSH_TEST_MARK="$MARK" timeout -k 5 120 "$FORKSH" "$@"; }

# pty NAME SCRIPT [FORKSH ARGS... | --cmd COMMAND...]: drive an
# interactive forksh (or COMMAND, which starts one) in a pseudo-terminal
# with tests/e2e/ptydrive (each expectation may wait PTY_TIMEOUT seconds);
# on failure the end of the session is shown.
pty() {
	local name=$1 script=$2; shift 2
	local s cmd=("$FORKSH" "$@")
	if [ "${1:-}" = --cmd ]; then shift; cmd=("$@"); fi
	if printf '%s\n' "$script" | env FORKSH_TEST_MARK="$MARK" "$PTY" -t "${PTY_TIMEOUT:-8}" -- "${cmd[@]}" \
		>"$WORK/pty" 2>&1; then
		s=$(strays)
		if [ -z "$s" ]; then ok "$name"; else not_ok "$name" "stray: $s"; fi
	else
		s=$(strays)
		not_ok "$name" "$(tail -c 3000 "$WORK/pty" | cat -v)" ${s:+"stray: $s"}
	fi
}
