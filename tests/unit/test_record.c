/* test_record.c - unit tests for the record (lessons/record.c) and the
 * pictures drawn from it: the tree (tree.c), the timeline with lifelines
 * (timeline.c), the SVG (svg.c) and the JSON (json.c).
 *
 * Every picture is drawn from a made-up record, so the facts are known:
 * the tests check that the pictures say them (an exit at its own time and
 * a reap at another, the zombie between them, who reaped whom, a failed
 * exec as failed, a re-parenting at its moment), that nothing is cut at
 * any width, that --stable-pids leaves no real PID anywhere, that colour
 * escapes take no room, and that SVG and JSON are complete and escaped.
 * The engine's side of an exec's witness (lessons/collect.c) is fed by
 * hand too: an exec cut short by quitting the lesson is recorded, and
 * drawn, as not known, never as a success.
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
#include <time.h>

#include <sys/wait.h>
#include <unistd.h>

#include "../../lessons/collect.h"
#include "../../lessons/pictures.h"
#include "../../lessons/wire.h"
#include "../../shell/util.h"

/* ---- capturing and measuring ---- */

enum picture { TREE, TIMELINE, SVG, JSON };

/* The picture as one string (the caller frees it). */
__attribute__((noinline)) static char *draw(enum picture which, const struct recording *r, const struct draw_opts *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	switch (which) {
	case TREE: draw_tree(f, r, o); break;
	case TIMELINE: draw_timeline(f, r, o); break;
	case SVG: assert_int_equal(write_svg(f, r, o), 0); break;
	case JSON: assert_int_equal(write_json(f, r), 0); break;
	}
	fclose(f);
	return buf;
}

/* The columns s[0..len) takes on a terminal: a UTF-8 continuation byte and
 * an ANSI escape sequence take none. */
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

/* Every line of text takes at most width columns. */
static void assert_fits(const char *text, int width)
{
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		if (cols_n(p, len) > width)
			fail_msg("a line takes %d columns, more than %d: \"%.*s\"", cols_n(p, len), width, (int)len, p);
		p += len + (p[len] == '\n');
	}
}

/* The line holding needle (a new string), or NULL. */
static char *line_with(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	if (!at)
		return NULL;
	const char *start = at;
	while (start > text && start[-1] != '\n')
		start--;
	size_t len = strcspn(start, "\n");
	char *line = malloc(len + 1);
	memcpy(line, start, len);
	line[len] = '\0';
	return line;
}

static void assert_has(const char *text, const char *needle)
{
	if (!strstr(text, needle))
		fail_msg("no \"%s\" in:\n%s", needle, text);
}

static void assert_lacks(const char *text, const char *needle)
{
	if (strstr(text, needle))
		fail_msg("unexpected \"%s\" in:\n%s", needle, text);
}

/* Remove ANSI escapes from s in place. */
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

/* Remove every newline and the spaces after it: wrapped text read as one. */
static void unwrap(char *s)
{
	char *w = s;
	for (char *p = s; *p;) {
		if (*p == '\n') {
			*w++ = ' ';
			p++;
			while (*p == ' ')
				p++;
			continue;
		}
		*w++ = *p++;
	}
	*w = '\0';
}

/* ---- made-up records ---- */

#define SHELL 3999
#define ROOT 4000

static void rec_start(struct recording *r)
{
	memset(r, 0, sizeof *r);
	r->root = ROOT;
	r->shell = SHELL;
	rec_add(r, REC_FORK, 0, SHELL, ROOT, 0, NULL);
}

/* The fork lesson: three children that each say hello and _exit at once,
 * then a root that never waits: the children stay zombies until it ends,
 * are re-parented to forksh then, and forksh reaps them. */
static void fork_lesson(struct recording *r)
{
	char line[64];
	rec_start(r);
	for (int i = 0; i < 3; i++) {
		double t = 0.1 + i;
		pid_t kid = ROOT + 1 + i;
		rec_add(r, REC_FORK, t, ROOT, kid, 0, NULL);
		snprintf(line, sizeof line, "Hello from parent %d %d", ROOT, kid);
		rec_add(r, REC_SAY, t, ROOT, 0, 1, line);
		snprintf(line, sizeof line, "Hello from child %d", kid);
		rec_add(r, REC_SAY, t + 0.001, kid, 0, 1, line);
		rec_add(r, REC_EXIT, t + 0.002, kid, 0, 0, NULL);
	}
	rec_add(r, REC_EXIT, 3.5, ROOT, 0, 0, NULL);
	for (int i = 0; i < 3; i++)
		rec_add(r, REC_REPARENT, 3.5, ROOT + 1 + i, SHELL, 0, NULL);
	rec_add(r, REC_REAP, 3.501, SHELL, ROOT, 0, NULL);
	for (int i = 0; i < 3; i++)
		rec_add(r, REC_REAP, 3.502, SHELL, ROOT + 1 + i, 0, NULL);
}

