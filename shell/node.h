/* node.h - the parse tree: words split into parts, redirections, and one
 * struct per kind of command.
 *
 * The parser (parse*.c) builds these; the executor (eval.c), the expander
 * (expand.c), the printer (nodefmt.c), `explain` and the free routine
 * (node.c) walk them.  Every kind is listed once, in NODE_KINDS, and each
 * walker switches over enum node_type without a default case, so the
 * compiler names any walker that forgets a kind.
 *
 * Words are parsed once, when they are read: a word is a list of parts
 * (literal text, quoted or not; a parameter with its operator; a command
 * substitution holding its own parsed tree; an arithmetic expression; a
 * tilde prefix).  Quoting is decided here and nowhere else: the expander
 * never scans raw text for quotes again.
 */
#ifndef FORKSH_NODE_H
#define FORKSH_NODE_H

#include <stddef.h>

struct node;
struct word;
struct strbuf;

/* ---- words ----------------------------------------------------------- */

enum wpart_kind {
	WP_LIT,    /* literal text; quoted or not */
	WP_PARAM,  /* $name ${name} ${name OP word} ${#name} */
	WP_CMDSUB, /* $(list) or `list` */
	WP_ARITH,  /* $((expression)) */
	WP_TILDE   /* ~ or ~user at the start of a word (or after : in an assignment) */
};

/* Parameter operators: ${x-w} ${x=w} ${x?w} ${x+w} ${x%w} ${x%%w} ${x#w}
 * ${x##w}, each (but the last four) also with a colon, and ${#x}. */
enum param_op {
	PO_NONE,
	PO_LENGTH,   /* ${#x} */
	PO_DEFAULT,  /* -  use w if unset (:- unset or empty) */
	PO_ASSIGN,   /* =  assign w if unset */
	PO_ERROR,    /* ?  error with w if unset */
	PO_ALT,      /* +  use w if set */
	PO_RSMALL,   /* %  remove the smallest suffix matching w */
	PO_RLARGE,   /* %% remove the largest suffix */
	PO_LSMALL,   /* #  remove the smallest prefix */
	PO_LLARGE    /* ## remove the largest prefix */
};

struct wpart {
	enum wpart_kind kind;
	unsigned char quoted;   /* inside '' or "" or after \: no splitting, no globbing */
	unsigned char colon;    /* WP_PARAM: the operator had a colon (:- := :? :+) */
	unsigned char backquote; /* WP_CMDSUB: written as `...` */
	unsigned char in_assign; /* WP_TILDE: after = or : of NAME=value */
	enum param_op op;       /* WP_PARAM */
	char *text;             /* WP_LIT: the text; WP_PARAM: the name ("x", "1", "@", "?");
	                         * WP_TILDE: the user name ("" for ~) */
	size_t len;             /* WP_LIT: length of text (it may not hold a NUL) */
	struct word *arg;       /* WP_PARAM: the operator's word; WP_ARITH: the expression */
	struct node *tree;      /* WP_CMDSUB: the parsed command (NULL when empty) */
};

/* Flags that let the expander take short cuts. */
enum {
	W_EXPAND = 1,  /* has a part that is not literal text */
	W_GLOB = 2,    /* has an unquoted * ? or [ in its literal text */
	W_QUOTED = 4,  /* has a quoted part (so "" still makes a field) */
	W_TILDE = 8    /* has a tilde part */
};

/* The reserved words (XCU 2.4), as a word's kw once it is read: the
 * parser decides where they count, by number instead of by strcmp. */
enum keyword {
	KW_NONE, KW_BANG, KW_LBRACE, KW_RBRACE, KW_CASE, KW_DO, KW_DONE, KW_ELIF, KW_ELSE,
	KW_ESAC, KW_FI, KW_FOR, KW_IF, KW_IN, KW_THEN, KW_UNTIL, KW_WHILE
};

struct word {
	size_t nparts;
	struct wpart *parts;
	unsigned flags;
	char *raw;    /* the word as written, quotes and all */
	size_t pos;   /* where it starts in the command's text (error carets) */
	/* When flags has neither W_EXPAND nor W_GLOB, the word's value after
	 * quote removal, ready to use as is. */
	char *lit;
	enum keyword kw; /* a plain unquoted word spelling a reserved word */
	/* The word, its parts array and all their strings are one allocation
	 * of this many bytes (0: each piece was allocated on its own); a
	 * string outside it (a part rewritten later) is freed on its own. */
	size_t block;
};

/* ---- redirections ---------------------------------------------------- */

enum redir_kind {
	R_IN,       /* N<word    (N defaults to 0) */
	R_OUT,      /* N>word    (1), fails on an existing file with set -C */
	R_CLOBBER,  /* N>|word   (1), truncates even with set -C */
	R_APPEND,   /* N>>word   (1) */
	R_RDWR,     /* N<>word   (0) */
	R_DUPIN,    /* N<&word   (0): word is a descriptor number or - */
	R_DUPOUT,   /* N>&word   (1) */
	R_HEREDOC   /* N<<word and N<<-word (0) */
};

/* A here-document: read after the line that holds its << operator. */
struct heredoc {
	char *delim;        /* the delimiter after quote removal */
	int strip_tabs;     /* <<- : leading tabs of each line are dropped */
	int quoted;         /* part of the delimiter was quoted: no expansion */
	struct word *body;  /* the body, parsed as if in "..." (only $ ` \ are special) */
	char *text;         /* the body as read (used as is when quoted) */
	struct heredoc *next_pending; /* parser's list of bodies still to read */
};

