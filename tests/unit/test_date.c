/*
 * Unit tests for lib/date.c: ISO dates as day numbers from 1970-01-01.
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

static int32_t parse_ok(const char *s)
{
	int32_t d = DATE_NONE;
	if (date_parse(s, &d) != 0)
		fail_msg("date_parse(\"%s\") refused", s);
	return d;
}

static void test_known_days(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1970, 1, 2), 1);
	assert_true(date_from_ymd(1969, 12, 31) == -1);
	assert_true(parse_ok("1970-01-01") == 0);
	assert_true(parse_ok("1900-01-01") == -25567);
	assert_true(parse_ok("2000-03-01") == 11017);
	assert_true(parse_ok("2024-02-29") == 19782);
	assert_true(parse_ok("2026-05-04") == 20577);
	assert_true(parse_ok("2100-12-31") == 47846);
	assert_true(parse_ok("9999-12-31") == 2932896);
}

static void test_parse_calendar(void **state)
{
	static const char *const good[] = {
		"2024-02-29", "2000-02-29", "1904-02-29", "2026-02-28",
		"2026-04-30", "2026-12-31", "2026-01-31", "1900-01-01",
		"9999-12-31", "2026-05-04",
	};
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2100-02-29", "2026-02-30",
		"2026-02-31", "2026-04-31", "2026-06-31", "2026-09-31",
		"2026-11-31", "2026-01-32", "2026-13-01", "2026-00-10",
		"2026-05-00", "2026-1-01", "2026-01-1", "2026-05-04x",
		"x2026-05-04", "", "20260504", "2026/05/04", "2026-05-04 ",
		" 2026-05-04", "1899-12-31", "0000-01-01", "10000-01-01",
		"-2026-05-04", "2026-+5-04", "2026-05--4", "2026-05- 4",
		"2026-0a-04", "abcd-ef-gh", "2026--05-04", "2026-05-04\n",
		"2026-05/04", "2026/05-04", "2026-05.04", "2026.05-04",
		"2026-05-0\xd9",
	};
	int32_t d;
	(void)state;

	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		parse_ok(good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		d = 4242;
		if (date_parse(bad[i], &d) != -1)
			fail_msg("date_parse(\"%s\") accepted", bad[i]);
		assert_int_equal(d, 4242);
	}
	assert_int_equal(date_parse(NULL, &d), -1);
}

static void test_valid_ymd(void **state)
{
	(void)state;
	assert_true(date_valid_ymd(2024, 2, 29));
	assert_false(date_valid_ymd(2023, 2, 29));
	assert_false(date_valid_ymd(1900, 2, 29));
	assert_true(date_valid_ymd(2000, 2, 29));
	assert_false(date_valid_ymd(1899, 12, 31));
	assert_true(date_valid_ymd(9999, 12, 31));
	assert_false(date_valid_ymd(10000, 1, 1));
	assert_false(date_valid_ymd(2026, 0, 1));
	assert_false(date_valid_ymd(2026, 13, 1));
	assert_false(date_valid_ymd(2026, 1, 0));
	assert_false(date_valid_ymd(2026, 1, -1));
	assert_false(date_valid_ymd(2026, -1, 1));
}

static int mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return n[m - 1] + (m == 2 && leap);
}

/* Every day from 1900-01-01 to 2100-12-31, walked with a calendar of our
 * own: format gives the expected text, parse gives the day back, the day
 * numbers follow each other, and date_to_ymd agrees. */
static void test_round_trip_every_day(void **state)
{
	char want[40], buf[DATE_BUFSZ];
	int y = 1900, m = 1, d = 1, yy, mm, dd;
	int32_t day = parse_ok("1900-01-01"), back;
	long count = 0;
	(void)state;

	for (;;) {
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
		if (strcmp(date_format(day, buf), want) != 0)
			fail_msg("date_format(%ld) = %s, want %s", (long)day, buf,
			         want);
		back = DATE_NONE;
		assert_int_equal(date_parse(want, &back), 0);
		if (back != day)
			fail_msg("date_parse(%s) = %ld, want %ld", want,
			         (long)back, (long)day);
		assert_true(date_from_ymd(y, m, d) == day);
		date_to_ymd(day, &yy, &mm, &dd);
		assert_int_equal(yy, y);
		assert_int_equal(mm, m);
		assert_int_equal(dd, d);
		count++;
		if (y == 2100 && m == 12 && d == 31)
			break;
		day++;
		if (++d > mdays(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(count, 73414);
	assert_true(day == 47846);
}

static void check_plus(const char *from, int n, const char *want)
{
	char buf[DATE_BUFSZ];
	assert_string_equal(date_format(parse_ok(from) + n, buf), want);
	assert_int_equal(parse_ok(want) - parse_ok(from), n);
}

static void test_arithmetic(void **state)
{
	(void)state;
	check_plus("2026-05-04", 6, "2026-05-10");
	check_plus("2026-05-04", 9, "2026-05-13");
	check_plus("2024-02-28", 1, "2024-02-29");
	check_plus("2024-02-29", 1, "2024-03-01");
	check_plus("2023-02-28", 1, "2023-03-01");
	check_plus("2026-12-31", 1, "2027-01-01");
	check_plus("2026-05-04", -4, "2026-04-30");
	check_plus("2026-01-01", 365, "2027-01-01");
	check_plus("2024-01-01", 366, "2025-01-01");
	check_plus("1999-12-31", 1, "2000-01-01");
	check_plus("1969-12-31", 1, "1970-01-01");
}

static void test_format_returns_buf(void **state)
{
	char buf[DATE_BUFSZ];
	(void)state;
	memset(buf, 'x', sizeof buf);
	assert_ptr_equal(date_format(0, buf), buf);
	assert_string_equal(buf, "1970-01-01");
	assert_int_equal(buf[10], '\0');
	assert_string_equal(date_format(2932896, buf), "9999-12-31");
}

static void test_today(void **state)
{
	int32_t t = date_today();
	char buf[DATE_BUFSZ];
	int32_t back;
	(void)state;
	/* After 2025-01-01 and a real date. */
	assert_true(t > 20089);
	assert_int_equal(date_parse(date_format(t, buf), &back), 0);
	assert_true(back == t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_parse_calendar),
		cmocka_unit_test(test_valid_ymd),
		cmocka_unit_test(test_round_trip_every_day),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_format_returns_buf),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
