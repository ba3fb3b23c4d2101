/* test_builtins.c - unit tests for the builtins (builtins/cd.c, exit.c,
 * vars.c, info.c, table.c), calling the bi_* functions directly with stdout
 * and stderr captured.
 *
 * Covers cd (directories, PWD/OLDPWD, cd -, HOME, errors and usage), pwd,
 * exit (status, sh.skip = SKIP_EXIT, bad arguments), export and unset, type
 * (builtin, PATH search, not found), help (the list and one builtin),
 * history's argument checks, fc over a history entered here (listing,
 * ranges, re-running in this shell, editing, errors), exec without a
 * command, true/false/:, and builtin_find over the table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../builtins/builtins.h"
#include "../../shell/eval.h"
#include "../../shell/input.h"
#include "../../shell/shell.h"
#include "../../shell/util.h"
#include "../../shell/vars.h"
#include "capture.h"

extern char **environ;

struct result {
	int status;
	char *out;
	char *err;
};

/* Run fn with the NULL-terminated argv, capturing stdout and stderr. */
static struct result run(builtin_fn fn, char **argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	struct capture out, err;
	struct result r;
	capture_begin(&out, STDOUT_FILENO);
	capture_begin(&err, STDERR_FILENO);
	r.status = fn(argc, argv);
	r.err = capture_end(&err);
	r.out = capture_end(&out);
	return r;
}

#define RUN(fn, ...) run((fn), (char *[]){ __VA_ARGS__, NULL })

static void result_free(struct result *r)
{
	free(r->out);
	free(r->err);
}

/* ---- per-test fixture: a temporary directory, the saved cwd and env ---- */

struct fixture {
	char *cwd;                 /* where the test started (physical path) */
	char *tmp;                 /* a fresh directory (physical path) */
	char *saved[4];            /* HOME PWD OLDPWD PATH, or NULL if unset */
};

static const char *const saved_names[4] = { "HOME", "PWD", "OLDPWD", "PATH" };

/* Files and directories tests may create inside tmp. */
static const char *const tmp_entries[] = { "sub", "gone", "fkcmd", "fknoexec", "fkdir", "afile",
					   "forksh/history", "forksh" };

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->cwd = getcwd(NULL, 0);
	char tmpl[] = "/tmp/forksh-builtins-XXXXXX";
	if (!f->cwd || !mkdtemp(tmpl))
		return -1;
	f->tmp = realpath(tmpl, NULL);
	if (!f->tmp)
		return -1;
	for (int i = 0; i < 4; i++) {
		const char *v = var_get(saved_names[i]);
		f->saved[i] = v ? xstrdup(v) : NULL;
	}
	sh.skip = SKIP_NONE;
	sh.status = 0;
	sh.interactive = 0;
	sh.source = NULL;
	sh.lineno = 0;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc = chdir(f->cwd);
	for (size_t i = 0; i < sizeof tmp_entries / sizeof tmp_entries[0]; i++) {
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s/%s", f->tmp, tmp_entries[i]);
		if (unlink(path) < 0)
			rmdir(path);
	}
	if (rmdir(f->tmp) < 0)
		rc = -1;
	for (int i = 0; i < 4; i++) {
		if (f->saved[i])
			var_export(saved_names[i], f->saved[i]);
		else
			var_unset(saved_names[i]);
		free(f->saved[i]);
	}
	free(f->cwd);
	free(f->tmp);
	free(f);
	sh.skip = SKIP_NONE;
	sh.status = 0;
	return rc;
}

static void assert_cwd(const char *want)
{
	char *cwd = getcwd(NULL, 0);
	assert_non_null(cwd);
	char copy[PATH_MAX];
	snprintf(copy, sizeof copy, "%s", cwd);
	free(cwd);
	assert_string_equal(copy, want);
}

static char *path_in(const struct fixture *f, const char *name)
{
	char *p = xmalloc(strlen(f->tmp) + strlen(name) + 2);
	sprintf(p, "%s/%s", f->tmp, name);
	return p;
}

/* ---- cd and pwd ---- */

static void test_cd_to_directory(void **state)
{
	struct fixture *f = *state;
	struct result r = RUN(bi_cd, "cd", f->tmp);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	assert_cwd(f->tmp);
	assert_string_equal(getenv("PWD"), f->tmp);
	assert_string_equal(getenv("OLDPWD"), f->cwd);
	result_free(&r);

	/* "--" ends the options. */
	assert_int_equal(chdir(f->cwd), 0);
	r = RUN(bi_cd, "cd", "--", f->tmp);
	assert_int_equal(r.status, 0);
	assert_cwd(f->tmp);
	result_free(&r);
}

