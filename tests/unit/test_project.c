/*
 * Unit tests for lib/project.c: loading and checking flashcoop.ini, and the
 * flashcoop.ini text that flashcoop-init writes.
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
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/date.h"
#include "flashcoop/error.h"
#include "flashcoop/ini.h"
#include "flashcoop/project.h"
#include "flashcoop/table.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-project-XXXXXX";
static char ini[PATH_MAX];

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(ini, sizeof ini, "%s/%s", tmpdir, PROJECT_INI);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_rm_tree(tmpdir);
}

static void write_text(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void write_ini(const char *text)
{
	write_text(ini, text, strlen(text));
}

static int32_t day(const char *s)
{
	int32_t d;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* A small good file, one thing a line, so that a test can swap a line
 * and know its number. */
static const char *const base[] = {
	"[flashcoop]",              /* 1 */
	"id = FC-1",                /* 2 */
	"name = Test",              /* 3 */
	"start = 2026-05-04",       /* 4 */
	"end = 2026-05-13",         /* 5 */
	"",                         /* 6 */
	"[money]",                  /* 7 */
	"vat = yes",                /* 8 */
	"cae_rate = 10",            /* 9 */
	"share = hours",            /* 10 */
	"cash_float = 50.00",       /* 11 */
	"",                         /* 12 */
	"[products]",               /* 13 */
	"cookie = 2.50, 5.5",       /* 14 */
};
#define NBASE (sizeof base / sizeof *base)

/* The base file with line n (1-based) replaced by text (which may hold
 * more lines, or none: "" leaves an empty line). */
static void write_base(size_t n, const char *text)
{
	struct buf b = { NULL, 0, 0 };
	for (size_t i = 0; i < NBASE; i++) {
		buf_puts(&b, i + 1 == n ? text : base[i]);
		buf_puts(&b, "\n");
	}
	write_text(ini, b.p, b.len);
	buf_free(&b);
}

/* Load, expecting success. */
static void load_ok(struct project *p)
{
	struct fc_error e = { 0, "" };
	int rc = project_load(tmpdir, p, &e);
	if (rc != 0)
		fail_msg("project_load failed (%d): %s", rc, e.msg);
}

/* Load, expecting FC_DATAERR with want (e.g. "flashcoop.ini:9:") and word
 * (when not NULL) in the message. */
static void load_bad(const char *want, const char *word)
{
	struct project p;
	struct fc_error e = { 0, "" };
	int rc = project_load(tmpdir, &p, &e);

	if (rc != FC_DATAERR)
		fail_msg("project_load gave %d, want %d (%s)", rc, FC_DATAERR,
		         e.msg);
	assert_int_equal(e.code, FC_DATAERR);
	if (!strstr(e.msg, want))
		fail_msg("message '%s' does not hold '%s'", e.msg, want);
	if (word && !strstr(e.msg, word))
		fail_msg("message '%s' does not hold '%s'", e.msg, word);
	/* A failed load leaves nothing to free. */
	assert_null(p.products);
	assert_null(p.id);
	assert_null(p.dir);
	assert_null(p.warnings);
}

static void base_bad(size_t n, const char *text, const char *want,
                     const char *word)
{
	write_base(n, text);
	load_bad(want, word);
}

