/* exec.c - the executor: one switch over node kinds, small functions for
 * each, and a single fork wrapper with a child half and a parent half.
 */
#include "exec.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../builtins/builtins.h"
#include "expand.h"
#include "events.h"
#include "jobctl.h"
#include "jobs.h"
#include "path.h"
#include "redir.h"
#include "shell.h"
#include "signals.h"
#include "util.h"
#include "vars.h"

static void child_run_cmd(struct cmd_node *c, char **argv, int may_be_builtin) __attribute__((noreturn));

/* How a process about to be forked fits in its job. */
struct launch {
	pid_t pgid;      /* the job's process group so far (0: none yet) */
	int foreground;  /* the job gets the terminal */
	int background;  /* started with & */
	char *const *argv; /* the command a simple command's child will run, or NULL */
};

/* fork() with the details every caller needs: stdio is flushed first, or the
 * child would inherit a copy of unwritten output and print it again; under
 * job control the child joins the job's process group (set on both sides of
 * the fork, so there is no race); and a failure is reported, not ignored.
 * Returns the PID in the parent, 0 in the child (which has its default
 * signals back), -1 on failure. */
static pid_t sh_fork(struct launch *l)
{
	/* While tracing, the child waits on this pipe until the parent has
	 * announced the fork, so "fork() = PID" always comes before the
	 * child's own lines. */
	int hold[2] = { -1, -1 };
	if (ev_on && pipe2(hold, O_CLOEXEC) < 0)
		hold[0] = hold[1] = -1;
	/* Flush only a stream that holds unwritten bytes: fflush on an empty
	 * one still takes its lock, a write to stdio's memory that costs a
	 * copy-on-write page fault after every fork. */
	if (__fpending(stdout))
		fflush(stdout);
	if (__fpending(stderr))
		fflush(stderr);
	sigset_t mask;
	int held = sig_hold(&mask);
	pid_t pid = fork();
	int err = errno;
	if (pid != 0 && held)
		sig_release(&mask);
	if (pid < 0) {
		EV(EV_FORK, .err = err);
		sh_error("fork: %s", strerror(err));
		if (hold[0] >= 0) {
			close(hold[0]);
			close(hold[1]);
		}
		return -1;
	}
	if (pid > 0) {
		EV(EV_FORK, .target = pid, .argv = l->argv);
		l->pgid = jobctl_parent(pid, l->pgid, l->foreground);
		if (hold[0] >= 0) {
			close(hold[0]);
			close(hold[1]); /* releases the child */
		}
		return pid;
	}
	/* Child half: from here on this process is not the shell. */
	sh.in_child = 1;
	if (hold[0] >= 0) {
		char c;
		close(hold[1]);
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		close(hold[0]);
	}
	jobctl_child(l->pgid, l->foreground);
	int job_control = jobctl_enabled();
	jobctl_disable();
	sh.interactive = 0;
	/* The job table stays, read-only in spirit: `jobs | grep x` lists the
	 * shell's jobs as bash does, while wait finds no children of its own. */
	sig_child_defaults(l->background && !job_control);
	if (l->background && !job_control) {
		/* POSIX: without job control, a background command reads from
		 * /dev/null unless its own redirections say otherwise.  (With job
		 * control it is stopped by SIGTTIN if it reads the terminal.) */
		int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		EV(EV_OPEN, .str = "/dev/null", .b = O_RDONLY | O_CLOEXEC, .a = fd, .err = fd < 0 ? errno : 0);
		if (fd >= 0)
			fd_move(fd, STDIN_FILENO);
	}
	return 0;
}

void exec_path_search(char **argv)
{
	/* glibc's execvp copies only NAME_MAX bytes of a name without '/'
	 * and passes execve a string with no end (valgrind caught it reading
	 * past the copy).  No file can have a longer name, so do not try. */
	if (!strchr(argv[0], '/') && strlen(argv[0]) > NAME_MAX) {
		errno = ENAMETOOLONG;
		return;
	}
	execvp(argv[0], argv);
}

