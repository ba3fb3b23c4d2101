/* test_lessons.c - every lesson picture checked against the facts it
 * claims, from real runs.
 *
 * Each test runs one step of a lesson live (real fork, exec, wait, as
 * `lesson NAME --auto=0` does, with small sizes) and reads the record the
 * pictures are drawn from: that a child's exit comes at its own time and
 * its reap later (the zombie interval exists), who reaped it, that a
 * failed exec is recorded as failed and a successful one only once it
 * happened, that re-parenting happens at the moment the parent ends and
 * goes to the right subreaper, and that system()'s sh ends before its
 * caller.  These are the facts the lessons' texts state.
 *
 * forksh-hello must sit next to this test program (the Makefile links it
 * there), as it does next to forksh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../lessons/engine.h"
#include "../../lessons/lessons.h"
#include "../../lessons/pictures.h"
#include "../../lessons/plainc.h"
#include "../../shell/shell.h"
#include "liverec.h"


/* Run a step's run function, or else fn live with need processes at
 * most, in ctx, with its output thrown away.  Returns what it returned. */
static int quietly(int (*step)(struct lesson_ctx *), void (*fn)(void *), long need)
{
	fflush(stdout);
	int saved = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY);
	dup2(null, STDOUT_FILENO);
	close(null);
	int rc = step ? step(&ctx) : lesson_run_live(&ctx, fn, NULL, need);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	return rc;
}

/* Run step `step` (1-based) of lesson name, with "opt=value" sizes, its
 * output thrown away; the record is left in ctx.run.rec and v. */
static void run_step(const char *name, int step, const char *sizes)
{
	memset(&ctx, 0, sizeof ctx);
	ctx.lesson = lesson_find(name);
	assert_non_null(ctx.lesson);
	for (size_t i = 0; i < ctx.lesson->nopts; i++)
		ctx.opt[i] = ctx.lesson->opts[i].def;
	for (const char *p = sizes; p && *p;) {
		char opt[32];
		double val;
		int used;
		assert_int_equal(sscanf(p, "%31[^=]=%lf%n", opt, &val, &used), 2);
		size_t i = 0;
		while (i < ctx.lesson->nopts && strcmp(ctx.lesson->opts[i].name, opt) != 0)
			i++;
		assert_true(i < ctx.lesson->nopts);
		ctx.opt[i] = val;
		p += used + (p[used] == ' ');
	}
	ctx.auto_mode = 1;
	ctx.width = 80;
	ctx.step = (size_t)step - 1;
	assert_int_equal(quietly(ctx.lesson->steps[step - 1].run, NULL, 0), 0);
	assert_true(ctx.have_run);
	assert_false(ctx.run.quit);
	rec_view_build(&v, &ctx.run.rec);
}

/* The children of p, in fork order. */
/* How many events of kind about pid (any pid for 0). */
static size_t count(enum rec_kind kind, pid_t pid)
{
	size_t n = 0;
	for (size_t i = 0; i < ctx.run.rec.n; i++)
		n += ctx.run.rec.v[i].kind == kind && (!pid || ctx.run.rec.v[i].pid == pid);
	return n;
}

/* fork: each child exits at once, stays a zombie while its parent lives
 * on, is re-parented to forksh when the parent ends, and forksh reaps it. */
static void test_fork(void **state)
{
	(void)state;
	run_step("fork", 4, "forks=3");
	const struct rec_proc *main = root(), *kids[8];
	size_t n = kids_of(main, kids, 8);
	assert_int_equal(n, 3);
	pid_t shell = ctx.run.rec.shell;
	for (size_t i = 0; i < n; i++) {
		assert_true(kids[i]->end_t < main->end_t - 0.05);      /* exited at once, not at the end */
		assert_true(kids[i]->reap_t >= main->end_t);           /* reaped after the parent ended */
		assert_true(kids[i]->reap_t - kids[i]->end_t > 0.05);  /* a zombie meanwhile */
		assert_int_equal(kids[i]->reaper, shell);
		assert_true(kids[i]->moved);
		assert_int_equal(kids[i]->new_parent, shell);
		assert_true(kids[i]->move_t == main->end_t);
	}
	assert_all_reaped();
}

