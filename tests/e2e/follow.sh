# follow.sh - end-to-end tests of `follow` (issue 17), sourced by run.sh
# (uses its helpers: fsh, strays, pty, ok, not_ok, $WORK, $PTY, $ZOMBIES,
# $TOOLS, $FORKSH).  Each case runs a real program under follow in
# `forksh -c`, writes the record with --json, validates it against
# docs/record.schema.json and checks the facts in it (tests/e2e/
# recordcheck.py: each check is a Python expression over the record), and
# checks that forksh was left with no zombie child and no stray process.
# The C programs are written and built here; the cases that need a C
# compiler or python3 say so and are skipped where there is none.

FW=$WORK/follow
mkdir -p "$FW"
SCHEMA=$ROOT/docs/record.schema.json
RCHECK=$ROOT/tests/e2e/recordcheck.py

# A Python that has jsonschema (Debian's python3-jsonschema; scripts/deps.sh
# installs it), for the record checks.
RC_PY=""
for py in /usr/bin/python3 python3; do
	if command -v "$py" >/dev/null && "$py" -c 'import jsonschema' 2>/dev/null; then RC_PY=$py; break; fi
done
HAVE_CC=""
command -v cc >/dev/null && HAVE_CC=1

# build NAME : compile $FW/NAME.c (written by the caller) to $FW/NAME.
build() { cc -O -pthread -o "$FW/$1" "$FW/$1.c" 2>"$FW/cc.err"; }

# fcase NAME WANT_STATUS CMDLINE CHECK... : `follow --json REC CMDLINE` in
# forksh -c; the status must be WANT_STATUS, forksh must have no zombie
# child afterwards, nothing may stray, the record must be valid and every
# CHECK true.  The output is in $FW/out and $FW/err.
fcase() {
	local name=$1 want=$2 cmd=$3; shift 3
	local rec=$FW/rec.json st s checks problems=""
	rm -f "$rec"
	fsh -c "follow --timeline=full --json $rec $cmd; st=\$?; $ZOMBIES \$\$ >&2; exit \$st" \
		>"$FW/out" 2>"$FW/err"
	st=$?
	s=$(strays)
	[ "$st" = "$want" ] || problems="$problems status=$st(want $want)"
	grep -q '^zombies: 0$' "$FW/err" || problems="$problems zombies"
	if [ -z "$RC_PY" ]; then
		checks="(no python3 with jsonschema: the record was not checked)"
	elif ! checks=$("$RC_PY" "$RCHECK" "$rec" "$SCHEMA" "$@" 2>&1); then
		problems="$problems record"
	fi
	if [ -z "$problems$s" ]; then
		ok "follow: $name${RC_PY:+ (record valid, ${#@} facts)}"
	else
		not_ok "follow: $name" "problems:$problems" ${s:+"stray: $s"} "${checks//$'\n'/$'\n'#   }" \
			"stderr: $(head -c 1500 "$FW/err")" "$(head -c 4000 "$FW/out")"
	fi
}

skip() { ok "# SKIP follow: $1"; }

