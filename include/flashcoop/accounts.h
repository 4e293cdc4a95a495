/*
 * accounts: the chart of accounts the books use (the French PCG), once:
 * each key's default number and label, what [accounts] in flashcoop.ini
 * may say instead, the VAT account of each rate, the analytic code, and
 * the [accounts] section flashcoop-init writes with the defaults.
 *
 * Keys: sales (701, own products) and sales_resale (707, goods bought for
 * resale: a product says "resale"); vat_collected and vat_deductible (the
 * base of one account per rate: 44571 + the rate's suffix, see
 * accounts_vat); cash 530, bank 512, cheques 5112, cards 5115,
 * other_receipts 5118; cae_current 4671 (the CAE's current account: the
 * opening cash (fond de caisse), what it pays for the group); cash_shortage 658,
 * cash_surplus 758; cae_contribution 6228 and its counterpart on the
 * CAE's own analytic section cae_transfer 7088; salaries 6411,
 * employer_contributions 6451, accrued_pay 4286, accrued_social 4386 (the
 * pay estimate, accrued); charge_CATEGORY for each category of charge,
 * charge_other for the rest.  And analytic (default: the project id),
 * cae_analytic (default: CAE).
 */
#ifndef FLASHCOOP_ACCOUNTS_H
#define FLASHCOOP_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"

struct project;
struct buf;

/* An account number (letters and digits) and its label. */
#define ACCOUNT_NUMBER_SIZE 32
#define ACCOUNT_LABEL_SIZE 128
struct account_ref {
	char number[ACCOUNT_NUMBER_SIZE];
	char label[ACCOUNT_LABEL_SIZE];
};

/* Whether key may be a key of [accounts]: a key of the chart,
 * charge_CATEGORY, vat_collected_RATE or vat_deductible_RATE (RATE as in
 * the catalogue: 5.5), analytic or cae_analytic. */
bool accounts_key_known(const char *key);

/* The account of key: [accounts] first, then the chart; a charge_
 * category without an account of its own is charge_other's.  An unknown
 * key is charge_other's too (never happens: callers pass known keys). */
void accounts_get(const struct project *p, const char *key,
                  struct account_ref *out);

/* The collected (or deductible) VAT account of a rate: [accounts]
 * vat_collected_5.5 when given, else the base account followed by the
 * rate in tenths of a percent on three digits (44571 + 055 for 5.5 %,
 * 200 for 20 %), or in hundredths on four when the rate has them. */
void accounts_vat(const struct project *p, bool collected, int32_t rate,
                  struct account_ref *out);

/* The analytic code of the project's lines, and of the CAE's own. */
const char *accounts_analytic(const struct project *p);
const char *accounts_cae_analytic(const struct project *p);

/* The [accounts] section flashcoop-init writes: every key with its
 * default, commented.  -1 when out of memory. */
int accounts_ini_text(struct buf *b);

#endif
