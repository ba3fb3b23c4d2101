#!/bin/bash
# docs.sh FORKSH MANPAGE - the user's documentation covers the whole shell:
# every builtin in the table (as `help` lists it) has an entry in the man
# page's BUILTINS section whose synopsis is the very usage line `help NAME`
# prints, and no entry there names something that is not a builtin; every
# reserved word of POSIX sh is one to forksh (type says "shell keyword"), is
# listed under "Reserved words" in the man page and has a `help` text;
# README.md's table has a row for every builtin; and every word `help`
# lists under "The language" has a text of its own.
# Run by make check-man, part of make test.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
. "$ROOT/tests/release/lib.sh"
FORKSH=$1 MAN=$2

# The section of the man page source from ".SH NAME" to the next ".SH".
section() { awk -v s=".SH $1" '$0 == s { on = 1; next } /^\.SH / { on = 0 } on' "$MAN"; }

# The builtins, one a line, from the list `help` prints (the table's order).
"$FORKSH" -c help >"$T/help" 2>&1 || not_ok "help lists the builtins" "$(cat "$T/help")"
awk '/^These builtins/ { on = 1; next } on && /^$/ { if (n) exit; next } on { print $1; n++ }' \
	"$T/help" >"$T/builtins"
n=$(wc -l <"$T/builtins")
if [ "$n" -ge 40 ]; then ok "help lists $n builtins"; else not_ok "help lists the builtins" "only $n"; fi

# The synopsis of each BUILTINS entry (the line after each .TP), rendered as
# text by mandoc: one line each.
{
	printf '.TH T 1\n.SH T\n'
	section BUILTINS | awk 'prev == ".TP" { print; print ".br" } { prev = $0 }'
} >"$T/tags.1"
mandoc -T ascii -O width=400 "$T/tags.1" | sed "s/.\x08//g" |
	sed -n 's/^       \(.*[^ ]\) *$/\1/p' | grep -v 'T(1)$' >"$T/tags"
if [ -s "$T/tags" ]; then ok "the man page's BUILTINS entries render ($(wc -l <"$T/tags"))"; else
	not_ok "the man page's BUILTINS entries render" "$(head -c 400 "$T/tags.1")"; fi

while IFS= read -r b; do
	usage=$("$FORKSH" -c "help '$b'" 2>&1 | sed -n '1s/^usage: //p')
	case $usage in
	"$b" | "$b "*) ok "help $b prints its usage line" ;;
	*) not_ok "help $b prints its usage line" "got: $("$FORKSH" -c "help '$b'" 2>&1 | head -n 1)"; continue ;;
	esac
	if grep -qxF -- "$usage" "$T/tags"; then
		ok "man page BUILTINS has an entry \"$usage\""
	else
		not_ok "man page BUILTINS has an entry \"$usage\" (help's usage line)" \
			"entries for $b: $(awk -v b="$b" '$1 == b' "$T/tags" | tr '\n' '|')"
	fi
done <"$T/builtins"

# No stale entry: each entry's first word is a builtin.
while IFS= read -r tag; do
	first=${tag%% *}
	if grep -qxF -- "$first" "$T/builtins"; then :; else
		not_ok "man page entry \"$tag\" is a builtin of the table"
	fi
done <"$T/tags"
ok "every BUILTINS entry of the man page is a builtin"

# The reserved words (XCU 2.4).
reserved='! { } case do done elif else esac fi for if in then until while'
# The list itself: the .B line of the subsection that starts with "!".
section "SHELL GRAMMAR" | awk '/^\.SS Reserved words/ { on = 1; next } /^\.SS / { on = 0 } on && /^\.B "!/' >"$T/reserved"
for w in $reserved; do
	check "type $w: a keyword" "$w is a shell keyword" "$("$FORKSH" -c "type '$w'" 2>&1)"
	if "$FORKSH" -c "help '$w'" 2>/dev/null | grep -q '^usage: '; then ok "help $w"; else
		not_ok "help $w" "$("$FORKSH" -c "help '$w'" 2>&1)"; fi
	if sed 's/^\.B //' "$T/reserved" | tr -s ' "' '\n' | grep -qxF -- "$w"; then ok "man page lists reserved word $w"; else
		not_ok "man page lists reserved word $w" "$(cat "$T/reserved")"; fi
done

# The README's table of builtins has a row for each.
while IFS= read -r b; do
	row1="| \`$b " row2="| \`$b\`"
	if grep -qF -- "$row1" "$ROOT/README.md" || grep -qF -- "$row2" "$ROOT/README.md"; then
		ok "README lists $b"
	else
		not_ok "README's table of builtins has a row for $b"
	fi
done <"$T/builtins"

# Every word of the language that `help` lists has a text of its own.
awk '/^The language/ { on = 1; next } on && /^$/ { exit } on { print $1 }' "$T/help" >"$T/words"
while IFS= read -r w; do
	if "$FORKSH" -c "help '$w'" 2>/dev/null | grep -q '^usage: '; then ok "help '$w'"; else
		not_ok "help '$w'" "$("$FORKSH" -c "help '$w'" 2>&1)"; fi
done <"$T/words"

finish "documentation"
