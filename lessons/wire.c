/* wire.c - formatting, sending and parsing one record (see wire.h). */
#include "wire.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

double wire_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Append the decimal digits of v at *p (async-signal-safe). */
static void put_num(char **p, long long v)
{
	char digits[24];
	int n = 0;
	unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
	if (v < 0)
		*(*p)++ = '-';
	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	while (n > 0)
		*(*p)++ = digits[--n];
}

void wire_send(int fd, char kind, pid_t pid, pid_t other, double t, int status, const char *text,
	       int passfd)
{
	int saved = errno;
	char buf[WIRE_MAX];
	char *p = buf, *end = buf + sizeof buf;
	long long us = t > 0 ? (long long)(t * 1e6 + 0.5) : 0;
	*p++ = kind;
	*p++ = ' ';
	put_num(&p, pid);
	*p++ = ' ';
	put_num(&p, other);
	*p++ = ' ';
	put_num(&p, us / 1000000);
	*p++ = '.';
	for (long long d = 100000; d > 0; d /= 10)
		*p++ = (char)('0' + us / d % 10);
	*p++ = ' ';
	put_num(&p, status);
	*p++ = ' ';
	for (const char *s = text ? text : ""; *s && p < end; s++)
		*p++ = *s == '\n' ? ' ' : *s;
	struct iovec iov = { buf, (size_t)(p - buf) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(int))];
	} ctl;
	if (passfd >= 0) {
		memset(&ctl, 0, sizeof ctl);
		msg.msg_control = ctl.space;
		msg.msg_controllen = sizeof ctl.space;
		struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &passfd, sizeof(int));
	}
	while (sendmsg(fd, &msg, 0) < 0 && errno == EINTR)
		;
	errno = saved;
}

int wire_parse(char *buf, size_t len, char *kind, long *pid, long *other, double *t, int *status,
	       const char **text)
{
	int used = 0;
	buf[len] = '\0';
	if (sscanf(buf, "%c %ld %ld %lf %d%n", kind, pid, other, t, status, &used) < 5 || used == 0)
		return -1;
	*text = buf + used + (buf[used] == ' '); /* exactly one space: the text's own are kept */
	return 0;
}
