/*
 * Unit tests for lib/money.c: parsing and formatting amounts and rates,
 * checked arithmetic, half-up rounding (money_muldiv, and the before-VAT
 * and percent formulas of SPEC §4 on it) and the largest-remainder split.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/money.h"

/* ---- money_parse ---- */

static void check_parse(const char *s, int64_t want)
{
	int64_t got = -12345;
	if (money_parse(s, &got) != 0)
		fail_msg("money_parse(\"%s\") refused", s);
	if (got != want)
		fail_msg("money_parse(\"%s\") = %lld, want %lld", s,
		         (long long)got, (long long)want);
}

static void test_parse_good(void **state)
{
	(void)state;
	check_parse("12", 1200);
	check_parse("12.5", 1250);
	check_parse("12.50", 1250);
	check_parse("12,50", 1250);
	check_parse("12,5", 1250);
	check_parse("0", 0);
	check_parse("0.0", 0);
	check_parse("0.00", 0);
	check_parse("0.01", 1);
	check_parse("0.1", 10);
	check_parse("007", 700);
	check_parse("1234567.89", 123456789);
	check_parse("92233720368547758.07", INT64_MAX);
	check_parse("92233720368547758", INT64_C(9223372036854775800));
}

static void test_parse_bad(void **state)
{
	static const char *const bad[] = {
		"", ".", ",", ".5", ",5", "12.", "12,", "12.345", "0.001",
		"-1", "+1", "-0", "1e3", "1E3", " 12", "12 ", "\t12", "12\n",
		"12€", "€12", "12 EUR", "1 234,00", "1,234.00", "1.234,00",
		"12..5", "12.,5", "12.5.", "0x10", "1_000", "abc", "12a",
		"92233720368547758.08", "92233720368547759",
		"99999999999999999999", "9223372036854775807",
		"100000000000000000000.00",
	};
	int64_t got;
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		got = 777;
		if (money_parse(bad[i], &got) != -1)
			fail_msg("money_parse(\"%s\") accepted as %lld", bad[i],
			         (long long)got);
		/* A refused value leaves the output alone. */
		assert_int_equal(got, 777);
	}
	assert_int_equal(money_parse(NULL, &got), -1);
}

/* ---- money_format ---- */

static void test_format(void **state)
{
	char buf[MONEY_BUFSZ];
	(void)state;
	assert_string_equal(money_format(0, buf), "0.00");
	assert_string_equal(money_format(5, buf), "0.05");
	assert_string_equal(money_format(10, buf), "0.10");
	assert_string_equal(money_format(100, buf), "1.00");
	assert_string_equal(money_format(1250, buf), "12.50");
	assert_string_equal(money_format(-300, buf), "-3.00");
	assert_string_equal(money_format(-5, buf), "-0.05");
	assert_string_equal(money_format(-1, buf), "-0.01");
	assert_string_equal(money_format(INT64_MAX, buf),
	                    "92233720368547758.07");
	assert_string_equal(money_format(INT64_MIN, buf),
	                    "-92233720368547758.08");
	assert_ptr_equal(money_format(1, buf), buf);
}

static void test_format_parse_round_trip(void **state)
{
	static const int64_t v[] = {
		0, 1, 9, 10, 99, 100, 101, 1250, 99999, 123456789,
		INT64_MAX, INT64_MAX - 1, INT64_MAX / 100 * 100,
	};
	char buf[MONEY_BUFSZ];
	int64_t got;
	(void)state;

	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		assert_int_equal(money_parse(money_format(v[i], buf), &got), 0);
		assert_int_equal(got, v[i]);
	}
}

/* ---- rates ---- */

static void check_rate(const char *s, int32_t want)
{
	int32_t got = -1;
	if (money_rate_parse(s, &got) != 0)
		fail_msg("money_rate_parse(\"%s\") refused", s);
	if (got != want)
		fail_msg("money_rate_parse(\"%s\") = %d, want %d", s, (int)got,
		         (int)want);
}

