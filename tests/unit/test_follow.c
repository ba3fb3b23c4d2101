/* test_follow.c - unit tests for the parts of follow that need no tracee:
 * the PID map (follow/pidmap.c), the facts into the record (follow/
 * facts.c: lines split per process and stream, PATH-search misses that
 * are no failures, the errno execvp would report, a reap by a wait), the
 * thread in the pictures, and the words of a refusal for each Yama scope
 * (follow/start.c), which no test can set on a live machine.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../follow/fint.h"

/* ---- the PID map ---- */

static void test_pidmap_put_get_del(void **state)
{
	(void)state;
	struct pidmap m = { 0 };
	static int vals[5000];
	/* many keys, and keys that share a home slot (multiples of the size) */
	for (int i = 1; i < 5000; i++)
		pidmap_put(&m, i * 64, &vals[i]);
	for (int i = 1; i < 5000; i++)
		assert_ptr_equal(pidmap_get(&m, i * 64), &vals[i]);
	/* delete every other one: the rest must still be found */
	for (int i = 1; i < 5000; i += 2)
		pidmap_del(&m, i * 64);
	for (int i = 1; i < 5000; i++)
		assert_ptr_equal(pidmap_get(&m, i * 64), i % 2 ? NULL : &vals[i]);
	assert_int_equal(m.used, 2499);
	/* put again replaces */
	pidmap_put(&m, 128, &vals[7]);
	assert_ptr_equal(pidmap_get(&m, 128), &vals[7]);
	assert_null(pidmap_get(&m, 0));
	assert_null(pidmap_get(&m, -5));
	pidmap_del(&m, 999999); /* absent: nothing happens */
	assert_int_equal(m.used, 2499);
	pidmap_free(&m);
	assert_null(pidmap_get(&m, 128));
}

/* A run of colliding keys, the middle one deleted, wrapping around the end
 * of the table: every other must stay reachable (backward shift). */
static void test_pidmap_wraparound(void **state)
{
	(void)state;
	struct pidmap m = { 0 };
	int v[40];
	for (int i = 0; i < 20; i++)
		pidmap_put(&m, 1 + i * 128, &v[i]);
	for (int i = 0; i < 20; i += 3) {
		pidmap_del(&m, 1 + i * 128);
		for (int k = 0; k < 20; k++)
			if (k > i || k % 3)
				assert_ptr_equal(pidmap_get(&m, 1 + k * 128), &v[k]);
	}
	pidmap_free(&m);
}

/* ---- the facts ---- */

static struct recording rec;
static struct follow_opts opts;
static struct follow f;

static int setup(void **state)
{
	(void)state;
	memset(&rec, 0, sizeof rec);
	memset(&f, 0, sizeof f);
	memset(&opts, 0, sizeof opts);
	f.rec = &rec;
	f.o = &opts;
	f.who = "follow";
	f.shell = rec.shell = 100;
	f.root = rec.root = 101;
	f.cap = 1000;
	f.root_status = REC_UNSEEN;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fl_free(&f);
	rec_free(&rec);
	return 0;
}

/* The lines of pid in the record, joined by '|', with the stream
 * ("1:a|2:b"). */
static void lines_of(pid_t pid, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; i < rec.n; i++) {
		if (rec.v[i].kind != REC_SAY || rec.v[i].pid != pid)
			continue;
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, "%s%d:%s", used ? "|" : "", rec.v[i].status, rec.v[i].text);
	}
}

static size_t count(enum rec_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < rec.n; i++)
		n += rec.v[i].kind == kind;
	return n;
}

