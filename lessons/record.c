/* record.c - the recording of a lesson's run, and the two pictures drawn
 * from it afterwards: the process tree and the timeline.
 *
 * The recording is a flat list of events in the order they arrived.  Both
 * pictures first turn it into a table with one row per process (in order of
 * first appearance, which is also the order of the P1, P2, ... aliases),
 * holding who forked it, what it exec'd, whether it was re-parented and how
 * it ended.  The drawing itself only ever writes text that has been cleaned
 * (no control characters, valid UTF-8 or plain ASCII), so that counting
 * columns is counting characters and every line can be cut to the width.
 */
#include "record.h"

#include <float.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../shell/trace.h"
#include "../shell/util.h"

#define NONE ((size_t)-1)

/* A node with more than TREE_MAX_KIDS children shows only the first
 * TREE_SHOW_KIDS of them, then one line summing up the rest. */
#define TREE_MAX_KIDS 8
#define TREE_SHOW_KIDS 6

/* The narrowest a timeline column may be before processes are gathered
 * into the shared "others" column, and the room that column is given when
 * the width allows, since its entries carry a "PID: " prefix. */
#define MIN_COLUMN 12
#define OTHERS_COLUMN 24

/* ---- the recording ---- */

void rec_add(struct recording *r, enum rec_kind kind, double t, pid_t pid, pid_t other, int status,
	     const char *text)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n++] = (struct rec_event){
		.kind = kind,
		.t = t,
		.pid = pid,
		.other = other,
		.status = status,
		.text = text ? xstrdup(text) : NULL,
	};
}

void rec_free(struct recording *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].text);
	free(r->v);
	r->v = NULL;
	r->n = 0;
	r->cap = 0;
}

/* ---- PID -> row ---- */

/* A small open-addressing hash table from a PID to a row number, so that a
 * 500-child run is not looked up with 500-step linear scans.  It grows to
 * stay at most half full. */
struct pidmap {
	pid_t *key;
	size_t *val;  /* row + 1; 0 marks an empty slot */
	size_t mask, used;
};

static void pm_init(struct pidmap *m, size_t expect)
{
	size_t cap = 16;
	while (cap < 2 * expect)
		cap *= 2;
	m->key = xmalloc(cap * sizeof *m->key);
	m->val = xcalloc(cap, sizeof *m->val);
	m->mask = cap - 1;
	m->used = 0;
}

static void pm_free(struct pidmap *m)
{
	free(m->key);
	free(m->val);
}

/* The slot holding pid, or the empty slot where it would go. */
static size_t pm_slot(const struct pidmap *m, pid_t pid)
{
	size_t h = ((size_t)(uint32_t)pid * 2654435761u) & m->mask;
	while (m->val[h] && m->key[h] != pid)
		h = (h + 1) & m->mask;
	return h;
}

/* The value stored for pid, or 0. */
static size_t pm_get(const struct pidmap *m, pid_t pid)
{
	return m->val[pm_slot(m, pid)];
}

/* Store val (not 0) for pid, which must not be in the map yet. */
static void pm_put(struct pidmap *m, pid_t pid, size_t val)
{
	if (2 * (m->used + 1) > m->mask + 1) {
		struct pidmap big;
		pm_init(&big, m->used + 1);
		for (size_t i = 0; i <= m->mask; i++)
			if (m->val[i])
				pm_put(&big, m->key[i], m->val[i]);
		pm_free(m);
		*m = big;
	}
	size_t h = pm_slot(m, pid);
	m->key[h] = pid;
	m->val[h] = val;
	m->used++;
}

/* ---- one row per process ---- */

struct proc {
	pid_t pid;
	size_t parent;      /* the row that forked it, or NONE */
	size_t fork_ev;     /* the event that forked it (when parent != NONE) */
	size_t first;       /* its children are kids[first] ... in fork order */
	size_t nkids;
	const char *exec;   /* the last program it exec'd, or NULL */
	int ended;          /* an exit was recorded: status is its wait status */
	int status;
	int moved;          /* re-parented: new_parent adopted it */
	pid_t new_parent;
};

struct table {
	struct proc *p;
	size_t n;
	size_t *kids;
	struct pidmap map;
};

