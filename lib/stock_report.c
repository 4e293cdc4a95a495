/* flashcoop-report stock: the table's rows of the stock (stock.h), per
 * product or per lot. */
#include "flashcoop/date.h"
#include "flashcoop/groups.h"
#include "flashcoop/i18n.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/reports.h"
#include "flashcoop/stock.h"

/* sold_fifo: of sold, what sales naming no lot took (first in, first
 * out): how much of the by-lot figures is worked out, not recorded. */
const struct report_column stock_columns[] = {
	{ N_("lot"), CELL_TEXT, REPORT_LOTS },
	{ N_("product"), CELL_TEXT, 0 },
	{ N_("made_on"), CELL_TEXT, REPORT_LOTS },
	{ N_("best_before"), CELL_TEXT, REPORT_LOTS },
	{ N_("made"), CELL_COUNT, 0 },
	{ N_("sold"), CELL_COUNT, 0 },
	{ N_("sold_fifo"), CELL_COUNT, 0 },
	{ N_("lost"), CELL_COUNT, 0 },
	{ N_("left"), CELL_COUNT, 0 },
	{ N_("value_left"), CELL_MONEY, 0 },
	{ NULL, CELL_TEXT, 0 }
};

const struct report_column trace_columns[] = {
	{ N_("lot"), CELL_TEXT, 0 },
	{ N_("kind"), CELL_TEXT, 0 },
	{ N_("id"), CELL_TEXT, 0 },
	{ N_("date"), CELL_TEXT, 0 },
	{ N_("product"), CELL_TEXT, 0 },
	{ N_("quantity"), CELL_COUNT, GRID_NO_TOTAL },
	{ N_("amount"), CELL_MONEY, GRID_NO_TOTAL },
	{ N_("payment"), CELL_TEXT, 0 },
	{ N_("note"), CELL_TEXT, 0 },
	{ NULL, CELL_TEXT, 0 }
};

void *stock_scratch_new(const struct project *p)
{
	return stock_new(p);
}

int stock_each(void *scratch, const struct row *en, struct fc_error *e)
{
	return stock_row(scratch, en, e);
}

void stock_scratch_free(void *scratch)
{
	stock_free(scratch);
}

/* A value at cost, or nothing when no charge gave the lots a cost. */
static void value(struct grid *g, int64_t v)
{
	if (v < 0)
		grid_empty(g);
	else
		grid_number(g, v);
}

static int lot_rows(struct report *r, const struct report_input *in,
                    const struct stock *s, struct fc_error *e)
{
	struct grid *g = &r->grid;
	char d[DATE_BUFSZ], bb[DATE_BUFSZ];
	int rc = 0;

	for (size_t i = 0; !rc && i < stock_nlots(s); i++) {
		const struct stock_lot *l = stock_lot(s, i);
		const struct product *pr = project_product(in->p, l->product);
		if (l->voided)
			continue;
		grid_text(g, in->p->id);
		grid_text(g, l->id);
		grid_text(g, l->product);
		grid_text(g, date_format(l->date, d));
		int32_t best = pr ? product_best_before(&pr->info, l->date) :
		               DATE_NONE;
		grid_text(g, best != DATE_NONE ? date_format(best, bb) : "");
		grid_number(g, l->made);
		grid_number(g, l->sold);
		grid_number(g, l->sold_fifo);
		grid_number(g, l->lost);
		grid_number(g, stock_lot_left(l));
		value(g, stock_lot_value(l));
		rc = report_end_row(r, e);
	}
	return rc;
}

static int product_rows(struct report *r, const struct report_input *in,
                        const struct stock *s, struct fc_error *e)
{
	struct grid *g = &r->grid;
	int rc = 0;

	for (size_t i = 0; !rc && i < stock_nproducts(s); i++) {
		const struct stock_product *pr = stock_product(s, i);
		grid_text(g, in->p->id);
		grid_text(g, pr->name);
		grid_number(g, pr->made);
		grid_number(g, pr->sold);
		grid_number(g, pr->sold_fifo);
		grid_number(g, pr->lost);
		grid_number(g, pr->left);
		value(g, pr->cost_left);
		rc = report_end_row(r, e);
	}
	return rc;
}

int stock_fill(struct report *r, const struct report_input *in,
               struct fc_error *e)
{
	struct stock *s = in->scratch;
	int rc = stock_end(s, e);

