/* lexer.c - tokens, and words read straight into their parts.
 *
 * The quoting rules of XCU 2.2 live in read_parts() and nowhere else: a
 * character is either literal text (quoted or not) or the start of an
 * expansion, decided once as it is read.  Each context a word can be read in
 * (a plain word, "...", the word of ${x-word}, $((...)), a here-document
 * body) is a mode of that one function, so the differences between them
 * stand side by side.
 */
#include "lexer.h"

#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "util.h"
#include "vars.h"
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

static int read_parts(struct parser *p, struct wbuild *wb, enum mode mode, size_t open);

const char *tok_name(enum tok_kind kind)
{
	static const char *const names[] = {
		[T_EOF] = "end of input", [T_NEWLINE] = "end of line", [T_WORD] = "word",
		[T_SEMI] = "';'", [T_AMP] = "'&'", [T_PIPE] = "'|'", [T_AND] = "'&&'", [T_OR] = "'||'",
		[T_DSEMI] = "';;'", [T_SEMIAMP] = "';&'", [T_LPAREN] = "'('", [T_RPAREN] = "')'",
		[T_LESS] = "'<'", [T_GREAT] = "'>'", [T_DGREAT] = "'>>'", [T_CLOBBER] = "'>|'",
		[T_LESSGREAT] = "'<>'", [T_LESSAND] = "'<&'", [T_GREATAND] = "'>&'", [T_DLESS] = "'<<'",
		[T_DLESSDASH] = "'<<-'", [T_ERROR] = "error",
	};
	return names[kind];
}

/* The next character, with backslash-newline pairs (line continuations)
 * removed, as they are everywhere except inside single quotes.  SRC_INTR
 * marks the parser failed (Ctrl-C at a continuation prompt). */
static int getc_bnl(struct parser *p)
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
static int peek_bnl(struct parser *p)
{
	size_t pos = p->src->pos;
	long line = p->src->line;
	int c = getc_bnl(p);
	src_rewind(p->src, pos, line);
	return c;
}

/* The next character as it stands (in single quotes, here-document lines). */
static int getc_raw(struct parser *p)
{
	int c = src_getc(p->src);
	if (c == SRC_INTR && !p->failed) {
		p->failed = 1;
		p->err.status = SYN_INTR;
	}
	return c;
}

static int is_meta(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' ||
	       c == '>' || c == '(' || c == ')' || c < 0;
}

static int is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static int is_special_param(int c)
{
	return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!' || c == '0';
}

/* Does this mode quote the literal text in it? */
static int mode_quotes(enum mode mode)
{
	return mode == M_DQ || mode == M_PARAM_DQ || mode == M_ARITH || mode == M_HEREDOC;
}

