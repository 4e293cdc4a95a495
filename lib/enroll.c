#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	    (rc = participants_next_id(ps, p->id, sizeof p->id, e)) ||
	    (rc = participant_format(&line, p, ps, e)))
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
	int rc = bad ? fc_fail(e, FC_DATAERR, "--reason %s", bad) :
	         participants_check_withdraw(pr, ps, w->id, w->day, e);

	if (!rc)
		rc = no_later_rows(pr, w->id, w->day, e);
	return rc ? rc : participants_withdraw(pr->dir, w->id, w->day,
	                                       w->reason, e);
}

int enroll_withdraw(const struct project *pr, const char *id, int32_t day,
                    const char *reason, struct fc_error *e)
{
	struct withdrawal w = { id, reason, day };
	return verify_write(pr, WRITE_FIRST, withdraw, &w, e);
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
