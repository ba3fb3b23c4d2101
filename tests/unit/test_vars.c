/* test_vars.c - unit tests for shell/vars.c, the variable table.
 *
 * Covers var_set/var_get, the flags (V_EXPORT, V_READONLY) and the errors
 * they cause (assigning or unsetting a read-only variable), var_export of a
 * set and of an unset name, the environment built from the exported
 * entries (var_environ, and `environ` pointing at it so getenv agrees),
 * var_import_environ (including inherited entries whose names are no
 * shell names, which are passed on untouched), function scopes
 * (var_enter_scope / var_make_local / var_leave_scope putting values and
 * flags back), invalid names, many variables sharing hash buckets,
 * var_split_assignment_raw, and the output of var_print_quoted, var_print
 * and var_print_exported.
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
#include "capture.h"

extern char **environ;

/* Run var_print_quoted into a new string. */
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

/* Run var_print (flags, prefix) into a new string; flags -1 means
 * var_print_exported. */
static char *print_vars(int flags, const char *prefix)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (flags < 0)
		var_print_exported(f);
	else
		var_print(f, (unsigned)flags, prefix);
	fclose(f);
	return buf;
}

/* How many entries of env are exactly s. */
static int count_in(char **env, const char *s)
{
	int n = 0;
	for (size_t i = 0; env && env[i]; i++)
		n += strcmp(env[i], s) == 0;
	return n;
}

/* Does any entry of env start with prefix? */
static int any_with_prefix(char **env, const char *prefix)
{
	for (size_t i = 0; env && env[i]; i++)
		if (strncmp(env[i], prefix, strlen(prefix)) == 0)
			return 1;
	return 0;
}

/* The number of entries in environ. */
static size_t env_size(void)
{
	size_t n = 0;
	while (environ[n])
		n++;
	return n;
}

/* Call fn while stderr is captured; returns what it printed (the caller
 * frees it) and stores fn's result in *rc. */
#define QUIET(rc, call)                          \
	do {                                     \
		struct capture cap_;             \
		capture_begin(&cap_, 2);         \
		(rc) = (call);                   \
		free(capture_end(&cap_));        \
	} while (0)

static void test_set_get(void **state)
{
	(void)state;
	assert_null(var_get("fk_a"));
	assert_int_equal(var_flags("fk_a"), 0);
	assert_int_equal(var_set("fk_a", "one"), 0);
	assert_string_equal(var_get("fk_a"), "one");
	assert_int_equal(var_flags("fk_a"), 0);
	assert_null(getenv("fk_a")); /* not exported */
	assert_int_equal(var_set("fk_a", "two words"), 0);
	assert_string_equal(var_get("fk_a"), "two words");
	assert_int_equal(var_set("fk_a", ""), 0);
	assert_non_null(var_get("fk_a")); /* set but empty is not unset */
	assert_string_equal(var_get("fk_a"), "");
	/* The table keeps its own copy. */
	char value[] = "copied";
	assert_int_equal(var_set("fk_a", value), 0);
	value[0] = 'X';
	assert_string_equal(var_get("fk_a"), "copied");
	/* Names are case-sensitive. */
	assert_null(var_get("FK_A"));
	assert_int_equal(var_unset("fk_a"), 0);
	assert_null(var_get("fk_a"));
}

/* var_set(NAME, var_get(NAME)) must copy the new value before freeing the
 * old one, which is the same string (x=${x#a} does this). */
static void test_set_to_own_value(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_self", "a value longer than sixteen bytes"), 0);
	assert_int_equal(var_set("fk_self", var_get("fk_self")), 0);
	assert_string_equal(var_get("fk_self"), "a value longer than sixteen bytes");
	/* a value pointing into the middle of the old one */
	assert_int_equal(var_set("fk_self", var_get("fk_self") + 2), 0);
	assert_string_equal(var_get("fk_self"), "value longer than sixteen bytes");
	/* and the same for an exported variable, whose entry is in environ */
	assert_int_equal(var_export("fk_self", NULL), 0);
	assert_int_equal(var_set("fk_self", var_get("fk_self") + 6), 0);
	assert_string_equal(getenv("fk_self"), "longer than sixteen bytes");
	assert_int_equal(var_unset("fk_self"), 0);
}

