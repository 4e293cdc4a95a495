#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flashcoop/array.h"
#include "flashcoop/closing.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/journal.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "flashcoop/text.h"
#include "flashcoop/groups.h"
#include "flashcoop/totals.h"
#include "flashcoop/verify.h"

/* ---- the chart of accounts ---- */

struct pcg {
	const char *key, *number, *label;
};

static const struct pcg chart[] = {
	{ "sales", "707", "Ventes de marchandises" },
	{ "vat_collected", "44571", "TVA collectée" },
	{ "vat_deductible", "44566", "TVA déductible sur autres biens et services" },
	{ "cash", "530", "Caisse" },
	{ "bank", "512", "Banque" },
	{ "cae_contribution", "6228", "Contribution à la CAE" },
	{ "cae", "467", "CAE, compte courant" },
	{ "salaries", "641", "Rémunérations du personnel" },
	{ "employer_contributions", "645", "Charges de sécurité sociale" },
	{ "net_pay", "421", "Personnel, rémunérations dues" },
	{ "social_bodies", "431", "Sécurité sociale" },
	{ "cash_shortage", "658", "Charges diverses de gestion courante" },
	{ "cash_surplus", "758", "Produits divers de gestion courante" },
	{ "charge_ingredients", "601", "Achats de matières premières" },
	{ "charge_packaging", "6026", "Achats d'emballages" },
	{ "charge_stand", "613", "Locations" },
	{ "charge_transport", "624", "Transports de biens" },
	{ "charge_communication", "623", "Publicité, publications" },
	{ "charge_other", "606", "Achats non stockés de fournitures" },
};

struct account_ref {
	const char *number, *label;
};

/* The account of a key: [accounts] first, then the chart; a charge of a
 * category with no account of its own goes to charge_other. */
static struct account_ref account(const struct project *p, const char *key)
{
	struct account_ref a = { "606", "Achats non stockés de fournitures" };
	for (size_t i = 0; i < p->naccounts; i++)
		if (strcasecmp(p->accounts[i].key, key) == 0) {
			a.number = p->accounts[i].number;
			a.label = *p->accounts[i].label ? p->accounts[i].label :
			          "";
			/* an override without label keeps the chart's */
			for (size_t j = 0; !*a.label &&
			     j < sizeof chart / sizeof *chart; j++)
				if (strcmp(chart[j].key, key) == 0)
					a.label = chart[j].label;
			if (!*a.label)
				a.label = "Compte";
			return a;
		}
	for (size_t j = 0; j < sizeof chart / sizeof *chart; j++)
		if (strcasecmp(chart[j].key, key) == 0)
			return (struct account_ref){ chart[j].number,
			                             chart[j].label };
	if (strncmp(key, "charge_", 7) == 0 && strcmp(key, "charge_other"))
		return account(p, "charge_other");
	return a;
}

/* ---- entries ---- */

struct line {
	struct account_ref acc;
	int64_t amount;            /* > 0 debit, < 0 credit */
};

struct entry {
	const char *journal;       /* VT AC CA OD */
	int32_t date;
	char piece[256];           /* PieceRef */
	char text[256];            /* EcritureLib */
	int32_t rate;              /* for the VAT adjustment */
	int64_t incl;              /* signed total incl. VAT */
	struct line l[6];
	size_t n;
};

struct entries {
	struct entry *v;
	size_t n, cap;
};

static struct entry *new_entry(struct entries *es, const char *journal,
                                int32_t date)
{
	if (array_reserve(&es->v, &es->cap, es->n + 1, sizeof *es->v) < 0)
		return NULL;
	memset(&es->v[es->n], 0, sizeof *es->v);
	es->v[es->n].journal = journal;
	es->v[es->n].date = date;
	return &es->v[es->n++];
}

static void add_line(struct entry *je, struct account_ref a, int64_t amount)
{
	if (amount != 0 && je->n < sizeof je->l / sizeof *je->l)
		je->l[je->n++] = (struct line){ a, amount };
}

static const char *pay_fr(enum payment p)
{
	static const char *const fr[] = { "", "espèces", "carte", "chèque",
	                                  "virement", "autre" };
	return fr[p];
}

