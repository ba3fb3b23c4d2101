/* source.c - the input sources (see source.h). */
#include "source.h"

#include "jobs.h"
#include "redir.h"
#include "shell.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void src_init_string(struct source *s, const char *str, size_t len, long first_line)
{
	memset(s, 0, sizeof *s);
	s->fd = -1;
	s->str = str;
	s->str_len = len;
	s->line = s->cmd_line = first_line;
}

void src_init_fd(struct source *s, int fd, int shared, char *buf)
{
	memset(s, 0, sizeof *s);
	s->fd = fd;
	s->sync = shared;
	s->buf = buf;
	s->seekable = lseek(fd, 0, SEEK_CUR) >= 0;
	s->line = s->cmd_line = 1;
}

void src_init_prompt(struct source *s, enum src_line (*prompt)(void *, int, char **), void *ctx)
{
	memset(s, 0, sizeof *s);
	s->fd = -1;
	s->prompt = prompt;
	s->prompt_ctx = ctx;
	s->line = s->cmd_line = 1;
}

void src_free(struct source *s)
{
	sb_free(&s->text);
}

void src_begin(struct source *s)
{
	/* Keep what was fetched but not yet read: a -c string's second
	 * command on the same line as the first stays. */
	if (s->pos >= s->text.len) {
		sb_reset(&s->text);
	} else if (s->pos > 0) {
		memmove(s->text.buf, s->text.buf + s->pos, s->text.len - s->pos + 1);
		s->text.len -= s->pos;
	}
	s->pos = 0;
	s->intr = 0;
	s->cmd_line = s->line;
}

void src_skip_line(struct source *s)
{
	while (s->pos < s->text.len)
		if (s->text.buf[s->pos++] == '\n')
			s->line++;
}

void src_sync(struct source *s)
{
	if (s->fd < 0 || !s->sync || !s->seekable || s->start == s->end)
		return;
	if (lseek(s->fd, -(off_t)(s->end - s->start), SEEK_CUR) >= 0)
		s->start = s->end = 0;
}

void src_rewind(struct source *s, size_t pos, long line)
{
	s->pos = pos;
	s->line = line;
}

void src_insert(struct source *s, const char *text, size_t len)
{
	size_t tail = s->text.len - s->pos;
	sb_grow(&s->text, len);
	memmove(s->text.buf + s->pos + len, s->text.buf + s->pos, tail + 1);
	memcpy(s->text.buf + s->pos, text, len);
	s->text.len += len;
}

/* Append the bytes [from, from + n) to the text, dropping NUL bytes (as
 * dash does: a C string cannot hold them). */
static void add_without_nul(struct strbuf *sb, const char *from, size_t n)
{
	for (size_t i = 0; i < n;) {
		const char *nul = memchr(from + i, '\0', n - i);
		size_t run = nul ? (size_t)(nul - (from + i)) : n - i;
		sb_addn(sb, from + i, run);
		i += run + (nul != NULL);
	}
}

/* One more line from a descriptor, newline included (none at the very
 * end of a file without one).  The buffered bytes up to the newline are
 * copied in one piece.  A pipe shared with children is read a byte at a
 * time, so the shell never swallows input that belongs to a command.
 * Returns 1, or 0 at end of input with nothing read. */
static int fd_line(struct source *s)
{
	int got = 0;
	for (;;) {
		if (s->start == s->end) {
			size_t want = (s->sync && !s->seekable) ? 1 : SRC_BUF;
			/* Input that may keep us waiting (a pipe, a terminal)
			 * for the next line: reap background jobs that end
			 * meanwhile, or they stay zombies until it comes.  Only
			 * between lines: piped input is read a byte at a time,
			 * and a poll per byte would double the system calls. */
			if (!s->seekable && got == 0 && jobs_wait_readable(s->fd) < 0 && errno == EINTR)
				continue;
			ssize_t n = read(s->fd, s->buf, want);
			if (n < 0 && (errno == EINTR || errno == EAGAIN))
				continue; /* EAGAIN: a non-blocking stdin; wait again */
			if (n < 0)
				s->read_errno = errno; /* reported by the reader's loop */
			if (n <= 0)
				return got;
			s->start = 0;
			s->end = (size_t)n;
		}
		got = 1;
		const char *from = s->buf + s->start;
		size_t avail = s->end - s->start;
		const char *nl = memchr(from, '\n', avail);
		size_t take = nl ? (size_t)(nl - from) + 1 : avail;
		add_without_nul(&s->text, from, take);
		s->start += take;
		if (nl)
			return 1;
	}
}

int src_more(struct source *s)
{
	if (s->at_eof)
		return SRC_EOF;
	if (s->intr)
		return SRC_INTR;
	size_t before = s->text.len;
	if (s->str) {
		if (s->str_pos >= s->str_len) {
			s->at_eof = 1;
			return SRC_EOF;
		}
		const char *from = s->str + s->str_pos;
		const char *nl = memchr(from, '\n', s->str_len - s->str_pos);
		size_t take = nl ? (size_t)(nl - from) + 1 : s->str_len - s->str_pos;
		add_without_nul(&s->text, from, take);
		s->str_pos += take;
	} else if (s->fd >= 0) {
		if (!fd_line(s)) {
			s->at_eof = 1;
			return SRC_EOF;
		}
	} else if (s->prompt) {
		char *line = NULL;
		enum src_line r = s->prompt(s->prompt_ctx, s->text.len > 0, &line);
		if (r == SRC_LINE_INTR) {
			s->intr = 1;
			return SRC_INTR;
		}
		if (r == SRC_LINE_EOF) {
			s->at_eof = 1;
			return SRC_EOF;
		}
		sb_adds(&s->text, line);
		sb_addc(&s->text, '\n');
		free(line);
	} else {
		s->at_eof = 1;
		return SRC_EOF;
	}
	if (s->text.len == before) /* a line of only NUL bytes */
		return src_more(s);
	if (sh.opt[OPT_v]) /* set -v: echo input lines as they are read */
		write_all(2, s->text.buf + before, s->text.len - before);
	return src_getc(s);
}
