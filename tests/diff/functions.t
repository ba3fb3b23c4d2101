#### define and call
f() { echo hi; }; f
#### function arguments
f() { echo "$1-$2-$#"; }; f a b
#### function $@
f() { for a in "$@"; do echo "[$a]"; done; }; f 'a b' c
#### positional restored after call
set -- outer; f() { echo $1; }; f inner; echo $1
#### return status
f() { return 4; }; f; echo $?
#### return without value keeps status
f() { false; return; }; f; echo $?
#### return stops function
f() { echo a; return 0; echo b; }; f
#### function status is last command
f() { true; false; }; f; echo $?
#### redefinition
f() { echo one; }; f; f() { echo two; }; f
#### recursion
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi; }; fact 5
#### recursion with return values
count() { [ $1 -eq 0 ] && return 0; echo $1; count $(($1 - 1)); }; count 3
#### function with subshell body
f() (x=inner; echo $x); x=outer; f; echo $x
#### function with redirection
f() { echo to-file; } > out; f; cat out
#### function with redirection appends on each call
f() { echo line; } >> out; f; f; cat out
#### function sees globals
x=g; f() { echo $x; }; f
#### function sets globals
f() { y=set-in-f; }; f; echo $y
#### local variable
x=1; f() { local x=2; echo $x; }; f; echo $x
#### local without value keeps value
x=1; f() { local x; echo "[$x]"; x=3; }; f; echo $x
#### local in nested function
f() { local v=f; g; echo $v; }; g() { v=g; }; f
#### local outside function fails
local x=1; echo "st=$?"
#### function in pipeline
f() { echo piped; }; f | tr a-z A-Z
#### function in background
f() { echo bgf; }; f & wait
#### function name with underscore and digits
my_func2() { echo ok; }; my_func2
#### function definition on lines
f()
{
	echo multi-line
}
f
#### function with if body
f() if true; then echo ifbody; fi; f
#### function with for body
f() for i in 1 2; do echo $i; done; f
#### function with case body
f() case $1 in a) echo A;; *) echo other;; esac; f a; f b
#### function with while body
f() while false; do :; done; f; echo $?
#### function defined in if
if true; then g() { echo defined; }; fi; g
#### function calling function
a() { b; }; b() { echo from-b; }; a
#### function redefining itself
f() { f() { echo second; }; echo first; }; f; f
#### break in function does not leave caller loop
f() { break; }; for i in 1 2; do f; echo $i; done
#### return in loop in function
f() { for i in 1 2 3; do [ $i = 2 ] && return 5; echo $i; done; }; f; echo $?
#### function assignment prefix
f() { echo "[$V]"; }; V=temp f; echo "[${V-unset}]"
#### function and variable same name
f=var; f() { echo func; }; f; echo $f
#### function output captured
f() { echo captured; }; x=$(f); echo "$x"
#### function exit leaves shell
f() { exit 3; }; f; echo not reached
#### function $0 unchanged
f() { echo "$0" | grep -c .; }; f
#### functions in subshell are inherited
f() { echo inherited; }; (f)
#### unset -f removes function @noc
f() { echo x; }; unset -f f; f 2>/dev/null; echo "st=$?"
#### a function cannot be named after a special builtin
eval 'export() { echo fn; }'; echo "st=$?"; (eval 'trap() { :; }'; echo not-reached); echo "sub=$?"
set() { :; }
echo not-reached
