# forksh - one non-recursive Makefile.
#
#   make            build ./forksh
#   make run        install missing build dependencies, build, start the shell
#   make test       install missing dependencies, build, run every test
#   make check      same as make test
#   make check-asan the tests again under AddressSanitizer + UBSan
#   make check-valgrind  the end-to-end tests with forksh under valgrind
#   make fuzz       run each libFuzzer target for FUZZ_SECONDS (needs clang)
#   make hostile    only the hostile-input end-to-end tests
#   make diff       only the differential tests against dash (tests/diff)
#   make bench      forksh against bare fork/exec, dash and bash; never a timed test
#                   (BENCH_RUNS=5 runs; BENCH_FLAGS=--json or --json=FILE)
#   make install    PREFIX=/usr/local DESTDIR= : forksh, forksh-hello (in
#                   LIBEXECDIR/forksh) and the man page
#   make uninstall  remove what install put there
#   make clean      remove build products
#   make version    print the version (scripts/version.sh)
#   make dist       forksh-VERSION.tar.gz: the sources a build needs
#   make deb        the Debian package, built from that tarball, in build/deb
#   make check-dist the tarball unpacked elsewhere builds and passes make test
#   make check-deb  as root: install the package, try it, purge it
#
# CC, CFLAGS, CPPFLAGS and LDFLAGS are yours to set; the flags the project
# cannot do without are added separately.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
LIBEXECDIR ?= $(PREFIX)/libexec
CC      ?= cc
CFLAGS  ?= -O2 -g
PKG_CONFIG ?= pkg-config

RL_CFLAGS := $(shell $(PKG_CONFIG) --cflags readline 2>/dev/null)
RL_LIBS   := $(shell $(PKG_CONFIG) --libs readline 2>/dev/null || echo -lreadline)
# forksh itself loads readline with dlopen() only when its prompt starts
# (see shell/input.c); -ldl is empty on a current glibc, needed on old ones.
DL_LIBS   := -ldl
# Bind every library function when forksh starts (-z now) instead of on its
# first call: execvp and the rest of the child's half of a fork are called
# only in children, so with lazy binding each child looked them up again,
# writing to pages it shares with the shell.
BIN_LDFLAGS := -Wl,-z,now
# The subshell lesson reads what its commands print in a thread of its own
# (lessons/shellrec.c); libc has the threads since glibc 2.34, -pthread
# keeps older ones linking.
THREAD_LIBS := -pthread
CM_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CM_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

WARN      := -std=c11 -Wall -Wextra -Werror
# Call library functions through the GOT directly, not through PLT stubs:
# with -z now the GOT is filled at start-up, and the stubs are one more
# page of code every forked child would fault in before its first call.
CODEGEN   := -fno-plt
ALL_CPPFLAGS = -D_GNU_SOURCE -I$(B)/lessons $(CPPFLAGS)
ALL_CFLAGS   := $(WARN) $(CODEGEN) $(CFLAGS)

B   ?= build
BIN ?= forksh
HELLO := $(dir $(BIN))forksh-hello

SHELL_SRCS := shell/util.c shell/histfile.c shell/error.c shell/number.c shell/stack.c shell/source.c shell/node.c shell/nodefmt.c \
	shell/wordbuild.c shell/lexer.c shell/lexdollar.c shell/heredoc.c shell/parser.c shell/parsetok.c shell/parsecomp.c shell/parsesimple.c shell/vars.c shell/func.c shell/trap.c shell/params.c shell/alias.c \
	shell/expand.c shell/param.c shell/fields.c shell/cmdsubst.c shell/arith.c shell/pathexp.c \
	shell/redir.c shell/signals.c shell/jobs.c shell/wait.c shell/reap.c shell/proc.c shell/eval.c shell/evalcmd.c shell/evalproc.c \
	shell/input.c shell/repl.c shell/path.c shell/jobctl.c shell/events.c shell/trace.c \
	shell/explain.c shell/explainsteps.c shell/proctree.c shell/procfs.c
BUILTIN_SRCS := builtins/table.c builtins/cd.c builtins/exit.c builtins/vars.c builtins/info.c builtins/jobs.c \
	builtins/trace.c builtins/explain.c builtins/ptree.c builtins/control.c builtins/lesson_ui.c builtins/set.c builtins/read.c builtins/keywords.c builtins/eval.c builtins/alias.c builtins/command.c builtins/getopts.c builtins/hash.c builtins/process.c builtins/trap.c builtins/follow.c \
	builtins/test.c builtins/escape.c builtins/echo.c builtins/printf.c builtins/fc.c