static void test_load_good(void **state)
{
	struct project p;
	const struct product *pr;
	(void)state;

	write_ini("; a Flashcoop\n"
	          "[flashcoop]\n"
	          "id       = FC-2026-LYON-01        ; short stable id\n"
	          "name     = Flashcoop Cookies Croix-Rousse\n"
	          "activity = cookies\n"
	          "host     = CAE Exemple             ; the CAE\n"
	          "start    = 2026-05-04\n"
	          "end      = 2026-05-13\n"
	          "event    = \"Marché de la Croix-Rousse; samedi #2\"  ; where\n"
	          "currency = EUR\n"
	          "\n"
	          "# money\n"
	          "[money]\n"
	          "vat            = yes     ; no: prices carry no VAT\n"
	          "cae_base       = turnover\n"
	          "cae_rate       = 5.5     ; percent\n"
	          "employer_rate  = 13,25\n"
	          "employee_rate  = 22      # percent\n"
	          "share          = equal\n"
	          "cash_float     = 50.00   ; fond de caisse\n"
	          "\n"
	          "[products]\n"
	          "; name = price, rate\n"
	          "cookie        = 2.50, 5.5\n"
	          "Biscuit-Apero = 3.00, 5.5 ; in the catalogue\n"
	          "sac-vrac      = 8.00, 20\n"
	          "gratuit       = 0, 0\n");
	load_ok(&p);
	assert_string_equal(p.dir, tmpdir);
	assert_string_equal(p.id, "FC-2026-LYON-01");
	assert_string_equal(p.name, "Flashcoop Cookies Croix-Rousse");
	assert_string_equal(p.activity, "cookies");
	assert_string_equal(p.host, "CAE Exemple");
	assert_string_equal(p.event, "Marché de la Croix-Rousse; samedi #2");
	assert_string_equal(p.currency, "EUR");
	assert_true(p.start == day("2026-05-04"));
	assert_true(p.end == day("2026-05-13"));
	assert_true(p.vat);
	assert_int_equal(p.cae_base, CAE_BASE_TURNOVER);
	assert_int_equal(p.cae_rate, 550);
	assert_int_equal(p.employer_rate, 1325);
	assert_int_equal(p.employee_rate, 2200);
	assert_int_equal(p.share, SHARE_EQUAL);
	assert_int_equal(p.cash_float, 5000);
	assert_int_equal(p.nproducts, 4);
	assert_string_equal(p.products[0].name, "cookie");
	assert_int_equal(p.products[0].price, 250);
	assert_int_equal(p.products[0].vat, 550);
	assert_string_equal(p.products[1].name, "biscuit-apero");
	assert_int_equal(p.products[1].price, 300);
	assert_int_equal(p.products[1].vat, 550);
	assert_string_equal(p.products[2].name, "sac-vrac");
	assert_int_equal(p.products[2].price, 800);
	assert_int_equal(p.products[2].vat, 2000);
	assert_string_equal(p.products[3].name, "gratuit");
	assert_int_equal(p.products[3].price, 0);
	assert_int_equal(p.products[3].vat, 0);

	pr = project_product(&p, "cookie");
	assert_ptr_equal(pr, &p.products[0]);
	assert_ptr_equal(project_product(&p, "COOKIE"), &p.products[0]);
	assert_ptr_equal(project_product(&p, "Biscuit-APERO"), &p.products[1]);
	assert_ptr_equal(project_product(&p, "Sac-Vrac"), &p.products[2]);
	assert_null(project_product(&p, "cookies"));
	assert_null(project_product(&p, "cook"));
	assert_null(project_product(&p, ""));
	project_free(&p);
	assert_null(p.products);
	assert_null(p.id);
}

static void test_load_defaults(void **state)
{
	struct project p;
	(void)state;

	write_ini("[flashcoop]\nid = x\nname = y\nstart = 2026-05-04\n"
	          "end = 2026-05-04\n");
	load_ok(&p);
	assert_string_equal(p.id, "x");
	assert_string_equal(p.name, "y");
	assert_string_equal(p.activity, "");
	assert_string_equal(p.host, "");
	assert_string_equal(p.event, "");
	assert_string_equal(p.currency, "EUR");
	assert_true(p.start == p.end);
	assert_true(p.vat);
	assert_int_equal(p.cae_base, CAE_BASE_MARGIN);
	assert_int_equal(p.cae_rate, 1000);
	assert_int_equal(p.employer_rate, 1300);
	assert_int_equal(p.employee_rate, 2200);
	assert_int_equal(p.share, SHARE_HOURS);
	assert_int_equal(p.cash_float, 0);
	/* No min_hourly_gross: the SMIC of 2026, 12.02. */
	assert_int_equal(p.min_hourly_gross, 1202);
	assert_int_equal(p.min_hourly_gross, PROJECT_MIN_HOURLY_GROSS);
	assert_int_equal(p.nproducts, 0);
	assert_null(project_product(&p, "cookie"));
	project_free(&p);
}

