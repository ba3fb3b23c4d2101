#!/bin/bash
# hostile.sh - end-to-end tests with hostile input and hostile surroundings:
# huge lines, binary bytes, operators with nothing around them, bad
# redirections and scripts, closed standard descriptors, broken history
# files, and process and descriptor limits low enough that fork and pipe
# fail.  Each case checks that the shell gives a clear (and short) message
# and the right status, that it still answers the next command, and that no
# zombie and no stray process is left.
#
# Same conventions as run.sh (FORKSH, E2E_TOOLS, FORKSH_TEST_MARK, "ok" /
# "not ok" lines, a closing "N passed, N failed"); the helpers are small
# enough to keep a copy here rather than couple the two scripts.

set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FORKSH=${FORKSH:-$ROOT/forksh}
TOOLS=${E2E_TOOLS:-$ROOT/build/tests}
PTY=$TOOLS/ptydrive
FDCHECK=$TOOLS/fdcheck
HOLD=$TOOLS/holdthreads
ZOMBIES=$ROOT/tests/e2e/zombies
MARK="forksh-hostile-$$-$RANDOM"
WORK=$(mktemp -d /tmp/forksh-hostile.XXXXXX)
HOLDPID=
cleanup() {
	[ -n "$HOLDPID" ] && kill $(mark_pids holdthreads) "$HOLDPID" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

. "$ROOT/tests/e2e/lib.sh"

# Under a sanitizer, LeakSanitizer needs a thread and descriptors of its own
# at exit; the limit tests take both away, so leak checking is off there
# (make check-asan finds leaks in every other test).
NOLEAK_ASAN="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
UNDER_VALGRIND=${FORKSH_REAL:+1}
skip() { echo "# skip: $1"; }
# vg_skip NAME: true (and say so) under valgrind, for the cases where
# valgrind itself changes what is tested: it runs exec in the forked child
# itself, opens its log on the lowest free descriptor (a closed 0, 1 or 2),
# and is too slow for a 100 MB history within the time limit.
vg_skip() { [ -n "$UNDER_VALGRIND" ] && { skip "$1 (not under valgrind)"; return 0; }; return 1; }

# mark_pids COMM...: the PIDs of our test processes named one of COMM.
mark_pids() {
	local f p c
	for f in $(grep -lsz "^FORKSH_TEST_MARK=$MARK\$" /proc/[0-9]*/environ 2>/dev/null); do
		p=${f#/proc/}; p=${p%%/*}
		c=$(cat /proc/"$p"/comm 2>/dev/null)
		case " $* " in *" $c "*) echo "$p" ;; esac
	done
}
# What a forksh process is called: under valgrind, the tool's name.
SHELL_COMM="forksh memcheck-amd64-"

# A clear message is a short one: no hostile input may make the shell
# echo it back in full.
MAXERR=1024

# h NAME STDERR_REGEX STATUS STDOUT ARGS... : run forksh ARGS and check all
# four, plus a short stderr and no stray process; H_CLOSE=0, 1 or 2 starts
# forksh with that descriptor closed.  An empty regex means
# stderr must be empty.  Put "echo next" (and a zombie check) after the
# hostile part of ARGS to show the shell carried on.
h() {
	local name=$1 re=$2 wantst=$3 want=$4; shift 4
	local st
	case ${H_CLOSE:-} in
	0) fsh "$@" >"$WORK/out" 2>"$WORK/err" <&-; st=$? ;;
	1) : >"$WORK/out"; fsh "$@" >&- 2>"$WORK/err"; st=$? ;;
	2) : >"$WORK/err"; fsh "$@" >"$WORK/out" 2>&-; st=$? ;;
	*) fsh "$@" >"$WORK/out" 2>"$WORK/err"; st=$? ;;
	esac
	judge "$name" "$st" "$wantst" "$want" "$re"
}

# hlim NAME STDERR_REGEX STATUS STDOUT LIMIT-ARGS -- FORKSH-ARGS: like h,
# with forksh started under prlimit LIMIT-ARGS (leak checks off: see
# NOLEAK_ASAN).
hlim() {
	local name=$1 re=$2 wantst=$3 want=$4; shift 4
	local lim=()
	while [ "$1" != -- ]; do lim+=("$1"); shift; done
	shift
	env FORKSH_TEST_MARK="$MARK" "$NOLEAK_ASAN" timeout -k 5 60 prlimit "${lim[@]}" -- "$FORKSH" "$@" \
		>"$WORK/out" 2>"$WORK/err"
	judge "$name" $? "$wantst" "$want" "$re"
}

# tree_judge NAME STATUS WANTED_STATUS WANTED_FIRST_LINE STDERR_REGEX: for
# runs that end with `ptree --ascii` (a builtin: no fork, no pipe, so it
# works where a fork or a descriptor just failed): the first line of stdout,
# and no zombie and no sleep left in the tree the shell drew.
tree_judge() {
	local name=$1 st=$2 wantst=$3 want=$4 re=$5 s problems=""
	s=$(strays)
	[ "$st" == "$wantst" ] || problems="$problems status=$st(want $wantst)"
	[ "$(head -n 1 "$WORK/out")" == "$want" ] || problems="$problems stdout"
	grep -v '(this shell)$' "$WORK/out" | grep -q ' Z zombie\|/bin/sleep' && problems="$problems left-behind"
	grep -q 'this shell' "$WORK/out" || problems="$problems no-tree"
	grep -Eq -- "$re" "$WORK/err" || problems="$problems stderr"
	[ -z "$s" ] || problems="$problems stray"
	if [ -z "$problems" ]; then ok "$name"; else
		not_ok "$name" "problems:$problems" "stdout: $(head -c 500 "$WORK/out")" "stderr: $(head -c 300 "$WORK/err")" \
			${s:+"stray: $s"}
	fi
}

