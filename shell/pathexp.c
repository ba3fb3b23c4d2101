/* pathexp.c - pathname expansion, one wildcard level at a time (see
 * pathexp.h for why not one glob(3) call for the whole pattern).
 *
 * A pattern is cut after each component that holds a wildcard:
 * "a* /b/c? /d*.txt" (without the spaces) becomes the pieces "a*", "b/c?"
 * and "d*.txt".  The first piece is globbed as it is; every name it
 * matches, quoted so that glob takes it literally, is put in front of the
 * next piece, and so on.  Each glob call thus sees wildcards in one
 * component at most, and its directory part is plain text.  The result is
 * what one glob call would give: the same names (hidden ones only for a
 * component starting with '.'), sorted the same way.
 */
#include "pathexp.h"

#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Could any name that can be opened match pattern?  Every byte of it but
 * the wildcards and the quoting backslashes stands for at least one byte of
 * a match ([...] stands for one but is longer), and open() refuses a path
 * longer than PATH_MAX.  Returns 1 when the pattern is too long to match. */
static int too_long(const char *pattern)
{
	size_t need = 0;
	for (const char *p = pattern; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '*')
			continue;
		need++;
	}
	return need > PATH_MAX;
}

/* Find the cuts: the index of each '/' that follows a component with a
 * wildcard (*, ? or [ not quoted by a backslash).  A quoted '/' is not a
 * separator here.  Returns the number of cuts written to cuts (which has
 * room for one per byte of the pattern). */
static size_t find_cuts(const char *pattern, size_t *cuts)
{
	size_t n = 0;
	int magic = 0;
	for (size_t i = 0; pattern[i]; i++) {
		char c = pattern[i];
		if (c == '\\' && pattern[i + 1]) {
			i++;
		} else if (c == '/') {
			if (magic)
				cuts[n++] = i;
			magic = 0;
		} else if (c == '*' || c == '?' || c == '[') {
			magic = 1;
		}
	}
	return n;
}

/* name, with every byte glob(3) would take as special quoted by a
 * backslash, then '/', then len bytes of piece: a pattern whose directory
 * part is exactly name.  (No prefix at all for the first piece.)  A new
 * string. */
static char *join(const char *name, const char *piece, size_t len)
{
	struct strbuf sb;
	sb_init(&sb);
	if (name) {
		for (const char *p = name; *p; p++) {
			if (strchr("\\*?[]", *p))
				sb_addc(&sb, '\\');
			sb_addc(&sb, *p);
		}
		sb_addc(&sb, '/');
	}
	sb_addn(&sb, piece, len);
	if (!sb.buf)
		sb_addn(&sb, "", 0);
	return sb_steal(&sb);
}

/* glob(3) one pattern and append its matches to out.  Returns how many. */
static size_t glob_into(const char *pattern, int flags, struct strvec *out)
{
	glob_t g;
	memset(&g, 0, sizeof g);
	size_t n = 0;
	if (glob(pattern, flags, NULL, &g) == 0) {
		for (; n < g.gl_pathc; n++)
			sv_push(out, xstrdup(g.gl_pathv[n]));
	}
	globfree(&g);
	return n;
}

static int by_collation(const void *a, const void *b)
{
	return strcoll(*(char *const *)a, *(char *const *)b);
}

size_t pathexp_expand(const char *pattern, struct strvec *out)
{
	if (too_long(pattern))
		return 0;
	size_t *cuts = xmalloc((strlen(pattern) + 1) * sizeof *cuts);
	size_t ncuts = find_cuts(pattern, cuts);

	/* names: what the pieces so far matched (NULL: nothing yet). */
	struct strvec names, next;
	sv_init(&names);
	size_t start = 0, calls = 0;
	int first = 1;
	for (size_t k = 0; k <= ncuts; k++) {
		int last = k == ncuts;
		size_t end = last ? strlen(pattern) : cuts[k];
		sv_init(&next);
		struct strvec *to = last ? out : &next;
		size_t before = to->n, found = 0;
		/* Directories only, until the last piece: only they can hold
		 * the next level. */
		int flags = last ? 0 : GLOB_ONLYDIR;
		for (size_t i = 0; first ? i < 1 : i < names.n; i++) {
			char *pat = join(first ? NULL : names.v[i], pattern + start, end - start);
			found += glob_into(pat, flags, to);
			calls++;
			free(pat);
		}
		sv_free(&names);
		names = next;
		first = 0;
		start = end + 1;
		if (found == 0)
			break;
		if (last && calls > 1)
			qsort(out->v + before, found, sizeof *out->v, by_collation);
		if (last) {
			free(cuts);
			sv_free(&names);
			return found;
		}
	}
	free(cuts);
	sv_free(&names);
	return 0;
}
