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

#include <signal.h>

/* Install the shell's dispositions.  Non-interactive shells keep the
 * defaults (a script dies of Ctrl-C like sh); interactive ones catch SIGINT,
 * SIGCHLD and SIGWINCH and ignore SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN and
 * SIGTTOU.  Returns 0, or -1 if the self-pipe cannot be made. */
int sig_init(int interactive);

/* Around fork in a shell that changed dispositions (interactive): block
 * every signal, so that the child starts with them blocked and only
 * unblocks them in sig_child_unblock, once their defaults are back.  A
 * signal sent to the child before that (`sleep 30 & kill %1` typed at
 * once) used to meet the shell's SIG_IGN for SIGTERM and vanish; blocked,
 * it waits and then acts.  sig_hold returns 1 if it blocked anything (old
 * holds the mask to give back with sig_release in the parent), else 0. */
int sig_hold(sigset_t *old);
void sig_release(const sigset_t *old);

/* In a freshly forked child: every signal the shell handles back to its
 * default.  A background command of a shell without job control ignores
 * SIGINT and SIGQUIT, as POSIX asks, so Ctrl-C does not reach it.  The
 * signals sig_hold blocked stay blocked until sig_child_unblock, which the
 * caller runs once the traps' dispositions are settled too. */
void sig_child_defaults(int background);
void sig_child_unblock(void);

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

/* ---- for traps (trap.c) ---- */

/* Remember which signals were ignored when the shell started. */
void sig_note_initial(void);
int sig_ignored_at_start(int sig);

enum sig_disposition { SIGD_DEFAULT, SIGD_IGNORE, SIGD_CATCH };

/* Give sig a disposition: the default, ignored, or caught by the shell's
 * flag-setting handler (sig_take then tells whether it came).  Returns 0
 * or -1 (SIGKILL and SIGSTOP cannot be changed). */
int sig_set_disposition(int sig, enum sig_disposition d);

#endif
