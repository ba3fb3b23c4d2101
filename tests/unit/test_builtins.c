/* test_builtins.c - unit tests for the builtins (builtins/cd.c, exit.c,
 * vars.c, info.c, table.c), calling the bi_* functions directly with stdout
 * and stderr captured.
 *
 * Covers cd (directories, PWD/OLDPWD, cd -, HOME, errors and usage), pwd,
 * exit (status, exit_requested, bad arguments), export and unset, type
 * (builtin, PATH search, not found), help (the list and one builtin),
 * history's argument checks, exec without a command, true/false/:, and
 * builtin_find over the table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../builtins/builtins.h"
#include "../../shell/shell.h"
#include "../../shell/util.h"
#include "../../shell/vars.h"

/* ---- capturing a descriptor while a builtin runs ---- */

struct capture {
	int fd;      /* the descriptor being captured */
	int saved;   /* a copy of what it was */
	FILE *tmp;   /* where it goes meanwhile */
};

static void capture_begin(struct capture *c, int fd)
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

/* Restore the descriptor and return everything written to it. */
static char *capture_end(struct capture *c)
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
	return sb_steal(&sb);
}

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
static const char *const tmp_entries[] = { "sub", "gone", "fkcmd", "fknoexec", "fkdir", "afile" };

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
		const char *v = getenv(saved_names[i]);
		f->saved[i] = v ? xstrdup(v) : NULL;
	}
	sh.exit_requested = 0;
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
			setenv(saved_names[i], f->saved[i], 1);
		else
			unsetenv(saved_names[i]);
		free(f->saved[i]);
	}
	free(f->cwd);
	free(f->tmp);
	free(f);
	sh.exit_requested = 0;
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
	assert_int_equal(r.status, 1);
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
	var_unset("HOME");
	struct result r = RUN(bi_cd, "cd");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "forksh: cd: HOME not set\n");
	assert_cwd(f->cwd);
	result_free(&r);

	assert_int_equal(var_export("HOME", ""), 0);
	r = RUN(bi_cd, "cd");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "forksh: cd: HOME not set\n");
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
	assert_int_equal(r.status, 1);
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
	assert_int_equal(r.status, 1);
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
	assert_string_equal(r.err, "forksh: usage: cd [DIR | -]\n");
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
	assert_string_equal(r.err, "forksh: usage: pwd\n");
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
	assert_int_equal(r.status, 1);
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
		sh.exit_requested = 0;
		sh.status = 7; /* the default is the last command's status */
		struct result r = cases[i].arg ? RUN(bi_exit, "exit", (char *)cases[i].arg)
					       : RUN(bi_exit, "exit");
		if (r.status != cases[i].status)
			fail_msg("exit %s returned %d, expected %d", cases[i].arg ? cases[i].arg : "",
				 r.status, cases[i].status);
		assert_int_equal(sh.exit_requested, 1);
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
		sh.exit_requested = 0;
		struct result r = RUN(bi_exit, "exit", (char *)bad[i]);
		if (r.status != 2)
			fail_msg("exit '%s' returned %d, expected 2", bad[i], r.status);
		assert_int_equal(sh.exit_requested, 1); /* it still exits */
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
	assert_int_equal(sh.exit_requested, 0); /* the shell keeps running */
	assert_string_equal(r.err, "forksh: exit: too many arguments\n");
	result_free(&r);
}

