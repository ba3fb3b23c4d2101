/* live.c - running a lesson live: starting the lesson main, showing what
 * it prints, reaping, and stopping (the recording itself is collect.c). */
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
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../shell/jobctl.h"
#include "../shell/jobs.h"
#include "../shell/proc.h"
#include "../shell/shell.h"
#include "../shell/signals.h"
#include "../shell/util.h"
#include "collect.h"
#include "pictures.h"
#include "wire.h"

/* ---- the engine's side ------------------------------------------------ */

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
	sh.in_child = 1;
	sh.interactive = 0;
	jobctl_disable();
	sig_child_defaults(0);
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
static pid_t live_fork_main(struct live_run *run, int rec[2], int key[2], int out[2][2], void (*fn)(void *),
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

/* The engine's subreaper flag as it was before the run. */
static void restore_adopter(struct live_run *run)
{
	if (run->no_subreaper && run->subreaper_was)
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	run->no_subreaper = 0;
}

/* Give the shell its own SIGINT and SIGPIPE handling back. */
static void restore_signals(void)
{
	if (own_handler)
		sigaction(SIGINT, &old_sigint, NULL);
	if (pipe_ignored)
		sigaction(SIGPIPE, &old_sigpipe, NULL);
	own_handler = pipe_ignored = 0;
}

static int catch_depth;

void live_catch_begin(void)
{
	if (catch_depth++ > 0)
		return;
	/* A script has no SIGINT handler of its own: catch Ctrl-C, so that
	 * the lesson can be stopped cleanly rather than kill the shell. */
	if (!sh.interactive)
		own_handler = set_disposition(SIGINT, on_sigint, &old_sigint) == 0;
	got_sigint = 0;
	/* If our own output goes to a pipe that closes (lesson ... | head),
	 * the write fails instead of killing this process, and the run is
	 * stopped properly: its processes are not left behind. */
	pipe_ignored = set_disposition(SIGPIPE, SIG_IGN, &old_sigpipe) == 0;
}

void live_catch_end(void)
{
	if (catch_depth > 0 && --catch_depth == 0)
		restore_signals();
}

/* Close the descriptors of a run that could not start (-1 are skipped). */
static void close_all(int *fds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* A socket pair for the run's descriptor 1 or 2: the kernel tells the
 * engine's end who wrote each message, and when.  Returns 0 or -1. */
static int output_pair(int sv[2])
{
	int on = 1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	if (setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) < 0 ||
	    setsockopt(sv[0], SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) < 0) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	return 0;
}

/* Who adopts the run's orphans.  forksh itself is a child subreaper; a
 * forked copy of it running the lesson (`lesson counter | cat`) is not,
 * so the orphans go to the shell at the prompt, the one the texts name.
 * --no-subreaper turns the shell's flag off for the run, so they go on up,
 * to init.  The old flag is kept in the run. */
static void choose_adopter(struct live_run *run, int no_subreaper)
{
	int flag = 0;
	run->shell_self = getpid();
	run->no_subreaper = no_subreaper;
	prctl(PR_GET_CHILD_SUBREAPER, &flag);
	run->subreaper_was = flag;
	if (no_subreaper && flag)
		prctl(PR_SET_CHILD_SUBREAPER, 0);
}

int live_start(struct live_run *run, void (*fn)(void *arg), void *arg, long need, const struct live_opts *o)
{
	int rec[2], key[2], out[2][2];
	memset(run, 0, sizeof *run);
	run->rec_fd = run->key_fd = run->out_fd[0] = run->out_fd[1] = -1;
	run->root_exit_note = o ? o->root_exit_note : NULL;
	if (check_nproc(need) < 0)
		return -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, rec) < 0)
		return sh_error("lesson: socketpair: %s", strerror(errno));
	if (pipe2(key, O_CLOEXEC) < 0) {
		close_all(rec, 2);
		return sh_error("lesson: pipe: %s", strerror(errno));
	}
	if (output_pair(out[0]) < 0) {
		int all[] = { rec[0], rec[1], key[0], key[1] };
		close_all(all, 4);
		return sh_error("lesson: socketpair: %s", strerror(errno));
	}
	if (output_pair(out[1]) < 0) {
		int all[] = { rec[0], rec[1], key[0], key[1], out[0][0], out[0][1] };
		close_all(all, 6);
		return sh_error("lesson: socketpair: %s", strerror(errno));
	}
	live_catch_begin();
	choose_adopter(run, o && o->no_subreaper);
	struct timespec real;
	clock_gettime(CLOCK_REALTIME, &real);
	run->t0 = wire_now();
	run->real0 = (double)real.tv_sec + (double)real.tv_nsec / 1e9;
	run->rec.shell = sh.pid > 0 ? sh.pid : getpid(); /* $$: the prompt's shell */
	pid_t pid = live_fork_main(run, rec, key, out, fn, arg);
	if (pid < 0) {
		int all[] = { rec[0], rec[1], key[0], key[1], out[0][0], out[0][1], out[1][0], out[1][1] };
		close_all(all, 8);
		live_catch_end();
		restore_adopter(run);
		return -1;
	}
	int theirs[] = { rec[1], key[0], out[0][1], out[1][1] };
	close_all(theirs, 4);
	run->main_pid = pid;
	run->started = 1;
	run->rec_fd = rec[0];
	run->key_fd = key[1];
	run->out_fd[0] = out[0][0];
	run->out_fd[1] = out[1][0];
	run->rec.root = pid;
	collect_forked(run, pid, run->rec.shell, 0);
	return 0;
}

