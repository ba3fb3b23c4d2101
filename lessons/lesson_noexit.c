/* lesson_noexit.c - lesson 3: the child that forgets to exit.
 *
 * A loop forks once per round, and the child has no _exit at the end of its
 * work: it falls back into the loop and forks too.  The process count
 * doubles each round (1 -> 2 -> 4 -> 8), which the tree shows.  A second
 * part shows why a child leaves with _exit and not exit: exit flushes the
 * stdio buffer the child copied from its parent, so buffered text is
 * written twice.
 */
/* PROGRAM */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* SHOW: noexit */
static void no_exit(int rounds)
{
    for (int round = 1; round <= rounds; round++) {
        pid_t pid = fork();
        if (pid == 0)
            printf("round %d: I am %d, my parent is %d\n", round, getpid(),
                   getppid());
        /* the bug: no _exit(0) here, so the child goes on with the loop */
    }
    /* each waits for its own children */
    while (waitpid(-1, NULL, 0) > 0)
        ;
}
/* END SHOW */

/* SHOW: keyed */
static void forgot_exit(void)
{
    char line[80];
    for (;;) {
        pid_t newpid = fork();
        if (newpid == 0)
            printf("Hello from child %d\n", getpid());
        else   /* the bug: the child has no _exit(0) and loops on too */
            printf("Hello from parent %d %d\n", getpid(), newpid);
        if (!fgets(line, sizeof line, stdin) || line[0] == 'q')
            break;
    }
    printf("%d got q: leaving\n", getpid());
}
/* END SHOW */

/* SHOW: fixed */
static void with_exit(int rounds)
{
    for (int round = 1; round <= rounds; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            printf("round %d: I am %d, my parent is %d\n", round, getpid(),
                   getppid());
            _exit(0);                         /* the child's work is done */
        }
    }
    while (waitpid(-1, NULL, 0) > 0)
        ;
}
/* END SHOW */

/* Read the whole (small) file back into buf as one line. */
static void read_back(FILE *f, char *buf, size_t len)
{
    rewind(f);
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
}

/* SHOW: stdio */
static void leave(int use_exit)
{
    /* a file: stdio buffers it fully */
    FILE *out = tmpfile();
    if (!out)
        return;
    /* no newline: it waits in the buffer */
    fprintf(out, "hello ");
    /* ... and the child gets a copy of it */
    pid_t pid = fork();
    if (pid == 0) {
        if (use_exit)
            exit(0);          /* flushes the copy: "hello " */
        _exit(0);             /* leaves, flushing nothing */
    }
    waitpid(pid, NULL, 0);
    fprintf(out, "world");
    /* the parent's "hello world" */
    fflush(out);
    char text[64];
    read_back(out, text, sizeof text);
    printf("child left with %s the file holds \"%s\"\n",
           use_exit ? "exit(): " : "_exit():", text);
    fclose(out);
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson noexit --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    pid_t first = getpid();
    no_exit(ROUNDS);
    if (getpid() != first)
        _exit(0);       /* the copies the bug made end here, as in the lesson */
    forgot_exit();      /* type Enter a few times, then q until all are gone */
    if (getpid() != first)
        _exit(0);
    while (waitpid(-1, NULL, 0) > 0)
        ;
    with_exit(ROUNDS);
    leave(1);
    leave(0);
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include <string.h>

#include "lessons.h"
#include "lesson_noexit.code.h"

static void run_no_exit(void *arg)
{
	no_exit(*(int *)arg);
}

static void run_forgot(void *arg)
{
	(void)arg;
	forgot_exit();
}

static void run_with_exit(void *arg)
{
	with_exit(*(int *)arg);
}

static void both_ways(void *arg)
{
	(void)arg;
	leave(1);
	leave(0);
}

static int rounds_opt;

static int run_noexit(struct lesson_ctx *ctx)
{
	rounds_opt = (int)lesson_opt(ctx, "rounds");
	return lesson_run_live(ctx, run_no_exit, &rounds_opt, (1L << rounds_opt) + 1);
}

/* Each Enter is read by one of the processes in the loop, which forks one
 * more: --rounds presses make rounds + 1 processes, and as many q's. */
static int run_keyed(struct lesson_ctx *ctx)
{
	rounds_opt = (int)lesson_opt(ctx, "rounds");
	return lesson_run_keyed(ctx, run_forgot, NULL, rounds_opt + 3, rounds_opt);
}

static int run_fixed(struct lesson_ctx *ctx)
{
	rounds_opt = (int)lesson_opt(ctx, "rounds");
	return lesson_run_live(ctx, run_with_exit, &rounds_opt, rounds_opt + 2);
}

static int run_stdio(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, both_ways, NULL, 3);
}

/* How many q's it took: one "got q" line per process that left. */
static void review_keyed(const struct lesson_ctx *ctx)
{
	long quits = 0, forks = lesson_count_lines(ctx, "Hello from parent");
	const struct rec_event *e;
	for (size_t i = 0; (e = lesson_said(ctx, "", &i)) != NULL;)
		quits += strstr(e->text, " got q: leaving") != NULL;
	printf("\n");
	lesson_print(ctx, "%ld forks, and it took %ld q's to stop: one for every process that was in the "
			  "loop, because each child carried on reading input like its parent. Each q "
			  "was read by one process only (they all share the one input), and only that "
			  "one left.",
		     forks, quits);
}

