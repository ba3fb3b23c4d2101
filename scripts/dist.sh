#!/bin/sh
# dist.sh VERSION STAGE - write forksh-VERSION.tar.gz (in the current
# directory, the top of the tree) with the sources a build needs and
# nothing else: the files git tracks (their contents as they are in the
# working tree), without the repository's own machinery (.ci, .gitignore),
# and no build outputs or .git.  Outside a git checkout (an unpacked
# tarball) it packs the tree's files instead, leaving build outputs out.
#
# VERSION and debian/changelog inside the tarball are written to agree with
# the version given: VERSION holds it whole (scripts/version.sh prints it
# there), and a snapshot's version gets a changelog entry of its own, since
# dpkg-buildpackage takes the package's version from that file.  The
# tarball is reproducible: sorted names, owner root, every time stamp that
# of the last commit (SOURCE_DATE_EPOCH wins when set).
# STAGE is a scratch directory, emptied first.  Exits non-zero on error.
set -eu
version=$1 stage=$2
name=forksh-$version
top=$(pwd -P)
[ -f "$top/VERSION" ] && [ -f "$top/debian/changelog" ] || { echo "dist.sh: run me from the top of the tree" >&2; exit 2; }

g() { git -c safe.directory="$top" -C "$top" "$@"; }
list=$(mktemp)
trap 'rm -f "$list" "$list.keep"' EXIT
if command -v git >/dev/null 2>&1 && [ "$(g rev-parse --show-toplevel 2>/dev/null)" = "$top" ]; then
	# Tracked files that still exist (a deletion not yet committed is gone).
	g ls-files -z | tr '\0' '\n' | while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done >"$list"
	epoch=${SOURCE_DATE_EPOCH:-$(g log -1 --format=%ct)}
else
	find . -type f ! -path './build/*' ! -path './.git/*' ! -name forksh ! -name forksh-hello \
		! -name 'forksh-*.tar.gz' ! -name '*.o' ! -name '*.d' | sed 's|^\./||' >"$list"
	epoch=${SOURCE_DATE_EPOCH:-$(stat -c %Y VERSION)}
fi
# The repository's own machinery is not part of a build.
grep -v -e '^\.ci/' -e '^\.gitignore$' -e '^\.gitattributes$' "$list" >"$list.keep" || true
mv "$list.keep" "$list"

rm -rf "$stage"
mkdir -p "$stage/$name"
tar -cf - -T "$list" | tar -xf - -C "$stage/$name"
printf '%s\n' "$version" >"$stage/$name/VERSION"

# A snapshot (any version the top changelog entry does not already name)
# gets its own entry, by the maintainer of the last one.
cl=$stage/$name/debian/changelog
if [ "$(sed -n '1s/^forksh (\([^)]*\)).*/\1/p' "$cl")" != "$version" ]; then
	who=$(sed -n 's/^ -- \(.*>\)  .*/\1/p' "$cl" | head -n 1)
	when=$(LC_ALL=C TZ=UTC date -R -d "@$epoch")
	{
		printf 'forksh (%s) UNRELEASED; urgency=medium\n\n' "$version"
		printf '  * Snapshot of the development tree, made by make dist; not a release.\n\n'
		printf ' -- %s  %s\n\n' "$who" "$when"
		cat "$cl"
	} >"$cl.new"
	mv "$cl.new" "$cl"
fi

tar -C "$stage" --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
	--mode='u+rwX,go+rX,go-w' -cf - "$name" | gzip -n -9 >"$name.tar.gz.tmp"
mv "$name.tar.gz.tmp" "$name.tar.gz"
echo "make dist: $name.tar.gz ($(wc -l <"$list") files)"
