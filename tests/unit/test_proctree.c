/* test_proctree.c - unit tests for shell/proctree.c, the process tree.
 *
 * Covers the /proc/PID/stat parser on tricky command names (spaces,
 * parentheses, ")) ", an empty name, malformed lines), the state words, the
 * text shown for a command line (NUL-separated arguments, a zombie, a kernel
 * thread), the UTF-8 locale test, and the drawing of trees built from fake
 * process lists (UTF-8 and ASCII, children sorted by PID, the marks for the
 * shell and a forked ptree, cutting to a width, the summary, a missing root,
 * a PID that is its own parent).  One test reads the real /proc.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../shell/proctree.h"
#include "../../shell/util.h"

/* ---- the stat parser ---- */

static void test_parse_stat_plain(void **state)
{
	(void)state;
	struct proc_stat st;
	assert_int_equal(proctree_parse_stat("4242 (forksh) S 4200 4242 4242 34816 0\n", &st), 0);
	assert_int_equal(st.pid, 4242);
	assert_int_equal(st.ppid, 4200);
	assert_int_equal(st.state, 'S');
	assert_string_equal(st.comm, "forksh");
}

static void test_parse_stat_tricky_comm(void **state)
{
	(void)state;
	struct proc_stat st;
	/* A name with spaces. */
	assert_int_equal(proctree_parse_stat("7 (Web Content) R 1 7 7 0 -1", &st), 0);
	assert_string_equal(st.comm, "Web Content");
	assert_int_equal(st.state, 'R');
	assert_int_equal(st.ppid, 1);
	/* A name that looks like the end of the field. */
	assert_int_equal(proctree_parse_stat("8 ()) ) Z 3 8 8 0 -1", &st), 0);
	assert_string_equal(st.comm, ")) ");
	assert_int_equal(st.state, 'Z');
	assert_int_equal(st.ppid, 3);
	/* Parentheses and a fake state inside the name. */
	assert_int_equal(proctree_parse_stat("9 (a) S 1 (b) T 2 9 9", &st), 0);
	assert_string_equal(st.comm, "a) S 1 (b");
	assert_int_equal(st.state, 'T');
	assert_int_equal(st.ppid, 2);
	/* An empty name, and a name that is only ')'. */
	assert_int_equal(proctree_parse_stat("10 () t 0 10", &st), 0);
	assert_string_equal(st.comm, "");
	assert_int_equal(st.state, 't');
	assert_int_equal(st.ppid, 0);
	assert_int_equal(proctree_parse_stat("11 ()) I 2", &st), 0);
	assert_string_equal(st.comm, ")");
	assert_int_equal(st.state, 'I');
	assert_int_equal(st.ppid, 2);
	/* A name longer than the buffer is cut, not refused. */
	char line[200];
	snprintf(line, sizeof line, "12 (%s) S 1 12", "0123456789012345678901234567890123456789"
		 "0123456789012345678901234567890123456789");
	assert_int_equal(proctree_parse_stat(line, &st), 0);
	assert_int_equal(strlen(st.comm), sizeof st.comm - 1);
	assert_int_equal(st.ppid, 1);
}

static void test_parse_stat_malformed(void **state)
{
	(void)state;
	struct proc_stat st;
	assert_int_equal(proctree_parse_stat("", &st), -1);
	assert_int_equal(proctree_parse_stat("42", &st), -1);
	assert_int_equal(proctree_parse_stat("42 (sh S 1 2", &st), -1);      /* no ')' */
	assert_int_equal(proctree_parse_stat("42 sh) S 1 2", &st), -1);      /* no '(' */
	assert_int_equal(proctree_parse_stat("(sh) S 1 2", &st), -1);        /* no PID */
	assert_int_equal(proctree_parse_stat("-4 (sh) S 1 2", &st), -1);     /* signed */
	assert_int_equal(proctree_parse_stat("0 (sh) S 1 2", &st), -1);      /* PID 0 */
	assert_int_equal(proctree_parse_stat("42 (sh)", &st), -1);           /* no state */
	assert_int_equal(proctree_parse_stat("42 (sh) S", &st), -1);         /* no PPID */
	assert_int_equal(proctree_parse_stat("42 (sh) S x", &st), -1);       /* bad PPID */
	assert_int_equal(proctree_parse_stat("42 (sh) S 1x 2", &st), -1);
	assert_int_equal(proctree_parse_stat("42 (sh) SS 1 2", &st), -1);
	assert_int_equal(proctree_parse_stat("42 (sh)S 1 2", &st), -1);
	assert_int_equal(proctree_parse_stat("99999999999 (sh) S 1 2", &st), -1); /* too big */
	assert_int_equal(proctree_parse_stat("42 (sh) S 99999999999 2", &st), -1);
	/* A last line without the newline and other fields is still fine. */
	assert_int_equal(proctree_parse_stat("42 (sh) S 1", &st), 0);
	assert_int_equal(st.ppid, 1);
}

