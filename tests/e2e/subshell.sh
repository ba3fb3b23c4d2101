# subshell.sh - end-to-end checks of lesson 14 (subshell), sourced by run.sh
# after lessons.sh (it uses their helpers: fsh, lesson_out, strays, ok,
# not_ok, pty, has, lesson_done, walk_script, $WORK, $P).  PIDs cannot be
# predicted, so each check reads them back from the output: the root of
# each step's tree (the lesson's shell), the subshell's child drawn under
# it, and the numbers the commands printed.  C locale: ASCII pictures.

# step N : the output of step N of the lesson in $L, from its title line to
# the next step's.
step() {
	awk -v n="$1" '/^subshell - step [0-9]+\// { on = index($0, "step " n "/") > 0 } on' "$L"
}

# flat TEXT : TEXT on one line, runs of spaces as one (for wrapped prose).
# The tree's continuation bars ("|  |  ") are left out, so that a wrapped
# node reads as one line.
flat() { printf '%s\n' "$1" | tr '\n' ' ' | tr -s ' ' | sed 's/ [|`][|` ]* / /g'; }

# tree_root TEXT : the PID of the first tree root line in TEXT.
tree_root() { printf '%s\n' "$1" | grep -m1 -Eo '^[0-9]+  exited' | awk '{print $1}'; }

lesson_out 'lesson subshell --auto=0'
L=$WORK/lesson.out; problems=""

# { }: $$ and sh's parent are the lesson's shell itself; no copy of it.
s2=$(step 2); r2=$(tree_root "$s2")
[ -n "$r2" ] || problems="$problems no-root-2"
printf '%s\n' "$s2" | grep -q "^  in { }: \$\$ is $r2, x is inside\$" || problems="$problems braces-dollar"
printf '%s\n' "$s2" | grep -q "^  sh: my parent is $r2\$" || problems="$problems braces-ppid"
printf '%s\n' "$s2" | grep -q '^  after { }: x is inside$' || problems="$problems braces-x"
printf '%s\n' "$s2" | grep -q 'subshell:' && problems="$problems braces-made-a-subshell"
flat "$s2" | grep -Eq " From the record: the lesson's shell $r2 forked [0-9]+ child(ren)? to run programs \([a-z, ]*sh[a-z, ]*\) and 0 to run shell code\. The braces made no process: \\$\\$ said $r2 and sh's parent was $r2: both" ||
	problems="$problems braces-review"

# ( ): one child forked for the subshell, never exec'd, reaped by the
# shell; $$ inside is the shell's, sh's parent is the child.
s3=$(step 3); r3=$(tree_root "$s3")
c3=$(printf '%s\n' "$s3" | grep -Eo '^[|`]- [0-9]+  subshell: the child runs the list itself, no exec; exited 0 at' | awk '{print $2}')
[ -n "$c3" ] || problems="$problems no-subshell-child"
flat "$s3" | grep -Eq "[|\`]- $c3 subshell: [^;]*; exited 0 at [0-9.]+s; reaped by $r3 at" || problems="$problems subshell-reaper"
printf '%s\n' "$s3" | grep -q "^[0-9.]*s .* $c3 exec:" && problems="$problems subshell-exec-drawn"
printf '%s\n' "$s3" | grep -q "^  in ( ): \$\$ is $r3, x is inside\$" || problems="$problems parens-dollar"
printf '%s\n' "$s3" | grep -q "^  sh: my parent is $c3\$" || problems="$problems parens-ppid"
printf '%s\n' "$s3" | grep -Eq "^[0-9.]+s .* $c3: /tmp\$" || problems="$problems pwd-by-child"
printf '%s\n' "$s3" | grep -q '^  after ( ): x is outside$' || problems="$problems parens-x"
flat "$s3" | grep -q " From the record: $r3 forked $c3 for the subshell\. $c3 never exec'd: it stayed forksh" || problems="$problems parens-review"
flat "$s3" | grep -q " 2: \$\$ is set once, .* so inside it \$\$ still said $r3, .* The list really ran in $c3: sh's \$PPID named $c3 " ||
	problems="$problems parens-why"

# exit 3 in the subshell ends the child only: $? = 3, x unchanged.
s4=$(step 4)
printf '%s\n' "$s4" | grep -Eq '^[|`]- [0-9]+  subshell: the child runs the list itself, no exec; exited 3 at' || problems="$problems exit-3"
printf '%s\n' "$s4" | grep -q '^  after ( ): status 3, x is outside$' || problems="$problems status-3"