static void test_export_keeps_value_and_flag(void **state)
{
	(void)state;
	assert_int_equal(var_export("FK_E", "1"), 0);
	assert_int_equal(var_flags("FK_E"), V_EXPORT);
	assert_string_equal(getenv("FK_E"), "1");
	assert_int_equal(count_in(var_environ(), "FK_E=1"), 1);
	/* A plain assignment keeps the flag: the new value goes out too. */
	assert_int_equal(var_set("FK_E", "2"), 0);
	assert_int_equal(var_flags("FK_E"), V_EXPORT);
	assert_string_equal(getenv("FK_E"), "2");
	assert_int_equal(count_in(var_environ(), "FK_E=1"), 0);
	assert_int_equal(count_in(var_environ(), "FK_E=2"), 1);
	/* Exporting a set variable without a value keeps the value. */
	assert_int_equal(var_set("fk_m", "moved"), 0);
	assert_null(getenv("fk_m"));
	assert_int_equal(var_export("fk_m", NULL), 0);
	assert_string_equal(getenv("fk_m"), "moved");
	assert_string_equal(var_get("fk_m"), "moved");
	/* export with a value replaces the old one. */
	assert_int_equal(var_export("fk_m", "new"), 0);
	assert_string_equal(getenv("fk_m"), "new");
	assert_int_equal(var_unset("fk_m"), 0);
	assert_int_equal(var_unset("FK_E"), 0);
	assert_null(getenv("FK_E"));
}

/* `export NAME` of a name with no value marks it: it is not in the
 * environment (there is no value to pass) until it gets one. */
static void test_export_unset_name(void **state)
{
	(void)state;
	assert_int_equal(var_export("fk_never", NULL), 0);
	assert_null(var_get("fk_never"));
	assert_int_equal(var_flags("fk_never"), V_EXPORT);
	assert_null(getenv("fk_never"));
	assert_false(any_with_prefix(var_environ(), "fk_never"));
	assert_int_equal(var_set("fk_never", "now"), 0);
	assert_string_equal(getenv("fk_never"), "now");
	assert_int_equal(count_in(var_environ(), "fk_never=now"), 1);
	assert_int_equal(var_unset("fk_never"), 0);
	assert_int_equal(var_flags("fk_never"), 0);
	/* After unset, a new var_set makes an unexported variable again. */
	assert_int_equal(var_set("fk_never", "y"), 0);
	assert_null(getenv("fk_never"));
	assert_int_equal(var_unset("fk_never"), 0);
}

/* environ is the table's own array: every exported, set variable once, and
 * nothing else. */
static void test_environ_is_the_table(void **state)
{
	(void)state;
	assert_int_equal(var_export("FK_ONE", "1"), 0);
	assert_int_equal(var_set("fk_hidden", "h"), 0);
	char **env = var_environ();
	assert_ptr_equal(environ, env);
	assert_int_equal(count_in(env, "FK_ONE=1"), 1);
	assert_false(any_with_prefix(env, "fk_hidden"));
	/* Every entry is NAME=value of an exported variable. */
	for (size_t i = 0; env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		assert_non_null(eq);
		char name[256];
		snprintf(name, sizeof name, "%.*s", (int)(eq - env[i]), env[i]);
		if (!var_valid_name(name, strlen(name)))
			continue; /* an inherited foreign entry */
		assert_true(var_flags(name) & V_EXPORT);
		assert_string_equal(var_get(name), eq + 1);
	}
	/* Unexporting by unset takes it out again; environ follows. */
	assert_int_equal(var_unset("FK_ONE"), 0);
	assert_ptr_equal(environ, var_environ());
	assert_int_equal(count_in(var_environ(), "FK_ONE=1"), 0);
	assert_null(getenv("FK_ONE"));
	assert_int_equal(var_unset("fk_hidden"), 0);
}

