/*
 * groups: the rows of one kind (sales, charges or hours) added up by the
 * values of some dimensions (--by day, product...), for the reports and
 * the bilan's charts.  Memory grows with the number of distinct keys.
 */
#ifndef FLASHCOOP_GROUPS_H
#define FLASHCOOP_GROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"
#include "flashcoop/row.h"

enum dim { DIM_DAY, DIM_PRODUCT, DIM_CATEGORY, DIM_PAYMENT, DIM_PARTICIPANT,
           DIM_VAT, DIM_ROLE, DIM_LOT, DIM_N };

/* "day" -> DIM_DAY; -1 when unknown. */
int groups_dim_parse(const char *s);
const char *groups_dim_name(enum dim d);

struct group {
	char *value[DIM_N];    /* the key, for the dimensions asked */
	int32_t vat;           /* the rate, when DIM_VAT is asked */
	int64_t count;         /* rows, net of voids */
	int64_t quantity;      /* sales */
	int64_t amount;        /* incl. VAT, cents */
	int64_t hours;         /* hundredths */
	int64_t vat_sum;       /* charges: their receipts' VAT (rules.h) */
};

struct groups {
	enum kind kind;        /* KIND_SALE, KIND_CHARGE or KIND_HOURS */
	unsigned dims;         /* bits of 1 << DIM_* */
	int32_t from, to;      /* DATE_NONE: no bound */
	struct group *v;
	size_t n, cap;
	void *index;           /* key -> position */
};

/* Add en when it (or the row it voids) is of the groups' kind. */
int groups_add(struct groups *g, const struct row *en, struct fc_error *e);
/* Sort the groups by their key (ISO days and ids sort as text). */
void groups_sort(struct groups *g);
void groups_free(struct groups *g);

#endif
