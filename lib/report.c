#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/numfmt.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/groups.h"
#include "flashcoop/totals.h"
#include "flashcoop/verify.h"
#include "flashcoop/text.h"

/* ---- reports as tables ---- */

static const char *const kinds[] = { "summary", "sales", "charges", "hours",
                                     "participants", "funders", "cash" };

int report_kind_parse(const char *s)
{
	for (int i = 0; i < (int)(sizeof kinds / sizeof *kinds); i++)
		if (strcmp(s, kinds[i]) == 0)
			return i;
	return -1;
}

int report_format_parse(const char *s)
{
	if (strcmp(s, "text") == 0)
		return FORMAT_TEXT;
	if (strcmp(s, "csv") == 0)
		return FORMAT_CSV;
	if (strcmp(s, "json") == 0)
		return FORMAT_JSON;
	return -1;
}

#define D(x) (1u << (x))

unsigned report_dims_allowed(enum report_kind k)
{
	switch (k) {
	case REPORT_SALES:
		return D(DIM_DAY) | D(DIM_PRODUCT) | D(DIM_CATEGORY) |
		       D(DIM_PAYMENT) | D(DIM_PARTICIPANT) | D(DIM_VAT);
	case REPORT_CHARGES:
		return D(DIM_DAY) | D(DIM_CATEGORY) | D(DIM_PAYMENT) | D(DIM_VAT);
	case REPORT_HOURS:
		return D(DIM_DAY) | D(DIM_PARTICIPANT);
	default:
		return 0;
	}
}

static unsigned default_dims(enum report_kind k)
{
	switch (k) {
	case REPORT_SALES: return D(DIM_DAY);
	case REPORT_CHARGES: return D(DIM_CATEGORY);
	case REPORT_HOURS: return D(DIM_PARTICIPANT);
	default: return 0;
	}
}

/* What the total row adds up: the numbers of every column, and for the
 * funders the indicators by name. */
struct funder_sum {
	char *indicator, *group;
	int64_t value;
	enum cell type;
};

struct acc {
	int64_t sum[24];
	bool overflow;
	struct funder_sum *f;
	size_t nf, capf;
};

static int column(struct report *r, const char *name, enum cell type)
{
	if (r->ncols == sizeof r->col / sizeof *r->col)
		return -1;
	r->col[r->ncols] = name;
	r->type[r->ncols++] = type;
	return 0;
}

