/* redir.h - applying a command's redirections with open and dup2.
 *
 * In a child, redirections are simply applied before execvp.  A builtin runs
 * in the shell itself, so its redirections must be undone afterwards: each
 * descriptor is first copied to a close-on-exec descriptor >= 10 and put back
 * by redir_restore.
 */
#ifndef FORKSH_REDIR_H
#define FORKSH_REDIR_H

#include <stddef.h>

#include "node.h"

struct redir_save {
	size_t n;
	struct { int fd; int saved; } *v;  /* saved == -1: fd was closed before */
};

/* Apply the redirections of list in order (expanding their words).  With
 * save non-NULL, remember how to undo them.  Returns 0, or -1 after
 * printing the reason (the redirections applied so far stay applied;
 * redir_restore still undoes them). */
int redir_apply(const struct redir_list *list, struct redir_save *save);

/* write() all of buf to fd, retrying on EINTR and short writes.  Returns 0
 * or -1 with errno set. */
int write_all(int fd, const char *buf, size_t len);

/* Undo what redir_apply recorded and free the record. */
void redir_restore(struct redir_save *save);

/* Make `to` a copy of `from` and close `from`; when they are equal, just make
 * sure the descriptor survives exec.  Returns 0 or -1 with errno set. */
int fd_move(int from, int to);

/* close(fd), announced on the event stream (for trace). */
void close_fd(int fd);

/* Return a close-on-exec copy of fd numbered at least min, closing fd (or
 * fd itself when it is already there).  Returns the new descriptor, or -1
 * with errno set (fd is then still open). */
int fd_lift(int fd, int min);

/* The shell's own descriptors (the script it reads, the signal self-pipe,
 * trace's copy of stderr, copies saved around a builtin's redirections)
 * live at FD_PRIVATE_MIN and above, out of the 0-9 that redirections name,
 * and are close-on-exec. */
#define FD_PRIVATE_MIN 10

/* The highest descriptor a redirection may name: one digit, N> and >&N
 * alike, as in dash (10 and up are the shell's own). */
#define REDIR_FD_MAX 9

/* A close-on-exec copy of fd at FD_PRIVATE_MIN or above; when RLIMIT_NOFILE
 * is 10 or less and no such number exists, the highest free number above 2
 * instead (track it with fd_private_track, so that a redirection to that
 * number moves it first).  fd stays open.  Returns the copy, or -1 with
 * errno set (EBADF: fd is not open; EMFILE: no free number). */
int fd_copy_private(int fd);

/* fd_copy_private, then close fd (fd itself if it is already at
 * FD_PRIVATE_MIN or above).  Returns the new descriptor or -1 (fd is then
 * still open). */
int fd_lift_private(int fd);

/* Register (or forget) a variable holding one of the shell's own
 * descriptors: if a redirection is about to use its number, the descriptor
 * is moved and the variable updated. */
void fd_private_track(int *fdp);
void fd_private_untrack(int *fdp);

#endif
