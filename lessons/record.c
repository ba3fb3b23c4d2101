/* record.c - the record of a run (see record.h): events, aliases, and the
 * per-process view that every picture is drawn from.
 *
 * The record is a flat list of events in the order they arrived.  Aliases
 * are handed out as events arrive, in a small open-addressing hash table,
 * so that the live output (which names a process at every line) and the
 * pictures drawn afterwards agree on P1, P2, ... by construction, and a
 * 500-process run is never looked up with 500-step scans.
 */
#include "record.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../shell/trace.h"
#include "../shell/util.h"

/* ---- PID -> alias ---- */

static size_t slot_of(const struct rec_aliases *m, pid_t pid)
{
	size_t h = ((size_t)(uint32_t)pid * 2654435761u) & m->mask;
	while (m->val[h] && m->key[h] != pid)
		h = (h + 1) & m->mask;
	return h;
}

/* Store alias for pid (not yet in the map), growing to stay half empty. */
static void alias_put(struct rec_aliases *m, pid_t pid, int alias)
{
	if (2 * (m->used + 1) > (m->key ? m->mask + 1 : 0)) {
		struct rec_aliases big = { .next = m->next };
		size_t cap = m->key ? 2 * (m->mask + 1) : 64;
		big.key = xmalloc(cap * sizeof *big.key);
		big.val = xcalloc(cap, sizeof *big.val);
		big.mask = cap - 1;
		for (size_t i = 0; m->key && i <= m->mask; i++)
			if (m->val[i]) {
				size_t h = slot_of(&big, m->key[i]);
				big.key[h] = m->key[i];
				big.val[h] = m->val[i];
				big.used++;
			}
		free(m->key);
		free(m->val);
		*m = big;
	}
	size_t h = slot_of(m, pid);
	m->key[h] = pid;
	m->val[h] = alias + 1;
	m->used++;
}

int rec_alias(const struct recording *r, pid_t pid)
{
	if (r->shell && pid == r->shell)
		return 0;
	if (!r->alias.key)
		return -1;
	int v = r->alias.val[slot_of(&r->alias, pid)];
	return v ? v - 1 : -1;
}

/* Give pid the next alias unless it has one (the shell never needs one). */
static void alias_note(struct recording *r, pid_t pid)
{
	if (pid <= 0 || (r->shell && pid == r->shell) || rec_alias(r, pid) >= 0)
		return;
	alias_put(&r->alias, pid, ++r->alias.next);
}

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
	alias_note(r, pid);
	if (kind == REC_FORK)
		alias_note(r, other);
}

void rec_free(struct recording *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].text);
	free(r->v);
	free(r->title);
	free(r->alias.key);
	free(r->alias.val);
	r->v = NULL;
	r->title = NULL;
	r->n = r->cap = 0;
	memset(&r->alias, 0, sizeof r->alias);
}

/* ---- aliases inside text ---- */

static int word_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '_';
}

void rec_subst_pids(const struct recording *r, const char *text, struct strbuf *out)
{
	const char *p = text ? text : "";
	while (*p) {
		if (!isdigit((unsigned char)*p) || (p > text && word_char(p[-1]))) {
			sb_addc(out, *p++);
			continue;
		}
		size_t len = strspn(p, "0123456789");
		int alias = -1;
		if (len <= 9 && !word_char(p[len]))
			alias = rec_alias(r, (pid_t)strtol(p, NULL, 10));
		if (alias >= 0) {
			char buf[24];
			snprintf(buf, sizeof buf, "P%d", alias);
			sb_adds(out, buf);
		} else {
			sb_addn(out, p, len);
		}
		p += len;
	}
	sb_addn(out, "", 0);
}

/* ---- the view ---- */

size_t rec_view_find(const struct rec_view *v, pid_t pid)
{
	int a = rec_alias(v->r, pid);
	return a >= 1 && (size_t)a <= v->n ? (size_t)a - 1 : REC_NONE;
}

/* Is row a an ancestor of row b, or b itself? */
static int is_ancestor(const struct rec_view *v, size_t a, size_t b)
{
	for (; b != REC_NONE; b = v->p[b].parent)
		if (b == a)
			return 1;
	return 0;
}

