/* engine.c - the `lesson` builtin: the registry, the options, progress,
 * and --source; stepping is steps.c, the terminal keys.c, the texts
 * text.c, the exercises exercise.c (engine.h says which is which).
 *
 * Keys between steps are single key presses read in raw mode (no readline:
 * the shell's line editor is for commands); when standard input is not a
 * terminal the lesson runs straight through, as with --auto=0.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <getopt.h>
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
#include "engine.h"
#include "pictures.h"
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

/* ---- progress ------------------------------------------------------------ */

/* $XDG_STATE_HOME/forksh/lessons-done (default ~/.local/state/...): one
 * finished lesson name per line.  NULL when no home is known. */
static char *progress_path(void)
{
	return state_path("lessons-done");
}

int progress_done(const char *name)
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

/* ---- the builtin --------------------------------------------------------- */

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

/* A number of seconds for --auto or --think: 0 to 60.  Returns 0, or -1
 * after saying what is wrong. */
static int seconds_arg(const char *opt, const char *arg, double *out)
{
	if (num_parse_decimal(arg, 0, 60, out) != NUM_OK)
		return sh_error("lesson: --%s takes 0 to 60 seconds, not '%s'", opt, sh_arg(arg));
	return 0;
}

/* The options of a lesson run. */
struct run_args {
	int source;             /* --source: write the program, run nothing */
	const char *source_file;
};

/* Parse the options after the lesson name with getopt_long: the common
 * ones and the lesson's own.  Returns 0, or 2 after a usage error. */
