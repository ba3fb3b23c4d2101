/* test_expand.c - unit tests for the expander (shell/expand.c, param.c,
 * fields.c, cmdsubst.c, pathexp.c).
 *
 * Each case is shell text: it is parsed as the words of a command (after
 * a made-up `echo`, so that nothing is taken for an assignment), then
 * expanded the way the executor does: into fields (expand_words), into one
 * string (expand_string) or into a pattern (expand_pattern).  Covers
 * parameters and every parameter operator with and without a colon,
 * quoted and unquoted; the special parameters; "$@" against "$*" against
 * $* with several IFS values; the field splitting rules (white space
 * against other IFS characters, empty fields, unset against empty IFS,
 * literal text never split); empty quoted strings making fields; tilde
 * expansion; pathname expansion in a temporary directory with quoted
 * characters (! - ^ inside [...] too), a backslash from a variable, set -f;
 * set -u; arithmetic; and command substitution, which runs a child
 * (trailing newlines removed, its status kept for expand_subst_ran).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../shell/expand.h"
#include "../../shell/parser.h"
#include "../../shell/shell.h"
#include "../../shell/util.h"
#include "../../shell/vars.h"
#include "capture.h"

/* ---- helpers ------------------------------------------------------------ */

/* Parse "echo TEXT" into its simple command; the words to expand are the
 * ones after echo. */
static struct simple_node *parse_words(const char *text, int line)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "echo ");
	sb_adds(&sb, text);
	struct node *n = NULL;
	struct syn_error err;
	enum syn_status st = parse_string(sb.buf, sb.len, &n, &err);
	sb_free(&sb);
	if (st != SYN_OK || !n || n->type != N_SIMPLE) {
		node_free(n);
		fail_msg("line %d: \"%s\" is no simple command (%s)", line, text, st ? err.msg : "");
	}
	return (struct simple_node *)n;
}

/* Fields as [a][b] for messages. */
static void show(char *buf, size_t len, char *const *v, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "[%s]", v[i]);
	if (n == 0)
		snprintf(buf, len, "(no field)");
}

/* Expand the words after echo into out (initialised here) with stderr
 * captured into *err (the caller frees it).  Returns expand_words'
 * result. */
static int expand_captured(struct simple_node *s, struct strvec *out, char **err)
{
	struct capture cap;
	sv_init(out);
	capture_begin(&cap, 2);
	int rc = expand_words(s->words + 1, s->nwords - 1, out);
	*err = capture_end(&cap);
	return rc;
}

/* The words of text must expand to exactly the fields in want
 * (NULL-terminated), with nothing printed. */
static void check_fields(const char *text, const char *const *want, int line)
{
	struct simple_node *s = parse_words(text, line);
	struct strvec out;
	char *err;
	int rc = expand_captured(s, &out, &err);
	node_free(&s->n);
	size_t nwant = 0;
	while (want[nwant])
		nwant++;
	int ok = rc == 0 && out.n == nwant && !err[0];
	for (size_t i = 0; ok && i < nwant; i++)
		ok = strcmp(out.v[i], want[i]) == 0;
	char got[1024], exp[1024], msg[256];
	show(got, sizeof got, out.v, out.n);
	show(exp, sizeof exp, (char *const *)want, nwant);
	snprintf(msg, sizeof msg, "%s", err);
	free(err);
	sv_free(&out);
	if (!ok)
		fail_msg("line %d: %s\n  got      %s (rc %d) %s\n  expected %s", line, text, got, rc, msg, exp);
}

#define EXPECT(text, ...) check_fields((text), (const char *const[]){ __VA_ARGS__, NULL }, __LINE__)
#define EXPECT_NONE(text) check_fields((text), (const char *const[]){ NULL }, __LINE__)

/* The one word of text as one string (expand_string) or pattern. */
static void check_string(const char *text, const char *want, int pattern, int line)
{
	struct simple_node *s = parse_words(text, line);
	if (s->nwords != 2)
		fail_msg("line %d: %s is not one word", line, text);
	char *got = pattern ? expand_pattern(s->words[1]) : expand_string(s->words[1]);
	node_free(&s->n);
	char copy[1024];
	snprintf(copy, sizeof copy, "%s", got ? got : "(NULL)");
	free(got);
	if (strcmp(copy, want) != 0)
		fail_msg("line %d: %s of %s: '%s', expected '%s'", line, pattern ? "expand_pattern" : "expand_string",
			 text, copy, want);
}

#define STRING(text, want) check_string((text), (want), 0, __LINE__)
#define PATTERN(text, want) check_string((text), (want), 1, __LINE__)

/* Expanding the words of text must fail (-1) after printing exactly
 * "forksh: MSG\n"; expand_string must fail the same way. */