static void test_load_base_and_choices(void **state)
{
	struct project p;
	(void)state;

	write_base(0, "");
	load_ok(&p);
	assert_int_equal(p.cae_rate, 1000);
	assert_int_equal(p.cash_float, 5000);
	assert_int_equal(p.nproducts, 1);
	assert_int_equal(p.products[0].price, 250);
	project_free(&p);

	/* [money] min_hourly_gross: given, 0 (no check), a comma. */
	write_base(12, "min_hourly_gross = 11.65");
	load_ok(&p);
	assert_int_equal(p.min_hourly_gross, 1165);
	project_free(&p);
	write_base(12, "min_hourly_gross = 0 ; no check");
	load_ok(&p);
	assert_int_equal(p.min_hourly_gross, 0);
	project_free(&p);
	write_base(12, "min_hourly_gross = 12");
	load_ok(&p);
	assert_int_equal(p.min_hourly_gross, 1200);
	project_free(&p);
	/* Absent: 12.02. */
	write_base(0, "");
	load_ok(&p);
	assert_int_equal(p.min_hourly_gross, 1202);
	project_free(&p);

	/* Leading zeros are decimal, never octal. */
	write_base(9, "cae_rate = 08");
	load_ok(&p);
	assert_int_equal(p.cae_rate, 800);
	project_free(&p);
	write_base(9, "cae_rate = 010");
	load_ok(&p);
	assert_int_equal(p.cae_rate, 1000);
	project_free(&p);
	write_base(9, "cae_rate = 0");
	load_ok(&p);
	assert_int_equal(p.cae_rate, 0);
	project_free(&p);
	write_base(9, "cae_rate = 100");
	load_ok(&p);
	assert_int_equal(p.cae_rate, 10000);
	project_free(&p);

	/* Choices ignore case. */
	write_base(8, "vat = No");
	load_ok(&p);
	assert_false(p.vat);
	project_free(&p);
	write_base(10, "share = EQUAL");
	load_ok(&p);
	assert_int_equal(p.share, SHARE_EQUAL);
	project_free(&p);

	/* A decimal comma in a price needs the space before the rate. */
	write_base(14, "cookie = 2,50, 5,5");
	load_ok(&p);
	assert_int_equal(p.products[0].price, 250);
	assert_int_equal(p.products[0].vat, 550);
	project_free(&p);
	write_base(14, "cookie = 2.5,\t5.5");
	load_ok(&p);
	assert_int_equal(p.products[0].price, 250);
	assert_int_equal(p.products[0].vat, 550);
	project_free(&p);

	/* Tabs may align a hand-edited file. */
	write_base(9, "cae_rate\t=\t12\t; percent");
	load_ok(&p);
	assert_int_equal(p.cae_rate, 1200);
	project_free(&p);

	/* Without VAT a product needs no rate, and a decimal comma without
	 * a space after it is part of the price. */
	write_ini("[flashcoop]\nid = x\nname = y\nstart = 2026-05-04\n"
	          "end = 2026-05-04\n[money]\nvat = no\n[products]\n"
	          "cookie = 2.50\nbiscuit = 3,20\n");
	load_ok(&p);
	assert_false(p.vat);
	assert_int_equal(p.nproducts, 2);
	assert_int_equal(p.products[0].price, 250);
	assert_int_equal(p.products[0].vat, 0);
	assert_int_equal(p.products[1].price, 320);
	assert_int_equal(p.products[1].vat, 0);
	project_free(&p);

	/* CRLF line ends. */
	write_ini("[flashcoop]\r\nid = x\r\nname = y z\r\nstart = 2026-05-04\r\n"
	          "end = 2026-05-05\r\n[products]\r\ncookie = 1, 20\r\n");
	load_ok(&p);
	assert_string_equal(p.name, "y z");
	assert_int_equal(p.products[0].price, 100);
	assert_int_equal(p.products[0].vat, 2000);
	project_free(&p);
}

/* A currency other than the default is kept as written. */
static void test_load_currency(void **state)
{
	struct project p;
	(void)state;
	write_base(6, "currency = CHF");
	load_ok(&p);
	assert_string_equal(p.currency, "CHF");
	project_free(&p);
	write_base(6, "currency =");
	load_ok(&p);
	assert_string_equal(p.currency, "EUR");
	project_free(&p);
}

/* Products are one whatever their case, accents included: found so, and
 * two of them that differ only by case are refused, naming the second
 * line and both spellings. */
static void test_load_products_case(void **state)
{
	struct project p;
	(void)state;
	write_base(14, "\xc3\x89" "clair = 2.00, 5.5\n"            /* 14 */
	               "\xc5\x92uf = 1.00, 5.5\n"                   /* 15 */
	               "\xc5\xb8" "aourt = 1.50, 5.5\n"             /* 16 */
	               "Cookie = 2.50, 5.5");                       /* 17 */
	load_ok(&p);
	assert_int_equal(p.nproducts, 4);
	/* iniparser lowers the ASCII letters only. */
	assert_string_equal(p.products[0].name, "\xc3\x89" "clair");
	assert_string_equal(p.products[3].name, "cookie");
	assert_ptr_equal(project_product(&p, "\xc3\xa9" "clair"),
	                 &p.products[0]);
	assert_ptr_equal(project_product(&p, "\xc3\x89" "CLAIR"),
	                 &p.products[0]);
	assert_ptr_equal(project_product(&p, "\xc5\x93" "UF"), &p.products[1]);
	assert_ptr_equal(project_product(&p, "\xc3\xbf" "aourt"),
	                 &p.products[2]);
	assert_ptr_equal(project_product(&p, "COOKIE"), &p.products[3]);
	assert_null(project_product(&p, "eclair"));
	project_free(&p);

	base_bad(14, "\xc3\x89" "clair = 2.00, 5.5\n\xc3\xa9" "clair = 2.20, 5.5",
	         "flashcoop.ini:15:", "products '\xc3\x89" "clair' and '"
	         "\xc3\xa9" "clair' differ only by case");
	/* Merged by iniparser into one key: found before it does. */
	base_bad(14, "Cookie = 2.50, 5.5\n\n; again\ncookie = 3.00, 5.5",
	         "flashcoop.ini:17:", "products 'Cookie' and 'cookie'");
	base_bad(14, "cookie = 2.50, 5.5\ncookie = 3.00, 5.5",
	         "flashcoop.ini:15:", "product 'cookie' appears a second time "
	         "(first on line 14)");
	/* In a second [products] too; other sections may repeat a name. */
	base_bad(14, "cookie = 2.50, 5.5\n[products]\n COOKIE\t= 3.00, 5.5",
	         "flashcoop.ini:16:", "differ only by case");
	write_base(14, "cookie = 2.50, 5.5\n[accounts]\ncharge_cookie = 601");
	load_ok(&p);
	project_free(&p);
}

