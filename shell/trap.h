/* trap.h - commands the shell runs when a signal arrives or it exits
 * (set by the trap builtin, builtins/trap.c).
 *
 * A trapped signal's handler only notes that the signal came; its command
 * runs between commands (from eval_node), after the foreground command it
 * interrupted has finished, and at once when the shell is in `wait` or
 * `read`: never inside the handler.
 */
#ifndef FORKSH_TRAP_H
#define FORKSH_TRAP_H

#include <stdio.h>

#define TRAP_EXIT 0  /* the EXIT condition's number */

/* Set the action for signal sig (TRAP_EXIT for EXIT): text to run, "" to
 * ignore the signal, NULL to give it back its default.  Returns 0, or -1
 * when the signal cannot be trapped (KILL, STOP; or ignored when a
 * non-interactive shell started, which is silently kept). */
int trap_set(int sig, const char *action);

/* The action for sig, or NULL when none is set. */
const char *trap_get(int sig);

/* Print the traps as commands that set them again (trap, trap -p). */
void trap_print(FILE *out);

/* Run the commands of the traps whose signals arrived since last time.
 * $? is kept around them.  Returns the number of the last signal whose
 * trap ran, or 0. */
int trap_run_pending(void);

/* Is a trapped signal waiting to be acted on (wait and read return early
 * for it)?  Returns its number or 0. */
int trap_pending(void);

/* Tell the trap code that sig arrived when someone else took the flag
 * (the prompt takes SIGINT to abandon the line; its trap still runs). */
void trap_note(int sig);

/* Run the EXIT trap, if one is set (once). */
void trap_run_exit(void);

/* In a forked child: traps that run commands go back to their defaults
 * (ignored signals stay ignored), as POSIX says for subshells. */
void trap_child_reset(void);

#endif
