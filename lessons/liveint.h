/* liveint.h - what the parts of a live run share (internal to live.c,
 * livemain.c and livein.c). */
#ifndef FORKSH_LIVEINT_H
#define FORKSH_LIVEINT_H

#include <sys/types.h>

#include "live.h"

/* Refuse a run that would hit the per-user process limit: fork would fail
 * half-way, which teaches the wrong lesson.  Returns 0 or -1 (said why). */
int live_check_nproc(long need);

/* The one fork of a run: the lesson main, which runs fn(arg) with the
 * run's descriptors (rec, key and out: both ends of each pair).  Returns
 * its PID in the engine, or -1 (errno set) when fork failed. */
pid_t live_fork_main(struct live_run *run, int rec[2], int key[2], int out[2][2], void (*fn)(void *), void *arg);

/* Wait up to timeout_ms for records, output or a key, and take what came:
 * records first, then output (whose writers the records introduce).
 * Returns 1 if something was read, 0 if nothing came, or -1 once the
 * record socket is at end of file. */
int live_read(struct live_run *run, int timeout_ms);

#endif
