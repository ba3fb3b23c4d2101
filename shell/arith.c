/* arith.c - the arithmetic evaluator (see arith.h): a recursive-descent
 * parser that evaluates as it goes.  Branches that short-circuit (the right
 * of && and ||, the unused arm of ?:) are parsed with evaluation off, so
 * their side effects and errors (1/0) do not happen. */
#include "arith.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"
#include "stack.h"
#include "util.h"
#include "vars.h"

struct ar {
	const char *expr;  /* the whole expression, for messages */
	const char *s;     /* the next character */
	int failed;
};

static intmax_t assignment(struct ar *a, int eval);

static int fail(struct ar *a, const char *what)
{
	if (!a->failed) {
		sh_error("arithmetic: %s in \"%s\"", what, sh_arg(a->expr));
	}
	a->failed = 1;
	return 0;
}

static void blanks(struct ar *a)
{
	while (*a->s == ' ' || *a->s == '\t' || *a->s == '\n')
		a->s++;
}

/* Wrapping arithmetic without undefined behaviour: compute in uintmax_t. */
static intmax_t wrap(uintmax_t u)
{
	intmax_t r;
	memcpy(&r, &u, sizeof r);
	return r;
}

/* A constant at *s: 0x1F, 017, 42.  Advances *s; returns -1 if the digits
 * do not form one (08, 0x). */
static int constant(const char **s, intmax_t *out)
{
	const char *p = *s;
	uintmax_t v = 0;
	int base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (!*p || !strchr("0123456789abcdefABCDEF", *p))
			return -1;
	} else if (p[0] == '0') {
		base = 8;
	}
	for (;; p++) {
		int d;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			break;
		if (d >= base)
			return -1;
		v = v * (uintmax_t)base + (uintmax_t)d;
	}
	if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_')
		return -1;
	*s = p;
	*out = wrap(v);
	return 0;
}

int arith_parse_number(const char *s, intmax_t *out)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	int neg = 0;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (*s < '0' || *s > '9')
		return -1;
	intmax_t v;
	if (constant(&s, &v) < 0)
		return -1;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s)
		return -1;
	*out = neg ? wrap(0 - (uintmax_t)v) : v;
	return 0;
}

/* The value of variable name (unset or empty: 0). */
static intmax_t var_value(struct ar *a, const char *name)
{
	const char *v = var_get(name);
	intmax_t n;
	if (!v || !*v)
		return 0;
	if (arith_parse_number(v, &n) < 0) {
		if (!a->failed) {
			sh_error("Illegal number: %s", sh_arg(v));
		}
		a->failed = 1;
		return 0;
	}
	return n;
}

static int is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* A variable name read from the expression: in the caller's small buffer
 * when it fits (the usual case: no malloc per $((i+1))), else on the heap
 * (names have no length limit). */
struct name {
	char small[64];
	char *heap;
	const char *s;
};

/* The name at a->s into nm.  Returns 1, or 0 if there is none.  A $ is
 * not part of it: $x in $((...)) was expanded before the expression got
 * here, so a $ left in it came from a value and is an error, as in dash
 * (u='$a'; $((u + 1)) must not read a).  name_done() releases it. */
static int read_name(struct ar *a, struct name *nm)
{
	const char *p = a->s;
	if (!is_name_start(*p))
		return 0;
	const char *start = p;
	while (is_name_start(*p) || (*p >= '0' && *p <= '9'))
		p++;
	a->s = p;
	size_t n = (size_t)(p - start);
	nm->heap = NULL;
	if (n < sizeof nm->small) {
		memcpy(nm->small, start, n);
		nm->small[n] = '\0';
		nm->s = nm->small;
	} else {
		nm->s = nm->heap = xstrndup(start, n);
	}
	return 1;
}

static void name_done(struct name *nm)
{
	free(nm->heap);
}

static intmax_t unary(struct ar *a, int eval);

