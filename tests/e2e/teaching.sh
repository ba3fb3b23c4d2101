# teaching.sh - end-to-end checks that a lecturer can rely on the lessons
# (issue 18), sourced by run.sh (it uses run.sh's helpers: fsh, t, terr,
# pty, strays, ok, not_ok, $WORK, $P, $FDCHECK, $PTY): the code in the
# boxes is plain C that compiles on its own, the keys of --auto obey, and
# the texts say what the chapter says and what really happened.

# check NAME CONDITION-OUTPUT... : ok when every listed problem is empty.
# (problems are collected in $problems, as in lessons.sh)

#### the code in the boxes #################################################

# Every lesson's program, written by --source, compiles with -Wall -Werror
# and runs without forksh (under an outer forksh only so that its orphans
# have a subreaper to reap them: this machine's init may not).
if command -v cc >/dev/null; then
	mkdir -p "$WORK/src"
	for l in "fork|^Hello from child [0-9]+$" "counter --children 2 --count 1 --delay 0|^Main process exiting\.$" \
		"noexit --rounds 2|^child left with _exit\(\): the file holds \"hello world\"$" \
		"memory --mib 2|^parent [0-9]+: global = 42 at address" "fds --lines 2|^file: child  line 2$" \
		"forkexec|^Hello from child [0-9]+ 1$" "exec|^execle started me, PID [0-9]+: GREETING=hello from an e call$" \
		"execfail|^parent: child [0-9]+ exited with status 127$" "orphans --children 2|^main [0-9]+: I am a child subreaper now$" \
		"zombies --children 2|^parent: /proc/[0-9]+/stat says state Z$" \
		"spawn --runs 2 --small-mib 1 --big-mib 2|^posix_spawn\+waitpid +2 MiB: " \
		"system|^read from the pipe: Hello from child [0-9]+ popen$" "shell|^\\\$\? = 127$" \
		"subshell|^my directory is still /$" "yours|^I am [0-9]+, my parent is [0-9]+$"; do
		want=${l#*|}; l=${l%%|*}; name=${l%% *}
		problems=""
		fsh -c "lesson $l --source $WORK/src/$name.c" >"$WORK/out" 2>&1 || problems="$problems source-status"
		if ! cc -Wall -Werror -o "$WORK/src/$name" "$WORK/src/$name.c" 2>"$WORK/err"; then
			problems="$problems compile($(head -c 300 "$WORK/err"))"
		else
			# (counter's main exits at once, as in the chapter: its children,
			# adopted by this forksh, are waited for here, polling with a deadline)
			(cd "$WORK/src" && fsh -c "./$name </dev/null; st=\$?; n=0
				while [ \$n -lt 200 ] && ptree --ascii \$\$ | grep -q ' ./$name\$'; do sleep 0.05; n=\$((n + 1)); done
				echo status=\$st") >"$WORK/out" 2>&1
			grep -Eq "$want" "$WORK/out" || problems="$problems output"
			grep -q '^status=0$' "$WORK/out" || problems="$problems status"
		fi
		# nothing in it is forksh's: no helpers, no glibc-only calls
		grep -nE 'say\(|lesson_|report\(|strerrorname_np|sigabbrev_np|FORKSH_RECORD' "$WORK/src/$name.c" >"$WORK/err" &&
			problems="$problems helpers($(head -c 200 "$WORK/err"))"
		s=$(strays)
		if [ -z "$problems$s" ]; then ok "lesson $name --source: one C file that compiles with -Wall -Werror and runs"
		else not_ok "lesson $name --source" "problems:$problems" ${s:+"stray: $s"} "$(head -c 1500 "$WORK/out")"; fi
	done
fi
t "lesson --source without a file writes to standard output" "yes" 0 -c \
	'lesson fork --source | grep -q "^int main(void)$" && echo yes'
terr "lesson --source to a file that cannot be written" "cannot write /nonexistent/x.c" 1 -c 'lesson fork --source /nonexistent/x.c'

# The boxes themselves, as shown: plain calls only.
problems=""
for l in fork counter noexit memory fds forkexec exec execfail orphans zombies spawn system shell; do
	fsh -c "lesson $l --auto=0 --forks 1 --runs 2 --small-mib 1 --big-mib 2 2>/dev/null || lesson $l --auto=0 --runs 2 --small-mib 1 --big-mib 2 2>/dev/null || lesson $l --auto=0" >"$WORK/out" 2>&1
	grep -E '^  \| ' "$WORK/out" | grep -E 'say\(|lesson_(sleep|wait_key|note_exec|fork|waitpid)|report\(|strerrorname_np|sigabbrev_np' >"$WORK/err" &&
		problems="$problems $l($(head -c 200 "$WORK/err"))"
done
if [ -z "$problems" ]; then ok "the code boxes of every lesson call plain C only"; else not_ok "helpers in the code boxes" "$problems"; fi

#### presentation mode and keys ############################################

# --auto: a key that means nothing is not echoed; Space pauses; n and b
# step; q quits, and what was typed after it never reaches the prompt.
pty "lesson --auto: Space pauses, n and b step, q quits; nothing echoed or left behind" "expect ${P}\\\$ \$
send lesson fds --auto=30\\r
expect fds . step 1/3
send Z
send \\x20
expect \\(paused: Space goes on
notin Z
send n
expect fds . step 2/3
send b
expect fds . step 1/3
send qzzz
expect Lesson fds stopped
expect ${P}\\\$ \$
send echo after\\r
expect ^after\$
notin zzz
send exit\\r
wait 0"

# --think: a pause after the question, before the run (Space holds it).
pty "lesson --think: a pause after each question" "expect ${P}\\\$ \$
send lesson memory --auto=0 --think=30 --mib 2\\r
expect \\? Predict: what will the two lines show
send \\x20
expect \\(paused
notin live run
send n
expect live run
expect Lesson memory finished
send exit\\r
wait 0"

# --clear: each step on a clean screen.
pty "lesson --clear: a clean screen for each step" "expect ${P}\\\$ \$
send lesson fds --auto=0 --clear\\r
expect Lesson fds finished
cleared 3
send exit\\r
wait 0"

# Ctrl-C at the answer leaves the lesson; the run never starts.
pty "lesson: Ctrl-C at Your answer leaves the lesson before its run" "expect ${P}\\\$ \$
send lesson noexit\\r
expect step 1/6
send n
expect step 2/6
send n
expect Your answer:
send \\x03
expect Lesson noexit stopped
notin live run
expect ${P}\\(130\\)\\\$ \$
nozombie
children 0
send exit\\r
wait 130"

# A "your turn" step runs what is typed as a command, in forksh, and the
# exercise is checked from what happened; the lesson does not end on it.
pty "lesson: a command typed at \"your turn\" runs in forksh and passes the exercise" "expect ${P}\\\$ \$
send lesson counter --children 1 --count 0 --delay 0\\r
expect step 1/4
send n
expect step 2/4
send n
expect Your answer:
send 4\\r
expect Answer: 4\\. You predicted 4: right\\.
expect \\[Enter/n\\] next
send n
expect your turn\\\$ \$
send sleep 1 &\\r
expect \\[1\\] [0-9]+
expect Exercise done \\(counter\\)
notin Lesson counter finished
expect job \\[1\\] .sleep 1. ran in the background
expect \\[Enter/n\\] next
send n
expect Lesson counter finished
expect ${P}\\\$ \$
send exit\\r
wait 0"

# A key pressed during a run is acted on after it: h shows the hint then.
pty "lesson: h pressed during a run shows the hint after the run" "expect ${P}\\\$ \$
send lesson counter --children 2 --count 3 --delay 0.3\\r
expect step 1/4
send n
expect step 2/4
send n
expect Your answer:
send 7\\r
expect \\] => 0
send h
expect Process tree
expect Answer: 
expect Count per process
send q
expect Lesson counter stopped
send exit\\r
wait 0"

# Multiple-choice answers: a word of a choice is that choice.
pty "lesson: a multiple-choice answer given as a word is recognised" "expect ${P}\\\$ \$
send lesson memory --mib 2\\r
expect step 1/4
send n
expect step 2/4
send n
expect 1\\) the same address, with different values
expect Your answer
send same\\r
expect Answer: 1, the same address, with different values\\. You chose 1: right\\.
send r
expect Your answer
send zebra\\r
expect You said .zebra.: that is
expect none of the choices
send q
expect Lesson memory stopped
expect ${P}\\\$ \$
send exit\\r
wait 0"

#### faithful to the chapter ###############################################

fsh -c 'lesson spawn --auto=0 --runs 2 --small-mib 1 --big-mib 2' >"$WORK/out" 2>&1
tr '\n' ' ' <"$WORK/out" | tr -s ' ' >"$WORK/flat"
problems=""
for w in 'Windows has no such call' 'Cygwin' 'copy-on-write' 'os\.spawnv' 'posix_spawn'; do
	grep -Eq "$w" "$WORK/flat" || problems="$problems [$w]"
done
if [ -z "$problems" ]; then ok "lesson spawn: why (Windows, Cygwin's copying fork, os.spawnv), then the measurement"; else not_ok "lesson spawn text" "missing:$problems"; fi

fsh -c 'lesson counter --auto=0 --children 3 --count 2 --delay 0.1' >"$WORK/out" 2>&1
problems=""
back=$(grep -n 'forksh\$   <- the prompt is back: the main process ended' "$WORK/out" | head -1 | cut -d: -f1)
exiting=$(grep -n '^  Main process exiting\.$' "$WORK/out" | cut -d: -f1)
last=$(grep -n 'my parent is now' "$WORK/out" | grep -v '%d' | tail -1 | cut -d: -f1)
[ -n "$back" ] && [ -n "$exiting" ] && [ "$back" -gt "$exiting" ] && [ "$back" -lt "$last" ] || problems="$problems prompt-back($back;$exiting;$last)"
tr '\n' ' ' <"$WORK/out" | tr -s ' ' | grep -q 'first ran only after the main process had exited' || problems="$problems why-forksh-first"
grep -q -- '--children 3, --count 2, --delay 0.1' "$WORK/out" || problems="$problems sizes"
grep -q -- '--children (10)' "$WORK/out" && problems="$problems default-sizes"
if [ -z "$problems" ]; then ok "lesson counter: where the prompt comes back, why a child may name forksh first, the sizes used"; else not_ok "lesson counter text" "problems:$problems" "$(head -c 2000 "$WORK/out")"; fi

fsh -c 'lesson fork --auto=0 --forks 1' >"$WORK/out" 2>&1
problems=""
tr '\n' ' ' <"$WORK/out" | tr -s ' ' >"$WORK/flat"
before=$(sed 's/subreaper.*//' "$WORK/flat" | tail -c 200)
case $before in *"asked to adopt such orphans (a \""*) ;; *) problems="$problems subreaper-unexplained" ;; esac
grep -q 'ps and ptree list them as forksh' "$WORK/flat" || problems="$problems ps-link"
grep -q 'shows up twice\|show up as more python processes' "$WORK/flat" || problems="$problems chapter-note"
if [ -z "$problems" ]; then ok "lesson fork: subreaper explained where first used; ps shows lesson processes as forksh"; else not_ok "lesson fork text" "problems:$problems"; fi

