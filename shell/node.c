/* node.c - making and freeing parse trees (see node.h). */
#include "node.h"

#include <stdlib.h>

#include "util.h"
#include "wordbuild.h"

#define NODE_SIZE(kind, type) [kind] = sizeof(struct type),
static const size_t node_size[] = { NODE_KINDS(NODE_SIZE) };
#undef NODE_SIZE

struct node *node_new(enum node_type type, size_t pos)
{
	struct node *n = xcalloc(1, node_size[type]);
	n->type = type;
	n->pos = pos;
	return n;
}

void ptr_push(void ***v, size_t *n, size_t *cap, void *item)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = item;
}

static void words_free(struct word **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		word_free(w[i]);
	free(w);
}

void word_free(struct word *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->nparts; i++) {
		struct wpart *p = &w->parts[i];
		if (!word_owns(w, p->text))
			free(p->text);
		word_free(p->arg);
		node_free(p->tree);
	}
	if (!word_owns(w, w->parts))
		free(w->parts);
	if (!word_owns(w, w->raw))
		free(w->raw);
	if (!word_owns(w, w->lit))
		free(w->lit);
	free(w);
}

static void heredoc_free(struct heredoc *h)
{
	if (!h)
		return;
	free(h->delim);
	free(h->text);
	word_free(h->body);
	free(h);
}

void redirs_free(struct redir_list *r)
{
	for (size_t i = 0; i < r->n; i++) {
		word_free(r->v[i].target);
		heredoc_free(r->v[i].doc);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static void nodes_free(struct node **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		node_free(v[i]);
	free(v);
}

void funcdef_hold(struct funcdef_node *f)
{
	f->refs++;
}

void funcdef_release(struct funcdef_node *f)
{
	if (f->refs > 1) {
		f->refs--;
		return;
	}
	free(f->name);
	free(f->text);
	node_free(f->body);
	free(f);
}

void node_free(struct node *n)
{
	if (!n)
		return;
	switch (n->type) {
	case N_SIMPLE: {
		struct simple_node *s = (struct simple_node *)n;
		words_free(s->assigns, s->nassign);
		words_free(s->words, s->nwords);
		redirs_free(&s->redirs);
		break;
	}
	case N_PIPE: {
		struct pipe_node *p = (struct pipe_node *)n;
		nodes_free(p->cmds, p->count);
		break;
	}
	case N_ANDOR: {
		struct andor_node *a = (struct andor_node *)n;
		nodes_free(a->items, a->count);
		free(a->ops);
		break;
	}
	case N_SEQ: {
		struct seq_node *s = (struct seq_node *)n;
		nodes_free(s->items, s->count);
		break;
	}
	case N_BG:
		node_free(((struct bg_node *)n)->body);
		break;
	case N_SUBSHELL:
	case N_BRACE:
		node_free(((struct group_node *)n)->body);
		break;
	case N_IF: {
		struct if_node *i = (struct if_node *)n;
		node_free(i->cond);
		node_free(i->then_part);
		node_free(i->else_part);
		break;
	}
	case N_WHILE: {
		struct while_node *w = (struct while_node *)n;
		node_free(w->cond);
		node_free(w->body);
		break;
	}
	case N_FOR: {
		struct for_node *f = (struct for_node *)n;
		free(f->var);
		words_free(f->words, f->nwords);
		node_free(f->body);
		break;
	}
	case N_CASE: {
		struct case_node *c = (struct case_node *)n;
		word_free(c->subject);
		for (size_t i = 0; i < c->nitems; i++) {
			words_free(c->items[i].pats, c->items[i].npats);
			node_free(c->items[i].body);
		}
		free(c->items);
		break;
	}
	case N_FUNCDEF:
		/* the definition may live on in the function table */
		funcdef_release((struct funcdef_node *)n);
		return;
	case N_REDIR: {
		struct redir_node *r = (struct redir_node *)n;
		node_free(r->body);
		redirs_free(&r->redirs);
		break;
	}
	case N_EXPLAIN: {
		struct explain_node *e = (struct explain_node *)n;
		node_free(e->body);
		free(e->text);
		break;
	}
	}
	free(n);
}