static void test_cd_relative(void **state)
{
	struct fixture *f = *state;
	char *sub = path_in(f, "sub");
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(chdir(f->tmp), 0);

	struct result r = RUN(bi_cd, "cd", "sub");
	assert_int_equal(r.status, 0);
	assert_cwd(sub);
	assert_string_equal(getenv("PWD"), sub); /* absolute, not "sub" */
	assert_string_equal(getenv("OLDPWD"), f->tmp);
	result_free(&r);

	r = RUN(bi_cd, "cd", "..");
	assert_int_equal(r.status, 0);
	assert_cwd(f->tmp);
	assert_string_equal(getenv("PWD"), f->tmp);
	result_free(&r);
	free(sub);
}

static void test_cd_dash(void **state)
{
	struct fixture *f = *state;
	struct result r = RUN(bi_cd, "cd", f->tmp);
	assert_int_equal(r.status, 0);
	result_free(&r);

	/* cd - goes back and prints where it went. */
	r = RUN(bi_cd, "cd", "-");
	assert_int_equal(r.status, 0);
	char *want = xmalloc(strlen(f->cwd) + 2);
	sprintf(want, "%s\n", f->cwd);
	assert_string_equal(r.out, want);
	assert_string_equal(r.err, "");
	free(want);
	assert_cwd(f->cwd);
	assert_string_equal(getenv("PWD"), f->cwd);
	assert_string_equal(getenv("OLDPWD"), f->tmp);
	result_free(&r);

	/* And again: forth to the temporary directory. */
	r = RUN(bi_cd, "cd", "-");
	assert_int_equal(r.status, 0);
	want = xmalloc(strlen(f->tmp) + 2);
	sprintf(want, "%s\n", f->tmp);
	assert_string_equal(r.out, want);
	free(want);
	assert_cwd(f->tmp);
	result_free(&r);
}

static void test_cd_dash_without_oldpwd(void **state)
{
	struct fixture *f = *state;
	var_unset("OLDPWD");
	struct result r = RUN(bi_cd, "cd", "-");
	assert_int_equal(r.status, 2);  /* a failed cd is 2, as in dash */
	assert_string_equal(r.err, "forksh: cd: OLDPWD not set\n");
	assert_string_equal(r.out, "");
	assert_cwd(f->cwd);
	result_free(&r);
}

static void test_cd_home(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(var_export("HOME", f->tmp), 0);
	struct result r = RUN(bi_cd, "cd");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, ""); /* only cd - prints */
	assert_cwd(f->tmp);
	result_free(&r);

	assert_int_equal(chdir(f->cwd), 0);
	r = RUN(bi_cd, "cd", "--");
	assert_int_equal(r.status, 0);
	assert_cwd(f->tmp);
	result_free(&r);
}

static void test_cd_without_home(void **state)
{
	struct fixture *f = *state;
	/* no HOME: nowhere to go, and no error, as in dash */
	var_unset("HOME");
	struct result r = RUN(bi_cd, "cd");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_cwd(f->cwd);
	result_free(&r);

	assert_int_equal(var_export("HOME", ""), 0);
	r = RUN(bi_cd, "cd");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_cwd(f->cwd);
	result_free(&r);
}

static void test_cd_missing_directory(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(var_export("PWD", "/before"), 0);
	assert_int_equal(var_export("OLDPWD", "/older"), 0);
	char *missing = path_in(f, "nope");
	struct result r = RUN(bi_cd, "cd", missing);
	assert_int_equal(r.status, 2);
	char want[PATH_MAX + 64];
	snprintf(want, sizeof want, "forksh: cd: %s: No such file or directory\n", missing);
	assert_string_equal(r.err, want);
	assert_string_equal(r.out, "");
	assert_cwd(f->cwd);
	/* Nothing changed. */
	assert_string_equal(getenv("PWD"), "/before");
	assert_string_equal(getenv("OLDPWD"), "/older");
	result_free(&r);
	free(missing);

	/* A file is not a directory. */
	char *file = path_in(f, "afile");
	int fd = open(file, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	close(fd);
	r = RUN(bi_cd, "cd", file);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "Not a directory"));
	assert_cwd(f->cwd);
	result_free(&r);
	free(file);
}

static void test_cd_too_many_arguments(void **state)
{
	struct fixture *f = *state;
	struct result r = RUN(bi_cd, "cd", f->tmp, "/");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "forksh: cd: too many arguments\n");
	assert_cwd(f->cwd);
	result_free(&r);

	r = RUN(bi_cd, "cd", "--", f->tmp, "/");
	assert_int_equal(r.status, 2);
	assert_cwd(f->cwd);
	result_free(&r);
}

