/*
 * book_reports: the three documents an accountant asks for first, made
 * from the books (books.h) of each project: the trial balance (balance
 * générale: each account's debits, credits and balance), the general
 * ledger (grand livre: every line by account, with a running balance) and
 * the income statement (compte de résultat, in the PCG's layout, on the
 * project's own analytic code: its result is the closing statement's
 * margin, or with the closing booked, what is left after the CAE's
 * contribution and the pay).  Rows for the reports' table (reports.h).
 */
#ifndef FLASHCOOP_BOOK_REPORTS_H
#define FLASHCOOP_BOOK_REPORTS_H

#include <stdint.h>

#include "flashcoop/error.h"
#include "flashcoop/reports.h"

struct report;
struct report_input;
struct books;

extern const struct report_column balance_columns[];
extern const struct report_column ledger_columns[];
extern const struct report_column income_columns[];

int balance_rows(struct report *r, const struct report_input *in,
                 struct fc_error *e);
int balance_total(struct report *r, struct fc_error *e);
int ledger_rows(struct report *r, const struct report_input *in,
                struct fc_error *e);
int income_rows(struct report *r, const struct report_input *in,
                struct fc_error *e);
int income_total(struct report *r, struct fc_error *e);
void balance_free(void *acc);

/* The income statement of project number proj of b: the amount of each
 * line (products and charges positive), in the order of income_items. */
enum income_item {
	INC_SALES_GOODS, INC_PRODUCTION, INC_OTHER_INCOME, INC_OPERATING_INCOME,
	INC_PURCHASES_GOODS, INC_PURCHASES_MATERIALS, INC_EXTERNAL,
	INC_TAXES, INC_SALARIES, INC_SOCIAL, INC_OTHER_CHARGES,
	INC_OPERATING_CHARGES, INC_OPERATING_RESULT, INC_FINANCIAL_RESULT,
	INC_EXCEPTIONAL_RESULT, INC_RESULT, INC_N
};
struct income {
	int64_t v[INC_N];
};
/* The key ("sales_goods") and the PCG's label of a line. */
const char *income_key(enum income_item i);
const char *income_label(enum income_item i);
/* 0, or FC_DATAERR when a sum does not fit. */
int income_compute(const struct books *b, uint32_t proj, struct income *out,
                   struct fc_error *e);

#endif
