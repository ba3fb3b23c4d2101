/* test_arith.c - unit tests for shell/arith.c, the $((...)) evaluator.
 *
 * Covers every operator, precedence and associativity, short-circuit of
 * && || and ?: (no error and no assignment in the branch not taken), the
 * assignments and compound assignments, constants (decimal, octal, hex,
 * and bad ones), variables with and without $, unset and empty variables,
 * values that are no number, division and remainder by zero, the
 * overflow behaviour arith.h documents (two's complement wrap-around,
 * INTMAX_MIN / -1, shift counts modulo 64), nesting too deep for the
 * stack, syntax errors with their messages, and arith_parse_number.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../shell/arith.h"
#include "../../shell/stack.h"
#include "../../shell/util.h"
#include "../../shell/vars.h"
#include "capture.h"

/* Evaluate expr with stderr captured.  Returns arith_eval's result; *err
 * gets what was printed (the caller frees it). */
static int eval(const char *expr, intmax_t *v, char **err)
{
	struct capture c;
	capture_begin(&c, 2);
	int rc = arith_eval(expr, v);
	*err = capture_end(&c);
	return rc;
}

static void want_value(const char *expr, intmax_t want, int line)
{
	intmax_t v = 12345;
	char *err;
	int rc = eval(expr, &v, &err);
	char msg[256];
	snprintf(msg, sizeof msg, "%s", err);
	free(err);
	if (rc != 0)
		fail_msg("line %d: $((%s)) failed: %s", line, expr, msg);
	if (msg[0])
		fail_msg("line %d: $((%s)) printed '%s'", line, expr, msg);
	if (v != want)
		fail_msg("line %d: $((%s)) = %" PRIdMAX ", expected %" PRIdMAX, line, expr, v, want);
}

/* The expression must fail, printing exactly
 * "forksh: arithmetic: WHAT in "EXPR"" (or, when what starts with '=',
 * exactly the rest). */
static void want_error(const char *expr, const char *what, int line)
{
	intmax_t v = 12345;
	char *err;
	int rc = eval(expr, &v, &err);
	char want[512], got[512];
	if (what[0] == '=')
		snprintf(want, sizeof want, "forksh: %s\n", what + 1);
	else
		snprintf(want, sizeof want, "forksh: arithmetic: %s in \"%s\"\n", what, expr);
	snprintf(got, sizeof got, "%s", err);
	free(err);
	if (rc != -1)
		fail_msg("line %d: $((%s)) succeeded (%" PRIdMAX "), expected: %s", line, expr, v, want);
	if (strcmp(got, want) != 0)
		fail_msg("line %d: $((%s)) printed '%s', expected '%s'", line, expr, got, want);
	assert_int_equal(v, 12345); /* no result on failure */
}

#define VAL(expr, want) want_value((expr), (intmax_t)(want), __LINE__)
#define ERR(expr, what) want_error((expr), (what), __LINE__)

/* The value of variable name, or "(unset)". */
static const char *get(const char *name)
{
	const char *v = var_get(name);
	return v ? v : "(unset)";
}

static void test_constants(void **state)
{
	(void)state;
	VAL("0", 0);
	VAL("42", 42);
	VAL("  7  ", 7);
	ERR("", "the expression is empty");   /* $(( )) is an error, as in dash */
	/* control characters in the message are shown as ^X, tab apart */
	ERR(" \t\n ", "=arithmetic: the expression is empty in \" \t^J \"");
	VAL("010", 8);       /* octal */
	VAL("0777", 511);
	VAL("00", 0);
	VAL("0x1F", 31);     /* hex, either case */
	VAL("0XfF", 255);
	VAL("0x0", 0);
	VAL("9223372036854775807", INTMAX_MAX);
	ERR("08", "bad number");     /* 8 is no octal digit */
	ERR("019", "bad number");
	ERR("0x", "bad number");     /* no digits */
	ERR("0xg", "bad number");
	ERR("0x1g", "bad number");   /* a letter right after the digits */
	ERR("12abc", "bad number");
	ERR("1_", "bad number");
}

