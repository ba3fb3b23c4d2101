/* live.h - running a lesson's code live, and recording what its processes do.
 *
 * A run starts one "lesson main" process (forked by the shell, in a process
 * group of its own so that quitting can kill every process of the run at
 * once).  Its descriptors are set up for recording and nothing else (see
 * lesson_main in live.c): 0 is the key pipe (Enter and q, as lines), 1 and
 * 2 are sockets the engine reads, and 3 is the record socket; every other
 * descriptor the shell had (a saved copy of its stdout, the signal pipe,
 * readline's) is closed.  The lesson code's own printf lines and its fork,
 * _exit, waitpid and exec calls are sent as records on descriptor 3, each
 * tagged with the PID and the time (wire.h, plainc.h); a program it
 * exec'd writes to descriptors 1 and 2 as any program does, and the
 * kernel tells the engine which process wrote each message (SO_PASSCRED)
 * and when (SO_TIMESTAMPNS).  The engine shows each line as it arrives
 * (coloured by PID) and keeps everything in a record (record.h) for the
 * pictures drawn after the run.  It learns the ends of the processes that
 * cannot tell it themselves (an exec'd program, a process killed by a
 * signal) from /proc and from its own reaps.
 */
#ifndef FORKSH_LIVE_H
#define FORKSH_LIVE_H

#include <stddef.h>
#include <sys/types.h>

#include "record.h"

/* ---- used inside lesson processes (plainc.c) ------------------------ */

/* The full path of forksh's helper program `name` (forksh-hello), into
 * buf: next to the forksh binary in a build tree, in ../libexec/forksh from
 * it once installed; "" gives the directory.  Returns 0, or -1 when
 * /proc/self/exe cannot be read or buf is too small. */
int lesson_own_program(const char *name, char *buf, size_t len);

/* In the new lesson main process: report on record socket wfd (times from
 * t0), and make stdout and stderr streams of records. */
void lesson_process_start(int wfd, double t0);

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
	int started;          /* live_start succeeded: live_free has work to do */
	int rec_fd;           /* the engine's end of the record socket */
	int out_fd[2];        /* the engine's ends of the sockets that are the
	                       * run's descriptors 1 and 2 */
	int key_fd;           /* write end of the key pipe (the run's stdin) */
	double t0;
	double real0;         /* the wall clock at t0 (the kernel's stamps on
	                       * output are on that clock) */
	int draining;         /* live_drain_output is running (no recursion) */
	pid_t shell_self;     /* this process, the engine (a forked copy of the
	                       * shell in a pipeline, or the shell itself) */
	int no_subreaper;     /* the run's orphans go past forksh, to init */
	int subreaper_was;    /* the engine's subreaper flag before the run */
	const char *root_exit_note; /* shown when the run's first process ends */
	int quit;             /* the user quit the run */
	int killed;           /* the engine killed the run's processes (live_stop): from
	                       * then on a witness's EOF may be the kill, not an exec */
	int watch_keys;       /* q on standard input (raw mode) quits the run */
	int quit_key;         /* ... and q was pressed */
	char pending[16];     /* other keys pressed during the run, for after it */
	size_t npending;
	int in_records;       /* the record buffers are being read */
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
		unsigned foreign : 1;   /* a zombie of a process outside the run and
		                         * outside forksh (init, when it does not reap) */
		unsigned kids;          /* children not yet reaped whose parent it is */
		int status;             /* its wait status, once it ended */
	} *procs;
	size_t nprocs, cap;
	size_t nexited, nreaped, nforeign;
	/* Processes that cannot report their own end (they exec'd): their
	 * state is read from /proc while they live. */
	pid_t *watch;
	size_t nwatch, watch_cap;
	double watch_at;
	/* Execs whose witness pipe has not spoken yet. */
	struct witness {
		int fd;
		pid_t pid;
		double t;       /* when the exec was called */
		char *text;
		int seen;       /* something besides the pipe showed the new program */
	} *wit;
	size_t nwit, wit_cap;
};

/* What a step may ask of one run. */
struct live_opts {
	int no_subreaper;            /* the run's orphans go past forksh, to init */
	const char *root_exit_note;  /* shown when the run's first process ends */
};

/* Start fn(arg) in a new lesson main process (o may be NULL).  Returns 0,
 * or -1 with a message printed (fork failed, or the run would exceed the
 * process limit: `need` processes are checked against RLIMIT_NPROC
 * first). */
int live_start(struct live_run *run, void (*fn)(void *arg), void *arg, long need, const struct live_opts *o);

/* Send a line to the run's standard input (the key pipe): "" for Enter,
 * "q" to quit, as the chapter's raw_input() reads them. */
void live_send_line(struct live_run *run, const char *line);

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

/* Around a whole lesson (and each run): Ctrl-C is caught (in a script,
 * which has no handler of its own) and SIGPIPE ignored, so that both stop
 * the lesson cleanly; live_catch_end gives the shell its own handling
 * back.  The calls nest. */
void live_catch_begin(void);
void live_catch_end(void);

#endif
