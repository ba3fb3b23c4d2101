# lib.sh - what the release checks in tests/release share: reporting
# (tests/tap.sh, as in tests/e2e), a scratch directory $T removed at exit,
# and reading versions out of files.  Sourced after ROOT is set.

. "$ROOT/tests/tap.sh"
# $T: the physical path, since version.sh compares physical paths.
T=$(cd "$(mktemp -d)" && pwd -P)
trap 'rm -rf "$T"' EXIT

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