static void test_pwd(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(chdir(f->tmp), 0);
	char *want = xmalloc(strlen(f->tmp) + 2);
	sprintf(want, "%s\n", f->tmp);

	struct result r = RUN(bi_pwd, "pwd");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, want);
	assert_string_equal(r.err, "");
	result_free(&r);

	r = RUN(bi_pwd, "pwd", "-P");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, want);
	result_free(&r);

	r = RUN(bi_pwd, "pwd", "-L");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, want);
	result_free(&r);
	free(want);

	r = RUN(bi_pwd, "pwd", "x");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "forksh: usage: pwd [-L | -P]\n");
	result_free(&r);
}

static void test_pwd_in_removed_directory(void **state)
{
	struct fixture *f = *state;
	char *gone = path_in(f, "gone");
	assert_int_equal(mkdir(gone, 0755), 0);
	assert_int_equal(chdir(gone), 0);
	assert_int_equal(rmdir(gone), 0);
	struct result r = RUN(bi_pwd, "pwd");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "forksh: pwd: "));
	result_free(&r);
	free(gone);
}

/* ---- exit and exec ---- */

static void test_exit_status(void **state)
{
	(void)state;
	static const struct {
		const char *arg; /* NULL: no argument */
		int status;
	} cases[] = {
		{ NULL, 7 }, { "0", 0 }, { "3", 3 }, { "255", 255 },
		{ "256", 0 }, { "300", 44 }, { "2147483647", 255 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sh.skip = SKIP_NONE;
		sh.status = 7; /* the default is the last command's status */
		struct result r = cases[i].arg ? RUN(bi_exit, "exit", (char *)cases[i].arg)
					       : RUN(bi_exit, "exit");
		if (r.status != cases[i].status)
			fail_msg("exit %s returned %d, expected %d", cases[i].arg ? cases[i].arg : "",
				 r.status, cases[i].status);
		assert_int_equal(sh.skip, SKIP_EXIT);
		assert_string_equal(r.out, "");
		assert_string_equal(r.err, "");
		result_free(&r);
	}
}

static void test_exit_non_numeric(void **state)
{
	(void)state;
	static const char *const bad[] = { "abc", "", "3x", "1.5", "99999999999999999999999", "-1",
					   "4294967296", "+3", " 3", "0x10" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		sh.skip = SKIP_NONE;
		struct result r = RUN(bi_exit, "exit", (char *)bad[i]);
		if (r.status != 2)
			fail_msg("exit '%s' returned %d, expected 2", bad[i], r.status);
		assert_int_equal(sh.skip, SKIP_EXIT); /* it still exits */
		char want[128];
		snprintf(want, sizeof want, "forksh: exit: Illegal number: %s\n", bad[i]);
		assert_string_equal(r.err, want);
		result_free(&r);
	}
}

static void test_exit_too_many_arguments(void **state)
{
	(void)state;
	sh.status = 5;
	struct result r = RUN(bi_exit, "exit", "1", "2");
	assert_int_equal(r.status, 1);
	assert_int_equal(sh.skip, SKIP_NONE); /* the shell keeps running */
	assert_string_equal(r.err, "forksh: exit: too many arguments\n");
	result_free(&r);
}

static void test_exec_without_command(void **state)
{
	(void)state;
	struct result r = RUN(bi_exec, "exec");
	assert_int_equal(r.status, 0);
	assert_int_equal(sh.skip, SKIP_NONE);
	result_free(&r);
	r = RUN(bi_exec, "exec", "--");
	assert_int_equal(r.status, 0);
	assert_int_equal(sh.skip, SKIP_NONE);
	result_free(&r);
}

/* exec of a command that cannot run: the message and status a shell
 * gives, and a script does not go on (there is nothing left to run). */
static void test_exec_failure_statuses(void **state)
{
	struct fixture *f = *state;
	char *noexec = path_in(f, "fknoexec");
	int fd = open(noexec, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(var_export("PATH", f->tmp), 0);

	struct result r = RUN(bi_exec, "exec", "fk-no-such-command");
	assert_int_equal(r.status, 127);
	assert_string_equal(r.err, "forksh: fk-no-such-command: command not found\n");
	assert_int_equal(sh.skip, SKIP_EXIT); /* not interactive: the script ends */
	assert_int_equal(sh.status, 127);
	result_free(&r);

	sh.skip = SKIP_NONE;
	r = RUN(bi_exec, "exec", "--", noexec);
	assert_int_equal(r.status, 126);
	char want[PATH_MAX + 64];
	snprintf(want, sizeof want, "forksh: %s: Permission denied\n", noexec);
	assert_string_equal(r.err, want);
	result_free(&r);

	/* The rules of exec_failure, one by one. */
	static const struct {
		const char *name;
		int err, status;
		const char *msg;
	} cases[] = {
		{ "fk-nope", ENOENT, 127, "forksh: fk-nope: command not found\n" },
		{ "/fk-nonexistent/x", ENOENT, 127, "forksh: /fk-nonexistent/x: No such file or directory\n" },
		{ "/", EACCES, 126, "forksh: /: Is a directory\n" },
		{ "./fk-x", ENOEXEC, 126, "forksh: ./fk-x: Exec format error\n" },
		/* no such file anywhere on PATH: EACCES from a PATH directory is "not found" */
		{ "fk-nope", EACCES, 127, "forksh: fk-nope: command not found\n" },
		{ "fk-nope", ENAMETOOLONG, 127, "forksh: fk-nope: command not found\n" },
		/* found on PATH but not executable */
		{ "fknoexec", EACCES, 126, "forksh: fknoexec: Permission denied\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct capture c;
		capture_begin(&c, STDERR_FILENO);
		int st = exec_failure(cases[i].name, cases[i].err);
		char *err = capture_end(&c);
		int ok = st == cases[i].status && strcmp(err, cases[i].msg) == 0;
		char got[256];
		snprintf(got, sizeof got, "%s", err);
		free(err);
		if (!ok)
			fail_msg("exec_failure(%s, %d) = %d \"%s\", expected %d \"%s\"", cases[i].name,
				 cases[i].err, st, got, cases[i].status, cases[i].msg);
	}
	free(noexec);
}

/* exec_path_search returns only on failure, with errno saying why; a name
 * longer than any file name fails before execvp is tried. */
static void test_exec_path_search_failures(void **state)
{
	(void)state;
	assert_int_equal(var_export("PATH", "/fk-nonexistent"), 0);
	char *argv[] = { "fk-no-such-command", NULL };
	errno = 0;
	exec_path_search(argv);
	assert_int_equal(errno, ENOENT);

	char longname[NAME_MAX + 10];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	char *argv2[] = { longname, NULL };
	errno = 0;
	exec_path_search(argv2);
	assert_int_equal(errno, ENAMETOOLONG);
	/* the environment execvp was given is the variable table's */
	assert_ptr_equal(environ, var_environ());
}

/* ---- export and unset ---- */

static void test_export(void **state)
{
	(void)state;
	var_unset("FK_E");
	struct result r = RUN(bi_export, "export", "FK_E=1");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_string_equal(getenv("FK_E"), "1");
	result_free(&r);

	r = RUN(bi_export, "export", "FK_E=a=b c");
	assert_int_equal(r.status, 0);
	assert_string_equal(getenv("FK_E"), "a=b c");
	result_free(&r);

	/* A shell variable becomes an environment variable. */
	assert_int_equal(var_set("fk_l", "local"), 0);
	assert_null(getenv("fk_l"));
	r = RUN(bi_export, "export", "fk_l");
	assert_int_equal(r.status, 0);
	assert_string_equal(getenv("fk_l"), "local");
	result_free(&r);

	r = RUN(bi_export, "export", "--", "FK_D=d");
	assert_int_equal(r.status, 0);
	assert_string_equal(getenv("FK_D"), "d");
	result_free(&r);

	var_unset("FK_E");
	var_unset("fk_l");
	var_unset("FK_D");
}

static void test_export_invalid_names(void **state)
{
	(void)state;
	struct result r = RUN(bi_export, "export", "1bad=2");
	assert_int_equal(r.status, 2);  /* as dash: a special builtin's error */
	assert_string_equal(r.err, "forksh: export: 1bad: bad variable name\n");
	assert_null(getenv("1bad"));
	result_free(&r);

	r = RUN(bi_export, "export", "=x");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "forksh: export: : bad variable name\n");
	result_free(&r);

	/* The first bad name stops it (a script would end there), as in dash. */
	r = RUN(bi_export, "export", "FK_A=1", "bad-x", "FK_B=2");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "forksh: export: bad-x: bad variable name\n");
	assert_string_equal(getenv("FK_A"), "1");
	assert_null(getenv("FK_B"));
	result_free(&r);
	var_unset("FK_A");
}

static void test_export_lists(void **state)
{
	(void)state;
	assert_int_equal(var_export("FK_LIST", "it's"), 0);

	char *want = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&want, &len);
	assert_non_null(m);
	var_print_exported(m);
	fclose(m);
	assert_non_null(strstr(want, "export FK_LIST='it'\\''s'\n"));

	static const char *const forms[] = { NULL, "-p", "--" };
	for (size_t i = 0; i < 3; i++) {
		struct result r = forms[i] ? RUN(bi_export, "export", (char *)forms[i])
					   : RUN(bi_export, "export");
		assert_int_equal(r.status, 0);
		assert_string_equal(r.out, want);
		assert_string_equal(r.err, "");
		result_free(&r);
	}
	free(want);
	var_unset("FK_LIST");
}

