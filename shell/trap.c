/* trap.c - running trap commands (see trap.h). */
#include "trap.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "events.h"
#include "proc.h"
#include "shell.h"
#include "signals.h"
#include "util.h"
#include "vars.h"

/* traps[0] is EXIT; the others are signal numbers.  NULL: no trap. */
static char *traps[NSIG];
static volatile sig_atomic_t noted[NSIG];
static int any;  /* some signal trap with a command is set */
static int running_exit;

/* What an interactive shell does with the signals it handles itself, to
 * go back to when a trap is removed (trap - INT at the prompt). */
static enum sig_disposition shell_default(int sig)
{
	if (!sh.interactive)
		return SIGD_DEFAULT;
	switch (sig) {
	case SIGINT:
	case SIGHUP:
	case SIGCHLD:
	case SIGWINCH:
		return SIGD_CATCH;
	case SIGQUIT:
	case SIGTERM:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return SIGD_IGNORE;
	default:
		return SIGD_DEFAULT;
	}
}

int trap_set(int sig, const char *action)
{
	if (sig < 0 || sig >= NSIG || sig == SIGKILL || sig == SIGSTOP)
		return -1;
	if (sig != TRAP_EXIT && !sh.interactive && sig_ignored_at_start(sig))
		return 0; /* ignored on entry: stays ignored */
	char *copy = action ? xstrdup(action) : NULL;
	free(traps[sig]);
	traps[sig] = copy;
	if (sig != TRAP_EXIT) {
		enum sig_disposition d = !action ? shell_default(sig) : !*action ? SIGD_IGNORE : SIGD_CATCH;
		/* the shell's own handling of SIGINT etc. stays under a trap */
		if (d == SIGD_IGNORE && shell_default(sig) == SIGD_CATCH && sh.interactive)
			d = SIGD_CATCH;
		sig_set_disposition(sig, d);
		noted[sig] = 0;
		if (ev_on) {
			char msg[160];
			snprintf(msg, sizeof msg, "trap: SIG%s %s", sig_name(sig),
				 !action ? "back to its default" : !*action ? "ignored (children inherit that)"
							 : "caught by the shell's handler; the command runs between commands");
			EV(EV_SHELL, .str = msg);
		}
	}
	any = 0;
	for (int i = 1; i < NSIG; i++)
		any |= traps[i] && *traps[i];
	return 0;
}

const char *trap_get(int sig)
{
	return sig >= 0 && sig < NSIG ? traps[sig] : NULL;
}

void trap_print(FILE *out)
{
	for (int sig = 0; sig < NSIG; sig++) {
		if (!traps[sig])
			continue;
		fputs("trap -- ", out);
		var_print_quoted(out, traps[sig]);
		fprintf(out, " %s\n", sig == TRAP_EXIT ? "EXIT" : sig_name(sig));
	}
}

void trap_note(int sig)
{
	if (sig > 0 && sig < NSIG && traps[sig] && *traps[sig])
		noted[sig] = 1;
}

int trap_pending(void)
{
	if (!any)
		return 0;
	for (int sig = 1; sig < NSIG; sig++)
		if (traps[sig] && *traps[sig] && (noted[sig] || sig_caught(sig)))
			return sig;
	return 0;
}

/* A trap action, run with status ($? before it) where exit and return
 * without a number look for it, as POSIX says. */
static void run_action(const char *text, int status)
{
	int was_in = sh.in_trap, was_status = sh.trap_status;
	sh.in_trap = 1;
	sh.trap_status = status;
	eval_text(text, strlen(text), 0);
	sh.in_trap = was_in;
	sh.trap_status = was_status;
}

/* Run one trap's command with $? kept: the trap is an interruption, not a
 * command of the script (but `exit N` or `return N` in it sets the status
 * the shell or the function leaves with). */
static void run_one(int sig)
{
	char *text = xstrdup(traps[sig]);
	int status = sh.status;
	run_action(text, status);
	free(text);
	if (sh.skip != SKIP_EXIT && sh.skip != SKIP_RETURN)
		sh.status = status;
}

int trap_run_pending(void)
{
	if (!any)
		return 0;
	int last = 0;
	for (int sig = 1; sig < NSIG; sig++) {
		if (!traps[sig] || !*traps[sig])
			continue;
		int came = sig_take(sig) | noted[sig];
		noted[sig] = 0;
		if (!came)
			continue;
		last = sig;
		run_one(sig);
		if (sh.skip == SKIP_EXIT)
			break;
	}
	return last;
}

void trap_run_exit(void)
{
	if (!traps[TRAP_EXIT] || running_exit)
		return;
	running_exit = 1;
	char *text = traps[TRAP_EXIT];
	traps[TRAP_EXIT] = NULL;
	int status = sh.status;
	sh.skip = SKIP_NONE; /* the shell is leaving; the trap runs in full */
	run_action(text, status);
	if (sh.skip != SKIP_EXIT)
		sh.status = status; /* `exit N` inside the trap sets the status */
	sh.skip = SKIP_EXIT;
	free(text);
}

CHILD_PATH void trap_child_reset(void)
{
	for (int sig = 0; sig < NSIG; sig++) {
		if (!traps[sig])
			continue;
		if (!*traps[sig]) {
			/* ignored stays ignored, in children and their programs */
			if (sig != TRAP_EXIT)
				sig_set_disposition(sig, SIGD_IGNORE);
			continue;
		}
		free(traps[sig]);
		traps[sig] = NULL;
		if (sig != TRAP_EXIT)
			sig_set_disposition(sig, SIGD_DEFAULT);
	}
	STORE_CHANGED(any, 0);
}
