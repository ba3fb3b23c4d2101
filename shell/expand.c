/* expand.c - word expansion: the parts of a word into an xbuf, then the
 * three ways the result is used (fields, one string, a pattern). */
#include "expand.h"

#include <inttypes.h>
#include <pwd.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "arith.h"
#include "lexer.h"
#include "parser.h"
#include "expandi.h"
#include "shell.h"
#include "stack.h"
#include "vars.h"

void xb_add(struct xbuf *x, const char *s, size_t n, enum xmark m)
{
	if (n == 0)
		return;
	sb_addn(&x->text, s, n);
	size_t at = x->mark.len;
	sb_grow(&x->mark, n);
	memset(x->mark.buf + at, m, n);
	x->mark.len += n;
	x->mark.buf[x->mark.len] = '\0';
}

/* A marker byte: 0 in the text, m in the marks. */
static void xb_marker(struct xbuf *x, enum xmark m)
{
	sb_addc(&x->text, '\0');
	sb_addc(&x->mark, (char)m);
}

void xb_qempty(struct xbuf *x)
{
	xb_marker(x, XM_QEMPTY);
}

void xb_break(struct xbuf *x)
{
	xb_marker(x, XM_BREAK);
}

void xb_free(struct xbuf *x)
{
	sb_free(&x->text);
	sb_free(&x->mark);
}

/* ~ and ~user: the home directory, never split or globbed.  An unknown
 * user, or a bare ~ with HOME unset (as in dash; POSIX leaves it open),
 * leaves the text as written.  With HOME empty, a lone ~ is one empty
 * field (POSIX 2024; dash gives none). */
static void tilde(struct xbuf *x, const struct wpart *p)
{
	const char *home = NULL;
	if (!p->text[0]) {
		home = var_get("HOME");
	} else {
		struct passwd *pw = getpwnam(p->text);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home) {
		xb_add(x, "~", 1, XM_LIT);
		xb_add(x, p->text, strlen(p->text), XM_LIT);
		return;
	}
	if (*home)
		xb_add(x, home, strlen(home), XM_QUOTED);
	else
		xb_qempty(x);
}

/* $((...)): expand the expression as in double quotes, then evaluate. */
static int arith(struct xbuf *x, const struct wpart *p)
{
	char *expr = expand_string(p->arg);
	if (!expr)
		return -1;
	intmax_t v;
	int rc = arith_eval(expr, &v);
	free(expr);
	if (rc < 0)
		return -1;
	char buf[32];
	size_t n = fmt_intmax(buf, v);
	xb_add(x, buf, n, p->quoted ? XM_QUOTED : XM_EXP);
	return 0;
}

static int word_parts(struct xbuf *x, const struct word *w, enum xmark unquoted_lit);

int xb_word(struct xbuf *x, const struct word *w)
{
	return word_parts(x, w, XM_LIT);
}

int xb_param_word(struct xbuf *x, const struct word *w)
{
	return word_parts(x, w, XM_EXP);
}

