/* input.c - the readline front end (the only file that includes readline).
 *
 * Readline's callback interface is used instead of plain readline(): the
 * shell owns the wait loop, so it can select() on both the terminal and the
 * signal self-pipe.  That way Ctrl-C cleanly abandons the line being typed,
 * and a background child that finishes while the user is thinking is reaped
 * at once instead of lingering as a zombie until the next Enter.
 */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "../builtins/builtins.h"
#include "jobs.h"
#include "../lessons/lessons.h"
#include "shell.h"
#include "signals.h"
#include "util.h"
#include "vars.h"

#define HISTORY_MAX 1000

static char *history_file;
static int history_warned;

static char *got_line;
static int got_done;

char *input_history_path(void)
{
	return state_path("history");
}

/* Say once that the history file cannot be used; reason is an errno value,
 * or 0 for "not a regular file". */
static void history_warning(const char *what, int err)
{
	if (history_warned)
		return;
	history_warned = 1;
	fprintf(stderr, "%s: warning: %s history file %s: %s (history will not be saved)\n",
		sh.name, what, history_file, err ? strerror(err) : "not a regular file");
}

/* Load the history file, creating it (and its directories) if needed.
 * Anything but a regular file is left alone with a warning: opening a FIFO
 * would block the shell before its first prompt, and a device is no place
 * for history. */
static void history_load(void)
{
	struct stat st;
	history_file = input_history_path();
	if (!history_file)
		return;
	make_parent_dirs(history_file);
	if (stat(history_file, &st) == 0 && !S_ISREG(st.st_mode)) {
		history_warning("cannot use", 0);
		return;
	}
	int fd = open(history_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0600);
	if (fd < 0) {
		history_warning("cannot open", errno);
	} else {
		close(fd);
	}
	int err = read_history(history_file);
	if (err != 0 && err != ENOENT)
		history_warning("cannot read", err);
	else if (err == 0)
		history_truncate_file(history_file, HISTORY_MAX);
}

void input_history_add(const char *line)
{
	const char *p = line;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (!*p)
		return;
	HIST_ENTRY *prev = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
	if (prev && strcmp(prev->line, line) == 0)
		return; /* like HISTCONTROL=ignoredups */
	add_history(line);
	if (history_file && !history_warned) {
		int err = append_history(1, history_file);
		if (err != 0)
			history_warning("cannot write", err);
	}
}

void input_history_print(FILE *out, long last)
{
	HIST_ENTRY **list = history_list();
	long n = 0;
	while (list && list[n])
		n++;
	long from = (last >= 0 && last < n) ? n - last : 0;
	for (long i = from; i < n; i++)
		fprintf(out, "%5ld  %s\n", i + history_base, list[i]->line);
}

/* Is the word being completed in command position: the first word, or the
 * first after | ; & && || ?  Then commands are offered, else file names. */
static int command_position(int start)
{
	int i = start;
	while (i > 0 && (rl_line_buffer[i - 1] == ' ' || rl_line_buffer[i - 1] == '\t'))
		i--;
	return i == 0 || strchr("|;&", rl_line_buffer[i - 1]) != NULL;
}

static struct strvec cmd_matches;
static size_t cmd_next;

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect builtins and the executables on PATH that start with prefix,
 * sorted and without duplicates. */
static void collect_commands(const char *prefix)
{
	size_t plen = strlen(prefix);
	sv_free(&cmd_matches);
	for (const struct builtin *b = builtin_table; b->name; b++)
		if (strncmp(b->name, prefix, plen) == 0)
			sv_push(&cmd_matches, xstrdup(b->name));
	const char *path = var_get("PATH");
	char *copy = xstrdup(path ? path : "");
	for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		DIR *d = opendir(dir);
		if (!d)
			continue;
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.' || strncmp(e->d_name, prefix, plen) != 0)
				continue;
			int dfd = dirfd(d);
			if (faccessat(dfd, e->d_name, X_OK, 0) == 0) {
				struct stat st;
				if (fstatat(dfd, e->d_name, &st, 0) == 0 && S_ISREG(st.st_mode))
					sv_push(&cmd_matches, xstrdup(e->d_name));
			}
		}
		closedir(d);
	}
	free(copy);
	if (cmd_matches.n > 1) {
		qsort(cmd_matches.v, cmd_matches.n, sizeof *cmd_matches.v, str_cmp);
		size_t out = 1;
		for (size_t i = 1; i < cmd_matches.n; i++) {
			if (strcmp(cmd_matches.v[i], cmd_matches.v[out - 1]) == 0)
				free(cmd_matches.v[i]);
			else
				cmd_matches.v[out++] = cmd_matches.v[i];
		}
		cmd_matches.n = out;
		cmd_matches.v[out] = NULL;
	}
	cmd_next = 0;
}

/* Readline's generator protocol: state 0 starts a new completion. */
static char *command_generator(const char *text, int state)
{
	if (state == 0)
		collect_commands(text);
	if (cmd_next < cmd_matches.n)
		return xstrdup(cmd_matches.v[cmd_next++]);
	return NULL;
}

/* Characters that must be escaped in a completed file name, or the shell
 * would split or expand it. */
static const char special_chars[] = " \t\n\\\"'@<>=;|&()#$`?*[]!:{}~";

/* Quote a completed file name with backslashes (`my\ file.txt`), unless the
 * user already opened a quote, in which case readline closes it. */
