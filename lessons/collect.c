/* collect.c - the engine's side of recording a lesson run (collect.h).
 *
 * Four sources, one true record:
 *   - records the lesson processes send (wire.h): their forks, lines, ends
 *     (at _exit, exit or the end of the lesson function: the moment they
 *     become zombies), the reaps they do themselves, and exec attempts,
 *     each with a witness pipe;
 *   - the witness pipes: EOF means that exec succeeded, an errno that it
 *     failed, so an exec is recorded only once it happened.  Once the
 *     engine has killed the run (the user quit), EOF no longer proves
 *     anything: a process killed before or during its exec closes the pipe
 *     too.  Then an exec still under way at the kill is recorded as a
 *     success only when something else shows the new program ran (it
 *     announced itself, wrote output, or exited with a status of its own),
 *     and otherwise as not known (REC_EXEC_UNKNOWN);
 *   - the engine's own reaps (forksh is the lesson main's parent and the
 *     subreaper that adopts orphans);
 *   - /proc, for the processes that cannot report their own end because
 *     they exec'd another program: while they live, their state is read at
 *     most every WATCH_MS milliseconds, so their exit is recorded when they
 *     turn Z (with the status from field 52 of /proc/PID/stat), within
 *     that much of the truth.  Reading /proc for every process of a
 *     500-child run would cost more than the run itself, so a process that
 *     did not exec and was killed by a signal (it could not report) gets
 *     its end from its reaper's wait status, at the moment of the reap.
 * When a process ends, its children that are not yet reaped (running or
 * zombies) are re-parented at that moment to the nearest living ancestor
 * that is a child subreaper (forksh always is), as the kernel does, and
 * the record says so.
 */
#include "collect.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../shell/procfs.h"
#include "../shell/util.h"
#include "wire.h"

#define WATCH_MS 5

static double now_t(const struct live_run *run)
{
	return wire_now() - run->t0;
}

/* ---- the table of the run's processes ---- */

static struct live_proc *slot(const struct live_run *run, pid_t pid)
{
	size_t mask = run->cap - 1, i = ((size_t)pid * 2654435761u) & mask;
	while (run->procs[i].pid && run->procs[i].pid != pid)
		i = (i + 1) & mask;
	return &run->procs[i];
}

struct live_proc *collect_find(const struct live_run *run, pid_t pid)
{
	if (!run->cap || pid <= 0)
		return NULL;
	struct live_proc *p = slot(run, pid);
	return p->pid ? p : NULL;
}

static struct live_proc *add_proc(struct live_run *run, pid_t pid, pid_t parent)
{
	if ((run->nprocs + 1) * 2 > run->cap) {
		struct live_proc *old = run->procs;
		size_t oldcap = run->cap;
		run->cap = run->cap ? run->cap * 2 : 64;
		run->procs = xcalloc(run->cap, sizeof *run->procs);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].pid)
				*slot(run, old[i].pid) = old[i];
		free(old);
	}
	struct live_proc *p = slot(run, pid);
	*p = (struct live_proc){ .pid = pid, .parent = parent, .fork_ev = (size_t)-1 };
	run->nprocs++;
	struct live_proc *up = collect_find(run, parent);
	if (up)
		up->kids++;
	return p;
}

void collect_forked(struct live_run *run, pid_t pid, pid_t parent, double t, const char *why)
{
	struct live_proc *p = collect_find(run, pid);
	if (p) {
		/* the other side's report: keep the earlier of the two times */
		if (p->fork_ev < run->rec.n && t < run->rec.v[p->fork_ev].t)
			run->rec.v[p->fork_ev].t = t;
		return;
	}
	p = add_proc(run, pid, parent);
	p->fork_ev = run->rec.n;
	rec_add(&run->rec, REC_FORK, t, parent, pid, 0, why && *why ? why : NULL);
}

static void watch(struct live_run *run, struct live_proc *p)
{
	if (p->watched)
		return;
	p->watched = 1;
	if (run->nwatch == run->watch_cap) {
		run->watch_cap = run->watch_cap ? 2 * run->watch_cap : 16;
		run->watch = xrealloc(run->watch, run->watch_cap * sizeof *run->watch);
	}
	run->watch[run->nwatch++] = p->pid;
}

/* ---- /proc ---- */

/* The state letter of pid and, for a zombie, its wait status (field 52 of
 * /proc/PID/stat, REC_UNSEEN when this kernel does not show it).  Returns
 * 0 when there is no such process any more. */
static char proc_state(pid_t pid, int *status)
{
	struct proc_stat st;
	int code;
	if (procfs_stat(pid, &st, &code) < 0)
		return 0;
	*status = code >= 0 ? code : REC_UNSEEN;
	return st.state;
}

