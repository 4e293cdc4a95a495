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

/* A lot recorded: its product, its date, whether it was voided since. */
struct made_lot {
	int32_t date;
	bool voided;
	char product[];
};

/* The sales of the ledger naming one lot for one product, kept until
 * production.csv is read: the first's place, the earliest's date and
 * place. */
struct made_pending {
	int32_t date;
	char *first, *earliest;
};

/* The lot a new sale or loss names (or a loss of production.csv, which
 * comes after its lot): of its product, not voided, made on or before
 * its day. */
static int lot_fits(const struct made_lot *l, const struct row *en,
                    struct fc_error *e)
{
	char a[DATE_BUFSZ], b[DATE_BUFSZ];

	if (strcmp(l->product, en->product) != 0)
		return made_bad(e, en, "lot", "--lot", N_("is a lot of another "
		                "product"), en->lot);
	if (l->voided)
		return made_bad(e, en, "lot", "--lot", N_("is a voided lot"),
		                en->lot);
	if (en->date == DATE_NONE || en->date >= l->date)
		return 0;
	date_format(l->date, a);
	date_format(en->date, b);
	if (en->file)
		return fc_fail(e, FC_DATAERR, "%s:%ld: column 'lot': %s was made "
		               "on %s, after this row's date (%s)", en->file,
		               en->line, en->lot, a, b);
	if (en->kind == KIND_LOSS)
		return fc_fail(e, FC_DATAERR, "--lot %s was made on %s, after the "
		               "date of the loss (%s)", en->lot, a, b);
	return fc_fail(e, FC_DATAERR, "--lot %s was made on %s, after the "
	               "date of the sale (%s)", en->lot, a, b);
}

static char *where_of(const struct row *en)
{
	char where[TEXT_MAX + 32];

	snprintf(where, sizeof where, "%s:%ld", en->file ? en->file : "",
	         en->line);
	return strdup(where);
}

/* A sale's lot: checked now when the sale is new (its lot is known or
 * is not there), else (a sale of the ledger, read before production.csv)
 * kept for made_refs_pending. */
static int sale_lot(struct made_refs *m, const struct row *en,
                    struct fc_error *e)
{
	const struct made_lot *l = strset_get(&m->lots, en->lot);
	char key[2 * TEXT_MAX + 2];
	struct made_pending *w;

	if (!*en->id)
		return l ? lot_fits(l, en, e) : made_bad(e, en, "lot", "--lot",
		       N_("is no lot recorded in production.csv"), en->lot);
	snprintf(key, sizeof key, "%s\t%s", en->lot, en->product);
	if ((w = strset_get(&m->pending, key))) {
		char *at;
		if (en->date >= w->date)
			return 0;  /* not earlier than the earliest so far */
		if (!(at = where_of(en)))
			return fc_fail(e, FC_IOERR, "out of memory");
		free(w->earliest);
		w->earliest = at;
		w->date = en->date;
		return 0;
	}
	if (!(w = calloc(1, sizeof *w)) || !(w->first = where_of(en)) ||
	    !(w->earliest = strdup(w->first)) ||
	    strset_add(&m->pending, key, w) < 0) {
		if (w)
			free(w->first), free(w->earliest);
		free(w);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	w->date = en->date;
	return 0;
}

/* What is wrong with the sales of one pending key, as a message (with
 * *warning set when it is a warning); 0 when nothing. */
static int pending_msg(const struct made_refs *m, const char *key,
                       const struct made_pending *w, char *msg, size_t size,
                       bool *warning)
{
	const char *tab = strchr(key, '\t');
	char lot[ID_SIZE], q[TEXT_QUOTE_SIZE], a[DATE_BUFSZ], b[DATE_BUFSZ];
	const struct made_lot *l;

	snprintf(lot, sizeof lot, "%.*s", (int)(tab - key), key);
	text_quote(lot, q, sizeof q);
	*warning = false;
	if (!(l = strset_get(&m->lots, lot)))
		return snprintf(msg, size, "%s: column 'lot': %s %s", w->first, q,
		                gettext("is no lot recorded in production.csv"));
	if (strcmp(l->product, tab + 1) != 0)
		return snprintf(msg, size, "%s: column 'lot': %s %s", w->first, q,
		                gettext("is a lot of another product"));
	if (w->date != DATE_NONE && w->date < l->date)
		return snprintf(msg, size, gettext("%s: column 'lot': %s was made "
		                "on %s, after this row's date (%s)"), w->earliest,
		                q, date_format(l->date, a), date_format(w->date, b));
	*warning = l->voided;
	if (l->voided)
		return snprintf(msg, size, gettext("%s: warning: column 'lot': %s "
		                "was voided: the sales naming it are taken first "
		                "in, first out"), w->first, q);
	return 0;
}

void made_refs_pending(const struct made_refs *m,
                       void (*fn)(void *ctx, const char *msg, bool warning),
                       void *ctx)
{
	char msg[3 * TEXT_MAX];
	bool warning;

	for (size_t i = 0; i < m->pending.cap; i++)
		if (m->pending.slot[i] &&
		    pending_msg(m, m->pending.slot[i], m->pending.val[i], msg,
		                sizeof msg, &warning) > 0)
			fn(ctx, msg, warning);
}

/* A lot recorded, for the losses and sales after it. */
static int add_lot(struct made_refs *m, const struct row *en,
                   struct fc_error *e)
{
	size_t n = strlen(en->product) + 1;
	struct made_lot *l = malloc(sizeof *l + n);

	if (!l || strset_add(&m->lots, en->id, l) < 0) {
		free(l);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	l->date = en->date;
	l->voided = false;
	memcpy(l->product, en->product, n);
	return 0;
}

int made_refs_row(struct made_refs *m, const struct row *en,
                  struct fc_error *e)
{
	struct made_lot *l;
	int rc;

	if (en->kind == KIND_CHARGE)
		return strset_add(&m->charges, en->id, NULL) < 0 ?
		       fc_fail(e, FC_IOERR, "out of memory") : 0;
	if (en->kind == KIND_LOT) {
		/* kept whatever its uses, for the losses after it */
		rc = uses_charges(m, en, e);
		if (!*en->id)
			return rc;  /* a new lot, not recorded yet */
		return add_lot(m, en, e) ? FC_IOERR : rc;
	}
	if (en->kind == KIND_VOID && en->ref[0] == 'L' &&
	    (l = strset_get(&m->lots, en->ref)))
		l->voided = true;
	if (en->kind == KIND_SALE && *en->lot)
		return sale_lot(m, en, e);
	if (en->kind != KIND_LOSS || !*en->lot)
		return 0;
	if (!(l = strset_get(&m->lots, en->lot)))
		return made_bad(e, en, "lot", "--lot", N_("is no lot recorded "
		                "before the loss"), en->lot);
	return lot_fits(l, en, e);
}

void made_refs_free(struct made_refs *m)
{
	for (size_t i = 0; i < m->lots.cap; i++)
		if (m->lots.slot[i])
			free(m->lots.val[i]);
	strset_free(&m->lots);
	strset_free(&m->charges);
	for (size_t i = 0; i < m->pending.cap; i++) {
		struct made_pending *w = m->pending.val[i];
		if (!m->pending.slot[i])
			continue;
		free(w->first);
		free(w->earliest);
		free(w);
	}
	strset_free(&m->pending);
}