/* ---- $ expansions ------------------------------------------------------ */

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
		if (read_parts(p, &arg, in_dq && !pattern ? M_PARAM_DQ : M_PARAM, pos) != RP_OK) {
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
	int r = read_parts(p, &expr, M_ARITH, at - 3);
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
static int read_dollar(struct parser *p, struct wbuild *wb, int in_dq, size_t pos)
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
static int read_backquote(struct parser *p, struct wbuild *wb, int in_dq, size_t pos)
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

/* ---- tildes ------------------------------------------------------------ */

/* After an unquoted '~' where a tilde prefix may start: take the login name
 * up to '/' (or ':' in an assignment, or the end of the word).  If any of
 * it is quoted or expanded, it is no tilde prefix: the '~' is plain text. */
static void read_tilde(struct parser *p, struct wbuild *wb, enum mode mode, int in_assign)
{
	size_t at = p->src->pos;
	long line = p->src->line;
	struct strbuf user;
	sb_init(&user);
	for (;;) {
		int c = getc_bnl(p);
		int end = c == '/' || (in_assign && c == ':') || (mode == M_WORD && is_meta(c)) ||
			  (mode == M_PARAM && c == '}');
		if (end) {
			src_ungetc(p->src, c);
			struct wpart part = { .kind = WP_TILDE, .text = sb_steal(&user) };
			part.in_assign = (unsigned char)in_assign;
			if (!part.text)
				part.text = xstrdup("");
			wb_part(wb, &part);
			return;
		}
		if (c == '\\' || c == '\'' || c == '"' || c == '$' || c == '`' || c < 0)
			break;
		sb_addc(&user, (char)c);
	}
	sb_free(&user);
	src_rewind(p->src, at, line);
	wb_lit(wb, '~', 0);
}

/* ---- words ------------------------------------------------------------- */

/* A backslash in mode `mode`; the backslash itself was read.  Outside
 * quotes it quotes any character; inside "..." (and here-documents and
 * arithmetic) only $ ` \ " (" not in a here-document) and } in "${x-w}",
 * and is itself kept before any other. */
static void read_backslash(struct parser *p, struct wbuild *wb, enum mode mode)
{
	int n = getc_raw(p);
	if (n < 0) {
		wb_lit(wb, '\\', mode_quotes(mode)); /* a final backslash stays, as in sh */
		return;
	}
	if (!mode_quotes(mode)) {
		wb_lit(wb, (char)n, 1);
		return;
	}
	int special = n == '$' || n == '`' || n == '\\' || (n == '"' && mode != M_HEREDOC) ||
		      (n == '}' && mode == M_PARAM_DQ);
	if (!special)
		wb_lit(wb, '\\', 1);
	wb_lit(wb, (char)n, 1);
}

/* '...': everything up to the next ' is quoted text. */
static int read_single_quoted(struct parser *p, struct wbuild *wb, size_t pos)
{
	size_t mark = wb_quote_mark(wb);
	for (;;) {
		int c = getc_raw(p);
		if (c == '\'') {
			wb_quote_end(wb, mark);
			return RP_OK;
		}
		if (c < 0)
			return p->failed ? RP_FAIL : (parse_fail_eof(p, pos, "unterminated single quote"), RP_FAIL);
		wb_lit(wb, (char)c, 1);
	}
}

/* Is c where the mode's text ends?  Consumes the closing characters of the
 * modes that have some; in M_ARITH it also tracks parentheses. */
static int at_end(struct parser *p, enum mode mode, int c, int *depth, int *result, size_t open)
{
	switch (mode) {
	case M_WORD:
		if (is_meta(c)) {
			src_ungetc(p->src, c);
			return 1;
		}
		return 0;
	case M_DQ:
	case M_PARAM:
	case M_PARAM_DQ: {
		int close = mode == M_DQ ? '"' : '}';
		if (c == close)
			return 1;
		if (c < 0) {
			if (!p->failed)
				parse_fail_eof(p, open, mode == M_DQ ? "unterminated double quote" : "missing '}' for '${'");
			*result = RP_FAIL;
			return 1;
		}
		return 0;
	}
	case M_ARITH:
		if (c < 0) {
			if (!p->failed)
				parse_fail_eof(p, open, "missing '))' for '$(('");
			*result = RP_FAIL;
			return 1;
		}
		if (c == '(')
			(*depth)++;
		if (c == ')' && *depth > 0) {
			(*depth)--;
			return 0;
		}
		if (c == ')') {
			int n = getc_bnl(p);
			if (n != ')')
				*result = RP_NOT_ARITH;
			return 1;
		}
		return 0;
	case M_HEREDOC:
		return c < 0;
	}
	return 1;
}

/* Read the text of a word in the given mode into wb, part by part, up to
 * where the mode ends.  Returns RP_OK, RP_FAIL with the parser's error set,
 * or RP_NOT_ARITH (see read_arith). */
static int read_parts(struct parser *p, struct wbuild *wb, enum mode mode, size_t open)
{
	int quoted = mode_quotes(mode);
	int depth = 0, result = RP_OK;
	int assign = 0;      /* M_WORD: the word began NAME= */
	int tilde_next = 0;  /* a tilde prefix may start at the next character */
	size_t mark = mode == M_DQ ? wb_quote_mark(wb) : 0;
	for (;;) {
		size_t pos = p->src->pos;
		int c = mode == M_HEREDOC ? getc_raw(p) : getc_bnl(p);
		if (p->failed)
			return RP_FAIL;
		if (at_end(p, mode, c, &depth, &result, open)) {
			if (mode == M_DQ && result == RP_OK)
				wb_quote_end(wb, mark);
			return result;
		}
		int r = RP_OK;
		switch (c) {
		case '\\':
			if (mode == M_HEREDOC && src_peek(p->src) == '\n') {
				getc_raw(p); /* a line continuation in the body */
				break;
			}
			read_backslash(p, wb, mode);
			break;
		case '\'':
			if (quoted)
				wb_lit(wb, '\'', 1);
			else
				r = read_single_quoted(p, wb, pos);
			break;
		case '"':
			if (mode == M_ARITH || mode == M_HEREDOC) {
				wb_lit(wb, '"', 1);
				break;
			}
			r = read_parts(p, wb, M_DQ, pos);
			break;
		case '$':
			r = read_dollar(p, wb, quoted, pos);
			break;
		case '`':
			r = read_backquote(p, wb, mode == M_DQ || mode == M_PARAM_DQ, pos);
			break;
		case '~':
			if (!quoted && (wb_empty(wb) || tilde_next) && (mode == M_WORD || mode == M_PARAM))
				read_tilde(p, wb, mode, assign);
			else
				wb_lit(wb, '~', quoted);
			break;
		default:
			wb_lit(wb, (char)c, quoted);
			break;
		}
		if (r != RP_OK)
			return r;
		/* NAME= (an assignment, if it stands where one may) and each
		 * unquoted ':' after it may be followed by a tilde prefix. */
		tilde_next = 0;
		if (mode == M_WORD && c == '=' && !assign && wb_is_assign_prefix(wb))
			assign = tilde_next = 1;
		else if (mode == M_WORD && c == ':' && assign)
			tilde_next = 1;
	}
}

/* An ordinary word, whose first character c was already read. */
static struct word *read_word(struct parser *p, int c, size_t pos)
{
	struct wbuild wb;
	src_ungetc(p->src, c);
	wb_init(&wb, pos);
	if (read_parts(p, &wb, M_WORD, pos) != RP_OK) {
		wb_discard(&wb);
		return NULL;
	}
	return wb_finish(&wb, p->src->text.buf, p->src->pos);
}

struct word *lex_heredoc_body(struct parser *p, const char *text, size_t pos)
{
	struct source src;
	struct parser sub = { .src = &src, .depth = p->depth + 1 };
	src_init_string(&src, text, strlen(text), p->src->line);
	struct wbuild wb;
	wb_init(&wb, 0);
	struct word *w = NULL;
	if (read_parts(&sub, &wb, M_HEREDOC, 0) == RP_OK)
		w = wb_finish(&wb, src.text.buf ? src.text.buf : "", src.pos);
	else
		wb_discard(&wb);
	if (sub.failed && !p->failed) {
		p->failed = 1;
		p->err = sub.err;
		p->err.pos = pos;
		p->err.line = p->src->line;
	}
	src_free(&src);
	return w;
}

/* ---- here-document bodies ---------------------------------------------- */

/* Read one here-document's body, line by line, up to its delimiter (or the
 * end of input, which also ends it, as in dash). */
static int read_heredoc(struct parser *p, struct heredoc *h)
{
	struct strbuf body, line;
	sb_init(&body);
	sb_init(&line);
	size_t pos = p->src->pos;
	for (;;) {
		int c;
		sb_reset(&line);
		while ((c = getc_raw(p)) >= 0 && c != '\n') {
			if (h->strip_tabs && c == '\t' && line.len == 0)
				continue;
			sb_addc(&line, (char)c);
			/* unquoted: backslash-newline joins the next line */
			if (!h->quoted && c == '\\' && src_peek(p->src) == '\n') {
				size_t bs = 0;
				while (bs < line.len && line.buf[line.len - 1 - bs] == '\\')
					bs++;
				if (bs % 2 == 1) {
					getc_raw(p);
					line.buf[--line.len] = '\0';
				}
			}
		}
		if (p->failed) {
			sb_free(&body);
			sb_free(&line);
			return -1;
		}
		if (strcmp(line.buf ? line.buf : "", h->delim) == 0)
			break;
		if (c < 0 && line.len == 0)
			break;
		sb_addn(&body, line.buf ? line.buf : "", line.len);
		if (c < 0)
			break; /* the input ended inside the body: no newline to add */
		sb_addc(&body, '\n');
	}
	sb_free(&line);
	h->text = body.buf ? sb_steal(&body) : xstrdup("");
	if (!h->quoted) {
		h->body = lex_heredoc_body(p, h->text, pos);
		if (!h->body)
			return -1;
	}
	return 0;
}

/* The newline that ends a line with << operators: read their bodies now. */
static int read_pending_heredocs(struct parser *p)
{
	while (p->pending) {
		struct heredoc *h = p->pending;
		p->pending = h->next_pending;
		h->next_pending = NULL;
		if (read_heredoc(p, h) < 0) {
			p->pending = NULL;
			return -1;
		}
	}
	return 0;
}

/* ---- tokens ------------------------------------------------------------ */

/* An operator starting with c (already read). */
static enum tok_kind read_operator(struct parser *p, int c)
{
	int n = getc_bnl(p);
	enum tok_kind k;
	switch (c) {
	case '&': k = n == '&' ? T_AND : T_AMP; break;
	case '|': k = n == '|' ? T_OR : T_PIPE; break;
	case ';': k = n == ';' ? T_DSEMI : n == '&' ? T_SEMIAMP : T_SEMI; break;
	case '(': k = T_LPAREN; break;
	case ')': k = T_RPAREN; break;
	case '<':
		if (n == '<') {
			int m = getc_bnl(p);
			if (m == '-')
				return T_DLESSDASH;
			src_ungetc(p->src, m);
			return T_DLESS;
		}
		k = n == '&' ? T_LESSAND : n == '>' ? T_LESSGREAT : T_LESS;
		break;
	default: /* '>' */
		k = n == '>' ? T_DGREAT : n == '&' ? T_GREATAND : n == '|' ? T_CLOBBER : T_GREAT;
		break;
	}
	if (k == T_AMP || k == T_PIPE || k == T_SEMI || k == T_LPAREN || k == T_RPAREN || k == T_LESS ||
	    k == T_GREAT)
		src_ungetc(p->src, n);
	return k;
}

/* All digits, unquoted, no longer than an int can hold: an IO_NUMBER if a
 * redirection operator follows at once. */
static int io_number(const struct word *w)
{
	if (!w->lit || (w->flags & W_QUOTED) || !w->lit[0] || strlen(w->lit) > 9)
		return -1;
	int v = 0;
	for (const char *s = w->lit; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

struct token lex_token(struct parser *p)
{
	struct token t = { .kind = T_ERROR, .io_number = -1 };
	int c;
	for (;;) {
		c = getc_bnl(p);
		if (c == ' ' || c == '\t')
			continue;
		if (c == '#') {
			while ((c = getc_raw(p)) >= 0 && c != '\n')
				;
			src_ungetc(p->src, c);
			continue;
		}
		break;
	}
	t.pos = c >= 0 ? p->src->pos - 1 : p->src->pos;
	t.line = p->src->line;
	if (p->failed)
		return t;
	if (c == SRC_EOF) {
		/* here-documents whose line never ended: empty, as in dash */
		t.kind = read_pending_heredocs(p) < 0 ? T_ERROR : T_EOF;
	} else if (c == '\n') {
		t.line--;
		t.kind = read_pending_heredocs(p) < 0 ? T_ERROR : T_NEWLINE;
	} else if (strchr("&|;()<>", c)) {
		t.kind = read_operator(p, c);
	} else {
		t.word = read_word(p, c, t.pos);
		if (!t.word)
			return t;
		t.kind = T_WORD;
		int n = src_peek(p->src);
		if ((n == '<' || n == '>') && (t.io_number = io_number(t.word)) >= 0) {
			word_free(t.word);
			t.word = NULL;
			t.kind = read_operator(p, getc_bnl(p));
		}
	}
	return t;
}
