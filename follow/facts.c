/* facts.c - the followed processes and what they did, into the record.
 *
 * The tracer (tracer.c) and the system-call reader (syscalls.c) call in
 * here with facts as they learn them; this file keeps the per-process state
 * that turns those facts into the record's events (record.h), in an order
 * that is true:
 *   - a line is a line: bytes written on 1 or 2 are split at newlines per
 *     process and stream; an unfinished line is recorded when the process
 *     ends;
 *   - an exec that failed is recorded only when the process goes on without
 *     any exec having succeeded (execvp's misses along PATH before a hit
 *     are not failures), with the errno execvp itself would report;
 *   - an end is the moment the tracer collected the process's exit: it is a
 *     zombie from then on, because the kernel lets no real parent reap a
 *     traced child before its tracer has seen it end;
 *   - at that moment its children not yet reaped have a new parent, which
 *     /proc names (the nearest subreaper: forksh, if nobody nearer);
 *   - a reap is a wait call of the reaper that returned the child (seen at
 *     the call's exit), or forksh's own wait when forksh is the parent, or,
 *     when a parent ignores SIGCHLD, the kernel's at the end itself.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../shell/procfs.h"
#include "../shell/shell.h"
#include "../lessons/wire.h"
#include "fint.h"

/* Lines longer than this are recorded in pieces of this size. */
#define LINE_MAX_BYTES 4096
/* The record keeps this many lines; the rest are counted. */
#define LINES_KEPT 20000

double fl_now(const struct follow *f)
{
	return wire_now() - f->t0;
}

void fl_say(struct follow *f, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fflush(stdout);
	sh_error("%s: %s", f->who, buf);
	f->screen_dirty = 1;
}

struct fproc *fl_proc(const struct follow *f, pid_t pid)
{
	return pidmap_get(&f->procs, pid);
}

void fl_tell_fork(struct follow *f, struct fproc *p, pid_t forker, double t)
{
	if (p->fork_told || forker <= 0)
		return;
	p->fork_told = 1;
	rec_add(f->rec, REC_FORK, t, forker, p->pid, 0, NULL);
}

struct fproc *fl_new_proc(struct follow *f, pid_t pid, pid_t forker, double t)
{
	struct fproc *p = fl_proc(f, pid);
	if (p && !p->reaped)
		return p; /* the other side of the same fork, already told */
	pid_t parent = forker > 0 ? forker : f->shell;
	p = xcalloc(1, sizeof *p);
	p->pid = pid;
	p->parent = parent;
	sb_init(&p->part[0]);
	sb_init(&p->part[1]);
	pidmap_put(&f->procs, pid, p);
	if (f->nall == f->allcap) {
		f->allcap = f->allcap ? 2 * f->allcap : 64;
		f->all = xrealloc(f->all, f->allcap * sizeof *f->all);
	}
	f->all[f->nall++] = p;
	struct fproc *up = fl_proc(f, parent);
	if (up)
		up->kids++;
	f->alive++;
	f->changed = 1;
	fl_tell_fork(f, p, forker, t);
	if (f->killing) {
		kill(pid, SIGKILL); /* born while everything is being killed */
	} else if ((long)f->alive > f->cap) {
		f->end = FOLLOW_CAPPED;
		if (f->nproc_limit)
			fl_say(f, "the program had more than %ld processes at once, all that your process "
				  "limit (ulimit -u %ld) leaves room for: every followed process is being killed",
			       f->cap, f->nproc_limit);
		else
			fl_say(f, "the program had more than %ld processes at once (--max-procs %ld): every "
				  "followed process is being killed", f->cap, f->cap);
		fl_kill_all(f);
	}
	return p;
}

struct ftask *fl_new_task(struct follow *f, pid_t tid, struct fproc *p)
{
	struct ftask *t = xcalloc(1, sizeof *t);
	t->tid = tid;
	t->proc = p;
	pidmap_put(&f->tasks, tid, t);
	return t;
}

void fl_drop_task(struct follow *f, struct ftask *t)
{
	pidmap_del(&f->tasks, t->tid);
	free(t);
}

