/* reap.c - reaping away from the foreground wait: while the shell waits
 * for input (a line of piped input, a key in a lesson), and the
 * child-subreaper role that makes orphans the shell's to reap.  Declared in
 * jobs.h, next to the rest of the waiting.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "jobs.h"
#include "signals.h"

static volatile sig_atomic_t child_ended;

/* The SIGCHLD handler for the length of a wait: it only notes the signal,
 * so that the wait can tell it from one that means "stop waiting". */
static void on_child_ended(int sig)
{
	(void)sig;
	child_ended = 1;
}

/* Wait for input on fd while reaping (see jobs.h): returns 0 when fd is
 * readable, at end of file or in error (read() then says which), or -1
 * with errno EINTR when a signal other than SIGCHLD ended the wait. */
int jobs_wait_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	if (poll(&p, 1, 0) != 0)
		return 0; /* readable already (or an error read() will report) */

	/* SIGCHLD is blocked except inside ppoll, which unblocks it
	 * atomically: a child that ends between the reap and the wait still
	 * wakes the wait, and no command started later inherits the handler.
	 * SIGWINCH waits too, so that only SIGCHLD and signals that mean
	 * "stop waiting" (SIGINT, SIGHUP) end the wait. */
	struct sigaction sa, old_sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_child_ended;
	sigemptyset(&sa.sa_mask);
	sigset_t block, old_mask, during;
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	sigaction(SIGCHLD, &sa, &old_sa);
	during = old_mask;
	sigdelset(&during, SIGCHLD);
	sigaddset(&during, SIGWINCH);
	int rc;
	for (;;) {
		child_ended = 0;
		jobs_reap();
		int r = ppoll(&p, 1, NULL, &during);
		if (r >= 0) {
			rc = 0;
			break;
		}
		int err = errno;
		if (err != EINTR || !child_ended || sig_caught(SIGINT) || sig_caught(SIGHUP)) {
			errno = err;
			rc = -1;
			break;
		}
	}
	int err = errno;
	jobs_reap();
	sigaction(SIGCHLD, &old_sa, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	errno = err;
	return rc;
}

/* Take or give up the child-subreaper role (see jobs.h); a failure leaves
 * orphans to init, so it is not reported. */
void jobs_subreaper(int on)
{
	prctl(PR_SET_CHILD_SUBREAPER, on ? 1 : 0);
}