/* The parent /proc gives pid now (0 if it cannot say). */
static pid_t proc_parent(pid_t pid)
{
	struct proc_stat st;
	return procfs_stat(pid, &st, NULL) == 0 ? st.ppid : 0;
}

/* ---- ends, reaps and adoptions ---- */

static void end_proc(struct live_run *run, struct live_proc *p, int ws, double t);

/* The process that adopts the children of dying: the nearest ancestor
 * still alive that is a child subreaper; forksh always is one. */
static pid_t adopter(const struct live_run *run, pid_t dying)
{
	const struct live_proc *q = collect_find(run, dying);
	pid_t a = q ? q->parent : run->rec.shell;
	for (size_t steps = 0; steps <= run->nprocs; steps++) {
		if (a == run->rec.shell)
			return a;
		q = collect_find(run, a);
		if (!q)
			return run->rec.shell;
		if (!q->exited && q->subreaper)
			return a;
		a = q->parent;
	}
	return 1;
}

static void reap_proc(struct live_run *run, struct live_proc *p, pid_t reaper, int ws, double t)
{
	if (p->reaped)
		return;
	if (!p->exited)
		end_proc(run, p, ws, t);
	if (p->parent != reaper) {
		/* adopted without our seeing the moment: say so now */
		struct live_proc *old = collect_find(run, p->parent), *now = collect_find(run, reaper);
		if (old && old->kids)
			old->kids--;
		if (now)
			now->kids++;
		rec_add(&run->rec, REC_REPARENT, t, p->pid, reaper, 0, NULL);
		p->parent = reaper;
	}
	rec_add(&run->rec, REC_REAP, t, reaper, p->pid, ws == REC_UNSEEN ? p->status : ws, NULL);
	p->reaped = 1;
	run->nreaped++;
	struct live_proc *up = collect_find(run, reaper);
	if (up && up->kids)
		up->kids--;
}

/* The watched children of pid that are gone were reaped by it, out of
 * sight (the sh of system() reaps its command inside itself): record that
 * before pid's own end, which comes after. */
static void settle_children(struct live_run *run, pid_t pid, double t)
{
	for (size_t i = 0; i < run->nwatch; i++) {
		struct live_proc *c = collect_find(run, run->watch[i]);
		int ws;
		if (c && c->parent == pid && !c->reaped && proc_state(c->pid, &ws) == 0)
			reap_proc(run, c, pid, REC_UNSEEN, t);
	}
}

/* No sign of a new program (settle_witness's `seen`). */
#define NOT_SEEN (-1.0)

static void settle_witness(struct live_run *run, pid_t pid, double seen);

/* With --no-subreaper the orphans leave the run's sight: forksh gave up
 * adopting them, and which process above it does is the kernel's choice
 * (init, or a subreaper above forksh).  /proc says, once the dying parent
 * has really gone (its end is reported just before it): looked at for a
 * moment at most.  0 when the orphan is gone already. */
static pid_t outside_parent(pid_t orphan, pid_t dying)
{
	for (int tries = 0; tries < 200; tries++) {
		pid_t ppid = proc_parent(orphan);
		if (ppid != dying)
			return ppid;
		struct timespec ms = { 0, 1000000 };
		nanosleep(&ms, NULL);
	}
	return 0;
}

static void end_proc(struct live_run *run, struct live_proc *p, int ws, double t)
{
	if (p->exited)
		return;
	/* An exit status (not a signal) after an exec that did not fail is
	 * the new program's own: the old one could only fail, or be killed. */
	settle_witness(run, p->pid, ws != REC_UNSEEN && WIFEXITED(ws) ? t : NOT_SEEN);
	settle_children(run, p->pid, t);
	rec_add(&run->rec, REC_EXIT, t, p->pid, 0, ws, NULL);
	p->exited = 1;
	p->status = ws;
	run->nexited++;
	if (p->pid == run->rec.root && run->root_exit_note)
		live_show_note(run, run->root_exit_note);
	if (!p->kids)
		return;
	/* Its children, running or zombies, go to the nearest subreaper. */
	pid_t to = adopter(run, p->pid);
	int outside = to == run->rec.shell && run->no_subreaper;
	struct live_proc *up = collect_find(run, to);
	for (size_t i = 0; i < run->cap && p->kids; i++) {
		struct live_proc *c = &run->procs[i];
		if (!c->pid || c->parent != p->pid || c->reaped)
			continue;
		if (outside && (to = outside_parent(c->pid, p->pid)) <= 0) {
			c->parent = 0; /* adopted out of sight: no claim who */
			p->kids--;
			continue;
		}
		rec_add(&run->rec, REC_REPARENT, t, c->pid, to, 0, NULL);
		c->parent = to;
		p->kids--;
		if (up)
			up->kids++;
	}
}

void collect_shell_reaped(struct live_run *run, pid_t pid, int ws, double t)
{
	struct live_proc *p = collect_find(run, pid);
	if (p)
		reap_proc(run, p, run->rec.shell, ws, t);
}

