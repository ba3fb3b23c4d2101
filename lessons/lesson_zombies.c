/* lesson_zombies.c - lesson 10: a child that ended but was not waited for.
 *
 * When a process exits, the kernel keeps a small record of it (its PID and
 * exit status) until its parent collects it with waitpid.  Until then the
 * process is a zombie: state Z in /proc/PID/stat and in ptree.  The lesson
 * shows one live, reaps it, then counts the zombies of several children
 * with and without a SIGCHLD handler that reaps them as they end.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../shell/proctree.h"
#include "../shell/vars.h"
#include "lessons.h"
#include "lesson_zombies.code.h"

static int children_opt;

/* The state letter of pid from /proc/PID/stat, or 0 if there is no such
 * process any more. */
static char state_of(pid_t pid)
{
	char path[64], text[512];
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	struct proc_stat st;
	return proctree_parse_stat(text, &st) == 0 ? st.state : 0;
}

/* How many children of this process are zombies right now (from /proc). */
static int count_zombies(void)
{
	struct proc_info *procs;
	size_t n;
	int zombies = 0;
	if (proctree_read(&procs, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		zombies += procs[i].ppid == getpid() && procs[i].state == 'Z';
	proctree_free(procs, n);
	return zombies;
}

/* Say ptree's picture of this process and its children, line by line. */
static void say_ptree(void)
{
	struct proc_info *procs;
	size_t n;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	if (!out)
		return;
	if (proctree_read(&procs, &n) == 0) {
		struct proctree_style style = { .root = getpid(), .utf8 = var_locale_utf8(), .width = 72 };
		proctree_draw(out, procs, n, &style);
		proctree_free(procs, n);
	}
	fclose(out);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		say("ptree | %s", line);
	free(text);
}

/* SHOW: zombie */
static void one_zombie(void *arg)
{
    (void)arg;
    pid_t pid = fork();
    if (pid == 0) {
        say("child %d: exiting with status 3", getpid());
        _exit(3);
    }
    /* the child has long ended ... */
    lesson_sleep(0.3);
    say("parent: /proc/%d/stat says state %c", pid, state_of(pid));
    say_ptree();
    int status;
    /* ... but is gone only once reaped */
    waitpid(pid, &status, 0);
    say("parent: waitpid reaped %d: exit status %d", pid,
        WEXITSTATUS(status));
    char now = state_of(pid);
    say("parent: /proc/%d %s", pid, now ? "is still there" : "is gone");
}
/* END SHOW */

/* SHOW: handler */
static volatile sig_atomic_t nreaped;

static void on_sigchld(int sig)
{
    (void)sig;
    /* a handler must not change errno */
    int saved = errno;
    /* every child that ended */
    while (waitpid(-1, NULL, WNOHANG) > 0)
        nreaped++;
    errno = saved;
}

static void many(int children, int with_handler)
{
    if (with_handler) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigchld;
        sa.sa_flags = SA_RESTART;             /* interrupted calls go on */
        sigaction(SIGCHLD, &sa, NULL);
    }
    for (int i = 0; i < children; i++)
        if (fork() == 0)
            _exit(0);                         /* each child ends at once */
    lesson_sleep(0.3);
    say("%s handler: %d zombie children after they all ended",
        with_handler ? "with a SIGCHLD" : "without a", count_zombies());
    if (with_handler) {
        say("the handler reaped %d children as they ended", (int)nreaped);
        signal(SIGCHLD, SIG_DFL);
    }
    while (waitpid(-1, NULL, 0) > 0)   /* reap whatever is left */
        ;
    say("after reaping: %d zombie children", count_zombies());
}
/* END SHOW */

static void without_handler(void *arg)
{
	many(*(int *)arg, 0);
}

static void with_handler(void *arg)
{
	many(*(int *)arg, 1);
}

static int run_one(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, one_zombie, NULL, 3, 0);
}

static int run_without(struct lesson_ctx *ctx)
{
	children_opt = (int)lesson_opt(ctx, "children");
	return lesson_run_live(ctx, without_handler, &children_opt, children_opt + 2, 0);
}

static int run_with(struct lesson_ctx *ctx)
{
	children_opt = (int)lesson_opt(ctx, "children");
	return lesson_run_live(ctx, with_handler, &children_opt, children_opt + 2, 0);
}

/* 1 if the child was seen in state Z before the reap, 2 if not. */
static long saw_z(const struct lesson_ctx *ctx)
{
	const struct rec_event *e;
	int pid;
	char state;
	for (size_t i = 0; (e = lesson_said(ctx, "parent: /proc/", &i)) != NULL;)
		if (sscanf(e->text, "parent: /proc/%d/stat says state %c", &pid, &state) == 2)
			return state == 'Z' ? 1 : 2;
	return 2;
}

static const char *why_z(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "1: a zombie. The child had ended long before, but its entry stays, state Z, "
	       "\"<defunct>\" in ptree, because its exit status is waiting for the parent. "
	       "waitpid returned that status (3) and only then did the entry disappear.";
}

static void review_counts(const struct lesson_ctx *ctx)
{
	(void)ctx;
	printf("\n");
	lesson_print(ctx, "Every ended child stayed a zombie until the parent called waitpid: one "
			  "zombie per child, however long it takes.");
}

static void review_handler(const struct lesson_ctx *ctx)
{
	int n = 0;
	size_t from = 0;
	const struct rec_event *e = lesson_said(ctx, "the handler reaped ", &from);
	if (e)
		sscanf(e->text, "the handler reaped %d", &n);
	printf("\n");
	lesson_print(ctx, "With the handler, no zombie was left to count: each child was reaped "
			  "as it ended (%ld reaped in the handler). The tree shows that the main process "
			  "reaped them all.",
		     (long)n);
}

static const struct lesson_step steps[] = {
	{ .title = "Dead, but not gone",
	  .text = "A process that exits does not vanish at once. The kernel keeps its PID and "
		  "exit status until the parent asks for them with waitpid: that is how $? reaches "
		  "the shell. Until then the process is a zombie, state Z. It uses no memory and no "
		  "CPU, but it holds a PID, and a parent that never waits collects zombies." },
	{ .title = "One zombie, live",
	  .text = "The child exits with status 3 at once; the parent looks at /proc and at ptree "
		  "before and after it calls waitpid.",
	  .code = code_zombie,
	  .run = run_one,
	  .question = "before waitpid, will /proc show the child (1) as a zombie, Z, or (2) not at "
		      "all?",
	  .observed = saw_z,
	  .explain_answer = why_z,
	  .hint = "Where else could waitpid get the exit status 3 from?" },
	{ .title = "Many children, no handler",
	  .text = "--children (3) children end at once; nobody waits until the count is taken.",
	  .code = code_handler,
	  .run = run_without,
	  .review = review_counts },
	{ .title = "A SIGCHLD handler",
	  .text = "The kernel sends SIGCHLD to a parent whenever a child ends. A handler that "
		  "calls waitpid with WNOHANG in a loop (one signal may stand for several children) "
		  "reaps them as they end, and the parent never has zombies. forksh itself works "
		  "this way, through a self-pipe.",
	  .run = run_with,
	  .review = review_handler },
};

static const struct lesson_opt opts[] = {
	{ "children", 3, 1, 50, "children in the counting steps", 0 },
};

const struct lesson zombies_lesson = {
	10, "zombies", "ended but not reaped: state Z until waitpid; a SIGCHLD handler",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0],
};
