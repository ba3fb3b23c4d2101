/* follow.h - following any program: every process it creates, what each
 * runs, writes, and how it ends and is reaped, read from the kernel with
 * ptrace into a record (lessons/record.h) that the lessons' pictures draw.
 *
 * The `follow` builtin (builtins/follow.c) and the `yours` lesson use it.
 * The program is started through the shell's one fork path (proc_fork) as
 * a foreground job, and every wait is the shell's (jobs_wait_claim), so
 * background jobs that end meanwhile are recorded in the job table as
 * always.  How follow learns each fact, and how exact it is, is told in
 * docs/record-json.md.
 */
#ifndef FORKSH_FOLLOW_H
#define FORKSH_FOLLOW_H

#include "../lessons/pictures.h"
#include "../lessons/record.h"

/* The process cap when none is asked for: enough for make -j on a small
 * project, few enough that a fork bomb is stopped at once. */
#define FOLLOW_DEFAULT_PROCS 256
#define FOLLOW_MAX_PROCS 100000

struct follow_opts {
	long max_procs;         /* processes alive at once, at most (0: the default) */
	int live;               /* redraw the tree while the program runs */
	struct draw_opts draw;  /* how those frames look */
	const char *who;        /* the name in messages: "follow" */
};

/* How a followed run ended, besides its record. */
enum follow_end {
	FOLLOW_DONE,            /* every process ended by itself */
	FOLLOW_REFUSED,         /* not followed (ptrace refused, a set-uid program): not run */
	FOLLOW_INTERRUPTED,     /* Ctrl-C or Ctrl-\: what was left was killed */
	FOLLOW_STOPPED,         /* Ctrl-Z: a followed program cannot be set aside, so killed */
	FOLLOW_CAPPED           /* more processes than the cap: all killed */
};

struct follow_result {
	enum follow_end end;
	int status;             /* what `follow` returns: the program's status, 126, 130 ... */
	int seccomp;            /* 1: only write, wait and exec calls stopped (a seccomp filter) */
	size_t procs;           /* processes followed, the program's first one included */
	size_t lines_dropped;   /* lines written past the record's limit (counted only) */
};

/* Run argv (a program found on PATH, as a simple command would be) and
 * follow it and everything it starts until every one of those processes
 * has ended and been reaped; its output goes where the shell's does, live
 * and unchanged.  The record rec (empty, zeroed) receives what happened;
 * title it yourself.  Messages (a refusal, the cap, Ctrl-C) go to stderr.
 * Returns the outcome in *res; res->status is also the return value. */
int follow_run(char **argv, const struct follow_opts *o, struct recording *rec, struct follow_result *res);

/* Why ptrace was refused with err, in words, with what to do about it,
 * given Yama's ptrace_scope (-1 when there is no Yama) and the process
 * that traces the program already (0: none), into buf.  Used for the
 * refusal message; a function of its own so that it can be tested without
 * changing the machine. */
void follow_refusal_reason(int err, int yama_scope, pid_t tracer, char *buf, size_t len);

#endif
