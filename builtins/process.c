/* process.c - umask and times: attributes of the shell process itself.
 * The file mode mask is inherited by every child at fork (that is how a
 * `umask 077` in the shell makes every later program create private
 * files), and times reports what the shell and its reaped children used. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/events.h"
#include "../shell/shell.h"

/* Apply one symbolic clause list (u+w,go-rx,a=r) to the permissions that
 * are allowed (the complement of the mask).  Returns 0, or -1 when the
 * text is not such a list. */
static int symbolic(const char *s, mode_t *allowed)
{
	mode_t perm = *allowed;
	for (;;) {
		mode_t who = 0;
		for (; strchr("ugoa", *s) && *s; s++)
			who |= *s == 'u' ? S_IRWXU : *s == 'g' ? S_IRWXG : *s == 'o' ? S_IRWXO : 0777;
		if (!who)
			who = 0777;
		if (!*s || !strchr("+-=", *s))
			return -1;
		while (*s && strchr("+-=", *s)) {
			char op = *s++;
			mode_t bits = 0;
			for (; *s && strchr("rwx", *s); s++)
				bits |= *s == 'r' ? 0444 : *s == 'w' ? 0222 : 0111;
			bits &= who;
			if (op == '+')
				perm |= bits;
			else if (op == '-')
				perm &= ~bits;
			else
				perm = (perm & ~who) | bits;
		}
		if (!*s)
			break;
		if (*s++ != ',')
			return -1;
	}
	*allowed = perm;
	return 0;
}

/* umask [-S] [MODE]: print the mask (octal, or -S as u=rwx,g=rx,o=rx), or
 * set it from an octal number or a symbolic mode. */
int bi_umask(int argc, char **argv)
{
	int argi = 1, sym = 0;
	if (argi < argc && strcmp(argv[argi], "-S") == 0) {
		sym = 1;
		argi++;
	}
	mode_t mask = umask(0);
	umask(mask);
	if (argi >= argc) {
		if (!sym) {
			printf("%04o\n", (unsigned)mask);
			return 0;
		}
		mode_t p = ~mask & 0777;
		const char *who = "ugo";
		for (int i = 0; i < 3; i++) {
			int shift = 6 - 3 * i;
			printf("%s%c=%s%s%s", i ? "," : "", who[i], (p >> shift) & 4 ? "r" : "", (p >> shift) & 2 ? "w" : "",
			       (p >> shift) & 1 ? "x" : "");
		}
		putchar('\n');
		return 0;
	}
	const char *m = argv[argi];
	mode_t newmask;
	if (*m >= '0' && *m <= '7') {
		unsigned v = 0;
		for (const char *s = m; *s; s++) {
			if (*s < '0' || *s > '7' || v > 0777) {
				sh_error("umask: Illegal number: %s", m);
				return 2;
			}
			v = v * 8 + (unsigned)(*s - '0');
		}
		if (v > 0777) {
			sh_error("umask: Illegal number: %s", m);
			return 2;
		}
		newmask = (mode_t)v;
	} else {
		mode_t allowed = ~mask & 0777;
		if (symbolic(m, &allowed) < 0) {
			sh_error("umask: Illegal mode: %s", m);
			return 2;
		}
		newmask = ~allowed & 0777;
	}
	umask(newmask);
	EV(EV_SHELL, .str = "umask changes the shell's file mode mask: every child forked from now on inherits it");
	return 0;
}

static void print_time(struct timeval tv, const char *end)
{
	long min = (long)tv.tv_sec / 60;
	double sec = (double)(tv.tv_sec % 60) + (double)tv.tv_usec / 1e6;
	printf("%ldm%fs%s", min, sec, end);
}

/* times: user and system time of the shell, then of its reaped children. */
int bi_times(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct rusage self, kids;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	print_time(self.ru_utime, " ");
	print_time(self.ru_stime, "\n");
	print_time(kids.ru_utime, " ");
	print_time(kids.ru_stime, "\n");
	return 0;
}

/* The limits ulimit knows: option letter, resource, the unit it counts in
 * (bytes per unit; 1 for counts and seconds), and the name -a shows. */