/* counter: the children outlive the main process, are re-parented to
 * forksh at its exit, end after their last line and are reaped by forksh. */
static void test_counter(void **state)
{
	(void)state;
	run_step("counter", 3, "children=3 count=2 delay=0.05");
	const struct rec_proc *main = root(), *kids[8];
	size_t n = kids_of(main, kids, 8);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_true(kids[i]->end_t > main->end_t);
		assert_true(kids[i]->moved && kids[i]->move_t == main->end_t);
		assert_int_equal(kids[i]->reaper, ctx.run.rec.shell);
		assert_int_equal(kids[i]->nlines, 4);
	}
	assert_all_reaped();
}

/* noexit: each process reaps its own children (waitpid in the loop). */
static void test_noexit(void **state)
{
	(void)state;
	run_step("noexit", 3, "rounds=2");
	assert_int_equal(v.n, 4);
	for (size_t i = 0; i < v.n; i++)
		if (v.p[i].parent != REC_NONE)
			assert_int_equal(v.p[i].reaper, v.p[v.p[i].parent].pid);
	assert_all_reaped();
}

/* noexit, the chapter's loop without _exit: every process reads the
 * lines the keys send; each Enter makes one more process, and it takes
 * one q per process to stop them all (none is killed). */
static void test_noexit_keyed(void **state)
{
	(void)state;
	run_step("noexit", 4, "rounds=3");
	assert_int_equal(v.n, 5);            /* the first, and one per Enter */
	assert_int_equal(lesson_count_lines(&ctx, "Hello from parent"), 4);
	long quits = 0;
	const struct rec_event *e;
	for (size_t i = 0; (e = lesson_said(&ctx, "", &i)) != NULL;)
		quits += strstr(e->text, " got q: leaving") != NULL;
	assert_int_equal(quits, 5);
	for (size_t i = 0; i < v.n; i++)
		assert_true(WIFEXITED(v.p[i].status) && WEXITSTATUS(v.p[i].status) == 0);
	assert_all_reaped();
}

/* memory: the parent waits for its child, which it reaps: nobody is
 * re-parented in a lesson about memory. */
static void test_memory(void **state)
{
	(void)state;
	run_step("memory", 3, NULL);
	const struct rec_proc *kids[2];
	assert_int_equal(kids_of(root(), kids, 2), 1);
	assert_int_equal(kids[0]->reaper, root()->pid);
	assert_false(kids[0]->moved);
	assert_true(kids[0]->reap_t <= root()->end_t);
	assert_all_reaped();
}

/* fds: the parent waits for the child: it reaps it. */
static void test_fds(void **state)
{
	(void)state;
	run_step("fds", 2, "lines=2");
	const struct rec_proc *kids[2];
	assert_int_equal(kids_of(root(), kids, 2), 1);
	assert_int_equal(kids[0]->reaper, root()->pid);
	assert_all_reaped();
}

/* forkexec: each child runs forksh-hello (a successful exec, before the
 * new program's line), which exits at once; nobody waits until the main
 * process ends. */
static void test_forkexec(void **state)
{
	(void)state;
	run_step("forkexec", 4, "forks=2");
	const struct rec_proc *kids[4];
	size_t n = kids_of(root(), kids, 4);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(kids[i]->exec);
		assert_true(strncmp(kids[i]->exec, "forksh-hello ", 13) == 0);
		assert_null(kids[i]->failed);
		assert_true(kids[i]->end_t < root()->end_t);
		assert_int_equal(kids[i]->reaper, ctx.run.rec.shell);
	}
	for (size_t i = 0; i < ctx.run.rec.n; i++) {
		const struct rec_event *e = &ctx.run.rec.v[i];
		if (e->kind == REC_SAY && strncmp(e->text, "Hello from child", 16) == 0)
			assert_true(proc_of(e->pid)->exec_t <= e->t);
	}
	assert_all_reaped();
}

