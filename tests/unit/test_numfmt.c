/*
 * Unit tests for lib/numfmt.c: a number as people read it, in each style,
 * with and without a unit, and the text reports' choice by the locale.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>

#include "flashcoop/numfmt.h"

#define NNBSP "\xe2\x80\xaf"
#define NBSP "\xc2\xa0"
#define EURO "\xe2\x82\xac"
#define MINUS "\xe2\x88\x92"

static void check(int64_t v, unsigned decimals, const struct numfmt *style,
                  const char *unit, const char *want)
{
	char buf[NUMFMT_BUFSZ];
	assert_string_equal(numfmt(v, decimals, style, unit, buf), want);
}

static void test_english(void **state)
{
	(void)state;
	check(0, 2, &numfmt_english, NULL, "0.00");
	check(5, 2, &numfmt_english, NULL, "0.05");
	check(-5, 2, &numfmt_english, NULL, "-0.05");
	check(99999, 2, &numfmt_english, NULL, "999.99");
	check(100000, 2, &numfmt_english, NULL, "1,000.00");
	check(-123456789, 2, &numfmt_english, NULL, "-1,234,567.89");
	check(0, 0, &numfmt_english, NULL, "0");
	check(999, 0, &numfmt_english, NULL, "999");
	check(1000, 0, &numfmt_english, NULL, "1,000");
	check(-1234567, 0, &numfmt_english, NULL, "-1,234,567");
}

static void test_french(void **state)
{
	(void)state;
	check(123456, 2, &numfmt_french, NULL, "1" NNBSP "234,56");
	check(-123456, 2, &numfmt_french, EURO, "-1" NNBSP "234,56" NBSP EURO);
	check(1234, 0, &numfmt_french, NULL, "1" NNBSP "234");
	check(-3334, 2, &numfmt_french_print, EURO, MINUS "33,34" NBSP EURO);
	check(4375, 2, &numfmt_french_print, "h", "43,75" NBSP "h");
	check(123456, 2, &numfmt_french_print, "", "1" NNBSP "234,56");
	check(100000000, 2, &numfmt_french_print, "CHF",
	      "1" NNBSP "000" NNBSP "000,00" NBSP "CHF");
}

static void test_extremes(void **state)
{
	(void)state;
	check(INT64_MAX, 2, &numfmt_english, NULL,
	      "92,233,720,368,547,758.07");
	check(INT64_MIN, 2, &numfmt_english, NULL,
	      "-92,233,720,368,547,758.08");
	check(INT64_MIN, 0, &numfmt_english, NULL,
	      "-9,223,372,036,854,775,808");
	check(INT64_MIN, 2, &numfmt_french_print, "ABCDEFGH",
	      MINUS "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547"
	      NNBSP "758,08" NBSP "ABCDEFGH");
}

/* The text reports follow LC_ALL, then LC_NUMERIC, then LANG. */
static void test_text_locale(void **state)
{
	char buf[NUMFMT_BUFSZ];
	(void)state;
	setenv("LC_ALL", "C.UTF-8", 1);
	assert_string_equal(numfmt_text(123456, 2, true, buf), "1,234.56");
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	assert_string_equal(numfmt_text(123456, 2, true, buf),
	                    "1" NNBSP "234,56" NBSP EURO);
	assert_string_equal(numfmt_text(-123456, 2, false, buf),
	                    "-1" NNBSP "234,56");
	assert_string_equal(numfmt_text(12345, 0, false, buf),
	                    "12" NNBSP "345");
	unsetenv("LC_ALL");
	setenv("LC_NUMERIC", "fr_CA.UTF-8", 1);
	assert_string_equal(numfmt_text(100, 2, false, buf), "1,00");
	unsetenv("LC_NUMERIC");
	setenv("LANG", "en_GB.UTF-8", 1);
	assert_string_equal(numfmt_text(100000, 2, true, buf), "1,000.00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_french),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_text_locale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
