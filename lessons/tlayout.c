/* tlayout.c - the timeline's layout (timeline.h): which process has which
 * lifeline column, and one row per event (full) or per time step
 * (summary), with the state of every lifeline at that row, its marks and
 * connector, and its text, wrapped.  The text renderer (timeline.c) and the
 * SVG renderer (svg.c) both draw these rows; why full and summary, and the
 * threshold between them, is told in timeline.c.
 */
#include "timeline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A summary has at most this many steps: a projector's screen. */
#define SUMMARY_STEPS 20

int timeline_mode_parse(const char *word)
{
	static const char *const modes[] = { [TL_AUTO] = "auto", [TL_FULL] = "full",
		                             [TL_SUMMARY] = "summary", [TL_OFF] = "off" };
	for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++)
		if (strcmp(word, modes[m]) == 0)
			return (int)m;
	return -1;
}

enum tl_mode timeline_mode(const struct recording *r, enum tl_mode asked)
{
	if (asked != TL_AUTO)
		return asked;
	return r->alias.next > TL_FULL_MAX ? TL_SUMMARY : TL_FULL;
}

/* The lifeline column of pid, or -1 when it has none. */
static int col_of(const struct tl_layout *L, const struct recording *r, pid_t pid)
{
	int shellcol = L->ncols > 0 && r->shell && L->col_pid[0] == r->shell;
	if (shellcol && pid == r->shell)
		return 0;
	int a = rec_alias(r, pid);
	if (a < 1)
		return -1;
	size_t c = (size_t)a - 1 + (size_t)shellcol;
	return c < L->ncols ? (int)c : -1;
}

/* A new row (states copied from cur, no marks). */
static struct tl_row *new_row(struct tl_layout *L, const char *cur)
{
	if (L->nrows == L->cap) {
		L->cap = L->cap ? 2 * L->cap : 256;
		L->rows = xrealloc(L->rows, L->cap * sizeof *L->rows);
		L->state = xrealloc(L->state, L->cap * (L->ncols + 1));
		L->mark = xrealloc(L->mark, L->cap * (L->ncols + 1));
	}
	size_t i = L->nrows++;
	memcpy(L->state + i * L->ncols, cur, L->ncols);
	memset(L->mark + i * L->ncols, MK_NONE, L->ncols);
	L->rows[i] = (struct tl_row){ .t = -1, .t2 = -1, .from = -1, .to = -1 };
	return &L->rows[i];
}

/* Add the clean text in L->text from `off` as one or more rows (wrapped to
 * width); the first row is `first`, already made. */
static void wrap_rows(struct tl_layout *L, struct tl_row *first, size_t off, size_t label, int width,
		      const char *cur)
{
	const char *s = L->text.buf + off;
	size_t rowi = (size_t)(first - L->rows);
	for (int firstrow = 1;; firstrow = 0) {
		const char *next;
		size_t n = wrap_piece(s, width, &next);
		struct tl_row *row = &L->rows[rowi];
		row->off = (size_t)(s - L->text.buf);
		row->len = n;
		row->label = firstrow ? label : 0;
		if (!*next)
			break;
		s = next;
		struct tl_row model = *row;
		struct tl_row *cont = new_row(L, cur);
		cont->who = model.who;
		cont->line = model.line;
		rowi = (size_t)(cont - L->rows);
	}
}

/* The label of pid into the text buffer; returns its length. */
static size_t add_label(struct tl_layout *L, const struct recording *r, pid_t pid, int stable)
{
	char buf[48];
	rec_label(r, pid, stable, buf, sizeof buf);
	sb_adds(&L->text, buf);
	return strlen(buf);
}

