/*
 * Unit tests for lib/report.c and lib/reports.c: each report of the table
 * made over a small week written by hand into a temporary project, its
 * rows compared with figures worked out by hand; and the table itself.
 *
 * The week (2026-05-04 to 2026-05-10, VAT, 10 % of the margin, 50.00 in
 * the drawer): Ana (P001, F, born 2000, student, Mission Locale), Ben
 * (P002, M, 1970), Cy (P003, withdrew on the 6th, a student).
 *   4th: Ana sells 4 cookies at 2.50 (5.5 %) for cash; flour 10.55
 *        (5.5 %) by card; the drawer counted: 60.00 (50.00 + 10.00).
 *   5th: Ben sells 3 totes at 8.00 (20 %) by card; Ana 2 cookies by
 *        card, voided; bags 12.00 (20 %) from the drawer, no count.
 *   Hours: Ana 6 and 2.5, Ben 4.
 * Sales at 5.5 %: 10.00, before VAT round(1000 x 10000 / 10550) = 9.48;
 * at 20 %: 24.00, before VAT 20.00.  Turnover 29.48, VAT 4.52.  Charges:
 * flour's VAT round(1055 x 550 / 10550) = 0.55, bags' 2.00: 22.55, 2.55,
 * 20.00 before VAT.  Margin 9.48, contribution round(94.8) = 0.95,
 * distributable 8.53.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flashcoop/buf.h"
#include "flashcoop/date.h"
#include "flashcoop/groups.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/reports.h"
#include "rmtree.h"

static char tmpdir[] = "/tmp/fc-test-reports-XXXXXX";

static void put(const char *name, const char *data, mode_t mode)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(data, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static int setup(void **state)
{
	(void)state;
	umask(022);
	if (!mkdtemp(tmpdir))
		return -1;
	put("flashcoop.ini",
	    "[flashcoop]\nid = FC-T\nname = Test\nstart = 2026-05-04\n"
	    "end = 2026-05-10\ncurrency = EUR\n"
	    "[money]\nvat = yes\ncae_base = margin\ncae_rate = 10\n"
	    "employer_rate = 13\nemployee_rate = 22\nshare = hours\n"
	    "cash_float = 50.00\n[products]\n", 0644);
	put("participants.csv",
	    "id,name,contract,enrolled,withdrawn,gender,birth_year,"
	    "status_at_entry,referrer,note\n"
	    "P001,Ana,C1,2026-05-04,,F,2000,student,Mission Locale,\n"
	    "P002,Ben,C2,2026-05-04,,M,1970,,,\n"
	    "P003,Cy,C3,2026-05-04,2026-05-06,,,student,,moved\n", 0600);
	put("ledger.csv",
	    "id,date,kind,product,quantity,unit_price,amount,vat_rate,"
	    "category,payment,participant,ref,note\n"
	    "S00001,2026-05-04,sale,cookie,4,2.50,10.00,5.5,,cash,P001,,\n"
	    "C00001,2026-05-04,charge,,,,10.55,5.5,ingredients,card,,R1,flour\n"
	    "K00001,2026-05-04,count,,,,60.00,,,cash,,,Ana\n"
	    "S00002,2026-05-05,sale,tote,3,8.00,24.00,20,,card,P002,,\n"
	    "S00003,2026-05-05,sale,cookie,2,2.50,5.00,5.5,,card,P001,,\n"
	    "V00001,2026-05-05,void,cookie,2,2.50,5.00,5.5,,card,P001,"
	    "S00003,mistake\n"
	    "C00002,2026-05-05,charge,,,,12.00,20,packaging,cash,,R2,bags\n",
	    0644);
	put("hours.csv",
	    "id,date,kind,participant,hours,ref,note\n"
	    "H00001,2026-05-04,hours,P001,6,,\n"
	    "H00002,2026-05-04,hours,P002,4,,\n"
	    "H00003,2026-05-05,hours,P001,2.5,,\n", 0644);
	put(".gitignore", ".lock\n.commit\n*.tmp\n", 0644);
	put(".gitattributes", "# flashcoop: ledgers are LF text, diffed line "
	    "by line.\n*.csv text eol=lf diff\n*.ini text eol=lf diff\n",
	    0644);
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

/* Report name over the project, times times, as lines. */
static char *made(const char *name, const char *by, bool names,
                  int32_t from, int times)
{
	struct report_options o = { reports_find(name), 0, from, DATE_NONE,
	                            names, false, false, NULL, NULL };
	struct project p;
	struct report r;
	struct fc_error e;
	char *text;

	assert_non_null(o.def);
	if (by)
		o.dims = 1u << groups_dim_parse(by);
	assert_int_equal(project_load(tmpdir, &p, &e), 0);
	assert_int_equal(report_begin(&r, &o, &e), 0);
	for (int i = 0; i < times; i++)
		if (report_project(&r, &p, &e))
			fail_msg("%s", e.msg);
	assert_int_equal(report_end(&r, &e), 0);
	text = lines(&r);
	report_free(&r);
	project_free(&p);
	return text;
}

