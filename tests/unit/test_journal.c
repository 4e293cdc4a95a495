/*
 * Unit tests for lib/books.c and lib/journal.c: the accountant's entries
 * of a small project written by hand in a temporary folder, as a FEC
 * compared byte for byte with one worked out by hand, as a ledger journal
 * and as CSV, with --detail, over two projects, with [accounts]
 * overrides, and closed; every entry and every journal balanced, the
 * accounts holding the summary's figures to the cent (flashcoop-report(1),
 * "Entries"; flashcoop(7), "For the accountant").
 *
 * The project (FC-1, 2026-05-04 to 2026-05-13, VAT, CAE 10 % of the
 * margin, cash float 50.00), rows from before the chain (each one's
 * ValidDate is its date):
 *   C00001 05-05 12.00 at 5.5 % ingredients, cash, ref F-001, Biocoop
 *   C00002 05-06  6.00 at 20 % deco (no account of its own), card
 *   S00001 05-09 10 cookies 25.00 at 5.5 %, cash, by P001
 *   S00002 05-09  3 cookies  7.50 at 5.5 %, cash
 *   S00003 05-09  3 bags    24.00 at 20 %, card
 *   S00004 05-09  4 cookies 10.00 at 5.5 %, cash, voided by V00001
 *   K00001 05-09 the drawer counted 70.00
 *   H00001 P001 7 h, H00002 P002 3.5 h on 05-05
 *
 * By hand (round() half up, H = round(T x 10000 / (10000 + r))), in the
 * order of validation, then of the rows:
 *   CA00001 05-04 the float: 530 50.00 / 4671
 *   AC00001 05-05 601 11.37 (12.00 - VAT: 1200 x 550 / 10550 = 62.56 ->
 *           0.63), 44566055 0.63, 530 12.00
 *   AC00002 05-06 6288 (deco: charge_other) 5.00, 44566200 1.00, 512 6.00
 *   VT00001 05-09 cash 5.5 % (S1, S2, S4: the first row's place), 42.50:
 *           H = 4250 x 10000 / 10550 = 4028.44 -> 40.28 + VAT 2.22
 *   VT00002 card 20 %: 24.00 -> 20.00 + VAT 4.00, to 5115 (card receipts)
 *   VT00003 the void of S4, -10.00: the rate's running total 32.50 ->
 *           3080.57 -> 30.81, less 40.28: -9.47, VAT -0.53
 *   CA00002 the drawer: 05-05 opens at 50.00, a cash charge of 12.00 (not
 *           counted: 38.00 carried); 05-09 38.00 + 42.50 - 10.00 = 70.50
 *           expected, 70.00 counted: 0.50 short, 530 to 658.
 * The accounts: 701 20.00 + 40.28 - 9.47 = 50.81 = the turnover; 530
 * 50.00 + 42.50 - 10.00 - 12.00 - 0.50 = 70.00, the count.  The margin
 * (SPEC §4) 50.81 - 16.37 - 0.50 = 33.94.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flashcoop/books.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/error.h"
#include "flashcoop/journal.h"
#include "flashcoop/layout.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"

#include "chained.h"
#include "older.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-journal-XXXXXX";
static char dir[64];            /* the project: tmpdir/p */

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(dir, sizeof dir, "%s/p", tmpdir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

static void write_file(const char *name, const char *text)
{
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(test_write_file(path, name, text), 0);
}

#define INI "[flashcoop]\nid = FC-1\nname = Test\nstart = 2026-05-04\n" \
	"end = 2026-05-13\n\n[money]\nvat = yes\ncae_rate = 10\n" \
	"share = hours\ncash_float = 50.00\n\n[products]\n" \
	"cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n"

#define LEDGER LEDGER_HEADER_V1 "\n" \
	"C00001,2026-05-05,charge,,,,12.00,5.5,ingredients,cash,,F-001,Biocoop\n" \
	"C00002,2026-05-06,charge,,,,6.00,20,deco,card,,,\n" \
	"S00001,2026-05-09,sale,cookie,10,2.50,25.00,5.5,,cash,P001,,\n" \
	"S00002,2026-05-09,sale,cookie,3,2.50,7.50,5.5,,cash,,,\n" \
	"S00003,2026-05-09,sale,sac-vrac,3,8.00,24.00,20,,card,,,\n" \
	"S00004,2026-05-09,sale,cookie,4,2.50,10.00,5.5,,cash,,,\n" \
	"V00001,2026-05-09,void,cookie,4,2.50,10.00,5.5,,cash,,S00004," \
	"typed twice\n" \
	"K00001,2026-05-09,count,,,,70.00,,,cash,,,\n"

static struct project P;
static bool loaded;

/* The project in dir, anew, with extra text after flashcoop.ini's and
 * the ledger given; loaded into P. */
static void project_with(const char *ini_extra, const char *ledger)
{
	char ini[2048];
	struct fc_error e;

	if (loaded)
		project_free(&P);
	loaded = false;
	test_rm_tree(dir);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(ini, sizeof ini, "%s%s", INI, ini_extra);
	write_file(PROJECT_INI, ini);
	/* participants.csv of before issue 18 (ten columns), hours.csv of
	 * today (a role after note): both read. */
	write_file(PROJECT_PARTICIPANTS, PARTICIPANT_HEADER_V1 "\n"
	           "P001,Ada,CAPE-01,2026-05-04,,,,,,\n"
	           "P002,Bruno,CAPE-02,2026-05-04,,,,,,\n");
	write_file(PROJECT_LEDGER, ledger);
	write_file(PROJECT_HOURS, HOURS_HEADER "\n"
	           "H00001,2026-05-05,hours,P001,7.00,,,production\n"
	           "H00002,2026-05-05,hours,P002,3.50,,,\n");
	assert_int_equal(test_terminal_files(dir), 0);
	if (project_load(dir, &P, &e) != 0)
		fail_msg("project_load: %s", e.msg);
	loaded = true;
}

static void project(void)
{
	project_with("", LEDGER);
}

static int project_gone(void **state)
{
	(void)state;
	if (loaded)
		project_free(&P);
	loaded = false;
	return 0;
}

/* What the tests ask of the journal. */
struct jout {
	enum journal_format format;
	bool detail, prefix;
};

/* The books of P in format j, as text (NUL-terminated, malloc'ed). */
static char *entries(struct jout *j)
{
	char *text = NULL;
	size_t len = 0;
	struct fc_error e;
	struct books b = { 0 };
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	if (books_add(&b, &P, j->detail ? BOOKS_DETAIL : 0, &e) != 0 ||
	    books_finish(&b, &e) != 0)
		fail_msg("books: %s", e.msg);
	assert_int_equal(journal_print(f, j->format, &b, j->prefix), 0);
	books_free(&b);
	assert_int_equal(fclose(f), 0);
	return text;
}

static char *fec(void)
{
	struct jout j = { JOURNAL_FEC, false, false };
	return entries(&j);
}

/* One line of the FEC: journal, its label, entry, its date (YYYYMMDD:
 * EcritureDate and PieceDate), the day it was validated (ValidDate),
 * account, label, piece, text, debit, credit; the unused columns empty.
 * L: validated on 2026-05-09, when the fixture's rows were recorded
 * (chained.h stamps them so). */
#define LV(jn, jl, num, date, valid, acc, lab, piece, text, debit, credit) \
	jn "\t" jl "\t" num "\t" date "\t" acc "\t" lab "\t\t\t" piece "\t" \
	date "\t" text "\t" debit "\t" credit "\t\t\t" valid "\t\t\n"
#define L(jn, jl, num, date, acc, lab, piece, text, debit, credit) \
	LV(jn, jl, num, date, "20260509", acc, lab, piece, text, debit, credit)

#define FEC_HEADER "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\t" \
	"CompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\t" \
	"EcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\t" \
	"Montantdevise\tIdevise\n"

#define D9 "20260509"
#define VT1 "Ventes du 2026-05-09, espèces, TVA 5.5 % (3)"
#define VT2 "Ventes du 2026-05-09, carte, TVA 20 % (1)"
#define VT3 "Annulation de S00004 : typed twice"
#define AC1 "ingredients : Biocoop, TVA 5.5 %"
#define AC2 "deco, TVA 20 %"
#define CA0 "Fonds de caisse apporté par la CAE"
#define CA1 "Écart de caisse du 2026-05-09 (manquant)"
#define Z20 "Z-2026-05-09-card-20"
#define Z55 "Z-2026-05-09-cash-5.5"
#define TVA_D "TVA déductible sur autres biens et services"
#define SALES "Ventes de produits finis"
#define PAY "Rémunération des participants, estimation (charges à payer)"

#define FEC_OPEN FEC_HEADER \
	LV("CA", "Caisse", "CA00001", "20260504", "20260504", "530", "Caisse", "FOND-CAISSE", CA0, "50,00", "0,00") \
	LV("CA", "Caisse", "CA00001", "20260504", "20260504", "4671", "CAE, compte courant", "FOND-CAISSE", CA0, "0,00", "50,00") \
	L("VT", "Ventes", "VT00001", D9, "530", "Caisse", Z55, VT1, "42,50", "0,00") \
	L("VT", "Ventes", "VT00001", D9, "701", SALES, Z55, VT1, "0,00", "40,28") \
	L("VT", "Ventes", "VT00001", D9, "44571055", "TVA collectée 5.5 %", Z55, VT1, "0,00", "2,22") \
	L("VT", "Ventes", "VT00002", D9, "5115", "Cartes bancaires à encaisser", Z20, VT2, "24,00", "0,00") \
	L("VT", "Ventes", "VT00002", D9, "701", SALES, Z20, VT2, "0,00", "20,00") \
	L("VT", "Ventes", "VT00002", D9, "44571200", "TVA collectée 20 %", Z20, VT2, "0,00", "4,00") \
	L("VT", "Ventes", "VT00003", D9, "530", "Caisse", "V00001", VT3, "0,00", "10,00") \
	L("VT", "Ventes", "VT00003", D9, "701", SALES, "V00001", VT3, "9,47", "0,00") \
	L("VT", "Ventes", "VT00003", D9, "44571055", "TVA collectée 5.5 %", "V00001", VT3, "0,53", "0,00") \
	L("AC", "Achats", "AC00001", "20260505", "601", "Achats stockés - matières premières", "F-001", AC1, "11,37", "0,00") \
	L("AC", "Achats", "AC00001", "20260505", "44566055", TVA_D " 5.5 %", "F-001", AC1, "0,63", "0,00") \
	L("AC", "Achats", "AC00001", "20260505", "530", "Caisse", "F-001", AC1, "0,00", "12,00") \
	L("AC", "Achats", "AC00002", "20260506", "6288", "Autres services extérieurs divers", "C00002", AC2, "5,00", "0,00") \
	L("AC", "Achats", "AC00002", "20260506", "44566200", TVA_D " 20 %", "C00002", AC2, "1,00", "0,00") \
	L("AC", "Achats", "AC00002", "20260506", "512", "Banque", "C00002", AC2, "0,00", "6,00") \
	L("CA", "Caisse", "CA00002", D9, "530", "Caisse", "K00001", CA1, "0,00", "0,50") \
	L("CA", "Caisse", "CA00002", D9, "658", "Charges diverses de gestion courante", "K00001", CA1, "0,50", "0,00")

/* ---- the FEC, as worked out by hand ---- */

static void test_fec_open(void **state)
{
	char *got;
	(void)state;

	project();
	got = fec();
	assert_string_equal(got, FEC_OPEN);
	free(got);
}

/* ---- balanced, and the summary's figures in the accounts ---- */

/* "24,00" -> 2400. */
static long long cents(const char *s)
{
	long long units = 0, frac = 0;
	sscanf(s, "%lld,%lld", &units, &frac);
	return units * 100 + frac;
}

struct sums {
	long long entry[64], journal[8], account[32];
	char entry_id[64][16], journal_id[8][4], account_id[32][16];
	size_t nentry, njournal, naccount;
};

static long long *slot(long long *v, char (*ids)[16], size_t *n,
                       size_t max, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(ids[i], id) == 0)
			return &v[i];
	assert_true(*n < max);
	snprintf(ids[*n], 16, "%s", id);
	v[*n] = 0;
	return &v[(*n)++];
}

