/* params.h - the positional parameters $1, $2, ... and the options of set.
 *
 * The shell owns its positional parameters: `set --` and `shift` change
 * them, and a function call replaces them for its duration (eval_call). */
#ifndef FORKSH_PARAMS_H
#define FORKSH_PARAMS_H

#include <stdio.h>

/* Replace $1... with copies of v[0..n). */
void params_set(int n, char *const *v);

/* Drop the first n (n <= $#). */
void params_shift(int n);

/* The option called name ("errexit", "noglob", ...), or -1. */
int opt_by_name(const char *name);

/* The option whose letter is c ('e', 'f', ...), or -1. */
int opt_by_letter(char c);

/* Print the options: as a table (set -o) or as commands (set +o). */
void opt_print(FILE *out, int reinput);

/* Turn an option on or off, doing what it takes beyond the flag (set -m
 * switches job control, set -o vi the editing mode).  Returns 0, or -1
 * after printing why it cannot change here. */
int opt_set(int opt, int on);

#endif
