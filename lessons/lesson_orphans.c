/* lesson_orphans.c - lesson 9: a parent that leaves before its children.
 *
 * A parent forks children and exits without waiting.  Its children are
 * orphans: the kernel gives them a new parent, the nearest ancestor that
 * declared itself a "child subreaper" (forksh does), or init (PID 1) when
 * there is none.  The children print getppid() before and after.  A second
 * run makes the lesson's own main process a subreaper, so the orphans go
 * to it instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "lessons.h"
#include "lesson_orphans.code.h"

static int children_opt;

/* SHOW: orphans */
static void family(int children)
{
    /* a parent that will leave early */
    pid_t parent = fork();
    if (parent == 0) {
        for (int i = 0; i < children; i++) {
            if (fork() == 0) {
                say("child %d: my parent is %d", getpid(), getppid());
                /* meanwhile the parent exits */
                lesson_sleep(0.4);
                say("child %d: my parent is now %d", getpid(), getppid());
                _exit(0);
            }
        }
        lesson_sleep(0.1);
        say("parent %d: leaving without waiting for my children", getpid());
        _exit(0);
    }
    waitpid(parent, NULL, 0);            /* the parent, reaped */
}

static void orphans(void *arg)
{
    family(*(int *)arg);
    /* the orphans are not ours to wait for */
    lesson_sleep(0.6);
}

static void own_subreaper(void *arg)
{
    /* orphans below me come to me */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    say("main %d: I am a child subreaper now", getpid());
    family(*(int *)arg);
    /* ... and I must reap them */
    while (waitpid(-1, NULL, 0) > 0)
        ;
}
/* END SHOW */

static int run_orphans(struct lesson_ctx *ctx)
{
	children_opt = (int)lesson_opt(ctx, "children");
	return lesson_run_live(ctx, orphans, &children_opt, children_opt + 2, 0);
}

static int run_subreaper(struct lesson_ctx *ctx)
{
	children_opt = (int)lesson_opt(ctx, "children");
	return lesson_run_live(ctx, own_subreaper, &children_opt, children_opt + 2, 0);
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

/* 1: init, 2: forksh, 3: the lesson's main process, 0: none of these. */
static long who_adopted(const struct lesson_ctx *ctx)
{
	long p = new_parent(ctx);
	return p == 1 ? 1 : p == ctx->run.rec.shell ? 2 : p == ctx->run.rec.root ? 3 : 0;
}

/* What PID 1 is on this machine (its command name). */
static void init_name(char *buf, size_t len)
{
	FILE *f = fopen("/proc/1/comm", "re");
	if (!f || !fgets(buf, (int)len, f))
		snprintf(buf, len, "init");
	buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
}

static const char *why_forksh(const struct lesson_ctx *ctx)
{
	static char buf[600];
	char init[64];
	init_name(init, sizeof init);
	snprintf(buf, sizeof buf,
		 "%ld: forksh (PID %ld). The lesson's main process, their grandparent, is not "
		 "special, so the kernel looked further up for the nearest \"child subreaper\": forksh "
		 "declares itself one (prctl PR_SET_CHILD_SUBREAPER), so that it can reap whatever "
		 "its commands leave behind. Without any subreaper above them, orphans go to PID 1, "
		 "init (here: %s), which reaps every orphan that ends.",
		 who_adopted(ctx), (long)ctx->run.rec.shell, init);
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
		  "reap it, so the kernel gives them a new one. Lesson counter showed this briefly; "
		  "here we look at who that new parent is." },
	{ .title = "The code",
	  .text = "The lesson's main process forks a parent, which forks --children (3) children "
		  "and leaves without waiting. Each child prints getppid() before and after.",
	  .code = code_orphans },
	{ .title = "Run it",
	  .text = "Watch the parent PID the children print the second time.",
	  .run = run_orphans,
	  .question = "who will the children report as their new parent: (1) init, PID 1, "
		      "(2) forksh, or (3) the lesson's main process, their grandparent?",
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
	{ "children", 3, 1, 20, "children of the parent that leaves", 0 },
};

const struct lesson orphans_lesson = {
	9, "orphans", "a parent leaves first: getppid() changes to the nearest subreaper or init",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0],
};
