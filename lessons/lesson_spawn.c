/* lesson_spawn.c - lesson 11: posix_spawn and vfork, measured live.
 *
 * Where fork is missing or too costly, a program can start another with
 * posix_spawn: fork and exec in one call, which the C library implements
 * without copying the parent (glibc uses clone with CLONE_VM|CLONE_VFORK).
 * The lesson times, in its own process, N starts of /bin/true by
 * fork+execv, vfork+execv and posix_spawn, and fork alone, first with a
 * small then with a large block of touched memory: fork's cost grows with
 * the parent's memory (its page tables are copied), the others' do not.
 */
/* PROGRAM */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum way { FORK_EXEC, VFORK_EXEC, POSIX_SPAWN, FORK_ONLY, NWAYS };

static const char *const way_name[NWAYS] = { "fork+execv+waitpid", "vfork+execv+waitpid",
                                             "posix_spawn+waitpid", "fork+_exit+waitpid" };

/* seconds on a clock that only goes forward */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SHOW: spawn */
static pid_t start(enum way way, char **argv)
{
    pid_t pid = -1;
    switch (way) {
    /* copy the process, then replace it */
    case FORK_EXEC:
        if ((pid = fork()) == 0) {
            execv("/bin/true", argv);
            _exit(127);
        }
        break;
    /* borrow the parent until exec */
    case VFORK_EXEC:
        if ((pid = vfork()) == 0) {
            execv("/bin/true", argv);
            _exit(127);
        }
        break;
    /* both in one library call */
    case POSIX_SPAWN:
        if (posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ) != 0)
            pid = -1;
        break;
    /* fork alone: the copy's cost */
    default:
        if ((pid = fork()) == 0)
            _exit(0);
        break;
    }
    return pid;
}

static double microseconds_each(enum way way, int *runs, pid_t pids[2])
{
    char *argv[] = { "true", NULL };
    double begin = now();
    int i;
    /* 1.5 s at most */
    for (i = 0; i < *runs && (i < 3 || now() - begin < 1.5); i++) {
        pid_t pid = start(way, argv);
        if (pid < 0)
            return -1;
        /* the first and the last child */
        pids[i > 0] = pid;
        /* reaped at once: no zombies */
        waitpid(pid, NULL, 0);
    }
    *runs = i;
    return (now() - begin) * 1e6 / i;
}
/* END SHOW */

/* SHOW: memory */
static void measure(int runs, long small_mib, long big_mib)
{
    long sizes[2] = { small_mib, big_mib };
    for (int s = 0; s < 2; s++) {
        size_t bytes = (size_t)sizes[s] << 20;
        char *block = malloc(bytes);
        if (!block) {
            printf("cannot allocate %ld MiB\n", sizes[s]);
            return;
        }
#ifdef MADV_NOHUGEPAGE
        /* Linux: ordinary 4 KiB pages (see the hint) */
        madvise(block, bytes, MADV_NOHUGEPAGE);
#endif
        /* touched: real pages, real page tables */
        memset(block, 1, bytes);
        for (int w = 0; w < NWAYS; w++) {
            int n = runs;
            pid_t pids[2] = { 0, 0 };
            double us = microseconds_each((enum way)w, &n, pids);
            printf("%-19s %4ld MiB: %8.1f us each", way_name[w], sizes[s],
                   us);
            printf(" (%d runs, PIDs %d..%d)\n", n, pids[0], pids[n > 1]);
        }
        free(block);
    }
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson spawn --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    measure(RUNS, SMALL_MIB, BIG_MIB);
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include "lessons.h"
#include "lesson_spawn.code.h"

struct spawn_args {
	int runs;
	long small_mib, big_mib;
};

static void run_measure_code(void *arg)
{
	const struct spawn_args *a = arg;
	measure(a->runs, a->small_mib, a->big_mib);
}

/* Kilobytes of memory available now (MemAvailable), or -1 if unknown. */
static long available_kb(void)
{
	FILE *f = fopen("/proc/meminfo", "re");
	char line[128];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "MemAvailable: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static int run_measure(struct lesson_ctx *ctx)
{
	static struct spawn_args a;
	a.runs = (int)lesson_opt(ctx, "runs");
	a.small_mib = (long)lesson_opt(ctx, "small-mib");
	a.big_mib = (long)lesson_opt(ctx, "big-mib");
	long avail = available_kb();
	if (avail > 0 && a.big_mib * 1024 > avail / 2) {
		long fit = avail / 2 / 1024;
		lesson_print(ctx, "(Only %ld MiB of memory are free; the large block is cut from %ld to %ld "
				  "MiB.)",
			     avail / 1024, a.big_mib, fit > a.small_mib ? fit : a.small_mib);
		a.big_mib = fit > a.small_mib ? fit : a.small_mib;
	}
	lesson_print(ctx, "Measuring %d starts per row; this takes a few seconds...", a.runs);
	return lesson_run_live(ctx, run_measure_code, &a, 3);
}

/* The measured microseconds of one way at one size (-1 if not measured). */
static double measured(const struct lesson_ctx *ctx, enum way way, int big)
{
	const struct recording *r = &ctx->run.rec;
	double found[2] = { -1, -1 };
	int seen = 0;
	long mib;
	double us;
	char name[32];
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].kind != REC_SAY ||
		    sscanf(r->v[i].text, "%31s %ld MiB: %lf us each", name, &mib, &us) != 3 ||
		    strcmp(name, way_name[way]) != 0 || seen >= 2)
			continue;
		found[seen++] = us;
	}
	return found[big];
}

