/* test_parser.c - unit tests for the parser (shell/parse*.c), the tree
 * (shell/node.c), writing it back (shell/nodefmt.c) and the function
 * table's references (shell/func.c).
 *
 * Trees are compared as pictures (treefmt.h).  Covers every node kind
 * (simple commands, pipelines with and without !, and-or lists, sequences,
 * background commands, subshells, brace groups, if/elif/else, while and
 * until, for with and without `in`, case with every form of item,
 * function definitions, redirected compound commands, explain), reserved
 * words recognised only where the grammar allows them, assignments versus
 * words, here-documents, multi-line input through a string source with
 * parse_command, node positions and lines, node_text round trips, function
 * definitions outliving their tree (funcdef_hold / funcdef_release and the
 * function table), and every syntax error the parser reports, with its
 * position: unexpected tokens, a missing fi/done/esac/}/), an empty
 * compound list, `for` without a name, a redirection without a word,
 * >&WORD that can never be a descriptor, the end of input inside each
 * construct, and nesting too deep for the stack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "../../shell/func.h"
#include "../../shell/parser.h"
#include "../../shell/source.h"
#include "../../shell/stack.h"
#include "../../shell/util.h"
#include "treefmt.h"
#include "wordfmt.h"

/* ---- helpers ------------------------------------------------------------ */

/* Parse text with parse_string, which must succeed. */
static struct node *parse_ok(const char *text, int line)
{
	struct node *n = NULL;
	struct syn_error err;
	enum syn_status st = parse_string(text, strlen(text), &n, &err);
	if (st != SYN_OK)
		fail_msg("line %d: parse_string(\"%s\") failed: %s at %zu", line, text, err.msg, err.pos);
	return n;
}

/* text must parse into a tree that looks like want. */
static void check_tree(const char *text, const char *want, int line)
{
	struct node *n = parse_ok(text, line);
	char *got = treefmt(n);
	node_free(n);
	char copy[2048];
	snprintf(copy, sizeof copy, "%s", got);
	free(got);
	if (strcmp(copy, want) != 0)
		fail_msg("line %d: tree of \"%s\":\n  got      %s\n  expected %s", line, text, copy, want);
}

#define TREE(text, want) check_tree((text), (want), __LINE__)

/* text must fail to parse with exactly msg, at pos, with at_eof. */
static void check_error(const char *text, size_t pos, int at_eof, const char *msg, int line)
{
	struct node *n = (struct node *)&n;
	struct syn_error err;
	memset(&err, 0, sizeof err);
	enum syn_status st = parse_string(text, strlen(text), &n, &err);
	if (st != SYN_ERROR) {
		char *t = st == SYN_OK ? treefmt(n) : xstrdup("?");
		char copy[512];
		snprintf(copy, sizeof copy, "%s", t);
		free(t);
		if (st == SYN_OK)
			node_free(n);
		fail_msg("line %d: \"%s\" parsed (status %d): %s", line, text, (int)st, copy);
	}
	assert_null(n);
	assert_int_equal(err.status, SYN_ERROR);
	if (strcmp(err.msg, msg) != 0)
		fail_msg("line %d: \"%s\": message\n  '%s', expected\n  '%s'", line, text, err.msg, msg);
	if (err.pos != pos)
		fail_msg("line %d: \"%s\" (%s): error at %zu, expected %zu", line, text, msg, err.pos, pos);
	if (err.at_eof != at_eof)
		fail_msg("line %d: \"%s\" (%s): at_eof %d, expected %d", line, text, msg, err.at_eof, at_eof);
	assert_true(err.pos <= strlen(text));
}

#define SYNERR(text, pos, at_eof, msg) check_error((text), (pos), (at_eof), (msg), __LINE__)

/* node_text of the tree of text must be want, and want must parse into a
 * tree that writes back the same way. */
static void check_round_trip(const char *text, const char *want, int line)
{
	struct node *n = parse_ok(text, line);
	char *got = node_text(n);
	char *pic = treefmt(n);
	node_free(n);
	struct node *again = parse_ok(got, line);
	char *got2 = node_text(again);
	char *pic2 = treefmt(again);
	node_free(again);
	char c1[1024], c2[1024], p1[1024], p2[1024];
	snprintf(c1, sizeof c1, "%s", got);
	snprintf(c2, sizeof c2, "%s", got2);
	snprintf(p1, sizeof p1, "%s", pic);
	snprintf(p2, sizeof p2, "%s", pic2);
	free(got);
	free(got2);
	free(pic);
	free(pic2);
	if (strcmp(c1, want) != 0)
		fail_msg("line %d: node_text of \"%s\":\n  got      %s\n  expected %s", line, text, c1, want);
	if (strcmp(c2, c1) != 0)
		fail_msg("line %d: \"%s\" writes back as \"%s\"", line, c1, c2);
	if (strcmp(p1, p2) != 0)
		fail_msg("line %d: \"%s\" and its text \"%s\" parse differently:\n  %s\n  %s", line, text, c1, p1, p2);
}

#define ROUND(text, want) check_round_trip((text), (want), __LINE__)

/* ---- simple commands, pipelines, lists ------------------------------------ */

static void test_simple_commands(void **state)
{
	(void)state;
	TREE("echo hi there", "S(echo hi there)");
	TREE("  echo   'a b'  ", "S(echo 'a b')");
	TREE("x=1", "S(A:x=1)");
	TREE("x=1 y=$2 cmd a=b", "S(A:x=1 A:y=$2 cmd a=b)");
	TREE(">f", "S(R:1>f)");
	TREE("<f cat >g 2>>h", "S(cat R:0<f R:1>g R:2>>h)");
	TREE(">f x=1 cmd", "S(A:x=1 cmd R:1>f)");        /* an assignment after a redirection */
	TREE("x=1 >f", "S(A:x=1 R:1>f)");
	TREE("a <>f >|g <&3 >&- 0<&- 9>&2", "S(a R:0<>f R:1>|g R:0<&3 R:1>&- R:0<&- R:9>&2)");
	TREE("a 10>f", "S(a R:10>f)");
	TREE("a 2>&$fd", "S(a R:2>&$fd)");               /* decided when it runs */
	TREE("a >&'1'", "S(a R:1>&'1')");
	/* assignments only before the command name, and only with a name */
	TREE("echo x=1", "S(echo x=1)");
	TREE("'x'=1 a", "S('x'=1 a)");
	TREE("x\\=1", "S(x\\=1)");
	TREE("1x=2", "S(1x=2)");
	TREE("=x", "S(=x)");
	TREE("x+=1", "S(x+=1)");
	TREE("$x=1", "S($x=1)");
	TREE("x=", "S(A:x=)");
	TREE("x=a b=c", "S(A:x=a A:b=c)");
	/* words with expansions keep their parts */
	TREE("echo $(a; b) `c` $((1+2)) ${x:-y}", "S(echo $(a; b) `c` $((1+2)) ${x:-y})");
}

/* A tilde after = or : stays a tilde prefix in an assignment, and goes back
 * to text in an ordinary word. */
