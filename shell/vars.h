/* vars.h - shell variables: one table, with flags and function scopes.
 *
 * Every variable lives in one hash table, stored as a single "NAME=value"
 * string with flags (exported, read-only).  The environment a child gets is
 * not kept separately: it is an array of pointers to the exported entries,
 * rebuilt whenever an exported variable changes, and `environ` points at
 * it, so execvp passes it on with no copying per command.
 *
 * `local` (as in dash) saves a variable's state in the running function's
 * frame; returning from the function puts it back.
 */
#ifndef FORKSH_VARS_H
#define FORKSH_VARS_H

#include <stddef.h>
#include <stdio.h>

enum {
	V_EXPORT = 1,    /* in the environment of children */
	V_READONLY = 2,  /* cannot be changed or unset */
};

/* Read the environment the shell started with (main calls it once). */
void var_import_environ(void);

/* Look a variable up; returns NULL when it is not set. */
const char *var_get(const char *name);

/* Set NAME to value (keeping its flags) and add the flags in `flags`.
 * Returns 0, or -1 after printing why (an invalid name, a read-only
 * variable): nothing is changed then. */
int var_set_flags(const char *name, const char *value, unsigned flags);
int var_set(const char *name, const char *value);

/* Export NAME, with a new value unless value is NULL (an unset variable is
 * marked, and goes into the environment once it gets a value).  Returns 0
 * or -1 as var_set does. */
int var_export(const char *name, const char *value);

/* Mark NAME read-only, with a new value unless value is NULL. */
int var_readonly(const char *name, const char *value);

/* Remove NAME.  Returns 0, or -1 after printing why (read-only). */
int var_unset(const char *name);

/* The flags of NAME (0 when it does not exist). */
unsigned var_flags(const char *name);

/* Is s (of length n) a valid variable name: [A-Za-z_][A-Za-z0-9_]* ? */
int var_valid_name(const char *s, size_t n);

/* Split "NAME=value" at the first '=' into a fresh name; *value points into
 * s at the value. */
char *var_split_assignment_raw(const char *s, const char **value);

/* The environment for a child: "NAME=value" strings of the exported
 * variables (and any strange entries the shell inherited), NULL-ended.
 * Valid until the next change of an exported variable. */
char **var_environ(void);

/* Print variables sorted by name, quoted for re-input: with `flags` 0 every
 * set variable as NAME='value' (the `set` builtin); otherwise those with
 * the flag, as `prefix NAME='value'` (or `prefix NAME` when unset). */
void var_print(FILE *out, unsigned flags, const char *prefix);
void var_print_exported(FILE *out);

/* Free the whole table (for a tidy exit under leak checkers). */
void var_clear_all(void);

/* Write s to out quoted so that a shell reads it back as the same word. */
void var_print_quoted(FILE *out, const char *s);

/* Does the shell's locale (its LC_ALL, LC_CTYPE, LANG variables) ask for
 * UTF-8?  Decides box-drawing characters versus ASCII in drawn trees. */
int var_locale_utf8(void);

/* ---- function scopes (local) ----------------------------------------- */

/* Enter a function call: later var_make_local calls save into this frame.
 * Returns a token for var_leave_scope. */
void *var_enter_scope(void);

/* Leave it: every variable made local in it gets its old state back. */
void var_leave_scope(void *token);

/* Make NAME local to the running function (its current value and flags
 * stay until changed).  Returns 0, or -1 outside a function. */
int var_make_local(const char *name);

/* Is a function running (so `local` is allowed)? */
int var_in_scope(void);

#endif
