#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/date.h"
#include "flashcoop/groups.h"
#include "flashcoop/i18n.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/reports.h"
#include "flashcoop/row.h"
#include "flashcoop/seal.h"
#include "flashcoop/statement.h"
#include "flashcoop/store.h"
#include "flashcoop/totals.h"
#include "flashcoop/verify.h"
#include "flashcoop/write.h"

#define D(x) (1u << (x))

int report_format_parse(const char *s)
{
	static const char *const formats[] = { "text", "csv", "json",
	                                       "xlsx" };
	for (int i = 0; i < (int)(sizeof formats / sizeof *formats); i++)
		if (strcmp(s, formats[i]) == 0)
			return i;
	return -1;
}

/* The columns of --by, in the order of enum dim. */
static int by_columns(struct report *r)
{
	static const char *const names[DIM_N] = {
		N_("day"), N_("product"), N_("category"), N_("payment"),
		N_("participant"), N_("vat_rate"), N_("role"), N_("lot")
	};
	struct grid *g = &r->grid;
	int bad = 0;

	for (int d = 0; d < DIM_N; d++) {
		if (!(r->opt.dims & D(d)))
			continue;
		bad |= grid_column(g, names[d], d == DIM_VAT ? CELL_RATE :
		                   CELL_TEXT, 0);
		if (d == DIM_PARTICIPANT && r->opt.names)
			bad |= grid_column(g, N_("name"), CELL_TEXT, 0);
	}
	return bad;
}

static int columns(struct report *r)
{
	const struct report_column *c = r->opt.def->columns;
	int bad = grid_column(&r->grid, N_("project"), CELL_TEXT, 0);

	for (; c->name; c++) {
		if ((c->flags & REPORT_NAMES) && !r->opt.names)
			continue;
		if ((c->flags & REPORT_LOTS) && !(r->opt.dims & D(DIM_LOT)))
			continue;
		bad |= c->flags & REPORT_BY ? by_columns(r) :
		       grid_column(&r->grid, c->name, c->type,
		                   c->flags & GRID_NO_TOTAL);
	}
	return bad;
}

