/*
 * Unit tests for lib/closing.c: the closing statement of SPEC §4, on
 * totals built from hand-made rows (totals_add, voids included) and on
 * participants and settings built by hand.  Every expected figure is worked
 * out by hand in the comment above its assertion.
 *
 * Notation: amounts in cents, rates in hundredths of a percent (5.5 % is
 * 550).  round() is half-up (half away from zero).
 *   H_r          = round(T_r x 10000 / (10000 + r))       before VAT
 *   VAT_r        = T_r - H_r
 *   contribution = round(max(base, 0) x cae_rate / 10000)
 *   gross        = round(share x 10000 / (10000 + employer_rate))
 *   employee     = round(gross x employee_rate / 10000)
 *
 * An exact half cent before VAT happens at 20 % but cannot happen at
 * 5.5 % or 10 %: there H = T x 200 / 211 and H = T x 10 / 11, and a
 * fraction of exactly 1/2 would need 400T / 211 (or 20T / 11) to be an odd
 * whole number, but it is whole only when 211 (or 11) divides T, and then
 * it is even.  For those rates the tests take the two cases nearest to the
 * half on either side, and put the exact half-cent tie of the case in the
 * CAE contribution or the employee contributions instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/error.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/totals.h"

/* ---- building the input by hand ---- */

/* The settings of SPEC §2 by default: VAT, CAE 10 % of the margin,
 * employer 13 %, employee 22 %, shares by hours. */
static struct project settings(void)
{
	struct project p;
	memset(&p, 0, sizeof p);
	p.dir = (char *)".";
	p.id = (char *)"FC-UNIT";
	p.name = (char *)"Unit";
	p.start = date_from_ymd(2026, 5, 4);
	p.end = date_from_ymd(2026, 5, 13);
	p.vat = true;
	p.cae_base = CAE_BASE_MARGIN;
	p.cae_rate = 1000;
	p.employer_rate = 1300;
	p.employee_rate = 2200;
	p.share = SHARE_HOURS;
	return p;
}

#define MAXP 8
struct people {
	struct participant v[MAXP];
	struct participants ps;
};

/* Participants named by their ids, in the order given (not necessarily
 * the id order: the statement sorts them). */
static void people(struct people *pp, size_t n, const char *const *ids)
{
	memset(pp, 0, sizeof *pp);
	for (size_t i = 0; i < n && i < MAXP; i++) {
		snprintf(pp->v[i].id, sizeof pp->v[i].id, "%s", ids[i]);
		pp->v[i].name = (char *)"Name";
		pp->v[i].contract = (char *)"CAPE";
		pp->v[i].enrolled = date_from_ymd(2026, 5, 4);
		pp->v[i].withdrawn = DATE_NONE;
		pp->v[i].line = (long)i + 2;
	}
	pp->ps.v = pp->v;
	pp->ps.n = pp->ps.cap = n;
}

static struct row row(enum kind k, const char *id)
{
	struct row en;
	memset(&en, 0, sizeof en);
	snprintf(en.id, sizeof en.id, "%s", id);
	en.kind = k;
	en.in_hours = k == KIND_HOURS;
	en.date = date_from_ymd(2026, 5, 9);
	en.product = en.category = en.ref = en.note = "";
	en.file = en.in_hours ? "hours.csv" : "ledger.csv";
	en.line = 2;
	en.has_amount = en.has_vat = !en.in_hours;
	return en;
}

static struct row sale_row(const char *id, int32_t vat, int64_t amount)
{
	struct row en = row(KIND_SALE, id);
	en.product = "cookie";
	en.quantity = 1;
	en.unit_price = amount;
	en.amount = amount;
	en.vat = vat;
	en.payment = PAY_CASH;
	return en;
}

static struct row charge_row(const char *id, int32_t vat, int64_t amount)
{
	struct row en = row(KIND_CHARGE, id);
	en.category = "ingredients";
	en.amount = amount;
	en.vat = vat;
	en.payment = PAY_CARD;
	return en;
}

static struct row hours_row(const char *id, const char *who,
                              int64_t hundredths)
{
	struct row en = row(KIND_HOURS, id);
	snprintf(en.participant, sizeof en.participant, "%s", who);
	en.hours = hundredths;
	return en;
}

static void add(struct totals *t, const struct row *en)
{
	struct fc_error e;
	if (totals_add(t, en, &e) != 0)
		fail_msg("totals_add(%s) refused: %s", en->id, e.msg);
}

static void sale(struct totals *t, const char *id, int32_t vat, int64_t a)
{
	struct row en = sale_row(id, vat, a);
	add(t, &en);
}

static void charge(struct totals *t, const char *id, int32_t vat, int64_t a)
{
	struct row en = charge_row(id, vat, a);
	add(t, &en);
}

static void hours(struct totals *t, const char *id, const char *who,
                  int64_t hundredths)
{
	struct row en = hours_row(id, who, hundredths);
	add(t, &en);
}

/* Add target, then a void (id) that repeats it. */
static void voided(struct totals *t, const struct row *target,
                   const char *id)
{
	struct row v;
	add(t, target);
	row_void_of(&v, target, "mistake");
	snprintf(v.id, sizeof v.id, "%s", id);
	add(t, &v);
}

static void compute(const struct project *p, const struct people *pp,
                    const struct totals *t, struct closing *c)
{
	struct fc_error e;
	if (closing_compute(p, &pp->ps, t, c, &e) != 0)
		fail_msg("closing_compute refused: %s", e.msg);
}

/* ---- checking the output ---- */

#define EQ(got, want) assert_int_equal((int64_t)(got), (int64_t)(want))

static void vat_is(const struct vat_line *l, int32_t rate, int64_t incl,
                   int64_t before, int64_t vat)
{
	EQ(l->rate, rate);
	EQ(l->incl, incl);
	EQ(l->before, before);
	EQ(l->vat, vat);
}

static void pay_is(const struct pay_line *l, const char *id, int64_t hrs,
                   int64_t share, int64_t employer, int64_t gross,
                   int64_t employee, int64_t net)
{
	assert_string_equal(l->who->id, id);
	EQ(l->hours, hrs);
	EQ(l->share, share);
	EQ(l->employer, employer);
	EQ(l->gross, gross);
	EQ(l->employee, employee);
	EQ(l->net, net);
	/* What holds for every line, whatever the figures. */
	EQ(l->employer + l->gross, l->share);
	EQ(l->gross - l->employee, l->net);
}

static void figures_are(const struct closing *c, int64_t turnover,
                        int64_t charges, int64_t margin, int64_t contribution,
                        int64_t distributable)
{
	EQ(c->turnover, turnover);
	EQ(c->charges, charges);
	EQ(c->margin, margin);
	EQ(c->contribution, contribution);
	EQ(c->distributable, distributable);
}

