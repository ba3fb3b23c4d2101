/* set.c - set and shift: the shell's options and positional parameters
 * are the shell's own state, so only a builtin can change them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "../shell/number.h"
#include "../shell/params.h"
#include "../shell/shell.h"
#include "../shell/vars.h"

/* One option argument: -abc, +abc, -o NAME, +o NAME (or -o / +o alone,
 * which print).  *argi moves past what was used.  Returns 0, or 2 after an
 * error message. */
static int option_arg(int argc, char **argv, int *argi)
{
	const char *a = argv[*argi];
	int on = a[0] == '-';
	for (const char *c = a + 1; *c; c++) {
		if (*c == 'o') {
			if (*argi + 1 >= argc || argv[*argi + 1][0] == '-' || argv[*argi + 1][0] == '+') {
				opt_print(stdout, !on);
				continue;
			}
			const char *name = argv[++*argi];
			int opt = opt_by_name(name);
			if (opt < 0) {
				sh_error("set: Illegal option -o %s", name);
				return 2;
			}
			if (opt_set(opt, on) < 0)
				return 2;
			continue;
		}
		int opt = opt_by_letter(*c);
		if (opt < 0) {
			sh_error("set: Illegal option %c%c", on ? '-' : '+', *c);
			return 2;
		}
		if (opt_set(opt, on) < 0)
			return 2;
	}
	return 0;
}

/* set [-abCefhmnuvx] [-o NAME] [--] [ARG...]: change options; with
 * arguments (or --), replace the positional parameters; alone, list the
 * variables quoted so that they can be read back. */
int bi_set(int argc, char **argv)
{
	if (argc == 1) {
		var_print(stdout, 0, NULL);
		return 0;
	}
	int argi = 1;
	for (; argi < argc; argi++) {
		const char *a = argv[argi];
		if (strcmp(a, "--") == 0) {
			argi++;
			params_set(argc - argi, argv + argi);
			return 0;
		}
		if (strcmp(a, "-") == 0) {
			/* the old way to say --: also turns off -x and -v; with
			 * nothing after it the parameters stay (dash, bash) */
			opt_set(OPT_x, 0);
			opt_set(OPT_v, 0);
			argi++;
			if (argi < argc)
				params_set(argc - argi, argv + argi);
			return 0;
		}
		if ((a[0] != '-' && a[0] != '+') || !a[1])
			break;
		int rc = option_arg(argc, argv, &argi);
		if (rc)
			return sh_special_error(rc);
	}
	if (argi < argc)
		params_set(argc - argi, argv + argi);
	return 0;
}

/* shift [N]: drop the first N positional parameters (default 1). */
int bi_shift(int argc, char **argv)
{
	long n = 1;
	if (argc > 2) {
		sh_error("shift: too many arguments");
		return sh_special_error(2);
	}
	if (argc == 2) {
		long long v;
		if (num_parse(argv[1], 0, 1000000000, &v) != NUM_OK)
			return sh_special_error(num_illegal("shift", argv[1]));
		n = (long)v;
	}
	if (n > sh.argc) {
		sh_error("shift: can't shift that many");
		return sh_special_error(2);
	}
	params_shift((int)n);
	return 0;
}
