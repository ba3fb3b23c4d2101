/* tree.c - the process tree of a record: who forked whom, and for each
 * process what it ran, how and when it ended, and who reaped it when.
 *
 * A node's line is wrapped, never cut: a PID or a time that is cut off is
 * a fact lost.  A node with more than TREE_MAX_KIDS children shows the
 * first TREE_SHOW_KIDS and sums up the rest in one line (a 500-child run
 * stays readable).  The walk uses an explicit stack, so even a chain of
 * thousands of nested processes cannot exhaust the C stack.
 */
#include <stdlib.h>
#include <string.h>

#include "draw.h"

#define TREE_MAX_KIDS 8
#define TREE_SHOW_KIDS 6

struct treedraw {
	FILE *out;
	const struct rec_view *v;
	const struct look *lk;
	char *drawn;
	struct strbuf text, line;
};

/* Append "; " between the pieces of a node's text. */
static void piece(struct strbuf *sb, const char *s)
{
	if (sb->len)
		sb_adds(sb, "; ");
	sb_adds(sb, s);
}

/* Where a process ended up: "exited 0 at 0.001s", "still running". */
static void end_words(const struct rec_proc *p, char *buf, size_t len)
{
	char words[64], when[32];
	if (!p->ended) {
		snprintf(buf, len, "still running");
		return;
	}
	rec_status_words(p->status, words, sizeof words);
	format_time(when, sizeof when, p->end_t);
	snprintf(buf, len, "%s at %s", words, when);
}

/* The text of one node: why it was forked (when its parent said), what it
 * ran, its end, its re-parenting and its reaper, in that order (clean,
 * one column per character). */
static void node_text(struct treedraw *d, const struct rec_proc *p)
{
	const struct look *lk = d->lk;
	const struct recording *r = d->v->r;
	struct strbuf *sb = &d->text;
	char buf[160], who[48], when[32];
	sb_reset(sb);
	if (p->why) /* the shell's reason for the fork ("subshell: ... no exec") */
		add_clean(sb, p->why, lk->utf8, r, lk->stable);
	if (p->subreaper)
		piece(sb, "a child subreaper");
	if (p->exec) {
		piece(sb, "ran ");
		add_clean(sb, p->exec, lk->utf8, r, lk->stable);
	}
	if (p->nthreads) {
		snprintf(buf, sizeof buf, "started %zu thread%s", p->nthreads, p->nthreads == 1 ? "" : "s");
		piece(sb, buf);
	}
	if (p->failed) {
		piece(sb, "exec ");
		add_clean(sb, p->failed, lk->utf8, r, lk->stable);
		snprintf(buf, sizeof buf, " failed (%s)", strerror(p->failed_errno));
		sb_adds(sb, buf);
	}
	if (p->unknown) {
		piece(sb, "exec of ");
		add_clean(sb, p->unknown, lk->utf8, r, lk->stable);
		sb_adds(sb, ": " REC_UNKNOWN_WHY);
	}
	end_words(p, buf, sizeof buf);
	piece(sb, buf);
	if (p->moved) {
		rec_label(r, p->new_parent, lk->stable, who, sizeof who);
		format_time(when, sizeof when, p->move_t);
		snprintf(buf, sizeof buf, "re-parented to %s at %s", who, when);
		piece(sb, buf);
	}
	if (p->reaped) {
		rec_label(r, p->reaper, lk->stable, who, sizeof who);
		format_time(when, sizeof when, p->reap_t);
		snprintf(buf, sizeof buf, "reaped by %s at %s", who, when);
		piece(sb, buf);
		double z = p->reap_t - p->end_t;
		if (z >= 0.0005) {
			format_time(when, sizeof when, z);
			snprintf(buf, sizeof buf, " (a zombie for %s)", when);
			sb_adds(sb, buf);
		}
	} else if (p->ended) {
		piece(sb, "not reaped: still a zombie");
	}
	sb_addn(sb, "", 0);
}

/* d->line holds the start of a line, `used` columns wide: add text s,
 * wrapped to the width, each further line starting with cont. */
static void finish_wrapped(struct treedraw *d, const char *s, int used, const char *cont)
{
	for (;;) {
		const char *next;
		size_t n = wrap_piece(s, d->lk->width - used, &next);
		sb_addn(&d->line, s, n);
		put_sb_line(d->out, &d->line);
		if (!*next)
			break;
		s = next;
		sb_reset(&d->line);
		sb_adds(&d->line, cont);
		used = text_columns(cont, strlen(cont));
	}
}

