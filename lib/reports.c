#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/book_reports.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/days.h"
#include "flashcoop/funders.h"
#include "flashcoop/groups.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/payroll.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/reports.h"
#include "flashcoop/stock.h"
#include "flashcoop/totals.h"

#define D(x) (1u << (x))

/* ---- summary: the closing statement's figures ---- */

static const struct report_column summary_columns[] = {
	{ N_("sales_incl_vat"), CELL_MONEY, 0 },
	{ N_("vat_collected"), CELL_MONEY, 0 },
	{ N_("turnover"), CELL_MONEY, 0 },
	{ N_("charges_incl_vat"), CELL_MONEY, 0 },
	{ N_("vat_deductible"), CELL_MONEY, 0 },
	{ N_("charges"), CELL_MONEY, 0 },
	{ N_("margin"), CELL_MONEY, 0 },
	{ N_("cae_contribution"), CELL_MONEY, 0 },
	{ N_("distributable"), CELL_MONEY, 0 },
	{ N_("participants"), CELL_COUNT, 0 },
	{ N_("hours"), CELL_HOURS, 0 },
	{ N_("status"), CELL_TEXT, 0 },
	{ NULL, CELL_TEXT, 0 }
};

static int summary_rows(struct report *r, const struct report_input *in,
                        struct fc_error *e)
{
	struct grid *g = &r->grid;
	struct closing c;
	int rc = closing_compute(in->p, in->ps, in->t, &c, e);

	if (rc)
		return rc;
	grid_text(g, in->p->id);
	grid_number(g, c.sales_incl);
	grid_number(g, c.vat_collected);
	grid_number(g, c.turnover);
	grid_number(g, c.charges_incl);
	grid_number(g, c.vat_deductible);
	grid_number(g, c.charges);
	grid_number(g, c.margin);
	grid_number(g, c.contribution);
	grid_number(g, c.distributable);
	grid_number(g, (int64_t)c.participants);
	grid_number(g, c.hours);
	grid_text(g, project_closed(in->p->dir) ? "closed" : "open");
	if (r->opt.statement)
		rc = report_statement(r, in->p, &c, e);
	closing_free(&c);
	return rc ? rc : report_end_row(r, e);
}

/* ---- sales, charges, hours: rows added up by --by ---- */

static const struct report_column sales_columns[] = {
	{ "--by", CELL_TEXT, REPORT_BY },
	{ N_("rows"), CELL_COUNT, 0 },
	{ N_("quantity"), CELL_COUNT, 0 },
	{ N_("amount_incl_vat"), CELL_MONEY, 0 },
	{ N_("before_vat"), CELL_MONEY, 0 },
	{ N_("vat"), CELL_MONEY, 0 },
	{ NULL, CELL_TEXT, 0 }
};

static const struct report_column charges_columns[] = {
	{ "--by", CELL_TEXT, REPORT_BY },
	{ N_("rows"), CELL_COUNT, 0 },
	{ N_("amount_incl_vat"), CELL_MONEY, 0 },
	{ N_("before_vat"), CELL_MONEY, 0 },
	{ N_("vat"), CELL_MONEY, 0 },
	{ NULL, CELL_TEXT, 0 }
};

static const struct report_column hours_columns[] = {
	{ "--by", CELL_TEXT, REPORT_BY },
	{ N_("rows"), CELL_COUNT, 0 },
	{ N_("hours"), CELL_HOURS, 0 },
	{ NULL, CELL_TEXT, 0 }
};

/* The cells of a group's key, in the order of its columns (by_columns). */
static void key_cells(struct report *r, const struct report_input *in,
                      const struct group *gr)
{
	struct grid *g = &r->grid;

	for (int d = 0; d < DIM_N; d++) {
		if (!(r->opt.dims & D(d)))
			continue;
		if (d == DIM_VAT)
			grid_number(g, gr->vat);
		else
			grid_text(g, gr->value[d]);
		if (d == DIM_PARTICIPANT && r->opt.names) {
			const struct participant *pt =
				participants_find(in->ps, gr->value[d]);
			grid_text(g, pt ? pt->name : "");
		}
	}
}

/* The amounts of a group of sales or charges, its before-VAT amount
 * worked out over all the groups (spread_vat). */