# judge NAME STATUS WANTED_STATUS WANTED_STDOUT STDERR_REGEX: report a run
# whose output is in $WORK/out and $WORK/err: status, stdout, stderr (an
# empty regex: stderr must be empty; never longer than MAXERR), strays.
judge() {
	local name=$1 st=$2 wantst=$3 want=$4 re=$5 s errsz problems=""
	s=$(strays)
	errsz=$(wc -c < "$WORK/err")
	[ "$st" == "$wantst" ] || problems="$problems status=$st(want $wantst)"
	[ "$(cat "$WORK/out")" == "$want" ] || problems="$problems stdout"
	if [ -z "$re" ]; then
		[ "$errsz" = 0 ] || problems="$problems stderr-not-empty"
	else
		grep -Eq -- "$re" "$WORK/err" || problems="$problems stderr"
	fi
	[ "$errsz" -le "$MAXERR" ] || problems="$problems stderr-too-long($errsz)"
	[ -z "$s" ] || problems="$problems stray"
	if [ -z "$problems" ]; then
		ok "$name"
	else
		not_ok "$name" "problems:$problems" "stdout: $(head -c 300 "$WORK/out" | cat -v)" \
			"wanted: $(printf %s "$want" | head -c 300)" "stderr: $(head -c 400 "$WORK/err" | cat -v)" \
			"wanted /$re/" ${s:+"stray: $s"}
	fi
}

PTY_TIMEOUT=30   # seconds each pty expectation may wait (a deadline: only a failure waits it out)
P='forksh\[[0-9]+\]'
Z0="zombies: 0"
NEXT="echo next; $ZOMBIES \$\$"

echo "# forksh hostile-input tests ($FORKSH)"

#### huge input ##############################################################
big=$(head -c 1048576 /dev/zero | tr '\0' a)
printf ': %s\necho next\n%s $$\n' "$big" "$ZOMBIES" > mib.sh
h "a 1 MiB line in a script" "" 0 "next
$Z0" mib.sh
h "a 1 MiB line on standard input" "" 0 "next
$Z0" < mib.sh
printf 'x=%s\necho next\n' "$big" > mibvar.sh
h "a 1 MiB assignment" "" 0 "next" mibvar.sh
printf 'echo a %s ;; b\necho never\n' "$big" > mibsyn.sh
h "a syntax error in a 1 MiB line: short message, status 2" "syntax error: unexpected ';;'" 2 "" mibsyn.sh
grep -q '^  \.\.\.a* ;; b$' "$WORK/err" && ok "the 1 MiB line is shown cut around the caret" ||
	not_ok "the 1 MiB line is shown cut around the caret" "$(head -c 400 "$WORK/err")"
printf '/bin/echo %s\necho next\n' "${big:0:200000}" > e2big.sh
vg_skip "E2BIG" || h "one 200 kB argument: Argument list too long (126), then the next line" \
	"Argument list too long" 0 "next" e2big.sh
printf 'export BIG=%s\n/bin/true; x=$?; unset BIG; echo "st=$x"; echo next\n' "${big:0:200000}" > e2bigenv.sh
vg_skip "E2BIG from the environment" || h "a 200 kB exported variable: exec fails with E2BIG (126), unset cures it" \
	"Argument list too long" 0 "st=126
next" e2bigenv.sh
pipes=$(head -c 100000 /dev/zero | tr '\0' '|')
h "a line of 100 000 |" "syntax error: unexpected '\\|\\|'" 2 "" -c "$pipes"
printf '%s\n' "$pipes" > pipes.sh
h "a line of 100 000 | in a script" "syntax error" 2 "" pipes.sh
h "100 000 | after a command" "syntax error: unexpected '\\|\\|'" 2 "" -c "echo a $pipes"
p500=$(for i in $(seq 499); do printf 'true | '; done)
h "a pipeline of 500 commands" "" 0 "end
$Z0" -c "${p500}echo end; $ZOMBIES \$\$"

#### binary bytes ############################################################
printf 'echo first\necho a\0b\nprintf "%%s\\n" "\377\376\303("\necho next\n' > bin.sh
h "NUL bytes (after the first line) and invalid UTF-8 in a script" "" 0 "first
ab
$(printf '\377\376\303(')
next" bin.sh
# A program run as a script: bash's test (ELF header, NUL in the first
# line) says so instead of feeding machine code to the parser.
cp /bin/true ./prog.bin
h "a program given as a script: cannot execute binary file, 126" "prog.bin: cannot execute binary file" 126 "" prog.bin
# The same bytes on standard input are read as commands (as in bash); the
# messages show their control characters as ^X, never raw.
printf '\177ELF\002\001\001\000\033[2J\033]0;x\007 | |\n' > prog.head
h "machine code on standard input: messages without raw control characters" "\\^\\[\\[2J" 2 "" < prog.head
if tr -d '\n\t' < "$WORK/err" | LC_ALL=C grep -q '[[:cntrl:]]'; then
	not_ok "machine code on standard input: no raw control character on stderr" "$(head -c 300 "$WORK/err" | od -c | head -5)"
else
	ok "machine code on standard input: no raw control character on stderr"
fi
printf '\377\376x\necho next\n' > badname.sh
h "an invalid UTF-8 command name is not found (127), then the next line" \
	"command not found" 0 "next" badname.sh
printf '\001\002\003\033[2J\n%s\n' "$NEXT" > ctl.sh
h "control characters as a command" "command not found" 0 "next
$Z0" ctl.sh

