/*
 * Unit tests for lib/book_reports.c: the income statement of books built
 * by hand (income_compute: where each account of the PCG goes, the
 * totals, the CAE's lines and the other classes left out, a sum too
 * large refused), and the three documents (balance, general-ledger,
 * income) of a small project written to a temporary folder, through the
 * table of reports, their rows compared with figures worked by hand.
 *
 * Amounts in cents; a line > 0 is a debit, < 0 a credit.  Products count
 * their credits, charges their debits; the financial and exceptional
 * results are products (76x, 77x) less charges (66x, 67x).
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

#include "flashcoop/book_reports.h"
#include "flashcoop/books.h"
#include "flashcoop/buf.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/error.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/reports.h"

#include "rmtree.h"

/* ---- income_compute on books built by hand ---- */

/* The accounts of the books below, by index. */
enum {
	A707, A701, A758, A601, A6026, A607, A6228, A6288, A613, A635, A6411,
	A6451, A658, A661, A761, A671, A771, A530, A512, A44571, A44566,
	A4671, A4286, A4386, A7088, A6022, A6061, A7011, A7097, A6097, A64,
	A75, A686, A786, NACC
};
static struct account_ref acc[NACC] = {
	[A707] = { "707", "Ventes de marchandises" },
	[A701] = { "701", "Ventes de produits finis" },
	[A758] = { "758", "Produits divers" },
	[A601] = { "601", "Matières premières" },
	[A6026] = { "6026", "Emballages" },
	[A607] = { "607", "Achats de marchandises" },
	[A6228] = { "6228", "Contribution à la CAE" },
	[A6288] = { "6288", "Autres services extérieurs" },
	[A613] = { "613", "Locations" },
	[A635] = { "635", "Impôts" },
	[A6411] = { "6411", "Salaires" },
	[A6451] = { "6451", "Cotisations" },
	[A658] = { "658", "Charges diverses" },
	[A661] = { "661", "Charges d'intérêts" },
	[A761] = { "761", "Produits de participations" },
	[A671] = { "671", "Charges exceptionnelles" },
	[A771] = { "771", "Produits exceptionnels" },
	[A530] = { "530", "Caisse" },
	[A512] = { "512", "Banque" },
	[A44571] = { "44571055", "TVA collectée 5.5 %" },
	[A44566] = { "44566055", "TVA déductible 5.5 %" },
	[A4671] = { "4671", "CAE" },
	[A4286] = { "4286", "Personnel" },
	[A4386] = { "4386", "Organismes sociaux" },
	[A7088] = { "7088", "Contribution des activités" },
	[A6022] = { "6022", "Fournitures consommables" },
	[A6061] = { "6061", "Fournitures non stockables" },
	[A7011] = { "7011", "Ventes de cookies" },
	[A7097] = { "7097", "RRR sur ventes de marchandises" },
	[A6097] = { "6097", "RRR sur achats de marchandises" },
	[A64] = { "647", "Autres charges sociales" },
	[A75] = { "751", "Redevances" },
	[A686] = { "686", "Dotations financières" },
	[A786] = { "786", "Reprises financières" },
};

static struct book_entry entries[32];
static struct books B;

static void books_reset(void)
{
	memset(entries, 0, sizeof entries);
	memset(&B, 0, sizeof B);
	B.v = entries;
	B.acc = acc;
	B.nacc = B.capacc = NACC;
}

/* A new entry of project proj. */
static struct book_entry *entry(uint32_t proj)
{
	struct book_entry *je;

	assert_true(B.n < sizeof entries / sizeof *entries);
	je = &entries[B.n++];
	je->journal = J_OD;
	je->project = proj;
	je->num = B.n;
	return je;
}

static void line(struct book_entry *je, uint32_t account, int64_t amount,
                 bool cae)
{
	assert_true(je->n < BOOK_LINES);
	je->l[je->n++] = (struct book_line){ account, amount, cae };
}

/* Every entry balanced, as the books' are. */
static void balanced(void)
{
	for (size_t i = 0; i < B.n; i++) {
		int64_t sum = 0;
		for (size_t k = 0; k < B.v[i].n; k++)
			sum += B.v[i].l[k].amount;
		assert_int_equal(sum, 0);
	}
}