static void amount_cells(struct report *r, const struct report_input *in,
                        const struct group *gr, int64_t before)
{
	grid_text(&r->grid, in->p->id);
	key_cells(r, in, gr);
	grid_number(&r->grid, gr->count);
	if (r->opt.def->rows == KIND_SALE)
		grid_number(&r->grid, gr->quantity);
	grid_number(&r->grid, gr->amount);
	grid_number(&r->grid, before);
	grid_number(&r->grid, gr->amount - before);
}

/* A group a report shows: not every row of it voided. */
static bool shown(const struct group *gr)
{
	return gr->count != 0 || gr->amount != 0 || gr->hours != 0;
}

/* The before-VAT amounts of the sales' groups shown, in their order, so
 * that per rate they add up to the statement (closing_spread_vat, SPEC
 * §4).  A report of a VAT project always groups by rate, so a group has
 * one. */
static int spread_vat(const struct report_input *in, int64_t **before,
                      struct fc_error *e)
{
	size_t n = 0, cap = in->g->n + 1;
	int64_t *incl = calloc(cap, sizeof *incl);
	int32_t *rate = calloc(cap, sizeof *rate);
	int rc = 0;

	*before = calloc(cap, sizeof **before);
	if (!incl || !rate || !*before)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	for (size_t i = 0; !rc && i < in->g->n; i++)
		if (shown(&in->g->v[i])) {
			incl[n] = in->g->v[i].amount;
			rate[n++] = in->g->v[i].vat;
		}
	if (!rc)
		rc = closing_spread_vat(in->p->vat, incl, rate, n, *before, e);
	free(incl);
	free(rate);
	return rc;
}

static int group_rows(struct report *r, const struct report_input *in,
                      struct fc_error *e)
{
	int64_t *before = NULL;
	int rc = 0;

	groups_sort(in->g);
	if (r->opt.def->rows == KIND_SALE)
		rc = spread_vat(in, &before, e);
	for (size_t i = 0, k = 0; !rc && i < in->g->n; i++) {
		const struct group *gr = &in->g->v[i];

		if (!shown(gr))
			continue;
		if (r->opt.def->rows == KIND_CHARGE) {
			/* each receipt's VAT (SPEC §4) */
			amount_cells(r, in, gr, gr->amount -
			             (in->p->vat ? gr->vat_sum : 0));
		} else if (before) {
			amount_cells(r, in, gr, before[k++]);
		} else {
			grid_text(&r->grid, in->p->id);
			key_cells(r, in, gr);
			grid_number(&r->grid, gr->count);
			grid_number(&r->grid, gr->hours);
		}
		rc = report_end_row(r, e);
	}
	free(before);
	return rc;
}

/* ---- participants ---- */

static const struct report_column participant_columns[] = {
	{ N_("participant"), CELL_TEXT, 0 },
	{ N_("name"), CELL_TEXT, REPORT_NAMES },
	{ N_("contract"), CELL_TEXT, REPORT_NAMES },
	{ N_("enrolled"), CELL_TEXT, 0 },
	{ N_("withdrawn"), CELL_TEXT, 0 },
	{ N_("gender"), CELL_TEXT, 0 },
	{ N_("birth_year"), CELL_TEXT, 0 },
	{ N_("status_at_entry"), CELL_TEXT, 0 },
	{ N_("referrer"), CELL_TEXT, 0 },
	{ N_("hours"), CELL_HOURS, 0 },
	{ N_("sales_incl_vat"), CELL_MONEY, 0 },
	{ N_("contract_type"), CELL_TEXT, 0 },
	{ N_("education"), CELL_TEXT, 0 },
	{ N_("qpv"), CELL_TEXT, 0 },
	{ N_("disability"), CELL_TEXT, 0 },
	{ N_("exit_status"), CELL_TEXT, 0 },
	{ N_("exit_date"), CELL_TEXT, 0 },
	{ N_("status_6_months"), CELL_TEXT, 0 },
	{ NULL, CELL_TEXT, 0 }
};

/* A participant's hours and sales (the totals'), none when absent. */
static void part_cells(struct grid *g, const struct totals *t,
                       const char *id)
{
	int64_t hours = 0, sales = 0;

	for (size_t j = 0; j < t->npart; j++)
		if (strcmp(t->part[j].id, id) == 0) {
			hours = t->part[j].hours;
			sales = t->part[j].sales;
		}
	grid_number(g, hours);
	grid_number(g, sales);
}

