/* lexdollar.c - the words' $ forms as the tokenizer reads them: $NAME,
 * ${NAME OP WORD}, $((...)), and the command substitutions $(...) and
 * `...`, each parsed on the spot into one part of its word.
 */
#include "lexeri.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Read a parameter name after $ or ${ (its first character is c): a name,
 * a positional number (all its digits inside braces, one outside), or a
 * special parameter.  Returns the name, or NULL if c starts none. */
static char *read_param_name(struct parser *p, int c, int braced)
{
	struct strbuf sb;
	sb_init(&sb);
	if (is_name_start(c)) {
		while (is_name_char(c)) {
			sb_addc(&sb, (char)c);
			c = getc_bnl(p);
		}
		src_ungetc(p->src, c);
	} else if (c >= '0' && c <= '9') {
		sb_addc(&sb, (char)c);
		while (braced && (c = getc_bnl(p)) >= '0' && c <= '9')
			sb_addc(&sb, (char)c);
		if (braced)
			src_ungetc(p->src, c);
	} else if (is_special_param(c)) {
		sb_addc(&sb, (char)c);
	} else {
		src_ungetc(p->src, c);
		return NULL;
	}
	return sb_steal(&sb);
}

/* After ${#: the length of a special parameter (${#-} ${#?} ${##} ${#@})
 * only when '}' follows its one character; otherwise $# with an operator
 * (${#-word} ${#?word} ${##pattern}), as in dash. */
static int special_length(struct parser *p)
{
	size_t pos = p->src->pos;
	long line = p->src->line;
	int n = getc_bnl(p);
	int length = is_special_param(n) && getc_bnl(p) == '}';
	src_rewind(p->src, pos, line);
	return length;
}

/* ${...} after the '{': a name, an optional operator and its word, '}'. */
static int read_braced(struct parser *p, struct wbuild *wb, int in_dq, size_t pos)
{
	struct wpart part = { .kind = WP_PARAM, .quoted = (unsigned char)in_dq };
	int c = getc_bnl(p);
	if (c == '#') {
		int n = peek_bnl(p);
		if (n == '}') {
			part.text = xstrdup("#");
		} else if (is_name_start(n) || (n >= '0' && n <= '9') || special_length(p)) {
			part.op = PO_LENGTH;
			part.text = read_param_name(p, getc_bnl(p), 1);
		} else {
			part.text = xstrdup("#");
		}
	} else {
		part.text = read_param_name(p, c, 1);
	}
	if (!part.text)
		return parse_fail(p, pos, "bad substitution: no parameter name after ${"), RP_FAIL;
	c = getc_bnl(p);
	if (c != '}' && part.op == PO_LENGTH) {
		free(part.text);
		return parse_fail(p, pos, "bad substitution: ${#NAME} takes no operator"), RP_FAIL;
	}
	if (c != '}') {
		if (c == ':') {
			part.colon = 1;
			c = getc_bnl(p);
		}
		switch (c) {
		case '-': part.op = PO_DEFAULT; break;
		case '=': part.op = PO_ASSIGN; break;
		case '?': part.op = PO_ERROR; break;
		case '+': part.op = PO_ALT; break;
		case '%':
		case '#':
			if (part.colon)
				break;
			if (peek_bnl(p) == c) {
				getc_bnl(p);
				part.op = c == '%' ? PO_RLARGE : PO_LLARGE;
			} else {
				part.op = c == '%' ? PO_RSMALL : PO_LSMALL;
			}
			break;
		default: break;
		}
		if (part.op == PO_NONE) {
			free(part.text);
			if (c < 0)
				return parse_fail_eof(p, pos, "missing '}' for '${'"), RP_FAIL;
			return parse_fail(p, pos, "bad substitution: unknown operator after ${NAME"), RP_FAIL;
		}
		/* Patterns are never quoted by the outer "..." (POSIX); the
		 * other operators' words are. */
		int pattern = part.op >= PO_RSMALL;
		struct wbuild arg;
		wb_init(&arg, p->src->pos);
		if (lex_read_parts(p, &arg, in_dq && !pattern ? M_PARAM_DQ : M_PARAM, pos) != RP_OK) {
			wb_discard(&arg);
			free(part.text);
			return RP_FAIL;
		}
		/* the raw text of the word is what stood before the '}' */
		part.arg = wb_finish(&arg, p->src->text.buf, p->src->pos - 1);
	}
	wb_part(wb, &part);
	return RP_OK;
}