static struct account_ref treasury(const struct project *p, enum payment pay)
{
	return account(p, pay == PAY_CASH ? "cash" : "bank");
}

/* ---- reading ---- */

struct collect {
	const struct project *p;
	bool detail;
	struct groups sales;       /* day x payment x rate, without voids */
	struct entries vt, ac;     /* in file order */
	struct totals t;
	struct fc_error *e;
};

static int sale_entry(struct collect *c, const struct row *en)
{
	char r[MONEY_BUFSZ];
	int sign = en->kind == KIND_VOID ? -1 : 1;
	struct entry *je;

	/* A sale of 0.00 (a free sample) books nothing: an entry has lines
	 * that are not zero (found by test_journal: it crashed). */
	if (en->amount == 0)
		return 0;
	if (!(je = new_entry(&c->vt, "VT", en->date)))
		return fc_fail(c->e, FC_IOERR, "out of memory");
	je->rate = en->vat;
	je->incl = sign * en->amount;
	snprintf(je->piece, sizeof je->piece, "%s", en->id);
	if (sign < 0)
		snprintf(je->text, sizeof je->text, "Annulation de %s : %s",
		         en->ref, en->note);
	else
		snprintf(je->text, sizeof je->text, "Vente %s x %lld, %s, TVA %s %%",
		         en->product, (long long)en->quantity,
		         pay_fr(en->payment), money_rate_format(en->vat, r));
	add_line(je, treasury(c->p, en->payment), je->incl);
	return 0;
}

static int charge_entry(struct collect *c, const struct row *en)
{
	char r[MONEY_BUFSZ], key[64];
	int sign = en->kind == KIND_VOID ? -1 : 1;
	struct entry *je = new_entry(&c->ac, "AC", en->date);

	if (!je)
		return fc_fail(c->e, FC_IOERR, "out of memory");
	je->rate = en->vat;
	je->incl = sign * en->amount;
	snprintf(je->piece, sizeof je->piece, "%s", *en->ref && sign > 0 ?
	         en->ref : en->id);
	if (sign < 0)
		snprintf(je->text, sizeof je->text, "Annulation de %s : %s",
		         en->ref, en->note);
	else
		snprintf(je->text, sizeof je->text, "%s%s%s, TVA %s %%",
		         en->category, *en->note ? " : " : "", en->note,
		         money_rate_format(en->vat, r));
	snprintf(key, sizeof key, "charge_%s", en->category);
	/* the charge account first, its amount set once the VAT is known */
	je->l[0] = (struct line){ account(c->p, key), 0 };
	je->n = 1;
	add_line(je, treasury(c->p, en->payment), -je->incl);
	return 0;
}

static int collect(void *ctx, const struct row *en, struct fc_error *e)
{
	struct collect *c = ctx;
	int kind = row_counts_as(en);
	int rc;

	if ((rc = totals_add(&c->t, en, e)))
		return rc;
	if (kind == KIND_SALE) {
		if (!c->detail && en->kind != KIND_VOID)
			return groups_add(&c->sales, en, e);
		return sale_entry(c, en);
	}
	if (kind == KIND_CHARGE)
		return charge_entry(c, en);
	return 0;
}

/* ---- VAT: per rate on the totals, the rounding on the last entry ---- */

/* Each entry's before-VAT amount, the rounding of each rate carried by
 * its last entry (closing_spread_vat); then the goods (or charge) line and
 * the VAT line. */
