/* param.c - parameter expansion (XCU 2.6.2): $x, ${x}, the special and
 * positional parameters, and the operators - = ? + % %% # ## and ${#x}.
 *
 * The word after an operator is expanded only when the operator uses it
 * (${x:-$(slow)} runs nothing when x is set), into the same buffer, with
 * the quoting its own parts carry.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expand.h"
#include "expandi.h"
#include "shell.h"
#include "vars.h"

/* Letters of $- for the options that are on, in shell_opt order. */
static const char opt_letters[] = "abCefhmnuvx";

static void dollar_dash(char *buf, size_t len)
{
	size_t n = 0;
	for (int i = OPT_a; i <= OPT_x && n + 2 < len; i++)
		if (sh.opt[i])
			buf[n++] = opt_letters[i];
	if (sh.interactive && n + 2 < len)
		buf[n++] = 'i';
	if (sh.from_stdin && n + 2 < len)
		buf[n++] = 's';
	buf[n] = '\0';
}

/* The value of parameter name, or NULL when it is unset.  buf (at least 32
 * bytes) holds numbers; *joined_out gets a malloc'd "$*" when the
 * parameter is @ or * (the caller frees it). */
static const char *value_of(const char *name, char *buf, size_t len, char **joined_out)
{
	*joined_out = NULL;
	if (name[0] >= '0' && name[0] <= '9') {
		long k = strtol(name, NULL, 10);
		if (k == 0)
			return sh.arg0;
		return k <= sh.argc ? sh.argv[k - 1] : NULL;
	}
	if (name[1] == '\0') {
		switch (name[0]) {
		case '#': snprintf(buf, len, "%d", sh.argc); return buf;
		case '?': snprintf(buf, len, "%d", sh.status); return buf;
		case '$': snprintf(buf, len, "%ld", (long)sh.pid); return buf;
		case '!':
			if (!sh.last_bg)
				return NULL;
			snprintf(buf, len, "%ld", (long)sh.last_bg);
			return buf;
		case '-': dollar_dash(buf, len); return buf;
		case '@':
		case '*': {
			if (sh.argc == 0)
				return NULL;
			const char *ifs = var_get("IFS");
			char sep = ifs ? ifs[0] : ' ';
			struct strbuf sb;
			sb_init(&sb);
			for (int i = 0; i < sh.argc; i++) {
				if (i && sep)
					sb_addc(&sb, sep);
				sb_adds(&sb, sh.argv[i]);
			}
			*joined_out = sb.buf ? sb_steal(&sb) : xstrdup("");
			return *joined_out;
		}
		}
	}
	if (strcmp(name, "LINENO") == 0 && !var_get("LINENO")) {
		snprintf(buf, len, "%ld", sh.lineno);
		return buf;
	}
	return var_get(name);
}

/* Append a value with the part's quoting: quoted text, or an expansion
 * result that field splitting and globbing will look at. */
static void put_value(struct xbuf *x, const char *v, int quoted)
{
	if (quoted && !*v)
		xb_qempty(x);
	else
		xb_add(x, v, strlen(v), quoted ? XM_QUOTED : XM_EXP);
}

/* $@ and $* where each positional parameter is a field of its own: "$@"
 * always, and both when unquoted (field splitting then goes on inside
 * each).  "$*" is one field joined by IFS's first character instead. */
static int list_put; /* put_positional ran: "$@" with no parameters is no field at all */

static void put_positional(struct xbuf *x, const char *name, int quoted, const char *joined)
{
	list_put = 1;
	if (name[0] == '*' && (quoted || x->one_string)) {
		put_value(x, joined ? joined : "", quoted);
		return;
	}
	for (int i = 0; i < sh.argc; i++) {
		if (i)
			xb_break(x);
		put_value(x, sh.argv[i], quoted);
	}
}

/* Remove the smallest or largest prefix or suffix of v that pattern
 * matches; returns a new string. */
