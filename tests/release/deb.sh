#!/bin/bash
# deb.sh DEB CHANGES - the Debian package, as root on a Debian machine:
# lintian finds no error and no warning that is not justified in an
# override; apt-get installs it; /usr/bin/forksh runs, says the package's
# version, is listed in /etc/shells, has its man page and runs a lesson
# that execs forksh-hello; apt-get purge then leaves /etc/shells as it was
# and no file of the package behind.  Run by make check-deb (in .ci/run).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
. "$ROOT/tests/release/lib.sh"
DEB=$1 CHANGES=$2

if [ "$(id -u)" != 0 ]; then
	echo "deb.sh: installing a package needs root" >&2; exit 2
fi
if dpkg-query -W -f='${Status}' forksh 2>/dev/null | grep -qv 'not-installed'; then
	echo "deb.sh: a forksh package is already installed here; purge it first (apt-get purge forksh)" >&2; exit 2
fi
if grep -qx /usr/bin/forksh /etc/shells; then
	echo "deb.sh: /etc/shells already lists /usr/bin/forksh; this check needs a machine without it" >&2; exit 2
fi
V=$(dpkg-deb -f "$DEB" Version)

# lintian, on the source and the binary package (the .changes names both).
if lintian --fail-on error,warning --display-info --info "$CHANGES" >"$T/lintian" 2>&1; then
	ok "lintian: no errors, no unjustified warnings"
else
	not_ok "lintian: no errors, no unjustified warnings" "$(cat "$T/lintian")"
fi
sed 's/^/# lintian: /' "$T/lintian" | head -n 40

# What the package holds, and which of its paths are new to this machine
# (the ones a purge must remove again).
dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's|^\./|/|; s|/$||' | grep -v '^$' | sort >"$T/paths"
for want in /usr/bin/forksh /usr/libexec/forksh/forksh-hello /usr/share/man/man1/forksh.1.gz \
	/usr/share/doc/forksh/copyright /usr/share/doc/forksh/changelog.gz; do
	grep -qx "$want" "$T/paths" || missing="${missing:-} $want"
done
check "the package holds forksh, forksh-hello, the man page and its papers" "" "${missing:-}"
while read -r p; do [ -e "$p" ] || [ -L "$p" ] || echo "$p"; done <"$T/paths" >"$T/new"
cp /etc/shells "$T/shells.before"

if apt-get install -y -q "$DEB" >"$T/apt" 2>&1; then
	ok "apt-get install ./${DEB##*/}"
else
	not_ok "apt-get install ./${DEB##*/}" "$(tail -n 20 "$T/apt")"
	finish "deb"; exit
fi
check "/usr/bin/forksh -c 'echo ok'" "ok" "$(/usr/bin/forksh -c 'echo ok' 2>&1)"
check "/usr/bin/forksh --version is the package's" "forksh $V" "$(/usr/bin/forksh --version 2>&1)"
if grep -qx /usr/bin/forksh /etc/shells; then ok "/etc/shells lists /usr/bin/forksh"; else not_ok "/etc/shells lists /usr/bin/forksh" "$(cat /etc/shells)"; fi
check "man -w forksh" "/usr/share/man/man1/forksh.1.gz" "$(man -w forksh 2>&1)"
check "the installed man page says the version" "forksh $V" \
	"$(zcat /usr/share/man/man1/forksh.1.gz | sed -n 's/^\.TH FORKSH 1 [^ ]* "\([^"]*\)".*/\1/p')"
out=$(cd "$T" && env HOME="$T" XDG_STATE_HOME="$T" NO_COLOR=1 LC_ALL=C timeout -k 5 120 \
	/usr/bin/forksh -c 'lesson forkexec --auto=0 --forks 2' </dev/null 2>&1)
if [ "$(grep -cE '^  Hello from child [0-9]+ [12]$' <<<"$out")" = 2 ]; then
	ok "a lesson execs /usr/libexec/forksh/forksh-hello"
else
	not_ok "a lesson execs /usr/libexec/forksh/forksh-hello" "$(head -c 3000 <<<"$out")"
fi

if apt-get purge -y -q forksh >"$T/apt" 2>&1; then
	ok "apt-get purge forksh"
else
	not_ok "apt-get purge forksh" "$(tail -n 20 "$T/apt")"
fi
check "dpkg knows nothing more of forksh" "" "$(dpkg-query -W -f='${Status}' forksh 2>/dev/null | grep -v not-installed)"
check "/etc/shells is as it was before" "$(cat "$T/shells.before")" "$(cat /etc/shells)"
check "no file of the package is left" "" "$(while read -r p; do [ -e "$p" ] || [ -L "$p" ] && echo "$p"; done <"$T/new")"
if man -w forksh >/dev/null 2>&1; then not_ok "man -w forksh finds nothing"; else ok "man -w forksh finds nothing"; fi
finish "deb"
