/* explain.c - draw the tree of a command line and list the system calls
 * the executor would make for it, in plain words (eval.c, evalcmd.c and
 * evalproc.c are the reference: the steps follow their order).  Nothing is
 * run, not even a redirection or a command substitution.
 */
#include "explain.h"
#include "explaini.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "func.h"
#include "parser.h"
#include "path.h"
#include "shell.h"
#include "util.h"


/* ---- the tree -------------------------------------------------------- */

/* One node line: the inherited prefix, a branch (none for the root), then
 * the text. */
static void tree_line(struct explainer *x, const struct strbuf *prefix, int root, int last,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void tree_line(struct explainer *x, const struct strbuf *prefix, int root, int last,
		      const char *fmt, ...)
{
	va_list ap;
	if (!root) {
		fputs(prefix->buf ? prefix->buf : "", x->out);
		fputs(last ? (x->utf8 ? "└─ " : "`- ") : (x->utf8 ? "├─ " : "|- "), x->out);
	}
	va_start(ap, fmt);
	vfprintf(x->out, fmt, ap);
	va_end(ap);
	fputc('\n', x->out);
}

/* Extend the prefix for the children of a node; returns the old length so
 * the caller can cut it back. */
static size_t indent(struct explainer *x, struct strbuf *prefix, int root, int last)
{
	size_t keep = prefix->len;
	if (!root)
		sb_adds(prefix, last ? "   " : (x->utf8 ? "│  " : "|  "));
	else
		sb_adds(prefix, "");
	return keep;
}

static void outdent(struct strbuf *prefix, size_t keep)
{
	prefix->len = keep;
	prefix->buf[keep] = '\0';
}

const char *fd_role(int fd)
{
	return fd == 0 ? "stdin" : fd == 1 ? "stdout" : fd == 2 ? "stderr" : "fd";
}

static void describe_redir(const struct redir *r, char *buf, size_t len)
{
	const char *t = r->target->raw;
	switch (r->kind) {
	case R_IN:
		snprintf(buf, len, "%s (fd %d) from file %s", fd_role(r->fd), r->fd, t);
		break;
	case R_OUT:
	case R_CLOBBER:
		snprintf(buf, len, "%s (fd %d) to file %s, emptied first", fd_role(r->fd), r->fd, t);
		break;
	case R_APPEND:
		snprintf(buf, len, "%s (fd %d) appended to file %s", fd_role(r->fd), r->fd, t);
		break;
	case R_RDWR:
		snprintf(buf, len, "%s (fd %d) opened for reading and writing on file %s", fd_role(r->fd), r->fd, t);
		break;
	case R_DUPIN:
	case R_DUPOUT:
		if (strcmp(t, "-") == 0)
			snprintf(buf, len, "fd %d is closed", r->fd);
		else
			snprintf(buf, len, "fd %d becomes a copy of fd %s", r->fd, t);
		break;
	case R_HEREDOC:
		snprintf(buf, len, "%s (fd %d) reads a here-document (ends at %s)%s", fd_role(r->fd), r->fd,
			 r->doc->delim, r->doc->quoted ? ", taken as written" : ", with $ expansions");
		break;
	}
}

static void draw(struct explainer *x, const struct node *n, struct strbuf *prefix, int root, int last,
		 const char *lead);

/* The command substitutions inside words, as children of the node. */
static size_t count_substs(struct word *const *w, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < w[i]->nparts; j++)
			k += w[i]->parts[j].kind == WP_CMDSUB;
	return k;
}

static void draw_substs(struct explainer *x, struct word *const *w, size_t n, struct strbuf *prefix,
			size_t *left)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < w[i]->nparts; j++) {
			const struct wpart *p = &w[i]->parts[j];
			if (p->kind != WP_CMDSUB)
				continue;
			--*left;
			if (!p->tree) {
				tree_line(x, prefix, 0, *left == 0, "command substitution $(): empty, gives nothing");
				continue;
			}
			draw(x, p->tree, prefix, 0, *left == 0, "command substitution (forked, output read back): ");
		}
	}
}

static const char *simple_kind(const struct explainer *x, const struct simple_node *s)
{
	if (s->nwords == 0)
		return s->nassign ? "assignment" : "redirection only";
	const char *name = s->words[0]->lit;
	if (name && explain_is_function(x, name))
		return "function call";
	if (name && builtin_find(name))
		return "builtin command";
	return "command";
}