/* A section given again is a warning, not an error: its keys join the
 * first one's, as iniparser reads them. */
static void test_load_repeated_section(void **state)
{
	struct project p;
	(void)state;
	write_base(6, "");
	load_ok(&p);
	assert_int_equal(p.nwarnings, 0);
	assert_null(p.warnings);
	project_free(&p);

	write_base(12, "[money]\nshare = equal\n[ Money ]\n");
	load_ok(&p);
	assert_int_equal(p.share, SHARE_EQUAL);
	assert_int_equal(p.cae_rate, 1000);
	assert_int_equal(p.nwarnings, 2);
	if (!strstr(p.warnings[0], "flashcoop.ini:12: warning: [money] appears "
	            "a second time (first on line 7): its keys join the first"))
		fail_msg("warning: %s", p.warnings[0]);
	if (!strstr(p.warnings[1], "flashcoop.ini:14: warning: [money] appears "
	            "again (first on line 7)"))
		fail_msg("warning: %s", p.warnings[1]);
	project_free(&p);
	assert_null(p.warnings);
	assert_int_equal(p.nwarnings, 0);

	/* A failed load leaves no warning behind. */
	write_base(14, "[flashcoop]\ncolour = red");
	load_bad("flashcoop.ini:15:", "colour");
}

/* A UTF-8 byte-order mark before the first line is skipped, and the lines
 * keep their numbers, in iniparser's complaints and in ours; one anywhere
 * else is a character like any other. */
static void test_load_bom(void **state)
{
	struct project p;
	static const char bom_good[] = "\xef\xbb\xbf[flashcoop]\nid = FC-1\n"
	        "name = Test\nstart = 2026-05-04\nend = 2026-05-13\n";
	(void)state;
	write_ini(bom_good);
	load_ok(&p);
	assert_string_equal(p.id, "FC-1");
	project_free(&p);
	write_ini("\xef\xbb\xbf[flashcoop]\nid = FC-1\nname = Test\n"
	          "start = 2026-02-30\nend = 2026-05-13\n");
	load_bad("flashcoop.ini:4:", "start");
	write_ini("\xef\xbb\xbf; a comment\n[flashcoop]\nid = FC-1\n"
	          "name = Test\nstart = 2026-05-04\nend = 2026-05-13\n"
	          "oops\n");
	load_bad("flashcoop.ini:7:", NULL);
	assert_int_equal(ini_line_of(ini, "flashcoop", "name"), 4);
	write_ini("\xef\xbb\xbf[flashcoop]\nid = FC-1\n");
	assert_int_equal(ini_line_of(ini, "flashcoop", NULL), 1);
	assert_int_equal(ini_line_of(ini, "flashcoop", "id"), 2);
	/* Twice, or on a later line: not a mark any more. */
	write_ini("\xef\xbb\xbf\xef\xbb\xbf[flashcoop]\nid = FC-1\n");
	load_bad("flashcoop.ini:1:", NULL);
	write_ini("[flashcoop]\n\xef\xbb\xbfid = FC-1\nname = Test\n"
	          "start = 2026-05-04\nend = 2026-05-13\n");
	load_bad("flashcoop.ini", NULL);
}

static void test_load_missing(void **state)
{
	struct project p;
	struct fc_error e;
	char dir[512];
	(void)state;

	unlink(ini);
	assert_int_equal(project_load(tmpdir, &p, &e), FC_NOINPUT);
	assert_int_equal(e.code, FC_NOINPUT);
	assert_non_null(strstr(e.msg, PROJECT_INI));
	snprintf(dir, sizeof dir, "%s/nowhere", tmpdir);
	assert_int_equal(project_load(dir, &p, &e), FC_NOINPUT);
	assert_int_equal(e.code, FC_NOINPUT);
	assert_null(p.id);
}

static void test_load_missing_keys(void **state)
{
	(void)state;
	base_bad(2, "; no id", "flashcoop.ini", "id");
	base_bad(3, "", "flashcoop.ini", "name");
	base_bad(4, "", "flashcoop.ini", "start");
	base_bad(5, "; end?", "flashcoop.ini", "end");
	/* Present but empty: named with its line. */
	base_bad(3, "name =", "flashcoop.ini:3:", "name");
	base_bad(2, "id = \"\"", "flashcoop.ini:2:", "id");
	base_bad(4, "start =", "flashcoop.ini:4:", "start");
	/* No [flashcoop] at all. */
	write_ini("[money]\nvat = yes\n");
	load_bad("flashcoop.ini", "id");
}

