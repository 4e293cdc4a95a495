#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "flashcoop/check.h"
#include "flashcoop/date.h"
#include "flashcoop/entry.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"

/* What a void must repeat of the row it names. */
struct row {
	int64_t amount, hours;
	int32_t date, vat;
	char participant[ID_SIZE];
	char voided_by[ID_SIZE];
	bool present;
	bool unreadable;   /* named in a problem already: nothing to compare */
};

struct rows {
	struct row *v;
	size_t cap;
	unsigned long long last;   /* last number seen, in file order */
};

struct checker {
	const char *dir;
	char ledger[PATH_MAX + 32], hours_file[PATH_MAX + 32];
	check_fn fn;
	void *ctx;
	struct check_stats *st;
	struct project p;
	struct participants ps;
	bool have_ps;
	struct rows s, c, k, h;     /* per kind */
	unsigned char *vseen;       /* V numbers seen, over both files */
	size_t vcap;
	unsigned long long vmax;
	struct entry_cols cols;
	enum source src;
	const char *file;
	bool header_failed;
	struct fc_error ioerr;      /* the first read that failed, if any */
	int64_t *hours;             /* [participant][day - start] */
	int64_t *cash;              /* [day - start]: cash sales, net */
	bool *counted;              /* [day - start] */
	size_t ndays;
};

