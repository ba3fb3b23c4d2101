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
#include "../shell/number.h"
#include "../shell/shell.h"
#include "../shell/signals.h"

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
	long long n;
	if (argc == 2 && num_parse(argv[1], 0, INT_MAX, &n) == NUM_OK)
		status = (int)(n & 0xff); /* the kernel keeps the low 8 bits */
	else if (argc == 2)
		status = num_illegal("exit", argv[1]); /* and leave with 2, as sh does */
	/* Like bash: a first `exit` with stopped jobs only warns; an `exit`
	 * straight after that leaves, and the stopped jobs get SIGHUP. */
	if (sh.interactive && jobs_warn_stopped()) /* never in a child: fork clears interactive */
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
	/* The new program gets what any child of the shell gets: the default
	 * signal dispositions, and no child-subreaper role it never asked for
	 * (it would never reap the orphans handed to it). */
	sig_child_defaults(0);
	sig_child_unblock();
	jobs_subreaper(0);
	EV(EV_EXEC, .argv = argv + argi);
	exec_path_search(argv + argi);
	int err = errno;
	EV(EV_EXEC_FAIL, .str = argv[argi], .err = err);
	jobs_subreaper(1);
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
