/* command.c - type and command -v / -V: how the shell would find a name.
 *
 * Both answer with the shell's own search order (XCU 2.9.1): reserved
 * words, aliases, special builtins, functions, builtins, then PATH.  What
 * `command NAME ARG...` runs is decided by the executor (evalcmd.c); this
 * builtin only does the looking-up forms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/alias.h"
#include "../shell/func.h"
#include "../shell/path.h"
#include "../shell/shell.h"
#include "../shell/util.h"
#include "../shell/vars.h"

static const char *const reserved[] = { "!", "{", "}", "case", "do", "done", "elif", "else", "esac",
					"fi", "for", "if", "in", "then", "until", "while", NULL };

enum kind { K_NONE, K_KEYWORD, K_ALIAS, K_SPECIAL, K_FUNCTION, K_BUILTIN, K_FILE };

/* Where name comes from; *path gets the file (a new string) for K_FILE. */
static enum kind lookup(const char *name, char **path, int default_path)
{
	*path = NULL;
	for (size_t i = 0; reserved[i]; i++)
		if (strcmp(name, reserved[i]) == 0)
			return K_KEYWORD;
	if (alias_get(name))
		return K_ALIAS;
	const struct builtin *b = strchr(name, '/') ? NULL : builtin_find(name);
	if (b && (b->flags & BI_SPECIAL))
		return K_SPECIAL;
	if (!strchr(name, '/') && func_find(name))
		return K_FUNCTION;
	if (b)
		return K_BUILTIN;
	char *defpath = default_path ? path_default() : NULL;
	*path = default_path ? path_search_in(defpath, name, path_is_executable) : path_search(name, path_is_executable);
	free(defpath);
	return *path ? K_FILE : K_NONE;
}

/* One name, as type (and command -V) describe it.  At a terminal a person
 * reads it, and it also says what that means for processes.  Returns 0, or
 * 127 when the name is nowhere. */
static int describe(const char *name, int default_path)
{
	char *path;
	const char *shown = sh_arg(name);
	int tty = isatty(STDOUT_FILENO);
	switch (lookup(name, &path, default_path)) {
	case K_KEYWORD:
		printf("%s is a shell keyword\n", shown);
		break;
	case K_ALIAS:
		printf("%s is an alias for %s\n", shown, alias_get(name));
		break;
	case K_SPECIAL:
		printf("%s is a special shell builtin%s\n", shown, tty ? " (runs inside forksh, no fork)" : "");
		break;
	case K_FUNCTION:
		printf("%s is a shell function%s\n", shown, tty ? " (its body runs inside forksh, no fork)" : "");
		break;
	case K_BUILTIN:
		printf("%s is a shell builtin%s\n", shown, tty ? " (runs inside forksh, no fork)" : "");
		break;
	case K_FILE:
		printf("%s is %s%s\n", shown, path, tty ? " (forksh forks; the child execs it)" : "");
		free(path);
		break;
	case K_NONE:
		printf("%s: not found\n", shown);
		return 127;
	}
	return 0;
}

/* command -v: the word that would run, as a command could use it again.
 * Returns 0, or 1 when the name is nowhere. */
static int brief(const char *name, int default_path)
{
	char *path;
	switch (lookup(name, &path, default_path)) {
	case K_ALIAS:
		printf("alias %s=", name);
		var_print_quoted(stdout, alias_get(name));
		putchar('\n');
		return 0;
	case K_FILE:
		printf("%s\n", path);
		free(path);
		return 0;
	case K_NONE:
		return 1;
	default:
		printf("%s\n", name);
		return 0;
	}
}

/* type NAME...: where each name comes from. */
int bi_type(int argc, char **argv)
{
	int status = 0;
	int argi = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
	if (argi >= argc)
		return builtin_usage(builtin_find("type"));
	for (; argi < argc; argi++)
		if (describe(argv[argi], 0))
			status = 127;
	return status;
}

/* command [-p] -v|-V NAME...: the looking-up forms (the executor runs
 * the plain `command NAME ARG...` itself). */
int bi_command(int argc, char **argv)
{
	int argi = 1, mode = 0, default_path = 0;
	for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
		if (strcmp(argv[argi], "--") == 0) {
			argi++;
			break;
		}
		for (const char *c = argv[argi] + 1; *c; c++) {
			if (*c == 'p')
				default_path = 1;
			else if (*c == 'v' || *c == 'V')
				mode = *c;
			else {
				sh_error("command: Illegal option -%c", *c);
				return 2;
			}
		}
	}
	if (!mode || argi >= argc)
		return 0; /* plain `command` runs nothing */
	int status = 0;
	for (; argi < argc; argi++) {
		int st = mode == 'v' ? brief(argv[argi], default_path) : describe(argv[argi], default_path);
		if (st)
			status = 127;
	}
	return status;
}