static void test_load_bad_values(void **state)
{
	(void)state;
	base_bad(9, "cae_rate = abc", "flashcoop.ini:9:", "cae_rate");
	base_bad(9, "cae_rate = 101", "flashcoop.ini:9:", "cae_rate");
	base_bad(9, "cae_rate = 100.01", "flashcoop.ini:9:", "cae_rate");
	base_bad(9, "cae_rate = -1", "flashcoop.ini:9:", "cae_rate");
	base_bad(9, "cae_rate = 10%", "flashcoop.ini:9:", "cae_rate");
	base_bad(9, "cae_rate =", "flashcoop.ini:9:", "cae_rate");
	base_bad(9, "employer_rate = 5.555", "flashcoop.ini:9:",
	         "employer_rate");
	base_bad(9, "employee_rate = x", "flashcoop.ini:9:", "employee_rate");
	base_bad(10, "share = thirds", "flashcoop.ini:10:", "share");
	base_bad(8, "vat = maybe", "flashcoop.ini:8:", "vat");
	base_bad(8, "vat = 1", "flashcoop.ini:8:", "vat");
	base_bad(9, "cae_base = profit", "flashcoop.ini:9:", "cae_base");
	base_bad(4, "start = 2026-02-30", "flashcoop.ini:4:", "start");
	base_bad(4, "start = 04/05/2026", "flashcoop.ini:4:", "start");
	base_bad(5, "end = 2026-13-01", "flashcoop.ini:5:", "end");
	base_bad(5, "end = 2026-05-03", "flashcoop.ini:5:", "before");
	base_bad(11, "cash_float = -5", "flashcoop.ini:11:", "cash_float");
	base_bad(11, "cash_float = 5.001", "flashcoop.ini:11:", "cash_float");
	base_bad(11, "cash_float = 50 EUR", "flashcoop.ini:11:", "cash_float");
	/* min_hourly_gross: an amount of two decimals at most, not below
	 * 0. */
	base_bad(12, "min_hourly_gross = -1", "flashcoop.ini:12:",
	         "min_hourly_gross '-1' is not an amount like 12.02");
	base_bad(12, "min_hourly_gross = 12.025", "flashcoop.ini:12:",
	         "min_hourly_gross");
	base_bad(12, "min_hourly_gross = SMIC", "flashcoop.ini:12:",
	         "min_hourly_gross");
	base_bad(12, "min_hourly_gross = 12.02 EUR", "flashcoop.ini:12:",
	         "min_hourly_gross");
	/* The currency: an ISO 4217 code, three capital letters. */
	base_bad(6, "currency = Euro 2026", "flashcoop.ini:6:", "ISO 4217");
	base_bad(6, "currency = eur", "flashcoop.ini:6:", "ISO 4217");
	base_bad(6, "currency = EU", "flashcoop.ini:6:", "ISO 4217");
	base_bad(6, "currency = EURO", "flashcoop.ini:6:", "ISO 4217");
	base_bad(6, "currency = E1R", "flashcoop.ini:6:", "ISO 4217");
	base_bad(6, "currency = \xc3\x89UR", "flashcoop.ini:6:", "ISO 4217");
	base_bad(2, "id = FC 1", "flashcoop.ini:2:", "id");
	base_bad(2, "id = FC/1", "flashcoop.ini:2:", "id");
	/* Products. */
	base_bad(14, "cookie = 2.50", "flashcoop.ini:14:", "cookie");
	/* "2,50" is a price with a decimal comma, not "2, 50": no rate. */
	base_bad(14, "cookie = 2,50", "flashcoop.ini:14:", "cookie");
	/* The comma that separates has a space after it. */
	base_bad(14, "cookie = 2.50,5.5", "flashcoop.ini:14:", "cookie");
	base_bad(14, "cookie = abc, 5.5", "flashcoop.ini:14:", "cookie");
	base_bad(14, "cookie = 2.50, abc", "flashcoop.ini:14:", "cookie");
	base_bad(14, "cookie = 2.50, 101", "flashcoop.ini:14:", "cookie");
	base_bad(14, "cookie = -2.50, 5.5", "flashcoop.ini:14:", "cookie");
	base_bad(14, "cookie = 2.50, 5.5, 7", "flashcoop.ini:14:", "cookie");
	base_bad(14, "cookie = 2,50, 5,5, 7", "flashcoop.ini:14:", "cookie");
	base_bad(14, "cookie =", "flashcoop.ini:14:", "cookie");
	base_bad(14, "cookie\nbiscuit = 1, 5.5", "flashcoop.ini:14:", NULL);
	/* The line is the one of the bad product, not the first. */
	base_bad(14, "cookie = 2.50, 5.5\nbiscuit = 3.00, 5.5\n"
	             "sac = 8.00", "flashcoop.ini:16:", "sac");
}

