/* tracer.c - the loop that follows: wait for one stop, learn from it,
 * let the tracee go on.
 *
 * Every followed thread is a tracee (PTRACE_SEIZE on the first process;
 * the kernel attaches each new one at fork, vfork and clone, before it
 * runs).  The shell's one wait path reports their stops (jobs_wait_claim
 * with __WALL); what is not a tracee's goes to the job table.  Each stop is
 * one of:
 *   - an event: a fork, vfork or clone (a new process, or a thread of the
 *     same one), an exec that succeeded, the start of an exit;
 *   - a seccomp stop at a write, wait or exec call (seccomp.c), or without
 *     the filter a stop at every call's entry and exit;
 *   - the syscall-exit stop of a wait or an exec, for its result;
 *   - a signal on its way to the tracee: passed on, except that Ctrl-C and
 *     Ctrl-\ from the terminal also end the run (what is left is killed
 *     after a moment), and Ctrl-Z ends it at once (a followed program cannot
 *     be set aside: each of its writes waits for follow);
 *   - a group-stop (SIGSTOP and friends): PTRACE_LISTEN keeps the process
 *     stopped until someone continues it, as without follow;
 *   - an end (an exit status): the process, or one thread of it, is gone.
 * A periodic timer (SIGALRM, unblocked only while waiting) wakes the loop
 * for --live frames, the deadline after Ctrl-C, and a look for processes
 * that vanished unseen; PTRACE_O_EXITKILL kills every tracee if forksh
 * itself dies.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../shell/jobctl.h"
#include "../shell/jobs.h"
#include "../shell/procfs.h"
#include "../shell/shell.h"
#include "../shell/signals.h"
#include "fint.h"

/* After Ctrl-C, what has not ended by itself is killed after this long. */
#define GRACE_S 0.5

static volatile sig_atomic_t rang, got_int;

static void on_alarm(int sig)
{
	(void)sig;
	rang = 1;
}

/* A non-interactive forksh's Ctrl-C (the program got it too: same
 * process group): the run ends, forksh does not. */
static void on_int(int sig)
{
	(void)sig;
	got_int = 1;
}

/* Did forksh itself get Ctrl-C?  Interactive: the shell's own flag.  A
 * script with a trap on INT keeps its flag for the trap, which runs after
 * follow returns. */
static int own_int;
static int took_int(void)
{
	if (sh.interactive)
		return sig_take(SIGINT);
	if (own_int) {
		int was = got_int;
		got_int = 0;
		return was;
	}
	return sig_caught(SIGINT);
}

/* The timer's period now: fast while killing, slower otherwise. */
static long period_ms(const struct follow *f)
{
	if (f->killing)
		return 20;
	if (f->kill_at > 0)
		return 50;
	if (f->o->live)
		return 250;
	return 1000;
}

static void arm(struct follow *f, long *armed)
{
	long ms = period_ms(f);
	if (ms == *armed)
		return;
	struct itimerval it = { { ms / 1000, (ms % 1000) * 1000 }, { ms / 1000, (ms % 1000) * 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	*armed = ms;
}

/* Let tracee t (thread tid) go on, delivering sig (0: none).  It stops at
 * its syscall's exit only when that result is wanted (or, without the
 * filter, at every call).  ESRCH (killed meanwhile) is no error. */
static void resume(const struct follow *f, pid_t tid, const struct ftask *t, int sig)
{
	int req = !f->seccomp || (t && t->want_exit) ? PTRACE_SYSCALL : PTRACE_CONT;
	ptrace(req, tid, NULL, (void *)(long)sig);
}

void fl_kill_all(struct follow *f)
{
	f->killing = 1;
	f->kill_at = 0;
	if (f->pgid > 0 && f->pgid != getpgrp())
		kill(-f->pgid, SIGKILL);
	for (size_t i = 0; i < f->nall; i++)
		if (!f->all[i]->exited)
			kill(f->all[i]->pid, SIGKILL);
}

/* Ctrl-C or Ctrl-\ reached the program: it may end by itself (the signal
 * is delivered as usual), and whatever is left in a moment is killed. */
static void interrupted(struct follow *f, int sig)
{
	if (f->intr_sig)
		return;
	f->intr_sig = sig;
	if (f->end == FOLLOW_DONE)
		f->end = FOLLOW_INTERRUPTED;
	f->kill_at = fl_now(f) + GRACE_S;
}

/* The first stop of a thread nobody told us about yet: the new child's
 * own stop can come before its parent's fork event.  /proc says whose it
 * is (a thread of a followed process, or a process of its own). */
static struct ftask *adopt(struct follow *f, pid_t tid, double now)
{
	long tgid = tid, ppid = f->shell;
	procfs_status_fields(tid, "Tgid:", &tgid, "PPid:", &ppid);
	struct fproc *p = fl_proc(f, (pid_t)tgid);
	if (tgid != tid && p && !p->reaped) {
		fl_thread(f, p, tid, now);
		return fl_new_task(f, tid, p);
	}
	/* A parent that is forksh now (and was not: the program's first
	 * process is known) ended before it could tell of this fork. */
	p = fl_new_proc(f, tid, (pid_t)ppid == f->shell ? 0 : (pid_t)ppid, now);
	return fl_new_task(f, tid, p);
}

/* A fork, vfork or clone event of t: the new task is a process of its own,
 * or (a clone sharing the thread group) a thread of t's process. */
static void forked(struct follow *f, struct ftask *t, int event, double now)
{
	unsigned long msg = 0;
	ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &msg);
	pid_t child = (pid_t)msg;
	struct ftask *known = child > 0 ? pidmap_get(&f->tasks, child) : NULL;
	if (known && known->proc->pid == child)
		fl_tell_fork(f, known->proc, t->proc->pid, now); /* unless its own first stop did */
	if (child <= 0 || known)
		return;
	fl_settle(f, t->proc);
	int thread = 0;
	if (event == PTRACE_EVENT_CLONE) {
		char path[80];
		struct stat st;
		snprintf(path, sizeof path, "/proc/%ld/task/%ld", (long)t->proc->pid, (long)child);
		thread = stat(path, &st) == 0;
	}
	if (thread) {
		fl_thread(f, t->proc, child, now);
		fl_new_task(f, child, t->proc);
	} else {
		fl_new_task(f, child, fl_new_proc(f, child, t->proc->pid, now));
	}
}

/* An exec succeeded in t's process.  The thread that called it now has
 * the process's ID (tid); if another thread called it, that one's old ID
 * is gone, and so is every other thread. */
static void execed(struct follow *f, struct ftask *t, double now)
{
	unsigned long former = 0;
	ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &former);
	struct ftask *old = (pid_t)former != t->tid ? pidmap_get(&f->tasks, (pid_t)former) : NULL;
	if (old)
		fl_drop_task(f, old);
	t->pend = PEND_NONE;
	t->want_exit = 0;
	fl_exec(f, t->proc, now);
}

