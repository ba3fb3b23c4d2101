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

#include "wire.h"

/* The command line of process pid, arguments joined by spaces, into buf;
 * and its parent's PID (0 if /proc cannot say). */
static pid_t cmdline_of(pid_t pid, char *buf, size_t len)
{
	char path[64], stat[512];
	buf[0] = '\0';
	snprintf(path, sizeof path, "/proc/%ld/cmdline", (long)pid);
	FILE *f = fopen(path, "re");
	if (f) {
		size_t n = fread(buf, 1, len - 1, f);
		fclose(f);
		for (size_t i = 0; i + 1 < n; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		buf[n] = '\0';
	}
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	size_t n = fread(stat, 1, sizeof stat - 1, f);
	fclose(f);
	stat[n] = '\0';
	const char *rp = strrchr(stat, ')'); /* the name may hold spaces and ')' */
	long ppid = 0;
	if (rp && sscanf(rp + 1, " %*c %ld", &ppid) != 1)
		ppid = 0;
	return (pid_t)ppid;
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
	int rec = atoi(fd);
	double t = wire_now() - atof(t0);
	char cmd[400];
	pid_t parent = getppid();
	pid_t grandparent = cmdline_of(parent, cmd, sizeof cmd);
	if (grandparent > 0)
		wire_send(rec, 'A', parent, grandparent, t, cmd);
	size_t used = 0;
	cmd[0] = '\0';
	for (int i = 0; i < argc && used + 1 < sizeof cmd; i++)
		used += (size_t)snprintf(cmd + used, sizeof cmd - used, "%s%s", i ? " " : "", argv[i]);
	wire_send(rec, 'A', getpid(), parent, t, cmd);
	wire_send(rec, 'S', getpid(), 0, t, line);
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
