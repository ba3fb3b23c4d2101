/* explaini.h - what the two halves of explain share: the tree drawing
 * (explain.c) and the list of system calls (explainsteps.c). */
#ifndef FORKSH_EXPLAINI_H
#define FORKSH_EXPLAINI_H

#include <stdio.h>

#include "node.h"
#include "util.h"

struct explainer {
	FILE *out;
	int utf8;
	int step;              /* the last system-call step number used */
	struct strvec defined; /* functions the explained line defines, so far */
};

/* Note that the explained line defines the function name (explain runs
 * nothing, so the function table does not know it yet). */
void explain_define(struct explainer *x, const char *name);

/* Whether name would be called as a function: one the shell has, or one
 * the explained line defined before this point. */
int explain_is_function(const struct explainer *x, const char *name);

/* How explain_steps describes a node: as the shell does it, or inside a
 * forked child (whose last program is exec'd without another fork). */
enum { XS_CHILD = 1, XS_LAST = 2 };

/* Number and print the system calls the executor makes for n. */
void explain_steps(struct explainer *x, const struct node *n, int depth, int flags);

/* "stdin", "stdout", "stderr" or "fd". */
const char *fd_role(int fd);

#endif