int report_begin(struct report *r, const struct report_options *opt,
                 struct fc_error *e)
{
	static const char *const dim_cols[DIM_N] = {
		N_("day"), N_("product"), N_("category"), N_("payment"),
		N_("participant"), N_("vat_rate")
	};
	memset(r, 0, sizeof *r);
	r->opt = *opt;
	if (!r->opt.dims)
		r->opt.dims = default_dims(opt->kind);
	/* VAT is only right per rate: sales and charges rows always split
	 * by it. */
	if (opt->kind == REPORT_SALES || opt->kind == REPORT_CHARGES)
		r->opt.dims |= D(DIM_VAT);
	if (!(r->acc = calloc(1, sizeof(struct acc))))
		return fc_fail(e, FC_IOERR, "out of memory");
	column(r, N_("project"), CELL_TEXT);
	switch (opt->kind) {
	case REPORT_SUMMARY:
		column(r, N_("sales_incl_vat"), CELL_MONEY);
		column(r, N_("vat_collected"), CELL_MONEY);
		column(r, N_("turnover"), CELL_MONEY);
		column(r, N_("charges_incl_vat"), CELL_MONEY);
		column(r, N_("vat_deductible"), CELL_MONEY);
		column(r, N_("charges"), CELL_MONEY);
		column(r, N_("margin"), CELL_MONEY);
		column(r, N_("cae_contribution"), CELL_MONEY);
		column(r, N_("distributable"), CELL_MONEY);
		column(r, N_("participants"), CELL_COUNT);
		column(r, N_("hours"), CELL_HOURS);
		column(r, N_("status"), CELL_TEXT);
		break;
	case REPORT_SALES:
	case REPORT_CHARGES:
	case REPORT_HOURS:
		for (int i = 0; i < DIM_N; i++) {
			if (!(r->opt.dims & D(i)))
				continue;
			column(r, dim_cols[i], i == DIM_VAT ? CELL_RATE : CELL_TEXT);
			if (i == DIM_PARTICIPANT && opt->names)
				column(r, N_("name"), CELL_TEXT);
		}
		column(r, N_("rows"), CELL_COUNT);
		if (opt->kind == REPORT_HOURS) {
			column(r, N_("hours"), CELL_HOURS);
			break;
		}
		if (opt->kind == REPORT_SALES)
			column(r, N_("quantity"), CELL_COUNT);
		column(r, N_("amount_incl_vat"), CELL_MONEY);
		column(r, N_("before_vat"), CELL_MONEY);
		column(r, N_("vat"), CELL_MONEY);
		break;
	case REPORT_PARTICIPANTS:
		column(r, N_("participant"), CELL_TEXT);
		if (opt->names) {
			column(r, N_("name"), CELL_TEXT);
			column(r, N_("contract"), CELL_TEXT);
		}
		column(r, N_("enrolled"), CELL_TEXT);
		column(r, N_("withdrawn"), CELL_TEXT);
		column(r, N_("gender"), CELL_TEXT);
		column(r, N_("birth_year"), CELL_TEXT);
		column(r, N_("status_at_entry"), CELL_TEXT);
		column(r, N_("referrer"), CELL_TEXT);
		column(r, N_("hours"), CELL_HOURS);
		column(r, N_("sales_incl_vat"), CELL_MONEY);
		break;
	case REPORT_CASH:
		column(r, N_("day"), CELL_TEXT);
		column(r, N_("opening"), CELL_MONEY);
		column(r, N_("cash_sales"), CELL_MONEY);
		column(r, N_("cash_charges"), CELL_MONEY);
		column(r, N_("expected"), CELL_MONEY);
		column(r, N_("counted"), CELL_MONEY);
		column(r, N_("difference"), CELL_MONEY);
		column(r, N_("status"), CELL_TEXT);
		break;
	case REPORT_FUNDERS:
		column(r, N_("indicator"), CELL_TEXT);
		column(r, N_("group"), CELL_TEXT);
		column(r, N_("value"), CELL_NUMBER);
		break;
	}
	return 0;
}

/* Add a row: text for text columns, numbers (cents, hundredths, counts)
 * for the others; numbers are added to the total. */
static int add_row(struct report *r, const char *const *text,
                   const int64_t *num, struct fc_error *e)
{
	struct acc *a = r->acc;
	char **row;

	if (r->nrows == r->caprows) {
		size_t cap = r->caprows ? r->caprows * 2 : 64;
		char **c = realloc(r->cells, cap * r->ncols * sizeof *c);
		enum cell *t;
		if (!c)
			return fc_fail(e, FC_IOERR, "out of memory");
		r->cells = c;
		t = realloc(r->types, cap * r->ncols * sizeof *t);
		if (!t)
			return fc_fail(e, FC_IOERR, "out of memory");
		r->types = t;
		r->caprows = cap;
	}
	row = &r->cells[r->nrows * r->ncols];
	memcpy(&r->types[r->nrows * r->ncols], r->type,
	       r->ncols * sizeof *r->type);
	for (size_t i = 0; i < r->ncols; i++) {
		char buf[MONEY_BUFSZ];
		const char *v;
		switch (r->type[i]) {
		case CELL_MONEY:
		case CELL_HOURS:
			v = text[i] ? text[i] : money_format(num[i], buf);
			break;
		case CELL_COUNT:
			snprintf(buf, sizeof buf, "%lld", (long long)num[i]);
			v = buf;
			break;
		case CELL_RATE:
			v = text[i] ? text[i] : money_rate_format((int32_t)num[i], buf);
			break;
		default:
			v = text[i] ? text[i] : "";
		}
		if (r->type[i] != CELL_TEXT && r->type[i] != CELL_RATE &&
		    r->type[i] != CELL_NUMBER &&
		    money_add(a->sum[i], num[i], &a->sum[i]) < 0)
			a->overflow = true;
		if (!(row[i] = strdup(v))) {
			for (size_t j = 0; j < i; j++)
				free(row[j]);
			return fc_fail(e, FC_IOERR, "out of memory");
		}
	}
	r->nrows++;
	return 0;
}

/* ---- one project ---- */

struct loaded {
	struct participants ps;
	struct totals t;
	struct groups g;
};

struct pass {
	struct report *r;
	struct loaded *l;
	bool want_totals, want_groups;
};

