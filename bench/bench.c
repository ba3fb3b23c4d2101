/* bench.c - the driver of `make bench`: forksh against a bare fork/exec
 * loop, dash and bash (and, case 11, follow against strace -f).
 *
 * A benchmark measures and prints; it never fails because something was
 * slow.  Every case is run several times with the contenders interleaved
 * (A B C D A B C D ...), so that a slow patch of the machine hurts all of
 * them alike, and the table shows the median of each.  Times come from
 * clock_gettime(CLOCK_MONOTONIC) around fork and wait4; peak memory is
 * ru_maxrss from wait4, or VmHWM from /proc for a shell idle at its prompt.
 *
 * usage: bench --forksh PATH --bare-spawn PATH --bare-counter PATH
 *              [--runs N] [--json[=FILE]]
 * --json alone prints JSON instead of the table; --json=FILE writes it to
 * FILE as well as printing the table.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 101

/* Sizes of the cases, as the issue fixes them. */
#define N_TRUE 2000      /* case 1: lines of /bin/true */
#define N_PIPE 500       /* case 2: lines of a three-command pipeline */
#define N_START 300      /* case 3: shell start-ups per sample */
#define N_CHILDREN 500   /* case 5: the counter lesson's children */
#define N_COUNT 3
#define N_BUILTIN 5000   /* case 6: lines of builtins only */
#define BUILTIN_REPS 10  /* case 6: script runs per sample (one is only milliseconds) */
/* case 11: the loop follow, strace -f and nothing watch */
#define FOLLOW_LOOP "i=0; while [ $i -lt 300 ]; do /bin/true; i=$((i+1)); done"
#define FOLLOW_REPS 3    /* case 11: runs per sample */

static const char *forksh, *bare_spawn, *bare_counter;
static char workdir[] = "/tmp/forksh-bench.XXXXXX";
static char path_true[256], path_pipe[256], path_builtin[256], path_out[256];
/* Cases 7 to 10, interpreted work: one script each, run by forksh, dash
 * and bash in turn (SCRIPT_REPS times per sample for the short ones). */
static char path_script[4][256];
static const int script_reps[4] = { 1, 1, 5, 1 };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* One finished run of a program. */
struct run {
	double secs;
	long maxrss_kb;   /* ru_maxrss: the largest the process (or a child it reaped) ever was */
	int status;       /* wait status */
};

/* Run argv with stdin from /dev/null, stdout to out (or /dev/null) and
 * stderr to /dev/null, and wait for it.  The clock starts just before fork
 * and stops when wait4 returns, so the time includes the shell's start-up
 * and exit, as a user would see it. */
static struct run run_prog(char *const argv[], const char *out)
{
	struct run r = { 0, 0, 0 };
	struct rusage ru;
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open("/dev/null", O_WRONLY);
		if (in < 0 || o < 0 || e < 0)
			_exit(126);
		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (wait4(pid, &r.status, 0, &ru) < 0)
		if (errno != EINTR)
			die("wait4: %s", strerror(errno));
	r.secs = now() - t0;
	r.maxrss_kb = ru.ru_maxrss;
	return r;
}

