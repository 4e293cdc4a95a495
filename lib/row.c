#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/buf.h"
#include "flashcoop/chain.h"
#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/i18n.h"
#include "flashcoop/layout.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"

#include "row_internal.h"

static const char *const kinds[] = { "sale", "charge", "count", "void",
                                     "deposit", "hours", "lot", "loss" };
static const char letters[] = "SCKVDHLW";
static const char *const reasons[] = { "eaten", "broken", "given",
                                       "expired", "other" };
static const char *const payments[] = { "", "cash", "card", "cheque",
                                        "transfer", "other" };

const char *kind_name(enum kind k)
{
	return kinds[k];
}

char kind_letter(enum kind k)
{
	return letters[k];
}

int kind_of_letter(char letter)
{
	const char *at = letter ? strchr(letters, letter) : NULL;
	return at ? (int)(at - letters) : -1;
}

enum row_file row_file_of(const struct row *r)
{
	return r->in_production ? ROW_FILE_PRODUCTION :
	       r->in_hours ? ROW_FILE_HOURS : ROW_FILE_LEDGER;
}

const char *row_file_name(enum row_file f)
{
	return f == ROW_FILE_PRODUCTION ? PROJECT_PRODUCTION :
	       f == ROW_FILE_HOURS ? PROJECT_HOURS : PROJECT_LEDGER;
}

int row_loss_reason(const char *s)
{
	for (int i = 0; i < (int)(sizeof reasons / sizeof *reasons); i++)
		if (strcmp(s, reasons[i]) == 0)
			return i;
	return -1;
}

int row_counts_as(const struct row *r)
{
	return r->kind == KIND_VOID ? kind_of_letter(r->ref[0]) : (int)r->kind;
}

const char *payment_name(enum payment p)
{
	return payments[p];
}

/* Every row names its kind and payment: the first letter before the
 * word (no two of a list share theirs, but cash/card/cheque). */
int payment_parse(const char *s)
{
	for (int i = PAY_CASH; i <= PAY_OTHER; i++)
		if (s[0] == payments[i][0] && strcmp(s, payments[i]) == 0)
			return i;
	return -1;
}

static int kind_parse(const char *s)
{
	for (int i = KIND_SALE; i <= KIND_LOSS; i++)
		if (s[0] == kinds[i][0] && strcmp(s, kinds[i]) == 0)
			return i;
	return -1;
}

/* ---- where a message comes from ---- */


static const char *const col_names[] = {
	"id", "date", "kind", "product", "quantity", "unit_price", "amount",
	"vat_rate", "vat_amount", "category", "payment", "participant", "hours", "ref",
	"note", "role", "lot", "uses", "reason", "terminal", "recorded_at",
	"chain"
};

static const char *const col_options[] = {
	"id", "--date", "kind", "--product", "--qty", "--price", "--amount",
	"--vat", "--vat-amount", "--category", "--payment", "--by/--participant", "--hours",
	"--ref", "--note", "--role", "--lot", "--uses", "--reason", "terminal",
	"recorded_at", "chain"
};

/* The columns of each file, in the order we write them (LEDGER_HEADER,
 * HOURS_HEADER): each must be in the file's header. */
const enum row_col row_ledger_cols[] = {
	COL_ID, COL_DATE, COL_KIND, COL_PRODUCT, COL_QUANTITY, COL_UNIT_PRICE,
	COL_AMOUNT, COL_VAT_RATE, COL_CATEGORY, COL_PAYMENT, COL_PARTICIPANT,
	COL_REF, COL_NOTE, COL_VAT_AMOUNT, COL_LOT, COL_TERMINAL,
	COL_RECORDED_AT, COL_CHAIN
};

const enum row_col row_hours_cols[] = {
	COL_ID, COL_DATE, COL_KIND, COL_PARTICIPANT, COL_HOURS, COL_REF,
	COL_NOTE, COL_ROLE, COL_TERMINAL, COL_RECORDED_AT, COL_CHAIN
};

