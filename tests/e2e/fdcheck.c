/* fdcheck.c - print the descriptors this process was started with.
 *
 * The end-to-end tests run it as a command inside forksh: a child of the
 * shell must start with exactly 0, 1 and 2 plus whatever its redirections
 * asked for.  Prints the numbers on one line, space-separated.  Descriptors
 * on valgrind's log files (under $FORKSH_VG_LOGS) are left out.
 *
 * fdcheck PID prints those of process PID instead (a lesson's process,
 * looked at from outside while it runs); under valgrind, the descriptors
 * valgrind keeps for itself (1024 and up) are left out too.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv)
{
	int fds[1024], n = 0;
	char dir[64] = "/proc/self/fd";
	if (argc > 1)
		snprintf(dir, sizeof dir, "/proc/%d/fd", atoi(argv[1]));
	DIR *d = opendir(dir);
	if (!d) {
		perror(dir);
		return 1;
	}
	/* Under make check-valgrind, valgrind's own log files stay open in
	 * the programs the shell runs; they are not the shell's doing. */
	const char *vglogs = getenv("FORKSH_VG_LOGS");
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < 1024) {
		if (e->d_name[0] == '.')
			continue;
		int fd = atoi(e->d_name);
		char link[128], target[4096];
		snprintf(link, sizeof link, "%s/%d", dir, fd);
		ssize_t len = readlink(link, target, sizeof target - 1);
		target[len > 0 ? len : 0] = '\0';
		if (vglogs && *vglogs && strncmp(target, vglogs, strlen(vglogs)) == 0)
			continue;
		/* ... and a process valgrind runs (a lesson's forked process,
		 * looked at from outside) holds valgrind's own descriptors, at
		 * the top of the range */
		if (vglogs && *vglogs && argc > 1 && fd >= 1024)
			continue;
		if (argc > 1 || fd != dirfd(d))
			fds[n++] = fd;
	}
	closedir(d);
	qsort(fds, (size_t)n, sizeof fds[0], cmp);
	for (int i = 0; i < n; i++)
		printf("%s%d", i ? " " : "", fds[i]);
	printf("\n");
	return 0;
}
