/*
 * Unit tests for lib/rules.c: at most 24 hours a day for one participant
 * (day_hours_*), counted as the rows stream by, a void subtracting what it
 * voids, the refusal naming the row that goes over; and which rows a void
 * may name (rules_voidable); the lots that sales name (made_refs).
 *
 * Hours in hundredths (7.5 h is 750); HOURS_DAY_MAX is 2400.  The period
 * is 2026-05-04 to 2026-05-13; P001 and P002 are enrolled.
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
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/rules.h"

static int32_t may(int d)
{
	return date_from_ymd(2026, 5, d);
}

static struct project P;
static struct participant people[2];
static struct participants PS;

static int setup(void **state)
{
	(void)state;
	memset(&P, 0, sizeof P);
	P.start = may(4);
	P.end = may(13);
	memset(people, 0, sizeof people);
	snprintf(people[0].id, sizeof people[0].id, "P001");
	snprintf(people[1].id, sizeof people[1].id, "P002");
	for (int i = 0; i < 2; i++) {
		people[i].enrolled = may(4);
		people[i].withdrawn = DATE_NONE;
	}
	memset(&PS, 0, sizeof PS);
	PS.v = people;
	PS.n = PS.cap = 2;
	return 0;
}

/* An hours row of who on day d, line line of hours.csv. */
static struct row hours(const char *who, int d, int64_t hundredths, long line)
{
	struct row r;
	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "H%05ld", line - 1);
	r.kind = KIND_HOURS;
	r.in_hours = true;
	r.date = may(d);
	snprintf(r.participant, sizeof r.participant, "%s", who);
	r.hours = hundredths;
	r.product = r.category = r.ref = r.note = "";
	r.file = "hours.csv";
	r.line = line;
	return r;
}

/* The void of r, as row_void_of gives it, at line. */
static struct row void_of(const struct row *r, long line)
{
	struct row v;
	row_void_of(&v, r, "mistake");
	v.file = "hours.csv";
	v.line = line;
	return v;
}

static void ok(struct day_hours *h, struct row r)
{
	struct fc_error e = { 0, "" };
	if (day_hours_add(h, &r, &e) != 0)
		fail_msg("day_hours_add(%s) refused: %s", r.id, e.msg);
}

static void over(struct day_hours *h, struct row r, const char *want)
{
	struct fc_error e = { 0, "" };
	int rc = day_hours_add(h, &r, &e);

	if (rc != FC_DATAERR)
		fail_msg("day_hours_add(%s) = %d, want 65", r.id, rc);
	assert_int_equal(e.code, FC_DATAERR);
	assert_string_equal(e.msg, want);
}

/* ---- 24 hours a day ---- */

static void test_exactly_24(void **state)
{
	struct day_hours h;
	(void)state;

	assert_int_equal(day_hours_init(&h, &P, &PS), 0);
	/* 10 days of the period, 2 participants. */
	assert_int_equal(h.ndays, 10);
	/* 05-08: 16.75 + 7.25 = 24.00, exactly the most: taken. */
	ok(&h, hours("P001", 8, 1675, 2));
	ok(&h, hours("P001", 8, 725, 3));
	/* One more hundredth: 24.01, refused, naming the row. */
	over(&h, hours("P001", 8, 1, 4), "hours.csv:4: P001 works 24.01 hours "
	     "on 2026-05-08: 24 at most a day");
	/* Another day of P001, another participant the same day: each its
	 * own 24 hours. */
	ok(&h, hours("P001", 9, 2400, 5));
	ok(&h, hours("P002", 8, 2400, 6));
	/* The first and the last day of the period count too. */
	ok(&h, hours("P002", 4, 2400, 7));
	over(&h, hours("P002", 4, 50, 8), "hours.csv:8: P002 works 24.50 hours "
	     "on 2026-05-04: 24 at most a day");
	ok(&h, hours("P002", 13, 2000, 9));
	over(&h, hours("P002", 13, 401, 10), "hours.csv:10: P002 works 24.01 "
	     "hours on 2026-05-13: 24 at most a day");
	day_hours_free(&h);
	assert_null(h.cell);
}

static void test_one_row_over(void **state)
{
	struct day_hours h;
	(void)state;

	assert_int_equal(day_hours_init(&h, &P, &PS), 0);
	/* One row of 24.01 h alone. */
	over(&h, hours("P001", 5, 2401, 2), "hours.csv:2: P001 works 24.01 "
	     "hours on 2026-05-05: 24 at most a day");
	/* The hours are still added (the caller stops or goes on): the day
	 * is over already, the row that went over was named; the next ones
	 * are not named again. */
	ok(&h, hours("P001", 5, 100, 3));
	day_hours_free(&h);

	/* A row without a file (a new row, not read): no file:line. */
	assert_int_equal(day_hours_init(&h, &P, &PS), 0);
	{
		struct row r = hours("P002", 6, 2500, 0);
		r.file = NULL;
		over(&h, r, "P002 works 25.00 hours on 2026-05-06: 24 at most "
		     "a day");
	}
	day_hours_free(&h);
}

