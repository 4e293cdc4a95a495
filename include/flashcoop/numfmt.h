/*
 * numfmt: a number as people read it, written in one place for every
 * output: the text reports' "1,234.56" (English) and "1 234,56 €"
 * (French), the bilan's "−1 234,56 €" (a typeset minus sign).  Values are
 * integers: hundredths (cents, hours) or units (counts).  A leaf, but for
 * the locale's choice of style (i18n).
 */
#ifndef FLASHCOOP_NUMFMT_H
#define FLASHCOOP_NUMFMT_H

#include <stdbool.h>
#include <stdint.h>

/* How a style writes the sign, the thousands and the decimal point. */
struct numfmt {
	const char *minus;
	const char *thousands;
	const char *decimal;
};

/* "-1,234.56". */
extern const struct numfmt numfmt_english;
/* "-1 234,56": a narrow no-break space (U+202F) between thousands. */
extern const struct numfmt numfmt_french;
/* "−1 234,56": the same with the minus sign (U+2212), for print. */
extern const struct numfmt numfmt_french_print;

/* Enough for any int64_t in any style, with a unit of a few characters
 * (a currency code is at most 8). */
#define NUMFMT_BUFSZ 96

/* v, whose last `decimals` digits come after the decimal point (2 for
 * cents and hundredths of an hour, 0 for a count), written in style; then,
 * when unit is neither NULL nor empty, a no-break space and unit.
 * Returns buf. */
char *numfmt(int64_t v, unsigned decimals, const struct numfmt *style,
             const char *unit, char buf[NUMFMT_BUFSZ]);

/* The way of the text reports: French when the locale's numbers are
 * (i18n_french_numbers), with " €" after an amount of money (currency),
 * else English with no unit. */
char *numfmt_text(int64_t v, unsigned decimals, bool currency,
                  char buf[NUMFMT_BUFSZ]);

#endif