LESSON_SRCS := lessons/registry.c lessons/engine.c lessons/steps.c lessons/text.c lessons/keys.c \
	lessons/exercise.c lessons/live.c lessons/livemain.c lessons/livein.c lessons/wire.c lessons/record.c \
	lessons/collect.c lessons/plainc.c lessons/draw.c lessons/tree.c lessons/timeline.c \
	lessons/tlayout.c lessons/svg.c lessons/json.c lessons/showrun.c \
	lessons/lesson_fork.c lessons/lesson_counter.c lessons/lesson_memory.c lessons/lesson_forkexec.c \
	lessons/lesson_noexit.c \
	lessons/lesson_fds.c \
	lessons/lesson_exec.c \
	lessons/lesson_execfail.c \
	lessons/lesson_orphans.c \
	lessons/lesson_zombies.c \
	lessons/lesson_spawn.c \
	lessons/lesson_system.c \
	lessons/lesson_shell.c \
	lessons/shellrec.c lessons/lesson_subshell.c lessons/lesson_yours.c
FOLLOW_SRCS := follow/pidmap.c follow/seccomp.c follow/syscalls.c follow/facts.c follow/tracer.c \
	follow/start.c follow/frames.c
LIB_SRCS := $(SHELL_SRCS) $(BUILTIN_SRCS) $(LESSON_SRCS) $(FOLLOW_SRCS)
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o) $(B)/version.o
MAIN_OBJ := $(B)/shell/main.o

UNIT_TESTS := lexer parser expand arith builtins vars jobs trace proctree procfs record lessons utilities shellrec number pathexp follow
UNIT_BINS  := $(UNIT_TESTS:%=$(B)/tests/test_%)
PTY_DRIVER := $(B)/tests/ptydrive
FDCHECK    := $(B)/tests/fdcheck
HOLDTHREADS := $(B)/tests/holdthreads
PNGCHECK   := $(B)/tests/pngcheck
SANDBOX    := $(B)/tests/sandbox
E2E_TOOLS  := $(PTY_DRIVER) $(FDCHECK) $(HOLDTHREADS) $(PNGCHECK) $(SANDBOX)

DEPS := $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BINS:=.d) $(E2E_TOOLS:=.d) \
	$(B)/lessons/hello.d $(B)/lessons/hellorec.d

.DELETE_ON_ERROR:

.PHONY: all run test check unit e2e deps deps-run install uninstall clean check-asan check-valgrind bench

all: $(BIN)

$(BIN): $(LIB_OBJS) $(MAIN_OBJ) $(HELLO)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(BIN_LDFLAGS) -o $@ $(LIB_OBJS) $(MAIN_OBJ) $(DL_LIBS) $(THREAD_LIBS)

# forksh-hello: the separate program the forkexec lesson execs; it lives
# next to the forksh binary, where the lesson looks for it.  hello.c is the
# plain program the lesson shows; hellorec.c records it under a lesson (it
# reads /proc through procfs.c, with ptree's parser).
$(HELLO): $(B)/lessons/hello.o $(B)/lessons/hellorec.o $(B)/lessons/wire.o $(B)/shell/procfs.o $(B)/shell/proctree.o \
	$(B)/shell/util.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^

# The code a lesson shows is cut out of its own source at build time.
$(B)/lessons/%.code.h: lessons/%.c scripts/showcode.awk
	@mkdir -p $(@D)
	awk -f scripts/showcode.awk $< > $@
