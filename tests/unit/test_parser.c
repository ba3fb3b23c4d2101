/* test_parser.c - unit tests for shell/parser.c (parse_line, node_text,
 * is_assignment).
 *
 * Covers the tree shape of every node kind (N_CMD, N_PIPE with negation,
 * N_ANDOR, N_SEQ, N_BG), redirections and assignments inside a command,
 * newline continuation after | && ||, empty lines, every kind of syntax error
 * with its position, and node_text() formatting and round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../shell/parser.h"
#include "../../shell/util.h"

/* Parse src, which must succeed with a tree. */
static struct node *parse_ok(const char *src)
{
	struct node *n = (struct node *)1;
	struct syn_error err;
	enum syn_status st = parse_line(src, &n, &err);
	if (st != SYN_OK)
		fail_msg("parse_line(\"%s\") failed: %s at %zu", src, err.msg, err.pos);
	assert_non_null(n);
	return n;
}

static struct cmd_node *as_cmd(struct node *n)
{
	assert_non_null(n);
	assert_int_equal(n->type, N_CMD);
	return (struct cmd_node *)n;
}

static struct pipe_node *as_pipe(struct node *n)
{
	assert_non_null(n);
	assert_int_equal(n->type, N_PIPE);
	return (struct pipe_node *)n;
}

static struct andor_node *as_andor(struct node *n)
{
	assert_non_null(n);
	assert_int_equal(n->type, N_ANDOR);
	return (struct andor_node *)n;
}

static struct seq_node *as_seq(struct node *n)
{
	assert_non_null(n);
	assert_int_equal(n->type, N_SEQ);
	return (struct seq_node *)n;
}

static struct bg_node *as_bg(struct node *n)
{
	assert_non_null(n);
	assert_int_equal(n->type, N_BG);
	return (struct bg_node *)n;
}

/* A command of exactly one word. */
static void assert_cmd1(struct node *n, const char *word)
{
	struct cmd_node *c = as_cmd(n);
	assert_int_equal(c->nassign, 0);
	assert_int_equal(c->nredirs, 0);
	assert_int_equal(c->nwords, 1);
	assert_string_equal(c->words[0].text, word);
}

static void test_simple_command(void **state)
{
	(void)state;
	struct node *n = parse_ok("  a=1 b='x y' echo hi >out \"q r\" 2>&1 <in");
	struct cmd_node *c = as_cmd(n);
	assert_int_equal(c->pos, 2);

	assert_int_equal(c->nassign, 2);
	assert_string_equal(c->assigns[0].text, "a=1");
	assert_int_equal(c->assigns[0].pos, 2);
	assert_string_equal(c->assigns[1].text, "b='x y'");
	assert_int_equal(c->assigns[1].pos, 6);

	assert_int_equal(c->nwords, 3);
	assert_string_equal(c->words[0].text, "echo");
	assert_int_equal(c->words[0].pos, 14);
	assert_string_equal(c->words[1].text, "hi");
	assert_string_equal(c->words[2].text, "\"q r\"");
	assert_int_equal(c->words[2].pos, 27);

	assert_int_equal(c->nredirs, 3);
	assert_int_equal(c->redirs[0].kind, R_OUT);
	assert_int_equal(c->redirs[0].fd, 1);
	assert_string_equal(c->redirs[0].target.text, "out");
	assert_int_equal(c->redirs[0].pos, 22);
	assert_int_equal(c->redirs[0].target.pos, 23);
	assert_int_equal(c->redirs[1].kind, R_DUP);
	assert_int_equal(c->redirs[1].fd, 2);
	assert_int_equal(c->redirs[1].dup_from, 1);
	assert_int_equal(c->redirs[1].pos, 33);
	assert_int_equal(c->redirs[2].kind, R_IN);
	assert_int_equal(c->redirs[2].fd, 0);
	assert_string_equal(c->redirs[2].target.text, "in");
	node_free(n);
}

