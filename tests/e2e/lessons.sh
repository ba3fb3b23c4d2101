# lessons.sh - end-to-end checks of lessons 3, 5 and 7-13, sourced by run.sh
# (it uses run.sh's helpers: fsh, lesson_out, strays, ok, not_ok, $WORK).
# Real PIDs cannot be predicted, so each check asserts the lesson's key
# facts from the relations between the lines it printed.

# has [-E] PATTERN WHAT : the lesson's output has a line matching PATTERN
# (grep's basic regex, or extended with -E); if not, WHAT is a problem.
has() {
	local opt=-q
	[ "$1" = -E ] && { opt=-Eq; shift; }
	grep $opt -- "$1" "$L" || problems="$problems $2"
}

# lesson_done NAME : report the checks collected in $problems for lesson NAME,
# after making sure nothing the lesson started is left.
lesson_done() {
	local s
	s=$(strays)
	[ "$(cat "$WORK/lesson.st")" = 0 ] || problems="$problems status-$(cat "$WORK/lesson.st")"
	grep -q "^Lesson $1 finished\.$" "$L" || problems="$problems not-finished"
	[ "$(tail -1 "$L")" = "zombies: 0" ] || problems="$problems zombies($(tail -1 "$L"))"  # see lesson_out
	if [ -z "$problems$s" ]; then ok "lesson $1: $2"; else not_ok "lesson $1" "problems:$problems" ${s:+"stray: $s"} "$(head -c 4000 "$L")"; fi
}

# noexit: 1 -> 2 -> 4 -> 8, each child's parent is a process of the run,
# and exit() writes the copied stdio buffer a second time.
lesson_out 'lesson noexit --auto=0 --rounds 3'
L=$WORK/lesson.out; problems=""
[ "$(grep -c '^  round 1: I am' "$L")" = 2 ] || problems="$problems round1"   # broken run, then the fix
[ "$(grep -c '^  round 3: I am' "$L")" = 5 ] || problems="$problems round3"
has "^Process tree (8 processes; forksh is [0-9]*):" tree-8
has "^  round 3: 4 new processes, 8 in all$" review
has "^  Answer: 8\." answer-8
has '^  child left with exit():  the file holds "hello hello world"$' exit-twice
has '^  child left with _exit(): the file holds "hello world"$' _exit-once
has "^  Answer: 2\." answer-2
[ "$(grep -c 'still running' "$L")" = 0 ] || problems="$problems unreaped"
# the chapter's loop without _exit: --auto presses Enter 3 times, so 5
# processes read lines, and it takes one q for each
[ "$(grep -cE '^  [0-9]+ got q: leaving$' "$L")" = 5 ] || problems="$problems q-per-process"
has "^  4 forks, and it took 5 q's to stop" keyed-review
lesson_done noexit "processes double each round; one q per process without _exit; exit() flushes the copied buffer twice"
terr "lesson noexit: --rounds is capped at 6" "--rounds takes a whole number from 1 to 6" 2 -c 'lesson noexit --rounds 7'

# fds: one open before fork = one offset (every line kept, offsets never
# repeat); two opens after fork = two offsets from 0 (lines overwritten).
# (its file goes to a TMPDIR of this run's own: in the shared /tmp, other
# runs' files come and go)
mkdir -p "$WORK/fdtmp"
lesson_out "export TMPDIR=$WORK/fdtmp; lesson fds --auto=0 --lines 3"
L=$WORK/lesson.out; problems=""
offs=$(grep -E '^  (parent|child ) wrote line [0-9]; the offset is now [0-9]+$' "$L" | awk '{print $NF}' | tr '\n' ' ')
# (the offset is read just after each write, so the other process may
# have written in between: only the end and the growth are certain)
first=$(echo "$offs" | cut -d' ' -f1-6 | tr ' ' '\n' | sort -n | tr '\n' ' ')
case $first in "14 28 "*" 84 ") ;; *) problems="$problems shared-offsets($offs)" ;; esac
second=$(echo "$offs" | cut -d' ' -f7-12 | tr ' ' '\n' | sort -n | tr '\n' ' ')
[ "$second" = "14 14 28 28 42 42 " ] || problems="$problems separate-offsets($offs)"
[ "$(grep -c '^  file: ' "$L" | head -1)" = 9 ] || problems="$problems lines"
[ "$(grep -c '^  file: ' "$L")" = 9 ] || problems="$problems file-lines"
[ "$(grep '^  Answer: ' "$L" | tr '\n' ' ')" = "  Answer: 6.   Answer: 3. " ] || problems="$problems answers"
[ -z "$(ls "$WORK/fdtmp")" ] || problems="$problems temp-file-left"
lesson_done fds "one offset when opened before fork, two when opened after"

