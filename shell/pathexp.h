/* pathexp.h - pathname expansion: the names a pattern such as src/ * /[a-c]*.c
 * matches.
 *
 * Kept apart from word expansion so that any expander can call it: it
 * takes a finished pattern and appends the matching names.  Matching is
 * glob(3)'s, with one difference in how a pattern with wildcards in several
 * directory levels is walked: glibc's glob calls itself once per such
 * level and copies the directory part onto the stack each time, so a
 * pattern of 500 levels of * / (or fewer levels of longer names) overflowed
 * the stack and killed the shell under `ulimit -s 512` (found by the
 * fuzzer, then by hand).  pathexp_expand walks level by level instead,
 * handing glob(3) one wildcard level at a time with the directory part
 * already matched and quoted: glob never recurses more than one level, and
 * the stack a pattern needs no longer grows with its depth.
 */
#ifndef FORKSH_PATHEXP_H
#define FORKSH_PATHEXP_H

#include <stddef.h>

#include "util.h"

/* Append to out the existing names that pattern matches, sorted as glob(3)
 * sorts them (by strcoll).  The pattern is in glob(3) syntax: * ? [...]
 * are wildcards and a backslash quotes the byte after it (the expander
 * puts one before every quoted byte).  A name beginning with '.' is
 * matched only by a pattern component beginning with '.'.  Returns the
 * number of names appended: 0 when nothing matches (the caller then keeps
 * the word as written, as POSIX asks), also when the pattern is longer
 * than any path that can be opened (PATH_MAX) or glob(3) fails. */
size_t pathexp_expand(const char *pattern, struct strvec *out);

#endif
