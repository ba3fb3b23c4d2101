/* procfs.h - one process's files under /proc, read in one place.
 *
 * The lessons (collect.c, hellorec.c, livemain.c) and follow (facts.c,
 * tracer.c, start.c) all ask the kernel the same few questions about a
 * process that is not theirs to ask directly: what state is it in, who is
 * its parent, what program does it run, how many tasks does a user have.
 * The kernel answers in text files under /proc/PID; this module reads them
 * and leaves the parsing of `stat` to ptree's parser (proctree.h), so that
 * a command name holding spaces or ')' is read the same way everywhere.
 */
#ifndef FORKSH_PROCFS_H
#define FORKSH_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

#include "proctree.h"

/* Room for all of /proc/PID/stat: 52 numeric fields and a short name. */
#define PROCFS_STAT_MAX 1024

/* Up to len - 1 bytes of /proc/PID/NAME into buf (len > 0), always
 * NUL-terminated.  Returns how many bytes were read: 0 when there is no
 * such process or file, or it is empty (buf is then ""). */
size_t procfs_read(pid_t pid, const char *name, char *buf, size_t len);

/* Parse the text of /proc/PID/stat into *st (proctree_parse_stat: the
 * name ends at the LAST ')').  When exit_code is not NULL it gets field 52,
 * the wait status of a zombie, or -1 when the text does not show it (a
 * kernel before 3.5, or a cut line).  Returns 0, or -1 when the text is not
 * in that shape. */
int procfs_parse_stat(const char *text, struct proc_stat *st, int *exit_code);

/* Read /proc/PID/stat once and parse it as procfs_parse_stat does.
 * Returns 0, or -1 when the process is gone or its stat file is not in
 * that shape. */
int procfs_stat(pid_t pid, struct proc_stat *st, int *exit_code);

/* Two numeric fields of /proc/PID/status (each key with its colon,
 * "Tgid:"), into *a and *b, each left as it was when missing.  Returns 0,
 * or -1 when the file cannot be read (the process is gone). */
int procfs_status_fields(pid_t pid, const char *ka, long *a, const char *kb, long *b);

/* How many tasks (processes and their threads) whose real user ID is uid
 * are listed in the /proc-like directory proc: what RLIMIT_NPROC counts.
 * Each process counts its "Threads:" when the "Uid:" line's first (real)
 * ID is uid.  Processes that vanish while being read are left out; tasks
 * in PID namespaces this /proc does not show cannot be counted.  Returns
 * the count, 0 when proc cannot be read. */
long procfs_user_tasks_in(const char *proc, uid_t uid);

/* procfs_user_tasks_in("/proc", uid). */
long procfs_user_tasks(uid_t uid);

#endif