static int parse_options(struct lesson_ctx *ctx, struct run_args *ra, int argc, char **argv)
{
	const struct lesson *l = ctx->lesson;
	struct option opts[LESSON_MAX_OPTS + 12];
	size_t n = 0;
	opts[n++] = (struct option){ "auto", optional_argument, NULL, 'a' };
	opts[n++] = (struct option){ "think", required_argument, NULL, 'T' };
	opts[n++] = (struct option){ "clear", no_argument, NULL, 'c' };
	opts[n++] = (struct option){ "source", no_argument, NULL, 'S' };
	opts[n++] = (struct option){ "stable-pids", no_argument, NULL, 's' };
	opts[n++] = (struct option){ "no-color", no_argument, NULL, 'C' };
	opts[n++] = (struct option){ "timeline", required_argument, NULL, 't' };
	opts[n++] = (struct option){ "svg", required_argument, NULL, 'g' };
	opts[n++] = (struct option){ "json", required_argument, NULL, 'j' };
	for (size_t i = 0; i < l->nopts; i++)
		opts[n++] = (struct option){ l->opts[i].name, l->opts[i].flag ? no_argument : required_argument, NULL,
					     1000 + (int)i };
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
			if (optarg && seconds_arg("auto", optarg, &ctx->auto_secs) < 0)
				return 2;
		} else if (c == 'T') {
			if (seconds_arg("think", optarg, &ctx->think_secs) < 0)
				return 2;
		} else if (c == 'c') {
			ctx->clear = 1;
		} else if (c == 'S') {
			ra->source = 1;
			/* --source FILE: a file name may follow as the next word */
			if (optind < argc && argv[optind][0] != '-')
				ra->source_file = argv[optind++];
		} else if (c == 's') {
			ctx->stable_pids = 1;
		} else if (c == 'C') {
			ctx->no_color = 1;
		} else if (c == 't') {
			int m = timeline_mode_parse(optarg);
			if (m < 0) {
				sh_error("lesson: --timeline takes full, summary, off or auto");
				return 2;
			}
			ctx->timeline = m;
		} else if (c == 'g' || c == 'j') {
			if (!*optarg) {
				sh_error("lesson: --%s needs a file name", c == 'g' ? "svg" : "json");
				return 2;
			}
			*(c == 'g' ? &ctx->svg : &ctx->json) = optarg;
		} else if (c >= 1000 && l->opts[c - 1000].flag) {
			ctx->opt[c - 1000] = 1;
		} else if (c >= 1000) {
			const struct lesson_opt *o = &l->opts[c - 1000];
			if (parse_size(l, o, optarg, &ctx->opt[c - 1000]) < 0)
				return 2;
		} else {
			sh_error("lesson %s: unknown option '%s'", l->name, sh_arg(argv[optind - 1]));
			fprintf(stderr, "  options: --auto[=SECONDS] --think=SECONDS --clear --source [FILE] "
					"--stable-pids --no-color --timeline=MODE --svg FILE --json FILE");
			for (size_t i = 0; i < l->nopts; i++)
				fprintf(stderr, " --%s%s", l->opts[i].name, l->opts[i].flag ? "" : " N");
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

/* ---- --source ---------------------------------------------------------- */

/* Write the lesson's program as one C file of its own: a comment saying
 * how to build it, the sizes as macros (with the values given on the
 * command line), and the program.  Returns 0, or 1 after saying why the
 * file could not be written. */
static int write_source(const struct lesson_ctx *ctx, const char *file)
{
	const struct lesson *l = ctx->lesson;
	if (!l->source)
		return sh_error("lesson %s: this lesson has no C program of its own to write", l->name), 1;
	FILE *out = file ? fopen(file, "we") : stdout;
	if (!out)
		return sh_error("lesson: cannot write %s: %s", file, strerror(errno)), 1;
	fprintf(out,
		"/* %s.c - lesson %s of forksh, as a program of its own:\n"
		" * %s\n"
		" *\n"
		" *   cc -Wall -o %s %s.c && ./%s\n"
		" *\n"
		" * The code the lesson shows in its boxes, with the helpers it needs and a\n"
		" * main() that runs it with the sizes below.  Under forksh the same code\n"
		" * runs with a recorder around its fork, _exit, waitpid and exec calls,\n"
		" * which draws the pictures; here they are the plain calls.\n"
		" */\n",
		l->name, l->name, l->summary, l->name, l->name, l->name);
	for (size_t i = 0; i < l->nopts; i++) {
		char macro[64];
		size_t k = 0;
		for (const char *p = l->opts[i].name; *p && k + 1 < sizeof macro; p++)
			macro[k++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
		macro[k] = '\0';
		fprintf(out, "#define %s %g /* --%s: %s */\n", macro, ctx->opt[i], l->opts[i].name, l->opts[i].help);
	}
	char dir[PATH_MAX];
	if (strstr(l->source, "hello_on_path") && lesson_own_program("", dir, sizeof dir) == 0)
		fprintf(out,
			"\n#include <stdio.h>\n#include <stdlib.h>\n\n"
			"/* forksh-hello, the small program this one starts, comes with forksh\n"
			"   (lesson forkexec shows its source), in this directory: */\n"
			"#define HELLO_DIR \"%s\"\n\n"
			"/* its directory goes first in PATH */\n"
			"static void hello_on_path(void)\n"
			"{\n"
			"    char path[4096];\n"
			"    snprintf(path, sizeof path, \"%%s:%%s\", HELLO_DIR,\n"
			"             getenv(\"PATH\") ? getenv(\"PATH\") : \"/bin:/usr/bin\");\n"
			"    setenv(\"PATH\", path, 1);\n"
			"}\n",
			dir);
	fprintf(out, "\n%s", l->source);
	int bad = ferror(out);
	if (file ? fclose(out) != 0 : fflush(out) != 0)
		bad = 1;
	if (bad)
		return sh_error("lesson: cannot write %s: %s", file ? file : "standard output", strerror(errno)), 1;
	return 0;
}

int bi_lesson(int argc, char **argv)
{
	if (argc < 2) {
		list_lessons(stdout, term_width());
		return 0;
	}
	const struct lesson *l = lesson_find(argv[1]);
	if (!l)
		return unknown_lesson(argv[1]);

	struct lesson_ctx ctx;
	struct run_args ra = { 0, NULL };
	memset(&ctx, 0, sizeof ctx);
	ctx.lesson = l;
	int rc = parse_options(&ctx, &ra, argc - 1, argv + 1);
	if (rc)
		return rc;
	if (ra.source)
		return write_source(&ctx, ra.source_file);
	ctx.keys = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (!ctx.keys && !ctx.auto_mode) {
		ctx.auto_mode = 1; /* not a terminal: straight through */
		ctx.auto_secs = 0;
	}
	ctx.color = sh.color_ok && !ctx.no_color && isatty(STDOUT_FILENO);
	ctx.utf8 = var_locale_utf8();
	ctx.width = term_width();
	live_catch_begin(); /* Ctrl-C ends the lesson, not the shell */
	live_interrupted(); /* forget an old Ctrl-C */
	keys_begin(&ctx);

	int finished = step_through(&ctx);
	if (ctx.have_run) {
		if (!ctx.run.quit)
			live_stop(&ctx.run); /* nothing may outlive the lesson */
		if (ctx.run.interrupted)
			ctx.interrupted = 1;
		live_free(&ctx.run);
	}
	keys_end(&ctx);
	live_catch_end();
	int status = ctx.failed ? 1 : 0;
	if (ctx.interrupted)
		status = 128 + SIGINT; /* stopped by Ctrl-C, as a killed command would be */
	if (finished) {
		progress_mark(l->name);
		printf("\nLesson %s finished.\n", l->name);
	} else {
		printf("\nLesson %s stopped; \"lesson %s\" starts it again.\n", l->name, l->name);
	}
	fflush(stdout);
	return status;
}
