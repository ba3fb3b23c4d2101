/* escape.h - the backslash escapes of echo and printf.
 *
 * printf's format knows \\ \a \b \e \f \n \r \t \v and \NNN (one to three
 * octal digits).  The strings of echo and of printf's %b know the same and
 * two more: \c, which ends all output, and \0NNN, whose leading 0 does not
 * count as one of the three digits.  Anything else after a backslash is
 * not an escape: the backslash stands for itself.  (These are dash's
 * rules; \e is an extension that dash has too.)
 */
#ifndef FORKSH_ESCAPE_H
#define FORKSH_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* escape_decode returns this for \c in a string. */
#define ESCAPE_STOP (-1)

/* Decode the escape whose backslash came just before s.  string: the
 * rules of echo and %b, else those of printf's format.  Sets *byte to
 * the byte it stands for and returns how many characters of s it used:
 * 0 when s starts no escape (*byte is then the backslash itself), or
 * ESCAPE_STOP for \c in a string. */
int escape_decode(const char *s, int string, unsigned char *byte);

/* Write s with echo's escapes decoded to out, but no more than limit
 * bytes (SIZE_MAX: all of them); with out NULL, write nothing.  Returns
 * how many bytes the decoded string has (up to a \c), and sets *stopped
 * to 1 if it ended at a \c, else 0. */
size_t escape_write(const char *s, FILE *out, size_t limit, int *stopped);

#endif
