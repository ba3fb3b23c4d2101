/* follow.c - the `follow` builtin: run any program and draw the process
 * tree and timeline of what it really did (the tracing is follow/).
 *
 * It must be a builtin: the program's processes are followed with ptrace
 * by forksh itself, their parent (and the subreaper that adopts their
 * orphans), and the pictures are drawn from the shell's own record.  Its
 * options, help and Tab completion live here too.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../follow/follow.h"
#include "../shell/input.h"
#include "../shell/jobs.h"
#include "../shell/shell.h"
#include "../shell/util.h"
#include "../shell/vars.h"
#include "builtins.h"

static const struct option options[] = {
	{ "svg", required_argument, NULL, 'g' },
	{ "json", required_argument, NULL, 'j' },
	{ "stable-pids", no_argument, NULL, 's' },
	{ "timeline", required_argument, NULL, 't' },
	{ "live", no_argument, NULL, 'l' },
	{ "max-procs", required_argument, NULL, 'm' },
	{ "no-color", no_argument, NULL, 'C' },
	{ "quiet", no_argument, NULL, 'q' },
	{ NULL, 0, NULL, 0 },
};

struct follow_args {
	struct follow_opts o;
	const char *svg, *json;
	int no_color, quiet;
};

static int usage_error(void)
{
	return builtin_usage(builtin_find("follow"));
}

/* getopt_long over the options before COMMAND (the first word that is no
 * option ends them, so `follow ls -l` gives -l to ls).  Returns the index
 * of COMMAND, or -1 after a message (status 2). */
static int parse(struct follow_args *a, int argc, char **argv)
{
	optind = 0; /* glibc: a new argument list */
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+q", options, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'g':
		case 'j':
			if (!*optarg) {
				sh_error("follow: --%s needs a file name", c == 'g' ? "svg" : "json");
				return -1;
			}
			*(c == 'g' ? &a->svg : &a->json) = optarg;
			break;
		case 's':
			a->o.draw.stable_pids = 1;
			break;
		case 't': {
			int m = timeline_mode_parse(optarg);
			if (m < 0) {
				sh_error("follow: --timeline takes full, summary, off or auto");
				return -1;
			}
			a->o.draw.timeline = (enum tl_mode)m;
			break;
		}
		case 'l':
			a->o.live = 1;
			break;
		case 'm':
			errno = 0;
			a->o.max_procs = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || a->o.max_procs < 1 || a->o.max_procs > FOLLOW_MAX_PROCS) {
				sh_error("follow: --max-procs takes a number from 1 to %d", FOLLOW_MAX_PROCS);
				return -1;
			}
			break;
		case 'C':
			a->no_color = 1;
			break;
		case 'q':
			a->quiet = 1;
			break;
		default:
			sh_error("follow: unknown option '%s'", argv[optind - 1]);
			return -1;
		}
	}
	if (optind >= argc) {
		sh_error("follow: which program? (follow [OPTIONS] COMMAND [ARG...])");
		return -1;
	}
	return optind;
}

/* "follow sh -c 'echo hi'": the command line as one could type it again. */
static char *title_of(char **argv)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_adds(&sb, "follow");
	for (size_t i = 0; argv[i]; i++) {
		sb_addc(&sb, ' ');
		sb_add_quoted(&sb, argv[i]);
	}
	return sb_steal(&sb);
}

static int svg_writer(FILE *f, const struct recording *r, const struct draw_opts *o)
{
	return write_svg(f, r, o);
}

static int json_writer(FILE *f, const struct recording *r, const struct draw_opts *o)
{
	(void)o;
	return write_json(f, r);
}

/* Write the record to path with writer.  Returns 0, or -1 (said). */
static int export(const char *path, const char *what, const struct recording *r, const struct draw_opts *o,
		  int (*writer)(FILE *, const struct recording *, const struct draw_opts *), int quiet)
{
	FILE *f = fopen(path, "we");
	if (!f)
		return sh_error("follow: cannot write the %s to %s: %s", what, path, strerror(errno));
	int w = writer(f, r, o);
	if (fclose(f) != 0 || w < 0)
		return sh_error("follow: writing the %s to %s failed: %s", what, path, strerror(errno));
	if (!quiet)
		printf("\n  (the %s of this run is in %s)\n", what, path);
	return 0;
}

/* After the run: the tree, the timeline, the files asked for.  Returns 0,
 * or -1 when a file could not be written. */
static int show(struct follow_args *a, const struct recording *r, const struct follow_result *res)
{
	const struct draw_opts *o = &a->o.draw;
	if (!a->quiet) {
		fflush(stdout);
		printf("\n");
		draw_tree(stdout, r, o);
		if (timeline_mode(r, o->timeline) != TL_OFF) {
			printf("\n");
			draw_timeline(stdout, r, o);
		}
		if (res->lines_dropped)
			printf("\n  (%zu more lines were written than the record keeps; they were counted, "
			       "not kept)\n", res->lines_dropped);
	}
	int rc = 0;
	if (a->svg && export(a->svg, "picture", r, o, svg_writer, a->quiet) < 0)
		rc = -1;
	if (a->json && export(a->json, "record", r, o, json_writer, a->quiet) < 0)
		rc = -1;
	fflush(stdout);
	return rc;
}

