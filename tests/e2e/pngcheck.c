/* pngcheck.c - is a rendered picture the right size, and not blank?
 *
 * The SVG test renders forksh's SVG with a real renderer (rsvg-convert),
 * then asks this program about the PNG: its width must be WIDTH, its
 * height at least MIN_HEIGHT, at least 1% of its pixels must differ from
 * the white ground (text and lines were drawn), and at least MIN_COLOURS
 * of the colours given (#rrggbb: the palette of the processes, which
 * colours depend on the PIDs) must appear, exactly, on some pixel.
 * Decoding is libpng's simplified API.
 *
 * usage: pngcheck FILE WIDTH MIN_HEIGHT [MIN_COLOURS #rrggbb ...]
 * Prints what it found; exit status 0 when all holds, 1 when not, 2 on a
 * usage or read error.
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: pngcheck FILE WIDTH MIN_HEIGHT [MIN_COLOURS #rrggbb ...]\n");
		return 2;
	}
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, argv[1])) {
		fprintf(stderr, "pngcheck: %s: %s\n", argv[1], img.message);
		return 2;
	}
	img.format = PNG_FORMAT_RGB;
	png_bytep px = malloc(PNG_IMAGE_SIZE(img));
	if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
		fprintf(stderr, "pngcheck: %s: %s\n", argv[1], img.message);
		return 2;
	}
	size_t n = (size_t)img.width * img.height, ink = 0;
	for (size_t i = 0; i < n; i++)
		ink += px[3 * i] < 250 || px[3 * i + 1] < 250 || px[3 * i + 2] < 250;
	int ok = (long)img.width == atol(argv[2]) && (long)img.height >= atol(argv[3]) && ink * 100 >= n;
	printf("%ux%u, %.1f%% ink", img.width, img.height, 100.0 * (double)ink / (double)n);
	int want = argc > 4 ? atoi(argv[4]) : 0, seen = 0;
	for (int a = 5; a < argc; a++) {
		unsigned rgb;
		if (sscanf(argv[a], "#%6x", &rgb) != 1)
			return 2;
		size_t hits = 0;
		for (size_t i = 0; i < n; i++)
			hits += px[3 * i] == (rgb >> 16) && px[3 * i + 1] == ((rgb >> 8) & 0xff) && px[3 * i + 2] == (rgb & 0xff);
		printf(", %s: %zu px", argv[a], hits);
		seen += hits > 0;
	}
	ok &= seen >= want;
	printf("; %d of the colours seen\n", seen);
	free(px);
	return ok ? 0 : 1;
}