static char *quote_filename(char *text, int match_type, char *quote_pointer)
{
	(void)match_type;
	if (quote_pointer && *quote_pointer)
		return xstrdup(text);
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = text; *p; p++) {
		if (strchr(special_chars, *p))
			sb_addc(&sb, '\\');
		sb_addc(&sb, *p);
	}
	return sb_steal(&sb);
}

/* The reverse, for the part the user typed: `my\ fi` -> `my fi`. */
static char *dequote_filename(char *text, int quote_char)
{
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = text; *p; p++) {
		if (*p == '\\' && p[1] && quote_char != '\'')
			p++;
		sb_addc(&sb, *p);
	}
	return sb_steal(&sb);
}

/* A backslash-escaped blank does not end the word being completed. */
static int char_is_quoted(char *text, int index)
{
	int n = 0;
	while (index - n - 1 >= 0 && text[index - n - 1] == '\\')
		n++;
	return n % 2 == 1;
}

/* After `lesson `: lesson names, then the lesson's options. */
static size_t lesson_next;
static char *lesson_generator(const char *text, int state)
{
	static const char *const common[] = { "--auto", "--auto=0", "--stable-pids" };
	size_t len = strlen(text);
	if (state == 0)
		lesson_next = 0;
	for (;;) {
		size_t i = lesson_next++;
		const char *cand = NULL;
		size_t nlessons = lesson_count();
		if (i < nlessons)
			cand = lesson_name_at(i);
		else if (i - nlessons < 3)
			cand = common[i - nlessons];
		else {
			/* the options of the lesson named on the line */
			char name[32] = "";
			sscanf(rl_line_buffer, " lesson %31s", name);
			const struct lesson *l = lesson_find(name);
			size_t k = i - nlessons - 3;
			if (!l || k >= l->nopts)
				return NULL;
			static char opt[48];
			snprintf(opt, sizeof opt, "--%s", l->opts[k].name);
			cand = opt;
		}
		if (strncmp(cand, text, len) == 0)
			return xstrdup(cand);
	}
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	const char *p = rl_line_buffer;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "lesson", 6) == 0 && (p[6] == ' ' || p[6] == '\t') && start > (int)(p - rl_line_buffer) + 6) {
		rl_attempted_completion_over = 1;
		return rl_completion_matches(text, lesson_generator);
	}
	if (command_position(start) && !strchr(text, '/')) {
		rl_attempted_completion_over = 1;
		return rl_completion_matches(text, command_generator);
	}
	return NULL; /* readline's own file-name completion */
}

int input_init(void)
{
	rl_readline_name = "forksh";
	/* Prompts and editing go to stderr, as in sh: `forksh > file` at a
	 * terminal still shows its prompt, and the file gets only output. */
	rl_outstream = stderr;
	rl_catch_signals = 0;   /* our handlers + select loop deal with signals */
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_attempted_completion_function = complete;
	rl_basic_word_break_characters = " \t\n\"'<>;|&";
	rl_completer_quote_characters = "'\"";
	rl_filename_quote_characters = special_chars;
	rl_filename_quoting_function = quote_filename;
	rl_filename_dequoting_function = dequote_filename;
	rl_char_is_quoted_p = char_is_quoted;
	stifle_history(HISTORY_MAX);
	/* A "#<time>" line before each entry lets a command typed over several
	 * lines (an open quote) come back from the file as one entry. */
	history_comment_char = '#';
	history_write_timestamps = 1;
	history_multiline_entries = 1;
	history_load();
	return 0;
}

static void on_line(char *line)
{
	got_line = line;
	got_done = 1;
	rl_callback_handler_remove();
}

/* Ctrl-C at the prompt: drop whatever was typed and leave readline's
 * callback state clean, so the caller can show a fresh prompt. */
static void abandon_line(void)
{
	/* Show ^C after the text, before readline resets the terminal (that
	 * ends with a carriage return, which would put ^C over the prompt). */
	rl_point = rl_end;
	rl_redisplay();
	fputs("^C", rl_outstream);
	fflush(rl_outstream);
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	rl_callback_handler_remove();
	fputs("\n", rl_outstream);
	fflush(rl_outstream);
}

enum input_result input_read(const char *prompt, char **line)
{
	int in = fileno(rl_instream ? rl_instream : stdin);
	int wake = sig_wakeup_fd();

	got_line = NULL;
	got_done = 0;
	sig_take(SIGINT);
	rl_callback_handler_install(prompt, on_line);
	while (!got_done) {
		fd_set fds;
		FD_ZERO(&fds);
		FD_SET(in, &fds);
		if (wake >= 0)
			FD_SET(wake, &fds);
		int r = select((in > wake ? in : wake) + 1, &fds, NULL, NULL, NULL);
		if (r < 0 && errno != EINTR) {
			rl_callback_handler_remove();
			return INPUT_EOF;
		}
		if (wake >= 0 && (r < 0 || FD_ISSET(wake, &fds)))
			sig_drain();
		if (sig_take(SIGHUP)) {
			rl_callback_handler_remove();
			jobs_hangup_exit();
		}
		if (sig_take(SIGCHLD))
			jobs_reap();
		if (sig_take(SIGWINCH))
			rl_resize_terminal();
		if (sig_take(SIGINT)) {
			abandon_line();
			return INPUT_INTERRUPT;
		}
		if (r > 0 && FD_ISSET(in, &fds))
			rl_callback_read_char();
	}
	if (!got_line)
		return INPUT_EOF;
	*line = got_line;
	return INPUT_LINE;
}

void input_shutdown(void)
{
	rl_callback_handler_remove();
	clear_history();
	sv_free(&cmd_matches);
	free(history_file);
	history_file = NULL;
}