static void test_unset(void **state)
{
	(void)state;
	assert_int_equal(var_export("FK_U", "e"), 0);
	assert_int_equal(var_set("fk_u", "l"), 0);
	struct result r = RUN(bi_unset, "unset", "FK_U", "fk_u", "fk_never_set");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_null(getenv("FK_U"));
	assert_null(var_get("fk_u"));
	result_free(&r);

	assert_int_equal(var_export("FK_V", "v"), 0);
	r = RUN(bi_unset, "unset", "a-b", "FK_V");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "unset: a-b: bad variable name\n"));
	assert_null(getenv("FK_V")); /* the valid name was still removed */
	result_free(&r);

	assert_int_equal(var_set("fk_w", "w"), 0);
	r = RUN(bi_unset, "unset", "-v", "fk_w");
	assert_int_equal(r.status, 0);
	assert_null(var_get("fk_w"));
	result_free(&r);

	r = RUN(bi_unset, "unset");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	result_free(&r);
}

/* ---- type ---- */

static void test_type_builtin_and_path(void **state)
{
	(void)state;
	assert_int_equal(var_export("PATH", "/bin:/usr/bin"), 0);
	/* not a terminal: the words POSIX shells print, for scripts to read */
	struct result r = RUN(bi_type, "type", "cd");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "cd is a shell builtin\n");
	result_free(&r);

	if (access("/bin/sh", X_OK) == 0) {
		r = RUN(bi_type, "type", "sh");
		assert_int_equal(r.status, 0);
		assert_string_equal(r.out, "sh is /bin/sh\n");
		assert_string_equal(r.err, "");
		result_free(&r);

		r = RUN(bi_type, "type", "/bin/sh");
		assert_int_equal(r.status, 0);
		assert_string_equal(r.out, "/bin/sh is /bin/sh\n");
		result_free(&r);
	}

	r = RUN(bi_type, "type", "fk-no-such-command");
	assert_int_equal(r.status, 127);
	assert_string_equal(r.out, "fk-no-such-command: not found\n");
	assert_string_equal(r.err, "");
	result_free(&r);

	/* Several names: each answered, 127 if any was not found. */
	r = RUN(bi_type, "type", "pwd", "fk-nope", ":", "if");
	assert_int_equal(r.status, 127);
	assert_string_equal(r.out, "pwd is a shell builtin\n"
				   "fk-nope: not found\n"
				   ": is a special shell builtin\n"
				   "if is a shell keyword\n");
	result_free(&r);

	r = RUN(bi_type, "type");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "forksh: usage: type NAME...\n");
	result_free(&r);
}