/* The text of one event, into L->text; returns the label's length. */
static size_t event_text(struct tl_layout *L, const struct recording *r, const struct rec_event *e,
			 const struct draw_opts *o)
{
	struct strbuf *sb = &L->text;
	char words[96];
	size_t label = add_label(L, r, e->pid, o->stable_pids);
	switch (e->kind) {
	case REC_FORK:
		sb_adds(sb, " forked ");
		add_label(L, r, e->other, o->stable_pids);
		break;
	case REC_EXEC:
		sb_adds(sb, " exec: ");
		add_clean(sb, e->text, o->utf8, r, o->stable_pids);
		break;
	case REC_EXEC_FAIL:
		sb_adds(sb, " exec ");
		add_clean(sb, e->text, o->utf8, r, o->stable_pids);
		snprintf(words, sizeof words, " failed: %s", strerror(e->status));
		sb_adds(sb, words);
		break;
	case REC_EXEC_UNKNOWN:
		sb_adds(sb, " exec of ");
		add_clean(sb, e->text, o->utf8, r, o->stable_pids);
		sb_adds(sb, ": " REC_UNKNOWN_WHY);
		break;
	case REC_SAY:
		sb_adds(sb, e->status == 2 ? " (stderr): " : ": ");
		add_clean(sb, e->text, o->utf8, r, o->stable_pids);
		break;
	case REC_EXIT:
		rec_status_words(e->status, words, sizeof words);
		sb_addc(sb, ' ');
		sb_adds(sb, words);
		break;
	case REC_REAP:
		sb_adds(sb, " reaped ");
		add_label(L, r, e->other, o->stable_pids);
		rec_status_words(e->status, words, sizeof words);
		if (e->status != REC_UNSEEN) {
			sb_adds(sb, " (");
			sb_adds(sb, words);
			sb_addc(sb, ')');
		}
		break;
	case REC_REPARENT:
		sb_adds(sb, " re-parented to ");
		add_label(L, r, e->other, o->stable_pids);
		break;
	case REC_SUBREAPER:
		sb_adds(sb, " is now a child subreaper");
		break;
	case REC_THREAD:
		snprintf(words, sizeof words, " started a thread (thread ID %ld)", (long)e->other);
		sb_adds(sb, words);
		break;
	case REC_NKINDS:
		break;
	}
	sb_addn(sb, "", 0);
	return label;
}

/* What event e does to the lifelines: the states in cur and the marks and
 * connector of row (index ri). */
static void apply(struct tl_layout *L, const struct recording *r, const struct rec_event *e, char *cur,
		  size_t ri, int marks)
{
	char *mark = L->mark + ri * L->ncols;
	struct tl_row *row = &L->rows[ri];
	int a = col_of(L, r, e->pid), b = -1;
	enum tl_mark ma = MK_NONE, mb = MK_NONE;
	switch (e->kind) {
	case REC_FORK:
		b = col_of(L, r, e->other);
		if (b >= 0)
			cur[b] = ST_ALIVE;
		ma = MK_END, mb = MK_BIRTH, row->link = LK_FORK;
		break;
	case REC_EXEC: ma = MK_EXEC; break;
	case REC_EXEC_FAIL: ma = MK_FAIL; break;
	case REC_EXEC_UNKNOWN: ma = MK_UNKNOWN; break;
	case REC_SAY: ma = MK_SAY; break;
	case REC_SUBREAPER: ma = MK_SUBREAPER; break;
	case REC_THREAD: ma = MK_THREAD; break;
	case REC_EXIT:
		if (a >= 0)
			cur[a] = ST_ZOMBIE;
		ma = MK_EXIT;
		break;
	case REC_REAP:
		b = col_of(L, r, e->other);
		ma = MK_END, mb = MK_REAPED, row->link = LK_REAP;
		break;
	case REC_REPARENT:
		/* drawn on the child's column, joined to its new parent */
		b = a, a = col_of(L, r, e->other);
		ma = MK_END, mb = MK_MOVED, row->link = LK_MOVE;
		break;
	case REC_NKINDS:
		break;
	}
	if (a >= 0 && cur[a] == ST_NONE && e->kind != REC_REAP && e->kind != REC_REPARENT)
		cur[a] = ST_ALIVE;
	if (marks) {
		if (a >= 0 && (ma != MK_SAY || mark[a] == MK_NONE))
			mark[a] = (char)ma;
		if (b >= 0)
			mark[b] = (char)mb;
		if (a >= 0 && b >= 0 && a != b && row->link != LK_NONE) {
			row->from = a;
			row->to = b;
		}
	}
	memcpy(L->state + ri * L->ncols, cur, L->ncols);
	if (e->kind == REC_REAP && b >= 0)
		cur[b] = ST_NONE; /* gone from the next row on */
}

struct order {
	double t;
	size_t ev;
};

static int by_time(const void *x, const void *y)
{
	const struct order *a = x, *b = y;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return (a->ev > b->ev) - (a->ev < b->ev);
}

/* The events in time order (equal times keep their order of arrival; a
 * NaN time goes last). */
static struct order *sorted(const struct recording *r)
{
	struct order *o = xmalloc((r->n + 1) * sizeof *o);
	for (size_t i = 0; i < r->n; i++)
		o[i] = (struct order){ r->v[i].t == r->v[i].t ? r->v[i].t : HUGE_VAL, i };
	qsort(o, r->n, sizeof *o, by_time);
	return o;
}

