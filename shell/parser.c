/* parser.c - the grammar of XCU 2.10, one function per rule (see parser.h):
 * here the entry points, the lists, and_or and pipelines.  The command rule
 * and the compound commands are in parsecomp.c; simple commands,
 * redirections and alias substitution in parsesimple.c; the token-level
 * helpers they all use in parsetok.c.  They share parseri.h.
 *
 * Every rule returns the node it built, or NULL; a NULL with p->failed set
 * means a syntax error, recorded once (the first error wins) with the
 * position of the token that caused it.  Callers test p->failed after each
 * call and hand the failure up, freeing what they had built.
 */
#include "parseri.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* pipeline := ['!'] command ('|' linebreak command)* */
static struct node *pipeline(struct parser *p)
{
	int negate = 0;
	size_t pos = parse_peek(p)->pos;
	long line = parse_peek(p)->line;
	while (!p->failed && parse_is_kw(p, "!")) {
		negate = !negate;
		parse_consume(p);
	}
	struct node *first = parse_one_command(p);
	if (p->failed || (!negate && parse_peek(p)->kind != T_PIPE))
		return first;
	struct pipe_node *pn = (struct pipe_node *)node_new(N_PIPE, pos);
	pn->n.line = line;
	pn->negate = negate;
	size_t cap = 0;
	ptr_push((void ***)&pn->cmds, &pn->count, &cap, first);
	while (!p->failed && parse_peek(p)->kind == T_PIPE) {
		parse_consume(p);
		parse_linebreak(p);
		struct node *c = parse_one_command(p);
		if (c)
			ptr_push((void ***)&pn->cmds, &pn->count, &cap, c);
	}
	return &pn->n;
}

/* and_or := pipeline (('&&' | '||') linebreak pipeline)* */
static struct node *and_or(struct parser *p)
{
	struct node *first = pipeline(p);
	if (p->failed)
		return first;
	enum tok_kind k = parse_peek(p)->kind;
	if (k != T_AND && k != T_OR)
		return first;
	struct andor_node *a = (struct andor_node *)node_new(N_ANDOR, first->pos);
	a->n.line = first->line;
	size_t cap = 0, ocap = 0;
	ptr_push((void ***)&a->items, &a->count, &cap, first);
	while (!p->failed && ((k = parse_peek(p)->kind) == T_AND || k == T_OR)) {
		if (a->count - 1 == ocap) {
			ocap = ocap ? ocap * 2 : 4;
			a->ops = xrealloc(a->ops, ocap * sizeof *a->ops);
		}
		a->ops[a->count - 1] = k == T_AND ? OP_AND : OP_OR;
		parse_consume(p);
		parse_linebreak(p);
		struct node *n = pipeline(p);
		if (!n)
			break;
		ptr_push((void ***)&a->items, &a->count, &cap, n);
	}
	return &a->n;
}

/* ---- lists ------------------------------------------------------------- */

/* Collect list items into a sequence node (or return the single item). */
struct list_build {
	struct node **items;
	size_t n, cap;
};

static void list_add(struct list_build *lb, struct node *n, int background)
{
	if (background) {
		struct bg_node *bg = (struct bg_node *)node_new(N_BG, n->pos);
		bg->n.line = n->line;
		bg->body = n;
		n = &bg->n;
	}
	ptr_push((void ***)&lb->items, &lb->n, &lb->cap, n);
}

static struct node *list_finish(struct list_build *lb)
{
	if (lb->n == 0) {
		free(lb->items);
		return NULL;
	}
	if (lb->n == 1) {
		struct node *n = lb->items[0];
		free(lb->items);
		return n;
	}
	struct seq_node *s = (struct seq_node *)node_new(N_SEQ, lb->items[0]->pos);
	s->n.line = lb->items[0]->line;
	s->items = lb->items;
	s->count = lb->n;
	return &s->n;
}

/* Can the next token not start a command (so the list ends here)?  An
 * alias there is expanded first: its text may be the closing word. */
