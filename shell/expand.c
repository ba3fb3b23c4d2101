/* expand.c - word expansion.
 *
 * One pass over the raw word builds fields.  Each output byte carries a
 * "quoted" bit in a parallel mask, because only unquoted characters may be
 * glob metacharacters or split the word; quote removal is therefore free: the
 * quote characters are simply never copied.
 */
#include "expand.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pathexp.h"
#include "shell.h"
#include "vars.h"

struct field {
	struct strbuf text;
	struct strbuf mask;   /* '1' where the byte at the same index was quoted */
	int quoted;           /* a quote contributed to this field: keep it even if empty */
	int glob;             /* an unquoted * ? or [ is present */
};

struct expander {
	struct field cur;
	struct strvec *out;   /* NULL in single mode: no splitting, no globbing */
	const char *ifs;
	int split_by_space;   /* the current field was just ended by IFS white space */
	int assign;           /* an assignment value: ~ also expands after ':' */
};

/* Start an empty field.  The text buffer is new (it becomes an argv
 * string), but the mask's buffer is kept and reused field after field: it
 * is freed once, when the whole expansion is done. */
static void field_reset(struct field *f)
{
	sb_init(&f->text);
	sb_reset(&f->mask);
	f->quoted = 0;
	f->glob = 0;
}

static void put(struct expander *e, char c, int quoted)
{
	e->split_by_space = 0;
	sb_addc(&e->cur.text, c);
	sb_addc(&e->cur.mask, quoted ? '1' : '0');
	if (!quoted && (c == '*' || c == '?' || c == '['))
		e->cur.glob = 1;
}

/* Turn a field with unquoted glob characters into a glob(3) pattern in which
 * every quoted character (and every backslash) is escaped. */
static char *glob_pattern(const struct field *f)
{
	struct strbuf p;
	sb_init(&p);
	for (size_t i = 0; i < f->text.len; i++) {
		char c = f->text.buf[i];
		int q = f->mask.buf[i] == '1';
		/* Escaping any quoted byte is harmless and also covers the
		 * characters special only inside [...]: ! ^ - */
		if (c == '\\' || q)
			sb_addc(&p, '\\');
		sb_addc(&p, c);
	}
	return sb_steal(&p);
}

/* Finish the current field: glob it if it asks for it, push the result(s),
 * and start an empty field.  An empty unquoted field vanishes, as in sh. */
static void field_end(struct expander *e)
{
	struct field *f = &e->cur;
	e->split_by_space = 0;
	if (f->text.len == 0 && !f->quoted) {
		sb_free(&f->text);
		field_reset(f);
		return;
	}
	if (f->glob) {
		/* Pathname expansion lives in pathexp.c (a walk that does not
		 * recurse, whatever the pattern's depth). */
		char *pat = glob_pattern(f);
		size_t matched = pathexp_expand(pat, e->out);
		free(pat);
		if (matched > 0) {
			sb_free(&f->text);
			field_reset(f);
			return;
		}
		/* No match (or an error): the word stays as written, minus quotes. */
	}
	sv_push(e->out, sb_steal(&f->text));
	field_reset(f);
}

static int is_ifs(const struct expander *e, char c)
{
	return c != '\0' && strchr(e->ifs, c) != NULL;
}

/* Split at one IFS character, with POSIX's two kinds of separator: runs of
 * IFS white space separate fields (and vanish at the edges), while every
 * other IFS character ends a field even if it is empty ("a::b" is three
 * fields), white space around it included. */
static void split_at(struct expander *e, char c)
{
	if (c == ' ' || c == '\t' || c == '\n') {
		if (e->cur.text.len > 0 || e->cur.quoted) {
			field_end(e);
			e->split_by_space = 1;
		}
		return;
	}
	if (e->split_by_space) {
		e->split_by_space = 0; /* white space already ended this field */
		return;
	}
	e->cur.quoted = 1; /* keep it even when empty */
	field_end(e);
}

/* Add the result of an expansion.  Quoted results go in as they are;
 * unquoted ones are split on IFS (in list mode) and may glob. */