/* Debit less credit of each entry, journal and account of a FEC. */
static void add_up(const char *text, struct sums *s)
{
	char *copy = strdup(text), *line, *save = NULL;
	char jids[8][16];
	bool header = true;

	memset(s, 0, sizeof *s);
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[18], *p = line;
		size_t n = 0;
		long long d;
		if (header) {
			header = false;
			continue;
		}
		while (n < 18) {
			f[n++] = p;
			if (!(p = strchr(p, '\t')))
				break;
			*p++ = '\0';
		}
		assert_int_equal(n, 18);
		/* Exactly one of debit and credit is not zero. */
		assert_true((cents(f[11]) == 0) != (cents(f[12]) == 0));
		d = cents(f[11]) - cents(f[12]);
		*slot(s->entry, s->entry_id, &s->nentry, 64, f[2]) += d;
		*slot(s->journal, jids, &s->njournal, 8, f[0]) += d;
		*slot(s->account, s->account_id, &s->naccount, 32, f[4]) += d;
	}
	for (size_t i = 0; i < s->njournal; i++)
		snprintf(s->journal_id[i], 4, "%s", jids[i]);
	free(copy);
}

static long long account(const struct sums *s, const char *id)
{
	for (size_t i = 0; i < s->naccount; i++)
		if (strcmp(s->account_id[i], id) == 0)
			return s->account[i];
	return 0;
}