/* Write one node: head (prefix and branch), its label in its colour, then
 * its text, wrapped; continuation lines start with cont. */
static void tree_node(struct treedraw *d, const char *head, const char *cont, size_t row)
{
	const struct rec_proc *p = &d->v->p[row];
	const struct look *lk = d->lk;
	char label[48];
	rec_label(d->v->r, p->pid, lk->stable, label, sizeof label);
	node_text(d, p);
	sb_reset(&d->line);
	sb_adds(&d->line, head);
	add_colored(&d->line, label, strlen(label), p->pid, lk);
	sb_adds(&d->line, "  ");
	finish_wrapped(d, d->text.buf, text_columns(head, strlen(head)) + text_columns(label, strlen(label)) + 2, cont);
}

struct group {
	char words[160];
	size_t count, first;
};

static int by_count(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->first > y->first) - (x->first < y->first);
}

/* The number of processes below row, row itself not counted. */
static size_t count_below(const struct rec_view *v, size_t row, size_t *stack)
{
	size_t n = 0, depth = 0;
	stack[depth++] = row;
	while (depth > 0) {
		const struct rec_proc *p = &v->p[stack[--depth]];
		for (size_t k = 0; k < p->nkids; k++) {
			stack[depth++] = v->kids[p->first + k];
			n++;
		}
	}
	return n;
}

/* The line for the children of row past the first TREE_SHOW_KIDS: how
 * many, how they ended and who reaped them (most common first), when, and
 * how many processes are below them. */
static void tree_summary(struct treedraw *d, const char *head, size_t row, size_t *stack)
{
	const struct rec_view *v = d->v;
	const struct rec_proc *p = &v->p[row];
	size_t hidden = p->nkids - TREE_SHOW_KIDS, ngroups = 0, below = 0;
	struct group *groups = xcalloc(hidden, sizeof *groups);
	double lo = 1e300, hi = -1e300;
	for (size_t k = TREE_SHOW_KIDS; k < p->nkids; k++) {
		const struct rec_proc *c = &v->p[v->kids[p->first + k]];
		char words[160], status[64], who[48];
		if (c->ended)
			rec_status_words(c->status, status, sizeof status);
		else
			snprintf(status, sizeof status, "still running");
		if (c->reaped) {
			rec_label(v->r, c->reaper, d->lk->stable, who, sizeof who);
			snprintf(words, sizeof words, "%s, reaped by %s", status, who);
		} else {
			snprintf(words, sizeof words, "%s%s", status, c->ended ? ", not reaped" : "");
		}
		if (c->ended && c->end_t < lo)
			lo = c->end_t;
		if (c->ended && c->end_t > hi)
			hi = c->end_t;
		size_t g = 0;
		while (g < ngroups && strcmp(groups[g].words, words) != 0)
			g++;
		if (g == ngroups) {
			snprintf(groups[g].words, sizeof groups[g].words, "%s", words);
			groups[g].first = ngroups++;
		}
		groups[g].count++;
		below += count_below(v, v->kids[p->first + k], stack);
	}
	qsort(groups, ngroups, sizeof *groups, by_count);
	struct strbuf *sb = &d->text;
	char buf[160], a[32], b[32];
	sb_reset(sb);
	snprintf(buf, sizeof buf, "%s %zu more children (", d->lk->ellipsis, hidden);
	sb_adds(sb, buf);
	for (size_t g = 0; g < ngroups; g++) {
		snprintf(buf, sizeof buf, "%s%s%zu %s", g ? "; " : "", ngroups == 1 ? "all " : "",
			 groups[g].count, groups[g].words);
		sb_adds(sb, buf);
	}
	sb_addc(sb, ')');
	if (hi >= lo) {
		format_time(a, sizeof a, lo);
		format_time(b, sizeof b, hi);
		snprintf(buf, sizeof buf, ", ended between %s and %s", a, b);
		sb_adds(sb, buf);
	}
	if (below) {
		snprintf(buf, sizeof buf, ", %zu more process%s below them", below, below == 1 ? "" : "es");
		sb_adds(sb, buf);
	}
	free(groups);
	sb_reset(&d->line);
	sb_adds(&d->line, head);
	struct strbuf cont;
	sb_init(&cont);
	add_spaces(&cont, text_columns(head, strlen(head)));
	sb_addn(&cont, "", 0);
	finish_wrapped(d, sb->buf, text_columns(head, strlen(head)), cont.buf);
	sb_free(&cont);
}

