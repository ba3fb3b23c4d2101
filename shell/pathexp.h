/* pathexp.h - pathname expansion (XCU 2.6.6) with glob(3).
 *
 * glibc's glob walks one directory level per recursion, so a pattern with
 * thousands of directory levels would run it off the end of the stack;
 * such patterns are left as written instead, the limit coming from the
 * stack actually left (see stack.h).
 */
#ifndef FORKSH_PATHEXP_H
#define FORKSH_PATHEXP_H

#include "util.h"

/* Append the names matching pattern (backslash quotes the next character)
 * to out, sorted.  Returns how many were appended: 0 when nothing matched,
 * the pattern is too long or too deep, or glob failed. */
size_t pathname_expand(const char *pattern, struct strvec *out);

#endif
