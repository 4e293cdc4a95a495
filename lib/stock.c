#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"
#include "flashcoop/rules.h"
#include "flashcoop/stock.h"
#include "flashcoop/strset.h"

struct stock {
	const struct project *p;
	struct stock_product *prod;  /* one per catalogue product */
	struct stock_lot *lot;
	size_t nlots, caplots;
	struct stock_charge *ch;
	size_t nch, capch;
	struct stock_sale *sale;
	size_t nsales, capsales;
	struct stock_loss *loss;
	size_t nlosses, caplosses;
	struct stock_take *take;
	size_t ntakes, captakes;
	struct strset lots, charges, sales, losses; /* id -> index + 1 */
	bool overflow;
};

static size_t product_at(const struct stock *s, const char *name)
{
	const struct product *pr = project_product(s->p, name);
	return pr ? (size_t)(pr - s->p->products) : s->p->nproducts;
}

struct stock *stock_new(const struct project *p)
{
	struct stock *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->p = p;
	if (!(s->prod = calloc(p->nproducts + 1, sizeof *s->prod))) {
		free(s);
		return NULL;
	}
	for (size_t i = 0; i < p->nproducts; i++)
		s->prod[i].name = p->products[i].name;
	return s;
}

void stock_free(struct stock *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nlots; i++)
		free(s->lot[i].uses);
	for (size_t i = 0; i < s->nch; i++)
		free(s->ch[i].category);
	for (size_t i = 0; i < s->nlosses; i++)
		free(s->loss[i].reason);
	free(s->lot);
	free(s->ch);
	free(s->sale);
	free(s->loss);
	free(s->take);
	free(s->prod);
	strset_free(&s->lots);
	strset_free(&s->charges);
	strset_free(&s->sales);
	strset_free(&s->losses);
	free(s);
}

/* The index + 1 of id in set, 0 when absent. */
static size_t index_of(const struct strset *set, const char *id)
{
	return (size_t)(uintptr_t)strset_get(set, id);
}

/* Room for one more in an array, and id's place in set: -1 when out of
 * memory. */
static int room(void *v, size_t *cap, size_t n, size_t size,
                struct strset *set, const char *id)
{
	if (array_reserve(v, cap, n + 1, size) < 0 ||
	    strset_add(set, id, (void *)(uintptr_t)(n + 1)) < 0)
		return -1;
	return 0;
}

static int add_charge(struct stock *s, const struct row *en,
                      struct fc_error *e)
{
	struct stock_charge *c;
	int64_t vat;

