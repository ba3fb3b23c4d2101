/* wordbuild.c - building words out of parts (see wordbuild.h), and the
 * small questions the parser asks of a finished word. */
#include "wordbuild.h"

#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "vars.h"

void wb_init(struct wbuild *wb, size_t start)
{
	wb->parts = wb->small;
	wb->offs = wb->small_offs;
	wb->n = 0;
	wb->cap = WB_SMALL;
	wb->lit.buf = wb->small_lit;
	wb->lit.len = 0;
	wb->lit.cap = sizeof wb->small_lit;
	wb->small_lit[0] = '\0';
	wb->lit_start = 0;
	wb->lit_open = wb->lit_quoted = 0;
	wb->flags = 0;
	wb->bracket = 0;
	wb->adds = 0;
	wb->start = start;
}

static void push_part(struct wbuild *wb, const struct wpart *part, size_t off)
{
	if (wb->n == wb->cap) {
		wb->cap *= 2;
		if (wb->parts == wb->small) {
			wb->parts = xmalloc(wb->cap * sizeof *wb->parts);
			wb->offs = xmalloc(wb->cap * sizeof *wb->offs);
			memcpy(wb->parts, wb->small, sizeof wb->small);
			memcpy(wb->offs, wb->small_offs, sizeof wb->small_offs);
		} else {
			wb->parts = xrealloc(wb->parts, wb->cap * sizeof *wb->parts);
			wb->offs = xrealloc(wb->offs, wb->cap * sizeof *wb->offs);
		}
	}
	wb->offs[wb->n] = off;
	wb->parts[wb->n++] = *part;
}

/* End the literal run being collected, making it a part.  Its text stays
 * in wb->lit (text NULL until wb_finish): no allocation per run. */
static void flush_lit(struct wbuild *wb)
{
	if (!wb->lit_open)
		return;
	wb->lit_open = 0;
	size_t len = wb->lit.len - wb->lit_start;
	if (len == 0 && !wb->lit_quoted)
		return;
	struct wpart part = { .kind = WP_LIT, .quoted = (unsigned char)wb->lit_quoted, .len = len };
	push_part(wb, &part, wb->lit_start);
	wb->lit_start = wb->lit.len;
}

/* The text of part i: in wb->lit for a literal run, else its own. */
static const char *part_text(const struct wbuild *wb, size_t i)
{
	const struct wpart *p = &wb->parts[i];
	if (p->kind == WP_LIT && !p->text)
		return wb->lit.buf + wb->offs[i];
	return p->text;
}

void wb_lit(struct wbuild *wb, char c, int quoted)
{
	if (wb->lit_open && wb->lit_quoted != quoted)
		flush_lit(wb);
	if (!wb->lit_open) {
		wb->lit_open = 1;
		wb->lit_quoted = quoted;
	}
	if (wb->lit.len + 2 > wb->lit.cap) {
		/* past the small buffer: to the heap, doubling from then on */
		size_t cap = wb->lit.cap * 2;
		if (wb->lit.buf == wb->small_lit) {
			char *b = xmalloc(cap);
			memcpy(b, wb->small_lit, wb->lit.len + 1);
			wb->lit.buf = b;
		} else {
			wb->lit.buf = xrealloc(wb->lit.buf, cap);
		}
		wb->lit.cap = cap;
	}
	wb->lit.buf[wb->lit.len++] = c;
	wb->lit.buf[wb->lit.len] = '\0';
	wb->adds++;
	if (quoted) {
		wb->flags |= W_QUOTED;
	} else if (c == '*' || c == '?') {
		wb->flags |= W_GLOB;
	} else if (c == '[') {
		wb->bracket = 1;
	} else if (c == ']' && wb->bracket) {
		wb->flags |= W_GLOB;
	}
}

size_t wb_quote_mark(struct wbuild *wb)
{
	wb->flags |= W_QUOTED;
	return wb->adds;
}

void wb_quote_end(struct wbuild *wb, size_t mark)
{
	if (wb->adds != mark)
		return;
	flush_lit(wb);
	struct wpart part = { .kind = WP_LIT, .quoted = 1, .len = 0 };
	push_part(wb, &part, wb->lit.len);
	wb->adds++;
}

