/* parser.c - the grammar of XCU 2.10, one function per rule (see parser.h).
 *
 * Every rule returns the node it built, or NULL; a NULL with p->failed set
 * means a syntax error, recorded once (the first error wins) with the
 * position of the token that caused it.  Callers test p->failed after each
 * call and hand the failure up, freeing what they had built.
 */
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "builtin.h"
#include "stack.h"
#include "number.h"
#include "redir.h"
#include "util.h"
#include "vars.h"

static struct node *compound_list(struct parser *p);
static struct node *command(struct parser *p);
static struct token *peek(struct parser *p);
static int expand_alias(struct parser *p);
static int alias_after_blank(const struct parser *p, size_t prev, size_t pos);

/* A node starting at the current token, with its position and line. */
static struct node *new_node(struct parser *p, enum node_type type)
{
	struct token *t = peek(p);
	struct node *n = node_new(type, t->pos);
	n->line = t->line;
	return n;
}

/* ---- errors ------------------------------------------------------------ */

void *parse_fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	if (p->failed)
		return NULL;
	p->failed = 1;
	p->err.status = SYN_ERROR;
	p->err.pos = pos;
	p->err.line = p->src->line;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err.msg, sizeof p->err.msg, fmt, ap);
	va_end(ap);
	return NULL;
}

void *parse_fail_eof(struct parser *p, size_t pos, const char *what)
{
	if (p->failed)
		return NULL;
	parse_fail(p, pos == (size_t)-1 ? p->src->pos : pos, "%s: the input ended first", what);
	p->err.at_eof = 1;
	return NULL;
}

int parse_too_deep(struct parser *p, size_t pos)
{
	if (!stack_low(STACK_RESERVE))
		return 0;
	parse_fail(p, pos, "nested too deeply");
	return 1;
}

/* ---- tokens ------------------------------------------------------------ */

static struct token *peek(struct parser *p)
{
	if (!p->have_tok) {
		p->tok = lex_token(p);
		p->have_tok = 1;
	}
	return &p->tok;
}

/* Drop the current token (and its word, unless it was taken). */
static void consume(struct parser *p)
{
	if (p->have_tok)
		word_free(p->tok.word);
	p->tok.word = NULL;
	p->have_tok = 0;
}

/* Take the current token's word for the tree, and move on. */
static struct word *take_word(struct parser *p)
{
	struct word *w = p->tok.word;
	p->tok.word = NULL;
	consume(p);
	return w;
}

static int is_kw(struct parser *p, const char *kw)
{
	struct token *t = peek(p);
	return t->kind == T_WORD && word_is(t->word, kw);
}

/* The reserved words (XCU 2.4) that start a command, and those that end a
 * list inside a compound command, as sets of keyword numbers. */
#define KW_BIT(k) (1u << (k))
static const unsigned starters = KW_BIT(KW_LBRACE) | KW_BIT(KW_BANG) | KW_BIT(KW_IF) | KW_BIT(KW_WHILE) |
				 KW_BIT(KW_UNTIL) | KW_BIT(KW_FOR) | KW_BIT(KW_CASE);
static const unsigned enders = KW_BIT(KW_RBRACE) | KW_BIT(KW_THEN) | KW_BIT(KW_ELSE) | KW_BIT(KW_ELIF) |
			       KW_BIT(KW_FI) | KW_BIT(KW_DO) | KW_BIT(KW_DONE) | KW_BIT(KW_ESAC) | KW_BIT(KW_IN);

static int is_one_of(struct parser *p, unsigned set)
{
	struct token *t = peek(p);
	return t->kind == T_WORD && t->word->kw && (set & KW_BIT(t->word->kw));
}

int word_is_reserved(const struct word *w)
{
	return w->kw != KW_NONE;
}

/* Report the current token as unexpected. */
static void *unexpected(struct parser *p)
{
	struct token *t = peek(p);
	if (p->failed)
		return NULL;
	if (t->kind == T_EOF)
		return parse_fail_eof(p, t->pos, "a command was expected");
	if (t->kind == T_WORD) {
		char buf[96];
		const char *w = t->word->raw;
		if (strlen(w) > 40) {
			snprintf(buf, sizeof buf, "%.40s...", w);
			w = buf;
		}
		return parse_fail(p, t->pos, "unexpected word '%s'", w);
	}
	return parse_fail(p, t->pos, "unexpected %s", tok_name(t->kind));
}

