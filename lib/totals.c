#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/date.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/rules.h"
#include "flashcoop/strset.h"
#include "flashcoop/totals.h"

static struct vat_total *rate_total(struct totals *t, int32_t rate)
{
	size_t i;
	for (i = 0; i < t->nvat && t->vat[i].rate < rate; i++)
		;
	if (i < t->nvat && t->vat[i].rate == rate)
		return &t->vat[i];
	if (array_reserve(&t->vat, &t->capvat, t->nvat + 1, sizeof *t->vat) < 0)
		return NULL;
	memmove(&t->vat[i + 1], &t->vat[i], (t->nvat - i) * sizeof *t->vat);
	t->nvat++;
	t->vat[i] = (struct vat_total){ rate, 0, 0, 0 };
	return &t->vat[i];
}

static struct day_cash *cash_day(struct totals *t, int32_t day)
{
	size_t i;
	for (i = t->ncash; i > 0 && t->cash[i - 1].day > day; i--)
		;
	if (i > 0 && t->cash[i - 1].day == day)
		return &t->cash[i - 1];
	if (array_reserve(&t->cash, &t->capcash, t->ncash + 1,
	                  sizeof *t->cash) < 0)
		return NULL;
	memmove(&t->cash[i + 1], &t->cash[i], (t->ncash - i) * sizeof *t->cash);
	t->ncash++;
	t->cash[i] = (struct day_cash){ day, 0, 0, 0, 0, false };
	return &t->cash[i];
}

/* Remember that participant number n is part[i] (when the index can
 * grow to n; otherwise the list is searched). */
static struct part_total *index_part(struct totals *t, size_t n, size_t i)
{
	size_t had = t->nindex;

	if (n && n >= t->nindex &&
	    array_reserve(&t->index, &t->nindex, n + 1, sizeof *t->index) == 0)
		memset(t->index + had, 0, (t->nindex - had) * sizeof *t->index);
	if (n && n < t->nindex)
		t->index[n] = (uint32_t)i + 1;
	return &t->part[i];
}

/* "P042" -> 42, 0 when it is not such an id or a larger one. */
static size_t part_number(const char *id)
{
	long n = participant_number(id);
	return n > 0 && n < TOTALS_PART_INDEX ? (size_t)n : 0;
}

static struct part_total *part_line(struct totals *t, const char *id)
{
	size_t n = part_number(id);

	/* Every row of a ledger looks its participant up: by number, in a
	 * small index, rather than along the list. */
	if (n && n < t->nindex && t->index[n])
		return &t->part[t->index[n] - 1];
	for (size_t i = 0; i < t->npart; i++)
		if (strcmp(t->part[i].id, id) == 0)
			return index_part(t, n, i);
	if (array_reserve(&t->part, &t->cappart, t->npart + 1,
	                  sizeof *t->part) < 0)
		return NULL;
	t->part[t->npart] = (struct part_total){ { 0 }, 0, 0 };
	strcpy(t->part[t->npart].id, id);
	return index_part(t, n, t->npart++);
}

/* The sums of a row of each kind: 0, 1 when a sum does not fit in
 * cents, -1 out of memory.  A void comes with sign -1. */
static int add_sale(struct totals *t, const struct row *en, int sign,
                    struct day_cash *dc)
{
	struct vat_total *v = rate_total(t, en->vat);
	struct part_total *p = NULL;
	int bad = 0;

	if (!v || (*en->participant && !(p = part_line(t, en->participant))))
		return -1;
	t->nsales += (size_t)sign;
	bad |= money_accumulate(&v->sales, sign, en->amount);
	bad |= money_accumulate(&t->sales, sign, en->amount);
	if (dc) {
		bad |= money_accumulate(&t->cash_sales, sign, en->amount);
		bad |= money_accumulate(&dc->sales, sign, en->amount);
	}
	if (p)
		bad |= money_accumulate(&p->sales, sign, en->amount);
	return bad ? 1 : 0;
}

static int add_charge(struct totals *t, const struct row *en, int sign,
                      struct day_cash *dc)
{
	struct charge_part parts[ROW_RATES_MAX];
	size_t n = 0;
	int bad = 0;

	t->ncharges += (size_t)sign;
	bad |= rules_charge_parts(true, en, parts, &n) < 0;
	for (size_t i = 0; i < n; i++) {
		struct vat_total *v = rate_total(t, parts[i].rate);
		if (!v)
			return -1;
		bad |= money_accumulate(&v->charges_vat, sign, parts[i].vat);
		bad |= money_accumulate(&v->charges, sign, parts[i].incl);
	}
	bad |= money_accumulate(&t->charges, sign, en->amount);
	if (dc) {
		bad |= money_accumulate(&t->cash_charges, sign, en->amount);
		bad |= money_accumulate(&dc->charges, sign, en->amount);
	}
	return bad ? 1 : 0;
}

static int add_hours(struct totals *t, const struct row *en, int sign)
{
	struct part_total *p = part_line(t, en->participant);
	int bad = 0;

	if (!p)
		return -1;
	t->nhours += (size_t)sign;
	bad |= money_accumulate(&p->hours, sign, en->hours);
	bad |= money_accumulate(&t->hours, sign, en->hours);
	return bad ? 1 : 0;
}

int totals_add(struct totals *t, const struct row *en, struct fc_error *e)
{
	/* A void repeats the row it voids: the same sums, subtracted. */
	int sign = en->kind == KIND_VOID ? -1 : 1, rc = 0;
	struct day_cash *dc = NULL;

	if (en->payment == PAY_CASH && !en->in_hours &&
	    !(dc = cash_day(t, en->date)))
		return fc_fail(e, FC_IOERR, "out of memory");
	if (en->kind == KIND_VOID)
		t->nvoids++;
	switch (row_counts_as(en)) {
	case KIND_SALE:
		rc = add_sale(t, en, sign, dc);
		break;
	case KIND_CHARGE:
		rc = add_charge(t, en, sign, dc);
		break;
	case KIND_HOURS:
		rc = add_hours(t, en, sign);
		break;
	case KIND_DEPOSIT:
		t->ndeposits += (size_t)sign;
		if (money_accumulate(&t->deposits, sign, en->amount) ||
		    (dc && money_accumulate(&dc->deposits, sign, en->amount)))
			rc = 1;
		break;
	case KIND_COUNT:
		t->ncounts++;
		if (dc) { /* a later count of the same day is a recount */
			dc->counted = en->amount;
			dc->has_count = true;
		}
		break;
	default:
		break;
	}
	if (rc < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	if (rc > 0)
		return fc_fail(e, FC_DATAERR, "%s:%ld: the totals grow too large "
		               "to be counted in cents", en->file, en->line);
	return 0;
}

void totals_free(struct totals *t)
{
	free(t->vat);
	free(t->part);
	free(t->index);
	free(t->cash);
	memset(t, 0, sizeof *t);
}

