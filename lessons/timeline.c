/* timeline.c - the timeline of a record: time going down, one lifeline per
 * process, and one text column for what was printed and done.
 *
 * A lifeline is two columns wide: solid while the process runs, dotted
 * while it is a zombie (it ended, nobody has reaped it yet), and gone once
 * it is reaped; marks show its birth, its execs (a failed one too), its
 * exit and its reap, and a connector joins the two processes of a fork, a
 * reap or a re-parenting.  The text column takes the rest of the width,
 * each row starting with the PID of the process it is about, and is
 * wrapped, never cut, so no PID or value is lost.
 *
 * Full or summary: with up to TL_FULL_MAX (16) processes every event gets
 * its row.  16 because at 80 columns, the narrowest terminal we design
 * for, 16 lifelines and forksh's (two columns each) leave about 40 columns
 * of text, enough for a line like "4242: [4243] => 9" without wrapping;
 * and at the lessons' default sizes such a run has at most a few hundred
 * rows.  Above that (a 500-child counter has over 5000 events) one row per
 * event is more than anyone reads on a projector, so by default the
 * timeline is summed up in at most SUMMARY_STEPS steps of equal time, each
 * counting what happened in it (forks, lines, exits, reaps, ...) and how
 * many processes were alive and zombies at its end, with the lifelines of
 * the first processes.  --timeline=full or summary forces either.
 */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

/* The text column is never narrower than this (see above). */
#define MIN_TEXT 38

/* ---- the text renderer ---- */

/* The glyph of a state or mark in the character set of lk. */
static const char *glyph(int c, int utf8)
{
	switch (c) {
	case ST_ALIVE: return utf8 ? "\u2502" : "|";
	case ST_ZOMBIE: return utf8 ? "\u250a" : ":";
	case MK_BIRTH: return utf8 ? "\u25cf" : "o";
	case MK_EXEC: return utf8 ? "\u25c6" : "E";
	case MK_FAIL: return utf8 ? "\u25c7" : "!";
	case MK_UNKNOWN: return "?";
	case MK_SAY: return utf8 ? "\u2022" : "*";
	case MK_EXIT: return utf8 ? "\u00d7" : "x";
	case MK_REAPED: return utf8 ? "\u2534" : "#";
	case MK_END: return utf8 ? "\u253c" : "+";
	case MK_MOVED: return utf8 ? "\u21b7" : "~";
	case MK_SUBREAPER: return "S";
	case MK_THREAD: return "T";
	default: return " ";
	}
}

static const char *fill(enum tl_link link, int utf8)
{
	switch (link) {
	case LK_FORK: return utf8 ? "\u2500" : "-";
	case LK_REAP: return utf8 ? "\u2550" : "=";
	case LK_MOVE: return utf8 ? "\u254c" : ".";
	default: return " ";
	}
}

/* The key to the glyphs, and which lifeline is whose. */
static void legend(FILE *out, const struct tl_layout *L, const struct recording *r, const struct look *lk)
{
	struct strbuf sb;
	sb_init(&sb);
	static const int keys[] = { ST_ALIVE, ST_ZOMBIE, MK_BIRTH, MK_EXEC, MK_FAIL, MK_EXIT, MK_REAPED, MK_MOVED,
				    MK_UNKNOWN };
	static const char *const words[] = { "running", "zombie (ended, not yet reaped)", "forked", "exec",
					     "exec failed", "exit", "reaped", "re-parented", "exec not known" };
	/* the last key only when the picture has that mark */
	size_t nkeys = sizeof keys / sizeof keys[0] - (L->nunknown ? 0 : 1);
	sb_adds(&sb, "Key:");
	for (size_t i = 0; i < nkeys; i++) {
		sb_adds(&sb, "  ");
		sb_adds(&sb, glyph(keys[i], lk->utf8));
		sb_addc(&sb, ' ');
		sb_adds(&sb, words[i]);
	}
	put_wrapped(out, sb.buf, lk->width, 5);
	sb_reset(&sb);
	sb_adds(&sb, "Lifelines, left to right:");
	int used = text_columns(sb.buf, sb.len);
	for (size_t c = 0; c < L->ncols; c++) {
		char label[64];
		rec_label(r, L->col_pid[c], lk->stable, label, sizeof label);
		if (L->col_pid[c] == r->shell && !lk->stable)
			snprintf(label, sizeof label, "forksh %ld", (long)r->shell);
		int w = (int)strlen(label) + 1;
		if (used + w + 1 > lk->width) {
			put_sb_line(out, &sb);
			sb_reset(&sb);
			add_spaces(&sb, 2);
			used = 2;
		}
		sb_addc(&sb, ' ');
		add_colored(&sb, label, strlen(label), L->col_pid[c], lk);
		used += w;
	}
	put_sb_line(out, &sb);
	if (L->nprocs + (r->shell ? 1 : 0) > L->ncols) {
		char buf[120];
		snprintf(buf, sizeof buf, "  (%zu more without a lifeline: their rows name them)",
			 L->nprocs + (r->shell ? 1 : 0) - L->ncols);
		put_wrapped(out, buf, lk->width, 3);
	}
	sb_free(&sb);
}

