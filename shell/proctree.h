/* proctree.h - the live process tree, read from /proc, for `ptree`.
 *
 * Two halves kept apart so that tests need no live processes: a reader that
 * takes one snapshot of /proc into an array of plain records, and a pure
 * drawer that turns any such array into the indented tree and its summary.
 * The kernel has no "tree" to ask for: each process only knows its parent
 * (field 4 of /proc/PID/stat), so the children lists are rebuilt here.
 */
#ifndef FORKSH_PROCTREE_H
#define FORKSH_PROCTREE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* One process as ptree shows it. */
struct proc_info {
	pid_t pid;
	pid_t ppid;    /* 0 for the roots of the system (init, kthreadd) */
	char state;    /* letter from /proc/PID/stat: R S D I T t Z X ... */
	char *cmd;     /* what to show; owned by the array proctree_read built */
};

/* What /proc/PID/stat says about a process, as far as ptree cares. */
struct proc_stat {
	pid_t pid;
	pid_t ppid;
	char state;
	char comm[64];  /* the kernel keeps 15 bytes; longer is cut, not an error */
};

/* How to draw the tree. */
struct proctree_style {
	pid_t root;      /* draw this process and its descendants */
	pid_t self;      /* marked "(this shell)"; 0 for none */
	pid_t runner;    /* marked "(running ptree)" when ptree runs in a forked
			  * child (ptree | cat); 0 for none */
	int utf8;        /* box-drawing characters instead of ASCII */
	int width;       /* cut lines to this many columns; 0: never cut */
};

/* Parse the text of /proc/PID/stat.  The command name sits in parentheses
 * and may itself hold spaces and ')', so it ends at the LAST ')'.  Returns 0,
 * or -1 when the text is not in that shape (out is then unspecified). */
int proctree_parse_stat(const char *text, struct proc_stat *out);

/* The word for a state letter: 'S' -> "sleeping", 'Z' -> "zombie", ...;
 * "unknown" for a letter this kernel-era table does not know.  Never NULL. */
const char *proctree_state_word(char state);

/* What to show for a process: its command line (len bytes of /proc/PID/cmdline,
 * NUL-separated arguments, shown joined by spaces), or "comm <defunct>" for a
 * zombie and "[comm]" when the command line is empty (a kernel thread).
 * Returns a new string; never fails (out of memory is fatal). */
char *proctree_command(const char *cmdline, size_t len, const char *comm, char state);


/* Take one snapshot of every process in /proc into a new array (*procs, *n).
 * Processes that vanish while being read are left out silently.  Returns 0,
 * or -1 with errno set when /proc itself cannot be read (nothing to free). */
int proctree_read(struct proc_info **procs, size_t *n);

/* Free an array built by proctree_read, including each cmd. */
void proctree_free(struct proc_info *procs, size_t n);

/* Draw the tree rooted at style->root from n records (in any order; the
 * children of each process are shown sorted by PID) onto out, one process a
 * line, then a summary line such as "3 processes: 2 sleeping, 1 zombie".
 * Returns the number of processes drawn, or -1 (and prints nothing) when the
 * root is not among the records. */
long proctree_draw(FILE *out, const struct proc_info *procs, size_t n,
		   const struct proctree_style *style);

#endif
