/* nodefmt.c - writing a tree back as shell text (see node.h).
 *
 * Words come out as they were written (their raw text); the layout is
 * normalised: single spaces, "; " between commands, compound commands on
 * one line.  The result parses back into the same tree, which the fuzzer
 * checks.
 */
#include <stdio.h>
#include <string.h>

#include "node.h"
#include "parser.h"
#include "util.h"

static void fmt(const struct node *n, struct strbuf *out);

static void fmt_words(struct word *const *w, size_t n, struct strbuf *out, int *first)
{
	for (size_t i = 0; i < n; i++) {
		if (!*first)
			sb_addc(out, ' ');
		*first = 0;
		sb_adds(out, w[i]->raw);
	}
}

static void fmt_redirs(const struct redir_list *r, struct strbuf *out, int *first)
{
	static const char *const ops[] = { [R_IN] = "<", [R_OUT] = ">", [R_CLOBBER] = ">|",
					   [R_APPEND] = ">>", [R_RDWR] = "<>", [R_DUPIN] = "<&",
					   [R_DUPOUT] = ">&", [R_HEREDOC] = "<<" };
	static const int default_fd[] = { [R_IN] = 0, [R_OUT] = 1, [R_CLOBBER] = 1, [R_APPEND] = 1,
					  [R_RDWR] = 0, [R_DUPIN] = 0, [R_DUPOUT] = 1, [R_HEREDOC] = 0 };
	char num[16];
	for (size_t i = 0; i < r->n; i++) {
		const struct redir *d = &r->v[i];
		if (!*first)
			sb_addc(out, ' ');
		*first = 0;
		if (d->fd != default_fd[d->kind]) {
			snprintf(num, sizeof num, "%d", d->fd);
			sb_adds(out, num);
		}
		sb_adds(out, ops[d->kind]);
		if (d->kind == R_HEREDOC && d->doc && d->doc->strip_tabs)
			sb_addc(out, '-');
		else if (d->kind == R_HEREDOC && d->target->raw[0] == '-')
			sb_addc(out, ' '); /* << -x: together, <<-x would strip tabs */
		sb_adds(out, d->target->raw);
	}
}

/* A command inside a compound command's list, followed by its separator:
 * "; " after most, nothing more after one that ends with "&". */
static void fmt_item(const struct node *n, struct strbuf *out)
{
	fmt(n, out);
	sb_adds(out, n->type == N_BG ? " " : "; ");
}

/* A compound command's list: items of a sequence each with its separator. */
static void fmt_body(const struct node *n, struct strbuf *out)
{
	if (!n)
		return;
	if (n->type == N_SEQ) {
		const struct seq_node *s = (const struct seq_node *)n;
		for (size_t i = 0; i < s->count; i++)
			fmt_item(s->items[i], out);
		return;
	}
	fmt_item(n, out);
}

static void fmt_if(const struct if_node *i, struct strbuf *out)
{
	sb_adds(out, i->is_elif ? "elif " : "if ");
	fmt_body(i->cond, out);
	sb_adds(out, "then ");
	fmt_body(i->then_part, out);
	if (i->else_part && i->else_part->type == N_IF && ((const struct if_node *)i->else_part)->is_elif) {
		fmt_if((const struct if_node *)i->else_part, out);
		return; /* the elif writes the fi */
	}
	if (i->else_part) {
		sb_adds(out, "else ");
		fmt_body(i->else_part, out);
	}
	sb_adds(out, "fi");
}

static void fmt_case(const struct case_node *c, struct strbuf *out)
{
	sb_adds(out, "case ");
	sb_adds(out, c->subject->raw);
	sb_adds(out, " in ");
	for (size_t i = 0; i < c->nitems; i++) {
		const struct case_item *it = &c->items[i];
		if (it->npats && word_is(it->pats[0], "esac"))
			sb_addc(out, '('); /* (esac) is a pattern, esac) ends the case */
		for (size_t k = 0; k < it->npats; k++) {
			if (k)
				sb_addc(out, '|');
			sb_adds(out, it->pats[k]->raw);
		}
		sb_adds(out, ") ");
		fmt_body(it->body, out);
		sb_adds(out, it->fallthrough ? ";& " : ";; ");
	}
	sb_adds(out, "esac");
}