/* A run must succeed, or its time means nothing. */
static struct run run_ok(char *const argv[], const char *out)
{
	struct run r = run_prog(argv, out);
	if (!WIFEXITED(r.status) || WEXITSTATUS(r.status) != 0)
		die("%s %s%s%s failed (wait status %#x)", argv[0], argv[1] ? argv[1] : "", argv[1] && argv[2] ? " " : "",
		    argv[1] && argv[2] ? argv[2] : "", (unsigned)r.status);
	return r;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
	double s[MAX_RUNS];
	memcpy(s, v, (size_t)n * sizeof *v);
	qsort(s, (size_t)n, sizeof *s, cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* The contenders of the timed cases, in the order they run in each round. */
enum who { FORKSH, BARE, DASH, BASH, FORKSH_TRACE, NWHO };
static const char *const who_name[NWHO] = { "forksh", "bare", "dash", "bash", "forksh --trace" };

/* The argv that runs a script (or a -c string) with one contender. */
static void shell_argv(enum who w, const char *script, int dash_c, char **argv)
{
	int i = 0;
	switch (w) {
	case FORKSH: argv[i++] = (char *)forksh; break;
	case FORKSH_TRACE: argv[i++] = (char *)forksh; argv[i++] = "--trace"; break;
	case DASH: argv[i++] = "dash"; break;
	case BASH: argv[i++] = "bash"; argv[i++] = "--norc"; argv[i++] = "--noprofile"; break;
	default: break;
	}
	if (dash_c)
		argv[i++] = "-c";
	argv[i++] = (char *)script;
	argv[i] = NULL;
}

/* Results: a median per case and contender (NaN-free: <0 means none). */
enum cas { C_TRUE, C_PIPE, C_START, C_RSS_C, C_RSS_IDLE, C_TRACE, C_LESSON, C_BUILTIN,
	   C_LOOP, C_FUNC, C_SCRIPT, C_SUBST, C_FOLLOW, NCASE };
/* Case 11 keeps its three contenders in these slots of samples[C_FOLLOW]. */
enum { W_FOLLOW = FORKSH, W_UNTRACED = BARE, W_STRACE = DASH };
static int have_strace;
static double med[NCASE][NWHO];
static double samples[NCASE][NWHO][MAX_RUNS];
static long lesson_finished = -1, lesson_left = -1;

/* Write a script of n lines; line i is lines[i % nlines]. */
static void write_script(const char *path, long n, const char *const *lines, size_t nlines)
{
	FILE *f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	for (long i = 0; i < n; i++)
		fprintf(f, "%s\n", lines[(size_t)i % nlines]);
	if (fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
}

/* Case 1 (and 4): one round of 2000 x /bin/true for every contender.  Each
 * round starts with the next contender (A B C D E, then B C D E A, ...), so
 * that none always runs first, right after the other cases. */
static void round_true(int r)
{
	static const enum who order[] = { FORKSH, BARE, DASH, BASH, FORKSH_TRACE };
	const size_t nw = sizeof order / sizeof order[0];
	char n[16];
	snprintf(n, sizeof n, "%d", N_TRUE);
	for (size_t i = 0; i < nw; i++) {
		size_t k = (i + (size_t)r) % nw;
		char *argv[8];
		if (order[k] == BARE) {
			char *a[] = { (char *)bare_spawn, n, "/bin/true", NULL };
			memcpy(argv, a, sizeof a);
		} else {
			shell_argv(order[k], path_true, 0, argv);
		}
		samples[C_TRUE][order[k]][r] = run_ok(argv, NULL).secs;
	}
}

/* Case 2: 500 lines of /bin/true | /bin/true | /bin/true. */
static void round_pipe(int r)
{
	char n[16];
	snprintf(n, sizeof n, "%d", N_PIPE);
	for (int i = 0; i < 4; i++) {
		int w = (i + r) % 4; /* FORKSH .. BASH, starting one further each round */
		char *argv[8];
		if (w == BARE) {
			char *a[] = { (char *)bare_spawn, "-p", "3", n, "/bin/true", NULL };
			memcpy(argv, a, sizeof a);
		} else {
			shell_argv((enum who)w, path_pipe, 0, argv);
		}
		samples[C_PIPE][w][r] = run_ok(argv, NULL).secs;
	}
}

/* Case 3: start-up.  A sample is 300 runs of `SHELL -c /bin/true` (the bare
 * floor: one fork and exec of /bin/true); the peak RSS of one such run is
 * kept as well.  The contenders take turns run by run, not only sample by
 * sample. */
static void round_start(int r)
{
	double total[NWHO] = { 0 };
	long rss[NWHO] = { 0 };
	for (int i = 0; i < N_START; i++) {
		for (int j = 0; j < 4; j++) {
			int w = (i + j) % 4;
			char *argv[8];
			if (w == BARE) {
				char *a[] = { (char *)bare_spawn, "1", "/bin/true", NULL };
				memcpy(argv, a, sizeof a);
			} else {
				shell_argv((enum who)w, "/bin/true", 1, argv);
			}
			struct run x = run_ok(argv, NULL);
			total[w] += x.secs;
			if (x.maxrss_kb > rss[w])
				rss[w] = x.maxrss_kb;
		}
	}
	for (int w = FORKSH; w <= BASH; w++) {
		samples[C_START][w][r] = total[w];
		samples[C_RSS_C][w][r] = (double)rss[w];
	}
}

/* Read one "Name:   123 kB" field of /proc/PID/status; -1 if missing. */
static long proc_status_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	long kb = -1;
	size_t n = strlen(field);
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			kb = atol(line + n + 1);
	fclose(f);
	return kb;
}

/* Read and drop what the shell writes to the terminal until it has been
 * quiet for quiet_s seconds (or limit_s passed).  Returns bytes read, or -1
 * once the terminal is closed. */
static long drain_pty(int fd, double quiet_s, double limit_s)
{
	char buf[4096];
	long total = 0;
	double start = now(), last = start;
	for (;;) {
		double t = now();
		if (t - start > limit_s || (total > 0 && t - last > quiet_s))
			return total;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int r = poll(&p, 1, 20);
		if (r < 0 && errno != EINTR)
			return -1;
		if (r > 0) {
			ssize_t n = read(fd, buf, sizeof buf);
			if (n <= 0)
				return -1;
			total += n;
			last = now();
		}
	}
}

/* Peak RSS of a shell idle at its prompt in a pseudo-terminal: start it,
 * wait until its prompt is out and it has been quiet a while, read VmHWM,
 * then type `exit` and reap it.  History and start-up files point into the
 * scratch directory.  Returns kB, or -1 if the shell could not be driven. */
static long idle_rss(enum who w)
{
	int master;
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	pid_t pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0)
		die("forkpty: %s", strerror(errno));
	if (pid == 0) {
		char state[300], hist[300];
		snprintf(state, sizeof state, "%s/state", workdir);
		snprintf(hist, sizeof hist, "%s/bash_history", workdir);
		setenv("HOME", workdir, 1);
		setenv("XDG_STATE_HOME", state, 1);
		setenv("HISTFILE", hist, 1);
		setenv("TERM", "xterm", 1);
		setenv("INPUTRC", "/dev/null", 1);
		if (w == FORKSH)
			execl(forksh, forksh, (char *)NULL);
		else
			execlp("bash", "bash", "--norc", "--noprofile", "-i", (char *)NULL);
		_exit(127);
	}
	long kb = -1;
	if (drain_pty(master, 0.3, 5.0) > 0)
		kb = proc_status_kb(pid, "VmHWM");
	ssize_t wr = write(master, "exit\r", 5);
	(void)wr;
	drain_pty(master, 2.0, 2.0);
	if (waitpid(pid, NULL, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	close(master);
	return kb;
}

static void round_idle(int r)
{
	if (r % 2)
		samples[C_RSS_IDLE][BASH][r] = (double)idle_rss(BASH);
	samples[C_RSS_IDLE][FORKSH][r] = (double)idle_rss(FORKSH);
	if (r % 2 == 0)
		samples[C_RSS_IDLE][BASH][r] = (double)idle_rss(BASH);
}

/* Count the lines of path that look like "  [PID] => LAST" (a child's last
 * count), i.e. the children that ran to the end. */
static long count_finished(const char *path, int last)
{
	char line[512], want[32];
	long n = 0;
	snprintf(want, sizeof want, "] => %d\n", last);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		const char *p = line;
		while (*p == ' ')
			p++;
		if (*p == '[' && strcmp(strchr(p, ']') ? strchr(p, ']') : "", want) == 0)
			n++;
	}
	fclose(f);
	return n;
}

/* After a lesson run, anything it left behind is now ours (this driver is a
 * subreaper): count children still alive or unreaped. */
static long left_behind(void)
{
	long n = 0;
	pid_t pid;
	while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
		n++;
	if (pid == 0) {
		/* still running: give them a moment, then count them too */
		usleep(200000);
		while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			n++;
		if (pid == 0)
			n++;
	}
	return n;
}

/* Case 5, forksh's half: the lesson, then a check that every child ran to
 * the end and that nothing was left behind. */
static void lesson_forksh(int r)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "lesson counter --auto=0 --children %d --count %d --delay 0", N_CHILDREN, N_COUNT);
	char *a[] = { (char *)forksh, "-c", cmd, NULL };
	samples[C_LESSON][FORKSH][r] = run_ok(a, path_out).secs;
	long fin = count_finished(path_out, N_COUNT - 1);
	long left = left_behind();
	if (lesson_finished < 0 || fin < lesson_finished)
		lesson_finished = fin;
	if (left > lesson_left)
		lesson_left = left;
}