# exec: six calls start sh in the forked child itself (the PID sh prints
# is the child's, and the kernel names that PID as the line's writer);
# the two e calls hand over an environment of GREETING alone; execv with
# a bare name fails (no PATH search) and the child exits 127.
lesson_out 'lesson exec --auto=0 --stable-pids'
L=$WORK/lesson.out; problems=""
for c in execv execl execvp execlp execve execle; do
	grep -Eq "^  (P[0-9]+) +$c started me, PID \1: GREETING=" "$L" || problems="$problems $c"
done
[ "$(grep -cE '^  P[0-9]+ +exec[lv]e started me, PID P[0-9]+: GREETING=hello from an e call$' "$L")" = 2 ] || problems="$problems e-env"
[ "$(grep -cE '^  P[0-9]+ +exec[lv]p? started me, PID P[0-9]+: GREETING=\(unset\)$' "$L")" = 4 ] || problems="$problems inherited-env"
has -E '^  P[0-9]+ +execv\(bare\) failed: No such file or directory$' bare-fails
tr '\n' ' ' <"$L" | tr -s ' ' | grep -Eq ' exec sh -c echo .{1,80} execv\(bare\) failed \(No such file' || problems="$problems exec-failed"
has -E '^[0-9.]+s .* P[0-9]+ exited 127$' exit-127
has '6 of 7 calls started the program, 6 of them in the very process' same-pid
has '^    os.execlpe  (none in C)   list   yes   given$' table
has "^  Answer: 2, fail\." answer
lesson_done exec "l/v, p and e live; a bare name without p fails"

# execfail: ENOENT gives 127, EACCES 126, seen by the parent through
# waitpid; a child without _exit after a failed exec runs the parent's code.
lesson_out 'lesson execfail --auto=0'
L=$WORK/lesson.out; problems=""
has '^  exec no-such-program: errno 2 (ENOENT): No such file or directory$' enoent
has '^  exec /etc/passwd: errno 13 (EACCES): Permission denied$' eacces-file
has '^  exec /tmp: errno 13 (EACCES): Permission denied$' eacces-dir
[ "$(grep -E '^  parent: child [0-9]+ exited with status' "$L" | awk '{print $NF}' | tr '\n' ' ')" = "127 126 126 " ] || problems="$problems statuses"
[ "$(grep -E '^  [0-9]+: this line is meant for the parent only$' "$L" | awk '{print $1}' | sort -u | wc -l)" = 2 ] || problems="$problems two-pids"
[ "$(grep '^  Answer: ' "$L" | tr '\n' ' ')" = "  Answer: 127.   Answer: 2. " ] || problems="$problems answers"
lesson_done execfail "errno and 127/126 from a failed exec; a child without _exit runs on"
out=$(printf '%s\n' 'lesson execfail --auto=0 >/dev/null' 'no-such-command-for-the-exercise 2>/dev/null' 'echo after $?' | fsh 2>&1)
s=$(strays)
if echo "$out" | grep -q '^OK Exercise done (execfail):$' && echo "$out" | tr '\n' ' ' | grep -Eq 'forksh forked child [0-9]+; its execvp\("no-such-command-for-the-exercise"\) +failed' && echo "$out" | grep -q '^after 127$' && [ -z "$s" ]; then
	ok "lesson execfail: the exercise sees forksh's child fail to exec and exit 127"
else
	not_ok "lesson execfail: exercise" "$out" ${s:+"stray: $s"}
fi
# A status of 127 alone is not a failed exec: the exercise stays open.
out=$(printf '%s\n' 'lesson execfail --auto=0 >/dev/null' "/bin/sh -c 'exit 127'" 'echo after $?' | fsh 2>&1)
s=$(strays)
if ! echo "$out" | grep -q 'Exercise done' && echo "$out" | grep -q '^after 127$' && [ -z "$s" ]; then
	ok "lesson execfail: a child that only exits 127 does not pass the exercise"
