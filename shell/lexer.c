/* lexer.c - the tokenizer.
 *
 * A word runs until an unquoted blank or operator character.  Inside a word
 * we only track quoting state so that `echo "a b"` stays one token; the quote
 * characters themselves are kept for expansion to interpret.
 */
#include "lexer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vars.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Characters that end an unquoted word. */
static int is_meta(char c)
{
	return c == '\0' || is_blank(c) || c == '\n' || c == ';' || c == '&' ||
	       c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}

static void set_err(struct syn_error *err, enum syn_status st, size_t pos, const char *msg)
{
	err->status = st;
	err->pos = pos;
	snprintf(err->msg, sizeof err->msg, "%s", msg);
}

/* Is src[i] a backslash-newline that ends the input?  That is a line
 * continuation: POSIX removes both bytes before splitting into tokens, so
 * the reader joins the next line right there (even inside a word). */
static int ends_in_continuation(const char *src, size_t i)
{
	return src[i] == '\\' && src[i + 1] == '\n' && src[i + 2] == '\0';
}

static void set_continuation(struct syn_error *err, size_t pos)
{
	set_err(err, SYN_INCOMPLETE, pos, "backslash at end of input");
	err->continuation = 1;
}

static void push(struct token_list *t, enum tok_kind kind, int io, size_t pos, size_t len, char *text)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n++] = (struct token){ kind, io, pos, len, text };
}

/* Scan a ${...} starting at src[i] == '$' and src[i+1] == '{'.  Only plain
 * names and the one-character specials are accepted inside the braces.
 * Returns the index after '}', or 0 with err set. */
static size_t scan_brace(const char *src, size_t i, struct syn_error *err)
{
	size_t j = i + 2;
	while (src[j] && src[j] != '}' && src[j] != '\n' && src[j] != '"' && src[j] != '\'') {
		if (ends_in_continuation(src, j)) {
			set_continuation(err, j);
			return 0;
		}
		j++;
	}
	if (src[j] != '}') {
		set_err(err, src[j] ? SYN_ERROR : SYN_INCOMPLETE, i, "missing '}' after '${'");
		return 0;
	}
	size_t n = j - (i + 2);
	const char *p = src + i + 2;
	int ok = n > 0;
	if (ok && n == 1 && strchr("?$!#@*0123456789", p[0]))
		ok = 1;
	else if (ok && (p[0] >= '0' && p[0] <= '9')) {
		for (size_t k = 0; k < n; k++)
			ok &= p[k] >= '0' && p[k] <= '9';
	} else if (ok) {
		ok = var_valid_name(p, n);
	}
	if (!ok) {
		set_err(err, SYN_ERROR, i, "bad substitution: forksh understands ${NAME} and ${N} only");
		return 0;
	}
	return j + 1;
}

/* Command substitution is a real shell feature that forksh does not have yet;
 * say so plainly instead of running something surprising. */
static size_t unsupported_subst(const char *what, size_t pos, struct syn_error *err)
{
	char msg[120];
	snprintf(msg, sizeof msg, "command substitution %s is not supported by forksh", what);
	set_err(err, SYN_ERROR, pos, msg);
	return 0;
}

/* Scan a '$' inside or outside double quotes.  Returns the index just after
 * what was consumed (at least i+1), or 0 with err set. */
static size_t scan_dollar(const char *src, size_t i, struct syn_error *err)
{
	if (src[i + 1] == '{')
		return scan_brace(src, i, err);
	if (src[i + 1] == '(')
		return unsupported_subst("$(...)", i, err);
	return i + 1;
}

/* Scan one word starting at src[i]; returns the index after it, or 0 with
 * err set (unclosed quote, unsupported substitution). */
