/* test_jobs.c - unit tests for the job table in shell/jobs.c (and for
 * jobs_status and status_from_wait, in shell/wait.c).
 *
 * No process is started: jobs get made-up PIDs (900001 and up, which no
 * process has) and state changes are fed to jobs_record as wait statuses
 * built by hand.  Nothing here calls jobs_signal, jobs_hangup or the
 * jobs_wait_* functions, which would signal or wait for those PIDs.
 *
 * Covers jobs_add (numbering, reuse of the highest number), jobs_count and
 * jobs_first, every jobs_find spec, the ranking behind %+ and %-,
 * jobs_record and jobs_status, status_from_wait and jobs_describe, the
 * output of jobs_print and jobs_notify, jobs_remove and jobs_forget.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../shell/jobs.h"
#include "../../shell/util.h"

/* Wait statuses in the usual W* encoding. */
static int w_exited(int code) { return code << 8; }
static int w_killed(int sig) { return sig; }
static int w_stopped(int sig) { return (sig << 8) | 0x7f; }
#define W_CONTINUED 0xffff
#define W_COREDUMP 0x80

/* A job of n processes with PIDs base, base+1, ... */
static struct job *add_job(const char *text, size_t n, pid_t base, enum job_state state)
{
	pid_t pids[8];
	assert_true(n <= 8);
	for (size_t i = 0; i < n; i++)
		pids[i] = base + (pid_t)i;
	return jobs_add(pids, n, 0, xstrdup(text), state);
}

/* Output of jobs_print / jobs_notify, copied into buf (the stream's own
 * buffer is freed before any assertion can jump away). */
static void print_to(char *buf, size_t len, const struct job *j, int pids)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	assert_non_null(f);
	jobs_print(f, j, pids);
	fclose(f);
	snprintf(buf, len, "%s", out);
	free(out);
}

static void notify_to(char *buf, size_t len, int announce)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	assert_non_null(f);
	jobs_notify(f, announce);
	fclose(f);
	snprintf(buf, len, "%s", out);
	free(out);
}

static void describe(char *buf, size_t len, int ws)
{
	jobs_describe(ws, buf, len);
}

static int setup(void **state)
{
	(void)state;
	return jobs_count() == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	jobs_forget();
	return 0;
}

static void test_add_numbers_in_order(void **state)
{
	(void)state;
	assert_int_equal(jobs_count(), 0);
	assert_null(jobs_first());

	pid_t pids[2] = { 900001, 900002 };
	struct job *a = jobs_add(pids, 2, 900001, xstrdup("a | b"), JOB_RUNNING);
	pids[0] = pids[1] = 1; /* the table keeps its own copy */
	struct job *b = add_job("sleep 2", 1, 900011, JOB_RUNNING);
	struct job *c = add_job("vi", 1, 900021, JOB_STOPPED);

	assert_int_equal(a->id, 1);
	assert_int_equal(b->id, 2);
	assert_int_equal(c->id, 3);
	assert_int_equal(jobs_count(), 3);
	assert_ptr_equal(jobs_first(), a);
	assert_ptr_equal(a->next, b);
	assert_ptr_equal(b->next, c);
	assert_null(c->next);

	assert_int_equal(a->n, 2);
	assert_int_equal(a->pids[0], 900001);
	assert_int_equal(a->pids[1], 900002);
	assert_int_equal(a->pgid, 900001);
	assert_string_equal(a->text, "a | b");
	assert_int_equal(a->state, JOB_RUNNING);
	assert_int_equal(a->nexited, 0);
	assert_int_equal(a->exited[0] | a->exited[1], 0);
	assert_int_equal(a->reported, 0);
	assert_int_equal(c->state, JOB_STOPPED);
	/* Each add is a fresh touch. */
	assert_true(a->touched < b->touched);
	assert_true(b->touched < c->touched);
}