#### C programs ##############################################################
cat >"$FW/three.c" <<'EOF'
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void)
{
	for (int i = 0; i < 3; i++)
		if (fork() == 0) {
			printf("child %d of %d\n", getpid(), getppid());
			return i;
		}
	int st;
	while (wait(&st) > 0)
		;
	printf("parent %d done\n", getpid());
	return 0;
}
EOF
cat >"$FW/zombie.c" <<'EOF'
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
/* the state letter of pid, from /proc */
static char state(pid_t pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	char *p = strrchr(buf, ')');
	return p ? p[2] : '?';
}
int main(void)
{
	pid_t c = fork();
	if (c == 0)
		_exit(3);
	while (state(c) != 'Z')
		usleep(1000);
	struct timespec ts = { 0, 200000000 }; /* a zombie for 0.2 s */
	nanosleep(&ts, NULL);
	int st;
	waitpid(c, &st, 0);
	printf("reaped %d: %d\n", (int)c, WEXITSTATUS(st));
	return 0;
}
EOF
cat >"$FW/orphan.c" <<'EOF'
#include <stdio.h>
#include <unistd.h>
int main(void)
{
	pid_t me = getpid();
	if (fork() == 0) {
		while (getppid() == me) /* until the parent has gone */
			usleep(1000);
		printf("adopted by %d\n", getppid());
		return 0;
	}
	return 0;
}
EOF
cat >"$FW/execfail.c" <<'EOF'
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void)
{
	if (fork() == 0) {
		execlp("no-such-program-x", "no-such-program-x", "arg", (char *)NULL);
		perror("execlp");
		_exit(127);
	}
	int st;
	wait(&st);
	printf("child exited %d\n", WEXITSTATUS(st));
	return 0;
}
EOF
cat >"$FW/threads.c" <<'EOF'
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static void *run(void *arg)
{
	printf("thread %ld of %d\n", (long)arg, getpid());
	fflush(stdout);
	return NULL;
}
int main(void)
{
	pthread_t t[3];
	for (long i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, run, (void *)i);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("main %d done\n", getpid());
	return 0;
}
EOF
cat >"$FW/bomb.c" <<'EOF'
#include <unistd.h>
/* 2^12 processes if nobody stops it, each alive for 30 s */
int main(void)
{
	for (int i = 0; i < 12; i++)
		fork();
	sleep(30);
	return 0;
}
EOF
cat >"$FW/slow.c" <<'EOF'
#include <stdio.h>
#include <unistd.h>
/* a line, then nothing for 30 s: something to interrupt */
int main(void)
{
	printf("sl" "ow %d running\n", getpid());
	fflush(stdout);
	if (fork() == 0)
		execlp("sleep", "sleep", "30", (char *)NULL);
	sleep(30);
	return 0;
}
EOF

if [ -z "$HAVE_CC" ]; then
	skip "no C compiler: the C programs were not followed"
else
	for p in three zombie orphan execfail threads bomb slow; do
		build $p || not_ok "follow: build $p.c" "$(cat "$FW/cc.err")"
	done

	fcase "a C program forks 3 children and waits for them" 0 "$FW/three" \
		'len(procs) == 4' 'root["command"].endswith("/three")' \
		'sorted(status(p) for p in kids(root["pid"])) == [0, 1, 2]' \
		'all(p["reaper"] == root["pid"] and p["reaped"] >= p["ended"] for p in kids(root["pid"]))' \
		'all(said(p["pid"]) == ["child %d of %d" % (p["pid"], root["pid"])] for p in kids(root["pid"]))' \
		'said(root["pid"]) == ["parent %d done" % root["pid"]]' \
		'root["reaper"] == shell and status(root) == 0' \
		'len(kind("fork")) == 4 and len(kind("exec")) == 1 and not kind("exec_failed")'

	fcase "a child left a zombie for 0.2 s: its exit and its reap" 0 "$FW/zombie" \
		'len(procs) == 2' 'status(kids(root["pid"])[0]) == 3' \
		'kids(root["pid"])[0]["reaper"] == root["pid"]' \
		'kids(root["pid"])[0]["reaped"] - kids(root["pid"])[0]["ended"] >= 0.15' \
		'said(root["pid"]) == ["reaped %d: 3" % kids(root["pid"])[0]["pid"]]'

	fcase "an orphaned child is re-parented to forksh, which reaps it" 0 "$FW/orphan" \
		'len(procs) == 2' \
		'[e["parent"] for e in kind("reparent")] == [shell]' \
		'P(kind("reparent")[0]["pid"])["reaper"] == shell' \
		'said(kind("reparent")[0]["pid"]) == ["adopted by %d" % shell]' \
		'kind("reparent")[0]["t"] >= root["ended"]'
	grep -q "waiting for the 1 process it left running" "$FW/err" && ok "follow: says it waits for what the program left running" ||
		not_ok "follow: says it waits for what the program left running" "$(cat "$FW/err")"

	fcase "a failed exec, with its errno, and no exec recorded for it" 0 "$FW/execfail" \
		'len(kind("exec_failed")) == 1' \
		'kind("exec_failed")[0]["command"] == "no-such-program-x arg"' \
		'kind("exec_failed")[0]["errno"] == 2 and kind("exec_failed")[0]["error"] == "ENOENT"' \
		'status(P(kind("exec_failed")[0]["pid"])) == 127' \
		'P(kind("exec_failed")[0]["pid"])["command"] is None' \
		'said(kind("exec_failed")[0]["pid"]) == ["execlp: No such file or directory"]'

	fcase "a program with 3 threads is one process, its threads folded in" 0 "$FW/threads" \
		'len(procs) == 1' 'root["threads"] == 3 and len(kind("thread")) == 3' \
		'all(e["pid"] == root["pid"] and e["tid"] != root["pid"] for e in kind("thread"))' \
		'sorted(said(root["pid"])) == sorted(["thread %d of %d" % (i, root["pid"]) for i in range(3)] + ["main %d done" % root["pid"]])'
	grep -q "started 3 threads" "$FW/out" && ok "follow: the tree says a process started 3 threads" ||
		not_ok "follow: the tree says a process started 3 threads" "$(head -c 2000 "$FW/out")"

	fcase "a fork bomb is stopped by --max-procs, every process killed" 137 "--max-procs 20 $FW/bomb" \
		'len(procs) > 20' 'all(p["reaped"] is not None for p in procs)' \
		'len([p for p in procs if status(p) == -9]) > 20 and all(status(p) in (-9, None) for p in procs)'
	grep -q "more than 20 processes at once (--max-procs 20)" "$FW/err" &&
		ok "follow: the cap says what happened" || not_ok "follow: the cap says what happened" "$(cat "$FW/err")"
