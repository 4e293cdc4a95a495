/*
 * Unit tests for lib/date.c: ISO dates as day numbers from 1970-01-01,
 * and the moments a row is recorded at (ISO 8601 with seconds and the
 * offset from UTC: 2026-05-09T16:42:07+02:00, SPEC §5).
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
#include <time.h>

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


/* ---- moments: recorded_at ---- */

static void stamp_ok(const char *s, int y, int m, int d)
{
	int32_t day = DATE_NONE;
	if (!date_stamp_valid(s, &day))
		fail_msg("date_stamp_valid(\"%s\") refused", s);
	if (day != date_from_ymd(y, m, d))
		fail_msg("date_stamp_valid(\"%s\"): day %ld", s, (long)day);
	/* The day is optional. */
	assert_true(date_stamp_valid(s, NULL));
}

static void test_stamp_valid(void **state)
{
	static const char *const bad[] = {
		/* the date: a 13th month, 29 Feb of a common year, 31 April */
		"2026-13-09T16:42:07+02:00", "2023-02-29T16:42:07+02:00",
		"2026-04-31T16:42:07+02:00", "2026-00-09T16:42:07+02:00",
		/* the time: 24:00, minute 60, second 60 (no leap second) */
		"2026-05-09T24:00:00+02:00", "2026-05-09T23:60:00+02:00",
		"2026-05-09T23:59:60+02:00", "2026-05-09T99:00:00+02:00",
		/* the offset: 24 hours or more either way (POSIX TZ goes to
		 * 24:59), minutes past 59 */
		"2026-05-09T16:42:07+24:00", "2026-05-09T16:42:07-24:00",
		"2026-05-09T16:42:07+05:60", "2026-05-09T16:42:07+99:00",
		/* 'Z' for UTC, no offset, an offset without its colon */
		"2026-05-09T16:42:07Z", "2026-05-09T16:42:07",
		"2026-05-09T16:42:07+0200", "2026-05-09T16:42:07Z+0:00",
		/* length: fractions of a second, a space after, before; short */
		"2026-05-09T16:42:07.5+02:00", "2026-05-09T16:42:07+02:00 ",
		" 2026-05-09T16:42:07+02:00", "2026-05-09T16:42:7+02:00",
		"2026-05-09T16:42:07+02:0", "", "2026-05-09",
		"2026-05-09T16:42:07+02:00\n",
		/* the separators */
		"2026-05-09 16:42:07+02:00", "2026-05-09t16:42:07+02:00",
		"2026-05-09T16.42.07+02:00", "2026-05-09T16:42:07*02:00",
		"2026-05-09T16:42:07+02.00", "2026/05/09T16:42:07+02:00",
		/* signs and spaces where digits go */
		"2026-05-09T+6:42:07+02:00", "2026-05-09T 6:42:07+02:00",
		"2026-05-09T16:42:07+-2:00", "2026-05-09T16:42:07+ 2:00",
		"2026-05-09T16:-2:07+02:00", "-026-05-09T16:42:07+02:00",
	};
	int32_t day;
	(void)state;

	stamp_ok("2026-05-09T16:42:07+02:00", 2026, 5, 9);
	stamp_ok("2026-05-09T00:00:00+00:00", 2026, 5, 9);
	stamp_ok("2026-05-09T23:59:59-00:00", 2026, 5, 9);
	/* The day is the local date it names, not UTC's. */
	stamp_ok("2026-05-09T23:30:00-10:00", 2026, 5, 9);
	stamp_ok("2024-02-29T12:00:00+01:00", 2024, 2, 29);
	/* Nepal, Newfoundland, and the ends: +14:00 and -14:00 */
	stamp_ok("2026-05-09T16:42:07+05:45", 2026, 5, 9);
	stamp_ok("2026-05-09T16:42:07-03:30", 2026, 5, 9);
	stamp_ok("2026-05-09T16:42:07+14:00", 2026, 5, 9);
	stamp_ok("2026-05-09T16:42:07-14:00", 2026, 5, 9);
	stamp_ok("2026-05-09T16:42:07+13:59", 2026, 5, 9);
	stamp_ok("1900-01-01T00:00:00+00:00", 1900, 1, 1);
	stamp_ok("9999-12-31T23:59:59+00:00", 9999, 12, 31);
	/* 25 characters, and the NUL. */
	assert_int_equal(DATE_STAMP_SIZE, 26);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		day = 4242;
		if (date_stamp_valid(bad[i], &day))
			fail_msg("date_stamp_valid(\"%s\") accepted", bad[i]);
		assert_int_equal(day, 4242);
	}
}

