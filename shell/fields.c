/* fields.c - field splitting (XCU 2.6.5) and pathname expansion (2.6.6) of
 * an expanded word.
 *
 * Only bytes marked XM_EXP (unquoted results of expansions) can split a
 * word: literal text never does, whatever IFS holds.  One separator is a
 * run of IFS white space (space, tab, newline that are in IFS) with at most
 * one other IFS character in it.  A separator that is only white space ends
 * a field only if the field has something in it, so white space around the
 * fields disappears; any other separator always ends one, so `a::b` with
 * IFS=: gives a, an empty field, and b (but a final separator adds no empty
 * field at the end).
 */
#include <stdlib.h>
#include <string.h>

#include "expand.h"
#include "expandi.h"
#include "pathexp.h"
#include "shell.h"
#include "vars.h"

static int is_white(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* One field's bytes [from, to) of x: globbed if the pattern made of them
 * has a pattern character that no backslash escapes (and set -f is off),
 * else taken as it is. */
static void emit(struct xbuf *x, size_t from, size_t to, struct strvec *out)
{
	int pattern = 0, bracket = 0, plain = 1;
	for (size_t i = from; i < to; i++) {
		char c = x->text.buf[i];
		enum xmark m = (enum xmark)x->mark.buf[i];
		if (m == XM_QEMPTY || m == XM_BREAK)
			plain = 0;
		else if (m != XM_QUOTED && (c == '*' || c == '?'))
			pattern = 1;
		else if (m != XM_QUOTED && c == '[')
			bracket = 1;
		else if (m != XM_QUOTED && c == ']' && bracket)
			pattern = 1;
	}
	if (!pattern || sh.opt[OPT_f]) {
		if (plain) {
			sv_push(out, xstrndup(x->text.buf + from, to - from));
			return;
		}
	}
	struct strbuf word, pat;
	sb_init(&word);
	sb_init(&pat);
	for (size_t i = from; i < to; i++) {
		char c = x->text.buf[i];
		enum xmark m = (enum xmark)x->mark.buf[i];
		if (m == XM_QEMPTY || m == XM_BREAK)
			continue;
		sb_addc(&word, c);
		/* The pattern for glob: every quoted character escaped (which
		 * also covers ! ^ - inside [...]).  A backslash that came
		 * unquoted from a variable stays and escapes the next
		 * character, as in dash (v='a\x*'; echo $v matches axb). */
		if (pattern && m == XM_QUOTED)
			sb_addc(&pat, '\\');
		if (pattern)
			sb_addc(&pat, c);
	}
	/* glob's own idea of a pattern: v='a\*b' has a * only as the
	 * pattern would see it, escaped, so it is no pattern at all */
	if (!pattern || sh.opt[OPT_f] || !has_glob_chars(pat.buf ? pat.buf : "") ||
	    pathexp_expand(pat.buf, out) == 0)
		sv_push(out, word.buf ? sb_steal(&word) : xstrdup("")); /* no match: the word as it is */
	sb_free(&word);
	sb_free(&pat);
}

void fields_split_glob(struct xbuf *x, struct strvec *out)
{
	const char *ifs = var_get("IFS");
	if (!ifs)
		ifs = " \t\n";
	size_t n = x->text.len;
	const char *t = x->text.buf;
	const char *m = x->mark.buf;
#define SEP(k) ((k) < n && m[k] == XM_EXP && t[k] && strchr(ifs, t[k]))
	size_t start = 0;
	int have = 0; /* the field being collected has something in it */
	size_t i = 0;
	while (i < n) {
		if (m[i] == XM_BREAK) {
			if (have)
				emit(x, start, i, out);
			start = ++i;
			have = 0;
			continue;
		}
		if (!SEP(i)) {
			have = 1;
			i++;
			continue;
		}
		/* one separator: white space, at most one other IFS character */
		size_t j = i;
		int other = 0;
		while (SEP(j)) {
			if (!is_white(t[j])) {
				if (other)
					break;
				other = 1;
			}
			j++;
		}
		if (have || other)
			emit(x, start, i, out);
		have = 0;
		start = i = j;
	}
	if (have)
		emit(x, start, n, out);
#undef SEP
}
