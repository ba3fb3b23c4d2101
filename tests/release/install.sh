#!/bin/bash
# install.sh - make install puts forksh, forksh-hello and the man page
# where they belong under any PREFIX, the installed forksh finds
# forksh-hello in LIBEXECDIR/forksh (a lesson execs it), and make uninstall
# takes everything away again.  Run by make check-install, part of make test
# (MAKE is the make to use).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
. "$ROOT/tests/release/lib.sh"
: "${MAKE:=make}"

# Not /usr: the lookup is relative to the binary, so any prefix works.
prefix=/opt/forksh-test
if ! "$MAKE" -s -C "$ROOT" install DESTDIR="$T/dest" PREFIX="$prefix" >"$T/log" 2>&1; then
	not_ok "make install" "$(tail -n 20 "$T/log")"
	finish "install"; exit
fi
check "make install: the files" \
	"$prefix/bin/forksh $prefix/libexec/forksh/forksh-hello $prefix/share/man/man1/forksh.1" \
	"$(cd "$T/dest" && find . -type f | sed 's|^\.||' | sort | tr '\n' ' ' | sed 's/ $//')"
if [ -x "$T/dest$prefix/libexec/forksh/forksh-hello" ] && [ -x "$T/dest$prefix/bin/forksh" ]; then
	ok "make install: the programs are executable"
else
	not_ok "make install: the programs are executable" "$(ls -lR "$T/dest")"
fi

# The forkexec lesson's children execlp forksh-hello through PATH, where
# the lesson puts the helpers' directory first.
out=$(cd "$T" && env HOME="$T" XDG_STATE_HOME="$T" NO_COLOR=1 LC_ALL=C PATH=/usr/bin:/bin \
	timeout -k 5 120 "$T/dest$prefix/bin/forksh" -c 'lesson forkexec --auto=0 --forks 2' </dev/null 2>&1)
if [ "$(grep -cE '^  Hello from child [0-9]+ [12]$' <<<"$out")" = 2 ] && ! grep -qi 'cannot find\|not found' <<<"$out"; then
	ok "the installed forksh finds forksh-hello in libexec/forksh"
else
	not_ok "the installed forksh finds forksh-hello in libexec/forksh" "$(head -c 3000 <<<"$out")"
fi

if ! "$MAKE" -s -C "$ROOT" uninstall DESTDIR="$T/dest" PREFIX="$prefix" >"$T/log" 2>&1; then
	not_ok "make uninstall" "$(tail -n 20 "$T/log")"
else
	check "make uninstall leaves no file and no libexec/forksh" "" \
		"$(cd "$T/dest" && find . \( -type f -o -name forksh \) -print)"
fi
finish "install"