static void test_readonly(void **state)
{
	(void)state;
	int rc;
	assert_int_equal(var_readonly("fk_ro", "fixed"), 0);
	assert_int_equal(var_flags("fk_ro"), V_READONLY);
	assert_string_equal(var_get("fk_ro"), "fixed");

	/* Assigning fails with a message and changes nothing. */
	struct capture cap;
	capture_begin(&cap, 2);
	rc = var_set("fk_ro", "changed");
	char *err = capture_end(&cap);
	assert_int_equal(rc, -1);
	char copy[256];
	snprintf(copy, sizeof copy, "%s", err);
	free(err);
	assert_string_equal(copy, "forksh: fk_ro: is read only\n");
	assert_string_equal(var_get("fk_ro"), "fixed");
	QUIET(rc, var_export("fk_ro", "changed"));
	assert_int_equal(rc, -1);
	assert_int_equal(var_flags("fk_ro"), V_READONLY); /* a failed export adds no flag */
	QUIET(rc, var_readonly("fk_ro", "again"));
	assert_int_equal(rc, -1);
	assert_string_equal(var_get("fk_ro"), "fixed");

	/* Flags without a value may still be added: export of a read-only
	 * variable works, and puts it in the environment. */
	assert_int_equal(var_export("fk_ro", NULL), 0);
	assert_int_equal(var_flags("fk_ro"), V_READONLY | V_EXPORT);
	assert_string_equal(getenv("fk_ro"), "fixed");
	assert_int_equal(var_readonly("fk_ro", NULL), 0);

	/* Unsetting fails too. */
	QUIET(rc, var_unset("fk_ro"));
	assert_int_equal(rc, -1);
	assert_string_equal(var_get("fk_ro"), "fixed");
	assert_string_equal(getenv("fk_ro"), "fixed");

	/* readonly of an unset name: it stays unset and can never be set. */
	assert_int_equal(var_readonly("fk_ro_unset", NULL), 0);
	assert_null(var_get("fk_ro_unset"));
	QUIET(rc, var_set("fk_ro_unset", "x"));
	assert_int_equal(rc, -1);
	assert_null(var_get("fk_ro_unset"));
}

static void test_invalid_names(void **state)
{
	(void)state;
	static const char *const bad[] = { "", "1a", "9", "a-b", "a b", "a=b", "a.b", "$x", "\xc3\xa9" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int set, exp, uns, ro;
		QUIET(set, var_set(bad[i], "x"));
		QUIET(exp, var_export(bad[i], "x"));
		QUIET(uns, var_unset(bad[i]));
		QUIET(ro, var_readonly(bad[i], NULL));
		if (set != -1 || exp != -1 || uns != -1 || ro != -1)
			fail_msg("the name '%s' was accepted (%d %d %d %d)", bad[i], set, exp, uns, ro);
		assert_null(var_get(bad[i]));
		assert_int_equal(var_flags(bad[i]), 0);
	}
	assert_null(getenv("a-b"));
	assert_null(getenv("1a"));

	struct capture cap;
	capture_begin(&cap, 2);
	int rc = var_set("a-b", "1");
	char *err = capture_end(&cap);
	char copy[256];
	snprintf(copy, sizeof copy, "%s", err);
	free(err);
	assert_int_equal(rc, -1);
	assert_string_equal(copy, "forksh: a-b: bad variable name\n");

	/* A failed export leaves an existing variable alone. */
	assert_int_equal(var_set("fk_ok", "kept"), 0);
	QUIET(rc, var_export("fk_ok=", "x"));
	assert_int_equal(rc, -1);
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
	enum { N = 1000 };
	char name[32], value[32];
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof name, "fk_v%d", i);
		snprintf(value, sizeof value, "value %d", i * 7);
		assert_int_equal(i % 3 ? var_set(name, value) : var_export(name, value), 0);
	}
	for (int i = 0; i < N; i += 2) {
		snprintf(name, sizeof name, "fk_v%d", i);
		assert_int_equal(var_unset(name), 0);
	}
	char **env = var_environ();
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof name, "fk_v%d", i);
		const char *v = var_get(name);
		char entry[64];
		snprintf(value, sizeof value, "value %d", i * 7);
		snprintf(entry, sizeof entry, "%s=%s", name, value);
		if (i % 2 == 0) {
			if (v)
				fail_msg("%s still set to '%s' after unset", name, v);
			assert_int_equal(count_in(env, entry), 0);
		} else {
			assert_non_null(v);
			assert_string_equal(v, value);
			assert_int_equal(count_in(env, entry), i % 3 ? 0 : 1);
		}
	}
	for (int i = 1; i < N; i += 2) {
		snprintf(name, sizeof name, "fk_v%d", i);
		var_unset(name);
	}
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

