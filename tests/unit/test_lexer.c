/* test_lexer.c - unit tests for the tokenizer (shell/lexer.c), the word
 * builder (shell/wordbuild.c) and the input source they read from
 * (shell/source.c).
 *
 * The tokenizer is driven as the parser drives it: a parser struct over a
 * string source, lex_token() called for one token after another.  Covers
 * every operator and the longest match between them, IO_NUMBER, blanks and
 * comments, line numbers, line continuations, words read into parts with
 * the right quotedness (wordfmt.h draws them), every ${...} operator with
 * and without a colon and inside double quotes, $(...), backquotes and
 * their backslash rules, $((...)) and the $(( ( ambiguity, tildes at the
 * start of a word and after = and : in assignments, the W_* flags and the
 * lit fast path, raw text and positions, here-document bodies, every
 * lexer error with its position, a prompt source fetching continuation
 * lines only when needed (and Ctrl-C there), and the small word helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../shell/lexer.h"
#include "../../shell/parser.h"
#include "../../shell/source.h"
#include "../../shell/util.h"
#include "../../shell/wordbuild.h"
#include "wordfmt.h"

/* ---- a tokenizer over a string ------------------------------------------ */

struct lx {
	struct source src;
	struct parser p;
};

static void lx_open(struct lx *l, const char *text)
{
	src_init_string(&l->src, text, strlen(text), 1);
	memset(&l->p, 0, sizeof l->p);
	l->p.src = &l->src;
}

static void lx_close(struct lx *l)
{
	src_free(&l->src);
}

/* The tokens of text as one line: words as <raw>, operators as written
 * (with an IO_NUMBER before them), NL, EOF, or ERROR. */
static char *tokens(const char *text)
{
	struct lx l;
	struct strbuf sb;
	sb_init(&sb);
	lx_open(&l, text);
	for (;;) {
		struct token t = lex_token(&l.p);
		if (sb.len)
			sb_addc(&sb, ' ');
		if (t.kind == T_WORD) {
			sb_addc(&sb, '<');
			sb_adds(&sb, t.word->raw);
			sb_addc(&sb, '>');
			word_free(t.word);
			continue;
		}
		if (t.kind == T_EOF || t.kind == T_ERROR) {
			sb_adds(&sb, t.kind == T_EOF ? "EOF" : "ERROR");
			break;
		}
		if (t.kind == T_NEWLINE) {
			sb_adds(&sb, "NL");
			continue;
		}
		if (t.io_number >= 0) {
			char num[16];
			snprintf(num, sizeof num, "%d", t.io_number);
			sb_adds(&sb, num);
		}
		const char *name = tok_name(t.kind);
		sb_addn(&sb, name + 1, strlen(name) - 2); /* without the quotes */
	}
	lx_close(&l);
	return sb_steal(&sb);
}

static void check_tokens(const char *text, const char *want, int line)
{
	char *got = tokens(text);
	char copy[1024];
	snprintf(copy, sizeof copy, "%s", got);
	free(got);
	if (strcmp(copy, want) != 0)
		fail_msg("line %d: tokens of \"%s\":\n  got      %s\n  expected %s", line, text, copy, want);
}

#define TOKENS(text, want) check_tokens((text), (want), __LINE__)

/* text must be exactly one word: its parts must look like want, its flags
 * be flags, and its fast-path value lit (NULL: none). */
static void check_word(const char *text, const char *want, unsigned flags, const char *lit, int line)
{
	struct lx l;
	lx_open(&l, text);
	struct token t = lex_token(&l.p);
	if (t.kind != T_WORD)
		fail_msg("line %d: \"%s\" gave %s, not a word (%s)", line, text, tok_name(t.kind), l.p.err.msg);
	struct token end = lex_token(&l.p);
	char *got = wordfmt(t.word);
	char copy[1024];
	snprintf(copy, sizeof copy, "%s", got);
	free(got);
	unsigned gflags = t.word->flags;
	char glit[256];
	snprintf(glit, sizeof glit, "%s", t.word->lit ? t.word->lit : "(none)");
	int raw_ok = strcmp(t.word->raw, text) == 0;
	word_free(t.word);
	word_free(end.word);
	lx_close(&l);
	if (end.kind != T_EOF)
		fail_msg("line %d: \"%s\" is more than one word", line, text);
	if (strcmp(copy, want) != 0)
		fail_msg("line %d: parts of %s:\n  got      %s\n  expected %s", line, text, copy, want);
	if (gflags != flags)
		fail_msg("line %d: flags of %s: %#x, expected %#x", line, text, gflags, flags);
	if (strcmp(glit, lit ? lit : "(none)") != 0)
		fail_msg("line %d: lit of %s: '%s', expected '%s'", line, text, glit, lit ? lit : "(none)");
	if (!raw_ok)
		fail_msg("line %d: the raw text of %s is not as written", line, text);
}

#define WORD(text, want, flags, lit) check_word((text), (want), (flags), (lit), __LINE__)
/* A word with something to expand: no fast path. */
#define XWORD(text, want, flags) check_word((text), (want), (flags), NULL, __LINE__)

enum { E = W_EXPAND, G = W_GLOB, Q = W_QUOTED, T = W_TILDE };

/* Lexing text must fail (before its end) with the error msg at pos;
 * at_eof says whether it is an "input ended first" error. */
static void check_error(const char *text, size_t pos, int at_eof, const char *msg, int line)
{
	struct lx l;
	lx_open(&l, text);
	struct token t;
	for (;;) {
		t = lex_token(&l.p);
		word_free(t.word);
		if (t.kind == T_ERROR || t.kind == T_EOF)
			break;
	}
	struct syn_error err = l.p.err;
	int failed = l.p.failed;
	lx_close(&l);
	if (t.kind != T_ERROR || !failed)
		fail_msg("line %d: \"%s\" lexed without an error", line, text);
	assert_int_equal(err.status, SYN_ERROR);
	if (strcmp(err.msg, msg) != 0)
		fail_msg("line %d: \"%s\": message\n  '%s', expected\n  '%s'", line, text, err.msg, msg);
	if (err.pos != pos)
		fail_msg("line %d: \"%s\": error at %zu, expected %zu", line, text, err.pos, pos);
	if (err.at_eof != at_eof)
		fail_msg("line %d: \"%s\": at_eof %d, expected %d", line, text, err.at_eof, at_eof);
}

#define LEXERR(text, pos, at_eof, msg) check_error((text), (pos), (at_eof), (msg), __LINE__)

/* ---- operators ---------------------------------------------------------- */

