#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/date.h"
#include "flashcoop/money.h"
#include "flashcoop/strset.h"
#include "flashcoop/totals.h"

static struct vat_total *vat_line(struct totals *t, int32_t rate)
{
	size_t i;
	for (i = 0; i < t->nvat && t->vat[i].rate < rate; i++)
		;
	if (i < t->nvat && t->vat[i].rate == rate)
		return &t->vat[i];
	if (t->nvat == t->capvat) {
		size_t cap = t->capvat ? t->capvat * 2 : 8;
		struct vat_total *v = realloc(t->vat, cap * sizeof *v);
		if (!v)
			return NULL;
		t->vat = v;
		t->capvat = cap;
	}
	memmove(&t->vat[i + 1], &t->vat[i], (t->nvat - i) * sizeof *t->vat);
	t->nvat++;
	t->vat[i] = (struct vat_total){ rate, 0, 0 };
	return &t->vat[i];
}

static struct day_cash *cash_day(struct totals *t, int32_t day)
{
	size_t i;
	for (i = t->ncash; i > 0 && t->cash[i - 1].day > day; i--)
		;
	if (i > 0 && t->cash[i - 1].day == day)
		return &t->cash[i - 1];
	if (t->ncash == t->capcash) {
		size_t cap = t->capcash ? t->capcash * 2 : 16;
		struct day_cash *c = realloc(t->cash, cap * sizeof *c);
		if (!c)
			return NULL;
		t->cash = c;
		t->capcash = cap;
	}
	memmove(&t->cash[i + 1], &t->cash[i], (t->ncash - i) * sizeof *t->cash);
	t->ncash++;
	t->cash[i] = (struct day_cash){ day, 0, 0, 0, false };
	return &t->cash[i];
}

/* Remember that participant number n is part[i] (when the index can
 * grow to n; otherwise the list is searched). */
static struct part_total *index_part(struct totals *t, size_t n, size_t i)
{
	if (n && n >= t->nindex) {
		size_t cap = t->nindex ? t->nindex : 64;
		uint32_t *v;
		while (cap <= n)
			cap *= 2;
		if ((v = realloc(t->index, cap * sizeof *v))) {
			memset(v + t->nindex, 0, (cap - t->nindex) * sizeof *v);
			t->index = v;
			t->nindex = cap;
		}
	}
	if (n && n < t->nindex)
		t->index[n] = (uint32_t)i + 1;
	return &t->part[i];
}