/* A signal on its way to t.  Returns the signal to deliver. */
static int signalled(struct follow *f, struct ftask *t, int sig)
{
	siginfo_t si;
	memset(&si, 0, sizeof si);
	ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &si);
	if (f->start_stop && sig == SIGSTOP && t->proc->pid == f->root && si.si_pid == f->root) {
		f->start_stop = 0; /* the child's own stop before exec (no filter) */
		return 0;
	}
	if (si.si_code != SI_KERNEL)
		return sig;
	/* From the terminal (or the kernel): the keys the user pressed. */
	if (sig == SIGTSTP) {
		if (!f->killing) {
			f->end = FOLLOW_STOPPED;
			fl_say(f, "Ctrl-Z: a followed program cannot be stopped and resumed later (each of "
				  "its writes waits for follow), so every followed process is being killed");
			fl_kill_all(f);
		}
		return 0;
	}
	if (sig == SIGINT || sig == SIGQUIT)
		interrupted(f, sig);
	return sig;
}

/* A syscall stop of t (with the filter: an exec's or wait's exit only). */
static void syscall_stop(struct follow *f, struct ftask *t)
{
	struct __ptrace_syscall_info si;
	memset(&si, 0, sizeof si); /* valgrind cannot see what the kernel writes here */
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, (void *)sizeof si, &si) <= 0)
		return;
	if (si.op == PTRACE_SYSCALL_INFO_SECCOMP)
		sc_entry(f, t, si.seccomp.nr, si.seccomp.args);
	else if (si.op == PTRACE_SYSCALL_INFO_ENTRY && sc_watched((long)si.entry.nr))
		sc_entry(f, t, si.entry.nr, si.entry.args);
	else if (si.op == PTRACE_SYSCALL_INFO_EXIT && t->pend != PEND_NONE)
		sc_exit(f, t, si.exit.rval, si.exit.is_error);
}

/* The end of thread tid (t, or NULL when its task is gone already). */
static void ended(struct follow *f, struct ftask *t, pid_t tid, int ws, double now)
{
	struct fproc *p = t ? t->proc : fl_proc(f, tid);
	if (t)
		fl_drop_task(f, t);
	if (p && p->pid == tid)
		fl_exit(f, p, ws, now); /* the leader: the whole process */
}

/* One report of the wait. */
static void on_report(struct follow *f, pid_t tid, int ws)
{
	double now = fl_now(f);
	struct ftask *t = pidmap_get(&f->tasks, tid);
	if (!WIFSTOPPED(ws)) {
		ended(f, t, tid, ws, now);
		return;
	}
	if (!t)
		t = adopt(f, tid, now);
	int sig = WSTOPSIG(ws), event = (int)((unsigned)ws >> 16), deliver = 0;
	if (f->killing) {
		/* SIGKILL is on its way: let it act (a fork is still told, for
		 * the tree) */
		if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK || event == PTRACE_EVENT_CLONE)
			forked(f, t, event, now);
		kill(t->proc->pid, SIGKILL);
		resume(f, tid, NULL, 0);
		return;
	}
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		forked(f, t, event, now);
		break;
	case PTRACE_EVENT_EXEC:
		execed(f, t, now);
		break;
	case PTRACE_EVENT_SECCOMP:
		syscall_stop(f, t);
		break;
	case PTRACE_EVENT_STOP:
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
			/* a group-stop: stay stopped, as without follow, until
			 * SIGCONT (which is reported, and let through) */
			ptrace(PTRACE_LISTEN, tid, NULL, NULL);
			return;
		}
		break;
	case PTRACE_EVENT_EXIT:
		break;
	default:
		if (sig == (SIGTRAP | 0x80))
			syscall_stop(f, t);
		else
			deliver = signalled(f, t, sig);
		break;
	}
	resume(f, tid, t, deliver);
}

