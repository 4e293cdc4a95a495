#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- the dialect of French Excel ---- */

/* A field: quoted when it holds a semicolon, a quote or a line break,
 * its quotes doubled. */
static int excel_field(struct buf *b, const char *v)
{
	if (!v[strcspn(v, ";\"\r\n")])
		return buf_puts(b, v);
	if (buf_puts(b, "\"") < 0)
		return -1;
	for (const char *c = v; *c; c++)
		if ((*c == '"' && buf_puts(b, "\"") < 0) ||
		    buf_add(b, c, 1) < 0)
			return -1;
	return buf_puts(b, "\"");
}

/* A row: fields a semicolon apart, a number's point a comma, CRLF. */
static int excel_row(struct buf *b, const char *const *f, const bool *num,
                     size_t n)
{
	for (size_t j = 0; j < n; j++) {
		char v[GRID_PLAIN_SIZE];
		const char *s = f[j];
		if (num && num[j] && strlen(s) < sizeof v) {
			s = strcpy(v, s);
			if (strchr(v, '.'))
				*strchr(v, '.') = ',';
		}
		if ((j && buf_puts(b, ";") < 0) || excel_field(b, s) < 0)
			return -1;
	}
	return buf_puts(b, "\r\n");
}

int write_csv_excel_fr(FILE *out, const struct grid *g)
{
	const char **f = calloc(g->ncols + 1, sizeof *f);
	char (*q)[TEXT_CELL_SIZE] = calloc(g->ncols + 1, sizeof *q);
	bool *num = calloc(g->ncols + 1, sizeof *num);
	struct buf b = { 0 };
	int rc = f && q && num ? buf_puts(&b, "\xef\xbb\xbf") : -1;

	for (size_t j = 0; !rc && j < g->ncols; j++)
		f[j] = g->col[j].name;
	if (!rc)
		rc = excel_row(&b, f, NULL, g->ncols);
	for (size_t i = 0; !rc && i < g->nrows; i++) {
		fields(g, i, f, q);
		for (size_t j = 0; j < g->ncols; j++)
			num[j] = grid_at(g, i, j)->type != CELL_TEXT;
		rc = excel_row(&b, f, num, g->ncols);
		if (!rc && b.len > CSV_CHUNK)
			rc = flush(out, &b);
	}
	if (!rc)
		rc = flush(out, &b);
	buf_free(&b);
	free(f);
	free(q);
	free(num);
	return rc;
}
