/* test_record.c - unit tests for lessons/record.c, the recording of a
 * lesson's run and the process tree and timeline drawn from it.
 *
 * Covers rec_add copying text and growing, rec_free, the P1, P2, ...
 * aliases, and the two pictures drawn from made-up recordings of the
 * lessons: fork (a root forking three children), counter (children that
 * outlive their parent and are re-parented to the shell), noexit (the
 * 1 -> 2 -> 4 -> 8 doubling), a 500-child counter run, exec and signal
 * endings, events for PIDs nobody forked, PID reuse, an empty recording,
 * and very long or hostile text.  Every picture is checked line by line for
 * its display width (UTF-8 characters count one column, colour escapes
 * none) at 80 and 40 columns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lessons/record.h"
#include "../../shell/util.h"

/* ---- capturing and measuring output ---- */

/* A picture split into lines (without their newlines). */
struct text {
	char *buf;
	char **line;
	size_t n;
};

enum picture { TREE, TIMELINE };

static void draw(struct text *x, enum picture which, const struct recording *r,
		 const struct draw_opts *o)
{
	size_t len = 0;
	x->buf = NULL;
	FILE *f = open_memstream(&x->buf, &len);
	assert_non_null(f);
	if (which == TREE)
		draw_tree(f, r, o);
	else
		draw_timeline(f, r, o);
	fclose(f);
	assert_true(len > 0);
	assert_int_equal(x->buf[len - 1], '\n'); /* whole lines only */
	x->n = 0;
	for (size_t i = 0; i < len; i++)
		x->n += x->buf[i] == '\n';
	x->line = calloc(x->n, sizeof *x->line);
	assert_non_null(x->line);
	char *p = x->buf;
	for (size_t i = 0; i < x->n; i++) {
		char *nl = strchr(p, '\n');
		*nl = '\0';
		x->line[i] = p;
		p = nl + 1;
	}
}

static void text_free(struct text *x)
{
	free(x->line);
	free(x->buf);
}

/* The columns s[0..len) takes on a terminal: a UTF-8 continuation byte and
 * an ANSI escape sequence (ESC [ parameters, a final letter) take none. */
