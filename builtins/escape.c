/* escape.c - decoding the backslash escapes of echo, printf's format and
 * printf's %b (see escape.h for the rules).  Nothing here allocates: echo
 * writes straight from its arguments. */
#include "escape.h"

#include <stdint.h>
#include <string.h>

static int is_octal(char c)
{
	return c >= '0' && c <= '7';
}

int escape_decode(const char *s, int string, unsigned char *byte)
{
	int used = 0;
	if (string) {
		if (s[0] == 'c')
			return ESCAPE_STOP;
		/* \0NNN: the 0 only announces the (up to three) digits. */
		if (s[0] == '0' && is_octal(s[1]))
			used = 1;
	}
	const char *p = s + used;
	switch (*p) {
	case '\\': *byte = '\\'; return used + 1;
	case 'a': *byte = '\a'; return used + 1;
	case 'b': *byte = '\b'; return used + 1;
	case 'e': *byte = 033; return used + 1;
	case 'f': *byte = '\f'; return used + 1;
	case 'n': *byte = '\n'; return used + 1;
	case 'r': *byte = '\r'; return used + 1;
	case 't': *byte = '\t'; return used + 1;
	case 'v': *byte = '\v'; return used + 1;
	default: break;
	}
	if (is_octal(*p)) {
		/* Up to three digits; a value above 0377 keeps its low byte. */
		unsigned v = 0;
		int n = 0;
		while (n < 3 && is_octal(p[n]))
			v = v * 8 + (unsigned)(p[n++] - '0');
		*byte = (unsigned char)v;
		return used + n;
	}
	*byte = '\\';
	return 0;
}

/* Count n more bytes of output, writing those that fit under limit. */
static void emit(FILE *out, const void *p, size_t n, size_t *total, size_t limit)
{
	if (out && *total < limit)
		fwrite(p, 1, n < limit - *total ? n : limit - *total, out);
	*total += n;
}

size_t escape_write(const char *s, FILE *out, size_t limit, int *stopped)
{
	size_t total = 0;
	*stopped = 0;
	for (;;) {
		/* Plain text up to the next backslash goes out in one piece. */
		size_t span = strcspn(s, "\\");
		if (span)
			emit(out, s, span, &total, limit);
		s += span;
		if (!*s)
			break;
		unsigned char b;
		int used = escape_decode(s + 1, 1, &b);
		if (used == ESCAPE_STOP) {
			*stopped = 1;
			break;
		}
		emit(out, &b, 1, &total, limit);
		s += 1 + used;
	}
	return total;
}
