#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashcoop/array.h"
#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/days.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/terminal.h"
#include "flashcoop/text.h"
#include "flashcoop/verify.h"

#include "days_internal.h"

const char *const days_cols[D_N] = {
	"id", "date", "terminal", "recorded_at", "sales_incl_vat",
	"vat_by_rate", "sales_by_payment", "cash_counted", "period_total",
	"perpetual_total", "ledger_head", "hours_head", "signature", "chain"
};

/* ---- figures ---- */

static void add_rate(struct day_figures *f, int32_t rate, int sign,
                     int64_t amount)
{
	size_t i = 0;

	while (i < f->nrates && f->rate[i].rate < rate)
		i++;
	if (i == f->nrates || f->rate[i].rate != rate) {
		if (f->nrates == DAY_RATES_MAX) {
			f->overflow = true;
			return;
		}
		memmove(&f->rate[i + 1], &f->rate[i],
		        (f->nrates - i) * sizeof *f->rate);
		f->rate[i].rate = rate;
		f->rate[i].incl = 0;
		f->nrates++;
	}
	if (money_accumulate(&f->rate[i].incl, sign, amount) < 0)
		f->overflow = true;
}

void day_figures_add(struct day_figures *f, const struct row *en)
{
	int sign = en->kind == KIND_VOID ? -1 : 1;
	int bad = 0;

	if (en->kind == KIND_COUNT) {
		f->counted = true;
		f->cash = en->amount;
		return;
	}
	if (row_counts_as(en) != KIND_SALE)
		return;
	add_rate(f, en->vat, sign, en->amount);
	bad |= money_accumulate(&f->sales, sign, en->amount);
	bad |= money_accumulate(&f->pay[en->payment], sign, en->amount);
	bad |= money_accumulate(&f->period_total, sign, en->amount);
	bad |= money_accumulate(&f->perpetual_total, 1, en->amount);
	if (bad)
		f->overflow = true;
}

int day_figures_format(const struct day_figures *f, bool vat,
                       char *rates, size_t rsize, char *pays, size_t psize)
{
	size_t r = 0, q = 0;

	rates[0] = pays[0] = '\0';
	for (size_t i = 0; i < f->nrates; i++) {
		char rate[MONEY_BUFSZ], incl[MONEY_BUFSZ], tax[MONEY_BUFSZ];
		int64_t before = f->rate[i].incl;
		if (vat && money_without_rate(f->rate[i].incl, f->rate[i].rate,
		                              &before) < 0)
			return -1;
		int n = snprintf(rates + r, rsize - r, "%s%s:%s:%s", i ? ";" : "",
		                 money_rate_format(f->rate[i].rate, rate),
		                 money_format(f->rate[i].incl, incl),
		                 money_format(f->rate[i].incl - before, tax));
		if (n < 0 || (size_t)n >= rsize - r)
			return -1;
		r += (size_t)n;
	}
	for (int p = PAY_CASH; p <= PAY_OTHER; p++) {
		char amount[MONEY_BUFSZ];
		if (!f->pay[p])
			continue;
		int n = snprintf(pays + q, psize - q, "%s%s:%s", q ? ";" : "",
		                 payment_name((enum payment)p),
		                 money_format(f->pay[p], amount));
		if (n < 0 || (size_t)n >= psize - q)
			return -1;
		q += (size_t)n;
	}
	return 0;
}

/* ---- reading days.csv ---- */

struct reading {
	struct days *d;
	int col[D_N];
	struct days_check *check;   /* not NULL: each row checked too */
};

static void check_z(struct days_check *c, const struct day_close *z,
                    const struct table_row *r);