static int participant_rows(struct report *r, const struct report_input *in,
                            struct fc_error *e)
{
	struct grid *g = &r->grid;

	for (size_t i = 0; i < in->ps->n; i++) {
		const struct participant *pt = &in->ps->v[i];
		char en[DATE_BUFSZ], wd[DATE_BUFSZ] = "", year[16] = "";
		int rc;

		if (pt->withdrawn != DATE_NONE)
			date_format(pt->withdrawn, wd);
		if (pt->birth_year)
			snprintf(year, sizeof year, "%d", pt->birth_year);
		grid_text(g, in->p->id);
		grid_text(g, pt->id);
		if (r->opt.names) {
			grid_text(g, pt->name);
			grid_text(g, pt->contract);
		}
		grid_text(g, date_format(pt->enrolled, en));
		grid_text(g, wd);
		grid_text(g, pt->gender);
		grid_text(g, year);
		grid_text(g, pt->status);
		grid_text(g, pt->referrer);
		part_cells(g, in->t, pt->id);
		for (int c = PC_CONTRACT_TYPE; c < PARTICIPANT_NCOLS; c++) {
			char buf[DATE_BUFSZ];
			const char *v = participant_field(pt, c, buf);
			grid_text(g, c == PC_CONTRACT_TYPE && !*v ?
			          PARTICIPANT_DEFAULT_CONTRACT : v);
		}
		if ((rc = report_end_row(r, e)))
			return rc;
	}
	return 0;
}

/* ---- cash: the cash book, one row per day with cash or a count ---- */

static const struct report_column cash_columns[] = {
	{ N_("day"), CELL_TEXT, 0 },
	{ N_("opening"), CELL_MONEY, GRID_NO_TOTAL },
	{ N_("cash_sales"), CELL_MONEY, 0 },
	{ N_("cash_charges"), CELL_MONEY, 0 },
	{ N_("deposits"), CELL_MONEY, 0 },
	{ N_("expected"), CELL_MONEY, GRID_NO_TOTAL },
	{ N_("counted"), CELL_MONEY, GRID_NO_TOTAL },
	{ N_("difference"), CELL_MONEY, 0 },
	{ N_("status"), CELL_TEXT, 0 },
	{ NULL, CELL_TEXT, 0 }
};

static int cash_row(struct report *r, const struct project *p,
                    const struct cash_line *c, struct fc_error *e)
{
	struct grid *g = &r->grid;
	char d[DATE_BUFSZ];

	grid_text(g, p->id);
	grid_text(g, date_format(c->day, d));
	grid_number(g, c->opening);
	grid_number(g, c->sales);
	grid_number(g, c->charges);
	grid_number(g, c->deposits);
	grid_number(g, c->expected);
	if (!c->counted_ok) {
		grid_empty(g);
		grid_empty(g);
		grid_text(g, c->sales ? "uncounted" : "no count");
	} else {
		grid_number(g, c->counted);
		grid_number(g, c->difference);
		grid_text(g, c->difference > 0 ? "surplus" :
		          c->difference < 0 ? "shortage" : "exact");
	}
	return report_end_row(r, e);
}

static int cash_rows(struct report *r, const struct report_input *in,
                     struct fc_error *e)
{
	struct cash_line *c;
	size_t n, uncounted;
	int64_t diff;
	int rc = closing_cash(in->p, in->t, &c, &n, &diff, &uncounted, e);

	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < n; i++)
		rc = cash_row(r, in->p, &c[i], e);
	free(c);
	return rc;
}

/* ---- z: the daily closings of every terminal ---- */

static const struct report_column z_columns[] = {
	{ N_("id"), CELL_TEXT, 0 },
	{ N_("day"), CELL_TEXT, 0 },
	{ N_("terminal"), CELL_TEXT, 0 },
	{ N_("sales_incl_vat"), CELL_MONEY, 0 },
	{ N_("vat_by_rate"), CELL_TEXT, 0 },
	{ N_("sales_by_payment"), CELL_TEXT, 0 },
	{ N_("cash_counted"), CELL_MONEY, GRID_NO_TOTAL },
	{ N_("period_total"), CELL_MONEY, GRID_NO_TOTAL },
	{ N_("perpetual_total"), CELL_MONEY, GRID_NO_TOTAL },
	{ N_("recorded_at"), CELL_TEXT, 0 },
	{ NULL, CELL_TEXT, 0 }
};

