/* capture.h - what the unit tests share: catching what a function writes
 * to a descriptor (stdout, stderr) while it runs.
 *
 * Include after <cmocka.h>.  The functions are static inline so that a
 * test program that uses only some of them gets no unused-function
 * warnings.
 */
#ifndef FORKSH_TEST_CAPTURE_H
#define FORKSH_TEST_CAPTURE_H

#include <stdio.h>
#include <unistd.h>

#include "../../shell/util.h"

struct capture {
	int fd;      /* the descriptor being captured */
	int saved;   /* a copy of what it was */
	FILE *tmp;   /* where it goes meanwhile */
};

/* Send fd to a temporary file until capture_end. */
static inline void capture_begin(struct capture *c, int fd)
{
	fflush(stdout);
	fflush(stderr);
	c->fd = fd;
	c->tmp = tmpfile();
	assert_non_null(c->tmp);
	c->saved = dup(fd);
	assert_true(c->saved >= 0);
	assert_true(dup2(fileno(c->tmp), fd) == fd);
}

/* Restore the descriptor and return everything written to it (a new
 * string, never NULL). */
static inline char *capture_end(struct capture *c)
{
	fflush(stdout);
	fflush(stderr);
	dup2(c->saved, c->fd);
	close(c->saved);
	struct strbuf sb;
	sb_init(&sb);
	rewind(c->tmp);
	char buf[512];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, c->tmp)) > 0)
		sb_addn(&sb, buf, n);
	fclose(c->tmp);
	return sb.buf ? sb_steal(&sb) : xstrdup("");
}

#endif