static int cols_n(const char *s, size_t len)
{
	int cols = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\033' && i + 1 < len && s[i + 1] == '[') {
			i += 2;
			while (i < len && !((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
				i++;
			continue;
		}
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			cols++;
	}
	return cols;
}

static int cols(const char *s)
{
	return cols_n(s, strlen(s));
}

/* The first line holding needle, or NULL. */
static const char *find_line(const struct text *x, const char *needle)
{
	for (size_t i = 0; i < x->n; i++)
		if (strstr(x->line[i], needle))
			return x->line[i];
	return NULL;
}

static size_t count_lines(const struct text *x, const char *needle)
{
	size_t n = 0;
	for (size_t i = 0; i < x->n; i++)
		n += strstr(x->line[i], needle) != NULL;
	return n;
}

/* The display column at which needle starts in line, or -1. */
static int column_of(const char *line, const char *needle)
{
	const char *at = strstr(line, needle);
	return at ? cols_n(line, (size_t)(at - line)) : -1;
}

static void assert_line(const struct text *x, const char *needle)
{
	if (!find_line(x, needle))
		fail_msg("no line holds \"%s\"", needle);
}

static void assert_no_line(const struct text *x, const char *needle)
{
	const char *l = find_line(x, needle);
	if (l)
		fail_msg("unexpected line \"%s\"", l);
}

/* Every line takes at most width columns. */
static void assert_fits(const struct text *x, int width)
{
	for (size_t i = 0; i < x->n; i++)
		if (cols(x->line[i]) > width)
			fail_msg("line %zu takes %d columns, more than %d: \"%s\"", i,
				 cols(x->line[i]), width, x->line[i]);
}

/* The whole output is valid UTF-8 (so no cut split a character). */
static void assert_valid_utf8(const struct text *x)
{
	for (size_t i = 0; i < x->n; i++) {
		const unsigned char *s = (const unsigned char *)x->line[i];
		while (*s) {
			int n = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3
				: (*s & 0xF8) == 0xF0 ? 4 : 0;
			if (n == 0)
				fail_msg("line %zu: stray byte 0x%02x", i, *s);
			for (int k = 1; k < n; k++)
				if ((s[k] & 0xC0) != 0x80)
					fail_msg("line %zu: a character was split", i);
			s += n;
		}
	}
}

static void assert_ascii(const struct text *x)
{
	for (size_t i = 0; i < x->n; i++)
		for (const char *s = x->line[i]; *s; s++)
			if ((unsigned char)*s >= 0x80 || (unsigned char)*s < 0x20)
				fail_msg("line %zu holds byte 0x%02x: \"%s\"", i, (unsigned char)*s,
					 x->line[i]);
}

/* The whole picture, for comparing against an exact expected text. */
static void assert_picture(enum picture which, const struct recording *r,
			   const struct draw_opts *o, const char *expected)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (which == TREE)
		draw_tree(f, r, o);
	else
		draw_timeline(f, r, o);
	fclose(f);
	if (strcmp(buf, expected) != 0) {
		fprintf(stderr, "got:\n%s\nexpected:\n%s\n", buf, expected);
		free(buf);
		fail_msg("the picture differs");
	}
	free(buf);
}

/* Remove ANSI escape sequences from s in place. */
static void strip_escapes(char *s)
{
	char *w = s;
	for (char *p = s; *p;) {
		if (p[0] == '\033' && p[1] == '[') {
			p += 2;
			while (*p && !((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
				p++;
			if (*p)
				p++;
			continue;
		}
		*w++ = *p++;
	}
	*w = '\0';
}

/* ---- made-up recordings ---- */

#define SHELL 3999
#define ROOT 4000

static void rec_start(struct recording *r)
{
	memset(r, 0, sizeof *r);
	r->root = ROOT;
	r->shell = SHELL;
}

/* Lesson 1: each Enter forks one child that says hello and exits. */
static void fork_lesson(struct recording *r)
{
	char line[64];
	rec_start(r);
	for (int i = 0; i < 3; i++) {
		double t = 0.1 + i;
		pid_t kid = ROOT + 1 + i;
		rec_add(r, REC_FORK, t, ROOT, kid, 0, NULL);
		snprintf(line, sizeof line, "Hello from parent %d %d", ROOT, kid);
		rec_add(r, REC_SAY, t, ROOT, 0, 0, line);
		snprintf(line, sizeof line, "Hello from child %d", kid);
		rec_add(r, REC_SAY, t + 0.001, kid, 0, 0, line);
		rec_add(r, REC_EXIT, t + 0.002, kid, 0, 0, NULL);
	}
	rec_add(r, REC_EXIT, 3.5, ROOT, 0, 0, NULL);
}

/* Lesson 2: the main process forks kids children and exits at once; the
 * shell adopts them; each counts 0 .. count-1, a second apart, and exits.
 * Child k (0-based) is PID ROOT + 1 + k. */
static void counter_lesson(struct recording *r, int kids, int count)
{
	char line[64];
	rec_start(r);
	double t = 0.001;
	for (int k = 0; k < kids; k++, t += 0.001) {
		rec_add(r, REC_FORK, t, ROOT, ROOT + 1 + k, 0, NULL);
		snprintf(line, sizeof line, "Process %d spawned", ROOT + 1 + k);
		rec_add(r, REC_SAY, t, ROOT, 0, 0, line);
	}
	rec_add(r, REC_SAY, t, ROOT, 0, 0, "Main process exiting.");
	rec_add(r, REC_EXIT, t, ROOT, 0, 0, NULL);
	for (int k = 0; k < kids; k++)
		rec_add(r, REC_REPARENT, t + 0.0005, ROOT + 1 + k, SHELL, 0, NULL);
	for (int i = 0; i < count; i++)
		for (int k = 0; k < kids; k++) {
			snprintf(line, sizeof line, "[%d] => %d", ROOT + 1 + k, i);
			rec_add(r, REC_SAY, 1.0 + i + 0.0001 * k, ROOT + 1 + k, 0, 0, line);
		}
	for (int k = 0; k < kids; k++)
		rec_add(r, REC_EXIT, count + 0.5 + 0.0001 * k, ROOT + 1 + k, 0, 0, NULL);
}

/* Lesson 3: in each of three rounds every process forks once, so there
 * are 1, 2, 4, then 8 processes.  The PIDs are handed out in order. */
static void noexit_lesson(struct recording *r)
{
	pid_t procs[8] = { ROOT };
	int n = 1;
	pid_t next = ROOT + 1;
	rec_start(r);
	for (int round = 0; round < 3; round++) {
		int before = n;
		for (int i = 0; i < before; i++) {
			rec_add(r, REC_FORK, 0.1 * (round + 1), procs[i], next, 0, NULL);
			procs[n++] = next++;
		}
	}
	for (int i = n - 1; i >= 0; i--)
		rec_add(r, REC_EXIT, 1.0, procs[i], 0, 0, NULL);
}

static const struct draw_opts UTF8_80 = { .width = 80, .utf8 = 1 };
static const struct draw_opts ASCII_80 = { .width = 80, .utf8 = 0 };

/* ---- the recording itself ---- */

static void test_add_copies_and_grows(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	char said[] = "original";
	rec_add(&r, REC_SAY, 0.5, 7, 0, 0, said);
	said[0] = 'X';
	assert_string_equal(r.v[0].text, "original");
	assert_ptr_not_equal(r.v[0].text, said);
	rec_add(&r, REC_EXIT, 0.75, 7, 0, 9 << 8, NULL);
	assert_null(r.v[1].text);
	assert_int_equal(r.v[1].kind, REC_EXIT);
	assert_int_equal(r.v[1].status, 9 << 8);
	assert_true(r.v[1].t == 0.75);
	for (int i = 0; i < 1000; i++)
		rec_add(&r, REC_FORK, i, 7, 100 + i, 0, NULL);
	assert_int_equal(r.n, 1002);
	assert_true(r.cap >= r.n);
	assert_int_equal(r.v[1001].other, 1099);
	assert_string_equal(r.v[0].text, "original"); /* survived the moves */
	rec_free(&r);
	assert_null(r.v);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.cap, 0);
	/* Usable again after rec_free. */
	rec_add(&r, REC_SAY, 0, 1, 0, 0, "again");
	assert_int_equal(r.n, 1);
	rec_free(&r);
}

static void test_alias(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	assert_int_equal(rec_alias(&r, ROOT), 0);
	rec_add(&r, REC_SAY, 0, 500, 0, 0, "first");
	rec_add(&r, REC_FORK, 0, 500, 300, 0, NULL);      /* the child is seen here */
	rec_add(&r, REC_REPARENT, 0, 300, SHELL, 0, NULL); /* the adopter is not a process */
	rec_add(&r, REC_EXIT, 0, 900, 0, 0, NULL);
	rec_add(&r, REC_SAY, 0, 300, 0, 0, "again");
	assert_int_equal(rec_alias(&r, 500), 1);
	assert_int_equal(rec_alias(&r, 300), 2);
	assert_int_equal(rec_alias(&r, 900), 3);
	assert_int_equal(rec_alias(&r, SHELL), 0);
	assert_int_equal(rec_alias(&r, 12345), 0);
	rec_free(&r);

	/* A child counts from its fork, before it says anything itself. */
	rec_add(&r, REC_FORK, 0, 500, 300, 0, NULL);
	rec_add(&r, REC_SAY, 0, 700, 0, 0, "a stranger");
	rec_add(&r, REC_SAY, 0, 300, 0, 0, "the child");
	assert_int_equal(rec_alias(&r, 500), 1);
	assert_int_equal(rec_alias(&r, 300), 2);
	assert_int_equal(rec_alias(&r, 700), 3);
	rec_free(&r);

	/* Thousands of processes keep their order. */
	counter_lesson(&r, 500, 1);
	assert_int_equal(rec_alias(&r, ROOT), 1);
	assert_int_equal(rec_alias(&r, ROOT + 1), 2);
	assert_int_equal(rec_alias(&r, ROOT + 500), 501);
	rec_free(&r);
}

/* ---- the tree ---- */

static void test_tree_fork_lesson(void **state)
{
	(void)state;
	struct recording r;
	fork_lesson(&r);
	assert_picture(TREE, &r, &UTF8_80,
		       "Process tree (4 processes):\n"
		       "4000  exited 0\n"
		       "\u251c\u2500 4001  exited 0\n"
		       "\u251c\u2500 4002  exited 0\n"
		       "\u2514\u2500 4003  exited 0\n");
	assert_picture(TREE, &r, &ASCII_80,
		       "Process tree (4 processes):\n"
		       "4000  exited 0\n"
		       "|- 4001  exited 0\n"
		       "|- 4002  exited 0\n"
		       "`- 4003  exited 0\n");
	struct draw_opts o = UTF8_80;
	o.stable_pids = 1;
	assert_picture(TREE, &r, &o,
		       "Process tree (4 processes):\n"
		       "4000 P1  exited 0\n"
		       "\u251c\u2500 4001 P2  exited 0\n"
		       "\u251c\u2500 4002 P3  exited 0\n"
		       "\u2514\u2500 4003 P4  exited 0\n");
	rec_free(&r);
}

static void test_tree_counter_reparented(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 10, 3);
	struct text x;
	draw(&x, TREE, &r, &UTF8_80);
	assert_string_equal(x.line[0], "Process tree (11 processes):");
	assert_string_equal(x.line[1], "4000  exited 0"); /* the root was not adopted */
	/* 10 children is more than 8: the first 6, then a summary. */
	assert_int_equal(x.n, 2 + 6 + 1);
	for (int k = 0; k < 6; k++) {
		char want[80];
		snprintf(want, sizeof want, "\u251c\u2500 %d  exited 0, re-parented to forksh",
			 ROOT + 1 + k);
		assert_string_equal(x.line[2 + k], want);
	}
	assert_string_equal(x.line[8], "\u2514\u2500 \u2026 4 more children (all exited 0)");
	text_free(&x);

	/* Adopted by a process that is not the shell: its PID, with its alias
	 * when it is in the recording. */
	rec_add(&r, REC_FORK, 9, 7000, 7001, 0, NULL);
	rec_add(&r, REC_REPARENT, 9, 7001, 1, 0, NULL);
	rec_add(&r, REC_REPARENT, 9, ROOT, 7000, 0, NULL);
	struct draw_opts o = UTF8_80;
	o.stable_pids = 1;
	draw(&x, TREE, &r, &o);
	assert_line(&x, "\u2514\u2500 7001 P13  still running, re-parented to 1");
	assert_string_equal(x.line[1], "4000 P1  exited 0, re-parented to 7000 P12");
	text_free(&x);
	rec_free(&r);
}

static void test_tree_noexit_doubling(void **state)
{
	(void)state;
	struct recording r;
	noexit_lesson(&r);
	/* Round 1: 4000 forks 4001.  Round 2: 4000 -> 4002, 4001 -> 4003.
	 * Round 3: 4000 -> 4004, 4001 -> 4005, 4002 -> 4006, 4003 -> 4007. */
	assert_picture(TREE, &r, &UTF8_80,
		       "Process tree (8 processes):\n"
		       "4000  exited 0\n"
		       "\u251c\u2500 4001  exited 0\n"
		       "\u2502  \u251c\u2500 4003  exited 0\n"
		       "\u2502  \u2502  \u2514\u2500 4007  exited 0\n"
		       "\u2502  \u2514\u2500 4005  exited 0\n"
		       "\u251c\u2500 4002  exited 0\n"
		       "\u2502  \u2514\u2500 4006  exited 0\n"
		       "\u2514\u2500 4004  exited 0\n");
	assert_picture(TREE, &r, &ASCII_80,
		       "Process tree (8 processes):\n"
		       "4000  exited 0\n"
		       "|- 4001  exited 0\n"
		       "|  |- 4003  exited 0\n"
		       "|  |  `- 4007  exited 0\n"
		       "|  `- 4005  exited 0\n"
		       "|- 4002  exited 0\n"
		       "|  `- 4006  exited 0\n"
		       "`- 4004  exited 0\n");
	rec_free(&r);
}

static void test_tree_exec_and_endings(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_FORK, 0.1, ROOT, 4001, 0, NULL);
	rec_add(&r, REC_EXEC, 0.15, 4001, 0, 0, "sh -c 'hello 2'"); /* the last exec counts */
	rec_add(&r, REC_EXEC, 0.2, 4001, 0, 0, "hello 2");
	rec_add(&r, REC_EXIT, 0.3, 4001, 0, 0, NULL);
	rec_add(&r, REC_FORK, 0.4, ROOT, 4002, 0, NULL);
	rec_add(&r, REC_EXIT, 0.5, 4002, 0, SIGKILL, NULL);     /* a wait status */
	rec_add(&r, REC_FORK, 0.6, ROOT, 4003, 0, NULL);
	rec_add(&r, REC_EXEC, 0.7, 4003, 0, 0, "no-such-program");
	rec_add(&r, REC_EXIT, 0.8, 4003, 0, 127 << 8, NULL);
	rec_add(&r, REC_FORK, 0.9, ROOT, 4004, 0, NULL);        /* never ends */
	assert_picture(TREE, &r, &ASCII_80,
		       "Process tree (5 processes):\n"
		       "4000  still running\n"
		       "|- 4001  exec: hello 2, exited 0\n"
		       "|- 4002  killed by SIGKILL\n"
		       "|- 4003  exec: no-such-program, exited 127\n"
		       "`- 4004  still running\n");
	rec_free(&r);
}

/* The sh that system() starts is reaped inside system(), out of the
 * engine's sight: its end is recorded without a status (REC_UNSEEN), and
 * both pictures say so in words instead of decoding -1 as a wait status. */
static void test_unseen_endings(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_FORK, 0.1, ROOT, 4001, 0, NULL);
	rec_add(&r, REC_EXEC, 0.1, 4001, 0, 0, "sh -c hello");
	rec_add(&r, REC_FORK, 0.2, 4001, 4002, 0, NULL);
	rec_add(&r, REC_EXEC, 0.2, 4002, 0, 0, "hello");
	rec_add(&r, REC_EXIT, 0.3, ROOT, 0, 0, NULL);
	rec_add(&r, REC_EXIT, 0.4, 4002, 0, REC_UNSEEN, NULL);
	rec_add(&r, REC_EXIT, 0.4, 4001, 0, REC_UNSEEN, NULL);
	assert_picture(TREE, &r, &ASCII_80,
		       "Process tree (3 processes):\n"
		       "4000  exited 0\n"
		       "`- 4001  exec: sh -c hello, ended, reaped by its parent\n"
		       "   `- 4002  exec: hello, ended, reaped by its parent\n");
	struct text x;
	draw(&x, TIMELINE, &r, &ASCII_80);
	int ended = 0;
	for (size_t i = 0; i < x.n; i++)
		ended += strstr(x.line[i], "ended") != NULL;
	assert_int_equal(ended, 2);
	text_free(&x);
	rec_free(&r);
}

