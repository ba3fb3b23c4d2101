/* test_lexer.c - unit tests for shell/lexer.c (lex, lex_free, tok_name).
 *
 * Covers words and their raw text (quotes and backslashes kept), every
 * operator, io numbers, token positions, comments, backslash-newline between
 * words, and the SYN_INCOMPLETE / SYN_ERROR results with their positions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "../../shell/lexer.h"

/* Lex src, which must succeed. */
static void lex_ok(const char *src, struct token_list *t)
{
	struct syn_error err;
	enum syn_status st = lex(src, t, &err);
	if (st != SYN_OK)
		fail_msg("lex(\"%s\") failed: %s at %zu", src, err.msg, err.pos);
	assert_int_equal(err.status, SYN_OK);
	assert_true(t->n >= 1);
	assert_int_equal(t->v[t->n - 1].kind, TOK_EOF);
}

/* Lex src, which must fail with status st at byte pos; out must stay empty. */
static void lex_fails(const char *src, enum syn_status st, size_t pos, struct syn_error *err)
{
	struct token_list t;
	enum syn_status got = lex(src, &t, err);
	if (got != st)
		fail_msg("lex(\"%s\") returned %d, expected %d", src, (int)got, (int)st);
	assert_int_equal(err->status, st);
	if (err->pos != pos)
		fail_msg("lex(\"%s\"): error at %zu, expected %zu (%s)", src, err->pos, pos, err->msg);
	assert_true(err->msg[0] != '\0');
	assert_int_equal(t.n, 0);
	assert_null(t.v);
}

static void assert_word(const struct token *tok, const char *text, size_t pos)
{
	assert_int_equal(tok->kind, TOK_WORD);
	assert_string_equal(tok->text, text);
	assert_int_equal(tok->pos, pos);
	assert_int_equal(tok->len, strlen(text));
	assert_int_equal(tok->io_number, -1);
}

static void test_words_and_positions(void **state)
{
	(void)state;
	struct token_list t;
	lex_ok("  echo\thello   world", &t);
	assert_int_equal(t.n, 4);
	assert_word(&t.v[0], "echo", 2);
	assert_word(&t.v[1], "hello", 7);
	assert_word(&t.v[2], "world", 15);
	assert_int_equal(t.v[3].kind, TOK_EOF);
	assert_int_equal(t.v[3].pos, 20);
	assert_int_equal(t.v[3].len, 0);
	assert_null(t.v[3].text);
	lex_free(&t);
	assert_null(t.v);
	assert_int_equal(t.n, 0);
}

static void test_empty_input(void **state)
{
	(void)state;
	struct token_list t;
	lex_ok("", &t);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.v[0].pos, 0);
	lex_free(&t);

	lex_ok(" \t ", &t);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.v[0].pos, 3);
	lex_free(&t);
}

static void test_operators(void **state)
{
	(void)state;
	static const struct {
		enum tok_kind kind;
		size_t pos, len;
	} want[] = {
		{ TOK_WORD, 0, 1 },     { TOK_SEMI, 1, 1 },     { TOK_WORD, 2, 1 },
		{ TOK_AMP, 3, 1 },      { TOK_WORD, 4, 1 },     { TOK_PIPE, 5, 1 },
		{ TOK_WORD, 6, 1 },     { TOK_AND, 7, 2 },      { TOK_WORD, 9, 1 },
		{ TOK_OR, 10, 2 },      { TOK_WORD, 12, 1 },    { TOK_LESS, 13, 1 },
		{ TOK_WORD, 14, 1 },    { TOK_GREAT, 15, 1 },   { TOK_WORD, 16, 1 },
		{ TOK_DGREAT, 17, 2 },  { TOK_WORD, 19, 1 },    { TOK_LESSAND, 20, 2 },
		{ TOK_WORD, 22, 1 },    { TOK_GREATAND, 23, 2 }, { TOK_WORD, 25, 1 },
		{ TOK_NEWLINE, 26, 1 }, { TOK_WORD, 27, 1 },    { TOK_EOF, 28, 0 },
	};
	const char *src = "a;b&c|d&&e||f<g>h>>i<&j>&k\nl";
	struct token_list t;
	lex_ok(src, &t);
	assert_int_equal(t.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < t.n; i++) {
		if (t.v[i].kind != want[i].kind)
			fail_msg("token %zu: kind %s, expected %s", i, tok_name(t.v[i].kind),
				 tok_name(want[i].kind));
		assert_int_equal(t.v[i].pos, want[i].pos);
		assert_int_equal(t.v[i].len, want[i].len);
		assert_int_equal(t.v[i].io_number, -1);
		if (t.v[i].kind == TOK_WORD)
			assert_int_equal(t.v[i].text[0], src[want[i].pos]);
		else
			assert_null(t.v[i].text);
	}
	lex_free(&t);
}

