/* text.c - what the lesson engine prints as text: prose wrapped to the
 * terminal, the code boxes, the list of lessons and `help lesson`.  Every
 * one of them fits the terminal it is shown on, 40 columns and up: a
 * lecturer's projector is often narrow.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../shell/util.h"
#include "engine.h"

int prose_width(const struct lesson_ctx *ctx)
{
	return ctx->width > 100 ? 100 : ctx->width;
}

/* wrap_text into a new string (the caller frees it); NULL when there is
 * no memory. */
static char *wrapped(const char *text, int width, int indent, int hang)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return NULL;
	wrap_text(mem, text, width, indent, hang);
	fclose(mem);
	return buf;
}

/* text with each {name} of an option of the lesson replaced by its value
 * (a flag reads on or off), appended to out. */
static void expand_sizes(const struct lesson_ctx *ctx, const char *text, struct strbuf *out)
{
	const struct lesson *l = ctx->lesson;
	for (const char *p = text; *p;) {
		size_t len = *p == '{' ? strcspn(p + 1, "} ") : 0;
		size_t i = 0;
		while (len && p[len + 1] == '}' && i < l->nopts &&
		       (strlen(l->opts[i].name) != len || strncmp(l->opts[i].name, p + 1, len) != 0))
			i++;
		if (!len || p[len + 1] != '}' || i == l->nopts) {
			sb_addc(out, *p++);
			continue;
		}
		char num[32];
		if (l->opts[i].flag)
			snprintf(num, sizeof num, "%s", ctx->opt[i] ? "on" : "off");
		else
			snprintf(num, sizeof num, "%g", ctx->opt[i]);
		sb_adds(out, num);
		p += len + 2;
	}
}

void print_text(const struct lesson_ctx *ctx, const char *text)
{
	struct strbuf sized, sb;
	sb_init(&sized);
	if (ctx->lesson)
		expand_sizes(ctx, text, &sized);
	else
		sb_adds(&sized, text);
	if (!ctx->stable_pids || !ctx->have_run) {
		wrap_text(stdout, sized.buf, prose_width(ctx), 2, 2);
		sb_free(&sized);
		return;
	}
	sb_init(&sb);
	rec_subst_pids(&ctx->run.rec, sized.buf, &sb);
	wrap_text(stdout, sb.buf, prose_width(ctx), 2, 2);
	sb_free(&sb);
	sb_free(&sized);
}

void lesson_print(const struct lesson_ctx *ctx, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	print_text(ctx, buf);
}

/* ---- code boxes ---- */

/* Is position i of the code line p inside a string or character literal? */
static int in_literal(const char *p, size_t i)
{
	char quote = 0;
	for (size_t k = 0; k < i; k++) {
		if (quote && p[k] == '\\')
			k++;
		else if (quote && p[k] == quote)
			quote = 0;
		else if (!quote && (p[k] == '"' || p[k] == '\''))
			quote = p[k];
	}
	return quote != 0;
}

/* Where to cut a code line of len bytes to fit avail columns: the last
 * space, or the place just after an opening parenthesis, that fits and is
 * not inside a string (a string cut in two would read as C that does not
 * compile); else the last space that fits; else avail itself (one long
 * word). */
static size_t code_cut_at(const char *p, size_t len, size_t avail, size_t indent)
{
	size_t any = 0;
	for (size_t cut = avail < len ? avail : len; cut > indent + 8; cut--) {
		if (p[cut] != ' ' && p[cut - 1] != '(')
			continue;
		if (!in_literal(p, cut))
			return cut;
		if (!any && p[cut] == ' ')
			any = cut;
	}
	return any ? any : avail;
}

/* A code line cut to fit avail columns: the first part is printed, the
 * rest goes on below, four further in, as a continuation of the same
 * statement.  (Code is ASCII: one byte, one column.) */
static void code_cut(const char *bar, const char *p, size_t len, size_t avail, size_t indent)
{
	size_t first = 1;
	while (len > avail) {
		size_t cut = code_cut_at(p, len, avail, indent);
		printf("  %s%*s%.*s\n", bar, first ? 0 : (int)indent + 4, "", (int)cut, p);
		p += cut;
		len -= cut;
		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		if (first) {
			first = 0;
			avail = avail > indent + 24 ? avail - indent - 4 : 20;
		}
	}
	printf("  %s%*s%.*s\n", bar, first ? 0 : (int)indent + 4, "", (int)len, p);
}