static int list_ends(struct parser *p)
{
	while (parse_expand_alias(p))
		;
	struct token *t = parse_peek(p);
	if (p->failed)
		return 1;
	switch (t->kind) {
	case T_EOF:
	case T_RPAREN:
	case T_DSEMI:
	case T_SEMIAMP:
		return 1;
	case T_WORD:
		return parse_is_one_of(p, parse_enders);
	default:
		return 0;
	}
}

/* A list inside a compound command: newlines separate commands as ';' does,
 * and it ends before whatever cannot start a command (a closing reserved
 * word, ')', ';;', the end of input).  NULL for an empty list. */
struct node *parse_compound_list(struct parser *p)
{
	struct list_build lb = { 0 };
	parse_linebreak(p);
	while (!list_ends(p)) {
		struct node *n = and_or(p);
		if (p->failed) {
			node_free(n);
			break;
		}
		enum tok_kind k = parse_peek(p)->kind;
		int bg = k == T_AMP;
		list_add(&lb, n, bg);
		if (k != T_AMP && k != T_SEMI && k != T_NEWLINE)
			break;
		parse_consume(p);
		parse_linebreak(p);
	}
	struct node *list = list_finish(&lb);
	if (p->failed) {
		node_free(list);
		return NULL;
	}
	return list;
}

/* complete_command := list (NEWLINE | EOF): on one line, ';' and '&'
 * separate the commands; the newline ends them, and nothing after it is
 * read (the next line may not have been typed yet). */
static struct node *complete_command(struct parser *p)
{
	struct list_build lb = { 0 };
	for (;;) {
		struct node *n = and_or(p);
		if (p->failed) {
			node_free(n);
			break;
		}
		enum tok_kind k = parse_peek(p)->kind;
		list_add(&lb, n, k == T_AMP);
		if (k == T_AMP || k == T_SEMI) {
			parse_consume(p);
			k = parse_peek(p)->kind;
			if (p->failed)
				break;
			if (k != T_NEWLINE && k != T_EOF)
				continue; /* another command on the same line */
		}
		if (k == T_NEWLINE)
			parse_consume(p);
		else if (k != T_EOF)
			parse_unexpected(p);
		break;
	}
	struct node *list = list_finish(&lb);
	if (p->failed) {
		node_free(list);
		return NULL;
	}
	return list;
}

/* `explain` first on a command line takes the rest of the line as its
 * subject, parsed here, so that `explain ls | wc -l` explains the pipeline
 * (instead of piping explain's output into wc) and `explain if ...; fi`
 * parses at all.  A plain `explain WORD...` stays the builtin, which joins
 * its words: that keeps `explain 'a | b'` working.  Returns NULL (nothing
 * consumed) when the line is no explain line. */
static struct node *explain_line_node(struct parser *p)
{
	struct token *t = parse_peek(p);
	if (p->failed || t->kind != T_WORD || !word_is(t->word, "explain"))
		return NULL;
	size_t pos = t->pos;
	long line = t->line;
	struct word *w = parse_take_word(p);
	size_t start = p->src->pos;
	t = parse_peek(p);
	if (p->failed || !(t->kind == T_WORD || t->kind == T_LPAREN || parse_is_redir_op(t->kind))) {
		/* `explain` alone or before an operator: an ordinary command */
		word_free(w);
		parse_consume(p);
		src_rewind(p->src, pos, line);
		return NULL;
	}
	struct node *body = complete_command(p);
	if (p->failed) {
		word_free(w);
		node_free(body);
		return NULL;
	}
	struct simple_node *s = (struct simple_node *)body;
	int literal = body && body->type == N_SIMPLE;
	for (size_t i = 0; literal && i < s->nwords; i++)
		literal = s->words[i]->lit != NULL; /* nothing to run to expand it */
	if (literal && s->nassign == 0 && s->redirs.n == 0) {
		/* explain WORD...: the builtin, with explain as its first word */
		size_t cap = s->nwords + 1;
		struct word **v = xmalloc(cap * sizeof *v);
		v[0] = w;
		memcpy(v + 1, s->words, s->nwords * sizeof *v);
		free(s->words);
		s->words = v;
		s->nwords++;
		s->n.pos = pos;
		return body;
	}
	word_free(w);
	struct explain_node *e = (struct explain_node *)node_new(N_EXPLAIN, pos);
	e->n.line = line;
	e->body = body;
	size_t end = p->src->pos;
	while (end > start && (p->src->text.buf[end - 1] == '\n' || p->src->text.buf[end - 1] == ' '))
		end--;
	while (start < end && (p->src->text.buf[start] == ' ' || p->src->text.buf[start] == '\t'))
		start++;
	e->text = xstrndup(p->src->text.buf + start, end - start);
	return &e->n;
}