int report_begin(struct report *r, const struct report_options *opt,
                 struct fc_error *e)
{
	memset(r, 0, sizeof *r);
	r->opt = *opt;
	if (!r->opt.dims)
		r->opt.dims = opt->def->default_dims;
	r->opt.dims |= opt->def->forced_dims;
	if (columns(r)) {
		report_free(r);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	return 0;
}

int report_end_row(struct report *r, struct fc_error *e)
{
	return grid_end_row(&r->grid) < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

/* ---- one project ---- */

/* What the pass over a project adds up: the groups of dims, the totals
 * (without dims, or with totals too). */
struct pass {
	unsigned dims;
	bool totals;
	int32_t from, to;
	struct report_pass *out;
	int (*each)(void *scratch, const struct row *en, struct fc_error *e);
	void *scratch;
};

static int on_row(void *ctx, const struct row *en, struct fc_error *e)
{
	struct pass *ps = ctx;
	int rc;

	if (ps->each)
		return ps->each(ps->scratch, en, e);
	if (ps->dims && (rc = groups_add(&ps->out->g, en, e)))
		return rc;
	if (ps->dims && !ps->totals)
		return 0;
	if ((ps->from != DATE_NONE && en->date < ps->from) ||
	    (ps->to != DATE_NONE && en->date > ps->to))
		return 0;
	return totals_add(&ps->out->t, en, e);
}

static int read_pass(const struct project *p, struct pass *pass,
                     enum kind kind, struct fc_error *e)
{
	struct report_pass *out = pass->out;
	struct store_lock lock;
	int rc;

	memset(out, 0, sizeof *out);
	out->g.from = pass->from;
	out->g.to = pass->to;
	out->g.dims = pass->dims;
	out->g.kind = kind;
	if ((rc = store_lock(p->dir, false, &lock, e)))
		return rc;
	rc = participants_load(p->dir, &out->ps, e);
	if (!rc)
		rc = (pass->each ? verify_read_made : verify_read)(p->dir, &lock,
		                                                 on_row, pass, e);
	store_unlock(&lock);
	if (rc)
		report_pass_free(out);
	return rc;
}

int report_read(const struct project *p, enum kind kind, unsigned dims,
                struct report_pass *out, struct fc_error *e)
{
	/* out is filled by read_pass: it need not be set by the caller */
	/* cppcheck-suppress ctuuninitvar */
	struct pass pass = { dims, true, DATE_NONE, DATE_NONE, out, NULL, NULL };
	return read_pass(p, &pass, kind, e);
}

void report_pass_free(struct report_pass *rp)
{
	groups_free(&rp->g);
	totals_free(&rp->t);
	participants_free(&rp->ps);
}

int report_project(struct report *r, const struct project *p,
                   struct fc_error *e)
{
	const struct report_def *d = r->opt.def;
	struct report_pass out;
	struct pass pass = { r->opt.dims, d->totals, r->opt.from, r->opt.to,
	                     &out, d->each, NULL };
	struct report_input in = { p, &out.ps, &out.t, &out.g, NULL };
	int rc;

	if (d->scratch_new && !(in.scratch = pass.scratch = d->scratch_new(p)))
		return fc_fail(e, FC_IOERR, "out of memory");
	if ((rc = read_pass(p, &pass, d->rows, e))) {
		if (in.scratch)
			d->scratch_free(in.scratch);
		return rc;
	}
	if (!r->projects++)
		snprintf(r->currency, sizeof r->currency, "%s", p->currency);
	else if (strcmp(r->currency, p->currency) != 0)
		r->currency[0] = '\0';
	rc = r->opt.def->fill(r, &in, e);
	if (in.scratch)
		d->scratch_free(in.scratch);
	report_pass_free(&out);
	return rc;
}

/* ---- the total, the writers ---- */

int report_total_sums(struct report *r, struct fc_error *e)
{
	return grid_total_row(&r->grid, "total") < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

int report_end(struct report *r, struct fc_error *e)
{
	if (r->grid.overflow || r->overflow)
		return fc_fail(e, FC_DATAERR, "the totals grow too large to be "
		               "counted in cents");
	return r->opt.def->total ? r->opt.def->total(r, e) : 0;
}

int report_statement(struct report *r, const struct project *p,
                     const struct closing *c, struct fc_error *e)
{
	int32_t date = r->opt.to != DATE_NONE ? r->opt.to : date_today();
	bool bounded = r->opt.from != DATE_NONE || r->opt.to != DATE_NONE;
	bool closed = !bounded && project_closed(p->dir) &&
	              seal_date(p->dir, &date) == 0;
	FILE *f;
	int rc;

	free(r->text);
	r->text = NULL;
	if (!(f = open_memstream(&r->text, &r->text_len)))
		return fc_fail(e, FC_IOERR, "out of memory");
	rc = statement_write_text(f, p, c, date, !closed, r->opt.names, e);
	if (fclose(f) != 0 && !rc)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	return rc;
}

int report_write(FILE *out, const struct report *r, enum report_format f,
                 struct fc_error *e)
{
	if (f == FORMAT_TEXT && r->text)
		return fwrite(r->text, 1, r->text_len, out) != r->text_len ?
		       fc_fail(e, FC_IOERR, "cannot write the report") : 0;
	int rc = f == FORMAT_XLSX ? write_xlsx(out, r->opt.def->name, &r->grid,
	                                       r->currency, e) :
	         f == FORMAT_CSV ? write_csv(out, &r->grid) :
	         f == FORMAT_CSV_EXCEL_FR ? write_csv_excel_fr(out, &r->grid) :
	         f == FORMAT_JSON ? write_json(out, &r->grid) :
	         write_text(out, &r->grid);
	if (rc > 0)
		return rc;
	return rc || ferror(out) ? fc_fail(e, FC_IOERR, "cannot write the "
	                                   "report: out of memory") : 0;
}

void report_free(struct report *r)
{
	if (r->acc && r->opt.def->free_acc)
		r->opt.def->free_acc(r->acc);
	grid_free(&r->grid);
	free(r->text);
	memset(r, 0, sizeof *r);
}