/* The counter lesson with kids children counting to count, re-parented
 * to forksh when the root exits at once, each reaped by forksh. */
static void counter_lesson(struct recording *r, int kids, int count)
{
	char line[64];
	rec_start(r);
	double t = 0.001;
	for (int k = 0; k < kids; k++, t += 0.001) {
		rec_add(r, REC_FORK, t, ROOT, ROOT + 1 + k, 0, NULL);
		snprintf(line, sizeof line, "Process %d spawned", ROOT + 1 + k);
		rec_add(r, REC_SAY, t, ROOT, 0, 1, line);
	}
	rec_add(r, REC_EXIT, t, ROOT, 0, 0, NULL);
	for (int k = 0; k < kids; k++)
		rec_add(r, REC_REPARENT, t, ROOT + 1 + k, SHELL, 0, NULL);
	rec_add(r, REC_REAP, t + 0.0001, SHELL, ROOT, 0, NULL);
	for (int i = 0; i < count; i++)
		for (int k = 0; k < kids; k++) {
			snprintf(line, sizeof line, "[%d] => %d", ROOT + 1 + k, i);
			rec_add(r, REC_SAY, 1.0 + i + 0.0001 * k, ROOT + 1 + k, 0, 1, line);
		}
	for (int k = 0; k < kids; k++) {
		rec_add(r, REC_EXIT, count + 0.5 + 0.0001 * k, ROOT + 1 + k, 0, 0, NULL);
		rec_add(r, REC_REAP, count + 0.6 + 0.0001 * k, SHELL, ROOT + 1 + k, 0, NULL);
	}
}

static const struct draw_opts ASCII_80 = { .width = 80 };
static const struct draw_opts UTF8_80 = { .width = 80, .utf8 = 1 };

/* ---- the record ---- */

static void test_add_copies_and_grows(void **state)
{
	(void)state;
	struct recording r;
	memset(&r, 0, sizeof r);
	char said[] = "original";
	rec_add(&r, REC_SAY, 0.5, 7, 0, 1, said);
	said[0] = 'X';
	assert_string_equal(r.v[0].text, "original");
	for (int i = 0; i < 1000; i++)
		rec_add(&r, REC_FORK, i, 7, 100 + i, 0, NULL);
	assert_int_equal(r.n, 1001);
	assert_int_equal(r.v[1000].other, 1099);
	assert_string_equal(r.v[0].text, "original");
	assert_int_equal(rec_alias(&r, 1099), 1001);
	rec_free(&r);
	assert_null(r.v);
	assert_int_equal(rec_alias(&r, 7), -1);
	rec_add(&r, REC_SAY, 0, 1, 0, 1, "again");
	assert_int_equal(rec_alias(&r, 1), 1);
	rec_free(&r);
}

/* Aliases in order of first appearance; forksh is P0 without counting. */
static void test_aliases(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	assert_int_equal(rec_alias(&r, SHELL), 0);
	assert_int_equal(rec_alias(&r, ROOT), 1);
	rec_add(&r, REC_FORK, 0, ROOT, 300, 0, NULL);
	rec_add(&r, REC_SAY, 0, 700, 0, 1, "a stranger");
	rec_add(&r, REC_REAP, 1, SHELL, 300, 0, NULL);
	assert_int_equal(rec_alias(&r, 300), 2);
	assert_int_equal(rec_alias(&r, 700), 3);
	assert_int_equal(rec_alias(&r, 12345), -1);
	rec_free(&r);
}

/* PIDs inside text become aliases only as whole numbers. */
static void test_subst_pids(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_FORK, 0, ROOT, 4001, 0, NULL);
	struct strbuf sb;
	sb_init(&sb);
	rec_subst_pids(&r, "[4001] => 4000, parent 3999; 4001.5 x4001 4001x 40011 4001_ 14001 4001", &sb);
	assert_string_equal(sb.buf, "[P2] => P1, parent P0; 4001.5 x4001 4001x 40011 4001_ 14001 P2");
	sb_free(&sb);
	rec_free(&r);
}