#### unterminated quotes, operators with nothing around them ################
h "unterminated single quote" "unterminated single quote" 2 "" -c "echo 'abc"
h "unterminated double quote" "unterminated double quote" 2 "" -c 'echo "abc'
h "unterminated \${" "missing '}'" 2 "" -c 'echo ${abc'
printf 'echo first\necho "never closed\necho more\n' > unterm.sh
h "unterminated quote at the end of a script" "unterminated double quote.*input ended" 2 "first" unterm.sh
for op in '| x' 'x |' ';;' '&&' '> ' '<' '>>' '&' ';' '||' 'x && ' 'x ||' 'x ; ;' '2>' 'x >&' 'x >&y' '!' '! |'; do
	h "operator with nothing around it: '$op'" "syntax error" 2 "" -c "$op"
done

pty "at the prompt, each bad line is an error and the shell answers the next" "expect ${P}\\\$ \$
send | x\\r
expect syntax error: unexpected '\\|'
expect ${P}\\(2\\)\\\$ \$
send echo alive1\\r
expect alive1
expect ${P}\\\$ \$
send ;;\\r
expect syntax error
send echo alive2\\r
expect alive2
expect ${P}\\\$ \$
send &&\\r
expect syntax error
send echo alive3\\r
expect alive3
expect ${P}\\\$ \$
send > \\r
expect syntax error
send echo alive4\\r
expect alive4
expect ${P}\\\$ \$
send x |\\r
expect > \$
send \\x04
expect the input ended first
send echo alive5\\r
expect alive5
expect ${P}\\\$ \$
send echo 'abc\\r
expect > \$
send \\x04
expect the input ended first
send echo alive6\\r
expect alive6
expect ${P}\\\$ \$
send ${pipes:0:3000}\\r
expect syntax error
send echo alive7\\r
expect alive7
expect ${P}\\\$ \$
send exec /tmp\\r
expect /tmp: Is a directory
expect ${P}\\(126\\)\\\$ \$
send echo alive8\\r
expect alive8
expect ${P}\\\$ \$
nozombie
send exit\\r
wait 0"

#### redirections ############################################################
mkdir -p adir
h "redirection to a directory" "adir: Is a directory" 0 "next
$Z0" -c "echo x > adir; $NEXT"
h "a builtin's redirection to a directory leaves the shell's descriptors alone" "adir: Is a directory" 0 "0 1 2" \
	-c "pwd > adir; $FDCHECK"
h "redirection to a file in a missing directory" "nodir/f: No such file or directory" 0 "next
$Z0" -c "echo x > nodir/f; $NEXT"
h "redirection from a missing file" "nofile: No such file or directory" 0 "2" -c 'cat < nofile; echo $?'
h "redirection from a directory" "" 0 "1" -c 'cat < adir 2>/dev/null; echo $?'

#### scripts and exec ########################################################
h "a script that does not exist" "nosuch.sh: No such file or directory" 127 "" nosuch.sh
h "a script that is a directory" "adir: Is a directory" 126 "" adir
long=$(head -c 10000 /dev/zero | tr '\0' a)
h "a script name of 10 000 bytes" "File name too long" 126 "" "$long"
h "exec of a directory (a script stops, 126)" "/tmp: Is a directory" 126 "" -c 'exec /tmp; echo not reached'
h "a command name of 10 000 bytes: not found, shown short" "a{60}\\.\\.\\. \\(10000 bytes\\): command not found" 0 "next
$Z0" -c "$long; $NEXT"
h "a path of 10 000 bytes: File name too long (126)" "File name too long" 0 "126" -c "/$long; echo \$?"

#### what messages repeat back ###############################################
# Every builtin that names its argument in a message shows a hostile one
# short (60 bytes and its length) and with control characters as ^X: a
# 10 000-byte argument once came back whole, and escape sequences raw.
ctl=$(printf '\033[2J\033]0;pwned\007\001x')
for cmd in 'cd ARG' 'type ARG' 'help ARG' 'kill ARG' 'kill %ARG' 'kill -s ARG 1' 'kill -ARG 1' 'kill -l ARG' \
	'wait ARG' 'wait %ARG' 'disown %ARG' 'jobs %ARG' 'export ARG-x=1' 'unset ARG-x' \
	'lesson ARG' 'lesson fork --ARG' 'lesson fork --forks=ARG' 'lesson fork --auto=ARG' 'lesson fork ARG' \
	'ptree ARG' 'history ARG' 'trace ARG' 'ARG' 'cat < ARG' 'echo x > ARG/x' 'exit ARG' 'exec ARG'; do
	for kind in long ctl; do
		if [ $kind = long ]; then arg=$long; else arg=$ctl; fi
		q="'$arg'"
		fsh -c "${cmd//ARG/$q}" >"$WORK/out" 2>"$WORK/err"
		# type says "NAME: not found" on standard output, as dash does
		case $cmd in type*) cat "$WORK/out" >>"$WORK/err" ;; esac
		errsz=$(wc -c < "$WORK/err")
		problems=""
		[ "$errsz" -gt 0 ] || problems="$problems no-message"
		[ "$errsz" -le 300 ] || problems="$problems stderr-too-long($errsz)"
		if [ $kind = long ] && [ "$errsz" -gt 0 ] && ! grep -q 'bytes)\|syntax error\|usage: ' "$WORK/err"; then
			problems="$problems not-shortened"
		fi
		tr -d '\n\t' < "$WORK/err" | LC_ALL=C grep -q '[[:cntrl:]]' && problems="$problems raw-control-characters"
		if [ -z "$problems$(strays)" ]; then
			ok "message of '$cmd' with a $kind argument: short and safe"
		else
			not_ok "message of '$cmd' with a $kind argument: short and safe" "problems:$problems" \
				"stderr: $(head -c 300 "$WORK/err" | cat -v)"
		fi
	done