/* A comment too long for the line, /+ ... +/ with its words, at indent:
 * wrapped so that its lines still read as one comment, each continuation
 * under the comment's first word. */
static void comment_wrap(const char *bar, const char *c, size_t len, size_t avail, size_t indent)
{
	char *text = xstrndup(c, len), *lines = wrapped(text, (int)avail, (int)indent, (int)indent + 3);
	free(text);
	if (!lines) {
		code_cut(bar, c, len, avail, indent);
		return;
	}
	for (char *line = lines, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		printf("  %s%.*s\n", bar, nl ? (int)(nl - line) : (int)strlen(line), line);
	}
	free(lines);
}

/* One line of shown code, in the box.  A line wider than the terminal is
 * never left to the terminal to wrap: a comment at the end of it moves to
 * a line of its own above the code (so it cannot be taken for code), a
 * comment alone is wrapped as a comment, and code is cut at a space and
 * goes on below, indented further. */
static void code_line(const char *bar, const char *p, size_t len, int width)
{
	size_t avail = width > 24 ? (size_t)width - 4 : 20, indent = strspn(p, " ");
	if (len <= avail) {
		printf("  %s%.*s\n", bar, (int)len, p);
		return;
	}
	const char *c = NULL;
	for (const char *q = p + indent; q + 1 < p + len; q++)
		if (q[0] == '/' && q[1] == '*') {
			c = q;
			break;
		}
	int ends_comment = len >= 2 && p[len - 2] == '*' && p[len - 1] == '/';
	if (c && ends_comment && c > p + indent) {
		size_t code_len = (size_t)(c - p);
		while (code_len > indent && p[code_len - 1] == ' ')
			code_len--;
		comment_wrap(bar, c, len - (size_t)(c - p), avail, indent);
		code_line(bar, p, code_len, width);
		return;
	}
	if (c == p + indent && ends_comment) {
		comment_wrap(bar, c, len - indent, avail, indent);
		return;
	}
	code_cut(bar, p, len, avail, indent);
}

void show_code(const struct lesson_ctx *ctx, const char *code)
{
	const char *bar = ctx->utf8 ? "│ " : "| ";
	printf("  %s\n", ctx->utf8 ? "┌─ the code that runs (from the lesson's own source)"
				   : "+- the code that runs (from the lesson's own source)");
	for (const char *p = code; *p;) {
		size_t len = strcspn(p, "\n");
		if (len)
			code_line(bar, p, len, ctx->width);
		else
			printf("  %.*s\n", (int)strcspn(bar, " "), bar);
		p += len + (p[len] == '\n');
	}
	printf("  %s\n", ctx->utf8 ? "└─" : "+-");
}

