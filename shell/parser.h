/* parser.h - the command tree and the recursive-descent parser that builds it.
 *
 * Grammar (one function per rule in parser.c):
 *
 *   line      := list EOF
 *   list      := and_or ( (';' | '&' | NEWLINE) and_or? )*
 *   and_or    := pipeline ( ('&&' | '||') NEWLINE* pipeline )*
 *   pipeline  := ['!'] command ( '|' NEWLINE* command )*
 *   command   := ( ASSIGNMENT )* ( WORD | redirect )*     -- at least one item
 *   redirect  := [N] ('<' | '>' | '>>') WORD | [N] ('<&' | '>&') (DIGIT | '-')
 *
 * Each node kind is its own struct whose first member is the type tag, as in
 * xv6's sh.c, so a tree can be walked with one switch.  Parsing never forks
 * and never exits: errors come back in a struct syn_error.
 */
#ifndef FORKSH_PARSER_H
#define FORKSH_PARSER_H

#include <stddef.h>

#include "lexer.h"

enum node_type {
	N_CMD,   /* a simple command: assignments, words, redirections */
	N_PIPE,  /* cmd | cmd | ... (possibly negated with !) */
	N_ANDOR, /* p1 && p2 || p3 ...: run left to right, each op decides the next */
	N_SEQ,   /* a ; b ; c */
	N_BG     /* body &  */
};

/* A word as written, quotes intact; pos is its offset in the source line. */
struct word {
	char *text;
	size_t pos;
};

enum redir_kind {
	R_IN,      /* N<file   (N defaults to 0) */
	R_OUT,     /* N>file   (N defaults to 1) */
	R_APPEND,  /* N>>file  (N defaults to 1) */
	R_DUP,     /* N>&M or N<&M: make N a copy of M */
	R_CLOSE    /* N>&- or N<&-: close N */
};

/* The highest descriptor a redirection may name: one digit, N> and >&N
 * alike, as in dash (10 and up stay free for the shell's own). */
#define REDIR_FD_MAX 9

struct redir {
	enum redir_kind kind;
	int fd;            /* the descriptor being redirected */
	int dup_from;      /* R_DUP: the descriptor copied into fd */
	struct word target; /* R_IN/R_OUT/R_APPEND: the file name (unexpanded) */
	size_t pos;
};

struct node {
	enum node_type type;
};

struct cmd_node {
	enum node_type type;   /* N_CMD */
	size_t pos;
	size_t nassign;
	struct word *assigns;  /* NAME=value words that came before the command name */
	size_t nwords;
	struct word *words;    /* the command name and its arguments */
	size_t nredirs;
	struct redir *redirs;  /* in the order written: they are applied left to right */
};

struct pipe_node {
	enum node_type type;   /* N_PIPE, always at least two commands or a negation */
	int negate;            /* ! pipeline: invert the status */
	size_t n;
	struct node **cmds;
};

enum andor_op { OP_AND, OP_OR };

/* Lists are flat arrays rather than nested binary nodes, so a chain of ten
 * thousand && neither recurses deeply when run nor when freed. */
struct andor_node {
	enum node_type type;   /* N_ANDOR, always at least two items */
	size_t n;
	struct node **items;
	enum andor_op *ops;    /* ops[i] stands between items[i] and items[i + 1] */
};

struct seq_node {
	enum node_type type;   /* N_SEQ, always at least two items */
	size_t n;
	struct node **items;
};

struct bg_node {
	enum node_type type;   /* N_BG */
	struct node *body;
};

/* Parse one logical line.  On success returns SYN_OK and *out is the tree (or
 * NULL for a line with nothing to run: blank or only a comment).  On failure
 * returns SYN_ERROR or SYN_INCOMPLETE with err filled in and *out NULL. */
enum syn_status parse_line(const char *src, struct node **out, struct syn_error *err);

void node_free(struct node *n);

struct strbuf;
/* Write n back as shell text (words as written, single spaces), e.g. for
 * the job table: "sleep 5 | wc -l > out". */
void node_format(const struct node *n, struct strbuf *out);
/* The same, as a new string the caller frees. */
char *node_text(const struct node *n);

/* True if word text has the form NAME=... with a valid variable name. */
int is_assignment(const char *text);

#endif