/* Project 0:
 *   E1  sales: 530 D 125.50 / 707 C 50.00, 701 C 60.00, 44571055 C 15.50
 *   E2  a sale of goods voided: 707 D 10.00 / 530 C 10.00
 *   E3  the drawer 0.50 short, then 0.30 over: 658 D 0.50 / 530 C 0.50;
 *       530 D 0.30 / 758 C 0.30
 *   E4  ingredients: 601 D 11.37, 44566055 D 0.63 / 530 C 12.00
 *   E5  packaging paid by the CAE: 6026 D 5.00 / 4671 C 5.00
 *   E6  goods for resale: 607 D 20.00 / 512 C 20.00
 *   E7  other services 2.50 and the stand 10.00: 6288 D, 613 D / 512 C
 *   E8  the stand refunded 2.00: 512 D 2.00 / 613 C 2.00
 *   E9  the contribution: 6228 D 3.00 / 7088 C 3.00 on the CAE's code
 *   E10 the pay: 6411 D 10.00 / 4286 C; 6451 D 1.30 / 4386 C
 *   E11 a tax: 635 D 0.40 / 512 C 0.40
 *   E12 financial: 661 D 0.25, 761 C 1.00 / 512 D 0.75
 *   E13 exceptional: 671 D 0.60, 771 C 0.10 / 512 C 0.50
 *   E14 on the CAE's code only: 6288 D 7.77 / 4671 C 7.77
 * Project 1: 530 D 999.99 / 707 C 999.99.
 *
 * By hand, project 0:
 *   sales_goods       707: 50.00 - 10.00                   =  40.00
 *   production_sold   701                                  =  60.00
 *   other_income      758                                  =   0.30
 *   operating_income  40.00 + 60.00 + 0.30                 = 100.30
 *   purchases_goods   607                                  =  20.00
 *   purchases_materials 601 11.37 + 6026 5.00              =  16.37
 *   external_charges  6228 3.00 + 6288 2.50 + 613 (10.00 - 2.00)
 *                                                          =  13.50
 *   (6288 7.77 is the CAE's: out; 7088 too)
 *   taxes             635                                  =   0.40
 *   salaries          6411                                 =  10.00
 *   social_charges    6451                                 =   1.30
 *   other_charges     658                                  =   0.50
 *   operating_charges 20.00 + 16.37 + 13.50 + 0.40 + 10.00 + 1.30 + 0.50
 *                                                          =  62.07
 *   operating_result  100.30 - 62.07                       =  38.23
 *   financial_result  761 1.00 - 661 0.25                  =   0.75
 *   exceptional_result 771 0.10 - 671 0.60                 =  -0.50
 *   result            38.23 + 0.75 - 0.50                  =  38.48
 * Check: class 7 credits less debits (50.00 - 10.00 + 60.00 + 0.30 + 1.00
 * + 0.10 = 101.40) less class 6 debits less credits (11.37 + 5.00 + 20.00
 * + 3.00 + 2.50 + 10.00 - 2.00 + 0.40 + 10.00 + 1.30 + 0.50 + 0.25 + 0.60
 * = 62.92): 38.48. */
static void fixture(void)
{
	struct book_entry *je;

	books_reset();
	je = entry(0);
	line(je, A530, 12550, false);
	line(je, A707, -5000, false);
	line(je, A701, -6000, false);
	line(je, A44571, -1550, false);
	je = entry(0);
	line(je, A707, 1000, false);
	line(je, A530, -1000, false);
	je = entry(0);
	line(je, A658, 50, false);
	line(je, A530, -50, false);
	je = entry(0);
	line(je, A530, 30, false);
	line(je, A758, -30, false);
	je = entry(0);
	line(je, A601, 1137, false);
	line(je, A44566, 63, false);
	line(je, A530, -1200, false);
	je = entry(0);
	line(je, A6026, 500, false);
	line(je, A4671, -500, false);
	je = entry(0);
	line(je, A607, 2000, false);
	line(je, A512, -2000, false);
	je = entry(0);
	line(je, A6288, 250, false);
	line(je, A613, 1000, false);
	line(je, A512, -1250, false);
	je = entry(0);
	line(je, A512, 200, false);
	line(je, A613, -200, false);
	je = entry(0);
	line(je, A6228, 300, false);
	line(je, A7088, -300, true);
	je = entry(0);
	line(je, A6411, 1000, false);
	line(je, A4286, -1000, false);
	line(je, A6451, 130, false);
	line(je, A4386, -130, false);
	je = entry(0);
	line(je, A635, 40, false);
	line(je, A512, -40, false);
	je = entry(0);
	line(je, A661, 25, false);
	line(je, A761, -100, false);
	line(je, A512, 75, false);
	je = entry(0);
	line(je, A671, 60, false);
	line(je, A771, -10, false);
	line(je, A512, -50, false);
	je = entry(0);
	line(je, A6288, 777, true);
	line(je, A4671, -777, true);
	je = entry(1);
	line(je, A530, 99999, false);
	line(je, A707, -99999, false);
	balanced();
}

