/* redir.c - redirections: open the file, dup2 it into place, close the
 * original.  Every descriptor the shell opens is O_CLOEXEC, so nothing leaks
 * into a child except what a redirection asked for (dup2 clears the flag on
 * the new descriptor, which is exactly the one the child should have). */
#include "redir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "events.h"
#include "expand.h"
#include "shell.h"
#include "util.h"

void close_fd(int fd)
{
	EV(EV_CLOSE, .a = fd);
	close(fd);
}

int fd_move(int from, int to)
{
	if (from == to) {
		int fl = fcntl(to, F_GETFD);
		return fl < 0 ? -1 : fcntl(to, F_SETFD, fl & ~FD_CLOEXEC);
	}
	EV(EV_DUP2, .a = from, .b = to);
	if (dup2(from, to) < 0)
		return -1;
	close_fd(from);
	return 0;
}

int fd_lift(int fd, int min)
{
	if (fd >= min)
		return fd;
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, min);
	if (nfd >= 0)
		close(fd);
	return nfd;
}

/* Remember fd's current state once, before the first change to it. */
static int save_fd(struct redir_save *save, int fd)
{
	for (size_t i = 0; i < save->n; i++)
		if (save->v[i].fd == fd)
			return 0;
	int saved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (saved < 0 && errno != EBADF)
		return -1;
	if (saved >= 0)
		EV(EV_SAVEFD, .a = fd, .b = saved);
	save->v = xrealloc(save->v, (save->n + 1) * sizeof *save->v);
	save->v[save->n].fd = fd;
	save->v[save->n].saved = saved;
	save->n++;
	return 0;
}

static int open_flags(enum redir_kind kind)
{
	switch (kind) {
	case R_IN: return O_RDONLY;
	case R_OUT: return O_WRONLY | O_CREAT | O_TRUNC;
	case R_APPEND: return O_WRONLY | O_CREAT | O_APPEND;
	default: return -1;
	}
}

/* One redirection.  Returns 0 or -1 after printing what went wrong. */
static int apply_one(const struct redir *r)
{
	switch (r->kind) {
	case R_CLOSE:
		close_fd(r->fd);
		return 0;
	case R_DUP:
		if (fcntl(r->dup_from, F_GETFD) < 0)
			return sh_error("%d: %s", r->dup_from, strerror(errno));
		if (r->dup_from == r->fd)
			return 0;
		EV(EV_DUP2, .a = r->dup_from, .b = r->fd);
		if (dup2(r->dup_from, r->fd) < 0)
			return sh_error("%d: %s", r->fd, strerror(errno));
		return 0;
	case R_IN:
	case R_OUT:
	case R_APPEND: {
		char *path = expand_single(r->target.text);
		int flags = open_flags(r->kind) | O_CLOEXEC;
		int fd = open(path, flags, 0666);
		EV(EV_OPEN, .str = path, .b = flags, .a = fd, .err = fd < 0 ? errno : 0);
		if (fd < 0 || fd_move(fd, r->fd) < 0) {
			int err = errno;
			if (fd >= 0 && fd != r->fd)
				close(fd);
			char buf[96];
			sh_error("%s: %s", sh_short_name(path, buf, sizeof buf), strerror(err));
			free(path);
			return -1;
		}
		free(path);
		return 0;
	}
	}
	return -1;
}

int redir_apply(const struct redir *r, size_t n, struct redir_save *save)
{
	if (save) {
		save->n = 0;
		save->v = NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (save && save_fd(save, r[i].fd) < 0)
			return sh_error("%d: cannot save descriptor: %s", r[i].fd, strerror(errno));
		if (apply_one(&r[i]) < 0)
			return -1;
	}
	return 0;
}

void redir_restore(struct redir_save *save)
{
	/* Undo in reverse order so that a descriptor changed twice ends up as
	 * it was before the first change. */
	for (size_t i = save->n; i-- > 0;) {
		if (save->v[i].saved < 0) {
			close_fd(save->v[i].fd);
		} else {
			EV(EV_DUP2, .a = save->v[i].saved, .b = save->v[i].fd);
			dup2(save->v[i].saved, save->v[i].fd);
			close_fd(save->v[i].saved);
		}
	}
	free(save->v);
	save->v = NULL;
	save->n = 0;
}
