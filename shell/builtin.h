/* builtin.h - what the shell core knows of builtins: a table of rows, each
 * with a name, a function with the argv signature of a tiny program, and
 * flags that tell the executor how to run it.
 *
 * The table itself lives in builtins/table.c; the core only looks rows up,
 * so shell/ never depends on the builtins' code (nor on the lessons).
 */
#ifndef FORKSH_BUILTIN_H
#define FORKSH_BUILTIN_H

typedef int (*builtin_fn)(int argc, char **argv);

/* What the executor must know about a builtin (XCU 2.14, 2.9.1). */
enum {
	BI_SPECIAL = 1,      /* a POSIX special builtin: found before functions, its
			      * assignments last, its errors end a script */
	BI_KEEP_REDIRS = 2,  /* its redirections are not undone (exec) */
	BI_DECL = 4          /* a declaration utility (export, readonly, local):
			      * NAME=value arguments are expanded as assignments */
};

struct builtin {
	const char *name;
	builtin_fn fn;
	unsigned flags;
	const char *usage;    /* one line: "cd [DIR | -]" */
	const char *summary;  /* one sentence for `help` */
	const char *why;      /* why this must be a builtin, for `help NAME` and `type` */
	/* Tab completion of its arguments (readline's generator protocol:
	 * state 0 starts anew; returns a malloc'd match or NULL), or NULL for
	 * file names.  line is the whole line typed so far. */
	char *(*complete)(const char *line, const char *text, int state);
	/* More help after the usage, for `help NAME`, or NULL. */
	void (*help)(void);
};

/* Find a builtin by name; NULL when there is none. */
const struct builtin *builtin_find(const char *name);

/* The whole table, terminated by a row with a NULL name. */
extern const struct builtin builtin_table[];

/* Report a usage error for builtin b ("usage: ..."); returns 2. */
int builtin_usage(const struct builtin *b);

#endif