/* The per-process view keeps the facts apart: exit, reap, re-parenting. */
static void test_view_facts(void **state)
{
	(void)state;
	struct recording r;
	fork_lesson(&r);
	struct rec_view v;
	rec_view_build(&v, &r);
	assert_int_equal(v.n, 4);
	const struct rec_proc *kid = &v.p[rec_view_find(&v, ROOT + 1)];
	assert_true(kid->ended && kid->reaped && kid->moved);
	assert_true(kid->end_t < 0.2);
	assert_true(kid->reap_t > 3.5);
	assert_int_equal(kid->reaper, SHELL);
	assert_int_equal(kid->new_parent, SHELL);
	assert_int_equal(v.p[kid->parent].pid, ROOT);
	rec_view_free(&v);
	rec_free(&r);
}

/* ---- the tree ---- */

static void test_tree_fork_lesson(void **state)
{
	(void)state;
	struct recording r;
	fork_lesson(&r);
	struct draw_opts o = { .width = 200 };
	char *t = draw(TREE, &r, &o);
	assert_string_equal(t,
		"Process tree (4 processes; forksh is 3999):\n"
		"4000  exited 0 at 3.500s; reaped by forksh at 3.501s (a zombie for 0.001s)\n"
		"|- 4001  exited 0 at 0.102s; re-parented to forksh at 3.500s; reaped by forksh at 3.502s (a zombie for 3.400s)\n"
		"|- 4002  exited 0 at 1.102s; re-parented to forksh at 3.500s; reaped by forksh at 3.502s (a zombie for 2.400s)\n"
		"`- 4003  exited 0 at 2.102s; re-parented to forksh at 3.500s; reaped by forksh at 3.502s (a zombie for 1.400s)\n");
	free(t);
	rec_free(&r);
}

/* Text after the branches of each line, the lines joined by one space:
 * the tree read back without its wrapping (ASCII branches). */
static char *tree_words(const char *t)
{
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = t; *p;) {
		size_t len = strcspn(p, "\n");
		size_t skip = strspn(p, " |`-");
		if (sb.len)
			sb_addc(&sb, ' ');
		sb_addn(&sb, p + skip, len - skip);
		p += len + (p[len] == '\n');
	}
	sb_addn(&sb, "", 0);
	return sb_steal(&sb);
}

/* Narrow: wrapped, with the branches going on; every word still there. */
static void test_tree_wraps_never_cuts(void **state)
{
	(void)state;
	struct recording r;
	fork_lesson(&r);
	rec_add(&r, REC_EXEC, 0.2, ROOT + 2, 0, 0, "a-rather-long-program-name with-a-flag and arguments that go on");
	for (int width = 40; width <= 80; width += 40) {
		struct draw_opts o = { .width = width };
		char *t = draw(TREE, &r, &o);
		assert_fits(t, width);
		assert_true(strstr(t, "\n|     ") != NULL); /* continued under a branch */
		char *flat = tree_words(t);
		assert_has(flat, "4002  ran a-rather-long-program-name with-a-flag and arguments that go on; "
				 "exited 0 at 1.102s; re-parented to forksh at 3.500s; reaped by forksh at 3.502s "
				 "(a zombie for 2.400s)");
		free(flat);
		free(t);
	}
	rec_free(&r);
}

/* A failed exec reads as failed; a killed process as killed; a process
 * that ended but nobody reaped as a zombie still. */
static void test_tree_endings(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_FORK, 0.1, ROOT, 4001, 0, NULL);
	rec_add(&r, REC_EXEC_FAIL, 0.1, 4001, 0, 2, "no-such-program");
	rec_add(&r, REC_EXIT, 0.2, 4001, 0, 127 << 8, NULL);
	rec_add(&r, REC_REAP, 0.3, ROOT, 4001, 127 << 8, NULL);
	rec_add(&r, REC_FORK, 0.4, ROOT, 4002, 0, NULL);
	rec_add(&r, REC_REAP, 0.5, ROOT, 4002, SIGKILL, NULL);
	rec_add(&r, REC_FORK, 0.6, ROOT, 4003, 0, NULL);
	rec_add(&r, REC_EXIT, 0.7, 4003, 0, 0, NULL);
	struct draw_opts o = { .width = 200 };
	char *t = draw(TREE, &r, &o);
	assert_has(t, "4001  exec no-such-program failed (No such file or directory); exited 127 at 0.200s; "
		      "reaped by 4000 at 0.300s (a zombie for 0.100s)\n");
	assert_lacks(t, "ran no-such-program");
	assert_has(t, "4002  killed by SIGKILL at 0.500s; reaped by 4000 at 0.500s\n");
	assert_has(t, "4003  exited 0 at 0.700s; not reaped: still a zombie\n");
	assert_has(t, "4000  still running\n");
	free(t);
	rec_free(&r);
}

