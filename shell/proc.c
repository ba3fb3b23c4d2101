/* proc.c - the one fork path (see proc.h). */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <unistd.h>

#include "events.h"
#include "jobctl.h"
#include "redir.h"
#include "shell.h"
#include "signals.h"
#include "trap.h"

/* Flush only a stream that holds unwritten bytes: fflush on an empty one
 * still takes its lock, a write to stdio's memory that costs a
 * copy-on-write page fault after every fork (in the parent before the next
 * one, in a child before it exits). */
static void flush_pending(void)
{
	if (__fpending(stdout))
		fflush(stdout);
	if (__fpending(stderr))
		fflush(stderr);
}

CHILD_PATH pid_t proc_fork(struct forkspec *f)
{
	/* While tracing, the child waits on this pipe until the parent has
	 * announced the fork, so "fork() = PID" always comes before the
	 * child's own lines. */
	int hold[2] = { -1, -1 };
	if (ev_on && pipe2(hold, O_CLOEXEC) < 0)
		hold[0] = hold[1] = -1;
	flush_pending();
	sigset_t mask;
	int held = sig_hold(&mask);
	pid_t pid = fork();
	if (pid != 0 && held)
		sig_release(&mask);
	if (pid < 0) {
		int err = errno;
		EV(EV_FORK, .err = err, .str = f->why);
		if (f->who)
			sh_error("%s: fork: %s", f->who, strerror(err));
		else
			sh_error("fork: %s", strerror(err));
		if (hold[0] >= 0) {
			close(hold[0]);
			close(hold[1]);
		}
		return -1;
	}
	if (pid > 0) {
		EV(EV_FORK, .target = pid, .argv = f->argv, .str = f->why);
		if (f->own_group) {
			/* set on both sides, so neither order of running can race */
			EV(EV_SETPGID, .target = pid, .a = pid);
			setpgid(pid, pid);
			f->pgid = pid;
		} else if (!f->nojob) {
			f->pgid = jobctl_parent(pid, f->pgid, f->foreground);
		}
		if (hold[0] >= 0) {
			close(hold[0]);
			close(hold[1]); /* releases the child */
		}
		return pid;
	}
	/* Child half: from here on this process is not the shell (its PID is
	 * not $$).  A child that only execs writes none of the shell's
	 * memory: every page written here would be copied first. */
	if (hold[0] >= 0) {
		char c;
		close(hold[1]);
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		close(hold[0]);
	}
	int job_control = jobctl_enabled();
	if (f->own_group)
		setpgid(0, 0);
	else if (!f->nojob)
		jobctl_child(f->pgid, f->foreground);
	jobctl_disable();
	STORE_CHANGED(sh.interactive, 0);
	/* The job table stays, read-only in spirit: `jobs | grep x` lists the
	 * shell's jobs as bash does, while wait finds no children of its own. */
	sig_child_defaults(f->background && !job_control);
	trap_child_reset();
	sig_child_unblock();
	if (f->background && !job_control) {
		/* POSIX: without job control, a background command reads from
		 * /dev/null unless its own redirections say otherwise.  (With job
		 * control it is stopped by SIGTTIN if it reads the terminal.) */
		int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		EV(EV_OPEN, .str = "/dev/null", .b = O_RDONLY | O_CLOEXEC, .a = fd, .err = fd < 0 ? errno : 0);
		if (fd >= 0)
			fd_move(fd, STDIN_FILENO);
	}
	return 0;
}

void proc_child_exit(int status)
{
	flush_pending();
	/* after its output: the moment it becomes a zombie (the lesson
	 * engine records it as the child's end) */
	EV(EV_EXIT, .status = status);
	_exit(status);
}
