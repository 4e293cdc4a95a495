/*
 * Unit tests for lib/stock.c, with the figures of t1000-production.sh
 * worked by hand: two lots sharing a charge, a loss with its lot and one
 * without, sales taken from the oldest lot first, a voided sale, then a
 * voided lot (left below zero), and a resale product shown only with a
 * lot.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "flashcoop/date.h"
#include "flashcoop/project.h"
#include "flashcoop/stock.h"

static struct product products[3];
static struct project p;

static void project(void)
{
	memset(&p, 0, sizeof p);
	memset(products, 0, sizeof products);
	products[0] = (struct product){ (char *)"cookie", 250, 550, false,
	                                { 0 } };
	products[1] = (struct product){ (char *)"granola", 600, 550, true,
	                                { 0 } };
	products[2] = (struct product){ (char *)"tarte", 900, 550, false,
	                                { 0 } };
	p.products = products;
	p.nproducts = 3;
	p.vat = true;
}

static struct row row(enum kind k, const char *id, const char *product,
                      int64_t qty)
{
	struct row en;

	memset(&en, 0, sizeof en);
	en.kind = k;
	snprintf(en.id, sizeof en.id, "%s", id);
	en.product = product;
	en.quantity = qty;
	en.date = date_from_ymd(2026, 5, 6);
	en.category = en.ref = en.note = en.role = en.lot = en.uses =
	en.reason = "";
	return en;
}

static void feed(struct stock *s, struct row en)
{
	struct fc_error e;
	assert_int_equal(stock_row(s, &en, &e), 0);
}

static void charge(struct stock *s, const char *id, int64_t amount,
                   int32_t vat)
{
	struct row en = row(KIND_CHARGE, id, "", 0);
	en.amount = amount;
	en.vat = vat;
	en.has_vat = en.has_amount = true;
	feed(s, en);
}

static void lot(struct stock *s, const char *id, int64_t qty,
                const char *uses)
{
	struct row en = row(KIND_LOT, id, "cookie", qty);
	en.uses = uses;
	feed(s, en);
}

static void voids(struct stock *s, const char *ref, const char *product,
                  int64_t qty)
{
	struct row en = row(KIND_VOID, "V00001", product, qty);
	en.ref = ref;
	feed(s, en);
}

/* The week of t1000: C1 21.10 at 5.5 % (20.00), C2 12.00 at 20 %
 * (10.00); L1 100 using both, L2 50 using C1; W1 5 of L1, W2 2 with no
 * lot; 90 + 10 sold, 4 sold and voided. */
/* The week's charges, lots and losses. */
static void made_week(struct stock *s)
{
	struct row en;

	charge(s, "C00001", 2110, 550);
	charge(s, "C00002", 1200, 2000);
	lot(s, "L00001", 100, "C00001 C00002");
	lot(s, "L00002", 50, "C00001");
	en = row(KIND_LOSS, "W00001", "cookie", 5);
	en.lot = "L00001";
	feed(s, en);
	feed(s, row(KIND_LOSS, "W00002", "cookie", 2));
}

static struct stock *week(void)
{
	struct stock *s;

	project();
	assert_non_null(s = stock_new(&p));
	made_week(s);
	feed(s, row(KIND_SALE, "S00001", "cookie", 90));
	feed(s, row(KIND_SALE, "S00002", "cookie", 10));
	feed(s, row(KIND_SALE, "S00003", "cookie", 4));
	voids(s, "S00003", "cookie", 4);
	return s;
}

static void test_week(void **state)
{
	struct fc_error e;
	struct stock *s = week();
	const struct stock_product *pr;
	const struct stock_lot *l;
	(void)state;

	assert_int_equal(stock_end(s, &e), 0);
	/* cookie and tarte (made); granola (resale) has no lot */
	assert_int_equal(stock_nproducts(s), 2);
	pr = stock_product(s, 0);
	assert_string_equal(pr->name, "cookie");
	assert_int_equal(pr->made, 150);
	assert_int_equal(pr->sold, 100);
	assert_int_equal(pr->lost, 7);
	assert_int_equal(pr->left, 43);
	assert_int_equal(pr->cost_left, 860);
	pr = stock_product(s, 1);
	assert_string_equal(pr->name, "tarte");
	assert_int_equal(pr->made, 0);
	assert_int_equal(pr->cost_left, -1);
	assert_int_equal(stock_nlots(s), 2);
	l = stock_lot(s, 0);
	assert_int_equal(l->cost, 2000);   /* 10.00 of C1, 10.00 of C2 */
	assert_int_equal(l->sold, 95);
	assert_int_equal(l->lost, 5);
	assert_int_equal(stock_lot_left(l), 0);
	assert_int_equal(stock_lot_value(l), 0);
	l = stock_lot(s, 1);
	assert_int_equal(l->cost, 1000);
	assert_int_equal(l->sold, 5);
	assert_int_equal(l->lost, 2);
	assert_int_equal(stock_lot_left(l), 43);
	assert_int_equal(stock_lot_value(l), 860);
	stock_free(s);
}

