/* engine.c - the lesson engine: listing, options, stepping, pacing,
 * questions, pictures, exercises and progress.
 *
 * Keys between steps are single key presses read in raw mode (no readline:
 * the shell's line editor is for commands); when standard input is not a
 * terminal the lesson runs straight through, as with --auto=0.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../builtins/builtins.h"
#include "../shell/events.h"
#include "../shell/jobs.h"
#include "../shell/number.h"
#include "../shell/shell.h"
#include "../shell/trace.h"
#include "../shell/util.h"
#include "../shell/vars.h"
#include "lessons.h"
#include "wire.h"

/* ---- the registry ----------------------------------------------------- */

size_t lesson_count(void)
{
	size_t n = 0;
	while (lesson_table[n])
		n++;
	return n;
}

const struct lesson *lesson_find(const char *name)
{
	long long k;
	enum num_error e = num_parse(name, 1, INT_MAX, &k);
	if (e != NUM_SYNTAX) {
		for (size_t i = 0; e == NUM_OK && lesson_table[i]; i++)
			if (lesson_table[i]->number == k)
				return lesson_table[i];
		return NULL;
	}
	for (size_t i = 0; lesson_table[i]; i++)
		if (strcmp(lesson_table[i]->name, name) == 0)
			return lesson_table[i];
	return NULL;
}

const char *lesson_name_at(size_t i)
{
	return i < lesson_count() ? lesson_table[i]->name : NULL;
}

double lesson_opt(const struct lesson_ctx *ctx, const char *name)
{
	for (size_t i = 0; i < ctx->lesson->nopts; i++)
		if (strcmp(ctx->lesson->opts[i].name, name) == 0)
			return ctx->opt[i];
	return 0;
}

void lesson_sleep(double seconds)
{
	struct timespec ts = { (time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9) };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* ---- progress ------------------------------------------------------------ */

/* $XDG_STATE_HOME/forksh/lessons-done (default ~/.local/state/...): one
 * finished lesson name per line.  NULL when no home is known. */
static char *progress_path(void)
{
	return state_path("lessons-done");
}

static int progress_done(const char *name)
{
	char *path = progress_path();
	FILE *f = path ? fopen(path, "re") : NULL;
	free(path);
	if (!f)
		return 0;
	char line[128];
	int done = 0;
	while (!done && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		done = strcmp(line, name) == 0;
	}
	fclose(f);
	return done;
}

/* Remember that name was finished (a warning only if that fails). */
static void progress_mark(const char *name)
{
	if (progress_done(name))
		return;
	char *path = progress_path();
	if (!path)
		return;
	make_parent_dirs(path);
	FILE *f = fopen(path, "ae");
	if (!f || fprintf(f, "%s\n", name) < 0 || fclose(f) != 0)
		sh_error("lesson: cannot save progress in %s: %s", path, strerror(errno));
	free(path);
}

/* ---- text ---------------------------------------------------------------- */

static int term_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col;
	return 80;
}

/* Prose is wrapped to at most 100 columns, for the eye; pictures and code
 * take the terminal's whole width. */
static int prose_width(const struct lesson_ctx *ctx)
{
	return ctx->width > 100 ? 100 : ctx->width;
}

/* Print text wrapped to width columns, with an indent; blank lines in the
 * text separate paragraphs. */
static void wrap(const char *text, int width, int indent)
{
	const char *p = text;
	int col = 0;
	while (*p) {
		if (*p == '\n') {
			fputc('\n', stdout);
			col = 0;
			p++;
			continue;
		}
		size_t len = strcspn(p, " \n");
		if (col > 0 && col + 1 + (int)len > width) {
			fputc('\n', stdout);
			col = 0;
		}
		if (col == 0)
			col = printf("%*s", indent, "");
		else
			col += printf(" ");
		col += printf("%.*s", (int)len, p);
		p += len;
		while (*p == ' ')
			p++;
	}
	if (col > 0)
		fputc('\n', stdout);
}