static void test_every_operator(void **state)
{
	(void)state;
	static const struct {
		enum tok_kind kind;
		size_t pos;
	} want[] = {
		{ T_WORD, 0 },     { T_SEMI, 1 },      { T_WORD, 2 },      { T_AMP, 3 },      { T_WORD, 4 },
		{ T_PIPE, 5 },     { T_WORD, 6 },      { T_AND, 7 },       { T_WORD, 9 },     { T_OR, 10 },
		{ T_WORD, 12 },    { T_DSEMI, 13 },    { T_WORD, 15 },     { T_SEMIAMP, 16 }, { T_WORD, 18 },
		{ T_LPAREN, 19 },  { T_WORD, 20 },     { T_RPAREN, 21 },   { T_WORD, 22 },    { T_LESS, 23 },
		{ T_WORD, 24 },    { T_GREAT, 25 },    { T_WORD, 26 },     { T_DGREAT, 27 },  { T_WORD, 29 },
		{ T_CLOBBER, 30 }, { T_WORD, 32 },     { T_LESSGREAT, 33 }, { T_WORD, 35 },   { T_LESSAND, 36 },
		{ T_WORD, 38 },    { T_GREATAND, 39 }, { T_WORD, 41 },     { T_DLESS, 42 },   { T_WORD, 44 },
		{ T_DLESSDASH, 45 }, { T_WORD, 48 },   { T_NEWLINE, 49 },  { T_WORD, 50 },    { T_EOF, 51 },
	};
	const char *src = "a;b&c|d&&e||f;;g;&h(i)j<k>l>>m>|n<>o<&p>&q<<r<<-s\nt";
	struct lx l;
	lx_open(&l, src);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct token t = lex_token(&l.p);
		if (t.kind != want[i].kind)
			fail_msg("token %zu: %s, expected %s", i, tok_name(t.kind), tok_name(want[i].kind));
		if (t.pos != want[i].pos)
			fail_msg("token %zu (%s): at %zu, expected %zu", i, tok_name(t.kind), t.pos, want[i].pos);
		assert_int_equal(t.io_number, -1);
		if (t.kind == T_WORD) {
			assert_non_null(t.word);
			assert_int_equal(t.word->raw[0], src[want[i].pos]);
			assert_int_equal(t.word->pos, t.pos);
			word_free(t.word);
		} else {
			assert_null(t.word);
		}
	}
	lx_close(&l);
}

/* Operators are taken longest first, and blanks or quotes split them. */
static void test_operator_longest_match(void **state)
{
	(void)state;
	TOKENS("&&&", "&& & EOF");
	TOKENS("|||", "|| | EOF");
	TOKENS(";;;", ";; ; EOF");
	TOKENS(";;&", ";; & EOF");
	TOKENS(";&;", ";& ; EOF");
	TOKENS(">>>", ">> > EOF");
	TOKENS("<<<", "<< < EOF");
	TOKENS("<<<-", "<< < <-> EOF");
	TOKENS("<<--", "<<- <-> EOF");
	TOKENS("<>>", "<> > EOF");
	TOKENS(">|>", ">| > EOF");
	TOKENS("<&-", "<& <-> EOF");
	TOKENS(">&-", ">& <-> EOF");
	TOKENS("& &", "& & EOF");
	TOKENS("'&'&", "<'&'> & EOF");
	TOKENS("\\&&", "<\\&> & EOF");
	TOKENS("((", "( ( EOF");
	TOKENS("))", ") ) EOF");
	TOKENS("a|b", "<a> | <b> EOF");
	TOKENS("<", "< EOF");
	TOKENS(">", "> EOF");
	TOKENS(";", "; EOF");
	TOKENS("|", "| EOF");
}

/* An all-digit, unquoted word of at most 9 digits right before < or > is
 * the descriptor of the redirection, not a word. */
static void test_io_number(void **state)
{
	(void)state;
	TOKENS("2>f", "2> <f> EOF");
	TOKENS("2>>f", "2>> <f> EOF");
	TOKENS("0<f", "0< <f> EOF");
	TOKENS("3<>f", "3<> <f> EOF");
	TOKENS("2>&1", "2>& <1> EOF");
	TOKENS("0<&-", "0<& <-> EOF");
	TOKENS("1>|f", "1>| <f> EOF");
	TOKENS("5<<EOF", "5<< <EOF> EOF");
	TOKENS("5<<-EOF", "5<<- <EOF> EOF");
	TOKENS("123456789>f", "123456789> <f> EOF");
	TOKENS("1234567890>f", "<1234567890> > <f> EOF"); /* too long for a descriptor */
	TOKENS("2 >f", "<2> > <f> EOF");                 /* a blank between */
	TOKENS("a2>f", "<a2> > <f> EOF");
	TOKENS("2a>f", "<2a> > <f> EOF");
	TOKENS("'2'>f", "<'2'> > <f> EOF");               /* quoted */
	TOKENS("\\2>f", "<\\2> > <f> EOF");
	TOKENS("2|f", "<2> | <f> EOF");                   /* only before < and > */
	TOKENS("echo 2>f 3", "<echo> 2> <f> <3> EOF");

	struct lx l;
	lx_open(&l, "x 12>y");
	struct token t = lex_token(&l.p);
	word_free(t.word);
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_GREAT);
	assert_int_equal(t.io_number, 12);
	assert_int_equal(t.pos, 2); /* the token starts at the number */
	assert_null(t.word);
	lx_close(&l);
}

static void test_blanks_and_comments(void **state)
{
	(void)state;
	TOKENS("", "EOF");
	TOKENS(" \t ", "EOF");
	TOKENS("  a\t b  ", "<a> <b> EOF");
	TOKENS("a # comment ; b", "<a> EOF");
	TOKENS("a # comment\nb", "<a> NL <b> EOF");
	TOKENS("# only a comment", "EOF");
	TOKENS("#\n#\n", "NL NL EOF");
	TOKENS("a#b", "<a#b> EOF");          /* # inside a word is no comment */
	TOKENS("a;#b", "<a> ; EOF");         /* but after an operator it is */
	TOKENS("a '#b'", "<a> <'#b'> EOF");
	TOKENS("a \\#b", "<a> <\\#b> EOF");
	TOKENS("a \"#\"b", "<a> <\"#\"b> EOF");
	TOKENS("# a comment's quote\nb", "NL <b> EOF");
	TOKENS("# no continuation \\\nb", "NL <b> EOF"); /* a comment ends at the newline */
	TOKENS("a\n\nb", "<a> NL NL <b> EOF");
	TOKENS("a\r b", "<a\r> <b> EOF");    /* CR is no blank */
}

/* Each token knows its line; a newline token is on the line it ends. */
static void test_line_numbers(void **state)
{
	(void)state;
	struct lx l;
	lx_open(&l, "a\nb 'x\ny' c\n\nd");
	static const struct {
		enum tok_kind kind;
		long line;
	} want[] = {
		{ T_WORD, 1 }, { T_NEWLINE, 1 }, { T_WORD, 2 }, { T_WORD, 2 }, { T_WORD, 3 },
		{ T_NEWLINE, 3 }, { T_NEWLINE, 4 }, { T_WORD, 5 }, { T_EOF, 5 },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct token t = lex_token(&l.p);
		word_free(t.word);
		if (t.kind != want[i].kind || t.line != want[i].line)
			fail_msg("token %zu: %s on line %ld, expected %s on line %ld", i, tok_name(t.kind), t.line,
				 tok_name(want[i].kind), want[i].line);
	}
	lx_close(&l);
}

