/* exit.c - exit and exec: the two builtins that end the shell as it is. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/events.h"
#include "../shell/eval.h"
#include "../shell/jobs.h"
#include "../shell/shell.h"
#include "../shell/signals.h"

/* Parse a decimal status; returns 0 on success. */
static int parse_status(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno)
		return -1;
	*out = (int)(v & 0xff);
	return 0;
}

/* exit [N]: only asks the shell to stop; the read loop does the leaving, so
 * history is saved and the exit status is the one given here (no N: $?,
 * or in a trap action $? from before it). */
int bi_exit(int argc, char **argv)
{
	int status = sh.in_trap ? sh.trap_status : sh.status;
	if (argc > 2) {
		sh_error("exit: too many arguments");
		return 1;
	}
	if (argc == 2 && parse_status(argv[1], &status) < 0) {
		sh_error("exit: %s: numeric argument required", argv[1]);
		status = 2;
	}
	/* Like bash: a first `exit` with stopped jobs only warns; an `exit`
	 * straight after that leaves, and the stopped jobs get SIGHUP. */
	if (sh.interactive && !sh.in_child && jobs_warn_stopped())
		return 1;
	sh.status = status;
	sh.skip = SKIP_EXIT;
	return status;
}

/* exec COMMAND [ARG...]: replace this process with COMMAND.  There is no
 * fork, so the new program keeps the shell's PID.  The executor has already
 * applied this command's redirections to the shell for good. */
int bi_exec(int argc, char **argv)
{
	if (argc < 2)
		return 0;
	int argi = 1;
	if (strcmp(argv[argi], "--") == 0 && ++argi >= argc)
		return 0;
	fflush(stdout);
	fflush(stderr);
	sig_child_defaults(0);
	EV(EV_EXEC, .argv = argv + argi);
	exec_path_search(argv + argi);
	int err = errno;
	EV(EV_EXEC_FAIL, .str = argv[argi], .err = err);
	int status = exec_failure(argv[argi], err);
	/* Still the shell: take back the dispositions given up for the exec. */
	if (sh.interactive && sig_init(1) < 0)
		sh_error("exec: cannot restore signal handling");
	/* Like sh, a script whose exec failed has nowhere sensible to go on. */
	if (!sh.interactive) {
		sh.status = status;
		sh.skip = SKIP_EXIT;
	}
	return status;
}
