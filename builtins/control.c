/* control.c - break, continue and return: they change where the shell
 * itself goes next, which no child process could do.  Each sets sh.skip;
 * the loops and function calls in eval.c unwind to the right level. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "../shell/number.h"
#include "../shell/shell.h"

/* A positive count for break and continue (default 1).  Returns it, or -1
 * after an error message. */
static int loop_count(const char *name, int argc, char **argv)
{
	if (argc > 2) {
		sh_error("%s: too many arguments", name);
		return -1;
	}
	if (argc < 2)
		return 1;
	long long n;
	if (num_parse(argv[1], 1, 1000000, &n) != NUM_OK) {
		num_illegal(name, argv[1]);
		return -1;
	}
	return (int)n;
}

/* break [N] / continue [N]: with no loop running they do nothing, as in
 * dash; a count larger than the loops running means all of them. */
static int leave_loops(const char *name, enum skip how, int argc, char **argv)
{
	int n = loop_count(name, argc, argv);
	if (n < 0)
		return sh_special_error(2);
	if (sh.loop_depth == 0)
		return 0;
	sh.skip = how;
	sh.skip_count = n > sh.loop_depth ? sh.loop_depth : n;
	return 0;
}

int bi_break(int argc, char **argv)
{
	return leave_loops("break", SKIP_BREAK, argc, argv);
}

int bi_continue(int argc, char **argv)
{
	return leave_loops("continue", SKIP_CONTINUE, argc, argv);
}

/* return [N]: leave the function (or . script) with status N, default $?.
 * Outside both, a script ends with that status, as in dash.  As in dash, N
 * may be above 255 ($? keeps it; a process's exit status takes its low
 * eight bits). */
int bi_return(int argc, char **argv)
{
	int status = sh.in_trap ? sh.trap_status : sh.status; /* in a trap action: $? before it */
	if (argc > 2) {
		sh_error("return: too many arguments");
		return sh_special_error(2);
	}
	if (argc == 2) {
		long long n;
		if (num_parse(argv[1], 0, INT_MAX, &n) != NUM_OK)
			return sh_special_error(num_illegal("return", argv[1]));
		status = (int)n;
	}
	if (sh.func_depth == 0 && sh.dot_depth == 0 && sh.interactive) {
		sh_error("return: not in a function or . script");
		return 1;
	}
	sh.status = status;
	sh.skip = SKIP_RETURN;
	return status;
}