static void check(const char *name, const char *by, bool names,
                  int32_t from, int times, const char *want)
{
	char *got = made(name, by, names, from, times);
	assert_string_equal(got, want);
	free(got);
}

static void test_summary(void **state)
{
	(void)state;
	check("summary", NULL, false, DATE_NONE, 1,
	      "project|sales_incl_vat|vat_collected|turnover|charges_incl_vat|"
	      "vat_deductible|charges|margin|cae_contribution|distributable|"
	      "participants|hours|status\n"
	      "FC-T|34.00|4.52|29.48|22.55|2.55|20.00|9.48|0.95|8.53|3|12.50|"
	      "open\n"
	      "total|34.00|4.52|29.48|22.55|2.55|20.00|9.48|0.95|8.53|3|12.50|"
	      "\n");
	/* Two projects: each row, then their sums. */
	check("summary", NULL, false, DATE_NONE, 2,
	      "project|sales_incl_vat|vat_collected|turnover|charges_incl_vat|"
	      "vat_deductible|charges|margin|cae_contribution|distributable|"
	      "participants|hours|status\n"
	      "FC-T|34.00|4.52|29.48|22.55|2.55|20.00|9.48|0.95|8.53|3|12.50|"
	      "open\n"
	      "FC-T|34.00|4.52|29.48|22.55|2.55|20.00|9.48|0.95|8.53|3|12.50|"
	      "open\n"
	      "total|68.00|9.04|58.96|45.10|5.10|40.00|18.96|1.90|17.06|6|25.00|"
	      "\n");
}

/* From the 5th: the totes (24.00, 20.00 before VAT), the voided cookies
 * (nothing), the bags (12.00, 10.00), Ana's 2.5 hours; margin 10.00,
 * contribution 1.00. */
static void test_summary_from(void **state)
{
	char *got;
	(void)state;
	got = made("summary", NULL, false, date_from_ymd(2026, 5, 5), 1);
	assert_non_null(strstr(got, "\nFC-T|24.00|4.00|20.00|12.00|2.00|10.00|"
	                            "10.00|1.00|9.00|3|2.50|open\n"));
	free(got);
}

static void test_sales(void **state)
{
	(void)state;
	/* By day, and always by rate; the voided cookies of the 5th are no
	 * group. */
	check("sales", NULL, false, DATE_NONE, 1,
	      "project|day|vat_rate|rows|quantity|amount_incl_vat|before_vat|"
	      "vat\n"
	      "FC-T|2026-05-04|5.5|1|4|10.00|9.48|0.52\n"
	      "FC-T|2026-05-05|20|1|3|24.00|20.00|4.00\n"
	      "total|||2|7|34.00|29.48|4.52\n");
	check("sales", "participant", true, DATE_NONE, 1,
	      "project|participant|name|vat_rate|rows|quantity|"
	      "amount_incl_vat|before_vat|vat\n"
	      "FC-T|P001|Ana|5.5|1|4|10.00|9.48|0.52\n"
	      "FC-T|P002|Ben|20|1|3|24.00|20.00|4.00\n"
	      "total||||2|7|34.00|29.48|4.52\n");
}

static void test_charges(void **state)
{
	(void)state;
	check("charges", NULL, false, DATE_NONE, 1,
	      "project|category|vat_rate|rows|amount_incl_vat|before_vat|vat\n"
	      "FC-T|ingredients|5.5|1|10.55|10.00|0.55\n"
	      "FC-T|packaging|20|1|12.00|10.00|2.00\n"
	      "total|||2|22.55|20.00|2.55\n");
}

static void test_hours(void **state)
{
	(void)state;
	check("hours", NULL, false, DATE_NONE, 1,
	      "project|participant|rows|hours\n"
	      "FC-T|P001|2|8.50\n"
	      "FC-T|P002|1|4.00\n"
	      "total||3|12.50\n");
	/* hours.csv from before the roles: every row's role is "". */
	check("hours", "role", false, DATE_NONE, 1,
	      "project|role|rows|hours\n"
	      "FC-T||3|12.50\n"
	      "total||3|12.50\n");
	check("hours", "day", false, DATE_NONE, 1,
	      "project|day|rows|hours\n"
	      "FC-T|2026-05-04|2|10.00\n"
	      "FC-T|2026-05-05|1|2.50\n"
	      "total||3|12.50\n");
}

