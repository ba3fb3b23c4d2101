/* lesson_subshell.c - lesson 14: fork without exec at forksh's own prompt.
 *
 * ( list ) forks a child that runs the list itself and exits: no exec, the
 * child is still forksh.  { list; } makes no process at all.  $( list )
 * forks a child whose output goes into a pipe that the shell reads to its
 * end.  The shell text of each step runs through forksh's real executor in
 * the lesson's own shell process (shellrec.c records what it does), so the
 * pictures are of forksh itself, with the real PIDs; the last step does the
 * same as $(...) in plain C.  Every answer is checked from the recording.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lessons.h"
#include "shellrec.h"
#include "lesson_subshell.code.h"

#if 0 /* shell text, not C: scripts/showcode.awk turns each block into a string */
/* SHOW: braces */
cd /; x=outside
{ x=inside; cd /tmp
  echo "in { }: \$\$ is $$, x is $x"
  sh -c 'echo "sh: my parent is $PPID"'
  pwd; }
echo "after { }: x is $x"; pwd
/* END SHOW */

/* SHOW: parens */
cd /; x=outside
( x=inside; cd /tmp
  echo "in ( ): \$\$ is $$, x is $x"
  sh -c 'echo "sh: my parent is $PPID"'
  pwd )
echo "after ( ): x is $x"; pwd
/* END SHOW */

/* SHOW: changes */
cd /; x=outside
( x=inside; cd /tmp; exit 3 )
echo "after ( ): status $?, x is $x"; pwd
/* END SHOW */

/* SHOW: cmdsubst */
cd /
trace on
x=$(cd /tmp; pwd)
trace off
echo "x is $x"; pwd
/* END SHOW */
#endif

/* PROGRAM */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

/* SHOW: cmdsubst_c */
static void substitution_in_c(void *arg)
{
    (void)arg;
    int p[2];
    char text[256], dir[256];
    if (chdir("/") < 0 || pipe(p) < 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        /* the child: its standard output is the pipe */
        close(p[0]);
        dup2(p[1], STDOUT_FILENO);
        close(p[1]);
        if (chdir("/tmp") == 0 && getcwd(dir, sizeof dir))
            dprintf(STDOUT_FILENO, "%s\n", dir);
        _exit(0);
    }
    /* the parent: read to the end of the pipe, then reap */
    close(p[1]);
    size_t len = 0;
    ssize_t n;
    while (len < sizeof text - 1 &&
           (n = read(p[0], text + len, sizeof text - 1 - len)) > 0)
        len += (size_t)n;
    close(p[0]);
    waitpid(pid, NULL, 0);
    while (len > 0 && text[len - 1] == '\n')
        len--;                       /* $(...) drops the final newlines */
    text[len] = '\0';
    printf("x is %s\n", text);
    printf("my directory is still %s\n", getcwd(dir, sizeof dir));
}
/* END SHOW */

#if 0 /* MAIN: in the file `lesson subshell --source` writes */
int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a line at a time, as on a terminal */
    substitution_in_c(NULL);
    return 0;
}
#endif /* END MAIN */
/* END PROGRAM */

/* The lesson main runs one block of shell text with forksh's executor. */
static void run_text(void *text)
{
	shellrec_run(text);
}

static int run_braces(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_text, (void *)code_braces, 8);
}

static int run_parens(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_text, (void *)code_parens, 8);
}

static int run_changes(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_text, (void *)code_changes, 6);
}

static int run_cmdsubst(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, run_text, (void *)code_cmdsubst, 6);
}

static int run_in_c(struct lesson_ctx *ctx)
{
	return lesson_run_live(ctx, substitution_in_c, NULL, 3);
}

/* ---- what the record says ---- */

/* The fork the lesson's shell made for a reason starting with why
 * ("subshell", "command substitution"), or NULL. */
static const struct rec_event *forked_for(const struct lesson_ctx *ctx, const char *why)
{
	const struct recording *r = &ctx->run.rec;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].kind == REC_FORK && r->v[i].text && strncmp(r->v[i].text, why, strlen(why)) == 0)
			return &r->v[i];
	return NULL;
}

/* The number after prefix in the first recorded line starting with it
 * (-1 if there is none). */
