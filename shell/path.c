/* path.c - the PATH search shared by `type` and the error messages of a
 * failed execvp, so both agree with what execvp itself does. */
#include "path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "vars.h"

int path_is_executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int path_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

char *path_search(const char *name, int (*accept)(const char *path))
{
	return path_search_in(var_get("PATH"), name, accept);
}

char *path_default(void)
{
	size_t n = confstr(_CS_PATH, NULL, 0);
	char *p = xmalloc(n ? n : 16);
	if (!n || confstr(_CS_PATH, p, n) == 0)
		strcpy(p, "/bin:/usr/bin");
	return p;
}

char *path_search_in(const char *path, const char *name, int (*accept)(const char *path))
{
	if (strchr(name, '/'))
		return accept(name) ? xstrdup(name) : NULL;
	if (!path)
		path = "/bin:/usr/bin";
	struct strbuf full;
	sb_init(&full);
	for (const char *p = path;;) {
		const char *colon = strchrnul(p, ':');
		sb_reset(&full);
		if (colon > p) {
			sb_addn(&full, p, (size_t)(colon - p));
			sb_addc(&full, '/');
		}
		sb_adds(&full, name);
		if (accept(full.buf))
			return sb_steal(&full);
		if (!*colon)
			break;
		p = colon + 1;
	}
	sb_free(&full);
	return NULL;
}
