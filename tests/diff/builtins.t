#### dot file sets variables
echo 'x=from-dot; f() { echo func; }' > lib.sh; . ./lib.sh; echo $x; f
#### dot file return
printf 'echo a\nreturn 3\necho b\n' > r.sh; . ./r.sh; echo "st=$?"
#### dot missing file exits
. ./nonexist; echo never
#### dot path search
mkdir bin; echo 'echo found-on-path' > bin/lib.sh; PATH=$PWD/bin:$PATH; . lib.sh
#### dot keeps positional parameters
set -- a b; echo 'echo $# $1' > p.sh; . ./p.sh
#### eval simple
eval echo hello
#### eval joins arguments
eval 'x=1;' 'echo $x'
#### eval status
eval false; echo $?
#### eval empty
eval; echo $?
#### eval defines function
eval 'g() { echo from-eval; }'; g
#### eval with loop
eval 'for i in 1 2; do echo $i; done'
#### eval syntax error
eval 'if then'; echo never
#### eval exit
eval 'exit 4'; echo never
#### eval in loop with break
for i in 1 2 3; do eval 'if [ $i = 2 ]; then break; fi'; echo $i; done
#### nested function definitions in loop
for n in a b; do eval "f_$n() { echo $n; }"; done; f_a; f_b
#### type of each kind
f() { :; }; alias ll='ls -l'; type ls cd if f ll exit nosuch; echo "st=$?"
#### command -v
command -v ls; command -v cd; command -v if; command -v nosuch; echo "st=$?"
#### command -v alias and function
alias ll='ls -l'; command -v ll; f() { :; }; command -v f
#### command -V
command -V ls; command -V cd
#### command skips functions
ls() { echo function; }; command ls -d / 
#### command with missing
command nosuch 2>/dev/null; echo "st=$?"
#### command makes special builtin not special
command shift 5; echo after $?
#### command export bad name
command export 1a=b 2>/dev/null; echo after $?
#### command assignment not kept
x=1 command true; echo "[$x]"
#### command -p
command -p ls -d /
#### command exit
command exit 3; echo no
#### readonly
readonly x=1; x=2; echo no
#### readonly listing
readonly x=1; readonly -p | grep x=
#### readonly unset
readonly y; readonly -p | grep " y"
#### readonly cannot unset
readonly z=1; unset z; echo "after $?"
#### unset names itself in its errors
(unset a-b) 2>&1 | grep -c 'unset: a-b'; (unset a-b) 2>/dev/null; echo "st=$?"
readonly r=1; (unset r) 2>&1 | grep -c 'unset: r'
#### readonly in subshell
readonly r=1; (r=2) 2>/dev/null; echo "st=$? r=$r"
#### export listing has exported
export AA=1; export -p | grep AA=
#### export bad name ends script
export 1a=b; echo never
#### umask print and set
umask 022; umask; umask -S; umask 077; umask; umask u=rwx,g=rx,o=; umask; umask -S
#### umask symbolic add
umask 077; umask a+w; umask
#### umask bad
umask 999; echo after $?
#### umask affects children
umask 077; : > newfile; ls -l newfile | cut -c1-10
#### times format
times | sed 's/[0-9]/N/g'
#### getopts loop
set -- -a -bx file; while getopts ab: o; do echo "$o [$OPTARG] $OPTIND"; done; echo "end $OPTIND"; shift $((OPTIND-1)); echo "$@"
#### getopts grouped
set -- -ab -c val rest; while getopts abc: o; do echo "$o ${OPTARG-}"; done; echo $OPTIND
#### getopts silent unknown
set -- -z; getopts :ab o; echo "$o [$OPTARG]"
#### getopts silent missing argument
set -- -b; getopts :ab: o; echo "$o [$OPTARG]"
#### getopts loud unknown
set -- -z; getopts ab o 2>/dev/null; echo "$o [${OPTARG-unset}] $?"
#### getopts end of options with double dash
set -- -a -- -b; while getopts ab o; do echo $o; done; echo $OPTIND
#### getopts explicit arguments
getopts x: o -x val; echo "$o $OPTARG $OPTIND"
#### getopts reset with OPTIND
set -- -a; getopts a o; echo $o; OPTIND=1; getopts a o; echo $o $OPTIND
#### getopts usage error
getopts; echo "after $?"
#### alias basic
alias hi='echo hello'
hi
#### alias list
alias a1='echo 1' a2='echo 2'; alias
#### alias print one
alias ll='ls -l'; alias ll
#### alias not found
alias nope; echo "st=$?"
#### unalias
alias x='echo x'; unalias x; alias x 2>/dev/null; echo "st=$?"
#### unalias all
alias a=b c=d; unalias -a; alias; echo done
#### alias recursion stops
alias ls='ls -d'
ls /
#### alias chain
alias a='b' b='echo chained'
a
#### alias with trailing space expands next
alias run='echo ' word='expanded'
run word
#### alias quoted is not expanded
alias q='echo alias'
"q" 2>/dev/null; echo "st=$?"
#### alias in function body at definition
alias say='echo said'
f() { say hi; }
unalias say
f
#### alias to compound command start
alias begin='{' stop='}'
begin echo in brace; stop
#### cd status
cd /nonexistent-dir 2>/dev/null; echo "st=$?"
#### set dash o listing has errexit
set -o | grep -c errexit
#### set plus o is reinputtable
set -e; set +o | grep errexit
#### OPTIND is 1 when the shell starts
echo "OPTIND=$OPTIND"; set -- -x; getopts x o; echo "$o $OPTIND"
#### set -a exports what read, for, getopts, ${x=} and $(( = )) assign
set -a; x=1; echo v | { read r; for l in L; do :; done; : ${d=D}; getopts a o -a; : $((ar=3)); env | grep -E '^(x|r|l|d|o|ar)=' | sort; }
#### set +a stops exporting new variables
set -a; y=1; set +a; z=2; env | grep -E '^(y|z)='
#### cd logical through a link
mkdir -p real/sub; ln -s "$PWD/real" link; cd link; pwd | sed "s|$HOME|H|"; pwd -P | sed "s|$HOME|H|"; pwd -L | sed "s|$HOME|H|"
#### cd -P resolves links
mkdir -p real/sub; ln -s "$PWD/real" link; cd -P link; pwd | sed "s|$HOME|H|"
#### cd dot dot is logical
mkdir -p real/sub; ln -s "$PWD/real" link; cd link/sub; cd ..; pwd | sed "s|$HOME|H|"
#### cd -P dot dot is physical
mkdir -p real/sub; ln -s "$PWD/real" link; cd -P link/sub; cd ..; pwd | sed "s|$HOME|H|"
#### cdpath finds and prints
mkdir -p real/sub; CDPATH=$PWD/real; cd sub | sed "s|$HOME|H|"; echo "st=$?"
#### cdpath with empty entry first
mkdir -p a/b; CDPATH=:$PWD/a; cd b | sed "s|$HOME|H|"; pwd | sed "s|$HOME|H|"
#### cd dash
mkdir d1; cd d1; cd ..; cd - | sed "s|$HOME|H|"
#### cd extra slashes and dots
mkdir -p x/y; cd ./x//./y/; pwd | sed "s|$HOME|H|"
#### cd to home
mkdir sub; cd sub; cd; pwd | sed "s|$HOME|H|"
#### cd empty argument
cd ""; echo "st=$?"
#### cd to file fails
: > f; cd f; echo "st=$?"
#### oldpwd set
cd /; cd /tmp; echo $OLDPWD
#### pwd -P in plain dir
cd /; pwd -P
#### trap exit
trap 'echo bye' EXIT; echo hello
#### trap exit with exit status
trap 'echo "bye $?"' EXIT; exit 3
#### trap exit keeps status
trap 'echo trapped' EXIT; false
#### trap exit can change status
trap 'exit 7' EXIT; true
#### trap listing
trap 'echo x' EXIT; trap 'echo int' INT; trap '' QUIT; trap
#### trap reset with dash
trap 'echo x' EXIT; trap - EXIT; echo done
#### trap reset with number
trap 'echo x' EXIT; trap 0; echo done
#### trap on signal sent to self
trap 'echo got usr1' USR1; kill -USR1 $$; echo after
#### trap runs between commands
trap 'echo caught' TERM; kill -TERM $$; echo next
#### trap keeps status
trap 'false' USR1; true; kill -USR1 $$; echo "st=$?"
#### trap ignore is inherited
trap '' USR1; sh -c 'kill -USR1 $$; echo child survived'
#### trap action is reset in subshell
trap 'echo parent trap' USR1; (kill -USR1 $$ 2>/dev/null; sh -c 'kill -USR1 $PPID'; echo sub) ; echo after
#### trap in subshell exit
(trap 'echo sub exit' EXIT; echo in sub); echo out
#### trap bad signal
trap 'echo' NOSUCHSIG; echo "st=$?"
#### trap signal by number
trap 'echo by number' 10; kill -USR1 $$
#### exit in trap
trap 'echo in trap; exit 5' USR1; kill -USR1 $$; echo never
#### trap exit in function
f() { trap 'echo fexit' EXIT; }; f; echo after f
#### trap output reusable
trap 'echo "a b"' EXIT; trap | sed 's/EXIT/0/'
#### ulimit default is file size
ulimit
#### ulimit -a
ulimit -a | sed 's/[0-9][0-9]*$/N/'
#### ulimit set and show file size
ulimit -f 1000; ulimit -f
#### ulimit nofile soft and hard
ulimit -n 100; ulimit -n; ulimit -Sn; ulimit -Hn
#### ulimit raise above hard fails
ulimit -n 100; ulimit -n 200; echo "st=$?"
#### ulimit bad number
ulimit -n abc; echo "st=$?"
#### ulimit bad option
ulimit -x; echo "st=$?"
#### ulimit affects children
ulimit -n 50; sh -c 'ulimit -n'
#### ulimit core blocks
ulimit -c 0; ulimit -c
#### read -p asks only at a terminal
{ read -p 'name? ' a; } 2>&1 <<E
v
E
echo "$? [$a]"
{ read -rp 'x? ' b; } 2>&1 <<E
w\z
E
echo "$? [$b]"
