/*
 * Unit tests for lib/totals.c: the one streaming pass every figure comes
 * from.  Rows are built by hand and added one by one, as verify gives
 * them; every expected sum is worked out in the comment above it.
 *
 * Amounts in cents, rates in hundredths of a percent (5.5 % is 550),
 * hours in hundredths (7.5 h is 750).
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
#include "flashcoop/row.h"
#include "flashcoop/totals.h"

/* ---- rows by hand ---- */

static int32_t day(int d)
{
	return date_from_ymd(2026, 5, d);
}

static struct row row(enum kind k, const char *id, int d)
{
	struct row r;
	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "%s", id);
	r.kind = k;
	r.in_hours = k == KIND_HOURS;
	r.date = day(d);
	r.product = r.category = r.ref = r.note = "";
	r.file = r.in_hours ? "hours.csv" : "ledger.csv";
	r.line = 2;
	r.has_amount = r.has_vat = !r.in_hours;
	return r;
}

static struct row sale(const char *id, int d, int32_t vat, int64_t amount,
                       enum payment pay, const char *by)
{
	struct row r = row(KIND_SALE, id, d);
	r.product = "cookie";
	r.quantity = 1;
	r.unit_price = r.amount = amount;
	r.vat = vat;
	r.payment = pay;
	snprintf(r.participant, sizeof r.participant, "%s", by);
	return r;
}

static struct row charge(const char *id, int d, int32_t vat, int64_t amount,
                         enum payment pay)
{
	struct row r = row(KIND_CHARGE, id, d);
	r.category = "stand";
	r.amount = amount;
	r.vat = vat;
	r.payment = pay;
	return r;
}

static struct row count(const char *id, int d, int64_t amount)
{
	struct row r = row(KIND_COUNT, id, d);
	r.amount = amount;
	r.payment = PAY_CASH;
	r.has_vat = false;
	return r;
}

static struct row hours(const char *id, int d, const char *who,
                        int64_t hundredths)
{
	struct row r = row(KIND_HOURS, id, d);
	snprintf(r.participant, sizeof r.participant, "%s", who);
	r.hours = hundredths;
	return r;
}

/* The void (id) of target: the same fields, subtracted. */
static struct row void_of(const struct row *target, const char *id)
{
	struct row v;
	row_void_of(&v, target, "mistake");
	snprintf(v.id, sizeof v.id, "%s", id);
	return v;
}

static void add(struct totals *t, struct row r)
{
	struct fc_error e;
	if (totals_add(t, &r, &e) != 0)
		fail_msg("totals_add(%s) refused: %s", r.id, e.msg);
}

#define EQ(got, want) assert_int_equal((int64_t)(got), (int64_t)(want))

static void vat_is(const struct vat_total *v, int32_t rate, int64_t sales,
                   int64_t charges)
{
	EQ(v->rate, rate);
	EQ(v->sales, sales);
	EQ(v->charges, charges);
}

/* ---- per rate, in all, and the row counts ---- */

static void test_rates_and_sums(void **state)
{
	struct totals t = { 0 };
	(void)state;

	/* Rates arrive 20, 5.5, 10, 5.5: kept sorted 5.5, 10, 20. */
	add(&t, sale("S00001", 7, 2000, 800, PAY_CARD, ""));
	add(&t, sale("S00002", 7, 550, 1000, PAY_CASH, "P001"));
	add(&t, charge("C00001", 5, 1000, 3690, PAY_CARD));
	add(&t, sale("S00003", 8, 550, 2500, PAY_CARD, "P001"));
	add(&t, charge("C00002", 5, 2000, 3000, PAY_CASH));
	add(&t, count("K00001", 7, 3000));
	add(&t, hours("H00001", 5, "P001", 700));

	EQ(t.nvat, 3);
	/* 5.5 %: sales 10.00 + 25.00 = 35.00, no charge. */
	vat_is(&t.vat[0], 550, 3500, 0);
	/* 10 %: the charge 36.90. */
	vat_is(&t.vat[1], 1000, 0, 3690);
	/* 20 %: the sale 8.00, the charge 30.00. */
	vat_is(&t.vat[2], 2000, 800, 3000);
	/* In all: sales 8.00 + 35.00 = 43.00; charges 36.90 + 30.00 = 66.90. */
	EQ(t.sales, 4300);
	EQ(t.charges, 6690);
	EQ(t.hours, 700);
	EQ(t.nsales, 3);
	EQ(t.ncharges, 2);
	EQ(t.ncounts, 1);
	EQ(t.nhours, 1);
	EQ(t.nvoids, 0);
	totals_free(&t);
	EQ(t.nvat, 0);
	assert_null(t.vat);
}