static void put_expansion(struct expander *e, const char *s, int quoted)
{
	for (; *s; s++) {
		if (!quoted && e->out && is_ifs(e, *s))
			split_at(e, *s);
		else
			put(e, *s, quoted);
	}
}

/* The value of a named or special parameter, or NULL if unset.  Numbers are
 * formatted into buf. */
static const char *param_value(const char *name, size_t n, char *buf, size_t bufsz)
{
	if (n == 1) {
		switch (name[0]) {
		case '?': snprintf(buf, bufsz, "%d", sh.status); return buf;
		case '$': snprintf(buf, bufsz, "%ld", (long)sh.pid); return buf;
		case '#': snprintf(buf, bufsz, "%d", sh.argc); return buf;
		case '!':
			if (!sh.last_bg)
				return NULL;
			snprintf(buf, bufsz, "%ld", (long)sh.last_bg);
			return buf;
		}
	}
	if (name[0] >= '0' && name[0] <= '9') {
		/* Only the n digits that belong to the parameter: $10 is $1
		 * followed by a 0, ${10} is the tenth argument. */
		long k = 0;
		for (size_t i = 0; i < n && k < 100000; i++)
			k = k * 10 + (name[i] - '0');
		if (k == 0)
			return sh.arg0;
		return k <= sh.argc ? sh.argv[k - 1] : NULL;
	}
	char key[256];
	if (n >= sizeof key)
		return NULL;
	memcpy(key, name, n);
	key[n] = '\0';
	return var_get(key);
}

/* $@ and $*.  Quoted "$@" makes one field per argument (none at all when
 * there are no arguments); quoted "$*" joins them with the first IFS byte;
 * unquoted, both split every argument further. Returns 1 if anything at
 * all was produced (used to decide whether "$@" leaves an empty field). */
static int put_all_args(struct expander *e, char which, int quoted)
{
	for (int i = 0; i < sh.argc; i++) {
		if (quoted && which == '@')
			e->cur.quoted = 1; /* "$@" keeps empty arguments as fields */
		if (i > 0) {
			if (which == '@' && e->out) {
				field_end(e);
				e->cur.quoted = quoted;
			} else if (quoted || !e->out) {
				/* "$*" joins with the first IFS byte (nothing when IFS
				 * is empty); $@ outside a list context with a space. */
				char sep[2] = { e->ifs[0], '\0' };
				if (which == '@' && !e->out)
					sep[0] = ' ';
				put_expansion(e, sep, 1);
			} else {
				field_end(e);
			}
		}
		put_expansion(e, sh.argv[i], quoted);
	}
	return sh.argc > 0;
}

/* Expand the parameter starting at s[0] == '$'.  Returns how many bytes of s
 * were consumed; *empty_at is set when this was a quoted "$@" with nothing
 * in it. */
static size_t expand_param(struct expander *e, const char *s, int quoted, int *empty_at)
{
	const char *name = s + 1;
	size_t n, used;
	char buf[32];

	if (s[1] == '{') {
		name = s + 2;
		n = (size_t)(strchr(name, '}') - name);
		used = n + 3;
	} else if (s[1] && strchr("?$!#@*0123456789", s[1])) {
		n = 1;
		used = 2;
	} else if ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z') || s[1] == '_') {
		n = 1;
		while ((name[n] >= 'a' && name[n] <= 'z') || (name[n] >= 'A' && name[n] <= 'Z') ||
		       name[n] == '_' || (name[n] >= '0' && name[n] <= '9'))
			n++;
		used = n + 1;
	} else {
		put(e, '$', quoted); /* a lone $ is just a dollar sign */
		return 1;
	}
	if (n == 1 && (name[0] == '@' || name[0] == '*')) {
		if (!put_all_args(e, name[0], quoted) && quoted && name[0] == '@')
			*empty_at = 1;
		return used;
	}
	const char *v = param_value(name, n, buf, sizeof buf);
	if (v)
		put_expansion(e, v, quoted);
	return used;
}

/* ~ and ~user at the start of a word, when followed by / or the end and not
 * quoted.  Returns bytes consumed (0 when there is nothing to expand). */
