/* lesson_yours.c - lesson 15: follow on a program of your own.
 *
 * The other lessons run forksh's own code.  This one writes two tiny
 * programs of the kind a student writes for homework, a C file and a
 * Python 3 file, into a temporary directory (they stay there to be edited
 * and run again), builds the C one with the system's compiler, and runs
 * each under `follow` (follow/follow.h): the tree and the timeline are then
 * what the kernel says the program did, not what a lesson recorded.
 *
 * The programs' text is cut out of this file at build time (the SHOW
 * blocks inside #if 0), so what is shown is exactly what is written to
 * disk and run.  This file is compiled without lessons/plainc.h: it calls
 * no fork of its own, follow does the running.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../follow/follow.h"
#include "../shell/path.h"
#include "../shell/shell.h"
#include "../shell/util.h"
#include "lessons.h"
#include "lesson_yours.code.h"

#if 0
/* SHOW: mine_c */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    for (int i = 0; i < 2; i++)
        fork();
    printf("I am %d, my parent is %d\n", getpid(), getppid());
    fflush(stdout);
    while (wait(NULL) > 0)
        ;
    return 0;
}
/* END SHOW */

/* SHOW: mine_py */
import os

pid = os.fork()
if pid == 0:
    os.execlp("echo", "echo", "child", str(os.getpid()), "now runs echo")
print("parent", os.getpid(), "started child", pid, flush=True)
_, status = os.waitpid(pid, 0)
print("child", pid, "ended with status", os.WEXITSTATUS(status))
/* END SHOW */
#endif

/* The lesson's directory (made at its first run) and the files in it. */
static char dir[256];

/* Write text to dir/name.  Returns 0, or -1 after a message. */
static int write_file(const char *name, const char *text, char *path, size_t len)
{
	snprintf(path, len, "%s/%s", dir, name);
	FILE *f = fopen(path, "we");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		return sh_error("lesson yours: cannot write %s: %s", path, strerror(errno));
	return 0;
}

/* Make the directory and write both programs into it, once. */
static int prepare(void)
{
	if (*dir)
		return 0;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/forksh-yours.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		int err = errno;
		sh_error("lesson yours: cannot make a directory %s: %s", dir, strerror(err));
		*dir = '\0';
		return -1;
	}
	char path[512];
	if (write_file("mine.c", code_mine_c, path, sizeof path) < 0 ||
	    write_file("mine.py", code_mine_py, path, sizeof path) < 0)
		return -1;
	return 0;
}

/* The first of names found on PATH (the name itself, not its path), or
 * NULL. */
static const char *find_program(const char *const *names)
{
	for (size_t i = 0; names[i]; i++) {
		char *p = path_search(names[i], path_is_executable);
		free(p);
		if (p)
			return names[i];
	}
	return NULL;
}

/* The options every follow of this lesson uses: the lesson's own look. */
static void opts_for(const struct lesson_ctx *ctx, struct follow_opts *o)
{
	memset(o, 0, sizeof *o);
	o->who = "lesson yours";
	o->draw = (struct draw_opts){ ctx->width, ctx->utf8, ctx->color, ctx->stable_pids,
				      (enum tl_mode)ctx->timeline };
}

/* Build mine.c with cc, itself under follow, and say which programs that
 * took.  Returns 0, or -1 when it failed (said). */
