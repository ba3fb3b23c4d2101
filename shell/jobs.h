/* jobs.h - the job table, and waiting for children.
 *
 * A job is one pipeline (or one simple command): started with &, or a
 * foreground pipeline that was stopped with Ctrl-Z.  The table is in jobs.c.
 * All waiting happens in wait.c (and in reap.c while the shell waits for
 * input): waiting for the foreground reaps background children too, and
 * jobs_reap() collects whatever finished while the shell was doing other
 * things (SIGCHLD wakes the prompt for that), so no child stays a zombie.
 */
#ifndef FORKSH_JOBS_H
#define FORKSH_JOBS_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <termios.h>

enum job_state { JOB_RUNNING, JOB_STOPPED, JOB_DONE };

struct job {
	int id;               /* the N of %N */
	pid_t pgid;           /* its process group (0 without job control) */
	size_t n;             /* number of processes */
	pid_t *pids;
	int *status;          /* raw wait status per process, valid when exited[i] */
	unsigned char *exited;
	size_t nexited;
	enum job_state state;
	unsigned long touched; /* when it last started, stopped or resumed: picks %+ and %- */
	int reported;         /* the user has been told about its current state */
	int has_modes;        /* modes holds the terminal modes it stopped with */
	struct termios modes;
	char *text;           /* the command as the user wrote it */
	struct job *next;
};

/* Record a new job; takes ownership of text.  Returns the job. */
struct job *jobs_add(const pid_t *pids, size_t n, pid_t pgid, char *text, enum job_state state);

/* Is any job still running or stopped (something that may need reaping)?
 * Finished jobs kept for `wait PID` do not count. */
int jobs_active(void);

/* How many jobs are in the table. */
size_t jobs_count(void);

/* The first job, for walking the list with ->next. */
struct job *jobs_first(void);

/* Find a job by spec: %N, %+ (or %% or %), %-, %STRING (the command starts
 * with it), %?STRING (contains it), or a PID of one of its processes.
 * Returns NULL and a message in why (for "no such job" errors). */
struct job *jobs_find(const char *spec, const char **why);

/* The current (+) and previous (-) jobs: the most recently stopped ones
 * first, then the most recently started or resumed. */
struct job *jobs_current(void);
struct job *jobs_previous(void);

/* Mark j as just started, stopped or resumed (for %+ and %-). */
void jobs_touch(struct job *j);

/* Note a wait status for pid; returns the job it belongs to, or NULL (an
 * orphan adopted as subreaper, say: it is simply reaped). */
struct job *jobs_record(pid_t pid, int wstatus);

/* Wait until fd has input (or end of file, or an error for read() to
 * report), reaping every child that ends meanwhile: a shell blocked in
 * read() for its next line of piped input, or for a key in a lesson, once
 * left each background job that finished a zombie until input came.
 * SIGCHLD is caught only during the wait.  Returns 0, or -1 with errno set
 * (EINTR: a signal other than SIGCHLD arrived, such as Ctrl-C). */
int jobs_wait_readable(int fd);

/* Make the shell a child subreaper (on = 1): an orphan among its
 * descendants is handed to it rather than to init, and reaped here.  exec
 * gives the role up (on = 0) before the new program starts: that program
 * does not know it would inherit orphans, and would leave them zombies. */
void jobs_subreaper(int on);

/* Reap every child that has changed state, without blocking. */
void jobs_reap(void);

/* The same, offering each status first to claim (the lesson engine, whose
 * processes are no jobs): when it returns 1 the status is its, otherwise
 * it goes to the job table.  With jobs_wait_claim below, the one place the
 * shell reaps without waiting for a particular job. */
void jobs_reap_claim(int (*claim)(pid_t pid, int ws, void *ctx), void *ctx);

/* One blocking waitpid(-1) with flags (follow adds __WALL, so that the
 * stops of every thread it traces are reported too), offering what it
 * reports to claim first, as above; what claim does not take goes to the
 * job table.  Returns the PID reported, 0 (WNOHANG and nothing yet), or -1
 * with errno set: EINTR when a signal came (Ctrl-C, a timer), ECHILD when
 * no child and no traced process is left. */
