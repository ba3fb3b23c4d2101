/* events.c - a tiny publish/subscribe list for process events. */
#include "events.h"

#include <unistd.h>

#include "shell.h"

#define MAX_SINKS 4

int ev_on;

static struct {
	ev_sink fn;
	void *ctx;
} sinks[MAX_SINKS];

int ev_add_sink(ev_sink fn, void *ctx)
{
	for (int i = 0; i < MAX_SINKS; i++) {
		if (sinks[i].fn == fn && sinks[i].ctx == ctx)
			return 0;
	}
	for (int i = 0; i < MAX_SINKS; i++) {
		if (!sinks[i].fn) {
			sinks[i].fn = fn;
			sinks[i].ctx = ctx;
			ev_on++;
			return 0;
		}
	}
	return -1;
}

void ev_remove_sink(ev_sink fn, void *ctx)
{
	for (int i = 0; i < MAX_SINKS; i++) {
		if (sinks[i].fn == fn && sinks[i].ctx == ctx) {
			sinks[i].fn = NULL;
			sinks[i].ctx = NULL;
			ev_on--;
		}
	}
}

void ev_emit(struct event *e)
{
	e->pid = getpid();
	e->child = e->pid != sh.pid; /* a forked child running shell code */
	for (int i = 0; i < MAX_SINKS; i++)
		if (sinks[i].fn)
			sinks[i].fn(e, sinks[i].ctx);
}
