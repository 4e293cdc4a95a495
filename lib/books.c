#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/books.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/rules.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "flashcoop/strset.h"
#include "flashcoop/terminal.h"
#include "flashcoop/verify.h"

#include "books_internal.h"

static const char *const codes[J_N] = { "VT", "AC", "CA", "BQ", "OD" };
static const char *const labels[J_N] = { "Ventes", "Achats", "Caisse",
                                         "Banque", "Opérations diverses" };

const char *books_journal_code(enum journal_code j)
{
	return codes[j];
}

const char *books_journal_label(enum journal_code j)
{
	return labels[j];
}

/* ---- accounts and entries ---- */

#define NO_ACCOUNT UINT32_MAX

/* The index of an account in b->acc (added when new): NO_ACCOUNT when
 * out of memory.  The accounts are few: a look along the list. */
static uint32_t acc_of(struct books *b, const struct account_ref *a)
{
	for (size_t i = 0; i < b->nacc; i++)
		if (strcmp(b->acc[i].number, a->number) == 0)
			return (uint32_t)i;
	if (array_reserve(&b->acc, &b->capacc, b->nacc + 1, sizeof *b->acc) < 0)
		return NO_ACCOUNT;
	b->acc[b->nacc] = *a;
	return (uint32_t)b->nacc++;
}

uint32_t books_acc_key(struct books *b, const struct project *p,
                       const char *key)
{
	struct account_ref a = { "", "" };
	accounts_get(p, key, &a);
	return acc_of(b, &a);
}

static uint32_t acc_vat(struct books *b, const struct project *p,
                        bool collected, int32_t rate)
{
	struct account_ref a = { "", "" };
	accounts_vat(p, collected, rate, &a);
	return acc_of(b, &a);
}

/* A line of an entry; a line of 0 is none.  -1: no account (memory). */
int books_line(struct book_entry *je, uint32_t acc, int64_t amount,
               bool cae)
{
	if (acc == NO_ACCOUNT)
		return -1;
	if (amount != 0 && je->n < BOOK_LINES)
		je->l[je->n++] = (struct book_line){ acc, amount, cae };
	return 0;
}

int books_piece(struct book_entry *je, const char *s)
{
	char *p = strdup(s);

	if (!p)
		return -1;
	free(je->piece);
	je->piece = p;
	return 0;
}

/* ---- one project's rows ---- */

int books_oom(struct fc_error *e)
{
	return fc_fail(e, FC_IOERR, "out of memory");
}

int books_too_large(struct fc_error *e)
{
	return fc_fail(e, FC_DATAERR, "the books grow too large to be counted "
	               "in cents");
}

/* The day a row was recorded: its ValidDate. */
int32_t books_valid_of(const struct row *en)
{
	int32_t d;
	if (en->recorded_at && *en->recorded_at &&
	    date_stamp_valid(en->recorded_at, &d))
		return d;
	return en->date;
}

uint32_t books_term_of(const struct build *c, const char *name)
{
	int i = *name ? terminals_find(&c->terms, name) : 0;
	return i < 0 ? (uint32_t)c->terms.n : (uint32_t)i;
}

struct book_entry *books_entry(struct build *c, enum journal_code j,
                               int32_t date, int32_t valid, uint32_t term,
                               uint64_t place)
{
	struct books *b = c->b;
	struct book_entry *je;

	if (array_reserve(&b->v, &b->cap, b->n + 1, sizeof *b->v) < 0)
		return NULL;
	je = &b->v[b->n++];
	memset(je, 0, sizeof *je);
	je->journal = j;
	je->date = date;
	je->valid = valid;
	je->project = c->proj;
	je->term = term;
	je->place = place;
	return je;
}

static struct book_entry *row_entry(struct build *c, enum journal_code j,
                                    const struct row *en)
{
	return books_entry(c, j, en->date, books_valid_of(en), books_term_of(c, en->terminal),
	             c->place);
}

static const char *pay_fr(enum payment p)
{
	static const char *const fr[] = { "", "espèces", "carte", "chèque",
	                                  "virement", "autre" };
	return fr[p];
}

/* Where a sale's money goes, and where a charge's comes from. */
static uint32_t sale_treasury(struct build *c, enum payment pay)
{
	static const char *const key[] = { "other_receipts", "cash", "cards",
	                                   "cheques", "bank", "other_receipts" };
	return books_acc_key(c->b, c->p, key[pay]);
}

static uint32_t charge_treasury(struct build *c, enum payment pay)
{
	return books_acc_key(c->b, c->p, pay == PAY_CASH ? "cash" :
	               pay == PAY_OTHER || pay == PAY_NONE ? "cae_current" :
	               "bank");
}

