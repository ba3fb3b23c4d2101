/* lesson_exec.c - lesson 7: the exec family.
 *
 * Seven C calls start the same small program (forksh-hello) in a forked
 * child, one after the other.  The letters in their names say what differs:
 * l (arguments as a list) or v (as an array), p (search PATH for a bare
 * name) and e (the caller hands over the whole environment).  forksh-hello
 * reports its PID and what its environment holds, so p and e are seen live.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lessons.h"
#include "wire.h"
#include "lesson_exec.code.h"

enum call { EXECV, EXECL, EXECVP, EXECLP, EXECVE, EXECLE, EXECVPE, EXECV_BARE, NCALLS };

static const char *const call_name[NCALLS] = { "execv", "execl", "execvp", "execlp", "execve",
					       "execle", "execvpe", "execv(bare)" };

static char path[PATH_MAX];   /* the full path of forksh-hello */
static char *small_env[4];    /* what the e calls hand over */

/* SHOW: family */
static void start(enum call call)
{
    const char *name = call_name[call];
    char *argv[] = { "forksh-hello", (char *)name, "env", NULL };
    pid_t pid = fork();
    if (pid == 0) {
        switch (call) {     /* l: a list; v: an array (vector) */
        case EXECV:         /* no p: a path is needed */
            execv(path, argv);
            break;
        case EXECL:
            execl(path, "forksh-hello", name, "env", (char *)NULL);
            break;
        case EXECVP:        /* p: a bare name is looked up on PATH */
            execvp("forksh-hello", argv);
            break;
        case EXECLP:
            execlp("forksh-hello", "forksh-hello", name, "env",
                   (char *)NULL);
            break;
        case EXECVE:        /* e: the new program gets small_env */
            execve(path, argv, small_env);
            break;
        case EXECLE:
            execle(path, "forksh-hello", name, "env", (char *)NULL,
                   small_env);
            break;
        case EXECVPE:       /* p and e (a GNU extension) */
            execvpe("forksh-hello", argv, small_env);
            break;
        default:            /* no p, a bare name, in / */
            if (chdir("/") == 0)
                execv("forksh-hello", argv);
            break;
        }
        say("%s failed: %s", name, strerror(errno));   /* only on failure */
        _exit(127);
    }
    waitpid(pid, NULL, 0);
}
/* END SHOW */

/* The environment the e calls pass: one variable of the lesson's, and the
 * two that let forksh-hello report to the engine (without them its lines
 * would be lost, which is the point of e: nothing else is inherited). */
static void make_small_env(void)
{
	static char greeting[] = "GREETING=hello from an e call";
	static char fd[64], t0[64];
	snprintf(fd, sizeof fd, "%s=%s", WIRE_FD_ENV, getenv(WIRE_FD_ENV) ? getenv(WIRE_FD_ENV) : "");
	snprintf(t0, sizeof t0, "%s=%s", WIRE_T0_ENV, getenv(WIRE_T0_ENV) ? getenv(WIRE_T0_ENV) : "");
	small_env[0] = greeting;
	small_env[1] = fd;
	small_env[2] = t0;
	small_env[3] = NULL;
}

static void all_calls(void *arg)
{
	(void)arg;
	make_small_env();
	for (int c = 0; c < NCALLS; c++)
		start((enum call)c);
}

static int run_family(struct lesson_ctx *ctx)
{
	if (lesson_own_program("forksh-hello", path, sizeof path) < 0) {
		lesson_print(ctx, "lesson: cannot find forksh-hello (next to forksh or in ../libexec/forksh)");
		return -1;
	}
	return lesson_run_live(ctx, all_calls, NULL, NCALLS + 2, 0);
}

/* 1 if execv with a bare name found the program, 2 if it failed. */
static long bare_failed(const struct lesson_ctx *ctx)
{
	return lesson_count_lines(ctx, "execv(bare) failed") ? 2 : 1;
}

static const char *why_bare(const struct lesson_ctx *ctx)
{
	if (bare_failed(ctx) == 1)
		return "1: it found a forksh-hello in the directory it ran in. Without p, the name is "
		       "a path relative to the current directory, so this works only where such a "
		       "file is; PATH is not searched.";
	return "2: it failed (No such file or directory). Without p, the name is a path: "
	       "\"forksh-hello\" means a file of that name in the current directory. Only the p calls "
	       "look through the directories of PATH, as a shell does for a command without a slash.";
}

/* After the run: which calls started the program, and what each saw. */
static void review_family(const struct lesson_ctx *ctx)
{
	long started = 0, same_pid = 0, small = 0;
	const struct recording *r = &ctx->run.rec;
	for (size_t i = 0; i < r->n; i++) {
		const struct rec_event *e = &r->v[i];
		if (e->kind != REC_SAY)
			continue;
		if (strncmp(e->text, "Hello from child ", 17) == 0) {
			started++;
			same_pid += strtol(e->text + 17, NULL, 10) == (long)e->pid;
		}
		small += strstr(e->text, "variables, GREETING=hello") != NULL;
	}
	printf("\n");
	lesson_print(ctx, "%ld of 8 calls started forksh-hello, %ld of them in the very process that was "
			  "forked for it (the PID it printed is its child's). %ld saw only the small "
			  "environment: those are the e calls. The others inherited the whole "
			  "environment, PATH included.",
		     started, same_pid, small);
}

static const char *const table =
	"Python (chapter)  C              arguments  PATH search  environment\n"
	"os.execl          execl          list       no           inherited\n"
	"os.execle         execle         list       no           given\n"
	"os.execlp         execlp         list       yes          inherited\n"
	"os.execlpe        (no C twin)    list       yes          given\n"
	"os.execv          execv          array      no           inherited\n"
	"os.execve         execve         array      no           given\n"
	"os.execvp         execvp         array      yes          inherited\n"
	"os.execvpe        execvpe (GNU)  array      yes          given\n";

static const struct lesson_step steps[] = {
	{ .title = "One call, many names",
	  .text = "There is one system call that starts a program, execve. The others are small "
		  "library functions around it, named by letters: l takes the arguments as a list in "
		  "the call, v as an array; p searches the directories of PATH when the name has no "
		  "slash; e passes the environment the new program gets, instead of the current one.",
	  .figure = table,
	  .hint = "C has no execlpe: with p and e together, use execvpe (a GNU extension) and an "
		  "array." },
	{ .title = "The code",
	  .text = "Each call starts forksh-hello in a new child, asking it to describe its "
		  "environment. The e calls pass three variables only: GREETING, and the two that let "
		  "forksh-hello report to this lesson. The last run gives execv a bare name, from the directory /.",
	  .code = code_family },
	{ .title = "Run all of them",
	  .text = "Eight children, one after the other: watch what the e calls change, and what "
		  "happens to the last one.",
	  .run = run_family,
	  .question = "execv, given the bare name \"forksh-hello\" (no slash): will it (1) find the "
		      "program on PATH, or (2) fail?",
	  .observed = bare_failed,
	  .explain_answer = why_bare,
	  .review = review_family },
};

const struct lesson exec_lesson = {
	7, "exec", "the exec family: l/v, p (PATH), e (environment), live",
	NULL, 0, steps, sizeof steps / sizeof steps[0],
};
