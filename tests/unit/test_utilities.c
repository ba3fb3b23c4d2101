/* test_utilities.c - unit tests for test/[, echo and printf
 * (builtins/test.c, echo.c, printf.c, escape.c), calling the builtins
 * directly.
 *
 * What they write through stdio is caught by pointing stdout and stderr
 * at memory streams for the call, so that output with NUL bytes in it
 * (printf %c of "", echo '\0') is compared byte for byte.
 *
 * Covers test's rules by argument count (0 to 4 arguments, words that
 * look like operators, the two places where forksh follows POSIX rather
 * than dash), the precedence parser beyond four, integers and their
 * errors, file primaries, and deep nesting; echo's -n and escapes;
 * printf's format engine (reuse, missing arguments, every conversion,
 * flags, * widths, escapes, numeric arguments and their errors, %b and
 * \c, bad formats, options).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../builtins/builtins.h"
#include "../../builtins/escape.h"
#include "../../shell/util.h"

/* ---- running a builtin with its stdio output caught ---- */

struct result {
	int status;
	char *out;     /* what it wrote to stdout (NUL-terminated as well) */
	size_t outlen; /* its length, NUL bytes included */
	char *err;     /* what it wrote to stderr */
	size_t errlen;
};

static struct result run(builtin_fn fn, char **argv)
{
	struct result r;
	int argc = 0;
	while (argv[argc])
		argc++;
	fflush(stdout);
	fflush(stderr);
	FILE *saved_out = stdout, *saved_err = stderr;
	FILE *o = open_memstream(&r.out, &r.outlen), *e = open_memstream(&r.err, &r.errlen);
	assert_non_null(o);
	assert_non_null(e);
	stdout = o;
	stderr = e;
	r.status = fn(argc, argv);
	stdout = saved_out;
	stderr = saved_err;
	assert_int_equal(fclose(o), 0);
	assert_int_equal(fclose(e), 0);
	return r;
}

static void result_free(struct result *r)
{
	free(r->out);
	free(r->err);
}

#define RUN(fn, ...) run((fn), (char *[]){ __VA_ARGS__, NULL })

/* The status of test with these words (argv[0] "test"); nothing may be
 * written to stdout, and stderr only with status 2. */
static int test_status(char **argv)
{
	struct result r = run(bi_test, argv);
	assert_int_equal(r.outlen, 0);
	if (r.status != 2)
		assert_int_equal(r.errlen, 0);
	else
		assert_true(r.errlen > 0);
	int st = r.status;
	result_free(&r);
	return st;
}

#define TEST(...) test_status((char *[]){ "test", __VA_ARGS__, NULL })
#define TEST0() test_status((char *[]){ "test", NULL })

/* Run printf or echo and check the exact bytes of its output. */
static void expect_out(struct result r, int status, const char *want, size_t wantlen)
{
	if (r.outlen != wantlen || memcmp(r.out, want, wantlen) != 0)
		fail_msg("output \"%s\" (%zu bytes), wanted \"%s\" (%zu bytes); stderr: %s", r.out,
			 r.outlen, want, wantlen, r.err);
	assert_int_equal(r.status, status);
	result_free(&r);
}

#define PRINTF(status, want, ...) \
	expect_out(RUN(bi_printf, "printf", __VA_ARGS__), (status), (want), sizeof(want) - 1)
#define ECHO(want, ...) expect_out(RUN(bi_echo, "echo", __VA_ARGS__), 0, (want), sizeof(want) - 1)

/* ---- test: the rules by argument count ---- */