const enum row_col row_production_cols[] = {
	COL_ID, COL_DATE, COL_KIND, COL_PRODUCT, COL_QUANTITY, COL_LOT,
	COL_USES, COL_REASON, COL_REF, COL_NOTE, COL_TERMINAL, COL_RECORDED_AT,
	COL_CHAIN
};

/* The last three are a chained file's: an older file has none of them. */
#define NCHAIN_COLS 3

/* "file:line: column 'c': message", or "--option message" for the
 * command line. */
int row_bad(struct fc_error *e, const struct row *en, enum row_col c,
               const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	if (!en->file)
		return fc_fail(e, FC_DATAERR, "%s %s", col_options[c], msg);
	return fc_fail(e, FC_DATAERR, "%s:%ld: column '%s': %s", en->file,
	               en->line, col_names[c], msg);
}

/* ---- columns ---- */

int row_cols(const struct table_row *h, enum source src,
               struct row_cols *c, struct fc_error *e)
{
	int *idx = c->at;
	const enum row_col *need = NULL;
	size_t nneed = 0;

	for (int i = 0; i < COL_N; i++)
		idx[i] = table_col(h, col_names[i]);
	if (src == FROM_LEDGER) {
		need = row_ledger_cols;
		nneed = ROW_NLEDGER_COLS;
	} else if (src == FROM_HOURS) {
		need = row_hours_cols;
		nneed = ROW_NHOURS_COLS;
	} else if (src == FROM_PRODUCTION) {
		need = row_production_cols;
		nneed = ROW_NPRODUCTION_COLS;
	}
	/* An older file, before the chain, has none of its columns; a
	 * chained one has them all, the chain last. */
	bool chained = nneed && (idx[COL_TERMINAL] >= 0 ||
	                         idx[COL_RECORDED_AT] >= 0 || idx[COL_CHAIN] >= 0);
	if (nneed && !chained)
		nneed -= NCHAIN_COLS;
	for (size_t i = 0; i < nneed; i++)
		if (idx[need[i]] < 0 && need[i] != COL_VAT_AMOUNT &&
		    need[i] != COL_ROLE &&
		    (need[i] != COL_LOT || src != FROM_LEDGER))
			return fc_fail(e, FC_DATAERR, "%s:%ld: no '%s' column in "
			               "the header", h->name, h->line,
			               col_names[need[i]]);
	if (chained && (size_t)idx[COL_CHAIN] != h->ncols - 1)
		return fc_fail(e, FC_DATAERR, "%s:%ld: the 'chain' column is not "
		               "the last of the header", h->name, h->line);
	if (idx[COL_KIND] < 0)
		return fc_fail(e, FC_DATAERR, "%s:%ld: no 'kind' column in the "
		               "header (sale, charge, count, deposit, hours or "
		               "void)",
		               h->name, h->line);
	if (src == FROM_BATCH) {
		/* Catch a misspelt column before it silently means nothing. */
		for (size_t i = 0; i < h->ncols; i++) {
			bool known = false;
			for (int j = 0; j < COL_N && !known; j++)
				known = strcmp(h->col[i], col_names[j]) == 0;
			if (!known)
				return fc_fail(e, FC_DATAERR, "%s:%ld: unknown "
				               "column '%s'", h->name, h->line,
				               h->col[i]);
		}
	}
	return 0;
}

/* ---- values ---- */

/* "P001": a letter and digits. */
static bool id_form(const char *s, char letter, size_t min_digits)
{
	size_t n = 0;
	if (s[0] != letter)
		return false;
	for (s++; *s; s++, n++)
		if (*s < '0' || *s > '9')
			return false;
	return n >= min_digits && n < ID_SIZE - 2;
}

/* The most digits of an id's number: ids stop at 9999999999. */

