/* hello.c - forksh-hello, the small separate program the forkexec lesson
 * starts with execlp, as the chapter's child program does.
 *
 * It prints "Hello from child PID N".  Run by a lesson, it reports through
 * the engine's record pipe (named in its environment), so the line is
 * attributed to its PID; run by hand, it just prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "wire.h"

int main(int argc, char **argv)
{
	char line[256];
	snprintf(line, sizeof line, "Hello from child %ld %s", (long)getpid(), argc > 1 ? argv[1] : "");
	const char *fd = getenv(WIRE_FD_ENV);
	const char *t0 = getenv(WIRE_T0_ENV);
	if (fd && t0) {
		wire_send(atoi(fd), 'S', getpid(), 0, wire_now() - atof(t0), line);
		return 0;
	}
	puts(line);
	return 0;
}
