/* builtins.h - commands that run inside the shell process.
 *
 * Each builtin has the signature of a tiny program, as in dash: it gets argc
 * and argv, writes to stdout/stderr, and returns its exit status (2 for a
 * usage error).  Adding one is adding a function and a row to the table in
 * builtins/table.c.
 */
#ifndef FORKSH_BUILTINS_H
#define FORKSH_BUILTINS_H

typedef int (*builtin_fn)(int argc, char **argv);

struct builtin {
	const char *name;
	builtin_fn fn;
	const char *usage;    /* one line: "cd [DIR | -]" */
	const char *summary;  /* one sentence for `help` */
	const char *why;      /* why this must be a builtin, for `help NAME` and `type` */
};

/* Find a builtin by name; NULL when there is none. */
const struct builtin *builtin_find(const char *name);

/* The whole table, terminated by a row with a NULL name. */
extern const struct builtin builtin_table[];

/* Report a usage error for builtin b ("usage: ..."); returns 2. */
int builtin_usage(const struct builtin *b);

int bi_cd(int argc, char **argv);
int bi_pwd(int argc, char **argv);
int bi_exit(int argc, char **argv);
int bi_export(int argc, char **argv);
int bi_unset(int argc, char **argv);
int bi_type(int argc, char **argv);
int bi_help(int argc, char **argv);
int bi_history(int argc, char **argv);
int bi_true(int argc, char **argv);
int bi_false(int argc, char **argv);
int bi_exec(int argc, char **argv);
int bi_jobs(int argc, char **argv);
int bi_fg(int argc, char **argv);
int bi_bg(int argc, char **argv);
int bi_wait(int argc, char **argv);
int bi_kill(int argc, char **argv);
int bi_disown(int argc, char **argv);
int bi_trace(int argc, char **argv);
int bi_explain(int argc, char **argv);
int bi_ptree(int argc, char **argv);
int bi_lesson(int argc, char **argv);

#endif
