#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/date.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"

static const char *const columns[PARTICIPANT_NCOLS] = {
	"id", "name", "contract", "enrolled", "withdrawn", "gender",
	"birth_year", "status_at_entry", "referrer", "note"
};
#define NCOLS PARTICIPANT_NCOLS

bool participant_active(const struct participant *p, int32_t day)
{
	return day >= p->enrolled &&
	       (p->withdrawn == DATE_NONE || day < p->withdrawn);
}

/* Ids are short: compared in place, without a call (every row of a
 * ledger looks its participant up). */
static bool same_id(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

struct participant *participants_find(const struct participants *ps,
                                      const char *id)
{
	long n = participant_number(id);

	/* P00n is the n-th row of a file enroll wrote. */
	if (n > 0 && (size_t)n <= ps->n && same_id(ps->v[n - 1].id, id))
		return &ps->v[n - 1];
	for (size_t i = 0; i < ps->n; i++)
		if (same_id(ps->v[i].id, id))
			return &ps->v[i];
	return NULL;
}

/* "P001" -> 1; -1 when not an id of that form. */
long participant_number(const char *id)
{
	long n = 0;
	size_t digits = 0;

	if (id[0] != 'P')
		return -1;
	for (const char *s = id + 1; *s; s++, digits++) {
		if (*s < '0' || *s > '9' || n > 99999)
			return -1;
		n = n * 10 + (*s - '0');
	}
	/* One number, one id: P001, not P0001 (a zero beyond three
	 * digits would make two participants of one number). */
	if (digits < 3 || n <= 0 || n > 99999 || (digits > 3 && id[1] == '0'))
		return -1;
	return n;
}

int participants_next_id(const struct participants *ps, char *id,
                         size_t size, struct fc_error *e)
{
	long n = 0;

	/* The highest, not the last: a file edited by hand may be out of
	 * order. */
	for (size_t i = 0; i < ps->n; i++)
		if (participant_number(ps->v[i].id) > n)
			n = participant_number(ps->v[i].id);
	if (n >= 99999)
		return fc_fail(e, FC_DATAERR, "no participant id left");
	snprintf(id, size, "P%03ld", n + 1);
	return 0;
}

static void free_one(struct participant *p)
{
	free(p->name);
	free(p->contract);
	free(p->gender);
	free(p->status);
	free(p->referrer);
	free(p->note);
}

void participants_free(struct participants *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		free_one(&ps->v[i]);
	free(ps->v);
	memset(ps, 0, sizeof *ps);
}

int participant_check(const struct participant *p, struct fc_error *e)
{
	const struct { const char *what, *v; } f[] = {
		{ "name", p->name }, { "contract", p->contract },
		{ "gender", p->gender }, { "status", p->status },
		{ "referrer", p->referrer }, { "note", p->note },
	};
	char q[TEXT_QUOTE_SIZE];

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		const char *why = f[i].v ? text_problem(f[i].v) : NULL;
		if (why)
			return fc_fail(e, FC_DATAERR, "%s '%s' %s", f[i].what,
			               text_quote(f[i].v, q, sizeof q), why);
	}
	if (!p->name || !*p->name)
		return fc_fail(e, FC_DATAERR, "the name is empty");
	if (!p->contract || !*p->contract)
		return fc_fail(e, FC_DATAERR, "the contract reference is empty");
	if (p->birth_year && (p->birth_year < 1900 || p->birth_year > 9999))
		return fc_fail(e, FC_DATAERR, "birth year %d is not a year",
		               p->birth_year);
	if (p->withdrawn != DATE_NONE && p->withdrawn < p->enrolled)
		return fc_fail(e, FC_DATAERR, "withdrawal comes before "
		               "enrolment");
	return 0;
}

int participants_check_new(const struct project *pr,
                           const struct participants *ps,
                           const struct participant *p, struct fc_error *e)
{
	char d[DATE_BUFSZ];

	if (p->enrolled > pr->end)
		return fc_fail(e, FC_DATAERR, "enrolment date %s is after the "
		               "project's end; give --date",
		               date_format(p->enrolled, d));
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].contract, p->contract) == 0)
			return fc_fail(e, FC_DATAERR, "contract '%s' is already "
			               "%s's", p->contract, ps->v[i].id);
	return participant_check(p, e);
}

int participants_check_withdraw(const struct project *pr,
                                const struct participants *ps,
                                const char *id, int32_t day,
                                struct fc_error *e)
{
	const struct participant *p = participants_find(ps, id);
	char d[DATE_BUFSZ], d2[DATE_BUFSZ], q[TEXT_QUOTE_SIZE];

