/* params.c - positional parameters and option names (see params.h). */
#include "params.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "jobctl.h"
#include "shell.h"
#include "util.h"

void params_set(int n, char *const *v)
{
	char **nv = xmalloc(((size_t)n + 1) * sizeof *nv);
	for (int i = 0; i < n; i++)
		nv[i] = xstrdup(v[i]); /* v may be the old parameters themselves */
	nv[n] = NULL;
	for (int i = 0; i < sh.argc; i++)
		free(sh.argv[i]);
	free(sh.argv);
	sh.argc = n;
	sh.argv = nv;
}

void params_shift(int n)
{
	for (int i = 0; i < n; i++)
		free(sh.argv[i]);
	memmove(sh.argv, sh.argv + n, ((size_t)(sh.argc - n) + 1) * sizeof *sh.argv);
	sh.argc -= n;
}

/* Each option: its letter (0 for none) and its -o name, in shell_opt order. */
static const struct {
	char letter;
	const char *name;
} opts[OPT_COUNT] = {
	[OPT_a] = { 'a', "allexport" }, [OPT_b] = { 'b', "notify" },   [OPT_C] = { 'C', "noclobber" },
	[OPT_e] = { 'e', "errexit" },   [OPT_f] = { 'f', "noglob" },   [OPT_h] = { 'h', "hashall" },
	[OPT_m] = { 'm', "monitor" },   [OPT_n] = { 'n', "noexec" },   [OPT_u] = { 'u', "nounset" },
	[OPT_v] = { 'v', "verbose" },   [OPT_x] = { 'x', "xtrace" },   [OPT_PIPEFAIL] = { 0, "pipefail" },
	[OPT_VI] = { 0, "vi" },         [OPT_EMACS] = { 0, "emacs" },
};

int opt_by_name(const char *name)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (strcmp(opts[i].name, name) == 0)
			return i;
	return -1;
}

int opt_by_letter(char c)
{
	for (int i = 0; i < OPT_COUNT; i++)
		if (opts[i].letter == c)
			return i;
	return -1;
}

void opt_print(FILE *out, int reinput)
{
	if (!reinput)
		fprintf(out, "Current option settings\n");
	for (int i = 0; i < OPT_COUNT; i++) {
		if (reinput)
			fprintf(out, "set %co %s\n", sh.opt[i] ? '-' : '+', opts[i].name);
		else
			fprintf(out, "%-16s%s\n", opts[i].name, sh.opt[i] ? "on" : "off");
	}
}

int opt_set(int opt, int on)
{
	if (opt == OPT_VI || opt == OPT_EMACS) {
		/* one editing mode at a time, handed to readline; set +o vi
		 * goes back to readline's default, emacs */
		int was_vi = sh.opt[OPT_VI];
		sh.opt[OPT_VI] = sh.opt[OPT_EMACS] = 0;
		if (on)
			input_set_vi(opt == OPT_VI);
		else if (opt == OPT_VI && was_vi)
			input_set_vi(0);
	}
	if (opt == OPT_m && sh.interactive && on != sh.opt[OPT_m]) {
		/* job control: process groups and the terminal for each job */
		if (on && jobctl_init() < 0) {
			sh_error("set -m: no job control without a terminal");
			return -1;
		}
		if (!on)
			jobctl_shutdown();
	}
	sh.opt[opt] = (char)on;
	return 0;
}