static void test_assignment_tildes(void **state)
{
	(void)state;
	struct node *n = parse_ok("x=~/a:~b cmd y=~/c:~d", __LINE__);
	const struct simple_node *s = (const struct simple_node *)n;
	assert_int_equal(n->type, N_SIMPLE);
	assert_int_equal(s->nassign, 1);
	assert_int_equal(s->nwords, 2);
	char *a = wordfmt(s->assigns[0]), *w = wordfmt(s->words[1]);
	char ca[128], cw[128];
	snprintf(ca, sizeof ca, "%s", a);
	snprintf(cw, sizeof cw, "%s", w);
	free(a);
	free(w);
	int wflags = (int)s->words[1]->flags;
	char lit[64];
	snprintf(lit, sizeof lit, "%s", s->words[1]->lit ? s->words[1]->lit : "(none)");
	node_free(n);
	assert_string_equal(ca, "L[x=] T=[] L[/a:] T=[b]");
	assert_string_equal(cw, "L[y=] L[~] L[/c:] L[~d]");
	assert_int_equal(wflags, 0);
	assert_string_equal(lit, "y=~/c:~d"); /* a plain word again */
	/* a tilde at the start of a word stays */
	n = parse_ok("echo ~/x", __LINE__);
	s = (const struct simple_node *)n;
	assert_int_equal(s->words[1]->parts[0].kind, WP_TILDE);
	node_free(n);
}

static void test_pipelines(void **state)
{
	(void)state;
	TREE("a | b", "P(S(a) S(b))");
	TREE("a|b|c", "P(S(a) S(b) S(c))");
	TREE("a |\n\n b", "P(S(a) S(b))");               /* newlines after | */
	TREE("! a", "!P(S(a))");
	TREE("! a | b", "!P(S(a) S(b))");
	TREE("! ! a", "S(a)");                             /* two negations cancel */
	TREE("! ! ! a | b", "!P(S(a) S(b))");
	TREE("a | (b) | { c; }", "P(S(a) SUB(S(b)) BR(S(c)))");
	TREE("! if a; then b; fi | c", "!P(IF(S(a); S(b); -) S(c))");
	TREE("a | x=1", "P(S(a) S(A:x=1))");
	TREE("a 2>&1 | b", "P(S(a R:2>&1) S(b))");
	TREE("echo !", "S(echo !)");                       /* ! only first */
	TREE("!a", "S(!a)");                               /* one word */
	TREE("'!' a", "S('!' a)");
}

static void test_and_or_lists(void **state)
{
	(void)state;
	TREE("a && b", "AO(S(a) && S(b))");
	TREE("a || b && c", "AO(S(a) || S(b) && S(c))");
	TREE("a &&\n b ||\n\n c", "AO(S(a) && S(b) || S(c))");
	TREE("a | b && ! c", "AO(P(S(a) S(b)) && !P(S(c)))");
	TREE("a && (b || c)", "AO(S(a) && SUB(AO(S(b) || S(c))))");
}

static void test_sequences_and_background(void **state)
{
	(void)state;
	TREE("a; b", "SEQ(S(a) S(b))");
	TREE("a;", "S(a)");
	TREE("a &", "BG(S(a))");
	TREE("a & b", "SEQ(BG(S(a)) S(b))");
	TREE("a & b &", "SEQ(BG(S(a)) BG(S(b)))");
	TREE("a && b & c; d", "SEQ(BG(AO(S(a) && S(b))) S(c) S(d))");
	TREE("a | b &", "BG(P(S(a) S(b)))");
	TREE("a\nb", "SEQ(S(a) S(b))");                     /* a whole string is one list */
	TREE("a\n\n# comment\nb # more\n", "SEQ(S(a) S(b))");
	TREE("", "-");
	TREE("\n\n", "-");
	TREE("# only\n", "-");
}

/* ---- compound commands ------------------------------------------------------ */

static void test_groups(void **state)
{
	(void)state;
	TREE("(a)", "SUB(S(a))");
	TREE("( a; b )", "SUB(SEQ(S(a) S(b)))");
	TREE("(\na\nb\n)", "SUB(SEQ(S(a) S(b)))");
	TREE("((a))", "SUB(SUB(S(a)))");
	TREE("(a &)", "SUB(BG(S(a)))");
	TREE("(a) > f", "RD(SUB(S(a)) R:1>f)");
	TREE("(a) 2>&1 <g", "RD(SUB(S(a)) R:2>&1 R:0<g)");
	TREE("{ a; }", "BR(S(a))");
	TREE("{ a; b; }", "BR(SEQ(S(a) S(b)))");
	TREE("{\na\n}", "BR(S(a))");
	TREE("{ a & }", "BR(BG(S(a)))");
	TREE("{ a; } >f 2>&1", "RD(BR(S(a)) R:1>f R:2>&1)");
	TREE("{ { a; }; }", "BR(BR(S(a)))");
	TREE("{ echo }; }", "BR(S(echo }))");              /* } is a word after echo */
	TREE("{ echo {; }", "BR(S(echo {))");
	TREE("a; { b; }", "SEQ(S(a) BR(S(b)))");
}

static void test_if(void **state)
{
	(void)state;
	TREE("if a; then b; fi", "IF(S(a); S(b); -)");
	TREE("if a; then b; else c; fi", "IF(S(a); S(b); S(c))");
	TREE("if a; then b; elif c; then d; fi", "IF(S(a); S(b); ELIF(S(c); S(d); -))");
	TREE("if a; then b; elif c; then d; elif e; then f; else g; fi",
	     "IF(S(a); S(b); ELIF(S(c); S(d); ELIF(S(e); S(f); S(g))))");
	TREE("if a\nthen\n b\n c\nelse\n d\nfi", "IF(S(a); SEQ(S(b) S(c)); S(d))");
	TREE("if a; b; then c; fi", "IF(SEQ(S(a) S(b)); S(c); -)");
	TREE("if if a; then b; fi; then c; fi", "IF(IF(S(a); S(b); -); S(c); -)");
	TREE("if a; then b; fi >f", "RD(IF(S(a); S(b); -) R:1>f)");
	TREE("if (a) then { b; } fi", "IF(SUB(S(a)); BR(S(b)); -)");
	TREE("if a & then b & fi", "IF(BG(S(a)); BG(S(b)); -)");
	TREE("if echo else; then echo fi; fi", "IF(S(echo else); S(echo fi); -)");
}

static void test_loops(void **state)
{
	(void)state;
	TREE("while a; do b; done", "WHILE(S(a); S(b))");
	TREE("until a; do b; done", "UNTIL(S(a); S(b))");
	TREE("while a\ndo\nb\ndone", "WHILE(S(a); S(b))");
	TREE("while a; b; do c; d; done", "WHILE(SEQ(S(a) S(b)); SEQ(S(c) S(d)))");
	TREE("while a; do b; done < f", "RD(WHILE(S(a); S(b)) R:0<f)");
	TREE("while a; do b; done | c", "P(WHILE(S(a); S(b)) S(c))");
	TREE("while a; do b; done &", "BG(WHILE(S(a); S(b)))");
	TREE("while while a; do b; done; do c; done", "WHILE(WHILE(S(a); S(b)); S(c))");
	TREE("for x in a b; do c; done", "FOR(x in a b; S(c))");
	TREE("for x in; do c; done", "FOR(x in; S(c))");
	TREE("for x; do c; done", "FOR(x; S(c))");
	TREE("for x do c; done", "FOR(x; S(c))");
	TREE("for x\ndo c\ndone", "FOR(x; S(c))");
	TREE("for x\nin a\ndo c\ndone", "FOR(x in a; S(c))");
	TREE("for x in a b\ndo\n c\ndone", "FOR(x in a b; S(c))");
	TREE("for x in do done in for; do c; done", "FOR(x in do done in for; S(c))");
	TREE("for x in \"$@\" *.c; do c; done >f", "RD(FOR(x in \"$@\" *.c; S(c)) R:1>f)");
	TREE("for for in for; do echo for; done", "FOR(for in for; S(echo for))");
	TREE("for in in in; do echo in; done", "FOR(in in in; S(echo in))");
}

