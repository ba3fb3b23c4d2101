/* steps.c - stepping through a lesson: showing a step, the live run,
 * predict-then-run questions, pacing in --auto, and the keys between
 * steps.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../shell/util.h"
#include "engine.h"
#include "wire.h"

/* ---- what a run said ---- */

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

/* ---- live runs ---- */

/* Start a run of fn(arg) with the options the step set for it.  Returns 0
 * or -1 (it could not start; said why). */
static int run_begin(struct lesson_ctx *ctx, void (*fn)(void *arg), void *arg, long need)
{
	if (ctx->have_run)
		live_free(&ctx->run);
	ctx->have_run = 0;
	printf("\n%s live run (real processes, real PIDs) %s\n", ctx->utf8 ? "──" : "--", ctx->utf8 ? "──" : "--");
	fflush(stdout);
	struct live_opts o = ctx->run_opts;
	memset(&ctx->run_opts, 0, sizeof ctx->run_opts);
	if (live_start(&ctx->run, fn, arg, need, &o) < 0)
		return -1;
	ctx->have_run = 1;
	ctx->run.color = ctx->color;
	ctx->run.stable_pids = ctx->stable_pids;
	ctx->run.width = ctx->keys ? ctx->width : 0; /* a file or a pipe gets whole lines */
	return 0;
}

/* Let the run go to its end (q and Ctrl-C stop it; other keys wait for
 * after it), then draw it.  Returns what lesson_show_run returns. */
static int run_end(struct lesson_ctx *ctx)
{
	ctx->run.watch_keys = ctx->keys;
	live_pump(&ctx->run, -1);
	ctx->run.watch_keys = 0;
	key_push(ctx->run.pending, ctx->run.npending);
	ctx->run.npending = 0;
	if (ctx->run.interrupted)
		ctx->interrupted = 1;
	if (ctx->run.quit) {
		ctx->quit = 1;
		printf("\n  (stopped: every process of the run was killed and reaped)\n");
		return 0;
	}
	return lesson_show_run(ctx);
}

int lesson_run_live(struct lesson_ctx *ctx, void (*fn)(void *arg), void *arg, long need)
{
	if (run_begin(ctx, fn, arg, need) < 0)
		return -1;
	return run_end(ctx);
}

/* Stop a keyed run at once: every process killed and reaped. */
static void run_stop(struct lesson_ctx *ctx)
{
	ctx->run.quit = 1;
	ctx->run.interrupted |= ctx->interrupted;
	live_stop(&ctx->run);
}

int lesson_run_keyed(struct lesson_ctx *ctx, void (*fn)(void *arg), void *arg, long need, long presses)
{
	if (run_begin(ctx, fn, arg, need) < 0)
		return -1;
	const char *legend = ctx->lesson->steps[ctx->step].keys;
	int by_hand = ctx->keys && !ctx->auto_mode, shown = 0;
	double pace = ctx->auto_secs / 2 > 0.2 ? ctx->auto_secs / 2 : 0.2, next = wire_now() + pace;
	long lines = 0, most = presses + need + 8; /* a bound on the q's --auto sends */
	char later[16];                              /* keys for after the run (--auto) */
	size_t nlater = 0;
	/* The run's output is shown while keys are awaited: the engine pumps
	 * the run in short slices and looks at the keyboard in between. */
	while (live_pump(&ctx->run, 0.05) && !ctx->run.quit) {
		int k;
		if (by_hand) {
			if (!shown)
				printf("  (%s)\n", legend ? legend : "Enter: again, q: stop");
			shown = 1;
			fflush(stdout);
			if ((k = key_get(ctx, 0)) < 0)
				continue;
			shown = 0;
		} else {
			if ((k = key_get(ctx, 0)) >= 0 && k != 'q') {
				if (nlater < sizeof later)
					later[nlater++] = (char)k; /* acted on after the run */
				continue;
			}
			if (k < 0 && wire_now() < next)
				continue;
			if (k < 0)
				k = lines < presses ? '\n' : 'q';
			next = wire_now() + pace;
			if (lines++ > most) {
				run_stop(ctx); /* a program that never reads q */
				break;
			}
		}
		if (ctx->quit) {
			run_stop(ctx); /* Ctrl-C or the end of input */
			break;
		}
		if (k == 'q')
			live_send_line(&ctx->run, "q");
		else if (k == '\n' || k == 'n' || k == ' ')
			live_send_line(&ctx->run, "");
	}
	int rc = run_end(ctx);
	key_push(later, nlater);
	return rc;
}