/* Build a root with n children; those at the positions in killed[] die of
 * SIGKILL, the rest exit 0. */
static void many_children(struct recording *r, int n, const int *killed, size_t nkilled)
{
	rec_start(r);
	for (int k = 0; k < n; k++)
		rec_add(r, REC_FORK, 0.01 * k, ROOT, ROOT + 1 + k, 0, NULL);
	for (int k = 0; k < n; k++) {
		int status = 0;
		for (size_t i = 0; i < nkilled; i++)
			if (killed[i] == k)
				status = SIGKILL;
		rec_add(r, REC_EXIT, 1 + 0.01 * k, ROOT + 1 + k, 0, status, NULL);
	}
}

static void test_tree_summary_line(void **state)
{
	(void)state;
	struct recording r;
	struct text x;

	/* Eight children are all drawn. */
	many_children(&r, 8, NULL, 0);
	draw(&x, TREE, &r, &UTF8_80);
	assert_int_equal(x.n, 2 + 8);
	assert_string_equal(x.line[9], "\u2514\u2500 4008  exited 0");
	assert_no_line(&x, "more children");
	text_free(&x);
	rec_free(&r);

	/* Nine: six, then the other three summed up. */
	many_children(&r, 9, NULL, 0);
	draw(&x, TREE, &r, &ASCII_80);
	assert_int_equal(x.n, 2 + 6 + 1);
	assert_string_equal(x.line[7], "|- 4006  exited 0");
	assert_string_equal(x.line[8], "`- ... 3 more children (all exited 0)");
	text_free(&x);
	rec_free(&r);

	/* Twenty, two of the hidden ones killed (one shown one too). */
	static const int killed[] = { 2, 10, 19 };
	many_children(&r, 20, killed, 3);
	draw(&x, TREE, &r, &UTF8_80);
	assert_int_equal(x.n, 2 + 6 + 1);
	assert_string_equal(x.line[4], "\u251c\u2500 4003  killed by SIGKILL");
	assert_string_equal(x.line[8], "\u2514\u2500 \u2026 14 more children (12 exited 0, 2 killed by "
				       "SIGKILL)");
	text_free(&x);
	rec_free(&r);
}

