/* fdcheck.c - print the descriptors this process was started with.
 *
 * The end-to-end tests run it as a command inside forksh: a child of the
 * shell must start with exactly 0, 1 and 2 plus whatever its redirections
 * asked for.  Prints the numbers on one line, space-separated.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int main(void)
{
	int fds[1024], n = 0;
	DIR *d = opendir("/proc/self/fd");
	if (!d) {
		perror("fdcheck: /proc/self/fd");
		return 1;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < 1024) {
		if (e->d_name[0] == '.')
			continue;
		int fd = atoi(e->d_name);
		if (fd != dirfd(d))
			fds[n++] = fd;
	}
	closedir(d);
	qsort(fds, (size_t)n, sizeof fds[0], cmp);
	for (int i = 0; i < n; i++)
		printf("%s%d", i ? " " : "", fds[i]);
	printf("\n");
	return 0;
}
