/* parser.c - recursive descent over the token list, one function per rule.
 *
 * Every rule function returns the node it built, or NULL with p->err set.
 * Nothing here exits the process: a REPL must survive any input.
 */
#include "parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "util.h"
#include "vars.h"

struct parser {
	struct token_list toks;
	size_t i;
	struct syn_error *err;
};

static struct token *peek(struct parser *p)
{
	return &p->toks.v[p->i];
}

static struct token *next(struct parser *p)
{
	struct token *t = &p->toks.v[p->i];
	if (t->kind != TOK_EOF)
		p->i++;
	return t;
}

/* Report an unexpected token.  Running into the end of the input where more
 * was needed is "incomplete", so an interactive reader can ask for another
 * line (as after a trailing | or &&). */
static void *unexpected(struct parser *p, struct token *t)
{
	if (t->kind == TOK_EOF) {
		p->err->status = SYN_INCOMPLETE;
		snprintf(p->err->msg, sizeof p->err->msg, "unexpected end of input");
	} else {
		p->err->status = SYN_ERROR;
		if (t->kind == TOK_WORD)
			snprintf(p->err->msg, sizeof p->err->msg, "unexpected word '%s'", t->text);
		else
			snprintf(p->err->msg, sizeof p->err->msg, "unexpected '%s'", tok_name(t->kind));
	}
	p->err->pos = t->pos;
	return NULL;
}

static void skip_newlines(struct parser *p)
{
	while (peek(p)->kind == TOK_NEWLINE)
		next(p);
}

/* Make room for element n (counting from 0) of an array that only ever
 * grows through here (or starts with one element).  Its capacity is the
 * smallest power of two that holds its count, so it is reallocated only
 * when the count is a power of two, that is, when it is full:
 * growing by one element at a time made a 100 000-long && chain or
 * argument list quadratic (a minute under valgrind).  Returns the array,
 * moved or not; out of memory is fatal as everywhere. */
static void *grow(void *v, size_t n, size_t size)
{
	if (n == 0)
		return xrealloc(v, size);
	if ((n & (n - 1)) == 0)
		return xrealloc(v, 2 * n * size);
	return v;
}

/* Constructors: one per node kind, named after it. */
static struct andor_node *andor_new(struct node *first)
{
	struct andor_node *a = xcalloc(1, sizeof *a);
	a->type = N_ANDOR;
	a->items = xmalloc(sizeof *a->items);
	a->items[a->n++] = first;
	return a;
}

static void andor_add(struct andor_node *a, enum andor_op op, struct node *item)
{
	a->items = grow(a->items, a->n, sizeof *a->items);
	a->ops = grow(a->ops, a->n - 1, sizeof *a->ops);
	a->ops[a->n - 1] = op;
	a->items[a->n++] = item;
}

static struct seq_node *seq_new(void)
{
	struct seq_node *s = xcalloc(1, sizeof *s);
	s->type = N_SEQ;
	return s;
}

static void seq_add(struct seq_node *s, struct node *item)
{
	s->items = grow(s->items, s->n, sizeof *s->items);
	s->items[s->n++] = item;
}

static struct node *bg_new(struct node *body)
{
	struct bg_node *b = xmalloc(sizeof *b);
	b->type = N_BG;
	b->body = body;
	return (struct node *)b;
}

static struct cmd_node *cmd_new(size_t pos)
{
	struct cmd_node *c = xcalloc(1, sizeof *c);
	c->type = N_CMD;
	c->pos = pos;
	return c;
}

int is_assignment(const char *text)
{
	const char *eq = strchr(text, '=');
	return eq && var_valid_name(text, (size_t)(eq - text));
}

static int is_redir_tok(enum tok_kind k)
{
	return k == TOK_LESS || k == TOK_GREAT || k == TOK_DGREAT || k == TOK_LESSAND ||
	       k == TOK_GREATAND;
}

static void word_append(struct word **v, size_t *n, struct token *t)
{
	*v = grow(*v, *n, sizeof **v);
	(*v)[*n].text = t->text;
	(*v)[*n].pos = t->pos;
	t->text = NULL; /* the tree owns it now */
	(*n)++;
}

/* redirect := [N] op WORD.  Fills r; returns 0, or -1 with p->err set. */
static int parse_redirect(struct parser *p, struct redir *r)
{
	struct token *op = next(p);
	struct token *t = peek(p);
	int out = op->kind == TOK_GREAT || op->kind == TOK_DGREAT || op->kind == TOK_GREATAND;

	memset(r, 0, sizeof *r);
	r->pos = op->pos;
	r->fd = op->io_number >= 0 ? op->io_number : (out ? 1 : 0);
	if (t->kind != TOK_WORD) {
		unexpected(p, t);
		return -1;
	}
	if (op->kind == TOK_LESSAND || op->kind == TOK_GREATAND) {
		const char *s = t->text;
		long long fd;
		if (strcmp(s, "-") == 0) {
			r->kind = R_CLOSE;
		} else if (num_parse(s, 0, REDIR_FD_MAX, &fd) == NUM_OK) {
			r->kind = R_DUP;
			r->dup_from = (int)fd;
		} else {
			p->err->status = SYN_ERROR;
			p->err->pos = t->pos;
			snprintf(p->err->msg, sizeof p->err->msg,
				 "'%s' needs a descriptor number 0-%d or '-' after it, not '%.40s%s'",
				 tok_name(op->kind), REDIR_FD_MAX, s, strlen(s) > 40 ? "..." : "");
			return -1;
		}
		next(p);
		return 0;
	}
	r->kind = op->kind == TOK_LESS ? R_IN : op->kind == TOK_GREAT ? R_OUT : R_APPEND;
	r->target.pos = t->pos;
	r->target.text = t->text;
	t->text = NULL;
	next(p);
	return 0;
}