LESSON_CODE_OBJS := $(patsubst lessons/%.c,$(B)/lessons/%.o,$(filter lessons/lesson_%.c,$(LESSON_SRCS)))
$(foreach o,$(LESSON_CODE_OBJS),$(eval $(o): $(o:.o=.code.h)))
$(B)/lessons/lesson_forkexec.o: $(B)/lessons/hello.code.h
# The lessons' plain C calls (fork, _exit, waitpid, exec...) are recorded:
# lessons/plainc.h, forced in before their first line, turns them into the
# wrappers of lessons/plainc.c.  Only lesson objects; spawn measures raw
# fork+exec speed, so its calls stay unrecorded on purpose; yours runs
# programs under follow, which records them from outside.
$(filter-out $(B)/lessons/lesson_spawn.o $(B)/lessons/lesson_yours.o,$(LESSON_CODE_OBJS)): ALL_CFLAGS += -include lessons/plainc.h

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(RL_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/test_%: tests/unit/test_%.c $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CM_CFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(RL_LIBS) $(CM_LIBS) $(THREAD_LIBS)

# test_lessons runs lessons live: forksh-hello must sit next to it.
$(B)/tests/test_lessons $(B)/tests/test_shellrec: $(B)/tests/forksh-hello
$(B)/tests/forksh-hello: $(HELLO)
	@mkdir -p $(@D)
	cp $(HELLO) $@

$(PTY_DRIVER): tests/e2e/ptydrive.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< -lutil

$(FDCHECK): tests/e2e/fdcheck.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $<

# pngcheck reads the PNG that rsvg-convert renders from a lesson's SVG.
$(PNGCHECK): tests/e2e/pngcheck.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(shell $(PKG_CONFIG) --cflags libpng 2>/dev/null) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< \
		$(shell $(PKG_CONFIG) --libs libpng 2>/dev/null || echo -lpng)

# sandbox runs a program with ptrace or seccomp refused (follow's tests).
$(SANDBOX): tests/e2e/sandbox.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $<

$(HOLDTHREADS): tests/e2e/holdthreads.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -pthread -o $@ $<

# Install missing build dependencies (apt-get as root, or with sudo).
deps:
	@sh scripts/deps.sh test
deps-run:
	@sh scripts/deps.sh run

run: deps-run
	@$(MAKE) --no-print-directory $(BIN) >/dev/null
	@./$(BIN) || true   # the shell's own exit status is not a build failure

test: deps
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BINS) $(E2E_TOOLS) $(REPLAY_BINS)
	@$(MAKE) --no-print-directory unit fuzz-regress e2e diff check-man check-version check-install

check: test

unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do echo "== $$t"; $$t || fail=1; done; exit $$fail

# The differential tests: every case under dash and forksh, in each of the
# three non-interactive modes, stdout and status compared (tests/diff/*.t).
.PHONY: diff
diff: $(BIN)
	@FORKSH=$(abspath $(BIN)) bash tests/diff/run.sh

E2E_SCRIPTS := tests/e2e/run.sh tests/e2e/hostile.sh
e2e: $(BIN) $(E2E_TOOLS)
	@fail=0; for s in $(E2E_SCRIPTS); do \
		FORKSH=$(abspath $(BIN)) E2E_TOOLS=$(abspath $(B))/tests bash $$s || fail=1; done; exit $$fail

