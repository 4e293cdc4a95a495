/*
 * Unit tests for lib/payroll.c: payroll_days(), a participant's hours day
 * by day as the payroll report's hours_by_day column gives them, from
 * groups of hours by participant and day (groups_add, then groups_sort, as
 * payroll_rows does) built from rows made by hand.  (The report's rows,
 * figures and total are tested by test_reports.c's test_payroll.)
 *
 * Hours in hundredths: 600 is 6.00.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/date.h"
#include "flashcoop/error.h"
#include "flashcoop/groups.h"
#include "flashcoop/payroll.h"
#include "flashcoop/row.h"

static int32_t day(int d)
{
	return date_from_ymd(2026, 5, d);
}

/* A row of hours.csv: who worked h hundredths on May d. */
static struct row hours(const char *id, int d, const char *who, int64_t h)
{
	struct row r;

	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "%s", id);
	r.kind = KIND_HOURS;
	r.in_hours = true;
	r.date = day(d);
	r.product = r.category = r.ref = r.note = r.role = "";
	r.file = "hours.csv";
	r.line = 2;
	snprintf(r.participant, sizeof r.participant, "%s", who);
	r.hours = h;
	return r;
}

static void add(struct groups *g, struct row r)
{
	struct fc_error e;

	if (groups_add(g, &r, &e) != 0)
		fail_msg("groups_add(%s) refused: %s", r.id, e.msg);
}

/* The groups payroll_rows reads: hours by participant and day, sorted. */
static void by_participant_and_day(struct groups *g)
{
	memset(g, 0, sizeof *g);
	g->kind = KIND_HOURS;
	g->dims = (1u << DIM_PARTICIPANT) | (1u << DIM_DAY);
	g->from = g->to = DATE_NONE;
}

static void days_are(const struct groups *g, const char *id, size_t size,
                     const char *want)
{
	char buf[256];

	assert_true(size <= sizeof buf);
	memset(buf, 'x', sizeof buf);
	payroll_days(g, id, buf, size);
	assert_string_equal(buf, want);
	/* Within size, always ended. */
	assert_true(strlen(buf) < size);
}

/* The days in order, whatever the order of the rows; two rows of a day
 * summed; nobody else's hours. */
static void test_days_in_order(void **state)
{
	struct groups g;
	(void)state;

	by_participant_and_day(&g);
	/* P001: 05-06 7.50, 05-05 4.00 + 2.00 = 6.00, 05-08 0.25. */
	add(&g, hours("H00001", 6, "P001", 750));
	add(&g, hours("H00002", 5, "P002", 300));
	add(&g, hours("H00003", 5, "P001", 400));
	add(&g, hours("H00004", 8, "P001", 25));
	add(&g, hours("H00005", 5, "P001", 200));
	/* P0011 is another id, though P001 is a prefix of it. */
	add(&g, hours("H00006", 7, "P0011", 100));
	groups_sort(&g);
	days_are(&g, "P001", 256,
	         "2026-05-05=6.00 2026-05-06=7.50 2026-05-08=0.25");
	days_are(&g, "P002", 256, "2026-05-05=3.00");
	days_are(&g, "P0011", 256, "2026-05-07=1.00");
	/* No hours: nothing. */
	days_are(&g, "P003", 256, "");
	days_are(&g, "", 256, "");
	groups_free(&g);
}

/* A day whose hours were voided to zero is left out; one voided in part
 * keeps what is left. */
static void test_voided_day(void **state)
{
	struct groups g;
	struct row h2 = hours("H00002", 6, "P001", 500);
	struct row h3 = hours("H00003", 7, "P001", 300);
	struct row v;
	(void)state;

	by_participant_and_day(&g);
	add(&g, hours("H00001", 5, "P001", 600));
	add(&g, h2);
	add(&g, h3);
	add(&g, hours("H00004", 7, "P001", 150));
	/* 05-06: 5.00 - 5.00 = 0, left out; 05-07: 3.00 + 1.50 - 3.00 =
	 * 1.50. */
	row_void_of(&v, &h2, "wrong day");
	snprintf(v.id, sizeof v.id, "V00001");
	add(&g, v);
	row_void_of(&v, &h3, "typed twice");
	snprintf(v.id, sizeof v.id, "V00002");
	add(&g, v);
	groups_sort(&g);
	/* The group of 05-06 is still there, at 0. */
	assert_int_equal(g.n, 3);
	days_are(&g, "P001", 256, "2026-05-05=6.00 2026-05-07=1.50");
	groups_free(&g);

	/* Every day voided: nothing. */
	by_participant_and_day(&g);
	add(&g, h2);
	row_void_of(&v, &h2, "not there");
	snprintf(v.id, sizeof v.id, "V00001");
	add(&g, v);
	days_are(&g, "P001", 256, "");
	groups_free(&g);
}

/* A buffer too small holds the whole entries that fit, never a part of
 * one: "2026-05-05=6.00" is 15 bytes, " 2026-05-06=7.50" 16 more. */
static void test_cut_short(void **state)
{
	struct groups g;
	(void)state;

	by_participant_and_day(&g);
	add(&g, hours("H00001", 5, "P001", 600));
	add(&g, hours("H00002", 6, "P001", 750));
	add(&g, hours("H00003", 7, "P001", 1200));
	groups_sort(&g);
	/* All three: 15 + 16 + 17 ("=12.00") = 48 bytes and the NUL. */
	days_are(&g, "P001", 49,
	         "2026-05-05=6.00 2026-05-06=7.50 2026-05-07=12.00");
	/* One byte less: the third does not fit, the first two stay. */
	days_are(&g, "P001", 48, "2026-05-05=6.00 2026-05-06=7.50");
	/* 32 holds the first two (31 and the NUL), 31 only the first. */
	days_are(&g, "P001", 32, "2026-05-05=6.00 2026-05-06=7.50");
	days_are(&g, "P001", 31, "2026-05-05=6.00");
	days_are(&g, "P001", 16, "2026-05-05=6.00");
	/* Not even the first: empty, not "2026-05-05=6.0". */
	days_are(&g, "P001", 15, "");
	days_are(&g, "P001", 1, "");
	groups_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_in_order),
		cmocka_unit_test(test_voided_day),
		cmocka_unit_test(test_cut_short),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
