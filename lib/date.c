#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>

#include "flashcoop/date.h"

/* Days from civil, after Howard Hinnant's public-domain algorithms. */
int32_t date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool date_valid_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse(const char *s, int32_t *day)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid_ymd(y, m, d))
		return -1;
	*day = date_from_ymd(y, m, d);
	return 0;
}

char *date_format(int32_t day, char buf[DATE_BUFSZ])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* Day numbers come from date_parse: years 1900 to 9999. */
	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

int32_t date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int date_stamp_now(char buf[DATE_STAMP_SIZE])
{
	time_t t = time(NULL);
	struct tm tm;
	long off;

	if (t == (time_t)-1 || !localtime_r(&t, &tm))
		return -1;
	char s[64];
	off = tm.tm_gmtoff / 60;
	if (snprintf(s, sizeof s, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	             tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 60,
	             labs(off) % 60) != DATE_STAMP_SIZE - 1)
		return -1;
	memcpy(buf, s, DATE_STAMP_SIZE);
	return 0;
}

bool date_stamp_valid(const char *s, int32_t *day)
{
	char ymd[DATE_BUFSZ];
	int32_t d;

	if (strlen(s) != DATE_STAMP_SIZE - 1 || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || (s[19] != '+' && s[19] != '-') || s[22] != ':')
		return false;
	memcpy(ymd, s, 10);
	ymd[10] = '\0';
	if (date_parse(ymd, &d) < 0)
		return false;
	if (digits(s + 11, 2) < 0 || digits(s + 11, 2) > 23 ||
	    digits(s + 14, 2) < 0 || digits(s + 14, 2) > 59 ||
	    digits(s + 17, 2) < 0 || digits(s + 17, 2) > 59 ||
	    digits(s + 20, 2) < 0 || digits(s + 20, 2) > 23 ||
	    digits(s + 23, 2) < 0 || digits(s + 23, 2) > 59)
		return false;
	if (day)
		*day = d;
	return true;
}
