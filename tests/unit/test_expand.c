/* test_expand.c - unit tests for shell/expand.c (expand_words, expand_single).
 *
 * Covers quote removal, $NAME and ${NAME}, the special parameters ($? $$ $#
 * $! $0-$9 ${10} $@ $*), unset variables, field splitting on the default and
 * a custom IFS, backslashes inside and outside double quotes, tilde
 * expansion, and pathname expansion in a temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../shell/expand.h"
#include "../../shell/shell.h"
#include "../../shell/util.h"
#include "../../shell/vars.h"

/* Print a field list for failure messages. */
static void show(char *buf, size_t len, char *const *v, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "[%s]", v[i]);
}

/* Expand the raw words (a NULL-terminated list) and compare the fields with
 * want (NULL-terminated). */
static void expect_words(const char *const *words, const char *const *want)
{
	size_t nw = 0, nwant = 0;
	while (words[nw])
		nw++;
	while (want[nwant])
		nwant++;
	struct word *w = xcalloc(nw, sizeof *w);
	for (size_t i = 0; i < nw; i++)
		w[i].text = xstrdup(words[i]);

	struct strvec out;
	sv_init(&out);
	expand_words(w, nw, &out);

	int ok = out.n == nwant;
	for (size_t i = 0; ok && i < nwant; i++)
		ok = strcmp(out.v[i], want[i]) == 0;
	char got[1024], exp[1024];
	show(got, sizeof got, out.v, out.n);
	show(exp, sizeof exp, (char *const *)want, nwant);

	for (size_t i = 0; i < nw; i++)
		free(w[i].text);
	free(w);
	sv_free(&out);
	if (!ok)
		fail_msg("expanding '%s'%s: got %s, expected %s", words[0], nw > 1 ? " ..." : "",
			 got, exp);
}

/* EXPECT(word, field...) and EXPECT_NONE(word) for a single raw word. */
#define EXPECT(word, ...) \
	expect_words((const char *const[]){ (word), NULL }, (const char *const[]){ __VA_ARGS__, NULL })
#define EXPECT_NONE(word) \
	expect_words((const char *const[]){ (word), NULL }, (const char *const[]){ NULL })

static void expect_single(const char *word, const char *want)
{
	char *got = expand_single(word);
	int ok = strcmp(got, want) == 0;
	if (!ok) {
		char msg[512];
		snprintf(msg, sizeof msg, "expand_single('%s') = '%s', expected '%s'", word, got, want);
		free(got);
		fail_msg("%s", msg);
	}
	free(got);
}

static void set_args(int argc, char **argv)
{
	sh.argc = argc;
	sh.argv = argv;
}

/* Keep a variable from the environment the tests run in, to restore it. */
struct saved {
	const char *name;
	char *value; /* NULL: was unset */
};

static struct saved save_var(const char *name)
{
	const char *v = var_get(name);
	return (struct saved){ name, v ? xstrdup(v) : NULL };
}

static void restore_var(struct saved *s)
{
	if (s->value)
		var_set(s->name, s->value);
	else
		var_unset(s->name);
	free(s->value);
	s->value = NULL;
}

static void test_quote_removal(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_x", "val"), 0);
	EXPECT("abc", "abc");
	EXPECT("'a b'", "a b");
	EXPECT("\"a b\"", "a b");
	EXPECT("a'b'\"c\"d", "abcd");
	EXPECT("''", "");
	EXPECT("\"\"", "");
	EXPECT("'$fk_x'", "$fk_x");
	EXPECT("'a\\b'", "a\\b");
	EXPECT("\"'a'\"", "'a'");
	EXPECT("'\"'", "\"");
	EXPECT("x''", "x");
	var_unset("fk_x");
}

