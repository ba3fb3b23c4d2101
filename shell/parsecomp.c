/* parsecomp.c - the parser's command rule and the compound commands it
 * leads to (XCU 2.9.4): { }, ( ), if, while, until, for, case, the
 * redirections after them, and function definitions (XCU 2.9.5).
 */
#include "parseri.h"

#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "util.h"
#include "vars.h"

/* redirect* after a compound command: wrap it in an N_REDIR if any. */
static struct node *trailing_redirects(struct parser *p, struct node *body)
{
	if (!body || p->failed || !parse_is_redir_op(parse_peek(p)->kind))
		return body;
	struct redir_node *r = (struct redir_node *)node_new(N_REDIR, body->pos);
	r->n.line = body->line;
	r->body = body;
	while (!p->failed && parse_is_redir_op(parse_peek(p)->kind))
		parse_redirect(p, &r->redirs);
	return &r->n;
}

/* ---- compound commands ------------------------------------------------- */

/* A compound command's list may not be empty. */
static struct node *nonempty_list(struct parser *p, const char *where)
{
	struct node *n = parse_compound_list(p);
	if (!n && !p->failed) {
		struct token *t = parse_peek(p);
		if (!p->failed && t->kind == T_EOF) {
			char what[64];
			snprintf(what, sizeof what, "'%s' needs a command", where);
			return parse_fail_eof(p, (size_t)-1, what);
		}
		if (!p->failed)
			parse_fail(p, t->pos, "'%s' needs at least one command here", where);
	}
	return n;
}

/* { list ; }  or  ( list ) */
static struct node *group(struct parser *p, enum node_type type)
{
	struct group_node *g = (struct group_node *)parse_new_node(p, type);
	parse_consume(p);
	g->body = nonempty_list(p, type == N_BRACE ? "{" : "(");
	if (type == N_BRACE)
		parse_expect_kw(p, "}", "{");
	else
		parse_expect_tok(p, T_RPAREN, "(");
	return &g->n;
}

/* if list then list [elif list then list]... [else list] fi */
static struct node *if_clause(struct parser *p, int is_elif)
{
	struct if_node *n = (struct if_node *)parse_new_node(p, N_IF);
	n->is_elif = is_elif;
	parse_consume(p);
	const char *opener = is_elif ? "elif" : "if";
	n->cond = nonempty_list(p, opener);
	if (!parse_expect_kw(p, "then", opener))
		return &n->n;
	n->then_part = nonempty_list(p, "then");
	if (p->failed)
		return &n->n;
	if (parse_is_kw(p, "elif")) {
		n->else_part = if_clause(p, 1);
		return &n->n; /* the innermost elif took the fi */
	}
	if (parse_is_kw(p, "else")) {
		parse_consume(p);
		n->else_part = nonempty_list(p, "else");
	}
	parse_expect_kw(p, "fi", "if");
	return &n->n;
}

/* while list do list done  /  until list do list done */
static struct node *while_clause(struct parser *p, int until)
{
	struct while_node *n = (struct while_node *)parse_new_node(p, N_WHILE);
	n->until = until;
	parse_consume(p);
	const char *opener = until ? "until" : "while";
	n->cond = nonempty_list(p, opener);
	if (!parse_expect_kw(p, "do", opener))
		return &n->n;
	n->body = nonempty_list(p, "do");
	parse_expect_kw(p, "done", "do");
	return &n->n;
}

/* for NAME [in WORD...] (; | newline) do list done  (also: for NAME do ...) */
static struct node *for_clause(struct parser *p)
{
	struct for_node *n = (struct for_node *)parse_new_node(p, N_FOR);
	parse_consume(p);
	struct token *t = parse_peek(p);
	if (p->failed)
		return &n->n;
	if (t->kind != T_WORD || !t->word->lit || (t->word->flags & W_QUOTED) ||
	    !var_valid_name(t->word->lit, strlen(t->word->lit))) {
		if (t->kind == T_EOF)
			return parse_fail_eof(p, n->n.pos, "'for' needs a variable name"), &n->n;
		parse_fail(p, t->pos, "'for' needs a variable name here");
		return &n->n;
	}
	n->var = xstrdup(t->word->lit);
	parse_consume(p);
	parse_linebreak(p);
	if (parse_is_kw(p, "in")) {
		parse_consume(p);
		n->has_in = 1;
		size_t cap = 0;
		while (!p->failed && parse_peek(p)->kind == T_WORD)
			ptr_push((void ***)&n->words, &n->nwords, &cap, parse_take_plain_word(p));
		t = parse_peek(p);
		if (!p->failed && t->kind == T_EOF)
			return parse_fail_eof(p, t->pos, "'for' is missing its 'do'"), &n->n;
		if (!p->failed && t->kind != T_SEMI && t->kind != T_NEWLINE)
			return parse_unexpected(p), &n->n;
		parse_consume(p);
		parse_linebreak(p);
	} else if (!p->failed && parse_peek(p)->kind == T_SEMI) {
		parse_consume(p);
		parse_linebreak(p);
	}
	if (!parse_expect_kw(p, "do", "for"))
		return &n->n;
	n->body = nonempty_list(p, "do");
	parse_expect_kw(p, "done", "do");
	return &n->n;
}