static void test_lines_per_process_and_stream(void **state)
{
	(void)state;
	struct fproc *p = fl_new_proc(&f, 101, 100, 0);
	struct fproc *q = fl_new_proc(&f, 5000102, 101, 0.1); /* above any pid_max: not in /proc */
	char buf[512];
	fl_write(&f, p, 1, "ab\ncd", 5, 0.2);
	fl_write(&f, q, 1, "other\n", 6, 0.3);  /* another process: its own line */
	fl_write(&f, p, 2, "err ", 4, 0.4);     /* another stream of p: its own line */
	fl_write(&f, p, 1, "e\n\nlast", 7, 0.5);
	fl_write(&f, p, 2, "done\n", 5, 0.6);
	lines_of(101, buf, sizeof buf);
	assert_string_equal(buf, "1:ab|1:cde|1:|2:err done");
	lines_of(5000102, buf, sizeof buf);
	assert_string_equal(buf, "1:other");
	/* the unfinished line is a line when the process ends */
	fl_exit(&f, p, 0, 0.7);
	lines_of(101, buf, sizeof buf);
	assert_string_equal(buf, "1:ab|1:cde|1:|2:err done|1:last");
	/* it comes before the exit; its child, not yet reaped, goes to a new
	 * parent (gone from /proc here: forksh); forksh is its own parent, so
	 * the exit is also forksh's reap */
	size_t say = 0, exit = 0, moved = 0, reap = 0;
	for (size_t i = 0; i < rec.n; i++) {
		const struct rec_event *e = &rec.v[i];
		if (e->kind == REC_SAY && strcmp(e->text, "last") == 0)
			say = i;
		else if (e->kind == REC_EXIT && e->pid == 101)
			exit = i;
		else if (e->kind == REC_REPARENT && e->pid == 5000102 && e->other == 100)
			moved = i;
		else if (e->kind == REC_REAP && e->pid == 100 && e->other == 101)
			reap = i;
	}
	assert_true(say && say < exit && exit < moved && moved < reap);
	assert_true(f.root_done);
	assert_int_equal(f.alive, 1);
}

static void test_long_line_in_pieces(void **state)
{
	(void)state;
	struct fproc *p = fl_new_proc(&f, 101, 100, 0);
	char *big = malloc(10000);
	memset(big, 'x', 10000);
	fl_write(&f, p, 1, big, 10000, 0.1);
	free(big);
	assert_int_equal(count(REC_SAY), 2); /* 2 x 4096, the rest unfinished */
	fl_write(&f, p, 1, "\n", 1, 0.2);
	assert_int_equal(count(REC_SAY), 3);
	assert_int_equal(strlen(rec.v[rec.n - 1].text), 10000 - 2 * 4096);
}

/* execvp's misses along PATH, then a hit: no failure at all. */
static void test_path_misses_are_no_failures(void **state)
{
	(void)state;
	struct fproc *p = fl_new_proc(&f, getpid(), 100, 0);
	fl_exec_failed(&f, p, "prog arg", ENOENT, 0.1);
	fl_exec_failed(&f, p, "prog arg", ENOENT, 0.2);
	fl_exec(&f, p, 0.3); /* reads /proc/PID/cmdline: this test's own */
	assert_int_equal(count(REC_EXEC_FAIL), 0);
	assert_int_equal(count(REC_EXEC), 1);
}

/* Misses and no hit: one failure, at the first attempt's time, with the
 * errno execvp reports (EACCES wins), told before what comes next. */
static void test_failed_exec_told_once(void **state)
{
	(void)state;
	struct fproc *p = fl_new_proc(&f, 102, 100, 0);
	fl_exec_failed(&f, p, "prog arg", EACCES, 0.1);
	fl_exec_failed(&f, p, "prog arg", ENOENT, 0.2);
	assert_int_equal(count(REC_EXEC_FAIL), 0);
	fl_write(&f, p, 2, "prog: not found\n", 16, 0.3);
	assert_int_equal(count(REC_EXEC_FAIL), 1);
	const struct rec_event *e = &rec.v[rec.n - 2];
	assert_int_equal(e->kind, REC_EXEC_FAIL);
	assert_int_equal(e->status, EACCES);
	assert_string_equal(e->text, "prog arg");
	assert_true(e->t == 0.1);
	assert_int_equal(rec.v[rec.n - 1].kind, REC_SAY);
}

/* A parent's wait reaps an ended child: exit, then reap by that parent. */
static void test_reap_by_parent(void **state)
{
	(void)state;
	struct fproc *p = fl_new_proc(&f, 101, 100, 0);
	struct fproc *c = fl_new_proc(&f, getpid(), 101, 0.1); /* alive: no "gone" */
	assert_int_equal(f.alive, 2);
	assert_int_equal(p->kids, 1);
	fl_exit(&f, c, 3 << 8, 0.2);
	assert_false(c->reaped);
	fl_reaped(&f, c, 101, REC_UNSEEN, 0.5);
	assert_true(c->reaped);
	const struct rec_event *e = &rec.v[rec.n - 1];
	assert_int_equal(e->kind, REC_REAP);
	assert_int_equal(e->pid, 101);
	assert_int_equal(e->status, 3 << 8); /* the status seen at its end */
	assert_int_equal(count(REC_REPARENT), 0);
	assert_int_equal(f.alive, 1);
	assert_int_equal(p->kids, 0);
	fl_reaped(&f, c, 101, 0, 0.6); /* told twice: recorded once */
	assert_int_equal(count(REC_REAP), 1);
}