/* Hidden children that forked in turn: what is below them is counted. */
static void test_tree_summary_counts_grandchildren(void **state)
{
	(void)state;
	struct recording r;
	many_children(&r, 10, NULL, 0);
	rec_add(&r, REC_FORK, 2, ROOT + 9, 5000, 0, NULL);  /* the 9th child, hidden */
	rec_add(&r, REC_FORK, 2, 5000, 5001, 0, NULL);
	rec_add(&r, REC_FORK, 2, ROOT + 1, 6000, 0, NULL);  /* the 1st child, shown */
	struct text x;
	draw(&x, TREE, &r, &UTF8_80);
	assert_string_equal(x.line[0], "Process tree (14 processes):");
	assert_string_equal(x.line[3], "\u2502  \u2514\u2500 6000  still running");
	assert_string_equal(x.line[x.n - 1], "\u2514\u2500 \u2026 4 more children (all exited 0), "
					     "2 more processes below them");
	assert_no_line(&x, "5000");
	text_free(&x);
	rec_free(&r);
}

static void test_tree_500_children(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 500, 3);
	for (int width = 80; width >= 40; width -= 40) {
		for (int utf8 = 0; utf8 <= 1; utf8++) {
			struct draw_opts o = { .width = width, .utf8 = utf8, .stable_pids = 1 };
			struct text x;
			draw(&x, TREE, &r, &o);
			assert_string_equal(x.line[0], "Process tree (501 processes):");
			assert_int_equal(x.n, 2 + 6 + 1);
			assert_fits(&x, width);
			if (utf8)
				assert_valid_utf8(&x);
			else
				assert_ascii(&x);
			assert_true(strstr(x.line[8], "494 more children") != NULL);
			text_free(&x);
		}
	}
	struct text x;
	draw(&x, TREE, &r, &UTF8_80);
	assert_string_equal(x.line[8], "\u2514\u2500 \u2026 494 more children (all exited 0)");
	text_free(&x);
	rec_free(&r);
}