/* Consume the reserved word kw that closes `opener` (at opener_pos), or
 * fail saying which was expected. */
static int expect_kw(struct parser *p, const char *kw, const char *opener)
{
	if (p->failed)
		return 0;
	if (is_kw(p, kw)) {
		consume(p);
		return 1;
	}
	struct token *t = peek(p);
	if (p->failed)
		return 0;
	if (t->kind == T_EOF) {
		parse_fail(p, t->pos, "'%s' is missing its '%s': the input ended first", opener, kw);
		p->err.at_eof = 1;
		return 0;
	}
	if (t->kind == T_WORD)
		parse_fail(p, t->pos, "expected '%s' to go with '%s', found '%.40s'", kw, opener, t->word->raw);
	else
		parse_fail(p, t->pos, "expected '%s' to go with '%s', found %s", kw, opener, tok_name(t->kind));
	return 0;
}

static int expect_tok(struct parser *p, enum tok_kind kind, const char *opener)
{
	if (p->failed)
		return 0;
	struct token *t = peek(p);
	if (t->kind == kind) {
		consume(p);
		return 1;
	}
	if (p->failed)
		return 0;
	if (t->kind == T_EOF) {
		parse_fail(p, t->pos, "'%s' is missing its %s: the input ended first", opener, tok_name(kind));
		p->err.at_eof = 1;
		return 0;
	}
	unexpected(p);
	return 0;
}

/* linebreak: any number of newlines. */
static void linebreak(struct parser *p)
{
	while (!p->failed && peek(p)->kind == T_NEWLINE)
		consume(p);
}

/* ---- redirections ------------------------------------------------------ */

static int is_redir_op(enum tok_kind k)
{
	return k == T_LESS || k == T_GREAT || k == T_DGREAT || k == T_CLOBBER || k == T_LESSGREAT ||
	       k == T_LESSAND || k == T_GREATAND || k == T_DLESS || k == T_DLESSDASH;
}

/* The delimiter of a here-document: its word with the quotes removed (no
 * expansion happens to it), read with XCU 2.2's rules: inside '...' every
 * byte is itself, inside "..." a backslash quotes only $ ` " \ and newline,
 * and an unquoted backslash-newline is a line continuation (no quoting). */
static char *heredoc_delim(const struct word *w, int *quoted)
{
	struct strbuf sb;
	sb_init(&sb);
	*quoted = 0;
	char q = 0; /* the quote we are inside, or 0 */
	for (const char *s = w->raw; *s; s++) {
		if ((*s == '\'' && q != '"') || (*s == '"' && q != '\'')) {
			*quoted = 1;
			q = q ? 0 : *s;
			continue;
		}
		if (*s == '\\' && s[1] && q != '\'' && (!q || strchr("$`\"\\\n", s[1]))) {
			s++;
			if (*s == '\n')
				continue;
			*quoted = 1;
		}
		sb_addc(&sb, *s);
	}
	return sb.buf ? sb_steal(&sb) : xstrdup("");
}

/* redirect := [IO_NUMBER] op WORD; a here-document joins the list of bodies
 * to read after the next newline. */
