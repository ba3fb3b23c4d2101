/* printf.c - printf FORMAT [ARGUMENT...] (XCU printf), as dash's builtin.
 *
 * printf changes nothing in the shell: it is a builtin only to save a fork
 * and an exec per call.
 *
 * The format is written out with its backslash escapes decoded
 * (escape.h); each conversion (%d %i %o %u %x %X %c %s %b %e %E %f %F %g
 * %G %a %A, with the flags #-+ 0, a width and a precision, either of
 * which may be * to take it from the next argument) uses up one argument,
 * a missing one counting as "" or 0.  The format is used again while
 * arguments are left and the last round used some.  C's printf(3) does
 * the formatting of each conversion; %b (a string with echo's escapes,
 * where \c ends all output) is formatted here.
 *
 * Numeric arguments are C constants (42, 0x2a, 052, -1), or a quote and a
 * character ('a is 97).  One that is not completely a number is reported,
 * the number its start makes is used and the status becomes 1; output
 * goes on.  A bad format (an unknown conversion, a % with no conversion
 * letter) ends printf with status 2.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "escape.h"
#include "../shell/shell.h"

/* The arguments not used yet, and the status so far. */
struct pf {
	char **arg; /* NULL-terminated */
	int status; /* 1 once an argument was not a proper number */
};

/* How format_once ends. */
enum { PF_DONE, PF_STOP /* \c in %b */, PF_ERROR /* a bad format */ };