static int z_rows(struct report *r, const struct report_input *in,
                  struct fc_error *e)
{
	struct grid *g = &r->grid;
	struct days d = { 0 };
	char day[DATE_BUFSZ];
	int rc = days_load(in->p->dir, &d, e);

	for (size_t i = 0; !rc && i < d.n; i++) {
		const struct day_close *z = &d.v[i];
		grid_text(g, in->p->id);
		grid_text(g, z->id);
		grid_text(g, date_format(z->date, day));
		grid_text(g, z->terminal);
		grid_number(g, z->fig.sales);
		grid_text(g, z->rates);
		grid_text(g, z->pays);
		if (z->fig.counted)
			grid_number(g, z->fig.cash);
		else
			grid_empty(g);
		grid_number(g, z->fig.period_total);
		grid_number(g, z->fig.perpetual_total);
		grid_text(g, z->recorded_at);
		rc = report_end_row(r, e);
	}
	days_free(&d);
	return rc;
}

/* ---- funders: the funders' figures, never a name ---- */

static const struct report_column funder_columns[] = {
	{ N_("indicator"), CELL_TEXT, 0 },
	{ N_("group"), CELL_TEXT, 0 },
	{ N_("value"), CELL_NUMBER, 0 },
	{ NULL, CELL_TEXT, 0 }
};

static int funder_row(struct report *r, const char *project,
                      const struct funders *f, enum funders_indicator i,
                      const char *group, int64_t value, struct fc_error *e)
{
	static const enum cell types[] = {
		[FUNDERS_PEOPLE] = CELL_COUNT,
		[FUNDERS_HUNDREDTHS] = CELL_HOURS,
		[FUNDERS_CENTS] = CELL_MONEY,
		[FUNDERS_PERCENT] = CELL_RATE
	};
	struct grid *g = &r->grid;

	grid_text(g, project);
	grid_text(g, funders_name(i));
	grid_text(g, group);
	if (funders_small(f, i, value))
		grid_text(g, FUNDERS_SMALL);
	else
		grid_typed(g, types[funders_unit(i)], value);
	return report_end_row(r, e);
}

/* The rows of f: indicator by indicator, a breakdown's group by group. */
static int funder_rows_of(struct report *r, const char *project,
                          const struct funders *f, struct fc_error *e)
{
	int rc = 0;

	for (int i = 0; !rc && i < FUNDERS_N; i++) {
		const struct funders_breakdown *b = &f->by[i];
		if (!funders_is_breakdown(i))
			rc = funder_row(r, project, f, i, "", f->value[i], e);
		for (size_t j = 0; !rc && j < b->n; j++)
			rc = funder_row(r, project, f, i, b->v[j].name,
			                b->v[j].count, e);
	}
	return rc;
}

static void free_funders(void *acc)
{
	funders_free(acc);
	free(acc);
}

/* A project's rows, and its figures added to the total's (r->acc). */
static int funder_rows(struct report *r, const struct report_input *in,
                       struct fc_error *e)
{
	struct funders f;
	struct closing c;
	int rc;

	if (!r->acc && !(r->acc = calloc(1, sizeof(struct funders))))
		return fc_fail(e, FC_IOERR, "out of memory");
	if ((rc = closing_compute(in->p, in->ps, in->t, &c, e)))
		return rc;
	rc = funders_count(in->p, in->ps, &c, &f, e);
	closing_free(&c);
	if (rc)
		return rc;
	if (!(rc = funder_rows_of(r, in->p->id, &f, e)))
		rc = funders_add(r->acc, &f, e);
	r->overflow |= ((struct funders *)r->acc)->overflow;
	funders_free(&f);
	return rc;
}

/* Every indicator of the projects, added up; the average worked out
 * again. */
static int funder_total(struct report *r, struct fc_error *e)
{
	grid_totals_begin(&r->grid);
	return r->acc ? funder_rows_of(r, "total", r->acc, e) : 0;
}

/* ---- the table ---- */