fi

#### shells, make, Python ####################################################
fcase "a shell pipeline with a subshell" 0 "sh -c '(echo a; echo b) | cat; echo done'" \
	'root["command"].startswith("sh -c")' 'len(kids(root["pid"])) == 2' \
	'len([p for p in kids(root["pid"]) if p["command"] is None and said(p["pid"]) == ["a", "b"]]) == 1' \
	'[said(p["pid"]) for p in procs if p["command"] == "cat"] == [["a", "b"]]' \
	'said(root["pid"]) == ["done"]' \
	'all(p["reaper"] == root["pid"] for p in kids(root["pid"]))'

if command -v make >/dev/null; then
	mkdir -p "$FW/mk"
	printf 'all: one two\none:\n\t@echo built one\ntwo:\n\t@echo built two\n' >"$FW/mk/Makefile"
	fcase "make -j2 on a tiny Makefile" 0 "make -s -j2 -C $FW/mk" \
		'root["command"].startswith("make")' \
		'len([p for p in procs if "built one" in said(p["pid"])]) == 1' \
		'len([p for p in procs if "built two" in said(p["pid"])]) == 1' \
		'[p for p in procs if "built one" in said(p["pid"])][0]["pid"] != [p for p in procs if "built two" in said(p["pid"])][0]["pid"]' \
		'all(P(p["reaper"]) is not None or p["reaper"] == shell for p in procs)'
else
	skip "no make: make -j2 was not followed"
fi

if command -v python3 >/dev/null; then
	cat >"$FW/forky.py" <<'EOF'
import os

pid = os.fork()
if pid == 0:
    os.execlp("echo", "echo", "hello from", str(os.getpid()))
_, status = os.waitpid(pid, 0)
print("parent", os.getpid(), "reaped", pid, "status", os.WEXITSTATUS(status), flush=True)
EOF
	# The facts: a Python process forked a child, which exec'd echo (same
	# PID) and wrote its line, and the Python process reaped it.
	E='[p for p in procs if p["command"] and p["command"].startswith("echo hello from")]'
	fcase "a Python 3 script: os.fork, os.execlp, os.waitpid" 0 "python3 $FW/forky.py" \
		"len($E) == 1" \
		"said($E[0][\"pid\"]) == [\"hello from %d\" % $E[0][\"pid\"]]" \
		"\"python\" in P($E[0][\"parent\"])[\"command\"] and $E[0][\"reaper\"] == $E[0][\"parent\"]" \
		"status($E[0]) == 0" \
		"\"parent %d reaped %d status 0\" % ($E[0][\"parent\"], $E[0][\"pid\"]) in said($E[0][\"parent\"])"
else
	skip "no python3: the Python program was not followed"
fi

