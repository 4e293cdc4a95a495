#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/book_reports.h"
#include "flashcoop/books.h"
#include "flashcoop/date.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/reports.h"

static int overflow(struct fc_error *e)
{
	return fc_fail(e, FC_DATAERR, "the books grow too large to be counted "
	               "in cents");
}

/* The books of one project, numbered. */
static int project_books(const struct report *r, const struct report_input *in,
                         struct books *b, struct fc_error *e)
{
	int rc;

	memset(b, 0, sizeof *b);
	rc = books_add(b, in->p, r->opt.with_closing ? BOOKS_WITH_CLOSING : 0,
	               e);
	if (!rc)
		rc = books_finish(b, e);
	if (rc)
		books_free(b);
	return rc;
}

/* The report's own sums over the projects (size bytes, made with the
 * first), then the books of this one. */
static int begin(struct report *r, const struct report_input *in,
                 size_t size, struct books *b, struct fc_error *e)
{
	if (!r->acc && !(r->acc = calloc(1, size)))
		return fc_fail(e, FC_IOERR, "out of memory");
	return project_books(r, in, b, e);
}

/* The accounts of b in the order of their numbers (as text: the PCG's
 * classes, then sub-accounts after their account). */
static int by_number(const void *x, const void *y, void *arg)
{
	const struct books *b = arg;
	uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
	return strcmp(b->acc[i].number, b->acc[j].number);
}

static uint32_t *sorted_accounts(const struct books *b)
{
	uint32_t *order = calloc(b->nacc + 1, sizeof *order);
	if (!order)
		return NULL;
	for (size_t i = 0; i < b->nacc; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, b->nacc, sizeof *order, by_number, (void *)b);
	return order;
}

/* ---- the trial balance ---- */

const struct report_column balance_columns[] = {
	{ N_("account"), CELL_TEXT, 0 },
	{ N_("label"), CELL_TEXT, 0 },
	{ N_("debit"), CELL_MONEY, 0 },
	{ N_("credit"), CELL_MONEY, 0 },
	{ N_("balance"), CELL_MONEY, 0 },
	{ NULL, CELL_TEXT, 0 }
};

struct movements {
	int64_t debit, credit;
};

/* Across the projects: each account's movements, for the total. */
struct balance_line {
	struct account_ref acc;
	struct movements mv;
};
struct balance_acc {
	struct balance_line *v;
	size_t n, cap, nprojects;
	bool overflow;
};

static int movements(const struct books *b, struct movements *mv)
{
	for (size_t i = 0; i < b->n; i++)
		for (size_t k = 0; k < b->v[i].n; k++) {
			const struct book_line *l = &b->v[i].l[k];
			struct movements *m = &mv[l->account];
			if (money_add(l->amount > 0 ? m->debit : m->credit,
			              l->amount > 0 ? l->amount : -l->amount,
			              l->amount > 0 ? &m->debit : &m->credit) < 0)
				return -1;
		}
	return 0;
}

static int balance_row(struct report *r, const char *project,
                       const struct account_ref *a, const struct movements *m,
                       struct fc_error *e)
{
	struct grid *g = &r->grid;

	grid_text(g, project);
	grid_text(g, a->number);
	grid_text(g, a->label);
	grid_number(g, m->debit);
	grid_number(g, m->credit);
	grid_number(g, m->debit - m->credit);
	return report_end_row(r, e);
}

static int balance_add(struct balance_acc *t, const struct account_ref *a,
                       const struct movements *m)
{
	size_t i;
	for (i = 0; i < t->n && strcmp(t->v[i].acc.number, a->number); i++)
		;
	if (i == t->n) {
		if (array_reserve(&t->v, &t->cap, t->n + 1, sizeof *t->v) < 0)
			return -1;
		t->v[t->n++] = (struct balance_line){ *a, { 0, 0 } };
	}
	if (money_add(t->v[i].mv.debit, m->debit, &t->v[i].mv.debit) < 0 ||
	    money_add(t->v[i].mv.credit, m->credit, &t->v[i].mv.credit) < 0)
		t->overflow = true;
	return 0;
}

