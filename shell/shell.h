/* shell.h - the state of the running shell, shared by every module.
 *
 * There is one shell per process, so this is one global struct, as in dash.
 * A forked child that runs a builtin inherits a copy and marks itself with
 * in_child so that `exit` and friends act on the child, not the shell.
 */
#ifndef FORKSH_SHELL_H
#define FORKSH_SHELL_H

#include <stdio.h>
#include <sys/types.h>

/* The version, from scripts/version.sh (the file VERSION and git describe);
 * make writes it into build/version.c. */
extern const char forksh_version[];

struct shell {
	const char *name;    /* "forksh": prefix of every error message */
	pid_t pid;           /* $$: the shell's own PID, also inside pipeline children */
	int status;          /* $?: status of the last command */
	pid_t last_bg;       /* $!: PID of the last background command, 0 if none */
	int interactive;     /* reading from a terminal with readline */
	int color;           /* colour in the prompt */
	int color_ok;        /* colour allowed at all (no --no-color, NO_COLOR, TERM=dumb) */
	int in_child;        /* this process is a forked child running shell code */
	int exit_requested;  /* `exit` ran: stop reading commands */
	int interrupted;     /* Ctrl-C killed a foreground job: skip the rest of the line */
	long commands_run;   /* interactive lines run so far (exit's stopped-jobs warning) */
	char *arg0;          /* $0 */
	int argc;            /* $#  */
	char **argv;         /* $1 ... (not owned) */
	const char *source;  /* script or "-c" name for error messages, NULL at the prompt */
	long lineno;         /* line being run, for error messages in scripts */
};

extern struct shell sh;

/* Print "forksh: " + message to stderr (printf-style), with the script name
 * and line when running a script.  Always returns -1 for convenient use as
 * `return sh_error(...)`. */
int sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An argument fit to be repeated in a message: control characters other
 * than tab shown as ^X (DEL as ^?), and one longer than 80 bytes shown as its first 60 bytes
 * and its length ("aaaa... (10000 bytes)").  The text lives in one of four
 * static buffers used in turn, so up to four can appear in one message;
 * copy it to keep it longer. */
#define SH_ARG_SIZE 200
const char *sh_arg(const char *s);

/* Print a syntax error for source line src: message, the offending line, and
 * a caret under the byte at pos. */
void sh_syntax_error(const char *src, size_t pos, const char *msg);

#endif
