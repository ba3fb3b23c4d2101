/* lexeri.h - what the tokenizer's own files (lexer.c, lexdollar.c,
 * heredoc.c) share: the modes a word can be read in, and the character
 * readers.  Not for anyone else: the rest of the shell sees lexer.h.
 */
#ifndef FORKSH_LEXERI_H
#define FORKSH_LEXERI_H

#include "lexer.h"
#include "parser.h"
#include "source.h"
#include "wordbuild.h"

enum mode {
	M_WORD,      /* an ordinary word: ends at a blank, a newline or an operator */
	M_DQ,        /* inside "...": ends at the closing quote */
	M_PARAM,     /* the word of ${x-word} outside quotes, or any pattern: ends at } */
	M_PARAM_DQ,  /* the word of "${x-word}": quoted like "...", ends at } */
	M_ARITH,     /* inside $((...)): ends at )) */
	M_HEREDOC    /* a here-document body: ends with its text */
};

/* read_parts() returns one of these. */
enum { RP_OK = 0, RP_FAIL = -1, RP_NOT_ARITH = -2 };


/* Read the text of a word in the given mode into wb, part by part, up to
 * where the mode ends.  Returns RP_OK, RP_FAIL with the parser's error set,
 * or RP_NOT_ARITH (a $(( that was a $( ( after all). */
int lex_read_parts(struct parser *p, struct wbuild *wb, enum mode mode, size_t open);

/* After a '$' (lexdollar.c): a parameter, ${...}, $(...), $((...)), or a
 * plain '$'.  Returns RP_OK or RP_FAIL. */
int lex_read_dollar(struct parser *p, struct wbuild *wb, int in_dq, size_t pos);

/* After a '`' (lexdollar.c): the old form of command substitution.
 * Returns RP_OK or RP_FAIL. */
int lex_read_backquote(struct parser *p, struct wbuild *wb, int in_dq, size_t pos);

/* The newline that ends a line with << operators (heredoc.c): read their
 * bodies now.  Returns 0, or -1 with the parser's error set. */
int lex_read_heredocs(struct parser *p);

/* The next character, with backslash-newline pairs (line continuations)
 * removed, as they are everywhere except inside single quotes.  SRC_INTR
 * marks the parser failed (Ctrl-C at a continuation prompt). */
static inline int getc_bnl(struct parser *p)
{
	for (;;) {
		int c = src_getc(p->src);
		if (c == '\\') {
			int n = src_getc(p->src);
			if (n == '\n')
				continue;
			src_ungetc(p->src, n);
		}
		if (c == SRC_INTR && !p->failed) {
			p->failed = 1;
			p->err.status = SYN_INTR;
		}
		return c;
	}
}

/* The next character as getc_bnl would return it, without taking it: a
 * line continuation between the two characters of $(( ${## ${%% is
 * removed as everywhere else. */
static inline int peek_bnl(struct parser *p)
{
	size_t pos = p->src->pos;
	long line = p->src->line;
	int c = getc_bnl(p);
	src_rewind(p->src, pos, line);
	return c;
}

/* The next character as it stands (in single quotes, here-document lines). */
static inline int getc_raw(struct parser *p)
{
	int c = src_getc(p->src);
	if (c == SRC_INTR && !p->failed) {
		p->failed = 1;
		p->err.status = SYN_INTR;
	}
	return c;
}

static inline int is_meta(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' ||
	       c == '>' || c == '(' || c == ')' || c < 0;
}

static inline int is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static inline int is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static inline int is_special_param(int c)
{
	return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!' || c == '0';
}

/* Does this mode quote the literal text in it? */
static inline int mode_quotes(enum mode mode)
{
	return mode == M_DQ || mode == M_PARAM_DQ || mode == M_ARITH || mode == M_HEREDOC;
}

#endif
