/* test_shellrec.c - the bridge between forksh's executor and the lesson
 * record (lessons/shellrec.c), and the subshell lesson built on it.
 *
 * Events in, record out: made-up executor events go through the sink, the
 * records it sends are filed by the engine's collector, and the record must
 * say what the events said (a fork with its reason, an exit from the child
 * itself, a reap by the parent).  The output capture must attribute each
 * write to the process that made it, at the time it made it.  Then real
 * runs of the lesson's shell text: the subshell's child is a fork without
 * exec, reaped by its parent, its exit recorded when it happened (a zombie
 * interval is seen when its parent is busy), and every answer the lesson
 * checks comes out of the record.
 *
 * forksh-hello must sit next to this program (the Makefile puts it there),
 * as for test_lessons.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../lessons/collect.h"
#include "../../lessons/lessons.h"
#include "../../shell/shell.h"
#include "../../lessons/pictures.h"
#include "../../lessons/shellrec.h"
#include "../../lessons/wire.h"
#include "liverec.h"
#include "../../shell/events.h"

#define WHY_SUBSHELL "subshell: the child runs the list itself, no exec"

/* ---- events in, records out ---- */

/* Every record waiting on fd, filed into run by the engine's collector;
 * returns how many there were. */
static int file_records(struct live_run *run, int fd)
{
	char buf[WIRE_MAX + 1];
	int n = 0;
	ssize_t len;
	while ((len = recv(fd, buf, WIRE_MAX, MSG_DONTWAIT)) > 0) {
		collect_record(run, buf, (size_t)len, -1);
		n++;
	}
	return n;
}

/* The lines the collector shows as they arrive go nowhere here. */
static void quiet_run(struct live_run *run)
{
	memset(run, 0, sizeof *run);
	run->rec_fd = run->key_fd = -1;
	run->rec.shell = 4000;
	run->rec.root = 4242;
	collect_forked(run, 4242, 4000, 0, NULL);
}

static void test_events_to_record(void **state)
{
	(void)state;
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	struct shellrec sr = { .fd = sv[1], .t0 = wire_now(), .witness = -1 };
	struct event e;
	/* the subshell's fork, said by the parent */
	e = (struct event){ .kind = EV_FORK, .pid = 4242, .target = 4250, .str = WHY_SUBSHELL };
	shellrec_event(&e, &sr);
	/* a failed fork, a builtin, a stop: no record */
	e = (struct event){ .kind = EV_FORK, .pid = 4242, .err = 11, .str = WHY_SUBSHELL };
	shellrec_event(&e, &sr);
	e = (struct event){ .kind = EV_BUILTIN, .pid = 4250, .child = 1, .str = "cd" };
	shellrec_event(&e, &sr);
	e = (struct event){ .kind = EV_WAIT, .pid = 4242, .target = 4250, .status = (SIGTSTP << 8) | 0x7f };
	shellrec_event(&e, &sr);
	/* the child's own end, then its reap by the parent */
	e = (struct event){ .kind = EV_EXIT, .pid = 4250, .child = 1, .status = 3 };
	shellrec_event(&e, &sr);
	e = (struct event){ .kind = EV_WAIT, .pid = 4242, .target = 4250, .status = 3 << 8 };
	shellrec_event(&e, &sr);
	/* a fork for a program says no reason */
	e = (struct event){ .kind = EV_FORK, .pid = 4242, .target = 4251 };
	shellrec_event(&e, &sr);

	struct live_run run;
	quiet_run(&run);
	assert_int_equal(file_records(&run, sv[0]), 4);
	struct rec_view v;
	rec_view_build(&v, &run.rec);
	size_t row = rec_view_find(&v, 4250);
	assert_true(row != REC_NONE);
	const struct rec_proc *p = &v.p[row];
	assert_string_equal(p->why, WHY_SUBSHELL);
	assert_int_equal(v.p[p->parent].pid, 4242);
	assert_null(p->exec);
	assert_true(p->ended && WIFEXITED(p->status) && WEXITSTATUS(p->status) == 3);
	assert_true(p->reaped);
	assert_int_equal(p->reaper, 4242);
	assert_true(p->end_t <= p->reap_t);
	row = rec_view_find(&v, 4251);
	assert_true(row != REC_NONE);
	assert_null(v.p[row].why);
	rec_view_free(&v);
	live_free(&run);
	close(sv[0]);
	close(sv[1]);
}