static void test_load_unknown(void **state)
{
	(void)state;
	base_bad(12, "colour = red", "flashcoop.ini:12:", "colour");
	base_bad(6, "colour = red", "flashcoop.ini:6:", "colour");
	base_bad(12, "[extra]\nx = 1", "flashcoop.ini:12:", "extra");
	base_bad(12, "[extra]", "flashcoop.ini:12:", "extra");
	/* A key before any section. */
	write_ini("id = x\n[flashcoop]\nid = x\nname = y\n"
	          "start = 2026-05-04\nend = 2026-05-04\n");
	load_bad("flashcoop.ini:1:", "id");
}

static void test_load_section_like_key(void **state)
{
	(void)state;
	/* [money:cae_rate] hides cae_rate's value in iniparser: refused, and
	 * no crash. */
	base_bad(12, "[money:cae_rate]\nx = 1", "flashcoop.ini:12:",
	         "money:cae_rate");
	base_bad(12, "[money:share]", "flashcoop.ini:12:", "money:share");
	base_bad(12, "[flashcoop:name]\nx = 1", "flashcoop.ini:12:",
	         "flashcoop:name");
	write_ini("[money]\ncae_rate = 10\n[money:cae_rate]\nx = 1\n");
	load_bad("flashcoop.ini:3:", "named like a key");
}

static void test_load_bad_lines(void **state)
{
	char line[3000];
	(void)state;

	/* Longer than iniparser's 1024 bytes, in a comment or a value. */
	line[0] = ';';
	memset(line + 1, 'x', 2000);
	line[2001] = '\0';
	base_bad(12, line, "flashcoop.ini:12:", "longer than 1000 bytes");
	memcpy(line, "name = ", 7);
	memset(line + 7, 'n', 1100);
	line[1107] = '\0';
	base_bad(3, line, "flashcoop.ini:3:", "longer");
	/* Just over our limit, under iniparser's. */
	line[1001] = '\0';
	base_bad(3, line, "flashcoop.ini:3:", "longer");
	/* 1000 bytes is fine. */
	line[1000] = '\0';
	{
		struct project p;
		write_base(3, line);
		load_ok(&p);
		assert_int_equal(strlen(p.name), 993);
		project_free(&p);
	}
	/* Not INI. */
	base_bad(12, "this is not ini", "flashcoop.ini:12:", NULL);
	base_bad(6, "[broken", "flashcoop.ini:6:", NULL);
	/* Not text. */
	base_bad(3, "name = Chlo\xe9", "flashcoop.ini:3:", "UTF-8");
	base_bad(3, "name = a\x01z", "flashcoop.ini:3:", "control");
	{
		static const char nul[] = "[flashcoop]\nid = x\nname = a\0b\n";
		write_text(ini, nul, sizeof nul - 1);
	}
	load_bad("flashcoop.ini:3:", "NUL");
}

/* The example of SPEC §2 loads as it is written there. */
static const char spec_example[] =
	"[flashcoop]\n"
	"id       = FC-2026-LYON-01        ; short stable id, used in batch reports\n"
	"name     = Flashcoop Cookies Croix-Rousse\n"
	"activity = cookies\n"
	"host     = CAE Exemple             ; the CAE that carries the contracts\n"
	"start    = 2026-05-04\n"
	"end      = 2026-05-13\n"
	"event    = Marché de la Croix-Rousse, 2026-05-09\n"
	"currency = EUR\n"
	"\n"
	"[money]\n"
	"vat            = yes     ; no: prices carry no VAT\n"
	"cae_base       = margin  ; margin | turnover : what the CAE contribution is taken from\n"
	"cae_rate       = 10      ; percent\n"
	"employer_rate  = 13      ; percent of gross pay, employer contributions (depends on pay level)\n"
	"employee_rate  = 22      ; percent of gross pay, employee contributions\n"
	"share          = hours   ; hours | equal : how the distributable result is split\n"
	"cash_float     = 50.00   ; cash in the drawer before the first sale (fond de caisse)\n"
	"\n"
	"[products]               ; name = unit price incl. VAT, VAT rate in percent\n"
	"cookie        = 2.50, 5.5\n"
	"biscuit-apero = 3.00, 5.5\n"
	"sac-vrac      = 8.00, 20\n";

static void check_spec_values(const struct project *p)
{
	assert_string_equal(p->id, "FC-2026-LYON-01");
	assert_string_equal(p->event, "Marché de la Croix-Rousse, 2026-05-09");
	assert_int_equal(p->cae_base, CAE_BASE_MARGIN);
	assert_int_equal(p->cae_rate, 1000);
	assert_int_equal(p->employer_rate, 1300);
	assert_int_equal(p->employee_rate, 2200);
	assert_int_equal(p->share, SHARE_HOURS);
	assert_int_equal(p->cash_float, 5000);
	assert_int_equal(p->nproducts, 3);
	assert_non_null(project_product(p, "sac-vrac"));
	assert_int_equal(project_product(p, "sac-vrac")->price, 800);
	assert_int_equal(project_product(p, "sac-vrac")->vat, 2000);
}