/* A void repeats what it voids and subtracts it: a voided row counts
 * nowhere, neither in a sum nor in the rows. */
static void test_voids_subtract(void **state)
{
	struct totals t = { 0 };
	struct row s2 = sale("S00002", 9, 550, 1000, PAY_CASH, "P002");
	struct row c1 = charge("C00001", 5, 2000, 600, PAY_CARD);
	struct row h2 = hours("H00002", 5, "P002", 400);
	(void)state;

	add(&t, sale("S00001", 9, 550, 2500, PAY_CASH, "P001"));
	add(&t, s2);
	add(&t, c1);
	add(&t, hours("H00001", 5, "P001", 700));
	add(&t, h2);
	add(&t, void_of(&s2, "V00001"));
	add(&t, void_of(&c1, "V00002"));
	add(&t, void_of(&h2, "V00003"));

	/* Sales 25.00 + 10.00 - 10.00 = 25.00, all at 5.5 %; the charge
	 * 6.00 - 6.00 = 0, its rate still listed, at 0. */
	EQ(t.sales, 2500);
	EQ(t.charges, 0);
	EQ(t.nvat, 2);
	vat_is(&t.vat[0], 550, 2500, 0);
	vat_is(&t.vat[1], 2000, 0, 0);
	/* Hours 7 + 4 - 4 = 7. */
	EQ(t.hours, 700);
	/* Rows net of voids: 1 sale, 0 charges, 1 hours row; 3 voids. */
	EQ(t.nsales, 1);
	EQ(t.ncharges, 0);
	EQ(t.nhours, 1);
	EQ(t.nvoids, 3);
	/* P002's sale and hours are gone, the line stays, at 0. */
	EQ(t.npart, 2);
	assert_string_equal(t.part[1].id, "P002");
	EQ(t.part[1].sales, 0);
	EQ(t.part[1].hours, 0);
	/* The cash of 05-09: 25.00 + 10.00 - 10.00. */
	EQ(t.ncash, 1);
	EQ(t.cash[0].sales, 2500);
	EQ(t.cash_sales, 2500);
	totals_free(&t);
}

/* ---- per participant ---- */

static void test_participants(void **state)
{
	struct totals t = { 0 };
	(void)state;

	/* In order of first appearance: P003 (a sale), P001, then a large
	 * number beyond the index (found along the list), and an id of
	 * another form. */
	add(&t, sale("S00001", 7, 550, 1000, PAY_CASH, "P003"));
	add(&t, hours("H00001", 5, "P001", 700));
	add(&t, hours("H00002", 7, "P001", 650));
	add(&t, hours("H00003", 5, "P100001", 100));
	add(&t, sale("S00002", 8, 2000, 2400, PAY_CHEQUE, "P003"));
	add(&t, hours("H00004", 6, "P100001", 250));
	add(&t, hours("H00005", 5, "P003", 500));
	/* A sale by nobody adds to no participant. */
	add(&t, sale("S00003", 9, 550, 1500, PAY_CASH, ""));

	EQ(t.npart, 3);
	/* P003: sold 10.00 + 24.00 = 34.00; worked 5 h. */
	assert_string_equal(t.part[0].id, "P003");
	EQ(t.part[0].sales, 3400);
	EQ(t.part[0].hours, 500);
	/* P001: 7 + 6.5 = 13.50 h, sold nothing. */
	assert_string_equal(t.part[1].id, "P001");
	EQ(t.part[1].hours, 1350);
	EQ(t.part[1].sales, 0);
	/* P100001: 1 + 2.5 = 3.50 h, one line. */
	assert_string_equal(t.part[2].id, "P100001");
	EQ(t.part[2].hours, 350);
	/* In all 5 + 13.5 + 3.5 = 22 h. */
	EQ(t.hours, 2200);
	totals_free(&t);
}

