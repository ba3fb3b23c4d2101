/* treefmt.h - a compact picture of a parse tree, for the parser tests (and
 * anything else that wants to compare trees): one walker over every node
 * kind, switching without a default so that a new kind is a compiler
 * warning here too.
 *
 *   S(A:x=1 echo a R:2>f)     simple command: assignments, words, redirections
 *   P(S(a) S(b))  !P(...)     pipeline, negated
 *   AO(S(a) && S(b) || S(c))  and-or list
 *   SEQ(S(a) S(b))            sequence
 *   BG(S(a))                  a &
 *   SUB(...)  BR(...)         ( ... ) and { ...; }
 *   IF(cond; then; else)      else is '-' when missing; elif nests an ELIF(...)
 *   WHILE(cond; body)  UNTIL(cond; body)
 *   FOR(x in a b; body)  FOR(x; body)    with and without `in`
 *   CASE(word; a|b: body;; c: -;&)       '-' for an empty body
 *   FN(name; body)            function definition
 *   RD(body R:>f R:2>&1)      a compound command with redirections
 *   EXPLAIN(text; body)
 * Words are shown as written (their raw text); a here-document's
 * redirection shows its delimiter word.
 */
#ifndef FORKSH_TEST_TREEFMT_H
#define FORKSH_TEST_TREEFMT_H

#include <stdio.h>
#include <stdlib.h>

#include "../../shell/node.h"
#include "../../shell/util.h"

static inline void treefmt_add(const struct node *n, struct strbuf *sb);

static inline void treefmt_redirs(const struct redir_list *r, struct strbuf *sb, int *first)
{
	static const char *const ops[] = { [R_IN] = "<", [R_OUT] = ">", [R_CLOBBER] = ">|", [R_APPEND] = ">>",
					   [R_RDWR] = "<>", [R_DUPIN] = "<&", [R_DUPOUT] = ">&", [R_HEREDOC] = "<<" };
	for (size_t i = 0; i < r->n; i++) {
		char num[32];
		if (!*first)
			sb_addc(sb, ' ');
		*first = 0;
		snprintf(num, sizeof num, "R:%d", r->v[i].fd);
		sb_adds(sb, num);
		sb_adds(sb, ops[r->v[i].kind]);
		if (r->v[i].kind == R_HEREDOC && r->v[i].doc && r->v[i].doc->strip_tabs)
			sb_addc(sb, '-');
		sb_adds(sb, r->v[i].target->raw);
	}
}

/* A list body: '-' for none. */
static inline void treefmt_opt(const struct node *n, struct strbuf *sb)
{
	if (n)
		treefmt_add(n, sb);
	else
		sb_addc(sb, '-');
}

static inline void treefmt_list(const char *name, struct node *const *v, size_t n, struct strbuf *sb)
{
	sb_adds(sb, name);
	sb_addc(sb, '(');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(sb, ' ');
		treefmt_add(v[i], sb);
	}
	sb_addc(sb, ')');
}