static void test_zero_and_one_argument(void **state)
{
	(void)state;
	assert_int_equal(TEST0(), 1);
	assert_int_equal(TEST(""), 1);
	/* One argument is a string, whatever it looks like. */
	const char *words[] = { "x", "-n", "-z", "!", "(", ")", "-a", "-o", "=", "-eq", "]" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		assert_int_equal(test_status((char *[]){ "test", (char *)words[i], NULL }), 0);
}

static void test_two_arguments(void **state)
{
	(void)state;
	assert_int_equal(TEST("!", ""), 0);
	assert_int_equal(TEST("!", "x"), 1);
	assert_int_equal(TEST("!", "!"), 1);
	assert_int_equal(TEST("!", "-n"), 1);
	assert_int_equal(TEST("-n", ""), 1);
	assert_int_equal(TEST("-n", "-n"), 0);
	assert_int_equal(TEST("-z", ""), 0);
	assert_int_equal(TEST("-z", "="), 1);
	/* Two strings: nothing joins them. */
	assert_int_equal(TEST("a", "b"), 2);
	assert_int_equal(TEST("(", "a"), 2);
}

static void test_three_arguments(void **state)
{
	(void)state;
	/* A binary primary in the middle wins over everything else. */
	assert_int_equal(TEST("-n", "=", "-n"), 0);
	assert_int_equal(TEST("!", "=", "!"), 0);
	assert_int_equal(TEST("(", "=", ")"), 1);
	assert_int_equal(TEST("=", "=", "="), 0);
	assert_int_equal(TEST("!=", "!=", "!="), 1);
	assert_int_equal(TEST("a", "<", "b"), 0);
	assert_int_equal(TEST("a", ">", "b"), 1);
	/* Else ! negates the two-argument test, ( ) holds a one-argument test. */
	assert_int_equal(TEST("!", "-z", ""), 1);
	assert_int_equal(TEST("!", "-z", "a"), 0);
	assert_int_equal(TEST("(", "", ")"), 1);
	assert_int_equal(TEST("(", "-n", ")"), 0);
	assert_int_equal(TEST("(", "!", ")"), 0);
	/* POSIX: -a and -o are binary primaries too (dash 0.5.12 reports
	 * an error for these). */
	assert_int_equal(TEST("!", "-a", "x"), 0);
	assert_int_equal(TEST("-n", "-a", "-n"), 0);
	assert_int_equal(TEST("-z", "-o", "-z"), 0);
	assert_int_equal(TEST("", "-o", "!"), 0);
	assert_int_equal(TEST("", "-a", "x"), 1);
	assert_int_equal(TEST("", "-o", ""), 1);
	/* Left to the parser: an error, as in dash. */
	assert_int_equal(TEST("a", "b", "c"), 2);
}

static void test_four_arguments(void **state)
{
	(void)state;
	assert_int_equal(TEST("!", "a", "=", "a"), 1);
	assert_int_equal(TEST("!", "a", "=", "b"), 0);
	assert_int_equal(TEST("(", "-z", "", ")"), 0);
	assert_int_equal(TEST("(", "!", "x", ")"), 1);
	assert_int_equal(TEST("!", "(", "a", ")"), 1);
	assert_int_equal(TEST("!", "a", "-o", "b"), 1);
	assert_int_equal(TEST("!", "", "-a", "b"), 0);
	/* POSIX: each ! negates (dash 0.5.12 drops the second one). */
	assert_int_equal(TEST("!", "!", "-z", "a"), 1);
	assert_int_equal(TEST("!", "!", "!", "a"), 1);
	assert_int_equal(TEST("!", "!", "=", "a"), 0);
	/* Anything else goes to the parser. */
	assert_int_equal(TEST("a", "=", "a", "-a"), 1);
	assert_int_equal(TEST("a", "b", "c", "d"), 2);
}

/* ---- test: the precedence parser ---- */

static void test_precedence(void **state)
{
	(void)state;
	/* -a binds tighter than -o. */
	assert_int_equal(TEST("a", "-o", "b", "-a", ""), 0);
	assert_int_equal(TEST("", "-a", "b", "-o", "c"), 0);
	assert_int_equal(TEST("", "-o", "b", "-a", ""), 1);
	assert_int_equal(TEST("!", "!", "!", "!", "a"), 0);
	assert_int_equal(TEST("(", "a", "-o", "b", ")", "-a", ""), 1);
	assert_int_equal(TEST("1", "-eq", "1", "-a", "(", "2", "-lt", "3", "-o", "4", "-gt", "5", ")"), 0);
	assert_int_equal(TEST("(", "a", "=", "a", ")", "-a", "!", "(", "b", "=", "c", ")"), 0);
	/* ( ) is false; a lone ( at the end is a string. */
	assert_int_equal(TEST("(", ")", "-o", "x"), 0);
	assert_int_equal(TEST("x", "-a", "(", ")", "-a", "x"), 1);
	/* No short cut: a bad integer after a false -a is still an error. */
	assert_int_equal(TEST("1", "=", "2", "-a", "1", "-eq", "x"), 2);
	assert_int_equal(TEST("1", "=", "1", "-o", "1", "-eq", "x"), 2);
	/* A missing operand, a missing ), a word left over. */
	assert_int_equal(TEST("(", "a", "=", "a"), 2);
	assert_int_equal(TEST("a", "=", "a", ")", "x"), 2);
	assert_int_equal(TEST("a", "=", "b", "c", "d"), 2);
	assert_int_equal(TEST("x", "-a", "y", "-o", "1", "-eq"), 2);
}

static void test_bracket(void **state)
{
	(void)state;
	assert_int_equal(test_status((char *[]){ "[", "a", "]", NULL }), 0);
	assert_int_equal(test_status((char *[]){ "[", "]", NULL }), 1);
	assert_int_equal(test_status((char *[]){ "[", "a", "]", "]", NULL }), 2);
	assert_int_equal(test_status((char *[]){ "[", "]", "]", NULL }), 0);
	struct result r = RUN(bi_test, "[", "a");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "[: missing ]"));
	result_free(&r);
	r = RUN(bi_test, "[");
	assert_int_equal(r.status, 2);
	result_free(&r);
	/* POSIX wants "]" itself (dash accepts any word starting with ]). */
	assert_int_equal(test_status((char *[]){ "[", "a", "]x", NULL }), 2);
	/* test itself wants no ]. */
	assert_int_equal(TEST("a", "]"), 2);
}

