/* jobs.c - the job table: adding a job, finding one by spec (%N, %+, %-,
 * %string, a PID), noting the wait statuses that the waits (wait.c) report,
 * signalling, printing, announcing and dropping jobs.
 */
#include "jobs.h"

#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "events.h"
#include "number.h"
#include "shell.h"
#include "util.h"

/* Scripts keep finished jobs for `wait PID`; this many at most. */
#define KEEP_DONE 256

static struct job *jobs;
static unsigned long clock_ticks;

void jobs_describe(int ws, char *buf, size_t len)
{
	if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0)
		snprintf(buf, len, "Done");
	else if (WIFEXITED(ws))
		snprintf(buf, len, "Exit %d", WEXITSTATUS(ws));
	else if (WIFSIGNALED(ws))
		snprintf(buf, len, "%s%s", strsignal(WTERMSIG(ws)), WCOREDUMP(ws) ? " (core dumped)" : "");
	else if (WIFSTOPPED(ws) && WSTOPSIG(ws) == SIGTTIN)
		snprintf(buf, len, "Stopped (tty input)");
	else if (WIFSTOPPED(ws) && WSTOPSIG(ws) == SIGTTOU)
		snprintf(buf, len, "Stopped (tty output)");
	else
		snprintf(buf, len, "Stopped");
}

static int next_id(void)
{
	int max = 0;
	for (struct job *j = jobs; j; j = j->next)
		if (j->id > max)
			max = j->id;
	return max + 1;
}

void jobs_touch(struct job *j)
{
	j->touched = ++clock_ticks;
}

struct job *jobs_add(const pid_t *pids, size_t n, pid_t pgid, char *text, enum job_state state)
{
	struct job *j = xcalloc(1, sizeof *j);
	j->id = next_id();
	j->pgid = pgid;
	j->n = n;
	j->pids = xmalloc(n * sizeof *pids);
	memcpy(j->pids, pids, n * sizeof *pids);
	j->status = xcalloc(n, sizeof *j->status);
	j->exited = xcalloc(n, 1);
	j->state = state;
	j->text = text;
	jobs_touch(j);

	struct job **pp = &jobs; /* keep job-number order: append */
	while (*pp)
		pp = &(*pp)->next;
	*pp = j;
	EV(EV_JOB, .a = j->id, .str = state == JOB_STOPPED ? "stopped" : "running in the background",
	   .str2 = j->text);
	return j;
}

int jobs_active(void)
{
	for (struct job *j = jobs; j; j = j->next)
		if (j->state != JOB_DONE)
			return 1;
	return 0;
}

size_t jobs_count(void)
{
	size_t n = 0;
	for (struct job *j = jobs; j; j = j->next)
		n++;
	return n;
}

struct job *jobs_first(void)
{
	return jobs;
}

/* Rank for %+ and %-: stopped jobs first, then the most recently touched
 * (a finished job keeps its mark until it is announced and dropped). */
static int outranks(const struct job *a, const struct job *b)
{
	int sa = a->state == JOB_STOPPED, sb = b->state == JOB_STOPPED;
	return sa != sb ? sa > sb : a->touched > b->touched;
}

static struct job *ranked(int skip_best)
{
	struct job *best = NULL, *second = NULL;
	for (struct job *j = jobs; j; j = j->next) {
		if (!best || outranks(j, best)) {
			second = best;
			best = j;
		} else if (!second || outranks(j, second)) {
			second = j;
		}
	}
	return skip_best ? second : best;
}

struct job *jobs_current(void)
{
	return ranked(0);
}

struct job *jobs_previous(void)
{
	return ranked(1);
}

struct job *jobs_find(const char *spec, const char **why)
{
	*why = "no such job";
	if (!spec || strcmp(spec, "%") == 0 || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0) {
		struct job *j = jobs_current();
		if (!j)
			*why = "no current job";
		return j;
	}
	if (strcmp(spec, "%-") == 0) {
		struct job *j = jobs_previous();
		if (!j)
			*why = "no previous job";
		return j;
	}
	long long num;
	if (spec[0] != '%') {
		if (num_parse(spec, 1, INT_MAX, &num) != NUM_OK) {
			*why = "not a job spec or a PID";
			return NULL;
		}
		for (struct job *j = jobs; j; j = j->next)
			for (size_t i = 0; i < j->n; i++)
				if (j->pids[i] == (pid_t)num)
					return j;
		return NULL;
	}
	const char *s = spec + 1;
	enum num_error e = num_parse(s, 1, INT_MAX, &num);
	if (e == NUM_OK || e == NUM_RANGE) {
		/* %N: a job number; one too large for any job is simply none */
		for (struct job *j = jobs; e == NUM_OK && j; j = j->next)
			if (j->id == num)
				return j;
		return NULL;
	}
	/* %string: the command starts with it; %?string: contains it. */
	int contains = *s == '?';
	if (contains)
		s++;
	struct job *found = NULL;
	for (struct job *j = jobs; j; j = j->next) {
		int match = contains ? strstr(j->text, s) != NULL : strncmp(j->text, s, strlen(s)) == 0;
		if (!match)
			continue;
		if (found) {
			*why = "ambiguous job spec";
			return NULL;
		}
		found = j;
	}
	return found;
}