/* Events about PIDs nobody forked are drawn after the main tree, each as
 * a root of its own; the main tree is r->root's even when it was not the
 * first PID seen, and the first PID seen when r->root is 0. */
static void test_tree_extra_roots(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_SAY, 0.1, 8000, 0, 0, "a stranger");
	rec_add(&r, REC_FORK, 0.2, ROOT, 4001, 0, NULL);
	rec_add(&r, REC_FORK, 0.3, 8000, 8001, 0, NULL);
	rec_add(&r, REC_EXIT, 0.4, 9000, 0, 0, NULL);
	struct draw_opts o = ASCII_80;
	o.stable_pids = 1;
	assert_picture(TREE, &r, &o,
		       "Process tree (5 processes):\n"
		       "4000 P2  still running\n"
		       "`- 4001 P3  still running\n"
		       "Also seen (their fork was not recorded):\n"
		       "8000 P1  still running\n"
		       "`- 8001 P4  still running\n"
		       "9000 P5  exited 0\n");
	r.root = 0;
	assert_picture(TREE, &r, &o,
		       "Process tree (5 processes):\n"
		       "8000 P1  still running\n"
		       "`- 8001 P4  still running\n"
		       "Also seen (their fork was not recorded):\n"
		       "4000 P2  still running\n"
		       "`- 4001 P3  still running\n"
		       "9000 P5  exited 0\n");
	/* A root that never appears falls back to the first PID seen too. */
	r.root = 31337;
	struct text x;
	draw(&x, TREE, &r, &o);
	assert_string_equal(x.line[1], "8000 P1  still running");
	text_free(&x);
	rec_free(&r);
}

/* The kernel reuses PIDs: a PID forked twice, or forking its own parent,
 * must not make the walk loop or draw a process twice. */
static void test_tree_pid_reuse(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_FORK, 0.1, ROOT, 4001, 0, NULL);
	rec_add(&r, REC_FORK, 0.2, 4001, ROOT, 0, NULL);  /* a cycle */
	rec_add(&r, REC_FORK, 0.3, 4001, 4001, 0, NULL);  /* its own child */
	rec_add(&r, REC_FORK, 0.4, ROOT, 4001, 0, NULL);  /* forked again */
	rec_add(&r, REC_FORK, 0.5, 4001, 4002, 0, NULL);
	assert_picture(TREE, &r, &ASCII_80,
		       "Process tree (3 processes):\n"
		       "4000  still running\n"
		       "`- 4001  still running\n"
		       "   `- 4002  still running\n");
	rec_free(&r);
}

static void test_empty_recording(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	struct text x;
	draw(&x, TREE, &r, &UTF8_80);
	assert_int_equal(x.n, 1);
	assert_true(strstr(x.line[0], "nothing to draw") != NULL);
	text_free(&x);
	draw(&x, TIMELINE, &r, &UTF8_80);
	assert_int_equal(x.n, 1);
	assert_true(strstr(x.line[0], "nothing to draw") != NULL);
	text_free(&x);
	/* Re-parenting alone gives the timeline nothing to show. */
	rec_add(&r, REC_REPARENT, 0, ROOT, SHELL, 0, NULL);
	draw(&x, TIMELINE, &r, &UTF8_80);
	assert_int_equal(x.n, 1);
	assert_true(strstr(x.line[0], "nothing to draw") != NULL);
	text_free(&x);
	rec_free(&r);
}

/* A long command is cut at the width with an ellipsis, never in the
 * middle of a UTF-8 character; without UTF-8 the output is pure ASCII. */
static void test_tree_long_text(void **state)
{
	(void)state;
	struct recording r;
	struct strbuf cmd;
	sb_init(&cmd);
	sb_adds(&cmd, "echo ");
	for (int i = 0; i < 200; i++)
		sb_adds(&cmd, "\xc3\xa9\xe2\x82\xac"); /* e-acute, euro sign: 2 and 3 bytes */
	rec_start(&r);
	rec_add(&r, REC_FORK, 0, ROOT, 4001, 0, NULL);
	rec_add(&r, REC_EXEC, 0, 4001, 0, 0, cmd.buf);
	sb_free(&cmd);
	for (int width = 40; width <= 80; width++) {
		struct draw_opts o = { .width = width, .utf8 = 1, .stable_pids = 1 };
		struct text x;
		draw(&x, TREE, &r, &o);
		assert_fits(&x, width);
		assert_valid_utf8(&x);
		assert_int_equal(cols(x.line[2]), width); /* filled to the edge */
		const char *end = x.line[2] + strlen(x.line[2]) - 3;
		assert_memory_equal(end, "\u2026", 3);
		text_free(&x);

		o.utf8 = 0;
		draw(&x, TREE, &r, &o);
		assert_fits(&x, width);
		assert_ascii(&x);
		assert_int_equal(cols(x.line[2]), width);
		assert_true(strstr(x.line[2], "`- 4001 P2  exec: echo ??????") == x.line[2]);
		assert_string_equal(x.line[2] + strlen(x.line[2]) - 3, "...");
		text_free(&x);
	}
	rec_free(&r);
}