/* Case 5, the floor: the same processes from bare_counter. */
static void lesson_bare(int r)
{
	char n[16], c[16];
	snprintf(n, sizeof n, "%d", N_CHILDREN);
	snprintf(c, sizeof c, "%d", N_COUNT);
	char *b[] = { (char *)bare_counter, n, c, NULL };
	samples[C_LESSON][BARE][r] = run_ok(b, path_out).secs;
	left_behind();
}

/* Case 5: the counter lesson at its largest against bare_counter, the one
 * or the other first in turn. */
static void round_lesson(int r)
{
	if (r % 2)
		lesson_bare(r);
	lesson_forksh(r);
	if (r % 2 == 0)
		lesson_bare(r);
}

/* Case 6: a script of builtins only, run BUILTIN_REPS times per sample. */
static void round_builtin(int r)
{
	double total[NWHO] = { 0 };
	for (int i = 0; i < BUILTIN_REPS; i++) {
		for (int j = 0; j < 4; j++) {
			int w = (i + j) % 4;
			if (w == BARE)
				continue;
			char *argv[8];
			shell_argv((enum who)w, path_builtin, 0, argv);
			total[w] += run_ok(argv, NULL).secs;
		}
	}
	for (int w = FORKSH; w <= BASH; w++)
		samples[C_BUILTIN][w][r] = w == BARE ? -1 : total[w] / BUILTIN_REPS;
}

