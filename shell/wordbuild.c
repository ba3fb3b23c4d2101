/* wordbuild.c - building words out of parts (see wordbuild.h), and the
 * small questions the parser asks of a finished word. */
#include "wordbuild.h"

#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "vars.h"

void wb_init(struct wbuild *wb, size_t start)
{
	memset(wb, 0, sizeof *wb);
	wb->start = start;
}

static void push_part(struct wbuild *wb, const struct wpart *part)
{
	if (wb->n == wb->cap) {
		wb->cap = wb->cap ? wb->cap * 2 : 4;
		wb->parts = xrealloc(wb->parts, wb->cap * sizeof *wb->parts);
	}
	wb->parts[wb->n++] = *part;
}

/* End the literal run being collected, making it a part. */
static void flush_lit(struct wbuild *wb)
{
	if (!wb->lit_open)
		return;
	wb->lit_open = 0;
	if (wb->lit.len == 0 && !wb->lit_quoted)
		return;
	struct wpart part = { .kind = WP_LIT, .quoted = (unsigned char)wb->lit_quoted };
	part.len = wb->lit.len;
	part.text = wb->lit.buf ? sb_steal(&wb->lit) : xstrdup("");
	push_part(wb, &part);
}

void wb_lit(struct wbuild *wb, char c, int quoted)
{
	if (wb->lit_open && wb->lit_quoted != quoted)
		flush_lit(wb);
	if (!wb->lit_open) {
		wb->lit_open = 1;
		wb->lit_quoted = quoted;
	}
	sb_addc(&wb->lit, c);
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
	struct wpart part = { .kind = WP_LIT, .quoted = 1, .text = xstrdup(""), .len = 0 };
	push_part(wb, &part);
	wb->adds++;
}

void wb_part(struct wbuild *wb, const struct wpart *part)
{
	flush_lit(wb);
	push_part(wb, part);
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
	if (wb->n != 0 || !wb->lit_open || wb->lit_quoted || wb->lit.len < 2)
		return 0;
	return wb->lit.buf[wb->lit.len - 1] == '=' && memchr(wb->lit.buf, '=', wb->lit.len) == wb->lit.buf + wb->lit.len - 1 &&
	       var_valid_name(wb->lit.buf, wb->lit.len - 1);
}

struct word *wb_finish(struct wbuild *wb, const char *text, size_t end)
{
	flush_lit(wb);
	struct word *w = xcalloc(1, sizeof *w);
	w->parts = wb->parts;
	w->nparts = wb->n;
	w->flags = wb->flags;
	w->pos = wb->start;
	w->raw = end > wb->start ? xstrndup(text + wb->start, end - wb->start) : xstrdup("");
	if (!(w->flags & (W_EXPAND | W_GLOB))) {
		struct strbuf sb;
		sb_init(&sb);
		for (size_t i = 0; i < w->nparts; i++)
			sb_addn(&sb, w->parts[i].text, w->parts[i].len);
		w->lit = sb.buf ? sb_steal(&sb) : xstrdup("");
	}
	sb_free(&wb->lit);
	memset(wb, 0, sizeof *wb);
	return w;
}

void wb_discard(struct wbuild *wb)
{
	flush_lit(wb);
	struct word tmp = { .nparts = wb->n, .parts = wb->parts };
	struct word *w = xmalloc(sizeof *w);
	*w = tmp;
	word_free(w);
	sb_free(&wb->lit);
	memset(wb, 0, sizeof *wb);
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
