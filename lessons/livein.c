/* livein.c - what a run says, as the engine reads it: the records on the
 * record socket, the output of exec'd programs on the run's descriptors 1
 * and 2 (with the writer and the time from the kernel), the keys pressed
 * meanwhile, and the lines shown as they arrive. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../shell/util.h"
#include "collect.h"
#include "live.h"
#include "liveint.h"
#include "pictures.h"
#include "wire.h"

/* Show one line a lesson process wrote, coloured by its PID on a terminal,
 * with every PID of the run in it replaced by its alias under
 * --stable-pids. */
void live_show_line(struct live_run *run, pid_t pid, const char *text)
{
	/* Ctrl-C may come at any moment during a run; with SIGINT blocked
	 * while the line is written, the handler cannot cut the write short
	 * (EINTR would lose the line).  It runs right after, and the run
	 * stops at the next look at the flag. */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	struct strbuf sb;
	sb_init(&sb);
	if (run->stable_pids) {
		char alias[24];
		snprintf(alias, sizeof alias, "P%-3d ", rec_alias(&run->rec, pid));
		sb_adds(&sb, alias);
		rec_subst_pids(&run->rec, text, &sb);
	} else {
		sb_adds(&sb, text);
	}
	/* A line wider than the terminal is broken at a space and goes on
	 * below, indented further (the record keeps it whole): the terminal
	 * would wrap it to column 0, into the other processes' lines. */
	int colour = run->color ? pid_ansi256(run->stable_pids ? rec_alias(&run->rec, pid) : pid) : -1;
	size_t at = 0, len = sb.len;
	do {
		/* the first part after 2 columns of indent, the rest after 6 */
		size_t avail = run->width > 20 ? (size_t)run->width - (at ? 6 : 2) : 0, n = len - at;
		if (avail && (size_t)text_columns(sb.buf + at, n) > avail) {
			size_t cut = avail;
			while (cut > avail / 2 && sb.buf[at + cut] != ' ')
				cut--;
			if (cut <= avail / 2)
				for (cut = avail; cut > 1 && ((unsigned char)sb.buf[at + cut] & 0xc0) == 0x80; cut--)
					; /* one long word: cut it, but not inside a character */
			n = cut;
		}
		const char *indent = at ? "      " : "  ";
		if (colour >= 0)
			printf("%s\033[38;5;%dm%.*s\033[0m\n", indent, colour, (int)n, sb.buf + at);
		else
			printf("%s%.*s\n", indent, (int)n, sb.buf + at);
		at += n;
		while (at < len && sb.buf[at] == ' ')
			at++;
	} while (at < len);
	sb_free(&sb);
	if (fflush(stdout) != 0 || ferror(stdout))
		run->out_failed = 1; /* nobody reads us any more: stop the run */
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void live_show_note(struct live_run *run, const char *text)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	printf(run->color ? "  \033[1m%s\033[0m\n" : "  %s\n", text);
	if (fflush(stdout) != 0 || ferror(stdout))
		run->out_failed = 1;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

#define BATCH 32

/* A key pressed during a run (raw mode): q, Ctrl-C and Ctrl-D stop the
 * run at once; any other key is kept, and the engine acts on it when the
 * run is over (so h shows the hint then, n goes on). */
static void key_during_run(struct live_run *run)
{
	char c = 'q';
	if (read(STDIN_FILENO, &c, 1) <= 0 || c == 'q' || c == 'Q' || c == 3 || c == 4)
		run->quit_key = 1;
	else if (run->npending < sizeof run->pending)
		run->pending[run->npending++] = c;
}

/* Read whatever records are waiting on the record socket, up to BATCH
 * messages.  Returns 1 if some were read, 0 if none were waiting, or -1 at
 * end of file (every lesson process has closed its end: they have all
 * ended). */
static int take_records(struct live_run *run)
{
	static char bufs[BATCH][WIRE_MAX + 1];
	static union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(int))];
	} ctl[BATCH];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	memset(msgs, 0, sizeof msgs);
	for (int i = 0; i < BATCH; i++) {
		iov[i] = (struct iovec){ bufs[i], WIRE_MAX };
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_control = ctl[i].space;
		msgs[i].msg_hdr.msg_controllen = sizeof ctl[i].space;
	}
	int n = recvmmsg(run->rec_fd, msgs, BATCH, MSG_DONTWAIT | MSG_CMSG_CLOEXEC, NULL);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	/* A record is never empty: an empty message is the end of file
	 * (recvmmsg reports it in every slot it was given). */
	for (int i = 0; i < n; i++) {
		if (msgs[i].msg_len == 0) {
			n = i;
			break;
		}
	}
	if (n <= 0) {
		close(run->rec_fd);
		run->rec_fd = -1;
		return -1;
	}
	run->in_records = 1; /* the buffers above are in use */
	for (int i = 0; i < n; i++) {
		int fd = -1;
		struct cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr);
		if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof fd);
		collect_record(run, bufs[i], msgs[i].msg_len, fd);
	}
	run->in_records = 0;
	return 1;
}