static void build_full(struct tl_layout *L, const struct recording *r, const struct draw_opts *o,
		       int width, char *cur)
{
	struct order *ord = sorted(r);
	for (size_t k = 0; k < r->n; k++) {
		const struct rec_event *e = &r->v[ord[k].ev];
		struct tl_row *row = new_row(L, cur);
		size_t ri = L->nrows - 1;
		row->t = e->t;
		row->who = e->pid;
		row->line = e->kind == REC_SAY;
		apply(L, r, e, cur, ri, 1);
		size_t off = L->text.len;
		size_t label = event_text(L, r, e, o);
		wrap_rows(L, &L->rows[ri], off, label, width, cur);
		L->nevents++;
	}
	free(ord);
}

/* What one summary step counts. */
struct step {
	size_t n[REC_NKINDS];
	pid_t forker, reaper, adopter;   /* the one doing all of them, or -1 for several */
	pid_t first_kid, last_kid;
	size_t example;                  /* the first line printed, or REC_NONE */
};

static void note_one(pid_t *who, pid_t pid)
{
	if (*who == 0)
		*who = pid;
	else if (*who != pid)
		*who = -1;
}

/* The text of a summary step, into L->text. */
static void step_text(struct tl_layout *L, const struct recording *r, const struct draw_opts *o,
		      const struct step *s, long alive, long zombies)
{
	struct strbuf *sb = &L->text;
	char buf[160], x[48], y[48];
	int any = 0;
#define PART(...) do { snprintf(buf, sizeof buf, __VA_ARGS__); if (any++) sb_adds(sb, "; "); sb_adds(sb, buf); } while (0)
	if (s->n[REC_FORK]) {
		rec_label(r, s->first_kid, o->stable_pids, x, sizeof x);
		rec_label(r, s->last_kid, o->stable_pids, y, sizeof y);
		PART("%zu fork%s (%s%s%s)", s->n[REC_FORK], s->n[REC_FORK] == 1 ? "" : "s", x,
		     s->n[REC_FORK] > 1 ? (o->utf8 ? "\u2026" : "...") : "", s->n[REC_FORK] > 1 ? y : "");
		if (s->forker > 0) {
			rec_label(r, s->forker, o->stable_pids, x, sizeof x);
			sb_adds(sb, " by ");
			sb_adds(sb, x);
		}
	}
	if (s->n[REC_EXEC])
		PART("%zu exec%s", s->n[REC_EXEC], s->n[REC_EXEC] == 1 ? "" : "s");
	if (s->n[REC_EXEC_FAIL])
		PART("%zu failed exec%s", s->n[REC_EXEC_FAIL], s->n[REC_EXEC_FAIL] == 1 ? "" : "s");
	if (s->n[REC_EXEC_UNKNOWN])
		PART("%zu exec%s not known to have happened (the lesson was stopped)", s->n[REC_EXEC_UNKNOWN],
		     s->n[REC_EXEC_UNKNOWN] == 1 ? "" : "s");
	if (s->n[REC_THREAD])
		PART("%zu thread%s started", s->n[REC_THREAD], s->n[REC_THREAD] == 1 ? "" : "s");
	if (s->n[REC_SAY])
		PART("%zu line%s", s->n[REC_SAY], s->n[REC_SAY] == 1 ? "" : "s");
	if (s->n[REC_EXIT])
		PART("%zu ended", s->n[REC_EXIT]);
	if (s->n[REC_REPARENT]) {
		PART("%zu re-parented", s->n[REC_REPARENT]);
		if (s->adopter > 0) {
			rec_label(r, s->adopter, o->stable_pids, x, sizeof x);
			sb_adds(sb, " to ");
			sb_adds(sb, x);
		}
	}
	if (s->n[REC_REAP]) {
		PART("%zu reaped", s->n[REC_REAP]);
		if (s->reaper > 0) {
			rec_label(r, s->reaper, o->stable_pids, x, sizeof x);
			sb_adds(sb, " by ");
			sb_adds(sb, x);
		}
	}
	PART("then %ld running, %ld zombie%s", alive, zombies, zombies == 1 ? "" : "s");
	if (s->example != REC_NONE) {
		const struct rec_event *e = &r->v[s->example];
		sb_adds(sb, "; first line: ");
		add_label(L, r, e->pid, o->stable_pids);
		sb_adds(sb, ": ");
		add_clean(sb, e->text, o->utf8, r, o->stable_pids);
	}
#undef PART
	sb_addn(sb, "", 0);
}

