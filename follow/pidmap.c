/* pidmap.c - PID -> pointer, open addressing (see pidmap.h). */
#include "pidmap.h"

#include <stdint.h>
#include <stdlib.h>

#include "../shell/util.h"

static size_t home(const struct pidmap *m, pid_t pid)
{
	return ((size_t)(uint32_t)pid * 2654435761u) & m->mask;
}

/* The slot holding pid, or the empty slot where it would go. */
static size_t find(const struct pidmap *m, pid_t pid)
{
	size_t i = home(m, pid);
	while (m->key[i] && m->key[i] != pid)
		i = (i + 1) & m->mask;
	return i;
}

void *pidmap_get(const struct pidmap *m, pid_t pid)
{
	if (!m->key || pid <= 0)
		return NULL;
	size_t i = find(m, pid);
	return m->key[i] ? m->val[i] : NULL;
}

/* Double the table (or make the first one), keeping it at most half full. */
static void grow(struct pidmap *m)
{
	struct pidmap big;
	size_t cap = m->key ? 2 * (m->mask + 1) : 64;
	big.key = xcalloc(cap, sizeof *big.key);
	big.val = xmalloc(cap * sizeof *big.val);
	big.mask = cap - 1;
	big.used = m->used;
	for (size_t i = 0; m->key && i <= m->mask; i++) {
		if (!m->key[i])
			continue;
		size_t j = find(&big, m->key[i]);
		big.key[j] = m->key[i];
		big.val[j] = m->val[i];
	}
	free(m->key);
	free(m->val);
	*m = big;
}

void pidmap_put(struct pidmap *m, pid_t pid, void *val)
{
	if (!m->key || 2 * (m->used + 1) > m->mask + 1)
		grow(m);
	size_t i = find(m, pid);
	if (!m->key[i]) {
		m->key[i] = pid;
		m->used++;
	}
	m->val[i] = val;
}

void pidmap_del(struct pidmap *m, pid_t pid)
{
	if (!m->key || pid <= 0)
		return;
	size_t i = find(m, pid);
	if (!m->key[i])
		return;
	m->key[i] = 0;
	m->used--;
	/* Shift back the entries of the same run that sit after the hole, so
	 * that a lookup never stops early at it. */
	for (size_t j = (i + 1) & m->mask; m->key[j]; j = (j + 1) & m->mask) {
		size_t h = home(m, m->key[j]);
		/* j's entry may move to the hole i unless its home lies
		 * cyclically in (i, j]. */
		int stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
		if (stays)
			continue;
		m->key[i] = m->key[j];
		m->val[i] = m->val[j];
		m->key[j] = 0;
		i = j;
	}
}

void pidmap_free(struct pidmap *m)
{
	free(m->key);
	free(m->val);
	m->key = NULL;
	m->val = NULL;
	m->mask = m->used = 0;
}
