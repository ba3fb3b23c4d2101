/* test_pathexp.c - unit tests for shell/pathexp.c, pathname expansion one
 * wildcard level at a time.
 *
 * Covers: the same names in the same order as one glob(3) call, for
 * patterns over a small tree with wildcards in one and in several levels,
 * hidden names, brackets, quoted wildcards in names, trailing slashes,
 * absolute paths and names that do not exist; nothing at all for a
 * pattern no path can match (longer than PATH_MAX); and a match 300
 * levels deep found, and a 2000-level pattern survived, in a child whose
 * stack is limited to 256 kB (glob(3) alone recursed once per level and
 * overflowed it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../shell/pathexp.h"
#include "../../shell/util.h"

static char tree[] = "/tmp/forksh-test-pathexp-XXXXXX";
static char *old_cwd;

static void touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	close(fd);
}

/* A tree with directories at two levels, hidden entries, a name holding a
 * wildcard character, and a file among directories. */
static int make_tree(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(tree));
	old_cwd = getcwd(NULL, 0);
	assert_int_equal(chdir(tree), 0);
	const char *dirs[] = { "a1", "a1/b1", "a1/b2", "a2", "a2/b1", ".h", ".h/b1", "a-b", "a-b/b9", "A3", "A3/b1",
			       "we*ird", "we*ird/b1", "a1/.hb" };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		assert_int_equal(mkdir(dirs[i], 0755), 0);
	const char *files[] = { "a1/b1/x.c", "a1/b2/y.c", "a2/b1/z.c", "a-b/b9/w.c", "a1/f", "s p", "A3/b1/q.c",
				"we*ird/b1/k.c", ".h/b1/h.c", "a1/.hb/g.c", "top.c" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		touch(files[i]);
	return 0;
}

static int remove_tree(void **state)
{
	(void)state;
	assert_int_equal(chdir(old_cwd), 0);
	free(old_cwd);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tree);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* pathexp_expand and glob(3) give the same list for pattern. */
static void same_as_glob(const char *pattern)
{
	glob_t g;
	memset(&g, 0, sizeof g);
	int rc = glob(pattern, 0, NULL, &g);
	struct strvec out;
	sv_init(&out);
	size_t n = pathexp_expand(pattern, &out);
	size_t want = rc == 0 ? g.gl_pathc : 0;
	if (n != want || out.n != want)
		fail_msg("'%s': %zu names, glob(3) gives %zu", pattern, n, want);
	for (size_t i = 0; i < want; i++)
		if (strcmp(out.v[i], g.gl_pathv[i]) != 0)
			fail_msg("'%s': name %zu is '%s', glob(3) gives '%s'", pattern, i, out.v[i], g.gl_pathv[i]);
	globfree(&g);
	sv_free(&out);
}

static void test_same_as_glob(void **state)
{
	(void)state;
	const char *patterns[] = {
		/* (never ".*" at the top: it matches "..", the shared /tmp,
		 * whose files come and go between two calls) */
		"*", "*/*", "*/*/*.c", "a*/b1/*", "*/b?/", "*/*/", ".h*/*", ".h/*/*", "a[12]/*/*.c", "we\\*ird/*/*",
		"*/nothere/*", "[aA]*/b1/*.c", "a1/*/x.c", "*/b1", "*/.*/*", "*/*/*/*", "a?/b[!1]/*", "*.c",
		"*/*/\\x.c", "a1/b1/x.c", "*/f", "s*", "[", "*[", "*/[a", "a1//*", "*//b1",
	};
	for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
		same_as_glob(patterns[i]);
	/* absolute patterns too */
	char abs[256];
	snprintf(abs, sizeof abs, "%s/*/b*/*.c", tree);
	same_as_glob(abs);
}

static void test_too_long_matches_nothing(void **state)
{
	(void)state;
	struct strvec out;
	sv_init(&out);
	char *p = xmalloc(PATH_MAX + 10);
	memset(p, 'a', PATH_MAX + 8);
	p[0] = '*';
	p[PATH_MAX + 8] = '\0';
	assert_int_equal(pathexp_expand(p, &out), 0);
	assert_int_equal(out.n, 0);
	free(p);
	sv_free(&out);
}

/* In a child with a 256 kB stack: expand pattern, and exit 0 if it gave
 * exactly want names (want_first, if not NULL, the first).  Returns how
 * the child ended (a wait status). */
static int in_small_stack(const char *pattern, size_t want, const char *want_first)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { 256 * 1024, 256 * 1024 };
		if (setrlimit(RLIMIT_STACK, &rl) < 0)
			_exit(3);
		struct strvec out;
		sv_init(&out);
		size_t n = pathexp_expand(pattern, &out);
		_exit(n == want && (!want_first || (n > 0 && strcmp(out.v[0], want_first) == 0)) ? 0 : 1);
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	return ws;
}

static void test_deep_patterns_in_a_small_stack(void **state)
{
	(void)state;
	struct strbuf dir, pat;
	sb_init(&dir);
	sb_init(&pat);
	for (int i = 0; i < 300; i++) {
		sb_adds(&dir, i ? "/d" : "d");
		assert_int_equal(mkdir(dir.buf, 0755), 0);
		sb_adds(&pat, "?/");
	}
	sb_adds(&dir, "/found.txt");
	touch(dir.buf);
	sb_adds(&pat, "f*.txt");
	int ws = in_small_stack(pat.buf, 1, dir.buf);
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
		fail_msg("a match 300 levels deep: child ended with wait status %#x", ws);

	sb_reset(&pat);
	for (int i = 0; i < 2000; i++)
		sb_adds(&pat, "*/");
	sb_adds(&pat, "x");
	ws = in_small_stack(pat.buf, 0, NULL);
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
		fail_msg("a 2000-level pattern: child ended with wait status %#x", ws);
	sb_free(&dir);
	sb_free(&pat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_glob),
		cmocka_unit_test(test_too_long_matches_nothing),
		cmocka_unit_test(test_deep_patterns_in_a_small_stack),
	};
	return cmocka_run_group_tests(tests, make_tree, remove_tree);
}
