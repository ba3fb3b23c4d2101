/* test_number.c - unit tests for shell/number.c, the one parser of the
 * numbers users write.
 *
 * Covers the values at and around every boundary (INT_MAX, LLONG_MIN and
 * LLONG_MAX), overflow far beyond them (the 4294967295 that made kill
 * signal every process), what is not a decimal integer at all (blanks,
 * '+', hex, fractions, exponents, nan), negative numbers only where the
 * caller allows them, another radix (umask's octal), the decimal times the
 * lessons take, and num_illegal's message and status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../shell/number.h"
#include "../../shell/shell.h"

/* The value of s parsed within [min, max], or the error kind (as a
 * negative number) for short assertions. */
static long long parse(const char *s, long long min, long long max)
{
	long long v = 12345;
	enum num_error e = num_parse(s, min, max, &v);
	if (e != NUM_OK) {
		assert_int_equal(v, 12345); /* untouched on error */
		return -1000 - (long long)e;
	}
	return v;
}
#define ERR(e) (-1000 - (long long)(e))

static void test_plain_values(void **state)
{
	(void)state;
	assert_int_equal(parse("0", 0, 10), 0);
	assert_int_equal(parse("7", 0, 10), 7);
	assert_int_equal(parse("007", 0, 10), 7);
	assert_int_equal(parse("10", 0, 10), 10);
	assert_true(parse("2147483647", 1, INT_MAX) == INT_MAX);
}

static void test_range_edges(void **state)
{
	(void)state;
	assert_true(parse("11", 0, 10) == ERR(NUM_RANGE));
	assert_true(parse("0", 1, 10) == ERR(NUM_RANGE));
	assert_true(parse("2147483648", 1, INT_MAX) == ERR(NUM_RANGE));
	/* the numbers that used to wrap into kill(-1), kill(0) and kill(1) */
	assert_true(parse("4294967295", -(long long)INT_MAX, INT_MAX) == ERR(NUM_RANGE));
	assert_true(parse("4294967296", -(long long)INT_MAX, INT_MAX) == ERR(NUM_RANGE));
	assert_true(parse("4294967297", -(long long)INT_MAX, INT_MAX) == ERR(NUM_RANGE));
	assert_true(parse("-2147483648", -(long long)INT_MAX, INT_MAX) == ERR(NUM_RANGE));
}

static void test_overflow(void **state)
{
	(void)state;
	assert_true(parse("9223372036854775807", LLONG_MIN, LLONG_MAX) == LLONG_MAX);
	assert_true(parse("-9223372036854775808", LLONG_MIN, LLONG_MAX) == LLONG_MIN);
	assert_true(parse("9223372036854775808", LLONG_MIN, LLONG_MAX) == ERR(NUM_RANGE));
	assert_true(parse("-9223372036854775809", LLONG_MIN, LLONG_MAX) == ERR(NUM_RANGE));
	assert_true(parse("99999999999999999999", 0, INT_MAX) == ERR(NUM_RANGE));
	assert_true(parse("18446744073709551617", LLONG_MIN, LLONG_MAX) == ERR(NUM_RANGE));
	/* overflow does not hide a bad character after it */
	assert_true(parse("99999999999999999999x", 0, INT_MAX) == ERR(NUM_SYNTAX));
}

static void test_not_numbers(void **state)
{
	(void)state;
	assert_true(parse("", 0, 10) == ERR(NUM_EMPTY));
	const char *bad[] = { " 5", "5 ", "+5", "0x10", "1e3", "2.5", ".5", "nan", "inf", "-", "--1", "5-",
			      "１", "\t1", "1\n", "zzz", "%1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long long v;
		enum num_error e = num_parse(bad[i], -100, 100, &v);
		if (e != NUM_SYNTAX)
			fail_msg("'%s' gave %d, wanted NUM_SYNTAX", bad[i], (int)e);
	}
}

static void test_negative_only_when_allowed(void **state)
{
	(void)state;
	assert_true(parse("-1", 0, 10) == ERR(NUM_SYNTAX));
	assert_true(parse("-0", 0, 10) == ERR(NUM_SYNTAX));
	assert_true(parse("-1", -10, 10) == -1);
	assert_true(parse("-0", -10, 10) == 0);
	assert_true(parse("-11", -10, 10) == ERR(NUM_RANGE));
}

static void test_radix(void **state)
{
	(void)state;
	long long v;
	assert_int_equal(num_parse_radix("755", 8, 0, 0777, &v), NUM_OK);
	assert_int_equal(v, 0755);
	assert_int_equal(num_parse_radix("0022", 8, 0, 0777, &v), NUM_OK);
	assert_int_equal(v, 022);
	assert_int_equal(num_parse_radix("8", 8, 0, 0777, &v), NUM_SYNTAX);
	assert_int_equal(num_parse_radix("1000", 8, 0, 0777, &v), NUM_RANGE);
	assert_int_equal(num_parse_radix("101", 2, 0, 100, &v), NUM_OK);
	assert_int_equal(v, 5);
}

static void test_decimal(void **state)
{
	(void)state;
	double d;
	assert_int_equal(num_parse_decimal("2", 0, 60, &d), NUM_OK);
	assert_true(d == 2.0);
	assert_int_equal(num_parse_decimal("0.25", 0, 60, &d), NUM_OK);
	assert_true(d == 0.25);
	assert_int_equal(num_parse_decimal(".5", 0, 60, &d), NUM_OK);
	assert_true(d == 0.5);
	assert_int_equal(num_parse_decimal("3.", 0, 60, &d), NUM_OK);
	assert_true(d == 3.0);
	assert_int_equal(num_parse_decimal("60.5", 0, 60, &d), NUM_RANGE);
	assert_int_equal(num_parse_decimal("", 0, 60, &d), NUM_EMPTY);
	const char *bad[] = { ".", "nan", "inf", "1e1", "0x1", "-1", "+1", "1.2.3", " 1", "1 " };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (num_parse_decimal(bad[i], 0, 60, &d) != NUM_SYNTAX)
			fail_msg("'%s' was accepted", bad[i]);
}

/* num_illegal says dash's words on stderr, with the argument made short
 * and safe, and returns 2. */
static void test_illegal_message(void **state)
{
	(void)state;
	char path[] = "/tmp/forksh-test-number-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	char big[5000];
	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	big[3] = '\033';
	int st1 = num_illegal("kill", "4294967295");
	int st2 = num_illegal("wait", big);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	char out[1024] = "";
	ssize_t n = pread(fd, out, sizeof out - 1, 0);
	close(fd);
	unlink(path);
	assert_true(n > 0);
	out[n] = '\0';
	assert_int_equal(st1, 2);
	assert_int_equal(st2, 2);
	assert_non_null(strstr(out, "forksh: kill: Illegal number: 4294967295\n"));
	assert_non_null(strstr(out, "forksh: wait: Illegal number: 999^[999"));
	assert_non_null(strstr(out, "... (4999 bytes)\n"));
	assert_null(strchr(out, '\033'));
	assert_true(n < 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_values),
		cmocka_unit_test(test_range_edges),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_not_numbers),
		cmocka_unit_test(test_negative_only_when_allowed),
		cmocka_unit_test(test_radix),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_illegal_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