static int split_vat(const struct project *p, struct entries *es,
                     bool sales, struct fc_error *e)
{
	struct account_ref vat = account(p, sales ? "vat_collected" :
	                                 "vat_deductible");
	int64_t *before = calloc(es->n + 1, sizeof *before),
	        *incl = calloc(es->n + 1, sizeof *incl);
	int32_t *rate = calloc(es->n + 1, sizeof *rate);
	int rc = 0;

	if (!before || !incl || !rate)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	for (size_t i = 0; !rc && i < es->n; i++) {
		incl[i] = es->v[i].incl;
		rate[i] = es->v[i].rate;
	}
	if (!rc)
		rc = closing_spread_vat(p->vat, incl, rate, es->n, before, e);
	free(incl);
	free(rate);
	if (rc) {
		free(before);
		return rc;
	}
	for (size_t i = 0; i < es->n; i++) {
		struct entry *je = &es->v[i];
		int64_t tax = je->incl - before[i];
		if (sales) {
			/* l[0] the treasury's debit, then goods and VAT */
			je->l[1] = (struct line){ account(p, "sales"), -before[i] };
			je->n = 2;
			add_line(je, vat, -tax);
		} else {
			/* l[0] the charge account, l[1] the treasury's credit */
			je->l[0].amount = before[i];
			add_line(je, vat, tax);
		}
	}
	free(before);
	return 0;
}

static int sales_from_groups(struct collect *c, struct fc_error *e)
{
	struct entries merged = { 0 };
	char r[MONEY_BUFSZ];

	groups_sort(&c->sales);
	/* the groups by day, payment and rate, then the voids */
	for (size_t i = 0; i < c->sales.n; i++) {
		const struct group *g = &c->sales.v[i];
		struct entry *je;
		int32_t day;
		enum payment pay = (enum payment)payment_parse(
		        g->value[DIM_PAYMENT]);
		if (g->amount == 0) /* voided, or free samples: nothing */
			continue;
		date_parse(g->value[DIM_DAY], &day);
		if (!(je = new_entry(&merged, "VT", day)))
			return fc_fail(e, FC_IOERR, "out of memory");
		je->rate = g->vat;
		je->incl = g->amount;
		snprintf(je->piece, sizeof je->piece, "Z-%s-%s-%s",
		         g->value[DIM_DAY], g->value[DIM_PAYMENT],
		         money_rate_format(g->vat, r));
		snprintf(je->text, sizeof je->text, "Ventes du %s, %s, TVA %s %% "
		         "(%lld)", g->value[DIM_DAY], pay_fr(pay),
		         money_rate_format(g->vat, r), (long long)g->count);
		add_line(je, treasury(c->p, pay), je->incl);
	}
	for (size_t i = 0; i < c->vt.n; i++) {
		struct entry *je = new_entry(&merged, "VT", c->vt.v[i].date);
		if (!je)
			return fc_fail(e, FC_IOERR, "out of memory");
		*je = c->vt.v[i];
	}
	free(c->vt.v);
	c->vt = merged;
	return 0;
}

/* ---- output ---- */

static void fec_amount(char *buf, int64_t v)
{
	char *dot;
	money_format(v, buf);
	if ((dot = strchr(buf, '.')))
		*dot = ',';
}

/* A text for FEC (tab-separated) or a ledger journal: no tab, no ';' (a
 * ledger comment), no run of spaces (the end of a ledger account name). */
static const char *plain(const char *s, char *buf, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; s[i] && o + 1 < size; i++) {
		char c = s[i] == '\t' ? ' ' : s[i] == ';' ? ',' : s[i];
		if (c == ' ' && o && buf[o - 1] == ' ')
			continue;
		buf[o++] = c;
	}
	buf[o] = '\0';
	return buf;
}

/* Drop the half UTF-8 character a cut by snprintf may leave at the end. */
static void utf8_cut(char *buf)
{
	size_t n = strlen(buf), k = n;
	/* back over continuation bytes to the lead byte */
	while (k && ((unsigned char)buf[k - 1] & 0xc0) == 0x80)
		k--;
	if (k && (unsigned char)buf[k - 1] >= 0xc0) {
		unsigned char lead = (unsigned char)buf[k - 1];
		size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
		if (n - (k - 1) < need)
			buf[k - 1] = '\0';
	}
}

static const char *journal_label(const char *code)
{
	return strcmp(code, "VT") == 0 ? "Ventes" :
	       strcmp(code, "AC") == 0 ? "Achats" :
	       strcmp(code, "CA") == 0 ? "Caisse" : "Opérations diverses";
}

/* A text of the FEC or of a ledger journal: plain, cut to whole
 * characters, and a cell no spreadsheet takes for a formula (text_cell):
 * both files go to an accountant's tools. */