else
	not_ok "lesson execfail: exit 127 without a failed exec" "$out" ${s:+"stray: $s"}
fi

# orphans: before, the parent's PID; after it left, forksh's PID (the
# subreaper); with the main process a subreaper, the main process's PID.
lesson_out 'lesson orphans --auto=0 --children 3'
L=$WORK/lesson.out; problems=""
shellpid=$(grep -Eo '^  2: forksh \(PID [0-9]+\)' "$L" | grep -Eo '[0-9]+\)' | tr -d ')')
mainpid=$(grep -Eo '^  main [0-9]+: I am a child subreaper now$' "$L" | awk '{print $2}' | tr -d :)
after=$(grep -E '^  child [0-9]+: my parent is now [0-9]+$' "$L" | awk '{print $NF}' | tr '\n' ' ')
[ -n "$shellpid" ] && [ -n "$mainpid" ] && [ "$after" = "$shellpid $shellpid $shellpid $mainpid $mainpid $mainpid " ] || problems="$problems after($after;$shellpid;$mainpid)"
parents=$(grep -E '^  parent [0-9]+: leaving' "$L" | awk '{print $2}' | tr -d : | tr '\n' ' ')
before=$(grep -E '^  child [0-9]+: my parent is [0-9]+$' "$L" | awk '{print $NF}' | sort -u | tr '\n' ' ')
[ "$before" = "$(echo $parents | tr ' ' '\n' | sort -u | tr '\n' ' ')" ] || problems="$problems before($before;$parents)"
[ "$(grep -cE '^ .*[0-9]+  exited 0 at [0-9.]+s; re-parented to forksh at' "$L")" = 3 ] || problems="$problems tree-forksh"
[ "$(grep -cE "^ .*[0-9]+  exited 0 at [0-9.]+s; re-parented to $mainpid at [0-9.]+s;" "$L")" = 3 ] || problems="$problems tree-main"
[ "$(grep -cE "^[0-9.]+s .* $mainpid reaped [0-9]+ \(exited 0\)\$" "$L")" = 4 ] || problems="$problems main-reaps"
has "^  Answer: 2, forksh\." answer
lesson_done orphans "getppid() before and after; forksh, then the main process, adopts"

# orphans --no-subreaper: forksh gives up adopting for the first run, so
# the orphans go past it to the nearest subreaper above (here an outer
# forksh, which reaps them: this machine's init may not) or init.
fsh -c "echo outer=\$\$; $FORKSH -c 'lesson orphans --auto=0 --children 2 --no-subreaper; $ZOMBIES \$\$ >&2'" >"$WORK/lesson.out" 2>&1
echo $? >"$WORK/lesson.st"
L=$WORK/lesson.out; problems=""
outer=$(sed -n 's/^outer=//p' "$L")
inner=$(grep -Eo 'forksh is [0-9]+' "$L" | head -1 | grep -Eo '[0-9]+')
after=$(grep -E '^  child [0-9]+: my parent is now [0-9]+$' "$L" | awk '{print $NF}' | head -2 | tr '\n' ' ')
[ -n "$outer" ] && [ "$after" = "$outer $outer " ] && [ "$inner" != "$outer" ] || problems="$problems after($after;$outer;$inner)"
has "^  Answer: 4, another process, further up\." answer-4
[ "$(grep -cE "re-parented to $outer at" "$L")" = 2 ] || problems="$problems tree-outer"
[ "$(grep -cE '^ .*[0-9]+  exited 0 at [0-9.]+s; re-parented to forksh at' "$L")" = 0 ] || problems="$problems tree-forksh"
lesson_done orphans "--no-subreaper: the orphans go past forksh, to a subreaper above it or init"

# zombies: state Z seen in /proc and in ptree before the reap, gone after;
# N zombies without a handler, 0 with one; none left at the end.
lesson_out 'lesson zombies --auto=0 --children 4'
L=$WORK/lesson.out; problems=""
z=$(grep -Eo '^  parent: /proc/[0-9]+/stat says state Z$' "$L" | grep -Eo '[0-9]+')
[ -n "$z" ] || problems="$problems no-Z"
has "^  parent: waitpid reaped $z: exit status 3\$" reaped
has "^  parent: /proc/$z is gone\$" still-there
has '^  without a handler: 4 zombie children after they all ended$' count-without
has '^  with a SIGCHLD handler: 0 zombie children after they all ended$' count-with
has '^  the handler reaped 4 children as they ended$' handler
[ "$(grep -c '^  after reaping: 0 zombie children$' "$L")" = 2 ] || problems="$problems after"
has "^  Answer: 1, as a zombie, state Z\." answer
[ "$(grep -c 'still running' "$L")" = 0 ] || problems="$problems unreaped"
lesson_done zombies "Z in /proc and ptree until waitpid; a SIGCHLD handler leaves none"

