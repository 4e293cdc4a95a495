/* flashcoop-report stock: the table's rows of the stock (stock.h), per
 * product or per lot. */
#include "flashcoop/date.h"
#include "flashcoop/groups.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/reports.h"
#include "flashcoop/stock.h"

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
		grid_text(g, pr && pr->info.shelf_life > 0 ?
		          date_format(l->date + pr->info.shelf_life, bb) : "");
		grid_number(g, l->made);
		grid_number(g, l->sold);
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
