/* lesson_fork.c - lesson 1: fork returns twice.
 *
 * The chapter's first example: each Enter forks one child; the child says
 * hello and leaves with _exit; the parent says hello with both PIDs.  The
 * program reads Enter and q from its standard input, as the chapter's
 * raw_input() does; under forksh the engine passes the keys on.
 */
/* PROGRAM */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

/* SHOW: fork */
static void child(void)
{
    printf("Hello from child %d\n", getpid());
    _exit(0);            /* else it would go back to the parent's loop */
}

static void parent(void)
{
    char line[80];
    for (;;) {
        pid_t newpid = fork();            /* fork() returns twice ... */
        if (newpid == 0)
            child();                      /* ... 0 in the new child */
        printf("Hello from parent %d %d\n", getpid(), newpid);
        /* Enter: fork again; q (or the end of input): stop */
        if (!fgets(line, sizeof line, stdin) || line[0] == 'q')
            break;
    }
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson fork --source` writes */
int main(void)
{
    /* one line at a time, as on a terminal, also into a pipe or a file:
       a line still in the buffer at a fork would be printed twice */
    setvbuf(stdout, NULL, _IOLBF, 0);
    parent();
    while (wait(NULL) > 0)  /* the children it never waited for: reaped */
        ;                   /* here, so the shell's prompt comes after them */
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include "lessons.h"
#include "lesson_fork.code.h"

static void run_parent(void *arg)
{
	(void)arg;
	parent();
}

static int run_fork(struct lesson_ctx *ctx)
{
	/* one lesson main plus at most one child per press (bounded by --forks
	 * in --auto; by the user's patience, and the process limit, otherwise) */
	long forks = (long)lesson_opt(ctx, "forks");
	return lesson_run_keyed(ctx, run_parent, NULL, forks + 2, forks - 1);
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
	  .text = "This loop forks a child each time a line is read: Enter forks again, q stops, "
		  "like the chapter's raw_input(). The child prints its own PID and leaves with "
		  "_exit(0): without that it would fall back into the parent's loop and fork "
		  "children of its own (lesson noexit shows what happens then).",
	  .code = code_fork,
	  .hint = "_exit ends the process at once, without flushing the parent's stdio buffers a "
		  "second time." },
	{ .title = "Plain C, recorded from outside",
	  .text = "The code in these boxes is plain POSIX C: you can type it in and compile it. "
		  "`lesson fork --source fork.c` writes this lesson's program as one file, with a "
		  "main() that makes stdout line-buffered (setvbuf) as it is on a terminal; then "
		  "`cc -o fork fork.c && ./fork` runs it without forksh.\n"
		  "To draw its pictures, forksh compiles the same code with a header that puts a "
		  "recorder around fork, _exit, waitpid and the exec calls, and it reads each line "
		  "the processes print together with the PID of the writer. Nothing in the code is "
		  "there for the recording.\n"
		  "One more thing to know: the lesson's processes are copies of forksh made by fork, "
		  "so ps and ptree list them as forksh, just as the chapter's Python children show up "
		  "as more python processes in the process list." },
	{ .title = "Run it",
	  .text = "Press Enter to fork another child, q to stop (with --auto the lesson presses Enter "
		  "by itself, {forks} forks in all). Watch the two PIDs in each parent line.",
	  .run = run_fork,
	  .keys = "Enter: fork again, q: stop",
	  .question = "how many \"Hello\" lines will each fork print?",
	  .observed = lines_seen,
	  .explain_answer = why_lines,
	  .review = compare_pids,
	  .hint = "Count the processes that run the printf lines after each fork." },
	{ .title = "What you saw",
	  .text = "fork returned twice: once in each process. Parent and child ran independently, "
		  "so the order of their lines may change from run to run. The parent never waited "
		  "for its children: each one stayed a zombie until its parent ended. Then the kernel "
		  "gave it a new parent: a child whose parent has gone goes to the nearest ancestor "
		  "that has asked to adopt such orphans (a \"subreaper\": forksh asks for that when it "
		  "starts, with prctl), or to init, PID 1, when there is none. forksh adopted them and "
		  "reaped them, and the tree says \"re-parented to forksh\"." },
};

static const struct lesson_opt opts[] = {
	{ "forks", 3, 1, 50, "how many forks --auto makes", 0, 0 },
};

const struct lesson fork_lesson = {
	1, "fork", "fork returns twice: 0 in the child, the child's PID in the parent",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0], program_source,
};
