/*
 * Unit tests for lib/accounts.c: the chart of accounts of the books
 * (SPEC §6; flashcoop.ini(5), "The [accounts] section").
 *
 * - accounts_key_known: the chart's keys, charge_CATEGORY,
 *   vat_collected_RATE / vat_deductible_RATE, analytic, cae_analytic.
 * - accounts_get: each key's default number and label, as listed in the
 *   design of the books; [accounts] overrides with and without a label (a
 *   key of the chart keeps the chart's label, a category of the
 *   project's own is labelled "Compte"); a category without a key goes
 *   to charge_other, overridden or not.
 * - accounts_vat: the base (44571 collected, 44566 deductible) then the
 *   rate in tenths of a percent on three digits (5.5 % -> 055, 20 % ->
 *   200, 2.1 % -> 021, 10 % -> 100), or when the rate has hundredths, in
 *   hundredths on four (5.55 % -> 0555); label the base's + " RATE %";
 *   vat_collected_5.5 = NUMBER [label] overrides one rate.
 * - accounts_analytic / accounts_cae_analytic: the project id and "CAE",
 *   or what [accounts] says.
 * - accounts_ini_text: every key of the chart, at its default, and a
 *   flashcoop.ini holding it loads (project_load) to the same accounts.
 * Projects are built by hand (struct project), or written to a temporary
 * folder and loaded.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/accounts.h"
#include "flashcoop/buf.h"
#include "flashcoop/error.h"
#include "flashcoop/project.h"

#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-accounts-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

/* The chart as the design of the books gives it (notes/books-design.md,
 * "Accounts"): key, number, label (NULL: not written down there, not
 * checked). */
static const struct {
	const char *key, *number, *label;
} chart[] = {
	{ "sales", "701", "Ventes de produits finis" },
	{ "sales_resale", "707", "Ventes de marchandises" },
	{ "vat_collected", "44571", "TVA collectée" },
	{ "vat_deductible", "44566",
	  "TVA déductible sur autres biens et services" },
	{ "charge_ingredients", "601", "Achats stockés - matières premières" },
	{ "charge_packaging", "6026", "Achats stockés - emballages" },
	{ "charge_supplies", "6068", NULL },
	{ "charge_energy", "6061", NULL },
	{ "charge_stand", "613", "Locations" },
	{ "charge_transport", "6241", NULL },
	{ "charge_communication", "623", NULL },
	{ "charge_fees", "622", NULL },
	{ "charge_bank", "627", NULL },
	{ "charge_other", "6288", "Autres services extérieurs divers" },
	{ "cash", "530", "Caisse" },
	{ "bank", "512", "Banque" },
	{ "cheques", "5112", "Chèques à encaisser" },
	{ "cards", "5115", "Cartes bancaires à encaisser" },
	{ "other_receipts", "5118", NULL },
	{ "cae_current", "4671", "CAE, compte courant" },
	{ "cash_shortage", "658", NULL },
	{ "cash_surplus", "758", NULL },
	{ "cae_contribution", "6228", "Contribution à la CAE" },
	{ "cae_transfer", "7088", "Contribution des activités (CAE)" },
	{ "salaries", "6411", "Salaires (estimation)" },
	{ "employer_contributions", "6451",
	  "Cotisations patronales (estimation)" },
	{ "accrued_pay", "4286", "Personnel, charges à payer" },
	{ "accrued_social", "4386", "Organismes sociaux, charges à payer" },
};
#define NCHART (sizeof chart / sizeof *chart)

/* A project with no [accounts], built by hand. */
static struct project bare(void)
{
	struct project p;

	memset(&p, 0, sizeof p);
	p.id = "FC-1";
	p.name = "Test";
	p.currency = "EUR";
	p.vat = true;
	return p;
}

/* The same with the overrides given (key, number, label ""...). */
static struct project with(struct account *a, size_t n)
{
	struct project p = bare();
	p.accounts = a;
	p.naccounts = n;
	return p;
}

