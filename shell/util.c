/* util.c - allocation wrappers and growable strings. */
#include "util.h"

#include <ctype.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Out of memory is the one error the shell does not try to survive: say so
 * with write(2) (no allocation needed) and leave with status 2. */
static void oom(void)
{
	static const char msg[] = "forksh: out of memory\n";
	ssize_t r = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)r;
	_exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

/* The zeroing below must stay a memset of its own: given malloc followed by
 * memset, the compiler would turn the pair back into calloc. */
static void *zeroed(void *p, size_t n) __attribute__((noinline));
static void *zeroed(void *p, size_t n)
{
	return memset(p, 0, n);
}

/* malloc and memset rather than calloc: glibc's calloc skips malloc's
 * per-thread cache of small free blocks, so a node made with calloc and
 * freed with free moved a block from malloc's shared arena into that cache
 * on every command; once the cache was full, every such free and calloc
 * wrote to the arena: one more page written after each fork, and so one
 * more copy-on-write fault per command. */
void *xcalloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom();
	size_t bytes = n * size;
	return zeroed(xmalloc(bytes), bytes ? bytes : 1);
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void sb_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
}

/* Grow geometrically so that building a word byte by byte stays linear. */
void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 32;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

char *sb_steal(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	sb_init(sb);
	return p;
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}

void sv_init(struct strvec *sv)
{
	sv->v = NULL;
	sv->n = 0;
	sv->cap = 0;
}

void sv_push(struct strvec *sv, char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void sv_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv_init(sv);
}

int locale_is_utf8(const char *lc_all, const char *lc_ctype, const char *lang)
{
	const char *v = lc_all && *lc_all ? lc_all : lc_ctype && *lc_ctype ? lc_ctype : lang;
	if (!v)
		return 0;
	return strcasestr(v, "utf-8") != NULL || strcasestr(v, "utf8") != NULL;
}

int temp_file(char *path, size_t size, const char *name)
{
	const char *dir = getenv("TMPDIR");
	int n = snprintf(path, size, "%s/forksh-%s-XXXXXX", dir && *dir ? dir : "/tmp", name);
	if (n < 0 || (size_t)n >= size)
		n = snprintf(path, size, "/tmp/forksh-%s-XXXXXX", name);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return mkostemp(path, O_CLOEXEC);
}

int sb_read_fd(struct strbuf *sb, int fd)
{
	ssize_t r;
	do {
		if (sb->cap - sb->len < 512)
			sb_grow(sb, sb->cap < 1024 ? 1023 : sb->cap);
		r = read(fd, sb->buf + sb->len, sb->cap - sb->len - 1);
		if (r > 0)
			sb->len += (size_t)r;
	} while (r > 0 || (r < 0 && errno == EINTR));
	int err = errno;
	sb->buf[sb->len] = '\0'; /* also when nothing came */
	errno = err;
	return r < 0 ? -1 : 0;
}

int read_file_at(int dfd, const char *path, struct strbuf *sb)
{
	sb_reset(sb);
	int fd = openat(dfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (sb_read_fd(sb, fd) < 0) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	/* Nothing was written, so close cannot lose data; it frees the fd. */
	close(fd);
	return 0;
}

char *state_path(const char *file)
{
	struct strbuf sb;
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	sb_init(&sb);
	if (state && *state == '/') {
		sb_adds(&sb, state);
	} else if (home && *home) {
		sb_adds(&sb, home);
		sb_adds(&sb, "/.local/state");
	} else {
		return NULL;
	}
	sb_adds(&sb, "/forksh/");
	sb_adds(&sb, file);
	return sb_steal(&sb);
}

int make_parent_dirs(const char *path)
{
	char *copy = xstrdup(path);
	int rc = 0;
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) < 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(copy);
	return rc;
}

void sb_add_quoted(struct strbuf *sb, const char *s)
{
	const char *p = s;
	while (*p && (isalnum((unsigned char)*p) || strchr("_@%+=:,./-", *p)))
		p++;
	if (*s && !*p) {
		sb_adds(sb, s);
		return;
	}
	sb_addc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_adds(sb, "'\\''");
		else
			sb_addc(sb, *s);
	}
	sb_addc(sb, '\'');
}

size_t fmt_intmax(char *buf, intmax_t v)
{
	char tmp[24];
	size_t n = 0;
	uintmax_t u = v < 0 ? 0 - (uintmax_t)v : (uintmax_t)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	size_t len = 0;
	if (v < 0)
		buf[len++] = '-';
	while (n)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

int term_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col < 40 ? 40 : ws.ws_col;
	return 80;
}

int text_columns(const char *s, size_t len)
{
	int n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

void wrap_text(FILE *out, const char *text, int width, int indent, int hang)
{
	const char *p = text;
	int col = 0;
	while (*p) {
		if (*p == '\n') {
			fputc('\n', out);
			col = 0;
			p++;
			continue;
		}
		size_t len = strcspn(p, " \n");
		int w = text_columns(p, len);
		if (col > 0 && col + 1 + w > width) {
			fputc('\n', out);
			col = -1; /* a wrapped line: hang */
		}
		if (col <= 0) {
			int in = col < 0 ? hang : indent;
			fprintf(out, "%*s", in, "");
			col = in;
		} else {
			fputc(' ', out);
			col++;
		}
		fprintf(out, "%.*s", (int)len, p);
		col += w;
		p += len;
		while (*p == ' ')
			p++;
	}
	if (col > 0)
		fputc('\n', out);
}