int balance_rows(struct report *r, const struct report_input *in,
                 struct fc_error *e)
{
	struct balance_acc *t;
	struct movements *mv = NULL;
	uint32_t *order = NULL;
	struct books b;
	int rc;

	if ((rc = begin(r, in, sizeof *t, &b, e)))
		return rc;
	t = r->acc;
	t->nprojects++;
	if (!(mv = calloc(b.nacc + 1, sizeof *mv)) || !(order = sorted_accounts(&b)))
		rc = fc_fail(e, FC_IOERR, "out of memory");
	else if (movements(&b, mv) < 0)
		rc = overflow(e);
	for (size_t k = 0; !rc && k < b.nacc; k++) {
		uint32_t i = order[k];
		if (!mv[i].debit && !mv[i].credit)
			continue;
		if ((rc = balance_row(r, in->p->id, &b.acc[i], &mv[i], e)))
			break;
		if (balance_add(t, &b.acc[i], &mv[i]) < 0)
			rc = fc_fail(e, FC_IOERR, "out of memory");
	}
	r->overflow |= t->overflow;
	free(mv);
	free(order);
	books_free(&b);
	return rc;
}

static int by_account(const void *x, const void *y)
{
	const struct balance_line *a = x, *b = y;
	return strcmp(a->acc.number, b->acc.number);
}

/* Over several projects, each account's total; then the total of all:
 * its debits equal its credits. */
int balance_total(struct report *r, struct fc_error *e)
{
	struct balance_acc *t = r->acc;
	struct movements all = { 0, 0 };
	struct account_ref none = { "", "" };
	int rc = 0;

	if (!t)
		return 0;
	if (t->n > 1)
		qsort(t->v, t->n, sizeof *t->v, by_account);
	grid_totals_begin(&r->grid);
	for (size_t k = 0; !rc && k < t->n; k++) {
		const struct movements *m = &t->v[k].mv;
		if (money_add(all.debit, m->debit, &all.debit) < 0 ||
		    money_add(all.credit, m->credit, &all.credit) < 0)
			rc = overflow(e);
		else if (t->nprojects > 1)
			rc = balance_row(r, "total", &t->v[k].acc, m, e);
	}
	if (!rc)
		rc = balance_row(r, "total", &none, &all, e);
	r->grid.ruled = true;
	return rc;
}

void balance_free(void *acc)
{
	struct balance_acc *t = acc;
	if (t)
		free(t->v);
	free(acc);
}

/* ---- the general ledger ---- */

const struct report_column ledger_columns[] = {
	{ N_("account"), CELL_TEXT, 0 },
	{ N_("label"), CELL_TEXT, 0 },
	{ N_("date"), CELL_TEXT, 0 },
	{ N_("journal"), CELL_TEXT, 0 },
	{ N_("number"), CELL_TEXT, 0 },
	{ N_("piece"), CELL_TEXT, 0 },
	{ N_("text"), CELL_TEXT, 0 },
	{ N_("debit"), CELL_MONEY, 0 },
	{ N_("credit"), CELL_MONEY, 0 },
	{ N_("balance"), CELL_MONEY, GRID_NO_TOTAL },
	{ NULL, CELL_TEXT, 0 }
};

static int ledger_line(struct report *r, const char *project,
                       const struct books *b, const struct book_entry *je,
                       const struct book_line *l, int64_t balance,
                       struct fc_error *e)
{
	struct grid *g = &r->grid;
	char d[DATE_BUFSZ], num[32];

	snprintf(num, sizeof num, "%s%05lu", books_journal_code(je->journal),
	         je->num);
	grid_text(g, project);
	grid_text(g, b->acc[l->account].number);
	grid_text(g, b->acc[l->account].label);
	grid_text(g, date_format(je->date, d));
	grid_text(g, books_journal_code(je->journal));
	grid_text(g, num);
	grid_text(g, je->piece);
	grid_text(g, je->text);
	grid_number(g, l->amount > 0 ? l->amount : 0);
	grid_number(g, l->amount < 0 ? -l->amount : 0);
	grid_number(g, balance);
	return report_end_row(r, e);
}

