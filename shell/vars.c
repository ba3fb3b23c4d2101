/* vars.c - the variable table (see vars.h for the design). */
#include "vars.h"

#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "shell.h"
#include "util.h"

extern char **environ;

struct var {
	char *nv;          /* "NAME=value", or "NAME" while unset (flags only) */
	size_t cap;        /* bytes allocated for nv */
	size_t namelen;
	unsigned flags;
	int set;           /* has a value */
	unsigned hash;
	struct var *next;
};

#define NBUCKETS 256
static struct var *table[NBUCKETS];

/* The environment array (see var_environ) and whether it is stale. */
static char **env;
static size_t env_cap;
static int env_dirty = 1;
/* Inherited entries whose names are no shell variable names ("a-b=1"):
 * they are passed on untouched, as bash does. */
static char **foreign;
static size_t nforeign;

static unsigned hash_name(const char *s, size_t n)
{
	unsigned h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

int var_valid_name(const char *s, size_t n)
{
	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return 0;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9')))
			return 0;
	}
	return 1;
}

static struct var **find(const char *name, size_t n, unsigned h)
{
	struct var **pp = &table[h % NBUCKETS];
	while (*pp && !((*pp)->hash == h && (*pp)->namelen == n && memcmp((*pp)->nv, name, n) == 0))
		pp = &(*pp)->next;
	return pp;
}

static struct var *lookup(const char *name)
{
	size_t n = strlen(name);
	return *find(name, n, hash_name(name, n));
}

const char *var_get(const char *name)
{
	struct var *v = lookup(name);
	return v && v->set ? v->nv + v->namelen + 1 : NULL;
}

unsigned var_flags(const char *name)
{
	struct var *v = lookup(name);
	return v ? v->flags : 0;
}

/* Give v a new value (NULL: unset but keep the entry and its flags). */
static void store(struct var *v, const char *value)
{
	if (value) {
		size_t vl = strlen(value), need = v->namelen + vl + 2;
		const char *old = v->nv + v->namelen + 1;
		/* A loop counter changes on every round: its string is rewritten
		 * in place when the new value fits and is not part of the old
		 * one (x=${x#a} passes a pointer into it). */
		int overlaps = v->set && value >= old && value <= old + strlen(old);
		if (need <= v->cap && !overlaps && !(v->flags & V_EXPORT)) {
			v->nv[v->namelen] = '=';
			memcpy(v->nv + v->namelen + 1, value, vl + 1);
		} else {
			size_t cap = need < 32 ? 32 : need;
			char *nv = xmalloc(cap);
			memcpy(nv, v->nv, v->namelen);
			nv[v->namelen] = '=';
			memcpy(nv + v->namelen + 1, value, vl + 1);
			free(v->nv);
			v->nv = nv;
			v->cap = cap;
		}
	} else {
		v->nv[v->namelen] = '\0';
	}
	v->set = value != NULL;
	if (v->flags & V_EXPORT)
		env_dirty = 1;
}

/* Find NAME or make an unset entry for it.  NULL for an invalid name. */
static struct var *get_or_make(const char *name)
{
	size_t n = strlen(name);
	if (!var_valid_name(name, n))
		return NULL;
	unsigned h = hash_name(name, n);
	struct var **pp = find(name, n, h);
	if (!*pp) {
		struct var *v = xcalloc(1, sizeof *v);
		v->nv = xstrndup(name, n);
		v->cap = n + 1;
		v->namelen = n;
		v->hash = h;
		*pp = v;
	}
	return *pp;
}

static int readonly_error(const char *name)
{
	sh_error("%s: is read only", sh_arg(name));
	return -1;
}

static int bad_name(const char *name)
{
	sh_error("%s: bad variable name", sh_arg(name));
	return -1;
}

static void rebuild_env(void);

int var_set_flags(const char *name, const char *value, unsigned flags)
{
	struct var *v = get_or_make(name);
	if (!v)
		return bad_name(name);
	if ((v->flags & V_READONLY) && value)
		return readonly_error(name);
	if ((flags & V_EXPORT) && !(v->flags & V_EXPORT))
		env_dirty = 1;
	v->flags |= flags;
	if (value) {
		/* value may point into the old value (x=${x#a}) */
		store(v, value);
	}
	if (env_dirty && (v->flags & V_EXPORT))
		rebuild_env();
	return 0;
}

/* set -a (allexport) exports every variable the shell assigns: by NAME=value,
 * read, for, getopts, ${x=w}, $((x=1)) and local alike (XCU set). */
int var_set(const char *name, const char *value)
{
	return var_set_flags(name, value, sh.opt[OPT_a] ? V_EXPORT : 0);
}

int var_export(const char *name, const char *value)
{
	return var_set_flags(name, value, V_EXPORT);
}

int var_readonly(const char *name, const char *value)
{
	return var_set_flags(name, value, V_READONLY);
}

int var_unset(const char *name)
{
	size_t n = strlen(name);
	if (!var_valid_name(name, n))
		return bad_name(name);
	unsigned h = hash_name(name, n);
	struct var **pp = find(name, n, h);
	struct var *v = *pp;
	if (!v)
		return 0;
	if (v->flags & V_READONLY)
		return readonly_error(name);
	if (v->flags & V_EXPORT)
		env_dirty = 1;
	*pp = v->next;
	free(v->nv);
	free(v);
	if (env_dirty)
		rebuild_env();
	return 0;
}

char *var_split_assignment_raw(const char *s, const char **value)
{
	const char *eq = strchr(s, '=');
	*value = eq + 1;
	return xstrndup(s, (size_t)(eq - s));
}

/* Collect the exported, set variables into the environment array, and
 * point environ at it, so that getenv() inside the shell agrees too. */
