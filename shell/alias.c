/* alias.c - the alias table (see alias.h): a sorted array, small and
 * looked up once per command name read. */
#include "alias.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vars.h"

struct alias {
	char *name;
	char *value;
};

static struct alias *table;
static size_t count;

/* Index of name, or where it would go (*found says which). */
static size_t position(const char *name, int *found)
{
	size_t lo = 0, hi = count;
	*found = 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, table[mid].name);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

const char *alias_get(const char *name)
{
	int found;
	if (!count)
		return NULL;
	size_t i = position(name, &found);
	return found ? table[i].value : NULL;
}

const char *alias_key(const char *name)
{
	int found;
	if (!count)
		return NULL;
	size_t i = position(name, &found);
	return found ? table[i].name : NULL;
}

void alias_set(const char *name, const char *value)
{
	int found;
	size_t i = position(name, &found);
	if (found) {
		char *v = xstrdup(value);
		free(table[i].value);
		table[i].value = v;
		return;
	}
	table = xrealloc(table, (count + 1) * sizeof *table);
	memmove(table + i + 1, table + i, (count - i) * sizeof *table);
	table[i].name = xstrdup(name);
	table[i].value = xstrdup(value);
	count++;
}

int alias_unset(const char *name)
{
	int found;
	size_t i = position(name, &found);
	if (!found)
		return -1;
	free(table[i].name);
	free(table[i].value);
	memmove(table + i, table + i + 1, (count - i - 1) * sizeof *table);
	count--;
	return 0;
}

void alias_clear(void)
{
	for (size_t i = 0; i < count; i++) {
		free(table[i].name);
		free(table[i].value);
	}
	free(table);
	table = NULL;
	count = 0;
}

void alias_print(FILE *out, const char *name)
{
	const char *v = alias_get(name);
	if (!v)
		return;
	fprintf(out, "%s=", name);
	var_print_quoted(out, v);
	fputc('\n', out);
}

void alias_print_all(FILE *out)
{
	for (size_t i = 0; i < count; i++)
		alias_print(out, table[i].name);
}

int alias_valid_name(const char *name)
{
	if (!*name)
		return 0;
	for (const char *s = name; *s; s++)
		if (strchr(" \t\n|&;<>()$`\\\"'=/", *s))
			return 0;
	return 1;
}