/* Backslash-newline vanishes everywhere except in single quotes, comments
 * and quoted here-documents. */
static void test_line_continuation(void **state)
{
	(void)state;
	WORD("ec\\\nho", "L[echo]", 0, "echo");
	TOKENS("a \\\n b", "<a> <b> EOF");
	TOKENS("a\\\n\\\nb", "<a\\\n\\\nb> EOF");
	TOKENS("&\\\n&", "&& EOF");
	TOKENS(";\\\n;", ";; EOF");
	TOKENS("<\\\n<\\\n-", "<<- EOF");
	TOKENS("2\\\n>f", "2> <f> EOF");
	TOKENS("a\\\n", "<a\\\n> EOF");
	WORD("\"a\\\nb\"", "Q[ab]", Q, "ab");
	WORD("'a\\\nb'", "Q[a\\\nb]", Q, "a\\\nb");
	XWORD("$\\\nx", "P[x]", E);
	XWORD("${x\\\ny}", "P[xy]", E);
	XWORD("${x:\\\n-y}", "P[x:-]{L[y]}", E);
	XWORD("$(\\\necho)", "C[echo]", E);
	XWORD("$\\\n(\\\n(1))", "A{Q[1]}", E);
}

/* ---- words and their parts ---------------------------------------------- */

static void test_literal_words(void **state)
{
	(void)state;
	WORD("abc", "L[abc]", 0, "abc");
	WORD("a=b", "L[a=b]", 0, "a=b");
	WORD("-x", "L[-x]", 0, "-x");
	WORD("'a b'", "Q[a b]", Q, "a b");
	WORD("\"a b\"", "Q[a b]", Q, "a b");
	WORD("a'b'c", "L[a] Q[b] L[c]", Q, "abc");
	WORD("'a'\"b\"", "Q[ab]", Q, "ab");            /* runs of the same quotedness join */
	WORD("''", "Q[]", Q, "");                       /* an empty quoted string is a part */
	WORD("\"\"", "Q[]", Q, "");
	WORD("''\"\"", "Q[] Q[]", Q, "");
	WORD("a''", "L[a] Q[]", Q, "a");
	WORD("'$x'", "Q[$x]", Q, "$x");
	WORD("'a\\b'", "Q[a\\b]", Q, "a\\b");           /* no escapes in '' */
	WORD("'\"'", "Q[\"]", Q, "\"");
	WORD("\"'a'\"", "Q['a']", Q, "'a'");
	/* backslash outside quotes quotes the next character */
	WORD("\\a", "Q[a]", Q, "a");
	WORD("\\\\", "Q[\\]", Q, "\\");
	WORD("a\\ b", "L[a] Q[ ] L[b]", Q, "a b");
	WORD("\\'", "Q[']", Q, "'");
	WORD("\\$x", "Q[$] L[x]", Q, "$x");
	WORD("a\\", "L[a\\]", 0, "a\\");                /* a final backslash stays */
	/* inside "...": only $ ` \ " are escaped; others keep the backslash */
	WORD("\"\\$\"", "Q[$]", Q, "$");
	WORD("\"\\`\"", "Q[`]", Q, "`");
	WORD("\"\\\\\"", "Q[\\]", Q, "\\");
	WORD("\"\\\"\"", "Q[\"]", Q, "\"");
	WORD("\"\\a\"", "Q[\\a]", Q, "\\a");
	WORD("\"\\'\"", "Q[\\']", Q, "\\'");
	WORD("\"\\}\"", "Q[\\}]", Q, "\\}");
	/* a lone $ is literal */
	WORD("$", "L[$]", 0, "$");
	WORD("a$", "L[a$]", 0, "a$");
	WORD("$%", "L[$%]", 0, "$%");
	WORD("\"$\"", "Q[$]", Q, "$");
	WORD("$/x", "L[$/x]", 0, "$/x");
	WORD("\"a$ b\"", "Q[a$ b]", Q, "a$ b");
	/* } ] = and { are ordinary */
	WORD("{a,b}", "L[{a,b}]", 0, "{a,b}");
	WORD("}", "L[}]", 0, "}");
}

static void test_parameters(void **state)
{
	(void)state;
	XWORD("$x", "P[x]", E);
	XWORD("$x_1y", "P[x_1y]", E);
	XWORD("$x-y", "P[x] L[-y]", E);
	XWORD("${x}y", "P[x] L[y]", E);
	XWORD("a$x.b", "L[a] P[x] L[.b]", E);
	XWORD("$1", "P[1]", E);
	XWORD("$10", "P[1] L[0]", E);                   /* one digit without braces */
	XWORD("${10}", "P[10]", E);
	XWORD("${007}", "P[007]", E);
	static const char *const specials[] = { "@", "*", "#", "?", "-", "$", "!", "0" };
	for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
		char text[8], want[16];
		snprintf(text, sizeof text, "$%s", specials[i]);
		snprintf(want, sizeof want, "P[%s]", specials[i]);
		check_word(text, want, E, NULL, __LINE__);
		snprintf(text, sizeof text, "${%s}", specials[i]);
		check_word(text, want, E, NULL, __LINE__);
		snprintf(text, sizeof text, "\"$%s\"", specials[i]);
		snprintf(want, sizeof want, "qP[%s]", specials[i]);
		check_word(text, want, E | Q, NULL, __LINE__);
	}
	XWORD("$$x", "P[$] L[x]", E);
	XWORD("$@x", "P[@] L[x]", E);
	XWORD("\"$x\"", "qP[x]", E | Q);
	XWORD("\"a$x b\"", "Q[a] qP[x] Q[ b]", E | Q);
	XWORD("'$x'\"$x\"$x", "Q[$x] qP[x] P[x]", E | Q);
	/* ${#...}: a length, except ${#} (the count) itself */
	XWORD("${#x}", "P[x len]", E);
	XWORD("${#1}", "P[1 len]", E);
	XWORD("${#12}", "P[12 len]", E);
	XWORD("${#@}", "P[@ len]", E);
	XWORD("${#*}", "P[* len]", E);
	XWORD("${#?}", "P[? len]", E);
	XWORD("${##}", "P[# len]", E);
	XWORD("${#}", "P[#]", E);
	XWORD("\"${#x}\"", "qP[x len]", E | Q);
}

/* Every operator with and without a colon, outside and inside "...": the
 * word of - = ? + is quoted by surrounding double quotes, a pattern
 * (% %% # ##) never is. */