static void balanced(const struct sums *s)
{
	for (size_t i = 0; i < s->nentry; i++)
		if (s->entry[i] != 0)
			fail_msg("entry %s is off by %lld cents", s->entry_id[i],
			         s->entry[i]);
	for (size_t i = 0; i < s->njournal; i++)
		if (s->journal[i] != 0)
			fail_msg("journal %s is off by %lld cents", s->journal_id[i],
			         s->journal[i]);
}

static void test_balanced_and_summary(void **state)
{
	struct jout j = { JOURNAL_FEC, true, false };
	struct sums s;
	char *got;
	(void)state;

	project();
	got = fec();
	add_up(got, &s);
	balanced(&s);
	assert_int_equal(s.nentry, 7);
	/* The summary's figures: turnover 50.81 (701), VAT collected 5.69,
	 * VAT deductible 0.63 + 1.00, charges before VAT 11.37 + 5.00; the
	 * drawer holds the count; the card receipts wait in 5115. */
	assert_int_equal(account(&s, "701"), -5081);
	assert_int_equal(account(&s, "44571055") + account(&s, "44571200"),
	                 -569);
	assert_int_equal(account(&s, "44566055"), 63);
	assert_int_equal(account(&s, "44566200"), 100);
	assert_int_equal(account(&s, "601") + account(&s, "6288"), 1637);
	assert_int_equal(account(&s, "530"), 7000);
	assert_int_equal(account(&s, "5115"), 2400);
	assert_int_equal(account(&s, "512"), -600);
	assert_int_equal(account(&s, "4671"), -5000);
	assert_int_equal(account(&s, "658"), 50);
	free(got);

	/* One entry per sale (--detail): the same accounts to the cent, each
	 * sale its own VAT, round(incl x r / (10000 + r)): 25.00 -> 1.3033 ->
	 * 1.30 (23.70); 7.50 -> 0.3910 -> 0.39 (7.11); the bags 4.00; 10.00 ->
	 * 0.5213 -> 0.52 (9.48), its void the same back.  Their sum 1.69 at
	 * 5.5 % is the VAT of the total 32.50 (30.81): no rounding entry. */
	got = entries(&j);
	add_up(got, &s);
	balanced(&s);
	/* CA: 2; AC: 2; VT: 4 sales and the void. */
	assert_int_equal(s.nentry, 9);
	assert_int_equal(account(&s, "701"), -5081);
	assert_int_equal(account(&s, "44571055") + account(&s, "44571200"),
	                 -569);
	assert_non_null(strstr(got, L("VT", "Ventes", "VT00001", D9, "701",
	        SALES, "S00001", "Vente cookie x 10, espèces, TVA 5.5 %", "0,00",
	        "23,70")));
	assert_non_null(strstr(got, L("VT", "Ventes", "VT00002", D9,
	        "44571055", "TVA collectée 5.5 %", "S00002",
	        "Vente cookie x 3, espèces, TVA 5.5 %", "0,00", "0,39")));
	assert_non_null(strstr(got, L("VT", "Ventes", "VT00005", D9, "701",
	        SALES, "V00001", VT3, "9,48", "0,00")));
	assert_null(strstr(got, "TVA-ARRONDI"));
	free(got);
}

