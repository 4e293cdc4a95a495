/*
 * Unit tests for lib/rules.c rules_charge_parts and rules_charge_vat: a
 * charge's deductible VAT (SPEC §4, flashcoop-record(1) --vat-amount),
 * by rate.
 *
 * Amounts in cents, rates in hundredths of a percent (5.5 % is 550).
 * - One rate, no vat_amount: the charge's own VAT,
 *   round(amount x r / (10000 + r)), half away from zero.
 * - One rate with vat_amount: the receipt's VAT as it is.
 * - vat = false (the project counts no VAT): 0, the whole charge its
 *   part.
 * - Several rates (row.parts, nparts >= 2): each rate's VAT as printed;
 *   each part but the last is round(vat x 10000 / r) + vat, the last
 *   takes what is left of the amount, so that the parts add up.
 * - A refund (a negative charge, its VAT negative) is the mirror image.
 * Rows built by hand as row.h describes them.
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
#include "flashcoop/row.h"
#include "flashcoop/rules.h"

/* A charge of amount cents at rate, ingredients, cash. */
static struct row charge(int64_t amount, int32_t rate)
{
	struct row r;

	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "C00001");
	r.kind = KIND_CHARGE;
	r.date = date_from_ymd(2026, 5, 5);
	r.amount = amount;
	r.vat = rate;
	r.product = r.ref = r.note = "";
	r.category = "ingredients";
	r.payment = PAY_CASH;
	r.has_amount = r.has_vat = true;
	return r;
}

/* The same with the receipt's VAT. */
static struct row charge_vat(int64_t amount, int32_t rate, int64_t vat)
{
	struct row r = charge(amount, rate);
	r.vat_amount = vat;
	r.has_vat_amount = true;
	return r;
}

/* A receipt of two rates: r1 with VAT v1, r2 with VAT v2 (row.h: vat the
 * first rate, vat_amount their sum). */
static struct row receipt2(int64_t amount, int32_t r1, int64_t v1, int32_t r2,
                           int64_t v2)
{
	struct row r = charge_vat(amount, r1, v1 + v2);
	r.parts[0] = (struct row_part){ r1, v1 };
	r.parts[1] = (struct row_part){ r2, v2 };
	r.nparts = 2;
	return r;
}

/* The parts of en with vat, checked to be n of them; and that their
 * amounts add up to the charge's and their VAT to rules_charge_vat. */
static void parts_of(bool vat, const struct row *en, size_t want_n,
                     struct charge_part out[ROW_RATES_MAX])
{
	size_t n = 99;
	int64_t incl = 0, sum = 0, total;

	memset(out, 0x5a, ROW_RATES_MAX * sizeof *out);
	assert_int_equal(rules_charge_parts(vat, en, out, &n), 0);
	assert_int_equal(n, want_n);
	for (size_t i = 0; i < n; i++) {
		incl += out[i].incl;
		sum += out[i].vat;
	}
	assert_int_equal(incl, en->amount);
	assert_int_equal(rules_charge_vat(vat, en, &total), 0);
	assert_int_equal(total, sum);
}

static void expect_part(const struct charge_part *p, int32_t rate,
                        int64_t incl, int64_t vat)
{
	assert_int_equal(p->rate, rate);
	assert_int_equal(p->incl, incl);
	assert_int_equal(p->vat, vat);
}

/* One rate, the VAT computed for the charge alone:
 *   1.00 at 20 %:  100 x 2000 / 12000 = 16.67 -> 17: 0.17
 *   12.00 at 5.5 %: 1200 x 550 / 10550 = 62.56 -> 63: 0.63
 *   10.55 at 5.5 %: 1055 x 550 / 10550 = 55 exactly: 0.55
 *   6.00 at 20 %:  600 / 6 = 100: 1.00
 *   2.10 at 2.1 %: 210 x 210 / 10210 = 4.32 -> 4: 0.04
 *   11.00 at 10 %: 1100 x 1000 / 11000 = 100: 1.00
 *   0.01 at 5.5 %: 550 / 10550 = 0.05 -> 0: 0.00 */
static void test_one_rate(void **state)
{
	struct charge_part p[ROW_RATES_MAX];
	struct row r;
	int64_t vat = -1;
	(void)state;

	r = charge(100, 2000);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 2000, 100, 17);
	assert_int_equal(rules_charge_vat(true, &r, &vat), 0);
	assert_int_equal(vat, 17);

	r = charge(1200, 550);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 550, 1200, 63);

	r = charge(1055, 550);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 550, 1055, 55);

	r = charge(600, 2000);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 2000, 600, 100);

	r = charge(210, 210);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 210, 210, 4);

	r = charge(1100, 1000);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 1000, 1100, 100);

	r = charge(1, 550);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 550, 1, 0);

	/* A charge at 0 %: no VAT. */
	r = charge(500, 0);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 0, 500, 0);
}

