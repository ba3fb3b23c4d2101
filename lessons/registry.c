/* registry.c - the table of lessons, in the chapter's order (the numbers
 * of shared/LESSONS.md; lessons not written yet are simply not here). */
#include "lessons.h"

extern const struct lesson fork_lesson, counter_lesson, memory_lesson, forkexec_lesson;
extern const struct lesson shell_lesson;
extern const struct lesson system_lesson;
extern const struct lesson spawn_lesson;
extern const struct lesson zombies_lesson;
extern const struct lesson orphans_lesson;
extern const struct lesson execfail_lesson;
extern const struct lesson exec_lesson;
extern const struct lesson fds_lesson;
extern const struct lesson noexit_lesson;

const struct lesson *const lesson_table[] = {
	&fork_lesson,
	&counter_lesson,
	&noexit_lesson,
	&memory_lesson,
	&fds_lesson,
	&fds_lesson,
	&forkexec_lesson,
	&exec_lesson,
	&execfail_lesson,
	&orphans_lesson,
	&zombies_lesson,
	&spawn_lesson,
	&system_lesson,
	&shell_lesson,
	NULL,
};
