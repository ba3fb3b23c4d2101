/* info.c - builtins that describe things: type, help, history, and the
 * trivial :, true and false. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/input.h"
#include "../shell/number.h"
#include "../shell/path.h"
#include "../shell/shell.h"
#include "../shell/util.h"
#include "../shell/vars.h"

int bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

/* help [NAME]: the table is the documentation. */
int bi_help(int argc, char **argv)
{
	if (argc > 2)
		return builtin_usage(builtin_find("help"));
	if (argc == 2) {
		const struct builtin *b = builtin_find(argv[1]);
		if (!b && keyword_help(argv[1]) == 0)
			return 0;
		if (!b) {
			sh_error("help: nothing called '%s' (try 'help' for the list)", sh_arg(argv[1]));
			return 1;
		}
		/* wrapped to the terminal: a projector is often narrow */
		int width = term_width() - 1;
		char why[512];
		snprintf(why, sizeof why, "Why a builtin: %s", b->why);
		printf("usage: %s\n", b->usage);
		wrap_text(stdout, b->summary, width, 4, 4);
		wrap_text(stdout, why, width, 4, 6);
		if (b->help)
			b->help();
		return 0;
	}
	printf("forksh %s, a teaching shell: programs run via fork, execvp and waitpid.\n"
	       "These builtins run inside the shell itself, without forking:\n\n",
	       forksh_version);
	for (const struct builtin *b = builtin_table; b->name; b++)
		printf("  %-10s %s\n", b->name, b->summary);
	keyword_list();
	printf("\nEverything else is a program: forksh forks a child and the child calls execvp.\n"
	       "'help NAME' says more about one builtin; 'man forksh' has the whole story.\n");
	return 0;
}

/* history [N]: the lines entered at the prompt, oldest first. */
int bi_history(int argc, char **argv)
{
	long long last = -1;
	if (argc > 2)
		return builtin_usage(builtin_find("history"));
	if (argc == 2 && num_parse(argv[1], 0, LONG_MAX, &last) != NUM_OK)
		return num_illegal("history", argv[1]);
	input_history_print(stdout, last);
	return 0;
}
