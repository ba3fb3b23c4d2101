/* fakeglob.c - glob(3) over a small made-up directory tree, for fuzzing.
 *
 * The expansion target is linked with -Wl,--wrap=glob, so expand.c's call to
 * glob lands here.  We call the real glob with GLOB_ALTDIRFUNC and directory
 * functions that show the same few entries in every directory, so patterns
 * are matched by the real glob(3) code, but never against the real file
 * system: a fuzzer-made pattern like / * / * / * / * over /proc could
 * otherwise take minutes.  Every directory holds the names below; only
 * "dir" (and ".", "..", "/") are directories themselves.
 */
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int __real_glob(const char *pattern, int flags, int (*errfunc)(const char *, int), glob_t *g);
/* What expand.c calls instead of glob (-Wl,--wrap=glob): the real glob,
 * told to read directories through the functions above.  Returns what
 * glob returns. */
int __wrap_glob(const char *pattern, int flags, int (*errfunc)(const char *, int), glob_t *g);

static const char *const names[] = {
	".", "..", "a.c", "b.c", "c.h", "dir", ".hidden", "sp ace", "!x", "[a]", "*", "back\\slash", "é",
};
#define NNAMES (sizeof names / sizeof names[0])

struct fakedir {
	size_t next;
	struct dirent ent;
};

/* Is the last component of path one of our directories? */
static int is_dir_path(const char *path)
{
	const char *last = strrchr(path, '/');
	last = last ? last + 1 : path;
	return *last == '\0' || strcmp(last, ".") == 0 || strcmp(last, "..") == 0 || strcmp(last, "dir") == 0;
}

/* Does path name anything in the made-up tree?  Its last component must be
 * one of the names and every earlier component a directory. */
static int exists(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return 0;
	int ok = 1;
	char *save = NULL;
	char *parts[64];
	size_t n = 0;
	for (char *p = strtok_r(copy, "/", &save); p && ok; p = strtok_r(NULL, "/", &save)) {
		if (n == 64)
			ok = 0;
		else
			parts[n++] = p;
	}
	for (size_t i = 0; ok && i < n; i++) {
		int found = 0;
		for (size_t k = 0; k < NNAMES && !found; k++)
			found = strcmp(parts[i], names[k]) == 0;
		ok = found && (i + 1 == n || is_dir_path(parts[i]));
	}
	free(copy);
	return ok;
}

/* opendir for the made-up tree: a handle on the same entries for every
 * directory, or NULL with errno ENOENT for anything else. */
static void *fake_opendir(const char *path)
{
	if (!exists(path) || !is_dir_path(path)) {
		errno = ENOENT;
		return NULL;
	}
	return calloc(1, sizeof(struct fakedir));
}

/* The next made-up entry, or NULL at the end (never an error). */
static struct dirent *fake_readdir(void *handle)
{
	struct fakedir *d = handle;
	if (d->next == NNAMES)
		return NULL;
	const char *name = names[d->next++];
	memset(&d->ent, 0, sizeof d->ent);
	strcpy(d->ent.d_name, name);
	d->ent.d_type = is_dir_path(name) ? DT_DIR : DT_REG;
	return &d->ent;
}

/* Free a handle from fake_opendir. */
static void fake_closedir(void *handle)
{
	free(handle);
}

/* stat and lstat for the made-up tree: 0 and a mode, or -1 with ENOENT. */
static int fake_stat(const char *path, struct stat *st)
{
	if (!exists(path)) {
		errno = ENOENT;
		return -1;
	}
	memset(st, 0, sizeof *st);
	st->st_mode = is_dir_path(path) ? S_IFDIR | 0755 : S_IFREG | 0644;
	return 0;
}

int __wrap_glob(const char *pattern, int flags, int (*errfunc)(const char *, int), glob_t *g)
{
	memset(g, 0, sizeof *g);
	g->gl_opendir = fake_opendir;
	g->gl_readdir = fake_readdir;
	g->gl_closedir = fake_closedir;
	g->gl_stat = fake_stat;
	g->gl_lstat = fake_stat;
	return __real_glob(pattern, flags | GLOB_ALTDIRFUNC, errfunc, g);
}
