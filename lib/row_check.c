#include <stdio.h>
#include <string.h>

#include "flashcoop/date.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"

#include "row_internal.h"

/*
 * A new row completed and checked against the project (row_check), the
 * rows of the files too (verify): what each kind needs, the catalogue,
 * the period, the participants, the receipt's VAT.
 */

static int check_participant(const struct participants *ps,
                             const struct row *en, struct fc_error *e)
{
	const struct participant *p = participants_find(ps, en->participant);
	char d[DATE_BUFSZ], d2[DATE_BUFSZ];

	if (!p)
		return row_bad(e, en, COL_PARTICIPANT, "no participant %s is "
		           "enrolled", en->participant);
	if (en->date < p->enrolled)
		return row_bad(e, en, COL_PARTICIPANT, "%s is enrolled from %s, not "
		           "on %s", p->id, date_format(p->enrolled, d),
		           date_format(en->date, d2));
	if (!participant_active(p, en->date))
		return row_bad(e, en, COL_PARTICIPANT, "%s withdrew on %s, before "
		           "%s", p->id, date_format(p->withdrawn, d),
		           date_format(en->date, d2));
	return 0;
}

static int check_sale(const struct project *p, struct row *en,
                      struct fc_error *e)
{
	const struct product *pr;
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	int64_t amount;

	if (!*en->product)
		return row_bad(e, en, COL_PRODUCT, "a sale names its product");
	if (!en->quantity)
		return row_bad(e, en, COL_QUANTITY, "a sale gives its quantity");
	pr = project_product(p, en->product);
	if (pr)
		en->product = pr->name; /* the catalogue's spelling */
	if (pr && (!en->has_price || !en->has_vat)) {
		if (!en->has_price)
			en->unit_price = pr->price;
		if (!en->has_vat)
			en->vat = pr->vat;
		en->has_price = en->has_vat = true;
	}
	if (!p->vat && !en->has_vat)
		en->has_vat = true; /* vat = no: rate 0 */
	if (!en->has_price || !en->has_vat)
		return row_bad(e, en, COL_PRODUCT, "'%s' is not in the catalogue of "
		           "flashcoop.ini: give its price and VAT rate",
		           en->product);
	if (money_mul(en->quantity, en->unit_price, &amount) < 0)
		return row_bad(e, en, COL_AMOUNT, "quantity x unit price is too "
		           "large");
	if (en->has_amount && en->amount != amount)
		return row_bad(e, en, COL_AMOUNT, "%s is not quantity x unit price "
		           "= %s", money_format(en->amount, a),
		           money_format(amount, b));
	en->amount = amount;
	en->has_amount = true;
	if (!en->payment)
		en->payment = PAY_CASH;
	return 0;
}

/* A lot or a loss: a product of the catalogue (its spelling kept), a
 * quantity, a loss's reason. */
static int check_made(const struct project *p, struct row *en,
                      struct fc_error *e)
{
	const struct product *pr;
	const char *k = kind_name(en->kind);

	if (!*en->product)
		return row_bad(e, en, COL_PRODUCT, "a %s names its product", k);
	if (!(pr = project_product(p, en->product)))
		return row_bad(e, en, COL_PRODUCT, "'%s' is not in the catalogue "
		           "of flashcoop.ini", en->product);
	en->product = pr->name;
	if (!en->quantity)
		return row_bad(e, en, COL_QUANTITY, "a %s gives its quantity", k);
	if (en->kind == KIND_LOSS && !*en->reason)
		return row_bad(e, en, COL_REASON, "a loss gives its reason (%s)",
		           ROW_LOSS_REASONS);
	return 0;
}

/* A value in a column the row's kind has no use for is refused rather
 * than dropped: it is a sign of a shifted or misread row. */
static int unused_columns(const struct row *en, struct fc_error *e)
{
	bool sale = en->kind == KIND_SALE, charge = en->kind == KIND_CHARGE;
	bool money = sale || charge || en->kind == KIND_COUNT ||
	             en->kind == KIND_DEPOSIT;
	bool made = en->kind == KIND_LOT || en->kind == KIND_LOSS;
	const char *k = kind_name(en->kind);

	if (!sale && !made && *en->product)
		return row_bad(e, en, COL_PRODUCT, "a %s has no product", k);
	if (!sale && !made && en->quantity)
		return row_bad(e, en, COL_QUANTITY, "a %s has no quantity", k);
	if (!sale && en->kind != KIND_LOSS && *en->lot)
		return row_bad(e, en, COL_LOT, "a %s names no lot (only a sale "
		           "or a loss does)", k);
	if (en->kind != KIND_LOSS && *en->reason)
		return row_bad(e, en, COL_REASON, "a %s has no reason (only a "
		           "loss has)", k);
	if (en->kind != KIND_LOT && *en->uses)
		return row_bad(e, en, COL_USES, "a %s uses no charge (only a lot "
		           "does)", k);
	if (!sale && en->has_price)
		return row_bad(e, en, COL_UNIT_PRICE, "a %s has no unit price", k);
	if (!charge && *en->category)
		return row_bad(e, en, COL_CATEGORY, "a %s has no category", k);
	if (!money && en->has_amount)
		return row_bad(e, en, COL_AMOUNT, "%s have no amount", k);
	if ((!sale && !charge) && en->has_vat)
		return row_bad(e, en, COL_VAT_RATE, "a %s has no VAT rate", k);
	if (!charge && en->has_vat_amount)
		return row_bad(e, en, COL_VAT_AMOUNT, "a %s has no VAT amount of "
		           "its own (only a charge's receipt has)", k);
	if (!charge && en->nparts)
		return row_bad(e, en, COL_VAT_RATE, "a %s has one VAT rate (only a "
		           "charge's receipt may have several)", k);
	if (!money && en->payment)
		return row_bad(e, en, COL_PAYMENT, "%s have no payment", k);
	if (!sale && en->kind != KIND_HOURS && *en->participant)
		return row_bad(e, en, COL_PARTICIPANT, "a %s has no participant", k);
	if (!en->in_hours && *en->role)
		return row_bad(e, en, COL_ROLE, "a %s has no role (only hours "
		           "have)", k);
	if (en->kind != KIND_HOURS && en->hours)
		return row_bad(e, en, COL_HOURS, "a %s has no hours", k);
	return 0;
}

