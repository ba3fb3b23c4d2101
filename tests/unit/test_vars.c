/* test_vars.c - unit tests for shell/vars.c, the variable store.
 *
 * Covers var_set/var_get for shell variables, var_export moving a variable
 * into the process environment (getenv sees it), var_unset removing it from
 * both places, rejection of invalid names, many variables sharing hash
 * buckets, var_split_assignment_raw, and the output of var_print_quoted and
 * var_print_exported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../shell/util.h"
#include "../../shell/vars.h"

extern char **environ;

/* Run var_print_quoted or var_print_exported into a new string. */
static char *print_quoted(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	var_print_quoted(f, s);
	fclose(f);
	return buf;
}

static char *print_exported(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	var_print_exported(f);
	fclose(f);
	return buf;
}

static void test_set_get_local(void **state)
{
	(void)state;
	unsetenv("fk_a");
	assert_null(var_get("fk_a"));
	assert_int_equal(var_set("fk_a", "one"), 0);
	assert_string_equal(var_get("fk_a"), "one");
	assert_null(getenv("fk_a")); /* not exported */
	assert_int_equal(var_set("fk_a", "two words"), 0);
	assert_string_equal(var_get("fk_a"), "two words");
	assert_int_equal(var_set("fk_a", ""), 0);
	assert_non_null(var_get("fk_a")); /* set but empty is not unset */
	assert_string_equal(var_get("fk_a"), "");
	/* The store keeps its own copy. */
	char value[] = "copied";
	assert_int_equal(var_set("fk_a", value), 0);
	value[0] = 'X';
	assert_string_equal(var_get("fk_a"), "copied");
	/* Names are case-sensitive. */
	assert_null(var_get("FK_A"));
	assert_int_equal(var_unset("fk_a"), 0);
	assert_null(var_get("fk_a"));
}

/* var_set(NAME, var_get(NAME)) on an unexported variable must copy the new
 * value before freeing the old one, which is the same string (it was once a
 * use-after-free). */
static void test_set_to_own_value(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_self", "a value longer than sixteen bytes"), 0);
	assert_int_equal(var_set("fk_self", var_get("fk_self")), 0);
	char got[64];
	snprintf(got, sizeof got, "%s", var_get("fk_self") ? var_get("fk_self") : "(null)");
	var_unset("fk_self");
	assert_string_equal(got, "a value longer than sixteen bytes");
}

static void test_set_keeps_exported(void **state)
{
	(void)state;
	assert_int_equal(var_export("FK_E", "1"), 0);
	assert_string_equal(getenv("FK_E"), "1");
	assert_int_equal(var_set("FK_E", "2"), 0);
	assert_string_equal(getenv("FK_E"), "2"); /* still in the environment */
	assert_string_equal(var_get("FK_E"), "2");
	/* It lives only in the environment: removing it there removes it. */
	unsetenv("FK_E");
	assert_null(var_get("FK_E"));
}

static void test_export_moves_to_environment(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_m", "moved"), 0);
	assert_null(getenv("fk_m"));
	assert_int_equal(var_export("fk_m", NULL), 0);
	assert_string_equal(getenv("fk_m"), "moved");
	assert_string_equal(var_get("fk_m"), "moved");
	/* The shell-variable copy is gone: a name is in only one place. */
	unsetenv("fk_m");
	assert_null(var_get("fk_m"));

	/* export with a value replaces the old one. */
	assert_int_equal(var_set("fk_m", "old"), 0);
	assert_int_equal(var_export("fk_m", "new"), 0);
	assert_string_equal(getenv("fk_m"), "new");
	unsetenv("fk_m");
	assert_null(var_get("fk_m"));

	/* Exporting an unset name exports it empty. */
	unsetenv("fk_never");
	assert_int_equal(var_export("fk_never", NULL), 0);
	assert_non_null(getenv("fk_never"));
	assert_string_equal(getenv("fk_never"), "");
	/* Exporting again without a value keeps the value. */
	assert_int_equal(var_export("fk_never", "v"), 0);
	assert_int_equal(var_export("fk_never", NULL), 0);
	assert_string_equal(getenv("fk_never"), "v");
	assert_int_equal(var_unset("fk_never"), 0);
}