static int redirect(struct parser *p, struct redir_list *list)
{
	struct token *t = peek(p);
	struct redir r = { .pos = t->pos };
	enum tok_kind op = t->kind;
	int fd = t->io_number;
	static const struct { enum tok_kind tok; enum redir_kind kind; int fd; } ops[] = {
		{ T_LESS, R_IN, 0 },        { T_GREAT, R_OUT, 1 },     { T_DGREAT, R_APPEND, 1 },
		{ T_CLOBBER, R_CLOBBER, 1 }, { T_LESSGREAT, R_RDWR, 0 }, { T_LESSAND, R_DUPIN, 0 },
		{ T_GREATAND, R_DUPOUT, 1 }, { T_DLESS, R_HEREDOC, 0 },  { T_DLESSDASH, R_HEREDOC, 0 },
	};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (ops[i].tok == op) {
			r.kind = ops[i].kind;
			r.fd = fd >= 0 ? fd : ops[i].fd;
		}
	}
	consume(p);
	t = peek(p);
	if (p->failed)
		return 0;
	if (t->kind != T_WORD) {
		if (t->kind == T_EOF)
			return parse_fail_eof(p, r.pos, "a redirection needs a word after it"), 0;
		return parse_fail(p, t->pos, "%s needs a %s after it, found %s", tok_name(op),
				  r.kind == R_HEREDOC ? "delimiter word" : "file name",
				  t->kind == T_NEWLINE ? "the end of the line" : tok_name(t->kind)), 0;
	}
	r.target = take_word(p);
	long long dupfd;
	if ((r.kind == R_DUPIN || r.kind == R_DUPOUT) && r.target->lit && strcmp(r.target->lit, "-") != 0 &&
	    num_parse(r.target->lit, 0, REDIR_FD_MAX, &dupfd) != NUM_OK) {
		/* >&WORD takes a descriptor number or -; a word that can
		 * never be one is caught here, as dash does */
		parse_fail(p, r.target->pos, "%s needs a descriptor number 0-%d or -, not '%.40s'", tok_name(op),
			   REDIR_FD_MAX, r.target->lit);
		word_free(r.target);
		return 0;
	}
	if (r.kind == R_HEREDOC) {
		struct heredoc *h = xcalloc(1, sizeof *h);
		h->delim = heredoc_delim(r.target, &h->quoted);
		h->strip_tabs = op == T_DLESSDASH;
		r.doc = h;
		struct heredoc **tail = &p->pending;
		while (*tail)
			tail = &(*tail)->next_pending;
		*tail = h;
	}
	if (list->n % 4 == 0)
		list->v = xrealloc(list->v, (list->n + 4) * sizeof *list->v);
	list->v[list->n++] = r;
	return 1;
}

/* redirect* after a compound command: wrap it in an N_REDIR if any. */
static struct node *trailing_redirects(struct parser *p, struct node *body)
{
	if (!body || p->failed || !is_redir_op(peek(p)->kind))
		return body;
	struct redir_node *r = (struct redir_node *)node_new(N_REDIR, body->pos);
	r->n.line = body->line;
	r->body = body;
	while (!p->failed && is_redir_op(peek(p)->kind))
		redirect(p, &r->redirs);
	return &r->n;
}

/* ---- compound commands ------------------------------------------------- */

/* A compound command's list may not be empty. */
static struct node *nonempty_list(struct parser *p, const char *where)
{
	struct node *n = compound_list(p);
	if (!n && !p->failed) {
		struct token *t = peek(p);
		if (!p->failed && t->kind == T_EOF) {
			char what[64];
			snprintf(what, sizeof what, "'%s' needs a command", where);
			return parse_fail_eof(p, (size_t)-1, what);
		}
		if (!p->failed)
			parse_fail(p, t->pos, "'%s' needs at least one command here", where);
	}
	return n;
}

/* { list ; }  or  ( list ) */
static struct node *group(struct parser *p, enum node_type type)
{
	struct group_node *g = (struct group_node *)new_node(p, type);
	consume(p);
	g->body = nonempty_list(p, type == N_BRACE ? "{" : "(");
	if (type == N_BRACE)
		expect_kw(p, "}", "{");
	else
		expect_tok(p, T_RPAREN, "(");
	return &g->n;
}

/* if list then list [elif list then list]... [else list] fi */
static struct node *if_clause(struct parser *p, int is_elif)
{
	struct if_node *n = (struct if_node *)new_node(p, N_IF);
	n->is_elif = is_elif;
	consume(p);
	const char *opener = is_elif ? "elif" : "if";
	n->cond = nonempty_list(p, opener);
	if (!expect_kw(p, "then", opener))
		return &n->n;
	n->then_part = nonempty_list(p, "then");
	if (p->failed)
		return &n->n;
	if (is_kw(p, "elif")) {
		n->else_part = if_clause(p, 1);
		return &n->n; /* the innermost elif took the fi */
	}
	if (is_kw(p, "else")) {
		consume(p);
		n->else_part = nonempty_list(p, "else");
	}
	expect_kw(p, "fi", "if");
	return &n->n;
}

/* while list do list done  /  until list do list done */
static struct node *while_clause(struct parser *p, int until)
{
	struct while_node *n = (struct while_node *)new_node(p, N_WHILE);
	n->until = until;
	consume(p);
	const char *opener = until ? "until" : "while";
	n->cond = nonempty_list(p, opener);
	if (!expect_kw(p, "do", opener))
		return &n->n;
	n->body = nonempty_list(p, "do");
	expect_kw(p, "done", "do");
	return &n->n;
}