/* A bar of width proportional to us/max, at most cols characters. */
static void bar(const struct lesson_ctx *ctx, double us, double max, int cols)
{
	int n = max > 0 ? (int)(us / max * cols + 0.5) : 0;
	if (n < 1 && us > 0)
		n = 1;
	for (int i = 0; i < n; i++)
		fputs(ctx->utf8 ? "█" : "#", stdout);
}

static void review_table(const struct lesson_ctx *ctx)
{
	long small = (long)lesson_opt(ctx, "small-mib"), big = 0;
	const struct recording *r = &ctx->run.rec;
	for (size_t i = 0; i < r->n; i++) {
		long mib;
		char name[32];
		if (r->v[i].kind == REC_SAY && sscanf(r->v[i].text, "%31s %ld MiB:", name, &mib) == 2)
			big = mib; /* the last size measured */
	}
	long starts = 0;
	for (size_t i = 0; i < r->n; i++) {
		const char *p = r->v[i].kind == REC_SAY ? strstr(r->v[i].text, "us each (") : NULL;
		starts += p ? strtol(p + 9, NULL, 10) : 0;
	}
	printf("\n");
	lesson_print(ctx, "(The tree shows only the lesson's main process: its %ld short-lived children "
			  "were reaped at once and not recorded, so that recording them would not "
			  "disturb the timing.)",
		     starts);
	double max = 0;
	for (int w = 0; w < NWAYS; w++)
		for (int b = 0; b < 2; b++)
			if (measured(ctx, (enum way)w, b) > max)
				max = measured(ctx, (enum way)w, b);
	if (max <= 0)
		return;
	int cols = ctx->width - 44 > 10 ? ctx->width - 44 : 10;
	printf("\n  %-20s %8s  time per start (us)\n", "", "memory");
	for (int w = 0; w < NWAYS; w++)
		for (int b = 0; b < 2; b++) {
			double us = measured(ctx, (enum way)w, b);
			printf("  %-20s %4ld MiB  %9.1f ", b ? "" : way_name[w], b ? big : small, us);
			bar(ctx, us, max, cols);
			printf("\n");
		}
	double fe_s = measured(ctx, FORK_EXEC, 0), fe_b = measured(ctx, FORK_EXEC, 1);
	double ps_s = measured(ctx, POSIX_SPAWN, 0), ps_b = measured(ctx, POSIX_SPAWN, 1);
	double fo_s = measured(ctx, FORK_ONLY, 0), fo_b = measured(ctx, FORK_ONLY, 1);
	printf("\n");
	if (fe_s > 0 && ps_s > 0 && fo_s > 0 && ps_b > 0)
		lesson_print(ctx, "From %ld to %ld MiB, fork alone became %.1fx slower and fork+exec "
				  "%.1fx; posix_spawn changed %.1fx. With %ld MiB, fork+exec took %.1fx the "
				  "time of posix_spawn.",
			     small, big, fo_b / fo_s, fe_b / fe_s, ps_b / ps_s, big, fe_b / ps_b);
}

