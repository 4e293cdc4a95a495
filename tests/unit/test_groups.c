/*
 * Unit tests for lib/groups.c: the rows of one kind added up by the
 * values of some dimensions, as flashcoop-report(1)'s --by, --from and
 * --to ask.  Rows are built by hand; every expected group is worked out
 * in the comment above it.
 *
 * Amounts in cents, rates in hundredths of a percent (5.5 % is 550),
 * hours in hundredths.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/date.h"
#include "flashcoop/error.h"
#include "flashcoop/groups.h"
#include "flashcoop/row.h"

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
	r.product = r.category = r.ref = r.note = r.role = "";
	r.file = r.in_hours ? "hours.csv" : "ledger.csv";
	r.line = 2;
	r.has_amount = r.has_vat = !r.in_hours;
	return r;
}

static struct row sale(const char *id, int d, const char *product,
                       int64_t qty, int64_t price, int32_t vat,
                       enum payment pay, const char *by)
{
	struct row r = row(KIND_SALE, id, d);
	r.product = product;
	r.quantity = qty;
	r.unit_price = price;
	r.amount = qty * price;
	r.vat = vat;
	r.payment = pay;
	snprintf(r.participant, sizeof r.participant, "%s", by);
	return r;
}

static struct row charge(const char *id, int d, const char *category,
                         int64_t amount, int32_t vat)
{
	struct row r = row(KIND_CHARGE, id, d);
	r.category = category;
	r.amount = amount;
	r.vat = vat;
	r.payment = PAY_CARD;
	return r;
}

static struct row hours(const char *id, int d, const char *who, int64_t h)
{
	struct row r = row(KIND_HOURS, id, d);
	snprintf(r.participant, sizeof r.participant, "%s", who);
	r.hours = h;
	return r;
}

static struct row void_of(const struct row *target, const char *id)
{
	struct row v;
	row_void_of(&v, target, "mistake");
	snprintf(v.id, sizeof v.id, "%s", id);
	return v;
}

static struct groups groups(enum kind k, unsigned dims)
{
	struct groups g;
	memset(&g, 0, sizeof g);
	g.kind = k;
	g.dims = dims;
	g.from = g.to = DATE_NONE;
	return g;
}

static void add(struct groups *g, struct row r)
{
	struct fc_error e;
	if (groups_add(g, &r, &e) != 0)
		fail_msg("groups_add(%s) refused: %s", r.id, e.msg);
}

#define BY(d) (1u << (d))
#define EQ(got, want) assert_int_equal((int64_t)(got), (int64_t)(want))

static void group_is(const struct group *gr, int64_t count, int64_t qty,
                     int64_t amount, int64_t hrs)
{
	EQ(gr->count, count);
	EQ(gr->quantity, qty);
	EQ(gr->amount, amount);
	EQ(gr->hours, hrs);
}

/* ---- dimension names ---- */

static void test_dim_names(void **state)
{
	static const char *const names[] = { "day", "product", "category",
	                                      "payment", "participant", "vat",
	                                      "role", "lot" };
	(void)state;

	for (int i = 0; i < DIM_N; i++) {
		assert_int_equal(groups_dim_parse(names[i]), i);
		assert_string_equal(groups_dim_name((enum dim)i), names[i]);
	}
	/* One name a dimension, role (issue 18), then lot (issue 20). */
	assert_int_equal(sizeof names / sizeof names[0], DIM_N);
	assert_int_equal(groups_dim_parse("role"), DIM_ROLE);
	assert_int_equal(groups_dim_parse("lot"), DIM_LOT);
	assert_int_equal(groups_dim_parse("Day"), -1);
	assert_int_equal(groups_dim_parse("week"), -1);
	assert_int_equal(groups_dim_parse(""), -1);
}

/* ---- sales by day and VAT rate: the report's default ---- */