void fl_thread(struct follow *f, struct fproc *p, pid_t tid, double t)
{
	rec_add(f->rec, REC_THREAD, t, p->pid, tid, 0, NULL);
	f->changed = 1;
}

/* Record one finished line of p on stream (1 or 2). */
static void line(struct follow *f, struct fproc *p, int stream, const char *s, double t)
{
	if (f->lines >= LINES_KEPT) {
		f->lines_dropped++;
		return;
	}
	rec_add(f->rec, REC_SAY, t, p->pid, 0, stream, s);
	f->lines++;
}

void fl_write(struct follow *f, struct fproc *p, int stream, const char *buf, size_t n, double t)
{
	struct strbuf *part = &p->part[stream - 1];
	fl_settle(f, p);
	f->screen_dirty = 1;
	while (n > 0) {
		const char *nl = memchr(buf, '\n', n);
		size_t k = nl ? (size_t)(nl - buf) : n;
		if (part->len + k >= LINE_MAX_BYTES) {
			/* an endless line: record it in pieces */
			size_t take = LINE_MAX_BYTES - part->len;
			sb_addn(part, buf, take);
			line(f, p, stream, part->buf, t);
			sb_reset(part);
			buf += take;
			n -= take;
			continue;
		}
		if (!nl) {
			sb_addn(part, buf, n);
			return;
		}
		sb_addn(part, buf, k);
		line(f, p, stream, part->buf ? part->buf : "", t);
		sb_reset(part);
		buf += k + 1;
		n -= k + 1;
	}
}

/* The program pid runs now, from /proc/PID/cmdline, as words joined by
 * spaces.  Returns a new string. */
static char *command_of(pid_t pid)
{
	char buf[4096 + 1];
	size_t n = procfs_read(pid, "cmdline", buf, sizeof buf);
	return proctree_command(buf, n, "?", 'R');
}

/* Non-root only: is the program p now runs set-uid or set-gid to someone
 * else?  Then the kernel ran it without those privileges; say so once. */
static void check_setuid(struct follow *f, struct fproc *p, const char *text)
{
	if (geteuid() == 0 || f->setuid_note)
		return;
	char path[64];
	struct stat st;
	snprintf(path, sizeof path, "/proc/%ld/exe", (long)p->pid);
	if (stat(path, &st) < 0)
		return;
	if (((st.st_mode & S_ISUID) && st.st_uid != geteuid()) || ((st.st_mode & S_ISGID) && st.st_gid != getegid()))
		f->setuid_note = xstrdup(text);
}

void fl_exec(struct follow *f, struct fproc *p, double t)
{
	free(p->failed); /* the misses of a PATH search that then found it */
	p->failed = NULL;
	char *text = command_of(p->pid);
	rec_add(f->rec, REC_EXEC, t, p->pid, 0, 0, text);
	check_setuid(f, p, text);
	free(text);
	f->changed = 1;
}

void fl_exec_failed(struct follow *f, struct fproc *p, const char *text, int err, double t)
{
	(void)f; /* told later, by fl_settle, if no exec succeeds first */
	/* As execvp reports: EACCES if any attempt met it, else the last. */
	if (!p->failed || p->failed_errno != EACCES)
		p->failed_errno = err;
	if (!p->failed)
		p->failed_t = t;
	free(p->failed);
	p->failed = xstrdup(text);
}

void fl_settle(struct follow *f, struct fproc *p)
{
	if (!p->failed)
		return;
	rec_add(f->rec, REC_EXEC_FAIL, p->failed_t, p->pid, 0, p->failed_errno, p->failed);
	free(p->failed);
	p->failed = NULL;
	f->changed = 1;
}

/* The parent of pid now, from /proc (0 when it is gone). */
static pid_t parent_now(pid_t pid, char *state)
{
	struct proc_stat ps;
	if (procfs_stat(pid, &ps, NULL) < 0) {
		*state = 0;
		return 0;
	}
	*state = ps.state;
	return ps.ppid;
}

/* p belongs to new_parent from now on: say so, and move the count. */
static void move(struct follow *f, struct fproc *p, pid_t new_parent, double t)
{
	struct fproc *old = fl_proc(f, p->parent), *now = fl_proc(f, new_parent);
	if (old && old->kids)
		old->kids--;
	if (now)
		now->kids++;
	p->parent = new_parent;
	rec_add(f->rec, REC_REPARENT, t, p->pid, new_parent, 0, NULL);
	f->changed = 1;
}

