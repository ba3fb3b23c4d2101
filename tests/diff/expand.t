#### command substitution basic
echo "today: $(echo sunday)"
#### backquote substitution
echo `echo back`
#### nested command substitution
echo $(echo $(echo nested))
#### nested backquotes
echo `echo \`echo deep\``
#### substitution strips trailing newlines
x=$(printf 'a\n\n\n'); echo "[$x]"
#### substitution keeps inner newlines
x=$(printf 'a\nb\n'); echo "[$x]"
#### substitution unquoted is split
set -- $(echo a b c); echo $#
#### substitution quoted is one field
set -- "$(echo a b c)"; echo $#
#### substitution with quotes inside
echo "$(echo "inner quoted")"
#### substitution with comment inside
x=$(echo hi # a comment
); echo $x
#### substitution with case inside
x=$(case a in a) echo matched;; esac); echo $x
#### substitution with here-document inside
x=$(cat <<EOF
from heredoc
EOF
); echo "$x"
#### substitution status in assignment
x=$(exit 3); echo $?
#### substitution status of last in assignment
x=$(exit 3) y=$(exit 4); echo $?
#### substitution status not used by command
true $(exit 3); echo $?
#### substitution variable changes do not leak
x=1; y=$(x=2; echo $x); echo $x $y
#### substitution cd does not leak
cd /; x=$(cd /tmp; pwd); pwd; echo $x
#### substitution of builtin output
x=$(pwd); [ "$x" = "$PWD" ] && echo same
#### substitution in for list
for w in $(echo x y); do echo "[$w]"; done
#### substitution of large output
x=$(i=0; while [ $i -lt 5000 ]; do echo "line $i"; i=$((i+1)); done); echo "${#x}"
#### empty substitution
x=$(true); echo "[$x]"
#### empty substitution quoted is a field
set -- "$(true)"; echo $#
#### empty substitution unquoted is nothing
set -- $(true); echo $#
#### backquote with dollar escape
x=`echo \$HOME`; [ "$x" = "$HOME" ] && echo ok
#### backquote in double quotes with escaped quote
echo "`echo \"q\"`"
#### substitution with parentheses in case
echo $(case x in (x) echo paren;; esac)
#### arithmetic basic
echo $((1 + 2)) $((7 - 10)) $((6 * 7)) $((17 / 5)) $((17 % 5))
#### arithmetic precedence
echo $((1 + 2 * 3)) $(( (1 + 2) * 3 )) $((2 * 3 + 4 * 5))
#### arithmetic unary
echo $((-5)) $((+5)) $((!0)) $((!7)) $((~0)) $((- -3))
#### arithmetic doubled signs before a number are two signs
echo $((--1)) $((++1)) $((---1)) $((1--1)) $((--(2))) $((- -1))
#### arithmetic comparisons
echo $((1 < 2)) $((2 < 1)) $((2 <= 2)) $((3 >= 4)) $((5 == 5)) $((5 != 5))
#### arithmetic bitwise
echo $((12 & 10)) $((12 | 10)) $((12 ^ 10)) $((1 << 4)) $((256 >> 3))
#### arithmetic logical short circuit
echo $((0 && 1/0)) $((1 || 1/0)) $((1 && 2)) $((0 || 0))
#### arithmetic conditional
echo $((1 ? 10 : 20)) $((0 ? 10 : 20)) $((0 ? 1/0 : 5))
#### arithmetic assignment
x=5; echo $((x = 7)) $x
#### arithmetic compound assignment
x=10; : $((x += 5)); : $((x -= 3)); : $((x *= 2)); : $((x /= 4)); : $((x %= 4)); echo $x
#### arithmetic shift and bit assignment
x=1; : $((x <<= 3)); : $((x |= 1)); : $((x ^= 2)); : $((x &= 14)); : $((x >>= 1)); echo $x
#### arithmetic variables with and without dollar
x=4; y=3; echo $((x * y)) $(($x * $y))
#### arithmetic unset variable is zero
unset z; echo $((z + 1))
#### arithmetic empty variable is zero
z=; echo $((z + 1))
#### arithmetic octal and hex
echo $((010)) $((0x1f)) $((0X10)) $((0))
#### arithmetic negative division
echo $((-7 / 2)) $((-7 % 2)) $((7 / -2))
#### arithmetic large numbers
echo $((9223372036854775807)) $((4611686018427387904 * 2))
#### arithmetic nested parentheses
echo $(( ((((1 + 1)))) * 2 ))
#### arithmetic with command substitution
echo $(( $(echo 3) * 4 ))
#### arithmetic with parameter expansion
x=abc; echo $(( ${#x} * 2 ))
#### arithmetic whitespace and newlines
echo $((
 1 +
 2
))
#### arithmetic division by zero
echo $((1 / 0)); echo never
#### arithmetic syntax error
echo $((1 +)); echo never
#### arithmetic bad variable
x=notnum; echo $((x + 1)); echo never
#### arithmetic in loop counter
i=0; while [ $i -lt 5 ]; do i=$((i + 1)); done; echo $i
#### arithmetic result is split when unquoted
IFS=1; echo $((11)); IFS=' '
#### default value
unset x; echo ${x-def} ${x:-def2}
#### default value not used when set
x=val; echo ${x-def} ${x:-def2}
#### default with empty value
x=; echo "[${x-def}]" "[${x:-def2}]"
#### assign default
unset x; echo ${x=assigned}; echo $x
#### assign default colon on empty
x=; echo ${x:=filled}; echo $x
#### alternate value
x=set; echo "[${x+alt}]" "[${x:+alt2}]"; unset x; echo "[${x+alt}]" "[${x:+alt2}]"
#### alternate with empty value
x=; echo "[${x+alt}]" "[${x:+alt2}]"
#### error when unset
unset x; echo ${x?custom message}; echo never
#### error colon when empty
x=; echo ${x:?is empty}; echo never
#### error not triggered when set
x=ok; echo ${x?not shown}
#### error in subshell does not end shell
(unset x; echo ${x?gone}); echo "after $?"
#### length
x=hello; echo ${#x}
#### length of empty and unset
x=; unset y; echo ${#x} ${#y}
#### length of positional count
set -- a b c; echo ${#}
#### remove smallest suffix
x=file.tar.gz; echo ${x%.*}
#### remove largest suffix
x=file.tar.gz; echo ${x%%.*}
#### remove smallest prefix
x=/usr/local/bin; echo ${x#*/}
#### remove largest prefix
x=/usr/local/bin; echo ${x##*/}
#### pattern with quoted star
x='a*b*c'; echo ${x#*'*'} ${x%'*'*}
#### pattern from variable
x=hello.c; p='.c'; echo ${x%$p}
#### pattern with quoted variable
x='a*c'; p='*'; echo ${x#"$p"} ${x#$p}
#### pattern with bracket
x=abc123; echo ${x%[0-9]*} ${x%%[0-9]*}
#### pattern no match
x=abc; echo ${x%z} ${x#z}
#### nested expansion in word
unset x; y=inner; echo ${x:-${y}-outer}
#### nested default chain
unset a b; c=last; echo ${a:-${b:-$c}}
#### default word with spaces unquoted splits
unset x; set -- ${x:-a b c}; echo $#
#### default word with spaces quoted
unset x; set -- "${x:-a b c}"; echo $#
#### default with quoted part in word
unset x; echo ${x:-"a  b"}
#### default in double quotes with single quotes
unset x; echo "${x:-'q'}"
#### alternate in double quotes with dollar at
set -- a b; echo "${1+"$@"}"
#### braces around positional
set -- one two three four five six seven eight nine ten; echo ${10} $10
#### special parameters
set -- a b; echo $# "$*" "$@"
#### dollar zero in script @file
case $0 in */*|*) echo has-zero;; esac
#### dollar question
false; echo $?; true; echo $?
#### dollar dollar equals in subshell
x=$$; y=$(echo $$); [ "$x" = "$y" ] && echo same-pid
#### dollar bang after background
sleep 0 & p=$!; wait; [ "$p" -gt 0 ] && echo bang-set
#### dollar bang unset at start
echo "[${!-unset}]"
#### dollar dash with option
set -f; case $- in *f*) echo has-f;; esac
#### star and at unquoted
set -- 'a b' c; for x in $*; do echo "[$x]"; done; for x in $@; do echo "<$x>"; done
#### quoted star joins with ifs
set -- a b c; IFS=:; echo "$*"; IFS=; echo "$*"
#### quoted at keeps fields
set -- 'a b' '' c; for x in "$@"; do echo "[$x]"; done
#### quoted at with prefix and suffix
set -- a b; for x in "x$@y"; do echo "[$x]"; done
#### quoted at with no parameters
set --; for x in "$@"; do echo never; done; echo none
#### quoted at with no parameters and prefix
set --; for x in "x$@"; do echo "[$x]"; done
#### star with empty ifs unquoted
set -- 'a b' c; IFS=; for x in $*; do echo "[$x]"; done
#### ifs colon split
IFS=:; x=a:b:c; for w in $x; do echo "[$w]"; done
#### ifs empty fields
IFS=:; x=a::b; for w in $x; do echo "[$w]"; done
#### ifs leading separator
IFS=:; x=:a; for w in $x; do echo "[$w]"; done
#### ifs trailing separator
IFS=:; x=a:; for w in $x; do echo "[$w]"; done
#### ifs whitespace collapses
x="  a   b  "; for w in $x; do echo "[$w]"; done
#### ifs mixed white and nonwhite
IFS=' :'; x=' a : b :c '; for w in $x; do echo "[$w]"; done
#### ifs empty means no splitting
IFS=; x='a b'; for w in $x; do echo "[$w]"; done
#### ifs unset means default
unset IFS; x='a	b
c'; for w in $x; do echo "[$w]"; done
#### literal text is never split
IFS=a; echo banana
#### split result adjoining literal
x='1 2'; for w in pre$x post; do echo "[$w]"; done
#### quoted empty string makes a field
set -- "" ''; echo $#
#### unquoted empty variable makes no field
x=; set -- $x; echo $#
#### empty quoted next to empty variable
x=; set -- "$x" ""$x; echo $#
#### quoted empty then split variable
x=' a '; for w in ""$x; do echo "[$w]"; done
#### glob from variable
x='*.c'; echo $x
#### glob quoted variable literal
x='*.c'; echo "$x"
#### glob no match stays
echo *.zzz
#### glob with backslash from variable
touch axb; v='a\x*'; echo $v
#### glob dot files hidden
touch .hidden; echo *c
#### glob bracket range
echo [ab].c
#### glob question mark
echo ?.h
#### glob in directory path
mkdir -p d/e; touch d/e/f.c; echo */*/*.c
#### set -f disables globbing
set -f; echo *.c
#### tilde alone
[ ~ = "$HOME" ] && echo home
#### tilde slash
x=~/sub; [ "$x" = "$HOME/sub" ] && echo path
#### tilde quoted is literal
echo "~" '~' \~
#### tilde in middle is literal
echo a~b
#### tilde in assignment after colon
x=a:~/b; [ "$x" = "a:$HOME/b" ] && echo colon
#### NAME=~ as a for word is no assignment: the tilde stays
for i in x=~ y=a:~ ~; do [ "$i" = "$HOME" ] && echo home || echo "$i"; done
#### NAME=~ as the case word and as a pattern stays as written
case x=~ in x=~) echo same;; *) echo other;; esac; case "x=$HOME" in x=~) echo expanded;; *) echo kept;; esac
#### NAME=~ as a redirection target is a file of that name
echo hi >x=~; cat ./x=~
#### NAME=~ as an argument stays, after export it is an assignment
echo x=~; export e=~; [ "$e" = "$HOME" ] && echo exported
#### tilde user root
echo ~root
#### tilde unknown user stays
echo ~nosuchuser_xyz
#### tilde with HOME unset stays as written
unset HOME; echo ~ ~/x; x=~; echo "$x"
#### tilde in default word
unset x; y=${x:-~}; [ "$y" = "$HOME" ] && echo tilde-default
#### dollar single quote is literal dollar
echo $'x' 2>/dev/null | head -c 0; echo "\$"
#### lone dollar
echo $ "$" a$
#### dollar before non name
echo $% $/ $-1 | head -c 2; echo
#### escaped dollar
x=1; echo \$x "\$x" '$x'
#### line continuation in double quotes
echo "ab\
cd"
#### line continuation unquoted
echo ab\
cd
#### backslash newline between words
echo a \
b
#### adjacent quoting styles
x=X; echo 'a'"b"c\d"$x"'$x'
#### double quotes keep spaces
x='a   b'; echo "$x"
#### assignment is not split
x='a b'; y=$x; echo "$y"
#### assignment is not globbed
y=*.c; echo "$y"
#### export argument is not split
x='a b'; export y=$x; echo "$y"
#### case word not split
x='a b'; case $x in 'a b') echo whole;; esac
#### redirection target not split
x='my file'; echo hi > $x; cat "my file"
#### here-document expansion not split
x='a   b'; cat <<EOF
$x
EOF
#### escapes in double quotes
printf '%s\n' "a\\b \"q\" \`b\` \$d \n"
#### single quotes keep everything
printf '%s\n' 'a\b $x `y` "z"'
#### arithmetic empty expression
echo "[$(( ))]"; echo after
#### substitution inside parameter default
unset x; echo ${x:-$(echo from-sub)}
#### substitution not run when default unused
x=set; echo ${x:-$(echo never >&2; echo no)}
#### arithmetic inside substitution inside arithmetic
echo $(( $(echo $((2*3))) + 1 ))
#### assign default with arithmetic
unset n; : ${n:=$((40+2))}; echo $n
#### length of positional parameter
set -- hello; echo ${#1}
#### pattern removal on positional
set -- dir/file.txt; echo ${1##*/} ${1%/*}
#### at in assignment joins with space
set -- a b c; x="$@"; echo "$x"
#### star in assignment joins with ifs first char
set -- a b c; IFS=-; x="$*"; echo "$x"
#### unquoted star in assignment
set -- a b; x=$*; echo "$x"
#### nested quotes in substitution in double quotes
echo "$(echo "$(echo "deep  space")")"
#### field splitting of substitution with newlines
for w in $(printf 'a\nb c\n'); do echo "[$w]"; done
#### ifs set inside command substitution does not leak
IFS=:; x=$(IFS=' '; echo a b); echo "$x"; IFS=' '
#### glob result sorted
touch zz yy xx; echo [xyz][xyz]
#### glob with no slash does not match hidden
touch .dot1; for f in .*1; do echo $f; done
#### backslash in unquoted variable without glob chars
v='a\b'; printf '%s\n' $v
#### empty positional expansion in middle of word
set -- ; echo "x${1}y"
#### dollar at quoted in for with one empty param
set -- ""; for a in "$@"; do echo "[$a]"; done
#### numbers in variable names
a1=one; echo $a1 ${a1}x
#### special parameter hash quoted
set -- 1 2 3; echo "$#"
#### tilde in for list
for d in ~; do [ "$d" = "$HOME" ] && echo home-in-for; done