static void test_unary(void **state)
{
	(void)state;
	VAL("-5", -5);
	VAL("+5", 5);
	VAL("- -5", 5);
	VAL("-(-5)", 5);
	VAL("~0", -1);
	VAL("~5", -6);
	VAL("~~5", 5);
	VAL("!0", 1);
	VAL("!7", 0);
	VAL("!!7", 1);
	VAL("!-1", 0);
	VAL("-~0", 1);
	VAL("- + - 3", 3);
}

static void test_binary_operators(void **state)
{
	(void)state;
	VAL("7 * 6", 42);
	VAL("7 / 2", 3);
	VAL("-7 / 2", -3);    /* truncates towards zero, as C */
	VAL("7 % 3", 1);
	VAL("-7 % 3", -1);
	VAL("7 % -3", 1);
	VAL("2 + 3", 5);
	VAL("2 - 3", -1);
	VAL("1 << 4", 16);
	VAL("256 >> 4", 16);
	VAL("-8 >> 1", -4);   /* arithmetic shift: the sign stays */
	VAL("1 < 2", 1);
	VAL("2 < 1", 0);
	VAL("2 <= 2", 1);
	VAL("3 <= 2", 0);
	VAL("3 > 2", 1);
	VAL("2 > 2", 0);
	VAL("2 >= 2", 1);
	VAL("1 >= 2", 0);
	VAL("3 == 3", 1);
	VAL("3 == 4", 0);
	VAL("3 != 4", 1);
	VAL("3 != 3", 0);
	VAL("12 & 10", 8);
	VAL("12 ^ 10", 6);
	VAL("12 | 10", 14);
	VAL("2 && 3", 1);     /* && and || give 0 or 1 */
	VAL("2 && 0", 0);
	VAL("0 && 2", 0);
	VAL("0 || 5", 1);
	VAL("0 || 0", 0);
	VAL("5 || 0", 1);
	VAL("1 ? 10 : 20", 10);
	VAL("0 ? 10 : 20", 20);
	VAL("-1 ? 10 : 20", 10);
	/* no blanks needed anywhere */
	VAL("1+2*3-4/2", 5);
	VAL("1<2&&2<3", 1);
}

static void test_precedence(void **state)
{
	(void)state;
	VAL("1 + 2 * 3", 7);
	VAL("(1 + 2) * 3", 9);
	VAL("2 * 3 % 4", 2);          /* (2*3)%4, left to right */
	VAL("10 - 4 + 3", 9);          /* (10-4)+3 */
	VAL("1 - 2 - 3", -4);          /* left associative */
	VAL("100 / 10 / 5", 2);
	VAL("2 * -3", -6);
	VAL("-2 * 3", -6);
	VAL("!1 + 1", 1);              /* unary binds tighter */
	VAL("~1 + 1", -1);
	VAL("1 << 2 + 1", 8);          /* + before << */
	VAL("1 + 1 << 2", 8);
	VAL("1 << 2 < 5", 1);          /* << before < : (4 < 5) */
	VAL("3 < 2 == 0", 1);          /* < before == */
	VAL("1 == 1 < 2", 1);          /* 1 == (1<2) */
	VAL("5 & 3 == 3", 1);          /* == before & : 5 & 1 */
	VAL("1 | 2 ^ 3 & 4", 3);       /* & before ^ before | */
	VAL("6 ^ 3 | 8", 13);
	VAL("1 | 0 && 0", 0);          /* | before && */
	VAL("1 || 0 && 0", 1);         /* && before || */
	VAL("0 && 0 || 1", 1);
	VAL("0 || 1 ? 5 : 6", 5);      /* || before ?: */
	VAL("1 ? 2 : 3 ? 4 : 5", 2);   /* ?: is right associative */
	VAL("0 ? 2 : 0 ? 4 : 5", 5);
	VAL("0 ? 2 : 1 ? 4 : 5", 4);
	VAL("1 ? 0 ? 7 : 8 : 9", 8);   /* nested in the middle */
	VAL("((((3))))", 3);
	VAL("(1 + 2) * (3 + 4)", 21);
}

