/*
 * date: ISO calendar dates (YYYY-MM-DD) as day numbers.
 *
 * A date is an int32_t counting days from 1970-01-01, so that a period is
 * two numbers and the day after is d + 1.  Only real dates between the years
 * 1900 and 9999 parse.
 */
#ifndef FLASHCOOP_DATE_H
#define FLASHCOOP_DATE_H

#include <stdbool.h>
#include <stdint.h>

#define DATE_BUFSZ 11
#define DATE_NONE INT32_MIN

int date_parse(const char *s, int32_t *day);
char *date_format(int32_t day, char buf[DATE_BUFSZ]);
int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t day, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
/* Today in the local time zone. */
int32_t date_today(void);

/* A moment as ISO 8601 with seconds and the offset from UTC
 * ("2026-05-09T16:42:07+02:00"): when a row was recorded. */
#define DATE_STAMP_SIZE 26
/* Now, in the local time zone; -1 when the clock cannot be read. */
int date_stamp_now(char buf[DATE_STAMP_SIZE]);
/* True when s is such a moment (a real date, hours 00-23, minutes and
 * seconds 00-59, an offset within +-23:59); *day gets its date (the
 * local date it names) when not NULL. */
bool date_stamp_valid(const char *s, int32_t *day);

#endif