int ledger_rows(struct report *r, const struct report_input *in,
                struct fc_error *e)
{
	uint32_t *order;
	struct books b;
	int rc;

	if ((rc = project_books(r, in, &b, e)))
		return rc;
	if (!(order = sorted_accounts(&b)))
		rc = fc_fail(e, FC_IOERR, "out of memory");
	for (size_t k = 0; !rc && k < b.nacc; k++) {
		int64_t balance = 0;
		for (size_t i = 0; !rc && i < b.n; i++)
			for (size_t j = 0; !rc && j < b.v[i].n; j++) {
				const struct book_line *l = &b.v[i].l[j];
				if (l->account != order[k])
					continue;
				if (money_add(balance, l->amount, &balance) < 0)
					rc = overflow(e);
				else
					rc = ledger_line(r, in->p->id, &b, &b.v[i], l,
					                 balance, e);
			}
	}
	free(order);
	books_free(&b);
	return rc;
}

/* ---- the income statement ---- */

static const char *const income_keys[INC_N] = {
	"sales_goods", "production_sold", "other_income", "operating_income",
	"purchases_goods", "purchases_materials", "external_charges", "taxes",
	"salaries", "social_charges", "other_charges", "operating_charges",
	"operating_result", "financial_result", "exceptional_result", "result"
};

static const char *const income_labels[INC_N] = {
	"Ventes de marchandises",
	"Production vendue (biens et services)",
	"Autres produits d'exploitation",
	"Total des produits d'exploitation",
	"Achats de marchandises",
	"Achats de matières premières et autres approvisionnements",
	"Autres achats et charges externes",
	"Impôts, taxes et versements assimilés",
	"Salaires et traitements",
	"Charges sociales",
	"Autres charges d'exploitation",
	"Total des charges d'exploitation",
	"Résultat d'exploitation",
	"Résultat financier",
	"Résultat exceptionnel",
	"Résultat (bénéfice ou perte)"
};

const char *income_key(enum income_item i)
{
	return income_keys[i];
}

