/* func.h - the table of shell functions.
 *
 * A definition is the funcdef node of the tree it was parsed in; the table
 * holds a reference to it (node.h), so the tree can be freed when its line
 * is done while the function lives on, and redefining a function that is
 * running does not pull its body from under it.
 */
#ifndef FORKSH_FUNC_H
#define FORKSH_FUNC_H

#include "node.h"

/* Define (or redefine) the function f->name. */
void func_define(struct funcdef_node *f);

/* The function called name, or NULL. */
struct funcdef_node *func_find(const char *name);

/* Remove it.  Returns 0, or -1 if there was none. */
int func_unset(const char *name);

/* Call fn for every function, sorted by name. */
void func_each(void (*fn)(struct funcdef_node *f, void *ctx), void *ctx);

/* Drop every definition (at exit, for leak checkers). */
void func_clear_all(void);

#endif
