/* wire.c - formatting and sending one record line (see wire.h). */
#include "wire.h"

#include <limits.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

double wire_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void wire_send(int fd, char kind, pid_t pid, pid_t other, double t, const char *text)
{
	char buf[PIPE_BUF];
	int n = snprintf(buf, sizeof buf, "%c %ld %ld %.6f ", kind, (long)pid, (long)other, t);
	if (n < 0)
		return;
	size_t len = (size_t)n;
	/* One line per record: newlines in the text become spaces, and the
	 * text is cut so the record fits one atomic pipe write. */
	for (const char *p = text ? text : ""; *p && len < sizeof buf - 2; p++)
		buf[len++] = *p == '\n' ? ' ' : *p;
	buf[len++] = '\n';
	ssize_t w = write(fd, buf, len);
	(void)w;
}
