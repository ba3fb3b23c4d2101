/* live.c - lesson processes and the engine's side of recording them. */
#include "live.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../shell/jobctl.h"
#include "../shell/jobs.h"
#include "../shell/shell.h"
#include "../shell/signals.h"
#include "../shell/util.h"
#include "wire.h"

/* ---- inside lesson processes ---------------------------------------- */

static int rec_wfd = -1;   /* write end of the record pipe */
static int key_rfd = -1;   /* read end of the key pipe (lesson main only) */
static double run_t0;

void say(const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	wire_send(rec_wfd, 'S', getpid(), 0, wire_now() - run_t0, text);
}

pid_t lesson_fork(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	/* Both sides report the fork, each before anything else it says, so
	 * the recording knows the child before any line of the parent or of
	 * the child mentions it; the engine keeps the first report. */
	if (pid == 0)
		wire_send(rec_wfd, 'F', getpid(), parent, wire_now() - run_t0, NULL);
	else if (pid > 0)
		wire_send(rec_wfd, 'F', pid, parent, wire_now() - run_t0, NULL);
	else
		say("fork failed: %s", strerror(errno));
	return pid;
}

void lesson_note_exec(char *const argv[])
{
	char text[512];
	size_t len = 0;
	text[0] = '\0';
	for (size_t i = 0; argv[i] && len < sizeof text - 1; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", i ? " " : "", argv[i]);
	wire_send(rec_wfd, 'E', getpid(), 0, wire_now() - run_t0, text);
}

pid_t lesson_waitpid(pid_t pid, int *status, int options)
{
	int ws = 0;
	pid_t got;
	while ((got = waitpid(pid, &ws, options)) < 0 && errno == EINTR)
		;
	if (got > 0 && (WIFEXITED(ws) || WIFSIGNALED(ws)))
		lesson_note_reaped(got, ws);
	if (status)
		*status = ws;
	return got;
}

void lesson_note_reaped(pid_t pid, int status)
{
	char text[32];
	snprintf(text, sizeof text, "%d", status);
	wire_send(rec_wfd, 'W', getpid(), pid, wire_now() - run_t0, text);
}

int lesson_wait_key(void)
{
	char c;
	ssize_t n;
	while ((n = read(key_rfd, &c, 1)) < 0 && errno == EINTR)
		;
	return n == 1 ? c : 'q';
}

/* ---- the engine's side ------------------------------------------------ */

static void add_proc(struct live_run *run, pid_t pid, pid_t parent);

static volatile sig_atomic_t got_sigint;
static struct sigaction old_sigint, old_sigpipe;
static int own_handler, pipe_ignored;

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

/* Set sig's handler for the run, keeping the old one in old.  Returns 0
 * or -1 as sigaction does. */
static int set_disposition(int sig, void (*fn)(int), struct sigaction *old)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, old);
}

int live_interrupted(void)
{
	if (sh.interactive)
		return sig_take(SIGINT);
	int was = got_sigint;
	got_sigint = 0;
	return was;
}

/* How many processes does this user have right now?  Counted from /proc,
 * for the RLIMIT_NPROC check. */
static long user_processes(void)
{
	DIR *d = opendir("/proc");
	if (!d)
		return 0;
	long n = 0;
	uid_t me = getuid();
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		char path[300], line[256];
		snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
		FILE *f = fopen(path, "re");
		if (!f)
			continue;
		while (fgets(line, sizeof line, f))
			if (strncmp(line, "Uid:", 4) == 0) {
				n += (uid_t)strtol(line + 4, NULL, 10) == me;
				break;
			}
		fclose(f);
	}
	closedir(d);
	return n;
}

/* Refuse a run that would hit the per-user process limit: fork would fail
 * half-way, which teaches the wrong lesson.  Returns 0 or -1 (printed). */
static int check_nproc(long need)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NPROC, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return 0;
	long have = user_processes();
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

