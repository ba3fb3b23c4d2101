/* hello.c - forksh-hello, the small separate program the forkexec lesson
 * starts with execlp, as the chapter's child program does.
 *
 * It prints "Hello from child PID N".  Run by a lesson, the line goes
 * through the engine's record pipe (named in its environment), so it is
 * attributed to this PID; run by hand, it is simply printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "wire.h"

/* Print line, through the lesson's recorder when there is one. */
static void report(const char *line)
{
	const char *fd = getenv(WIRE_FD_ENV);
	const char *t0 = getenv(WIRE_T0_ENV);
	if (fd && t0)
		wire_send(atoi(fd), 'S', getpid(), 0, wire_now() - atof(t0), line);
	else
		puts(line);
}

/* SHOW: hello */
int main(int argc, char **argv)        /* a brand-new program, in the same process */
{
    char line[256];
    snprintf(line, sizeof line, "Hello from child %ld %s", (long)getpid(), argc > 1 ? argv[1] : "");
    report(line);
    return 0;
}
/* END SHOW */
