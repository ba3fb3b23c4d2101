/* wire.h - the one-line records lesson processes send to the engine.
 *
 * "K PID OTHER SECONDS TEXT\n" in a single write(2) of at most PIPE_BUF
 * bytes, so records from many processes never interleave.  K is S (said a
 * line), F (PID was forked by OTHER: sent by the child) or E (about to
 * exec TEXT).  Shared by the shell and the small forksh-hello program.
 */
#ifndef FORKSH_WIRE_H
#define FORKSH_WIRE_H

#include <sys/types.h>

/* Environment variables that tell an exec'd program where to report. */
#define WIRE_FD_ENV "FORKSH_RECORD_FD"
#define WIRE_T0_ENV "FORKSH_RECORD_T0"

/* Seconds on the monotonic clock. */
double wire_now(void);

/* Send one record on fd (t is seconds since the run started). */
void wire_send(int fd, char kind, pid_t pid, pid_t other, double t, const char *text);

#endif
