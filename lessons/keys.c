/* keys.c - the terminal during a lesson.
 *
 * For the whole lesson the terminal gives single keys and echoes nothing
 * (ICANON and ECHO off; ISIG stays, so Ctrl-C is a signal the shell
 * catches), so that a key pressed in --auto or during a run never appears
 * in the output.  An answer or a command is read with the terminal's own
 * line editing and echo, for that line only.  At the end the terminal
 * goes back as it was and the keys typed ahead are thrown away
 * (TCSAFLUSH), so nothing of the lesson is left at the prompt.
 *
 * Waiting is poll(): a Ctrl-C interrupts it (the shell's SIGINT handler
 * has no SA_RESTART), and live_interrupted() says it was pressed.
 */
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../shell/jobs.h"
#include "../shell/signals.h"
#include "engine.h"

static struct termios saved;   /* the terminal as the lesson found it */
static int have_saved;
static char queue[32];         /* keys pressed during a run, still to act on */
static size_t nqueue;

/* The terminal with single keys and no echo. */
static void set_raw(void)
{
	struct termios t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

void keys_begin(struct lesson_ctx *ctx)
{
	nqueue = 0;
	have_saved = ctx->keys && tcgetattr(STDIN_FILENO, &saved) == 0;
	if (have_saved)
		set_raw();
}

void keys_end(struct lesson_ctx *ctx)
{
	(void)ctx;
	nqueue = 0;
	if (!have_saved)
		return;
	/* as it was, and what was typed ahead is dropped */
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	have_saved = 0;
}

void keys_cooked(struct lesson_ctx *ctx)
{
	(void)ctx;
	if (have_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
}

void keys_raw(struct lesson_ctx *ctx)
{
	(void)ctx;
	if (have_saved)
		set_raw();
}

void key_push(const char *keys, size_t n)
{
	for (size_t i = 0; i < n && nqueue < sizeof queue; i++)
		queue[nqueue++] = keys[i];
}

/* Ctrl-C was pressed: the lesson ends, as a command killed by SIGINT. */
static int interrupted(struct lesson_ctx *ctx)
{
	ctx->quit = 1;
	ctx->interrupted = 1;
	return 'q';
}

/* Wait for standard input (when watch is set; else only for the time)
 * to be readable for up to ms milliseconds (< 0: for ever).  Returns 1
 * when it is, 0 when the time ran out, -1 after Ctrl-C.  A signal other
 * than SIGINT (a child's SIGCHLD) only wakes the wait early, as a timeout
 * would: the caller looks again.  SIGINT is blocked from the look at its
 * flag until ppoll unblocks it, so a Ctrl-C that comes just before the
 * wait cannot be missed (the wait would never end). */
static int wait_input(int watch, int ms)
{
	struct pollfd p = { .fd = watch ? STDIN_FILENO : -1, .events = POLLIN };
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	int hit = live_interrupted();
	/* SIGCHLD likewise: after a child ended since the caller's reap (see
	 * reap_jobs), only look, do not wait, so the caller comes back and
	 * reaps it rather than leaving a zombie until the next key */
	static const struct timespec now = { 0, 0 };
	const struct timespec *limit = sig_caught(SIGCHLD) ? &now : ms < 0 ? NULL : &ts;
	int n = hit ? 0 : ppoll(&p, 1, limit, &old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (hit || live_interrupted())
		return -1;
	return n > 0;
}

/* Reap the shell's jobs that ended while nothing was waiting for them.
 * The SIGCHLD flag is cleared first, so a child that ends from here on
 * sets it again and wait_input does not sleep past it. */
static void reap_jobs(void)
{
	sig_take(SIGCHLD);
	jobs_reap();
}

int key_get(struct lesson_ctx *ctx, double seconds)
{
	if (nqueue) {
		int k = (unsigned char)queue[0];
		memmove(queue, queue + 1, --nqueue);
		return k == '\r' ? '\n' : k;
	}
	int ms = seconds < 0 ? -1 : (int)(seconds * 1000 + 0.5);
	/* A wait between runs: the shell's background jobs that ended
	 * meanwhile are reaped now (a child's SIGCHLD ends the wait early and
	 * the caller comes back here).  Not during a run (seconds 0), whose
	 * processes the run reaps itself. */
	if (seconds != 0)
		reap_jobs();
	int ready = wait_input(ctx->keys, ms);
	if (ready < 0)
		return interrupted(ctx);
	if (!ready || !ctx->keys)
		return -1;
	char c;
	ssize_t n = read(STDIN_FILENO, &c, 1);
	if (n != 1 || c == 4 || c == 3) {
		ctx->quit = 1;
		return 'q';
	}
	return c == '\r' ? '\n' : (unsigned char)c;
}

int read_line(struct lesson_ctx *ctx, char *buf, size_t len, int (*idle)(void))
{
	size_t n = 0;
	int rc = 0;
	keys_cooked(ctx);
	for (;;) {
		reap_jobs(); /* as key_get: no run is going on while a line is read */
		int ready = wait_input(1, idle ? 100 : -1);
		if (ready < 0) {
			interrupted(ctx);
			rc = -1;
			break;
		}
		if (!ready) {
			if (idle && idle()) {
				rc = 1;
				break;
			}
			continue;
		}
		char chunk[256];
		ssize_t got = read(STDIN_FILENO, chunk, sizeof chunk);
		if (got <= 0) {
			ctx->quit = 1; /* end of input */
			rc = -1;
			break;
		}
		/* a line longer than buf is cut; the rest of it is read and dropped */
		size_t i = 0;
		while (i < (size_t)got && chunk[i] != '\n') {
			if (n + 1 < len)
				buf[n++] = chunk[i];
			i++;
		}
		if (i < (size_t)got)
			break;
	}
	buf[n] = '\0';
	keys_raw(ctx);
	return rc;
}