static void expect_income(const struct income *in, const int64_t want[INC_N])
{
	for (int i = 0; i < INC_N; i++)
		if (in->v[i] != want[i])
			fail_msg("%s: %lld, not %lld", income_key((enum income_item)i),
			         (long long)in->v[i], (long long)want[i]);
}

static void test_income_compute(void **state)
{
	static const int64_t want0[INC_N] = {
		[INC_SALES_GOODS] = 4000,
		[INC_PRODUCTION] = 6000,
		[INC_OTHER_INCOME] = 30,
		[INC_OPERATING_INCOME] = 10030,
		[INC_PURCHASES_GOODS] = 2000,
		[INC_PURCHASES_MATERIALS] = 1637,
		[INC_EXTERNAL] = 1350,
		[INC_TAXES] = 40,
		[INC_SALARIES] = 1000,
		[INC_SOCIAL] = 130,
		[INC_OTHER_CHARGES] = 50,
		[INC_OPERATING_CHARGES] = 6207,
		[INC_OPERATING_RESULT] = 3823,
		[INC_FINANCIAL_RESULT] = 75,
		[INC_EXCEPTIONAL_RESULT] = -50,
		[INC_RESULT] = 3848,
	};
	/* Project 1: its sale of goods only. */
	static const int64_t want1[INC_N] = {
		[INC_SALES_GOODS] = 99999,
		[INC_OPERATING_INCOME] = 99999,
		[INC_OPERATING_RESULT] = 99999,
		[INC_RESULT] = 99999,
	};
	/* A project with no entries: all 0. */
	static const int64_t want2[INC_N] = { 0 };
	struct income in;
	struct fc_error e;
	(void)state;

	fixture();
	memset(&in, 0x5a, sizeof in);
	assert_int_equal(income_compute(&B, 0, &in, &e), 0);
	expect_income(&in, want0);
	memset(&in, 0x5a, sizeof in);
	assert_int_equal(income_compute(&B, 1, &in, &e), 0);
	expect_income(&in, want1);
	memset(&in, 0x5a, sizeof in);
	assert_int_equal(income_compute(&B, 2, &in, &e), 0);
	expect_income(&in, want2);
}

/* Where the other accounts of classes 6 and 7 go (PCG, compte de
 * résultat), one line of 1.00 each on project 0:
 *   7011 (other 70: production) 1.00; 751 (75: other income) 2.00;
 *   7097 (RRR on goods: a debit takes from sales_goods) 3.00 debit;
 *   6022 (materials) 4.00; 6061 (other 60: external) 5.00;
 *   6097 (RRR on goods bought: a credit takes from purchases_goods)
 *   6.00 credit; 647 (64, not 641-644: social) 7.00;
 *   686 (financial) 8.00; 786 (financial) 9.00.
 *   sales_goods -3.00; production 1.00; other_income 2.00; operating
 *   income 0.00; purchases_goods -6.00; materials 4.00; external 5.00;
 *   social 7.00; operating charges 10.00; operating result -10.00;
 *   financial 9.00 - 8.00 = 1.00; result -9.00. */
static void test_income_classes(void **state)
{
	static const int64_t want[INC_N] = {
		[INC_SALES_GOODS] = -300,
		[INC_PRODUCTION] = 100,
		[INC_OTHER_INCOME] = 200,
		[INC_OPERATING_INCOME] = 0,
		[INC_PURCHASES_GOODS] = -600,
		[INC_PURCHASES_MATERIALS] = 400,
		[INC_EXTERNAL] = 500,
		[INC_SOCIAL] = 700,
		[INC_OPERATING_CHARGES] = 1000,
		[INC_OPERATING_RESULT] = -1000,
		[INC_FINANCIAL_RESULT] = 100,
		[INC_RESULT] = -900,
	};
	struct book_entry *je;
	struct income in;
	struct fc_error e;
	(void)state;

	books_reset();
	je = entry(0);
	line(je, A7011, -100, false);
	line(je, A75, -200, false);
	line(je, A7097, 300, false);
	line(je, A6022, 400, false);
	line(je, A6061, 500, false);
	line(je, A6097, -600, false);
	je = entry(0);
	line(je, A64, 700, false);
	line(je, A686, 800, false);
	line(je, A786, -900, false);
	/* class 4 and 5 lines: out */
	line(je, A512, 12345, false);
	line(je, A44571, -12345, false);
	assert_int_equal(income_compute(&B, 0, &in, &e), 0);
	expect_income(&in, want);
}