struct redir {
	enum redir_kind kind;
	int fd;               /* the descriptor being redirected */
	struct word *target;  /* the file name, or the descriptor word of <& >& */
	struct heredoc *doc;  /* R_HEREDOC */
	size_t pos;
};

struct redir_list {
	size_t n;
	struct redir *v;
};

/* ---- commands -------------------------------------------------------- */

/* X(kind, struct name): every node kind, in one place. */
#define NODE_KINDS(X)                                                                       \
	X(N_SIMPLE, simple_node)     /* assignments, words, redirections */                 \
	X(N_PIPE, pipe_node)         /* [!] a | b | c */                                    \
	X(N_ANDOR, andor_node)       /* a && b || c */                                      \
	X(N_SEQ, seq_node)           /* a ; b ; c */                                        \
	X(N_BG, bg_node)             /* a & */                                              \
	X(N_SUBSHELL, group_node)    /* ( list ): forked, no exec */                        \
	X(N_BRACE, group_node)       /* { list; }: in the shell itself */                   \
	X(N_IF, if_node)             /* if / elif / else / fi */                            \
	X(N_WHILE, while_node)       /* while or until */                                   \
	X(N_FOR, for_node)           /* for NAME [in WORDS]; do ...; done */                \
	X(N_CASE, case_node)         /* case WORD in PATTERN) ...;; esac */                 \
	X(N_FUNCDEF, funcdef_node)   /* NAME() compound-command */                          \
	X(N_REDIR, redir_node)       /* a compound command with redirections */             \
	X(N_EXPLAIN, explain_node)   /* explain CMDLINE, at the start of a command line */

#define NODE_ENUM(kind, type) kind,
enum node_type { NODE_KINDS(NODE_ENUM) };
#undef NODE_ENUM

struct node {
	enum node_type type;
	size_t pos;   /* where the command starts in its source text */
	long line;    /* its line number ($LINENO, error messages) */
};

struct simple_node {
	struct node n;
	size_t nassign;
	struct word **assigns;    /* NAME=value words before the command name */
	size_t nwords;
	struct word **words;      /* the command name and its arguments */
	struct redir_list redirs; /* in the order written */
};

struct pipe_node {
	struct node n;
	int negate;        /* ! pipeline: invert the status */
	size_t count;
	struct node **cmds;
};

enum andor_op { OP_AND, OP_OR };

/* Lists are flat arrays rather than nested binary nodes, so a chain of ten
 * thousand && neither recurses deeply when run nor when freed. */
struct andor_node {
	struct node n;
	size_t count;
	struct node **items;
	enum andor_op *ops;    /* ops[i] stands between items[i] and items[i + 1] */
};

struct seq_node {
	struct node n;
	size_t count;
	struct node **items;
};

struct bg_node {
	struct node n;
	struct node *body;
};

struct group_node {
	struct node n;
	struct node *body;     /* NULL for an empty body (only after a syntax error) */
};

struct if_node {
	struct node n;
	struct node *cond;
	struct node *then_part;
	struct node *else_part; /* NULL, a list, or an N_IF written as elif */
	int is_elif;            /* this N_IF was written as `elif` */
};

struct while_node {
	struct node n;
	int until;              /* until: run while cond fails */
	struct node *cond;
	struct node *body;
};

struct for_node {
	struct node n;
	char *var;
	int has_in;             /* `in WORDS` was written (else: "$@") */
	size_t nwords;
	struct word **words;
	struct node *body;
};

struct case_item {
	size_t npats;
	struct word **pats;
	struct node *body;      /* NULL: nothing to run */
	int fallthrough;        /* ended with ;& instead of ;; */
};

struct case_node {
	struct node n;
	struct word *subject;
	size_t nitems;
	struct case_item *items;
};

/* A function's body lives as long as anything refers to it: the tree it
 * was parsed in, the function table, a call that is running.  refs counts
 * them; node_free only frees the body when the last one lets go. */
struct funcdef_node {
	struct node n;
	char *name;
	struct node *body;      /* a compound command, perhaps in an N_REDIR */
	unsigned refs;
	char *text;             /* the definition as written, for `type` and `set` */
};

struct redir_node {
	struct node n;
	struct node *body;
	struct redir_list redirs;
};

struct explain_node {
	struct node n;
	struct node *body;      /* NULL: the line had nothing after explain */
	char *text;             /* what followed the word explain */
};

/* ---- building and freeing (node.c) ------------------------------------ */

/* A zeroed node of the given type (size from NODE_KINDS). */
struct node *node_new(enum node_type type, size_t pos);

/* Free a tree (NULL is fine).  A funcdef node only frees its body when no
 * function table entry or running call still holds it. */
void node_free(struct node *n);

/* Take or drop one reference to a function definition. */
void funcdef_hold(struct funcdef_node *f);
void funcdef_release(struct funcdef_node *f);

void word_free(struct word *w);
void redirs_free(struct redir_list *r);

/* Append to a growable array of pointers; *cap doubles. */
void ptr_push(void ***v, size_t *n, size_t *cap, void *item);

/* ---- printing (nodefmt.c) --------------------------------------------- */

/* Write n back as shell text: words as written, one space between them,
 * `; ` between list items; enough to read back the same tree (used for the
 * job table, `type`, `explain` and trace). */
void node_format(const struct node *n, struct strbuf *out);

/* The same, as a new string the caller frees. */
char *node_text(const struct node *n);

/* A short label for a node kind ("if", "while loop", "subshell"). */
const char *node_kind_name(enum node_type type);

#endif
