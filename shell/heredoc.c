/* heredoc.c - here-document bodies: read line by line up to their
 * delimiter when the newline that ends their << line is tokenized, then
 * (delimiter unquoted) parsed like the inside of "..." into one word.
 */
#include "lexeri.h"

#include <string.h>

#include "util.h"

struct word *lex_heredoc_body(struct parser *p, const char *text, size_t pos)
{
	struct source src;
	struct parser sub = { .src = &src, .depth = p->depth + 1 };
	src_init_string(&src, text, strlen(text), p->src->line);
	struct wbuild wb;
	wb_init(&wb, 0);
	struct word *w = NULL;
	if (lex_read_parts(&sub, &wb, M_HEREDOC, 0) == RP_OK)
		w = wb_finish(&wb, src.text.buf ? src.text.buf : "", src.pos);
	else
		wb_discard(&wb);
	if (sub.failed && !p->failed) {
		p->failed = 1;
		p->err = sub.err;
		p->err.pos = pos;
		p->err.line = p->src->line;
	}
	src_free(&src);
	return w;
}

/* Read one here-document's body, line by line, up to its delimiter (or the
 * end of input, which also ends it, as in dash). */
static int read_heredoc(struct parser *p, struct heredoc *h)
{
	struct strbuf body, line;
	sb_init(&body);
	sb_init(&line);
	size_t pos = p->src->pos;
	for (;;) {
		int c;
		sb_reset(&line);
		while ((c = getc_raw(p)) >= 0 && c != '\n') {
			if (h->strip_tabs && c == '\t' && line.len == 0)
				continue;
			sb_addc(&line, (char)c);
			/* unquoted: backslash-newline joins the next line */
			if (!h->quoted && c == '\\' && src_peek(p->src) == '\n') {
				size_t bs = 0;
				while (bs < line.len && line.buf[line.len - 1 - bs] == '\\')
					bs++;
				if (bs % 2 == 1) {
					getc_raw(p);
					line.buf[--line.len] = '\0';
				}
			}
		}
		if (p->failed) {
			sb_free(&body);
			sb_free(&line);
			return -1;
		}
		if (strcmp(line.buf ? line.buf : "", h->delim) == 0)
			break;
		if (c < 0 && line.len == 0)
			break;
		sb_addn(&body, line.buf ? line.buf : "", line.len);
		if (c < 0)
			break; /* the input ended inside the body: no newline to add */
		sb_addc(&body, '\n');
	}
	sb_free(&line);
	h->text = body.buf ? sb_steal(&body) : xstrdup("");
	if (!h->quoted) {
		h->body = lex_heredoc_body(p, h->text, pos);
		if (!h->body)
			return -1;
	}
	return 0;
}

/* The newline that ends a line with << operators: read their bodies now. */
int lex_read_heredocs(struct parser *p)
{
	while (p->pending) {
		struct heredoc *h = p->pending;
		p->pending = h->next_pending;
		h->next_pending = NULL;
		if (read_heredoc(p, h) < 0) {
			p->pending = NULL;
			return -1;
		}
	}
	return 0;
}

