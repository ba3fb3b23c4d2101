/* jobctl.c - process groups and terminal ownership (see jobctl.h). */
#include "jobctl.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "events.h"
#include "proc.h"
#include "shell.h"

static int enabled;
static int tty = -1;
static pid_t shell_pgid;
static pid_t orig_pgid;
static struct termios shell_modes;

CHILD_PATH int jobctl_enabled(void)
{
	return enabled;
}

/* Stops in a row that did not happen before the shell gives up (see
 * below), and how long it waits for each. */
#define TTIN_MISSES 3
#define TTIN_WAIT_SECONDS 1

/* Started in the background (`forksh &` at another shell's prompt), the
 * shell must not read the terminal: it stops itself with SIGTTIN, as a
 * background job reading the terminal would be stopped, until `fg` gives
 * it the terminal.  SIGTTIN is ignored by now (sig_init), and an ignored
 * SIGTTIN stops nothing, so the loop once spun at full speed: the default
 * action is put back just for the kill.  Being continued raises SIGCONT,
 * which is held blocked here and then waited for: that is how the shell
 * knows it really stopped.  The kernel does not stop an orphaned process
 * group at all (nobody would be left to continue it); when TTIN_MISSES
 * waits in a row end with no SIGCONT, the shell gives up job control
 * instead of trying for ever.  Returns 0 once the shell's group is the
 * foreground group, or -1 (no terminal to be had). */
static int wait_for_foreground(void)
{
	sigset_t cont, old_mask;
	sigemptyset(&cont);
	sigaddset(&cont, SIGCONT);
	sigprocmask(SIG_BLOCK, &cont, &old_mask);
	pid_t fg;
	int misses = 0;
	while ((fg = tcgetpgrp(tty)) >= 0 && fg != getpgrp() && misses < TTIN_MISSES) {
		struct sigaction dfl, old;
		memset(&dfl, 0, sizeof dfl);
		dfl.sa_handler = SIG_DFL;
		sigemptyset(&dfl.sa_mask);
		sigaction(SIGTTIN, &dfl, &old);
		kill(-getpgrp(), SIGTTIN);
		struct timespec t = { TTIN_WAIT_SECONDS, 0 };
		if (sigtimedwait(&cont, NULL, &t) < 0 && errno == EAGAIN)
			misses++; /* never stopped, so never continued */
		else
			misses = 0;
		sigaction(SIGTTIN, &old, NULL);
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (fg >= 0 && fg != getpgrp()) {
		sh_error("started in the background, and the terminal cannot be had");
		return -1;
	}
	return fg < 0 ? -1 : 0;
}

int jobctl_init(void)
{
	tty = STDIN_FILENO;
	if (!isatty(tty))
		return -1;
	if (wait_for_foreground() < 0)
		return -1;
	orig_pgid = getpgrp();
	shell_pgid = getpid();
	/* A session leader already leads its group; anyone else starts one. */
	if (getpgrp() != shell_pgid && setpgid(0, shell_pgid) < 0) {
		sh_error("job control off: setpgid: %s", strerror(errno));
		return -1;
	}
	if (tcsetpgrp(tty, shell_pgid) < 0) {
		sh_error("job control off: tcsetpgrp: %s", strerror(errno));
		return -1;
	}
	tcgetattr(tty, &shell_modes);
	enabled = 1;
	return 0;
}

CHILD_PATH void jobctl_child(pid_t pgid, int foreground)
{
	if (!enabled)
		return;
	pid_t me = getpid();
	EV(EV_SETPGID, .target = 0, .a = pgid ? pgid : me);
	setpgid(0, pgid ? pgid : me);
	/* SIGTTOU is still ignored here (inherited from the shell), so the
	 * child may take the terminal even though its group is new. */
	if (foreground) {
		EV(EV_TCSETPGRP, .a = pgid ? pgid : me);
		tcsetpgrp(tty, pgid ? pgid : me);
	}
}

pid_t jobctl_parent(pid_t child, pid_t pgid, int foreground)
{
	if (!enabled)
		return 0;
	if (!pgid)
		pgid = child;
	/* EACCES: the child has already exec'd, so it did this itself. */
	EV(EV_SETPGID, .target = child, .a = pgid);
	setpgid(child, pgid);
	if (foreground) {
		EV(EV_TCSETPGRP, .a = pgid);
		tcsetpgrp(tty, pgid);
	}
	return pgid;
}

void jobctl_give_terminal(pid_t pgid, const struct termios *modes)
{
	if (!enabled)
		return;
	if (modes)
		tcsetattr(tty, TCSADRAIN, modes);
	EV(EV_TCSETPGRP, .a = pgid);
	tcsetpgrp(tty, pgid);
}

void jobctl_take_terminal(struct termios *save)
{
	if (!enabled)
		return;
	if (save)
		tcgetattr(tty, save);
	EV(EV_TCSETPGRP, .a = shell_pgid);
	tcsetpgrp(tty, shell_pgid);
	tcsetattr(tty, TCSADRAIN, &shell_modes);
}

/* Called in every child (STORE_CHANGED: no copy of a page for nothing). */
CHILD_PATH void jobctl_disable(void)
{
	STORE_CHANGED(enabled, 0);
}

/* Back into the group the shell came from, which gets the terminal: at
 * exit the terminal goes back where it was, and after `set +m` the shell
 * must be in the foreground group itself, or its next read of the terminal
 * would fail as a background read (as dash, it moves before giving the
 * terminal away; if the group is gone, it keeps both). */
void jobctl_shutdown(void)
{
	if (!enabled)
		return;
	if (orig_pgid != shell_pgid && setpgid(0, orig_pgid) == 0)
		tcsetpgrp(tty, orig_pgid);
	enabled = 0;
}
