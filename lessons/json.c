/* json.c - the whole record as JSON, the format documented in
 * docs/record-json.md (lessons write it with --json FILE; `follow --json
 * FILE` writes the same).
 *
 * The events are the record itself, in the order they were recorded; the
 * "processes" array is derived from them (as the pictures are) for readers
 * that want one object per process.  Strings are valid UTF-8 whatever the
 * processes printed: a byte that is not part of a valid sequence becomes
 * U+FFFD, and control characters are escaped.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "draw.h"

static const char *const kind_name[REC_NKINDS] = {
	[REC_FORK] = "fork", [REC_EXEC] = "exec", [REC_EXEC_FAIL] = "exec_failed", [REC_SAY] = "line",
	[REC_EXIT] = "exit", [REC_REAP] = "reap", [REC_REPARENT] = "reparent", [REC_SUBREAPER] = "subreaper",
	[REC_THREAD] = "thread", [REC_EXEC_UNKNOWN] = "exec_unknown",
};

/* s as a JSON string (null for NULL). */
static void json_string(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	while (*s) {
		unsigned char c = (unsigned char)*s;
		int n;
		if (c == '"' || c == '\\') {
			fputc('\\', out);
			fputc(c, out);
			s++;
		} else if (c == '\n') {
			fputs("\\n", out);
			s++;
		} else if (c == '\t') {
			fputs("\\t", out);
			s++;
		} else if (c < 0x20 || c == 0x7F) {
			fprintf(out, "\\u%04x", c);
			s++;
		} else if (c < 0x80) {
			fputc(c, out);
			s++;
		} else if ((n = utf8_valid_len(s)) > 0) {
			fwrite(s, 1, (size_t)n, out);
			s += n;
		} else {
			fputs("\\ufffd", out);
			s++;
		}
	}
	fputc('"', out);
}

/* A wait status as an object: {"wait_status": N, "exited": CODE} or
 * {"wait_status": N, "signal": SIG, "signal_name": "SIGKILL", "core_dumped": B};
 * null when nobody saw it. */
static void json_status(FILE *out, int status)
{
	if (status == REC_UNSEEN) {
		fputs("null", out);
		return;
	}
	fprintf(out, "{\"wait_status\": %d", status);
	if (WIFEXITED(status)) {
		fprintf(out, ", \"exited\": %d}", WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		const char *name = sigabbrev_np(WTERMSIG(status));
		fprintf(out, ", \"signal\": %d, \"signal_name\": ", WTERMSIG(status));
		if (name)
			fprintf(out, "\"SIG%s\"", name);
		else
			fputs("null", out);
		fprintf(out, ", \"core_dumped\": %s}", WCOREDUMP(status) ? "true" : "false");
	} else {
		fputc('}', out);
	}
}

/* A PID with its alias: "pid": N, "alias": "P3". */
static void json_alias(FILE *out, const struct recording *r, const char *key, pid_t pid)
{
	int a = rec_alias(r, pid);
	fprintf(out, "\"%s\": %ld, \"%s_alias\": ", key, (long)pid, key);
	if (a >= 0)
		fprintf(out, "\"P%d\"", a);
	else
		fputs("null", out);
}

static void json_event(FILE *out, const struct recording *r, const struct rec_event *e)
{
	fprintf(out, "    {\"t\": %.6f, \"kind\": \"%s\", ", e->t == e->t ? e->t : -1.0, kind_name[e->kind]);
	json_alias(out, r, "pid", e->pid);
	switch (e->kind) {
	case REC_FORK:
		fputs(", ", out);
		json_alias(out, r, "child", e->other);
		if (e->text) {
			fputs(", \"why\": ", out);
			json_string(out, e->text);
		}
		break;
	case REC_EXEC:
	case REC_EXEC_UNKNOWN:
		fputs(", \"command\": ", out);
		json_string(out, e->text);
		break;
	case REC_EXEC_FAIL:
		fputs(", \"command\": ", out);
		json_string(out, e->text);
		fprintf(out, ", \"errno\": %d, \"error\": ", e->status);
		json_string(out, strerrorname_np(e->status));
		break;
	case REC_SAY:
		fprintf(out, ", \"stream\": %d, \"text\": ", e->status == 2 ? 2 : 1);
		json_string(out, e->text);
		break;
	case REC_EXIT:
		fputs(", \"status\": ", out);
		json_status(out, e->status);
		break;
	case REC_REAP:
		fputs(", ", out);
		json_alias(out, r, "child", e->other);
		fputs(", \"status\": ", out);
		json_status(out, e->status);
		break;
	case REC_REPARENT:
		fputs(", ", out);
		json_alias(out, r, "parent", e->other);
		break;
	case REC_THREAD:
		fprintf(out, ", \"tid\": %ld", (long)e->other);
		break;
	case REC_SUBREAPER:
	case REC_NKINDS:
		break;
	}
	fputc('}', out);
}

/* A time, or null when it did not happen. */
static void json_time(FILE *out, int happened, double t)
{
	if (happened)
		fprintf(out, "%.6f", t);
	else
		fputs("null", out);
}

static void json_process(FILE *out, const struct rec_view *v, const struct rec_proc *p)
{
	const struct recording *r = v->r;
	fputs("    {", out);
	json_alias(out, r, "pid", p->pid);
	fputs(", \"parent\": ", out);
	if (p->parent != REC_NONE)
		fprintf(out, "%ld", (long)v->p[p->parent].pid);
	else if (r->shell && p->pid == r->root)
		fprintf(out, "%ld", (long)r->shell);
	else
		fputs("null", out);
	fputs(", \"born\": ", out);
	json_time(out, p->born >= 0, p->born);
	fputs(", \"command\": ", out);
	json_string(out, p->exec);
	fputs(", \"ended\": ", out);
	json_time(out, p->ended, p->end_t);
	fputs(", \"status\": ", out);
	json_status(out, p->ended ? p->status : REC_UNSEEN);
	fputs(", \"reaped\": ", out);
	json_time(out, p->reaped, p->reap_t);
	fputs(", \"reaper\": ", out);
	if (p->reaped)
		fprintf(out, "%ld", (long)p->reaper);
	else
		fputs("null", out);
	fprintf(out, ", \"lines\": %zu, \"threads\": %zu}", p->nlines, p->nthreads);
}

int write_json(FILE *out, const struct recording *r)
{
	struct rec_view v;
	rec_view_build(&v, r);
	fputs("{\n  \"format\": \"forksh-record\",\n  \"version\": 1,\n  \"title\": ", out);
	json_string(out, r->title);
	fprintf(out, ",\n  \"shell\": %ld,\n  \"root\": %ld,\n  \"processes\": [\n", (long)r->shell, (long)r->root);
	for (size_t i = 0; i < v.n; i++) {
		json_process(out, &v, &v.p[i]);
		fputs(i + 1 < v.n ? ",\n" : "\n", out);
	}
	fputs("  ],\n  \"events\": [\n", out);
	for (size_t i = 0; i < r->n; i++) {
		json_event(out, r, &r->v[i]);
		fputs(i + 1 < r->n ? ",\n" : "\n", out);
	}
	fputs("  ]\n}\n", out);
	rec_view_free(&v);
	return ferror(out) ? -1 : 0;
}