const char *income_label(enum income_item i)
{
	return income_labels[i];
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The line of the statement an account of class 6 or 7 goes to, and
 * whether it is a product; -1 for another class.  Financial and
 * exceptional accounts go to their results, as a product (+) or a
 * charge (-). */
static int item_of(const char *n, bool *product)
{
	*product = n[0] == '7';
	if (n[0] == '7')
		return starts(n, "707") || starts(n, "7097") ? INC_SALES_GOODS :
		       starts(n, "70") ? INC_PRODUCTION :
		       starts(n, "76") || starts(n, "786") ? INC_FINANCIAL_RESULT :
		       starts(n, "77") || starts(n, "787") ? INC_EXCEPTIONAL_RESULT :
		       INC_OTHER_INCOME;
	if (n[0] != '6')
		return -1;
	return starts(n, "607") || starts(n, "6087") || starts(n, "6097") ?
	       INC_PURCHASES_GOODS :
	       starts(n, "601") || starts(n, "602") || starts(n, "6081") ||
	       starts(n, "6082") || starts(n, "6091") || starts(n, "6092") ?
	       INC_PURCHASES_MATERIALS :
	       starts(n, "60") || starts(n, "61") || starts(n, "62") ?
	       INC_EXTERNAL :
	       starts(n, "63") ? INC_TAXES :
	       starts(n, "641") || starts(n, "642") || starts(n, "643") ||
	       starts(n, "644") ? INC_SALARIES :
	       starts(n, "64") ? INC_SOCIAL :
	       starts(n, "66") || starts(n, "686") ? INC_FINANCIAL_RESULT :
	       starts(n, "67") || starts(n, "687") ? INC_EXCEPTIONAL_RESULT :
	       INC_OTHER_CHARGES;
}

int income_compute(const struct books *b, uint32_t proj, struct income *out,
                   struct fc_error *e)
{
	int64_t *v = out->v;
	int bad = 0;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < b->n; i++) {
		if (b->v[i].project != proj)
			continue;
		for (size_t k = 0; k < b->v[i].n; k++) {
			const struct book_line *l = &b->v[i].l[k];
			bool product;
			int it = l->cae ? -1 :
			         item_of(b->acc[l->account].number, &product);
			if (it < 0)
				continue;
			/* products count their credits, charges their debits;
			 * a result adds the one and takes the other */
			bool result = it == INC_FINANCIAL_RESULT ||
			              it == INC_EXCEPTIONAL_RESULT;
			bad |= money_accumulate(&v[it], product || result ? -1 : 1,
			                        l->amount);
		}
	}
	bad |= money_add(v[INC_SALES_GOODS], v[INC_PRODUCTION],
	                 &v[INC_OPERATING_INCOME]) < 0;
	bad |= money_add(v[INC_OPERATING_INCOME], v[INC_OTHER_INCOME],
	                 &v[INC_OPERATING_INCOME]) < 0;
	for (int i = INC_PURCHASES_GOODS; i <= INC_OTHER_CHARGES; i++)
		bad |= money_add(v[INC_OPERATING_CHARGES], v[i],
		                 &v[INC_OPERATING_CHARGES]) < 0;
	bad |= money_sub(v[INC_OPERATING_INCOME], v[INC_OPERATING_CHARGES],
	                 &v[INC_OPERATING_RESULT]) < 0;
	bad |= money_add(v[INC_OPERATING_RESULT], v[INC_FINANCIAL_RESULT],
	                 &v[INC_RESULT]) < 0;
	bad |= money_add(v[INC_RESULT], v[INC_EXCEPTIONAL_RESULT],
	                 &v[INC_RESULT]) < 0;
	return bad ? overflow(e) : 0;
}

const struct report_column income_columns[] = {
	{ N_("item"), CELL_TEXT, 0 },
	{ N_("label"), CELL_TEXT, 0 },
	{ N_("amount"), CELL_MONEY, GRID_NO_TOTAL },
	{ NULL, CELL_TEXT, 0 }
};

static int income_rows_of(struct report *r, const char *project,
                          const struct income *in, struct fc_error *e)
{
	int rc = 0;

	for (int i = 0; !rc && i < INC_N; i++) {
		bool total = i == INC_OPERATING_INCOME ||
		             i == INC_OPERATING_CHARGES || i >= INC_OPERATING_RESULT;
		if (!total && in->v[i] == 0)
			continue;
		grid_text(&r->grid, project);
		grid_text(&r->grid, income_keys[i]);
		grid_text(&r->grid, income_labels[i]);
		grid_number(&r->grid, in->v[i]);
		rc = report_end_row(r, e);
	}
	return rc;
}

struct income_acc {
	struct income sum;
	size_t nprojects;
	bool overflow;
};

int income_rows(struct report *r, const struct report_input *in,
                struct fc_error *e)
{
	struct income_acc *t;
	struct income inc = { { 0 } };
	struct books b;
	int rc;

	if ((rc = begin(r, in, sizeof *t, &b, e)))
		return rc;
	t = r->acc;
	rc = income_compute(&b, 0, &inc, e);
	books_free(&b);
	if (rc)
		return rc;
	t->nprojects++;
	for (int i = 0; i < INC_N; i++)
		if (money_add(t->sum.v[i], inc.v[i], &t->sum.v[i]) < 0)
			t->overflow = true;
	r->overflow |= t->overflow;
	return income_rows_of(r, in->p->id, &inc, e);
}

/* Over several projects, the statement of all of them. */
int income_total(struct report *r, struct fc_error *e)
{
	struct income_acc *t = r->acc;

	grid_totals_begin(&r->grid);
	return t && t->nprojects > 1 ? income_rows_of(r, "total", &t->sum, e) :
	       0;
}