pid_t jobs_wait_claim(int flags, int (*claim)(pid_t pid, int ws, void *ctx), void *ctx);

/* Wait for the foreground pipeline pids (process group pgid) until every
 * process has exited or it stops.  Background children that finish
 * meanwhile are reaped and recorded.  A stopped pipeline becomes a stopped
 * job (whole gives its text; formatted only then, so the common path costs
 * nothing).  Returns the status of the last process: its exit code, 128+N
 * for signal N, or 128+N for a stop by signal N. */
struct node;
int jobs_wait_fg(const pid_t *pids, size_t n, pid_t pgid, const struct node *whole);

/* Wait for the one child pid (a command substitution, which is no job):
 * until it exits, recording whatever else ends meanwhile.  Returns its raw
 * wait status. */
int jobs_wait_pid(pid_t pid);
/* A pipeline that could not be built (a pipe or a fork failed part-way):
 * kill the members already started and reap them.  Left alone, they would
 * wait for ever on a pipe with no one at the other end, and a shell waiting
 * for them would hang with them (and with `&`, a background job must not be
 * waited for at all).  SIGKILL, because they cannot ignore it: the wait that
 * follows always ends. */
void jobs_abandon(const pid_t *pids, size_t n, pid_t pgid);

/* The user pressed Ctrl-C (or Ctrl-\) and it ended what the shell was
 * waiting for (a foreground job, a command substitution, a followed
 * program): at a prompt the rest of the command line is abandoned and $?
 * is status, and with newline the prompt goes on a line of its own (after
 * the ^C).  A script goes on, as in every shell. */
void jobs_interrupted(int status, int newline);

/* Send SIGCONT to job j and mark it running (bg). */
void jobs_continue(struct job *j);

/* Resume job j in the foreground (fg): give it the terminal, SIGCONT it,
 * wait as above.  Returns its status. */
int jobs_resume_fg(struct job *j);

/* Wait until job j is done (or, interactive, stopped or Ctrl-C pressed).
 * Returns its status; 128+SIGINT if interrupted.  Removes it when done. */
int jobs_wait_job(struct job *j);

/* Send sig to every process of job j (its process group under job
 * control).  Returns 0 or -1 with errno set. */
int jobs_signal(struct job *j, int sig);

/* The shell's status for a finished job: that of its last process. */
int jobs_status(const struct job *j);

/* Print one `jobs` line: "[1]+  Running   sleep 10 &"; with pids, the
 * process IDs too. */
void jobs_print(FILE *out, const struct job *j, int pids);

/* Announce finished jobs ("[1]+  Done  sleep 1") and drop them.  With
 * announce == 0 (scripts) they are kept so that `wait PID` still finds the
 * status, up to a bounded number of finished jobs. */
void jobs_notify(FILE *out, int announce);

/* Is there a finished (or newly stopped) job to announce? */
int jobs_have_news(void);

/* Remove j from the table and free it. */
void jobs_remove(struct job *j);

/* Forget the table: in a forked child, the parent's jobs are not ours. */
void jobs_forget(void);

/* Send SIGHUP then SIGCONT to the jobs; with all == 0, only to stopped ones
 * (an interactive `exit`), with all == 1 to every job (the shell got SIGHUP). */
void jobs_hangup(int all);

/* Before an interactive shell leaves: if jobs are stopped and the user was
 * not warned by the command just before, warn and return 1 (stay). */
int jobs_warn_stopped(void);

/* The interactive shell got SIGHUP: hang up every job and exit with 129. */
void jobs_hangup_exit(void) __attribute__((noreturn));

/* Turn a wait status into the shell's $? value. */
int status_from_wait(int wstatus);

/* How a process ended, in words: "Done", "Exit 3", "Terminated", "Stopped". */
void jobs_describe(int wstatus, char *buf, size_t len);

#endif