static void test_case(void **state)
{
	(void)state;
	TREE("case x in a) b;; esac", "CASE(x; a: S(b);;)");
	TREE("case x in (a) b;; esac", "CASE(x; a: S(b);;)");
	TREE("case x in a|b|'c') d;; esac", "CASE(x; a|b|'c': S(d);;)");
	TREE("case x in a) b;& c) d;; esac", "CASE(x; a: S(b);&; c: S(d);;)");
	TREE("case x in a) ;; b) c;; esac", "CASE(x; a: -;;; b: S(c);;)");
	TREE("case x in a) b; c;; esac", "CASE(x; a: SEQ(S(b) S(c));;)");
	TREE("case x in a) b\nesac", "CASE(x; a: S(b);;)");         /* no final ;; */
	TREE("case x in a) b;; c) d\nesac", "CASE(x; a: S(b);;; c: S(d);;)");
	TREE("case x in a) esac", "CASE(x; a: -;;)");
	TREE("case x in esac", "CASE(x)");
	TREE("case x\nin\na)\nb\n;;\n\nc)\nd;;\nesac", "CASE(x; a: S(b);;; c: S(d);;)");
	TREE("case $x in *.c|*.h) a;; *) b;; esac", "CASE($x; *.c|*.h: S(a);;; *: S(b);;)");
	TREE("case x in in) a;; esac", "CASE(x; in: S(a);;)");
	TREE("case x in (esac) a;; esac", "CASE(x; esac: S(a);;)");   /* ( lets esac be a pattern */
	TREE("case x in a) case y in b) c;; esac;; esac", "CASE(x; a: CASE(y; b: S(c);;);;)");
	TREE("case x in a) b;; esac >f", "RD(CASE(x; a: S(b);;) R:1>f)");
	TREE("case esac in (esac) ;; esac", "CASE(esac; esac: -;;)");
}

static void test_functions(void **state)
{
	(void)state;
	TREE("f() { a; }", "FN(f; BR(S(a)))");
	TREE("f () { a; }", "FN(f; BR(S(a)))");
	TREE("f()\n\n{ a; }", "FN(f; BR(S(a)))");
	TREE("f() (a)", "FN(f; SUB(S(a)))");
	TREE("f() { a; } >log 2>&1", "FN(f; RD(BR(S(a)) R:1>log R:2>&1))");
	TREE("f() if a; then b; fi", "FN(f; IF(S(a); S(b); -))");
	TREE("f() while a; do b; done", "FN(f; WHILE(S(a); S(b)))");
	TREE("f() for x; do b; done", "FN(f; FOR(x; S(b)))");
	TREE("f() case x in a) ;; esac", "FN(f; CASE(x; a: -;;))");
	TREE("f() { g() { a; }; }", "FN(f; BR(FN(g; BR(S(a)))))");
	TREE("f() { a; }; f", "SEQ(FN(f; BR(S(a))) S(f))");
	TREE("f() { a; } & b", "SEQ(BG(FN(f; BR(S(a)))) S(b))");
	TREE("_f1() { a; }", "FN(_f1; BR(S(a)))");

	struct node *n = parse_ok("f() {\n  echo  a\n}  >log\nx", __LINE__);
	const struct seq_node *s = (const struct seq_node *)n;
	assert_int_equal(n->type, N_SEQ);
	const struct funcdef_node *f = (const struct funcdef_node *)s->items[0];
	assert_int_equal(f->n.type, N_FUNCDEF);
	assert_string_equal(f->name, "f");
	assert_int_equal(f->refs, 1);
	assert_string_equal(f->text, "f() {\n  echo  a\n}  >log"); /* as written, for type and set */
	node_free(n);
}

/* ---- here-documents ---------------------------------------------------------- */

/* The here-document of the i-th redirection of a simple command. */
static const struct heredoc *doc_of(const struct node *n, size_t i)
{
	assert_int_equal(n->type, N_SIMPLE);
	const struct simple_node *s = (const struct simple_node *)n;
	assert_true(i < s->redirs.n);
	assert_int_equal(s->redirs.v[i].kind, R_HEREDOC);
	assert_non_null(s->redirs.v[i].doc);
	return s->redirs.v[i].doc;
}

static void test_heredocs(void **state)
{
	(void)state;
	struct node *n = parse_ok("cat <<EOF\nhello $x\nEOF\n", __LINE__);
	const struct heredoc *h = doc_of(n, 0);
	assert_string_equal(h->delim, "EOF");
	assert_false(h->quoted);
	assert_false(h->strip_tabs);
	assert_string_equal(h->text, "hello $x\n");
	assert_non_null(h->body);
	assert_int_equal(((struct simple_node *)n)->redirs.v[0].fd, 0);
	node_free(n);

	/* quoted delimiters: no expansion, the quotes removed */
	static const char *const quoted[] = { "'EOF'", "\"EOF\"", "\\EOF", "E'O'F", "EO\\F" };
	for (size_t i = 0; i < sizeof quoted / sizeof quoted[0]; i++) {
		char text[64];
		snprintf(text, sizeof text, "cat <<%s\n$x\nEOF\n", quoted[i]);
		n = parse_ok(text, __LINE__);
		h = doc_of(n, 0);
		int ok = strcmp(h->delim, "EOF") == 0 && h->quoted && !h->body && strcmp(h->text, "$x\n") == 0;
		node_free(n);
		if (!ok)
			fail_msg("<<%s: not read as a quoted EOF delimiter", quoted[i]);
	}

	/* <<- strips tabs; the IO_NUMBER goes on the redirection */
	n = parse_ok("cat 3<<-END\n\tx\n\t\ty\n\tEND\n", __LINE__);
	h = doc_of(n, 0);
	assert_true(h->strip_tabs);
	assert_string_equal(h->text, "x\ny\n");
	assert_int_equal(((struct simple_node *)n)->redirs.v[0].fd, 3);
	node_free(n);

	/* several on one line, in order; the command after them parses */
	n = parse_ok("cat <<A <<'B'; cat <<C\na\nA\nb\nB\nc\nC\necho done", __LINE__);
	char *pic = treefmt(n);
	char copy[256];
	snprintf(copy, sizeof copy, "%s", pic);
	free(pic);
	assert_string_equal(copy, "SEQ(S(cat R:0<<A R:0<<'B') S(cat R:0<<C) S(echo done))");
	const struct seq_node *s = (const struct seq_node *)n;
	assert_string_equal(doc_of(s->items[0], 0)->text, "a\n");
	assert_string_equal(doc_of(s->items[0], 1)->text, "b\n");
	assert_true(doc_of(s->items[0], 1)->quoted);
	assert_string_equal(doc_of(s->items[1], 0)->text, "c\n");
	node_free(n);

	/* inside compound commands and functions: the body follows the line */
	n = parse_ok("f() {\n  cat <<EOF\n  in f\nEOF\n}\nwhile a; do cat <<X; done\nloop\nX\n", __LINE__);
	pic = treefmt(n);
	snprintf(copy, sizeof copy, "%s", pic);
	free(pic);
	assert_string_equal(copy, "SEQ(FN(f; BR(S(cat R:0<<EOF))) WHILE(S(a); S(cat R:0<<X)))");
	s = (const struct seq_node *)n;
	const struct funcdef_node *f = (const struct funcdef_node *)s->items[0];
	const struct group_node *g = (const struct group_node *)f->body;
	assert_string_equal(doc_of(g->body, 0)->text, "  in f\n");
	const struct while_node *w = (const struct while_node *)s->items[1];
	assert_string_equal(doc_of(w->body, 0)->text, "loop\n");
	node_free(n);

	/* in a command substitution, and a redirected compound command */
	n = parse_ok("echo $(cat <<EOF\ninner\nEOF\n) after", __LINE__);
	const struct simple_node *sn = (const struct simple_node *)n;
	const struct node *tree = sn->words[1]->parts[0].tree;
	assert_string_equal(doc_of(tree, 0)->text, "inner\n");
	assert_string_equal(sn->words[2]->raw, "after");
	node_free(n);
	n = parse_ok("{ cat; } <<EOF\nx\nEOF\n", __LINE__);
	assert_int_equal(n->type, N_REDIR);
	assert_string_equal(((struct redir_node *)n)->redirs.v[0].doc->text, "x\n");
	node_free(n);

	/* the input ending on the << line: an empty body, as in dash */
	n = parse_ok("cat <<EOF", __LINE__);
	assert_string_equal(doc_of(n, 0)->text, "");
	node_free(n);
}