static inline void treefmt_add(const struct node *n, struct strbuf *sb)
{
	switch (n->type) {
	case N_SIMPLE: {
		const struct simple_node *s = (const struct simple_node *)n;
		int first = 1;
		sb_adds(sb, "S(");
		for (size_t i = 0; i < s->nassign; i++, first = 0) {
			sb_adds(sb, first ? "A:" : " A:");
			sb_adds(sb, s->assigns[i]->raw);
		}
		for (size_t i = 0; i < s->nwords; i++, first = 0) {
			if (!first)
				sb_addc(sb, ' ');
			sb_adds(sb, s->words[i]->raw);
		}
		treefmt_redirs(&s->redirs, sb, &first);
		sb_addc(sb, ')');
		break;
	}
	case N_PIPE: {
		const struct pipe_node *p = (const struct pipe_node *)n;
		treefmt_list(p->negate ? "!P" : "P", p->cmds, p->count, sb);
		break;
	}
	case N_ANDOR: {
		const struct andor_node *a = (const struct andor_node *)n;
		sb_adds(sb, "AO(");
		for (size_t i = 0; i < a->count; i++) {
			if (i)
				sb_adds(sb, a->ops[i - 1] == OP_AND ? " && " : " || ");
			treefmt_add(a->items[i], sb);
		}
		sb_addc(sb, ')');
		break;
	}
	case N_SEQ: {
		const struct seq_node *s = (const struct seq_node *)n;
		treefmt_list("SEQ", s->items, s->count, sb);
		break;
	}
	case N_BG:
		sb_adds(sb, "BG(");
		treefmt_add(((const struct bg_node *)n)->body, sb);
		sb_addc(sb, ')');
		break;
	case N_SUBSHELL:
	case N_BRACE:
		sb_adds(sb, n->type == N_SUBSHELL ? "SUB(" : "BR(");
		treefmt_opt(((const struct group_node *)n)->body, sb);
		sb_addc(sb, ')');
		break;
	case N_IF: {
		const struct if_node *i = (const struct if_node *)n;
		sb_adds(sb, i->is_elif ? "ELIF(" : "IF(");
		treefmt_opt(i->cond, sb);
		sb_adds(sb, "; ");
		treefmt_opt(i->then_part, sb);
		sb_adds(sb, "; ");
		treefmt_opt(i->else_part, sb);
		sb_addc(sb, ')');
		break;
	}
	case N_WHILE: {
		const struct while_node *w = (const struct while_node *)n;
		sb_adds(sb, w->until ? "UNTIL(" : "WHILE(");
		treefmt_opt(w->cond, sb);
		sb_adds(sb, "; ");
		treefmt_opt(w->body, sb);
		sb_addc(sb, ')');
		break;
	}
	case N_FOR: {
		const struct for_node *f = (const struct for_node *)n;
		sb_adds(sb, "FOR(");
		sb_adds(sb, f->var ? f->var : "?");
		if (f->has_in) {
			sb_adds(sb, " in");
			for (size_t i = 0; i < f->nwords; i++) {
				sb_addc(sb, ' ');
				sb_adds(sb, f->words[i]->raw);
			}
		}
		sb_adds(sb, "; ");
		treefmt_opt(f->body, sb);
		sb_addc(sb, ')');
		break;
	}
	case N_CASE: {
		const struct case_node *c = (const struct case_node *)n;
		sb_adds(sb, "CASE(");
		sb_adds(sb, c->subject->raw);
		for (size_t i = 0; i < c->nitems; i++) {
			sb_adds(sb, "; ");
			for (size_t k = 0; k < c->items[i].npats; k++) {
				if (k)
					sb_addc(sb, '|');
				sb_adds(sb, c->items[i].pats[k]->raw);
			}
			sb_adds(sb, ": ");
			treefmt_opt(c->items[i].body, sb);
			sb_adds(sb, c->items[i].fallthrough ? ";&" : ";;");
		}
		sb_addc(sb, ')');
		break;
	}
	case N_FUNCDEF: {
		const struct funcdef_node *f = (const struct funcdef_node *)n;
		sb_adds(sb, "FN(");
		sb_adds(sb, f->name);
		sb_adds(sb, "; ");
		treefmt_opt(f->body, sb);
		sb_addc(sb, ')');
		break;
	}
	case N_REDIR: {
		const struct redir_node *r = (const struct redir_node *)n;
		int first = 0;
		sb_adds(sb, "RD(");
		treefmt_add(r->body, sb);
		treefmt_redirs(&r->redirs, sb, &first);
		sb_addc(sb, ')');
		break;
	}
	case N_EXPLAIN: {
		const struct explain_node *e = (const struct explain_node *)n;
		sb_adds(sb, "EXPLAIN(");
		sb_adds(sb, e->text);
		sb_adds(sb, "; ");
		treefmt_opt(e->body, sb);
		sb_addc(sb, ')');
		break;
	}
	}
}

/* The picture of a tree as a new string ("-" for NULL). */
static inline char *treefmt(const struct node *n)
{
	struct strbuf sb;
	sb_init(&sb);
	treefmt_opt(n, &sb);
	return sb_steal(&sb);
}

#endif