/* A sum that does not fit in cents is refused, FC_DATAERR:
 * - one line: 707 credit INT64_MAX twice (INT64_MAX + INT64_MAX);
 * - the totals: sales_goods INT64_MAX and production 1.00: the
 *   operating income does not fit;
 * - a product credited INT64_MIN: 0 - INT64_MIN does not fit. */
static void test_income_overflow(void **state)
{
	struct book_entry *je;
	struct income in;
	struct fc_error e;
	(void)state;

	books_reset();
	je = entry(0);
	line(je, A707, -INT64_MAX, false);
	line(je, A707, -INT64_MAX, false);
	e.code = 0;
	assert_int_equal(income_compute(&B, 0, &in, &e), FC_DATAERR);
	assert_int_equal(e.code, FC_DATAERR);

	books_reset();
	je = entry(0);
	line(je, A707, -INT64_MAX, false);
	line(je, A701, -100, false);
	assert_int_equal(income_compute(&B, 0, &in, &e), FC_DATAERR);

	books_reset();
	je = entry(0);
	line(je, A701, INT64_MIN, false);
	assert_int_equal(income_compute(&B, 0, &in, &e), FC_DATAERR);

	/* The same on another project's entries does not count. */
	books_reset();
	je = entry(1);
	line(je, A707, -INT64_MAX, false);
	line(je, A707, -INT64_MAX, false);
	assert_int_equal(income_compute(&B, 0, &in, &e), 0);
	assert_int_equal(in.v[INC_RESULT], 0);
}

static void test_income_keys(void **state)
{
	static const char *const keys[INC_N] = {
		"sales_goods", "production_sold", "other_income",
		"operating_income", "purchases_goods", "purchases_materials",
		"external_charges", "taxes", "salaries", "social_charges",
		"other_charges", "operating_charges", "operating_result",
		"financial_result", "exceptional_result", "result"
	};
	(void)state;

	for (int i = 0; i < INC_N; i++) {
		assert_string_equal(income_key((enum income_item)i), keys[i]);
		assert_non_null(income_label((enum income_item)i));
	}
	assert_string_equal(income_label(INC_SALES_GOODS),
	                    "Ventes de marchandises");
	assert_string_equal(income_label(INC_RESULT),
	                    "Résultat (bénéfice ou perte)");
}

/* ---- the documents of a project ---- */

/*
 * FC-B, 2026-05-04 to 2026-05-10, VAT, 10 % of the margin, 20.00 in the
 * drawer; granola is bought for resale (707).  On the 4th:
 *   S00001 4 cookies 10.00 at 5.5 %, cash
 *   S00002 1 granola  6.00 at 5.5 %, card
 *   C00001 flour 12.00 at 5.5 %, cash, ref F1
 *   K00001 the drawer counted 17.50
 *   hours: P001 6, P002 4.
 * By hand (H(T) = round(T x 10000 / 10550), the rate's running total):
 *   CA00001 the float: 530 D 20.00 / 4671 C 20.00
 *   VT00001 cash: 530 D 10.00 / 701 C H(1000) = round(947.87) = 9.48,
 *           44571055 C 0.52
 *   VT00002 card, resale: 5115 D 6.00 / 707 C H(1600) - 9.48 =
 *           round(1516.59) = 15.17 - 9.48 = 5.69, 44571055 C 0.31
 *   AC00001 601 D 11.37 (VAT round(1200 x 550 / 10550) = 0.63),
 *           44566055 D 0.63 / 530 C 12.00
 *   CA00002 the drawer: 20.00 + 10.00 - 12.00 = 18.00 expected, 17.50
 *           counted: 658 D 0.50 / 530 C 0.50
 *   530: 20.00 + 10.00 - 12.00 - 0.50 = 17.50, the count.
 *   The margin: turnover 9.48 + 5.69 = 15.17, charges 11.37, the cash
 *   difference -0.50: 3.30.
 */
