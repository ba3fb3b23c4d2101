/* explain.c - draw the tree of a command line and list the system calls
 * the executor would make for it (exec.c is the reference: the steps here
 * follow its order). */
#include "explain.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../builtins/builtins.h"
#include "parser.h"
#include "path.h"
#include "shell.h"
#include "util.h"
#include "vars.h"

struct explainer {
	FILE *out;
	int utf8;
	int step;  /* the last system-call step number used */
};

/* ---- the tree ------------------------------------------------------ */

/* One node line: the inherited prefix, a branch (none for the root), then
 * the text. */
static void tree_line(struct explainer *x, const struct strbuf *prefix, int root, int last,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void tree_line(struct explainer *x, const struct strbuf *prefix, int root, int last,
		      const char *fmt, ...)
{
	va_list ap;
	if (!root) {
		fputs(prefix->buf ? prefix->buf : "", x->out);
		fputs(last ? (x->utf8 ? "└─ " : "`- ") : (x->utf8 ? "├─ " : "|- "), x->out);
	}
	va_start(ap, fmt);
	vfprintf(x->out, fmt, ap);
	va_end(ap);
	fputc('\n', x->out);
}

/* Extend the prefix for the children of a node; returns the old length so
 * the caller can cut it back. */
static size_t indent(struct explainer *x, struct strbuf *prefix, int root, int last)
{
	size_t keep = prefix->len;
	if (!root)
		sb_adds(prefix, last ? "   " : (x->utf8 ? "│  " : "|  "));
	else
		sb_adds(prefix, "");
	return keep;
}

static void outdent(struct strbuf *prefix, size_t keep)
{
	prefix->len = keep;
	prefix->buf[keep] = '\0';
}

static const char *fd_role(int fd)
{
	return fd == 0 ? "stdin" : fd == 1 ? "stdout" : fd == 2 ? "stderr" : "fd";
}

static void describe_redir(const struct redir *r, char *buf, size_t len)
{
	switch (r->kind) {
	case R_IN:
		snprintf(buf, len, "%s (fd %d) from file %s", fd_role(r->fd), r->fd, r->target.text);
		break;
	case R_OUT:
		snprintf(buf, len, "%s (fd %d) to file %s, emptied first", fd_role(r->fd), r->fd, r->target.text);
		break;
	case R_APPEND:
		snprintf(buf, len, "%s (fd %d) appended to file %s", fd_role(r->fd), r->fd, r->target.text);
		break;
	case R_DUP:
		snprintf(buf, len, "fd %d becomes a copy of fd %d", r->fd, r->dup_from);
		break;
	case R_CLOSE:
		snprintf(buf, len, "fd %d is closed", r->fd);
		break;
	}
}

static void draw(struct explainer *x, const struct node *n, struct strbuf *prefix, int root, int last,
		 const char *lead);

static void draw_cmd(struct explainer *x, const struct cmd_node *c, struct strbuf *prefix, int root,
		     int last, const char *lead)
{
	char *text = node_text((const struct node *)c);
	const char *what = "command";
	if (c->nwords == 0)
		what = c->nassign ? "assignment" : "redirection only";
	else if (builtin_find(c->words[0].text))
		what = "builtin command";
	tree_line(x, prefix, root, last, "%s%s: %s", lead, what, text);
	free(text);

	size_t keep = indent(x, prefix, root, last);
	for (size_t i = 0; i < c->nredirs; i++) {
		char buf[256];
		describe_redir(&c->redirs[i], buf, sizeof buf);
		tree_line(x, prefix, 0, i + 1 == c->nredirs, "redirection: %s", buf);
	}
	outdent(prefix, keep);
}

static void draw(struct explainer *x, const struct node *n, struct strbuf *prefix, int root, int last,
		 const char *lead)
{
	size_t keep;
	switch (n->type) {
	case N_CMD:
		draw_cmd(x, (const struct cmd_node *)n, prefix, root, last, lead);
		return;
	case N_PIPE: {
		const struct pipe_node *p = (const struct pipe_node *)n;
		if (p->n == 1)
			tree_line(x, prefix, root, last, "%s! (inverts the status of the command below)", lead);
		else
			tree_line(x, prefix, root, last,
				  "%s%spipeline of %zu commands (one process each, joined by pipes)", lead,
				  p->negate ? "! (status inverted) " : "", p->n);
		keep = indent(x, prefix, root, last);
		for (size_t i = 0; i < p->n; i++)
			draw(x, p->cmds[i], prefix, 0, i + 1 == p->n, "");
		break;
	}
	case N_ANDOR: {
		const struct andor_node *a = (const struct andor_node *)n;
		tree_line(x, prefix, root, last, "%sand-or list (left to right; && and || look at the last status)",
			  lead);
		keep = indent(x, prefix, root, last);
		for (size_t i = 0; i < a->n; i++)
			draw(x, a->items[i], prefix, 0, i + 1 == a->n,
			     i == 0 ? "" : a->ops[i - 1] == OP_AND ? "&& " : "|| ");
		break;
	}
	case N_SEQ: {
		const struct seq_node *s = (const struct seq_node *)n;
		tree_line(x, prefix, root, last, "%ssequence (one after another)", lead);
		keep = indent(x, prefix, root, last);
		for (size_t i = 0; i < s->n; i++)
			draw(x, s->items[i], prefix, 0, i + 1 == s->n, "");
		break;
	}
	case N_BG:
		tree_line(x, prefix, root, last, "%sbackground (&): the shell does not wait for it", lead);
		keep = indent(x, prefix, root, last);
		draw(x, ((const struct bg_node *)n)->body, prefix, 0, 1, "");
		break;
	default:
		return;
	}
	outdent(prefix, keep);
}

/* ---- the system calls ---------------------------------------------- */

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

/* Does a word need expansion at run time (so we cannot say what it is)? */
static int is_literal(const char *w)
{
	return strpbrk(w, "$`\"'\\*?[~") == NULL;
}

static void redir_steps(struct explainer *x, const struct cmd_node *c, int depth, const char *who)
{
	for (size_t i = 0; i < c->nredirs; i++) {
		const struct redir *r = &c->redirs[i];
		switch (r->kind) {
		case R_IN:
		case R_OUT:
		case R_APPEND:
			step(x, depth, "%sopen(%s, %s) then dup2(it, %d) and close(it): %s now %s the file", who,
			     r->target.text,
			     r->kind == R_IN ? "O_RDONLY" : r->kind == R_OUT ? "O_WRONLY|O_CREAT|O_TRUNC" : "O_WRONLY|O_CREAT|O_APPEND",
			     r->fd, fd_role(r->fd), r->kind == R_IN ? "reads from" : "writes to");
			break;
		case R_DUP:
			step(x, depth, "%sdup2(%d, %d): fd %d becomes a copy of fd %d", who, r->dup_from, r->fd, r->fd,
			     r->dup_from);
			break;
		case R_CLOSE:
			step(x, depth, "%sclose(%d)", who, r->fd);
			break;
		}
	}
}

/* Redirections done in the shell itself (a builtin, or redirections with
 * no command): each descriptor is saved once, just before its first change,
 * exactly as redir_apply does. */
static void saved_redir_steps(struct explainer *x, const struct cmd_node *c, int depth)
{
	for (size_t i = 0; i < c->nredirs; i++) {
		int seen = 0;
		for (size_t k = 0; k < i; k++)
			seen |= c->redirs[k].fd == c->redirs[i].fd;
		if (!seen)
			step(x, depth, "fcntl(%d, F_DUPFD_CLOEXEC, 10): keep a copy of fd %d to put back later",
			     c->redirs[i].fd, c->redirs[i].fd);
		struct cmd_node one = *c;
		one.redirs = &c->redirs[i];
		one.nredirs = 1;
		redir_steps(x, &one, depth, "");
	}
}

/* What execvp will do with the command name, as far as we can tell now. */
static void exec_step(struct explainer *x, const struct cmd_node *c, int depth)
{
	struct strbuf text;
	sb_init(&text);
	for (size_t i = 0; i < c->nwords; i++) {
		if (i)
			sb_addc(&text, ' ');
		sb_adds(&text, c->words[i].text);
	}
	const char *name = c->words[0].text;
	for (size_t i = 0; i < c->nassign; i++)
		step(x, depth, "in the child: put %s in its environment (only this command sees it)", c->assigns[i].text);
	if (!is_literal(name)) {
		step(x, depth, "in the child: execvp(%s): the name is expanded first, then looked up", text.buf);
	} else if (strchr(name, '/')) {
		step(x, depth, "in the child: execvp(\"%s\"): a path, so no PATH search; the child becomes that program (same PID)", name);
	} else {
		char *found = path_search(name, path_is_executable);
		if (found)
			step(x, depth, "in the child: execvp(\"%s\"): searches PATH for %s -> %s; the child becomes it (same PID)",
			     name, name, found);
		else
			step(x, depth, "in the child: execvp(\"%s\") finds no %s on PATH: \"command not found\", _exit(127)",
			     name, name);
		free(found);
	}
	if (!is_literal(text.buf))
		fprintf(x->out, "        (%s is expanded when it runs: variables, ~, globs)\n", text.buf);
	sb_free(&text);
}

static void explain_node(struct explainer *x, const struct node *n, int depth);

/* A simple command as the executor runs it in the foreground. */
static void explain_cmd(struct explainer *x, const struct cmd_node *c, int depth, int in_pipeline)
{
	if (c->nwords == 0) {
		if (c->nredirs) {
			step(x, depth, "no fork: the redirections are done in the shell and undone at once");
			saved_redir_steps(x, c, depth);
			step(x, depth, "dup2 the saved copies back: the shell's own descriptors are as before");
		}
		for (size_t i = 0; i < c->nassign; i++)
			step(x, depth, "no fork: set the shell variable %s", c->assigns[i].text);
		return;
	}
	const struct builtin *b = builtin_find(c->words[0].text);
	if (b && !in_pipeline) {
		saved_redir_steps(x, c, depth);
		step(x, depth, "no fork: %s is a builtin and runs inside the shell (%s)", b->name, b->why);
		if (c->nredirs)
			step(x, depth, "dup2 the saved copies back: the shell's own descriptors are as before");
		return;
	}
	if (!in_pipeline)
		step(x, depth, "fork(): a child process for `%s`", c->words[0].text);
	redir_steps(x, c, depth + 1, "in the child: ");
	if (b)
		step(x, depth + 1, "in the child: run the builtin %s there, then _exit with its status", b->name);
	else
		exec_step(x, c, depth + 1);
	if (!in_pipeline)
		step(x, depth, "waitpid(child): wait for it; its exit status becomes $?");
}

static void explain_pipe(struct explainer *x, const struct pipe_node *p, int depth, int background)
{
	if (p->n == 1 && !background) {
		explain_cmd(x, (const struct cmd_node *)p->cmds[0], depth, 0);
		if (p->negate)
			step(x, depth, "! inverts the status: 0 becomes 1, anything else 0");
		return;
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct cmd_node *c = (const struct cmd_node *)p->cmds[i];
		const char *name = c->nwords ? c->words[0].text : "(redirections)";
		if (i + 1 < p->n)
			step(x, depth, "pipe(): a pipe from `%s` to the next command", name);
		step(x, depth, "fork(): a child for `%s`", name);
		if (i > 0)
			step(x, depth + 1, "in the child: dup2(read end of the previous pipe, 0): stdin comes from the pipe");
		if (i + 1 < p->n)
			step(x, depth + 1, "in the child: dup2(write end, 1): stdout goes into the pipe; close both ends");
		explain_cmd(x, c, depth, 1);
		if (p->n > 1)
			step(x, depth, "in the shell: close the pipe ends this child now holds, so end-of-file can happen");
	}
	if (background) {
		step(x, depth, "no waitpid: the job runs on; the shell prints [N] PID and sets $! to the last PID");
		return;
	}
	step(x, depth, "waitpid() for each of the %zu children; $? is the status of the last one", p->n);
	if (p->negate)
		step(x, depth, "! inverts the status: 0 becomes 1, anything else 0");
}

static void explain_node(struct explainer *x, const struct node *n, int depth)
{
	switch (n->type) {
	case N_CMD:
		explain_cmd(x, (const struct cmd_node *)n, depth, 0);
		break;
	case N_PIPE:
		explain_pipe(x, (const struct pipe_node *)n, depth, 0);
		break;
	case N_ANDOR: {
		const struct andor_node *a = (const struct andor_node *)n;
		explain_node(x, a->items[0], depth);
		for (size_t i = 1; i < a->n; i++) {
			fprintf(x->out, "     %*s%s\n", depth * 3, "",
				a->ops[i - 1] == OP_AND ? "then, only if $? is 0 (&&):" : "then, only if $? is not 0 (||):");
			explain_node(x, a->items[i], depth + 1);
		}
		break;
	}
	case N_SEQ: {
		const struct seq_node *s = (const struct seq_node *)n;
		for (size_t i = 0; i < s->n; i++)
			explain_node(x, s->items[i], depth);
		break;
	}
	case N_BG: {
		struct node *body = ((const struct bg_node *)n)->body;
		if (body->type == N_CMD) {
			struct pipe_node one = { N_PIPE, 0, 1, &body };
			explain_pipe(x, &one, depth, 1);
		} else if (body->type == N_PIPE && !((struct pipe_node *)body)->negate) {
			explain_pipe(x, (struct pipe_node *)body, depth, 1);
		} else {
			step(x, depth, "fork(): a child shell for the whole list, which runs it as below and exits");
			explain_node(x, body, depth + 1);
			step(x, depth, "no waitpid: the shell prints [N] PID, sets $!, and goes on at once");
		}
		break;
	}
	}
}

int explain_line(const char *src, FILE *out, int utf8)
{
	struct node *tree;
	struct syn_error err;

	/* Parsed as it is: a newline added here would turn a final backslash
	 * (`explain echo a\`, which runs as echo a\) into a continuation. */
	enum syn_status st = parse_line(src, &tree, &err);
	if (st != SYN_OK) {
		if (st == SYN_INCOMPLETE)
			snprintf(err.msg + strlen(err.msg), sizeof err.msg - strlen(err.msg), " (the line ends too early)");
		sh_syntax_error(src, err.pos, err.msg);
		return 2;
	}
	if (!tree) {
		fprintf(out, "Nothing to explain: the line is empty.\n");
		return 0;
	}
	struct explainer x = { out, utf8, 0 };
	struct strbuf prefix;
	sb_init(&prefix);
	fprintf(out, "The command tree:\n");
	draw(&x, tree, &prefix, 1, 1, "");
	sb_free(&prefix);
	fprintf(out, "\nWhat the shell would do, in order:\n");
	explain_node(&x, tree, 0);
	node_free(tree);
	return 0;
}

int explain_intercept(const char *line, const struct node *tree)
{
	/* A plain `explain 'a | b'` parses as one command: the builtin gets
	 * its (unquoted) argument.  A line the parser split further, one with
	 * redirections (they belong to the explained command, not to
	 * explain), or one it could not parse needs its raw text. */
	if (tree && tree->type == N_CMD && ((const struct cmd_node *)tree)->nredirs == 0)
		return -1;
	const char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "explain", 7) != 0 || (p[7] != ' ' && p[7] != '\t'))
		return -1;
	p += 7;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\n' || *p == '\0')
		return -1; /* plain `explain`: the builtin prints its usage */
	fflush(stdout);
	int st = explain_line(p, stdout, var_locale_utf8());
	fflush(stdout);
	return st;
}