/* ---- the ledger journal, CSV, several projects, overrides ---- */

static void test_ledger_format(void **state)
{
	struct jout j = { JOURNAL_LEDGER, false, false };
	char *got;
	(void)state;

	project();
	got = entries(&j);
	/* The commodity and every account used declared first (ledger
	 * --strict, hledger check), then each entry: its date, (number) and
	 * text, its piece and ValidDate, its postings signed and tagged with
	 * the analytic code (the project's id), a blank line after it. */
	assert_true(strncmp(got, "commodity EUR\n", 14) == 0);
	assert_non_null(strstr(got, "\naccount 701 " SALES "\n"));
	assert_non_null(strstr(got, "\naccount 44571055 TVA collectée 5.5 %\n"));
	assert_non_null(strstr(got, "\ntag analytic\n"));
	assert_null(strstr(got, "account 707 "));
	assert_non_null(strstr(got, "\n2026-05-09 (VT00003) " VT3 "\n"
	        "    ; piece: V00001\n"
	        "    ; valid: 2026-05-09\n"
	        "    530 Caisse  -10.00 EUR  ; analytic: FC-1\n"
	        "    701 " SALES "  9.47 EUR  ; analytic: FC-1\n"
	        "    44571055 TVA collectée 5.5 %  0.53 EUR  ; analytic: FC-1\n"
	        "\n"));
	assert_null(strstr(got, "JournalCode"));
	free(got);
}

