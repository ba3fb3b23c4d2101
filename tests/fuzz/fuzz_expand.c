/* fuzz_expand.c - fuzz target: word expansion.
 *
 * The first byte of an input picks IFS and the positional parameters; the
 * rest is shell text, parsed as the shell would parse it (expansion trusts
 * the lexer to have rejected malformed ${...}, so it only ever sees words
 * that parsed).  Every word of every simple command is then expanded the
 * three ways the executor does it: command words as fields (splitting and
 * globbing), redirection targets as one string, assignment values as one
 * string with ~ after ':'.  Globbing runs over fakeglob.c's made-up tree,
 * ~user reads the password database, and nothing runs.
 */
#include <stdlib.h>
#include <string.h>

#include "../../shell/expand.h"
#include "../../shell/parser.h"
#include "../../shell/shell.h"
#include "../../shell/vars.h"
#include "fuzz.h"

/* Once per run: quiet stderr and give the shell a few variables to
 * expand ($x with runs of spaces, an empty $e, a glob in $g).  Returns 0. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	sh.pid = 4242;
	sh.last_bg = 4343;
	sh.arg0 = "fuzz";
	var_set("HOME", "/home/fuzz");
	var_set("x", "a b  c");
	var_set("e", "");
	var_set("g", "*.c");
	var_set("s", " lead:trail: ");
	return 0;
}

/* Pick IFS and $1... from one byte, so the fuzzer can try them all. */
static void set_context(uint8_t b)
{
	static const char *const ifs[] = { " \t\n", ":", "", " :", "\n", "a" };
	static char *args[] = { "one", "two words", "", "*.c", " ", "x:y" };
	var_set("IFS", ifs[b % 6]);
	sh.argc = (b / 6) % 7;
	sh.argv = args;
	sh.status = b;
}

/* Expand everything expandable in one tree; the results are dropped. */
static void expand_tree(const struct node *n)
{
	switch (n->type) {
	case N_CMD: {
		const struct cmd_node *c = (const struct cmd_node *)n;
		struct strvec out;
		sv_init(&out);
		expand_words(c->words, c->nwords, &out);
		for (size_t i = 0; i < out.n; i++)
			if (!out.v[i])
				abort();
		sv_free(&out);
		for (size_t i = 0; i < c->nredirs; i++)
			if (c->redirs[i].target.text)
				free(expand_single(c->redirs[i].target.text));
		for (size_t i = 0; i < c->nassign; i++) {
			const char *raw;
			char *name = var_split_assignment_raw(c->assigns[i].text, &raw);
			free(expand_assign(raw));
			free(name);
		}
		break;
	}
	case N_PIPE: {
		const struct pipe_node *p = (const struct pipe_node *)n;
		for (size_t i = 0; i < p->n; i++)
			expand_tree(p->cmds[i]);
		break;
	}
	case N_ANDOR: {
		const struct andor_node *a = (const struct andor_node *)n;
		for (size_t i = 0; i < a->n; i++)
			expand_tree(a->items[i]);
		break;
	}
	case N_SEQ: {
		const struct seq_node *s = (const struct seq_node *)n;
		for (size_t i = 0; i < s->n; i++)
			expand_tree(s->items[i]);
		break;
	}
	case N_BG:
		expand_tree(((const struct bg_node *)n)->body);
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
	char *line = fuzz_line(data + 1, size - 1);
	struct node *tree;
	struct syn_error err;
	if (parse_line(line, &tree, &err) == SYN_OK && tree) {
		expand_tree(tree);
		node_free(tree);
	}
	free(line);
	return 0;
}
