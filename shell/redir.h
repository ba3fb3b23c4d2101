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

/* Return a close-on-exec copy of fd numbered at least min, closing fd; used
 * to keep the shell's own descriptors out of the 0-9 range users redirect.
 * Returns the new descriptor, or -1 with errno set (fd is then still open). */
int fd_lift(int fd, int min);

#endif
