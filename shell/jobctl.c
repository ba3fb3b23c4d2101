/* jobctl.c - process groups and terminal ownership (see jobctl.h). */
#include "jobctl.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "events.h"
#include "shell.h"

static int enabled;
static int tty = -1;
static pid_t shell_pgid;
static pid_t orig_pgid;
static struct termios shell_modes;

int jobctl_enabled(void)
{
	return enabled;
}

int jobctl_init(void)
{
	tty = STDIN_FILENO;
	if (!isatty(tty))
		return -1;
	/* If we were started in the background, wait (stopped by SIGTTIN)
	 * until someone puts us in the foreground. */
	pid_t fg;
	while ((fg = tcgetpgrp(tty)) >= 0 && fg != getpgrp())
		kill(-getpgrp(), SIGTTIN);
	if (fg < 0)
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

void jobctl_child(pid_t pgid, int foreground)
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

/* Called in every child: the store is skipped when there is nothing to
 * change, since a store to a page shared with the shell costs the child a
 * copy-on-write fault. */
void jobctl_disable(void)
{
	if (enabled)
		enabled = 0;
}

void jobctl_shutdown(void)
{
	if (!enabled)
		return;
	if (orig_pgid != shell_pgid)
		tcsetpgrp(tty, orig_pgid);
	enabled = 0;
}
