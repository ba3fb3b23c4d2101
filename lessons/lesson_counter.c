/* lesson_counter.c - lesson 2: ten copies counting in parallel.
 *
 * The chapter's second example: a main process forks --children children
 * and exits at once; each child counts to --count, sleeping --delay before
 * each line.  All share one stdout; the children outlive their parent and
 * are re-parented (to forksh, the subreaper).
 */
/* PROGRAM */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* SHOW: counter */
/* sleep for a number of seconds (fractions allowed) */
static void sleep_seconds(double s)
{
    struct timespec t = { (time_t)s, (long)((s - (time_t)s) * 1e9) };
    nanosleep(&t, NULL);
}

static void counter(int count, double delay)
{
    printf("[%d] my parent is %d\n", getpid(), getppid());
    for (int i = 0; i < count; i++) {
        sleep_seconds(delay);
        printf("[%d] => %d\n", getpid(), i);
    }
    printf("[%d] my parent is now %d\n", getpid(), getppid());
    _exit(0);
}

static void main_process(int children, int count, double delay)
{
    for (int i = 0; i < children; i++) {
        pid_t pid = fork();
        if (pid < 0)
            break;                            /* no more processes */
        if (pid == 0)
            counter(count, delay);            /* the child never returns */
        printf("Process %d spawned\n", pid);
    }
    printf("Main process exiting.\n");
}                           /* ... and it exits right away */
/* END SHOW */

#if 0 /* MAIN: in the file `lesson counter --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    main_process(CHILDREN, COUNT, DELAY);
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include <stdlib.h>

#include "lessons.h"
#include "lesson_counter.code.h"

struct counter_args {
	int children, count;
	double delay;
};

static void run_main(void *arg)
{
	const struct counter_args *a = arg;
	main_process(a->children, a->count, a->delay);
}

static int run_counter(struct lesson_ctx *ctx)
{
	static struct counter_args a;
	a.children = (int)lesson_opt(ctx, "children");
	a.count = (int)lesson_opt(ctx, "count");
	a.delay = lesson_opt(ctx, "delay");
	/* the chapter's point: the shell that started the main process would
	 * be back at its prompt as soon as the main process ended */
	ctx->run_opts.root_exit_note = "forksh$   <- the prompt is back: the main process ended";
	return lesson_run_live(ctx, run_main, &a, a.children + 1);
}

static long lines_seen(const struct lesson_ctx *ctx)
{
	return (long)ctx->run.lines;
}

static const char *why_lines(const struct lesson_ctx *ctx)
{
	static char buf[400];
	int n = (int)lesson_opt(ctx, "children"), c = (int)lesson_opt(ctx, "count");
	snprintf(buf, sizeof buf,
		 "%d \"spawned\" lines and one \"Main process exiting.\" from the main process, then "
		 "from each of the %d children %d counting lines plus two about its parent: "
		 "%d + 1 + %d x %d = %d. All of them went to one shared output, because a child "
		 "inherits its parent's open descriptors.",
		 n, n, c, n, n, c + 2, n + 1 + n * (c + 2));
	return buf;
}

/* After the run: which parent did each child report, before and after? */
static void review_parents(const struct lesson_ctx *ctx)
{
	const struct recording *r = &ctx->run.rec;
	long before_main = 0, after_shell = 0, children = 0;
	for (size_t i = 0; i < r->n; i++) {
		int pid, ppid;
		if (r->v[i].kind != REC_SAY)
			continue;
		if (sscanf(r->v[i].text, "[%d] my parent is now %d", &pid, &ppid) == 2) {
			after_shell += ppid == (int)r->shell;
			continue;
		}
		if (sscanf(r->v[i].text, "[%d] my parent is %d", &pid, &ppid) == 2) {
			children++;
			before_main += ppid == (int)r->root;
		}
	}
	printf("\n");
	lesson_print(ctx, "From the recording: %ld of %ld children started with the main process (%ld) as "
	       "parent; %ld of them ended with forksh (%ld) as parent: the main process had exited, "
	       "and forksh, a child subreaper, adopted them. Without a subreaper, init (PID 1) would "
	       "have.",
	       before_main, children, (long)r->root, after_shell, (long)r->shell);
	if (before_main < children)
		lesson_print(ctx, "%ld child%s named forksh already in %s first line: %s ran for the first "
				  "time only after the main process had exited. fork made it runnable, "
				  "but when it runs is the scheduler's choice.",
			     children - before_main, children - before_main == 1 ? "" : "ren",
			     children - before_main == 1 ? "its" : "their",
			     children - before_main == 1 ? "it" : "they");
}

static const struct lesson_step steps[] = {
	{ .title = "Copies that run in parallel",
	  .text = "Forked processes run at the same time, each on its own. This lesson starts a "
		  "main process that forks several children and exits at once; each child counts "
		  "slowly. Sizes: --children {children}, --count {count}, --delay {delay} (seconds)." },
	{ .title = "The code",
	  .text = "The main process only forks and reports; the children do the counting. Each "
		  "child also says who its parent is, first and last.",
	  .code = code_counter,
	  .hint = "What happens to a child whose parent has already exited?" },
	{ .title = "Run it",
	  .text = "The main process exits right after forking. In the chapter, the shell's prompt "
		  "comes back at that moment, and the children's lines go on appearing after it: the "
		  "shell waited only for the process it started. The lesson marks that moment with a "
		  "line of its own. The children keep counting: their lines interleave on the one "
		  "output they all share. A child whose very first line already names forksh as its "
		  "parent first ran only after the main process had exited: fork makes a child ready "
		  "to run, and the scheduler decides when it does.",
	  .run = run_counter,
	  .question = "how many lines will the run print in all?",
	  .observed = lines_seen,
	  .explain_answer = why_lines,
	  .review = review_parents,
	  .hint = "Count per process: the main one, then each child." },
	{ .title = "Your turn",
	  .text = "Children outlive their parent, and someone must still reap them. The shell does "
		  "the same for your background jobs: it goes on at once and collects them later.",
	  .exercise = "start any command in the background with & (for example: sleep 2 &), keep "
		      "typing, and let it finish. The lesson watches the shell's own process events, "
		      "not what you type.",
	  .exercise_kind = EXERCISE_BACKGROUND_JOB },
};

static const struct lesson_opt opts[] = {
	{ "children", 10, 1, 500, "how many children to fork", 0, 0 },
	{ "count", 10, 0, 100, "how far each child counts", 0, 0 },
	{ "delay", 1, 0, 10, "seconds each child sleeps before a line", 1, 0 },
};

const struct lesson counter_lesson = {
	2, "counter", "ten copies counting in parallel; children outlive their parent",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0], program_source,
};
