/* fuzz_expand.c - fuzz target: word expansion.
 *
 * The first byte of an input picks IFS, the positional parameters and the
 * options -u and -f; the rest is shell text, parsed as a string is
 * (expansion trusts the lexer to have rejected malformed ${...}, so it
 * only ever sees words that parsed).  Every word in the tree is then
 * expanded the way the executor uses it: command words and for-loop words
 * as fields (splitting and globbing), assignment values, redirection
 * targets, here-document bodies and case subjects as one string, case
 * patterns as patterns.  That covers the parameter operators, arithmetic
 * (errors included), tildes, IFS splitting and globbing; globbing runs
 * over fakeglob.c's made-up tree, ~user reads the password database, and
 * nothing runs: command substitutions go to fakesubst.c, which hands back
 * the command's text instead of forking.  Variables set by ${x=...} and
 * $((x=...)) are reset before each input, so a run does not depend on the
 * inputs before it.
 */
#include <stdlib.h>
#include <string.h>

#include "../../shell/expand.h"
#include "../../shell/parser.h"
#include "../../shell/shell.h"
#include "../../shell/vars.h"
#include "fuzz.h"

/* Once per run: quiet stderr and give the shell its fixed state.
 * Returns 0. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	sh.pid = 4242;
	sh.last_bg = 4343;
	sh.arg0 = "fuzz";
	return 0;
}

/* Pick IFS, $1... and -u / -f from one byte, so the fuzzer can try them
 * all; give the shell a few variables to expand ($x with runs of spaces,
 * an empty $e, a glob in $g, separators in $s, a number in $n, a
 * backslash in $b). */
static void set_context(uint8_t byte)
{
	static const char *const ifs[] = { " \t\n", ":", "", " :", "\n", "a" };
	static char *args[] = { "one", "two words", "", "*.c", " ", "x:y" };
	unsigned b = byte;
	var_clear_all();
	var_set("HOME", "/home/fuzz");
	var_set("x", "a b  c");
	var_set("e", "");
	var_set("g", "*.c");
	var_set("s", " lead:trail: ");
	var_set("n", "42");
	var_set("b", "a\\*[b]");
	if (b % 7 != 6)
		var_set("IFS", ifs[b % 7]);
	sh.argc = (int)((b / 7) % 7);
	sh.argv = args;
	sh.status = (int)b;
	sh.opt[OPT_u] = (b / 49) & 1;
	sh.opt[OPT_f] = (b / 98) & 1;
}

static void fields(struct word *const *w, size_t n)
{
	struct strvec out;
	sv_init(&out);
	expand_words(w, n, &out);
	for (size_t i = 0; i < out.n; i++)
		if (!out.v[i])
			abort();
	sv_free(&out);
}

static void one_string(const struct word *w)
{
	free(expand_string(w));
}

static void redirs(const struct redir_list *r)
{
	for (size_t i = 0; i < r->n; i++) {
		one_string(r->v[i].target);
		if (r->v[i].doc && r->v[i].doc->body)
			one_string(r->v[i].doc->body);
	}
}

/* Expand everything expandable in one tree; the results are dropped. */
static void expand_tree(const struct node *n)
{
	if (!n)
		return;
	switch (n->type) {
	case N_SIMPLE: {
		const struct simple_node *s = (const struct simple_node *)n;
		for (size_t i = 0; i < s->nassign; i++)
			one_string(s->assigns[i]);
		fields(s->words, s->nwords);
		redirs(&s->redirs);
		break;
	}
	case N_PIPE: {
		const struct pipe_node *p = (const struct pipe_node *)n;
		for (size_t i = 0; i < p->count; i++)
			expand_tree(p->cmds[i]);
		break;
	}
	case N_ANDOR: {
		const struct andor_node *a = (const struct andor_node *)n;
		for (size_t i = 0; i < a->count; i++)
			expand_tree(a->items[i]);
		break;
	}
	case N_SEQ: {
		const struct seq_node *s = (const struct seq_node *)n;
		for (size_t i = 0; i < s->count; i++)
			expand_tree(s->items[i]);
		break;
	}
	case N_BG:
		expand_tree(((const struct bg_node *)n)->body);
		break;
	case N_SUBSHELL:
	case N_BRACE:
		expand_tree(((const struct group_node *)n)->body);
		break;
	case N_IF: {
		const struct if_node *i = (const struct if_node *)n;
		expand_tree(i->cond);
		expand_tree(i->then_part);
		expand_tree(i->else_part);
		break;
	}
	case N_WHILE:
		expand_tree(((const struct while_node *)n)->cond);
		expand_tree(((const struct while_node *)n)->body);
		break;
	case N_FOR: {
		const struct for_node *f = (const struct for_node *)n;
		fields(f->words, f->nwords);
		expand_tree(f->body);
		break;
	}
	case N_CASE: {
		const struct case_node *c = (const struct case_node *)n;
		one_string(c->subject);
		for (size_t i = 0; i < c->nitems; i++) {
			for (size_t k = 0; k < c->items[i].npats; k++)
				free(expand_pattern(c->items[i].pats[k]));
			expand_tree(c->items[i].body);
		}
		break;
	}
	case N_FUNCDEF:
		expand_tree(((const struct funcdef_node *)n)->body);
		break;
	case N_REDIR:
		expand_tree(((const struct redir_node *)n)->body);
		redirs(&((const struct redir_node *)n)->redirs);
		break;
	case N_EXPLAIN:
		expand_tree(((const struct explain_node *)n)->body);
		break;
	}
}

/* One input: first byte for the context, the rest parsed and expanded.
 * Returns 0; a NULL field aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	set_context(data[0]);
	char *text = fuzz_line(data + 1, size - 1);
	struct node *tree;
	struct syn_error err;
	if (parse_string(text, strlen(text), &tree, &err) == SYN_OK && tree) {
		expand_tree(tree);
		node_free(tree);
	}
	free(text);
	return 0;
}
