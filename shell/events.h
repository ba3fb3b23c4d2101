/* events.h - the one stream of process events inside the shell.
 *
 * Every fork, pipe, dup2, close, open, execvp, waitpid, signal sent and job
 * state change the shell makes is announced here, by the process that does
 * it (a child announces its own dup2s and execvp before it execs).  `trace`
 * prints the stream; the lesson engine will record it.  Nothing else prints
 * it.  When nobody listens (the usual case) an event costs one test of a
 * global flag and nothing more: the EV() macro builds nothing.
 */
#ifndef FORKSH_EVENTS_H
#define FORKSH_EVENTS_H

#include <sys/types.h>

enum ev_kind {
	EV_FORK,       /* target = child PID (err set if fork failed); argv = what a
	                * simple command's child will run, else NULL; str = why the
	                * shell forks, when it is not to run a program */
	EV_PIPE,       /* a, b = read end, write end */
	EV_OPEN,       /* str = path, b = open flags, a = resulting fd (err on failure) */
	EV_DUP2,       /* dup2(a, b) */
	EV_CLOSE,      /* close(a) */
	EV_SAVEFD,     /* a builtin's redirection: fd a saved as b */
	EV_EXEC,       /* argv about to be run by execvp */
	EV_EXEC_FAIL,  /* str = name, err = errno */
	EV_WAIT,       /* waitpid reported target with wait status `status` */
	EV_KILL,       /* kill(target, a) (target < 0: a process group) */
	EV_SETPGID,    /* setpgid(target, a) */
	EV_TCSETPGRP,  /* the terminal's foreground group is now a */
	EV_JOB,        /* job a: str = what happened, str2 = its command */
	EV_BUILTIN,    /* str = builtin name: runs in this process, no fork */
	EV_FUNC,       /* str = function name: its body runs in this process, no fork */
	EV_READ,       /* a command substitution read b bytes from fd a until end of file */
	EV_HEREDOC,    /* a here-document of b bytes for fd a: str = "pipe" or "temporary file" */
	EV_REDIR_BLOCK,/* redirections applied to a whole compound command: str = its kind */
	EV_SHELL,      /* str = what the shell itself just did (a trap, umask, ...) */
	EV_EXIT        /* a forked child of the shell ends now: _exit(status) (never the
	                * shell itself, and not a program it exec'd); for recorders,
	                * trace does not print it */
};

struct event {
	enum ev_kind kind;
	pid_t pid;           /* the process that performed it (filled in by ev_emit) */
	int child;           /* performed in a forked child of the shell, not the shell */
	pid_t target;
	int a, b;
	int status;
	int err;
	const char *str;
	const char *str2;
	char *const *argv;
};

typedef void (*ev_sink)(const struct event *e, void *ctx);

/* Non-zero while at least one sink listens. */
extern int ev_on;

/* Add or remove a listener.  Returns 0, or -1 when too many are attached. */
int ev_add_sink(ev_sink fn, void *ctx);
void ev_remove_sink(ev_sink fn, void *ctx);

/* Deliver e to every listener (pid and child are filled in here). */
void ev_emit(struct event *e);

/* Announce an event only if someone listens: EV(EV_CLOSE, .a = fd). */
#define EV(k, ...)                                                   \
	do {                                                         \
		if (ev_on) {                                         \
			struct event ev_ = { .kind = (k), __VA_ARGS__ }; \
			ev_emit(&ev_);                               \
		}                                                    \
	} while (0)

#endif
