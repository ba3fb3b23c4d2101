/* lexer.h - split one logical command line into tokens with source positions.
 *
 * Words keep their raw text, quotes and all: quote removal belongs to
 * expansion, which needs to know which characters were quoted.  The lexer
 * only checks that quotes are closed and finds where each word ends.
 */
#ifndef FORKSH_LEXER_H
#define FORKSH_LEXER_H

#include <stddef.h>

enum tok_kind {
	TOK_WORD,
	TOK_NEWLINE,
	TOK_SEMI,      /* ;  */
	TOK_AMP,       /* &  */
	TOK_PIPE,      /* |  */
	TOK_AND,       /* && */
	TOK_OR,        /* || */
	TOK_LESS,      /* <  */
	TOK_GREAT,     /* >  */
	TOK_DGREAT,    /* >> */
	TOK_LESSAND,   /* <& */
	TOK_GREATAND,  /* >& */
	TOK_EOF
};

struct token {
	enum tok_kind kind;
	int io_number;  /* the N of N> or N<&M, or -1 when none was written */
	size_t pos;     /* byte offset of the token's first character */
	size_t len;     /* length of the raw text in the source line */
	char *text;     /* TOK_WORD only: the raw word, quotes intact */
};

struct token_list {
	struct token *v;
	size_t n;
	size_t cap;
};

/* How a lexer or parser failure is reported.  INCOMPLETE means "this is fine
 * so far but the line ends too early" (an open quote, a trailing | or &&, a
 * backslash-newline): the reader may fetch another line and try again. */
enum syn_status { SYN_OK = 0, SYN_ERROR, SYN_INCOMPLETE };

struct syn_error {
	enum syn_status status;
	size_t pos;      /* byte offset the caret points at */
	int continuation; /* SYN_INCOMPLETE because the input ends in backslash-newline:
			   * the reader drops those two bytes and joins the next line */
	char msg[160];
};

/* Tokenise src.  Returns SYN_OK and fills out (free with lex_free), or an
 * error status with err filled in and out left empty. */
enum syn_status lex(const char *src, struct token_list *out, struct syn_error *err);
void lex_free(struct token_list *toks);
const char *tok_name(enum tok_kind kind);

#endif