struct job *jobs_record(pid_t pid, int ws)
{
	for (struct job *j = jobs; j; j = j->next) {
		for (size_t i = 0; i < j->n; i++) {
			if (j->pids[i] != pid)
				continue;
			if (WIFSTOPPED(ws)) {
				if (j->state != JOB_STOPPED) {
					jobs_touch(j);
					j->reported = 0;
					EV(EV_JOB, .a = j->id, .str = "stopped", .str2 = j->text);
				}
				j->state = JOB_STOPPED;
				j->status[i] = ws;
			} else if (WIFCONTINUED(ws)) {
				if (j->state == JOB_STOPPED) {
					j->state = JOB_RUNNING;
					EV(EV_JOB, .a = j->id, .str = "continued", .str2 = j->text);
				}
				j->status[i] = 0; /* forget how it had stopped */
			} else if (!j->exited[i]) {
				j->exited[i] = 1;
				j->status[i] = ws;
				if (++j->nexited == j->n) {
					j->state = JOB_DONE;
					EV(EV_JOB, .a = j->id, .str = "done", .str2 = j->text);
				}
			}
			return j;
		}
	}
	return NULL;
}

void jobs_continue(struct job *j)
{
	jobs_signal(j, SIGCONT);
	j->state = JOB_RUNNING;
	EV(EV_JOB, .a = j->id, .str = "continued", .str2 = j->text);
	for (size_t i = 0; i < j->n; i++)
		if (!j->exited[i])
			j->status[i] = 0; /* the old stop no longer describes it */
}

int jobs_signal(struct job *j, int sig)
{
	if (j->pgid > 0) {
		EV(EV_KILL, .target = -j->pgid, .a = sig);
		return kill(-j->pgid, sig);
	}
	int rc = 0;
	for (size_t i = 0; i < j->n; i++) {
		if (j->exited[i])
			continue;
		EV(EV_KILL, .target = j->pids[i], .a = sig);
		if (kill(j->pids[i], sig) < 0)
			rc = -1;
	}
	return rc;
}

static char mark_of(const struct job *j)
{
	return j == jobs_current() ? '+' : j == jobs_previous() ? '-' : ' ';
}

/* The state word of a job: Running, Stopped (which stop), or how it ended. */
static void job_state_text(const struct job *j, char *what, size_t len)
{
	if (j->state == JOB_RUNNING) {
		snprintf(what, len, "Running");
		return;
	}
	if (j->state == JOB_DONE) {
		jobs_describe(j->status[j->n - 1], what, len);
		return;
	}
	snprintf(what, len, "Stopped");
	for (size_t i = 0; i < j->n; i++)
		if (!j->exited[i] && WIFSTOPPED(j->status[i]))
			jobs_describe(j->status[i], what, len);
}

void jobs_print(FILE *out, const struct job *j, int pids)
{
	char what[64];
	job_state_text(j, what, sizeof what);
	fprintf(out, "[%d]%c ", j->id, mark_of(j));
	if (pids)
		for (size_t i = 0; i < j->n; i++)
			fprintf(out, "%ld ", (long)j->pids[i]);
	else
		fputc(' ', out);
	fprintf(out, "%-22s  ", what);
	sh_put_visible(out, j->text); /* a command line may hold escape sequences */
	fputs(j->state == JOB_RUNNING ? " &\n" : "\n", out);
}

void jobs_remove(struct job *j)
{
	for (struct job **pp = &jobs; *pp; pp = &(*pp)->next) {
		if (*pp == j) {
			*pp = j->next;
			break;
		}
	}
	free(j->pids);
	free(j->status);
	free(j->exited);
	free(j->text);
	free(j);
}

int jobs_have_news(void)
{
	for (struct job *j = jobs; j; j = j->next)
		if (j->state == JOB_DONE || (j->state == JOB_STOPPED && !j->reported))
			return 1;
	return 0;
}

void jobs_notify(FILE *out, int announce)
{
	size_t done = 0;
	for (struct job *j = jobs; j; j = j->next)
		done += j->state == JOB_DONE;
	struct job *j = jobs;
	while (j) {
		struct job *next = j->next;
		if (j->state == JOB_DONE && announce) {
			jobs_print(out, j, 0);
			jobs_remove(j);
		} else if (j->state == JOB_DONE && done > KEEP_DONE) {
			jobs_remove(j); /* the oldest finished jobs go first */
			done--;
		} else if (j->state == JOB_STOPPED && announce && !j->reported) {
			/* stopped while in the background (it read the terminal) */
			jobs_print(out, j, 0);
			j->reported = 1;
		}
		j = next;
	}
	if (announce)
		fflush(out);
}

void jobs_forget(void)
{
	while (jobs)
		jobs_remove(jobs);
}

void jobs_hangup(int all)
{
	for (struct job *j = jobs; j; j = j->next) {
		if (j->state == JOB_DONE || (!all && j->state != JOB_STOPPED))
			continue;
		jobs_signal(j, SIGHUP);
		jobs_signal(j, SIGCONT);
	}
}

int jobs_warn_stopped(void)
{
	static long warned_at = -1;
	if (warned_at == sh.commands_run - 1)
		return 0;
	for (struct job *j = jobs; j; j = j->next) {
		if (j->state == JOB_STOPPED) {
			sh_error("there are stopped jobs (exit again to leave and end them)");
			warned_at = sh.commands_run;
			return 1;
		}
	}
	return 0;
}