static void check_failure(const char *text, const char *msg, int line)
{
	struct simple_node *s = parse_words(text, line);
	struct strvec out;
	char *err;
	int rc = expand_captured(s, &out, &err);
	struct capture cap;
	capture_begin(&cap, 2);
	char *str = s->nwords == 2 ? expand_string(s->words[1]) : NULL;
	char *err2 = capture_end(&cap);
	node_free(&s->n);
	sv_free(&out);
	char want[256], got[256], got2[256];
	snprintf(want, sizeof want, "forksh: %s\n", msg);
	snprintf(got, sizeof got, "%s", err);
	snprintf(got2, sizeof got2, "%s", err2);
	free(err);
	free(err2);
	int str_failed = str == NULL;
	free(str);
	if (rc != -1)
		fail_msg("line %d: %s expanded (rc %d)", line, text, rc);
	if (strcmp(got, want) != 0)
		fail_msg("line %d: %s printed '%s', expected '%s'", line, text, got, want);
	if (!str_failed || strcmp(got2, want) != 0)
		fail_msg("line %d: expand_string(%s) did not fail the same way: '%s'", line, text, got2);
}

#define FAILS(text, msg) check_failure((text), (msg), __LINE__)

static void set_args(int argc, char **argv)
{
	sh.argc = argc;
	sh.argv = argv;
}

/* Each test starts from the same state: no positional parameters, default
 * IFS, options off, a few variables. */
static int setup(void **state)
{
	(void)state;
	set_args(0, NULL);
	sh.arg0 = "forksh-test";
	sh.status = 0;
	sh.pid = 4242;
	sh.last_bg = 0;
	sh.interactive = 0;
	memset(sh.opt, 0, sizeof sh.opt);
	var_unset("IFS");
	var_set("e", "");
	var_set("v", "val");
	var_unset("u");
	return 0;
}

/* ---- parameters ---------------------------------------------------------- */

static void test_literals_and_quotes(void **state)
{
	(void)state;
	EXPECT("abc", "abc");
	EXPECT("a b c", "a", "b", "c");
	EXPECT("'a b'", "a b");
	EXPECT("\"a b\"", "a b");
	EXPECT("a'b'\"c\"d", "abcd");
	EXPECT("''", "");
	EXPECT("\"\"", "");
	EXPECT("'$v'", "$v");
	EXPECT("'a\\b'", "a\\b");
	EXPECT("\\$v", "$v");
	EXPECT("\"\\$v\"", "$v");
	EXPECT("\"\\a\"", "\\a");
	EXPECT("a\\ b", "a b");
	EXPECT("$", "$");
	EXPECT("\"$\"", "$");
	EXPECT("x''", "x");
}

static void test_named_parameters(void **state)
{
	(void)state;
	EXPECT("$v", "val");
	EXPECT("${v}", "val");
	EXPECT("${v}x", "valx");
	EXPECT_NONE("$vx");                     /* the name is vx */
	EXPECT("x$v.y", "xval.y");
	EXPECT("\"$v\"", "val");
	EXPECT("$v$v", "valval");
	EXPECT_NONE("$u");                      /* unset: no field */
	EXPECT_NONE("$u $e ${u}");
	EXPECT("\"$u\"", "");                   /* quoted: one empty field */
	EXPECT("a$u", "a");
	assert_int_equal(var_export("FK_EXP", "from env"), 0);
	EXPECT("\"$FK_EXP\"", "from env");
	var_unset("FK_EXP");
}

static void test_special_parameters(void **state)
{
	(void)state;
	static char *args[] = { "one", "two", "three", "4", "5", "6", "7", "8", "nine", "ten", "eleven" };
	set_args(11, args);
	sh.status = 3;
	sh.pid = 1234;
	sh.last_bg = 5678;
	EXPECT("$#", "11");
	EXPECT("${#}", "11");
	EXPECT("$?", "3");
	EXPECT("$$", "1234");
	EXPECT("$!", "5678");
	EXPECT("$0", "forksh-test");
	EXPECT("$1", "one");
	EXPECT("$9", "nine");
	EXPECT("$10", "one0");                  /* one digit */
	EXPECT("${10}", "ten");
	EXPECT("${11}", "eleven");
	EXPECT_NONE("${12}");
	EXPECT("\"$3\"", "three");
	set_args(0, NULL);
	EXPECT("$#", "0");
	EXPECT_NONE("$1");
	sh.last_bg = 0;
	EXPECT_NONE("$!");                      /* no background job yet */
	/* $-: the options that are on */
	EXPECT_NONE("$-");
	sh.opt[OPT_f] = 1;
	sh.opt[OPT_x] = 1;
	EXPECT("$-", "fx");
	sh.opt[OPT_e] = 1;
	sh.opt[OPT_u] = 1;
	EXPECT("$-", "efux");
	memset(sh.opt, 0, sizeof sh.opt);
	sh.interactive = 1;
	EXPECT("$-", "i");
	sh.from_stdin = 1;
	EXPECT("$-", "is");                     /* commands from standard input */
	sh.interactive = 0;
	sh.from_stdin = 0;
}

