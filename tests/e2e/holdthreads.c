/* holdthreads.c - hold N threads for a while, for the process-limit tests.
 *
 * Usage: holdthreads N SECONDS READYFILE.  RLIMIT_NPROC counts threads.
 * Run as the same user, this program takes N + 1 of the limit while showing
 * up as one process in /proc, so a test can check that a lesson's own check
 * counts threads too, and (with the shell in a PID namespace of its own,
 * whose /proc does not show this program at all) make fork fail inside a
 * lesson whose check passed.  READYFILE is created once every thread runs.
 * Exits 0 after SECONDS, 1 on bad usage or when a thread cannot be started.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A thread that only waits, to be counted against RLIMIT_NPROC. */
static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* Start the threads, mark readiness, wait.  Returns 0, or 1 on bad usage
 * or a thread that could not start. */
int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: holdthreads N SECONDS READYFILE\n");
		return 1;
	}
	int n = atoi(argv[1]);
	for (int i = 0; i < n; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, sleeper, NULL) != 0) {
			fprintf(stderr, "holdthreads: thread %d could not start\n", i + 1);
			return 1;
		}
	}
	FILE *f = fopen(argv[3], "w");
	if (f)
		fclose(f);
	sleep((unsigned)atoi(argv[2]));
	return 0;
}