/* The row of pid, or NONE when it is not in the recording. */
static size_t table_find(const struct table *t, pid_t pid)
{
	size_t v = pm_get(&t->map, pid);
	return v ? v - 1 : NONE;
}

/* Give pid a row (the next alias) unless it has one already. */
static void table_note(struct table *t, pid_t pid)
{
	if (pm_get(&t->map, pid))
		return;
	pm_put(&t->map, pid, t->n + 1);
	t->p[t->n] = (struct proc){ .pid = pid, .parent = NONE, .fork_ev = NONE };
	t->n++;
}

/* Is row a an ancestor of row b, or b itself? */
static int is_ancestor(const struct table *t, size_t a, size_t b)
{
	for (; b != NONE; b = t->p[b].parent)
		if (b == a)
			return 1;
	return 0;
}

/* Build the table from the events.  A child's parent is the first process
 * recorded forking it; a later fork of the same PID (the kernel reused it)
 * or a fork that would make a process its own ancestor is not a tree edge,
 * so the tree is always a forest and every walk over it ends. */
static void table_build(struct table *t, const struct recording *r)
{
	t->n = 0;
	t->p = xmalloc((2 * r->n + 1) * sizeof *t->p);
	pm_init(&t->map, 2 * r->n);
	for (size_t i = 0; i < r->n; i++) {
		table_note(t, r->v[i].pid);
		if (r->v[i].kind == REC_FORK)
			table_note(t, r->v[i].other);
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct rec_event *e = &r->v[i];
		size_t self = table_find(t, e->pid);
		struct proc *me = &t->p[self];
		switch (e->kind) {
		case REC_FORK: {
			size_t child = table_find(t, e->other);
			if (t->p[child].parent == NONE && !is_ancestor(t, child, self)) {
				t->p[child].parent = self;
				t->p[child].fork_ev = i;
				me->nkids++;
			}
			break;
		}
		case REC_EXEC:
			me->exec = e->text ? e->text : "";
			break;
		case REC_SAY:
			break;
		case REC_REPARENT:
			me->moved = 1;
			me->new_parent = e->other;
			break;
		case REC_EXIT:
			me->ended = 1;
			me->status = e->status;
			break;
		}
	}
	/* Children lists as ranges of one array, filled in fork order. */
	size_t sum = 0;
	for (size_t i = 0; i < t->n; i++) {
		t->p[i].first = sum;
		sum += t->p[i].nkids;
		t->p[i].nkids = 0;
	}
	t->kids = xmalloc((sum + 1) * sizeof *t->kids);
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].kind != REC_FORK)
			continue;
		size_t child = table_find(t, r->v[i].other);
		if (t->p[child].fork_ev != i)
			continue;
		struct proc *parent = &t->p[t->p[child].parent];
		t->kids[parent->first + parent->nkids++] = child;
	}
}

static void table_free(struct table *t)
{
	free(t->p);
	free(t->kids);
	pm_free(&t->map);
}

/* The alias is the row number plus one.  The engine asks for it for every
 * line a process prints, so it is found in one pass that stops at pid's
 * first appearance, remembering only the PIDs seen before it, rather than
 * by building the whole table each time. */
int rec_alias(const struct recording *r, pid_t pid)
{
	struct pidmap m;
	size_t seen = 0, alias = 0;
	pm_init(&m, 8);
	for (size_t i = 0; i < r->n && !alias; i++) {
		pid_t who[2] = { r->v[i].pid, r->v[i].other };
		int k = r->v[i].kind == REC_FORK ? 2 : 1;
		for (int j = 0; j < k && !alias; j++) {
			if (pm_get(&m, who[j]))
				continue;
			pm_put(&m, who[j], ++seen);
			if (who[j] == pid)
				alias = seen;
		}
	}
	pm_free(&m);
	return alias > INT_MAX ? 0 : (int)alias;
}

/* ---- clean text and columns ---- */

/* The length of the valid UTF-8 sequence at s (2 to 4 bytes, with the code
 * point in *cp), or 0 when the bytes there are not one: overlong forms,
 * surrogates and values past U+10FFFF are refused.  A NUL is never a
 * continuation byte, so this never reads past the end of the string. */