/* The listings start from an empty table (var_clear_all), so that only
 * what the test puts there is printed. */
static int empty_table(void **state)
{
	(void)state;
	var_clear_all();
	return 0;
}

static void test_print_exported(void **state)
{
	(void)state;
	assert_int_equal(var_export("ZED", "last\nline"), 0);
	assert_int_equal(var_export("ALPHA", "it's"), 0);
	assert_int_equal(var_export("B_2", NULL), 0);
	assert_int_equal(var_readonly("RO", "r"), 0);
	assert_int_equal(var_set("fk_local", "not exported"), 0);

	char *out = print_vars(-1, NULL);
	char copy[256];
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	/* sorted by name; an exported name without a value has no '=' */
	assert_string_equal(copy, "export ALPHA='it'\\''s'\n"
				  "export B_2\n"
				  "export ZED='last\nline'\n");

	out = print_vars(V_READONLY, "readonly");
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	assert_string_equal(copy, "readonly RO='r'\n");

	/* flags 0: every set variable, no prefix (the `set` listing) */
	out = print_vars(0, NULL);
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	assert_string_equal(copy, "ALPHA='it'\\''s'\n"
				  "RO='r'\n"
				  "ZED='last\nline'\n"
				  "fk_local='not exported'\n");

	/* Unset: no longer listed. */
	assert_int_equal(var_unset("ALPHA"), 0);
	assert_int_equal(var_unset("ZED"), 0);
	out = print_vars(-1, NULL);
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	assert_string_equal(copy, "export B_2\n");
	var_unset("fk_local");
	var_unset("B_2");
}

/* With nothing exported and no environment at all, the listing is empty
 * and environ is a valid, empty array. */
static void test_print_exported_empty(void **state)
{
	(void)state;
	assert_non_null(environ);
	assert_null(environ[0]);
	char *out = print_vars(-1, NULL);
	char copy[64];
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	assert_string_equal(copy, "");
	assert_non_null(var_environ());
	assert_null(var_environ()[0]);
}

/* var_clear_all empties the table and the environment; the table works
 * afterwards. */
static void test_clear_all(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_c1", "1"), 0);
	assert_int_equal(var_export("FK_C3", "3"), 0);
	assert_int_equal(var_readonly("fk_c4", "4"), 0);
	var_clear_all();
	assert_null(var_get("fk_c1"));
	assert_null(var_get("FK_C3"));
	assert_null(getenv("FK_C3"));
	assert_null(var_environ()[0]);
	/* read-only went with it */
	assert_int_equal(var_set("fk_c4", "again"), 0);
	assert_string_equal(var_get("fk_c4"), "again");
	var_unset("fk_c4");
}

/* The environment the shell started with becomes exported variables;
 * entries whose names a shell cannot use stay in the environment of
 * children, untouched; entries without '=' are dropped. */