fsh -c 'lesson fds --auto=0' >"$WORK/out" 2>&1
tr '\n' ' ' <"$WORK/out" | tr -s ' ' >"$WORK/flat"
if grep -q 'A terminal has no offset' "$WORK/flat" && ! grep -q 'ls; ls. .*lands in order' "$WORK/flat"; then
	ok "lesson fds: says what the shared offset does (and that a terminal has none)"
else
	not_ok "lesson fds text" "$(grep -o 'every line of both.\{0,400\}' "$WORK/flat")"
fi
fsh -c 'lesson system --auto=0' >"$WORK/out" 2>&1
tr '\n' ' ' <"$WORK/out" | tr -s ' ' >"$WORK/flat"
if grep -q "echo is not in the tree: it is one of sh's builtins" "$WORK/flat"; then ok "lesson system: says why echo is not in the tree"
else not_ok "lesson system text" "$(head -c 1500 "$WORK/flat")"; fi
fsh -c 'lesson shell --auto=0' >"$WORK/out" 2>&1
tr '\n' ' ' <"$WORK/out" | tr -s ' ' >"$WORK/flat"
if grep -q 'setpgid puts each command in a process group of its own' "$WORK/flat" && grep -q 'tcsetpgrp hands the terminal to that group' "$WORK/flat"; then
	ok "lesson shell: explains the setpgid and tcsetpgrp lines of the trace"