#### the JSON, the pictures, the options #####################################
if [ -n "$RC_PY" ]; then
	# The validator itself must be able to fail: a record with a wrong kind.
	fsh -c "follow -q --json $FW/v.json /bin/true" >/dev/null 2>&1
	sed 's/"kind": "exit"/"kind": "ended"/' "$FW/v.json" >"$FW/bad.json"
	if "$RC_PY" "$RCHECK" "$FW/v.json" "$SCHEMA" >/dev/null && ! "$RC_PY" "$RCHECK" "$FW/bad.json" "$SCHEMA" >/dev/null; then
		ok "follow: the JSON is valid against docs/record.schema.json, a broken one is not"
	else
		not_ok "follow: the JSON is valid against docs/record.schema.json, a broken one is not" "$(head -c 2000 "$FW/v.json")"
	fi
	# a lesson's record is the same format
	fsh -c "lesson fork --auto=0 --forks 2 --json $FW/lesson.json" >/dev/null 2>&1
	if out=$("$RC_PY" "$RCHECK" "$FW/lesson.json" "$SCHEMA" 'len(procs) == 3' 2>&1); then
		ok "follow: a lesson's JSON is valid against the same schema"
	else
		not_ok "follow: a lesson's JSON is valid against the same schema" "$out"
	fi
else
	skip "no python3 with jsonschema: the JSON was not validated"
fi

out=$(LC_ALL=C fsh -c "follow --stable-pids --timeline=off --svg $FW/p.svg sh -c 'echo hi'" 2>&1)
if grep -q '^P1  ran sh -c echo hi; exited 0' <<<"$out" && ! grep -q '^Timeline' <<<"$out" &&
	grep -q '<svg' "$FW/p.svg" && grep -q 'the picture of this run is in' <<<"$out"; then
	ok "follow: --stable-pids, --timeline=off and --svg"
else
	not_ok "follow: --stable-pids, --timeline=off and --svg" "$out"
fi

t "follow: no command is a usage error" "" 2 -c 'follow --live'
t "follow: --max-procs takes a number" "" 2 -c 'follow --max-procs 0 /bin/true'
t "follow: an unknown option" "" 2 -c 'follow --frobnicate /bin/true'
terr "follow: a command that is not found is followed to its end" "nosuchcmd-q: command not found" 127 \
	-c 'follow -q nosuchcmd-q'
t "follow: the program's status is follow's" "" 3 -c 'follow -q sh -c "exit 3"'
t "follow: the program's output is unchanged" "$(printf 'one\ntwo\nno newline')" 0 \
	-c "follow -q sh -c 'echo one; echo two >&2; printf \"no newline\"' 2>&1"
# (LeakSanitizer cannot run in a traced process: an ASan-built fdcheck, as
# under make check-asan, must not check for leaks here)
t "follow: the program gets only descriptors 0, 1 and 2" "0 1 2" 0 \
	-c "ASAN_OPTIONS=\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}detect_leaks=0 follow -q $FDCHECK"
t "follow: a background job that ends meanwhile goes to the job table" "5" 0 \
	-c 'sh -c "exit 5" & follow -q sh -c "sleep 0.2"; wait $!; echo $?'
out=$(fsh -c 'trace on; follow -q sh -c "echo a; echo b; echo c"' 2>&1 | grep -c 'waitpid')
[ "$out" -le 3 ] && ok "follow: trace narrates the ends, not every stop of the program ($out waitpid lines)" ||
	not_ok "follow: trace narrates the ends, not every stop" "$out waitpid lines"
help=$(fsh -c 'help follow')
grep -q 'usage: follow \[OPTIONS\] COMMAND' <<<"$help" && grep -q -- '--max-procs N' <<<"$help" &&
	ok "follow: help follow" || not_ok "follow: help follow" "$help"

#### when ptrace or seccomp is not allowed ###################################
SANDBOX=$TOOLS/sandbox
# (LeakSanitizer needs ptrace itself: where ptrace is refused, as here under
# make check-asan, it cannot check forksh for leaks)
out=$(env FORKSH_TEST_MARK="$MARK" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	timeout 20 "$SANDBOX" ptrace -- "$FORKSH" -c \
	'follow sh -c "echo ran-anyway"; echo status=$?' 2>&1)
if grep -q 'status=126' <<<"$out" && grep -q 'the kernel refused ptrace (Operation not permitted)' <<<"$out" &&
	grep -q "seccomp profile" <<<"$out" && ! grep -q ran-anyway <<<"$out" && [ -z "$(strays)" ]; then
	ok "follow: where ptrace is refused it says why, runs nothing, status 126"
