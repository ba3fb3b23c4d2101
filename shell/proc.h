/* proc.h - the one way the shell makes a process.
 *
 * Every fork the shell does goes through proc_fork(): an external command,
 * each member of a pipeline, a subshell, a background job, a command
 * substitution, the lesson engine's lesson main and `follow`'s program.  It
 * flushes stdio first (or the child would print the parent's pending output
 * again), puts the child in its job's process group on both sides of the
 * fork, announces the fork on the event stream with the reason for it, and
 * reports a failure.  The child half gives the child its default signals
 * back and marks it as not being the shell.  All waiting is in wait.c.
 */
#ifndef FORKSH_PROC_H
#define FORKSH_PROC_H

#include <sys/types.h>

struct forkspec {
	pid_t pgid;        /* in/out: the job's process group so far (0: none yet) */
	int foreground;    /* the job gets the terminal */
	int background;    /* started with &: without job control, stdin is /dev/null */
	int nojob;         /* a command substitution: stays in the shell's own group */
	int own_group;     /* a process group of its own, whatever job control says,
	                    * and never the terminal (the lesson main; follow's
	                    * program is a foreground job, with the terminal) */
	const char *who;   /* what failed, for the message: "lesson: fork: ..." (NULL: plain) */
	char *const *argv; /* what a simple command's child will run, for the trace; or NULL */
	const char *why;   /* for the trace: "subshell: the child runs the list itself, no exec" */
};

/* Marks a function a forked child runs on its way to exec.  A new child
 * has none of the shell's code mapped: each 64 KB stretch of it that the
 * child runs costs a page fault.  These functions share one section, which
 * the linker places with the other hot code at the start of the text, so
 * the path touches one stretch instead of one per source file. */
#define CHILD_PATH __attribute__((hot, section(".text.hot.child")))

/* Fork.  Returns the child's PID in the parent, 0 in the child, -1 after
 * printing "fork: ..." when it failed. */
CHILD_PATH pid_t proc_fork(struct forkspec *f);

/* In a forked child that ran shell code: flush stdout and leave with
 * status, without running the parent's atexit handlers or flushing its
 * stdio buffers a second time. */
void proc_child_exit(int status) __attribute__((noreturn));

#endif