static void test_rate_parse(void **state)
{
	static const char *const bad[] = {
		"100.01", "101", "1000", "-1", "+5", "5.555", "abc", "", ".",
		"5.", ".5", "5 ", " 5", "5%", "1e2", "99999999999999999999",
	};
	int32_t got;
	(void)state;

	check_rate("5.5", 550);
	check_rate("5,5", 550);
	check_rate("20", 2000);
	check_rate("0", 0);
	check_rate("100", 10000);
	check_rate("100.00", 10000);
	check_rate("08", 800);
	check_rate("12.34", 1234);
	check_rate("0.05", 5);
	check_rate("0.01", 1);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		got = 4242;
		if (money_rate_parse(bad[i], &got) != -1)
			fail_msg("money_rate_parse(\"%s\") accepted as %d", bad[i],
			         (int)got);
		assert_int_equal(got, 4242);
	}
	assert_int_equal(money_rate_parse(NULL, &got), -1);
}

static void test_rate_format(void **state)
{
	char buf[MONEY_BUFSZ];
	int32_t back;
	(void)state;

	assert_string_equal(money_rate_format(550, buf), "5.5");
	assert_string_equal(money_rate_format(2000, buf), "20");
	assert_string_equal(money_rate_format(1234, buf), "12.34");
	assert_string_equal(money_rate_format(5, buf), "0.05");
	assert_string_equal(money_rate_format(0, buf), "0");
	assert_string_equal(money_rate_format(10, buf), "0.1");
	assert_string_equal(money_rate_format(10000, buf), "100");
	assert_string_equal(money_rate_format(1305, buf), "13.05");
	/* Every rate in [0, 100] reads back as itself. */
	for (int32_t r = 0; r <= 10000; r++) {
		back = -1;
		assert_int_equal(money_rate_parse(money_rate_format(r, buf), &back), 0);
		assert_int_equal(back, r);
	}
}

/* ---- checked arithmetic ---- */

static void test_add_sub_mul(void **state)
{
	int64_t r;
	(void)state;

	assert_int_equal(money_add(1250, 300, &r), 0);
	assert_int_equal(r, 1550);
	assert_int_equal(money_add(INT64_MAX, 0, &r), 0);
	assert_true(r == INT64_MAX);
	assert_int_equal(money_add(INT64_MAX - 1, 1, &r), 0);
	assert_true(r == INT64_MAX);
	assert_int_equal(money_add(INT64_MAX, 1, &r), -1);
	assert_int_equal(money_add(1, INT64_MAX, &r), -1);
	assert_int_equal(money_add(INT64_MIN, -1, &r), -1);
	assert_int_equal(money_add(INT64_MIN, 0, &r), 0);
	assert_true(r == INT64_MIN);
	assert_int_equal(money_add(INT64_MAX, INT64_MIN, &r), 0);
	assert_true(r == -1);

	assert_int_equal(money_sub(1250, 300, &r), 0);
	assert_int_equal(r, 950);
	assert_int_equal(money_sub(300, 1250, &r), 0);
	assert_true(r == -950);
	assert_int_equal(money_sub(INT64_MIN, 1, &r), -1);
	assert_int_equal(money_sub(0, INT64_MIN, &r), -1);
	assert_int_equal(money_sub(-1, INT64_MIN, &r), 0);
	assert_true(r == INT64_MAX);
	assert_int_equal(money_sub(INT64_MAX, -1, &r), -1);
	assert_int_equal(money_sub(INT64_MIN + 1, 1, &r), 0);
	assert_true(r == INT64_MIN);

	assert_int_equal(money_mul(250, 12, &r), 0);
	assert_int_equal(r, 3000);
	assert_int_equal(money_mul(INT64_MAX, 1, &r), 0);
	assert_true(r == INT64_MAX);
	assert_int_equal(money_mul(INT64_MAX, 2, &r), -1);
	assert_int_equal(money_mul(INT64_MIN, -1, &r), -1);
	assert_int_equal(money_mul(-1, INT64_MAX, &r), 0);
	assert_true(r == -INT64_MAX);
	assert_int_equal(money_mul(INT64_C(3037000499), INT64_C(3037000499),
	                           &r), 0);
	assert_true(r == INT64_C(9223372030926249001));
	assert_int_equal(money_mul(INT64_C(3037000500), INT64_C(3037000500),
	                           &r), -1);
	assert_int_equal(money_mul(INT64_C(-3037000500), INT64_C(3037000500),
	                           &r), -1);
	assert_int_equal(money_mul(INT64_MIN / 2, 2, &r), 0);
	assert_true(r == INT64_MIN);
	assert_int_equal(money_mul(INT64_MIN / 2 - 1, 2, &r), -1);
}

