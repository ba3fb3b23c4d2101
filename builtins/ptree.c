/* ptree.c - the ptree builtin: the live tree of this shell and its
 * descendants, read from /proc.
 *
 * It shows what fork leaves behind: every background job is a child of the
 * shell, every process its parent has not waited for yet is a zombie (Z).
 * It runs inside the shell, so the shell is the root and ptree itself does
 * not show up as a process of its own.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/number.h"
#include "../shell/proctree.h"
#include "../shell/shell.h"
#include "../shell/vars.h"

/* Columns to cut lines to: the terminal's width when stdout is one (80 if
 * it will not say), and 0 (never cut) when the output goes to a file or a
 * pipe, where a reader wants the whole command lines. */
static int output_width(void)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* ptree [--ascii] [PID]: returns 0, 1 when the PID names no process (or
 * /proc cannot be read), 2 for a usage error or a PID that is not a number
 * from 1 to INT_MAX. */
int bi_ptree(int argc, char **argv)
{
	int ascii = 0, argi = 1;
	for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
		if (strcmp(argv[argi], "--ascii") == 0) {
			ascii = 1;
		} else if (strcmp(argv[argi], "--") == 0) {
			argi++;
			break;
		} else {
			return builtin_usage(builtin_find("ptree"));
		}
	}
	if (argc - argi > 1)
		return builtin_usage(builtin_find("ptree"));

	/* In a pipeline (ptree | less) this is a forked child of the shell:
	 * root the tree at the shell all the same, and point out the child. */
	pid_t self = sh.pid ? sh.pid : getpid();
	struct proctree_style style = {
		.root = self,
		.self = self,
		.runner = getpid() != self ? getpid() : 0,
		.utf8 = !ascii && var_locale_utf8(),
		.width = output_width(),
	};
	long long root;
	if (argi < argc) {
		if (num_parse(argv[argi], 1, INT_MAX, &root) != NUM_OK)
			return num_illegal("ptree", argv[argi]);
		style.root = (pid_t)root;
	}

	struct proc_info *procs;
	size_t n;
	if (proctree_read(&procs, &n) < 0) {
		sh_error("ptree: /proc: %s", strerror(errno));
		return 1;
	}
	long drawn = proctree_draw(stdout, procs, n, &style);
	proctree_free(procs, n);
	if (drawn < 0) {
		if (argi < argc)
			sh_error("ptree: %s: no such process", sh_arg(argv[argi]));
		else
			sh_error("ptree: %ld: no such process", (long)style.root);
		return 1;
	}
	return 0;
}
