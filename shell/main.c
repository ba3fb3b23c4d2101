/* main.c - command-line options and the choice of input mode.  main() lives
 * alone in this file so the tests can link every other module. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../builtins/builtins.h"
#include "jobs.h"
#include "expand.h"
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
		"usage: forksh [OPTIONS] [-s] [ARG...]    interactive shell (or commands from stdin)\n"
		"       forksh [OPTIONS] -c CMDS [NAME [ARG...]]\n"
		"       forksh [OPTIONS] FILE [ARG...]\n"
		"\n"
		"A teaching shell: every program runs through fork, execvp and waitpid.\n"
		"\n"
		"  -c             run the string CMDS and exit; NAME becomes $0, ARGs $1, $2, ...\n"
		"  -s             read commands from standard input (ARGs become $1, $2, ...)\n"
		"  -i             interactive, even when the input is no terminal\n"
		"  -l, --login    a login shell: read /etc/profile and ~/.profile first\n"
		"  -abCefmnuvx    set options, as the set builtin does (+x turns one off)\n"
		"  -o NAME        set an option by name (+o NAME turns it off)\n"
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

/* A start-up file (profile, $ENV, ~/.forkshrc): read like a . file in
 * this shell; one that does not exist is simply skipped. */
static void run_startup_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	sh.dot_depth++;
	repl_run_file(fd); /* and closes it */
	sh.dot_depth--;
	if (sh.skip == SKIP_RETURN || sh.skip == SKIP_INTR)
		sh.skip = SKIP_NONE;
}

/* What an interactive shell reads first (XCU sh): a login shell the
 * profiles, then every interactive shell $ENV (expanded; not for set-uid
 * use), or forksh's own ~/.forkshrc when ENV is not set. */
static void startup_files(int login)
{
	const char *home = var_get("HOME");
	char path[4096];
	if (login) {
		run_startup_file("/etc/profile");
		if (home && *home && sh.skip != SKIP_EXIT) {
			snprintf(path, sizeof path, "%s/.profile", home);
			run_startup_file(path);
		}
	}
	if (!sh.interactive || sh.skip == SKIP_EXIT)
		return;
	const char *env = var_get("ENV");
	if (env && getuid() == geteuid() && getgid() == getegid()) {
		char *e = expand_text(env);
		if (*e)
			run_startup_file(e);
		free(e);
	} else if (!env && home && *home) {
		snprintf(path, sizeof path, "%s/.forkshrc", home);
		run_startup_file(path);
	}
}

/* The options of sh (XCU sh): -c, -s, -i, -l and every set option, as
 * -x or +x, -o NAME or +o NAME, grouped (-ex), plus forksh's long ones.
 * Hand-written: getopt cannot read the +x form POSIX asks for.  Returns
 * the index of the first operand, or -1 after a usage error (*status). */
struct invocation {
	int c, s, i, login, no_color, trace;
};

static int parse_options(int argc, char **argv, struct invocation *inv, int *status)
{
	int k = 1;
	for (; k < argc; k++) {
		const char *a = argv[k];
		if (strcmp(a, "--") == 0 || strcmp(a, "-") == 0)
			return k + 1;
		if (strncmp(a, "--", 2) == 0) {
			if (strcmp(a, "--help") == 0) {
				usage(stdout);
				*status = 0;
				return -1;
			}
			if (strcmp(a, "--version") == 0) {
				printf("forksh %s\n", forksh_version);
				*status = 0;
				return -1;
			}
			if (strcmp(a, "--no-color") == 0)
				inv->no_color = 1;
			else if (strcmp(a, "--trace") == 0)
				inv->trace = 1;
			else if (strcmp(a, "--login") == 0)
				inv->login = 1;
			else
				goto bad;
			continue;
		}
		if ((a[0] != '-' && a[0] != '+') || !a[1])
			return k;
		int on = a[0] == '-';
		for (const char *c = a + 1; *c; c++) {
			int opt;
			if (*c == 'o') {
				if (k + 1 >= argc || (opt = opt_by_name(argv[k + 1])) < 0)
					goto bad;
				k++;
				opt_set(opt, on);
			} else if (on && *c == 'c') {
				inv->c = 1;
			} else if (on && *c == 's') {
				inv->s = 1;
			} else if (on && *c == 'i') {
				inv->i = 1;
			} else if (on && *c == 'l') {
				inv->login = 1;
			} else if (on && *c == 'h' && c == a + 1 && !c[1]) {
				usage(stdout);
				*status = 0;
				return -1;
			} else if (on && *c == 'V' && c == a + 1 && !c[1]) {
				printf("forksh %s\n", forksh_version);
				*status = 0;
				return -1;
			} else if ((opt = opt_by_letter(*c)) >= 0) {
				opt_set(opt, on);
			} else {
				goto bad;
			}
		}
	}
	return k;
bad:
	usage(stderr);
	*status = 2;
	return -1;
}