# The whole suite again, built with AddressSanitizer and UBSan; any report
# fails the run.
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# Reports also go to files in build/asan/logs, so that one in a process
# whose status no test looks at (a forked child, a background job) still
# fails the run.
ASAN_LOGS := build/asan/logs
check-asan: deps
	@rm -rf $(ASAN_LOGS) && mkdir -p $(ASAN_LOGS) && chmod 1777 $(ASAN_LOGS)
	@fail=0; ASAN_OPTIONS=log_path=$(abspath $(ASAN_LOGS))/asan UBSAN_OPTIONS=log_path=$(abspath $(ASAN_LOGS))/ubsan \
		$(MAKE) --no-print-directory B=build/asan BIN=build/asan/forksh \
		CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
		build/asan/forksh unit fuzz-regress e2e || fail=1; \
	for f in $(ASAN_LOGS)/*; do [ -e "$$f" ] || continue; fail=1; echo "# sanitizer report: $$f"; head -n 40 "$$f"; done; \
	exit $$fail

# The end-to-end tests with the shell under valgrind: a definite leak or a
# memory error in forksh fails the test that triggered it, and the scan of
# valgrind's own logs afterwards fails the run (see tests/e2e/valgrind-forksh).
VG_LOGS := $(B)/valgrind-logs
check-valgrind: deps
	@$(MAKE) --no-print-directory $(BIN) $(E2E_TOOLS)
	@rm -rf $(VG_LOGS) && mkdir -p $(VG_LOGS) && chmod 1777 $(VG_LOGS)
	@fail=0; for s in $(E2E_SCRIPTS); do \
		FORKSH=$(abspath tests/e2e/valgrind-forksh) FORKSH_REAL=$(abspath $(BIN)) \
		FORKSH_VG_LOGS=$(abspath $(VG_LOGS)) E2E_TOOLS=$(abspath $(B))/tests bash $$s || fail=1; \
	done; bash tests/e2e/valgrind-scan $(VG_LOGS) || fail=1; exit $$fail

# ---- fuzzing --------------------------------------------------------------
# Two libFuzzer targets: the lexer, parser and explain (parse), and word
# expansion (expand).  `make fuzz` builds them with clang and the fuzzer,
# ASan and UBSan, then runs each for FUZZ_SECONDS.  The same target source
# with tests/fuzz/replay.c as main builds with any compiler; `make test`
# uses that to replay the seed corpus and every saved crash input
# (tests/fuzz/regress/).  Globbing goes to a made-up tree (fakeglob.c), so
# no fuzz input ever touches the real file system, and command substitution
# to fakesubst.c, so no fuzz input ever forks or runs a command.
FUZZ_TARGETS  := parse expand
FUZZ_SECONDS  ?= 60
FUZZ_CC       ?= clang
FUZZ_SUPPORT  := tests/fuzz/common.c tests/fuzz/fakeglob.c tests/fuzz/fakesubst.c
FUZZ_WRAP     := -Wl,--wrap=glob -Wl,--wrap=cmdsubst_expand
FUZZ_HEADERS  := tests/fuzz/fuzz.h $(wildcard shell/*.h)
FUZZ_CFLAGS   := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
REPLAY_BINS   := $(FUZZ_TARGETS:%=$(B)/tests/replay_%)

.PHONY: fuzz fuzz-regress hostile

$(B)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_SUPPORT) $(FUZZ_HEADERS) $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c \
		$(FUZZ_SUPPORT) $(FUZZ_WRAP) $(LIB_OBJS) $(RL_LIBS) $(THREAD_LIBS)

$(B)/tests/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SUPPORT) $(FUZZ_HEADERS) $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ tests/fuzz/fuzz_$*.c \
		$(FUZZ_SUPPORT) $(FUZZ_WRAP) $(LIB_OBJS) $(RL_LIBS) $(THREAD_LIBS)

# Only the hostile-input end-to-end tests (also part of make test).
hostile: $(BIN) $(E2E_TOOLS)
	@FORKSH=$(abspath $(BIN)) E2E_TOOLS=$(abspath $(B))/tests bash tests/e2e/hostile.sh

# Replay the seed corpus and the saved crash inputs (part of make test).
fuzz-regress: $(REPLAY_BINS)
	@fail=0; for t in $(FUZZ_TARGETS); do echo "== fuzz regressions: $$t"; \
		$(B)/tests/replay_$$t tests/fuzz/corpus/$$t tests/fuzz/regress/$$t || fail=1; done; exit $$fail

# New inputs the fuzzer finds go to build/fuzz/corpus-NAME (not the seed
# corpus); a crash leaves build/fuzz/crash-NAME-*, to be fixed and then
# copied into tests/fuzz/regress/NAME/.
fuzz:
	@if [ "$(FUZZ_CC)" = clang ]; then sh scripts/deps.sh fuzz; fi
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz needs $(FUZZ_CC) (apt-get install clang)" >&2; exit 2; }
	@$(MAKE) --no-print-directory B=build/fuzz CC=$(FUZZ_CC) CFLAGS="$(FUZZ_CFLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" $(FUZZ_TARGETS:%=build/fuzz/tests/fuzz_%)
	@fail=0; for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz/corpus-$$t; \
		echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
		build/fuzz/tests/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-max_len=4096 -print_final_stats=1 -artifact_prefix=build/fuzz/crash-$$t- \
			build/fuzz/corpus-$$t tests/fuzz/corpus/$$t 2>build/fuzz/log-$$t.txt \
			|| { fail=1; tail -n 60 build/fuzz/log-$$t.txt; }; \
		grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units)' build/fuzz/log-$$t.txt | tail -n 2; \
	done; exit $$fail

# Benchmarks measure and print; they are never part of make test.
BENCH_RUNS ?= 5
BENCH_FLAGS ?=
BENCH_TOOLS := $(B)/bench/bench $(B)/bench/bare_spawn $(B)/bench/bare_counter
# The floors link nothing but libc; only the driver needs forkpty (-lutil).
$(B)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<
$(B)/bench/bench: bench/bench.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< -lutil
bench:
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory $(BIN) $(BENCH_TOOLS)
	@$(B)/bench/bench --forksh $(abspath $(BIN)) --bare-spawn $(B)/bench/bare_spawn \
		--bare-counter $(B)/bench/bare_counter --runs $(BENCH_RUNS) $(BENCH_FLAGS)

# forksh-hello is a helper, not a command: it goes to LIBEXECDIR/forksh,
# where the lessons look for it (../libexec/forksh from forksh's directory).
install: forksh $(B)/forksh.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR)/forksh $(DESTDIR)$(MANDIR)/man1
	install -m 755 forksh $(DESTDIR)$(BINDIR)/forksh
	install -m 755 forksh-hello $(DESTDIR)$(LIBEXECDIR)/forksh/forksh-hello
	install -m 644 $(B)/forksh.1 $(DESTDIR)$(MANDIR)/man1/forksh.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/forksh $(DESTDIR)$(LIBEXECDIR)/forksh/forksh-hello $(DESTDIR)$(MANDIR)/man1/forksh.1
	rmdir $(DESTDIR)$(LIBEXECDIR)/forksh 2>/dev/null || true

clean:
	rm -rf $(B) forksh forksh-hello

# ---- version, release tarball, Debian package ------------------------------
# The version comes from one place, scripts/version.sh (the file VERSION and
# git describe); everything here takes it from there, and check-version
# (part of make test) checks that the copies agree.
FORKSH_VERSION := $(shell sh scripts/version.sh)
ifeq ($(FORKSH_VERSION),)
$(error scripts/version.sh gave no version)
endif
DIST := forksh-$(FORKSH_VERSION)
DEB_ARCH = $(shell dpkg --print-architecture)
DEB_FILE = $(B)/deb/forksh_$(FORKSH_VERSION)_$(DEB_ARCH).deb

.PHONY: version dist check-dist deb deps-deb check-deb check-man check-version check-install FORCE

version:
	@echo $(FORKSH_VERSION)

# The version compiled into forksh, rewritten only when it changes, so that
# a new commit recompiles this one file.
$(B)/version.c: FORCE
	@mkdir -p $(@D)
	@printf '/* Written by make from scripts/version.sh. */\nconst char forksh_version[] = "%s";\n' \
		'$(FORKSH_VERSION)' >$@.$$$$; \
	if cmp -s $@.$$$$ $@; then rm -f $@.$$$$; else mv -f $@.$$$$ $@; fi