/* ---- test: integers ---- */

static void test_integers(void **state)
{
	(void)state;
	assert_int_equal(TEST(" 1 ", "-eq", "1"), 0);
	assert_int_equal(TEST("+1", "-eq", "1"), 0);
	assert_int_equal(TEST("-0", "-eq", "0"), 0);
	assert_int_equal(TEST("010", "-eq", "10"), 0);
	assert_int_equal(TEST("\t\n7\n", "-eq", "7"), 0);
	assert_int_equal(TEST("9223372036854775807", "-gt", "9223372036854775806"), 0);
	assert_int_equal(TEST("-9223372036854775808", "-lt", "-9223372036854775807"), 0);
	assert_int_equal(TEST("0000000000000000000000000000001", "-eq", "1"), 0);
	assert_int_equal(TEST("5", "-ne", "5"), 1);
	assert_int_equal(TEST("5", "-ge", "5"), 0);
	assert_int_equal(TEST("5", "-gt", "5"), 1);
	assert_int_equal(TEST("4", "-le", "5"), 0);
	assert_int_equal(TEST("-5", "-lt", "-4"), 0);

	struct result r = RUN(bi_test, "test", "9223372036854775808", "-gt", "0");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "out of range"));
	result_free(&r);
	assert_int_equal(TEST("-9223372036854775809", "-lt", "0"), 2);
	assert_int_equal(TEST("99999999999999999999", "-eq", "1"), 2);

	r = RUN(bi_test, "test", "1", "-eq", "a");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "test: a: not an integer"));
	result_free(&r);
	const char *bad[] = { "", " ", "-", "+", "0x10", "1x", "1 2", "--1", "1.0" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(test_status((char *[]){ "test", (char *)bad[i], "-eq", "0", NULL }), 2);
	assert_int_equal(TEST("-t", "x"), 2);
}

/* ---- test: files ---- */

static void test_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/forksh-util-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char f[64], g[64], link[64], empty[64];
	snprintf(f, sizeof f, "%s/f", dir);
	snprintf(g, sizeof g, "%s/g", dir);
	snprintf(link, sizeof link, "%s/l", dir);
	snprintf(empty, sizeof empty, "%s/e", dir);
	FILE *fp = fopen(f, "w");
	assert_non_null(fp);
	fputs("x", fp);
	fclose(fp);
	fp = fopen(g, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(symlink("f", link), 0);

	assert_int_equal(TEST("-f", f), 0);
	assert_int_equal(TEST("-d", f), 1);
	assert_int_equal(TEST("-d", dir), 0);
	assert_int_equal(TEST("-e", empty), 1);
	assert_int_equal(TEST("-e", ""), 1);
	assert_int_equal(TEST("-s", f), 0);
	assert_int_equal(TEST("-s", g), 1);
	assert_int_equal(TEST("-h", link), 0);
	assert_int_equal(TEST("-L", f), 1);
	assert_int_equal(TEST("-f", link), 0); /* -f follows the link */
	assert_int_equal(TEST("-c", "/dev/null"), 0);
	assert_int_equal(TEST("-p", f), 1);
	assert_int_equal(TEST("-O", f), 0);
	assert_int_equal(TEST(f, "-ef", link), 0);
	assert_int_equal(TEST(f, "-ef", g), 1);

	/* -nt and -ot by the nanosecond, and POSIX 2024 for a missing file. */
	struct timespec older[2] = { { 1000, 1 }, { 1000, 1 } }, newer[2] = { { 1000, 2 }, { 1000, 2 } };
	assert_int_equal(utimensat(AT_FDCWD, g, older, 0), 0);
	assert_int_equal(utimensat(AT_FDCWD, f, newer, 0), 0);
	assert_int_equal(TEST(f, "-nt", g), 0);
	assert_int_equal(TEST(g, "-nt", f), 1);
	assert_int_equal(TEST(g, "-ot", f), 0);
	assert_int_equal(TEST(f, "-ot", g), 1);
	assert_int_equal(TEST(f, "-nt", f), 1);
	assert_int_equal(TEST(f, "-nt", empty), 0);
	assert_int_equal(TEST(empty, "-nt", f), 1);
	assert_int_equal(TEST(empty, "-ot", f), 0);
	assert_int_equal(TEST(f, "-ot", empty), 1);
	assert_int_equal(TEST(empty, "-nt", empty), 1);

	unlink(f);
	unlink(g);
	unlink(link);
	rmdir(dir);
}

