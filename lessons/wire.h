/* wire.h - the one-message records lesson processes send to the engine.
 *
 * The engine and every lesson process share one AF_UNIX SOCK_SEQPACKET
 * socket pair: each record is one message, "K PID OTHER SECONDS STATUS
 * TEXT", so records of many processes never mix, and a record can carry a
 * descriptor (SCM_RIGHTS), which is how an exec's witness pipe reaches the
 * engine.  K is:
 *   F  PID was forked by OTHER (sent by both sides; the engine keeps one);
 *      TEXT, when not empty, says why (the shell's reason for the fork)
 *   S  PID wrote the line TEXT on stream STATUS (1 or 2)
 *   X  PID is ending now with wait status STATUS
 *   W  PID reaped OTHER, whose wait status was STATUS
 *   E  PID is about to exec TEXT; the message carries the read end of a
 *      close-on-exec pipe: EOF on it means the exec succeeded, an int on it
 *      is the errno of its failure
 *   A  PID, child of OTHER, runs TEXT (sent by a program a lesson started,
 *      about itself or its parent, when the lesson code did not fork it);
 *      STATUS is WIRE_A_SELF when PID is the sender itself (then TEXT is
 *      proof that its exec happened)
 *   R  PID made itself a child subreaper
 * Sending is async-signal-safe (no stdio, no malloc), so a SIGCHLD handler
 * in lesson code can reap and be recorded at that moment.  Shared by the
 * shell and the small forksh-hello program.
 */
#ifndef FORKSH_WIRE_H
#define FORKSH_WIRE_H

#include <stddef.h>
#include <sys/types.h>

/* Environment variables that tell an exec'd program where to report. */
#define WIRE_FD_ENV "FORKSH_RECORD_FD"
#define WIRE_T0_ENV "FORKSH_RECORD_T0"

/* The STATUS of an A record about its sender itself. */
#define WIRE_A_SELF 1

/* The largest record (text beyond it is cut). */
#define WIRE_MAX 2048

/* Seconds on the monotonic clock (async-signal-safe). */
double wire_now(void);

/* Send one record on fd, with passfd attached when it is >= 0 (t is
 * seconds since the run started).  Async-signal-safe; errno is kept. */
void wire_send(int fd, char kind, pid_t pid, pid_t other, double t, int status, const char *text,
	       int passfd);

/* Parse a record of len bytes (not NUL-terminated; buf must have room for
 * one more byte).  Returns 0 with the fields set (*text points into buf),
 * or -1 when it is not a record. */
int wire_parse(char *buf, size_t len, char *kind, long *pid, long *other, double *t, int *status,
	       const char **text);

#endif