static int utf8_seq(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0], min;
	int len;
	if (c >= 0xF5)
		return 0;
	else if (c >= 0xF0)
		len = 4, c &= 0x07, min = 0x10000;
	else if (c >= 0xE0)
		len = 3, c &= 0x0F, min = 0x800;
	else if (c >= 0xC2)
		len = 2, c &= 0x1F, min = 0x80;
	else
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Append s to sb in a form that is safe to count and to cut: a tab becomes
 * a space; other control characters (C0, DEL and the C1 range, which a
 * terminal could take for the start of an escape sequence) and bytes that
 * are not valid UTF-8 become '?'; without UTF-8 every non-ASCII character
 * becomes one '?'.  A trailing newline is dropped.  Afterwards each
 * character takes one column. */
static void add_clean(struct strbuf *sb, const char *s, int utf8)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p);
	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	const unsigned char *end = p + len;
	while (p < end) {
		unsigned cp;
		int n;
		if (*p == '\t') {
			sb_addc(sb, ' ');
			p++;
		} else if (*p < 0x20 || *p == 0x7F) {
			sb_addc(sb, '?');
			p++;
		} else if (*p < 0x80) {
			sb_addc(sb, (char)*p++);
		} else if ((n = utf8_seq(p, &cp)) == 0 || p + n > end) {
			sb_addc(sb, '?');
			p++;
		} else {
			if (utf8 && cp >= 0xA0)
				sb_addn(sb, (const char *)p, (size_t)n);
			else
				sb_addc(sb, '?');
			p += n;
		}
	}
	sb_addn(sb, "", 0); /* NUL-terminated even when s was empty */
}

/* The columns clean text takes: one per character, that is, one per byte
 * that is not a UTF-8 continuation byte (10xxxxxx). */
static int text_cols(const char *s)
{
	int cols = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			cols++;
	return cols;
}

/* Append the first k characters of clean text s. */
static void add_first_cols(struct strbuf *sb, const char *s, int k)
{
	size_t end = 0;
	for (int cols = 0; s[end]; end++) {
		if (((unsigned char)s[end] & 0xC0) != 0x80 && cols++ == k)
			break;
	}
	sb_addn(sb, s, end);
}

static void add_spaces(struct strbuf *sb, int n)
{
	while (n-- > 0)
		sb_addc(sb, ' ');
}

/* ---- how to draw ---- */

struct look {
	int width, utf8, color, stable;
	const char *tee, *corner, *bar, *blank;  /* tree branches */
	const char *ellipsis;
	int ellipsis_cols;
	const char *rule;                        /* one column of a ruled line */
};

/* U+251C, U+2514 and U+2502 are the light box-drawing tee, corner and
 * vertical line, U+2500 the horizontal one, U+2026 the ellipsis; the
 * compiler stores them as UTF-8, so this file itself stays ASCII.  A width
 * of 0 or less means the typical 80. */
static void look_init(struct look *lk, const struct draw_opts *o)
{
	lk->width = o->width > 0 ? o->width : 80;
	lk->utf8 = o->utf8;
	lk->color = o->color;
	lk->stable = o->stable_pids;
	if (o->utf8) {
		lk->tee = "\u251c\u2500 ";
		lk->corner = "\u2514\u2500 ";
		lk->bar = "\u2502  ";
		lk->ellipsis = "\u2026";
		lk->ellipsis_cols = 1;
		lk->rule = "\u2500";
	} else {
		lk->tee = "|- ";
		lk->corner = "`- ";
		lk->bar = "|  ";
		lk->ellipsis = "...";
		lk->ellipsis_cols = 3;
		lk->rule = "-";
	}
	lk->blank = "   ";
}

/* Each process's text gets one of six ANSI foreground colours picked from
 * its PID, so neighbouring PIDs differ: the same palette, in the same
 * order, as the live output in live.c, so a process keeps its colour from
 * the run to the pictures. */
static int pid_color(pid_t pid)
{
	static const int palette[] = { 32, 33, 34, 35, 36, 91 };
	return palette[(unsigned long)pid % 6];
}

/* A piece of clean text in a line, in a process's colour (0: none). */
struct seg {
	const char *s;
	int color;
};

