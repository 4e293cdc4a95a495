/*
 * libFuzzer target: the CSV row reader (lib/table.c over libcsv).
 *
 * Each input is read twice by table_read_stream() through fmemopen(): with
 * no flags, then with TABLE_FINAL_NEWLINE | TABLE_RAGGED.  The callback
 * touches every byte of every field and checks what table.h promises:
 * the header comes first, once, with named and distinct columns; lines go
 * forward; without TABLE_RAGGED a data row has the header's width; at most
 * TABLE_MAX_COLS fields.  Each row is also written back with
 * table_format_row() and split again with table_split_line(): the same
 * fields must come back (the writer and the reader agree).
 *
 * And the reader's two ways agree: table.c splits a whole line with no
 * quote character and no CR itself (plain_line) and hands every other
 * line to libcsv.  Each data row whose line in the input (r->line; line
 * 1 without its BOM) holds no '"' and no '\r' must have the fields that
 * table_split_line(), libcsv itself, gives for that line.
 *
 * Build and run: tests/fuzz/run.sh (make fuzz).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/error.h"
#include "flashcoop/table.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz_table: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

struct seen {
	const char *data;      /* the input, and where each line starts */
	size_t size;
	size_t *starts, nlines;
	int flags;
	size_t rows;          /* callbacks, header included */
	long last_line;
	size_t ncols;
	volatile unsigned sum; /* keeps the reads of every byte */
};

/* Write the row back and split it again: the same fields. */
static void round_trip(const struct table_row *r)
{
	struct buf b = { 0 };
	char *fields[TABLE_MAX_COLS], *sbuf;
	const char *in[TABLE_MAX_COLS];
	size_t len;
	int n;

	if (r->n == 0)
		return;
	for (size_t i = 0; i < r->n; i++)
		in[i] = r->field[i];
	if (table_format_row(&b, in, r->n) < 0)
		FAIL("table_format_row failed on a row of %zu fields", r->n);
	if (b.len == 0 || b.p[b.len - 1] != '\n')
		FAIL("table_format_row: no newline at the end");
	len = b.len - 1;       /* without the newline */
	sbuf = malloc(len + 1);
	if (!sbuf)
		abort();
	n = table_split_line(b.p, len, fields, TABLE_MAX_COLS, sbuf, len + 1);
	if (n < 0 || (size_t)n != r->n)
		FAIL("line %ld: %zu fields written, %d read back from [%s]",
		     r->line, r->n, n, b.p);
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(fields[i], r->field[i]) != 0)
			FAIL("line %ld: field %zu [%s] reads back as [%s]",
			     r->line, i + 1, r->field[i], fields[i]);
	free(sbuf);
	buf_free(&b);
}

/* A row on a line without quotes and CR: the fields libcsv gives for
 * that line, alone. */
static void same_as_libcsv(const struct seen *s, const struct table_row *r)
{
	char *fields[TABLE_MAX_COLS], *sbuf;
	const char *line;
	size_t len;
	int n;

	if (r->line < 1 || (size_t)r->line > s->nlines)
		FAIL("row on line %ld; the input has %zu lines", r->line,
		     s->nlines);
	line = s->data + s->starts[r->line - 1];
	len = ((size_t)r->line < s->nlines ? s->starts[r->line] :
	       s->size) - s->starts[r->line - 1];
	if (len && line[len - 1] == '\n')
		len--;
	if (r->line == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
		line += 3;
		len -= 3;
	}
	if (memchr(line, '"', len) || memchr(line, '\r', len))
		return;
	if (!(sbuf = malloc(len + 1)))
		abort();
	n = table_split_line(line, len, fields, TABLE_MAX_COLS, sbuf, len + 1);
	if (n < 0 || (size_t)n != r->n)
		FAIL("line %ld [%.*s]: %zu fields read, libcsv splits it in %d",
		     r->line, (int)len, line, r->n, n);
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(fields[i], r->field[i]) != 0)
			FAIL("line %ld [%.*s]: field %zu read as [%s], libcsv "
			     "gives [%s]", r->line, (int)len, line, i + 1,
			     r->field[i], fields[i]);
	free(sbuf);
}

