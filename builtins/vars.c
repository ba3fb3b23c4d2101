/* vars.c - export and unset: they change the shell's own variables, which
 * every child later starts with a copy of. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "../shell/shell.h"
#include "../shell/vars.h"

/* export [-p] [NAME[=VALUE]...]: no names (or -p) lists the environment. */
int bi_export(int argc, char **argv)
{
	int argi = 1, status = 0;
	if (argi < argc && (strcmp(argv[argi], "-p") == 0 || strcmp(argv[argi], "--") == 0))
		argi++;
	if (argi >= argc) {
		var_print_exported(stdout);
		return 0;
	}
	for (; argi < argc; argi++) {
		const char *eq = strchr(argv[argi], '=');
		size_t n = eq ? (size_t)(eq - argv[argi]) : strlen(argv[argi]);
		if (!var_valid_name(argv[argi], n)) {
			char *name = strndup(argv[argi], n);
			sh_error("export: '%s': not a valid name", sh_arg(name ? name : ""));
			free(name);
			status = 1;
			continue;
		}
		char *name = strndup(argv[argi], n);
		if (!name || var_export(name, eq ? eq + 1 : NULL) < 0) {
			sh_error("export: %s: cannot export", sh_arg(argv[argi]));
			status = 1;
		}
		free(name);
	}
	return status;
}

/* unset [-v] NAME...: remove variables; an invalid name is an error. */
int bi_unset(int argc, char **argv)
{
	int argi = 1, status = 0;
	if (argi < argc && (strcmp(argv[argi], "-v") == 0 || strcmp(argv[argi], "--") == 0))
		argi++;
	for (; argi < argc; argi++) {
		if (var_unset(argv[argi]) < 0) {
			sh_error("unset: '%s': not a valid name", sh_arg(argv[argi]));
			status = 1;
		}
	}
	return status;
}
