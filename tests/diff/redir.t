#### output to file
echo hi > f; cat f
#### append
echo a > f; echo b >> f; cat f
#### input from file
echo data > f; cat < f
#### stderr to stdout
{ echo out; echo err >&2; } 2>&1 | sort
#### stdout to stderr discarded
echo visible; echo hidden >&2 2>/dev/null
#### redirect order matters
{ echo e >&2; } 2>&1 >/dev/null
#### close stdout
echo x >&-; echo "st=$?"
#### read write open
echo abc > f; cat <> f
#### fd 3
exec 3> f3; echo via3 >&3; exec 3>&-; cat f3
#### fd dup for reading
echo content > f; exec 4< f; cat <&4; exec 4<&-
#### redirect on while loop
printf '1\n2\n' > nums; while read n; do echo got $n; done < nums
#### redirect output of for loop
for i in 1 2; do echo $i; done > out; cat out
#### redirect output of if
if true; then echo yes; fi > out; cat out
#### redirect on brace group keeps variable
{ x=set; echo in; } > /dev/null; echo $x
#### redirect on subshell
(echo sub) > out; cat out
#### redirect on case
case a in a) echo A;; esac > out; cat out
#### redirect before command
> out echo first; cat out
#### redirect in middle of words
echo a > out b; cat out
#### redirect only creates file
> empty; [ -f empty ] && echo exists
#### redirect only with no file error keeps going
< nosuch; echo "st=$?"
#### redirect to variable name
f=target; echo x > $f; cat target
#### redirect with quoted name
echo x > "my file"; cat "my file"
#### noclobber
set -C; echo a > f; echo b > f; echo "st=$?"; cat f
#### noclobber override
set -C; echo a > f; echo b >| f; cat f
#### noclobber allows dev null
set -C; echo x > /dev/null; echo "st=$?"
#### missing input file status
cat < nosuch; echo "st=$?"
#### redirect error in builtin
echo x > /nonexistent/dir/f; echo "st=$?"
#### redirect on function call
f() { echo from-f; }; f > out; cat out
#### redirect stdin of function
f() { read l; echo "f read $l"; }; echo line > in; f < in
#### dup from closed fd fails
echo x >&7; echo "st=$?"
#### here string like via pipe
echo piped | { read v; echo "[$v]"; }
#### redirect stderr of compound
{ echo e >&2; } 2> errfile; cat errfile
#### append to missing file creates it
echo new >> created; cat created
#### multiple redirections same fd last wins
echo x > a1 > a2; echo "[$(cat a1)] [$(cat a2)]"