/* A void subtracts what it voids: 24 h, a void of 8 h, then 8 h again
 * fit; one hundredth more does not. */
static void test_void_subtracts(void **state)
{
	struct day_hours h;
	struct row r;
	(void)state;

	assert_int_equal(day_hours_init(&h, &P, &PS), 0);
	ok(&h, hours("P001", 7, 1600, 2));
	r = hours("P001", 7, 800, 3);
	ok(&h, r);
	/* 16 + 8 = 24: full. */
	over(&h, hours("P001", 7, 1, 4), "hours.csv:4: P001 works 24.01 hours "
	     "on 2026-05-07: 24 at most a day");
	/* (The refused row was still added: 24.01.  Its void, as verify
	 * would see it, takes it back.) */
	{
		struct row refused = hours("P001", 7, 1, 4);
		ok(&h, void_of(&refused, 5));
	}
	/* 24.00 - 8.00 (the void of line 3) = 16.00, then 8.00: 24.00. */
	ok(&h, void_of(&r, 6));
	ok(&h, hours("P001", 7, 800, 7));
	over(&h, hours("P001", 7, 1, 8), "hours.csv:8: P001 works 24.01 hours "
	     "on 2026-05-07: 24 at most a day");
	/* Another day of P001 is untouched by all that. */
	ok(&h, hours("P001", 6, 2400, 9));
	day_hours_free(&h);
}

/* A day over 24 h can come back under with a void; a row that takes it
 * over again is named again. */
static void test_back_under_then_over(void **state)
{
	struct day_hours h;
	struct row big;
	(void)state;

	assert_int_equal(day_hours_init(&h, &P, &PS), 0);
	big = hours("P002", 10, 2000, 2);
	ok(&h, big);
	over(&h, hours("P002", 10, 1000, 3), "hours.csv:3: P002 works 30.00 "
	     "hours on 2026-05-10: 24 at most a day");
	/* 30 - 20 = 10 */
	ok(&h, void_of(&big, 4));
	/* 10 + 14 = 24 */
	ok(&h, hours("P002", 10, 1400, 5));
	/* 24 + 0.50 = 24.50 */
	over(&h, hours("P002", 10, 50, 6), "hours.csv:6: P002 works 24.50 "
	     "hours on 2026-05-10: 24 at most a day");
	day_hours_free(&h);
}

/* A participant the grid does not know, a day outside the period: left
 * to row_check, not counted. */
static void test_unknown_left_alone(void **state)
{
	struct day_hours h;
	(void)state;

	assert_int_equal(day_hours_init(&h, &P, &PS), 0);
	ok(&h, hours("P009", 8, 9999, 2));
	ok(&h, hours("P001", 3, 9999, 3));
	ok(&h, hours("P001", 14, 9999, 4));
	/* Nothing of that was added to P001's 05-08 nor to anyone's. */
	ok(&h, hours("P001", 8, 2400, 5));
	ok(&h, hours("P002", 13, 2400, 6));
	day_hours_free(&h);
	/* Freeing twice is harmless. */
	day_hours_free(&h);
}

/* No participant at all: a grid of nothing, every row left alone. */
static void test_no_participants(void **state)
{
	struct participants none;
	struct day_hours h;
	(void)state;

	memset(&none, 0, sizeof none);
	assert_int_equal(day_hours_init(&h, &P, &none), 0);
	assert_non_null(h.cell);
	ok(&h, hours("P001", 8, 9999, 2));
	day_hours_free(&h);
}

/* ---- what a void may name ---- */

static void test_voidable(void **state)
{
	(void)state;
	/* Sales, charges and hours. */
	assert_true(rules_voidable('S'));
	assert_true(rules_voidable('C'));
	assert_true(rules_voidable('H'));
	/* Not counts, not voids, not participants, not lower case. */
	assert_false(rules_voidable('K'));
	assert_false(rules_voidable('V'));
	assert_false(rules_voidable('P'));
	assert_false(rules_voidable('s'));
	assert_false(rules_voidable('h'));
	assert_false(rules_voidable('\0'));
	/* The letters of the kinds that are voidable are exactly those. */
	for (int c = 1; c < 128; c++)
		assert_int_equal(rules_voidable((char)c),
		                 c == 'S' || c == 'C' || c == 'H' ||
		                 c == 'D' || c == 'L' || c == 'W');
}

/* ---- the production's references (made_refs) ---- */

static struct row made_row(enum kind k, const char *id, const char *product,
                           const char *lot, long line)
{
	struct row r;

	memset(&r, 0, sizeof r);
	r.kind = k;
	snprintf(r.id, sizeof r.id, "%s", id);
	r.product = product;
	r.quantity = 1;
	r.category = r.ref = r.note = r.role = r.uses = r.reason = "";
	r.lot = lot;
	r.date = may(6);
	r.file = k == KIND_SALE ? "ledger.csv" : "production.csv";
	r.line = line;
	r.in_production = k == KIND_LOT || k == KIND_LOSS;
	return r;
}