int row_id_parts(const char *s, struct row_id *out)
{
	size_t digits = 0;
	const char *p = s + 1;

	memset(out, 0, sizeof *out);
	if (!s[0] || !strchr(letters, s[0]))
		return -1;
	out->letter = s[0];
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		out->n = out->n * 10 + (unsigned long long)(*p - '0');
	if (digits == 0 || digits > ID_DIGITS_MAX || out->n == 0)
		return -1;
	if (*p == '\0')
		return 0;
	if (*p != '-' || !terminal_name_valid(p + 1))
		return -1;
	memcpy(out->terminal, p + 1, strlen(p + 1) + 1);
	return 0;
}

static int parse_count(const char *s, int64_t *out)
{
	int64_t v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

static int parse_text(struct fc_error *e, const struct row *en, enum row_col c,
                      const char *v, const char **out)
{
	const char *why = text_problem(v);
	char q[TEXT_QUOTE_SIZE];
	if (why)
		return row_bad(e, en, c, "'%s' %s", text_quote(v, q, sizeof q), why);
	*out = v;
	return 0;
}

/* The kind of a row, and its id (given by the files, by record for a new
 * row). */
static int parse_kind_id(const char *const *f, enum source src,
                         struct row *en, struct fc_error *e)
{
	char q[TEXT_QUOTE_SIZE];
	int k = kind_parse(f[COL_KIND]);

	text_quote(f[COL_KIND], q, sizeof q);
	if (src == FROM_PRODUCTION && k != KIND_LOT && k != KIND_LOSS &&
	    k != KIND_VOID)
		return row_bad(e, en, COL_KIND, "'%s' is not a kind of row here "
		           "(lot, loss or void)", q);
	if (k < 0 || (src == FROM_LEDGER && k == KIND_HOURS) ||
	    (src != FROM_PRODUCTION && src != FROM_CLI && k >= KIND_LOT) ||
	    (src == FROM_HOURS && k != KIND_HOURS && k != KIND_VOID)) {
		if (src == FROM_HOURS)
			return row_bad(e, en, COL_KIND, "'%s' is not a kind of row "
			           "here (hours or void)", q);
		if (src == FROM_LEDGER)
			return row_bad(e, en, COL_KIND, "'%s' is not a kind of row "
			           "here (sale, charge, count, deposit or void)", q);
		return row_bad(e, en, COL_KIND, "'%s' is not a kind of row here "
		           "(sale, charge, count, deposit, hours or void)", q);
	}
	en->kind = (enum kind)k;
	en->in_hours = src == FROM_HOURS || k == KIND_HOURS;
	en->in_production = src == FROM_PRODUCTION || k >= KIND_LOT;
	if (src == FROM_LEDGER || src == FROM_HOURS || src == FROM_PRODUCTION) {
		struct row_id id;
		if (row_id_parts(f[COL_ID], &id) < 0 ||
		    id.letter != kind_letter(en->kind))
			return row_bad(e, en, COL_ID, "'%s' is not a %s id like "
			           "%c00001", text_quote(f[COL_ID], q, sizeof q),
			           kind_name(en->kind), kind_letter(en->kind));
		strcpy(en->id, f[COL_ID]);
	} else if (*f[COL_ID]) {
		return row_bad(e, en, COL_ID, "'%s': ids are given by "
		           "flashcoop-record; leave the column empty or out",
		           text_quote(f[COL_ID], q, sizeof q));
	}
	return 0;
}

/* The date, and the free texts. */
static int parse_date_texts(const char *const *f, enum source src,
                            struct row *en, struct fc_error *e)
{
	char q[TEXT_QUOTE_SIZE];
	int rc;

	if (*f[COL_DATE] && date_parse(f[COL_DATE], &en->date) < 0)
		return row_bad(e, en, COL_DATE, "'%s' is not a date (YYYY-MM-DD)",
		           text_quote(f[COL_DATE], q, sizeof q));
	if (en->date == DATE_NONE && src != FROM_CLI && src != FROM_BATCH)
		return row_bad(e, en, COL_DATE, "the date is missing");
	if ((rc = parse_text(e, en, COL_PRODUCT, f[COL_PRODUCT],
	                     &en->product)) ||
	    (rc = parse_text(e, en, COL_CATEGORY, f[COL_CATEGORY],
	                     &en->category)) ||
	    (rc = parse_text(e, en, COL_REF, f[COL_REF], &en->ref)) ||
	    (rc = parse_text(e, en, COL_NOTE, f[COL_NOTE], &en->note)) ||
	    (rc = parse_text(e, en, COL_ROLE, f[COL_ROLE], &en->role)) ||
	    (rc = parse_text(e, en, COL_LOT, f[COL_LOT], &en->lot)) ||
	    (rc = parse_text(e, en, COL_USES, f[COL_USES], &en->uses)) ||
	    (rc = parse_text(e, en, COL_REASON, f[COL_REASON], &en->reason)))
		return rc;
	return 0;
}

/* The production's own values: a lot's id, the charges a lot used (ids
 * one space apart), a loss's reason. */
static int parse_production(struct row *en, struct fc_error *e)
{
	char q[TEXT_QUOTE_SIZE], buf[1024], *save = NULL;
	struct row_id id;

	if (*en->lot && (row_id_parts(en->lot, &id) < 0 || id.letter != 'L'))
		return row_bad(e, en, COL_LOT, "'%s' is not a lot id like L00001",
		           text_quote(en->lot, q, sizeof q));
	if (*en->reason && row_loss_reason(en->reason) < 0)
		return row_bad(e, en, COL_REASON, "'%s' is not a reason for a loss "
		           "(%s)", text_quote(en->reason, q, sizeof q),
		           ROW_LOSS_REASONS);
	if (strlen(en->uses) >= sizeof buf)
		return row_bad(e, en, COL_USES, "too many charges");
	strcpy(buf, en->uses);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save))
		if (row_id_parts(t, &id) < 0 || id.letter != 'C')
			return row_bad(e, en, COL_USES, "'%s' is not a charge id like "
			           "C00001 (the ids one space apart)",
			           text_quote(t, q, sizeof q));
	return 0;
}

