/* lesson_ui.c - what the `lesson` builtin adds to the shell around it: Tab
 * completion of lesson names and options, its longer help, and the check
 * of a pending exercise before each prompt (registered by builtins_init). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "../lessons/lessons.h"
#include "../shell/repl.h"
#include "../shell/util.h"

/* After `lesson `: lesson names, the common options, then the options of
 * the lesson named on the line. */
char *lesson_complete(const char *line, const char *text, int state)
{
	static const char *const common[] = { "--auto", "--auto=0", "--think=", "--clear", "--source",
					      "--stable-pids", "--timeline=", "--svg", "--json", "--no-color" };
	const size_t ncommon = sizeof common / sizeof common[0];
	static size_t next;
	size_t len = strlen(text);
	if (state == 0)
		next = 0;
	for (;;) {
		size_t i = next++;
		const char *cand = NULL;
		size_t nlessons = lesson_count();
		char opt[48];
		if (i < nlessons) {
			cand = lesson_name_at(i);
		} else if (i - nlessons < ncommon) {
			cand = common[i - nlessons];
		} else {
			char name[32] = "";
			sscanf(line, " lesson %31s", name);
			const struct lesson *l = lesson_find(name);
			size_t k = i - nlessons - ncommon;
			if (!l || k >= l->nopts)
				return NULL;
			snprintf(opt, sizeof opt, "--%s", l->opts[k].name);
			cand = opt;
		}
		if (strncmp(cand, text, len) == 0)
			return xstrdup(cand);
	}
}

void lesson_help_more(void)
{
	lesson_help(stdout);
}

void builtins_init(void)
{
	repl_on_prompt(lesson_exercise_poll);
}
