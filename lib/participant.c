#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flashcoop/array.h"
#include "flashcoop/date.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"

static const char *const columns[PARTICIPANT_NCOLS] = {
	"id", "name", "contract", "enrolled", "withdrawn", "gender",
	"birth_year", "status_at_entry", "referrer", "note", "contract_type",
	"education", "qpv", "disability", "exit_status", "exit_date",
	"status_6_months"
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
	free(p->contract_type);
	free(p->education);
	free(p->qpv);
	free(p->disability);
	free(p->exit_status);
	free(p->status_6m);
}

void participants_free(struct participants *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		free_one(&ps->v[i]);
	free(ps->v);
	memset(ps, 0, sizeof *ps);
}

/* The values of the listed columns, and the lists as messages and man
 * pages give them (participant_values). */
static const char *const contract_types[] = { "CAPE", "CESA", "CDD",
                                              "other", NULL };
static const char *const levels[] = { "none", "3", "4", "5", "6", "7", "8",
                                      NULL };
static const char *const yes_no[] = { "yes", "no", NULL };
static const char *const outcomes[] = { "employment", "training",
                                        "job-search", "other", NULL };

static const char *const *const lists[PARTICIPANT_NCOLS] = {
	[PC_CONTRACT_TYPE] = contract_types, [PC_EDUCATION] = levels,
	[PC_QPV] = yes_no, [PC_DISABILITY] = yes_no,
	[PC_EXIT_STATUS] = outcomes, [PC_STATUS_6M] = outcomes,
};

static const char *const list_text[PARTICIPANT_NCOLS] = {
	[PC_CONTRACT_TYPE] = "CAPE CESA CDD other",
	[PC_EDUCATION] = "none 3 4 5 6 7 8",
	[PC_QPV] = "yes no", [PC_DISABILITY] = "yes no",
	[PC_EXIT_STATUS] = "employment training job-search other",
	[PC_STATUS_6M] = "employment training job-search other",
};

const char *participant_col_name(enum participant_col c)
{
	return columns[c];
}

const char *participant_values(enum participant_col c)
{
	return list_text[c];
}

const char *participant_canonical(enum participant_col c, const char *v)
{
	if (!lists[c] || !*v)
		return v;
	for (const char *const *w = lists[c]; *w; w++)
		if (strcasecmp(*w, v) == 0)
			return *w;
	return NULL;
}

/* A listed value, exactly as the list spells it (or empty: unknown). */
static bool listed(enum participant_col c, const char *v)
{
	if (!lists[c] || !*v)
		return true;
	for (const char *const *w = lists[c]; *w; w++)
		if (strcmp(*w, v) == 0)
			return true;
	return false;
}