# spawn: eight timings (four ways, two sizes), each a positive number, the
# table with bars, and the ratios; every measured child reaped.
lesson_out 'lesson spawn --auto=0 --runs 5 --small-mib 1 --big-mib 8'
L=$WORK/lesson.out; problems=""
n=$(grep -Ec '^  (fork\+execv|vfork\+execv|posix_spawn|fork\+_exit)\+waitpid +(1|8) MiB: +[0-9]+\.[0-9] us each \(5 runs, PIDs [0-9]+\.\.[0-9]+\)$' "$L")
[ "$n" = 8 ] || problems="$problems timings-$n"
[ "$(grep -E '^  [a-z_+]+ +[0-9]+ MiB: .* us each ' "$L" | grep -Eo ': +[0-9.]+ us' | awk '$2 <= 0' | wc -l)" = 0 ] || problems="$problems non-positive"
has -E '^  posix_spawn\+waitpid +1 MiB +[0-9]+\.[0-9] #+$' table
has -E '^  From 1 to 8 MiB, fork alone became [0-9.]+x slower' ratios
tr '\n' ' ' <"$L" | tr -s ' ' | grep -q 'its 40 short-lived children were reaped' || problems="$problems starts"
has -E '^  Answer: [12], (faster|about the same)\.' answer
lesson_done spawn "fork+exec, vfork, posix_spawn and fork alone timed at two sizes"

# system: the tree is main -> sh -c ... -> forksh-hello (one shell in
# between) for system() and popen(); echo, sh's builtin, is no process;
# popen's output, forksh-hello's line included, comes through the pipe.
lesson_out 'lesson system --auto=0'
L=$WORK/lesson.out; problems=""
main=$(grep -Eo '^  main [0-9]+: calling system\(\)$' "$L" | awk '{print $2}' | tr -d :)
has "^$main  exited 0 at" root
has -E '^`- [0-9]+  ran sh -c forksh-hello system; echo sh said this' sh-under-main
has -E '^   `- [0-9]+  ran forksh-hello system; exited 0 at' hello-under-sh
has -E '^   `- [0-9]+  ran forksh-hello popen; exited 0 at' popen-hello-under-sh
has '^  sh said this$' echo-line
has -E '^  read from the pipe: Hello from child [0-9]+ popen$' hello-through-pipe
has '^  read from the pipe: a line through the pipe$' pipe
[ "$(grep -cE '^  Hello from child [0-9]+ popen$' "$L")" = 0 ] || problems="$problems hello-around-pipe"
has '^  system() returned: exit status 0$' system-status
has '^  pclose() returned: exit status 0$' pclose-status
has "^  Answer: 1\." answer
lesson_done system "system() and popen() put /bin/sh between the caller and the command"

# shell: the mini shell's statuses 0, 1, 127; forksh's own trace of a line;
# a child's chdir leaves the parent where it was.
lesson_out 'lesson shell --auto=0'
L=$WORK/lesson.out; problems=""
[ "$(grep -E '^  \$\? = [0-9]+$' "$L" | awk '{print $NF}' | tr '\n' ' ')" = "0 1 127 " ] || problems="$problems statuses"
has '^  no-such-command: command not found$' not-found
has "^  Answer: 1\." answer
tp=$(grep -Eo '^  \[[0-9]+\] fork\(\) = [0-9]+$' "$L" | head -1 | grep -Eo '^  \[[0-9]+' | tr -d ' [')
fc=$(grep -Eo '^  \[[0-9]+\] fork\(\) = [0-9]+$' "$L" | head -1 | awk '{print $NF}')
has "^  \[$fc\]   execvp(\"/bin/false\", \[\"/bin/false\"\])\$" trace-exec
has "^  \[$tp\] waitpid($fc) = exited 1\$" trace-wait
has '^the status was 1$' status-echo
has '^  child  [0-9]*: my directory is /$' child-cd
[ "$(grep -c "^  parent [0-9]*: my directory is $WORK\$" "$L")" = 2 ] || problems="$problems parent-stays"
lesson_done shell "mini shell statuses, forksh traced, a child's cd stays in the child"
out=$(printf '%s\n' 'lesson shell --auto=0 >/dev/null 2>&1' "/bin/sh -c 'cd /'" 'cd /tmp' 'echo "pwd=$PWD"' | fsh 2>&1 | tr '\n' ' ' | tr -s ' ')
s=$(strays)
case $out in
*"OK Exercise done (shell): cd ran as a builtin, inside forksh (PID "*"no fork): forksh's directory became /tmp (PWD=/tmp). The child shell ran in process "*" exited 0. forksh's directory was $WORK before it and $WORK after it. Unchanged: "*"pwd=/tmp "*)
	[ -z "$s" ] && ok "lesson shell: the exercise tells the builtin cd from a child shell's cd" || not_ok "lesson shell exercise" "stray: $s" ;;