/* exec: six calls succeed; execv with a bare name fails and is recorded
 * as failed, never as run; that child exits 127, reaped by the main
 * process.  The new program's line is written to descriptor 1 by sh
 * itself: the kernel names the writer, the PID that sh printed ($$). */
static void test_exec(void **state)
{
	(void)state;
	run_step("exec", 3, NULL);
	const struct rec_proc *kids[8];
	assert_int_equal(kids_of(root(), kids, 8), 7);
	for (int i = 0; i < 6; i++) {
		assert_non_null(kids[i]->exec);
		assert_true(strncmp(kids[i]->exec, "sh -c ", 6) == 0);
		assert_null(kids[i]->failed);
		assert_int_equal(kids[i]->nlines, 1);
	}
	assert_null(kids[6]->exec);
	assert_non_null(kids[6]->failed);
	assert_int_equal(kids[6]->failed_errno, 2);
	assert_true(WIFEXITED(kids[6]->status) && WEXITSTATUS(kids[6]->status) == 127);
	assert_int_equal(count(REC_EXEC, kids[6]->pid), 0);
	for (int i = 0; i < 7; i++)
		assert_int_equal(kids[i]->reaper, root()->pid);
	long said = 0;
	for (size_t i = 0; i < ctx.run.rec.n; i++) {
		const struct rec_event *e = &ctx.run.rec.v[i];
		const char *p = e->kind == REC_SAY ? strstr(e->text, " started me, PID ") : NULL;
		if (!p)
			continue;
		said++;
		assert_int_equal(strtol(p + 17, NULL, 10), e->pid);
		assert_true(e->t <= proc_of(e->pid)->end_t); /* the line before the end */
	}
	assert_int_equal(said, 6);
	assert_all_reaped();
}

/* execfail: three failed execs, no successful one; without _exit the
 * child runs on (and prints the parent's line). */
static void test_execfail(void **state)
{
	(void)state;
	run_step("execfail", 2, NULL);
	assert_int_equal(count(REC_EXEC_FAIL, 0), 3);
	assert_int_equal(count(REC_EXEC, 0), 0);
	assert_all_reaped();
	teardown(NULL);
	run_step("execfail", 3, NULL);
	const struct rec_proc *kids[2];
	assert_int_equal(kids_of(root(), kids, 2), 1);
	assert_non_null(kids[0]->failed);
	assert_int_equal(kids[0]->nlines, 2);
	assert_all_reaped();
}

/* orphans: when the parent leaves, its children are re-parented at that
 * moment to forksh; then, with the main process a subreaper, to it. */
static void test_orphans(void **state)
{
	(void)state;
	run_step("orphans", 3, "children=2");
	const struct rec_proc *mid[2], *kids[4];
	assert_int_equal(kids_of(root(), mid, 2), 1);
	assert_int_equal(mid[0]->reaper, root()->pid);
	assert_int_equal(kids_of(mid[0], kids, 4), 2);
	for (int i = 0; i < 2; i++) {
		assert_true(kids[i]->moved && kids[i]->move_t == mid[0]->end_t);
		assert_int_equal(kids[i]->new_parent, ctx.run.rec.shell);
		assert_int_equal(kids[i]->reaper, ctx.run.rec.shell);
		assert_true(kids[i]->end_t > mid[0]->end_t);
	}
	assert_all_reaped();
	teardown(NULL);
	run_step("orphans", 4, "children=2");
	assert_true(root()->subreaper);
	assert_int_equal(kids_of(root(), mid, 2), 1);
	assert_int_equal(kids_of(mid[0], kids, 4), 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(kids[i]->new_parent, root()->pid);
		assert_int_equal(kids[i]->reaper, root()->pid);
	}
	assert_all_reaped();
}

