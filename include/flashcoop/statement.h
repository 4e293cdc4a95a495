/*
 * statement: the closing statement (compte de résultat) of SPEC §4 as
 * rows: what each line is (a label each form words in its own language),
 * its amount, its kind (a line, a subtotal, the result, the cash).  The
 * text statement of flashcoop-close (statement_text.c) and the bilan's
 * HTML page draw the same rows; this model also adds up the pay lines.
 */
#ifndef FLASHCOOP_STATEMENT_H
#define FLASHCOOP_STATEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flashcoop/closing.h"
#include "flashcoop/error.h"

struct project;

/* What a line says; the wording is the form's (English with the French
 * word in text, French in the bilan). */
enum statement_label {
	STATEMENT_SALES_INCL, STATEMENT_VAT_COLLECTED, STATEMENT_TURNOVER,
	STATEMENT_CHARGES_INCL, STATEMENT_VAT_DEDUCTIBLE, STATEMENT_CHARGES,
	STATEMENT_MARGIN, STATEMENT_LOSS,
	STATEMENT_CONTRIBUTION_OF_MARGIN, STATEMENT_CONTRIBUTION_OF_TURNOVER,
	STATEMENT_DISTRIBUTABLE, STATEMENT_NOTHING_TO_PAY,
	STATEMENT_CASH_DIFFERENCE, STATEMENT_CASH_SHORTAGE,
	STATEMENT_NLABELS
};

enum statement_kind {
	STATEMENT_LINE,          /* a figure */
	STATEMENT_SUBTOTAL,      /* turnover, charges, margin */
	STATEMENT_RESULT,        /* the distributable result */
	STATEMENT_CASH           /* the cash difference of the counted days,
	                            between the charges and the margin */
};

struct statement_row {
	enum statement_label label;
	int64_t amount;
	enum statement_kind kind;
};

/* Sales, VAT and charges (6), cash, margin, contribution, result. */
#define STATEMENT_ROWS 10

struct statement {
	struct statement_row row[STATEMENT_ROWS];
	size_t n;
	int32_t cae_rate;        /* of the contribution's label */
	struct pay_line pay_total; /* the pay lines added up (who: NULL) */
};

/* The statement of closing c of project p.  FC_DATAERR when the pay lines
 * add up to more than an amount can hold. */
int statement_build(const struct project *p, const struct closing *c,
                    struct statement *s, struct fc_error *e);

/* The statement as text, for a terminal (flashcoop-close): the project,
 * the date (provisional: figures so far, nothing closed), VAT by rate,
 * the rows, the cash, then the shares (names: participants' names beside
 * their ids).  Write errors are left in out's error flag, for the
 * caller's flush. */
int statement_write_text(FILE *out, const struct project *p,
                         const struct closing *c, int32_t date,
                         bool provisional, bool names, struct fc_error *e);

/* The statement as a grid (grid.h) of two columns, line and amount: the
 * heading's two lines (no amount), then the rows; for a sheet of the
 * workbook.  FC_IOERR when out of memory. */
struct grid;
int statement_grid(struct grid *g, const struct project *p,
                   const struct closing *c, int32_t date, bool provisional,
                   struct fc_error *e);

#endif