int participant_check(const struct participant *p, struct fc_error *e)
{
	const struct { enum participant_col c; const char *v; } f[] = {
		{ PC_NAME, p->name }, { PC_CONTRACT, p->contract },
		{ PC_GENDER, p->gender }, { PC_STATUS, p->status },
		{ PC_REFERRER, p->referrer }, { PC_NOTE, p->note },
		{ PC_CONTRACT_TYPE, p->contract_type },
		{ PC_EDUCATION, p->education }, { PC_QPV, p->qpv },
		{ PC_DISABILITY, p->disability },
		{ PC_EXIT_STATUS, p->exit_status },
		{ PC_STATUS_6M, p->status_6m },
	};
	char q[TEXT_QUOTE_SIZE];

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		const char *why = f[i].v ? text_problem(f[i].v) : NULL;
		if (why)
			return fc_fail(e, FC_DATAERR, "%s '%s' %s",
			               columns[f[i].c],
			               text_quote(f[i].v, q, sizeof q), why);
		if (f[i].v && !listed(f[i].c, f[i].v))
			return fc_fail(e, FC_DATAERR, "%s '%s' is not one of: %s",
			               columns[f[i].c],
			               text_quote(f[i].v, q, sizeof q),
			               list_text[f[i].c]);
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
	if (p->exit_date != DATE_NONE && p->exit_date < p->enrolled)
		return fc_fail(e, FC_DATAERR, "the exit date comes before "
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

/* Where p keeps the text of column c, or NULL for the id, the dates and
 * the year. */
static char **text_slot(struct participant *p, enum participant_col c)
{
	switch (c) {
	case PC_NAME: return &p->name;
	case PC_CONTRACT: return &p->contract;
	case PC_GENDER: return &p->gender;
	case PC_STATUS: return &p->status;
	case PC_REFERRER: return &p->referrer;
	case PC_NOTE: return &p->note;
	case PC_CONTRACT_TYPE: return &p->contract_type;
	case PC_EDUCATION: return &p->education;
	case PC_QPV: return &p->qpv;
	case PC_DISABILITY: return &p->disability;
	case PC_EXIT_STATUS: return &p->exit_status;
	case PC_STATUS_6M: return &p->status_6m;
	default: return NULL;
	}
}

const char *participant_field(const struct participant *p,
                              enum participant_col c, char *buf)
{
	char **slot = text_slot((struct participant *)p, c);
	int32_t day = c == PC_ENROLLED ? p->enrolled :
	              c == PC_WITHDRAWN ? p->withdrawn :
	              c == PC_EXIT_DATE ? p->exit_date : DATE_NONE;

	if (slot)
		return *slot ? *slot : "";
	if (c == PC_ID)
		return p->id;
	*buf = '\0';
	if (c == PC_BIRTH_YEAR && p->birth_year)
		snprintf(buf, DATE_BUFSZ, "%d", p->birth_year);
	else if (c != PC_BIRTH_YEAR && day != DATE_NONE)
		date_format(day, buf);
	return buf;
}

int participant_set(struct participant *p, enum participant_col c,
                    const char *v, struct fc_error *e)
{
	char **slot = text_slot(p, c);
	int32_t *day = c == PC_EXIT_DATE ? &p->exit_date :
	               c == PC_WITHDRAWN ? &p->withdrawn :
	               c == PC_ENROLLED ? &p->enrolled : NULL;
	char q[TEXT_QUOTE_SIZE];

	if (slot) {
		*slot = (char *)v;
	} else if (day) {
		*day = DATE_NONE;
		if (*v && date_parse(v, day) < 0)
			return fc_fail(e, FC_DATAERR, "%s '%s' is not a date "
			               "(YYYY-MM-DD)", columns[c],
			               text_quote(v, q, sizeof q));
	} else if (c == PC_BIRTH_YEAR) {
		char *end;
		long y = *v ? strtol(v, &end, 10) : 0;
		if (*v && (*end || v[0] < '0' || v[0] > '9' || y < 1900 ||
		           y > 9999))
			return fc_fail(e, FC_DATAERR, "birth_year '%s' is not a "
			               "year", text_quote(v, q, sizeof q));
		p->birth_year = (int)y;
	}
	return 0;
}

struct loading {
	struct participants *ps;
	int *col;
};

/* The header: where each of our columns is; id, name, contract and
 * enrolled are required. */
static int read_header(struct loading *ld, const struct table_row *r,
                       struct fc_error *e)
{
	ld->ps->ncols = r->ncols;
	for (size_t i = 0; i < NCOLS; i++) {
		ld->col[i] = table_col(r, columns[i]);
		if (i <= PC_ENROLLED && ld->col[i] < 0)
			return fc_fail(e, FC_DATAERR, "%s:1: no '%s' column",
			               r->name, columns[i]);
	}
	return 0;
}

/* The date of column c ("" leaves DATE_NONE, but for enrolled). */
static int read_date(const struct table_row *r, const int *col,
                     enum participant_col c, int32_t *out,
                     struct fc_error *e)
{
	const char *v = table_get(r, col[c]);
	char q[TEXT_QUOTE_SIZE];

	*out = DATE_NONE;
	if ((*v || c == PC_ENROLLED) && date_parse(v, out) < 0)
		return fc_fail(e, FC_DATAERR, "%s:%ld: %s '%s' is not a date",
		               r->name, r->line, columns[c],
		               text_quote(v, q, sizeof q));
	return 0;
}

/* The id, the dates and the year of a row. */
static int read_fixed(struct loading *ld, const struct table_row *r,
                      struct participant *p, struct fc_error *e)
{
	const char *v = table_get(r, ld->col[PC_ID]);
	char q[TEXT_QUOTE_SIZE];
	int rc;

	if (participant_number(v) < 0 || strlen(v) >= sizeof p->id)
		return fc_fail(e, FC_DATAERR, "%s:%ld: id '%s' is not a "
		               "participant id like P001", r->name, r->line,
		               text_quote(v, q, sizeof q));
	if (participants_find(ld->ps, v))
		return fc_fail(e, FC_DATAERR, "%s:%ld: id %s appears twice",
		               r->name, r->line, v);
	strcpy(p->id, v);
	if ((rc = read_date(r, ld->col, PC_ENROLLED, &p->enrolled, e)) ||
	    (rc = read_date(r, ld->col, PC_WITHDRAWN, &p->withdrawn, e)) ||
	    (rc = read_date(r, ld->col, PC_EXIT_DATE, &p->exit_date, e)))
		return rc;
	v = table_get(r, ld->col[PC_BIRTH_YEAR]);
	if (*v) {
		char *end;
		long y = strtol(v, &end, 10);
		if (*end || y < 1900 || y > 9999 || v[0] < '0' || v[0] > '9')
			return fc_fail(e, FC_DATAERR, "%s:%ld: birth_year '%s' is "
			               "not a year", r->name, r->line,
			               text_quote(v, q, sizeof q));
		p->birth_year = (int)y;
	}
	return 0;
}

static int read_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct loading *ld = ctx;
	struct participants *ps = ld->ps;
	struct participant p = { 0 };
	int rc;

	if (r->header)
		return read_header(ld, r, e);
	p.line = r->line;
	if ((rc = read_fixed(ld, r, &p, e)))
		return rc;
	for (int c = 0; c < NCOLS; c++) {
		char **slot = text_slot(&p, c);
		if (slot && !(*slot = strdup(table_get(r, ld->col[c])))) {
			free_one(&p);
			return fc_fail(e, FC_IOERR, "out of memory");
		}
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