/* A receipt's list of rates (rates true) or of the VAT of each, one
 * space apart: the rates set en->nparts and en->vat (the first); the
 * amounts must be as many, and set en->vat_amount (their sum).  -1 when
 * it is no such list. */
static int parse_list(const char *s, bool rates, struct row *en)
{
	char buf[256], *save = NULL;
	size_t n = 0;
	int64_t sum = 0;

	if (strlen(s) >= sizeof buf)
		return -1;
	strcpy(buf, s);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save), n++) {
		if (n == ROW_RATES_MAX)
			return -1;
		if (rates && money_rate_parse(t, &en->parts[n].rate) < 0)
			return -1;
		if (!rates && (money_parse(t, &en->parts[n].vat) < 0 ||
		               money_add(sum, en->parts[n].vat, &sum) < 0))
			return -1;
	}
	if (rates) {
		if (n < 2)
			return -1;
		en->nparts = n;
		en->vat = en->parts[0].rate;
		return 0;
	}
	if (n != en->nparts)
		return -1;
	en->vat_amount = sum;
	return 0;
}

/* The numbers: quantity, unit price, amount, VAT rate, hours. */
static int parse_numbers(const char *const *f, struct row *en,
                         struct fc_error *e)
{
	char q[TEXT_QUOTE_SIZE];

