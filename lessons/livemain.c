/* livemain.c - the lesson main's side of a run: the process limit
 * checked before it, where forksh-hello is, and the first moments of the
 * lesson main (its process group, its descriptors, its environment)
 * before it runs the lesson's code. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../shell/jobctl.h"
#include "../shell/proc.h"
#include "../shell/procfs.h"
#include "../shell/shell.h"
#include "../shell/signals.h"
#include "../shell/util.h"
#include "live.h"
#include "liveint.h"
#include "wire.h"

/* Refuse a run that would hit the per-user process limit: fork would fail
 * half-way, which teaches the wrong lesson.  Returns 0 or -1 (printed). */
int live_check_nproc(long need)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NPROC, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return 0;
	/* the kernel counts every task of the real user: threads too */
	long have = procfs_user_tasks(getuid());
	if (have + need > (long)rl.rlim_cur) {
		if (have > (long)rl.rlim_cur)
			have = (long)rl.rlim_cur;
		sh_error("lesson: this run needs %ld processes, but your limit (ulimit -u %ld) leaves room "
			 "for %ld; use smaller sizes",
			 need, (long)rl.rlim_cur, (long)rl.rlim_cur - have);
		return -1;
	}
	return 0;
}

/* The directory forksh's helper programs (forksh-hello) are in: next to
 * the forksh binary in a build tree, else ../libexec/forksh from it, where
 * make install and the Debian package put them (found relative to the
 * binary, so an installed tree still works when moved).  Returns 0, or -1
 * when /proc/self/exe cannot be read or the path does not fit in buf. */
static int helper_dir(char *buf, size_t len)
{
	char exe[PATH_MAX], probe[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return -1;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	snprintf(probe, sizeof probe, "%s/forksh-hello", exe);
	if (access(probe, X_OK) < 0) {
		char installed[PATH_MAX];
		snprintf(probe, sizeof probe, "%s/../libexec/forksh", exe);
		if (realpath(probe, installed)) {
			int w = snprintf(buf, len, "%s", installed);
			return w < 0 || (size_t)w >= len ? -1 : 0;
		}
	}
	int w = snprintf(buf, len, "%s", exe);
	return w < 0 || (size_t)w >= len ? -1 : 0;
}

int lesson_own_program(const char *name, char *buf, size_t len)
{
	char dir[PATH_MAX];
	if (helper_dir(dir, sizeof dir) < 0)
		return -1;
	int w = snprintf(buf, len, "%s%s%s", dir, *name ? "/" : "", name);
	return w < 0 || (size_t)w >= len ? -1 : 0;
}

/* Put the helpers' directory first in PATH, so that the lessons' execlp
 * and system() find forksh-hello without the user setting anything. */
static void add_own_dir_to_path(void)
{
	char dir[PATH_MAX];
	if (lesson_own_program("", dir, sizeof dir) < 0)
		return;
	const char *path = getenv("PATH");
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, dir);
	sb_addc(&sb, ':');
	sb_adds(&sb, path ? path : "/bin:/usr/bin");
	setenv("PATH", sb.buf, 1);
	sb_free(&sb);
}

/* Close every descriptor from `from` up: the shell's own (a saved copy
 * of its stdout while a redirection is in force, the signal pipe,
 * readline's, trace's) are close-on-exec, but a lesson process is forked,
 * not exec'd, so it would hold them all.  /proc/self/fd is read first and
 * closed after, so the directory's own descriptor is not pulled away. */
static void close_from(int from)
{
	int fds[256], n = 0, more = 1;
	while (more) {
		DIR *d = opendir("/proc/self/fd");
		if (!d)
			return;
		struct dirent *e;
		n = 0;
		more = 0;
		while ((e = readdir(d)) != NULL) {
			int fd = atoi(e->d_name);
			if (e->d_name[0] == '.' || fd < from || fd == dirfd(d))
				continue;
			if (n == (int)(sizeof fds / sizeof fds[0])) {
				more = 1; /* more than fit: close these, look again */
				break;
			}
			fds[n++] = fd;
		}
		closedir(d);
		for (int i = 0; i < n; i++)
			close(fds[i]);
	}
}

/* The descriptors of the lesson main, which every process of the run
 * inherits: 0 the key pipe, 1 and 2 the output sockets, 3 the record
 * socket (kept across exec: forksh-hello reports on it), and nothing else.
 * The four are first moved out of the way (the targets may be among
 * them). */
static void lesson_fds(int key, int out1, int out2, int rec)
{
	int want[4] = { key, out1, out2, rec };
	for (int i = 0; i < 4; i++)
		want[i] = fcntl(want[i], F_DUPFD_CLOEXEC, 10);
	for (int i = 0; i < 4; i++)
		dup2(want[i], i); /* dup2 clears close-on-exec on the copy */
	close_from(4);
}

/* The lesson main, in the new child: a process group of its own (so that
 * quitting can end every process of the run with one kill), no terminal,
 * only the run's own descriptors, and stdout and stderr turned into
 * records.  Runs fn(arg), then reports its end; never returns. */
static void lesson_main(struct live_run *run, int rec, int key, const int out[2], void (*fn)(void *), void *arg)
{
	setpgid(0, 0);
	sh.interactive = 0;
	jobctl_disable();
	sig_child_defaults(0);
	sig_child_unblock();
	signal(SIGPIPE, SIG_DFL); /* the engine gone: die at the next line */
	lesson_fds(key, out[0], out[1], rec);
	char num[32];
	snprintf(num, sizeof num, "%d", 3);
	setenv(WIRE_FD_ENV, num, 1);
	snprintf(num, sizeof num, "%.6f", run->t0);
	setenv(WIRE_T0_ENV, num, 1);
	add_own_dir_to_path();
	lesson_process_start(3, run->t0);
	fn(arg);
	lesson_process_end(0);
}

/* The one fork of a run: the lesson main.  Returns its PID in the engine,
 * or -1 (errno set) when fork failed. */
pid_t live_fork_main(struct live_run *run, int rec[2], int key[2], int out[2][2], void (*fn)(void *),
			    void *arg)
{
	/* the shell's one fork path; a process group of its own, so that
	 * quitting can end every process of the run with one kill */
	struct forkspec f = { .own_group = 1, .who = "lesson",
			      .why = "lesson main: the child runs the lesson's code" };
	pid_t pid = proc_fork(&f);
	if (pid == 0) {
		int mine[2] = { out[0][1], out[1][1] };
		lesson_main(run, rec[1], key[0], mine, fn, arg);
	}
	return pid;
}
