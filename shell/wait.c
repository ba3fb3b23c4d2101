/* wait.c - the one place where the shell waits for its children (reap.c
 * adds reaping while it waits for input, and the subreaper role); what the
 * waits report goes to the job table (jobs.c) through jobs_record.
 *
 * waitpid(-1, ...) is used on purpose: whatever child changes state, be it
 * the foreground one, a background one, or an orphan adopted because forksh
 * is a child subreaper, it is reaped as soon as the shell sees it, so nothing
 * lingers as a zombie while a foreground job runs.
 *
 * There is no race between fork and recording a job: the SIGCHLD handler
 * only pokes the self-pipe, and reaping happens here, in ordinary code that
 * runs after the job is in the table.
 */
#include "jobs.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "events.h"
#include "jobctl.h"
#include "node.h"
#include "shell.h"
#include "signals.h"
#include "trap.h"
#include "util.h"

int status_from_wait(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	if (WIFSTOPPED(ws))
		return 128 + WSTOPSIG(ws);
	return 0;
}

/* waitpid(-1, ...), announcing what it reported on the event stream. */
static pid_t wait_any(int *ws, int flags)
{
	pid_t pid = waitpid(-1, ws, flags);
	if (pid > 0)
		EV(EV_WAIT, .target = pid, .status = *ws);
	return pid;
}

void jobs_reap(void)
{
	jobs_reap_claim(NULL, NULL);
}

void jobs_reap_claim(int (*claim)(pid_t pid, int ws, void *ctx), void *ctx)
{
	int ws;
	pid_t pid;
	while ((pid = wait_any(&ws, WNOHANG | WUNTRACED | WCONTINUED)) > 0)
		if (!claim || !claim(pid, ws, ctx))
			jobs_record(pid, ws);
}

pid_t jobs_wait_claim(int flags, int (*claim)(pid_t pid, int ws, void *ctx), void *ctx)
{
	int ws;
	pid_t pid = waitpid(-1, &ws, flags);
	if (pid <= 0)
		return pid;
	int claimed = claim && claim(pid, ws, ctx);
	/* A tracer's stops (follow: one at each write, exec, fork...) are
	 * its own business; the trace narrates what ended. */
	if (!claimed || !WIFSTOPPED(ws))
		EV(EV_WAIT, .target = pid, .status = ws);
	if (!claimed)
		jobs_record(pid, ws);
	return pid;
}

/* SIGHUP to an interactive shell: the terminal is gone.  Pass the hangup on
 * to every job, as other shells do, and leave (history is already saved:
 * each line is appended to the file as it is entered). */
/* The foreground job being waited for, if any: it lives on the stack of
 * jobs_wait_fg, not in the table, and a hangup must reach it too. */
static struct job *foreground;

void jobs_hangup_exit(void)
{
	jobs_hangup(1);
	if (foreground) {
		jobs_signal(foreground, SIGHUP);
		jobs_signal(foreground, SIGCONT);
	}
	exit(128 + SIGHUP);
}

void jobs_interrupted(int status, int newline)
{
	if (!sh.interactive)
		return;
	sh.skip = SKIP_INTR;
	sh.status = status;
	if (newline)
		fputc('\n', stderr);
}

/* Describe how a signalled foreground process ended, as shells do (in
 * scripts too: a program that crashed should not pass unnoticed), unless it
 * was Ctrl-C or a broken pipe (both expected and self-explanatory). */
static void report_signal(int ws)
{
	int sig = WTERMSIG(ws);
	if (sig == SIGPIPE || (sig == SIGINT && !sh.interactive))
		return;
	if (sig == SIGINT) {
		jobs_interrupted(128 + SIGINT, 1);
		return;
	}
	fprintf(stderr, "%s%s\n", strsignal(sig), WCOREDUMP(ws) ? " (core dumped)" : "");
}

/* Wait until every process of j has exited or j stops.  Children that are
 * not j's are recorded where they belong.  Returns 1 if j stopped.  With
 * quiet set, how the last process ended is not described (jobs_abandon
 * killed it on purpose). */
static int wait_foreground(struct job *j, int quiet)
{
	/* Only an interactive shell catches SIGHUP (sig_init); in a script
	 * this write would cost a copy-on-write page fault per command. */
	if (sh.interactive)
		foreground = j;
	int stopped = 0;
	/* Only a shell with job control sees its children stop: a child
	 * shell (a subshell) is stopped together with its own children. */
	int flags = jobctl_enabled() ? WUNTRACED : 0;
	while (j->nexited < j->n && !stopped) {
		int ws;
		pid_t pid = wait_any(&ws, flags);
		if (pid < 0) {
			if (errno != EINTR)
				break; /* ECHILD: nothing left to wait for */
			if (sig_take(SIGHUP))
				jobs_hangup_exit();
			continue;
		}
		size_t i = 0;
		while (i < j->n && j->pids[i] != pid)
			i++;
		if (i == j->n) {
			jobs_record(pid, ws);
			continue;
		}
		if (WIFSTOPPED(ws)) {
			j->state = JOB_STOPPED;
			j->status[i] = ws;
			stopped = 1;
			continue;
		}
		if (!j->exited[i]) {
			j->exited[i] = 1;
			j->status[i] = ws;
			j->nexited++;
			if (i == j->n - 1 && WIFSIGNALED(ws) && !quiet)
				report_signal(ws);
		}
	}
	STORE_CHANGED(foreground, NULL);
	if (!stopped)
		j->state = JOB_DONE;
	return stopped;
}