static void test_type_path_search(void **state)
{
	struct fixture *f = *state;
	char *cmd = path_in(f, "fkcmd"), *noexec = path_in(f, "fknoexec"), *dir = path_in(f, "fkdir");
	int fd = open(cmd, O_WRONLY | O_CREAT, 0755);
	assert_true(fd >= 0);
	close(fd);
	fd = open(noexec, O_WRONLY | O_CREAT, 0644);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(mkdir(dir, 0755), 0);

	char path[PATH_MAX];
	snprintf(path, sizeof path, "/fk-nonexistent:%s", f->tmp);
	assert_int_equal(var_export("PATH", path), 0);
	struct result r = RUN(bi_type, "type", "fkcmd");
	assert_int_equal(r.status, 0);
	char want[PATH_MAX + 32];
	snprintf(want, sizeof want, "fkcmd is %s\n", cmd);
	assert_string_equal(r.out, want);
	result_free(&r);

	/* Not executable, or a directory: not a command. */
	r = RUN(bi_type, "type", "fknoexec");
	assert_int_equal(r.status, 127);
	result_free(&r);
	r = RUN(bi_type, "type", "fkdir");
	assert_int_equal(r.status, 127);
	result_free(&r);

	/* An empty PATH entry is the current directory. */
	assert_int_equal(chdir(f->tmp), 0);
	assert_int_equal(var_export("PATH", "/fk-nonexistent::/fk-other"), 0);
	r = RUN(bi_type, "type", "fkcmd");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "fkcmd is fkcmd\n");
	result_free(&r);

	free(cmd);
	free(noexec);
	free(dir);
}

/* ---- help ---- */

static void test_help_lists_every_builtin(void **state)
{
	(void)state;
	struct result r = RUN(bi_help, "help");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	char first[128];
	snprintf(first, sizeof first, "forksh %s,", forksh_version);
	assert_true(strncmp(r.out, first, strlen(first)) == 0);

	size_t rows = 0;
	for (const char *line = r.out; *line; line = strchr(line, '\n') + 1) {
		if (strncmp(line, "  ", 2) == 0)
			rows++;
		if (!strchr(line, '\n'))
			break;
	}
	size_t nbuiltins = 0;
	for (const struct builtin *b = builtin_table; b->name; b++, nbuiltins++) {
		char needle[128];
		snprintf(needle, sizeof needle, "\n  %-10s ", b->name);
		if (!strstr(r.out, needle))
			fail_msg("help does not list '%s'", b->name);
		/* The summary is on the same line. */
		const char *row = strstr(r.out, needle) + 1;
		const char *end = strchr(row, '\n');
		const char *sum = strstr(row, b->summary);
		assert_true(sum && end && sum < end);
	}
	/* the builtins, then the language's reserved words and operators */
	assert_true(rows > nbuiltins);
	assert_non_null(strstr(r.out, "\n  while      "));
	result_free(&r);
}

