#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashcoop/buf.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/period.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"
#include "flashcoop/totals.h"
#include "flashcoop/verify.h"

static int overflow(struct fc_error *e)
{
	return fc_fail(e, FC_DATAERR, "the closing figures grow too large to "
	               "be counted in cents");
}

/* Before-VAT and VAT of each rate, and their sums. */
static int vat_lines(const struct totals *t, bool sales, bool vat,
                     struct vat_line **out, size_t *n, int64_t *incl,
                     int64_t *before, int64_t *tax, struct fc_error *e)
{
	struct vat_line *l = calloc(t->nvat + 1, sizeof *l);
	size_t k = 0;

	if (!l)
		return fc_fail(e, FC_IOERR, "out of memory");
	*incl = *before = *tax = 0;
	for (size_t i = 0; i < t->nvat; i++) {
		int64_t T = sales ? t->vat[i].sales : t->vat[i].charges;
		struct vat_line *v = &l[k];
		if (T == 0)
			continue;
		v->rate = t->vat[i].rate;
		v->incl = T;
		if (!vat)
			v->before = T;
		else if (!sales) /* the receipts' VAT (SPEC §4) */
			v->before = T - t->vat[i].charges_vat;
		else if (money_without_rate(T, v->rate, &v->before) < 0)
			return free(l), overflow(e);
		v->vat = T - v->before;
		if (money_add(*incl, v->incl, incl) < 0 ||
		    money_add(*before, v->before, before) < 0 ||
		    money_add(*tax, v->vat, tax) < 0)
			return free(l), overflow(e);
		k++;
	}
	*out = l;
	*n = k;
	return 0;
}

static int64_t hours_of(const struct totals *t, const char *id)
{
	for (size_t i = 0; i < t->npart; i++)
		if (strcmp(t->part[i].id, id) == 0)
			return t->part[i].hours;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct pay_line *x = a, *y = b;
	long i = participant_number(x->who->id),
	     j = participant_number(y->who->id);
	return (i > j) - (i < j);
}

/* The gross pay an hour, and whether it is under the minimum: gross x
 * 100 < minimum x hours (hundredths of an hour), exactly.  A pay too
 * large for the products to hold is no pay under the minimum: its figure
 * an hour is left out (0). */
static void per_hour(const struct project *p, struct pay_line *l)
{
	int64_t a, b;

	l->per_hour = 0;
	l->below_min = false;
	if (l->hours <= 0 ||
	    money_muldiv(l->gross, 100, l->hours, &l->per_hour) < 0) {
		l->per_hour = 0;
		return;
	}
	if (money_mul(l->gross, 100, &a) < 0 ||
	    money_mul(p->min_hourly_gross, l->hours, &b) < 0)
		return;
	l->below_min = p->min_hourly_gross > 0 && a < b;
}

/* Gross pay, contributions and net from each share. */
static int pay(const struct project *p, struct pay_line *l,
               struct fc_error *e)
{
	if (money_without_rate(l->share, p->employer_rate, &l->gross) < 0 ||
	    money_percent(l->gross, p->employee_rate, &l->employee) < 0)
		return overflow(e);
	l->employer = l->share - l->gross;
	l->net = l->gross - l->employee;
	per_hour(p, l);
	return 0;
}

static int shares(const struct project *p, const struct totals *t,
                  struct closing *c, struct fc_error *e)
{
	int64_t *w = calloc(c->npay + 1, sizeof *w);
	int64_t *parts = calloc(c->npay + 1, sizeof *parts);
	int64_t sum = 0;
	int rc = 0;

