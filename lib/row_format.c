#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/buf.h"
#include "flashcoop/chain.h"
#include "flashcoop/date.h"
#include "flashcoop/money.h"
#include "flashcoop/row.h"
#include "flashcoop/table.h"

#include "row_internal.h"

/*
 * A row written: its fields in a file's column order, its chain, the
 * text it owns, its id.
 */

/* The digits of any unsigned long long (20) and its '\0', with room. */
#define UINT_BUFSZ 24

/* n in decimal, at least min digits, into buf (UINT_BUFSZ bytes): by hand,
 * since a batch writes millions of them. */
static char *uint_format(char buf[UINT_BUFSZ], unsigned long long n, int min)
{
	char tmp[UINT_BUFSZ], *p = tmp + sizeof tmp;
	int digits = 0;

	*--p = '\0';
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
		digits++;
	} while (n || digits < min);
	memcpy(buf, p, (size_t)(tmp + sizeof tmp - p));
	return buf;
}

/* ---- writing ---- */

/* The fields of en in our column order (COL_*; hours has none of the
 * sale's), as text in bufs. */
struct formatted {
	char date[DATE_BUFSZ], qty[UINT_BUFSZ], price[MONEY_BUFSZ];
	char amount[MONEY_BUFSZ], hours[MONEY_BUFSZ];
	char vat[ROW_RATES_MAX * MONEY_BUFSZ];
	char vat_amount[ROW_RATES_MAX * MONEY_BUFSZ];
	const char *f[COL_N];
};

/* A receipt of several rates: its lists, one space apart. */
static void format_parts(const struct row *en, struct formatted *o)
{
	size_t r = 0, a = 0;

	for (size_t i = 0; i < en->nparts; i++) {
		char v[MONEY_BUFSZ];
		r += (size_t)snprintf(o->vat + r, sizeof o->vat - r, "%s%s",
		                      i ? " " : "",
		                      money_rate_format(en->parts[i].rate, v));
		a += (size_t)snprintf(o->vat_amount + a, sizeof o->vat_amount - a,
		                      "%s%s", i ? " " : "",
		                      money_format(en->parts[i].vat, v));
	}
}

static void format_fields(const struct row *en, struct formatted *o)
{
	bool sale = en->kind == KIND_SALE || (en->kind == KIND_VOID &&
	                                      en->quantity > 0);

	memset(o, 0, sizeof *o);
	o->f[COL_ID] = en->id;
	o->f[COL_DATE] = date_format(en->date, o->date);
	o->f[COL_KIND] = kind_name(en->kind);
	o->f[COL_REF] = en->ref;
	o->f[COL_NOTE] = en->note;
	o->f[COL_ROLE] = en->role ? en->role : "";
	o->f[COL_TERMINAL] = en->terminal;
	o->f[COL_RECORDED_AT] = en->recorded_at ? en->recorded_at : "";
	o->f[COL_CHAIN] = en->chain ? en->chain : "";
	o->f[COL_PARTICIPANT] = en->participant;
	o->f[COL_LOT] = en->lot ? en->lot : "";
	o->f[COL_USES] = en->uses ? en->uses : "";
	o->f[COL_REASON] = en->reason ? en->reason : "";
	if (en->in_production) {
		o->f[COL_PRODUCT] = en->product;
		o->f[COL_QUANTITY] = uint_format(o->qty,
		                                 (unsigned long long)en->quantity, 1);
		return;
	}
	if (en->in_hours) {
		o->f[COL_HOURS] = money_format(en->hours, o->hours);
		return;
	}
	if (sale) {
		uint_format(o->qty, (unsigned long long)en->quantity, 1);
		money_format(en->unit_price, o->price);
	}
	if (en->has_amount)
		money_format(en->amount, o->amount);
	if (en->nparts) {
		format_parts(en, o);
	} else {
		if (en->kind != KIND_COUNT && en->kind != KIND_DEPOSIT &&
		    en->has_vat)
			money_rate_format(en->vat, o->vat);
		if (en->has_vat_amount)
			money_format(en->vat_amount, o->vat_amount);
	}
	o->f[COL_PRODUCT] = en->product;
	o->f[COL_QUANTITY] = o->qty;
	o->f[COL_UNIT_PRICE] = o->price;
	o->f[COL_AMOUNT] = o->amount;
	o->f[COL_VAT_RATE] = o->vat;
	o->f[COL_VAT_AMOUNT] = o->vat_amount;
	o->f[COL_CATEGORY] = en->category;
	o->f[COL_PAYMENT] = payment_name(en->payment);
}