static void test_help_one_builtin(void **state)
{
	(void)state;
	struct result r = RUN(bi_help, "help", "cd");
	assert_int_equal(r.status, 0);
	const struct builtin *b = builtin_find("cd");
	assert_non_null(b);
	char want[1024];
	snprintf(want, sizeof want, "usage: cd [-L | -P] [DIR | -]\n    %s\n    Why a builtin: %s\n",
		 b->summary, b->why);
	/* the texts are wrapped to the terminal (80 columns here, no
	 * terminal): every line fits, and joined up they are the texts */
	char joined[1024];
	size_t o = 0;
	for (const char *p = r.out, *line = r.out; *p && o + 1 < sizeof joined; p++) {
		if (*p == '\n') {
			assert_true(p - line <= 80);
			line = p + 1;
			size_t sp = strspn(p + 1, " ");
			if (sp == 6) { /* a wrapped line goes on: one space */
				joined[o++] = ' ';
				p += sp;
				continue;
			}
		}
		joined[o++] = *p;
	}
	joined[o] = '\0';
	assert_string_equal(joined, want);
	result_free(&r);

	r = RUN(bi_help, "help", ":");
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "usage: : [ARG...]\n", 18) == 0);
	result_free(&r);

	r = RUN(bi_help, "help", "fk-nope");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "forksh: help: nothing called 'fk-nope' (try 'help' for the list)\n");
	result_free(&r);

	r = RUN(bi_help, "help", "cd", "pwd");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "forksh: usage: help [NAME]\n");
	result_free(&r);
}

/* ---- history (argument checks only: the list itself is readline's) ---- */

static void test_history_arguments(void **state)
{
	(void)state;
	static const char *const bad[] = { "x", "-1", "", "2y", "99999999999999999999" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct result r = RUN(bi_history, "history", (char *)bad[i]);
		assert_int_equal(r.status, 2);
		char want[128];
		snprintf(want, sizeof want, "forksh: history: Illegal number: %s\n", bad[i]);
		assert_string_equal(r.err, want);
		result_free(&r);
	}
	struct result r = RUN(bi_history, "history", "1", "2");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "forksh: usage: history [N]\n");
	result_free(&r);

	/* Nothing was entered at a prompt: an empty list. */
	r = RUN(bi_history, "history", "5");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	result_free(&r);
}

/* ---- fc, over a history this test enters itself ---- */

/* Enter line in the history as the command being run (as the prompt does
 * before it runs a line), then run fc with argv. */
static struct result fc_as_typed(const char *line, char **argv)
{
	input_history_add(line);
	return run(bi_fc, argv);
}

#define FC(line, ...) fc_as_typed((line), (char *[]){ "fc", __VA_ARGS__, NULL })

static void assert_fc(struct result r, int status, const char *out, const char *err)
{
	assert_int_equal(r.status, status);
	assert_string_equal(r.out, out);
	assert_string_equal(r.err, err);
	result_free(&r);
}

