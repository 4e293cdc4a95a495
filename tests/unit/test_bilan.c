/*
 * Unit tests for lib/bilan.c: amounts the French way and HTML escaping
 * (the document itself is tested by tests/cli/t0800-bilan.sh).
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

#include "flashcoop/bilan.h"

#define NNBSP "\xe2\x80\xaf"
#define NBSP "\xc2\xa0"
#define EURO "\xe2\x82\xac"
#define MINUS "\xe2\x88\x92"

static void check_amount(int64_t cents, const char *unit, const char *want)
{
	char buf[BILAN_AMOUNT_BUFSZ];
	assert_string_equal(bilan_amount(cents, unit, buf), want);
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
	char buf[BILAN_AMOUNT_BUFSZ];
	(void)state;
	assert_string_equal(bilan_amount(INT64_MAX, EURO, buf),
	                    "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547"
	                    NNBSP "758,07" NBSP EURO);
	assert_string_equal(bilan_amount(INT64_MIN, EURO, buf),
	                    MINUS "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP
	                    "547" NNBSP "758,08" NBSP EURO);
}

/* What bilan_escape writes for s. */
static char *escaped(const char *s)
{
	char *p = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&p, &len);
	assert_non_null(f);
	bilan_escape(f, s);
	assert_int_equal(fclose(f), 0);
	return p;
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
		char *got = escaped(cases[i][0]);
		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amount),
		cmocka_unit_test(test_amount_extremes),
		cmocka_unit_test(test_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
