#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "flashcoop/accounts.h"
#include "flashcoop/buf.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"

struct chart_line {
	const char *key, *number, *label, *comment;
};

/* The defaults, in the order init writes them. */
static const struct chart_line chart[] = {
	{ "sales", "701", "Ventes de produits finis",
	  "what the group makes and sells" },
	{ "sales_resale", "707", "Ventes de marchandises",
	  "goods bought for resale ([products] x = 3.00, 5.5, resale)" },
	{ "vat_collected", "44571", "TVA collectée",
	  "+ the rate: 44571055 for 5.5 %, 44571200 for 20 %" },
	{ "vat_deductible", "44566", "TVA déductible sur autres biens et "
	  "services", "+ the rate, likewise" },
	{ "charge_ingredients", "601", "Achats stockés - matières premières",
	  NULL },
	{ "charge_packaging", "6026", "Achats stockés - emballages", NULL },
	{ "charge_supplies", "6068", "Autres matières et fournitures", NULL },
	{ "charge_energy", "6061", "Fournitures non stockables (eau, énergie)",
	  NULL },
	{ "charge_stand", "613", "Locations", "stand, pitch, equipment hire" },
	{ "charge_transport", "6241", "Transports sur achats", NULL },
	{ "charge_communication", "623", "Publicité, publications, relations "
	  "publiques", NULL },
	{ "charge_fees", "622", "Rémunérations d'intermédiaires et honoraires",
	  NULL },
	{ "charge_bank", "627", "Services bancaires et assimilés", NULL },
	{ "charge_other", "6288", "Autres services extérieurs divers",
	  "any other category" },
	{ "cash", "530", "Caisse", NULL },
	{ "bank", "512", "Banque", NULL },
	{ "cheques", "5112", "Chèques à encaisser", NULL },
	{ "cards", "5115", "Cartes bancaires à encaisser", NULL },
	{ "other_receipts", "5118", "Autres valeurs à l'encaissement",
	  "sales paid 'other'" },
	{ "cae_current", "4671", "CAE, compte courant",
	  "the opening cash (cash_float); charges paid 'other' (by the CAE)" },
	{ "cash_shortage", "658", "Charges diverses de gestion courante",
	  "cash missing at a count" },
	{ "cash_surplus", "758", "Produits divers de gestion courante",
	  "cash over at a count" },
	{ "cae_contribution", "6228", "Contribution à la CAE",
	  "on this project's analytic code" },
	{ "cae_transfer", "7088", "Contribution des activités (CAE)",
	  "its counterpart, on the CAE's analytic code" },
	{ "salaries", "6411", "Salaires (estimation)",
	  "the pay estimate, with --with-closing" },
	{ "employer_contributions", "6451", "Cotisations patronales "
	  "(estimation)", NULL },
	{ "accrued_pay", "4286", "Personnel, charges à payer", NULL },
	{ "accrued_social", "4386", "Organismes sociaux, charges à payer",
	  NULL },
};

#define NCHART (sizeof chart / sizeof *chart)

static const struct chart_line *chart_find(const char *key)
{
	for (size_t i = 0; i < NCHART; i++)
		if (strcmp(chart[i].key, key) == 0)
			return &chart[i];
	return NULL;
}

/* "vat_collected_5.5": the base and a rate. */
static bool vat_key(const char *key, bool *collected, int32_t *rate)
{
	static const char *const base[] = { "vat_collected_",
	                                    "vat_deductible_" };
	for (int i = 0; i < 2; i++) {
		size_t n = strlen(base[i]);
		if (strncmp(key, base[i], n) == 0 &&
		    money_rate_parse(key + n, rate) == 0) {
			*collected = i == 0;
			return true;
		}
	}
	return false;
}

bool accounts_key_known(const char *key)
{
	bool collected;
	int32_t rate;

	return chart_find(key) || (strncmp(key, "charge_", 7) == 0 && key[7]) ||
	       vat_key(key, &collected, &rate) ||
	       strcmp(key, "analytic") == 0 || strcmp(key, "cae_analytic") == 0;
}

