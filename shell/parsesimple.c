/* parsesimple.c - the parser's simple commands (XCU 2.9.1): assignments,
 * words and redirections, here-document delimiters, and alias substitution
 * (XCU 2.3.1), which happens where a command name may be read.
 */
#include "parseri.h"

#include <string.h>

#include "alias.h"
#include "builtin.h"
#include "number.h"
#include "redir.h"
#include "util.h"
#include "vars.h"

static int alias_after_blank(const struct parser *p, size_t prev, size_t pos);

/* ---- redirections ------------------------------------------------------ */

int parse_is_redir_op(enum tok_kind k)
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
int parse_redirect(struct parser *p, struct redir_list *list)
{
	struct token *t = parse_peek(p);
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
	parse_consume(p);
	t = parse_peek(p);
	if (p->failed)
		return 0;
	if (t->kind != T_WORD) {
		if (t->kind == T_EOF)
			return parse_fail_eof(p, r.pos, "a redirection needs a word after it"), 0;
		return parse_fail(p, t->pos, "%s needs a %s after it, found %s", tok_name(op),
				  r.kind == R_HEREDOC ? "delimiter word" : "file name",
				  t->kind == T_NEWLINE ? "the end of the line" : tok_name(t->kind)), 0;
	}
	r.target = parse_take_plain_word(p);
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

struct node *parse_simple_command(struct parser *p)
{
	struct simple_node *s = (struct simple_node *)parse_new_node(p, N_SIMPLE);
	size_t acap = 0, wcap = 0;
	int first_of_alias = 0; /* the next word begins an alias's text read as an argument */
	for (;;) {
		struct token *t = parse_peek(p);
		if (p->failed)
			break;
		if (parse_is_redir_op(t->kind)) {
			first_of_alias = 0;
			parse_redirect(p, &s->redirs);
			continue;
		}
		if (t->kind != T_WORD)
			break;
		if (s->nwords == 0 && word_assign_len(t->word)) {
			ptr_push((void ***)&s->assigns, &s->nassign, &acap, parse_take_word(p));
			continue;
		}
		if (s->nwords > 0 && (first_of_alias || alias_after_blank(p, s->words[s->nwords - 1]->pos, t->pos))) {
			/* the first word of an alias's text is a candidate too */
			first_of_alias = parse_expand_alias(p);
			if (first_of_alias)
				continue;
			t = parse_peek(p);
		}
		/* x=~/bin as an argument is a word like any other, except for a
		 * declaration utility (export x=~/bin), where it is an assignment */
		struct word *w = declaration_args(s) ? parse_take_word(p) : parse_take_plain_word(p);
		if (s->nwords == 0 && s->nassign == 0 && s->redirs.n == 0 && w->lit &&
		    !(w->flags & W_QUOTED) && var_valid_name(w->lit, strlen(w->lit)) &&
		    parse_peek(p)->kind == T_LPAREN) {
			node_free(&s->n);
			return parse_function_def(p, w, w->pos);
		}
		ptr_push((void ***)&s->words, &s->nwords, &wcap, w);
	}
	if (!p->failed && s->nwords == 0 && s->nassign == 0 && s->redirs.n == 0)
		parse_unexpected(p);
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
int parse_expand_alias(struct parser *p)
{
	struct token *t = parse_peek(p);
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
	const char *key = alias_key(name); /* the token's word goes with parse_consume */
	parse_consume(p);
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
