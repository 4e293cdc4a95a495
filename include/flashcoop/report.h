/*
 * report: one report of the table of reports (reports.h) made over one
 * project or many.  Each project is read under a shared lock in one
 * verified pass (verify_read) that adds up what the report needs (the
 * totals, or the groups of --by), then the report's own function fills
 * its rows; a total row ends them, and the grid is written as text, CSV
 * or JSON (write.h).
 */
#ifndef FLASHCOOP_REPORT_H
#define FLASHCOOP_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "flashcoop/error.h"
#include "flashcoop/grid.h"
#include "flashcoop/groups.h"
#include "flashcoop/participant.h"
#include "flashcoop/totals.h"

struct project;
struct report_def;

enum report_format { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON, FORMAT_XLSX,
                     FORMAT_CSV_EXCEL_FR   /* --csv-dialect excel-fr */ };

/* "text" -> FORMAT_TEXT, "csv", "json", "xlsx"; -1 when unknown. */
int report_format_parse(const char *s);

struct report_options {
	const struct report_def *def; /* which (of shape REPORT_TABLE) */
	unsigned dims;            /* --by: bits of 1 << DIM_*; 0: default */
	int32_t from, to;         /* DATE_NONE: no bound */
	bool names;
	bool with_closing;        /* the books' reports: the closing booked */
	bool statement;           /* a report_def's statement in text: the
	                             statement instead (report_statement) */
	const char *lot, *charge; /* what a trace follows (one of them) */
};

/* A report being made. */
struct report {
	struct report_options opt;
	struct grid grid;
	void *acc;                /* what the report's total adds up beyond
	                             its columns (the funders'), or NULL */
	bool overflow;            /* a sum of acc does not fit */
	char currency[4];         /* the projects' one currency, or "" */
	char *text;               /* the statement's text, or NULL */
	size_t text_len;
	size_t projects;          /* added so far */
};

int report_begin(struct report *r, const struct report_options *opt,
                 struct fc_error *e);
/* Add the rows of project p (loaded). */
int report_project(struct report *r, const struct project *p,
                   struct fc_error *e);
/* The total row(s); FC_DATAERR when a sum does not fit. */
int report_end(struct report *r, struct fc_error *e);
/* 0, or an exit code with e filled: out of memory, out cannot be
 * written, a workbook cannot be made. */
int report_write(FILE *out, const struct report *r, enum report_format f,
                 struct fc_error *e);
void report_free(struct report *r);

/* One verified pass over project p, under a shared lock (verify_read):
 * its participants, its totals, and its rows of kind grouped by dims
 * (groups.h), for a document made of them (the attestations).  Freed
 * with report_pass_free. */
struct report_pass {
	struct participants ps;
	struct totals t;
	struct groups g;
};
int report_read(const struct project *p, enum kind kind, unsigned dims,
                struct report_pass *out, struct fc_error *e);
void report_pass_free(struct report_pass *rp);

/* For the reports' own functions: the row of cells added (grid.h) is
 * whole, or FC_IOERR "out of memory". */
int report_end_row(struct report *r, struct fc_error *e);
/* The text of report r is the statement of project p's closing c (as
 * flashcoop-close --dry-run shows it): of the closing's date when p is
 * closed and no --from or --to bounds it, else provisional, on --to or
 * today. */
struct closing;
int report_statement(struct report *r, const struct project *p,
                     const struct closing *c, struct fc_error *e);
/* The total row of the column sums (grid_total_row). */
int report_total_sums(struct report *r, struct fc_error *e);

#endif