static void test_operators_spaced(void **state)
{
	(void)state;
	struct token_list t;
	/* "& &" is two background operators, not one "&&". */
	lex_ok("a & & b | | c", &t);
	assert_int_equal(t.n, 8);
	assert_int_equal(t.v[1].kind, TOK_AMP);
	assert_int_equal(t.v[2].kind, TOK_AMP);
	assert_int_equal(t.v[4].kind, TOK_PIPE);
	assert_int_equal(t.v[5].kind, TOK_PIPE);
	lex_free(&t);

	/* "&&&" is "&&" then "&"; ">>>" is ">>" then ">". */
	lex_ok("a&&&b>>>c", &t);
	assert_int_equal(t.n, 8);
	assert_int_equal(t.v[1].kind, TOK_AND);
	assert_int_equal(t.v[2].kind, TOK_AMP);
	assert_int_equal(t.v[2].pos, 3);
	assert_int_equal(t.v[4].kind, TOK_DGREAT);
	assert_int_equal(t.v[5].kind, TOK_GREAT);
	assert_int_equal(t.v[5].pos, 7);
	lex_free(&t);
}

static void test_io_numbers(void **state)
{
	(void)state;
	struct token_list t;
	lex_ok("cmd 2>err 2>&1 0<in 3>>log 4<&- 5>&-", &t);
	assert_int_equal(t.n, 14);
	assert_word(&t.v[0], "cmd", 0);
	assert_int_equal(t.v[1].kind, TOK_GREAT);
	assert_int_equal(t.v[1].io_number, 2);
	assert_int_equal(t.v[1].pos, 4);
	assert_int_equal(t.v[1].len, 2);
	assert_word(&t.v[2], "err", 6);
	assert_int_equal(t.v[3].kind, TOK_GREATAND);
	assert_int_equal(t.v[3].io_number, 2);
	assert_int_equal(t.v[3].pos, 10);
	assert_int_equal(t.v[3].len, 3);
	assert_word(&t.v[4], "1", 13);
	assert_int_equal(t.v[5].kind, TOK_LESS);
	assert_int_equal(t.v[5].io_number, 0);
	assert_word(&t.v[6], "in", 17);
	assert_int_equal(t.v[7].kind, TOK_DGREAT);
	assert_int_equal(t.v[7].io_number, 3);
	assert_int_equal(t.v[7].len, 3);
	assert_int_equal(t.v[9].kind, TOK_LESSAND);
	assert_int_equal(t.v[9].io_number, 4);
	assert_word(&t.v[10], "-", 30);
	assert_int_equal(t.v[11].kind, TOK_GREATAND);
	assert_int_equal(t.v[11].io_number, 5);
	lex_free(&t);
}

