#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/store.h"
#include "flashcoop/table.h"
#include "flashcoop/text.h"

static const char *const kinds[] = { "sale", "charge", "count", "void",
                                     "hours" };
static const char letters[] = "SCKVH";
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

int row_counts_as(const struct row *r)
{
	return r->kind == KIND_VOID ? kind_of_letter(r->ref[0]) : (int)r->kind;
}

const char *payment_name(enum payment p)
{
	return payments[p];
}

int payment_parse(const char *s)
{
	for (int i = PAY_CASH; i <= PAY_OTHER; i++)
		if (strcmp(s, payments[i]) == 0)
			return i;
	return -1;
}

static int kind_parse(const char *s)
{
	for (int i = KIND_SALE; i <= KIND_HOURS; i++)
		if (strcmp(s, kinds[i]) == 0)
			return i;
	return -1;
}

/* ---- where a message comes from ---- */

enum col { COL_ID, COL_DATE, COL_KIND, COL_PRODUCT, COL_QUANTITY,
           COL_UNIT_PRICE, COL_AMOUNT, COL_VAT_RATE, COL_CATEGORY,
           COL_PAYMENT, COL_PARTICIPANT, COL_HOURS, COL_REF, COL_NOTE };

static const char *const col_names[] = {
	"id", "date", "kind", "product", "quantity", "unit_price", "amount",
	"vat_rate", "category", "payment", "participant", "hours", "ref",
	"note"
};

static const char *const col_options[] = {
	"id", "--date", "kind", "--product", "--qty", "--price", "--amount",
	"--vat", "--category", "--payment", "--by/--participant", "--hours",
	"--ref", "--note"
};

/* "file:line: column 'c': message", or "--option: message" for the
 * command line. */