static char tmpdir[] = "/tmp/fc-test-book-reports-XXXXXX";
static char dir[PATH_MAX];

static void put(const char *name, const char *data, mode_t mode)
{
	char path[PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(data, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* The project anew in tmpdir/name. */
static void project_in(const char *name)
{
	snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
	assert_int_equal(mkdir(dir, 0755), 0);
	put("flashcoop.ini",
	    "[flashcoop]\nid = FC-B\nname = Books\nstart = 2026-05-04\n"
	    "end = 2026-05-10\ncurrency = EUR\n"
	    "[money]\nvat = yes\ncae_base = margin\ncae_rate = 10\n"
	    "employer_rate = 13\nemployee_rate = 22\nshare = hours\n"
	    "cash_float = 20.00\n[products]\ncookie = 2.50, 5.5\n"
	    "granola = 6.00, 5.5, resale\n", 0644);
	put("participants.csv",
	    "id,name,contract,enrolled,withdrawn,gender,birth_year,"
	    "status_at_entry,referrer,note\n"
	    "P001,Ana,C1,2026-05-04,,F,2000,,,\n"
	    "P002,Ben,C2,2026-05-04,,M,1970,,,\n", 0600);
	put("ledger.csv",
	    "id,date,kind,product,quantity,unit_price,amount,vat_rate,"
	    "category,payment,participant,ref,note\n"
	    "S00001,2026-05-04,sale,cookie,4,2.50,10.00,5.5,,cash,P001,,\n"
	    "S00002,2026-05-04,sale,granola,1,6.00,6.00,5.5,,card,P002,,\n"
	    "C00001,2026-05-04,charge,,,,12.00,5.5,ingredients,cash,,F1,"
	    "flour\n"
	    "K00001,2026-05-04,count,,,,17.50,,,cash,,,\n", 0644);
	put("hours.csv",
	    "id,date,kind,participant,hours,ref,note\n"
	    "H00001,2026-05-04,hours,P001,6,,\n"
	    "H00002,2026-05-04,hours,P002,4,,\n", 0644);
	put(".gitignore", ".lock\n.commit\n*.tmp\n", 0644);
	put(".gitattributes", "# flashcoop: ledgers are LF text, diffed line "
	    "by line.\n*.csv text eol=lf diff\n*.ini text eol=lf diff\n",
	    0644);
}

static int setup(void **state)
{
	(void)state;
	umask(022);
	if (!mkdtemp(tmpdir))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

/* The rows of a report (the headings first), cells as CSV writes them,
 * '|' between, one line each. */
static char *lines(const struct report *r)
{
	struct buf b = { 0 };
	char cell[GRID_PLAIN_SIZE];

	for (size_t j = 0; j < r->grid.ncols; j++) {
		assert_int_equal(buf_puts(&b, j ? "|" : ""), 0);
		assert_int_equal(buf_puts(&b, r->grid.col[j].name), 0);
	}
	assert_int_equal(buf_puts(&b, "\n"), 0);
	for (size_t i = 0; i < r->grid.nrows; i++) {
		for (size_t j = 0; j < r->grid.ncols; j++) {
			const char *v = grid_plain(grid_at(&r->grid, i, j), cell);
			assert_int_equal(buf_puts(&b, j ? "|" : ""), 0);
			assert_int_equal(buf_puts(&b, v), 0);
		}
		assert_int_equal(buf_puts(&b, "\n"), 0);
	}
	return b.p;
}

/* Report name over the project in dir, times times, as lines. */
static char *made(const char *name, bool with_closing, int times)
{
	struct report_options o = { reports_find(name), 0, DATE_NONE,
	                            DATE_NONE, false, with_closing, false,
	                            NULL, NULL };
	struct project p;
	struct report r;
	struct fc_error e;
	char *text;

	assert_non_null(o.def);
	if (project_load(dir, &p, &e))
		fail_msg("project_load: %s", e.msg);
	assert_int_equal(report_begin(&r, &o, &e), 0);
	for (int i = 0; i < times; i++)
		if (report_project(&r, &p, &e))
			fail_msg("%s: %s", name, e.msg);
	if (report_end(&r, &e))
		fail_msg("%s: %s", name, e.msg);
	text = lines(&r);
	report_free(&r);
	project_free(&p);
	return text;
}

static void check(const char *name, bool with_closing, int times,
                  const char *want)
{
	char *got = made(name, with_closing, times);
	assert_string_equal(got, want);
	free(got);
}

#define DEDUCTIBLE "TVA déductible sur autres biens et services 5.5 %"

/* The accounts by number as text; debits, credits, balance; the total
 * 48.50 = 0.63 + 30.00 + 6.00 + 11.37 + 0.50 on each side. */
#define BALANCE_ROWS(P) \
	P "|44566055|" DEDUCTIBLE "|0.63|0.00|0.63\n" \
	P "|44571055|TVA collectée 5.5 %|0.00|0.83|-0.83\n" \
	P "|4671|CAE, compte courant|0.00|20.00|-20.00\n" \
	P "|5115|Cartes bancaires à encaisser|6.00|0.00|6.00\n" \
	P "|530|Caisse|30.00|12.50|17.50\n" \
	P "|601|Achats stockés - matières premières|11.37|0.00|11.37\n" \
	P "|658|Charges diverses de gestion courante|0.50|0.00|0.50\n" \
	P "|701|Ventes de produits finis|0.00|9.48|-9.48\n" \
	P "|707|Ventes de marchandises|0.00|5.69|-5.69\n"
#define BALANCE_HEAD "project|account|label|debit|credit|balance\n"

static void test_balance(void **state)
{
	(void)state;
	project_in("balance");
	check("balance", false, 1, BALANCE_HEAD BALANCE_ROWS("FC-B")
	      "total|||48.50|48.50|0.00\n");
}

/* Two projects (the same one twice): each one's rows, then a total per
 * account (each figure doubled), then the total of all: 97.00. */
static void test_balance_two(void **state)
{
	(void)state;
	project_in("balance2");
	check("balance", false, 2, BALANCE_HEAD BALANCE_ROWS("FC-B")
	      BALANCE_ROWS("FC-B")
	      "total|44566055|" DEDUCTIBLE "|1.26|0.00|1.26\n"
	      "total|44571055|TVA collectée 5.5 %|0.00|1.66|-1.66\n"
	      "total|4671|CAE, compte courant|0.00|40.00|-40.00\n"
	      "total|5115|Cartes bancaires à encaisser|12.00|0.00|12.00\n"
	      "total|530|Caisse|60.00|25.00|35.00\n"
	      "total|601|Achats stockés - matières premières|22.74|0.00|"
	      "22.74\n"
	      "total|658|Charges diverses de gestion courante|1.00|0.00|1.00\n"
	      "total|701|Ventes de produits finis|0.00|18.96|-18.96\n"
	      "total|707|Ventes de marchandises|0.00|11.38|-11.38\n"
	      "total|||97.00|97.00|0.00\n");
}

/* Every line by account, in the order of the entries (by ValidDate,
 * journal, number: VT00001, VT00002, AC00001, CA00001, CA00002), the
 * balance running per account; 530: 10.00, -2.00, 18.00, 17.50. */
static void test_general_ledger(void **state)
{
	char *got;
	(void)state;

	project_in("ledger");
	got = made("general-ledger", false, 1);
	assert_string_equal(got,
	    "project|account|label|date|journal|number|piece|text|debit|"
	    "credit|balance\n"
	    "FC-B|44566055|" DEDUCTIBLE "|2026-05-04|AC|AC00001|F1|"
	    "ingredients : flour, TVA 5.5 %|0.63|0.00|0.63\n"
	    "FC-B|44571055|TVA collectée 5.5 %|2026-05-04|VT|VT00001|"
	    "Z-2026-05-04-cash-5.5|Ventes du 2026-05-04, espèces, TVA 5.5 % (1)"
	    "|0.00|0.52|-0.52\n"
	    "FC-B|44571055|TVA collectée 5.5 %|2026-05-04|VT|VT00002|"
	    "Z-2026-05-04-card-5.5-resale|Ventes du 2026-05-04, carte, TVA 5.5 % (1)"
	    "|0.00|0.31|-0.83\n"
	    "FC-B|4671|CAE, compte courant|2026-05-04|CA|CA00001|FOND-CAISSE|"
	    "Fonds de caisse apporté par la CAE|0.00|20.00|-20.00\n"
	    "FC-B|5115|Cartes bancaires à encaisser|2026-05-04|VT|VT00002|"
	    "Z-2026-05-04-card-5.5-resale|Ventes du 2026-05-04, carte, TVA 5.5 % (1)"
	    "|6.00|0.00|6.00\n"
	    "FC-B|530|Caisse|2026-05-04|VT|VT00001|Z-2026-05-04-cash-5.5|"
	    "Ventes du 2026-05-04, espèces, TVA 5.5 % (1)|10.00|0.00|10.00\n"
	    "FC-B|530|Caisse|2026-05-04|AC|AC00001|F1|"
	    "ingredients : flour, TVA 5.5 %|0.00|12.00|-2.00\n"
	    "FC-B|530|Caisse|2026-05-04|CA|CA00001|FOND-CAISSE|"
	    "Fonds de caisse apporté par la CAE|20.00|0.00|18.00\n"
	    "FC-B|530|Caisse|2026-05-04|CA|CA00002|K00001|"
	    "Écart de caisse du 2026-05-04 (manquant)|0.00|0.50|17.50\n"
	    "FC-B|601|Achats stockés - matières premières|2026-05-04|AC|"
	    "AC00001|F1|ingredients : flour, TVA 5.5 %|11.37|0.00|11.37\n"
	    "FC-B|658|Charges diverses de gestion courante|2026-05-04|CA|"
	    "CA00002|K00001|Écart de caisse du 2026-05-04 (manquant)|0.50|"
	    "0.00|0.50\n"
	    "FC-B|701|Ventes de produits finis|2026-05-04|VT|VT00001|"
	    "Z-2026-05-04-cash-5.5|Ventes du 2026-05-04, espèces, TVA 5.5 % (1)"
	    "|0.00|9.48|-9.48\n"
	    "FC-B|707|Ventes de marchandises|2026-05-04|VT|VT00002|"
	    "Z-2026-05-04-card-5.5-resale|Ventes du 2026-05-04, carte, TVA 5.5 % (1)"
	    "|0.00|5.69|-5.69\n"
	    "total||||||||48.50|48.50|\n");
	free(got);
}

/* The statement: 707 5.69, 701 9.48, operating income 15.17; 601 11.37,
 * 658 0.50, operating charges 11.87; result 3.30, the margin.  The lines
 * of 0.00 left out but the totals. */
#define INCOME_HEAD "project|item|label|amount\n"
#define INCOME_ROWS(P, sg, ps, oi, pm, oc, och, res) \
	P "|sales_goods|Ventes de marchandises|" sg "\n" \
	P "|production_sold|Production vendue (biens et services)|" ps "\n" \
	P "|operating_income|Total des produits d'exploitation|" oi "\n" \
	P "|purchases_materials|Achats de matières premières et autres " \
	"approvisionnements|" pm "\n" \
	P "|other_charges|Autres charges d'exploitation|" oc "\n" \
	P "|operating_charges|Total des charges d'exploitation|" och "\n" \
	P "|operating_result|Résultat d'exploitation|" res "\n" \
	P "|financial_result|Résultat financier|0.00\n" \
	P "|exceptional_result|Résultat exceptionnel|0.00\n" \
	P "|result|Résultat (bénéfice ou perte)|" res "\n"

static void test_income(void **state)
{
	(void)state;
	project_in("income");
	check("income", false, 1, INCOME_HEAD
	      INCOME_ROWS("FC-B", "5.69", "9.48", "15.17", "11.37", "0.50",
	                  "11.87", "3.30"));
	/* Two: then their sum, line by line. */
	check("income", false, 2, INCOME_HEAD
	      INCOME_ROWS("FC-B", "5.69", "9.48", "15.17", "11.37", "0.50",
	                  "11.87", "3.30")
	      INCOME_ROWS("FC-B", "5.69", "9.48", "15.17", "11.37", "0.50",
	                  "11.87", "3.30")
	      INCOME_ROWS("total", "11.38", "18.96", "30.34", "22.74", "1.00",
	                  "23.74", "6.60"));
	/* --with-closing on an open project: nothing more to book. */
	check("income", true, 1, INCOME_HEAD
	      INCOME_ROWS("FC-B", "5.69", "9.48", "15.17", "11.37", "0.50",
	                  "11.87", "3.30"));
}

/* What the closing finds: a project made before the chain is only
 * warned of; anything else fails the test. */
static void problems(void *ctx, const char *problem, bool warning)
{
	(void)ctx;
	if (!warning)
		fail_msg("closing: %s", problem);
}

/* Closed on the 10th.  Margin 3.30, contribution 10 %: 0.33,
 * distributable 2.97; by hours 6 : 4, 1.782 and 1.188 -> 1.78 and 1.18,
 * the cent left to the larger remainder (0.8): 1.78 and 1.19.  Gross =
 * round(share x 100 / 113): 157.52 -> 1.58 and 105.31 -> 1.05 (2.63),
 * employer 0.20 + 0.14 = 0.34.  With the closing: 6228 0.33 (external
 * charges; its 7088 on the CAE's code is not the project's), 6411 2.63,
 * 6451 0.34: operating charges 11.37 + 0.33 + 2.63 + 0.34 + 0.50 =
 * 15.17, result 15.17 - 15.17 = 0.00: all was shared.  Without
 * --with-closing the statement stays the margin's. */
static void test_income_closed(void **state)
{
	struct participants ps;
	struct closing c;
	struct project p;
	struct fc_error e;
	(void)state;

	project_in("closed");
	assert_int_equal(project_load(dir, &p, &e), 0);
	if (closing_run(&p, date_from_ymd(2026, 5, 10), CLOSE_ALLOW_UNCLOSED,
	                problems, NULL, &c, &ps, &e) != 0)
		fail_msg("closing_run: %s", e.msg);
	assert_int_equal(c.margin, 330);
	assert_int_equal(c.contribution, 33);
	closing_free(&c);
	participants_free(&ps);
	project_free(&p);

	check("income", false, 1, INCOME_HEAD
	      INCOME_ROWS("FC-B", "5.69", "9.48", "15.17", "11.37", "0.50",
	                  "11.87", "3.30"));
	check("income", true, 1, INCOME_HEAD
	      "FC-B|sales_goods|Ventes de marchandises|5.69\n"
	      "FC-B|production_sold|Production vendue (biens et services)|"
	      "9.48\n"
	      "FC-B|operating_income|Total des produits d'exploitation|15.17\n"
	      "FC-B|purchases_materials|Achats de matières premières et autres "
	      "approvisionnements|11.37\n"
	      "FC-B|external_charges|Autres achats et charges externes|0.33\n"
	      "FC-B|salaries|Salaires et traitements|2.63\n"
	      "FC-B|social_charges|Charges sociales|0.34\n"
	      "FC-B|other_charges|Autres charges d'exploitation|0.50\n"
	      "FC-B|operating_charges|Total des charges d'exploitation|15.17\n"
	      "FC-B|operating_result|Résultat d'exploitation|0.00\n"
	      "FC-B|financial_result|Résultat financier|0.00\n"
	      "FC-B|exceptional_result|Résultat exceptionnel|0.00\n"
	      "FC-B|result|Résultat (bénéfice ou perte)|0.00\n");
	/* The balance with the closing: 7088 credited 0.33 on the CAE's
	 * code, 4286 2.63 and 4386 0.34 accrued. */
	{
		char *got = made("balance", true, 1);
		assert_non_null(strstr(got, "\nFC-B|6228|Contribution à la CAE|"
		                       "0.33|0.00|0.33\n"));
		assert_non_null(strstr(got, "\nFC-B|7088|Contribution des "
		                       "activités (CAE)|0.00|0.33|-0.33\n"));
		assert_non_null(strstr(got, "\nFC-B|4286|Personnel, charges à "
		                       "payer|0.00|2.63|-2.63\n"));
		assert_non_null(strstr(got, "\nFC-B|4386|Organismes sociaux, "
		                       "charges à payer|0.00|0.34|-0.34\n"));
		/* 48.50 + 0.33 + 2.63 + 0.34 = 51.80 */
		assert_non_null(strstr(got, "\ntotal|||51.80|51.80|0.00\n"));
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_income_compute),
		cmocka_unit_test(test_income_classes),
		cmocka_unit_test(test_income_overflow),
		cmocka_unit_test(test_income_keys),
		cmocka_unit_test(test_balance),
		cmocka_unit_test(test_balance_two),
		cmocka_unit_test(test_general_ledger),
		cmocka_unit_test(test_income),
		cmocka_unit_test(test_income_closed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