static void test_io_number_only_when_glued(void **state)
{
	(void)state;
	struct token_list t;
	/* A digit separated from the operator is an ordinary argument. */
	lex_ok("echo 2 >x", &t);
	assert_int_equal(t.n, 5);
	assert_word(&t.v[1], "2", 5);
	assert_int_equal(t.v[2].kind, TOK_GREAT);
	assert_int_equal(t.v[2].io_number, -1);
	lex_free(&t);

	/* A digit at the end of a longer word is part of the word. */
	lex_ok("echo a2>x", &t);
	assert_int_equal(t.n, 5);
	assert_word(&t.v[1], "a2", 5);
	assert_int_equal(t.v[2].kind, TOK_GREAT);
	assert_int_equal(t.v[2].io_number, -1);
	assert_int_equal(t.v[2].pos, 7);
	lex_free(&t);

	/* Only one digit counts: 12>x is the word 12 and a plain >. */
	lex_ok("12>x", &t);
	assert_int_equal(t.n, 4);
	assert_word(&t.v[0], "12", 0);
	assert_int_equal(t.v[1].kind, TOK_GREAT);
	assert_int_equal(t.v[1].io_number, -1);
	lex_free(&t);

	/* A digit before a non-redirection operator is a word. */
	lex_ok("2|3", &t);
	assert_int_equal(t.n, 4);
	assert_word(&t.v[0], "2", 0);
	assert_int_equal(t.v[1].kind, TOK_PIPE);
	assert_int_equal(t.v[1].io_number, -1);
	lex_free(&t);
}

static void test_comments(void **state)
{
	(void)state;
	struct token_list t;

	lex_ok("echo a # comment ; b | c", &t);
	assert_int_equal(t.n, 3);
	assert_word(&t.v[0], "echo", 0);
	assert_word(&t.v[1], "a", 5);
	assert_int_equal(t.v[2].kind, TOK_EOF);
	lex_free(&t);

	/* # inside a word is an ordinary character. */
	lex_ok("echo a#b #c", &t);
	assert_int_equal(t.n, 3);
	assert_word(&t.v[1], "a#b", 5);
	lex_free(&t);

	/* A comment ends at the newline, which is still a token. */
	lex_ok("# only\necho x", &t);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.v[0].kind, TOK_NEWLINE);
	assert_int_equal(t.v[0].pos, 6);
	assert_word(&t.v[1], "echo", 7);
	lex_free(&t);

	/* Right after an operator a # starts a comment. */
	lex_ok("a;#b", &t);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.v[1].kind, TOK_SEMI);
	lex_free(&t);

	/* Quoted # is no comment. */
	lex_ok("echo '#x' \"#y\" \\#z", &t);
	assert_int_equal(t.n, 5);
	assert_word(&t.v[1], "'#x'", 5);
	assert_word(&t.v[2], "\"#y\"", 10);
	assert_word(&t.v[3], "\\#z", 15);
	lex_free(&t);

	lex_ok("   # nothing but a comment", &t);
	assert_int_equal(t.n, 1);
	lex_free(&t);
}

static void test_quotes_kept_raw(void **state)
{
	(void)state;
	struct token_list t;
	lex_ok("echo 'a b' \"c d\" e\\ f a\"b c\"d 'x\"y' \"p'q\" \"a\\\"b\"", &t);
	assert_int_equal(t.n, 9);
	assert_word(&t.v[1], "'a b'", 5);
	assert_word(&t.v[2], "\"c d\"", 11);
	assert_word(&t.v[3], "e\\ f", 17);
	assert_word(&t.v[4], "a\"b c\"d", 22);
	assert_word(&t.v[5], "'x\"y'", 30);
	assert_word(&t.v[6], "\"p'q\"", 36);
	assert_word(&t.v[7], "\"a\\\"b\"", 42);
	lex_free(&t);

	/* Operator characters inside quotes or escaped do not end the word. */
	lex_ok("'a;b' \"c|d&e\" f\\>g h\\;i", &t);
	assert_int_equal(t.n, 5);
	assert_word(&t.v[0], "'a;b'", 0);
	assert_word(&t.v[1], "\"c|d&e\"", 6);
	assert_word(&t.v[2], "f\\>g", 14);
	assert_word(&t.v[3], "h\\;i", 19);
	lex_free(&t);

	/* A quoted newline stays in the word. */
	lex_ok("echo 'a\nb'", &t);
	assert_int_equal(t.n, 3);
	assert_word(&t.v[1], "'a\nb'", 5);
	lex_free(&t);
}