/* Payroll: names always; the statement's figures as if closed now
 * (estimate).  Distributable 8.53 by hours, 12.50 in all: P001 8.50 h
 * 853 x 850 / 1250 = 5.8004 -> 5.80, P002 853 x 400 / 1250 = 2.7296 ->
 * 2.73, P003 no hours, 0.  Gross = share / 1.13: 5.80 -> 5.13 (employer
 * 0.67), employee 22 % 1.1286 -> 1.13, net 4.00; 2.73 -> 2.42 (0.31),
 * 0.5324 -> 0.53, net 1.89.  Gross an hour: 513 x 100 / 850 = 60.35 ->
 * 0.60, 242 x 100 / 400 = 60.5 -> 0.61, both below 12.02; P003 none, not
 * below.  An empty contract type is CAPE. */
static void test_payroll(void **state)
{
	(void)state;
	check("payroll", NULL, true, DATE_NONE, 1,
	      "project|participant|name|contract|contract_type|enrolled|"
	      "withdrawn|hours|hours_by_day|share|employer_contributions|gross|"
	      "employee_contributions|net|gross_per_hour|below_minimum|status\n"
	      "FC-T|P001|Ana|C1|CAPE|2026-05-04||8.50|2026-05-04=6.00 "
	      "2026-05-05=2.50|5.80|0.67|5.13|1.13|4.00|0.60|yes|estimate\n"
	      "FC-T|P002|Ben|C2|CAPE|2026-05-04||4.00|2026-05-04=4.00|2.73|"
	      "0.31|2.42|0.53|1.89|0.61|yes|estimate\n"
	      /* no hours: no gross an hour (empty), never below */
	      "FC-T|P003|Cy|C3|CAPE|2026-05-04|2026-05-06|0.00||0.00|0.00|0.00|"
	      "0.00|0.00||no|estimate\n"
	      "total|||||||12.50||8.53|0.98|7.55|1.66|5.89|||\n");
}

/* No total row; names and contracts only with --names. */
static void test_participants(void **state)
{
	(void)state;
	/* After sales_incl_vat, the afterlife's columns: a file of before
	 * issue 18, so CAPE and the rest unknown. */
	check("participants", NULL, false, DATE_NONE, 1,
	      "project|participant|enrolled|withdrawn|gender|birth_year|"
	      "status_at_entry|referrer|hours|sales_incl_vat|contract_type|"
	      "education|qpv|disability|exit_status|exit_date|status_6_months\n"
	      "FC-T|P001|2026-05-04||F|2000|student|Mission Locale|8.50|10.00|"
	      "CAPE||||||\n"
	      "FC-T|P002|2026-05-04||M|1970|||4.00|24.00|CAPE||||||\n"
	      "FC-T|P003|2026-05-04|2026-05-06|||student||0.00|0.00|"
	      "CAPE||||||\n");
	check("participants", NULL, true, DATE_NONE, 1,
	      "project|participant|name|contract|enrolled|withdrawn|gender|"
	      "birth_year|status_at_entry|referrer|hours|sales_incl_vat|"
	      "contract_type|education|qpv|disability|exit_status|exit_date|"
	      "status_6_months\n"
	      "FC-T|P001|Ana|C1|2026-05-04||F|2000|student|Mission Locale|"
	      "8.50|10.00|CAPE||||||\n"
	      "FC-T|P002|Ben|C2|2026-05-04||M|1970|||4.00|24.00|CAPE||||||\n"
	      "FC-T|P003|Cy|C3|2026-05-04|2026-05-06|||student||0.00|0.00|"
	      "CAPE||||||\n");
}

/* The drawer: 50.00 + 10.00 counted right on the 4th; the 5th opens with
 * the count, pays 12.00 out, is not counted.  Balances are no total. */
static void test_cash(void **state)
{
	(void)state;
	check("cash", NULL, false, DATE_NONE, 1,
	      "project|day|opening|cash_sales|cash_charges|deposits|expected|"
	      "counted|difference|status\n"
	      "FC-T|2026-05-04|50.00|10.00|0.00|0.00|60.00|60.00|0.00|exact\n"
	      "FC-T|2026-05-05|60.00|0.00|12.00|0.00|48.00|||no count\n"
	      "total|||10.00|12.00|0.00|||0.00|\n");
}

