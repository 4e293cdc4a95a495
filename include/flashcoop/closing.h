/*
 * closing: the closing statement of SPEC §4, on top of the totals, in
 * integer cents.  VAT is computed per rate on the totals (not per line)
 * with half-up rounding; the distributable result is split by hours or
 * equally with the largest-remainder method, ties to the lower id, so the
 * shares add up to the cent; each share is then an employer cost, split
 * into gross pay and contributions: an estimate for the CAE's payroll.
 * It knows nothing of output formats.
 */
#ifndef FLASHCOOP_CLOSING_H
#define FLASHCOOP_CLOSING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"

struct project;
struct participants;
struct participant;
struct totals;

struct vat_line {
	int32_t rate;            /* hundredths of a percent */
	int64_t incl;            /* T_r, incl. VAT */
	int64_t before;          /* H_r = round(T_r x 10000 / (10000 + r)) */
	int64_t vat;             /* T_r - H_r */
};

struct pay_line {
	const struct participant *who;
	int64_t hours;           /* hundredths of an hour */
	int64_t share;           /* = employer cost */
	int64_t employer;        /* employer contributions */
	int64_t gross;
	int64_t employee;        /* employee contributions */
	int64_t net;
};

/* A day of the cash book (brouillard de caisse). */
struct cash_line {
	int32_t day;
	int64_t opening;         /* cash_float, then the day before's count
	                            (or expected cash, when it was not counted) */
	int64_t sales, charges;  /* in cash */
	int64_t expected;        /* opening + sales - charges */
	int64_t counted;
	int64_t difference;      /* counted - expected: a surplus when > 0 */
	bool counted_ok;         /* a count was recorded */
};

struct closing {
	struct vat_line *sales_vat, *charges_vat; /* per rate */
	size_t nsales_vat, ncharges_vat;
	int64_t sales_incl, vat_collected, turnover;
	int64_t charges_incl, vat_deductible, charges;
	int64_t margin;
	int64_t cae_base;        /* the amount the contribution is taken from */
	int64_t contribution;
	int64_t distributable;   /* may be negative: a loss */
	int64_t hours;
	size_t participants;     /* enrolled */
	struct pay_line *pay;    /* one per participant, in id order */
	size_t npay;
	struct cash_line *cash;  /* the days with cash or a count */
	size_t ncash;
	int64_t cash_difference; /* of the counted days */
	size_t uncounted;        /* days with cash sales and no count */
	bool no_hours;           /* something to share, but nobody to share it
	                            with: no hours recorded */
};

int closing_compute(const struct project *p, const struct participants *ps,
                    const struct totals *t, struct closing *c,
                    struct fc_error *e);
void closing_free(struct closing *c);

/* The cash book alone, from cash_float and the totals' days. */
int closing_cash(const struct project *p, const struct totals *t,
                 struct cash_line **lines, size_t *n, int64_t *difference,
                 size_t *uncounted, struct fc_error *e);

#endif