/* L2 voided: C1 is L1's alone (20.00 + 10.00); 100 sold of 95. */
static void test_voided_lot(void **state)
{
	struct fc_error e;
	struct stock *s = week();
	const struct stock_product *pr;
	(void)state;

	voids(s, "L00002", "cookie", 50);
	assert_int_equal(stock_end(s, &e), 0);
	pr = stock_product(s, 0);
	assert_int_equal(pr->made, 100);
	assert_int_equal(pr->left, -7);
	assert_int_equal(stock_lot(s, 0)->cost, 3000);
	assert_true(stock_lot(s, 1)->voided);
	stock_free(s);
}

/* A charge of 0.10 shared by three lots: 0.04, 0.03, 0.03. */
static void test_shared_cents(void **state)
{
	struct fc_error e;
	struct stock *s;
	(void)state;

	project();
	p.vat = false;
	assert_non_null(s = stock_new(&p));
	charge(s, "C00001", 10, 0);
	lot(s, "L00001", 1, "C00001");
	lot(s, "L00002", 1, "C00001");
	lot(s, "L00003", 1, "C00001");
	assert_int_equal(stock_end(s, &e), 0);
	assert_int_equal(stock_lot(s, 0)->cost, 4);
	assert_int_equal(stock_lot(s, 1)->cost, 3);
	assert_int_equal(stock_lot(s, 2)->cost, 3);
	assert_int_equal(stock_product(s, 0)->cost_left, 10);
	stock_free(s);
}

/* Sales naming their lot, read before the lots (ledger.csv comes
 * before production.csv): S4 8 of L2, S5 3 of L1 voided; then the week
 * without S3.  L2 takes S4's 8 first, then first in, first out: S1 90
 * and 5 of S2 from L1, 5 of S2 and W2's 2 from L2: 35 left of 50, worth
 * 10.00 x 35 / 50.  A sale naming a voided lot goes first in, first out. */
static void test_named_lot(void **state)
{
	struct fc_error e;
	struct stock *s;
	struct row en;
	const struct stock_lot *l;
	const struct stock_take *t;
	(void)state;

	project();
	assert_non_null(s = stock_new(&p));
	feed(s, row(KIND_SALE, "S00001", "cookie", 90));
	feed(s, row(KIND_SALE, "S00002", "cookie", 10));
	en = row(KIND_SALE, "S00004", "cookie", 8);
	en.lot = "L00002";
	feed(s, en);
	en = row(KIND_SALE, "S00005", "cookie", 3);
	en.lot = "L00001";
	feed(s, en);
	voids(s, "S00005", "cookie", 3);
	made_week(s);
	assert_int_equal(stock_end(s, &e), 0);
	l = stock_lot(s, 0);
	assert_int_equal(l->sold, 95);
	assert_int_equal(l->sold_fifo, 95);
	l = stock_lot(s, 1);
	assert_int_equal(l->sold, 13);
	assert_int_equal(l->sold_fifo, 5);
	assert_int_equal(l->lost, 2);
	assert_int_equal(stock_lot_left(l), 35);
	assert_int_equal(stock_lot_value(l), 700);
	assert_int_equal(stock_product(s, 0)->sold, 108);
	assert_int_equal(stock_product(s, 0)->sold_fifo, 100);
	t = stock_take(s, 0);
	assert_true(t->named);
	assert_string_equal(stock_sale(s, t->sale)->id, "S00004");
	assert_int_equal(t->lot, 1);
	assert_false(stock_take(s, 1)->named);
	stock_free(s);

	/* L2 voided: S4 names a lot gone, and is taken first in, first out. */
	project();
	assert_non_null(s = stock_new(&p));
	en = row(KIND_SALE, "S00001", "cookie", 8);
	en.lot = "L00002";
	feed(s, en);
	lot(s, "L00001", 100, "");
	lot(s, "L00002", 50, "");
	voids(s, "L00002", "cookie", 50);
	assert_int_equal(stock_end(s, &e), 0);
	assert_int_equal(stock_lot(s, 0)->sold, 8);
	assert_int_equal(stock_lot(s, 0)->sold_fifo, 8);
	assert_int_equal(stock_product(s, 0)->sold_fifo, 8);
	stock_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_week),
		cmocka_unit_test(test_voided_lot),
		cmocka_unit_test(test_shared_cents),
		cmocka_unit_test(test_named_lot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
