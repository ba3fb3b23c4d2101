/* test_trace.c - the trace line formats and wait-status decoding, and the
 * event stream's subscribe/emit mechanics. */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../shell/events.h"
#include "../../shell/shell.h"
#include "../../shell/trace.h"

static void fmt(const struct event *e, const char *want)
{
	char buf[512];
	size_t n = trace_format(e, buf, sizeof buf);
	assert_int_equal(n, strlen(buf));
	assert_string_equal(buf, want);
}

static void test_status_words(void **state)
{
	(void)state;
	char buf[64];
	trace_status(3 << 8, buf, sizeof buf);
	assert_string_equal(buf, "exited 3");
	trace_status(0, buf, sizeof buf);
	assert_string_equal(buf, "exited 0");
	trace_status(SIGINT, buf, sizeof buf);
	assert_string_equal(buf, "killed by SIGINT");
	trace_status(SIGSEGV | 0x80, buf, sizeof buf);
	assert_string_equal(buf, "killed by SIGSEGV (core dumped)");
	trace_status((SIGTSTP << 8) | 0x7f, buf, sizeof buf);
	assert_string_equal(buf, "stopped by SIGTSTP");
	trace_status(0xffff, buf, sizeof buf);
	assert_string_equal(buf, "continued");
}

static void test_formats(void **state)
{
	(void)state;
	struct event e = { .kind = EV_FORK, .pid = 4242, .target = 4250 };
	fmt(&e, "  [4242] fork() = 4250\n");
	e = (struct event){ .kind = EV_FORK, .pid = 4242, .err = 11 };
	fmt(&e, "  [4242] fork() failed: Resource temporarily unavailable\n");
	e = (struct event){ .kind = EV_PIPE, .pid = 4242, .a = 3, .b = 4 };
	fmt(&e, "  [4242] pipe() = [3, 4]\n");
	e = (struct event){ .kind = EV_DUP2, .pid = 4250, .child = 1, .a = 4, .b = 1 };
	fmt(&e, "  [4250]   dup2(4, 1) (stdout)\n");
	e = (struct event){ .kind = EV_CLOSE, .pid = 4250, .child = 1, .a = 3 };
	fmt(&e, "  [4250]   close(3)\n");
	e = (struct event){ .kind = EV_OPEN, .pid = 7, .child = 1, .str = "out.txt",
			    .b = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, .a = 3 };
	fmt(&e, "  [7]   open(\"out.txt\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC) = 3\n");
	e = (struct event){ .kind = EV_OPEN, .pid = 7, .str = "x", .b = O_RDONLY, .a = -1, .err = 2 };
	fmt(&e, "  [7] open(\"x\", O_RDONLY) failed: No such file or directory\n");
	char *argv[] = { "wc", "-l", "a \"q\"", NULL };
	e = (struct event){ .kind = EV_EXEC, .pid = 9, .child = 1, .argv = argv };
	fmt(&e, "  [9]   execvp(\"wc\", [\"wc\", \"-l\", \"a \\\"q\\\"\"])\n");
	e = (struct event){ .kind = EV_EXEC_FAIL, .pid = 9, .child = 1, .str = "nope", .err = 2 };
	fmt(&e, "  [9]   execvp(\"nope\") failed: No such file or directory\n");
	e = (struct event){ .kind = EV_WAIT, .pid = 1, .target = 9, .status = SIGKILL };
	fmt(&e, "  [1] waitpid(9) = killed by SIGKILL\n");
	e = (struct event){ .kind = EV_KILL, .pid = 1, .target = -9, .a = SIGCONT };
	fmt(&e, "  [1] kill(-9, SIGCONT)\n");
	e = (struct event){ .kind = EV_SETPGID, .pid = 1, .target = 9, .a = 9 };
	fmt(&e, "  [1] setpgid(9, 9)\n");
	e = (struct event){ .kind = EV_JOB, .pid = 1, .a = 2, .str = "done", .str2 = "sleep 1" };
	fmt(&e, "  [1] job [2] done: sleep 1\n");
	e = (struct event){ .kind = EV_BUILTIN, .pid = 1, .str = "cd" };
	fmt(&e, "  [1] cd: builtin, runs inside this process, no fork\n");
	e = (struct event){ .kind = EV_EXIT, .pid = 4250, .child = 1, .status = 3 };
	fmt(&e, "  [4250]   _exit(3)\n");
}

/* A line too long for the buffer is cut with "..." and still ends in a
 * newline, never overflowing. */
static void test_long_line_is_cut(void **state)
{
	(void)state;
	static char big[3000];
	memset(big, 'x', sizeof big - 1);
	char *argv[] = { "echo", big, big, NULL };
	struct event e = { .kind = EV_EXEC, .pid = 1, .argv = argv };
	char buf[256];
	memset(buf, '#', sizeof buf);
	size_t n = trace_format(&e, buf, sizeof buf);
	assert_true(n < sizeof buf);
	assert_int_equal(buf[n], '\0');
	assert_int_equal(buf[n - 1], '\n');
	assert_memory_equal(buf + n - 4, "...\n", 4);
}

static int seen;
static void counting_sink(const struct event *e, void *ctx)
{
	(void)e;
	seen += *(int *)ctx;
}

static void test_sinks(void **state)
{
	(void)state;
	int one = 1, ten = 10;
	seen = 0;
	assert_int_equal(ev_on, 0);
	EV(EV_CLOSE, .a = 3); /* nobody listens: nothing happens */
	assert_int_equal(seen, 0);
	assert_int_equal(ev_add_sink(counting_sink, &one), 0);
	assert_int_equal(ev_add_sink(counting_sink, &ten), 0);
	assert_int_equal(ev_add_sink(counting_sink, &ten), 0); /* no double subscription */
	EV(EV_CLOSE, .a = 3);
	assert_int_equal(seen, 11);
	ev_remove_sink(counting_sink, &ten);
	EV(EV_CLOSE, .a = 3);
	assert_int_equal(seen, 12);
	ev_remove_sink(counting_sink, &one);
	assert_int_equal(ev_on, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_long_line_is_cut),
		cmocka_unit_test(test_sinks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