static int build(const struct lesson_ctx *ctx, const char *cc)
{
	char src[512], out[512];
	snprintf(src, sizeof src, "%s/mine.c", dir);
	snprintf(out, sizeof out, "%s/mine", dir);
	char *argv[] = { (char *)cc, "-o", out, src, NULL }; /* cc: a name, found on PATH */
	struct follow_opts o;
	opts_for(ctx, &o);
	struct recording rec;
	memset(&rec, 0, sizeof rec);
	struct follow_result res;
	printf("\n  $ %s -o %s %s\n", cc, out, src);
	fflush(stdout);
	int status = follow_run(argv, &o, &rec, &res);
	/* Which programs did the compiler driver start?  Their names, once. */
	struct strbuf names;
	sb_init(&names);
	size_t runs = 0;
	for (size_t i = 0; i < rec.n; i++) {
		if (rec.v[i].kind != REC_EXEC || !rec.v[i].text)
			continue;
		runs++;
		char word[128];
		snprintf(word, sizeof word, "%.*s", (int)strcspn(rec.v[i].text, " "), rec.v[i].text);
		const char *base = strrchr(word, '/') ? strrchr(word, '/') + 1 : word;
		if (!names.len || !strstr(names.buf, base)) {
			sb_adds(&names, names.len ? ", " : "");
			sb_adds(&names, base);
		}
	}
	sb_addn(&names, "", 0);
	if (status == 0)
		lesson_print(ctx, "(Built, itself followed: building took %zu processes and %zu programs: %s. "
				  "Try follow %s -o mine mine.c some time.)",
			     res.procs, runs, names.buf, cc);
	else
		sh_error("lesson yours: %s could not build %s (status %d)", cc, src, status);
	sb_free(&names);
	rec_free(&rec);
	return status == 0 && res.end == FOLLOW_DONE ? 0 : -1;
}

/* Follow argv into the lesson's run, then draw it as a lesson run is
 * drawn (with --svg and --json).  Returns 0, or -1 when it could not be
 * followed (said). */
static int follow_into(struct lesson_ctx *ctx, char **argv)
{
	if (ctx->have_run)
		live_free(&ctx->run);
	memset(&ctx->run, 0, sizeof ctx->run);
	ctx->run.rec_fd = ctx->run.key_fd = -1;
	ctx->have_run = 0;
	struct follow_opts o;
	opts_for(ctx, &o);
	printf("\n%s follow: the real program, real PIDs %s\n  $ follow", ctx->utf8 ? "──" : "--",
	       ctx->utf8 ? "──" : "--");
	for (size_t i = 0; argv[i]; i++)
		printf(" %s", argv[i]);
	printf("\n");
	fflush(stdout);
	struct follow_result res;
	follow_run(argv, &o, &ctx->run.rec, &res);
	if (res.end == FOLLOW_REFUSED) {
		rec_free(&ctx->run.rec);
		return -1;
	}
	ctx->have_run = 1;
	if (res.end == FOLLOW_INTERRUPTED || res.end == FOLLOW_STOPPED) {
		ctx->run.quit = 1; /* the lesson stops, as after Ctrl-C in any run */
		ctx->run.interrupted = res.end == FOLLOW_INTERRUPTED;
		return 0;
	}
	return lesson_show_run(ctx);
}

/* A step whose program cannot run here: say why (why holds up to two %s,
 * both the lesson's directory), and leave no run behind for the question
 * to check.  Returns 0: the lesson goes on. */
static int not_here(struct lesson_ctx *ctx, const char *why)
{
	printf("\n");
	lesson_print(ctx, why, dir, dir);
	if (ctx->have_run)
		live_free(&ctx->run);
	ctx->have_run = 0;
	return 0;
}

static int run_c(struct lesson_ctx *ctx)
{
	if (prepare() < 0)
		return -1;
	static const char *const compilers[] = { "cc", "gcc", "clang", NULL };
	const char *cc = find_program(compilers);
	if (!cc)
		return not_here(ctx, "There is no C compiler here (cc, gcc or clang), so this step can only "
				     "show the program: it is in %s/mine.c. Install one (apt-get install gcc) "
				     "and run the lesson again to see it run.");
	if (build(ctx, cc) < 0)
		return -1;
	char prog[512];
	snprintf(prog, sizeof prog, "%s/mine", dir);
	char *argv[] = { prog, NULL };
	return follow_into(ctx, argv);
}

static int run_py(struct lesson_ctx *ctx)
{
	if (prepare() < 0)
		return -1;
	static const char *const pythons[] = { "python3", NULL };
	if (!find_program(pythons))
		return not_here(ctx, "python3 is not installed here, so this step can only show the program: "
				     "it is in %s/mine.py. With Python 3 installed (apt-get install python3), "
				     "run the lesson again, or type: follow python3 %s/mine.py");
	char script[512];
	snprintf(script, sizeof script, "%s/mine.py", dir);
	char *argv[] = { "python3", script, NULL };
	return follow_into(ctx, argv);
}

