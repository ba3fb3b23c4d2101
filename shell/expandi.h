/* expandi.h - what the files of the expander share (not for other modules).
 *
 * Expanding a word appends its text to an xbuf: the bytes, and beside each
 * byte a mark saying where it came from, which decides what happens to it
 * next (field splitting, globbing).
 */
#ifndef FORKSH_EXPANDI_H
#define FORKSH_EXPANDI_H

#include "node.h"
#include "util.h"

enum xmark {
	XM_LIT,     /* unquoted literal text of the word: globbed, never split */
	XM_QUOTED,  /* quoted: neither split nor globbed */
	XM_EXP,     /* unquoted result of an expansion: split on IFS and globbed */
	XM_BREAK,   /* a field boundary that no IFS decides ("$@"); the byte is 0 */
	XM_QEMPTY   /* an empty quoted string ("" or "$x" with x empty): it makes a
		     * field even with nothing in it; the byte is 0 and is dropped */
};

struct xbuf {
	struct strbuf text;
	struct strbuf mark;
	int one_string;  /* for expand_string / expand_pattern: no field splitting
			  * follows, so unquoted $* is joined by IFS as "$*" is */
};

/* Append an empty quoted string (see XM_QEMPTY) and a field boundary. */
void xb_qempty(struct xbuf *x);
void xb_break(struct xbuf *x);

void xb_add(struct xbuf *x, const char *s, size_t n, enum xmark m);
void xb_free(struct xbuf *x);

/* Append the expansion of w's parts to x.  Returns 0 or -1. */
int xb_word(struct xbuf *x, const struct word *w);

/* The same for the word of ${x-word}: its unquoted literal text is part of
 * an expansion's result, so field splitting applies to it too. */
int xb_param_word(struct xbuf *x, const struct word *w);

/* A parameter part (param.c).  Returns 0 or -1. */
int param_expand(struct xbuf *x, const struct wpart *p);

/* Run a command substitution and append its output (cmdsubst.c).  Returns
 * 0 or -1. */
int cmdsubst_expand(struct xbuf *x, const struct wpart *p);
void cmdsubst_note(int status);

/* Fields: split x on IFS and glob each field into out (fields.c). */
void fields_split_glob(struct xbuf *x, struct strvec *out);

#endif