static bool same_id(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* "P042" -> 42, 0 when it is not such an id or a larger one. */
static size_t part_number(const char *id)
{
	size_t n = 0;
	if (id[0] != 'P')
		return 0;
	for (const char *s = id + 1; *s; s++) {
		if (*s < '0' || *s > '9' || n > TOTALS_PART_INDEX)
			return 0;
		n = n * 10 + (size_t)(*s - '0');
	}
	return n < TOTALS_PART_INDEX ? n : 0;
}

static struct part_total *part_line(struct totals *t, const char *id)
{
	size_t n = part_number(id);

	/* Every row of a ledger looks its participant up: by number, in a
	 * small index, rather than along the list. */
	if (n && n < t->nindex && t->index[n])
		return &t->part[t->index[n] - 1];
	for (size_t i = 0; i < t->npart; i++)
		if (same_id(t->part[i].id, id))
			return index_part(t, n, i);
	if (t->npart == t->cappart) {
		size_t cap = t->cappart ? t->cappart * 2 : 16;
		struct part_total *p = realloc(t->part, cap * sizeof *p);
		if (!p)
			return NULL;
		t->part = p;
		t->cappart = cap;
	}
	t->part[t->npart] = (struct part_total){ { 0 }, 0, 0 };
	strcpy(t->part[t->npart].id, id);
	return index_part(t, n, t->npart++);
}

/* *sum += sign * v, checked. */
static int add(int64_t *sum, int sign, int64_t v)
{
	return sign > 0 ? money_add(*sum, v, sum) : money_sub(*sum, v, sum);
}

int totals_add(struct totals *t, const struct entry *en, struct fc_error *e)
{
	/* A void repeats the row it voids: the same sums, subtracted. */
	int sign = en->kind == KIND_VOID ? -1 : 1;
	char voided = en->kind == KIND_VOID ? en->ref[0] : kind_letter(en->kind);
	struct vat_total *v;
	struct part_total *p;
	struct day_cash *dc = NULL;
	int bad = 0;

	if (en->payment == PAY_CASH && !en->in_hours &&
	    !(dc = cash_day(t, en->date)))
		return fc_fail(e, FC_IOERR, "out of memory");
	if (en->kind == KIND_VOID)
		t->nvoids++;
	switch (voided) {
	case 'S':
	case 'C':
		if (!(v = vat_line(t, en->vat)))
			return fc_fail(e, FC_IOERR, "out of memory");
		if (voided == 'S') {
			t->nsales += (size_t)sign;
			bad |= add(&v->sales, sign, en->amount);
			bad |= add(&t->sales, sign, en->amount);
			if (dc) {
				bad |= add(&t->cash_sales, sign, en->amount);
				bad |= add(&dc->sales, sign, en->amount);
			}
			if (*en->participant) {
				if (!(p = part_line(t, en->participant)))
					return fc_fail(e, FC_IOERR, "out of memory");
				bad |= add(&p->sales, sign, en->amount);
			}
		} else {
			t->ncharges += (size_t)sign;
			bad |= add(&v->charges, sign, en->amount);
			bad |= add(&t->charges, sign, en->amount);
			if (dc) {
				bad |= add(&t->cash_charges, sign, en->amount);
				bad |= add(&dc->charges, sign, en->amount);
			}
		}
		break;
	case 'H':
		if (!(p = part_line(t, en->participant)))
			return fc_fail(e, FC_IOERR, "out of memory");
		t->nhours += (size_t)sign;
		bad |= add(&p->hours, sign, en->hours);
		bad |= add(&t->hours, sign, en->hours);
		break;
	case 'K':
		t->ncounts++;
		if (dc) { /* a later count of the same day is a recount */
			dc->counted = en->amount;
			dc->has_count = true;
		}
		break;
	}
	if (bad)
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

/* ---- groups ---- */

static const char *const dims[DIM_N] = {
	"day", "product", "category", "payment", "participant", "vat"
};

int dim_parse(const char *s)
{
	for (int i = 0; i < DIM_N; i++)
		if (strcmp(s, dims[i]) == 0)
			return i;
	return -1;
}

const char *dim_name(enum dim d)
{
	return dims[d];
}

/* The values of en for each dimension, as text. */
static void values(const struct entry *en, char day[DATE_BUFSZ],
                   char vat[MONEY_BUFSZ], const char *v[DIM_N])
{
	v[DIM_DAY] = date_format(en->date, day);
	v[DIM_PRODUCT] = en->product;
	v[DIM_CATEGORY] = en->category;
	v[DIM_PAYMENT] = payment_name(en->payment);
	v[DIM_PARTICIPANT] = en->participant;
	v[DIM_VAT] = rate_format(en->vat, vat);
}

int groups_add(struct groups *g, const struct entry *en, struct fc_error *e)
{
	char voided = en->kind == KIND_VOID ? en->ref[0] : kind_letter(en->kind);
	int sign = en->kind == KIND_VOID ? -1 : 1;
	char day[DATE_BUFSZ], vat[MONEY_BUFSZ], key[4096];
	const char *v[DIM_N];
	struct strset *index;
	struct group *gr;
	size_t len = 0;
	void *pos;
	int bad = 0;

	if (voided != g->kind || (g->from != DATE_NONE && en->date < g->from) ||
	    (g->to != DATE_NONE && en->date > g->to))
		return 0;
	values(en, day, vat, v);
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
	index = g->index;
	pos = strset_get(index, key);
	if (!pos) {
		if (g->n == g->cap) {
			size_t cap = g->cap ? g->cap * 2 : 64;
			struct group *nv = realloc(g->v, cap * sizeof *nv);
			if (!nv)
				return fc_fail(e, FC_IOERR, "out of memory");
			g->v = nv;
			g->cap = cap;
		}
		gr = &g->v[g->n];
		memset(gr, 0, sizeof *gr);
		for (int i = 0; i < DIM_N; i++)
			if ((g->dims & (1u << i)) && !(gr->value[i] = strdup(v[i])))
				return fc_fail(e, FC_IOERR, "out of memory");
		gr->vat = en->vat;
		/* Positions are stored plus one: NULL means absent. */
		if (strset_add(index, key, (void *)(uintptr_t)(g->n + 1)) < 0)
			return fc_fail(e, FC_IOERR, "out of memory");
		g->n++;
	} else {
		gr = &g->v[(uintptr_t)pos - 1];
	}
	gr->count += sign;
	bad |= add(&gr->quantity, sign, en->quantity);
	bad |= add(&gr->amount, sign, en->amount);
	bad |= add(&gr->hours, sign, en->hours);
	if (bad)
		return fc_fail(e, FC_DATAERR, "%s:%ld: the totals grow too large "
		               "to be counted in cents", en->file, en->line);
	return 0;
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
