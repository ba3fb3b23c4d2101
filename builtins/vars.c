/* vars.c - export, readonly, unset and local: they change the shell's own variables, which
 * every child later starts with a copy of. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "../shell/func.h"
#include "../shell/shell.h"
#include "../shell/util.h"
#include "../shell/vars.h"

/* export and readonly share their shape: NAME[=VALUE] arguments get the
 * flag (and the value), no arguments or -p list the variables that have
 * it, as commands that recreate them.  A bad name ends a script, as for
 * any special builtin. */
static int mark(int argc, char **argv, unsigned flag, const char *what)
{
	int argi = 1, status = 0;
	if (argi < argc && strcmp(argv[argi], "-p") == 0)
		argi++;
	if (argi < argc && strcmp(argv[argi], "--") == 0)
		argi++;
	if (argi >= argc) {
		var_print(stdout, flag, what);
		return 0;
	}
	for (; argi < argc; argi++) {
		const char *eq = strchr(argv[argi], '=');
		size_t n = eq ? (size_t)(eq - argv[argi]) : strlen(argv[argi]);
		char *name = xstrndup(argv[argi], n);
		if (!var_valid_name(name, n)) {
			sh_error("%s: %s: bad variable name", what, sh_arg(name));
			free(name);
			return sh_special_error(2);
		}
		if (var_set_flags(name, eq ? eq + 1 : NULL, flag) < 0)
			status = sh_special_error(2);
		free(name);
	}
	return status;
}

/* export [-p] [NAME[=VALUE]...]: put variables in the environment every
 * later child gets. */
int bi_export(int argc, char **argv)
{
	return mark(argc, argv, V_EXPORT, "export");
}

/* readonly [-p] [NAME[=VALUE]...]: variables that can no longer change. */
int bi_readonly(int argc, char **argv)
{
	return mark(argc, argv, V_READONLY, "readonly");
}

/* unset [-v | -f] NAME...: remove variables (or functions).  Unsetting
 * something that is not there is no error; a read-only variable is. */
int bi_unset(int argc, char **argv)
{
	int argi = 1, status = 0, funcs = 0;
	for (; argi < argc && argv[argi][0] == '-'; argi++) {
		if (strcmp(argv[argi], "--") == 0) {
			argi++;
			break;
		}
		if (strcmp(argv[argi], "-f") == 0) {
			funcs = 1;
		} else if (strcmp(argv[argi], "-v") == 0) {
			funcs = 0;
		} else {
			sh_error("unset: Illegal option %s", argv[argi]);
			return sh_special_error(2);
		}
	}
	for (; argi < argc; argi++) {
		const char *name = argv[argi];
		if (funcs) {
			func_unset(name);
			continue;
		}
		/* checked here rather than left to var_unset, so that the
		 * message names the builtin, as every other builtin's does */
		if (!var_valid_name(name, strlen(name))) {
			sh_error("unset: %s: bad variable name", sh_arg(name));
			status = sh_special_error(2);
		} else if (var_flags(name) & V_READONLY) {
			sh_error("unset: %s: is read only", sh_arg(name));
			status = sh_special_error(2);
		} else {
			var_unset(name);
		}
	}
	return status;
}

/* local NAME[=VALUE]...: the variable gets back its old value and flags
 * when the function returns (dash's local: until assigned, it keeps the
 * value it had).  A special builtin, as in dash: its errors end a script. */
int bi_local(int argc, char **argv)
{
	int status = 0;
	if (sh.func_depth == 0) {
		sh_error("local: not in a function");
		return sh_special_error(2);
	}
	for (int i = 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		if (!var_valid_name(argv[i], n)) {
			sh_error("local: %s: bad variable name", sh_arg(argv[i]));
			return sh_special_error(2); /* a special builtin, as in dash */
		}
		char *name = xstrndup(argv[i], n);
		var_make_local(name);
		if (eq && var_set(name, eq + 1) < 0)
			status = sh_special_error(2);
		free(name);
	}
	return status;
}
