/* repl.h - the read-parse-run loop, over every kind of input.
 *
 * Each round parses one complete command (the source fetches as many lines
 * as it needs: an open quote, an unfinished if or while, a trailing | or
 * &&, a here-document) and runs it.  A failing command never stops the
 * loop; `exit`, end of input, or (in a script) a syntax error does.
 */
#ifndef FORKSH_REPL_H
#define FORKSH_REPL_H

/* forksh -c 'CMDS': run the string.  Returns the exit status. */
int repl_run_string(const char *cmds);

/* Run cmds (a line a lesson hands over: its traced example, a command
 * typed at a "your turn" step) through the shell's own executor, in this
 * shell, as a command and never as the prompt: no history, no "exit" at
 * the end.  Returns its status. */
int repl_run_command(const char *cmds);

/* forksh FILE, or commands on a non-terminal stdin.  fd is read in blocks;
 * when shared_with_children is set (stdin), the file offset is put back to
 * the end of the current command before it runs, so a command that reads
 * standard input gets the rest of it, as in sh.  A script's descriptor
 * (fd > 2) is the shell's own: it may be moved out of a redirection's way
 * meanwhile, and is closed at the end.  Returns the exit status. */
int repl_run_fd(int fd, int shared_with_children);

/* Run the commands of a file in this shell (the . builtin, start-up
 * files), closing fd at the end.  Returns the status of the last one. */
int repl_run_file(int fd);

/* The interactive prompt.  Returns the exit status. */
int repl_run_interactive(void);

/* Run fn before each prompt (and after each command of a script). */
void repl_on_prompt(void (*fn)(void));

#endif
