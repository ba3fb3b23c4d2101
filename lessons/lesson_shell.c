/* lesson_shell.c - lesson 13: how forksh runs your command.
 *
 * A shell is a loop: read a line, split it into words, fork, execvp in the
 * child, waitpid in the parent, keep the status for $?.  The lesson runs a
 * ten-line shell of its own, then forksh's real executor with trace on,
 * then shows why cd cannot be a program: a child changes only its own
 * directory.  The exercise has the user try both at the prompt, checked
 * from forksh's own events and its directory.
 */
/* PROGRAM */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* SHOW: minishell */
static void mini_shell(void)
{
    static const char *const lines[] = {
        "echo hello from a child", "false", "no-such-command"
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        char copy[128], *argv[8];
        int argc = 0, status;
        snprintf(copy, sizeof copy, "%s", lines[i]);
        char *w = strtok(copy, " ");
        for (; w && argc < 7; w = strtok(NULL, " "))
            argv[argc++] = w;         /* the line split into words */
        argv[argc] = NULL;
        printf("mini$ %s\n", lines[i]);
        pid_t pid = fork();                    /* 1. fork */
        if (pid == 0) {
            /* 2. the child becomes the command */
            execvp(argv[0], argv);
            fprintf(stderr, "%s: command not found\n", argv[0]);
            _exit(127);
        }
        /* 3. the shell waits for it */
        waitpid(pid, &status, 0);
        /* 4. and keeps its status */
        printf("$? = %d\n", WEXITSTATUS(status));
    }
}
/* END SHOW */

/* SHOW: cd */
static void child_cd(void)
{
    char dir[512];
    printf("parent %d: my directory is %s\n", getpid(),
           getcwd(dir, sizeof dir));
    pid_t pid = fork();
    if (pid == 0) {
        /* the child moves ... */
        if (chdir("/") < 0)
            printf("chdir: %s\n", strerror(errno));
        printf("child  %d: my directory is %s\n", getpid(),
               getcwd(dir, sizeof dir));
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    /* ... not I */
    printf("parent %d: my directory is %s\n", getpid(),
           getcwd(dir, sizeof dir));
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson shell --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    mini_shell();
    child_cd();
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include "../shell/shell.h"
#include "../shell/trace.h"
#include "lessons.h"
#include "lesson_shell.code.h"

static void run_mini_shell(void *arg)
{
	(void)arg;
	mini_shell();
}

static void run_child_cd(void *arg)
{
	(void)arg;
	child_cd();
}

static int run_mini(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_mini_shell, NULL, 5);
}

/* forksh's own executor on a small line, with trace on for that line only
 * (and left as the user had it). */
static int run_traced(struct lesson_ctx *ctx)
{
	/* /bin/echo, not the echo builtin: the step shows two children. */
	static const char line[] = "/bin/false; /bin/echo \"the status was $?\"";
	printf("\n  %s\n", line);
	fflush(stdout);
	int was = trace_enabled(), status = sh.status;
	if (!was && trace_set(1) < 0)
		return 0;
	trace_set_width(prose_width(ctx));
	lesson_run_command(ctx, line);
	trace_set_width(0);
	if (!was)
		trace_set(0);
	sh.status = status;
	return 0;
}

static int run_cd(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_child_cd, NULL, 3);
}

/* $? after "false" in the mini shell (-1 if not seen). */
static long status_after_false(const struct lesson_ctx *ctx)
{
	size_t i = 0;
	int st;
	const struct rec_event *e;
	if (!lesson_said(ctx, "mini$ false", &i) || !(e = lesson_said(ctx, "$? = ", &i)) ||
	    sscanf(e->text, "$? = %d", &st) != 1)
		return -1;
	return st;
}

static const char *why_one(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "1: false is a program that does nothing and exits with 1. The only way the shell "
	       "learns that number is waitpid: the child's exit status travels through the kernel "
	       "to its parent. 127 for the missing command was chosen by the child itself, after "
	       "execvp failed (lesson execfail).";
}

static const struct lesson_step steps[] = {
	{ .title = "A shell is a loop",
	  .text = "Read a line; split it into words; fork; in the child, execvp the first word with "
		  "the words as arguments; in the parent, waitpid for the child and keep its exit "
		  "status as $?; print the prompt again. Everything else a shell does (quotes, "
		  "variables, pipes, redirections) prepares those steps." },
	{ .title = "A shell in ten lines",
	  .text = "This tiny shell runs three fixed lines the way forksh runs yours.",
	  .code = code_minishell,
	  .run = run_mini,
	  .question = "what will $? be after the line \"false\"?",
	  .observed = status_after_false,
	  .explain_answer = why_one },
	{ .title = "forksh, traced",
	  .text = "Now forksh's real executor runs a line with trace on: every fork, execvp and "
		  "waitpid it makes is printed as it happens (type `trace on` at the prompt to see it "
		  "for your own commands). Note the PIDs: forksh is the parent of both commands, and "
		  "$? is set from the first waitpid.\n"
		  "At an interactive prompt the trace also shows setpgid and tcsetpgrp. setpgid puts "
		  "each command in a process group of its own (forksh does it in the parent and the "
		  "child, whichever runs first); tcsetpgrp hands the terminal to that group, so that "
		  "Ctrl-C and Ctrl-Z reach the command and not the shell, and after waitpid forksh "
		  "takes the terminal back for its prompt. That is job control: the reason fg, bg "
		  "and Ctrl-Z work. Run from a script or with -c there is no terminal to hand over, "
		  "and those lines do not appear.",
	  .run = run_traced },
	{ .title = "Why cd is not a program",
	  .text = "The current directory belongs to a process, like its memory. A child can change "
		  "its own, never its parent's. If cd were a program, forksh would fork it, the child "
		  "would move, exit, and forksh would stay where it was. So cd (like exit, export and "
		  "the job builtins) runs inside the shell itself, without a fork.",
	  .code = code_cd,
	  .run = run_cd },
	{ .title = "Your turn",
	  .text = "Try both at the prompt and compare: the builtin, and a child shell doing the same.",
	  .exercise = "run `cd /tmp`, then `/bin/sh -c 'cd /'` (in either order). The lesson watches "
		      "forksh's own events and its directory, and explains what happened.",
	  .exercise_kind = EXERCISE_CD_VS_CHILD },
};

const struct lesson shell_lesson = {
	13, "shell", "how forksh runs your command; why cd must be a builtin",
	NULL, 0, steps, sizeof steps / sizeof steps[0], program_source,
};
