/* exercise.c - "your turn": a task done at forksh's own prompt (or at the
 * lesson's "your turn$" prompt, which runs each line through the same
 * executor), checked from what really happened, never from the text that
 * was typed.
 *
 * Everything comes from the shell's event stream (events.h).  An event a
 * forked child emits happens in the child's copy of this file's state, so
 * the one fact only a child knows, that its execvp failed, is sent to the
 * shell on a pipe made for the exercise (close-on-exec: a program that
 * does start never has it).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "../shell/events.h"
#include "../shell/jobs.h"
#include "../shell/redir.h"
#include "../shell/repl.h"
#include "../shell/shell.h"
#include "../shell/trace.h"
#include "../shell/vars.h"
#include "engine.h"

/* What a child whose execvp failed tells the shell. */
struct exec_note {
	pid_t pid;
	int err;
	char name[64];
};

/* What the current exercise has seen so far. */
static struct {
	int kind;
	int done;
	const char *lesson;
	/* EXERCISE_BACKGROUND_JOB: the job seen starting, and its command */
	int job;
	char text[128];
	/* EXERCISE_NOT_FOUND: the children that exited 127 and those whose
	 * execvp failed (the pipe carries the latter); done when one child
	 * is both */
	int note[2];
	pid_t exited127[8];
	size_t nexited;
	struct exec_note failed;
	/* EXERCISE_CD_VS_CHILD: the builtin cd, and the child shell's cd */
	int cd_pending, cd_seen;
	char cd_dir[512];
	pid_t sh_pid;
	int sh_status, sh_done;
	char sh_before[512], sh_after[512];
	/* --stable-pids: the report names forksh P0 and the processes of the
	 * exercise P<base+1>, P<base+2>, ... after those of the lesson's run */
	int stable, alias_base;
	pid_t aliased[4];
	int naliased;
} exercise = { .note = { -1, -1 } };

/* How the report names pid: its number, or under --stable-pids its alias
 * (forksh is P0, as in the lesson's pictures), into buf. */
static const char *pid_word(pid_t pid, char *buf, size_t len)
{
	if (!exercise.stable) {
		snprintf(buf, len, "%ld", (long)pid);
		return buf;
	}
	if (pid == sh.pid) {
		snprintf(buf, len, "P0");
		return buf;
	}
	int i = 0;
	while (i < exercise.naliased && exercise.aliased[i] != pid)
		i++;
	if (i == exercise.naliased && i < (int)(sizeof exercise.aliased / sizeof exercise.aliased[0]))
		exercise.aliased[exercise.naliased++] = pid;
	snprintf(buf, len, "P%d", exercise.alias_base + i + 1);
	return buf;
}

/* The shell's current directory into buf ("?" if it cannot be read). */
static void current_dir(char *buf, size_t len)
{
	if (!getcwd(buf, len))
		snprintf(buf, len, "?");
}

/* Is argv a shell (sh, dash, bash...) given a command that has cd in it? */
static int is_child_shell_cd(char *const *argv)
{
	if (!argv || !argv[0])
		return 0;
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	if (strcmp(base, "sh") != 0 && strcmp(base, "dash") != 0 && strcmp(base, "bash") != 0)
		return 0;
	for (size_t i = 1; argv[i]; i++)
		if (strstr(argv[i], "cd"))
			return 1;
	return 0;
}

/* In a forked child of the shell: its execvp failed; tell the shell. */
static void note_exec_failed(const struct event *e)
{
	struct exec_note n = { .pid = getpid(), .err = e->err };
	snprintf(n.name, sizeof n.name, "%s", e->str ? e->str : "");
	ssize_t w = write(exercise.note[1], &n, sizeof n); /* atomic: less than PIPE_BUF */
	(void)w;
}