static void test_unset_removes_both(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_u", "local"), 0);
	assert_int_equal(var_unset("fk_u"), 0);
	assert_null(var_get("fk_u"));

	assert_int_equal(var_export("fk_u", "exported"), 0);
	assert_int_equal(var_unset("fk_u"), 0);
	assert_null(getenv("fk_u"));
	assert_null(var_get("fk_u"));

	/* Unsetting what is not set is fine. */
	assert_int_equal(var_unset("fk_u"), 0);

	/* After unset, a new var_set makes an unexported variable again. */
	assert_int_equal(var_export("fk_u", "x"), 0);
	assert_int_equal(var_unset("fk_u"), 0);
	assert_int_equal(var_set("fk_u", "y"), 0);
	assert_null(getenv("fk_u"));
	assert_string_equal(var_get("fk_u"), "y");
	assert_int_equal(var_unset("fk_u"), 0);
}

static void test_invalid_names(void **state)
{
	(void)state;
	static const char *const bad[] = { "", "1a", "9", "a-b", "a b", "a=b", "a.b", "$x", "\xc3\xa9" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (var_set(bad[i], "x") != -1)
			fail_msg("var_set accepted the name '%s'", bad[i]);
		if (var_export(bad[i], "x") != -1)
			fail_msg("var_export accepted the name '%s'", bad[i]);
		if (var_unset(bad[i]) != -1)
			fail_msg("var_unset accepted the name '%s'", bad[i]);
		assert_null(var_get(bad[i]));
	}
	assert_null(getenv("a-b"));
	assert_null(getenv("1a"));

	/* A failed export leaves an existing variable alone. */
	assert_int_equal(var_set("fk_ok", "kept"), 0);
	assert_int_equal(var_export("fk_ok=", "x"), -1);
	assert_string_equal(var_get("fk_ok"), "kept");
	assert_null(getenv("fk_ok"));
	var_unset("fk_ok");
}

static void test_valid_name(void **state)
{
	(void)state;
	assert_true(var_valid_name("abc", 3));
	assert_true(var_valid_name("_", 1));
	assert_true(var_valid_name("A_9z", 4));
	assert_true(var_valid_name("ab=cd", 2)); /* only the first n bytes count */
	assert_false(var_valid_name("ab=cd", 3));
	assert_false(var_valid_name("", 0));
	assert_false(var_valid_name("abc", 0));
	assert_false(var_valid_name("1a", 2));
	assert_false(var_valid_name("a-", 2));
	assert_false(var_valid_name(" a", 2));
}

static void test_many_variables(void **state)
{
	(void)state;
	/* Far more names than buckets, so chains are long and removals happen
	 * at the head, middle and end of them. */
	enum { N = 500 };
	char name[32], value[32];
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof name, "fk_v%d", i);
		snprintf(value, sizeof value, "value %d", i * 7);
		assert_int_equal(var_set(name, value), 0);
	}
	for (int i = 0; i < N; i += 2) {
		snprintf(name, sizeof name, "fk_v%d", i);
		assert_int_equal(var_unset(name), 0);
	}
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof name, "fk_v%d", i);
		const char *v = var_get(name);
		if (i % 2 == 0) {
			if (v)
				fail_msg("%s still set to '%s' after unset", name, v);
		} else {
			snprintf(value, sizeof value, "value %d", i * 7);
			assert_non_null(v);
			assert_string_equal(v, value);
		}
	}
	for (int i = 1; i < N; i += 2) {
		snprintf(name, sizeof name, "fk_v%d", i);
		var_unset(name);
	}
}

static void test_clear_all(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_c1", "1"), 0);
	assert_int_equal(var_set("fk_c2", "2"), 0);
	assert_int_equal(var_export("FK_C3", "3"), 0);
	var_clear_all();
	assert_null(var_get("fk_c1"));
	assert_null(var_get("fk_c2"));
	assert_string_equal(var_get("FK_C3"), "3"); /* the environment is not touched */
	var_unset("FK_C3");
	/* The table still works afterwards. */
	assert_int_equal(var_set("fk_c1", "again"), 0);
	assert_string_equal(var_get("fk_c1"), "again");
	var_unset("fk_c1");
}