/* "$@" makes a field per parameter, "$*" one field joined by IFS's first
 * character, unquoted both split further. */
static void test_at_and_star(void **state)
{
	(void)state;
	static char *args[] = { "a", "b c", "" };
	set_args(3, args);
	EXPECT("\"$@\"", "a", "b c", "");
	EXPECT("$@", "a", "b", "c");
	EXPECT("\"$*\"", "a b c ");
	EXPECT("$*", "a", "b", "c");
	EXPECT("\"x$@y\"", "xa", "b c", "y");
	EXPECT("\"$@$@\"", "a", "b c", "a", "b c", "");
	EXPECT("\"${@}\"", "a", "b c", "");
	EXPECT("\"${*}\"", "a b c ");
	EXPECT("${1+\"$@\"}", "a", "b c", "");
	var_set("IFS", ":");
	EXPECT("\"$*\"", "a:b c:");
	EXPECT("$*", "a", "b c");
	EXPECT("$@", "a", "b c");
	var_set("IFS", "");
	EXPECT("\"$*\"", "ab c");
	EXPECT("$*", "a", "b c");              /* each a field, not split; the empty one goes */
	EXPECT("$@", "a", "b c");
	var_unset("IFS");
	EXPECT("\"$*\"", "a b c ");           /* unset IFS: a space */

	set_args(0, NULL);
	EXPECT_NONE("\"$@\"");                 /* no parameters: no field at all */
	EXPECT("\"x$@\"", "x");
	EXPECT("\"$*\"", "");                  /* but "$*" is one empty field */
	EXPECT_NONE("$*");
	EXPECT_NONE("$@");
	EXPECT("\"${@:-d}\"", "d");
	EXPECT_NONE("${1+\"$@\"}");
	EXPECT("\"$@\" x", "x");

	static char *one[] = { "" };
	set_args(1, one);
	EXPECT("\"$@\"", "");
	EXPECT_NONE("$@");
	EXPECT("\"$*\"", "");
}

/* - = ? + with and without a colon, unset (u), empty (e) and set (v),
 * outside and inside double quotes. */
static void test_operators_use_and_assign(void **state)
{
	(void)state;
	EXPECT("${u-d}", "d");
	EXPECT_NONE("${e-d}");
	EXPECT("\"${e-d}\"", "");
	EXPECT("${v-d}", "val");
	EXPECT("${u:-d}", "d");
	EXPECT("${e:-d}", "d");
	EXPECT("${v:-d}", "val");
	EXPECT_NONE("${u+a}");
	EXPECT("\"${u+a}\"", "");
	EXPECT("${e+a}", "a");
	EXPECT_NONE("${e:+a}");
	EXPECT("${v:+a}", "a");
	EXPECT("${v+$v$v}", "valval");
	/* the word is expanded only when it is used */
	EXPECT("${v-$(exit 9)}", "val");
	expand_reset_subst();
	EXPECT("${v:-$(exit 9)}", "val");
	int st;
	assert_false(expand_subst_ran(&st));
	/* = assigns */
	EXPECT("${u=new}", "new");
	assert_string_equal(var_get("u"), "new");
	var_unset("u");
	EXPECT_NONE("${e=new}");
	assert_string_equal(var_get("e"), "");
	EXPECT("${e:=new}", "new");
	assert_string_equal(var_get("e"), "new");
	var_set("e", "");
	EXPECT("${v:=new}", "val");
	EXPECT("\"${u:=a  b}\"", "a  b");
	assert_string_equal(var_get("u"), "a  b");
	var_unset("u");
	EXPECT("${u=a  b}", "a", "b");          /* the value as assigned, then split */
	assert_string_equal(var_get("u"), "a  b");
	var_unset("u");
	EXPECT("${u=~}x", "/fk/homex");         /* tilde in the word */
	var_unset("u");
	/* ? fails only when unset (or empty with :) */
	EXPECT("${v?no}", "val");
	EXPECT_NONE("${e?no}");
	EXPECT("${v:?no}", "val");
	/* nested */
	EXPECT("${u-${v-x}}", "val");
	EXPECT("${u-${u-x}}", "x");
	EXPECT("${u:-\"$v\"}", "val");
	/* on special and positional parameters */
	static char *args[] = { "p1", "" };
	set_args(2, args);
	EXPECT("${1-d}", "p1");
	EXPECT("${2:-d}", "d");
	EXPECT("${3-d}", "d");
	EXPECT("${#:+set}", "set");
	EXPECT("\"${@-d}\"", "p1", "");
	EXPECT("\"${*:-d}\"", "p1 ");
	set_args(0, NULL);
	EXPECT("\"${@-d}\"", "d");
	EXPECT("${*:-d}", "d");
}