static bool hex_of(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

static int bad_field(const struct table_row *r, int c, const char *v,
                     struct fc_error *e)
{
	char q[TEXT_QUOTE_SIZE];
	return fc_fail(e, FC_DATAERR, "%s:%ld: column '%s': '%s' is not what "
	               "a daily closing holds there", r->name, r->line, days_cols[c],
	               text_quote(v, q, sizeof q));
}

/* An amount as a closing writes it ("12.50"; "-10.00" where a day's
 * voids outweigh its sales, when negative). */
static int parse_money_field(const struct table_row *r, int c, const char *v,
                             bool negative, int64_t *out, struct fc_error *e)
{
	bool minus = negative && v[0] == '-';

	if (money_parse(v + minus, out) < 0 || strchr(v, ',') || v[minus] == '-')
		return bad_field(r, c, v, e);
	if (minus)
		*out = -*out;
	return 0;
}

/* days.csv's header: our columns, the signature and the chain last. */
static int day_header(struct reading *rd, const struct table_row *r,
                      struct fc_error *e)
{
	for (int i = 0; i < D_N; i++)
		if ((rd->col[i] = table_col(r, days_cols[i])) < 0)
			return fc_fail(e, FC_DATAERR, "%s:%ld: no '%s' column in "
			               "the header", r->name, r->line, days_cols[i]);
	memcpy(rd->d->col, rd->col, sizeof rd->col);
	rd->d->ncols = r->ncols;
	return rd->col[D_CHAIN] == (int)r->ncols - 1 &&
	       rd->col[D_SIG] == (int)r->ncols - 2 ? 0 :
	       fc_fail(e, FC_DATAERR, "%s:%ld: the 'signature' and 'chain' "
	               "columns are not the last two of the header",
	               r->name, r->line);
}

static int day_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct reading *rd = ctx;
	struct day_close z;
	const char *f[D_N];
	struct row_id id;

	if (r->header)
		return day_header(rd, r, e);
	memset(&z, 0, sizeof z);
	z.line = r->line;
	for (int i = 0; i < D_N; i++)
		f[i] = table_get(r, rd->col[i]);
	/* A Z id ("Z00001", "Z00001-stand"): the letter Z, not a row kind. */
	if (f[D_ID][0] != 'Z' || strlen(f[D_ID]) >= ID_SIZE)
		return bad_field(r, D_ID, f[D_ID], e);
	{
		char as_sale[ID_SIZE];
		snprintf(as_sale, sizeof as_sale, "S%s", f[D_ID] + 1);
		if (row_id_parts(as_sale, &id) < 0)
			return bad_field(r, D_ID, f[D_ID], e);
	}
	strcpy(z.id, f[D_ID]);
	if (date_parse(f[D_DATE], &z.date) < 0)
		return bad_field(r, D_DATE, f[D_DATE], e);
	if (!terminal_name_valid(f[D_TERMINAL]) ||
	    (*id.terminal && strcmp(id.terminal, f[D_TERMINAL]) != 0))
		return bad_field(r, D_TERMINAL, f[D_TERMINAL], e);
	strcpy(z.terminal, f[D_TERMINAL]);
	if (!date_stamp_valid(f[D_AT], NULL))
		return bad_field(r, D_AT, f[D_AT], e);
	strcpy(z.recorded_at, f[D_AT]);
	if (parse_money_field(r, D_SALES, f[D_SALES], true, &z.fig.sales, e) ||
	    parse_money_field(r, D_PERIOD, f[D_PERIOD], true,
	                      &z.fig.period_total, e) ||
	    parse_money_field(r, D_PERPETUAL, f[D_PERPETUAL], false,
	                      &z.fig.perpetual_total, e))
		return FC_DATAERR;
	if ((z.fig.counted = *f[D_CASH]) &&
	    parse_money_field(r, D_CASH, f[D_CASH], false, &z.fig.cash, e))
		return FC_DATAERR;
	if (!hex_of(f[D_LHEAD], 64))
		return bad_field(r, D_LHEAD, f[D_LHEAD], e);
	if (!hex_of(f[D_HHEAD], 64))
		return bad_field(r, D_HHEAD, f[D_HHEAD], e);
	if (!hex_of(f[D_SIG], 128))
		return bad_field(r, D_SIG, f[D_SIG], e);
	if (!hex_of(f[D_CHAIN], 64))
		return bad_field(r, D_CHAIN, f[D_CHAIN], e);
	if (strlen(f[D_RATES]) >= sizeof z.rates ||
	    strspn(f[D_RATES], "0123456789.:;-") != strlen(f[D_RATES]))
		return bad_field(r, D_RATES, f[D_RATES], e);
	if (strlen(f[D_PAYS]) >= sizeof z.pays ||
	    strspn(f[D_PAYS], "abcdefghijklmnopqrstuvwxyz0123456789.:;-") !=
	    strlen(f[D_PAYS]))
		return bad_field(r, D_PAYS, f[D_PAYS], e);
	strcpy(z.rates, f[D_RATES]);
	strcpy(z.pays, f[D_PAYS]);
	strcpy(z.ledger_head, f[D_LHEAD]);
	strcpy(z.hours_head, f[D_HHEAD]);
	strcpy(z.signature, f[D_SIG]);
	strcpy(z.chain, f[D_CHAIN]);
	/* A copy of a closing above, byte for byte (a union merge of clones
	 * that merged each other), tells nothing new. */
	for (size_t k = 0; k < rd->d->n; k++)
		if (strcmp(rd->d->v[k].id, z.id) == 0 &&
		    strcmp(rd->d->v[k].chain, z.chain) == 0)
			return 0;
	/* The two lists are kept as text: the check compares them with the
	 * figures it formats itself. */
	if (array_reserve(&rd->d->v, &rd->d->cap, rd->d->n + 1,
	                  sizeof *rd->d->v) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	rd->d->v[rd->d->n++] = z;
	if (rd->check)
		check_z(rd->check, &rd->d->v[rd->d->n - 1], r);
	return 0;
}

int days_load(const char *dir, struct days *d, struct fc_error *e)
{
	char path[PATH_MAX], shown[PATH_MAX + 32];
	struct reading rd = { d, { 0 }, NULL };
	int fd, rc;

	memset(d, 0, sizeof *d);
	if (project_path(dir, PROJECT_DAYS, path, sizeof path) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	if (access(path, F_OK) < 0)
		return 0;
	if ((rc = store_open(path, O_RDONLY, &fd, e)))
		return rc;
	project_shown(dir, PROJECT_DAYS, shown, sizeof shown);
	rc = table_read_fd(fd, shown, TABLE_FINAL_NEWLINE | TABLE_PROJECT,
	                   day_row, &rd, e);
	if (rc)
		days_free(d);
	return rc;
}

void days_free(struct days *d)
{
	free(d->v);
	memset(d, 0, sizeof *d);
}

const struct day_close *days_find(const struct days *d, const char *t,
                                  int32_t day)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].date == day && strcmp(d->v[i].terminal, t) == 0)
			return &d->v[i];
	return NULL;
}

