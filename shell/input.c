/* input.c - the readline front end (the only file that includes readline).
 *
 * Readline's callback interface is used instead of plain readline(): the
 * shell owns the wait loop, so it can poll() both the terminal and the
 * signal self-pipe.  poll, not select: select's fd_set holds descriptors
 * below FD_SETSIZE (1024) only, and a shell started with more open (they
 * are inherited) put its self-pipe above that, where FD_SET wrote past the
 * set and crashed the shell.  That way Ctrl-C cleanly abandons the line being typed,
 * and a background child that finishes while the user is thinking is reaped
 * at once instead of lingering as a zombie until the next Enter.
 */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dlfcn.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "builtin.h"
#include "histfile.h"
#include "jobs.h"
#include "shell.h"
#include "signals.h"
#include "util.h"
#include "vars.h"

/* Readline is loaded with dlopen() when the interactive prompt starts, not
 * linked: `forksh -c`, scripts and piped input never map it (nor the
 * terminfo library it pulls in).  That makes start-up shorter (two fewer
 * libraries to load and relocate), keeps the non-interactive shell smaller,
 * and makes every fork cheaper, since fork copies the page tables of every
 * mapping the shell has.  The headers still give the types; each readline
 * name used below is redirected through this table of pointers. */
#define RL_SYMBOLS(X)                                                                                  \
	X(add_history) X(add_history_time) X(append_history) X(clear_history) X(history_base)          \
	X(history_comment_char) X(history_get) X(history_length) X(history_list)                       \
	X(history_truncate_file) X(history_write_timestamps) X(stifle_history)                         \
	X(remove_history) X(free_history_entry)                                                        \
	X(rl_attempted_completion_function) X(rl_attempted_completion_over)                            \
	X(rl_basic_word_break_characters) X(rl_callback_handler_install) X(rl_callback_handler_remove) \
	X(rl_callback_read_char) X(rl_callback_sigcleanup) X(rl_catch_signals) X(rl_catch_sigwinch)    \
	X(rl_change_environment) X(rl_char_is_quoted_p) X(rl_completer_quote_characters)               \
	X(rl_completion_matches) X(rl_end) X(rl_filename_completion_desired)                           \
	X(rl_filename_completion_function) X(rl_filename_dequoting_function)                           \
	X(rl_filename_quote_characters) X(rl_filename_quoting_function) X(rl_free_line_state)          \
	X(rl_instream) X(rl_line_buffer) X(rl_outstream) X(rl_point) X(rl_readline_name)               \
	X(rl_redisplay) X(rl_replace_line) X(rl_resize_terminal) X(rl_variable_bind) X(rl_on_new_line)

#define RL_FIELD(name) __typeof__(&name) p_##name;
static struct {
	RL_SYMBOLS(RL_FIELD)
} rl;
static int rl_loaded;

/* From here on, readline's names mean what the table points at: a variable
 * name is the variable itself, a function name a callable function. */
