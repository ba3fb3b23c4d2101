/* lesson_forkexec.c - lesson 6: fork, then exec a new program.
 *
 * The chapter's fork/exec example: each Enter counts up, forks, and the
 * child runs a separate small program (forksh-hello, built with forksh)
 * with execlp; the new program reports the same PID as the child.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lessons.h"
#include "hello.code.h"
#include "lesson_forkexec.code.h"

/* SHOW: forkexec */
static void parent(void *arg)
{
    (void)arg;
    int parm = 0;
    for (;;) {
        parm = parm + 1;
        pid_t pid = fork();
        if (pid == 0) {                                  /* the copy ... */
            char num[16];
            snprintf(num, sizeof num, "%d", parm);
            /* ... becomes a new program */
            execlp("forksh-hello", "forksh-hello", num, (char *)NULL);
            /* only if exec failed */
            say("error starting program: %s", strerror(errno));
            _exit(127);
        }
        say("Child is %d", pid);
        if (lesson_wait_key() == 'q')
            break;
    }
}
/* END SHOW */

static int run_forkexec(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, parent, NULL, (long)lesson_opt(ctx, "forks") + 2, 1);
}

/* 1 when every "Child is PID" matches a "Hello from child PID n" line
 * said by that very PID after the exec: the process survived the exec. */
static long same_pid(const struct lesson_ctx *ctx)
{
	long told, same;
	lesson_match_pids(ctx, "Child is ", "Hello from child ", &told, &same);
	return told > 0 && same == told ? 1 : 2;
}

static const char *why_same(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "1: the same PID. exec replaces the program running in a process, not the process: "
	       "the PID, the parent and the open descriptors stay. The code after a successful "
	       "execlp never runs, because that program is gone.";
}

static const struct lesson_step steps[] = {
	{ .title = "Starting a different program",
	  .text = "fork alone only copies the running program. To start another program, the new "
		  "child calls exec: the kernel loads the new program into the child and starts it "
		  "from its beginning. fork + exec is how every shell runs every command." },
	{ .title = "The new program",
	  .text = "This is the small program the children will become. It is a real separate "
		  "executable, built and installed together with forksh.",
	  .code = code_hello },
	{ .title = "The code",
	  .text = "On each key press the parent counts up and forks; the child execs forksh-hello "
		  "with the count. execlp searches PATH (\"p\") and takes the arguments as a list "
		  "(\"l\"); lesson exec covers the whole family.",
	  .code = code_forkexec,
	  .hint = "After a successful execlp, is there any code left to run the say(\"error...\") "
		  "line?" },
	{ .title = "Run it",
	  .text = "Press Enter to start another program, q to stop (--auto presses Enter --forks "
		  "times).",
	  .run = run_forkexec,
	  .question = "will the new program print (1) the same PID as \"Child is\", or (2) a new "
		      "PID?",
	  .observed = same_pid,
	  .explain_answer = why_same,
	  .hint = "Which system call makes a new process: fork or exec?" },
};

static const struct lesson_opt opts[] = {
	{ "forks", 3, 1, 50, "how many programs --auto starts", 0 },
};

const struct lesson forkexec_lesson = {
	6, "forkexec", "fork + exec: a new program in the same process (same PID)",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0],
};