static void test_variables(void **state)
{
	(void)state;
	var_set("fk_n", "12");
	var_set("fk_neg", "-3");
	var_set("fk_hex", "0x10");
	var_set("fk_oct", "010");
	var_set("fk_blank", "  7  ");
	var_set("fk_empty", "");
	var_unset("fk_unset");
	VAL("fk_n", 12);
	/* $fk_n in $((...)) is expanded before the evaluator sees it: a $
	 * that reaches it came from a value (u='$fk_n'; $(($u))), and is an
	 * error, as in dash */
	ERR("$fk_n", "expected a number or a variable");
	ERR("fk_n + $fk_n", "expected a number or a variable");
	VAL("fk_neg * 2", -6);
	VAL("fk_hex", 16);
	VAL("fk_oct", 8);
	VAL("fk_blank", 7);
	VAL("fk_empty", 0);        /* empty is 0 */
	VAL("fk_unset", 0);        /* unset is 0 */
	VAL("fk_unset + 1", 1);
	VAL("-fk_n", -12);
	VAL("!fk_unset", 1);
	VAL("_", 0);
	var_set("fk_bad", "abc");
	ERR("fk_bad", "=Illegal number: abc");
	ERR("1 + fk_bad", "=Illegal number: abc");
	var_set("fk_bad", "1 2");
	ERR("fk_bad", "=Illegal number: 1 2");
	var_set("fk_bad", "1+2");  /* not evaluated again, as in dash */
	ERR("fk_bad", "=Illegal number: 1+2");
	var_set("fk_bad", "08");
	ERR("fk_bad", "=Illegal number: 08");
	var_unset("fk_bad");
	/* a lone $ is no name */
	ERR("$", "expected a number or a variable");
	ERR("$1", "expected a number or a variable");
	var_unset("fk_n");
	var_unset("fk_neg");
	var_unset("fk_hex");
	var_unset("fk_oct");
	var_unset("fk_blank");
	var_unset("fk_empty");
}

/* A variable name of any length is the whole name (it was once cut to 255
 * bytes, so a long name read or set a different variable). */