/* ---- witnesses ---- */

/* Has the witness of pid's exec spoken?  EOF: the exec succeeded; an int:
 * it failed with that errno; nothing yet: the exec is still under way.
 * Either way the exec is recorded at the time the call was made (sent
 * with the witness): the witness says whether, not when.  seen is the
 * time at which something besides the witness showed pid running a new
 * program (its announcement, its output, its own exit status), or
 * NOT_SEEN; it matters only once the engine has killed the run, when EOF
 * alone may be the kill (see the top of this file). */
static void settle_witness(struct live_run *run, pid_t pid, double seen)
{
	for (size_t i = 0; i < run->nwit; i++) {
		struct witness *w = &run->wit[i];
		if (w->pid != pid)
			continue;
		if (seen >= w->t)
			w->seen = 1; /* kept, if the pipe has not closed yet */
		int err = 0;
		ssize_t n = read(w->fd, &err, sizeof err);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		struct live_proc *p = collect_find(run, pid);
		if (n == (ssize_t)sizeof err) {
			rec_add(&run->rec, REC_EXEC_FAIL, w->t, pid, 0, err, w->text);
		} else if (run->killed && !w->seen) {
			rec_add(&run->rec, REC_EXEC_UNKNOWN, w->t, pid, 0, 0, w->text);
		} else {
			rec_add(&run->rec, REC_EXEC, w->t, pid, 0, 0, w->text);
			if (p)
				watch(run, p); /* the new program cannot report its end */
		}
		close(w->fd);
		free(w->text);
		run->wit[i] = run->wit[--run->nwit];
		return;
	}
}

