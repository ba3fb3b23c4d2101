/* bare_spawn.c - the floor for a fork-based shell: nothing but fork, execvp
 * and waitpid, N times, with no parsing, no expansion and no bookkeeping.
 *
 * usage: bare_spawn [-p K] N PROGRAM [ARG...]
 *   runs PROGRAM N times, one after the other; with -p K, each time runs a
 *   pipeline of K copies of PROGRAM joined by pipes, as a shell would.
 * Exit status 0, or 1 when a fork, pipe or exec failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run one pipeline of k copies of argv: a pipe between each pair, one fork
 * per member, every unused pipe end closed at once, then one waitpid per
 * member.  Returns 0, or -1 if anything failed. */
static int run_once(int k, char **argv)
{
	pid_t pids[64];
	int prev = -1, rc = 0;
	for (int i = 0; i < k; i++) {
		int pfd[2] = { -1, -1 };
		if (i + 1 < k && pipe2(pfd, O_CLOEXEC) < 0)
			return -1;
		pid_t pid = fork();
		if (pid < 0)
			return -1;
		if (pid == 0) {
			if (prev >= 0)
				dup2(prev, 0);
			if (pfd[1] >= 0)
				dup2(pfd[1], 1);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (prev >= 0)
			close(prev);
		if (pfd[1] >= 0)
			close(pfd[1]);
		prev = pfd[0];
		pids[i] = pid;
	}
	for (int i = 0; i < k; i++) {
		int ws;
		while (waitpid(pids[i], &ws, 0) < 0)
			if (errno != EINTR)
				return -1;
		if (!WIFEXITED(ws) || WEXITSTATUS(ws) == 127)
			rc = -1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	int k = 1, opt;
	while ((opt = getopt(argc, argv, "+p:")) != -1) {
		if (opt != 'p')
			return 2;
		k = atoi(optarg);
	}
	if (argc - optind < 2 || k < 1 || k > 64) {
		fprintf(stderr, "usage: bare_spawn [-p K] N PROGRAM [ARG...]\n");
		return 2;
	}
	long n = atol(argv[optind]);
	for (long i = 0; i < n; i++)
		if (run_once(k, argv + optind + 1) < 0)
			return 1;
	return 0;
}