/* The word of ${x-word} is what the expansion yields: its unquoted text is
 * split like any expansion's, and globbed (it was once kept whole). */
static void test_operator_word_splitting(void **state)
{
	(void)state;
	EXPECT("${u-a b}", "a", "b");
	EXPECT("${u:-a  b  c}", "a", "b", "c");
	EXPECT("${v:+x y}", "x", "y");
	EXPECT("\"${u-a b}\"", "a b");
	EXPECT("${u-\"a b\"}", "a b");
	EXPECT("${u-'a b'}", "a b");
	EXPECT("${u-a\\ b}", "a b");
	EXPECT("${u-a\" \"b c}", "a b", "c");
	EXPECT("x${u- a b }y", "x", "a", "b", "y");
	var_set("IFS", ":");
	EXPECT("${u-a:b}", "a", "b");
	EXPECT("${u-a b}", "a b");
	var_unset("IFS");
}

static void test_operators_patterns(void **state)
{
	(void)state;
	var_set("f", "a.b.c");
	EXPECT("${f%.*}", "a.b");
	EXPECT("${f%%.*}", "a");
	EXPECT("${f#*.}", "b.c");
	EXPECT("${f##*.}", "c");
	EXPECT("${f%x}", "a.b.c");
	EXPECT("${f#}", "a.b.c");
	EXPECT("${f%}", "a.b.c");
	EXPECT_NONE("${f%%*}");
	EXPECT("\"${f%%*}\"", "");
	var_set("h", "hello");
	EXPECT("${h%l*}", "hel");
	EXPECT("${h%%l*}", "he");
	EXPECT("${h#*l}", "lo");
	EXPECT("${h##*l}", "o");
	EXPECT("${h#?}", "ello");
	EXPECT("${h%[lo]}", "hell");
	EXPECT("${h%%[!h]*}", "h");
	/* quoted pattern characters are literal */
	var_set("w", "a*b*");
	EXPECT("\"${w%\"*\"}\"", "a*b");
	EXPECT("\"${w%\\*}\"", "a*b");
	EXPECT("\"${w%'*'}\"", "a*b");
	EXPECT("\"${w%*}\"", "a*b*");           /* * matches the empty suffix */
	EXPECT("\"${w#*\\*}\"", "b*");
	EXPECT("\"${w##*\\*}\"", "");
	/* a pattern from a variable: unquoted it is a pattern, quoted literal */
	var_set("p", "*.");
	EXPECT("${f#$p}", "b.c");
	EXPECT("${f#\"$p\"}", "a.b.c");
	var_set("p", "a.");
	EXPECT("${f#\"$p\"}", "b.c");
	/* brackets with quoted ! - ^ are literal */
	var_set("b", "!-^x");
	EXPECT("\"${b#[!x]}\"", "-^x");
	EXPECT("\"${b#[\"!\"]}\"", "-^x");
	EXPECT("\"${b%[\"^\"]x}\"", "!-");
	EXPECT("\"${b#[a\"-\"c]}\"", "!-^x");
	/* on unset: empty */
	EXPECT_NONE("${u%x}");
	EXPECT("\"${u#x}\"", "");
	/* inside double quotes the result is one field */
	var_set("s", "a b.c d");
	EXPECT("\"${s%.*}\"", "a b");
	EXPECT("${s%.*}", "a", "b");
	var_unset("f");
	var_unset("h");
	var_unset("w");
	var_unset("p");
	var_unset("b");
	var_unset("s");
}

static void test_length(void **state)
{
	(void)state;
	EXPECT("${#v}", "3");
	EXPECT("${#e}", "0");
	EXPECT("${#u}", "0");
	EXPECT("\"${#v}\"", "3");
	var_set("m", "h\xc3\xa9");
	EXPECT("${#m}", "3");                  /* bytes */
	var_unset("m");
	static char *args[] = { "abcd", "b" };
	set_args(2, args);
	EXPECT("${#1}", "4");
	EXPECT("${#@}", "2");
	EXPECT("${#*}", "2");
	EXPECT("${##}", "1");
	EXPECT("${#?}", "1");
	EXPECT("${#-x}", "2");                 /* $# with - */
	EXPECT_NONE("${##2}");                 /* $# with # : the 2 removed */
	EXPECT("\"${##2}\"", "");
}

/* ---- field splitting -------------------------------------------------------- */

