/* eval.c - the executor's switch over node kinds, and the compound commands
 * that run inside the shell itself (lists, if, loops, case, groups).
 *
 * Control flow that leaves commands early (break, continue, return, exit,
 * an error) does not jump: it sets sh.skip, and every list and loop stops
 * after the command that set it, so each level cleans up (undoes its
 * redirections, restores variables) on the way out.
 */
#include "eval.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "../builtins/builtins.h"
#include "events.h"
#include "expand.h"
#include "explain.h"
#include "func.h"
#include "input.h"
#include "jobs.h"
#include "parser.h"
#include "proc.h"
#include "redir.h"
#include "shell.h"
#include "stack.h"
#include "trap.h"
#include "vars.h"

void eval_errexit(int status, int flags)
{
	if (status && sh.opt[OPT_e] && !(flags & EVAL_TESTED) && !sh.skip) {
		sh.status = status;
		sh.skip = SKIP_EXIT;
	}
}

/* After a loop's body or condition: should the loop stop?  break and
 * continue are counted down here, one loop level each. */
static int loop_should_stop(int *next_round)
{
	*next_round = 0;
	if (sh.skip == SKIP_BREAK) {
		if (--sh.skip_count <= 0)
			sh.skip = SKIP_NONE;
		return 1;
	}
	if (sh.skip == SKIP_CONTINUE) {
		if (--sh.skip_count <= 0) {
			sh.skip = SKIP_NONE;
			*next_round = 1;
			return 0;
		}
		return 1;
	}
	return sh.skip != SKIP_NONE;
}

static int eval_seq(struct seq_node *s, int flags)
{
	int status = 0;
	for (size_t i = 0; i < s->count && !sh.skip; i++)
		status = eval_node(s->items[i], i + 1 == s->count ? flags : flags & ~EVAL_EXIT);
	return status;
}

/* a && b || c: each operator looks at the status so far; all but the last
 * command are tested (set -e ignores them). */
static int eval_andor(struct andor_node *a, int flags)
{
	int inner = (flags & ~EVAL_EXIT) | EVAL_TESTED;
	int status = eval_node(a->items[0], a->count == 1 ? flags : inner);
	for (size_t i = 1; i < a->count && !sh.skip; i++) {
		int run = a->ops[i - 1] == OP_AND ? status == 0 : status != 0;
		if (run)
			status = eval_node(a->items[i], i + 1 == a->count ? flags : inner);
	}
	return status;
}

static int eval_if(struct if_node *n, int flags)
{
	int status = eval_node(n->cond, (flags & ~EVAL_EXIT) | EVAL_TESTED);
	if (sh.skip)
		return status;
	if (status == 0)
		return eval_node(n->then_part, flags);
	if (n->else_part)
		return eval_node(n->else_part, flags);
	return 0;
}

static int eval_while(struct while_node *w, int flags)
{
	int status = 0, next;
	flags &= ~EVAL_EXIT;
	sh.loop_depth++;
	for (;;) {
		int c = eval_node(w->cond, flags | EVAL_TESTED);
		if (loop_should_stop(&next))
			break;
		if (next)
			continue;
		if (w->until ? c == 0 : c != 0)
			break;
		status = eval_node(w->body, flags);
		if (loop_should_stop(&next))
			break;
	}
	sh.loop_depth--;
	return status;
}

static int eval_for(struct for_node *f, int flags)
{
	struct strvec items;
	int status = 0, next;
	sv_init(&items);
	if (f->has_in) {
		if (expand_words(f->words, f->nwords, &items) < 0) {
			sv_free(&items);
			return sh_fatal(2);
		}
	} else {
		for (int i = 0; i < sh.argc; i++)
			sv_push(&items, xstrdup(sh.argv[i]));
	}
	flags &= ~EVAL_EXIT;
	sh.loop_depth++;
	for (size_t i = 0; i < items.n; i++) {
		if (var_set(f->var, items.v[i]) < 0) {
			status = sh_fatal(2);
			break;
		}
		status = eval_node(f->body, flags);
		if (loop_should_stop(&next))
			break;
	}
	sh.loop_depth--;
	sv_free(&items);
	return status;
}

/* case: the first item with a matching pattern runs; ;& runs the next
 * item's body too, without testing its patterns. */
static int eval_case(struct case_node *c, int flags)
{
	char *subject = expand_string(c->subject);
	if (!subject)
		return sh_fatal(2);
	int status = 0;
	for (size_t i = 0; i < c->nitems && !sh.skip; i++) {
		struct case_item *it = &c->items[i];
		int match = 0;
		for (size_t k = 0; k < it->npats && !match; k++) {
			char *pat = expand_pattern(it->pats[k]);
			if (!pat) {
				free(subject);
				return sh_fatal(2);
			}
			match = fnmatch(pat, subject, 0) == 0;
			free(pat);
		}
		if (!match)
			continue;
		for (;;) {
			status = it->body ? eval_node(it->body, flags) : 0;
			if (!it->fallthrough || ++i >= c->nitems || sh.skip)
				break;
			it = &c->items[i];
		}
		break;
	}
	free(subject);
	return status;
}