static void test_assignments_only_before_name(void **state)
{
	(void)state;
	struct node *n = parse_ok("a=1 echo b=2");
	struct cmd_node *c = as_cmd(n);
	assert_int_equal(c->nassign, 1);
	assert_string_equal(c->assigns[0].text, "a=1");
	assert_int_equal(c->nwords, 2);
	assert_string_equal(c->words[0].text, "echo");
	assert_string_equal(c->words[1].text, "b=2");
	node_free(n);

	/* Assignments alone are a command. */
	n = parse_ok("x=1 y=");
	c = as_cmd(n);
	assert_int_equal(c->nassign, 2);
	assert_int_equal(c->nwords, 0);
	node_free(n);

	/* A redirection before them does not end the assignment prefix. */
	n = parse_ok(">log a=1 cmd");
	c = as_cmd(n);
	assert_int_equal(c->nassign, 1);
	assert_int_equal(c->nwords, 1);
	assert_int_equal(c->nredirs, 1);
	node_free(n);

	/* Not valid names: ordinary words. */
	n = parse_ok("=x 1a=2 'a'=3");
	c = as_cmd(n);
	assert_int_equal(c->nassign, 0);
	assert_int_equal(c->nwords, 3);
	node_free(n);
}

static void test_is_assignment(void **state)
{
	(void)state;
	assert_true(is_assignment("a=1"));
	assert_true(is_assignment("_x9="));
	assert_true(is_assignment("A_b=c=d"));
	assert_false(is_assignment("9a=1"));
	assert_false(is_assignment("abc"));
	assert_false(is_assignment("=a"));
	assert_false(is_assignment("a-b=1"));
	assert_false(is_assignment("\"a\"=1"));
	assert_false(is_assignment(""));
}

static void test_redirections(void **state)
{
	(void)state;
	/* Redirections may come anywhere among the words, in order. */
	struct node *n = parse_ok(">out echo >>log a 2>err b 5<in");
	struct cmd_node *c = as_cmd(n);
	assert_int_equal(c->nwords, 3);
	assert_string_equal(c->words[0].text, "echo");
	assert_string_equal(c->words[1].text, "a");
	assert_string_equal(c->words[2].text, "b");
	assert_int_equal(c->nredirs, 4);
	assert_int_equal(c->redirs[0].kind, R_OUT);
	assert_int_equal(c->redirs[0].fd, 1);
	assert_string_equal(c->redirs[0].target.text, "out");
	assert_int_equal(c->redirs[1].kind, R_APPEND);
	assert_int_equal(c->redirs[1].fd, 1);
	assert_string_equal(c->redirs[1].target.text, "log");
	assert_int_equal(c->redirs[2].kind, R_OUT);
	assert_int_equal(c->redirs[2].fd, 2);
	assert_string_equal(c->redirs[2].target.text, "err");
	assert_int_equal(c->redirs[3].kind, R_IN);
	assert_int_equal(c->redirs[3].fd, 5);
	node_free(n);

	n = parse_ok("cmd >&- 2>&- <&3 3<&- 4>&2 1>>'a b'");
	c = as_cmd(n);
	assert_int_equal(c->nwords, 1);
	assert_int_equal(c->nredirs, 6);
	assert_int_equal(c->redirs[0].kind, R_CLOSE);
	assert_int_equal(c->redirs[0].fd, 1);
	assert_int_equal(c->redirs[1].kind, R_CLOSE);
	assert_int_equal(c->redirs[1].fd, 2);
	assert_int_equal(c->redirs[2].kind, R_DUP);
	assert_int_equal(c->redirs[2].fd, 0);
	assert_int_equal(c->redirs[2].dup_from, 3);
	assert_int_equal(c->redirs[3].kind, R_CLOSE);
	assert_int_equal(c->redirs[3].fd, 3);
	assert_int_equal(c->redirs[4].kind, R_DUP);
	assert_int_equal(c->redirs[4].fd, 4);
	assert_int_equal(c->redirs[4].dup_from, 2);
	assert_int_equal(c->redirs[5].kind, R_APPEND);
	assert_string_equal(c->redirs[5].target.text, "'a b'");
	node_free(n);

	/* A command can be nothing but a redirection. */
	n = parse_ok(">empty");
	c = as_cmd(n);
	assert_int_equal(c->nwords, 0);
	assert_int_equal(c->nredirs, 1);
	node_free(n);
}