/* Append the segments to sb, taking at most maxcols columns: when they do
 * not all fit, the text is cut and ends with an ellipsis (left out only
 * when not even the ellipsis fits).  Colour escapes take no column and
 * wrap only the text, never the padding.  Returns the columns used. */
static int add_segs(struct strbuf *sb, const struct seg *segs, size_t n, int maxcols,
		    const struct look *lk)
{
	int total = 0, budget = maxcols < 0 ? 0 : maxcols;
	for (size_t i = 0; i < n; i++)
		total += text_cols(segs[i].s);
	int cut = total > budget;
	int ell = cut && lk->ellipsis_cols <= budget;
	if (ell)
		budget -= lk->ellipsis_cols;
	int used = 0;
	for (size_t i = 0; i < n && used < budget; i++) {
		int k = text_cols(segs[i].s), whole = 1;
		if (k > budget - used) {
			k = budget - used;
			whole = 0;
		}
		if (k == 0)
			continue;
		int color = lk->color ? segs[i].color : 0;
		if (color) {
			char esc[16];
			snprintf(esc, sizeof esc, "\033[%dm", color);
			sb_adds(sb, esc);
		}
		add_first_cols(sb, segs[i].s, k);
		used += k;
		if (ell && !whole) {  /* the cut is inside this piece: same colour */
			sb_adds(sb, lk->ellipsis);
			used += lk->ellipsis_cols;
			ell = 0;
		}
		if (color)
			sb_adds(sb, "\033[0m");
	}
	if (ell) {
		sb_adds(sb, lk->ellipsis);
		used += lk->ellipsis_cols;
	}
	return used;
}

/* Write one line of plain clean text, cut to the width. */
static void put_line(FILE *out, const char *text, const struct look *lk)
{
	struct strbuf sb;
	struct seg seg = { text, 0 };
	sb_init(&sb);
	add_segs(&sb, &seg, 1, lk->width, lk);
	sb_addc(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, out);
	sb_free(&sb);
}

static void put_sb_line(FILE *out, const struct strbuf *sb)
{
	if (sb->len)
		fwrite(sb->buf, 1, sb->len, out);
	fputc('\n', out);
}

/* A process's name in the pictures: "4242", or "4242 P1" under
 * --stable-pids (the alias is its row number plus one). */
static void add_label(struct strbuf *sb, const struct table *t, size_t row, const struct look *lk)
{
	char buf[48];
	if (lk->stable)
		snprintf(buf, sizeof buf, "%ld P%zu", (long)t->p[row].pid, row + 1);
	else
		snprintf(buf, sizeof buf, "%ld", (long)t->p[row].pid);
	sb_adds(sb, buf);
}

/* How a process ended, in words: "exited 0", "killed by SIGKILL", or
 * "still running" when no exit was recorded. */
static void ending_words(const struct proc *p, char *buf, size_t len)
{
	if (p->ended && p->status == REC_UNSEEN)
		snprintf(buf, len, "ended, reaped by its parent");
	else if (p->ended)
		trace_status(p->status, buf, len);
	else
		snprintf(buf, len, "still running");
}

/* ---- the tree ---- */

/* What draw_tree carries between lines: scratch buffers, and which rows
 * have been drawn (each process appears at most once). */
struct treedraw {
	FILE *out;
	const struct recording *r;
	const struct table *t;
	const struct look *lk;
	char *drawn;
	struct strbuf head, label, rest, line;
};

/* The words after a process's name: what it ran, how it ended, and where
 * it went when its parent left first ("re-parented to forksh": the shell
 * is the subreaper that adopts a lesson's orphans). */
static void node_rest(struct treedraw *d, const struct proc *p)
{
	const struct look *lk = d->lk;
	struct strbuf *sb = &d->rest;
	char words[64];
	sb_reset(sb);
	sb_adds(sb, "  ");
	if (d->r->shell && p->pid == d->r->shell)
		sb_adds(sb, "forksh, ");
	if (p->exec) {
		sb_adds(sb, "exec: ");
		add_clean(sb, p->exec, lk->utf8);
		sb_adds(sb, ", ");
	}
	ending_words(p, words, sizeof words);
	sb_adds(sb, words);
	if (p->moved) {
		sb_adds(sb, ", re-parented to ");
		size_t to = table_find(d->t, p->new_parent);
		if (d->r->shell && p->new_parent == d->r->shell)
			sb_adds(sb, "forksh");
		else if (to != NONE)
			add_label(sb, d->t, to, lk);
		else {
			snprintf(words, sizeof words, "%ld", (long)p->new_parent);
			sb_adds(sb, words);
		}
	}
}

