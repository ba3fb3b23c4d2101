/* start.c - starting a followed program (follow_run), and saying why
 * when it cannot be followed.
 *
 * The program's first process is forked by the shell's one fork path as a
 * foreground job, and waits on a socket before it does anything.  forksh
 * attaches to it with PTRACE_SEIZE (which, unlike PTRACE_TRACEME, lets a
 * stopped job stay stopped: PTRACE_LISTEN), then lets it go on: it
 * installs the seccomp filter, says whether that worked, and execs the
 * program as any simple command would (PATH search, "command not found").
 * If ptrace is refused, the child is told to leave without running
 * anything, and follow says why and what to do; it never hangs.
 */
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../shell/eval.h"
#include "../shell/events.h"
#include "../shell/jobctl.h"
#include "../shell/jobs.h"
#include "../shell/path.h"
#include "../shell/proc.h"
#include "../shell/procfs.h"
#include "../shell/shell.h"
#include "fint.h"

#define OPTIONS                                                                                              \
	(PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |               \
	 PTRACE_O_TRACEEXIT | PTRACE_O_TRACESECCOMP | PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)

void follow_refusal_reason(int err, int yama_scope, pid_t tracer, char *buf, size_t len)
{
	if (tracer > 0) {
		snprintf(buf, len, "the program is already traced by process %ld, and a process can have "
			 "one tracer only: forksh itself runs under a tracer (follow, strace -f, a debugger); "
			 "run follow from a forksh that is not traced",
			 (long)tracer);
	} else if (err == EPERM || err == EACCES) {
		if (yama_scope >= 3)
			snprintf(buf, len, "Yama's ptrace_scope is %d here, which forbids ptrace to every process "
				 "until the machine restarts; nothing can be followed on this machine",
				 yama_scope);
		else if (yama_scope == 2)
			snprintf(buf, len, "Yama's ptrace_scope is 2 here: only a process with CAP_SYS_PTRACE may "
				 "trace; run forksh as root, or ask for kernel.yama.ptrace_scope = 1 "
				 "(sysctl), which lets a program follow its own children");
		else
			snprintf(buf, len, "the ptrace system call is blocked here, most likely by a container's "
				 "seccomp profile or a security module (AppArmor, SELinux); in Docker, start "
				 "the container with --cap-add=SYS_PTRACE");
	} else if (err == ENOSYS) {
		snprintf(buf, len, "this kernel, or the sandbox it runs in (gVisor, for one), offers no ptrace");
	} else {
		snprintf(buf, len, "%s", strerror(err));
	}
}

/* Yama's ptrace_scope, or -1 where there is no Yama. */
static int yama_scope(void)
{
	FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
	int scope = -1;
	if (f) {
		if (fscanf(f, "%d", &scope) != 1)
			scope = -1;
		fclose(f);
	}
	return scope;
}

/* Non-root: is the program argv[0] names set-uid or set-gid to someone
 * else?  A traced exec never gets those privileges, so following it would
 * change what it does: refuse, saying so.  Returns 1 after the message. */
static int refuse_setuid(const char *who, char **argv)
{
	if (geteuid() == 0)
		return 0;
	char *path = path_search(argv[0], path_is_executable);
	struct stat st;
	int suid = 0, sgid = 0;
	if (path && stat(path, &st) == 0) {
		suid = (st.st_mode & S_ISUID) && st.st_uid != geteuid();
		sgid = (st.st_mode & S_ISGID) && st.st_gid != getegid();
	}
	if (suid || sgid) {
		struct passwd *pw = suid ? getpwuid(st.st_uid) : NULL;
		char owner[64];
		if (pw)
			snprintf(owner, sizeof owner, "%s", pw->pw_name);
		else
			snprintf(owner, sizeof owner, "%s %ld", suid ? "user" : "group",
				 suid ? (long)st.st_uid : (long)st.st_gid);
		sh_error("%s: cannot follow %s: it is set-%s (it runs as %s, whoever starts it), and the "
			 "kernel never gives a traced program such privileges, so under follow it would not "
			 "do what it does.\n  %s was not run: run it without follow, or follow it as root.",
			 who, path, suid ? "uid" : "gid", owner, argv[0]);
	}
	free(path);
	return suid || sgid;
}

/* The cap in force: the one asked for, or the default, and never more than
 * RLIMIT_NPROC leaves room for (past that fork fails, and a fork bomb
 * would spin on the failures instead of ending). */
