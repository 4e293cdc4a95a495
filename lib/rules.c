#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/date.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/rules.h"
#include "flashcoop/text.h"
#include "flashcoop/i18n.h"

int day_hours_init(struct day_hours *h, const struct project *p,
                   const struct participants *ps)
{
	h->p = p;
	h->ps = ps;
	h->ndays = (size_t)(p->end - p->start + 1);
	h->cell = calloc(ps->n * h->ndays + 1, sizeof *h->cell);
	return h->cell ? 0 : -1;
}

void day_hours_free(struct day_hours *h)
{
	free(h->cell);
	h->cell = NULL;
}

static int64_t *cell_of(struct day_hours *h, const char *id, int32_t day)
{
	const struct participant *pt;

	if (!h->cell || day < h->p->start || day > h->p->end)
		return NULL;
	if (!(pt = participants_find(h->ps, id)))
		return NULL;
	return &h->cell[(size_t)(pt - h->ps->v) * h->ndays +
	                (size_t)(day - h->p->start)];
}

int day_hours_add(struct day_hours *h, const struct row *en,
                  struct fc_error *e)
{
	int64_t *cell = cell_of(h, en->participant, en->date);
	char where[PATH_MAX + 64], hours[MONEY_BUFSZ], d[DATE_BUFSZ];
	bool within;

	if (!cell)
		return 0;
	within = *cell <= HOURS_DAY_MAX;
	*cell += en->kind == KIND_VOID ? -en->hours : en->hours;
	/* Named on the row that goes over. */
	if (!within || *cell <= HOURS_DAY_MAX)
		return 0;
	where[0] = '\0';
	if (en->file)
		snprintf(where, sizeof where, "%s:%ld: ", en->file, en->line);
	return fc_fail(e, FC_DATAERR, "%s%s works %s hours on %s: 24 at most "
	               "a day", where, en->participant,
	               money_format(*cell, hours), date_format(en->date, d));
}

bool rules_voidable(char letter)
{
	return letter == 'S' || letter == 'C' || letter == 'H' || letter == 'D' ||
	       letter == 'L' || letter == 'W';
}

int rules_charge_parts(bool vat, const struct row *en,
                       struct charge_part out[ROW_RATES_MAX], size_t *n)
{
	int64_t rest = en->amount;

	if (!en->nparts) {
		*n = 1;
		out[0] = (struct charge_part){ en->vat, en->amount, 0 };
		if (!vat)
			return 0;
		if (en->has_vat_amount) {
			out[0].vat = en->vat_amount;
			return 0;
		}
		/* round(amount x r / (10000 + r)) for that charge alone */
		return money_muldiv(en->amount, en->vat, 10000 + en->vat,
		                    &out[0].vat);
	}
	/* Each rate's base from its VAT (round(vat x 10000 / r)); the last
	 * part takes what is left of the receipt, so that they add up. */
	*n = en->nparts;
	for (size_t i = 0; i < en->nparts; i++) {
		const struct row_part *p = &en->parts[i];
		int64_t base, incl;
		out[i] = (struct charge_part){ p->rate, 0, vat ? p->vat : 0 };
		if (i + 1 == en->nparts) {
			out[i].incl = rest;
			break;
		}
		if (money_muldiv(p->vat, 10000, p->rate, &base) < 0 ||
		    money_add(base, p->vat, &incl) < 0 ||
		    money_sub(rest, incl, &rest) < 0)
			return -1;
		out[i].incl = incl;
	}
	return 0;
}

int rules_parts_vat(const struct charge_part *parts, size_t n, int64_t *out)
{
	*out = 0;
	for (size_t i = 0; i < n; i++)
		if (money_add(*out, parts[i].vat, out) < 0)
			return -1;
	return 0;
}

int rules_charge_vat(bool vat, const struct row *en, int64_t *out)
{
	struct charge_part parts[ROW_RATES_MAX];
	size_t n;

	*out = 0;
	if (rules_charge_parts(vat, en, parts, &n) < 0)
		return -1;
	return rules_parts_vat(parts, n, out);
}

/* "file:line: column 'c': " or "--option " before a message. */
static int made_bad(struct fc_error *e, const struct row *en,
                    const char *col, const char *opt, const char *what,
                    const char *id)
{
	char q[TEXT_QUOTE_SIZE];

	text_quote(id, q, sizeof q);
	if (en->file)
		return fc_fail(e, FC_DATAERR, "%s:%ld: column '%s': %s %s", en->file,
		               en->line, col, q, gettext(what));
	return fc_fail(e, FC_DATAERR, "%s %s %s", opt, q, gettext(what));
}

