/* plainc.c - inside lesson processes: the recording wrappers that
 * plainc.h puts around the lessons' plain C calls, and the streams that
 * turn their output into records.
 *
 * Every wrapper does the real call and sends a record (wire.h) about what
 * happened; outside a lesson process (no record socket) each is just the
 * real call.  The state here is per process and copied by fork, like
 * stdio's own buffers.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "live.h"
#include "wire.h"

static int rec_fd = -1;    /* the record socket (lesson processes only) */
static double run_t0;

static double since_start(void)
{
	return wire_now() - run_t0;
}

/* ---- output: each line a record ---- */

/* The write function of a lesson process's stdout (stream 1) or stderr
 * (2): each line, or what is left of the buffer without a newline when
 * stdio flushes it, becomes one record, sent by the process that writes
 * it (after a fork, the child writes its copy of a buffer itself). */
static ssize_t stream_write(void *cookie, const char *buf, size_t size)
{
	int stream = (int)(intptr_t)cookie;
	char line[WIRE_MAX - 64];
	size_t done = 0;
	while (done < size) {
		size_t n = 0;
		while (done + n < size && buf[done + n] != '\n' && n < sizeof line - 1)
			n++;
		memcpy(line, buf + done, n);
		line[n] = '\0';
		wire_send(rec_fd, 'S', getpid(), 0, since_start(), stream, line, -1);
		done += n;
		if (done < size && buf[done] == '\n')
			done++;
	}
	return (ssize_t)size;
}

/* Replace *fp by a line-buffered stream of records. */
static void record_stream(FILE **fp, int stream)
{
	cookie_io_functions_t io = { .write = stream_write };
	FILE *f = fopencookie((void *)(intptr_t)stream, "w", io);
	if (!f)
		return;
	setvbuf(f, NULL, _IOLBF, 0);
	*fp = f;
}

/* ---- the ends of a process ---- */

/* Report this process's end with wait status ws, after its output. */
static void report_end(int ws)
{
	fflush(stdout);
	fflush(stderr);
	wire_send(rec_fd, 'X', getpid(), 0, since_start(), ws, NULL, -1);
}

/* exit() in lesson code (the handler is inherited by every fork). */
static void on_exit_handler(int status, void *arg)
{
	(void)arg;
	if (rec_fd >= 0)
		report_end(W_EXITCODE(status & 0xff, 0));
}

void rec__exit(int status)
{
	/* _exit flushes nothing: only the end is reported, not stdio's
	 * buffers, which _exit throws away as it always does. */
	if (rec_fd >= 0)
		wire_send(rec_fd, 'X', getpid(), 0, since_start(), W_EXITCODE(status & 0xff, 0), NULL, -1);
	_exit(status);
}

void lesson_process_start(int wfd, double t0)
{
	rec_fd = wfd;
	run_t0 = t0;
	record_stream(&stdout, 1);
	record_stream(&stderr, 2);
	/* Standard input is the key pipe, shared by every process of the run,
	 * left as stdio makes it (buffered): the engine writes one line at a
	 * time, paced, so each read takes one whole line; unbuffered, two
	 * processes could each take half of "q\n" (lesson noexit has several
	 * reading it at once). */
	on_exit(on_exit_handler, NULL);
}

void lesson_process_end(int status)
{
	report_end(W_EXITCODE(status & 0xff, 0));
	_exit(status);
}

/* ---- fork and wait ---- */

pid_t rec_fork(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	/* Both sides report it, each before anything else it says, so the
	 * engine knows the child before any line mentions it; the engine
	 * keeps the earlier time of the two. */
	if (rec_fd >= 0 && pid == 0)
		wire_send(rec_fd, 'F', getpid(), parent, since_start(), 0, NULL, -1);
	else if (rec_fd >= 0 && pid > 0)
		wire_send(rec_fd, 'F', pid, parent, since_start(), 0, NULL, -1);
	else if (rec_fd >= 0) {
		/* the record says why, whatever the lesson code does next */
		int err = errno;
		char text[128];
		snprintf(text, sizeof text, "fork failed: %s", strerror(err));
		wire_send(rec_fd, 'S', getpid(), 0, since_start(), 2, text, -1);
		errno = err;
	}
	return pid;
}

