/* exec.h - running a command tree.
 *
 * Builtins run in the shell process.  Every other command goes through the
 * one path this shell exists to show: fork(), then in the child restore the
 * default signals, apply redirections with dup2 and call execvp; in the
 * parent, waitpid.
 */
#ifndef FORKSH_EXEC_H
#define FORKSH_EXEC_H

#include "parser.h"

/* Run a tree and return its status; sh.status is kept up to date as each
 * pipeline finishes, so $? inside a list sees the previous result. */
int exec_node(struct node *n);

/* Parse and run one logical line.  A syntax error is printed with a caret
 * and gives status 2.  Returns the status. */
int exec_string(const char *src);

/* execvp(argv[0], argv), except that a name without '/' longer than
 * NAME_MAX fails at once with ENAMETOOLONG.  Returns only on failure, with
 * errno set. */
void exec_path_search(char **argv);

/* Print why execvp(name) failed with err, the way shells do, and return the
 * status to exit with: 127 (not found) or 126 (found but not runnable). */
int exec_failure(const char *name, int err);

#endif
