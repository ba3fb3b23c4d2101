/* proctree.c - read the process tree from /proc and draw it (for ptree).
 *
 * /proc has one directory per live process, named by its PID.  Its `stat`
 * file gives the state letter and the parent's PID; its `cmdline` file
 * holds the argv the process was exec'd with.  A process only points up to
 * its parent, so the tree is rebuilt here from those upward links.
 */
#include "proctree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* ---- state letters ---- */

/* The states, in the order the summary line lists them. */
static const struct {
	char letter;
	const char *word;
} states[] = {
	{ 'R', "running" },   /* on a CPU or ready for one */
	{ 'S', "sleeping" },  /* waiting for something: input, a child, a timer */
	{ 'D', "disk-wait" }, /* waiting for I/O, not even signals wake it */
	{ 'I', "idle" },      /* an idle kernel thread */
	{ 'T', "stopped" },   /* stopped by a signal: Ctrl-Z, SIGSTOP */
	{ 't', "traced" },    /* stopped by a debugger */
	{ 'Z', "zombie" },    /* exited, waiting for its parent to wait() */
	{ 'X', "dead" },      /* being removed right now */
};
#define NSTATES (sizeof states / sizeof states[0])

/* Index into states[], or NSTATES for a letter not in the table. */
static size_t state_index(char state)
{
	for (size_t i = 0; i < NSTATES; i++)
		if (states[i].letter == state)
			return i;
	return NSTATES;
}

const char *proctree_state_word(char state)
{
	size_t i = state_index(state);
	return i < NSTATES ? states[i].word : "unknown";
}

/* ---- parsing ---- */

/* Read a PID made of decimal digits only (no sign, no spaces) at s, storing
 * the end in *end.  Returns the value, or -1 when there are no digits or it
 * does not fit a pid_t. */
