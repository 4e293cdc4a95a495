/*
 * money: amounts as int64_t cents, rates as int32_t hundredths of a percent.
 *
 * Parsing accepts "12", "12.5", "12.50" and "12,50": digits, then at most
 * two decimals after one dot or comma.  Everything else is refused: signs,
 * exponents, spaces, units, thousands separators, an empty string, a bare
 * separator.  Arithmetic is checked: a result that does not fit is an error,
 * never a wrapped number.  Rounding is half-up (half away from zero).
 */
#ifndef FLASHCOOP_MONEY_H
#define FLASHCOOP_MONEY_H

#include <stddef.h>
#include <stdint.h>

#define MONEY_BUFSZ 32

/* "12,50" -> 1250.  0 on success, -1 on a bad form or an overflow. */
int money_parse(const char *s, int64_t *cents);

/* 1250 -> "12.50", -300 -> "-3.00".  Returns buf. */
char *money_format(int64_t cents, char buf[MONEY_BUFSZ]);

/* "5.5" -> 550, "20" -> 2000: a rate in hundredths of a percent, in
 * [0, 100] percent.  0 on success, -1 otherwise. */
int money_rate_parse(const char *s, int32_t *hundredths);

/* 550 -> "5.5", 2000 -> "20", 1234 -> "12.34". */
char *money_rate_format(int32_t hundredths, char buf[MONEY_BUFSZ]);

/* Checked arithmetic: 0 on success, -1 when the result does not fit. */
int money_add(int64_t a, int64_t b, int64_t *out);
int money_sub(int64_t a, int64_t b, int64_t *out);
int money_mul(int64_t a, int64_t b, int64_t *out);

/* *sum += v (sign > 0) or -= v (sign < 0), checked: the one way figures
 * are added up as rows (and their voids) stream by. */
int money_accumulate(int64_t *sum, int sign, int64_t v);

/* An amount that includes a rate (hundredths of a percent), without it:
 * round(v x 10000 / (10000 + rate)), half up.  Before VAT from incl. VAT
 * (SPEC §4), gross pay from the employer's cost.  -1 when it does not fit. */
int money_without_rate(int64_t v, int32_t rate, int64_t *out);

/* rate (hundredths of a percent) of v: round(v x rate / 10000), half up.
 * The CAE's contribution, employee contributions.  -1 when it does not
 * fit. */
int money_percent(int64_t v, int32_t rate, int64_t *out);

/* round(a * b / c), half away from zero, c > 0; -1 when it does not fit. */
int money_muldiv(int64_t a, int64_t b, int64_t c, int64_t *out);

/*
 * Split total (>= 0) into n parts proportional to weights (each >= 0, not
 * all 0) by the largest-remainder method: each part gets the floor of its
 * exact share, then the cents left go one each to the largest remainders,
 * ties to the lower index.  The parts add up to total.  -1 on bad input.
 */
int money_allocate(int64_t total, const int64_t *weights, size_t n,
                   int64_t *parts);

#endif