static int sale(struct build *c, const struct row *en)
{
	const struct product *pr = project_product(c->p, en->product);
	bool resale = pr && pr->resale, first;
	int64_t incl = en->kind == KIND_VOID ? -en->amount : en->amount;
	char key[160], d[DATE_BUFSZ], r[MONEY_BUFSZ];
	char tva[MONEY_BUFSZ + 16], z[160];
	struct book_entry *je;
	void *at;

	/* A sale of 0.00 (a free sample) books nothing. */
	if (en->amount == 0)
		return 0;
	money_rate_format(en->vat, r);
	/* the rate in the texts, where the project counts VAT */
	snprintf(tva, sizeof tva, c->p->vat ? ", TVA %s %%" : "", r);
	first = !*en->terminal || books_term_of(c, en->terminal) == 0;
	if (en->kind == KIND_VOID || (c->flags & BOOKS_DETAIL)) {
		if (!(je = row_entry(c, J_VT, en)))
			return books_oom(c->e);
		if (books_piece(je, en->id) < 0)
			return books_oom(c->e);
		if (en->kind == KIND_VOID)
			snprintf(je->text, sizeof je->text, "Annulation de %s : %s",
			         en->ref, en->note);
		else
			snprintf(je->text, sizeof je->text, "Vente %s x %lld, %s%s",
			         en->product, (long long)en->quantity,
			         pay_fr(en->payment), tva);
	} else {
		snprintf(key, sizeof key, "%ld|%s|%ld|%d|%ld|%d",
		         (long)books_valid_of(en), en->terminal, (long)en->date,
		         (int)en->payment, (long)en->vat, resale);
		if ((at = strset_get(&c->groups, key))) {
			je = &c->b->v[(uintptr_t)at - 1];
			je->rows++;
			if (money_add(je->incl, incl, &je->incl) < 0)
				return books_too_large(c->e);
			je->l[0].amount = je->incl;
			return 0;
		}
		if (!(je = row_entry(c, J_VT, en)) ||
		    strset_add(&c->groups, key,
		               (void *)(uintptr_t)c->b->n) < 0)
			return books_oom(c->e);
		date_format(en->date, d);
		/* the day's takings (its Z): goods for resale apart, another
		 * terminal's apart; the same day's takings recorded on a later
		 * day are another entry of the same piece */
		snprintf(z, sizeof z, "Z-%s-%s-%s%s%s%s", d,
		         payment_name(en->payment), r, resale ? "-resale" : "",
		         first ? "" : "-", first ? "" : en->terminal);
		if (books_piece(je, z) < 0)
			return books_oom(c->e);
		snprintf(je->text, sizeof je->text, "Ventes du %s, %s%s", d,
		         pay_fr(en->payment), tva);
	}
	je->sale = true;
	je->summary = en->kind != KIND_VOID && !(c->flags & BOOKS_DETAIL);
	je->rows = 1;
	je->rate = en->vat;
	je->incl = incl;
	je->resale = resale;
	je->vat_account = acc_vat(c->b, c->p, true, en->vat);
	return je->vat_account == NO_ACCOUNT ||
	       books_line(je, sale_treasury(c, en->payment), incl, false) < 0 ?
	       books_oom(c->e) : 0;
}

static int charge(struct build *c, const struct row *en)
{
	int sign = en->kind == KIND_VOID ? -1 : 1;
	char key[128], r[ROW_RATES_MAX * MONEY_BUFSZ];
	struct charge_part parts[ROW_RATES_MAX];
	struct book_entry *je;
	int64_t vat = 0;
	size_t n;

	if (rules_charge_parts(c->p->vat, en, parts, &n) < 0 ||
	    rules_parts_vat(parts, n, &vat) < 0)
		return books_too_large(c->e);
	if (!(je = row_entry(c, J_AC, en)))
		return books_oom(c->e);
	if (books_piece(je, *en->ref && sign > 0 ? en->ref : en->id) < 0)
		return books_oom(c->e);
	r[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char one[MONEY_BUFSZ];
		size_t len = strlen(r);
		snprintf(r + len, sizeof r - len, "%s%s %%", i ? ", " : "",
		         money_rate_format(parts[i].rate, one));
	}
	if (sign < 0)
		snprintf(je->text, sizeof je->text, "Annulation de %s : %s",
		         en->ref, en->note);
	else
		snprintf(je->text, sizeof je->text, "%s%s%s%s%s",
		         en->category, *en->note ? " : " : "", en->note,
		         c->p->vat ? ", TVA " : "", c->p->vat ? r : "");
	snprintf(key, sizeof key, "charge_%s", en->category);
	if (books_line(je, books_acc_key(c->b, c->p, key),
	               sign * (en->amount - vat), false) < 0)
		return books_oom(c->e);
	for (size_t i = 0; i < n; i++)
		if (books_line(je, acc_vat(c->b, c->p, false, parts[i].rate),
		         sign * parts[i].vat, false) < 0)
			return books_oom(c->e);
	if (books_line(je, charge_treasury(c, en->payment), -sign * en->amount,
	         false) < 0)
		return books_oom(c->e);
	return 0;
}