/* Each of a lot's uses names a charge above it. */
static int uses_charges(const struct made_refs *m, const struct row *en,
                        struct fc_error *e)
{
	char buf[1024], *save = NULL;

	snprintf(buf, sizeof buf, "%s", en->uses);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save))
		if (!strset_has(&m->charges, t))
			return made_bad(e, en, "uses", "--uses", N_("is no charge "
			                "recorded before the lot"), t);
	return 0;
}

/* A sale's lot: checked now when its lot is known or the sale is new,
 * else (a sale of the ledger, read before production.csv) kept for
 * made_refs_pending. */
static int sale_lot(struct made_refs *m, const struct row *en,
                    struct fc_error *e)
{
	const char *product = strset_get(&m->lots, en->lot);
	char key[2 * TEXT_MAX + 2], where[TEXT_MAX + 32], *w;

	if (product && strcmp(product, en->product) != 0)
		return made_bad(e, en, "lot", "--lot", N_("is a lot of another "
		                "product"), en->lot);
	if (product)
		return 0;
	if (!*en->id)
		return made_bad(e, en, "lot", "--lot", N_("is no lot recorded in "
		                "production.csv"), en->lot);
	snprintf(key, sizeof key, "%s\t%s", en->lot, en->product);
	if (strset_has(&m->pending, key))
		return 0;
	snprintf(where, sizeof where, "%s:%ld", en->file ? en->file : "",
	         en->line);
	if (!(w = strdup(where)) || strset_add(&m->pending, key, w) < 0) {
		free(w);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	return 0;
}

void made_refs_pending(const struct made_refs *m,
                       void (*fn)(void *ctx, const char *msg), void *ctx)
{
	char msg[3 * TEXT_MAX], q[TEXT_QUOTE_SIZE];

	for (size_t i = 0; i < m->pending.cap; i++) {
		const char *key = m->pending.slot[i], *tab, *product;
		if (!key || !(tab = strchr(key, '\t')))
			continue;
		snprintf(msg, sizeof msg, "%.*s", (int)(tab - key), key);
		text_quote(msg, q, sizeof q);
		if (!(product = strset_get(&m->lots, msg)))
			snprintf(msg, sizeof msg, "%s: column 'lot': %s %s",
			         (const char *)m->pending.val[i], q,
			         gettext("is no lot recorded in production.csv"));
		else if (strcmp(product, tab + 1) != 0)
			snprintf(msg, sizeof msg, "%s: column 'lot': %s %s",
			         (const char *)m->pending.val[i], q,
			         gettext("is a lot of another product"));
		else
			continue;
		fn(ctx, msg);
	}
}

int made_refs_row(struct made_refs *m, const struct row *en,
                  struct fc_error *e)
{
	const char *product;
	char *copy;
	int rc;

	if (en->kind == KIND_CHARGE)
		return strset_add(&m->charges, en->id, NULL) < 0 ?
		       fc_fail(e, FC_IOERR, "out of memory") : 0;
	if (en->kind == KIND_LOT) {
		/* kept whatever its uses, for the losses after it */
		rc = uses_charges(m, en, e);
		if (!*en->id)
			return rc;  /* a new lot, not recorded yet */
		if (!(copy = strdup(en->product)) ||
		    strset_add(&m->lots, en->id, copy) < 0) {
			free(copy);
			return fc_fail(e, FC_IOERR, "out of memory");
		}
		return rc;
	}
	if (en->kind == KIND_SALE && *en->lot)
		return sale_lot(m, en, e);
	if (en->kind != KIND_LOSS || !*en->lot)
		return 0;
	if (!(product = strset_get(&m->lots, en->lot)))
		return made_bad(e, en, "lot", "--lot", N_("is no lot recorded "
		                "before the loss"), en->lot);
	if (strcmp(product, en->product) != 0)
		return made_bad(e, en, "lot", "--lot", N_("is a lot of another "
		                "product"), en->lot);
	return 0;
}

void made_refs_free(struct made_refs *m)
{
	for (size_t i = 0; i < m->lots.cap; i++)
		if (m->lots.slot[i])
			free(m->lots.val[i]);
	strset_free(&m->lots);
	strset_free(&m->charges);
	for (size_t i = 0; i < m->pending.cap; i++)
		if (m->pending.slot[i])
			free(m->pending.val[i]);
	strset_free(&m->pending);
}