static const struct account *override(const struct project *p,
                                      const char *key)
{
	for (size_t i = 0; i < p->naccounts; i++)
		if (strcasecmp(p->accounts[i].key, key) == 0)
			return &p->accounts[i];
	return NULL;
}

static void set(struct account_ref *out, const char *number,
                const char *label)
{
	snprintf(out->number, sizeof out->number, "%.*s",
	         (int)sizeof out->number - 1, number);
	snprintf(out->label, sizeof out->label, "%.*s",
	         (int)sizeof out->label - 1, label);
}

void accounts_get(const struct project *p, const char *key,
                  struct account_ref *out)
{
	const struct account *a = override(p, key);
	const struct chart_line *c = chart_find(key);

	if (!c && strncmp(key, "charge_", 7) == 0 && !a) {
		accounts_get(p, "charge_other", out);
		return;
	}
	if (!c)
		c = chart_find("charge_other");
	/* An override without a label keeps the chart's. */
	set(out, a ? a->number : c->number,
	    a && *a->label ? a->label : chart_find(key) ? c->label : "Compte");
}

/* vat_collected_5.5 (or 5,5, 5.50: the rate as any amount is written) of
 * [accounts]. */
static const struct account *rate_override(const struct project *p,
                                           bool collected, int32_t rate)
{
	for (size_t i = 0; i < p->naccounts; i++) {
		bool c;
		int32_t r;
		if (vat_key(p->accounts[i].key, &c, &r) && c == collected &&
		    r == rate)
			return &p->accounts[i];
	}
	return NULL;
}

void accounts_vat(const struct project *p, bool collected, int32_t rate,
                  struct account_ref *out)
{
	char r[MONEY_BUFSZ], number[ACCOUNT_NUMBER_SIZE + 16];
	const struct account *a;
	struct account_ref base = { "", "" };

	money_rate_format(rate, r);
	accounts_get(p, collected ? "vat_collected" : "vat_deductible", &base);
	if ((a = rate_override(p, collected, rate))) {
		set(out, a->number, *a->label ? a->label : base.label);
	} else {
		if (rate % 10 == 0)
			snprintf(number, sizeof number, "%.23s%03u", base.number,
			         (unsigned)(rate / 10) % 10000u);
		else
			snprintf(number, sizeof number, "%.23s%04u", base.number,
			         (unsigned)rate % 100000u);
		set(out, number, base.label);
	}
	/* "TVA collectée 5.5 %" */
	size_t n = strlen(out->label);
	snprintf(out->label + n, sizeof out->label - n, " %s %%", r);
}

static const char *text_of(const struct project *p, const char *key,
                           const char *dflt)
{
	const struct account *a = override(p, key);
	return a ? a->number : dflt;
}

const char *accounts_analytic(const struct project *p)
{
	return text_of(p, "analytic", p->id);
}

const char *accounts_cae_analytic(const struct project *p)
{
	return text_of(p, "cae_analytic", "CAE");
}

int accounts_ini_text(struct buf *b)
{
	char line[256];

	if (buf_puts(b, "\n[accounts]\n"
	             "; The books (flashcoop-report entries, balance, "
	             "general-ledger, income):\n"
	             "; key = account number [label], the French chart of "
	             "accounts (PCG).\n"
	             "; charge_CATEGORY for a category of your own; "
	             "vat_collected_5.5 = NUMBER\n"
	             "; for one rate's account.  See flashcoop.ini(5).\n"
	             "; analytic     = (the id)  ; the analytic code of every "
	             "line\n"
	             "; cae_analytic = CAE       ; the CAE's own, for the "
	             "contribution\n") < 0)
		return -1;
	for (size_t i = 0; i < NCHART; i++) {
		snprintf(line, sizeof line, "%-22s = %s%s%s\n", chart[i].key,
		         chart[i].number, chart[i].comment ? "  ; " : "",
		         chart[i].comment ? chart[i].comment : "");
		if (buf_puts(b, line) < 0)
			return -1;
	}
	return 0;
}
