/* test.c - test EXPRESSION and [ EXPRESSION ] (XCU test).
 *
 * test changes nothing in the shell: it is a builtin only to save a fork
 * and an exec per call, which matters because loops call it on every
 * round (`while [ $i -lt 100000 ]`).  So it allocates nothing and uses no
 * stdio unless it reports an error.
 *
 * The words of an expression are ambiguous (is "-n" a primary or a
 * string?), so POSIX decides by the number of arguments first: up to four
 * arguments have fixed meanings, tried here in eval_count.  Only what
 * those rules leave open goes to a precedence parser (! above -a above
 * -o, parentheses), which reads the words the way dash's does, so that
 * the unspecified cases give dash's results.  Two places where dash
 * 0.5.12 does not do what POSIX says follow POSIX (see the man page):
 * with three arguments, -a and -o in the middle are binary primaries like
 * the others (`[ ! -a x ]` is true); and a ! that starts a four-argument
 * test negates the three-argument test after it even when that starts
 * with ! too.  -nt and -ot follow POSIX 2024 when a file is missing.
 *
 * Exit status: 0 true, 1 false, 2 after an error (a bad integer, a
 * missing operand or parenthesis, a word left over, `[` without `]`).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/shell.h"
#include "../shell/stack.h"

/* Every word test knows, in groups: unary primaries, binary primaries,
 * then the words that combine them. */
enum op {
	OP_NONE, /* a plain string */
	U_b, U_c, U_d, U_e, U_f, U_g, U_G, U_h, U_k, U_L, U_n, U_O, U_p, U_r, U_s, U_S, U_t, U_u,
	U_w, U_x, U_z,
	S_EQ, S_NE, S_LT, S_GT, I_EQ, I_NE, I_GT, I_GE, I_LT, I_LE, F_NT, F_OT, F_EF,
	OP_NOT, OP_AND, OP_OR, OP_LPAREN, OP_RPAREN,
	OP_END /* past the last argument */
};

#define IS_UNARY(op) ((op) >= U_b && (op) <= U_z)
#define IS_BINARY(op) ((op) >= S_EQ && (op) <= F_EF)

/* The expression being read: its words and where the parser is. */
struct texpr {
	char **av;
	int n;
	int pos;
	int err;          /* an error was reported: the status is 2 */
	const char *name; /* "test" or "[" */
};

/* Which word s is, by a switch instead of a table search: `[` runs
 * for every round of many loops. */
static enum op classify(const char *s)
{
	switch (s[0]) {
	case '-':
		if (!s[1])
			return OP_NONE;
		if (!s[2]) {
			switch (s[1]) {
			case 'a': return OP_AND;
			case 'b': return U_b;
			case 'c': return U_c;
			case 'd': return U_d;
			case 'e': return U_e;
			case 'f': return U_f;
			case 'g': return U_g;
			case 'G': return U_G;
			case 'h': return U_h;
			case 'k': return U_k;
			case 'L': return U_L;
			case 'n': return U_n;
			case 'o': return OP_OR;
			case 'O': return U_O;
			case 'p': return U_p;
			case 'r': return U_r;
			case 's': return U_s;
			case 'S': return U_S;
			case 't': return U_t;
			case 'u': return U_u;
			case 'w': return U_w;
			case 'x': return U_x;
			case 'z': return U_z;
			default: return OP_NONE;
			}
		}
		if (s[3])
			return OP_NONE;
		switch (s[1]) {
		case 'e': return s[2] == 'q' ? I_EQ : s[2] == 'f' ? F_EF : OP_NONE;
		case 'n': return s[2] == 'e' ? I_NE : s[2] == 't' ? F_NT : OP_NONE;
		case 'g': return s[2] == 't' ? I_GT : s[2] == 'e' ? I_GE : OP_NONE;
		case 'l': return s[2] == 't' ? I_LT : s[2] == 'e' ? I_LE : OP_NONE;
		case 'o': return s[2] == 't' ? F_OT : OP_NONE;
		default: return OP_NONE;
		}
	case '=': return s[1] ? OP_NONE : S_EQ;
	case '<': return s[1] ? OP_NONE : S_LT;
	case '>': return s[1] ? OP_NONE : S_GT;
	case '(': return s[1] ? OP_NONE : OP_LPAREN;
	case ')': return s[1] ? OP_NONE : OP_RPAREN;
	case '!':
		if (!s[1])
			return OP_NOT;
		return s[1] == '=' && !s[2] ? S_NE : OP_NONE;
	default: return OP_NONE;
	}
}

/* Report the first error of this test (what, about arg if not NULL); a
 * parse goes on to its end quietly after it. */
