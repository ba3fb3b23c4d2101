/* input.h - interactive line input.
 *
 * This module is the only one that includes GNU readline: line editing,
 * history (kept across sessions in $XDG_STATE_HOME/forksh/history) and tab
 * completion all live behind these few functions.  Non-interactive shells
 * never call input_init, so they never touch readline or the history file.
 */
#ifndef FORKSH_INPUT_H
#define FORKSH_INPUT_H

#include <stdio.h>

enum input_result {
	INPUT_LINE,       /* *line is a new string to free */
	INPUT_EOF,        /* Ctrl-D on an empty line */
	INPUT_INTERRUPT   /* Ctrl-C: the line was abandoned */
};

/* Set up readline, completion and the history file.  Problems with the
 * history file are warnings; returns 0. */
int input_init(void);

/* Read one line with the given prompt.  While waiting, finished children are
 * reaped (SIGCHLD wakes the loop) and window size changes are followed. */
enum input_result input_read(const char *prompt, char **line);

/* Remember a line in the history and append it to the history file. */
void input_history_add(const char *line);

/* Print the history (the last `last` entries; all when last < 0). */
void input_history_print(FILE *out, long last);

/* For fc: the numbers of the oldest and the newest entry before the command
 * being run (the newest line added, when it was entered: fc does not count
 * itself among the previous commands).  *newest < *oldest when there are
 * none.  Returns -1 when there is no history at all (no prompt has run: a
 * script, -c), else 0. */
int input_history_span(long *oldest, long *newest);

/* The text of entry n, or NULL when there is none; valid until the
 * history changes. */
const char *input_history_text(long n);

/* Take the command being run back out of the history (when it was entered),
 * so that what fc re-runs stands in its place.  The history file keeps
 * the line: it is only ever appended to, so that several shells can share
 * it. */
void input_history_forget_current(void);

/* Choose vi (1) or emacs (0) editing, for set -o vi / set -o emacs. */
void input_set_vi(int vi);

/* Generators in readline's protocol (state 0 starts anew; each returns a
 * new string or NULL when there are no more), for a builtin's own Tab
 * completion of its arguments: command names (builtins and programs on
 * PATH) as at the start of a line, and file names. */
char *input_complete_command(const char *text, int state);
char *input_complete_file(const char *text, int state);

/* Release readline's state (history stays saved: it is appended per line). */
void input_shutdown(void);

/* The history file's path as chosen from the environment (a new string),
 * or NULL when neither XDG_STATE_HOME nor HOME is set. */
char *input_history_path(void);

#endif
