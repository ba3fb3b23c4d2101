/* evalcmd.c - running one simple command (XCU 2.9.1).
 *
 * The words are expanded first, in the shell.  What runs is then decided
 * in POSIX's order: a special builtin, a function, a regular builtin, or a
 * program found on PATH.  The first three run inside the shell, so their
 * redirections are applied to the shell's own descriptors and undone after
 * them; a program gets a forked child, which applies the redirections to
 * itself and execs.
 */
#include "eval.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../builtins/builtins.h"
#include "events.h"
#include "expand.h"
#include "func.h"
#include "jobs.h"
#include "lexer.h"
#include "path.h"
#include "proc.h"
#include "redir.h"
#include "shell.h"
#include "stack.h"
#include "trap.h"
#include "vars.h"

extern char **environ;

CHILD_PATH void exec_path_search(char **argv)
{
	/* glibc's execvp copies only NAME_MAX bytes of a name without '/'
	 * and passes execve a string with no end (valgrind caught it reading
	 * past the copy).  No file can have a longer name, so do not try. */
	if (!strchr(argv[0], '/') && strlen(argv[0]) > NAME_MAX) {
		errno = ENAMETOOLONG;
		return;
	}
	/* execvp searches the PATH of environ, so environ must be the shell's
	 * variables; it nearly always is already (rebuilding sets it). */
	char **env = var_environ();
	STORE_CHANGED(environ, env);
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

/* ---- assignments ---------------------------------------------------------- */

/* Expand and make the assignments of s, left to right (a=1 b=$a sees the
 * new a).  scoped: for one command only (a function, a builtin, a program:
 * exported, undone by var_leave_scope); otherwise for good (x=1 alone, or
 * before a special builtin).  With set -x, the expanded assignments are
 * added to trace for the xtrace line.  Returns 0, or -1 after an error. */
static int assign_all(struct simple_node *s, int scoped, struct strvec *trace)
{
	for (size_t i = 0; i < s->nassign; i++) {
		struct word *w = s->assigns[i];
		size_t n = word_assign_len(w);
		char name[n + 1];
		memcpy(name, w->parts[0].text, n);
		name[n] = '\0';
		/* The value is the word with "NAME=" cut off its first part. */
		struct wpart first = w->parts[0];
		w->parts[0].text += n + 1;
		w->parts[0].len -= n + 1;
		char *saved_lit = w->lit;
		if (saved_lit)
			w->lit = saved_lit + n + 1;
		char *value = expand_string(w);
		w->parts[0] = first;
		w->lit = saved_lit;
		if (!value)
			return -1;
		if (trace) {
			struct strbuf sb;
			sb_init(&sb);
			sb_adds(&sb, name);
			sb_addc(&sb, '=');
			sb_adds(&sb, value);
			sv_push(trace, sb_steal(&sb));
		}
		int rc;
		if (scoped) {
			var_make_local(name);
			rc = var_export(name, value);
		} else {
			rc = var_set_flags(name, value, sh.opt[OPT_a] ? V_EXPORT : 0);
		}
		free(value);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* One word of an xtrace line; NAME=value keeps its NAME= unquoted. */
static void quote_word(struct strbuf *line, const char *w, int assignment)
{
	const char *eq = assignment ? strchr(w, '=') : NULL;
	if (eq) {
		sb_addn(line, w, (size_t)(eq - w) + 1);
		w = eq + 1;
	}
	sb_add_quoted(line, w);
}

/* set -x: the command about to run, after expansion, on standard error
 * behind PS4 ("+ " by default).  Fields that would not read back as one
 * word are quoted. */
static void xtrace(struct strvec *assigns, struct strvec *argv)
{
	struct strbuf line;
	sb_init(&line);
	const char *ps4 = var_get("PS4");
	char *p = expand_text(ps4 ? ps4 : "+ ");
	sb_adds(&line, p ? p : "+ ");
	free(p);
	for (int pass = 0; pass < 2; pass++) {
		struct strvec *v = pass ? argv : assigns;
		for (size_t i = 0; v && i < v->n; i++) {
			if (line.len && line.buf[line.len - 1] != ' ')
				sb_addc(&line, ' ');
			quote_word(&line, v->v[i], pass == 0);
		}
	}
	sb_addc(&line, '\n');
	fflush(stdout);
	write_all(STDERR_FILENO, line.buf, line.len);
	sb_free(&line);
}

/* ---- the child of an external command -------------------------------------- */

/* Child half of running a program: its redirections, then execvp (its
 * assignments are already in the environment it inherited).  Never
 * returns; the exit status says what happened. */
CHILD_PATH static void child_exec(struct simple_node *s, char **argv, int default_path)
{
	if (redir_apply(&s->redirs, NULL) < 0)
		proc_child_exit(2);
	if (default_path && !strchr(argv[0], '/')) {
		/* command -p: the system's PATH, whatever the user's is */
		char *path = path_default();
		var_set_flags("PATH", path, V_EXPORT);
		free(path);
	}
	/* exec replaces the program, not the process: the PID stays. */
	EV(EV_EXEC, .argv = argv);
	exec_path_search(argv);
	int err = errno;
	EV(EV_EXEC_FAIL, .str = argv[0], .err = err);
	proc_child_exit(exec_failure(argv[0], err));
}

static int run_external(struct simple_node *s, struct strvec *argv, int flags, int default_path)
{
	if ((flags & EVAL_EXIT) && !trap_get(TRAP_EXIT)) {
		/* This process ends after the command anyway: exec in place,
		 * with no second fork (the child of a subshell or pipeline).
		 * Not when it has an EXIT trap to run at its end. */
		fflush(stdout);
		child_exec(s, argv->v, default_path);
	}
	struct forkspec f = { .foreground = 1, .argv = argv->v };
	pid_t pid = proc_fork(&f);
	if (pid == 0)
		child_exec(s, argv->v, default_path);
	if (pid < 0)
		return 1;
	return jobs_wait_fg(&pid, 1, f.pgid, &s->n);
}

/* ---- builtins and functions -------------------------------------------------- */

/* A builtin writes through stdio; make sure what it wrote really left (a
 * full disk or a closed stdout is an error, as for any program).  Returns
 * the builtin's status, or 1 if the output could not be written. */
static int flush_builtin_output(const char *name, int status)
{
	/* Nothing to write and no error: no fflush, whose lock is a write to
	 * stdio's memory and so a copy-on-write page fault after every fork. */
	if (__fpending(stdout) == 0 && !ferror_unlocked(stdout))
		return status;
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	/* errno is only meaningful if this fflush failed; an earlier write
	 * that failed left just the error flag behind. */
	sh_error("%s: write error%s%s", name, errno ? ": " : "", errno ? strerror(errno) : "");
	clearerr(stdout);
	return status ? status : 1;
}

/* A builtin runs in the shell itself: no fork, so its redirections are
 * applied to the shell's own descriptors and undone afterwards (exec's are
 * meant to last).  A special builtin's failures end a script; an error that
 * would end the script inside a regular builtin (`command eval 'ro=1'`, a
 * read into a read-only variable) is, as in dash, only its status 2. */
static int run_builtin(const struct builtin *b, struct simple_node *s, struct strvec *argv, int special,
		       int flags)
{
	int was_special = sh.in_special, was_tested = sh.tested;
	sh.in_special = special; /* through command, its errors do not end a script */
	sh.tested = (flags & EVAL_TESTED) != 0;
	sh.fatal = 0;
	struct redir_save save, *sp = (b->flags & BI_KEEP_REDIRS) ? NULL : &save;
	int status;

	EV(EV_BUILTIN, .str = argv->v[0]);
	if (redir_apply(&s->redirs, sp) < 0) {
		status = special ? sh_fatal(2) : 2;
	} else {
		status = flush_builtin_output(argv->v[0], b->fn((int)argv->n, argv->v));
	}
	if (sp)
		redir_restore(sp);
	if (!special && sh.fatal && (sh.skip == SKIP_EXIT || sh.skip == SKIP_INTR)) {
		sh.skip = SKIP_NONE;
		sh.status = status = 2;
	}
	sh.fatal = 0;
	sh.in_special = was_special;
	sh.tested = was_tested;
	return status;
}

int eval_call(struct funcdef_node *f, int argc, char **argv, int flags)
{
	if (stack_low(STACK_RESERVE)) {
		sh_error("%s: functions nested too deeply (stack exhausted)", sh_arg(f->name));
		return sh_fatal(2);
	}
	EV(EV_FUNC, .str = f->name);
	funcdef_hold(f);
	int saved_argc = sh.argc, saved_loops = sh.loop_depth;
	char **saved_argv = sh.argv;
	sh.argc = argc - 1;
	sh.argv = xmalloc((size_t)argc * sizeof *sh.argv);
	for (int i = 1; i < argc; i++)
		sh.argv[i - 1] = xstrdup(argv[i]);
	sh.argv[argc - 1] = NULL;
	void *scope = var_enter_scope();
	sh.loop_depth = 0; /* break cannot leave the caller's loops */
	sh.func_depth++;
	int status = eval_node(f->body, flags & ~EVAL_EXIT);
	sh.func_depth--;
	if (sh.skip == SKIP_RETURN) {
		sh.skip = SKIP_NONE;
		status = sh.status;
	} else if (sh.skip == SKIP_BREAK || sh.skip == SKIP_CONTINUE) {
		sh.skip = SKIP_NONE;
	}
	var_leave_scope(scope);
	for (int i = 0; i < sh.argc; i++)
		free(sh.argv[i]);
	free(sh.argv);
	sh.argc = saved_argc;
	sh.argv = saved_argv;
	sh.loop_depth = saved_loops;
	funcdef_release(f);
	return status;
}

/* A function call: assignments before it last for the call only, and its
 * redirections apply to the whole body. */
static int run_function(struct funcdef_node *f, struct simple_node *s, struct strvec *argv, int flags)
{
	struct redir_save save;
	int status = 2;
	if (redir_apply(&s->redirs, &save) == 0)
		status = eval_call(f, (int)argv->n, argv->v, flags);
	redir_restore(&save);
	return status;
}

/* Only assignments and/or redirections: `x=1`, `> file`.  The
 * redirections are made first and hold while the assignments are expanded
 * (XCU 2.9.1's order, as in dash: `x=$(cmd) 2>/dev/null` silences cmd),
 * then undone; a file is still created.  The status is that of the last
 * command substitution, or 0. */
static int run_no_command(struct simple_node *s)
{
	struct redir_save save;
	int status = 0;
	if (s->redirs.n && redir_apply(&s->redirs, &save) < 0) {
		redir_restore(&save);
		return 2;
	}
	struct strvec trace;
	sv_init(&trace);
	int rc = assign_all(s, 0, sh.opt[OPT_x] ? &trace : NULL);
	if (s->redirs.n)
		redir_restore(&save);
	if (rc == 0 && sh.opt[OPT_x] && trace.n)
		xtrace(&trace, NULL);
	sv_free(&trace);
	if (rc < 0)
		return sh_fatal(2);
	int subst;
	if (expand_subst_ran(&subst))
		status = subst;
	return status;
}

/* The arguments of a declaration utility (export, readonly, local):
 * NAME=value words are expanded as assignments are (no field splitting,
 * no globbing), the others as usual. */
static int expand_declaration(struct simple_node *s, struct strvec *argv)
{
	for (size_t i = 0; i < s->nwords; i++) {
		struct word *w = s->words[i];
		if (i > 0 && word_assign_len(w)) {
			char *v = expand_string(w);
			if (!v)
				return -1;
			sv_push(argv, v);
		} else if (expand_words(&s->words[i], 1, argv) < 0) {
			return -1;
		}
	}
	return 0;
}

/* command [-p] NAME ARG...: drop the word command and its options from
 * argv, so that NAME runs as itself, found without looking at functions
 * (and, if a special builtin, without its special powers).  Returns 0 when
 * argv is not that form (command -v, or command alone) and leaves it. */
static int strip_command(struct strvec *argv, int *default_path)
{
	size_t i = 1;
	int p = 0;
	for (; i < argv->n && argv->v[i][0] == '-' && argv->v[i][1]; i++) {
		if (strcmp(argv->v[i], "--") == 0) {
			i++;
			break;
		}
		if (strspn(argv->v[i] + 1, "p") != strlen(argv->v[i] + 1))
			return 0; /* -v, -V: the builtin's own business */
		p = 1;
	}
	if (i >= argv->n)
		return 0;
	for (size_t k = 0; k < i; k++)
		free(argv->v[k]);
	memmove(argv->v, argv->v + i, (argv->n - i + 1) * sizeof *argv->v);
	argv->n -= i;
	*default_path |= p;
	return 1;
}

CHILD_PATH int eval_simple(struct simple_node *s, int flags)
{
	struct strvec argv;
	int status;

	sv_init(&argv);
	sh.lineno = s->n.line;
	expand_reset_subst();
	/* The name as written, looked up once: most commands are written
	 * literally, and their lookup serves below too. */
	const char *lit = s->nwords ? s->words[0]->lit : NULL;
	const struct builtin *decl = lit ? builtin_find(lit) : NULL;
	int rc = decl && (decl->flags & BI_DECL) ? expand_declaration(s, &argv)
						   : expand_words(s->words, s->nwords, &argv);
	if (rc < 0) {
		sv_free(&argv);
		return sh_fatal(2);
	}
	if (argv.n == 0) {
		sv_free(&argv);
		status = run_no_command(s);
		eval_errexit(status, flags);
		return status;
	}
	int via_command = 0, default_path = 0;
	while (strcmp(argv.v[0], "command") == 0 && strip_command(&argv, &default_path))
		via_command = 1;
	const char *name = argv.v[0];
	/* (a program's name, looked up once above, is not looked up again) */
	const struct builtin *b = lit && strcmp(name, lit) == 0 ? decl
				  : strchr(name, '/') ? NULL : builtin_find(name);
	struct funcdef_node *f = NULL;
	/* through command, a special builtin is an ordinary one and
	 * functions are not looked at */
	int special = b && (b->flags & BI_SPECIAL) && !via_command;
	if (!special && !via_command && !strchr(name, '/'))
		f = func_find(name);
	/* Assignments before a special builtin last; before anything else
	 * they are for that one command, exported to it. */
	struct strvec trace;
	sv_init(&trace);
	void *scope = s->nassign && !special ? var_enter_scope() : NULL;
	if (assign_all(s, scope != NULL, sh.opt[OPT_x] ? &trace : NULL) < 0) {
		status = sh_fatal(2); /* before any command (XCU 2.8.1) */
	} else {
		if (sh.opt[OPT_x])
			xtrace(&trace, &argv);
		if (special)
			status = run_builtin(b, s, &argv, 1, flags);
		else if (f)
			status = run_function(f, s, &argv, flags);
		else if (b)
			status = run_builtin(b, s, &argv, 0, flags);
		else
			status = run_external(s, &argv, flags, default_path);
	}
	if (scope)
		var_leave_scope(scope);
	sv_free(&trace);
	sv_free(&argv);
	eval_errexit(status, flags);
	return status;
}
