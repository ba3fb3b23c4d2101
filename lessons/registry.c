/* registry.c - the table of lessons, in the chapter's order (the numbers
 * of shared/LESSONS.md). */
#include "lessons.h"

extern const struct lesson fork_lesson, counter_lesson, noexit_lesson, memory_lesson, fds_lesson,
	forkexec_lesson, exec_lesson, execfail_lesson, orphans_lesson, zombies_lesson, spawn_lesson,
	system_lesson, shell_lesson, subshell_lesson, yours_lesson;

const struct lesson *const lesson_table[] = {
	&fork_lesson,
	&counter_lesson,
	&noexit_lesson,
	&memory_lesson,
	&fds_lesson,
	&forkexec_lesson,
	&exec_lesson,
	&execfail_lesson,
	&orphans_lesson,
	&zombies_lesson,
	&spawn_lesson,
	&system_lesson,
	&shell_lesson,
	&subshell_lesson,
	&yours_lesson,
	NULL,
};