/* for NAME [in WORD...] (; | newline) do list done  (also: for NAME do ...) */
static struct node *for_clause(struct parser *p)
{
	struct for_node *n = (struct for_node *)new_node(p, N_FOR);
	consume(p);
	struct token *t = peek(p);
	if (p->failed)
		return &n->n;
	if (t->kind != T_WORD || !t->word->lit || (t->word->flags & W_QUOTED) ||
	    !var_valid_name(t->word->lit, strlen(t->word->lit))) {
		if (t->kind == T_EOF)
			return parse_fail_eof(p, n->n.pos, "'for' needs a variable name"), &n->n;
		parse_fail(p, t->pos, "'for' needs a variable name here");
		return &n->n;
	}
	n->var = xstrdup(t->word->lit);
	consume(p);
	linebreak(p);
	if (is_kw(p, "in")) {
		consume(p);
		n->has_in = 1;
		size_t cap = 0;
		while (!p->failed && peek(p)->kind == T_WORD)
			ptr_push((void ***)&n->words, &n->nwords, &cap, take_word(p));
		t = peek(p);
		if (!p->failed && t->kind != T_SEMI && t->kind != T_NEWLINE)
			return unexpected(p), &n->n;
		consume(p);
		linebreak(p);
	} else if (!p->failed && peek(p)->kind == T_SEMI) {
		consume(p);
		linebreak(p);
	}
	if (!expect_kw(p, "do", "for"))
		return &n->n;
	n->body = nonempty_list(p, "do");
	expect_kw(p, "done", "do");
	return &n->n;
}

/* case WORD in [(] PATTERN [| PATTERN]... ) list ;; ... esac */
static struct node *case_clause(struct parser *p)
{
	struct case_node *n = (struct case_node *)new_node(p, N_CASE);
	consume(p);
	struct token *t = peek(p);
	if (p->failed)
		return &n->n;
	if (t->kind != T_WORD)
		return unexpected(p), &n->n;
	n->subject = take_word(p);
	linebreak(p);
	if (!expect_kw(p, "in", "case"))
		return &n->n;
	linebreak(p);
	size_t cap = 0;
	while (!p->failed && !is_kw(p, "esac")) {
		struct case_item item = { 0 };
		size_t pcap = 0;
		if (peek(p)->kind == T_LPAREN)
			consume(p);
		for (;;) {
			t = peek(p);
			if (p->failed)
				break;
			if (t->kind != T_WORD) {
				unexpected(p);
				break;
			}
			ptr_push((void ***)&item.pats, &item.npats, &pcap, take_word(p));
			if (peek(p)->kind != T_PIPE)
				break;
			consume(p);
		}
		if (!p->failed)
			expect_tok(p, T_RPAREN, "case pattern");
		if (!p->failed)
			item.body = compound_list(p);
		if (n->nitems == cap) {
			cap = cap ? cap * 2 : 4;
			n->items = xrealloc(n->items, cap * sizeof *n->items);
		}
		n->items[n->nitems++] = item;
		if (p->failed)
			break;
		t = peek(p);
		if (t->kind == T_DSEMI || t->kind == T_SEMIAMP) {
			n->items[n->nitems - 1].fallthrough = t->kind == T_SEMIAMP;
			consume(p);
			linebreak(p);
		} else if (!is_kw(p, "esac")) {
			if (!p->failed && t->kind == T_EOF)
				parse_fail(p, t->pos, "'case' is missing its 'esac': the input ended first"),
					p->err.at_eof = 1;
			else
				unexpected(p);
		}
	}
	expect_kw(p, "esac", "case");
	return &n->n;
}

/* NAME ( ) linebreak compound-command redirect* : the name is read. */
static struct node *function_def(struct parser *p, struct word *name, size_t pos)
{
	struct funcdef_node *f = (struct funcdef_node *)node_new(N_FUNCDEF, pos);
	f->n.line = peek(p)->line; /* the ( is on the name's line */
	consume(p); /* ( */
	f->refs = 1;
	f->name = xstrdup(name->lit);
	word_free(name);
	if (!expect_tok(p, T_RPAREN, "function definition"))
		return &f->n;
	linebreak(p);
	if (p->failed)
		return &f->n;
	struct token *t = peek(p);
	if (!(t->kind == T_LPAREN || is_one_of(p, starters)) || is_kw(p, "!")) {
		if (!p->failed)
			parse_fail(p, t->pos, "a function body must be a compound command such as { ...; }");
		return &f->n;
	}
	f->body = command(p);
	size_t end = p->have_tok ? p->tok.pos : p->src->pos;
	if (end > pos && end <= p->src->text.len)
		f->text = xstrndup(p->src->text.buf + pos, end - pos);
	else
		f->text = xstrdup(f->name);
	/* trim the blanks and newlines before the next token */
	size_t len = strlen(f->text);
	while (len && (f->text[len - 1] == ' ' || f->text[len - 1] == '\t' || f->text[len - 1] == '\n'))
		f->text[--len] = '\0';
	return &f->n;
}