/* Exactly half a cent: SPEC §4 and rules.h round the VAT itself, half up
 * (away from zero): at 20 % the VAT is amount / 6, so
 *   0.03: 3 x 2000 / 12000 = 0.5 -> 1: 0.01
 *   3.03: 303 / 6 = 50.5 -> 51: 0.51
 *   0.09: 9 / 6 = 1.5 -> 2: 0.02
 * (amount - round(amount x 10000 / 12000) would give 0.00, 0.50, 0.01:
 * the before-VAT rounded up, the VAT down.)  A refund mirrors it:
 * -3.03 -> -0.51. */
static void test_one_rate_half_cent(void **state)
{
	static const struct {
		int64_t amount, vat;
	} cases[] = { { 3, 1 }, { 303, 51 }, { 9, 2 }, { -303, -51 } };
	char wrong[512] = "";
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct row r = charge(cases[i].amount, 2000);
		int64_t vat;
		assert_int_equal(rules_charge_vat(true, &r, &vat), 0);
		if (vat != cases[i].vat) {
			size_t len = strlen(wrong);
			snprintf(wrong + len, sizeof wrong - len, "; %lld at 20 %%: "
			         "VAT %lld, not %lld", (long long)cases[i].amount,
			         (long long)vat, (long long)cases[i].vat);
		}
	}
	if (*wrong)
		fail_msg("%s (cents)", wrong + 2);
}

/* The receipt's VAT is taken as printed, even where the computation
 * would say otherwise: 12.00 at 5.5 % with 0.60 printed (computed: 0.63);
 * 3.03 at 20 % with 0.51. */
static void test_vat_amount(void **state)
{
	struct charge_part p[ROW_RATES_MAX];
	struct row r;
	int64_t vat;
	(void)state;

	r = charge_vat(1200, 550, 60);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 550, 1200, 60);
	assert_int_equal(rules_charge_vat(true, &r, &vat), 0);
	assert_int_equal(vat, 60);

	r = charge_vat(303, 2000, 51);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 2000, 303, 51);

	/* A receipt's VAT of 0.00 given is 0, not the computed 0.17. */
	r = charge_vat(100, 2000, 0);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 2000, 100, 0);
}

/* vat = no: nothing is deductible, whatever the row says; the charge is
 * whole (its incl is the amount). */
static void test_no_vat(void **state)
{
	struct charge_part p[ROW_RATES_MAX];
	struct row r;
	int64_t vat = -1;
	(void)state;

	r = charge(1200, 550);
	parts_of(false, &r, 1, p);
	expect_part(&p[0], 550, 1200, 0);
	assert_int_equal(rules_charge_vat(false, &r, &vat), 0);
	assert_int_equal(vat, 0);

	r = charge_vat(1200, 550, 60);
	parts_of(false, &r, 1, p);
	expect_part(&p[0], 550, 1200, 0);

	vat = -1;
	r = receipt2(1300, 550, 52, 2000, 50);
	assert_int_equal(rules_charge_vat(false, &r, &vat), 0);
	assert_int_equal(vat, 0);
}

/* One receipt of 13.00: 0.52 of VAT at 5.5 %, 0.50 at 20 %.
 *   5.5 %: base round(52 x 10000 / 550) = round(945.45) = 945, incl
 *          945 + 52 = 997: 9.97
 *   20 %:  the rest, 1300 - 997 = 303: 3.03, VAT 0.50 as printed
 *   VAT 0.52 + 0.50 = 1.02. */
static void test_two_rates(void **state)
{
	struct charge_part p[ROW_RATES_MAX];
	struct row r = receipt2(1300, 550, 52, 2000, 50);
	int64_t vat;
	(void)state;

	parts_of(true, &r, 2, p);
	expect_part(&p[0], 550, 997, 52);
	expect_part(&p[1], 2000, 303, 50);
	assert_int_equal(rules_charge_vat(true, &r, &vat), 0);
	assert_int_equal(vat, 102);

	/* The other way round: 20 % first.  base round(50 x 10000 / 2000)
	 * = 250, incl 300; 5.5 % the rest 1000, VAT 0.52. */
	r = receipt2(1300, 2000, 50, 550, 52);
	parts_of(true, &r, 2, p);
	expect_part(&p[0], 2000, 300, 50);
	expect_part(&p[1], 550, 1000, 52);
}

/* Three rates on 20.00: 5.5 % 0.52, 10 % 0.30, 20 % 0.50.
 *   5.5 %: 945 + 52 = 997 (as above)
 *   10 %:  round(30 x 10000 / 1000) = 300, + 30 = 330
 *   20 %:  2000 - 997 - 330 = 673, VAT 50
 *   VAT 52 + 30 + 50 = 132.
 * And four (ROW_RATES_MAX), 30.00: 2.1 % 0.21 -> round(21 x 10000 / 210)
 * = 1000, 1021; 5.5 % 0.11 -> round(110000 / 550) = 200, 211; 10 % 0.10
 * -> 100, 110; 20 % the rest 3000 - 1021 - 211 - 110 = 1658, VAT 0.40;
 * VAT 21 + 11 + 10 + 40 = 82. */
