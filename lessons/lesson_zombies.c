/* lesson_zombies.c - lesson 10: a child that ended but was not waited for.
 *
 * When a process exits, the kernel keeps a small record of it (its PID and
 * exit status) until its parent collects it with waitpid.  Until then the
 * process is a zombie: state Z in /proc/PID/stat and in ptree.  The lesson
 * shows one live, reaps it, then counts the zombies of several children
 * with and without a SIGCHLD handler that reaps them as they end.  The
 * parent waits for a child's end without reaping it with waitid(WNOWAIT),
 * so that what /proc shows does not depend on timing.
 */
/* PROGRAM */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The state letter and the parent of pid from /proc/PID/stat (Linux): the
 * state follows the command name in parentheses.  State 0 if there is no
 * such process any more. */
static char state_of(pid_t pid, pid_t *parent)
{
    char path[64], text[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    char *p = strrchr(text, ')');
    int ppid = 0;
    char state = 0;
    if (p && sscanf(p + 1, " %c %d", &state, &ppid) == 2 && parent)
        *parent = ppid;
    return state;
}

/* How many children of this process are zombies right now. */
static int count_zombies(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int zombies = 0;
    while (d && (e = readdir(d)) != NULL) {
        pid_t parent = 0;
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9' &&
            state_of(atoi(e->d_name), &parent) == 'Z' && parent == getpid())
            zombies++;
    }
    if (d)
        closedir(d);
    return zombies;
}

/* sleep for ms milliseconds */
static void pause_ms(long ms)
{
    struct timespec t = { ms / 1000, ms % 1000 * 1000000 };
    nanosleep(&t, NULL);
}

/* SHOW: zombie */
static void one_zombie(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        printf("child %d: exiting with status 3\n", getpid());
        _exit(3);
    }
    /* wait until the child has ended, but do not reap it (WNOWAIT) */
    siginfo_t info;
    waitid(P_PID, pid, &info, WEXITED | WNOWAIT);
    printf("parent: /proc/%d/stat says state %c\n", pid,
           state_of(pid, NULL));
    int status;
    /* ... it is gone only once reaped */
    waitpid(pid, &status, 0);
    printf("parent: waitpid reaped %d: exit status %d\n", pid,
           WEXITSTATUS(status));
    printf("parent: /proc/%d %s\n", pid,
           state_of(pid, NULL) ? "is still there" : "is gone");
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
    pid_t pids[64];
    if (with_handler) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigchld;
        sa.sa_flags = SA_RESTART;             /* interrupted calls go on */
        sigaction(SIGCHLD, &sa, NULL);
    }
    for (int i = 0; i < children; i++)
        if ((pids[i] = fork()) == 0)
            _exit(0);                         /* each child ends at once */
    for (int i = 0; i < children && !with_handler; i++) {
        siginfo_t info;                       /* until each has ended */
        waitid(P_PID, pids[i], &info, WEXITED | WNOWAIT);
    }
    while (with_handler && nreaped < children)
        pause_ms(10);                         /* the handler reaps them */
    printf("%s handler: %d zombie children after they all ended\n",
           with_handler ? "with a SIGCHLD" : "without a", count_zombies());
    if (with_handler) {
        printf("the handler reaped %d children as they ended\n",
               (int)nreaped);
        signal(SIGCHLD, SIG_DFL);
    }
    while (waitpid(-1, NULL, 0) > 0)   /* reap whatever is left */
        ;
    printf("after reaping: %d zombie children\n", count_zombies());
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson zombies --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    one_zombie();
    many(CHILDREN, 0);
    many(CHILDREN, 1);
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include "lessons.h"
#include "lesson_zombies.code.h"

static int children_opt;

static void run_one_zombie(void *arg)
{
	(void)arg;
	one_zombie();
}

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
	return lesson_run_live(ctx, run_one_zombie, NULL, 3);
}

static int run_without(struct lesson_ctx *ctx)
{
	children_opt = (int)lesson_opt(ctx, "children");
	return lesson_run_live(ctx, without_handler, &children_opt, children_opt + 2);
}

static int run_with(struct lesson_ctx *ctx)
{
	children_opt = (int)lesson_opt(ctx, "children");
	return lesson_run_live(ctx, with_handler, &children_opt, children_opt + 2);
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
	return "1: a zombie. The child had ended (waitid with WNOWAIT returned only then), but "
	       "its entry stays, state Z, \"<defunct>\" in ptree and ps, because its exit status is "
	       "waiting for the parent. waitpid returned that status (3) and only then did the entry "
	       "disappear.";
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
	  .text = "The child exits with status 3 at once. The parent waits until it has ended "
		  "without collecting it (waitid with WNOWAIT), looks at /proc, and then reaps it "
		  "with waitpid and looks again. (/proc is Linux's window on its processes; ptree "
		  "at the forksh prompt draws the same states.)",
	  .code = code_zombie,
	  .run = run_one,
	  .question = "before waitpid, how will /proc show the child?",
	  .choices = (const char *const[]){ "as a zombie, state Z", "not at all", NULL },
	  .observed = saw_z,
	  .explain_answer = why_z,
	  .hint = "Where else could waitpid get the exit status 3 from?" },
	{ .title = "Many children, no handler",
	  .text = "--children {children} children end at once; nobody reaps them until the count "
		  "is taken.",
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
	{ "children", 3, 1, 50, "children in the counting steps", 0, 0 },
};

const struct lesson zombies_lesson = {
	10, "zombies", "ended but not reaped: state Z until waitpid; a SIGCHLD handler",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0], program_source,
};