/* ---- words and command lines ---- */

static void test_state_words(void **state)
{
	(void)state;
	assert_string_equal(proctree_state_word('R'), "running");
	assert_string_equal(proctree_state_word('S'), "sleeping");
	assert_string_equal(proctree_state_word('D'), "disk-wait");
	assert_string_equal(proctree_state_word('I'), "idle");
	assert_string_equal(proctree_state_word('T'), "stopped");
	assert_string_equal(proctree_state_word('t'), "traced");
	assert_string_equal(proctree_state_word('Z'), "zombie");
	assert_string_equal(proctree_state_word('X'), "dead");
	assert_string_equal(proctree_state_word('W'), "unknown");
	assert_string_equal(proctree_state_word('\0'), "unknown");
}

static void check_command(const char *cmdline, size_t len, const char *comm, char st,
			  const char *want)
{
	char *got = proctree_command(cmdline, len, comm, st);
	char copy[128];
	snprintf(copy, sizeof copy, "%s", got);
	free(got);
	assert_string_equal(copy, want);
}

static void test_command(void **state)
{
	(void)state;
	check_command("sleep\0" "30\0", 9, "sleep", 'S', "sleep 30");
	check_command("sh\0-c\0echo a  b\0", 16, "sh", 'S', "sh -c echo a  b");
	/* An empty argument in the middle stays visible as a double space. */
	check_command("printf\0\0x\0", 10, "printf", 'R', "printf  x");
	/* setproctitle pads with NULs; no final NUL at all is fine too. */
	check_command("nginx: worker\0\0\0\0", 17, "nginx", 'S', "nginx: worker");
	check_command("abc", 3, "abc", 'S', "abc");
	/* Kernel threads and zombies have no command line. */
	check_command("", 0, "kworker/0:1", 'I', "[kworker/0:1]");
	check_command("", 0, "sleep", 'Z', "sleep <defunct>");
	check_command("\0", 1, "a b", 'S', "[a b]");
	/* A zombie is a zombie even if a command line was read. */
	check_command("sh\0", 3, "sh", 'Z', "sh <defunct>");
}

static void test_locale_is_utf8(void **state)
{
	(void)state;
	assert_true(locale_is_utf8(NULL, NULL, "en_US.UTF-8"));
	assert_true(locale_is_utf8(NULL, NULL, "C.utf8"));
	assert_true(locale_is_utf8(NULL, NULL, "de_DE.Utf-8"));
	assert_true(locale_is_utf8("", "", "C.UTF8"));
	assert_false(locale_is_utf8(NULL, NULL, NULL));
	assert_false(locale_is_utf8(NULL, NULL, "C"));
	assert_false(locale_is_utf8(NULL, NULL, "en_US.ISO-8859-1"));
	/* The first non-empty one decides. */
	assert_false(locale_is_utf8("C", "en_US.UTF-8", "en_US.UTF-8"));
	assert_true(locale_is_utf8("", "en_US.UTF-8", "C"));
	assert_false(locale_is_utf8(NULL, "POSIX", "en_US.UTF-8"));
	assert_true(locale_is_utf8("en_GB.utf8", NULL, "C"));
}

/* ---- drawing ---- */