static void test_more_rates(void **state)
{
	struct charge_part p[ROW_RATES_MAX];
	struct row r = receipt2(2000, 550, 52, 1000, 30);
	int64_t vat;
	(void)state;

	r.parts[2] = (struct row_part){ 2000, 50 };
	r.nparts = 3;
	r.vat_amount = 132;
	parts_of(true, &r, 3, p);
	expect_part(&p[0], 550, 997, 52);
	expect_part(&p[1], 1000, 330, 30);
	expect_part(&p[2], 2000, 673, 50);
	assert_int_equal(rules_charge_vat(true, &r, &vat), 0);
	assert_int_equal(vat, 132);

	r = receipt2(3000, 210, 21, 550, 11);
	r.parts[2] = (struct row_part){ 1000, 10 };
	r.parts[3] = (struct row_part){ 2000, 40 };
	r.nparts = 4;
	r.vat_amount = 82;
	parts_of(true, &r, 4, p);
	expect_part(&p[0], 210, 1021, 21);
	expect_part(&p[1], 550, 211, 11);
	expect_part(&p[2], 1000, 110, 10);
	expect_part(&p[3], 2000, 1658, 40);
	assert_int_equal(rules_charge_vat(true, &r, &vat), 0);
	assert_int_equal(vat, 82);
}

/* A refund: the same receipts with every amount negative give the same
 * figures negative (round half away from zero is symmetric):
 *   -12.00 at 5.5 %: -0.63; -1.00 at 20 %: -0.17;
 *   -13.00 of {5.5: -0.52, 20: -0.50}: round(-520000 / 550) = -945,
 *   -997; the rest -1300 + 997 = -303; VAT -1.02. */
static void test_refund(void **state)
{
	struct charge_part p[ROW_RATES_MAX];
	struct row r;
	int64_t vat;
	(void)state;

	r = charge(-1200, 550);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 550, -1200, -63);

	r = charge(-100, 2000);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 2000, -100, -17);

	r = charge_vat(-1200, 550, -60);
	parts_of(true, &r, 1, p);
	expect_part(&p[0], 550, -1200, -60);

	r = receipt2(-1300, 550, -52, 2000, -50);
	parts_of(true, &r, 2, p);
	expect_part(&p[0], 550, -997, -52);
	expect_part(&p[1], 2000, -303, -50);
	assert_int_equal(rules_charge_vat(true, &r, &vat), 0);
	assert_int_equal(vat, -102);
}

/* A void repeats its charge (row_void_of): the same parts and VAT, which
 * the books and the totals then subtract. */
static void test_void(void **state)
{
	struct charge_part p[ROW_RATES_MAX];
	struct row c = receipt2(1300, 550, 52, 2000, 50), v;
	int64_t vat;
	(void)state;

	row_void_of(&v, &c, "typed twice");
	assert_int_equal(v.kind, KIND_VOID);
	parts_of(true, &v, 2, p);
	expect_part(&p[0], 550, 997, 52);
	expect_part(&p[1], 2000, 303, 50);

	c = charge(1200, 550);
	row_void_of(&v, &c, "typed twice");
	assert_int_equal(rules_charge_vat(true, &v, &vat), 0);
	assert_int_equal(vat, 63);
}

/* What does not fit is refused (-1), never wrapped:
 * - a part's base: 2^62 of VAT at 0.01 % is 2^62 x 10000 of base;
 * - a part's incl: 2^62 of VAT at 100 % is 2^62 + 2^62 = 2^63;
 * - the sum of the VAT (rules_charge_vat only): 2^61 at 100 % (incl
 *   2^62, fits) then INT64_MAX: 2^61 + INT64_MAX does not fit. */
static void test_too_large(void **state)
{
	struct charge_part p[ROW_RATES_MAX];
	struct row r;
	size_t n;
	int64_t vat;
	(void)state;

	r = receipt2(1000, 1, INT64_C(1) << 62, 2000, 50);
	assert_int_equal(rules_charge_parts(true, &r, p, &n), -1);
	assert_int_equal(rules_charge_vat(true, &r, &vat), -1);

	r = receipt2(1000, 10000, INT64_C(1) << 62, 2000, 50);
	assert_int_equal(rules_charge_parts(true, &r, p, &n), -1);

	r = receipt2(INT64_MAX, 10000, INT64_C(1) << 61, 2000, 0);
	r.parts[1].vat = INT64_MAX;
	assert_int_equal(rules_charge_parts(true, &r, p, &n), 0);
	assert_int_equal(n, 2);
	expect_part(&p[0], 10000, INT64_C(1) << 62, INT64_C(1) << 61);
	assert_int_equal(rules_charge_vat(true, &r, &vat), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_rate),
		cmocka_unit_test(test_one_rate_half_cent),
		cmocka_unit_test(test_vat_amount),
		cmocka_unit_test(test_no_vat),
		cmocka_unit_test(test_two_rates),
		cmocka_unit_test(test_more_rates),
		cmocka_unit_test(test_refund),
		cmocka_unit_test(test_void),
		cmocka_unit_test(test_too_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
