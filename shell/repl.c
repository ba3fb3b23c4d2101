/* repl.c - reading logical lines and running them. */
#include "repl.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"
#include "explain.h"
#include "input.h"
#include "jobctl.h"
#include "jobs.h"
#include "../lessons/lessons.h"
#include "parser.h"
#include "redir.h"
#include "shell.h"
#include "signals.h"
#include "util.h"

#define SOURCE_BUF 4096

/* Where physical lines come from in non-interactive mode. */
struct source {
	const char *str;     /* -c string, or NULL */
	int fd;              /* file, or -1 */
	int sync;            /* fd is shared with children: seek back before running */
	int seekable;
	char *buf;           /* SOURCE_BUF bytes, not on the stack (see repl_run_fd) */
	size_t start, end;
	int eof;
	int unterminated;    /* the last line read ended at end of input, with no newline */
	int read_errno;      /* the input could not be read (EISDIR: stdin is a directory) */
};

/* Read one physical line into sb (without its newline).  NUL bytes are
 * dropped, as dash does.  The buffered bytes up to the newline are copied in
 * one piece (memchr finds the end), not byte by byte.  Returns 0, or -1 at
 * end of input with nothing read. */
static int source_getline(struct source *s, struct strbuf *sb)
{
	int got = 0;
	s->unterminated = 0;
	if (s->str) {
		if (!*s->str)
			return -1;
		const char *nl = strchrnul(s->str, '\n');
		sb_addn(sb, s->str, (size_t)(nl - s->str));
		s->unterminated = !*nl;
		s->str = *nl ? nl + 1 : nl;
		return 0;
	}
	for (;;) {
		if (s->start == s->end) {
			if (s->eof) {
				s->unterminated = got;
				return got ? 0 : -1;
			}
			/* A pipe shared with children is read a byte at a time, so
			 * we never swallow input that belongs to a command. */
			size_t want = (s->sync && !s->seekable) ? 1 : SOURCE_BUF;
			/* Input that may keep us waiting (a pipe, a terminal):
			 * reap background jobs that end meanwhile. */
			if (!s->seekable && jobs_wait_readable(s->fd) < 0 && errno == EINTR)
				continue;
			ssize_t n = read(s->fd, s->buf, want);
			if (n < 0 && (errno == EINTR || errno == EAGAIN))
				continue; /* EAGAIN: a non-blocking stdin; wait again */
			if (n < 0)
				s->read_errno = errno;
			if (n <= 0) {
				s->eof = 1;
				continue;
			}
			s->start = 0;
			s->end = (size_t)n;
		}
		got = 1;
		const char *from = s->buf + s->start;
		size_t avail = s->end - s->start;
		const char *nl = memchr(from, '\n', avail);
		size_t take = nl ? (size_t)(nl - from) : avail;
		for (size_t i = 0; i < take;) {
			/* copy up to the next NUL byte, then skip it */
			const char *nul = memchr(from + i, '\0', take - i);
			size_t run = nul ? (size_t)(nul - (from + i)) : take - i;
			sb_addn(sb, from + i, run);
			i += run + (nul != NULL);
		}
		s->start += take + (nl != NULL);
		if (nl)
			return 0;
	}
}

/* Before running a command read from a shared stdin, give back what we read
 * ahead, so `cat` in the script reads the lines after it. */
static void source_sync(struct source *s)
{
	if (!s->sync || !s->seekable || s->start == s->end)
		return;
	if (lseek(s->fd, -(off_t)(s->end - s->start), SEEK_CUR) >= 0)
		s->start = s->end = 0;
}

/* Give the line read its newline back, unless the input ended without one:
 * then a final backslash has no newline to join and stays a backslash
 * (`forksh -c 'echo a\'` prints a\, as dash and bash do). */
static void end_line(const struct source *s, struct strbuf *line)
{
	if (!s->unterminated)
		sb_addc(line, '\n');
}

/* A line that ends in backslash-newline continues on the next one: drop the
 * two bytes so the next line joins right where the backslash stood. */
static void drop_continuation(struct strbuf *line, const struct syn_error *err)
{
	if (err->continuation && line->len >= 2) {
		line->len -= 2;
		line->buf[line->len] = '\0';
	}
}

