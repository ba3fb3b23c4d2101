/* signals.c - handlers that only record, and the child's clean slate. */
#include "signals.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "number.h"
#include "proc.h"
#include "redir.h"

static volatile sig_atomic_t caught[NSIG];
static int wake_pipe[2] = { -1, -1 };
static int changed;  /* did the shell change any disposition at all? */

/* Async-signal-safe: set a flag, poke the pipe, keep errno intact. */
static void on_signal(int sig)
{
	int saved = errno;
	caught[sig] = 1;
	if (wake_pipe[1] >= 0) {
		char c = (char)sig;
		ssize_t r = write(wake_pipe[1], &c, 1);
		(void)r;
	}
	errno = saved;
}

/* Install fn for sig.  SIGINT and SIGHUP come without SA_RESTART, so a
 * blocking wait returns EINTR and the shell acts on them at once.  SIGCHLD
 * and SIGWINCH restart what they interrupt: they arrive in bursts (a lesson
 * ending 500 processes), and an interrupted write to the terminal would
 * lose output; the prompt loop learns of them through the self-pipe (and
 * poll() returns EINTR whatever the flag). */
static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = (sig == SIGCHLD || sig == SIGWINCH) ? SA_RESTART : 0;
	sigaction(sig, &sa, NULL);
}

int sig_init(int interactive)
{
	if (!interactive)
		return 0;
	if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -1;
	changed = 1;
	int fd;
	if ((fd = fd_lift_private(wake_pipe[0])) >= 0)
		wake_pipe[0] = fd;
	if ((fd = fd_lift_private(wake_pipe[1])) >= 0)
		wake_pipe[1] = fd;
	fd_private_track(&wake_pipe[0]);
	fd_private_track(&wake_pipe[1]);
	set_handler(SIGINT, on_signal);
	set_handler(SIGHUP, on_signal);
	set_handler(SIGCHLD, on_signal);
	set_handler(SIGWINCH, on_signal);
	set_handler(SIGQUIT, SIG_IGN);
	set_handler(SIGTERM, SIG_IGN);
	set_handler(SIGTSTP, SIG_IGN);
	set_handler(SIGTTIN, SIG_IGN);
	set_handler(SIGTTOU, SIG_IGN);
	return 0;
}

int sig_hold(sigset_t *old)
{
	if (!changed)
		return 0;
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
	return 1;
}

void sig_release(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* A non-interactive shell changed nothing, so its children need no system
 * calls here at all: that keeps the per-command cost at the bare minimum. */
CHILD_PATH void sig_child_defaults(int background)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN,
				    SIGTTOU, SIGCHLD, SIGWINCH, SIGHUP };
	if (changed) {
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			signal(sigs[i], SIG_DFL);
	}
	if (background) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
	}
	if (wake_pipe[0] >= 0) {
		close(wake_pipe[0]);
		close(wake_pipe[1]);
		wake_pipe[0] = wake_pipe[1] = -1;
		fd_private_untrack(&wake_pipe[0]);
		fd_private_untrack(&wake_pipe[1]);
	}
}

CHILD_PATH void sig_child_unblock(void)
{
	if (!changed)
		return;
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

int sig_wakeup_fd(void)
{
	return wake_pipe[0];
}

int sig_take(int sig)
{
	if (!caught[sig])
		return 0;
	caught[sig] = 0;
	return 1;
}

int sig_caught(int sig)
{
	return caught[sig] != 0;
}

void sig_drain(void)
{
	char buf[64];
	while (wake_pipe[0] >= 0 && read(wake_pipe[0], buf, sizeof buf) > 0)
		;
}

int sig_by_name(const char *name)
{
	long long n;
	enum num_error e = num_parse(name, 0, NSIG - 1, &n);
	if (e != NUM_SYNTAX)
		return e == NUM_OK ? (int)n : -1; /* a number, or one out of range */
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (int sig = 1; sig < NSIG; sig++) {
		const char *abbrev = sigabbrev_np(sig);
		if (abbrev && strcasecmp(abbrev, name) == 0)
			return sig;
	}
	return -1;
}

const char *sig_name(int sig)
{
	const char *abbrev = sigabbrev_np(sig);
	return abbrev ? abbrev : "?";
}

/* ---- dispositions for traps ---------------------------------------------- */

/* Which signals were ignored when the shell started (a non-interactive
 * shell may not trap or reset those, as POSIX asks).  Filled by
 * sig_note_initial(). */
static unsigned char ignored_at_start[NSIG];

void sig_note_initial(void)
{
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa;
		if (sig != SIGKILL && sig != SIGSTOP && sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			ignored_at_start[sig] = 1;
	}
}

int sig_ignored_at_start(int sig)
{
	return sig > 0 && sig < NSIG && ignored_at_start[sig];
}

int sig_set_disposition(int sig, enum sig_disposition d)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART for a trapped signal: a `wait` or `read` it
	 * interrupts returns, and the trap runs at once */
	sa.sa_handler = d == SIGD_CATCH ? on_signal : d == SIGD_IGNORE ? SIG_IGN : SIG_DFL;
	if (d == SIGD_CATCH && (sig == SIGCHLD || sig == SIGWINCH))
		sa.sa_flags = SA_RESTART;
	caught[sig] = 0;
	changed = 1;
	return sigaction(sig, &sa, NULL);
}