/* case WORD in [(] PATTERN [| PATTERN]... ) list ;; ... esac */
static struct node *case_clause(struct parser *p)
{
	struct case_node *n = (struct case_node *)parse_new_node(p, N_CASE);
	parse_consume(p);
	struct token *t = parse_peek(p);
	if (p->failed)
		return &n->n;
	if (t->kind == T_EOF)
		return parse_fail_eof(p, t->pos, "'case' needs a word to match"), &n->n;
	if (t->kind != T_WORD)
		return parse_unexpected(p), &n->n;
	n->subject = parse_take_plain_word(p);
	parse_linebreak(p);
	if (!parse_expect_kw(p, "in", "case"))
		return &n->n;
	parse_linebreak(p);
	size_t cap = 0;
	while (!p->failed && !parse_is_kw(p, "esac")) {
		struct case_item item = { 0 };
		size_t pcap = 0;
		if (parse_peek(p)->kind == T_LPAREN)
			parse_consume(p);
		for (;;) {
			t = parse_peek(p);
			if (p->failed)
				break;
			if (t->kind == T_EOF) {
				parse_fail_eof(p, t->pos, "'case' is missing its 'esac'");
				break;
			}
			if (t->kind != T_WORD) {
				parse_unexpected(p);
				break;
			}
			ptr_push((void ***)&item.pats, &item.npats, &pcap, parse_take_plain_word(p));
			if (parse_peek(p)->kind != T_PIPE)
				break;
			parse_consume(p);
		}
		if (!p->failed)
			parse_expect_tok(p, T_RPAREN, "case pattern");
		if (!p->failed)
			item.body = parse_compound_list(p);
		if (n->nitems == cap) {
			cap = cap ? cap * 2 : 4;
			n->items = xrealloc(n->items, cap * sizeof *n->items);
		}
		n->items[n->nitems++] = item;
		if (p->failed)
			break;
		t = parse_peek(p);
		if (t->kind == T_DSEMI || t->kind == T_SEMIAMP) {
			n->items[n->nitems - 1].fallthrough = t->kind == T_SEMIAMP;
			parse_consume(p);
			parse_linebreak(p);
		} else if (!parse_is_kw(p, "esac")) {
			if (!p->failed && t->kind == T_EOF)
				parse_fail(p, t->pos, "'case' is missing its 'esac': the input ended first"),
					p->err.at_eof = 1;
			else
				parse_unexpected(p);
		}
	}
	parse_expect_kw(p, "esac", "case");
	return &n->n;
}

/* NAME ( ) linebreak compound-command redirect* : the name is read. */
struct node *parse_function_def(struct parser *p, struct word *name, size_t pos)
{
	struct funcdef_node *f = (struct funcdef_node *)node_new(N_FUNCDEF, pos);
	f->n.line = parse_peek(p)->line; /* the ( is on the name's line */
	parse_consume(p); /* ( */
	f->refs = 1;
	f->name = xstrdup(name->lit);
	word_free(name);
	/* a special builtin is found before any function (XCU 2.9.1), so a
	 * function of its name could never run: refused, as dash does */
	const struct builtin *b = builtin_find(f->name);
	if (b && (b->flags & BI_SPECIAL)) {
		parse_fail(p, pos, "'%s' is a special builtin: no function can have its name", f->name);
		return &f->n;
	}
	if (!parse_expect_tok(p, T_RPAREN, "function definition"))
		return &f->n;
	parse_linebreak(p);
	if (p->failed)
		return &f->n;
	struct token *t = parse_peek(p);
	if (!(t->kind == T_LPAREN || parse_is_one_of(p, parse_starters)) || parse_is_kw(p, "!")) {
		if (!p->failed && t->kind == T_EOF)
			parse_fail_eof(p, t->pos, "the function has no body");
		else if (!p->failed)
			parse_fail(p, t->pos, "a function body must be a compound command such as { ...; }");
		return &f->n;
	}
	f->body = parse_one_command(p);
	size_t end = p->have_tok ? p->tok.pos : p->src->pos;
	if (end > pos && end <= p->src->text.len)
		f->text = xstrndup(p->src->text.buf + pos, end - pos);
	else
		f->text = xstrdup(f->name);
	/* trim the blanks and newlines before the next token */
	size_t len = strlen(f->text);
	while (len && (f->text[len - 1] == ' ' || f->text[len - 1] == '\t' || f->text[len - 1] == '\n'))
		f->text[--len] = '\0';
	return &f->n;
}

/* command := compound_command redirect* | function_def | simple_command */
struct node *parse_one_command(struct parser *p)
{
	while (parse_expand_alias(p))
		;
	struct token *t = parse_peek(p);
	if (p->failed)
		return NULL;
	if (parse_too_deep(p, t->pos))
		return NULL;
	struct node *n;
	p->depth++;
	if (t->kind == T_LPAREN) {
		n = group(p, N_SUBSHELL);
	} else if (parse_is_kw(p, "{")) {
		n = group(p, N_BRACE);
	} else if (parse_is_kw(p, "if")) {
		n = if_clause(p, 0);
	} else if (parse_is_kw(p, "while") || parse_is_kw(p, "until")) {
		n = while_clause(p, parse_is_kw(p, "until"));
	} else if (parse_is_kw(p, "for")) {
		n = for_clause(p);
	} else if (parse_is_kw(p, "case")) {
		n = case_clause(p);
	} else if (parse_is_one_of(p, parse_enders) || parse_is_kw(p, "!")) {
		p->depth--;
		return parse_unexpected(p);
	} else {
		p->depth--;
		return parse_simple_command(p);
	}
	p->depth--;
	return trailing_redirects(p, n);
}