static void test_csv(void **state)
{
	struct jout j = { JOURNAL_CSV, false, false };
	char *got;
	(void)state;

	/* The analytic code as [accounts] names it. */
	project_with("\n[accounts]\nanalytic = ATELIER-7\n", LEDGER);
	got = entries(&j);
	assert_true(strncmp(got, "journal,date,number,piece,account,label,"
	                    "debit,credit,analytic,valid_date\n"
	                    "CA,2026-05-04,CA00001,FOND-CAISSE,530," CA0 ","
	                    "50.00,0.00,ATELIER-7,2026-05-04\n", 150) == 0);
	assert_non_null(strstr(got, "\nAC,2026-05-05,AC00001,F-001,601,\""
	                       AC1 "\",11.37,0.00,ATELIER-7,2026-05-09\n"));
	assert_non_null(strstr(got, "\nAC,2026-05-05,AC00001,F-001,44566055,\""
	                       AC1 "\",0.63,0.00,ATELIER-7,2026-05-09\n"));
	assert_non_null(strstr(got, "\nCA,2026-05-09,CA00002,K00001,658," CA1
	                       ",0.50,0.00,ATELIER-7,2026-05-09\n"));
	free(got);
}

/* Two projects in one run: one file, each journal numbered on without a
 * gap, in order of validation (both projects' entries of a day, the
 * first project's first), each piece prefixed by its project. */
