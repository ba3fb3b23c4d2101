/* error.c - how the shell reports problems: one prefix, one place.
 *
 * Whatever a message repeats back (a file name, an argument, a line of a
 * script) may be hostile: ten thousand bytes long, or full of escape
 * sequences that would clear or reprogram the terminal.  So every message
 * passes through put_safe, which shows control characters as ^X, and long
 * arguments are shortened by sh_arg before they are formatted in.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shell.h"

/* How many bytes of a long line a syntax error shows on each side of the
 * caret. */
#define SYN_CONTEXT 60

/* An argument longer than ARG_LONG bytes is shown as its first ARG_SHOWN
 * bytes and its length. */
#define ARG_LONG 80
#define ARG_SHOWN 60

/* The longest message sh_error writes (a backstop: arguments are already
 * shortened one by one). */
#define MSG_MAX 1024

struct shell sh = { .name = "forksh" };

/* Is c shown as ^X?  The C0 controls and DEL, but not tab: it moves the
 * cursor and nothing else, and a script's indentation is made of tabs. */
static int is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* Write n bytes of s to f with control characters as ^X (DEL as ^?). */
static void put_safe(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_control(c)) {
			fputc('^', f);
			fputc(c == 0x7f ? '?' : c + '@', f);
		} else {
			fputc(c, f);
		}
	}
}

void sh_put_visible(FILE *f, const char *s)
{
	put_safe(f, s, strlen(s));
}

const char *sh_arg(const char *s)
{
	static char bufs[4][SH_ARG_SIZE];
	static unsigned next;
	char *buf = bufs[next++ % 4];
	size_t n = strlen(s), show = n;
	if (n > ARG_LONG) {
		show = ARG_SHOWN;
		while (show > 0 && ((unsigned char)s[show] & 0xc0) == 0x80)
			show--; /* do not cut a UTF-8 character in two */
	}
	size_t o = 0;
	for (size_t i = 0; i < show; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_control(c)) {
			buf[o++] = '^';
			buf[o++] = c == 0x7f ? '?' : (char)(c + '@');
		} else {
			buf[o++] = (char)c;
		}
	}
	buf[o] = '\0';
	if (n > ARG_LONG)
		snprintf(buf + o, SH_ARG_SIZE - o, "... (%zu bytes)", n);
	return buf;
}

/* "forksh: ", with the script and line when the commands come from a
 * script or a string; never for a command typed at the prompt, also when
 * the message comes from a child the shell forked for it. */
static void prefix(void)
{
	int prompt = sh.interactive || sh.at_prompt;
	if (sh.source && !prompt)
		fprintf(stderr, "%s: %s: line %ld: ", sh.name, sh_arg(sh.source), sh.lineno);
	else if (!prompt && sh.lineno > 0)
		fprintf(stderr, "%s: line %ld: ", sh.name, sh.lineno);
	else
		fprintf(stderr, "%s: ", sh.name);
}

int sh_error(const char *fmt, ...)
{
	char msg[MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (len < 0)
		len = 0;
	fflush(stdout);
	prefix();
	put_safe(stderr, msg, (size_t)len < sizeof msg ? (size_t)len : sizeof msg - 1);
	if ((size_t)len >= sizeof msg)
		fputs("...", stderr);
	fputc('\n', stderr);
	return -1;
}

/* Show the line that failed and mark the column, like a compiler does: the
 * line is the one (of possibly several joined continuation lines) holding
 * pos, and tabs are kept in the caret line so the caret lines up.  A
 * control character takes two columns (^X) in the line and so in the
 * caret line too. */
void sh_syntax_error(const char *src, size_t pos, const char *msg)
{
	size_t len = strlen(src);
	if (pos > len)
		pos = len;
	size_t start = pos;
	while (start > 0 && src[start - 1] != '\n')
		start--;
	if (pos == len && start == pos && start > 0) {
		/* error at the very end, after a final newline: show the last line */
		pos--;
		start = pos;
		while (start > 0 && src[start - 1] != '\n')
			start--;
	}
	size_t end = start;
	while (end < len && src[end] != '\n')
		end++;

	/* A line of a megabyte (or of 100 000 '|') would bury the message:
	 * show at most SYN_CONTEXT bytes on each side of the caret, with "..."
	 * where the line was cut. */
	const char *cut_left = "", *cut_right = "";
	if (pos - start > SYN_CONTEXT) {
		start = pos - SYN_CONTEXT;
		cut_left = "...";
	}
	if (end - pos > SYN_CONTEXT + 1) {
		end = pos + SYN_CONTEXT + 1;
		cut_right = "...";
	}

	fflush(stdout);
	prefix();
	fputs("syntax error: ", stderr);
	put_safe(stderr, msg, strlen(msg));
	fprintf(stderr, "\n  %s", cut_left);
	put_safe(stderr, src + start, end - start);
	fprintf(stderr, "%s\n  %s", cut_right, *cut_left ? "   " : "");
	for (size_t i = start; i < pos; i++) {
		if (src[i] == '\t')
			fputc('\t', stderr);
		else
			fputs(is_control((unsigned char)src[i]) ? "  " : " ", stderr);
	}
	fputs("^\n", stderr);
}

int sh_fatal(int status)
{
	sh.status = status;
	sh.skip = sh.interactive ? SKIP_INTR : SKIP_EXIT;
	sh.fatal = 1;
	return status;
}

int sh_special_error(int status)
{
	return sh.in_special ? sh_fatal(status) : status;
}