static void test_import_environ(void **state)
{
	(void)state;
	static char e1[] = "FK_IMP=a=b", e2[] = "a-b=odd", e3[] = "no_equals", e4[] = "=x",
		    e5[] = "FK_EMPTY=", e6[] = "1x=y";
	static char *fake[] = { e1, e2, e3, e4, e5, e6, NULL };
	environ = fake;
	var_import_environ();
	assert_string_equal(var_get("FK_IMP"), "a=b");
	assert_int_equal(var_flags("FK_IMP"), V_EXPORT);
	assert_string_equal(var_get("FK_EMPTY"), "");
	assert_null(var_get("no_equals"));
	assert_null(var_get("a-b"));

	char **env = var_environ();
	assert_ptr_equal(environ, env);
	assert_int_equal(count_in(env, "FK_IMP=a=b"), 1);
	assert_int_equal(count_in(env, "FK_EMPTY="), 1);
	assert_int_equal(count_in(env, "a-b=odd"), 1);
	assert_int_equal(count_in(env, "=x"), 1);
	assert_int_equal(count_in(env, "1x=y"), 1);
	assert_int_equal(count_in(env, "no_equals"), 0);
	size_t n = 0;
	while (env[n])
		n++;
	assert_int_equal(n, 5);
	/* The imported array was copied, not kept. */
	for (size_t i = 0; env[i]; i++)
		for (size_t k = 0; fake[k]; k++)
			assert_ptr_not_equal(env[i], fake[k]);

	/* A change to an exported variable keeps the foreign entries. */
	assert_int_equal(var_set("FK_IMP", "changed"), 0);
	env = var_environ();
	assert_int_equal(count_in(env, "FK_IMP=changed"), 1);
	assert_int_equal(count_in(env, "a-b=odd"), 1);
	var_clear_all();
}

/* ---- local scopes ------------------------------------------------------ */

static void test_scope_restores_value(void **state)
{
	(void)state;
	assert_false(var_in_scope());
	assert_int_equal(var_make_local("fk_s"), -1); /* not in a function */

	assert_int_equal(var_set("fk_s", "outer"), 0);
	void *tok = var_enter_scope();
	assert_true(var_in_scope());
	assert_int_equal(var_make_local("fk_s"), 0);
	/* local keeps the value until it is changed */
	assert_string_equal(var_get("fk_s"), "outer");
	assert_int_equal(var_set("fk_s", "inner"), 0);
	assert_int_equal(var_make_local("fk_s"), 0); /* again: still the outer value saved */
	assert_int_equal(var_set("fk_s", "inner2"), 0);
	assert_string_equal(var_get("fk_s"), "inner2");
	var_leave_scope(tok);
	assert_false(var_in_scope());
	assert_string_equal(var_get("fk_s"), "outer");
	var_unset("fk_s");
}

/* A local of a name that did not exist is gone again afterwards, even if
 * it was exported or made read-only inside. */
static void test_scope_unset_before(void **state)
{
	(void)state;
	size_t before = env_size();
	void *tok = var_enter_scope();
	assert_int_equal(var_make_local("fk_new"), 0);
	assert_null(var_get("fk_new"));
	assert_int_equal(var_export("fk_new", "in"), 0);
	assert_string_equal(getenv("fk_new"), "in");
	assert_int_equal(var_readonly("fk_new", NULL), 0);
	var_leave_scope(tok);
	/* its entry left environ (it was once kept there, freed) */
	assert_int_equal(env_size(), before);
	assert_null(var_get("fk_new"));
	assert_int_equal(var_flags("fk_new"), 0);
	assert_null(getenv("fk_new"));
	/* and the name can be used again */
	assert_int_equal(var_set("fk_new", "free"), 0);
	var_unset("fk_new");

	/* an existing but unset (flags only) name comes back unset */
	assert_int_equal(var_export("fk_marked", NULL), 0);
	tok = var_enter_scope();
	assert_int_equal(var_make_local("fk_marked"), 0);
	assert_int_equal(var_set("fk_marked", "v"), 0);
	assert_string_equal(getenv("fk_marked"), "v");
	var_leave_scope(tok);
	assert_null(var_get("fk_marked"));
	assert_null(getenv("fk_marked"));
	assert_int_equal(var_flags("fk_marked"), V_EXPORT);
	var_unset("fk_marked");
}