/* $((...)): try to read an arithmetic expression.  Returns RP_NOT_ARITH
 * (and rewinds) when a lone ')' shows that it was $( (subshell) ) after all. */
static int read_arith(struct parser *p, struct wbuild *wb, int in_dq)
{
	size_t at = p->src->pos;
	long line = p->src->line;
	struct wbuild expr;
	wb_init(&expr, at);
	int r = lex_read_parts(p, &expr, M_ARITH, at - 3);
	if (r != RP_OK) {
		wb_discard(&expr);
		if (r == RP_NOT_ARITH)
			src_rewind(p->src, at, line);
		return r;
	}
	struct wpart part = { .kind = WP_ARITH, .quoted = (unsigned char)in_dq };
	part.arg = wb_finish(&expr, p->src->text.buf, p->src->pos - 2);
	wb_part(wb, &part);
	return RP_OK;
}

/* After a '$': a parameter, ${...}, $(...), $((...)), or a plain '$'. */
int lex_read_dollar(struct parser *p, struct wbuild *wb, int in_dq, size_t pos)
{
	int c = getc_bnl(p);
	/* ${ ${ ${ ... and $(( $(( ... nest as deep as the input does */
	if ((c == '{' || c == '(') && parse_too_deep(p, pos))
		return RP_FAIL;
	if (c == '{')
		return read_braced(p, wb, in_dq, pos);
	if (c == '(') {
		if (peek_bnl(p) == '(') {
			getc_bnl(p);
			int r = read_arith(p, wb, in_dq);
			if (r != RP_NOT_ARITH)
				return r;
			src_rewind(p->src, p->src->pos - 1, p->src->line); /* back to the second '(' */
		}
		struct wpart part = { .kind = WP_CMDSUB, .quoted = (unsigned char)in_dq };
		part.tree = parse_subst(p);
		if (p->failed) {
			node_free(part.tree);
			return RP_FAIL;
		}
		wb_part(wb, &part);
		return RP_OK;
	}
	char *name = read_param_name(p, c, 0);
	if (!name) {
		wb_lit(wb, '$', in_dq);
		return RP_OK;
	}
	struct wpart part = { .kind = WP_PARAM, .quoted = (unsigned char)in_dq, .text = name };
	wb_part(wb, &part);
	return RP_OK;
}

/* `...`: the text up to the closing backquote, where \$ \` \\ (and \" in
 * double quotes) stand for the character itself, then parsed as a command
 * of its own. */
int lex_read_backquote(struct parser *p, struct wbuild *wb, int in_dq, size_t pos)
{
	struct strbuf text;
	sb_init(&text);
	for (;;) {
		int c = getc_raw(p);
		if (c == '`')
			break;
		if (c < 0) {
			sb_free(&text);
			return p->failed ? RP_FAIL : (parse_fail_eof(p, pos, "unterminated backquote"), RP_FAIL);
		}
		if (c == '\\') {
			int n = getc_raw(p);
			if (n < 0) {
				sb_free(&text);
				return p->failed ? RP_FAIL : (parse_fail_eof(p, pos, "unterminated backquote"), RP_FAIL);
			}
			if (!(n == '$' || n == '`' || n == '\\' || (in_dq && n == '"')))
				sb_addc(&text, '\\');
			c = n;
		}
		sb_addc(&text, (char)c);
	}
	if (parse_too_deep(p, pos)) {
		sb_free(&text);
		return RP_FAIL;
	}
	struct wpart part = { .kind = WP_CMDSUB, .quoted = (unsigned char)in_dq, .backquote = 1 };
	part.tree = parse_nested_string(p, text.buf ? text.buf : "", text.len, pos);
	sb_free(&text);
	if (p->failed) {
		node_free(part.tree);
		return RP_FAIL;
	}
	wb_part(wb, &part);
	return RP_OK;
}