/* The parts of w into x; unquoted literal text is marked unquoted_lit. */
static int word_parts(struct xbuf *x, const struct word *w, enum xmark unquoted_lit)
{
	if (stack_low(STACK_RESERVE)) {
		sh_error("expansion nested too deeply");
		return -1;
	}
	for (size_t i = 0; i < w->nparts; i++) {
		const struct wpart *p = &w->parts[i];
		int rc = 0;
		switch (p->kind) {
		case WP_LIT:
			if (p->quoted && p->len == 0)
				xb_qempty(x);
			else
				xb_add(x, p->text, p->len, p->quoted ? XM_QUOTED : unquoted_lit);
			break;
		case WP_TILDE:
			tilde(x, p);
			break;
		case WP_PARAM:
			rc = param_expand(x, p);
			break;
		case WP_CMDSUB:
			rc = cmdsubst_expand(x, p);
			break;
		case WP_ARITH:
			rc = arith(x, p);
			break;
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The name of a word that is one parameter by name and nothing else ($x,
 * ${x}), or NULL.  The lexer makes a parameter's text a name, a number or
 * one special character, so its first character tells which. */
static const char *plain_param(const struct word *w)
{
	if (w->nparts != 1 || w->parts[0].kind != WP_PARAM || w->parts[0].op != PO_NONE)
		return NULL;
	const char *name = w->parts[0].text;
	char c = name[0];
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ? name : NULL;
}

/* $x alone as a word (`f $i`, `[ $i -lt 10 ]`), the second commonest word:
 * when its value holds no IFS character and no pattern character, it is
 * one field as it is (or none when empty), and no buffer is needed.
 * Returns 1 when it handled the word, 0 to take the general path. */
static int param_field_fast(const struct word *w, struct strvec *out)
{
	const char *name = plain_param(w);
	if (!name || w->parts[0].quoted || strcmp(name, "LINENO") == 0)
		return 0;
	const char *v = var_get(name);
	if (!v)
		return sh.opt[OPT_u] ? 0 : 1; /* unset: no field (set -u: the error path) */
	const char *ifs = var_get("IFS");
	if (!ifs)
		ifs = " \t\n";
	/* One pass by hand instead of two strpbrk calls: this runs in every
	 * forked child that expands $x (`x=$(echo $i)`), where each library
	 * routine not yet run is another page fault. */
	for (const char *p = v; *p; p++) {
		if (*p == '*' || *p == '?' || *p == '[' || *p == '\\')
			return 0;
		for (const char *s = ifs; *s; s++)
			if (*s == *p)
				return 0;
	}
	if (*v)
		sv_push(out, xstrdup(v));
	return 1;
}

int expand_words(struct word *const *w, size_t n, struct strvec *out)
{
	struct xbuf x = { 0 };
	for (size_t i = 0; i < n; i++) {
		/* The common case: nothing to expand, no pattern. */
		if (w[i]->lit) {
			sv_push(out, xstrdup(w[i]->lit));
			continue;
		}
		if (param_field_fast(w[i], out))
			continue;
		sb_reset(&x.text);
		sb_reset(&x.mark);
		if (xb_word(&x, w[i]) < 0) {
			xb_free(&x);
			return -1;
		}
		fields_split_glob(&x, out);
	}
	xb_free(&x);
	return 0;
}

/* The text of x with field boundaries ("$@") as spaces and empty-string
 * markers dropped. */
static char *joined(struct xbuf *x)
{
	size_t o = 0;
	for (size_t i = 0; i < x->text.len; i++) {
		if (x->mark.buf[i] == XM_QEMPTY)
			continue;
		x->text.buf[o++] = x->mark.buf[i] == XM_BREAK ? ' ' : x->text.buf[i];
	}
	if (!x->text.buf)
		return xstrdup("");
	x->text.buf[o] = '\0';
	x->text.len = o;
	return sb_steal(&x->text);
}

char *expand_string(const struct word *w)
{
	if (w->lit)
		return xstrdup(w->lit);
	const char *name = plain_param(w);
	if (name && !sh.opt[OPT_u]) {
		/* $x alone, the commonest word of all: its value as it is */
		const char *v = var_get(name);
		if (v || strcmp(name, "LINENO") != 0)
			return xstrdup(v ? v : "");
	}
	struct xbuf x = { .one_string = 1 };
	char *s = xb_word(&x, w) < 0 ? NULL : joined(&x);
	xb_free(&x);
	return s;
}

/* The pattern of a word with nothing to expand: its parts, with every
 * quoted character escaped. */
static char *literal_pattern(const struct word *w)
{
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < w->nparts; i++) {
		const struct wpart *p = &w->parts[i];
		for (size_t k = 0; k < p->len; k++) {
			if (p->quoted)
				sb_addc(&sb, '\\');
			sb_addc(&sb, p->text[k]);
		}
	}
	return sb.buf ? sb_steal(&sb) : xstrdup("");
}

char *expand_pattern(const struct word *w)
{
	if (!(w->flags & W_EXPAND))
		return literal_pattern(w);
	struct xbuf x = { .one_string = 1 };
	if (xb_word(&x, w) < 0) {
		xb_free(&x);
		return NULL;
	}
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < x.text.len; i++) {
		char c = x.text.buf[i];
		if (x.mark.buf[i] == XM_QEMPTY)
			continue;
		if (x.mark.buf[i] == XM_BREAK)
			c = ' ';
		else if (x.mark.buf[i] == XM_QUOTED)
			sb_addc(&sb, '\\'); /* any quoted character: ! - ^ inside [...] too */
		sb_addc(&sb, c);
	}
	xb_free(&x);
	return sb.buf ? sb_steal(&sb) : xstrdup("");
}

char *expand_text(const char *text)
{
	struct source src;
	src_init_string(&src, "", 0, 1);
	struct parser p = { .src = &src };
	struct word *w = lex_heredoc_body(&p, text, 0);
	char *r = w ? expand_string(w) : NULL;
	word_free(w);
	src_free(&src);
	return r ? r : xstrdup(text);
}

int has_glob_chars(const char *s)
{
	int bracket = 0;
	for (; *s; s++) {
		if (*s == '*' || *s == '?')
			return 1;
		if (*s == '[')
			bracket = 1;
		else if (*s == ']' && bracket)
			return 1;
		else if (*s == '\\' && s[1])
			s++;
	}
	return 0;
}

/* ---- the status of command substitutions -------------------------------- */

void expand_reset_subst(void)
{
	STORE_CHANGED(sh.subst_ran, 0);
}

void cmdsubst_note(int status)
{
	sh.subst_ran = 1;
	sh.subst_status = status;
}

int expand_subst_ran(int *status)
{
	if (sh.subst_ran)
		*status = sh.subst_status;
	return sh.subst_ran;
}