static int on_row(void *ctx, const struct row *en, struct fc_error *e)
{
	struct pass *ps = ctx;
	const struct report_options *o = &ps->r->opt;
	int rc;

	if (ps->want_groups && (rc = groups_add(&ps->l->g, en, e)))
		return rc;
	if (!ps->want_totals ||
	    (o->from != DATE_NONE && en->date < o->from) ||
	    (o->to != DATE_NONE && en->date > o->to))
		return 0;
	return totals_add(&ps->l->t, en, e);
}

static int summary_rows(struct report *r, const struct project *p,
                        struct loaded *l, struct fc_error *e)
{
	struct closing c;
	const char *text[24] = { p->id };
	int64_t num[24] = { 0 };
	int rc = closing_compute(p, &l->ps, &l->t, &c, e);

	if (rc)
		return rc;
	num[1] = c.sales_incl;
	num[2] = c.vat_collected;
	num[3] = c.turnover;
	num[4] = c.charges_incl;
	num[5] = c.vat_deductible;
	num[6] = c.charges;
	num[7] = c.margin;
	num[8] = c.contribution;
	num[9] = c.distributable;
	num[10] = (int64_t)c.participants;
	num[11] = c.hours;
	text[12] = project_closed(p->dir) ? "closed" : "open";
	closing_free(&c);
	return add_row(r, text, num, e);
}

static const char *name_of(const struct participants *ps, const char *id)
{
	const struct participant *pt = participants_find(ps, id);
	return pt ? pt->name : "";
}

static int group_rows(struct report *r, const struct project *p,
                      struct loaded *l, struct fc_error *e)
{
	groups_sort(&l->g);
	for (size_t i = 0; i < l->g.n; i++) {
		const struct group *g = &l->g.v[i];
		const char *text[24] = { p->id };
		int64_t num[24] = { 0 };
		size_t c = 1;
		int rc;

		if (g->count == 0 && g->amount == 0 && g->hours == 0)
			continue; /* every row of it voided */

		for (int d = 0; d < DIM_N; d++) {
			if (!(r->opt.dims & D(d)))
				continue;
			if (d == DIM_VAT)
				num[c++] = g->vat;
			else
				text[c++] = g->value[d];
			if (d == DIM_PARTICIPANT && r->opt.names)
				text[c++] = name_of(&l->ps, g->value[d]);
		}
		num[c++] = g->count;
		if (r->opt.kind == REPORT_HOURS) {
			num[c++] = g->hours;
		} else {
			int64_t before = g->amount;
			if (r->opt.kind == REPORT_SALES)
				num[c++] = g->quantity;
			num[c++] = g->amount;
			if (p->vat && money_muldiv(g->amount, 10000, 10000 + g->vat,
			                           &before) < 0)
				return fc_fail(e, FC_DATAERR, "amounts too large");
			num[c++] = before;
			num[c++] = g->amount - before;
		}
		if ((rc = add_row(r, text, num, e)))
			return rc;
	}
	return 0;
}

static int participant_rows(struct report *r, const struct project *p,
                            struct loaded *l, struct fc_error *e)
{
	for (size_t i = 0; i < l->ps.n; i++) {
		const struct participant *pt = &l->ps.v[i];
		const char *text[24] = { p->id, pt->id };
		int64_t num[24] = { 0 };
		char en[DATE_BUFSZ], wd[DATE_BUFSZ] = "", year[16] = "";
		size_t c = 2;
		int rc;

		if (r->opt.names) {
			text[c++] = pt->name;
			text[c++] = pt->contract;
		}
		if (pt->withdrawn != DATE_NONE)
			date_format(pt->withdrawn, wd);
		if (pt->birth_year)
			snprintf(year, sizeof year, "%d", pt->birth_year);
		text[c++] = date_format(pt->enrolled, en);
		text[c++] = wd;
		text[c++] = pt->gender;
		text[c++] = year;
		text[c++] = pt->status;
		text[c++] = pt->referrer;
		for (size_t j = 0; j < l->t.npart; j++)
			if (strcmp(l->t.part[j].id, pt->id) == 0) {
				num[c] = l->t.part[j].hours;
				num[c + 1] = l->t.part[j].sales;
			}
		if ((rc = add_row(r, text, num, e)))
			return rc;
	}
	return 0;
}