/* zombies: a zombie, seen as Z, until waitpid; several without a handler
 * likewise; with the SIGCHLD handler, reaped by the main process within
 * moments of their exit. */
static void test_zombies(void **state)
{
	(void)state;
	const struct rec_proc *kids[8];
	run_step("zombies", 2, NULL);
	assert_int_equal(kids_of(root(), kids, 8), 1);
	assert_true(kids[0]->reap_t > kids[0]->end_t);
	assert_int_equal(kids[0]->reaper, root()->pid);
	assert_int_equal(WEXITSTATUS(kids[0]->status), 3);
	assert_int_equal(lesson_count_lines(&ctx, "parent: /proc/"), 2);
	size_t at = 0;
	const struct rec_event *z = lesson_said(&ctx, "parent: /proc/", &at);
	assert_non_null(strstr(z->text, "says state Z"));
	assert_true(z->t < kids[0]->reap_t);
	teardown(NULL);
	run_step("zombies", 3, "children=3");
	assert_int_equal(kids_of(root(), kids, 8), 3);
	at = 0;
	z = lesson_said(&ctx, "without a handler: 3 zombie children", &at);
	assert_non_null(z);
	for (int i = 0; i < 3; i++) {
		assert_true(kids[i]->end_t < z->t && kids[i]->reap_t > z->t);
		assert_int_equal(kids[i]->reaper, root()->pid);
	}
	teardown(NULL);
	run_step("zombies", 4, "children=3");
	assert_int_equal(kids_of(root(), kids, 8), 3);
	size_t from = 0;
	const struct rec_event *count_line = lesson_said(&ctx, "with a SIGCHLD handler", &from);
	assert_non_null(count_line);
	for (int i = 0; i < 3; i++) {
		/* reaped by the handler, before the main process even looked */
		assert_true(kids[i]->reap_t < count_line->t);
		assert_true(kids[i]->reap_t - kids[i]->end_t < 0.1);
		assert_int_equal(kids[i]->reaper, root()->pid);
	}
	assert_all_reaped();
}

/* system and popen: the main process forks sh (recorded as exec'd, once
 * it was), sh runs forksh-hello; both end, and sh is reaped by the main
 * process, before the main process's own exit. */
static void test_system(void **state)
{
	(void)state;
	for (int step = 2; step <= 3; step++) {
		run_step("system", step, NULL);
		const struct rec_proc *main = root(), *sh[2], *hello[4];
		assert_int_equal(kids_of(main, sh, 2), 1);
		assert_non_null(sh[0]->exec);
		assert_true(strncmp(sh[0]->exec, "sh -c ", 6) == 0);
		assert_true(sh[0]->end_t < main->end_t);
		assert_true(sh[0]->reap_t < main->end_t);
		assert_int_equal(sh[0]->reaper, main->pid);
		size_t n = kids_of(sh[0], hello, 4);
		assert_int_equal(n, 1);              /* echo is sh's builtin: no process */
		for (size_t i = 0; i < n; i++) {
			assert_true(strncmp(hello[i]->exec, "forksh-hello", 12) == 0);
			assert_true(hello[i]->end_t <= sh[0]->end_t);
			assert_true(hello[i]->reaped && hello[i]->reap_t <= sh[0]->end_t);
			assert_int_equal(hello[i]->reaper, sh[0]->pid);
		}
		/* popen: forksh-hello's line went through the pipe, to be read
		 * and printed again by the main process; system: straight out */
		size_t at = 0;
		const struct rec_event *e = lesson_said(&ctx, step == 2 ? "Hello from child" : "read from the pipe: Hello", &at);
		assert_non_null(e);
		assert_int_equal(e->pid, step == 2 ? hello[0]->pid : main->pid);
		assert_int_equal(lesson_count_lines(&ctx, "Hello from child"), step == 2 ? 1 : 0);
		assert_all_reaped();
		teardown(NULL);
	}
}