static void exercise_sink(const struct event *e, void *ctx)
{
	(void)ctx;
	if (e->child) {
		if (exercise.kind == EXERCISE_NOT_FOUND && e->kind == EV_EXEC_FAIL && exercise.note[1] >= 0)
			note_exec_failed(e);
		return;
	}
	switch (exercise.kind) {
	case EXERCISE_BACKGROUND_JOB:
		/* a job started with &, later finished and reaped */
		if (e->kind != EV_JOB)
			break;
		if (strcmp(e->str, "running in the background") == 0 && !exercise.job) {
			exercise.job = e->a;
			snprintf(exercise.text, sizeof exercise.text, "%s", e->str2 ? e->str2 : "");
		} else if (strcmp(e->str, "done") == 0 && e->a == exercise.job) {
			exercise.done = 1;
		}
		break;
	case EXERCISE_NOT_FOUND:
		/* a child of the shell that exited with 127 */
		if (e->kind == EV_WAIT && WIFEXITED(e->status) && WEXITSTATUS(e->status) == 127 &&
		    exercise.nexited < sizeof exercise.exited127 / sizeof exercise.exited127[0])
			exercise.exited127[exercise.nexited++] = e->target;
		break;
	case EXERCISE_CD_VS_CHILD:
		if (e->kind == EV_BUILTIN && strcmp(e->str, "cd") == 0) {
			exercise.cd_pending = 1; /* its effect is known once it has run */
		} else if (e->kind == EV_FORK && e->target > 0 && is_child_shell_cd(e->argv)) {
			exercise.sh_pid = e->target;
			current_dir(exercise.sh_before, sizeof exercise.sh_before);
		} else if (e->kind == EV_WAIT && exercise.sh_pid && e->target == exercise.sh_pid) {
			exercise.sh_status = e->status;
			current_dir(exercise.sh_after, sizeof exercise.sh_after);
			exercise.sh_done = 1;
		}
		break;
	}
}

/* Stop watching: the sink and the pipe go. */
static void exercise_end(void)
{
	if (exercise.kind)
		ev_remove_sink(exercise_sink, NULL);
	for (int i = 0; i < 2; i++)
		if (exercise.note[i] >= 0)
			close(exercise.note[i]);
	memset(&exercise, 0, sizeof exercise);
	exercise.note[0] = exercise.note[1] = -1;
}

void exercise_begin(const struct lesson_ctx *ctx, const struct lesson_step *s)
{
	exercise_end();
	exercise.kind = s->exercise_kind;
	exercise.lesson = ctx->lesson->name;
	exercise.stable = ctx->stable_pids;
	exercise.alias_base = ctx->have_run ? ctx->run.rec.alias.next : 0;
	if (exercise.kind == EXERCISE_NOT_FOUND && pipe2(exercise.note, O_CLOEXEC | O_NONBLOCK) == 0) {
		/* out of the 0-9 range a user's redirections use */
		for (int i = 0; i < 2; i++) {
			int fd = fd_lift(exercise.note[i], 10);
			if (fd >= 0)
				exercise.note[i] = fd;
		}
	}
	ev_add_sink(exercise_sink, NULL);
}

/* The notes of failed execvps waiting on the pipe (the latest one is
 * kept): the exercise is done once that child is also seen exiting 127. */
static void read_notes(void)
{
	struct exec_note n;
	while (exercise.note[0] >= 0 && read(exercise.note[0], &n, sizeof n) == (ssize_t)sizeof n) {
		n.name[sizeof n.name - 1] = '\0';
		exercise.failed = n;
	}
	for (size_t i = 0; i < exercise.nexited && exercise.failed.pid; i++)
		exercise.done |= exercise.exited127[i] == exercise.failed.pid;
}

