#!/bin/bash
# dist.sh TARBALL VERSION - the make dist tarball is named for the version,
# holds the sources and nothing else (no .git, no build outputs, no CI
# machinery), carries its version in VERSION and debian/changelog, and,
# unpacked in a fresh directory outside this tree, builds and passes
# make test, and the forksh it builds says the same version.
# Run by make check-dist (not by make test: it runs make test itself).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
. "$ROOT/tests/release/lib.sh"
TAR=$1 V=$2

check "tarball name" "forksh-$V.tar.gz" "${TAR##*/}"
tar -tzf "$TAR" | sort >"$T/list"
check "everything is under forksh-$V/" "" "$(grep -v "^forksh-$V/" "$T/list")"
bad=$(sed "s|^forksh-$V/||" "$T/list" | grep -E '^(\.git|\.ci|build)(/|$)|\.gitignore$|\.[od]$|(^|/)(forksh|forksh-hello)$|\.tar\.gz$')
check "no .git, CI machinery or build outputs" "" "$bad"

# In a checkout, the tarball holds exactly the tracked files kept by dist.
if git -C "$ROOT" rev-parse --show-toplevel >/dev/null 2>&1 &&
	[ "$(git -C "$ROOT" rev-parse --show-toplevel)" = "$ROOT" ]; then
	want=$(git -C "$ROOT" ls-files | grep -v -e '^\.ci/' -e '^\.gitignore$' -e '^\.gitattributes$' |
		while IFS= read -r f; do [ -e "$ROOT/$f" ] && echo "$f"; done | sort)
	got=$(sed -n "s|^forksh-$V/||p" "$T/list" | grep -v -e '/$' -e '^$' | sort)
	check "the tracked files, no more and no fewer" "" \
		"$(comm -3 <(echo "$want") <(echo "$got") | sed 's/^\t/extra: /; /^extra/!s/^/missing: /' | tr '\n' ' ')"
fi

mkdir "$T/u"
tar -xzf "$TAR" -C "$T/u"
src=$T/u/forksh-$V
check "VERSION in the tarball" "$V" "$(cat "$src/VERSION")"
check "debian/changelog in the tarball" "$V" "$(changelog_version "$src/debian/changelog")"
check "NEWS.md names the release" "${V%%+*}" "$(news_version "$src/NEWS.md")"

# A build elsewhere: a clean environment for make (no flags, variables or
# job server inherited from the make that runs this check).
echo "# make test in $src"
if (cd "$src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -j2 test) >"$T/log" 2>&1; then
	ok "the unpacked tarball builds and passes make test ($(grep -Ec '^ok [0-9]' "$T/log") checks)"
else
	mkdir -p "$ROOT/build" && cp "$T/log" "$ROOT/build/check-dist.log"
	not_ok "the unpacked tarball builds and passes make test" "whole log: build/check-dist.log" \
		"$(grep -E -A 6 '^not ok|FAILED|[Ee]rror [0-9]' "$T/log" | head -n 60)"
fi
check "its forksh --version" "forksh $V" "$("$src/forksh" --version 2>&1)"
check "make dist there names the same version" "forksh-$V.tar.gz" \
	"$(cd "$src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s dist >/dev/null 2>&1; ls forksh-*.tar.gz 2>/dev/null)"
finish "dist"
