/* Grids as an Excel workbook, with libxlsxwriter: what the CAE's staff
 * open in Excel or LibreOffice.  libxlsxwriter writes to a file by name,
 * so the workbook is made in a temp file of its own, then copied to out
 * (a -o FILE's temp file, or stdout) and removed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "flashcoop/date.h"
#include "flashcoop/grid.h"
#include "flashcoop/i18n.h"
#include "flashcoop/text.h"
#include "flashcoop/write.h"

/* The rows of a sheet, its header's included (Excel's limit). */
#define SHEET_ROWS 1048576u
/* A column's width, in characters: at least, at most. */
#define WIDTH_MIN 6
#define WIDTH_MAX 50

/* A cell's look: text, an amount, hours, a count, a rate, a date. */
enum look { LOOK_TEXT, LOOK_MONEY, LOOK_HOURS, LOOK_COUNT, LOOK_RATE,
            LOOK_DATE, LOOK_N };

struct xlsx {
	char path[4096];
	lxw_workbook *wb;
	lxw_format *head;
	lxw_format *look[LOOK_N][2];  /* [look][bold: the total row] */
	int sheets;
};

static int fail_lxw(struct fc_error *e, lxw_error err)
{
	return fc_fail(e, FC_IOERR, "cannot make the workbook: %s",
	               lxw_strerror(err));
}

/* The number format of an amount: two decimals and the currency's sign
 * ("€" for EUR, else its code; none over projects of several). */
static void money_format_of(const char *currency, char *buf, size_t size)
{
	if (!currency || !*currency)
		snprintf(buf, size, "#,##0.00");
	else
		snprintf(buf, size, "#,##0.00\\ \"%s\"",
		         strcmp(currency, "EUR") == 0 ? "€" : currency);
}

static int formats(struct xlsx *x, const char *currency)
{
	char money[64];

	money_format_of(currency, money, sizeof money);
	if (!(x->head = workbook_add_format(x->wb)))
		return -1;
	format_set_bold(x->head);
	for (int b = 0; b < 2; b++)
		for (int l = 0; l < LOOK_N; l++) {
			lxw_format *f = workbook_add_format(x->wb);
			if (!f)
				return -1;
			if (b)
				format_set_bold(f);
			if (l == LOOK_MONEY)
				format_set_num_format(f, money);
			else if (l == LOOK_HOURS)
				format_set_num_format(f, "0.00");
			else if (l == LOOK_COUNT)
				format_set_num_format(f, "0");
			else if (l == LOOK_RATE)
				format_set_num_format(f, "0.0#%");
			else if (l == LOOK_DATE)
				/* the short date of the reader's locale */
				format_set_num_format_index(f, 14);
			x->look[l][b] = f;
		}
	return 0;
}

struct xlsx *xlsx_new(const char *currency, struct fc_error *e)
{
	const char *tmp = getenv("TMPDIR");
	struct xlsx *x = calloc(1, sizeof *x);
	lxw_workbook_options o = { .constant_memory = LXW_TRUE };
	int fd;

	if (!x) {
		fc_fail(e, FC_IOERR, "out of memory");
		return NULL;
	}
	if (!tmp || !*tmp)
		tmp = "/tmp";
	if (snprintf(x->path, sizeof x->path, "%s/flashcoop-XXXXXX", tmp) >=
	    (int)sizeof x->path || (fd = mkstemp(x->path)) < 0) {
		fc_fail_errno(e, FC_IOERR, "%s: cannot make a temp file", tmp);
		free(x);
		return NULL;
	}
	close(fd);
	o.tmpdir = (char *)tmp;
	if (!(x->wb = workbook_new_opt(x->path, &o)) || formats(x, currency)) {
		fc_fail(e, FC_IOERR, "cannot make the workbook: out of memory");
		xlsx_free(x);
		return NULL;
	}
	return x;
}

void xlsx_free(struct xlsx *x)
{
	if (!x)
		return;
	if (x->wb) {
		/* No way to drop a workbook but to write it: its file goes. */
		workbook_close(x->wb);
	}
	unlink(x->path);
	free(x);
}

/* The rows before the totals. */
static size_t data_rows(const struct grid *g)
{
	return g->totals ? g->totals_from : g->nrows;
}

/* Whether column j holds dates: every one of its cells above the total
 * row is a date or empty, and one at least is a date. */
static bool date_column(const struct grid *g, size_t j)
{
	size_t rows = data_rows(g), dates = 0;
	int32_t d;

	if (g->col[j].type != CELL_TEXT)
		return false;
	for (size_t i = 0; i < rows; i++) {
		const struct grid_cell *c = grid_at(g, i, j);
		if (c->empty || !*c->text)
			continue;
		if (strlen(c->text) != 10 || date_parse(c->text, &d) < 0)
			return false;
		dates++;
	}
	return dates > 0;
}

static enum look look_of(const struct grid_cell *c, bool dates)
{
	switch (c->type) {
	case CELL_MONEY: return LOOK_MONEY;
	case CELL_HOURS: return LOOK_HOURS;
	case CELL_COUNT: return LOOK_COUNT;
	case CELL_RATE: return LOOK_RATE;
	default: return dates ? LOOK_DATE : LOOK_TEXT;
	}
}

/* A number cell's exact decimal text, for the sheet: a rate as a fraction
 * (5.5 % is "5.5e-2").  The sheet keeps its numbers in binary: the
 * text is handed over as it is (strtod in cell), with no arithmetic done
 * on it, so the cell is what a person typing the CSV's figure would get. */