static int deposit(struct build *c, const struct row *en)
{
	int sign = en->kind == KIND_VOID ? -1 : 1;
	bool cash = en->payment == PAY_CASH;
	struct book_entry *je = row_entry(c, cash ? J_CA : J_BQ, en);

	if (!je)
		return books_oom(c->e);
	if (books_piece(je, *en->ref && sign > 0 ? en->ref : en->id) < 0)
		return books_oom(c->e);
	if (sign < 0)
		snprintf(je->text, sizeof je->text, "Annulation de %s : %s",
		         en->ref, en->note);
	else
		snprintf(je->text, sizeof je->text, "Remise en banque (%s)%s%s",
		         en->payment == PAY_CASH ? "espèces" :
		         en->payment == PAY_CHEQUE ? "chèques" : "cartes",
		         *en->note ? " : " : "", en->note);
	if (books_line(je, books_acc_key(c->b, c->p, "bank"), sign * en->amount,
	         false) < 0 ||
	    books_line(je, books_acc_key(c->b, c->p, cash ? "cash" :
	                     en->payment == PAY_CHEQUE ? "cheques" : "cards"),
	         -sign * en->amount, false) < 0)
		return books_oom(c->e);
	return 0;
}

static int each_row(void *ctx, const struct row *en, struct fc_error *e)
{
	struct build *c = ctx;
	int rc;

	c->e = e;
	c->place++;
	if ((rc = books_cash_event(c, en)))
		return rc;
	switch (row_counts_as(en)) {
	case KIND_SALE:
		return sale(c, en);
	case KIND_CHARGE:
		return charge(c, en);
	case KIND_DEPOSIT:
		return deposit(c, en);
	default:
		return 0;
	}
}

/* ---- the project's other entries ---- */

/* OD: a closed project's contribution and pay estimate, as sealed: the
 * contribution moves the result to the CAE's own analytic section; the
 * pay is accrued (charges to pay), an estimate the payroll replaces. */
static int closing_entries(struct build *c)
{
	int64_t contribution, gross, employer;
	struct book_entry *je;
	int32_t date;
	int rc;

	if (seal_date(c->p->dir, &date) < 0 ||
	    seal_money(c->p->dir, "cae_contribution", &contribution) < 0)
		return fc_fail(c->e, FC_DATAERR, "closing.ini: no closing date "
		               "or contribution to book");
	if ((rc = closing_sealed_pay(c->p->dir, &gross, &employer, c->e)))
		return rc;
	if (contribution) {
		if (!(je = books_entry(c, J_OD, date, date, 0, UINT64_MAX)))
			return books_oom(c->e);
		if (books_piece(je, "CLOTURE-CAE") < 0)
			return books_oom(c->e);
		snprintf(je->text, sizeof je->text, "Contribution à la CAE "
		         "(transfert analytique)");
		if (books_line(je, books_acc_key(c->b, c->p, "cae_contribution"),
		         contribution, false) < 0 ||
		    books_line(je, books_acc_key(c->b, c->p, "cae_transfer"), -contribution,
		         true) < 0)
			return books_oom(c->e);
	}
	if (gross || employer) {
		if (!(je = books_entry(c, J_OD, date, date, 0, UINT64_MAX)))
			return books_oom(c->e);
		if (books_piece(je, "CLOTURE-PAIE") < 0)
			return books_oom(c->e);
		snprintf(je->text, sizeof je->text, "Rémunération des "
		         "participants, estimation (charges à payer)");
		if (books_line(je, books_acc_key(c->b, c->p, "salaries"), gross, false) < 0 ||
		    books_line(je, books_acc_key(c->b, c->p, "accrued_pay"), -gross,
		         false) < 0 ||
		    books_line(je, books_acc_key(c->b, c->p, "employer_contributions"),
		         employer, false) < 0 ||
		    books_line(je, books_acc_key(c->b, c->p, "accrued_social"), -employer,
		         false) < 0)
			return books_oom(c->e);
	}
	return 0;
}