# $( ): pipe, fork, read, waitpid, all from forksh's own trace, each line
# from the process that made the call (the step's shell, whose PID is its $$,
# flush left like the prompt's shell; its child indented); the shell stays
# in /.
s5=$(step 5); r5=$(tree_root "$s5")
c5=$(printf '%s\n' "$s5" | grep -Eo "^    \[$r5\] fork\(\) = [0-9]+  \(command substitution" | awk '{print $4}')
[ -n "$c5" ] || problems="$problems no-cmdsubst-fork"
printf '%s\n' "$s5" | grep -Eq "^    \[$r5\] pipe\(\) = \[[0-9]+, [0-9]+\]\$" || problems="$problems trace-pipe"
printf '%s\n' "$s5" | grep -Eq "^    \[$c5\]   dup2\([0-9]+, 1\) \(stdout\)\$" || problems="$problems trace-dup2"
printf '%s\n' "$s5" | grep -Eq "^    \[$r5\] read\([0-9]+\) until end of file: 5 bytes of output\$" || problems="$problems trace-read"
printf '%s\n' "$s5" | grep -q "^    \[$r5\] waitpid($c5) = exited 0\$" || problems="$problems trace-wait"
flat "$s5" | grep -Eq "[|\`]- $c5 command substitution: [^;]*; exited 0 at [0-9.]+s; reaped by $r5 at" || problems="$problems cmdsubst-tree"
printf '%s\n' "$s5" | grep -q "^[0-9.]*s .* $c5 exec:" && problems="$problems cmdsubst-exec-drawn"
printf '%s\n' "$s5" | grep -q '^  x is /tmp$' || problems="$problems x-is-tmp"
# the last directory the shell printed, in the live run
[ "$(printf '%s\n' "$s5" | sed -n '/live run/,/^Process tree/p' | grep -E '^  /' | tail -1)" = "  /" ] || problems="$problems shell-moved"

# the same in C
s6=$(step 6)
printf '%s\n' "$s6" | grep -q '^  x is /tmp$' || problems="$problems c-x"
printf '%s\n' "$s6" | grep -q '^  my directory is still /$' || problems="$problems c-dir"

[ "$(grep '^  Answer: ' "$L" | tr '\n' ' ')" = "  Answer: 2.   Answer: 2.   Answer: 2. " ] || problems="$problems answers"
# (what the run's processes write is shown whole when the lesson's output
# is not a terminal, as in every lesson: here trace's lines, [PID] first)
awk '!/^ +(P[0-9]+ +)?\[(P?[0-9]+)\] / && length($0) > 80 { bad = 1 } END { exit bad }' "$L" || problems="$problems wider-than-80"
[ "$(grep -c 'still running' "$L")" = 0 ] || problems="$problems unreaped"
lesson_done subshell "( ) forks without exec, { } forks nothing, \$( ) is pipe + fork + read"

# The lesson's shell is a copy: the user's variables and directory stay.
t "lesson subshell: the user's shell keeps its x and directory" "x=mine pwd=/" 0 -c \
	'cd /; x=mine; lesson subshell --auto=0 >/dev/null 2>&1; echo "x=$x pwd=$PWD"'
# The user's own trace shows forksh's work (the fork of the lesson's
# shell), never that of the lesson's shell and its children, which would
# go to the terminal around the lesson's own output.
fsh -c 'echo "shell $$"; trace on; lesson subshell --auto=0' >"$WORK/out" 2>&1
sp=$(grep -m1 '^shell ' "$WORK/out" | awk '{print $2}')
others=$(grep -E '^  \[[0-9]+\] ' "$WORK/out" | grep -v "^  \[$sp\] " | head -3)
if [ -n "$sp" ] && grep -q "^  \[$sp\] fork() = [0-9]*  (lesson main" "$WORK/out" && [ -z "$others" ] && [ -z "$(strays)" ]; then
	ok "lesson subshell: the user's trace stays out of the lesson's shell"
else
	not_ok "lesson subshell: the user's trace" "$others" "$(head -c 2000 "$WORK/out")"
fi

