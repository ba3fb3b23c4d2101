/* showrun.c - what the lesson engine shows after a run: the process tree
 * and the timeline on the terminal, and the SVG and JSON files asked for
 * with --svg and --json.  The pictures themselves are the shared renderers
 * of pictures.h, which `follow` uses too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../shell/shell.h"
#include "../shell/util.h"
#include "lessons.h"
#include "pictures.h"

/* How many steps of the lesson have a run. */
static size_t runs_in(const struct lesson *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->nsteps; i++)
		n += l->steps[i].run != NULL;
	return n;
}

/* The file for this run: name itself when the lesson has one run, else
 * name with "-stepN" before its extension ("out.svg" -> "out-step3.svg"). */
static char *file_for(const struct lesson_ctx *ctx, const char *name)
{
	struct strbuf sb;
	sb_init(&sb);
	if (runs_in(ctx->lesson) <= 1) {
		sb_adds(&sb, name);
		return sb_steal(&sb);
	}
	const char *slash = strrchr(name, '/');
	const char *dot = strrchr(slash ? slash + 1 : name, '.');
	size_t stem = dot && dot != (slash ? slash + 1 : name) ? (size_t)(dot - name) : strlen(name);
	char step[32];
	snprintf(step, sizeof step, "-step%zu", ctx->step + 1);
	sb_addn(&sb, name, stem);
	sb_adds(&sb, step);
	sb_adds(&sb, name + stem);
	return sb_steal(&sb);
}

/* Write the run's record to the file for name with writer.  Returns 0, or
 * -1 after saying why on stderr. */
static int export(const struct lesson_ctx *ctx, const char *name, const char *what,
		  int (*writer)(FILE *, const struct recording *, const struct draw_opts *),
		  const struct draw_opts *o)
{
	char *path = file_for(ctx, name);
	FILE *f = fopen(path, "we");
	int rc = -1;
	if (!f) {
		sh_error("lesson: cannot write the %s to %s: %s", what, path, strerror(errno));
	} else {
		int w = writer(f, &ctx->run.rec, o);
		if (fclose(f) != 0 || w < 0)
			sh_error("lesson: writing the %s to %s failed: %s", what, path, strerror(errno));
		else
			rc = 0;
	}
	if (rc == 0)
		printf("\n  (the %s of this run is in %s)\n", what, path);
	free(path);
	return rc;
}

static int json_writer(FILE *f, const struct recording *r, const struct draw_opts *o)
{
	(void)o;
	return write_json(f, r);
}

int lesson_show_run(struct lesson_ctx *ctx)
{
	struct recording *r = &ctx->run.rec;
	const struct lesson_step *s = &ctx->lesson->steps[ctx->step];
	char title[256];
	snprintf(title, sizeof title, "lesson %s, step %zu/%zu: %s", ctx->lesson->name, ctx->step + 1,
		 ctx->lesson->nsteps, s->title);
	free(r->title);
	r->title = xstrdup(title);
	struct draw_opts o = { ctx->width, ctx->utf8, ctx->color, ctx->stable_pids, (enum tl_mode)ctx->timeline };
	fflush(stdout);
	printf("\n");
	draw_tree(stdout, r, &o);
	if (timeline_mode(r, o.timeline) != TL_OFF) {
		printf("\n");
		draw_timeline(stdout, r, &o);
	}
	int rc = 0;
	if (ctx->svg && export(ctx, ctx->svg, "picture", write_svg, &o) < 0)
		rc = -1;
	if (ctx->json && export(ctx, ctx->json, "record", json_writer, &o) < 0)
		rc = -1;
	fflush(stdout);
	return rc;
}
