/* error.c - how the shell reports problems: one prefix, one place. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shell.h"

/* How many bytes of a long line a syntax error shows on each side of the
 * caret. */
#define SYN_CONTEXT 60

struct shell sh = { .name = "forksh" };

static void prefix(void)
{
	if (sh.source && !sh.interactive)
		fprintf(stderr, "%s: %s: line %ld: ", sh.name, sh.source, sh.lineno);
	else if (!sh.interactive && sh.lineno > 0)
		fprintf(stderr, "%s: line %ld: ", sh.name, sh.lineno);
	else
		fprintf(stderr, "%s: ", sh.name);
}

int sh_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	prefix();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/* Show the line that failed and mark the column, like a compiler does: the
 * line is the one (of possibly several joined continuation lines) holding
 * pos, and tabs are kept in the caret line so the caret lines up. */
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
	fprintf(stderr, "syntax error: %s\n", msg);
	fprintf(stderr, "  %s%.*s%s\n  %s", cut_left, (int)(end - start), src + start, cut_right,
		*cut_left ? "   " : "");
	for (size_t i = start; i < pos; i++)
		fputc(src[i] == '\t' ? '\t' : ' ', stderr);
	fputs("^\n", stderr);
}

const char *sh_short_name(const char *name, char *buf, size_t len)
{
	size_t n = strlen(name);
	if (n <= 80)
		return name;
	snprintf(buf, len, "%.60s... (%zu bytes)", name, n);
	return buf;
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
