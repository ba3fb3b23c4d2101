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
