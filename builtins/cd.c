/* cd.c - cd and pwd: the working directory belongs to each process, so only
 * the shell itself can change its own. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/shell.h"
#include "../shell/vars.h"

/* cd [DIR | -]: change directory, then keep PWD and OLDPWD in step (both
 * exported, as other shells do, so child programs see them).  Returns 1 when
 * the directory cannot be entered, 2 on a usage error. */
int bi_cd(int argc, char **argv)
{
	int argi = 1;
	if (argi < argc && strcmp(argv[argi], "--") == 0)
		argi++;
	if (argc - argi > 1)
		return builtin_usage(builtin_find("cd"));

	const char *target = argi < argc ? argv[argi] : NULL;
	int print = 0;
	if (!target) {
		target = var_get("HOME");
		if (!target || !*target) {
			sh_error("cd: HOME not set");
			return 1;
		}
	} else if (strcmp(target, "-") == 0) {
		target = var_get("OLDPWD");
		if (!target || !*target) {
			sh_error("cd: OLDPWD not set");
			return 1;
		}
		print = 1;
	}

	char *old = getcwd(NULL, 0);
	char *dest = strdup(target); /* target may point into a variable we change */
	if (!dest || chdir(dest) < 0) {
		sh_error("cd: %s: %s", sh_arg(target), strerror(dest ? errno : ENOMEM));
		free(old);
		free(dest);
		return 1;
	}
	char *now = getcwd(NULL, 0);
	if (old)
		var_export("OLDPWD", old);
	if (now)
		var_export("PWD", now);
	if (print)
		printf("%s\n", now ? now : dest);
	free(old);
	free(now);
	free(dest);
	return 0;
}

/* pwd: print the working directory as the kernel knows it. */
int bi_pwd(int argc, char **argv)
{
	(void)argv;
	if (argc > 1 && !(argc == 2 && (strcmp(argv[1], "-P") == 0 || strcmp(argv[1], "-L") == 0)))
		return builtin_usage(builtin_find("pwd"));
	char *cwd = getcwd(NULL, 0);
	if (!cwd) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	free(cwd);
	return 0;
}