/* A thread is part of its process: no alias, no row, a count. */
static void test_thread_is_no_process(void **state)
{
	(void)state;
	struct fproc *p = fl_new_proc(&f, 101, 100, 0);
	fl_thread(&f, p, 150, 0.1);
	fl_thread(&f, p, 151, 0.2);
	struct rec_view v;
	rec_view_build(&v, &rec);
	assert_int_equal(v.n, 1);
	assert_int_equal(v.p[0].nthreads, 2);
	rec_view_free(&v);
	assert_int_equal(rec_alias(&rec, 150), -1);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct draw_opts o = { 80, 0, 0, 0, TL_FULL };
	draw_tree(out, &rec, &o);
	draw_timeline(out, &rec, &o);
	assert_int_equal(write_json(out, &rec), 0);
	fclose(out);
	assert_non_null(strstr(buf, "started 2 threads"));
	assert_non_null(strstr(buf, "101 started a thread (thread ID 150)"));
	assert_non_null(strstr(buf, "\"kind\": \"thread\", \"pid\": 101, \"pid_alias\": \"P1\", \"tid\": 151}"));
	assert_non_null(strstr(buf, "\"threads\": 2}"));
	free(buf);
}

/* The cap: one process more than allowed, and every one is killed. */
static void test_cap(void **state)
{
	(void)state;
	f.cap = 2;
	fl_new_proc(&f, 5000001, 100, 0); /* above any pid_max: kill() finds no one */
	fl_new_proc(&f, 5000002, 5000001, 0);
	assert_int_equal(f.end, FOLLOW_DONE);
	assert_false(f.killing);
	fl_new_proc(&f, 5000003, 5000001, 0);
	assert_int_equal(f.end, FOLLOW_CAPPED);
	assert_true(f.killing);
}

/* ---- the refusal's words ---- */

static void test_refusal_reasons(void **state)
{
	(void)state;
	char buf[512];
	follow_refusal_reason(EPERM, 3, 0, buf, sizeof buf);
	assert_non_null(strstr(buf, "ptrace_scope is 3"));
	assert_non_null(strstr(buf, "until the machine restarts"));
	follow_refusal_reason(EPERM, 2, 0, buf, sizeof buf);
	assert_non_null(strstr(buf, "ptrace_scope is 2"));
	assert_non_null(strstr(buf, "kernel.yama.ptrace_scope = 1"));
	follow_refusal_reason(EPERM, -1, 0, buf, sizeof buf);
	assert_non_null(strstr(buf, "seccomp profile"));
	assert_non_null(strstr(buf, "--cap-add=SYS_PTRACE"));
	follow_refusal_reason(EPERM, 1, 0, buf, sizeof buf);
	assert_non_null(strstr(buf, "seccomp profile")); /* scope 1 allows a parent: not Yama */
	follow_refusal_reason(ENOSYS, -1, 0, buf, sizeof buf);
	assert_non_null(strstr(buf, "offers no ptrace"));
	follow_refusal_reason(ESRCH, -1, 0, buf, sizeof buf);
	assert_string_equal(buf, strerror(ESRCH));
	/* already traced: that is the reason, whatever Yama says */
	follow_refusal_reason(EPERM, 3, 4242, buf, sizeof buf);
	assert_non_null(strstr(buf, "already traced by process 4242"));
	assert_null(strstr(buf, "ptrace_scope"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pidmap_put_get_del),
		cmocka_unit_test(test_pidmap_wraparound),
		cmocka_unit_test_setup_teardown(test_lines_per_process_and_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_line_in_pieces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_path_misses_are_no_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_exec_told_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reap_by_parent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thread_is_no_process, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cap, setup, teardown),
		cmocka_unit_test(test_refusal_reasons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
