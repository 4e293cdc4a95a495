#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"
#include "flashcoop/rules.h"
#include "flashcoop/stock.h"
#include "flashcoop/strset.h"

/* A charge: its cost before VAT, and how many lots use it. */
struct charge {
	int64_t cost;
	size_t users;
	bool voided;
};

struct stock {
	const struct project *p;
	struct stock_product *prod;  /* one per catalogue product */
	int64_t *free_lost;          /* per product: losses naming no lot */
	struct stock_lot *lot;
	size_t nlots, caplots;
	struct charge *ch;
	size_t nch, capch;
	struct strset lots, charges; /* id -> index + 1 */
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
	s->prod = calloc(p->nproducts + 1, sizeof *s->prod);
	s->free_lost = calloc(p->nproducts + 1, sizeof *s->free_lost);
	if (!s->prod || !s->free_lost) {
		stock_free(s);
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
	free(s->lot);
	free(s->ch);
	free(s->prod);
	free(s->free_lost);
	strset_free(&s->lots);
	strset_free(&s->charges);
	free(s);
}

/* The index + 1 of id in set, 0 when absent. */
static size_t index_of(const struct strset *set, const char *id)
{
	return (size_t)(uintptr_t)strset_get(set, id);
}

static int add_charge(struct stock *s, const struct row *en,
                      struct fc_error *e)
{
	int64_t vat;

	if (rules_charge_vat(s->p->vat, en, &vat) < 0)
		return fc_fail(e, FC_DATAERR, "%s: its VAT does not fit", en->id);
	if (array_reserve(&s->ch, &s->capch, s->nch + 1, sizeof *s->ch) < 0 ||
	    strset_add(&s->charges, en->id, (void *)(uintptr_t)(s->nch + 1)) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	s->ch[s->nch++] = (struct charge){ en->amount - vat, 0, false };
	return 0;
}

static int add_lot(struct stock *s, const struct row *en, struct fc_error *e)
{
	size_t at = product_at(s, en->product);
	struct stock_lot *l;

	if (at == s->p->nproducts)
		return 0;  /* verify names it */
	if (array_reserve(&s->lot, &s->caplots, s->nlots + 1,
	                  sizeof *s->lot) < 0 ||
	    strset_add(&s->lots, en->id, (void *)(uintptr_t)(s->nlots + 1)) < 0)
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

/* A loss (sign 1) or its void (-1). */
static void add_loss(struct stock *s, const struct row *en, int sign)
{
	size_t l = *en->lot ? index_of(&s->lots, en->lot) : 0;
	size_t at = product_at(s, en->product);

	if (l)
		s->overflow |= money_accumulate(&s->lot[l - 1].lost, sign,
		                                en->quantity) < 0;
	else if (at < s->p->nproducts)
		s->overflow |= money_accumulate(&s->free_lost[at], sign,
		                                en->quantity) < 0;
}

/* A void: what it undoes (it repeats the row it voids). */
static void add_void(struct stock *s, const struct row *en)
{
	size_t i;
	size_t at = product_at(s, en->product);

	switch (en->ref[0]) {
	case 'S':
		if (at < s->p->nproducts)
			s->overflow |= money_accumulate(&s->prod[at].sold, -1,
			                                en->quantity) < 0;
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
		add_loss(s, en, -1);
		break;
	}
}

int stock_row(struct stock *s, const struct row *en, struct fc_error *e)
{
	size_t at;

	switch (en->kind) {
	case KIND_SALE:
		if ((at = product_at(s, en->product)) < s->p->nproducts)
			s->overflow |= money_accumulate(&s->prod[at].sold, 1,
			                                en->quantity) < 0;
		return 0;
	case KIND_CHARGE:
		return add_charge(s, en, e);
	case KIND_LOT:
		return add_lot(s, en, e);
	case KIND_LOSS:
		add_loss(s, en, 1);
		return 0;
	case KIND_VOID:
		add_void(s, en);
		return 0;
	default:
		return 0;
	}
}

/* Each charge's users: the lots (not voided) that name it. */
static void count_users(struct stock *s)
{
	for (size_t i = 0; i < s->nlots; i++) {
		char buf[1024], *save = NULL;
		if (s->lot[i].voided)
			continue;
		snprintf(buf, sizeof buf, "%s", s->lot[i].uses);
		for (char *t = strtok_r(buf, " ", &save); t;
		     t = strtok_r(NULL, " ", &save)) {
			size_t c = index_of(&s->charges, t);
			if (c && !s->ch[c - 1].voided)
				s->ch[c - 1].users++;
		}
	}
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
		const struct charge *ch;
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

/* The sales of product at (and its losses naming no lot) taken from its
 * lots, the oldest first. */
static void first_in(struct stock *s, size_t at)
{
	int64_t sold = s->prod[at].sold, lost = s->free_lost[at];

	for (size_t i = 0; i < s->nlots; i++) {
		struct stock_lot *l = &s->lot[i];
		int64_t avail, take;
		if (l->voided || l->product != s->p->products[at].name)
			continue;
		avail = l->made - l->lost;
		take = sold < avail ? sold : avail;
		if (take > 0) {
			l->sold += take;
			sold -= take;
			avail -= take;
		}
		take = lost < avail ? lost : avail;
		if (take > 0) {
			l->lost += take;
			lost -= take;
		}
	}
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

/* The losses of product at's lots, before any is taken from them. */
static int64_t lots_lost(struct stock *s, size_t at)
{
	int64_t n = 0;

	for (size_t i = 0; i < s->nlots; i++)
		if (!s->lot[i].voided &&
		    s->lot[i].product == s->p->products[at].name)
			s->overflow |= money_add(n, s->lot[i].lost, &n) < 0;
	return n;
}

/* A product's figures from its lots (taken from already). */
static void product_figures(struct stock *s, size_t at, int64_t lost)
{
	struct stock_product *pr = &s->prod[at];

	pr->cost_left = -1;
	s->overflow |= money_add(lost, s->free_lost[at], &pr->lost) < 0;
	for (size_t i = 0; i < s->nlots; i++) {
		const struct stock_lot *l = &s->lot[i];
		int64_t v;
		if (l->voided || l->product != pr->name)
			continue;
		s->overflow |= money_add(pr->made, l->made, &pr->made) < 0;
		if ((v = stock_lot_value(l)) >= 0)
			s->overflow |= money_add(pr->cost_left < 0 ? 0 :
			                         pr->cost_left, v,
			                         &pr->cost_left) < 0;
	}
	pr->left = pr->made - pr->sold - pr->lost;
}

int stock_end(struct stock *s, struct fc_error *e)
{
	size_t *given = calloc(s->nch + 1, sizeof *given);

	if (!given)
		return fc_fail(e, FC_IOERR, "out of memory");
	count_users(s);
	for (size_t i = 0; i < s->nlots; i++)
		if (!s->lot[i].voided)
			lot_cost(s, &s->lot[i], given);
	free(given);
	for (size_t at = 0; at < s->p->nproducts; at++) {
		int64_t lost = lots_lost(s, at);
		first_in(s, at);
		product_figures(s, at, lost);
	}
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

size_t stock_nlots(const struct stock *s)
{
	return s->nlots;
}

const struct stock_lot *stock_lot(const struct stock *s, size_t i)
{
	return i < s->nlots ? &s->lot[i] : NULL;
}