/* shell: the mini shell's missing command is a failed exec, `false` a
 * successful one that exits 1; each reaped by the mini shell. */
static void test_shell(void **state)
{
	(void)state;
	run_step("shell", 2, NULL);
	const struct rec_proc *kids[4];
	assert_int_equal(kids_of(root(), kids, 4), 3);
	assert_string_equal(kids[0]->exec, "echo hello from a child");
	assert_int_equal(kids[0]->nlines, 1);
	assert_string_equal(kids[1]->exec, "false");
	assert_int_equal(WEXITSTATUS(kids[1]->status), 1);
	assert_null(kids[2]->exec);
	assert_string_equal(kids[2]->failed, "no-such-command");
	for (int i = 0; i < 3; i++)
		assert_int_equal(kids[i]->reaper, root()->pid);
	assert_all_reaped();
}

/* A program started by exec cannot report its end: the engine sees it
 * turn Z in /proc, with its status, long before its parent reaps it. */
static void exec_then_wait(void *arg)
{
	(void)arg;
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exit 5", (char *)NULL);
		_exit(127);
	}
	struct timespec t = { 0, 400000000 };
	nanosleep(&t, NULL);
	waitpid(pid, NULL, 0);
}

static void test_exec_end_from_proc(void **state)
{
	(void)state;
	memset(&ctx, 0, sizeof ctx);
	ctx.lesson = lesson_find("exec");
	ctx.auto_mode = 1;
	ctx.width = 80;
	assert_int_equal(quietly(NULL, exec_then_wait, 3), 0);
	rec_view_build(&v, &ctx.run.rec);
	const struct rec_proc *kids[2];
	assert_int_equal(kids_of(root(), kids, 2), 1);
	assert_string_equal(kids[0]->exec, "sh -c exit 5");
	assert_true(WIFEXITED(kids[0]->status) && WEXITSTATUS(kids[0]->status) == 5);
	assert_true(kids[0]->reap_t - kids[0]->end_t > 0.2); /* seen as a zombie */
	assert_int_equal(kids[0]->reaper, root()->pid);
}

/* What a lesson process holds: its descriptors, from /proc/self/fd. */
static void list_fds(void *arg)
{
	(void)arg;
	char line[256] = "fds:";
	for (int fd = 0; fd < 64; fd++) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		if (access(path, F_OK) == 0)
			snprintf(line + strlen(line), sizeof line - strlen(line), " %d", fd);
	}
	printf("%s\n", line);
}

/* A lesson process holds 0 (the key pipe), 1 and 2 (the output sockets)
 * and 3 (the record socket), nothing of the shell's own: here a
 * close-on-exec descriptor 40, as a redirected builtin's saved stdout is,
 * and 41, not close-on-exec. */
static void test_lesson_fds(void **state)
{
	(void)state;
	memset(&ctx, 0, sizeof ctx);
	ctx.lesson = lesson_find("fork");
	ctx.auto_mode = 1;
	ctx.width = 80;
	assert_int_equal(dup2(STDOUT_FILENO, 40), 40);
	assert_int_equal(fcntl(40, F_SETFD, FD_CLOEXEC), 0);
	assert_int_equal(dup2(STDOUT_FILENO, 41), 41);
	int rc = quietly(NULL, list_fds, 2);
	close(40);
	close(41);
	assert_int_equal(rc, 0);
	size_t at = 0;
	const struct rec_event *e = lesson_said(&ctx, "fds:", &at);
	assert_non_null(e);
	assert_string_equal(e->text, "fds: 0 1 2 3");
}

/* With --no-subreaper the engine gives up its subreaper flag for the run:
 * the orphans go past it (here to the nearest subreaper above the test,
 * or init), never to forksh; the flag is back afterwards. */
