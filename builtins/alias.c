/* alias.c - alias and unalias: they edit the table the shell's parser
 * reads command names through, so they can only be builtins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "../shell/alias.h"
#include "../shell/shell.h"
#include "../shell/util.h"

/* alias [NAME[=VALUE]...]: define aliases, or print them (all, or the
 * ones named) as `name='value'`, which reads back as the same alias. */
int bi_alias(int argc, char **argv)
{
	int status = 0;
	if (argc == 1) {
		alias_print_all(stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq) {
			if (alias_get(argv[i])) {
				alias_print(stdout, argv[i]);
			} else {
				sh_error("alias: %s: not found", sh_arg(argv[i]));
				status = 1;
			}
			continue;
		}
		char *name = xstrndup(argv[i], (size_t)(eq - argv[i]));
		if (!alias_valid_name(name)) {
			sh_error("alias: %s: not a valid alias name", sh_arg(name));
			status = 1;
		} else {
			alias_set(name, eq + 1);
		}
		free(name);
	}
	return status;
}

/* unalias [-a] NAME...: remove aliases (-a: all of them). */
int bi_unalias(int argc, char **argv)
{
	int status = 0, argi = 1;
	if (argi < argc && strcmp(argv[argi], "-a") == 0) {
		alias_clear();
		return 0;
	}
	if (argi < argc && strcmp(argv[argi], "--") == 0)
		argi++;
	if (argi >= argc)
		return builtin_usage(builtin_find("unalias"));
	for (; argi < argc; argi++) {
		if (alias_unset(argv[argi]) < 0) {
			sh_error("unalias: %s: not found", sh_arg(argv[argi]));
			status = 1;
		}
	}
	return status;
}
