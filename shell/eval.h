/* eval.h - running a tree: one switch over node kinds (eval.c), simple
 * commands (evalcmd.c), pipelines, subshells and background jobs
 * (evalproc.c).
 *
 * Builtins and functions run in the shell process.  Every other command
 * goes through the path this shell exists to show: fork, then in the child
 * the redirections with dup2 and execvp; in the parent, waitpid.  A
 * subshell, each member of a pipeline and a background list are forked
 * children that run the shell's own code, with no exec.
 */
#ifndef FORKSH_EVAL_H
#define FORKSH_EVAL_H

#include <stddef.h>

#include "node.h"

enum {
	/* This process ends after the node: a forked child.  Its last
	 * external command is exec'd without another fork, as dash does. */
	EVAL_EXIT = 1,
	/* The status is tested (an if or while condition, left of && or ||,
	 * after !): set -e does not apply. */
	EVAL_TESTED = 2,
	/* eval_text only: each command is written to standard error and
	 * entered in the history before it runs, as if typed at the prompt
	 * (the commands fc re-runs). */
	EVAL_HISTORY = 4,
};

/* Run a tree and return its status; sh.status is kept up to date as each
 * command finishes, so $? inside a list sees the previous result. */
int eval_node(struct node *n, int flags);

/* Parse and run text command by command (eval, traps, lesson code, fc), with
 * flags (EVAL_TESTED: set -e is off, for `if eval ...`; EVAL_HISTORY).  A syntax error
 * is reported with a caret and gives 2.  Returns the status of the last
 * command (0 for none). */
int eval_text(const char *text, size_t len, int flags);

/* The parts of running a simple command (evalcmd.c). */
struct simple_node;
int eval_simple(struct simple_node *s, int flags);

/* Call function f with arguments argv[1..argc-1] (argv[0] is its name). */
struct funcdef_node;
int eval_call(struct funcdef_node *f, int argc, char **argv, int flags);

/* Pipelines, subshells, background jobs (evalproc.c). */
struct pipe_node;
struct group_node;
struct bg_node;
int eval_pipeline(struct pipe_node *p, int flags);
int eval_subshell(struct group_node *g, int flags);
int eval_background(struct bg_node *b);

/* In a forked child that ran shell code: leave with status (running the
 * EXIT trap set inside it, if any). */
void eval_child_exit(int status) __attribute__((noreturn));

/* execvp(argv[0], argv), except that a name without '/' longer than
 * NAME_MAX fails at once with ENAMETOOLONG.  Returns only on failure, with
 * errno set. */
void exec_path_search(char **argv);

/* Print why execvp(name) failed with err, the way shells do, and return the
 * status to exit with: 127 (not found) or 126 (found but not runnable). */
int exec_failure(const char *name, int err);

/* set -e: a command that failed outside a tested context ends the shell. */
void eval_errexit(int status, int flags);

#endif
