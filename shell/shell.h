/* shell.h - the state of the running shell, shared by every module.
 *
 * There is one shell per process, so this is one global struct, as in dash.
 * A forked child that runs shell code (a subshell, a pipeline member, a
 * command substitution) inherits a copy; it knows itself as a child because
 * its PID is not sh.pid ($$), so the fork path writes nothing here (a write
 * would copy the page).
 */
#ifndef FORKSH_SHELL_H
#define FORKSH_SHELL_H

#include <stdio.h>
#include <sys/types.h>

/* The version, from scripts/version.sh (the file VERSION and git describe);
 * make writes it into build/version.c. */
extern const char forksh_version[];

/* How the executor is leaving the commands it is running, instead of going
 * on with the next one.  Every list, loop and function call checks sh.skip
 * after each command and unwinds while it is set (see eval.c). */
enum skip {
	SKIP_NONE,
	SKIP_BREAK,     /* break N: leave skip_count loops */
	SKIP_CONTINUE,  /* continue N: leave skip_count - 1 loops, then go on with the next round */
	SKIP_RETURN,    /* return: leave the function (or the . script) */
	SKIP_EXIT,      /* exit, or a fatal error: leave the shell (or this child) */
	SKIP_INTR       /* interactive: Ctrl-C or an error abandons the command line */
};

/* set -o options (XCU 2.14, set).  The letters are in shell_opt_letters. */
enum shell_opt {
	OPT_a, OPT_b, OPT_C, OPT_e, OPT_f, OPT_h, OPT_m, OPT_n, OPT_u, OPT_v, OPT_x,
	OPT_PIPEFAIL, OPT_VI, OPT_EMACS, OPT_COUNT
};

struct shell {
	const char *name;    /* "forksh": prefix of every error message */
	pid_t pid;           /* $$: the shell's own PID, also inside its children */
	int status;          /* $?: status of the last command */
	pid_t last_bg;       /* $!: PID of the last background command, 0 if none */
	int interactive;     /* reading from a terminal with readline */
	int at_prompt;       /* the shell was started interactive: unlike interactive, kept
	                      * in its forked children, so that their error messages have
	                      * no line number either (a prompt has no lines to count) */
	int from_stdin;      /* commands come from standard input (sh -s, or no operand): s in $- */
	int color;           /* colour in the prompt */
	int color_ok;        /* colour allowed at all (no --no-color, NO_COLOR, TERM=dumb) */
	enum skip skip;      /* unwinding: see enum skip */
	int skip_count;      /* loops left to leave for break/continue */
	int loop_depth;      /* loops running in the current function (break's limit) */
	int func_depth;      /* function calls running */
	int dot_depth;       /* . scripts running (return leaves them too) */
	int in_special;      /* a special builtin is running as one (not through command) */
	int fatal;           /* the skip under way was set by sh_fatal (an error), not by exit */
	int tested;          /* the running builtin's status is tested (if, &&, !): set -e is
	                      * off in the commands eval and . run for it */
	int in_trap;         /* a trap action is running: exit and return without N use ... */
	int trap_status;     /* ... $? from before it (XCU exit, return) */
	long commands_run;   /* interactive lines run so far (exit's stopped-jobs warning) */
	char *arg0;          /* $0 */
	int argc;            /* $#  */
	char **argv;         /* $1 ... (owned; see params.h) */
	const char *source;  /* script or "-c" name for error messages, NULL at the prompt */
	long lineno;         /* line of the command being run ($LINENO, error messages) */
	char opt[OPT_COUNT]; /* set -o options */
	/* A command substitution ran in the command being expanded, and its
	 * status (see expand_subst_ran).  Here rather than in expand.c, so
	 * that per-command writes stay on one page: each written page is a
	 * copy-on-write fault after every fork. */
	int subst_ran;
	int subst_status;
};

extern struct shell sh;

/* Store value in lv only when it differs.  After a fork every page of the
 * shell's memory is shared and write-protected, and a store copies the page
 * first (a page fault) even when it writes the value already there: stores
 * made for every command, or in every child, go through this.  value is
 * evaluated twice; keep it simple. */
#define STORE_CHANGED(lv, value)            \
	do {                                \
		if ((lv) != (value))        \
			(lv) = (value);     \
	} while (0)

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

/* Write s to f whole, with control characters as ^X (DEL as ^?), for
 * text that is shown again but not cut short: a job's command line. */
void sh_put_visible(FILE *f, const char *s);

/* Print a syntax error for source text src: message, the offending line, and
 * a caret under the byte at pos. */
void sh_syntax_error(const char *src, size_t pos, const char *msg);

/* An error that POSIX says ends a non-interactive shell (a failed special
 * builtin, a bad ${x?}, a redirection error of a special builtin): the
 * command line is abandoned, and a script exits with status.  Returns
 * status. */
int sh_fatal(int status);

/* An error of a special builtin: fatal as above when it runs as a special
 * builtin, an ordinary failure through `command`.  Returns status. */
int sh_special_error(int status);

#endif
