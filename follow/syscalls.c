/* syscalls.c - what a stopped system call tells follow.
 *
 * At the entry of a write on descriptor 1 or 2 the bytes are still in the
 * tracee's memory: they are copied out (process_vm_readv) and become the
 * process's lines, before the kernel writes them where they were going, so
 * the program's own output is untouched.  For wait4, waitid, execve and
 * execveat the interesting part is the result, so the tracee is resumed to
 * its syscall-exit stop: a wait that returned a child that had ended is
 * that child's reap, an exec that returned is an exec that failed.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "fint.h"

/* A write's bytes are read up to this many; the rest is counted as cut. */
#define READ_MAX 65536
/* An exec's argv, as text, up to this many arguments and bytes. */
#define ARGV_MAX 64
#define ARG_MAX_BYTES 512

/* Copy len bytes at addr in tid's memory to buf.  process_vm_readv does it
 * in one call; where that is refused (some sandboxes), PTRACE_PEEKDATA
 * word by word.  Returns the bytes read (fewer at an unmapped page), or -1. */
static ssize_t peek(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)(uintptr_t)addr, len };
	ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n >= 0 || (errno != ENOSYS && errno != EPERM))
		return n;
	size_t done = 0;
	while (done < len) {
		errno = 0;
		long word = ptrace(PTRACE_PEEKDATA, tid, (void *)(uintptr_t)(addr + done), NULL);
		if (errno)
			break;
		size_t k = len - done < sizeof word ? len - done : sizeof word;
		memcpy((char *)buf + done, &word, k);
		done += k;
	}
	return done ? (ssize_t)done : -1;
}

/* Record the bytes at addr (len of them) that t's process writes. */
static void take_bytes(struct follow *f, struct ftask *t, int fd, uint64_t addr, uint64_t len, double now)
{
	static char *buf;
	static size_t cap;
	size_t want = len > READ_MAX ? READ_MAX : (size_t)len;
	if (want == 0)
		return;
	if (cap < want) {
		free(buf);
		cap = READ_MAX;
		buf = xmalloc(cap);
	}
	ssize_t n = peek(t->tid, addr, buf, want);
	if (n > 0)
		fl_write(f, t->proc, fd, buf, (size_t)n, now);
}

/* A writev-like call: the iovec array at iov, cnt entries (a few). */
static void take_iovec(struct follow *f, struct ftask *t, int fd, uint64_t iov, uint64_t cnt, double now)
{
	struct iovec v[64];
	size_t k = cnt > 64 ? 64 : (size_t)cnt;
	ssize_t n = k ? peek(t->tid, iov, v, k * sizeof *v) : 0;
	for (size_t i = 0; n > 0 && i < (size_t)n / sizeof *v; i++)
		take_bytes(f, t, fd, (uint64_t)(uintptr_t)v[i].iov_base, v[i].iov_len, now);
}

void sc_entry(struct follow *f, struct ftask *t, uint64_t nr, const uint64_t *args)
{
	double now = fl_now(f);
	long call = (long)nr;
	int fd = (int)args[0];
	if (call == SYS_write || call == SYS_pwrite64) {
		if (fd == 1 || fd == 2)
			take_bytes(f, t, fd, args[1], args[2], now);
		return;
	}
	if (call == SYS_writev || call == SYS_pwritev
#ifdef SYS_pwritev2
	    || call == SYS_pwritev2
#endif
	) {
		if (fd == 1 || fd == 2)
			take_iovec(f, t, fd, args[1], args[2], now);
		return;
	}
	if (call == SYS_wait4 || call == SYS_waitid) {
		t->pend = PEND_WAIT;
	} else if (call == SYS_execve
#ifdef SYS_execveat
		   || call == SYS_execveat
#endif
	) {
		t->pend = PEND_EXEC;
	} else {
		return;
	}
	t->nr = nr;
	memcpy(t->args, args, sizeof t->args);
	t->want_exit = 1;
}

/* Read a NUL-terminated string at addr (at most max bytes) into sb. */
static void add_string(pid_t tid, uint64_t addr, size_t max, struct strbuf *sb)
{
	char chunk[128];
	size_t got = 0;
	while (got < max) {
		/* stay inside one page per read: the next may be unmapped */
		size_t room = 4096 - (size_t)((addr + got) % 4096);
		size_t want = room < sizeof chunk ? room : sizeof chunk;
		ssize_t n = peek(tid, addr + got, chunk, want);
		if (n <= 0)
			return;
		size_t len = strnlen(chunk, (size_t)n);
		sb_addn(sb, chunk, len);
		if (len < (size_t)n)
			return;
		got += (size_t)n;
	}
}

/* The argv of a failed execve/execveat of t, joined by spaces (the
 * program's path when argv cannot be read).  Returns a new string. */
static char *exec_text(struct ftask *t)
{
	int at = 0;
#ifdef SYS_execveat
	at = (long)t->nr == SYS_execveat;
#endif
	uint64_t path = t->args[at ? 1 : 0], argv = t->args[at ? 2 : 1];
	struct strbuf sb;
	sb_init(&sb);
	uint64_t ptrs[ARGV_MAX];
	ssize_t n = argv ? peek(t->tid, argv, ptrs, sizeof ptrs) : -1;
	for (size_t i = 0; n > 0 && i < (size_t)n / sizeof *ptrs && ptrs[i]; i++) {
		if (i)
			sb_addc(&sb, ' ');
		add_string(t->tid, ptrs[i], ARG_MAX_BYTES, &sb);
	}
	if (!sb.len)
		add_string(t->tid, path, ARG_MAX_BYTES, &sb);
	sb_addn(&sb, "", 0);
	return sb_steal(&sb);
}

/* A wait call of t returned: which child, if any, did it reap? */
static void wait_done(struct follow *f, struct ftask *t, int64_t rval, double now)
{
	pid_t child = 0;
	if ((long)t->nr == SYS_wait4) {
		child = (pid_t)rval;
	} else if (rval == 0 && t->args[2] && !(t->args[3] & WNOWAIT)) {
		/* waitid reports in the siginfo it was given */
		siginfo_t si;
		memset(&si, 0, sizeof si);
		if (peek(t->tid, t->args[2], &si, sizeof si) == (ssize_t)sizeof si &&
		    (si.si_code == CLD_EXITED || si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED))
			child = si.si_pid;
	}
	struct fproc *c = child > 0 ? fl_proc(f, child) : NULL;
	/* A child reported stopped or continued is no reap: only an ended one
	 * (its end was seen first: the kernel lets its parent reap it only
	 * after the tracer has collected its exit). */
	if (c && c->exited && !c->reaped)
		fl_reaped(f, c, t->proc->pid, REC_UNSEEN, now);
}

void sc_exit(struct follow *f, struct ftask *t, int64_t rval, int is_error)
{
	enum pending pend = t->pend;
	t->pend = PEND_NONE;
	t->want_exit = 0;
	if (pend == PEND_WAIT && !is_error && rval >= 0) {
		wait_done(f, t, rval, fl_now(f));
	} else if (pend == PEND_EXEC && is_error) {
		char *text = exec_text(t);
		fl_exec_failed(f, t->proc, text, (int)-rval, fl_now(f));
		free(text);
	}
}
