/* lesson_system.c - lesson 12: system() and popen(), the shortcuts.
 *
 * Both run a command line by starting /bin/sh -c with it: fork, exec of the
 * shell, and the shell forks again for the command (a shell in between
 * that the lesson code never sees).  The recording does system() and
 * popen() itself as POSIX describes them (plainc.c), so the sh is a
 * recorded process, reaped by the lesson's main process before system()
 * returns; forksh-hello, the command here, makes itself known to the
 * recorder (hellorec.c), so the tree shows lesson main -> sh ->
 * forksh-hello.  echo, sh's builtin, runs inside sh: no process of its own.
 */
/* PROGRAM */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* SHOW: system */
static void with_system(void)
{
    printf("main %d: calling system()\n", getpid());
    /* sh -c runs the line; system waits for sh */
    int status = system("forksh-hello system; echo sh said this");
    printf("system() returned: exit status %d\n", WEXITSTATUS(status));
}
/* END SHOW */

/* SHOW: popen */
static void with_popen(void)
{
    const char *cmd = "forksh-hello popen; echo a line through the pipe";
    FILE *from = popen(cmd, "r");
    if (!from) {
        printf("popen failed\n");
        return;
    }
    char line[256];
    /* the command's stdout is our pipe */
    while (fgets(line, sizeof line, from)) {
        line[strcspn(line, "\n")] = '\0';
        printf("read from the pipe: %s\n", line);
    }
    /* closes the pipe, waits for sh */
    int status = pclose(from);
    printf("pclose() returned: exit status %d\n", WEXITSTATUS(status));
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson system --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    hello_on_path();                    /* so that forksh-hello is found */
    with_system();
    with_popen();
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include "lessons.h"
#include "lesson_system.code.h"

static void run_with_system(void *arg)
{
	(void)arg;
	with_system();
}

static void run_with_popen(void *arg)
{
	(void)arg;
	with_popen();
}

static int run_system(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_with_system, NULL, 5);
}

static int run_popen(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_with_popen, NULL, 5);
}

/* How many processes stood between the lesson and the first forksh-hello:
 * the depth of forksh-hello below the root, minus one. */
static long shells_between(const struct lesson_ctx *ctx)
{
	const struct recording *r = &ctx->run.rec;
	size_t from = 0;
	const struct rec_event *said = lesson_said(ctx, "Hello from child ", &from);
	pid_t hello = said ? said->pid : 0;
	long depth = 0;
	for (pid_t p = hello; p && p != r->root && depth < 10; depth++) {
		pid_t parent = 0;
		for (size_t i = 0; i < r->n; i++)
			if (r->v[i].kind == REC_FORK && r->v[i].other == p)
				parent = r->v[i].pid;
		p = parent;
	}
	return hello ? depth - 1 : -1;
}

static const char *why_shell(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "1: one, /bin/sh. system() forks and execs /bin/sh -c COMMAND, and that shell forks "
	       "and execs each program of the line, as forksh does. echo is not in the tree: it is "
	       "one of sh's builtins, so sh printed \"sh said this\" itself, without a fork. So "
	       "system() costs at least two programs' start-up, runs whatever the shell makes of "
	       "the text (quotes, $, ;), and must never be given text from an untrusted user.";
}

static void review_popen(const struct lesson_ctx *ctx)
{
	long n = lesson_count_lines(ctx, "read from the pipe");
	printf("\n");
	lesson_print(ctx, "popen gave the lesson the read end of a pipe whose write end became the "
			  "shell's standard output, and everything the command line printed came "
			  "through it: %ld line%s, forksh-hello's (a program sh forked) and echo's "
			  "(sh's own builtin, no process in the tree). The lesson printed each one again, "
			  "prefixed. pclose closes the pipe and waits for the shell, like system().",
		     n, n == 1 ? "" : "s");
}

static const struct lesson_step steps[] = {
	{ .title = "The shortcuts",
	  .text = "C has two one-line ways to run a command: system(\"...\") runs it and waits, "
		  "popen(\"...\", \"r\") runs it and hands back its output as a FILE to read. Neither "
		  "starts the command itself: both start /bin/sh -c with the whole text, and the "
		  "shell does the rest." },
	{ .title = "system()",
	  .text = "The lesson's main process (a copy of forksh) calls system with a line of two "
		  "commands: the program forksh-hello, and echo.",
	  .code = code_system,
	  .run = run_system,
	  .question = "how many processes will stand between the lesson's main process and "
		      "forksh-hello: 0 or 1?",
	  .observed = shells_between,
	  .explain_answer = why_shell,
	  .hint = "Who understands the ';' in the command text?" },
	{ .title = "popen()",
	  .text = "popen starts the same /bin/sh -c, but with a pipe: the shell's standard output "
		  "is the pipe's write end, and the lesson reads the other end.",
	  .code = code_popen,
	  .run = run_popen,
	  .review = review_popen },
};

const struct lesson system_lesson = {
	12, "system", "system() and popen(): an extra /bin/sh between you and the command",
	NULL, 0, steps, sizeof steps / sizeof steps[0], program_source,
};
