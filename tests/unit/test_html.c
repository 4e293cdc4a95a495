/*
 * Unit tests for lib/html.c: amounts, rates and dates the French way,
 * the currency's unit, and HTML escaping (whole, and cut to a number of
 * characters).
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
#include "flashcoop/html.h"

#define NNBSP "\xe2\x80\xaf"
#define NBSP "\xc2\xa0"
#define EURO "\xe2\x82\xac"
#define MINUS "\xe2\x88\x92"

static void check_amount(int64_t cents, const char *unit, const char *want)
{
	char buf[HTML_AMOUNT_BUFSZ];
	assert_string_equal(html_amount(cents, unit, buf), want);
}

static void test_amount(void **state)
{
	(void)state;
	check_amount(0, EURO, "0,00" NBSP EURO);
	check_amount(5, EURO, "0,05" NBSP EURO);
	check_amount(1250, EURO, "12,50" NBSP EURO);
	check_amount(99999, EURO, "999,99" NBSP EURO);
	check_amount(123456, EURO, "1" NNBSP "234,56" NBSP EURO);
	check_amount(100000000, EURO, "1" NNBSP "000" NNBSP "000,00" NBSP EURO);
	check_amount(-3334, EURO, MINUS "33,34" NBSP EURO);
	check_amount(-123456, EURO, MINUS "1" NNBSP "234,56" NBSP EURO);
	check_amount(4375, "h", "43,75" NBSP "h");
	check_amount(123456, NULL, "1" NNBSP "234,56");
	check_amount(123456, "", "1" NNBSP "234,56");
}

static void test_amount_extremes(void **state)
{
	(void)state;
	check_amount(INT64_MAX, EURO, "92" NNBSP "233" NNBSP "720" NNBSP "368"
	             NNBSP "547" NNBSP "758,07" NBSP EURO);
	check_amount(INT64_MIN, EURO, MINUS "92" NNBSP "233" NNBSP "720" NNBSP
	             "368" NNBSP "547" NNBSP "758,08" NBSP EURO);
}

static void test_rate(void **state)
{
	char buf[HTML_RATE_BUFSZ];
	(void)state;
	assert_string_equal(html_rate(550, buf), "5,5" NBSP "%");
	assert_string_equal(html_rate(2000, buf), "20" NBSP "%");
	assert_string_equal(html_rate(1234, buf), "12,34" NBSP "%");
	assert_string_equal(html_rate(0, buf), "0" NBSP "%");
}

static void test_dates(void **state)
{
	char buf[HTML_DATE_BUFSZ];
	(void)state;
	assert_string_equal(html_date(date_from_ymd(2026, 5, 1), buf),
	                    "1er mai 2026");
	assert_string_equal(html_date(date_from_ymd(2026, 8, 14), buf),
	                    "14 août 2026");
	assert_string_equal(html_date(DATE_NONE, buf), "(date inconnue)");
	/* 2026-05-08 is a Friday, 1970-01-01 a Thursday, 1969-12-29 a
	 * Monday (a day before day 0). */
	assert_string_equal(html_day(date_from_ymd(2026, 5, 8), buf),
	                    "ven. 8 mai");
	assert_string_equal(html_day(0, buf), "jeu. 1er janvier");
	assert_string_equal(html_day(-3, buf), "lun. 29 décembre");
	assert_string_equal(html_day(date_from_ymd(2026, 2, 1), buf),
	                    "dim. 1er février");
}

static void test_unit(void **state)
{
	(void)state;
	assert_string_equal(html_unit("EUR"), EURO);
	assert_string_equal(html_unit("eur"), EURO);
	assert_string_equal(html_unit(""), EURO);
	assert_string_equal(html_unit("CHF"), "CHF");
	assert_string_equal(html_unit("ABCDEFGH"), "ABCDEFGH");
	assert_string_equal(html_unit("ABCDEFGHI"), "");
	assert_string_equal(html_unit("<b>"), "");
}

/* What fn writes for s. */
static char *written(void (*fn)(FILE *, const char *, size_t),
                     const char *s, size_t max)
{
	char *p = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&p, &len);
	assert_non_null(f);
	fn(f, s, max);
	assert_int_equal(fclose(f), 0);
	return p;
}

static void escape_whole(FILE *out, const char *s, size_t max)
{
	(void)max;
	html_escape(out, s);
}

static void test_escape(void **state)
{
	static const char *const cases[][2] = {
		{ "", "" },
		{ "cookie", "cookie" },
		{ "a&b", "a&amp;b" },
		{ "<script>alert(1)</script>",
		  "&lt;script&gt;alert(1)&lt;/script&gt;" },
		{ "\"Co\" l'été", "&quot;Co&quot; l&#39;été" },
		{ "&amp;", "&amp;amp;" },
		{ "Zoë \xf0\x9f\x8d\xaa", "Zoë \xf0\x9f\x8d\xaa" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = written(escape_whole, cases[i][0], 0);
		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

/* Cut to whole characters (é is one), escaped, an ellipsis when cut. */
static void test_escape_cut(void **state)
{
	char *got;
	(void)state;
	got = written(html_escape_cut, "Chloé & Zoë", 7);
	assert_string_equal(got, "Chloé &amp;\xe2\x80\xa6");
	free(got);
	got = written(html_escape_cut, "Chloé", 5);
	assert_string_equal(got, "Chloé");
	free(got);
	got = written(html_escape_cut, "", 0);
	assert_string_equal(got, "");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amount),
		cmocka_unit_test(test_amount_extremes),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_unit),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