/* Cases 7 to 10: a script of interpreted work, per contender. */
static void round_script(int r)
{
	for (int k = 0; k < 4; k++) {
		enum cas c = (enum cas)(C_LOOP + k);
		double total[NWHO] = { 0 };
		for (int i = 0; i < script_reps[k]; i++) {
			for (int j = 0; j < 4; j++) {
				int w = (i + j + r) % 4;
				if (w == BARE)
					continue;
				char *argv[8];
				shell_argv((enum who)w, path_script[k], 0, argv);
				total[w] += run_ok(argv, NULL).secs;
			}
		}
		for (int w = FORKSH; w <= BASH; w++)
			samples[c][w][r] = w == BARE ? -1 : total[w] / script_reps[k];
	}
}

/* Case 11: `follow sh -c LOOP` in forksh, `strace -f -qq -e
 * trace=process,write -o /dev/null sh -c LOOP`, and `sh -c LOOP` alone;
 * LOOP runs /bin/true 300 times.  follow draws its tree and timeline (to
 * /dev/null) as it always does.  Each sample is the average of FOLLOW_REPS
 * runs, the contenders taking turns. */
static void round_follow(int r)
{
	double total[NWHO] = { 0 };
	for (int i = 0; i < FOLLOW_REPS; i++) {
		for (int j = 0; j < 3; j++) {
			int k = (i + j + r) % 3;
			if (k == 2 && !have_strace)
				continue;
			char *follow[] = { (char *)forksh, "-c", "follow sh -c \"$1\"", "follow", FOLLOW_LOOP, NULL };
			char *untraced[] = { "sh", "-c", FOLLOW_LOOP, NULL };
			char *strace[] = { "strace", "-f", "-qq", "-e", "trace=process,write", "-o", "/dev/null",
					   "sh", "-c", FOLLOW_LOOP, NULL };
			char **argv = k == 0 ? follow : k == 1 ? untraced : strace;
			int w = k == 0 ? W_FOLLOW : k == 1 ? W_UNTRACED : W_STRACE;
			total[w] += run_ok(argv, NULL).secs;
		}
	}
	samples[C_FOLLOW][W_FOLLOW][r] = total[W_FOLLOW] / FOLLOW_REPS;
	samples[C_FOLLOW][W_UNTRACED][r] = total[W_UNTRACED] / FOLLOW_REPS;
	samples[C_FOLLOW][W_STRACE][r] = have_strace ? total[W_STRACE] / FOLLOW_REPS : -1;
}

/* Case 9: a 2 000-line script of functions, loops and case, as a real
 * script would be: every line parsed once, most of them run. */
