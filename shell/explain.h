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

/* Explain a parsed tree (NULL: an empty line).  Returns 0.  `explain`
 * first on a command line becomes an N_EXPLAIN node holding the tree of
 * the rest of the line (parser.c), so `explain ls | wc -l` sees the pipe. */
struct node;
int explain_tree(const struct node *tree, FILE *out, int utf8);

#endif