static void test_field_splitting(void **state)
{
	(void)state;
	var_set("x", " a  b ");
	EXPECT("$x", "a", "b");
	EXPECT("\"$x\"", " a  b ");
	EXPECT("[$x]", "[", "a", "b", "]");
	var_set("x", "a\tb\nc");
	EXPECT("$x", "a", "b", "c");
	/* other IFS characters: each ends a field, empty ones count */
	var_set("IFS", ":");
	var_set("x", "a::b:");
	EXPECT("$x", "a", "", "b");            /* no empty field at the end */
	var_set("x", ":");
	EXPECT("$x", "");
	var_set("x", "::");
	EXPECT("$x", "", "");
	var_set("x", ":a");
	EXPECT("$x", "", "a");
	var_set("x", " a ");
	EXPECT("$x", " a ");                   /* space is not in IFS */
	/* white space around another IFS character belongs to it */
	var_set("IFS", ": ");
	var_set("x", " a : b ");
	EXPECT("$x", "a", "b");
	var_set("x", "a  :  :b");
	EXPECT("$x", "a", "", "b");
	var_set("x", "a: b");
	EXPECT("$x", "a", "b");
	var_set("x", "  ");
	EXPECT_NONE("$x");
	/* literal text is never split, whatever IFS holds */
	var_set("IFS", "o");
	var_set("x", "");
	EXPECT("foo$x", "foo");
	var_set("x", "xoy");
	EXPECT("foo${x}boo", "foox", "yboo");
	/* empty IFS: no splitting at all */
	var_set("IFS", "");
	var_set("x", " a  b ");
	EXPECT("$x", " a  b ");
	/* unset IFS: space, tab and newline */
	var_unset("IFS");
	var_set("x", "a\tb c\n");
	EXPECT("$x", "a", "b", "c");
	/* IFS applies to arithmetic and command substitution results too */
	var_set("IFS", "1");
	EXPECT("$((121))", "", "2");
	var_unset("IFS");
	/* two expansions side by side join before splitting */
	var_set("x", "a b");
	var_set("y", "c d");
	EXPECT("$x$y", "a", "bc", "d");
	EXPECT("$x\"$y\"", "a", "bc d");
	var_unset("x");
	var_unset("y");
}

/* An empty quoted string is a field; an empty unquoted expansion is none. */
static void test_empty_fields(void **state)
{
	(void)state;
	EXPECT("''", "");
	EXPECT("\"\"", "");
	EXPECT("\"$e\"", "");
	EXPECT("$e\"\"", "");
	EXPECT("\"\"$e", "");
	EXPECT("''$u''", "");
	EXPECT("\"${e:-}\"", "");
	EXPECT("\"${u-}\"", "");
	EXPECT("\"${u+x}\"", "");
	EXPECT("\"${e%x}\"", "");
	EXPECT("\"$(true)\"", "");
	EXPECT("'' ''", "", "");
	EXPECT_NONE("$e");
	EXPECT_NONE("${e:-}");
	EXPECT_NONE("${u-}");
	EXPECT_NONE("$(true)");
	EXPECT_NONE("$e$u");
	EXPECT("a \"\" b", "a", "", "b");
	EXPECT("${u-\"\"}", "");
}

/* ---- tildes -------------------------------------------------------------------- */

static void test_tilde(void **state)
{
	(void)state;
	struct passwd *pw = getpwuid(getuid());
	assert_non_null(pw);
	char user[256], home[PATH_MAX], text[512], want[PATH_MAX + 16];
	snprintf(user, sizeof user, "%s", pw->pw_name);
	snprintf(home, sizeof home, "%s", pw->pw_dir);

	var_set("HOME", "/fk/home");
	EXPECT("~", "/fk/home");
	EXPECT("~/x", "/fk/home/x");
	EXPECT("\"~\"", "~");
	EXPECT("'~'", "~");
	EXPECT("\\~", "~");
	EXPECT("a~", "a~");
	EXPECT("~nosuchuser_fk/x", "~nosuchuser_fk/x");
	snprintf(text, sizeof text, "~%s/x", user);
	snprintf(want, sizeof want, "%s/x", home);
	check_fields(text, (const char *const[]){ want, NULL }, __LINE__);
	/* the result is neither split nor globbed */
	var_set("HOME", "/a b*");
	EXPECT("~", "/a b*");
	EXPECT("~/c", "/a b*/c");
	/* an empty HOME: one empty field */
	var_set("HOME", "");
	EXPECT("~", "");
	/* unset HOME: left as written, as in dash */
	var_unset("HOME");
	EXPECT("~", "~");
	EXPECT("~/x", "~/x");
	var_set("HOME", "/fk/home");
	/* in a word that is no assignment, ~ after = or : is text */
	EXPECT("x=~/a:~/b", "x=~/a:~/b");
	/* in an assignment value (as expand_string gets it) it is a tilde */
	struct node *n;
	struct syn_error err;
	const char *a = "x=~/a:~/b:c~";
	assert_int_equal(parse_string(a, strlen(a), &n, &err), SYN_OK);
	char *v = expand_string(((struct simple_node *)n)->assigns[0]);
	node_free(n);
	char copy[128];
	snprintf(copy, sizeof copy, "%s", v);
	free(v);
	assert_string_equal(copy, "x=/fk/home/a:/fk/home/b:c~");
	/* in the word of ${x-word} */
	EXPECT("${u-~}", "/fk/home");
	EXPECT("\"${u-~}\"", "~");
}