void live_send_line(struct live_run *run, const char *line)
{
	if (run->key_fd < 0)
		return;
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, line);
	sb_addc(&sb, '\n');
	ssize_t w = write(run->key_fd, sb.buf, sb.len);
	(void)w; /* nobody reads any more: the run is over */
	sb_free(&sb);
}

/* Show one line a lesson process wrote, coloured by its PID on a terminal,
 * with every PID of the run in it replaced by its alias under
 * --stable-pids. */
void live_show_line(struct live_run *run, pid_t pid, const char *text)
{
	/* Ctrl-C may come at any moment during a run; with SIGINT blocked
	 * while the line is written, the handler cannot cut the write short
	 * (EINTR would lose the line).  It runs right after, and the run
	 * stops at the next look at the flag. */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	struct strbuf sb;
	sb_init(&sb);
	if (run->stable_pids) {
		char alias[24];
		snprintf(alias, sizeof alias, "P%-3d ", rec_alias(&run->rec, pid));
		sb_adds(&sb, alias);
		rec_subst_pids(&run->rec, text, &sb);
	} else {
		sb_adds(&sb, text);
	}
	/* A line wider than the terminal is broken at a space and goes on
	 * below, indented further (the record keeps it whole): the terminal
	 * would wrap it to column 0, into the other processes' lines. */
	int colour = run->color ? pid_ansi256(run->stable_pids ? rec_alias(&run->rec, pid) : pid) : -1;
	size_t at = 0, len = sb.len;
	do {
		/* the first part after 2 columns of indent, the rest after 6 */
		size_t avail = run->width > 20 ? (size_t)run->width - (at ? 6 : 2) : 0, n = len - at;
		if (avail && (size_t)text_columns(sb.buf + at, n) > avail) {
			size_t cut = avail;
			while (cut > avail / 2 && sb.buf[at + cut] != ' ')
				cut--;
			if (cut <= avail / 2)
				for (cut = avail; cut > 1 && ((unsigned char)sb.buf[at + cut] & 0xc0) == 0x80; cut--)
					; /* one long word: cut it, but not inside a character */
			n = cut;
		}
		const char *indent = at ? "      " : "  ";
		if (colour >= 0)
			printf("%s\033[38;5;%dm%.*s\033[0m\n", indent, colour, (int)n, sb.buf + at);
		else
			printf("%s%.*s\n", indent, (int)n, sb.buf + at);
		at += n;
		while (at < len && sb.buf[at] == ' ')
			at++;
	} while (at < len);
	sb_free(&sb);
	if (fflush(stdout) != 0 || ferror(stdout))
		run->out_failed = 1; /* nobody reads us any more: stop the run */
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void live_show_note(struct live_run *run, const char *text)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	printf(run->color ? "  \033[1m%s\033[0m\n" : "  %s\n", text);
	if (fflush(stdout) != 0 || ferror(stdout))
		run->out_failed = 1;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

#define BATCH 32

/* A key pressed during a run (raw mode): q, Ctrl-C and Ctrl-D stop the
 * run at once; any other key is kept, and the engine acts on it when the
 * run is over (so h shows the hint then, n goes on). */
static void key_during_run(struct live_run *run)
{
	char c = 'q';
	if (read(STDIN_FILENO, &c, 1) <= 0 || c == 'q' || c == 'Q' || c == 3 || c == 4)
		run->quit_key = 1;
	else if (run->npending < sizeof run->pending)
		run->pending[run->npending++] = c;
}

/* Read whatever records are waiting on the record socket, up to BATCH
 * messages.  Returns 1 if some were read, 0 if none were waiting, or -1 at
 * end of file (every lesson process has closed its end: they have all
 * ended). */
static int take_records(struct live_run *run)
{
	static char bufs[BATCH][WIRE_MAX + 1];
	static union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(int))];
	} ctl[BATCH];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	memset(msgs, 0, sizeof msgs);
	for (int i = 0; i < BATCH; i++) {
		iov[i] = (struct iovec){ bufs[i], WIRE_MAX };
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_control = ctl[i].space;
		msgs[i].msg_hdr.msg_controllen = sizeof ctl[i].space;
	}
	int n = recvmmsg(run->rec_fd, msgs, BATCH, MSG_DONTWAIT | MSG_CMSG_CLOEXEC, NULL);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	/* A record is never empty: an empty message is the end of file
	 * (recvmmsg reports it in every slot it was given). */
	for (int i = 0; i < n; i++) {
		if (msgs[i].msg_len == 0) {
			n = i;
			break;
		}
	}
	if (n <= 0) {
		close(run->rec_fd);
		run->rec_fd = -1;
		return -1;
	}
	run->in_records = 1; /* the buffers above are in use */
	for (int i = 0; i < n; i++) {
		int fd = -1;
		struct cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr);
		if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof fd);
		collect_record(run, bufs[i], msgs[i].msg_len, fd);
	}
	run->in_records = 0;
	return 1;
}

