/* read.c - read [-r] NAME...: one line of standard input into variables.
 *
 * It must be a builtin because it sets the shell's own variables.  It reads
 * one byte at a time, so that it never takes input beyond its line from a
 * pipe it shares with the commands that come after it (`while read l; do
 * ...; done` and a `cat` after the loop each get their own part).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/shell.h"
#include "../shell/trap.h"
#include "../shell/util.h"
#include "../shell/vars.h"

/* One line without its newline: without -r a backslash keeps the next
 * character from being a separator (and is removed), and backslash-newline
 * joins the next line.  esc marks the characters that were escaped.
 * Returns 0, or 1 at end of input (what was read is still there). */
static int read_line(int raw, struct strbuf *line, struct strbuf *esc)
{
	int escaped = 0;
	for (;;) {
		char c;
		ssize_t n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && errno == EINTR) {
			int sig = trap_pending();
			if (sig)
				return 128 + sig; /* a trapped signal ends read at once */
			continue;
		}
		if (n <= 0)
			return 1;
		if (escaped) {
			escaped = 0;
			if (c == '\n')
				continue; /* a line continuation */
			sb_addc(line, c);
			sb_addc(esc, 1);
			continue;
		}
		if (c == '\n')
			return 0;
		if (c == '\\' && !raw) {
			escaped = 1;
			continue;
		}
		if (c == '\0')
			continue; /* no NUL in a shell string */
		sb_addc(line, c);
		sb_addc(esc, 0);
	}
}

struct splitter {
	const char *s;   /* the line */
	const char *esc; /* escaped characters */
	size_t n;
	const char *ifs;
};

static int is_sep(const struct splitter *sp, size_t i)
{
	return i < sp->n && !sp->esc[i] && sp->s[i] && strchr(sp->ifs, sp->s[i]);
}

static int is_white_sep(const struct splitter *sp, size_t i)
{
	return is_sep(sp, i) && strchr(" \t\n", sp->s[i]);
}

/* Past one separator starting at i: IFS white space with at most one
 * other IFS character in it. */
static size_t skip_sep(const struct splitter *sp, size_t i)
{
	while (is_white_sep(sp, i))
		i++;
	if (is_sep(sp, i)) {
		i++;
		while (is_white_sep(sp, i))
			i++;
	}
	return i;
}

static size_t field_end(const struct splitter *sp, size_t i)
{
	while (i < sp->n && !is_sep(sp, i))
		i++;
	return i;
}

/* Assign name the bytes [from, to) of the line. */
static int assign(const char *name, const struct splitter *sp, size_t from, size_t to)
{
	char *v = xstrndup(sp->s + from, to - from);
	int rc = var_set(name, v);
	free(v);
	return rc;
}

int bi_read(int argc, char **argv)
{
	int argi = 1, raw = 0;
	const char *prompt = NULL;
	for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
		if (strcmp(argv[argi], "--") == 0) {
			argi++;
			break;
		}
		/* letters may be grouped (-rp PROMPT); -p's prompt is the rest
		 * of its word or the next word */
		for (const char *o = argv[argi] + 1; *o; o++) {
			if (*o == 'r') {
				raw = 1;
			} else if (*o == 'p' && (o[1] || argi + 1 < argc)) {
				prompt = o[1] ? o + 1 : argv[++argi];
				break;
			} else if (*o == 'p') {
				sh_error("read: -p needs a prompt");
				return 2;
			} else {
				sh_error("read: Illegal option -%c", *o);
				return 2;
			}
		}
	}
	if (argi >= argc) {
		sh_error("read: a variable name is needed");
		return 2;
	}
	for (int i = argi; i < argc; i++) {
		if (!var_valid_name(argv[i], strlen(argv[i]))) {
			sh_error("read: %s: bad variable name", sh_arg(argv[i]));
			return 2;
		}
	}
	if (prompt && isatty(STDIN_FILENO)) {
		/* -p (as in dash and bash; not POSIX): a question for a person
		 * at a terminal, on stderr so that it is not part of the output */
		fputs(prompt, stderr);
		fflush(stderr);
	}
	struct strbuf line, esc;
	sb_init(&line);
	sb_init(&esc);
	int status = read_line(raw, &line, &esc);
	if (status > 128) {
		sb_free(&line);
		sb_free(&esc);
		return status;
	}
	const char *ifs = var_get("IFS");
	struct splitter sp = { line.buf ? line.buf : "", esc.buf ? esc.buf : "", line.len, ifs ? ifs : " \t\n" };
	size_t i = 0;
	while (is_white_sep(&sp, i))
		i++;
	for (int v = argi; v < argc; v++) {
		if (v + 1 < argc) {
			size_t e = field_end(&sp, i);
			if (assign(argv[v], &sp, i, e) < 0)
				status = 2;
			i = e < sp.n ? skip_sep(&sp, e) : e;
			continue;
		}
		/* The last name takes the rest of the line, less the white
		 * space at its end; a lone separator after a last single field
		 * is dropped too ("a:b:" with IFS=: gives b). */
		size_t e = field_end(&sp, i), end = sp.n;
		if (e < sp.n && skip_sep(&sp, e) == sp.n)
			end = e;
		while (end > i && is_white_sep(&sp, end - 1))
			end--;
		if (assign(argv[v], &sp, i, end) < 0)
			status = 2;
	}
	sb_free(&line);
	sb_free(&esc);
	return status;
}
