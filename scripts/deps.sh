#!/bin/sh
# deps.sh - install what forksh needs to build (and, with "test", to test;
# with "bench", the shells make bench compares it with; with "fuzz", clang
# and libFuzzer; with "deb", the Debian tools make deb and make check-deb
# use).
#
# On Debian and Ubuntu the packages are installed with apt-get: directly as
# root, otherwise through sudo.  Anywhere else we say what to install by hand.
set -e
want="test"
[ "${1:-}" = "run" ] && want="run"
[ "${1:-}" = "bench" ] && want="bench"
[ "${1:-}" = "fuzz" ] && want="fuzz"
[ "${1:-}" = "deb" ] && want="deb"

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
if command -v pkg-config >/dev/null 2>&1; then
	pkg-config --exists readline 2>/dev/null || [ -f /usr/include/readline/readline.h ] || missing="$missing libreadline-dev"
	if [ "$want" = test ] || [ "$want" = deb ]; then
		pkg-config --exists cmocka 2>/dev/null || missing="$missing libcmocka-dev"
	fi
else
	missing="$missing libreadline-dev"
	{ [ "$want" = test ] || [ "$want" = deb ]; } && missing="$missing libcmocka-dev"
fi
if [ "$want" = test ]; then
	command -v dash >/dev/null 2>&1 || missing="$missing dash"
	command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
	command -v mandoc >/dev/null 2>&1 || missing="$missing mandoc"   # make check-man
	# the SVG test renders a lesson's picture (rsvg-convert) and reads the
	# PNG back (libpng); the text needs a monospace font
	command -v rsvg-convert >/dev/null 2>&1 || missing="$missing librsvg2-bin"
	pkg-config --exists libpng 2>/dev/null || [ -f /usr/include/png.h ] || missing="$missing libpng-dev"
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || missing="$missing fonts-dejavu-core"
	# follow's tests validate its JSON record against docs/record.schema.json
	# (and run a Python program under follow)
	/usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 || missing="$missing python3-jsonschema"
fi
if [ "$want" = deb ]; then
	# make deb builds with dpkg-buildpackage and debhelper; make check-deb
	# runs lintian and man -w on the installed package.
	command -v dpkg-buildpackage >/dev/null 2>&1 || missing="$missing dpkg-dev"
	command -v dh >/dev/null 2>&1 || missing="$missing debhelper"
	command -v lintian >/dev/null 2>&1 || missing="$missing lintian"
	command -v man >/dev/null 2>&1 || missing="$missing man-db"
fi
if [ "$want" = bench ]; then
	command -v dash >/dev/null 2>&1 || missing="$missing dash"
	command -v bash >/dev/null 2>&1 || missing="$missing bash"
	command -v strace >/dev/null 2>&1 || missing="$missing strace"   # case 11: follow vs strace -f
fi
if [ "$want" = fuzz ]; then
	# make fuzz: clang with libFuzzer, which Debian packages separately
	# (libclang-rt-N-dev, N the clang version) from clang itself.
	if ! command -v clang >/dev/null 2>&1; then
		missing="$missing clang"
	elif ! printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return (void)d, (int)n * 0; }\n' |
		clang -fsanitize=fuzzer -x c - -o /dev/null >/dev/null 2>&1; then
		v=$(clang --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)
		missing="$missing libclang-rt-$v-dev"
	fi
fi
command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"

[ -z "$missing" ] && exit 0

echo "forksh: missing build dependencies:$missing" >&2
if command -v apt-get >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "forksh: run as root: apt-get install -y$missing" >&2
		exit 1
	fi
	echo "forksh: installing them with ${sudo:+sudo }apt-get" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
	exit 0
fi
cat >&2 <<MSG
forksh: this is not a Debian-like system, so please install by hand:
  - a C11 compiler and make
  - GNU readline with its headers and pkg-config file (e.g. readline-devel, or brew install readline)
  - cmocka 1.1 or later (e.g. libcmocka-devel, cmocka) and pkg-config, for 'make test'
  - dash, for the tests that compare forksh with a POSIX sh
  - mandoc, for the man page lint in make test
  - valgrind, for make check-valgrind
  - rsvg-convert (librsvg), libpng and a monospace font, for the SVG test
  - python3 with jsonschema, for the test that validates follow's JSON
  - strace, for make bench (follow is compared with strace -f)
  - clang with libFuzzer (compiler-rt), for make fuzz
MSG
exit 1