static const char *why_spawn(const struct lesson_ctx *ctx)
{
	(void)ctx;
	return "fork must copy the parent's page tables (and mark every page copy-on-write), so "
	       "its cost grows with the memory the parent has touched, even though exec throws the "
	       "copy away a moment later. vfork and posix_spawn let the child borrow the parent's "
	       "memory until exec, so their cost stays flat. That is why large programs prefer "
	       "them, and why a system without copy-on-write (Cygwin's fork copies everything) "
	       "makes fork slower still; forksh keeps fork on purpose, to show it.";
}

/* 1 if posix_spawn was faster than fork+exec with the large block. */
static long spawn_faster(const struct lesson_ctx *ctx)
{
	double fe = measured(ctx, FORK_EXEC, 1), ps = measured(ctx, POSIX_SPAWN, 1);
	return fe > 0 && ps > 0 && ps < fe ? 1 : 2;
}

static const struct lesson_step steps[] = {
	{ .title = "Where fork is missing",
	  .text = "fork belongs to Unix. Windows has no such call: there a process is always "
		  "created with a program to run, never as a copy of its creator. That is why the "
		  "chapter's fork examples do not run with the standard Python on Windows. Cygwin, "
		  "a Unix layer for Windows, does offer fork, but it has to build it by hand: it "
		  "starts a new process and copies the parent's memory into it, all of it, at once, "
		  "as the first Unix systems did before copy-on-write. Its own documentation calls "
		  "that slow and advises the spawn calls instead.\n"
		  "The chapter's portable answer is os.spawnv: start a program in a new process in "
		  "one call, fork and exec together, and get its PID back. It works on Windows and "
		  "on Unix alike. C on Unix has the same idea as posix_spawn.",
	  .hint = "What does a copy-on-write fork save, compared with copying every page at once?" },
	{ .title = "The cost of a copy",
	  .text = "Even where fork exists, it can be costly for a big program: the child is a copy "
		  "of the whole process (with copy-on-write, of its page tables), only to be "
		  "replaced by exec a moment later. posix_spawn starts a program in one call, with "
		  "the changes to descriptors and signals that the child would have made described "
		  "in arguments. vfork is the old shortcut: the child runs in the parent's memory, "
		  "which waits, until it execs. The measurement below shows what that saves here, "
		  "live." },
	{ .title = "The timing code",
	  .text = "Four ways to start /bin/true (or, for fork alone, a child that exits at once), "
		  "each timed over --runs {runs} starts, or as many as fit in 1.5 seconds, and "
		  "averaged.",
	  .code = code_spawn },
	{ .title = "Measure",
	  .text = "The same four, first with --small-mib {small-mib} then with --big-mib {big-mib} "
		  "MiB of memory allocated and touched in the parent. The large block is cut to half "
		  "of the free memory if needed.",
	  .code = code_memory,
	  .run = run_measure,
	  .question = "with the large block, how will posix_spawn compare with fork+exec?",
	  .choices = (const char *const[]){ "faster", "about the same", NULL },
	  .observed = spawn_faster,
	  .explain_answer = why_spawn,
	  .review = review_table,
	  .hint = "The block is kept in ordinary 4 KiB pages. With transparent huge pages (2 MiB "
		  "each), the kernel would have 512 times fewer page-table entries to copy, and fork "
		  "would hardly slow down: try it by removing the madvise line." },
};

static const struct lesson_opt opts[] = {
	{ "runs", 200, 1, 5000, "starts timed per row", 0, 0 },
	{ "small-mib", 16, 1, 256, "MiB touched for the first measurement", 0, 0 },
	{ "big-mib", 1024, 2, 4096, "MiB touched for the second (at most half the free memory)", 0, 0 },
};

const struct lesson spawn_lesson = {
	11, "spawn", "posix_spawn and vfork vs fork+exec, timed live, small vs large memory",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0], program_source,
};