static int on_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct seen *s = ctx;
	unsigned sum = 0;

	(void)e;
	if (r->n > TABLE_MAX_COLS || r->ncols > TABLE_MAX_COLS)
		FAIL("%zu fields, %zu columns: more than %d", r->n, r->ncols,
		     TABLE_MAX_COLS);
	if (r->line < 1 || r->line < s->last_line)
		FAIL("row on line %ld after line %ld", r->line, s->last_line);
	s->last_line = r->line;
	if (r->header != (s->rows == 0))
		FAIL("header flag %d on callback %zu", r->header, s->rows + 1);
	if (r->header) {
		if (r->ncols != r->n)
			FAIL("header of %zu fields has %zu columns", r->n,
			     r->ncols);
		for (size_t i = 0; i < r->ncols; i++) {
			if (!r->col[i][0])
				FAIL("header column %zu has no name", i + 1);
			if (strcmp(r->col[i], r->field[i]) != 0)
				FAIL("header column %zu differs from its field",
				     i + 1);
			if (table_col(r, r->col[i]) != (int)i)
				FAIL("column '%s' found at %d, not %zu",
				     r->col[i], table_col(r, r->col[i]), i);
		}
		s->ncols = r->ncols;
	} else {
		if (r->ncols != s->ncols)
			FAIL("row has %zu columns, the header %zu", r->ncols,
			     s->ncols);
		if (!(s->flags & TABLE_RAGGED) && r->n != r->ncols)
			FAIL("line %ld: %zu fields, header %zu, without "
			     "TABLE_RAGGED", r->line, r->n, r->ncols);
	}
	for (size_t i = 0; i < r->n; i++) {
		const char *f = r->field[i];
		for (size_t j = 0; f[j]; j++)
			sum += (unsigned char)f[j];
		if (table_get(r, (int)i) != f)
			FAIL("table_get(%zu) is not field %zu", i, i);
	}
	for (size_t i = 0; i < r->ncols; i++)
		sum += (unsigned char)r->col[i][0];
	if (*table_get(r, -1) || *table_get(r, (int)r->n))
		FAIL("table_get out of the row is not \"\"");
	s->sum += sum;
	s->rows++;
	round_trip(r);
	if (!r->header)
		same_as_libcsv(s, r);
	return 0;
}

static void read_with(const uint8_t *data, size_t size, int flags)
{
	struct seen s = { .data = (const char *)data, .size = size,
	                  .flags = flags };
	struct fc_error e = { 0, "" };
	/* fmemopen needs a writable buffer and at least one byte; the copy
	 * is exactly as long as the input, so ASan sees any overread. */
	char *copy = malloc(size ? size : 1);
	FILE *f;
	int rc;

	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	/* Lines as getline() gives them: each ends after a '\n'. */
	s.starts = malloc((size + 1) * sizeof *s.starts);
	if (!s.starts)
		abort();
	for (size_t i = 0; i < size; i++)
		if (i == 0 || data[i - 1] == '\n')
			s.starts[s.nlines++] = i;
	f = size ? fmemopen(copy, size, "r") : fopen("/dev/null", "r");
	if (!f)
		abort();
	rc = table_read_stream(f, "fuzz.csv", flags, on_row, &s, &e);
	fclose(f);
	free(copy);
	free(s.starts);
	if (rc != 0 && rc != FC_DATAERR && rc != FC_IOERR)
		FAIL("table_read_stream returned %d", rc);
	if (rc != 0 && (e.code != rc || !e.msg[0]))
		FAIL("return %d with error code %d, message '%s'", rc, e.code,
		     e.msg);
	if (rc == 0 && s.rows == 0)
		FAIL("success without a header row");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_with(data, size, 0);
	read_with(data, size, TABLE_FINAL_NEWLINE | TABLE_RAGGED);
	return 0;
}
