/* shellrec.c - forksh's executor, recorded inside a lesson process (see
 * shellrec.h): an event sink that sends records, and an output capture
 * that attributes every write to the process that made it.
 */
#include "shellrec.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../shell/eval.h"
#include "../shell/events.h"
#include "../shell/jobs.h"
#include "../shell/shell.h"
#include "../shell/trace.h"
#include "../shell/vars.h"
#include "live.h"
#include "wire.h"

/* ---- events in, records out ---- */

void shellrec_event(const struct event *e, void *ctx)
{
	struct shellrec *r = ctx;
	double t = wire_now() - r->t0;
	switch (e->kind) {
	case EV_FORK:
		/* Sent by the parent before proc_fork lets the child go on
		 * (it waits on a pipe while anyone listens to events), so the
		 * fork is on record before anything the child does. */
		if (e->target > 0)
			wire_send(r->fd, 'F', e->target, e->pid, t, 0, e->str, -1);
		break;
	case EV_EXEC:
		r->witness = lesson_exec_witness(e->argv);
		break;
	case EV_EXEC_FAIL:
		lesson_exec_failed(r->witness);
		r->witness = -1;
		break;
	case EV_EXIT:
		wire_send(r->fd, 'X', e->pid, 0, t, W_EXITCODE(e->status & 0xff, 0), NULL, -1);
		break;
	case EV_WAIT:
		if (WIFEXITED(e->status) || WIFSIGNALED(e->status))
			wire_send(r->fd, 'W', e->pid, e->target, t, e->status, NULL, -1);
		break;
	default:
		break;
	}
}

/* ---- the output capture ---- */

static struct {
	int on;
	int rec_fd;
	double t0;
	int rd[2];            /* read ends: the capture of descriptors 1 and 2 */
	int stop[2];          /* a byte on it: send what is left, then end */
	int saved[2];         /* copies of the descriptors 1 and 2 it replaced */
	FILE *out, *err;      /* stdout and stderr while it runs (on 1 and 2) */
	FILE *old_out, *old_err;
	pthread_t thread;
} cap = { .rd = { -1, -1 }, .stop = { -1, -1 }, .saved = { -1, -1 } };

/* Seconds from b to a. */
static double ts_diff(const struct timespec *a, const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) + (double)(a->tv_nsec - b->tv_nsec) / 1e9;
}

/* A kernel timestamp (CLOCK_REALTIME, when the write was made) as seconds
 * since the run started on the monotonic clock the records use.  The two
 * clocks are read close together (the real one on both sides of the
 * monotonic one, again if the thread was held up in between), so that
 * the time is right to a few microseconds even on a busy machine. */
static double run_time(const struct timespec *ts)
{
	struct timespec r1, r2;
	double mono = 0, ago = 0, gap = 1;
	for (int tries = 0; tries < 5 && gap > 20e-6; tries++) {
		clock_gettime(CLOCK_REALTIME, &r1);
		double m = wire_now();
		clock_gettime(CLOCK_REALTIME, &r2);
		double g = ts_diff(&r2, &r1);
		if (g < gap) {
			gap = g;
			mono = m;
			ago = ts_diff(&r1, ts) + g / 2; /* from the write to the monotonic reading */
		}
	}
	if (ago < 0)
		ago = 0;
	return mono - ago - cap.t0;
}

/* Receive every message waiting on stream (0: standard output, 1: error)
 * and send each line of it as a record of its writer.  A write without a
 * final newline is a line of its own, as for the lessons' stdio streams.
 * Returns 0 when the stream is at its end (every writer gone), 1 if not. */
static int drain(int stream)
{
	static char buf[65536];
	for (;;) {
		union {
			struct cmsghdr h;
			char space[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(struct timespec))];
		} ctl;
		struct iovec iov = { buf, sizeof buf };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
				      .msg_controllen = sizeof ctl.space };
		ssize_t n = recvmsg(cap.rd[stream], &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return 1; /* nothing more now */
		if (n == 0)
			return 0;
		pid_t pid = 0;
		double t = -1;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
			if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
				struct ucred cred;
				memcpy(&cred, CMSG_DATA(c), sizeof cred);
				pid = cred.pid;
			} else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
				struct timespec ts;
				memcpy(&ts, CMSG_DATA(c), sizeof ts);
				t = run_time(&ts);
			}
		}
		if (t < 0)
			t = wire_now() - cap.t0;
		size_t done = 0, size = (size_t)n;
		while (done < size) {
			char line[WIRE_MAX - 64];
			size_t k = 0;
			while (done + k < size && buf[done + k] != '\n' && k < sizeof line - 1)
				k++;
			memcpy(line, buf + done, k);
			line[k] = '\0';
			wire_send(cap.rec_fd, 'S', pid, 0, t, stream + 1, line, -1);
			done += k;
			if (done < size && buf[done] == '\n')
				done++;
		}
	}
}

/* The reader thread: wait for writes on both captures and pass them on,
 * until every writer is gone or it is told to stop (then it sends what is
 * already there first). */