/* ---- money_muldiv ---- */

static int64_t md(int64_t a, int64_t b, int64_t c)
{
	int64_t r = INT64_C(-7777777);
	if (money_muldiv(a, b, c, &r) != 0)
		fail_msg("money_muldiv(%lld, %lld, %lld) failed", (long long)a,
		         (long long)b, (long long)c);
	return r;
}

static void test_muldiv_basic(void **state)
{
	(void)state;
	assert_int_equal(md(1, 1, 2), 1);     /* 0.5 up */
	assert_true(md(-1, 1, 2) == -1);      /* -0.5: away from zero */
	assert_int_equal(md(3, 1, 2), 2);     /* 1.5 */
	assert_true(md(-3, 1, 2) == -2);
	assert_int_equal(md(5, 1, 4), 1);     /* 1.25 */
	assert_true(md(-5, 1, 4) == -1);
	assert_int_equal(md(6, 1, 4), 2);     /* 1.5 */
	assert_int_equal(md(7, 1, 4), 2);     /* 1.75 */
	assert_int_equal(md(1, 1, 4), 0);     /* 0.25 */
	assert_int_equal(md(2, 1, 4), 1);     /* 0.5 */
	assert_true(md(-2, 1, 4) == -1);
	assert_true(md(-1, 1, 4) == 0);
	assert_int_equal(md(1, 1, 3), 0);     /* 0.333 */
	assert_int_equal(md(2, 1, 3), 1);     /* 0.667 */
	assert_int_equal(md(0, 5, 7), 0);
	assert_int_equal(md(10, 3, 1), 30);
	assert_true(md(10, -3, 1) == -30);
	/* 211 / 1.055 = 200 and 1055 / 1.055 = 1000, exactly. */
	assert_int_equal(md(211, 10000, 10550), 200);
	assert_int_equal(md(1055, 10000, 10550), 1000);
	/* CAE contribution of §4: round(base * rate / 10000). */
	assert_int_equal(md(12345, 1000, 10000), 1235);   /* 1234.5 */
	assert_int_equal(md(12344, 1000, 10000), 1234);   /* 1234.4 */
	/* Gross pay: round(share * 100 / 113) with a 13% employer rate. */
	assert_int_equal(md(11300, 100, 113), 10000);
}

/* Before-VAT amounts of §4, H = round(T * 10000 / (10000 + r)), at and
 * around the halves.  With r = 2000, T * 10000 / 12000 = 5T / 6 is exactly
 * x.5 when T = 3 mod 6.  With r = 550 (200T / 211) and r = 1000 (10T / 11)
 * the divisor is odd after reduction, so there is no exact half: the
 * closest ones are checked on both sides. */
static void test_muldiv_vat_ties(void **state)
{
	(void)state;
	/* 20%: exact halves go up (away from zero). */
	assert_int_equal(md(3, 10000, 12000), 3);          /* 2.5 */
	assert_int_equal(md(9, 10000, 12000), 8);          /* 7.5 */
	assert_int_equal(md(15, 10000, 12000), 13);        /* 12.5 */
	assert_int_equal(md(21, 10000, 12000), 18);        /* 17.5 */
	assert_int_equal(md(600003, 10000, 12000), 500003); /* 500002.5 */
	assert_true(md(-3, 10000, 12000) == -3);
	assert_true(md(-9, 10000, 12000) == -8);
	assert_int_equal(md(6, 10000, 12000), 5);          /* 5.0 */
	assert_int_equal(md(1200, 10000, 12000), 1000);
	assert_int_equal(md(4, 10000, 12000), 3);          /* 3.33 */
	assert_int_equal(md(5, 10000, 12000), 4);          /* 4.17 */
	assert_int_equal(md(8, 10000, 12000), 7);          /* 6.67 */
	/* 10%: 10T / 11. */
	assert_int_equal(md(5, 10000, 11000), 5);          /* 4.545 */
	assert_int_equal(md(6, 10000, 11000), 5);          /* 5.454 */
	assert_int_equal(md(16, 10000, 11000), 15);        /* 14.545 */
	assert_int_equal(md(17, 10000, 11000), 15);        /* 15.454 */
	assert_int_equal(md(1100, 10000, 11000), 1000);
	/* 5.5%: 200T / 211; 48 -> 45.4976, 163 -> 154.5023. */
	assert_int_equal(md(48, 10000, 10550), 45);
	assert_int_equal(md(163, 10000, 10550), 155);
	assert_int_equal(md(250, 10000, 10550), 237);      /* 236.97 */
	assert_true(md(-163, 10000, 10550) == -155);
	assert_true(md(-48, 10000, 10550) == -45);
	/* No VAT. */
	assert_int_equal(md(12345, 10000, 10000), 12345);
}