/* ---- reserved words -------------------------------------------------------------- */

static void test_reserved_words_where_allowed(void **state)
{
	(void)state;
	TREE("echo if then else elif fi do done case esac while until for in { } !",
	     "S(echo if then else elif fi do done case esac while until for in { } !)");
	TREE("echo if; if a; then b; fi", "SEQ(S(echo if) IF(S(a); S(b); -))");
	TREE("x=1 if", "S(A:x=1 if)");              /* after an assignment: a word */
	TREE(">f if", "S(if R:1>f)");               /* after a redirection too */
	TREE("'if' a", "S('if' a)");                 /* quoted: a word */
	TREE("\\if a", "S(\\if a)");
	TREE("i\\f a", "S(i\\f a)");
	TREE("if true; then echo fi; fi", "IF(S(true); S(echo fi); -)");
	TREE("a | while b; do c; done", "P(S(a) WHILE(S(b); S(c)))");
	TREE("a && { b; }", "AO(S(a) && BR(S(b)))");
	TREE("a; case x in x) esac", "SEQ(S(a) CASE(x; x: -;;))");
	TREE("iff; fii", "SEQ(S(iff) S(fii))");
}

/* ---- parse_command: a command at a time from a source ------------------------------ */

struct cmd_result {
	enum syn_status st;
	char pic[512];
	long line;
	size_t pos;
	char msg[160];
};

/* The next command of src through parse_command (as the shell's read loop
 * does it: src_begin first). */
static struct cmd_result next_command(struct source *src)
{
	struct cmd_result r = { 0 };
	struct node *n = (struct node *)&r;
	struct syn_error err;
	memset(&err, 0, sizeof err);
	src_begin(src);
	r.st = parse_command(src, &n, &err);
	if (r.st == SYN_OK) {
		char *pic = treefmt(n);
		snprintf(r.pic, sizeof r.pic, "%s", pic);
		free(pic);
		r.line = n ? n->line : -1;
		r.pos = n ? n->pos : 0;
		node_free(n);
	} else {
		assert_null(n);
		snprintf(r.msg, sizeof r.msg, "%s", err.msg);
		r.pos = err.pos;
		r.line = err.line;
	}
	return r;
}

static void test_parse_command_multiline(void **state)
{
	(void)state;
	const char *text = "a\nb; c &\n\n# note\nif x\nthen y\nfi\nwhile a\ndo\n  b\ndone; c\nd |\ne\nf\n";
	struct source src;
	src_init_string(&src, text, strlen(text), 1);
	static const struct {
		const char *pic;
		long line;
	} want[] = {
		{ "S(a)", 1 },
		{ "SEQ(S(b) BG(S(c)))", 2 },
		{ "-", -1 },                         /* a blank line */
		{ "-", -1 },                         /* a comment */
		{ "IF(S(x); S(y); -)", 5 },
		{ "SEQ(WHILE(S(a); S(b)) S(c))", 8 },
		{ "P(S(d) S(e))", 12 },
		{ "S(f)", 14 },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct cmd_result r = next_command(&src);
		if (r.st != SYN_OK)
			fail_msg("command %zu: status %d (%s)", i, (int)r.st, r.msg);
		if (strcmp(r.pic, want[i].pic) != 0)
			fail_msg("command %zu: %s, expected %s", i, r.pic, want[i].pic);
		if (r.line != want[i].line)
			fail_msg("command %zu (%s): line %ld, expected %ld", i, r.pic, r.line, want[i].line);
	}
	struct cmd_result r = next_command(&src);
	assert_int_equal(r.st, SYN_EOF);
	r = next_command(&src);
	assert_int_equal(r.st, SYN_EOF);
	src_free(&src);

	/* an error stops that command; the next line is read afresh */
	text = "a ;; b\nc\n";
	src_init_string(&src, text, strlen(text), 1);
	r = next_command(&src);
	assert_int_equal(r.st, SYN_ERROR);
	assert_string_equal(r.msg, "unexpected ';;'");
	assert_int_equal(r.pos, 2);
	src_skip_line(&src);
	r = next_command(&src);
	assert_int_equal(r.st, SYN_OK);
	assert_string_equal(r.pic, "S(c)");
	src_free(&src);

	/* the input ending inside a command */
	text = "if a; then\n b\n";
	src_init_string(&src, text, strlen(text), 1);
	struct node *n;
	struct syn_error err;
	src_begin(&src);
	assert_int_equal(parse_command(&src, &n, &err), SYN_ERROR);
	assert_null(n);
	assert_true(err.at_eof);
	assert_string_equal(err.msg, "'if' is missing its 'fi': the input ended first");
	assert_int_equal(err.line, 3);
	src_free(&src);
}

/* `explain` first on a command line takes the rest of the line, so that
 * the pipe after it is explained instead of run (parse_command only). */
