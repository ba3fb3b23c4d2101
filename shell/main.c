/* main.c - command-line options and the choice of input mode.  main() lives
 * alone in this file so the tests can link every other module. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jobs.h"
#include "redir.h"
#include "repl.h"
#include "shell.h"
#include "signals.h"
#include "trace.h"
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
	const char *pwd = getenv("PWD");
	struct stat a, b;
	if (pwd && *pwd == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		return;
	char *cwd = getcwd(NULL, 0);
	if (cwd)
		var_export("PWD", cwd);
	free(cwd);
}

/* Is the file on fd a program rather than a script?  bash's rule: an ELF
 * header, or a NUL byte in the first line (the first two when it starts
 * with #!) of its first 80 bytes; a script has no NUL there.  Read with
 * pread, so nothing is consumed.  Returns 1 or 0. */
static int is_binary(int fd)
{
	char buf[80];
	ssize_t n = pread(fd, buf, sizeof buf, 0);
	if (n >= 4 && memcmp(buf, "\177ELF", 4) == 0)
		return 1;
	int lines = n >= 2 && buf[0] == '#' && buf[1] == '!' ? 2 : 1;
	for (ssize_t i = 0; i < n; i++) {
		if (buf[i] == '\n' && --lines == 0)
			return 0;
		if (buf[i] == '\0')
			return 1;
	}
	return 0;
}

/* Open a script: a missing file is 127 and an unreadable one 126, as in
 * bash, and so is a binary (`forksh /bin/ls`), which would otherwise be
 * read as commands and answered with a syntax error full of raw bytes.
 * Returns the descriptor (close-on-exec, above 9 when it can be) or -1. */
static int open_script(const char *path, int *status)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*status = errno == ENOENT ? 127 : 126;
		sh_error("%s: %s", sh_arg(path), strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		*status = 126;
		sh_error("%s: Is a directory", sh_arg(path));
		return -1;
	}
	if (is_binary(fd)) {
		close(fd);
		*status = 126;
		sh_error("%s: cannot execute binary file", sh_arg(path));
		return -1;
	}
	int lifted = fd_lift_private(fd);
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

	sh.pid = getpid();
	/* A parent that ignored SIGCHLD (perl's $SIG{CHLD} = 'IGNORE', some
	 * daemons) hands that on through exec, and while SIGCHLD is ignored
	 * the kernel reaps children by itself: waitpid finds nothing, every
	 * status is lost (`false; echo $?` said 0) and `cp f /x/ && rm f`
	 * removed f.  The shell lives on its children's statuses, so it puts
	 * the default back first, in every mode (as dash does). */
	signal(SIGCHLD, SIG_DFL);
	/* Become the child subreaper: orphaned grandchildren (the lessons make
	 * them on purpose) are adopted by forksh, not init, so they can be shown
	 * and are reaped here instead of lingering. */
	jobs_subreaper(1);
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
		sh.argc = argc - optind;
		sh.argv = argv + optind;
		status = repl_run_string(cmds);
	} else if (optind < argc) {
		sh.arg0 = argv[optind++];
		sh.argc = argc - optind;
		sh.argv = argv + optind;
		int fd = open_script(sh.arg0, &status);
		if (fd >= 0) {
			sh.source = sh.arg0;
			status = repl_run_fd(fd, 0); /* and closes it */
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

	jobs_forget();
	var_clear_all();
	if (fflush(stdout) != 0 && status == 0)
		status = 1;
	return status;
}
