/* explain.h - `explain CMDLINE`: what the shell would do, without doing it.
 *
 * The line is parsed exactly as at the prompt, but nothing runs: the tree is
 * drawn, then the system calls the shell would make are listed in order, in
 * plain words.
 */
#ifndef FORKSH_EXPLAIN_H
#define FORKSH_EXPLAIN_H

#include <stdio.h>

/* Explain src on out.  A syntax error is reported as at the prompt (with
 * the caret) and gives 2; otherwise returns 0. */
int explain_line(const char *src, FILE *out, int utf8);

/* If line is "explain ..." (the word explain, unquoted, first) and the
 * parser split it into more than one command (tree, NULL after a syntax
 * error), explain the raw rest of the line, operators and all, and return
 * the status; otherwise return -1 and the line runs as usual.  This lets
 * `explain ls | wc -l` see the pipe. */
struct node;
int explain_intercept(const char *line, const struct node *tree);

#endif