/* Text from a process cannot break the picture: control characters and
 * escape sequences are shown as '?', invalid UTF-8 too. */
static void test_hostile_text(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_EXEC, 0, ROOT, 0, 0, "a\033[2Jb\rc\td\xff\xc2\x9b" "e\n");
	rec_add(&r, REC_SAY, 0, ROOT, 0, 0, "x\033]0;title\ay\n");
	struct text x;
	draw(&x, TREE, &r, &UTF8_80);
	assert_string_equal(x.line[1], "4000  exec: a?[2Jb?c d??e, still running");
	text_free(&x);
	draw(&x, TIMELINE, &r, &UTF8_80);
	assert_line(&x, "x?]0;title?y");
	for (size_t i = 0; i < x.n; i++)
		assert_null(strchr(x.line[i], '\033'));
	text_free(&x);
	rec_free(&r);
}

/* ---- the timeline ---- */

static void test_timeline_fork_lesson(void **state)
{
	(void)state;
	struct recording r;
	fork_lesson(&r);
	/* A time column of 6 + 2, then four columns of 72 / 4 = 18. */
	assert_picture(TIMELINE, &r, &ASCII_80,
		       "Timeline (time goes down; one column per process):\n"
		       "time    4000              4001              4002              4003\n"
		       "------  ----------------- ----------------- ----------------- -----------------\n"
		       "0.100s  fork -> 4001\n"
		       "0.100s  Hello from par...\n"
		       "0.101s                    Hello from chi...\n"
		       "0.102s                    exit 0\n"
		       "1.100s  fork -> 4002\n"
		       "1.100s  Hello from par...\n"
		       "1.101s                                      Hello from chi...\n"
		       "1.102s                                      exit 0\n"
		       "2.100s  fork -> 4003\n"
		       "2.100s  Hello from par...\n"
		       /* The last column runs to the edge: 18 columns. */
		       "2.101s                                                        Hello from chil...\n"
		       "2.102s                                                        exit 0\n"
		       "3.500s  exit 0\n");
	rec_free(&r);
}

/* The text of process k starts at column 8 + k * width of a column. */
static void test_timeline_columns(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 3, 3);
	for (int utf8 = 0; utf8 <= 1; utf8++) {
		struct draw_opts o = { .width = 80, .utf8 = utf8, .stable_pids = 1 };
		struct text x;
		draw(&x, TIMELINE, &r, &o);
		assert_fits(&x, 80);
		assert_string_equal(x.line[0], "Timeline (time goes down; one column per process):");
		/* The header: time, then P1 .. P4 at 8, 26, 44, 62. */
		assert_int_equal(column_of(x.line[1], "time"), 0);
		for (int k = 0; k < 4; k++) {
			char label[32];
			snprintf(label, sizeof label, "%d P%d", ROOT + k, k + 1);
			assert_int_equal(column_of(x.line[1], label), 8 + 18 * k);
		}
		for (int k = 0; k < 3; k++)
			for (int i = 0; i < 3; i++) {
				char said[32];
				snprintf(said, sizeof said, "[%d] => %d", ROOT + 1 + k, i);
				const char *l = find_line(&x, said);
				assert_non_null(l);
				assert_int_equal(column_of(l, said), 8 + 18 * (k + 1));
				char when[16];
				snprintf(when, sizeof when, "%d.000s  ", 1 + i);
				assert_int_equal(strncmp(l, when, strlen(when)), 0);
			}
		/* Forks and exits in their columns. */
		assert_int_equal(column_of(find_line(&x, "fork -> 4002 P3"), "fork"), 8);
		assert_int_equal(count_lines(&x, "exit 0"), 4);
		assert_int_equal(column_of(x.line[x.n - 1], "exit 0"), 8 + 18 * 3);
		text_free(&x);
	}
	rec_free(&r);
}

/* Rows go in time order; equal times keep the order of arrival. */
static void test_timeline_time_order(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_SAY, 2.0, ROOT, 0, 0, "late");
	rec_add(&r, REC_SAY, 0.5, ROOT, 0, 0, "tie one");
	rec_add(&r, REC_SAY, 0.25, ROOT, 0, 0, "early");
	rec_add(&r, REC_SAY, 0.5, ROOT, 0, 0, "tie two");
	rec_add(&r, REC_SAY, 0.5, ROOT, 0, 0, "tie three");
	rec_add(&r, REC_SAY, 12.3456, ROOT, 0, 0, "much later");
	struct text x;
	draw(&x, TIMELINE, &r, &UTF8_80);
	assert_int_equal(x.n, 3 + 6);
	/* "12.346s" is 7 wide, so the column starts at 9. */
	assert_string_equal(x.line[3], "0.250s   early");
	assert_string_equal(x.line[4], "0.500s   tie one");
	assert_string_equal(x.line[5], "0.500s   tie two");
	assert_string_equal(x.line[6], "0.500s   tie three");
	assert_string_equal(x.line[7], "2.000s   late");
	assert_string_equal(x.line[8], "12.346s  much later");
	text_free(&x);
	rec_free(&r);
}

/* More processes than columns of 12 fit: the first ones get columns of
 * 12 and the last column, "others", holds the rest with 24 columns or
 * what is left, each line prefixed with its PID, or its alias under
 * --stable-pids. */