static char pending_msgs[4][512];
static bool pending_warning[4];
static size_t npending;

static void pending(void *ctx, const char *msg, bool warning)
{
	(void)ctx;
	if (npending < 4) {
		pending_warning[npending] = warning;
		snprintf(pending_msgs[npending++], sizeof *pending_msgs, "%s",
		         msg);
	}
}

/* A row of the files taken in without a message. */
static void taken(struct made_refs *m, enum kind k, const char *id,
                  const char *product, const char *lot, long line, int day)
{
	struct fc_error e;
	struct row r = made_row(k, id, product, lot, line);

	r.date = may(day);
	assert_int_equal(made_refs_row(m, &r, &e), 0);
}

/* The pending message that is want, and whether it is a warning. */
static bool pending_has(const char *want, bool warning)
{
	for (size_t i = 0; i < npending; i++)
		if (strcmp(pending_msgs[i], want) == 0)
			return pending_warning[i] == warning;
	return false;
}

/* Sales of the ledger name lots before production.csv is read: kept,
 * then each lot missing or of another product named once, at the first
 * sale naming it.  A new sale (no id) is checked at once. */
static void test_sale_lots(void **state)
{
	struct made_refs m = { 0 };
	struct fc_error e;
	struct row r;
	(void)state;

	/* id, product, lot, line of the file, day of May */
	taken(&m, KIND_SALE, "S00001", "cookie", "L00001", 2, 6);
	taken(&m, KIND_SALE, "S00002", "cookie", "L00009", 3, 6);
	taken(&m, KIND_SALE, "S00003", "cookie", "L00009", 4, 6);
	taken(&m, KIND_SALE, "S00004", "tarte", "L00001", 5, 6);
	/* L00002: sold on 05-07 (line 6), then on 05-05 (line 7), made on
	 * 05-06; L00003 voided after its sale. */
	taken(&m, KIND_SALE, "S00005", "cookie", "L00002", 6, 7);
	taken(&m, KIND_SALE, "S00006", "cookie", "L00002", 7, 5);
	taken(&m, KIND_SALE, "S00007", "cookie", "L00003", 8, 7);
	taken(&m, KIND_LOT, "L00001", "cookie", "", 2, 6);
	taken(&m, KIND_LOT, "L00002", "cookie", "", 3, 6);
	taken(&m, KIND_LOT, "L00003", "cookie", "", 4, 6);
	r = made_row(KIND_VOID, "V00001", "cookie", "", 5);
	r.ref = "L00003";
	assert_int_equal(made_refs_row(&m, &r, &e), 0);
	npending = 0;
	made_refs_pending(&m, pending, NULL);
	assert_int_equal(npending, 4);
	assert_true(pending_has("ledger.csv:3: column 'lot': L00009 is no lot "
	                        "recorded in production.csv", false));
	assert_true(pending_has("ledger.csv:5: column 'lot': L00001 is a lot "
	                        "of another product", false));
	assert_true(pending_has("ledger.csv:7: column 'lot': L00002 was made "
	                        "on 2026-05-06, after this row's date "
	                        "(2026-05-05)", false));
	assert_true(pending_has("ledger.csv:8: warning: column 'lot': L00003 "
	                        "was voided: the sales naming it are taken "
	                        "first in, first out", true));
	/* A new sale: at once. */
	r = made_row(KIND_SALE, "", "cookie", "L00004", 0);
	r.file = NULL;
	assert_int_equal(made_refs_row(&m, &r, &e), FC_DATAERR);
	assert_string_equal(e.msg, "--lot L00004 is no lot recorded in "
	                    "production.csv");
	r.lot = "L00001";
	r.date = may(6);
	assert_int_equal(made_refs_row(&m, &r, &e), 0);
	/* ...of its product, not voided, made on or before its day. */
	r.date = may(5);
	assert_int_equal(made_refs_row(&m, &r, &e), FC_DATAERR);
	assert_string_equal(e.msg, "--lot L00001 was made on 2026-05-06, after "
	                    "the date of the sale (2026-05-05)");
	r.date = may(7);
	r.lot = "L00003";
	assert_int_equal(made_refs_row(&m, &r, &e), FC_DATAERR);
	assert_string_equal(e.msg, "--lot L00003 is a voided lot");
	made_refs_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exactly_24),
		cmocka_unit_test(test_one_row_over),
		cmocka_unit_test(test_void_subtracts),
		cmocka_unit_test(test_back_under_then_over),
		cmocka_unit_test(test_unknown_left_alone),
		cmocka_unit_test(test_no_participants),
		cmocka_unit_test(test_voidable),
		cmocka_unit_test(test_sale_lots),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
