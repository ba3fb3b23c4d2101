/* ptydrive.c - run a program in a pseudo-terminal and type at it.
 *
 * The end-to-end tests use this to drive the interactive shell with real
 * keys (arrows, Ctrl-C, Ctrl-D), the way a person at a terminal would.  It
 * reads a tiny script on stdin:
 *
 *   send TEXT        type TEXT (escapes: \r \n \t \e \\ \xHH; ^C is \x03)
 *   expect REGEX     wait until the screen text (escape sequences and \r
 *                    removed) printed since the last match matches REGEX
 *   notin REGEX      fail if REGEX matches the text the last expect passed
 *                    over (up to its match): what must not have been shown
 *   cleared N        fail unless the program has cleared the screen
 *                    (ESC [ 2 J) at least N times so far
 *   sleep SECONDS    pause (for a person watching; never to order events)
 *   nozombie         fail if the program has a zombie child right now
 *   children N       fail unless the program has exactly N live children
 *   settle N         wait until the program has exactly N live children
 *                    and no zombie (its finished children were reaped)
 *   fgwait COMM...   wait until the terminal's foreground process group
 *                    holds a process running each COMM (/proc/PID/comm):
 *                    the foreground job has started, so a key like ^C or
 *                    ^Z reaches it and not the shell
 *   state COMM S     wait until a child of the program running COMM is in
 *                    state S (T: stopped, S: sleeping, ...)
 *   blocked REGEX    wait until the program is blocked in a kernel function
 *                    matching REGEX (/proc/PID/wchan, e.g. do_wait)
 *   run COMMAND      run COMMAND with /bin/sh; fail unless it exits 0
 *   wait STATUS      wait for the program to exit with STATUS
 *   signal NAME      send the program a signal (HUP, TERM, INT, ...)
 *   # ...            comment
 *
 * Every wait above gives up after the -t timeout and fails the script.
 *
 * usage: ptydrive [-t SECONDS] [-w COLUMNS] [-v] -- PROGRAM [ARG...] < script
 * (-w: the terminal's width, 80 unless said)
 * Exit status 0 when every line succeeded, 1 on the first failure (with the
 * recent output shown), 2 on a usage error.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <regex.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int master = -1;
static pid_t child = -1;
static double timeout_s = 10.0;
static int verbose;

static char *screen;     /* cleaned output not yet consumed by an expect */
static size_t screen_len;
static char *passed;     /* what the last expect consumed */
static int esc_state;    /* 0 plain, 1 after ESC, 2 in CSI, 3 in OSC */
static char csi[16];     /* the CSI sequence being read */
static size_t csi_len;
static int clears;       /* ESC [ 2 J seen */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Append raw terminal output, dropping escape sequences and carriage
 * returns so that expectations can be written as plain text. */
static void add_output(const char *buf, size_t n)
{
	if (verbose)
		fwrite(buf, 1, n, stderr);
	screen = realloc(screen, screen_len + n + 1);
	if (!screen)
		exit(2);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		switch (esc_state) {
		case 1:
			esc_state = c == '[' ? 2 : c == ']' ? 3 : 0;
			csi_len = 0;
			continue;
		case 2:
			if (csi_len < sizeof csi - 1)
				csi[csi_len++] = (char)c;
			if (c >= 0x40 && c <= 0x7e) {
				esc_state = 0;
				clears += csi_len == 2 && csi[0] == '2' && csi[1] == 'J';
			}
			continue;
		case 3:
			if (c == '\a')
				esc_state = 0;
			else if (c == 0x1b)
				esc_state = 1;
			continue;
		}
		if (c == 0x1b) {
			esc_state = 1;
			continue;
		}
		if (c == '\r' || c == '\a' || c == 1 || c == 2)
			continue;
		if (c == '\b')
			continue; /* a cursor move, not an erase: keep the text */
		screen[screen_len++] = (char)c;
	}
	screen[screen_len] = '\0';
}

/* Read whatever the program printed within ms milliseconds.  Returns 0, or
 * -1 once the terminal is closed (the program has exited). */
/* How many times the terminal discarded its pending input (a packet-mode
 * TIOCPKT_FLUSHREAD from the kernel, see send_keys). */
static unsigned long flushes;

static int pump(int ms)
{
	struct pollfd p = { .fd = master, .events = POLLIN | POLLPRI };
	int r = poll(&p, 1, ms);
	if (r <= 0)
		return 0;
	char buf[4096];
	ssize_t n = read(master, buf, sizeof buf);
	if (n > 0) {
		/* Packet mode: the first byte says what follows, 0 for data. */
		if (buf[0] == TIOCPKT_DATA)
			add_output(buf + 1, (size_t)n - 1);
		else if (buf[0] & TIOCPKT_FLUSHREAD)
			flushes++;
		return 0;
	}
	return -1;
}

