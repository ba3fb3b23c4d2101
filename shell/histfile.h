/* histfile.h - reading the entries of a history file, newest last.
 *
 * Kept apart from input.c (the only file that includes readline) so that it
 * can be tested without a terminal: it only splits text into entries.
 */
#ifndef FORKSH_HISTFILE_H
#define FORKSH_HISTFILE_H

#include <stddef.h>

/* Called once for each entry kept: its text (lines joined with '\n') and
 * the "#<seconds>" line written before it, or NULL when it had none. */
typedef void (*histfile_entry_fn)(const char *text, const char *stamp, void *arg);

/* Give fn the last max entries of the history file text buf (len bytes), in
 * order, the way readline writes and reads them: a line "#<digit>..." is the
 * time of the entry after it; empty lines are skipped; a line ending in
 * "\r\n" loses the '\r'; and when the text begins with a time line, a line
 * with no time line before it continues the entry before it (a command
 * typed over several lines).  One pass to count and one to give, so the
 * cost is linear in len whatever the shape of the text.  Returns the number
 * of entries given. */
size_t histfile_tail(const char *buf, size_t len, size_t max, histfile_entry_fn fn, void *arg);

#endif
