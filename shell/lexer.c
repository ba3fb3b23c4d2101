/* lexer.c - tokens, and words read straight into their parts.
 *
 * The quoting rules of XCU 2.2 live in lex_read_parts() and nowhere else: a
 * character is either literal text (quoted or not) or the start of an
 * expansion, decided once as it is read.  Each context a word can be read in
 * (a plain word, "...", the word of ${x-word}, $((...)), a here-document
 * body) is a mode of that one function, so the differences between them
 * stand side by side.
 */
#include "lexer.h"

#include <stdlib.h>
#include <string.h>

#include "lexeri.h"
#include "util.h"

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
int lex_read_parts(struct parser *p, struct wbuild *wb, enum mode mode, size_t open)
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
			r = lex_read_parts(p, wb, M_DQ, pos);
			break;
		case '$':
			r = lex_read_dollar(p, wb, quoted, pos);
			break;
		case '`':
			r = lex_read_backquote(p, wb, mode == M_DQ || mode == M_PARAM_DQ, pos);
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
	if (lex_read_parts(p, &wb, M_WORD, pos) != RP_OK) {
		wb_discard(&wb);
		return NULL;
	}
	return wb_finish(&wb, p->src->text.buf, p->src->pos);
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
		t.kind = lex_read_heredocs(p) < 0 ? T_ERROR : T_EOF;
	} else if (c == '\n') {
		t.line--;
		t.kind = lex_read_heredocs(p) < 0 ? T_ERROR : T_NEWLINE;
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
