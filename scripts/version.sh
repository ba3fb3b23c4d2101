#!/bin/sh
# version.sh - print forksh's version.  This is the one place every other
# copy of it comes from: forksh --version and help (build/version.c), the
# man page (build/forksh.1), the name of the make dist tarball and, through
# the tarball, the Debian package.  tests/release/version.sh checks that
# they all agree.
#
# A person sets the number in the file VERSION (0.2.0, say); the release is
# the commit tagged v0.2.0.  In a git checkout, git describe adds where the
# tree stands against that tag:
#
#   at the tag v0.2.0                0.2.0
#   3 commits after it               0.2.0+3.g57e8624
#   no tag v0.2.0 yet                0.2.0+g57e8624
#   uncommitted changes to files     the same with .dirty (0.2.0+dirty at the tag)
#
# Outside a checkout (an unpacked make dist tarball, a Debian source
# package) VERSION already holds the whole version, written there by make
# dist, and is printed as it is.  Every form is a valid version for a
# native Debian package: no '-', and a snapshot sorts after its release.
# Prints nothing and exits 1 when VERSION is missing or malformed.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd -P)
base=$(sed -n '1{s/[[:space:]]//g;p;}' "$top/VERSION" 2>/dev/null) || base=""
case $base in
[0-9]*) case $base in *[!0-9A-Za-z.+~]*) base="" ;; esac ;;
*) base="" ;;
esac
if [ -z "$base" ]; then
	echo "version.sh: $top/VERSION must hold a version such as 0.2.0" >&2
	exit 1
fi

# Only a checkout whose top is this very directory counts: a tarball
# unpacked inside some other repository must not take that one's history.
# safe.directory: as root (sudo make install) in a tree another user owns,
# git would refuse to look; the build is already trusting this tree.
g() { git -c safe.directory="$top" -C "$top" "$@"; }
if ! command -v git >/dev/null 2>&1 || [ "$(g rev-parse --show-toplevel 2>/dev/null)" != "$top" ] ||
	! desc=$(g describe --tags --match "v$base" --always --abbrev=7 --dirty=.dirty 2>/dev/null); then
	echo "$base"
	exit 0
fi
case $desc in
v"$base") echo "$base" ;;
v"$base".dirty) echo "$base+dirty" ;;
v"$base"-*)
	rest=${desc#v"$base"-}      # 3-g57e8624 or 3-g57e8624.dirty
	echo "$base+${rest%%-*}.${rest#*-}" ;;
*) echo "$base+g$desc" ;;       # no tag: describe gave the commit only
esac