static void test_dollar_forms(void **state)
{
	(void)state;
	struct token_list t;
	lex_ok("$x ${x} ${_a1} ${10} ${?} ${#} $? $$ $# $@ $* $0 \"${HOME}/x\" $", &t);
	assert_int_equal(t.n, 15);
	assert_word(&t.v[3], "${10}", 15);
	assert_word(&t.v[12], "\"${HOME}/x\"", 49);
	assert_word(&t.v[13], "$", 61);
	lex_free(&t);
}

static void test_backslash_newline_between_words(void **state)
{
	(void)state;
	struct token_list t;
	lex_ok("echo a \\\n b", &t);
	assert_int_equal(t.n, 4);
	assert_word(&t.v[0], "echo", 0);
	assert_word(&t.v[1], "a", 5);
	assert_word(&t.v[2], "b", 10);
	lex_free(&t);

	/* Several in a row, and right before an operator. */
	lex_ok("a\\\n\\\n|b", &t);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.v[0].kind, TOK_WORD);
	assert_int_equal(t.v[1].kind, TOK_PIPE);
	lex_free(&t);

	/* A plain newline is a token of its own. */
	lex_ok("a\nb", &t);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.v[1].kind, TOK_NEWLINE);
	assert_int_equal(t.v[1].pos, 1);
	lex_free(&t);
}

static void test_incomplete(void **state)
{
	(void)state;
	struct syn_error err;
	lex_fails("echo 'abc", SYN_INCOMPLETE, 5, &err);
	assert_non_null(strstr(err.msg, "single quote"));
	lex_fails("echo x \"abc", SYN_INCOMPLETE, 7, &err);
	assert_non_null(strstr(err.msg, "double quote"));
	/* An escaped quote does not close the string. */
	lex_fails("echo \"a\\\"", SYN_INCOMPLETE, 5, &err);
	/* The quote may start in the middle of a word. */
	lex_fails("echo ab'c", SYN_INCOMPLETE, 7, &err);
	lex_fails("echo ${abc", SYN_INCOMPLETE, 5, &err);
	/* Errors after earlier good tokens still leave the list empty. */
	lex_fails("a | b && c 'd", SYN_INCOMPLETE, 11, &err);
}

/* A backslash that is the last byte of the input (no newline after it,
 * as in `sh -c 'echo a\'`) quotes nothing: it stays in the word, as in dash
 * and bash, and `\` alone is a command named \. */
static void test_final_backslash_is_literal(void **state)
{
	(void)state;
	struct token_list t;
	lex_ok("echo abc\\", &t);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.v[1].text, "abc\\");
	lex_free(&t);
	lex_ok("\\", &t);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.v[0].text, "\\");
	lex_free(&t);
	lex_ok("echo a\\\\", &t); /* an escaped backslash, then nothing */
	assert_string_equal(t.v[1].text, "a\\\\");
	lex_free(&t);
}

/* A backslash-newline at the very end asks for another line: the reader
 * always appends '\n' to a physical line, so `echo a \` must not run yet. */
static void test_trailing_backslash_newline_incomplete(void **state)
{
	(void)state;
	struct syn_error err;
	lex_fails("echo a \\\n", SYN_INCOMPLETE, 7, &err);
	lex_fails("echo a\\\n", SYN_INCOMPLETE, 6, &err);
	/* ... but not when something follows on the next line. */
	struct token_list t;
	lex_ok("echo a\\\nb", &t);
	assert_int_equal(t.n, 3);
	assert_word(&t.v[1], "a\\\nb", 5);
	lex_free(&t);
}

/* A trailing backslash-newline is flagged as a continuation wherever it
 * stands (between words, in a word, in double quotes, in ${...}), so the
 * reader can join the next line in place; an open single quote or a
 * backslash that is not followed by a newline is not a continuation. */