static void test_exec_without_command(void **state)
{
	(void)state;
	struct result r = RUN(bi_exec, "exec");
	assert_int_equal(r.status, 0);
	assert_int_equal(sh.exit_requested, 0);
	result_free(&r);
	r = RUN(bi_exec, "exec", "--");
	assert_int_equal(r.status, 0);
	assert_int_equal(sh.exit_requested, 0);
	result_free(&r);
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
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "forksh: export: '1bad': not a valid name\n");
	assert_null(getenv("1bad"));
	result_free(&r);

	r = RUN(bi_export, "export", "=x");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "forksh: export: '': not a valid name\n");
	result_free(&r);

	/* One bad name does not stop the others. */
	r = RUN(bi_export, "export", "FK_A=1", "bad-x", "FK_B=2");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "forksh: export: 'bad-x': not a valid name\n");
	assert_string_equal(getenv("FK_A"), "1");
	assert_string_equal(getenv("FK_B"), "2");
	result_free(&r);
	var_unset("FK_A");
	var_unset("FK_B");
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
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "forksh: unset: 'a-b': not a valid name\n");
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
	struct result r = RUN(bi_type, "type", "cd");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "cd is a shell builtin (runs inside forksh, no fork)\n");
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
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "forksh: type: fk-no-such-command: not found\n");
	result_free(&r);

	/* Several names: each answered, status 1 if any was not found. */
	r = RUN(bi_type, "type", "pwd", "fk-nope", ":");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "pwd is a shell builtin (runs inside forksh, no fork)\n"
				   ": is a shell builtin (runs inside forksh, no fork)\n");
	assert_string_equal(r.err, "forksh: type: fk-nope: not found\n");
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
	assert_int_equal(r.status, 1);
	result_free(&r);
	r = RUN(bi_type, "type", "fkdir");
	assert_int_equal(r.status, 1);
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
		snprintf(needle, sizeof needle, "\n  %s ", b->usage);
		if (!strstr(r.out, needle))
			fail_msg("help does not list '%s'", b->name);
		/* The summary is on the same line. */
		const char *row = strstr(r.out, needle) + 1;
		const char *end = strchr(row, '\n');
		const char *sum = strstr(row, b->summary);
		assert_true(sum && end && sum < end);
	}
	assert_int_equal(rows, nbuiltins);
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
	snprintf(want, sizeof want, "usage: cd [DIR | -]\n    %s\n    Why a builtin: %s\n", b->summary,
		 b->why);
	assert_string_equal(r.out, want);
	result_free(&r);

	r = RUN(bi_help, "help", ":");
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "usage: :\n", 9) == 0);
	result_free(&r);

	r = RUN(bi_help, "help", "fk-nope");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "forksh: help: no builtin called 'fk-nope' (try 'help' for the list)\n");
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

static void test_builtin_find(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		builtin_fn fn;
	} want[] = {
		{ ":", bi_true },       { "cd", bi_cd },         { "exec", bi_exec },
		{ "exit", bi_exit },    { "export", bi_export }, { "false", bi_false },
		{ "help", bi_help },    { "history", bi_history }, { "pwd", bi_pwd },
		{ "true", bi_true },    { "type", bi_type },     { "unset", bi_unset },
		{ "jobs", bi_jobs },    { "fg", bi_fg },         { "bg", bi_bg },
		{ "wait", bi_wait },    { "kill", bi_kill },     { "disown", bi_disown },
		{ "trace", bi_trace },  { "explain", bi_explain }, { "ptree", bi_ptree }, { "lesson", bi_lesson },
	};
	size_t n = sizeof want / sizeof want[0];
	for (size_t i = 0; i < n; i++) {
		const struct builtin *b = builtin_find(want[i].name);
		if (!b)
			fail_msg("builtin_find(\"%s\") found nothing", want[i].name);
		assert_string_equal(b->name, want[i].name);
		assert_ptr_equal(b->fn, want[i].fn);
		/* Every row documents itself: usage starts with the name. */
		assert_true(strncmp(b->usage, b->name, strlen(b->name)) == 0);
		assert_true(b->summary && *b->summary);
		assert_true(b->why && *b->why);
	}
	size_t rows = 0;
	while (builtin_table[rows].name)
		rows++;
	assert_int_equal(rows, n);

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
		T(test_export),
		T(test_export_invalid_names),
		T(test_export_lists),
		T(test_unset),
		T(test_type_builtin_and_path),
		T(test_type_path_search),
		T(test_help_lists_every_builtin),
		T(test_help_one_builtin),
		T(test_history_arguments),
		T(test_true_false_colon),
		T(test_builtin_find),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
