/* shellrec.h - recording forksh's own executor inside a lesson process.
 *
 * The subshell lesson shows processes that no lesson C code makes: the
 * child of `( … )`, the child of `$(…)`, the programs they run.  forksh's
 * executor makes them (shell/proc.c), so the plain C wrappers of plainc.h
 * never see them.  This bridge runs shell text through the real executor
 * inside the lesson main process and turns the executor's own event stream
 * (shell/events.h) into the records the wrappers send (wire.h):
 *
 *   EV_FORK       F  parent and child, with the shell's reason ("subshell:
 *                    the child runs the list itself, no exec")
 *   EV_EXEC       E  with a close-on-exec witness pipe, as plainc.c does:
 *   EV_EXEC_FAIL     the exec is recorded only once it happened
 *   EV_EXIT       X  a forked copy of the shell ends (from the child itself,
 *                    at that moment, so its exit is drawn when it happened)
 *   EV_WAIT       W  a reap, by the process that reaped, when it did
 *
 * Events are emitted by the process that performs them, so the sink runs
 * in every forked child too.  What the commands print is attributed by the
 * kernel: while the text runs, descriptors 1 and 2 are sockets whose reader
 * (a thread of the lesson main) learns each write's process from
 * SCM_CREDENTIALS and its moment from SO_TIMESTAMPNS, and sends it on as a
 * line record of that process at that time.  So a builtin, a subshell, the
 * child of a command substitution (whose descriptor 1 is its pipe) and an
 * exec'd program are all recorded the same way, and the trace (`trace on`
 * in the text) is recorded as lines of the processes that wrote it.  Each
 * write is one message: a single write larger than the socket's buffer
 * (about 200 kB) fails with EMSGSIZE, which lesson text never comes near.
 */
#ifndef FORKSH_SHELLREC_H
#define FORKSH_SHELLREC_H

#include <sys/types.h>

struct event;

/* Where the sink sends records: the record socket, the run's start, and
 * this process's pending exec witness (-1 when none). */
struct shellrec {
	int fd;
	double t0;
	int witness;
};

/* The event sink (ev_add_sink with a struct shellrec): one event in,
 * at most one record out.  Async-signal-safe, as events may come from a
 * child between fork and exec. */
void shellrec_event(const struct event *e, void *ctx);

/* The output capture: descriptors 1 and 2 (and stdout and stderr) of this
 * process become sockets read by a thread that sends each line written to
 * them as a record of its writer, on fd with times from t0.  Returns 0, or
 * -1 (errno set, nothing changed). */
int shellrec_capture_start(int fd, double t0);

/* Put descriptors 1 and 2 and the streams back, send what is still
 * waiting, and end the thread. */
void shellrec_capture_stop(void);

/* In a lesson process: run text with forksh's executor, as a shell of its
 * own ($$ is this process, its parent is $PPID, no jobs, trace off), with
 * everything it and its children do recorded.  Returns the text's status,
 * or -1 when this is not a lesson process or the capture could not start
 * (said on stderr). */
int shellrec_run(const char *text);

#endif