	if (rules_charge_vat(s->p->vat, en, &vat) < 0)
		return fc_fail(e, FC_DATAERR, "%s: its VAT does not fit", en->id);
	if (room(&s->ch, &s->capch, s->nch, sizeof *s->ch, &s->charges,
	         en->id) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	c = &s->ch[s->nch];
	memset(c, 0, sizeof *c);
	snprintf(c->id, sizeof c->id, "%s", en->id);
	c->date = en->date;
	c->amount = en->amount;
	c->cost = en->amount - vat;
	if (!(c->category = strdup(en->category)))
		return fc_fail(e, FC_IOERR, "out of memory");
	s->nch++;
	return 0;
}

static int add_lot(struct stock *s, const struct row *en, struct fc_error *e)
{
	size_t at = product_at(s, en->product);
	struct stock_lot *l;

	if (at == s->p->nproducts)
		return 0;  /* verify names it */
	if (room(&s->lot, &s->caplots, s->nlots, sizeof *s->lot, &s->lots,
	         en->id) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	l = &s->lot[s->nlots];
	memset(l, 0, sizeof *l);
	snprintf(l->id, sizeof l->id, "%s", en->id);
	l->product = s->p->products[at].name;
	l->date = en->date;
	l->made = en->quantity;
	l->cost = -1;
	if (!(l->uses = strdup(en->uses)))
		return fc_fail(e, FC_IOERR, "out of memory");
	s->nlots++;
	return 0;
}

static int add_sale(struct stock *s, const struct row *en,
                    struct fc_error *e)
{
	size_t at = product_at(s, en->product);
	struct stock_sale *x;

	if (at == s->p->nproducts)
		return 0;
	if (room(&s->sale, &s->capsales, s->nsales, sizeof *s->sale,
	         &s->sales, en->id) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	x = &s->sale[s->nsales++];
	memset(x, 0, sizeof *x);
	snprintf(x->id, sizeof x->id, "%s", en->id);
	x->date = en->date;
	x->payment = en->payment;
	x->quantity = en->quantity;
	x->product = s->p->products[at].name;
	snprintf(x->lot, sizeof x->lot, "%s", en->lot);
	s->overflow |= money_accumulate(&s->prod[at].sold, 1, en->quantity) < 0;
	return 0;
}

static int add_loss(struct stock *s, const struct row *en,
                    struct fc_error *e)
{
	size_t at = product_at(s, en->product);
	struct stock_loss *w;

	if (at == s->p->nproducts)
		return 0;
	if (room(&s->loss, &s->caplosses, s->nlosses, sizeof *s->loss,
	         &s->losses, en->id) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	w = &s->loss[s->nlosses];
	memset(w, 0, sizeof *w);
	snprintf(w->id, sizeof w->id, "%s", en->id);
	w->date = en->date;
	w->quantity = en->quantity;
	w->product = s->p->products[at].name;
	w->lot = *en->lot ? index_of(&s->lots, en->lot) : 0;
	if (!(w->reason = strdup(en->reason)))
		return fc_fail(e, FC_IOERR, "out of memory");
	s->nlosses++;
	return 0;
}

/* A void: what it undoes (it repeats the row it voids). */
static void add_void(struct stock *s, const struct row *en)
{
	size_t i;

	switch (en->ref[0]) {
	case 'S':
		if ((i = index_of(&s->sales, en->ref)) &&
		    !s->sale[i - 1].voided) {
			s->sale[i - 1].voided = true;
			s->overflow |= money_accumulate(&s->prod[product_at(s,
			               en->product)].sold, -1, en->quantity) < 0;
		}
		break;
	case 'C':
		if ((i = index_of(&s->charges, en->ref)))
			s->ch[i - 1].voided = true;
		break;
	case 'L':
		if ((i = index_of(&s->lots, en->ref)))
			s->lot[i - 1].voided = true;
		break;
	case 'W':
		if ((i = index_of(&s->losses, en->ref)))
			s->loss[i - 1].voided = true;
		break;
	}
}

int stock_row(struct stock *s, const struct row *en, struct fc_error *e)
{
	switch (en->kind) {
	case KIND_SALE:
		return add_sale(s, en, e);
	case KIND_CHARGE:
		return add_charge(s, en, e);
	case KIND_LOT:
		return add_lot(s, en, e);
	case KIND_LOSS:
		return add_loss(s, en, e);
	case KIND_VOID:
		add_void(s, en);
		return 0;
	default:
		return 0;
	}
}

bool stock_lot_uses(const struct stock *s, size_t i, const char *charge)
{
	char buf[1024], *save = NULL;

	snprintf(buf, sizeof buf, "%s", s->lot[i].uses);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save))
		if (strcmp(t, charge) == 0)
			return true;
	return false;
}

/* Each charge's users: the lots (not voided) that name it. */
static void count_users(struct stock *s)
{
	for (size_t c = 0; c < s->nch; c++)
		for (size_t i = 0; i < s->nlots && !s->ch[c].voided; i++)
			if (!s->lot[i].voided && stock_lot_uses(s, i, s->ch[c].id))
				s->ch[c].users++;
}

/* A lot's cost: its share of each charge it names, the remainder's cents
 * to the first lots (given counts the shares given so far). */
static void lot_cost(struct stock *s, struct stock_lot *l, size_t *given)
{
	char buf[1024], *save = NULL;

	snprintf(buf, sizeof buf, "%s", l->uses);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		size_t c = index_of(&s->charges, t);
		const struct stock_charge *ch;
		int64_t share;
		if (!c || (ch = &s->ch[c - 1])->voided || !ch->users)
			continue;
		share = ch->cost / (int64_t)ch->users +
		        ((int64_t)given[c - 1] < ch->cost % (int64_t)ch->users);
		given[c - 1]++;
		if (l->cost < 0)
			l->cost = 0;
		s->overflow |= money_add(l->cost, share, &l->cost) < 0;
	}
}

/* The losses that name their lot, on it; the others' sum per product. */
static void own_losses(struct stock *s, int64_t *free_lost)
{
	for (size_t i = 0; i < s->nlosses; i++) {
		const struct stock_loss *w = &s->loss[i];
		int64_t *to;
		if (w->voided)
			continue;
		if (w->lot && !s->lot[w->lot - 1].voided)
			to = &s->lot[w->lot - 1].lost;
		else if (w->lot)
			continue;  /* gone with its lot */
		else
			to = &free_lost[product_at(s, w->product)];
		s->overflow |= money_add(*to, w->quantity, to) < 0;
	}
}

static int by_date(const void *a, const void *b)
{
	const struct stock_sale *x = *(const struct stock_sale *const *)a;
	const struct stock_sale *y = *(const struct stock_sale *const *)b;
	if (x->date != y->date)
		return (x->date > y->date) - (x->date < y->date);
	return (x > y) - (x < y);
}

static int add_take(struct stock *s, size_t sale, size_t lot, int64_t n,
                    bool named)
{
	if (array_reserve(&s->take, &s->captakes, s->ntakes + 1,
	                  sizeof *s->take) < 0)
		return -1;
	s->take[s->ntakes++] = (struct stock_take){ sale, lot, n, named };
	return 0;
}

/* A sale that names its lot (of its product, not voided: verify saw to
 * the first) takes from it, past what it holds if need be; 0 when it
 * names none. */
static int named_lot(struct stock *s, size_t sale)
{
	const struct stock_sale *x = &s->sale[sale];
	size_t i = *x->lot ? index_of(&s->lots, x->lot) : 0;
	struct stock_lot *l = i ? &s->lot[i - 1] : NULL;

	if (!l || l->voided || l->product != x->product)
		return 0;
	s->overflow |= money_add(l->sold, x->quantity, &l->sold) < 0;
	return add_take(s, sale, i - 1, x->quantity, true) < 0 ? -1 : 1;
}

/* Take n of product at from its lots, the oldest first (for sale, or
 * a loss naming no lot when sale is -1). */
static int take_from(struct stock *s, const char *product, int64_t n,
                     long sale)
{
	for (size_t i = 0; n > 0 && i < s->nlots; i++) {
		struct stock_lot *l = &s->lot[i];
		int64_t avail = l->made - l->sold - l->lost, t;
		if (l->voided || l->product != product || avail <= 0)
			continue;
		t = n < avail ? n : avail;
		n -= t;
		if (sale < 0) {
			l->lost += t;
			continue;
		}
		l->sold += t;
		l->sold_fifo += t;
		if (add_take(s, (size_t)sale, i, t, false) < 0)
			return -1;
	}
	return 0;
}

/* The sales that name their lot, on it; the others, in date order,
 * taken from their product's lots; then the losses that name no lot. */
static int first_in(struct stock *s, const int64_t *free_lost)
{
	const struct stock_sale **order = calloc(s->nsales + 1,
	                                         sizeof *order);
	int rc = 0;

	if (!order)
		return -1;
	size_t n = 0;
	for (size_t i = 0; rc >= 0 && i < s->nsales; i++)
		if (!s->sale[i].voided && !(rc = named_lot(s, i)))
			order[n++] = &s->sale[i];
	if (n > 1 && rc >= 0)
		qsort(order, n, sizeof *order, by_date);
	rc = rc < 0 ? -1 : 0;
	for (size_t i = 0; !rc && i < n; i++)
		rc = take_from(s, order[i]->product, order[i]->quantity,
		               (long)(order[i] - s->sale));
	for (size_t at = 0; !rc && at < s->p->nproducts; at++)
		rc = take_from(s, s->p->products[at].name, free_lost[at], -1);
	free(order);
	return rc;
}

int64_t stock_lot_left(const struct stock_lot *l)
{
	return l->made - l->sold - l->lost;
}

int64_t stock_lot_value(const struct stock_lot *l)
{
	int64_t v;

	if (l->cost < 0 || l->made <= 0 ||
	    money_muldiv(l->cost, stock_lot_left(l), l->made, &v) < 0)
		return -1;
	return v;
}

/* A product's figures from its lots (taken from already), its losses
 * counted before (lost); of its sales, those not on the lot they name
 * were first in, first out's. */
static void product_figures(struct stock *s, size_t at, int64_t lost)
{
	struct stock_product *pr = &s->prod[at];

	pr->cost_left = -1;
	pr->lost = lost;
	pr->sold_fifo = pr->sold;
	for (size_t i = 0; i < s->nlots; i++) {
		const struct stock_lot *l = &s->lot[i];
		int64_t v;
		if (l->voided || l->product != pr->name)
			continue;
		s->overflow |= money_add(pr->made, l->made, &pr->made) < 0 ||
		               money_sub(pr->sold_fifo, l->sold - l->sold_fifo,
		                         &pr->sold_fifo) < 0;
		if ((v = stock_lot_value(l)) >= 0)
			s->overflow |= money_add(pr->cost_left < 0 ? 0 :
			                         pr->cost_left, v,
			                         &pr->cost_left) < 0;
	}
	pr->left = pr->made - pr->sold - pr->lost;
}

int stock_end(struct stock *s, struct fc_error *e)
{
	size_t n = s->p->nproducts;
	size_t *given = calloc(s->nch + 1, sizeof *given);
	int64_t *free_lost = calloc(n + 1, sizeof *free_lost);
	int64_t *lost = calloc(n + 1, sizeof *lost);
	int rc = given && free_lost && lost ? 0 : -1;

	if (!rc) {
		count_users(s);
		for (size_t i = 0; i < s->nlots; i++)
			if (!s->lot[i].voided)
				lot_cost(s, &s->lot[i], given);
		own_losses(s, free_lost);
		/* a product's losses: its lots' own, and those naming none */
		for (size_t i = 0; i < s->nlots; i++)
			if (!s->lot[i].voided)
				s->overflow |= money_add(lost[product_at(s,
				               s->lot[i].product)], s->lot[i].lost,
				               &lost[product_at(s,
				               s->lot[i].product)]) < 0;
		for (size_t at = 0; at < n; at++)
			s->overflow |= money_add(lost[at], free_lost[at],
			                         &lost[at]) < 0;
		rc = first_in(s, free_lost);
	}
	for (size_t at = 0; !rc && at < n; at++)
		product_figures(s, at, lost[at]);
	free(given);
	free(free_lost);
	free(lost);
	if (rc)
		return fc_fail(e, FC_IOERR, "out of memory");
	return s->overflow ? fc_fail(e, FC_DATAERR, "the stock's figures grow "
	                             "too large to be counted") : 0;
}

/* A product is shown when the group makes it, or when it has a lot. */
static bool shown(const struct stock *s, size_t at)
{
	return !s->p->products[at].resale || s->prod[at].made;
}

size_t stock_nproducts(const struct stock *s)
{
	size_t n = 0;
	for (size_t at = 0; at < s->p->nproducts; at++)
		n += shown(s, at);
	return n;
}

const struct stock_product *stock_product(const struct stock *s, size_t i)
{
	for (size_t at = 0; at < s->p->nproducts; at++)
		if (shown(s, at) && i-- == 0)
			return &s->prod[at];
	return NULL;
}

size_t stock_nlots(const struct stock *s) { return s->nlots; }
size_t stock_nsales(const struct stock *s) { return s->nsales; }
size_t stock_ncharges(const struct stock *s) { return s->nch; }
size_t stock_nlosses(const struct stock *s) { return s->nlosses; }
size_t stock_ntakes(const struct stock *s) { return s->ntakes; }

const struct stock_lot *stock_lot(const struct stock *s, size_t i)
{
	return i < s->nlots ? &s->lot[i] : NULL;
}

const struct stock_sale *stock_sale(const struct stock *s, size_t i)
{
	return i < s->nsales ? &s->sale[i] : NULL;
}

const struct stock_charge *stock_charge(const struct stock *s, size_t i)
{
	return i < s->nch ? &s->ch[i] : NULL;
}

const struct stock_loss *stock_loss(const struct stock *s, size_t i)
{
	return i < s->nlosses ? &s->loss[i] : NULL;
}

const struct stock_take *stock_take(const struct stock *s, size_t i)
{
	return i < s->ntakes ? &s->take[i] : NULL;
}

long stock_lot_index(const struct stock *s, const char *id)
{
	return (long)index_of(&s->lots, id) - 1;
}

long stock_charge_index(const struct stock *s, const char *id)
{
	return (long)index_of(&s->charges, id) - 1;
}