/* ---- questions ---- */

static size_t nchoices(const struct lesson_step *s)
{
	size_t n = 0;
	while (s->choices && s->choices[n])
		n++;
	return n;
}

/* What an answer means: a number, or for a multiple-choice question the
 * number of the one choice whose text holds the answer ("same" for "the
 * same address"); -1 when it means none or more than one. */
static long parse_answer(const struct lesson_step *s, const char *answer)
{
	while (isspace((unsigned char)*answer))
		answer++;
	char *end;
	long n = strtol(answer, &end, 10);
	if (end != answer && (*end == '\0' || isspace((unsigned char)*end) || *end == ')' || *end == '.'))
		return s->choices && (n < 1 || (size_t)n > nchoices(s)) ? -1 : n;
	size_t len = strlen(answer);
	while (len && isspace((unsigned char)answer[len - 1]))
		len--;
	if (!s->choices || !len)
		return -1;
	long found = -1;
	for (size_t i = 0; s->choices[i]; i++) {
		for (const char *c = s->choices[i]; *c; c++) {
			if (strncasecmp(c, answer, len) == 0) {
				if (found > 0 && found != (long)i + 1)
					return -1; /* more than one */
				found = (long)i + 1;
				break;
			}
		}
	}
	return found;
}

/* Wait in --auto for secs: Space pauses and goes on, Enter or n skips
 * the rest of the wait, b and r ask for the step before or again, h
 * shows the hint of step s, q quits.  Returns 'n' when the time is up or
 * was skipped, else the key ('b', 'r', 'q'). */
static int auto_wait(struct lesson_ctx *ctx, const struct lesson_step *s, double secs)
{
	double until = wire_now() + secs, left = secs;
	int paused = 0;
	for (;;) {
		if (!paused && (left = until - wire_now()) <= 0)
			return 'n';
		int k = key_get(ctx, paused ? -1 : left);
		if (ctx->quit)
			return 'q';
		switch (k) {
		case ' ':
			paused = !paused;
			if (paused)
				printf("  (paused: Space goes on; n next, b back, h hint, q quit)\n");
			else
				until = wire_now() + left; /* the rest of the wait */
			fflush(stdout);
			break;
		case '\n':
		case 'n':
			return 'n';
		case 'b':
		case 'r':
		case 'q':
			return k;
		case 'h':
			print_text(ctx, s && s->hint ? s->hint : "No hint here.");
			fflush(stdout);
			break;
		default:
			break; /* the time ran out, or a key that means nothing here */
		}
	}
}

/* Ask step s's question.  With keys the answer is read (Ctrl-C there
 * leaves the lesson: returns -1); in --auto, --think gives time to think.
 * Returns 0, or -1 when the lesson is to end. */
static int ask(struct lesson_ctx *ctx, const struct lesson_step *s, char *answer, size_t len)
{
	answer[0] = '\0';
	printf("\n");
	struct strbuf q;
	sb_init(&q);
	sb_adds(&q, "? Predict: ");
	sb_adds(&q, s->question);
	print_text(ctx, q.buf);
	sb_free(&q);
	for (size_t i = 0; i < nchoices(s); i++) {
		char line[300];
		snprintf(line, sizeof line, "%zu) %s", i + 1, s->choices[i]);
		wrap_text(stdout, line, prose_width(ctx), 4, 7);
	}
	if (ctx->keys && !ctx->auto_mode) {
		printf(s->choices ? "  Your answer (a number or a word): " : "  Your answer: ");
		fflush(stdout);
		return read_line(ctx, answer, len, NULL);
	}
	printf("  (the answer comes after the run)\n");
	fflush(stdout);
	if (ctx->auto_mode && ctx->think_secs > 0 && auto_wait(ctx, s, ctx->think_secs) == 'q')
		return -1;
	return 0;
}

/* After the run: the true answer, from the recording, against the one
 * given. */
