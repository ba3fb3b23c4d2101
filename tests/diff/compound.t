#### if true
if true; then echo yes; fi
#### if false no else
if false; then echo yes; fi; echo "st=$?"
#### if else
if false; then echo yes; else echo no; fi
#### elif chain
x=2
if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; elif [ $x = 3 ]; then echo three; else echo other; fi
#### elif falls to else
if false; then echo a; elif false; then echo b; else echo c; fi
#### if status is the branch's
if true; then false; fi; echo $?
#### if condition status not kept
if false; then :; fi; echo $?
#### if on several lines
if true
then
	echo multi
else
	echo no
fi
#### if with list condition
if false; true; then echo last-counts; fi
#### if with pipeline condition
if echo abc | grep -q b; then echo found; fi
#### nested if
if true; then if false; then echo a; else echo b; fi; fi
#### if with && in condition
if true && false; then echo a; else echo b; fi
#### while counter
i=0; while [ $i -lt 5 ]; do echo $i; i=$((i+1)); done
#### while false never runs
while false; do echo no; done; echo "st=$?"
#### until counter
i=0; until [ $i -ge 3 ]; do echo $i; i=$((i+1)); done
#### while status is last body
i=0; while [ $i -lt 2 ]; do i=$((i+1)); false; done; echo $?
#### while over lines
printf 'a\nb\nc\n' | while read l; do echo "line $l"; done
#### while read from file
printf '1\n2\n' > f; while read n; do echo "n=$n"; done < f
#### while with break
i=0; while true; do i=$((i+1)); if [ $i -gt 3 ]; then break; fi; echo $i; done
#### while with continue
i=0; while [ $i -lt 5 ]; do i=$((i+1)); [ $i = 3 ] && continue; echo $i; done
#### until with break
until false; do echo once; break; done
#### nested while
i=0; while [ $i -lt 2 ]; do j=0; while [ $j -lt 2 ]; do echo $i$j; j=$((j+1)); done; i=$((i+1)); done
#### for in words
for w in one two three; do echo $w; done
#### for empty list
for w in; do echo no; done; echo "st=$?"
#### for in glob
for f in *.c; do echo "file $f"; done
#### for in no-match glob
for f in *.none; do echo "file $f"; done
#### for over "$@"
set -- x y z
for a; do echo "[$a]"; done
#### for over "$@" with newline before do
set -- p q
for a
do echo "$a"
done
#### for over "$@" in script args @file
for a; do echo "arg $a"; done
#### for var keeps last value
for v in a b c; do :; done; echo $v
#### for with split words
x="1 2 3"; for n in $x; do echo n$n; done
#### for with quoted word
x="1 2 3"; for n in "$x"; do echo n$n; done
#### for with continue 2
for i in 1 2 3; do for j in a b c; do [ $j = b ] && continue 2; echo $i$j; done; done
#### for with break 2
for i in 1 2 3; do for j in a b; do [ $i = 2 ] && break 2; echo $i$j; done; done; echo out
#### for on several lines
for x in a b
do
	echo $x
done
#### for loop variable named like keyword
for do in 1 2; do echo $do; done
#### for in with newline separator
for x in a b
do echo $x; done
#### case simple
case hello in hello) echo matched;; esac
#### case star
case anything in *) echo default;; esac
#### case alternatives
case b in a|b|c) echo abc;; *) echo other;; esac
#### case question mark
case ab in ??) echo two;; *) echo not;; esac
#### case bracket
case b in [abc]) echo class;; esac
#### case negated bracket
case z in [!abc]) echo notclass;; esac
#### case quoted pattern literal
case '*' in '*') echo star;; *) echo any;; esac
#### case quoted star does not glob
case abc in '*') echo star;; *) echo any;; esac
#### case first match wins
case abc in a*) echo first;; ab*) echo second;; esac
#### case no match status 0
false; case x in y) echo no;; esac; echo $?
#### case with paren before pattern
case x in (x) echo paren;; esac
#### case empty body
case x in x) ;; esac; echo "st=$?"
#### case last item without ;;
case x in y) echo y;; x) echo x
esac
#### case variable pattern
p='a*'; case abc in $p) echo var;; esac
#### case quoted variable pattern
p='a*'; case abc in "$p") echo literal;; *) echo nomatch;; esac
#### case on several lines
case $HOME in
	/*)
		echo absolute
		;;
	*)
		echo relative
		;;
esac
#### case subject expansion
x=foo.c; case $x in *.c) echo C;; *.h) echo H;; esac
#### case with escaped star
case 'a*' in a\*) echo escaped;; esac
#### case status of body
case a in a) false;; esac; echo $?
#### case esac as word
case esac in esac) echo weird;; esac
#### brace group
{ echo a; echo b; }
#### brace group output redirected
{ echo one; echo two; } > out; cat out
#### brace group in shell environment
x=1; { x=2; }; echo $x
#### brace group on lines
{
	echo l1
	echo l2
}
#### brace group status
{ true; false; }; echo $?
#### brace closing needs separator
{ echo a; } ; echo b
#### subshell
(echo in sub)
#### subshell does not change variables
x=1; (x=2; echo in $x); echo out $x
#### subshell cd does not leak
cd /; (cd /tmp; pwd); pwd
#### subshell exit
(exit 3); echo $?
#### subshell exit does not end shell
(exit 0); echo still here
#### nested subshells
( (echo deep) )
#### subshell output piped
(echo b; echo a) | sort
#### subshell with redirect
(echo x; echo y) > f; cat f
#### subshell status last command
(false; true); echo $?
#### subshell variable export
(export Z=1; sh -c 'echo $Z'); echo "[${Z-unset}]"
#### not true
! true; echo $?
#### not false
! false; echo $?
#### not pipeline
! echo x | grep -q y; echo $?
#### not in if
if ! false; then echo negated; fi
#### and or chains
true && echo a || echo b; false && echo c || echo d
#### and or newline continuation
true &&
echo after-and
false ||
echo after-or
#### pipeline of compound commands
for i in 3 1 2; do echo $i; done | sort | tr '\n' ' '; echo
#### if in pipeline
if true; then echo yes; fi | cat
#### while in pipeline does not change shell
x=0; echo a | while read l; do x=1; done; echo $x
#### compound command in and-or
true && { echo braced; } || echo no
#### case in pipeline
echo hi | case x in x) cat;; esac
#### deep nesting
if true; then while true; do for i in 1; do case $i in 1) { (echo deep); };; esac; done; break; done; fi
#### loop in function in subshell
f() { for i in 1 2; do echo f$i; done; }; (f)
#### semicolon after done
for i in 1; do echo $i; done; echo next
#### background compound then wait
{ echo bg; } & wait; echo done
#### background subshell then wait
(echo sub-bg) & wait
#### background while loop
i=0; while [ $i -lt 2 ]; do echo w$i; i=$((i+1)); done & wait
#### background status via wait
(exit 7) & wait $!; echo $?
