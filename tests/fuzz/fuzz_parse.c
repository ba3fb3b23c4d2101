/* fuzz_parse.c - fuzz target: lexer, parser, node_text and explain.
 *
 * An input is one chunk of shell text, possibly several lines, fed to the
 * parser exactly as the line reader would (NUL bytes dropped, a newline at
 * the end).  A tree that parses is written back as text, parsed again, and
 * rendered by explain in both ASCII and UTF-8; a syntax error is rendered
 * with its caret.  Nothing is ever run: explain only looks PATH up.
 * Properties checked beyond "no crash, no leak, no undefined behaviour":
 *   - a syntax error's caret position lies inside the line;
 *   - what node_text writes back parses again (when the original had no
 *     newlines, which node_text turns into `;`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../shell/explain.h"
#include "../../shell/parser.h"
#include "../../shell/shell.h"
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

/* Parse the text node_text wrote back for a tree.  Aborts (which the fuzzer
 * reports as a crash) if a tree cannot be written back as a line that parses:
 * the job table and explain show that text to the user. */
static void check_round_trip(const struct node *tree)
{
	char *text = node_text(tree);
	size_t n = strlen(text);
	char *line = malloc(n + 2);
	if (!line)
		abort();
	memcpy(line, text, n);
	line[n] = '\n';
	line[n + 1] = '\0';
	struct node *again;
	struct syn_error err;
	if (parse_line(line, &again, &err) != SYN_OK) {
		fprintf(sink, "round trip failed: %s\n", line);
		abort();
	}
	node_free(again);
	free(line);
	free(text);
}

/* One input: parse, then write back and explain, or show the syntax
 * error.  Returns 0 (libFuzzer's "keep going"); a broken property aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!sink)
		sink = fuzz_quiet();
	char *line = fuzz_line(data, size);
	struct node *tree;
	struct syn_error err;
	enum syn_status st = parse_line(line, &tree, &err);
	if (st != SYN_OK) {
		if (err.pos > strlen(line))
			abort();
		sh_syntax_error(line, err.pos, err.msg);
	} else if (tree) {
		if (!memchr(line, '\n', strlen(line) - 1))
			check_round_trip(tree);
		node_free(tree);
		explain_line(line, sink, 0);
		explain_line(line, sink, 1);
	}
	free(line);
	return 0;
}
