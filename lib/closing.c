#include <stdlib.h>
#include <string.h>

#include "flashcoop/closing.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/totals.h"

static int overflow(struct fc_error *e)
{
	return fc_fail(e, FC_DATAERR, "the closing figures grow too large to "
	               "be counted in cents");
}

/* Before-VAT and VAT of each rate, and their sums. */
static int vat_lines(const struct totals *t, bool sales, bool vat,
                     struct vat_line **out, size_t *n, int64_t *incl,
                     int64_t *before, int64_t *tax, struct fc_error *e)
{
	struct vat_line *l = calloc(t->nvat + 1, sizeof *l);
	size_t k = 0;

	if (!l)
		return fc_fail(e, FC_IOERR, "out of memory");
	*incl = *before = *tax = 0;
	for (size_t i = 0; i < t->nvat; i++) {
		int64_t T = sales ? t->vat[i].sales : t->vat[i].charges;
		struct vat_line *v = &l[k];
		if (T == 0)
			continue;
		v->rate = t->vat[i].rate;
		v->incl = T;
		if (!vat)
			v->before = T;
		else if (money_muldiv(T, 10000, 10000 + v->rate, &v->before) < 0)
			return free(l), overflow(e);
		v->vat = T - v->before;
		if (money_add(*incl, v->incl, incl) < 0 ||
		    money_add(*before, v->before, before) < 0 ||
		    money_add(*tax, v->vat, tax) < 0)
			return free(l), overflow(e);
		k++;
	}
	*out = l;
	*n = k;
	return 0;
}

static int64_t hours_of(const struct totals *t, const char *id)
{
	for (size_t i = 0; i < t->npart; i++)
		if (strcmp(t->part[i].id, id) == 0)
			return t->part[i].hours;
	return 0;
}

static long id_number(const char *id)
{
	return strtol(id + 1, NULL, 10);
}

static int by_id(const void *a, const void *b)
{
	const struct pay_line *x = a, *y = b;
	long i = id_number(x->who->id), j = id_number(y->who->id);
	return (i > j) - (i < j);
}

/* Gross pay, contributions and net from each share. */
static int pay(const struct project *p, struct pay_line *l,
               struct fc_error *e)
{
	if (money_muldiv(l->share, 10000, 10000 + p->employer_rate,
	                 &l->gross) < 0 ||
	    money_muldiv(l->gross, p->employee_rate, 10000, &l->employee) < 0)
		return overflow(e);
	l->employer = l->share - l->gross;
	l->net = l->gross - l->employee;
	return 0;
}

static int shares(const struct project *p, const struct totals *t,
                  struct closing *c, struct fc_error *e)
{
	int64_t *w = calloc(c->npay + 1, sizeof *w);
	int64_t *parts = calloc(c->npay + 1, sizeof *parts);
	int64_t sum = 0;
	int rc = 0;

	if (!w || !parts) {
		free(w);
		free(parts);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	for (size_t i = 0; i < c->npay; i++) {
		c->pay[i].hours = hours_of(t, c->pay[i].who->id);
		/* Only those who worked share: by their hours, or equally. */
		w[i] = c->pay[i].hours > 0 ?
		       (p->share == SHARE_HOURS ? c->pay[i].hours : 1) : 0;
		sum += w[i];
	}
	if (c->distributable > 0 && sum == 0)
		c->no_hours = true;
	else if (c->distributable > 0 &&
	         money_allocate(c->distributable, w, c->npay, parts) < 0)
		rc = overflow(e);
	for (size_t i = 0; !rc && i < c->npay; i++) {
		c->pay[i].share = c->distributable > 0 && !c->no_hours ?
		                  parts[i] : 0;
		rc = pay(p, &c->pay[i], e);
	}
	free(w);
	free(parts);
	return rc;
}

int closing_cash(const struct project *p, const struct totals *t,
                 struct cash_line **lines, size_t *n, int64_t *difference,
                 size_t *uncounted, struct fc_error *e)
{
	struct cash_line *l = calloc(t->ncash + 1, sizeof *l);
	int64_t opening = p->cash_float;

	*difference = 0;
	*uncounted = 0;
	if (!l)
		return fc_fail(e, FC_IOERR, "out of memory");
	for (size_t i = 0; i < t->ncash; i++) {
		const struct day_cash *d = &t->cash[i];
		struct cash_line *c = &l[i];
		c->day = d->day;
		c->opening = opening;
		c->sales = d->sales;
		c->charges = d->charges;
		c->counted_ok = d->has_count;
		c->counted = d->counted;
		if (money_add(opening, d->sales, &c->expected) < 0 ||
		    money_sub(c->expected, d->charges, &c->expected) < 0)
			return free(l), overflow(e);
		if (d->has_count) {
			if (money_sub(d->counted, c->expected, &c->difference) < 0 ||
			    money_add(*difference, c->difference, difference) < 0)
				return free(l), overflow(e);
		} else if (d->sales != 0) {
			(*uncounted)++;
		}
		/* The next day opens with what was counted, else with what
		 * should be there. */
		opening = d->has_count ? d->counted : c->expected;
	}
	*lines = l;
	*n = t->ncash;
	return 0;
}

int closing_compute(const struct project *p, const struct participants *ps,
                    const struct totals *t, struct closing *c,
                    struct fc_error *e)
{
	int rc;

	memset(c, 0, sizeof *c);
	if ((rc = vat_lines(t, true, p->vat, &c->sales_vat, &c->nsales_vat,
	                    &c->sales_incl, &c->turnover, &c->vat_collected,
	                    e)) ||
	    (rc = vat_lines(t, false, p->vat, &c->charges_vat, &c->ncharges_vat,
	                    &c->charges_incl, &c->charges, &c->vat_deductible,
	                    e))) {
		closing_free(c);
		return rc;
	}
	if (money_sub(c->turnover, c->charges, &c->margin) < 0) {
		closing_free(c);
		return overflow(e);
	}
	c->cae_base = p->cae_base == CAE_BASE_TURNOVER ? c->turnover : c->margin;
	if (c->cae_base < 0)
		c->cae_base = 0;
	if (money_muldiv(c->cae_base, p->cae_rate, 10000, &c->contribution) < 0 ||
	    money_sub(c->margin, c->contribution, &c->distributable) < 0) {
		closing_free(c);
		return overflow(e);
	}
	c->hours = t->hours;
	c->participants = ps->n;
	c->npay = ps->n;
	c->pay = calloc(ps->n + 1, sizeof *c->pay);
	if (!c->pay) {
		closing_free(c);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	for (size_t i = 0; i < ps->n; i++)
		c->pay[i].who = &ps->v[i];
	qsort(c->pay, c->npay, sizeof *c->pay, by_id);
	if ((rc = shares(p, t, c, e)) ||
	    (rc = closing_cash(p, t, &c->cash, &c->ncash, &c->cash_difference,
	                       &c->uncounted, e)))
		closing_free(c);
	return rc;
}

void closing_free(struct closing *c)
{
	free(c->sales_vat);
	free(c->charges_vat);
	free(c->pay);
	free(c->cash);
	memset(c, 0, sizeof *c);
}