/* primary := constant | name | ( expression ) */
static intmax_t primary(struct ar *a, int eval)
{
	blanks(a);
	if (*a->s == '(') {
		a->s++;
		intmax_t v = assignment(a, eval);
		blanks(a);
		if (*a->s != ')')
			return fail(a, "missing ')'");
		a->s++;
		return v;
	}
	if (*a->s >= '0' && *a->s <= '9') {
		intmax_t v;
		if (constant(&a->s, &v) < 0)
			return fail(a, "bad number");
		return v;
	}
	struct name nm;
	if (read_name(a, &nm)) {
		intmax_t v = eval ? var_value(a, nm.s) : 0;
		name_done(&nm);
		return v;
	}
	return fail(a, *a->s ? "expected a number or a variable" : "the expression ends too early");
}

static intmax_t unary(struct ar *a, int eval)
{
	/* ((((...)))) and - - - ... recurse once per level */
	if (stack_low(STACK_RESERVE))
		return fail(a, "nested too deeply");
	blanks(a);
	char c = *a->s;
	if (c == '+' || c == '-') {
		/* ++ and -- (increment, decrement) are not part of POSIX sh:
		 * before a number they are two signs (--1 is 1, as in dash),
		 * but ++x would quietly leave x as it is, so it is refused */
		if (a->s[1] == c && is_name_start(a->s[2]))
			return fail(a, c == '+' ? "++ (increment) is not part of sh: write x=$((x+1))"
						: "-- (decrement) is not part of sh: write x=$((x-1))");
		a->s++;
		intmax_t v = unary(a, eval);
		return c == '-' ? wrap(0 - (uintmax_t)v) : v;
	}
	if (c == '~' || c == '!') {
		a->s++;
		intmax_t v = unary(a, eval);
		return c == '~' ? ~v : !v;
	}
	return primary(a, eval);
}

/* A binary operator: its text and precedence level (higher binds tighter). */
struct binop {
	char op[3];
	int level;
};

/* The binary operator at a->s, or NULL (none, or an assignment operator
 * such as += or <<=, which only assignment() takes).  A switch on the
 * first character: this runs for every operator of every $((...)). */
static int peek_binop(struct ar *a, struct binop *b)
{
	blanks(a);
	const char *s = a->s;
	char c = s[0];
	if (!c)
		return 0;
	char d = s[1];
	int level = 0, len = 1;
	switch (c) {
	case '|': level = d == '|' ? 1 : 3; len = d == '|' ? 2 : 1; break;
	case '&': level = d == '&' ? 2 : 5; len = d == '&' ? 2 : 1; break;
	case '^': level = 4; break;
	case '=': if (d != '=') return 0; level = 6; len = 2; break;
	case '!': if (d != '=') return 0; level = 6; len = 2; break;
	case '<':
	case '>':
		if (d == c) {
			level = 8;
			len = 2;
		} else {
			level = 7;
			len = d == '=' ? 2 : 1;
		}
		break;
	case '+': case '-': level = 9; break;
	case '*': case '/': case '%': level = 10; break;
	default: return 0;
	}
	/* an operator followed by '=' is an assignment (+=, <<=, |=), except
	 * the comparisons <= >= == != themselves */
	if (s[len] == '=' && !(level == 6 || (level == 7 && len == 1)))
		return 0;
	b->op[0] = c;
	b->op[1] = len == 2 ? d : '\0';
	b->op[2] = '\0';
	b->level = level;
	return len;
}

static intmax_t apply(struct ar *a, const char *op, intmax_t x, intmax_t y, int eval)
{
	uintmax_t ux = (uintmax_t)x, uy = (uintmax_t)y;
	switch (op[0]) {
	case '+': return wrap(ux + uy);
	case '-': return wrap(ux - uy);
	case '*': return wrap(ux * uy);
	case '/':
	case '%':
		if (!eval)
			return 0;
		if (y == 0)
			return fail(a, "division by zero");
		if (x == INTMAX_MIN && y == -1)
			return op[0] == '/' ? INTMAX_MIN : 0;
		return op[0] == '/' ? x / y : x % y;
	case '<':
		if (op[1] == '<')
			return wrap(ux << (uy & 63));
		return op[1] == '=' ? x <= y : x < y;
	case '>':
		if (op[1] == '>')
			return x >> (uy & 63);
		return op[1] == '=' ? x >= y : x > y;
	case '=': return x == y;
	case '!': return x != y;
	case '&': return x & y;
	case '|': return x | y;
	case '^': return x ^ y;
	}
	return 0;
}

