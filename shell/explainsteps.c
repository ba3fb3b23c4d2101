/* explainsteps.c - the numbered list of system calls `explain` prints: for
 * each kind of node, what the executor would do, in its order (eval.c,
 * evalcmd.c, evalproc.c, cmdsubst.c and redir.c are the reference). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "explaini.h"
#include "func.h"
#include "path.h"
#include "util.h"

static void step(struct explainer *x, int depth, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void step(struct explainer *x, int depth, const char *fmt, ...)
{
	va_list ap;
	fprintf(x->out, "%3d. %*s", ++x->step, depth * 3, "");
	va_start(ap, fmt);
	vfprintf(x->out, fmt, ap);
	va_end(ap);
	fputc('\n', x->out);
}

/* A line without a number, saying when the steps below it happen. */
static void note(struct explainer *x, int depth, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note(struct explainer *x, int depth, const char *fmt, ...)
{
	va_list ap;
	fprintf(x->out, "     %*s", depth * 3, "");
	va_start(ap, fmt);
	vfprintf(x->out, fmt, ap);
	va_end(ap);
	fputc('\n', x->out);
}

static const char *who(int flags)
{
	return (flags & XS_CHILD) ? "in the child: " : "";
}

/* The command substitutions in words run first, each in a child of its
 * own whose output comes back through a pipe. */
static void subst_steps(struct explainer *x, struct word *const *w, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < w[i]->nparts; j++) {
			const struct wpart *p = &w[i]->parts[j];
			if (p->kind != WP_CMDSUB || !p->tree)
				continue;
			step(x, depth, "pipe(): for the output of the command substitution in %s", w[i]->raw);
			step(x, depth, "fork(): a child for the command substitution (no job of its own)");
			step(x, depth + 1, "in the child: dup2(write end, 1): its output goes into the pipe");
			explain_steps(x, p->tree, depth + 1, XS_CHILD | XS_LAST);
			step(x, depth, "read() the pipe until end of file; trailing newlines are dropped");
			step(x, depth, "waitpid(child): reap it; the text takes the place of the $(...)");
		}
	}
}

static const char *open_mode(enum redir_kind k)
{
	switch (k) {
	case R_IN: return "O_RDONLY";
	case R_APPEND: return "O_WRONLY|O_CREAT|O_APPEND";
	case R_RDWR: return "O_RDWR|O_CREAT";
	default: return "O_WRONLY|O_CREAT|O_TRUNC";
	}
}

static void redir_steps(struct explainer *x, const struct redir_list *list, int depth, const char *prefix,
			int saved)
{
	for (size_t i = 0; i < list->n; i++) {
		const struct redir *r = &list->v[i];
		int seen = 0;
		for (size_t k = 0; k < i; k++)
			seen |= list->v[k].fd == r->fd;
		if (saved && !seen)
			step(x, depth, "fcntl(%d, F_DUPFD_CLOEXEC, 10): keep a copy of fd %d to put back later", r->fd,
			     r->fd);
		const char *t = r->target->raw;
		switch (r->kind) {
		case R_DUPIN:
		case R_DUPOUT:
			if (strcmp(t, "-") == 0)
				step(x, depth, "%sclose(%d)", prefix, r->fd);
			else
				step(x, depth, "%sdup2(%s, %d): fd %d becomes a copy of fd %s", prefix, t, r->fd, r->fd, t);
			break;
		case R_HEREDOC:
			step(x, depth, "%spipe(), write the here-document's text into it, close the write end "
				       "(a temporary file if it is too big for a pipe)", prefix);
			step(x, depth, "%sdup2(read end, %d): %s reads the text", prefix, r->fd, fd_role(r->fd));
			break;
		default:
			step(x, depth, "%sopen(%s, %s) then dup2(it, %d) and close(it): %s now %s the file", prefix, t,
			     open_mode(r->kind), r->fd, fd_role(r->fd), r->kind == R_IN ? "reads from" : "writes to");
			break;
		}
	}
}

/* Does a word need expansion at run time (so we cannot say what it is)? */
static int is_literal(const struct word *w)
{
	return w->lit != NULL;
}

/* What execvp will do with the command name, as far as we can tell now. */
static void exec_step(struct explainer *x, const struct simple_node *s, int depth)
{
	char *text = node_text(&s->n);
	const struct word *w = s->words[0];
	for (size_t i = 0; i < s->nassign; i++)
		step(x, depth, "in the child: put %s in its environment (only this command sees it)", s->assigns[i]->raw);
	if (!is_literal(w)) {
		step(x, depth, "in the child: execvp(%s): the name is expanded first, then looked up", w->raw);
	} else if (strchr(w->lit, '/')) {
		step(x, depth, "in the child: execvp(\"%s\"): a path, so no PATH search; the child becomes that program (same PID)",
		     w->lit);
	} else {
		char *found = path_search(w->lit, path_is_executable);
		if (found)
			step(x, depth, "in the child: execvp(\"%s\"): searches PATH for %s -> %s; the child becomes it (same PID)",
			     w->lit, w->lit, found);
		else
			step(x, depth, "in the child: execvp(\"%s\") finds no %s on PATH: \"command not found\", _exit(127)",
			     w->lit, w->lit);
		free(found);
	}
	int literal = 1;
	for (size_t i = 0; i < s->nwords; i++)
		literal &= is_literal(s->words[i]);
	if (!literal)
		note(x, depth, "   (%s is expanded when it runs: variables, ~, globs)", text);
	free(text);
}