/* The same without the comment after [products]. */
static void test_load_spec_example_variant(void **state)
{
	struct project p;
	char text[sizeof spec_example];
	char *c;
	(void)state;

	strcpy(text, spec_example);
	c = strstr(text, "[products]") + strlen("[products]");
	memmove(c, strchr(c, '\n'), strlen(strchr(c, '\n')) + 1);
	write_ini(text);
	load_ok(&p);
	check_spec_values(&p);
	project_free(&p);
}

/* iniparser 4.1 takes a "[section]" line only when it ends with ']':
 * "[products]  ; comment", as SPEC §2 writes it, must still be a section. */
static void test_load_spec_example(void **state)
{
	struct project p;
	(void)state;
	write_ini(spec_example);
	load_ok(&p);
	check_spec_values(&p);
	project_free(&p);
	/* Other section lines with comments. */
	write_base(7, "  [money]\t# settings");
	load_ok(&p);
	assert_int_equal(p.cae_rate, 1000);
	project_free(&p);
}

/* iniparser joins a line that ends with '\' to the next one, so
 * "name = Coop\" would swallow the "start" line below it: refused with
 * its line. */
static void test_load_backslash_line(void **state)
{
	(void)state;
	base_bad(3, "name = Coop\\", "flashcoop.ini:3:", NULL);
	base_bad(3, "name = Coop\\  ", "flashcoop.ini:3:", NULL);
	base_bad(12, "; a comment \\", "flashcoop.ini:12:", NULL);
}

static void test_ini_line_of(void **state)
{
	(void)state;
	write_base(0, "");
	assert_int_equal(ini_line_of(ini, "flashcoop", "id"), 2);
	assert_int_equal(ini_line_of(ini, "FLASHCOOP", "ID"), 2);
	assert_int_equal(ini_line_of(ini, "money", "cash_float"), 11);
	assert_int_equal(ini_line_of(ini, "products", "cookie"), 14);
	assert_int_equal(ini_line_of(ini, "products", "name"), 0);
	assert_int_equal(ini_line_of(ini, "money", "id"), 0);
	assert_int_equal(ini_line_of(ini, "money", NULL), 7);
	/* The last one wins, as in iniparser; comments do not count. */
	write_base(12, "; cae_rate = 5\ncae_rate = 20");
	assert_int_equal(ini_line_of(ini, "money", "cae_rate"), 13);
	assert_int_equal(ini_line_of("/nonexistent/flashcoop.ini", "money",
	                             "vat"), 0);
}

static void test_paths_and_closed(void **state)
{
	char buf[64], closing[PATH_MAX];
	struct fc_error e;
	(void)state;

	assert_int_equal(project_path("a/b", "c.csv", buf, sizeof buf), 0);
	assert_string_equal(buf, "a/b/c.csv");
	assert_int_equal(project_path("a/b", "c.csv", buf, 9), -1);
	assert_int_equal(project_path("a/b", "c.csv", buf, 10), 0);

	/* The folder in messages: escaped, the file's name kept. */
	assert_string_equal(project_shown(".", "ledger.csv", buf, sizeof buf),
	                    "ledger.csv");
	assert_string_equal(project_shown("p", "ledger.csv", buf, sizeof buf),
	                    "p/ledger.csv");
	assert_string_equal(project_shown("p/", "ledger.csv", buf, sizeof buf),
	                    "p/ledger.csv");
	assert_string_equal(project_shown("a\nb", "ledger.csv", buf,
	                                  sizeof buf), "a\\nb/ledger.csv");
	assert_string_equal(project_shown("a\tb\xe2\x80\xae", "hours.csv", buf,
	                                  sizeof buf), "a\\tb\\u202e/hours.csv");
	assert_string_equal(project_shown("/a/very/long/folder/name/here",
	                                  "ledger.csv", buf, 30),
	                    "/a/very/long/f.../ledger.csv");

	assert_string_equal(project_dir("x"), "x");
	setenv("FLASHCOOP_DIR", "/from/env", 1);
	assert_string_equal(project_dir(NULL), "/from/env");
	assert_string_equal(project_dir(""), "/from/env");
	assert_string_equal(project_dir("opt"), "opt");
	unsetenv("FLASHCOOP_DIR");
	assert_string_equal(project_dir(NULL), ".");

	assert_false(project_closed(tmpdir));
	assert_int_equal(project_check_open(tmpdir, &e), 0);
	snprintf(closing, sizeof closing, "%s/%s", tmpdir,
	         PROJECT_CLOSING_INI);
	write_text(closing, "", 0);
	assert_true(project_closed(tmpdir));
	assert_int_equal(project_check_open(tmpdir, &e), FC_CLOSED);
	assert_int_equal(e.code, FC_CLOSED);
	unlink(closing);
}

/* What flashcoop-init writes loads back with the same values, from a
 * folder whose name holds ';' and '"'. */