/* One event's effect on the rows it is about. */
static void view_take(struct rec_view *v, size_t i)
{
	const struct rec_event *e = &v->r->v[i];
	size_t self = rec_view_find(v, e->pid);
	struct rec_proc *me = self == REC_NONE ? NULL : &v->p[self];
	size_t other = e->kind == REC_REAP || e->kind == REC_FORK ? rec_view_find(v, e->other) : REC_NONE;
	if (e->t > v->t_end && e->t == e->t)
		v->t_end = e->t;
	switch (e->kind) {
	case REC_FORK:
		if (me && other != REC_NONE && v->p[other].parent == REC_NONE && !is_ancestor(v, other, self)) {
			v->p[other].parent = self;
			v->p[other].fork_ev = i;
			v->p[other].born = e->t;
			v->p[other].why = e->text;
			me->nkids++;
		}
		break;
	case REC_EXEC:
		if (me) {
			me->exec = e->text ? e->text : "";
			me->exec_t = e->t;
		}
		break;
	case REC_EXEC_FAIL:
		if (me) {
			me->failed = e->text ? e->text : "";
			me->failed_errno = e->status;
		}
		break;
	case REC_EXEC_UNKNOWN:
		if (me) {
			me->unknown = e->text ? e->text : "";
			me->unknown_t = e->t;
		}
		break;
	case REC_SAY:
		if (me)
			me->nlines++;
		break;
	case REC_EXIT:
		if (me && !me->ended) {
			me->ended = 1;
			me->status = e->status;
			me->end_t = e->t;
		}
		break;
	case REC_REAP:
		if (other != REC_NONE) {
			struct rec_proc *q = &v->p[other];
			q->reaped = 1;
			q->reaper = e->pid;
			q->reap_t = e->t;
			if (!q->ended) { /* a reap is also an end, if none was seen */
				q->ended = 1;
				q->end_t = e->t;
			}
			if (q->status == REC_UNSEEN)
				q->status = e->status;
		}
		break;
	case REC_REPARENT:
		if (me) {
			me->moved = 1;
			me->new_parent = e->other;
			me->move_t = e->t;
		}
		break;
	case REC_SUBREAPER:
		if (me)
			me->subreaper = 1;
		break;
	case REC_THREAD:
		if (me)
			me->nthreads++;
		break;
	case REC_NKINDS:
		break;
	}
}

void rec_view_build(struct rec_view *v, const struct recording *r)
{
	memset(v, 0, sizeof *v);
	v->r = r;
	v->n = r->alias.next > 0 ? (size_t)r->alias.next : 0;
	v->p = xcalloc(v->n + 1, sizeof *v->p);
	for (size_t i = 0; i < v->n; i++)
		v->p[i] = (struct rec_proc){ .alias = (int)i + 1, .parent = REC_NONE, .born = -1,
					     .fork_ev = REC_NONE,
					     .status = REC_UNSEEN };
	for (size_t i = 0; r->alias.key && i <= r->alias.mask; i++)
		if (r->alias.val[i])
			v->p[r->alias.val[i] - 2].pid = r->alias.key[i];
	for (size_t i = 0; i < r->n; i++) {
		size_t row = rec_view_find(v, r->v[i].pid);
		if (row != REC_NONE && v->p[row].born < 0)
			v->p[row].born = r->v[i].t;
		if (r->v[i].kind == REC_FORK) {
			size_t c = rec_view_find(v, r->v[i].other);
			if (c != REC_NONE && v->p[c].born < 0)
				v->p[c].born = r->v[i].t;
		}
	}
	for (size_t i = 0; i < r->n; i++)
		view_take(v, i);
	/* Children lists as ranges of one array, in fork order. */
	size_t sum = 0;
	for (size_t i = 0; i < v->n; i++) {
		v->p[i].first = sum;
		sum += v->p[i].nkids;
		v->p[i].nkids = 0;
	}
	v->kids = xmalloc((sum + 1) * sizeof *v->kids);
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].kind != REC_FORK)
			continue;
		size_t c = rec_view_find(v, r->v[i].other);
		if (c == REC_NONE || v->p[c].fork_ev != i)
			continue;
		struct rec_proc *pp = &v->p[v->p[c].parent];
		v->kids[pp->first + pp->nkids++] = c;
	}
}

void rec_view_free(struct rec_view *v)
{
	free(v->p);
	free(v->kids);
	v->p = NULL;
	v->kids = NULL;
}

size_t rec_view_root(const struct rec_view *v)
{
	size_t root = v->r->root ? rec_view_find(v, v->r->root) : REC_NONE;
	return root != REC_NONE ? root : v->n ? 0 : REC_NONE;
}

void rec_label(const struct recording *r, pid_t pid, int stable, char *buf, size_t len)
{
	int a = rec_alias(r, pid);
	if (r->shell && pid == r->shell)
		snprintf(buf, len, "forksh");
	else if (stable && a >= 0)
		snprintf(buf, len, "P%d", a);
	else
		snprintf(buf, len, "%ld", (long)pid);
}

void rec_status_words(int status, char *buf, size_t len)
{
	if (status == REC_UNSEEN)
		snprintf(buf, len, "ended");
	else
		trace_status(status, buf, len);
}