static void test_sales_by_day_and_rate(void **state)
{
	struct groups g = groups(KIND_SALE, BY(DIM_DAY) | BY(DIM_VAT));
	struct row s7 = sale("S00007", 9, "cookie", 1, 250, 550, PAY_TRANSFER,
	                     "P002");
	(void)state;

	/* The sales of t0500's project FC-TEST, and its voided S7. */
	add(&g, sale("S00001", 7, "cookie", 4, 250, 550, PAY_CASH, "P001"));
	add(&g, sale("S00002", 7, "@sac", 1, 800, 2000, PAY_CARD, "P002"));
	add(&g, sale("S00003", 8, "cookie", 10, 250, 550, PAY_CARD, "P001"));
	add(&g, sale("S00004", 8, "cookie", 2, 250, 550, PAY_CASH, "P003"));
	add(&g, sale("S00005", 9, "@sac", 3, 800, 2000, PAY_CHEQUE, "P003"));
	add(&g, sale("S00006", 9, "cookie", 6, 250, 550, PAY_CASH, ""));
	add(&g, s7);
	add(&g, void_of(&s7, "V00001"));
	/* A charge and hours are not sales: left out. */
	add(&g, charge("C00001", 5, "stand", 3000, 2000));
	add(&g, hours("H00001", 5, "P001", 700));

	/* Groups in order of first appearance; sorted, by day then rate in
	 * numeric order (5.5 before 20, although "20" < "5.5" as text). */
	groups_sort(&g);
	EQ(g.n, 5);
	/* 05-07 5.5 %: 1 row, 4 cookies, 10.00. */
	assert_string_equal(g.v[0].value[DIM_DAY], "2026-05-07");
	assert_string_equal(g.v[0].value[DIM_VAT], "5.5");
	EQ(g.v[0].vat, 550);
	group_is(&g.v[0], 1, 4, 1000, 0);
	/* 05-07 20 %: 1 bag, 8.00. */
	assert_string_equal(g.v[1].value[DIM_VAT], "20");
	group_is(&g.v[1], 1, 1, 800, 0);
	/* 05-08 5.5 %: S3 and S4, 12 cookies, 25.00 + 5.00 = 30.00. */
	assert_string_equal(g.v[2].value[DIM_DAY], "2026-05-08");
	group_is(&g.v[2], 2, 12, 3000, 0);
	/* 05-09 5.5 %: S6 15.00, S7 2.50 and its void -2.50: 1 row net,
	 * 6 cookies, 15.00. */
	assert_string_equal(g.v[3].value[DIM_DAY], "2026-05-09");
	EQ(g.v[3].vat, 550);
	group_is(&g.v[3], 1, 6, 1500, 0);
	/* 05-09 20 %: 3 bags, 24.00. */
	EQ(g.v[4].vat, 2000);
	group_is(&g.v[4], 1, 3, 2400, 0);
	/* A dimension not asked has no value. */
	assert_null(g.v[0].value[DIM_PRODUCT]);
	groups_free(&g);
	EQ(g.n, 0);
}

/* An all-voided group stays, at 0 rows and 0.00 (the report leaves it
 * out). */
static void test_all_voided_group(void **state)
{
	struct groups g = groups(KIND_SALE, BY(DIM_DAY) | BY(DIM_PAYMENT));
	struct row s = sale("S00001", 9, "cookie", 1, 250, 550, PAY_TRANSFER,
	                    "");
	(void)state;

	add(&g, s);
	add(&g, void_of(&s, "V00001"));
	EQ(g.n, 1);
	assert_string_equal(g.v[0].value[DIM_PAYMENT], "transfer");
	group_is(&g.v[0], 0, 0, 0, 0);
	groups_free(&g);
}

/* ---- other dimensions, no dimension, the order ---- */

static void test_sales_by_participant_sorted(void **state)
{
	struct groups g = groups(KIND_SALE, BY(DIM_PARTICIPANT));
	(void)state;

	add(&g, sale("S00001", 7, "cookie", 4, 250, 550, PAY_CASH, "P010"));
	add(&g, sale("S00002", 7, "cookie", 1, 250, 550, PAY_CASH, "P002"));
	add(&g, sale("S00003", 8, "cookie", 6, 250, 550, PAY_CASH, ""));
	add(&g, sale("S00004", 8, "@sac", 1, 800, 2000, PAY_CASH, "P002"));
	groups_sort(&g);
	/* A sale by nobody ("") first, then ids as text: P002, P010.  The
	 * rate is not asked: P002's two rates are one group, 2.50 + 8.00. */
	EQ(g.n, 3);
	assert_string_equal(g.v[0].value[DIM_PARTICIPANT], "");
	group_is(&g.v[0], 1, 6, 1500, 0);
	assert_string_equal(g.v[1].value[DIM_PARTICIPANT], "P002");
	group_is(&g.v[1], 2, 2, 1050, 0);
	assert_string_equal(g.v[2].value[DIM_PARTICIPANT], "P010");
	group_is(&g.v[2], 1, 4, 1000, 0);
	groups_free(&g);
}

