/* vars.c - the variable store (see vars.h for the two-place design). */
#include "vars.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

extern char **environ;

struct var {
	char *name;
	char *value;
	struct var *next;
};

#define NBUCKETS 64
static struct var *table[NBUCKETS];

static unsigned hash(const char *s)
{
	unsigned h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % NBUCKETS;
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

static struct var **find_local(const char *name)
{
	struct var **pp = &table[hash(name)];
	while (*pp && strcmp((*pp)->name, name) != 0)
		pp = &(*pp)->next;
	return pp;
}

static void remove_local(const char *name)
{
	struct var **pp = find_local(name);
	if (*pp) {
		struct var *v = *pp;
		*pp = v->next;
		free(v->name);
		free(v->value);
		free(v);
	}
}

const char *var_get(const char *name)
{
	struct var *v = *find_local(name);
	return v ? v->value : getenv(name);
}

/* The local table is looked at first: a name is in at most one of the two
 * places, so a shell variable found there is updated without scanning the
 * whole environment with getenv, which is what most assignments in a script
 * would otherwise cost. */
int var_set(const char *name, const char *value)
{
	if (!var_valid_name(name, strlen(name)))
		return -1;
	struct var **pp = find_local(name);
	if (!*pp && getenv(name))
		return setenv(name, value, 1) == 0 ? 0 : -1;
	if (*pp) {
		char *copy = xstrdup(value); /* value may be the old value itself */
		free((*pp)->value);
		(*pp)->value = copy;
		return 0;
	}
	struct var *v = xmalloc(sizeof *v);
	v->name = xstrdup(name);
	v->value = xstrdup(value);
	v->next = NULL;
	*pp = v;
	return 0;
}

int var_export(const char *name, const char *value)
{
	if (!var_valid_name(name, strlen(name)))
		return -1;
	struct var *v = *find_local(name);
	if (!value)
		value = v ? v->value : getenv(name);
	if (!value) {
		/* export of an unset name: POSIX marks it for later; an empty
		 * exported value is the simple, visible approximation. */
		value = "";
	}
	int rc = setenv(name, value, 1) == 0 ? 0 : -1;
	remove_local(name);
	return rc;
}

int var_unset(const char *name)
{
	if (!var_valid_name(name, strlen(name)))
		return -1;
	remove_local(name);
	unsetenv(name);
	return 0;
}

char *var_split_assignment_raw(const char *s, const char **value)
{
	const char *eq = strchr(s, '=');
	*value = eq + 1;
	return xstrndup(s, (size_t)(eq - s));
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

/* Order NAME=value strings by NAME alone, so that A comes before A1. */
static int cmp_name(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t nx = strcspn(x, "="), ny = strcspn(y, "=");
	int c = strncmp(x, y, nx < ny ? nx : ny);
	return c ? c : (nx > ny) - (nx < ny);
}

void var_print_exported(FILE *out)
{
	size_t n = 0;
	while (environ && environ[n])
		n++;
	char **sorted = xmalloc((n + 1) * sizeof *sorted);
	if (n)
		memcpy(sorted, environ, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_name);
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(sorted[i], '=');
		if (!eq || !var_valid_name(sorted[i], (size_t)(eq - sorted[i])))
			continue;
		fprintf(out, "export %.*s=", (int)(eq - sorted[i]), sorted[i]);
		var_print_quoted(out, eq + 1);
		fputc('\n', out);
	}
	free(sorted);
}

void var_clear_all(void)
{
	for (size_t i = 0; i < NBUCKETS; i++) {
		while (table[i]) {
			struct var *v = table[i];
			table[i] = v->next;
			free(v->name);
			free(v->value);
			free(v);
		}
	}
}

int var_locale_utf8(void)
{
	return locale_is_utf8(var_get("LC_ALL"), var_get("LC_CTYPE"), var_get("LANG"));
}
