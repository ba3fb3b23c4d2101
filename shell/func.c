/* func.c - the function table (see func.h): a small hash table. */
#include "func.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NBUCKETS 64

struct fentry {
	struct funcdef_node *def;
	struct fentry *next;
};

static struct fentry *table[NBUCKETS];
static size_t count;

static unsigned hash(const char *s)
{
	unsigned h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % NBUCKETS;
}

static struct fentry **slot(const char *name)
{
	struct fentry **pp = &table[hash(name)];
	while (*pp && strcmp((*pp)->def->name, name) != 0)
		pp = &(*pp)->next;
	return pp;
}

void func_define(struct funcdef_node *f)
{
	struct fentry **pp = slot(f->name);
	funcdef_hold(f);
	if (*pp) {
		funcdef_release((*pp)->def);
		(*pp)->def = f;
		return;
	}
	struct fentry *e = xmalloc(sizeof *e);
	e->def = f;
	e->next = NULL;
	*pp = e;
	count++;
}

struct funcdef_node *func_find(const char *name)
{
	if (!count)
		return NULL;
	struct fentry *e = *slot(name);
	return e ? e->def : NULL;
}

int func_unset(const char *name)
{
	struct fentry **pp = slot(name);
	if (!*pp)
		return -1;
	struct fentry *e = *pp;
	*pp = e->next;
	funcdef_release(e->def);
	free(e);
	count--;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(struct funcdef_node *const *)a)->name, (*(struct funcdef_node *const *)b)->name);
}

void func_each(void (*fn)(struct funcdef_node *f, void *ctx), void *ctx)
{
	struct funcdef_node **all = xmalloc((count + 1) * sizeof *all);
	size_t n = 0;
	for (size_t b = 0; b < NBUCKETS; b++)
		for (struct fentry *e = table[b]; e; e = e->next)
			all[n++] = e->def;
	qsort(all, n, sizeof *all, by_name);
	for (size_t i = 0; i < n; i++)
		fn(all[i], ctx);
	free(all);
}

void func_clear_all(void)
{
	for (size_t b = 0; b < NBUCKETS; b++) {
		while (table[b]) {
			struct fentry *e = table[b];
			table[b] = e->next;
			funcdef_release(e->def);
			free(e);
		}
	}
	count = 0;
}
