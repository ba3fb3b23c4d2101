/* table.c - the one table of builtins. */
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "../shell/shell.h"

const struct builtin builtin_table[] = {
	{ ":", bi_true, ":", "Do nothing, successfully (status 0).",
	  "It is cheaper than starting a program that does nothing." },
	{ "bg", bi_bg, "bg [%N...]", "Continue stopped jobs in the background.",
	  "Jobs are the shell's own children; only it knows their process groups." },
	{ "cd", bi_cd, "cd [DIR | -]",
	  "Change directory (no DIR: $HOME, -: back).",
	  "A child process cannot change its parent's directory: cd run as a separate program would change only its own." },
	{ "disown", bi_disown, "disown [%N...]", "Forget jobs: no reports, no hang-up at exit.",
	  "It edits the shell's own job table." },
	{ "exec", bi_exec, "exec [COMMAND [ARG...]]",
	  "Become COMMAND without forking (keeps the PID).",
	  "Its whole point is to not fork: the shell process itself becomes the new program, keeping its PID." },
	{ "exit", bi_exit, "exit [N]", "Leave the shell with status N (default: $?).",
	  "Only the shell itself can end the shell; a child that exits ends only the child." },
	{ "explain", bi_explain, "explain CMDLINE", "Show the tree and system calls, run nothing.",
	  "It reads the shell's own parser and rules; nothing is run." },
	{ "export", bi_export, "export [NAME[=VALUE]...]",
	  "Put variables in the environment children get.",
	  "It changes the shell's own environment, which every later child copies." },
	{ "false", bi_false, "false", "Do nothing, unsuccessfully (status 1).",
	  "Like ':' it is cheaper than a program." },
	{ "fg", bi_fg, "fg [%N]", "Bring a job to the foreground (and terminal).",
	  "Only the shell can hand the terminal to a job and wait for it." },
	{ "help", bi_help, "help [NAME]", "List the builtins, or describe one.",
	  "It describes the shell itself." },
	{ "history", bi_history, "history [N]", "Show the command history (the last N lines).",
	  "The history lives in the shell's memory." },
	{ "jobs", bi_jobs, "jobs [-l | -p] [%N...]", "List jobs: number, state, command (-l: PIDs).",
	  "The job table lives in the shell." },
	{ "kill", bi_kill, "kill [-SIG] %N|PID...", "Send a signal (default TERM) to jobs or PIDs.",
	  "As a builtin it understands %N job numbers; kill -l lists signals." },
	{ "lesson", bi_lesson, "lesson [NAME] [OPTIONS]", "List the lessons, or run one live, step by step.",
	  "A lesson's processes are children of the shell, which watches, records and reaps them all." },
	{ "ptree", bi_ptree, "ptree [--ascii] [PID]", "Show this shell's process tree, from /proc.",
	  "A program would be one more child in the very tree it draws; inside the shell it shows the shell's children as they are." },
	{ "pwd", bi_pwd, "pwd", "Print the shell's working directory.",
	  "It reports the shell's own state (a program could too, but need not fork)." },
	{ "trace", bi_trace, "trace [on | off]", "Show each fork, exec, wait as it happens.",
	  "It changes what the shell itself reports about its own work." },
	{ "true", bi_true, "true", "Do nothing, successfully (status 0).", "Like ':'." },
	{ "type", bi_type, "type NAME...", "Say if NAME is a builtin or which file runs.",
	  "It answers with the shell's own rules for finding commands." },
	{ "unset", bi_unset, "unset NAME...", "Remove variables (and their environment copies).",
	  "It changes the shell's own variables." },
	{ "wait", bi_wait, "wait [%N | PID...]", "Wait for background jobs; status of the last one.",
	  "Only a parent can wait for its children, and the jobs are the shell's children." },
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
