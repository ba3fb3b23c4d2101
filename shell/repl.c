/* repl.c - the read-parse-run loop, over every kind of input.
 *
 * One loop serves the prompt, -c strings, scripts and piped standard
 * input: take the next complete command from the source (which fetches as
 * many lines as the command needs, with PS2 at the prompt), run it, free
 * it.  Only the prompt differs: history, job notices and what happens after
 * a syntax error (a script stops; the prompt carries on).
 */
#include "repl.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eval.h"
#include "expand.h"
#include "input.h"
#include "jobctl.h"
#include "jobs.h"
#include "parser.h"
#include "redir.h"
#include "shell.h"
#include "signals.h"
#include "source.h"
#include "trap.h"
#include "util.h"
#include "vars.h"

/* Functions other layers run before each prompt (and after each command
 * of a script): the lesson engine's exercise check. */
#define MAX_HOOKS 4
static void (*hooks[MAX_HOOKS])(void);
static size_t nhooks;

void repl_on_prompt(void (*fn)(void))
{
	if (nhooks < MAX_HOOKS)
		hooks[nhooks++] = fn;
}

static void run_hooks(void)
{
	for (size_t i = 0; i < nhooks; i++)
		hooks[i]();
}

/* After a command at the top level: what sh.skip asks for.  Returns 1 when
 * the loop must stop (exit, or return outside any function). */
static int top_level_done(void)
{
	switch (sh.skip) {
	case SKIP_EXIT:
	case SKIP_RETURN:
		return 1;
	case SKIP_INTR:
		/* an interactive error or Ctrl-C: the rest of the line is gone */
		sh.skip = SKIP_NONE;
		return !sh.interactive;
	default:
		sh.skip = SKIP_NONE; /* break or continue outside any loop */
		return 0;
	}
}

/* The loop itself; nested is set for a . file (which stops at anything
 * that leaves it: a syntax error, exit, return, break); as_prompt is clear
 * for commands handed over by the lesson engine, which are never the
 * prompt's (no history, no "exit" at their end) even in an interactive
 * shell.  Returns the shell's status. */
static int run_source(struct source *src, int nested, int as_prompt)
{
	int interactive = sh.interactive && !nested && as_prompt;
	for (;;) {
		if (interactive) {
			jobs_reap();
			jobs_notify(stderr, 1);
		} else if (!nested) {
			jobs_notify(stderr, 0);
		}
		if (!nested)
			run_hooks();
		if (!nested && trap_run_pending() && sh.skip == SKIP_EXIT)
			break;
		src_begin(src);
		struct node *tree;
		struct syn_error err;
		enum syn_status st = parse_command(src, &tree, &err);
		if (st == SYN_EOF) {
			if (!interactive)
				break;
			fputs("exit\n", stderr);
			sh.commands_run++;
			if (jobs_warn_stopped()) {
				src->at_eof = 0;
				continue;
			}
			break;
		}
		if (interactive && src->text.len > 1 && st != SYN_INTR) {
			src->text.buf[src->text.len - 1] = '\0'; /* without the final newline */
			input_history_add(src->text.buf);
			src->text.buf[src->text.len - 1] = '\n';
		}
		if (st == SYN_INTR) {
			sh.status = 130;
			src_skip_line(src);
			trap_note(SIGINT);
			trap_run_pending();
			if (sh.skip == SKIP_EXIT)
				break;
			continue;
		}
		if (st == SYN_ERROR) {
			if (interactive && err.at_eof) {
				fputc('\n', stderr); /* Ctrl-D in the middle of a command */
				src->at_eof = 0;
			}
			sh.lineno = err.line;
			sh_syntax_error(src->text.buf, err.pos, err.msg);
			sh.status = 2;
			if (nested) {
				sh_fatal(2);
				break;
			}
			if (!interactive)
				break; /* sh stops a script at a syntax error */
			src_skip_line(src);
			continue;
		}
		if (!tree)
			continue;
		src_sync(src);
		if (sh.opt[OPT_n] && !interactive) {
			node_free(tree); /* set -n: read and check, run nothing */
			continue;
		}
		if (interactive)
			sh.commands_run++;
		/* a . file whose status is tested runs with set -e off */
		eval_node(tree, nested && sh.tested ? EVAL_TESTED : 0);
		node_free(tree);
		if (nested ? sh.skip != SKIP_NONE : top_level_done())
			break;
	}
	if (src->read_errno) {
		/* A read error is not the end of the input: `forksh < /tmp`
		 * once ran nothing and said nothing, with status 0. */
		sh.lineno = 0;
		sh_error("cannot read %s: %s", src->fd == STDIN_FILENO ? "standard input" : "the script",
			 strerror(src->read_errno));
		sh.status = 2;
	}
	return sh.status;
}

