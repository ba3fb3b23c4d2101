/* table.c - the one table of builtins. */
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "../shell/shell.h"

const struct builtin builtin_table[] = {
	{ ":", bi_true, ":", "Do nothing, successfully (status 0).",
	  "It is cheaper than starting a program that does nothing." },
	{ "cd", bi_cd, "cd [DIR | -]",
	  "Change the shell's directory (none: $HOME, -: back).",
	  "A child process cannot change its parent's directory: cd run as a separate program would change only its own." },
	{ "exec", bi_exec, "exec [COMMAND [ARG...]]",
	  "Become COMMAND without forking (keeps the PID).",
	  "Its whole point is to not fork: the shell process itself becomes the new program, keeping its PID." },
	{ "exit", bi_exit, "exit [N]", "Leave the shell with status N (default: $?).",
	  "Only the shell itself can end the shell; a child that exits ends only the child." },
	{ "export", bi_export, "export [NAME[=VALUE]...]",
	  "Put variables in the environment children get.",
	  "It changes the shell's own environment, which every later child copies." },
	{ "false", bi_false, "false", "Do nothing, unsuccessfully (status 1).",
	  "Like ':' it is cheaper than a program." },
	{ "help", bi_help, "help [NAME]", "List the builtins, or describe one.",
	  "It describes the shell itself." },
	{ "history", bi_history, "history [N]", "Show the command history (the last N lines).",
	  "The history lives in the shell's memory." },
	{ "pwd", bi_pwd, "pwd", "Print the shell's working directory.",
	  "It reports the shell's own state (a program could too, but need not fork)." },
	{ "true", bi_true, "true", "Do nothing, successfully (status 0).", "Like ':'." },
	{ "type", bi_type, "type NAME...", "Say if NAME is a builtin or which file runs.",
	  "It answers with the shell's own rules for finding commands." },
	{ "unset", bi_unset, "unset NAME...", "Remove variables (and their environment copies).",
	  "It changes the shell's own variables." },
	{ NULL, NULL, NULL, NULL, NULL },
};

/* A linear scan: the table is small, and this is called once per command. */
const struct builtin *builtin_find(const char *name)
{
	for (const struct builtin *b = builtin_table; b->name; b++)
		if (strcmp(b->name, name) == 0)
			return b;
	return NULL;
}

int builtin_usage(const struct builtin *b)
{
	fflush(stdout);
	fprintf(stderr, "%s: usage: %s\n", sh.name, b->usage);
	return 2;
}
