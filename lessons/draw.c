/* draw.c - text helpers shared by the picture renderers (see draw.h). */
#include "draw.h"

#include <string.h>

/* The palette (see pictures.h).  xterm's 256-colour cube values; each pair
 * of an index and its hex is the same colour in the terminal and the SVG. */
static const int ansi256[] = { 160, 28, 127, 32, 166, 30 };
static const char *const hex[] = { "#d70000", "#008700", "#af00af", "#0087d7", "#d75f00", "#008787" };

int pid_ansi256(pid_t pid)
{
	return ansi256[(unsigned long)pid % 6];
}

const char *pid_hex(pid_t pid)
{
	return hex[(unsigned long)pid % 6];
}

/* U+251C, U+2514 and U+2502 are the light box-drawing tee, corner and
 * vertical line, U+2500 the horizontal one, U+2026 the ellipsis; the
 * compiler stores them as UTF-8, so this file itself stays ASCII. */
void look_init(struct look *lk, const struct draw_opts *o)
{
	lk->width = o->width > 0 ? o->width : 80;
	if (lk->width < 30)
		lk->width = 30;
	lk->utf8 = o->utf8;
	lk->color = o->color;
	lk->stable = o->stable_pids;
	if (o->utf8) {
		lk->tee = "\u251c\u2500 ";
		lk->corner = "\u2514\u2500 ";
		lk->bar = "\u2502  ";
		lk->ellipsis = "\u2026";
		lk->rule = "\u2500";
	} else {
		lk->tee = "|- ";
		lk->corner = "`- ";
		lk->bar = "|  ";
		lk->ellipsis = "...";
		lk->rule = "-";
	}
	lk->blank = "   ";
	lk->r = NULL;
}

/* The length of the valid UTF-8 sequence at s (2 to 4 bytes, with the code
 * point in *cp), or 0 when the bytes there are not one: overlong forms,
 * surrogates and values past U+10FFFF are refused.  A NUL is never a
 * continuation byte, so this never reads past the end of the string. */
static int utf8_seq(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0], min;
	int len;
	if (c >= 0xF5)
		return 0;
	else if (c >= 0xF0)
		len = 4, c &= 0x07, min = 0x10000;
	else if (c >= 0xE0)
		len = 3, c &= 0x0F, min = 0x800;
	else if (c >= 0xC2)
		len = 2, c &= 0x1F, min = 0x80;
	else
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

int utf8_valid_len(const char *s)
{
	unsigned cp;
	return utf8_seq((const unsigned char *)s, &cp);
}

void add_clean(struct strbuf *sb, const char *s, int utf8, const struct recording *r, int stable)
{
	struct strbuf subst;
	sb_init(&subst);
	if (stable && r && s) {
		rec_subst_pids(r, s, &subst);
		s = subst.buf;
	}
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p);
	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	const unsigned char *end = p + len;
	while (p < end) {
		unsigned cp;
		int n;
		if (*p == '\t') {
			sb_addc(sb, ' ');
			p++;
		} else if (*p < 0x20 || *p == 0x7F) {
			sb_addc(sb, '?');
			p++;
		} else if (*p < 0x80) {
			sb_addc(sb, (char)*p++);
		} else if ((n = utf8_seq(p, &cp)) == 0 || p + n > end) {
			sb_addc(sb, '?');
			p++;
		} else {
			if (utf8 && cp >= 0xA0)
				sb_addn(sb, (const char *)p, (size_t)n);
			else
				sb_addc(sb, '?');
			p += n;
		}
	}
	sb_addn(sb, "", 0);
	sb_free(&subst);
}

size_t cols_bytes(const char *s, int k)
{
	size_t end = 0;
	for (int cols = 0; s[end]; end++)
		if (((unsigned char)s[end] & 0xC0) != 0x80 && cols++ == k)
			break;
	return end;
}

size_t wrap_piece(const char *s, int room, const char **next)
{
	if (room < 1)
		room = 1;
	size_t all = strlen(s);
	size_t cut = cols_bytes(s, room);
	if (cut >= all) {
		*next = s + all;
		return all;
	}
	/* The last space at or before the cut, unless that would leave the
	 * row less than half full (a long word is cut instead). */
	for (size_t i = cut; i > 0 && i >= cut / 2; i--)
		if (s[i] == ' ') {
			size_t j = i + 1;
			while (s[j] == ' ')
				j++;
			*next = s + j;
			return i;
		}
	*next = s + cut;
	return cut;
}

void add_spaces(struct strbuf *sb, int n)
{
	while (n-- > 0)
		sb_addc(sb, ' ');
}

pid_t colour_key(const struct look *lk, pid_t pid)
{
	int a = lk->stable && lk->r ? rec_alias(lk->r, pid) : -1;
	return a >= 0 ? (pid_t)a : pid;
}

void add_colored(struct strbuf *sb, const char *s, size_t len, pid_t pid, const struct look *lk)
{
	if (!len)
		return;
	if (lk->color) {
		char esc[24];
		snprintf(esc, sizeof esc, "\033[38;5;%dm", pid_ansi256(colour_key(lk, pid)));
		sb_adds(sb, esc);
	}
	sb_addn(sb, s, len);
	if (lk->color)
		sb_adds(sb, "\033[0m");
}

void put_wrapped(FILE *out, const char *text, int width, int indent)
{
	const char *s = text;
	for (int first = 1; first || *s; first = 0) {
		const char *next;
		size_t n = wrap_piece(s, width - (first ? 0 : indent), &next);
		fprintf(out, "%*s%.*s\n", first ? 0 : indent, "", (int)n, s);
		s = next;
	}
}

void put_sb_line(FILE *out, const struct strbuf *sb)
{
	if (sb->len)
		fwrite(sb->buf, 1, sb->len, out);
	fputc('\n', out);
}

void format_time(char *buf, size_t len, double t)
{
	if (t > -1e7 && t < 1e7)
		snprintf(buf, len, "%.3fs", t);
	else if (t == t)
		snprintf(buf, len, "%.3gs", t);
	else
		snprintf(buf, len, "?");
}
