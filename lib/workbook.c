/* The workbook of one project: a sheet per report, under one shared lock
 * so that they all show the same rows. */
#include <stdio.h>
#include <string.h>

#include "flashcoop/books.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/grid.h"
#include "flashcoop/journal.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/reports.h"
#include "flashcoop/seal.h"
#include "flashcoop/statement.h"
#include "flashcoop/store.h"
#include "flashcoop/workbook.h"
#include "flashcoop/write.h"

/* The statement: of the closing once closed, else the figures so far. */
static int statement_sheet(struct xlsx *x, const struct project *p,
                           struct fc_error *e)
{
	int32_t date = date_today();
	bool closed = project_closed(p->dir) && seal_date(p->dir, &date) == 0;
	struct report_pass rp;
	struct closing c;
	struct grid g;
	int rc = report_read(p, KIND_SALE, 0, &rp, e);

	if (rc)
		return rc;
	if (!(rc = closing_compute(p, &rp.ps, &rp.t, &c, e))) {
		if (!(rc = statement_grid(&g, p, &c, date, !closed, e)))
			rc = xlsx_sheet(x, "statement", &g, e);
		grid_free(&g);
		closing_free(&c);
	}
	report_pass_free(&rp);
	return rc;
}

/* A report of the table, with its defaults; the books with the closing
 * once closed. */
static int table_sheet(struct xlsx *x, const struct project *p,
                       const struct report_def *def, bool names,
                       struct fc_error *e)
{
	struct report_options o = { def, 0, DATE_NONE, DATE_NONE, names,
	                            def->books && project_closed(p->dir),
	                            false, NULL, NULL };
	struct report r;
	int rc = report_begin(&r, &o, e);

	if (rc)
		return rc;
	if (!(rc = report_project(&r, p, e)) && !(rc = report_end(&r, e)))
		rc = xlsx_sheet(x, def->name, &r.grid, e);
	report_free(&r);
	return rc;
}

/* The accountant's journal, as entries --format csv has it. */
static int entries_sheet(struct xlsx *x, const struct project *p,
                         struct fc_error *e)
{
	unsigned flags = project_closed(p->dir) ? BOOKS_WITH_CLOSING : 0;
	struct books b = { 0 };
	struct grid g = { 0 };
	int rc = books_add(&b, p, flags, e);

	if (!rc)
		rc = books_finish(&b, e);
	if (!rc && journal_grid(&g, &b, false) < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	if (!rc)
		rc = xlsx_sheet(x, "entries", &g, e);
	grid_free(&g);
	books_free(&b);
	return rc;
}

int workbook_write(FILE *out, const struct project *p, bool names,
                   struct fc_error *e)
{
	struct store_lock lock;
	struct xlsx *x;
	int rc = store_lock(p->dir, false, &lock, e);

	if (rc)
		return rc;
	if (!(x = xlsx_new(p->currency, e))) {
		store_unlock(&lock);
		return e->code;
	}
	rc = statement_sheet(x, p, e);
	for (size_t i = 0; !rc && i < nreports; i++)
		if (reports[i].shape == REPORT_TABLE && !reports[i].traced)
			rc = table_sheet(x, p, &reports[i], names, e);
	if (!rc)
		rc = entries_sheet(x, p, e);
	store_unlock(&lock);
	if (rc) {
		xlsx_free(x);
		return rc;
	}
	return xlsx_write(x, out, e);
}
