# pictures.sh - end-to-end checks that the lessons' pictures tell the truth
# (issue 16), sourced by run.sh (uses its helpers: fsh, lesson_out, strays,
# ok, not_ok, pty, $WORK, $PTY, $E2E_TOOLS).  Each check reads the facts
# back from the timeline's rows ("TIME  LIFELINES  PID what") and the
# tree's lines, in the plain C locale (ASCII) without colour.

# row_time WHAT : the time (seconds, no unit) of the first timeline row
# whose text holds " WHAT" (a wrapped row: its first part), in lesson
# output $L.  WHAT is plain text, not a pattern.
row_time() {
	awk -v w=" $1" '/^[0-9]+\.[0-9]+s / && index($0, w) { sub(/s .*/, ""); print; exit }' "$L"
}

# before A B : is time A earlier than time B (by more than DELTA, default 0)?
before() { awk -v a="$1" -v b="$2" -v d="${3:-0}" 'BEGIN { exit !(a != "" && b != "" && a + d < b) }'; }

# done_check NAME WHAT : report the problems collected for a picture check.
done_check() {
	local s
	s=$(strays)
	if [ -z "$problems$s" ]; then ok "pictures: $1: $2"; else not_ok "pictures: $1" "problems:$problems" ${s:+"stray: $s"} "$(head -c 5000 "$L")"; fi
}

# fork: the children exit at once (not at the parent's exit), stay zombies,
# are re-parented to forksh when the parent ends, and forksh reaps them.
lesson_out 'lesson fork --auto=0 --forks 3'
L=$WORK/lesson.out; problems=""
main=$(grep -Eo '^  Hello from parent [0-9]+' "$L" | head -1 | awk '{print $4}')
tmain=$(row_time "$main exited 0")
for c in $(grep -E '^  Hello from parent' "$L" | awk '{print $5}'); do
	before "$(row_time "$c exited 0")" "$tmain" 0.05 || problems="$problems exit-at-parent-exit-$c"
	[ "$(row_time "$c re-parented to forksh")" = "$tmain" ] || problems="$problems reparent-$c"
	before "$tmain" "$(row_time "forksh reaped $c (exited 0)")" -0.0005 || problems="$problems reap-$c"
	grep -Eq "^[|\`]- $c  exited 0 at [0-9.]+s; re-parented to forksh at [0-9.]+s;" "$L" || problems="$problems tree-$c"
	# nothing cut: the parent's whole line, both PIDs, is in the timeline
	grep -Eq "^[0-9.]+s .* $main: Hello from parent $main $c\$" "$L" || problems="$problems cut-$c"
done
grep -Eq "^[0-9.]+s [|: ]+[:] " "$L" || problems="$problems no-zombie-drawn"
done_check fork "each child's exit at its time, a zombie until forksh reaps it after the re-parenting"

# memory: the child exits first; the parent, which waits for it, reaps it
# before it prints its own line and ends; nobody is re-parented.
lesson_out 'lesson memory --auto=0 --mib 1'
L=$WORK/lesson.out; problems=""
c=$(grep -Eo '^  child  [0-9]+' "$L" | awk '{print $2}')
p=$(grep -Eo '^  parent [0-9]+' "$L" | head -1 | awk '{print $2}')
# (at the timeline's millisecond the two may be equal; never the wrong way)
tc=$(row_time "$c exited 0"); tp=$(row_time "$p exited 0")
[ -n "$tc" ] && [ -n "$tp" ] && ! before "$tp" "$tc" || problems="$problems child-exit"
[ -n "$(row_time "$p reaped $c (exited 0)")" ] || problems="$problems not-reaped-by-parent"
grep -q ' re-parented to ' "$L" && problems="$problems re-parented"
done_check memory "the child's exit comes when it happened, before the parent's, which reaps it"
lesson_out 'lesson zombies --auto=0 --children 3'
L=$WORK/lesson.out; problems=""
z=$(grep -Eo '^  parent: waitpid reaped [0-9]+' "$L" | awk '{print $4}')
p=$(grep -Eo "^[0-9.]+s .* [0-9]+ reaped $z \(exited 3\)$" "$L" | awk '{print $(NF-4)}')
# a zombie from its exit to its reap, and seen as Z in between
tz=$(row_time "$p: parent: /proc/$z/stat says state Z")
before "$(row_time "$z exited 3")" "$(row_time "$p reaped $z (exited 3)")" -0.0005 || problems="$problems zombie-interval"
[ -n "$tz" ] && ! before "$(row_time "$p reaped $z (exited 3)")" "$tz" || problems="$problems z-after-reap"
# step 4: the handler reaps each child at once, in the main process
main4=$(grep -Eo '^[0-9]+  exited 0 at' "$L" | tail -1 | awk '{print $1}')
tcount=$(row_time "$main4: with a SIGCHLD handler:")
n=0
for t in $(grep -E "^[0-9.]+s .* $main4 reaped [0-9]+ \(exited 0\)\$" "$L" | sed 's/s .*//'); do
	n=$((n + 1)); before "$tcount" "$t" && problems="$problems late-reap-$t"
