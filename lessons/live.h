/* live.h - running a lesson's code live, and recording what its processes do.
 *
 * A run starts one "lesson main" process (forked by the shell, in a process
 * group of its own so that quitting can kill every process of the run at
 * once).  Lesson processes never print to the terminal themselves: they
 * call say(), which sends one record line to the engine through a pipe they
 * all inherit, tagged with their PID and the time.  The engine shows each
 * line as it arrives (coloured by PID) and keeps it for the pictures drawn
 * after the run.  Forks and execs are reported the same way; exits are seen
 * by the shell itself, which reaps the lesson processes (it is their
 * parent, or adopts them as subreaper when their parent exits first).
 */
#ifndef FORKSH_LIVE_H
#define FORKSH_LIVE_H

#include <stddef.h>
#include <sys/types.h>

#include "record.h"

/* ---- used inside lesson processes ---------------------------------- */

/* Print one line, as this process, through the engine (printf-style).  A
 * single write, so lines of different processes never mix. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* fork(), recorded: the child reports "PARENT forked ME" before anything
 * else, so the engine always knows a process before its first line.
 * Returns what fork returns. */
pid_t lesson_fork(void);

/* Record that this process is about to exec argv (NULL-terminated). */
void lesson_note_exec(char *const argv[]);

/* waitpid(), recorded: when it reaps a child, the engine is told which
 * process reaped it and how it ended (the engine only sees the exits of
 * processes it reaps itself).  Returns what waitpid returns. */
pid_t lesson_waitpid(pid_t pid, int *status, int options);

/* Tell the engine that this process reaped pid with wait status `status`
 * (for a reap done elsewhere, e.g. in a SIGCHLD handler; call it from
 * normal code, not from the handler). */
void lesson_note_reaped(pid_t pid, int status);

/* The full path of forksh's helper program `name` (forksh-hello), into
 * buf: next to the forksh binary in a build tree, in ../libexec/forksh from
 * it once installed; "" gives the directory.  Returns 0, or -1 when
 * /proc/self/exe cannot be read or buf is too small. */
int lesson_own_program(const char *name, char *buf, size_t len);

/* Block until the engine sends the next command byte (the fork lesson's
 * "Enter was pressed"); returns the byte, or 'q' at end of input. */
int lesson_wait_key(void);

/* ---- used by the engine -------------------------------------------- */

struct live_run {
	pid_t main_pid;       /* the lesson main process (also its process group) */
	int rec_fd;           /* read end of the record pipe */
	int key_fd;           /* write end of the key pipe (to the lesson main) */
	double t0;
	int quit;             /* the user quit the run */
	int watch_keys;       /* q on standard input (raw mode) quits the run */
	int quit_key;         /* ... and q was pressed */
	int interrupted;      /* the run was stopped by Ctrl-C (status 130) */
	int out_failed;       /* our own output could not be written (a closed pipe) */
	size_t lines;         /* REC_SAY lines seen */
	struct recording rec;
	int color;            /* colour each process's lines on the terminal */
	int stable_pids;
	/* The run's processes by PID (open addressing), so that telling
	 * "ours" from the shell's other children stays cheap with 500. */
	struct live_proc { pid_t pid, parent; int exited; } *procs;
	size_t nprocs, cap;
	size_t nexited;
};

/* Start fn(arg) in a new lesson main process.  Returns 0, or -1 with a
 * message printed (fork failed, or the run would exceed the process
 * limit: `need` processes are checked against RLIMIT_NPROC first). */
int live_start(struct live_run *run, void (*fn)(void *arg), void *arg, long need);

/* Send a command byte to the lesson main (see lesson_wait_key). */
void live_send_key(struct live_run *run, char key);

/* Show and record what the lesson processes report, and reap them, for up
 * to `seconds` (< 0: until the run is over, i.e. every process has ended).
 * Ctrl-C (or the shell's SIGINT) ends the run early: see live_stop.
 * Returns 1 while processes remain, 0 when the run is over. */
int live_pump(struct live_run *run, double seconds);

/* Kill every process of the run (the whole process group) and reap them
 * all, so that nothing is left running and no zombie remains. */
void live_stop(struct live_run *run);

/* Free what the run holds (after live_stop or a finished run). */
void live_free(struct live_run *run);

/* Did the user press Ctrl-C since the last call? */
int live_interrupted(void);

#endif