static void test_parameter_operators(void **state)
{
	(void)state;
	static const struct {
		const char *op, *name;
		int colon_ok;
	} ops[] = {
		{ "-", "-", 1 }, { "=", "=", 1 }, { "?", "?", 1 }, { "+", "+", 1 },
		{ "%", "%", 0 }, { "%%", "%%", 0 }, { "#", "#", 0 }, { "##", "##", 0 },
	};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		for (int colon = 0; colon <= ops[i].colon_ok; colon++) {
			const char *c = colon ? ":" : "";
			char text[64], want[128];
			snprintf(text, sizeof text, "${x%s%sa b}", c, ops[i].op);
			snprintf(want, sizeof want, "P[x%s%s]{L[a b]}", c, ops[i].name);
			check_word(text, want, E, NULL, __LINE__);

			int pattern = !ops[i].colon_ok;
			snprintf(text, sizeof text, "\"${x%s%sa b}\"", c, ops[i].op);
			snprintf(want, sizeof want, "qP[x%s%s]{%s[a b]}", c, ops[i].name, pattern ? "L" : "Q");
			check_word(text, want, E | Q, NULL, __LINE__);

			/* an empty word */
			snprintf(text, sizeof text, "${x%s%s}", c, ops[i].op);
			snprintf(want, sizeof want, "P[x%s%s]{}", c, ops[i].name);
			check_word(text, want, E, NULL, __LINE__);
		}
	}
	/* the word has parts of its own, quoted as written */
	XWORD("${x:-'a'\"b\"$y}", "P[x:-]{Q[ab] P[y]}", E);
	XWORD("${x-\"$y\"}", "P[x-]{qP[y]}", E);
	XWORD("\"${x-'a'}\"", "qP[x-]{Q['a']}", E | Q);  /* '' is literal inside "${...}" */
	XWORD("\"${x-\\}}\"", "qP[x-]{Q[}]}", E | Q);   /* \} escapes the brace there */
	XWORD("${x-\\}}", "P[x-]{Q[}]}", E);
	XWORD("${x-${y-z}}", "P[x-]{P[y-]{L[z]}}", E);
	XWORD("${x-$(echo a)}", "P[x-]{C[echo a]}", E);
	XWORD("${x#*.}", "P[x#]{L[*.]}", E);
	XWORD("${x%\"*\"}", "P[x%]{Q[*]}", E);           /* quoted pattern characters */
	XWORD("\"${x%\"*\"}\"", "qP[x%]{Q[*]}", E | Q);
	XWORD("${x%'a'*}", "P[x%]{Q[a] L[*]}", E);
	XWORD("${1:-x}", "P[1:-]{L[x]}", E);
	XWORD("${@-x}", "P[@-]{L[x]}", E);
	XWORD("${#-x}", "P[#-]{L[x]}", E);              /* $# with -, not ${#-} and x */
	XWORD("${#?x}", "P[#?]{L[x]}", E);
	XWORD("${##x}", "P[##]{L[x]}", E);              /* $# with # (name #, op #) */
	XWORD("${###x}", "P[###]{L[x]}", E);            /* $# with ## */
	XWORD("${#%x}", "P[#%]{L[x]}", E);
	XWORD("${#-}", "P[- len]", E);                   /* but these are lengths */
	XWORD("${#\\\n-}", "P[- len]", E);
	XWORD("${x-a}b${y+c}", "P[x-]{L[a]} L[b] P[y+]{L[c]}", E);
	XWORD("${x-a b}", "P[x-]{L[a b]}", E);          /* blanks do not end it */
	XWORD("${x-(a)}", "P[x-]{L[(a)]}", E);          /* nor do operators */
	XWORD("${x-a;b|c}", "P[x-]{L[a;b|c]}", E);
}

static void test_command_substitution(void **state)
{
	(void)state;
	XWORD("$(echo hi)", "C[echo hi]", E);
	XWORD("\"$(echo hi)\"", "qC[echo hi]", E | Q);
	XWORD("x$(y)z", "L[x] C[y] L[z]", E);
	XWORD("$()", "C[]", E);
	XWORD("$( )", "C[]", E);
	XWORD("$(a $(b))", "C[a $(b)]", E);
	XWORD("$(a; b)", "C[a; b]", E);
	XWORD("$(a\nb)", "C[a; b]", E);
	XWORD("$(a | b && c &)", "C[a | b && c &]", E);
	XWORD("$(echo ')')", "C[echo ')']", E);
	XWORD("$(echo \")\")", "C[echo \")\"]", E);
	XWORD("$(echo \\))", "C[echo \\)]", E);
	XWORD("$(case x in a) b;; esac)", "C[case x in a) b; ;; esac]", E);
	XWORD("$(case x in (a) b;; esac)", "C[case x in a) b; ;; esac]", E);
	XWORD("$(echo a # a ) in a comment\n)", "C[echo a]", E);
	XWORD("$( (a) )", "C[( a )]", E);
	XWORD("$(if a; then b; fi)", "C[if a; then b; fi]", E);
	XWORD("$(`a`)", "C[`a`]", E);
	/* the tree is there, not just text */
	struct lx l;
	lx_open(&l, "$(a | b)");
	struct token t = lex_token(&l.p);
	assert_int_equal(t.kind, T_WORD);
	assert_int_equal(t.word->nparts, 1);
	assert_non_null(t.word->parts[0].tree);
	assert_int_equal(t.word->parts[0].tree->type, N_PIPE);
	assert_int_equal(t.word->parts[0].backquote, 0);
	word_free(t.word);
	lx_close(&l);
	/* an empty one has no tree */
	lx_open(&l, "$()");
	t = lex_token(&l.p);
	assert_null(t.word->parts[0].tree);
	word_free(t.word);
	lx_close(&l);
}

/* `...`: \$ \` \\ stand for the character itself (and \" inside "..."),
 * any other backslash stays; then the text is parsed as a command. */
static void test_backquotes(void **state)
{
	(void)state;
	XWORD("`echo hi`", "B[echo hi]", E);
	XWORD("\"`echo hi`\"", "qB[echo hi]", E | Q);
	XWORD("a`b`c", "L[a] B[b] L[c]", E);
	XWORD("``", "B[]", E);
	XWORD("`echo \\$x`", "B[echo $x]", E);          /* \$ is $: the inner text expands */
	XWORD("`echo \\\\$x`", "B[echo \\$x]", E);      /* \\ is \ : which then quotes the $ */
	XWORD("`echo \\`a\\``", "B[echo `a`]", E);      /* nested by escaping */
	XWORD("`echo \\\"a\\\"`", "B[echo \\\"a\\\"]", E); /* outside "...": \" stays */
	XWORD("\"`echo \\\"a\\\"`\"", "qB[echo \"a\"]", E | Q); /* inside: \" is " */
	XWORD("`echo \\a`", "B[echo \\a]", E);
	XWORD("`echo '$x'`", "B[echo '$x']", E);
	XWORD("`a\nb`", "B[a; b]", E);

	struct lx l;
	lx_open(&l, "`echo \\$x`");
	struct token t = lex_token(&l.p);
	const struct wpart *p = &t.word->parts[0];
	assert_int_equal(p->kind, WP_CMDSUB);
	assert_int_equal(p->backquote, 1);
	assert_int_equal(p->tree->type, N_SIMPLE);
	const struct simple_node *s = (const struct simple_node *)p->tree;
	assert_int_equal(s->nwords, 2);
	char *inner = wordfmt(s->words[1]);
	char copy[64];
	snprintf(copy, sizeof copy, "%s", inner);
	free(inner);
	assert_string_equal(copy, "P[x]");
	word_free(t.word);
	lx_close(&l);
}