static void write_case9(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		die("%s: %s", path, strerror(errno));
	int lines = 0;
	for (int n = 0; lines < 2000 - 12; n++) {
		fprintf(f, "kind_%d() {\n"
			   "\tcase $1 in\n"
			   "\t\t*.c) r=source ;;\n"
			   "\t\t*.h) r=header ;;\n"
			   "\t\t[0-9]*) r=number ;;\n"
			   "\t\t*) r=other ;;\n"
			   "\tesac\n"
			   "}\n"
			   "for w in a.c b.h 7 x y_%d; do kind_%d \"$w\"; total=$((total + ${#r})); done\n"
			   "i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done\n",
			n, n, n);
		lines += 10;
	}
	fprintf(f, ": \"$total\"\n");
	if (fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
}

/* What the table says about the machine. */
static char cpu[256] = "unknown", kernel[160] = "unknown", bash_version[256] = "unknown";

static void chomp(char *s)
{
	s[strcspn(s, "\n")] = '\0';
}

static void machine_info(void)
{
	char line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof line, f)) {
		if (strncmp(line, "model name", 10) == 0 && strchr(line, ':')) {
			snprintf(cpu, sizeof cpu, "%s", strchr(line, ':') + 2);
			chomp(cpu);
			break;
		}
	}
	if (f)
		fclose(f);
	struct utsname u;
	if (uname(&u) == 0)
		snprintf(kernel, sizeof kernel, "%s %s", u.sysname, u.release);
	FILE *p = popen("bash --norc --noprofile -c 'echo \"$BASH_VERSION\"' 2>/dev/null", "r");
	if (p) {
		if (fgets(line, sizeof line, p)) {
			snprintf(bash_version, sizeof bash_version, "%s", line);
			chomp(bash_version);
		}
		pclose(p);
	}
}

/* One row of the table: a case, its medians and its ratios. */
struct row {
	enum cas c;
	const char *label;
	const char *unit;     /* "s", "ms" or "MB" */
	double scale;         /* multiply a sample by this to get the unit */
};

static const struct row rows[] = {
	{ C_TRUE, "1 per command: 2000 x /bin/true", "s", 1 },
	{ C_PIPE, "2 pipelines: 500 x true|true|true", "s", 1 },
	{ C_START, "3 start-up: 300 x SHELL -c /bin/true", "s", 1 },
	{ C_RSS_C, "3 peak RSS: SHELL -c /bin/true", "MB", 1.0 / 1024 },
	{ C_RSS_IDLE, "3 peak RSS: idle at prompt (pty)", "MB", 1.0 / 1024 },
	{ C_TRACE, "4 trace: case 1, trace on vs off", "s", 1 },
	{ C_LESSON, "5 lesson counter, 500 children", "s", 1 },
	{ C_BUILTIN, "6 builtins only: 5000 lines", "ms", 1000 },
	{ C_LOOP, "7 while [ $i -lt 100000 ] loop", "s", 1 },
	{ C_FUNC, "8 50 000 calls of a small function", "s", 1 },
	{ C_SCRIPT, "9 2 000-line script: parse and run", "ms", 1000 },
	{ C_SUBST, "10 1 000 x x=$(echo $i)", "s", 1 },
	{ C_FOLLOW, "11 follow: sh loop of 300 /bin/true", "s", 1 },
};

static int nruns;

/* The ratio a / b of one case: the median of the ratios run by run, where a
 * and b ran close together in time, rather than the ratio of the two
 * medians; a burst of load from elsewhere then spoils one pair, not a
 * comparison.  -1 when either was not measured. */
static double ratio(enum cas c, enum who a, enum who b)
{
	double v[MAX_RUNS];
	if (med[c][a] <= 0 || med[c][b] <= 0)
		return -1;
	for (int r = 0; r < nruns; r++) {
		if (samples[c][a][r] <= 0 || samples[c][b][r] <= 0)
			return -1;
		v[r] = samples[c][a][r] / samples[c][b][r];
	}
	return median(v, nruns);
}

static void put_value(FILE *out, double v, const struct row *r)
{
	if (v < 0)
		fprintf(out, " %10s", "-");
	else if (r->unit[0] == 'M')
		fprintf(out, " %7.2f %-2s", v * r->scale, r->unit);
	else
		fprintf(out, " %7.3f %-2s", v * r->scale, r->unit);
}

static void put_ratio(FILE *out, double v)
{
	if (v < 0)
		fprintf(out, " %7s", "-");
	else
		fprintf(out, " %7.3f", v);
}

/* The ratios the issue sets targets for (limit 0: reported only), in the
 * order of the table; the JSON output uses the same list and key names. */
