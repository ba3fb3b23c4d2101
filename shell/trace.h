/* trace.h - `trace on`: the shell narrates its own process work.
 *
 * Each event of the stream (events.h) becomes one line on the shell's
 * standard error as it happens, tagged with the PID of the process that
 * performed it; lines from a child of the shell are indented.  Each line is
 * written with a single write(2), so lines from different processes never
 * mix mid-line.
 */
#ifndef FORKSH_TRACE_H
#define FORKSH_TRACE_H

#include <stddef.h>

#include "events.h"

/* Turn tracing on or off.  Returns 0, or -1 if stderr cannot be copied. */
int trace_set(int on);

/* Wrap trace lines to cols columns from now on (0: one line each, however
 * long).  A lesson sets it to the width of its own text while it shows a
 * trace, and puts back 0. */
void trace_set_width(int cols);

/* Is tracing on? */
int trace_enabled(void);

/* Format one event as a trace line (no colour, with a newline) into buf.
 * Long lines are cut with "...".  Returns the length. */
size_t trace_format(const struct event *e, char *buf, size_t len);

/* A wait status in words: "exited 0", "killed by SIGINT", "stopped by
 * SIGTSTP", "continued". */
void trace_status(int wstatus, char *buf, size_t len);

#endif