int days_open(const struct days *d, const char *t, int32_t day,
              struct fc_error *e)
{
	const struct day_close *z = days_find(d, t, day);
	char s[DATE_BUFSZ];

	if (!z)
		return 0;
	return fc_fail(e, FC_CLOSED, "%s is closed for terminal %s (%s): a "
	               "correction is a void dated the day it is made",
	               date_format(day, s), t, z->id);
}

/* ---- the checks ---- */

/* One closing while the rows stream by. */
struct zstate {
	int term;                       /* in terminals.csv, -1: unknown */
	struct day_figures day, to_day; /* recomputed */
	bool lhead, hhead;              /* its heads found */
};

struct days_check {
	days_fn fn;
	void *ctx;
	const struct project *p;
	const struct terminals *t;
	struct days d;
	struct zstate *zs;
	char (*prev)[CHAIN_HEX];         /* per terminal, in days.csv */
	unsigned long long *last;        /* per terminal: last Z number */
	const char *file;
	char shown[PATH_MAX + 32];
	struct chain chain;
	bool failed;
};

static void days_say(struct days_check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void days_say(struct days_check *c, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	c->fn(c->ctx, msg, false);
}

/* A closing's own checks: its terminal, its id in order, once a day, its
 * signature and its chain. */
static void check_z(struct days_check *c, const struct day_close *z,
                    const struct table_row *r)
{
	int i = terminals_find(c->t, z->terminal);
	char as_sale[ID_SIZE], want[CHAIN_HEX];
	struct row_id p;
	long sig_len = -1, chain_len = chain_line_len(r->raw, r->rawlen);

	if (i < 0) {
		days_say(c, "%s:%ld: terminal %s of %s is not in terminals.csv",
		    c->shown, z->line, z->terminal, z->id);
		return;
	}
	snprintf(as_sale, sizeof as_sale, "S%s", z->id + 1);
	row_id_parts(as_sale, &p);
	if ((i == 0) != !*p.terminal)
		days_say(c, "%s:%ld: id %s: the first terminal's ids end with no "
		    "name, another's with -NAME", c->shown, z->line, z->id);
	else if (p.n != c->last[i] + 1)
		days_say(c, "%s:%ld: %s follows Z number %llu of terminal %s: "
		    "repeated, out of order or one is missing", c->shown, z->line,
		    z->id, c->last[i], z->terminal);
	if (p.n > c->last[i])
		c->last[i] = p.n;
	for (size_t k = 0; &c->d.v[k] != z; k++)
		if (c->d.v[k].date == z->date &&
		    strcmp(c->d.v[k].terminal, z->terminal) == 0)
			days_say(c, "%s:%ld: %s closes a day that %s closed already",
			    c->shown, z->line, z->id, c->d.v[k].id);
	if (chain_len > 0)
		sig_len = chain_line_len(r->raw, (size_t)chain_len);
	if (sig_len < 0 || !sign_verify_hex(c->t->v[i].public_key, r->raw,
	                                    (size_t)sig_len, z->signature))
		days_say(c, "%s:%ld: the signature of %s is not terminal %s's: the row "
		    "was changed, or made elsewhere", c->shown, z->line, z->id,
		    z->terminal);
	if (chain_len < 0 || chain_next(&c->chain, c->prev[i], r->raw,
	                                (size_t)chain_len, want) < 0)
		c->failed = true;
	else if (strcmp(want, z->chain) != 0)
		days_say(c, "%s:%ld: the chain of terminal %s breaks at %s: this row, "
		    "or one of the terminal's before it, was changed, removed, "
		    "inserted or moved", c->shown, z->line, z->terminal, z->id);
	memcpy(c->prev[i], z->chain, CHAIN_HEX);
}

struct days_check *days_check_new(const char *dir, const struct project *p,
                                  const struct terminals *t, days_fn fn,
                                  void *ctx)
{
	struct days_check *c = calloc(1, sizeof *c);
	struct reading rd = { NULL, { 0 }, c };
	char path[PATH_MAX];
	struct fc_error fe;
	size_t nt = t->n ? t->n : 1;
	int fd, rc;

	if (!c)
		return NULL;
	c->fn = fn;
	c->ctx = ctx;
	c->p = p;
	c->t = t;
	rd.d = &c->d;
	project_shown(dir, PROJECT_DAYS, c->shown, sizeof c->shown);
	c->prev = calloc(nt, sizeof *c->prev);
	c->last = calloc(nt, sizeof *c->last);
	if (!c->prev || !c->last || chain_begin(&c->chain) < 0) {
		days_check_free(c);
		return NULL;
	}
	for (size_t i = 0; i < nt; i++)
		memcpy(c->prev[i], CHAIN_ZERO, CHAIN_HEX);
	if (project_path(dir, PROJECT_DAYS, path, sizeof path) < 0 ||
	    access(path, F_OK) < 0)
		return c;
	if ((rc = store_open(path, O_RDONLY, &fd, &fe)) == 0)
		rc = table_read_fd(fd, c->shown, TABLE_FINAL_NEWLINE |
		                   TABLE_PROJECT, day_row, &rd, &fe);
	if (rc == FC_IOERR)
		c->failed = true;
	else if (rc)
		c->fn(c->ctx, fe.msg, false);
	if (!(c->zs = calloc(c->d.n + 1, sizeof *c->zs))) {
		days_check_free(c);
		return NULL;
	}
	for (size_t i = 0; i < c->d.n; i++) {
		c->zs[i].term = terminals_find(t, c->d.v[i].terminal);
		/* No row of its terminal yet when it was made: nothing to find. */
		c->zs[i].lhead = strcmp(c->d.v[i].ledger_head, CHAIN_ZERO) == 0;
		c->zs[i].hhead = strcmp(c->d.v[i].hours_head, CHAIN_ZERO) == 0;
	}
	return c;
}

void days_check_free(struct days_check *c)
{
	if (!c)
		return;
	days_free(&c->d);
	free(c->zs);
	free(c->prev);
	free(c->last);
	chain_end(&c->chain);
	free(c);
}

bool days_check_failed(const struct days_check *c)
{
	return c->failed;
}

void days_row(struct days_check *c, const struct row *en)
{
	const char *term = *en->terminal ? en->terminal :
	                   c->t->n ? c->t->v[0].name : "";
	char d[DATE_BUFSZ];

	for (size_t i = 0; i < c->d.n; i++) {
		const struct day_close *z = &c->d.v[i];
		struct zstate *s = &c->zs[i];
		if (strcmp(z->terminal, term) != 0)
			continue;
		if (en->in_hours) {
			if (!s->hhead && strcmp(en->chain, z->hours_head) == 0)
				s->hhead = true;
			continue;
		}
		if (en->date == z->date && s->lhead)
			days_say(c, "%s:%ld: %s is dated %s, which %s closed before it was "
			    "recorded", en->file, en->line, en->id,
			    date_format(z->date, d), z->id);
		if (en->date <= z->date && !s->lhead)
			day_figures_add(&s->to_day, en);
		if (en->date == z->date && !s->lhead)
			day_figures_add(&s->day, en);
		if (!s->lhead && strcmp(en->chain, z->ledger_head) == 0)
			s->lhead = true;
	}
}

/* A closing's figures against the rows' ("" when they agree). */
static const char *differs(const struct days_check *c,
                           const struct day_close *z, struct zstate *s)
{
	char rates[DAY_RATES_SIZE], pays[DAY_PAYS_SIZE];

	s->day.period_total = s->to_day.period_total;
	s->day.perpetual_total = s->to_day.perpetual_total;
	if (day_figures_format(&s->day, c->p->vat, rates, sizeof rates, pays,
	                       sizeof pays) < 0 || s->day.overflow)
		return "too large";
	if (s->day.sales != z->fig.sales)
		return "sales_incl_vat";
	if (strcmp(rates, z->rates) != 0)
		return "vat_by_rate";
	if (strcmp(pays, z->pays) != 0)
		return "sales_by_payment";
	if (s->day.counted != z->fig.counted ||
	    (z->fig.counted && s->day.cash != z->fig.cash))
		return "cash_counted";
	if (s->day.period_total != z->fig.period_total)
		return "period_total";
	if (s->day.perpetual_total != z->fig.perpetual_total)
		return "perpetual_total";
	return "";
}

void days_end(struct days_check *c)
{
	for (size_t i = 0; i < c->d.n; i++) {
		const struct day_close *z = &c->d.v[i];
		struct zstate *s = &c->zs[i];
		const char *what;
		if (s->term < 0)
			continue;
		if (!s->lhead)
			days_say(c, "%s:%ld: the ledger head of %s is no chain of terminal "
			    "%s in ledger.csv: its rows up to that closing were "
			    "rewritten", c->shown, z->line, z->id, z->terminal);
		if (!s->hhead)
			days_say(c, "%s:%ld: the hours head of %s is no chain of terminal "
			    "%s in hours.csv: its rows up to that closing were "
			    "rewritten", c->shown, z->line, z->id, z->terminal);
		if (s->lhead && *(what = differs(c, z, s)))
			days_say(c, "%s:%ld: %s of %s differs from the rows of terminal %s: "
			    "a row up to that day was changed after the closing",
			    c->shown, z->line, what, z->id, z->terminal);
	}
}
