#### reserved words as arguments
echo if then else elif fi do done case esac while until for in
#### reserved word quoted is a command name
"if" 2>/dev/null; echo "st=$?"
#### reserved word after assignment is a command
x=1 fi 2>/dev/null; echo "st=$?"
#### in is a normal word elsewhere
echo in; for in in in; do echo $in; done
#### brace as argument
echo { }
#### braces inside words
echo a{b}c {x
#### done as loop data
for w in done fi; do echo $w; done
#### exit in subshell
(exit 5); echo $?
#### exit in pipeline member
exit 3 | true; echo "still $?"
#### exit status of last pipeline member
true | (exit 4); echo $?
#### exit in brace group leaves shell
{ exit 6; }; echo never
#### exit in function in subshell
f() { exit 7; }; (f); echo "sub $?"
#### exit without argument uses last status
false; (exit); echo $?
#### exit in loop
for i in 1 2 3; do [ $i = 2 ] && exit $i; echo $i; done
#### exit inside if condition
if exit 9; then echo no; fi
#### break inside subshell in loop
for i in 1 2; do (break); echo $i; done
#### break in pipeline in loop
for i in 1 2; do echo x | break; echo $i; done
#### continue in while with counter
i=0; while [ $i -lt 4 ]; do i=$((i+1)); if [ $i = 2 ]; then continue; fi; echo $i; done
#### break out of until
until false; do break; done; echo out
#### break from nested case in loop
for i in a b c; do case $i in b) break;; esac; echo $i; done
#### continue from case in loop
for i in a b c; do case $i in b) continue;; esac; echo $i; done
#### break with too large count
for i in 1 2; do for j in 1 2; do break 9; done; echo never; done; echo after
#### return from nested loops in function
f() { for i in 1 2; do while true; do return 3; done; done; }; f; echo $?
#### return value of function with break
f() { for i in 1 2; do break; done; return 2; }; f; echo $?
#### return status of loop
for i in 1; do false; done; echo $?
#### status of empty for
false; for i in; do :; done; echo $?
#### status of while that never ran
false; while false; do :; done; echo $?
#### status after if with no branch taken
false; if false; then :; fi; echo $?
#### status of case with no match
false; case a in b) ;; esac; echo $?
#### and-or with exit
true || exit 1; echo ok
#### negation of subshell
! (exit 3); echo $?
#### negation of compound
! { false; }; echo $?
#### negation of loop
! while false; do :; done; echo $?
#### semicolon separated compound commands
if true; then echo 1; fi; while false; do :; done; echo 2
#### newlines in lists
echo a

echo b
#### comments inside compound commands
if true; then # a comment
	echo yes # another
fi # end
#### comment after semicolon
echo a; # comment
#### hash inside word is not a comment
echo a#b
#### background then wait for all
sleep 0.1 & sleep 0.1 & wait; echo both
#### background list status is zero
false & echo "st=$?"; wait
#### wait for background pipeline
{ echo piped; } | cat & wait
#### last background pid is set
sleep 0 & [ -n "$!" ] && echo has-pid; wait
#### sequence of background jobs output
(echo one) & wait; (echo two) & wait
#### long and-or chain
true && true && true && false || echo recovered
#### pipeline with negation status
! true | false; echo $?
#### subshell with function and loop
( f() { for i in 1 2; do echo $i; done; }; f )
#### case inside while inside function
f() { while read w; do case $w in q) return;; *) echo "w=$w";; esac; done; }; printf 'a\nq\nb\n' | f
#### if inside for inside case
case go in go) for i in 1 2; do if [ $i = 2 ]; then echo two; fi; done;; esac
#### group in and-or
false || { echo one; echo two; }
#### subshell in and-or
true && (echo in-sub)
#### pipeline into brace group
echo data | { read x; echo "got $x"; }
#### variable set in pipeline last member not kept
x=old; echo new | read x; echo $x