static int bad(struct fc_error *e, const struct row *en, enum col c,
               const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int bad(struct fc_error *e, const struct row *en, enum col c,
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
	int *idx = &c->id;
	static const enum col ledger_need[] = {
		COL_ID, COL_DATE, COL_KIND, COL_PRODUCT, COL_QUANTITY,
		COL_UNIT_PRICE, COL_AMOUNT, COL_VAT_RATE, COL_CATEGORY,
		COL_PAYMENT, COL_PARTICIPANT, COL_REF, COL_NOTE
	};
	static const enum col hours_need[] = {
		COL_ID, COL_DATE, COL_KIND, COL_PARTICIPANT, COL_HOURS, COL_REF,
		COL_NOTE
	};
	const enum col *need = NULL;
	size_t nneed = 0;

	for (int i = 0; i <= COL_NOTE; i++)
		idx[i] = table_col(h, col_names[i]);
	if (src == FROM_LEDGER) {
		need = ledger_need;
		nneed = sizeof ledger_need / sizeof *ledger_need;
	} else if (src == FROM_HOURS) {
		need = hours_need;
		nneed = sizeof hours_need / sizeof *hours_need;
	}
	for (size_t i = 0; i < nneed; i++)
		if (idx[need[i]] < 0)
			return fc_fail(e, FC_DATAERR, "%s:%ld: no '%s' column in "
			               "the header", h->name, h->line,
			               col_names[need[i]]);
	if (idx[COL_KIND] < 0)
		return fc_fail(e, FC_DATAERR, "%s:%ld: no 'kind' column in the "
		               "header (sale, charge, count, hours or void)",
		               h->name, h->line);
	if (src == FROM_BATCH) {
		/* Catch a misspelt column before it silently means nothing. */
		for (size_t i = 0; i < h->ncols; i++) {
			bool known = false;
			for (int j = 0; j <= COL_NOTE && !known; j++)
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

/* "P001", "S00042": a letter and digits. */
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

static int parse_text(struct fc_error *e, const struct row *en, enum col c,
                      const char *v, const char **out)
{
	const char *why = text_problem(v);
	char q[TEXT_QUOTE_SIZE];
	if (why)
		return bad(e, en, c, "'%s' %s", text_quote(v, q, sizeof q), why);
	*out = v;
	return 0;
}

int row_parse(const struct table_row *r, const struct row_cols *c,
                enum source src, struct row *en, struct fc_error *e)
{
	const int *idx = &c->id;
	const char *f[COL_NOTE + 1];
	char q[TEXT_QUOTE_SIZE];
	int k, rc;

	memset(en, 0, sizeof *en);
	en->file = src == FROM_CLI ? NULL : r->name;
	en->line = r->line;
	en->date = DATE_NONE;
	for (int i = 0; i <= COL_NOTE; i++)
		f[i] = table_get(r, idx[i]);
	en->product = en->category = en->ref = en->note = "";

	k = kind_parse(f[COL_KIND]);
	if (k < 0 || (src == FROM_LEDGER && k == KIND_HOURS) ||
	    (src == FROM_HOURS && k != KIND_HOURS && k != KIND_VOID))
		return src == FROM_HOURS ?
		       bad(e, en, COL_KIND, "'%s' is not a kind of row here "
		           "(hours or void)", text_quote(f[COL_KIND], q, sizeof q)) :
		       src == FROM_LEDGER ?
		       bad(e, en, COL_KIND, "'%s' is not a kind of row here "
		           "(sale, charge, count or void)",
		           text_quote(f[COL_KIND], q, sizeof q)) :
		       bad(e, en, COL_KIND, "'%s' is not a kind of row here "
		           "(sale, charge, count, hours or void)",
		           text_quote(f[COL_KIND], q, sizeof q));
	en->kind = (enum kind)k;
	en->in_hours = src == FROM_HOURS || k == KIND_HOURS;

	if (src == FROM_LEDGER || src == FROM_HOURS) {
		if (!id_form(f[COL_ID], kind_letter(en->kind), 1))
			return bad(e, en, COL_ID, "'%s' is not a %s id like "
			           "%c00001", text_quote(f[COL_ID], q, sizeof q),
			           kind_name(en->kind), kind_letter(en->kind));
		strcpy(en->id, f[COL_ID]);
	} else if (*f[COL_ID]) {
		return bad(e, en, COL_ID, "'%s': ids are given by "
		           "flashcoop-record; leave the column empty or out",
		           text_quote(f[COL_ID], q, sizeof q));
	}

	if (*f[COL_DATE] && date_parse(f[COL_DATE], &en->date) < 0)
		return bad(e, en, COL_DATE, "'%s' is not a date (YYYY-MM-DD)",
		           text_quote(f[COL_DATE], q, sizeof q));
	if (en->date == DATE_NONE && src != FROM_CLI && src != FROM_BATCH)
		return bad(e, en, COL_DATE, "the date is missing");

	if ((rc = parse_text(e, en, COL_PRODUCT, f[COL_PRODUCT],
	                     &en->product)) ||
	    (rc = parse_text(e, en, COL_CATEGORY, f[COL_CATEGORY],
	                     &en->category)) ||
	    (rc = parse_text(e, en, COL_REF, f[COL_REF], &en->ref)) ||
	    (rc = parse_text(e, en, COL_NOTE, f[COL_NOTE], &en->note)))
		return rc;
	if (*f[COL_QUANTITY] && (parse_count(f[COL_QUANTITY], &en->quantity) < 0 ||
	                         en->quantity < 1))
		return bad(e, en, COL_QUANTITY, "'%s' is not a whole quantity "
		           "of 1 or more", text_quote(f[COL_QUANTITY], q, sizeof q));
	if ((en->has_price = *f[COL_UNIT_PRICE]) &&
	    money_parse(f[COL_UNIT_PRICE], &en->unit_price) < 0)
		return bad(e, en, COL_UNIT_PRICE, "'%s' is not an amount like "
		           "12.50", text_quote(f[COL_UNIT_PRICE], q, sizeof q));
	if ((en->has_amount = *f[COL_AMOUNT]) &&
	    money_parse(f[COL_AMOUNT], &en->amount) < 0)
		return bad(e, en, COL_AMOUNT, "'%s' is not an amount like 12.50",
		           text_quote(f[COL_AMOUNT], q, sizeof q));
	if ((en->has_vat = *f[COL_VAT_RATE]) &&
	    money_rate_parse(f[COL_VAT_RATE], &en->vat) < 0)
		return bad(e, en, COL_VAT_RATE, "'%s' is not a VAT rate from 0 "
		           "to 100", text_quote(f[COL_VAT_RATE], q, sizeof q));
	if (*f[COL_PAYMENT]) {
		int pay = payment_parse(f[COL_PAYMENT]);
		if (pay < 0)
			return bad(e, en, COL_PAYMENT, "'%s' is not a payment "
			           "method (cash, card, cheque, transfer, other)",
			           text_quote(f[COL_PAYMENT], q, sizeof q));
		en->payment = (enum payment)pay;
	}
	if (*f[COL_PARTICIPANT]) {
		if (!id_form(f[COL_PARTICIPANT], 'P', 3))
			return bad(e, en, COL_PARTICIPANT, "'%s' is not a "
			           "participant id like P001",
			           text_quote(f[COL_PARTICIPANT], q, sizeof q));
		strcpy(en->participant, f[COL_PARTICIPANT]);
	}
	if (*f[COL_HOURS] && (money_parse(f[COL_HOURS], &en->hours) < 0 ||
	                      en->hours <= 0 || en->hours > 2400))
		return bad(e, en, COL_HOURS, "'%s' is not a number of hours "
		           "above 0 and at most 24, with at most two decimals",
		           text_quote(f[COL_HOURS], q, sizeof q));

	/* What each kind needs, in the files; new rows are completed and
	 * checked by row_check. */
	if (src == FROM_LEDGER || src == FROM_HOURS) {
		if (en->kind == KIND_VOID && !*en->ref)
			return bad(e, en, COL_REF, "a void names the id it voids");
		if (en->in_hours && !*en->participant)
			return bad(e, en, COL_PARTICIPANT, "hours need a "
			           "participant");
		if (en->in_hours && !en->hours)
			return bad(e, en, COL_HOURS, "the hours are missing");
		if (!en->in_hours && !en->has_amount)
			return bad(e, en, COL_AMOUNT, "the amount is missing");
	}
	return 0;
}

/* ---- checks against the project ---- */

static int check_participant(const struct participants *ps,
                             const struct row *en, struct fc_error *e)
{
	const struct participant *p = participants_find(ps, en->participant);
	char d[DATE_BUFSZ], d2[DATE_BUFSZ];

	if (!p)
		return bad(e, en, COL_PARTICIPANT, "no participant %s is "
		           "enrolled", en->participant);
	if (en->date < p->enrolled)
		return bad(e, en, COL_PARTICIPANT, "%s is enrolled from %s, not "
		           "on %s", p->id, date_format(p->enrolled, d),
		           date_format(en->date, d2));
	if (!participant_active(p, en->date))
		return bad(e, en, COL_PARTICIPANT, "%s withdrew on %s, before "
		           "%s", p->id, date_format(p->withdrawn, d),
		           date_format(en->date, d2));
	return 0;
}

static int check_sale(const struct project *p, struct row *en,
                      struct fc_error *e)
{
	const struct product *pr;
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	int64_t amount;

	if (!*en->product)
		return bad(e, en, COL_PRODUCT, "a sale names its product");
	if (!en->quantity)
		return bad(e, en, COL_QUANTITY, "a sale gives its quantity");
	pr = project_product(p, en->product);
	if (pr)
		en->product = pr->name; /* the catalogue's spelling */
	if (pr && (!en->has_price || !en->has_vat)) {
		if (!en->has_price)
			en->unit_price = pr->price;
		if (!en->has_vat)
			en->vat = pr->vat;
		en->has_price = en->has_vat = true;
	}
	if (!p->vat && !en->has_vat)
		en->has_vat = true; /* vat = no: rate 0 */
	if (!en->has_price || !en->has_vat)
		return bad(e, en, COL_PRODUCT, "'%s' is not in the catalogue of "
		           "flashcoop.ini: give its price and VAT rate",
		           en->product);
	if (money_mul(en->quantity, en->unit_price, &amount) < 0)
		return bad(e, en, COL_AMOUNT, "quantity x unit price is too "
		           "large");
	if (en->has_amount && en->amount != amount)
		return bad(e, en, COL_AMOUNT, "%s is not quantity x unit price "
		           "= %s", money_format(en->amount, a),
		           money_format(amount, b));
	en->amount = amount;
	en->has_amount = true;
	if (!en->payment)
		en->payment = PAY_CASH;
	return 0;
}

/* A value in a column the row's kind has no use for is refused rather
 * than dropped: it is a sign of a shifted or misread row. */
static int unused_columns(const struct row *en, struct fc_error *e)
{
	bool sale = en->kind == KIND_SALE, charge = en->kind == KIND_CHARGE;
	bool money = sale || charge || en->kind == KIND_COUNT;
	const char *k = kind_name(en->kind);

	if (!sale && *en->product)
		return bad(e, en, COL_PRODUCT, "a %s has no product", k);
	if (!sale && en->quantity)
		return bad(e, en, COL_QUANTITY, "a %s has no quantity", k);
	if (!sale && en->has_price)
		return bad(e, en, COL_UNIT_PRICE, "a %s has no unit price", k);
	if (!charge && *en->category)
		return bad(e, en, COL_CATEGORY, "a %s has no category", k);
	if (!money && en->has_amount)
		return bad(e, en, COL_AMOUNT, "%s have no amount", k);
	if ((!sale && !charge) && en->has_vat)
		return bad(e, en, COL_VAT_RATE, "a %s has no VAT rate", k);
	if (!money && en->payment)
		return bad(e, en, COL_PAYMENT, "%s have no payment", k);
	if (!sale && en->kind != KIND_HOURS && *en->participant)
		return bad(e, en, COL_PARTICIPANT, "a %s has no participant", k);
	if (en->kind != KIND_HOURS && en->hours)
		return bad(e, en, COL_HOURS, "a %s has no hours", k);
	return 0;
}

int row_check(const struct project *p, const struct participants *ps,
                struct row *en, struct fc_error *e)
{
	char d[DATE_BUFSZ], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	int rc;

	if (en->kind != KIND_VOID && (rc = unused_columns(en, e)))
		return rc;

	if (en->date == DATE_NONE)
		en->date = date_today();
	if (en->date < p->start || en->date > p->end)
		return bad(e, en, COL_DATE, "%s is outside the project's period "
		           "(%s to %s)", date_format(en->date, d),
		           date_format(p->start, d1), date_format(p->end, d2));
	switch (en->kind) {
	case KIND_SALE:
		if ((rc = check_sale(p, en, e)))
			return rc;
		break;
	case KIND_CHARGE:
		if (!en->has_amount || en->amount == 0)
			return bad(e, en, COL_AMOUNT, "a charge needs an amount "
			           "above 0");
		if (!*en->category)
			return bad(e, en, COL_CATEGORY, "a charge needs a category "
			           "(ingredients, packaging, stand, transport, "
			           "communication, other...)");
		if (!en->has_vat)
			en->vat = 0; /* no VAT recovered unless it is stated */
		en->has_vat = true;
		if (!en->payment)
			en->payment = PAY_OTHER;
		break;
	case KIND_COUNT:
		if (!en->has_amount)
			return bad(e, en, COL_AMOUNT, "a count gives the cash "
			           "counted");
		if (en->payment && en->payment != PAY_CASH)
			return bad(e, en, COL_PAYMENT, "a count is of cash");
		en->payment = PAY_CASH;
		break;
	case KIND_HOURS:
		if (!*en->participant)
			return bad(e, en, COL_PARTICIPANT, "hours need a "
			           "participant");
		if (!en->hours)
			return bad(e, en, COL_HOURS, "the hours are missing");
		break;
	case KIND_VOID:
		if (!*en->ref)
			return bad(e, en, COL_REF, "a void names the id it voids");
		return 0;
	}
	if (*en->participant && (rc = check_participant(ps, en, e)))
		return rc;
	return 0;
}

void row_void_of(struct row *v, const struct row *t, const char *reason)
{
	*v = *t;
	v->id[0] = '\0';
	v->kind = KIND_VOID;
	v->ref = t->id;
	v->note = reason;
}

/* n in decimal, at least min digits, into buf (24 bytes): by hand, since
 * a batch writes millions of them. */
static char *uint_format(char buf[24], unsigned long long n, int min)
{
	char tmp[24], *p = tmp + sizeof tmp;
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
	char date[DATE_BUFSZ], qty[24], price[MONEY_BUFSZ], amount[MONEY_BUFSZ],
	     vat[MONEY_BUFSZ], hours[MONEY_BUFSZ];
	const char *f[COL_NOTE + 1];
};

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
	o->f[COL_PARTICIPANT] = en->participant;
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
	if (en->kind != KIND_COUNT && en->has_vat)
		money_rate_format(en->vat, o->vat);
	o->f[COL_PRODUCT] = en->product;
	o->f[COL_QUANTITY] = o->qty;
	o->f[COL_UNIT_PRICE] = o->price;
	o->f[COL_AMOUNT] = o->amount;
	o->f[COL_VAT_RATE] = o->vat;
	o->f[COL_CATEGORY] = en->category;
	o->f[COL_PAYMENT] = payment_name(en->payment);
}

int row_format(struct buf *b, const struct row *en,
                 const struct row_layout *l)
{
	static const enum col ledger[] = {
		COL_ID, COL_DATE, COL_KIND, COL_PRODUCT, COL_QUANTITY,
		COL_UNIT_PRICE, COL_AMOUNT, COL_VAT_RATE, COL_CATEGORY,
		COL_PAYMENT, COL_PARTICIPANT, COL_REF, COL_NOTE
	};
	static const enum col hours[] = {
		COL_ID, COL_DATE, COL_KIND, COL_PARTICIPANT, COL_HOURS, COL_REF,
		COL_NOTE
	};
	const enum col *order = en->in_hours ? hours : ledger;
	size_t n = en->in_hours ? sizeof hours / sizeof *hours :
	           sizeof ledger / sizeof *ledger;
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
	const int *idx = &l->cols.id;
	for (size_t i = 0; i < l->ncols; i++)
		row[i] = "";
	for (size_t i = 0; i < n; i++) {
		/* the columns of row_cols, in enum col order */
		/* cppcheck-suppress objectIndex */
		int c = idx[order[i]];
		if (c < 0 || (size_t)c >= l->ncols)
			return -1;
		row[c] = o.f[order[i]];
	}
	return table_format_row(b, row, l->ncols);
}

/* ---- owning the text ---- */

int row_own(struct row *en)
{
	const char **s[] = { &en->product, &en->category, &en->ref, &en->note };
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
	en->product = en->category = en->ref = en->note = NULL;
}

/* ---- reading the files ---- */

struct reading {
	enum source src;
	struct row_cols cols;
	row_fn fn;
	void *ctx;
};

static int read_row(void *ctx, const struct table_row *r, struct fc_error *e)
{
	struct reading *rd = ctx;
	struct row en;
	int rc;

	if (r->header)
		return row_cols(r, rd->src, &rd->cols, e);
	if ((rc = row_parse(r, &rd->cols, rd->src, &en, e)))
		return rc;
	return rd->fn(rd->ctx, &en, e);
}

int rows_read(const char *dir, int files, row_fn fn, void *ctx,
                 struct fc_error *e)
{
	static const struct { int flag; const char *file; enum source src; }
	which[] = {
		{ ROWS_LEDGER, PROJECT_LEDGER, FROM_LEDGER },
		{ ROWS_HOURS, PROJECT_HOURS, FROM_HOURS },
	};
	char path[PATH_MAX], shown[PATH_MAX + 32];
	int rc;

	for (size_t i = 0; i < 2; i++) {
		struct reading rd = { which[i].src, { 0 }, fn, ctx };
		if (!(files & which[i].flag))
			continue;
		if (project_path(dir, which[i].file, path, sizeof path) < 0)
			return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
		rc = store_table(path, project_shown(dir, which[i].file, shown,
		                                     sizeof shown),
		                 TABLE_FINAL_NEWLINE | TABLE_PROJECT, read_row, &rd,
		                 e);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- ids ---- */

void row_id_format(char id[ID_SIZE], char letter, unsigned long long n)
{
	char digits[24];
	size_t len = strlen(uint_format(digits, n, 5));

	if (len > ID_SIZE - 2) /* ids stop at 9999999999, long before */
		len = ID_SIZE - 2;
	id[0] = letter;
	memcpy(id + 1, digits, len);
	id[1 + len] = '\0';
}

int row_id_next(char *id, struct fc_error *e)
{
	char *end;
	unsigned long long n = strtoull(id + 1, &end, 10);
	if (n >= 9999999999ULL)
		return fc_fail(e, FC_DATAERR, "no %c id left", id[0]);
	snprintf(id + 1, ID_SIZE - 1, "%05llu", n + 1);
	return 0;
}

/* Count the lines of a file, for a message about its last one. */
static long count_lines(int fd)
{
	char chunk[65536];
	ssize_t n;
	long lines = 1;
	off_t off = 0;

	while ((n = pread(fd, chunk, sizeof chunk, off)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			lines += chunk[i] == '\n';
		off += n;
	}
	return lines;
}

/* 1 when line holds an id of kind letter in column idcol (its number in
 * *num), 0 when not, -1 when out of memory. */
static int line_id(const char *line, size_t len, int idcol, char letter,
                   unsigned long long *num)
{
	char *fields[TABLE_MAX_COLS], *fbuf = malloc(len + 1);
	int nf, found = 0;

	if (!fbuf)
		return -1;
	nf = table_split_line(line, len, fields, TABLE_MAX_COLS, fbuf, len + 1);
	if (nf > idcol && fields[idcol][0] == letter) {
		*num = strtoull(fields[idcol] + 1, NULL, 10);
		found = 1;
	}
	free(fbuf);
	return found;
}

/* The columns of a file, from its header line (a BOM before it is read
 * past, as table_read_fd does). */
static int header_layout(int fd, const char *name, bool hours,
                         struct row_layout *l, struct fc_error *e)
{
	char chunk[65536], hbuf[sizeof chunk], *fields[TABLE_MAX_COLS], *nl, *h;
	ssize_t n = pread(fd, chunk, sizeof chunk - 1, 0);
	struct table_row row = { 0 };
	int nf;

	if (n < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot read", name);
	chunk[n] = '\0';
	h = n >= 3 && memcmp(chunk, "\xef\xbb\xbf", 3) == 0 ? chunk + 3 : chunk;
	if (!(nl = memchr(h, '\n', (size_t)(chunk + n - h))))
		return fc_fail(e, FC_DATAERR, "%s:1: no header line", name);
	nf = table_split_line(h, (size_t)(nl - h), fields, TABLE_MAX_COLS, hbuf,
	                      sizeof hbuf);
	if (nf < 0)
		return fc_fail(e, FC_DATAERR, "%s:1: the header is not a CSV line",
		               name);
	row.name = name;
	row.line = 1;
	row.header = true;
	row.n = row.ncols = (size_t)nf;
	row.field = row.col = fields;
	l->ncols = (size_t)nf;
	return row_cols(&row, hours ? FROM_HOURS : FROM_LEDGER, &l->cols, e);
}

/* The number of the last id of kind letter in an open file, 0 when the
 * file has none: lines are read backwards from the end, in windows. */
static int last_number(int fd, const char *name, int idcol, char letter,
                       unsigned long long *num, struct fc_error *e)
{
	struct stat st;
	struct buf acc = { 0 };   /* the start of a line cut by the window */
	char *win = NULL;
	off_t pos;
	int rc = 0;
	char last;

	*num = 0;
	if (fstat(fd, &st) < 0)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot stat", name);
	if (pread(fd, &last, 1, st.st_size - 1) != 1)
		return fc_fail_errno(e, FC_IOERR, "%s: cannot read", name);
	if (last != '\n')
		return fc_fail(e, FC_DATAERR, "%s:%ld: the last line has no "
		               "newline: a write was cut short; check that "
		               "line, then end it with a newline or remove it",
		               name, count_lines(fd));
	pos = st.st_size - 1; /* the final newline ends the last line */
	while (pos > 0 && !rc) {
		size_t want = pos > 65536 ? 65536 : (size_t)pos;
		size_t len = want + acc.len, end;
		char *w = realloc(win, len + 1);

		if (!w) {
			rc = fc_fail(e, FC_IOERR, "out of memory");
			break;
		}
		win = w;
		if (pread(fd, win, want, pos - (off_t)want) != (ssize_t)want) {
			rc = fc_fail_errno(e, FC_IOERR, "%s: cannot read", name);
			break;
		}
		if (acc.len)
			memcpy(win + want, acc.p, acc.len);
		pos -= (off_t)want;
		/* Complete lines: those with a newline before them. */
		end = len;
		for (size_t i = len; i-- > 0;) {
			if (win[i] != '\n')
				continue;
			size_t l = end - (i + 1);
			if (l && win[i + 1 + l - 1] == '\r')
				l--;
			int got = l ? line_id(win + i + 1, l, idcol, letter, num) : 0;
			if (got < 0)
				rc = fc_fail(e, FC_IOERR, "out of memory");
			if (got)
				goto done;
			end = i;
		}
		/* What is left, win[0..end), starts before the window, unless
		 * the window reached the file's start: then it is the header. */
		acc.len = 0;
		if (pos > 0 && buf_add(&acc, win, end) < 0)
			rc = fc_fail(e, FC_IOERR, "out of memory");
	}
done:
	free(win);
	buf_free(&acc);
	return rc;
}

/* Open dir's ledger.csv or hours.csv; its name in messages to shown. */
static int open_file(const char *dir, bool hours, int *fd, char *shown,
                     size_t size, struct fc_error *e)
{
	const char *file = hours ? PROJECT_HOURS : PROJECT_LEDGER;
	char path[PATH_MAX];

	if (project_path(dir, file, path, sizeof path) < 0)
		return fc_fail(e, FC_NOINPUT, "%s: path too long", dir);
	project_shown(dir, file, shown, size);
	return store_open(path, O_RDONLY, fd, e);
}

int rows_layout(const char *dir, bool hours, struct row_layout *l,
                   struct fc_error *e)
{
	char shown[PATH_MAX + 32];
	int fd, rc;

	if ((rc = open_file(dir, hours, &fd, shown, sizeof shown, e)))
		return rc;
	rc = header_layout(fd, shown, hours, l, e);
	close(fd);
	return rc;
}

int rows_next_id(const char *dir, enum kind k, char *id,
                    struct fc_error *e)
{
	unsigned long long best = 0;

	for (int i = 0; i < 2; i++) {
		char shown[PATH_MAX + 32];
		struct row_layout l;
		unsigned long long n;
		bool in_hours = i == 1;
		int fd, rc;

		/* V ids run over both files; the others live in one. */
		if (k != KIND_VOID && in_hours != (k == KIND_HOURS))
			continue;
		if ((rc = open_file(dir, in_hours, &fd, shown, sizeof shown, e)))
			return rc;
		rc = header_layout(fd, shown, in_hours, &l, e);
		if (!rc)
			rc = last_number(fd, shown, l.cols.id, kind_letter(k), &n, e);
		close(fd);
		if (rc)
			return rc;
		if (n > best)
			best = n;
	}
	if (best >= 9999999999ULL)
		return fc_fail(e, FC_DATAERR, "no %c id left", kind_letter(k));
	snprintf(id, ID_SIZE, "%c%05llu", kind_letter(k), best + 1);
	return 0;
}
