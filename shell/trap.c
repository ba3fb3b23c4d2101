/* trap.c - running trap commands (see trap.h).  No trap can be set yet:
 * the trap builtin comes with the builtins issue; these are the points
 * where the executor runs them. */
#include "trap.h"

void trap_run_pending(void)
{
}

void trap_run_exit(void)
{
}