static void test_explain_node(void **state)
{
	(void)state;
	static const struct {
		const char *text, *pic;
	} cases[] = {
		{ "explain ls | wc -l", "EXPLAIN(ls | wc -l; P(S(ls) S(wc -l)))" },
		{ "explain a && b", "EXPLAIN(a && b; AO(S(a) && S(b)))" },
		{ "explain a; b", "EXPLAIN(a; b; SEQ(S(a) S(b)))" },
		{ "explain a &", "EXPLAIN(a &; BG(S(a)))" },
		{ "explain ls > f", "EXPLAIN(ls > f; S(ls R:1>f))" },
		{ "  explain  ls >f  ", "EXPLAIN(ls >f; S(ls R:1>f))" },
		{ "explain\tx | y # c", "EXPLAIN(x | y # c; P(S(x) S(y)))" },
		/* the builtin with plain words stays a plain command */
		{ "explain ls -l", "S(explain ls -l)" },
		{ "explain", "S(explain)" },
		{ "a | explain b", "P(S(a) S(explain b))" },
		/* nothing before the operator: the builtin, as its text reads back */
		{ "explain | b", "P(S(explain) S(b))" },
		{ "explain| b", "P(S(explain) S(b))" },
		{ "explain && b", "AO(S(explain) && S(b))" },
		{ "explain &", "BG(S(explain))" },
		{ "explain >f | b", "EXPLAIN(>f | b; P(S(R:1>f) S(b)))" },
		{ "'explain' a | b", "P(S('explain' a) S(b))" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct source src;
		src_init_string(&src, cases[i].text, strlen(cases[i].text), 1);
		struct cmd_result r = next_command(&src);
		src_free(&src);
		if (r.st != SYN_OK)
			fail_msg("\"%s\": %s", cases[i].text, r.msg);
		if (strcmp(r.pic, cases[i].pic) != 0)
			fail_msg("\"%s\": %s, expected %s", cases[i].text, r.pic, cases[i].pic);
	}
	/* an error in the explained text points into the whole line */
	const char *text = "explain ls | (";
	struct source src;
	src_init_string(&src, text, strlen(text), 1);
	struct cmd_result r = next_command(&src);
	src_free(&src);
	assert_int_equal(r.st, SYN_ERROR);
	assert_string_equal(r.msg, "'(' needs a command: the input ended first");
	assert_int_equal(r.pos, 14);
	text = "explain a | ;; b";
	src_init_string(&src, text, strlen(text), 1);
	r = next_command(&src);
	src_free(&src);
	assert_int_equal(r.st, SYN_ERROR);
	assert_string_equal(r.msg, "unexpected ';;'");
	assert_int_equal(r.pos, 12);
}

/* parse_command with a blank line or nothing, and the Ctrl-C status. */
static enum src_line interrupt_second(void *ctx, int continuation, char **line)
{
	int *calls = ctx;
	if ((*calls)++ == 0) {
		*line = xstrdup("while a");
		return SRC_LINE;
	}
	(void)continuation;
	return SRC_LINE_INTR;
}

static void test_parse_command_statuses(void **state)
{
	(void)state;
	struct source src;
	struct node *n = (struct node *)&src;
	struct syn_error err;
	src_init_string(&src, "", 0, 1);
	src_begin(&src);
	assert_int_equal(parse_command(&src, &n, &err), SYN_EOF);
	assert_null(n);
	src_free(&src);
	src_init_string(&src, "   \n", 4, 1);
	src_begin(&src);
	assert_int_equal(parse_command(&src, &n, &err), SYN_OK);
	assert_null(n);
	src_free(&src);

	int calls = 0;
	src_init_prompt(&src, interrupt_second, &calls);
	src_begin(&src);
	assert_int_equal(parse_command(&src, &n, &err), SYN_INTR);
	assert_null(n);
	assert_int_equal(err.status, SYN_INTR);
	assert_int_equal(calls, 2);
	src_free(&src);
}

/* ---- positions ---------------------------------------------------------------------- */

static void test_positions(void **state)
{
	(void)state;
	struct node *n = parse_ok("a;  if b\nthen c; fi\n  (d) >f", __LINE__);
	const struct seq_node *s = (const struct seq_node *)n;
	assert_int_equal(s->count, 3);
	assert_int_equal(s->items[0]->pos, 0);
	assert_int_equal(s->items[0]->line, 1);
	assert_int_equal(s->items[1]->type, N_IF);
	assert_int_equal(s->items[1]->pos, 4);
	assert_int_equal(s->items[1]->line, 1);
	const struct if_node *i = (const struct if_node *)s->items[1];
	assert_int_equal(i->then_part->pos, 14);
	assert_int_equal(i->then_part->line, 2);
	assert_int_equal(s->items[2]->type, N_REDIR);
	assert_int_equal(s->items[2]->pos, 22);
	const struct simple_node *c = (const struct simple_node *)i->then_part;
	assert_int_equal(c->words[0]->pos, 14);
	node_free(n);
}

/* ---- writing trees back --------------------------------------------------------------- */

static void test_round_trips(void **state)
{
	(void)state;
	ROUND("echo  hi   there", "echo hi there");
	ROUND("x=1  y='a b' cmd  \"$z\"", "x=1 y='a b' cmd \"$z\"");
	ROUND("cmd >f 2>&1 <g 3<>h >|i >>j <&- 9>&2", "cmd >f 2>&1 <g 3<>h >|i >>j <&- 9>&2");
	ROUND("0>f 1<g", "0>f 1<g");
	ROUND("a|b | c", "a | b | c");
	ROUND("! a | b", "! a | b");
	ROUND("a&&b||c", "a && b || c");
	ROUND("a;b&c", "a; b & c");
	ROUND("a & b &", "a & b &");
	ROUND("(a;b)", "( a; b )");
	ROUND("(a &)", "( a & )");
	ROUND("{ a;b; }", "{ a; b; }");
	ROUND("{ a & }", "{ a & }");
	ROUND("{ a; } >f", "{ a; } >f");
	ROUND("if a\nthen b\nelif c\nthen d\nelse e\nfi", "if a; then b; elif c; then d; else e; fi");
	ROUND("if a; then b & fi", "if a; then b & fi");
	ROUND("while a; do b; done", "while a; do b; done");
	ROUND("until a\ndo b; c\ndone", "until a; do b; c; done");
	ROUND("for x in a 'b c'; do d; done", "for x in a 'b c'; do d; done");
	ROUND("for x\ndo d\ndone", "for x; do d; done");
	ROUND("for x in; do d; done", "for x in; do d; done");
	ROUND("case $x in a|b) c;; (d) e;& f) ;; esac", "case $x in a|b) c; ;; d) e; ;& f) ;; esac");
	ROUND("case x in esac", "case x in esac");
	ROUND("f() { a; }", "f() { a; }");
	ROUND("f() (a) >log", "f() ( a ) >log");
	ROUND("echo $(a;b) `c` $((1 + 2)) ${x:-'y z'}", "echo $(a;b) `c` $((1 + 2)) ${x:-'y z'}");
	ROUND("a\nb", "a; b");
	ROUND("cat <<-EOF\n\tx\n\tEOF\n", "cat <<-EOF");
	/* the delimiter -x after <<: written together, <<-x would strip tabs */
	ROUND("cat << -x\nb\n-x\n", "cat << -x");
	ROUND("cat <<- -x\nb\n-x\n", "cat <<--x");
	/* ones that need care to parse back */
	ROUND(">f if", ">f if");
	ROUND("2>f { a", "2>f { a");
	ROUND("<f ! a", "<f ! a");
	ROUND("x=1 if", "x=1 if");
	ROUND("case x in (esac) ;; esac", "case x in (esac) ;; esac");
	ROUND("case x in (in) a;; esac", "case x in in) a; ;; esac");
	ROUND("case x in (esac|a) ;; (b) c;; esac", "case x in (esac|a) ;; b) c; ;; esac");
}

/* ---- function definitions outlive their tree ------------------------------------------ */

static void test_funcdef_refs(void **state)
{
	(void)state;
	struct node *n = parse_ok("f() { echo in f; }", __LINE__);
	struct funcdef_node *f = (struct funcdef_node *)n;
	assert_int_equal(f->refs, 1);
	funcdef_hold(f);
	assert_int_equal(f->refs, 2);
	node_free(n); /* the tree lets go; the definition lives on */
	assert_int_equal(f->refs, 1);
	assert_string_equal(f->name, "f");
	char *text = node_text(f->body);
	char copy[64];
	snprintf(copy, sizeof copy, "%s", text);
	free(text);
	assert_string_equal(copy, "{ echo in f; }");
	funcdef_release(f); /* the last reference: freed (valgrind checks) */

	/* the function table holds one reference per definition */
	n = parse_ok("g() { a; }; h() { b; }", __LINE__);
	const struct seq_node *s = (const struct seq_node *)n;
	struct funcdef_node *g = (struct funcdef_node *)s->items[0];
	struct funcdef_node *h = (struct funcdef_node *)s->items[1];
	func_define(g);
	func_define(h);
	assert_int_equal(g->refs, 2);
	node_free(n);
	assert_ptr_equal(func_find("g"), g);
	assert_ptr_equal(func_find("h"), h);
	assert_int_equal(g->refs, 1);
	assert_null(func_find("nope"));

	/* redefining drops the old one; a running call keeps it alive */
	n = parse_ok("g() { c; }", __LINE__);
	struct funcdef_node *g2 = (struct funcdef_node *)n;
	funcdef_hold(g); /* as a call that is running does */
	func_define(g2);
	assert_ptr_equal(func_find("g"), g2);
	assert_int_equal(g->refs, 1);
	assert_string_equal(g->name, "g"); /* still readable */
	funcdef_release(g);
	node_free(n);
	assert_int_equal(g2->refs, 1);

	/* defining the same node again changes nothing */
	func_define(g2);
	assert_int_equal(g2->refs, 1);

	assert_int_equal(func_unset("g"), 0);
	assert_int_equal(func_unset("g"), -1);
	assert_null(func_find("g"));
	assert_non_null(func_find("h"));
	func_clear_all();
	assert_null(func_find("h"));
}

/* func_each visits in name order. */
static void collect(struct funcdef_node *f, void *ctx)
{
	struct strbuf *sb = ctx;
	sb_adds(sb, f->name);
	sb_addc(sb, ' ');
}

static void test_func_each(void **state)
{
	(void)state;
	struct node *n = parse_ok("zz() { a; }; aa() { a; }; mm() { a; }; b_() { a; }", __LINE__);
	const struct seq_node *s = (const struct seq_node *)n;
	for (size_t i = 0; i < s->count; i++)
		func_define((struct funcdef_node *)s->items[i]);
	node_free(n);
	struct strbuf sb;
	sb_init(&sb);
	func_each(collect, &sb);
	char copy[64];
	snprintf(copy, sizeof copy, "%s", sb.buf ? sb.buf : "");
	sb_free(&sb);
	func_clear_all();
	assert_string_equal(copy, "aa b_ mm zz ");
	sb_init(&sb);
	func_each(collect, &sb); /* an empty table */
	assert_null(sb.buf);
}

/* ---- syntax errors ------------------------------------------------------------------- */

static void test_errors_unexpected(void **state)
{
	(void)state;
	SYNERR("| a", 0, 0, "unexpected '|'");
	SYNERR("a | | b", 4, 0, "unexpected '|'");
	SYNERR("; a", 0, 0, "unexpected ';'");
	SYNERR("a ;; b", 2, 0, "unexpected ';;'");
	SYNERR("a ;& b", 2, 0, "unexpected ';&'");
	SYNERR("a && && b", 5, 0, "unexpected '&&'");
	SYNERR("a & ; b", 4, 0, "unexpected ';'");
	SYNERR("&", 0, 0, "unexpected '&'");
	SYNERR(")", 0, 0, "unexpected ')'");
	SYNERR("a )", 2, 0, "unexpected ')'");
	SYNERR("a (", 3, 1, "'function definition' is missing its ')': the input ended first");
	SYNERR("echo a (b)", 7, 0, "unexpected '('");
	SYNERR("fi", 0, 0, "unexpected word 'fi'");
	SYNERR("a; done", 3, 0, "unexpected word 'done'");
	SYNERR("then", 0, 0, "unexpected word 'then'");
	SYNERR("else", 0, 0, "unexpected word 'else'");
	SYNERR("elif", 0, 0, "unexpected word 'elif'");
	SYNERR("do", 0, 0, "unexpected word 'do'");
	SYNERR("esac", 0, 0, "unexpected word 'esac'");
	SYNERR("in", 0, 0, "unexpected word 'in'");
	SYNERR("}", 0, 0, "unexpected word '}'");
	SYNERR("a | !", 4, 0, "unexpected word '!'");       /* ! only starts a pipeline */
	SYNERR("a | ! b", 4, 0, "unexpected word '!'");
	SYNERR("if a; then b; fi c", 17, 0, "unexpected word 'c'");
	SYNERR("(a) b", 4, 0, "unexpected word 'b'");
	SYNERR("{ a; } b", 7, 0, "unexpected word 'b'");
	SYNERR("{a; }", 4, 0, "unexpected word '}'");
	/* a long word is cut in the message */
	char big[200];
	snprintf(big, sizeof big, "(a) x%0100d", 0);
	struct node *n;
	struct syn_error err;
	assert_int_equal(parse_string(big, strlen(big), &n, &err), SYN_ERROR);
	assert_int_equal(err.pos, 4);
	assert_true(strlen(err.msg) < 70);
	assert_string_equal(err.msg, "unexpected word 'x000000000000000000000000000000000000000...'");
}

static void test_errors_missing_closer(void **state)
{
	(void)state;
	SYNERR("(a", 2, 1, "'(' is missing its ')': the input ended first");
	SYNERR("(a; b\n", 6, 1, "'(' is missing its ')': the input ended first");
	SYNERR("(a }", 4, 1, "'(' is missing its ')': the input ended first");
	SYNERR("(a; fi)", 4, 0, "unexpected word 'fi'");
	SYNERR("{ a", 3, 1, "'{' is missing its '}': the input ended first");
	SYNERR("{ a }", 5, 1, "'{' is missing its '}': the input ended first");
	SYNERR("{ a; )", 5, 0, "expected '}' to go with '{', found ')'");
	SYNERR("{ a; fi", 5, 0, "expected '}' to go with '{', found 'fi'");
	SYNERR("if a; then b", 12, 1, "'if' is missing its 'fi': the input ended first");
	SYNERR("if a", 4, 1, "'if' is missing its 'then': the input ended first");
	SYNERR("if a; fi", 6, 0, "expected 'then' to go with 'if', found 'fi'");
	SYNERR("if a; then b; done", 14, 0, "expected 'fi' to go with 'if', found 'done'");
	SYNERR("if a; then b; elif c; fi", 22, 0, "expected 'then' to go with 'elif', found 'fi'");
	SYNERR("if a; then b; elif c; then d", 28, 1, "'if' is missing its 'fi': the input ended first");
	SYNERR("if a; then b; else c; elif d; then e; fi", 22, 0,
	       "expected 'fi' to go with 'if', found 'elif'");
	SYNERR("if a; then b; fi fi", 17, 0, "unexpected word 'fi'");
	SYNERR("if a; then b; } ", 14, 0, "expected 'fi' to go with 'if', found '}'");
	SYNERR("while a; done", 9, 0, "expected 'do' to go with 'while', found 'done'");
	SYNERR("until a", 7, 1, "'until' is missing its 'do': the input ended first");
	SYNERR("while a; do b", 13, 1, "'do' is missing its 'done': the input ended first");
	SYNERR("while a; do b; fi", 15, 0, "expected 'done' to go with 'do', found 'fi'");
	SYNERR("for x in a; do b", 16, 1, "'do' is missing its 'done': the input ended first");
	SYNERR("for x in a; b", 12, 0, "expected 'do' to go with 'for', found 'b'");
	SYNERR("for x y", 6, 0, "expected 'do' to go with 'for', found 'y'");
	SYNERR("case x", 6, 1, "'case' is missing its 'in': the input ended first");
	SYNERR("case x y", 7, 0, "expected 'in' to go with 'case', found 'y'");
	SYNERR("case x in a) b", 14, 1, "'case' is missing its 'esac': the input ended first");
	SYNERR("case x in a) b;; c) d", 21, 1, "'case' is missing its 'esac': the input ended first");
	SYNERR("case x in a", 11, 1, "'case pattern' is missing its ')': the input ended first");
	SYNERR("case x in a b) ;; esac", 12, 0, "unexpected word 'b'");
	SYNERR("case x in |a) ;; esac", 10, 0, "unexpected '|'");
	SYNERR("case x in a|) ;; esac", 12, 0, "unexpected ')'");
	SYNERR("case x in a) b; c) d;; esac", 17, 0, "unexpected ')'");
	SYNERR("case x in a) b;; fi", 19, 1, "'case pattern' is missing its ')': the input ended first");
	SYNERR("case esac in esac) ;; esac", 17, 0, "unexpected ')'"); /* esac) ends the case */
	SYNERR("case x in a) b & ) ;; esac", 17, 0, "unexpected ')'");
	SYNERR("case x in a) b | ;; esac", 17, 0, "unexpected ';;'");
	SYNERR("case ; in", 5, 0, "unexpected ';'");
	SYNERR("case", 4, 1, "'case' needs a word to match: the input ended first");
	SYNERR("case x in", 9, 1, "'case' is missing its 'esac': the input ended first");
	SYNERR("case x in a) b;;\n", 17, 1, "'case' is missing its 'esac': the input ended first");
	SYNERR("f(", 2, 1, "'function definition' is missing its ')': the input ended first");
	SYNERR("f(x) { a; }", 2, 0, "unexpected word 'x'");
	SYNERR("f() a", 4, 0, "a function body must be a compound command such as { ...; }");
	SYNERR("f() ! { a; }", 4, 0, "a function body must be a compound command such as { ...; }");
	SYNERR("f() ;", 4, 0, "a function body must be a compound command such as { ...; }");
	SYNERR("export() { a; }", 0, 0, "'export' is a special builtin: no function can have its name");
	SYNERR("f()", 3, 1, "the function has no body: the input ended first");
	SYNERR("f()\n", 4, 1, "the function has no body: the input ended first");
	SYNERR("f() { a; }; x=1 g() { b; }", 17, 0, "unexpected '('");
	SYNERR("'f'() { a; }", 3, 0, "unexpected '('");
	SYNERR(">x f() { a; }", 4, 0, "unexpected '('");
	SYNERR("f-g() { a; }", 3, 0, "unexpected '('");
}

/* A compound command's list may not be empty. */
static void test_errors_empty_lists(void **state)
{
	(void)state;
	SYNERR("()", 1, 0, "'(' needs at least one command here");
	SYNERR("( )", 2, 0, "'(' needs at least one command here");
	SYNERR("(\n)", 2, 0, "'(' needs at least one command here");
	SYNERR("{ }", 2, 0, "'{' needs at least one command here");
	SYNERR("{\n}", 2, 0, "'{' needs at least one command here");
	SYNERR("if then a; fi", 3, 0, "'if' needs at least one command here");
	SYNERR("if a; then fi", 11, 0, "'then' needs at least one command here");
	SYNERR("if a; then b; else fi", 19, 0, "'else' needs at least one command here");
	SYNERR("if a; then b; elif then c; fi", 19, 0, "'elif' needs at least one command here");
	SYNERR("while do a; done", 6, 0, "'while' needs at least one command here");
	SYNERR("until do a; done", 6, 0, "'until' needs at least one command here");
	SYNERR("while a; do done", 12, 0, "'do' needs at least one command here");
	SYNERR("for x; do done", 10, 0, "'do' needs at least one command here");
	SYNERR("if; then a; fi", 2, 0, "unexpected ';'");
	/* ... or end before a command was written */
	SYNERR("(", 1, 1, "'(' needs a command: the input ended first");
	SYNERR("{", 1, 1, "'{' needs a command: the input ended first");
	SYNERR("if", 2, 1, "'if' needs a command: the input ended first");
	SYNERR("if a; then", 10, 1, "'then' needs a command: the input ended first");
	SYNERR("if a; then b; else", 18, 1, "'else' needs a command: the input ended first");
	SYNERR("while\n", 6, 1, "'while' needs a command: the input ended first");
	SYNERR("for x in a; do", 14, 1, "'do' needs a command: the input ended first");
}

static void test_errors_for_name(void **state)
{
	(void)state;
	SYNERR("for", 0, 1, "'for' needs a variable name: the input ended first");
	SYNERR("for 1x in a; do b; done", 4, 0, "'for' needs a variable name here");
	SYNERR("for 'x' in a; do b; done", 4, 0, "'for' needs a variable name here");
	SYNERR("for $x in a; do b; done", 4, 0, "'for' needs a variable name here");
	SYNERR("for a-b in a; do b; done", 4, 0, "'for' needs a variable name here");
	SYNERR("for ; do b; done", 4, 0, "'for' needs a variable name here");
	SYNERR("for\nx in a; do b; done", 3, 0, "'for' needs a variable name here");
	SYNERR("for x in a | b; do c; done", 11, 0, "unexpected '|'");
	SYNERR("for x in a b", 12, 1, "'for' is missing its 'do': the input ended first");
	SYNERR("for x in", 8, 1, "'for' is missing its 'do': the input ended first");
}

static void test_errors_redirections(void **state)
{
	(void)state;
	SYNERR("a >", 2, 1, "a redirection needs a word after it: the input ended first");
	SYNERR("a 2>>", 2, 1, "a redirection needs a word after it: the input ended first");
	SYNERR("cat <<", 4, 1, "a redirection needs a word after it: the input ended first");
	SYNERR("a > ;", 4, 0, "'>' needs a file name after it, found ';'");
	SYNERR("a < | b", 4, 0, "'<' needs a file name after it, found '|'");
	SYNERR("a >\nb", 3, 0, "'>' needs a file name after it, found the end of the line");
	SYNERR("a > > f", 4, 0, "'>' needs a file name after it, found '>'");
	SYNERR("cat << ;", 7, 0, "'<<' needs a delimiter word after it, found ';'");
	SYNERR("cat <<- &", 8, 0, "'<<-' needs a delimiter word after it, found '&'");
	SYNERR("(a) >", 4, 1, "a redirection needs a word after it: the input ended first");
	SYNERR("{ a; } 2> ;", 10, 0, "'>' needs a file name after it, found ';'");
	/* >&WORD and <&WORD: a number or -, when the word is known now */
	SYNERR("a >&x", 4, 0, "'>&' needs a descriptor number 0-9 or -, not 'x'");
	SYNERR("a 2>&1x", 5, 0, "'>&' needs a descriptor number 0-9 or -, not '1x'");
	SYNERR("a <&-1", 4, 0, "'<&' needs a descriptor number 0-9 or -, not '-1'");
	SYNERR("a <&'a b'", 4, 0, "'<&' needs a descriptor number 0-9 or -, not 'a b'");
	SYNERR("a >&--", 4, 0, "'>&' needs a descriptor number 0-9 or -, not '--'");
	SYNERR("{ a; } >&f", 9, 0, "'>&' needs a descriptor number 0-9 or -, not 'f'");
	SYNERR("a >&10", 4, 0, "'>&' needs a descriptor number 0-9 or -, not '10'");
	SYNERR("a >&99999999999999999999", 4, 0, "'>&' needs a descriptor number 0-9 or -, not '99999999999999999999'");
	TREE("a >&'2'", "S(a R:1>&'2')");
	TREE("a >&\"$fd\"", "S(a R:1>&\"$fd\")");
	TREE("a >&9", "S(a R:1>&9)");
	/* a here-document whose body can never come */
	SYNERR("echo $(cat <<EOF)", 7, 0, "a here-document inside $( ) has no body");
}

/* The end of the input inside every construct: at_eof, so that the prompt
 * knows the command was unfinished. */
static void test_errors_end_of_input(void **state)
{
	(void)state;
	static const char *const unfinished[] = {
		"a |", "a &&", "a ||", "! ", "(", "(a", "{", "{ a;", "if", "if a", "if a; then", "if a; then b",
		"if a; then b; elif", "if a; then b; else", "while", "while a; do", "until a; do b", "for",
		"for x", "for x in", "for x in a;", "for x; do", "case", "case x", "case x in", "case x in a",
		"case x in a)", "case x in a) b;;", "f(", "f() {", "a >", "a 'b", "a \"b", "a `b", "a $(b",
		"a ${b", "a $((b", "a ${b-'c", "f() { case x in a) (b",
	};
	for (size_t i = 0; i < sizeof unfinished / sizeof unfinished[0]; i++) {
		struct node *n = (struct node *)&n;
		struct syn_error err;
		memset(&err, 0, sizeof err);
		enum syn_status st = parse_string(unfinished[i], strlen(unfinished[i]), &n, &err);
		if (st != SYN_ERROR)
			fail_msg("\"%s\" parsed", unfinished[i]);
		if (!err.at_eof)
			fail_msg("\"%s\": '%s' is no end-of-input error", unfinished[i], err.msg);
		assert_null(n);
		assert_true(err.pos <= strlen(unfinished[i]));
		assert_non_null(strstr(err.msg, "the input ended first"));
	}
}

/* Nesting as deep as the input likes ends in an error while the stack
 * still has room, never a crash (main() keeps the stack limit at 8 MiB,
 * so that 200 000 levels are always too many). */
static void test_errors_too_deep(void **state)
{
	(void)state;
	enum { LEVELS = 200000 };
	static const struct {
		const char *open, *close;
		int flat; /* a list, not a nesting: parses */
	} kinds[] = {
		{ "(", ")", 0 },         { "{ ", "; }", 0 },       { "if ", "; then a; fi", 0 },
		{ "$(", ")", 0 },        { "while ", "; do a; done", 0 }, { "f() { ", "; }", 0 },
		{ "${x-", "}", 0 },      { "$((", "))", 0 },       { "\"${x-", "}\"", 0 },
		{ "${x-\"", "\"}", 0 }, { "case x in x) ", ";; esac", 0 },
		{ "a | ", "", 1 },       { "! ", "", 1 },          { "a && ", "", 1 },
		{ "a; ", "", 1 },        { "`", "`", 1 },
	};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t lo = strlen(kinds[k].open), lc = strlen(kinds[k].close);
		char *text = xmalloc(LEVELS * (lo + lc) + 4);
		size_t n = 0;
		for (size_t i = 0; i < LEVELS; i++, n += lo)
			memcpy(text + n, kinds[k].open, lo);
		text[n++] = 'a';
		for (size_t i = 0; i < LEVELS; i++, n += lc)
			memcpy(text + n, kinds[k].close, lc);
		text[n] = '\0';
		struct node *tree = (struct node *)&tree;
		struct syn_error err;
		memset(&err, 0, sizeof err);
		enum syn_status st = parse_string(text, n, &tree, &err);
		free(text);
		if (kinds[k].flat) {
			if (st != SYN_OK)
				fail_msg("%d times '%s': %s", LEVELS, kinds[k].open, err.msg);
			node_free(tree); /* and freeing it does not recurse either */
			continue;
		}
		if (st != SYN_ERROR || strcmp(err.msg, "nested too deeply") != 0)
			fail_msg("%d levels of '%s': status %d '%s'", LEVELS, kinds[k].open, (int)st,
				 st == SYN_OK ? "" : err.msg);
		assert_null(tree);
		assert_true(err.pos < n);
		assert_false(err.at_eof);
	}
}

int main(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (8u << 20))) {
		rl.rlim_cur = 8u << 20;
		setrlimit(RLIMIT_STACK, &rl);
	}
	stack_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_commands),
		cmocka_unit_test(test_assignment_tildes),
		cmocka_unit_test(test_pipelines),
		cmocka_unit_test(test_and_or_lists),
		cmocka_unit_test(test_sequences_and_background),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_if),
		cmocka_unit_test(test_loops),
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_functions),
		cmocka_unit_test(test_heredocs),
		cmocka_unit_test(test_reserved_words_where_allowed),
		cmocka_unit_test(test_parse_command_multiline),
		cmocka_unit_test(test_explain_node),
		cmocka_unit_test(test_parse_command_statuses),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_funcdef_refs),
		cmocka_unit_test(test_func_each),
		cmocka_unit_test(test_errors_unexpected),
		cmocka_unit_test(test_errors_missing_closer),
		cmocka_unit_test(test_errors_empty_lists),
		cmocka_unit_test(test_errors_for_name),
		cmocka_unit_test(test_errors_redirections),
		cmocka_unit_test(test_errors_end_of_input),
		cmocka_unit_test(test_errors_too_deep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
