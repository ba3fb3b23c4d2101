# forksh - one non-recursive Makefile.
#
#   make            build ./forksh
#   make run        install missing build dependencies, build, start the shell
#   make test       install missing dependencies, build, run every test
#   make check      same as make test
#   make install    PREFIX=/usr/local DESTDIR= : binary and man page
#   make uninstall  remove what install put there
#   make clean      remove build products
#
# CC, CFLAGS, CPPFLAGS and LDFLAGS are yours to set; the flags the project
# cannot do without are added separately.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
CC      ?= cc
CFLAGS  ?= -O2 -g
PKG_CONFIG ?= pkg-config

RL_CFLAGS := $(shell $(PKG_CONFIG) --cflags readline 2>/dev/null)
RL_LIBS   := $(shell $(PKG_CONFIG) --libs readline 2>/dev/null || echo -lreadline)
CM_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CM_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

WARN      := -std=c11 -Wall -Wextra -Werror
ALL_CPPFLAGS := -D_GNU_SOURCE $(CPPFLAGS)
ALL_CFLAGS   := $(WARN) $(CFLAGS)

B := build

SHELL_SRCS := shell/util.c shell/error.c shell/lexer.c shell/parser.c shell/vars.c \
	shell/expand.c shell/redir.c shell/signals.c shell/jobs.c shell/exec.c \
	shell/input.c shell/repl.c
BUILTIN_SRCS := builtins/table.c builtins/cd.c builtins/exit.c builtins/vars.c builtins/info.c
LESSON_SRCS := lessons/registry.c
LIB_SRCS := $(SHELL_SRCS) $(BUILTIN_SRCS) $(LESSON_SRCS)
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o)
MAIN_OBJ := $(B)/shell/main.o

UNIT_TESTS := lexer parser expand builtins vars
UNIT_BINS  := $(UNIT_TESTS:%=$(B)/tests/test_%)
PTY_DRIVER := $(B)/tests/ptydrive
FDCHECK    := $(B)/tests/fdcheck
E2E_TOOLS  := $(PTY_DRIVER) $(FDCHECK)

DEPS := $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BINS:=.d) $(E2E_TOOLS:=.d)

.PHONY: all run test check unit e2e deps deps-run install uninstall clean

all: forksh

forksh: $(LIB_OBJS) $(MAIN_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(RL_LIBS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(RL_CFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/test_%: tests/unit/test_%.c $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CM_CFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(RL_LIBS) $(CM_LIBS)

$(PTY_DRIVER): tests/e2e/ptydrive.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< -lutil

$(FDCHECK): tests/e2e/fdcheck.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $<

# Install missing build dependencies (apt-get as root, or with sudo).
deps:
	@sh scripts/deps.sh test
deps-run:
	@sh scripts/deps.sh run

run: deps-run
	@$(MAKE) --no-print-directory forksh
	./forksh

test: deps
	@$(MAKE) --no-print-directory forksh $(UNIT_BINS) $(E2E_TOOLS)
	@$(MAKE) --no-print-directory unit e2e

check: test

unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do echo "== $$t"; $$t || fail=1; done; exit $$fail

e2e: forksh $(E2E_TOOLS)
	@bash tests/e2e/run.sh

install: forksh
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 forksh $(DESTDIR)$(BINDIR)/forksh
	install -m 644 docs/forksh.1 $(DESTDIR)$(MANDIR)/man1/forksh.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/forksh $(DESTDIR)$(MANDIR)/man1/forksh.1

clean:
	rm -rf $(B) forksh

-include $(DEPS)
