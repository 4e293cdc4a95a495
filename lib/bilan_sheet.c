#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/bilan_sheet.h"
#include "flashcoop/books.h"
#include "flashcoop/date.h"
#include "flashcoop/html.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/stock.h"
#include "flashcoop/store.h"
#include "flashcoop/verify.h"

#define D(x) (1u << (x))

static int keep_void(struct bilan_sheet *s, const struct row *en,
                     struct fc_error *e)
{
	struct bilan_void *v;

	if (array_reserve(&s->voids, &s->capvoids, s->nvoids + 1,
	                  sizeof *s->voids) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	v = &s->voids[s->nvoids];
	memcpy(v->id, en->id, sizeof v->id);
	v->date = en->date;
	v->ref = strdup(en->ref ? en->ref : "");
	v->note = strdup(en->note ? en->note : "");
	s->nvoids++;
	if (!v->ref || !v->note)
		return fc_fail(e, FC_IOERR, "out of memory");
	return 0;
}

/* Every row to the stock; production.csv's to it only, so that the
 * other figures are those of verify_read's rows. */
static int on_row(void *ctx, const struct row *en, struct fc_error *e)
{
	struct bilan_sheet *s = ctx;
	int rc;

	if ((rc = stock_row(s->stock, en, e)) || en->in_production)
		return rc;
	if ((rc = totals_add(&s->t, en, e)) ||
	    (rc = groups_add(&s->day, en, e)) ||
	    (rc = groups_add(&s->product, en, e)) ||
	    (rc = groups_add(&s->category, en, e)) ||
	    (rc = groups_add(&s->hours, en, e)))
		return rc;
	return en->kind == KIND_VOID ? keep_void(s, en, e) : 0;
}

static void init(struct bilan_sheet *s, const struct project *p, bool names)
{
	static const struct { enum kind kind; enum dim dim; } by[4] = {
		{ KIND_SALE, DIM_DAY }, { KIND_SALE, DIM_PRODUCT },
		{ KIND_CHARGE, DIM_CATEGORY }, { KIND_HOURS, DIM_PARTICIPANT }
	};
	struct groups *g[4];

	memset(s, 0, sizeof *s);
	g[0] = &s->day;
	g[1] = &s->product;
	g[2] = &s->category;
	g[3] = &s->hours;
	for (int i = 0; i < 4; i++) {
		g[i]->kind = by[i].kind;
		g[i]->dims = D(by[i].dim);
		g[i]->from = g[i]->to = DATE_NONE;
	}
	s->p = p;
	s->names = names;
	s->unit = html_unit(p->currency);
}

/* Whether it is closed, and when.  (A closed project whose seal does not
 * hold never gets here: verify_read refuses it.) */
static void read_state(struct bilan_sheet *s, int32_t today)
{
	s->closed = project_closed(s->p->dir);
	s->date = today;
	if (s->closed && seal_date(s->p->dir, &s->date) < 0)
		s->date = DATE_NONE;
}

/* The books' income statement: its own pass, the closing booked when
 * the project is closed. */
static int read_income(struct bilan_sheet *s, struct fc_error *e)
{
	struct books b = { 0 };
	int rc = books_add(&b, s->p, s->closed ? BOOKS_WITH_CLOSING : 0, e);

	if (!rc)
		rc = books_finish(&b, e);
	if (!rc)
		rc = income_compute(&b, 0, &s->income, e);
	books_free(&b);
	return rc;
}

int bilan_sheet_read(struct bilan_sheet *s, const struct project *p,
                     bool names, int32_t today, struct fc_error *e)
{
	struct store_lock lock;
	int rc;

	init(s, p, names);
	if (!(s->stock = stock_new(p)))
		return fc_fail(e, FC_IOERR, "out of memory");
	if ((rc = store_lock(p->dir, false, &lock, e))) {
		bilan_sheet_free(s);
		return rc;
	}
	rc = participants_load(p->dir, &s->ps, e);
	if (!rc)
		rc = verify_read_made(p->dir, &lock, on_row, s, e);
	if (!rc)
		read_state(s, today);
	store_unlock(&lock);
	if (!rc)
		rc = stock_end(s->stock, e);
	if (!rc)
		rc = closing_compute(p, &s->ps, &s->t, &s->c, e);
	if (!rc)
		rc = statement_build(p, &s->c, &s->st, e);
	if (!rc)
		rc = funders_count(p, &s->ps, &s->c, &s->funders, e);
	if (!rc)
		rc = read_income(s, e);
	if (rc)
		bilan_sheet_free(s);
	return rc;
}

void bilan_sheet_free(struct bilan_sheet *s)
{
	for (size_t i = 0; i < s->nvoids; i++) {
		free(s->voids[i].ref);
		free(s->voids[i].note);
	}
	free(s->voids);
	groups_free(&s->day);
	groups_free(&s->product);
	groups_free(&s->category);
	groups_free(&s->hours);
	funders_free(&s->funders);
	closing_free(&s->c);
	totals_free(&s->t);
	participants_free(&s->ps);
	stock_free(s->stock);
	memset(s, 0, sizeof *s);
}