/* One line of shown code, in the box.  A line wider than the terminal is
 * broken at its last space that fits and goes on below, indented four more
 * than the line's own indentation, so no code is hidden and the box is not
 * wrapped by the terminal (code is ASCII: one byte, one column). */
static void code_line(const char *bar, const char *p, size_t len, int width)
{
	size_t avail = width > 24 ? (size_t)width - 4 : 20, indent = strspn(p, " ");
	size_t first = 1;
	while (len > avail) {
		size_t cut = avail;
		while (cut > indent + 8 && p[cut] != ' ')
			cut--;
		if (cut <= indent + 8)
			cut = avail; /* one long word: cut it where it must be */
		printf("  %s%*s%.*s\n", bar, first ? 0 : (int)indent + 4, "", (int)cut, p);
		p += cut;
		len -= cut;
		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		if (first) {
			first = 0;
			avail = avail > indent + 24 ? avail - indent - 4 : 20;
		}
	}
	printf("  %s%*s%.*s\n", bar, first ? 0 : (int)indent + 4, "", (int)len, p);
}

static void show_code(const struct lesson_ctx *ctx, const char *code)
{
	const char *bar = ctx->utf8 ? "│ " : "| ";
	printf("  %s\n", ctx->utf8 ? "┌─ the code that runs (from the lesson's own source)" : "+- the code that runs (from the lesson's own source)");
	for (const char *p = code; *p;) {
		size_t len = strcspn(p, "\n");
		if (len)
			code_line(bar, p, len, ctx->width);
		else
			printf("  %.*s\n", (int)strcspn(bar, " "), bar);
		p += len + (p[len] == '\n');
	}
	printf("  %s\n", ctx->utf8 ? "└─" : "+-");
}

