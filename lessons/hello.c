/* hello.c - forksh-hello, the small separate program the forkexec lesson
 * starts with execlp, as the chapter's child program does.
 *
 * It prints "Hello from child PID N".  Run by a lesson, the line goes
 * through the engine's record pipe (named in its environment), so it is
 * attributed to this PID; run by hand, it is simply printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../shell/proctree.h"
#include "wire.h"

/* Up to len - 1 bytes of /proc/PID/NAME into buf; returns how many (0 if
 * the file cannot be read). */
static size_t read_proc(pid_t pid, const char *name, char *buf, size_t len)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, name);
	FILE *f = fopen(path, "re");
	size_t n = f ? fread(buf, 1, len - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	return n;
}

/* The command line of process pid as ptree shows it, into buf; and its
 * parent's PID (0 if /proc cannot say).  The parsing is ptree's own. */
static pid_t cmdline_of(pid_t pid, char *buf, size_t len)
{
	char cmdline[400], stat[512];
	struct proc_stat st;
	size_t n = read_proc(pid, "cmdline", cmdline, sizeof cmdline);
	if (!read_proc(pid, "stat", stat, sizeof stat) || proctree_parse_stat(stat, &st) < 0)
		return 0;
	char *cmd = proctree_command(cmdline, n, st.comm, st.state);
	snprintf(buf, len, "%s", cmd);
	free(cmd);
	return st.ppid;
}

static int rec_fd = -1;
static double rec_t0;

/* Report this program's end, with its status, to the recorder. */
static void report_end(int status, void *arg)
{
	(void)arg;
	wire_send(rec_fd, 'X', getpid(), 0, wire_now() - rec_t0, (status & 0xff) << 8, NULL, -1);
}

/* Print line, through the lesson's recorder when there is one.  Under a
 * lesson, first make this process and its parent known to the recorder:
 * when the lesson started it through system() or popen(), a /bin/sh sits
 * in between that the lesson code never saw (the engine ignores processes
 * it already knows, as after the forkexec lesson's own fork). */
static void report(int argc, char **argv, const char *line)
{
	const char *fd = getenv(WIRE_FD_ENV);
	const char *t0 = getenv(WIRE_T0_ENV);
	if (!fd || !t0) {
		puts(line);
		return;
	}
	rec_fd = atoi(fd);
	rec_t0 = atof(t0);
	double t = wire_now() - rec_t0;
	char cmd[400];
	pid_t parent = getppid();
	pid_t grandparent = cmdline_of(parent, cmd, sizeof cmd);
	if (grandparent > 0)
		wire_send(rec_fd, 'A', parent, grandparent, t, 0, cmd, -1);
	size_t used = 0;
	cmd[0] = '\0';
	for (int i = 0; i < argc && used + 1 < sizeof cmd; i++)
		used += (size_t)snprintf(cmd + used, sizeof cmd - used, "%s%s", i ? " " : "", argv[i]);
	wire_send(rec_fd, 'A', getpid(), parent, t, 0, cmd, -1);
	wire_send(rec_fd, 'S', getpid(), 0, t, 1, line, -1);
	/* and its end, when it comes: it cannot be seen from outside as
	 * exactly as from here */
	static int registered;
	if (!registered++)
		on_exit(report_end, NULL);
}

/* SHOW: hello */
/* a brand-new program, in the same process */
int main(int argc, char **argv)
{
    char line[256];
    snprintf(line, sizeof line, "Hello from child %ld %s", (long)getpid(),
             argc > 1 ? argv[1] : "");
    report(argc, argv, line);
    /* the exec lesson asks for more */
    if (argc > 2 && strcmp(argv[2], "env") == 0) {
        extern char **environ;
        int n = 0;
        while (environ[n])
            n++;
        const char *greeting = getenv("GREETING");
        snprintf(line, sizeof line,
                 "my environment: %d variables, GREETING=%s, PATH %s", n,
                 greeting ? greeting : "(unset)",
                 getenv("PATH") ? "set" : "unset");
        report(argc, argv, line);
    }
    return 0;
}
/* END SHOW */
