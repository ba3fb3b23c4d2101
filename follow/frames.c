/* frames.c - follow --live: the process tree, redrawn while the program
 * runs (for a classroom's projector).
 *
 * A frame is drawn at most four times a second, and only when the tree
 * changed.  follow sees every write the program makes on its standard
 * output and error before it happens (seccomp.c), so it knows whether the
 * last frame is still the last thing on the terminal: then the new frame
 * replaces it in place (cursor up, clear to the end of the screen);
 * otherwise, or when the output is not a terminal or the frame would not
 * fit on the screen, the new frame goes below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fint.h"

/* Rows of the terminal on stdout, or 0 when it is none. */
static int term_rows(void)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0)
		return 0;
	return ws.ws_row;
}

/* Erase the last frame if it is still the last thing on the terminal. */
static int erase_last(struct follow *f)
{
	if (!f->frame_lines || f->screen_dirty || !term_rows())
		return 0;
	printf("\033[%zuA\r\033[J", f->frame_lines);
	return 1;
}

void fl_frame(struct follow *f)
{
	if (!f->changed)
		return;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return;
	fprintf(mem, "-- follow --live: %zu process%s so far, at %.1f s --\n", f->nall, f->nall == 1 ? "" : "es",
		fl_now(f));
	draw_tree(mem, f->rec, &f->o->draw);
	if (fclose(mem) != 0) {
		free(text);
		return;
	}
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	int rows = term_rows();
	if (rows && lines + 1 >= (size_t)rows && f->frame_lines)
		f->screen_dirty = 1; /* too tall to redraw in place */
	erase_last(f);
	fwrite(text, 1, len, stdout);
	fflush(stdout);
	free(text);
	f->frame_lines = lines;
	f->screen_dirty = 0;
	f->changed = 0;
}

void fl_frame_clear(struct follow *f)
{
	if (erase_last(f))
		fflush(stdout);
	f->frame_lines = 0;
}