done

#### many arguments, deep lists ##############################################
args=$(seq -f 'a%g' 10000 | tr '\n' ' ')
h "10 000 arguments" "" 0 "10000
$Z0" -c "/bin/echo $args | wc -w | tr -d ' '; $ZOMBIES \$\$"
h "10 000 arguments to a builtin" "" 0 "next
$Z0" -c ": $args; $NEXT"
printf '/bin/true %s\necho "st=$?"\n' "$(seq -f 'argument-%g' 300000 | tr '\n' ' ')" > toomany.sh
vg_skip "300 000 arguments" || h "300 000 arguments: Argument list too long, status 126" "Argument list too long" 0 "st=126" toomany.sh
chain=$(for i in $(seq 100000); do printf 'true && '; done)
printf '%secho deep\n%s\n' "$chain" "$NEXT" > chain.sh
h "a chain of 100 000 &&" "" 0 "deep
next
$Z0" chain.sh
orchain=$(for i in $(seq 100000); do printf 'false || '; done)
printf '%secho deep\n' "$orchain" > orchain.sh
h "a chain of 100 000 ||" "" 0 "deep" orchain.sh
printf '%s true; echo $?\n' "$(head -c 100001 /dev/zero | sed 's/\x0/! /g')" > bangs.sh
h "100 001 ! in a row" "" 0 "1" bangs.sh
printf '%s echo end\n' "$(for i in $(seq 100000); do printf ': ; '; done)" > seq.sh
h "a list of 100 000 commands on one line" "" 0 "end" seq.sh

#### deep patterns under a small stack #######################################
# glob(3) recursed once per directory level with wildcards, copying the
# directory part onto the stack: 500 levels of */ killed the shell under a
# 256 kB stack (and 7-character names under 1 MB).  pathexp.c walks level
# by level: no crash, and a real match 300 levels down is still found.
if command -v prlimit >/dev/null && [ -z "$UNDER_VALGRIND" ]; then
	p500=$(for i in $(seq 500); do printf '*/'; done)x
	hlim "a 500-level */ pattern under a 256 kB stack: no crash, no match" "" 0 "next" \
		--stack=262144 -- -c "echo $p500 >/dev/null; echo next"
	p7=$(for i in $(seq 500); do printf 'abcdef*/'; done)x
	hlim "a 500-level pattern of 7-byte names under a 1 MB stack: no crash" "" 0 "next" \
		--stack=1048576 -- -c ": $p7; echo next"
	deep=$(for i in $(seq 300); do printf 'd/'; done)
	mkdir -p "$deep" && : > "${deep}found.txt"
	q300=$(for i in $(seq 300); do printf '?/'; done)f*.txt
	hlim "a match 300 levels deep is found under a 256 kB stack" "" 0 "${deep}found.txt" \
		--stack=262144 -- -c "echo $q300"
	rm -rf d
else
	skip "deep patterns under a small stack (no prlimit, or under valgrind)"
fi

#### closed and broken standard descriptors ##################################
vg_skip "closed stdout" || H_CLOSE=1 h "stdout closed: echo fails with a write error, status 1" "write error" 0 "" \
	-c 'echo hi; echo "st=$?" >&2; test "$?" = 0'
[ -n "$UNDER_VALGRIND" ] || { grep -q "st=1" "$WORK/err" && ok "stdout closed: the status after the failed echo is 1" ||
	not_ok "stdout closed: the status after the failed echo is 1" "$(cat "$WORK/err")"; }
vg_skip "closed stdout, builtin" || H_CLOSE=1 h "stdout closed: a builtin reports its write error" "pwd: write error" 0 "" -c 'pwd; echo "st=$?" >&2'
fsh -c "$FDCHECK > fd1.out; $FDCHECK | cat > fd2.out; $FDCHECK 3>/dev/null > fd3.out" >&- 2>"$WORK/err"
if [ -n "$UNDER_VALGRIND" ]; then skip "closed stdout, children's descriptors (not under valgrind)"; elif [ "$(cat fd1.out fd2.out fd3.out 2>/dev/null | tr '\n' '|')" = "0 1 2|0 1 2|0 1 2 3|" ] && [ -z "$(strays)" ]; then
	ok "stdout closed: children still start with exactly 0 1 2 (plus redirections)"
else
	not_ok "stdout closed: children still start with exactly 0 1 2" "$(cat fd1.out fd2.out fd3.out 2>&1)" "$(cat "$WORK/err")"
fi
vg_skip "a closed standard descriptor" || H_CLOSE=2 h "stderr closed: the shell carries on" "" 0 "st=1
next" -c 'cat /nonexistent-x; echo "st=$?"; echo next'
vg_skip "a closed standard descriptor" || H_CLOSE=0 h "stdin closed: a reader fails, the shell carries on" "" 0 "st=1
next" -c 'cat 2>/dev/null; echo "st=$?"; echo next'
# stdout a pipe whose reader has gone: a command dies of SIGPIPE (141) and
# the shell carries on; the shell itself, writing there, dies of SIGPIPE
# like dash and bash, unless SIGPIPE was ignored when it started: then the
# builtin gets EPIPE, says so and returns 1.  The reader closes its end,
# then opens gone.fifo; the shell writes only after it has read from that
# FIFO ($GONE), so the reader is surely gone.
rm -f gone.fifo && mkfifo gone.fifo
GONE="sh -c 'read x < gone.fifo'"
reader_gone() { exec 0<&-; echo gone > "$WORK/gone.fifo"; }
fsh -c "$GONE; /bin/echo hi; echo \"st=\$?\" >&2; echo next >&2" 2>"$WORK/err" | reader_gone
if grep -q '^st=141$' "$WORK/err" && grep -q '^next$' "$WORK/err" && [ -z "$(strays)" ]; then
	ok "stdout a closed pipe: the command dies of SIGPIPE (141), the shell carries on"
