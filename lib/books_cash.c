#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/date.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"

#include "books_internal.h"

/*
 * The drawer in the books.  A count's difference (counted - expected, the
 * day's opening being the opening cash or the last count) depends on every cash
 * row dated on or before its day, whenever it was recorded.  So that no
 * entry changes once booked, the rows are replayed in the books' order
 * and each time a counted day's difference changes, the change is booked
 * at the place of the row that made it: the first count of a day books
 * its difference, a cash sale recorded later for that day books the
 * correction.  They add up to the closing statement's cash difference.
 */

int books_cash_event(struct build *c, const struct row *en)
{
	int kind = row_counts_as(en), sign = en->kind == KIND_VOID ? -1 : 1;
	struct cash_event *ev;

	if (en->in_hours || en->payment != PAY_CASH ||
	    (kind != KIND_SALE && kind != KIND_CHARGE && kind != KIND_DEPOSIT &&
	     kind != KIND_COUNT))
		return 0;
	if (array_reserve(&c->cash, &c->capcash, c->ncash + 1,
	                  sizeof *c->cash) < 0)
		return books_oom(c->e);
	ev = &c->cash[c->ncash++];
	memset(ev, 0, sizeof *ev);
	ev->valid = books_valid_of(en);
	ev->term = books_term_of(c, en->terminal);
	ev->place = c->place;
	ev->day = en->date;
	ev->count = kind == KIND_COUNT;
	ev->amount = ev->count || kind == KIND_SALE ? sign * en->amount :
	             -sign * en->amount;
	if (ev->count)
		memcpy(ev->id, en->id, sizeof ev->id);
	return 0;
}

static int by_place(const void *a, const void *b)
{
	const struct cash_event *x = a, *y = b;
	if (x->valid != y->valid)
		return x->valid < y->valid ? -1 : 1;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return (x->place > y->place) - (x->place < y->place);
}

static int cash_float(struct build *c)
{
	struct book_entry *je;

	if (!c->p->cash_float)
		return 0;
	if (!(je = books_entry(c, J_CA, c->p->start, c->p->start, 0, 0)))
		return books_oom(c->e);
	if (books_piece(je, "FOND-CAISSE") < 0)
		return books_oom(c->e);
	snprintf(je->text, sizeof je->text, "Fonds de caisse apporté par la "
	         "CAE");
	if (books_line(je, books_acc_key(c->b, c->p, "cash"), c->p->cash_float,
	               false) < 0 ||
	    books_line(je, books_acc_key(c->b, c->p, "cae_current"),
	               -c->p->cash_float, false) < 0)
		return books_oom(c->e);
	return 0;
}

/* The drawer day by day, as replayed so far. */
struct drawer {
	int64_t *flow, *counted, *booked;
	bool *has;
	char (*id)[ID_SIZE];     /* each day's first count */
	size_t ndays;
};

/* Book the change of a day's difference from prev to cur: the drawer
 * (530) by the change, the shortage (658) and the surplus (758) each by
 * the change of its own part, so that a shortage made smaller is taken
 * back from 658 rather than put in 758. */
static int adjust(struct build *c, const struct cash_event *at,
                  int32_t day, const char *id, int64_t prev, int64_t cur)
{
	int64_t s_prev = prev < 0 ? -prev : 0, s_cur = cur < 0 ? -cur : 0;
	int64_t u_prev = prev > 0 ? prev : 0, u_cur = cur > 0 ? cur : 0;
	struct book_entry *je = books_entry(c, J_CA, day, at->valid, at->term,
	                                    at->place);
	char d[DATE_BUFSZ];

	if (!je)
		return books_oom(c->e);
	if (books_piece(je, id) < 0)
		return books_oom(c->e);
	snprintf(je->text, sizeof je->text, "Écart de caisse du %s%s (%s)",
	         date_format(day, d), prev ? " rectifié" : "",
	         cur < 0 ? "manquant" : cur > 0 ? "excédent" : "nul");
	if (books_line(je, books_acc_key(c->b, c->p, "cash"), cur - prev,
	               false) < 0 ||
	    books_line(je, books_acc_key(c->b, c->p, "cash_shortage"),
	               s_cur - s_prev, false) < 0 ||
	    books_line(je, books_acc_key(c->b, c->p, "cash_surplus"),
	               -(u_cur - u_prev), false) < 0)
		return books_oom(c->e);
	return 0;
}

/* After event at: every counted day's difference anew (the opening of a
 * day is the count of the day before, or what it expected), each change
 * booked. */
static int differences(struct build *c, struct drawer *w,
                       const struct cash_event *at)
{
	int64_t opening = c->p->cash_float, expected, diff;
	int rc;

	for (size_t i = 0; i < w->ndays; i++) {
		if (money_add(opening, w->flow[i], &expected) < 0)
			return books_too_large(c->e);
		if (!w->has[i]) {
			opening = expected;
			continue;
		}
		if (money_sub(w->counted[i], expected, &diff) < 0)
			return books_too_large(c->e);
		if (diff != w->booked[i] &&
		    (rc = adjust(c, at, c->p->start + (int32_t)i, w->id[i],
		                 w->booked[i], diff)))
			return rc;
		w->booked[i] = diff;
		opening = w->counted[i];
	}
	return 0;
}

static int replay(struct build *c, struct drawer *w)
{
	int rc = 0;

	if (c->ncash > 1)
		qsort(c->cash, c->ncash, sizeof *c->cash, by_place);
	for (size_t k = 0; !rc && k < c->ncash; k++) {
		const struct cash_event *ev = &c->cash[k];
		size_t i = (size_t)(ev->day - c->p->start);
		if (ev->day < c->p->start || i >= w->ndays)
			continue; /* the checks name a row outside the period */
		if (ev->count) {
			w->counted[i] = ev->amount;
			if (!w->has[i])
				memcpy(w->id[i], ev->id, ID_SIZE);
			w->has[i] = true;
		} else if (money_add(w->flow[i], ev->amount, &w->flow[i]) < 0) {
			return books_too_large(c->e);
		}
		rc = differences(c, w, ev);
	}
	return rc;
}

int books_cash_entries(struct build *c)
{
	struct drawer w = { 0 };
	int rc;

	if ((rc = cash_float(c)))
		return rc;
	w.ndays = (size_t)(c->p->end - c->p->start + 1);
	w.flow = calloc(w.ndays, sizeof *w.flow);
	w.counted = calloc(w.ndays, sizeof *w.counted);
	w.booked = calloc(w.ndays, sizeof *w.booked);
	w.has = calloc(w.ndays, sizeof *w.has);
	w.id = calloc(w.ndays, sizeof *w.id);
	if (!w.flow || !w.counted || !w.booked || !w.has || !w.id)
		rc = books_oom(c->e);
	else
		rc = replay(c, &w);
	free(w.flow);
	free(w.counted);
	free(w.booked);
	free(w.has);
	free(w.id);
	return rc;
}