/* Ana 26 at the start, Ben 56, Cy unknown; 12.50 h / 3 = 4.17 h. */
static void test_funders(void **state)
{
	/* Three people (Ana 2000, Ben 1970, Cy withdrawn), in a file of
	 * before issue 18: every new field unknown.  A count of 1 or 2 is
	 * "< 3", 3 is shown, 0 is 0; a rate over fewer than 3 known (none
	 * here) is "< 3".  ESF: student -> inactive (Ana, Cy: 2), "" ->
	 * unknown (Ben: 1); at the start year 2026 Ana is 26 (< 30), Ben 56
	 * (> 54). */
	static const char rows[] =
		"|participants||3\n"
		"|completed||< 3\n"
		"|withdrawn||< 3\n"
		"|gender|F|< 3\n"
		"|gender|M|< 3\n"
		"|gender|unknown|< 3\n"
		"|age_band|26-35|< 3\n"
		"|age_band|50+|< 3\n"
		"|age_band|unknown|< 3\n"
		"|status_at_entry|student|< 3\n"
		"|status_at_entry|unknown|< 3\n"
		"|referrer|Mission Locale|< 3\n"
		"|referrer|unknown|< 3\n"
		"|education|unknown|3\n"
		"|qpv|unknown|3\n"
		"|disability|unknown|3\n"
		"|exit_status|unknown|3\n"
		"|status_6_months|unknown|3\n"
		"|positive_exit||0\n"
		"|positive_exit_rate||< 3\n"
		"|positive_6_months||0\n"
		"|positive_6_months_rate||< 3\n"
		"|esf_employment_status|inactive|< 3\n"
		"|esf_employment_status|unknown|< 3\n"
		"|esf_under_30||< 3\n"
		"|esf_over_54||< 3\n"
		"|esf_disability||0\n"
		"|esf_education|unknown|3\n"
		"|hours||12.50\n"
		"|hours_average||4.17\n"
		"|turnover||29.48\n";
	char want[4096], *w = want;
	const char *s;
	(void)state;

	w += sprintf(w, "project|indicator|group|value\n");
	for (int k = 0; k < 2; k++)
		for (s = rows; *s; s = strchr(s, '\n') + 1)
			w += sprintf(w, "%s%.*s", k ? "total" : "FC-T",
			             (int)(strchr(s, '\n') + 1 - s), s);
	check("funders", NULL, false, DATE_NONE, 1, want);
}

/* The table: names found, the first the default, formats by name. */
static void test_table(void **state)
{
	(void)state;
	assert_ptr_equal(reports_find("summary"), &reports[0]);
	assert_null(reports_find("sale"));
	assert_null(reports_find(""));
	assert_int_equal(reports_find("bilan")->shape, REPORT_BILAN);
	assert_int_equal(reports_find("entries")->shape, REPORT_JOURNAL);
	assert_true(reports_takes_format(reports_find("sales"), "csv"));
	assert_true(reports_takes_format(reports_find("entries"), "hledger"));
	assert_true(reports_takes_format(reports_find("entries"), "ledger"));
	assert_false(reports_takes_format(reports_find("entries"), "edger"));
	assert_false(reports_takes_format(reports_find("entries"), "fec "));
	assert_false(reports_takes_format(reports_find("bilan"), "csv"));
	assert_false(reports_takes_format(reports_find("sales"), ""));
	for (size_t i = 0; i < nreports; i++) {
		const struct report_def *d = &reports[i];
		assert_ptr_equal(reports_find(d->name), d);
		/* A table has its columns and its rows; its default --by is
		 * one it takes. */
		if (d->shape == REPORT_TABLE) {
			assert_non_null(d->columns);
			assert_non_null(d->fill);
			assert_int_equal(d->default_dims & ~d->dims, 0);
			/* A report that takes --by forces only dimensions it
			 * takes; one that takes none (payroll) may group its
			 * rows by some, for itself. */
			if (d->dims)
				assert_int_equal(d->forced_dims & ~d->dims, 0);
		}
	}
	/* Issue 18: hours --by role; payroll (names always, its hours day
	 * by day from groups by participant and day, no --by); the
	 * attestation, HTML or text. */
	assert_true(reports_find("hours")->dims & (1u << DIM_ROLE));
	assert_true(reports_find("payroll")->names);
	assert_int_equal(reports_find("payroll")->dims, 0);
	assert_int_equal(reports_find("payroll")->forced_dims,
	                 (1u << DIM_PARTICIPANT) | (1u << DIM_DAY));
	assert_true(reports_takes_format(reports_find("payroll"), "csv"));
	assert_int_equal(reports_find("attestation")->shape,
	                 REPORT_ATTESTATION);
	assert_true(reports_find("attestation")->names);
	assert_true(reports_takes_format(reports_find("attestation"), "html"));
	assert_true(reports_takes_format(reports_find("attestation"), "text"));
	assert_false(reports_takes_format(reports_find("attestation"), "csv"));
	assert_int_equal(report_format_parse("json"), FORMAT_JSON);
	assert_int_equal(report_format_parse("html"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_summary_from),
		cmocka_unit_test(test_sales),
		cmocka_unit_test(test_charges),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_participants),
		cmocka_unit_test(test_payroll),
		cmocka_unit_test(test_cash),
		cmocka_unit_test(test_funders),
		cmocka_unit_test(test_table),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
