/* lesson_execfail.c - lesson 8: exec returns only when it fails.
 *
 * A child tries to exec programs that cannot run: one that does not exist
 * (ENOENT), a file that is not executable and a directory (EACCES).  exec
 * comes back with errno set; the child reports it and leaves with the
 * shell's conventional status, 127 or 126.  A second run shows what
 * happens when the child forgets to leave: it runs its parent's code.
 */
/* PROGRAM */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* SHOW: execfail */
static void try_program(const char *program)
{
    pid_t pid = fork();
    if (pid == 0) {
        execlp(program, program, (char *)NULL);
        /* we are still here: exec failed */
        int err = errno;
        const char *name = err == ENOENT ? "ENOENT"
                           : err == EACCES ? "EACCES" : "another";
        printf("exec %s: errno %d (%s): %s\n", program, err, name,
               strerror(err));
        /* what shells use: not found / cannot run */
        _exit(err == ENOENT ? 127 : 126);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("parent: child %d exited with status %d\n", pid,
           WEXITSTATUS(status));
}

static void failures(void)
{
    try_program("no-such-program");           /* nowhere on PATH */
    /* a file, but not executable */
    try_program("/etc/passwd");
    try_program("/tmp");                      /* a directory */
}
/* END SHOW */

/* SHOW: forgot */
static void forgot(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        execlp("no-such-program", "no-such-program", (char *)NULL);
        printf("exec failed: %s\n", strerror(errno));
        /* the bug: no _exit here, so the child goes on below */
    }
    printf("%d: this line is meant for the parent only\n", getpid());
    if (pid > 0)
        waitpid(pid, NULL, 0);
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson execfail --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    pid_t first = getpid();
    failures();
    forgot();
    if (getpid() != first)
        _exit(0);       /* the child the bug let run on ends here */
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include "lessons.h"
#include "lesson_execfail.code.h"

static void run_failures_code(void *arg)
{
	(void)arg;
	failures();
}

static void run_forgot_code(void *arg)
{
	(void)arg;
	forgot();
}

static int run_failures(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_failures_code, NULL, 3);
}

static int run_forgot(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_forgot_code, NULL, 3);
}

/* The status the parent saw for the missing program. */
static long missing_status(const struct lesson_ctx *ctx)
{
	const struct rec_event *e;
	int pid, st;
	for (size_t i = 0; (e = lesson_said(ctx, "parent: child ", &i)) != NULL;)
		if (sscanf(e->text, "parent: child %d exited with status %d", &pid, &st) == 2)
			return st;
	return -1;
}

static const char *why_127(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "127. exec failed with ENOENT and came back; the child chose 127 as its exit "
	       "status, the number shells use for \"command not found\" (126 means found but not "
	       "runnable: EACCES for a plain file or a directory). The parent learns it only "
	       "through waitpid, as forksh does for $?.";
}

static long parent_lines(const struct lesson_ctx *ctx)
{
	const struct rec_event *e;
	long n = 0;
	for (size_t i = 0; (e = lesson_said(ctx, "", &i)) != NULL;)
		n += strstr(e->text, "meant for the parent only") != NULL;
	return n;
}

static const char *why_two(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "2: the parent and the child. When exec fails, the child is still a copy of the "
	       "parent, in the middle of the parent's code. Without _exit it runs on into code "
	       "meant for the parent: in a shell, a failed command would go on as a second shell.";
}

static const struct lesson_step steps[] = {
	{ .title = "exec returns only on failure",
	  .text = "A successful exec never returns: the calling program is gone. So every line "
		  "after exec in the child runs only if exec failed, and then errno says why." },
	{ .title = "Three programs that cannot run",
	  .text = "The child tries a name that is nowhere on PATH, a file without execute "
		  "permission, and a directory. Each time it reports errno and leaves with the "
		  "status a shell would give.",
	  .code = code_execfail,
	  .run = run_failures,
	  .question = "which exit status will the parent see for \"no-such-program\"?",
	  .observed = missing_status,
	  .explain_answer = why_127,
	  .hint = "Type a missing command at the forksh prompt, then echo $?." },
	{ .title = "Forgetting _exit after a failed exec",
	  .text = "Now the child reports the failure but does not leave.",
	  .code = code_forgot,
	  .run = run_forgot,
	  .question = "how many processes will print the line meant for the parent?",
	  .observed = parent_lines,
	  .explain_answer = why_two },
	{ .title = "Your turn",
	  .text = "forksh does the same for every command: fork, then execvp in the child; if "
		  "execvp fails, the child prints \"command not found\" and leaves with 127.",
	  .exercise = "type a command that does not exist (any made-up name). The lesson watches "
		      "forksh's own events: a child whose execvp failed, and forksh's waitpid "
		      "collecting its status 127.",
	  .exercise_kind = EXERCISE_NOT_FOUND },
};

const struct lesson execfail_lesson = {
	8, "execfail", "exec returns only on failure: errno, 127, and why the child must _exit",
	NULL, 0, steps, sizeof steps / sizeof steps[0], program_source,
};
