/* main.c - command-line options and the choice of input mode.  main() lives
 * alone in this file so the tests can link every other module. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../builtins/builtins.h"
#include "func.h"
#include "jobs.h"
#include "params.h"
#include "redir.h"
#include "repl.h"
#include "stack.h"
#include "shell.h"
#include "signals.h"
#include "trace.h"
#include "trap.h"
#include "util.h"
#include "vars.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: forksh [OPTIONS]                  interactive shell (or commands from stdin)\n"
		"       forksh [OPTIONS] -c CMDS [NAME [ARG...]]\n"
		"       forksh [OPTIONS] FILE [ARG...]\n"
		"\n"
		"A teaching shell: every program runs through fork, execvp and waitpid.\n"
		"\n"
		"  -c CMDS        run CMDS and exit; NAME becomes $0 and ARGs $1, $2, ...\n"
		"      --no-color do not use colour (also when NO_COLOR is set)\n"
		"      --trace    start with `trace on`: show every fork, exec and wait\n"
		"  -h, --help     show this help and exit\n"
		"  -V, --version  show the version and exit\n"
		"\n"
		"At the prompt, 'help' lists the builtins.  See also: man forksh\n");
}

/* Make sure PWD names the current directory, as other shells do at start. */
static void init_pwd(void)
{
	const char *pwd = var_get("PWD");
	struct stat a, b;
	if (pwd && *pwd == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		return;
	char *cwd = getcwd(NULL, 0);
	if (cwd)
		var_export("PWD", cwd);
	free(cwd);
}

/* Open a script: a missing file is 127 and an unreadable one 126, as in
 * bash.  Returns the descriptor (close-on-exec, above 9) or -1. */
static int open_script(const char *path, int *status)
{
	struct stat st;
	char buf[96];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*status = errno == ENOENT ? 127 : 126;
		sh_error("%s: %s", sh_short_name(path, buf, sizeof buf), strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		*status = 126;
		sh_error("%s: Is a directory", sh_short_name(path, buf, sizeof buf));
		return -1;
	}
	int lifted = fd_lift(fd, 10);
	return lifted >= 0 ? lifted : fd;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "trace", no_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmds = NULL;
	int no_color = 0, trace = 0, opt;

	while ((opt = getopt_long(argc, argv, "+c:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c': cmds = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("forksh %s\n", forksh_version); return 0;
		case 'C': no_color = 1; break;
		case 'T': trace = 1; break;
		default: usage(stderr); return 2;
		}
	}

	stack_init();
	var_import_environ();
	builtins_init();
	sh.pid = getpid();
	/* Become the child subreaper: orphaned grandchildren (the lessons make
	 * them on purpose) are adopted by forksh, not init, so they can be shown
	 * and are reaped here instead of lingering. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	sh.arg0 = argv[0];
	init_pwd();
	char ppid[24];
	snprintf(ppid, sizeof ppid, "%ld", (long)getppid());
	var_set("PPID", ppid);
	/* IFS is never taken from the environment (a hostile value would
	 * change how every script splits words), as in dash. */
	var_unset("IFS");
	var_set("IFS", " \t\n");

	const char *term = getenv("TERM");
	sh.color_ok = !no_color && !(getenv("NO_COLOR") && *getenv("NO_COLOR")) &&
		      !(term && strcmp(term, "dumb") == 0);
	if (trace && trace_set(1) < 0)
		sh_error("--trace: cannot copy stderr: %s", strerror(errno));

	int status = 0;
	if (cmds) {
		if (optind < argc)
			sh.source = sh.arg0 = argv[optind++];
		params_set(argc - optind, argv + optind);
		status = repl_run_string(cmds);
	} else if (optind < argc) {
		sh.arg0 = argv[optind++];
		params_set(argc - optind, argv + optind);
		int fd = open_script(sh.arg0, &status);
		if (fd >= 0) {
			sh.source = sh.arg0;
			status = repl_run_fd(fd, 0);
			close(fd);
		}
	} else if (isatty(STDIN_FILENO)) {
		sh.interactive = 1;
		sh.color = sh.color_ok && isatty(STDERR_FILENO);
		if (sig_init(1) < 0)
			sh_error("cannot set up signal handling: %s", strerror(errno));
		status = repl_run_interactive();
	} else {
		status = repl_run_fd(STDIN_FILENO, 1);
	}

	trap_run_exit();
	jobs_forget();
	func_clear_all();
	params_set(0, NULL);
	var_clear_all();
	if (fflush(stdout) != 0 && status == 0)
		status = 1;
	return status;
}
