/* lesson_fds.c - lesson 5: open files are shared across fork.
 *
 * Memory is copied by fork (lesson 4), but an open file description is
 * not: parent and child get descriptors that point at the same open file,
 * with one file offset between them, so their writes follow each other.
 * When each process opens the file itself after the fork, each has an
 * offset of its own, starting at 0, and they write over each other.
 */
/* PROGRAM */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char path[64];   /* the file both processes write */

/* sleep for ms milliseconds */
static void pause_ms(long ms)
{
    struct timespec t = { ms / 1000, ms % 1000 * 1000000 };
    nanosleep(&t, NULL);
}

/* Write one line and say where the file offset is now. */
static void write_line(int fd, const char *who, int i)
{
    char line[32];
    int len = snprintf(line, sizeof line, "%s line %d\n", who, i);
    if (write(fd, line, (size_t)len) != len)
        printf("%s: write failed: %s\n", who, strerror(errno));
    printf("%s wrote line %d; the offset is now %ld\n", who, i,
           (long)lseek(fd, 0, SEEK_CUR));
}

/* What the file holds at the end, one printed line per line of the file. */
static void show_file(void)
{
    FILE *f = fopen(path, "r");
    char line[64];
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        printf("file: %s\n", line);
    }
    if (f)
        fclose(f);
}

/* SHOW: shared */
static void shared_offset(int lines)
{
    /* opened once, before fork */
    int fd = open(path, O_WRONLY | O_TRUNC);
    /* the child inherits fd */
    pid_t pid = fork();
    const char *who = pid == 0 ? "child " : "parent";
    if (pid == 0)
        pause_ms(25);                     /* take turns, roughly */
    for (int i = 1; i <= lines; i++) {
        /* one offset for both */
        write_line(fd, who, i);
        pause_ms(50);
    }
    close(fd);
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    show_file();
}
/* END SHOW */

/* SHOW: separate */
static void separate_offsets(int lines)
{
    /* empty it first */
    close(open(path, O_WRONLY | O_TRUNC));
    pid_t pid = fork();
    const char *who = pid == 0 ? "child " : "parent";
    /* each opens it itself */
    int fd = open(path, O_WRONLY);
    for (int i = 1; i <= lines; i++) {
        /* each from its own offset */
        write_line(fd, who, i);
        pause_ms(50);
    }
    close(fd);
    if (pid == 0)
        _exit(0);
    waitpid(pid, NULL, 0);
    show_file();
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson fds --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    snprintf(path, sizeof path, "/tmp/fds-XXXXXX");
    int fd = mkstemp(path);             /* a new, empty file of our own */
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    close(fd);
    shared_offset(LINES);
    separate_offsets(LINES);
    unlink(path);
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

#include "../shell/util.h"
#include "lessons.h"
#include "lesson_fds.code.h"

static int lines_opt;

static void run_shared_offset(void *arg)
{
	shared_offset(*(int *)arg);
}

static void run_separate_offsets(void *arg)
{
	separate_offsets(*(int *)arg);
}

/* Run fn on a fresh temporary file, removed afterwards whatever happens
 * to the run (even q or Ctrl-C).  Returns what lesson_run_live returns. */
static int run_on_file(struct lesson_ctx *ctx, void (*fn)(void *))
{
	int fd = temp_file(path, sizeof path, "fds");
	if (fd < 0) {
		lesson_print(ctx, "lesson: cannot make a file in %s: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
	lines_opt = (int)lesson_opt(ctx, "lines");
	int rc = lesson_run_live(ctx, fn, &lines_opt, 3);
	unlink(path);
	return rc;
}

static int run_shared(struct lesson_ctx *ctx)
{
	return run_on_file(ctx, run_shared_offset);
}

static int run_separate(struct lesson_ctx *ctx)
{
	return run_on_file(ctx, run_separate_offsets);
}

static long file_lines(const struct lesson_ctx *ctx)
{
	return lesson_count_lines(ctx, "file: ");
}

static const char *why_shared(const struct lesson_ctx *ctx)
{
	static char buf[800];
	int n = (int)lesson_opt(ctx, "lines");
	snprintf(buf, sizeof buf,
		 "%d: every line of both. Both descriptors point at one open file, which has one "
		 "offset: each write starts where the last one, by either process, ended. A shell "
		 "relies on this: in `(ls; ls) > out` it opens out once, and both children write "
		 "through that one open file, so the second listing follows the first instead of "
		 "overwriting it. (A terminal has no offset at all: there, lines simply appear in the "
		 "order they are written, which is why the counter lesson's children interleave.)",
		 2 * n);
	return buf;
}

static const char *why_separate(const struct lesson_ctx *ctx)
{
	static char buf[400];
	int n = (int)lesson_opt(ctx, "lines");
	snprintf(buf, sizeof buf,
		 "%d: only as many lines as one process wrote. Each open() made a new open file with "
		 "its own offset starting at 0, so the two processes wrote the same places, and the "
		 "later write of each line won. (O_APPEND would make every write go to the current "
		 "end of the file instead.)",
		 n);
	return buf;
}

static const struct lesson_step steps[] = {
	{ .title = "Copied memory, shared files",
	  .text = "fork copies the memory of the process (lesson memory), and the table of open "
		  "descriptors too, but a copied descriptor points at the same open file as the "
		  "original. The kernel keeps the file offset, the place where the next write goes, "
		  "in that open file, not in the descriptor. So parent and child share it." },
	{ .title = "One open, then fork",
	  .text = "The file is opened before fork; parent and child each write --lines {lines} "
		  "lines to it, taking turns, and say where the offset is after each write.",
	  .code = code_shared,
	  .run = run_shared,
	  .question = "how many lines will the file hold at the end?",
	  .observed = file_lines,
	  .explain_answer = why_shared,
	  .hint = "Is the offset in the copied memory, or in the kernel's open file?" },
	{ .title = "Fork, then two opens",
	  .text = "Now each process opens the file itself, after the fork. The lines have the same "
		  "length, so watch the offsets the two report.",
	  .code = code_separate,
	  .run = run_separate,
	  .question = "how many lines will the file hold this time?",
	  .observed = file_lines,
	  .explain_answer = why_separate,
	  .hint = "Each open() makes a new open file. Where does its offset start?" },
};

static const struct lesson_opt opts[] = {
	{ "lines", 3, 1, 20, "lines each process writes", 0, 0 },
};

const struct lesson fds_lesson = {
	5, "fds", "open files are shared: one offset, writes follow each other",
	opts, sizeof opts / sizeof opts[0], steps, sizeof steps / sizeof steps[0], program_source,
};