static size_t expand_tilde(struct expander *e, const char *s)
{
	size_t n = 1;
	while (s[n] && s[n] != '/' && !(e->assign && s[n] == ':')) {
		if (strchr("'\"\\$`", s[n]))
			return 0;
		n++;
	}
	const char *home = NULL;
	if (n == 1) {
		home = var_get("HOME");
		if (!home) {
			struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : NULL;
		}
	} else {
		char user[256];
		if (n - 1 >= sizeof user)
			return 0;
		memcpy(user, s + 1, n - 1);
		user[n - 1] = '\0';
		struct passwd *pw = getpwnam(user);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return 0;
	put_expansion(e, home, 1);
	return n;
}

/* The characters a backslash escapes inside double quotes. */
static int dq_escapable(char c)
{
	return c == '$' || c == '`' || c == '"' || c == '\\' || c == '\n';
}

/* Walk one raw word and feed the expander. */
static void expand_one(struct expander *e, const char *s)
{
	size_t i = 0;
	if (s[0] == '~')
		i = expand_tilde(e, s);
	while (s[i]) {
		char c = s[i];
		if (c == '\\' || c == '\'' || c == '"')
			e->split_by_space = 0; /* even "" is content between separators */
		if (c == '\\' && s[i + 1] == '\0') {
			put(e, c, 1); /* a final backslash quotes nothing: itself */
			i++;
		} else if (c == '\\') {
			if (s[i + 1] != '\n')
				put(e, s[i + 1], 1);
			e->cur.quoted |= s[i + 1] != '\n';
			i += 2;
		} else if (c == '\'') {
			const char *close = strchr(s + i + 1, '\'');
			for (const char *p = s + i + 1; p < close; p++)
				put(e, *p, 1);
			e->cur.quoted = 1;
			i = (size_t)(close - s) + 1;
		} else if (c == '"') {
			int only_empty_at = 0, other = 0;
			i++;
			while (s[i] != '"') {
				if (s[i] == '\\' && dq_escapable(s[i + 1])) {
					if (s[i + 1] != '\n')
						put(e, s[i + 1], 1);
					i += 2;
					other = 1;
				} else if (s[i] == '$') {
					int empty_at = 0;
					i += expand_param(e, s + i, 1, &empty_at);
					if (empty_at)
						only_empty_at = 1;
					else
						other = 1;
				} else {
					put(e, s[i++], 1);
					other = 1;
				}
			}
			i++;
			if (other || !only_empty_at)
				e->cur.quoted = 1;
		} else if (c == '$') {
			int empty_at = 0;
			i += expand_param(e, s + i, 0, &empty_at);
		} else if (c == ':' && e->assign && s[i + 1] == '~') {
			/* PATH=~/bin:~/tools: each element gets its tilde */
			put(e, c, 0);
			i++;
			size_t used = expand_tilde(e, s + i);
			if (used == 0)
				put(e, s[i++], 0);
			i += used;
		} else {
			put(e, c, 0);
			i++;
		}
	}
}

static const char *current_ifs(void)
{
	const char *ifs = var_get("IFS");
	return ifs ? ifs : " \t\n";
}

void expand_words(const struct word *w, size_t n, struct strvec *out)
{
	struct expander e = { .out = out, .ifs = current_ifs() };
	for (size_t k = 0; k < n; k++) {
		field_reset(&e.cur);
		expand_one(&e, w[k].text);
		field_end(&e);
	}
	sb_free(&e.cur.mask);
}

/* Single mode: every byte lands in one field, nothing splits or globs. */
static char *expand_to_string(const char *text, int assign)
{
	struct expander e = { .out = NULL, .ifs = current_ifs(), .assign = assign };
	field_reset(&e.cur);
	expand_one(&e, text);
	sb_free(&e.cur.mask);
	return sb_steal(&e.cur.text);
}

char *expand_single(const char *text)
{
	return expand_to_string(text, 0);
}

char *expand_assign(const char *value)
{
	return expand_to_string(value, 1);
}
