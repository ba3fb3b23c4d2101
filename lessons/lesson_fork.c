/* lesson_fork.c - lesson 1: fork returns twice.
 *
 * The chapter's first example: each Enter forks one child; the child says
 * hello and leaves with _exit; the parent says hello with both PIDs.
 */
#include <stdlib.h>
#include <unistd.h>

#include "lessons.h"
#include "lesson_fork.code.h"

/* SHOW: fork */
static void child(void)
{
    say("Hello from child %d", getpid());
    /* else it would go back to the parent's loop */
    _exit(0);
}

static void parent(void *arg)
{
    (void)arg;
    for (;;) {
        /* fork() returns twice ... */
        pid_t newpid = fork();
        if (newpid == 0)
            child();                           /* ... 0 in the new child */
        /* ... its PID here */
        say("Hello from parent %d %d", getpid(), newpid);
        if (lesson_wait_key() == 'q')          /* Enter: again, q: stop */
            break;
    }
}
/* END SHOW */

static int run_fork(struct lesson_ctx *ctx)
{
	/* one lesson main plus at most one child per press (bounded by --forks
	 * in --auto; by the user's patience, and the process limit, otherwise) */
	return lesson_run_live(ctx, parent, NULL, (long)lesson_opt(ctx, "forks") + 2, 1);
}

/* Lines per fork: all the Hello lines over the number of forks made. */
static long lines_seen(const struct lesson_ctx *ctx)
{
	long forks = lesson_count_lines(ctx, "Hello from parent");
	return forks ? lesson_count_lines(ctx, "Hello from") / forks : 0;
}

static const char *why_lines(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "Each fork made two lines: one from the parent (fork gave it the child's PID) and one "
	       "from the child (fork gave it 0, and getpid() says who it is). Look at the tree: every "
	       "child hangs under the same parent PID.";
}

/* After the run: did each child report the PID its parent was told? */
static void compare_pids(const struct lesson_ctx *ctx)
{
	long told, matched;
	lesson_match_pids(ctx, "Hello from parent ", "Hello from child ", &told, &matched);
	printf("\n");
	lesson_print(ctx, "Checked from the recording: %ld of %ld children said the very PID their parent got "
	       "back from fork.\n", matched, told);
}

static const struct lesson_step steps[] = {
	{ .title = "One call, two returns",
	  .text = "fork() makes a copy of the running process. Both copies carry on from the same "
		  "place: just after the call. The only difference is what fork returned: the new "
		  "child gets 0, the parent gets the child's PID. Programs test that value to decide "
		  "who does what.",
	  .hint = "If fork returned the same value in both processes, how could either one know "
		  "which it is?" },
	{ .title = "The code",
	  .text = "This loop forks a child on every key press. The child prints its own PID and "
		  "leaves with _exit(0): without that it would fall back into the parent's loop and "
		  "fork children of its own (lesson noexit shows what happens then).",
	  .code = code_fork,
	  .hint = "_exit ends the process at once, without flushing the parent's stdio buffers a "
		  "second time." },
	{ .title = "Run it",
	  .text = "Press Enter to fork another child, q to stop (with --auto the lesson presses Enter "
		  "--forks times by itself). Watch the two PIDs in each parent line.",
	  .run = run_fork,
	  .question = "how many \"Hello\" lines will each fork print?",
	  .observed = lines_seen,
	  .explain_answer = why_lines,
	  .review = compare_pids,
	  .hint = "Count the processes that run the say(...) lines after each fork." },
	{ .title = "What you saw",
	  .text = "fork returned twice: once in each process. Parent and child ran independently, "
		  "so the order of their lines may change from run to run. The parent never waited "
		  "for its children: each one stayed a zombie until the lesson ended, when forksh (the "
		  "subreaper) adopted and reaped it; the tree says \"re-parented to forksh\"." },
};

static const struct lesson_opt opts[] = {
	{ "forks", 3, 1, 50, "how many forks --auto makes", 0 },
};

const struct lesson fork_lesson = {
	1, "fork", "fork returns twice: 0 in the child, the child's PID in the parent",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0],
};