/* The cash book: one row per day with cash or a count. */
static int cash_rows(struct report *r, const struct project *p,
                     struct loaded *l, struct fc_error *e)
{
	struct cash_line *c;
	size_t n, uncounted;
	int64_t diff;
	int rc = closing_cash(p, &l->t, &c, &n, &diff, &uncounted, e);

	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < n; i++) {
		char d[DATE_BUFSZ];
		const char *text[24] = { p->id, date_format(c[i].day, d) };
		int64_t num[24] = { 0, 0, c[i].opening, c[i].sales, c[i].charges,
		                    c[i].expected, c[i].counted, c[i].difference };
		if (!c[i].counted_ok) {
			text[6] = text[7] = "";
			text[8] = c[i].sales ? "uncounted" : "no count";
		} else {
			text[8] = c[i].difference > 0 ? "surplus" :
			          c[i].difference < 0 ? "shortage" : "exact";
		}
		rc = add_row(r, text, num, e);
	}
	free(c);
	return rc;
}

/* ---- funders ---- */

static int funder(struct report *r, const char *project, const char *ind,
                  const char *group, int64_t value, enum cell type,
                  struct fc_error *e)
{
	struct acc *a = r->acc;
	char buf[MONEY_BUFSZ];
	const char *text[4] = { project, ind, group, buf };
	int64_t num[4] = { 0 };
	size_t i;

	if (type == CELL_COUNT)
		snprintf(buf, sizeof buf, "%lld", (long long)value);
	else
		money_format(value, buf);
	/* Kept by indicator and group for the total row. */
	for (i = 0; i < a->nf; i++)
		if (strcmp(a->f[i].indicator, ind) == 0 &&
		    strcmp(a->f[i].group, group) == 0)
			break;
	if (i == a->nf) {
		if (a->nf == a->capf) {
			size_t cap = a->capf ? a->capf * 2 : 32;
			struct funder_sum *f = realloc(a->f, cap * sizeof *f);
			if (!f)
				return fc_fail(e, FC_IOERR, "out of memory");
			a->f = f;
			a->capf = cap;
		}
		a->f[i] = (struct funder_sum){ strdup(ind), strdup(group), 0, type };
		a->nf++;
		if (!a->f[i].indicator || !a->f[i].group)
			return fc_fail(e, FC_IOERR, "out of memory");
	}
	if (money_add(a->f[i].value, value, &a->f[i].value) < 0)
		a->overflow = true;
	if (add_row(r, text, num, e))
		return e->code;
	r->types[(r->nrows - 1) * r->ncols + 3] = type;
	return 0;
}

/* The funders' age bands at the project's start, in their order. */
static const char *const bands[] = { "under 18", "18-25", "26-35", "36-49",
                                     "50+", "unknown" };
#define NBANDS (sizeof bands / sizeof *bands)

static const char *age_band(int start_year, int birth_year)
{
	int age;
	if (!birth_year)
		return bands[NBANDS - 1];
	age = start_year - birth_year;
	return bands[age < 18 ? 0 : age <= 25 ? 1 : age <= 35 ? 2 :
	             age <= 49 ? 3 : 4];
}

/* Counts of participants by a field, in the order values first appear
 * (the age bands in their own order). */
static int count_by(struct report *r, const struct project *p,
                    const struct participants *ps, const char *ind,
                    const char *(*field)(const struct participant *, int),
                    struct fc_error *e)
{
	int y, m, d;
	date_to_ymd(p->start, &y, &m, &d);
	if (strcmp(ind, "age_band") == 0) {
		for (size_t b = 0; b < NBANDS; b++) {
			int64_t n = 0;
			int rc;
			for (size_t j = 0; j < ps->n; j++)
				n += strcmp(field(&ps->v[j], y), bands[b]) == 0;
			if (n && (rc = funder(r, p->id, ind, bands[b], n,
			                      CELL_COUNT, e)))
				return rc;
		}
		return 0;
	}
	for (size_t i = 0; i < ps->n; i++) {
		const char *v = field(&ps->v[i], y);
		bool seen = false;
		int64_t n = 0;
		int rc;
		for (size_t j = 0; j < ps->n; j++) {
			const char *w = field(&ps->v[j], y);
			if (strcmp(v, w) == 0) {
				seen |= j < i;
				n++;
			}
		}
		if (!seen && (rc = funder(r, p->id, ind, v, n, CELL_COUNT, e)))
			return rc;
	}
	return 0;
}

static const char *or_unknown(const char *s)
{
	return *s ? s : "unknown";
}

