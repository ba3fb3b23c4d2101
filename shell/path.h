/* path.h - searching PATH the way execvp does. */
#ifndef FORKSH_PATH_H
#define FORKSH_PATH_H

/* Look name up as execvp would: a name with a '/' is taken as it is,
 * otherwise each PATH entry is tried in order (an empty entry is the current
 * directory; with PATH unset, /bin:/usr/bin).  Returns the first candidate
 * that accept() approves, as a new string, or NULL. */
char *path_search(const char *name, int (*accept)(const char *path));

/* The same over the given PATH value (NULL: /bin:/usr/bin). */
char *path_search_in(const char *path, const char *name, int (*accept)(const char *path));

/* The system's default PATH, which finds the standard utilities (command
 * -p): a new string. */
char *path_default(void);

/* accept() functions: a regular executable file; anything that exists. */
int path_is_executable(const char *path);
int path_exists(const char *path);

#endif