static void rebuild_env(void)
{
	size_t n = nforeign;
	for (size_t b = 0; b < NBUCKETS; b++)
		for (struct var *v = table[b]; v; v = v->next)
			n += (v->flags & V_EXPORT) && v->set;
	if (n + 1 > env_cap) {
		env_cap = (n + 1) * 2;
		env = xrealloc(env, env_cap * sizeof *env);
	}
	size_t i = 0;
	for (size_t b = 0; b < NBUCKETS; b++)
		for (struct var *v = table[b]; v; v = v->next)
			if ((v->flags & V_EXPORT) && v->set)
				env[i++] = v->nv;
	for (size_t k = 0; k < nforeign; k++)
		env[i++] = foreign[k];
	env[i] = NULL;
	environ = env;
	env_dirty = 0;
}

CHILD_PATH char **var_environ(void)
{
	if (env_dirty)
		rebuild_env();
	return env;
}

void var_import_environ(void)
{
	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		if (!eq)
			continue;
		size_t n = (size_t)(eq - *e);
		if (!var_valid_name(*e, n)) {
			foreign = xrealloc(foreign, (nforeign + 1) * sizeof *foreign);
			foreign[nforeign++] = xstrdup(*e);
			continue;
		}
		char *name = xstrndup(*e, n);
		struct var *v = get_or_make(name);
		v->flags |= V_EXPORT;
		store(v, eq + 1);
		free(name);
	}
	rebuild_env();
}

void var_print_quoted(FILE *out, const char *s)
{
	fputc('\'', out);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", out);
		else
			fputc(*s, out);
	}
	fputc('\'', out);
}

static int cmp_var(const void *a, const void *b)
{
	const struct var *x = *(struct var *const *)a, *y = *(struct var *const *)b;
	size_t n = x->namelen < y->namelen ? x->namelen : y->namelen;
	int c = memcmp(x->nv, y->nv, n);
	return c ? c : (x->namelen > y->namelen) - (x->namelen < y->namelen);
}

void var_print(FILE *out, unsigned flags, const char *prefix)
{
	size_t n = 0, cap = 0;
	struct var **list = NULL;
	for (size_t b = 0; b < NBUCKETS; b++) {
		for (struct var *v = table[b]; v; v = v->next) {
			if (flags ? !(v->flags & flags) : !v->set)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				list = xrealloc(list, cap * sizeof *list);
			}
			list[n++] = v;
		}
	}
	if (n)
		qsort(list, n, sizeof *list, cmp_var);
	for (size_t i = 0; i < n; i++) {
		if (prefix)
			fprintf(out, "%s ", prefix);
		fprintf(out, "%.*s", (int)list[i]->namelen, list[i]->nv);
		if (list[i]->set) {
			fputc('=', out);
			var_print_quoted(out, list[i]->nv + list[i]->namelen + 1);
		}
		fputc('\n', out);
	}
	free(list);
}

void var_print_exported(FILE *out)
{
	var_print(out, V_EXPORT, "export");
}

/* ---- local scopes ------------------------------------------------------- */

struct saved {
	char *name;
	char *value;      /* NULL: it was unset */
	unsigned flags;
	int existed;
	struct saved *next;
};

struct scope {
	struct saved *saved;
	struct scope *up;
};

static struct scope *scope;

void *var_enter_scope(void)
{
	struct scope *s = xcalloc(1, sizeof *s);
	s->up = scope;
	scope = s;
	return s;
}

void var_leave_scope(void *token)
{
	struct scope *s = token;
	while (s->saved) {
		struct saved *sv = s->saved;
		s->saved = sv->next;
		struct var *v = get_or_make(sv->name);
		if (!sv->existed) {
			/* environ may hold its entry: rebuild it after the unset */
			if (v->flags & V_EXPORT)
				env_dirty = 1;
			v->flags = 0; /* let the unset go through even if made read-only */
			var_unset(sv->name);
		} else {
			int was_exported = v->flags & V_EXPORT;
			v->flags = sv->flags;
			store(v, sv->value);
			if (was_exported != (int)(v->flags & V_EXPORT))
				env_dirty = 1;
		}
		if (env_dirty)
			rebuild_env();
		free(sv->name);
		free(sv->value);
		free(sv);
	}
	scope = s->up;
	free(s);
}

int var_in_scope(void)
{
	return scope != NULL;
}

int var_make_local(const char *name)
{
	if (!scope)
		return -1;
	for (struct saved *sv = scope->saved; sv; sv = sv->next)
		if (strcmp(sv->name, name) == 0)
			return 0; /* already local here */
	struct var *v = lookup(name);
	struct saved *sv = xcalloc(1, sizeof *sv);
	sv->name = xstrdup(name);
	sv->existed = v != NULL;
	if (v) {
		sv->flags = v->flags;
		sv->value = v->set ? xstrdup(v->nv + v->namelen + 1) : NULL;
	}
	sv->next = scope->saved;
	scope->saved = sv;
	return 0;
}

void var_clear_all(void)
{
	for (size_t i = 0; i < NBUCKETS; i++) {
		while (table[i]) {
			struct var *v = table[i];
			table[i] = v->next;
			free(v->nv);
			free(v);
		}
	}
	for (size_t k = 0; k < nforeign; k++)
		free(foreign[k]);
	free(foreign);
	foreign = NULL;
	nforeign = 0;
	static char *empty[] = { NULL };
	environ = empty;
	free(env);
	env = NULL;
	env_cap = 0;
	env_dirty = 1;
}

int var_locale_utf8(void)
{
	return locale_is_utf8(var_get("LC_ALL"), var_get("LC_CTYPE"), var_get("LANG"));
}