static const char *f_gender(const struct participant *p, int y)
{
	(void)y;
	return or_unknown(p->gender);
}

static const char *f_age(const struct participant *p, int y)
{
	return age_band(y, p->birth_year);
}

static const char *f_status(const struct participant *p, int y)
{
	(void)y;
	return or_unknown(p->status);
}

static const char *f_referrer(const struct participant *p, int y)
{
	(void)y;
	return or_unknown(p->referrer);
}

static int funder_rows(struct report *r, const struct project *p,
                       struct loaded *l, struct fc_error *e)
{
	int64_t withdrawn = 0, n = (int64_t)l->ps.n;
	struct closing c;
	int rc;

	for (size_t i = 0; i < l->ps.n; i++)
		withdrawn += l->ps.v[i].withdrawn != DATE_NONE;
	if ((rc = closing_compute(p, &l->ps, &l->t, &c, e)))
		return rc;
	if (!(rc = funder(r, p->id, "participants", "", n, CELL_COUNT, e)) &&
	    !(rc = funder(r, p->id, "completed", "", n - withdrawn, CELL_COUNT,
	                  e)) &&
	    !(rc = funder(r, p->id, "withdrawn", "", withdrawn, CELL_COUNT, e)) &&
	    !(rc = count_by(r, p, &l->ps, "gender", f_gender, e)) &&
	    !(rc = count_by(r, p, &l->ps, "age_band", f_age, e)) &&
	    !(rc = count_by(r, p, &l->ps, "status_at_entry", f_status, e)) &&
	    !(rc = count_by(r, p, &l->ps, "referrer", f_referrer, e)) &&
	    !(rc = funder(r, p->id, "hours", "", l->t.hours, CELL_HOURS, e)) &&
	    !(rc = funder(r, p->id, "hours_average", "",
	                  n ? (l->t.hours + n / 2) / n : 0, CELL_HOURS, e)))
		rc = funder(r, p->id, "turnover", "", c.turnover, CELL_MONEY, e);
	closing_free(&c);
	return rc;
}

int report_project(struct report *r, const struct project *p,
                   struct fc_error *e)
{
	struct loaded l;
	struct pass pass = { r, &l, true, false };
	struct store_lock lock;
	enum report_kind k = r->opt.kind;
	int rc;

	memset(&l, 0, sizeof l);
	l.g.from = r->opt.from;
	l.g.to = r->opt.to;
	l.g.dims = r->opt.dims;
	l.g.kind = k == REPORT_SALES ? KIND_SALE : k == REPORT_CHARGES ?
	           KIND_CHARGE : KIND_HOURS;
	pass.want_groups = k == REPORT_SALES || k == REPORT_CHARGES ||
	                   k == REPORT_HOURS;
	pass.want_totals = !pass.want_groups;
	if ((rc = store_lock(p->dir, false, &lock, e)))
		return rc;
	rc = participants_load(p->dir, &l.ps, e);
	if (!rc)
		rc = verify_read(p->dir, &lock, on_row, &pass, e);
	store_unlock(&lock);
	if (!rc) {
		switch (k) {
		case REPORT_SUMMARY: rc = summary_rows(r, p, &l, e); break;
		case REPORT_PARTICIPANTS: rc = participant_rows(r, p, &l, e); break;
		case REPORT_FUNDERS: rc = funder_rows(r, p, &l, e); break;
		case REPORT_CASH: rc = cash_rows(r, p, &l, e); break;
		default: rc = group_rows(r, p, &l, e);
		}
	}
	groups_free(&l.g);
	totals_free(&l.t);
	participants_free(&l.ps);
	return rc;
}

static size_t band_rank(const char *group)
{
	for (size_t b = 0; b < NBANDS; b++)
		if (strcmp(group, bands[b]) == 0)
			return b;
	return NBANDS;
}

static size_t indicator_rank(const char *ind)
{
	static const char *const order[] = {
		"participants", "completed", "withdrawn", "gender", "age_band",
		"status_at_entry", "referrer", "hours", "hours_average",
		"turnover"
	};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		if (strcmp(ind, order[i]) == 0)
			return i;
	return sizeof order / sizeof *order;
}

/* The next funders' sum to total, of the indicator of f[i], not done:
 * the first met, or for age bands the lowest band; nf when none. */