static void test_tree_500_children(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 500, 2);
	struct draw_opts o = { .width = 80, .utf8 = 1, .stable_pids = 1 };
	char *t = draw(TREE, &r, &o);
	assert_fits(t, 80);
	char *flat = xstrdup(t);
	unwrap(flat);
	assert_has(flat, "494 more children (all 494 exited 0, reaped by forksh), ended between 2.501s and 2.550s");
	free(flat);
	free(t);
	rec_free(&r);
}

/* ---- the timeline ---- */

static void test_timeline_fork_lesson(void **state)
{
	(void)state;
	struct recording r;
	fork_lesson(&r);
	char *t = draw(TIMELINE, &r, &ASCII_80);
	assert_fits(t, 80);
	/* Each child's exit at its own time, then a zombie (':') until its
	 * reap; the re-parenting at the root's exit, with forksh. */
	char *l = line_with(t, "4001 exited 0");
	assert_string_equal(l, "0.102s | | x      4001 exited 0");
	free(l);
	l = line_with(t, "Hello from parent 4000 4002");
	assert_string_equal(l, "1.100s | * : |    4000: Hello from parent 4000 4002");
	free(l);
	l = line_with(t, "4002 re-parented");
	assert_string_equal(l, "3.500s +.:.:.~ :  4002 re-parented to forksh");
	free(l);
	l = line_with(t, "forksh reaped 4003");
	assert_string_equal(l, "3.502s +=======#  forksh reaped 4003 (exited 0)");
	free(l);
	assert_has(t, "Lifelines, left to right: forksh 3999 4000 4001 4002 4003\n");
	free(t);
	rec_free(&r);
}

/* The part of line from display column col on. */
static const char *from_col(const char *line, int col)
{
	const char *p = line;
	for (int c = 0; *p && c < col; p++)
		if (((unsigned char)p[1] & 0xC0) != 0x80)
			c++;
	return p;
}

/* A line too long for the text column is wrapped, the lifelines going on
 * beside it: every character is there, at any width. */
static void test_timeline_never_cuts(void **state)
{
	(void)state;
	struct recording r;
	char longline[300];
	for (size_t i = 0; i < sizeof longline - 1; i++)
		longline[i] = (char)('a' + i % 26);
	longline[sizeof longline - 1] = '\0';
	fork_lesson(&r);
	rec_add(&r, REC_SAY, 0.5, ROOT + 1, 0, 1, longline);
	for (int width = 40; width <= 200; width += 80) {
		struct draw_opts o = { .width = width, .utf8 = 1 };
		char *t = draw(TIMELINE, &r, &o);
		assert_fits(t, width);
		const char *row = strstr(t, "4001: abc");
		while (row > t && row[-1] != '\n')
			row--;
		int col = cols_n(row, (size_t)(strstr(row, "4001: ") - row));
		char got[400] = "";
		for (int k = 0; *row && (k == 0 || row[0] == ' '); k++) {
			size_t len = strcspn(row, "\n");
			const char *text = from_col(row, col + (k == 0 ? 6 : 0));
			strncat(got, text, (size_t)(row + len - text));
			row += len + (row[len] == '\n');
		}
		assert_string_equal(got, longline);
		free(t);
	}
	rec_free(&r);
}

/* A failed exec has its own mark and words; a success only when it was. */
static void test_timeline_exec_marks(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_FORK, 0.1, ROOT, 4001, 0, NULL);
	rec_add(&r, REC_EXEC_FAIL, 0.2, 4001, 0, 2, "bare-name");
	rec_add(&r, REC_FORK, 0.3, ROOT, 4002, 0, NULL);
	rec_add(&r, REC_EXEC, 0.4, 4002, 0, 0, "forksh-hello 1");
	char *t = draw(TIMELINE, &r, &ASCII_80);
	char *l = line_with(t, "bare-name");
	assert_string_equal(l, "0.200s | | !    4001 exec bare-name failed: No such file or directory");
	free(l);
	l = line_with(t, "forksh-hello");
	assert_string_equal(l, "0.400s | | | E  4002 exec: forksh-hello 1");
	free(l);
	free(t);
	rec_free(&r);
}

/* Up to 16 processes: every event; above: a summary; forced either way;
 * off: nothing. */
