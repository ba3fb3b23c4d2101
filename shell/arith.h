/* arith.h - $((expression)): POSIX shell arithmetic (XCU 2.6.4).
 *
 * Signed intmax_t arithmetic with C's operators, precedence and
 * associativity: unary + - ~ !, * / %, + -, << >>, < <= > >=, == !=, &, ^,
 * |, &&, || (short-circuit), ?: and the assignments = *= /= %= += -= <<= >>=
 * &= ^= |=.  Constants are decimal, octal (0...) or hexadecimal (0x...).  A
 * variable may be written with or without $; an unset or empty one is 0,
 * and one that holds anything but an integer constant is an error (as in
 * dash).  Overflow wraps around in two's complement, INTMAX_MIN / -1 gives
 * INTMAX_MIN (and % gives 0), and a shift count is taken modulo 64, as the
 * hardware does: the shell never crashes on any input.  An empty
 * expression is an error, as in dash.
 */
#ifndef FORKSH_ARITH_H
#define FORKSH_ARITH_H

#include <stdint.h>

/* Evaluate expr.  Returns 0 with *result set, or -1 after printing the
 * error (a syntax error, division by zero, a bad variable value, an
 * assignment to a read-only variable). */
int arith_eval(const char *expr, intmax_t *result);

/* Parse s as an integer constant as the shell reads variables: optional
 * blanks, an optional sign, a decimal, octal or hex constant, blanks.
 * Returns 0 with *out set, or -1. */
int arith_parse_number(const char *s, intmax_t *out);

#endif