/* ---- simple commands --------------------------------------------------- */

/* Are the next words of s arguments of a declaration utility (export,
 * readonly, local), whose NAME=value arguments are assignments?  As the
 * executor decides it (evalcmd.c): by the command name as written. */
static int declaration_args(const struct simple_node *s)
{
	if (s->nwords == 0 || !s->words[0]->lit)
		return 0;
	const struct builtin *b = builtin_find(s->words[0]->lit);
	return b && (b->flags & BI_DECL);
}

static struct node *simple_command(struct parser *p)
{
	struct simple_node *s = (struct simple_node *)new_node(p, N_SIMPLE);
	size_t acap = 0, wcap = 0;
	int first_of_alias = 0; /* the next word begins an alias's text read as an argument */
	for (;;) {
		struct token *t = peek(p);
		if (p->failed)
			break;
		if (is_redir_op(t->kind)) {
			first_of_alias = 0;
			redirect(p, &s->redirs);
			continue;
		}
		if (t->kind != T_WORD)
			break;
		if (s->nwords == 0 && word_assign_len(t->word)) {
			ptr_push((void ***)&s->assigns, &s->nassign, &acap, take_word(p));
			continue;
		}
		if (s->nwords > 0 && (first_of_alias || alias_after_blank(p, s->words[s->nwords - 1]->pos, t->pos))) {
			/* the first word of an alias's text is a candidate too */
			first_of_alias = expand_alias(p);
			if (first_of_alias)
				continue;
			t = peek(p);
		}
		struct word *w = take_word(p);
		/* x=~/bin as an argument is a word like any other, except for a
		 * declaration utility (export x=~/bin), where it is an assignment */
		if ((w->flags & W_TILDE) && !declaration_args(s))
			word_drop_assign_tildes(w);
		if (s->nwords == 0 && s->nassign == 0 && s->redirs.n == 0 && w->lit &&
		    !(w->flags & W_QUOTED) && var_valid_name(w->lit, strlen(w->lit)) &&
		    peek(p)->kind == T_LPAREN) {
			node_free(&s->n);
			return function_def(p, w, w->pos);
		}
		ptr_push((void ***)&s->words, &s->nwords, &wcap, w);
	}
	if (!p->failed && s->nwords == 0 && s->nassign == 0 && s->redirs.n == 0)
		unexpected(p);
	return &s->n;
}

/* Is a word that starts at pos, after an argument word that started at
 * prev, a candidate for alias substitution?  Yes when the text of an alias
 * ending in a blank ended between the two (XCU 2.3.1: `alias e='echo '`
 * makes the word after e's text a candidate). */
static int alias_after_blank(const struct parser *p, size_t prev, size_t pos)
{
	for (size_t i = 0; i < p->nactive; i++)
		if (p->active[i].blank && p->active[i].end > prev && p->active[i].end <= pos)
			return 1;
	return 0;
}

/* Alias substitution (XCU 2.3.1): if the current token is an unquoted word
 * naming an alias that is not already being read, replace it by the
 * alias's text in the input and return 1; the caller reads on from there.
 * An alias whose text ends in a blank makes the next word a candidate too. */
static int expand_alias(struct parser *p)
{
	struct token *t = peek(p);
	if (p->failed || t->kind != T_WORD || !t->word->lit || (t->word->flags & W_QUOTED))
		return 0;
	const char *name = t->word->lit, *value = alias_get(name);
	if (!value)
		return 0;
	size_t at = p->src->pos;
	/* aliases whose text the input has passed are no longer being read */
	size_t keep = 0;
	for (size_t i = 0; i < p->nactive; i++)
		if (p->active[i].end >= at)
			p->active[keep++] = p->active[i];
	p->nactive = keep;
	for (size_t i = 0; i < p->nactive; i++)
		if (strcmp(p->active[i].name, name) == 0)
			return 0;
	if (p->nactive == sizeof p->active / sizeof p->active[0])
		return 0; /* sixteen aliases deep: read the word as it is */
	size_t len = strlen(value);
	const char *key = alias_key(name); /* the token's word goes with consume */
	consume(p);
	src_insert(p->src, value, len);
	for (size_t i = 0; i < p->nactive; i++)
		if (p->active[i].end >= at)
			p->active[i].end += len;
	p->active[p->nactive].name = key;
	p->active[p->nactive].end = at + len;
	/* a blank at the end: the word after the alias's text is looked at too */
	p->active[p->nactive++].blank = len && (value[len - 1] == ' ' || value[len - 1] == '\t');
	return 1;
}