/* A table or picture, line by line as written (never wrapped), indented. */
static void show_figure(const char *figure)
{
	for (const char *p = figure; *p;) {
		size_t len = strcspn(p, "\n");
		printf("%s%.*s\n", len ? "    " : "", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

/* Wrap text for ctx: under --stable-pids the PIDs of the last run in it
 * become their aliases first, so that the words match the pictures. */
static void print_text(const struct lesson_ctx *ctx, const char *text)
{
	if (!ctx->stable_pids || !ctx->have_run) {
		wrap(text, prose_width(ctx), 2);
		return;
	}
	struct strbuf sb;
	sb_init(&sb);
	rec_subst_pids(&ctx->run.rec, text, &sb);
	wrap(sb.buf, prose_width(ctx), 2);
	sb_free(&sb);
}

void lesson_print(const struct lesson_ctx *ctx, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	print_text(ctx, buf);
}

/* ---- keys ---------------------------------------------------------------- */

/* One key press from the terminal, without echo or Enter.  Ctrl-C, Ctrl-D
 * and end of input all mean 'q'. */
static int read_key(void)
{
	struct termios old, raw;
	if (tcgetattr(STDIN_FILENO, &old) < 0)
		return 'q';
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	char c = 'q';
	ssize_t n = -1;
	if (jobs_wait_readable(STDIN_FILENO) == 0) /* reaping while the user reads */
		n = read(STDIN_FILENO, &c, 1);
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	if (n != 1 || c == 3 || c == 4 || live_interrupted())
		return 'q';
	return c == '\r' || c == '\n' || c == ' ' ? 'n' : c;
}

/* A line typed at the terminal (canonical mode), for answers. */
static int read_answer(char *buf, size_t len)
{
	size_t n = 0;
	while (n + 1 < len) {
		char c;
		ssize_t r = jobs_wait_readable(STDIN_FILENO) == 0 ? read(STDIN_FILENO, &c, 1) : -1;
		if (r <= 0 || live_interrupted())
			return -1;
		if (c == '\n')
			break;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return 0;
}

/* ---- running ------------------------------------------------------------- */

const struct rec_event *lesson_said(const struct lesson_ctx *ctx, const char *prefix, size_t *from)
{
	size_t plen = strlen(prefix);
	for (size_t i = *from; i < ctx->run.rec.n; i++) {
		const struct rec_event *e = &ctx->run.rec.v[i];
		if (e->kind == REC_SAY && strncmp(e->text, prefix, plen) == 0) {
			*from = i + 1;
			return e;
		}
	}
	*from = ctx->run.rec.n;
	return NULL;
}

long lesson_count_lines(const struct lesson_ctx *ctx, const char *prefix)
{
	long n = 0;
	for (size_t i = 0; lesson_said(ctx, prefix, &i);)
		n++;
	return n;
}

void lesson_match_pids(const struct lesson_ctx *ctx, const char *told, const char *said, long *ntold,
		       long *nmatched)
{
	const struct recording *r = &ctx->run.rec;
	size_t tlen = strlen(told), slen = strlen(said);
	*ntold = *nmatched = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct rec_event *e = &r->v[i];
		if (e->kind != REC_SAY || strncmp(e->text, told, tlen) != 0)
			continue;
		const char *last = strrchr(e->text, ' ');
		long pid = strtol(last ? last + 1 : e->text, NULL, 10);
		(*ntold)++;
		for (size_t k = 0; k < r->n; k++) {
			const struct rec_event *f = &r->v[k];
			if (f->kind == REC_SAY && f->pid == (pid_t)pid && strncmp(f->text, said, slen) == 0 &&
			    strtol(f->text + slen, NULL, 10) == pid) {
				(*nmatched)++;
				break;
			}
		}
	}
}

int lesson_run_live(struct lesson_ctx *ctx, void (*fn)(void *arg), void *arg, long need, int keyed)
{
	if (ctx->have_run)
		live_free(&ctx->run);
	ctx->have_run = 0;
	printf("\n%s live run (real processes, real PIDs) %s\n", ctx->utf8 ? "──" : "--", ctx->utf8 ? "──" : "--");
	fflush(stdout);
	if (live_start(&ctx->run, fn, arg, need) < 0)
		return -1;
	ctx->have_run = 1;
	ctx->run.color = ctx->color;
	ctx->run.stable_pids = ctx->stable_pids;
	ctx->run.width = ctx->width;
	/* At a terminal, q (or Ctrl-C) stops a run that goes by itself: the
	 * keys are read one by one, without echo, while it runs. */
	struct termios old;
	int raw = !keyed && ctx->keys && !ctx->auto_mode && tcgetattr(STDIN_FILENO, &old) == 0;
	if (raw) {
		struct termios t = old;
		t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		ctx->run.watch_keys = 1;
	}
	if (keyed) {
		/* One process per key press, as in the chapter: Enter forks
		 * again, q stops.  --auto presses Enter by itself. */
		long presses = (long)lesson_opt(ctx, "forks");
		live_pump(&ctx->run, 0.2);
		for (long i = 1; i < presses || (!ctx->auto_mode && ctx->keys); i++) {
			if (ctx->run.quit)
				break;
			int k = 'n';
			if (ctx->keys && !ctx->auto_mode) {
				printf("  (Enter: fork again, q: stop)\n");
				fflush(stdout);
				k = read_key();
			} else {
				live_pump(&ctx->run, ctx->auto_secs > 0.3 ? ctx->auto_secs / 2 : 0.1);
			}
			if (k == 'q')
				break;
			live_send_key(&ctx->run, 'f');
			live_pump(&ctx->run, 0.2);
		}
		live_send_key(&ctx->run, 'q');
	}
	live_pump(&ctx->run, -1);
	if (raw)
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
	if (ctx->run.quit) {
		printf("\n  (stopped: every process of the run was killed and reaped)\n");
		return 0;
	}
	return lesson_show_run(ctx);
}

/* ---- exercises ----------------------------------------------------------- */

/* What the current exercise has seen so far.  Everything comes from the
 * shell's own event stream (in the shell process: events a forked child
 * emits happen in the child's copy of this and are ignored), never from
 * the text that was typed. */
static struct {
	int kind;
	int done;
	const char *lesson;
	/* EXERCISE_BACKGROUND_JOB: the job seen starting, and its command */
	int job;
	char text[128];
	/* EXERCISE_NOT_FOUND: the child that exited 127 */
	pid_t failed_pid;
	/* EXERCISE_CD_VS_CHILD: the builtin cd, and the child shell's cd */
	int cd_pending, cd_seen;
	char cd_dir[512];
	pid_t sh_pid;
	int sh_status, sh_done;
	char sh_before[512], sh_after[512];
} exercise;

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

static void exercise_sink(const struct event *e, void *ctx)
{
	(void)ctx;
	if (e->child)
		return;
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
		if (e->kind == EV_WAIT && WIFEXITED(e->status) && WEXITSTATUS(e->status) == 127) {
			exercise.failed_pid = e->target;
			exercise.done = 1;
		}
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

static void exercise_start(const struct lesson_step *s, const char *lesson)
{
	if (exercise.kind)
		ev_remove_sink(exercise_sink, NULL);
	memset(&exercise, 0, sizeof exercise);
	exercise.kind = s->exercise_kind;
	exercise.lesson = lesson;
	ev_add_sink(exercise_sink, NULL);
}

/* Say what the finished exercise showed, from what was recorded. */
static void exercise_report(void)
{
	char text[2048], status[64];
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
			 "forksh forked child %d; its execvp failed, it printed the error and left with "
			 "_exit(127), and forksh's waitpid handed 127 to $?.",
			 (int)exercise.failed_pid);
		break;
	case EXERCISE_CD_VS_CHILD:
		trace_status(exercise.sh_status, status, sizeof status);
		snprintf(text, sizeof text,
			 "cd ran as a builtin, inside forksh (PID %d, no fork): forksh's directory became "
			 "%s (PWD=%s).\nThe child shell ran in process %d: it changed its own directory "
			 "and %s. forksh's directory was %s before it and %s after it.\n%s",
			 (int)getpid(), exercise.cd_dir, pwd ? pwd : "(unset)", (int)exercise.sh_pid, status,
			 exercise.sh_before, exercise.sh_after,
			 strcmp(exercise.sh_before, exercise.sh_after) == 0
				 ? "Unchanged: a process can change only its own directory, never its parent's."
				 : "It changed, but not because of the child: something else moved forksh.");
		break;
	default:
		return;
	}
	printf("\n%s Exercise done (%s):\n", sh.color_ok ? "\033[32m\xe2\x9c\x93\033[0m" : "OK",
	       exercise.lesson);
	wrap(text, term_width(), 2);
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
	if (!exercise.done)
		return;
	ev_remove_sink(exercise_sink, NULL);
	exercise_report();
	fflush(stdout);
	memset(&exercise, 0, sizeof exercise);
}

/* ---- stepping ------------------------------------------------------------ */

static void ask(struct lesson_ctx *ctx, const struct lesson_step *s, char *answer, size_t len)
{
	answer[0] = '\0';
	printf("\n");
	lesson_print(ctx, "? Predict: %s", s->question);
	if (ctx->keys && !ctx->auto_mode) {
		printf("  Your answer: ");
		fflush(stdout);
		if (read_answer(answer, len) < 0)
			answer[0] = '\0';
	} else {
		printf("  (the answer comes after the run)\n");
	}
}

static void check(struct lesson_ctx *ctx, const struct lesson_step *s, const char *answer)
{
	if (!s->observed || !ctx->have_run || ctx->run.quit)
		return;
	long got = s->observed(ctx);
	printf("\n  Answer: %ld.", got);
	if (*answer) {
		long long guess;
		if (num_parse(answer, LLONG_MIN, LLONG_MAX, &guess) == NUM_OK && guess == got)
			printf(" You predicted %lld: right.", guess);
		else
			printf(" You said \"%s\".", answer);
	}
	printf("\n");
	if (s->explain_answer)
		print_text(ctx, s->explain_answer(ctx));
}

/* Show step i: title, text, code; ask; run; review; check. */
static int show_step(struct lesson_ctx *ctx, size_t i)
{
	const struct lesson *l = ctx->lesson;
	const struct lesson_step *s = &l->steps[i];
	char answer[64];

	printf("\n%s%s %s step %zu/%zu %s %s%s\n", ctx->color ? "\033[1m" : "", l->name, ctx->utf8 ? "·" : "-",
	       i + 1, l->nsteps, ctx->utf8 ? "·" : "-", s->title, ctx->color ? "\033[0m" : "");
	ctx->step = i;
	wrap(s->text, prose_width(ctx), 2);
	if (s->figure)
		show_figure(s->figure);
	if (s->code)
		show_code(ctx, s->code);
	if (s->question)
		ask(ctx, s, answer, sizeof answer);
	int rc = 0;
	if (s->run)
		rc = s->run(ctx);
	if (rc < 0) {
		ctx->failed = 1; /* the run could not start: the lesson stops here */
		return rc;
	}
	if (rc == 0 && s->review && ctx->have_run && !ctx->run.quit)
		s->review(ctx);
	if (rc == 0 && s->question)
		check(ctx, s, answer);
	if (s->exercise) {
		printf("\n");
		lesson_print(ctx, "Your turn: %s", s->exercise);
		exercise_start(s, l->name);
		if (!ctx->keys || ctx->auto_mode)
			printf("  (the lesson watches the shell's own events and says so when it is done)\n");
	}
	fflush(stdout);
	return rc;
}

/* The key loop.  Returns 1 if the last step was reached. */
static int step_through(struct lesson_ctx *ctx)
{
	size_t i = 0, n = ctx->lesson->nsteps;
	int finished = 0;
	show_step(ctx, 0);
	for (;;) {
		if (ctx->failed || (ctx->have_run && ctx->run.quit))
			return 0;
		int k;
		if (!ctx->keys || ctx->auto_mode) {
			if (i + 1 >= n)
				return 1;
			if (ctx->auto_secs > 0)
				lesson_sleep(ctx->auto_secs);
			if (live_interrupted())
				return 0;
			k = 'n';
		} else {
			printf("\n  [Enter/n] next  [b] back  [r] run again  [h] hint  [q] quit ");
			fflush(stdout);
			k = read_key();
			printf("\n");
		}
		switch (k) {
		case 'n':
			if (i + 1 >= n)
				return 1;
			show_step(ctx, ++i);
			finished |= i + 1 == n;
			break;
		case 'b':
			if (i > 0)
				show_step(ctx, --i);
			break;
		case 'r':
			show_step(ctx, i);
			break;
		case 'h':
			wrap(ctx->lesson->steps[i].hint ? ctx->lesson->steps[i].hint
							: "No hint here: read the code, then press Enter.",
			     prose_width(ctx), 2);
			break;
		case 'q':
			return finished;
		default:
			break;
		}
	}
}

/* ---- the builtin --------------------------------------------------------- */

static void list_lessons(void)
{
	printf("Lessons (\"lesson NAME\" or \"lesson N\" starts one; \"help lesson\" explains):\n\n");
	for (size_t i = 0; i < lesson_count(); i++) {
		const struct lesson *l = lesson_table[i];
		printf("  %2d  %-10s %s  %s\n", l->number, l->name, progress_done(l->name) ? "done" : "    ", l->summary);
	}
}

void lesson_help(FILE *out)
{
	fprintf(out,
		"\n    Each lesson runs real fork/exec/wait code in processes of its own, prints\n"
		"    their real PIDs, then draws the process tree and a timeline.\n\n"
		"    lesson              list the lessons (and which you finished)\n"
		"    lesson NAME | N     start one, e.g. lesson counter, lesson 2\n"
		"      --auto[=SECONDS]  presentation mode: advance every SECONDS (2); --auto=0\n"
		"                        runs straight through (always so without a terminal)\n"
		"      --stable-pids     P1, P2, ... (forksh: P0) in place of the PIDs, in\n"
		"                        the lines, the texts and the pictures (for handouts)\n"
		"      --timeline=MODE   full (every event), summary, off; the default is\n"
		"                        full up to 16 processes, summary above\n"
		"      --svg FILE        also write the tree and timeline of each run as an\n"
		"                        SVG picture (FILE-stepN.svg when a lesson has\n"
		"                        several runs)\n"
		"      --json FILE       also write each run's whole record as JSON\n"
		"                        (format: docs/record-json.md)\n"
		"      --no-color        no colours (also when NO_COLOR is set)\n"
		"      --NAME N          the lesson's own sizes (see the list below)\n\n"
		"    Keys between steps: Enter or n next, b back, r run again, h hint, q quit.\n"
		"    q, Ctrl-C or end of input kill and reap every process of the lesson.\n\n");
	for (size_t i = 0; lesson_table[i]; i++) {
		const struct lesson *l = lesson_table[i];
		int col = fprintf(out, "    %-9s", l->name);
		if (!l->nopts)
			fprintf(out, " (no sizes)");
		for (size_t k = 0; k < l->nopts; k++) {
			char opt[96];
			int len = snprintf(opt, sizeof opt, " --%s N (%g, max %g)", l->opts[k].name,
					   l->opts[k].def, l->opts[k].max);
			if (col + len > 78) /* keep to 80 columns: go on below */
				col = fprintf(out, "\n%13s", "");
			col += fprintf(out, "%s", opt);
		}
		fprintf(out, "\n");
	}
}

/* Levenshtein distance, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return 99;
	size_t d[33][33];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

static int unknown_lesson(const char *name)
{
	/* Best guess: the shortest lesson whose name starts with what was
	 * typed, else the closest by edit distance (at most 2 edits). */
	const char *prefix = NULL, *best = NULL;
	size_t bestd = 3;
	for (size_t i = 0; lesson_table[i]; i++) {
		const char *cand = lesson_table[i]->name;
		size_t d;
		if (*name && strncmp(name, cand, strlen(name)) == 0) {
			if (!prefix || strlen(cand) < strlen(prefix))
				prefix = cand;
		} else if ((d = distance(name, cand)) < bestd) {
			bestd = d;
			best = cand;
		}
	}
	if (prefix)
		best = prefix;
	if (best)
		sh_error("lesson: no lesson called '%s'; did you mean '%s'?", sh_arg(name), best);
	else
		sh_error("lesson: no lesson called '%s' (type 'lesson' for the list)", sh_arg(name));
	return 1;
}

/* One of a lesson's own options: a whole number within its bounds (a count
 * or a size: "nan", "0x10", "2.5" and "1e3" are refused), or for a time in
 * seconds a plain decimal ("0.2").  Returns 0 with *out set, or -1 after
 * saying what the option takes. */
static int parse_size(const struct lesson *l, const struct lesson_opt *o, const char *arg, double *out)
{
	long long n;
	if (o->seconds ? num_parse_decimal(arg, o->min, o->max, out) == NUM_OK
		       : num_parse(arg, (long long)o->min, (long long)o->max, &n) == NUM_OK) {
		if (!o->seconds)
			*out = (double)n;
		return 0;
	}
	sh_error("lesson %s: --%s takes %s from %g to %g%s (%s), not '%s'", l->name, o->name,
		 o->seconds ? "a time" : "a whole number", o->min, o->max, o->seconds ? " seconds" : "", o->help,
		 sh_arg(arg));
	return -1;
}

/* Parse the options after the lesson name with getopt_long: the common
 * ones and the lesson's own numbers.  Returns 0, or 2 after a usage error. */
static int parse_options(struct lesson_ctx *ctx, int argc, char **argv)
{
	const struct lesson *l = ctx->lesson;
	struct option opts[LESSON_MAX_OPTS + 8];
	size_t n = 0;
	opts[n++] = (struct option){ "auto", optional_argument, NULL, 'a' };
	opts[n++] = (struct option){ "stable-pids", no_argument, NULL, 's' };
	opts[n++] = (struct option){ "no-color", no_argument, NULL, 'C' };
	opts[n++] = (struct option){ "timeline", required_argument, NULL, 't' };
	opts[n++] = (struct option){ "svg", required_argument, NULL, 'g' };
	opts[n++] = (struct option){ "json", required_argument, NULL, 'j' };
	for (size_t i = 0; i < l->nopts; i++)
		opts[n++] = (struct option){ l->opts[i].name, required_argument, NULL, 1000 + (int)i };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };

	for (size_t i = 0; i < l->nopts; i++)
		ctx->opt[i] = l->opts[i].def;
	optind = 0; /* glibc: start over, this is a new argument list */
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (c == 'a') {
			ctx->auto_mode = 1;
			ctx->auto_secs = 2.0;
			if (optarg && num_parse_decimal(optarg, 0, 60, &ctx->auto_secs) != NUM_OK) {
				sh_error("lesson: --auto takes 0 to 60 seconds, not '%s'", sh_arg(optarg));
				return 2;
			}
		} else if (c == 's') {
			ctx->stable_pids = 1;
		} else if (c == 'C') {
			ctx->no_color = 1;
		} else if (c == 't') {
			static const char *const modes[] = { "auto", "full", "summary", "off" };
			size_t m = 0;
			while (m < 4 && strcmp(optarg, modes[m]) != 0)
				m++;
			if (m == 4) {
				sh_error("lesson: --timeline takes full, summary, off or auto");
				return 2;
			}
			ctx->timeline = (int)m;
		} else if (c == 'g' || c == 'j') {
			if (!*optarg) {
				sh_error("lesson: --%s needs a file name", c == 'g' ? "svg" : "json");
				return 2;
			}
			*(c == 'g' ? &ctx->svg : &ctx->json) = optarg;
		} else if (c >= 1000) {
			const struct lesson_opt *o = &l->opts[c - 1000];
			if (parse_size(l, o, optarg, &ctx->opt[c - 1000]) < 0)
				return 2;
		} else {
			sh_error("lesson %s: unknown option '%s'", l->name, sh_arg(argv[optind - 1]));
			fprintf(stderr, "  options: --auto[=SECONDS] --stable-pids --no-color --timeline=MODE "
					"--svg FILE --json FILE");
			for (size_t i = 0; i < l->nopts; i++)
				fprintf(stderr, " --%s N", l->opts[i].name);
			fputc('\n', stderr);
			return 2;
		}
	}
	if (optind < argc) {
		sh_error("lesson %s: unexpected '%s'", l->name, sh_arg(argv[optind]));
		return 2;
	}
	return 0;
}