static long number_after(const struct lesson_ctx *ctx, const char *prefix)
{
	size_t i = 0;
	const struct rec_event *e = lesson_said(ctx, prefix, &i);
	return e ? strtol(e->text + strlen(prefix), NULL, 10) : -1;
}

/* The last line the lesson's shell itself printed that starts with '/'
 * (the final pwd, a builtin), or "". */
static const char *last_pwd(const struct lesson_ctx *ctx)
{
	const struct recording *r = &ctx->run.rec;
	for (size_t i = r->n; i-- > 0;)
		if (r->v[i].kind == REC_SAY && r->v[i].pid == r->root && r->v[i].text[0] == '/')
			return r->v[i].text;
	return "";
}

/* How process pid ended, from the record, into buf ("exited 0 at 0.004s
 * and was reaped by 4242 at 0.005s"); and whether it ran a program
 * (*execd). */
static void fate(const struct lesson_ctx *ctx, pid_t pid, char *buf, size_t len, int *execd)
{
	struct rec_view v;
	rec_view_build(&v, &ctx->run.rec);
	size_t row = rec_view_find(&v, pid);
	snprintf(buf, len, "not seen to end");
	*execd = 0;
	if (row != REC_NONE) {
		const struct rec_proc *p = &v.p[row];
		char how[64];
		rec_status_words(p->status, how, sizeof how);
		*execd = p->exec != NULL;
		if (p->ended && p->reaped)
			snprintf(buf, len, "%s at %.3fs and was reaped by %ld at %.3fs", how, p->end_t,
				 (long)p->reaper, p->reap_t);
		else if (p->ended)
			snprintf(buf, len, "%s at %.3fs", how, p->end_t);
	}
	rec_view_free(&v);
}

/* The fork the lesson's shell made for why, with how its child ended
 * into how (see fate); NULL when the run has no such fork. */
static const struct rec_event *child_fate(const struct lesson_ctx *ctx, const char *why, char *how, size_t len,
					  int *execd)
{
	const struct rec_event *f = forked_for(ctx, why);
	if (f)
		fate(ctx, f->other, how, len, execd);
	return f;
}

/* { }: which processes the run made (every child of the lesson's shell
 * exec'd a program: none ran the braces), and which process $$ and sh's
 * $PPID named. */
static void review_braces(const struct lesson_ctx *ctx)
{
	struct rec_view v;
	rec_view_build(&v, &ctx->run.rec);
	size_t root = rec_view_root(&v), programs = 0, copies = 0;
	char names[256] = "";
	for (size_t k = 0; root != REC_NONE && k < v.p[root].nkids; k++) {
		const struct rec_proc *c = &v.p[v.kids[v.p[root].first + k]];
		if (!c->exec) {
			copies++;
			continue;
		}
		size_t used = strlen(names);
		snprintf(names + used, sizeof names - used, "%s%.*s", programs++ ? ", " : "",
			 (int)strcspn(c->exec, " "), c->exec);
	}
	long shell = root == REC_NONE ? 0L : (long)v.p[root].pid;
	long dollar = number_after(ctx, "in { }: $$ is "), parent = number_after(ctx, "sh: my parent is ");
	printf("\n");
	lesson_print(ctx, "From the record: the lesson's shell %ld forked %zu child%s to run programs (%s) and %zu to run "
			  "shell code. %s $$ said %ld and sh's parent was %ld%s.",
		     shell, programs, programs == 1 ? "" : "ren", programs ? names : "none", copies,
		     copies ? "" : "The braces made no process:", dollar, parent,
		     dollar == shell && parent == shell ? ": both are the shell that ran the braces" : "");
	rec_view_free(&v);
}

/* ( ): what $$ printed inside: 1 the subshell's own PID, 2 the PID of the
 * shell that forked it, 0 neither (or not seen). */
static long dollar_inside(const struct lesson_ctx *ctx)
{
	const struct rec_event *f = forked_for(ctx, "subshell");
	long said = number_after(ctx, "in ( ): $$ is ");
	if (!f || said < 0)
		return 0;
	return said == (long)f->other ? 1 : said == (long)f->pid ? 2 : 0;
}