static void test_timeline_modes(void **state)
{
	(void)state;
	struct recording small, big;
	counter_lesson(&small, 15, 2);
	counter_lesson(&big, 16, 2);
	assert_int_equal(timeline_mode(&small, TL_AUTO), TL_FULL);
	assert_int_equal(timeline_mode(&big, TL_AUTO), TL_SUMMARY);
	assert_int_equal(timeline_mode(&big, TL_FULL), TL_FULL);
	char *t = draw(TIMELINE, &big, &UTF8_80);
	assert_has(t, "Timeline, summed up (17 processes, ");
	assert_has(t, "17 forks (4000\u20264016)");
	assert_has(t, "16 re-parented to forksh");
	assert_fits(t, 80);
	free(t);
	struct draw_opts o = UTF8_80;
	o.timeline = TL_FULL;
	t = draw(TIMELINE, &big, &o);
	assert_has(t, "4016: [4016] => 1");
	free(t);
	o.timeline = TL_OFF;
	t = draw(TIMELINE, &big, &o);
	assert_string_equal(t, "");
	free(t);
	rec_free(&small);
	rec_free(&big);
}

/* The whole width is used: at 200 columns no row wraps and more lifelines
 * fit than at 80 (more than 16 processes, forced full). */
static void test_timeline_whole_width(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 40, 1);
	struct draw_opts o = { .width = 200, .utf8 = 0, .timeline = TL_FULL };
	char *t = draw(TIMELINE, &r, &o);
	assert_fits(t, 200);
	assert_lacks(t, "without a lifeline"); /* all 41 and forksh's fit */
	char *l = line_with(t, "4040: [4040] => 0");
	assert_int_equal(strlen(l), 7 + 2 * 42 + 1 + strlen("4040: [4040] => 0"));
	free(l);
	free(t);
	o.width = 80;
	t = draw(TIMELINE, &r, &o);
	assert_fits(t, 80);
	assert_has(t, "more without a lifeline");
	assert_has(t, "4040: [4040] => 0"); /* still listed, by PID */
	free(t);
	rec_free(&r);
}

/* ---- colours and stable PIDs ---- */

static void test_colour(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 4, 2);
	for (int which = TREE; which <= TIMELINE; which++) {
		struct draw_opts plain = { .width = 80, .utf8 = 1 }, colour = plain;
		colour.color = 1;
		char *x = draw((enum picture)which, &r, &plain), *y = draw((enum picture)which, &r, &colour);
		assert_non_null(strstr(y, "\033[38;5;"));
		assert_fits(y, 80);
		strip_escapes(y);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
	/* Projector-safe: none of yellow (33, 93, 256-colour 11, 226...) or
	 * dark blue (34, 4, 18...); and the same colours in the SVG. */
	for (pid_t p = 0; p < 6; p++) {
		int c = pid_ansi256(p);
		assert_true(c != 3 && c != 4 && c != 11 && c != 18 && c != 19 && c != 226);
		const char *hex = pid_hex(p);
		unsigned rgb;
		assert_int_equal(sscanf(hex, "#%6x", &rgb), 1);
		int R = (int)(rgb >> 16), G = (int)(rgb >> 8 & 0xff), B = (int)(rgb & 0xff);
		assert_false(R > 150 && G > 150 && B < 100); /* no yellow */
		assert_false(B > 100 && R < 60 && G < 60);   /* no dark blue */
	}
	rec_free(&r);
}

/* --stable-pids: no real PID anywhere, in lines either. */
static void test_stable_pids_everywhere(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 3, 2);
	rec_add(&r, REC_SAY, 9, ROOT + 1, 0, 1, "my parent is now 3999");
	struct draw_opts o = { .width = 80, .utf8 = 1, .stable_pids = 1, .timeline = TL_FULL };
	for (int which = TREE; which <= SVG; which++) {
		char *t = draw((enum picture)which, &r, &o);
		for (pid_t p = SHELL; p <= ROOT + 3; p++) {
			char pid[16];
			snprintf(pid, sizeof pid, "%d", p);
			assert_lacks(t, pid);
		}
		if (which == TIMELINE) {
			assert_has(t, "P2: [P2] => 1");
			assert_has(t, "P2: my parent is now P0");
			assert_has(t, "P1 forked P2");
		}
		free(t);
	}
	rec_free(&r);
}

/* ---- SVG and JSON ---- */

