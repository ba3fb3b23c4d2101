/* parseri.h - what the parser's own files share: the token-level helpers
 * (parsetok.c), and the grammar rules that one of parser.c, parsecomp.c and
 * parsesimple.c calls in another.  Not for anyone else: the rest of the
 * shell sees parser.h.
 */
#ifndef FORKSH_PARSERI_H
#define FORKSH_PARSERI_H

#include <stddef.h>

#include "parser.h"

/* The reserved words (XCU 2.4) that start a command, and those that end a
 * list inside a compound command, as sets of keyword numbers. */
#define KW_BIT(k) (1u << (k))
static const unsigned parse_starters = KW_BIT(KW_LBRACE) | KW_BIT(KW_BANG) | KW_BIT(KW_IF) | KW_BIT(KW_WHILE) |
				       KW_BIT(KW_UNTIL) | KW_BIT(KW_FOR) | KW_BIT(KW_CASE);
static const unsigned parse_enders = KW_BIT(KW_RBRACE) | KW_BIT(KW_THEN) | KW_BIT(KW_ELSE) | KW_BIT(KW_ELIF) |
				     KW_BIT(KW_FI) | KW_BIT(KW_DO) | KW_BIT(KW_DONE) | KW_BIT(KW_ESAC) | KW_BIT(KW_IN);

/* ---- tokens (parsetok.c) ----------------------------------------------- */

/* Return the current token (the one token of lookahead), reading it from
 * the lexer first if need be: on a lexer error, a T_ERROR token with p's
 * error set. */
struct token *parse_peek(struct parser *p);

/* Drop the current token, freeing its word unless the tree took it. */
void parse_consume(struct parser *p);

/* Take the current token's word for the tree (the caller owns it) and move
 * on to the next token. */
struct word *parse_take_word(struct parser *p);
/* The same for a word that is never an assignment (a for list, a case
 * word or pattern, a redirection's target): x=~ in it keeps its tilde. */
struct word *parse_take_plain_word(struct parser *p);

/* Return 1 if the current token is the reserved word kw, 0 otherwise. */
int parse_is_kw(struct parser *p, const char *kw);

/* Return 1 if the current token is one of the reserved words in set (a
 * mask of KW_BIT values, such as parse_starters), 0 otherwise. */
int parse_is_one_of(struct parser *p, unsigned set);

/* Record the current token as unexpected (a syntax error); returns NULL. */
void *parse_unexpected(struct parser *p);

/* Consume the reserved word kw that closes opener.  Returns 1, or 0 with a
 * syntax error naming what was expected. */
int parse_expect_kw(struct parser *p, const char *kw, const char *opener);

/* Consume a token of the given kind that closes opener.  Returns 1, or 0
 * with a syntax error. */
int parse_expect_tok(struct parser *p, enum tok_kind kind, const char *opener);

/* The grammar's linebreak: skip any number of newlines. */
void parse_linebreak(struct parser *p);

/* Make a node of the given type at the current token's position and line. */
struct node *parse_new_node(struct parser *p, enum node_type type);

/* ---- grammar rules shared between files -------------------------------- */

/* A list inside a compound command (parser.c).  Returns the tree, or NULL
 * for an empty list or with p's error set. */
struct node *parse_compound_list(struct parser *p);

/* The grammar's command rule: a compound command with its redirections, a
 * function definition or a simple command (parsecomp.c).  Returns the node,
 * or NULL with p's error set. */
struct node *parse_one_command(struct parser *p);

/* The rest of a function definition, NAME ( ) body, whose name word was
 * read (parsecomp.c); takes ownership of name.  Returns the node, which may
 * be incomplete when p's error is set. */
struct node *parse_function_def(struct parser *p, struct word *name, size_t pos);

/* A simple command: assignments, words and redirections (parsesimple.c).
 * Returns the node, or a function definition when the words turn out to
 * start one; a syntax error sets p's error. */
struct node *parse_simple_command(struct parser *p);

/* Return 1 if k is a redirection operator (< > >> >| <> <& >& << <<-),
 * 0 otherwise. */
int parse_is_redir_op(enum tok_kind k);

/* Read one redirection, the current token being its operator, and append
 * it to list (parsesimple.c).  Returns 1, or 0 with p's error set. */
int parse_redirect(struct parser *p, struct redir_list *list);

/* Alias substitution on the current token (parsesimple.c).  Returns 1 when
 * it was replaced by an alias's text, 0 when it is no alias to expand. */
int parse_expand_alias(struct parser *p);

#endif