static void test_timeline_others(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 10, 3);
	struct text x;
	/* 11 processes; (80 - 8) / 12 = 6 < 11: (72 - 24) / 12 = 4 process
	 * columns, P1 .. P4, at 8, 20, 32 and 44, then others at 56. */
	draw(&x, TIMELINE, &r, &ASCII_80);
	assert_fits(&x, 80);
	assert_int_equal(column_of(x.line[1], "4003"), 8 + 3 * 12);
	assert_int_equal(column_of(x.line[1], "others"), 8 + 4 * 12);
	assert_null(strstr(x.line[1], "4004"));
	assert_string_equal(x.line[2] + 55, " -----------------------"); /* 24 - 1 */
	const char *l = find_line(&x, "[4003] => 1");
	assert_int_equal(column_of(l, "[4003] => 1"), 8 + 3 * 12);
	assert_int_equal(count_lines(&x, "[4003] => "), 3);
	l = find_line(&x, "4004: [4004] => 1");
	assert_non_null(l);
	assert_int_equal(column_of(l, "4004: "), 56);
	l = find_line(&x, "4010: exit 0");
	assert_non_null(l);
	assert_int_equal(column_of(l, "4010: "), 56);
	assert_int_equal(count_lines(&x, ": [40"), 7 * 3);
	text_free(&x);

	struct draw_opts o = UTF8_80;
	o.stable_pids = 1;
	draw(&x, TIMELINE, &r, &o);
	assert_fits(&x, 80);
	l = find_line(&x, "P11: [4010] => 2");
	assert_non_null(l);
	assert_int_equal(column_of(l, "P11: "), 56);
	assert_line(&x, "P5: [4004] => 0");
	assert_no_line(&x, "4004: ");
	text_free(&x);

	/* At 40 columns: the root's column of 12, then others with 20. */
	o.width = 40;
	draw(&x, TIMELINE, &r, &o);
	assert_fits(&x, 40);
	assert_valid_utf8(&x);
	assert_int_equal(column_of(x.line[1], "4000 P1"), 8);
	assert_int_equal(column_of(x.line[1], "others"), 20);
	assert_int_equal(column_of(find_line(&x, "P2: [4001] => 0"), "P2:"), 20);
	l = find_line(&x, "Main proc");
	assert_int_equal(column_of(l, "Main"), 8);
	assert_string_equal(l + 8, "Main proce\u2026");
	text_free(&x);
	rec_free(&r);
}

/* A label too long for its column is cut there and does not push the
 * next column out of place. */
static void test_timeline_long_labels(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	r.root = 1000000000;
	for (int k = 1; k <= 3; k++)
		rec_add(&r, REC_FORK, 0.001 * k, 1000000000, 1000000000 + k, 0, NULL);
	for (int k = 0; k <= 3; k++)
		rec_add(&r, REC_SAY, 1, 1000000000 + k, 0, 0, "hi");
	/* 40 columns: the root's column of 12, then others. */
	struct draw_opts o = { .width = 40, .utf8 = 1, .stable_pids = 1 };
	struct text x;
	draw(&x, TIMELINE, &r, &o);
	assert_fits(&x, 40);
	assert_string_equal(x.line[1], "time    1000000000\u2026 others");
	assert_int_equal(column_of(find_line(&x, "P4: hi"), "P4: hi"), 20);
	text_free(&x);
	o.utf8 = 0;
	draw(&x, TIMELINE, &r, &o);
	assert_string_equal(x.line[1], "time    10000000... others");
	text_free(&x);
	rec_free(&r);
}

static void test_timeline_500_children(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 500, 3);
	for (int width = 40; width <= 80; width += 40)
		for (int utf8 = 0; utf8 <= 1; utf8++) {
			struct draw_opts o = { .width = width, .utf8 = utf8, .stable_pids = utf8 };
			struct text x;
			draw(&x, TIMELINE, &r, &o);
			assert_fits(&x, width);
			if (utf8)
				assert_valid_utf8(&x);
			else
				assert_ascii(&x);
			/* Every fork, line and exit has its row: 500 forks, 501
			 * lines from the root, 1500 counts, 501 exits. */
			assert_int_equal(x.n, 3 + 500 + 501 + 1500 + 501);
			assert_int_equal(column_of(x.line[1], "others"), width == 80 ? 56 : 20);
			assert_true(find_line(&x, utf8 ? "P501: [4500] => 2" : "4500: [4500] => 2"));
			text_free(&x);
		}
	rec_free(&r);
}

/* Text too long for its column ends in an ellipsis inside the column. */
static void test_timeline_cut(void **state)
{
	(void)state;
	struct recording r;
	char longline[600];
	memset(longline, 'x', sizeof longline - 1);
	longline[sizeof longline - 1] = '\0';
	rec_start(&r);
	rec_add(&r, REC_FORK, 0, ROOT, 4001, 0, NULL);
	rec_add(&r, REC_SAY, 0.1, ROOT, 0, 0, longline);
	rec_add(&r, REC_SAY, 0.2, 4001, 0, 0, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
						  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
						  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
						  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
						  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
						  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
						  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
						  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
						  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
						  "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac");
	struct text x;
	draw(&x, TIMELINE, &r, &UTF8_80);
	assert_fits(&x, 80);
	assert_valid_utf8(&x);
	/* Two columns of 36: 35 columns of text, the last one the ellipsis. */
	const char *l = find_line(&x, "xxx");
	assert_int_equal(cols(l), 8 + 35);
	assert_string_equal(l + strlen(l) - 3, "\u2026");
	/* The last column may run to the edge: 36 columns. */
	l = find_line(&x, "\u20ac");
	assert_int_equal(column_of(l, "\u20ac"), 8 + 36);
	assert_int_equal(cols(l), 80);
	assert_string_equal(l + strlen(l) - 3, "\u2026");
	text_free(&x);

	draw(&x, TIMELINE, &r, &ASCII_80);
	assert_ascii(&x);
	l = find_line(&x, "xxx");
	assert_int_equal(cols(l), 8 + 35);
	assert_string_equal(l + strlen(l) - 4, "x...");
	l = find_line(&x, "???");
	assert_int_equal(cols(l), 80);
	text_free(&x);
	rec_free(&r);
}