/* How many processes the run had. */
static long processes(const struct lesson_ctx *ctx)
{
	struct rec_view v;
	rec_view_build(&v, &ctx->run.rec);
	long n = (long)v.n;
	rec_view_free(&v);
	return n;
}

static const char *why_four(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "Each fork() doubles the processes that run the rest of the loop: the first makes "
	       "2, and both of those fork again, making 4. The tree shows it: the program forked "
	       "two children, and its first child forked one of its own in the loop's second "
	       "round. Every process printed its line once, after the loop, and each waited for "
	       "its own children, so no zombie was left behind.";
}

/* Did echo run in the very process the Python program forked: 1 or 0. */
static long echo_in_child(const struct lesson_ctx *ctx)
{
	const struct recording *r = &ctx->run.rec;
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].kind != REC_EXEC || !r->v[i].text || strncmp(r->v[i].text, "echo child", 10) != 0)
			continue;
		for (size_t k = 0; k < i; k++)
			if (r->v[k].kind == REC_FORK && r->v[k].other == r->v[i].pid)
				return 1;
		return 0;
	}
	return 0;
}

static const char *why_same(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "1: yes. os.execlp is C's execlp: it replaces the program the child runs, not the "
	       "child. The process keeps its PID, so the number echo printed is the PID that "
	       "os.fork() gave the parent, and the parent's os.waitpid reaps that same process when "
	       "echo ends. In the tree, the child's line says it ran echo.";
}

static void review_files(const struct lesson_ctx *ctx)
{
	printf("\n");
	lesson_print(ctx, "Your files are in %s. Change them (more forks, an exec that fails, a child "
			  "that never waits) and run them again with follow, e.g. follow --timeline=full "
			  "%s/mine, or follow --svg tree.svg python3 %s/mine.py for a picture.",
		     dir, dir, dir);
}

static const struct lesson_step steps[] = {
	{ .title = "Follow a program of your own",
	  .text = "The other lessons run forksh's own code. The builtin follow runs any program at "
		  "all, yours too, and watches it from the kernel's side with ptrace: every process "
		  "it forks, every exec, every line each one writes, every exit and who reaped it. "
		  "Then it draws the same tree and timeline as the lessons.\n\nThis lesson writes "
		  "two small programs into a temporary directory, a C one and a Python one, and runs "
		  "each under follow." },
	{ .title = "A C program that forks in a loop",
	  .text = "This is the whole program. It calls fork() twice in a loop; every process then "
		  "prints who it is and who its parent is, and waits for its own children. The "
		  "lesson builds it with the C compiler, then runs it as: follow ./mine",
	  .code = code_mine_c,
	  .run = run_c,
	  .question = "how many processes will the tree show, the program's first one included?",
	  .observed = processes,
	  .explain_answer = why_four,
	  .hint = "After the first fork() two processes run the loop. What does each of them do "
		  "in the second round?" },
	{ .title = "The chapter's exercise, in Python",
	  .text = "Python's os module calls the same system calls: os.fork() is fork(), "
		  "os.execlp() is execlp(), os.waitpid() is waitpid(). The child replaces its "
		  "program with echo; the parent waits for it. follow sees Python's processes as it "
		  "sees any others (on some systems python3 is itself a script that starts the real "
		  "interpreter: follow shows that too).",
	  .code = code_mine_py,
	  .run = run_py,
	  .question = "will echo run as the very process os.fork() created, with the same PID? "
		      "(1 yes, 0 no)",
	  .observed = echo_in_child,
	  .explain_answer = why_same,
	  .review = review_files,
	  .hint = "What does exec replace: the program, or the process?" },
};

const struct lesson yours_lesson = {
	15, "yours", "follow: the tree and timeline of your own C and Python programs",
	NULL, 0, steps, sizeof steps / sizeof steps[0], code_mine_c,
};