static int stopped_status(const struct job *j)
{
	for (size_t i = 0; i < j->n; i++)
		if (!j->exited[i] && WIFSTOPPED(j->status[i]))
			return status_from_wait(j->status[i]);
	return 128 + SIGTSTP;
}

/* A finished pipeline's status: its last process's, or with set -o
 * pipefail the last one that failed (0 if none did). */
static int pipeline_status(const int *ws, size_t n)
{
	if (sh.opt[OPT_PIPEFAIL]) {
		for (size_t i = n; i-- > 0;) {
			int st = status_from_wait(ws[i]);
			if (st)
				return st;
		}
		return 0;
	}
	return status_from_wait(ws[n - 1]);
}

int jobs_status(const struct job *j)
{
	return pipeline_status(j->status, j->n);
}

/* After a foreground job stopped: it keeps its terminal modes for a later
 * fg, and the user is told, bash-style. */
static void announce_stopped(struct job *j)
{
	jobs_touch(j);
	fputc('\n', stderr);
	jobs_print(stderr, j, 0);
	fflush(stderr);
	j->reported = 1;
}

int jobs_wait_fg(const pid_t *pids, size_t n, pid_t pgid, const struct node *whole)
{
	/* A temporary job on the stack: most foreground commands end without
	 * ever needing a place in the table. */
	int one_status = 0;
	unsigned char one_exited = 0;
	struct job tmp = { .pgid = pgid, .n = n, .pids = (pid_t *)pids, .state = JOB_RUNNING };
	tmp.status = n == 1 ? &one_status : xcalloc(n, sizeof *tmp.status);
	tmp.exited = n == 1 ? &one_exited : xcalloc(n, 1);

	int stopped = wait_foreground(&tmp, 0);
	struct termios modes;
	if (pgid)
		jobctl_take_terminal(stopped ? &modes : NULL);
	int status;
	if (stopped) {
		struct job *j = jobs_add(pids, n, pgid, node_text(whole), JOB_STOPPED);
		memcpy(j->status, tmp.status, n * sizeof *tmp.status);
		memcpy(j->exited, tmp.exited, n);
		j->nexited = tmp.nexited;
		j->modes = modes;
		j->has_modes = 1;
		announce_stopped(j);
		status = stopped_status(j);
	} else {
		status = pipeline_status(tmp.status, n);
	}
	if (n != 1) {
		free(tmp.status);
		free(tmp.exited);
	}
	return status;
}

int jobs_wait_pid(pid_t pid)
{
	int one_status = 0;
	unsigned char one_exited = 0;
	int saved = sh.interactive;
	sh.interactive = 0; /* no "Terminated" report: the caller decides */
	while (!one_exited) {
		int ws;
		pid_t got = wait_any(&ws, 0);
		if (got < 0) {
			if (errno != EINTR)
				break;
			continue;
		}
		if (got == pid) {
			one_status = ws;
			one_exited = 1;
		} else {
			jobs_record(got, ws);
		}
	}
	sh.interactive = saved;
	return one_status;
}

void jobs_abandon(const pid_t *pids, size_t n, pid_t pgid)
{
	for (size_t i = 0; i < n; i++) {
		EV(EV_KILL, .target = pids[i], .a = SIGKILL);
		kill(pids[i], SIGKILL);
	}
	struct job tmp = { .pgid = pgid, .n = n, .pids = (pid_t *)pids, .state = JOB_RUNNING };
	tmp.status = xcalloc(n, sizeof *tmp.status);
	tmp.exited = xcalloc(n, 1);
	wait_foreground(&tmp, 1); /* SIGKILL cannot be caught: this ends */
	jobctl_take_terminal(NULL);
	free(tmp.status);
	free(tmp.exited);
}

int jobs_resume_fg(struct job *j)
{
	jobctl_give_terminal(j->pgid, j->has_modes ? &j->modes : NULL);
	jobs_continue(j);
	int stopped = wait_foreground(j, 0);
	jobctl_take_terminal(stopped ? &j->modes : NULL);
	if (stopped) {
		j->has_modes = 1;
		announce_stopped(j);
		return stopped_status(j);
	}
	int status = jobs_status(j);
	EV(EV_JOB, .a = j->id, .str = "done", .str2 = j->text);
	jobs_remove(j);
	return status;
}

int jobs_wait_job(struct job *j)
{
	while (j->state == JOB_RUNNING) {
		/* A trapped signal that came with another child's end: waitpid
		 * returned that child, not EINTR, and the signal is only noted. */
		int trapped = trap_pending();
		if (trapped)
			return 128 + trapped;
		int ws;
		pid_t pid = wait_any(&ws, WUNTRACED | WCONTINUED);
		if (pid < 0) {
			if (errno != EINTR)
				break;
			if (sig_take(SIGHUP))
				jobs_hangup_exit();
			int trapped = trap_pending();
			if (trapped) {
				/* POSIX: a trapped signal ends `wait` at once with
				 * 128+N; its trap runs right after. */
				return 128 + trapped;
			}
			if (sig_take(SIGINT)) {
				/* Ctrl-C interrupts `wait`; the prompt goes on a new
				 * line after the ^C the terminal echoed. */
				fputc('\n', stderr);
				return 128 + SIGINT;
			}
			continue;
		}
		jobs_record(pid, ws);
	}
	if (j->state == JOB_STOPPED)
		return stopped_status(j);
	int status = j->state == JOB_DONE ? jobs_status(j) : 127;
	jobs_remove(j);
	return status;
}
