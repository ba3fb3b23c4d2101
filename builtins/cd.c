/* cd.c - cd and pwd: the working directory belongs to each process, so only
 * the shell itself can change its own.
 *
 * The shell keeps a logical working directory in PWD, the path the user
 * took to get there: after `cd /tmp/link/sub; cd ..` it is back in
 * /tmp/link, not in the directory the link points to.  -P uses the
 * physical directory the kernel knows instead.  Both follow POSIX's cd
 * algorithm, CDPATH included.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/shell.h"
#include "../shell/util.h"
#include "../shell/vars.h"

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Is p an absolute path naming the current directory, without . or ..
 * components (so that it can stand for it)? */
static int names_cwd(const char *p)
{
	struct stat a, b;
	if (!p || p[0] != '/' || strstr(p, "/./") || strstr(p, "/../"))
		return 0;
	size_t n = strlen(p);
	if ((n >= 2 && strcmp(p + n - 2, "/.") == 0) || (n >= 3 && strcmp(p + n - 3, "/..") == 0))
		return 0;
	return stat(p, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* The logical working directory: PWD when it is right, else the kernel's. */
static char *logical_cwd(void)
{
	const char *pwd = var_get("PWD");
	if (names_cwd(pwd))
		return xstrdup(pwd);
	return getcwd(NULL, 0);
}

/* Make an absolute path canonical without looking at symbolic links:
 * drop "." and empty components, and let ".." take back the component
 * before it (which must be a directory, as POSIX asks).  Returns the new
 * string, or NULL when a component before a ".." is no directory. */
static char *canonical(const char *path)
{
	struct strbuf out;
	sb_init(&out);
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		const char *end = strchrnul(p, '/');
		size_t n = (size_t)(end - p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* nothing to add */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (out.len && !is_dir(out.buf)) {
				sb_free(&out);
				return NULL;
			}
			while (out.len && out.buf[out.len - 1] != '/')
				out.len--;
			if (out.len)
				out.len--; /* the slash before it */
			if (out.buf)
				out.buf[out.len] = '\0';
		} else {
			sb_addc(&out, '/');
			sb_addn(&out, p, n);
		}
		p = end;
	}
	if (!out.len)
		sb_addc(&out, '/');
	return sb_steal(&out);
}

/* CDPATH: the first of its directories holding dir.  Returns a new string,
 * or NULL; *print is set when a non-empty entry was used (then cd prints
 * where it went, as POSIX says). */
static char *cdpath_search(const char *dir, int *print)
{
	const char *cdpath = var_get("CDPATH");
	if (!cdpath || !*cdpath)
		return NULL;
	struct strbuf full;
	sb_init(&full);
	for (const char *p = cdpath;;) {
		const char *colon = strchrnul(p, ':');
		sb_reset(&full);
		if (colon > p) {
			sb_addn(&full, p, (size_t)(colon - p));
			if (full.buf[full.len - 1] != '/')
				sb_addc(&full, '/');
		} else {
			sb_adds(&full, "./");
		}
		sb_adds(&full, dir);
		if (is_dir(full.buf)) {
			*print = colon > p && !(colon - p == 1 && *p == '.');
			return sb_steal(&full);
		}
		if (!*colon)
			break;
		p = colon + 1;
	}
	sb_free(&full);
	return NULL;
}

/* cd [-L | -P] [DIR | -]: change directory, then keep PWD and OLDPWD in
 * step (exported, as other shells do, so child programs see them).
 * Returns 2 when the directory cannot be entered (as dash). */
int bi_cd(int argc, char **argv)
{
	int argi = 1, physical = 0;
	for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
		if (strcmp(argv[argi], "--") == 0) {
			argi++;
			break;
		}
		if (strspn(argv[argi] + 1, "LP") != strlen(argv[argi] + 1))
			return builtin_usage(builtin_find("cd"));
		physical = argv[argi][strlen(argv[argi]) - 1] == 'P';
	}
	if (argc - argi > 1) {
		sh_error("cd: too many arguments");
		return 2;
	}
	const char *target = argi < argc ? argv[argi] : NULL;
	int print = 0;
	if (!target) {
		target = var_get("HOME");
		if (!target || !*target)
			return 0; /* no HOME: nowhere to go, as in dash */
	} else if (strcmp(target, "-") == 0) {
		target = var_get("OLDPWD");
		if (!target || !*target) {
			sh_error("cd: OLDPWD not set");
			return 2;
		}
		print = 1;
	}
	if (!*target)
		return 0;

	char *curpath = NULL;
	int dotted = target[0] == '.' && (target[1] == '\0' || target[1] == '/' ||
					  (target[1] == '.' && (target[2] == '\0' || target[2] == '/')));
	if (target[0] != '/' && !dotted)
		curpath = cdpath_search(target, &print);
	if (!curpath)
		curpath = xstrdup(target);

	char *old = logical_cwd();
	char *dest = NULL;
	if (!physical) {
		/* -L: the path the user named, made absolute and canonical */
		struct strbuf abs;
		sb_init(&abs);
		if (curpath[0] != '/') {
			sb_adds(&abs, old ? old : "");
			sb_addc(&abs, '/');
		}
		sb_adds(&abs, curpath);
		dest = canonical(abs.buf);
		sb_free(&abs);
	}
	const char *go = dest ? dest : curpath;
	if (chdir(go) < 0) {
		sh_error("cd: %s: %s", sh_arg(target), strerror(errno));
		free(curpath);
		free(dest);
		free(old);
		return 2;
	}
	char *now = dest && names_cwd(dest) ? xstrdup(dest) : getcwd(NULL, 0);
	if (old)
		var_export("OLDPWD", old);
	if (now)
		var_export("PWD", now);
	if (print)
		printf("%s\n", now ? now : go);
	free(curpath);
	free(dest);
	free(old);
	free(now);
	return 0;
}

/* pwd [-L | -P]: print the working directory, logical (PWD, the default)
 * or physical (as the kernel knows it). */
int bi_pwd(int argc, char **argv)
{
	int physical = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-P") == 0)
			physical = 1;
		else if (strcmp(argv[i], "-L") == 0)
			physical = 0;
		else
			return builtin_usage(builtin_find("pwd"));
	}
	char *cwd = physical ? getcwd(NULL, 0) : logical_cwd();
	if (!cwd) {
		sh_error("pwd: %s", strerror(errno));
		return 2;
	}
	printf("%s\n", cwd);
	free(cwd);
	return 0;
}
