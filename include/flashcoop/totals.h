/*
 * totals: the one streaming pass over ledger.csv and hours.csv that every
 * figure comes from.  Voids subtract as they stream by (a void repeats the
 * row it voids), so a voided row counts nowhere.  Memory grows with the
 * number of VAT rates and participants, not with the rows.
 */
#ifndef FLASHCOOP_TOTALS_H
#define FLASHCOOP_TOTALS_H

#include <stddef.h>
#include <stdint.h>

#include "flashcoop/entry.h"
#include "flashcoop/error.h"

struct vat_total {
	int32_t rate;          /* hundredths of a percent */
	int64_t sales;         /* incl. VAT, cents */
	int64_t charges;
};

struct part_total {
	char id[ID_SIZE];
	int64_t hours;         /* hundredths of an hour */
	int64_t sales;         /* sold by this participant, incl. VAT */
};

struct totals {
	struct vat_total *vat;     /* sorted by rate */
	size_t nvat, capvat;
	struct part_total *part;   /* in order of first appearance */
	size_t npart, cappart;
	int64_t sales, charges;    /* incl. VAT */
	int64_t hours;
	int64_t cash_sales, cash_charges;
	size_t nsales, ncharges, nhours, nvoids, ncounts; /* rows, net */
};

/* Add up dir's files, rows dated from..to (DATE_NONE: no bound). */
int totals_read(const char *dir, int32_t from, int32_t to, struct totals *t,
                struct fc_error *e);
/* Add one entry (a void subtracts what it voids). */
int totals_add(struct totals *t, const struct entry *en, struct fc_error *e);
void totals_free(struct totals *t);

#endif