else
	not_ok "follow: where ptrace is refused it says why, runs nothing, status 126" "$out"
fi
out=$(env FORKSH_TEST_MARK="$MARK" timeout 20 "$SANDBOX" seccomp -- "$FORKSH" -c \
	"follow --stable-pids --timeline=full sh -c 'echo one; /bin/echo two; nosuchcmd-z'; echo status=\$?" 2>&1)
if grep -q 'status=127' <<<"$out" && grep -q 'no seccomp filter here' <<<"$out" &&
	grep -q 'P2 exec: /bin/echo two' <<<"$out" && grep -q 'P2: two' <<<"$out" &&
	grep -q 'P1 (stderr): .*nosuchcmd-z: not found' <<<"$out" && [ -z "$(strays)" ]; then
	ok "follow: without seccomp it says so and stops at every system call instead"
else
	not_ok "follow: without seccomp it says so and stops at every system call instead" "$out"
fi

# forksh under follow: its own follow cannot attach (a process has one
# tracer), and says so.  (No leak check in the traced forksh: LeakSanitizer
# cannot run under ptrace.)
out=$(fsh -c "ASAN_OPTIONS=\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}detect_leaks=0 follow -q ${FORKSH_REAL:-$FORKSH} -c 'follow -q /bin/echo x; echo st=\$?'" 2>&1)
if grep -q 'already traced by process [0-9]*, and a process can have one tracer only' <<<"$out" &&
	grep -q '^st=126$' <<<"$out" && ! grep -q '^x$' <<<"$out"; then
	ok "follow: a forksh that is itself followed says why it cannot follow"
else
	not_ok "follow: a forksh that is itself followed says why it cannot follow" "$out"
fi

# A set-uid program, followed by someone who is not its owner: refused
# when it is the command, run without its privileges (and said) below it.
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then
	SU=$(mktemp -d /tmp/forksh-follow-suid.XXXXXX)
	chmod 755 "$SU"
	cp "${FORKSH_REAL:-$FORKSH}" "$SU/forksh"
	cp "$(command -v id)" "$SU/suid-id" && chmod 4755 "$SU/suid-id"
	if runuser -u nobody -- test -x "$SU/suid-id" && [ "$(runuser -u nobody -- "$SU/suid-id" -u)" = 0 ]; then
		out=$(cd "$SU" && runuser -u nobody -- env FORKSH_TEST_MARK="$MARK" ./forksh -c \
			'follow ./suid-id -u; echo status=$?; follow -q sh -c "./suid-id -u"; echo status=$?' 2>&1)
		if grep -q 'cannot follow .*suid-id: it is set-uid (it runs as root' <<<"$out" &&
			grep -q '^status=126$' <<<"$out" && grep -q '^65534$' <<<"$out" &&
			grep -q 'suid-id -u is set-uid or set-gid; under follow it ran without those privileges' <<<"$out"; then
			ok "follow: a set-uid program is refused, and one below it is said to have run unprivileged"
		else
			not_ok "follow: a set-uid program is refused, and one below it is said to have run unprivileged" "$out"
		fi
	else
		skip "set-uid programs do not work under $SU"
	fi
	# The cap is never more than RLIMIT_NPROC leaves room for (root has
	# no such limit): a fork bomb under ulimit -u 40 is stopped by follow,
	# not left spinning on failed forks.
	if [ -n "$HAVE_CC" ] && command -v prlimit >/dev/null; then
		cp "$FW/bomb" "$SU/bomb"
		out=$(cd "$SU" && runuser -u nobody -- env FORKSH_TEST_MARK="$MARK" prlimit --nproc=40 ./forksh -c \
			'follow -q ./bomb; echo status=$?' 2>&1)
		if grep -q 'all that your process limit (ulimit -u 40) leaves room for' <<<"$out" &&
			grep -q '^status=137$' <<<"$out" && [ -z "$(strays)" ]; then
			ok "follow: the cap stays within ulimit -u"
		else
			not_ok "follow: the cap stays within ulimit -u" "$out" "stray: $(strays)"
		fi
	else
		skip "the cap under ulimit -u (needs a C compiler and prlimit)"
	fi
	rm -rf "$SU"
