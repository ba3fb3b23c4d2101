#### test no arguments
test; echo $?; [ ]; echo $?
#### test one argument strings
for w in x "" -n -z ! "(" ")" -a -o = -eq; do [ "$w" ]; printf "%s " $?; done; echo
#### test one argument via test
test ""; echo $?; test -n; echo $?
#### test two arguments bang
[ ! "" ]; echo $?; [ ! x ]; echo $?; [ ! ! ]; echo $?; [ ! -n ]; echo $?
#### test two arguments unary
[ -n "" ]; echo $?; [ -n -n ]; echo $?; [ -z "" ]; echo $?; [ -z = ]; echo $?
#### test two strings is an error
[ a b ]; echo $?
#### test lone paren and string
[ "(" a ]; echo $?; [ a ")" ]; echo $?
#### test three arguments binary wins
[ -n = -n ]; echo $?; [ ! = ! ]; echo $?; [ "(" = ")" ]; echo $?; [ = = = ]; echo $?; [ != != != ]; echo $?
#### test three arguments negation
[ ! -z "" ]; echo $?; [ ! -z a ]; echo $?; [ ! a = a ]; echo $?
#### test three arguments parentheses
[ "(" "" ")" ]; echo $?; [ "(" -n ")" ]; echo $?; [ "(" ! ")" ]; echo $?; [ "(" ")" ]; echo $?
#### test three arguments and or
[ a -a b ]; echo $?; [ "" -a b ]; echo $?; [ "" -o b ]; echo $?; [ "" -o "" ]; echo $?; [ a -o ! ]; echo $?
#### test three words no operator
[ a b c ]; echo $?
#### test four arguments
[ ! a = a ]; echo $?; [ ! a = b ]; echo $?; [ "(" -z "" ")" ]; echo $?; [ "(" ! x ")" ]; echo $?; [ ! "(" a ")" ]; echo $?
#### test four arguments negated or
[ ! a -o b ]; echo $?; [ ! "" -a b ]; echo $?
#### test four arguments left over
[ a = a -a ]; echo $?; [ a b c d ]; echo $?
#### test precedence and over or
[ a -o b -a "" ]; echo $?; [ "" -a b -o c ]; echo $?; [ "" -o b -a "" ]; echo $?
#### test precedence negations
[ ! ! ! ! a ]; echo $?; [ ! "" -a ! "" ]; echo $?; [ ! -z a -a ! -z b ]; echo $?
#### test parentheses group
[ "(" a -o b ")" -a "" ]; echo $?; [ 1 -eq 1 -a "(" 2 -lt 3 -o 4 -gt 5 ")" ]; echo $?
#### test nested parentheses
[ "(" "(" a ")" ")" ]; echo $?; test "(" a = a ")" -a ! "(" b = c ")"; echo $?
#### test empty parentheses
[ "(" ")" -o x ]; echo $?; [ x -a "(" ")" -a x ]; echo $?
#### test missing close paren
[ "(" a = a ]; echo $?; [ "(" a -a ]; echo $?
#### test extra close paren
[ a = a ")" ]; echo $?; [ a = a ")" x ]; echo $?
#### test operators as operands
[ -e = -e ]; echo $?; [ -a -a -a ]; echo $?; [ -o -o -o ]; echo $?; [ "(" -a ")" ]; echo $?
#### test unary without operand in parser
[ x -a -n ]; echo $?; [ -n x -a ]; echo $?; [ -n -a ]; echo $?
#### test lone bang forms
[ ! ]; echo $?; [ ! "(" ]; echo $?; [ ! -a ]; echo $?; [ ! = ]; echo $?; [ ! ")" ]; echo $?
#### test parens only
[ "(" "(" ]; echo $?; [ ")" ")" ]; echo $?; [ "(" ")" ")" ]; echo $?; [ "(" ")" a ]; echo $?
#### test unknown operator
[ 1 -foo 1 ]; echo $?; [ a == a ]; echo $?
#### test dash dash is a string
test -- a; echo $?; test --; echo $?
#### test unary primary missing operand
[ -n x -o ]; echo $?
#### test string equality
a=foo; [ "$a" = foo ]; echo $?; [ "$a" != foo ]; echo $?; [ "$a" = bar ]; echo $?
#### test empty strings
e=; [ "$e" = "" ]; echo $?; [ -z "$e" ]; echo $?; [ -n "$e" ]; echo $?; [ "$e" ]; echo $?
#### test unquoted empty variable
e=; [ -n $e ]; echo $?; [ -z $e ]; echo $?
#### test string order
[ a \< b ]; echo $?; [ b \< a ]; echo $?; [ b \> a ]; echo $?; [ a \> a ]; echo $?; [ A \< a ]; echo $?
#### test strings with spaces
x="a b"; [ "$x" = "a b" ]; echo $?; [ -n "$x" ]; echo $?
#### test integer comparisons
for op in -eq -ne -gt -ge -lt -le; do [ 5 $op 5 ]; printf "%s " $?; [ 5 $op 7 ]; printf "%s " $?; [ 7 $op 5 ]; printf "%s|" $?; done; echo
#### test negative integers
[ -5 -lt -4 ]; echo $?; [ -0 -eq 0 ]; echo $?; [ +3 -eq 3 ]; echo $?
#### test integers with blanks
[ " 1 " -eq 1 ]; echo $?; [ "	2" -eq 2 ]; echo $?; [ "3 " -gt 2 ]; echo $?
#### test integers leading zeros are decimal
[ 010 -eq 10 ]; echo $?; [ 010 -eq 8 ]; echo $?; [ 0000000000000000000000007 -eq 7 ]; echo $?
#### test integer limits
[ 9223372036854775807 -gt 9223372036854775806 ]; echo $?; [ -9223372036854775808 -lt 0 ]; echo $?
#### test integer out of range
[ 9223372036854775808 -gt 0 ]; echo $?; [ -9223372036854775809 -lt 0 ]; echo $?; [ 99999999999999999999 -eq 1 ]; echo $?
#### test not an integer
[ 1 -eq a ]; echo $?; [ a -eq 1 ]; echo $?; [ 1x -eq 1 ]; echo $?; [ 1.0 -eq 1 ]; echo $?
#### test empty and blank integers
[ "" -eq 0 ]; echo $?; [ " " -eq 0 ]; echo $?; [ - -eq 0 ]; echo $?; [ + -eq 0 ]; echo $?
#### test hex is not an integer
[ 0x10 -eq 16 ]; echo $?
#### test integer operator missing operand
[ 1 -eq ]; echo $?; [ -eq 1 ]; echo $?
#### test bad integer not short-cut
[ 1 = 2 -a 1 -eq x ]; echo $?; [ 1 = 1 -o 1 -eq x ]; echo $?
#### test error does not stop script
[ 1 -eq a ]; echo "after $?"; test a b; echo "after $?"
#### test -t
[ -t ]; echo $?; [ -t 99 ]; echo $?; [ -t a ]; echo $?; [ -t 1 ] </dev/null; echo $?
#### test -t with blanks
[ -t " 5" ]; echo $?
#### bracket missing
[ a; echo $?; [; echo $?; [ -n a; echo $?
#### bracket extra
[ a ] ]; echo $?; [ ] ]; echo $?; [ -n ] ]; echo $?
#### test with bracket argument
test ]; echo $?; test a ]; echo $?
#### bracket in if and while
i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; if [ $i = 3 ]; then echo three; fi
#### bracket with and or lists
[ -d . ] && echo dir || echo nodir; [ -f . ] && echo file || echo nofile
#### test as a command name from a variable
t=test; $t 1 -lt 2 && echo yes; b="["; $b a = a ] && echo yes2
#### test file types
mkdir d; echo x > f; : > e; ln -s f l; for op in -e -f -d -s -h -L -p -S -b -c; do for x in f e d l nope; do [ $op $x ]; printf %s $?; done; printf " "; done; echo
#### test file dev null
[ -c /dev/null ]; echo $?; [ -b /dev/null ]; echo $?; [ -e /dev/null ]; echo $?
#### test fifo
mkfifo p; [ -p p ]; echo $?; [ -f p ]; echo $?
#### test dangling symlink
ln -s nowhere l; [ -e l ]; echo $?; [ -h l ]; echo $?; [ -L l ]; echo $?
#### test permissions
echo x > f; chmod 755 f; [ -r f ]; echo $?; [ -w f ]; echo $?; [ -x f ]; echo $?; chmod 644 f; [ -x f ]; echo $?; [ -x . ]; echo $?
#### test special bits
echo x > f; chmod 4755 f; [ -u f ]; echo $?; [ -g f ]; echo $?; chmod 2755 f; [ -g f ]; echo $?; [ -k f ]; echo $?; mkdir s; chmod 1777 s; [ -k s ]; echo $?
#### test owner
echo x > f; [ -O f ]; echo $?; [ -G f ]; echo $?; [ -O /nonexistent ]; echo $?
#### test empty file name
[ -e "" ]; echo $?; [ -f "" ]; echo $?; [ -d "" ]; echo $?
#### test same file
echo x > f; ln f g; echo y > h; [ f -ef f ]; echo $?; [ f -ef ./f ]; echo $?; [ f -ef g ]; echo $?; [ f -ef h ]; echo $?; [ nope -ef nope ]; echo $?
#### test newer and older
echo x > old; touch -d "2001-01-01 00:00:00" old; echo y > new; [ new -nt old ]; echo $?; [ old -nt new ]; echo $?; [ old -ot new ]; echo $?; [ new -ot old ]; echo $?; [ new -nt new ]; echo $?
#### test newer both missing
[ nope -nt nope2 ]; echo $?; [ nope -ot nope2 ]; echo $?
#### test file in directory a.c
[ -f a.c ] && [ ! -s a.c ] && echo empty-file
#### echo plain
echo a b   c; echo "a  b"
#### echo no arguments
echo; echo ""; echo "" ""
#### echo -n first only
echo -n a b; echo; echo a -n; echo -n -n a; echo; echo -n; echo x
#### echo other options are text
echo -e a; echo -- a; echo -nn a; echo -E x; echo -ne "x\n"
#### echo escapes
echo 'a\tb' 'c\nd'; echo 'x\\y'; echo '\a\b\f\r\v' | od -An -c
#### echo escape e
echo '\e[0m' | od -An -c
#### echo backslash c stops
echo 'a\cb' more; echo next; echo -n 'x\c'; echo y
#### echo backslash c in later argument
echo a 'b\c' c; echo
#### echo octal
echo '\0101\101\0' | od -An -c; echo '\1011\01011' | od -An -c
#### echo octal wraps
echo '\0777\400' | od -An -c
#### echo nul then digit
echo '\08\09' | od -An -c
#### echo unknown escapes kept
echo '\q\x41\u0041' 'a\'
#### echo double backslash c
echo '\\c' x
#### echo in a loop
for w in one two three; do echo "$w"; done
#### echo status
echo hi >/dev/null; echo $?
#### echo redirected
echo to-file > out; echo appended >> out; cat out
#### echo in pipeline
echo a b c | tr " " "\n" | sort -r
#### echo into command substitution
x=$(echo "a\tb"); printf "%s\n" "$x" | od -An -c
#### echo many arguments
set -- $(seq 1 200); echo "$@" | wc -w
#### echo field splitting
x="a   b"; echo $x; echo "$x"
#### printf format reuse
printf '%s\n' a b c; printf '%s %s\n' a b c; printf '%s=%d\n' a 1 b 2 c
#### printf no conversion ignores arguments
printf 'x\n' a b
#### printf empty format
printf '' a b; echo st=$?
#### printf missing arguments
printf '%s|%d|%f|%b|\n'; printf '%s-%s\n' a; printf '%d-%d\n' 1
#### printf missing c is nul
printf 'a%cb' | od -An -c
#### printf integers
printf '%d %i %o %u %x %X\n' 10 -10 8 -1 255 255
#### printf integer forms
printf '%d\n' 0x10 010 -0x10 ' 12' +5 -0
#### printf char constants
printf '%d %d %d %x\n' "'A" '"B' "'" "'a"
#### printf char constant float
printf '%.1f\n' "'A"
#### printf not a number
printf '%d\n' abc 7; echo st=$?
#### printf partly a number
printf '%d\n' 12abc '12 ' 1e3; echo st=$?
#### printf empty argument is zero
printf '%d|%f\n' '' ''; echo st=$?
#### printf out of range
printf '%d\n' 99999999999999999999 -99999999999999999999; echo st=$?
#### printf unsigned out of range
printf '%u\n' 99999999999999999999 -1; echo st=$?
#### printf octal bad digit
printf '%o\n' 08 077; echo st=$?
#### printf hex forms
printf '%x\n' 0x 0xg 0xff; echo st=$?
#### printf binary prefix is not a number
printf '%d\n' 0b1; echo st=$?
#### printf sign forms
printf '%d\n' ' -5' '+5' '- 5'; echo st=$?
#### printf large hex
printf '%X %i\n' 3735928559 0x7fffffffffffffff
#### printf chars
printf '%c|' abc '' x | od -An -c
#### printf strings width precision
printf '%5s|%-5s|%.2s|%5.1s|\n' ab ab abc abc; printf '%10.4s|\n' 'hello world'
#### printf star width
printf '%*d|%-*d|%.*d|\n' 5 1 5 2 3 4
#### printf star negative
printf '%*s|\n' -5 ab; printf '%.*f|\n' -1 1.5
#### printf star both
printf '%*.*s|\n' 6 2 abcdef; printf '%0*d|\n' 5 3
#### printf star bad
printf '%*s|\n' abc ab; echo st=$?; printf '%*d\n' 1x 5; echo st=$?
#### printf star empty
printf '%*.*s|\n' '' '' abcdef
#### printf flags
printf '%+d|% d|%05d|%-05d|%-+ #0d|\n' 5 5 42 42 5
#### printf alternate forms
printf '%#x|%#o|%#X|%#g|%#.3x|\n' 255 8 255 1 1
#### printf zero precision
printf '%.0d|%.0x|%.d|\n' 0 0 0
#### printf long precision
printf '%.30d\n' 5
#### printf floats
printf '%f %e %g %E %G %F\n' 1.5 1.5 1.5 1.5 1.5 1.5
#### printf hex floats
printf '%a %A\n' 1.5 1.5; printf '%a\n' 1 0.1
#### printf float formatting
printf '%.3f|%10.2e|%-8g|%+f|% f|%08.3f|\n' 3.14159 31415.9 0.0001 1 1 3.14159
#### printf float rounding
printf '%.1f\n' 0.25 0.35 2.5; printf '%.f|\n' 2.5; printf '%5.2f%%\n' 99.555
#### printf float g
printf '%g\n' 100000 1000000 1e-5 0.0001; printf '%G\n' 1e-10
#### printf float special
printf '%f\n' inf -nan 0x1p3; printf '%+.3e\n' -0
#### printf float errors
printf '%f\n' abc 1e400 1,5; echo st=$?
#### printf float underflow
printf '%e\n' 1e-400; echo st=$?
#### printf percent
printf '%%|%%d|100%%\n'
#### printf percent with width is invalid
printf '%%|%5%|\n'; echo st=$?
#### printf format escapes
printf '\101\102\n'; printf '\n\t\\\n' | od -An -c
#### printf format escape e
printf '\e' | od -An -c
#### printf format octal
printf '\0101|\1011|\400|\n' | od -An -c
#### printf format unknown escapes
printf '\q\x41\c|\n'; printf '\%s\n' a
#### printf format trailing backslash
printf 'a\'; echo
#### printf b escapes
printf '%b|' '\0101\101' 'a\tb' '\1011'; echo
#### printf b nul
printf '%b%b\n' '\0' 'x' | od -An -c
#### printf b stop
printf '%b\n' 'a\cb' 'c'; echo st=$?
#### printf b stop ends format
printf '%s %b %s\n' 1 'x\cy' 3 4; echo; echo st=$?
#### printf b width precision
printf '%5b|%-5b|%.2b|\n' 'a\tb' x 'abc'
#### printf b width with stop
printf '%5b|\n' 'ab\c'; echo; printf '%-5b|\n' 'ab\cxx' y; echo
#### printf b precision with nul
printf '%.3b|\n' 'a\0b' | od -An -c
#### printf b unknown escapes
printf '%b|\n' '\x41\e\0\00\1' | od -An -c
#### printf b trailing backslash
printf '%b' 'a\'; echo
#### printf b missing argument
printf '%s %b %s\n' 1 2 3 4
#### printf zero flag on strings
printf '%05s|%05b|%-05s|\n' ab ab ab
#### printf c width
printf '%5c|%-3c|\n' a b
#### printf s with escapes is literal
printf '%s\n' 'a\tb' 'c\nd'
#### printf invalid conversion
printf 'a%z\n'; echo st=$?
#### printf length modifiers invalid
printf '%ld\n' 1; echo st=$?; printf '%hd\n' 1; echo st=$?
#### printf positional invalid
printf '%1$s\n' a; echo st=$?
#### printf missing conversion letter
printf 'a%'; echo st=$?; printf '%5'; echo st=$?
#### printf flag then escape
printf '%-\n'; echo st=$?; printf '%.\n' 1; echo st=$?; printf '%5\n' 1; echo st=$?
#### printf negative literal precision
printf '%.-5d|' 1; echo st=$?
#### printf error stops output
printf 'a%zb%s\n' x; echo st=$?
#### printf usage
printf; echo st=$?; printf --; echo st=$?
#### printf double dash
printf -- '%s\n' x; printf -- -- a; echo; printf '%s\n' -- a
#### printf dash alone
printf -; echo
#### printf unknown option
printf -v x; echo st=$?; printf '-%s\n' a; echo st=$?
#### printf no newline
printf 'no newline'; echo '<'
#### printf many arguments
printf '%s,' $(seq 1 50); echo
#### printf in command substitution
x=$(printf '%05d' 42); echo $x; y=$(printf 'a\nb\n\n'); echo "[$y]"
#### printf with variables
n=3 name=world; printf 'hello %s, %d times\n' "$name" "$n"
#### printf status after error then success
printf '%d\n' x; printf ok\\n; echo st=$?
#### printf in loop
for i in 1 2 3; do printf '%02d ' $i; done; echo
#### printf redirected
printf '%s\n' line > out; cat out
#### printf quote chars
printf '%c%c%c\n' "'" '"' x; printf '%d\n' "'" '"'
#### printf percent s with many percent
printf '%s%%%s\n' a b c
#### printf multibyte char constant
printf '%d\n' "'\303"
#### echo write error status
echo hi > /dev/full; echo "st=$?"; echo hi >&-; echo "st=$?"
#### printf write error status
printf '%s\n' x > /dev/full; echo "st=$?"; printf x >&-; echo "st=$?"
#### test does not write
[ 1 -eq 1 ] >&-; echo "st=$?"; [ a = b ] > /dev/full; echo "st=$?"
#### echo huge argument
x=$(seq 1 20000); echo $x | wc -c; echo "$x" | wc -l
#### printf huge format reuse
printf '%s %s\n' $(seq 1 20001) | tail -1