/* Draw one process's line: the prefix and branch (in head), its name in
 * its colour, then the rest, all cut to the width together. */
static void tree_line(struct treedraw *d, size_t row)
{
	const struct proc *p = &d->t->p[row];
	sb_reset(&d->label);
	add_label(&d->label, d->t, row, d->lk);
	node_rest(d, p);
	struct seg segs[] = {
		{ d->head.buf ? d->head.buf : "", 0 },
		{ d->label.buf, pid_color(p->pid) },
		{ d->rest.buf, 0 },
	};
	sb_reset(&d->line);
	add_segs(&d->line, segs, 3, d->lk->width, d->lk);
	put_sb_line(d->out, &d->line);
}

/* The number of processes below row, row itself not counted. */
static size_t count_below(const struct table *t, size_t row, size_t *stack)
{
	size_t n = 0, depth = 0;
	stack[depth++] = row;
	while (depth > 0) {
		const struct proc *p = &t->p[stack[--depth]];
		for (size_t k = 0; k < p->nkids; k++) {
			stack[depth++] = t->kids[p->first + k];
			n++;
		}
	}
	return n;
}

struct ending_count {
	char words[64];
	size_t count, first;
};

static int by_count(const void *a, const void *b)
{
	const struct ending_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->first > y->first) - (x->first < y->first);
}

/* The line that stands for the children of row beyond the first
 * TREE_SHOW_KIDS: how many, how they ended, most common ending first
 * ("... 14 more children (12 exited 0, 2 killed by SIGKILL)"), and how
 * many processes they forked in turn, which are not drawn either. */
static void tree_summary(struct treedraw *d, size_t row, size_t *stack)
{
	const struct proc *p = &d->t->p[row];
	size_t hidden = p->nkids - TREE_SHOW_KIDS, ngroups = 0, below = 0;
	struct ending_count *groups = xcalloc(hidden, sizeof *groups);
	for (size_t k = TREE_SHOW_KIDS; k < p->nkids; k++) {
		size_t c = d->t->kids[p->first + k];
		char words[64];
		ending_words(&d->t->p[c], words, sizeof words);
		size_t g = 0;
		while (g < ngroups && strcmp(groups[g].words, words) != 0)
			g++;
		if (g == ngroups) {
			snprintf(groups[g].words, sizeof groups[g].words, "%s", words);
			groups[g].first = ngroups++;
		}
		groups[g].count++;
		below += count_below(d->t, c, stack);
	}
	qsort(groups, ngroups, sizeof *groups, by_count);

	struct strbuf *sb = &d->rest;
	char num[64];
	sb_reset(sb);
	sb_adds(sb, d->lk->ellipsis);
	snprintf(num, sizeof num, " %zu more children (", hidden);
	sb_adds(sb, num);
	if (ngroups == 1) {
		sb_adds(sb, "all ");
		sb_adds(sb, groups[0].words);
	}
	for (size_t g = 0; ngroups > 1 && g < ngroups; g++) {
		snprintf(num, sizeof num, "%s%zu ", g ? ", " : "", groups[g].count);
		sb_adds(sb, num);
		sb_adds(sb, groups[g].words);
	}
	sb_addc(sb, ')');
	if (below) {
		snprintf(num, sizeof num, ", %zu more process%s below them", below,
			 below == 1 ? "" : "es");
		sb_adds(sb, num);
	}
	free(groups);

	struct seg segs[] = { { d->head.buf, 0 }, { sb->buf, 0 } };
	sb_reset(&d->line);
	add_segs(&d->line, segs, 2, d->lk->width, d->lk);
	put_sb_line(d->out, &d->line);
}

/* A depth-first walk with an explicit stack, not recursion, so that even a
 * chain of thousands of nested processes cannot exhaust the C stack.  Each
 * frame remembers the next child to draw, how many children are drawn at
 * all, and the length of the prefix for its children's lines. */