static char *trim(const char *v, const char *pattern, enum param_op op)
{
	size_t len = strlen(v);
	char *s = xstrdup(v);
	char *result = NULL;
	if (op == PO_LSMALL || op == PO_LLARGE) {
		for (size_t k = 0; k <= len; k++) {
			size_t i = op == PO_LSMALL ? k : len - k;
			char c = s[i];
			s[i] = '\0';
			int m = fnmatch(pattern, s, 0) == 0;
			s[i] = c;
			if (m) {
				result = xstrdup(v + i);
				break;
			}
		}
	} else {
		for (size_t k = 0; k <= len; k++) {
			size_t i = op == PO_RSMALL ? len - k : k;
			if (fnmatch(pattern, s + i, 0) == 0) {
				result = xstrndup(v, i);
				break;
			}
		}
	}
	free(s);
	return result ? result : xstrdup(v);
}

static int is_positional_list(const char *name)
{
	return (name[0] == '@' || name[0] == '*') && name[1] == '\0';
}

int param_expand(struct xbuf *x, const struct wpart *p)
{
	char buf[64], *joined;
	const char *name = p->text;
	const char *v = value_of(name, buf, sizeof buf, &joined);
	int rc = 0;
	size_t before = x->text.len;
	/* unset, or (with a colon) also empty: the operator's word is used */
	int use_word = !v || (p->colon && !*v);

	if (!v && sh.opt[OPT_u] && !is_positional_list(name) &&
	    !(p->op == PO_DEFAULT || p->op == PO_ASSIGN || p->op == PO_ERROR || p->op == PO_ALT)) {
		sh_error("%s: parameter not set", name);
		free(joined);
		return -1;
	}
	switch (p->op) {
	case PO_NONE:
		if (is_positional_list(name))
			put_positional(x, name, p->quoted, joined);
		else if (v)
			put_value(x, v, p->quoted);
		break;
	case PO_LENGTH: {
		long n = is_positional_list(name) ? sh.argc : v ? (long)strlen(v) : 0;
		snprintf(buf, sizeof buf, "%ld", n);
		put_value(x, buf, p->quoted);
		break;
	}
	case PO_DEFAULT:
	case PO_ALT:
		if (use_word == (p->op == PO_DEFAULT))
			rc = p->arg ? xb_param_word(x, p->arg) : 0;
		else if (p->op == PO_DEFAULT && is_positional_list(name))
			put_positional(x, name, p->quoted, joined);
		else if (p->op == PO_DEFAULT)
			put_value(x, v, p->quoted);
		break;
	case PO_ASSIGN:
		if (use_word) {
			if (!var_valid_name(name, strlen(name))) {
				sh_error("${%s=...}: cannot assign to a special or positional parameter", name);
				rc = -1;
				break;
			}
			char *w = p->arg ? expand_string(p->arg) : xstrdup("");
			if (!w || var_set(name, w) < 0) {
				free(w);
				rc = -1;
				break;
			}
			put_value(x, w, p->quoted);
			free(w);
		} else if (is_positional_list(name)) {
			put_positional(x, name, p->quoted, joined);
		} else {
			put_value(x, v, p->quoted);
		}
		break;
	case PO_ERROR:
		if (use_word) {
			char *msg = p->arg ? expand_string(p->arg) : NULL;
			if (msg && *msg)
				sh_error("%s: %s", name, msg);
			else
				sh_error("%s: %s", name, v ? "parameter is empty" : "parameter not set");
			free(msg);
			rc = -1;
		} else if (is_positional_list(name)) {
			put_positional(x, name, p->quoted, joined);
		} else {
			put_value(x, v, p->quoted);
		}
		break;
	case PO_RSMALL:
	case PO_RLARGE:
	case PO_LSMALL:
	case PO_LLARGE: {
		char *pat = p->arg ? expand_pattern(p->arg) : xstrdup("");
		if (!pat) {
			rc = -1;
			break;
		}
		char *t = trim(v ? v : "", pat, p->op);
		put_value(x, t, p->quoted);
		free(t);
		free(pat);
		break;
	}
	}
	free(joined);
	/* "${x-}" and friends that came out empty are still an empty quoted
	 * string, a field of their own. */
	if (rc == 0 && p->quoted && x->text.len == before && !list_put)
		xb_qempty(x);
	list_put = 0;
	return rc;
}