/* The VAT printed on a charge's receipt: of the charge's sign, not more
 * than the charge, and only where the project counts VAT and the charge
 * has a rate. */
static int check_vat_amount(const struct project *p, const struct row *en,
                            struct fc_error *e)
{
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	int64_t v = en->vat_amount, amount = en->amount;

	if (!en->has_vat_amount)
		return 0;
	if (en->nparts && !p->vat)
		return row_bad(e, en, COL_VAT_RATE, "several VAT rates, but the "
		           "project counts no VAT (vat = no in flashcoop.ini)");
	for (size_t i = 0; i < en->nparts; i++) {
		int64_t pv = en->parts[i].vat;
		if (en->parts[i].rate == 0 ||
		    (amount > 0 && pv < 0) || (amount < 0 && pv > 0))
			return row_bad(e, en, COL_VAT_AMOUNT, "the VAT of %s %% is %s: "
			           "each rate of a receipt above 0, each VAT of "
			           "the charge's sign",
			           money_rate_format(en->parts[i].rate, b),
			           money_format(pv, a));
	}
	if (!p->vat && v != 0)
		return row_bad(e, en, COL_VAT_AMOUNT, "%s: the project counts no VAT "
		           "(vat = no in flashcoop.ini)", money_format(v, a));
	if (en->vat == 0 && v != 0)
		return row_bad(e, en, COL_VAT_AMOUNT, "%s of VAT, but the VAT rate is "
		           "0: give the receipt's rate too", money_format(v, a));
	if ((amount > 0 && (v < 0 || v >= amount)) ||
	    (amount < 0 && (v > 0 || v <= amount)))
		return row_bad(e, en, COL_VAT_AMOUNT, "%s is not a VAT amount of a "
		           "charge of %s (of its sign, and less than it)",
		           money_format(v, a), money_format(amount, b));
	return 0;
}

int row_check(const struct project *p, const struct participants *ps,
                struct row *en, struct fc_error *e)
{
	char d[DATE_BUFSZ], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	int rc;

	if (en->kind != KIND_VOID && (rc = unused_columns(en, e)))
		return rc;

	if (en->date == DATE_NONE)
		en->date = date_today();
	if (en->date < p->start || en->date > p->end)
		return row_bad(e, en, COL_DATE, "%s is outside the project's period "
		           "(%s to %s)", date_format(en->date, d),
		           date_format(p->start, d1), date_format(p->end, d2));
	switch (en->kind) {
	case KIND_SALE:
		if ((rc = check_sale(p, en, e)))
			return rc;
		break;
	case KIND_CHARGE:
		if (!en->has_amount || en->amount == 0)
			return row_bad(e, en, COL_AMOUNT, "a charge needs an amount "
			           "above 0");
		if (!*en->category)
			return row_bad(e, en, COL_CATEGORY, "a charge needs a category "
			           "(ingredients, packaging, stand, transport, "
			           "communication, other...)");
		if (!en->has_vat)
			en->vat = 0; /* no VAT recovered unless it is stated */
		en->has_vat = true;
		if ((rc = check_vat_amount(p, en, e)))
			return rc;
		if (!en->payment)
			en->payment = PAY_OTHER;
		break;
	case KIND_DEPOSIT:
		if (!en->has_amount || en->amount <= 0)
			return row_bad(e, en, COL_AMOUNT, "a deposit needs an amount "
			           "above 0");
		if (!en->payment)
			en->payment = PAY_CASH;
		if (en->payment != PAY_CASH && en->payment != PAY_CHEQUE &&
		    en->payment != PAY_CARD)
			return row_bad(e, en, COL_PAYMENT, "a deposit takes cash, "
			           "cheques or the card receipts to the bank, not "
			           "'%s'", payment_name(en->payment));
		break;
	case KIND_COUNT:
		if (!en->has_amount)
			return row_bad(e, en, COL_AMOUNT, "a count gives the cash "
			           "counted");
		if (en->payment && en->payment != PAY_CASH)
			return row_bad(e, en, COL_PAYMENT, "a count is of cash");
		en->payment = PAY_CASH;
		break;
	case KIND_HOURS:
		if (!*en->participant)
			return row_bad(e, en, COL_PARTICIPANT, "hours need a "
			           "participant");
		if (!en->hours)
			return row_bad(e, en, COL_HOURS, "the hours are missing");
		break;
	case KIND_LOT:
	case KIND_LOSS:
		if ((rc = check_made(p, en, e)))
			return rc;
		break;
	case KIND_VOID:
		if (!*en->ref)
			return row_bad(e, en, COL_REF, "a void names the id it voids");
		return 0;
	}
	if (*en->participant && (rc = check_participant(ps, en, e)))
		return rc;
	return 0;
}

void row_void_of(struct row *v, const struct row *t, const char *reason)
{
	*v = *t;
	v->id[0] = '\0';
	v->kind = KIND_VOID;
	v->ref = t->id;
	v->note = reason;
}
