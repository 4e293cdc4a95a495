#include <string.h>

#include "flashcoop/close.h"
#include "flashcoop/date.h"
#include "flashcoop/i18n.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "flashcoop/totals.h"

/* The totals of the rows as verify streams them. */
static int add(void *ctx, const struct row *en, struct fc_error *e)
{
	return totals_add(ctx, en, e);
}

static int compute(const struct project *p, int32_t date, bool dry_run,
                   bool allow_uncounted, verify_fn fn, void *ctx,
                   struct closing *c, struct participants *ps,
                   struct store_lock *lock, struct fc_error *e)
{
	struct verify_stats st;
	struct totals t = { 0 };
	char d[DATE_BUFSZ];
	int rc;

	if (date < p->start)
		return fc_fail(e, FC_DATAERR, "closing date %s comes before the "
		               "project's start", date_format(date, d));
	if ((rc = project_check_open(p->dir, e)))
		return rc;
	/* One pass: every row checked, and added up as it goes by. */
	if ((rc = verify_project(p->dir, lock, fn, ctx, add, &t, &st, e))) {
		totals_free(&t);
		return rc == FC_DATAERR ?
		       fc_fail(e, rc, ngettext("%zu problem found: nothing closed",
		                               "%zu problems found: nothing closed",
		                               st.problems), st.problems) : rc;
	}
	if ((rc = participants_load(p->dir, ps, e))) {
		totals_free(&t);
		return rc;
	}
	rc = closing_compute(p, ps, &t, c, e);
	totals_free(&t);
	if (!rc && c->no_hours) {
		closing_free(c);
		rc = fc_fail(e, FC_DATAERR, "there is a result to share but no "
		             "hours are recorded: record the hours worked "
		             "(flashcoop-record hours) before closing");
	}
	if (!rc && c->uncounted && !allow_uncounted) {
		size_t n = c->uncounted;
		closing_free(c);
		rc = fc_fail(e, FC_DATAERR,
		             ngettext("%zu day with cash sales has no count of "
		                      "the drawer: count it (flashcoop-record "
		                      "count), or close with --allow-uncounted",
		                      "%zu days with cash sales have no count of "
		                      "the drawer: count them (flashcoop-record "
		                      "count), or close with --allow-uncounted", n),
		             n);
	}
	if (!rc && !dry_run && (rc = seal_write(p, c, date, e)))
		closing_free(c);
	if (rc)
		participants_free(ps);
	return rc;
}

int close_project(const struct project *p, int32_t date, bool dry_run,
                  bool allow_uncounted, verify_fn fn, void *ctx,
                  struct closing *c, struct participants *ps,
                  struct fc_error *e)
{
	struct store_lock lock;
	int rc;

	memset(c, 0, sizeof *c);
	memset(ps, 0, sizeof *ps);
	/* A dry run reads under a shared lock: writers wait, readers not. */
	if ((rc = store_lock(p->dir, !dry_run, &lock, e)))
		return rc;
	rc = compute(p, date, dry_run, allow_uncounted, fn, ctx, c, ps, &lock, e);
	store_unlock(&lock);
	return rc;
}