int repl_run_string(const char *cmds)
{
	struct source src;
	src_init_string(&src, cmds, strlen(cmds), 1);
	int status = run_source(&src, 0, 1);
	src_free(&src);
	return status;
}

int repl_run_command(const char *cmds)
{
	struct source src;
	src_init_string(&src, cmds, strlen(cmds), 1);
	long lineno = sh.lineno;
	int status = run_source(&src, 0, 0);
	sh.lineno = lineno; /* the string's lines are not the prompt's */
	src_free(&src);
	return status;
}

/* The read buffer is static, not on the stack or the heap.  On the stack
 * it would put 4 kB between the loop's variables and the frames that fork,
 * and on the heap between malloc's own bookkeeping and the small blocks each
 * command uses: either way every command would write to one more page after
 * each fork, and each such page costs a copy-on-write fault.  A shell reads
 * one file at a time (main() calls this once), so one buffer is enough. */
/* Run the commands of a descriptor above 2 (a script, a . file, a
 * start-up file): its number is the shell's own while it reads, so a
 * redirection that names it (`exec 3>log` in a script read from fd 3, under
 * a low RLIMIT_NOFILE) moves it first instead of cutting the script off.
 * Closes fd when done.  Returns the last status. */
static int run_private_fd(int fd, int shared, char *buf, int nested)
{
	struct source src;
	int lifted = fd > 2 ? fd_lift_private(fd) : -1;
	if (lifted >= 0)
		fd = lifted;
	src_init_fd(&src, fd, shared, buf);
	if (fd > 2)
		fd_private_track(&src.fd);
	int status = run_source(&src, nested, 1);
	if (fd > 2) {
		fd_private_untrack(&src.fd);
		close(src.fd);
	}
	src_free(&src);
	return status;
}

int repl_run_fd(int fd, int shared_with_children)
{
	static char buf[SRC_BUF];
	return run_private_fd(fd, shared_with_children, buf, 0);
}

int repl_run_file(int fd)
{
	/* Not the static buffer: a . file may be read while a script is. */
	char *buf = xmalloc(SRC_BUF);
	int status = run_private_fd(fd, 0, buf, 1);
	free(buf);
	return status;
}

/* The prompt shows the shell's PID, so that fork's "child PID" in trace
 * and lesson output can be told apart from the shell at a glance.  The last
 * status is shown when it was not 0.  \001 and \002 tell readline that the
 * colour codes take no room on the screen.  PS1 and PS2, when set, replace
 * the default prompts. */
static void make_prompt(char *buf, size_t len, int continuation)
{
	const char *ps = var_get(continuation ? "PS2" : "PS1");
	if (ps) {
		/* PS1 and PS2 are the user's: expanded as POSIX says */
		char *e = expand_text(ps);
		snprintf(buf, len, "%s", e);
		free(e);
		return;
	}
	if (continuation) {
		snprintf(buf, len, "> ");
		return;
	}
	char status[32] = "";
	if (sh.status != 0)
		snprintf(status, sizeof status, sh.color ? "\001\033[31m\002(%d)\001\033[0m\002" : "(%d)",
			 sh.status);
	if (sh.color)
		snprintf(buf, len, "\001\033[1;36m\002forksh\001\033[0m\002[%ld]%s$ ", (long)sh.pid, status);
	else
		snprintf(buf, len, "forksh[%ld]%s$ ", (long)sh.pid, status);
}

/* The source's line reader at the prompt. */
static enum src_line prompt_line(void *ctx, int continuation, char **line)
{
	char prompt[512];
	(void)ctx;
	make_prompt(prompt, sizeof prompt, continuation);
	switch (input_read(prompt, line)) {
	case INPUT_LINE:
		return SRC_LINE;
	case INPUT_INTERRUPT:
		return SRC_LINE_INTR;
	default:
		return SRC_LINE_EOF;
	}
}

int repl_run_interactive(void)
{
	input_init();
	if (jobctl_init() < 0)
		sh_error("no job control in this shell");
	else
		sh.opt[OPT_m] = 1;
	struct source src;
	src_init_prompt(&src, prompt_line, NULL);
	int status = run_source(&src, 0, 1);
	src_free(&src);
	jobs_hangup(0);
	jobctl_shutdown();
	input_shutdown();
	return status;
}
