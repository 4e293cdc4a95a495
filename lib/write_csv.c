#include <stdlib.h>

#include "flashcoop/buf.h"
#include "flashcoop/grid.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"
#include "flashcoop/write.h"

/* Rows are written once this many bytes are waiting. */
#define CSV_CHUNK 65536

/* The fields of row i, into f: a text cell a spreadsheet would take for a
 * formula gets a leading quote (the OWASP rule, text_cell); numbers stay
 * numbers, negative ones too.  q holds one cell's room per column. */
static void fields(const struct grid *g, size_t i, const char **f,
                   char (*q)[TEXT_CELL_SIZE])
{
	for (size_t j = 0; j < g->ncols; j++) {
		const char *v = grid_plain(grid_at(g, i, j), q[j]);
		f[j] = g->col[j].type == CELL_TEXT ?
		       text_cell(v, q[j], sizeof q[j]) : v;
	}
}

static int flush(FILE *out, struct buf *b)
{
	if (b->len && fwrite(b->p, 1, b->len, out) != b->len)
		return -1;
	b->len = 0;
	return 0;
}

int write_csv(FILE *out, const struct grid *g)
{
	const char **f = calloc(g->ncols + 1, sizeof *f);
	char (*q)[TEXT_CELL_SIZE] = calloc(g->ncols + 1, sizeof *q);
	struct buf b = { 0 };
	int rc = f && q ? 0 : -1;

	for (size_t j = 0; !rc && j < g->ncols; j++)
		f[j] = g->col[j].name;
	if (!rc)
		rc = table_format_row(&b, f, g->ncols);
	for (size_t i = 0; !rc && i < g->nrows; i++) {
		fields(g, i, f, q);
		rc = table_format_row(&b, f, g->ncols);
		if (!rc && b.len > CSV_CHUNK)
			rc = flush(out, &b);
	}
	if (!rc)
		rc = flush(out, &b);
	buf_free(&b);
	free(f);
	free(q);
	return rc;
}
