#!/bin/bash
# version.sh FORKSH MANPAGE - the version comes from one place
# (scripts/version.sh) and every copy of it agrees: forksh --version, the
# help builtin, the built man page, debian/changelog and NEWS.md; then
# scripts/version.sh itself, in scratch repositories, for each form it
# prints (at a tag, after it, before it, uncommitted changes, no git).
# Run by make check-version, part of make test.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
. "$ROOT/tests/release/lib.sh"
FORKSH=$1 MAN=$2

v=$(sh "$ROOT/scripts/version.sh")
base=${v%%+*}
check "forksh --version" "forksh $v" "$("$FORKSH" --version)"
check "help names the version" "forksh $v," "$("$FORKSH" -c help | head -n 1 | cut -d' ' -f1-2)"
check "man page footer" "forksh $v" "$(sed -n 's/^\.TH FORKSH 1 [^ ]* "\([^"]*\)".*/\1/p' "$MAN")"
if command -v dpkg >/dev/null; then
	if dpkg --validate-version "$v" 2>/dev/null && [ "${v#*-}" = "$v" ]; then
		ok "$v is a native Debian version"
	else
		not_ok "$v is a native Debian version"
	fi
fi
# A checkout's changelog names the release being worked on; a tarball's
# names the very version (make dist writes a snapshot's entry).
cl=$(changelog_version "$ROOT/debian/changelog")
if [ "$cl" = "$v" ] || [ "$cl" = "$base" ]; then
	ok "debian/changelog names $cl"
else
	not_ok "debian/changelog names $v or $base" "got: $cl"
fi
check "NEWS.md starts with the release" "$base" "$(news_version "$ROOT/NEWS.md")"

# scripts/version.sh in scratch repositories.
if ! command -v git >/dev/null; then
	ok "# SKIP scripts/version.sh forms: no git"
else
	mkdir -p "$T/r/scripts" "$T/r/sub"
	cp "$ROOT/scripts/version.sh" "$T/r/scripts/"
	echo 1.2.3 >"$T/r/VERSION"
	vs() { sh "$T/r/scripts/version.sh" 2>&1; }
	check "no git: VERSION as it is" "1.2.3" "$(vs)"
	G() { git -C "$T/r" -c user.name=t -c user.email=t@t -c commit.gpgsign=false -c tag.gpgsign=false "$@" >/dev/null 2>&1; }
	G init -q && G add . && G commit -q -m one
	h=$(git -C "$T/r" rev-parse --short=7 HEAD)
	check "no tag yet: +g and the commit" "1.2.3+g$h" "$(vs)"
	G tag -a v1.2.3 -m v1.2.3
	check "at the tag: the release" "1.2.3" "$(vs)"
	echo x >"$T/r/sub/f"
	check "an untracked file is not a change" "1.2.3" "$(vs)"
	echo 1.2.3 >>"$T/r/VERSION"
	check "at the tag with changes: +dirty" "1.2.3+dirty" "$(vs)"
	G checkout -q VERSION && G add sub/f && G commit -q -m two && G add . && G commit -q --allow-empty -m three
	h=$(git -C "$T/r" rev-parse --short=7 HEAD)
	check "two commits after the tag" "1.2.3+2.g$h" "$(vs)"
	echo y >"$T/r/sub/f"
	check "after the tag with changes" "1.2.3+2.g$h.dirty" "$(vs)"
	G tag -a v9.9.9 -m other
	check "another release's tag is not this one's" "1.2.3+2.g$h.dirty" "$(vs)"
	# A tarball unpacked inside some other checkout keeps its own version.
	mkdir -p "$T/r/sub/forksh-4.5.6/scripts"
	cp "$ROOT/scripts/version.sh" "$T/r/sub/forksh-4.5.6/scripts/"
	echo 4.5.6+3.gabcdef0 >"$T/r/sub/forksh-4.5.6/VERSION"
	check "a tarball inside another checkout" "4.5.6+3.gabcdef0" "$(sh "$T/r/sub/forksh-4.5.6/scripts/version.sh")"
	echo "not a version" >"$T/r/VERSION"
	if out=$(sh "$T/r/scripts/version.sh" 2>&1); then
		not_ok "a malformed VERSION is an error" "printed: $out"
	else
		check "a malformed VERSION is an error" "version.sh: $T/r/VERSION must hold a version such as 0.2.0" "$out"
	fi
fi
finish "version"