static const struct target {
	const char *what, *key;
	int c, a, b;
	double limit;
	const char *why;    /* with limit 0: why it is reported only */
} targets[] = {
	{ "1 per command: forksh / bare", "per_command_forksh_bare", C_TRUE, FORKSH, BARE, 1.05, NULL },
	{ "1 per command: forksh / bash", "per_command_forksh_bash", C_TRUE, FORKSH, BASH, 1.0, NULL },
	{ "1 per command: forksh / dash", "per_command_forksh_dash", C_TRUE, FORKSH, DASH, 0, "dash uses vfork" },
	{ "3 start-up: forksh / bash", "startup_forksh_bash", C_START, FORKSH, BASH, 1.0, NULL },
	{ "3 peak RSS of -c /bin/true: forksh / bash", "rss_c_forksh_bash", C_RSS_C, FORKSH, BASH, 1.0, NULL },
	{ "3 peak RSS idle at the prompt: forksh / bash", "rss_idle_forksh_bash", C_RSS_IDLE, FORKSH, BASH, 1.0, NULL },
	{ "4 trace on / off", "trace_on_off", C_TRUE, FORKSH_TRACE, FORKSH, 1.2, NULL },
	{ "6 builtins only: forksh / bash", "builtins_forksh_bash", C_BUILTIN, FORKSH, BASH, 1.0, NULL },
	{ "6 builtins only: forksh / dash", "builtins_forksh_dash", C_BUILTIN, FORKSH, DASH, 2.0, NULL },
	{ "7 while [ ] loop: forksh / dash", "loop_forksh_dash", C_LOOP, FORKSH, DASH, 1.0, NULL },
	{ "8 function calls: forksh / dash", "func_forksh_dash", C_FUNC, FORKSH, DASH, 1.0, NULL },
	{ "9 2 000-line script: forksh / dash", "script_forksh_dash", C_SCRIPT, FORKSH, DASH, 1.2, NULL },
	{ "10 $(...) 1 000 times: forksh / dash", "subst_forksh_dash", C_SUBST, FORKSH, DASH, 1.1, NULL },
	{ "11 follow / strace -f", "follow_strace", C_FOLLOW, W_FOLLOW, W_STRACE, 1.0, NULL },
	{ "11 follow / the loop untraced", "follow_untraced", C_FOLLOW, W_FOLLOW, W_UNTRACED, 0,
	  "what following costs" },
};

/* One line of the targets: the ratio, its limit, and whether it was met. */
static void target(FILE *out, const struct target *t)
{
	double v = ratio(t->c, t->a, t->b);
	if (t->limit == 0) {
		fprintf(out, "  %-44s %6.3f  (reported only: %s)\n", t->what, v, t->why);
		return;
	}
	fprintf(out, "  %-44s %6.3f  (at most %.2f)  %s\n", t->what, v, t->limit,
		v < 0 ? "not measured" : v <= t->limit ? "met" : "MISSED");
}

static void print_table(FILE *out, int runs)
{
	fprintf(out, "forksh benchmarks: median of %d runs, contenders interleaved; each ratio is the median\n"
		     "of the ratios within each run\n", runs);
	fprintf(out, "machine: %ld CPUs, %s, %s, built with gcc %s, bash %s\n\n", sysconf(_SC_NPROCESSORS_ONLN), cpu,
		kernel, __VERSION__, bash_version);
	fprintf(out, "%-38s %10s %10s %10s %10s %7s %7s %7s\n", "case", "forksh", "bare", "dash", "bash", "f/bare",
		"f/dash", "f/bash");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		fprintf(out, "%-38s", r->label);
		if (r->c == C_FOLLOW) {
			/* its own contenders: follow, strace -f, untraced */
			put_value(out, med[C_FOLLOW][W_FOLLOW], r);
			fprintf(out, "  strace:");
			put_value(out, med[C_FOLLOW][W_STRACE], r);
			fprintf(out, "  untraced:");
			put_value(out, med[C_FOLLOW][W_UNTRACED], r);
			fputc('\n', out);
			continue;
		}
		if (r->c == C_TRACE) {
			/* off goes in the forksh column, on in the bare one's place */
			put_value(out, med[C_TRUE][FORKSH], r);
			fprintf(out, "  on:");
			put_value(out, med[C_TRUE][FORKSH_TRACE], r);
			fprintf(out, "   on/off");
			put_ratio(out, ratio(C_TRUE, FORKSH_TRACE, FORKSH));
			fputc('\n', out);
			continue;
		}
		for (int w = FORKSH; w <= BASH; w++)
			put_value(out, med[r->c][w], r);
		put_ratio(out, ratio(r->c, FORKSH, BARE));
		put_ratio(out, ratio(r->c, FORKSH, DASH));
		put_ratio(out, ratio(r->c, FORKSH, BASH));
		fputc('\n', out);
	}
	fprintf(out, "\n  per command: forksh %.0f us, bare %.0f us, dash %.0f us, bash %.0f us\n",
		med[C_TRUE][FORKSH] * 1e6 / N_TRUE, med[C_TRUE][BARE] * 1e6 / N_TRUE, med[C_TRUE][DASH] * 1e6 / N_TRUE,
		med[C_TRUE][BASH] * 1e6 / N_TRUE);
	fprintf(out, "  start-up: forksh %.0f us, bare %.0f us, dash %.0f us, bash %.0f us per run\n",
		med[C_START][FORKSH] * 1e6 / N_START, med[C_START][BARE] * 1e6 / N_START,
		med[C_START][DASH] * 1e6 / N_START, med[C_START][BASH] * 1e6 / N_START);
	fprintf(out, "  lesson: %ld of %d children counted to the end, %ld processes left behind\n", lesson_finished,
		N_CHILDREN, lesson_left);
	fprintf(out, "\ntargets (ratios in this run):\n");
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		target(out, &targets[i]);
	fprintf(out, "  %-44s %s\n", "5 lesson: every child reaped",
		lesson_finished == N_CHILDREN && lesson_left == 0 ? "yes" : "NO");
}

