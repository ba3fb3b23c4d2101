/* eval.c - eval and . (dot): run text as shell commands inside the shell
 * itself.  Neither forks: that is their point (`. ./env.sh` sets variables
 * in the shell that reads it, where `sh ./env.sh` would set them in a
 * child that then exits). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/eval.h"
#include "../shell/events.h"
#include "../shell/path.h"
#include "../shell/repl.h"
#include "../shell/shell.h"
#include "../shell/util.h"

/* eval [ARG...]: the arguments joined with spaces, parsed and run. */
int bi_eval(int argc, char **argv)
{
	struct strbuf text;
	sb_init(&text);
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			sb_addc(&text, ' ');
		sb_adds(&text, argv[i]);
	}
	/* `if eval CMD`: set -e is off in CMD too */
	int status = text.len ? eval_text(text.buf, text.len, sh.tested ? EVAL_TESTED : 0) : 0;
	sb_free(&text);
	return status;
}

/* A readable regular file (for the PATH search of .). */
static int is_readable_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

/* . FILE: read and run FILE in this shell.  A name without '/' is looked
 * for on PATH (readable, not necessarily executable), as POSIX says;
 * `return` inside it ends the file early. */
int bi_dot(int argc, char **argv)
{
	if (argc < 2) {
		sh_error(".: a file name is needed");
		return sh_special_error(2);
	}
	char *path = strchr(argv[1], '/') ? xstrdup(argv[1]) : path_search(argv[1], is_readable_file);
	if (!path) {
		sh_error(".: %s: not found", sh_arg(argv[1]));
		return sh_special_error(2);
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		sh_error(".: %s: %s", sh_arg(path), strerror(errno));
		free(path);
		return sh_special_error(2);
	}
	EV(EV_SHELL, .str = ". reads the file in this process: no fork, so what it sets stays");
	sh.dot_depth++;
	int status = repl_run_file(fd); /* and closes it */
	sh.dot_depth--;
	free(path);
	if (sh.skip == SKIP_RETURN) {
		sh.skip = SKIP_NONE;
		status = sh.status;
	}
	return status;
}