static int add_project(struct books *b, const struct project *p,
                       unsigned flags)
{
	struct books_project *bp;

	if (array_reserve(&b->proj, &b->capproj, b->nproj + 1,
	                  sizeof *b->proj) < 0)
		return -1;
	bp = &b->proj[b->nproj++];
	memset(bp, 0, sizeof *bp);
	snprintf(bp->id, sizeof bp->id, "%s", p->id);
	snprintf(bp->analytic, sizeof bp->analytic, "%s",
	         accounts_analytic(p));
	snprintf(bp->cae_analytic, sizeof bp->cae_analytic, "%s",
	         accounts_cae_analytic(p));
	snprintf(bp->currency, sizeof bp->currency, "%s",
	         *p->currency ? p->currency : "EUR");
	bp->vat = p->vat;
	bp->sales = books_acc_key(b, p, "sales");
	bp->resale = books_acc_key(b, p, "sales_resale");
	bp->detail = flags & BOOKS_DETAIL;
	return bp->sales == NO_ACCOUNT || bp->resale == NO_ACCOUNT ? -1 : 0;
}

int books_add(struct books *b, const struct project *p, unsigned flags,
              struct fc_error *e)
{
	struct build c = { 0 };
	struct store_lock lock;
	int rc;

	c.b = b;
	c.p = p;
	c.proj = (uint32_t)b->nproj;
	c.flags = flags;
	c.e = e;
	if (add_project(b, p, flags) < 0)
		return books_oom(e);
	if ((rc = store_lock(p->dir, false, &lock, e)))
		return rc;
	rc = terminals_load(p->dir, &c.terms, e);
	if (!rc)
		rc = verify_read(p->dir, &lock, each_row, &c, e);
	store_unlock(&lock);
	c.e = e;
	if (!rc)
		rc = books_cash_entries(&c);
	if (!rc && (flags & BOOKS_WITH_CLOSING) && project_closed(p->dir))
		rc = closing_entries(&c);
	terminals_free(&c.terms);
	strset_free(&c.groups);
	free(c.cash);
	return rc;
}

/* ---- numbering ---- */

static int by_place(const void *a, const void *b)
{
	const struct book_entry *x = a, *y = b;
	if (x->valid != y->valid)
		return x->valid < y->valid ? -1 : 1;
	if (x->project != y->project)
		return x->project < y->project ? -1 : 1;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return (x->journal > y->journal) - (x->journal < y->journal);
}

static int by_number(const void *a, const void *b)
{
	const struct book_entry *x = a, *y = b;
	if (x->valid != y->valid)
		return x->valid < y->valid ? -1 : 1;
	if (x->journal != y->journal)
		return x->journal < y->journal ? -1 : 1;
	return (x->num > y->num) - (x->num < y->num);
}

/* Each project's sales per rate so far, in the order of the entries:
 * their total incl. VAT and the VAT booked on them. */
struct running {
	uint32_t project;
	int32_t rate;
	uint32_t vat_account;
	int64_t incl, vat;
	bool touched;            /* a sale of the current block */
};

struct finish {
	struct books *b;
	struct running *run;
	size_t nrun, caprun;
	struct book_entry *adj;  /* the rounding entries made */
	size_t nadj, capadj;
};

/* The VAT of a total incl. VAT per rate (SPEC §4): T - H(T). */
static int vat_of(bool vat, int64_t incl, int32_t rate, int64_t *out)
{
	int64_t before = incl;
	if (vat && money_without_rate(incl, rate, &before) < 0)
		return -1;
	*out = incl - before;
	return 0;
}

static struct running *running(struct finish *f, const struct book_entry *je)
{
	for (size_t i = 0; i < f->nrun; i++)
		if (f->run[i].project == je->project && f->run[i].rate == je->rate)
			return &f->run[i];
	if (array_reserve(&f->run, &f->caprun, f->nrun + 1, sizeof *f->run) < 0)
		return NULL;
	f->run[f->nrun] = (struct running){ je->project, je->rate,
	                                    je->vat_account, 0, 0, false };
	return &f->run[f->nrun++];
}

/* A sale's goods and VAT lines.  A day's takings (summary): the running
 * total's VAT less what is booked already, so that each rate adds up to
 * the statement.  A sale on its own (detail): its own VAT, rounded; the
 * rounding of the total is booked apart (rounding()).  0, -1 out of
 * memory, 1 too large. */