struct frame {
	size_t row, next, shown, plen;
};

/* Draw row and everything below it, row itself without a branch. */
static void tree_walk(struct treedraw *d, size_t row, struct frame *stack, size_t *scratch)
{
	const struct table *t = d->t;
	const struct look *lk = d->lk;
	struct strbuf prefix;
	sb_init(&prefix);
	sb_addn(&prefix, "", 0);

	sb_reset(&d->head);
	sb_addn(&d->head, "", 0);
	tree_line(d, row);
	d->drawn[row] = 1;
	size_t depth = 0;
	size_t n = t->p[row].nkids;
	stack[depth++] = (struct frame){ row, 0, n > TREE_MAX_KIDS ? TREE_SHOW_KIDS : n, 0 };
	while (depth > 0) {
		struct frame *f = &stack[depth - 1];
		const struct proc *p = &t->p[f->row];
		int summary = p->nkids > f->shown;
		if (f->next == f->shown) {
			if (summary) {
				sb_reset(&d->head);
				sb_addn(&d->head, prefix.buf, f->plen);
				sb_adds(&d->head, lk->corner);
				tree_summary(d, f->row, scratch);
			}
			depth--;
			continue;
		}
		size_t c = t->kids[p->first + f->next++];
		if (d->drawn[c])
			continue;
		int last = f->next == f->shown && !summary;
		size_t plen = f->plen;
		sb_reset(&d->head);
		sb_addn(&d->head, prefix.buf, plen);
		sb_adds(&d->head, last ? lk->corner : lk->tee);
		tree_line(d, c);
		d->drawn[c] = 1;
		n = t->p[c].nkids;
		if (n > 0) {
			prefix.len = plen;
			sb_adds(&prefix, last ? lk->blank : lk->bar);
			stack[depth++] = (struct frame){ c, 0, n > TREE_MAX_KIDS ? TREE_SHOW_KIDS : n,
							 prefix.len };
		}
	}
	sb_free(&prefix);
}

void draw_tree(FILE *out, const struct recording *r, const struct draw_opts *o)
{
	struct look lk;
	look_init(&lk, o);
	if (r->n == 0) {
		put_line(out, "Process tree: nothing to draw (no processes were recorded).", &lk);
		return;
	}
	struct table t;
	table_build(&t, r);
	char heading[80];
	snprintf(heading, sizeof heading, "Process tree (%zu process%s):", t.n, t.n == 1 ? "" : "es");
	put_line(out, heading, &lk);

	struct treedraw d = { .out = out, .r = r, .t = &t, .lk = &lk };
	d.drawn = xcalloc(t.n, 1);
	sb_init(&d.head);
	sb_init(&d.label);
	sb_init(&d.rest);
	sb_init(&d.line);
	struct frame *stack = xmalloc(t.n * sizeof *stack);
	size_t *scratch = xmalloc(t.n * sizeof *scratch);

	size_t root = r->root ? table_find(&t, r->root) : NONE;
	tree_walk(&d, root == NONE ? 0 : root, stack, scratch);
	/* Processes whose fork was not recorded (the root's own parent, or
	 * events about a PID nobody forked) start trees of their own.  The
	 * fork edges form a forest, so every other process is below one of
	 * these roots: drawn, or counted in a summary line. */
	int said = 0;
	for (size_t i = 0; i < t.n; i++) {
		if (d.drawn[i] || t.p[i].parent != NONE)
			continue;
		if (!said++)
			put_line(out, "Also seen (their fork was not recorded):", &lk);
		tree_walk(&d, i, stack, scratch);
	}

	free(scratch);
	free(stack);
	sb_free(&d.head);
	sb_free(&d.label);
	sb_free(&d.rest);
	sb_free(&d.line);
	free(d.drawn);
	table_free(&t);
}

/* ---- the timeline ---- */

/* Does the timeline show a row for this event?  Lines printed, forks,
 * execs (the PID stays in its column: exec replaces the program, not the
 * process) and exits; re-parenting is on the tree instead. */
static int on_timeline(enum rec_kind kind)
{
	return kind == REC_SAY || kind == REC_FORK || kind == REC_EXEC || kind == REC_EXIT;
}

