/* getopts.c - getopts OPTSTRING NAME [ARG...]: the shell's way to read
 * options, one per call, keeping its place in OPTIND (and, for grouped
 * options like -ab, in the shell itself), so it must be a builtin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "../shell/shell.h"
#include "../shell/util.h"
#include "../shell/vars.h"

/* Where we are inside a group of options (-abc): the character offset in
 * the argument OPTIND names, and the OPTIND it was for (a script that sets
 * OPTIND=1 starts again). */
static int offset;
static long offset_for = -1;

/* A variable getopts could not set (read-only): getopts then fails with
 * status 2, as in dash. */
static int set_failed;

static void set_var(const char *name, const char *value)
{
	if (var_set(name, value) < 0)
		set_failed = 1;
}

static void set_optind(long n)
{
	char buf[24];
	fmt_intmax(buf, n);
	set_var("OPTIND", buf);
}

/* One getopts call; returns its status before variable errors count. */
static int getopts_step(int argc, char **argv)
{
	if (argc < 3) {
		sh_error("getopts: usage: getopts OPTSTRING NAME [ARG...]");
		return 2;
	}
	const char *optstring = argv[1], *name = argv[2];
	int silent = optstring[0] == ':';
	if (silent)
		optstring++;
	char **args = argc > 3 ? argv + 3 : sh.argv;
	int nargs = argc > 3 ? argc - 3 : sh.argc;
	const char *oi = var_get("OPTIND");
	long optind = oi ? strtol(oi, NULL, 10) : 1;
	if (optind < 1)
		optind = 1;
	if (optind != offset_for)
		offset = 0;

	const char *arg = optind <= nargs ? args[optind - 1] : NULL;
	if (offset == 0) {
		/* a new argument: an option group, or the end of the options */
		if (!arg || arg[0] != '-' || !arg[1] || strcmp(arg, "--") == 0) {
			if (arg && strcmp(arg, "--") == 0)
				optind++;
			set_var(name, "?");
			var_unset("OPTARG");
			set_optind(optind);
			offset_for = -1;
			return 1;
		}
		offset = 1;
	}
	char c = arg[offset++];
	char opt[2] = { c, '\0' };
	const char *spec = c != ':' ? strchr(optstring, c) : NULL;
	int done_with_arg = arg[offset] == '\0';
	if (!spec) {
		if (silent) {
			set_var("OPTARG", opt);
		} else {
			fprintf(stderr, "Illegal option -%c\n", c);
			var_unset("OPTARG");
		}
		set_var(name, "?");
	} else if (spec[1] == ':') {
		/* the option's argument: the rest of this word, or the next */
		if (!done_with_arg) {
			set_var("OPTARG", arg + offset);
		} else if (optind < nargs) {
			set_var("OPTARG", args[optind]);
			optind++;
		} else {
			if (silent) {
				set_var("OPTARG", opt);
				set_var(name, ":");
			} else {
				fprintf(stderr, "No arg for -%c option\n", c);
				var_unset("OPTARG");
				set_var(name, "?");
			}
			offset = 0;
			set_optind(optind + 1);
			offset_for = -1;
			return 0;
		}
		done_with_arg = 1;
		set_var(name, opt);
	} else {
		set_var(name, opt);
		var_unset("OPTARG");
	}
	if (done_with_arg) {
		optind++;
		offset = 0;
	}
	set_optind(optind);
	offset_for = offset ? optind : -1;
	return 0;
}

int bi_getopts(int argc, char **argv)
{
	set_failed = 0;
	int status = getopts_step(argc, argv);
	return set_failed ? 2 : status;
}