/* Flags come back too: a variable exported inside leaves the environment,
 * one unexported inside (unset) comes back exported with its value. */
static void test_scope_restores_flags(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_f", "plain"), 0);
	assert_int_equal(var_export("FK_X", "exported"), 0);
	void *tok = var_enter_scope();
	assert_int_equal(var_make_local("fk_f"), 0);
	assert_int_equal(var_make_local("FK_X"), 0);
	assert_int_equal(var_export("fk_f", "now exported"), 0);
	assert_int_equal(var_unset("FK_X"), 0);
	assert_string_equal(getenv("fk_f"), "now exported");
	assert_null(getenv("FK_X"));
	var_leave_scope(tok);
	assert_int_equal(var_flags("fk_f"), 0);
	assert_string_equal(var_get("fk_f"), "plain");
	assert_null(getenv("fk_f"));
	assert_int_equal(var_flags("FK_X"), V_EXPORT);
	assert_string_equal(getenv("FK_X"), "exported");
	assert_int_equal(count_in(var_environ(), "FK_X=exported"), 1);
	assert_false(any_with_prefix(var_environ(), "fk_f="));
	var_unset("fk_f");
	var_unset("FK_X");
}

/* Nested scopes: each leave restores what its own frame saved. */
static void test_scope_nested(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_n", "0"), 0);
	void *outer = var_enter_scope();
	assert_int_equal(var_make_local("fk_n"), 0);
	assert_int_equal(var_set("fk_n", "1"), 0);
	void *inner = var_enter_scope();
	assert_int_equal(var_make_local("fk_n"), 0);
	assert_int_equal(var_set("fk_n", "2"), 0);
	/* not local in the inner frame: changes the outer one's variable */
	assert_int_equal(var_set("fk_g", "global"), 0);
	var_leave_scope(inner);
	assert_string_equal(var_get("fk_n"), "1");
	assert_true(var_in_scope());
	var_leave_scope(outer);
	assert_string_equal(var_get("fk_n"), "0");
	assert_string_equal(var_get("fk_g"), "global");
	var_unset("fk_n");
	var_unset("fk_g");
}

/* A read-only variable made local keeps its flag: it stays unchangeable
 * inside, and unchanged after. */
static void test_scope_readonly(void **state)
{
	(void)state;
	assert_int_equal(var_readonly("fk_lro", "ro"), 0);
	void *tok = var_enter_scope();
	assert_int_equal(var_make_local("fk_lro"), 0);
	int rc;
	QUIET(rc, var_set("fk_lro", "changed"));
	assert_int_equal(rc, -1);
	var_leave_scope(tok);
	assert_string_equal(var_get("fk_lro"), "ro");
	assert_int_equal(var_flags("fk_lro"), V_READONLY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_get),
		cmocka_unit_test(test_set_to_own_value),
		cmocka_unit_test(test_export_keeps_value_and_flag),
		cmocka_unit_test(test_export_unset_name),
		cmocka_unit_test(test_environ_is_the_table),
		cmocka_unit_test(test_readonly),
		cmocka_unit_test(test_invalid_names),
		cmocka_unit_test(test_valid_name),
		cmocka_unit_test(test_many_variables),
		cmocka_unit_test(test_split_assignment_raw),
		cmocka_unit_test(test_print_quoted),
		cmocka_unit_test(test_scope_restores_value),
		cmocka_unit_test(test_scope_unset_before),
		cmocka_unit_test(test_scope_restores_flags),
		cmocka_unit_test(test_scope_nested),
		cmocka_unit_test(test_scope_readonly),
		cmocka_unit_test_setup(test_print_exported, empty_table),
		cmocka_unit_test_setup(test_print_exported_empty, empty_table),
		cmocka_unit_test(test_clear_all),
		cmocka_unit_test_setup(test_import_environ, empty_table),
	};
	/* The shell starts by reading its environment; so do the tests. */
	var_import_environ();
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	var_clear_all();
	return rc;
}