int exec_failure(const char *full_name, int err)
{
	struct stat st;
	const char *name = sh_arg(full_name);
	/* execvp refuses a name longer than NAME_MAX before it searches PATH;
	 * no such command can exist, so say "not found" as dash and bash do. */
	if (err == ENAMETOOLONG && !strchr(full_name, '/'))
		err = ENOENT;
	if (err == EACCES && !strchr(full_name, '/')) {
		/* execvp says EACCES if any PATH directory refused the search,
		 * even when the command is nowhere: then it is "not found". */
		char *found = path_search(full_name, path_exists);
		if (!found)
			err = ENOENT;
		free(found);
	}
	if (err == ENOENT && !strchr(full_name, '/')) {
		sh_error("%s: command not found", name);
		return 127;
	}
	if (err == ENOENT) {
		sh_error("%s: %s", name, strerror(err));
		return 127;
	}
	if (err == EACCES && strchr(full_name, '/') && stat(full_name, &st) == 0 && S_ISDIR(st.st_mode)) {
		sh_error("%s: Is a directory", name);
		return 126;
	}
	sh_error("%s: %s", name, strerror(err));
	return 126;
}

/* Assignments written before a command name (NAME=value cmd) go into that
 * command's environment only: the child sets them in its own copy. */
static void child_export_assignments(struct cmd_node *c)
{
	for (size_t i = 0; i < c->nassign; i++) {
		const char *raw;
		char *name = var_split_assignment_raw(c->assigns[i].text, &raw);
		char *value = expand_assign(raw);
		var_export(name, value); /* a=2 b=$a cmd: b sees the new a */
		free(name);
		free(value);
	}
}

/* A builtin writes through stdio; make sure what it wrote really left (a
 * full disk or a closed stdout is an error, as for any program).  Returns
 * the builtin's status, or 1 if the output could not be written. */
static int flush_builtin_output(const char *name, int status)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	/* errno is only meaningful if this fflush failed; an earlier write
	 * that failed left just the error flag behind. */
	sh_error("%s: write error%s%s", name, errno ? ": " : "", errno ? strerror(errno) : "");
	clearerr(stdout);
	return status ? status : 1;
}

/* Child half of running one simple command: redirections, then a builtin in
 * this process or execvp.  may_be_builtin is 0 when the parent has already
 * looked the name up, so the child does not search the builtin table again
 * (reading pages that fork did not map in the child).  Never returns; the
 * exit status says what happened. */
static void child_run_cmd(struct cmd_node *c, char **argv, int may_be_builtin)
{
	if (redir_apply(c->redirs, c->nredirs, NULL) < 0)
		_exit(1);
	if (!argv[0]) {
		fflush(stdout);
		_exit(0);
	}
	child_export_assignments(c);
	const struct builtin *b = may_be_builtin ? builtin_find(argv[0]) : NULL;
	if (b) {
		EV(EV_BUILTIN, .str = argv[0]);
		int argc = 0;
		while (argv[argc])
			argc++;
		_exit(flush_builtin_output(argv[0], b->fn(argc, argv)));
	}
	/* exec replaces the program, not the process: the PID stays. */
	EV(EV_EXEC, .argv = argv);
	exec_path_search(argv);
	int err = errno;
	EV(EV_EXEC_FAIL, .str = argv[0], .err = err);
	_exit(exec_failure(argv[0], err));
}

