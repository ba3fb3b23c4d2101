#### assignment error before a regular builtin ends the script
readonly x=1
x=2 true
echo "after $?"
#### assignment error before a function call ends the script
readonly x=1
f() { echo in f; }
x=2 f
echo "after $?"
#### assignment error before command ends the script
readonly x=1
x=2 command true
echo "after $?"
#### an error inside command eval is only its status
readonly x=1
command eval 'x=2'
echo "after $?"
command eval 'echo ${unset_var?}'
echo "after $?"
command eval 'exit 4'
echo never
#### getopts fails when it cannot set a read-only variable
readonly OPTIND
getopts a o -a
echo "after $?"
#### $- has s when commands come from standard input
case $- in *s*) echo from stdin;; *) echo not;; esac
echo 'case $- in *s*) echo s;; *) echo no s;; esac' | "$SH_UNDER_TEST" -s a b
#### here-document delimiter continued on the next line
x=1
cat <<E\
F
$x
EF
echo end
#### here-document delimiters with backslashes inside quotes
x=1
cat <<'a\b'
$x
a\b
cat <<"a\b\$c"
$x
a\b$c
cat <<\a\\
$x
a\
echo end
#### OPTIND is 1 when the shell starts
echo "OPTIND=$OPTIND"
(getopts a o -a)
echo "still $OPTIND"
#### set -e: a failed redirection of a compound command ends the script
set -e
{ echo never; } <nonexistent
echo "after $?"
#### set -e: a failed redirection of a loop is tested after ||
set -e
for i in 1; do echo never; done <nonexistent || echo "failed $?"
(echo never) <nonexistent
echo "after $?"
#### set -e is off inside a subshell whose status is tested
set -e
if (false; echo in); then echo then; else echo else; fi
(false; echo in2) || echo or
f() { false; echo in f; }
(f) && echo and
! (false; echo in3)
echo "after $?"
#### set -e is off inside the members of a tested pipeline
set -e
if (false; echo in) | cat; then echo then; fi
if { false; echo in2; } | cat; then echo then2; fi
! (false; echo in3) | cat
(false; echo never) | cat
echo "after $?"
#### more than sixteen aliases in one command line
alias e=echo
e 1; e 2; e 3; e 4; e 5; e 6; e 7; e 8; e 9; e 10; e 11; e 12; e 13; e 14; e 15; e 16; e 17; e 18
f() {
	e a; e b; e c; e d; e e; e f; e g; e h; e i; e j; e k; e l; e m; e n; e o; e p; e q
}
f
#### the first word of an alias read as an argument is a candidate too
alias e='echo ' x='y ' y=z
e x y
alias x='y foo ' foo=FOO
e x y
alias l='ls -d ' ls='echo LS'
l l
#### local is a special builtin: a bad name ends the script
f() { local 1a; echo "after $?"; }
f
echo never
#### local through command: a bad name is only status 2
f() { command local 1a; echo "after $?"; }
f
echo end
#### return N in a trap action sets the function's status
trap 'return 7' USR1
f() { kill -USR1 $$; echo never; }
f
echo "f returned $?"
#### return N above 255: $? keeps N, a subshell's status its low byte
f() { return 300; }
f
echo "$?"
(f)
echo "$?"
g() { return 2147483647; }
g
echo "$?"
#### redirections of an assignment-only command hold while it is expanded
x=$(echo to-stderr >&2; echo value) 2>&1
echo "[$x]"
y=$(echo hidden >&2) 2>/dev/null
echo "[$y]"
#### hash finds commands in PATH and lists them
hash cat
echo "cat $?"
hash no-such-command-here 2>/dev/null
echo "missing $?"
hash
hash -r
hash
echo "forgotten $?"
if hash sh 2>/dev/null; then echo "sh is there"; fi
#### a $ that a value brings into $((...)) is not expanded again
a=5 u='$a'
echo $((${u} + 1))
echo "after $?"
#### set -e is off inside eval when its status is tested
set -e
! eval 'false; echo in1'
if eval 'false; echo in2'; then echo then; fi
eval 'false; echo in3' || echo or
eval 'false; echo never'
echo never
#### set - alone keeps the positional parameters
set -- a b
set -
echo "$# $*"
set - c
echo "$# $*"
#### set -n stops running the rest of its own line too
echo before
set -n; echo same-line
echo next-line
#### exit and return without N in a trap action use $? from before it
trap 'echo "in trap $?"; exit' EXIT
trap 'false; return' USR1
f() { kill -USR1 $$; echo never; }
f
echo "f: $?"
sh -c 'exit 6'
#### kill -s 0 is the null signal
kill -s 0 $$
echo "alive $?"
#### tilde expansion in the assignments of export, readonly and local
HOME=/home/someone
export b=~/bin c=a:~/x
readonly r=x:~
f() { local l=~/l; echo "$l"; }
f
echo "$b $c $r"
echo y=~ z=a:~
