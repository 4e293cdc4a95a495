#include <stdbool.h>
#include <stdlib.h>

#include "flashcoop/buf.h"
#include "flashcoop/grid.h"
#include "flashcoop/i18n.h"
#include "flashcoop/numfmt.h"
#include "flashcoop/text.h"
#include "flashcoop/write.h"

/* Columns are this many spaces apart. */
#define GUTTER "  "

/* Row i of the table as shown (0: the headings), column j: headings
 * translated, numbers grouped, amounts of money in the locale's way. */
static const char *shown(const struct grid *g, size_t i, size_t j,
                         char buf[NUMFMT_BUFSZ])
{
	const struct grid_cell *c;

	if (i == 0)
		return gettext(g->col[j].name);
	c = grid_at(g, i - 1, j);
	if (c->empty)
		return "";
	if (c->type == CELL_TEXT || c->type == CELL_RATE)
		return grid_plain(c, buf);
	return numfmt_text(c->num, c->type == CELL_COUNT ? 0 : 2,
	                   c->type == CELL_MONEY, buf);
}

/* n times the character ch. */
static int repeat(struct buf *line, char ch, size_t n)
{
	static const char spaces[] = "                                        ",
	                  dashes[] = "----------------------------------------";
	const char *s = ch == ' ' ? spaces : dashes;

	/* In chunks: widths are small, but not bounded. */
	while (n) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		if (buf_add(line, s, k) < 0)
			return -1;
		n -= k;
	}
	return 0;
}

/* The line without its trailing spaces, then a new line. */
static int end_line(FILE *out, struct buf *line)
{
	while (line->len && line->p[line->len - 1] == ' ')
		line->len--;
	if (fwrite(line->p ? line->p : "", 1, line->len, out) != line->len ||
	    fputc('\n', out) == EOF)
		return -1;
	line->len = 0;
	return 0;
}

static int rule(FILE *out, struct buf *line, const size_t *w, size_t ncols)
{
	for (size_t j = 0; j < ncols; j++)
		if (repeat(line, '-', w[j]) < 0 || buf_puts(line, GUTTER) < 0)
			return -1;
	return end_line(out, line);
}

static int row(FILE *out, struct buf *line, const struct grid *g, size_t i,
               const size_t *w)
{
	char h[NUMFMT_BUFSZ];

	for (size_t j = 0; j < g->ncols; j++) {
		const char *v = shown(g, i, j, h);
		size_t padding = w[j] - text_width(v);
		bool right_aligned = g->col[j].type != CELL_TEXT;

		if ((right_aligned && repeat(line, ' ', padding) < 0) ||
		    buf_puts(line, v) < 0 ||
		    (!right_aligned && repeat(line, ' ', padding) < 0) ||
		    buf_puts(line, GUTTER) < 0)
			return -1;
	}
	return end_line(out, line);
}

int write_text(FILE *out, const struct grid *g)
{
	size_t *w = calloc(g->ncols + 1, sizeof *w);
	struct buf line = { 0 };
	char h[NUMFMT_BUFSZ];
	int rc = w ? 0 : -1;

	for (size_t j = 0; !rc && j < g->ncols; j++)
		for (size_t i = 0; i <= g->nrows; i++) {
			size_t n = text_width(shown(g, i, j, h));
			if (n > w[j])
				w[j] = n;
		}
	for (size_t i = 0; !rc && i <= g->nrows; i++) {
		if (i > 1 && i == g->nrows && g->ruled)
			rc = rule(out, &line, w, g->ncols);
		if (!rc)
			rc = row(out, &line, g, i, w);
	}
	buf_free(&line);
	free(w);
	return rc;
}