static void expect(const struct project *p, const char *key,
                   const char *number, const char *label)
{
	struct account_ref a;

	memset(&a, 0x5a, sizeof a);
	accounts_get(p, key, &a);
	assert_string_equal(a.number, number);
	if (label)
		assert_string_equal(a.label, label);
}

static void expect_vat(const struct project *p, bool collected, int32_t rate,
                       const char *number, const char *label)
{
	struct account_ref a;

	memset(&a, 0x5a, sizeof a);
	accounts_vat(p, collected, rate, &a);
	assert_string_equal(a.number, number);
	assert_string_equal(a.label, label);
}

static void test_key_known(void **state)
{
	static const char *const yes[] = {
		"sales", "sales_resale", "vat_collected", "vat_deductible",
		"charge_other", "charge_ingredients", "charge_deco", "charge_x",
		"cash", "bank", "cheques", "cards", "other_receipts",
		"cae_current", "cash_shortage", "cash_surplus", "cae_contribution",
		"cae_transfer", "salaries", "employer_contributions",
		"accrued_pay", "accrued_social",
		"vat_collected_5.5", "vat_collected_20", "vat_collected_2.1",
		"vat_deductible_10", "vat_deductible_5.55", "vat_collected_0",
		"analytic", "cae_analytic",
	};
	/* charge_ without a category; a rate that is no rate, or over
	 * 100 %; the keys of the books' first version (flashcoop.ini(5):
	 * cae, net_pay, social_bodies); near misses. */
	static const char *const no[] = {
		"", "charge_", "charge", "vat_collected_", "vat_collected_abc",
		"vat_collected_101", "vat_collected_-5", "vat_collected_5.5.5",
		"vat_other_5.5", "cae", "net_pay", "social_bodies", "sale",
		"salesx", "analytics", "cash ", "products",
	};
	(void)state;

	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (!accounts_key_known(yes[i]))
			fail_msg("'%s' should be a key of [accounts]", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (accounts_key_known(no[i]))
			fail_msg("'%s' should not be a key of [accounts]", no[i]);
	for (size_t i = 0; i < NCHART; i++)
		assert_true(accounts_key_known(chart[i].key));
}

/* Without [accounts]: the chart, every key. */
static void test_get_defaults(void **state)
{
	struct project p = bare();
	(void)state;

	for (size_t i = 0; i < NCHART; i++)
		expect(&p, chart[i].key, chart[i].number, chart[i].label);
	/* Every label given, even those not checked above. */
	for (size_t i = 0; i < NCHART; i++) {
		struct account_ref a;
		accounts_get(&p, chart[i].key, &a);
		assert_true(a.label[0] != '\0');
	}
	/* A category of the project's own goes to charge_other. */
	expect(&p, "charge_deco", "6288", "Autres services extérieurs divers");
}

/* [accounts] overrides: with a label it is the override's, without it the
 * chart's; the others stay at the chart. */
static void test_get_overrides(void **state)
{
	struct account a[] = {
		{ "sales", "7011", "Ventes de cookies" },
		{ "sales_resale", "7071", "" },
		{ "charge_ingredients", "6011", "" },
		{ "charge_deco", "6063", "Décoration" },
		{ "charge_flyers", "6236", "" },
		{ "cash", "531", "Caisse du stand" },
	};
	struct project p = with(a, sizeof a / sizeof *a);
	(void)state;

	expect(&p, "sales", "7011", "Ventes de cookies");
	expect(&p, "sales_resale", "7071", "Ventes de marchandises");
	expect(&p, "charge_ingredients", "6011",
	       "Achats stockés - matières premières");
	expect(&p, "charge_deco", "6063", "Décoration");
	/* A category of the project's own without a label: "Compte"
	 * (flashcoop.ini(5)). */
	expect(&p, "charge_flyers", "6236", "Compte");
	expect(&p, "cash", "531", "Caisse du stand");
	/* Not overridden. */
	expect(&p, "bank", "512", "Banque");
	expect(&p, "charge_packaging", "6026", "Achats stockés - emballages");
	/* A category without a key of its own: charge_other, still the
	 * chart's. */
	expect(&p, "charge_misc", "6288", "Autres services extérieurs divers");
}

/* charge_other overridden: every category without its own key follows,
 * and keeps the chart's label when the override gives none. */
static void test_get_charge_other(void **state)
{
	struct account a[] = { { "charge_other", "6280", "" } };
	struct account b[] = { { "charge_other", "6281", "Divers" } };
	struct project p = with(a, 1), q = with(b, 1);
	(void)state;

	expect(&p, "charge_other", "6280", "Autres services extérieurs divers");
	expect(&p, "charge_deco", "6280", "Autres services extérieurs divers");
	expect(&p, "charge_ingredients", "601", NULL);
	expect(&q, "charge_deco", "6281", "Divers");
}

/* The VAT accounts by default:
 *   5.5 % = 550: tenths 55 on three digits: 44571 055 = 44571055
 *   20 %  = 2000: 200: 44571200
 *   2.1 % = 210: 021: 44571021
 *   10 %  = 1000: 100: 44571100
 *   0 %   = 0: 000: 44571000
 *   5.55 % = 555: hundredths on four: 0555: 445710555
 *   8.25 % = 825: 0825: 445710825 (flashcoop.ini(5)'s example)
 * the deductible ones on 44566 likewise; labels the base's + " RATE %". */
static void test_vat_defaults(void **state)
{
	struct project p = bare();
	(void)state;

	expect_vat(&p, true, 550, "44571055", "TVA collectée 5.5 %");
	expect_vat(&p, true, 2000, "44571200", "TVA collectée 20 %");
	expect_vat(&p, true, 210, "44571021", "TVA collectée 2.1 %");
	expect_vat(&p, true, 1000, "44571100", "TVA collectée 10 %");
	expect_vat(&p, true, 0, "44571000", "TVA collectée 0 %");
	expect_vat(&p, true, 555, "445710555", "TVA collectée 5.55 %");
	expect_vat(&p, true, 825, "445710825", "TVA collectée 8.25 %");
	expect_vat(&p, false, 550, "44566055",
	           "TVA déductible sur autres biens et services 5.5 %");
	expect_vat(&p, false, 2000, "44566200",
	           "TVA déductible sur autres biens et services 20 %");
	expect_vat(&p, false, 210, "44566021",
	           "TVA déductible sur autres biens et services 2.1 %");
	expect_vat(&p, false, 555, "445660555",
	           "TVA déductible sur autres biens et services 5.55 %");
}

/* One rate overridden (vat_collected_5.5 = 445711): that rate only, and
 * only on its side; the label the base's (or the override's) + the rate.
 * The base overridden (vat_collected = 4457 TVA due): every other rate
 * on it, 4457 + 200 for 20 %. */
static void test_vat_overrides(void **state)
{
	struct account a[] = {
		{ "vat_collected_5.5", "445711", "" },
		{ "vat_deductible_20", "445662", "TVA taux normal" },
	};
	struct account b[] = {
		{ "vat_collected", "4457", "TVA due" },
		{ "vat_collected_5.5", "445711", "TVA taux réduit" },
	};
	struct project p = with(a, 2), q = with(b, 2);
	(void)state;

	expect_vat(&p, true, 550, "445711", "TVA collectée 5.5 %");
	expect_vat(&p, true, 2000, "44571200", "TVA collectée 20 %");
	expect_vat(&p, false, 550, "44566055",
	           "TVA déductible sur autres biens et services 5.5 %");
	expect_vat(&p, false, 2000, "445662", "TVA taux normal 20 %");

	expect_vat(&q, true, 550, "445711", "TVA taux réduit 5.5 %");
	expect_vat(&q, true, 2000, "4457200", "TVA due 20 %");
	expect_vat(&q, true, 555, "44570555", "TVA due 5.55 %");
	expect_vat(&q, false, 2000, "44566200",
	           "TVA déductible sur autres biens et services 20 %");
}

/* The longest base flashcoop.ini takes (20 letters and digits) with a
 * rate's suffix: 3 digits for 5.5 %, 4 for 5.55 %, 23 and 24 characters.
 * Each rate has its own account: 5.55 % is never booked on 5.5 %'s (the
 * number cut to ACCOUNT_NUMBER_SIZE - 1 would make them one). */
static void test_vat_long_base(void **state)
{
	struct account a[] = { { "vat_collected", "12345678901234567890", "" } };
	struct project p = with(a, 1);
	struct account_ref x, y;
	(void)state;

	expect_vat(&p, true, 550, "12345678901234567890055",
	           "TVA collectée 5.5 %");
	accounts_vat(&p, true, 550, &x);
	accounts_vat(&p, true, 555, &y);
	if (strcmp(x.number, y.number) == 0)
		fail_msg("5.5 %% and 5.55 %% on one account, %s", x.number);
}

static void test_analytic(void **state)
{
	struct account a[] = {
		{ "analytic", "LYON-01", "" },
		{ "cae_analytic", "CAE-RHONE", "" },
	};
	struct account b[] = { { "cae_analytic", "COOP", "" } };
	struct project p = bare(), q = with(a, 2), r = with(b, 1);
	(void)state;

	assert_string_equal(accounts_analytic(&p), "FC-1");
	assert_string_equal(accounts_cae_analytic(&p), "CAE");
	assert_string_equal(accounts_analytic(&q), "LYON-01");
	assert_string_equal(accounts_cae_analytic(&q), "CAE-RHONE");
	assert_string_equal(accounts_analytic(&r), "FC-1");
	assert_string_equal(accounts_cae_analytic(&r), "COOP");
}

/* ---- through flashcoop.ini ---- */

#define INI_HEAD "[flashcoop]\nid = FC-1\nname = Test\nstart = 2026-05-04\n" \
	"end = 2026-05-13\n\n[money]\nvat = yes\n"

/* Write a project of ini into tmpdir/name and load it into p; the code. */
static int load(const char *name, const char *ini, struct project *p,
                struct fc_error *e)
{
	char dir[PATH_MAX], path[PATH_MAX + 32];
	FILE *f;

	snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(path, sizeof path, "%s/flashcoop.ini", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs(ini, f);
	assert_int_equal(fclose(f), 0);
	memset(p, 0, sizeof *p);
	return project_load(dir, p, e);
}

/* The man page's example, loaded. */
static void test_loaded_overrides(void **state)
{
	struct project p;
	struct fc_error e;
	(void)state;

	if (load("example", INI_HEAD "\n[accounts]\n"
	         "sales              = 7011 Ventes de cookies\n"
	         "charge_ingredients = 6011\n"
	         "charge_deco        = 6063 Décoration\n"
	         "vat_collected_5.5  = 445711\n"
	         "analytic           = LYON-01\n"
	         "\n[products]\ncookie = 2.50, 5.5\n", &p, &e))
		fail_msg("project_load: %s", e.msg);
	expect(&p, "sales", "7011", "Ventes de cookies");
	expect(&p, "charge_ingredients", "6011",
	       "Achats stockés - matières premières");
	expect(&p, "charge_deco", "6063", "Décoration");
	expect(&p, "charge_packaging", "6026", "Achats stockés - emballages");
	expect_vat(&p, true, 550, "445711", "TVA collectée 5.5 %");
	expect_vat(&p, true, 2000, "44571200", "TVA collectée 20 %");
	assert_string_equal(accounts_analytic(&p), "LYON-01");
	assert_string_equal(accounts_cae_analytic(&p), "CAE");
	project_free(&p);
}

/* A rate's key in another spelling than ledger.csv's ("5.50", "5,5"):
 * accounts_key_known takes it, so project_load must either refuse it
 * (flashcoop.ini(5): "the rate written ... in its shortest form with a
 * dot ... not 5,5 nor 5.50") or honour it; never load it and book 5.5 %
 * on the default 44571055 all the same. */
static void test_loaded_rate_spelling(void **state)
{
	static const char *const keys[] = { "vat_collected_5.50",
	                                    "vat_collected_5,5" };
	char wrong[512] = "";
	(void)state;

	for (size_t i = 0; i < 2; i++) {
		char ini[1024], name[16];
		struct project p;
		struct fc_error e;
		struct account_ref a;
		int rc;

		snprintf(ini, sizeof ini, INI_HEAD "\n[accounts]\n%s = 445711\n"
		         "\n[products]\ncookie = 2.50, 5.5\n", keys[i]);
		snprintf(name, sizeof name, "spelling%zu", i);
		rc = load(name, ini, &p, &e);
		if (rc) {
			assert_int_equal(rc, FC_DATAERR);
			continue;
		}
		accounts_vat(&p, true, 550, &a);
		project_free(&p);
		if (strcmp(a.number, "445711") != 0) {
			size_t len = strlen(wrong);
			snprintf(wrong + len, sizeof wrong - len, "; [accounts] "
			         "%s = 445711 loaded but 5.5 %% is booked on %s",
			         keys[i], a.number);
		}
	}
	if (*wrong)
		fail_msg("%s", wrong + 2);
}

/* What init writes: a line "KEY = NUMBER" for every key of the chart, at
 * the chart's number; loaded back, the same accounts as none given. */
static void test_ini_text(void **state)
{
	struct buf b = { 0 };
	struct buf ini = { 0 };
	struct project p, none = bare();
	struct fc_error e;
	(void)state;

	assert_int_equal(accounts_ini_text(&b), 0);
	assert_non_null(b.p);
	assert_non_null(strstr(b.p, "\n[accounts]\n"));
	for (size_t i = 0; i < NCHART; i++) {
		char head[64], number[32];
		const char *at = b.p, *eq;
		size_t klen = strlen(chart[i].key), n;

		/* the key at the start of a line, then blanks and '=' */
		snprintf(head, sizeof head, "\n%s", chart[i].key);
		for (;;) {
			at = strstr(at, head);
			if (!at)
				fail_msg("no line for %s", chart[i].key);
			eq = at + 1 + klen;
			eq += strspn(eq, " ");
			if (*eq == '=')
				break;
			at++;
		}
		eq += 1 + strspn(eq + 1, " ");
		n = strcspn(eq, " ;\n");
		snprintf(number, sizeof number, "%.*s", (int)n, eq);
		if (strcmp(number, chart[i].number) != 0)
			fail_msg("%s = %s, not %s", chart[i].key, number,
			         chart[i].number);
	}
	/* analytic is only a comment: the id by default. */
	assert_null(strstr(b.p, "\nanalytic"));

	assert_int_equal(buf_puts(&ini, INI_HEAD), 0);
	assert_int_equal(buf_add(&ini, b.p, b.len), 0);
	assert_int_equal(buf_puts(&ini, "\n[products]\ncookie = 2.50, 5.5\n"),
	                 0);
	if (load("init", ini.p, &p, &e))
		fail_msg("project_load of accounts_ini_text: %s", e.msg);
	/* Every key of the chart given, nothing else. */
	assert_int_equal(p.naccounts, NCHART);
	for (size_t i = 0; i < NCHART; i++) {
		struct account_ref x, y;
		accounts_get(&p, chart[i].key, &x);
		accounts_get(&none, chart[i].key, &y);
		assert_string_equal(x.number, y.number);
		assert_string_equal(x.label, y.label);
	}
	expect_vat(&p, true, 550, "44571055", "TVA collectée 5.5 %");
	expect_vat(&p, false, 2000, "44566200",
	           "TVA déductible sur autres biens et services 20 %");
	assert_string_equal(accounts_analytic(&p), "FC-1");
	assert_string_equal(accounts_cae_analytic(&p), "CAE");
	project_free(&p);
	buf_free(&ini);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_known),
		cmocka_unit_test(test_get_defaults),
		cmocka_unit_test(test_get_overrides),
		cmocka_unit_test(test_get_charge_other),
		cmocka_unit_test(test_vat_defaults),
		cmocka_unit_test(test_vat_overrides),
		cmocka_unit_test(test_vat_long_base),
		cmocka_unit_test(test_analytic),
		cmocka_unit_test(test_loaded_overrides),
		cmocka_unit_test(test_loaded_rate_spelling),
		cmocka_unit_test(test_ini_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
