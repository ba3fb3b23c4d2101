/* alias.h - the alias table (XCU 2.3.1).
 *
 * An alias is text that replaces a command name as the command is read:
 * the parser, seeing an unquoted word in command position that names an
 * alias, splices the alias's text into its input and reads on.  The table
 * lives in the shell core because the parser consults it; the alias and
 * unalias builtins edit it.
 */
#ifndef FORKSH_ALIAS_H
#define FORKSH_ALIAS_H

#include <stdio.h>

/* The text of alias name, or NULL. */
const char *alias_get(const char *name);

/* The table's own copy of the name of alias name (stable until it is
 * removed), or NULL. */
const char *alias_key(const char *name);

/* Define or redefine an alias (value is copied). */
void alias_set(const char *name, const char *value);

/* Remove one (returns -1 if there was none), or all. */
int alias_unset(const char *name);
void alias_clear(void);

/* Print one as `name='value'` (reusable as input), or all, sorted. */
void alias_print(FILE *out, const char *name);
void alias_print_all(FILE *out);

/* Is name a valid alias name (no quotes, blanks, slashes, $ ` = ...)? */
int alias_valid_name(const char *name);

#endif