int bi_lesson(int argc, char **argv)
{
	if (argc < 2) {
		list_lessons();
		return 0;
	}
	const struct lesson *l = lesson_find(argv[1]);
	if (!l)
		return unknown_lesson(argv[1]);

	struct lesson_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.lesson = l;
	int rc = parse_options(&ctx, argc - 1, argv + 1);
	if (rc)
		return rc;
	ctx.keys = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (!ctx.keys && !ctx.auto_mode) {
		ctx.auto_mode = 1; /* not a terminal: straight through */
		ctx.auto_secs = 0;
	}
	ctx.color = sh.color_ok && !ctx.no_color && isatty(STDOUT_FILENO);
	ctx.utf8 = var_locale_utf8();
	ctx.width = term_width();
	live_interrupted(); /* forget an old Ctrl-C */

	int finished = step_through(&ctx);
	int status = ctx.failed ? 1 : 0;
	if (ctx.have_run && ctx.run.interrupted)
		status = 128 + SIGINT; /* stopped by Ctrl-C, as a killed command would be */
	if (ctx.have_run) {
		if (!ctx.run.quit)
			live_stop(&ctx.run); /* nothing may outlive the lesson */
		live_free(&ctx.run);
	}
	if (finished) {
		progress_mark(l->name);
		printf("\nLesson %s finished%s.\n", l->name, ctx.have_run ? "" : "");
	} else {
		printf("\nLesson %s stopped; \"lesson %s\" starts it again.\n", l->name, l->name);
	}
	fflush(stdout);
	return status;
}
