/* lessons.h - the registry of lessons (see ../shared/LESSONS.md).
 *
 * Each lesson will be one file in lessons/ and one row in the table in
 * lessons/registry.c.  The engine that runs them comes with its own issue;
 * for now the table is empty and `lesson` is not yet a builtin.
 */
#ifndef FORKSH_LESSONS_H
#define FORKSH_LESSONS_H

#include <stddef.h>

struct lesson {
	const char *name;     /* "fork", "counter", ... */
	const char *summary;  /* one line for the list */
	int (*run)(int argc, char **argv);
};

/* The table, terminated by a row with a NULL name. */
extern const struct lesson lesson_table[];

/* Number of lessons in the table. */
size_t lesson_count(void);

#endif