static void add_witness(struct live_run *run, pid_t pid, double t, const char *text, int fd)
{
	fcntl(fd, F_SETFL, O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (run->nwit == run->wit_cap) {
		run->wit_cap = run->wit_cap ? 2 * run->wit_cap : 8;
		run->wit = xrealloc(run->wit, run->wit_cap * sizeof *run->wit);
	}
	run->wit[run->nwit++] = (struct witness){ fd, pid, t, xstrdup(text), 0 };
}

/* ---- records ---- */

void collect_record(struct live_run *run, char *buf, size_t len, int passfd)
{
	char kind;
	long pid, other;
	double t;
	int status;
	const char *text;
	if (wire_parse(buf, len, &kind, &pid, &other, &t, &status, &text) < 0) {
		if (passfd >= 0)
			close(passfd);
		return;
	}
	struct live_proc *p = collect_find(run, (pid_t)pid);
	switch (kind) {
	case 'F':
		settle_witness(run, (pid_t)other, NOT_SEEN); /* its parent's exec came first */
		collect_forked(run, (pid_t)pid, (pid_t)other, t, text);
		break;
	case 'S':
		settle_witness(run, (pid_t)pid, t); /* a line after the exec: the new program's */
		rec_add(&run->rec, REC_SAY, t, (pid_t)pid, 0, status == 2 ? 2 : 1, text);
		run->lines++;
		live_show_line(run, (pid_t)pid, text);
		break;
	case 'X':
		live_drain_output(run); /* what it wrote to descriptor 1 or 2 came first */
		if (p)
			end_proc(run, p, status, t);
		break;
	case 'W':
		if ((p = collect_find(run, (pid_t)other)) != NULL)
			reap_proc(run, p, (pid_t)pid, status, t);
		break;
	case 'E':
		if (passfd >= 0 && p) {
			add_witness(run, (pid_t)pid, t, text, passfd);
			passfd = -1;
		}
		break;
	case 'A':
		/* A program the lesson code did not fork itself (the command
		 * that the sh of system() runs) makes itself known; only news
		 * is kept, and never the shell itself. */
		if (p && status == WIRE_A_SELF) {
			settle_witness(run, (pid_t)pid, t); /* the new program says it runs */
			break;
		}
		if (!p && (pid_t)pid != run->rec.shell) {
			settle_witness(run, (pid_t)other, NOT_SEEN);
			collect_forked(run, (pid_t)pid, (pid_t)other, t, NULL);
			rec_add(&run->rec, REC_EXEC, t, (pid_t)pid, 0, 0, text);
			watch(run, collect_find(run, (pid_t)pid));
		}
		break;
	case 'R':
		if (p && !p->subreaper) {
			p->subreaper = 1;
			rec_add(&run->rec, REC_SUBREAPER, t, (pid_t)pid, 0, 0, NULL);
		}
		break;
	}
	if (passfd >= 0)
		close(passfd);
}

/* p is gone from /proc: was it reaped out of sight, now?  Only when its
 * parent is a program that cannot report its reaps (it exec'd, as the sh
 * of system() did) and is still running: then the reap happened before
 * this look.  A lesson process reports its reaps itself (the record may
 * still be on its way), the engine's reaps are its own, and a parent that
 * has ended settles its children at its end (settle_children); in those
 * cases the look at /proc decides nothing, so that no reap is ever drawn
 * after its reaper's end. */
static int reaped_unseen(const struct live_run *run, const struct live_proc *p)
{
	const struct live_proc *up = collect_find(run, p->parent);
	int ws;
	char state = up && up->watched && !up->exited ? proc_state(up->pid, &ws) : 0;
	return state != 0 && state != 'Z';
}

void collect_poll(struct live_run *run)
{
	live_drain_output(run); /* a program's lines come before it is seen ended */
	double t = now_t(run);
	for (size_t i = run->nwit; i-- > 0;)
		settle_witness(run, run->wit[i].pid, NOT_SEEN);
	if (!run->nwatch || t < run->watch_at)
		return;
	run->watch_at = t + WATCH_MS / 1000.0;
	for (size_t i = 0; i < run->nwatch;) {
		struct live_proc *p = collect_find(run, run->watch[i]);
		int ws = REC_UNSEEN;
		char state = p && !p->reaped ? proc_state(p->pid, &ws) : 0;
		if (p && !p->reaped && state == 'Z')
			end_proc(run, p, ws, t);
		else if (p && !p->reaped && state == 0 && reaped_unseen(run, p))
			reap_proc(run, p, p->parent, REC_UNSEEN, t);
		if (!p || p->reaped)
			run->watch[i] = run->watch[--run->nwatch];
		else
			i++;
	}
}

void collect_vanished(struct live_run *run)
{
	double t = now_t(run);
	for (size_t i = 0; i < run->cap; i++) {
		struct live_proc *p = &run->procs[i];
		if (!p->pid || p->reaped || p->foreign)
			continue;
		if (kill(p->pid, 0) < 0 && errno == ESRCH) {
			reap_proc(run, p, p->parent, REC_UNSEEN, t);
			continue;
		}
		/* A zombie whose parent is neither forksh nor the engine nor
		 * one of the run (init, with --no-subreaper): only that parent
		 * may reap it, and one that never does (a container whose PID
		 * 1 is not an init) must not keep the run waiting. */
		struct proc_stat st; /* one read gives both the state and the parent */
		pid_t up = p->exited && procfs_stat(p->pid, &st, NULL) == 0 && st.state == 'Z' ? st.ppid : 0;
		if (up > 0 && up != run->rec.shell && up != run->shell_self && !collect_find(run, up)) {
			p->foreign = 1;
			run->nforeign++;
		}
	}
}

/* A writer that the record does not know: a program started by a program
 * the lesson code did not fork itself (the command the sh of popen runs),
 * that did not announce itself.  /proc says who its parent is and what it
 * runs, if it is still there. */
static void learn_writer(struct live_run *run, pid_t pid, double t)
{
	pid_t parent = proc_parent(pid);
	if (!parent || !collect_find(run, parent))
		return;
	char cmdline[400];
	size_t n = procfs_read(pid, "cmdline", cmdline, sizeof cmdline);
	for (size_t i = 0; i + 1 < n; i++)
		if (cmdline[i] == '\0')
			cmdline[i] = ' '; /* the arguments, as one line */
	settle_witness(run, parent, NOT_SEEN);
	collect_forked(run, pid, parent, t, NULL);
	if (n > 0)
		rec_add(&run->rec, REC_EXEC, t, pid, 0, 0, cmdline);
	watch(run, collect_find(run, pid));
}

void collect_output(struct live_run *run, pid_t pid, double t, int stream, const char *buf, size_t len)
{
	if (pid > 0 && !collect_find(run, pid) && pid != run->rec.shell)
		learn_writer(run, pid, t);
	settle_witness(run, pid, t); /* it writes after its exec began: the new program */
	char line[WIRE_MAX];
	size_t at = 0;
	while (at < len) {
		size_t n = 0;
		while (at + n < len && buf[at + n] != '\n')
			n++;
		size_t keep = n < sizeof line - 1 ? n : sizeof line - 1;
		memcpy(line, buf + at, keep);
		line[keep] = '\0';
		/* a part without a newline at the end of a message is a line of
		 * its own: a program that writes half a line and then waits is
		 * shown at once */
		rec_add(&run->rec, REC_SAY, t, pid, 0, stream, line);
		run->lines++;
		live_show_line(run, pid, line);
		at += n + 1;
	}
}

void collect_free(struct live_run *run)
{
	for (size_t i = 0; i < run->nwit; i++) {
		close(run->wit[i].fd);
		free(run->wit[i].text);
	}
	free(run->wit);
	free(run->watch);
	run->wit = NULL;
	run->watch = NULL;
	run->nwit = run->wit_cap = run->nwatch = run->watch_cap = 0;
}