static void test_pipeline(void **state)
{
	(void)state;
	struct node *n = parse_ok("a | b x | c");
	struct pipe_node *p = as_pipe(n);
	assert_int_equal(p->negate, 0);
	assert_int_equal(p->n, 3);
	assert_cmd1(p->cmds[0], "a");
	assert_int_equal(as_cmd(p->cmds[1])->nwords, 2);
	assert_cmd1(p->cmds[2], "c");
	node_free(n);

	n = parse_ok("! a | b");
	p = as_pipe(n);
	assert_int_equal(p->negate, 1);
	assert_int_equal(p->n, 2);
	assert_cmd1(p->cmds[0], "a");
	node_free(n);

	/* A negated single command still gets a pipe node, to carry the '!'. */
	n = parse_ok("! a");
	p = as_pipe(n);
	assert_int_equal(p->negate, 1);
	assert_int_equal(p->n, 1);
	assert_cmd1(p->cmds[0], "a");
	node_free(n);

	/* '!' only counts as a word of its own at the start. */
	n = parse_ok("a !");
	assert_int_equal(as_cmd(n)->nwords, 2);
	node_free(n);
	n = parse_ok("!a");
	assert_cmd1(n, "!a");
	node_free(n);

	/* A newline after | continues the pipeline. */
	n = parse_ok("a |\n\n b");
	p = as_pipe(n);
	assert_int_equal(p->n, 2);
	assert_cmd1(p->cmds[1], "b");
	node_free(n);
}

static void test_andor(void **state)
{
	(void)state;
	struct node *n = parse_ok("a && b || c && d");
	struct andor_node *a = as_andor(n);
	assert_int_equal(a->n, 4);
	assert_int_equal(a->ops[0], OP_AND);
	assert_int_equal(a->ops[1], OP_OR);
	assert_int_equal(a->ops[2], OP_AND);
	assert_cmd1(a->items[0], "a");
	assert_cmd1(a->items[3], "d");
	node_free(n);

	/* Pipelines bind tighter than && and ||. */
	n = parse_ok("a | b || ! c");
	a = as_andor(n);
	assert_int_equal(a->n, 2);
	assert_int_equal(a->ops[0], OP_OR);
	assert_int_equal(as_pipe(a->items[0])->n, 2);
	assert_int_equal(as_pipe(a->items[1])->negate, 1);
	node_free(n);

	/* Newlines after && and || continue the list. */
	n = parse_ok("a &&\n b ||\n\n c");
	a = as_andor(n);
	assert_int_equal(a->n, 3);
	assert_int_equal(a->ops[1], OP_OR);
	node_free(n);
}

static void test_long_andor_chain_is_flat(void **state)
{
	(void)state;
	enum { N = 10000 };
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "x");
	for (int i = 1; i < N; i++)
		sb_adds(&sb, i % 2 ? " && x" : " || x");
	struct node *n = parse_ok(sb.buf);
	struct andor_node *a = as_andor(n);
	assert_int_equal(a->n, N);
	assert_int_equal(a->ops[0], OP_AND);
	assert_int_equal(a->ops[1], OP_OR);
	assert_int_equal(a->ops[N - 2], OP_AND);
	node_free(n);
	sb_free(&sb);
}

static void test_sequence(void **state)
{
	(void)state;
	struct node *n = parse_ok("a; b && c; d");
	struct seq_node *s = as_seq(n);
	assert_int_equal(s->n, 3);
	assert_cmd1(s->items[0], "a");
	assert_int_equal(as_andor(s->items[1])->n, 2);
	assert_cmd1(s->items[2], "d");
	node_free(n);

	/* A trailing ';' adds nothing; one item is not wrapped in a sequence. */
	n = parse_ok("a;");
	assert_cmd1(n, "a");
	node_free(n);

	n = parse_ok("a; b;");
	assert_int_equal(as_seq(n)->n, 2);
	node_free(n);

	/* Newlines separate like ';', and blank lines around are allowed. */
	n = parse_ok("\n\na\n\nb\n");
	s = as_seq(n);
	assert_int_equal(s->n, 2);
	assert_cmd1(s->items[0], "a");
	assert_cmd1(s->items[1], "b");
	node_free(n);
}