static void test_split_assignment_raw(void **state)
{
	(void)state;
	const char *value;
	char *name = var_split_assignment_raw("NAME=va=lue", &value);
	assert_string_equal(name, "NAME");
	assert_string_equal(value, "va=lue");
	free(name);

	const char *src = "x=";
	name = var_split_assignment_raw(src, &value);
	assert_string_equal(name, "x");
	assert_string_equal(value, "");
	assert_ptr_equal(value, src + 2); /* points into the original */
	free(name);

	name = var_split_assignment_raw("a='b c'", &value);
	assert_string_equal(name, "a");
	assert_string_equal(value, "'b c'"); /* still unexpanded */
	free(name);
}

static void test_print_quoted(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "'plain'" },
		{ "", "''" },
		{ "it's", "'it'\\''s'" },
		{ "''", "''\\'''\\'''" },
		{ "a b$c\"d\\e", "'a b$c\"d\\e'" },
		{ "two\nlines", "'two\nlines'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = print_quoted(cases[i].in);
		int ok = strcmp(got, cases[i].out) == 0;
		if (!ok) {
			char msg[256];
			snprintf(msg, sizeof msg, "quoting '%s' gave %s, expected %s", cases[i].in, got,
				 cases[i].out);
			free(got);
			fail_msg("%s", msg);
		}
		free(got);
	}
}

/* var_print_exported prints the whole environment, so run it with an
 * environment that holds only what the test puts there. */
static char **saved_env;

static int empty_environment(void **state)
{
	(void)state;
	size_t n = 0;
	while (environ && environ[n])
		n++;
	saved_env = calloc(n + 1, sizeof *saved_env);
	if (!saved_env)
		return -1;
	for (size_t i = 0; i < n; i++)
		saved_env[i] = strdup(environ[i]);
	return clearenv();
}

static int restore_environment(void **state)
{
	(void)state;
	clearenv();
	for (size_t i = 0; saved_env[i]; i++) {
		char *eq = strchr(saved_env[i], '=');
		if (eq) {
			*eq = '\0';
			setenv(saved_env[i], eq + 1, 1);
		}
		free(saved_env[i]);
	}
	free(saved_env);
	saved_env = NULL;
	return 0;
}

static void test_print_exported(void **state)
{
	(void)state;
	assert_int_equal(var_export("ZED", "last\nline"), 0);
	assert_int_equal(var_export("ALPHA", "it's"), 0);
	assert_int_equal(var_export("B_2", NULL), 0);
	assert_int_equal(var_set("fk_local", "not exported"), 0);
	/* Environment entries a shell could not name are left out. */
	assert_int_equal(setenv("BAD-NAME", "x", 1), 0);

	char *out = print_exported();
	var_unset("fk_local");
	char copy[256];
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	assert_string_equal(copy, "export ALPHA='it'\\''s'\n"
				  "export B_2=''\n"
				  "export ZED='last\nline'\n");

	/* Unexported again: no longer listed. */
	assert_int_equal(var_unset("ALPHA"), 0);
	assert_int_equal(var_unset("ZED"), 0);
	out = print_exported();
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	assert_string_equal(copy, "export B_2=''\n");
}

/* With no environment at all (environ == NULL, as after clearenv()),
 * listing must not pass NULL to memcpy (UBSan in make check-asan caught
 * this once). */
static void test_print_exported_no_environment(void **state)
{
	(void)state;
	assert_null(environ); /* empty_environment() cleared it */
	char *out = print_exported();
	char copy[64];
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	assert_string_equal(copy, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_get_local),
		cmocka_unit_test(test_set_keeps_exported),
		cmocka_unit_test(test_export_moves_to_environment),
		cmocka_unit_test(test_unset_removes_both),
		cmocka_unit_test(test_invalid_names),
		cmocka_unit_test(test_valid_name),
		cmocka_unit_test(test_many_variables),
		cmocka_unit_test(test_clear_all),
		cmocka_unit_test(test_split_assignment_raw),
		cmocka_unit_test(test_print_quoted),
		cmocka_unit_test_setup_teardown(test_print_exported, empty_environment,
						restore_environment),
		/* The two known bugs last: under ASan/UBSan each aborts the program. */
		cmocka_unit_test_setup_teardown(test_print_exported_no_environment,
						empty_environment, restore_environment),
		cmocka_unit_test(test_set_to_own_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
