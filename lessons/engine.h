/* engine.h - what the parts of the lesson engine share (internal to
 * lessons/: engine.c, steps.c, text.c, keys.c, exercise.c).
 *
 *   engine.c    the builtin: options, progress, --source, the registry
 *   steps.c     showing a step, asking and checking, pacing, the key loop
 *   text.c      prose wrapped to the terminal, code boxes, the lists
 *   keys.c      the terminal during a lesson: keys, answers, commands
 *   exercise.c  "your turn": tasks checked from the shell's own events
 */
#ifndef FORKSH_ENGINE_H
#define FORKSH_ENGINE_H

#include <stdio.h>

#include "../shell/util.h"
#include "lessons.h"

/* ---- engine.c ---- */

/* Has this user finished the lesson called name? */
int progress_done(const char *name);

/* ---- text.c ---- */

/* (prose_width is in lessons.h.) */

/* (term_width and wrap_text are in shell/util.h.) */

/* Print a lesson text: its {size} names replaced by the values the lesson
 * runs with, under --stable-pids the run's PIDs by their aliases, wrapped
 * to the terminal. */
void print_text(const struct lesson_ctx *ctx, const char *text);

/* The code box of a step, fitted to the terminal. */
void show_code(const struct lesson_ctx *ctx, const char *code);

/* A table or picture, as written. */
void show_figure(const char *figure);

/* The list of lessons for `lesson`, wrapped to the terminal. */
void list_lessons(FILE *out, int width);

/* ---- keys.c ---- */

/* At a terminal, keys are read one at a time and never echoed for the
 * whole lesson (ISIG stays: Ctrl-C is a signal).  keys_end puts the
 * terminal back as it was and throws away what was typed ahead, so that
 * no key of the lesson reaches the prompt. */
void keys_begin(struct lesson_ctx *ctx);
void keys_end(struct lesson_ctx *ctx);

/* The next key, waiting at most seconds (< 0: for ever): a character,
 * '\n' for Enter, or -1 when the time ran out.  Ctrl-C, Ctrl-D and the end
 * of input set ctx->quit (Ctrl-C also ctx->interrupted) and give 'q'.
 * Without a terminal it only waits, and gives -1 (or 'q' after Ctrl-C). */
int key_get(struct lesson_ctx *ctx, double seconds);

/* Keys pressed during a run, to be read first (see live.h). */
void key_push(const char *keys, size_t n);

/* A line typed at the terminal, echoed and editable as the terminal
 * edits lines, into buf (without its newline); idle() is called about
 * ten times a second while nothing is typed (NULL: never), and ends the
 * wait by returning non-zero.  Returns 0 for a line, 1 when idle ended
 * the wait, or -1 after Ctrl-C or the end of input (ctx->quit is then
 * set). */
int read_line(struct lesson_ctx *ctx, char *buf, size_t len, int (*idle)(void));

/* Around running a typed command: the terminal as the user had it. */
void keys_cooked(struct lesson_ctx *ctx);
void keys_raw(struct lesson_ctx *ctx);

/* ---- steps.c ---- */

/* How long --auto stays on step s: auto_secs for every 40 words of its
 * text, 20 lines of its code, and its pictures (counted as 40 words), at
 * least auto_secs. */
double step_pause(const struct lesson_ctx *ctx, const struct lesson_step *s);

/* Show the lesson's steps, by keys or by time.  Returns 1 if the last
 * step was reached. */
int step_through(struct lesson_ctx *ctx);

/* ---- exercise.c ---- */

/* Start watching for step s's exercise of the lesson ctx runs (its
 * report uses aliases for the PIDs under --stable-pids). */
void exercise_begin(const struct lesson_ctx *ctx, const struct lesson_step *s);

/* With keys: "your turn" reads commands and runs them in this shell until
 * the exercise is done, the line is empty (it stays open at the prompt),
 * or the user quits. */
void exercise_turn(struct lesson_ctx *ctx);

#endif