static void problem(struct checker *ck, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct checker *ck, const char *fmt, ...)
{
	char msg[PATH_MAX + 2400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	ck->fn(ck->ctx, msg, false);
	ck->st->problems++;
}

static struct rows *rows_of(struct checker *ck, char letter)
{
	switch (letter) {
	case 'S': return &ck->s;
	case 'C': return &ck->c;
	case 'K': return &ck->k;
	case 'H': return &ck->h;
	}
	return NULL;
}

static struct row *row_at(struct rows *r, unsigned long long n)
{
	if (n >= r->cap) {
		size_t cap = r->cap ? r->cap : 1024;
		struct row *v;
		while (cap <= n)
			cap *= 2;
		if (!(v = realloc(r->v, cap * sizeof *v)))
			return NULL;
		memset(v + r->cap, 0, (cap - r->cap) * sizeof *v);
		r->v = v;
		r->cap = cap;
	}
	return &r->v[n];
}

static int64_t *hours_cell(struct checker *ck, const char *id, int32_t day)
{
	const struct participant *pt;
	if (!ck->have_ps || !ck->hours || day < ck->p.start || day > ck->p.end)
		return NULL;
	if (!(pt = participants_find(&ck->ps, id)))
		return NULL;
	return &ck->hours[(size_t)(pt - ck->ps.v) * ck->ndays +
	                  (size_t)(day - ck->p.start)];
}

/* The id is the next of its kind: no gap, no repeat. */
static void check_id(struct checker *ck, const struct entry *en)
{
	unsigned long long n = strtoull(en->id + 1, NULL, 10);
	char letter = en->id[0];
	struct rows *r;

	if (letter == 'V') {
		if (n >= ck->vcap) {
			size_t cap = ck->vcap ? ck->vcap : 1024;
			unsigned char *v;
			while (cap <= n)
				cap *= 2;
			if (!(v = realloc(ck->vseen, cap)))
				return;
			memset(v + ck->vcap, 0, cap - ck->vcap);
			ck->vseen = v;
			ck->vcap = cap;
		}
		if (ck->vseen[n])
			problem(ck, "%s:%ld: id %s appears twice", ck->file,
			        en->line, en->id);
		ck->vseen[n] = 1;
		if (n > ck->vmax)
			ck->vmax = n;
		return;
	}
	r = rows_of(ck, letter);
	if (n <= r->last)
		problem(ck, "%s:%ld: id %s comes after %c%05llu: repeated or out "
		        "of order", ck->file, en->line, en->id, letter, r->last);
	else if (n != r->last + 1)
		problem(ck, "%s:%ld: id %s follows %c%05llu: %c%05llu is missing",
		        ck->file, en->line, en->id, letter, r->last, letter,
		        r->last + 1);
	if (n > r->last)
		r->last = n;
}

/* A row that does not parse still holds its place in its id sequence, so
 * that the next row gets no false gap. */
static void keep_id(struct checker *ck, const struct table_row *r)
{
	const char *id = table_get(r, ck->cols.id);
	struct entry en = { .line = r->line };
	size_t digits = strspn(id + (*id ? 1 : 0), "0123456789");

	if (!*id || !strchr("SCKVH", id[0]) || digits == 0 ||
	    id[1 + digits] != '\0' || strlen(id) >= ID_SIZE)
		return;
	strcpy(en.id, id);
	check_id(ck, &en);
	struct rows *rs = rows_of(ck, id[0]);
	struct row *t = rs ? row_at(rs, strtoull(id + 1, NULL, 10)) : NULL;
	if (t)
		t->present = t->unreadable = true;
}

static void check_void(struct checker *ck, const struct entry *en)
{
	struct rows *r = rows_of(ck, en->ref[0]);
	unsigned long long n = strtoull(en->ref + 1, NULL, 10);
	struct row *t;

	if (!r || r == &ck->k || (en->ref[0] == 'H') != en->in_hours ||
	    n >= r->cap || !r->v[n].present) {
		problem(ck, "%s:%ld: void %s names '%s', which is not a sale, "
		        "charge or hours row above it", ck->file, en->line,
		        en->id, en->ref);
		return;
	}
	t = &r->v[n];
	if (*t->voided_by)
		problem(ck, "%s:%ld: %s is voided twice (by %s and %s)",
		        ck->file, en->line, en->ref, t->voided_by, en->id);
	else
		snprintf(t->voided_by, sizeof t->voided_by, "%s", en->id);
	if (!t->unreadable && (t->amount != en->amount || t->hours != en->hours ||
	    t->date != en->date || t->vat != en->vat ||
	    strcmp(t->participant, en->participant) != 0))
		problem(ck, "%s:%ld: void %s does not repeat the date, amount, "
		        "VAT rate, hours or participant of %s", ck->file,
		        en->line, en->id, en->ref);
}

static void remember(struct checker *ck, const struct entry *en)
{
	struct rows *r = rows_of(ck, en->id[0]);
	struct row *t;
	if (!r || !(t = row_at(r, strtoull(en->id + 1, NULL, 10))))
		return;
	t->present = true;
	t->amount = en->amount;
	t->hours = en->hours;
	t->date = en->date;
	t->vat = en->vat;
	snprintf(t->participant, sizeof t->participant, "%s", en->participant);
}

static int check_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct checker *ck = ctx;
	struct entry en;
	struct fc_error fe;
	int64_t *cell;

	(void)e;
	if (r->header) {
		if (entry_cols(r, ck->src, &ck->cols, &fe) != 0) {
			problem(ck, "%s", fe.msg);
			ck->header_failed = true;
			return FC_DATAERR; /* without columns, no rows */
		}
		return 0;
	}
	if (ck->src == FROM_LEDGER)
		ck->st->ledger_rows++;
	else
		ck->st->hours_rows++;
	if (r->n != r->ncols) {
		problem(ck, "%s:%ld: %zu fields where the header has %zu",
		        r->name, r->line, r->n, r->ncols);
		keep_id(ck, r);
		return 0;
	}
	if (entry_parse(r, &ck->cols, ck->src, &en, &fe) != 0) {
		problem(ck, "%s", fe.msg);
		keep_id(ck, r);
		return 0;
	}
	check_id(ck, &en);
	if (en.kind == KIND_VOID) {
		check_void(ck, &en);
	} else {
		struct entry copy = en;
		if (!en.has_vat && !en.in_hours && en.kind != KIND_COUNT)
			problem(ck, "%s:%ld: column 'vat_rate': the VAT rate is "
			        "missing", ck->file, en.line);
		if (!en.payment && !en.in_hours)
			problem(ck, "%s:%ld: column 'payment': the payment method "
			        "is missing", ck->file, en.line);
		if (ck->have_ps && entry_check(&ck->p, &ck->ps, &copy, &fe) != 0)
			problem(ck, "%s", fe.msg);
		remember(ck, &en);
	}
	if (en.in_hours && (cell = hours_cell(ck, en.participant, en.date))) {
		char d[DATE_BUFSZ], h[MONEY_BUFSZ];
		bool over = *cell <= 2400;
		*cell += en.kind == KIND_VOID ? -en.hours : en.hours;
		/* Named on the row that goes over. */
		if (over && *cell > 2400)
			problem(ck, "%s:%ld: %s works %s hours on %s: 24 at most a "
			        "day", ck->file, en.line, en.participant,
			        money_format(*cell, h), date_format(en.date, d));
	}
	if (!en.in_hours && ck->cash && en.date >= ck->p.start &&
	    en.date <= ck->p.end) {
		size_t d = (size_t)(en.date - ck->p.start);
		char what = en.kind == KIND_VOID ? en.ref[0] : en.id[0];
		if (what == 'K')
			ck->counted[d] = true;
		else if (what == 'S' && en.payment == PAY_CASH)
			ck->cash[d] += en.kind == KIND_VOID ? -en.amount : en.amount;
	}
	return 0;
}

