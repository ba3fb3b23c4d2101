/* lexer.h - the tokenizer: characters from a source in, tokens out.
 *
 * Operators are recognised here; words are read straight into their parts
 * (node.h), including the command substitutions inside them, which are
 * parsed on the spot by a nested parser reading the same source.  Whether a
 * word is a reserved word (if, then, ...) is the parser's decision, since it
 * depends on where the word stands.  Here-document bodies are read when the
 * newline that ends their line is tokenized.
 */
#ifndef FORKSH_LEXER_H
#define FORKSH_LEXER_H

#include <stddef.h>

#include "node.h"

enum tok_kind {
	T_EOF,
	T_NEWLINE,
	T_WORD,
	T_SEMI,      /* ;   */
	T_AMP,       /* &   */
	T_PIPE,      /* |   */
	T_AND,       /* &&  */
	T_OR,        /* ||  */
	T_DSEMI,     /* ;;  */
	T_SEMIAMP,   /* ;&  */
	T_LPAREN,    /* (   */
	T_RPAREN,    /* )   */
	T_LESS,      /* <   */
	T_GREAT,     /* >   */
	T_DGREAT,    /* >>  */
	T_CLOBBER,   /* >|  */
	T_LESSGREAT, /* <>  */
	T_LESSAND,   /* <&  */
	T_GREATAND,  /* >&  */
	T_DLESS,     /* <<  */
	T_DLESSDASH, /* <<- */
	T_ERROR      /* the lexer failed; the parser's error holds why */
};

struct token {
	enum tok_kind kind;
	int io_number;     /* the N of N>, or -1 when none was written */
	size_t pos;        /* offset of the first character in the source's text */
	long line;         /* its line number */
	struct word *word; /* T_WORD: owned by the token until taken */
};

struct parser;

/* Read the next token for parser p.  On failure returns a T_ERROR token
 * with p's error set. */
struct token lex_token(struct parser *p);

/* Printable name of a token kind for messages: "'&&'", "end of line". */
const char *tok_name(enum tok_kind kind);

/* Parse the text of a here-document body (unquoted delimiter: $, ` and \
 * are special) into a word.  Returns NULL with p's error set on failure. */
struct word *lex_heredoc_body(struct parser *p, const char *text, size_t pos);

/* Is w a plain, unquoted word with exactly the text s (a reserved word
 * candidate)? */
int word_is(const struct word *w, const char *s);

/* The length of the NAME in an assignment word NAME=..., or 0 when w is not
 * one. */
size_t word_assign_len(const struct word *w);

/* In a word that turned out not to be an assignment, turn the tildes the
 * lexer took after '=' and ':' back into plain text. */
void word_drop_assign_tildes(struct word *w);

#endif