static void test_long_variable_name(void **state)
{
	(void)state;
	char name[400], cut[256], expr[450];
	memset(name, 'v', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	memcpy(cut, name, 255);
	cut[255] = '\0';
	assert_int_equal(var_set(cut, "99"), 0);
	VAL(name, 0); /* the long one is unset */
	snprintf(expr, sizeof expr, "%s = 5", name);
	VAL(expr, 5);
	assert_string_equal(get(name), "5");
	assert_string_equal(get(cut), "99");
	var_unset(name);
	var_unset(cut);
}

static void test_assignments(void **state)
{
	(void)state;
	var_unset("fk_a");
	VAL("fk_a = 5", 5);
	assert_string_equal(get("fk_a"), "5");
	VAL("fk_a=0x10", 16);
	assert_string_equal(get("fk_a"), "16");   /* stored in decimal */
	VAL("fk_a = 3", 3);
	assert_string_equal(get("fk_a"), "3");
	static const struct {
		const char *expr;
		intmax_t want;
	} compound[] = {
		{ "fk_a = 20", 20 }, { "fk_a += 5", 25 }, { "fk_a -= 3", 22 }, { "fk_a *= 2", 44 },
		{ "fk_a /= 5", 8 },  { "fk_a %= 5", 3 },  { "fk_a <<= 4", 48 }, { "fk_a >>= 2", 12 },
		{ "fk_a &= 10", 8 }, { "fk_a ^= 12", 4 }, { "fk_a |= 3", 7 },
	};
	for (size_t i = 0; i < sizeof compound / sizeof compound[0]; i++) {
		want_value(compound[i].expr, compound[i].want, __LINE__);
		char want[32];
		snprintf(want, sizeof want, "%" PRIdMAX, compound[i].want);
		if (strcmp(get("fk_a"), want) != 0)
			fail_msg("after %s, fk_a is %s, expected %s", compound[i].expr, get("fk_a"), want);
	}
	/* right associative: both get the value */
	VAL("fk_a = fk_b = 3", 3);
	assert_string_equal(get("fk_a"), "3");
	assert_string_equal(get("fk_b"), "3");
	VAL("fk_a += fk_b *= 2", 9);
	assert_string_equal(get("fk_b"), "6");
	assert_string_equal(get("fk_a"), "9");
	/* an assignment is an expression */
	VAL("(fk_a = 2) + fk_a", 4);
	VAL("1 + (fk_a = 7)", 8);
	assert_string_equal(get("fk_a"), "7");
	/* compound assignment to an unset variable starts from 0 */
	var_unset("fk_c");
	VAL("fk_c += 4", 4);
	assert_string_equal(get("fk_c"), "4");
	/* == is no assignment */
	VAL("fk_c == 4", 1);
	assert_string_equal(get("fk_c"), "4");
	/* failures change nothing */
	ERR("fk_c /= 0", "division by zero");
	assert_string_equal(get("fk_c"), "4");
	ERR("fk_c %= 0", "division by zero");
	assert_string_equal(get("fk_c"), "4");
	var_set("fk_bad", "x1");
	ERR("fk_bad += 1", "=Illegal number: x1");
	assert_string_equal(get("fk_bad"), "x1");
	ERR("fk_c = 1/0", "division by zero");
	assert_string_equal(get("fk_c"), "4");
	/* only a name can be assigned to */
	ERR("1 = 2", "unexpected text after the expression");
	ERR("(fk_c) = 2", "unexpected text after the expression");
	ERR("1 + fk_c = 2", "unexpected text after the expression");
	/* a read-only variable */
	assert_int_equal(var_readonly("fk_ro", "1"), 0);
	ERR("fk_ro = 2", "=fk_ro: is read only");
	ERR("fk_ro += 2", "=fk_ro: is read only");
	assert_string_equal(get("fk_ro"), "1");
	VAL("fk_ro + 1", 2); /* reading it is fine */
	var_unset("fk_a");
	var_unset("fk_b");
	var_unset("fk_c");
	var_unset("fk_bad");
}

/* The branch not taken is parsed, but not evaluated: no division by zero,
 * no assignment, no complaint about a variable that is no number. */
static void test_short_circuit(void **state)
{
	(void)state;
	var_unset("fk_s");
	var_set("fk_bad", "abc");
	VAL("0 && 1 / 0", 0);
	VAL("1 || 1 / 0", 1);
	VAL("0 && (fk_s = 1)", 0);
	VAL("1 || (fk_s = 1)", 1);
	VAL("0 && (fk_s += 1)", 0);
	VAL("0 && fk_bad", 0);
	VAL("1 || fk_bad", 1);
	VAL("1 ? 2 : 1 / 0", 2);
	VAL("0 ? 1 / 0 : 3", 3);
	VAL("1 ? 2 : (fk_s = 9)", 2);
	VAL("0 ? (fk_s = 9) : 3", 3);
	VAL("0 ? fk_bad : 3", 3);
	VAL("0 && 1 ? 1 % 0 : 4", 4);
	VAL("0 && (1 ? 1/0 : 2/0)", 0);
	VAL("1 || 0 && 1/0", 1);
	assert_string_equal(get("fk_s"), "(unset)");
	/* the branch taken is evaluated */
	VAL("1 && (fk_s = 1)", 1);
	assert_string_equal(get("fk_s"), "1");
	VAL("0 || (fk_s = 0)", 0);
	assert_string_equal(get("fk_s"), "0");
	VAL("0 ? 1 : (fk_s = 5)", 5);
	assert_string_equal(get("fk_s"), "5");
	ERR("1 && 1 / 0", "division by zero");
	ERR("0 || 1 / 0", "division by zero");
	ERR("1 ? 1 / 0 : 2", "division by zero");
	ERR("1 ? fk_bad : 2", "=Illegal number: abc");
	/* a syntax error is an error even in the branch not taken */
	ERR("0 && (1 +)", "expected a number or a variable");
	ERR("1 ? 2 : (3", "missing ')'");
	var_unset("fk_s");
	var_unset("fk_bad");
}

static void test_division_by_zero(void **state)
{
	(void)state;
	ERR("1 / 0", "division by zero");
	ERR("1 % 0", "division by zero");
	ERR("0 / 0", "division by zero");
	ERR("5 / (2 - 2)", "division by zero");
	var_unset("fk_z");
	ERR("5 % fk_z", "division by zero");
}

/* arith.h: two's complement wrap-around, INTMAX_MIN / -1 = INTMAX_MIN and
 * INTMAX_MIN % -1 = 0, shift counts modulo 64. */
static void test_overflow(void **state)
{
	(void)state;
	VAL("9223372036854775807 + 1", INTMAX_MIN);
	VAL("-9223372036854775807 - 1", INTMAX_MIN);
	VAL("-9223372036854775807 - 2", INTMAX_MAX);
	VAL("9223372036854775808", INTMAX_MIN);       /* the constant itself wraps */
	VAL("18446744073709551615", -1);
	VAL("18446744073709551616", 0);
	VAL("4611686018427387904 * 2", INTMAX_MIN);
	VAL("9223372036854775807 * 9223372036854775807", 1);
	VAL("-(-9223372036854775807 - 1)", INTMAX_MIN); /* negating INTMAX_MIN */
	VAL("(-9223372036854775807 - 1) / -1", INTMAX_MIN);
	VAL("(-9223372036854775807 - 1) % -1", 0);
	VAL("(-9223372036854775807 - 1) / 1", INTMAX_MIN);
	VAL("(-9223372036854775807 - 1) / 2", INTMAX_MIN / 2);
	/* shift counts are taken modulo 64 */
	VAL("1 << 63", INTMAX_MIN);
	VAL("1 << 64", 1);
	VAL("1 << 65", 2);
	VAL("1 << -1", INTMAX_MIN);   /* -1 & 63 = 63 */
	VAL("3 << 62", INTMAX_MIN + ((intmax_t)1 << 62));
	VAL("256 >> 64", 256);
	VAL("256 >> 68", 16);
	VAL("-1 >> 63", -1);
	VAL("(1 << 63) >> 63", -1);
	VAL("5 >> -63", 2);           /* -63 & 63 = 1 */
	/* and in compound assignments */
	var_set("fk_o", "9223372036854775807");
	VAL("fk_o += 1", INTMAX_MIN);
	assert_string_equal(get("fk_o"), "-9223372036854775808");
	VAL("fk_o /= -1", INTMAX_MIN);
	VAL("fk_o <<= 64", INTMAX_MIN);
	var_unset("fk_o");
	/* a variable holding the largest values */
	var_set("fk_o", "-9223372036854775808");
	VAL("fk_o", INTMAX_MIN);
	VAL("fk_o - 1", INTMAX_MAX);
	var_unset("fk_o");
}

static void test_syntax_errors(void **state)
{
	(void)state;
	ERR("1 +", "the expression ends too early");
	ERR("+", "the expression ends too early");
	ERR("(", "the expression ends too early");
	ERR("(1", "missing ')'");
	ERR("(1 + 2", "missing ')'");
	ERR("1)", "unexpected text after the expression");
	ERR("1 2", "unexpected text after the expression");
	ERR("1 ? 2", "'?' without its ':'");
	ERR("1 ? 2 3", "'?' without its ':'");
	ERR("1 : 2", "unexpected text after the expression");
	ERR("@", "expected a number or a variable");
	ERR("1 + * 2", "expected a number or a variable");
	ERR("()", "expected a number or a variable");
	ERR("1 = = 2", "unexpected text after the expression");
	ERR("1 === 2", "expected a number or a variable");
	ERR("x++", "the expression ends too early");  /* no ++ (POSIX leaves it out) */
	ERR("1,2", "unexpected text after the expression");
	ERR("1 # 2", "unexpected text after the expression");
	ERR("\"1\"", "expected a number or a variable");
	/* a long expression is shortened in the message */
	char expr[200];
	memset(expr, '1', 100);
	strcpy(expr + 100, " +");
	intmax_t v;
	char *err;
	assert_int_equal(eval(expr, &v, &err), -1);
	assert_non_null(strstr(err, "(102 bytes)"));
	assert_true(strlen(err) < 150);
	free(err);
}

/* Nesting as deep as the input likes ends with an error while the stack
 * still has room, never a crash (it once overflowed the stack). */
static void test_too_deep(void **state)
{
	(void)state;
	enum { LEVELS = 1000000 };
	static const char *const kinds[] = { "(", "-", "!", "~", "x=" };
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t step = strlen(kinds[k]);
		char *expr = xmalloc(LEVELS * (step + 1) + 2);
		size_t n = 0;
		for (size_t i = 0; i < LEVELS; i++) {
			memcpy(expr + n, kinds[k], step);
			n += step;
			if (kinds[k][0] != '(')
				expr[n++] = ' ';
		}
		expr[n++] = '1';
		if (kinds[k][0] == '(')
			for (size_t i = 0; i < LEVELS; i++)
				expr[n++] = ')';
		expr[n] = '\0';
		intmax_t v;
		char *err;
		int rc = eval(expr, &v, &err);
		int ok = rc == -1 && strstr(err, "arithmetic: nested too deeply") != NULL;
		char got[120];
		snprintf(got, sizeof got, "%s", err);
		free(err);
		free(expr);
		if (!ok)
			fail_msg("%zu levels of '%s': rc %d, '%s'", (size_t)LEVELS, kinds[k], rc, got);
	}
	var_unset("x");
	/* a reasonable depth is fine */
	VAL("((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))", 1);
}