static void test_two_projects(void **state)
{
	struct books b = { 0 };
	struct fc_error e;
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	(void)state;

	project();
	assert_int_equal(books_add(&b, &P, 0, &e), 0);
	assert_int_equal(books_add(&b, &P, 0, &e), 0);
	assert_int_equal(books_finish(&b, &e), 0);
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(journal_print(f, JOURNAL_FEC, &b, true), 0);
	books_free(&b);
	fclose(f);
	/* One header; the floats CA00001 and CA00002 validated 05-04; then
	 * what was recorded on 05-09: the sales VT00001-3 then VT00004-6,
	 * the charges AC00001-4, the counts CA00003, CA00004. */
	assert_true(strncmp(text, FEC_HEADER, strlen(FEC_HEADER)) == 0);
	assert_null(strstr(text + 1, "JournalCode"));
	assert_non_null(strstr(text, "\tCA00002\t20260504\t530\tCaisse\t\t\t"
	                       "FC-1-FOND-CAISSE\t"));
	assert_non_null(strstr(text, "\tVT00004\t20260509\t530\tCaisse\t\t\t"
	                       "FC-1-" Z55 "\t"));
	assert_non_null(strstr(text, "\tAC00004\t20260506\t6288\t"));
	assert_non_null(strstr(text, "\tCA00004\t20260509\t658\t"));
	assert_null(strstr(text, "VT00007"));
	/* 05-09: both projects' sales, then their charges, then counts. */
	assert_true(strstr(text, "\tVT00006\t") < strstr(text, "\tAC00001\t"));
	assert_true(strstr(text, "\tAC00004\t") < strstr(text, "\tCA00003\t"));
	free(text);
}

static void test_accounts_override(void **state)
{
	char *got;
	(void)state;

	/* An account with a label, one without (the chart's kept), a
	 * category's own account, one rate's VAT account, a product bought
	 * for resale (707). */
	project_with("bag = 8.00, 20, resale\n\n[accounts]\nsales = 7011\n"
	             "cash = 531 Caisse du stand\ncharge_deco = 6063 Décoration\n"
	             "vat_collected_5.5 = 4457105\n",
	             LEDGER "S00005,2026-05-09,sale,bag,1,8.00,8.00,20,,card,,,\n");
	got = fec();
	assert_non_null(strstr(got, "\t7011\t" SALES "\t"));
	assert_null(strstr(got, "\t701\t"));
	assert_non_null(strstr(got, "\t531\tCaisse du stand\t"));
	assert_non_null(strstr(got, "\t4457105\tTVA collectée 5.5 %\t"));
	assert_non_null(strstr(got, "\t44571200\tTVA collectée 20 %\t"));
	assert_non_null(strstr(got, L("AC", "Achats", "AC00002", "20260506",
	        "6063", "Décoration", "C00002", AC2, "5,00", "0,00")));
	/* The bag: its own entry (another account), 707 6.67 (8.00 ->
	 * 666.67), the 20 % running total 32.00 -> 26.67 less 20.00. */
	assert_non_null(strstr(got, "\t707\tVentes de marchandises\t\t\t"
	                       "Z-2026-05-09-card-20-resale\t" D9 "\tVentes du "
	                       "2026-05-09, carte, TVA 20 % (1)\t0,00\t6,67\t"));
	free(got);
}

/* ---- a closed project: the OD entries ---- */

static void ignore(void *ctx, const char *problem, bool warning)
{
	(void)ctx;
	(void)warning;
	fail_msg("closing: %s", problem);
}

