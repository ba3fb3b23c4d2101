/* live.h - running a lesson's code live, and recording what its processes do.
 *
 * A run starts one "lesson main" process (forked by the shell, in a process
 * group of its own so that quitting can kill every process of the run at
 * once).  Lesson processes never print to the terminal themselves: their
 * stdout is a stream of records sent to the engine on a socket they all
 * inherit, each tagged with the PID and the time (wire.h); their fork,
 * _exit, waitpid and exec calls are recorded the same way (plainc.h).  The
 * engine shows each line as it arrives (coloured by PID) and keeps
 * everything in a record (record.h) for the pictures drawn after the run.
 * It learns the ends of the processes that cannot tell it themselves (an
 * exec'd program, a process killed by a signal) from /proc and from its
 * own reaps: forksh is their parent, or adopts them as subreaper.
 */
#ifndef FORKSH_LIVE_H
#define FORKSH_LIVE_H

#include <stddef.h>
#include <sys/types.h>

#include "record.h"

/* ---- used inside lesson processes (plainc.c) ------------------------ */

/* Print one line, as this process: printf and a newline on stdout, which
 * in a lesson process is a stream of records (see plainc.c). */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The full path of forksh's helper program `name` (forksh-hello), into
 * buf: next to the forksh binary in a build tree, in ../libexec/forksh from
 * it once installed; "" gives the directory.  Returns 0, or -1 when
 * /proc/self/exe cannot be read or buf is too small. */
int lesson_own_program(const char *name, char *buf, size_t len);

/* Block until the engine sends the next command byte (the fork lesson's
 * "Enter was pressed"); returns the byte, or 'q' at end of input. */
int lesson_wait_key(void);

/* In the new lesson main process: report on record socket wfd (times from
 * t0), read keys from keyfd, and make stdout and stderr streams of
 * records. */
void lesson_process_start(int wfd, int keyfd, double t0);

/* The end of the lesson's function: report it (after the output), then
 * _exit(status). */
__attribute__((noreturn)) void lesson_process_end(int status);

/* For shellrec.c, in a lesson process: the record socket (-1 outside a
 * lesson process) and the run's start time; an exec's witness pipe, made
 * just before the exec (returns its write end, close-on-exec, or -1), and
 * the report that the exec failed after all (errno as the exec left it). */
int lesson_record_fd(void);
double lesson_record_t0(void);
int lesson_exec_witness(char *const argv[]);
void lesson_exec_failed(int w);

/* ---- used by the engine -------------------------------------------- */

struct live_run {
	pid_t main_pid;       /* the lesson main process (also its process group) */
	int rec_fd;           /* the engine's end of the record socket */
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
	int width;            /* the terminal's columns: longer lines are wrapped */
	int stable_pids;
	/* The run's processes by PID (open addressing), so that telling
	 * "ours" from the shell's other children stays cheap with 500. */
	struct live_proc {
		pid_t pid, parent;      /* parent: the current one */
		size_t fork_ev;         /* its FORK event in rec */
		unsigned exited : 1, reaped : 1, watched : 1, subreaper : 1;
		unsigned kids;          /* children not yet reaped whose parent it is */
		int status;             /* its wait status, once it ended */
	} *procs;
	size_t nprocs, cap;
	size_t nexited, nreaped;
	/* Processes that cannot report their own end (they exec'd): their
	 * state is read from /proc while they live. */
	pid_t *watch;
	size_t nwatch, watch_cap;
	double watch_at;
	/* Execs whose witness pipe has not spoken yet. */
	struct witness { int fd; pid_t pid; double t; char *text; } *wit;
	size_t nwit, wit_cap;
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
