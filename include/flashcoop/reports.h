/*
 * reports: the table of the reports flashcoop-report makes, as git's table
 * of its commands ({ "add", cmd_add, RUN_SETUP }): for each its name, its
 * shape, the formats and the --by dimensions it takes, and for a table its
 * columns and the functions that fill its rows and its total.  A new
 * report is one entry of reports[] and one function.  The usage text, the
 * bash completion and the man page are checked against this table
 * (tests/cli/t0590-report-table.sh reads it from lib/reports.c: keep one
 * field a line).
 */
#ifndef FLASHCOOP_REPORTS_H
#define FLASHCOOP_REPORTS_H

#include <stdbool.h>
#include <stddef.h>

#include "flashcoop/error.h"
#include "flashcoop/grid.h"
#include "flashcoop/row.h"

struct project;
struct participants;
struct totals;
struct groups;
struct report;

enum report_shape {
	REPORT_TABLE,             /* columns and rows: report.h */
	REPORT_JOURNAL,           /* the accountant's entries: journal.h */
	REPORT_BILAN,             /* the HTML document: bilan.h */
	REPORT_ATTESTATION,       /* a page per participant: attestation.h */
	REPORT_WORKBOOK,          /* every report in a spreadsheet:
	                             workbook.h */
	REPORT_LABELS             /* a lot's food labels: labels.h */
};

/* What the one pass over a project gives a report's fill function. */
struct report_input {
	const struct project *p;
	const struct participants *ps;
	const struct totals *t;   /* the rows between --from and --to */
	struct groups *g;         /* the groups of --by (reports with dims) */
	void *scratch;            /* what each() added up (the stock's) */
};

/* Column flags, beside grid.h's GRID_NO_TOTAL. */
#define REPORT_NAMES 0x100u   /* only with --names */
#define REPORT_BY 0x200u      /* stands for the --by columns, in the
                                 order of enum dim, a participant's name
                                 after its id with --names */
#define REPORT_LOTS 0x400u    /* only with --by lot */

struct report_column {
	const char *name;         /* N_(): the CSV header, translated in text */
	enum cell type;
	unsigned flags;
};
/* Defined beside their rows: the stock's and the trace's
 * (stock_report.c). */
extern const struct report_column stock_columns[], trace_columns[];

struct report_def {
	const char *name;
	enum report_shape shape;
	const char *formats;      /* the values of --format, the first the
	                             default, one space apart */
	unsigned dims;            /* the --by it takes: bits of 1 << DIM_* */
	unsigned default_dims;    /* without --by */
	unsigned forced_dims;     /* always (VAT is only right per rate) */
	enum kind rows;           /* the kind of rows grouped, with dims */
	const struct report_column *columns; /* after "project"; a NULL name
	                                        ends them */
	int (*fill)(struct report *r, const struct report_input *in,
	            struct fc_error *e);
	int (*total)(struct report *r, struct fc_error *e); /* NULL: none */
	void (*free_acc)(void *acc);
	bool books;               /* made from the books: --with-closing */
	bool totals;              /* the pass adds up the totals beside the
	                             groups of its dims (payroll) */
	bool whole;               /* of the whole period: no --from, --to */
	bool names;               /* carries names always: its file is
	                             0600 */
	bool statement;           /* its text over one project is the
	                             closing statement (report_statement) */
	/* A report of every row, production.csv's too: each() given each
	 * one, with scratch_new()'s, for fill (in->scratch). */
	void *(*scratch_new)(const struct project *p);
	int (*each)(void *scratch, const struct row *en, struct fc_error *e);
	void (*scratch_free)(void *scratch);
	bool traced;              /* follows --lot or --charge: not in the
	                             workbook */
};

/* The reports; the first is the one made when none is named. */
extern const struct report_def reports[];
extern const size_t nreports;

/* The report of this name, or NULL. */
const struct report_def *reports_find(const char *name);
/* Whether report d takes --format format. */
bool reports_takes_format(const struct report_def *d, const char *format);

#endif
