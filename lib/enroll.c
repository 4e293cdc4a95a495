#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/amend.h"
#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/enroll.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/store.h"
#include "flashcoop/text.h"
#include "flashcoop/strset.h"
#include "flashcoop/verify.h"

/* ---- withdrawals ---- */

struct later {
	const char *id;
	int32_t day;
	struct strset rows, voided;
};

static int later_row(void *ctx, const struct row *en, struct fc_error *e)
{
	struct later *l = ctx;
	if (en->kind == KIND_VOID) {
		if (strset_add(&l->voided, en->ref, NULL) < 0)
			return fc_fail(e, FC_IOERR, "out of memory");
	} else if (strcmp(en->participant, l->id) == 0 && en->date >= l->day) {
		char *where = malloc(strlen(en->file) + 32);
		if (!where)
			return fc_fail(e, FC_IOERR, "out of memory");
		snprintf(where, strlen(en->file) + 32, "%s:%ld", en->file,
		         en->line);
		if (strset_add(&l->rows, en->id, where) < 0) {
			free(where);
			return fc_fail(e, FC_IOERR, "out of memory");
		}
	}
	return 0;
}

/* May participant id withdraw on day?  Not when a sale or hours row of
 * theirs, not voided, is dated that day or later (FC_DATAERR naming it):
 * the withdrawal would make it wrong. */
static int no_later_rows(const struct project *p, const char *id,
                         int32_t day, struct fc_error *e)
{
	struct later l = { id, day, { 0 }, { 0 } };
	char d[DATE_BUFSZ];
	int rc = rows_read(p->dir, ROWS_LEDGER | ROWS_HOURS, later_row,
	                      &l, e);

	for (size_t i = 0; !rc && i < l.rows.cap; i++)
		if (l.rows.slot[i] && !strset_has(&l.voided, l.rows.slot[i]))
			rc = fc_fail(e, FC_DATAERR, "%s: %s of %s is dated on or "
			             "after %s: withdraw later, or void it first",
			             (char *)l.rows.val[i], l.rows.slot[i], id,
			             date_format(day, d));
	for (size_t i = 0; i < l.rows.cap; i++)
		if (l.rows.slot[i])
			free(l.rows.val[i]);
	strset_free(&l.rows);
	strset_free(&l.voided);
	return rc;
}

/* ---- under the lock ---- */

static int add(const struct writer *w, void *arg, struct fc_error *e)
{
	const struct project *pr = w->p;
	const struct participants *ps = w->ps;
	struct participant *p = arg;
	struct buf line = { 0 };
	char path[PATH_MAX];
	int rc;

	if ((rc = participants_check_new(pr, ps, p, e)) ||
	    (rc = participants_next_id(ps, p->id, sizeof p->id, e)))
		return rc;
	/* An older file lacks a column the row needs: written anew with it. */
	if ((rc = participant_format(&line, p, ps, e)) == 1)
		return participants_rewrite(pr->dir, NULL, NULL, p, e);
	if (rc)
		return rc;
	if (project_path(pr->dir, PROJECT_PARTICIPANTS, path, sizeof path) < 0)
		rc = fc_fail(e, FC_IOERR, "%s: path too long", pr->dir);
	else
		rc = store_append(path, line.p, line.len, e);
	buf_free(&line);
	return rc;
}

int enroll_add(const struct project *pr, struct participant *p,
               struct fc_error *e)
{
	return verify_write(pr, WRITE_FIRST, add, p, e);
}

struct withdrawal {
	const char *id, *reason;
	int32_t day;
};

static int withdraw(const struct writer *wr, void *arg, struct fc_error *e)
{
	const struct project *pr = wr->p;
	const struct participants *ps = wr->ps;
	const struct withdrawal *w = arg;
	const char *bad = text_problem(w->reason);
	const char *set[PARTICIPANT_NCOLS] = { 0 };
	char date[DATE_BUFSZ], note[2 * TEXT_MAX + 16];
	const struct participant *p;
	int rc = bad ? fc_fail(e, FC_DATAERR, "--reason %s", bad) :
	         participants_check_withdraw(pr, ps, w->id, w->day, e);

	if (!rc)
		rc = no_later_rows(pr, w->id, w->day, e);
	if (rc)
		return rc;
	p = participants_find(ps, w->id);
	set[PC_WITHDRAWN] = date_format(w->day, date);
	if (*w->reason) {
		snprintf(note, sizeof note, "%s%swithdrawn: %s", p->note,
		         *p->note ? "; " : "", w->reason);
		if (strlen(note) > TEXT_MAX)
			return fc_fail(e, FC_DATAERR, "the reason makes the "
			               "note longer than %d bytes", TEXT_MAX);
		set[PC_NOTE] = note;
	}
	return participants_rewrite(pr->dir, w->id, set, NULL, e);
}

int enroll_withdraw(const struct project *pr, const char *id, int32_t day,
                    const char *reason, struct fc_error *e)
{
	struct withdrawal w = { id, reason, day };
	return verify_write(pr, WRITE_FIRST, withdraw, &w, e);
}

/* ---- updates, anonymisation ---- */

struct update {
	const char *id;
	const char *const *set;
	int32_t today;
};

/* After the closing only the outcomes may change: FC_CLOSED naming the
 * first other value given. */
static int closed_fields(const char *dir, const char *const *set,
                         struct fc_error *e)
{
	for (int c = 0; c < PARTICIPANT_NCOLS; c++)
		if (set[c] && !amend_outcome(c))
			return fc_fail(e, FC_CLOSED, "%s: the project is closed: "
			               "only education, qpv, disability, "
			               "exit_status, exit_date and status_6_months "
			               "change after the closing, not %s", dir,
			               participant_col_name(c));
	return amend_possible(dir, e);
}

