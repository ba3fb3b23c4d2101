/* hellorec.c - the recording around forksh-hello (hello.c), linked into
 * that program only.
 *
 * What forksh-hello prints goes to its descriptor 1, which under a lesson
 * is a socket the engine reads: the kernel tells the engine the PID of
 * the writer.  This file adds what the engine cannot see from there: when
 * a lesson started the program through system() or popen(), a /bin/sh
 * sits in between that the lesson code never forked itself, so before
 * main() runs the program announces itself and that parent (an 'A'
 * record, wire.h) on the record socket named in its environment; and it
 * reports its end with its status.  Its output is made line-buffered, so
 * that each line is written when it is printed and before that end.
 * Without the environment (run by hand, or given a small environment by
 * an e call of lesson exec) it does nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../shell/procfs.h"
#include "wire.h"

static int rec_fd = -1;
static double rec_t0;

/* The command line of process pid as ptree shows it, into buf; and its
 * parent's PID (0 if /proc cannot say).  The parsing is ptree's own. */
static pid_t cmdline_of(pid_t pid, char *buf, size_t len)
{
	char cmdline[400];
	struct proc_stat st;
	size_t n = procfs_read(pid, "cmdline", cmdline, sizeof cmdline);
	if (procfs_stat(pid, &st, NULL) < 0)
		return 0;
	char *cmd = proctree_command(cmdline, n, st.comm, st.state);
	snprintf(buf, len, "%s", cmd);
	free(cmd);
	return st.ppid;
}

/* Report this program's end, with its status, after its last line. */
static void report_end(int status, void *arg)
{
	(void)arg;
	fflush(stdout);
	wire_send(rec_fd, 'X', getpid(), 0, wire_now() - rec_t0, (status & 0xff) << 8, NULL, -1);
}

/* Before main(): under a lesson, announce this process and its parent
 * (the engine keeps only news), and arrange for the end to be reported. */
__attribute__((constructor)) static void hello_recorded(void)
{
	const char *fd = getenv(WIRE_FD_ENV), *t0 = getenv(WIRE_T0_ENV);
	struct stat st;
	if (!fd || !t0 || fstat(atoi(fd), &st) < 0 || !S_ISSOCK(st.st_mode))
		return;
	rec_fd = atoi(fd);
	rec_t0 = atof(t0);
	double t = wire_now() - rec_t0;
	char cmd[400];
	pid_t parent = getppid();
	pid_t grandparent = cmdline_of(parent, cmd, sizeof cmd);
	if (grandparent > 0)
		wire_send(rec_fd, 'A', parent, grandparent, t, 0, cmd, -1);
	if (cmdline_of(getpid(), cmd, sizeof cmd) > 0)
		wire_send(rec_fd, 'A', getpid(), parent, t, WIRE_A_SELF, cmd, -1);
	setvbuf(stdout, NULL, _IOLBF, 0);
	on_exit(report_end, NULL);
}
