/* trace.c - the trace sink: one readable line per process event. */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "redir.h"
#include "shell.h"
#include "signals.h"

static int trace_fd = -1;
static int trace_color;

int trace_enabled(void)
{
	return trace_fd >= 0;
}

void trace_status(int ws, char *buf, size_t len)
{
	if (WIFEXITED(ws))
		snprintf(buf, len, "exited %d", WEXITSTATUS(ws));
	else if (WIFSIGNALED(ws))
		snprintf(buf, len, "killed by SIG%s%s", sig_name(WTERMSIG(ws)),
			 WCOREDUMP(ws) ? " (core dumped)" : "");
	else if (WIFSTOPPED(ws))
		snprintf(buf, len, "stopped by SIG%s", sig_name(WSTOPSIG(ws)));
	else if (WIFCONTINUED(ws))
		snprintf(buf, len, "continued");
	else
		snprintf(buf, len, "status %#x", (unsigned)ws);
}

/* A bounded appender: once the buffer is full, further text is dropped and
 * the line ends in "...". */
struct out {
	char *buf;
	size_t len, cap;
	int cut;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	if (o->cut)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->cap - o->len) {
		o->len = o->cap - 1;
		o->cut = 1;
	} else {
		o->len += (size_t)n;
	}
}

/* A C string literal for s: quotes, backslashes and control bytes escaped. */
static void put_quoted(struct out *o, const char *s)
{
	put(o, "\"");
	for (; *s && !o->cut; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			put(o, "\\%c", c);
		else if (c == '\n')
			put(o, "\\n");
		else if (c == '\t')
			put(o, "\\t");
		else if (c < 0x20 || c == 0x7f)
			put(o, "\\x%02x", c);
		else
			put(o, "%c", c);
	}
	put(o, "\"");
}

static void put_flags(struct out *o, int flags)
{
	put(o, "%s", (flags & O_ACCMODE) == O_RDONLY ? "O_RDONLY" : (flags & O_ACCMODE) == O_WRONLY ? "O_WRONLY" : "O_RDWR");
	if (flags & O_CREAT)
		put(o, "|O_CREAT");
	if (flags & O_TRUNC)
		put(o, "|O_TRUNC");
	if (flags & O_APPEND)
		put(o, "|O_APPEND");
	if (flags & O_CLOEXEC)
		put(o, "|O_CLOEXEC");
}

static const char *fd_name(int fd)
{
	return fd == 0 ? " (stdin)" : fd == 1 ? " (stdout)" : fd == 2 ? " (stderr)" : "";
}

size_t trace_format(const struct event *e, char *buf, size_t len)
{
	struct out o = { buf, 0, len > 4 ? len - 4 : len, 0 };
	char what[64];

	put(&o, "  [%ld] %s", (long)e->pid, e->child ? "  " : "");
	switch (e->kind) {
	case EV_FORK:
		if (e->err)
			put(&o, "fork() failed: %s", strerror(e->err));
		else
			put(&o, "fork() = %ld", (long)e->target);
		if (e->str)
			put(&o, "  (%s)", e->str);
		break;
	case EV_PIPE:
		put(&o, "pipe() = [%d, %d]", e->a, e->b);
		break;
	case EV_OPEN:
		put(&o, "open(");
		put_quoted(&o, e->str);
		put(&o, ", ");
		put_flags(&o, e->b);
		if (e->err)
			put(&o, ") failed: %s", strerror(e->err));
		else
			put(&o, ") = %d", e->a);
		break;
	case EV_DUP2:
		put(&o, "dup2(%d, %d)%s", e->a, e->b, fd_name(e->b));
		break;
	case EV_CLOSE:
		put(&o, "close(%d)%s", e->a, fd_name(e->a));
		break;
	case EV_SAVEFD:
		put(&o, "fcntl(%d, F_DUPFD_CLOEXEC, 10) = %d  (a copy of fd %d, to put back afterwards)", e->a,
		    e->b, e->a);
		break;
	case EV_EXEC:
		put(&o, "execvp(");
		put_quoted(&o, e->argv[0]);
		put(&o, ", [");
		for (size_t i = 0; e->argv[i] && !o.cut; i++) {
			put(&o, i ? ", " : "");
			put_quoted(&o, e->argv[i]);
		}
		put(&o, "])");
		break;
	case EV_EXEC_FAIL:
		put(&o, "execvp(");
		put_quoted(&o, e->str);
		put(&o, ") failed: %s", strerror(e->err));
		break;
	case EV_WAIT:
		trace_status(e->status, what, sizeof what);
		put(&o, "waitpid(%ld) = %s", (long)e->target, what);
		break;
	case EV_KILL:
		if (e->a)
			put(&o, "kill(%ld, SIG%s)", (long)e->target, sig_name(e->a));
		else
			put(&o, "kill(%ld, 0)  (only asks whether it exists)", (long)e->target);
		break;
	case EV_SETPGID:
		put(&o, "setpgid(%ld, %d)", (long)e->target, e->a);
		break;
	case EV_TCSETPGRP:
		put(&o, "tcsetpgrp(0, %d)  (terminal now belongs to process group %d)", e->a, e->a);
		break;
	case EV_JOB:
		put(&o, "job [%d] %s: %s", e->a, e->str, e->str2 ? e->str2 : "");
		break;
	case EV_BUILTIN:
		put(&o, "%s: builtin, runs inside this process, no fork", e->str);
		break;
	case EV_FUNC:
		put(&o, "%s: a function, its body runs inside this process, no fork", e->str);
		break;
	case EV_READ:
		put(&o, "read(%d) until end of file: %d bytes of output", e->a, e->b);
		break;
	case EV_HEREDOC:
		put(&o, "here-document for fd %d: %d bytes written into a %s", e->a, e->b, e->str);
		break;
	case EV_REDIR_BLOCK:
		put(&o, "redirections for the whole %s (applied once, undone after it)", e->str);
		break;
	case EV_SHELL:
		put(&o, "%s", e->str);
		break;
	case EV_EXIT:
		put(&o, "_exit(%d)", e->status);
		break;
	}
	if (o.cut)
		memcpy(buf + o.len, "...", 4), o.len += 3;
	buf[o.len++] = '\n';
	buf[o.len] = '\0';
	return o.len;
}