	if (!w || !parts) {
		free(w);
		free(parts);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	for (size_t i = 0; i < c->npay; i++) {
		c->pay[i].hours = hours_of(t, c->pay[i].who->id);
		/* Only those who worked share: by their hours, or equally. */
		w[i] = c->pay[i].hours > 0 ?
		       (p->share == SHARE_HOURS ? c->pay[i].hours : 1) : 0;
		if (money_add(sum, w[i], &sum) < 0)
			rc = overflow(e);
	}
	if (!rc && c->distributable > 0 && sum == 0)
		c->no_hours = true;
	else if (!rc && c->distributable > 0 &&
	         money_allocate(c->distributable, w, c->npay, parts) < 0)
		rc = overflow(e);
	for (size_t i = 0; !rc && i < c->npay; i++) {
		c->pay[i].share = c->distributable > 0 && !c->no_hours ?
		                  parts[i] : 0;
		rc = pay(p, &c->pay[i], e);
		c->below_min += !rc && c->pay[i].below_min;
	}
	free(w);
	free(parts);
	return rc;
}

int closing_cash(const struct project *p, const struct totals *t,
                 struct cash_line **lines, size_t *n, int64_t *difference,
                 size_t *uncounted, struct fc_error *e)
{
	struct cash_line *l = calloc(t->ncash + 1, sizeof *l);
	int64_t opening = p->cash_float;

	*difference = 0;
	*uncounted = 0;
	if (!l)
		return fc_fail(e, FC_IOERR, "out of memory");
	for (size_t i = 0; i < t->ncash; i++) {
		const struct day_cash *d = &t->cash[i];
		struct cash_line *c = &l[i];
		c->day = d->day;
		c->opening = opening;
		c->sales = d->sales;
		c->charges = d->charges;
		c->deposits = d->deposits;
		c->counted_ok = d->has_count;
		c->counted = d->counted;
		if (money_add(opening, d->sales, &c->expected) < 0 ||
		    money_sub(c->expected, d->charges, &c->expected) < 0 ||
		    money_sub(c->expected, d->deposits, &c->expected) < 0)
			return free(l), overflow(e);
		if (d->has_count) {
			if (money_sub(d->counted, c->expected, &c->difference) < 0 ||
			    money_add(*difference, c->difference, difference) < 0)
				return free(l), overflow(e);
		} else if (d->sales != 0) {
			(*uncounted)++;
		}
		/* The next day opens with what was counted, else with what
		 * should be there. */
		opening = d->has_count ? d->counted : c->expected;
	}
	*lines = l;
	*n = t->ncash;
	return 0;
}

int closing_compute(const struct project *p, const struct participants *ps,
                    const struct totals *t, struct closing *c,
                    struct fc_error *e)
{
	int rc;