/* Against the schoolbook formula floor((2n + c) / 2c) for n >= 0. */
static void test_muldiv_reference(void **state)
{
	static const int64_t rates[] = { 0, 210, 550, 1000, 2000, 850, 10000 };
	(void)state;

	for (size_t i = 0; i < sizeof rates / sizeof *rates; i++) {
		int64_t c = 10000 + rates[i];
		for (int64_t t = 0; t <= 50000; t++) {
			int64_t want = (2 * t * 10000 + c) / (2 * c);
			int64_t got = md(t, 10000, c);
			if (got != want)
				fail_msg("muldiv(%lld, 10000, %lld) = %lld, want %lld",
				         (long long)t, (long long)c, (long long)got,
				         (long long)want);
			got = md(-t, 10000, c);
			if (got != -want)
				fail_msg("muldiv(%lld, 10000, %lld) = %lld, want %lld",
				         (long long)-t, (long long)c, (long long)got,
				         (long long)-want);
		}
	}
}

static void test_muldiv_edges(void **state)
{
	int64_t r = 99;
	(void)state;

	assert_int_equal(money_muldiv(INT64_MAX, 2, 1, &r), -1);
	assert_int_equal(money_muldiv(INT64_MIN, -1, 1, &r), -1);
	assert_int_equal(money_muldiv(INT64_MIN, INT64_MIN, 1, &r), -1);
	assert_int_equal(money_muldiv(INT64_MAX, INT64_MAX, 2, &r), -1);
	assert_int_equal(r, 99);
	assert_int_equal(money_muldiv(1, 1, 0, &r), -1);
	assert_int_equal(money_muldiv(1, 1, -1, &r), -1);
	assert_int_equal(money_muldiv(1, 1, INT64_MIN, &r), -1);
	assert_int_equal(money_muldiv(0, 0, 0, &r), -1);
	assert_int_equal(r, 99);

	/* Large products that fit once divided. */
	assert_true(md(INT64_MAX, INT64_MAX, INT64_MAX) == INT64_MAX);
	assert_true(md(INT64_MIN, INT64_MAX, INT64_MAX) == INT64_MIN);
	assert_true(md(INT64_MIN, 1, 1) == INT64_MIN);
	assert_true(md(INT64_MAX, 10000, 10000) == INT64_MAX);
	assert_true(md(INT64_MAX, 2, 2) == INT64_MAX);
	assert_true(md(INT64_MAX, 1, 2) == INT64_C(4611686018427387904));
	assert_true(md(INT64_MIN, 1, 2) == INT64_C(-4611686018427387904));
	/* (2^64 - 1) / 2 = INT64_MAX + 0.5: rounding up does not fit; its
	 * negative rounds away from zero to INT64_MIN, which does. */
	r = 99;
	assert_int_equal(money_muldiv(INT64_C(6148914691236517205), 3, 2, &r),
	                 -1);
	assert_int_equal(r, 99);
	assert_true(md(INT64_C(-6148914691236517205), 3, 2) == INT64_MIN);
	assert_true(md(INT64_C(6148914691236517205), 3, 3) ==
	            INT64_C(6148914691236517205));
}

/* ---- money_without_rate, money_percent: the formulas of SPEC §4 ---- */

