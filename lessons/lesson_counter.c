/* lesson_counter.c - lesson 2: ten copies counting in parallel.
 *
 * The chapter's second example: a main process forks --children children
 * and exits at once; each child counts to --count, sleeping --delay before
 * each line.  All share one stdout; the children outlive their parent and
 * are re-parented (to forksh, the subreaper).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lessons.h"
#include "lesson_counter.code.h"

struct counter_args {
	int children, count;
	double delay;
};

/* SHOW: counter */
static void counter(int count, double delay)
{
    say("[%d] my parent is %d", getpid(), getppid());
    for (int i = 0; i < count; i++) {
        lesson_sleep(delay);
        say("[%d] => %d", getpid(), i);
    }
    say("[%d] my parent is now %d", getpid(), getppid());
    _exit(0);
}

static void main_process(void *arg)
{
    const struct counter_args *a = arg;
    for (int i = 0; i < a->children; i++) {
        pid_t pid = fork();
        if (pid < 0)
            break;                            /* no more processes */
        if (pid == 0)
            counter(a->count, a->delay);      /* the child never returns */
        say("Process %d spawned", pid);
    }
    say("Main process exiting.");
}                           /* ... and it exits right away */
/* END SHOW */

static int run_counter(struct lesson_ctx *ctx)
{
	static struct counter_args a;
	a.children = (int)lesson_opt(ctx, "children");
	a.count = (int)lesson_opt(ctx, "count");
	a.delay = lesson_opt(ctx, "delay");
	return lesson_run_live(ctx, main_process, &a, a.children + 1, 0);
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
	       "have.\n",
	       before_main, children, (long)r->root, after_shell, (long)r->shell);
}

static const struct lesson_step steps[] = {
	{ .title = "Copies that run in parallel",
	  .text = "Forked processes run at the same time, each on its own. This lesson starts a "
		  "main process that forks several children and exits at once; each child counts "
		  "slowly. Sizes: --children (10), --count (10), --delay in seconds (1)." },
	{ .title = "The code",
	  .text = "The main process only forks and reports; the children do the counting. Each "
		  "child also says who its parent is, first and last.",
	  .code = code_counter,
	  .hint = "What happens to a child whose parent has already exited?" },
	{ .title = "Run it",
	  .text = "The main process exits right after forking. Its children keep counting: "
		  "their lines interleave on the one output they all share.",
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
	{ "children", 10, 1, 500, "how many children to fork", 0 },
	{ "count", 10, 0, 100, "how far each child counts", 0 },
	{ "delay", 1, 0, 10, "seconds each child sleeps before a line", 1 },
};

const struct lesson counter_lesson = {
	2, "counter", "ten copies counting in parallel; children outlive their parent",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0],
};
