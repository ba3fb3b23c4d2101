/* keywords.c - `help` for the language itself: the reserved words and
 * operators, each with what it does to processes (does it fork?). */
#include <stdio.h>
#include <string.h>

#include "builtins.h"

struct keyword {
	const char *name;     /* what `help NAME` takes */
	const char *usage;
	const char *summary;
	const char *processes; /* what it means for processes */
};

static const struct keyword keywords[] = {
	{ "if", "if LIST; then LIST; [elif LIST; then LIST;]... [else LIST;] fi",
	  "Run LIST; its exit status (0 is true) picks the branch.",
	  "No fork for the if itself: the shell runs the condition and the branch. Only the programs "
	  "inside them are forked." },
	{ "while", "while LIST; do LIST; done",
	  "Run the body as long as the condition's status is 0.",
	  "The loop runs inside the shell: `i=$((i+1))` in the body changes the shell's own i. "
	  "Piped into another command (`... done | sort`), the whole loop runs in a child instead." },
	{ "until", "until LIST; do LIST; done", "Run the body as long as the condition fails.",
	  "Like while: the loop itself is the shell's own work, no fork." },
	{ "for", "for NAME [in WORD...]; do LIST; done",
	  "Run the body once for each word (no `in`: each of \"$@\").",
	  "The words are expanded once, before the first round; the loop runs in the shell." },
	{ "case", "case WORD in [(]PATTERN[|PATTERN]...) LIST;; ... esac   (;& instead of ;; falls through)",
	  "Run the commands of the first pattern matching WORD.",
	  "Matching is done in the shell, with glob patterns: no program, no fork." },
	{ "{", "{ LIST; }", "Group commands; redirections apply to all of them.",
	  "No fork: the group runs in the shell, so `cd` or `x=1` inside it stay." },
	{ "(", "( LIST )", "Run the commands in a subshell.",
	  "fork() without exec: the child is a copy of the shell and runs the list itself, then exits. "
	  "cd, variables and exit inside it change only the child. `lesson subshell` shows it live." },
	{ "function", "NAME() COMPOUND-COMMAND [REDIRECTIONS]",
	  "Define a function: NAME ARG... runs the body with $1 $2 ...",
	  "Calling a function forks nothing: the body runs in the shell (unless it is piped or put in "
	  "the background, which forks as for any command). `return N` leaves it; `local` gives it its "
	  "own variables." },
	{ "!", "! PIPELINE", "Invert the exit status: 0 becomes 1, anything else 0.",
	  "Nothing extra runs; the shell flips the status it got from waitpid." },
	{ "|", "COMMAND | COMMAND ...", "A pipeline: each output is the next command's input.",
	  "One pipe() between each pair and one fork() per command, builtins and loops included; the "
	  "shell waits for all of them, and $? is the last one's status." },
	{ "&", "COMMAND &", "Run in the background: the shell does not wait.",
	  "fork() and no waitpid: the child becomes a job (see jobs, fg, bg, wait); $! is its PID." },
	{ "&&", "A && B   A || B", "Run B only if A succeeded (&&) or failed (||).",
	  "The shell looks at A's exit status (from waitpid, or a builtin's return) before deciding." },
	{ "<<", "COMMAND <<WORD ... WORD", "A here-document: the lines up to WORD are the input.",
	  "The shell writes the text into a pipe (a temporary file when it is big) and makes it the "
	  "command's standard input; with the delimiter quoted ('WORD'), $ is not expanded." },
	{ ">", "[N]>FILE  [N]>>FILE  [N]<FILE  [N]<>FILE  [N]>|FILE  [N]>&M  [N]<&M  [N]>&-",
	  "Redirections: where a command's descriptors 0, 1, 2 ... point.",
	  "For a program, the child opens the file and dup2()s it onto N between fork() and exec(); for "
	  "a builtin or a compound command the shell changes its own descriptors and puts them back after." },
	{ "${", "${NAME}  ${NAME:-WORD} (:= :? :+, or no :)  ${#NAME}  ${NAME%PAT} (%% # ##)",
	  "Parameter expansion: a value, a default, a length, a part.",
	  "Done by the shell itself while it expands the word: no fork, no program." },
	{ "$((", "$((EXPRESSION))", "Arithmetic: the value of a C-like integer expression.",
	  "Computed inside the shell (i=$((i+1)) forks nothing), where `expr` would be a program and a fork." },
	{ "$(", "$(COMMAND)  or  `COMMAND`", "Command substitution: the command's output, in place.",
	  "pipe() and fork(): the child's standard output is the pipe; the shell reads it to the end, "
	  "then waitpid(). So x=$(cd /tmp; pwd) cannot change the shell's directory." },
};

/* A redirection operator as a user would ask about it: < > >> <> >| >& <&,
 * with a descriptor number before it and one (or -) after it allowed
 * (2>, 2>&1, >&-).  Returns 1 or 0. */
static int is_redirection(const char *name)
{
	static const char *const ops[] = { ">>", "<>", ">|", ">&", "<&", "<", ">" };
	const char *s = name + strspn(name, "0123456789");
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		size_t n = strlen(ops[i]);
		if (strncmp(s, ops[i], n) != 0)
			continue;
		const char *rest = s + n;
		return strcmp(rest, "-") == 0 || strspn(rest, "0123456789") == strlen(rest);
	}
	return 0;
}

static const struct keyword *find(const char *name)
{
	if (strcmp(name, "then") == 0 || strcmp(name, "elif") == 0 || strcmp(name, "else") == 0 ||
	    strcmp(name, "fi") == 0)
		name = "if";
	else if (strcmp(name, "do") == 0 || strcmp(name, "done") == 0)
		name = "while";
	else if (strcmp(name, "esac") == 0 || strcmp(name, "in") == 0 || strcmp(name, ";;") == 0)
		name = "case";
	else if (strcmp(name, "}") == 0)
		name = "{";
	else if (strcmp(name, ")") == 0 || strcmp(name, "subshell") == 0)
		name = "(";
	else if (strcmp(name, "||") == 0)
		name = "&&";
	else if (strcmp(name, "<<-") == 0 || strcmp(name, "heredoc") == 0)
		name = "<<";
	else if (strcmp(name, "`") == 0 || strcmp(name, "$") == 0)
		name = "$(";
	else if (strcmp(name, ";&") == 0)
		name = "case";
	else if (strcmp(name, "()") == 0)
		name = "function";
	else if (is_redirection(name))
		name = ">";
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (strcmp(keywords[i].name, name) == 0)
			return &keywords[i];
	return NULL;
}

int keyword_help(const char *name)
{
	const struct keyword *k = find(name);
	if (!k)
		return -1;
	printf("usage: %s\n    %s\n    Processes: %s\n", k->usage, k->summary, k->processes);
	return 0;
}

void keyword_list(void)
{
	printf("\nThe language (help WORD for any of them):\n");
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		printf("  %-10s %s\n", keywords[i].name, keywords[i].summary);
}
