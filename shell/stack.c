/* stack.c - the stack budget (see stack.h). */
#include "stack.h"

#include <stdint.h>
#include <sys/resource.h>

static uintptr_t base;
static size_t limit;

void stack_init(void)
{
	char here;
	struct rlimit rl;
	base = (uintptr_t)&here;
	/* Unlimited or unknown: assume the usual 8 MiB, so a runaway recursion
	 * still ends with a message instead of eating all memory. */
	limit = 8u << 20;
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < ((rlim_t)1 << 30))
		limit = (size_t)rl.rlim_cur;
	/* What the loader, the environment and main's callers already took. */
	limit = limit > 64 * 1024 ? limit - 64 * 1024 : 0;
}

int stack_low(size_t reserve)
{
	char here;
	if (!base)
		stack_init();
	uintptr_t at = (uintptr_t)&here;
	size_t used = base > at ? base - at : 0;
	return used + reserve > limit;
}