static void test_no_dimension(void **state)
{
	struct groups g = groups(KIND_CHARGE, 0);
	(void)state;

	/* Every charge in one group: 36.90 + 30.00 + 12.00 = 78.90. */
	add(&g, charge("C00001", 5, "ingredients", 3690, 550));
	add(&g, charge("C00002", 5, "-stand", 3000, 2000));
	add(&g, charge("C00003", 6, "packaging", 1200, 2000));
	EQ(g.n, 1);
	group_is(&g.v[0], 3, 0, 7890, 0);
	groups_free(&g);
}

static void test_charges_by_category_and_rate(void **state)
{
	struct groups g = groups(KIND_CHARGE, BY(DIM_CATEGORY) | BY(DIM_VAT));
	struct row c2 = charge("C00002", 5, "-stand", 3000, 2000);
	(void)state;

	add(&g, charge("C00001", 5, "packaging", 1200, 2000));
	add(&g, c2);
	add(&g, charge("C00003", 6, "packaging", 600, 550));
	add(&g, charge("C00004", 6, "packaging", 400, 2000));
	/* A sale voided: its void is not a charge's either. */
	{
		struct row s = sale("S00001", 9, "cookie", 1, 250, 550, PAY_CASH,
		                    "");
		add(&g, s);
		add(&g, void_of(&s, "V00001"));
	}
	groups_sort(&g);
	/* "-stand" < "packaging" as text; packaging 5.5 % before 20 %. */
	EQ(g.n, 3);
	assert_string_equal(g.v[0].value[DIM_CATEGORY], "-stand");
	group_is(&g.v[0], 1, 0, 3000, 0);
	assert_string_equal(g.v[1].value[DIM_CATEGORY], "packaging");
	EQ(g.v[1].vat, 550);
	group_is(&g.v[1], 1, 0, 600, 0);
	/* packaging 20 %: 12.00 + 4.00. */
	EQ(g.v[2].vat, 2000);
	group_is(&g.v[2], 2, 0, 1600, 0);
	groups_free(&g);
}

/* ---- hours ---- */

static void test_hours_by_day_and_participant(void **state)
{
	struct groups g = groups(KIND_HOURS, BY(DIM_DAY) | BY(DIM_PARTICIPANT));
	struct row h7 = hours("H00007", 8, "P003", 300);
	(void)state;

	add(&g, hours("H00001", 5, "P001", 700));
	add(&g, hours("H00002", 7, "P001", 650));
	add(&g, hours("H00003", 5, "P002", 700));
	add(&g, hours("H00004", 5, "P001", 50));
	add(&g, h7);
	add(&g, void_of(&h7, "V00002"));
	groups_sort(&g);
	EQ(g.n, 4);
	/* 05-05 P001: 7 + 0.5 = 7.50 h, two rows. */
	assert_string_equal(g.v[0].value[DIM_DAY], "2026-05-05");
	assert_string_equal(g.v[0].value[DIM_PARTICIPANT], "P001");
	group_is(&g.v[0], 2, 0, 0, 750);
	assert_string_equal(g.v[1].value[DIM_PARTICIPANT], "P002");
	group_is(&g.v[1], 1, 0, 0, 700);
	assert_string_equal(g.v[2].value[DIM_DAY], "2026-05-07");
	group_is(&g.v[2], 1, 0, 0, 650);
	/* 05-08 P003: voided, 0 rows, 0 h. */
	assert_string_equal(g.v[3].value[DIM_DAY], "2026-05-08");
	group_is(&g.v[3], 0, 0, 0, 0);
	groups_free(&g);
}

static struct row hours_as(const char *id, int d, const char *who,
                           int64_t h, const char *role)
{
	struct row r = hours(id, d, who, h);
	r.role = role;
	return r;
}