static void check(struct lesson_ctx *ctx, const struct lesson_step *s, const char *answer)
{
	if (!s->observed || !ctx->have_run || ctx->run.quit)
		return;
	long got = s->observed(ctx);
	char line[512];
	int n;
	if (s->choices && got >= 1 && (size_t)got <= nchoices(s))
		n = snprintf(line, sizeof line, "Answer: %ld, %s.", got, s->choices[got - 1]);
	else
		n = snprintf(line, sizeof line, "Answer: %ld.", got);
	if (*answer && n > 0 && (size_t)n < sizeof line) {
		long guess = parse_answer(s, answer);
		const char *verb = s->choices ? "chose" : "predicted";
		if (guess < 0 && s->choices)
			snprintf(line + n, sizeof line - (size_t)n, " You said \"%s\": that is none of the choices (1 to %zu).",
				 answer, nchoices(s));
		else if (guess < 0)
			snprintf(line + n, sizeof line - (size_t)n, " You said \"%s\": that is not a number.", answer);
		else
			snprintf(line + n, sizeof line - (size_t)n, " You %s %ld: %s.", verb, guess,
				 guess == got ? "right" : "not this time");
	}
	printf("\n");
	wrap_text(stdout, line, prose_width(ctx), 2, 2);
	if (s->explain_answer)
		print_text(ctx, s->explain_answer(ctx));
}

/* ---- steps ---- */

/* Show step i: title, text, code; ask; run; review; check; the exercise. */
static void show_step(struct lesson_ctx *ctx, size_t i)
{
	const struct lesson *l = ctx->lesson;
	const struct lesson_step *s = &l->steps[i];
	char answer[128];

	if (ctx->clear && isatty(STDOUT_FILENO))
		printf("\033[H\033[2J"); /* a clean screen: home, then erase */
	printf("\n%s%s %s step %zu/%zu %s %s%s\n", ctx->color ? "\033[1m" : "", l->name, ctx->utf8 ? "·" : "-",
	       i + 1, l->nsteps, ctx->utf8 ? "·" : "-", s->title, ctx->color ? "\033[0m" : "");
	ctx->step = i;
	print_text(ctx, s->text);
	if (s->figure)
		show_figure(s->figure);
	if (s->code)
		show_code(ctx, s->code);
	if (s->question && ask(ctx, s, answer, sizeof answer) < 0) {
		fflush(stdout);
		return;
	}
	int rc = s->run ? s->run(ctx) : 0;
	if (rc < 0) {
		ctx->failed = 1; /* the run could not start: the lesson stops here */
		return;
	}
	if (s->review && ctx->have_run && !ctx->run.quit)
		s->review(ctx);
	if (s->question)
		check(ctx, s, answer);
	if (s->exercise && !ctx->quit) {
		struct strbuf t;
		sb_init(&t);
		sb_adds(&t, "Your turn: ");
		sb_adds(&t, s->exercise);
		printf("\n");
		print_text(ctx, t.buf);
		sb_free(&t);
		exercise_begin(ctx, s);
		if (ctx->keys && !ctx->auto_mode)
			exercise_turn(ctx);
		else
			print_text(ctx, "(the lesson watches the shell's own events and says so when it is "
					"done, also at forksh's prompt after the lesson)");
	}
	fflush(stdout);
}

double step_pause(const struct lesson_ctx *ctx, const struct lesson_step *s)
{
	double words = 0;
	for (const char *p = s->text; *p; p++)
		words += *p == ' ' || *p == '\n';
	for (const char *p = s->code; p && *p; p++)
		words += *p == '\n' ? 2 : 0;
	if (s->run)
		words += 40;
	double units = words / 40;
	return ctx->auto_secs * (units > 1 ? units : 1);
}

int step_through(struct lesson_ctx *ctx)
{
	size_t i = 0, n = ctx->lesson->nsteps;
	int finished = n == 1, legend = 1;
	show_step(ctx, 0);
	for (;;) {
		if (ctx->failed || ctx->quit)
			return finished && !ctx->failed && !ctx->interrupted && !(ctx->have_run && ctx->run.quit);
		int k;
		if (ctx->auto_mode) {
			if (i + 1 >= n)
				return 1;
			k = auto_wait(ctx, &ctx->lesson->steps[i], step_pause(ctx, &ctx->lesson->steps[i]));
		} else if (!ctx->keys) {
			if (i + 1 >= n)
				return 1;
			k = 'n';
		} else {
			/* the legend once per step: a key that means nothing here
			 * is ignored, not answered with the legend again */
			if (legend)
				printf("\n  [Enter/n] next  [b] back  [r] again  [h] hint  [q] quit\n");
			fflush(stdout);
			k = key_get(ctx, -1);
			legend = strchr("\n nbrhq", k) != NULL;
		}
		switch (k) {
		case '\n':
		case ' ':
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
			print_text(ctx, ctx->lesson->steps[i].hint ? ctx->lesson->steps[i].hint
								: "No hint here: read the code, then press Enter.");
			break;
		case 'q':
			ctx->quit = 1;
			return finished && !ctx->interrupted;
		default:
			break;
		}
	}
}