/* ---- pathname expansion -------------------------------------------------------- */

struct globdir {
	char *cwd;
	char dir[64];
};

static const char *const glob_files[] = { "axb", "a*b", "abc", "!x", "-x", "^x", "bx", "cx", "a\\b", ".hid", "sp ace",
					  NULL };

static int make_tree(void **state)
{
	setup(state);
	struct globdir *g = xcalloc(1, sizeof *g);
	g->cwd = getcwd(NULL, 0);
	snprintf(g->dir, sizeof g->dir, "/tmp/forksh-expand-XXXXXX");
	if (!g->cwd || !mkdtemp(g->dir) || chdir(g->dir) < 0)
		return -1;
	for (size_t i = 0; glob_files[i]; i++) {
		int fd = open(glob_files[i], O_WRONLY | O_CREAT, 0644);
		if (fd < 0)
			return -1;
		close(fd);
	}
	if (mkdir("sub", 0755) < 0)
		return -1;
	int fd = open("sub/in", O_WRONLY | O_CREAT, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	*state = g;
	return 0;
}

static int remove_tree(void **state)
{
	struct globdir *g = *state;
	for (size_t i = 0; glob_files[i]; i++)
		unlink(glob_files[i]);
	unlink("sub/in");
	rmdir("sub");
	int rc = chdir(g->cwd);
	if (rmdir(g->dir) < 0)
		rc = -1;
	free(g->cwd);
	free(g);
	sh.opt[OPT_f] = 0;
	return rc;
}

static void test_glob(void **state)
{
	(void)state;
	EXPECT("a*", "a*b", "a\\b", "abc", "axb");  /* sorted */
	EXPECT("*x", "!x", "-x", "^x", "bx", "cx");
	EXPECT("?x", "!x", "-x", "^x", "bx", "cx");
	EXPECT("[ab]x", "bx");
	EXPECT("[b-c]x", "bx", "cx");
	EXPECT("[!ab-]x", "!x", "^x", "cx");
	EXPECT("[^b]x", "!x", "-x", "^x", "cx");
	EXPECT("s*", "sp ace", "sub");              /* a name with a space is one field */
	EXPECT("*/in", "sub/in");
	EXPECT("sub/*", "sub/in");
	EXPECT(".h*", ".hid");
	EXPECT("nomatch*", "nomatch*");             /* no match: the word as it is */
	EXPECT("[a", "[a");
	/* quoted characters are literal */
	EXPECT("a\"*\"b", "a*b");
	EXPECT("a\\*b", "a*b");
	EXPECT("'a*'*", "a*b");
	EXPECT("\"a\"*", "a*b", "a\\b", "abc", "axb");
	EXPECT("\"a*\"", "a*");
	/* quoted ! - ^ inside brackets are literal members */
	EXPECT("[\"!\"a]x", "!x");
	EXPECT("[\\!]x", "!x");
	EXPECT("['^']x", "^x");
	EXPECT("[a\"-\"c]x", "-x", "cx");             /* a, - and c: no range */
	EXPECT("[\"-\"]x", "-x");
	/* from a variable: unquoted it is a pattern, quoted it is not */
	var_set("g", "a*");
	EXPECT("$g", "a*b", "a\\b", "abc", "axb");
	EXPECT("\"$g\"", "a*");
	EXPECT("${g}c", "abc");
	var_set("g", "[!a]x");
	EXPECT("$g", "!x", "-x", "^x", "bx", "cx");
	/* a backslash from a variable escapes the next character */
	var_set("g", "a\\x*");
	EXPECT("$g", "axb");
	var_set("g", "a\\*b");
	EXPECT("$g", "a\\*b");                      /* nothing left to glob */
	var_set("g", "\\a*");
	EXPECT("$g", "a*b", "a\\b", "abc", "axb");
	var_set("g", "[\\!a]x");
	EXPECT("$g", "!x");
	var_set("g", "a\\");
	EXPECT("$g*", "a\\*");                      /* it escapes the literal * too */
	/* set -f: no pathname expansion at all */
	sh.opt[OPT_f] = 1;
	EXPECT("a*", "a*");
	var_set("g", "*");
	EXPECT("$g", "*");
	sh.opt[OPT_f] = 0;
	/* globbing happens after splitting, on each field */
	var_set("g", "a* bx");
	EXPECT("$g", "a*b", "a\\b", "abc", "axb", "bx");
	var_unset("g");
}

/* ---- set -u ----------------------------------------------------------------------- */

static void test_set_u(void **state)
{
	(void)state;
	sh.opt[OPT_u] = 1;
	FAILS("$u", "u: parameter not set");
	FAILS("a${u}b", "u: parameter not set");
	FAILS("\"$u\"", "u: parameter not set");
	FAILS("${#u}", "u: parameter not set");
	FAILS("${u%x}", "u: parameter not set");
	FAILS("$1", "1: parameter not set");
	/* the operators that test for unset are fine */
	EXPECT("${u-ok}", "ok");
	EXPECT("${u:-ok}", "ok");
	EXPECT("${u+x}ok", "ok");
	EXPECT("${u=ok}", "ok");
	var_unset("u");
	/* and so are "$@" and "$*" with no parameters, and set empty ones */
	EXPECT("\"$@\"ok", "ok");
	EXPECT("\"$*\"", "");
	EXPECT_NONE("$e");
	EXPECT("$v", "val");
	sh.opt[OPT_u] = 0;
}

static void test_error_operators(void **state)
{
	(void)state;
	FAILS("${u?}", "u: parameter not set");
	FAILS("${u:?}", "u: parameter not set");
	FAILS("${e:?}", "e: parameter is empty");
	FAILS("${u?custom message}", "u: custom message");
	FAILS("${e:?is $v}", "e: is val");
	FAILS("\"${u?quoted}\"", "u: quoted");
	FAILS("${1?no args}", "1: no args");
	FAILS("${1=x}", "${1=...}: cannot assign to a special or positional parameter");
	FAILS("${u2:=$((1/0))}", "arithmetic: division by zero in \"1/0\"");
	assert_null(var_get("u2"));
	EXPECT("${#=x}", "0");                  /* $# is set: nothing to assign */
	assert_int_equal(var_readonly("fk_ro", "r"), 0);
	EXPECT("${fk_ro=x}", "r");
	var_unset("u");
}

/* ---- arithmetic ---------------------------------------------------------------------- */

static void test_arithmetic(void **state)
{
	(void)state;
	EXPECT("$((1+2))", "3");
	EXPECT("\"$((1+2))\"", "3");
	EXPECT("$(( 2 * (3 + 4) ))", "14");
	EXPECT("$((010)) $((0x10))", "8", "16");
	var_set("n", "5");
	EXPECT("$((n*2))", "10");
	EXPECT("$(($n*2))", "10");
	EXPECT("$((${n}1))", "51");
	EXPECT("$((${u:-2}*3))", "6");
	EXPECT("$((n+=1)) $n", "6", "6");
	EXPECT("x$((1))y", "x1y");
	FAILS("$(())", "arithmetic: the expression is empty in \"\"");     /* as dash */
	EXPECT("$((-1))", "-1");
	EXPECT("$(($(echo 4)+1))", "5");
	FAILS("$((1/0))", "arithmetic: division by zero in \"1/0\"");
	FAILS("$((1+))", "arithmetic: the expression ends too early in \"1+\"");
	var_set("n", "abc");
	FAILS("$((n))", "Illegal number: abc");
	var_unset("n");
}

/* ---- command substitution --------------------------------------------------------------- */

/* No child of this process is left over (a zombie would show here). */
static void assert_no_children(void)
{
	errno = 0;
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

static void test_command_substitution(void **state)
{
	(void)state;
	int st = -1;
	expand_reset_subst();
	assert_false(expand_subst_ran(&st));
	EXPECT("$(echo hi)", "hi");
	assert_true(expand_subst_ran(&st));
	assert_int_equal(st, 0);
	EXPECT("\"$(printf 'a\\n\\n\\n')\"", "a");   /* trailing newlines go */
	EXPECT("\"$(printf '\\na\\nb\\n')\"", "\na\nb");
	EXPECT("$(printf 'a\\nb\\n')", "a", "b");     /* unquoted: split */
	EXPECT("x$(echo a b)y", "xa", "by");
	EXPECT("`echo back`", "back");
	EXPECT("$(echo $(echo nested))", "nested");
	EXPECT("`echo \\`echo nested\\``", "nested");
	EXPECT("\"$(echo '\"q\"')\"", "\"q\"");
	EXPECT("\"$(printf 'a\\0b')\"", "ab");        /* NUL bytes cannot stay */
	EXPECT("$(v=changed; echo $v) $v", "changed", "val"); /* the child's own variables */
	EXPECT("$(cd /; pwd)", "/");
	char *cwd = getcwd(NULL, 0);
	EXPECT("$(cd /tmp)x", "x");
	char *after = getcwd(NULL, 0);
	assert_string_equal(cwd, after);              /* cd in the child only */
	free(cwd);
	free(after);
	/* the status of the last one, for x=$(...) */
	expand_reset_subst();
	EXPECT_NONE("$(exit 3)");
	assert_true(expand_subst_ran(&st));
	assert_int_equal(st, 3);
	EXPECT_NONE("$(exit 4)$(true)");
	assert_int_equal((expand_subst_ran(&st), st), 0);
	EXPECT_NONE("$(true)$(exit 5)");
	assert_int_equal((expand_subst_ran(&st), st), 5);
	EXPECT_NONE("$(sh -c 'kill -9 $$')");       /* killed by a signal: 128 + 9 */
	assert_int_equal((expand_subst_ran(&st), st), 137);
	expand_reset_subst();
	EXPECT_NONE("$()");
	EXPECT("\"$( )\"", "");
	assert_no_children();
}

/* A lot of output: the parent reads it all before it waits, so the child
 * never blocks on a full pipe. */
static void test_command_substitution_large(void **state)
{
	(void)state;
	struct simple_node *s = parse_words("\"$(head -c 3000000 /dev/zero | tr '\\0' x)\"", __LINE__);
	char *got = expand_string(s->words[1]);
	node_free(&s->n);
	assert_non_null(got);
	size_t n = strlen(got);
	int all_x = strspn(got, "x") == n;
	free(got);
	assert_int_equal(n, 3000000);
	assert_true(all_x);
	assert_no_children();
}

/* ---- one string, one pattern ---------------------------------------------------------- */

static void test_expand_string(void **state)
{
	(void)state;
	static char *args[] = { "a", "b c" };
	set_args(2, args);
	var_set("x", " a  b* ");
	STRING("$x", " a  b* ");                     /* no splitting, no globbing */
	STRING("a*", "a*");
	STRING("\"$@\"", "a b c");                   /* "$@" joined with spaces */
	STRING("$@", "a b c");
	STRING("$*", "a b c");
	STRING("''", "");
	STRING("$u", "");
	STRING("'a'\"b\"c\\d", "abcd");
	var_set("IFS", ":");
	STRING("\"$*\"", "a:b c");
	STRING("$*", "a:b c");                       /* joined as "$*" is (POSIX) */
	STRING("${u-$*}", "a:b c");
	STRING("\"$@\"", "a b c");
	PATTERN("$*", "a:b c");
	var_set("IFS", "");
	STRING("$*", "ab c");
	var_unset("IFS");
	STRING("$*", "a b c");
	set_args(0, NULL);
	STRING("$*", "");
	STRING("x$*y", "xy");
	var_unset("x");
}

static void test_expand_pattern(void **state)
{
	(void)state;
	PATTERN("a*", "a*");
	PATTERN("'a*'", "\\a\\*");                   /* quoted: every character escaped */
	PATTERN("\"a\"*", "\\a*");
	PATTERN("a\\*", "a\\*");
	PATTERN("[\"!\"a]", "[\\!a]");
	var_set("p", "*.c");
	PATTERN("$p", "*.c");
	PATTERN("\"$p\"", "\\*\\.\\c");
	var_unset("p");
	PATTERN("''", "");
}

static void test_expand_words_appends(void **state)
{
	(void)state;
	struct simple_node *s = parse_words("a $v 'c d'", __LINE__);
	struct strvec out;
	sv_init(&out);
	sv_push(&out, xstrdup("first"));
	assert_int_equal(expand_words(s->words + 1, s->nwords - 1, &out), 0);
	assert_int_equal(expand_words(s->words + 1, 1, &out), 0);
	node_free(&s->n);
	assert_int_equal(out.n, 5);
	assert_string_equal(out.v[0], "first");
	assert_string_equal(out.v[1], "a");
	assert_string_equal(out.v[2], "val");
	assert_string_equal(out.v[3], "c d");
	assert_string_equal(out.v[4], "a");
	assert_null(out.v[5]);
	sv_free(&out);
}

static void test_has_glob_chars(void **state)
{
	(void)state;
	assert_true(has_glob_chars("a*"));
	assert_true(has_glob_chars("?"));
	assert_true(has_glob_chars("[a]"));
	assert_true(has_glob_chars("\\a*"));
	assert_false(has_glob_chars("abc"));
	assert_false(has_glob_chars("[a"));
	assert_false(has_glob_chars("a]"));
	assert_false(has_glob_chars("\\*"));
	assert_false(has_glob_chars("\\[a]"));
	assert_false(has_glob_chars("[a\\]"));
	assert_false(has_glob_chars("a\\"));
	assert_false(has_glob_chars(""));
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_literals_and_quotes),
		T(test_named_parameters),
		T(test_special_parameters),
		T(test_at_and_star),
		T(test_operators_use_and_assign),
		T(test_operator_word_splitting),
		T(test_operators_patterns),
		T(test_length),
		T(test_field_splitting),
		T(test_empty_fields),
		T(test_tilde),
		cmocka_unit_test_setup_teardown(test_glob, make_tree, remove_tree),
		T(test_set_u),
		T(test_error_operators),
		T(test_arithmetic),
		T(test_command_substitution),
		T(test_command_substitution_large),
		T(test_expand_string),
		T(test_expand_pattern),
		T(test_expand_words_appends),
		T(test_has_glob_chars),
	};
	var_import_environ();
	var_set("HOME", "/fk/home");
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	var_clear_all();
	return rc;
}
