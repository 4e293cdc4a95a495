/*
 * report: figures turned into what people and scripts read.  Each report
 * is built as a table (columns typed text, money, count, hours, rate,
 * date), then written as an aligned text table, CSV or JSON by one writer
 * each.  The only module of lib/ that writes to a stream it is given.
 */
#ifndef FLASHCOOP_REPORT_H
#define FLASHCOOP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flashcoop/error.h"

struct project;

enum report_kind { REPORT_SUMMARY, REPORT_SALES, REPORT_CHARGES,
                   REPORT_HOURS, REPORT_PARTICIPANTS, REPORT_FUNDERS,
                   REPORT_CASH };
enum report_format { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON };

/* "sales" -> REPORT_SALES...; -1 when unknown. */
int report_kind_parse(const char *s);
int report_format_parse(const char *s);

struct report_options {
	enum report_kind kind;
	unsigned dims;            /* --by: bits of 1 << DIM_*; 0: default */
	int32_t from, to;         /* DATE_NONE: no bound */
	bool names;
};

/* Which --by dimensions a report takes (bits of 1 << DIM_*). */
unsigned report_dims_allowed(enum report_kind k);

/* Text is written as it is (neutralised in CSV when a spreadsheet would
 * take it for a formula); the others are numbers, right-aligned. */
enum cell { CELL_TEXT, CELL_MONEY, CELL_COUNT, CELL_HOURS, CELL_RATE,
            CELL_NUMBER };

/* A report being built: typed columns, rows of text cells. */
struct report {
	struct report_options opt;
	size_t ncols;
	const char *col[24];
	enum cell type[24];
	char **cells;             /* nrows x ncols, owned */
	enum cell *types;         /* nrows x ncols: a cell's own type (the
	                             funders' value is a count or an amount) */
	size_t nrows, caprows;
	bool has_total;           /* the last row adds up the others */
	void *acc;                /* what the total row needs */
};

int report_begin(struct report *r, const struct report_options *opt,
                 struct fc_error *e);
/* Add the rows of one project (dir already loaded as p). */
int report_project(struct report *r, const struct project *p,
                   struct fc_error *e);
/* Add the total row. */
int report_end(struct report *r, struct fc_error *e);
int report_write(FILE *out, const struct report *r, enum report_format f);
void report_free(struct report *r);

#endif
