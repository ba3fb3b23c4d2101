/* test_procfs.c - unit tests for shell/procfs.c, one process's /proc files.
 *
 * Covers the stat parser with a command name that holds ") (" and the exit
 * code in field 52 (and a line cut before it), reading a file into a small
 * buffer and from a process that does not exist, the stat and status of
 * this process and of a zombie child, and the count RLIMIT_NPROC is
 * checked against: over a made-up /proc (threads count, other real users
 * do not, a long Groups line, entries that are not processes) and, as
 * root, over the real one for a user ID of the test's own, where a child
 * and its thread must count two and a zombie one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../shell/procfs.h"

/* ---- parsing stat ---- */

/* A stat line for a process named comm in state s with parent ppid, every
 * other field 0 up to field 51, then exit code (field 52) when code >= 0. */
static void stat_line(char *buf, size_t len, const char *comm, char s, int ppid, int code)
{
	int n = snprintf(buf, len, "123 (%s) %c %d", comm, s, ppid);
	for (int field = 5; field <= 51; field++)
		n += snprintf(buf + n, len - (size_t)n, " 0");
	if (code >= 0)
		n += snprintf(buf + n, len - (size_t)n, " %d", code);
	snprintf(buf + n, len - (size_t)n, "\n");
}

static void test_parse_stat_exit_code(void **state)
{
	(void)state;
	char line[PROCFS_STAT_MAX];
	struct proc_stat st;
	int code = 0;
	/* A name holding ") (", and a fake state and parent inside it. */
	stat_line(line, sizeof line, "a) (b) R 9 (c", 'Z', 45, 256);
	assert_int_equal(procfs_parse_stat(line, &st, &code), 0);
	assert_string_equal(st.comm, "a) (b) R 9 (c");
	assert_int_equal(st.state, 'Z');
	assert_int_equal(st.ppid, 45);
	assert_int_equal(st.pid, 123);
	assert_int_equal(code, 256);
	/* A line that stops before field 52 (an old kernel): not shown. */
	stat_line(line, sizeof line, ") (", 'S', 1, -1);
	code = 0;
	assert_int_equal(procfs_parse_stat(line, &st, &code), 0);
	assert_string_equal(st.comm, ") (");
	assert_int_equal(st.state, 'S');
	assert_int_equal(code, -1);
	/* NULL: the exit code is not wanted. */
	assert_int_equal(procfs_parse_stat("5 (x) R 4 5", &st, NULL), 0);
	assert_int_equal(st.ppid, 4);
	/* Not the shape of a stat line. */
	assert_int_equal(procfs_parse_stat("5 x R 4 5", &st, &code), -1);
	assert_int_equal(procfs_parse_stat("", &st, &code), -1);
	assert_int_equal(procfs_parse_stat("5 (x R 4 5", &st, &code), -1);
}

/* ---- reading ---- */