int bi_follow(int argc, char **argv)
{
	struct follow_args a;
	memset(&a, 0, sizeof a);
	a.o.who = "follow";
	int first = parse(&a, argc, argv);
	if (first < 0)
		return usage_error();
	a.o.draw.width = term_width();
	a.o.draw.utf8 = var_locale_utf8();
	a.o.draw.color = sh.color_ok && !a.no_color && isatty(STDOUT_FILENO);
	struct recording rec;
	memset(&rec, 0, sizeof rec);
	struct follow_result res;
	int status = follow_run(argv + first, &a.o, &rec, &res);
	if (res.end != FOLLOW_REFUSED) {
		rec.title = title_of(argv + first);
		if (show(&a, &rec, &res) < 0 && status == 0)
			status = 1;
	}
	rec_free(&rec);
	if (res.end == FOLLOW_INTERRUPTED)
		jobs_interrupted(status, 0); /* as for any foreground command Ctrl-C ended (the pictures end their line) */
	return status;
}

/* ---- help and completion ---- */

void follow_help(void)
{
	printf("\n    Runs COMMAND as a foreground job and follows every process it starts\n"
	       "    (ptrace, and a seccomp filter so that only write, wait and exec calls\n"
	       "    stop): each fork and thread, each exec (and each failed one), each\n"
	       "    line written on standard output or error and who wrote it, each end and\n"
	       "    who reaped it when. The program's output appears live, unchanged; then\n"
	       "    the process tree and the timeline are drawn, as the lessons draw them.\n\n"
	       "      --svg FILE        also write the tree and timeline as an SVG picture\n"
	       "      --json FILE       also write the whole record as JSON\n"
	       "                        (format: docs/record-json.md)\n"
	       "      --stable-pids     P1, P2, ... (forksh: P0) in place of PIDs\n"
	       "      --timeline=MODE   full, summary, off; auto: full up to 16 processes\n"
	       "      --live            redraw the tree while the program runs\n"
	       "      --max-procs N     at most N processes at once (default %d, never more\n"
	       "                        than your ulimit -u leaves room for); past that every\n"
	       "                        followed process is killed (a fork bomb ends cleanly)\n"
	       "      -q, --quiet       draw nothing (only the files asked for)\n"
	       "      --no-color        no colours (also when NO_COLOR is set)\n\n"
	       "    Ctrl-C ends the program and kills what it leaves running (status 130).\n"
	       "    Ctrl-Z kills it too: a followed program cannot be set aside, since each\n"
	       "    of its writes waits for follow. If forksh ends, so does every followed\n"
	       "    process. Where ptrace is not allowed (a container, Yama's ptrace_scope,\n"
	       "    a set-uid program) follow says why and runs nothing (status 126).\n"
	       "    Otherwise the status is the program's. Try: lesson yours\n",
	       FOLLOW_DEFAULT_PROCS);
}

/* What Tab offers at the word being completed: follow's options until
 * COMMAND, the file for --svg and --json, COMMAND from the commands, then
 * file names for COMMAND's own arguments. */
enum offer { OFFER_NOTHING, OFFER_OPTIONS, OFFER_FILES, OFFER_COMMANDS };

static enum offer what_to_offer(const char *line, const char *text)
{
	char *copy = xstrdup(line);
	size_t len = strlen(copy);
	/* the words before the one being completed */
	if (len >= strlen(text) && strcmp(copy + len - strlen(text), text) == 0)
		copy[len - strlen(text)] = '\0';
	enum offer offer = OFFER_COMMANDS;
	const char *prev = "";
	int nword = 0, command_seen = 0;
	for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (nword++ == 0)
			continue; /* follow itself */
		int takes_arg = strcmp(prev, "--svg") == 0 || strcmp(prev, "--json") == 0 ||
				strcmp(prev, "--max-procs") == 0;
		if (!takes_arg && w[0] != '-')
			command_seen = 1;
		prev = takes_arg ? "" : w;
		if (command_seen)
			break;
	}
	if (command_seen)
		offer = OFFER_FILES;
	else if (strcmp(prev, "--svg") == 0 || strcmp(prev, "--json") == 0)
		offer = OFFER_FILES;
	else if (strcmp(prev, "--max-procs") == 0)
		offer = OFFER_NOTHING;
	else if (text[0] == '-')
		offer = OFFER_OPTIONS;
	else if (strchr(text, '/'))
		offer = OFFER_FILES;
	free(copy);
	return offer;
}

char *follow_complete(const char *line, const char *text, int state)
{
	static const char *const opts[] = { "--svg", "--json", "--stable-pids", "--timeline=", "--live",
					    "--max-procs", "--no-color", "--quiet" };
	static enum offer offer;
	static size_t next;
	if (state == 0) {
		offer = what_to_offer(line, text);
		next = 0;
	}
	switch (offer) {
	case OFFER_OPTIONS:
		while (next < sizeof opts / sizeof opts[0]) {
			const char *o = opts[next++];
			if (strncmp(o, text, strlen(text)) == 0)
				return xstrdup(o);
		}
		return NULL;
	case OFFER_FILES:
		return input_complete_file(text, state);
	case OFFER_COMMANDS:
		return input_complete_command(text, state);
	case OFFER_NOTHING:
		break;
	}
	return NULL;
}