static void test_background(void **state)
{
	(void)state;
	struct node *n = parse_ok("a &");
	assert_cmd1(as_bg(n)->body, "a");
	node_free(n);

	n = parse_ok("a & b");
	struct seq_node *s = as_seq(n);
	assert_int_equal(s->n, 2);
	assert_cmd1(as_bg(s->items[0])->body, "a");
	assert_cmd1(s->items[1], "b");
	node_free(n);

	/* & applies to the whole and-or list before it. */
	n = parse_ok("a && b &");
	struct andor_node *a = as_andor(as_bg(n)->body);
	assert_int_equal(a->n, 2);
	assert_int_equal(a->ops[0], OP_AND);
	node_free(n);

	n = parse_ok("a | b & c; d &");
	s = as_seq(n);
	assert_int_equal(s->n, 3);
	assert_int_equal(as_pipe(as_bg(s->items[0])->body)->n, 2);
	assert_cmd1(s->items[1], "c");
	assert_cmd1(as_bg(s->items[2])->body, "d");
	node_free(n);
}

static void test_empty_lines(void **state)
{
	(void)state;
	static const char *const blank[] = {
		"", "   ", "\t", "\n", "\n\n  \n", "# just a comment", "   # c ; d | e\n", "\\\n\n",
	};
	for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++) {
		struct node *n = (struct node *)1;
		struct syn_error err;
		enum syn_status st = parse_line(blank[i], &n, &err);
		if (st != SYN_OK)
			fail_msg("parse_line(\"%s\") = %d: %s", blank[i], (int)st, err.msg);
		assert_int_equal(err.status, SYN_OK);
		assert_null(n);
	}
	/* Not blank: a command after a comment line, and after a backslash-newline. */
	struct node *n = parse_ok("# c\nx");
	assert_cmd1(n, "x");
	node_free(n);
	n = parse_ok("\\\nx");
	assert_cmd1(n, "x");
	node_free(n);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	static const struct {
		const char *src;
		enum syn_status st;
		size_t pos;
		const char *msg; /* a part of the message, or NULL */
	} cases[] = {
		{ "| x", SYN_ERROR, 0, "'|'" },
		{ "echo a | | b", SYN_ERROR, 9, "'|'" },
		{ ";;", SYN_ERROR, 0, "';'" },
		{ "a ;;", SYN_ERROR, 3, "';'" },
		{ "; a", SYN_ERROR, 0, NULL },
		{ "&&", SYN_ERROR, 0, "'&&'" },
		{ "a && && b", SYN_ERROR, 5, "'&&'" },
		{ "a || ; b", SYN_ERROR, 5, NULL },
		{ "&", SYN_ERROR, 0, "'&'" },
		{ "a & & b", SYN_ERROR, 4, NULL },
		{ "a | ; b", SYN_ERROR, 4, NULL },
		{ "echo >\n", SYN_ERROR, 6, "newline" },
		{ "echo > ; x", SYN_ERROR, 7, "';'" },
		{ "echo < | x", SYN_ERROR, 7, NULL },
		{ "echo 2>&x", SYN_ERROR, 8, "'x'" },
		{ "echo >&12", SYN_ERROR, 7, NULL },
		{ "cat <&file", SYN_ERROR, 6, NULL },
		{ "! | a", SYN_ERROR, 2, NULL },
		{ "a | ! b", SYN_ERROR, 4, "'!'" },
		{ "a\n| b", SYN_ERROR, 2, NULL },
		/* The lexer's errors come through unchanged. */
		{ "echo $(ls)", SYN_ERROR, 5, "not supported" },
		{ "a && (b)", SYN_ERROR, 5, "subshell" },
		/* Running out of input where more is needed: ask for more. */
		{ "x ||", SYN_INCOMPLETE, 4, "end of input" },
		{ "x ||\n", SYN_INCOMPLETE, 5, NULL },
		{ "x &&\n\n", SYN_INCOMPLETE, 6, NULL },
		{ "a |", SYN_INCOMPLETE, 3, NULL },
		{ "a |\n", SYN_INCOMPLETE, 4, NULL },
		{ "echo >", SYN_INCOMPLETE, 6, NULL },
		{ "!", SYN_INCOMPLETE, 1, NULL },
		{ "echo 'a", SYN_INCOMPLETE, 5, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct node *n = (struct node *)1;
		struct syn_error err;
		memset(&err, 0, sizeof err);
		enum syn_status st = parse_line(cases[i].src, &n, &err);
		if (st != cases[i].st)
			fail_msg("\"%s\": status %d, expected %d (%s)", cases[i].src, (int)st,
				 (int)cases[i].st, err.msg);
		assert_int_equal(err.status, cases[i].st);
		if (err.pos != cases[i].pos)
			fail_msg("\"%s\": error at %zu, expected %zu (%s)", cases[i].src, err.pos,
				 cases[i].pos, err.msg);
		assert_null(n);
		assert_true(err.msg[0] != '\0');
		if (cases[i].msg && !strstr(err.msg, cases[i].msg))
			fail_msg("\"%s\": message '%s' lacks '%s'", cases[i].src, err.msg, cases[i].msg);
	}
}