else
	skip "set-uid refusal (needs root and runuser to become nobody)"
fi

#### the end of forksh, Ctrl-C, Ctrl-Z, --live, Tab ###########################
# forksh killed while it follows: the kernel kills every followed process.
env FORKSH_TEST_MARK="$MARK" "$FORKSH" -c 'follow sh -c "sleep 30 & sleep 31"' >/dev/null 2>&1 &
fpid=$!
for _ in $(seq 100); do pgrep -f '^sleep 31$' >/dev/null && break; sleep 0.05; done
kill -9 "$fpid"; wait "$fpid" 2>/dev/null
left=""
for _ in $(seq 100); do left=$(strays); [ -z "$left" ] && break; sleep 0.05; done
[ -z "$left" ] && ok "follow: when forksh dies, every followed process dies with it" ||
	not_ok "follow: when forksh dies, every followed process dies with it" "stray: $left"

if [ -n "$HAVE_CC" ]; then
	pty "follow: Ctrl-C ends the program and kills what it left, status 130" "expect ${P}\\\$ \$
send follow --timeline=off $FW/slow\\r
expect slow [0-9]+ running
send \\x03
expect killed by SIGINT
expect ${P}.*\\\$ \$
nozombie
send echo st=\$?\\r
expect st=130
send exit\\r
wait 0"
	pty "follow: Ctrl-Z kills the followed program (it cannot be set aside), status 148" "expect ${P}\\\$ \$
send follow --timeline=off $FW/slow\\r
expect slow [0-9]+ running
send \\x1a
expect Ctrl-Z: a followed program cannot be stopped
expect ${P}.*\\\$ \$
nozombie
send echo st=\$?; jobs\\r
expect st=148
send fg\\r
expect no current job
send exit 0\\r
wait 0"
	pty "follow --live redraws the tree while the program runs" "expect ${P}\\\$ \$
send follow --live --timeline=off $FW/slow\\r
expect follow --live: 2 processes so far
expect ran sleep 30
send \\x03
expect ${P}.*\\\$ \$
send exit 0\\r
wait 0"
else
	skip "Ctrl-C, Ctrl-Z and --live in a terminal (no C compiler)"
fi

mkdir -p "$WORK/fbin"
printf '#!/bin/sh\necho zq\n' >"$WORK/fbin/zqfollowprog" && chmod +x "$WORK/fbin/zqfollowprog"
PATH=$WORK/fbin:$PATH pty "follow: Tab completes its options, then the command" "expect ${P}\\\$ \$
send follow --stab\\t
expect follow --stable-pids
send zqfoll\\t
expect zqfollowprog
send \\r
expect Process tree \\(1 process
send exit\\r
wait 0"

#### the lesson ##############################################################
fsh -c "TMPDIR=$FW lesson yours" >"$FW/lesson.out" 2>&1
st=$?
if [ -n "$HAVE_CC" ]; then
	if [ $st = 0 ] && grep -q 'Answer: 4\.' "$FW/lesson.out" && grep -q 'Process tree (4 processes' "$FW/lesson.out" &&
		grep -q 'Lesson yours finished' "$FW/lesson.out" && [ -f "$(ls -d "$FW"/forksh-yours.*/mine.c | head -1)" ] &&
		{ ! command -v python3 >/dev/null || grep -q 'Answer: 1\.' "$FW/lesson.out"; } && [ -z "$(strays)" ]; then
		ok "lesson yours: builds and follows a C program (4 processes) and a Python one (echo in the child)"
	else
		not_ok "lesson yours: builds and follows a C program and a Python one" "status $st" "$(head -c 5000 "$FW/lesson.out")"
	fi
fi
fsh -c "PATH=/nonexistent; TMPDIR=$FW lesson yours" >"$FW/lesson.out" 2>&1
if grep -q 'There is no C compiler here' "$FW/lesson.out" && grep -q 'python3 is not installed here' "$FW/lesson.out"; then
	ok "lesson yours: without a compiler or python3 it says so and shows the programs"
else
	not_ok "lesson yours: without a compiler or python3 it says so" "$(head -c 3000 "$FW/lesson.out")"
fi
