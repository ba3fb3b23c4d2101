/* liverec.h - what the unit tests of live runs share (test_lessons.c,
 * test_shellrec.c): the lesson context a run fills, the view of its
 * record, and the questions every such test asks of it (the root, a
 * process by PID, its children, whether all were reaped).
 *
 * Include after <cmocka.h>, once per test program: it defines the static
 * ctx and v the tests fill.  The helpers are static inline so that a test
 * program that uses only some of them gets no unused-function warnings.
 */
#ifndef FORKSH_TEST_LIVEREC_H
#define FORKSH_TEST_LIVEREC_H

#include <string.h>
#include <sys/wait.h>

#include "../../lessons/lessons.h"
#include "../../lessons/pictures.h"

static struct lesson_ctx ctx;
static struct rec_view v;

/* After each test: free the run and check that nothing of it is left, no
 * child and no zombie. */
static inline int teardown(void **state)
{
	(void)state;
	rec_view_free(&v);
	if (ctx.have_run)
		live_free(&ctx.run);
	memset(&ctx, 0, sizeof ctx);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	return 0;
}

/* The run's first process (the test fails when there is none). */
static inline const struct rec_proc *root(void)
{
	size_t i = rec_view_root(&v);
	assert_true(i != REC_NONE);
	return &v.p[i];
}

/* The process pid of the run (the test fails when it is not there). */
static inline const struct rec_proc *proc_of(pid_t pid)
{
	size_t i = rec_view_find(&v, pid);
	assert_true(i != REC_NONE);
	return &v.p[i];
}

/* The first max children of p, in fork order; returns how many. */
static inline size_t kids_of(const struct rec_proc *p, const struct rec_proc **out, size_t max)
{
	size_t n = 0;
	for (size_t k = 0; k < p->nkids && n < max; k++)
		out[n++] = &v.p[v.kids[p->first + k]];
	return n;
}

/* Every process of the run ended and was reaped, the exit first. */
static inline void assert_all_reaped(void)
{
	for (size_t i = 0; i < v.n; i++) {
		assert_true(v.p[i].ended);
		assert_true(v.p[i].reaped);
		assert_true(v.p[i].end_t <= v.p[i].reap_t);
	}
}

#endif