else
	not_ok "stdout a closed pipe: SIGPIPE" "$(cat "$WORK/err")"
fi
(trap '' PIPE; fsh -c "$GONE; pwd; echo \"st=\$?\" >&2; /bin/echo x; echo \"st2=\$?\" >&2" 2>"$WORK/err" | reader_gone)
if grep -q 'pwd: write error: Broken pipe' "$WORK/err" && grep -q '^st=1$' "$WORK/err" &&
	grep -q '^st2=1$' "$WORK/err" && [ -z "$(strays)" ]; then
	ok "stdout a closed pipe with SIGPIPE ignored: EPIPE is a write error, status 1"
else
	not_ok "stdout a closed pipe with SIGPIPE ignored" "$(cat "$WORK/err")"
fi
fsh -c "$GONE; pwd; echo after >&2" 2>"$WORK/err" | reader_gone
st=${PIPESTATUS[0]}
if [ "$st" = 141 ] && ! grep -q after "$WORK/err" && [ ! -s "$WORK/err" ] && [ -z "$(strays)" ]; then
	ok "stdout a closed pipe: a builtin's write ends the shell by SIGPIPE, silently, as in dash"
else
	not_ok "stdout a closed pipe: builtin" "status $st" "$(cat "$WORK/err")"
fi

#### hostile history files ##################################################
hist_session() {
	local name=$1 state=$2 warn=$3
	local first="${P}\\\$ \$"
	[ -n "$warn" ] && first=$warn
	local script="expect $first
send echo alive\\r
expect alive
expect ${P}\\\$ \$
send history 3\\r
expect echo alive
send exit\\r
wait 0"
	XDG_STATE_HOME=$state pty "$name" "$script"
}
mkdir -p "$WORK/h1/forksh" && head -c 300000 /dev/urandom > "$WORK/h1/forksh/history"
hist_session "a corrupt history file (random bytes, NULs)" "$WORK/h1" ""
mkdir -p "$WORK/h2/forksh"
yes '#1700000000
echo a line of history, repeated until the file holds 100 MB' | head -c 104857600 > "$WORK/h2/forksh/history"
# Bounded by the driver's timeout (20 s for the first prompt), not timed.
vg_skip "a 100 MB history file" || PTY_TIMEOUT=20 hist_session "a 100 MB history file" "$WORK/h2" ""
hsize=$(wc -c < "$WORK/h2/forksh/history")
if [ -n "$UNDER_VALGRIND" ]; then :; elif [ "$hsize" -lt 1000000 ]; then
	ok "a 100 MB history file is cut to the last 1000 entries ($hsize bytes)"
else
	not_ok "a 100 MB history file is cut to the last 1000 entries" "$hsize bytes"
fi
rm -rf "$WORK/h2"
# A file of plain lines with no time lines (as bash writes one): readline's
# reader joined them all into one entry, with a strlen of the whole entry
# for each line, and took minutes; each line is an entry, the last ones kept.
mkdir -p "$WORK/h5/forksh"
awk 'BEGIN { for (i = 1; i <= 1200000; i++) printf "echo plain history line %d of many\n", i }' \
	> "$WORK/h5/forksh/history"
vg_skip "a 40 MB history file of plain lines" || XDG_STATE_HOME=$WORK/h5 PTY_TIMEOUT=20 pty \
	"a 40 MB history file of plain lines loads at once, one entry a line" "expect ${P}\\\$ \$
send history 3\\r
expect 999  echo plain history line 1199999 of many
expect 1000  echo plain history line 1200000 of many
expect 1001  history 3
expect ${P}\\\$ \$
send exit\\r
wait 0"
rm -rf "$WORK/h5"
mkdir -p "$WORK/h3/forksh/history"
hist_session "a history file that is a directory" "$WORK/h3" "warning: cannot use history file .*not a regular file"
mkdir -p "$WORK/h4/forksh" && mkfifo "$WORK/h4/forksh/history"
hist_session "a history file that is a FIFO does not block the shell" "$WORK/h4" "warning: cannot use history file .*not a regular file"

#### running as another user, under limits ##################################
# RLIMIT_NPROC does not bind root, so as root these tests run as a user id of
# their own with no other process (setpriv); otherwise as ourselves.
RUNAS=()
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null; then
		U=$((42000 + RANDOM % 20000))
		RUNAS=(setpriv --reuid="$U" --regid="$U" --clear-groups --)
	fi