struct row {
	double t;
	size_t ev;
};

/* Time order, and arrival order for equal times (a NaN time sorts last). */
static int by_time(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->ev > y->ev) - (x->ev < y->ev);
}

/* "0.253s"; absurd times are kept short so the time column stays narrow. */
static void format_time(char *buf, size_t len, double t)
{
	if (t > -1e7 && t < 1e7)
		snprintf(buf, len, "%.3fs", t);
	else if (t == t)
		snprintf(buf, len, "%.3gs", t);
	else
		snprintf(buf, len, "?");
}

/* The timeline's layout: the width of the time column (with its gap), the
 * number of columns, the width of each but the last (which takes the rest
 * of the line), and whether the last one is the shared "others" column. */
struct layout {
	int tw, ncols, cw, others;
};

/* Lay out n processes in width columns after a time column of tw.  When
 * each can have MIN_COLUMN or more, the columns share the room equally.
 * Otherwise the first processes get columns of MIN_COLUMN and the last
 * column, "others", gets what is left, OTHERS_COLUMN when the width
 * allows, but never at the cost of the first process's own column. */
static void layout_init(struct layout *L, int tw, int width, size_t n)
{
	int avail = width - tw;
	if (avail < 1)
		avail = 1;
	L->tw = tw;
	if ((size_t)avail / MIN_COLUMN >= n) {
		L->ncols = (int)n;
		L->cw = avail / L->ncols;
		L->others = 0;
	} else {
		int direct = (avail - OTHERS_COLUMN) / MIN_COLUMN;
		L->ncols = (direct > 1 ? direct : 1) + 1;
		L->cw = MIN_COLUMN;
		L->others = 1;
	}
}

/* Where column k starts. */
static int col_start(const struct layout *L, int k)
{
	return L->tw + k * L->cw;
}

/* How many columns column k is wide: the last one runs to the edge. */
static int col_width(const struct layout *L, const struct look *lk, int k)
{
	return k == L->ncols - 1 ? lk->width - col_start(L, k) : L->cw;
}

/* How many columns the text in column k may take: one less than the
 * column, for a space between neighbours, except in the last column. */
static int col_room(const struct layout *L, const struct look *lk, int k)
{
	return k == L->ncols - 1 ? col_width(L, lk, k) : L->cw - 1;
}

/* The column of process row. */
static int col_of(const struct layout *L, size_t row)
{
	size_t direct = (size_t)(L->ncols - L->others);
	return row < direct ? (int)row : L->ncols - 1;
}

/* Pad sb, which holds a line taking `used` columns, out to column `to`
 * (never past the width).  Returns the columns the line takes now. */
static int pad_to(struct strbuf *sb, int used, int to, int width)
{
	if (to > width)
		to = width;
	add_spaces(sb, to - used);
	return used > to ? used : to;
}

/* The text of one timeline cell for event e, into sb (clean). */
static void cell_text(struct strbuf *sb, const struct rec_event *e, const struct table *t,
		      const struct look *lk)
{
	char words[64];
	switch (e->kind) {
	case REC_SAY:
		add_clean(sb, e->text, lk->utf8);
		break;
	case REC_FORK:
		sb_adds(sb, "fork -> ");
		add_label(sb, t, table_find(t, e->other), lk);
		break;
	case REC_EXEC:
		sb_adds(sb, "exec: ");
		add_clean(sb, e->text, lk->utf8);
		break;
	case REC_EXIT:
		if (e->status == REC_UNSEEN)
			snprintf(words, sizeof words, "ended");
		else if (WIFEXITED(e->status))
			snprintf(words, sizeof words, "exit %d", WEXITSTATUS(e->status));
		else
			trace_status(e->status, words, sizeof words);
		sb_adds(sb, words);
		break;
	case REC_REPARENT:
		break;
	}
}

/* What draw_timeline carries between rows. */
struct timeline {
	FILE *out;
	const struct look *lk;
	const struct table *t;
	struct layout L;
	struct strbuf line, cell;
};

/* The header: "time", each column's process (or "others"), then a rule
 * under each column. */