/* The non-interactive loop shared by -c, scripts and piped stdin. */
static int run_source(struct source *s)
{
	struct strbuf line;
	long lineno = 0;

	sb_init(&line);
	while (!sh.exit_requested) {
		long first = lineno + 1;
		sb_reset(&line); /* keep the buffer: no malloc per line */
		if (source_getline(s, &line) < 0)
			break;
		lineno++;
		end_line(s, &line);

		struct node *tree;
		struct syn_error err;
		enum syn_status st;
		while ((st = parse_line(line.buf, &tree, &err)) == SYN_INCOMPLETE) {
			drop_continuation(&line, &err);
			if (source_getline(s, &line) < 0) {
				/* a final backslash-newline continues into nothing */
				if (err.continuation) {
					sb_addc(&line, '\n');
					st = parse_line(line.buf, &tree, &err);
				}
				break;
			}
			lineno++;
			end_line(s, &line);
		}
		sh.lineno = first;
		int explained = explain_intercept(line.buf, tree);
		if (explained >= 0) {
			node_free(tree);
			sh.status = explained;
			continue;
		}
		if (st != SYN_OK) {
			if (st == SYN_INCOMPLETE)
				snprintf(err.msg + strlen(err.msg), sizeof err.msg - strlen(err.msg),
					 " (the input ended first)");
			sh_syntax_error(line.buf, err.pos, err.msg);
			sh.status = 2;
			break; /* sh stops a script at a syntax error */
		}
		if (tree) {
			source_sync(s);
			exec_node(tree);
			node_free(tree);
		}
		jobs_notify(stderr, 0);
		lesson_exercise_poll();
	}
	sb_free(&line);
	if (s->read_errno) {
		/* A read error is not the end of the input: `forksh < /tmp`
		 * once ran nothing and said nothing, with status 0. */
		sh.lineno = 0;
		sh_error("cannot read %s: %s", s->fd == STDIN_FILENO ? "standard input" : "the script",
			 strerror(s->read_errno));
		sh.status = 2;
	}
	return sh.status;
}

int repl_run_string(const char *cmds)
{
	struct source s = { .str = cmds, .fd = -1 };
	return run_source(&s);
}

/* The read buffer is static, not on the stack or the heap.  On the stack
 * it would put 4 kB between the loop's variables and the frames that fork,
 * and on the heap between malloc's own bookkeeping and the small blocks each
 * command uses: either way every command would write to one more page after
 * each fork, and each such page costs a copy-on-write fault.  A shell reads
 * one file at a time (main() calls this once), so one buffer is enough. */
int repl_run_fd(int fd, int shared_with_children)
{
	static char buf[SOURCE_BUF];
	struct source s = { .fd = fd, .sync = shared_with_children, .buf = buf };
	s.seekable = lseek(fd, 0, SEEK_CUR) >= 0;
	if (fd > 2)
		fd_private_track(&s.fd); /* a script: a redirection may not take its number */
	int status = run_source(&s);
	if (fd > 2) {
		fd_private_untrack(&s.fd);
		close(s.fd);
	}
	return status;
}

/* The prompt shows the shell's PID, so that fork's "child PID" in trace
 * and lesson output can be told apart from the shell at a glance.  The last
 * status is shown when it was not 0.  \001 and \002 tell readline that the
 * colour codes take no room on the screen. */
static void make_prompt(char *buf, size_t len, int continuation)
{
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

int repl_run_interactive(void)
{
	struct strbuf cmd;
	char prompt[128];

	input_init();
	if (jobctl_init() < 0)
		sh_error("no job control in this shell");
	sb_init(&cmd);
	while (!sh.exit_requested) {
		char *line;
		jobs_reap();
		jobs_notify(stderr, 1);
		lesson_exercise_poll();
		make_prompt(prompt, sizeof prompt, cmd.len > 0);
		enum input_result r = input_read(prompt, &line);
		if (r == INPUT_INTERRUPT) {
			sb_free(&cmd);
			sh.status = 130;
			continue;
		}
		if (r == INPUT_EOF) {
			if (cmd.len > 0) {
				/* Ctrl-D in the middle of an unfinished command */
				fputc('\n', stderr);
				sh_syntax_error(cmd.buf, cmd.len, "unexpected end of input");
				sb_free(&cmd);
				sh.status = 2;
				continue;
			}
			fputs("exit\n", stderr);
			sh.commands_run++;
			if (jobs_warn_stopped())
				continue;
			break;
		}
		sb_adds(&cmd, line);
		free(line);
		sb_addc(&cmd, '\n');

		struct node *tree;
		struct syn_error err;
		enum syn_status st = parse_line(cmd.buf, &tree, &err);
		if (st == SYN_INCOMPLETE) {
			drop_continuation(&cmd, &err);
			continue; /* ask for the rest with the "> " prompt */
		}
		cmd.buf[cmd.len - 1] = '\0'; /* history without the final newline */
		input_history_add(cmd.buf);
		cmd.buf[cmd.len - 1] = '\n';
		int explained = explain_intercept(cmd.buf, tree);
		if (explained >= 0) {
			node_free(tree);
			sh.status = explained;
		} else if (st == SYN_ERROR) {
			sh_syntax_error(cmd.buf, err.pos, err.msg);
			sh.status = 2;
		} else if (tree) {
			sh.interrupted = 0;
			sh.commands_run++;
			exec_node(tree);
			node_free(tree);
		}
		sb_free(&cmd);
	}
	sb_free(&cmd);
	jobs_hangup(0);
	jobctl_shutdown();
	input_shutdown();
	return sh.status;
}
