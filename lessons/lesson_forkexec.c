/* lesson_forkexec.c - lesson 6: fork, then exec a new program.
 *
 * The chapter's fork/exec example: each Enter counts up, forks, and the
 * child runs a separate small program (forksh-hello, built with forksh)
 * with execlp; the new program reports the same PID as the child.
 */
/* PROGRAM */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* SHOW: forkexec */
static void parent(void)
{
    char line[80];
    int parm = 0;
    for (;;) {
        parm = parm + 1;
        pid_t pid = fork();
        if (pid == 0) {                              /* the copy ... */
            char num[16];
            snprintf(num, sizeof num, "%d", parm);
            /* ... becomes a new program */
            execlp("forksh-hello", "forksh-hello", num, (char *)NULL);
            perror("error starting program");       /* only if it failed */
            _exit(127);
        }
        printf("Child is %d\n", pid);
        if (!fgets(line, sizeof line, stdin) || line[0] == 'q')
            break;
    }
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson forkexec --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    hello_on_path();                    /* so that forksh-hello is found */
    parent();
    while (wait(NULL) > 0)  /* the children it never waited for: reaped */
        ;                   /* here, so the shell's prompt comes after them */
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include "lessons.h"
#include "hello.code.h"
#include "lesson_forkexec.code.h"

static void run_parent(void *arg)
{
	(void)arg;
	parent();
}

static int run_forkexec(struct lesson_ctx *ctx)
{
	long forks = (long)lesson_opt(ctx, "forks");
	return lesson_run_keyed(ctx, run_parent, NULL, forks + 2, forks - 1);
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
	  .text = "This is the small program the children will become, the whole of it. It is a "
		  "real separate executable, built and installed together with forksh. (When a "
		  "lesson runs it, forksh links a recorder to it, as it does to the lessons' own "
		  "code.)",
	  .code = code_hello },
	{ .title = "The code",
	  .text = "On each key press the parent counts up and forks; the child execs forksh-hello "
		  "with the count. execlp searches PATH (\"p\") and takes the arguments as a list "
		  "(\"l\"); lesson exec covers the whole family.",
	  .code = code_forkexec,
	  .hint = "After a successful execlp, is there any code left to run the perror line?" },
	{ .title = "Run it",
	  .text = "Press Enter to start another program, q to stop (--auto starts {forks} by "
		  "itself).",
	  .run = run_forkexec,
	  .keys = "Enter: start another, q: stop",
	  .question = "which PID will the new program print?",
	  .choices = (const char *const[]){ "the same PID as \"Child is\"", "a new PID", NULL },
	  .observed = same_pid,
	  .explain_answer = why_same,
	  .hint = "Which system call makes a new process: fork or exec?" },
};

static const struct lesson_opt opts[] = {
	{ "forks", 3, 1, 50, "how many programs --auto starts", 0, 0 },
};

const struct lesson forkexec_lesson = {
	6, "forkexec", "fork + exec: a new program in the same process (same PID)",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0], program_source,
};
