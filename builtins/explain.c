/* explain.c - the `explain` builtin: parse a command line and describe it
 * without running it.  At the prompt the whole raw line after the word
 * explain is used (see explain_intercept), so `explain ls | wc -l` sees the
 * pipe; as a builtin (in a pipeline, say) its words are joined. */
#include <stdio.h>

#include "builtins.h"
#include "../shell/explain.h"
#include "../shell/util.h"
#include "../shell/vars.h"

int bi_explain(int argc, char **argv)
{
	if (argc < 2)
		return builtin_usage(builtin_find("explain"));
	struct strbuf line;
	sb_init(&line);
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			sb_addc(&line, ' ');
		sb_adds(&line, argv[i]);
	}
	int st = explain_line(line.buf, stdout, var_locale_utf8());
	sb_free(&line);
	return st;
}
