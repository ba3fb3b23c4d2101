/* plainc.h - the recording around plain C, for the lessons' own code.
 *
 * The code a lesson shows (and runs) calls plain POSIX C: fork, _exit,
 * exit, waitpid, wait, the exec family, system, popen, pclose, prctl,
 * printf.  The Makefile compiles each lesson_*.c with `-include
 * lessons/plainc.h` (this file, forced in before the lesson's first line),
 * and only those files: the shell itself calls the real functions.  This
 * header first includes the real declarations, then turns the calls into
 * the recording wrappers of plainc.c, which do the real call and tell the
 * engine what happened and when (see wire.h):
 *
 *   fork       both sides report the fork
 *   _exit      the process reports its end (time and status), then ends;
 *              exit() and a return from the lesson's function report too
 *              (an on_exit handler and the engine's trampoline)
 *   waitpid    a reap is reported by the reaper, with the status, at the
 *   wait       moment it happens (also from a SIGCHLD handler: sending a
 *              record is async-signal-safe)
 *   exec*      a close-on-exec witness pipe goes to the engine first: EOF
 *              means the exec succeeded, an errno on it that it failed; so
 *              an exec is recorded only once it happened
 *   system     done as POSIX describes them, fork + exec of /bin/sh -c +
 *   popen      waitpid, with the wrappers above: glibc's own call their
 *   pclose     fork and waitpid internally, where no wrapper sees them
 *   prctl      PR_SET_CHILD_SUBREAPER is reported: orphans go there
 *
 * printf, puts, fflush need no wrapper: in a lesson process stdout and
 * stderr are streams whose every line becomes a record (plainc.c).
 *
 * Why a forced include and not `objcopy --redefine-sym` on the objects or
 * `-Wl,--wrap`: it needs no binutils step, works the same with gcc, clang,
 * ASan and the fuzz builds, shows up in the compiler's own dependency list,
 * and it cannot miss a call the compiler rewrites (gcc turns some printf
 * calls into puts, under a symbol-level wrap each such rewrite would need
 * a wrapper of its own); the macros are function-like, so only calls are
 * touched, never another identifier of the same name.  The shown code
 * stays plain C that compiles unchanged without this header (lesson NAME
 * --source, issue 18): taking the header away gives back the real calls.
 */
#ifndef FORKSH_PLAINC_H
#define FORKSH_PLAINC_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t rec_fork(void);
__attribute__((noreturn)) void rec__exit(int status);
pid_t rec_waitpid(pid_t pid, int *status, int options);
pid_t rec_wait(int *status);
int rec_execv(const char *path, char *const argv[]);
int rec_execvp(const char *file, char *const argv[]);
int rec_execve(const char *path, char *const argv[], char *const envp[]);
int rec_execvpe(const char *file, char *const argv[], char *const envp[]);
int rec_execl(const char *path, const char *arg, ...) __attribute__((sentinel));
int rec_execlp(const char *file, const char *arg, ...) __attribute__((sentinel));
int rec_execle(const char *path, const char *arg, ...);
int rec_system(const char *command);
FILE *rec_popen(const char *command, const char *mode);
int rec_pclose(FILE *stream);
int rec_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5);

#define fork() rec_fork()
#define _exit(status) rec__exit(status)
#define waitpid(pid, status, options) rec_waitpid(pid, status, options)
#define wait(status) rec_wait(status)
#define execv(...) rec_execv(__VA_ARGS__)
#define execvp(...) rec_execvp(__VA_ARGS__)
#define execve(...) rec_execve(__VA_ARGS__)
#define execvpe(...) rec_execvpe(__VA_ARGS__)
#define execl(...) rec_execl(__VA_ARGS__)
#define execlp(...) rec_execlp(__VA_ARGS__)
#define execle(...) rec_execle(__VA_ARGS__)
#define system(command) rec_system(command)
#define popen(command, mode) rec_popen(command, mode)
#define pclose(stream) rec_pclose(stream)
#define prctl(option, ...) rec_prctl_args(option, __VA_ARGS__, 0UL, 0UL, 0UL, 0UL)
#define rec_prctl_args(option, a, b, c, d, ...) \
	rec_prctl(option, (unsigned long)(a), (unsigned long)(b), (unsigned long)(c), (unsigned long)(d))

#endif
