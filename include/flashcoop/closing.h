/*
 * closing: the closing statement of SPEC §4, on top of the totals, in
 * integer cents.  VAT is computed per rate on the totals (not per line)
 * with half-up rounding; the distributable result is split by hours or
 * equally with the largest-remainder method, ties to the lower id, so the
 * shares add up to the cent; each share is then an employer cost, split
 * into gross pay and contributions: an estimate for the CAE's payroll.
 * It knows nothing of output formats.
 *
 * closing_run() closes a project: under the lock, refuse a closed
 * project, verify every file while adding up the ledgers in the same pass
 * (verify, totals), compute, refuse a result nobody can be paid from, then
 * write closing.csv (one row per participant, 0600) and closing.ini (the
 * totals, the date and the seal) together, unless it is a dry run.
 * closing.ini is written last: its existence makes a project closed.
 */
#ifndef FLASHCOOP_CLOSING_H
#define FLASHCOOP_CLOSING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"
#include "flashcoop/participant.h"
#include "flashcoop/verify.h"

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
	int64_t per_hour;        /* gross an hour, 0 without hours */
	bool below_min;          /* under [money] min_hourly_gross */
};

/* A day of the cash book (brouillard de caisse). */
struct cash_line {
	int32_t day;
	int64_t opening;         /* cash_float, then the day before's count
	                            (or expected cash, when it was not counted) */
	int64_t sales, charges;  /* in cash */
	int64_t deposits;        /* cash taken to the bank */
	int64_t expected;        /* opening + sales - charges - deposits */
	int64_t counted;
	int64_t difference;      /* counted - expected: a surplus when > 0 */
	bool counted_ok;         /* a count was recorded */
};

struct closing {
	struct vat_line *sales_vat, *charges_vat; /* per rate */
	size_t nsales_vat, ncharges_vat;
	int64_t sales_incl, vat_collected, turnover;
	int64_t charges_incl, vat_deductible, charges;
	int64_t margin;          /* turnover - charges + cash_difference */
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
	size_t below_min;        /* pay lines under min_hourly_gross */
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

/* The before-VAT amounts (to before) of n parts of some rates' totals
 * (incl. VAT, their rates): each rounded on its own, then per rate the
 * difference with the rate's total before VAT (SPEC §4: per rate on the
 * totals) carried by the rate's last part, so that the parts add up to
 * the statement.  With vat false, before = incl. */
int closing_spread_vat(bool vat, const int64_t *incl, const int32_t *rate,
                       size_t n, int64_t *before, struct fc_error *e);

/* The pay of a closed project as closing.csv holds it: the sums of gross
 * and of employer contributions. */
int closing_sealed_pay(const char *dir, int64_t *gross, int64_t *employer,
                       struct fc_error *e);

#define CLOSING_HEADER "participant,name,contract,hours,share," \
	"employer_contributions,gross,employee_contributions,net"

/* The text of closing.csv; -1 when out of memory. */
struct buf;
int closing_csv_text(struct buf *b, const struct closing *c);

/* Close p on date (see above).  On success c and ps hold the statement
 * and the participants it names (closing_free, participants_free).
 * Problems found go to fn, and the result is FC_DATAERR.  A day with cash
 * sales and no count refuses the closing unless CLOSE_ALLOW_UNCOUNTED; in
 * a chained project, a terminal's day with sales not closed (Z) unless
 * CLOSE_ALLOW_UNCLOSED, and a copy other than the first terminal's
 * (period.h). */
enum { CLOSE_DRY_RUN = 1, CLOSE_ALLOW_UNCOUNTED = 2, CLOSE_ALLOW_UNCLOSED = 4 };
int closing_run(const struct project *p, int32_t date, int flags,
                verify_fn fn, void *ctx, struct closing *c,
                struct participants *ps, struct fc_error *e);

#endif
