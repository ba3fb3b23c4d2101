/* lesson_memory.c - lesson 4: globals are copied, not shared.
 *
 * The child changes a global and prints it; the parent prints its own,
 * unchanged, value; both print the same virtual address.  Copy-on-write is
 * shown from /proc/self/smaps_rollup: after fork the pages are shared, and
 * writing to them makes private copies.
 */
/* PROGRAM */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Kilobytes of one field of /proc/self/smaps_rollup (Linux), or -1 if the
 * kernel does not have that file. */
static long rollup_kb(const char *field)
{
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    if (!f)
        return -1;
    char line[256];
    long kb = -1;
    size_t len = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, len) == 0 && line[len] == ':')
            kb = strtol(line + len + 1, NULL, 10);
    fclose(f);
    return kb;
}

/* SHOW: memory */
/* one variable: in every copy */
static int global = 42;

static void copied(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        /* the child changes ITS copy */
        global = 99;
        printf("child  %d: global = %d at address %p\n", getpid(), global,
               (void *)&global);
        _exit(0);
    }
    waitpid(pid, NULL, 0);                    /* the child goes first */
    printf("parent %d: global = %d at address %p\n", getpid(), global,
           (void *)&global);
}
/* END SHOW */

/* SHOW: cow */
static void copy_on_write(int mib)
{
    size_t size = (size_t)mib << 20;
    volatile char *block = malloc(size);
    if (!block)
        return;
    for (size_t i = 0; i < size; i += 4096)
        block[i] = 1;                         /* touched: real pages now */
    pid_t pid = fork();
    if (pid == 0) {
        printf("child after fork:  %ld kB shared, %ld kB private\n",
               rollup_kb("Shared_Dirty"), rollup_kb("Private_Dirty"));
        for (size_t i = 0; i < size; i += 4096)
            block[i] = 2;           /* writing makes private copies */
        printf("child after write: %ld kB shared, %ld kB private\n",
               rollup_kb("Shared_Dirty"), rollup_kb("Private_Dirty"));
        free((void *)block);                  /* the child's copy */
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    free((void *)block);
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson memory --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    copied();
    copy_on_write(MIB);
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include "lessons.h"
#include "lesson_memory.code.h"

static void run_copied(void *arg)
{
	(void)arg;
	copied();
}

static void run_copy_on_write(void *arg)
{
	copy_on_write(*(int *)arg);
}

static int run_memory(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_copied, NULL, 2);
}

static int run_cow(struct lesson_ctx *ctx)
{
	static int mib;
	mib = (int)lesson_opt(ctx, "mib");
	if (rollup_kb("Private_Dirty") < 0)
		lesson_print(ctx, "(This kernel has no /proc/self/smaps_rollup, so the numbers below "
				  "read -1: the sharing happens, but cannot be shown here.)");
	return lesson_run_live(ctx, run_copy_on_write, &mib, 2);
}

/* 1 if the two addresses were the same and the values different, else 2. */
static long same_address(const struct lesson_ctx *ctx)
{
	char caddr[64] = "", paddr[64] = "";
	int cval = -1, pval = -1, pid;
	size_t c = 0, p = 0;
	const struct rec_event *child = lesson_said(ctx, "child ", &c), *parent = lesson_said(ctx, "parent ", &p);
	if (child)
		sscanf(child->text, "child %d: global = %d at address %63s", &pid, &cval, caddr);
	if (parent)
		sscanf(parent->text, "parent %d: global = %d at address %63s", &pid, &pval, paddr);
	return *caddr && strcmp(caddr, paddr) == 0 && cval != pval ? 1 : 2;
}

static const char *why_same(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "1: the same address, two values. Each process has its own virtual memory: the "
	       "address is where the variable sits inside a process, and fork gave the child a "
	       "copy of the whole space at the same addresses. Changing the child's copy cannot "
	       "touch the parent's (threads, by contrast, would share it).";
}

static const struct lesson_step steps[] = {
	{ .title = "Copied, not shared",
	  .text = "After fork, parent and child each have the whole memory of the program: every "
		  "global variable exists twice. The addresses are the same in both, because each "
		  "process has its own virtual address space laid out the same way." },
	{ .title = "The code",
	  .text = "The child sets the global to 99 and prints it with its address; the parent "
		  "waits for the child to end (waitpid), then prints its own.",
	  .code = code_memory },
	{ .title = "Run it",
	  .text = "Two lines, two processes.",
	  .run = run_memory,
	  .question = "what will the two lines show?",
	  .choices = (const char *const[]){ "the same address, with different values",
					    "different addresses", NULL },
	  .observed = same_address,
	  .explain_answer = why_same },
	{ .title = "Copy on write",
	  .text = "Copying all memory at every fork would be slow, so the kernel does not: after "
		  "fork both processes share the same physical pages, marked read-only, and a page "
		  "is copied only when one of them writes to it. /proc/self/smaps_rollup shows it: "
		  "the child's touched block counts as shared right after the fork, and as private "
		  "once the child has written to it. Size: --mib {mib}.",
	  .code = code_cow,
	  .run = run_cow,
	  .hint = "Shared_Dirty: pages another process also maps; Private_Dirty: pages only this "
		  "process has." },
};

static const struct lesson_opt opts[] = {
	{ "mib", 16, 1, 256, "MiB the copy-on-write step touches", 0, 0 },
};

const struct lesson memory_lesson = {
	4, "memory", "globals are copied, not shared: same address, different values",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0], program_source,
};