void wb_part(struct wbuild *wb, const struct wpart *part)
{
	flush_lit(wb);
	push_part(wb, part, 0);
	wb->adds++;
	wb->flags |= W_EXPAND;
	if (part->kind == WP_TILDE)
		wb->flags |= W_TILDE;
	if (part->quoted)
		wb->flags |= W_QUOTED;
}

int wb_empty(const struct wbuild *wb)
{
	return wb->adds == 0 && !(wb->flags & W_QUOTED);
}

int wb_is_assign_prefix(const struct wbuild *wb)
{
	if (wb->n != 0 || !wb->lit_open || wb->lit_quoted || wb->lit.len < 2 || wb->lit_start != 0)
		return 0;
	return wb->lit.buf[wb->lit.len - 1] == '=' && memchr(wb->lit.buf, '=', wb->lit.len) == wb->lit.buf + wb->lit.len - 1 &&
	       var_valid_name(wb->lit.buf, wb->lit.len - 1);
}

/* The reserved word spelled by s (KW_NONE for none). */
static enum keyword keyword_of(const char *s)
{
	/* by the first character: this runs for every plain word read */
	switch (s[0]) {
	case '!': return s[1] ? KW_NONE : KW_BANG;
	case '{': return s[1] ? KW_NONE : KW_LBRACE;
	case '}': return s[1] ? KW_NONE : KW_RBRACE;
	case 'c': return strcmp(s, "case") == 0 ? KW_CASE : KW_NONE;
	case 'd': return strcmp(s, "do") == 0 ? KW_DO : strcmp(s, "done") == 0 ? KW_DONE : KW_NONE;
	case 'e':
		return strcmp(s, "elif") == 0 ? KW_ELIF : strcmp(s, "else") == 0 ? KW_ELSE
		     : strcmp(s, "esac") == 0 ? KW_ESAC : KW_NONE;
	case 'f': return strcmp(s, "fi") == 0 ? KW_FI : strcmp(s, "for") == 0 ? KW_FOR : KW_NONE;
	case 'i': return strcmp(s, "if") == 0 ? KW_IF : strcmp(s, "in") == 0 ? KW_IN : KW_NONE;
	case 't': return strcmp(s, "then") == 0 ? KW_THEN : KW_NONE;
	case 'u': return strcmp(s, "until") == 0 ? KW_UNTIL : KW_NONE;
	case 'w': return strcmp(s, "while") == 0 ? KW_WHILE : KW_NONE;
	default: return KW_NONE;
	}
}

/* Copy n bytes and a NUL to *at, advancing it; returns where they went. */
static char *place(char **at, const char *s, size_t n)
{
	char *to = *at;
	memcpy(to, s, n);
	to[n] = '\0';
	*at += n + 1;
	return to;
}

/* Free what the builder grew beyond its built-in arrays and make it ready
 * for the next word (the parts' own texts are the caller's business). */
static void wb_release(struct wbuild *wb)
{
	if (wb->parts != wb->small) {
		free(wb->parts);
		free(wb->offs);
	}
	if (wb->lit.buf != wb->small_lit)
		free(wb->lit.buf);
	wb_init(wb, 0);
}

/* The finished word is one allocation: the struct, its parts, their
 * strings, the raw text and the literal value.  A parser reads thousands
 * of words; one malloc and one free each, instead of five or more, is a
 * good part of parsing a long script. */
