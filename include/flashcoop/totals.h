/*
 * totals: the one streaming pass over ledger.csv and hours.csv that every
 * figure comes from.  Voids subtract as they stream by (a void repeats the
 * row it voids), so a voided row counts nowhere.  Memory grows with the
 * number of VAT rates and participants, not with the rows.
 */
#ifndef FLASHCOOP_TOTALS_H
#define FLASHCOOP_TOTALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/row.h"
#include "flashcoop/error.h"

struct vat_total {
	int32_t rate;          /* hundredths of a percent */
	int64_t sales;         /* incl. VAT, cents */
	int64_t charges;
	int64_t charges_vat;   /* the charges' VAT, receipt by receipt */
};

/* Participants P1..P99999 are found by number; others along the list. */
#define TOTALS_PART_INDEX 100000

struct part_total {
	char id[ID_SIZE];
	int64_t hours;         /* hundredths of an hour */
	int64_t sales;         /* sold by this participant, incl. VAT */
};

/* The cash drawer, day by day: cash sales and charges, the count. */
struct day_cash {
	int32_t day;
	int64_t sales, charges;   /* paid in cash, incl. VAT */
	int64_t deposits;         /* cash taken to the bank */
	int64_t counted;          /* the day's (last) count */
	bool has_count;
};

struct totals {
	struct vat_total *vat;     /* sorted by rate */
	size_t nvat, capvat;
	struct part_total *part;   /* in order of first appearance */
	size_t npart, cappart;
	uint32_t *index;           /* participant number -> part + 1 */
	size_t nindex;
	int64_t sales, charges;    /* incl. VAT */
	int64_t hours;
	int64_t cash_sales, cash_charges;
	struct day_cash *cash;     /* sorted by day */
	size_t ncash, capcash;
	int64_t deposits;          /* to the bank: cash, cheques, cards */
	size_t nsales, ncharges, nhours, nvoids, ncounts; /* rows, net */
	size_t ndeposits;
};

/* Add one row (a void subtracts what it voids). */
int totals_add(struct totals *t, const struct row *en, struct fc_error *e);
void totals_free(struct totals *t);

#endif
