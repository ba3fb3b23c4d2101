/* lesson_orphans.c - lesson 9: a parent that leaves before its children.
 *
 * A parent forks children and exits without waiting.  Its children are
 * orphans: the kernel gives them a new parent, the nearest ancestor that
 * declared itself a "child subreaper" (forksh does), or init (PID 1) when
 * there is none.  The children print getppid() before and after.  With
 * --no-subreaper, forksh turns its own flag off for the first run, so
 * that the orphans go past it, to init or to a subreaper above forksh.  A
 * second run makes the lesson's own main process a subreaper, so the
 * orphans go to it instead.
 */
/* PROGRAM */
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* sleep for ms milliseconds */
static void pause_ms(long ms)
{
    struct timespec t = { ms / 1000, ms % 1000 * 1000000 };
    nanosleep(&t, NULL);
}

/* SHOW: orphans */
static void family(int children)
{
    /* a parent that will leave early */
    pid_t parent = fork();
    if (parent == 0) {
        for (int i = 0; i < children; i++) {
            if (fork() == 0) {
                printf("child %d: my parent is %d\n", getpid(), getppid());
                /* meanwhile the parent exits */
                pause_ms(400);
                printf("child %d: my parent is now %d\n", getpid(),
                       getppid());
                _exit(0);
            }
        }
        pause_ms(100);
        printf("parent %d: leaving without waiting for my children\n",
               getpid());
        _exit(0);
    }
    waitpid(parent, NULL, 0);            /* the parent, reaped */
}

static void orphans(int children)
{
    family(children);
    /* the orphans are not ours to wait for */
    pause_ms(600);
}

static void own_subreaper(int children)
{
    /* orphans below me come to me (Linux) */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    printf("main %d: I am a child subreaper now\n", getpid());
    family(children);
    /* ... and I must reap them */
    while (waitpid(-1, NULL, 0) > 0)
        ;
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson orphans --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    orphans(CHILDREN);
    own_subreaper(CHILDREN);
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include <stdlib.h>
#include <string.h>

#include "lessons.h"
#include "lesson_orphans.code.h"

static int children_opt;

static void run_orphans_code(void *arg)
{
	orphans(*(int *)arg);
}

static void run_own_subreaper(void *arg)
{
	own_subreaper(*(int *)arg);
}

static int run_orphans(struct lesson_ctx *ctx)
{
	children_opt = (int)lesson_opt(ctx, "children");
	ctx->run_opts.no_subreaper = lesson_opt(ctx, "no-subreaper") != 0;
	return lesson_run_live(ctx, run_orphans_code, &children_opt, children_opt + 2);
}

static int run_subreaper(struct lesson_ctx *ctx)
{
	children_opt = (int)lesson_opt(ctx, "children");
	return lesson_run_live(ctx, run_own_subreaper, &children_opt, children_opt + 2);
}

/* The PID the children reported after their parent left, if they all
 * agree (-1 if they do not, 0 if none reported). */
static long new_parent(const struct lesson_ctx *ctx)
{
	long agreed = 0;
	const struct rec_event *e;
	for (size_t i = 0; (e = lesson_said(ctx, "child ", &i)) != NULL;) {
		int pid, ppid;
		if (sscanf(e->text, "child %d: my parent is now %d", &pid, &ppid) != 2)
			continue;
		if (agreed && agreed != ppid)
			return -1;
		agreed = ppid;
	}
	return agreed;
}

/* 1: init, 2: forksh, 3: the lesson's main process, 4: another process
 * (a subreaper above forksh), 0: none reported. */
static long who_adopted(const struct lesson_ctx *ctx)
{
	long p = new_parent(ctx);
	return p == 0 ? 0 : p == 1 ? 1 : p == ctx->run.rec.shell ? 2 : p == ctx->run.rec.root ? 3 : 4;
}

/* The command name of pid, from /proc/PID/comm ("?" if it cannot be read). */
static void comm_of(long pid, char *buf, size_t len)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	FILE *f = fopen(path, "re");
	if (!f || !fgets(buf, (int)len, f))
		snprintf(buf, len, "?");
	buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
}