/* command := compound_command redirect* | function_def | simple_command */
static struct node *command(struct parser *p)
{
	while (expand_alias(p))
		;
	struct token *t = peek(p);
	if (p->failed)
		return NULL;
	if (parse_too_deep(p, t->pos))
		return NULL;
	struct node *n;
	p->depth++;
	if (t->kind == T_LPAREN) {
		n = group(p, N_SUBSHELL);
	} else if (is_kw(p, "{")) {
		n = group(p, N_BRACE);
	} else if (is_kw(p, "if")) {
		n = if_clause(p, 0);
	} else if (is_kw(p, "while") || is_kw(p, "until")) {
		n = while_clause(p, is_kw(p, "until"));
	} else if (is_kw(p, "for")) {
		n = for_clause(p);
	} else if (is_kw(p, "case")) {
		n = case_clause(p);
	} else if (is_one_of(p, enders) || is_kw(p, "!")) {
		p->depth--;
		return unexpected(p);
	} else {
		p->depth--;
		return simple_command(p);
	}
	p->depth--;
	return trailing_redirects(p, n);
}

/* pipeline := ['!'] command ('|' linebreak command)* */
static struct node *pipeline(struct parser *p)
{
	int negate = 0;
	size_t pos = peek(p)->pos;
	long line = peek(p)->line;
	while (!p->failed && is_kw(p, "!")) {
		negate = !negate;
		consume(p);
	}
	struct node *first = command(p);
	if (p->failed || (!negate && peek(p)->kind != T_PIPE))
		return first;
	struct pipe_node *pn = (struct pipe_node *)node_new(N_PIPE, pos);
	pn->n.line = line;
	pn->negate = negate;
	size_t cap = 0;
	ptr_push((void ***)&pn->cmds, &pn->count, &cap, first);
	while (!p->failed && peek(p)->kind == T_PIPE) {
		consume(p);
		linebreak(p);
		struct node *c = command(p);
		if (c)
			ptr_push((void ***)&pn->cmds, &pn->count, &cap, c);
	}
	return &pn->n;
}

/* and_or := pipeline (('&&' | '||') linebreak pipeline)* */
static struct node *and_or(struct parser *p)
{
	struct node *first = pipeline(p);
	if (p->failed)
		return first;
	enum tok_kind k = peek(p)->kind;
	if (k != T_AND && k != T_OR)
		return first;
	struct andor_node *a = (struct andor_node *)node_new(N_ANDOR, first->pos);
	a->n.line = first->line;
	size_t cap = 0, ocap = 0;
	ptr_push((void ***)&a->items, &a->count, &cap, first);
	while (!p->failed && ((k = peek(p)->kind) == T_AND || k == T_OR)) {
		if (a->count - 1 == ocap) {
			ocap = ocap ? ocap * 2 : 4;
			a->ops = xrealloc(a->ops, ocap * sizeof *a->ops);
		}
		a->ops[a->count - 1] = k == T_AND ? OP_AND : OP_OR;
		consume(p);
		linebreak(p);
		struct node *n = pipeline(p);
		if (!n)
			break;
		ptr_push((void ***)&a->items, &a->count, &cap, n);
	}
	return &a->n;
}

/* ---- lists ------------------------------------------------------------- */

/* Collect list items into a sequence node (or return the single item). */
struct list_build {
	struct node **items;
	size_t n, cap;
};

static void list_add(struct list_build *lb, struct node *n, int background)
{
	if (background) {
		struct bg_node *bg = (struct bg_node *)node_new(N_BG, n->pos);
		bg->n.line = n->line;
		bg->body = n;
		n = &bg->n;
	}
	ptr_push((void ***)&lb->items, &lb->n, &lb->cap, n);
}