static int64_t wr(int64_t v, int32_t rate)
{
	int64_t r = INT64_C(-7777777);
	if (money_without_rate(v, rate, &r) != 0)
		fail_msg("money_without_rate(%lld, %d) failed", (long long)v,
		         (int)rate);
	return r;
}

static int64_t pc(int64_t v, int32_t rate)
{
	int64_t r = INT64_C(-7777777);
	if (money_percent(v, rate, &r) != 0)
		fail_msg("money_percent(%lld, %d) failed", (long long)v,
		         (int)rate);
	return r;
}

/* round(v x 10000 / (10000 + rate)), half away from zero: before VAT from
 * incl. VAT, gross pay from the employer's cost. */
static void test_without_rate(void **state)
{
	int64_t r = 99;
	(void)state;

	/* 25.00 at 5.5 %: 2500 x 10000 / 10550 = 2369.67 -> 2370. */
	assert_int_equal(wr(2500, 550), 2370);
	/* 24.00 at 20 %: 2000 exactly. */
	assert_int_equal(wr(2400, 2000), 2000);
	/* 1.17 at 20 %: 97.5, the half goes up: 98; 0.39: 32.5 -> 33. */
	assert_int_equal(wr(117, 2000), 98);
	assert_int_equal(wr(39, 2000), 33);
	/* A void's negative amount: -97.5 -> -98, away from zero. */
	assert_true(wr(-117, 2000) == -98);
	assert_true(wr(-2500, 550) == -2370);
	/* 30.09 at 10 %: 30090 / 11 = 2735.45 -> 2735. */
	assert_int_equal(wr(3009, 1000), 2735);
	/* 26.95 at 5.5 %: 539000 / 211 = 2554.502 -> 2555. */
	assert_int_equal(wr(2695, 550), 2555);
	/* Gross pay from a share of 0.85 with 13 % employer contributions:
	 * 850000 / 11300 = 75.22 -> 75; from 24.60: 2176.99 -> 2177. */
	assert_int_equal(wr(85, 1300), 75);
	assert_int_equal(wr(2460, 1300), 2177);
	/* No rate: the amount itself, to the largest. */
	assert_int_equal(wr(1234, 0), 1234);
	assert_int_equal(wr(0, 2000), 0);
	assert_true(wr(INT64_MAX, 0) == INT64_MAX);
	assert_true(wr(INT64_MIN, 0) == INT64_MIN);
	/* 100 %: half, 0.01 -> 0.005 -> 0.01 (the half up). */
	assert_int_equal(wr(1, 10000), 1);
	assert_int_equal(wr(3, 10000), 2);      /* 1.5 */

	/* What cannot be: a rate of -100 % (a division by 0), and a result
	 * that does not fit (-50 % doubles the largest amount).  out is
	 * left alone. */
	assert_int_equal(money_without_rate(100, -10000, &r), -1);
	assert_int_equal(money_without_rate(INT64_MAX, -5000, &r), -1);
	assert_int_equal(r, 99);
}

/* round(v x rate / 10000), half away from zero: the CAE's contribution,
 * the employee contributions. */
static void test_percent(void **state)
{
	int64_t r = 99;
	(void)state;

	/* 10 % of a margin of 0.95: 9.5 -> 10; of 27.33: 273.3 -> 273. */
	assert_int_equal(pc(95, 1000), 10);
	assert_int_equal(pc(2733, 1000), 273);
	/* 5 % of 25.10: 125.5 -> 126. */
	assert_int_equal(pc(2510, 500), 126);
	/* 22 % of gross 0.75: 16.5 -> 17; of 14.51: 319.22 -> 319. */
	assert_int_equal(pc(75, 2200), 17);
	assert_int_equal(pc(1451, 2200), 319);
	/* 5.5 % of 1.00: 5.5 -> 6. */
	assert_int_equal(pc(100, 550), 6);
	/* Negative amounts, away from zero: -9.5 -> -10. */
	assert_true(pc(-95, 1000) == -10);
	/* 0 % and 100 %. */
	assert_int_equal(pc(2733, 0), 0);
	assert_int_equal(pc(2733, 10000), 2733);
	assert_true(pc(INT64_MAX, 10000) == INT64_MAX);
	assert_true(pc(INT64_MIN, 10000) == INT64_MIN);

	/* 200 % of the largest amount does not fit: -1, out left alone. */
	assert_int_equal(money_percent(INT64_MAX, 20000, &r), -1);
	assert_int_equal(money_percent(INT64_MIN, 10001, &r), -1);
	assert_int_equal(r, 99);
}

