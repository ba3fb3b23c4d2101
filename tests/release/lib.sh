# lib.sh - reporting for the release checks in tests/release (TAP lines as
# in tests/e2e), and the version helpers they share.  Sourced.

pass=0 failn=0
ok() { pass=$((pass + 1)); echo "ok $((pass + failn)) - $1"; }
not_ok() {
	failn=$((failn + 1)); echo "not ok $((pass + failn)) - $1"
	shift; for l in "$@"; do printf '#   %s\n' "$l"; done
}
# check NAME WANT GOT: ok when the two strings are equal.
check() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "want: $2" "got:  $3"; fi
}
# finish WHAT: the summary line, and the exit status of the whole script.
finish() {
	echo "# $1: $pass passed, $failn failed"
	[ "$failn" = 0 ]
}

# The version a debian/changelog names first, and the one NEWS.md's first
# "## " heading names.
changelog_version() { sed -n '1s/^forksh (\([^)]*\)).*/\1/p' "$1"; }
news_version() { sed -n 's/^## \([0-9][^ ]*\).*/\1/p' "$1" | head -n 1; }
