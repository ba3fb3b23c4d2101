/* procfs.c - one process's files under /proc (procfs.h).
 *
 * Everything here is a snapshot: a process can end, be reaped and have its
 * PID reused between two reads, so every reader treats "cannot open" as
 * "gone" and never as an error worth a message.
 */
#include "procfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

size_t procfs_read(pid_t pid, const char *name, char *buf, size_t len)
{
	char path[64];
	ssize_t n = -1;
	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	/* One read: the kernel fills it with as much of the file as fits
	 * (a second would only cost a system call to say EOF, and the
	 * lessons read their watched processes' stat every few ms). */
	if (fd >= 0) {
		do
			n = read(fd, buf, len - 1);
		while (n < 0 && errno == EINTR);
		close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? (size_t)n : 0;
}

/* Field 52 (exit_code) of a stat text, counted from the last ')' that
 * closes field 2: the space before field 3 follows it directly.  A wait
 * status is never negative, so -1 can mean "not shown". */
static int stat_exit_code(const char *text)
{
	const char *p = strrchr(text, ')');
	for (int field = 3; field <= 52 && p; field++)
		p = strchr(p + 1, ' ');
	if (!p || p[1] < '0' || p[1] > '9')
		return -1;
	return (int)strtol(p + 1, NULL, 10);
}

int procfs_parse_stat(const char *text, struct proc_stat *st, int *exit_code)
{
	if (proctree_parse_stat(text, st) < 0)
		return -1;
	if (exit_code)
		*exit_code = stat_exit_code(text);
	return 0;
}

int procfs_stat(pid_t pid, struct proc_stat *st, int *exit_code)
{
	char text[PROCFS_STAT_MAX];
	if (!procfs_read(pid, "stat", text, sizeof text))
		return -1;
	return procfs_parse_stat(text, st, exit_code);
}

/* The two fields of the status file at path (relative to dfd), as
 * procfs_status_fields.  Read line by line: a user in many groups makes
 * the Groups line long, and the fields wanted may come after it. */
static int status_fields_at(int dfd, const char *path, const char *ka, long *a, const char *kb, long *b)
{
	char line[256];
	int fd = openat(dfd, path, O_RDONLY | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	size_t la = strlen(ka), lb = strlen(kb);
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, ka, la) == 0)
			*a = strtol(line + la, NULL, 10);
		else if (strncmp(line, kb, lb) == 0)
			*b = strtol(line + lb, NULL, 10);
	}
	fclose(f);
	return 0;
}

int procfs_status_fields(pid_t pid, const char *ka, long *a, const char *kb, long *b)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	return status_fields_at(AT_FDCWD, path, ka, a, kb, b);
}

/* RLIMIT_NPROC is charged per task to the real user ID, threads included,
 * and a zombie keeps its charge until it is reaped: so each process of
 * that user counts its Threads line (1 for a zombie), not 1. */
long procfs_user_tasks_in(const char *proc, uid_t uid)
{
	DIR *d = opendir(proc); /* glibc opens it close-on-exec */
	if (!d)
		return 0;
	int dfd = dirfd(d);
	long n = 0;
	struct dirent *e;
	while (dfd >= 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue; /* not a process: /proc/meminfo, /proc/self ... */
		char path[300];
		long real = -1, threads = 1;
		snprintf(path, sizeof path, "%s/status", e->d_name);
		if (status_fields_at(dfd, path, "Uid:", &real, "Threads:", &threads) == 0 && real == (long)uid)
			n += threads;
	}
	closedir(d);
	return n;
}

long procfs_user_tasks(uid_t uid)
{
	return procfs_user_tasks_in("/proc", uid);
}
