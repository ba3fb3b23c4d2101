/* wordbuild.h - putting a word together part by part (used by the lexer).
 *
 * Literal characters are appended one at a time with their quotedness;
 * runs of the same quotedness become one WP_LIT part.  Expansion parts are
 * appended whole.  wb_finish() turns the result into a struct word and
 * works out its flags and, for a word with nothing to expand, its value.
 */
#ifndef FORKSH_WORDBUILD_H
#define FORKSH_WORDBUILD_H

#include <stddef.h>

#include "node.h"
#include "util.h"

#define WB_SMALL 8

struct wbuild {
	struct wpart *parts;   /* small, or on the heap past WB_SMALL parts */
	size_t *offs;          /* WP_LIT parts: where their text starts in lit */
	size_t n, cap;
	struct wpart small[WB_SMALL];
	size_t small_offs[WB_SMALL];
	struct strbuf lit;     /* the text of every literal run of the word, one after another
				* (in small_lit until it outgrows it: most words do not) */
	char small_lit[128];
	size_t lit_start;      /* where the run being collected starts in lit */
	int lit_open;          /* lit holds a run (possibly an empty quoted one) */
	int lit_quoted;
	unsigned flags;
	int bracket;           /* an unquoted '[' was seen (a ']' makes a glob) */
	size_t adds;           /* characters and parts added so far */
	size_t start;          /* offset of the word in the source text */
};

void wb_init(struct wbuild *wb, size_t start);

/* Append one literal character, quoted or not. */
void wb_lit(struct wbuild *wb, char c, int quoted);

/* Quotes open here: the word counts as quoted.  Returns a mark to give to
 * wb_quote_end when they close. */
size_t wb_quote_mark(struct wbuild *wb);

/* Quotes close: if nothing at all came between them ("" or ''), the word
 * gets an empty quoted part, so that it still makes an (empty) field. */
void wb_quote_end(struct wbuild *wb, size_t mark);

/* Append an expansion part (its contents are taken over). */
void wb_part(struct wbuild *wb, const struct wpart *part);

/* Nothing appended yet? */
int wb_empty(const struct wbuild *wb);

/* Is the word so far exactly NAME= (unquoted, a valid name)? */
int wb_is_assign_prefix(const struct wbuild *wb);

/* The finished word; raw is text[start, end) of the source.  wb is reset. */
struct word *wb_finish(struct wbuild *wb, const char *text, size_t end);

/* Throw away a half-built word (after a syntax error). */
void wb_discard(struct wbuild *wb);

/* A word holding just the literal text s (quoted or not), with raw text
 * raw; for words the parser makes up. */
struct word *word_from_text(const char *s, int quoted, const char *raw);

/* Is p inside the word's own allocation (see struct word's block)? */
int word_owns(const struct word *w, const void *p);

#endif
