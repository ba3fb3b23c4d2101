/* live.c - running a lesson live: starting the run, reaping, and stopping
 * (the lesson main's side is livemain.c, reading what the run says
 * livein.c, the recording itself collect.c). */
#include "live.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../shell/jobs.h"
#include "../shell/shell.h"
#include "../shell/signals.h"
#include "../shell/util.h"
#include "collect.h"
#include "liveint.h"
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
	if (live_check_nproc(need) < 0)
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
	collect_forked(run, pid, run->rec.shell, 0, NULL);
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
	while (run->rec_fd >= 0 && live_read(run, 0) > 0)
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
		if (live_read(run, ms) > 0)
			while (run->rec_fd >= 0 && live_read(run, 0) > 0)
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
	/* The witnesses that have spoken so far are the truth (an exec that
	 * happened, or failed); after the kill, one that closes may be the
	 * kill's doing (collect.c).  What is waiting is read first, for a
	 * moment at most: a run that never stops talking must still stop. */
	double enough = wire_now() + 0.05;
	while (run->rec_fd >= 0 && wire_now() < enough && live_read(run, 0) > 0)
		;
	collect_poll(run);
	run->killed = 1;
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
		live_read(run, 10);
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