/* One row: its time, the lifelines, then its text. */
static void put_row(FILE *out, const struct tl_layout *L, size_t i, int tw, const struct look *lk,
		    struct strbuf *line)
{
	const struct tl_row *row = &L->rows[i];
	const char *state = L->state + i * L->ncols, *mark = L->mark + i * L->ncols;
	char buf[48] = "";
	sb_reset(line);
	if (row->t >= 0)
		format_time(buf, sizeof buf, row->t);
	sb_adds(line, buf);
	add_spaces(line, tw - (int)strlen(buf) + 1);
	int lo = row->from < row->to ? row->from : row->to, hi = row->from < row->to ? row->to : row->from;
	for (int c = 0; c < (int)L->ncols; c++) {
		int inside = row->from >= 0 && c > lo && c < hi;
		const char *g = mark[c] ? glyph(mark[c], lk->utf8) : glyph(state[c], lk->utf8);
		if (inside && !mark[c] && state[c] == ST_NONE)
			g = fill(row->link, lk->utf8);
		pid_t pid = mark[c] || state[c] != ST_NONE ? L->col_pid[c] : row->who;
		add_colored(line, g, strlen(g), pid, lk);
		const char *gap = row->from >= 0 && c >= lo && c < hi ? fill(row->link, lk->utf8) : " ";
		add_colored(line, gap, strlen(gap), row->who, lk);
	}
	sb_addc(line, ' ');
	const char *text = L->text.buf + row->off;
	if (row->line) {
		add_colored(line, text, row->len, row->who, lk);
	} else {
		add_colored(line, text, row->label, row->who, lk);
		sb_addn(line, text + row->label, row->len - row->label);
	}
	put_sb_line(out, line);
}

void draw_timeline(FILE *out, const struct recording *r, const struct draw_opts *o)
{
	struct look lk;
	look_init(&lk, o);
	lk.r = r;
	enum tl_mode mode = timeline_mode(r, o->timeline);
	if (mode == TL_OFF)
		return;
	if (r->n == 0) {
		put_wrapped(out, "Timeline: nothing to draw (no events were recorded).", lk.width, 2);
		return;
	}
	int tw = 6;
	for (size_t i = 0; i < r->n; i++) {
		char buf[48];
		format_time(buf, sizeof buf, r->v[i].t);
		if ((int)strlen(buf) > tw)
			tw = (int)strlen(buf);
	}
	int room = lk.width - tw - 2 - MIN_TEXT;
	size_t maxcols = room > 2 ? (size_t)room / 2 : 1;
	size_t want = (r->alias.next > 0 ? (size_t)r->alias.next : 0) + (r->shell ? 1 : 0);
	size_t ncols = want < maxcols ? want : maxcols;
	struct tl_layout L;
	tl_layout_build(&L, r, o, ncols, lk.width - tw - 2 - 2 * (int)ncols);
	struct strbuf line;
	sb_init(&line);
	tl_heading(&L, &lk, &line);
	put_wrapped(out, line.buf, lk.width, 2);
	legend(out, &L, r, &lk);
	for (size_t i = 0; i < L.nrows; i++)
		put_row(out, &L, i, tw, &lk, &line);
	sb_free(&line);
	tl_layout_free(&L);
}