fi
mkdir -p "$WORK/u" && chmod 755 "$WORK" && chmod 777 "$WORK/u"
[ -n "${FORKSH_VG_LOGS:-}" ] && chmod 1777 "$FORKSH_VG_LOGS" 2>/dev/null
as_user() {
	(cd "$WORK/u" && env FORKSH_TEST_MARK="$MARK" HOME="$WORK/u" XDG_STATE_HOME="$WORK/u" "$NOLEAK_ASAN" \
		timeout -k 5 60 "${RUNAS[@]}" "$@")
}
# The other user may not be able to reach the build tree (a clone under
# /root): give it copies of the programs in the test directory.
UFORKSH=$FORKSH UHOLD=$HOLD UZOMBIES=$ZOMBIES
if [ ${#RUNAS[@]} != 0 ] && [ -z "$UNDER_VALGRIND" ] && copies=$(for_other_user "$FORKSH" "$HOLD" "$ZOMBIES"); then
	{ read -r UFORKSH; read -r UHOLD; read -r UZOMBIES; } <<< "$copies"
fi
if [ "$(id -u)" = 0 ] && [ ${#RUNAS[@]} = 0 ]; then
	can_user=0
elif as_user "$UFORKSH" -c : >/dev/null 2>&1; then
	can_user=1
else
	can_user=0
fi

# hu NAME STDERR_REGEX STATUS STDOUT LIMIT-ARGS -- FORKSH-ARGS: like h, run
# as the test user under prlimit.
hu() {
	local name=$1 re=$2 wantst=$3 want=$4; shift 4
	local lim=()
	while [ "$1" != -- ]; do lim+=("$1"); shift; done
	shift
	as_user prlimit "${lim[@]}" -- "$UFORKSH" "$@" >"$WORK/out" 2>"$WORK/err"
	judge "$name" $? "$wantst" "$want" "$re"
}

if [ -n "$UNDER_VALGRIND" ]; then
	skip "process-limit tests (not under valgrind: valgrind itself fails or crashes under a low RLIMIT_NPROC)"
elif [ "$can_user" = 1 ] && command -v prlimit >/dev/null; then
	hu "fork fails: the command gets the errno text, the shell carries on" \
		"forksh: line 1: fork: Resource temporarily unavailable" 1 "/" --nproc=1 -- \
		-c '/bin/true; x=$?; cd /; pwd; exit $x'
	as_user prlimit --nproc=2 -- "$UFORKSH" -c '/bin/sleep 100 | /bin/cat; echo "st=$?"; ptree --ascii' \
		>"$WORK/out" 2>"$WORK/err"
	tree_judge "fork fails half-way through a pipeline: status 1 at once, the started member killed and reaped" \
		$? 0 "st=1" "fork: Resource temporarily unavailable"
	hu "fork fails for a background job" "fork: Resource temporarily unavailable" 0 "/" --nproc=1 -- \
		-c '/bin/sleep 1 & cd /; pwd'
	# A pipeline that cannot be built must not keep the shell waiting for
	# the member already started, least of all in the background: it is
	# killed and reaped at once (the 60 s time limit would end a wait).
	as_user prlimit --nproc=2 -- "$UFORKSH" -c '/bin/sleep 100 | /bin/cat & echo next; ptree --ascii' \
		>"$WORK/out" 2>"$WORK/err"
	tree_judge "fork fails in a background pipeline: its started member is killed, the shell goes on" $? 0 \
		next "fork: Resource temporarily unavailable"

	# Every lesson keeps to the bounds it declares: each run says how many
	# processes it needs; with exactly that much room (its processes plus
	# the shell), no fork fails.  A lesson with several runs is given the
	# largest bound any of its runs declares (found by raising the limit
	# until no run is refused).
	for l in "counter --children 5 --count 1 --delay 0" "fork --forks 3" "noexit --rounds 3" \
		"memory --mib 8" "fds" "forkexec --forks 2" "exec" "execfail" "orphans --children 3" \
		"zombies --children 3" "spawn --runs 3 --small-mib 1 --big-mib 4" "system" "shell"; do
		need=1 st=1 tries=0
		while [ $tries -lt 6 ]; do
			tries=$((tries + 1))
			as_user prlimit --nproc=$((need + 1)) -- "$UFORKSH" -c "lesson $l --auto=0" >"$WORK/out" 2>&1
			st=$?
			more=$(sed -n 's/.*this run needs \([0-9]*\) processes.*/\1/p' "$WORK/out")
			[ -n "$more" ] && [ "$more" -gt "$need" ] || break
			need=$more
		done
		s=$(strays)
		if [ $need -gt 1 ] && [ $st = 0 ] && ! grep -q 'fork failed: \|lesson: fork: \|this run needs' "$WORK/out" && [ -z "$s" ]; then
			ok "lesson ${l%% *} runs within its declared bound of $need processes (RLIMIT_NPROC exactly that)"
		else
			not_ok "lesson ${l%% *} runs within its declared bound of $need" "status $st" ${s:+"stray: $s"} \
				"$(grep -i 'fork\|needs' "$WORK/out" | head -5)"
		fi
	done

	# A lesson's own check counts the user's tasks, threads included, as
	# the kernel does: a helper holding 20 threads takes 21 of the limit
	# while showing as one process, and the run is refused before it forks
	# anything, saying how much room is left (24 - 21 - the shell = 2).
	if [ ${#RUNAS[@]} != 0 ] && [ -z "$UNDER_VALGRIND" ]; then
		rm -f "$WORK/u/ready"
		as_user "$UHOLD" 20 60 "$WORK/u/ready" & HOLDPID=$!
		"$AWAIT" exists "$WORK/u/ready"
		as_user prlimit --nproc=24 -- "$UFORKSH" -c "lesson counter --children 5 --count 1 --delay 0 --auto=0; echo st=\$?" \
			>"$WORK/out" 2>"$WORK/err"
		st=$?
		kill $(mark_pids holdthreads) 2>/dev/null; wait "$HOLDPID" 2>/dev/null; HOLDPID=
		s=$(strays)
		if [ $st = 0 ] && [ "$(tail -n 1 "$WORK/out")" = "st=1" ] && [ -z "$s" ] &&
			grep -q 'this run needs [0-9]* processes, but your limit (ulimit -u 24) leaves room for 2;' "$WORK/err" &&
			! grep -q 'fork: \|fork failed' "$WORK/err"; then
			ok "a lesson's process check counts threads as the kernel does: refused before any fork"
		else
			not_ok "a lesson's process check counts threads as the kernel does" "status $st" ${s:+"stray: $s"} \
				"stdout: $(tail -c 300 "$WORK/out")" "stderr: $(head -c 600 "$WORK/err")"
		fi
	fi

	# Making fork fail inside a lesson whose own check passed: the check
	# counts only the tasks its /proc shows, and a shell in a PID namespace
	# of its own (a container) does not see the helper's 20 threads outside
	# it, which still take 21 of the user's limit.  The shell waits at a
	# FIFO after the lesson so that the test can look at its signal
	# handling and then release it (and the helper's threads).
	lesson_fail() {
		local name=$1 limit=$2 lesson=$3 want=$4
		rm -f "$WORK/u/ready" "$WORK/u/gate1" "$WORK/u/gate2"
		mkfifo "$WORK/u/gate1" "$WORK/u/gate2" && chmod 666 "$WORK/u/gate1" "$WORK/u/gate2"
		as_user "$UHOLD" 20 60 "$WORK/u/ready" & HOLDPID=$!
		"$AWAIT" exists "$WORK/u/ready"
		(cd "$WORK/u" && env FORKSH_TEST_MARK="$MARK" HOME="$WORK/u" XDG_STATE_HOME="$WORK/u" "$NOLEAK_ASAN" \
			unshare --pid --fork --mount-proc timeout -k 5 60 "${RUNAS[@]}" prlimit --nproc="$limit" -- \
			"$UFORKSH" -c "exec 3<gate1; lesson $lesson --auto=0; exec 3<gate2; $UZOMBIES \$\$; /bin/echo after") \
			>"$WORK/out" 2>"$WORK/err" &
		local bg=$! shpid="" before after deadline=$((SECONDS + 30))
		# The shell is the forksh that waits at gate1 (its script's first
		# line): until it opens the FIFO it may still be starting up.
		while [ -z "$shpid" ] && [ $SECONDS -lt $deadline ]; do
			shpid=$(mark_pids forksh | head -n 1)
			[ -n "$shpid" ] || sleep 0.05   # polling, under a deadline
		done
		before=$(grep -E '^Sig(Ign|Cgt)' /proc/"$shpid"/status 2>/dev/null | tr '\n' ' ')
		exec 4>"$WORK/u/gate1"   # releases the first gate: the lesson runs
		# The lesson's last line comes after it gave the shell its signal
		# handling back; the shell then waits at gate2.
		"$AWAIT" grep '^Lesson [a-z]+ (finished|stopped)' "$WORK/out"
		after=$(grep -E '^Sig(Ign|Cgt)' /proc/"$shpid"/status 2>/dev/null | tr '\n' ' ')
		kill $(mark_pids holdthreads) 2>/dev/null; wait "$HOLDPID" 2>/dev/null; HOLDPID=
		exec 5>"$WORK/u/gate2"   # the second gate: the shell goes on
		wait $bg; local st=$?
		exec 4>&- 5>&-
		local s problems=""
		s=$(strays)
		grep -q -- "$want" "$WORK/err" "$WORK/out" || problems="$problems message"
		[ "$before" = "$after" ] || problems="$problems signals($before/$after)"
		[ "$(tail -n 2 "$WORK/out" | tr '\n' '|')" = "$Z0|after|" ] || problems="$problems not-carried-on"
		[ $st = 0 ] || problems="$problems status=$st"
		[ -z "$s" ] || problems="$problems stray"
		if [ -z "$problems" ]; then ok "$name"; else
			not_ok "$name" "problems:$problems" "stdout: $(tail -c 600 "$WORK/out")" "stderr: $(head -c 600 "$WORK/err")"
		fi
	}
	if [ -n "$UNDER_VALGRIND" ]; then
		skip "lesson fork failures under valgrind (valgrind's own threads count against RLIMIT_NPROC)"
	elif [ ${#RUNAS[@]} = 0 ] || ! unshare --pid --fork --mount-proc true 2>/dev/null; then
		skip "lesson fork failures: they need root, to hide the helper's threads in another PID namespace"
	else
		lesson_fail "a lesson whose own fork fails says why; the shell keeps its signal handling and carries on" \
			22 "counter --children 5 --count 1 --delay 0" "lesson: fork: Resource temporarily unavailable"
		lesson_fail "a fork inside a lesson fails: the run reports the errno text, the shell carries on" \
			24 "counter --children 5 --count 1 --delay 0" "fork failed: Resource temporarily unavailable"
	fi
else
	skip "process-limit tests: no prlimit, or no way to run as an unprivileged user"
fi

if command -v prlimit >/dev/null && [ -z "$UNDER_VALGRIND" ]; then
	h_nofile() {
		local name=$1 re=$2 wantst=$3 want=$4 n=$5; shift 5
		# Other programs run out of descriptors too and say so at length:
		# only forksh's own message is looked for, not the length.
		local MAXERR=999999999
		hlim "$name" "$re" "$wantst" "$want" --nofile="$n" -- "$@"
	}
	# 4 leaves one free descriptor (the dynamic loader needs it to start
	# the shell at all): a pipe needs two.
	h_nofile "no descriptor for a pipe: the pipeline fails cleanly, the shell carries on" \
		"pipe: Too many open files" 1 "/" 4 -c '/bin/echo a | /bin/cat; x=$?; cd /; pwd; exit $x'
	# (ptree, a builtin, looks for zombies: a helper script would itself
	# run out of descriptors here.)
	t_nofile() {
		local name=$1 want=$2 n=$3; shift 3
		env FORKSH_TEST_MARK="$MARK" "$NOLEAK_ASAN" timeout -k 5 60 prlimit --nofile="$n" -- "$FORKSH" "$@" \
			>"$WORK/out" 2>"$WORK/err"
		tree_judge "$name" $? 0 "$want" "pipe: Too many open files"
	}
	t_nofile "descriptors run out half-way through a pipeline: started members are reaped" "st=1" 5 \
		-c '/bin/echo a | /bin/cat | /bin/cat; echo "st=$?"; ptree --ascii'
	# A pipeline that cannot be built must not keep the shell waiting for
	# the member already started (a sleep here), least of all in the
	# background: it is killed and reaped at once (the 60 s time limit
	# would end a wait).
	t_nofile "descriptors run out in a background pipeline: the shell does not wait for its started member" \
		next 5 -c '/bin/sleep 100 | /bin/cat | /bin/cat & echo next; ptree --ascii'
	t_nofile "the same in the foreground: status 1 at once, the started member gone" "st=1" 5 \
		-c '/bin/sleep 100 | /bin/cat | /bin/cat; echo "st=$?"; ptree --ascii'
	# RLIMIT_NOFILE 10 leaves no descriptor 10 for the shell's own copies:
	# they go to the highest free number below, and move if a redirection
	# names that number.
	h_nofile "RLIMIT_NOFILE 10: a builtin's redirections work" "" 0 "st=0
/" 10 -c 'pwd > /dev/null; echo "st=$?"; cd / > /dev/null; pwd'
	h_nofile "RLIMIT_NOFILE 10: trace on works" 'execvp\("/bin/true"' 0 "" 10 -c 'trace on; /bin/true; trace off'
	# (longer than the shell's 4 kB read buffer, so it must read on)
	{ printf 'exec 3>log3\nexec 9>log9\necho "in 9" >&9\n'; seq -f '# padding line %g' 400; echo 'echo still-reading'; } > fd9.sh
	h_nofile "RLIMIT_NOFILE 10: a script that takes descriptors 3 and 9 is still read to its end" "" 0 \
		"still-reading" 10 fd9.sh
	h_nofile "RLIMIT_NOFILE 10: a builtin redirecting the number its saved copy took" "" 0 "back
$WORK" 10 -c 'pwd > out1 9> out9; echo back; cat out1'
else
	skip "descriptor-limit tests (no prlimit, or under valgrind, which needs descriptors of its own)"
fi

#### descriptors of lesson processes ########################################
# Lesson processes are forked copies of the shell (no exec), so they hold
# what the shell held; the shell's own descriptors must not be among them
# except the lesson's pipes and its record socket.  Looked at from outside
# while a run counts.  Only those may be added to what the shell itself was
# started with (the harness may hand it a descriptor or two of its own).
# The children count slowly (a line a second for 100 s): the look comes
# once the shell and its three counting children are all there, and
# SIGINT then ends the run (and the shell, with 130).
fsh -c 'lesson counter --auto=0 --children 3 --count 100 --delay 1 >/dev/null' >/dev/null 2>&1 &
lbg=$!
deadline=$((SECONDS + 60))
while [ "$(mark_pids $SHELL_COMM | wc -l)" -lt 4 ] && [ $SECONDS -lt $deadline ]; do
	sleep 0.05   # polling, under a deadline
done
bad="" seen=0 allowed="" shpid=""
for p in $(mark_pids $SHELL_COMM); do
	pp=$(awk '{print $4}' /proc/"$p"/stat 2>/dev/null)
	[ "$(cat /proc/"$pp"/comm 2>/dev/null)" = timeout ] || continue
	shpid=$p
	for fd in /proc/"$p"/fd/*; do allowed="$allowed ${fd##*/}=$(readlink "$fd")"; done
done
for p in $(mark_pids $SHELL_COMM); do
	seen=$((seen + 1))
	for fd in /proc/"$p"/fd/*; do
		n=${fd##*/}
		t=$(readlink "$fd" 2>/dev/null) || continue
		[ "$n" -le 2 ] && continue
		case $t in pipe:*|socket:*) continue ;; esac
		[ -n "${FORKSH_VG_LOGS:-}" ] && case $t in "$FORKSH_VG_LOGS"/*) continue ;; esac
		case " $allowed " in *" $n=$t "*) continue ;; esac
		bad="$bad $p:$n=$t"
	done
done
[ -n "$shpid" ] && kill -INT "$shpid"
wait $lbg
s=$(strays)
if [ "$seen" -ge 4 ] && [ -z "$bad" ] && [ -z "$s" ]; then
	ok "lesson processes hold only 0 1 2, the lesson's pipe and socket and what the shell inherited ($seen processes)"
else
	not_ok "lesson processes hold only 0 1 2 and the lesson's pipe and socket" "looked at $seen" "extra:$bad" ${s:+"stray: $s"}
fi

# Zombie and orphan sweep: nothing this script started is left, and no
# process anywhere is a zombie child of a process we started.
s=$(strays)
z=$(for st in /proc/[0-9]*/stat; do read -r line 2>/dev/null < "$st" || continue; rest=${line##*) }; set -- $rest;
	[ "$1" = Z ] && [ "$2" = $$ ] && echo "${st%/stat}"; done)
if [ -z "$s" ] && [ -z "$z" ]; then ok "sweep: no stray process and no zombie left by the hostile tests"; else
	not_ok "sweep: no stray process and no zombie" "stray: $s" "zombies: $z"; fi

echo "# hostile: $pass passed, $failn failed"
echo "$pass passed, $failn failed"
[ "$failn" = 0 ]
