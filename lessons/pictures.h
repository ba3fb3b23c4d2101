/* pictures.h - the pictures drawn from a record (record.h): the process
 * tree, the timeline with lifelines, an SVG of both, and the record as
 * JSON.  Every function here reads a finished record and writes text; none
 * cares whether the lesson engine or `follow` produced it, so tests feed
 * them made-up records.
 */
#ifndef FORKSH_PICTURES_H
#define FORKSH_PICTURES_H

#include <stdio.h>

#include "record.h"

/* --timeline=MODE.  AUTO is FULL up to TL_FULL_MAX processes, SUMMARY
 * above (see timeline.c for why that number). */
enum tl_mode { TL_AUTO, TL_FULL, TL_SUMMARY, TL_OFF };

#define TL_FULL_MAX 16

struct draw_opts {
	int width;        /* columns available; 0 or less means 80 */
	int utf8;         /* box-drawing characters, else ASCII */
	int color;        /* ANSI colours (one per process) */
	int stable_pids;  /* aliases P1, P2, ... (forksh P0) in place of PIDs */
	enum tl_mode timeline;
};

/* The process tree: root first, each child under its parent, each with
 * what it ran, how it ended and when, and who reaped it when; a node with
 * many children shows the first few and sums up the rest.  Lines are
 * wrapped to o->width, never cut. */
void draw_tree(FILE *out, const struct recording *r, const struct draw_opts *o);

/* The timeline: time going down, one narrow lifeline per process (alive,
 * zombie, reaped; fork arrows, exec marks, reaps, re-parenting) and one
 * text column with what each process printed and did, wrapped, never cut.
 * o->timeline chooses full, summary or nothing. */
void draw_timeline(FILE *out, const struct recording *r, const struct draw_opts *o);

/* The mode named by a --timeline= word (auto, full, summary, off), or -1
 * for any other word; follow and lesson share it, so they take the same
 * words. */
int timeline_mode_parse(const char *word);

/* The mode draw_timeline would use for r (never TL_AUTO). */
enum tl_mode timeline_mode(const struct recording *r, enum tl_mode asked);

/* The tree and the timeline as one self-contained SVG document (no
 * external fonts, images or scripts), 1920 px wide, with the same colours
 * as the terminal.  Returns 0, or -1 if writing failed. */
int write_svg(FILE *out, const struct recording *r, const struct draw_opts *o);

/* The whole record as JSON, in the format of docs/record-json.md.
 * Returns 0, or -1 if writing failed. */
int write_json(FILE *out, const struct recording *r);

/* The palette, shared by the terminal and the SVG: six colours of middle
 * lightness that keep a contrast of at least 3.7:1 on a black and on a
 * white background alike (no dark blue, no yellow), so a projector shows
 * them whatever its theme.  A process's colour depends on its PID only. */
int pid_ansi256(pid_t pid);
const char *pid_hex(pid_t pid);

#endif