static void test_no_subreaper(void **state)
{
	(void)state;
	pid_t outer = fork();
	if (outer == 0) {
		/* a subreaper of our own above the engine, so that the orphans
		 * are reaped here and not left to this machine's init */
		prctl(PR_SET_CHILD_SUBREAPER, 1);
		pid_t engine = fork();
		if (engine == 0) {
			sh.pid = getpid();
			prctl(PR_SET_CHILD_SUBREAPER, 1);
			run_step("orphans", 3, "children=2 no-subreaper=1");
			const struct rec_proc *mid[2], *kids[4];
			int ok = kids_of(root(), mid, 2) == 1 && kids_of(mid[0], kids, 4) == 2;
			for (int i = 0; ok && i < 2; i++)
				ok = kids[i]->moved && kids[i]->new_parent != ctx.run.rec.shell &&
				     kids[i]->new_parent == getppid();
			live_free(&ctx.run); /* the flag comes back with the end of the run */
			ctx.have_run = 0;
			int flag = 0;
			prctl(PR_GET_CHILD_SUBREAPER, &flag);
			if (!ok || flag != 1)
				fprintf(stderr, "no-subreaper: ok %d, flag %d\n", ok, flag);
			_exit(ok && flag == 1 ? 0 : 1);
		}
		int ws = 0;
		while (waitpid(engine, &ws, 0) < 0)
			;
		while (waitpid(-1, NULL, 0) > 0) /* the orphans that came here */
			;
		_exit(WIFEXITED(ws) ? WEXITSTATUS(ws) : 2);
	}
	int ws;
	assert_int_equal(waitpid(outer, &ws, 0), outer);
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 0);
}

/* --auto's pace follows the length of the step: a short step gets the
 * SECONDS given, a long one (with code and a run) more, in proportion. */
static void test_step_pause(void **state)
{
	(void)state;
	struct lesson_ctx c;
	memset(&c, 0, sizeof c);
	c.auto_secs = 2;
	struct lesson_step short_step = { .title = "t", .text = "a few words only" };
	struct lesson_step long_step = { .title = "t", .text = "w w w w w w w w w w w w w w w w w w w w w w w w "
								"w w w w w w w w w w w w w w w w w w w w w w w w w w w w "
								"w w w w w w w w w w w w w w w w w w w w",
					 .code = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n" };
	assert_true(step_pause(&c, &short_step) == 2.0);
	double d = step_pause(&c, &long_step); /* 72 words + 10 lines of code = 92 words */
	assert_true(d > 4.5 && d < 4.7);
	long_step.run = (int (*)(struct lesson_ctx *))1; /* a run: its pictures count too */
	assert_true(step_pause(&c, &long_step) > d + 1.9);
	c.auto_secs = 0;
	assert_true(step_pause(&c, &long_step) == 0);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	/* as forksh's main(): $$, and the subreaper that adopts orphans */
	sh.pid = getpid();
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_fork, teardown),
		cmocka_unit_test_teardown(test_counter, teardown),
		cmocka_unit_test_teardown(test_noexit, teardown),
		cmocka_unit_test_teardown(test_noexit_keyed, teardown),
		cmocka_unit_test_teardown(test_memory, teardown),
		cmocka_unit_test_teardown(test_fds, teardown),
		cmocka_unit_test_teardown(test_forkexec, teardown),
		cmocka_unit_test_teardown(test_exec, teardown),
		cmocka_unit_test_teardown(test_execfail, teardown),
		cmocka_unit_test_teardown(test_orphans, teardown),
		cmocka_unit_test_teardown(test_zombies, teardown),
		cmocka_unit_test_teardown(test_system, teardown),
		cmocka_unit_test_teardown(test_shell, teardown),
		cmocka_unit_test_teardown(test_exec_end_from_proc, teardown),
		cmocka_unit_test_teardown(test_lesson_fds, teardown),
		cmocka_unit_test(test_no_subreaper),
		cmocka_unit_test(test_step_pause),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
