#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/i18n.h"
#include "flashcoop/numfmt.h"

#define NNBSP "\xe2\x80\xaf"   /* narrow no-break space: between thousands */
#define NBSP "\xc2\xa0"        /* no-break space: before a unit */
#define MINUS "\xe2\x88\x92"   /* U+2212, the minus sign */
#define EURO "\xe2\x82\xac"

const struct numfmt numfmt_english = { "-", ",", "." };
const struct numfmt numfmt_french = { "-", NNBSP, "," };
const struct numfmt numfmt_french_print = { MINUS, NNBSP, "," };

/* Append s to buf at *o, keeping room for the final NUL. */
static void put(char *buf, size_t *o, const char *s)
{
	size_t n = strlen(s);
	if (*o + n >= NUMFMT_BUFSZ)
		n = NUMFMT_BUFSZ - 1 - *o;
	memcpy(buf + *o, s, n);
	*o += n;
}

char *numfmt(int64_t v, unsigned decimals, const struct numfmt *style,
             const char *unit, char buf[NUMFMT_BUFSZ])
{
	/* The magnitude, INT64_MIN's too, as digits: at least one before
	 * the point. */
	uint64_t m = v < 0 ? (uint64_t)-(v + 1) + 1 : (uint64_t)v;
	char digits[32], one[2] = "";
	int n = snprintf(digits, sizeof digits, "%0*" PRIu64,
	                 (int)decimals + 1, m);
	size_t whole = (size_t)n - decimals, o = 0;

	if (v < 0)
		put(buf, &o, style->minus);
	for (size_t i = 0; i < whole; i++) {
		if (i && (whole - i) % 3 == 0)
			put(buf, &o, style->thousands);
		one[0] = digits[i];
		put(buf, &o, one);
	}
	if (decimals) {
		put(buf, &o, style->decimal);
		put(buf, &o, digits + whole);
	}
	if (unit && *unit) {
		put(buf, &o, NBSP);
		put(buf, &o, unit);
	}
	buf[o] = '\0';
	return buf;
}

char *numfmt_text(int64_t v, unsigned decimals, bool currency,
                  char buf[NUMFMT_BUFSZ])
{
	if (!i18n_french_numbers())
		return numfmt(v, decimals, &numfmt_english, NULL, buf);
	return numfmt(v, decimals, &numfmt_french, currency ? EURO : NULL, buf);
}
