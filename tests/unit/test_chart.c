/*
 * Unit tests for lib/chart.c: bars from groups (voided ones left out),
 * largest first, and the SVG of a chart: bar widths against the largest,
 * labels cut and escaped, amounts in French.
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

#include "flashcoop/chart.h"
#include "flashcoop/date.h"
#include "flashcoop/groups.h"
#include "flashcoop/row.h"

#define NBSP "\xc2\xa0"

static void sale(struct groups *g, const char *product, int64_t qty,
                 int64_t amount, bool voided)
{
	struct row r;
	struct fc_error e;

	memset(&r, 0, sizeof r);
	r.kind = voided ? KIND_VOID : KIND_SALE;
	strcpy(r.id, voided ? "V00001" : "S00001");
	r.ref = "S00001";
	r.date = date_from_ymd(2026, 5, 9);
	r.product = product;
	r.category = "";
	r.quantity = qty;
	r.amount = amount;
	r.vat = 550;
	assert_int_equal(groups_add(g, &r, &e), 0);
}

/* Sales by product: the voided tea is no bar; bars by key, then
 * largest first (ties by label). */
static void test_bars(void **state)
{
	struct groups g = { KIND_SALE, 1u << DIM_PRODUCT, DATE_NONE,
	                    DATE_NONE, NULL, 0, 0, NULL };
	struct chart_bar *v;
	size_t n;
	(void)state;

	sale(&g, "cookie", 3, 750, false);
	sale(&g, "tote", 1, 800, false);
	sale(&g, "tea", 2, 600, false);
	sale(&g, "tea", 2, 600, true);
	sale(&g, "bag", 2, 800, false);
	v = chart_bars(&g, DIM_PRODUCT, &n);
	assert_non_null(v);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].label, "bag");
	assert_string_equal(v[1].label, "cookie");
	assert_int_equal(v[1].value, 750);
	assert_int_equal(v[1].quantity, 3);
	chart_sort(v, n);
	assert_string_equal(v[0].label, "bag");
	assert_string_equal(v[1].label, "tote");
	assert_string_equal(v[2].label, "cookie");
	free(v);
	groups_free(&g);
}

static char *drawn(const struct chart_bar *v, size_t n)
{
	char *p = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&p, &len);
	assert_non_null(f);
	chart_write(f, 7, "Ventes", "Aucune vente.", v, n, "€");
	assert_int_equal(fclose(f), 0);
	return p;
}

/* The largest bar is 84 units long, the others in proportion (at least
 * 1 when not nothing); each row is 16 units below the last. */
static void test_svg(void **state)
{
	const struct chart_bar v[3] = {
		{ "Chloé & Zoë <b> et les autres", NULL, 120000, 0 },
		{ "P001", "Ana", 30000, 12 },
		{ "P002", NULL, 1, 0 },
	};
	char *svg;
	(void)state;

	svg = drawn(v, 3);
	assert_non_null(strstr(svg, "<svg viewBox=\"0 0 300 52\" role=\"img\" "
	                            "aria-label=\"Ventes\">"));
	assert_non_null(strstr(svg, "<clipPath id=\"c7\"><rect width=\"104\" "
	                            "height=\"52\"/></clipPath>"));
	/* cut to 17 characters, escaped */
	assert_non_null(strstr(svg, "<text y=\"11\" clip-path=\"url(#c7)\">"
	                            "Chloé &amp; Zoë &lt;b&gt; e\xe2\x80\xa6"
	                            "</text>"));
	assert_non_null(strstr(svg, "<title>Chloé &amp; Zoë &lt;b&gt; et les "
	                            "autres : 1\xe2\x80\xaf" "200,00" NBSP
	                            "€</title>"));
	assert_non_null(strstr(svg, "width=\"84\" height=\"11\"/>"));
	/* 300.00 of 1,200.00: 21 units; the name beside the id */
	assert_non_null(strstr(svg, "<title>P001 Ana : 300,00" NBSP "€"));
	assert_non_null(strstr(svg, "y=\"18\" width=\"21\" height=\"11\"/>"
	                            "<text x=\"132\" y=\"27\">300,00" NBSP "€"
	                            " <tspan class=\"q\">(12" NBSP
	                            "u.)</tspan>"));
	/* 0.01: a bar all the same */
	assert_non_null(strstr(svg, "y=\"34\" width=\"1\" height=\"11\"/>"));
	free(svg);
	svg = drawn(v, 0);
	assert_string_equal(svg, "<figure><figcaption>Ventes</figcaption>\n"
	                         "<p class=\"note\">Aucune vente.</p></figure>\n");
	free(svg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