static void test_svg(void **state)
{
	(void)state;
	struct recording r;
	fork_lesson(&r);
	rec_add(&r, REC_SAY, 4, ROOT + 1, 0, 1, "<b>&\"quoted\"</b>");
	r.title = xstrdup("lesson fork & friends");
	struct draw_opts o = { .width = 80, .utf8 = 1, .color = 0 };
	char *s = draw(SVG, &r, &o);
	assert_true(strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44) == 0);
	assert_has(s, "width=\"1920\"");
	assert_has(s, "&lt;b&gt;&amp;&quot;quoted&quot;&lt;/b&gt;");
	assert_has(s, "lesson fork &amp; friends");
	assert_lacks(s, "<script");
	assert_lacks(s, "href");
	assert_lacks(s, "\033");
	assert_has(s, pid_hex(ROOT));  /* the palette's colours */
	assert_has(s, "stroke-dasharray=\"3 4\""); /* a zombie interval */
	assert_true(strlen(s) > 2000 && strcmp(s + strlen(s) - 7, "</svg>\n") == 0);
	free(s);
	free(r.title);
	r.title = NULL;
	rec_free(&r);
}

/* A 500-child counter's SVG is written well within a second. */
static void test_svg_500_is_quick(void **state)
{
	(void)state;
	struct recording r;
	counter_lesson(&r, 500, 3);
	struct draw_opts o = { .width = 80, .utf8 = 1 };
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	char *s = draw(SVG, &r, &o);
	clock_gettime(CLOCK_MONOTONIC, &b);
	double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("# SVG of a 500-child counter record: %zu bytes in %.3f s\n", strlen(s), secs);
	assert_has(s, "Timeline, summed up");
	free(s);
	rec_free(&r);
}

static void test_json(void **state)
{
	(void)state;
	struct recording r;
	memset(&r, 0, sizeof r);
	r.root = 10;
	r.shell = 9;
	rec_add(&r, REC_FORK, 0, 9, 10, 0, NULL);
	rec_add(&r, REC_FORK, 0.25, 10, 11, 0, NULL);
	rec_add(&r, REC_EXEC_FAIL, 0.5, 11, 0, 2, "nope");
	rec_add(&r, REC_SAY, 0.5, 11, 0, 2, "tab\there \"q\" \x01 bad\xff \xe2\x82\xac");
	rec_add(&r, REC_EXIT, 0.75, 11, 0, 127 << 8, NULL);
	rec_add(&r, REC_REAP, 1, 10, 11, 127 << 8, NULL);
	rec_add(&r, REC_REPARENT, 1, 12, 9, 0, NULL);
	rec_add(&r, REC_REAP, 1.5, 9, 10, SIGKILL, NULL);
	char *j = draw(JSON, &r, NULL);
	assert_string_equal(j,
		"{\n  \"format\": \"forksh-record\",\n  \"version\": 1,\n  \"title\": null,\n"
		"  \"shell\": 9,\n  \"root\": 10,\n  \"processes\": [\n"
		"    {\"pid\": 10, \"pid_alias\": \"P1\", \"parent\": 9, \"born\": 0.000000, \"command\": null, "
		"\"ended\": 1.500000, \"status\": {\"wait_status\": 9, \"signal\": 9, \"signal_name\": \"SIGKILL\", "
		"\"core_dumped\": false}, \"reaped\": 1.500000, \"reaper\": 9, \"lines\": 0, \"threads\": 0},\n"
		"    {\"pid\": 11, \"pid_alias\": \"P2\", \"parent\": 10, \"born\": 0.250000, \"command\": null, "
		"\"ended\": 0.750000, \"status\": {\"wait_status\": 32512, \"exited\": 127}, \"reaped\": 1.000000, "
		"\"reaper\": 10, \"lines\": 1, \"threads\": 0},\n"
		"    {\"pid\": 12, \"pid_alias\": \"P3\", \"parent\": null, \"born\": 1.000000, \"command\": null, "
		"\"ended\": null, \"status\": null, \"reaped\": null, \"reaper\": null, \"lines\": 0, \"threads\": 0}\n"
		"  ],\n  \"events\": [\n"
		"    {\"t\": 0.000000, \"kind\": \"fork\", \"pid\": 9, \"pid_alias\": \"P0\", \"child\": 10, \"child_alias\": \"P1\"},\n"
		"    {\"t\": 0.250000, \"kind\": \"fork\", \"pid\": 10, \"pid_alias\": \"P1\", \"child\": 11, \"child_alias\": \"P2\"},\n"
		"    {\"t\": 0.500000, \"kind\": \"exec_failed\", \"pid\": 11, \"pid_alias\": \"P2\", \"command\": \"nope\", "
		"\"errno\": 2, \"error\": \"ENOENT\"},\n"
		"    {\"t\": 0.500000, \"kind\": \"line\", \"pid\": 11, \"pid_alias\": \"P2\", \"stream\": 2, "
		"\"text\": \"tab\\there \\\"q\\\" \\u0001 bad\\ufffd \xe2\x82\xac\"},\n"
		"    {\"t\": 0.750000, \"kind\": \"exit\", \"pid\": 11, \"pid_alias\": \"P2\", "
		"\"status\": {\"wait_status\": 32512, \"exited\": 127}},\n"
		"    {\"t\": 1.000000, \"kind\": \"reap\", \"pid\": 10, \"pid_alias\": \"P1\", \"child\": 11, "
		"\"child_alias\": \"P2\", \"status\": {\"wait_status\": 32512, \"exited\": 127}},\n"
		"    {\"t\": 1.000000, \"kind\": \"reparent\", \"pid\": 12, \"pid_alias\": \"P3\", \"parent\": 9, "
		"\"parent_alias\": \"P0\"},\n"
		"    {\"t\": 1.500000, \"kind\": \"reap\", \"pid\": 9, \"pid_alias\": \"P0\", \"child\": 10, "
		"\"child_alias\": \"P1\", \"status\": {\"wait_status\": 9, \"signal\": 9, \"signal_name\": \"SIGKILL\", "
		"\"core_dumped\": false}}\n"
		"  ]\n}\n");
	free(j);
	rec_free(&r);
}