static void draw_simple(struct explainer *x, const struct simple_node *s, struct strbuf *prefix, int root,
			int last, const char *lead)
{
	char *text = node_text(&s->n);
	tree_line(x, prefix, root, last, "%s%s: %s", lead, simple_kind(x, s), text);
	free(text);
	size_t keep = indent(x, prefix, root, last);
	size_t left = s->redirs.n + count_substs(s->words, s->nwords) + count_substs(s->assigns, s->nassign);
	draw_substs(x, s->assigns, s->nassign, prefix, &left);
	draw_substs(x, s->words, s->nwords, prefix, &left);
	for (size_t i = 0; i < s->redirs.n; i++) {
		char buf[512];
		describe_redir(&s->redirs.v[i], buf, sizeof buf);
		tree_line(x, prefix, 0, --left == 0, "redirection: %s", buf);
	}
	outdent(prefix, keep);
}

/* A node with labelled children: "condition:", "then:", ... */
static void draw_parts(struct explainer *x, struct strbuf *prefix, int root, int last, const char *head,
		       const char *const *labels, struct node *const *kids, size_t n)
{
	tree_line(x, prefix, root, last, "%s", head);
	size_t keep = indent(x, prefix, root, last);
	size_t shown = 0, total = 0;
	for (size_t i = 0; i < n; i++)
		total += kids[i] != NULL;
	for (size_t i = 0; i < n; i++)
		if (kids[i])
			draw(x, kids[i], prefix, 0, ++shown == total, labels[i]);
	outdent(prefix, keep);
}

static void draw(struct explainer *x, const struct node *n, struct strbuf *prefix, int root, int last,
		 const char *lead)
{
	char head[256];
	size_t keep;
	switch (n->type) {
	case N_SIMPLE:
		draw_simple(x, (const struct simple_node *)n, prefix, root, last, lead);
		return;
	case N_PIPE: {
		const struct pipe_node *p = (const struct pipe_node *)n;
		if (p->count == 1)
			tree_line(x, prefix, root, last, "%s! (inverts the status of the command below)", lead);
		else
			tree_line(x, prefix, root, last,
				  "%s%spipeline of %zu commands (one process each, joined by pipes)", lead,
				  p->negate ? "! (status inverted) " : "", p->count);
		keep = indent(x, prefix, root, last);
		for (size_t i = 0; i < p->count; i++)
			draw(x, p->cmds[i], prefix, 0, i + 1 == p->count, "");
		break;
	}
	case N_ANDOR: {
		const struct andor_node *a = (const struct andor_node *)n;
		tree_line(x, prefix, root, last, "%sand-or list (left to right; && and || look at the last status)",
			  lead);
		keep = indent(x, prefix, root, last);
		for (size_t i = 0; i < a->count; i++)
			draw(x, a->items[i], prefix, 0, i + 1 == a->count,
			     i == 0 ? "" : a->ops[i - 1] == OP_AND ? "&& " : "|| ");
		break;
	}
	case N_SEQ: {
		const struct seq_node *s = (const struct seq_node *)n;
		tree_line(x, prefix, root, last, "%ssequence (one after another)", lead);
		keep = indent(x, prefix, root, last);
		for (size_t i = 0; i < s->count; i++)
			draw(x, s->items[i], prefix, 0, i + 1 == s->count, "");
		break;
	}
	case N_BG:
		tree_line(x, prefix, root, last, "%sbackground (&): the shell does not wait for it", lead);
		keep = indent(x, prefix, root, last);
		draw(x, ((const struct bg_node *)n)->body, prefix, 0, 1, "");
		break;
	case N_SUBSHELL:
	case N_BRACE:
		tree_line(x, prefix, root, last, "%s%s", lead,
			  n->type == N_SUBSHELL ? "subshell ( ): a forked child runs the list itself, no exec"
						: "group { }: runs in the shell itself, no fork");
		keep = indent(x, prefix, root, last);
		draw(x, ((const struct group_node *)n)->body, prefix, 0, 1, "");
		break;
	case N_IF: {
		const struct if_node *i = (const struct if_node *)n;
		static const char *const labels[] = { "condition: ", "then: ", "else: " };
		struct node *kids[] = { i->cond, i->then_part, i->else_part };
		snprintf(head, sizeof head, "%sif: the condition runs; its status picks a branch", lead);
		draw_parts(x, prefix, root, last, head, labels, kids, 3);
		return;
	}
	case N_WHILE: {
		const struct while_node *w = (const struct while_node *)n;
		static const char *const labels[] = { "condition: ", "body: " };
		struct node *kids[] = { w->cond, w->body };
		snprintf(head, sizeof head, "%s%s loop: the body runs while the condition %s", lead,
			 w->until ? "until" : "while", w->until ? "fails" : "succeeds");
		draw_parts(x, prefix, root, last, head, labels, kids, 2);
		return;
	}
	case N_FOR: {
		const struct for_node *f = (const struct for_node *)n;
		static const char *const labels[] = { "body: " };
		struct node *kids[] = { f->body };
		snprintf(head, sizeof head, "%sfor loop: %s takes each word %s in turn", lead, f->var,
			 f->has_in ? "of the list" : "of \"$@\"");
		draw_parts(x, prefix, root, last, head, labels, kids, 1);
		return;
	}
	case N_CASE: {
		const struct case_node *c = (const struct case_node *)n;
		tree_line(x, prefix, root, last, "%scase %s: the first matching pattern's commands run", lead,
			  c->subject->raw);
		keep = indent(x, prefix, root, last);
		for (size_t i = 0; i < c->nitems; i++) {
			struct strbuf pats;
			sb_init(&pats);
			for (size_t k = 0; k < c->items[i].npats; k++) {
				if (k)
					sb_addc(&pats, '|');
				sb_adds(&pats, c->items[i].pats[k]->raw);
			}
			sb_adds(&pats, ") ");
			if (c->items[i].body)
				draw(x, c->items[i].body, prefix, 0, i + 1 == c->nitems, pats.buf);
			else
				tree_line(x, prefix, 0, i + 1 == c->nitems, "%snothing", pats.buf);
			sb_free(&pats);
		}
		break;
	}
	case N_FUNCDEF: {
		const struct funcdef_node *f = (const struct funcdef_node *)n;
		tree_line(x, prefix, root, last, "%sfunction definition: %s (stored now, runs when called)", lead,
			  f->name);
		explain_define(x, f->name);
		keep = indent(x, prefix, root, last);
		draw(x, f->body, prefix, 0, 1, "body: ");
		break;
	}
	case N_REDIR: {
		const struct redir_node *r = (const struct redir_node *)n;
		tree_line(x, prefix, root, last, "%s%s with redirections for all of it", lead,
			  node_kind_name(r->body->type));
		keep = indent(x, prefix, root, last);
		for (size_t i = 0; i < r->redirs.n; i++) {
			char buf[512];
			describe_redir(&r->redirs.v[i], buf, sizeof buf);
			tree_line(x, prefix, 0, 0, "redirection: %s", buf);
		}
		draw(x, r->body, prefix, 0, 1, "");
		break;
	}
	case N_EXPLAIN:
		tree_line(x, prefix, root, last, "%sexplain: %s", lead, ((const struct explain_node *)n)->text);
		return;
	default:
		return;
	}
	outdent(prefix, keep);
}