static void test_continuation_flag(void **state)
{
	(void)state;
	static const char *const cont[] = { "echo a \\\n", "echo $HO\\\n", "echo \"a\\\n",
					    "echo ${HO\\\n", "a &\\\n" };
	static const char *const not_cont[] = { "echo 'a\\\n", "echo a\\", "echo \"a\n",
						"echo a |\n" };
	struct token_list t;
	struct syn_error err;
	for (size_t i = 0; i < sizeof cont / sizeof cont[0]; i++) {
		assert_int_equal(lex(cont[i], &t, &err), SYN_INCOMPLETE);
		if (!err.continuation)
			fail_msg("'%s' should be a continuation", cont[i]);
	}
	for (size_t i = 0; i < sizeof not_cont / sizeof not_cont[0]; i++) {
		enum syn_status st = lex(not_cont[i], &t, &err);
		if (st == SYN_OK)
			lex_free(&t);
		if (err.continuation)
			fail_msg("'%s' should not be a continuation", not_cont[i]);
	}
}

static void test_errors(void **state)
{
	(void)state;
	struct syn_error err;
	lex_fails("echo $(ls)", SYN_ERROR, 5, &err);
	assert_non_null(strstr(err.msg, "not supported"));
	lex_fails("echo \"a$(ls)\"", SYN_ERROR, 7, &err);
	lex_fails("echo `ls`", SYN_ERROR, 5, &err);
	assert_non_null(strstr(err.msg, "not supported"));
	lex_fails("echo \"x`ls`\"", SYN_ERROR, 7, &err);
	lex_fails("(ls)", SYN_ERROR, 0, &err);
	assert_non_null(strstr(err.msg, "subshell"));
	lex_fails("echo a)", SYN_ERROR, 6, &err);
	lex_fails("echo ${1a}", SYN_ERROR, 5, &err);
	assert_non_null(strstr(err.msg, "bad substitution"));
	lex_fails("${}", SYN_ERROR, 0, &err);
	lex_fails("x${a b}", SYN_ERROR, 1, &err);
	lex_fails("${a-b}", SYN_ERROR, 0, &err);
	lex_fails("${?x}", SYN_ERROR, 0, &err);
	lex_fails("\"${a\"", SYN_ERROR, 1, &err);
	/* Inside single quotes none of this is special. */
	struct token_list t;
	lex_ok("echo '$(ls) `x` ${1a} (a)'", &t);
	assert_int_equal(t.n, 3);
	lex_free(&t);
	/* An escaped ( is an ordinary character, but an unescaped one after
	 * an escaped $ is still an operator character. */
	lex_ok("echo \\( \\$\\(x\\)", &t);
	assert_int_equal(t.n, 4);
	assert_word(&t.v[2], "\\$\\(x\\)", 8);
	lex_free(&t);
	lex_fails("echo \\$(x)", SYN_ERROR, 7, &err);
}

static void test_tok_name(void **state)
{
	(void)state;
	assert_string_equal(tok_name(TOK_WORD), "word");
	assert_string_equal(tok_name(TOK_NEWLINE), "newline");
	assert_string_equal(tok_name(TOK_AND), "&&");
	assert_string_equal(tok_name(TOK_OR), "||");
	assert_string_equal(tok_name(TOK_DGREAT), ">>");
	assert_string_equal(tok_name(TOK_LESSAND), "<&");
	assert_string_equal(tok_name(TOK_GREATAND), ">&");
	assert_string_equal(tok_name(TOK_EOF), "end of input");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_positions),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_operators_spaced),
		cmocka_unit_test(test_io_numbers),
		cmocka_unit_test(test_io_number_only_when_glued),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_quotes_kept_raw),
		cmocka_unit_test(test_dollar_forms),
		cmocka_unit_test(test_backslash_newline_between_words),
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_final_backslash_is_literal),
		cmocka_unit_test(test_trailing_backslash_newline_incomplete),
		cmocka_unit_test(test_continuation_flag),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_tok_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