/* A compound command with redirections: applied once for the whole of it
 * (a while loop reading a file reads it line by line through one open
 * descriptor), and undone afterwards. */
static int eval_redir(struct redir_node *r, int flags)
{
	struct redir_save save;
	EV(EV_REDIR_BLOCK, .str = node_kind_name(r->body->type));
	if (redir_apply(&r->redirs, &save) < 0) {
		redir_restore(&save);
		/* as dash: a redirection that fails is status 2, and under
		 * set -e the command failed like any other */
		eval_errexit(2, flags);
		return 2;
	}
	int status = eval_node(r->body, flags & ~EVAL_EXIT);
	redir_restore(&save);
	return status;
}

int eval_node(struct node *n, int flags)
{
	if (!n || sh.skip)
		return sh.status;
	if (sh.opt[OPT_n] && !sh.interactive)
		return sh.status; /* set -n: from now on, read and check only (also the rest of its line) */
	/* Only when a job may have changed: the common case costs no
	 * system call at all. */
	if (jobs_active())
		jobs_reap();
	trap_run_pending();
	if (sh.skip)
		return sh.status;
	int status = 0;
	if (n->type != N_SIMPLE && n->line > 0)
		sh.lineno = n->line; /* for the errors of a compound command's own words and redirections */
	switch (n->type) {
	case N_SIMPLE:
		status = eval_simple((struct simple_node *)n, flags);
		break;
	case N_PIPE:
		status = eval_pipeline((struct pipe_node *)n, flags);
		break;
	case N_ANDOR:
		status = eval_andor((struct andor_node *)n, flags);
		break;
	case N_SEQ:
		status = eval_seq((struct seq_node *)n, flags);
		break;
	case N_BG:
		status = eval_background((struct bg_node *)n);
		break;
	case N_SUBSHELL:
		status = eval_subshell((struct group_node *)n, flags);
		break;
	case N_BRACE:
		status = eval_node(((struct group_node *)n)->body, flags);
		break;
	case N_IF:
		status = eval_if((struct if_node *)n, flags);
		break;
	case N_WHILE:
		status = eval_while((struct while_node *)n, flags);
		break;
	case N_FOR:
		status = eval_for((struct for_node *)n, flags);
		break;
	case N_CASE:
		status = eval_case((struct case_node *)n, flags);
		break;
	case N_FUNCDEF:
		func_define((struct funcdef_node *)n);
		status = 0;
		break;
	case N_REDIR:
		status = eval_redir((struct redir_node *)n, flags);
		break;
	case N_EXPLAIN:
		status = explain_tree(((struct explain_node *)n)->body, stdout, var_locale_utf8());
		break;
	}
	if (sh.skip == SKIP_EXIT || sh.skip == SKIP_INTR || sh.skip == SKIP_RETURN)
		return sh.status;
	sh.status = status;
	return status;
}

/* The command just parsed from src (without its final newline) goes to
 * standard error and into the history, as fc says it must before the
 * command runs. */
static void history_enter(struct source *src)
{
	size_t len = src->pos;
	while (len > 0 && src->text.buf[len - 1] == '\n')
		len--;
	char *line = xstrndup(src->text.buf, len);
	fprintf(stderr, "%s\n", line);
	fflush(stderr);
	input_history_add(line);
	free(line);
}

int eval_text(const char *text, size_t len, int flags)
{
	struct source src;
	int status = 0;
	src_init_string(&src, text, len, 1);
	for (;;) {
		src_begin(&src);
		struct node *n;
		struct syn_error err;
		enum syn_status st = parse_command(&src, &n, &err);
		if (st == SYN_EOF)
			break;
		if (st != SYN_OK) {
			sh_syntax_error(src.text.buf, err.pos, err.msg);
			status = sh_special_error(2);
			break;
		}
		if (n && (flags & EVAL_HISTORY))
			history_enter(&src);
		if (n) {
			status = eval_node(n, flags & EVAL_TESTED);
			node_free(n);
		}
		if (sh.skip)
			break;
	}
	src_free(&src);
	return sh.skip ? sh.status : status;
}

void eval_child_exit(int status)
{
	if (sh.skip == SKIP_EXIT || sh.skip == SKIP_RETURN)
		status = sh.status;
	sh.status = status;
	trap_run_exit();
	proc_child_exit(sh.status);
}