static void test_add_reuses_highest_number(void **state)
{
	(void)state;
	struct job *a = add_job("one", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("two", 1, 900002, JOB_RUNNING);
	struct job *c = add_job("three", 1, 900003, JOB_RUNNING);
	assert_int_equal(c->id, 3);

	/* The last job gone: its number is free again. */
	jobs_remove(c);
	assert_int_equal(jobs_count(), 2);
	c = add_job("three again", 1, 900004, JOB_RUNNING);
	assert_int_equal(c->id, 3);

	/* A gap in the middle is not filled: max + 1. */
	jobs_remove(b);
	struct job *d = add_job("four", 1, 900005, JOB_RUNNING);
	assert_int_equal(d->id, 4);
	const char *why;
	assert_null(jobs_find("%2", &why));

	/* Only job 1 left after removing the others: next is 2. */
	jobs_remove(c);
	jobs_remove(d);
	assert_int_equal(jobs_count(), 1);
	assert_int_equal(add_job("two again", 1, 900006, JOB_RUNNING)->id, 2);

	/* An empty table starts again at 1. */
	jobs_forget();
	assert_int_equal(add_job("fresh", 1, 900007, JOB_RUNNING)->id, 1);
	(void)a;
}

static void test_find_by_number(void **state)
{
	(void)state;
	struct job *a = add_job("one", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("two", 1, 900002, JOB_RUNNING);
	struct job *c = add_job("three", 1, 900003, JOB_RUNNING);
	const char *why = NULL;
	assert_ptr_equal(jobs_find("%1", &why), a);
	assert_ptr_equal(jobs_find("%2", &why), b);
	assert_ptr_equal(jobs_find("%3", &why), c);

	why = NULL;
	assert_null(jobs_find("%4", &why));
	assert_non_null(why);
	assert_non_null(strstr(why, "no such job"));
	why = NULL;
	assert_null(jobs_find("%0", &why));
	assert_non_null(strstr(why, "no such job"));

	/* After removal, %2 is gone. */
	jobs_remove(b);
	why = NULL;
	assert_null(jobs_find("%2", &why));
	assert_non_null(strstr(why, "no such job"));
	assert_ptr_equal(jobs_find("%3", &why), c);
}

static void test_find_current_and_previous(void **state)
{
	(void)state;
	const char *why = NULL;
	/* Empty table. */
	assert_null(jobs_find("%+", &why));
	assert_non_null(why);
	assert_non_null(strstr(why, "no current job"));
	why = NULL;
	assert_null(jobs_find("%-", &why));
	assert_non_null(why);
	assert_non_null(strstr(why, "no previous job"));
	assert_null(jobs_current());
	assert_null(jobs_previous());

	struct job *a = add_job("one", 1, 900001, JOB_RUNNING);
	assert_ptr_equal(jobs_find("%+", &why), a);
	why = NULL;
	assert_null(jobs_find("%-", &why)); /* one job: no previous one */
	assert_non_null(strstr(why, "no previous job"));

	struct job *b = add_job("two", 1, 900002, JOB_RUNNING);
	assert_ptr_equal(jobs_find("%+", &why), b);
	assert_ptr_equal(jobs_find("%%", &why), b);
	assert_ptr_equal(jobs_find("%", &why), b);
	assert_ptr_equal(jobs_find(NULL, &why), b); /* fg with no operand */
	assert_ptr_equal(jobs_find("%-", &why), a);
}

static void test_find_by_prefix(void **state)
{
	(void)state;
	struct job *a = add_job("sleep 100", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("sleep 200", 1, 900002, JOB_RUNNING);
	struct job *c = add_job("cat file | grep x", 2, 900003, JOB_RUNNING);
	const char *why = NULL;
	assert_ptr_equal(jobs_find("%cat", &why), c);
	assert_ptr_equal(jobs_find("%c", &why), c);
	assert_ptr_equal(jobs_find("%cat file | grep x", &why), c);
	assert_ptr_equal(jobs_find("%sleep 1", &why), a);
	assert_ptr_equal(jobs_find("%sleep 2", &why), b);

	/* The start of the command only, not anywhere in it. */
	why = NULL;
	assert_null(jobs_find("%grep", &why));
	assert_non_null(strstr(why, "no such job"));
	why = NULL;
	assert_null(jobs_find("%sleep 100 more", &why));
	assert_non_null(strstr(why, "no such job"));

	/* Two jobs start with it. */
	why = NULL;
	assert_null(jobs_find("%sleep", &why));
	assert_non_null(why);
	assert_non_null(strstr(why, "ambiguous"));

	/* Once one of them is gone it is no longer ambiguous. */
	jobs_remove(a);
	assert_ptr_equal(jobs_find("%sleep", &why), b);
}

static void test_find_by_contents(void **state)
{
	(void)state;
	struct job *a = add_job("sleep 100", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("sleep 200", 1, 900002, JOB_RUNNING);
	struct job *c = add_job("cat file | grep x", 2, 900003, JOB_RUNNING);
	const char *why = NULL;
	assert_ptr_equal(jobs_find("%?grep", &why), c);
	assert_ptr_equal(jobs_find("%?| g", &why), c);
	assert_ptr_equal(jobs_find("%?100", &why), a);
	assert_ptr_equal(jobs_find("%?200", &why), b);
	assert_ptr_equal(jobs_find("%?sleep 2", &why), b); /* at the start counts too */

	why = NULL;
	assert_null(jobs_find("%?e", &why)); /* in all three */
	assert_non_null(strstr(why, "ambiguous"));
	why = NULL;
	assert_null(jobs_find("%?00", &why)); /* in both sleeps */
	assert_non_null(strstr(why, "ambiguous"));
	why = NULL;
	assert_null(jobs_find("%?zzz", &why));
	assert_non_null(strstr(why, "no such job"));
}

static void test_find_by_pid(void **state)
{
	(void)state;
	struct job *a = add_job("sleep 1", 1, 900001, JOB_RUNNING);
	struct job *p = add_job("a | b | c", 3, 900011, JOB_RUNNING);
	const char *why = NULL;
	assert_ptr_equal(jobs_find("900001", &why), a);
	/* Any member of the pipeline finds the whole job. */
	assert_ptr_equal(jobs_find("900011", &why), p);
	assert_ptr_equal(jobs_find("900012", &why), p);
	assert_ptr_equal(jobs_find("900013", &why), p);

	why = NULL;
	assert_null(jobs_find("900014", &why));
	assert_non_null(why);
	assert_non_null(strstr(why, "no such job"));

	/* A finished job is still found by PID until it is dropped (`wait PID`
	 * in a script). */
	assert_ptr_equal(jobs_record(900001, w_exited(0)), a);
	assert_int_equal(a->state, JOB_DONE);
	assert_ptr_equal(jobs_find("900001", &why), a);
}

static void test_find_not_a_spec(void **state)
{
	(void)state;
	add_job("abc", 1, 900001, JOB_RUNNING);
	static const char *const bad[] = { "abc", "12abc", "-5", "0", "", "1.5" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *why = NULL;
		assert_null(jobs_find(bad[i], &why));
		assert_non_null(why);
		assert_non_null(strstr(why, "not a job spec"));
	}
}

static void test_rank_most_recent_first(void **state)
{
	(void)state;
	struct job *a = add_job("one", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("two", 1, 900002, JOB_RUNNING);
	struct job *c = add_job("three", 1, 900003, JOB_RUNNING);
	assert_ptr_equal(jobs_current(), c);
	assert_ptr_equal(jobs_previous(), b);

	jobs_touch(a);
	assert_ptr_equal(jobs_current(), a);
	assert_ptr_equal(jobs_previous(), c);

	jobs_touch(b);
	assert_ptr_equal(jobs_current(), b);
	assert_ptr_equal(jobs_previous(), a);

	/* The current job gone: the previous one moves up. */
	jobs_remove(b);
	assert_ptr_equal(jobs_current(), a);
	assert_ptr_equal(jobs_previous(), c);
}

static void test_rank_stopped_first(void **state)
{
	(void)state;
	struct job *a = add_job("one", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("two", 1, 900002, JOB_STOPPED);
	struct job *c = add_job("three", 1, 900003, JOB_RUNNING);
	/* c is newer, but b is stopped. */
	assert_ptr_equal(jobs_current(), b);
	assert_ptr_equal(jobs_previous(), c);

	/* a stops in the background: now the most recent stopped job. */
	assert_ptr_equal(jobs_record(900001, w_stopped(SIGTTIN)), a);
	assert_ptr_equal(jobs_current(), a);
	assert_ptr_equal(jobs_previous(), b);

	/* Touching a running job does not lift it above stopped ones. */
	jobs_touch(c);
	assert_ptr_equal(jobs_current(), a);
	assert_ptr_equal(jobs_previous(), b);

	/* Touching a stopped one reorders the stopped ones. */
	jobs_touch(b);
	assert_ptr_equal(jobs_current(), b);
	assert_ptr_equal(jobs_previous(), a);

	/* b continued (kill -CONT): only a is stopped now; of the running
	 * ones b was touched last, after c. */
	assert_ptr_equal(jobs_record(900002, W_CONTINUED), b);
	assert_int_equal(b->state, JOB_RUNNING);
	assert_ptr_equal(jobs_current(), a);
	assert_ptr_equal(jobs_previous(), b);
	jobs_touch(c);
	assert_ptr_equal(jobs_current(), a);
	assert_ptr_equal(jobs_previous(), c);
	const char *why;
	assert_ptr_equal(jobs_find("%+", &why), a);
	assert_ptr_equal(jobs_find("%-", &why), c);
}

static void test_record_pipeline_done(void **state)
{
	(void)state;
	struct job *j = add_job("a | b", 2, 900001, JOB_RUNNING);
	struct job *other = add_job("c", 1, 900011, JOB_RUNNING);

	assert_ptr_equal(jobs_record(900001, w_exited(0)), j);
	assert_int_equal(j->state, JOB_RUNNING); /* b still runs */
	assert_int_equal(j->nexited, 1);
	assert_true(j->exited[0]);
	assert_false(j->exited[1]);

	/* The same exit reported twice counts once. */
	assert_ptr_equal(jobs_record(900001, w_exited(0)), j);
	assert_int_equal(j->nexited, 1);
	assert_int_equal(j->state, JOB_RUNNING);

	assert_ptr_equal(jobs_record(900002, w_exited(3)), j);
	assert_int_equal(j->state, JOB_DONE);
	assert_int_equal(j->nexited, 2);
	assert_int_equal(jobs_status(j), 3);

	/* The other job was not touched. */
	assert_int_equal(other->state, JOB_RUNNING);
	assert_int_equal(other->nexited, 0);
	assert_int_equal(jobs_count(), 2);
}

static void test_record_stop_and_continue(void **state)
{
	(void)state;
	struct job *j = add_job("a | b", 2, 900001, JOB_RUNNING);
	unsigned long t0 = j->touched;

	assert_ptr_equal(jobs_record(900002, w_stopped(SIGTSTP)), j);
	assert_int_equal(j->state, JOB_STOPPED);
	assert_int_equal(j->reported, 0);
	assert_true(j->touched > t0);
	unsigned long t1 = j->touched;
	j->reported = 1;

	/* The other process stopping too is the same stop. */
	assert_ptr_equal(jobs_record(900001, w_stopped(SIGTSTP)), j);
	assert_int_equal(j->state, JOB_STOPPED);
	assert_int_equal(j->reported, 1);
	assert_int_equal(j->touched, t1);

	assert_ptr_equal(jobs_record(900001, W_CONTINUED), j);
	assert_int_equal(j->state, JOB_RUNNING);
	assert_ptr_equal(jobs_record(900002, W_CONTINUED), j);
	assert_int_equal(j->state, JOB_RUNNING);

	/* A new stop is news again. */
	assert_ptr_equal(jobs_record(900002, w_stopped(SIGTTOU)), j);
	assert_int_equal(j->state, JOB_STOPPED);
	assert_int_equal(j->reported, 0);
	assert_true(j->touched > t1);

	/* A stop or a continue is not an exit. */
	assert_int_equal(j->nexited, 0);
	assert_ptr_equal(jobs_record(900002, W_CONTINUED), j);
	assert_ptr_equal(jobs_record(900001, w_exited(0)), j);
	assert_ptr_equal(jobs_record(900002, w_killed(SIGKILL)), j);
	assert_int_equal(j->state, JOB_DONE);
	assert_int_equal(jobs_status(j), 128 + SIGKILL);
}

static void test_record_unknown_pid(void **state)
{
	(void)state;
	struct job *j = add_job("a | b", 2, 900001, JOB_RUNNING);
	assert_null(jobs_record(900003, w_exited(0)));
	assert_null(jobs_record(900000, w_stopped(SIGTSTP)));
	assert_null(jobs_record(900003, W_CONTINUED));
	assert_int_equal(j->state, JOB_RUNNING);
	assert_int_equal(j->nexited, 0);
	assert_int_equal(jobs_count(), 1);
}

static void test_status_of_last_process(void **state)
{
	(void)state;
	struct job *a = add_job("false | true", 2, 900001, JOB_RUNNING);
	jobs_record(900001, w_exited(1));
	jobs_record(900002, w_exited(0));
	assert_int_equal(jobs_status(a), 0);

	struct job *b = add_job("true | false", 2, 900011, JOB_RUNNING);
	jobs_record(900012, w_exited(1)); /* the last one may end first */
	jobs_record(900011, w_exited(0));
	assert_int_equal(b->state, JOB_DONE);
	assert_int_equal(jobs_status(b), 1);

	struct job *c = add_job("yes | head", 2, 900021, JOB_RUNNING);
	jobs_record(900021, w_killed(SIGPIPE));
	jobs_record(900022, w_killed(SIGTERM));
	assert_int_equal(jobs_status(c), 128 + SIGTERM);

	struct job *d = add_job("exit 255", 1, 900031, JOB_RUNNING);
	jobs_record(900031, w_exited(255));
	assert_int_equal(jobs_status(d), 255);
}

static void test_status_from_wait(void **state)
{
	(void)state;
	assert_int_equal(status_from_wait(w_exited(0)), 0);
	assert_int_equal(status_from_wait(w_exited(3)), 3);
	assert_int_equal(status_from_wait(w_exited(255)), 255);
	assert_int_equal(status_from_wait(w_killed(SIGKILL)), 128 + SIGKILL);
	assert_int_equal(status_from_wait(w_killed(SIGINT)), 130);
	assert_int_equal(status_from_wait(w_killed(SIGSEGV) | W_COREDUMP), 128 + SIGSEGV);
	assert_int_equal(status_from_wait(w_stopped(SIGTSTP)), 128 + SIGTSTP);
	assert_int_equal(status_from_wait(w_stopped(SIGTTIN)), 128 + SIGTTIN);
}

static void test_describe(void **state)
{
	(void)state;
	char buf[64], want[64];
	describe(buf, sizeof buf, w_exited(0));
	assert_string_equal(buf, "Done");
	describe(buf, sizeof buf, w_exited(3));
	assert_string_equal(buf, "Exit 3");
	describe(buf, sizeof buf, w_exited(255));
	assert_string_equal(buf, "Exit 255");
	describe(buf, sizeof buf, w_killed(SIGTERM));
	assert_string_equal(buf, strsignal(SIGTERM));
	describe(buf, sizeof buf, w_killed(SIGKILL));
	assert_string_equal(buf, strsignal(SIGKILL));
	describe(buf, sizeof buf, w_killed(SIGSEGV) | W_COREDUMP);
	snprintf(want, sizeof want, "%s (core dumped)", strsignal(SIGSEGV));
	assert_string_equal(buf, want);
	describe(buf, sizeof buf, w_stopped(SIGTSTP));
	assert_string_equal(buf, "Stopped");
	describe(buf, sizeof buf, w_stopped(SIGSTOP));
	assert_string_equal(buf, "Stopped");
	describe(buf, sizeof buf, w_stopped(SIGTTIN));
	assert_string_equal(buf, "Stopped (tty input)");
	describe(buf, sizeof buf, w_stopped(SIGTTOU));
	assert_string_equal(buf, "Stopped (tty output)");

	/* A short buffer is cut, still terminated. */
	char small[5];
	memset(small, 'x', sizeof small);
	describe(small, sizeof small, w_exited(3));
	assert_string_equal(small, "Exit");
}

/* "Running" padded to 22 columns, then two spaces. */
#define RUNNING "Running                 "
#define STOPPED "Stopped                 "

static void test_print_running_and_stopped(void **state)
{
	(void)state;
	char buf[256];
	struct job *a = add_job("sleep 10", 1, 900001, JOB_RUNNING);
	print_to(buf, sizeof buf, a, 0);
	assert_string_equal(buf, "[1]+  " RUNNING "sleep 10 &\n");

	struct job *b = add_job("sleep 20", 1, 900002, JOB_RUNNING);
	print_to(buf, sizeof buf, b, 0);
	assert_string_equal(buf, "[2]+  " RUNNING "sleep 20 &\n");
	print_to(buf, sizeof buf, a, 0);
	assert_string_equal(buf, "[1]-  " RUNNING "sleep 10 &\n");

	/* A stopped job has no & and takes the + mark. */
	struct job *c = add_job("vi notes", 1, 900003, JOB_RUNNING);
	jobs_record(900003, w_stopped(SIGTSTP));
	print_to(buf, sizeof buf, c, 0);
	assert_string_equal(buf, "[3]+  " STOPPED "vi notes\n");
	print_to(buf, sizeof buf, b, 0);
	assert_string_equal(buf, "[2]-  " RUNNING "sleep 20 &\n");
	print_to(buf, sizeof buf, a, 0);
	assert_string_equal(buf, "[1]   " RUNNING "sleep 10 &\n");

	/* Which stop it was. */
	struct job *d = add_job("cat", 1, 900004, JOB_RUNNING);
	jobs_record(900004, w_stopped(SIGTTIN));
	print_to(buf, sizeof buf, d, 0);
	assert_string_equal(buf, "[4]+  Stopped (tty input)     cat\n");
	print_to(buf, sizeof buf, c, 0);
	assert_string_equal(buf, "[3]-  " STOPPED "vi notes\n");
}

static void test_print_with_pids(void **state)
{
	(void)state;
	char buf[256];
	struct job *a = add_job("a | b", 2, 900001, JOB_RUNNING);
	print_to(buf, sizeof buf, a, 1);
	assert_string_equal(buf, "[1]+ 900001 900002 " RUNNING "a | b &\n");

	struct job *b = add_job("sleep 5", 1, 900011, JOB_RUNNING);
	print_to(buf, sizeof buf, b, 1);
	assert_string_equal(buf, "[2]+ 900011 " RUNNING "sleep 5 &\n");
	print_to(buf, sizeof buf, a, 1);
	assert_string_equal(buf, "[1]- 900001 900002 " RUNNING "a | b &\n");
}

static void test_print_finished(void **state)
{
	(void)state;
	char buf[256], want[256];
	struct job *a = add_job("true", 1, 900001, JOB_RUNNING);
	jobs_record(900001, w_exited(0));
	print_to(buf, sizeof buf, a, 0);
	assert_string_equal(buf, "[1]+  Done                    true\n");

	struct job *b = add_job("false | exit 3", 2, 900011, JOB_RUNNING);
	jobs_record(900011, w_exited(1));
	jobs_record(900012, w_exited(3));
	print_to(buf, sizeof buf, b, 0);
	assert_string_equal(buf, "[2]+  Exit 3                  false | exit 3\n");

	struct job *c = add_job("sleep 100", 1, 900021, JOB_RUNNING);
	jobs_record(900021, w_killed(SIGTERM));
	print_to(buf, sizeof buf, c, 0);
	snprintf(want, sizeof want, "[3]+  %-22s  sleep 100\n", strsignal(SIGTERM));
	assert_string_equal(buf, want);
}

static void test_notify_announces_and_drops_done(void **state)
{
	(void)state;
	char buf[512];
	struct job *a = add_job("sleep 100", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("true", 1, 900002, JOB_RUNNING);
	struct job *c = add_job("vi", 1, 900003, JOB_STOPPED);
	c->reported = 1; /* stopped in the foreground: already told */
	assert_ptr_equal(jobs_record(900002, w_exited(0)), b);
	assert_int_equal(b->state, JOB_DONE);

	notify_to(buf, sizeof buf, 1);
	assert_string_equal(buf, "[2]-  Done                    true\n");
	assert_int_equal(jobs_count(), 2);
	assert_ptr_equal(jobs_first(), a);
	assert_ptr_equal(a->next, c);
	const char *why;
	assert_null(jobs_find("900002", &why));

	/* Nothing new: nothing printed. */
	notify_to(buf, sizeof buf, 1);
	assert_string_equal(buf, "");
	assert_int_equal(jobs_count(), 2);

	/* Two finished at once: both, in job order, with their marks. */
	jobs_record(900001, w_exited(2));
	jobs_record(900003, w_killed(SIGKILL));
	char want[512];
	snprintf(want, sizeof want, "[1]-  Exit 2                  sleep 100\n[3]+  %-22s  vi\n",
		 strsignal(SIGKILL));
	notify_to(buf, sizeof buf, 1);
	assert_string_equal(buf, want);
	assert_int_equal(jobs_count(), 0);
	assert_null(jobs_first());
}

static void test_notify_background_stop_once(void **state)
{
	(void)state;
	char buf[256];
	struct job *a = add_job("sleep 100", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("cat", 1, 900002, JOB_RUNNING);

	notify_to(buf, sizeof buf, 1);
	assert_string_equal(buf, ""); /* running jobs are not announced */

	jobs_record(900002, w_stopped(SIGTTIN));
	notify_to(buf, sizeof buf, 1);
	assert_string_equal(buf, "[2]+  Stopped (tty input)     cat\n");
	assert_int_equal(b->reported, 1);
	assert_int_equal(jobs_count(), 2); /* a stopped job stays */

	notify_to(buf, sizeof buf, 1);
	assert_string_equal(buf, ""); /* told once */

	/* bg, and it stops again: told again. */
	jobs_record(900002, W_CONTINUED);
	notify_to(buf, sizeof buf, 1);
	assert_string_equal(buf, "");
	jobs_record(900002, w_stopped(SIGTTIN));
	notify_to(buf, sizeof buf, 1);
	assert_string_equal(buf, "[2]+  Stopped (tty input)     cat\n");
	assert_int_equal(a->state, JOB_RUNNING);
}

static void test_notify_quiet_keeps_done(void **state)
{
	(void)state;
	char buf[256];
	struct job *a = add_job("exit 4", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("cat", 1, 900002, JOB_RUNNING);
	jobs_record(900001, w_exited(4));
	jobs_record(900002, w_stopped(SIGTTIN));

	notify_to(buf, sizeof buf, 0);
	assert_string_equal(buf, "");
	assert_int_equal(jobs_count(), 2);
	assert_int_equal(b->reported, 0); /* nobody was told */

	/* `wait 900001` can still find it and its status. */
	const char *why;
	assert_ptr_equal(jobs_find("900001", &why), a);
	assert_int_equal(a->state, JOB_DONE);
	assert_int_equal(jobs_status(a), 4);

	/* An interactive shell would tell now. */
	notify_to(buf, sizeof buf, 1);
	assert_non_null(strstr(buf, "[1]"));
	assert_non_null(strstr(buf, "Exit 4"));
	assert_non_null(strstr(buf, "[2]"));
	assert_non_null(strstr(buf, "Stopped (tty input)"));
	assert_int_equal(jobs_count(), 1);
	assert_ptr_equal(jobs_first(), b);
}

/* Scripts keep at most 256 finished jobs: the oldest go first. */
static void test_notify_quiet_bounded(void **state)
{
	(void)state;
	enum { N = 258 };
	for (int i = 0; i < N; i++) {
		add_job("true", 1, 900001 + i, JOB_RUNNING);
		jobs_record(900001 + i, w_exited(0));
	}
	struct job *running = add_job("sleep 100", 1, 901001, JOB_RUNNING);
	assert_int_equal(jobs_count(), N + 1);
	char buf[64];
	notify_to(buf, sizeof buf, 0);
	assert_string_equal(buf, "");
	assert_int_equal(jobs_count(), 256 + 1);
	const char *why;
	assert_null(jobs_find("%1", &why));
	assert_null(jobs_find("%2", &why));
	assert_non_null(jobs_find("%3", &why));
	assert_non_null(jobs_find("%258", &why));
	assert_ptr_equal(jobs_find("901001", &why), running);
	assert_int_equal(jobs_first()->id, 3);
}

static void test_remove_and_forget(void **state)
{
	(void)state;
	struct job *a = add_job("one", 1, 900001, JOB_RUNNING);
	struct job *b = add_job("two", 2, 900002, JOB_RUNNING);
	struct job *c = add_job("three", 1, 900004, JOB_RUNNING);

	jobs_remove(b); /* the middle */
	assert_int_equal(jobs_count(), 2);
	assert_ptr_equal(jobs_first(), a);
	assert_ptr_equal(a->next, c);
	const char *why;
	assert_null(jobs_find("900002", &why));
	assert_null(jobs_find("900003", &why));
	assert_null(jobs_record(900003, w_exited(0)));

	jobs_remove(a); /* the first */
	assert_int_equal(jobs_count(), 1);
	assert_ptr_equal(jobs_first(), c);
	assert_ptr_equal(jobs_current(), c);
	assert_null(jobs_previous());

	add_job("four", 1, 900005, JOB_STOPPED);
	add_job("five", 1, 900006, JOB_RUNNING);
	jobs_forget();
	assert_int_equal(jobs_count(), 0);
	assert_null(jobs_first());
	assert_null(jobs_current());
	assert_null(jobs_previous());
	assert_null(jobs_find("%1", &why));
	jobs_forget(); /* an empty table is fine too */
	assert_int_equal(jobs_count(), 0);
}

/* A PID operand too big for pid_t must not be truncated into another PID:
 * 4295867297 is 2^32 + 900001, and must not find the job of PID 900001. */
static void test_find_pid_out_of_range(void **state)
{
	(void)state;
	add_job("sleep 1", 1, 900001, JOB_RUNNING);
	const char *why = NULL;
	struct job *j = jobs_find("4295867297", &why);
	assert_null(j);
}

/* A WCONTINUED report clears the process's old stop status, so a job that is
 * stopped again by another of its processes is described by the new stop,
 * not the stale one (SIGTTIN, continued, then SIGTSTP: "Stopped"). */
static void test_stale_stop_after_continue(void **state)
{
	(void)state;
	char buf[256];
	struct job *j = add_job("a | cat", 2, 900001, JOB_RUNNING);
	jobs_record(900002, w_stopped(SIGTTIN));
	print_to(buf, sizeof buf, j, 0);
	assert_string_equal(buf, "[1]+  Stopped (tty input)     a | cat\n");
	jobs_record(900002, W_CONTINUED);
	assert_int_equal(j->state, JOB_RUNNING);
	jobs_record(900001, w_stopped(SIGTSTP));
	assert_int_equal(j->state, JOB_STOPPED);
	print_to(buf, sizeof buf, j, 0);
	assert_string_equal(buf, "[1]+  " STOPPED "a | cat\n");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_add_numbers_in_order),
		T(test_add_reuses_highest_number),
		T(test_find_by_number),
		T(test_find_current_and_previous),
		T(test_find_by_prefix),
		T(test_find_by_contents),
		T(test_find_by_pid),
		T(test_find_not_a_spec),
		T(test_rank_most_recent_first),
		T(test_rank_stopped_first),
		T(test_record_pipeline_done),
		T(test_record_stop_and_continue),
		T(test_record_unknown_pid),
		T(test_status_of_last_process),
		T(test_status_from_wait),
		T(test_describe),
		T(test_print_running_and_stopped),
		T(test_print_with_pids),
		T(test_print_finished),
		T(test_notify_announces_and_drops_done),
		T(test_notify_background_stop_once),
		T(test_notify_quiet_keeps_done),
		T(test_notify_quiet_bounded),
		T(test_remove_and_forget),
		/* The known bugs last. */
		T(test_find_pid_out_of_range),
		T(test_stale_stop_after_continue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
