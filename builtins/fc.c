/* fc.c - fc: list the command history, or edit and re-run commands from it
 * (POSIX, the User Portability option).
 *
 *   fc -l [-nr] [FIRST [LAST]]      list (default: the last 16)
 *   fc -s [OLD=NEW] [FIRST]         re-run one command (default: the last)
 *   fc [-r] [-e EDITOR] [FIRST [LAST]]  edit commands in a file, then run them
 *
 * fc is a builtin for two reasons: the history belongs to the shell (it is
 * kept in the shell's memory by input.c, behind readline), and the commands
 * it re-runs must run in the shell itself, so that a cd or an assignment
 * among them stays done.  The editor, on the other hand, is an ordinary
 * program: fc runs it the way any command line runs (fork, exec, wait).
 *
 * The command being run is the newest entry of the history; fc counts only
 * the ones before it (-1 is the command before the fc), and when it re-runs
 * commands they take its place in the history, each echoed to standard
 * error before it runs, as if it had been typed.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "../shell/eval.h"
#include "../shell/input.h"
#include "../shell/redir.h"
#include "../shell/shell.h"
#include "../shell/util.h"
#include "../shell/vars.h"

struct fc_args {
	int list, no_numbers, reverse, rerun;
	const char *editor;      /* -e, or NULL */
	const char *old_new;     /* fc -s OLD=NEW, or NULL */
	const char *first, *last; /* the operands, or NULL */
};

/* Is s a negative number ("-3")?  Such a word is an operand of fc, not
 * an option, though it starts with '-'. */
static int negative_number(const char *s)
{
	if (s[0] != '-' || !s[1])
		return 0;
	for (s++; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Where getopt must stop: at the first word that is no option, the first
 * negative number (`fc -l -5`), or just after "--".  An -e at the end of a
 * word takes the next word as its argument, whatever it looks like. */
static int options_end(int argc, char **argv)
{
	int i = 1;
	while (i < argc && argv[i][0] == '-' && argv[i][1] && !negative_number(argv[i])) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		const char *e = strchr(argv[i], 'e');
		i += e && !e[1] ? 2 : 1;
	}
	return i < argc ? i : argc;
}

static int usage(void)
{
	return builtin_usage(builtin_find("fc"));
}

/* Read the options and operands into a.  Returns 0, or 2 (a usage error,
 * reported). */
static int parse(struct fc_args *a, int argc, char **argv)
{
	memset(a, 0, sizeof *a);
	int end = options_end(argc, argv);
	optind = 0; /* glibc: a new argument list */
	opterr = 0;
	int c;
	while ((c = getopt(end, argv, "+:e:lnrs")) != -1) {
		switch (c) {
		case 'e':
			a->editor = optarg;
			break;
		case 'l':
			a->list = 1;
			break;
		case 'n':
			a->no_numbers = 1;
			break;
		case 'r':
			a->reverse = 1;
			break;
		case 's':
			a->rerun = 1;
			break;
		case ':':
			sh_error("fc: -e needs the name of an editor");
			return usage();
		default:
			sh_error("fc: unknown option -%c", optopt);
			return usage();
		}
	}
	if (a->editor && strcmp(a->editor, "-") == 0) {
		a->editor = NULL; /* fc -e - is fc -s, as in ksh and bash */
		a->rerun = 1;
	}
	/* one of the three forms of the synopsis */
	if ((a->rerun && (a->list || a->editor || a->reverse || a->no_numbers)) ||
	    (a->list && a->editor) || (a->no_numbers && !a->list))
		return usage();
	char **ops = argv + optind;
	int nops = argc - optind;
	if (a->rerun && nops > 0 && strchr(ops[0], '=')) {
		a->old_new = ops[0];
		ops++;
		nops--;
	}
	if (nops > (a->rerun ? 1 : 2))
		return usage();
	a->first = nops > 0 ? ops[0] : NULL;
	a->last = nops > 1 ? ops[1] : NULL;
	return 0;
}

/* The entry an operand names, among the entries oldest..newest: a number
 * (+N or N: that entry; -N: the Nth before the fc), or the newest whose
 * text starts with the word.  A number outside the list is the nearest end
 * of it when clamp is set (a range), else an error.  Returns 0 with *n set,
 * or 1 after a message. */
static int find_entry(const char *word, long oldest, long newest, int clamp, long *n)
{
	char *end;
	errno = 0;
	long v = strtol(word, &end, 10);
	int numeric = end != word && !*end && word[0] != ' ' && word[0] != '\t';
	if (!numeric) {
		size_t len = strlen(word);
		for (long i = newest; i >= oldest; i--) {
			const char *text = input_history_text(i);
			if (text && strncmp(text, word, len) == 0) {
				*n = i;
				return 0;
			}
		}
		sh_error("fc: no command starting with '%s' in the history", word);
		return 1;
	}
	if (word[0] == '-')
		v = v < oldest - newest - 1 ? oldest - 1 : newest + 1 + v; /* no overflow */
	if (v >= oldest && v <= newest && errno != ERANGE) {
		*n = v;
		return 0;
	}
	if (clamp) {
		*n = v < oldest ? oldest : newest;
		return 0;
	}
	if (oldest == newest)
		sh_error("fc: %s: no such command in the history (it holds only %ld)", word, oldest);
	else
		sh_error("fc: %s: no such command in the history (it holds %ld to %ld)", word, oldest, newest);
	return 1;
}

/* Turn the operands into the entries *from..*to, in the order they are to
 * be listed or edited (*from > *to: newest first).  Returns 0, or 1 after
 * a message. */
static int find_range(const struct fc_args *a, long oldest, long newest, long *from, long *to)
{
	const char *first = a->first, *last = a->last;
	if (!first)
		first = a->list ? "-16" : "-1";
	if (!last && a->list)
		last = "-1";
	int clamp = last != NULL;
	if (find_entry(first, oldest, newest, clamp, from))
		return 1;
	*to = *from;
	if (last && find_entry(last, oldest, newest, clamp, to))
		return 1;
	if (a->reverse) {
		long t = *from;
		*from = *to;
		*to = t;
	}
	return 0;
}

/* fc -l: each entry as POSIX lays it out, "N<tab>command", and each later
 * line of a command that spans several "<tab>line". */
static void list(const struct fc_args *a, long from, long to)
{
	long step = from <= to ? 1 : -1;
	for (long i = from;; i += step) {
		const char *text = input_history_text(i);
		if (text) {
			if (!a->no_numbers)
				printf("%ld", i);
			for (const char *p = text;; p++) {
				size_t len = strcspn(p, "\n");
				printf("\t%.*s\n", (int)len, p);
				p += len;
				if (!*p)
					break;
			}
		}
		if (i == to)
			break;
	}
}

/* The text of entry n with the first OLD of old_new (OLD=NEW, or NULL)
 * replaced by NEW.  A new string. */
static char *substitute(const char *text, const char *old_new)
{
	if (!old_new)
		return xstrdup(text);
	const char *eq = strchr(old_new, '=');
	char *old = xstrndup(old_new, (size_t)(eq - old_new));
	const char *at = *old ? strstr(text, old) : NULL;
	struct strbuf sb;
	sb_init(&sb);
	if (at) {
		sb_addn(&sb, text, (size_t)(at - text));
		sb_adds(&sb, eq + 1);
		sb_adds(&sb, at + strlen(old));
	} else {
		sb_adds(&sb, text);
	}
	free(old);
	return sb_steal(&sb);
}

/* The editor's command line: the editor (-e, else $FCEDIT, else ed, as
 * POSIX says) and the file, quoted.  The editor is a command line of its
 * own, so FCEDIT='vi -n' works.  A new string. */
static char *editor_command(const struct fc_args *a, const char *path)
{
	const char *ed = a->editor;
	if (!ed) {
		ed = var_get("FCEDIT");
		if (!ed || !*ed)
			ed = "ed";
	}
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, ed);
	sb_addc(&sb, ' ');
	sb_add_quoted(&sb, path);
	return sb_steal(&sb);
}