	if (rc)
		return rc;
	return r->opt.dims & (1u << DIM_LOT) ? lot_rows(r, in, s, e) :
	       product_rows(r, in, s, e);
}

/* ---- the trace ---- */

/* One line of the trace: lot, kind, id, date, product, quantity (or
 * none: -1), amount (or none: -1: a charge's incl. VAT, a lot's cost
 * before VAT), payment, note. */
static int trace_row(struct report *r, const struct report_input *in,
                     const char *const *t, int32_t date, int64_t qty,
                     int64_t amount, struct fc_error *e)
{
	struct grid *g = &r->grid;
	char d[DATE_BUFSZ];

	grid_text(g, in->p->id);
	grid_text(g, t[0]);
	grid_text(g, t[1]);
	grid_text(g, t[2]);
	grid_text(g, date_format(date, d));
	grid_text(g, t[3]);
	if (qty < 0)
		grid_empty(g);
	else
		grid_number(g, qty);
	if (amount < 0)
		grid_empty(g);
	else
		grid_number(g, amount);
	grid_text(g, t[4]);
	grid_text(g, t[5]);
	return report_end_row(r, e);
}

static int charge_row(struct report *r, const struct report_input *in,
                      const char *lot, const struct stock_charge *c,
                      struct fc_error *e)
{
	const char *t[] = { lot, "charge", c->id, "", "",
	                    c->voided ? "voided" : c->category };
	return trace_row(r, in, t, c->date, -1, c->amount, e);
}

/* Lot i: itself, its charges, its sales, its losses. */
static int lot_trace(struct report *r, const struct report_input *in,
                     const struct stock *s, size_t i, bool charges,
                     struct fc_error *e)
{
	const struct stock_lot *l = stock_lot(s, i);
	const char *t[] = { l->id, "lot", l->id, l->product, "",
	                    l->voided ? "voided" : l->cost < 0 ? "" :
	                    "cost before VAT" };
	int rc = trace_row(r, in, t, l->date, l->made,
	                   l->cost < 0 ? -1 : l->cost, e);

	for (size_t c = 0; !rc && charges && c < stock_ncharges(s); c++)
		if (stock_lot_uses(s, i, stock_charge(s, c)->id))
			rc = charge_row(r, in, l->id, stock_charge(s, c), e);
	for (size_t k = 0; !rc && k < stock_ntakes(s); k++) {
		const struct stock_take *tk = stock_take(s, k);
		const struct stock_sale *x = stock_sale(s, tk->sale);
		const char *ts[] = { l->id, "sale", x->id, x->product,
		                     payment_name(x->payment),
		                     tk->named ? "named by the sale" :
		                     "first in, first out" };
		if (tk->lot == i)
			rc = trace_row(r, in, ts, x->date, tk->quantity, -1, e);
	}
	for (size_t k = 0; !rc && k < stock_nlosses(s); k++) {
		const struct stock_loss *w = stock_loss(s, k);
		const char *tw[] = { l->id, "loss", w->id, w->product, "",
		                     w->voided ? "voided" : w->reason };
		if (w->lot == i + 1)
			rc = trace_row(r, in, tw, w->date, w->quantity, -1, e);
	}
	return rc;
}

int trace_fill(struct report *r, const struct report_input *in,
               struct fc_error *e)
{
	struct stock *s = in->scratch;
	const char *lot = r->opt.lot, *charge = r->opt.charge;
	long i;
	int rc = stock_end(s, e);

	if (rc)
		return rc;
	if (lot) {
		if ((i = stock_lot_index(s, lot)) < 0)
			return fc_fail(e, FC_DATAERR, "%s: no lot %s", in->p->id,
			               lot);
		return lot_trace(r, in, s, (size_t)i, true, e);
	}
	if ((i = stock_charge_index(s, charge)) < 0)
		return fc_fail(e, FC_DATAERR, "%s: no charge %s", in->p->id,
		               charge);
	rc = charge_row(r, in, "", stock_charge(s, (size_t)i), e);
	for (size_t l = 0; !rc && l < stock_nlots(s); l++)
		if (stock_lot_uses(s, l, charge))
			rc = lot_trace(r, in, s, l, false, e);
	return rc;
}