static const char *why_forksh(const struct lesson_ctx *ctx)
{
	static char buf[900];
	char init[64], other[64];
	long p = new_parent(ctx), who = who_adopted(ctx);
	comm_of(1, init, sizeof init);
	comm_of(p, other, sizeof other);
	if (who == 2)
		snprintf(buf, sizeof buf,
			 "2: forksh (PID %ld). The lesson's main process, their grandparent, is not "
			 "special, so the kernel looked further up for the nearest \"child subreaper\": "
			 "forksh declares itself one (prctl PR_SET_CHILD_SUBREAPER), so that it can reap "
			 "whatever its commands leave behind. Without any subreaper above them, orphans "
			 "go to PID 1, init (here: %s), which is there to reap every orphan that ends. "
			 "`lesson orphans --no-subreaper` turns forksh's flag off for this run, to see "
			 "that.",
			 p, init);
	else if (who == 1)
		snprintf(buf, sizeof buf,
			 "1: init, PID 1 (here: %s). forksh was not a subreaper for this run "
			 "(--no-subreaper), and no other process above it is one, so the orphans went "
			 "to init, as the textbooks say. It is init's duty to reap them; a container "
			 "whose PID 1 is not a real init may never do so, and its orphans stay zombies "
			 "(which is why container tools offer a small init of their own).",
			 init);
	else
		snprintf(buf, sizeof buf,
			 "%ld: PID %ld (%s). With forksh not a subreaper for this run (--no-subreaper), "
			 "the kernel looked further up and found a subreaper above forksh (a desktop "
			 "session's service manager often is one). Only with no subreaper at all above "
			 "them do orphans go to init, PID 1 (here: %s).",
			 who, p, other, init);
	return buf;
}

static void review_subreaper(const struct lesson_ctx *ctx)
{
	long p = new_parent(ctx);
	printf("\n");
	lesson_print(ctx, "This time the orphans reported %ld, %s: the nearest subreaper is now the "
			  "lesson's main process, so it adopted them, and it reaped them with waitpid "
			  "(the tree shows who reaped whom).",
		     p, p == ctx->run.rec.root ? "the lesson's main process" : "not the main process?!");
}

static const struct lesson_step steps[] = {
	{ .title = "Orphans",
	  .text = "A parent does not have to wait for its children: it may exit first. Its "
		  "children go on running, and every process needs a parent that will eventually "
		  "reap it, so the kernel gives them a new one: the nearest ancestor that has asked "
		  "the kernel to adopt the orphans below it (a \"child subreaper\", made with prctl "
		  "PR_SET_CHILD_SUBREAPER), or init, PID 1, when there is no such ancestor. Lesson "
		  "counter showed this briefly; here we look at who that new parent is." },
	{ .title = "The code",
	  .text = "The lesson's main process forks a parent, which forks --children {children} "
		  "children and leaves without waiting. Each child prints getppid() before and after. "
		  "prctl, used at the end, is Linux's (FreeBSD has procctl for the same).",
	  .code = code_orphans },
	{ .title = "Run it",
	  .text = "Watch the parent PID the children print the second time.",
	  .run = run_orphans,
	  .question = "who will the children report as their new parent?",
	  .choices = (const char *const[]){ "init, PID 1", "forksh", "the lesson's main process, their "
					    "grandparent", "another process, further up", NULL },
	  .observed = who_adopted,
	  .explain_answer = why_forksh,
	  .hint = "forksh's PID is in its prompt." },
	{ .title = "A subreaper of your own",
	  .text = "Any process can ask to adopt the orphans below it. The lesson's main process "
		  "does so now, then runs the same family again. A subreaper takes on the duty to "
		  "reap them, or they stay zombies.",
	  .run = run_subreaper,
	  .review = review_subreaper },
};

static const struct lesson_opt opts[] = {
	{ "children", 3, 1, 20, "children of the parent that leaves", 0, 0 },
	{ "no-subreaper", 0, 0, 1, "forksh adopts no orphans in the first run: they go to init", 0, 1 },
};

const struct lesson orphans_lesson = {
	9, "orphans", "a parent leaves first: getppid() changes to the nearest subreaper or init",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0], program_source,
};
