/* pathexp.c - pathname expansion (see pathexp.h). */
#include "pathexp.h"

#include <glob.h>
#include <limits.h>
#include <string.h>

#include "stack.h"

/* Stack glibc's glob needs per directory level of a pattern, measured
 * generously (its frames plus the directory buffers it keeps). */
#define GLOB_STACK_PER_LEVEL 1200

size_t pathname_expand(const char *pattern, struct strvec *out)
{
	size_t len = strlen(pattern), levels = 1;
	if (len > PATH_MAX)
		return 0;
	for (const char *s = pattern; *s; s++)
		levels += *s == '/';
	if (stack_low(STACK_RESERVE + levels * GLOB_STACK_PER_LEVEL))
		return 0;
	glob_t g;
	memset(&g, 0, sizeof g);
	if (glob(pattern, 0, NULL, &g) != 0) {
		globfree(&g);
		return 0;
	}
	for (size_t i = 0; i < g.gl_pathc; i++)
		sv_push(out, xstrdup(g.gl_pathv[i]));
	size_t n = g.gl_pathc;
	globfree(&g);
	return n;
}