static void test_fc(void **state)
{
	struct fixture *f = *state;
	/* Before any prompt (a script, -c) there is no history to work on. */
	assert_fc(RUN(bi_fc, "fc", "-l"), 1, "",
		  "forksh: fc: no history: it is kept only for commands typed at the prompt\n");

	sh.interactive = 1; /* errors without a line number, as at the prompt */
	setenv("XDG_STATE_HOME", f->tmp, 1); /* a history file of our own */
	if (input_init() < 0) {
		unsetenv("XDG_STATE_HOME");
		skip(); /* no readline to keep a history */
	}
	/* Only the fc itself is in the history: nothing to list or re-run. */
	assert_fc(FC("fc -s", "-s"), 1, "", "forksh: fc: the history is empty\n");
	input_history_forget_current();
	assert_fc(FC("fc -l", "-l"), 0, "", "");
	input_history_forget_current();
	input_history_add("fk_a=1");
	input_history_add("fk_b=2");
	input_history_add("if true\nthen fk_c=3; fi");

	/* The fc itself (4) is not among the previous commands. */
	const char *all = "1\tfk_a=1\n2\tfk_b=2\n3\tif true\n\tthen fk_c=3; fi\n";
	assert_fc(FC("fc -l", "-l"), 0, all, "");
	assert_fc(FC("fc -l -n -r 1 2", "-l", "-n", "-r", "1", "2"), 0, "\tfk_b=2\n\tfk_a=1\n", "");
	assert_fc(FC("fc -l 2 1", "-l", "2", "1"), 0, "2\tfk_b=2\n1\tfk_a=1\n", "");
	/* Each fc -l is entered too: -6 is now the first entry. */
	assert_fc(FC("fc -l -6 -6", "-l", "-6", "-6"), 0, "1\tfk_a=1\n", "");
	assert_fc(FC("fc -l if fk_", "-l", "if", "fk_"), 0, "3\tif true\n\tthen fk_c=3; fi\n2\tfk_b=2\n", "");
	/* a range may reach past either end of the list */
	assert_fc(FC("fc -l 0 3", "-l", "0", "3"), 0, all, "");
	assert_fc(FC("fc -l -- -99 2", "-l", "--", "-99", "2"), 0, "1\tfk_a=1\n2\tfk_b=2\n", "");

	/* one command to re-run must be in the list */
	assert_fc(FC("fc -s 99", "-s", "99"), 1, "",
		  "forksh: fc: 99: no such command in the history (it holds 1 to 10)\n");
	assert_fc(FC("fc -s zz", "-s", "zz"), 1, "", "forksh: fc: no command starting with 'zz' in the history\n");
	assert_fc(FC("fc -x", "-x"), 2, "", "forksh: fc: unknown option -x\nforksh: usage: fc -l [-nr] [FIRST [LAST]] | "
					   "fc -s [OLD=NEW] [FIRST] | fc [-r] [-e EDITOR] [FIRST [LAST]]\n");
	assert_fc(FC("fc -l -s", "-l", "-s"), 2, "", "forksh: usage: fc -l [-nr] [FIRST [LAST]] | "
						 "fc -s [OLD=NEW] [FIRST] | fc [-r] [-e EDITOR] [FIRST [LAST]]\n");
	assert_fc(FC("fc -e", "-e"), 2, "", "forksh: fc: -e needs the name of an editor\nforksh: usage: fc -l [-nr] "
					   "[FIRST [LAST]] | fc -s [OLD=NEW] [FIRST] | fc [-r] [-e EDITOR] [FIRST [LAST]]\n");

	/* fc -s runs the command in this shell (the variable stays set), says
	 * what it runs, and puts it in the history in place of the fc. */
	input_shutdown();
	assert_int_equal(input_init(), 0); /* the fc -l lines above are in the file: start anew */
	long oldest, newest;
	assert_int_equal(input_history_span(&oldest, &newest), 0);
	assert_fc(FC("fc -s fk_a=fk_d fk_a", "-s", "fk_a=fk_d", "fk_a"), 0, "", "fk_d=1\n");
	assert_string_equal(var_get("fk_d"), "1");
	long n = newest + 1;
	assert_string_equal(input_history_text(n), "fk_d=1");
	assert_null(input_history_text(n + 1));

	/* The editor edits the file, then its commands run, each entered. */
	char *ed = path_in(f, "fkcmd");
	int fd = open(ed, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	assert_true(fd >= 0);
	const char *script = "#!/bin/sh\nprintf 'fk_e=edited\\nfk_f=too\\n' > \"$1\"\n";
	assert_int_equal(write(fd, script, strlen(script)), (ssize_t)strlen(script));
	close(fd);
	var_set("FCEDIT", ed);
	assert_fc(FC("fc 1", "1"), 0, "", "fk_e=edited\nfk_f=too\n");
	assert_string_equal(var_get("fk_e"), "edited");
	assert_string_equal(var_get("fk_f"), "too");
	assert_string_equal(input_history_text(n + 1), "fk_e=edited");
	assert_string_equal(input_history_text(n + 2), "fk_f=too");
	assert_null(input_history_text(n + 3));

	/* An editor that fails: nothing runs, nothing is entered. */
	assert_fc(FC("fc -e false 1", "-e", "false", "1"), 1, "",
		  "forksh: fc: the editor failed (status 1): nothing was run\n");
	assert_null(input_history_text(n + 3));

	var_unset("FCEDIT");
	var_unset("fk_d");
	var_unset("fk_e");
	var_unset("fk_f");
	free(ed);
	input_shutdown();
	unsetenv("XDG_STATE_HOME");
}

/* ---- true, false, : and the table ---- */

static void test_true_false_colon(void **state)
{
	(void)state;
	struct result r = RUN(bi_true, "true", "ignored", "args");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	result_free(&r);

	r = RUN(bi_false, "false");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	result_free(&r);

	const struct builtin *colon = builtin_find(":");
	assert_non_null(colon);
	r = RUN(colon->fn, ":", "x");
	assert_int_equal(r.status, 0);
	result_free(&r);
}

/* XCU 2.14: the special builtins (and local, special in dash too: its
 * errors end a script), and the declaration utilities whose NAME=value
 * arguments are expanded as assignments. */
static const char *const posix_special[] = { "break", ":", "continue", ".", "eval", "exec", "exit", "export",
					     "local", "readonly", "return", "set", "shift", "times", "trap", "unset",
					     NULL };
static const char *const declaration[] = { "export", "readonly", "local", NULL };

static int in_list(const char *const *list, const char *name)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return 1;
	return 0;
}