/* The shares add up to the distributable result to the cent, or are all
 * 0 when there is nothing to pay (or nobody to pay). */
static void shares_add_up(const struct closing *c)
{
	int64_t sum = 0;
	for (size_t i = 0; i < c->npay; i++) {
		assert_true(c->pay[i].share >= 0);
		sum += c->pay[i].share;
	}
	if (c->distributable > 0 && !c->no_hours)
		EQ(sum, c->distributable);
	else
		EQ(sum, 0);
}

/* ---- VAT per rate, on the totals, half-up ---- */

static void test_vat_20_exact_half(void **state)
{
	static const char *const ids[] = { "P001" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	people(&pp, 1, ids);
	/* Three sales of 0.39 at 20 %: T = 117.  On the total,
	 * 117 x 10000 / 12000 = 97.5 -> 98 (the half goes up); VAT = 19.
	 * (Per line it would be 3 x round(32.5) = 99: VAT is computed on the
	 * totals, not per line.) */
	sale(&t, "S00001", 2000, 39);
	sale(&t, "S00002", 2000, 39);
	sale(&t, "S00003", 2000, 39);
	/* A charge of 0.03 at 20 %: its receipt's VAT (SPEC §4), round(3 x
	 * 2000 / 12000) = round(0.5) -> 1 (the half goes up); before VAT 2. */
	charge(&t, "C00001", 2000, 3);
	hours(&t, "H00001", "P001", 100);
	compute(&p, &pp, &t, &c);

	EQ(c.nsales_vat, 1);
	vat_is(&c.sales_vat[0], 2000, 117, 98, 19);
	EQ(c.ncharges_vat, 1);
	vat_is(&c.charges_vat[0], 2000, 3, 2, 1);
	EQ(c.sales_incl, 117);
	EQ(c.vat_collected, 19);
	EQ(c.charges_incl, 3);
	EQ(c.vat_deductible, 1);
	/* margin = 98 - 2 = 96; contribution = 96 x 1000 / 10000 = 9.6 -> 10;
	 * distributable = 96 - 10 = 86. */
	figures_are(&c, 98, 2, 96, 10, 86);
	EQ(c.cae_base, 96);
	/* One participant takes it all: share 86;
	 * gross = 86 x 10000 / 11300 = 76.11 -> 76, employer = 86 - 76 = 10;
	 * employee = 76 x 2200 / 10000 = 16.72 -> 17; net = 76 - 17 = 59. */
	EQ(c.npay, 1);
	pay_is(&c.pay[0], "P001", 100, 86, 10, 76, 17, 59);
	shares_add_up(&c);
	assert_false(c.no_hours);
	closing_free(&c);
	totals_free(&t);
}

static void test_vat_5_5_nearest_half(void **state)
{
	static const char *const ids[] = { "P001" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.cae_rate = 500;
	people(&pp, 1, ids);
	/* At 5.5 %, H = T x 200 / 211: the fraction is (200T mod 211) / 211,
	 * never 1/2; the nearest are 106/211 = 0.5024 (up) and 105/211 =
	 * 0.4976 (down).
	 * Sales 26.95: 2695 x 200 = 539000 = 211 x 2554 + 106:
	 * 2554.502 -> 2555; VAT = 2695 - 2555 = 140. */
	sale(&t, "S00001", 550, 2000);
	sale(&t, "S00002", 550, 695);
	/* Charges 0.48: 48 x 200 = 9600 = 211 x 45 + 105: 45.498 -> 45;
	 * VAT = 3. */
	charge(&t, "C00001", 550, 48);
	hours(&t, "H00001", "P001", 350);
	compute(&p, &pp, &t, &c);

	EQ(c.nsales_vat, 1);
	vat_is(&c.sales_vat[0], 550, 2695, 2555, 140);
	EQ(c.ncharges_vat, 1);
	vat_is(&c.charges_vat[0], 550, 48, 45, 3);
	EQ(c.vat_collected, 140);
	EQ(c.vat_deductible, 3);
	/* margin = 2555 - 45 = 2510; contribution at 5 %:
	 * 2510 x 500 / 10000 = 125.5 -> 126 (exact half);
	 * distributable = 2510 - 126 = 2384. */
	figures_are(&c, 2555, 45, 2510, 126, 2384);
	/* gross = 2384 x 10000 / 11300 = 2109.73 -> 2110, employer 274;
	 * employee = 2110 x 0.22 = 464.2 -> 464; net = 1646. */
	pay_is(&c.pay[0], "P001", 350, 2384, 274, 2110, 464, 1646);
	shares_add_up(&c);
	closing_free(&c);
	totals_free(&t);
}

static void test_vat_10_nearest_half(void **state)
{
	static const char *const ids[] = { "P001" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.cae_rate = 500;
	people(&pp, 1, ids);
	/* At 10 %, H = T x 10 / 11: the fraction is (10T mod 11) / 11, never
	 * 1/2; the nearest are 6/11 = 0.545 (up) and 5/11 = 0.455 (down).
	 * Sales 30.09: 30090 = 11 x 2735 + 5: 2735.45 -> 2735; VAT 274. */
	sale(&t, "S00001", 1000, 3009);
	/* Charges 0.05: 50 = 11 x 4 + 6: 4.545 -> 5; VAT 0. */
	charge(&t, "C00001", 1000, 5);
	hours(&t, "H00001", "P001", 2400);
	compute(&p, &pp, &t, &c);

	vat_is(&c.sales_vat[0], 1000, 3009, 2735, 274);
	vat_is(&c.charges_vat[0], 1000, 5, 5, 0);
	/* margin = 2735 - 5 = 2730; contribution at 5 %:
	 * 2730 x 0.05 = 136.5 -> 137 (exact half); distributable = 2593. */
	figures_are(&c, 2735, 5, 2730, 137, 2593);
	/* gross = 2593 / 1.13 = 2294.69 -> 2295, employer = 298;
	 * employee = 2295 x 0.22 = 504.9 -> 505; net = 1790. */
	pay_is(&c.pay[0], "P001", 2400, 2593, 298, 2295, 505, 1790);
	closing_free(&c);
	totals_free(&t);

	/* 30.08 at 10 %: 30080 = 11 x 2734 + 6: 2734.545 -> 2735 too, VAT
	 * 273: the other side of the half.  With charges of the same 30.09:
	 * margin 0, nothing to pay. */
	memset(&t, 0, sizeof t);
	sale(&t, "S00001", 1000, 3008);
	charge(&t, "C00001", 1000, 3009);
	hours(&t, "H00001", "P001", 100);
	compute(&p, &pp, &t, &c);
	vat_is(&c.sales_vat[0], 1000, 3008, 2735, 273);
	vat_is(&c.charges_vat[0], 1000, 3009, 2735, 274);
	figures_are(&c, 2735, 2735, 0, 0, 0);
	pay_is(&c.pay[0], "P001", 100, 0, 0, 0, 0, 0);
	shares_add_up(&c);
	assert_false(c.no_hours);
	closing_free(&c);
	totals_free(&t);
}

/* The project of tests/cli/t0400-close.sh: two rates, a void, a withdrawn
 * participant who worked, voided hours, a participant without hours. */
static void test_two_rates_voids_withdrawn(void **state)
{
	static const char *const ids[] = { "P001", "P002", "P003", "P004" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	struct row s3 = sale_row("S00003", 550, 1000);
	struct row h3 = hours_row("H00003", "P003", 400);
	(void)state;

	people(&pp, 4, ids);
	pp.v[1].withdrawn = date_from_ymd(2026, 5, 6);   /* P002 left */
	/* Sales: 25.00 at 5.5 % (by P001), 24.00 at 20 %, and 10.00 at
	 * 5.5 % voided. */
	sale(&t, "S00001", 550, 2500);
	sale(&t, "S00002", 2000, 2400);
	voided(&t, &s3, "V00001");
	charge(&t, "C00001", 550, 1200);
	charge(&t, "C00002", 2000, 600);
	hours(&t, "H00001", "P001", 700);
	hours(&t, "H00002", "P002", 350);
	voided(&t, &h3, "V00002");
	compute(&p, &pp, &t, &c);

	/* Rates in increasing order.
	 * 5.5 %: 2500 x 200 / 211 = 2369.67 -> 2370, VAT 130.
	 * 20 %: 2400 / 1.2 = 2000 exactly, VAT 400. */
	EQ(c.nsales_vat, 2);
	vat_is(&c.sales_vat[0], 550, 2500, 2370, 130);
	vat_is(&c.sales_vat[1], 2000, 2400, 2000, 400);
	/* 5.5 %: 1200 x 200 / 211 = 1137.44 -> 1137, VAT 63.
	 * 20 %: 600 / 1.2 = 500, VAT 100. */
	EQ(c.ncharges_vat, 2);
	vat_is(&c.charges_vat[0], 550, 1200, 1137, 63);
	vat_is(&c.charges_vat[1], 2000, 600, 500, 100);
	EQ(c.sales_incl, 4900);
	EQ(c.vat_collected, 530);
	EQ(c.charges_incl, 1800);
	EQ(c.vat_deductible, 163);
	/* turnover = 2370 + 2000 = 4370; charges = 1137 + 500 = 1637;
	 * margin = 2733; contribution = 273.3 -> 273; distributable 2460. */
	figures_are(&c, 4370, 1637, 2733, 273, 2460);
	EQ(c.hours, 1050);
	EQ(c.participants, 4);
	/* Hours 7 and 3.5 (P003's 4 were voided): 2460 x 7/10.5 = 1640,
	 * 2460 x 3.5/10.5 = 820, no remainder.
	 * P001: gross = 1640 / 1.13 = 1451.33 -> 1451, employer 189,
	 *       employee = 1451 x 0.22 = 319.22 -> 319, net 1132.
	 * P002 (withdrawn, but worked): gross = 820 / 1.13 = 725.66 -> 726,
	 *       employer 94, employee = 159.72 -> 160, net 566. */
	EQ(c.npay, 4);
	pay_is(&c.pay[0], "P001", 700, 1640, 189, 1451, 319, 1132);
	pay_is(&c.pay[1], "P002", 350, 820, 94, 726, 160, 566);
	pay_is(&c.pay[2], "P003", 0, 0, 0, 0, 0, 0);
	pay_is(&c.pay[3], "P004", 0, 0, 0, 0, 0, 0);
	shares_add_up(&c);
	assert_false(c.no_hours);
	closing_free(&c);
	totals_free(&t);
}

static void test_voids_count_nowhere(void **state)
{
	static const char *const ids[] = { "P001", "P002" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	struct row s1 = sale_row("S00001", 2000, 9999);
	struct row c1 = charge_row("C00001", 550, 5000);
	struct row h1 = hours_row("H00001", "P002", 2400);
	struct row k1 = row(KIND_COUNT, "K00001");
	(void)state;

	p.cae_rate = 0;
	people(&pp, 2, ids);
	k1.amount = 123456;
	k1.has_vat = false;
	/* The only 20 % sale is voided: no 20 % line at all.  The only 5.5 %
	 * charge is voided: no charge line.  P002's only hours are voided:
	 * no share.  A cash count is no sale. */
	voided(&t, &s1, "V00001");
	voided(&t, &c1, "V00002");
	voided(&t, &h1, "V00003");
	add(&t, &k1);
	/* What is left: a sale of 10.00 at 0 %, 2 hours of P001. */
	sale(&t, "S00002", 0, 1000);
	hours(&t, "H00002", "P001", 200);
	compute(&p, &pp, &t, &c);

	EQ(c.nsales_vat, 1);
	vat_is(&c.sales_vat[0], 0, 1000, 1000, 0);
	EQ(c.ncharges_vat, 0);
	EQ(c.sales_incl, 1000);
	EQ(c.charges_incl, 0);
	figures_are(&c, 1000, 0, 1000, 0, 1000);
	EQ(c.hours, 200);
	/* gross = 1000 / 1.13 = 884.96 -> 885, employer 115;
	 * employee = 885 x 0.22 = 194.7 -> 195; net 690. */
	pay_is(&c.pay[0], "P001", 200, 1000, 115, 885, 195, 690);
	pay_is(&c.pay[1], "P002", 0, 0, 0, 0, 0, 0);
	closing_free(&c);
	totals_free(&t);
}

/* ---- the split ---- */

static void test_largest_remainder_ties(void **state)
{
	/* Given out of id order: the statement is in id order, and ties go
	 * to the lower id, not to the first given. */
	static const char *const ids[] = { "P003", "P001", "P002" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.vat = false;
	p.cae_rate = 0;
	people(&pp, 3, ids);
	/* 0.11 to share, hours 1, 2, 2 (5 in all):
	 *   P001: 11 x 1/5 = 2.2, P002: 11 x 2/5 = 4.4, P003: 4.4.
	 * Floors 2 + 4 + 4 = 10: 1 cent left, to the largest remainder.
	 * P001's (0.2) is the smallest; P002 and P003 tie at 0.4: the lower
	 * id, P002, takes it.  Shares 2, 5, 4.
	 * Pay: 2 -> gross round(1.77) = 2, employee round(0.44) = 0, net 2;
	 *      5 -> gross round(4.42) = 4, employer 1, employee round(0.88)
	 *           = 1, net 3;
	 *      4 -> gross round(3.54) = 4, employer 0, employee 1, net 3. */
	sale(&t, "S00001", 0, 11);
	hours(&t, "H00001", "P003", 200);
	hours(&t, "H00002", "P002", 200);
	hours(&t, "H00003", "P001", 100);
	compute(&p, &pp, &t, &c);
	figures_are(&c, 11, 0, 11, 0, 11);
	pay_is(&c.pay[0], "P001", 100, 2, 0, 2, 0, 2);
	pay_is(&c.pay[1], "P002", 200, 5, 1, 4, 1, 3);
	pay_is(&c.pay[2], "P003", 200, 4, 0, 4, 1, 3);
	shares_add_up(&c);
	closing_free(&c);
	totals_free(&t);

	/* 0.05 between three of 1 hour each: 1.67 each, floors 1 + 1 + 1,
	 * 2 cents left, remainders all equal: P001 and P002 take one each.
	 * Shares 2, 2, 1. */
	memset(&t, 0, sizeof t);
	sale(&t, "S00001", 0, 5);
	hours(&t, "H00001", "P003", 100);
	hours(&t, "H00002", "P002", 100);
	hours(&t, "H00003", "P001", 100);
	compute(&p, &pp, &t, &c);
	pay_is(&c.pay[0], "P001", 100, 2, 0, 2, 0, 2);
	pay_is(&c.pay[1], "P002", 100, 2, 0, 2, 0, 2);
	pay_is(&c.pay[2], "P003", 100, 1, 0, 1, 0, 1);
	shares_add_up(&c);
	closing_free(&c);
	totals_free(&t);
}

static void test_ids_sorted_by_number(void **state)
{
	/* P010 comes after P009, and P1000 after P999. */
	static const char *const ids[] = { "P1000", "P010", "P009", "P999" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.vat = false;
	p.cae_rate = 0;
	people(&pp, 4, ids);
	/* 0.03 between four of 1 hour each: 0.75 each, floors 0, 3 cents
	 * left, all remainders equal: the three lowest ids take one each. */
	sale(&t, "S00001", 0, 3);
	hours(&t, "H00001", "P1000", 100);
	hours(&t, "H00002", "P010", 100);
	hours(&t, "H00003", "P999", 100);
	hours(&t, "H00004", "P009", 100);
	compute(&p, &pp, &t, &c);
	pay_is(&c.pay[0], "P009", 100, 1, 0, 1, 0, 1);
	pay_is(&c.pay[1], "P010", 100, 1, 0, 1, 0, 1);
	pay_is(&c.pay[2], "P999", 100, 1, 0, 1, 0, 1);
	pay_is(&c.pay[3], "P1000", 100, 0, 0, 0, 0, 0);
	shares_add_up(&c);
	closing_free(&c);
	totals_free(&t);
}

static void test_equal_split(void **state)
{
	static const char *const ids[] = { "P001", "P002", "P003", "P004" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.vat = false;
	p.cae_rate = 0;
	p.share = SHARE_EQUAL;
	people(&pp, 4, ids);
	/* 100.00 shared equally between those with hours (P001 7 h, P002
	 * 1 h, P004 3.5 h; P003 none), whatever their hours:
	 * 10000 / 3 = 3333.33 each, floors 3333 x 3 = 9999, 1 cent left,
	 * remainders equal: P001.  Shares 3334, 3333, 0, 3333.
	 * 3334: gross = 3334 / 1.13 = 2950.44 -> 2950, employer 384,
	 *       employee = 2950 x 0.22 = 649 exactly, net 2301.
	 * 3333: gross = 2949.56 -> 2950, employer 383, employee 649,
	 *       net 2301. */
	sale(&t, "S00001", 0, 10000);
	hours(&t, "H00001", "P001", 700);
	hours(&t, "H00002", "P002", 100);
	hours(&t, "H00003", "P004", 350);
	compute(&p, &pp, &t, &c);
	figures_are(&c, 10000, 0, 10000, 0, 10000);
	EQ(c.hours, 1150);
	pay_is(&c.pay[0], "P001", 700, 3334, 384, 2950, 649, 2301);
	pay_is(&c.pay[1], "P002", 100, 3333, 383, 2950, 649, 2301);
	pay_is(&c.pay[2], "P003", 0, 0, 0, 0, 0, 0);
	pay_is(&c.pay[3], "P004", 350, 3333, 383, 2950, 649, 2301);
	shares_add_up(&c);
	assert_false(c.no_hours);
	closing_free(&c);
	totals_free(&t);
}

/* ---- the result ---- */

static void test_loss(void **state)
{
	static const char *const ids[] = { "P001", "P002" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	people(&pp, 2, ids);
	/* Sales 25.00 at 5.5 %: 2370 before VAT, VAT 130.
	 * Charges 40.00 at 20 %: 4000 / 1.2 = 3333.33 -> 3333, VAT 667.
	 * margin = 2370 - 3333 = -963: a loss.  The contribution is taken
	 * from the margin, never below 0: base 0, contribution 0.
	 * distributable = -963: nothing paid, nobody gets a negative share. */
	sale(&t, "S00001", 550, 2500);
	charge(&t, "C00001", 2000, 4000);
	hours(&t, "H00001", "P001", 500);
	compute(&p, &pp, &t, &c);
	vat_is(&c.sales_vat[0], 550, 2500, 2370, 130);
	vat_is(&c.charges_vat[0], 2000, 4000, 3333, 667);
	figures_are(&c, 2370, 3333, -963, 0, -963);
	EQ(c.cae_base, 0);
	pay_is(&c.pay[0], "P001", 500, 0, 0, 0, 0, 0);
	pay_is(&c.pay[1], "P002", 0, 0, 0, 0, 0, 0);
	shares_add_up(&c);
	assert_false(c.no_hours);
	closing_free(&c);

	/* The same on the turnover: the contribution is still due,
	 * 2370 x 0.10 = 237, and deepens the loss: -963 - 237 = -1200. */
	p.cae_base = CAE_BASE_TURNOVER;
	compute(&p, &pp, &t, &c);
	figures_are(&c, 2370, 3333, -963, 237, -1200);
	EQ(c.cae_base, 2370);
	pay_is(&c.pay[0], "P001", 500, 0, 0, 0, 0, 0);
	shares_add_up(&c);
	closing_free(&c);
	totals_free(&t);
}

static void test_loss_without_hours_is_no_error(void **state)
{
	static const char *const ids[] = { "P001" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	people(&pp, 1, ids);
	/* Only a charge of 12.00 at 20 %: 1000 before VAT, margin -1000;
	 * no hours, but nothing to share either. */
	charge(&t, "C00001", 2000, 1200);
	compute(&p, &pp, &t, &c);
	EQ(c.nsales_vat, 0);
	figures_are(&c, 0, 1000, -1000, 0, -1000);
	assert_false(c.no_hours);
	pay_is(&c.pay[0], "P001", 0, 0, 0, 0, 0, 0);
	closing_free(&c);
	totals_free(&t);
}

static void test_no_hours(void **state)
{
	static const char *const ids[] = { "P001", "P002" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.vat = false;
	p.cae_rate = 0;
	people(&pp, 2, ids);
	/* 20.00 to share, nobody has hours: flagged, nobody paid. */
	sale(&t, "S00001", 0, 2000);
	compute(&p, &pp, &t, &c);
	figures_are(&c, 2000, 0, 2000, 0, 2000);
	assert_true(c.no_hours);
	pay_is(&c.pay[0], "P001", 0, 0, 0, 0, 0, 0);
	pay_is(&c.pay[1], "P002", 0, 0, 0, 0, 0, 0);
	shares_add_up(&c);
	closing_free(&c);

	/* Nobody enrolled at all: the same. */
	people(&pp, 0, ids);
	compute(&p, &pp, &t, &c);
	assert_true(c.no_hours);
	EQ(c.npay, 0);
	EQ(c.participants, 0);
	closing_free(&c);
	totals_free(&t);
}

static void test_cae_base_turnover(void **state)
{
	static const char *const ids[] = { "P001", "P002" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.cae_base = CAE_BASE_TURNOVER;
	people(&pp, 2, ids);
	/* Sales 100.00 at 20 %: 10000 / 1.2 = 8333.33 -> 8333, VAT 1667.
	 * Charges 30.00 at 20 %: 2500, VAT 500.
	 * margin = 8333 - 2500 = 5833; contribution on the turnover:
	 * 8333 x 0.10 = 833.3 -> 833; distributable = 5833 - 833 = 5000.
	 * Hours 3 and 1: 3750 and 1250.
	 * 3750: gross = 3318.58 -> 3319, employer 431, employee = 730.18 ->
	 *       730, net 2589.
	 * 1250: gross = 1106.19 -> 1106, employer 144, employee = 243.32 ->
	 *       243, net 863. */
	sale(&t, "S00001", 2000, 10000);
	charge(&t, "C00001", 2000, 3000);
	hours(&t, "H00001", "P001", 300);
	hours(&t, "H00002", "P002", 100);
	compute(&p, &pp, &t, &c);
	vat_is(&c.sales_vat[0], 2000, 10000, 8333, 1667);
	vat_is(&c.charges_vat[0], 2000, 3000, 2500, 500);
	figures_are(&c, 8333, 2500, 5833, 833, 5000);
	EQ(c.cae_base, 8333);
	pay_is(&c.pay[0], "P001", 300, 3750, 431, 3319, 730, 2589);
	pay_is(&c.pay[1], "P002", 100, 1250, 144, 1106, 243, 863);
	shares_add_up(&c);
	closing_free(&c);

	/* The same on the margin: 5833 x 0.10 = 583.3 -> 583,
	 * distributable 5250: 3937.5 and 1312.5, floors 3937 + 1312, 1 cent
	 * left, remainders tie at 0.5: P001.  Shares 3938 and 1312. */
	p.cae_base = CAE_BASE_MARGIN;
	compute(&p, &pp, &t, &c);
	figures_are(&c, 8333, 2500, 5833, 583, 5250);
	EQ(c.cae_base, 5833);
	EQ(c.pay[0].share, 3938);
	EQ(c.pay[1].share, 1312);
	shares_add_up(&c);
	closing_free(&c);
	totals_free(&t);
}

static void test_vat_no(void **state)
{
	static const char *const ids[] = { "P001" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.vat = false;
	people(&pp, 1, ids);
	/* vat = no: whatever rate the rows carry, before VAT = incl. VAT and
	 * VAT is 0.  Sales 50.00, charges 10.00: margin 4000, contribution
	 * 400, distributable 3600.
	 * gross = 3600 / 1.13 = 3185.84 -> 3186, employer 414;
	 * employee = 3186 x 0.22 = 700.92 -> 701; net 2485. */
	sale(&t, "S00001", 2000, 3000);
	sale(&t, "S00002", 0, 2000);
	charge(&t, "C00001", 2000, 1000);
	hours(&t, "H00001", "P001", 150);
	compute(&p, &pp, &t, &c);
	EQ(c.nsales_vat, 2);
	vat_is(&c.sales_vat[0], 0, 2000, 2000, 0);
	vat_is(&c.sales_vat[1], 2000, 3000, 3000, 0);
	vat_is(&c.charges_vat[0], 2000, 1000, 1000, 0);
	EQ(c.vat_collected, 0);
	EQ(c.vat_deductible, 0);
	EQ(c.sales_incl, 5000);
	EQ(c.charges_incl, 1000);
	figures_are(&c, 5000, 1000, 4000, 400, 3600);
	pay_is(&c.pay[0], "P001", 150, 3600, 414, 3186, 701, 2485);
	closing_free(&c);
	totals_free(&t);
}

static void test_withdrawn_who_worked(void **state)
{
	static const char *const ids[] = { "P001", "P002", "P003" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.vat = false;
	p.cae_rate = 0;
	people(&pp, 3, ids);
	pp.v[1].withdrawn = date_from_ymd(2026, 5, 7);
	pp.v[2].withdrawn = date_from_ymd(2026, 5, 5);
	/* 80.00; P001 6 h, P002 (withdrawn after working) 2 h, P003
	 * (withdrawn, never worked) 0 h: 6000 and 2000 and 0.
	 * 6000: gross = 5309.73 -> 5310, employer 690, employee 1168.2 ->
	 *       1168, net 4142.
	 * 2000: gross = 1769.91 -> 1770, employer 230, employee 389.4 ->
	 *       389, net 1381. */
	sale(&t, "S00001", 0, 8000);
	hours(&t, "H00001", "P001", 600);
	hours(&t, "H00002", "P002", 200);
	compute(&p, &pp, &t, &c);
	EQ(c.participants, 3);
	pay_is(&c.pay[0], "P001", 600, 6000, 690, 5310, 1168, 4142);
	pay_is(&c.pay[1], "P002", 200, 2000, 230, 1770, 389, 1381);
	pay_is(&c.pay[2], "P003", 0, 0, 0, 0, 0, 0);
	shares_add_up(&c);
	closing_free(&c);
	totals_free(&t);
}

static void test_one_participant(void **state)
{
	static const char *const ids[] = { "P001" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.cae_base = CAE_BASE_TURNOVER;
	people(&pp, 1, ids);
	/* As in test_cae_base_turnover: distributable 5000, all to P001,
	 * whatever the hours (a quarter of an hour).
	 * gross = 5000 / 1.13 = 4424.78 -> 4425, employer 575;
	 * employee = 4425 x 0.22 = 973.5 -> 974 (exact half); net 3451. */
	sale(&t, "S00001", 2000, 10000);
	charge(&t, "C00001", 2000, 3000);
	hours(&t, "H00001", "P001", 25);
	compute(&p, &pp, &t, &c);
	figures_are(&c, 8333, 2500, 5833, 833, 5000);
	EQ(c.npay, 1);
	pay_is(&c.pay[0], "P001", 25, 5000, 575, 4425, 974, 3451);
	closing_free(&c);

	/* share = equal: the same. */
	p.share = SHARE_EQUAL;
	compute(&p, &pp, &t, &c);
	pay_is(&c.pay[0], "P001", 25, 5000, 575, 4425, 974, 3451);
	closing_free(&c);
	totals_free(&t);
}

/* ---- the gross pay an hour against [money] min_hourly_gross ---- */

/*   per_hour   = round(gross x 100 / hours)          (hours in hundredths)
 *   below_min  = gross x 100 < min_hourly_gross x hours, exactly (not the
 *                rounded per_hour), and never without hours or with a
 *                minimum of 0. */
static void test_per_hour_below_min(void **state)
{
	static const char *const ids[] = { "P001", "P002" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	p.min_hourly_gross = PROJECT_MIN_HOURLY_GROSS;
	EQ(p.min_hourly_gross, 1202);
	people(&pp, 2, ids);
	/* One sale of 109.29 at 0 %: margin 10929, contribution 1092.9 ->
	 * 1093, distributable 9836, all to P001 (45.50 h; P002 none):
	 * gross = 9836 / 1.13 = 8704.42 -> 8704, employer 1132, employee
	 * 8704 x 0.22 = 1914.88 -> 1915, net 6789.
	 * per_hour = 8704 x 100 / 4550 = 191.29 -> 191 (1.91 an hour):
	 * below 12.02 (870400 < 1202 x 4550 = 5469100). */
	sale(&t, "S00001", 0, 10929);
	hours(&t, "H00001", "P001", 4550);
	compute(&p, &pp, &t, &c);
	figures_are(&c, 10929, 0, 10929, 1093, 9836);
	pay_is(&c.pay[0], "P001", 4550, 9836, 1132, 8704, 1915, 6789);
	EQ(c.pay[0].per_hour, 191);
	assert_true(c.pay[0].below_min);
	/* P002: no hours, nothing an hour, not flagged. */
	pay_is(&c.pay[1], "P002", 0, 0, 0, 0, 0, 0);
	EQ(c.pay[1].per_hour, 0);
	assert_false(c.pay[1].below_min);
	EQ(c.below_min, 1);
	closing_free(&c);

	/* min_hourly_gross = 0: no check, the figure an hour all the same. */
	p.min_hourly_gross = 0;
	compute(&p, &pp, &t, &c);
	EQ(c.pay[0].per_hour, 191);
	assert_false(c.pay[0].below_min);
	assert_false(c.pay[1].below_min);
	EQ(c.below_min, 0);
	closing_free(&c);

	/* A minimum of 1.91: 870400 >= 191 x 4550 = 869050, not below; of
	 * 1.92: 873600 > 870400, below. */
	p.min_hourly_gross = 191;
	compute(&p, &pp, &t, &c);
	assert_false(c.pay[0].below_min);
	closing_free(&c);
	p.min_hourly_gross = 192;
	compute(&p, &pp, &t, &c);
	assert_true(c.pay[0].below_min);
	closing_free(&c);
	totals_free(&t);

	/* Exactly, not on the rounded figure: sale 108.83, contribution
	 * 1088.3 -> 1088, distributable 9795; gross 9795 / 1.13 = 8668.14 ->
	 * 8668; per_hour 866800 / 4550 = 190.505 -> 191, yet against a
	 * minimum of 1.91, 866800 < 869050: below. */
	memset(&t, 0, sizeof t);
	sale(&t, "S00001", 0, 10883);
	hours(&t, "H00001", "P001", 4550);
	compute(&p, &pp, &t, &c);
	EQ(c.distributable, 9795);
	EQ(c.pay[0].gross, 8668);
	EQ(c.pay[0].per_hour, 191);
	p.min_hourly_gross = 191;
	closing_free(&c);
	compute(&p, &pp, &t, &c);
	EQ(c.pay[0].per_hour, 191);
	assert_true(c.pay[0].below_min);
	closing_free(&c);

	/* No hours at all: nothing to share, nobody flagged. */
	totals_free(&t);
	memset(&t, 0, sizeof t);
	sale(&t, "S00001", 0, 10929);
	p.min_hourly_gross = PROJECT_MIN_HOURLY_GROSS;
	compute(&p, &pp, &t, &c);
	for (size_t i = 0; i < c.npay; i++) {
		EQ(c.pay[i].per_hour, 0);
		assert_false(c.pay[i].below_min);
	}
	EQ(c.below_min, 0);
	closing_free(&c);
	totals_free(&t);
}

/* ---- the overflow edge ---- */

/* compute(), but a refusal as "too large" of figures that fit is the
 * defect issue 18 brought, not fixed yet: the test is skipped, saying so,
 * rather than failed (make unit stays green; the figures below are
 * checked again once it is fixed).  lib/closing.c per_hour() works out
 * gross x 100 in 64 bits to compare it with min_hourly_gross x hours, so
 * a gross above INT64_MAX / 100 (92233720368547758 cents) makes
 * closing_compute fail, even with min_hourly_gross = 0 (no check), where
 * it gave these figures before. */
static void compute_near_overflow(const struct project *p,
                                  const struct people *pp,
                                  struct totals *t, struct closing *c)
{
	struct fc_error e;
	int rc = closing_compute(p, &pp->ps, t, c, &e);

	/* It did refuse them, "too large" (fixed: per_hour leaves the
	 * figure out). */
	if (rc != 0)
		fail_msg("closing_compute refused: %s", e.msg);
}

static void test_near_overflow(void **state)
{
	static const char *const ids[] = { "P001", "P002", "P003" };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	(void)state;

	people(&pp, 3, ids);
	/* One sale of INT64_MAX cents, M = 9223372036854775807, at 20 %:
	 * M x 10000 = 92233720368547758070000 = 12000 x 7686143364045646505
	 *             + 10000 (a fraction of 0.83: up):
	 * H = 7686143364045646506, VAT = M - H = 1537228672809129301.
	 * contribution = H x 1000 / 10000 = 768614336404564650.6 ->
	 *                768614336404564651;
	 * distributable = H - that = 6917529027641081855.
	 * Three of 1 hour: 6917529027641081855 / 3 = 2305843009213693951
	 * remainder 2: P001 and P002 get one cent more.
	 * 2305843009213693952 x 10000 / 11300 = 2040569034702384028.3
	 *   -> gross 2040569034702384028, employer 265273974511309924,
	 *   employee = gross x 0.22 = 448925187634524486.16 ->
	 *   448925187634524486, net 1591643847067859542.
	 * 2305843009213693951 / 1.13 = 2040569034702384027.4 -> ...027,
	 *   employer ...924, employee = 448925187634524485.94 -> ...486,
	 *   net 1591643847067859541. */
	sale(&t, "S00001", 2000, INT64_MAX);
	hours(&t, "H00001", "P001", 100);
	hours(&t, "H00002", "P002", 100);
	hours(&t, "H00003", "P003", 100);
	compute_near_overflow(&p, &pp, &t, &c);
	vat_is(&c.sales_vat[0], 2000, INT64_MAX,
	       INT64_C(7686143364045646506), INT64_C(1537228672809129301));
	figures_are(&c, INT64_C(7686143364045646506), 0,
	            INT64_C(7686143364045646506),
	            INT64_C(768614336404564651),
	            INT64_C(6917529027641081855));
	pay_is(&c.pay[0], "P001", 100, INT64_C(2305843009213693952),
	       INT64_C(265273974511309924), INT64_C(2040569034702384028),
	       INT64_C(448925187634524486), INT64_C(1591643847067859542));
	pay_is(&c.pay[1], "P002", 100, INT64_C(2305843009213693952),
	       INT64_C(265273974511309924), INT64_C(2040569034702384028),
	       INT64_C(448925187634524486), INT64_C(1591643847067859542));
	pay_is(&c.pay[2], "P003", 100, INT64_C(2305843009213693951),
	       INT64_C(265273974511309924), INT64_C(2040569034702384027),
	       INT64_C(448925187634524486), INT64_C(1591643847067859541));
	shares_add_up(&c);
	closing_free(&c);
	totals_free(&t);

	/* At 0 % with one participant: H = M, VAT 0; contribution =
	 * M / 10 = 922337203685477580.7 -> 922337203685477581;
	 * distributable = 8301034833169298226, all to P001:
	 * gross = 8301034833169298226 / 1.13 = 7346048524928582500.9 ->
	 * 7346048524928582501, employer 954986308240715725,
	 * employee = 1616130675484288150.2 -> 1616130675484288150,
	 * net 5729917849444294351. */
	memset(&t, 0, sizeof t);
	people(&pp, 1, ids);
	sale(&t, "S00001", 0, INT64_MAX);
	hours(&t, "H00001", "P001", 100);
	compute_near_overflow(&p, &pp, &t, &c);
	vat_is(&c.sales_vat[0], 0, INT64_MAX, INT64_MAX, 0);
	figures_are(&c, INT64_MAX, 0, INT64_MAX,
	            INT64_C(922337203685477581),
	            INT64_C(8301034833169298226));
	pay_is(&c.pay[0], "P001", 100, INT64_C(8301034833169298226),
	       INT64_C(954986308240715725), INT64_C(7346048524928582501),
	       INT64_C(1616130675484288150), INT64_C(5729917849444294351));
	closing_free(&c);
	totals_free(&t);
}

static void test_overflow_refused(void **state)
{
	static const char *const ids[] = { "P001" };
	struct project p = settings();
	struct totals t = { 0 };
	struct vat_total v[2];
	struct people pp;
	struct closing c;
	struct fc_error e;
	struct row en;
	(void)state;

	people(&pp, 1, ids);
	/* totals_add: a second sale of INT64_MAX does not fit in the sum. */
	sale(&t, "S00001", 0, INT64_MAX);
	en = sale_row("S00002", 2000, INT64_MAX);
	en.line = 3;
	EQ(totals_add(&t, &en, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "ledger.csv:3"));
	totals_free(&t);

	/* closing_compute on totals that no ledger could give (built by
	 * hand): M at 0 % and M at 20 % before VAT add up to more than M.
	 * Refused as bad data, with nothing left to free. */
	memset(&t, 0, sizeof t);
	v[0] = (struct vat_total){ 0, INT64_MAX, 0, 0 };
	v[1] = (struct vat_total){ 2000, INT64_MAX, 0, 0 };
	t.vat = v;
	t.nvat = t.capvat = 2;
	memset(&c, 0x5a, sizeof c);
	EQ(closing_compute(&p, &pp.ps, &t, &c, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "too large"));
	assert_null(c.pay);
	assert_null(c.sales_vat);
	assert_null(c.charges_vat);
	closing_free(&c);

	/* Charges of M and sales of M at 0 %: margin 0, fine. */
	v[0] = (struct vat_total){ 0, INT64_MAX, INT64_MAX, 0 };
	t.nvat = 1;
	compute(&p, &pp, &t, &c);
	figures_are(&c, INT64_MAX, INT64_MAX, 0, 0, 0);
	closing_free(&c);

	/* Charges of M and no sales: margin -M; on the turnover the
	 * contribution is 0; distributable -M: still counted. */
	v[0] = (struct vat_total){ 0, 0, INT64_MAX, 0 };
	p.cae_base = CAE_BASE_TURNOVER;
	compute(&p, &pp, &t, &c);
	EQ(c.nsales_vat, 0);
	figures_are(&c, 0, INT64_MAX, -INT64_MAX, 0, -INT64_MAX);
	EQ(c.pay[0].share, 0);
	closing_free(&c);
}

/* ---- closing_spread_vat: parts of a rate's total, before VAT ---- */

static void spread(bool vat, const int64_t *incl, const int32_t *rate,
                   size_t n, int64_t *before)
{
	struct fc_error e;
	for (size_t i = 0; i < n; i++)
		before[i] = -7777;
	if (closing_spread_vat(vat, incl, rate, n, before, &e) != 0)
		fail_msg("closing_spread_vat refused: %s", e.msg);
}

static void parts_are(const int64_t *got, const int64_t *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("part %zu: %lld, want %lld", i,
			         (long long)got[i], (long long)want[i]);
}

/* The three sales of 0.39 at 20 % of test_vat_20_exact_half: each on its
 * own 39 x 10000 / 12000 = 32.5 -> 33, three of them 99; the rate's total
 * 117 -> 97.5 -> 98 (the statement's figure).  The last part carries the
 * difference 98 - 99 = -1: 33, 33, 32. */
static void test_spread_one_rate(void **state)
{
	static const int64_t incl[] = { 39, 39, 39 };
	static const int32_t rate[] = { 2000, 2000, 2000 };
	static const int64_t want[] = { 33, 33, 32 };
	int64_t before[3];
	(void)state;

	spread(true, incl, rate, 3, before);
	parts_are(before, want, 3);
}

/* Two rates, their parts interleaved (a journal's entries by date):
 *   5.5 %: 0.05 three times: 5 x 200 / 211 = 4.74 -> 5 each, 15; the
 *          total 15 -> 14.22 -> 14: the last 5.5 % part carries -1: 4.
 *   20 %:  0.39 three times: 33 each, 99; the total 117 -> 98: the last
 *          20 % part 32.
 * Each rate's parts add up to its total before VAT: 5 + 5 + 4 = 14,
 * 33 + 33 + 32 = 98. */
static void test_spread_two_rates_interleaved(void **state)
{
	static const int64_t incl[] = { 5, 39, 5, 39, 5, 39 };
	static const int32_t rate[] = { 550, 2000, 550, 2000, 550, 2000 };
	static const int64_t want[] = { 5, 33, 5, 33, 4, 32 };
	int64_t before[6];
	(void)state;

	spread(true, incl, rate, 6, before);
	parts_are(before, want, 6);
}

/* A void is a negative part.  20 %: 10.00 -> 833.33 -> 833; its void of
 * 0.39, -39 -> -32.5 -> -33 (away from zero); 833 - 33 = 800, but the
 * total 961 -> 800.83 -> 801: the last part (the void) carries +1: -32.
 * A part of 0 at 5.5 % stays 0 (the rate's total is 0 too). */
static void test_spread_voids(void **state)
{
	static const int64_t incl[] = { 1000, 0, -39 };
	static const int32_t rate[] = { 2000, 550, 2000 };
	static const int64_t want[] = { 833, 0, -32 };
	int64_t before[3];
	(void)state;

	spread(true, incl, rate, 3, before);
	parts_are(before, want, 3);
}

/* vat = no: before VAT is the amount itself, whatever the rate given;
 * a rate of 0 with vat = yes too.  No part at all is no error. */
static void test_spread_no_vat(void **state)
{
	static const int64_t incl[] = { 39, 39, 39, 1234 };
	static const int32_t rate[] = { 2000, 2000, 2000, 550 };
	static const int32_t zero[] = { 0, 0, 0, 0 };
	int64_t before[4];
	struct fc_error e;
	(void)state;

	spread(false, incl, rate, 4, before);
	parts_are(before, incl, 4);
	spread(true, incl, zero, 4, before);
	parts_are(before, incl, 4);
	assert_int_equal(closing_spread_vat(true, incl, rate, 0, before, &e), 0);
}

/* The parts add up to the statement: the sales of a day-by-day journal,
 * spread, give per rate the before-VAT figure closing_compute puts in
 * the statement (here the project of t0400-close.sh and a few sales of a
 * few cents, so that roundings differ).  By hand, 5.5 %: 25.00, 0.05,
 * 0.05 -> 2370, 5, 5 = 2380 on their own, the total 25.10 -> 2379.15 ->
 * 2379: the last part 4; 20 %: 24.00, 0.39 -> 2000, 33 = 2033, the total
 * 24.39 -> 2032.5 -> 2033: the last part 33, no difference. */
static void test_spread_adds_up_to_statement(void **state)
{
	static const char *const ids[] = { "P001" };
	static const int64_t incl[] = { 2500, 2400, 5, 39, 5 };
	static const int32_t rate[] = { 550, 2000, 550, 2000, 550 };
	static const int64_t want[] = { 2370, 2000, 5, 33, 4 };
	struct project p = settings();
	struct totals t = { 0 };
	struct people pp;
	struct closing c;
	int64_t before[5], sum550 = 0, sum2000 = 0;
	char id[ID_SIZE];
	(void)state;

	people(&pp, 1, ids);
	for (size_t i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "S%05zu", i + 1);
		sale(&t, id, rate[i], incl[i]);
	}
	hours(&t, "H00001", "P001", 100);
	compute(&p, &pp, &t, &c);
	spread(true, incl, rate, 5, before);
	parts_are(before, want, 5);
	for (size_t i = 0; i < 5; i++)
		*(rate[i] == 550 ? &sum550 : &sum2000) += before[i];
	EQ(c.nsales_vat, 2);
	vat_is(&c.sales_vat[0], 550, 2510, 2379, 131);
	vat_is(&c.sales_vat[1], 2000, 2439, 2033, 406);
	EQ(sum550, c.sales_vat[0].before);
	EQ(sum2000, c.sales_vat[1].before);
	closing_free(&c);
	totals_free(&t);
}

/* Parts whose sum does not fit in cents: refused (65), not wrapped. */
static void test_spread_overflow(void **state)
{
	static const int64_t incl[] = { INT64_MAX, 1 };
	static const int32_t rate[] = { 0, 0 };
	static const int32_t rate20[] = { 2000, 2000 };
	int64_t before[2];
	struct fc_error e;
	(void)state;

	assert_int_equal(closing_spread_vat(true, incl, rate, 2, before, &e),
	                 FC_DATAERR);
	assert_non_null(strstr(e.msg, "too large"));
	assert_int_equal(closing_spread_vat(true, incl, rate20, 2, before, &e),
	                 FC_DATAERR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vat_20_exact_half),
		cmocka_unit_test(test_vat_5_5_nearest_half),
		cmocka_unit_test(test_vat_10_nearest_half),
		cmocka_unit_test(test_two_rates_voids_withdrawn),
		cmocka_unit_test(test_voids_count_nowhere),
		cmocka_unit_test(test_largest_remainder_ties),
		cmocka_unit_test(test_ids_sorted_by_number),
		cmocka_unit_test(test_equal_split),
		cmocka_unit_test(test_loss),
		cmocka_unit_test(test_loss_without_hours_is_no_error),
		cmocka_unit_test(test_no_hours),
		cmocka_unit_test(test_cae_base_turnover),
		cmocka_unit_test(test_per_hour_below_min),
		cmocka_unit_test(test_vat_no),
		cmocka_unit_test(test_withdrawn_who_worked),
		cmocka_unit_test(test_one_participant),
		cmocka_unit_test(test_near_overflow),
		cmocka_unit_test(test_overflow_refused),
		cmocka_unit_test(test_spread_one_rate),
		cmocka_unit_test(test_spread_two_rates_interleaved),
		cmocka_unit_test(test_spread_voids),
		cmocka_unit_test(test_spread_no_vat),
		cmocka_unit_test(test_spread_adds_up_to_statement),
		cmocka_unit_test(test_spread_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
