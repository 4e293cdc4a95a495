#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"

/* ---- reading the files in order ---- */

struct reading {
	enum source src;
	struct row_cols cols;
	row_fn fn;
	void *ctx;
};

static int read_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct reading *rd = ctx;
	struct row en;
	int rc;

	if (r->header)
		return row_cols(r, rd->src, &rd->cols, e);
	if ((rc = row_parse(r, &rd->cols, rd->src, &en, e)))
		return rc;
	return rd->fn(rd->ctx, &en, e);
}

int rows_read(const char *dir, int files, row_fn fn, void *ctx,
                 struct fc_error *e)
{
	static const struct { int flag; const char *file; enum source src; }
	which[] = {
		{ ROWS_LEDGER, PROJECT_LEDGER, FROM_LEDGER },
		{ ROWS_HOURS, PROJECT_HOURS, FROM_HOURS },
	};
	char path[PATH_MAX], shown[PATH_MAX + 32];
	int rc;

	for (size_t i = 0; i < 2; i++) {
		struct reading rd = { which[i].src, { { 0 } }, fn, ctx };
		if (!(files & which[i].flag))
			continue;
		if (project_path(dir, which[i].file, path, sizeof path) < 0)
			return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
		rc = store_table(path, project_shown(dir, which[i].file, shown,
		                                     sizeof shown),
		                 TABLE_FINAL_NEWLINE | TABLE_PROJECT, read_row, &rd,
		                 e);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- a file's header and tail ---- */

/* Open dir's ledger.csv or hours.csv; its name in messages to shown. */
static int open_file(const char *dir, bool hours, int *fd, char *shown,
                     size_t size, struct fc_error *e)
{
	const char *file = hours ? PROJECT_HOURS : PROJECT_LEDGER;
	char path[PATH_MAX];

	if (project_path(dir, file, path, sizeof path) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	project_shown(dir, file, shown, size);
	return store_open(path, O_RDONLY, fd, e);
}

struct layout_of {
	struct row_layout *l;
	enum source src;
};

static int layout_row(void *ctx, const struct table_row *h, struct fc_error *e)
{
	struct layout_of *lo = ctx;
	lo->l->ncols = h->ncols;
	return row_cols(h, lo->src, &lo->l->cols, e);
}

static int header_layout(int fd, const char *name, bool hours,
                         struct row_layout *l, struct fc_error *e)
{
	struct layout_of lo = { l, hours ? FROM_HOURS : FROM_LEDGER };
	return table_header(fd, name, layout_row, &lo, e);
}

int rows_layout(const char *dir, bool hours, struct row_layout *l,
                struct fc_error *e)
{
	char shown[PATH_MAX + 32];
	int fd, rc;

	if ((rc = open_file(dir, hours, &fd, shown, sizeof shown, e)))
		return rc;
	rc = header_layout(fd, shown, hours, l, e);
	close(fd);
	return rc;
}

/* The last id of a kind, from the end of a file. */
struct last_id {
	int col;
	char letter;
	unsigned long long n;
};

static int last_id_row(void *ctx, const char *const *f, size_t n)
{
	struct last_id *li = ctx;

	if ((size_t)li->col >= n || f[li->col][0] != li->letter)
		return 0;
	li->n = strtoull(f[li->col] + 1, NULL, 10);
	return 1;
}

int rows_next_id(const char *dir, enum kind k, char *id, struct fc_error *e)
{
	unsigned long long best = 0;

	for (int i = 0; i < 2; i++) {
		char shown[PATH_MAX + 32];
		struct row_layout l = { { { 0 } }, 0 };
		struct last_id li = { 0, kind_letter(k), 0 };
		bool in_hours = i == 1;
		int fd, rc;

		/* V ids run over both files; the others live in one. */
		if (k != KIND_VOID && in_hours != (k == KIND_HOURS))
			continue;
		if ((rc = open_file(dir, in_hours, &fd, shown, sizeof shown, e)))
			return rc;
		rc = header_layout(fd, shown, in_hours, &l, e);
		li.col = l.cols.at[COL_ID];
		if (!rc)
			rc = table_read_back(fd, shown, last_id_row, &li, e);
		close(fd);
		if (rc)
			return rc;
		if (li.n > best)
			best = li.n;
	}
	if (best >= 9999999999ULL)
		return fc_fail(e, FC_DATAERR, "no %c id left", kind_letter(k));
	snprintf(id, ID_SIZE, "%c%05llu", kind_letter(k), best + 1);
	return 0;
}