static const char *next_arg(struct pf *p)
{
	return *p->arg ? *p->arg++ : NULL;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Report an argument that is not completely a number (end is where the
 * number stopped, err the errno of the conversion).  printf goes on with
 * the number, but its status becomes 1. */
static void number_check(struct pf *p, const char *s, const char *end, int err)
{
	if (*end || err == ERANGE) {
		sh_error("printf: %s: %s", sh_arg(s),
			 *end ? (end == s ? "not a number" : "not completely converted") : strerror(ERANGE));
		p->status = 1;
	}
}

/* C23's strtol family (glibc 2.38 and later with _GNU_SOURCE) reads 0b101
 * as binary; printf's numbers, as POSIX and dash have them, are C99's, in
 * which 0b101 is 0 followed by junk.  Returns where the 'b' of such a
 * prefix is, or NULL. */
static const char *binary_prefix(const char *s)
{
	while (is_space(*s))
		s++;
	if (*s == '+' || *s == '-')
		s++;
	return s[0] == '0' && (s[1] == 'b' || s[1] == 'B') ? s + 1 : NULL;
}

/* The next argument as an integer, 0 when there is none: signed for %d,
 * %i and *, else unsigned (-1 is then the largest number, as in C).
 * Returned as the bits of a uintmax_t either way. */
static uintmax_t arg_integer(struct pf *p, int is_signed)
{
	const char *s = next_arg(p), *b;
	if (!s)
		return 0;
	if (*s == '\'' || *s == '"')
		return (unsigned char)s[1];
	if ((b = binary_prefix(s)) != NULL) {
		number_check(p, s, b, 0);
		return 0;
	}
	char *end;
	errno = 0;
	uintmax_t v = is_signed ? (uintmax_t)strtoimax(s, &end, 0) : strtoumax(s, &end, 0);
	number_check(p, s, end, errno);
	return v;
}

static double arg_double(struct pf *p)
{
	const char *s = next_arg(p);
	if (!s)
		return 0;
	if (*s == '\'' || *s == '"')
		return (unsigned char)s[1];
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	number_check(p, s, end, errno);
	return v;
}

/* A * width or precision from the next argument.  One beyond what C's
 * printf can take is reported and counts as none (absent). */
static int arg_star(struct pf *p, int absent)
{
	const char *s = *p->arg;
	intmax_t v = (intmax_t)arg_integer(p, 1);
	if (v < -INT_MAX || v > INT_MAX) {
		sh_error("printf: %s: %s", sh_arg(s), strerror(ERANGE));
		p->status = 1;
		return absent;
	}
	return (int)v;
}

/* Literal digits of a width or precision at *f; -1 if above INT_MAX. */
static int get_digits(const char **f)
{
	long v = 0;
	for (; **f >= '0' && **f <= '9'; (*f)++)
		if (v <= INT_MAX)
			v = v * 10 + (**f - '0');
	return v > INT_MAX ? -1 : (int)v;
}

/* %b: the argument with echo's escapes, in width (negative or the - flag:
 * on the left) and cut to prec bytes if prec >= 0.  Returns PF_STOP after
 * a \c, else PF_DONE. */
static int put_b(const char *s, int width, int left, int prec)
{
	size_t limit = prec >= 0 ? (size_t)prec : SIZE_MAX, pad = 0;
	int stop;
	if (width < 0) {
		left = 1;
		width = -width;
	}
	if (width > 0) {
		size_t len = escape_write(s, NULL, SIZE_MAX, &stop);
		if (len > limit)
			len = limit;
		pad = (size_t)width > len ? (size_t)width - len : 0;
	}
	for (size_t i = 0; !left && i < pad; i++)
		putchar(' ');
	escape_write(s, stdout, limit, &stop);
	for (size_t i = 0; left && i < pad; i++)
		putchar(' ');
	return stop ? PF_STOP : PF_DONE;
}

/* A bad format: the message names the directive (from its % to end). */
static int bad_directive(const char *start, const char *end, const char *what)
{
	int len = (int)(end - start);
	sh_error("printf: %.*s%s: %s", len > 60 ? 60 : len, start, len > 60 ? "..." : "", what);
	return PF_ERROR;
}

/* One conversion, f just past its %.  The flags, width and precision are
 * collected (the * ones from the arguments, in order) and handed to C's
 * printf as "%[flags]*.*[j]C" with the numbers as arguments: a width of 0
 * is none, a negative precision none.  Returns PF_DONE, PF_STOP or
 * PF_ERROR; *fp is moved past the conversion letter. */
static int conversion(struct pf *p, const char **fp)
{
	const char *start = *fp - 1, *f = *fp;
	char spec[16], *q = spec;
	int width = 0, prec = -1, left = 0;

	*q++ = '%';
	for (; *f && strchr("#-+ 0", *f); f++)
		if (!memchr(spec + 1, *f, (size_t)(q - spec - 1))) {
			left |= *f == '-';
			*q++ = *f;
		}
	if (*f == '*') {
		f++;
		width = arg_star(p, 0);
	} else if ((width = get_digits(&f)) < 0) {
		return bad_directive(start, f, "width too large");
	}
	if (*f == '.') {
		f++;
		if (*f == '*') {
			f++;
			prec = arg_star(p, -1);
		} else if ((prec = get_digits(&f)) < 0) {
			return bad_directive(start, f, "precision too large");
		}
	}
	if (!*f)
		return bad_directive(start, f, "missing conversion letter");
	char conv = *f++;
	*fp = f;
	*q++ = '*';
	*q++ = '.';
	*q++ = '*';
	if (strchr("diouxX", conv))
		*q++ = 'j';
	*q++ = conv;
	*q = '\0';

	const char *s;
	int n;
	switch (conv) {
	case 'b':
		s = next_arg(p);
		return put_b(s ? s : "", width, left, prec);
	case 'c':
		s = next_arg(p);
		n = printf(spec, width, prec, s ? (unsigned char)s[0] : 0);
		break;
	case 's':
		s = next_arg(p);
		n = printf(spec, width, prec, s ? s : "");
		break;
	case 'd':
	case 'i':
		n = printf(spec, width, prec, (intmax_t)arg_integer(p, 1));
		break;
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		n = printf(spec, width, prec, arg_integer(p, 0));
		break;
	case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		n = printf(spec, width, prec, arg_double(p));
		break;
	default:
		return bad_directive(start, f, "invalid conversion");
	}
	/* A failed write is reported when the executor flushes; a field
	 * too wide for printf(3) (EOVERFLOW) is an error of the format. */
	if (n < 0 && !ferror(stdout))
		return bad_directive(start, f, strerror(errno));
	return PF_DONE;
}

/* The format once through.  Returns PF_DONE, PF_STOP or PF_ERROR. */
static int format_once(struct pf *p, const char *f)
{
	while (*f) {
		size_t span = strcspn(f, "\\%");
		if (span) {
			fwrite(f, 1, span, stdout);
			f += span;
		} else if (*f == '\\') {
			unsigned char b;
			f += 1 + escape_decode(f + 1, 0, &b);
			putchar(b);
		} else if (f[1] == '%') {
			putchar('%');
			f += 2;
		} else {
			f++;
			int r = conversion(p, &f);
			if (r != PF_DONE)
				return r;
		}
	}
	return PF_DONE;
}

int bi_printf(int argc, char **argv)
{
	char **a = argv + 1;
	(void)argc;
	/* No options, but "--" may come first (and "-x" is an error). */
	if (a[0] && a[0][0] == '-' && a[0][1]) {
		if (a[0][1] != '-' || a[0][2]) {
			sh_error("printf: -%c: unknown option", a[0][1]);
			return builtin_usage(builtin_find("printf"));
		}
		a++;
	}
	if (!a[0])
		return builtin_usage(builtin_find("printf"));
	struct pf p = { .arg = a + 1 };
	char **first = p.arg;
	int r;
	do
		r = format_once(&p, a[0]);
	while (r == PF_DONE && p.arg != first && *p.arg);
	return r == PF_ERROR ? 2 : p.status;
}