int row_format(struct buf *b, const struct row *en,
                 const struct row_layout *l)
{
	const enum row_col *order = en->in_production ? row_production_cols :
	                            en->in_hours ? row_hours_cols :
	                            row_ledger_cols;
	size_t n = en->in_production ? ROW_NPRODUCTION_COLS :
	           en->in_hours ? ROW_NHOURS_COLS : ROW_NLEDGER_COLS;
	const char *row[TABLE_MAX_COLS];
	struct formatted o;

	format_fields(en, &o);
	if (!l) {
		for (size_t i = 0; i < n; i++)
			row[i] = o.f[order[i]];
		return table_format_row(b, row, n);
	}
	/* In the file's own order: a column it has that we do not know
	 * stays empty; every one of ours is there (row_cols saw to it). */
	if (l->ncols > TABLE_MAX_COLS)
		return -1;
	const int *idx = l->cols.at;
	for (size_t i = 0; i < l->ncols; i++)
		row[i] = "";
	for (size_t i = 0; i < n; i++) {
		/* the columns of row_cols, in enum row_col order */
		/* cppcheck-suppress objectIndex */
		int c = idx[order[i]];
		if (c < 0 && (order[i] >= COL_TERMINAL ||
		              order[i] == COL_VAT_AMOUNT ||
		              order[i] == COL_ROLE || order[i] == COL_LOT))
			continue;  /* a file from before the chain, the books,
			              the attestations, the production */
		if (c < 0 || (size_t)c >= l->ncols)
			return -1;
		row[c] = o.f[order[i]];
	}
	return table_format_row(b, row, l->ncols);
}

int row_layout_fits(const struct row_layout *l, const struct row *en,
                    struct fc_error *e)
{
	if (en->has_vat_amount && l && l->cols.at[COL_VAT_AMOUNT] < 0)
		return fc_fail(e, FC_DATAERR, "ledger.csv has no vat_amount "
		               "column (a ledger from before the books): the "
		               "receipt's VAT cannot be kept there; record the "
		               "charge without it (its VAT is then computed)");
	if (en->lot && *en->lot && l && l->cols.at[COL_LOT] < 0)
		return fc_fail(e, FC_DATAERR, "ledger.csv has no lot column (a "
		               "ledger from before the production): record the "
		               "sale without --lot (the stock report takes it "
		               "from the oldest lots)");
	if (en->role && *en->role && l && l->cols.at[COL_ROLE] < 0)
		return fc_fail(e, FC_DATAERR, "hours.csv has no role column (a "
		               "time sheet from before the attestations): record "
		               "the hours without --role");
	return 0;
}

int row_chain_seal(struct buf *b, size_t start, struct chain *c,
                   char *prev)
{
	char next[CHAIN_HEX];
	size_t len = b->len - start;

	/* "...,recorded_at,\n": the chain covers all but ",\n". */
	if (len < 2 || memcmp(b->p + b->len - 2, ",\n", 2) != 0 ||
	    chain_next(c, prev, b->p + start, len - 2, next) < 0)
		return -1;
	b->len--;
	if (buf_add(b, next, 64) < 0 || buf_add(b, "\n", 1) < 0)
		return -1;
	memcpy(prev, next, CHAIN_HEX);
	return 0;
}

/* ---- owning the text ---- */

int row_own(struct row *en)
{
	const char **s[] = { &en->product, &en->category, &en->ref, &en->note,
	                     &en->role, &en->lot, &en->uses, &en->reason,
	                     &en->recorded_at, &en->chain };
	for (size_t i = 0; i < sizeof s / sizeof *s; i++) {
		char *c = strdup(*s[i] ? *s[i] : "");
		if (!c) {
			for (size_t j = 0; j < i; j++)
				free((char *)*s[j]);
			return -1;
		}
		*s[i] = c;
	}
	en->file = NULL;
	return 0;
}

void row_free(struct row *en)
{
	free((char *)en->product);
	free((char *)en->category);
	free((char *)en->ref);
	free((char *)en->note);
	free((char *)en->role);
	free((char *)en->lot);
	free((char *)en->uses);
	free((char *)en->reason);
	free((char *)en->recorded_at);
	free((char *)en->chain);
	en->product = en->category = en->ref = en->note = en->role = NULL;
	en->lot = en->uses = en->reason = NULL;
	en->recorded_at = en->chain = NULL;
}

/* ---- ids ---- */

void row_id_format(char id[ID_SIZE], char letter, unsigned long long n,
                   const char *suffix)
{
	char digits[UINT_BUFSZ];
	size_t len = strlen(uint_format(digits, n, 5));

	if (len > ID_DIGITS_MAX) /* ids stop at 9999999999, long before */
		len = ID_DIGITS_MAX;
	id[0] = letter;
	memcpy(id + 1, digits, len);
	id[1 + len] = '\0';
	if (suffix && *suffix && strlen(suffix) < TERMINAL_SIZE) {
		id[1 + len] = '-';
		memcpy(id + 2 + len, suffix, strlen(suffix) + 1);
	}
}