void show_figure(const char *figure)
{
	for (const char *p = figure; *p;) {
		size_t len = strcspn(p, "\n");
		printf("%s%.*s\n", len ? "    " : "", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

/* ---- the list and the help ---- */

/* head, then text wrapped to width in a column that starts where head
 * ends (at col at least), its lines after the first at hang; a head that
 * reaches into the column puts the text on the lines below.  The text's
 * no-break spaces (U+00A0) keep words together, and print as spaces. */
static void print_hanging(FILE *out, const char *head, const char *text, int width, int col, int hang)
{
	int used = text_columns(head, strlen(head));
	fputs(head, out);
	char *lines = wrapped(text, width, col, hang);
	if (!lines)
		return;
	char *to = lines;
	for (const char *from = lines; *from; from++) {
		if (from[0] == '\xc2' && from[1] == '\xa0') {
			*to++ = ' ';
			from++;
		} else {
			*to++ = *from;
		}
	}
	*to = '\0';
	if (used + 1 <= col)
		fputs(lines + used, out); /* the first line goes on after head */
	else
		fprintf(out, "\n%s", lines);
	free(lines);
}

void list_lessons(FILE *out, int width)
{
	wrap_text(out, "Lessons (\"lesson NAME\" or \"lesson N\" starts one; \"help lesson\" explains):", width - 1,
		  0, 2);
	fputc('\n', out);
	for (size_t i = 0; i < lesson_count(); i++) {
		const struct lesson *l = lesson_table[i];
		char head[64];
		int col = snprintf(head, sizeof head, "  %2d  %-10s %s ", l->number, l->name,
				   progress_done(l->name) ? "done" : "    ");
		print_hanging(out, head, l->summary, width - 1, col + 1, col + 1); /* under itself */
	}
}

/* One entry of the help: term, then its description in a column of its
 * own, wrapped. */
static void help_row(FILE *out, const char *term, const char *desc, int width)
{
	char head[64];
	snprintf(head, sizeof head, "    %s", term);
	print_hanging(out, head, desc, width - 1, width >= 72 ? 24 : 18, width >= 72 ? 24 : 18);
}

void lesson_help(FILE *out)
{
	int width = term_width();
	static const char *const rows[][2] = {
		{ "lesson", "list the lessons (and which you finished)" },
		{ "lesson NAME | N", "start one, e.g. lesson counter, lesson 2" },
		{ "--auto[=SECONDS]",
		  "presentation mode: the steps go on by themselves, SECONDS (2) for every 40 words "
		  "of a step (at least SECONDS); --auto=0 runs straight through (always so without "
		  "a terminal)" },
		{ "--think=SECONDS", "in --auto, a pause after each question, before the run" },
		{ "--clear", "a clean screen for each step (the pictures fit a projector)" },
		{ "--stable-pids", "P1, P2, ... (forksh: P0) in place of the PIDs, in the lines, the "
				   "texts and the pictures (for handouts)" },
		{ "--timeline=MODE", "full (every event), summary, off; the default is full up to 16 "
				     "processes, summary above" },
		{ "--svg FILE", "also write the tree and timeline of each run as an SVG picture "
				"(FILE-stepN.svg when a lesson has several runs)" },
		{ "--json FILE", "also write each run's whole record as JSON (docs/record-json.md)" },
		{ "--source [FILE]", "write the lesson's program as one C file of its own (to "
				     "standard output without FILE) and run nothing: cc -o x FILE "
				     "&& ./x runs it without forksh" },
		{ "--no-color", "no colours (also when NO_COLOR is set)" },
		{ "--NAME N", "the lesson's own sizes (see the list below)" },
	};
	fprintf(out, "\n");
	wrap_text(out, "Each lesson runs real fork/exec/wait code in processes of its own, prints their "
		       "real PIDs, then draws the process tree and a timeline.",
		  width - 1, 4, 4);
	fprintf(out, "\n");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		help_row(out, rows[i][0], rows[i][1], width);
	fprintf(out, "\n");
	wrap_text(out, "Keys between steps: Enter or n next, b back, r run again, h hint, q quit. In "
		       "--auto: Space pauses and goes on again, n and b step, h hint, q quits. Keys are "
		       "never echoed, and what was typed ahead is thrown away when the lesson ends.\n"
		       "During a run, q and Ctrl-C stop it at once; any other key is kept and acted on "
		       "when the run is over (h then shows the hint, n goes on). q, Ctrl-C or end of "
		       "input kill and reap every process of the lesson. At \"Your answer:\", Ctrl-C "
		       "leaves the lesson. At a \"Your turn\" step, what you type runs as a command in "
		       "forksh; an empty line leaves the task open at forksh's prompt.",
		  width - 1, 4, 4);
	fprintf(out, "\n");
	for (size_t i = 0; lesson_table[i]; i++) {
		const struct lesson *l = lesson_table[i];
		struct strbuf sb;
		sb_init(&sb);
		if (!l->nopts)
			sb_adds(&sb, "(no sizes)");
		for (size_t k = 0; k < l->nopts; k++) {
			char opt[96];
			if (l->opts[k].flag)
				snprintf(opt, sizeof opt, "%s--%s", k ? "  " : "", l->opts[k].name);
			else
				snprintf(opt, sizeof opt, "%s--%s\xc2\xa0N\xc2\xa0(%g,\xc2\xa0max\xc2\xa0%g)", k ? "  " : "",
					 l->opts[k].name, l->opts[k].def, l->opts[k].max);
			sb_adds(&sb, opt);
		}
		char head[32];
		snprintf(head, sizeof head, "    %-9s", l->name);
		print_hanging(out, head, sb.buf, width - 1, 14, 14);
		sb_free(&sb);
	}
}