pid_t rec_waitpid(pid_t pid, int *status, int options)
{
	int ws = 0;
	pid_t got = waitpid(pid, &ws, options);
	if (got > 0 && rec_fd >= 0 && (WIFEXITED(ws) || WIFSIGNALED(ws)))
		wire_send(rec_fd, 'W', getpid(), got, since_start(), ws, NULL, -1);
	if (got > 0 && status)
		*status = ws;
	return got;
}

pid_t rec_wait(int *status)
{
	return rec_waitpid(-1, status, 0);
}

/* ---- exec, with a witness ---- */

/* Before an exec: make the witness pipe, send its read end with the
 * command, keep the write end (close-on-exec: a successful exec closes
 * it).  Returns the write end, or -1 (no witness: not a lesson process,
 * or no pipe). */
static int witness_begin(char *const argv[])
{
	if (rec_fd < 0)
		return -1;
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	char text[WIRE_MAX - 128];
	size_t len = 0;
	text[0] = '\0';
	for (size_t i = 0; argv && argv[i] && len + 1 < sizeof text; i++) {
		int n = snprintf(text + len, sizeof text - len, "%s%s", i ? " " : "", argv[i]);
		if (n < 0)
			break;
		len += (size_t)n;
	}
	wire_send(rec_fd, 'E', getpid(), 0, since_start(), 0, text, p[0]);
	close(p[0]);
	return p[1];
}

/* After an exec came back: tell the witness why, and return -1 with errno
 * as the exec left it. */
static int witness_failed(int w)
{
	int err = errno;
	if (w >= 0) {
		ssize_t n = write(w, &err, sizeof err);
		(void)n;
		close(w);
	}
	errno = err;
	return -1;
}

int rec_execv(const char *path, char *const argv[])
{
	int w = witness_begin(argv);
	execv(path, argv);
	return witness_failed(w);
}

int rec_execvp(const char *file, char *const argv[])
{
	int w = witness_begin(argv);
	execvp(file, argv);
	return witness_failed(w);
}

int rec_execve(const char *path, char *const argv[], char *const envp[])
{
	int w = witness_begin(argv);
	execve(path, argv, envp);
	return witness_failed(w);
}

int rec_execvpe(const char *file, char *const argv[], char *const envp[])
{
	int w = witness_begin(argv);
	execvpe(file, argv, envp);
	return witness_failed(w);
}

#define MAX_LIST_ARGS 64

/* Gather an l call's arguments (after arg, up to the NULL) into argv;
 * returns ap positioned after the NULL, or -1 (E2BIG) when too many. */
static int gather(char **argv, const char *arg, va_list *ap)
{
	int n = 0;
	argv[n++] = (char *)arg;
	while (argv[n - 1]) {
		if (n == MAX_LIST_ARGS) {
			errno = E2BIG;
			return -1;
		}
		argv[n++] = va_arg(*ap, char *);
	}
	return 0;
}

int rec_execl(const char *path, const char *arg, ...)
{
	char *argv[MAX_LIST_ARGS];
	va_list ap;
	va_start(ap, arg);
	int ok = gather(argv, arg, &ap);
	va_end(ap);
	return ok < 0 ? -1 : rec_execv(path, argv);
}

int rec_execlp(const char *file, const char *arg, ...)
{
	char *argv[MAX_LIST_ARGS];
	va_list ap;
	va_start(ap, arg);
	int ok = gather(argv, arg, &ap);
	va_end(ap);
	return ok < 0 ? -1 : rec_execvp(file, argv);
}

