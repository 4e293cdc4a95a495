/*
 * rules: the project's rules that both a new row (record) and every row of
 * the files (verify) must keep, written once: at most 24 hours a day for a
 * participant, which rows a void may name, a charge's deductible VAT.  The checks of a single value
 * (forms, ranges, the period, participants enrolled on the date) are
 * row_check's.
 */
#ifndef FLASHCOOP_RULES_H
#define FLASHCOOP_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/row.h"
#include "flashcoop/error.h"
#include "flashcoop/strset.h"

struct project;
struct participants;

/* The hours of each participant on each day of the period, as the rows
 * stream by (a void subtracts the hours it voids). */
struct day_hours {
	const struct project *p;
	const struct participants *ps;
	int64_t *cell;          /* [participant][day - start] */
	size_t ndays;
};

/* 0, or -1 when out of memory. */
int day_hours_init(struct day_hours *h, const struct project *p,
                   const struct participants *ps);
void day_hours_free(struct day_hours *h);

/* Add an hours row (or its void) of en.  0 when the day stays within
 * HOURS_DAY_MAX (row.h); else FC_DATAERR, the message naming en's file:line (when
 * it has one), and the hours still added.  A participant or a day the
 * grid does not know is left to row_check. */
int day_hours_add(struct day_hours *h, const struct row *en,
                  struct fc_error *e);

/* May a row of kind k be voided?  Sales, charges, deposits, hours, lots
 * and losses, not counts nor voids. */
bool rules_voidable(char letter);

/* What the production's rows name (production.csv, after ledger.csv in
 * file order): a lot's uses are charges above it, a loss's lot is a lot
 * above it of the same product.  Fed every row that parsed; a voided
 * charge or lot is still named (a void corrects, the trace keeps it). */
struct made_refs {
	struct strset charges;     /* charge ids */
	struct strset lots;        /* lot id -> its product, date, whether
	                              voided since (owned) */
	struct strset pending;     /* "LOT\tPRODUCT" of sales read before
	                              production.csv -> where the first and
	                              the earliest are (owned) */
};
/* en taken in (a charge, a lot, a lot's void), or checked (a lot's uses,
 * a loss's lot, a sale's lot): 0, FC_DATAERR naming file:line and the
 * column (or the option for a new row), FC_IOERR when out of memory.  A
 * lot names charges recorded before it; a loss, a lot recorded before it;
 * a new sale, a lot recorded; the lot of either is of its product, not
 * voided, and made on or before its date.  ledger.csv is read before
 * production.csv: its sales are checked by made_refs_pending, after the
 * last row. */
int made_refs_row(struct made_refs *m, const struct row *en,
                  struct fc_error *e);
/* After the last row: each lot that sales of the ledger name and that
 * production.csv does not have, has for another product, or made after
 * the earliest of them (problems), or voided since (a warning: the void
 * may come after the sales), given to fn as a message naming the first
 * such sale's file:line (the earliest's for the date). */
void made_refs_pending(const struct made_refs *m,
                       void (*fn)(void *ctx, const char *msg, bool warning),
                       void *ctx);
void made_refs_free(struct made_refs *m);

/* The deductible VAT of a charge (or of the charge a void repeats),
 * SPEC §4: its receipt's, the vat_amount recorded with it, else
 * round(amount x r / (10000 + r)) for that charge alone; 0 when the
 * project counts no VAT (vat false).  -1 when it does not fit. */
int rules_charge_vat(bool vat, const struct row *en, int64_t *out);

/* A charge by rate: for one rate, the whole charge and its VAT; for a
 * receipt of several (row.h), each rate's VAT as printed and its share
 * of the amount: round(vat x 10000 / r) + vat, the last rate taking what
 * is left.  -1 when it does not fit. */
struct charge_part {
	int32_t rate;
	int64_t incl, vat;
};
int rules_charge_parts(bool vat, const struct row *en,
                       struct charge_part out[ROW_RATES_MAX], size_t *n);
/* The VAT of n parts, added up (rules_charge_vat once the parts are
 * known); -1 when it does not fit. */
int rules_parts_vat(const struct charge_part *parts, size_t n, int64_t *out);

#endif