/* --by participant,role: what each one did, the attestation's line. */
static void test_hours_by_role(void **state)
{
	struct groups g = groups(KIND_HOURS, BY(DIM_PARTICIPANT) | BY(DIM_ROLE));
	struct row h4 = hours_as("H00004", 6, "P001", 200, "sale");
	(void)state;

	add(&g, hours_as("H00001", 5, "P001", 700, "production"));
	add(&g, hours_as("H00002", 5, "P002", 600, "sale"));
	add(&g, hours_as("H00003", 6, "P001", 500, "production"));
	add(&g, h4);
	/* The void repeats the role: it takes h4's 2.00 h back from
	 * P001 sale. */
	add(&g, void_of(&h4, "V00001"));
	add(&g, hours_as("H00005", 7, "P001", 150, "sale"));
	/* A row saying no role is in the group of "". */
	add(&g, hours_as("H00006", 7, "P002", 100, ""));
	groups_sort(&g);
	EQ(g.n, 4);
	/* P001 production: 7.00 + 5.00 = 12.00 h, two rows. */
	assert_string_equal(g.v[0].value[DIM_PARTICIPANT], "P001");
	assert_string_equal(g.v[0].value[DIM_ROLE], "production");
	group_is(&g.v[0], 2, 0, 0, 1200);
	/* P001 sale: 2.00 - 2.00 (voided) + 1.50 = 1.50 h, one row net. */
	assert_string_equal(g.v[1].value[DIM_PARTICIPANT], "P001");
	assert_string_equal(g.v[1].value[DIM_ROLE], "sale");
	group_is(&g.v[1], 1, 0, 0, 150);
	/* P002 "" (sorted before "sale"): 1.00 h. */
	assert_string_equal(g.v[2].value[DIM_PARTICIPANT], "P002");
	assert_string_equal(g.v[2].value[DIM_ROLE], "");
	group_is(&g.v[2], 1, 0, 0, 100);
	/* P002 sale: 6.00 h. */
	assert_string_equal(g.v[3].value[DIM_ROLE], "sale");
	group_is(&g.v[3], 1, 0, 0, 600);
	assert_null(g.v[0].value[DIM_DAY]);
	groups_free(&g);
}

/* ---- a period: --from and --to, both included ---- */

static void test_period(void **state)
{
	struct groups g = groups(KIND_SALE, BY(DIM_DAY));
	(void)state;

	g.from = day(8);
	g.to = day(8);
	add(&g, sale("S00001", 7, "cookie", 4, 250, 550, PAY_CASH, ""));
	add(&g, sale("S00002", 8, "cookie", 10, 250, 550, PAY_CARD, ""));
	add(&g, sale("S00003", 8, "cookie", 2, 250, 550, PAY_CASH, ""));
	add(&g, sale("S00004", 9, "cookie", 6, 250, 550, PAY_CASH, ""));
	/* Only 05-08: 12 cookies, 30.00. */
	EQ(g.n, 1);
	group_is(&g.v[0], 2, 12, 3000, 0);
	groups_free(&g);

	/* --from alone: 05-09 on. */
	g = groups(KIND_SALE, BY(DIM_DAY));
	g.from = day(9);
	add(&g, sale("S00001", 8, "cookie", 2, 250, 550, PAY_CASH, ""));
	add(&g, sale("S00002", 9, "cookie", 6, 250, 550, PAY_CASH, ""));
	add(&g, sale("S00003", 13, "cookie", 1, 250, 550, PAY_CASH, ""));
	EQ(g.n, 2);
	groups_free(&g);
}

/* ---- what does not fit ---- */

static void test_refusals(void **state)
{
	struct groups g = groups(KIND_SALE, BY(DIM_PRODUCT));
	struct row big = sale("S00002", 7, "cookie", 1, INT64_MAX, 550,
	                      PAY_CASH, "");
	struct fc_error e = { 0, "" };
	char *longname = malloc(5000);
	(void)state;

	add(&g, sale("S00001", 7, "cookie", 1, 1, 550, PAY_CASH, ""));
	big.line = 3;
	assert_int_equal(groups_add(&g, &big, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "ledger.csv:3: the totals grow too large"));
	groups_free(&g);

	/* A key longer than the room for it: refused, not cut. */
	assert_non_null(longname);
	memset(longname, 'x', 4999);
	longname[4999] = '\0';
	g = groups(KIND_SALE, BY(DIM_PRODUCT));
	big = sale("S00003", 7, longname, 1, 100, 550, PAY_CASH, "");
	assert_int_equal(groups_add(&g, &big, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "too long"));
	EQ(g.n, 0);
	groups_free(&g);
	free(longname);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dim_names),
		cmocka_unit_test(test_sales_by_day_and_rate),
		cmocka_unit_test(test_all_voided_group),
		cmocka_unit_test(test_sales_by_participant_sorted),
		cmocka_unit_test(test_no_dimension),
		cmocka_unit_test(test_charges_by_category_and_rate),
		cmocka_unit_test(test_hours_by_day_and_participant),
		cmocka_unit_test(test_hours_by_role),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