static void timeline_header(struct timeline *tl)
{
	const struct look *lk = tl->lk;
	const struct layout *L = &tl->L;
	struct strbuf *line = &tl->line;
	struct seg seg = { "time", 0 };
	sb_reset(line);
	int used = add_segs(line, &seg, 1, lk->width, lk);
	for (int k = 0; k < L->ncols; k++) {
		int shared = L->others && k == L->ncols - 1;
		used = pad_to(line, used, col_start(L, k), lk->width);
		sb_reset(&tl->cell);
		if (shared)
			sb_adds(&tl->cell, "others");
		else
			add_label(&tl->cell, tl->t, (size_t)k, lk);
		seg = (struct seg){ tl->cell.buf, shared ? 0 : pid_color(tl->t->p[k].pid) };
		used += add_segs(line, &seg, 1, col_room(L, lk, k), lk);
	}
	put_sb_line(tl->out, line);

	sb_reset(line);
	used = 0;
	for (int k = -1; k < L->ncols; k++) {
		int n = k < 0 ? L->tw - 2 : col_width(L, lk, k) - 1;
		if (k >= 0)
			used = pad_to(line, used, col_start(L, k), lk->width);
		for (int i = 0; i < n && used < lk->width; i++, used++)
			sb_adds(line, lk->rule);
	}
	put_sb_line(tl->out, line);
}

/* One event's row: its time, then its text in its process's column.  In
 * the shared column the text starts with whose it is. */
static void timeline_row(struct timeline *tl, const struct rec_event *e)
{
	const struct look *lk = tl->lk;
	const struct layout *L = &tl->L;
	size_t row = table_find(tl->t, e->pid);
	int k = col_of(L, row);
	char buf[32];
	format_time(buf, sizeof buf, e->t);
	struct seg seg = { buf, 0 };
	sb_reset(&tl->line);
	int used = add_segs(&tl->line, &seg, 1, lk->width, lk);
	pad_to(&tl->line, used, col_start(L, k), lk->width);

	sb_reset(&tl->cell);
	sb_addn(&tl->cell, "", 0);
	if (L->others && k == L->ncols - 1) {
		if (lk->stable)
			snprintf(buf, sizeof buf, "P%zu: ", row + 1);
		else
			snprintf(buf, sizeof buf, "%ld: ", (long)e->pid);
		sb_adds(&tl->cell, buf);
	}
	cell_text(&tl->cell, e, tl->t, lk);
	seg = (struct seg){ tl->cell.buf, pid_color(e->pid) };
	add_segs(&tl->line, &seg, 1, col_room(L, lk, k), lk);
	put_sb_line(tl->out, &tl->line);
}

void draw_timeline(FILE *out, const struct recording *r, const struct draw_opts *o)
{
	struct look lk;
	look_init(&lk, o);
	size_t nrows = 0;
	for (size_t i = 0; i < r->n; i++)
		nrows += on_timeline(r->v[i].kind);
	if (nrows == 0) {
		put_line(out, "Timeline: nothing to draw (no lines, forks or exits were recorded).", &lk);
		return;
	}
	/* The rows in time order, and the widest time among them. */
	struct row *rows = xmalloc(nrows * sizeof *rows);
	int tw = (int)strlen("time");
	nrows = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (!on_timeline(r->v[i].kind))
			continue;
		char buf[32];
		format_time(buf, sizeof buf, r->v[i].t);
		if ((int)strlen(buf) > tw)
			tw = (int)strlen(buf);
		double t = r->v[i].t;
		rows[nrows++] = (struct row){ t == t ? t : DBL_MAX, i };
	}
	qsort(rows, nrows, sizeof *rows, by_time);

	struct table t;
	table_build(&t, r);
	struct timeline tl = { .out = out, .lk = &lk, .t = &t };
	layout_init(&tl.L, tw + 2, lk.width, t.n);
	sb_init(&tl.line);
	sb_init(&tl.cell);

	put_line(out, "Timeline (time goes down; one column per process):", &lk);
	timeline_header(&tl);
	for (size_t i = 0; i < nrows; i++)
		timeline_row(&tl, &r->v[rows[i].ev]);

	sb_free(&tl.line);
	sb_free(&tl.cell);
	table_free(&t);
	free(rows);
}
