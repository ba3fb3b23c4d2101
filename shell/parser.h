/* parser.h - the recursive-descent parser (XCU 2.10, "Shell Grammar").
 *
 * One function per grammar rule, in parser.c, parsecomp.c and parsesimple.c:
 *
 *   complete_command := list (NEWLINE | EOF)
 *   list        := and_or ((';' | '&') and_or)*          -- newlines too, inside compounds
 *   and_or      := pipeline (('&&' | '||') linebreak pipeline)*
 *   pipeline    := ['!'] command ('|' linebreak command)*
 *   command     := simple_command | compound_command redirect* | function_def
 *   compound    := brace_group | subshell | if | while | until | for | case
 *   function_def:= NAME '(' ')' linebreak compound_command redirect*
 *   simple      := (ASSIGNMENT | redirect)* (WORD | redirect)*
 *   redirect    := [IO_NUMBER] (< > >> >| <> <& >& << <<-) WORD
 *
 * Parsing never forks and never exits: a failure comes back as a status and
 * a message with the position of the offending token.  Reserved words are
 * recognised only where the grammar allows one (`echo if fi` prints "if fi").
 */
#ifndef FORKSH_PARSER_H
#define FORKSH_PARSER_H

#include <stddef.h>

#include "lexer.h"
#include "node.h"
#include "source.h"

enum syn_status {
	SYN_OK = 0,
	SYN_ERROR,   /* a syntax error: err says what and where */
	SYN_EOF,     /* the input ended before any command */
	SYN_INTR     /* Ctrl-C at a continuation prompt */
};

struct syn_error {
	enum syn_status status;
	size_t pos;       /* offset in the source's text that the caret points at */
	long line;        /* its line number */
	int at_eof;       /* the input ended too early (an unfinished command) */
	char msg[160];
};

struct parser {
	struct source *src;
	struct syn_error err;
	int failed;
	struct token tok;         /* one token of lookahead */
	int have_tok;
	struct heredoc *pending;  /* here-documents whose bodies follow the next newline */
	int depth;                /* nesting of compound commands and substitutions */
	int in_subst;             /* inside $( ): ')' ends the list */
	/* Aliases being read: each is not expanded again until the input
	 * passes the end of its text (an alias may not loop on itself); one
	 * whose text ends in a blank (blank) makes the word after that text
	 * a candidate for alias substitution too.  Entries whose text the
	 * input has passed are dropped. */
	struct { const char *name; size_t end; int blank; } active[16];
	size_t nactive;
};

/* Read and parse the next complete command from src (up to the end of its
 * line; a compound command may span many lines, fetched as needed).
 * Returns SYN_OK with *out the tree (NULL for a blank line or a comment),
 * SYN_EOF at the end of input, or SYN_ERROR / SYN_INTR with err filled in. */
enum syn_status parse_command(struct source *src, struct node **out, struct syn_error *err);

/* Parse all of the string s (length len) into one tree: for command
 * substitutions in backquotes, `explain` and the tests.  Returns as
 * parse_command, SYN_OK with NULL for an empty string. */
enum syn_status parse_string(const char *s, size_t len, struct node **out, struct syn_error *err);

/* For the lexer: parse the list of a $( ) command substitution, up to and
 * including its ')'.  Returns the tree (NULL when empty) or NULL with p's
 * error set. */
struct node *parse_subst(struct parser *p);

/* For the lexer: parse a string as a nested command (the text between
 * backquotes).  Errors are reported at pos of the enclosing source. */
struct node *parse_nested_string(struct parser *p, const char *s, size_t len, size_t pos);

/* Is w a reserved word (if, then, {, !, ...) where one is recognised? */
int word_is_reserved(const struct word *w);

/* Record a syntax error at pos (the first one wins); returns NULL. */
void *parse_fail(struct parser *p, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Record "WHAT: the input ended first" (the source ended inside a
 * construct that starts at pos; (size_t)-1 for the current position). */
void *parse_fail_eof(struct parser *p, size_t pos, const char *what);

/* Is the nesting too deep for the stack left?  Sets the error if so. */
int parse_too_deep(struct parser *p, size_t pos);

#endif
