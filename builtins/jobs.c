/* jobs.c - the job-control builtins: jobs, fg, bg, wait, kill, disown.
 *
 * They act on the shell's own table of children, which only the shell
 * process has: that is why they are builtins (and why kill is one, so that
 * %1 means something).
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "../shell/events.h"
#include "../shell/jobctl.h"
#include "../shell/jobs.h"
#include "../shell/number.h"
#include "../shell/shell.h"
#include "../shell/signals.h"
#include "../shell/trap.h"

/* Look up a job spec for builtin `who`, reporting failure. */
static struct job *find_job(const char *who, const char *spec)
{
	const char *why;
	struct job *j = jobs_find(spec, &why);
	if (!j)
		sh_error("%s: %s: %s", who, spec ? sh_arg(spec) : "%+", why);
	return j;
}

/* jobs [-l | -p] [%N...]: list jobs with their state. */
int bi_jobs(int argc, char **argv)
{
	int pids = 0, only_pids = 0, argi = 1;
	for (; argi < argc && argv[argi][0] == '-' && argv[argi][1]; argi++) {
		if (strcmp(argv[argi], "-l") == 0)
			pids = 1;
		else if (strcmp(argv[argi], "-p") == 0)
			only_pids = 1;
		else if (strcmp(argv[argi], "--") == 0) {
			argi++;
			break;
		} else
			return builtin_usage(builtin_find("jobs"));
	}
	jobs_reap();
	int status = 0;
	for (struct job *j = jobs_first(); j; j = j->next) {
		if (argi < argc) {
			int wanted = 0;
			for (int k = argi; k < argc; k++) {
				const char *why;
				wanted |= jobs_find(argv[k], &why) == j;
			}
			if (!wanted)
				continue;
		}
		if (only_pids)
			printf("%ld\n", (long)(j->pgid ? j->pgid : j->pids[0]));
		else
			jobs_print(stdout, j, pids);
	}
	for (int k = argi; k < argc; k++)
		if (!find_job("jobs", argv[k]))
			status = 1;
	/* Finished jobs have now been shown: drop them, as the prompt would. */
	fflush(stdout);
	struct job *j = jobs_first();
	while (j) {
		struct job *next = j->next;
		if (j->state == JOB_DONE && sh.interactive)
			jobs_remove(j);
		j = next;
	}
	return status;
}

/* fg [%N]: continue a job in the foreground, giving it the terminal. */
int bi_fg(int argc, char **argv)
{
	if (argc > 2)
		return builtin_usage(builtin_find("fg"));
	if (!jobctl_enabled()) {
		sh_error("fg: no job control in this shell");
		return 1;
	}
	jobs_reap();
	struct job *j = find_job("fg", argc == 2 ? argv[1] : NULL);
	if (!j)
		return 1;
	printf("%s\n", j->text);
	fflush(stdout);
	return jobs_resume_fg(j);
}

/* bg [%N...]: continue stopped jobs in the background. */
int bi_bg(int argc, char **argv)
{
	if (!jobctl_enabled()) {
		sh_error("bg: no job control in this shell");
		return 1;
	}
	jobs_reap();
	int status = 0;
	for (int k = 1; k < argc || k == 1; k++) {
		struct job *j = find_job("bg", k < argc ? argv[k] : NULL);
		if (!j) {
			status = 1;
		} else if (j->state != JOB_STOPPED) {
			sh_error("bg: job %d is already running", j->id);
		} else {
			jobs_continue(j);
			jobs_touch(j);
			printf("[%d]+ %s &\n", j->id, j->text);
		}
		if (argc < 2)
			break;
	}
	return status;
}

/* Is every operand a job spec or a number that can be a PID?  kill and
 * wait check them all before acting on any, so that one mistyped operand
 * (`kill 1234 4294967295`) acts on nothing.  min is the lowest PID allowed
 * (kill takes negative process groups).  Returns 0, or 2 after saying
 * "Illegal number" as dash does. */
static int check_operands(const char *who, char **argv, int argi, int argc, long long min)
{
	for (; argi < argc; argi++) {
		long long pid;
		if (argv[argi][0] != '%' && num_parse(argv[argi], min, INT_MAX, &pid) != NUM_OK)
			return num_illegal(who, argv[argi]);
	}
	return 0;
}

/* wait [%N | PID ...]: wait for background jobs.  No operand: all of them,
 * status 0.  Otherwise the status of the last one waited for, or 127 for
 * something that is not a child of this shell; 2 (and no waiting at all)
 * when an operand is neither a job spec nor a number. */