/* How many processes the run had, the first one included. */
static long processes(const struct lesson_ctx *ctx)
{
	return (long)ctx->run.nprocs;
}

static const char *why_doubling(const struct lesson_ctx *ctx)
{
	static char buf[400];
	int r = (int)lesson_opt(ctx, "rounds");
	snprintf(buf, sizeof buf,
		 "%ld: 2 to the power %d. In every round each process that exists forks once, and "
		 "every new child goes on with the same loop, so the number doubles: 1, 2, 4, 8... "
		 "Forgotten in a loop of 30 rounds, this would ask for a billion processes: a fork bomb.",
		 1L << r, r);
	return buf;
}

/* After the run: how many new processes each round made. */
static void review_rounds(const struct lesson_ctx *ctx)
{
	int r = (int)lesson_opt(ctx, "rounds");
	long total = 1;
	printf("\n");
	for (int k = 1; k <= r; k++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "round %d:", k);
		long born = lesson_count_lines(ctx, prefix);
		total += born;
		lesson_print(ctx, "round %d: %ld new process%s, %ld in all", k, born, born == 1 ? "" : "es", total);
	}
}

static void review_fixed(const struct lesson_ctx *ctx)
{
	printf("\n");
	lesson_print(ctx, "With _exit(0) after its work, each child ends where it should: %ld processes "
			  "in all, one parent and one child per round.",
		     (long)ctx->run.nprocs);
}

/* How many times "hello" is in the file when the child left with exit(). */
static long hellos(const struct lesson_ctx *ctx)
{
	size_t from = 0;
	const struct rec_event *e = lesson_said(ctx, "child left with exit()", &from);
	long n = 0;
	for (const char *p = e ? e->text : ""; (p = strstr(p, "hello")) != NULL; p++)
		n++;
	return n;
}

static const char *why_twice(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "2 with exit(), 1 with _exit(). fprintf only put \"hello \" in a buffer in the "
	       "process's memory, and fork copied that memory, buffer included. exit() flushes "
	       "every stdio buffer before the process ends, so the child wrote its copy too; "
	       "_exit() ends the process at once. The child of a fork leaves with _exit (and a "
	       "careful parent calls fflush before fork).";
}

static const struct lesson_step steps[] = {
	{ .title = "A child that does not stop",
	  .text = "After fork, the child runs the very same code as its parent, from the same "
		  "place. If the code that forks sits in a loop and the child does not end when its "
		  "work is done, the child goes back into the loop and forks children of its own." },
	{ .title = "The code",
	  .text = "Each round forks once. The child says who it is, and then, by mistake, simply "
		  "carries on. At the end every process waits for its own children. Size: --rounds "
		  "{rounds} (at most 6).",
	  .code = code_noexit,
	  .hint = "Count the processes that are in the loop at the start of round 2." },
	{ .title = "Run it",
	  .text = "Watch the PIDs: new processes are forked by children, not just by the first "
		  "process. The tree afterwards shows who forked whom.",
	  .run = run_noexit,
	  .question = "how many processes will there be in all, the first one included?",
	  .observed = processes,
	  .explain_answer = why_doubling,
	  .review = review_rounds },
	{ .title = "The chapter's loop, without _exit",
	  .text = "The chapter warns: delete the exit call from its first program and \"you'll likely "
		  "have to type more than one q to stop\". Here is that program with the bug: the "
		  "child prints its line and then, instead of leaving, reads the next line too. Press "
		  "Enter a few times (each Enter is read by one of the processes, which forks again), "
		  "then q, and q again, until every process has gone (--auto presses Enter {rounds} "
		  "times, then q as often as it takes).",
	  .code = code_keyed,
	  .run = run_keyed,
	  .keys = "Enter: a line for one process; q: one stops",
	  .review = review_keyed,
	  .hint = "How many processes are waiting for a line after two Enters?" },
	{ .title = "The fix",
	  .text = "One line: the child ends with _exit(0) when its work is done. Now only the "
		  "first process loops, and the tree is flat.",
	  .code = code_fixed,
	  .run = run_fixed,
	  .review = review_fixed },
	{ .title = "exit or _exit?",
	  .text = "The child leaves with _exit, not exit, and here is why. stdio functions like "
		  "printf collect text in a buffer inside the process and write it out later. Here "
		  "\"hello \" is still in that buffer when fork copies the process. Run once with "
		  "exit() in the child, once with _exit().",
	  .code = code_stdio,
	  .run = run_stdio,
	  .question = "with exit() in the child, how many times will \"hello\" be in the file?",
	  .observed = hellos,
	  .explain_answer = why_twice,
	  .hint = "Where is \"hello \" when fork is called: in the file, or in the process's "
		  "memory?" },
};

static const struct lesson_opt opts[] = {
	{ "rounds", 3, 1, 6, "rounds of the loop (processes double each round)", 0, 0 },
};

const struct lesson noexit_lesson = {
	3, "noexit", "a child that forgets to exit: 1 -> 2 -> 4 -> 8 processes; exit vs _exit",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0], program_source,
};