	memset(c, 0, sizeof *c);
	if ((rc = vat_lines(t, true, p->vat, &c->sales_vat, &c->nsales_vat,
	                    &c->sales_incl, &c->turnover, &c->vat_collected,
	                    e)) ||
	    (rc = vat_lines(t, false, p->vat, &c->charges_vat, &c->ncharges_vat,
	                    &c->charges_incl, &c->charges, &c->vat_deductible,
	                    e))) {
		closing_free(c);
		return rc;
	}
	/* The cash difference is part of the result (SPEC §4): the books
	 * take it to 658/758. */
	if ((rc = closing_cash(p, t, &c->cash, &c->ncash, &c->cash_difference,
	                       &c->uncounted, e)))
		return closing_free(c), rc;
	if (money_sub(c->turnover, c->charges, &c->margin) < 0 ||
	    money_add(c->margin, c->cash_difference, &c->margin) < 0) {
		closing_free(c);
		return overflow(e);
	}
	c->cae_base = p->cae_base == CAE_BASE_TURNOVER ? c->turnover : c->margin;
	if (c->cae_base < 0)
		c->cae_base = 0;
	if (money_percent(c->cae_base, p->cae_rate, &c->contribution) < 0 ||
	    money_sub(c->margin, c->contribution, &c->distributable) < 0) {
		closing_free(c);
		return overflow(e);
	}
	c->hours = t->hours;
	c->participants = ps->n;
	c->npay = ps->n;
	c->pay = calloc(ps->n + 1, sizeof *c->pay);
	if (!c->pay) {
		closing_free(c);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	for (size_t i = 0; i < ps->n; i++)
		c->pay[i].who = &ps->v[i];
	qsort(c->pay, c->npay, sizeof *c->pay, by_id);
	if ((rc = shares(p, t, c, e)))
		closing_free(c);
	return rc;
}

void closing_free(struct closing *c)
{
	free(c->sales_vat);
	free(c->charges_vat);
	free(c->pay);
	free(c->cash);
	memset(c, 0, sizeof *c);
}

/* ---- the VAT of parts of a rate's total ---- */

int closing_spread_vat(bool vat, const int64_t *incl, const int32_t *rate,
                       size_t n, int64_t *before, struct fc_error *e)
{
	/* Each part on its own, then per rate the difference with the rate's
	 * total (SPEC §4) carried by the rate's last part.  Rates are few:
	 * the last part of a rate is found by looking ahead. */
	for (size_t i = 0; i < n; i++) {
		before[i] = incl[i];
		if (vat && money_without_rate(incl[i], rate[i], &before[i]) < 0)
			return overflow(e);
	}
	for (size_t i = 0; vat && i < n; i++) {
		int64_t sum_incl = 0, sum_before = 0, want;
		size_t last = i;
		bool first = true;
		for (size_t j = 0; j < i && first; j++)
			first = rate[j] != rate[i];
		if (!first)
			continue;
		for (size_t j = i; j < n; j++) {
			if (rate[j] != rate[i])
				continue;
			if (money_add(sum_incl, incl[j], &sum_incl) < 0 ||
			    money_add(sum_before, before[j], &sum_before) < 0)
				return overflow(e);
			last = j;
		}
		if (money_without_rate(sum_incl, rate[i], &want) < 0 ||
		    money_add(before[last], want - sum_before, &before[last]) < 0)
			return overflow(e);
	}
	return 0;
}

/* ---- closing a project: the files, the seal ---- */

/* closing.csv goes to the payroll's spreadsheet: the name and the
 * contract, typed by a person, are cells no spreadsheet takes for a
 * formula (text_cell); the id is ours, the figures are numbers. */
int closing_csv_text(struct buf *b, const struct closing *c)
{
	if (buf_puts(b, CLOSING_HEADER "\n") < 0)
		return -1;
	for (size_t i = 0; i < c->npay; i++) {
		const struct pay_line *l = &c->pay[i];
		char h[MONEY_BUFSZ], s[MONEY_BUFSZ], er[MONEY_BUFSZ],
		     g[MONEY_BUFSZ], ee[MONEY_BUFSZ], n[MONEY_BUFSZ],
		     name[TEXT_CELL_SIZE], contract[TEXT_CELL_SIZE];
		const char *f[] = {
			l->who->id, text_cell(l->who->name, name, sizeof name),
			text_cell(l->who->contract, contract, sizeof contract),
			money_format(l->hours, h), money_format(l->share, s),
			money_format(l->employer, er), money_format(l->gross, g),
			money_format(l->employee, ee), money_format(l->net, n)
		};
		if (table_format_row(b, f, sizeof f / sizeof *f) < 0)
			return -1;
	}
	return 0;
}

static int put_money(struct buf *b, const char *key, int64_t v)
{
	char m[MONEY_BUFSZ];
	return seal_put(b, key, money_format(v, m));
}

/* closing.ini: the totals; its [seal] follows. */
static int closing_ini(struct buf *b, const struct project *p,
                       const struct closing *c, int32_t date)
{
	char d[DATE_BUFSZ], r[MONEY_BUFSZ], n[32];
	int bad = 0;

	snprintf(n, sizeof n, "%zu", c->participants);
	bad |= buf_puts(b, "; closing.ini: written by flashcoop-close.  Do not "
	                "edit: flashcoop-check\n; compares every file with its "
	                "SHA-256 below.  See flashcoop-close(1).\n\n[closing]\n");
	bad |= seal_put(b, "project", p->id);
	bad |= seal_put(b, "date", date_format(date, d));
	bad |= put_money(b, "sales_incl_vat", c->sales_incl);
	bad |= put_money(b, "vat_collected", c->vat_collected);
	bad |= put_money(b, "turnover", c->turnover);
	bad |= put_money(b, "charges_incl_vat", c->charges_incl);
	bad |= put_money(b, "vat_deductible", c->vat_deductible);
	bad |= put_money(b, "charges", c->charges);
	bad |= put_money(b, "margin", c->margin);
	bad |= seal_put(b, "cae_base", p->cae_base == CAE_BASE_TURNOVER ?
	           "turnover" : "margin");
	bad |= seal_put(b, "cae_rate", money_rate_format(p->cae_rate, r));
	bad |= put_money(b, "cae_contribution", c->contribution);
	bad |= put_money(b, "distributable", c->distributable);
	bad |= seal_put(b, "participants", n);
	bad |= put_money(b, "hours", c->hours);
	return bad ? -1 : 0;
}

/* Write closing.csv (0600) and closing.ini (sealing closing.csv as it
 * will be) together through the commit file: both land or neither.  The
 * caller holds the lock. */
static int write_files(const struct project *p, const struct closing *c,
                       int32_t date, const struct period *pd,
                       struct fc_error *e)
{
	char csv_path[PATH_MAX], ini_path[PATH_MAX], archive[PATH_MAX] = "";
	struct buf csv = { 0 }, ini = { 0 };
	int rc = 0;