static void test_timeline_words(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_FORK, 0.1, ROOT, 4001, 0, NULL);
	rec_add(&r, REC_EXEC, 0.2, 4001, 0, 0, "hello 2");
	rec_add(&r, REC_SAY, 0.3, 4001, 0, 0, "Hello from child 4001 2");
	rec_add(&r, REC_EXIT, 0.4, 4001, 0, 3 << 8, NULL);
	rec_add(&r, REC_EXIT, 0.5, ROOT, 0, SIGTERM, NULL);
	struct text x;
	draw(&x, TIMELINE, &r, &ASCII_80);
	/* Two columns of 36: the child's starts at 8 + 36. */
	char want[128];
	assert_string_equal(x.line[3], "0.100s  fork -> 4001");
	snprintf(want, sizeof want, "%-44s%s", "0.200s", "exec: hello 2");
	assert_string_equal(x.line[4], want);
	snprintf(want, sizeof want, "%-44s%s", "0.300s", "Hello from child 4001 2");
	assert_string_equal(x.line[5], want);
	snprintf(want, sizeof want, "%-44s%s", "0.400s", "exit 3");
	assert_string_equal(x.line[6], want);
	assert_string_equal(x.line[7], "0.500s  killed by SIGTERM");
	text_free(&x);
	rec_free(&r);
}

/* With colour, each process's text is wrapped in its colour, and the
 * picture without the escapes is exactly the picture drawn without
 * colour: the escapes take no room in the layout. */
static void test_colour(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 10, 3);
	for (int which = TREE; which <= TIMELINE; which++) {
		for (int width = 40; width <= 80; width += 40) {
			struct draw_opts plain = { .width = width, .utf8 = 1, .stable_pids = 1 };
			struct draw_opts colour = plain;
			colour.color = 1;
			struct text x, y;
			draw(&x, (enum picture)which, &r, &plain);
			draw(&y, (enum picture)which, &r, &colour);
			assert_int_equal(x.n, y.n);
			assert_fits(&y, width);
			size_t escapes = 0;
			for (size_t i = 0; i < y.n; i++) {
				escapes += strstr(y.line[i], "\033[") != NULL;
				strip_escapes(y.line[i]);
				assert_string_equal(y.line[i], x.line[i]);
			}
			assert_true(escapes > 0);
			text_free(&x);
			text_free(&y);
		}
	}
	/* One process keeps one colour; a neighbour has another. */
	struct text y;
	struct draw_opts colour = { .width = 80, .utf8 = 1, .color = 1 };
	draw(&y, TIMELINE, &r, &colour);
	const char *a = find_line(&y, "[4001] => 0"), *b = find_line(&y, "[4001] => 2");
	const char *c = find_line(&y, "[4002] => 0");
	a = strstr(a, "\033["), b = strstr(b, "\033["), c = strstr(c, "\033[");
	assert_non_null(a);
	assert_memory_equal(a, b, 5);
	assert_memory_not_equal(a, c, 5);
	assert_non_null(strstr(find_line(&y, "[4001] => 0"), "[4001] => 0\033[0m"));
	text_free(&y);
	draw(&y, TREE, &r, &colour);
	assert_non_null(strstr(y.line[1], "4000\033[0m  exited 0"));
	text_free(&y);
	rec_free(&r);
}

/* Both pictures fit 80 and 40 columns for every lesson-shaped recording. */
static void test_everything_fits(void **state)
{
	(void)state;
	struct recording recs[4];
	fork_lesson(&recs[0]);
	counter_lesson(&recs[1], 10, 3);
	noexit_lesson(&recs[2]);
	counter_lesson(&recs[3], 500, 2);
	for (size_t i = 0; i < 4; i++) {
		for (int width = 40; width <= 80; width += 40)
			for (int bits = 0; bits < 8; bits++) {
				struct draw_opts o = { width, bits & 1, !!(bits & 2), !!(bits & 4) };
				struct text x;
				draw(&x, TREE, &recs[i], &o);
				assert_fits(&x, width);
				text_free(&x);
				draw(&x, TIMELINE, &recs[i], &o);
				assert_fits(&x, width);
				if (!o.utf8 && !o.color)
					assert_ascii(&x);
				text_free(&x);
			}
		rec_free(&recs[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_copies_and_grows),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_tree_fork_lesson),
		cmocka_unit_test(test_tree_counter_reparented),
		cmocka_unit_test(test_tree_noexit_doubling),
		cmocka_unit_test(test_tree_exec_and_endings),
		cmocka_unit_test(test_unseen_endings),
		cmocka_unit_test(test_tree_summary_line),
		cmocka_unit_test(test_tree_summary_counts_grandchildren),
		cmocka_unit_test(test_tree_500_children),
		cmocka_unit_test(test_tree_extra_roots),
		cmocka_unit_test(test_tree_pid_reuse),
		cmocka_unit_test(test_empty_recording),
		cmocka_unit_test(test_tree_long_text),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_timeline_fork_lesson),
		cmocka_unit_test(test_timeline_columns),
		cmocka_unit_test(test_timeline_time_order),
		cmocka_unit_test(test_timeline_others),
		cmocka_unit_test(test_timeline_long_labels),
		cmocka_unit_test(test_timeline_500_children),
		cmocka_unit_test(test_timeline_cut),
		cmocka_unit_test(test_timeline_words),
		cmocka_unit_test(test_colour),
		cmocka_unit_test(test_everything_fits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