static void test_arithmetic(void **state)
{
	(void)state;
	XWORD("$((1+2))", "A{Q[1+2]}", E);
	XWORD("\"$((1+2))\"", "qA{Q[1+2]}", E | Q);
	XWORD("$(( (1 + 2) * 3 ))", "A{Q[ (1 + 2) * 3 ]}", E);
	XWORD("$((x+$y))", "A{Q[x+] qP[y]}", E);
	XWORD("$((${x:-1}*2))", "A{qP[x:-]{Q[1]} Q[*2]}", E);
	XWORD("$(($(echo 1)+1))", "A{qC[echo 1] Q[+1]}", E);
	XWORD("$((\"1\"))", "A{Q[\"1\"]}", E);          /* quotes are plain characters here */
	XWORD("$((\\$x))", "A{Q[$x]}", E);
	XWORD("$(('a'))", "A{Q['a']}", E);
	XWORD("$(())", "A{}", E);
	XWORD("a$((1))b", "L[a] A{Q[1]} L[b]", E);
	XWORD("$((1))$((2))", "A{Q[1]} A{Q[2]}", E);
	XWORD("$(((1)))", "A{Q[(1)]}", E);
	/* $(( that turns out to be $( ( ... ) ... ): a subshell inside a
	 * command substitution, found at the first ) that is not )) */
	XWORD("$((echo a); echo b)", "C[( echo a ); echo b]", E);
	XWORD("$((a) )", "C[( a )]", E);
	XWORD("$((a)|b)", "C[( a ) | b]", E);
	XWORD("$((a))x", "A{Q[a]} L[x]", E);            /* )) right away: arithmetic */
	XWORD("$((cd /; pwd) )", "C[( cd /; pwd )]", E);
	XWORD("$( (1+2) )", "C[( 1+2 )]", E);           /* a blank keeps them apart */
}

static void test_tildes(void **state)
{
	(void)state;
	XWORD("~", "T[]", E | T);
	XWORD("~/x", "T[] L[/x]", E | T);
	XWORD("~root", "T[root]", E | T);
	XWORD("~root/x/y", "T[root] L[/x/y]", E | T);
	XWORD("~:x", "T[:x]", E | T);                  /* ':' ends it only in an assignment */
	WORD("a~", "L[a~]", 0, "a~");
	WORD("a/~", "L[a/~]", 0, "a/~");
	WORD("'~'", "Q[~]", Q, "~");
	WORD("\"~\"", "Q[~]", Q, "~");
	WORD("\\~", "Q[~]", Q, "~");
	WORD("~'r'", "L[~] Q[r]", Q, "~r");            /* a quoted login name: no tilde prefix */
	WORD("~\\r", "L[~] Q[r]", Q, "~r");
	WORD("~\"r\"/x", "L[~] Q[r] L[/x]", Q, "~r/x");
	XWORD("~$x", "L[~] P[x]", E);
	XWORD("~r$x", "L[~r] P[x]", E);
	/* in an assignment: after the = and after each unquoted : */
	XWORD("x=~", "L[x=] T=[]", E | T);
	XWORD("x=~/a:~b/c", "L[x=] T=[] L[/a:] T=[b] L[/c]", E | T);
	XWORD("x=a:~", "L[x=a:] T=[]", E | T);
	XWORD("x=~u:y", "L[x=] T=[u] L[:y]", E | T);
	WORD("x=a~", "L[x=a~]", 0, "x=a~");
	WORD("x='~'", "L[x=] Q[~]", Q, "x=~");
	WORD("x=\":~\"", "L[x=] Q[:~]", Q, "x=:~");
	WORD("x=a':'~", "L[x=a] Q[:] L[~]", Q, "x=a:~"); /* the : must be unquoted */
	WORD("a:~", "L[a:~]", 0, "a:~");               /* no assignment: no tilde after : */
	WORD("1x=~", "L[1x=~]", 0, "1x=~");            /* not a name */
	WORD("x-y=~", "L[x-y=~]", 0, "x-y=~");
	WORD("'x'=~", "Q[x] L[=~]", Q, "x=~");
	WORD("x=y=~", "L[x=y=~]", 0, "x=y=~");           /* only the first = */
	/* the word of ${x-word} may start with one (not inside "...") */
	XWORD("${x-~}", "P[x-]{T[]}", E);
	XWORD("${x-~/a}", "P[x-]{T[] L[/a]}", E);
	XWORD("${x-~u}", "P[x-]{T[u]}", E);
	XWORD("\"${x-~}\"", "qP[x-]{Q[~]}", E | Q);
	XWORD("${x-a~}", "P[x-]{L[a~]}", E);
}

static void test_flags_and_fast_path(void **state)
{
	(void)state;
	WORD("a*", "L[a*]", G, NULL);
	WORD("a?b", "L[a?b]", G, NULL);
	WORD("[ab]", "L[[ab]]", G, NULL);
	WORD("x[a-z]y", "L[x[a-z]y]", G, NULL);
	WORD("[ab", "L[[ab]", 0, "[ab");        /* a [ with no ] is no pattern */
	WORD("ab]", "L[ab]]", 0, "ab]");
	WORD("]a[", "L[]a[]", 0, "]a[");
	WORD("'*'", "Q[*]", Q, "*");
	WORD("\\*", "Q[*]", Q, "*");
	WORD("\"a*\"", "Q[a*]", Q, "a*");
	WORD("'['a]", "Q[[] L[a]]", Q, "[a]");  /* a quoted [ opens no bracket */
	WORD("a'*'b*", "L[a] Q[*] L[b*]", G | Q, NULL);
	WORD("[\\a]", "L[[] Q[a] L[]]", G | Q, NULL);
	XWORD("$x*", "P[x] L[*]", E | G);
	XWORD("\"$x\"*", "qP[x] L[*]", E | G | Q);
	XWORD("~/*", "T[] L[/*]", E | G | T);
	XWORD("$((1))", "A{Q[1]}", E);
	XWORD("`a`", "B[a]", E);
}