/* Read what is waiting on the run's descriptor k+1 (stdout or stderr of
 * the programs it exec'd): each message with the PID of its writer and
 * its time, both from the kernel.  Returns 1 if something was read, 0 if
 * nothing was waiting, -1 when every writer has gone. */
static int take_output(struct live_run *run, int k)
{
	char buf[WIRE_MAX + 1];
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(struct timespec))];
	} ctl;
	struct iovec iov = { buf, WIRE_MAX };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
			    .msg_controllen = sizeof ctl.space };
	ssize_t n = recvmsg(run->out_fd[k], &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	if (n == 0) {
		close(run->out_fd[k]);
		run->out_fd[k] = -1;
		return -1;
	}
	pid_t pid = 0;
	double t = wire_now() - run->t0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_CREDENTIALS) {
			struct ucred u;
			memcpy(&u, CMSG_DATA(c), sizeof u);
			pid = u.pid;
		} else if (c->cmsg_type == SCM_TIMESTAMPNS) {
			struct timespec ts;
			memcpy(&ts, CMSG_DATA(c), sizeof ts);
			t = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 - run->real0;
		}
	}
	/* A writer the record does not know yet may have announced itself
	 * (forksh-hello does) in a record still waiting: read those first. */
	if (!collect_find(run, pid) && !run->in_records)
		while (run->rec_fd >= 0 && take_records(run) > 0)
			;
	collect_output(run, pid, t < 0 ? 0 : t, k + 1, buf, (size_t)n);
	return 1;
}

void live_drain_output(struct live_run *run)
{
	if (run->draining)
		return;
	run->draining = 1;
	for (int k = 0; k < 2; k++)
		while (run->out_fd[k] >= 0 && take_output(run, k) > 0)
			;
	run->draining = 0;
}

/* Wait up to timeout_ms for records, output or a key, and take what came:
 * records first, then output (whose writers the records introduce).
 * Returns 1 if something was read, 0 if nothing came, or -1 once the
 * record socket is at end of file. */