/* p with the values of set, checked as at enrolment; a status at exit
 * without a date gets the withdrawal's, or the project's end. */
static int updated(const struct project *pr, const struct participants *ps,
                   const struct participant *p, const char **set,
                   char *date, struct participant *q, struct fc_error *e)
{
	int rc;

	*q = *p;
	for (int c = 0; c < PARTICIPANT_NCOLS; c++)
		if (set[c] && (rc = participant_set(q, c, set[c], e)))
			return rc;
	if (set[PC_EXIT_STATUS] && *set[PC_EXIT_STATUS] &&
	    q->exit_date == DATE_NONE) {
		q->exit_date = p->withdrawn != DATE_NONE ? p->withdrawn :
		               pr->end;
		set[PC_EXIT_DATE] = date_format(q->exit_date, date);
	}
	if (set[PC_CONTRACT])
		for (size_t i = 0; i < ps->n; i++)
			if (&ps->v[i] != p &&
			    strcmp(ps->v[i].contract, q->contract) == 0)
				return fc_fail(e, FC_DATAERR, "contract '%s' is "
				               "already %s's", q->contract,
				               ps->v[i].id);
	return participant_check(q, e);
}

static int update(const struct writer *wr, void *arg, struct fc_error *e)
{
	const struct update *u = arg;
	const char *dir = wr->p->dir, *set[PARTICIPANT_NCOLS];
	const struct participant *p = participants_find(wr->ps, u->id);
	bool closed = project_closed(dir);
	struct participant q;
	struct buf people = { 0 };
	char date[DATE_BUFSZ], qid[TEXT_QUOTE_SIZE];
	int rc;

	memcpy(set, u->set, sizeof set);
	if (!p)
		return fc_fail(e, FC_DATAERR, "no participant '%s'",
		               text_quote(u->id, qid, sizeof qid));
	if ((closed && (rc = closed_fields(dir, set, e))) ||
	    (rc = updated(wr->p, wr->ps, p, set, date, &q, e)))
		return rc;
	if (!closed)
		return participants_rewrite(dir, u->id, set, NULL, e);
	if (!(rc = participants_text(dir, u->id, set, NULL, &people, e)))
		rc = amend_commit(dir, u->today, NULL, &people, NULL, e);
	buf_free(&people);
	return rc;
}

int enroll_update(const struct project *pr, const char *id,
                  const char *const set[PARTICIPANT_NCOLS], int32_t today,
                  struct fc_error *e)
{
	struct update u = { id, set, today };
	return verify_write(pr, WRITE_AMEND, update, &u, e);
}

/* The period's archive of dir, when one is there: it holds the names. */
static int archive_here(const struct project *pr, struct fc_error *e)
{
	DIR *d = opendir(pr->dir);
	struct dirent *de;
	size_t n = strlen(pr->id);
	int rc = 0;

	if (!d)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot read", pr->dir);
	while (!rc && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len > n + 5 && strncmp(de->d_name, pr->id, n) == 0 &&
		    de->d_name[n] == '-' &&
		    strcmp(de->d_name + len - 4, ".tar") == 0)
			rc = fc_fail(e, FC_DATAERR, "%s/%s holds the names: it is "
			             "the period's archive, to keep as long as the "
			             "law asks, out of the project folder; move it "
			             "out, then anonymise", pr->dir, de->d_name);
	}
	closedir(d);
	return rc;
}

static int anonymise(const struct writer *wr, void *arg, struct fc_error *e)
{
	const struct update *u = arg;
	const char *dir = wr->p->dir;
	const struct participant *p = participants_find(wr->ps, u->id);
	const char *set[PARTICIPANT_NCOLS] = { 0 };
	char pseudonym[64], qid[TEXT_QUOTE_SIZE];
	struct buf people = { 0 }, closing = { 0 };
	int rc;

	if (!project_closed(dir))
		return fc_fail(e, FC_DATAERR, "%s: not closed yet: a participant "
		               "is anonymised after the closing", dir);
	if (!p)
		return fc_fail(e, FC_DATAERR, "no participant '%s'",
		               text_quote(u->id, qid, sizeof qid));
	snprintf(pseudonym, sizeof pseudonym, "anonymised-%s", p->id);
	if (strcmp(p->name, pseudonym) == 0)
		return fc_fail(e, FC_DATAERR, "%s is already anonymised", p->id);
	if ((rc = amend_possible(dir, e)) || (rc = archive_here(wr->p, e)))
		return rc;
	set[PC_NAME] = set[PC_CONTRACT] = pseudonym;
	set[PC_NOTE] = "";
	if (!(rc = participants_text(dir, p->id, set, NULL, &people, e)) &&
	    !(rc = amend_closing_names(dir, p->id, pseudonym, &closing, e)))
		rc = amend_commit(dir, u->today, p->id, &people, &closing, e);
	buf_free(&people);
	buf_free(&closing);
	return rc;
}

int enroll_anonymise(const struct project *pr, const char *id, int32_t today,
                     struct fc_error *e)
{
	struct update u = { id, NULL, today };
	return verify_write(pr, WRITE_AMEND, anonymise, &u, e);
}

int enroll_read(const struct project *pr, struct participants *ps,
                struct fc_error *e)
{
	struct store_lock lock;
	int rc;

	memset(ps, 0, sizeof *ps);
	if ((rc = store_lock(pr->dir, false, &lock, e)))
		return rc;
	if (!(rc = verify_read(pr->dir, &lock, NULL, NULL, e)))
		rc = participants_load(pr->dir, ps, e);
	store_unlock(&lock);
	return rc;
}