static void test_raw_text_and_positions(void **state)
{
	(void)state;
	static const char *const words[] = {
		"plain", "'s q'", "\"d $x q\"", "a\\ b", "${x:-a b}", "$(echo ')')", "`a \\$b`",
		"$((1 + 2))", "~/x", "x=~:~", "a\"b\"'c'$d${e}$(f)`g`$((h))",
	};
	struct strbuf line;
	sb_init(&line);
	size_t starts[sizeof words / sizeof words[0]];
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		sb_adds(&line, "  ");
		starts[i] = line.len;
		sb_adds(&line, words[i]);
	}
	struct lx l;
	lx_open(&l, line.buf);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		struct token t = lex_token(&l.p);
		assert_int_equal(t.kind, T_WORD);
		if (strcmp(t.word->raw, words[i]) != 0)
			fail_msg("raw '%s', expected '%s'", t.word->raw, words[i]);
		assert_int_equal(t.pos, starts[i]);
		assert_int_equal(t.word->pos, starts[i]);
		word_free(t.word);
	}
	struct token t = lex_token(&l.p);
	assert_int_equal(t.kind, T_EOF);
	assert_int_equal(t.pos, line.len);
	lx_close(&l);
	sb_free(&line);
}

/* ---- here-document bodies ------------------------------------------------- */

/* A pending here-document as the parser makes one for <<delim. */
static struct heredoc *pending(struct lx *l, const char *delim, int quoted, int strip_tabs)
{
	struct heredoc *h = xcalloc(1, sizeof *h);
	h->delim = xstrdup(delim);
	h->quoted = quoted;
	h->strip_tabs = strip_tabs;
	struct heredoc **tail = &l->p.pending;
	while (*tail)
		tail = &(*tail)->next_pending;
	*tail = h;
	return h;
}

static void heredoc_done(struct heredoc *h)
{
	free(h->delim);
	free(h->text);
	word_free(h->body);
	free(h);
}

/* The body is read when the newline that ends the << line is lexed, and
 * the tokens go on after the delimiter line. */
static void test_heredoc_unquoted(void **state)
{
	(void)state;
	struct lx l;
	lx_open(&l, "cat\nline $x\n`a` \\$y \\z\n${u-v}\\\nw\nEOF\nafter");
	struct token t = lex_token(&l.p);
	word_free(t.word);
	struct heredoc *h = pending(&l, "EOF", 0, 0);
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_NEWLINE);
	assert_null(l.p.pending);
	assert_string_equal(h->text, "line $x\n`a` \\$y \\z\n${u-v}w\n");
	assert_non_null(h->body);
	char *parts = wordfmt(h->body);
	char copy[256];
	snprintf(copy, sizeof copy, "%s", parts);
	free(parts);
	/* like "...", but " is plain: \$ is $, \z stays */
	assert_string_equal(copy, "Q[line ] qP[x] Q[\n] B[a] Q[ $y \\z\n] qP[u-]{Q[v]} Q[w\n]");
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_WORD);
	assert_string_equal(t.word->raw, "after");
	assert_int_equal(t.line, 7);
	word_free(t.word);
	lx_close(&l);
	heredoc_done(h);
}

static void test_heredoc_quoted_and_tabs(void **state)
{
	(void)state;
	struct lx l;
	/* quoted: the text as it stands, no expansion, backslash-newline kept */
	lx_open(&l, "\n$x `y` \\\n\"q\"\nEOF\n");
	struct heredoc *h = pending(&l, "EOF", 1, 0);
	struct token t = lex_token(&l.p);
	assert_int_equal(t.kind, T_NEWLINE);
	assert_string_equal(h->text, "$x `y` \\\n\"q\"\n");
	assert_null(h->body);
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_EOF);
	lx_close(&l);
	heredoc_done(h);

	/* <<-: leading tabs go, from the body and the delimiter line */
	lx_open(&l, "\n\tA\n\t\tB\n  C\n\tEOF\nx");
	h = pending(&l, "EOF", 0, 1);
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_NEWLINE);
	assert_string_equal(h->text, "A\nB\n  C\n");
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_WORD);
	word_free(t.word);
	lx_close(&l);
	heredoc_done(h);

	/* without -, a tabbed delimiter is no delimiter */
	lx_open(&l, "\n\tEOF\nEOF\n");
	h = pending(&l, "EOF", 0, 0);
	t = lex_token(&l.p);
	assert_string_equal(h->text, "\tEOF\n");
	lx_close(&l);
	heredoc_done(h);
}

static void test_heredoc_several_and_edges(void **state)
{
	(void)state;
	struct lx l;
	/* two on one line: read one after the other */
	lx_open(&l, "\none\nE1\ntwo\nE2\nx");
	struct heredoc *a = pending(&l, "E1", 0, 0), *b = pending(&l, "E2", 1, 0);
	struct token t = lex_token(&l.p);
	assert_int_equal(t.kind, T_NEWLINE);
	assert_string_equal(a->text, "one\n");
	assert_string_equal(b->text, "two\n");
	assert_null(a->next_pending);
	lx_close(&l);
	heredoc_done(a);
	heredoc_done(b);

	/* the delimiter must be the whole line; an empty body */
	lx_open(&l, "\nEOF \n EOF\nEOFx\nEOF\n");
	a = pending(&l, "EOF", 0, 0);
	t = lex_token(&l.p);
	assert_string_equal(a->text, "EOF \n EOF\nEOFx\n");
	lx_close(&l);
	heredoc_done(a);
	lx_open(&l, "\nEOF\n");
	a = pending(&l, "EOF", 0, 0);
	t = lex_token(&l.p);
	assert_string_equal(a->text, "");
	assert_int_equal(a->body->nparts, 0);
	lx_close(&l);
	heredoc_done(a);

	/* the end of the input ends the body too, as in dash: the last line
	 * keeps no newline it did not have */
	lx_open(&l, "\nno end\nline");
	a = pending(&l, "EOF", 0, 0);
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_NEWLINE);
	assert_string_equal(a->text, "no end\nline");
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_EOF);
	lx_close(&l);
	heredoc_done(a);

	/* a line that never ended: the body is empty */
	lx_open(&l, "");
	a = pending(&l, "EOF", 0, 0);
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_EOF);
	assert_string_equal(a->text, "");
	lx_close(&l);
	heredoc_done(a);

	/* an empty delimiter: the first empty line ends it */
	lx_open(&l, "\na\n\nb");
	a = pending(&l, "", 0, 0);
	t = lex_token(&l.p);
	assert_string_equal(a->text, "a\n");
	lx_close(&l);
	heredoc_done(a);

	/* a body with a syntax error in an expansion: the error points at
	 * the start of the body */
	lx_open(&l, "x\n${y-a\nEOF\n");
	a = pending(&l, "EOF", 0, 0);
	t = lex_token(&l.p);
	word_free(t.word);
	t = lex_token(&l.p);
	assert_int_equal(t.kind, T_ERROR);
	assert_string_equal(l.p.err.msg, "missing '}' for '${': the input ended first");
	assert_int_equal(l.p.err.pos, 2);
	lx_close(&l);
	heredoc_done(a);
}

