#### missing fi
if true; then echo x
#### missing done
while false; do echo x
#### missing esac
case x in x) echo x;;
#### missing then
if true; echo x; fi
#### missing do
for i in 1 2; echo $i; done
#### stray fi
fi
#### stray done
echo a; done
#### stray close brace
}
#### stray close paren
)
#### empty if condition
if then echo x; fi
#### empty brace group
{ }
#### empty subshell
( )
#### unexpected semicolon
echo a;;
#### double semicolon outside case
;; echo a
#### pipe at start
| echo a
#### and at start
&& echo a
#### pipe at end
echo a |
#### and at end
echo a &&
#### redirection without target
echo a >
#### unterminated single quote
echo 'abc
#### unterminated double quote
echo "abc
#### unterminated command substitution
echo $(echo a
#### unterminated backquote
echo `echo a
#### bad for variable
for 1x in a; do echo $1x; done
#### function without body
f()
#### commands before a syntax error run
echo first
if then
echo never
#### syntax error stops the script
echo before
fi
echo after
#### case pattern missing paren
case x in x echo y;; esac
#### in without case
in
#### else without if
else
#### elif without if
elif true
#### then without if
then
#### do without loop
do
#### redirect to close paren
echo > )
#### bad fd word
echo x >&y
#### nested missing done inside if
if true; then while true; do echo; fi
#### backquote inside unterminated
echo "`echo a"
