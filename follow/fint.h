/* fint.h - what the files of the follow module share (not for outside:
 * follow.h is the interface).
 *
 *   start.c     starting the program: refusals, the fork, the handshake
 *               that attaches ptrace before the program runs, the cap
 *   seccomp.c   the filter that makes only write, wait and exec calls stop
 *   tracer.c    the loop: one wait, one stop, one decision, resume
 *   syscalls.c  what a stopped system call says: bytes written, who was
 *               reaped, which exec failed (read from the tracee's memory)
 *   facts.c     the processes and their facts, into the record
 *   frames.c    follow --live: the tree, redrawn while the program runs
 */
#ifndef FORKSH_FINT_H
#define FORKSH_FINT_H

#include <stdint.h>
#include <sys/types.h>

#include "../shell/util.h"
#include "follow.h"
#include "pidmap.h"

/* One followed process (a thread group). */
struct fproc {
	pid_t pid;
	pid_t parent;            /* its parent now: forksh, a followed process, or another */
	unsigned exited : 1;     /* its end was seen: a zombie until reaped */
	unsigned reaped : 1;
	unsigned fork_told : 1;  /* its fork is in the record (its forker is known) */
	int status;              /* its wait status, once exited */
	size_t kids;             /* its children not yet reaped */
	struct strbuf part[2];   /* the unfinished line on stdout, on stderr */
	char *failed;            /* exec attempts that failed, not yet told (a PATH search) */
	int failed_errno;
	double failed_t;
};

/* What a task's next syscall-exit stop is for. */
enum pending { PEND_NONE, PEND_WAIT, PEND_EXEC };

/* One traced thread. */
struct ftask {
	pid_t tid;
	struct fproc *proc;
	unsigned want_exit : 1;  /* resumed with PTRACE_SYSCALL to see its syscall's result */
	enum pending pend;
	uint64_t nr, args[6];    /* the system call pend is about */
};

struct follow {
	struct recording *rec;
	const struct follow_opts *o;
	const char *who;
	double t0;
	pid_t shell, root, pgid;
	int seccomp;             /* the filter is in place (else every system call stops) */
	struct pidmap tasks, procs;
	struct fproc **all;      /* every process ever followed, in order */
	size_t nall, allcap;
	size_t alive;            /* processes forked and not yet reaped */
	long cap;
	long nproc_limit;        /* the cap is what RLIMIT_NPROC (this value) leaves room for */
	enum follow_end end;
	int killing;             /* every followed process is being killed */
	int intr_sig;            /* the signal Ctrl-C or Ctrl-\ sent, or 0 */
	double kill_at;          /* after Ctrl-C: kill what is left at this time (0: no) */
	int root_status;
	int root_done;           /* the first process has been reaped */
	int root_told;           /* ... and the terminal taken back */
	int start_stop;          /* the child stops itself once before exec (no filter) */
	int hangup;              /* forksh got SIGHUP: it leaves once all is reaped */
	size_t lines, lines_dropped;
	char *setuid_note;       /* a set-uid program that ran without its privileges */
	/* follow --live */
	int changed;             /* the tree changed since the last frame */
	int screen_dirty;        /* something was written to the terminal since */
	size_t frame_lines;      /* lines of the last frame (0: none on screen) */
};

/* facts.c */
double fl_now(const struct follow *f);
struct fproc *fl_proc(const struct follow *f, pid_t pid);
/* A new process pid forked by parent at t (recorded), or when forker is 0
 * one whose forker is unknown (its parent ended before saying: it is
 * forksh's now); the one already known if pid is. */
struct fproc *fl_new_proc(struct follow *f, pid_t pid, pid_t forker, double t);
void fl_tell_fork(struct follow *f, struct fproc *p, pid_t forker, double t);
/* A traced thread tid of p, known from now on; forgotten at its end. */
struct ftask *fl_new_task(struct follow *f, pid_t tid, struct fproc *p);
void fl_drop_task(struct follow *f, struct ftask *t);
/* p started thread tid at t. */
void fl_thread(struct follow *f, struct fproc *p, pid_t tid, double t);
/* p's exec succeeded at t (its command read from /proc). */
void fl_exec(struct follow *f, struct fproc *p, double t);
/* An exec of p (argv as text) failed with err at t: told by fl_settle
 * unless an exec succeeds first (a PATH search's misses). */
void fl_exec_failed(struct follow *f, struct fproc *p, const char *text, int err, double t);
/* p handed n bytes to a write on stream 1 or 2 at t. */
void fl_write(struct follow *f, struct fproc *p, int stream, const char *buf, size_t n, double t);
/* Record p's exec failure if one is pending (p goes on without an exec). */
void fl_settle(struct follow *f, struct fproc *p);
/* The tracer saw p end with wait status ws at t: a zombie from now on,
 * unless forksh's wait was also the reap, or the kernel reaped it at once. */
void fl_exit(struct follow *f, struct fproc *p, int ws, double t);
/* reaper reaped p at t (ws: its status, or REC_UNSEEN for the one seen at
 * its end); a second report of the same reap is ignored. */
void fl_reaped(struct follow *f, struct fproc *p, pid_t reaper, int ws, double t);
/* Processes gone from the system without our seeing it are reaped now. */
void fl_vanished(struct follow *f, double t);
void fl_free(struct follow *f);
/* A message from follow while the program runs (keeps --live honest). */
void fl_say(struct follow *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* syscalls.c: at a system call's entry (a seccomp stop, or a
 * syscall-enter stop without the filter) and at its exit. */
struct __ptrace_syscall_info;
void sc_entry(struct follow *f, struct ftask *t, uint64_t nr, const uint64_t *args);
void sc_exit(struct follow *f, struct ftask *t, int64_t rval, int is_error);
/* Is nr one of the calls follow looks at (the filter's list)? */
int sc_watched(long nr);

/* seccomp.c: in the child, before exec.  Returns 0, or the errno that
 * says why no filter could be installed. */
int fl_seccomp_install(void);

/* tracer.c */
void fl_kill_all(struct follow *f);
void fl_trace(struct follow *f);

/* frames.c */
void fl_frame(struct follow *f);
void fl_frame_clear(struct follow *f);

#endif