static void test_builtin_find(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		builtin_fn fn;
		unsigned flags;
	} want[] = {
		{ ":", bi_true, BI_SPECIAL },
		{ "cd", bi_cd, 0 },
		{ "exec", bi_exec, BI_SPECIAL | BI_KEEP_REDIRS },
		{ "exit", bi_exit, BI_SPECIAL },
		{ "export", bi_export, BI_SPECIAL | BI_DECL },
		{ "false", bi_false, 0 },
		{ "help", bi_help, 0 },
		{ "history", bi_history, 0 },
		{ "pwd", bi_pwd, 0 },
		{ "true", bi_true, 0 },
		{ "type", bi_type, 0 },
		{ "unset", bi_unset, BI_SPECIAL },
		{ "jobs", bi_jobs, 0 },
		{ "fg", bi_fg, 0 },
		{ "bg", bi_bg, 0 },
		{ "wait", bi_wait, 0 },
		{ "kill", bi_kill, 0 },
		{ "disown", bi_disown, 0 },
		{ "trace", bi_trace, 0 },
		{ "explain", bi_explain, 0 },
		{ "ptree", bi_ptree, 0 },
		{ "lesson", bi_lesson, 0 },
		{ "break", bi_break, BI_SPECIAL },
		{ "continue", bi_continue, BI_SPECIAL },
		{ "return", bi_return, BI_SPECIAL },
		{ "local", bi_local, BI_SPECIAL | BI_DECL },
		{ "set", bi_set, BI_SPECIAL },
		{ "shift", bi_shift, BI_SPECIAL },
	};
	size_t n = sizeof want / sizeof want[0];
	for (size_t i = 0; i < n; i++) {
		const struct builtin *b = builtin_find(want[i].name);
		if (!b)
			fail_msg("builtin_find(\"%s\") found nothing", want[i].name);
		assert_string_equal(b->name, want[i].name);
		assert_ptr_equal(b->fn, want[i].fn);
		if (b->flags != want[i].flags)
			fail_msg("%s has flags %#x, expected %#x", b->name, b->flags, want[i].flags);
	}
	/* Every row: found by its own name, documents itself (usage starts
	 * with the name), and is flagged special or declaration exactly when
	 * POSIX says so, however many rows the table grows. */
	size_t rows = 0;
	for (const struct builtin *b = builtin_table; b->name; b++, rows++) {
		assert_ptr_equal(builtin_find(b->name), b);
		assert_true(strncmp(b->usage, b->name, strlen(b->name)) == 0);
		assert_true(b->summary && *b->summary);
		assert_true(b->why && *b->why);
		if (!!(b->flags & BI_SPECIAL) != in_list(posix_special, b->name))
			fail_msg("%s: BI_SPECIAL is %s", b->name, b->flags & BI_SPECIAL ? "set" : "missing");
		if (!!(b->flags & BI_DECL) != in_list(declaration, b->name))
			fail_msg("%s: BI_DECL is %s", b->name, b->flags & BI_DECL ? "set" : "missing");
		if ((b->flags & BI_KEEP_REDIRS) && strcmp(b->name, "exec") != 0)
			fail_msg("%s keeps its redirections; only exec should", b->name);
	}
	assert_true(rows >= n);

	assert_null(builtin_find("fk-nope"));
	assert_null(builtin_find(""));
	assert_null(builtin_find("CD"));
	assert_null(builtin_find("cd "));
	assert_null(builtin_find("ls"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_cd_to_directory),
		T(test_cd_relative),
		T(test_cd_dash),
		T(test_cd_dash_without_oldpwd),
		T(test_cd_home),
		T(test_cd_without_home),
		T(test_cd_missing_directory),
		T(test_cd_too_many_arguments),
		T(test_pwd),
		T(test_pwd_in_removed_directory),
		T(test_exit_status),
		T(test_exit_non_numeric),
		T(test_exit_too_many_arguments),
		T(test_exec_without_command),
		T(test_exec_failure_statuses),
		T(test_exec_path_search_failures),
		T(test_export),
		T(test_export_invalid_names),
		T(test_export_lists),
		T(test_unset),
		T(test_type_builtin_and_path),
		T(test_type_path_search),
		T(test_help_lists_every_builtin),
		T(test_help_one_builtin),
		T(test_history_arguments),
		T(test_fc),
		T(test_true_false_colon),
		T(test_builtin_find),
	};
	/* As the shell does at start: the environment becomes variables. */
	var_import_environ();
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	var_clear_all();
	return rc;
}