/* A pipeline member expands its own words, inside its own process. */
static void child_run_node(struct node *n)
{
	if (n->type == N_CMD) {
		struct strvec argv;
		sv_init(&argv);
		struct cmd_node *c = (struct cmd_node *)n;
		expand_words(c->words, c->nwords, &argv);
		char *none[] = { NULL };
		child_run_cmd(c, argv.v ? argv.v : none, 1);
	}
	int st = exec_node(n);
	fflush(stdout);
	_exit(st);
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

/* Run cmds[0] | cmds[1] | ... : one pipe between each pair, one fork per
 * member.  The parent closes each pipe end as soon as the child that needs it
 * exists, so it never holds more than two, and every reader sees end-of-file
 * when its writer exits.  Returns the last member's status (or 0 in the
 * background); 1 when a pipe or fork failed, after the members already
 * started are killed and reaped (jobs_abandon), in the background too. */
static int exec_pipeline(struct node **cmds, size_t n, int background, struct node *whole)
{
	pid_t *pids = xmalloc(n * sizeof *pids);
	size_t started = 0;
	int prev_read = -1, failed = 0;
	struct launch l = { .pgid = 0, .foreground = !background, .background = background };

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
		pid_t pid = sh_fork(&l);
		if (pid == 0) {
			if (prev_read >= 0)
				fd_move(prev_read, STDIN_FILENO);
			if (pfd[1] >= 0) {
				fd_move(pfd[1], STDOUT_FILENO);
				close_fd(pfd[0]);
			}
			child_run_node(cmds[i]);
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
		jobs_abandon(pids, started, l.pgid);
	else if (started > 0 && background)
		started_in_background(pids, started, l.pgid, whole);
	else if (started > 0)
		status = jobs_wait_fg(pids, started, l.pgid, whole);
	free(pids);
	return status;
}

/* Variables a builtin sees only for its own run (NAME=value builtin). */
struct saved_var {
	char *name;
	char *old;   /* NULL: was unset */
};

static struct saved_var *assign_temporarily(struct cmd_node *c)
{
	struct saved_var *saved = xcalloc(c->nassign + 1, sizeof *saved);
	for (size_t i = 0; i < c->nassign; i++) {
		const char *raw;
		saved[i].name = var_split_assignment_raw(c->assigns[i].text, &raw);
		const char *old = var_get(saved[i].name);
		saved[i].old = old ? xstrdup(old) : NULL;
		char *value = expand_assign(raw);
		var_set(saved[i].name, value);
		free(value);
	}
	return saved;
}

static void restore_vars(struct saved_var *saved, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		if (saved[i].old)
			var_set(saved[i].name, saved[i].old);
		else
			var_unset(saved[i].name);
		free(saved[i].name);
		free(saved[i].old);
	}
	free(saved);
}

/* Plain NAME=value with no command: set shell variables, for good. */
static void assign_permanently(struct cmd_node *c, int export)
{
	for (size_t i = 0; i < c->nassign; i++) {
		const char *raw;
		char *name = var_split_assignment_raw(c->assigns[i].text, &raw);
		char *value = expand_assign(raw);
		if (export)
			var_export(name, value);
		else
			var_set(name, value);
		free(name);
		free(value);
	}
}

/* A builtin runs in the shell itself: no fork, so its redirections are
 * applied to the shell's own descriptors and undone afterwards. */
static int run_builtin(const struct builtin *b, struct cmd_node *c, struct strvec *argv)
{
	int permanent = b->fn == bi_exec;
	struct redir_save save;
	int status;

	if (permanent) {
		/* exec: its redirections and assignments are meant to last. */
		EV(EV_BUILTIN, .str = argv->v[0]);
		if (redir_apply(c->redirs, c->nredirs, NULL) < 0)
			return 1;
		assign_permanently(c, 1);
		return b->fn((int)argv->n, argv->v);
	}
	EV(EV_BUILTIN, .str = argv->v[0]);
	struct saved_var *saved = assign_temporarily(c);
	if (redir_apply(c->redirs, c->nredirs, &save) < 0) {
		status = 1;
	} else {
		status = flush_builtin_output(argv->v[0], b->fn((int)argv->n, argv->v));
	}
	redir_restore(&save);
	restore_vars(saved, c->nassign);
	return status;
}

/* A simple command in the foreground: expand its words here in the shell,
 * then run it as a builtin or fork it. */
static int exec_simple(struct cmd_node *c)
{
	struct strvec argv;
	int status;

	sv_init(&argv);
	expand_words(c->words, c->nwords, &argv);
	if (argv.n == 0) {
		/* Only assignments and/or redirections: `x=1`, `> file`. */
		struct redir_save save;
		status = redir_apply(c->redirs, c->nredirs, &save) < 0 ? 1 : 0;
		redir_restore(&save);
		assign_permanently(c, 0);
		sv_free(&argv);
		return status;
	}
	const struct builtin *b = builtin_find(argv.v[0]);
	if (b) {
		status = run_builtin(b, c, &argv);
	} else {
		struct launch l = { .pgid = 0, .foreground = 1, .background = 0, .argv = argv.v };
		pid_t pid = sh_fork(&l);
		if (pid == 0)
			child_run_cmd(c, argv.v, 0);
		if (pid < 0)
			status = 1;
		else
			status = jobs_wait_fg(&pid, 1, l.pgid, (struct node *)c);
	}
	sv_free(&argv);
	return status;
}

/* body & : a simple command or pipeline is started directly as a job; a
 * longer list needs a subshell process of its own to run it. */
static int exec_background(struct bg_node *bg)
{
	struct node *body = bg->body;
	if (body->type == N_CMD)
		return exec_pipeline(&body, 1, 1, body);
	if (body->type == N_PIPE && !((struct pipe_node *)body)->negate) {
		struct pipe_node *p = (struct pipe_node *)body;
		return exec_pipeline(p->cmds, p->n, 1, body);
	}
	struct launch l = { .pgid = 0, .foreground = 0, .background = 1 };
	pid_t pid = sh_fork(&l);
	if (pid == 0)
		child_run_node(body);
	if (pid < 0)
		return 1;
	return started_in_background(&pid, 1, l.pgid, body);
}

/* a && b || c: each operator looks at the status so far. */
static int exec_andor(struct andor_node *a)
{
	int status = exec_node(a->items[0]);
	for (size_t i = 1; i < a->n && !sh.exit_requested && !sh.interrupted; i++) {
		int run = a->ops[i - 1] == OP_AND ? status == 0 : status != 0;
		if (run)
			status = exec_node(a->items[i]);
	}
	return status;
}

static int exec_seq(struct seq_node *s)
{
	int status = 0;
	for (size_t i = 0; i < s->n && !sh.exit_requested && !sh.interrupted; i++)
		status = exec_node(s->items[i]);
	return status;
}

int exec_node(struct node *n)
{
	int status = 0;

	/* Only when a job may have changed: the common case costs no
	 * system call at all. */
	if (jobs_active())
		jobs_reap();
	switch (n->type) {
	case N_CMD:
		status = exec_simple((struct cmd_node *)n);
		break;
	case N_PIPE: {
		struct pipe_node *p = (struct pipe_node *)n;
		status = p->n == 1 && p->cmds[0]->type == N_CMD
				 ? exec_simple((struct cmd_node *)p->cmds[0])
				 : exec_pipeline(p->cmds, p->n, 0, n);
		if (p->negate && !sh.exit_requested)
			status = !status; /* `! exit 3` still exits with 3 */
		break;
	}
	case N_ANDOR:
		status = exec_andor((struct andor_node *)n);
		break;
	case N_SEQ:
		status = exec_seq((struct seq_node *)n);
		break;
	case N_BG:
		status = exec_background((struct bg_node *)n);
		break;
	}
	sh.status = status;
	return status;
}

int exec_string(const char *src)
{
	struct node *tree;
	struct syn_error err;

	if (parse_line(src, &tree, &err) != SYN_OK) {
		sh_syntax_error(src, err.pos, err.msg);
		sh.status = 2;
		return 2;
	}
	if (!tree)
		return sh.status;
	int status = exec_node(tree);
	node_free(tree);
	return status;
}