#define add_history (*rl.p_add_history)
#define add_history_time (*rl.p_add_history_time)
#define append_history (*rl.p_append_history)
#define clear_history (*rl.p_clear_history)
#define history_base (*rl.p_history_base)
#define history_comment_char (*rl.p_history_comment_char)
#define history_get (*rl.p_history_get)
#define history_length (*rl.p_history_length)
#define history_list (*rl.p_history_list)
#define history_truncate_file (*rl.p_history_truncate_file)
#define history_write_timestamps (*rl.p_history_write_timestamps)
#define stifle_history (*rl.p_stifle_history)
#define remove_history (*rl.p_remove_history)
#define free_history_entry (*rl.p_free_history_entry)
#define rl_attempted_completion_function (*rl.p_rl_attempted_completion_function)
#define rl_attempted_completion_over (*rl.p_rl_attempted_completion_over)
#define rl_basic_word_break_characters (*rl.p_rl_basic_word_break_characters)
#define rl_callback_handler_install (*rl.p_rl_callback_handler_install)
#define rl_callback_handler_remove (*rl.p_rl_callback_handler_remove)
#define rl_callback_read_char (*rl.p_rl_callback_read_char)
#define rl_callback_sigcleanup (*rl.p_rl_callback_sigcleanup)
#define rl_catch_signals (*rl.p_rl_catch_signals)
#define rl_catch_sigwinch (*rl.p_rl_catch_sigwinch)
#define rl_change_environment (*rl.p_rl_change_environment)
#define rl_char_is_quoted_p (*rl.p_rl_char_is_quoted_p)
#define rl_completer_quote_characters (*rl.p_rl_completer_quote_characters)
#define rl_completion_matches (*rl.p_rl_completion_matches)
#define rl_end (*rl.p_rl_end)
#define rl_filename_completion_desired (*rl.p_rl_filename_completion_desired)
#define rl_filename_completion_function (*rl.p_rl_filename_completion_function)
#define rl_filename_dequoting_function (*rl.p_rl_filename_dequoting_function)
#define rl_filename_quote_characters (*rl.p_rl_filename_quote_characters)
#define rl_filename_quoting_function (*rl.p_rl_filename_quoting_function)
#define rl_free_line_state (*rl.p_rl_free_line_state)
#define rl_instream (*rl.p_rl_instream)
#define rl_line_buffer (*rl.p_rl_line_buffer)
#define rl_outstream (*rl.p_rl_outstream)
#define rl_point (*rl.p_rl_point)
#define rl_readline_name (*rl.p_rl_readline_name)
#define rl_redisplay (*rl.p_rl_redisplay)
#define rl_replace_line (*rl.p_rl_replace_line)
#define rl_resize_terminal (*rl.p_rl_resize_terminal)
#define rl_variable_bind (*rl.p_rl_variable_bind)
#define rl_on_new_line (*rl.p_rl_on_new_line)

/* Load readline and look up every name in the table.  Returns 0, or -1 with
 * a warning when the library or one of its names is missing (the prompt
 * then falls back to plain line reading). */
static int rl_load(void)
{
	static const char *const sonames[] = { "libreadline.so.8", "libreadline.so" };
	void *h = NULL;
	for (size_t i = 0; !h && i < sizeof sonames / sizeof sonames[0]; i++)
		h = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "%s: warning: cannot load readline (%s): no line editing\n", sh.name, dlerror());
		return -1;
	}
	void *sym;