static void build_summary(struct tl_layout *L, const struct recording *r, const struct draw_opts *o,
			  int width, char *cur)
{
	struct order *ord = sorted(r);
	double end = 0;
	for (size_t i = 0; i < r->n; i++)
		if (ord[i].t != HUGE_VAL && ord[i].t > end)
			end = ord[i].t;
	double dt = end > 0 ? end / SUMMARY_STEPS : 1;
	long alive = 0, zombies = 0;
	size_t k = 0;
	for (int b = 0; b < SUMMARY_STEPS && k < r->n; b++) {
		double hi = b == SUMMARY_STEPS - 1 ? HUGE_VAL : dt * (b + 1);
		if (ord[k].t >= hi)
			continue;
		struct step s = { .example = REC_NONE };
		struct tl_row *row = new_row(L, cur);
		size_t ri = L->nrows - 1;
		row->t = dt * b;
		row->t2 = b == SUMMARY_STEPS - 1 ? end : hi;
		row->who = r->root;
		for (; k < r->n && ord[k].t < hi; k++) {
			const struct rec_event *e = &r->v[ord[k].ev];
			s.n[e->kind]++;
			L->nevents++;
			switch (e->kind) {
			case REC_FORK:
				note_one(&s.forker, e->pid);
				if (!s.first_kid)
					s.first_kid = e->other;
				s.last_kid = e->other;
				alive++;
				break;
			case REC_EXIT: alive--, zombies++; break;
			case REC_REAP: zombies--; note_one(&s.reaper, e->pid); break;
			case REC_REPARENT: note_one(&s.adopter, e->other); break;
			case REC_SAY:
				if (s.example == REC_NONE)
					s.example = ord[k].ev;
				break;
			default: break;
			}
			apply(L, r, e, cur, ri, 1);
			L->rows[ri].from = L->rows[ri].to = -1; /* no connectors in a summary */
		}
		if (r->root && alive == 0 && zombies < 0)
			zombies = 0;
		size_t off = L->text.len;
		step_text(L, r, o, &s, alive < 0 ? 0 : alive, zombies < 0 ? 0 : zombies);
		wrap_rows(L, &L->rows[ri], off, 0, width, cur);
	}
	free(ord);
}

void tl_layout_build(struct tl_layout *L, const struct recording *r, const struct draw_opts *o,
		     size_t maxcols, int text_cols)
{
	memset(L, 0, sizeof *L);
	sb_init(&L->text);
	L->mode = timeline_mode(r, o->timeline);
	L->nprocs = r->alias.next > 0 ? (size_t)r->alias.next : 0;
	size_t want = L->nprocs + (r->shell ? 1 : 0);
	L->ncols = want < maxcols ? want : maxcols;
	L->col_pid = xcalloc(L->ncols + 1, sizeof *L->col_pid);
	struct rec_view v;
	rec_view_build(&v, r);
	size_t c = 0;
	if (r->shell && c < L->ncols)
		L->col_pid[c++] = r->shell;
	for (size_t i = 0; c < L->ncols && i < v.n; i++)
		L->col_pid[c++] = v.p[i].pid;
	rec_view_free(&v);
	for (size_t i = 0; i < r->n; i++)
		L->nunknown += r->v[i].kind == REC_EXEC_UNKNOWN;
	char *cur = xmalloc(L->ncols + 1);
	memset(cur, ST_NONE, L->ncols);
	if (r->shell && L->ncols)
		cur[0] = ST_ALIVE; /* forksh runs throughout */
	if (L->mode == TL_SUMMARY)
		build_summary(L, r, o, text_cols, cur);
	else if (L->mode == TL_FULL)
		build_full(L, r, o, text_cols, cur);
	free(cur);
}

void tl_layout_free(struct tl_layout *L)
{
	free(L->col_pid);
	free(L->rows);
	free(L->state);
	free(L->mark);
	sb_free(&L->text);
}

void tl_heading(const struct tl_layout *L, const struct look *lk, struct strbuf *out)
{
	char buf[200];
	if (L->mode == TL_SUMMARY)
		snprintf(buf, sizeof buf, "Timeline, summed up (%zu processes, %zu events; --timeline=full "
			 "lists every event):", L->nprocs, L->nevents);
	else
		snprintf(buf, sizeof buf, "Timeline (time goes down; %zu process%s, %zu events):", L->nprocs,
			 L->nprocs == 1 ? "" : "es", L->nevents);
	sb_adds(out, buf);
	(void)lk;
}

