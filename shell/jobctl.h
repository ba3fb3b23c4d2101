/* jobctl.h - job control: process groups and who owns the terminal.
 *
 * In an interactive shell every job (a whole pipeline) is a process group of
 * its own.  The terminal sends Ctrl-C, Ctrl-\ and Ctrl-Z to its foreground
 * process group only, so handing the terminal to the job (tcsetpgrp) is what
 * makes those keys hit the job and not the shell.  The shell takes the
 * terminal back when the job ends or stops, and restores its own terminal
 * modes, because a stopped program (an editor, say) may have changed them.
 */
#ifndef FORKSH_JOBCTL_H
#define FORKSH_JOBCTL_H

#include <sys/types.h>
#include <termios.h>

/* Is job control on (interactive shell with a usable terminal)? */
int jobctl_enabled(void);

/* Turn job control on: wait until the shell is in the foreground, put it in
 * a process group of its own, take the terminal and remember its modes.
 * Returns 0, or -1 (job control stays off) if there is no terminal. */
int jobctl_init(void);

/* In a freshly forked child: join process group pgid (0: start a new one
 * with this PID) and, for a foreground job, take the terminal.  Done in the
 * child as well as the parent, so neither order of running can race. */
void jobctl_child(pid_t pgid, int foreground);

/* In the parent after fork: the same, from the shell's side.  Returns the
 * process group the child is in. */
pid_t jobctl_parent(pid_t child, pid_t pgid, int foreground);

/* Give the terminal to process group pgid; with modes non-NULL, also set
 * those terminal modes first (resuming a job that had its own). */
void jobctl_give_terminal(pid_t pgid, const struct termios *modes);

/* Take the terminal back for the shell and restore the shell's modes;
 * with save non-NULL, first store the modes the job left behind. */
void jobctl_take_terminal(struct termios *save);

/* In a forked child: it is not the interactive shell, so it must not manage
 * process groups or the terminal itself (a background list's commands stay
 * in the list's group). */
void jobctl_disable(void);

/* Job control off: the shell goes back into the process group it started
 * in and gives that group the terminal (at exit, and for `set +m`). */
void jobctl_shutdown(void);

#endif