# Pictures: with --stable-pids no real PID anywhere; the JSON of step 3
# says the subshell's child (P2) never exec'd and was reaped by P1 after
# its exit, and gives the fork's reason.
lesson_out "lesson subshell --auto=0 --stable-pids --json $WORK/sub.json"
L=$WORK/lesson.out; problems=""
J=$WORK/sub-step3.json
[ -f "$J" ] || problems="$problems no-json"
pids=$(grep -Eo '"(pid|child)": [0-9]+' "$WORK"/sub-step*.json | awk '{print $2}' | sort -u)
[ "$(echo "$pids" | wc -w)" -ge 6 ] || problems="$problems json-pids"
for p in $pids; do grep -Ewq "$p" "$L" && problems="$problems pid-$p-shown"; done
grep -Eq '^  P[0-9]+ +in \( \): \$\$ is P1, x is inside$' "$L" || problems="$problems alias-dollar"
grep -Eq '^  P[0-9]+ +sh: my parent is P2$' "$L" || problems="$problems alias-ppid"
fork=$(grep '"kind": "fork", "pid": [0-9]*, "pid_alias": "P1", "child": [0-9]*, "child_alias": "P2", "why": "subshell: the child runs the list itself, no exec"}' "$J")
[ -n "$fork" ] || problems="$problems json-fork-why"
p1=$(printf '%s\n' "$fork" | grep -Eo '"pid": [0-9]+' | awk '{print $2}')
p2=$(printf '%s\n' "$fork" | grep -Eo '"child": [0-9]+' | awk '{print $2}')
grep -q "\"kind\": \"exec\", \"pid\": $p2," "$J" && problems="$problems json-P2-exec"
grep -q "\"pid\": $p2, \"pid_alias\": \"P2\", \"parent\": $p1, \"born\": [0-9.]*, \"command\": null, \"ended\": [0-9.]*, \"status\": {\"wait_status\": 0, \"exited\": 0}, \"reaped\": [0-9.]*, \"reaper\": $p1," "$J" ||
	problems="$problems json-P2-process"
texit=$(grep "\"kind\": \"exit\", \"pid\": $p2," "$J" | grep -Eo '"t": [0-9.]+' | awk '{print $2}')
treap=$(grep "\"kind\": \"reap\", \"pid\": $p1, \"pid_alias\": \"P1\", \"child\": $p2," "$J" | grep -Eo '"t": [0-9.]+' | awk '{print $2}')
awk -v a="$texit" -v b="$treap" 'BEGIN { exit !(a != "" && b != "" && a + 0 <= b + 0) }' || problems="$problems json-exit($texit)-reap($treap)"
grep -q '"why": "command substitution: the child.s output goes into the pipe"' "$WORK/sub-step5.json" || problems="$problems json-cmdsubst-why"
# (what the run's processes write is shown whole when the lesson's output
# is not a terminal, as in every lesson: here trace's lines, [PID] first)
awk '!/^ +(P[0-9]+ +)?\[(P?[0-9]+)\] / && length($0) > 80 { bad = 1 } END { exit bad }' "$L" || problems="$problems wider-than-80"
s=$(strays)
if [ -z "$problems$s" ]; then ok "pictures: subshell: aliases everywhere; the JSON's subshell child has no exec, reaped by P1 after its exit"
else not_ok "pictures: subshell" "problems:$problems" ${s:+"stray: $s"} "$(head -c 4000 "$L")"; fi

# With keys in a terminal: every step to the end, answering 1 (generic
# walk), and the three questions answered right.
pty "lesson subshell with keys, every step to the end" "$(walk_script subshell "")"
pty "lesson subshell with keys: the right answers are recognised" "expect ${P}\\\$ \$
send lesson subshell\\r
expect subshell . step 1/7
send n
expect step 2/7
expect \\[Enter/n\\] next
send h
expect No hint here
send n
expect step 3/7
expect Your answer:
send 2\\r
expect You predicted 2: right.
expect \\[Enter/n\\] next
send h
expect A subshell is a copy made by fork
send n
expect step 4/7
expect Your answer:
send 2\\r
expect You predicted 2: right.
expect \\[Enter/n\\] next
send n
expect step 5/7
expect Your answer:
send 2\\r
expect You predicted 2: right.
expect \\[Enter/n\\] next
send q
expect Lesson subshell stopped
expect ${P}\\\$ \$
send exit\\r
wait 0"

pty "Tab completes the subshell lesson's name" "expect ${P}\\\$ \$
send lesson subs\\t
expect lesson subshell
send \\x15
send exit\\r
wait 0"
