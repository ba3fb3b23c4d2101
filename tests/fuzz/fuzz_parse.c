/* fuzz_parse.c - fuzz target: tokenizer, parser, node_text and explain.
 *
 * An input is a chunk of shell text, possibly many lines, with NUL bytes
 * dropped and a newline at the end (fuzz_line).  It is parsed twice: whole,
 * as a string is (parse_string: `eval`, -c, backquotes), and command by
 * command from a string source, as the read loop does (parse_command, which
 * also makes explain nodes).  A tree that parses is written back as text,
 * which must parse again, and is drawn by explain in ASCII and UTF-8; a
 * syntax error is shown with its caret.  Nothing is ever run: explain only
 * looks PATH up.  Properties checked beyond "no crash, no leak, no
 * undefined behaviour":
 *   - a syntax error's caret position lies inside the text;
 *   - what node_text writes back parses again, into a tree that writes back
 *     as the same text (unless the input has here-documents: node_text
 *     does not write their bodies).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../shell/explain.h"
#include "../../shell/parser.h"
#include "../../shell/shell.h"
#include "../../shell/source.h"
#include "fuzz.h"

static FILE *sink;

/* Once per run: quiet stderr, keep the sink for explain.  Returns 0. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	sink = fuzz_quiet();
	return 0;
}

/* Parse text again the way its tree was parsed: whole (parse_string) or
 * as one command line (parse_command, which makes explain nodes), which
 * must then be all of it.  Returns the tree, or aborts. */
static struct node *reparse(const char *text, int by_command)
{
	struct node *again = NULL;
	struct syn_error err;
	enum syn_status st;
	if (!by_command) {
		st = parse_string(text, strlen(text), &again, &err);
	} else {
		struct source src;
		src_init_string(&src, text, strlen(text), 1);
		src_begin(&src);
		st = parse_command(&src, &again, &err);
		if (st == SYN_OK) {
			struct node *more = NULL;
			src_begin(&src);
			if (parse_command(&src, &more, &err) != SYN_EOF) {
				fprintf(sink, "round trip: more than one command line: %s\n", text);
				abort();
			}
		}
		src_free(&src);
	}
	if (st != SYN_OK) {
		fprintf(sink, "round trip failed: %s: %s\n", text, st == SYN_ERROR ? err.msg : "");
		abort();
	}
	return again;
}

/* Parse the text node_text wrote back for tree.  Aborts (which the fuzzer
 * reports as a crash) if it does not parse, or parses into a tree that
 * writes back differently: the job table, trace and explain show that text
 * to the user. */
static void check_round_trip(const struct node *tree, int by_command)
{
	char *text = node_text(tree);
	struct node *again = reparse(text, by_command);
	char *text2 = node_text(again);
	if (strcmp(text, text2) != 0) {
		fprintf(sink, "round trip changed: %s -> %s\n", text, text2);
		abort();
	}
	node_free(again);
	free(text);
	free(text2);
}

/* A syntax error: its position must lie inside the text; show it as the
 * shell would. */
static void check_error(const char *text, const struct syn_error *err)
{
	if (err->pos > strlen(text))
		abort();
	sh_syntax_error(text, err->pos, err->msg);
}

/* Explain a tree both ways, and check its text (round_trip: 0 no, 1 as a
 * string, 2 as a command line). */
static void use_tree(const struct node *tree, int round_trip)
{
	if (round_trip)
		check_round_trip(tree, round_trip == 2);
	explain_tree(tree, sink, 0);
	explain_tree(tree, sink, 1);
}

/* One input: parse it whole, then command by command.  Returns 0
 * (libFuzzer's "keep going"); a broken property aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!sink)
		sink = fuzz_quiet();
	char *text = fuzz_line(data, size);
	size_t len = strlen(text);
	int round_trip = !strstr(text, "<<");
	struct node *tree;
	struct syn_error err;
	if (parse_string(text, len, &tree, &err) != SYN_OK) {
		check_error(text, &err);
	} else if (tree) {
		use_tree(tree, round_trip);
		node_free(tree);
	}

	struct source src;
	src_init_string(&src, text, len, 1);
	for (;;) {
		src_begin(&src);
		enum syn_status st = parse_command(&src, &tree, &err);
		if (st == SYN_EOF)
			break;
		if (st != SYN_OK) {
			check_error(src.text.buf ? src.text.buf : "", &err);
			src_skip_line(&src);
			continue;
		}
		if (tree) {
			use_tree(tree, round_trip ? 2 : 0);
			node_free(tree);
		}
	}
	src_free(&src);
	free(text);
	return 0;
}