static size_t next_of(const struct acc *a, const bool *done, size_t i,
                      size_t from)
{
	size_t best = a->nf;
	bool by_band = strcmp(a->f[i].indicator, "age_band") == 0;

	for (size_t j = by_band ? i : from; j < a->nf; j++) {
		if (done[j] || strcmp(a->f[j].indicator, a->f[i].indicator))
			continue;
		if (!by_band)
			return j;
		if (best == a->nf ||
		    band_rank(a->f[j].group) < band_rank(a->f[best].group))
			best = j;
	}
	return best;
}

int report_end(struct report *r, struct fc_error *e)
{
	struct acc *a = r->acc;
	const char *text[24] = { "total" };
	int64_t num[24] = { 0 };
	int rc = 0;

	if (a->overflow)
		return fc_fail(e, FC_DATAERR, "the totals grow too large to be "
		               "counted in cents");
	if (r->opt.kind == REPORT_FUNDERS) {
		/* Totals of every indicator; the average is recomputed. */
		int64_t n = 0, hours = 0;
		for (size_t i = 0; i < a->nf; i++) {
			if (strcmp(a->f[i].indicator, "participants") == 0)
				n = a->f[i].value;
			if (strcmp(a->f[i].indicator, "hours") == 0)
				hours = a->f[i].value;
		}
		/* Indicator by indicator (a group seen first in a later
		 * project joins its own), values in the order first seen. */
		size_t nf = a->nf;
		bool *done = calloc(nf + 1, sizeof *done);
		if (!done)
			return fc_fail(e, FC_IOERR, "out of memory");
		/* indicators in their order, whatever the projects met */
		size_t first[16] = { 0 };
		size_t nind = 0;
		for (size_t rank = 0; rank <= 10; rank++)
			for (size_t i = 0; i < nf; i++)
				if (indicator_rank(a->f[i].indicator) == rank) {
					first[nind++] = i;
					break;
				}
		for (size_t fi = 0; !rc && fi < nind; fi++) {
			size_t i = first[fi];
			for (size_t jj = i; !rc && jj < nf; jj++) {
				/* age bands in their order, others as met */
				size_t j = next_of(a, done, i, jj);
				int64_t v;
				if (j == nf)
					break;
				v = a->f[j].value;
				done[j] = true;
				if (strcmp(a->f[j].indicator, "hours_average") == 0)
					v = n ? (hours + n / 2) / n : 0;
				rc = funder(r, "total", a->f[j].indicator,
				            a->f[j].group, v, a->f[j].type, e);
			}
		}
		free(done);
		r->has_total = !rc;
		return rc;
	}
	if (r->opt.kind == REPORT_PARTICIPANTS)
		return 0;
	for (size_t i = 1; i < r->ncols; i++) {
		num[i] = a->sum[i];
		if (r->type[i] == CELL_RATE)
			text[i] = ""; /* rates do not add up */
	}
	if (r->opt.kind == REPORT_CASH) /* nor do balances */
		text[2] = text[5] = text[6] = "";
	if ((rc = add_row(r, text, num, e)))
		return rc;
	r->has_total = true;
	return 0;
}

void report_free(struct report *r)
{
	struct acc *a = r->acc;
	for (size_t i = 0; i < r->nrows * r->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->types);
	if (a) {
		for (size_t i = 0; i < a->nf; i++) {
			free(a->f[i].indicator);
			free(a->f[i].group);
		}
		free(a->f);
		free(a);
	}
	memset(r, 0, sizeof *r);
}

/* ---- writers ---- */

static bool numeric(enum cell t)
{
	return t != CELL_TEXT;
}

static void text_line(FILE *out, struct buf *line)
{
	while (line->len && line->p[line->len - 1] == ' ')
		line->len--;
	fwrite(line->p ? line->p : "", 1, line->len, out);
	fputc('\n', out);
	line->len = 0;
}

/* A cell as people read it: headings translated, numbers grouped, amounts
 * in the locale's way (text format only: CSV and JSON never change). */
static const char *shown(const struct report *r, size_t i, size_t j,
                         char buf[NUMFMT_BUFSZ])
{
	const char *v;
	enum cell t;
	int64_t n;

	if (i == 0)
		return gettext(r->col[j]);
	v = r->cells[(i - 1) * r->ncols + j];
	t = r->types[(i - 1) * r->ncols + j];
	if (!*v || t == CELL_TEXT || t == CELL_RATE)
		return v;
	if (t == CELL_COUNT)
		return numfmt_text(strtoll(v, NULL, 10), 0, false, buf);
	if (money_parse(v[0] == '-' ? v + 1 : v, &n) < 0)
		return v;
	return numfmt_text(v[0] == '-' ? -n : n, 2, t == CELL_MONEY, buf);
}