static size_t scan_word(const char *src, size_t i, struct syn_error *err)
{
	while (!is_meta(src[i])) {
		char c = src[i];
		if (c == '\\') {
			if (ends_in_continuation(src, i)) {
				set_continuation(err, i);
				return 0;
			}
			/* A backslash that is the very last byte of the input
			 * (no newline after it: `sh -c 'echo a\'`) has nothing to
			 * quote and stays a backslash, as in dash and bash. */
			i += src[i + 1] == '\0' ? 1 : 2;
		} else if (c == '\'') {
			const char *close = strchr(src + i + 1, '\'');
			if (!close) {
				set_err(err, SYN_INCOMPLETE, i, "unterminated single quote");
				return 0;
			}
			i = (size_t)(close - src) + 1;
		} else if (c == '"') {
			size_t open = i++;
			while (src[i] && src[i] != '"') {
				if (ends_in_continuation(src, i)) {
					set_continuation(err, i);
					return 0;
				}
				if (src[i] == '\\' && src[i + 1]) {
					i += 2;
				} else if (src[i] == '$') {
					if (!(i = scan_dollar(src, i, err)))
						return 0;
				} else if (src[i] == '`') {
					return unsupported_subst("`...`", i, err);
				} else {
					i++;
				}
			}
			if (!src[i]) {
				set_err(err, SYN_INCOMPLETE, open, "unterminated double quote");
				return 0;
			}
			i++;
		} else if (c == '$') {
			if (!(i = scan_dollar(src, i, err)))
				return 0;
		} else if (c == '`') {
			return unsupported_subst("`...`", i, err);
		} else {
			i++;
		}
	}
	return i;
}

/* Recognise an operator at src[i]; returns its length (0 if none). */
static size_t scan_operator(const char *src, size_t i, enum tok_kind *kind)
{
	char c = src[i], d = src[i + 1];
	switch (c) {
	case ';': *kind = TOK_SEMI; return 1;
	case '&': if (d == '&') { *kind = TOK_AND; return 2; } *kind = TOK_AMP; return 1;
	case '|': if (d == '|') { *kind = TOK_OR; return 2; } *kind = TOK_PIPE; return 1;
	case '<': if (d == '&') { *kind = TOK_LESSAND; return 2; } *kind = TOK_LESS; return 1;
	case '>':
		if (d == '>') { *kind = TOK_DGREAT; return 2; }
		if (d == '&') { *kind = TOK_GREATAND; return 2; }
		*kind = TOK_GREAT;
		return 1;
	case '\n': *kind = TOK_NEWLINE; return 1;
	default: return 0;
	}
}

enum syn_status lex(const char *src, struct token_list *out, struct syn_error *err)
{
	size_t i = 0;
	out->v = NULL;
	out->n = out->cap = 0;
	err->status = SYN_OK;
	err->pos = 0;
	err->continuation = 0;
	err->msg[0] = '\0';

	for (;;) {
		while (is_blank(src[i]) || (src[i] == '\\' && src[i + 1] == '\n')) {
			if (ends_in_continuation(src, i)) {
				set_continuation(err, i);
				goto fail;
			}
			i += src[i] == '\\' ? 2 : 1;
		}
		if (src[i] == '#') {
			while (src[i] && src[i] != '\n')
				i++;
		}
		if (src[i] == '\0')
			break;

		enum tok_kind kind;
		size_t oplen;
		int io = -1;
		size_t start = i;
		/* A single digit glued to < or > names the descriptor: 2>err. */
		if (src[i] >= '0' && src[i] <= '9' && (src[i + 1] == '<' || src[i + 1] == '>')) {
			io = src[i] - '0';
			i++;
		}
		if ((oplen = scan_operator(src, i, &kind)) > 0) {
			push(out, kind, io, start, i + oplen - start, NULL);
			i += oplen;
			continue;
		}
		if (src[i] == '(' || src[i] == ')') {
			set_err(err, SYN_ERROR, i, "subshells ( ... ) are not supported by forksh");
			goto fail;
		}
		size_t end = scan_word(src, i, err);
		if (!end)
			goto fail;
		push(out, TOK_WORD, -1, i, end - i, xstrndup(src + i, end - i));
		i = end;
	}
	push(out, TOK_EOF, -1, i, 0, NULL);
	return SYN_OK;
fail:
	lex_free(out);
	return err->status;
}

void lex_free(struct token_list *toks)
{
	for (size_t i = 0; i < toks->n; i++)
		free(toks->v[i].text);
	free(toks->v);
	toks->v = NULL;
	toks->n = toks->cap = 0;
}

const char *tok_name(enum tok_kind kind)
{
	static const char *const names[] = {
		[TOK_WORD] = "word", [TOK_NEWLINE] = "newline", [TOK_SEMI] = ";",
		[TOK_AMP] = "&", [TOK_PIPE] = "|", [TOK_AND] = "&&", [TOK_OR] = "||",
		[TOK_LESS] = "<", [TOK_GREAT] = ">", [TOK_DGREAT] = ">>",
		[TOK_LESSAND] = "<&", [TOK_GREATAND] = ">&",
		[TOK_EOF] = "end of input",
	};
	return names[kind];
}
