/* source.h - where the tokenizer's characters come from.
 *
 * A source hands out the text of one command at a time, a character at a
 * time, fetching another line only when the tokenizer asks for a character
 * past the end of what it has: a `while` loop typed at the prompt gets its
 * PS2 prompts exactly when the parser needs more, and nothing is parsed
 * twice.  Lines come from a string (-c, eval, a trap), a file descriptor (a
 * script, piped standard input) or the interactive prompt (readline, through
 * a callback, so this file does not depend on it).
 *
 * The text of the command being read is kept whole until the next command
 * begins: syntax errors show the line with a caret, history gets the whole
 * command as one entry, and the tokenizer can step back (the `$((`
 * ambiguity) or splice in an alias's text.
 */
#ifndef FORKSH_SOURCE_H
#define FORKSH_SOURCE_H

#include <stddef.h>

#include "util.h"

#define SRC_EOF (-1)   /* no more input */
#define SRC_INTR (-2)  /* Ctrl-C at a continuation prompt: abandon the command */

/* Result of the prompt callback. */
enum src_line { SRC_LINE, SRC_LINE_EOF, SRC_LINE_INTR };

struct source {
	struct strbuf text;   /* the current command's text, all its lines so far */
	size_t pos;           /* the next byte to hand out */
	long line;            /* line number of the byte at pos */
	long cmd_line;        /* line number where the current command began */
	int at_eof;           /* the input has ended (SRC_EOF from now on) */
	int intr;             /* a continuation prompt was interrupted */

	/* a string (-c, eval) */
	const char *str;
	size_t str_len, str_pos;

	/* a file descriptor */
	int fd;
	int sync;             /* shared with children: never read ahead of a line */
	int seekable;
	char *buf;
	size_t start, end;
	int read_errno;       /* why reading failed (EISDIR: stdin is a directory), or 0 */

	/* the interactive prompt: read one line (without its newline) into
	 * *line (malloc'd); continuation says PS2 rather than PS1. */
	enum src_line (*prompt)(void *ctx, int continuation, char **line);
	void *prompt_ctx;
};

/* Set up a source reading the string s (not copied: it must outlive the
 * source), a descriptor, or the prompt.  buf is a read buffer of
 * SRC_BUF bytes for src_init_fd; shared says whether commands run from the
 * input may read the same descriptor (stdin), which makes the source read
 * no further than the end of each line. */
#define SRC_BUF 4096
void src_init_string(struct source *s, const char *str, size_t len, long first_line);
void src_init_fd(struct source *s, int fd, int shared, char *buf);
void src_init_prompt(struct source *s, enum src_line (*prompt)(void *, int, char **), void *ctx);
void src_free(struct source *s);

/* Start a new command: forget the text already consumed. */
void src_begin(struct source *s);

/* Forget what is left of the current line (after a syntax error at the
 * prompt, the rest of the line is not run). */
void src_skip_line(struct source *s);

/* Give back read-ahead of a shared, seekable descriptor before a command
 * runs, so that it reads what follows the shell's current line. */
void src_sync(struct source *s);

/* The slow path of src_getc: fetch another line.  Returns the next byte,
 * SRC_EOF or SRC_INTR. */
int src_more(struct source *s);

/* The next byte of input, SRC_EOF at the end, or SRC_INTR. */
static inline int src_getc(struct source *s)
{
	if (s->pos < s->text.len) {
		unsigned char c = (unsigned char)s->text.buf[s->pos++];
		if (c == '\n')
			s->line++;
		return c;
	}
	return src_more(s);
}

/* Step back over the byte just read (not after SRC_EOF or SRC_INTR). */
static inline void src_ungetc(struct source *s, int c)
{
	if (c < 0)
		return;
	s->pos--;
	if (c == '\n')
		s->line--;
}

/* Peek at the next byte without taking it. */
static inline int src_peek(struct source *s)
{
	int c = src_getc(s);
	src_ungetc(s, c);
	return c;
}

/* Go back to an earlier position of the current command (pos and line as
 * they were then). */
void src_rewind(struct source *s, size_t pos, long line);

/* Insert text at the read position: it is read next (alias expansion). */
void src_insert(struct source *s, const char *text, size_t len);

#endif
