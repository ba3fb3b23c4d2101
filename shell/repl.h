/* repl.h - the read-parse-run loop, over three kinds of input.
 *
 * Each loop reads one logical line (more physical lines while the parser
 * says the command is incomplete: an open quote, a trailing | or &&),
 * parses it into a tree and runs it.  A failing command never stops the
 * loop; `exit`, end of input, or (in a script) a syntax error does.
 */
#ifndef FORKSH_REPL_H
#define FORKSH_REPL_H

/* forksh -c 'CMDS': run the string.  Returns the exit status. */
int repl_run_string(const char *cmds);

/* forksh FILE, or commands on a non-terminal stdin.  fd is read in blocks;
 * when shared_with_children is set (stdin), the file offset is put back to
 * the end of the current command before it runs, so a command that reads
 * standard input gets the rest of it, as in sh.  A script's descriptor
 * (fd > 2) is the shell's own: it may be moved out of a redirection's way
 * meanwhile, and is closed at the end.  Returns the exit status. */
int repl_run_fd(int fd, int shared_with_children);

/* The interactive prompt.  Returns the exit status. */
int repl_run_interactive(void);

#endif