/* A million ! and very deep parentheses: an answer or a clear error, no
 * crash. */
static void test_deep_expressions(void **state)
{
	(void)state;
	enum { N = 1000000 };
	char **argv = xcalloc(N + 3, sizeof *argv);
	argv[0] = "test";
	for (int i = 1; i <= N; i++)
		argv[i] = "!";
	argv[N + 1] = "x";
	/* N > 4 arguments: the parser, an even number of ! */
	assert_int_equal(test_status(argv), 0);

	for (int i = 1; i <= N / 2; i++)
		argv[i] = "(";
	argv[N / 2 + 1] = "x";
	for (int i = N / 2 + 2; i <= N + 1; i++)
		argv[i] = ")";
	struct result r = run(bi_test, argv);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "nested too deeply"));
	result_free(&r);
	free(argv);
}

/* ---- echo ---- */

static void test_echo(void **state)
{
	(void)state;
	expect_out(RUN(bi_echo, "echo"), 0, "\n", 1);
	ECHO("a b\n", "a", "b");
	ECHO("a b", "-n", "a", "b");
	ECHO("", "-n");
	ECHO("-n a", "-n", "-n", "a");
	ECHO("a -n\n", "a", "-n");
	ECHO("-e a\n", "-e", "a");
	ECHO("-nn a\n", "-nn", "a");
	ECHO("-- a\n", "--", "a");
	ECHO(" \n", "", "");
	ECHO("a\tb\n", "a\\tb");
	ECHO("\a\b\f\n\r\t\v\033\n", "\\a\\b\\f\\n\\r\\t\\v\\e");
	/* \c ends everything, the newline included. */
	ECHO("a", "a\\cx", "y");
	ECHO("a ", "a", "\\c", "b");
	/* Octal: \0NNN and \NNN, three digits at most, the low byte kept. */
	ECHO("AAA1A\n", "\\0101\\101\\1011\\0101");
	ECHO("\0\08\n", "\\0\\08");
	ECHO("\377\0\n", "\\0777\\400");
	/* Not escapes: the backslash stays. */
	ECHO("\\q \\x41 a\\\n", "\\q", "\\x41", "a\\");
	ECHO("\\c\n", "\\\\c");
}

/* ---- printf ---- */

static void test_printf_reuse(void **state)
{
	(void)state;
	PRINTF(0, "a\nb\nc\n", "%s\n", "a", "b", "c");
	PRINTF(0, "a b\nc \n", "%s %s\n", "a", "b", "c");
	PRINTF(0, "1-0\n", "%d-%d\n", "1");
	/* No conversion: printed once, the arguments ignored. */
	PRINTF(0, "x\n", "x\n", "a", "b");
	PRINTF(0, "123", "%d", "1", "2", "3");
	PRINTF(0, "a=1\nb=2\nc=0\n", "%s=%d\n", "a", "1", "b", "2", "c");
	PRINTF(0, "", "");
}

static void test_printf_missing_arguments(void **state)
{
	(void)state;
	/* "" for %s and %b, 0 for numbers, a NUL byte for %c. */
	PRINTF(0, "|0|\0|0.000000|  |\n", "%s|%d|%c|%f|%2b|\n");
	PRINTF(0, "a\0b", "a%cb");
	PRINTF(0, "1 2 3\n4  \n", "%s %b %s\n", "1", "2", "3", "4");
}

