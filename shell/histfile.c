/* histfile.c - the last entries of a history file, in time linear in its size.
 *
 * readline's read_history() makes an entry of every line before stifling
 * drops the old ones, and it joins a continuation line onto an entry with a
 * strlen() of everything joined so far: a file of plain lines (no time
 * lines, as bash writes by default) read as one multi-line entry took time
 * quadratic in its size, minutes for a few megabytes.  Here only the entries
 * that are kept are ever built.
 */
#include "histfile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Whether the line at p is the time line of an entry ("#" and a digit). */
static int is_stamp(const char *p, const char *end)
{
	return end - p >= 2 && p[0] == '#' && isdigit((unsigned char)p[1]);
}

/* The reader's state between two lines: the time line not yet used (or
 * NULL), the one of the entry begun last (or NULL), and whether the line
 * before was an entry's text. */
struct hf_state {
	const char *stamp, *stamp_end;
	const char *used, *used_end;
	int in_entry;
	int multiline;
};

/* Look at the line [p, end) (no newline, '\r' removed); returns where the
 * entry it begins starts (its time line, if any, else p), or NULL when it
 * begins none (a time line, an empty line or a continuation). */
static const char *hf_line(struct hf_state *st, const char *p, const char *end)
{
	if (p == end)
		return NULL;
	if (is_stamp(p, end)) {
		st->stamp = p;
		st->stamp_end = end;
		st->in_entry = 0;
		return NULL;
	}
	if (st->multiline && st->in_entry)
		return NULL;
	const char *start = st->stamp ? st->stamp : p;
	st->used = st->stamp;
	st->used_end = st->stamp_end;
	st->stamp = NULL;
	st->in_entry = 1;
	return start;
}

/* The end of the line at p (its '\n', or the end of the text), and in
 * *text_end where its text ends (before a '\r' that ends it). */
static const char *line_end(const char *p, const char *end, const char **text_end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *e = nl ? nl : end;
	*text_end = e > p && e[-1] == '\r' ? e - 1 : e;
	return e;
}

/* Hand the entry built in text (if any) to fn. */
static void hf_emit(struct strbuf *text, struct strbuf *stamp, int have_stamp, histfile_entry_fn fn, void *arg,
		    size_t *given)
{
	if (!text->len)
		return;
	fn(text->buf, have_stamp ? stamp->buf : NULL, arg);
	(*given)++;
	sb_reset(text);
}

size_t histfile_tail(const char *buf, size_t len, size_t max, histfile_entry_fn fn, void *arg)
{
	const char *end = buf + len, *te, *e;
	struct hf_state st = { NULL, NULL, NULL, NULL, 0, is_stamp(buf, end) };
	if (max == 0 || len == 0)
		return 0;
	/* First pass: where each of the last max entries starts, in a ring. */
	const char **ring = xmalloc(max * sizeof *ring);
	size_t count = 0;
	for (const char *p = buf; p < end; p = e + 1) {
		e = line_end(p, end, &te);
		const char *start = hf_line(&st, p, te);
		if (start) {
			ring[count % max] = start;
			count++;
		}
	}
	if (count == 0) {
		free(ring);
		return 0;
	}
	const char *from = ring[count > max ? count % max : 0];
	free(ring);

	/* Second pass, from the first entry kept: build and give each one. */
	struct strbuf text, stamp;
	sb_init(&text);
	sb_init(&stamp);
	int have_stamp = 0;
	size_t given = 0;
	st.stamp = NULL;
	st.in_entry = 0;
	for (const char *p = from; p < end; p = e + 1) {
		e = line_end(p, end, &te);
		const char *start = hf_line(&st, p, te);
		if (start) {
			hf_emit(&text, &stamp, have_stamp, fn, arg, &given);
			have_stamp = st.used != NULL;
			if (have_stamp) {
				sb_reset(&stamp);
				sb_addn(&stamp, st.used, (size_t)(st.used_end - st.used));
			}
			sb_addn(&text, p, (size_t)(te - p));
		} else if (p != te && !is_stamp(p, te) && text.len) {
			sb_addc(&text, '\n');
			sb_addn(&text, p, (size_t)(te - p));
		}
	}
	hf_emit(&text, &stamp, have_stamp, fn, arg, &given);
	sb_free(&text);
	sb_free(&stamp);
	return given;
}