#define RL_LOOKUP(sym_name)                                                                          \
	if (!(sym = dlsym(h, #sym_name))) {                                                          \
		fprintf(stderr, "%s: warning: readline has no %s: no line editing\n", sh.name, #sym_name); \
		dlclose(h);                                                                          \
		return -1;                                                                           \
	}                                                                                            \
	memcpy(&rl.p_##sym_name, &sym, sizeof sym);
	RL_SYMBOLS(RL_LOOKUP)
	rl_loaded = 1;
	return 0;
}

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

/* Give one entry read from the history file to readline. */
static void history_add_loaded(const char *text, const char *stamp, void *arg)
{
	(void)arg;
	add_history(text);
	if (stamp)
		add_history_time(stamp);
}

/* Load the history file, creating it (and its directories) if needed.
 * Anything but a regular file is left alone with a warning: opening a FIFO
 * would block the shell before its first prompt, and a device is no place
 * for history.  Only the last HISTORY_MAX entries are built (histfile.c,
 * not readline's read_history, which is quadratic on some files). */
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
	struct strbuf text;
	sb_init(&text);
	if (read_file_at(AT_FDCWD, history_file, &text) < 0) {
		if (errno != ENOENT)
			history_warning("cannot read", errno);
	} else {
		histfile_tail(text.buf, text.len, HISTORY_MAX, history_add_loaded, NULL);
		history_truncate_file(history_file, HISTORY_MAX);
	}
	sb_free(&text);
}

/* Whether the last line given to input_history_add was entered (it is then
 * the newest entry: the command being run, which fc must not count among
 * the previous ones), or skipped (blank, or the same as the one before). */
static int current_entered;

void input_history_add(const char *line)
{
	const char *p = line;
	current_entered = 0;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (!*p || !rl_loaded)
		return;
	HIST_ENTRY *prev = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
	if (prev && strcmp(prev->line, line) == 0)
		return; /* like HISTCONTROL=ignoredups */
	add_history(line);
	current_entered = 1;
	if (history_file && !history_warned) {
		int err = append_history(1, history_file);
		if (err != 0)
			history_warning("cannot write", err);
	}
}

void input_history_print(FILE *out, long last)
{
	if (!rl_loaded)
		return; /* no prompt yet, so no history either */
	HIST_ENTRY **list = history_list();
	long n = 0;
	while (list && list[n])
		n++;
	long from = (last >= 0 && last < n) ? n - last : 0;
	for (long i = from; i < n; i++)
		fprintf(out, "%5ld  %s\n", i + history_base, list[i]->line);
}

int input_history_span(long *oldest, long *newest)
{
	if (!rl_loaded)
		return -1; /* no prompt yet, so no history either */
	*oldest = history_base;
	*newest = history_base + history_length - 1 - current_entered;
	return 0;
}

const char *input_history_text(long n)
{
	HIST_ENTRY *e = rl_loaded && n >= INT_MIN && n <= INT_MAX ? history_get((int)n) : NULL;
	return e ? e->line : NULL;
}

void input_history_forget_current(void)
{
	if (!rl_loaded || !current_entered || history_length < 1)
		return;
	HIST_ENTRY *e = remove_history(history_length - 1);
	if (e)
		free_history_entry(e);
	current_entered = 0;
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

char *input_complete_command(const char *text, int state)
{
	return command_generator(text, state);
}

char *input_complete_file(const char *text, int state)
{
	rl_filename_completion_desired = 1; /* quote it, add '/' to a directory */
	return rl_filename_completion_function(text, state);
}

/* Characters that must be escaped in a completed file name, or the shell
 * would split or expand it. */
static const char special_chars[] = " \t\n\\\"'@<>=;|&()#$`?*[]!:{}~";

/* Quote a completed file name with backslashes (`my\ file.txt`), unless the
 * user already opened a quote, in which case readline closes it.  A newline
 * is the one character a backslash cannot quote (backslash-newline joins
 * lines and vanishes), so it goes in single quotes: a'<newline>'b. */
static char *quote_filename(char *text, int match_type, char *quote_pointer)
{
	(void)match_type;
	if (quote_pointer && *quote_pointer)
		return xstrdup(text);
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = text; *p; p++) {
		if (*p == '\n') {
			sb_adds(&sb, "'\n'");
			continue;
		}
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

/* Arguments of a builtin that completes its own (lesson names, say): its
 * generator gets the whole line too. */
static const struct builtin *completing;
static char *builtin_arg_generator(const char *text, int state)
{
	return completing->complete(rl_line_buffer, text, state);
}

/* The builtin named by the first word of the line, if the word being
 * completed (at start) comes after it and it completes its arguments. */
static const struct builtin *arg_completer(int start)
{
	const char *p = rl_line_buffer;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = strcspn(p, " \t");
	if (!p[n] || start <= (int)(p - rl_line_buffer + (long)n) || n >= 64)
		return NULL;
	char name[64];
	memcpy(name, p, n);
	name[n] = '\0';
	const struct builtin *b = builtin_find(name);
	return b && b->complete ? b : NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	if ((completing = arg_completer(start)) != NULL) {
		rl_attempted_completion_over = 1;
		return rl_completion_matches(text, builtin_arg_generator);
	}
	if (command_position(start) && !strchr(text, '/')) {
		rl_attempted_completion_over = 1;
		return rl_completion_matches(text, command_generator);
	}
	return NULL; /* readline's own file-name completion */
}

/* set -o vi / set -o emacs: readline's editing mode, now or (before the
 * prompt starts, from a start-up file) as soon as readline is loaded. */
static int editing_mode = -1;  /* -1 readline's own default, 0 emacs, 1 vi */

void input_set_vi(int vi)
{
	editing_mode = vi;
	if (rl_loaded)
		rl_variable_bind("editing-mode", vi ? "vi" : "emacs");
}

int input_init(void)
{
	if (!rl_loaded && rl_load() < 0)
		return -1;
	rl_readline_name = "forksh";
	/* Prompts and editing go to stderr, as in sh: `forksh > file` at a
	 * terminal still shows its prompt, and the file gets only output. */
	rl_outstream = stderr;
	rl_catch_signals = 0;   /* our handlers + poll loop deal with signals */
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
	history_load();
	if (editing_mode >= 0)
		rl_variable_bind("editing-mode", editing_mode ? "vi" : "emacs");
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

/* Without readline: print the prompt (minus readline's \001 \002 markers)
 * and read a plain line.  Ctrl-C abandons the line as at the real prompt. */
static enum input_result plain_read(const char *prompt, char **line)
{
	for (const char *p = prompt; *p; p++)
		if (*p != '\001' && *p != '\002')
			fputc(*p, stderr);
	fflush(stderr);
	char *buf = NULL;
	size_t cap = 0;
	sig_take(SIGINT);
	ssize_t n = getline(&buf, &cap, stdin);
	if (n < 0) {
		free(buf);
		if (errno == EINTR && sig_take(SIGINT)) {
			clearerr(stdin);
			fputc('\n', stderr);
			return INPUT_INTERRUPT;
		}
		return INPUT_EOF;
	}
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	*line = buf;
	return INPUT_LINE;
}

enum input_result input_read(const char *prompt, char **line)
{
	if (!rl_loaded)
		return plain_read(prompt, line);
	int in = fileno(rl_instream ? rl_instream : stdin);
	int wake = sig_wakeup_fd();

	got_line = NULL;
	got_done = 0;
	sig_take(SIGINT);
	rl_callback_handler_install(prompt, on_line);
	while (!got_done) {
		/* wake < 0 (no self-pipe): poll ignores a negative descriptor */
		struct pollfd fds[2] = { { .fd = in, .events = POLLIN }, { .fd = wake, .events = POLLIN } };
		int r = poll(fds, 2, -1);
		if (r < 0 && errno != EINTR) {
			rl_callback_handler_remove();
			return INPUT_EOF;
		}
		if (wake >= 0 && (r < 0 || fds[1].revents))
			sig_drain();
		if (sig_take(SIGHUP)) {
			rl_callback_handler_remove();
			jobs_hangup_exit();
		}
		if (sig_take(SIGCHLD)) {
			jobs_reap();
			if (sh.opt[OPT_b] && jobs_have_news()) {
				/* set -b: say at once that a job ended, then draw
				 * the prompt and what was typed again below it */
				fputc('\n', rl_outstream);
				jobs_notify(rl_outstream, 1);
				rl_on_new_line();
				rl_redisplay();
			}
		}
		if (sig_take(SIGWINCH))
			rl_resize_terminal();
		if (sig_take(SIGINT)) {
			abandon_line();
			return INPUT_INTERRUPT;
		}
		if (r > 0 && fds[0].revents)
			rl_callback_read_char();
	}
	if (!got_line)
		return INPUT_EOF;
	*line = got_line;
	return INPUT_LINE;
}

void input_shutdown(void)
{
	if (rl_loaded) {
		rl_callback_handler_remove();
		clear_history();
	}
	sv_free(&cmd_matches);
	current_entered = 0;
	free(history_file);
	history_file = NULL;
}