static void test_printf_conversions(void **state)
{
	(void)state;
	PRINTF(0, "10 -10 10 18446744073709551615 ff FF\n", "%d %i %o %u %x %X\n", "10", "-10", "8",
	       "-1", "255", "255");
	PRINTF(0, "a|\0|x|", "%c|", "abc", "", "x");
	PRINTF(0, "   ab|ab   |ab|    a|\n", "%5s|%-5s|%.2s|%5.1s|\n", "ab", "ab", "abc", "abc");
	PRINTF(0, "1.500000 1.500000e+00 1.5 1.500000E+00 1.5 0x1.8p+0 0X1.8P+0 1.500000\n",
	       "%f %e %g %E %G %a %A %F\n", "1.5", "1.5", "1.5", "1.5", "1.5", "1.5", "1.5", "1.5");
	PRINTF(0, "3.142|  3.14e+04|0.0001  |+1.000000| 1.000000|0xff|010|0003.142|+5| 5|00042|42   |\n",
	       "%.3f|%10.2e|%-8g|%+f|% f|%#x|%#o|%08.3f|%+d|% d|%05d|%-05d|\n", "3.14159", "31415.9",
	       "0.0001", "1", "1", "255", "8", "3.14159", "5", "5", "42", "42");
	/* Flags repeated or in any order. */
	PRINTF(0, "+5   |", "%--++5d|", "5");
	PRINTF(0, "000000000000000000000000000005\n", "%.30d\n", "5");
	PRINTF(0, "||", "%.0d|%.0x|", "0", "0");
	PRINTF(0, "%|%5|", "%%|%%5|");
}

static void test_printf_star(void **state)
{
	(void)state;
	PRINTF(0, "    1|2    |004|\n", "%*d|%-*d|%.*d|\n", "5", "1", "5", "2", "3", "4");
	/* A negative width is the - flag, a negative precision none. */
	PRINTF(0, "ab   |\n", "%*s|\n", "-5", "ab");
	PRINTF(0, "1.500000|\n", "%.*f|\n", "-1", "1.5");
	PRINTF(0, "    ab|\n", "%*.*s|\n", "6", "2", "abcdef");
	PRINTF(0, "00003|\n", "%0*d|\n", "5", "3");
	/* A bad width is reported; it counts as its number (0). */
	PRINTF(1, "ab|\n", "%*s|\n", "abc", "ab");
	/* Beyond what printf(3) takes: reported, and no width at all. */
	PRINTF(1, "1|", "%*d|", "99999999999", "1");
}

static void test_printf_numbers(void **state)
{
	(void)state;
	PRINTF(0, "65\n66\n0\n16\n8\n-16\n12\n", "%d\n", "'A", "\"B", "'", "0x10", "010", "-0x10", " 12");
	PRINTF(0, "61 65.000000\n", "%x %f\n", "'a", "'A");
	/* Not (completely) a number: reported, status 1, output goes on. */
	struct result r = RUN(bi_printf, "printf", "%d\n", "abc", "12abc", "", "7");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "0\n12\n0\n7\n");
	assert_non_null(strstr(r.err, "abc: not a number"));
	assert_non_null(strstr(r.err, "12abc: not completely converted"));
	result_free(&r);
	PRINTF(1, "12\n", "%d\n", "12 ");
	PRINTF(1, "9223372036854775807\n-9223372036854775808\n", "%d\n", "99999999999999999999",
	       "-99999999999999999999");
	PRINTF(1, "18446744073709551615\n", "%u\n", "99999999999999999999");
	PRINTF(1, "0\n0\n", "%o\n", "08", "0x");
	/* C99's numbers, whatever the C library's strtol thinks of 0b. */
	PRINTF(1, "0\n", "%d\n", "0b1");
	PRINTF(1, "0\n", "%x\n", "-0B11");
	PRINTF(1, "inf\n0.000000\n1.000000\n", "%f\n", "1e400", "abc", "1,5");
	PRINTF(0, "inf\n-nan\n8.000000\n", "%f\n", "inf", "-nan", "0x1p3");
}