/* p has just ended: its children not yet reaped were given to a new
 * parent by the kernel before we were told; ask /proc which. */
static void adopt_children(struct follow *f, struct fproc *p, double t)
{
	for (size_t i = 0; i < f->nall && p->kids; i++) {
		struct fproc *c = f->all[i];
		if (c == p || c->parent != p->pid || c->reaped)
			continue;
		char state;
		pid_t to = parent_now(c->pid, &state);
		move(f, c, to > 0 ? to : f->shell, t);
	}
}

/* Write out what p left unfinished: an exec failure not yet told, a line
 * without its newline. */
static void finish(struct follow *f, struct fproc *p, double t)
{
	fl_settle(f, p);
	for (int s = 0; s < 2; s++) {
		if (p->part[s].len)
			line(f, p, s + 1, p->part[s].buf, t);
		sb_free(&p->part[s]);
	}
}

void fl_exit(struct follow *f, struct fproc *p, int ws, double t)
{
	if (p->exited) {
		/* Told a second time: now as forksh's own child, adopted after
		 * its parent ended, and this wait reaped it. */
		fl_reaped(f, p, f->shell, ws, t);
		return;
	}
	finish(f, p, t);
	rec_add(f->rec, REC_EXIT, t, p->pid, 0, ws, NULL);
	p->exited = 1;
	p->status = ws;
	f->changed = 1;
	if (p->pid == f->root)
		f->root_status = ws;
	if (p->kids)
		adopt_children(f, p, t);
	if (p->parent == f->shell) {
		fl_reaped(f, p, f->shell, ws, t); /* forksh's wait did both */
		return;
	}
	if (kill(p->pid, 0) == 0 || errno != ESRCH)
		return; /* a zombie now, until its parent reaps it */
	/* Gone already: its parent ignores SIGCHLD (the kernel reaps at
	 * once), or its parent had just ended and forksh, the new one, was
	 * the one told. */
	struct fproc *up = fl_proc(f, p->parent);
	char state = 0;
	if ((up && up->exited) || parent_now(p->parent, &state) == 0 || state == 'Z' || state == 'X')
		fl_reaped(f, p, f->shell, ws, t);
	else
		fl_reaped(f, p, p->parent, ws, t);
}

void fl_reaped(struct follow *f, struct fproc *p, pid_t reaper, int ws, double t)
{
	if (p->reaped)
		return;
	if (!p->exited)
		fl_exit(f, p, ws, t);
	if (p->reaped)
		return; /* fl_exit found forksh its parent and recorded the reap */
	if (reaper != p->parent)
		move(f, p, reaper, t);
	rec_add(f->rec, REC_REAP, t, reaper, p->pid, ws == REC_UNSEEN ? p->status : ws, NULL);
	p->reaped = 1;
	f->alive--;
	f->changed = 1;
	struct fproc *up = fl_proc(f, reaper);
	if (up && up->kids)
		up->kids--;
	if (p->pid == f->root)
		f->root_done = 1;
}

void fl_vanished(struct follow *f, double t)
{
	for (size_t i = 0; i < f->nall; i++) {
		struct fproc *p = f->all[i];
		if (!p->reaped && kill(p->pid, 0) < 0 && errno == ESRCH)
			fl_reaped(f, p, p->parent, REC_UNSEEN, t);
	}
}

void fl_free(struct follow *f)
{
	for (size_t i = 0; i < f->nall; i++) {
		sb_free(&f->all[i]->part[0]);
		sb_free(&f->all[i]->part[1]);
		free(f->all[i]->failed);
		free(f->all[i]);
	}
	free(f->all);
	f->all = NULL;
	f->nall = f->allcap = 0;
	for (size_t i = 0; f->tasks.key && i <= f->tasks.mask; i++)
		if (f->tasks.key[i])
			free(f->tasks.val[i]);
	pidmap_free(&f->tasks);
	pidmap_free(&f->procs);
	free(f->setuid_note);
	f->setuid_note = NULL;
}