/* Does text hold a key that makes the terminal send a signal (^C, ^\, ^Z
 * under the slave's current settings)?  Such a key also makes the kernel
 * discard the terminal's pending input, after it has sent the signal. */
static int has_signal_key(const char *text, size_t n)
{
	struct termios t;
	int fd = open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	int got = tcgetattr(fd, &t);
	close(fd);
	if (got < 0 || !(t.c_lflag & ISIG) || (t.c_lflag & NOFLSH))
		return 0;
	for (size_t i = 0; i < n; i++) {
		cc_t c = (cc_t)text[i];
		if (c && (c == t.c_cc[VINTR] || c == t.c_cc[VQUIT] || c == t.c_cc[VSUSP]))
			return 1;
	}
	return 0;
}

/* Type n bytes.  After a signal key, wait until the kernel has also
 * discarded the pending input that goes with it: it sends the signal
 * first, so the program can answer (a new prompt) before the discard, and
 * keys typed in that moment were lost.  The discard is seen as a
 * TIOCPKT_FLUSHREAD packet.  Returns 0, or -1 if the write failed or the
 * discard never came. */
static int send_keys(const char *text, size_t n)
{
	int signal_key = has_signal_key(text, n);
	unsigned long before = flushes;
	if (write(master, text, n) != (ssize_t)n)
		return -1;
	double deadline = now() + timeout_s;
	while (signal_key && flushes == before && now() < deadline)
		pump(10);
	if (signal_key && flushes == before)
		return -1;
	pump(30);
	return 0;
}

static int fail(int lineno, const char *line, const char *why)
{
	fprintf(stderr, "ptydrive: line %d: %s: %s\n", lineno, line, why);
	size_t from = screen_len > 1500 ? screen_len - 1500 : 0;
	fprintf(stderr, "---- output since the last match ----\n%s\n-------------------------------------\n",
		screen ? screen + from : "");
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	return 1;
}

/* Decode the escapes of a send line into out; returns the length. */
static size_t unescape(const char *s, char *out)
{
	size_t n = 0;
	while (*s) {
		if (*s != '\\' || !s[1]) {
			out[n++] = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'r': out[n++] = '\r'; s++; break;
		case 'n': out[n++] = '\n'; s++; break;
		case 't': out[n++] = '\t'; s++; break;
		case 'e': out[n++] = 0x1b; s++; break;
		case 'x': {
			char hex[3] = { s[1], s[1] ? s[2] : 0, 0 };
			out[n++] = (char)strtol(hex, NULL, 16);
			s += 3;
			break;
		}
		default: out[n++] = *s++; break;
		}
	}
	return n;
}

/* The children seen by the last count_children, for failure messages:
 * "PID STATE (COMM)" each. */
static char children_seen[512];

/* Scan /proc for children of pid: count the live ones and the zombies. */
static void count_children(pid_t pid, int *live, int *zombies)
{
	*live = *zombies = 0;
	children_seen[0] = '\0';
	DIR *d = opendir("/proc");
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		char path[300], buf[512];
		snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
		FILE *f = fopen(path, "re");
		if (!f)
			continue;
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		char *rp = strrchr(buf, ')');
		char state;
		long ppid;
		if (!rp || sscanf(rp + 1, " %c %ld", &state, &ppid) != 2 || ppid != pid)
			continue;
		if (state == 'Z')
			(*zombies)++;
		else
			(*live)++;
		size_t used = strlen(children_seen);
		const char *lp = strchr(buf, '(');
		snprintf(children_seen + used, sizeof children_seen - used, " %s %c %.*s", e->d_name, state,
			 lp ? (int)(rp - lp + 1) : 0, lp ? lp : "");
	}
	if (d)
		closedir(d);
}

/* Read /proc/PID/stat: state, parent and process group.  Returns 0, or
 * -1 if the process is gone. */