	if (!p)
		return fc_fail(e, FC_DATAERR, "no participant '%s'",
		               text_quote(id, q, sizeof q));
	if (p->withdrawn != DATE_NONE)
		return fc_fail(e, FC_DATAERR, "%s already withdrew on %s",
		               p->id, date_format(p->withdrawn, d));
	if (day < p->enrolled)
		return fc_fail(e, FC_DATAERR, "%s was enrolled on %s, after %s",
		               p->id, date_format(p->enrolled, d),
		               date_format(day, d2));
	/* The withdrawal date is the first day without the participant: the
	 * day after the end is the last one that makes sense. */
	if (day > pr->end + 1)
		return fc_fail(e, FC_DATAERR, "withdrawal date %s is past the "
		               "project's end; give --date", date_format(day, d));
	return 0;
}

struct loading {
	struct participants *ps;
	int *col;
};

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static int read_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct loading *ld = ctx;
	struct participants *ps = ld->ps;
	struct participant p = { 0 };
	const char *v;
	char q[TEXT_QUOTE_SIZE];
	int rc;

	if (r->header) {
		ps->ncols = r->ncols;
		for (size_t i = 0; i < NCOLS; i++) {
			ld->col[i] = table_col(r, columns[i]);
			/* id, name, contract and enrolled are required */
			if (i < 4 && ld->col[i] < 0)
				return fc_fail(e, FC_DATAERR, "%s:1: no '%s' column",
				               r->name, columns[i]);
		}
		return 0;
	}
	p.line = r->line;
	v = table_get(r, ld->col[0]);
	if (participant_number(v) < 0 || strlen(v) >= sizeof p.id)
		return fc_fail(e, FC_DATAERR, "%s:%ld: id '%s' is not a "
		               "participant id like P001", r->name, r->line,
		               text_quote(v, q, sizeof q));
	if (participants_find(ps, v))
		return fc_fail(e, FC_DATAERR, "%s:%ld: id %s appears twice",
		               r->name, r->line, v);
	strcpy(p.id, v);
	if (date_parse(table_get(r, ld->col[3]), &p.enrolled) < 0)
		return fc_fail(e, FC_DATAERR, "%s:%ld: enrolled '%s' is not a "
		               "date", r->name, r->line,
		               text_quote(table_get(r, ld->col[3]), q, sizeof q));
	v = table_get(r, ld->col[4]);
	p.withdrawn = DATE_NONE;
	if (*v && date_parse(v, &p.withdrawn) < 0)
		return fc_fail(e, FC_DATAERR, "%s:%ld: withdrawn '%s' is not a "
		               "date", r->name, r->line, text_quote(v, q, sizeof q));
	v = table_get(r, ld->col[6]);
	if (*v) {
		char *end;
		long y = strtol(v, &end, 10);
		if (*end || y < 1900 || y > 9999 || v[0] < '0' || v[0] > '9')
			return fc_fail(e, FC_DATAERR, "%s:%ld: birth_year '%s' is "
			               "not a year", r->name, r->line,
			               text_quote(v, q, sizeof q));
		p.birth_year = (int)y;
	}
	p.name = dup(table_get(r, ld->col[1]));
	p.contract = dup(table_get(r, ld->col[2]));
	p.gender = dup(table_get(r, ld->col[5]));
	p.status = dup(table_get(r, ld->col[7]));
	p.referrer = dup(table_get(r, ld->col[8]));
	p.note = dup(table_get(r, ld->col[9]));
	if (!p.name || !p.contract || !p.gender || !p.status || !p.referrer ||
	    !p.note) {
		free_one(&p);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	if ((rc = participant_check(&p, e))) {
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		free_one(&p);
		return fc_fail(e, rc, "%s:%ld: %s", r->name, r->line, msg);
	}
	if (array_reserve(&ps->v, &ps->cap, ps->n + 1, sizeof *ps->v) < 0) {
		free_one(&p);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	ps->v[ps->n++] = p;
	return 0;
}

int participants_load(const char *dir, struct participants *ps,
                      struct fc_error *e)
{
	char path[PATH_MAX], shown[PATH_MAX + 32];
	/* ps is filled here: it need not be set by the caller */
	/* cppcheck-suppress ctuuninitvar */
	struct loading ld = { ps, ps->col };
	int rc;

	memset(ps, 0, sizeof *ps);
	if (project_path(dir, PROJECT_PARTICIPANTS, path, sizeof path) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	rc = store_table(path, project_shown(dir, PROJECT_PARTICIPANTS, shown,
	                                     sizeof shown),
	                 TABLE_FINAL_NEWLINE | TABLE_PROJECT, read_row, &ld, e);
	if (rc)
		participants_free(ps);
	return rc;
}

int participant_format(struct buf *b, const struct participant *p,
                       const struct participants *ps, struct fc_error *e)
{
	char enrolled[DATE_BUFSZ], withdrawn[DATE_BUFSZ] = "", year[16] = "";
	const char *f[NCOLS], *row[TABLE_MAX_COLS];

	date_format(p->enrolled, enrolled);
	if (p->withdrawn != DATE_NONE)
		date_format(p->withdrawn, withdrawn);
	if (p->birth_year)
		snprintf(year, sizeof year, "%d", p->birth_year);
	f[0] = p->id;
	f[1] = p->name;
	f[2] = p->contract;
	f[3] = enrolled;
	f[4] = withdrawn;
	f[5] = p->gender;
	f[6] = year;
	f[7] = p->status;
	f[8] = p->referrer;
	f[9] = p->note;
	if (!ps || !ps->ncols)
		return table_format_row(b, f, NCOLS) < 0 ?
		       fc_fail(e, FC_IOERR, "out of memory") : 0;
	/* In the file's own column order; a value with no column to go in
	 * is not dropped without a word. */
	for (size_t i = 0; i < ps->ncols && i < TABLE_MAX_COLS; i++)
		row[i] = "";
	for (size_t i = 0; i < NCOLS; i++) {
		if (ps->col[i] >= 0)
			row[ps->col[i]] = f[i];
		else if (*f[i])
			return fc_fail(e, FC_DATAERR, "%s:1: no '%s' column in the "
			               "header for the value '%s': add the column",
			               PROJECT_PARTICIPANTS, columns[i], f[i]);
	}
	return table_format_row(b, row, ps->ncols) < 0 ?
	       fc_fail(e, FC_IOERR, "out of memory") : 0;
}

/* Withdrawal rewrites participants.csv row by row, keeping every column
 * (those this version does not know too) and changing only two fields. */
struct withdrawing {
	const char *id, *date, *reason;
	struct buf out;
	int c_id, c_withdrawn, c_note;
	bool done;
};

static int withdraw_row(void *ctx, const struct table_row *r,
                        struct fc_error *e)
{
	struct withdrawing *w = ctx;
	const char *f[TABLE_MAX_COLS];
	char note[2 * TEXT_MAX + 16];

	if (r->header) {
		w->c_id = table_col(r, "id");
		w->c_withdrawn = table_col(r, "withdrawn");
		w->c_note = table_col(r, "note");
		if (w->c_id < 0 || w->c_withdrawn < 0 || w->c_note < 0)
			return fc_fail(e, FC_DATAERR, "%s:1: the header lacks id, "
			               "withdrawn or note", r->name);
	}
	for (size_t i = 0; i < r->n; i++)
		f[i] = r->field[i];
	if (!r->header && strcmp(r->field[w->c_id], w->id) == 0) {
		const char *old = r->field[w->c_note];
		f[w->c_withdrawn] = w->date;
		if (*w->reason) {
			snprintf(note, sizeof note, "%s%swithdrawn: %s", old,
			         *old ? "; " : "", w->reason);
			if (strlen(note) > TEXT_MAX)
				return fc_fail(e, FC_DATAERR, "the reason makes the "
				               "note longer than %d bytes", TEXT_MAX);
			f[w->c_note] = note;
		}
		w->done = true;
	}
	if (table_format_row(&w->out, f, r->n) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
	return 0;
}

int participants_withdraw(const char *dir, const char *id, int32_t day,
                          const char *reason, struct fc_error *e)
{
	char path[PATH_MAX], date[DATE_BUFSZ], shown[PATH_MAX + 32];
	struct withdrawing w = { id, date_format(day, date), reason,
	                         { 0 }, -1, -1, -1, false };
	int rc;

	if (project_path(dir, PROJECT_PARTICIPANTS, path, sizeof path) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	rc = store_table(path, project_shown(dir, PROJECT_PARTICIPANTS, shown,
	                                     sizeof shown),
	                 TABLE_FINAL_NEWLINE | TABLE_PROJECT, withdraw_row, &w, e);
	if (!rc && !w.done)
		rc = fc_fail(e, FC_DATAERR, "no participant %s", id);
	if (!rc)
		rc = store_replace(path, w.out.p, w.out.len, 0600, e);
	buf_free(&w.out);
	return rc;
}
