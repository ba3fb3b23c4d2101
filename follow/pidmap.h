/* pidmap.h - a map from PID (or thread ID) to a pointer, for the tracer.
 *
 * follow looks a task up at every stop it sees, and a make -j run has
 * thousands of them: open addressing with linear probing keeps that one
 * multiplication and a step or two, and deleting shifts entries back, so
 * that a long run which reuses thread IDs never fills the table with
 * tombstones.
 */
#ifndef FORKSH_PIDMAP_H
#define FORKSH_PIDMAP_H

#include <stddef.h>
#include <sys/types.h>

struct pidmap {
	pid_t *key;      /* 0: an empty slot (no process has PID 0) */
	void **val;
	size_t mask, used;
};

/* The value stored for pid, or NULL. */
void *pidmap_get(const struct pidmap *m, pid_t pid);

/* Store val for pid (pid > 0), replacing what was there. */
void pidmap_put(struct pidmap *m, pid_t pid, void *val);

/* Forget pid (nothing happens if it is not there). */
void pidmap_del(struct pidmap *m, pid_t pid);

/* Free the table (not the values). */
void pidmap_free(struct pidmap *m);

#endif
