/* lesson_system.c - lesson 12: system() and popen(), the shortcuts.
 *
 * Both run a command line by starting /bin/sh -c with it: fork, exec of the
 * shell, and the shell forks again for the command (a shell in between
 * that the lesson code never sees).  The recording does system() and
 * popen() itself as POSIX describes them (plainc.c), so the sh is a
 * recorded process, reaped by the lesson's main process before system()
 * returns; forksh-hello, the command here, makes itself known to the
 * recorder, so the tree shows lesson main -> sh -> forksh-hello.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lessons.h"
#include "lesson_system.code.h"

/* SHOW: system */
static void with_system(void *arg)
{
    (void)arg;
    say("main %d: calling system()", getpid());
    /* waits */
    int status = system("forksh-hello system; forksh-hello system-again");
    say("system() returned: exit status %d", WEXITSTATUS(status));
}
/* END SHOW */

/* SHOW: popen */
static void with_popen(void *arg)
{
    (void)arg;
    const char *cmd = "forksh-hello popen; echo a line through the pipe";
    FILE *from = popen(cmd, "r");
    if (!from) {
        say("popen failed");
        return;
    }
    char line[256];
    /* the command's stdout is our pipe */
    while (fgets(line, sizeof line, from)) {
        line[strcspn(line, "\n")] = '\0';
        say("read from the pipe: %s", line);
    }
    /* closes the pipe, waits for sh */
    int status = pclose(from);
    say("pclose() returned: exit status %d", WEXITSTATUS(status));
}
/* END SHOW */

static int run_system(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, with_system, NULL, 5, 0);
}

static int run_popen(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, with_popen, NULL, 5, 0);
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
	       "and execs each command of the line, as forksh does. So system() costs at least two "
	       "programs' start-up, runs whatever the shell makes of the text (quotes, $, ;), and "
	       "must never be given text from an untrusted user.";
}

static void review_popen(const struct lesson_ctx *ctx)
{
	printf("\n");
	lesson_print(ctx, "popen gave the lesson the read end of a pipe whose write end became the "
			  "shell's standard output (%ld line%s came through it); forksh-hello's own line "
			  "went to the recorder instead. pclose closes the pipe and waits for the shell, "
			  "like system().",
		     lesson_count_lines(ctx, "read from the pipe"),
		     lesson_count_lines(ctx, "read from the pipe") == 1 ? "" : "s");
}

static const struct lesson_step steps[] = {
	{ .title = "The shortcuts",
	  .text = "C has two one-line ways to run a command: system(\"...\") runs it and waits, "
		  "popen(\"...\", \"r\") runs it and hands back its output as a FILE to read. Neither "
		  "starts the command itself: both start /bin/sh -c with the whole text, and the "
		  "shell does the rest." },
	{ .title = "system()",
	  .text = "The lesson's main process (a copy of forksh) calls system with a line of two "
		  "commands.",
	  .code = code_system,
	  .run = run_system,
	  .question = "how many processes will stand between the lesson's main process and "
		      "forksh-hello: (0) none, or (1) one?",
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
	NULL, 0, steps, sizeof steps / sizeof steps[0],
};