/* The two say the same as money_muldiv with the divisor and rate of
 * SPEC §4, for every rate of the tests and amounts around each half. */
static void test_rate_formulas_are_muldiv(void **state)
{
	static const int32_t rates[] = { 0, 210, 550, 1000, 1300, 2000, 2200,
	                                 10000 };
	(void)state;

	for (size_t i = 0; i < sizeof rates / sizeof *rates; i++)
		for (int64_t v = -3000; v <= 3000; v++) {
			int32_t rt = rates[i];
			if (wr(v, rt) != md(v, 10000, 10000 + rt) ||
			    pc(v, rt) != md(v, rt, 10000))
				fail_msg("rate %d, amount %lld", (int)rt,
				         (long long)v);
		}
}

/* ---- money_allocate ---- */

static void check_alloc(int64_t total, const int64_t *w, size_t n,
                        const int64_t *want)
{
	int64_t parts[16];
	assert_true(n <= 16);
	for (size_t i = 0; i < n; i++)
		parts[i] = -99;
	assert_int_equal(money_allocate(total, w, n, parts), 0);
	for (size_t i = 0; i < n; i++)
		if (parts[i] != want[i])
			fail_msg("allocate %lld: part %zu = %lld, want %lld",
			         (long long)total, i, (long long)parts[i],
			         (long long)want[i]);
}

static void test_allocate_examples(void **state)
{
	(void)state;
	check_alloc(100, (int64_t[]){ 1, 1, 1 }, 3, (int64_t[]){ 34, 33, 33 });
	check_alloc(101, (int64_t[]){ 1, 1, 1 }, 3, (int64_t[]){ 34, 34, 33 });
	check_alloc(102, (int64_t[]){ 1, 1, 1 }, 3, (int64_t[]){ 34, 34, 34 });
	check_alloc(10, (int64_t[]){ 3, 3, 4 }, 3, (int64_t[]){ 3, 3, 4 });
	check_alloc(10, (int64_t[]){ 3, 3, 3 }, 3, (int64_t[]){ 4, 3, 3 });
	check_alloc(11, (int64_t[]){ 3, 3, 4 }, 3, (int64_t[]){ 3, 3, 5 });
	/* 3.33 / 6.67: the cent left goes to the larger remainder. */
	check_alloc(10, (int64_t[]){ 1, 2 }, 2, (int64_t[]){ 3, 7 });
	/* Ties to the lower index even when it is not first. */
	check_alloc(5, (int64_t[]){ 0, 1, 1 }, 3, (int64_t[]){ 0, 3, 2 });
	check_alloc(100, (int64_t[]){ 1, 1, 1, 0 }, 4,
	            (int64_t[]){ 34, 33, 33, 0 });
	check_alloc(0, (int64_t[]){ 1, 2, 3 }, 3, (int64_t[]){ 0, 0, 0 });
	check_alloc(0, (int64_t[]){ 0, 5 }, 2, (int64_t[]){ 0, 0 });
	check_alloc(7, (int64_t[]){ 5 }, 1, (int64_t[]){ 7 });
	check_alloc(7, (int64_t[]){ 0, 0, 9 }, 3, (int64_t[]){ 0, 0, 7 });
	/* Hours in hundredths: 7.5 h, 3 h, 1.5 h of 12 h over 1000.00. */
	check_alloc(100000, (int64_t[]){ 750, 300, 150 }, 3,
	            (int64_t[]){ 62500, 25000, 12500 });
	/* 1/3 each of 1.00 weighted 2, 1, 1, 2: 33.33, 16.67, 16.67, 33.33. */
	check_alloc(100, (int64_t[]){ 2, 1, 1, 2 }, 4,
	            (int64_t[]){ 33, 17, 17, 33 });
	/* Big numbers stay exact. */
	check_alloc(INT64_MAX, (int64_t[]){ INT64_MAX, INT64_MAX }, 2,
	            (int64_t[]){ INT64_MAX / 2 + 1, INT64_MAX / 2 });
	check_alloc(INT64_MAX, (int64_t[]){ 1, INT64_MAX }, 2,
	            (int64_t[]){ 1, INT64_MAX - 1 });
}