/* Closed on 2026-05-13 (closing_run).  By hand: margin 33.94 (the 0.50
 * short is part of it), contribution 10 %: 3.394 -> 3.39, distributable
 * 30.55; by hours 7 : 3.5, P001 20.3667 and P002 10.1833 -> 20.36 and
 * 10.18, the cent left to the larger remainder: 20.37 and 10.18.  Gross
 * = share / 1.13: 18.0265 -> 18.03 and 9.0088 -> 9.01 (27.04), employer
 * 2.34 + 1.17 = 3.51.  The contribution moves to the CAE's analytic
 * section (7088 on "CAE"); the pay is accrued (4286, 4386), an
 * estimate; both only with the closing asked for. */
static void test_closed(void **state)
{
	struct jout j = { JOURNAL_FEC, false, false };
	struct participants ps;
	struct closing c;
	struct fc_error e;
	struct books b = { 0 };
	struct sums s;
	char *got, *with;
	(void)state;

	project();
	{
		char config[PATH_MAX];
		snprintf(config, sizeof config, "%s/config", tmpdir);
		assert_int_equal(test_install_key(config, "FC-1"), 0);
	}
	if (closing_run(&P, date_from_ymd(2026, 5, 13), CLOSE_ALLOW_UNCLOSED,
	                ignore, NULL, &c, &ps, &e) != 0)
		fail_msg("closing_run: %s", e.msg);
	assert_int_equal(c.margin, 3394);
	assert_int_equal(c.contribution, 339);
	closing_free(&c);
	participants_free(&ps);

	got = fec();
	assert_string_equal(got, FEC_OPEN);
	free(got);

	/* A setting changed after the closing: refused (the seal), not
	 * booked anew. */
	{
		char ini[PATH_MAX], *was;
		size_t len = 0;
		FILE *f;
		snprintf(ini, sizeof ini, "%s/%s", dir, PROJECT_INI);
		assert_non_null(f = fopen(ini, "r"));
		was = calloc(1, 65536);
		len = fread(was, 1, 65535, f);
		fclose(f);
		assert_non_null(f = fopen(ini, "a"));
		fputs("\n[money]\nemployer_rate = 40\n", f);
		fclose(f);
		assert_int_equal(books_add(&b, &P, BOOKS_WITH_CLOSING, &e),
		                 FC_DATAERR);
		assert_non_null(strstr(e.msg, "flashcoop.ini: changed after the "
		                       "closing"));
		books_free(&b);
		assert_non_null(f = fopen(ini, "w"));
		assert_int_equal(fwrite(was, 1, len, f), len);
		fclose(f);
		free(was);
	}
	(void)j;
	/* With the closing: the OD entries, from the sealed figures. */
	if (books_add(&b, &P, BOOKS_WITH_CLOSING, &e) != 0)
		fail_msg("books_add: %s", e.msg);
	assert_int_equal(books_finish(&b, &e), 0);
	{
		size_t len = 0;
		FILE *f = open_memstream(&with, &len);
		assert_int_equal(journal_print(f, JOURNAL_FEC, &b, false), 0);
		fclose(f);
	}
	books_free(&b);
	assert_true(strncmp(with, FEC_OPEN, strlen(FEC_OPEN)) == 0);
	assert_string_equal(with + strlen(FEC_OPEN),
	        LV("OD", "Opérations diverses", "OD00001", "20260513", "20260513", "6228",
	          "Contribution à la CAE", "CLOTURE-CAE",
	          "Contribution à la CAE (transfert analytique)", "3,39", "0,00")
	        LV("OD", "Opérations diverses", "OD00001", "20260513", "20260513", "7088",
	          "Contribution des activités (CAE)", "CLOTURE-CAE",
	          "Contribution à la CAE (transfert analytique)", "0,00", "3,39")
	        LV("OD", "Opérations diverses", "OD00002", "20260513", "20260513", "6411",
	          "Salaires (estimation)", "CLOTURE-PAIE", PAY, "27,04", "0,00")
	        LV("OD", "Opérations diverses", "OD00002", "20260513", "20260513", "4286",
	          "Personnel, charges à payer", "CLOTURE-PAIE", PAY, "0,00",
	          "27,04")
	        LV("OD", "Opérations diverses", "OD00002", "20260513", "20260513", "6451",
	          "Cotisations patronales (estimation)", "CLOTURE-PAIE", PAY,
	          "3,51", "0,00")
	        LV("OD", "Opérations diverses", "OD00002", "20260513", "20260513", "4386",
	          "Organismes sociaux, charges à payer", "CLOTURE-PAIE", PAY,
	          "0,00", "3,51"));
	add_up(with, &s);
	balanced(&s);
	free(with);
}