/* ---- entry points ------------------------------------------------------ */

/* Free what a parser still holds after it stopped. */
static void parser_done(struct parser *p)
{
	parse_consume(p);
	p->pending = NULL; /* the redirections in the (freed) tree own them */
}

enum syn_status parse_command(struct source *src, struct node **out, struct syn_error *err)
{
	struct parser p = { .src = src };
	*out = NULL;
	struct token *t = parse_peek(&p);
	if (!p.failed && t->kind == T_NEWLINE) {
		/* a blank line or a comment: nothing to run */
		parse_consume(&p);
		return SYN_OK;
	}
	if (!p.failed && t->kind == T_EOF) {
		parser_done(&p);
		return SYN_EOF;
	}
	struct node *n = p.failed ? NULL : explain_line_node(&p);
	if (!n && !p.failed)
		n = complete_command(&p);
	if (!p.failed && p.pending)
		parse_fail(&p, src->pos, "a here-document's body never started (no newline after its line)");
	parser_done(&p);
	if (p.failed) {
		node_free(n);
		*err = p.err;
		return p.err.status;
	}
	*out = n;
	return SYN_OK;
}

/* Parse all of a source as one list: commands separated by newlines too.
 * Used for strings, where the whole text is there from the start. */
static struct node *whole_source(struct parser *p)
{
	struct node *n = parse_compound_list(p);
	if (!p->failed && parse_peek(p)->kind != T_EOF)
		parse_unexpected(p);
	if (!p->failed && p->pending)
		parse_fail(p, p->src->pos, "a here-document's body never started (no newline after its line)");
	if (p->failed) {
		node_free(n);
		return NULL;
	}
	return n;
}

enum syn_status parse_string(const char *s, size_t len, struct node **out, struct syn_error *err)
{
	struct source src;
	src_init_string(&src, s, len, 1);
	struct parser p = { .src = &src };
	*out = whole_source(&p);
	parser_done(&p);
	src_free(&src);
	if (p.failed) {
		*err = p.err;
		return p.err.status;
	}
	return SYN_OK;
}

struct node *parse_nested_string(struct parser *p, const char *s, size_t len, size_t pos)
{
	struct source src;
	src_init_string(&src, s, len, p->src->line);
	struct parser sub = { .src = &src, .depth = p->depth + 1 };
	struct node *n = whole_source(&sub);
	parser_done(&sub);
	src_free(&src);
	if (sub.failed && !p->failed) {
		p->failed = 1;
		p->err = sub.err;
		p->err.pos = pos;
		p->err.line = p->src->line;
		if (sub.err.status == SYN_INTR)
			p->err.status = SYN_INTR;
	}
	return n;
}

struct node *parse_subst(struct parser *p)
{
	struct parser sub = { .src = p->src, .depth = p->depth + 1, .in_subst = 1 };
	size_t pos = p->src->pos;
	struct node *n = parse_compound_list(&sub);
	if (!sub.failed) {
		struct token *t = parse_peek(&sub);
		if (!sub.failed && t->kind != T_RPAREN) {
			if (t->kind == T_EOF)
				parse_fail(&sub, pos, "'$(' is missing its ')': the input ended first"),
					sub.err.at_eof = 1;
			else
				parse_unexpected(&sub);
		}
		if (t->kind == T_RPAREN)
			sub.have_tok = 0; /* the ')' is taken: the word goes on after it */
	}
	if (!sub.failed && sub.pending)
		parse_fail(&sub, pos, "a here-document inside $( ) has no body");
	parser_done(&sub);
	if (sub.failed) {
		node_free(n);
		if (!p->failed) {
			p->failed = 1;
			p->err = sub.err;
		}
		return NULL;
	}
	return n;
}