done
[ $n = 3 ] || problems="$problems handler-reaps-$n"
[ "$(grep -cE "^\`- [0-9]+  exited 0 at [0-9.]+s; reaped by $main4 at" "$L")" = 1 ] || problems="$problems tree-reaper"
done_check zombies "a zombie interval until waitpid; the handler's reaps at once, by the main process"

# exec: a failed exec is drawn as failed, never as run.
lesson_out 'lesson exec --auto=0'
L=$WORK/lesson.out; problems=""
grep -q 'execv(bare)$' "$L" && problems="$problems bare-drawn-as-exec"
tr '\n' ' ' <"$L" | tr -s ' |' | grep -Eq '[0-9]+ exec sh -c echo .{1,90}execv\(bare\) failed:' || problems="$problems bare-not-failed"
[ "$(grep -cE '^[0-9.]+s .* [0-9]+ exec: sh -c echo' "$L")" = 6 ] || problems="$problems six-execs"
lesson_out 'lesson shell --auto=0'
grep -q 'exec: no-such-command' "$L" && problems="$problems missing-drawn-as-exec"
grep -Eq ' exec no-such-command failed:' "$L" || problems="$problems missing-not-failed"
done_check exec "failed execs are drawn as failed (exec, shell)"

# system: sh and forksh-hello end, and sh is reaped, before the caller exits.
lesson_out 'lesson system --auto=0'
L=$WORK/lesson.out; problems=""
main=$(grep -Eo '^  main [0-9]+: calling system' "$L" | awk '{print $2}' | tr -d :)
sh=$(grep -Eo '^`- [0-9]+  ran sh -c forksh-hello system;' "$L" | awk '{print $2}')
tmain=$(row_time "$main exited 0")
before "$(row_time "$sh exited 0")" "$tmain" -0.0005 || problems="$problems sh-after-caller"
before "$(row_time "$main reaped $sh (exited 0)")" "$tmain" -0.0005 || problems="$problems reap-after-caller"
# and in the order drawn: sh's end comes above the caller's
first=$(grep -nE "^[0-9.]+s .* ($sh|$main) exited 0\$" "$L" | head -2 | sed 's/.* \([0-9]*\) exited 0$/\1/' | tr '\n' ' ')
[ "$first" = "$sh $main " ] || problems="$problems order($first)"
for h in $(grep -Eo '^  Hello from child [0-9]+ system' "$L" | awk '{print $4}'); do
	before "$(row_time "$h exited 0")" "$(row_time "$sh exited 0")" -0.0005 || problems="$problems hello-$h"
done
done_check system "sh and forksh-hello end before system() returns and the caller exits"

# orphans: the re-parenting is on the timeline, at the parent's exit, with
# the new parent.
lesson_out 'lesson orphans --auto=0 --children 2'
L=$WORK/lesson.out; problems=""
p=$(grep -Eo '^  parent [0-9]+: leaving' "$L" | head -1 | awk '{print $2}' | tr -d :)
tp=$(row_time "$p exited 0")
n=0
for c in $(grep -E "^  child [0-9]+: my parent is $p\$" "$L" | awk '{print $2}' | tr -d :); do
	n=$((n + 1)); [ "$(row_time "$c re-parented to forksh")" = "$tp" ] || problems="$problems reparent-$c"
done
[ $n = 2 ] || problems="$problems children-$n"
main=$(grep -Eo '^  main [0-9]+: I am a child subreaper' "$L" | awk '{print $2}' | tr -d :)
[ "$(grep -cE "^[0-9.]+s .* [0-9]+ re-parented to $main\$" "$L")" = 2 ] || problems="$problems to-main"
done_check orphans "each re-parenting at the moment its parent ends, with the new parent"

# counter, 10 children at 80 columns: every process has its lifeline and
# no count is cut; at 160 columns the timeline uses the width (no 120 cap).
lesson_out 'lesson counter --auto=0 --children 10 --count 2 --delay 0'
L=$WORK/lesson.out; problems=""
grep -q 'more without a lifeline' "$L" && problems="$problems lifelines"
[ "$(grep -cE '^[0-9.]+s .* ([0-9]+): \[\1\] => [01]$' "$L")" = 20 ] || problems="$problems counts"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$L" || problems="$problems too-wide"
done_check counter "ten children readable at 80 columns, nothing cut"
printf '%s\n' "expect ${P}\\\$ \$" 'send lesson counter --auto=0 --children 20 --count 1 --delay 0 --timeline=full\r' \
	'expect Lesson counter finished' 'send exit\r' 'wait 0' |
	env FORKSH_TEST_MARK="$MARK" "$PTY" -v -t 30 -w 160 -- "$FORKSH" >"$WORK/wide" 2>&1
tr -d '\r' <"$WORK/wide" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g' >"$WORK/wide.txt"
w=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$WORK/wide.txt")
# The lifelines' names (forksh and 21 PIDs) take one line wherever they
# fit in 160 columns (more than 120 with PIDs of 5 digits, fewer with
# short ones); with long PIDs the line is filled past 120 before it wraps.
lifelines=$(grep '^Lifelines, left to right: ' "$WORK/wide.txt" | head -1)
names=$(printf '%s\n' "$lifelines" | sed 's/^Lifelines, left to right: //' | wc -w)
if [ "$w" -le 160 ] && { [ "$names" -ge 22 ] || [ ${#lifelines} -gt 120 ]; } && [ -z "$(strays)" ]; then ok "pictures: a 160-column terminal gets pictures up to 160 columns ($w)"; else not_ok "pictures: wide terminal" "widest line: $w, names on the lifelines line: $names" "$(tail -c 2000 "$WORK/wide")"; fi

# --stable-pids: no real PID anywhere in the output, inside lines too.
lesson_out "lesson fork --auto=0 --forks 2 --stable-pids --json $WORK/fork.json"
L=$WORK/lesson.out; problems=""
pids=$(grep -Eo '"(pid|child)": [0-9]+' "$WORK/fork.json" | awk '{print $2}' | sort -u)
[ "$(echo "$pids" | wc -w)" = 4 ] || problems="$problems json-pids($pids)"
for p in $pids; do grep -Ewq "$p" "$L" && problems="$problems pid-$p-shown"; done
grep -Eq '^  P1 +Hello from parent P1 P2$' "$L" || problems="$problems aliases-in-lines"
grep -q '^Process tree (3 processes; forksh is P0):' "$L" || problems="$problems tree-alias"
done_check stable-pids "aliases in place of every PID, in lines, texts and pictures"

# --stable-pids also in an exercise's report, done at forksh's prompt after
# the lesson: forksh is P0, the exercise's child the next alias after the
# run's; neither report names a process by its number.
printf '%s\n' "expect ${P}\\\$ \$" "send lesson execfail --auto=0 --stable-pids\\r" \
	"expect Lesson execfail finished" "expect ${P}\\\$ \$" "send no-such-command-for-the-test\\r" \
	"expect Exercise done" "expect ${P}\\(127\\)\\\$ \$" "send lesson shell --auto=0 --stable-pids\\r" \
	"expect Lesson shell finished" "expect ${P}\\\$ \$" "send cd /tmp\\r" "expect ${P}\\\$ \$" \
	"send /bin/sh -c 'cd /'\\r" "expect Exercise done" "expect ${P}\\\$ \$" "send exit\\r" "wait 0" >"$WORK/exs"
L=$WORK/exs.out; problems=""
env FORKSH_TEST_MARK="$MARK" "$PTY" -v -t 30 -- "$FORKSH" <"$WORK/exs" >/dev/null 2>"$WORK/exs.raw" || problems=" pty"
sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' "$WORK/exs.raw" | tr '\n' ' ' | tr -s ' ' >"$L"
reports=$(perl -ne 'print "$1\n" while /(Exercise done \([a-z]*\): .*?)forksh\[/g' "$L")
[ "$(printf '%s\n' "$reports" | grep -c .)" = 2 ] || problems="$problems reports($reports)"
printf '%s\n' "$reports" | grep -q 'forksh forked child P[1-9][0-9]*; its execvp' || problems="$problems child-alias"
printf '%s\n' "$reports" | grep -q 'inside forksh (PID P0, no fork)' || problems="$problems forksh-alias"
printf '%s\n' "$reports" | grep -q 'The child shell ran in process P[1-9][0-9]*:' || problems="$problems sh-alias"
shpid=$(grep -o 'forksh\[[0-9]*\]' "$L" | head -1 | tr -dc 0-9)
printf '%s\n' "$reports" | grep -Eq "(child|process|PID) [0-9]|\\<$shpid\\>" && problems="$problems real-pid"
done_check stable-pids-exercise "the reports of exercises use the aliases too"

# --json: the whole record, in the documented format.
problems=""
grep -q '^  "format": "forksh-record",$' "$WORK/fork.json" || problems="$problems format"
[ "$(grep -c '"kind": "reap"' "$WORK/fork.json")" = 3 ] || problems="$problems reaps"
[ "$(grep -c '"kind": "exit"' "$WORK/fork.json")" = 3 ] || problems="$problems exits"
tail -c 3 "$WORK/fork.json" | grep -q '^}$' || problems="$problems end"
done_check json "the record of a run: forks, exits, reaps, lines"

# --svg: one self-contained picture, rendered by a real renderer: 1920 px
# wide, not blank, in the palette's colours.
lesson_out "lesson counter --auto=0 --children 6 --count 1 --delay 0 --svg $WORK/counter.svg"
L=$WORK/lesson.out; problems=""
grep -q "the picture of this run is in $WORK/counter.svg" "$L" || problems="$problems said"
grep -Eq '<script|href=|@import|url\(' "$WORK/counter.svg" && problems="$problems not-self-contained"
if rsvg-convert -w 1920 "$WORK/counter.svg" -o "$WORK/counter.png" 2>"$WORK/rsvg.err"; then
	"$E2E_TOOLS/pngcheck" "$WORK/counter.png" 1920 600 2 '#d70000' '#008700' '#af00af' '#0087d7' '#d75f00' '#008787' \
		>"$WORK/png.txt" || problems="$problems png($(cat "$WORK/png.txt"))"
else
	problems="$problems rsvg($(head -c 300 "$WORK/rsvg.err"))"
fi
done_check svg "rendered by rsvg-convert: $(cat "$WORK/png.txt" 2>/dev/null)"

# Options: --timeline=off draws no timeline; a bad mode or file is an error.
t "pictures: --timeline=off" "tree no-timeline" 0 -c 'lesson memory --auto=0 --mib 1 --timeline=off >o; grep -q "^Process tree" o && echo -n "tree "; grep -q "^Timeline" o || echo no-timeline'
terr "pictures: --timeline takes a mode" "--timeline takes full, summary, off or auto" 2 -c 'lesson fork --timeline=most'
terr "pictures: an SVG that cannot be written" "cannot write the picture to /nonexistent/x-step3.svg" 1 -c 'lesson memory --auto=0 --mib 1 --svg /nonexistent/x.svg'

# Colour: 256-colour escapes on a terminal, none of yellow or dark blue; none
# at all with --no-color or NO_COLOR.
printf '%s\n' "expect ${P}\\\$ \$" 'send lesson fork --auto=0 --forks 1\r' 'expect Lesson fork finished' 'send exit\r' 'wait 0' |
	env -u NO_COLOR FORKSH_TEST_MARK="$MARK" "$PTY" -v -t 20 -- "$FORKSH" >"$WORK/colour" 2>&1
printf '%s\n' "expect ${P}\\\$ \$" 'send lesson fork --auto=0 --forks 1 --no-color\r' 'expect Lesson fork finished' 'send exit\r' 'wait 0' |
	env -u NO_COLOR FORKSH_TEST_MARK="$MARK" "$PTY" -v -t 20 -- "$FORKSH" >"$WORK/nocolour" 2>&1
if grep -q $'\033\[38;5;' "$WORK/colour" && ! grep -qE $'\033\[(3[34]|9[34])m' "$WORK/colour" &&
	! grep -q $'\033\[38;5;' "$WORK/nocolour" && grep -q 'Lesson fork finished' "$WORK/nocolour"; then
	ok "pictures: projector-safe colours on a terminal, none with --no-color"
else
	not_ok "pictures: colours" "$(tail -c 1500 "$WORK/colour" | cat -v)"
fi