static void check_file(struct checker *ck, const char *file,
                       const char *shown, enum source src)
{
	char path[PATH_MAX];
	struct fc_error fe;

	int rc;

	ck->file = shown;
	ck->src = src;
	ck->header_failed = false;
	if (project_path(ck->dir, file, path, sizeof path) < 0)
		return;
	/* A structural fault (malformed CSV, a ragged row, a torn last line)
	 * stops the file; a bad header was named already.  A file that
	 * cannot be read is no problem of the data: the check fails. */
	rc = table_read(path, shown, TABLE_FINAL_NEWLINE | TABLE_RAGGED,
	                check_row, ck, &fe);
	if (rc == FC_IOERR && !ck->ioerr.code)
		ck->ioerr = fe;
	else if (rc && !ck->header_failed)
		problem(ck, "%s", fe.msg);
}

static void uncounted_days(struct checker *ck)
{
	char d[DATE_BUFSZ], msg[PATH_MAX + 128];
	for (size_t i = 0; ck->cash && i < ck->ndays; i++)
		if (ck->cash[i] != 0 && !ck->counted[i]) {
			snprintf(msg, sizeof msg, _("%s: warning: %s has cash sales "
			         "but no count of the drawer"), ck->ledger,
			         date_format(ck->p.start + (int32_t)i, d));
			ck->fn(ck->ctx, msg, true);
			ck->st->warnings++;
		}
}

static void check_voids_gapless(struct checker *ck)
{
	for (unsigned long long n = 1; n <= ck->vmax; n++)
		if (!ck->vseen[n]) {
			problem(ck, "%s: void id V%05llu is missing (ids run to "
			        "V%05llu)", ck->ledger, n, ck->vmax);
			break;
		}
}

static void seal_problem(void *ctx, const char *file, const char *what)
{
	struct checker *ck = ctx;
	char shown[PATH_MAX + 32];
	problem(ck, "%s: %s", project_shown(ck->dir, file, shown, sizeof shown),
	        what);
	ck->st->sealed++;
}

int check_project(const char *dir, bool locked, check_fn fn, void *ctx,
                  struct check_stats *st, struct fc_error *e)
{
	struct checker ck = { 0 };
	struct store_lock lock = { -1 };
	struct fc_error fe;
	int rc;

	memset(st, 0, sizeof *st);
	ck.dir = dir;
	ck.fn = fn;
	ck.ctx = ctx;
	ck.st = st;
	project_shown(dir, PROJECT_LEDGER, ck.ledger, sizeof ck.ledger);
	project_shown(dir, PROJECT_HOURS, ck.hours_file, sizeof ck.hours_file);
	if ((rc = project_load(dir, &ck.p, &fe))) {
		if (rc == FC_NOINPUT || rc == FC_IOERR)
			return fc_fail(e, rc, "%s", fe.msg);
		problem(&ck, "%s", fe.msg);
		return FC_DATAERR;
	}
	/* Writers wait while the files are read: no half-written state. */
	if (!locked && (rc = store_lock(dir, false, &lock, e))) {
		project_free(&ck.p);
		return rc;
	}
	ck.ndays = (size_t)(ck.p.end - ck.p.start + 1);
	ck.cash = calloc(ck.ndays, sizeof *ck.cash);
	ck.counted = calloc(ck.ndays, sizeof *ck.counted);
	if (!ck.cash || !ck.counted)
		ck.ioerr.code = fc_fail(&ck.ioerr, FC_IOERR, "out of memory");
	else if ((rc = participants_load(dir, &ck.ps, &fe)) == FC_IOERR)
		ck.ioerr = fe;
	else if (rc)
		problem(&ck, "%s", fe.msg);
	else {
		ck.have_ps = true;
		st->participants = ck.ps.n;
		ck.hours = calloc(ck.ps.n * ck.ndays + 1, sizeof *ck.hours);
		if (!ck.hours)
			fc_fail(&ck.ioerr, FC_IOERR, "out of memory");
	}
	if (ck.ioerr.code)
		goto out;
	check_file(&ck, PROJECT_LEDGER, ck.ledger, FROM_LEDGER);
	check_file(&ck, PROJECT_HOURS, ck.hours_file, FROM_HOURS);
	check_voids_gapless(&ck);
	uncounted_days(&ck);
	if (project_closed(dir) && seal_verify(dir, seal_problem, &ck, &fe) < 0)
		problem(&ck, "%s", fe.msg);
out:
	store_unlock(&lock);
	free(ck.s.v);
	free(ck.c.v);
	free(ck.k.v);
	free(ck.h.v);
	free(ck.vseen);
	free(ck.hours);
	free(ck.cash);
	free(ck.counted);
	if (ck.have_ps)
		participants_free(&ck.ps);
	project_free(&ck.p);
	if (ck.ioerr.code)
		return fc_fail(e, ck.ioerr.code, "%s", ck.ioerr.msg);
	return st->problems ? FC_DATAERR : FC_OK;
}