else not_ok "lesson shell text" "$(head -c 1500 "$WORK/flat")"; fi
fsh -c 'lesson zombies --auto=0 --children 2' >"$WORK/out" 2>&1
if grep -q -- '--children 2 children end at once' "$WORK/out"; then ok "lesson zombies: the text shows the size given"
else not_ok "lesson zombies sizes" "$(grep -- '--children' "$WORK/out")"; fi

#### bugs ##################################################################

# No "line N:" at the prompt, after lesson shell or not, also for errors
# a forked child reports; and the lesson's command prints no "exit".
pty "errors at the prompt carry no line number, also after lesson shell" "expect ${P}\\\$ \$
send nosuchcmd1\\r
expect forksh: nosuchcmd1: command not found
notin line [0-9]
expect ${P}\\(127\\)\\\$ \$
send lesson shell --auto=0 >/dev/null\\r
expect ${P}\\\$ \$
notin (^|\\n)exit
send nosuchcmd2\\r
expect forksh: nosuchcmd2: command not found
notin line [0-9]
send ( nosuchcmd3 )\\r
expect forksh: nosuchcmd3: command not found
notin line [0-9]
send exit\\r
wait 127"

# In a pipeline the lesson runs in a forked copy of the shell: the texts
# and pictures name the prompt's shell, $$, which is where the orphans
# really go (a child may still see its first parent, if it prints before
# that one has ended; never the copy).
out=$(fsh -c 'echo "shell=$$"; lesson counter --auto=0 --children 2 --count 1 --delay 0.1 | cat' 2>&1)
sp=$(printf '%s\n' "$out" | sed -n 's/^shell=//p')
main=$(printf '%s\n' "$out" | grep -Eo '^[0-9]+  exited' | head -1 | grep -Eo '^[0-9]+')
others=$(printf '%s\n' "$out" | sed -n 's/^  \[[0-9]*\] my parent is now \([0-9]*\)$/\1/p' | grep -v "^$sp\$" | grep -v "^$main\$")
s=$(strays)
if printf '%s\n' "$out" | grep -q "^Process tree (3 processes; forksh is $sp):" &&
	printf '%s\n' "$out" | tr '\n' ' ' | tr -s ' ' | grep -q "ended with forksh ($sp) as parent" && [ -n "$main" ] && [ -z "$others" ] && [ -z "$s" ]; then
	ok "lesson counter | cat: forksh is the prompt's shell (\$\$), where the orphans go"
