/* jobs.c - job table and the one place where the shell waits for children.
 *
 * waitpid(-1, ...) is used on purpose: whatever child changes state, be it
 * the foreground one or a background one, it is reaped as soon as the shell
 * sees it, so a finished background job never lingers as a zombie while a
 * foreground job runs.
 */
#include "jobs.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "parser.h"
#include "shell.h"
#include "util.h"

static struct job *jobs;

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

static int next_id(void)
{
	int max = 0;
	for (struct job *j = jobs; j; j = j->next)
		if (j->id > max)
			max = j->id;
	return max + 1;
}

int jobs_add(const pid_t *pids, size_t n, char *text, enum job_state state)
{
	struct job *j = xcalloc(1, sizeof *j);
	j->id = next_id();
	j->n = n;
	j->pids = xmalloc(n * sizeof *pids);
	memcpy(j->pids, pids, n * sizeof *pids);
	j->status = xcalloc(n, sizeof *j->status);
	j->exited = xcalloc(n, 1);
	j->state = state;
	j->text = text;

	/* Keep the list in job-number order: append at the end. */
	struct job **pp = &jobs;
	while (*pp)
		pp = &(*pp)->next;
	*pp = j;
	return j->id;
}

size_t jobs_count(void)
{
	size_t n = 0;
	for (struct job *j = jobs; j; j = j->next)
		n++;
	return n;
}

/* Record a wait status for a background process; unknown PIDs (for example
 * orphans adopted later) are simply reaped. */
static void record(pid_t pid, int ws)
{
	for (struct job *j = jobs; j; j = j->next) {
		for (size_t i = 0; i < j->n; i++) {
			if (j->pids[i] != pid)
				continue;
			if (WIFSTOPPED(ws)) {
				j->state = JOB_STOPPED;
			} else if (WIFCONTINUED(ws)) {
				j->state = JOB_RUNNING;
			} else if (!j->exited[i]) {
				j->exited[i] = 1;
				j->status[i] = ws;
				if (++j->nexited == j->n)
					j->state = JOB_DONE;
			}
			return;
		}
	}
}

void jobs_reap(void)
{
	int ws;
	pid_t pid;
	while ((pid = waitpid(-1, &ws, WNOHANG | WUNTRACED | WCONTINUED)) > 0)
		record(pid, ws);
}

/* Describe how a signalled foreground process ended, as shells do, unless it
 * was Ctrl-C or a broken pipe (both expected and self-explanatory). */
static void report_signal(int ws)
{
	int sig = WTERMSIG(ws);
	if (!sh.interactive || sig == SIGPIPE)
		return;
	if (sig == SIGINT) {
		/* The user pressed Ctrl-C: the rest of the line is abandoned too,
		 * and the prompt goes on a line of its own. */
		sh.interrupted = 1;
		fputc('\n', stderr);
		return;
	}
	fprintf(stderr, "%s%s\n", strsignal(sig), WCOREDUMP(ws) ? " (core dumped)" : "");
}

int jobs_wait_fg(const pid_t *pids, size_t n, const struct node *whole)
{
	size_t left = n;
	int last = 0, stopped = 0;
	unsigned char *done = xcalloc(n, 1);

	while (left > 0) {
		int ws;
		pid_t pid = waitpid(-1, &ws, WUNTRACED);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: nothing left to wait for */
		}
		size_t i = 0;
		while (i < n && pids[i] != pid)
			i++;
		if (i == n) {
			record(pid, ws);
			continue;
		}
		if (WIFSTOPPED(ws)) {
			stopped = WSTOPSIG(ws);
			left--; /* counted as settled; the job lives on in the table */
			continue;
		}
		if (!done[i]) {
			done[i] = 1;
			left--;
			if (i == n - 1) {
				last = status_from_wait(ws);
				if (WIFSIGNALED(ws))
					report_signal(ws);
			}
		}
	}
	if (stopped) {
		/* A stopped foreground job: keep it, so it is not lost. */
		char *text = node_text(whole);
		int id = jobs_add(pids, n, text, JOB_STOPPED);
		struct job *j = jobs;
		while (j && j->id != id)
			j = j->next;
		for (size_t i = 0; j && i < n; i++) {
			if (done[i]) {
				j->exited[i] = 1;
				j->nexited++;
			}
		}
		fprintf(stderr, "\n[%d]+  Stopped                 %s\n", id, text);
		last = 128 + stopped;
	}
	free(done);
	return last;
}

static void job_free(struct job *j)
{
	free(j->pids);
	free(j->status);
	free(j->exited);
	free(j->text);
	free(j);
}

/* The word bash uses for a finished job: Done, Exit N, or the signal. */
static void describe_end(const struct job *j, char *buf, size_t len)
{
	int ws = j->status[j->n - 1];
	if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0)
		snprintf(buf, len, "Done");
	else if (WIFEXITED(ws))
		snprintf(buf, len, "Exit %d", WEXITSTATUS(ws));
	else
		snprintf(buf, len, "%s", strsignal(WTERMSIG(ws)));
}

void jobs_notify(FILE *out, int announce)
{
	struct job **pp = &jobs;
	while (*pp) {
		struct job *j = *pp;
		if (j->state != JOB_DONE) {
			pp = &j->next;
			continue;
		}
		if (announce) {
			char what[64];
			describe_end(j, what, sizeof what);
			fprintf(out, "[%d]   %-22s  %s\n", j->id, what, j->text);
		}
		*pp = j->next;
		job_free(j);
	}
	if (announce)
		fflush(out);
}

void jobs_forget(void)
{
	while (jobs) {
		struct job *j = jobs;
		jobs = j->next;
		job_free(j);
	}
}

void jobs_hangup(void)
{
	for (struct job *j = jobs; j; j = j->next) {
		if (j->state != JOB_STOPPED)
			continue;
		for (size_t i = 0; i < j->n; i++) {
			if (j->exited[i])
				continue;
			kill(j->pids[i], SIGHUP);
			kill(j->pids[i], SIGCONT);
		}
	}
}