struct frame {
	size_t row, next, shown, plen;
};

/* Draw row and everything below it, row itself without a branch. */
static void tree_walk(struct treedraw *d, size_t row, struct frame *stack, size_t *scratch)
{
	const struct rec_view *v = d->v;
	const struct look *lk = d->lk;
	struct strbuf prefix, head, cont;
	sb_init(&prefix);
	sb_init(&head);
	sb_init(&cont);
	sb_addn(&prefix, "", 0);
	sb_addn(&head, "", 0);
	sb_adds(&cont, v->p[row].nkids ? lk->bar : lk->blank);
	tree_node(d, "", cont.buf, row);
	d->drawn[row] = 1;
	size_t depth = 0, n = v->p[row].nkids;
	stack[depth++] = (struct frame){ row, 0, n > TREE_MAX_KIDS ? TREE_SHOW_KIDS : n, 0 };
	while (depth > 0) {
		struct frame *f = &stack[depth - 1];
		const struct rec_proc *p = &v->p[f->row];
		int summary = p->nkids > f->shown;
		if (f->next == f->shown) {
			if (summary) {
				sb_reset(&head);
				sb_addn(&head, prefix.buf, f->plen);
				sb_adds(&head, lk->corner);
				tree_summary(d, head.buf, f->row, scratch);
			}
			depth--;
			continue;
		}
		size_t c = v->kids[p->first + f->next++];
		if (d->drawn[c])
			continue;
		int last = f->next == f->shown && !summary;
		size_t plen = f->plen;
		sb_reset(&head);
		sb_addn(&head, prefix.buf, plen);
		sb_adds(&head, last ? lk->corner : lk->tee);
		sb_reset(&cont);
		sb_addn(&cont, prefix.buf, plen);
		sb_adds(&cont, last ? lk->blank : lk->bar);
		sb_adds(&cont, v->p[c].nkids ? lk->bar : lk->blank);
		tree_node(d, head.buf, cont.buf, c);
		d->drawn[c] = 1;
		n = v->p[c].nkids;
		if (n > 0) {
			prefix.len = plen;
			sb_adds(&prefix, last ? lk->blank : lk->bar);
			stack[depth++] = (struct frame){ c, 0, n > TREE_MAX_KIDS ? TREE_SHOW_KIDS : n, prefix.len };
		}
	}
	sb_free(&prefix);
	sb_free(&head);
	sb_free(&cont);
}

void draw_tree(FILE *out, const struct recording *r, const struct draw_opts *o)
{
	struct look lk;
	look_init(&lk, o);
	lk.r = r;
	struct rec_view v;
	rec_view_build(&v, r);
	char heading[160], shell[48] = "";
	if (r->shell && lk.stable)
		snprintf(shell, sizeof shell, "; forksh is P0");
	else if (r->shell)
		snprintf(shell, sizeof shell, "; forksh is %ld", (long)r->shell);
	if (v.n == 0) {
		put_wrapped(out, "Process tree: nothing to draw (no processes were recorded).", lk.width, 2);
		rec_view_free(&v);
		return;
	}
	snprintf(heading, sizeof heading, "Process tree (%zu process%s%s):", v.n, v.n == 1 ? "" : "es", shell);
	put_wrapped(out, heading, lk.width, 2);

	struct treedraw d = { .out = out, .v = &v, .lk = &lk };
	d.drawn = xcalloc(v.n, 1);
	sb_init(&d.text);
	sb_init(&d.line);
	struct frame *stack = xmalloc(v.n * sizeof *stack);
	size_t *scratch = xmalloc(v.n * sizeof *scratch);
	tree_walk(&d, rec_view_root(&v), stack, scratch);
	/* Processes whose fork was not recorded start trees of their own;
	 * every other process is below one of these roots. */
	int said = 0;
	for (size_t i = 0; i < v.n; i++) {
		if (d.drawn[i] || v.p[i].parent != REC_NONE)
			continue;
		if (!said++)
			put_wrapped(out, "Also seen (their fork was not recorded):", lk.width, 2);
		tree_walk(&d, i, stack, scratch);
	}
	free(scratch);
	free(stack);
	sb_free(&d.text);
	sb_free(&d.line);
	free(d.drawn);
	rec_view_free(&v);
}