/* The tree says why a process was forked, and the JSON keeps it. */
static void test_why_in_pictures(void **state)
{
	(void)state;
	struct recording r = { .root = 4242, .shell = 4000 };
	rec_add(&r, REC_FORK, 0, 4000, 4242, 0, NULL);
	rec_add(&r, REC_FORK, 0.001, 4242, 4250, 0, WHY_SUBSHELL);
	rec_add(&r, REC_EXIT, 0.002, 4250, 0, 0, NULL);
	rec_add(&r, REC_REAP, 0.003, 4242, 4250, 0, NULL);
	rec_add(&r, REC_EXIT, 0.004, 4242, 0, 0, NULL);
	rec_add(&r, REC_REAP, 0.005, 4000, 4242, 0, NULL);
	struct draw_opts o = { .width = 200, .timeline = TL_FULL };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	draw_tree(f, &r, &o);
	assert_int_equal(write_json(f, &r), 0);
	fclose(f);
	assert_non_null(strstr(buf, "4250  " WHY_SUBSHELL "; exited 0 at"));
	assert_non_null(strstr(buf, "\"kind\": \"fork\", \"pid\": 4242, \"pid_alias\": \"P1\", \"child\": 4250, "
				    "\"child_alias\": \"P2\", \"why\": \"" WHY_SUBSHELL "\"}"));
	/* a fork without a reason has no "why" */
	assert_non_null(strstr(buf, "\"child\": 4242, \"child_alias\": \"P1\"}"));
	free(buf);
	rec_free(&r);
}

/* ---- the output capture ---- */

/* A parsed 'S' record. */
struct said {
	long pid;
	int stream;
	double t;
	char text[64];
};

/* Read the line records waiting on fd into out (at most max). */
static size_t read_lines(int fd, struct said *out, size_t max)
{
	char buf[WIRE_MAX + 1];
	size_t n = 0;
	ssize_t len;
	while (n < max && (len = recv(fd, buf, WIRE_MAX, MSG_DONTWAIT)) > 0) {
		char kind;
		long pid, other;
		double t;
		int status;
		const char *text;
		if (wire_parse(buf, (size_t)len, &kind, &pid, &other, &t, &status, &text) < 0 || kind != 'S')
			continue;
		out[n] = (struct said){ .pid = pid, .stream = status, .t = t };
		snprintf(out[n].text, sizeof out[n].text, "%s", text);
		n++;
	}
	return n;
}

static const struct said *find(const struct said *s, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s[i].text, text) == 0)
			return &s[i];
	return NULL;
}

/* Each write is a line record of the process that made it, on its
 * stream, timed when it was written: the parent's stdio, a child's raw
 * writes on 1 and 2 (two lines in one write, a last line without a
 * newline), and nothing is left behind when the capture stops. */