/* Precedence climbing over the binary operators of level >= min. */
static intmax_t binary(struct ar *a, int min, int eval)
{
	intmax_t x = unary(a, eval);
	struct binop b;
	int len;
	while (!a->failed && (len = peek_binop(a, &b)) && b.level >= min) {
		a->s += len;
		if (b.level <= 2) {
			/* && and ||: the right side runs only when it decides */
			int decided = b.level == 1 ? x != 0 : x == 0;
			intmax_t y = binary(a, b.level + 1, eval && !decided);
			x = decided ? b.level == 1 : y != 0;
			continue;
		}
		intmax_t y = binary(a, b.level + 1, eval);
		x = apply(a, b.op, x, y, eval);
	}
	return x;
}

/* conditional := binary [? assignment : conditional] */
static intmax_t conditional(struct ar *a, int eval)
{
	intmax_t c = binary(a, 1, eval);
	blanks(a);
	if (a->failed || *a->s != '?')
		return c;
	a->s++;
	intmax_t x = assignment(a, eval && c);
	blanks(a);
	if (*a->s != ':')
		return fail(a, "'?' without its ':'");
	a->s++;
	intmax_t y = conditional(a, eval && !c);
	return c ? x : y;
}

/* The assignment operator at s (= *= /= %= += -= <<= >>= &= ^= |=):
 * its length, with the binary operator it applies in op ("" for =); 0 for
 * none (== is a comparison, not an assignment). */
static int assign_op(const char *s, char op[3])
{
	op[0] = op[1] = op[2] = '\0';
	if (!s[0])
		return 0;
	if (s[0] == '=')
		return s[1] == '=' ? 0 : 1;
	if (strchr("*/%+-&^|", s[0]) && s[1] == '=') {
		op[0] = s[0];
		return 2;
	}
	if ((s[0] == '<' || s[0] == '>') && s[1] == s[0] && s[2] == '=') {
		op[0] = op[1] = s[0];
		return 3;
	}
	return 0;
}

/* assignment := NAME (= | op=) assignment | conditional */
static intmax_t assignment(struct ar *a, int eval)
{
	if (stack_low(STACK_RESERVE))
		return fail(a, "nested too deeply"); /* a = b = c = ... recurses too */
	blanks(a);
	const char *start = a->s;
	char op[3];
	int len;
	struct name nm;
	if (read_name(a, &nm)) {
		blanks(a);
		if ((len = assign_op(a->s, op)) > 0) {
			a->s += len;
			intmax_t v = assignment(a, eval);
			if (!a->failed && eval && op[0])
				v = apply(a, op, var_value(a, nm.s), v, eval);
			if (!a->failed && eval) {
				char buf[32];
				fmt_intmax(buf, v);
				if (var_set(nm.s, buf) < 0)
					a->failed = 1;
			}
			name_done(&nm);
			return v;
		}
		name_done(&nm);
	}
	a->s = start;
	return conditional(a, eval);
}

int arith_eval(const char *expr, intmax_t *result)
{
	struct ar a = { expr, expr, 0 };
	blanks(&a);
	if (!*a.s) {
		fail(&a, "the expression is empty");
		return -1;
	}
	intmax_t v = assignment(&a, 1);
	blanks(&a);
	if (!a.failed && *a.s)
		fail(&a, "unexpected text after the expression");
	if (a.failed)
		return -1;
	*result = v;
	return 0;
}
