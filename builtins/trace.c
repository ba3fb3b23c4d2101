/* trace.c - `trace on|off`: watch the shell's own fork, exec and wait. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "../shell/shell.h"
#include "../shell/trace.h"

/* trace [on | off]: no argument says whether tracing is on. */
int bi_trace(int argc, char **argv)
{
	if (argc == 1) {
		printf("trace is %s\n", trace_enabled() ? "on" : "off");
		return 0;
	}
	if (argc != 2 || (strcmp(argv[1], "on") != 0 && strcmp(argv[1], "off") != 0))
		return builtin_usage(builtin_find("trace"));
	if (trace_set(strcmp(argv[1], "on") == 0) < 0) {
		sh_error("trace: cannot copy stderr: %s", strerror(errno));
		return 1;
	}
	return 0;
}