struct catch {
	struct follow *f;
	pid_t pid;
	int ws, got;
};

/* The shell's wait offers each report here first: a tracee's stop, a
 * followed thread's or process's end, a new tracee's first stop; anything
 * else (a background job's end) is the job table's.  Nothing is done here:
 * SIGALRM is still unblocked (a write now could be cut short). */
static int claim(pid_t pid, int ws, void *ctx)
{
	struct catch *c = ctx;
	struct fproc *p = fl_proc(c->f, pid);
	if (!WIFSTOPPED(ws) && !pidmap_get(&c->f->tasks, pid) && !(p && !p->reaped))
		return 0;
	c->pid = pid;
	c->ws = ws;
	c->got = 1;
	return 1;
}

/* The timer rang or a signal came: the deadlines, signals, a look. */
static void tick(struct follow *f)
{
	int hup = sig_take(SIGHUP);
	if (hup || took_int()) {
		/* forksh itself got it: it holds the terminal (the program
		 * ended but left others running), or has no job control */
		if (hup) {
			f->hangup = 1;
			fl_kill_all(f);
		} else if (sh.interactive) {
			interrupted(f, SIGINT);
			fl_kill_all(f);
		} else {
			interrupted(f, SIGINT);
		}
	}
	double now = fl_now(f);
	if (f->kill_at > 0 && now >= f->kill_at)
		fl_kill_all(f);
	if (f->killing)
		fl_kill_all(f); /* anything born meanwhile */
	fl_vanished(f, now);
	if (f->o->live)
		fl_frame(f);
}

/* forksh is the tracer: the terminal goes back to it when the program's
 * first process has ended (its job is over), so that Ctrl-C then reaches
 * forksh if that process left others running. */
static void root_over(struct follow *f)
{
	f->root_told = 1;
	if (f->pgid > 0)
		jobctl_take_terminal(NULL);
	if (f->alive > 0 && !f->killing)
		fl_say(f, "the program's first process has ended; waiting for the %zu process%s it left "
			  "running (Ctrl-C ends them)", f->alive, f->alive == 1 ? "" : "es");
}

void fl_trace(struct follow *f)
{
	sigset_t alrm, chld, old;
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigaddset(&chld, SIGALRM);
	/* SIGCHLD would come at every stop for nothing: the wait is enough. */
	sigprocmask(SIG_BLOCK, &chld, &old);
	struct sigaction sa, old_alarm;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old_alarm);
	struct sigaction old_int;
	own_int = 0;
	if (!sh.interactive && sigaction(SIGINT, NULL, &old_int) == 0 && old_int.sa_handler == SIG_DFL) {
		sa.sa_handler = on_int;
		own_int = sigaction(SIGINT, &sa, NULL) == 0;
		got_int = 0;
	}
	long armed = 0;
	rang = 0;
	if (sh.interactive)
		sig_take(SIGINT); /* an old Ctrl-C, from before the program started */
	struct catch c = { .f = f };
	while (f->alive > 0) {
		arm(f, &armed);
		c.got = 0;
		sigprocmask(SIG_UNBLOCK, &alrm, NULL);
		/* a signal that came before the wait would not interrupt it */
		int early = rang || got_int || sig_caught(SIGHUP) || (sh.interactive && sig_caught(SIGINT));
		pid_t pid = early ? (errno = EINTR, -1) : jobs_wait_claim(__WALL, claim, &c);
		int err = errno;
		sigprocmask(SIG_BLOCK, &alrm, NULL);
		if (pid > 0 && c.got) {
			on_report(f, c.pid, c.ws);
		} else if (pid < 0 && err == EINTR) {
			rang = 0;
			tick(f);
		} else if (pid < 0) {
			/* ECHILD: nothing is left that could report; whatever we
			 * still count is gone */
			fl_vanished(f, fl_now(f));
			for (size_t i = 0; i < f->nall; i++)
				if (!f->all[i]->reaped)
					fl_reaped(f, f->all[i], f->all[i]->parent, REC_UNSEEN, fl_now(f));
		}
		if (f->root_done && !f->root_told)
			root_over(f);
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	/* A tick still pending (blocked) must not reach the old disposition,
	 * which for a shell is to die of it: take it now. */
	struct timespec none = { 0, 0 };
	while (sigtimedwait(&alrm, NULL, &none) == SIGALRM)
		;
	sigaction(SIGALRM, &old_alarm, NULL);
	if (own_int)
		sigaction(SIGINT, &old_int, NULL);
	own_int = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!f->root_told)
		root_over(f);
	if (f->o->live)
		fl_frame_clear(f); /* the final pictures take the last frame's place */
}