int live_start(struct live_run *run, void (*fn)(void *arg), void *arg, long need)
{
	int rec[2], key[2];
	memset(run, 0, sizeof *run);
	run->rec_fd = run->key_fd = -1;
	if (check_nproc(need) < 0)
		return -1;
	/* The engine's process must adopt the run's orphans to see them end:
	 * forksh is a subreaper, but a forked copy running the lesson (as in
	 * `lesson counter | less`) is not until it says so. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (pipe2(rec, O_CLOEXEC) < 0)
		return sh_error("lesson: pipe: %s", strerror(errno));
	if (pipe2(key, O_CLOEXEC) < 0) {
		close(rec[0]);
		close(rec[1]);
		return sh_error("lesson: pipe: %s", strerror(errno));
	}
	/* A script has no SIGINT handler of its own: catch Ctrl-C for the
	 * run, so it can be stopped cleanly rather than kill the shell. */
	if (!sh.interactive)
		own_handler = set_disposition(SIGINT, on_sigint, &old_sigint) == 0;
	got_sigint = 0;
	/* If our own output goes to a pipe that closes (lesson ... | head),
	 * the write fails instead of killing this process, and the run is
	 * stopped properly: its processes are not left behind. */
	pipe_ignored = set_disposition(SIGPIPE, SIG_IGN, &old_sigpipe) == 0;
	run->t0 = wire_now();
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		sh_error("lesson: fork: %s", strerror(errno));
		close(rec[0]);
		close(rec[1]);
		close(key[0]);
		close(key[1]);
		/* Give the shell its own SIGINT and SIGPIPE handling back, as
		 * the end of a run does. */
		if (own_handler)
			sigaction(SIGINT, &old_sigint, NULL);
		if (pipe_ignored)
			sigaction(SIGPIPE, &old_sigpipe, NULL);
		own_handler = pipe_ignored = 0;
		return -1;
	}
	if (pid == 0) {
		/* The lesson main: a process group of its own, so quitting can
		 * end every process of the run with one kill(). */
		setpgid(0, 0);
		sh.in_child = 1;
		sh.interactive = 0;
		jobctl_disable();
		sig_child_defaults(0);
		signal(SIGPIPE, SIG_DFL); /* the engine gone: die at the next line */
		close(rec[0]);
		close(key[1]);
		fcntl(rec[1], F_SETFD, 0); /* forksh-hello inherits it across exec */
		rec_wfd = rec[1];
		key_rfd = key[0];
		run_t0 = run->t0;
		int devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0 && devnull != STDIN_FILENO) {
			dup2(devnull, STDIN_FILENO);
			close(devnull);
		}
		char num[32];
		snprintf(num, sizeof num, "%d", rec_wfd);
		setenv(WIRE_FD_ENV, num, 1);
		snprintf(num, sizeof num, "%.6f", run->t0);
		setenv(WIRE_T0_ENV, num, 1);
		add_own_dir_to_path();
		fn(arg);
		_exit(0);
	}
	setpgid(pid, pid);
	close(rec[1]);
	close(key[0]);
	run->main_pid = pid;
	run->rec_fd = rec[0];
	run->key_fd = key[1];
	run->rec.root = pid;
	run->rec.shell = getpid();
	add_proc(run, pid, run->rec.shell);
	return 0;
}

void live_send_key(struct live_run *run, char key)
{
	if (run->key_fd >= 0) {
		ssize_t w = write(run->key_fd, &key, 1);
		(void)w;
	}
}

/* Find pid's slot in the table (empty slot if absent); cap is a power of 2. */
static struct live_proc *slot(const struct live_run *run, pid_t pid)
{
	size_t mask = run->cap - 1, i = ((size_t)pid * 2654435761u) & mask;
	while (run->procs[i].pid && run->procs[i].pid != pid)
		i = (i + 1) & mask;
	return &run->procs[i];
}

/* Remember a process of the run and its parent (the first report wins). */
static void add_proc(struct live_run *run, pid_t pid, pid_t parent)
{
	if ((run->nprocs + 1) * 2 > run->cap) {
		struct live_proc *old = run->procs;
		size_t oldcap = run->cap;
		run->cap = run->cap ? run->cap * 2 : 64;
		run->procs = xcalloc(run->cap, sizeof *run->procs);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].pid)
				*slot(run, old[i].pid) = old[i];
		free(old);
	}
	struct live_proc *p = slot(run, pid);
	if (!p->pid) {
		p->pid = pid;
		p->parent = parent;
		run->nprocs++;
	}
}

/* Is pid one of this run's processes?  Sets *parent to its recorded one. */
static int known(const struct live_run *run, pid_t pid, pid_t *parent)
{
	if (!run->cap)
		return 0;
	struct live_proc *p = slot(run, pid);
	if (!p->pid)
		return 0;
	*parent = p->parent;
	return 1;
}