static void test_read(void **state)
{
	(void)state;
	char buf[64], small[4];
	/* comm is the program's file name, cut to 15 bytes, and a newline */
	size_t n = procfs_read(getpid(), "comm", buf, sizeof buf);
	assert_int_equal(n, strlen("test_procfs\n"));
	assert_string_equal(buf, "test_procfs\n");
	/* only len - 1 bytes fit, and the text is still terminated */
	assert_int_equal(procfs_read(getpid(), "comm", small, sizeof small), 3);
	assert_string_equal(small, "tes");
	/* no such process (beyond any pid_max), no such file */
	strcpy(buf, "left over");
	assert_int_equal(procfs_read(INT_MAX, "stat", buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(procfs_read(getpid(), "no-such-file", buf, sizeof buf), 0);
	assert_string_equal(buf, "");
}

static void test_stat_and_status_of_self(void **state)
{
	(void)state;
	struct proc_stat st;
	int code = 12345;
	assert_int_equal(procfs_stat(getpid(), &st, &code), 0);
	assert_int_equal(st.pid, getpid());
	assert_int_equal(st.ppid, getppid());
	assert_int_equal(st.state, 'R'); /* reading its own file: on a CPU */
	assert_string_equal(st.comm, "test_procfs");
	assert_int_equal(code, 0); /* running: no exit code yet */
	long tgid = -1, ppid = -1;
	assert_int_equal(procfs_status_fields(getpid(), "Tgid:", &tgid, "PPid:", &ppid), 0);
	assert_int_equal(tgid, getpid());
	assert_int_equal(ppid, getppid());
	/* a field that is not there is left alone */
	long missing = 77;
	assert_int_equal(procfs_status_fields(getpid(), "NoSuchField:", &missing, "Tgid:", &tgid), 0);
	assert_int_equal(missing, 77);
	assert_int_equal(procfs_status_fields(INT_MAX, "Tgid:", &tgid, "PPid:", &ppid), -1);
	assert_int_equal(procfs_stat(INT_MAX, &st, &code), -1);
}

/* A child that has exited but is not reaped: its stat says Z, its parent,
 * and in field 52 the wait status its parent is about to collect. */
static void test_stat_of_zombie(void **state)
{
	(void)state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(3);
	siginfo_t si;
	/* WNOWAIT: wait until it has ended, but leave it a zombie */
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0)
		assert_int_equal(errno, EINTR);
	struct proc_stat st;
	int code = -1;
	assert_int_equal(procfs_stat(pid, &st, &code), 0);
	assert_int_equal(st.state, 'Z');
	assert_int_equal(st.ppid, getpid());
	int ws;
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_int_equal(code, ws);
	assert_true(WIFEXITED(code) && WEXITSTATUS(code) == 3);
}

/* ---- counting a user's tasks ---- */

/* Write text to dir/name, making dir first. */
static void put(const char *top, const char *dir, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", top, dir);
	assert_int_equal(mkdir(path, 0755), 0);
	if (!text)
		return;
	snprintf(path, sizeof path, "%s/%s/status", top, dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_user_tasks_made_up(void **state)
{
	(void)state;
	char top[] = "/tmp/test_procfs.XXXXXX";
	assert_non_null(mkdtemp(top));
	/* five threads of user 1000: five of its limit, not one */
	put(top, "100", "Name:\tx\nUid:\t1000\t1000\t1000\t1000\nThreads:\t5\n");
	/* a zombie of user 1000 keeps its one until it is reaped */
	put(top, "101", "Name:\tz\nState:\tZ (zombie)\nUid:\t1000\t1000\t1000\t1000\nThreads:\t1\n");
	/* root's, and one whose effective but not real user is 1000 */
	put(top, "102", "Uid:\t0\t0\t0\t0\nThreads:\t3\n");
	put(top, "103", "Uid:\t2000\t1000\t1000\t1000\nThreads:\t4\n");
	/* a long Groups line before Threads (a user in many groups) */
	char text[4096];
	int n = snprintf(text, sizeof text, "Uid:\t1000\t1000\t1000\t1000\nGroups:");
	for (int g = 0; g < 200; g++)
		n += snprintf(text + n, sizeof text - (size_t)n, " %d", 10000 + g);
	snprintf(text + n, sizeof text - (size_t)n, "\nThreads:\t2\n");
	put(top, "105", text);
	/* gone while being read, and names that are not processes */
	put(top, "104", NULL);
	put(top, "self", "Uid:\t1000\t1000\t1000\t1000\nThreads:\t9\n");
	put(top, "0", "Uid:\t1000\t1000\t1000\t1000\nThreads:\t9\n");
	assert_int_equal(procfs_user_tasks_in(top, 1000), 5 + 1 + 2);
	assert_int_equal(procfs_user_tasks_in(top, 2000), 4);
	assert_int_equal(procfs_user_tasks_in(top, 0), 3);
	assert_int_equal(procfs_user_tasks_in(top, 3000), 0);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(procfs_user_tasks_in(top, 1000), 0); /* no such directory */
}

/* A thread that waits until its process ends. */
static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* As root: a child becomes a user ID no other process has and starts a
 * thread; the real /proc must count that user two tasks, one once the
 * child is a zombie, none once it is reaped. */
static void test_user_tasks_live(void **state)
{
	(void)state;
	if (geteuid() != 0) {
		/* only root can become a user of its own; still, this user's
		 * count includes at least this process's own threads */
		long threads = 0, unused = 0;
		assert_int_equal(procfs_status_fields(getpid(), "Threads:", &threads, "NoSuchField:", &unused), 0);
		assert_true(procfs_user_tasks(getuid()) >= threads);
		skip();
	}
	uid_t uid = 0;
	for (uid_t u = 61000 + (uid_t)(getpid() % 3000); u < 65000 && !uid; u += 7)
		if (procfs_user_tasks(u) == 0)
			uid = u;
	assert_true(uid != 0);
	int ready[2], go[2];
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		pthread_t t;
		char c = 'r';
		close(ready[0]);
		close(go[1]); /* or the read below never sees EOF */
		if (setresgid(uid, uid, uid) < 0 || setresuid(uid, uid, uid) < 0 ||
		    pthread_create(&t, NULL, sleeper, NULL) != 0)
			_exit(1);
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	char c = 0;
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(procfs_user_tasks(uid), 2); /* the process and its thread */
	close(go[1]); /* the child reads EOF and ends */
	siginfo_t si;
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0)
		assert_int_equal(errno, EINTR);
	assert_int_equal(procfs_user_tasks(uid), 1); /* a zombie until reaped */
	int ws;
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	assert_int_equal(procfs_user_tasks(uid), 0);
	close(ready[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_stat_exit_code),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_stat_and_status_of_self),
		cmocka_unit_test(test_stat_of_zombie),
		cmocka_unit_test(test_user_tasks_made_up),
		cmocka_unit_test(test_user_tasks_live),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