static void test_parse_number(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int ok;
		intmax_t v;
	} cases[] = {
		{ "0", 1, 0 },         { "42", 1, 42 },     { "  42  ", 1, 42 },  { "\t7\n", 1, 7 },
		{ "-5", 1, -5 },       { "+5", 1, 5 },      { "010", 1, 8 },      { "0x1f", 1, 31 },
		{ "-0x10", 1, -16 },   { " -3 ", 1, -3 },
		{ "-9223372036854775808", 1, INTMAX_MIN },
		{ "", 0, 0 },          { " ", 0, 0 },       { "-", 0, 0 },        { "- 5", 0, 0 },
		{ "abc", 0, 0 },       { "12a", 0, 0 },     { "1 2", 0, 0 },      { "08", 0, 0 },
		{ "0x", 0, 0 },        { "--5", 0, 0 },     { "1+2", 0, 0 },      { "x", 0, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		intmax_t v = 777;
		int rc = arith_parse_number(cases[i].s, &v);
		if (cases[i].ok && (rc != 0 || v != cases[i].v))
			fail_msg("arith_parse_number(\"%s\") = %d, %" PRIdMAX ", expected %" PRIdMAX, cases[i].s,
				 rc, v, cases[i].v);
		if (!cases[i].ok && (rc != -1 || v != 777))
			fail_msg("arith_parse_number(\"%s\") accepted it (%" PRIdMAX ")", cases[i].s, v);
	}
}

int main(void)
{
	stack_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_constants),
		cmocka_unit_test(test_unary),
		cmocka_unit_test(test_binary_operators),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_variables),
		cmocka_unit_test(test_long_variable_name),
		cmocka_unit_test(test_assignments),
		cmocka_unit_test(test_short_circuit),
		cmocka_unit_test(test_division_by_zero),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_parse_number),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	var_clear_all();
	return rc;
}