/* lex_heredoc_body on its own: the word of an unquoted body. */
static void test_lex_heredoc_body(void **state)
{
	(void)state;
	struct lx l;
	lx_open(&l, "");
	struct word *w = lex_heredoc_body(&l.p, "a $b \"c\" '$d'\n", 0);
	assert_non_null(w);
	char *got = wordfmt(w);
	char copy[128];
	snprintf(copy, sizeof copy, "%s", got);
	free(got);
	word_free(w);
	assert_string_equal(copy, "Q[a ] qP[b] Q[ \"c\" '] qP[d] Q['\n]");
	w = lex_heredoc_body(&l.p, "$(", 7);
	assert_null(w);
	assert_true(l.p.failed);
	assert_int_equal(l.p.err.pos, 7);
	lx_close(&l);
}

/* ---- errors ---------------------------------------------------------------- */

static void test_errors(void **state)
{
	(void)state;
	LEXERR("'abc", 0, 1, "unterminated single quote: the input ended first");
	LEXERR("echo 'a\nb", 5, 1, "unterminated single quote: the input ended first");
	LEXERR("a \"bc", 2, 1, "unterminated double quote: the input ended first");
	LEXERR("\"a\\\"", 0, 1, "unterminated double quote: the input ended first");
	LEXERR("x `ls", 2, 1, "unterminated backquote: the input ended first");
	LEXERR("x `ls\\", 2, 1, "unterminated backquote: the input ended first");
	LEXERR("\"`ls\"", 1, 1, "unterminated backquote: the input ended first");
	LEXERR("a ${x", 2, 1, "missing '}' for '${': the input ended first");
	LEXERR("${x:-abc", 0, 1, "missing '}' for '${': the input ended first");
	LEXERR("\"${x-\"}\"", 1, 1, "missing '}' for '${': the input ended first");
	LEXERR("${x%%", 0, 1, "missing '}' for '${': the input ended first");
	LEXERR("${", 0, 0, "bad substitution: no parameter name after ${");
	LEXERR("a ${}", 2, 0, "bad substitution: no parameter name after ${");
	LEXERR("${ x}", 0, 0, "bad substitution: no parameter name after ${");
	LEXERR("${-x}", 0, 0, "bad substitution: unknown operator after ${NAME");
	LEXERR("${%x}", 0, 0, "bad substitution: no parameter name after ${");
	LEXERR("${#x-y}", 0, 0, "bad substitution: ${#NAME} takes no operator");
	LEXERR("${#x:-y}", 0, 0, "bad substitution: ${#NAME} takes no operator");
	LEXERR("${x!}", 0, 0, "bad substitution: unknown operator after ${NAME");
	LEXERR("${x:%y}", 0, 0, "bad substitution: unknown operator after ${NAME");
	LEXERR("${x:#y}", 0, 0, "bad substitution: unknown operator after ${NAME");
	LEXERR("${x/a/b}", 0, 0, "bad substitution: unknown operator after ${NAME");
	LEXERR("${x:}", 0, 0, "bad substitution: unknown operator after ${NAME");
	LEXERR("${1a}", 0, 0, "bad substitution: unknown operator after ${NAME");
	LEXERR("${x y}", 0, 0, "bad substitution: unknown operator after ${NAME");
	LEXERR("\"${}\"", 1, 0, "bad substitution: no parameter name after ${");
	LEXERR("${x-${}}", 4, 0, "bad substitution: no parameter name after ${");
	LEXERR("$((1+2", 0, 1, "missing '))' for '$((': the input ended first");
	LEXERR("x$((1+(2)", 1, 1, "missing '))' for '$((': the input ended first");
	LEXERR("$(echo", 2, 1, "'$(' is missing its ')': the input ended first");
	LEXERR("$(echo ;; )", 7, 0, "unexpected ';;'");
	LEXERR("$((a)b)", 5, 0, "unexpected word 'b'");  /* its word is freed (valgrind) */
	LEXERR("$(if)", 4, 0, "'if' needs at least one command here");
	LEXERR("`echo )`x", 0, 0, "unexpected ')'"); /* the text is parsed when it ends */
	LEXERR("`if`", 0, 1, "'if' needs a command: the input ended first");
	LEXERR("echo `a '`", 5, 1, "unterminated single quote: the input ended first");
	LEXERR("$(echo 'a)", 7, 1, "unterminated single quote: the input ended first");
	LEXERR("${x-'a}", 4, 1, "unterminated single quote: the input ended first");
	/* the first error wins; nothing after it is lexed */
	LEXERR("'a ${", 0, 1, "unterminated single quote: the input ended first");
}

/* ---- sources ---------------------------------------------------------------- */

struct feed {
	const char *const *lines;
	size_t next;
	int calls, continuations;
};

/* A prompt callback handing out lines; NULL entries are Ctrl-C, the end of
 * the list is end of input. */
static enum src_line feed_line(void *ctx, int continuation, char **line)
{
	struct feed *f = ctx;
	f->calls++;
	f->continuations += continuation;
	if (!f->lines[f->next])
		return SRC_LINE_EOF;
	const char *l = f->lines[f->next++];
	if (strcmp(l, "^C") == 0)
		return SRC_LINE_INTR;
	*line = xstrdup(l);
	return SRC_LINE;
}

/* The tokenizer asks for the next line only when it needs a character past
 * the end of the text it has: a quote left open fetches exactly one more. */
static void test_prompt_source(void **state)
{
	(void)state;
	static const char *const lines[] = { "echo 'a", "b' c", "next", NULL };
	struct feed f = { lines, 0, 0, 0 };
	struct source src;
	src_init_prompt(&src, feed_line, &f);
	struct parser p = { .src = &src };
	struct token t = lex_token(&p);
	assert_int_equal(f.calls, 1);
	assert_int_equal(t.kind, T_WORD);
	word_free(t.word);
	t = lex_token(&p);
	assert_int_equal(t.kind, T_WORD);
	assert_string_equal(t.word->lit, "a\nb");
	assert_int_equal(f.calls, 2);
	assert_int_equal(f.continuations, 1);
	assert_int_equal(t.line, 1);
	word_free(t.word);
	t = lex_token(&p);
	word_free(t.word);
	t = lex_token(&p);
	assert_int_equal(t.kind, T_NEWLINE);
	assert_int_equal(f.calls, 2); /* the newline is there; no more asked */
	/* the whole command's text is kept for the caret and history */
	assert_string_equal(src.text.buf, "echo 'a\nb' c\n");
	src_begin(&src);
	t = lex_token(&p);
	assert_int_equal(f.calls, 3);
	assert_int_equal(f.continuations, 1); /* a new command: PS1 */
	assert_string_equal(t.word->lit, "next");
	word_free(t.word);
	t = lex_token(&p);
	assert_int_equal(t.kind, T_NEWLINE);
	t = lex_token(&p);
	assert_int_equal(t.kind, T_EOF);
	t = lex_token(&p);
	assert_int_equal(t.kind, T_EOF); /* and stays at the end */
	src_free(&src);
}

