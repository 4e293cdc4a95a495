#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/date.h"
#include "flashcoop/groups.h"
#include "flashcoop/money.h"
#include "flashcoop/rules.h"
#include "flashcoop/strset.h"

static const char *const dims[DIM_N] = {
	"day", "product", "category", "payment", "participant", "vat", "role",
	"lot"
};

int groups_dim_parse(const char *s)
{
	for (int i = 0; i < DIM_N; i++)
		if (strcmp(s, dims[i]) == 0)
			return i;
	return -1;
}

const char *groups_dim_name(enum dim d)
{
	return dims[d];
}

/* The values of en for each dimension, as text. */
static void values(const struct row *en, char day[DATE_BUFSZ],
                   char vat[MONEY_BUFSZ], const char *v[DIM_N])
{
	v[DIM_DAY] = date_format(en->date, day);
	v[DIM_PRODUCT] = en->product;
	v[DIM_CATEGORY] = en->category;
	v[DIM_PAYMENT] = payment_name(en->payment);
	v[DIM_PARTICIPANT] = en->participant;
	v[DIM_VAT] = money_rate_format(en->vat, vat);
	v[DIM_ROLE] = en->role ? en->role : "";
	v[DIM_LOT] = en->lot ? en->lot : "";
}

/* A new group for key, its values copied: all of it, or nothing (NULL,
 * out of memory, the groups as they were). */
static struct group *new_group(struct groups *g, const char *key,
                               const char *const *v, int32_t vat)
{
	struct group nw = { { NULL }, vat, 0, 0, 0, 0, 0 };
	bool ok = array_reserve(&g->v, &g->cap, g->n + 1, sizeof *g->v) == 0;

	for (int i = 0; ok && i < DIM_N; i++)
		if ((g->dims & (1u << i)) && !(nw.value[i] = strdup(v[i])))
			ok = false;
	/* Positions are stored plus one: NULL means absent. */
	if (ok && strset_add(g->index, key, (void *)(uintptr_t)(g->n + 1)) < 0)
		ok = false;
	if (!ok) {
		for (int i = 0; i < DIM_N; i++)
			free(nw.value[i]);
		return NULL;
	}
	g->v[g->n] = nw;
	return &g->v[g->n++];
}

/* Add to the group of en's values, its rate rate: amount and vat (a
 * charge's, by rate), the row counted when counted. */
static int add_part(struct groups *g, const struct row *en, int32_t rate,
                    int64_t amount, int64_t vatv, bool counted,
                    struct fc_error *e)
{
	int sign = en->kind == KIND_VOID ? -1 : 1;
	char day[DATE_BUFSZ], vat[MONEY_BUFSZ], key[4096];
	const char *v[DIM_N];
	struct group *gr;
	size_t len = 0;
	void *pos;
	int bad = 0;

	values(en, day, vat, v);
	v[DIM_VAT] = money_rate_format(rate, vat);
	/* The key: the values asked, separated by a byte no field holds. */
	for (int i = 0; i < DIM_N; i++) {
		if (!(g->dims & (1u << i)))
			continue;
		int n = snprintf(key + len, sizeof key - len, "%s\x1f", v[i]);
		if (n < 0 || (size_t)n >= sizeof key - len)
			return fc_fail(e, FC_DATAERR, "a report key is too long");
		len += (size_t)n;
	}
	if (!g->index && !(g->index = calloc(1, sizeof(struct strset))))
		return fc_fail(e, FC_IOERR, "out of memory");
	pos = strset_get(g->index, key);
	if (!pos && !(gr = new_group(g, key, v, rate)))
		return fc_fail(e, FC_IOERR, "out of memory");
	if (pos)
		gr = &g->v[(uintptr_t)pos - 1];
	if (counted) {
		gr->count += sign;
		bad |= money_accumulate(&gr->quantity, sign, en->quantity);
		bad |= money_accumulate(&gr->hours, sign, en->hours);
	}
	bad |= money_accumulate(&gr->amount, sign, amount);
	bad |= money_accumulate(&gr->vat_sum, sign, vatv);
	if (bad)
		return fc_fail(e, FC_DATAERR, "%s:%ld: the totals grow too large "
		               "to be counted in cents", en->file, en->line);
	return 0;
}

int groups_add(struct groups *g, const struct row *en, struct fc_error *e)
{
	struct charge_part parts[ROW_RATES_MAX];
	size_t n;
	int rc = 0;

	if (row_counts_as(en) != (int)g->kind ||
	    (g->from != DATE_NONE && en->date < g->from) ||
	    (g->to != DATE_NONE && en->date > g->to))
		return 0;
	if (g->kind != KIND_CHARGE)
		return add_part(g, en, en->vat, en->amount, 0, true, e);
	/* A charge: its receipt's VAT, by rate when the rate is asked. */
	if (rules_charge_parts(true, en, parts, &n) < 0)
		return fc_fail(e, FC_DATAERR, "%s:%ld: the totals grow too large "
		               "to be counted in cents", en->file, en->line);
	if (!(g->dims & (1u << DIM_VAT))) {
		int64_t vat;
		if (rules_parts_vat(parts, n, &vat) < 0)
			return fc_fail(e, FC_DATAERR, "%s:%ld: the totals grow too "
			               "large to be counted in cents", en->file,
			               en->line);
		return add_part(g, en, en->vat, en->amount, vat, true, e);
	}
	for (size_t i = 0; !rc && i < n; i++)
		rc = add_part(g, en, parts[i].rate, parts[i].incl, parts[i].vat,
		              true, e);
	return rc;
}

static int by_key(const void *a, const void *b, void *arg)
{
	const struct group *x = a, *y = b;
	unsigned sort_dims = *(const unsigned *)arg;
	for (int i = 0; i < DIM_N; i++) {
		int c;
		if (!(sort_dims & (1u << i)))
			continue;
		if (i == DIM_VAT)
			c = (x->vat > y->vat) - (x->vat < y->vat);
		else
			c = strcmp(x->value[i], y->value[i]);
		if (c)
			return c;
	}
	return 0;
}

void groups_sort(struct groups *g)
{
	if (g->n > 1)
		qsort_r(g->v, g->n, sizeof *g->v, by_key, &g->dims);
}

void groups_free(struct groups *g)
{
	for (size_t i = 0; i < g->n; i++)
		for (int j = 0; j < DIM_N; j++)
			free(g->v[i].value[j]);
	free(g->v);
	if (g->index) {
		strset_free(g->index);
		free(g->index);
	}
	g->v = NULL;
	g->n = g->cap = 0;
	g->index = NULL;
}