static const char *why_dollar(const struct lesson_ctx *ctx)
{
	static char text[1024];
	const struct rec_event *f = forked_for(ctx, "subshell");
	if (!f)
		return "The run made no subshell to look at.";
	long said = number_after(ctx, "in ( ): $$ is "), parent = number_after(ctx, "sh: my parent is ");
	snprintf(text, sizeof text,
		 "2: $$ is set once, when a shell starts. The subshell is not a new shell but a copy of "
		 "the old one, so inside it $$ still said %ld, the shell that forked it. The list really "
		 "ran in %ld: sh's $PPID named %ld as its parent.",
		 said, (long)f->other, parent);
	return text;
}

static void review_parens(const struct lesson_ctx *ctx)
{
	char how[160];
	int execd;
	const struct rec_event *f = child_fate(ctx, "subshell", how, sizeof how, &execd);
	printf("\n");
	if (!f) {
		lesson_print(ctx, "The record has no subshell in it.");
		return;
	}
	lesson_print(ctx,
		     "From the record: %ld forked %ld for the subshell. %ld %s: it stayed forksh and ran the "
		     "list itself. It %s. Back in %ld, x is outside again and the directory is %s.",
		     (long)f->pid, (long)f->other, (long)f->other,
		     execd ? "exec'd a program after all" : "never exec'd", how, (long)f->pid,
		     *last_pwd(ctx) ? last_pwd(ctx) : "unknown");
}

/* After ( x=inside; ...; exit 3 ): 1 if the shell's x was inside, 2 if
 * outside, 0 if the line was not seen. */
static long x_after(const struct lesson_ctx *ctx)
{
	size_t i = 0;
	const struct rec_event *e = lesson_said(ctx, "after ( ): status ", &i);
	const char *x = e ? strstr(e->text, ", x is ") : NULL;
	if (!x)
		return 0;
	x += strlen(", x is ");
	return strcmp(x, "inside") == 0 ? 1 : strcmp(x, "outside") == 0 ? 2 : 0;
}

static const char *why_outside(const struct lesson_ctx *ctx)
{
	static char text[1024];
	char how[160];
	int execd;
	const struct rec_event *f = child_fate(ctx, "subshell", how, sizeof how, &execd);
	if (!f)
		return "The run made no subshell to look at.";
	snprintf(text, sizeof text,
		 "2: outside. x=inside and cd /tmp changed the copies in %ld, and exit 3 ended only that "
		 "child: it %s. The status reached the shell through waitpid, as $? = %ld; the shell's "
		 "own x and directory (%s) never changed.",
		 (long)f->other, how, number_after(ctx, "after ( ): status "), last_pwd(ctx));
	return text;
}

/* x=$(cd /tmp; pwd): did the shell's directory change?  1 yes (its last
 * pwd says /tmp), 2 no, 0 not seen. */
static long dir_changed(const struct lesson_ctx *ctx)
{
	const char *dir = last_pwd(ctx);
	return !*dir ? 0 : strcmp(dir, "/tmp") == 0 ? 1 : 2;
}

static const char *why_not_changed(const struct lesson_ctx *ctx)
{
	static char text[1024];
	char how[160];
	int execd;
	const struct rec_event *f = child_fate(ctx, "command substitution", how, sizeof how, &execd);
	if (!f)
		return "The run made no command substitution to look at.";
	snprintf(text, sizeof text,
		 "2: no. cd ran in %ld, the child forked for the substitution: it moved, and pwd wrote "
		 "/tmp into the pipe; then it %s%s. The shell only read the text from the pipe, so x is "
		 "/tmp and the shell is still in %s.",
		 (long)f->other, how, execd ? "" : " (no exec: cd and pwd are builtins, the child is forksh)",
		 last_pwd(ctx));
	return text;
}