static const char *jtext(const char *s, char *buf, size_t size)
{
	plain(s, buf, size);
	utf8_cut(buf);
	return text_cell(buf, buf, size);
}

static void emit(struct journal_out *j, const struct project *p,
                 const struct entry *je, unsigned long num)
{
	char d[DATE_BUFSZ], ymd[9], n[96], piece[400], text[300], a[MONEY_BUFSZ],
	     zero[] = "0,00";

	date_format(je->date, d);
	snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", d, d + 5, d + 8);
	snprintf(n, sizeof n, "%s%s%s%05lu", j->prefix ? p->id : "",
	         j->prefix ? "-" : "", je->journal, num);
	text_cell(n, n, sizeof n);
	snprintf(piece, sizeof piece, "%s%s%s", j->prefix ? p->id : "",
	         j->prefix ? "-" : "", je->piece);
	utf8_cut(piece);
	text_cell(piece, piece, sizeof piece);
	jtext(je->text, text, sizeof text);
	if (j->format == JOURNAL_FEC) {
		for (size_t i = 0; i < je->n; i++) {
			const struct line *l = &je->l[i];
			char lab[160], jl[40];
			fec_amount(a, l->amount < 0 ? -l->amount : l->amount);
			fprintf(j->out, "%s\t%s\t%s\t%s\t%s\t%s\t\t\t%s\t%s\t%s\t"
			        "%s\t%s\t\t\t%s\t\t\n", je->journal,
			        jtext(journal_label(je->journal), jl, sizeof jl), n,
			        ymd, l->acc.number,
			        jtext(l->acc.label, lab, sizeof lab), piece, ymd, text,
			        l->amount > 0 ? a : zero, l->amount < 0 ? a : zero,
			        ymd);
		}
		return;
	}
	fprintf(j->out, "%s (%s) %s\n", d, n, text);
	for (size_t i = 0; i < je->n; i++) {
		char lab[160];
		fprintf(j->out, "    %s %s  %s %s\n", je->l[i].acc.number,
		        jtext(je->l[i].acc.label, lab, sizeof lab),
		        money_format(je->l[i].amount, a),
		        *p->currency ? p->currency : "EUR");
	}
	fputc('\n', j->out);
}

static int by_date(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return (x->date > y->date) - (x->date < y->date);
}

/* A journal in date order (entries of one day in the ledger's order:
 * insertion sort is stable, and a journal is nearly sorted already),
 * numbered from 1. */
static void emit_all(struct journal_out *j, const struct project *p,
                     struct entries *es)
{
	for (size_t i = 1; i < es->n; i++) {
		struct entry t = es->v[i];
		size_t k = i;
		for (; k > 0 && by_date(&es->v[k - 1], &t) > 0; k--)
			es->v[k] = es->v[k - 1];
		es->v[k] = t;
	}
	for (size_t i = 0; i < es->n; i++)
		emit(j, p, &es->v[i], (unsigned long)i + 1);
}

/* CA: the counted differences of the drawer. */
static int cash_entries(const struct project *p, const struct closing *c,
                        struct entries *ca, struct fc_error *e)
{
	for (size_t i = 0; i < c->ncash; i++) {
		const struct cash_line *l = &c->cash[i];
		char d[DATE_BUFSZ];
		struct entry *je;
		if (!l->counted_ok || l->difference == 0)
			continue;
		if (!(je = new_entry(ca, "CA", l->day)))
			return fc_fail(e, FC_IOERR, "out of memory");
		snprintf(je->piece, sizeof je->piece, "K-%s",
		         date_format(l->day, d));
		snprintf(je->text, sizeof je->text, "Écart de caisse du %s (%s)",
		         d, l->difference < 0 ? "manquant" : "excédent");
		add_line(je, account(p, "cash"), l->difference);
		add_line(je, account(p, l->difference < 0 ? "cash_shortage" :
		                     "cash_surplus"), -l->difference);
	}
	return 0;
}

/* OD: the closing, when the project is closed: the CAE contribution,
 * then the pay (gross and employer contributions to net and social
 * bodies). */
