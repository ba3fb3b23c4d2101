/* replay.c - run a fuzz target over saved inputs, without libFuzzer.
 *
 * `make test` builds each target with this main and the ordinary compiler,
 * then feeds it the seed corpus and every crash input the fuzzer found
 * (tests/fuzz/regress/), so a fixed bug stays fixed on any machine.  Each
 * argument is a file or a directory of files.  A crash kills the program;
 * otherwise it prints how many inputs it ran and exits 0 (1 if an input
 * could not be read).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Read a whole file into a new buffer; returns NULL (and says why) on
 * error. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stdout, "replay: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			uint8_t *bigger = realloc(buf, cap *= 2);
			if (!bigger)
				free(buf);
			buf = bigger;
		}
	}
	fclose(f);
	*size = n;
	return buf;
}

/* Run one file, or every regular file in a directory.  Returns the number
 * of inputs run, or -1 if one could not be read. */
static long run_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		fprintf(stdout, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (!d)
			return -1;
		long total = 0;
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			char sub[4096];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			long n = run_path(sub);
			if (n < 0) {
				closedir(d);
				return -1;
			}
			total += n;
		}
		closedir(d);
		return total;
	}
	size_t size = 0;
	uint8_t *data = slurp(path, &size);
	if (!data)
		return -1;
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 1;
}

/* Feed every file named (or found in a directory named) to the target.
 * Returns 0, or 1 if an input could not be read. */
int main(int argc, char **argv)
{
	long total = 0;
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		long n = run_path(argv[i]);
		if (n < 0)
			return 1;
		total += n;
	}
	printf("%s: %ld inputs replayed, no crash\n", argv[0], total);
	return 0;
}