/* A simple command: no command name, a builtin, a function, or a program. */
static void simple_steps(struct explainer *x, const struct simple_node *s, int depth, int flags)
{
	subst_steps(x, s->words, s->nwords, depth);
	subst_steps(x, s->assigns, s->nassign, depth);
	if (s->nwords == 0) {
		if (s->redirs.n) {
			step(x, depth, "no fork: the redirections are done in the shell and undone at once");
			redir_steps(x, &s->redirs, depth, "", 1);
			step(x, depth, "dup2 the saved copies back: the shell's own descriptors are as before");
		}
		for (size_t i = 0; i < s->nassign; i++)
			step(x, depth, "no fork: set the shell variable %s", s->assigns[i]->raw);
		return;
	}
	const char *name = s->words[0]->lit;
	const struct builtin *b = name ? builtin_find(name) : NULL;
	int f = name && explain_is_function(x, name);
	if (f && !(b && (b->flags & BI_SPECIAL))) {
		redir_steps(x, &s->redirs, depth, "", 1);
		step(x, depth, "%sno fork: %s is a function; its body runs in this process with new $1, $2, ...",
		     who(flags), name);
		return;
	}
	if (b) {
		redir_steps(x, &s->redirs, depth, "", !(b->flags & BI_KEEP_REDIRS));
		step(x, depth, "%sno fork: %s is a builtin and runs inside the shell (%s)", who(flags), b->name, b->why);
		if (s->redirs.n && !(b->flags & BI_KEEP_REDIRS))
			step(x, depth, "dup2 the saved copies back: the shell's own descriptors are as before");
		return;
	}
	int in_place = (flags & XS_CHILD) && (flags & XS_LAST);
	if (!in_place)
		step(x, depth, "%sfork(): a child process for `%s`", who(flags), s->words[0]->raw);
	else
		note(x, depth, "(the child's last command: it execs in place, no second fork)");
	redir_steps(x, &s->redirs, depth + !in_place, "in the child: ", 0);
	exec_step(x, s, depth + !in_place);
	if (!in_place)
		step(x, depth, "%swaitpid(child): wait for it; its exit status becomes $?", who(flags));
}

static void pipe_steps(struct explainer *x, const struct pipe_node *p, int depth, int flags, int background)
{
	if (p->count == 1 && !background) {
		explain_steps(x, p->cmds[0], depth, flags);
		if (p->negate)
			step(x, depth, "! inverts the status: 0 becomes 1, anything else 0");
		return;
	}
	for (size_t i = 0; i < p->count; i++) {
		const struct node *c = p->cmds[i];
		char *text = node_text(c);
		if (i + 1 < p->count)
			step(x, depth, "%spipe(): a pipe from `%s` to the next command", who(flags), text);
		step(x, depth, "%sfork(): a child for `%s`", who(flags), text);
		free(text);
		if (i > 0)
			step(x, depth + 1, "in the child: dup2(read end of the previous pipe, 0): stdin comes from the pipe");
		if (i + 1 < p->count)
			step(x, depth + 1, "in the child: dup2(write end, 1): stdout goes into the pipe; close both ends");
		explain_steps(x, c, depth + 1, XS_CHILD | XS_LAST);
		if (p->count > 1)
			step(x, depth, "%sclose the pipe ends this child now holds, so end-of-file can happen", who(flags));
	}
	if (background) {
		step(x, depth, "no waitpid: the job runs on; the shell prints [N] PID and sets $! to the last PID");
		return;
	}
	step(x, depth, "waitpid() for each of the %zu children; $? is the status of the last one", p->count);
	if (p->negate)
		step(x, depth, "! inverts the status: 0 becomes 1, anything else 0");
}

/* A list's items, the last one keeping the XS_LAST of the list. */
static void list_steps(struct explainer *x, const struct node *n, int depth, int flags)
{
	if (n && n->type == N_SEQ) {
		const struct seq_node *s = (const struct seq_node *)n;
		for (size_t i = 0; i < s->count; i++)
			explain_steps(x, s->items[i], depth, i + 1 == s->count ? flags : flags & ~XS_LAST);
		return;
	}
	explain_steps(x, n, depth, flags);
}

