/* record.h - the record of a run: what processes did, and when.
 *
 * One data model for every producer and every picture.  A producer (the
 * lesson engine, and `follow`, which reads the same facts from ptrace)
 * appends events as it learns them; the renderers (tree.c,
 * timeline.c, svg.c, json.c) read a finished record and never care who
 * produced it.  The facts are kept apart on purpose, because the pictures
 * must tell them apart: a process *exits* (it becomes a zombie) at one
 * moment, and is *reaped* by some process at another; an exec is recorded
 * only once it succeeded, a failed one as such, and one that the run's
 * stop cut short, with nothing to say whether it happened, as not known
 * (never as a success); a re-parenting at the
 * moment the parent ended, with the new parent.
 *
 * The JSON form of a record is documented in docs/record-json.md.
 */
#ifndef FORKSH_RECORD_H
#define FORKSH_RECORD_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

enum rec_kind {
	REC_FORK,       /* pid forked other; text: why, when the forker said (or NULL) */
	REC_EXEC,       /* pid now runs text (argv joined by spaces): the exec succeeded */
	REC_EXEC_FAIL,  /* pid tried to exec text and failed: status is the errno */
	REC_SAY,        /* pid wrote the line text; status is the stream (1 or 2) */
	REC_EXIT,       /* pid ended (from now on a zombie): status is its wait status */
	REC_REAP,       /* pid reaped other (the zombie is gone): status is other's wait status */
	REC_REPARENT,   /* pid's parent is now other (its parent ended first) */
	REC_SUBREAPER,  /* pid made itself a child subreaper: orphans below it come to it */
	REC_THREAD,     /* pid started a thread whose thread ID is other (follow): a thread is
	                 * part of its process, never a process of its own */
	REC_EXEC_UNKNOWN, /* pid was in the middle of exec'ing text when the lesson was stopped
	                   * (its processes killed): whether the exec happened is not known */
	REC_NKINDS
};

/* How every picture says what an REC_EXEC_UNKNOWN means. */
#define REC_UNKNOWN_WHY "not known (the lesson was stopped)"

/* A status nobody could see: the process ended or was reaped out of the
 * producer's sight (the wait status is not known, the fact is). */
#define REC_UNSEEN (-1)

struct rec_event {
	enum rec_kind kind;
	double t;       /* seconds since the run started */
	pid_t pid;      /* the process the event is about (the actor) */
	pid_t other;    /* FORK: the child; REAP: the reaped; REPARENT: the new parent;
	                 * THREAD: the new thread's ID */
	int status;     /* EXIT, REAP: wait status or REC_UNSEEN; EXEC_FAIL: errno; SAY: stream */
	char *text;     /* SAY: the line; EXEC, EXEC_FAIL, EXEC_UNKNOWN: the command; FORK: why
	                 * or NULL */
};

struct recording {
	struct rec_event *v;
	size_t n, cap;
	pid_t root;     /* the first process of the run (the tree's root) */
	pid_t shell;    /* forksh itself: alias P0, the subreaper that adopts orphans */
	char *title;    /* what ran ("lesson fork, step 3"), or NULL */
	/* PID -> alias, kept as events arrive (see rec_alias). */
	struct rec_aliases {
		pid_t *key;
		int *val;        /* alias + 1; 0: empty slot */
		size_t mask, used;
		int next;        /* the next alias to give */
	} alias;
};

/* Append an event; text is copied (may be NULL). */
void rec_add(struct recording *r, enum rec_kind kind, double t, pid_t pid, pid_t other, int status,
	     const char *text);

/* Free the events and the title (the struct itself is the caller's; it
 * may be used again, with root and shell kept). */
void rec_free(struct recording *r);

/* The alias of pid under --stable-pids: 0 for the shell (P0), 1 for the
 * first other process seen in the record, 2 for the next, ... in the order
 * in which events first name them (the actor first, then a forked child);
 * -1 if pid never appears.  O(1): the record keeps the map as it grows. */
int rec_alias(const struct recording *r, pid_t pid);

/* Append text to out with every whole number in it that is a PID of the
 * record (or the shell's) replaced by its alias "P<n>".  A number counts
 * as whole when no letter, digit, '.' or '_' touches it, so "1.25" and
 * "x86" are left alone.  out is a struct strbuf (shell/util.h). */
struct strbuf;
void rec_subst_pids(const struct recording *r, const char *text, struct strbuf *out);

/* ---- one row per process: the facts the pictures draw ---- */

#define REC_NONE ((size_t)-1)

struct rec_proc {
	pid_t pid;
	int alias;
	size_t parent;        /* the row that forked it, or REC_NONE */
	size_t fork_ev;       /* the event that forked it, or REC_NONE */
	double born;          /* its fork (or first event) time */
	const char *why;      /* why its parent forked it, when the parent said, or NULL */
	size_t first, nkids;  /* its children: view->kids[first .. first+nkids) */
	const char *exec;     /* the last program it exec'd successfully, or NULL */
	double exec_t;
	const char *failed;   /* the last exec that failed, or NULL */
	int failed_errno;
	const char *unknown;  /* an exec under way when the lesson was stopped (not known
	                       * whether it happened), or NULL */
	double unknown_t;
	int ended;            /* an EXIT: status, at end_t */
	int status;
	double end_t;
	int reaped;           /* a REAP: by reaper (a PID), at reap_t */
	pid_t reaper;
	double reap_t;
	int moved;            /* re-parented to new_parent at move_t (the last one) */
	pid_t new_parent;
	double move_t;
	int subreaper;
	size_t nlines;        /* lines it wrote */
	size_t nthreads;      /* threads it started (its first thread not counted) */
};

struct rec_view {
	const struct recording *r;
	struct rec_proc *p;   /* in alias order: p[0] has alias 1 */
	size_t n;
	size_t *kids;
	double t_end;         /* the latest time of any event */
};

/* Build the per-process view of r.  A child's parent is the first process
 * recorded forking it; a later fork of the same PID (reused) or one that
 * would make a process its own ancestor is not an edge, so the view is
 * always a forest.  The shell is not a row. */
void rec_view_build(struct rec_view *v, const struct recording *r);
void rec_view_free(struct rec_view *v);

/* The row of pid, or REC_NONE. */
size_t rec_view_find(const struct rec_view *v, pid_t pid);

/* The row of the run's root (r->root), or of the first process when the
 * root is unknown; REC_NONE for an empty record. */
size_t rec_view_root(const struct rec_view *v);

/* A process's name in pictures: "4242", or "P3" under stable; the shell is
 * "forksh" ("forksh P0" never: P0 is enough under stable). */
void rec_label(const struct recording *r, pid_t pid, int stable, char *buf, size_t len);

/* How a wait status reads: "exited 0", "killed by SIGKILL", "ended" for
 * REC_UNSEEN. */
void rec_status_words(int status, char *buf, size_t len);

#endif