/* ---- an exec's witness, as the engine reads it (collect.c) ---- */

/* A run that nothing real runs in: forksh SHELL, its lesson main ROOT,
 * which forked 4001; 4001 is about to exec "forksh-hello 1" and its
 * witness pipe reached the engine (an 'E' record carrying the read end).
 * The write end is returned: closing it is what an exec, or a death, does. */
static int witnessed_run(struct live_run *run)
{
	memset(run, 0, sizeof *run);
	run->rec_fd = run->key_fd = run->out_fd[0] = run->out_fd[1] = -1;
	run->rec.shell = SHELL;
	run->rec.root = ROOT;
	collect_forked(run, ROOT, SHELL, 0, NULL);
	collect_forked(run, 4001, ROOT, 0.1, NULL);
	int p[2];
	assert_int_equal(pipe(p), 0);
	char buf[64];
	int n = snprintf(buf, sizeof buf, "E 4001 0 0.2 0 forksh-hello 1");
	collect_record(run, buf, (size_t)n, p[0]);
	assert_int_equal(run->nwit, 1);
	return p[1];
}

/* How many events of kind k the run recorded. */
static size_t count_kind(const struct live_run *run, enum rec_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < run->rec.n; i++)
		n += run->rec.v[i].kind == k;
	return n;
}

/* The user quit while 4001 was in the middle of its exec: the engine
 * killed the run, the pipe closed, and nothing else says the new program
 * ever ran.  The record says "not known", every picture too; before the
 * fix it said "exec forksh-hello 1" (a success nobody saw). */
static void test_quit_mid_exec_not_known(void **state)
{
	(void)state;
	struct live_run run;
	int w = witnessed_run(&run);
	run.quit = run.killed = 1;
	close(w); /* the SIGKILL closes it, exec or not */
	collect_shell_reaped(&run, 4001, SIGKILL, 0.3);
	assert_int_equal(count_kind(&run, REC_EXEC), 0);
	assert_int_equal(count_kind(&run, REC_EXEC_UNKNOWN), 1);
	assert_int_equal(run.nwit, 0); /* the pipe is closed and forgotten */
	char *t = draw(TREE, &run.rec, &ASCII_80);
	unwrap(t);
	assert_has(t, "exec of forksh-hello 1: not known (the lesson was stopped)");
	assert_lacks(t, "ran forksh-hello");
	free(t);
	t = draw(TIMELINE, &run.rec, &ASCII_80);
	char *l = line_with(t, "forksh-hello");
	assert_string_equal(l, "0.200s | | ?  4001 exec of forksh-hello 1: not known (the lesson was stopped)");
	free(l);
	assert_has(t, "? exec not known");
	free(t);
	t = draw(SVG, &run.rec, &ASCII_80);
	assert_has(t, "exec not known");
	assert_has(t, "stroke-dasharray=\"2 2\"");
	free(t);
	t = draw(JSON, &run.rec, NULL);
	assert_has(t, "\"kind\": \"exec_unknown\", \"pid\": 4001, \"pid_alias\": \"P2\", \"command\": \"forksh-hello 1\"}");
	assert_lacks(t, "\"kind\": \"exec\",");
	assert_has(t, "{\"pid\": 4001, \"pid_alias\": \"P2\", \"parent\": 4000, \"born\": 0.100000, \"command\": null,");
	free(t);
	live_free(&run);
}