static long parse_digits(const char *s, const char **end)
{
	long v = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		int d = *p - '0';
		if (v > (INT_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*end = p;
	return p == s ? -1 : v;
}

/* The format is "PID (COMM) S PPID ...".  COMM is whatever the program
 * chose (prctl, or its file name) and may hold ") " itself, but nothing
 * after it can hold a ')', so the last ')' is the one that closes it. */
int proctree_parse_stat(const char *text, struct proc_stat *out)
{
	const char *end;
	long pid = parse_digits(text, &end);
	if (pid <= 0 || end[0] != ' ' || end[1] != '(')
		return -1;
	const char *open = end + 1;
	const char *close = strrchr(open, ')');
	if (!close)
		return -1;
	size_t len = (size_t)(close - open - 1);
	if (len >= sizeof out->comm)
		len = sizeof out->comm - 1;
	memcpy(out->comm, open + 1, len);
	out->comm[len] = '\0';

	/* ") S PPID " */
	if (close[1] != ' ' || close[2] == '\0' || close[2] == ' ' || close[3] != ' ')
		return -1;
	long ppid = parse_digits(close + 4, &end);
	if (ppid < 0 || (*end != ' ' && *end != '\n' && *end != '\0'))
		return -1;
	out->pid = (pid_t)pid;
	out->state = close[2];
	out->ppid = (pid_t)ppid;
	return 0;
}

/* A zombie has freed its memory, argv included, and a kernel thread never
 * had a user-space argv: both have an empty cmdline, so ps's conventions
 * stand in for them. */
char *proctree_command(const char *cmdline, size_t len, const char *comm, char state)
{
	struct strbuf sb;
	sb_init(&sb);
	/* Programs that rewrite their argv (setproctitle) often pad with NULs. */
	while (len > 0 && cmdline[len - 1] == '\0')
		len--;
	if (state == 'Z') {
		sb_adds(&sb, comm);
		sb_adds(&sb, " <defunct>");
	} else if (len == 0) {
		sb_addc(&sb, '[');
		sb_adds(&sb, comm);
		sb_addc(&sb, ']');
	} else {
		for (size_t i = 0; i < len; i++)
			sb_addc(&sb, cmdline[i] ? cmdline[i] : ' ');
	}
	return sb_steal(&sb);
}

/* The same precedence the C library uses to pick the character set:
 * LC_ALL overrides LC_CTYPE, which overrides LANG. */

/* ---- reading /proc ---- */

/* Read /proc/NAME/stat and /proc/NAME/cmdline into *p, using buf as
 * scratch.  Returns 0, or -1 when the process cannot be read (most often:
 * it has exited since readdir saw it), and then *p is untouched. */
static int read_process(int dfd, const char *name, struct strbuf *buf, struct proc_info *p)
{
	char path[64];
	struct proc_stat st;
	int n = snprintf(path, sizeof path, "%s/stat", name);
	if (n < 0 || (size_t)n >= sizeof path)
		return -1;
	if (read_file_at(dfd, path, buf) < 0 || proctree_parse_stat(buf->buf, &st) < 0)
		return -1;
	n = snprintf(path, sizeof path, "%s/cmdline", name);
	if (n < 0 || (size_t)n >= sizeof path || read_file_at(dfd, path, buf) < 0)
		return -1;
	p->pid = st.pid;
	p->ppid = st.ppid;
	p->state = st.state;
	p->cmd = proctree_command(buf->buf, buf->len, st.comm, st.state);
	return 0;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* One pass over /proc: every numeric entry is a process (the others are
 * kernel files such as /proc/meminfo).  It is a snapshot taken while things
 * run, so a process may be gone by the time its files are opened. */
int proctree_read(struct proc_info **procs, size_t *n)
{
	DIR *dir = opendir("/proc"); /* glibc opens it close-on-exec */
	if (!dir)
		return -1;
	int dfd = dirfd(dir);
	if (dfd < 0) {
		int err = errno;
		closedir(dir);
		errno = err;
		return -1;
	}
	struct proc_info *v = NULL;
	size_t len = 0, cap = 0;
	struct strbuf buf;
	sb_init(&buf);
	struct dirent *e;
	int err = 0;
	for (;;) {
		errno = 0;
		if ((e = readdir(dir)) == NULL) {
			err = errno; /* 0: the end of the directory */
			break;
		}
		if (!all_digits(e->d_name))
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 256;
			v = xrealloc(v, cap * sizeof *v);
		}
		if (read_process(dfd, e->d_name, &buf, &v[len]) == 0)
			len++;
	}
	sb_free(&buf);
	closedir(dir);
	if (err) {
		proctree_free(v, len);
		errno = err;
		return -1;
	}
	*procs = v;
	*n = len;
	return 0;
}

void proctree_free(struct proc_info *procs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(procs[i].cmd);
	free(procs);
}

/* ---- drawing ---- */

/* The records sorted by PID, and each one's children as a range of kids[]:
 * the children of sorted[r] are sorted[kids[first[r]]] ... up to
 * kids[first[r + 1]].  Filling kids in PID order keeps each range sorted. */
struct tree {
	struct proc_info *sorted;  /* shallow copies: cmd still belongs to the caller */
	size_t n;
	size_t *first;             /* n + 1 entries */
	size_t *kids;
};

static int by_pid(const void *a, const void *b)
{
	pid_t x = ((const struct proc_info *)a)->pid, y = ((const struct proc_info *)b)->pid;
	return (x > y) - (x < y);
}

/* Position of pid in t->sorted, or t->n when it is not there. */
static size_t tree_find(const struct tree *t, pid_t pid)
{
	struct proc_info key = { .pid = pid };
	const struct proc_info *p = bsearch(&key, t->sorted, t->n, sizeof key, by_pid);
	return p ? (size_t)(p - t->sorted) : t->n;
}

/* Turn the upward parent links into downward children lists (n > 0). */
static void tree_build(struct tree *t, const struct proc_info *procs, size_t n)
{
	t->n = n;
	t->sorted = xmalloc(n * sizeof *t->sorted);
	memcpy(t->sorted, procs, n * sizeof *procs);
	qsort(t->sorted, n, sizeof *t->sorted, by_pid);
	t->first = xcalloc(n + 1, sizeof *t->first);
	t->kids = xmalloc(n * sizeof *t->kids);
	size_t *parent = xmalloc(n * sizeof *parent);
	for (size_t r = 0; r < n; r++) {
		parent[r] = tree_find(t, t->sorted[r].ppid);
		if (parent[r] == r) /* its own parent: not a child of anything */
			parent[r] = n;
		if (parent[r] < n)
			t->first[parent[r] + 1]++;
	}
	for (size_t r = 0; r < n; r++)
		t->first[r + 1] += t->first[r];
	size_t *cursor = xmalloc(n * sizeof *cursor);
	memcpy(cursor, t->first, n * sizeof *cursor);
	for (size_t r = 0; r < n; r++)
		if (parent[r] < n)
			t->kids[cursor[parent[r]]++] = r;
	free(cursor);
	free(parent);
}

static void tree_free(struct tree *t)
{
	free(t->sorted);
	free(t->first);
	free(t->kids);
}

/* The four pieces a tree is drawn with: a branch to a child that has
 * younger siblings below it, a branch to the last child, and what goes
 * under each of those on the lines of that child's own descendants. */
struct glyphs {
	const char *tee, *corner, *bar, *blank;
};

/* U+251C, U+2514 and U+2502 are the light box-drawing tee, corner and
 * vertical line, U+2500 the horizontal one; the compiler stores them as
 * UTF-8, so the source file itself stays ASCII. */
static const struct glyphs utf8_glyphs = { "\u251c\u2500 ", "\u2514\u2500 ", "\u2502  ", "   " };
static const struct glyphs ascii_glyphs = { "|- ", "`- ", "|  ", "   " };

/* Write line to out, cut to width columns when width > 0.  In UTF-8 a
 * character's continuation bytes (10xxxxxx) take no column of their own,
 * so a cut never splits a character. */
static void put_cut(FILE *out, const char *line, size_t len, int width, int utf8)
{
	size_t end = len;
	if (width > 0) {
		long cols = 0;
		for (end = 0; end < len; end++) {
			int starts = !utf8 || ((unsigned char)line[end] & 0xC0) != 0x80;
			if (starts && ++cols > width)
				break;
		}
	}
	fwrite(line, 1, end, out);
	fputc('\n', out);
}

/* One process's line: prefix, branch, PID, state letter and word, command
 * (control characters shown as '?' so that one process stays one line),
 * and a note for the shell itself. */
static void draw_line(FILE *out, struct strbuf *line, const struct strbuf *prefix,
		      size_t plen, const char *branch, const struct proc_info *p,
		      const struct proctree_style *style)
{
	char head[64];
	sb_reset(line);
	if (plen)
		sb_addn(line, prefix->buf, plen);
	sb_adds(line, branch);
	snprintf(head, sizeof head, "%ld %c %-9s ", (long)p->pid,
		 p->state ? p->state : '?', proctree_state_word(p->state));
	sb_adds(line, head);
	for (const char *c = p->cmd; *c; c++)
		sb_addc(line, (unsigned char)*c < 0x20 || *c == 0x7f ? '?' : *c);
	if (style->self && p->pid == style->self)
		sb_adds(line, " (this shell)");
	if (style->runner && p->pid == style->runner)
		sb_adds(line, " (running ptree)");
	put_cut(out, line->buf, line->len, style->width, style->utf8);
}

/* "3 processes: 2 sleeping, 1 zombie": the counts by state word, in the
 * order of states[], leaving out the states nobody is in. */
static void draw_summary(FILE *out, long total, const long *counts)
{
	fprintf(out, "%ld process%s:", total, total == 1 ? "" : "es");
	const char *sep = " ";
	for (size_t i = 0; i <= NSTATES; i++) {
		if (!counts[i])
			continue;
		const char *word = i < NSTATES ? states[i].word : "unknown";
		int plural = i < NSTATES && counts[i] > 1 && states[i].letter == 'Z';
		fprintf(out, "%s%ld %s%s", sep, counts[i], word, plural ? "s" : "");
		sep = ", ";
	}
	fputc('\n', out);
}

/* A depth-first walk with an explicit stack rather than recursion, so that
 * a chain of thousands of nested processes cannot exhaust the C stack.
 * Each frame remembers the next child to draw and how long the prefix is
 * for its children's lines. */
struct frame {
	size_t rank;   /* a process, as an index into tree.sorted */
	size_t next;   /* the next of its children to draw, an index into kids */
	size_t plen;   /* bytes of prefix on its children's lines */
};

long proctree_draw(FILE *out, const struct proc_info *procs, size_t n,
		   const struct proctree_style *style)
{
	if (n == 0)
		return -1;
	struct tree t;
	tree_build(&t, procs, n);
	size_t root = tree_find(&t, style->root);
	if (root == n) {
		tree_free(&t);
		return -1;
	}
	const struct glyphs *g = style->utf8 ? &utf8_glyphs : &ascii_glyphs;
	struct frame *stack = xmalloc(n * sizeof *stack);
	/* A snapshot taken while PIDs are reused could in theory link a loop
	 * back to the root; drawing each process once keeps the walk finite. */
	char *seen = xcalloc(n, 1);
	long counts[NSTATES + 1] = { 0 };
	long total = 0;
	struct strbuf prefix, line;
	sb_init(&prefix);
	sb_init(&line);

	draw_line(out, &line, &prefix, 0, "", &t.sorted[root], style);
	seen[root] = 1;
	counts[state_index(t.sorted[root].state)]++;
	total++;
	size_t depth = 0;
	stack[depth++] = (struct frame){ root, t.first[root], 0 };
	while (depth > 0) {
		struct frame *f = &stack[depth - 1];
		size_t end = t.first[f->rank + 1];
		if (f->next == end) {
			depth--;
			continue;
		}
		size_t c = t.kids[f->next++];
		if (seen[c])
			continue;
		seen[c] = 1;
		int last = f->next == end;
		size_t plen = f->plen;
		draw_line(out, &line, &prefix, plen, last ? g->corner : g->tee, &t.sorted[c], style);
		counts[state_index(t.sorted[c].state)]++;
		total++;
		if (t.first[c] < t.first[c + 1]) {
			prefix.len = plen;
			sb_adds(&prefix, last ? g->blank : g->bar);
			stack[depth++] = (struct frame){ c, t.first[c], prefix.len };
		}
	}
	draw_summary(out, total, counts);

	sb_free(&prefix);
	sb_free(&line);
	free(seen);
	free(stack);
	tree_free(&t);
	return total;
}