static const struct limit {
	char opt;
	int resource;
	long unit;
	const char *name;
} limits[] = {
	{ 't', RLIMIT_CPU, 1, "time(seconds)" },
	{ 'f', RLIMIT_FSIZE, 512, "file(blocks)" },
	{ 'd', RLIMIT_DATA, 1024, "data(kbytes)" },
	{ 's', RLIMIT_STACK, 1024, "stack(kbytes)" },
	{ 'c', RLIMIT_CORE, 512, "coredump(blocks)" },
	{ 'm', RLIMIT_RSS, 1024, "memory(kbytes)" },
	{ 'l', RLIMIT_MEMLOCK, 1024, "locked memory(kbytes)" },
	{ 'u', RLIMIT_NPROC, 1, "process" },
	{ 'n', RLIMIT_NOFILE, 1, "nofiles" },
	{ 'v', RLIMIT_AS, 1024, "vmemory(kbytes)" },
	{ 'w', RLIMIT_LOCKS, 1, "locks" },
	{ 'r', RLIMIT_RTPRIO, 1, "rtprio" },
};

static void print_limit(const struct limit *l, int hard, int with_name)
{
	struct rlimit rl;
	getrlimit(l->resource, &rl);
	rlim_t v = hard ? rl.rlim_max : rl.rlim_cur;
	if (with_name)
		printf("%-20s ", l->name);
	if (v == RLIM_INFINITY)
		printf("unlimited\n");
	else
		printf("%llu\n", (unsigned long long)(v / (rlim_t)l->unit));
}

/* ulimit [-H | -S] [-a | -tfdscmlunvwr] [LIMIT]: show or set a resource
 * limit of the shell process, which every child it forks inherits
 * (RLIMIT_NPROC is what keeps a fork bomb from taking the machine).
 * Without -H or -S, setting changes both, showing shows the soft one. */
int bi_ulimit(int argc, char **argv)
{
	int hard = 0, soft = 0, all = 0, argi = 1;
	const struct limit *which = &limits[1]; /* -f, as POSIX says */
	for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
		if (strcmp(argv[argi], "--") == 0) {
			argi++;
			break;
		}
		for (const char *c = argv[argi] + 1; *c; c++) {
			if (*c == 'H') {
				hard = 1;
			} else if (*c == 'S') {
				soft = 1;
			} else if (*c == 'a') {
				all = 1;
			} else {
				size_t i = 0, n = sizeof limits / sizeof limits[0];
				while (i < n && limits[i].opt != *c)
					i++;
				if (i == n) {
					sh_error("ulimit: Illegal option -%c", *c);
					return 2;
				}
				which = &limits[i];
			}
		}
	}
	if (all) {
		for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
			print_limit(&limits[i], hard && !soft, 1);
		return 0;
	}
	if (argi >= argc) {
		print_limit(which, hard && !soft, 0);
		return 0;
	}
	const char *v = argv[argi];
	rlim_t value;
	if (strcmp(v, "unlimited") == 0) {
		value = RLIM_INFINITY;
	} else {
		unsigned long long n = 0;
		for (const char *s = v; *s; s++) {
			if (*s < '0' || *s > '9' || n > (~0ULL - 9) / 10 / (unsigned long long)which->unit) {
				sh_error("ulimit: bad number: %s", v);
				return 2;
			}
			n = n * 10 + (unsigned long long)(*s - '0');
		}
		if (!*v) {
			sh_error("ulimit: bad number");
			return 2;
		}
		value = (rlim_t)(n * (unsigned long long)which->unit);
	}
	struct rlimit rl;
	getrlimit(which->resource, &rl);
	if (!soft || hard)
		rl.rlim_max = value;
	if (!hard || soft)
		rl.rlim_cur = value;
	if (setrlimit(which->resource, &rl) < 0) {
		sh_error("ulimit: error setting limit (%s)", strerror(errno));
		return 2;
	}
	EV(EV_SHELL, .str = "ulimit changes a limit of the shell process: every child forked from now on inherits it");
	return 0;
}
