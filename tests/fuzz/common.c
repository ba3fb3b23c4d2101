/* common.c - helpers shared by the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <stdlib.h>

#include "../../shell/util.h"

/* The bytes as the line reader would hand them to the parser; see fuzz.h.
 * Cannot fail (out of memory ends the process, as in the shell). */
char *fuzz_line(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 2);
	size_t n = 0;
	for (size_t i = 0; i < size; i++)
		if (data[i] != '\0')
			s[n++] = (char)data[i];
	if (n == 0 || s[n - 1] != '\n')
		s[n++] = '\n';
	s[n] = '\0';
	return s;
}

/* One /dev/null stream for the whole run, made stdio's stderr too; falls
 * back to the real stderr if /dev/null cannot be opened.  Never NULL. */
FILE *fuzz_quiet(void)
{
	static FILE *sink;
	if (sink)
		return sink;
	sink = fopen("/dev/null", "w");
	if (!sink)
		return sink = stderr;
	/* glibc lets a program point stderr elsewhere; libFuzzer keeps its own
	 * copy of the original stream for its reports. */
	stderr = sink;
	return sink;
}