static void test_printf_escapes(void **state)
{
	(void)state;
	/* The format's escapes: \c and \x are not among them. */
	PRINTF(0, "\033\\x41\\q\b1AA1\\c|", "\\e\\x41\\q\\0101\\101\\1011\\c|");
	PRINTF(0, "a\\", "a\\");
	PRINTF(0, "\\a\n", "\\%s\n", "a");
	PRINTF(0, "\n\t\\\n", "\\n\\t\\\\\\n");
	/* %b: \0NNN and \c, which ends printf (the format is not reused). */
	PRINTF(0, "AA", "%b|", "\\0101\\101\\c", "x");
	PRINTF(0, "a", "%b\n", "a\\cb", "c");
	PRINTF(0, "  a\tb|x    |ab|\n", "%5b|%-5b|%.2b|\n", "a\\tb", "x", "abc");
	PRINTF(0, "a\0b|\n", "%.3b|\n", "a\\0b");
	PRINTF(0, "   ab", "%5b|\n", "ab\\c");
	PRINTF(0, "ab   ", "%*b|\n", "-5", "ab\\cxx");
	PRINTF(0, "\\x41\033\0\0\001|\n", "%b|\n", "\\x41\\e\\0\\00\\1");
}

static void test_printf_bad_formats(void **state)
{
	(void)state;
	/* What came before stays written; the status is 2. */
	struct result r = RUN(bi_printf, "printf", "a%z\n");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "a");
	assert_non_null(strstr(r.err, "%z: invalid conversion"));
	result_free(&r);
	r = RUN(bi_printf, "printf", "a%5");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "missing conversion letter"));
	result_free(&r);
	PRINTF(2, "%|", "%%|%5%|\n");
	PRINTF(2, "", "%ld\n", "1");
	PRINTF(2, "", "%1$s\n", "a");
	PRINTF(2, "", "%5*d|", "1", "2");
	PRINTF(2, "", "%.-5d|", "1");
	PRINTF(2, "", "%-\\n");
	PRINTF(2, "", "%99999999999d", "1");
}

static void test_printf_options(void **state)
{
	(void)state;
	PRINTF(0, "x\n", "--", "%s\n", "x");
	PRINTF(0, "--", "--", "--", "a");
	PRINTF(0, "-", "-");
	PRINTF(0, "--\na\n", "%s\n", "--", "a");
	struct result r = RUN(bi_printf, "printf");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "usage: printf"));
	result_free(&r);
	expect_out(RUN(bi_printf, "printf", "--"), 2, "", 0);
	expect_out(RUN(bi_printf, "printf", "-v", "x"), 2, "", 0);
	expect_out(RUN(bi_printf, "printf", "-%s\n", "a"), 2, "", 0);
}

static void test_escape_decode(void **state)
{
	(void)state;
	unsigned char b;
	assert_int_equal(escape_decode("n", 0, &b), 1);
	assert_int_equal(b, '\n');
	assert_int_equal(escape_decode("1234", 0, &b), 3);
	assert_int_equal(b, 0123);
	assert_int_equal(escape_decode("0101", 0, &b), 3);
	assert_int_equal(b, 010);
	assert_int_equal(escape_decode("0101", 1, &b), 4);
	assert_int_equal(b, 'A');
	assert_int_equal(escape_decode("08", 1, &b), 1);
	assert_int_equal(b, 0);
	assert_int_equal(escape_decode("c", 1, &b), ESCAPE_STOP);
	assert_int_equal(escape_decode("c", 0, &b), 0);
	assert_int_equal(b, '\\');
	assert_int_equal(escape_decode("", 1, &b), 0);
	assert_int_equal(b, '\\');
	int stopped;
	assert_int_equal(escape_write("ab\\tc\\cdef", NULL, SIZE_MAX, &stopped), 4);
	assert_int_equal(stopped, 1);
	assert_int_equal(escape_write("a\\", NULL, SIZE_MAX, &stopped), 2);
	assert_int_equal(stopped, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zero_and_one_argument),
		cmocka_unit_test(test_two_arguments),
		cmocka_unit_test(test_three_arguments),
		cmocka_unit_test(test_four_arguments),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_bracket),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_deep_expressions),
		cmocka_unit_test(test_echo),
		cmocka_unit_test(test_printf_reuse),
		cmocka_unit_test(test_printf_missing_arguments),
		cmocka_unit_test(test_printf_conversions),
		cmocka_unit_test(test_printf_star),
		cmocka_unit_test(test_printf_numbers),
		cmocka_unit_test(test_printf_escapes),
		cmocka_unit_test(test_printf_bad_formats),
		cmocka_unit_test(test_printf_options),
		cmocka_unit_test(test_escape_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
