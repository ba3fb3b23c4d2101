/* trap.c - trap [ACTION CONDITION...]: what the shell does when a signal
 * arrives or it exits.  The handler is installed in the shell process
 * itself (a child's trap would catch signals sent to the child only), so
 * trap must be a builtin. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builtins.h"
#include "../shell/shell.h"
#include "../shell/signals.h"
#include "../shell/trap.h"

/* A condition: EXIT or 0, a signal name (with or without SIG, any case)
 * or number.  Returns the number, or -1. */
static int condition(const char *s)
{
	if (strcasecmp(s, "EXIT") == 0 || strcmp(s, "0") == 0)
		return TRAP_EXIT;
	int sig = sig_by_name(s);
	return sig > 0 ? sig : -1;
}

/* Is s an unsigned decimal integer?  Then `trap N SIG...` resets, as POSIX
 * says (the first operand is a condition, not an action). */
static int is_number(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

int bi_trap(int argc, char **argv)
{
	int argi = 1;
	if (argi < argc && strcmp(argv[argi], "--") == 0)
		argi++;
	if (argi < argc && strcmp(argv[argi], "-p") == 0 && argi + 1 == argc)
		argi++, argc = argi; /* trap -p: the same listing as trap alone */
	if (argi >= argc) {
		trap_print(stdout);
		return 0;
	}
	const char *action = argv[argi];
	int reset = strcmp(action, "-") == 0 || is_number(action);
	if (!is_number(action))
		argi++;
	if (argi >= argc) {
		sh_error("trap: a condition (a signal or EXIT) is needed after the action");
		return sh_special_error(2);
	}
	int status = 0;
	for (; argi < argc; argi++) {
		int sig = condition(argv[argi]);
		if (sig < 0) {
			sh_error("trap: %s: bad trap", sh_arg(argv[argi]));
			status = 1;
			continue;
		}
		if (trap_set(sig, reset ? NULL : action) < 0) {
			sh_error("trap: %s: this signal cannot be caught or ignored", sh_arg(argv[argi]));
			status = 1;
		}
	}
	return status;
}
