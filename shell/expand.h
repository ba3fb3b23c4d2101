/* expand.h - turning written words into the strings a command receives.
 *
 * Order, as in POSIX sh: tilde, parameters ($NAME ${NAME} $? $$ $! $# $0-$9
 * $@ $*), field splitting of unquoted expansion results on IFS, pathname
 * expansion with glob(3) of unquoted * ? [...], and quote removal last.
 * Expansion cannot fail: the lexer already rejected malformed ${...}.
 */
#ifndef FORKSH_EXPAND_H
#define FORKSH_EXPAND_H

#include "parser.h"
#include "util.h"

/* Expand n words into fields appended to out (which must be initialised). */
void expand_words(const struct word *w, size_t n, struct strvec *out);

/* Expand one word into exactly one string: no field splitting and no
 * globbing.  Used for assignment values and redirection targets. */
char *expand_single(const char *text);

/* Like expand_single, for the value of NAME=value: a ~ after ':' expands
 * too, as in PATH=~/bin:~/.local/bin. */
char *expand_assign(const char *value);

#endif