static void bad(struct texpr *t, const char *what, const char *arg)
{
	if (t->err++)
		return;
	if (arg)
		sh_error("%s: %s: %s", t->name, *arg ? sh_arg(arg) : "''", what);
	else
		sh_error("%s: %s", t->name, what);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* An integer operand: blanks, an optional sign, decimal digits, blanks
 * (what dash accepts: strtoimax's base 10, and trailing blanks).  Written
 * out rather than with strtoimax because `[ $i -lt N ]` reads two per
 * loop round, and the errors are told apart here without errno.  Returns
 * 1 and sets *v, or 0 after an error. */
static int get_int(struct texpr *t, const char *s, intmax_t *v)
{
	const char *p = s;
	while (is_blank(*p))
		p++;
	int neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9') {
		bad(t, "not an integer", s);
		return 0;
	}
	while (*p == '0')
		p++;
	/* 19 digits cannot wrap a uintmax_t; more are out of range anyway. */
	const char *digits = p;
	uintmax_t u = 0;
	for (; *p >= '0' && *p <= '9'; p++)
		u = u * 10 + (unsigned)(*p - '0');
	if (p - digits > 19 || u > (uintmax_t)INTMAX_MAX + neg) {
		bad(t, "integer out of range", s);
		return 0;
	}
	while (is_blank(*p))
		p++;
	if (*p) {
		bad(t, "not an integer", s);
		return 0;
	}
	/* -u computed in unsigned arithmetic reaches INTMAX_MIN too. */
	*v = neg ? (intmax_t)(0 - u) : (intmax_t)u;
	return 1;
}

/* Is file a newer than file b?  POSIX 2024: also when a exists and b
 * does not. */
static int newer(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) != 0)
		return 0;
	if (stat(b, &sb) != 0)
		return 1;
	if (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec)
		return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec;
	return sa.st_mtim.tv_nsec > sb.st_mtim.tv_nsec;
}

/* A unary primary on its operand: 1 true, 0 false (or an error). */
static int unary(struct texpr *t, enum op op, const char *arg)
{
	struct stat st;
	intmax_t fd;
	switch (op) {
	case U_n: return arg[0] != '\0';
	case U_z: return arg[0] == '\0';
	case U_t: return get_int(t, arg, &fd) && fd >= 0 && fd <= INT_MAX && isatty((int)fd);
	/* Permission as the kernel would grant it to this process (its
	 * effective IDs; root may read anything but run only what some x
	 * bit allows). */
	case U_r: return faccessat(AT_FDCWD, arg, R_OK, AT_EACCESS) == 0;
	case U_w: return faccessat(AT_FDCWD, arg, W_OK, AT_EACCESS) == 0;
	case U_x: return faccessat(AT_FDCWD, arg, X_OK, AT_EACCESS) == 0;
	case U_h:
	case U_L: return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
	default: break;
	}
	if (stat(arg, &st) != 0)
		return 0;
	switch (op) {
	case U_b: return S_ISBLK(st.st_mode);
	case U_c: return S_ISCHR(st.st_mode);
	case U_d: return S_ISDIR(st.st_mode);
	case U_f: return S_ISREG(st.st_mode);
	case U_p: return S_ISFIFO(st.st_mode);
	case U_S: return S_ISSOCK(st.st_mode);
	case U_s: return st.st_size > 0;
	case U_u: return (st.st_mode & S_ISUID) != 0;
	case U_g: return (st.st_mode & S_ISGID) != 0;
	case U_k: return (st.st_mode & S_ISVTX) != 0;
	case U_O: return st.st_uid == geteuid();
	case U_G: return st.st_gid == getegid();
	default: return 1; /* -e */
	}
}

/* A binary primary: 1 true, 0 false (or an error). */
static int binary(struct texpr *t, const char *a, enum op op, const char *b)
{
	struct stat sa, sb;
	intmax_t x, y;
	switch (op) {
	case S_EQ: return strcmp(a, b) == 0;
	case S_NE: return strcmp(a, b) != 0;
	case S_LT: return strcoll(a, b) < 0;
	case S_GT: return strcoll(a, b) > 0;
	case F_NT: return newer(a, b);
	case F_OT: return newer(b, a);
	case F_EF:
		return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
		       sa.st_ino == sb.st_ino;
	default: break;
	}
	/* Both operands are read, left first, before comparing. */
	if (!get_int(t, a, &x) || !get_int(t, b, &y))
		return 0;
	switch (op) {
	case I_EQ: return x == y;
	case I_NE: return x != y;
	case I_GT: return x > y;
	case I_GE: return x >= y;
	case I_LT: return x < y;
	default: return x <= y; /* -le */
	}
}

/* ---- the precedence parser, for what the argument count leaves open ---- */

/* The word at i as the parser sees it.  A unary primary is a string when
 * it is the last word, or when a binary primary follows it with a word
 * after that ([ -n = -n ]); "(" is a string when it is the last word. */
