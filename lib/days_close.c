#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/buf.h"
#include "flashcoop/chain.h"
#include "flashcoop/date.h"
#include "flashcoop/days.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/terminal.h"
#include "flashcoop/verify.h"

#include "days_internal.h"

/*
 * A daily closing written: the terminal's rows of the day added up, its
 * heads, signed by its key, chained, appended to days.csv (days.h).
 */

/* ---- a new closing ---- */

/* What the rows of a terminal give a closing of day. */
struct gather {
	const struct row_writer *who;
	int32_t day;
	struct day_figures day_fig, to_day;
};

static int gather_row(void *ctx, const struct row *en, struct fc_error *e)
{
	struct gather *g = ctx;

	(void)e;
	if (!row_writer_owns(g->who, en->terminal) || en->date > g->day)
		return 0;
	day_figures_add(&g->to_day, en);
	if (en->date == g->day)
		day_figures_add(&g->day_fig, en);
	return 0;
}

/* The fields of a closing, in DAYS_HEADER's order, to f (pointing into z
 * and bufs). */
struct zbufs {
	char date[DATE_BUFSZ], sales[MONEY_BUFSZ], cash[MONEY_BUFSZ],
	     period[MONEY_BUFSZ], perpetual[MONEY_BUFSZ];
};

static void z_fields(const struct day_close *z, struct zbufs *b,
                     const char *f[D_N])
{
	f[D_ID] = z->id;
	f[D_DATE] = date_format(z->date, b->date);
	f[D_TERMINAL] = z->terminal;
	f[D_AT] = z->recorded_at;
	f[D_SALES] = money_format(z->fig.sales, b->sales);
	f[D_RATES] = z->rates;
	f[D_PAYS] = z->pays;
	f[D_CASH] = z->fig.counted ? money_format(z->fig.cash, b->cash) : "";
	f[D_PERIOD] = money_format(z->fig.period_total, b->period);
	f[D_PERPETUAL] = money_format(z->fig.perpetual_total, b->perpetual);
	f[D_LHEAD] = z->ledger_head;
	f[D_HHEAD] = z->hours_head;
	f[D_SIG] = "";
	f[D_CHAIN] = "";
}

/* The closing's row in days.csv's column order, signed, chained after
 * prev: to line. */
static int z_line(const struct days *d, const struct day_close *z,
                  const struct sign_key *k, const char *prev,
                  struct buf *line, struct fc_error *e)
{
	const char *f[D_N], *row[TABLE_MAX_COLS];
	char sig[SIGN_SIGNATURE_HEX], head[CHAIN_HEX];
	struct zbufs b;
	struct chain c;
	int rc = 0;

	z_fields(z, &b, f);
	if (d->ncols > TABLE_MAX_COLS)
		return fc_fail(e, FC_DATAERR, "days.csv: too many columns");
	for (size_t i = 0; i < d->ncols; i++)
		row[i] = "";
	for (int i = 0; i < D_N; i++)
		row[d->col[i]] = f[i];
	if (table_format_row(line, row, d->ncols) < 0 || line->len < 3)
		return fc_fail(e, FC_IOERR, "out of memory");
	/* "...,hours_head,,\n": signed without its last two fields. */
	sign_hex(k, line->p, line->len - 3, sig);
	line->len -= 2;
	memcpy(head, prev, CHAIN_HEX);
	if (chain_begin(&c) < 0)
		return fc_fail(e, FC_IOERR, "SHA-256 unavailable");
	if (buf_puts(line, sig) < 0 || buf_puts(line, ",\n") < 0 ||
	    row_chain_seal(line, 0, &c, head) < 0)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	chain_end(&c);
	return rc;
}

/* The next Z of terminal t, and its last chain in days.csv. */
static void z_next(const struct days *d, const struct row_writer *who,
                   char id[ID_SIZE], char prev[CHAIN_HEX])
{
	unsigned long long n = 0;

	memcpy(prev, CHAIN_ZERO, CHAIN_HEX);
	for (size_t i = 0; i < d->n; i++) {
		char as_sale[ID_SIZE];
		struct row_id p;
		if (strcmp(d->v[i].terminal, who->terminal) != 0)
			continue;
		snprintf(as_sale, sizeof as_sale, "S%s", d->v[i].id + 1);
		if (row_id_parts(as_sale, &p) == 0 && p.n > n)
			n = p.n;
		memcpy(prev, d->v[i].chain, CHAIN_HEX);
	}
	row_id_format(id, 'S', n + 1, who->first ? NULL : who->terminal);
	id[0] = 'Z';
}