static int write_text(FILE *out, const struct report *r)
{
	size_t w[24] = { 0 };
	struct buf line = { 0 };
	static const char spaces[] = "                                        ";
	char h[NUMFMT_BUFSZ];
	int bad = 0;

	for (size_t j = 0; j < r->ncols; j++)
		for (size_t i = 0; i <= r->nrows; i++) {
			size_t n = text_width(shown(r, i, j, h));
			if (n > w[j])
				w[j] = n;
		}
	for (size_t i = 0; i <= r->nrows; i++) {
		if (i > 1 && i == r->nrows && r->has_total &&
		    r->opt.kind != REPORT_FUNDERS) {
			for (size_t j = 0; j < r->ncols; j++) {
				for (size_t k = 0; k < w[j]; k++)
					bad |= buf_add(&line, "-", 1);
				bad |= buf_add(&line, "  ", 2);
			}
			text_line(out, &line);
		}
		for (size_t j = 0; j < r->ncols; j++) {
			const char *v = shown(r, i, j, h);
			size_t n = text_width(v), padding = w[j] - n;
			bool right_aligned = numeric(r->type[j]);
			/* Pad in chunks: widths are small, but not bounded. */
			while (right_aligned && padding) {
				size_t k = padding < 40 ? padding : 40;
				bad |= buf_add(&line, spaces, k);
				padding -= k;
			}
			bad |= buf_puts(&line, v);
			while (padding) {
				size_t k = padding < 40 ? padding : 40;
				bad |= buf_add(&line, spaces, k);
				padding -= k;
			}
			bad |= buf_add(&line, "  ", 2);
		}
		text_line(out, &line);
	}
	buf_free(&line);
	return bad ? -1 : 0;
}

/* A text cell a spreadsheet would take for a formula gets a leading
 * quote (the OWASP rule, text_cell); numbers stay numbers, negative ones
 * too. */
static int write_csv(FILE *out, const struct report *r)
{
	struct buf b = { 0 };
	const char *f[24];
	char q[24][TEXT_CELL_SIZE];
	int rc = table_format_row(&b, r->col, r->ncols);

	for (size_t i = 0; !rc && i < r->nrows; i++) {
		for (size_t j = 0; j < r->ncols; j++) {
			const char *v = r->cells[i * r->ncols + j];
			f[j] = r->type[j] == CELL_TEXT ?
			       text_cell(v, q[j], sizeof q[j]) : v;
		}
		rc = table_format_row(&b, f, r->ncols);
		if (!rc && b.len > 65536) {
			rc = fwrite(b.p, 1, b.len, out) == b.len ? 0 : -1;
			b.len = 0;
		}
	}
	if (!rc && b.len && fwrite(b.p, 1, b.len, out) != b.len)
		rc = -1;
	buf_free(&b);
	return rc;
}

static int write_json(FILE *out, const struct report *r)
{
	fputs("[", out);
	for (size_t i = 0; i < r->nrows; i++) {
		json_t *o = json_object();
		int rc = 0;
		if (!o)
			return -1;
		for (size_t j = 0; j < r->ncols && !rc; j++) {
			const char *v = r->cells[i * r->ncols + j];
			json_t *x;
			/* Counts are JSON integers; amounts stay exact as
			 * decimal strings ("12.50"), never floats. */
			if (r->types[i * r->ncols + j] == CELL_COUNT)
				x = json_integer(strtoll(v, NULL, 10));
			else
				x = json_string(v);
			rc = x ? json_object_set_new(o, r->col[j], x) : -1;
		}
		fputs(i ? ",\n " : "\n ", out);
		if (rc || json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER)) {
			json_decref(o);
			return -1;
		}
		json_decref(o);
	}
	fputs(r->nrows ? "\n]\n" : "]\n", out);
	return 0;
}

int report_write(FILE *out, const struct report *r, enum report_format f)
{
	int rc = f == FORMAT_CSV ? write_csv(out, r) :
	         f == FORMAT_JSON ? write_json(out, r) : write_text(out, r);
	return rc || ferror(out) ? -1 : 0;
}
