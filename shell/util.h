/* util.h - small allocation and string-buffer helpers shared by every module.
 *
 * The shell treats running out of memory as fatal: a half-built command tree is
 * worse than a clear message and exit status 2.  Everything else reports
 * errors to its caller.
 */
#ifndef FORKSH_UTIL_H
#define FORKSH_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable byte string, always NUL-terminated once anything was added. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void sb_init(struct strbuf *sb);

/* Make room for extra more bytes and the NUL (the slow path of sb_addc). */
void sb_grow(struct strbuf *sb, size_t extra);

/* Append one byte.  Inline, because word expansion calls it for every byte
 * it produces (twice: the text and its quoting mask): the common case is a
 * compare and two stores, with no call. */
static inline void sb_addc(struct strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
/* Empty sb but keep its buffer for the next use (no malloc). */
void sb_reset(struct strbuf *sb);
char *sb_steal(struct strbuf *sb);  /* hand the buffer to the caller, reset sb */
void sb_free(struct strbuf *sb);
/* Append s quoted so that the shell reads it back as one word: as it is
 * when it holds only safe characters, else in single quotes. */
void sb_add_quoted(struct strbuf *sb, const char *s);

/* Write v in decimal into buf (at least 21 bytes); returns the length.
 * snprintf's general machinery is a measurable part of $((i+1)). */
size_t fmt_intmax(char *buf, intmax_t v);

/* A growable NULL-terminated vector of owned strings (an argv in the making). */
struct strvec {
	char **v;
	size_t n;
	size_t cap;
};

void sv_init(struct strvec *sv);
void sv_push(struct strvec *sv, char *s);  /* takes ownership of s */
void sv_free(struct strvec *sv);

/* The path of one of forksh's state files: $XDG_STATE_HOME/forksh/FILE, or
 * ~/.local/state/forksh/FILE.  A new string, or NULL when neither
 * XDG_STATE_HOME (absolute) nor HOME is set. */
char *state_path(const char *file);

/* Make a new, empty temporary file $TMPDIR/forksh-NAME-XXXXXX (in /tmp
 * when TMPDIR is unset, empty, or too long for path), close-on-exec; its
 * name goes in path (size bytes).  Returns the descriptor, or -1 with
 * errno set. */
int temp_file(char *path, size_t size, const char *name);

/* Append everything fd gives until end of file to sb, read straight into
 * its buffer (its room doubling as it fills, so no chunk is copied and no
 * big array sits on the stack); sb is NUL-terminated afterwards even when
 * nothing came.  Retries on EINTR.  Returns 0, or -1 with errno set. */
int sb_read_fd(struct strbuf *sb, int fd);

/* Read the whole of file path (relative to directory dfd, or AT_FDCWD)
 * into sb, which is reset first and NUL-terminated afterwards even when the
 * file is empty.  Reads until end of file, since /proc files report size
 * 0.  Returns 0, or -1 with errno set (for /proc, a process that exited
 * meanwhile gives ENOENT or ESRCH). */
int read_file_at(int dfd, const char *path, struct strbuf *sb);

/* mkdir -p for the directories leading to path (mode 0700, as for state).
 * Returns 0, or -1 if one could not be made. */
int make_parent_dirs(const char *path);

/* Should trees use box-drawing characters?  Yes when the first non-empty
 * of LC_ALL, LC_CTYPE and LANG (any may be NULL) names UTF-8 ("UTF-8" or
 * "utf8", any case).  Returns 1 or 0. */
int locale_is_utf8(const char *lc_all, const char *lc_ctype, const char *lang);

/* The terminal's width in columns, when stdout is a terminal (40 at
 * least); 80 otherwise. */
int term_width(void);

/* Columns a UTF-8 string of len bytes takes (one per character). */
int text_columns(const char *s, size_t len);

/* Print text on out wrapped to width columns: the first line indented by
 * indent, the lines it wraps onto by hang; a newline in the text starts a
 * new paragraph (at indent again). */
void wrap_text(FILE *out, const char *text, int width, int indent, int hang);

#endif