/* The day, checked: in the period, over, not closed yet by w. */
static int closable(const struct writer *w, const struct days *d,
                    int32_t day, struct fc_error *e)
{
	char s[DATE_BUFSZ], a[DATE_BUFSZ], b[DATE_BUFSZ];

	if (day < w->p->start || day > w->p->end)
		return fc_fail(e, FC_DATAERR, "%s is outside the project's period "
		               "(%s to %s)", date_format(day, s),
		               date_format(w->p->start, a), date_format(w->p->end, b));
	if (!d->ncols)
		return fc_fail(e, FC_NOINPUT, "%s: no days.csv, where daily "
		               "closings go", w->p->dir);
	if (day > date_today())
		return fc_fail(e, FC_DATAERR, "%s is still to come: a day is "
		               "closed once it is over, or on its evening",
		               date_format(day, s));
	if (days_find(d, w->terminal, day))
		return fc_fail(e, FC_CLOSED, "%s is closed already for terminal "
		               "%s (%s)", date_format(day, s), w->terminal,
		               days_find(d, w->terminal, day)->id);
	return 0;
}

int days_close(const struct writer *w, int32_t day, char id[ID_SIZE],
               struct fc_error *e)
{
	struct days d = { 0 };
	struct gather g = { .who = &w->who, .day = day };
	struct day_close z;
	struct sign_key k;
	struct buf line = { 0 };
	char prev[CHAIN_HEX], path[PATH_MAX], tmp[ID_SIZE];
	int rc;

	if ((rc = days_load(w->p->dir, &d, e)))
		return rc;
	memset(&z, 0, sizeof z);
	if (!(rc = closable(w, &d, day, e)) &&
	    !(rc = rows_read(w->p->dir, ROWS_LEDGER, gather_row, &g, e)) &&
	    !(rc = rows_next_id(w->p->dir, &w->who, KIND_SALE,
	                        ROW_FILE_LEDGER, tmp, z.ledger_head, e)) &&
	    !(rc = rows_next_id(w->p->dir, &w->who, KIND_HOURS,
	                        ROW_FILE_HOURS, tmp, z.hours_head, e)))
		rc = sign_key_load(w->p->id, w->terminal, &k, e);
	if (rc) {
		days_free(&d);
		return rc;
	}
	z.fig = g.day_fig;
	z.fig.period_total = g.to_day.period_total;
	z.fig.perpetual_total = g.to_day.perpetual_total;
	z.date = day;
	snprintf(z.terminal, sizeof z.terminal, "%s", w->terminal);
	z_next(&d, &w->who, z.id, prev);
	if (g.day_fig.overflow || g.to_day.overflow ||
	    day_figures_format(&z.fig, w->p->vat, z.rates, sizeof z.rates,
	                       z.pays, sizeof z.pays) < 0)
		rc = fc_fail(e, FC_DATAERR, "the day's figures are too large");
	else if (date_stamp_now(z.recorded_at) < 0)
		rc = fc_fail_errno(e, FC_IOERR, "cannot read the clock");
	if (!rc)
		rc = z_line(&d, &z, &k, prev, &line, e);
	sign_key_wipe(&k);
	if (!rc && project_path(w->p->dir, PROJECT_DAYS, path, sizeof path) < 0)
		rc = fc_fail(e, FC_IOERR, "%s: path too long", w->p->dir);
	if (!rc)
		rc = store_append(path, line.p, line.len, e);
	if (!rc)
		memcpy(id, z.id, ID_SIZE);
	buf_free(&line);
	days_free(&d);
	return rc;
}

struct closing_day {
	int32_t day;
	char *id;
};

static int close_locked(const struct writer *w, void *arg, struct fc_error *e)
{
	const struct closing_day *c = arg;
	return days_close(w, c->day, c->id, e);
}

int days_close_run(const struct project *p, int32_t day, char id[ID_SIZE],
                   struct fc_error *e)
{
	struct closing_day c = { day, id };
	return verify_write(p, WRITE_ANY, close_locked, &c, e);
}
