/* number.c - parsing the numbers users write (see number.h).
 *
 * Hand-written rather than strtoll: strtoll skips leading blanks, accepts
 * '+', "0x" (base 0) and clamps on overflow while setting errno, and each
 * caller then had to remember every one of those checks; one of them
 * forgetting the range turned `kill 4294967295` into kill(-1, SIGTERM).
 * Here the digits are checked and the value is range-checked as it grows,
 * so there is no overflow to detect afterwards.
 */
#include "number.h"

#include <limits.h>

#include "shell.h"

enum num_error num_parse_radix(const char *s, int radix, long long min, long long max, long long *out)
{
	if (!s || !*s)
		return NUM_EMPTY;
	int neg = 0;
	const char *p = s;
	if (*p == '-' && min < 0) {
		neg = 1;
		p++;
	}
	if (!*p)
		return NUM_SYNTAX;
	/* Accumulate as a negative number: its range is one larger, so
	 * LLONG_MIN itself can be written. */
	long long v = 0;
	int too_big = 0;
	for (; *p; p++) {
		if (*p < '0' || *p >= '0' + radix)
			return NUM_SYNTAX;
		int d = *p - '0';
		if (v < (LLONG_MIN + d) / radix)
			too_big = 1; /* keep checking the remaining characters */
		else
			v = v * radix - d;
	}
	if (too_big || (!neg && v == LLONG_MIN))
		return NUM_RANGE;
	long long value = neg ? v : -v;
	if (value < min || value > max)
		return NUM_RANGE;
	*out = value;
	return NUM_OK;
}

enum num_error num_parse(const char *s, long long min, long long max, long long *out)
{
	return num_parse_radix(s, 10, min, max, out);
}

enum num_error num_parse_decimal(const char *s, double min, double max, double *out)
{
	if (!s || !*s)
		return NUM_EMPTY;
	double v = 0, scale = 1;
	int digits = 0, dot = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && !dot) {
			dot = 1;
		} else if (*p >= '0' && *p <= '9') {
			digits++;
			if (dot) {
				scale /= 10;
				v += (*p - '0') * scale;
			} else {
				v = v * 10 + (*p - '0');
			}
		} else {
			return NUM_SYNTAX;
		}
	}
	if (!digits)
		return NUM_SYNTAX;
	if (v < min || v > max)
		return NUM_RANGE;
	*out = v;
	return NUM_OK;
}

int num_illegal(const char *who, const char *arg)
{
	sh_error("%s: Illegal number: %s", who, sh_arg(arg));
	return 2;
}