static int sale_vat(struct finish *f, struct book_entry *je)
{
	const struct books_project *bp = &f->b->proj[je->project];
	struct running *r = running(f, je);
	int64_t incl, vat, total;

	if (!r)
		return -1;
	if (money_add(r->incl, je->incl, &incl) < 0 ||
	    vat_of(bp->vat, incl, je->rate, &total) < 0)
		return 1;
	if (!bp->detail)
		vat = total - r->vat;
	else if (!bp->vat)
		vat = 0;
	else if (money_muldiv(je->incl, je->rate, 10000 + je->rate, &vat) < 0)
		return 1;
	je->n = 1; /* the treasury's line; then the goods and the VAT */
	books_line(je, je->resale ? bp->resale : bp->sales, -(je->incl - vat),
	           false);
	books_line(je, je->vat_account, -vat, false);
	if (je->summary) {
		size_t len = strlen(je->text);
		snprintf(je->text + len, sizeof je->text - len, " (%lu)",
		         (unsigned long)je->rows);
	}
	r->incl = incl;
	r->vat += vat;
	r->touched = true;
	return 0;
}

/* At the end of a block of sales on their own (a day of recording of a
 * project's terminal): for each rate, the difference between the VAT of
 * the total so far and the sales' own VATs, booked on its own entry so
 * that no sale's VAT is off its rate.  last: the block's last entry. */
static int rounding(struct finish *f, const struct book_entry *last)
{
	const struct books_project *bp = &f->b->proj[last->project];
	char r[MONEY_BUFSZ];

	for (size_t i = 0; i < f->nrun; i++) {
		struct running *run = &f->run[i];
		struct book_entry *je;
		int64_t total, diff;
		if (run->project != last->project || !run->touched)
			continue;
		run->touched = false;
		if (vat_of(bp->vat, run->incl, run->rate, &total) < 0)
			return 1;
		if ((diff = total - run->vat) == 0)
			continue;
		if (array_reserve(&f->adj, &f->capadj, f->nadj + 1,
		                  sizeof *f->adj) < 0)
			return -1;
		je = &f->adj[f->nadj++];
		memset(je, 0, sizeof *je);
		je->journal = J_VT;
		je->date = last->date;
		je->valid = last->valid;
		je->project = last->project;
		je->term = last->term;
		je->place = UINT64_MAX - 1;
		money_rate_format(run->rate, r);
		if (books_piece(je, "TVA-ARRONDI") < 0)
			return -1;
		snprintf(je->text, sizeof je->text, "Arrondi de la TVA à %s %% "
		         "sur le total des ventes", r);
		books_line(je, bp->sales, diff, false);
		books_line(je, run->vat_account, -diff, false);
		run->vat = total;
	}
	return 0;
}

static bool same_block(const struct book_entry *x, const struct book_entry *y)
{
	return x->valid == y->valid && x->project == y->project &&
	       x->term == y->term;
}

/* Every sale's lines, and the rounding entries of blocks of sales on
 * their own. */
static int sales_lines(struct finish *f)
{
	struct books *b = f->b;
	int rc = 0;

	for (size_t i = 0; !rc && i < b->n; i++) {
		struct book_entry *je = &b->v[i];
		if (je->sale)
			rc = sale_vat(f, je);
		if (!rc && b->proj[je->project].detail &&
		    (i + 1 == b->n || !same_block(je, &b->v[i + 1])))
			rc = rounding(f, je);
	}
	if (!rc && f->nadj) {
		if (array_reserve(&b->v, &b->cap, b->n + f->nadj,
		                  sizeof *b->v) < 0)
			return -1;
		memcpy(b->v + b->n, f->adj, f->nadj * sizeof *f->adj);
		b->n += f->nadj;
		f->nadj = 0;
		qsort(b->v, b->n, sizeof *b->v, by_place);
	}
	return rc;
}

int books_finish(struct books *b, struct fc_error *e)
{
	struct finish f = { b, NULL, 0, 0, NULL, 0, 0 };
	unsigned long next[J_N] = { 0 };
	size_t k = 0;
	int rc;

	if (b->n > 1)
		qsort(b->v, b->n, sizeof *b->v, by_place);
	rc = sales_lines(&f);
	for (size_t i = 0; i < f.nadj; i++)
		free(f.adj[i].piece);
	free(f.adj);
	free(f.run);
	if (rc)
		return rc < 0 ? books_oom(e) : books_too_large(e);
	for (size_t i = 0; i < b->n; i++) {
		struct book_entry *je = &b->v[i];
		if (je->n == 0) {
			free(je->piece); /* nothing to book */
			continue;
		}
		je->num = ++next[je->journal];
		b->v[k++] = *je;
	}
	b->n = k;
	if (b->n > 1)
		qsort(b->v, b->n, sizeof *b->v, by_number);
	return 0;
}

void books_free(struct books *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].piece);
	free(b->v);
	free(b->acc);
	free(b->proj);
	memset(b, 0, sizeof *b);
}
