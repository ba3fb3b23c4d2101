/* collect.h - the engine's side of recording a lesson run: turning the
 * records lesson processes send, the engine's own reaps and what /proc
 * says into the true events of the run (see collect.c).  Internal to the
 * lesson engine (live.c).
 */
#ifndef FORKSH_COLLECT_H
#define FORKSH_COLLECT_H

#include "live.h"

/* The slot of pid in the run's table, or NULL when it is not ours. */
struct live_proc *collect_find(const struct live_run *run, pid_t pid);

/* Make pid (forked by parent at t) a process of the run and record the
 * fork, with why the parent forked (NULL or "" when it did not say: the
 * shell's own forks say, see shellrec.c); a second report of the same
 * fork only keeps the earlier time. */
void collect_forked(struct live_run *run, pid_t pid, pid_t parent, double t, const char *why);

/* File one record of len bytes from a lesson process (buf has room for a
 * NUL), with the descriptor it carried (or -1). */
void collect_record(struct live_run *run, char *buf, size_t len, int passfd);

/* File what pid (told by the kernel) wrote at t on stream (1 or 2) of
 * the run: len bytes, cut into lines.  A writer the record does not know
 * is looked up in /proc (its parent and command). */
void collect_output(struct live_run *run, pid_t pid, double t, int stream, const char *buf, size_t len);

/* forksh reaped pid (one of ours) with wait status ws at t. */
void collect_shell_reaped(struct live_run *run, pid_t pid, int ws, double t);

/* Look at what may have changed without a record: witness pipes that
 * spoke, and watched processes that became zombies or vanished. */
void collect_poll(struct live_run *run);

/* Every writer has gone: processes still not known to have ended and not
 * found in /proc were reaped out of sight; record that. */
void collect_vanished(struct live_run *run);

/* Release the witnesses and the watch list. */
void collect_free(struct live_run *run);

/* Shown as it arrives (live.c). */
void live_show_line(struct live_run *run, pid_t pid, const char *text);

/* Show a note of the engine's between the run's lines (live.c). */
void live_show_note(struct live_run *run, const char *text);

/* Take every message waiting on the run's output sockets (live.c): the
 * lines a process wrote come before its end. */
void live_drain_output(struct live_run *run);

#endif