/* now, in the time zone tz (POSIX: "<+0545>-5:45" is UTC+05:45). */
static void stamp_in(const char *tz, char buf[DATE_STAMP_SIZE])
{
	assert_int_equal(setenv("TZ", tz, 1), 0);
	tzset();
	memset(buf, 'x', DATE_STAMP_SIZE);
	assert_int_equal(date_stamp_now(buf), 0);
	assert_int_equal(buf[DATE_STAMP_SIZE - 1], '\0');
	assert_int_equal(strlen(buf), DATE_STAMP_SIZE - 1);
}

static void test_stamp_now(void **state)
{
	char buf[DATE_STAMP_SIZE], want[64];
	const char *old = getenv("TZ");
	char *saved = old ? strdup(old) : NULL;
	int32_t day;
	(void)state;

	/* In UTC: the clock's own time, to the second (taken again when the
	 * second turned meanwhile). */
	for (int tries = 0;; tries++) {
		time_t t0 = time(NULL), t1;
		struct tm tm;
		stamp_in("UTC0", buf);
		t1 = time(NULL);
		if (t0 != t1 && tries < 5)
			continue;
		gmtime_r(&t0, &tm);
		strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
		assert_string_equal(buf, want);
		break;
	}
	assert_true(date_stamp_valid(buf, &day));
	assert_true(day == date_today());
	/* Offsets with minutes, both signs. */
	stamp_in("<+0545>-5:45", buf);
	assert_string_equal(buf + 19, "+05:45");
	assert_true(date_stamp_valid(buf, NULL));
	stamp_in("<-0330>3:30", buf);
	assert_string_equal(buf + 19, "-03:30");
	assert_true(date_stamp_valid(buf, NULL));
	stamp_in("<+14>-14", buf);
	assert_string_equal(buf + 19, "+14:00");
	assert_true(date_stamp_valid(buf, &day));
	/* The local date: 14 hours ahead of UTC, today is the zone's. */
	assert_true(day == date_today());
	stamp_in("<-12>12", buf);
	assert_string_equal(buf + 19, "-12:00");
	assert_true(date_stamp_valid(buf, NULL));

	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

/* A defect this test found, fixed since: date_stamp_now wrote what
 * date_stamp_valid refused when the time zone's offset was past +-14:00 (POSIX TZ allows up to 24 h, e.g.
 * TZ='<+15>-15'): flashcoop-record then writes a row whose recorded_at
 * ("2026-12-01T21:26:09+15:00") flashcoop-check refuses, and every later
 * command refuses the project (65).  It should fail (-1, "cannot read the
 * clock") rather than write a moment its own reader refuses. */
static void test_stamp_now_beyond(void **state)
{
	char buf[DATE_STAMP_SIZE];
	const char *old = getenv("TZ");
	char *saved = old ? strdup(old) : NULL;
	int rc;
	(void)state;

	assert_int_equal(setenv("TZ", "<+15>-15", 1), 0);
	tzset();
	rc = date_stamp_now(buf);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	if (rc == 0 && !date_stamp_valid(buf, NULL))
		fail_msg("date_stamp_now wrote \"%s\", which date_stamp_valid "
		         "refuses", buf);
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
		cmocka_unit_test(test_stamp_valid),
		cmocka_unit_test(test_stamp_now),
		cmocka_unit_test(test_stamp_now_beyond),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	return rc;
}