static void test_capture_attributes_writes(void **state)
{
	(void)state;
	int sv[2], go[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	assert_int_equal(pipe(go), 0);
	double t0 = wire_now();
	int fd1 = fcntl(1, F_DUPFD, 0), fd2 = fcntl(2, F_DUPFD, 0);
	assert_int_equal(shellrec_capture_start(sv[1], t0), 0);
	/* no cmocka output in here: it would be captured too */
	printf("from the parent\n");
	fflush(stdout);
	double before = wire_now() - t0;
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		ssize_t w = write(1, "one\ntwo\n", 8);
		w += write(2, "on stream 2\n", 12);
		w += write(1, "no newline", 10);
		_exit(w == 30 ? 0 : 1);
	}
	/* a gap, so that the child's writes are timed clearly after `before`
	 * (the order itself comes from the go pipe, not from this pause) */
	nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
	double released = wire_now() - t0;
	ssize_t w = write(go[1], "g", 1);
	int ws = -1;
	waitpid(pid, &ws, 0);
	shellrec_capture_stop();
	double after = wire_now() - t0;
	assert_int_equal(w, 1);
	assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	/* 1 and 2 are what they were */
	struct stat a, b;
	assert_int_equal(fstat(1, &a), 0);
	assert_int_equal(fstat(fd1, &b), 0);
	assert_true(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	assert_int_equal(fstat(2, &a), 0);
	assert_int_equal(fstat(fd2, &b), 0);
	assert_true(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	close(fd1);
	close(fd2);

	struct said s[16];
	size_t n = read_lines(sv[0], s, 16);
	assert_int_equal(n, 5);
	const struct said *p = find(s, n, "from the parent");
	assert_non_null(p);
	assert_int_equal(p->pid, getpid());
	assert_int_equal(p->stream, 1);
	assert_true(p->t <= before + 0.002); /* to the pictures' millisecond */
	static const char *const child_lines[] = { "one", "two", "on stream 2", "no newline" };
	for (size_t i = 0; i < 4; i++) {
		p = find(s, n, child_lines[i]);
		assert_non_null(p);
		assert_int_equal(p->pid, pid);
		assert_int_equal(p->stream, i == 2 ? 2 : 1);
		/* written after the child was let go, before the capture stopped */
		assert_true(p->t >= released - 0.002 && p->t <= after + 0.002);
	}
	close(sv[0]);
	close(sv[1]);
	close(go[0]);
	close(go[1]);
}

/* Outside a lesson process there is nothing to record to. */
static void test_run_outside_a_lesson(void **state)
{
	(void)state;
	int saved = dup(2), null = open("/dev/null", O_WRONLY);
	dup2(null, 2);
	int rc = shellrec_run("true");
	dup2(saved, 2);
	close(saved);
	close(null);
	assert_int_equal(rc, -1);
}

/* ---- real runs ---- */


static void run_text(void *text)
{
	shellrec_run(text);
}

/* Run fn(arg) live as a lesson run does, its output thrown away; the record
 * is left in ctx.run.rec and v. */
static void run_live(void (*fn)(void *), void *arg, int step)
{
	memset(&ctx, 0, sizeof ctx);
	ctx.lesson = lesson_find("subshell");
	assert_non_null(ctx.lesson);
	ctx.auto_mode = 1;
	ctx.width = 80;
	ctx.step = step > 0 ? (size_t)step - 1 : 0;
	fflush(stdout);
	int saved = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY);
	dup2(null, STDOUT_FILENO);
	close(null);
	int rc = step > 0 ? ctx.lesson->steps[step - 1].run(&ctx) : lesson_run_live(&ctx, fn, arg, 8);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	assert_int_equal(rc, 0);
	assert_true(ctx.have_run);
	assert_false(ctx.run.quit);
	rec_view_build(&v, &ctx.run.rec);
}

/* The first process forked for a reason starting with why. */
static const struct rec_proc *forked_for(const char *why)
{
	for (size_t i = 0; i < v.n; i++)
		if (v.p[i].why && strncmp(v.p[i].why, why, strlen(why)) == 0)
			return &v.p[i];
	fail_msg("no process forked for %s", why);
	return NULL;
}

/* The first line starting with prefix, and who printed it. */
static const struct rec_event *line(const char *prefix)
{
	size_t from = 0;
	const struct rec_event *e = lesson_said(&ctx, prefix, &from);
	if (!e)
		fail_msg("no line starting with \"%s\"", prefix);
	return e;
}

/* { }: no copy of the shell, every child of the lesson's shell runs a
 * program, and the builtin pwd's lines are the shell's own. */
static void test_braces(void **state)
{
	(void)state;
	run_live(NULL, NULL, 2);
	const struct rec_proc *r = root();
	assert_true(r->nkids >= 1);
	for (size_t k = 0; k < r->nkids; k++) {
		const struct rec_proc *c = &v.p[v.kids[r->first + k]];
		assert_non_null(c->exec);
		assert_null(c->why);
		assert_int_equal(c->reaper, r->pid);
	}
	assert_int_equal(strtol(line("in { }: $$ is ")->text + 14, NULL, 10), r->pid);
	assert_int_equal(strtol(line("sh: my parent is ")->text + 17, NULL, 10), r->pid);
	assert_int_equal(line("/tmp")->pid, r->pid);
	assert_all_reaped();
}

/* ( ): one fork without exec, reaped by the shell; sh's parent is the
 * subshell; pwd inside is printed by the subshell itself; $$ inside is the
 * shell's; the lesson's answer is 2. */
static void test_parens(void **state)
{
	(void)state;
	run_live(NULL, NULL, 3);
	const struct rec_proc *r = root(), *sub = forked_for("subshell:");
	assert_string_equal(sub->why, WHY_SUBSHELL);
	assert_int_equal(v.p[sub->parent].pid, r->pid);
	assert_null(sub->exec);
	assert_null(sub->failed);
	assert_int_equal(sub->reaper, r->pid);
	assert_true(WIFEXITED(sub->status) && WEXITSTATUS(sub->status) == 0);
	/* its own report of its end, not one taken from the reap */
	assert_true(sub->end_t < sub->reap_t);
	const struct rec_event *e = line("sh: my parent is ");
	assert_int_equal(strtol(e->text + 17, NULL, 10), sub->pid);
	assert_int_equal(v.p[proc_of(e->pid)->parent].pid, sub->pid);
	assert_int_equal(strtol(line("in ( ): $$ is ")->text + 14, NULL, 10), r->pid);
	assert_int_equal(line("/tmp")->pid, sub->pid);
	assert_int_equal(ctx.lesson->steps[2].observed(&ctx), 2);
	assert_all_reaped();
}

/* exit 3 in the subshell ends only the child: its status, $? = 3 in the
 * shell, x unchanged (answer 2). */
static void test_changes(void **state)
{
	(void)state;
	run_live(NULL, NULL, 4);
	const struct rec_proc *sub = forked_for("subshell:");
	assert_true(WIFEXITED(sub->status) && WEXITSTATUS(sub->status) == 3);
	assert_int_equal(sub->reaper, root()->pid);
	assert_string_equal(line("after ( ): status ")->text, "after ( ): status 3, x is outside");
	assert_int_equal(ctx.lesson->steps[3].observed(&ctx), 2);
	assert_all_reaped();
}

/* $( ): a fork without exec whose output went into the pipe (no line of
 * its own on standard output), reaped by the shell after it read; the
 * shell stays in / (answer 2). */
static void test_cmdsubst(void **state)
{
	(void)state;
	run_live(NULL, NULL, 5);
	const struct rec_proc *r = root(), *sub = forked_for("command substitution:");
	assert_null(sub->exec);
	assert_int_equal(sub->reaper, r->pid);
	for (size_t i = 0; i < ctx.run.rec.n; i++) {
		const struct rec_event *e = &ctx.run.rec.v[i];
		if (e->kind == REC_SAY && e->pid == sub->pid)
			assert_int_equal(e->status, 2); /* only its trace lines */
	}
	assert_non_null(line("x is /tmp"));
	assert_int_equal(ctx.lesson->steps[4].observed(&ctx), 2);
	assert_all_reaped();
}

/* The same in C, through the plain C wrappers: a child that does not exec,
 * reaped by its parent, which prints what it read. */
static void test_cmdsubst_in_c(void **state)
{
	(void)state;
	run_live(NULL, NULL, 6);
	const struct rec_proc *r = root();
	assert_int_equal(r->nkids, 1);
	const struct rec_proc *c = &v.p[v.kids[r->first]];
	assert_null(c->exec);
	assert_int_equal(c->reaper, r->pid);
	assert_int_equal(line("x is /tmp")->pid, r->pid);
	assert_string_equal(line("my directory is still ")->text, "my directory is still /");
	assert_all_reaped();
}

/* The subshell's end is its own report, at the moment it ended, not the
 * moment of its reap: the inner subshell below ends at once, but its
 * parent (the outer subshell, which then execs sleep in place: the last
 * command of a subshell) never waits for it, so it stays a zombie until
 * sleep ends and forksh, the subreaper, adopts and reaps it. */
static void test_exit_when_it_happened(void **state)
{
	(void)state;
	static char text[] = "( ( exit 4 ) & sleep 0.3 )";
	run_live(run_text, text, 0);
	const struct rec_proc *outer = forked_for("subshell:"), *inner = forked_for("background job");
	assert_string_equal(outer->exec, "sleep 0.3");
	assert_int_equal(v.p[inner->parent].pid, outer->pid);
	assert_null(inner->exec);
	assert_true(WIFEXITED(inner->status) && WEXITSTATUS(inner->status) == 4);
	assert_true(inner->end_t < outer->end_t - 0.1);
	/* Re-parented when the outer one ended.  The engine learns of that end
	 * from the outer's parent's record, which on a loaded machine may come
	 * just after forksh has already reaped the orphan; the move is then
	 * recorded at that reap, a moment off (never after the reap). */
	assert_true(inner->moved && inner->new_parent == ctx.run.rec.shell);
	if (fabs(inner->move_t - outer->end_t) > 0.05 || inner->move_t > inner->reap_t)
		fail_msg("moved at %.4f, the outer ended at %.4f, the inner reaped at %.4f", inner->move_t,
			 outer->end_t, inner->reap_t);
	assert_int_equal(inner->reaper, ctx.run.rec.shell);
	assert_true(inner->reap_t - inner->end_t > 0.1);
	assert_all_reaped();
}

/* A program the text runs is a fork and an exec, recorded once it
 * happened; a missing one is a failed exec, its child's end its own. */
static void test_exec_and_failed_exec(void **state)
{
	(void)state;
	static char text[] = "sh -c 'exit 2'; no-such-program-for-shellrec 2>/dev/null; true";
	run_live(run_text, text, 0);
	const struct rec_proc *r = root();
	assert_int_equal(r->nkids, 2);
	const struct rec_proc *sh = &v.p[v.kids[r->first]], *missing = &v.p[v.kids[r->first + 1]];
	assert_string_equal(sh->exec, "sh -c exit 2");
	assert_true(WIFEXITED(sh->status) && WEXITSTATUS(sh->status) == 2);
	assert_null(missing->exec);
	assert_string_equal(missing->failed, "no-such-program-for-shellrec");
	assert_true(WIFEXITED(missing->status) && WEXITSTATUS(missing->status) == 127);
	assert_all_reaped();
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	/* as forksh's main(): $$, and the subreaper that adopts orphans (the
	 * lesson's own process no longer is one) */
	sh.pid = getpid();
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_events_to_record),
		cmocka_unit_test(test_why_in_pictures),
		cmocka_unit_test(test_capture_attributes_writes),
		cmocka_unit_test(test_run_outside_a_lesson),
		cmocka_unit_test_teardown(test_braces, teardown),
		cmocka_unit_test_teardown(test_parens, teardown),
		cmocka_unit_test_teardown(test_changes, teardown),
		cmocka_unit_test_teardown(test_cmdsubst, teardown),
		cmocka_unit_test_teardown(test_cmdsubst_in_c, teardown),
		cmocka_unit_test_teardown(test_exit_when_it_happened, teardown),
		cmocka_unit_test_teardown(test_exec_and_failed_exec, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
