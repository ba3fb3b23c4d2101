/* record.h - what the lesson engine records about a live run, and the
 * pictures drawn from it afterwards.
 *
 * Every process a lesson creates is recorded: its fork (parent -> child),
 * its exec (the new argv), each line it prints (tagged with its PID and the
 * time), being re-parented when its parent exits first, and how it ended.
 * After the run the engine draws (1) the process tree and (2) a timeline
 * with one column per process and time going down.  The drawing functions
 * are pure: they read a recording and write text, so tests can feed them
 * made-up recordings.
 */
#ifndef FORKSH_RECORD_H
#define FORKSH_RECORD_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

enum rec_kind {
	REC_FORK,      /* pid forked other */
	REC_EXEC,      /* pid became the program in text (argv joined by spaces) */
	REC_SAY,       /* pid printed the line text */
	REC_REPARENT,  /* pid's parent is now other (its parent exited first) */
	REC_EXIT       /* pid ended with wait status `status` (or REC_UNSEEN) */
};

/* The status of a REC_EXIT whose wait status nobody told the engine: the
 * process was reaped by a parent outside the lesson code (the /bin/sh that
 * system() starts, say), so only its end is known. */
#define REC_UNSEEN (-1)

struct rec_event {
	enum rec_kind kind;
	double t;       /* seconds since the run started */
	pid_t pid;      /* the process the event is about */
	pid_t other;    /* REC_FORK: the child; REC_REPARENT: the new parent */
	int status;     /* REC_EXIT: a wait status (exited N, killed by signal) */
	char *text;     /* REC_SAY: the line; REC_EXEC: the command; else NULL */
};

struct recording {
	struct rec_event *v;
	size_t n, cap;
	pid_t root;     /* the first lesson process (the tree's root) */
	pid_t shell;    /* forksh itself, the subreaper that adopts orphans */
};

/* Append an event; text is copied (may be NULL). */
void rec_add(struct recording *r, enum rec_kind kind, double t, pid_t pid, pid_t other, int status,
	     const char *text);

/* Free the events (the struct itself is the caller's). */
void rec_free(struct recording *r);

struct draw_opts {
	int width;        /* columns available (at least 40); 80 is typical */
	int utf8;         /* box-drawing characters, else ASCII */
	int color;        /* ANSI colour per PID */
	int stable_pids;  /* show aliases P1, P2, ... (order of first appearance) beside PIDs */
};

/* The process tree: root first, each child under its parent with what it
 * ran and how it ended; re-parenting is noted on the child's line.  A node
 * with many children shows the first few and summarises the rest ("... 6
 * more children, all exited 0").  Every line fits in o->width columns. */
void draw_tree(FILE *out, const struct recording *r, const struct draw_opts *o);

/* The timeline: a time column, then one column per process (in order of
 * first appearance), each printed line in its process's column, cut to fit;
 * forks and exits are marked too.  With more processes than fit, the last
 * column gathers the rest, each line prefixed with its PID.  Every line fits
 * in o->width columns. */
void draw_timeline(FILE *out, const struct recording *r, const struct draw_opts *o);

/* The alias of pid under --stable-pids: 1 for the first process seen in the
 * recording, 2 for the next, ...; 0 if pid never appears. */
int rec_alias(const struct recording *r, pid_t pid);

#endif