void explain_steps(struct explainer *x, const struct node *n, int depth, int flags)
{
	if (!n)
		return;
	int inner = flags & ~XS_LAST;
	switch (n->type) {
	case N_SIMPLE:
		simple_steps(x, (const struct simple_node *)n, depth, flags);
		break;
	case N_PIPE:
		pipe_steps(x, (const struct pipe_node *)n, depth, flags, 0);
		break;
	case N_ANDOR: {
		const struct andor_node *a = (const struct andor_node *)n;
		explain_steps(x, a->items[0], depth, inner);
		for (size_t i = 1; i < a->count; i++) {
			note(x, depth, "%s", a->ops[i - 1] == OP_AND ? "then, only if $? is 0 (&&):" : "then, only if $? is not 0 (||):");
			explain_steps(x, a->items[i], depth + 1, i + 1 == a->count ? flags : inner);
		}
		break;
	}
	case N_SEQ:
		list_steps(x, n, depth, flags);
		break;
	case N_BG: {
		struct node *body = ((const struct bg_node *)n)->body;
		if (body->type == N_PIPE && !((const struct pipe_node *)body)->negate) {
			pipe_steps(x, (const struct pipe_node *)body, depth, flags, 1);
		} else {
			step(x, depth, "%sfork(): a child for the background job, which runs it and exits", who(flags));
			explain_steps(x, body, depth + 1, XS_CHILD | XS_LAST);
			step(x, depth, "no waitpid: the shell prints [N] PID, sets $!, and goes on at once");
		}
		break;
	}
	case N_SUBSHELL:
		if ((flags & XS_CHILD) && (flags & XS_LAST)) {
			note(x, depth, "(already in a child that ends after this: no second fork for the subshell)");
			list_steps(x, ((const struct group_node *)n)->body, depth, flags);
			break;
		}
		step(x, depth, "%sfork(): a child for the subshell; it runs the list itself, no exec", who(flags));
		list_steps(x, ((const struct group_node *)n)->body, depth + 1, XS_CHILD | XS_LAST);
		step(x, depth, "%swaitpid(child): its exit status becomes $?; nothing it changed (variables, cd) comes back",
		     who(flags));
		break;
	case N_BRACE:
		note(x, depth, "{ }: no fork, the list runs in this process:");
		list_steps(x, ((const struct group_node *)n)->body, depth, flags);
		break;
	case N_IF: {
		const struct if_node *i = (const struct if_node *)n;
		note(x, depth, "the condition (no fork for the if itself):");
		list_steps(x, i->cond, depth + 1, inner);
		note(x, depth, "if its status is 0:");
		list_steps(x, i->then_part, depth + 1, flags);
		if (i->else_part) {
			note(x, depth, "otherwise:");
			list_steps(x, i->else_part, depth + 1, flags);
		}
		break;
	}
	case N_WHILE: {
		const struct while_node *w = (const struct while_node *)n;
		note(x, depth, "repeat, in this process (a loop forks nothing itself): the condition");
		list_steps(x, w->cond, depth + 1, inner);
		note(x, depth, "and while its status is %s, the body:", w->until ? "not 0" : "0");
		list_steps(x, w->body, depth + 1, inner);
		break;
	}
	case N_FOR: {
		const struct for_node *f = (const struct for_node *)n;
		subst_steps(x, f->words, f->nwords, depth);
		note(x, depth, "for each word: set %s (no fork), then the body:", f->var);
		list_steps(x, f->body, depth + 1, inner);
		break;
	}
	case N_CASE: {
		const struct case_node *c = (const struct case_node *)n;
		subst_steps(x, &c->subject, 1, depth);
		step(x, depth, "no fork: match %s against the patterns in order (like fnmatch)", c->subject->raw);
		for (size_t i = 0; i < c->nitems; i++) {
			if (!c->items[i].body)
				continue;
			note(x, depth, "if pattern %s matches%s:", c->items[i].pats[0]->raw, c->items[i].npats > 1 ? " (or another of its item)" : "");
			list_steps(x, c->items[i].body, depth + 1, flags);
		}
		break;
	}
	case N_FUNCDEF:
		step(x, depth, "no fork: store the function %s; its body runs only when it is called",
		     ((const struct funcdef_node *)n)->name);
		explain_define(x, ((const struct funcdef_node *)n)->name);
		break;
	case N_REDIR: {
		const struct redir_node *r = (const struct redir_node *)n;
		note(x, depth, "redirections once for the whole %s:", node_kind_name(r->body->type));
		redir_steps(x, &r->redirs, depth, "", !(flags & XS_CHILD));
		explain_steps(x, r->body, depth + 1, inner);
		if (!(flags & XS_CHILD))
			step(x, depth, "dup2 the saved copies back: the shell's own descriptors are as before");
		break;
	}
	case N_EXPLAIN:
		step(x, depth, "no fork: explain the rest of the line (nothing of it runs)");
		break;
	}
}
