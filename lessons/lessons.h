/* lessons.h - lessons, their steps, and the registry (see shared/LESSONS.md).
 *
 * A lesson is a table of steps; a step has a title, an explanation, the C
 * code it is about to run (cut out of the lesson's own .c file at build
 * time, so what is shown is what runs), and optionally a live run, a
 * predict-then-run question, a hint, or an exercise at the prompt.  Adding a
 * lesson is adding a file and a row in lessons/registry.c.
 *
 * The lesson's program (its functions, the helpers they need, and a main()
 * for a file of its own) is plain C between the markers PROGRAM and END
 * PROGRAM of its file; `lesson NAME --source` writes it out
 * (scripts/showcode.awk).  Texts may name a size as {name}: it is shown
 * with the value the lesson runs with (--children 3 shows 3).
 */
#ifndef FORKSH_LESSONS_H
#define FORKSH_LESSONS_H

#include <stddef.h>
#include <stdio.h>

#include "live.h"

#define LESSON_MAX_OPTS 6

/* A number the user may set with --NAME N, with the chapter's value as the
 * default and hard bounds. */
struct lesson_opt {
	const char *name;
	double def, min, max;
	const char *help;
	int seconds;       /* a time in seconds ("0.2"); otherwise a whole number */
	int flag;          /* --NAME alone, no number: 1 when given, else 0 */
};

/* What a step's functions get: the options, the pace, the current run. */
struct lesson_ctx {
	const struct lesson *lesson;
	double opt[LESSON_MAX_OPTS];  /* in the order of lesson->opts */
	int auto_mode;                /* --auto: advance by time */
	double auto_secs;             /* the pause between steps in --auto */
	double think_secs;            /* --think: a pause after each question */
	int clear;                    /* --clear: a clean screen for each step */
	int keys;                     /* single keys from a terminal */
	int quit;                     /* q, Ctrl-C or end of input: leave the lesson */
	int interrupted;              /* ... by Ctrl-C (status 130) */
	int stable_pids;
	int color, no_color;
	int timeline;                 /* enum tl_mode: --timeline */
	const char *svg, *json;       /* --svg FILE, --json FILE, or NULL */
	size_t step;                  /* the step being shown */
	int utf8;
	int width;
	struct live_run run;          /* the last live run of this lesson */
	struct live_opts run_opts;    /* for the next run only (a step sets them) */
	int have_run;
	int failed;                   /* a run could not start: stop the lesson */
};

struct lesson_step {
	const char *title;
	const char *text;          /* explanation, wrapped to the terminal */
	const char *code;          /* shown code, or NULL */
	const char *figure;        /* a table or picture shown as written, or NULL */
	/* The live run, or NULL.  Returns 0, or -1 if it could not start. */
	int (*run)(struct lesson_ctx *ctx);
	const char *hint;          /* for the h key, or NULL */
	/* Predict-then-run: asked before the run; after it, the answer is
	 * checked against what really happened (observed, from the recording). */
	const char *question;
	const char *const *choices; /* the answers to choose from, NULL-ended;
	                             * observed() gives the number of the true one */
	long (*observed)(const struct lesson_ctx *ctx);
	const char *(*explain_answer)(const struct lesson_ctx *ctx);
	/* After the run: a lesson-specific look at the recording (or NULL). */
	void (*review)(const struct lesson_ctx *ctx);
	/* An exercise at the prompt: the task, and a check on the shell's own
	 * process events (see engine.c); NULL for none. */
	const char *exercise;
	int exercise_kind;
	/* A keyed run: what Enter and q do, for the legend. */
	const char *keys;
};

struct lesson {
	int number;             /* its number in shared/LESSONS.md (stable for handouts) */
	const char *name;       /* "fork", "counter", ... */
	const char *summary;    /* one line for the list */
	const struct lesson_opt *opts;
	size_t nopts;
	const struct lesson_step *steps;
	size_t nsteps;
	const char *source;     /* the program as a C file (program_source) */
};

/* The table, in the chapter's order, terminated by NULL. */
extern const struct lesson *const lesson_table[];

/* Number of lessons in the table. */
size_t lesson_count(void);

/* Find a lesson by name or by its LESSONS.md number ("2"); NULL if none. */
const struct lesson *lesson_find(const char *name);

/* The value of option `name` in ctx (0 if the lesson has no such option). */
double lesson_opt(const struct lesson_ctx *ctx, const char *name);

/* Helpers for step functions: run fn(arg) live with `need` processes at
 * most, let it run to the end (q or Ctrl-C stop it), and draw the tree and
 * timeline.  Returns 0, or -1 if it could not start. */
int lesson_run_live(struct lesson_ctx *ctx, void (*fn)(void *arg), void *arg, long need);

/* The same for a program that reads lines from its standard input, as the
 * chapter's programs read raw_input(): each Enter sends it an empty line,
 * q sends "q", until every process of the run has ended; --auto presses
 * Enter `presses` times by itself, then q as often as it takes. */
int lesson_run_keyed(struct lesson_ctx *ctx, void (*fn)(void *arg), void *arg, long need, long presses);

/* Run a command line in this shell through its own executor, as typed at
 * its prompt (the terminal as the user had it meanwhile; the executor
 * hands it to the command's process group and takes it back).  Returns
 * its status. */
int lesson_run_command(struct lesson_ctx *ctx, const char *line);

/* After a run: draw its tree and timeline, and write the SVG and JSON
 * files asked for (showrun.c).  Returns 0, or -1 when a file could not be
 * written (said on stderr). */
int lesson_show_run(struct lesson_ctx *ctx);

/* Count the recorded lines of the last run that start with prefix. */
long lesson_count_lines(const struct lesson_ctx *ctx, const char *prefix);

/* The next line of the last run, at or after event *from, that starts with
 * prefix ("" for any line); *from is moved just past it, so a loop can walk
 * all of them.  NULL when there is none left. */
const struct rec_event *lesson_said(const struct lesson_ctx *ctx, const char *prefix, size_t *from);

/* Check PIDs across processes in the last run: for each line starting
 * with `told` (the PID is its last number), was there a line starting with
 * `said` followed by that PID, printed by that very process?  Counts both. */
void lesson_match_pids(const struct lesson_ctx *ctx, const char *told, const char *said, long *ntold,
		       long *nmatched);

/* Prose is wrapped to the terminal, at most 100 columns (text.c). */
int prose_width(const struct lesson_ctx *ctx);

/* Print a paragraph wrapped to the terminal (printf-style). */
void lesson_print(const struct lesson_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The exercise kinds the engine can check. */
enum {
	EXERCISE_NONE,
	EXERCISE_BACKGROUND_JOB,  /* a job started with & finishes and is reaped */
	EXERCISE_NOT_FOUND,       /* a command that does not exist: a child's execvp
	                           * fails (the shell's own EV_EXEC_FAIL) and it exits 127 */
	EXERCISE_CD_VS_CHILD      /* cd (builtin) and sh -c 'cd ...' (a child) */
};

/* Called by the shell before each prompt: check a pending exercise. */
void lesson_exercise_poll(void);

/* The longer help for `help lesson`: keys, options, the lessons, wrapped
 * to the terminal. */
void lesson_help(FILE *out);

/* Lesson names for tab completion (state as readline's generators). */
const char *lesson_name_at(size_t i);

#endif
