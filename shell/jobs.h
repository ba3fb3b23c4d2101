/* jobs.h - the table of background jobs, and waiting for children.
 *
 * A job is one pipeline (or one simple command) started with &, or a
 * foreground pipeline that was stopped.  All waiting happens here: waiting
 * for the foreground reaps finished background children too, and
 * jobs_reap() collects any that finished while the shell was doing other
 * things, so no child stays a zombie for long.
 */
#ifndef FORKSH_JOBS_H
#define FORKSH_JOBS_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

enum job_state { JOB_RUNNING, JOB_STOPPED, JOB_DONE };

struct job {
	int id;               /* the N of %N */
	size_t n;             /* number of processes */
	pid_t *pids;
	int *status;          /* raw wait status per process, valid when exited[i] */
	unsigned char *exited;
	size_t nexited;
	enum job_state state;
	char *text;           /* the command as the user wrote it */
	struct job *next;
};

/* Record a new job; takes ownership of text.  Returns its number. */
int jobs_add(const pid_t *pids, size_t n, char *text, enum job_state state);

/* How many jobs are in the table (0 means: nothing to reap). */
size_t jobs_count(void);

/* Reap every child that has changed state, without blocking. */
void jobs_reap(void);

/* Wait until every process in pids has exited (reaping background children
 * that finish meanwhile).  If the pipeline is stopped instead, it becomes a
 * stopped job (whole gives its text; it is only formatted then, so the
 * common path costs nothing extra).  Returns the shell status of the last process: its exit code,
 * 128+N for signal N, or 128+N for a stop by signal N. */
struct node;
int jobs_wait_fg(const pid_t *pids, size_t n, const struct node *whole);

/* Print "[N]+  Done  text" lines for finished jobs and drop them (the
 * interactive prompt calls this); with announce == 0, drop them silently. */
void jobs_notify(FILE *out, int announce);

/* Forget the table: in a forked child, the parent's jobs are not ours. */
void jobs_forget(void);

/* Send SIGHUP then SIGCONT to every stopped job, so that nothing stays
 * stopped forever once the shell that could resume it has gone. */
void jobs_hangup(void);

/* Turn a wait status into the shell's $? value. */
int status_from_wait(int wstatus);

#endif