static void assert_text(const char *src, const char *want)
{
	struct node *n = parse_ok(src);
	char *text = node_text(n);
	if (strcmp(text, want) != 0)
		fail_msg("node_text(parse(\"%s\")) = \"%s\", expected \"%s\"", src, text, want);
	/* The text parses back to a tree that formats the same way. */
	struct node *again = parse_ok(text);
	char *text2 = node_text(again);
	if (strcmp(text2, text) != 0)
		fail_msg("round trip of \"%s\" gave \"%s\"", text, text2);
	free(text2);
	node_free(again);
	free(text);
	node_free(n);
}

static void test_node_text(void **state)
{
	(void)state;
	assert_text("a|b", "a | b");
	assert_text("a&&b||c", "a && b || c");
	assert_text("a;b;c", "a; b; c");
	assert_text("a&b", "a & b");
	assert_text("a && b &", "a && b &");
	assert_text("a & b &", "a & b &");
	assert_text("a; b &", "a; b &");
	assert_text("!  a|b", "! a | b");
	assert_text("  echo   'x  y'  \"$z\"  ", "echo 'x  y' \"$z\"");
	assert_text("x=1   y=2 env", "x=1 y=2 env");
	assert_text(">>log echo hi", "echo hi >>log");
	assert_text("cat 2>err <in 5>five 1>one 0<zero", "cat 2>err <in 5>five >one <zero");
	assert_text("cmd >&- 2>&1", "cmd 1>&- 2>&1");
	assert_text("sleep 5 | wc -l > out", "sleep 5 | wc -l >out");
	assert_text("a\nb", "a; b");
	/* Found by the fuzzer: a "!" word after a redirection must not read
	 * back as a negation (after | that is a syntax error). */
	assert_text("a | <z ! b", "a | <z ! b");
	assert_text("2>e ! b", "2>e ! b");
}

static void test_node_text_dup_input(void **state)
{
	(void)state;
	/* <&3 is written back in its >& form, which means the same dup2(3, 0). */
	struct node *n = parse_ok("cat <&3 4<&-");
	char *text = node_text(n);
	struct node *again = parse_ok(text);
	struct cmd_node *c = as_cmd(again);
	assert_int_equal(c->nredirs, 2);
	assert_int_equal(c->redirs[0].kind, R_DUP);
	assert_int_equal(c->redirs[0].fd, 0);
	assert_int_equal(c->redirs[0].dup_from, 3);
	assert_int_equal(c->redirs[1].kind, R_CLOSE);
	assert_int_equal(c->redirs[1].fd, 4);
	node_free(again);
	free(text);
	node_free(n);
}

static void test_node_free_null(void **state)
{
	(void)state;
	node_free(NULL); /* must be a no-op */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_command),
		cmocka_unit_test(test_assignments_only_before_name),
		cmocka_unit_test(test_is_assignment),
		cmocka_unit_test(test_redirections),
		cmocka_unit_test(test_pipeline),
		cmocka_unit_test(test_andor),
		cmocka_unit_test(test_long_andor_chain_is_flat),
		cmocka_unit_test(test_sequence),
		cmocka_unit_test(test_background),
		cmocka_unit_test(test_empty_lines),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_node_text),
		cmocka_unit_test(test_node_text_dup_input),
		cmocka_unit_test(test_node_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