static void *reader(void *arg)
{
	(void)arg;
	struct pollfd p[3] = { { .fd = cap.rd[0], .events = POLLIN },
			       { .fd = cap.rd[1], .events = POLLIN },
			       { .fd = cap.stop[0], .events = POLLIN } };
	while (p[0].fd >= 0 || p[1].fd >= 0) {
		if (poll(p, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		int stopping = p[2].revents != 0;
		for (int i = 0; i < 2; i++)
			if (p[i].fd >= 0 && (stopping || p[i].revents) && drain(i) == 0)
				p[i].fd = -1; /* poll ignores it from now on */
		if (stopping)
			break;
	}
	return NULL;
}

/* One capture socket pair: the read end gets each writer's credentials
 * and the time of each write.  Returns 0 or -1 (errno set). */
static int capture_pair(int sv[2])
{
	int one = 1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	if (setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &one, sizeof one) == 0 &&
	    setsockopt(sv[0], SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one) == 0)
		return 0;
	int err = errno;
	close(sv[0]);
	close(sv[1]);
	sv[0] = sv[1] = -1;
	errno = err;
	return -1;
}

/* Close every descriptor in fds[0..n) that is open, and mark it closed. */
static void close_all(int *fds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		fds[i] = -1;
	}
}

/* A line-buffered stream on descriptor fd in place of *fp (the old one is
 * kept in *old): a line reaches the capture in one write, so it is one
 * record, whole. */
static FILE *swap_stream(FILE **fp, int fd, FILE **old)
{
	FILE *f = fdopen(fd, "w");
	*old = *fp;
	if (f) {
		setvbuf(f, NULL, _IOLBF, 0);
		*fp = f;
	}
	return f;
}

int shellrec_capture_start(int fd, double t0)
{
	int out[2] = { -1, -1 }, err[2] = { -1, -1 }, rc = 0;
	if (cap.on) {
		errno = EBUSY;
		return -1;
	}
	cap.rec_fd = fd;
	cap.t0 = t0;
	fflush(stdout);
	fflush(stderr);
	if (capture_pair(out) < 0 || capture_pair(err) < 0 || pipe2(cap.stop, O_CLOEXEC) < 0 ||
	    (cap.saved[0] = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 10)) < 0 ||
	    (cap.saved[1] = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 10)) < 0)
		goto fail;
	cap.rd[0] = out[0];
	cap.rd[1] = err[0];
	/* The thread takes no signal: they are the shell's business. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&cap.thread, NULL, reader, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		errno = rc;
		goto fail;
	}
	/* dup2 leaves 1 and 2 inheritable: the commands write on them */
	dup2(out[1], STDOUT_FILENO);
	dup2(err[1], STDERR_FILENO);
	close(out[1]);
	close(err[1]);
	cap.out = swap_stream(&stdout, STDOUT_FILENO, &cap.old_out);
	cap.err = swap_stream(&stderr, STDERR_FILENO, &cap.old_err);
	cap.on = 1;
	return 0;
fail:
	rc = errno;
	close_all(out, 2);
	close_all(err, 2);
	close_all(cap.stop, 2);
	close_all(cap.saved, 2);
	cap.rd[0] = cap.rd[1] = -1;
	errno = rc;
	return -1;
}

void shellrec_capture_stop(void)
{
	if (!cap.on)
		return;
	fflush(stdout);
	fflush(stderr);
	stdout = cap.old_out;
	stderr = cap.old_err;
	/* fclose closes 1 and 2 (the capture's write ends); then the saved
	 * descriptors go back in their place */
	if (cap.out)
		fclose(cap.out);
	if (cap.err)
		fclose(cap.err);
	dup2(cap.saved[0], STDOUT_FILENO);
	dup2(cap.saved[1], STDERR_FILENO);
	char c = 's';
	while (write(cap.stop[1], &c, 1) < 0 && errno == EINTR)
		;
	pthread_join(cap.thread, NULL);
	close_all(cap.rd, 2);
	close_all(cap.stop, 2);
	close_all(cap.saved, 2);
	cap.out = cap.err = NULL;
	cap.on = 0;
}

/* ---- running text ---- */

static struct shellrec sink_ctx = { .fd = -1, .witness = -1 };

int shellrec_run(const char *text)
{
	int fd = lesson_record_fd();
	if (fd < 0) {
		sh_error("lesson: shell text runs only inside a lesson process");
		return -1;
	}
	/* A shell of its own for the text, as `forksh -c` would be: its own
	 * $$ and $PPID, no jobs of the shell it was copied from, no trace
	 * going to that shell's terminal (the text may turn its own on). */
	char num[24];
	sh.pid = getpid();
	snprintf(num, sizeof num, "%ld", (long)getppid());
	var_set("PPID", num);
	jobs_forget();
	if (trace_enabled())
		trace_set(0);
	if (shellrec_capture_start(fd, lesson_record_t0()) < 0) {
		sh_error("lesson: cannot capture the output of the commands: %s", strerror(errno));
		return -1;
	}
	sink_ctx = (struct shellrec){ .fd = fd, .t0 = lesson_record_t0(), .witness = -1 };
	int status = -1;
	if (ev_add_sink(shellrec_event, &sink_ctx) == 0) {
		status = eval_text(text, strlen(text), 0);
		ev_remove_sink(shellrec_event, &sink_ctx);
	} else {
		sh_error("lesson: too many listeners to the shell's events");
	}
	if (trace_enabled())
		trace_set(0); /* its descriptor is the capture's */
	shellrec_capture_stop();
	return status;
}
