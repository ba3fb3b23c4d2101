/* fakesubst.c - command substitution without the fork, for fuzzing.
 *
 * The fuzz targets are linked with -Wl,--wrap=cmdsubst_expand, so the
 * expander's call for a $(...) or `...` part lands here instead of forking
 * a child to run a fuzzer-made command (rm, a fork bomb, a read from the
 * terminal).  The "output" is the command's own text as node_text writes
 * it, marked as a real substitution's output would be: unquoted, it is
 * split and globbed (over fakeglob.c's made-up tree); quoted, it is one
 * field.  The status of an assignment-only command sees 0.
 */
#include <stdlib.h>
#include <string.h>

#include "../../shell/expandi.h"

int __wrap_cmdsubst_expand(struct xbuf *x, const struct wpart *p);

/* What expand.c calls instead of cmdsubst_expand.  Returns 0. */
int __wrap_cmdsubst_expand(struct xbuf *x, const struct wpart *p)
{
	char *out = node_text(p->tree);
	size_t n = strlen(out);
	cmdsubst_note(0);
	if (p->quoted && n == 0)
		xb_qempty(x);
	else
		xb_add(x, out, n, p->quoted ? XM_QUOTED : XM_EXP);
	free(out);
	return 0;
}