$(B)/version.o: $(B)/version.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The man page as installed: docs/forksh.1 with its version filled in.
$(B)/forksh.1: docs/forksh.1 $(B)/version.c
	@mkdir -p $(@D)
	sed 's/@VERSION@/$(FORKSH_VERSION)/g' docs/forksh.1 >$@

# The man page lints clean: mandoc at its strictest (style notes too) and,
# where it is installed, groff (what man uses) with every warning on.  Then
# it is complete (tests/release/docs.sh): an entry for every builtin, with
# the usage line `help` prints, every reserved word listed and in `help`.
check-man: $(B)/forksh.1 $(BIN)
	@echo "== man page lint"
	@out=$$(mandoc -T lint -W style $(B)/forksh.1 2>&1; \
		if command -v groff >/dev/null; then groff -man -z -ww $(B)/forksh.1 2>&1; fi); \
	if [ -n "$$out" ]; then printf '%s\n' "$$out" | sed 's|$(B)/forksh.1|docs/forksh.1|'; \
		echo "man page lint: FAILED"; exit 1; fi; echo "man page lint: clean"
	@echo "== man page and help cover every builtin and reserved word"
	@bash tests/release/docs.sh $(abspath $(BIN)) $(abspath $(B)/forksh.1) >$(B)/docs-check.log 2>&1; \
	st=$$?; grep -v '^ok ' $(B)/docs-check.log; exit $$st

# forksh --version, help, the man page, debian/changelog and NEWS.md agree.
check-version: $(BIN) $(B)/forksh.1
	@bash tests/release/version.sh $(abspath $(BIN)) $(abspath $(B)/forksh.1)

# make install under a made-up PREFIX into a scratch DESTDIR: the files,
# a lesson that finds forksh-hello, and make uninstall.
check-install: $(BIN)
	@MAKE="$(MAKE)" bash tests/release/install.sh

# The release tarball, and the proof that it is enough: unpacked in a
# fresh directory elsewhere it builds and passes make test.
dist:
	@sh scripts/dist.sh $(FORKSH_VERSION) $(B)/dist
check-dist: dist
	@bash tests/release/dist.sh $(abspath $(DIST).tar.gz) $(FORKSH_VERSION)

# The Debian package, built from the tarball (so from a clean tree) into
# build/deb; check-deb (as root) runs lintian, installs it, tries it and
# purges it again.
deps-deb:
	@sh scripts/deps.sh deb
deb: deps-deb dist
	@rm -rf $(B)/deb && mkdir -p $(B)/deb
	tar -xzf $(DIST).tar.gz -C $(B)/deb
	cd $(B)/deb/$(DIST) && dpkg-buildpackage -us -uc
	@echo "make deb: $(DEB_FILE)"
check-deb: deb
	@bash tests/release/deb.sh $(abspath $(DEB_FILE)) $(abspath $(B)/deb/forksh_$(FORKSH_VERSION)_$(DEB_ARCH).changes)

-include $(DEPS)