static struct node *list_finish(struct list_build *lb)
{
	if (lb->n == 0) {
		free(lb->items);
		return NULL;
	}
	if (lb->n == 1) {
		struct node *n = lb->items[0];
		free(lb->items);
		return n;
	}
	struct seq_node *s = (struct seq_node *)node_new(N_SEQ, lb->items[0]->pos);
	s->n.line = lb->items[0]->line;
	s->items = lb->items;
	s->count = lb->n;
	return &s->n;
}

/* Can the next token not start a command (so the list ends here)?  An
 * alias there is expanded first: its text may be the closing word. */
static int list_ends(struct parser *p)
{
	while (expand_alias(p))
		;
	struct token *t = peek(p);
	if (p->failed)
		return 1;
	switch (t->kind) {
	case T_EOF:
	case T_RPAREN:
	case T_DSEMI:
	case T_SEMIAMP:
		return 1;
	case T_WORD:
		return is_one_of(p, enders);
	default:
		return 0;
	}
}

/* A list inside a compound command: newlines separate commands as ';' does,
 * and it ends before whatever cannot start a command (a closing reserved
 * word, ')', ';;', the end of input).  NULL for an empty list. */
static struct node *compound_list(struct parser *p)
{
	struct list_build lb = { 0 };
	linebreak(p);
	while (!list_ends(p)) {
		struct node *n = and_or(p);
		if (p->failed) {
			node_free(n);
			break;
		}
		enum tok_kind k = peek(p)->kind;
		int bg = k == T_AMP;
		list_add(&lb, n, bg);
		if (k != T_AMP && k != T_SEMI && k != T_NEWLINE)
			break;
		consume(p);
		linebreak(p);
	}
	struct node *list = list_finish(&lb);
	if (p->failed) {
		node_free(list);
		return NULL;
	}
	return list;
}

/* complete_command := list (NEWLINE | EOF): on one line, ';' and '&'
 * separate the commands; the newline ends them, and nothing after it is
 * read (the next line may not have been typed yet). */
static struct node *complete_command(struct parser *p)
{
	struct list_build lb = { 0 };
	for (;;) {
		struct node *n = and_or(p);
		if (p->failed) {
			node_free(n);
			break;
		}
		enum tok_kind k = peek(p)->kind;
		list_add(&lb, n, k == T_AMP);
		if (k == T_AMP || k == T_SEMI) {
			consume(p);
			k = peek(p)->kind;
			if (p->failed)
				break;
			if (k != T_NEWLINE && k != T_EOF)
				continue; /* another command on the same line */
		}
		if (k == T_NEWLINE)
			consume(p);
		else if (k != T_EOF)
			unexpected(p);
		break;
	}
	struct node *list = list_finish(&lb);
	if (p->failed) {
		node_free(list);
		return NULL;
	}
	return list;
}

/* `explain` first on a command line takes the rest of the line as its
 * subject, parsed here, so that `explain ls | wc -l` explains the pipeline
 * (instead of piping explain's output into wc) and `explain if ...; fi`
 * parses at all.  A plain `explain WORD...` stays the builtin, which joins
 * its words: that keeps `explain 'a | b'` working.  Returns NULL (nothing
 * consumed) when the line is no explain line. */
static struct node *explain_line_node(struct parser *p)
{
	struct token *t = peek(p);
	if (p->failed || t->kind != T_WORD || !word_is(t->word, "explain"))
		return NULL;
	size_t pos = t->pos;
	long line = t->line;
	struct word *w = take_word(p);
	size_t start = p->src->pos;
	t = peek(p);
	if (p->failed || !(t->kind == T_WORD || t->kind == T_LPAREN || is_redir_op(t->kind))) {
		/* `explain` alone or before an operator: an ordinary command */
		word_free(w);
		consume(p);
		src_rewind(p->src, pos, line);
		return NULL;
	}
	struct node *body = complete_command(p);
	if (p->failed) {
		word_free(w);
		node_free(body);
		return NULL;
	}
	struct simple_node *s = (struct simple_node *)body;
	int literal = body && body->type == N_SIMPLE;
	for (size_t i = 0; literal && i < s->nwords; i++)
		literal = s->words[i]->lit != NULL; /* nothing to run to expand it */
	if (literal && s->nassign == 0 && s->redirs.n == 0) {
		/* explain WORD...: the builtin, with explain as its first word */
		size_t cap = s->nwords + 1;
		struct word **v = xmalloc(cap * sizeof *v);
		v[0] = w;
		memcpy(v + 1, s->words, s->nwords * sizeof *v);
		free(s->words);
		s->words = v;
		s->nwords++;
		s->n.pos = pos;
		return body;
	}
	word_free(w);
	struct explain_node *e = (struct explain_node *)node_new(N_EXPLAIN, pos);
	e->n.line = line;
	e->body = body;
	size_t end = p->src->pos;
	while (end > start && (p->src->text.buf[end - 1] == '\n' || p->src->text.buf[end - 1] == ' '))
		end--;
	while (start < end && (p->src->text.buf[start] == ' ' || p->src->text.buf[start] == '\t'))
		start++;
	e->text = xstrndup(p->src->text.buf + start, end - start);
	return &e->n;
}