/* command := ASSIGNMENT* (WORD | redirect)*, and at least one of them. */
static struct node *parse_command(struct parser *p)
{
	struct token *t = peek(p);
	struct cmd_node *c = cmd_new(t->pos);

	for (;;) {
		t = peek(p);
		if (t->kind == TOK_WORD) {
			if (c->nwords == 0 && is_assignment(t->text))
				word_append(&c->assigns, &c->nassign, t);
			else
				word_append(&c->words, &c->nwords, t);
			next(p);
		} else if (is_redir_tok(t->kind)) {
			c->redirs = grow(c->redirs, c->nredirs, sizeof *c->redirs);
			if (parse_redirect(p, &c->redirs[c->nredirs]) < 0)
				goto fail;
			c->nredirs++;
		} else {
			break;
		}
	}
	if (c->nassign + c->nwords + c->nredirs == 0) {
		unexpected(p, t);
		goto fail;
	}
	return (struct node *)c;
fail:
	node_free((struct node *)c);
	return NULL;
}

static int is_bang(struct token *t)
{
	return t->kind == TOK_WORD && strcmp(t->text, "!") == 0;
}

/* pipeline := ['!'] command ('|' NEWLINE* command)* */
static struct node *parse_pipeline(struct parser *p)
{
	int negate = 0;
	while (is_bang(peek(p))) {
		negate = !negate;
		next(p);
	}
	struct node *first = parse_command(p);
	if (!first)
		return NULL;
	if (peek(p)->kind != TOK_PIPE && !negate)
		return first;

	struct pipe_node *pn = xcalloc(1, sizeof *pn);
	pn->type = N_PIPE;
	pn->negate = negate;
	pn->cmds = xmalloc(sizeof *pn->cmds);
	pn->cmds[pn->n++] = first;
	while (peek(p)->kind == TOK_PIPE) {
		next(p);
		skip_newlines(p);
		if (is_bang(peek(p))) {
			/* ! negates a whole pipeline, so it may only start one */
			node_free((struct node *)pn);
			return unexpected(p, peek(p));
		}
		struct node *c = parse_command(p);
		if (!c) {
			node_free((struct node *)pn);
			return NULL;
		}
		pn->cmds = grow(pn->cmds, pn->n, sizeof *pn->cmds);
		pn->cmds[pn->n++] = c;
	}
	return (struct node *)pn;
}

/* and_or := pipeline (('&&' | '||') NEWLINE* pipeline)* */
static struct node *parse_and_or(struct parser *p)
{
	struct node *first = parse_pipeline(p);
	if (!first || (peek(p)->kind != TOK_AND && peek(p)->kind != TOK_OR))
		return first;
	struct andor_node *a = andor_new(first);
	while (peek(p)->kind == TOK_AND || peek(p)->kind == TOK_OR) {
		enum andor_op op = next(p)->kind == TOK_AND ? OP_AND : OP_OR;
		skip_newlines(p);
		struct node *item = parse_pipeline(p);
		if (!item) {
			node_free((struct node *)a);
			return NULL;
		}
		andor_add(a, op, item);
	}
	return (struct node *)a;
}

static int ends_list(enum tok_kind k)
{
	return k == TOK_EOF;
}

/* list := and_or ((';' | '&' | NEWLINE) and_or?)*
 * The separator after an and_or decides how it runs: '&' wraps it in a
 * background node.  Leading blank lines are allowed; a leading ';' is not. */
static struct node *parse_list(struct parser *p)
{
	struct seq_node *list = seq_new();

	skip_newlines(p);
	while (!ends_list(peek(p)->kind)) {
		struct node *item = parse_and_or(p);
		if (!item)
			goto fail;
		struct token *sep = peek(p);
		if (sep->kind == TOK_AMP) {
			item = bg_new(item);
			next(p);
		} else if (sep->kind == TOK_SEMI || sep->kind == TOK_NEWLINE) {
			next(p);
		} else if (sep->kind != TOK_EOF) {
			node_free(item);
			unexpected(p, sep);
			goto fail;
		}
		seq_add(list, item);
		skip_newlines(p);
	}
	if (list->n > 1)
		return (struct node *)list;
	struct node *only = list->n ? list->items[0] : NULL;
	list->n = 0;
	node_free((struct node *)list);
	return only;
fail:
	node_free((struct node *)list);
	return NULL;
}