static enum op lex(const struct texpr *t, int i)
{
	if (i >= t->n)
		return OP_END;
	enum op op = classify(t->av[i]);
	if (IS_UNARY(op) &&
	    (i + 1 >= t->n || (i + 2 < t->n && IS_BINARY(classify(t->av[i + 1])))))
		return OP_NONE;
	if (op == OP_LPAREN && i + 1 >= t->n)
		return OP_NONE;
	return op;
}

static int or_expr(struct texpr *t, enum op op);

/* primary: ( expr ) | unary-primary word | word binary-primary word | word.
 * op is the word at t->pos; the parser is left on the last word used. */
static int primary(struct texpr *t, enum op op)
{
	if (t->err || op == OP_END)
		return 0;
	if (op == OP_LPAREN) {
		if (stack_low(STACK_RESERVE)) {
			bad(t, "parentheses nested too deeply", NULL);
			return 0;
		}
		enum op next = lex(t, ++t->pos);
		if (next == OP_RPAREN)
			return 0; /* ( ) is false */
		int r = or_expr(t, next);
		if (lex(t, ++t->pos) != OP_RPAREN)
			bad(t, "missing )", NULL);
		return r;
	}
	if (IS_UNARY(op)) {
		if (++t->pos >= t->n) {
			bad(t, "no operand after it", t->av[t->pos - 1]);
			return 0;
		}
		return unary(t, op, t->av[t->pos]);
	}
	if (IS_BINARY(lex(t, t->pos + 1))) {
		const char *a = t->av[t->pos];
		enum op bop = classify(t->av[++t->pos]);
		if (++t->pos >= t->n) {
			bad(t, "no operand after it", t->av[t->pos - 1]);
			return 0;
		}
		return binary(t, a, bop, t->av[t->pos]);
	}
	return t->av[t->pos][0] != '\0';
}

/* ! ... ! primary, each ! negating (a loop: a million of them must not
 * use a million stack frames).  A ! that is the last word stands for a
 * missing primary, which is false. */
static int not_expr(struct texpr *t, enum op op)
{
	int neg = 0;
	while (op == OP_NOT) {
		op = lex(t, t->pos + 1);
		if (op != OP_END)
			t->pos++;
		neg ^= 1;
	}
	return primary(t, op) ^ neg;
}

/* not-expr { -a not-expr }: every operand is evaluated (no short cut),
 * so that a bad integer anywhere is reported, as in dash. */
static int and_expr(struct texpr *t, enum op op)
{
	int r = 1;
	for (;;) {
		if (!not_expr(t, op))
			r = 0;
		if (t->err || lex(t, t->pos + 1) != OP_AND)
			return r;
		t->pos += 2;
		op = lex(t, t->pos);
	}
}

static int or_expr(struct texpr *t, enum op op)
{
	int r = 0;
	for (;;) {
		r |= and_expr(t, op);
		if (t->err || lex(t, t->pos + 1) != OP_OR)
			return r;
		t->pos += 2;
		op = lex(t, t->pos);
	}
}

static int parse(struct texpr *t, char **av, int n)
{
	t->av = av;
	t->n = n;
	t->pos = 0;
	int r = or_expr(t, lex(t, 0));
	if (!t->err && t->pos + 1 < t->n)
		bad(t, "unexpected argument", t->av[t->pos + 1]);
	return r;
}

/* ---- POSIX's rules by the number of arguments ---- */

static int is_word(const char *s, char c)
{
	return s[0] == c && !s[1];
}

/* The truth of the n words at av: 1 or 0 (t->err set after an error). */
static int eval_count(struct texpr *t, char **av, int n)
{
	enum op op;
	switch (n) {
	case 0:
		return 0;
	case 1:
		return av[0][0] != '\0';
	case 2:
		if (is_word(av[0], '!'))
			return av[1][0] == '\0';
		op = classify(av[0]);
		if (IS_UNARY(op))
			return unary(t, op, av[1]);
		break;
	case 3:
		op = classify(av[1]);
		if (IS_BINARY(op))
			return binary(t, av[0], op, av[2]);
		if (op == OP_AND)
			return av[0][0] != '\0' && av[2][0] != '\0';
		if (op == OP_OR)
			return av[0][0] != '\0' || av[2][0] != '\0';
		if (is_word(av[0], '!'))
			return !eval_count(t, av + 1, 2);
		if (is_word(av[0], '(') && is_word(av[2], ')'))
			return av[1][0] != '\0';
		break;
	case 4:
		if (is_word(av[0], '!'))
			return !eval_count(t, av + 1, 3);
		if (is_word(av[0], '(') && is_word(av[3], ')'))
			return eval_count(t, av + 1, 2);
		break;
	default:
		break;
	}
	return parse(t, av, n);
}

int bi_test(int argc, char **argv)
{
	struct texpr t = { .name = argv[0] };
	if (is_word(argv[0], '[')) {
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
			bad(&t, "missing ]", NULL);
			return 2;
		}
		argc--;
	}
	int r = eval_count(&t, argv + 1, argc - 1);
	return t.err ? 2 : !r;
}
