/* wordfmt.h - a compact picture of a parsed word's parts, for the lexer
 * and parser tests to compare with what they expect.
 *
 * Parts are separated by one space:
 *   L[text]    unquoted literal text       Q[text]   quoted literal text
 *   P[name]    $name (op and colon after the name: P[x:-], P[x##],
 *              P[x len] for ${#x}), then {word} for the operator's word
 *   C[text]    $(...) as node_text writes its tree back
 *   B[text]    `...`, the same way
 *   A{word}    $((...)) and its expression's parts
 *   T[user]    a tilde prefix; T=[user] one after = or : of an assignment
 * A part that is not literal text but stands inside double quotes gets a
 * leading q (qP[x]).
 *
 * Include after <cmocka.h>; the functions are static inline so that a
 * program that uses only some of them is not warned about the others.
 */
#ifndef FORKSH_TEST_WORDFMT_H
#define FORKSH_TEST_WORDFMT_H

#include <stdlib.h>

#include "../../shell/node.h"
#include "../../shell/util.h"

static inline const char *wordfmt_op(enum param_op op)
{
	static const char *const names[] = {
		[PO_NONE] = "", [PO_LENGTH] = " len", [PO_DEFAULT] = "-", [PO_ASSIGN] = "=", [PO_ERROR] = "?",
		[PO_ALT] = "+", [PO_RSMALL] = "%", [PO_RLARGE] = "%%", [PO_LSMALL] = "#", [PO_LLARGE] = "##",
	};
	return names[op];
}

/* Append the picture of w to sb. */
static inline void wordfmt_add(const struct word *w, struct strbuf *sb)
{
	for (size_t i = 0; i < w->nparts; i++) {
		const struct wpart *p = &w->parts[i];
		if (i)
			sb_addc(sb, ' ');
		if (p->quoted && p->kind != WP_LIT)
			sb_addc(sb, 'q');
		switch (p->kind) {
		case WP_LIT:
			sb_adds(sb, p->quoted ? "Q[" : "L[");
			sb_addn(sb, p->text, p->len);
			sb_addc(sb, ']');
			break;
		case WP_PARAM:
			sb_adds(sb, "P[");
			sb_adds(sb, p->text);
			if (p->colon)
				sb_addc(sb, ':');
			sb_adds(sb, wordfmt_op(p->op));
			sb_addc(sb, ']');
			if (p->arg) {
				sb_addc(sb, '{');
				wordfmt_add(p->arg, sb);
				sb_addc(sb, '}');
			}
			break;
		case WP_CMDSUB: {
			char *t = node_text(p->tree);
			sb_adds(sb, p->backquote ? "B[" : "C[");
			sb_adds(sb, t);
			sb_addc(sb, ']');
			free(t);
			break;
		}
		case WP_ARITH:
			sb_adds(sb, "A{");
			wordfmt_add(p->arg, sb);
			sb_addc(sb, '}');
			break;
		case WP_TILDE:
			sb_adds(sb, p->in_assign ? "T=[" : "T[");
			sb_adds(sb, p->text);
			sb_addc(sb, ']');
			break;
		}
	}
}

/* The picture of w as a new string ("" for a word with no parts). */
static inline char *wordfmt(const struct word *w)
{
	struct strbuf sb;
	sb_init(&sb);
	wordfmt_add(w, &sb);
	return sb.buf ? sb_steal(&sb) : xstrdup("");
}

#endif
