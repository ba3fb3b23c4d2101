#### heredoc basic
cat <<EOF
line one
line two
EOF
#### heredoc expands variables
x=value; cat <<EOF
x is $x
EOF
#### heredoc quoted delimiter is literal
x=value; cat <<'EOF'
x is $x and `date` and $(date)
EOF
#### heredoc double quoted delimiter
x=v; cat <<"EOF"
$x
EOF
#### heredoc partly quoted delimiter
x=v; cat <<E"O"F
$x
EOF
#### heredoc backslash quoted delimiter
x=v; cat <<\EOF
$x
EOF
#### heredoc strip tabs
cat <<-EOF
	tabbed
		twice
	EOF
#### heredoc strip tabs keeps spaces
cat <<-EOF
  spaced
	EOF
#### two heredocs on one line
cat <<A; cat <<B
from a
A
from b
B
#### heredoc to fd 3
cat <&3 3<<EOF
via three
EOF
#### heredoc command substitution inside
cat <<EOF
sum $((1+2)) and $(echo sub)
EOF
#### heredoc backslash escapes
cat <<EOF
a \$x b \\ c \` d \e
EOF
#### heredoc double quotes are plain
x=1; cat <<EOF
"$x" '$x'
EOF
#### heredoc line continuation
cat <<EOF
ab\
cd
EOF
#### heredoc in function
f() {
	cat <<EOF
in f: $1
EOF
}
f arg
#### heredoc in loop
for i in 1 2; do
cat <<EOF
round $i
EOF
done
#### heredoc in pipeline
cat <<EOF | tr a-z A-Z
shout
EOF
#### heredoc with redirect after
cat <<EOF > out
to file
EOF
cat out
#### heredoc into while read
while read a b; do echo "[$a|$b]"; done <<EOF
1 2
3 4 5
EOF
#### heredoc empty body
cat <<EOF
EOF
echo after
#### heredoc delimiter with spaces around is not the end
cat <<EOF
 EOF
EOF
#### heredoc in command substitution
x=$(cat <<EOF
inner
EOF
)
echo "[$x]"
#### heredoc big body
i=0; while [ $i -lt 3000 ]; do echo "line $i of a long here-document"; i=$((i+1)); done > body
{ echo 'cat <<EOF | wc -l'; cat body; echo EOF; } > gen.sh
sh gen.sh
#### heredoc big body expanded
x=$(i=0; while [ $i -lt 2000 ]; do echo "line $i of a long here-document body"; i=$((i+1)); done)
cat <<EOF | wc -c
$x
EOF
#### heredoc in brace group
{ cat; } <<EOF
braced
EOF
#### heredoc with tab strip and quoted
cat <<-'EOF'
	$notexpanded
	EOF
#### heredoc after and-or
true && cat <<EOF
and
EOF
#### heredoc in case body
case x in x) cat <<EOF
in case
EOF
;; esac
#### heredoc at end of input without delimiter
cat <<EOF
no end
#### heredoc on while condition input
while read l; do echo "<$l>"; done <<EOF
a
b
EOF
echo after-loop
#### heredoc used twice by function calls
f() { cat; }
f <<EOF
first
EOF
f <<EOF
second
EOF
