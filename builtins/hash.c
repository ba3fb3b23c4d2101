/* hash.c - hash [-r] [NAME...]: the list of utilities whose place in PATH
 * the shell remembers (XCU hash).
 *
 * forksh searches PATH afresh for every command (execvp does it in the
 * child), so there is no cache to speed up or to go stale: the list is a
 * record of what `hash NAME` found, which `hash` prints.  What scripts use
 * hash for works as in any sh: `hash NAME` fails when NAME is not a
 * command, and the list is forgotten with `hash -r` or when PATH changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "../shell/func.h"
#include "../shell/path.h"
#include "../shell/shell.h"
#include "../shell/util.h"
#include "../shell/vars.h"

static struct strvec remembered; /* full paths, in the order found */
static char *remembered_path;    /* the PATH they were found in */

static void forget_all(void)
{
	sv_free(&remembered);
	sv_init(&remembered);
	free(remembered_path);
	remembered_path = NULL;
}

/* The list holds only while PATH is the one it was made with. */
static void forget_if_path_changed(void)
{
	const char *path = var_get("PATH");
	if (remembered.n && strcmp(remembered_path ? remembered_path : "", path ? path : "") != 0)
		forget_all();
}

/* Remember name's place in PATH.  Builtins and functions need none, as in
 * dash.  Returns 0, or 1 after an error message when name is no command. */
static int remember(const char *name)
{
	if (strchr(name, '/') || builtin_find(name) || func_find(name))
		return 0;
	char *found = path_search(name, path_is_executable);
	if (!found) {
		sh_error("hash: %s: not found", sh_arg(name));
		return 1;
	}
	for (size_t i = 0; i < remembered.n; i++) {
		if (strcmp(remembered.v[i], found) == 0) {
			free(found);
			return 0;
		}
	}
	if (!remembered.n) {
		const char *path = var_get("PATH");
		remembered_path = xstrdup(path ? path : "");
	}
	sv_push(&remembered, found);
	return 0;
}

int bi_hash(int argc, char **argv)
{
	int argi = 1, status = 0;
	forget_if_path_changed();
	for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
		if (strcmp(argv[argi], "--") == 0) {
			argi++;
			break;
		}
		if (strcmp(argv[argi], "-r") != 0) {
			sh_error("hash: Illegal option %s", argv[argi]);
			return 2;
		}
		forget_all();
	}
	if (argi >= argc) {
		for (size_t i = 0; i < remembered.n; i++)
			printf("%s\n", remembered.v[i]);
		return 0;
	}
	for (; argi < argc; argi++)
		if (remember(argv[argi]))
			status = 1;
	return status;
}