int rec_execle(const char *path, const char *arg, ...)
{
	char *argv[MAX_LIST_ARGS];
	va_list ap;
	va_start(ap, arg);
	int ok = gather(argv, arg, &ap);
	char *const *envp = ok < 0 ? NULL : va_arg(ap, char *const *);
	va_end(ap);
	return ok < 0 ? -1 : rec_execve(path, argv, envp);
}

/* ---- system, popen, pclose: fork + exec /bin/sh -c + waitpid ---- */

int rec_system(const char *command)
{
	if (!command)
		return 1; /* a shell is there */
	/* As POSIX has it: the caller ignores SIGINT and SIGQUIT and blocks
	 * SIGCHLD while it waits; the child gets them back. */
	struct sigaction ign = { .sa_handler = SIG_IGN }, oldint, oldquit;
	sigset_t block, oldmask;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oldint);
	sigaction(SIGQUIT, &ign, &oldquit);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &oldmask);
	int status = -1;
	pid_t pid = rec_fork();
	if (pid == 0) {
		sigaction(SIGINT, &oldint, NULL);
		sigaction(SIGQUIT, &oldquit, NULL);
		sigprocmask(SIG_SETMASK, &oldmask, NULL);
		rec_execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		rec__exit(127);
	}
	while (pid > 0 && rec_waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &oldint, NULL);
	sigaction(SIGQUIT, &oldquit, NULL);
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	return status;
}

/* The shells popen started, by stream (a lesson opens one or two). */
static struct {
	FILE *f;
	pid_t pid;
} opened[8];

FILE *rec_popen(const char *command, const char *mode)
{
	int reading = mode && mode[0] == 'r', p[2], slot = 0;
	while (slot < 8 && opened[slot].f)
		slot++;
	if (!mode || (mode[0] != 'r' && mode[0] != 'w') || slot == 8) {
		errno = EINVAL;
		return NULL;
	}
	if (pipe2(p, O_CLOEXEC) < 0)
		return NULL;
	pid_t pid = rec_fork();
	if (pid == 0) {
		/* the shell's stdout (r) or stdin (w) is the pipe */
		int mine = reading ? p[1] : p[0];
		if (dup2(mine, reading ? STDOUT_FILENO : STDIN_FILENO) < 0)
			rec__exit(127);
		rec_execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		rec__exit(127);
	}
	close(reading ? p[1] : p[0]);
	FILE *f = pid < 0 ? NULL : fdopen(reading ? p[0] : p[1], reading ? "r" : "w");
	if (!f) {
		close(reading ? p[0] : p[1]);
		return NULL;
	}
	opened[slot].f = f;
	opened[slot].pid = pid;
	return f;
}

int rec_pclose(FILE *stream)
{
	int slot = 0, status = -1;
	while (slot < 8 && opened[slot].f != stream)
		slot++;
	if (slot == 8 || !stream) {
		errno = ECHILD;
		return -1;
	}
	pid_t pid = opened[slot].pid;
	opened[slot].f = NULL;
	fclose(stream);
	while (rec_waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

int rec_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)
{
	int rc = prctl(option, arg2, arg3, arg4, arg5);
	if (rc == 0 && option == PR_SET_CHILD_SUBREAPER && arg2 && rec_fd >= 0)
		wire_send(rec_fd, 'R', getpid(), 0, since_start(), 0, NULL, -1);
	return rc;
}

/* ---- for lessons/shellrec.c: the recording of forksh's own executor ----
 * The subshell lesson's processes are made by the shell's executor, not by
 * lesson code, so no wrapper above sees them; shellrec.c turns the
 * executor's events into the same records, through these. */

int lesson_record_fd(void)
{
	return rec_fd;
}

double lesson_record_t0(void)
{
	return run_t0;
}

int lesson_exec_witness(char *const argv[])
{
	return witness_begin(argv);
}

void lesson_exec_failed(int w)
{
	witness_failed(w);
}