static void test_ini_text_round_trip(void **state)
{
	char dir[512], path[PATH_MAX];
	struct project in, out;
	struct buf b = { NULL, 0, 0 };
	struct fc_error e = { 0, "" };
	static const char *const names[] = {
		"Flashcoop Cookies Croix-Rousse",
		"Coop; \"les amis\" #1",
		"L'atelier de Chloé; #2",
		" spaced out ",
		"''",
		"\"\"",
		"a = b",
		"[money]",
	};
	(void)state;

	snprintf(dir, sizeof dir, "%s/it's; a \"dir\"", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/%s", dir, PROJECT_INI);

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		memset(&in, 0, sizeof in);
		in.id = "FC-2026-X_1.b";
		in.name = (char *)names[i];
		in.activity = i % 2 ? "" : "cookies; biscuits";
		in.host = i % 2 ? "CAE \"Exemple\"" : "";
		in.event = i % 3 ? "Marché de la Croix-Rousse, 2026-05-09" : "";
		in.start = day("2026-05-04");
		in.end = day(i % 2 ? "2026-05-04" : "2026-12-31");
		b.len = 0;
		if (project_ini_text(&b, &in, &e) != 0)
			fail_msg("project_ini_text(%s): %s", names[i], e.msg);
		write_text(path, b.p, b.len);
		if (project_load(dir, &out, &e) != 0)
			fail_msg("loading back '%s': %s\n%s", names[i], e.msg,
			         b.p);
		assert_string_equal(out.dir, dir);
		assert_string_equal(out.id, in.id);
		assert_string_equal(out.name, in.name);
		assert_string_equal(out.activity, in.activity);
		assert_string_equal(out.host, in.host);
		assert_string_equal(out.event, in.event);
		assert_string_equal(out.currency, "EUR");
		assert_true(out.start == in.start);
		assert_true(out.end == in.end);
		assert_true(out.vat);
		assert_int_equal(out.cae_base, CAE_BASE_MARGIN);
		assert_int_equal(out.cae_rate, 1000);
		assert_int_equal(out.employer_rate, 1300);
		assert_int_equal(out.employee_rate, 2200);
		assert_int_equal(out.share, SHARE_HOURS);
		assert_int_equal(out.cash_float, 5000);
		assert_int_equal(out.nproducts, 0);
		project_free(&out);
	}

	/* Both kinds of quotes cannot be kept: refused before writing. */
	memset(&in, 0, sizeof in);
	in.id = "x";
	in.name = "it's \"here\"";
	in.activity = in.host = in.event = "";
	b.len = 0;
	assert_int_equal(project_ini_text(&b, &in, &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "name"));
	/* Nor a line break. */
	in.name = "two\nlines";
	b.len = 0;
	assert_int_equal(project_ini_text(&b, &in, &e), FC_DATAERR);

	buf_free(&b);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

/* Found as a bug: ini_pair wrote a value that ends with '\' unquoted,
 * so the file flashcoop-init wrote was then refused by project_load. */
static void test_ini_text_backslash(void **state)
{
	char dir[512], path[PATH_MAX];
	struct project in, out;
	struct buf b = { NULL, 0, 0 };
	struct fc_error e = { 0, "" };
	(void)state;

	snprintf(dir, sizeof dir, "%s/bs", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/%s", dir, PROJECT_INI);
	memset(&in, 0, sizeof in);
	in.id = "x";
	in.name = "Coop\\";
	in.activity = "cookies";
	in.host = in.event = "";
	in.start = in.end = day("2026-05-04");
	assert_int_equal(project_ini_text(&b, &in, &e), 0);
	write_text(path, b.p, b.len);
	if (project_load(dir, &out, &e) != 0)
		fail_msg("loading back: %s\n%s", e.msg, b.p);
	assert_string_equal(out.name, "Coop\\");
	assert_string_equal(out.activity, "cookies");
	project_free(&out);
	buf_free(&b);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_good),
		cmocka_unit_test(test_load_defaults),
		cmocka_unit_test(test_load_base_and_choices),
		cmocka_unit_test(test_load_currency),
		cmocka_unit_test(test_load_products_case),
		cmocka_unit_test(test_load_repeated_section),
		cmocka_unit_test(test_load_bom),
		cmocka_unit_test(test_load_missing),
		cmocka_unit_test(test_load_missing_keys),
		cmocka_unit_test(test_load_bad_values),
		cmocka_unit_test(test_load_unknown),
		cmocka_unit_test(test_load_section_like_key),
		cmocka_unit_test(test_load_bad_lines),
		cmocka_unit_test(test_load_spec_example_variant),
		cmocka_unit_test(test_load_spec_example),
		cmocka_unit_test(test_load_backslash_line),
		cmocka_unit_test(test_ini_text_backslash),
		cmocka_unit_test(test_ini_line_of),
		cmocka_unit_test(test_paths_and_closed),
		cmocka_unit_test(test_ini_text_round_trip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
