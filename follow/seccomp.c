/* seccomp.c - the filter that makes a followed program stop only where
 * follow has something to learn.
 *
 * ptrace alone stops a tracee at every system call twice (entry and exit),
 * which is why `strace -f` slows programs down so much.  follow needs only
 * a few calls: write and its kin on descriptors 1 and 2 (the lines), wait4
 * and waitid (who reaped whom), execve and execveat (which exec failed;
 * the successful ones come as PTRACE_EVENT_EXEC anyway).  A classic BPF
 * program installed in the child before it execs makes the kernel stop the
 * tracee (SECCOMP_RET_TRACE) on exactly those and let everything else
 * through at full speed; forks, execs and exits are ptrace events of their
 * own.  The filter is inherited by every process the program starts.
 *
 * Raw BPF through prctl(PR_SET_SECCOMP) needs no library (libseccomp would
 * be one more dependency for twenty instructions).  A system call of
 * another ABI than the one this forksh is built for (a 32-bit program on
 * x86_64) is let through unseen.
 */
#include <errno.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "fint.h"

#if defined(__x86_64__)
#define FL_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define FL_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define FL_AUDIT_ARCH AUDIT_ARCH_I386
#endif

/* The calls whose fd argument decides (only 1 and 2 are of interest). */
static const long write_calls[] = {
	SYS_write, SYS_writev, SYS_pwrite64, SYS_pwritev,
#ifdef SYS_pwritev2
	SYS_pwritev2,
#endif
};

/* The calls that always stop. */
static const long always_calls[] = {
	SYS_wait4, SYS_waitid, SYS_execve,
#ifdef SYS_execveat
	SYS_execveat,
#endif
};

#define NWRITE (sizeof write_calls / sizeof write_calls[0])
#define NALWAYS (sizeof always_calls / sizeof always_calls[0])

int sc_watched(long nr)
{
	for (size_t i = 0; i < NWRITE; i++)
		if (write_calls[i] == nr)
			return 1;
	for (size_t i = 0; i < NALWAYS; i++)
		if (always_calls[i] == nr)
			return 1;
	return 0;
}

#ifdef FL_AUDIT_ARCH

/* The low 32 bits of argument 0 (the descriptor), whatever the byte order. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG0_LOW offsetof(struct seccomp_data, args[0])
#else
#define ARG0_LOW (offsetof(struct seccomp_data, args[0]) + 4)
#endif

/* Build the program into prog (room for 64 instructions).  Returns its
 * length.  Layout:
 *     if arch != ours: allow
 *     load nr; for each write call: if equal, goto fd check
 *              for each other call: if equal, goto trace
 *     allow
 *     fd check: load fd; if 1 or 2: trace; else allow
 *     trace                                                          */
static size_t build(struct sock_filter *prog)
{
	size_t n = 0;
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, FL_AUDIT_ARCH, 1, 0);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	/* Jump offsets count from the next instruction: the "allow" after the
	 * comparisons is at index base + NWRITE + NALWAYS, the fd check right
	 * after it, the final trace after the fd check's four instructions. */
	size_t base = n, allow = base + NWRITE + NALWAYS, fdcheck = allow + 1, trace = fdcheck + 4;
	for (size_t i = 0; i < NWRITE; i++, n++)
		prog[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)write_calls[i],
						       (unsigned char)(fdcheck - n - 1), 0);
	for (size_t i = 0; i < NALWAYS; i++, n++)
		prog[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)always_calls[i],
						       (unsigned char)(trace - n - 1), 0);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LOW);
	prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 2, 0);
	prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 2, 1, 0);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	return n;
}

int fl_seccomp_install(void)
{
	struct sock_filter prog[64];
	struct sock_fprog fprog = { .len = (unsigned short)build(prog), .filter = prog };
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) == 0)
		return 0;
	if (errno != EACCES)
		return errno;
	/* Without CAP_SYS_ADMIN a filter needs no_new_privs first.  It costs
	 * nothing a traced program had: the kernel already refuses a traced
	 * exec any set-uid privileges (start.c says so). */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return errno;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) == 0)
		return 0;
	return errno;
}

#else

int fl_seccomp_install(void)
{
	return ENOSYS; /* an architecture this file does not know: stop at every call */
}

#endif
