/* number.h - the one way the shell reads a number the user wrote.
 *
 * Every number that becomes a process ID, a signal, a descriptor, a job
 * number, an exit status, a count or a size goes through num_parse, so that
 * no builtin can turn "4294967295" into -1 (kill(-1, ...) signals every
 * process the user may signal) or "0x10", "1e3", " 5" or "nan" into
 * something the user did not mean.  The rules are dash's: decimal digits
 * only, a leading '-' only where the caller allows negative values, no '+',
 * no blanks, no base prefix, no fraction; a well-formed number outside the
 * caller's range is an error too, never clamped and never wrapped.
 *
 * Typical use in a builtin (dash's wording, status 2):
 *
 *     long long pid;
 *     if (num_parse(argv[i], 1, INT_MAX, &pid) != NUM_OK)
 *             return num_illegal("wait", argv[i]);
 *
 * For builtins still to come: shift N uses num_parse(s, 0, sh.argc, &n);
 * ulimit uses num_parse(s, 0, LLONG_MAX, &n) after checking for
 * "unlimited"; umask uses num_parse_radix(s, 8, 0, 0777, &n).
 */
#ifndef FORKSH_NUMBER_H
#define FORKSH_NUMBER_H

enum num_error {
	NUM_OK = 0,
	NUM_EMPTY,   /* the empty string */
	NUM_SYNTAX,  /* not an integer in the radix: a letter, a blank, '+', "0x", a '.' */
	NUM_RANGE    /* an integer, but below min or above max (overflow included) */
};

/* Parse all of s as a decimal integer within [min, max].  A leading '-' is
 * accepted only when min < 0.  On NUM_OK *out holds the value; on any error
 * *out is left alone. */
enum num_error num_parse(const char *s, long long min, long long max, long long *out);

/* The same in radix 2 to 10 (8 for umask).  Digits beyond the radix are a
 * NUM_SYNTAX error. */
enum num_error num_parse_radix(const char *s, int radix, long long min, long long max, long long *out);

/* A duration or a fraction as a person writes it: decimal digits with at
 * most one '.' ("2", "0.25", ".5", "3."), within [min, max].  No sign, no
 * exponent, no "nan" or "inf", no hex: those are NUM_SYNTAX. */
enum num_error num_parse_decimal(const char *s, double min, double max, double *out);

/* Print "forksh: WHO: Illegal number: ARG" (ARG shortened and made safe to
 * show, see sh_arg) and return 2, dash's status for a bad number. */
int num_illegal(const char *who, const char *arg);

#endif