	if (closing_csv_text(&csv, c) < 0 || closing_ini(&ini, p, c, date) < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	if (!rc && (project_path(p->dir, PROJECT_CLOSING_CSV, csv_path,
	                         sizeof csv_path) < 0 ||
	            project_path(p->dir, PROJECT_CLOSING_INI, ini_path,
	                         sizeof ini_path) < 0))
		rc = fc_fail(e, FC_IOERR, "%s: path too long", p->dir);
	if (!rc)
		rc = period_heads(&ini, pd, e);
	if (!rc)
		rc = seal_section(&ini, p->dir, csv.p, csv.len, e);
	if (!rc)
		rc = period_sign(&ini, pd, e);
	if (!rc && period_chained(pd))
		rc = period_archive(p, date, &csv, &ini, archive, e);
	if (!rc) {
		struct store_change ch[2] = {
			{ csv_path, csv.p, csv.len, true },
			{ ini_path, ini.p, ini.len, true },
		};
		rc = store_commit(p->dir, ch, 2, e);
		/* Not closed: no archive of a closing that did not happen. */
		if (rc && *archive)
			(void)unlink(archive);
	}

	buf_free(&csv);
	buf_free(&ini);
	return rc;
}

/* The totals of the rows as verify streams them, and the days with
 * sales of each terminal. */
struct pass {
	struct totals t;
	struct period pd;
};

static int add(void *ctx, const struct row *en, struct fc_error *e)
{
	struct pass *ps = ctx;
	period_row(&ps->pd, en);
	return totals_add(&ps->t, en, e);
}

/* What stands in the way of a closing: refused (FC_DATAERR, e), or for
 * a dry run, which shows the figures so far whatever they are, said as a
 * warning through fn and let pass (0). */
static int in_the_way(const struct project *p, bool dry_run, verify_fn fn,
                      void *ctx, struct fc_error *e, const char *fmt, ...)
{
	char msg[sizeof e->msg], line[sizeof e->msg + PATH_MAX + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	if (!dry_run)
		return fc_fail(e, FC_DATAERR, "%s", msg);
	snprintf(line, sizeof line, _("%s: warning: a closing would refuse: "
	         "%s"), p->dir, msg);
	fn(ctx, line, true);
	return 0;
}

static int uncounted(const struct project *p, size_t n, bool dry_run,
                     verify_fn fn, void *ctx, struct fc_error *e)
{
	char msg[512];

	snprintf(msg, sizeof msg,
	         ngettext("%zu day with cash sales has no count of the drawer: "
	                  "count it (flashcoop-record count), or close with "
	                  "--allow-uncounted",
	                  "%zu days with cash sales have no count of the "
	                  "drawer: count them (flashcoop-record count), or "
	                  "close with --allow-uncounted", n), n);
	return in_the_way(p, dry_run, fn, ctx, e, "%s", msg);
}

/* A terminal's day with sales and no Z: a closing refuses it (unless
 * allowed), a dry run says it. */
static int unclosed(const struct project *p, const struct period *pd,
                    int flags, verify_fn fn, void *ctx, struct fc_error *e)
{
	bool dry_run = flags & CLOSE_DRY_RUN;
	struct fc_error w;
	int rc = period_unclosed(pd, flags & CLOSE_ALLOW_UNCLOSED,
	                         dry_run ? &w : e);

	if (!rc || !dry_run)
		return rc;
	return in_the_way(p, true, fn, ctx, e, "%s", w.msg);
}

static int compute(const struct project *p, int32_t date, int flags,
                   verify_fn fn, void *ctx, struct closing *c,
                   struct participants *ps, struct store_lock *lock,
                   struct fc_error *e)
{
	struct verify_stats st;
	struct pass pass;
	struct totals *t = &pass.t;
	bool dry_run = flags & CLOSE_DRY_RUN;
	char d[DATE_BUFSZ];
	int rc;

	memset(&pass, 0, sizeof pass);

	if (date < p->start &&
	    (rc = in_the_way(p, dry_run, fn, ctx, e, N_("closing date %s "
	                     "comes before the project's start"),
	                     date_format(date, d))))
		return rc;
	if ((rc = project_check_open(p->dir, e)) ||
	    (rc = period_begin(&pass.pd, p, e))) {
		period_free(&pass.pd);
		return rc;
	}
	/* One pass: every row checked, and added up as it goes by. */
	if ((rc = verify_project(p->dir, lock, fn, ctx, add, &pass, &st, e))) {
		totals_free(t);
		period_free(&pass.pd);
		return rc == FC_DATAERR ?
		       fc_fail(e, rc, ngettext("%zu problem found: nothing closed",
		                               "%zu problems found: nothing closed",
		                               st.problems), st.problems) : rc;
	}
	/* Who may close comes before what stands in the way. */
	if ((!dry_run && (rc = period_writer(&pass.pd, e))) ||
	    (rc = participants_load(p->dir, ps, e))) {
		totals_free(t);
		period_free(&pass.pd);
		return rc;
	}
	rc = closing_compute(p, ps, t, c, e);
	totals_free(t);
	if (!rc && c->no_hours &&
	    (rc = in_the_way(p, dry_run, fn, ctx, e, N_("there is a result to "
	                     "share but no hours are recorded: record the "
	                     "hours worked (flashcoop-record hours) before "
	                     "closing"))))
		closing_free(c);
	if (!rc && c->uncounted && !(flags & CLOSE_ALLOW_UNCOUNTED) &&
	    (rc = uncounted(p, c->uncounted, dry_run, fn, ctx, e)))
		closing_free(c);
	/* A dry run shows the figures so far: only a closing refuses. */
	if (!rc && (rc = unclosed(p, &pass.pd, flags, fn, ctx, e)))
		closing_free(c);
	if (!rc && !dry_run && (rc = write_files(p, c, date, &pass.pd, e)))
		closing_free(c);
	if (rc)
		participants_free(ps);
	period_free(&pass.pd);
	return rc;
}

int closing_run(const struct project *p, int32_t date, int flags,
                verify_fn fn, void *ctx, struct closing *c,
                struct participants *ps, struct fc_error *e)
{
	bool dry_run = flags & CLOSE_DRY_RUN;
	struct store_lock lock;
	int rc;

	memset(c, 0, sizeof *c);
	memset(ps, 0, sizeof *ps);
	/* A dry run reads under a shared lock: writers wait, readers not. */
	if ((rc = store_lock(p->dir, !dry_run, &lock, e)))
		return rc;
	rc = compute(p, date, flags, fn, ctx, c, ps, &lock, e);
	store_unlock(&lock);
	return rc;
}

/* ---- the sealed pay ---- */

struct sealed_pay {
	int gross, employer;       /* the columns */
	int64_t sum_gross, sum_employer;
};

static int sealed_row(void *ctx, const struct table_row *r,
                      struct fc_error *e)
{
	struct sealed_pay *s = ctx;
	int64_t g, m;

	if (r->header) {
		s->gross = table_col(r, "gross");
		s->employer = table_col(r, "employer_contributions");
		if (s->gross < 0 || s->employer < 0)
			return fc_fail(e, FC_DATAERR, "%s:%ld: no gross or "
			               "employer_contributions column", r->name,
			               r->line);
		return 0;
	}
	if (money_parse(table_get(r, s->gross), &g) < 0 ||
	    money_parse(table_get(r, s->employer), &m) < 0)
		return fc_fail(e, FC_DATAERR, "%s:%ld: the pay is not amounts",
		               r->name, r->line);
	if (money_add(s->sum_gross, g, &s->sum_gross) < 0 ||
	    money_add(s->sum_employer, m, &s->sum_employer) < 0)
		return overflow(e);
	return 0;
}

int closing_sealed_pay(const char *dir, int64_t *gross, int64_t *employer,
                       struct fc_error *e)
{
	struct sealed_pay s = { -1, -1, 0, 0 };
	char path[PATH_MAX];
	int rc;

	if (project_path(dir, PROJECT_CLOSING_CSV, path, sizeof path) < 0)
		return fc_fail(e, FC_IOERR, "%s: path too long", dir);
	rc = store_table(path, PROJECT_CLOSING_CSV, TABLE_FINAL_NEWLINE |
	                 TABLE_PROJECT, sealed_row, &s, e);
	*gross = s.sum_gross;
	*employer = s.sum_employer;
	return rc;
}