/* Show one line a lesson process said, coloured by its PID on a terminal. */
static void show_line(struct live_run *run, pid_t pid, const char *text)
{
	static const char *const palette[] = { "\033[32m", "\033[33m", "\033[34m",
					       "\033[35m", "\033[36m", "\033[91m" };
	/* Ctrl-C may come at any moment during a run; with SIGINT blocked
	 * while the line is written, the handler cannot cut the write short
	 * (EINTR would lose the line).  It runs right after, and the run
	 * stops at the next look at the flag. */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	char alias[16] = "";
	if (run->stable_pids)
		snprintf(alias, sizeof alias, "P%-3d ", rec_alias(&run->rec, pid));
	if (run->color)
		printf("  %s%s%s\033[0m\n", palette[(unsigned long)pid % 6], alias, text);
	else
		printf("  %s%s\n", alias, text);
	if (fflush(stdout) != 0 || ferror(stdout))
		run->out_failed = 1; /* nobody reads us any more: stop the run */
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Parse one record line and file it. */
static void take_record(struct live_run *run, char *line)
{
	char kind;
	long pid, other;
	double t;
	int used = 0;
	if (sscanf(line, "%c %ld %ld %lf %n", &kind, &pid, &other, &t, &used) < 4)
		return;
	const char *text = line + used;
	switch (kind) {
	case 'F': {
		/* PID was forked by OTHER (reported by both; keep the first) */
		pid_t parent;
		if (!known(run, (pid_t)pid, &parent)) {
			add_proc(run, (pid_t)pid, (pid_t)other);
			rec_add(&run->rec, REC_FORK, t, (pid_t)other, (pid_t)pid, 0, NULL);
		}
		break;
	}
	case 'A': {
		/* PID, child of OTHER, runs TEXT: a process the lesson code did
		 * not fork itself (the sh of system()), made known by a program
		 * below it.  Only news is kept, and never the shell itself (the
		 * parent of an orphan that runs forksh-hello). */
		pid_t parent;
		if (!known(run, (pid_t)pid, &parent) && (pid_t)pid != run->rec.shell) {
			add_proc(run, (pid_t)pid, (pid_t)other);
			rec_add(&run->rec, REC_FORK, t, (pid_t)other, (pid_t)pid, 0, NULL);
			rec_add(&run->rec, REC_EXEC, t, (pid_t)pid, 0, 0, text);
		}
		break;
	}
	case 'W': {
		/* PID reaped OTHER, a process of the run, itself. */
		pid_t parent;
		struct live_proc *p;
		if (!known(run, (pid_t)other, &parent) || (p = slot(run, (pid_t)other))->exited)
			break;
		if (parent != (pid_t)pid)
			rec_add(&run->rec, REC_REPARENT, t, (pid_t)other, (pid_t)pid, 0, NULL);
		rec_add(&run->rec, REC_EXIT, t, (pid_t)other, 0, atoi(text), NULL);
		p->exited = 1;
		run->nexited++;
		break;
	}
	case 'E':
		rec_add(&run->rec, REC_EXEC, t, (pid_t)pid, 0, 0, text);
		break;
	case 'S':
		rec_add(&run->rec, REC_SAY, t, (pid_t)pid, 0, 0, text);
		run->lines++;
		show_line(run, (pid_t)pid, text);
		break;
	}
}

/* Read whatever records are waiting.  Returns 1 if some were read, 0 if
 * none were waiting, or -1 at end of file (every lesson process has closed
 * its end: they have all ended). */
static int read_records(struct live_run *run, int timeout_ms)
{
	static char buf[65536];
	static size_t have;
	struct pollfd p[2] = { { .fd = run->rec_fd, .events = POLLIN },
			       { .fd = run->watch_keys ? STDIN_FILENO : -1, .events = POLLIN } };
	if (run->rec_fd < 0) {
		if (run->watch_keys)
			poll(&p[1], 1, timeout_ms);
	} else if (poll(p, 2, timeout_ms) <= 0) {
		return 0;
	}
	if (run->watch_keys && (p[1].revents & (POLLIN | POLLHUP))) {
		char c = 'q';
		if (read(STDIN_FILENO, &c, 1) <= 0 || c == 'q' || c == 'Q' || c == 3 || c == 4)
			run->quit_key = 1;
	}
	if (run->rec_fd < 0)
		return -1;
	if (!(p[0].revents & (POLLIN | POLLHUP)))
		return 0;
	ssize_t n = read(run->rec_fd, buf + have, sizeof buf - have - 1);
	if (n <= 0) {
		have = 0;
		close(run->rec_fd);
		run->rec_fd = -1;
		return -1;
	}
	have += (size_t)n;
	char *start = buf, *nl;
	while ((nl = memchr(start, '\n', have - (size_t)(start - buf))) != NULL) {
		*nl = '\0';
		take_record(run, start);
		start = nl + 1;
	}
	have -= (size_t)(start - buf);
	memmove(buf, start, have);
	return 1;
}

/* Reap whatever has ended.  Lesson processes get REC_EXIT (and
 * REC_REPARENT when the shell got them as subreaper); anything else is
 * the shell's own business. */
static void reap(struct live_run *run)
{
	int ws;
	pid_t pid;
	while ((pid = waitpid(-1, &ws, WNOHANG)) > 0) {
		pid_t parent;
		double t = wire_now() - run->t0;
		/* A process sends its fork record before it can end, but the
		 * record may still wait in the pipe (a slow engine, as under
		 * valgrind): read everything pending before deciding that pid
		 * is not ours. */
		while (!known(run, pid, &parent) && run->rec_fd >= 0 && read_records(run, 0) > 0)
			;
		if (!known(run, pid, &parent)) {
			jobs_record(pid, ws);
			continue;
		}
		if (parent != run->rec.shell)
			rec_add(&run->rec, REC_REPARENT, t, pid, run->rec.shell, 0, NULL);
		rec_add(&run->rec, REC_EXIT, t, pid, 0, ws, NULL);
		struct live_proc *p = slot(run, pid);
		if (!p->exited) {
			p->exited = 1;
			run->nexited++;
		}
	}
}

/* Every process the run is known to have has ended. */
static int all_ended(const struct live_run *run)
{
	return run->nexited == run->nprocs;
}

/* A process of the run that no longer exists was reaped by a parent that
 * did not report it (the sh that system() starts is reaped inside
 * system()): record that it ended, and stop waiting for it.  A zombie
 * still exists, so it is not mistaken for one of these. */
static void forget_vanished(struct live_run *run)
{
	for (size_t i = 0; i < run->cap; i++) {
		struct live_proc *p = &run->procs[i];
		if (p->pid && !p->exited && kill(p->pid, 0) < 0 && errno == ESRCH) {
			rec_add(&run->rec, REC_EXIT, wire_now() - run->t0, p->pid, 0, REC_UNSEEN, NULL);
			p->exited = 1;
			run->nexited++;
		}
	}
}

int live_pump(struct live_run *run, double seconds)
{
	double until = wire_now() + seconds;
	double check_at = wire_now() + 1;
	for (;;) {
		double left = until - wire_now();
		int ms = seconds < 0 ? 20 : left <= 0 ? 0 : left < 0.02 ? (int)(left * 1000) : 20;
		int was_open = run->rec_fd >= 0;
		read_records(run, ms);
		reap(run);
		if (was_open && run->rec_fd < 0)
			forget_vanished(run); /* every writer is gone: look once now */
		if (run->rec_fd < 0 && all_ended(run))
			return 0;
		if (run->rec_fd < 0 && wire_now() > check_at) {
			forget_vanished(run);
			check_at = wire_now() + 1;
		}
		int interrupted = 0;
		if (run->quit_key || run->out_failed || (interrupted = live_interrupted())) {
			run->interrupted |= interrupted;
			run->quit = 1;
			live_stop(run);
			return 0;
		}
		if (seconds >= 0 && wire_now() >= until)
			return 1;
	}
}

void live_stop(struct live_run *run)
{
	if (run->main_pid > 0)
		kill(-run->main_pid, SIGKILL);
	if (run->key_fd >= 0) {
		close(run->key_fd);
		run->key_fd = -1;
	}
	/* Every process of the run is in the killed group; each ends up
	 * reaped here (the shell is the subreaper for orphans). */
	double give_up = wire_now() + 5;
	while (!(run->rec_fd < 0 && all_ended(run)) && wire_now() < give_up) {
		read_records(run, 10);
		reap(run);
	}
	forget_vanished(run);
}

void live_free(struct live_run *run)
{
	if (run->rec_fd >= 0)
		close(run->rec_fd);
	if (run->key_fd >= 0)
		close(run->key_fd);
	run->rec_fd = run->key_fd = -1;
	rec_free(&run->rec);
	free(run->procs);
	run->procs = NULL;
	run->nprocs = run->cap = run->nexited = 0;
	if (own_handler) {
		sigaction(SIGINT, &old_sigint, NULL);
		own_handler = 0;
	}
	if (pipe_ignored) {
		sigaction(SIGPIPE, &old_sigpipe, NULL);
		pipe_ignored = 0;
	}
}