int main(int argc, char **argv)
{
	struct invocation inv = { 0 };
	int status = 0;
	int optind = parse_options(argc, argv, &inv, &status);
	if (optind < 0)
		return status;
	const char *cmds = NULL;
	if (inv.c) {
		if (optind >= argc) {
			fprintf(stderr, "forksh: -c needs a command string\n");
			return 2;
		}
		cmds = argv[optind++];
	}
	int no_color = inv.no_color, trace = inv.trace;
	int login = inv.login || argv[0][0] == '-';

	/* stdout's buffer is set up here, once, rather than on a first write,
	 * which in a script is often a child's (`x=$(echo $i)` would malloc
	 * and fstat in every one); line buffered at a terminal, as stdio
	 * itself would have chosen. */
	static char stdout_buf[BUFSIZ];
	setvbuf(stdout, stdout_buf, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, sizeof stdout_buf);
	stack_init();
	sig_note_initial();
	var_import_environ();
	builtins_init();
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
	var_set_flags("PPID", ppid, 0); /* not exported, even under -a */
	/* IFS is never taken from the environment (a hostile value would
	 * change how every script splits words), as in dash. */
	var_unset("IFS");
	var_set_flags("IFS", " \t\n", 0);
	/* getopts starts at the first argument (XCU: OPTIND is 1 when the shell starts). */
	var_set_flags("OPTIND", "1", 0);

	const char *term = getenv("TERM");
	sh.color_ok = !no_color && !(getenv("NO_COLOR") && *getenv("NO_COLOR")) &&
		      !(term && strcmp(term, "dumb") == 0);
	if (trace && trace_set(1) < 0)
		sh_error("--trace: cannot copy stderr: %s", strerror(errno));

	/* Interactive: no -c, no script, standard input and error terminals
	 * (or -i); then ENV and the profiles are read first. */
	int script = !cmds && !inv.s && optind < argc;
	if (inv.i || (!cmds && !script && isatty(STDIN_FILENO) && isatty(STDERR_FILENO)))
		sh.interactive = 1;
	sh.at_prompt = sh.interactive && !cmds && !script;
	sh.from_stdin = !cmds && !script;
	if (sh.interactive) {
		sh.color = sh.color_ok && isatty(STDERR_FILENO);
		if (sig_init(1) < 0)
			sh_error("cannot set up signal handling: %s", strerror(errno));
	}
	if (login || sh.interactive)
		startup_files(login);
	if (sh.skip == SKIP_EXIT) {
		status = sh.status;
	} else if (cmds) {
		if (optind < argc)
			sh.source = sh.arg0 = argv[optind++];
		params_set(argc - optind, argv + optind);
		status = repl_run_string(cmds);
	} else if (script) {
		sh.arg0 = argv[optind++];
		params_set(argc - optind, argv + optind);
		int fd = open_script(sh.arg0, &status);
		if (fd >= 0) {
			sh.source = sh.arg0;
			status = repl_run_fd(fd, 0); /* and closes it */
		}
	} else if (sh.interactive && isatty(STDIN_FILENO)) {
		params_set(argc - optind, argv + optind);
		status = repl_run_interactive();
	} else {
		params_set(argc - optind, argv + optind);
		status = repl_run_fd(STDIN_FILENO, 1);
	}

	sh.status = status;
	trap_run_exit();
	status = sh.status;
	/* The functions, variables, parameters, traps and jobs are not freed
	 * one by one: the process ends here and gives all its memory back at
	 * once.  (Freeing a long script's function trees took about 3% of
	 * running it; memory checkers count it as reachable, not as a leak.) */
	if (fflush(stdout) != 0 && status == 0)
		status = 1;
	return status;
}