const struct report_def reports[] = {
	{
		.name = "summary",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.columns = summary_columns,
		.fill = summary_rows,
		.total = report_total_sums,
		.statement = true,
	},
	{
		.name = "sales",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.dims = D(DIM_DAY) | D(DIM_PRODUCT) | D(DIM_CATEGORY) |
		        D(DIM_PAYMENT) | D(DIM_PARTICIPANT) | D(DIM_VAT),
		.default_dims = D(DIM_DAY),
		.forced_dims = D(DIM_VAT),
		.rows = KIND_SALE,
		.columns = sales_columns,
		.fill = group_rows,
		.total = report_total_sums,
	},
	{
		.name = "charges",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.dims = D(DIM_DAY) | D(DIM_CATEGORY) | D(DIM_PAYMENT) |
		        D(DIM_VAT),
		.default_dims = D(DIM_CATEGORY),
		.forced_dims = D(DIM_VAT),
		.rows = KIND_CHARGE,
		.columns = charges_columns,
		.fill = group_rows,
		.total = report_total_sums,
	},
	{
		.name = "hours",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.dims = D(DIM_DAY) | D(DIM_PARTICIPANT) | D(DIM_ROLE),
		.default_dims = D(DIM_PARTICIPANT),
		.rows = KIND_HOURS,
		.columns = hours_columns,
		.fill = group_rows,
		.total = report_total_sums,
	},
	{
		.name = "participants",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.columns = participant_columns,
		.fill = participant_rows,
	},
	{
		.name = "funders",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.columns = funder_columns,
		.fill = funder_rows,
		.total = funder_total,
		.free_acc = free_funders,
	},
	{
		.name = "payroll",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.forced_dims = D(DIM_PARTICIPANT) | D(DIM_DAY),
		.rows = KIND_HOURS,
		.columns = payroll_columns,
		.fill = payroll_rows,
		.total = report_total_sums,
		.totals = true,
		.whole = true,
		.names = true,
	},
	{
		.name = "cash",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.columns = cash_columns,
		.fill = cash_rows,
		.total = report_total_sums,
	},
	{
		.name = "z",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.columns = z_columns,
		.fill = z_rows,
		.total = report_total_sums,
	},
	{
		.name = "balance",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.columns = balance_columns,
		.fill = balance_rows,
		.total = balance_total,
		.free_acc = balance_free,
		.books = true,
	},
	{
		.name = "general-ledger",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.columns = ledger_columns,
		.fill = ledger_rows,
		.total = report_total_sums,
		.books = true,
	},
	{
		.name = "income",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.columns = income_columns,
		.fill = income_rows,
		.total = income_total,
		.free_acc = free,
		.books = true,
	},
	{
		.name = "stock",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.dims = D(DIM_PRODUCT) | D(DIM_LOT),
		.default_dims = D(DIM_PRODUCT),
		.columns = stock_columns,
		.fill = stock_fill,
		.total = report_total_sums,
		.scratch_new = stock_scratch_new,
		.each = stock_each,
		.scratch_free = stock_scratch_free,
	},
	{
		.name = "trace",
		.shape = REPORT_TABLE,
		.formats = "text csv json xlsx",
		.columns = trace_columns,
		.fill = trace_fill,
		.scratch_new = stock_scratch_new,
		.each = stock_each,
		.scratch_free = stock_scratch_free,
		.traced = true,
	},
	{
		.name = "entries",
		.shape = REPORT_JOURNAL,
		.formats = "fec ledger hledger csv xlsx",
	},
	{
		.name = "bilan",
		.shape = REPORT_BILAN,
		.formats = "html",
	},
	{
		.name = "attestation",
		.shape = REPORT_ATTESTATION,
		.formats = "html text",
		.names = true,
	},
	{
		.name = "labels",
		.shape = REPORT_LABELS,
		.formats = "html",
	},
	{
		.name = "workbook",
		.shape = REPORT_WORKBOOK,
		.formats = "xlsx",
		.names = true,
	},
};

const size_t nreports = sizeof reports / sizeof *reports;

const struct report_def *reports_find(const char *name)
{
	for (size_t i = 0; i < nreports; i++)
		if (strcmp(name, reports[i].name) == 0)
			return &reports[i];
	return NULL;
}

bool reports_takes_format(const struct report_def *d, const char *format)
{
	size_t n = strlen(format);
	const char *s = d->formats;

	while (n && (s = strstr(s, format))) {
		if ((s == d->formats || s[-1] == ' ') &&
		    (s[n] == ' ' || s[n] == '\0'))
			return true;
		s += n;
	}
	return false;
}