static void json_number(FILE *out, double v)
{
	if (v < 0)
		fputs("null", out);
	else
		fprintf(out, "%.6g", v);
}

static const char *const case_key[NCASE] = { "per_command", "pipelines", "startup", "rss_c", "rss_idle",
					     "trace", "lesson", "builtins", "loop", "functions", "script", "subst",
					     "follow" };

/* The same numbers as JSON, in seconds and kB, for comparing commits. */
static void print_json(FILE *out, int runs)
{
	fprintf(out, "{\n  \"runs\": %d,\n  \"machine\": {\"nproc\": %ld, \"cpu\": \"%s\", \"kernel\": \"%s\", "
		     "\"gcc\": \"%s\", \"bash\": \"%s\"},\n  \"cases\": {\n",
		runs, sysconf(_SC_NPROCESSORS_ONLN), cpu, kernel, __VERSION__, bash_version);
	for (int c = 0; c < NCASE; c++) {
		if (c == C_TRACE)
			continue;
		if (c == C_FOLLOW) {
			fprintf(out, "    \"follow\": {\"unit\": \"s\", \"follow\": ");
			json_number(out, med[c][W_FOLLOW]);
			fprintf(out, ", \"strace\": ");
			json_number(out, med[c][W_STRACE]);
			fprintf(out, ", \"untraced\": ");
			json_number(out, med[c][W_UNTRACED]);
			fprintf(out, "}%s\n", c + 1 < NCASE ? "," : "");
			continue;
		}
		fprintf(out, "    \"%s\": {\"unit\": \"%s\"", case_key[c],
			c == C_RSS_C || c == C_RSS_IDLE ? "kB" : "s");
		for (int w = FORKSH; w < NWHO; w++) {
			if (w == FORKSH_TRACE && c != C_TRUE)
				continue;
			fprintf(out, ", \"%s\": ", w == FORKSH_TRACE ? "forksh_trace" : who_name[w]);
			json_number(out, med[c][w]);
		}
		fprintf(out, "}%s\n", c + 1 < NCASE ? "," : "");
	}
	fprintf(out, "  },\n  \"ratios\": {");
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		fprintf(out, "%s\"%s\": ", i ? ", " : "", targets[i].key);
		json_number(out, ratio(targets[i].c, targets[i].a, targets[i].b));
	}
	fprintf(out, "},\n  \"lesson\": {\"children_finished\": %ld, \"left_behind\": %ld}\n}\n", lesson_finished,
		lesson_left);
}

static void cleanup(void)
{
	char *argv[] = { "rm", "-rf", workdir, NULL };
	run_prog(argv, NULL);
}

