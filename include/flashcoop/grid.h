/*
 * grid: a report's table in memory, as the writers (write.h) take it:
 * typed columns, then rows of typed cells (text, or a number: cents,
 * hundredths, a count), added cell by cell in column order.  Each
 * column's numbers are added up as rows come, so that a total row is
 * one call.  Nothing here knows which report it holds.
 */
#ifndef FLASHCOOP_GRID_H
#define FLASHCOOP_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/money.h"

/* Text is written as it is; the others are numbers, right-aligned in
 * text.  A CELL_NUMBER column holds numbers each of its own type (the
 * funders' value is a count, hours or an amount). */
enum cell { CELL_TEXT, CELL_MONEY, CELL_COUNT, CELL_HOURS, CELL_RATE,
            CELL_NUMBER };

/* A column flag: its sum is not shown in the total row (balances do not
 * add up). */
#define GRID_NO_TOTAL 1u

struct grid_column {
	const char *name;        /* a literal, marked N_(): the CSV header */
	enum cell type;
	unsigned flags;
	int64_t sum;             /* of its numbers so far (money, counts,
	                            hours) */
};

struct grid_cell {
	enum cell type;          /* the column's, or a CELL_NUMBER's own */
	bool empty;              /* shown as nothing */
	int64_t num;             /* cents, hundredths, a count */
	char *text;              /* CELL_TEXT: owned */
};

struct grid {
	struct grid_column *col;
	size_t ncols, capcols;
	struct grid_cell *cell;  /* row after row */
	size_t ncells, capcells;
	size_t nrows;            /* whole rows */
	bool failed;             /* out of memory while a row was added */
	bool overflow;           /* a column's sum does not fit */
	bool ruled;              /* the last row is a total: a line above */
	bool totals;             /* rows of totals follow the others: */
	size_t totals_from;      /* the first of them (bold in a sheet) */
};

/* Add a column (before any row); -1 when out of memory. */
int grid_column(struct grid *g, const char *name, enum cell type,
                unsigned flags);

/* The next cell of the row being added: text (copied), a number of the
 * column's type, a number of its own type (a CELL_NUMBER column), or
 * nothing.  -1 when out of memory; the row then fails too. */
int grid_text(struct grid *g, const char *s);
int grid_number(struct grid *g, int64_t v);
int grid_typed(struct grid *g, enum cell type, int64_t v);
int grid_empty(struct grid *g);
/* The row is whole: 0, or -1 when a cell could not be added or the row
 * has not one cell per column (a bug); the row is then taken back. */
int grid_end_row(struct grid *g);

/* The total row: label in the first column, each column's sum in the
 * others, nothing in text, rate, CELL_NUMBER and GRID_NO_TOTAL columns;
 * the text writer rules a line above it.  -1 when out of memory. */
int grid_total_row(struct grid *g, const char *label);

/* The rows added from now on are totals (grid_total_row says it too). */
void grid_totals_begin(struct grid *g);

const struct grid_cell *grid_at(const struct grid *g, size_t row,
                                size_t col);

/* A cell as CSV and JSON write it: the text, "12.50" (money, hours),
 * "3" (a count), "5.5" (a rate), "" (empty).  Returns buf or the text. */
#define GRID_PLAIN_SIZE MONEY_BUFSZ
const char *grid_plain(const struct grid_cell *c, char buf[GRID_PLAIN_SIZE]);

void grid_free(struct grid *g);

#endif