static int closing_entries(const struct project *p, const struct closing *c,
                           int32_t date, struct entries *od,
                           struct fc_error *e)
{
	int64_t gross = 0, employer = 0, employee = 0, net = 0;
	struct entry *je;

	if (c->contribution) {
		if (!(je = new_entry(od, "OD", date)))
			return fc_fail(e, FC_IOERR, "out of memory");
		snprintf(je->piece, sizeof je->piece, "CLOTURE-CAE");
		snprintf(je->text, sizeof je->text, "Contribution à la CAE");
		add_line(je, account(p, "cae_contribution"), c->contribution);
		add_line(je, account(p, "cae"), -c->contribution);
	}
	for (size_t i = 0; i < c->npay; i++)
		if (money_add(gross, c->pay[i].gross, &gross) < 0 ||
		    money_add(employer, c->pay[i].employer, &employer) < 0 ||
		    money_add(employee, c->pay[i].employee, &employee) < 0 ||
		    money_add(net, c->pay[i].net, &net) < 0)
			return fc_fail(e, FC_DATAERR, "the pay grows too large to "
			               "be counted in cents");
	if (gross) {
		if (!(je = new_entry(od, "OD", date)))
			return fc_fail(e, FC_IOERR, "out of memory");
		snprintf(je->piece, sizeof je->piece, "CLOTURE-PAIE");
		snprintf(je->text, sizeof je->text, "Rémunération des "
		         "participants (estimation pour la paie)");
		add_line(je, account(p, "salaries"), gross);
		add_line(je, account(p, "employer_contributions"), employer);
		add_line(je, account(p, "net_pay"), -net);
		if (money_add(employee, employer, &employee) < 0)
			return fc_fail(e, FC_DATAERR, "the pay grows too large to "
			               "be counted in cents");
		add_line(je, account(p, "social_bodies"), -employee);
	}
	return 0;
}

static const char fec_header[] =
	"JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\t"
	"CompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\t"
	"Debit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\t"
	"Idevise\n";

int journal_write(struct journal_out *j, const struct project *p,
                  struct fc_error *e)
{
	struct collect c = { 0 };
	struct entries ca = { 0 }, od = { 0 };
	struct participants ps = { 0 };
	struct closing cl = { 0 };
	struct store_lock lock;
	int32_t date;
	int rc;

	c.p = p;
	c.detail = j->detail;
	c.e = e;
	c.sales.kind = KIND_SALE;
	c.sales.dims = (1u << DIM_DAY) | (1u << DIM_PAYMENT) | (1u << DIM_VAT);
	c.sales.from = c.sales.to = DATE_NONE;
	if ((rc = store_lock(p->dir, false, &lock, e)))
		return rc;
	rc = participants_load(p->dir, &ps, e);
	if (!rc)
		rc = verify_read(p->dir, &lock, collect, &c, e);
	store_unlock(&lock);
	if (!rc && !j->detail)
		rc = sales_from_groups(&c, e);
	if (!rc)
		rc = closing_compute(p, &ps, &c.t, &cl, e);
	if (!rc)
		rc = split_vat(p, &c.vt, true, e);
	if (!rc)
		rc = split_vat(p, &c.ac, false, e);
	if (!rc)
		rc = cash_entries(p, &cl, &ca, e);
	if (!rc && project_closed(p->dir)) {
		if (seal_date(p->dir, &date) < 0)
			date = p->end;
		rc = closing_entries(p, &cl, date, &od, e);
	}
	if (!rc) {
		if (j->format == JOURNAL_FEC && !j->header_done) {
			fputs(fec_header, j->out);
			j->header_done = true;
		}
		emit_all(j, p, &c.vt);
		emit_all(j, p, &c.ac);
		emit_all(j, p, &ca);
		emit_all(j, p, &od);
	}
	free(c.vt.v);
	free(c.ac.v);
	free(ca.v);
	free(od.v);
	groups_free(&c.sales);
	totals_free(&c.t);
	closing_free(&cl);
	participants_free(&ps);
	return rc;
}
