/* lesson_exec.c - lesson 7: the exec family.
 *
 * Six C calls start the same small program in a forked child, one after
 * the other, and a seventh tries a bare name without p.  The letters in
 * their names say what differs: l (arguments as a list) or v (as an
 * array), p (search PATH for a bare name) and e (the caller hands over the
 * whole environment).  The program is /bin/sh running one echo line that
 * says which call started it, its PID and what its environment holds, so
 * that p and e are seen live.  (execvpe, p and e together, is a GNU
 * extension: it is in the table, not in the run.)
 */
/* PROGRAM */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* SHOW: family */
enum call { EXECV, EXECL, EXECVP, EXECLP, EXECVE, EXECLE, BARE, NCALLS };
static const char *const call_name[NCALLS] = {
    "execv", "execl", "execvp", "execlp", "execve", "execle", "execv(bare)"
};
/* the new program: sh, told to say who started it, its PID, and GREETING */
static const char script[] =
    "echo \"$0 started me, PID $$: GREETING=${GREETING-(unset)}\"";
/* what the e calls hand over: this and nothing else */
static char *small_env[] = { "GREETING=hello from an e call", NULL };

static void start(enum call call)
{
    char *name = (char *)call_name[call];
    char *argv[] = { "sh", "-c", (char *)script, name, NULL };
    pid_t pid = fork();
    if (pid == 0) {
        switch (call) {     /* l: a list; v: an array (vector) */
        case EXECV:         /* no p: a path is needed */
            execv("/bin/sh", argv);
            break;
        case EXECL:
            execl("/bin/sh", "sh", "-c", script, name, (char *)NULL);
            break;
        case EXECVP:        /* p: a bare name is looked up on PATH */
            execvp("sh", argv);
            break;
        case EXECLP:
            execlp("sh", "sh", "-c", script, name, (char *)NULL);
            break;
        case EXECVE:        /* e: the new program gets small_env */
            execve("/bin/sh", argv, small_env);
            break;
        case EXECLE:
            execle("/bin/sh", "sh", "-c", script, name, (char *)NULL,
                   small_env);
            break;
        default:            /* no p, a bare name, in / */
            if (chdir("/") == 0)
                execv("sh", argv);
            break;
        }
        printf("%s failed: %s\n", name, strerror(errno));  /* only then */
        _exit(127);
    }
    waitpid(pid, NULL, 0);
}
/* END SHOW */

static void all_calls(void)
{
    for (int c = 0; c < NCALLS; c++)
        start((enum call)c);
}

#if 0 /* MAIN: in the file `lesson exec --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    all_calls();
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include <stdlib.h>

#include "lessons.h"
#include "lesson_exec.code.h"

static void run_all_calls(void *arg)
{
	(void)arg;
	all_calls();
}

static int run_family(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_all_calls, NULL, NCALLS + 2);
}

/* 1 if execv with a bare name found the program, 2 if it failed. */
static long bare_failed(const struct lesson_ctx *ctx)
{
	return lesson_count_lines(ctx, "execv(bare) failed") ? 2 : 1;
}

static const char *why_bare(const struct lesson_ctx *ctx)
{
	if (bare_failed(ctx) == 1)
		return "1: it found a file called sh in the directory it ran in. Without p, the name "
		       "is a path relative to the current directory, so this works only where such a "
		       "file is; PATH is not searched.";
	return "2: it failed (No such file or directory). Without p, the name is a path: \"sh\" "
	       "means a file of that name in the current directory, /, where there is none. Only "
	       "the p calls look through the directories of PATH, as a shell does for a command "
	       "without a slash.";
}

/* Did the run's first process fork pid itself? */
static int forked_by_root(const struct recording *r, pid_t pid)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].kind == REC_FORK && r->v[i].pid == r->root && r->v[i].other == pid)
			return 1;
	return 0;
}

/* After the run: which calls started the program, and what each saw. */
static void review_family(const struct lesson_ctx *ctx)
{
	long started = 0, same_pid = 0, small = 0;
	const struct recording *r = &ctx->run.rec;
	for (size_t i = 0; i < r->n; i++) {
		const struct rec_event *e = &r->v[i];
		const char *p = e->kind == REC_SAY ? strstr(e->text, " started me, PID ") : NULL;
		if (!p)
			continue;
		started++;
		/* the PID the program says, against the PID of the process
		 * the lesson forked for it (the one that wrote the line) */
		same_pid += strtol(p + 17, NULL, 10) == (long)e->pid && forked_by_root(r, e->pid);
		small += strstr(e->text, "GREETING=hello from an e call") != NULL;
	}
	printf("\n");
	lesson_print(ctx, "%ld of %d calls started the program, %ld of them in the very process that was "
			  "forked for it (the PID it printed is the child's). %ld saw GREETING: those "
			  "are the e calls, whose new program got small_env and nothing else. The others "
			  "inherited the whole environment of the lesson, PATH included, and no GREETING.",
		     started, NCALLS, same_pid, small);
}

static const char *const table =
	"Python      C             args   PATH  environment\n"
	"os.execl    execl         list   no    inherited\n"
	"os.execle   execle        list   no    given\n"
	"os.execlp   execlp        list   yes   inherited\n"
	"os.execlpe  (none in C)   list   yes   given\n"
	"os.execv    execv         array  no    inherited\n"
	"os.execve   execve        array  no    given\n"
	"os.execvp   execvp        array  yes   inherited\n"
	"os.execvpe  execvpe(GNU)  array  yes   given\n";

static const struct lesson_step steps[] = {
	{ .title = "One call, many names",
	  .text = "There is one system call that starts a program, execve. The others are small "
		  "library functions around it, named by letters: l takes the arguments as a list in "
		  "the call, v as an array; p searches the directories of PATH when the name has no "
		  "slash; e passes the environment the new program gets, instead of the current one. "
		  "The chapter's Python names, and their C twins (\"PATH\": is PATH searched?). "
		  "execvpe is a GNU extension, not on every system: the run leaves it out.",
	  .figure = table,
	  .hint = "C has no execlpe: with p and e together, glibc and musl offer execvpe and an "
		  "array; elsewhere, search PATH yourself and call execve." },
	{ .title = "The code",
	  .text = "Each call starts the same program in a new child: /bin/sh, given one line to "
		  "run that says which call started it, its PID, and the value of GREETING. The e "
		  "calls pass an environment of one variable, GREETING; the others pass nothing and "
		  "the program inherits the lesson's environment. The last one gives execv a bare "
		  "name, from the directory /.",
	  .code = code_family },
	{ .title = "Run all of them",
	  .text = "Seven children, one after the other: watch what the e calls change, and what "
		  "happens to the last one.",
	  .run = run_family,
	  .question = "execv, given the bare name \"sh\" (no slash), from the directory /: what "
		      "will it do?",
	  .choices = (const char *const[]){ "find the program on PATH", "fail", NULL },
	  .observed = bare_failed,
	  .explain_answer = why_bare,
	  .review = review_family },
};

const struct lesson exec_lesson = {
	7, "exec", "the exec family: l/v, p (PATH), e (environment), live",
	NULL, 0, steps, sizeof steps / sizeof steps[0], program_source,
};
