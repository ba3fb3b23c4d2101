/* echo.c - echo [-n] [STRING...], as dash's builtin echo.
 *
 * echo changes nothing in the shell: it is a builtin only to save a fork
 * and an exec per call (/bin/echo still shows them).  POSIX leaves -n and
 * backslashes to the implementation; like dash, -n counts only as the
 * very first argument, there are no other options (echo -e prints -e),
 * and backslash escapes are always decoded (escape.h), \c ending all
 * output there, newline included.
 *
 * Output goes through stdio; the executor flushes it after the builtin
 * and reports a write error (evalcmd.c, flush_builtin_output).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "builtins.h"
#include "escape.h"

int bi_echo(int argc, char **argv)
{
	int i = 1, newline = 1;
	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		i = 2;
	}
	for (; i < argc; i++) {
		int stopped;
		escape_write(argv[i], stdout, SIZE_MAX, &stopped);
		if (stopped)
			return 0;
		if (i + 1 < argc)
			putchar(' ');
	}
	if (newline)
		putchar('\n');
	return 0;
}