/* What still proves the exec after a quit, and the normal path: a closed
 * witness of a run nobody stopped is a success, as always; after the
 * kill, the new program's own announcement or its own exit status are. */
static void test_exec_seen_despite_quit(void **state)
{
	(void)state;
	struct live_run run;
	int w = witnessed_run(&run); /* not stopped: EOF is the exec */
	close(w);
	collect_poll(&run);
	assert_int_equal(count_kind(&run, REC_EXEC), 1);
	assert_int_equal(count_kind(&run, REC_EXEC_UNKNOWN), 0);
	live_free(&run);

	w = witnessed_run(&run); /* stopped, but it announced itself first */
	run.killed = 1;
	char buf[64];
	int n = snprintf(buf, sizeof buf, "A 4001 4000 0.25 %d forksh-hello 1", WIRE_A_SELF);
	close(w);
	collect_record(&run, buf, (size_t)n, -1);
	collect_shell_reaped(&run, 4001, SIGKILL, 0.3);
	assert_int_equal(count_kind(&run, REC_EXEC), 1);
	assert_int_equal(count_kind(&run, REC_EXEC_UNKNOWN), 0);
	live_free(&run);

	w = witnessed_run(&run); /* about its parent: no proof of 4001's exec */
	run.killed = 1;
	n = snprintf(buf, sizeof buf, "A 4001 4000 0.25 0 forksh");
	close(w);
	collect_record(&run, buf, (size_t)n, -1);
	collect_shell_reaped(&run, 4001, SIGKILL, 0.3);
	assert_int_equal(count_kind(&run, REC_EXEC_UNKNOWN), 1);
	live_free(&run);

	w = witnessed_run(&run); /* stopped, but it had exited 0 on its own */
	run.killed = 1;
	close(w);
	collect_shell_reaped(&run, 4001, 0, 0.3);
	assert_int_equal(count_kind(&run, REC_EXEC), 1);
	assert_int_equal(count_kind(&run, REC_EXEC_UNKNOWN), 0);
	live_free(&run);
}

/* Text from a process cannot break a picture. */
static void test_hostile_text(void **state)
{
	(void)state;
	struct recording r;
	rec_start(&r);
	rec_add(&r, REC_EXEC, 0, ROOT, 0, 0, "a\033[2Jb\rc\td\xff\xc2\x9b" "e\n");
	rec_add(&r, REC_SAY, 0, ROOT, 0, 1, "x\033]0;title\ay\n");
	char *t = draw(TREE, &r, &UTF8_80);
	assert_has(t, "ran a?[2Jb?c d??e;");
	free(t);
	t = draw(TIMELINE, &r, &UTF8_80);
	assert_has(t, "x?]0;title?y");
	assert_null(strchr(t, '\033'));
	free(t);
	rec_free(&r);
}

static void test_empty_record(void **state)
{
	(void)state;
	struct recording r;
	memset(&r, 0, sizeof r);
	char *t = draw(TREE, &r, &UTF8_80);
	assert_string_equal(t, "Process tree: nothing to draw (no processes were recorded).\n");
	free(t);
	t = draw(TIMELINE, &r, &UTF8_80);
	assert_string_equal(t, "Timeline: nothing to draw (no events were recorded).\n");
	free(t);
	t = draw(SVG, &r, &UTF8_80);
	assert_has(t, "</svg>");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_copies_and_grows),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_subst_pids),
		cmocka_unit_test(test_view_facts),
		cmocka_unit_test(test_tree_fork_lesson),
		cmocka_unit_test(test_tree_wraps_never_cuts),
		cmocka_unit_test(test_tree_endings),
		cmocka_unit_test(test_tree_500_children),
		cmocka_unit_test(test_timeline_fork_lesson),
		cmocka_unit_test(test_timeline_never_cuts),
		cmocka_unit_test(test_timeline_exec_marks),
		cmocka_unit_test(test_timeline_modes),
		cmocka_unit_test(test_timeline_whole_width),
		cmocka_unit_test(test_colour),
		cmocka_unit_test(test_stable_pids_everywhere),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_svg_500_is_quick),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_quit_mid_exec_not_known),
		cmocka_unit_test(test_exec_seen_despite_quit),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_empty_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