static void fmt(const struct node *n, struct strbuf *out)
{
	int first = 1;
	switch (n->type) {
	case N_SIMPLE: {
		const struct simple_node *s = (const struct simple_node *)n;
		fmt_words(s->assigns, s->nassign, out, &first);
		if (s->nassign == 0 && s->nwords && s->redirs.n && word_is_reserved(s->words[0])) {
			/* `>f if` runs a command called if; written as `if >f`
			 * it would start an if: keep the redirection first */
			fmt_redirs(&s->redirs, out, &first);
			fmt_words(s->words, s->nwords, out, &first);
			break;
		}
		fmt_words(s->words, s->nwords, out, &first);
		fmt_redirs(&s->redirs, out, &first);
		break;
	}
	case N_PIPE: {
		const struct pipe_node *p = (const struct pipe_node *)n;
		if (p->negate)
			sb_adds(out, "! ");
		for (size_t i = 0; i < p->count; i++) {
			if (i)
				sb_adds(out, " | ");
			fmt(p->cmds[i], out);
		}
		break;
	}
	case N_ANDOR: {
		const struct andor_node *a = (const struct andor_node *)n;
		for (size_t i = 0; i < a->count; i++) {
			if (i)
				sb_adds(out, a->ops[i - 1] == OP_AND ? " && " : " || ");
			fmt(a->items[i], out);
		}
		break;
	}
	case N_SEQ: {
		const struct seq_node *s = (const struct seq_node *)n;
		for (size_t i = 0; i < s->count; i++) {
			if (i)
				sb_adds(out, s->items[i - 1]->type == N_BG ? " " : "; ");
			fmt(s->items[i], out);
		}
		break;
	}
	case N_BG:
		fmt(((const struct bg_node *)n)->body, out);
		sb_adds(out, " &");
		break;
	case N_SUBSHELL:
		sb_adds(out, "( ");
		fmt(((const struct group_node *)n)->body, out);
		sb_adds(out, " )");
		break;
	case N_BRACE:
		sb_adds(out, "{ ");
		fmt_body(((const struct group_node *)n)->body, out);
		sb_adds(out, "}");
		break;
	case N_IF:
		fmt_if((const struct if_node *)n, out);
		break;
	case N_WHILE: {
		const struct while_node *w = (const struct while_node *)n;
		sb_adds(out, w->until ? "until " : "while ");
		fmt_body(w->cond, out);
		sb_adds(out, "do ");
		fmt_body(w->body, out);
		sb_adds(out, "done");
		break;
	}
	case N_FOR: {
		const struct for_node *f = (const struct for_node *)n;
		sb_adds(out, "for ");
		sb_adds(out, f->var);
		if (f->has_in) {
			sb_adds(out, " in");
			for (size_t i = 0; i < f->nwords; i++) {
				sb_addc(out, ' ');
				sb_adds(out, f->words[i]->raw);
			}
		}
		sb_adds(out, "; do ");
		fmt_body(f->body, out);
		sb_adds(out, "done");
		break;
	}
	case N_CASE:
		fmt_case((const struct case_node *)n, out);
		break;
	case N_FUNCDEF: {
		const struct funcdef_node *f = (const struct funcdef_node *)n;
		sb_adds(out, f->name);
		sb_adds(out, "() ");
		fmt(f->body, out);
		break;
	}
	case N_REDIR: {
		const struct redir_node *r = (const struct redir_node *)n;
		fmt(r->body, out);
		first = 0;
		fmt_redirs(&r->redirs, out, &first);
		break;
	}
	case N_EXPLAIN:
		sb_adds(out, "explain ");
		sb_adds(out, ((const struct explain_node *)n)->text);
		break;
	}
}

void node_format(const struct node *n, struct strbuf *out)
{
	if (n)
		fmt(n, out);
}

char *node_text(const struct node *n)
{
	struct strbuf sb;
	sb_init(&sb);
	node_format(n, &sb);
	return sb.buf ? sb_steal(&sb) : xstrdup("");
}

const char *node_kind_name(enum node_type type)
{
	static const char *const names[] = {
		[N_SIMPLE] = "simple command", [N_PIPE] = "pipeline", [N_ANDOR] = "and-or list",
		[N_SEQ] = "sequence", [N_BG] = "background command", [N_SUBSHELL] = "subshell",
		[N_BRACE] = "brace group", [N_IF] = "if", [N_WHILE] = "loop", [N_FOR] = "for loop",
		[N_CASE] = "case", [N_FUNCDEF] = "function definition", [N_REDIR] = "redirected command",
		[N_EXPLAIN] = "explain",
	};
	return names[type];
}