/* fc without -l or -s: write the entries to a temporary file, run the
 * editor on it, then run what the file holds.  Nothing runs when the
 * editor fails.  Returns the status of the last command run, or of the
 * failure. */
static int edit_and_run(const struct fc_args *a, const char *entries, int flags)
{
	char path[4096];
	int fd = temp_file(path, sizeof path, "fc");
	if (fd < 0) {
		sh_error("fc: cannot make a temporary file: %s", strerror(errno));
		return 1;
	}
	int err = write_all(fd, entries, strlen(entries)) < 0 ? errno : 0;
	close(fd);
	if (err) {
		unlink(path);
		sh_error("fc: cannot write %s: %s", path, strerror(err));
		return 1;
	}
	char *cmd = editor_command(a, path);
	int status = eval_text(cmd, strlen(cmd), flags);
	free(cmd);
	struct strbuf edited;
	sb_init(&edited);
	if (status == 0 && !sh.skip && read_file_at(AT_FDCWD, path, &edited) < 0) {
		sh_error("fc: cannot read %s back: %s", path, strerror(errno));
		status = 1;
	} else if (status != 0 && !sh.skip) {
		sh_error("fc: the editor failed (status %d): nothing was run", status);
	}
	unlink(path);
	if (status == 0 && !sh.skip && edited.len)
		status = eval_text(edited.buf, edited.len, flags | EVAL_HISTORY);
	sb_free(&edited);
	return status;
}

/* fc -s and fc with an editor: the fc leaves the history, and the commands
 * it runs take its place.  Returns their status. */
static int rerun(const struct fc_args *a, long from, long to)
{
	static int running;
	if (running) {
		/* a re-run fc -s could find itself again and loop for ever */
		sh_error("fc: a command that fc runs cannot re-run commands itself");
		return 1;
	}
	struct strbuf entries;
	sb_init(&entries);
	long step = from <= to ? 1 : -1;
	for (long i = from;; i += step) {
		const char *text = input_history_text(i);
		if (text) {
			char *cmd = substitute(text, a->old_new);
			sb_adds(&entries, cmd);
			sb_addc(&entries, '\n');
			free(cmd);
		}
		if (i == to)
			break;
	}
	input_history_forget_current();
	int flags = sh.tested ? EVAL_TESTED : 0;
	running = 1;
	int status = a->rerun ? eval_text(entries.buf, entries.len, flags | EVAL_HISTORY)
			      : edit_and_run(a, entries.buf, flags);
	running = 0;
	sb_free(&entries);
	return status;
}

int bi_fc(int argc, char **argv)
{
	struct fc_args a;
	int status = parse(&a, argc, argv);
	if (status)
		return status;
	long oldest, newest, from, to;
	if (input_history_span(&oldest, &newest) < 0) {
		sh_error("fc: no history: it is kept only for commands typed at the prompt");
		return 1;
	}
	if (newest < oldest) {
		if (a.list && !a.first)
			return 0; /* nothing to list */
		sh_error("fc: the history is empty");
		return 1;
	}
	if (find_range(&a, oldest, newest, &from, &to))
		return 1;
	if (a.list) {
		list(&a, from, to);
		return 0;
	}
	return rerun(&a, from, to);
}
