/*
 * libFuzzer target: ISO dates (lib/date.c).
 *
 * The input as text: when date_parse() takes it, it is a real date of the
 * years 1900 to 9999 and date_format() gives the very same ten bytes back.
 * The input as numbers: a day number in that range formats, parses back
 * to itself and goes through date_to_ymd/date_from_ymd unchanged; a
 * (y, m, d) that date_valid_ymd() takes goes there and back too.
 *
 * Build and run: tests/fuzz/run.sh (make fuzz).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/date.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz_date: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

static void check_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), buf[DATE_BUFSZ];
	int32_t day, back;
	int y, m, d;

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if (date_parse(s, &day) == 0) {
		date_format(day, buf);
		if (strcmp(buf, s) != 0)
			FAIL("date_parse('%s') = %d, formatted '%s'", s, day, buf);
		date_to_ymd(day, &y, &m, &d);
		if (!date_valid_ymd(y, m, d))
			FAIL("date_parse('%s') = %d = %d-%d-%d, not valid", s,
			     day, y, m, d);
		if (date_parse(buf, &back) != 0 || back != day)
			FAIL("'%s' parses back as %d, not %d", buf, back, day);
	}
	free(s);
}

static int32_t take32(const uint8_t *d, size_t n, size_t *off)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++, (*off)++)
		if (*off < n)
			v |= (uint32_t)d[*off] << (8 * i);
	return (int32_t)v;
}

static void check_day(int32_t day)
{
	static int32_t lo, hi;
	char buf[DATE_BUFSZ];
	int32_t back;
	int y, m, d;

	if (!lo) {
		lo = date_from_ymd(1900, 1, 1);
		hi = date_from_ymd(9999, 12, 31);
	}
	/* Fold any int32 into the range the parser gives. */
	day = lo + (int32_t)((uint32_t)day % (uint32_t)(hi - lo + 1));
	date_to_ymd(day, &y, &m, &d);
	if (!date_valid_ymd(y, m, d) || date_from_ymd(y, m, d) != day)
		FAIL("day %d = %d-%d-%d does not go back", day, y, m, d);
	date_format(day, buf);
	if (strlen(buf) != 10 || date_parse(buf, &back) != 0 || back != day)
		FAIL("day %d formats as '%s', which does not parse back", day,
		     buf);
}

static void check_ymd(int y, int m, int d)
{
	int y2, m2, d2;
	int32_t day;

	if (!date_valid_ymd(y, m, d))
		return;
	day = date_from_ymd(y, m, d);
	date_to_ymd(day, &y2, &m2, &d2);
	if (y2 != y || m2 != m || d2 != d)
		FAIL("%d-%d-%d = day %d = %d-%d-%d", y, m, d, day, y2, m2, d2);
	/* The next day is the day after. */
	date_to_ymd(day + 1, &y2, &m2, &d2);
	if (!(d2 == d + 1 && m2 == m && y2 == y) &&
	    !(d2 == 1 && ((m2 == m + 1 && y2 == y) ||
	                  (m == 12 && m2 == 1 && y2 == y + 1))))
		FAIL("the day after %d-%d-%d is %d-%d-%d", y, m, d, y2, m2, d2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 0;

	check_text(data, size);
	if (size >= 4) {
		int32_t v = take32(data, size, &off);
		check_day(v);
		check_ymd(1900 + (int)((uint32_t)v % 8200), data[0] % 14,
		          data[size - 1] % 33);
	}
	return 0;
}
