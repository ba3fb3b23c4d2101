/* trap.h - commands the shell runs when a signal arrives or it exits
 * (the trap builtin sets them; see builtins/trap.c).
 *
 * A signal handler only notes that the signal came; the command runs
 * between commands, from eval_node(), and while the shell waits for a
 * child, never inside the handler.
 */
#ifndef FORKSH_TRAP_H
#define FORKSH_TRAP_H

/* Run the commands of the traps whose signals arrived since last time. */
void trap_run_pending(void);

/* Run the EXIT trap, if one is set (once). */
void trap_run_exit(void);

#endif
