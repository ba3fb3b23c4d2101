/* builtins.h - the builtins' functions (the table is in table.c, the
 * interface the shell core uses in shell/builtin.h).
 *
 * Each builtin has the signature of a tiny program, as in dash: it gets argc
 * and argv, writes to stdout/stderr, and returns its exit status (2 for a
 * usage error).  Adding one is adding a function and a row to the table in
 * builtins/table.c.
 */
#ifndef FORKSH_BUILTINS_H
#define FORKSH_BUILTINS_H

#include "../shell/builtin.h"

int bi_cd(int argc, char **argv);
int bi_pwd(int argc, char **argv);
int bi_exit(int argc, char **argv);
int bi_export(int argc, char **argv);
int bi_unset(int argc, char **argv);
int bi_type(int argc, char **argv);
int bi_help(int argc, char **argv);
int bi_history(int argc, char **argv);
int bi_fc(int argc, char **argv);
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
int bi_follow(int argc, char **argv);
int bi_break(int argc, char **argv);
int bi_continue(int argc, char **argv);
int bi_return(int argc, char **argv);
int bi_local(int argc, char **argv);
int bi_set(int argc, char **argv);
int bi_read(int argc, char **argv);
int bi_eval(int argc, char **argv);
int bi_readonly(int argc, char **argv);
int bi_command(int argc, char **argv);
int bi_alias(int argc, char **argv);
int bi_unalias(int argc, char **argv);
int bi_getopts(int argc, char **argv);
int bi_hash(int argc, char **argv);
int bi_umask(int argc, char **argv);
int bi_times(int argc, char **argv);
int bi_trap(int argc, char **argv);
int bi_ulimit(int argc, char **argv);
int bi_dot(int argc, char **argv);
int bi_shift(int argc, char **argv);
int bi_test(int argc, char **argv);   /* test and [ */
int bi_echo(int argc, char **argv);
int bi_printf(int argc, char **argv);

/* The lesson builtin's Tab completion and longer help (lesson_ui.c). */
char *lesson_complete(const char *line, const char *text, int state);
void lesson_help_more(void);

/* The follow builtin's Tab completion and longer help (follow.c). */
char *follow_complete(const char *line, const char *text, int state);
void follow_help(void);

/* help for reserved words and operators (keywords.c): keyword_help
 * returns -1 when name is none of them. */
int keyword_help(const char *name);
void keyword_list(void);

/* Register what the builtins need from the shell core (the lesson
 * exercise check before each prompt).  main() calls it once. */
void builtins_init(void);

#endif