/* ---- the cash drawer, day by day ---- */

static void test_cash_days(void **state)
{
	struct totals t = { 0 };
	(void)state;

	/* Days arrive 07, 05, 06: kept sorted. */
	add(&t, sale("S00001", 7, 550, 2500, PAY_CASH, ""));
	add(&t, sale("S00002", 5, 550, 1250, PAY_CASH, ""));
	add(&t, charge("C00001", 5, 2000, 1000, PAY_CASH));
	add(&t, count("K00001", 5, 5250));
	/* A card sale and a card charge are not in the drawer. */
	add(&t, sale("S00003", 6, 550, 1000, PAY_CARD, ""));
	add(&t, charge("C00002", 6, 2000, 500, PAY_CARD));
	add(&t, sale("S00004", 6, 550, 750, PAY_CASH, ""));
	/* 05-06 counted twice: the later count is a recount. */
	add(&t, count("K00002", 6, 6000));
	add(&t, count("K00003", 6, 6100));
	/* Hours never touch the drawer. */
	add(&t, hours("H00001", 7, "P001", 500));

	EQ(t.ncash, 3);
	/* 05-05: cash sales 12.50, a cash charge 10.00, counted 52.50. */
	EQ(t.cash[0].day, day(5));
	EQ(t.cash[0].sales, 1250);
	EQ(t.cash[0].charges, 1000);
	EQ(t.cash[0].counted, 5250);
	assert_true(t.cash[0].has_count);
	/* 05-06: cash sales 7.50 (not the card sale), counted 61.00. */
	EQ(t.cash[1].day, day(6));
	EQ(t.cash[1].sales, 750);
	EQ(t.cash[1].charges, 0);
	EQ(t.cash[1].counted, 6100);
	assert_true(t.cash[1].has_count);
	/* 05-07: 25.00, not counted. */
	EQ(t.cash[2].day, day(7));
	EQ(t.cash[2].sales, 2500);
	assert_false(t.cash[2].has_count);
	/* The drawer in all: 12.50 + 7.50 + 25.00 = 45.00 in, 10.00 out. */
	EQ(t.cash_sales, 4500);
	EQ(t.cash_charges, 1000);
	EQ(t.ncounts, 3);
	totals_free(&t);
}

/* ---- sums that do not fit ---- */

static void test_overflow_refused(void **state)
{
	struct totals t = { 0 };
	struct row big = sale("S00002", 7, 550, INT64_MAX, PAY_CARD, "");
	struct fc_error e = { 0, "" };
	(void)state;

	add(&t, sale("S00001", 7, 550, 1, PAY_CARD, ""));
	big.line = 3;
	/* 0.01 + the largest amount does not fit: refused, naming the row,
	 * never wrapped. */
	assert_int_equal(totals_add(&t, &big, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "ledger.csv:3: the totals grow too large "
	                       "to be counted in cents"));
	totals_free(&t);

	/* Hours too. */
	memset(&t, 0, sizeof t);
	add(&t, hours("H00001", 5, "P001", INT64_MAX));
	{
		struct row h = hours("H00002", 6, "P001", 1);
		h.line = 3;
		assert_int_equal(totals_add(&t, &h, &e), FC_DATAERR);
		assert_non_null(strstr(e.msg, "hours.csv:3: the totals"));
	}
	totals_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates_and_sums),
		cmocka_unit_test(test_voids_subtract),
		cmocka_unit_test(test_participants),
		cmocka_unit_test(test_cash_days),
		cmocka_unit_test(test_overflow_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
