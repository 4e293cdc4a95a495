/*
 * html: text for the bilan's HTML, the French way: every text read from a
 * project escaped (&, <, >, " and ' as character references), amounts as
 * "1 234,56 €" (numfmt), rates as "5,5 %", dates as "1er mai 2026" and
 * "ven. 8 mai", the currency as its sign or code.  Writers to a stream
 * leave a write error in its error flag, for the document's last check.
 */
#ifndef FLASHCOOP_HTML_H
#define FLASHCOOP_HTML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flashcoop/money.h"
#include "flashcoop/numfmt.h"

#define HTML_NBSP "\xc2\xa0"     /* no-break space: before a unit */

/* Write s escaped; at most max characters of it (UTF-8), then an
 * ellipsis if cut. */
void html_escape(FILE *out, const char *s);
void html_escape_cut(FILE *out, const char *s, size_t max);
/* open, s escaped, close. */
void html_el(FILE *out, const char *open, const char *s, const char *close);

/* 123456 -> "1 234,56 €" (U+202F between thousands, U+00A0 before the
 * unit, none when unit is NULL or empty, U+2212 for a minus). */
#define HTML_AMOUNT_BUFSZ NUMFMT_BUFSZ
char *html_amount(int64_t cents, const char *unit,
                  char buf[HTML_AMOUNT_BUFSZ]);
/* The amount in a right-aligned table cell. */
void html_amount_td(FILE *out, int64_t cents, const char *unit);

/* 550 -> "5,5 %". */
#define HTML_RATE_BUFSZ (MONEY_BUFSZ + 8)
char *html_rate(int32_t rate, char buf[HTML_RATE_BUFSZ]);

/* "1er mai 2026", "14 mai 2026"; "(date inconnue)" for DATE_NONE. */
#define HTML_DATE_BUFSZ 48
char *html_date(int32_t day, char buf[HTML_DATE_BUFSZ]);
/* "ven. 8 mai". */
char *html_day(int32_t day, char buf[HTML_DATE_BUFSZ]);

/* "€" for EUR (or no currency); another currency by its code when it is
 * a short token, else "". */
const char *html_unit(const char *currency);

#endif
