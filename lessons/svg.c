/* svg.c - the tree and the timeline of a record as one SVG picture, for
 * slides and handouts.
 *
 * Self-contained: no external fonts (a generic monospace family), images
 * or scripts, so it shows the same in a browser, an office suite or
 * rsvg-convert.  1920 px wide, 18 px text on a white ground: readable on a
 * projector at full width.  The tree is the terminal's own tree, drawn by
 * tree.c with colour on and its colour escapes turned into <tspan fill>,
 * so both pictures can never disagree; the timeline is the same layout as
 * the terminal's (timeline.h), drawn with lines and shapes: solid lifelines
 * while running, dashed while a zombie, arrows for forks, reaps and
 * re-parenting, and the palette's colours (pictures.h).
 */
#include <stdlib.h>
#include <string.h>

#include "timeline.h"

#define SVG_W 1920
#define MARGIN 24
#define FONT 18
#define CHAR_W 10.84   /* the advance of an 18 px monospace character (0.602 em) */
#define LINE_H 24
#define COL_W 26       /* a lifeline column */
#define INK "#202020"

/* Append s (len bytes) XML-escaped. */
static void xml_text(FILE *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(s[i], out);
		}
	}
}

/* The palette colour of an xterm 256-colour index used by draw.c. */
static const char *hex_of_ansi(int idx)
{
	for (pid_t p = 0; p < 6; p++)
		if (pid_ansi256(p) == idx)
			return pid_hex(p);
	return INK;
}

/* One line of terminal text at (x, y), its colour escapes turned into
 * tspans.  Spaces are kept (xml:space on the root). */
static void text_line(FILE *out, double x, double y, const char *s)
{
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">", x, y);
	while (*s) {
		const char *esc = strstr(s, "\033[");
		size_t n = esc ? (size_t)(esc - s) : strlen(s);
		xml_text(out, s, n);
		if (!esc)
			break;
		int idx;
		const char *m = strchr(esc, 'm');
		if (!m)
			break;
		if (sscanf(esc, "\033[38;5;%dm", &idx) == 1) {
			const char *end = strstr(m + 1, "\033[0m");
			size_t k = end ? (size_t)(end - (m + 1)) : strlen(m + 1);
			fprintf(out, "<tspan fill=\"%s\" font-weight=\"bold\">", hex_of_ansi(idx));
			xml_text(out, m + 1, k);
			fputs("</tspan>", out);
			s = end ? end + 4 : m + 1 + k;
		} else {
			s = m + 1;
		}
	}
	fputs("</text>\n", out);
}

/* The tree, drawn by tree.c at cols columns with colour, as text lines
 * from y on; returns the y below it. */
static double svg_tree(FILE *out, const struct recording *r, const struct draw_opts *o, int cols, double y)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return y;
	struct draw_opts t = *o;
	t.width = cols;
	t.utf8 = 1;
	t.color = 1;
	draw_tree(mem, r, &t);
	fclose(mem);
	for (char *line = buf, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		text_line(out, MARGIN, y, line);
		y += LINE_H;
	}
	free(buf);
	return y;
}

/* A mark at (x, y) in colour c. */
static void svg_mark(FILE *out, int mark, double x, double y, const char *c)
{
	switch (mark) {
	case MK_BIRTH:
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"/>\n", x, y, c);
		break;
	case MK_EXEC:
	case MK_FAIL:
		fprintf(out, "<path d=\"M%.1f %.1fl7 7l-7 7l-7 -7z\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>\n",
			x, y - 7, mark == MK_EXEC ? c : "#ffffff", c);
		break;
	case MK_UNKNOWN: /* an exec's diamond, dashed and with a question mark: not known */
		fprintf(out, "<path d=\"M%.1f %.1fl7 7l-7 7l-7 -7z\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\" "
			"stroke-dasharray=\"2 2\"/>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\" "
			"fill=\"%s\">?</text>\n", x, y - 7, c, x, y + 4, c);
		break;
	case MK_SAY:
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n", x, y, c);
		break;
	case MK_EXIT:
		fprintf(out, "<path d=\"M%.1f %.1fl12 12m0 -12l-12 12\" stroke=\"%s\" stroke-width=\"3\"/>\n", x - 6,
			y - 6, c);
		break;
	case MK_REAPED:
		fprintf(out, "<path d=\"M%.1f %.1fh16\" stroke=\"%s\" stroke-width=\"4\"/>\n", x - 8, y, c);
		break;
	case MK_END:
	case MK_MOVED:
	case MK_SUBREAPER:
	case MK_THREAD:
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"/>\n",
			x, y, c);
		break;
	default:
		break;
	}
}