/* Draw procs with style into a new string; *ret gets proctree_draw's value. */
static char *draw(const struct proc_info *procs, size_t n, const struct proctree_style *style,
		  long *ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	*ret = proctree_draw(f, procs, n, style);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Compare and free, copying first so a failure does not leak the string. */
static void assert_drawn(char *got, const char *want)
{
	char copy[2048];
	snprintf(copy, sizeof copy, "%s", got);
	free(got);
	assert_string_equal(copy, want);
}

/* In no particular order, with unrelated processes mixed in:
 *
 *   4242 forksh
 *     4250 sleep 30
 *     4251 zombie sh
 *       4260 cat (a child of the zombie, which cannot really happen
 *                 but the drawer must not care)
 *     4300 make
 *       4301 cc
 *         4302 as
 *       4303 cc
 */
static const struct proc_info fake[] = {
	{ 4303, 4300, 'R', "cc -c b.c" },
	{ 1, 0, 'S', "/sbin/init" },
	{ 4251, 4242, 'Z', "sh <defunct>" },
	{ 4300, 4242, 'S', "make -j2" },
	{ 4242, 1, 'S', "forksh" },
	{ 4260, 4251, 'T', "cat" },
	{ 4302, 4301, 'D', "as -o a.o" },
	{ 4250, 4242, 'S', "sleep 30" },
	{ 4301, 4300, 'S', "cc -c a.c" },
	{ 5000, 1, 'S', "unrelated" },
};
#define NFAKE (sizeof fake / sizeof fake[0])

static void test_draw_utf8(void **state)
{
	(void)state;
	struct proctree_style st = { .root = 4242, .self = 4242, .utf8 = 1 };
	long n;
	char *out = draw(fake, NFAKE, &st, &n);
	assert_int_equal(n, 8);
	assert_drawn(out,
		     "4242 S sleeping  forksh (this shell)\n"
		     "\u251c\u2500 4250 S sleeping  sleep 30\n"
		     "\u251c\u2500 4251 Z zombie    sh <defunct>\n"
		     "\u2502  \u2514\u2500 4260 T stopped   cat\n"
		     "\u2514\u2500 4300 S sleeping  make -j2\n"
		     "   \u251c\u2500 4301 S sleeping  cc -c a.c\n"
		     "   \u2502  \u2514\u2500 4302 D disk-wait as -o a.o\n"
		     "   \u2514\u2500 4303 R running   cc -c b.c\n"
		     "8 processes: 1 running, 4 sleeping, 1 disk-wait, 1 stopped, 1 zombie\n");
}

static void test_draw_ascii(void **state)
{
	(void)state;
	struct proctree_style st = { .root = 4242, .self = 4242, .utf8 = 0 };
	long n;
	char *out = draw(fake, NFAKE, &st, &n);
	assert_int_equal(n, 8);
	assert_drawn(out,
		     "4242 S sleeping  forksh (this shell)\n"
		     "|- 4250 S sleeping  sleep 30\n"
		     "|- 4251 Z zombie    sh <defunct>\n"
		     "|  `- 4260 T stopped   cat\n"
		     "`- 4300 S sleeping  make -j2\n"
		     "   |- 4301 S sleeping  cc -c a.c\n"
		     "   |  `- 4302 D disk-wait as -o a.o\n"
		     "   `- 4303 R running   cc -c b.c\n"
		     "8 processes: 1 running, 4 sleeping, 1 disk-wait, 1 stopped, 1 zombie\n");
}

/* Rooted elsewhere: the shell's mark appears only where the shell is, and
 * a ptree run in a forked child marks that child. */
static void test_draw_other_root_and_marks(void **state)
{
	(void)state;
	struct proctree_style st = { .root = 4300, .self = 4242, .runner = 4303 };
	long n;
	char *out = draw(fake, NFAKE, &st, &n);
	assert_int_equal(n, 4);
	assert_drawn(out,
		     "4300 S sleeping  make -j2\n"
		     "|- 4301 S sleeping  cc -c a.c\n"
		     "|  `- 4302 D disk-wait as -o a.o\n"
		     "`- 4303 R running   cc -c b.c (running ptree)\n"
		     "4 processes: 1 running, 2 sleeping, 1 disk-wait\n");

	/* A leaf alone; singular "process". */
	st.root = 4250;
	out = draw(fake, NFAKE, &st, &n);
	assert_int_equal(n, 1);
	assert_drawn(out, "4250 S sleeping  sleep 30\n1 process: 1 sleeping\n");
}

static void test_draw_missing_root(void **state)
{
	(void)state;
	struct proctree_style st = { .root = 4243 };
	long n;
	char *out = draw(fake, NFAKE, &st, &n);
	assert_int_equal(n, -1);
	assert_drawn(out, "");
	out = draw(NULL, 0, &st, &n);
	assert_int_equal(n, -1);
	assert_drawn(out, "");
}

/* Zombies are counted in the plural; unknown letters are "unknown"; a
 * control character in a command line cannot break the line in two. */
static void test_draw_summary_and_odd_states(void **state)
{
	(void)state;
	const struct proc_info procs[] = {
		{ 10, 0, 'S', "parent" },
		{ 11, 10, 'Z', "a <defunct>" },
		{ 12, 10, 'Z', "b <defunct>" },
		{ 13, 10, 'W', "odd\nname\t!" },
		{ 14, 10, 'X', "gone" },
		{ 15, 10, 'I', "[kworker]" },
		{ 16, 10, 't', "gdb'd" },
	};
	struct proctree_style st = { .root = 10 };
	long n;
	char *out = draw(procs, sizeof procs / sizeof procs[0], &st, &n);
	assert_int_equal(n, 7);
	assert_drawn(out,
		     "10 S sleeping  parent\n"
		     "|- 11 Z zombie    a <defunct>\n"
		     "|- 12 Z zombie    b <defunct>\n"
		     "|- 13 W unknown   odd?name?!\n"
		     "|- 14 X dead      gone\n"
		     "|- 15 I idle      [kworker]\n"
		     "`- 16 t traced    gdb'd\n"
		     "7 processes: 1 sleeping, 1 idle, 1 traced, 2 zombies, 1 dead, 1 unknown\n");
}

/* Cutting to a width counts characters, not bytes: each box-drawing
 * character is three bytes but one column, and is never split. */
static void test_draw_width(void **state)
{
	(void)state;
	struct proctree_style st = { .root = 4242, .self = 4242, .utf8 = 1, .width = 20 };
	long n;
	char *out = draw(fake, NFAKE, &st, &n);
	assert_int_equal(n, 8);
	assert_drawn(out,
		     "4242 S sleeping  for\n"
		     "\u251c\u2500 4250 S sleeping  \n"
		     "\u251c\u2500 4251 Z zombie    \n"
		     "\u2502  \u2514\u2500 4260 T stopped\n"
		     "\u2514\u2500 4300 S sleeping  \n"
		     "   \u251c\u2500 4301 S sleepin\n"
		     "   \u2502  \u2514\u2500 4302 D disk\n"
		     "   \u2514\u2500 4303 R running\n"
		     "8 processes: 1 running, 4 sleeping, 1 disk-wait, 1 stopped, 1 zombie\n");

	/* A width that falls inside the tree prefix. */
	st.width = 2;
	st.root = 4301;
	out = draw(fake, NFAKE, &st, &n);
	assert_int_equal(n, 2);
	assert_drawn(out, "43\n\u2514\u2500\n2 processes: 1 sleeping, 1 disk-wait\n");
}

/* A process that is its own parent, and a two-process loop through the
 * root (PID reuse in a racy snapshot): each is drawn once, no endless walk. */
static void test_draw_loops(void **state)
{
	(void)state;
	const struct proc_info self_parent[] = { { 5, 5, 'S', "me" } };
	struct proctree_style st = { .root = 5 };
	long n;
	char *out = draw(self_parent, 1, &st, &n);
	assert_int_equal(n, 1);
	assert_drawn(out, "5 S sleeping  me\n1 process: 1 sleeping\n");

	const struct proc_info loop[] = { { 6, 7, 'S', "six" }, { 7, 6, 'S', "seven" } };
	st.root = 6;
	out = draw(loop, 2, &st, &n);
	assert_int_equal(n, 2);
	assert_drawn(out, "6 S sleeping  six\n`- 7 S sleeping  seven\n2 processes: 2 sleeping\n");
}

/* A deep chain is drawn without recursion. */
static void test_draw_deep_chain(void **state)
{
	(void)state;
	enum { DEPTH = 3000 };
	struct proc_info *procs = calloc(DEPTH, sizeof *procs);
	assert_non_null(procs);
	for (int i = 0; i < DEPTH; i++)
		procs[i] = (struct proc_info){ 100 + i, 99 + i, 'S', "x" };
	struct proctree_style st = { .root = 100 };
	long n;
	char *out = draw(procs, DEPTH, &st, &n);
	free(procs);
	assert_int_equal(n, DEPTH);
	/* The last process line is 2999 blank pieces, a corner, and the rest. */
	size_t len = strlen(out);
	const char *want_end = "`- 3099 S sleeping  x\n3000 processes: 3000 sleeping\n";
	int ends_ok = len > strlen(want_end) && strcmp(out + len - strlen(want_end), want_end) == 0;
	free(out);
	assert_true(ends_ok);
}

/* ---- the live /proc ---- */

/* This test program is alive, so it must be in the snapshot with its
 * parent and a command line; drawing from it roots at us. */
static void test_read_live(void **state)
{
	(void)state;
	struct proc_info *procs = NULL;
	size_t n = 0;
	assert_int_equal(proctree_read(&procs, &n), 0);
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		if (procs[i].pid == getpid()) {
			found = procs[i].ppid == getppid() && procs[i].state == 'R' &&
				strstr(procs[i].cmd, "test_proctree") != NULL;
		}
	}
	struct proctree_style st = { .root = getpid(), .self = getpid() };
	long drawn;
	char *out = draw(procs, n, &st, &drawn);
	proctree_free(procs, n);
	int marked = strstr(out, "(this shell)") != NULL;
	free(out);
	assert_true(found);
	assert_true(drawn >= 1);
	assert_true(marked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_stat_plain),
		cmocka_unit_test(test_parse_stat_tricky_comm),
		cmocka_unit_test(test_parse_stat_malformed),
		cmocka_unit_test(test_state_words),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_locale_is_utf8),
		cmocka_unit_test(test_draw_utf8),
		cmocka_unit_test(test_draw_ascii),
		cmocka_unit_test(test_draw_other_root_and_marks),
		cmocka_unit_test(test_draw_missing_root),
		cmocka_unit_test(test_draw_summary_and_odd_states),
		cmocka_unit_test(test_draw_width),
		cmocka_unit_test(test_draw_loops),
		cmocka_unit_test(test_draw_deep_chain),
		cmocka_unit_test(test_read_live),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