int bi_wait(int argc, char **argv)
{
	int status = 0;
	if (argc < 2) {
		struct job *j;
		for (;;) {
			jobs_reap();
			for (j = jobs_first(); j && j->state != JOB_RUNNING; j = j->next)
				;
			if (!j)
				break;
			int st = jobs_wait_job(j);
			/* a trapped signal (or Ctrl-C at the prompt) ends the wait */
			if ((st == 128 + SIGINT && sh.interactive) || (st > 128 && trap_pending()))
				return st;
		}
		/* Their statuses were waited for: forget the finished ones. */
		for (j = jobs_first(); j;) {
			struct job *next = j->next;
			if (j->state == JOB_DONE)
				jobs_remove(j);
			j = next;
		}
		return 0;
	}
	if (check_operands("wait", argv, 1, argc, 0))
		return 2;
	for (int k = 1; k < argc; k++) {
		const char *why;
		struct job *j = jobs_find(argv[k], &why);
		if (!j) {
			if (argv[k][0] == '%')
				sh_error("wait: %s: %s", sh_arg(argv[k]), why);
			else
				sh_error("wait: %s: not a child of this shell", argv[k]);
			status = 127;
			continue;
		}
		status = jobs_wait_job(j);
		if (status > 128 && trap_pending())
			return status; /* the trap runs now, the rest is not waited for */
	}
	return status;
}

/* kill -l: the signal names, numbered.  kill -l N names signal N (0 is
 * EXIT, the name traps use for the shell's exit, as in bash); an N above
 * 128 is an exit status, and names the signal that caused it
 * (kill -l $?). */
static int list_signals(const char *which)
{
	if (which) {
		long long n;
		enum num_error e = num_parse(which, 0, INT_MAX, &n);
		if (e == NUM_OK) {
			if (n > 128)
				n -= 128;
			if (n == 0) {
				printf("EXIT\n");
				return 0;
			}
			if (n < NSIG && sigabbrev_np((int)n)) {
				printf("%s\n", sig_name((int)n));
				return 0;
			}
		} else if (e == NUM_SYNTAX) {
			int sig = sig_by_name(which); /* kill -l TERM numbers it */
			if (sig > 0) {
				printf("%d\n", sig);
				return 0;
			}
		}
		sh_error("kill: %s: invalid signal", sh_arg(which));
		return 1;
	}
	for (int sig = 1; sig < SIGRTMIN; sig++)
		printf("%2d) SIG%-8s%s", sig, sig_name(sig), sig % 4 == 0 ? "\n" : "  ");
	printf("\n");
	return 0;
}

/* kill [-s SIG | -SIG] %N|PID...: send a signal (TERM by default).  A
 * stopped job is also continued, or it could not act on the signal. */
int bi_kill(int argc, char **argv)
{
	int sig = SIGTERM, argi = 1;
	if (argi < argc && strcmp(argv[argi], "-l") == 0)
		return list_signals(argi + 1 < argc ? argv[argi + 1] : NULL);
	if (argi < argc && strcmp(argv[argi], "-s") == 0) {
		if (argi + 1 >= argc)
			return builtin_usage(builtin_find("kill"));
		sig = sig_by_name(argv[argi + 1]); /* "0" is the null signal (POSIX) */
		if (sig < 0) {
			sh_error("kill: %s: invalid signal", sh_arg(argv[argi + 1]));
			return 1;
		}
		argi += 2;
	} else if (argi < argc && argv[argi][0] == '-' && argv[argi][1] && strcmp(argv[argi], "--") != 0) {
		/* kill -0 PID sends nothing: it only asks whether PID exists */
		sig = sig_by_name(argv[argi] + 1);
		if (sig < 0) {
			sh_error("kill: %s: invalid signal", sh_arg(argv[argi] + 1));
			return 1;
		}
		argi++;
	}
	if (argi < argc && strcmp(argv[argi], "--") == 0)
		argi++;
	if (argi >= argc)
		return builtin_usage(builtin_find("kill"));
	/* A negative PID names a process group (-1: every process), but only
	 * when written so: a number too large for a PID is refused, never
	 * wrapped into one (4294967295 would be kill(-1, ...)). */
	if (check_operands("kill", argv, argi, argc, -(long long)INT_MAX))
		return 2;
	int status = 0;
	for (; argi < argc; argi++) {
		if (argv[argi][0] == '%') {
			struct job *j = find_job("kill", argv[argi]);
			if (!j) {
				status = 1;
				continue;
			}
			if (jobs_signal(j, sig) < 0) {
				sh_error("kill: %s: %s", sh_arg(argv[argi]), strerror(errno));
				status = 1;
			} else if (j->state == JOB_STOPPED && sig != SIGCONT && sig != SIGSTOP &&
				   sig != SIGTSTP) {
				jobs_signal(j, SIGCONT);
			}
			continue;
		}
		long long pid;
		num_parse(argv[argi], -(long long)INT_MAX, INT_MAX, &pid); /* checked above */
		EV(EV_KILL, .target = (pid_t)pid, .a = sig);
		if (kill((pid_t)pid, sig) < 0) {
			sh_error("kill: %s: %s", argv[argi], strerror(errno));
			status = 1;
		}
	}
	return status;
}

/* disown [%N...]: forget jobs, so the shell neither reports nor hangs them
 * up; they run on as they are. */
int bi_disown(int argc, char **argv)
{
	int status = 0;
	for (int k = 1; k < argc || k == 1; k++) {
		struct job *j = find_job("disown", k < argc ? argv[k] : NULL);
		if (j)
			jobs_remove(j);
		else
			status = 1;
		if (argc < 2)
			break;
	}
	return status;
}