/* The lifelines of column c: one segment per run of rows in one state. */
static void svg_lifeline(FILE *out, const struct tl_layout *L, const struct look *lk, size_t c, double x, double y0)
{
	const char *col = pid_hex(colour_key(lk, L->col_pid[c]));
	size_t i = 0;
	while (i < L->nrows) {
		char s = L->state[i * L->ncols + c];
		size_t j = i;
		while (j < L->nrows && L->state[j * L->ncols + c] == s)
			j++;
		/* a lifeline ends at its reap mark, not below it */
		double end = L->mark[(j - 1) * L->ncols + c] == MK_REAPED ? y0 + (double)(j - 1) * LINE_H - 6
									 : y0 + (double)j * LINE_H - LINE_H / 2.0;
		if (s != ST_NONE)
			fprintf(out, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"%s\" stroke-width=\"%s\"%s/>\n", x,
				y0 + (double)i * LINE_H - LINE_H / 2.0, end, col, s == ST_ALIVE ? "3" : "2",
				s == ST_ZOMBIE ? " stroke-dasharray=\"3 4\"" : "");
		i = j;
	}
}

/* The timeline from y on; returns the y below it. */
static double svg_timeline(FILE *out, const struct recording *r, const struct draw_opts *o, double y)
{
	struct look lk;
	struct draw_opts t = *o;
	t.utf8 = 1;
	t.color = 0;
	look_init(&lk, &t);
	lk.r = r;
	int cols = (int)((SVG_W - 2 * MARGIN) / CHAR_W);
	double x0 = MARGIN + 8 * CHAR_W;           /* after the time column */
	size_t want = (r->alias.next > 0 ? (size_t)r->alias.next : 0) + (r->shell ? 1 : 0);
	size_t maxcols = (size_t)((cols - 8 - 60) * CHAR_W / COL_W);
	size_t ncols = want < maxcols ? want : maxcols;
	double xt = x0 + (double)ncols * COL_W + CHAR_W;
	int text_cols = (int)((SVG_W - MARGIN - xt) / CHAR_W);
	struct tl_layout L;
	tl_layout_build(&L, r, &t, ncols, text_cols);
	struct strbuf sb;
	sb_init(&sb);
	tl_heading(&L, &lk, &sb);
	text_line(out, MARGIN, y, sb.buf);
	y += LINE_H;
	/* The key, drawn with the marks themselves. */
	static const int keys[] = { ST_ALIVE, ST_ZOMBIE, MK_BIRTH, MK_EXEC, MK_FAIL, MK_EXIT, MK_REAPED, MK_UNKNOWN };
	static const char *const words[] = { "running", "zombie (ended, not yet reaped)", "forked", "exec",
					     "exec failed", "exit", "reaped", "exec not known" };
	/* the last key only when the picture has that mark */
	size_t nkeys = sizeof keys / sizeof keys[0] - (L.nunknown ? 0 : 1);
	double kx = MARGIN;
	for (size_t k = 0; k < nkeys; k++) {
		if (keys[k] == ST_ALIVE || keys[k] == ST_ZOMBIE)
			fprintf(out, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"%s\" stroke-width=\"3\"%s/>\n", kx + 8,
				y - 16, y + 4, INK, keys[k] == ST_ZOMBIE ? " stroke-dasharray=\"3 4\"" : "");
		else
			svg_mark(out, keys[k], kx + 8, y - 6, INK);
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", kx + 22, y, words[k]);
		kx += 22 + (double)strlen(words[k]) * CHAR_W + 24;
	}
	y += LINE_H * 1.5;
	/* Column heads: each lifeline's PID (or alias), turned up. */
	for (size_t c = 0; c < L.ncols; c++) {
		char label[48];
		rec_label(r, L.col_pid[c], o->stable_pids, label, sizeof label);
		double x = x0 + (double)c * COL_W + COL_W / 2.0;
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" transform=\"rotate(-60 %.1f %.1f)\" fill=\"%s\" "
			"font-weight=\"bold\">", x, y + 60, x, y + 60, pid_hex(colour_key(&lk, L.col_pid[c])));
		xml_text(out, label, strlen(label));
		fputs("</text>\n", out);
	}
	y += 60 + LINE_H;
	double y0 = y;
	for (size_t c = 0; c < L.ncols; c++)
		svg_lifeline(out, &L, &lk, c, x0 + (double)c * COL_W + COL_W / 2.0, y0);
	for (size_t i = 0; i < L.nrows; i++) {
		const struct tl_row *row = &L.rows[i];
		double ry = y0 + (double)i * LINE_H, mid = ry - 6;
		if (row->t >= 0) {
			char when[48];
			format_time(when, sizeof when, row->t);
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#606060\">%s</text>\n", (double)MARGIN, ry, when);
		}
		if (row->from >= 0 && row->to >= 0) {
			double xa = x0 + row->from * COL_W + COL_W / 2.0, xb = x0 + row->to * COL_W + COL_W / 2.0;
			const char *c = pid_hex(colour_key(&lk, row->link == LK_FORK ? row->who : L.col_pid[row->from]));
			double dir = xb > xa ? -1 : 1;
			fprintf(out, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", xa, mid,
				xb, c, row->link == LK_MOVE ? " stroke-dasharray=\"2 3\"" : "");
			/* the arrowhead: at the child for a fork, at the parent for a reap or an adoption */
			double ax = row->link == LK_FORK ? xb + dir * 7 : xa - dir * 7;
			double ad = row->link == LK_FORK ? dir : -dir;
			fprintf(out, "<path d=\"M%.1f %.1fl%.1f -5v10z\" fill=\"%s\"/>\n", ax - ad * 7, mid, ad * 8, c);
		}
		for (size_t c = 0; c < L.ncols; c++) {
			int m = L.mark[i * L.ncols + c];
			if (m)
				svg_mark(out, m, x0 + (double)c * COL_W + COL_W / 2.0, mid, pid_hex(colour_key(&lk, L.col_pid[c])));
		}
		const char *s = L.text.buf + row->off;
		fprintf(out, "<text x=\"%.1f\" y=\"%.1f\">", xt, ry);
		size_t colored = row->line ? row->len : row->label;
		if (colored) {
			fprintf(out, "<tspan fill=\"%s\"%s>", pid_hex(colour_key(&lk, row->who)), row->line ? "" : " font-weight=\"bold\"");
			xml_text(out, s, colored);
			fputs("</tspan>", out);
		}
		xml_text(out, s + colored, row->len - colored);
		fputs("</text>\n", out);
	}
	y = y0 + (double)L.nrows * LINE_H;
	sb_free(&sb);
	tl_layout_free(&L);
	return y;
}

int write_svg(FILE *out, const struct recording *r, const struct draw_opts *o)
{
	/* The body goes to memory first: the height is known only after it. */
	char *body = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&body, &len);
	if (!mem)
		return -1;
	double y = MARGIN + FONT;
	if (r->title) {
		fprintf(mem, "<text x=\"%d\" y=\"%.1f\" font-size=\"24\" font-weight=\"bold\">", MARGIN, y);
		xml_text(mem, r->title, strlen(r->title));
		fputs("</text>\n", mem);
		y += LINE_H * 2;
	}
	y = svg_tree(mem, r, o, (int)((SVG_W - 2 * MARGIN) / CHAR_W), y);
	y += LINE_H;
	if (timeline_mode(r, o->timeline) != TL_OFF)
		y = svg_timeline(mem, r, o, y);
	if (fclose(mem) != 0) {
		free(body);
		return -1;
	}
	int h = (int)y + MARGIN;
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		     "xml:space=\"preserve\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" "
		     "font-size=\"%d\" fill=\"%s\">\n"
		     "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
		SVG_W, h, SVG_W, h, FONT, INK);
	fwrite(body, 1, len, out);
	fputs("</svg>\n", out);
	free(body);
	return ferror(out) ? -1 : 0;
}