else
	not_ok "lesson in a pipeline names the wrong forksh" "shell=$sp main=$main others=$others" "$(printf '%s\n' "$out" | grep -E 'forksh \(|forksh is|my parent is now')" ${s:+"stray: $s"}
fi

# A lesson process holds only its own descriptors: not the shell's saved
# copy of stdout (10, while `{ lesson; } > file` runs), nor its others.
# A watcher waits (polling, with a deadline) for a child of the run to
# say its PID, then looks at that process's descriptors from outside.
out=$(fsh -c "
watch() {
	n=0
	while [ \$n -lt 400 ]; do
		pid=\$(sed -n 's/^  Process \\([0-9]*\\) spawned\$/\\1/p' fdrun.out | head -1)
		[ -n \"\$pid\" ] && [ -d /proc/\$pid/fd ] && { $FDCHECK \$pid; return; }
		sleep 0.05; n=\$((n + 1))
	done
	echo no-pid
}
: > fdrun.out
watch > fdrun.fds &
{ lesson counter --auto=0 --children 1 --count 40 --delay 0.05; } > fdrun.out
wait
cat fdrun.fds" 2>&1)
s=$(strays)
if [ "$out" = "0 1 2 3" ] && [ -z "$s" ]; then ok "lesson processes hold only 0, 1, 2 and their record socket (3), not the shell's saved stdout"
else not_ok "descriptors of a lesson process" "got: $out" ${s:+"stray: $s"}; fi

# At 60 columns: the list, help lesson and the code boxes fit; a comment
# too long for its line goes above the code instead of wrapping into it.
printf '%s\n' "expect ${P}\\\$ \$" "send lesson; help lesson; lesson fork --auto=0 --forks 1\\r" \
	"expect Lesson fork finished" "expect ${P}\\\$ \$" "send exit\\r" "wait 0" >"$WORK/w60"
env FORKSH_TEST_MARK="$MARK" "$PTY" -v -w 60 -t 20 -- "$FORKSH" <"$WORK/w60" >/dev/null 2>"$WORK/raw60"
sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' "$WORK/raw60" >"$WORK/out60"
problems=""
long=$(grep -v '^ptydrive\|^forksh\[' "$WORK/out60" | awk 'length > 60' | head -5)   # (the typed line scrolls)
[ -z "$long" ] || problems="$problems too-wide($long)"
grep -n -B2 '^  | *_exit(0);$' "$WORK/out60" | head -3 | grep -q '/\* else it would go back' || problems="$problems comment-not-above"
grep -q -- '--forks N (3, max 50)' "$WORK/out60" || problems="$problems help-sizes"
if [ -z "$problems" ]; then ok "at 60 columns: lesson, help lesson and the code boxes fit, comments stay comments"
else not_ok "60 columns" "problems:$problems" "$(head -c 2500 "$WORK/out60")"; fi

# At 60 columns the trace that lesson shell shows wraps with its text: the
# setpgid and tcsetpgrp lines of an interactive shell were 76 and more wide.
printf '%s\n' "expect ${P}\\\$ \$" "send lesson shell --auto=0\\r" \
	"expect Lesson shell finished" "expect ${P}\\\$ \$" "send exit\\r" "wait 0" >"$WORK/t60"
env FORKSH_TEST_MARK="$MARK" "$PTY" -v -w 60 -t 20 -- "$FORKSH" <"$WORK/t60" >/dev/null 2>"$WORK/raw60"
sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' "$WORK/raw60" >"$WORK/out60"
long=$(grep -v '^ptydrive\|^forksh\[' "$WORK/out60" | awk 'length > 60' | head -5)
# (where it wraps depends on how many digits the PIDs have: the line and
# the one after it are read together)
tc=$(grep -A1 '^  \[[0-9]*\] tcsetpgrp(0, [0-9]*) ' "$WORK/out60" | head -n 2 | tr -s ' \n' '  ')
if [ -z "$long" ] && [ "$(grep -c '^  \[[0-9]*\] tcsetpgrp(0, ' "$WORK/out60")" -gt 0 ] &&
	printf '%s\n' "$tc" | grep -Eq 'tcsetpgrp\(0, [0-9]+\) \(terminal now belongs to process group [0-9]+\)'; then
	ok "at 60 columns: lesson shell's trace lines wrap (tcsetpgrp's too)"
else not_ok "lesson shell's trace at 60 columns" "too wide: $long" "$(grep -A1 tcsetpgrp "$WORK/out60" | head -6)"; fi
