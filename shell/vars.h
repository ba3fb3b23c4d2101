/* vars.h - shell variables.
 *
 * Exported variables live in the process environment itself (setenv and
 * friends), so execvp passes them on with no copying per command; unexported
 * shell variables live in a small hash table here.  A name is in at most one
 * of the two places.
 */
#ifndef FORKSH_VARS_H
#define FORKSH_VARS_H

#include <stddef.h>
#include <stdio.h>

/* Look a variable up; returns NULL when it is not set. */
const char *var_get(const char *name);

/* Set NAME to value, keeping it exported if it already was.  Returns 0, or
 * -1 when the name is not a valid variable name (nothing is changed). */
int var_set(const char *name, const char *value);

/* Export NAME, with a new value unless value is NULL.  Returns 0 or -1 as
 * var_set does. */
int var_export(const char *name, const char *value);

/* Remove NAME from both places.  Returns 0 or -1 for an invalid name. */
int var_unset(const char *name);

/* Is s (of length n) a valid variable name: [A-Za-z_][A-Za-z0-9_]* ? */
int var_valid_name(const char *s, size_t n);

/* Split "NAME=value" at the first '=' into a fresh name; *value points into
 * s at the (still unexpanded) value. */
char *var_split_assignment_raw(const char *s, const char **value);

/* Print the exported variables as `export NAME='value'` lines, sorted. */
void var_print_exported(FILE *out);

/* Free the unexported table (for a tidy exit under leak checkers). */
void var_clear_all(void);

/* Write s to out quoted so that a shell reads it back as the same word. */
void var_print_quoted(FILE *out, const char *s);

/* Does the shell's locale (its LC_ALL, LC_CTYPE, LANG variables) ask for
 * UTF-8?  Decides box-drawing characters versus ASCII in drawn trees. */
int var_locale_utf8(void);

#endif