/* Ctrl-C at a continuation prompt: the token is an error with SYN_INTR. */
static void test_prompt_interrupt(void **state)
{
	(void)state;
	static const char *const lines[] = { "echo \"a", "^C", "later", NULL };
	struct feed f = { lines, 0, 0, 0 };
	struct source src;
	src_init_prompt(&src, feed_line, &f);
	struct parser p = { .src = &src };
	struct token t = lex_token(&p);
	word_free(t.word);
	t = lex_token(&p);
	assert_int_equal(t.kind, T_ERROR);
	assert_true(p.failed);
	assert_int_equal(p.err.status, SYN_INTR);
	assert_null(t.word);
	src_free(&src);
}

/* A string source with NUL bytes: they are dropped, as dash does. */
static void test_string_source_nul(void **state)
{
	(void)state;
	static const char text[] = "ec\0ho a\0b";
	struct source src;
	src_init_string(&src, text, sizeof text - 1, 1);
	struct parser p = { .src = &src };
	struct token t = lex_token(&p);
	assert_string_equal(t.word->lit, "echo");
	word_free(t.word);
	t = lex_token(&p);
	assert_string_equal(t.word->lit, "ab");
	word_free(t.word);
	src_free(&src);
}

/* ---- helpers on words ---------------------------------------------------------- */

static struct word *one_word(const char *text)
{
	struct lx l;
	lx_open(&l, text);
	struct token t = lex_token(&l.p);
	lx_close(&l);
	assert_int_equal(t.kind, T_WORD);
	return t.word;
}

static void test_word_helpers(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t assign_len;
		int is_if;
	} cases[] = {
		{ "x=1", 1, 0 },     { "abc=", 3, 0 },   { "_a1=$x", 3, 0 },  { "x==", 1, 0 },
		{ "=x", 0, 0 },      { "1x=2", 0, 0 },   { "'x'=1", 0, 0 },   { "x\\=1", 0, 0 },
		{ "$x=1", 0, 0 },    { "x", 0, 0 },      { "if", 0, 1 },      { "'if'", 0, 0 },
		{ "i\\f", 0, 0 },    { "if=", 2, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct word *w = one_word(cases[i].text);
		size_t n = word_assign_len(w);
		int is_if = word_is(w, "if");
		word_free(w);
		if (n != cases[i].assign_len)
			fail_msg("word_assign_len(%s) = %zu, expected %zu", cases[i].text, n, cases[i].assign_len);
		if (is_if != cases[i].is_if)
			fail_msg("word_is(%s, \"if\") = %d", cases[i].text, is_if);
	}
	assert_false(word_is(NULL, "if"));

	/* tildes taken after = and : go back to text when the word turns out
	 * not to be an assignment */
	struct word *w = one_word("x=~/a:~b");
	assert_true(w->flags & W_TILDE);
	assert_null(w->lit);
	word_drop_assign_tildes(w);
	char *got = wordfmt(w);
	char copy[64];
	snprintf(copy, sizeof copy, "%s", got);
	free(got);
	assert_string_equal(copy, "L[x=] L[~] L[/a:] L[~b]");
	assert_false(w->flags & (W_TILDE | W_EXPAND));
	assert_non_null(w->lit);
	assert_string_equal(w->lit, "x=~/a:~b");
	word_free(w);
	/* a tilde at the start stays a tilde */
	w = one_word("~/x=~");
	word_drop_assign_tildes(w);
	assert_true(w->flags & W_TILDE);
	assert_int_equal(w->parts[0].kind, WP_TILDE);
	word_free(w);
	/* other expansions keep the word expandable */
	w = one_word("x=~:$y");
	word_drop_assign_tildes(w);
	assert_true(w->flags & W_EXPAND);
	assert_false(w->flags & W_TILDE);
	assert_null(w->lit);
	word_free(w);

	/* words the parser makes up */
	w = word_from_text("a b", 1, "'a b'");
	assert_string_equal(w->lit, "a b");
	assert_string_equal(w->raw, "'a b'");
	assert_int_equal(w->flags, W_QUOTED);
	word_free(w);
	w = word_from_text("", 1, "\"\"");
	assert_string_equal(w->lit, "");
	assert_int_equal(w->nparts, 1);
	word_free(w);
	w = word_from_text("*", 0, "*");
	assert_int_equal(w->flags, W_GLOB);
	assert_null(w->lit);
	word_free(w);
}

static void test_tok_names(void **state)
{
	(void)state;
	static const struct {
		enum tok_kind kind;
		const char *name;
	} names[] = {
		{ T_EOF, "end of input" }, { T_NEWLINE, "end of line" }, { T_WORD, "word" },
		{ T_SEMI, "';'" },         { T_AMP, "'&'" },            { T_PIPE, "'|'" },
		{ T_AND, "'&&'" },         { T_OR, "'||'" },            { T_DSEMI, "';;'" },
		{ T_SEMIAMP, "';&'" },     { T_LPAREN, "'('" },         { T_RPAREN, "')'" },
		{ T_LESS, "'<'" },         { T_GREAT, "'>'" },          { T_DGREAT, "'>>'" },
		{ T_CLOBBER, "'>|'" },     { T_LESSGREAT, "'<>'" },     { T_LESSAND, "'<&'" },
		{ T_GREATAND, "'>&'" },    { T_DLESS, "'<<'" },         { T_DLESSDASH, "'<<-'" },
		{ T_ERROR, "error" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_string_equal(tok_name(names[i].kind), names[i].name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_operator),
		cmocka_unit_test(test_operator_longest_match),
		cmocka_unit_test(test_io_number),
		cmocka_unit_test(test_blanks_and_comments),
		cmocka_unit_test(test_line_numbers),
		cmocka_unit_test(test_line_continuation),
		cmocka_unit_test(test_literal_words),
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_parameter_operators),
		cmocka_unit_test(test_command_substitution),
		cmocka_unit_test(test_backquotes),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_tildes),
		cmocka_unit_test(test_flags_and_fast_path),
		cmocka_unit_test(test_raw_text_and_positions),
		cmocka_unit_test(test_heredoc_unquoted),
		cmocka_unit_test(test_heredoc_quoted_and_tabs),
		cmocka_unit_test(test_heredoc_several_and_edges),
		cmocka_unit_test(test_lex_heredoc_body),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_prompt_source),
		cmocka_unit_test(test_prompt_interrupt),
		cmocka_unit_test(test_string_source_nul),
		cmocka_unit_test(test_word_helpers),
		cmocka_unit_test(test_tok_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
