/* redir.c - redirections: open the file, dup2 it into place, close the
 * original.  Every descriptor the shell opens is O_CLOEXEC, so nothing leaks
 * into a child except what a redirection asked for (dup2 clears the flag on
 * the new descriptor, which is exactly the one the child should have). */
#include "redir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "events.h"
#include "expand.h"
#include "number.h"
#include "proc.h"
#include "shell.h"
#include "util.h"
#include <sys/stat.h>

CHILD_PATH void close_fd(int fd)
{
	EV(EV_CLOSE, .a = fd);
	close(fd);
}

CHILD_PATH int fd_move(int from, int to)
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

int fd_copy_private(int fd)
{
	int nfd = fcntl(fd, F_DUPFD_CLOEXEC, FD_PRIVATE_MIN);
	if (nfd >= 0 || errno != EINVAL)
		return nfd;
	/* EINVAL: RLIMIT_NOFILE is FD_PRIVATE_MIN or less, so no such
	 * descriptor can exist.  Take the highest free number above 2, as far
	 * as can be from the ones users name first. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return -1;
	int top = rl.rlim_cur < FD_PRIVATE_MIN ? (int)rl.rlim_cur : FD_PRIVATE_MIN;
	for (int cand = top - 1; cand > 2; cand--)
		if (fcntl(cand, F_GETFD) < 0 && errno == EBADF)
			return fcntl(fd, F_DUPFD_CLOEXEC, cand);
	errno = EMFILE;
	return -1;
}

int fd_lift_private(int fd)
{
	if (fd >= FD_PRIVATE_MIN)
		return fd;
	int nfd = fd_copy_private(fd);
	if (nfd >= 0)
		close(fd);
	return nfd;
}

/* The shell's own descriptors (see fd_private_track).  A handful at most:
 * the signal self-pipe, the trace copy of stderr, the script. */
#define PRIVATE_MAX 8
static int *private_fds[PRIVATE_MAX];

void fd_private_track(int *fdp)
{
	for (int i = 0; i < PRIVATE_MAX; i++) {
		if (!private_fds[i]) {
			private_fds[i] = fdp;
			return;
		}
	}
}

void fd_private_untrack(int *fdp)
{
	for (int i = 0; i < PRIVATE_MAX; i++)
		if (private_fds[i] == fdp)
			private_fds[i] = NULL;
}

/* Move the descriptor *fdp to another free number, close-on-exec as
 * before.  Returns 0 or -1 with errno set. */
static int move_private(int *fdp)
{
	int nfd = fd_copy_private(*fdp);
	if (nfd < 0)
		return -1;
	close(*fdp);
	*fdp = nfd;
	return 0;
}

/* Before a redirection changes descriptor fd: if the shell keeps one of its
 * own descriptors under that number, or a copy saved for this very
 * command, move it out of the way first.  That happens only when
 * RLIMIT_NOFILE left no room at 10 and above (fd_copy_private), where a
 * user's `exec 9>log` would otherwise have replaced the script being read.
 * Returns 0 or -1 after printing why. */
static int make_room(int fd, struct redir_save *save)
{
	if (fd < 3)
		return 0;
	for (int i = 0; i < PRIVATE_MAX; i++)
		if (private_fds[i] && *private_fds[i] == fd && move_private(private_fds[i]) < 0)
			return sh_error("%d: cannot move the shell's own descriptor: %s", fd, strerror(errno));
	for (size_t i = 0; save && i < save->n; i++)
		if (save->v[i].saved == fd && move_private(&save->v[i].saved) < 0)
			return sh_error("%d: cannot move a saved descriptor: %s", fd, strerror(errno));
	return 0;
}

/* Remember fd's current state once, before the first change to it. */
static int save_fd(struct redir_save *save, int fd)
{
	for (size_t i = 0; i < save->n; i++)
		if (save->v[i].fd == fd)
			return 0;
	int saved = fd_copy_private(fd);
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
	case R_OUT:
	case R_CLOBBER: return O_WRONLY | O_CREAT | O_TRUNC;
	case R_APPEND: return O_WRONLY | O_CREAT | O_APPEND;
	case R_RDWR: return O_RDWR | O_CREAT;
	default: return -1;
	}
}

/* Open the file of a redirection.  With set -C, > does not overwrite an
 * existing regular file (other files, /dev/null say, are fine).  Returns
 * the descriptor, or -1 with errno set (EEXIST: the noclobber refusal). */