struct word *wb_finish(struct wbuild *wb, const char *text, size_t end)
{
	flush_lit(wb);
	size_t rawlen = end > wb->start ? end - wb->start : 0;
	int literal = !(wb->flags & (W_EXPAND | W_GLOB));
	size_t litlen = 0, textlen = 0;
	for (size_t i = 0; i < wb->n; i++) {
		const struct wpart *p = &wb->parts[i];
		const char *t = part_text(wb, i);
		if (t)
			textlen += (p->kind == WP_LIT ? p->len : strlen(t)) + 1;
		if (literal)
			litlen += p->len;
	}
	size_t size = sizeof(struct word) + wb->n * sizeof(struct wpart) + textlen + rawlen + 1 +
		      (literal ? litlen + 1 : 0);
	struct word *w = xmalloc(size);
	memset(w, 0, sizeof *w);
	w->block = size;
	w->parts = (struct wpart *)(w + 1);
	w->nparts = wb->n;
	w->flags = wb->flags;
	w->pos = wb->start;
	char *at = (char *)(w->parts + wb->n);
	for (size_t i = 0; i < wb->n; i++) {
		struct wpart p = wb->parts[i];
		const char *t = part_text(wb, i);
		if (t) {
			p.text = place(&at, t, p.kind == WP_LIT ? p.len : strlen(t));
			free(wb->parts[i].text); /* a name the lexer handed over (NULL for a run) */
		}
		w->parts[i] = p;
	}
	w->raw = place(&at, rawlen ? text + wb->start : "", rawlen);
	if (literal) {
		w->lit = at;
		for (size_t i = 0; i < w->nparts; i++) {
			memcpy(at, w->parts[i].text, w->parts[i].len);
			at += w->parts[i].len;
		}
		*at = '\0';
		if (!(w->flags & W_QUOTED))
			w->kw = keyword_of(w->lit);
	}
	wb_release(wb);
	return w;
}

void wb_discard(struct wbuild *wb)
{
	flush_lit(wb);
	for (size_t i = 0; i < wb->n; i++) {
		struct wpart *p = &wb->parts[i];
		free(p->text); /* NULL for literal runs: theirs is in lit */
		word_free(p->arg);
		node_free(p->tree);
	}
	wb_release(wb);
}

struct word *word_from_text(const char *s, int quoted, const char *raw)
{
	struct wbuild wb;
	wb_init(&wb, 0);
	size_t mark = quoted ? wb_quote_mark(&wb) : 0;
	for (; *s; s++)
		wb_lit(&wb, *s, quoted);
	if (quoted)
		wb_quote_end(&wb, mark);
	return wb_finish(&wb, raw, strlen(raw));
}

/* ---- questions the parser asks ----------------------------------------- */

int word_owns(const struct word *w, const void *p)
{
	const char *c = p;
	return w->block && c >= (const char *)w && c < (const char *)w + w->block;
}

int word_is(const struct word *w, const char *s)
{
	return w && w->lit && !(w->flags & W_QUOTED) && strcmp(w->lit, s) == 0;
}

size_t word_assign_len(const struct word *w)
{
	if (!w->nparts || w->parts[0].kind != WP_LIT || w->parts[0].quoted)
		return 0;
	const char *eq = memchr(w->parts[0].text, '=', w->parts[0].len);
	if (!eq || !var_valid_name(w->parts[0].text, (size_t)(eq - w->parts[0].text)))
		return 0;
	return (size_t)(eq - w->parts[0].text);
}

void word_drop_assign_tildes(struct word *w)
{
	int changed = 0;
	for (size_t i = 0; i < w->nparts; i++) {
		struct wpart *p = &w->parts[i];
		if (p->kind != WP_TILDE || !p->in_assign)
			continue;
		size_t n = strlen(p->text);
		char *t = xmalloc(n + 2);
		t[0] = '~';
		memcpy(t + 1, p->text, n + 1);
		if (!word_owns(w, p->text))
			free(p->text);
		p->text = t;
		p->len = n + 1;
		p->kind = WP_LIT;
		p->in_assign = 0;
		changed = 1;
	}
	if (!changed)
		return;
	/* Recompute what depends on the parts: still something to expand? */
	w->flags &= ~(unsigned)W_TILDE;
	int expand = 0, tilde = 0;
	for (size_t i = 0; i < w->nparts; i++) {
		expand |= w->parts[i].kind != WP_LIT;
		tilde |= w->parts[i].kind == WP_TILDE;
	}
	if (tilde)
		w->flags |= W_TILDE;
	if (!expand)
		w->flags &= ~(unsigned)W_EXPAND;
	if (!(w->flags & (W_EXPAND | W_GLOB)) && !w->lit) {
		struct strbuf sb;
		sb_init(&sb);
		for (size_t i = 0; i < w->nparts; i++)
			sb_addn(&sb, w->parts[i].text, w->parts[i].len);
		w->lit = sb.buf ? sb_steal(&sb) : xstrdup("");
	}
}
