/* process.c - umask and times: attributes of the shell process itself.
 * The file mode mask is inherited by every child at fork (that is how a
 * `umask 077` in the shell makes every later program create private
 * files), and times reports what the shell and its reaped children used. */
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