/* Read what is waiting on the run's descriptor k+1 (stdout or stderr of
 * the programs it exec'd): each message with the PID of its writer and
 * its time, both from the kernel.  Returns 1 if something was read, 0 if
 * nothing was waiting, -1 when every writer has gone. */
static int take_output(struct live_run *run, int k)
{
	char buf[WIRE_MAX + 1];
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(struct timespec))];
	} ctl;
	struct iovec iov = { buf, WIRE_MAX };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
			    .msg_controllen = sizeof ctl.space };
	ssize_t n = recvmsg(run->out_fd[k], &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	if (n == 0) {
		close(run->out_fd[k]);
		run->out_fd[k] = -1;
		return -1;
	}
	pid_t pid = 0;
	double t = wire_now() - run->t0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_CREDENTIALS) {
			struct ucred u;
			memcpy(&u, CMSG_DATA(c), sizeof u);
			pid = u.pid;
		} else if (c->cmsg_type == SCM_TIMESTAMPNS) {
			struct timespec ts;
			memcpy(&ts, CMSG_DATA(c), sizeof ts);
			t = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 - run->real0;
		}
	}
	/* A writer the record does not know yet may have announced itself
	 * (forksh-hello does) in a record still waiting: read those first. */
	if (!collect_find(run, pid) && !run->in_records)
		while (run->rec_fd >= 0 && take_records(run) > 0)
			;
	collect_output(run, pid, t < 0 ? 0 : t, k + 1, buf, (size_t)n);
	return 1;
}

void live_drain_output(struct live_run *run)
{
	if (run->draining)
		return;
	run->draining = 1;
	for (int k = 0; k < 2; k++)
		while (run->out_fd[k] >= 0 && take_output(run, k) > 0)
			;
	run->draining = 0;
}

int live_read(struct live_run *run, int timeout_ms)
{
	struct pollfd p[4] = { { .fd = run->rec_fd, .events = POLLIN },
			       { .fd = run->out_fd[0], .events = POLLIN },
			       { .fd = run->out_fd[1], .events = POLLIN },
			       { .fd = run->watch_keys ? STDIN_FILENO : -1, .events = POLLIN } };
	if (poll(p, 4, timeout_ms) <= 0)
		return run->rec_fd < 0 ? -1 : 0;
	if (p[3].revents & (POLLIN | POLLHUP))
		key_during_run(run);
	int got = 0;
	if (run->rec_fd >= 0 && (p[0].revents & (POLLIN | POLLHUP)))
		got = take_records(run);
	if ((p[1].revents | p[2].revents) & (POLLIN | POLLHUP)) {
		live_drain_output(run);
		if (got == 0)
			got = 1;
	}
	if (run->rec_fd < 0)
		return -1;
	return got;
}
