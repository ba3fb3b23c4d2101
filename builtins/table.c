/* table.c - the one table of builtins. */
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "../shell/shell.h"

/* Rows end with the completion and help hooks (NULL, NULL for most). */

const struct builtin builtin_table[] = {
	{ ".", bi_dot, BI_SPECIAL, ". FILE", "Run the commands of FILE in this shell.",
	  "The file must change this shell (variables, functions, cd): a child could only change itself.", NULL, NULL },
	{ ":", bi_true, BI_SPECIAL, ": [ARG...]", "Do nothing, successfully (status 0).",
	  "It is cheaper than starting a program that does nothing.", NULL, NULL },
	{ "[", bi_test, 0, "[ EXPRESSION ]", "The same as test, with a ] at the end.",
	  "Only to save a fork and an exec per call (loops call it every round); it changes nothing in the shell, and /usr/bin/[ does the same in a child.", NULL, NULL },
	{ "alias", bi_alias, 0, "alias [NAME[=VALUE]...]", "Define or list aliases: short names for command text.",
	  "The parser reads command names through the alias table, which lives in the shell.", NULL, NULL },
	{ "bg", bi_bg, 0, "bg [%N...]", "Continue stopped jobs in the background.",
	  "Jobs are the shell's own children; only it knows their process groups.", NULL, NULL },
	{ "break", bi_break, BI_SPECIAL, "break [N]", "Leave the innermost N loops (default 1).",
	  "Loops run inside the shell; a program could not stop the shell's loop.", NULL, NULL },
	{ "cd", bi_cd, 0, "cd [-L | -P] [DIR | -]",
	  "Change directory (no DIR: $HOME, -: back).",
	  "A child process cannot change its parent's directory: cd run as a separate program would change only its own.", NULL, NULL },
	{ "command", bi_command, 0, "command [-p] [-v | -V] NAME [ARG...]", "Run NAME skipping functions, or say what NAME is.",
	  "It decides how the shell itself looks a name up (functions, builtins, PATH).", NULL, NULL },
	{ "continue", bi_continue, BI_SPECIAL, "continue [N]", "Start the next round of the Nth enclosing loop.",
	  "Loops run inside the shell; only the shell can move on to their next round.", NULL, NULL },
	{ "disown", bi_disown, 0, "disown [%N...]", "Forget jobs: no reports, no hang-up at exit.",
	  "It edits the shell's own job table.", NULL, NULL },
	{ "echo", bi_echo, 0, "echo [-n] [STRING...]", "Print the strings and a newline (-n: none), decoding \\ escapes.",
	  "Only to save a fork and an exec per call; echo changes nothing in the shell. Run /bin/echo to watch the fork it saves.", NULL, NULL },
	{ "eval", bi_eval, BI_SPECIAL, "eval [ARG...]", "Run the arguments as a command line.",
	  "The command runs in this shell, so what it changes stays changed.", NULL, NULL },
	{ "exec", bi_exec, BI_SPECIAL | BI_KEEP_REDIRS, "exec [COMMAND [ARG...]]",
	  "Become COMMAND without forking (keeps the PID).",
	  "Its whole point is to not fork: the shell process itself becomes the new program, keeping its PID.", NULL, NULL },
	{ "exit", bi_exit, BI_SPECIAL, "exit [N]", "Leave the shell with status N (default: $?).",
	  "Only the shell itself can end the shell; a child that exits ends only the child.", NULL, NULL },
	{ "explain", bi_explain, 0, "explain CMDLINE", "Show the tree and system calls, run nothing.",
	  "It reads the shell's own parser and rules; nothing is run.", NULL, NULL },
	{ "export", bi_export, BI_SPECIAL | BI_DECL, "export [-p] [NAME[=VALUE]...]",
	  "Put variables in the environment children get (-p: list).",
	  "It changes the shell's own environment, which every later child copies.", NULL, NULL },
	{ "false", bi_false, 0, "false", "Do nothing, unsuccessfully (status 1).",
	  "Like ':' it is cheaper than a program.", NULL, NULL },
	{ "fc", bi_fc, 0, "fc -l [-nr] [FIRST [LAST]] | fc -s [OLD=NEW] [FIRST] | fc [-r] [-e EDITOR] [FIRST [LAST]]",
	  "List history entries (-l), re-run one (-s), or edit some and run them.",
	  "The history list belongs to the shell, and the commands fc re-runs must run in the shell itself, so that what they change (cd, variables) stays changed.",
	  NULL, NULL },
	{ "fg", bi_fg, 0, "fg [%N]", "Bring a job to the foreground (and terminal).",
	  "Only the shell can hand the terminal to a job and wait for it.", NULL, NULL },
	{ "follow", bi_follow, 0, "follow [OPTIONS] COMMAND [ARG...]",
	  "Run COMMAND and draw the tree and timeline of every process it starts.",
	  "forksh follows the program's processes with ptrace, as their parent and the subreaper of their orphans, and draws them from its own record.",
	  follow_complete, follow_help },
	{ "getopts", bi_getopts, 0, "getopts OPTSTRING NAME [ARG...]", "Take the next option from the arguments.",
	  "It keeps its place in the shell (OPTIND) from one call to the next and sets shell variables.", NULL, NULL },
	{ "hash", bi_hash, 0, "hash [-r] [NAME...]", "Check that NAMEs are commands in PATH and list them (-r: forget the list).",
	  "The list belongs to the shell; forksh searches PATH for every command anyway, so it is only a record.", NULL, NULL },
	{ "help", bi_help, 0, "help [NAME]", "List the builtins, or describe one (or a word of the language).",
	  "It describes the shell itself.", NULL, NULL },
	{ "history", bi_history, 0, "history [N]", "Show the command history (the last N lines).",
	  "The history lives in the shell's memory.", NULL, NULL },
	{ "jobs", bi_jobs, 0, "jobs [-l | -p] [%N...]", "List jobs: number, state, command (-l: PIDs).",
	  "The job table lives in the shell.", NULL, NULL },
	{ "kill", bi_kill, 0, "kill [-SIG | -s SIG] %N|PID... | -l [N]", "Send a signal (default TERM) to jobs or PIDs; -l: list signals.",
	  "As a builtin it understands %N job numbers; kill -l lists signals.", NULL, NULL },
	{ "lesson", bi_lesson, 0, "lesson [NAME | N] [OPTIONS]", "List the lessons, or run one live, step by step.",
	  "A lesson's processes are children of the shell, which watches, records and reaps them all.", lesson_complete, lesson_help_more },
	{ "local", bi_local, BI_SPECIAL | BI_DECL, "local NAME[=VALUE]...", "Give a function its own copy of variables.",
	  "Variables live in the shell; the function's copies are dropped when it returns.", NULL, NULL },
	{ "printf", bi_printf, 0, "printf FORMAT [ARGUMENT...]", "Print the arguments as the FORMAT says (%s %d %x %b ...).",
	  "Only to save a fork and an exec per call; printf changes nothing in the shell, and /usr/bin/printf does the same in a child.", NULL, NULL },
	{ "ptree", bi_ptree, 0, "ptree [--ascii] [PID]", "Show this shell's process tree, from /proc.",
	  "A program would be one more child in the very tree it draws; inside the shell it shows the shell's children as they are.", NULL, NULL },
	{ "pwd", bi_pwd, 0, "pwd [-L | -P]", "Print the shell's working directory.",
	  "It reports the shell's own state (a program could too, but need not fork).", NULL, NULL },
	{ "read", bi_read, 0, "read [-r] [-p PROMPT] NAME...", "Read a line into variables, split by IFS (-r: keep backslashes; -p: ask at a terminal).",
	  "It sets the shell's own variables; a child could only set its own.", NULL, NULL },
	{ "readonly", bi_readonly, BI_SPECIAL | BI_DECL, "readonly [-p] [NAME[=VALUE]...]", "Make variables unchangeable.",
	  "The flag is kept in the shell's own variable table.", NULL, NULL },
	{ "return", bi_return, BI_SPECIAL, "return [N]", "Leave the function (or . script) with status N.",
	  "A function runs inside the shell, so only the shell can end it early.", NULL, NULL },
	{ "set", bi_set, BI_SPECIAL, "set [-abCefhmnuvx] [-o NAME] [--] [ARG...]",
	  "Set options (-e, -x, ...; +e: off) or $1 $2 ...; alone: list.",
	  "Options and $1 $2 ... belong to the shell itself; a child's set would change only the child.", NULL, NULL },
	{ "shift", bi_shift, BI_SPECIAL, "shift [N]", "Drop the first N positional parameters.",
	  "$1 $2 ... belong to the shell itself.", NULL, NULL },
	{ "test", bi_test, 0, "test EXPRESSION", "Test files, strings and integers; status 0 if true, 1 if false.",
	  "Only to save a fork and an exec per call (loops call it every round); it changes nothing in the shell, and /usr/bin/test does the same in a child.", NULL, NULL },
	{ "times", bi_times, BI_SPECIAL, "times", "Show the CPU time of the shell and of its children.",
	  "Only the shell knows the time its reaped children used (getrusage of its own children).", NULL, NULL },
	{ "trace", bi_trace, 0, "trace [on | off]", "Show each fork, exec, wait as it happens.",
	  "It changes what the shell itself reports about its own work.", NULL, NULL },
	{ "trap", bi_trap, BI_SPECIAL, "trap [-p] [ACTION CONDITION...]", "Run ACTION when a signal comes (or at EXIT); alone: list traps.",
	  "The handler must be installed in the shell process itself; a child could only catch its own signals.",
	  NULL, NULL },
	{ "true", bi_true, 0, "true", "Do nothing, successfully (status 0).", "Doing nothing in the shell is cheaper than starting a program that does nothing.", NULL, NULL },
	{ "type", bi_type, 0, "type NAME...", "Say what NAME is: keyword, alias, builtin, function or file.",
	  "It answers with the shell's own rules for finding commands.", NULL, NULL },
	{ "ulimit", bi_ulimit, 0, "ulimit [-H | -S] [-a | -tfdscmlunvwr] [LIMIT]", "Show or set a resource limit.",
	  "Limits belong to the shell process and pass to every child it forks; a child's ulimit changes only the child.",
	  NULL, NULL },
	{ "umask", bi_umask, 0, "umask [-S] [MODE]", "Show or set the file mode mask children inherit.",
	  "The mask belongs to the shell process; a child's umask would change only the child's.", NULL, NULL },
	{ "unalias", bi_unalias, 0, "unalias [-a | NAME...]", "Remove aliases (-a: all of them).",
	  "It edits the shell's own alias table.", NULL, NULL },
	{ "unset", bi_unset, BI_SPECIAL, "unset [-v | -f] NAME...", "Remove variables (and their environment copies), or -f functions.",
	  "It changes the shell's own variables and functions.", NULL, NULL },
	{ "wait", bi_wait, 0, "wait [%N | PID...]", "Wait for background jobs; status of the last one.",
	  "Only a parent can wait for its children, and the jobs are the shell's children.", NULL, NULL },
	{ NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL },
};

/* A binary search: the table is sorted by name (in strcmp's order, which
 * test_builtins checks), and this runs for every simple command. */
const struct builtin *builtin_find(const char *name)
{
	size_t lo = 0, hi = sizeof builtin_table / sizeof builtin_table[0] - 1; /* without the NULL row */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, builtin_table[mid].name);
		if (c == 0)
			return &builtin_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int builtin_usage(const struct builtin *b)
{
	fflush(stdout);
	fprintf(stderr, "%s: usage: %s\n", sh.name, b->usage);
	return 2;
}