static long effective_cap(struct follow *f, const struct follow_opts *o)
{
	long cap = o->max_procs > 0 ? o->max_procs : FOLLOW_DEFAULT_PROCS;
	struct rlimit rl;
	f->nproc_limit = 0;
	if (geteuid() == 0 || getrlimit(RLIMIT_NPROC, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return cap;
	long room = (long)rl.rlim_cur - procfs_user_tasks(getuid()) - 1;
	if (room < cap) {
		cap = room > 1 ? room : 1;
		f->nproc_limit = (long)rl.rlim_cur;
	}
	return cap;
}

/* The child half: wait for forksh to attach, install the filter, say how
 * that went, then become the program.  Never returns. */
static void child(char **argv, int sock)
{
	char go = 'n';
	while (read(sock, &go, 1) < 0 && errno == EINTR)
		;
	if (go != 'g') {
		close(sock);
		_exit(126); /* not followed: run nothing */
	}
	int err = fl_seccomp_install();
	ssize_t w = write(sock, &err, sizeof err);
	(void)w;
	close(sock);
	if (err)
		raise(SIGSTOP); /* without the filter, forksh steps every call from here */
	/* exec replaces the program, not the process: the PID stays */
	EV(EV_EXEC, .argv = argv);
	exec_path_search(argv);
	int e = errno;
	EV(EV_EXEC_FAIL, .str = argv[0], .err = e);
	_exit(exec_failure(argv[0], e));
}

/* ptrace was refused for the child: it leaves without running anything;
 * reap it, and say why.  Returns 126. */
static int refused(struct follow *f, int sock, int err, char **argv)
{
	/* Who traces the child already, if anyone (a forksh that is itself
	 * followed or straced: its children are its tracer's too)?  Asked
	 * while it still waits, before it is told to leave. */
	long tracer = 0, unused = 0;
	procfs_status_fields(f->root, "TracerPid:", &tracer, "NoSuchField:", &unused);
	char go = 'n', why[512];
	ssize_t w = write(sock, &go, 1);
	(void)w;
	close(sock);
	jobs_wait_pid(f->root);
	if (f->pgid > 0)
		jobctl_take_terminal(NULL);
	follow_refusal_reason(err, yama_scope(), (pid_t)tracer, why, sizeof why);
	sh_error("%s: cannot follow %s: the kernel refused ptrace (%s).\n  Why: %s.\n  %s was not run "
		 "(status 126): run it without follow.",
		 f->who, argv[0], strerror(err), why, argv[0]);
	return 126;
}

/* Attach to the child and let it start; returns 0, or the errno of a
 * refused ptrace. */
static int attach(struct follow *f, int sock)
{
	if (ptrace(PTRACE_SEIZE, f->root, NULL, (void *)(long)OPTIONS) < 0)
		return errno;
	char go = 'g';
	int err = 0;
	if (write(sock, &go, 1) != 1 || read(sock, &err, sizeof err) != (ssize_t)sizeof err)
		err = 0; /* it died already: its end will be reported */
	close(sock);
	f->seccomp = err == 0;
	f->start_stop = err != 0;
	if (err)
		fl_say(f, "note: no seccomp filter here (%s), so the program stops at every system call "
			  "and runs slower than usual", strerror(err));
	return 0;
}

int follow_run(char **argv, const struct follow_opts *o, struct recording *rec, struct follow_result *res)
{
	memset(res, 0, sizeof *res);
	struct follow f;
	memset(&f, 0, sizeof f);
	f.rec = rec;
	f.o = o;
	f.who = o->who ? o->who : "follow";
	if (refuse_setuid(f.who, argv)) {
		res->end = FOLLOW_REFUSED;
		return res->status = 126;
	}
	f.cap = effective_cap(&f, o);
	f.root_status = REC_UNSEEN;
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		sh_error("%s: socketpair: %s", f.who, strerror(errno));
		res->end = FOLLOW_REFUSED;
		return res->status = 126;
	}
	/* Orphans of the program must come to forksh to be seen ending (a
	 * forked forksh, as in `follow prog | less`, is no subreaper yet). */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	f.shell = rec->shell = getpid();
	f.t0 = 0;
	f.t0 = fl_now(&f);
	struct forkspec fs = { .foreground = 1, .who = f.who, .argv = argv };
	pid_t pid = proc_fork(&fs);
	if (pid == 0) {
		close(sv[0]);
		child(argv, sv[1]);
	}
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		res->end = FOLLOW_REFUSED;
		return res->status = 126;
	}
	f.root = rec->root = pid;
	f.pgid = fs.pgid;
	fl_new_task(&f, pid, fl_new_proc(&f, pid, f.shell, 0));
	int err = attach(&f, sv[0]);
	if (err) {
		res->end = FOLLOW_REFUSED;
		res->status = refused(&f, sv[0], err, argv);
		rec_free(rec);
		fl_free(&f);
		return res->status;
	}
	fl_trace(&f);
	res->end = f.end;
	res->seccomp = f.seccomp;
	res->procs = f.nall;
	res->lines_dropped = f.lines_dropped;
	res->status = f.root_status == REC_UNSEEN ? 1 : status_from_wait(f.root_status);
	if (f.end == FOLLOW_INTERRUPTED)
		res->status = 128 + (f.intr_sig ? f.intr_sig : SIGINT);
	else if (f.end == FOLLOW_STOPPED)
		res->status = 128 + SIGTSTP;
	if (f.setuid_note)
		fl_say(&f, "note: %s is set-uid or set-gid; under follow it ran without those privileges "
			   "(as you), as the kernel runs every traced program", f.setuid_note);
	int hangup = f.hangup;
	fl_free(&f);
	if (hangup)
		jobs_hangup_exit();
	return res->status;
}
