/* sandbox.c - run a program the way a locked-down container would: with a
 * seccomp filter that refuses some system calls, so that the end-to-end
 * tests can check what `follow` does where ptrace or seccomp is not
 * allowed, without changing the machine.
 *
 * usage: sandbox ptrace|seccomp -- PROGRAM [ARG...]
 *   ptrace   ptrace() fails with EPERM (as under Docker's default profile
 *            on older kernels, or Yama's ptrace_scope 3)
 *   seccomp  installing a seccomp filter fails with EINVAL (a kernel
 *            without CONFIG_SECCOMP_FILTER), so follow must do without
 * The filter, like any, is inherited by everything PROGRAM starts.
 * Exit status 2 on a usage error, 126 if the filter cannot be installed.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#else
#error "sandbox.c: add this architecture's AUDIT_ARCH"
#endif

#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define IS(k, skip) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), 0, (skip))
#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))

int main(int argc, char **argv)
{
	if (argc < 4 || strcmp(argv[2], "--") != 0) {
		fprintf(stderr, "usage: sandbox ptrace|seccomp -- PROGRAM [ARG...]\n");
		return 2;
	}
	int ptrace_off = strcmp(argv[1], "ptrace") == 0, seccomp_off = strcmp(argv[1], "seccomp") == 0;
	if (!ptrace_off && !seccomp_off) {
		fprintf(stderr, "sandbox: %s: say ptrace or seccomp\n", argv[1]);
		return 2;
	}
	struct sock_filter ptrace_prog[] = {
		LOAD(offsetof(struct seccomp_data, arch)),
		IS(ARCH, 3),
		LOAD(offsetof(struct seccomp_data, nr)),
		IS(SYS_ptrace, 1),
		RET(SECCOMP_RET_ERRNO | EPERM),
		RET(SECCOMP_RET_ALLOW),
	};
	/* seccomp(2) itself, and prctl(PR_SET_SECCOMP, ...) */
	struct sock_filter seccomp_prog[] = {
		LOAD(offsetof(struct seccomp_data, arch)),
		IS(ARCH, 7),
		LOAD(offsetof(struct seccomp_data, nr)),
		IS(SYS_seccomp, 1),
		RET(SECCOMP_RET_ERRNO | EINVAL),
		IS(SYS_prctl, 3),
		LOAD(offsetof(struct seccomp_data, args[0])),
		IS(PR_SET_SECCOMP, 1),
		RET(SECCOMP_RET_ERRNO | EINVAL),
		RET(SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = ptrace_off
		? (struct sock_fprog){ sizeof ptrace_prog / sizeof ptrace_prog[0], ptrace_prog }
		: (struct sock_fprog){ sizeof seccomp_prog / sizeof seccomp_prog[0], seccomp_prog };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
		perror("sandbox: seccomp");
		return 126;
	}
	execvp(argv[3], argv + 3);
	perror(argv[3]);
	return 127;
}