enum syn_status parse_line(const char *src, struct node **out, struct syn_error *err)
{
	struct parser p = { .i = 0, .err = err };

	*out = NULL;
	if (lex(src, &p.toks, err) != SYN_OK)
		return err->status;
	struct node *n = parse_list(&p);
	lex_free(&p.toks);
	if (err->status != SYN_OK) {
		node_free(n);
		return err->status;
	}
	*out = n;
	return SYN_OK;
}

static void words_free(struct word *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i].text);
	free(w);
}

void node_free(struct node *n)
{
	if (!n)
		return;
	switch (n->type) {
	case N_CMD: {
		struct cmd_node *c = (struct cmd_node *)n;
		words_free(c->assigns, c->nassign);
		words_free(c->words, c->nwords);
		for (size_t i = 0; i < c->nredirs; i++)
			free(c->redirs[i].target.text);
		free(c->redirs);
		break;
	}
	case N_PIPE: {
		struct pipe_node *pn = (struct pipe_node *)n;
		for (size_t i = 0; i < pn->n; i++)
			node_free(pn->cmds[i]);
		free(pn->cmds);
		break;
	}
	case N_ANDOR: {
		struct andor_node *a = (struct andor_node *)n;
		for (size_t i = 0; i < a->n; i++)
			node_free(a->items[i]);
		free(a->items);
		free(a->ops);
		break;
	}
	case N_SEQ: {
		struct seq_node *s = (struct seq_node *)n;
		for (size_t i = 0; i < s->n; i++)
			node_free(s->items[i]);
		free(s->items);
		break;
	}
	case N_BG:
		node_free(((struct bg_node *)n)->body);
		break;
	}
	free(n);
}

static void format_redir(const struct redir *r, struct strbuf *out)
{
	static const char *const ops[] = { [R_IN] = "<", [R_OUT] = ">", [R_APPEND] = ">>" };
	char buf[32];
	int dflt = (r->kind == R_IN) ? 0 : 1;
	switch (r->kind) {
	case R_IN:
	case R_OUT:
	case R_APPEND:
		if (r->fd != dflt) {
			snprintf(buf, sizeof buf, "%d", r->fd);
			sb_adds(out, buf);
		}
		sb_adds(out, ops[r->kind]);
		sb_adds(out, r->target.text);
		break;
	case R_DUP:
		snprintf(buf, sizeof buf, "%d>&%d", r->fd, r->dup_from);
		sb_adds(out, buf);
		break;
	case R_CLOSE:
		snprintf(buf, sizeof buf, "%d>&-", r->fd);
		sb_adds(out, buf);
		break;
	}
}

void node_format(const struct node *n, struct strbuf *out)
{
	switch (n->type) {
	case N_CMD: {
		const struct cmd_node *c = (const struct cmd_node *)n;
		const char *sep = "";
		/* Redirections usually go last, but a command word "!" that was
		 * written after one (`a | >f ! b`) would read back as negation,
		 * so then they stay in front. */
		int redirs_first = c->nassign == 0 && c->nwords > 0 && strcmp(c->words[0].text, "!") == 0;
		for (size_t i = 0; i < c->nassign; i++, sep = " ") {
			sb_adds(out, sep);
			sb_adds(out, c->assigns[i].text);
		}
		for (size_t i = 0; redirs_first && i < c->nredirs; i++, sep = " ") {
			sb_adds(out, sep);
			format_redir(&c->redirs[i], out);
		}
		for (size_t i = 0; i < c->nwords; i++, sep = " ") {
			sb_adds(out, sep);
			sb_adds(out, c->words[i].text);
		}
		for (size_t i = 0; !redirs_first && i < c->nredirs; i++, sep = " ") {
			sb_adds(out, sep);
			format_redir(&c->redirs[i], out);
		}
		break;
	}
	case N_PIPE: {
		const struct pipe_node *p = (const struct pipe_node *)n;
		if (p->negate)
			sb_adds(out, "! ");
		for (size_t i = 0; i < p->n; i++) {
			if (i)
				sb_adds(out, " | ");
			node_format(p->cmds[i], out);
		}
		break;
	}
	case N_ANDOR: {
		const struct andor_node *a = (const struct andor_node *)n;
		for (size_t i = 0; i < a->n; i++) {
			if (i)
				sb_adds(out, a->ops[i - 1] == OP_AND ? " && " : " || ");
			node_format(a->items[i], out);
		}
		break;
	}
	case N_SEQ: {
		const struct seq_node *s = (const struct seq_node *)n;
		for (size_t i = 0; i < s->n; i++) {
			node_format(s->items[i], out);
			if (i + 1 < s->n && s->items[i]->type != N_BG)
				sb_adds(out, ";");
			if (i + 1 < s->n)
				sb_adds(out, " ");
		}
		break;
	}
	case N_BG:
		node_format(((const struct bg_node *)n)->body, out);
		sb_adds(out, " &");
		break;
	}
}

char *node_text(const struct node *n)
{
	struct strbuf sb;
	sb_init(&sb);
	node_format(n, &sb);
	return sb_steal(&sb);
}