*) not_ok "lesson shell: exercise" "$out" ${s:+"stray: $s"} ;;
esac

# With keys in a terminal: a prediction typed at the question is checked
# against the run, and the shell exercise is done at the real prompt.
pty "lesson noexit with keys: a typed prediction is checked" "expect ${P}\\\$ \$
send lesson noexit --rounds 2\\r
expect noexit . step 1/6
send n
expect step 2/6
send n
expect Your answer:
send 4\\r
expect You predicted 4: right.
send q
expect ${P}\\\$ \$
send exit\\r
wait 0"

pty "lesson shell: the exercise at a real prompt" "expect ${P}\\\$ \$
send lesson shell --auto=0 >/dev/null 2>&1\\r
expect ${P}\\\$ \$
send cd /tmp\\r
expect ${P}\\\$ \$
send /bin/sh -c 'cd /'\\r
expect Exercise done .shell.
expect Unchanged: a process can change only its own directory
send exit\\r
wait 0"

# Every lesson with keys, in a terminal, from its first step to "finished":
# the steps and which of them ask a question are read from an --auto=0 run
# of the same lesson, then Enter/n walks the steps and 1 answers each
# question; a "your turn" step gets an empty line (the task stays open),
# and a keyed run (a program reading lines, as noexit's loop without
# _exit) gets q until every process has gone: $3 says how many.
# (fork and forkexec, which fork on Enter, have their own test.)
walk_script() {
	local name=$1 args=$2 quits=${3:-} out n k
	out=$(fsh -c "lesson $name $args --auto=0" 2>/dev/null)
	n=$(printf '%s\n' "$out" | grep -m1 -Eo "^$name . step 1/[0-9]+" | grep -Eo '[0-9]+$')
	printf 'expect %s\\$ $\n' "$P"
	printf 'send lesson %s %s\\r\n' "$name" "$args"
	for k in $(seq 1 "$n"); do
		printf 'expect %s . step %s/%s\n' "$name" "$k" "$n"
		step=$(printf '%s\n' "$out" | awk -v h="step $k/$n " 'index($0, h) { on = 1; next } / . step [0-9]+\// { on = 0 } on')
		if printf '%s\n' "$step" | grep -q '? Predict'; then
			printf 'expect Your answer\nsend 1\\r\nexpect Answer: \n'
		fi
		if [ "${quits%%:*}" = "$k" ]; then
			for q in $(seq 1 "${quits#*:}"); do printf 'expect \\(Enter:\nsend q\n'; done
			printf 'expect Process tree\n'
		fi
		if printf '%s\n' "$step" | grep -q '^  Your turn:'; then
			printf 'expect your turn\\$ $\nsend \\r\nexpect the task stays open\n'
		fi
		printf 'expect \\[Enter/n\\] next\nsend n\n'
	done
	printf 'expect Lesson %s finished\nexpect %s\\$ $\nsend exit\\r\nwait 0\n' "$name" "$P"
}
for l in "counter --children 2 --count 1 --delay 0" "noexit|4:2" "memory --mib 4" fds exec execfail orphans zombies "spawn --runs 3 --big-mib 8" system shell; do
	quits=""
	case $l in *"|"*) quits=${l#*|}; l=${l%|*} ;; esac
	name=${l%% *}; args=${l#"$name"}
	pty "lesson $name with keys, every step to the end" "$(walk_script "$name" "$args" "$quits")"
done