static void test_named_parameters(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_x", "hello"), 0);
	assert_int_equal(var_export("FK_EXP", "from env"), 0);
	EXPECT("$fk_x", "hello");
	EXPECT("${fk_x}", "hello");
	EXPECT("${fk_x}y", "helloy");
	EXPECT_NONE("$fk_xy"); /* the longest name is taken: fk_xy is unset */
	EXPECT("a$fk_x.b", "ahello.b");
	EXPECT("\"<$fk_x>\"", "<hello>");
	EXPECT("$fk_x$fk_x", "hellohello");
	EXPECT("\"$FK_EXP\"", "from env");
	EXPECT("${FK_EXP}", "from", "env");
	/* Expansion results are not expanded again or unquoted. */
	assert_int_equal(var_set("fk_x", "$FK_EXP'q'\\z"), 0);
	EXPECT("$fk_x", "$FK_EXP'q'\\z");
	var_unset("fk_x");
	var_unset("FK_EXP");
	EXPECT_NONE("$fk_x");
}

static void test_special_parameters(void **state)
{
	(void)state;
	static char *args[] = { "one", "two", "three" };
	sh.status = 42;
	sh.pid = 4242;
	sh.arg0 = "forksh-test";
	sh.last_bg = 0;
	set_args(3, args);

	EXPECT("$?", "42");
	EXPECT("${?}", "42");
	EXPECT("$$", "4242");
	EXPECT("\"[$$]\"", "[4242]");
	EXPECT("$#", "3");
	EXPECT("${#}", "3");
	EXPECT("$0", "forksh-test");
	EXPECT("$1", "one");
	EXPECT("$2$3", "twothree");
	EXPECT("${3}", "three");
	EXPECT_NONE("$4");
	EXPECT_NONE("$!");
	sh.last_bg = 777;
	EXPECT("$!", "777");

	static char *ten[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" };
	set_args(10, ten);
	EXPECT("${10}", "j");
	EXPECT("$#", "10");

	sh.status = 0;
	EXPECT("$?", "0");

	sh.last_bg = 0;
	sh.arg0 = NULL;
	set_args(0, NULL);
}

/* Without braces only ONE digit names a positional parameter: $10 is ${1}
 * followed by "0" (this once looked up the tenth argument instead). */
static void test_positional_one_digit_unbraced(void **state)
{
	(void)state;
	static char *args[] = { "one", "two", "three" };
	set_args(3, args);
	EXPECT("$1x", "onex");
	EXPECT("$10", "one0");
	EXPECT("\"$23\"", "two3");
	set_args(0, NULL);
}

static void test_lone_dollar(void **state)
{
	(void)state;
	EXPECT("$", "$");
	EXPECT("a$", "a$");
	EXPECT("\"$\"", "$");
	EXPECT("$-x", "$-x");
	EXPECT("$%", "$%");
	EXPECT("'$'$", "$$");
}

static void test_at_and_star_no_args(void **state)
{
	(void)state;
	set_args(0, NULL);
	EXPECT_NONE("\"$@\"");
	EXPECT_NONE("$@");
	EXPECT_NONE("$*");
	EXPECT("\"$*\"", "");
	EXPECT("\"x$@y\"", "xy");
	EXPECT("x\"$@\"y", "xy");
	EXPECT("\"$@\"''", "");
	EXPECT("$#", "0");
	expect_words((const char *const[]){ "\"$@\"", "z", "\"$@\"", NULL },
		     (const char *const[]){ "z", NULL });
}

static void test_at_and_star_one_arg(void **state)
{
	(void)state;
	static char *args[] = { "only one" };
	set_args(1, args);
	EXPECT("\"$@\"", "only one");
	EXPECT("$@", "only", "one");
	EXPECT("\"$*\"", "only one");
	EXPECT("\"x$@y\"", "xonly oney");
	static char *empty[] = { "" };
	set_args(1, empty);
	EXPECT("\"$@\"", ""); /* one empty argument is one empty field */
	EXPECT_NONE("$@");
	set_args(0, NULL);
}

static void test_at_and_star_three_args(void **state)
{
	(void)state;
	static char *args[] = { "a", "b c", "d" };
	set_args(3, args);
	struct saved ifs = save_var("IFS");
	var_unset("IFS");

	EXPECT("\"$@\"", "a", "b c", "d");
	EXPECT("\"x$@y\"", "xa", "b c", "dy");
	EXPECT("$@", "a", "b", "c", "d");
	EXPECT("\"$*\"", "a b c d");
	EXPECT("$*", "a", "b", "c", "d");
	EXPECT("\"${1}-$#\"", "a-3");

	/* "$*" joins with the first character of IFS. */
	assert_int_equal(var_set("IFS", ":x"), 0);
	EXPECT("\"$*\"", "a:b c:d");
	EXPECT("\"$@\"", "a", "b c", "d");

	static char *with_empty[] = { "a", "", "c" };
	var_unset("IFS");
	set_args(3, with_empty);
	EXPECT("\"$@\"", "a", "", "c");

	restore_var(&ifs);
	set_args(0, NULL);
}

/* A quoted "$@" keeps an empty FIRST argument as a field of its own, as it
 * does one in the middle (the first one was once dropped). */
static void test_at_keeps_empty_first_arg(void **state)
{
	(void)state;
	static char *args[] = { "", "b" };
	set_args(2, args);
	EXPECT("\"$@\"", "", "b");
	set_args(0, NULL);
}

/* "$*" with IFS set to the empty string joins the arguments with nothing in
 * between (POSIX; dash and bash give "ab"). */
static void test_star_with_empty_ifs(void **state)
{
	(void)state;
	static char *args[] = { "a", "b c" };
	set_args(2, args);
	struct saved ifs = save_var("IFS");
	assert_int_equal(var_set("IFS", ""), 0);
	EXPECT("\"$*\"", "ab c");
	EXPECT("\"<$*>\"", "<ab c>");
	EXPECT("$*", "a", "b c"); /* unquoted: one field per argument, no splitting */
	expect_single("\"$*\"", "ab c");
	restore_var(&ifs);
	set_args(0, NULL);
}

static void test_unset_vanishes(void **state)
{
	(void)state;
	var_unset("fk_nope");
	EXPECT_NONE("$fk_nope");
	EXPECT_NONE("${fk_nope}");
	EXPECT("\"$fk_nope\"", "");
	EXPECT("$fk_nope\"\"", "");
	EXPECT("''$fk_nope", "");
	EXPECT("a$fk_nope", "a");
	EXPECT("a${fk_nope}b", "ab");
	expect_words((const char *const[]){ "$fk_nope", "x", "$fk_nope", "\"\"", NULL },
		     (const char *const[]){ "x", "", NULL });
	/* Set but empty behaves the same. */
	assert_int_equal(var_set("fk_empty", ""), 0);
	EXPECT_NONE("$fk_empty");
	EXPECT("\"$fk_empty\"", "");
	var_unset("fk_empty");
}

static void test_split_default_ifs(void **state)
{
	(void)state;
	struct saved ifs = save_var("IFS");
	var_unset("IFS");
	assert_int_equal(var_set("fk_x", "  a  b\tc\n d  "), 0);
	EXPECT("$fk_x", "a", "b", "c", "d");
	EXPECT("\"$fk_x\"", "  a  b\tc\n d  ");
	EXPECT("'$fk_x'", "$fk_x");
	assert_int_equal(var_set("fk_x", "1 2"), 0);
	EXPECT("p${fk_x}q", "p1", "2q");
	EXPECT("\"p${fk_x}\"q", "p1 2q");
	assert_int_equal(var_set("fk_x", "a "), 0);
	assert_int_equal(var_set("fk_y", " b"), 0);
	EXPECT("$fk_x$fk_y", "a", "b");
	EXPECT("$fk_x\"\"$fk_y", "a", "", "b");
	assert_int_equal(var_set("fk_x", "   "), 0);
	EXPECT_NONE("$fk_x");
	EXPECT("\"\"$fk_x", "");
	/* Literal blanks in a word never split it: only expansion results do. */
	EXPECT("'a b'c\\ d", "a bc d");
	/* Backslashes in a value are ordinary characters. */
	assert_int_equal(var_set("fk_x", "a\\ b"), 0);
	EXPECT("$fk_x", "a\\", "b");
	var_unset("fk_x");
	var_unset("fk_y");
	restore_var(&ifs);
}

static void test_split_custom_ifs(void **state)
{
	(void)state;
	struct saved ifs = save_var("IFS");

	assert_int_equal(var_set("IFS", ":"), 0);
	assert_int_equal(var_set("fk_x", "a:b c::d:"), 0);
	EXPECT("$fk_x", "a", "b c", "", "d");
	EXPECT("\"$fk_x\"", "a:b c::d:");
	assert_int_equal(var_set("fk_x", ":a"), 0);
	EXPECT("$fk_x", "", "a");
	/* The literal text of a word is never split. */
	EXPECT("a:b", "a:b");

	assert_int_equal(var_set("IFS", ",;"), 0);
	assert_int_equal(var_set("fk_x", "1,2;3 4"), 0);
	EXPECT("$fk_x", "1", "2", "3 4");

	assert_int_equal(var_set("IFS", "o"), 0);
	assert_int_equal(var_set("fk_x", "foo"), 0);
	EXPECT("$fk_x", "f", "");
	EXPECT("foo", "foo");

	/* White space around a non-white-space separator belongs to it. */
	assert_int_equal(var_set("IFS", ": "), 0);
	assert_int_equal(var_set("fk_x", " a : b  ::c "), 0);
	EXPECT("$fk_x", "a", "b", "", "c");

	/* An empty IFS splits nothing. */
	assert_int_equal(var_set("IFS", ""), 0);
	assert_int_equal(var_set("fk_x", " a b "), 0);
	EXPECT("$fk_x", " a b ");

	var_unset("fk_x");
	restore_var(&ifs);
}

/* White space that ends a field, then a quoted empty string, then a
 * non-white-space IFS character: the "" is a field of its own, [a][][b] as
 * in dash and bash (it was once swallowed with the white space). */
static void test_split_quoted_empty_between_separators(void **state)
{
	(void)state;
	struct saved ifs = save_var("IFS");
	assert_int_equal(var_set("IFS", ": "), 0);
	assert_int_equal(var_set("fk_x", "a "), 0);
	assert_int_equal(var_set("fk_y", ":b"), 0);
	struct word w = { xstrdup("$fk_x\"\"$fk_y"), 0 };
	struct strvec out;
	sv_init(&out);
	expand_words(&w, 1, &out);
	free(w.text);
	var_unset("fk_x");
	var_unset("fk_y");
	restore_var(&ifs);
	char got[256];
	show(got, sizeof got, out.v, out.n);
	int ok = out.n == 3 && strcmp(out.v[0], "a") == 0 && strcmp(out.v[1], "") == 0 &&
		 strcmp(out.v[2], "b") == 0;
	sv_free(&out);
	if (!ok)
		fail_msg("$x\"\"$y gave %s, expected [a][][b]", got);
}

static void test_backslashes(void **state)
{
	(void)state;
	assert_int_equal(var_set("fk_x", "v"), 0);
	/* Outside double quotes a backslash quotes any character. */
	EXPECT("a\\ b", "a b");
	EXPECT("\\$fk_x", "$fk_x");
	EXPECT("\\\\", "\\");
	EXPECT("\\'", "'");
	EXPECT("\\\"", "\"");
	EXPECT("\\a", "a");
	EXPECT("a\\\nb", "ab"); /* backslash-newline disappears */
	/* Inside double quotes only $ ` " \ and newline are escaped. */
	EXPECT("\"\\$fk_x\"", "$fk_x");
	EXPECT("\"\\a\"", "\\a");
	EXPECT("\"\\\\\"", "\\");
	EXPECT("\"\\\"\"", "\"");
	EXPECT("\"a\\`b\"", "a`b");
	EXPECT("\"a\\\nb\"", "ab");
	EXPECT("\"\\'\"", "\\'");
	/* Inside single quotes nothing is. */
	EXPECT("'\\\\'", "\\\\");
	EXPECT("'\\n'", "\\n");
	/* An escaped $ starts no expansion. */
	EXPECT("\\$", "$");
	EXPECT("\\${fk_x}", "${fk_x}");
	var_unset("fk_x");
}

static void test_tilde(void **state)
{
	(void)state;
	struct saved home = save_var("HOME");
	assert_int_equal(var_set("HOME", "/home/tester"), 0);
	EXPECT("~", "/home/tester");
	EXPECT("~/x/y", "/home/tester/x/y");
	EXPECT("\"~\"", "~");
	EXPECT("'~'/x", "~/x");
	EXPECT("\\~", "~");
	EXPECT("a~", "a~");
	EXPECT("x/~", "x/~");
	EXPECT("~'x'", "~x");
	expect_single("~/f", "/home/tester/f");

	/* The home directory is not split or globbed. */
	assert_int_equal(var_set("HOME", "/tmp/a b"), 0);
	EXPECT("~", "/tmp/a b");
	assert_int_equal(var_set("HOME", "/*"), 0);
	EXPECT("~", "/*");

	struct passwd *pw = getpwnam("root");
	if (pw) {
		char want[512];
		snprintf(want, sizeof want, "%s/bin", pw->pw_dir);
		EXPECT("~root/bin", want);
	}
	EXPECT("~fk-no-such-user-xyz", "~fk-no-such-user-xyz");

	/* Without HOME, the password database decides. */
	var_unset("HOME");
	pw = getpwuid(getuid());
	if (pw)
		EXPECT("~", pw->pw_dir);
	restore_var(&home);
}

/* A temporary directory with a few files for the glob tests. */
static int make_tree(void **state)
{
	char *dir = xstrdup("/tmp/forksh-expand-XXXXXX");
	if (!mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	static const char *const files[] = { "a.txt", "b.txt", "c.log", "d e.txt" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[256];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0) {
			free(dir);
			return -1;
		}
		close(fd);
	}
	*state = dir;
	return 0;
}

static int remove_tree(void **state)
{
	char *dir = *state;
	static const char *const files[] = { "a.txt", "b.txt", "c.log", "d e.txt" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[256];
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	int rc = rmdir(dir);
	free(dir);
	return rc;
}

static void test_glob(void **state)
{
	const char *dir = *state;
	char word[256], a[256], b[256], c[256], d[256], lit[256];
	snprintf(a, sizeof a, "%s/a.txt", dir);
	snprintf(b, sizeof b, "%s/b.txt", dir);
	snprintf(c, sizeof c, "%s/c.log", dir);
	snprintf(d, sizeof d, "%s/d e.txt", dir);

	snprintf(word, sizeof word, "%s/*.txt", dir);
	EXPECT(word, a, b, d); /* sorted; "d e.txt" stays one field */
	snprintf(word, sizeof word, "%s/?.log", dir);
	EXPECT(word, c);
	snprintf(word, sizeof word, "%s/[ab].txt", dir);
	EXPECT(word, a, b);
	snprintf(word, sizeof word, "%s/\"d e\"*", dir);
	EXPECT(word, d);

	/* No match: the word stays as written, minus its quotes. */
	snprintf(word, sizeof word, "%s/*.none", dir);
	EXPECT(word, word);
	snprintf(word, sizeof word, "%s/'x'*.none", dir);
	snprintf(lit, sizeof lit, "%s/x*.none", dir);
	EXPECT(word, lit);

	/* Quoted metacharacters do not glob. */
	snprintf(lit, sizeof lit, "%s/*.txt", dir);
	snprintf(word, sizeof word, "\"%s/*.txt\"", dir);
	EXPECT(word, lit);
	snprintf(word, sizeof word, "%s/\"*\".txt", dir);
	EXPECT(word, lit);
	snprintf(word, sizeof word, "%s/\\*.txt", dir);
	EXPECT(word, lit);
	snprintf(word, sizeof word, "%s/'[ab]'.txt", dir);
	snprintf(lit, sizeof lit, "%s/[ab].txt", dir);
	EXPECT(word, lit);

	/* An unquoted expansion result globs; a quoted one does not. */
	assert_int_equal(var_set("fk_pat", "*.txt"), 0);
	snprintf(word, sizeof word, "%s/$fk_pat", dir);
	EXPECT(word, a, b, d);
	snprintf(word, sizeof word, "\"%s/$fk_pat\"", dir);
	snprintf(lit, sizeof lit, "%s/*.txt", dir);
	EXPECT(word, lit);
	snprintf(lit, sizeof lit, "%s/*.log", dir);
	assert_int_equal(var_set("fk_pat", lit), 0);
	EXPECT("$fk_pat", c);
	assert_int_equal(var_set("fk_pat", "*"), 0);
	snprintf(word, sizeof word, "%s/$fk_pat", dir);
	EXPECT(word, a, b, c, d);
	var_unset("fk_pat");

	/* expand_single never globs. */
	snprintf(word, sizeof word, "%s/*.txt", dir);
	expect_single(word, word);
}

static void test_expand_words_appends(void **state)
{
	(void)state;
	struct word w[2] = { { xstrdup("'x y'"), 0 }, { xstrdup("z"), 2 } };
	struct strvec out;
	sv_init(&out);
	sv_push(&out, xstrdup("first"));
	expand_words(w, 2, &out);
	assert_int_equal(out.n, 3);
	assert_string_equal(out.v[0], "first");
	assert_string_equal(out.v[1], "x y");
	assert_string_equal(out.v[2], "z");
	assert_null(out.v[3]);
	sv_free(&out);
	free(w[0].text);
	free(w[1].text);
}

static void test_expand_single(void **state)
{
	(void)state;
	struct saved ifs = save_var("IFS");
	var_unset("IFS");
	assert_int_equal(var_set("fk_x", "a  b"), 0);
	expect_single("$fk_x", "a  b");
	expect_single("<$fk_x>", "<a  b>");
	expect_single("*", "*");
	expect_single("'q'\"r\"\\s", "qrs");
	expect_single("$fk_nope", "");
	expect_single("\"\"", "");
	expect_single("", "");
	/* a final backslash quotes nothing and stays (the lexer lets it
	 * through only at the very end of the input) */
	expect_single("a\\", "a\\");
	expect_single("\\", "\\");
	EXPECT("a\\", "a\\");

	static char *args[] = { "a", "b c", "d" };
	set_args(3, args);
	expect_single("\"$@\"", "a b c d");
	expect_single("$*", "a b c d");
	assert_int_equal(var_set("IFS", ":"), 0);
	expect_single("\"$*\"", "a:b c:d");
	expect_single("$fk_x", "a  b");
	set_args(0, NULL);
	var_unset("fk_x");
	restore_var(&ifs);
}

/* An assignment value expands ~ at its start and after each ':'; an
 * ordinary single word only at its start. */
static void test_assignment_tilde(void **state)
{
	(void)state;
	setenv("HOME", "/home/t", 1);
	char *got = expand_assign("~/a:~/b:x~");
	assert_string_equal(got, "/home/t/a:/home/t/b:x~");
	free(got);
	got = expand_assign("'~'/a:\\~/b");
	assert_string_equal(got, "~/a:~/b");
	free(got);
	expect_single("~/a:~/b", "/home/t/a:~/b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assignment_tilde),
		cmocka_unit_test(test_quote_removal),
		cmocka_unit_test(test_named_parameters),
		cmocka_unit_test(test_special_parameters),
		cmocka_unit_test(test_positional_one_digit_unbraced),
		cmocka_unit_test(test_lone_dollar),
		cmocka_unit_test(test_at_and_star_no_args),
		cmocka_unit_test(test_at_and_star_one_arg),
		cmocka_unit_test(test_at_and_star_three_args),
		cmocka_unit_test(test_at_keeps_empty_first_arg),
		cmocka_unit_test(test_star_with_empty_ifs),
		cmocka_unit_test(test_unset_vanishes),
		cmocka_unit_test(test_split_default_ifs),
		cmocka_unit_test(test_split_custom_ifs),
		cmocka_unit_test(test_split_quoted_empty_between_separators),
		cmocka_unit_test(test_backslashes),
		cmocka_unit_test(test_tilde),
		cmocka_unit_test_setup_teardown(test_glob, make_tree, remove_tree),
		cmocka_unit_test(test_expand_words_appends),
		cmocka_unit_test(test_expand_single),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
