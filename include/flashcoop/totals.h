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

#include "flashcoop/entry.h"
#include "flashcoop/error.h"

struct vat_total {
	int32_t rate;          /* hundredths of a percent */
	int64_t sales;         /* incl. VAT, cents */
	int64_t charges;
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
	size_t nsales, ncharges, nhours, nvoids, ncounts; /* rows, net */
};

/* Add one entry (a void subtracts what it voids). */
int totals_add(struct totals *t, const struct entry *en, struct fc_error *e);
void totals_free(struct totals *t);

/*
 * Groups: the rows of one kind (sales, charges or hours) added up by the
 * values of some dimensions, for the reports.  Memory grows with the
 * number of distinct keys.
 */
enum dim { DIM_DAY, DIM_PRODUCT, DIM_CATEGORY, DIM_PAYMENT, DIM_PARTICIPANT,
           DIM_VAT, DIM_N };

/* "day" -> DIM_DAY; -1 when unknown. */
int dim_parse(const char *s);
const char *dim_name(enum dim d);

struct group {
	char *value[DIM_N];    /* the key, for the dimensions asked */
	int32_t vat;           /* the rate, when DIM_VAT is asked */
	int64_t count;         /* rows, net of voids */
	int64_t quantity;      /* sales */
	int64_t amount;        /* incl. VAT, cents */
	int64_t hours;         /* hundredths */
};

struct groups {
	char kind;             /* 'S', 'C' or 'H': the rows added up */
	unsigned dims;         /* bits of 1 << DIM_* */
	int32_t from, to;      /* DATE_NONE: no bound */
	struct group *v;
	size_t n, cap;
	void *index;           /* key -> position */
};

/* Add en when it (or the row it voids) is of the groups' kind. */
int groups_add(struct groups *g, const struct entry *en, struct fc_error *e);
/* Sort the groups by their key (ISO days and ids sort as text). */
void groups_sort(struct groups *g);
void groups_free(struct groups *g);

#endif
