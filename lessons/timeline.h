/* timeline.h - the timeline's layout, shared by the text renderer
 * (timeline.c) and the SVG renderer (svg.c), so that both draw the same
 * rows: time going down, one lifeline column per process (forksh's first),
 * and one text per row.  Internal to the renderers.
 */
#ifndef FORKSH_TIMELINE_H
#define FORKSH_TIMELINE_H

#include "draw.h"

/* What a lifeline is at a row (state) and what happens on it (mark). */
enum tl_state { ST_NONE = ' ', ST_ALIVE = '|', ST_ZOMBIE = ':' };
enum tl_mark {
	MK_NONE = 0,
	MK_BIRTH = 'o',     /* forked here */
	MK_EXEC = 'E',      /* a successful exec */
	MK_FAIL = '!',      /* a failed exec */
	MK_UNKNOWN = '?',   /* an exec the lesson's stop cut short: not known whether it happened */
	MK_SAY = '*',       /* printed the row's line */
	MK_EXIT = 'x',      /* ended: a zombie from here */
	MK_REAPED = '=',    /* reaped: the lifeline ends */
	MK_END = '+',       /* the other end of a connector (forker, reaper, new parent) */
	MK_MOVED = '~',     /* re-parented */
	MK_SUBREAPER = 'S', /* became a child subreaper */
	MK_THREAD = 'T'     /* started a thread (part of this process) */
};
enum tl_link { LK_NONE, LK_FORK, LK_REAP, LK_MOVE };

struct tl_row {
	double t;           /* its time; t2 too in a summary step; t < 0: a continuation */
	double t2;
	int from, to;       /* a connector from column `from` to `to`, or -1 */
	enum tl_link link;
	pid_t who;          /* whose colour the text takes */
	int line;           /* the text is a printed line (all of it in colour) */
	size_t off, len;    /* the text: layout.text.buf[off .. off+len) */
	size_t label;       /* bytes of the text that are the actor's label */
};

struct tl_layout {
	enum tl_mode mode;
	size_t ncols;       /* lifeline columns; col_pid[0] is forksh when known */
	pid_t *col_pid;
	size_t nprocs;      /* processes in the record (forksh not counted) */
	size_t nevents;     /* events shown (full) or summed up (summary) */
	size_t nunknown;    /* execs whose outcome is not known (the key shows their mark
	                     * only when there are some) */
	size_t nrows, cap;
	struct tl_row *rows;
	char *state, *mark; /* nrows x ncols */
	struct strbuf text;
};

/* Lay out the timeline of r: at most maxcols lifelines, texts wrapped to
 * text_cols columns (clean; aliases under o->stable_pids). */
void tl_layout_build(struct tl_layout *L, const struct recording *r, const struct draw_opts *o,
		     size_t maxcols, int text_cols);
void tl_layout_free(struct tl_layout *L);

/* The heading line and the legend (clean text) for L. */
void tl_heading(const struct tl_layout *L, const struct look *lk, struct strbuf *out);

#endif