static int read_records(struct live_run *run, int timeout_ms)
{
	struct pollfd p[4] = { { .fd = run->rec_fd, .events = POLLIN },
			       { .fd = run->out_fd[0], .events = POLLIN },
			       { .fd = run->out_fd[1], .events = POLLIN },
			       { .fd = run->watch_keys ? STDIN_FILENO : -1, .events = POLLIN } };
	if (poll(p, 4, timeout_ms) <= 0)
		return run->rec_fd < 0 ? -1 : 0;
	if (p[3].revents & (POLLIN | POLLHUP))
		key_during_run(run);
	int got = 0;
	if (run->rec_fd >= 0 && (p[0].revents & (POLLIN | POLLHUP)))
		got = take_records(run);
	if ((p[1].revents | p[2].revents) & (POLLIN | POLLHUP)) {
		live_drain_output(run);
		if (got == 0)
			got = 1;
	}
	if (run->rec_fd < 0)
		return -1;
	return got;
}

/* The one reaping loop of a run: reap whatever has ended.  The run's
 * processes are recorded as reaped by forksh; anything else is the
 * shell's own business. */
/* The shell's wait path offers each reaped child here first: a process
 * of the run is recorded as reaped by the engine; anything else is the
 * shell's (a job), and goes to its table. */
static int claim_reaped(pid_t pid, int ws, void *ctx)
{
	struct live_run *run = ctx;
	double t = wire_now() - run->t0;
	/* A process sends its records before it can end, but they may still
	 * wait in the socket (a slow engine, as under valgrind): read
	 * everything pending first, so its end comes before the reap and its
	 * fork before deciding it is not ours. */
	while (run->rec_fd >= 0 && read_records(run, 0) > 0)
		;
	if (!collect_find(run, pid))
		return 0;
	collect_shell_reaped(run, pid, ws, t);
	return 1;
}

static void live_reap(struct live_run *run)
{
	jobs_reap_claim(claim_reaped, run);
}

/* Every process the run is known to have has been reaped (or is left to
 * a reaper outside the run that does not do its duty). */
static int all_reaped(const struct live_run *run)
{
	return run->nreaped + run->nforeign == run->nprocs;
}

int live_pump(struct live_run *run, double seconds)
{
	double until = wire_now() + seconds;
	double check_at = wire_now() + 1;
	for (;;) {
		double left = until - wire_now();
		int ms = seconds < 0 ? 20 : left <= 0 ? 0 : left < 0.02 ? (int)(left * 1000) : 20;
		if (run->nwit || run->nwatch)
			ms = ms > 5 ? 5 : ms; /* witnesses and watched processes need looking at */
		int was_open = run->rec_fd >= 0;
		/* everything that is waiting, before /proc is looked at */
		if (read_records(run, ms) > 0)
			while (run->rec_fd >= 0 && read_records(run, 0) > 0)
				;
		collect_poll(run);
		live_reap(run);
		if (was_open && run->rec_fd < 0)
			collect_vanished(run); /* every writer is gone: look once now */
		if (run->rec_fd < 0 && all_reaped(run)) {
			live_drain_output(run); /* the last lines of exec'd programs */
			return 0;
		}
		if (run->rec_fd < 0 && wire_now() > check_at) {
			collect_vanished(run);
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
	while (!(run->rec_fd < 0 && all_reaped(run)) && wire_now() < give_up) {
		read_records(run, 10);
		live_reap(run);
		if (run->rec_fd < 0)
			collect_vanished(run); /* orphans another process reaps */
	}
	collect_vanished(run);
}

void live_free(struct live_run *run)
{
	if (run->rec_fd >= 0)
		close(run->rec_fd);
	if (run->key_fd >= 0)
		close(run->key_fd);
	for (int k = 0; k < 2; k++)
		if (run->out_fd[k] >= 0)
			close(run->out_fd[k]);
	run->rec_fd = run->key_fd = run->out_fd[0] = run->out_fd[1] = -1;
	collect_free(run);
	rec_free(&run->rec);
	free(run->procs);
	run->procs = NULL;
	run->nprocs = run->cap = run->nexited = run->nreaped = run->nforeign = 0;
	if (run->started) {
		run->started = 0;
		live_catch_end();
	}
	restore_adopter(run);
}