/* One colour per PID, so the lines of each process stand out. */
static const char *color_for(pid_t pid)
{
	static const char *const palette[] = { "\033[32m", "\033[33m", "\033[34m",
					       "\033[35m", "\033[36m", "\033[91m" };
	return palette[(unsigned long)pid % (sizeof palette / sizeof palette[0])];
}

/* The width trace lines are wrapped to (0: not wrapped), set by a lesson
 * whose text is narrower than the lines would be. */
static int trace_cols;

void trace_set_width(int cols)
{
	trace_cols = cols;
}

/* The length of the first piece of text (len bytes) that fits in cols
 * columns: up to the last space that fits, or cut inside a word when none
 * does.  0 < result <= len. */
static size_t piece_len(const char *text, size_t len, int cols)
{
	size_t last_space = 0, i = 0;
	int col = 0;
	for (; i < len; i++) {
		if (((unsigned char)text[i] & 0xc0) == 0x80)
			continue; /* a UTF-8 continuation byte takes no column */
		if (col == cols)
			break;
		if (text[i] == ' ' && i > 0)
			last_space = i;
		col++;
	}
	if (i == len)
		return len;
	return last_space ? last_space : i > 0 ? i : 1;
}

/* Append text (len bytes, no newline) to o as lines of at most trace_cols
 * columns (all of it on one line when trace_cols is 0), each in colour c
 * (or none when c is NULL).  A line that goes on is indented to where the
 * event's own text began, after "  [PID] ". */
static void put_wrapped(struct out *o, const char *text, size_t len, const char *c)
{
	const char *body = strstr(text, "] ");
	size_t hang = body ? (size_t)(body + 2 - text) : 0;
	while (hang < len && text[hang] == ' ')
		hang++;
	if (trace_cols <= 0 || hang > (size_t)trace_cols / 2)
		hang = 4;
	size_t indent = 0;
	while (len > 0 && !o->cut) {
		size_t n = trace_cols > 0 ? piece_len(text, len, trace_cols - (int)indent) : len;
		put(o, "%s%*s%.*s%s\n", c ? c : "", (int)indent, "", (int)n, text, c ? "\033[0m" : "");
		text += n;
		len -= n;
		while (len > 0 && *text == ' ')
			text++, len--;
		indent = hang;
	}
}

static void trace_sink(const struct event *e, void *ctx)
{
	(void)ctx;
	/* A child's end is for recorders (the lesson engine): trace shows it
	 * as its parent's waitpid line.  A line printed here would also come
	 * after a recorder had already noted the end. */
	if (e->kind == EV_EXIT)
		return;
	char text[4096], lines[3 * 4096];
	size_t n = trace_format(e, text, sizeof text);
	struct out o = { lines, 0, sizeof lines, 0 };
	put_wrapped(&o, text, n - 1, trace_color ? color_for(e->pid) : NULL);
	if (o.cut) /* too many pieces: the line as it is */
		o.len = 0, o.cut = 0, put(&o, "%s", text);
	int saved = errno;
	ssize_t w = write(trace_fd, lines, o.len);
	(void)w;
	errno = saved;
}

int trace_set(int on)
{
	if (on && trace_fd < 0) {
		/* A copy of stderr above the user's 0-9, close-on-exec: a child's
		 * trace lines still reach the terminal after `2>/dev/null`, and
		 * the program it execs never sees the descriptor. */
		trace_fd = fd_copy_private(STDERR_FILENO);
		if (trace_fd < 0)
			return -1;
		fd_private_track(&trace_fd);
		trace_color = sh.color_ok && isatty(trace_fd);
		ev_add_sink(trace_sink, NULL);
	} else if (!on && trace_fd >= 0) {
		ev_remove_sink(trace_sink, NULL);
		fd_private_untrack(&trace_fd);
		close(trace_fd);
		trace_fd = -1;
	}
	return 0;
}