	if (*f[COL_QUANTITY] && (parse_count(f[COL_QUANTITY], &en->quantity) < 0 ||
	                         en->quantity < 1))
		return row_bad(e, en, COL_QUANTITY, "'%s' is not a whole quantity "
		           "of 1 or more", text_quote(f[COL_QUANTITY], q, sizeof q));
	if ((en->has_price = *f[COL_UNIT_PRICE]) &&
	    money_parse(f[COL_UNIT_PRICE], &en->unit_price) < 0)
		return row_bad(e, en, COL_UNIT_PRICE, "'%s' is not an amount like "
		           "12.50", text_quote(f[COL_UNIT_PRICE], q, sizeof q));
	if ((en->has_amount = *f[COL_AMOUNT]) &&
	    money_parse(f[COL_AMOUNT], &en->amount) < 0)
		return row_bad(e, en, COL_AMOUNT, "'%s' is not an amount like 12.50",
		           text_quote(f[COL_AMOUNT], q, sizeof q));
	if ((en->has_vat = *f[COL_VAT_RATE]) &&
	    money_rate_parse(f[COL_VAT_RATE], &en->vat) < 0 &&
	    (!strchr(f[COL_VAT_RATE], ' ') ||
	     parse_list(f[COL_VAT_RATE], true, en) < 0))
		return row_bad(e, en, COL_VAT_RATE, "'%s' is not a VAT rate from 0 "
		           "to 100 (nor, for a receipt of several rates, up to "
		           "%d of them one space apart)",
		           text_quote(f[COL_VAT_RATE], q, sizeof q), ROW_RATES_MAX);
	/* a receipt of several rates: one amount a rate, never one for all */
	if ((en->has_vat_amount = *f[COL_VAT_AMOUNT]) &&
	    (en->nparts ? parse_list(f[COL_VAT_AMOUNT], false, en) < 0 :
	     money_parse(f[COL_VAT_AMOUNT], &en->vat_amount) < 0))
		return row_bad(e, en, COL_VAT_AMOUNT, "'%s' is not an amount like "
		           "0.52 (nor, for a receipt of several rates, one amount "
		           "a rate, one space apart)",
		           text_quote(f[COL_VAT_AMOUNT], q, sizeof q));
	if (en->nparts && !en->has_vat_amount)
		return row_bad(e, en, COL_VAT_AMOUNT, "a receipt of %zu VAT rates "
		           "gives the VAT of each (vat_amount, --vat-amount)",
		           en->nparts);
	if (*f[COL_HOURS] && (money_parse(f[COL_HOURS], &en->hours) < 0 ||
	                      en->hours <= 0 || en->hours > HOURS_DAY_MAX))
		return row_bad(e, en, COL_HOURS, "'%s' is not a number of hours "
		           "above 0 and at most 24, with at most two decimals",
		           text_quote(f[COL_HOURS], q, sizeof q));
	return 0;
}

/* The payment method and the participant. */
static int parse_payment_who(const char *const *f, struct row *en,
                             struct fc_error *e)
{
	char q[TEXT_QUOTE_SIZE];

	if (*f[COL_PAYMENT]) {
		int pay = payment_parse(f[COL_PAYMENT]);
		if (pay < 0)
			return row_bad(e, en, COL_PAYMENT, "'%s' is not a payment "
			           "method (cash, card, cheque, transfer, other)",
			           text_quote(f[COL_PAYMENT], q, sizeof q));
		en->payment = (enum payment)pay;
	}
	if (*f[COL_PARTICIPANT]) {
		if (!id_form(f[COL_PARTICIPANT], 'P', 3))
			return row_bad(e, en, COL_PARTICIPANT, "'%s' is not a "
			           "participant id like P001",
			           text_quote(f[COL_PARTICIPANT], q, sizeof q));
		strcpy(en->participant, f[COL_PARTICIPANT]);
	}
	return 0;
}

/* A chained file's own columns: all three or none (a row from before the
 * chain); an id's terminal is the row's.  A new row gets them when it is
 * written. */
static int parse_chain(const char *const *f, enum source src,
                       struct row *en, struct fc_error *e)
{
	char q[TEXT_QUOTE_SIZE], q2[TEXT_QUOTE_SIZE];
	int given = !!*f[COL_TERMINAL] + !!*f[COL_RECORDED_AT] +
	            !!*f[COL_CHAIN];