static const struct lesson_step steps[] = {
	{ .title = "Fork without exec",
	  .text = "Most commands are fork and exec: the child becomes the program (lesson shell). Some "
		  "commands fork and never exec. In ( list ) forksh forks, and the child, a copy of the "
		  "shell with its variables, functions and directory, runs the list itself and exits "
		  "with the list's status. { list; } only groups: the list runs in the shell itself, no "
		  "process at all. $( list ) forks too, with the child's output going into a pipe that "
		  "the shell reads.\n\nEach step runs its lines in a shell of the lesson's own, forked "
		  "from your forksh, so your shell keeps its variables and its directory. That shell "
		  "takes its own PID as $$, as a shell started anew would.",
	  .figure = "you type        processes             the child\n"
		    "{ list; }       none                  (none: the shell runs the list)\n"
		    "( list )        fork, no exec         runs the list, then _exit\n"
		    "x=$( list )     pipe, fork, no exec   runs the list, output into the pipe\n"
		    "program args    fork, exec            becomes the program" },
	{ .title = "{ }: the same shell",
	  .text = "Braces group commands and nothing more. Inside, echo shows $$, the PID of the shell "
		  "running the lines, and sh -c starts a small shell that shows $PPID, the PID of the "
		  "process that started it. What the braces set, x and the directory, is still set "
		  "after them.",
	  .code = code_braces,
	  .run = run_braces,
	  .review = review_braces },
	{ .title = "( ): a child that runs the list itself",
	  .text = "The same lines in parentheses. forksh forks once for the subshell; the child runs "
		  "the list with its own copy of everything, exits, and forksh's waitpid reaps it. The "
		  "child never execs: it is still forksh. (When a list ends with a program, the child "
		  "execs that program in place and saves a fork; this list ends with pwd, a builtin, "
		  "so the child stays a shell to the end.)",
	  .code = code_parens,
	  .question = "inside the parentheses, will $$ be (1) the PID of the subshell, or (2) the PID "
		      "of the shell that forked it?",
	  .run = run_parens,
	  .observed = dollar_inside,
	  .explain_answer = why_dollar,
	  .review = review_parens,
	  .hint = "A subshell is a copy made by fork, not a shell started anew: what was set before "
		  "the fork is the same in the copy." },
	{ .title = "What the child changes stays in the child",
	  .text = "A subshell may set variables, change directory, even exit: all of it happens to "
		  "the copy. exit ends the child, not the shell, and the child's status travels back "
		  "through waitpid into $?.",
	  .code = code_changes,
	  .question = "after the subshell, will echo show x as (1) inside, or (2) outside?",
	  .run = run_changes,
	  .observed = x_after,
	  .explain_answer = why_outside,
	  .hint = "Memory is copied at fork, not shared (lesson memory): the parent's x is its own." },
	{ .title = "$( ): fork, pipe, read",
	  .text = "Command substitution runs a list in a child too, and catches what it prints. "
		  "forksh makes a pipe and forks; the child puts the pipe's write end on its standard "
		  "output and runs the list; forksh reads the other end until end of file (which comes "
		  "when the child exits and the last write end closes), reaps the child, and the text "
		  "read, without its final newlines, becomes the value. trace is on for that one line: "
		  "each of its lines comes from the process that made the call.",
	  .code = code_cmdsubst,
	  .question = "does x=$(cd /tmp; pwd) change the shell's directory: (1) yes, to /tmp, or (2) "
		      "no, it stays in /?",
	  .run = run_cmdsubst,
	  .observed = dir_changed,
	  .explain_answer = why_not_changed,
	  .hint = "Which process runs the cd?" },
	{ .title = "$( ) in C",
	  .text = "What forksh did for x=$(cd /tmp; pwd), in plain C: pipe, fork, and in the child "
		  "dup2 of the write end onto descriptor 1 before it runs anything; the parent reads "
		  "until read returns 0 (end of file), then waitpid. The child writes with dprintf "
		  "straight to descriptor 1, the pipe (printf would do too, with an fflush before "
		  "_exit, which throws stdio's buffers away).",
	  .code = code_cmdsubst_c,
	  .run = run_in_c },
	{ .title = "In short",
	  .text = "( ) and $( ) cost a fork each but no exec; { } costs nothing. Whatever runs in "
		  "a child, cd, variables, exit, stays in the child: that is why a script that must "
		  "change the caller's directory is run with . (dot), never as a program. At your "
		  "own prompt, `trace on` shows these calls for every command you type, and `explain "
		  "( cd /tmp; ls )` shows them without running anything." },
};

const struct lesson subshell_lesson = {
	14, "subshell", "fork without exec: ( ), { } and $( ) at forksh's prompt",
	NULL, 0, steps, sizeof steps / sizeof steps[0], program_source,
};
