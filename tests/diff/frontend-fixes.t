#### ${x-word}: the word's unquoted text is split
unset x; set -- ${x-a b}; echo $#
unset x; set -- ${x:-a  b  c}; echo $#
v=1; set -- ${v:+x y}; echo $#
unset x; set -- "${x-a b}"; echo $#
unset x; set -- ${x-"a b"}; echo $#
unset x; IFS=:; set -- ${x-a:b}; echo $#
#### unquoted $* without field splitting is joined by IFS
set -- a "b c"; IFS=:; x=$*; echo "$x"
set -- a "b c"; IFS=:; case $* in "a:b c") echo colon;; *) echo other;; esac
set -- a "b c"; IFS=; x=$*; echo "$x"
set -- a "b c"; unset IFS; x=$*; echo "$x"
#### a backslash from a variable escapes a glob character
v='a\*b'; echo $v
v='*.\c'; echo $v
v='\*.c'; echo $v
v='[ab]\.c'; echo $v
: > '*.c'; v='\*.c'; echo $v; v='*\.c'; echo $v
#### ${#C} with an operator after a special parameter
set -- a b; echo ${#-x} ${##x} ${#?x} ${#?}
#### line continuations inside $(( and ${##
x=/a/b/c
echo $(\
(1+\
2)) ${x#\
#*/}x
#### deep local export does not leave a stale environment entry
f() { local x; export x=1; }
f; env | grep -c '^x='; echo done
#### arithmetic names of any length
aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab=5
echo $((aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab + 1))
