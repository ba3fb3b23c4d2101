/* bare_counter.c - the counter lesson's processes with nothing around them:
 * the floor for `lesson counter --children N --count C --delay 0`.
 *
 * This program becomes a child subreaper (as forksh is), forks a main
 * process that forks N children and exits at once; each child prints who its
 * parent is, counts to C on the shared stdout, prints its parent again and
 * exits.  The orphaned children are re-parented here and reaped.
 *
 * usage: bare_counter N C
 * Prints the number of processes reaped on stderr; exit status 0 when all
 * N + 1 were reaped, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* One counting child: its lines go through stdio, flushed per line as the
 * lesson's say() does, so the output interleaves like the lesson's. */
static void counter(int count)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("[%d] my parent is %d\n", getpid(), getppid());
	for (int i = 0; i < count; i++)
		printf("[%d] => %d\n", getpid(), i);
	printf("[%d] my parent is now %d\n", getpid(), getppid());
	_exit(0);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bare_counter N C\n");
		return 2;
	}
	int n = atoi(argv[1]), count = atoi(argv[2]);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	fflush(stdout);
	pid_t main_pid = fork();
	if (main_pid < 0)
		return 1;
	if (main_pid == 0) {
		setvbuf(stdout, NULL, _IOLBF, 0);
		for (int i = 0; i < n; i++) {
			pid_t pid = fork();
			if (pid == 0)
				counter(count);
			printf("Process %d spawned\n", pid);
		}
		printf("Main process exiting.\n");
		_exit(0);
	}
	long reaped = 0;
	for (;;) {
		pid_t pid = waitpid(-1, NULL, 0);
		if (pid > 0)
			reaped++;
		else if (errno != EINTR)
			break;
	}
	fprintf(stderr, "bare_counter: %ld processes reaped\n", reaped);
	return reaped == n + 1 ? 0 : 1;
}
