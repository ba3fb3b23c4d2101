/* draw.h - what the picture renderers (tree.c, timeline.c, svg.c) share:
 * text cleaned so that counting columns is counting characters, wrapping
 * to a width, the glyphs of both character sets, and colour escapes.
 * Internal to the renderers; see pictures.h for the public side.
 */
#ifndef FORKSH_DRAW_H
#define FORKSH_DRAW_H

#include <stdio.h>

#include "../shell/util.h"
#include "pictures.h"

/* The glyphs of one character set. */
struct look {
	int width, utf8, color, stable;
	const char *tee, *corner, *bar, *blank;   /* tree branches */
	const char *ellipsis;
	const char *rule;                         /* one column of a ruled line */
	const struct recording *r;                /* for colours by alias (stable) */
};

/* Fill lk from o (a width of 0 or less means 80, at least 30). */
void look_init(struct look *lk, const struct draw_opts *o);

/* Append s to sb cleaned: a tab becomes a space; control characters (C0,
 * DEL, C1: a terminal could take them for an escape) and bytes that are
 * not valid UTF-8 become '?'; without utf8 every non-ASCII character is
 * one '?'; trailing newlines are dropped.  Under stable, PIDs of r in s
 * become aliases first (r may be NULL).  Afterwards each character takes
 * one column.  sb stays NUL-terminated. */
void add_clean(struct strbuf *sb, const char *s, int utf8, const struct recording *r, int stable);

/* The length (2 to 4) of the valid UTF-8 sequence of a non-ASCII
 * character at s, or 0 when the bytes there are not one. */
int utf8_valid_len(const char *s);

/* The byte length of the first k characters of clean text s. */
size_t cols_bytes(const char *s, int k);

/* Where to break clean text s so its first piece fits in room columns:
 * the byte length of that piece, at the last space that fits when there
 * is one in its second half (the space is left out), else exactly room
 * characters.  *next is
 * set to where the rest begins.  The whole of s when it fits. */
size_t wrap_piece(const char *s, int room, const char **next);

/* Append n spaces. */
void add_spaces(struct strbuf *sb, int n);

/* What picks pid's colour: under --stable-pids its alias, so that a
 * handout has the same colours every time; else the PID itself. */
pid_t colour_key(const struct look *lk, pid_t pid);

/* Append s in pid's colour when lk->color (colour escapes take no column). */
void add_colored(struct strbuf *sb, const char *s, size_t len, pid_t pid, const struct look *lk);

/* Write clean text to out wrapped to width, lines after the first
 * indented by indent. */
void put_wrapped(FILE *out, const char *text, int width, int indent);

/* Write sb and a newline to out. */
void put_sb_line(FILE *out, const struct strbuf *sb);

/* "0.253s"; absurd times are kept short. */
void format_time(char *buf, size_t len, double t);

#endif