/* Say what the finished exercise showed, from what was recorded. */
static void exercise_report(void)
{
	char text[2048], status[64], pid1[24], pid2[24];
	const char *pwd = var_get("PWD");
	switch (exercise.kind) {
	case EXERCISE_BACKGROUND_JOB:
		snprintf(text, sizeof text,
			 "job [%d] `%s` ran in the background while the shell went on; when it ended, "
			 "forksh reaped it with waitpid.",
			 exercise.job, exercise.text);
		break;
	case EXERCISE_NOT_FOUND:
		snprintf(text, sizeof text,
			 "forksh forked child %s; its execvp(\"%s\") failed (%s), it printed the error and "
			 "left with _exit(127), and forksh's waitpid handed 127 to $?.",
			 pid_word(exercise.failed.pid, pid1, sizeof pid1), exercise.failed.name,
			 strerror(exercise.failed.err));
		break;
	case EXERCISE_CD_VS_CHILD:
		trace_status(exercise.sh_status, status, sizeof status);
		snprintf(text, sizeof text,
			 "cd ran as a builtin, inside forksh (PID %s, no fork): forksh's directory became "
			 "%s (PWD=%s).\nThe child shell ran in process %s: it changed its own directory "
			 "and %s. forksh's directory was %s before it and %s after it.\n%s",
			 pid_word(sh.pid, pid1, sizeof pid1), exercise.cd_dir, pwd ? pwd : "(unset)",
			 pid_word(exercise.sh_pid, pid2, sizeof pid2), status,
			 exercise.sh_before, exercise.sh_after,
			 strcmp(exercise.sh_before, exercise.sh_after) == 0
				 ? "Unchanged: a process can change only its own directory, never its parent's."
				 : "It changed, but not because of the child: something else moved forksh.");
		break;
	default:
		return;
	}
	printf("\n%s Exercise done (%s):\n", sh.color_ok ? "\033[32m\xe2\x9c\x93\033[0m" : "OK", exercise.lesson);
	wrap_text(stdout, text, term_width(), 2, 2);
}

void lesson_exercise_poll(void)
{
	if (!exercise.kind)
		return;
	if (exercise.cd_pending) {
		current_dir(exercise.cd_dir, sizeof exercise.cd_dir);
		exercise.cd_pending = 0;
		exercise.cd_seen = 1;
	}
	if (exercise.kind == EXERCISE_CD_VS_CHILD)
		exercise.done = exercise.cd_seen && exercise.sh_done;
	if (exercise.kind == EXERCISE_NOT_FOUND)
		read_notes();
	if (!exercise.done)
		return;
	exercise_report();
	fflush(stdout);
	exercise_end();
}

/* While the "your turn$" prompt waits: what forksh's prompt does between
 * commands (reap finished jobs, say so), and the exercise's check.
 * Returns 1 once the exercise is done. */
static int turn_idle(void)
{
	jobs_reap();
	jobs_notify(stderr, 1);
	lesson_exercise_poll();
	return !exercise.kind;
}

int lesson_run_command(struct lesson_ctx *ctx, const char *line)
{
	fflush(stdout);
	keys_cooked(ctx);
	int status = repl_run_command(line);
	fflush(stdout);
	keys_raw(ctx); /* the executor put the shell's own modes back */
	return status;
}

void exercise_turn(struct lesson_ctx *ctx)
{
	wrap_text(stdout, "(Type the command here: it runs in forksh, as at its prompt. An empty line "
			  "leaves the task open, to do at forksh's prompt later; Ctrl-C leaves the "
			  "lesson.)",
		  prose_width(ctx), 2, 2);
	while (exercise.kind && !ctx->quit) {
		printf("  your turn$ ");
		fflush(stdout);
		char line[1024];
		int rc = read_line(ctx, line, sizeof line, turn_idle);
		if (rc < 0)
			break;
		if (rc > 0) {
			/* done while waiting: what was half typed is dropped */
			tcflush(STDIN_FILENO, TCIFLUSH);
			break;
		}
		if (line[strspn(line, " \t")] == '\0') {
			printf("  (the task stays open: forksh checks it at its prompt after the lesson)\n");
			break;
		}
		lesson_run_command(ctx, line);
		turn_idle();
	}
}
