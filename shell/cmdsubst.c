/* cmdsubst.c - command substitution, $(...) and `...` (XCU 2.6.3): the
 * chapter's fork in its most common disguise.
 *
 * The shell makes a pipe and forks; the child's standard output is the
 * pipe's write end, and it runs the command itself (its last program is
 * exec'd in place, a builtin or loop needs no exec at all).  The parent
 * reads the pipe to end of file, then reaps the child, whose exit status
 * becomes the status of an assignment-only command.  Reading everything
 * before waiting is what keeps a child with a lot of output from blocking
 * on a full pipe while its parent waits for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "eval.h"
#include "events.h"
#include "expandi.h"
#include "jobs.h"
#include "proc.h"
#include "redir.h"
#include "shell.h"
#include "signals.h"

/* Run tree with its output into out.  Returns its exit status, or -1 when
 * the pipe or the fork failed (already reported). */
static int run(struct node *tree, struct strbuf *out)
{
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC) < 0) {
		sh_error("pipe: %s", strerror(errno));
		return -1;
	}
	pfd[0] = fd_lift(pfd[0], 3);
	pfd[1] = fd_lift(pfd[1], 3);
	EV(EV_PIPE, .a = pfd[0], .b = pfd[1]);
	struct forkspec f = { .nojob = 1, .why = "command substitution: the child's output goes into the pipe" };
	pid_t pid = proc_fork(&f);
	if (pid == 0) {
		close_fd(pfd[0]);
		fd_move(pfd[1], STDOUT_FILENO);
		eval_child_exit(eval_node(tree, EVAL_EXIT));
	}
	close_fd(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		return -1;
	}
	/* Everything, before the wait: a child with more output than the pipe
	 * holds would otherwise block on it while the shell waits. */
	sb_read_fd(out, pfd[0]);
	EV(EV_READ, .a = pfd[0], .b = (int)(out->len > 0x7fffffff ? 0x7fffffff : out->len));
	close_fd(pfd[0]);
	int ws = jobs_wait_pid(pid);
	if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGINT)
		jobs_interrupted(128 + SIGINT, 1); /* Ctrl-C during a slow substitution at the prompt */
	return status_from_wait(ws);
}

int cmdsubst_expand(struct xbuf *x, const struct wpart *p)
{
	struct strbuf out;
	sb_init(&out);
	int status = p->tree ? run(p->tree, &out) : 0;
	if (status < 0) {
		sb_free(&out);
		return -1;
	}
	cmdsubst_note(status);
	/* Trailing newlines are removed; NUL bytes cannot live in a string. */
	size_t n = out.len;
	while (n > 0 && out.buf[n - 1] == '\n')
		n--;
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (out.buf[i])
			out.buf[w++] = out.buf[i];
	if (p->quoted && w == 0)
		xb_qempty(x);
	else
		xb_add(x, out.buf, w, p->quoted ? XM_QUOTED : XM_EXP);
	sb_free(&out);
	return 0;
}
