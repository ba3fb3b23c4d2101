/* signals.h - the shell's own signal dispositions, and the defaults its
 * children get back.
 *
 * An interactive shell must survive Ctrl-C, Ctrl-\ and friends, while the
 * commands it runs must not inherit that immunity.  Handlers here only set a
 * flag and write a byte to a self-pipe, so the prompt loop can wake up in
 * poll() and deal with the signal in normal code.
 */
#ifndef FORKSH_SIGNALS_H
#define FORKSH_SIGNALS_H

/* Install the shell's dispositions.  Non-interactive shells keep the
 * defaults (a script dies of Ctrl-C like sh); interactive ones catch SIGINT,
 * SIGCHLD and SIGWINCH and ignore SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN and
 * SIGTTOU.  Returns 0, or -1 if the self-pipe cannot be made. */
int sig_init(int interactive);

/* In a freshly forked child: every signal back to its default and nothing
 * blocked.  A background command of a shell without job control ignores
 * SIGINT and SIGQUIT, as POSIX asks, so Ctrl-C does not reach it. */
void sig_child_defaults(int background);

/* The read end of the self-pipe (readable when a caught signal arrived), or
 * -1 when no handlers are installed. */
int sig_wakeup_fd(void);

/* Return 1 and clear the flag if sig arrived since the last call. */
int sig_take(int sig);

/* Has sig arrived since the last sig_take(sig)?  Unlike sig_take, the
 * flag stays set for whoever acts on it. */
int sig_caught(int sig);

/* Empty the self-pipe after a wake-up. */
void sig_drain(void);

/* Signal number for "TERM", "SIGTERM", "term" or "15" ("0" is 0, the null
 * signal kill uses to ask whether a process exists); -1 if unknown or out
 * of range. */
int sig_by_name(const char *name);

/* Short name of a signal without "SIG" ("TERM"), from the C library. */
const char *sig_name(int sig);

#endif