int main(int argc, char **argv)
{
	int runs = 5, json_only = 0;
	const char *json_file = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--forksh") == 0 && i + 1 < argc)
			forksh = argv[++i];
		else if (strcmp(argv[i], "--bare-spawn") == 0 && i + 1 < argc)
			bare_spawn = argv[++i];
		else if (strcmp(argv[i], "--bare-counter") == 0 && i + 1 < argc)
			bare_counter = argv[++i];
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--json") == 0)
			json_only = 1;
		else if (strncmp(argv[i], "--json=", 7) == 0)
			json_file = argv[i] + 7;
		else
			die("usage: bench --forksh PATH --bare-spawn PATH --bare-counter PATH [--runs N] [--json[=FILE]]");
	}
	if (!forksh || !bare_spawn || !bare_counter)
		die("--forksh, --bare-spawn and --bare-counter are needed");
	if (runs < 1 || runs > MAX_RUNS)
		die("--runs takes 1 to %d", MAX_RUNS);
	nruns = runs;
	/* Whatever a lesson orphans comes to us, so it can be counted. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (!mkdtemp(workdir))
		die("mkdtemp: %s", strerror(errno));
	atexit(cleanup);
	snprintf(path_true, sizeof path_true, "%s/true.sh", workdir);
	snprintf(path_pipe, sizeof path_pipe, "%s/pipe.sh", workdir);
	snprintf(path_builtin, sizeof path_builtin, "%s/builtin.sh", workdir);
	snprintf(path_out, sizeof path_out, "%s/out", workdir);
	static const char *const l_true[] = { "/bin/true" };
	static const char *const l_pipe[] = { "/bin/true | /bin/true | /bin/true" };
	static const char *const l_builtin[] = {
		"x=1; y=\"$x$x\"; : $y",
		"name=forksh; msg=\"hello $name, x is $x\"; : \"$msg\" $name",
		"a=$y; b=${a}2; true; : \"${b}\" $a $b",
		"PATHISH=/usr/bin:/bin; : $PATHISH \"$y\" && false || :",
	};
	write_script(path_true, N_TRUE, l_true, 1);
	write_script(path_pipe, N_PIPE, l_pipe, 1);
	write_script(path_builtin, N_BUILTIN, l_builtin, sizeof l_builtin / sizeof l_builtin[0]);
	static const char *const l_loop[] = { "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done" };
	static const char *const l_func[] = {
		"f() { r=$(( $1 + 1 )); }",
		"i=0; while [ $i -lt 5000 ]; do f $i; f $i; f $i; f $i; f $i; f $i; f $i; f $i; f $i; f $i; i=$((i+1)); done",
	};
	static const char *const l_subst[] = { "i=0; while [ $i -lt 1000 ]; do x=$(echo $i); i=$((i+1)); done" };
	for (int k = 0; k < 4; k++)
		snprintf(path_script[k], sizeof path_script[k], "%s/case%d.sh", workdir, 7 + k);
	write_script(path_script[0], 1, l_loop, 1);
	write_script(path_script[1], 2, l_func, 2);
	write_case9(path_script[2]);
	write_script(path_script[3], 1, l_subst, 1);
	machine_info();
	have_strace = system("strace -V >/dev/null 2>&1") == 0;
	int progress = !json_only && isatty(STDERR_FILENO);

	for (int r = 0; r < runs; r++) {
		if (progress)
			fprintf(stderr, "\rbench: run %d of %d ...", r + 1, runs);
		round_true(r);
		round_pipe(r);
		round_start(r);
		round_idle(r);
		round_lesson(r);
		round_builtin(r);
		round_script(r);
		round_follow(r);
	}
	if (progress)
		fprintf(stderr, "\r%40s\r", "");
	for (int c = 0; c < NCASE; c++)
		for (int w = 0; w < NWHO; w++)
			med[c][w] = -1;
	for (int c = 0; c < NCASE; c++) {
		for (int w = 0; w < NWHO; w++) {
			int filled = c == C_TRUE || (c == C_PIPE && w <= BASH) || (c == C_START && w <= BASH) ||
				     (c == C_RSS_C && w <= BASH) || (c == C_RSS_IDLE && (w == FORKSH || w == BASH)) ||
				     (c == C_LESSON && (w == FORKSH || w == BARE)) ||
				     ((c == C_BUILTIN || (c >= C_LOOP && c <= C_SUBST)) && (w == FORKSH || w == DASH || w == BASH)) ||
				     (c == C_FOLLOW && (w == W_FOLLOW || w == W_UNTRACED || (w == W_STRACE && have_strace)));
			if (filled)
				med[c][w] = median(samples[c][w], runs);
		}
	}
	if (json_only) {
		print_json(stdout, runs);
		return 0;
	}
	print_table(stdout, runs);
	if (json_file) {
		FILE *f = fopen(json_file, "w");
		if (!f)
			die("%s: %s", json_file, strerror(errno));
		print_json(f, runs);
		fclose(f);
	}
	return 0;
}