static int proc_stat(const char *pid, char *state, long *ppid, long *pgrp)
{
	char path[300], buf[512];
	snprintf(path, sizeof path, "/proc/%s/stat", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *rp = strrchr(buf, ')');
	if (!rp || sscanf(rp + 1, " %c %ld %ld", state, ppid, pgrp) != 3)
		return -1;
	return 0;
}

/* The command name of process pid (/proc/PID/comm) into buf. */
static void proc_comm(const char *pid, char *buf, size_t len)
{
	char path[300];
	snprintf(path, sizeof path, "/proc/%s/comm", pid);
	buf[0] = '\0';
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

/* Is the condition of a waiting line true right now?  kind is the command
 * name (settle, fgwait, state, blocked), arg its argument. */
static int condition_holds(const char *kind, const char *arg)
{
	if (strcmp(kind, "settle") == 0) {
		int live, zombies;
		count_children(child, &live, &zombies);
		return zombies == 0 && live == atoi(arg);
	}
	if (strcmp(kind, "blocked") == 0) {
		char path[64], wchan[128] = "";
		snprintf(path, sizeof path, "/proc/%ld/wchan", (long)child);
		FILE *f = fopen(path, "re");
		if (f) {
			if (!fgets(wchan, sizeof wchan, f))
				wchan[0] = '\0';
			fclose(f);
		}
		regex_t re;
		if (regcomp(&re, arg, REG_EXTENDED | REG_NOSUB) != 0)
			return 0;
		int match = regexec(&re, wchan, 0, NULL, 0) == 0;
		regfree(&re);
		return match;
	}
	/* fgwait and state look at processes one by one */
	pid_t fg = strcmp(kind, "fgwait") == 0 ? tcgetpgrp(master) : 0;
	char want[256], state_want = 0;
	snprintf(want, sizeof want, " %s ", arg);
	if (strcmp(kind, "state") == 0) {
		/* "COMM S": the name, then the state letter */
		const char *last = strrchr(arg, ' ');
		if (!last)
			return 0;
		state_want = last[1];
		snprintf(want, sizeof want, " %.*s ", (int)(last - arg), arg);
	}
	char seen[256] = " ";
	DIR *d = opendir("/proc");
	struct dirent *e;
	int found = 0;
	while (d && (e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		char state, comm[64], key[80];
		long ppid, pgrp;
		if (proc_stat(e->d_name, &state, &ppid, &pgrp) < 0)
			continue;
		if (fg > 0 ? pgrp != fg : ppid != child)
			continue;
		proc_comm(e->d_name, comm, sizeof comm);
		snprintf(key, sizeof key, " %s ", comm);
		if (!strstr(want, key))
			continue;
		if (state_want) {
			found |= state == state_want;
		} else if (!strstr(seen, key) && strlen(seen) + strlen(key) < sizeof seen) {
			strcat(seen, key + 1);
		}
	}
	if (d)
		closedir(d);
	if (state_want)
		return found;
	/* every name wanted was seen */
	for (char *w = strtok(want, " "); w; w = strtok(NULL, " ")) {
		char key[80];
		snprintf(key, sizeof key, " %s ", w);
		if (!strstr(seen, key))
			return 0;
	}
	return 1;
}

/* settle, fgwait, state, blocked: wait (reading output meanwhile) until the
 * condition holds, or fail after the timeout. */
static int do_until(int lineno, const char *line, const char *kind, const char *arg)
{
	double deadline = now() + timeout_s;
	while (!condition_holds(kind, arg)) {
		if (now() > deadline) {
			char why[900];
			int live, zombies;
			count_children(child, &live, &zombies);
			snprintf(why, sizeof why, "timed out waiting for: %s %s; children:%s", kind, arg, children_seen);
			return fail(lineno, line, why);
		}
		pump(10);
	}
	return 0;
}

static int do_expect(int lineno, const char *line, const char *pattern)
{
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE) != 0)
		return fail(lineno, line, "bad regular expression");
	double deadline = now() + timeout_s;
	int closed = 0;
	for (;;) {
		regmatch_t m;
		if (screen && regexec(&re, screen, 1, &m, 0) == 0) {
			size_t end = (size_t)m.rm_eo;
			free(passed);
			passed = strndup(screen, end);
			memmove(screen, screen + end, screen_len - end + 1);
			screen_len -= end;
			regfree(&re);
			return 0;
		}
		if (closed || now() > deadline) {
			regfree(&re);
			return fail(lineno, line, closed ? "program exited first" : "timed out");
		}
		closed = pump(50) < 0;
	}
}

static int do_wait(int lineno, const char *line, int want)
{
	double deadline = now() + timeout_s;
	int ws;
	for (;;) {
		pump(20);
		pid_t r = waitpid(child, &ws, WNOHANG);
		if (r == child)
			break;
		if (now() > deadline)
			return fail(lineno, line, "the program did not exit");
	}
	while (pump(10) == 0 && screen_len < (1u << 20)) {
		struct pollfd p = { .fd = master, .events = POLLIN };
		if (poll(&p, 1, 0) <= 0)
			break;
	}
	child = -1;
	int got = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
	if (got != want) {
		char why[64];
		snprintf(why, sizeof why, "exit status %d, expected %d", got, want);
		return fail(lineno, line, why);
	}
	return 0;
}

/* Run one script line; returns 0 or 1 (failure already reported). */
static int run_line(int lineno, char *line)
{
	char *arg = strchr(line, ' ');
	if (arg)
		*arg++ = '\0';
	else
		arg = line + strlen(line);
	if (strcmp(line, "send") == 0) {
		char *buf = malloc(strlen(arg) + 1);
		size_t n = unescape(arg, buf);
		int rc = send_keys(buf, n);
		free(buf);
		return rc == 0 ? 0 : fail(lineno, line, "write to the terminal failed, or a signal key had no effect");
	}
	if (strcmp(line, "expect") == 0)
		return do_expect(lineno, line, arg);
	if (strcmp(line, "sleep") == 0) {
		double until = now() + atof(arg);
		while (now() < until)
			pump(20);
		return 0;
	}
	if (strcmp(line, "nozombie") == 0 || strcmp(line, "children") == 0) {
		int live, zombies;
		count_children(child, &live, &zombies);
		char why[640];
		if (zombies) {
			snprintf(why, sizeof why, "the program has a zombie child; children:%s", children_seen);
			return fail(lineno, line, why);
		}
		if (line[0] == 'c' && live != atoi(arg)) {
			snprintf(why, sizeof why, "%d live children, expected %d; children:%s", live, atoi(arg),
				 children_seen);
			return fail(lineno, line, why);
		}
		return 0;
	}
	if (strcmp(line, "settle") == 0 || strcmp(line, "fgwait") == 0 || strcmp(line, "state") == 0 ||
	    strcmp(line, "blocked") == 0)
		return do_until(lineno, line, line, arg);
	if (strcmp(line, "run") == 0) {
		int st = system(arg);
		return st == 0 ? 0 : fail(lineno, line, "the command failed");
	}
	if (strcmp(line, "wait") == 0)
		return do_wait(lineno, line, atoi(arg));
	if (strcmp(line, "notin") == 0) {
		regex_t re;
		if (regcomp(&re, arg, REG_EXTENDED | REG_NEWLINE | REG_NOSUB) != 0)
			return fail(lineno, line, "bad regular expression");
		int found = passed && regexec(&re, passed, 0, NULL, 0) == 0;
		regfree(&re);
		if (found)
			fprintf(stderr, "---- the text passed over ----\n%s\n", passed);
		return found ? fail(lineno, line, "shown, and it must not be") : 0;
	}
	if (strcmp(line, "cleared") == 0) {
		if (clears >= atoi(arg))
			return 0;
		char why[64];
		snprintf(why, sizeof why, "the screen was cleared %d times", clears);
		return fail(lineno, line, why);
	}
	if (strcmp(line, "signal") == 0) {
		static const struct { const char *name; int sig; } sigs[] = {
			{ "HUP", SIGHUP }, { "INT", SIGINT }, { "TERM", SIGTERM },
			{ "QUIT", SIGQUIT }, { "TSTP", SIGTSTP }, { "CHLD", SIGCHLD },
		};
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			if (strcmp(arg, sigs[i].name) == 0)
				return kill(child, sigs[i].sig) == 0 ? 0 : fail(lineno, line, "kill failed");
		return fail(lineno, line, "unknown signal name");
	}
	return fail(lineno, line, "unknown command");
}

int main(int argc, char **argv)
{
	int opt;
	unsigned short cols = 80;
	while ((opt = getopt(argc, argv, "+t:w:v")) != -1) {
		if (opt == 't')
			timeout_s = atof(optarg);
		else if (opt == 'w' && atoi(optarg) >= 20 && atoi(optarg) <= 1000)
			cols = (unsigned short)atoi(optarg);
		else if (opt == 'v')
			verbose = 1;
		else
			return 2;
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: ptydrive [-t SECONDS] [-w COLUMNS] [-v] -- PROGRAM [ARG...] < script\n");
		return 2;
	}
	struct winsize ws = { .ws_row = 24, .ws_col = cols };
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("ptydrive: forkpty");
		return 2;
	}
	if (child == 0) {
		execvp(argv[optind], argv + optind);
		perror("ptydrive: exec");
		_exit(127);
	}
	int on = 1;
	if (ioctl(master, TIOCPKT, &on) < 0) {
		perror("ptydrive: TIOCPKT");
		return 2;
	}

	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		lineno++;
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if (run_line(lineno, line) != 0) {
			free(line);
			return 1;
		}
	}
	free(line);
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	free(screen);
	return 0;
}
