#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "flashcoop/date.h"
#include "flashcoop/html.h"
#include "flashcoop/money.h"
#include "flashcoop/numfmt.h"
#include "flashcoop/text.h"

#define ELLIPSIS "\xe2\x80\xa6"
#define EURO "\xe2\x82\xac"
/* A currency code shown as it is: "CHF", "XOF"... */
#define UNIT_MAX 8

static void escape_n(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(s[i], out);
		}
	}
}

void html_escape(FILE *out, const char *s)
{
	escape_n(out, s, strlen(s));
}

void html_escape_cut(FILE *out, const char *s, size_t max)
{
	size_t chars = 0, i;
	for (i = 0; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
	escape_n(out, s, i);
	if (s[i])
		fputs(ELLIPSIS, out);
}

void html_el(FILE *out, const char *open, const char *s, const char *close)
{
	fputs(open, out);
	html_escape(out, s);
	fputs(close, out);
}

char *html_amount(int64_t cents, const char *unit,
                  char buf[HTML_AMOUNT_BUFSZ])
{
	return numfmt(cents, 2, &numfmt_french_print, unit, buf);
}

void html_amount_td(FILE *out, int64_t cents, const char *unit)
{
	char a[HTML_AMOUNT_BUFSZ];
	html_el(out, "<td class=\"n\">", html_amount(cents, unit, a), "</td>");
}

char *html_rate(int32_t rate, char buf[HTML_RATE_BUFSZ])
{
	char r[MONEY_BUFSZ], *dot;
	money_rate_format(rate, r);
	if ((dot = strchr(r, '.')))
		*dot = ',';
	snprintf(buf, HTML_RATE_BUFSZ, "%s" HTML_NBSP "%%", r);
	return buf;
}

static const char *const months[] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"
};
static const char *const weekdays[] = {
	"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."
};

char *html_date(int32_t day, char buf[HTML_DATE_BUFSZ])
{
	int y, m, d;
	if (day == DATE_NONE) {
		snprintf(buf, HTML_DATE_BUFSZ, "(date inconnue)");
		return buf;
	}
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, HTML_DATE_BUFSZ, "%d%s %s %d", d, d == 1 ? "er" : "",
	         months[m - 1], y);
	return buf;
}

/* 1970-01-01, day 0, was a Thursday. */
char *html_day(int32_t day, char buf[HTML_DATE_BUFSZ])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, HTML_DATE_BUFSZ, "%s %d%s %s",
	         weekdays[((day % 7) + 10) % 7], d, d == 1 ? "er" : "",
	         months[m - 1]);
	return buf;
}

const char *html_unit(const char *currency)
{
	if (!*currency || strcasecmp(currency, "EUR") == 0)
		return EURO;
	return text_is_token(currency) && strlen(currency) <= UNIT_MAX ?
	       currency : "";
}
