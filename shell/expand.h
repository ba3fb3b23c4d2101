/* expand.h - turning parsed words into the strings a command receives
 * (XCU 2.6): tilde expansion, parameter expansion, command substitution and
 * arithmetic expansion, then field splitting on IFS of what the expansions
 * produced (never of the literal text), pathname expansion with glob(3),
 * and quote removal.  Quoting was decided by the lexer (node.h), so nothing
 * here scans for quotes.
 *
 * An expansion can fail (${x?message}, $((1/0)), set -u): the functions
 * below then return -1 after printing the message, and the caller abandons
 * the command (see sh_fatal).
 */
#ifndef FORKSH_EXPAND_H
#define FORKSH_EXPAND_H

#include "node.h"
#include "util.h"

/* Expand n words into fields appended to out (which must be initialised).
 * Returns 0, or -1 on an error. */
int expand_words(struct word *const *w, size_t n, struct strvec *out);

/* Expand one word into exactly one string: no field splitting and no
 * pathname expansion ("$@" is joined with spaces).  Used for assignment
 * values, redirection targets, here-document bodies, the case word.
 * Returns a new string, or NULL on an error. */
char *expand_string(const struct word *w);

/* Expand a word as a pattern for fnmatch(3): quoted characters come out
 * escaped with a backslash, so that '*' matches a star.  NULL on error. */
char *expand_pattern(const struct word *w);

/* The status of the last command substitution run by an expansion, and
 * whether one ran since expand_reset_subst(): `x=$(false)` has status 1. */
void expand_reset_subst(void);
int expand_subst_ran(int *status);

/* Expand text as a here-document body is expanded ($ ` and \ special, no
 * quotes): for PS1, PS2 and PS4.  Never fails: text that does not parse
 * comes back as it is.  Returns a new string. */
char *expand_text(const char *text);

/* Is there an unquoted glob character (* ? or a [ with a later ]) in s? */
int has_glob_chars(const char *s);

#endif