	en->recorded_at = en->chain = "";
	for (int c = COL_TERMINAL; c <= COL_CHAIN; c++)
		if (src != FROM_LEDGER && src != FROM_HOURS &&
		    src != FROM_PRODUCTION && *f[c])
			return row_bad(e, en, (enum row_col)c, "'%s': given by "
			           "flashcoop-record; leave the column empty or "
			           "out", text_quote(f[c], q, sizeof q));
	if (!given)
		return 0;
	if (!terminal_name_valid(f[COL_TERMINAL]))
		return row_bad(e, en, COL_TERMINAL, "'%s' is not a terminal's name",
		           text_quote(f[COL_TERMINAL], q, sizeof q));
	if (!date_stamp_valid(f[COL_RECORDED_AT], NULL))
		return row_bad(e, en, COL_RECORDED_AT, "'%s' is not a time such as "
		           "2026-05-09T16:42:07+02:00",
		           text_quote(f[COL_RECORDED_AT], q, sizeof q));
	/* Its digits are the history's to check: a chain not of hex never
	 * equals the SHA-256 computed (parsing every row's twice would cost
	 * a report a tenth of its time). */
	if (strnlen(f[COL_CHAIN], CHAIN_HEX) != CHAIN_HEX - 1)
		return row_bad(e, en, COL_CHAIN, "'%s' is not a chain (64 lowercase "
		           "hex digits)", text_quote(f[COL_CHAIN], q, sizeof q));
	/* An id's name is checked by row_id_parts: its terminal's, after
	 * the '-'. */
	const char *dash = strchr(en->id, '-');
	if (dash && strcmp(dash + 1, f[COL_TERMINAL]) != 0)
		return row_bad(e, en, COL_ID, "%s is an id of terminal %s, not of "
		           "%s", en->id, text_quote(dash + 1, q, sizeof q),
		           text_quote(f[COL_TERMINAL], q2, sizeof q2));
	strcpy(en->terminal, f[COL_TERMINAL]);
	en->recorded_at = f[COL_RECORDED_AT];
	en->chain = f[COL_CHAIN];
	return 0;
}

/* What each kind needs, in the files; new rows are completed and checked
 * by row_check. */
static int file_needs(const struct row *en, struct fc_error *e)
{
	if (en->kind == KIND_VOID && !*en->ref)
		return row_bad(e, en, COL_REF, "a void names the id it voids");
	if (en->in_production) {
		if (!*en->product)
			return row_bad(e, en, COL_PRODUCT, "the product is missing");
		if (!en->quantity)
			return row_bad(e, en, COL_QUANTITY, "the quantity is "
			           "missing");
		if (en->kind == KIND_LOSS && !*en->reason)
			return row_bad(e, en, COL_REASON, "a loss gives its reason "
			           "(%s)", ROW_LOSS_REASONS);
		return 0;
	}
	if (en->in_hours && !*en->participant)
		return row_bad(e, en, COL_PARTICIPANT, "hours need a participant");
	if (en->in_hours && !en->hours)
		return row_bad(e, en, COL_HOURS, "the hours are missing");
	if (!en->in_hours && !en->has_amount)
		return row_bad(e, en, COL_AMOUNT, "the amount is missing");
	return 0;
}

int row_parse(const struct table_row *r, const struct row_cols *c,
              enum source src, struct row *en, struct fc_error *e)
{
	const char *f[COL_N];
	int rc;

	memset(en, 0, sizeof *en);
	en->file = src == FROM_CLI ? NULL : r->name;
	en->line = r->line;
	en->date = DATE_NONE;
	for (int i = 0; i < COL_N; i++)
		f[i] = table_get(r, c->at[i]);
	en->product = en->category = en->ref = en->note = en->role = "";
	en->lot = en->uses = en->reason = "";
	if ((rc = parse_kind_id(f, src, en, e)) ||
	    (rc = parse_date_texts(f, src, en, e)) ||
	    (rc = parse_numbers(f, en, e)) ||
	    (rc = parse_payment_who(f, en, e)) ||
	    (rc = parse_chain(f, src, en, e)) ||
	    (rc = parse_production(en, e)))
		return rc;
	if (src == FROM_LEDGER || src == FROM_HOURS || src == FROM_PRODUCTION)
		return file_needs(en, e);
	return 0;
}