static int open_target(const char *path, enum redir_kind kind)
{
	int flags = open_flags(kind) | O_CLOEXEC;
	int fd;
	if (kind == R_OUT && sh.opt[OPT_C]) {
		fd = open(path, (flags & ~O_TRUNC) | O_EXCL, 0666);
		if (fd < 0 && errno == EEXIST) {
			struct stat st;
			if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
				fd = open(path, O_WRONLY | O_CLOEXEC);
			else
				errno = EEXIST;
		}
	} else {
		fd = open(path, flags, 0666);
	}
	EV(EV_OPEN, .str = path, .b = flags, .a = fd, .err = fd < 0 ? errno : 0);
	return fd;
}

/* The descriptor of a here-document's body: a pipe holding it when it
 * fits in the pipe's buffer (no process is needed to feed it), otherwise
 * an unlinked temporary file.  Returns the descriptor or -1. */
static int heredoc_fd(const char *text)
{
	size_t len = strlen(text);
	int p[2];
	if (pipe2(p, O_CLOEXEC) == 0) {
		int cap = fcntl(p[1], F_GETPIPE_SZ);
		if (cap > 0 && len <= (size_t)cap) {
			EV(EV_PIPE, .a = p[0], .b = p[1]);
			if (write_all(p[1], text, len) == 0) {
				EV(EV_HEREDOC, .b = (int)len, .str = "pipe (the shell writes it, then closes the write end)");
				close_fd(p[1]);
				return p[0];
			}
		}
		close(p[0]);
		close(p[1]);
	}
	char path[4096];
	int fd = temp_file(path, sizeof path, "heredoc");
	if (fd < 0)
		return -1;
	unlink(path);
	if (write_all(fd, text, len) < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		close(fd);
		return -1;
	}
	EV(EV_HEREDOC, .b = (int)(len > 0x7fffffff ? 0x7fffffff : len), .str = "temporary file (too big for a pipe)");
	return fd;
}

/* The descriptor number in the word of <& or >& (or - to close). */
static int dup_source(const char *w, int *close_it)
{
	*close_it = strcmp(w, "-") == 0;
	if (*close_it)
		return 0;
	long long v;
	return num_parse(w, 0, REDIR_FD_MAX, &v) == NUM_OK ? (int)v : -1;
}

/* One redirection.  Returns 0 or -1 after printing what went wrong. */
static int apply_one(const struct redir *r)
{
	switch (r->kind) {
	case R_DUPIN:
	case R_DUPOUT: {
		char *w = expand_string(r->target);
		if (!w)
			return -1;
		int close_it, from = dup_source(w, &close_it);
		if (from < 0) {
			sh_error("%s: bad file descriptor number (0-%d or -)", sh_arg(w), REDIR_FD_MAX);
			free(w);
			return -1;
		}
		free(w);
		if (close_it) {
			close_fd(r->fd);
			return 0;
		}
		if (fcntl(from, F_GETFD) < 0)
			return sh_error("%d: %s", from, strerror(errno));
		if (from == r->fd)
			return 0;
		EV(EV_DUP2, .a = from, .b = r->fd);
		if (dup2(from, r->fd) < 0)
			return sh_error("%d: %s", r->fd, strerror(errno));
		return 0;
	}
	case R_HEREDOC: {
		char *text = r->doc->quoted || !r->doc->body ? xstrdup(r->doc->text) : expand_string(r->doc->body);
		if (!text)
			return -1;
		int fd = heredoc_fd(text);
		free(text);
		if (fd < 0 || fd_move(fd, r->fd) < 0)
			return sh_error("here-document: %s", strerror(errno));
		return 0;
	}
	default: {
		char *path = expand_string(r->target);
		if (!path)
			return -1;
		int fd = open_target(path, r->kind);
		if (fd < 0 || fd_move(fd, r->fd) < 0) {
			int err = errno;
			if (fd >= 0 && fd != r->fd)
				close(fd);
			if (err == EEXIST)
				sh_error("%s: cannot overwrite existing file (set -C)", sh_arg(path));
			else
				sh_error("%s: %s", sh_arg(path), strerror(err));
			free(path);
			return -1;
		}
		free(path);
		return 0;
	}
	}
}

CHILD_PATH int redir_apply(const struct redir_list *list, struct redir_save *save)
{
	if (save) {
		save->n = 0;
		save->v = NULL;
	}
	for (size_t i = 0; i < list->n; i++) {
		if (make_room(list->v[i].fd, save) < 0)
			return -1;
		if (save && save_fd(save, list->v[i].fd) < 0)
			return sh_error("%d: cannot save descriptor: %s", list->v[i].fd, strerror(errno));
		if (apply_one(&list->v[i]) < 0)
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

int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}