static void test_allocate_bad(void **state)
{
	int64_t parts[3];
	(void)state;
	assert_int_equal(money_allocate(100, (int64_t[]){ 0, 0, 0 }, 3, parts),
	                 -1);
	assert_int_equal(money_allocate(-1, (int64_t[]){ 1, 1, 1 }, 3, parts),
	                 -1);
	assert_int_equal(money_allocate(100, (int64_t[]){ 1, -1, 1 }, 3,
	                                parts), -1);
	assert_int_equal(money_allocate(100, (int64_t[]){ 1 }, 0, parts), -1);
	assert_int_equal(money_allocate(0, (int64_t[]){ 0 }, 1, parts), -1);
}

/* Deterministic pseudo-random inputs: the parts add up to the total, each
 * is the floor of its exact share or one more, and the extra cents went to
 * the largest remainders, ties to the lower index. */
static uint64_t lcg_state = 0x2545f4914f6cdd1dULL;

static uint64_t lcg(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return lcg_state >> 33;
}

static void test_allocate_properties(void **state)
{
	int64_t w[12], parts[12];
	(void)state;

	for (int iter = 0; iter < 20000; iter++) {
		size_t n = 1 + lcg() % 12;
		int64_t total, sum = 0, given = 0;
		int kind = iter % 4;

		for (size_t i = 0; i < n; i++) {
			w[i] = kind == 0 ? (int64_t)(lcg() % 4) :
			       kind == 1 ? (int64_t)(lcg() % 2400) :
			       kind == 2 ? 1 : (int64_t)(lcg() % 1000000007);
			sum += w[i];
		}
		if (sum == 0) {
			w[n - 1] = 1;
			sum = 1;
		}
		total = iter % 7 == 0 ? (int64_t)(lcg() % 10) :
		        (int64_t)(lcg() % 100000000);
		assert_int_equal(money_allocate(total, w, n, parts), 0);
		for (size_t i = 0; i < n; i++) {
			__int128 exact = (__int128)total * w[i];
			int64_t fl = (int64_t)(exact / sum);
			assert_true(parts[i] == fl || parts[i] == fl + 1);
			if (w[i] == 0)
				assert_true(parts[i] == 0);
			given += parts[i];
		}
		if (given != total)
			fail_msg("iteration %d: parts add up to %lld, not %lld",
			         iter, (long long)given, (long long)total);
		for (size_t i = 0; i < n; i++) {
			int64_t ri = (int64_t)((__int128)total * w[i] % sum);
			bool up_i = parts[i] != (int64_t)((__int128)total * w[i] /
			                                 sum);
			if (!up_i)
				continue;
			for (size_t j = 0; j < n; j++) {
				int64_t rj = (int64_t)((__int128)total * w[j] % sum);
				bool up_j = parts[j] !=
				            (int64_t)((__int128)total * w[j] / sum);
				if (up_j)
					continue;
				/* i got a cent, j did not. */
				if (rj > ri || (rj == ri && j < i))
					fail_msg("iteration %d: part %zu (remainder "
					         "%lld) got a cent before part %zu "
					         "(remainder %lld)", iter, i,
					         (long long)ri, j, (long long)rj);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_parse_round_trip),
		cmocka_unit_test(test_rate_parse),
		cmocka_unit_test(test_rate_format),
		cmocka_unit_test(test_add_sub_mul),
		cmocka_unit_test(test_muldiv_basic),
		cmocka_unit_test(test_muldiv_vat_ties),
		cmocka_unit_test(test_muldiv_reference),
		cmocka_unit_test(test_muldiv_edges),
		cmocka_unit_test(test_without_rate),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_rate_formulas_are_muldiv),
		cmocka_unit_test(test_allocate_examples),
		cmocka_unit_test(test_allocate_bad),
		cmocka_unit_test(test_allocate_properties),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