void explain_define(struct explainer *x, const char *name)
{
	if (!explain_is_function(x, name))
		sv_push(&x->defined, xstrdup(name));
}

int explain_is_function(const struct explainer *x, const char *name)
{
	for (size_t i = 0; i < x->defined.n; i++)
		if (strcmp(x->defined.v[i], name) == 0)
			return 1;
	return func_find(name) != NULL;
}

int explain_tree(const struct node *tree, FILE *out, int utf8)
{
	if (!tree) {
		fprintf(out, "Nothing to explain: the line is empty.\n");
		return 0;
	}
	struct explainer x = { out, utf8, 0, { 0 } };
	struct strbuf prefix;
	sb_init(&prefix);
	sv_init(&x.defined);
	fprintf(out, "The command tree:\n");
	draw(&x, tree, &prefix, 1, 1, "");
	sb_free(&prefix);
	/* the steps go through the line again from its start */
	sv_free(&x.defined);
	sv_init(&x.defined);
	fprintf(out, "\nWhat the shell would do, in order:\n");
	explain_steps(&x, tree, 0, 0);
	sv_free(&x.defined);
	fflush(out);
	return 0;
}

int explain_line(const char *src, FILE *out, int utf8)
{
	struct node *tree;
	struct syn_error err;
	size_t len = strlen(src);
	if (parse_string(src, len, &tree, &err) != SYN_OK) {
		sh_syntax_error(src, err.pos, err.msg);
		return 2;
	}
	int st = explain_tree(tree, out, utf8);
	node_free(tree);
	return st;
}
