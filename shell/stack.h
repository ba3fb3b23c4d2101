/* stack.h - how much of the C stack is left.
 *
 * The parser, the executor and the expander recurse as deeply as the input
 * nests: ((((...)))) or a function that calls itself.  Instead of a fixed
 * limit that is too small on one machine and too large under a smaller
 * `ulimit -s` on another, they ask how much of the real stack is left and
 * fail with a clear message while there is still room to print it.
 */
#ifndef FORKSH_STACK_H
#define FORKSH_STACK_H

#include <stddef.h>

/* Remember where the stack starts and how large it may grow (RLIMIT_STACK).
 * main() calls it first; otherwise the first stack_low() does. */
void stack_init(void);

/* Is less than `reserve` bytes of stack left below the caller's frame? */
int stack_low(size_t reserve);

/* The margin every recursive walker keeps free: enough for the deepest
 * library call made at the bottom (glob, printf, the dynamic linker). */
#define STACK_RESERVE (160 * 1024)

#endif