/* ---- entry points ------------------------------------------------------ */

/* Free what a parser still holds after it stopped. */
static void parser_done(struct parser *p)
{
	consume(p);
	p->pending = NULL; /* the redirections in the (freed) tree own them */
}

enum syn_status parse_command(struct source *src, struct node **out, struct syn_error *err)
{
	struct parser p = { .src = src };
	*out = NULL;
	struct token *t = peek(&p);
	if (!p.failed && t->kind == T_NEWLINE) {
		/* a blank line or a comment: nothing to run */
		consume(&p);
		return SYN_OK;
	}
	if (!p.failed && t->kind == T_EOF) {
		parser_done(&p);
		return SYN_EOF;
	}
	struct node *n = p.failed ? NULL : explain_line_node(&p);
	if (!n && !p.failed)
		n = complete_command(&p);
	if (!p.failed && p.pending)
		parse_fail(&p, src->pos, "a here-document's body never started (no newline after its line)");
	parser_done(&p);
	if (p.failed) {
		node_free(n);
		*err = p.err;
		return p.err.status;
	}
	*out = n;
	return SYN_OK;
}

/* Parse all of a source as one list: commands separated by newlines too.
 * Used for strings, where the whole text is there from the start. */
static struct node *whole_source(struct parser *p)
{
	struct node *n = compound_list(p);
	if (!p->failed && peek(p)->kind != T_EOF)
		unexpected(p);
	if (!p->failed && p->pending)
		parse_fail(p, p->src->pos, "a here-document's body never started (no newline after its line)");
	if (p->failed) {
		node_free(n);
		return NULL;
	}
	return n;
}

enum syn_status parse_string(const char *s, size_t len, struct node **out, struct syn_error *err)
{
	struct source src;
	src_init_string(&src, s, len, 1);
	struct parser p = { .src = &src };
	*out = whole_source(&p);
	parser_done(&p);
	src_free(&src);
	if (p.failed) {
		*err = p.err;
		return p.err.status;
	}
	return SYN_OK;
}

struct node *parse_nested_string(struct parser *p, const char *s, size_t len, size_t pos)
{
	struct source src;
	src_init_string(&src, s, len, p->src->line);
	struct parser sub = { .src = &src, .depth = p->depth + 1 };
	struct node *n = whole_source(&sub);
	parser_done(&sub);
	src_free(&src);
	if (sub.failed && !p->failed) {
		p->failed = 1;
		p->err = sub.err;
		p->err.pos = pos;
		p->err.line = p->src->line;
		if (sub.err.status == SYN_INTR)
			p->err.status = SYN_INTR;
	}
	return n;
}

struct node *parse_subst(struct parser *p)
{
	struct parser sub = { .src = p->src, .depth = p->depth + 1, .in_subst = 1 };
	size_t pos = p->src->pos;
	struct node *n = compound_list(&sub);
	if (!sub.failed) {
		struct token *t = peek(&sub);
		if (!sub.failed && t->kind != T_RPAREN) {
			if (t->kind == T_EOF)
				parse_fail(&sub, pos, "'$(' is missing its ')': the input ended first"),
					sub.err.at_eof = 1;
			else
				unexpected(&sub);
		}
		if (t->kind == T_RPAREN)
			sub.have_tok = 0; /* the ')' is taken: the word goes on after it */
	}
	if (!sub.failed && sub.pending)
		parse_fail(&sub, pos, "a here-document inside $( ) has no body");
	parser_done(&sub);
	if (sub.failed) {
		node_free(n);
		if (!p->failed) {
			p->failed = 1;
			p->err = sub.err;
		}
		return NULL;
	}
	return n;
}