/* ---- a sale of 0.00 ---- */

/* A free sample is a sale of 0.00 (flashcoop-record refuses a charge of
 * 0.00, not a sale: the catalogue or --price 0 give it).  Its group has
 * nothing to post to the treasury.  Run in a child process, so that a
 * crash is a failed assertion here and not the end of the tests. */
static void test_zero_sale(void **state)
{
	int status;
	pid_t pid;
	(void)state;

	project_with("sample = 0.00, 5.5\n", LEDGER_HEADER_V1 "\n"
	             "S00001,2026-05-09,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n"
	             "S00002,2026-05-09,sale,sample,3,0.00,0.00,5.5,,card,,,\n");
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct jout j = { JOURNAL_FEC, false, false };
		char *text = NULL;
		size_t len = 0;
		struct fc_error e;
		FILE *f = open_memstream(&text, &len);
		int rc;

		/* A crash ends the child (not cmocka's handler, which would
		 * go on with the tests in it). */
		signal(SIGSEGV, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		signal(SIGABRT, SIG_DFL);
		struct books b = { 0 };
		rc = books_add(&b, &P, 0, &e);
		if (!rc)
			rc = books_finish(&b, &e);
		if (!rc)
			rc = journal_print(f, j.format, &b, false);
		books_free(&b);
		fclose(f);
		/* 0: written; 3: a line without an account; 4: refused (a
		 * sanitizer exits 1). */
		_exit(rc != 0 ? 4 : strstr(text, "(null)") ? 3 : 0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	/* BUG (lib/journal.c, split_vat): an entry whose treasury line was
	 * dropped for its 0.00 amount (add_line skips a 0) still gets its
	 * goods line put in l[1], so l[0] is left zeroed, with a NULL
	 * account: journal_write crashes (SIGSEGV in plain() on the NULL
	 * label) for `flashcoop-report entries` on any project with a sale
	 * of 0.00, grouped or with --detail.  Expected: the entries written
	 * (the 0.00 group either left out or posted without a NULL line). */
	if (WIFSIGNALED(status))
		fail_msg("BUG (see above): journal_write on a sale of 0.00 died "
		         "of signal %d", WTERMSIG(status));
	if (WEXITSTATUS(status) != 0)
		fail_msg("BUG (see above): journal_write on a sale of 0.00: %s",
		         WEXITSTATUS(status) == 3 ? "a line without an account" :
		         WEXITSTATUS(status) == 4 ? "refused" :
		         "died (a sanitizer's report above)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_fec_open, project_gone),
		cmocka_unit_test_teardown(test_balanced_and_summary, project_gone),
		cmocka_unit_test_teardown(test_ledger_format, project_gone),
		cmocka_unit_test_teardown(test_csv, project_gone),
		cmocka_unit_test_teardown(test_two_projects, project_gone),
		cmocka_unit_test_teardown(test_accounts_override, project_gone),
		cmocka_unit_test_teardown(test_closed, project_gone),
		cmocka_unit_test_teardown(test_zero_sale, project_gone),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
