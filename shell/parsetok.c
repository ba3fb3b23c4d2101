/* parsetok.c - what every grammar rule of the parser uses: the one token of
 * lookahead, tests for reserved words, expecting a closing word or token,
 * and recording syntax errors (see parser.c for how errors are handed up).
 */
#include "parseri.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "stack.h"

/* A node starting at the current token, with its position and line. */
struct node *parse_new_node(struct parser *p, enum node_type type)
{
	struct token *t = parse_peek(p);
	struct node *n = node_new(type, t->pos);
	n->line = t->line;
	return n;
}

/* ---- errors ------------------------------------------------------------ */

void *parse_fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	if (p->failed)
		return NULL;
	p->failed = 1;
	p->err.status = SYN_ERROR;
	p->err.pos = pos;
	p->err.line = p->src->line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err.msg, sizeof p->err.msg, fmt, ap);
	va_end(ap);
	return NULL;
}

void *parse_fail_eof(struct parser *p, size_t pos, const char *what)
{
	if (p->failed)
		return NULL;
	parse_fail(p, pos == (size_t)-1 ? p->src->pos : pos, "%s: the input ended first", what);
	p->err.at_eof = 1;
	return NULL;
}

int parse_too_deep(struct parser *p, size_t pos)
{
	if (!stack_low(STACK_RESERVE))
		return 0;
	parse_fail(p, pos, "nested too deeply");
	return 1;
}

/* ---- tokens ------------------------------------------------------------ */

struct token *parse_peek(struct parser *p)
{
	if (!p->have_tok) {
		p->tok = lex_token(p);
		p->have_tok = 1;
	}
	return &p->tok;
}

/* Drop the current token (and its word, unless it was taken). */
void parse_consume(struct parser *p)
{
	if (p->have_tok)
		word_free(p->tok.word);
	p->tok.word = NULL;
	p->have_tok = 0;
}

/* Take the current token's word for the tree, and move on. */
struct word *parse_take_word(struct parser *p)
{
	struct word *w = p->tok.word;
	p->tok.word = NULL;
	parse_consume(p);
	return w;
}

struct word *parse_take_plain_word(struct parser *p)
{
	struct word *w = parse_take_word(p);
	if (w->flags & W_TILDE)
		word_drop_assign_tildes(w);
	return w;
}

int parse_is_kw(struct parser *p, const char *kw)
{
	struct token *t = parse_peek(p);
	/* w->kw is set for every unquoted reserved word (wb_finish), so most
	 * words are turned away without a string comparison */
	return t->kind == T_WORD && t->word->kw != KW_NONE && word_is(t->word, kw);
}

int parse_is_one_of(struct parser *p, unsigned set)
{
	struct token *t = parse_peek(p);
	return t->kind == T_WORD && t->word->kw && (set & KW_BIT(t->word->kw));
}

int word_is_reserved(const struct word *w)
{
	return w->kw != KW_NONE;
}

/* Report the current token as unexpected. */
void *parse_unexpected(struct parser *p)
{
	struct token *t = parse_peek(p);
	if (p->failed)
		return NULL;
	if (t->kind == T_EOF)
		return parse_fail_eof(p, t->pos, "a command was expected");
	if (t->kind == T_WORD) {
		char buf[96];
		const char *w = t->word->raw;
		if (strlen(w) > 40) {
			snprintf(buf, sizeof buf, "%.40s...", w);
			w = buf;
		}
		return parse_fail(p, t->pos, "unexpected word '%s'", w);
	}
	return parse_fail(p, t->pos, "unexpected %s", tok_name(t->kind));
}

/* Consume the reserved word kw that closes `opener` (at opener_pos), or
 * fail saying which was expected. */
int parse_expect_kw(struct parser *p, const char *kw, const char *opener)
{
	if (p->failed)
		return 0;
	if (parse_is_kw(p, kw)) {
		parse_consume(p);
		return 1;
	}
	struct token *t = parse_peek(p);
	if (p->failed)
		return 0;
	if (t->kind == T_EOF) {
		parse_fail(p, t->pos, "'%s' is missing its '%s': the input ended first", opener, kw);
		p->err.at_eof = 1;
		return 0;
	}
	if (t->kind == T_WORD)
		parse_fail(p, t->pos, "expected '%s' to go with '%s', found '%.40s'", kw, opener, t->word->raw);
	else
		parse_fail(p, t->pos, "expected '%s' to go with '%s', found %s", kw, opener, tok_name(t->kind));
	return 0;
}

int parse_expect_tok(struct parser *p, enum tok_kind kind, const char *opener)
{
	if (p->failed)
		return 0;
	struct token *t = parse_peek(p);
	if (t->kind == kind) {
		parse_consume(p);
		return 1;
	}
	if (p->failed)
		return 0;
	if (t->kind == T_EOF) {
		parse_fail(p, t->pos, "'%s' is missing its %s: the input ended first", opener, tok_name(kind));
		p->err.at_eof = 1;
		return 0;
	}
	parse_unexpected(p);
	return 0;
}

/* linebreak: any number of newlines. */
void parse_linebreak(struct parser *p)
{
	while (!p->failed && parse_peek(p)->kind == T_NEWLINE)
		parse_consume(p);
}
