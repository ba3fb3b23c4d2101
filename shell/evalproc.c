/* evalproc.c - the commands that need processes of their own: pipelines,
 * subshells and background jobs.
 *
 * A pipeline forks one child per member, whatever the member is (a
 * program, a builtin, a loop, a function), as dash does: `x=1 | cat` does
 * not change the shell's x.  A subshell is the chapter's first idea at the
 * prompt: fork with no exec, the child runs the list itself and exits with
 * its status.  Each such child runs eval_node with EVAL_EXIT, so its last
 * program is exec'd in place instead of forked again.
 */
#include "eval.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "events.h"
#include "jobs.h"
#include "proc.h"
#include "redir.h"
#include "shell.h"
#include "util.h"

/* What a member of a pipeline is, for the trace. */
static const char *why_member(const struct node *n)
{
	if (n->type == N_SIMPLE)
		return NULL; /* the trace shows what it execs */
	return "pipeline member: the child runs this part of the pipeline itself";
}

/* Background bookkeeping shared by every way of starting a job with '&'. */
static int started_in_background(const pid_t *pids, size_t n, pid_t pgid, struct node *whole)
{
	struct job *j = jobs_add(pids, n, pgid, node_text(whole), JOB_RUNNING);
	sh.last_bg = pids[n - 1];
	if (sh.interactive) {
		fprintf(stderr, "[%d] %ld\n", j->id, (long)pids[n - 1]);
		fflush(stderr);
	}
	return 0;
}

/* The simple command a child will run, for the trace's fork line (so that
 * the lesson engine can see what a child is for). */
static char *const *member_argv(const struct node *n)
{
	(void)n;
	return NULL;
}

/* Run cmds[0] | cmds[1] | ... : one pipe between each pair, one fork per
 * member.  The parent closes each pipe end as soon as the child that needs
 * it exists, so it never holds more than two, and every reader sees
 * end-of-file when its writer exits.  tested (EVAL_TESTED or 0): the
 * pipeline's status is tested, so set -e is off in its members too.
 * Returns the last member's status (0 in the background); 1 when a pipe or
 * fork failed, after the members already started are killed and reaped
 * (jobs_abandon), in the background too. */
static int run_pipeline(struct node **cmds, size_t n, int background, struct node *whole, int tested)
{
	pid_t *pids = xmalloc(n * sizeof *pids);
	size_t started = 0;
	int prev_read = -1, failed = 0;
	struct forkspec f = { .foreground = !background, .background = background };

	for (size_t i = 0; i < n; i++) {
		int pfd[2] = { -1, -1 };
		if (i + 1 < n) {
			if (pipe2(pfd, O_CLOEXEC) < 0) {
				sh_error("pipe: %s", strerror(errno));
				failed = 1;
				break;
			}
			/* Keep pipe ends off 0-2 even if the shell was started
			 * with one of them closed. */
			pfd[0] = fd_lift(pfd[0], 3);
			pfd[1] = fd_lift(pfd[1], 3);
			EV(EV_PIPE, .a = pfd[0], .b = pfd[1]);
		}
		f.why = n > 1 ? why_member(cmds[i]) : background ? "background job" : NULL;
		if (background && n == 1 && cmds[0]->type != N_SIMPLE)
			f.why = "background job: the child runs the command itself";
		f.argv = member_argv(cmds[i]);
		pid_t pid = proc_fork(&f);
		if (pid == 0) {
			free(pids); /* the parent's list; this child never returns here */
			if (prev_read >= 0)
				fd_move(prev_read, STDIN_FILENO);
			if (pfd[1] >= 0) {
				fd_move(pfd[1], STDOUT_FILENO);
				close_fd(pfd[0]);
			}
			eval_child_exit(eval_node(cmds[i], EVAL_EXIT | tested));
		}
		if (prev_read >= 0)
			close_fd(prev_read);
		if (pfd[1] >= 0)
			close_fd(pfd[1]);
		prev_read = pfd[0];
		if (pid < 0) {
			failed = 1;
			break;
		}
		pids[started++] = pid;
	}
	if (prev_read >= 0)
		close_fd(prev_read);

	int status = failed ? 1 : 0;
	if (started > 0 && failed)
		jobs_abandon(pids, started, f.pgid);
	else if (started > 0 && background)
		started_in_background(pids, started, f.pgid, whole);
	else if (started > 0)
		status = jobs_wait_fg(pids, started, f.pgid, whole);
	free(pids);
	return status;
}

int eval_pipeline(struct pipe_node *p, int flags)
{
	int status;
	if (p->count == 1)
		status = eval_node(p->cmds[0], p->negate ? (flags & ~EVAL_EXIT) | EVAL_TESTED : flags);
	else
		status = run_pipeline(p->cmds, p->count, 0, &p->n,
				      p->negate ? EVAL_TESTED : flags & EVAL_TESTED);
	if (p->negate && sh.skip != SKIP_EXIT && sh.skip != SKIP_RETURN)
		status = !status; /* `! exit 3` still exits with 3 */
	if (p->count > 1 && !p->negate)
		eval_errexit(status, flags);
	return status;
}

int eval_subshell(struct group_node *g, int flags)
{
	if (flags & EVAL_EXIT) {
		/* Already a child that ends after this: no need for another. */
		return eval_node(g->body, flags);
	}
	struct forkspec f = { .foreground = 1, .why = "subshell: the child runs the list itself, no exec" };
	pid_t pid = proc_fork(&f);
	if (pid == 0) /* in an if condition, say, set -e stays off inside too */
		eval_child_exit(eval_node(g->body, EVAL_EXIT | (flags & EVAL_TESTED)));
	if (pid < 0)
		return 1;
	int status = jobs_wait_fg(&pid, 1, f.pgid, &g->n);
	eval_errexit(status, flags);
	return status;
}

/* body & : a simple command or pipeline is started directly as a job; any
 * other command gets one child that runs it. */
int eval_background(struct bg_node *bg)
{
	struct node *body = bg->body;
	if (body->type == N_PIPE && !((struct pipe_node *)body)->negate) {
		struct pipe_node *p = (struct pipe_node *)body;
		return run_pipeline(p->cmds, p->count, 1, body, 0);
	}
	return run_pipeline(&bg->body, 1, 1, body, 0);
}
