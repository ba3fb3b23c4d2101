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
 *   sleep SECONDS    pause
 *   nozombie         fail if the program has a zombie child right now
 *   children N       fail unless the program has exactly N live children
 *   wait STATUS      wait for the program to exit with STATUS
 *   signal NAME      send the program a signal (HUP, TERM, INT, ...)
 *   # ...            comment
 *
 * usage: ptydrive [-t SECONDS] [-w COLUMNS] [-v] -- PROGRAM [ARG...] < script
 * (-w: the terminal's width, 80 unless said)
 * Exit status 0 when every line succeeded, 1 on the first failure (with the
 * recent output shown), 2 on a usage error.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <regex.h>
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
static int pump(int ms)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	int r = poll(&p, 1, ms);
	if (r <= 0)
		return 0;
	char buf[4096];
	ssize_t n = read(master, buf, sizeof buf);
	if (n > 0) {
		add_output(buf, (size_t)n);
		return 0;
	}
	return -1;
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

/* Scan /proc for children of pid: count the live ones and the zombies. */
static void count_children(pid_t pid, int *live, int *zombies)
{
	*live = *zombies = 0;
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
	}
	if (d)
		closedir(d);
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
		ssize_t w = write(master, buf, n);
		free(buf);
		pump(30);
		return w == (ssize_t)n ? 0 : fail(lineno, line, "write to the terminal failed");
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
		if (zombies)
			return fail(lineno, line, "the program has a zombie child");
		if (line[0] == 'c' && live != atoi(arg)) {
			char why[64];
			snprintf(why, sizeof why, "%d live children, expected %d", live, atoi(arg));
			return fail(lineno, line, why);
		}
		return 0;
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