static const char *sheet_text(const struct grid_cell *c, char *buf,
                              size_t size)
{
	char plain[GRID_PLAIN_SIZE];

	snprintf(buf, size, "%s%s", grid_plain(c, plain),
	         c->type == CELL_RATE ? "e-2" : "");
	return buf;
}

static lxw_error cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t j,
                      const struct grid_cell *c, enum look l, lxw_format *f)
{
	int32_t day;
	int y, m, d;

	if (c->empty || (c->type == CELL_TEXT && !*c->text))
		return LXW_NO_ERROR;
	if (l == LOOK_DATE && date_parse(c->text, &day) == 0) {
		date_to_ymd(day, &y, &m, &d);
		lxw_datetime dt = { y, m, d, 0, 0, 0 };
		return worksheet_write_datetime(ws, r, j, &dt, f);
	}
	if (c->type != CELL_TEXT) {
		char v[GRID_PLAIN_SIZE + 4];
		return worksheet_write_number(ws, r, j, strtod(sheet_text(c, v,
		                              sizeof v), NULL), f);
	}
	/* a text is written as text, never taken for a formula (one over
	 * Excel's 32,767 bytes a cell is refused: an error) */
	return worksheet_write_string(ws, r, j, c->text, f);
}

/* The width of column j: its longest cell, within bounds. */
static unsigned width(const struct grid *g, size_t j)
{
	char buf[GRID_PLAIN_SIZE];
	size_t w = text_width(gettext(g->col[j].name));

	for (size_t i = 0; i < g->nrows && w < WIDTH_MAX; i++) {
		size_t n = text_width(grid_plain(grid_at(g, i, j), buf));
		if (n > w)
			w = n;
	}
	w += 2;
	return (unsigned)(w < WIDTH_MIN ? WIDTH_MIN : w > WIDTH_MAX ? WIDTH_MAX :
	                  w);
}

/* The header, the column widths, the frozen header and the filter. */
static lxw_error head(struct xlsx *x, lxw_worksheet *ws, const struct grid *g,
                      const bool *dates)
{
	size_t data = data_rows(g);
	lxw_error err = LXW_NO_ERROR;

	for (size_t j = 0; !err && j < g->ncols; j++) {
		enum look l = dates[j] ? LOOK_DATE : LOOK_TEXT;
		err = worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j,
		                           width(g, j), l == LOOK_DATE ?
		                           x->look[l][0] : NULL);
	}
	for (size_t j = 0; !err && j < g->ncols; j++)
		err = worksheet_write_string(ws, 0, (lxw_col_t)j,
		                             gettext(g->col[j].name), x->head);
	if (!err)
		worksheet_freeze_panes(ws, 1, 0);
	if (!err && g->ncols)
		err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)data,
		                           (lxw_col_t)(g->ncols - 1));
	return err;
}

int xlsx_sheet(struct xlsx *x, const char *name, const struct grid *g,
               struct fc_error *e)
{
	lxw_worksheet *ws;
	bool *dates;
	lxw_error err;

	if (g->nrows >= SHEET_ROWS)
		return fc_fail(e, FC_DATAERR, "%s: %zu rows do not fit a sheet "
		               "(%u at most): use --format csv", name, g->nrows,
		               SHEET_ROWS - 1);
	if (!(ws = workbook_add_worksheet(x->wb, name)) ||
	    !(dates = calloc(g->ncols + 1, sizeof *dates)))
		return fc_fail(e, FC_IOERR, "cannot make the workbook: out of "
		               "memory");
	for (size_t j = 0; j < g->ncols; j++)
		dates[j] = date_column(g, j);
	err = head(x, ws, g, dates);
	for (size_t i = 0; !err && i < g->nrows; i++) {
		bool bold = i >= data_rows(g);
		for (size_t j = 0; !err && j < g->ncols; j++) {
			const struct grid_cell *c = grid_at(g, i, j);
			enum look l = look_of(c, dates[j]);
			err = cell(ws, (lxw_row_t)(i + 1), (lxw_col_t)j, c, l,
			           x->look[l][bold]);
		}
	}
	free(dates);
	x->sheets++;
	return err ? fail_lxw(e, err) : 0;
}

/* The file made, copied to out. */
static int copy(const char *path, FILE *out, struct fc_error *e)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	char buf[65536];
	ssize_t n;

	if (fd < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot read the workbook",
		                     path);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		if (fwrite(buf, 1, (size_t)n, out) != (size_t)n) {
			close(fd);
			return fc_fail(e, FC_IOERR, "cannot write the workbook");
		}
	if (n < 0)
		fc_fail_errno(e, FC_IOERR, "%s: cannot read the workbook", path);
	close(fd);
	return n < 0 ? FC_IOERR : 0;
}

int xlsx_write(struct xlsx *x, FILE *out, struct fc_error *e)
{
	lxw_error err = workbook_close(x->wb);
	int rc;

	x->wb = NULL;
	rc = err ? fail_lxw(e, err) : copy(x->path, out, e);
	xlsx_free(x);
	return rc;
}

int write_xlsx(FILE *out, const char *sheet, const struct grid *g,
               const char *currency, struct fc_error *e)
{
	struct xlsx *x = xlsx_new(currency, e);
	int rc;

	if (!x)
		return e->code;
	if ((rc = xlsx_sheet(x, sheet, g, e))) {
		xlsx_free(x);
		return rc;
	}
	return xlsx_write(x, out, e);
}
