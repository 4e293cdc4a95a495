/*
 * Unit tests for lib/statement.c and lib/statement_text.c: the closing
 * statement as rows (labels, amounts, kinds), the pay lines added up, and
 * the text form of a small week worked out by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/statement.h"

/* A week: sales of 105.50 at 5.5 % (100.00 + 5.50 VAT), charges of
 * 12.00 at 20 % (10.00 + 2.00); margin 90.00, the CAE's 10 % 9.00, 81.00
 * to share by hours between P001 (3 h: 60.75) and P002 (1 h: 20.25).
 * P001: gross round(6075 x 100 / 113) = 53.76, employer 6.99, employee
 * round(5376 x 22 / 100) = 11.83, net 41.93.  P002: gross 17.92, employer
 * 2.33, employee 3.94, net 13.98. */
static struct participant people[2] = {
	{ .id = "P001", .name = "Zoë" },
	{ .id = "P002", .name = "Bob" },
};
static struct vat_line sales_vat[1] = { { 550, 10550, 10000, 550 } };
static struct vat_line charges_vat[1] = { { 2000, 1200, 1000, 200 } };
/* Gross an hour: P001 5376 x 100 / 300 = 1792 (17.92), P002 1792 x 100 /
 * 100 = 17.92: neither below the minimum of 12.02. */
static struct pay_line pay[2] = {
	{ &people[0], 300, 6075, 699, 5376, 1183, 4193, 1792, false },
	{ &people[1], 100, 2025, 233, 1792, 394, 1398, 1792, false },
};

static struct project project(void)
{
	struct project p;
	memset(&p, 0, sizeof p);
	p.id = "FC-T";
	p.name = "Test";
	p.start = date_from_ymd(2026, 5, 4);
	p.end = date_from_ymd(2026, 5, 10);
	p.vat = true;
	p.cae_base = CAE_BASE_MARGIN;
	p.cae_rate = 1000;
	p.employer_rate = 1300;
	p.employee_rate = 2200;
	p.share = SHARE_HOURS;
	p.min_hourly_gross = PROJECT_MIN_HOURLY_GROSS;
	return p;
}

static struct closing week(void)
{
	struct closing c;
	memset(&c, 0, sizeof c);
	c.sales_vat = sales_vat;
	c.nsales_vat = 1;
	c.charges_vat = charges_vat;
	c.ncharges_vat = 1;
	c.sales_incl = 10550;
	c.vat_collected = 550;
	c.turnover = 10000;
	c.charges_incl = 1200;
	c.vat_deductible = 200;
	c.charges = 1000;
	c.margin = 9000;
	c.cae_base = 9000;
	c.contribution = 900;
	c.distributable = 8100;
	c.hours = 400;
	c.participants = 2;
	c.pay = pay;
	c.npay = 2;
	/* counted as expected: the margin is turnover less charges (SPEC §4:
	 * a cash difference would be part of it) */
	c.cash_difference = 0;
	return c;
}

static void check_row(const struct statement *s, size_t i,
                      enum statement_label label, int64_t amount,
                      enum statement_kind kind)
{
	assert_int_equal(s->row[i].label, label);
	assert_int_equal(s->row[i].amount, amount);
	assert_int_equal(s->row[i].kind, kind);
}

static void test_rows(void **state)
{
	struct project p = project();
	struct closing c = week();
	struct statement s;
	struct fc_error e;
	(void)state;

	assert_int_equal(statement_build(&p, &c, &s, &e), 0);
	assert_int_equal(s.n, 10);
	check_row(&s, 0, STATEMENT_SALES_INCL, 10550, STATEMENT_LINE);
	check_row(&s, 1, STATEMENT_VAT_COLLECTED, 550, STATEMENT_LINE);
	check_row(&s, 2, STATEMENT_TURNOVER, 10000, STATEMENT_SUBTOTAL);
	check_row(&s, 3, STATEMENT_CHARGES_INCL, 1200, STATEMENT_LINE);
	check_row(&s, 4, STATEMENT_VAT_DEDUCTIBLE, 200, STATEMENT_LINE);
	check_row(&s, 5, STATEMENT_CHARGES, 1000, STATEMENT_SUBTOTAL);
	/* the cash difference, part of the margin, just above it */
	check_row(&s, 6, STATEMENT_CASH_DIFFERENCE, 0, STATEMENT_CASH);
	check_row(&s, 7, STATEMENT_MARGIN, 9000, STATEMENT_SUBTOTAL);
	check_row(&s, 8, STATEMENT_CONTRIBUTION_OF_MARGIN, 900,
	          STATEMENT_LINE);
	check_row(&s, 9, STATEMENT_DISTRIBUTABLE, 8100, STATEMENT_RESULT);
	assert_int_equal(s.cae_rate, 1000);
	/* The pay lines added up: 4 h, 81.00 = 9.32 + 71.68. */
	assert_null(s.pay_total.who);
	assert_int_equal(s.pay_total.hours, 400);
	assert_int_equal(s.pay_total.share, 8100);
	assert_int_equal(s.pay_total.employer, 932);
	assert_int_equal(s.pay_total.gross, 7168);
	assert_int_equal(s.pay_total.employee, 1577);
	assert_int_equal(s.pay_total.net, 5591);
}

/* A loss: the words change, not the figures. */
static void test_loss(void **state)
{
	struct project p = project();
	struct closing c = week();
	struct statement s;
	struct fc_error e;
	(void)state;

	p.cae_base = CAE_BASE_TURNOVER;
	c.margin = -500;
	c.distributable = -1500;
	c.cash_difference = -120;
	c.npay = 0;
	assert_int_equal(statement_build(&p, &c, &s, &e), 0);
	check_row(&s, 6, STATEMENT_CASH_SHORTAGE, -120, STATEMENT_CASH);
	check_row(&s, 7, STATEMENT_LOSS, -500, STATEMENT_SUBTOTAL);
	check_row(&s, 8, STATEMENT_CONTRIBUTION_OF_TURNOVER, 900,
	          STATEMENT_LINE);
	check_row(&s, 9, STATEMENT_NOTHING_TO_PAY, -1500, STATEMENT_RESULT);
	assert_int_equal(s.pay_total.share, 0);
	c.distributable = 0;
	assert_int_equal(statement_build(&p, &c, &s, &e), 0);
	check_row(&s, 9, STATEMENT_NOTHING_TO_PAY, 0, STATEMENT_RESULT);
}

/* Pay lines whose sum does not fit are refused, not wrapped. */
static void test_overflow(void **state)
{
	struct pay_line big[2] = {
		{ &people[0], 0, INT64_MAX, 0, 0, 0, 0, 0, false },
		{ &people[1], 0, 1, 0, 0, 0, 0, 0, false },
	};
	struct project p = project();
	struct closing c = week();
	struct statement s;
	struct fc_error e;
	(void)state;

	c.pay = big;
	assert_int_equal(statement_build(&p, &c, &s, &e), FC_DATAERR);
}

static char *text_of(bool provisional, bool names)
{
	struct project p = project();
	struct closing c = week();
	struct fc_error e;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(statement_write_text(f, &p, &c,
	                                      date_from_ymd(2026, 5, 11),
	                                      provisional, names, &e), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void test_text(void **state)
{
	static const char want[] =
		"Test (FC-T), 2026-05-04 to 2026-05-10\n"
		"Closing statement (bilan de clôture) of 2026-05-11\n"
		"\n"
		"Sales (ventes)\n"
		"  VAT rate         incl. VAT      before VAT             VAT\n"
		"  5.5%                105.50          100.00            5.50\n"
		"\n"
		"Charges\n"
		"  VAT rate         incl. VAT      before VAT             VAT\n"
		"  20%                  12.00           10.00            2.00\n"
		"\n"
		"  Sales incl. VAT (ventes TTC)                            105.50\n"
		"  VAT collected (TVA collectée)                             5.50\n"
		"  Turnover (chiffre d'affaires HT)                        100.00\n"
		"  Charges incl. VAT (charges TTC)                          12.00\n"
		"  VAT deductible (TVA déductible)                           2.00\n"
		"  Charges before VAT (charges HT)                          10.00\n"
		"  Cash difference (écart de caisse)                         0.00\n"
		"  Margin (bénéfice)                                        90.00\n"
		"  CAE contribution (10% of the margin)                      9.00\n"
		"  Distributable result (résultat à répartir)               81.00\n"
		"\n"
		"Shares, by hours worked (estimate for the CAE's payroll)\n"
		"  id      name                    hours     share  employer"
		"     gross  employee       net  gross/h\n"
		"  P001    Zoë                      3.00     60.75      6.99"
		"     53.76     11.83     41.93    17.92\n"
		"  P002    Bob                      1.00     20.25      2.33"
		"     17.92      3.94     13.98    17.92\n"
		"  (share = employer cost: employer contributions 13%,\n"
		"   employee contributions 22% of gross)\n";
	char *got;
	(void)state;

	setenv("LC_ALL", "C.UTF-8", 1);
	got = text_of(false, true);
	assert_string_equal(got, want);
	free(got);
	got = text_of(true, false);
	assert_non_null(strstr(got, "Figures so far on 2026-05-11 "
	                            "(provisional: not closed)\n\n"));
	assert_non_null(strstr(got, "\n  id        hours     share  employer"));
	assert_null(strstr(got, "Zoë"));
	free(got);
}

/* The gross pay an hour against [money] min_hourly_gross: a "!" after
 * the figure of a share below it, and a line under the table naming the
 * minimum; a share without hours has no figure an hour. */
static void test_text_below_min(void **state)
{
	static struct participant three[3] = {
		{ .id = "P001", .name = "Zoë" },
		{ .id = "P002", .name = "Bob" },
		{ .id = "P003", .name = "Cy" },
	};
	/* P002: gross 17.92 for 2.00 h = 8.96 an hour, below 12.02; P003
	 * no hours. */
	struct pay_line low[3] = {
		{ &three[0], 300, 6075, 699, 5376, 1183, 4193, 1792, false },
		{ &three[1], 200, 2025, 233, 1792, 394, 1398, 896, true },
		{ &three[2], 0, 0, 0, 0, 0, 0, 0, false },
	};
	struct project p = project();
	struct closing c = week();
	struct fc_error e;
	char *got = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&got, &len);
	(void)state;

	setenv("LC_ALL", "C.UTF-8", 1);
	c.pay = low;
	c.npay = 3;
	c.below_min = 1;
	assert_non_null(f);
	assert_int_equal(statement_write_text(f, &p, &c,
	                                      date_from_ymd(2026, 5, 11),
	                                      false, true, &e), 0);
	assert_int_equal(fclose(f), 0);
	if (!strstr(got, "  P002    Bob                      2.00     20.25"
	                 "      2.33     17.92      3.94     13.98     8.96 !\n"))
		fail_msg("no P002 marked in:\n%s", got);
	assert_non_null(strstr(got, "41.93    17.92\n"));
	assert_non_null(strstr(got, "  P003    Cy                       0.00"
	                            "      0.00      0.00      0.00      0.00"
	                            "      0.00  (no hours)\n"));
	assert_non_null(strstr(got, "  (!: gross pay an hour below "
	                            "min_hourly_gross, 12.02: the CAE "
	                            "decides)\n"));
	free(got);

	/* None below: no line. */
	got = text_of(false, true);
	assert_null(strstr(got, "!"));
	assert_null(strstr(got, "min_hourly_gross"));
	free(got);
}

/* Columns stay apart whatever the amount: in French a share of
 * 1 234,56 € is 10 characters.  A defect: issue 18 narrowed the pay
 * columns of lib/statement_text.c (PAY_WIDTH 13 -> 10) to make room for
 * gross/h, so from 1 000,00 € on an amount fills its column and touches
 * the one before: "45,501 234,56 €" (hours 45,50 then the share),
 * "142,03 €1 092,53 €".  Skipped, saying so, until fixed. */
static void test_text_wide_amounts(void **state)
{
	struct pay_line wide[1] = {
		/* 1234.56 / 1.13 = 1092.53, employer 142.03, employee 240.36,
		 * net 852.17; 109253 x 100 / 4550 = 24.01 an hour. */
		{ &people[0], 4550, 123456, 14203, 109253, 24036, 85217, 2401,
		  false },
	};
	struct project p = project();
	struct closing c = week();
	struct fc_error e;
	char *got = NULL, *line;
	size_t len = 0;
	FILE *f = open_memstream(&got, &len);
	(void)state;

	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	c.pay = wide;
	c.npay = 1;
	assert_non_null(f);
	assert_int_equal(statement_write_text(f, &p, &c,
	                                      date_from_ymd(2026, 5, 11),
	                                      false, true, &e), 0);
	assert_int_equal(fclose(f), 0);
	setenv("LC_ALL", "C.UTF-8", 1);
	line = strstr(got, "\n  P001 ");
	assert_non_null(line);
	*strchr(line + 1, '\n') = '\0';
	/* The hours, then at least a space before the share; the employer
	 * contributions, then a space before the gross (they touched, with
	 * the currency sign in 10 columns). */
	assert_non_null(strstr(line, "45,50 "));
	assert_non_null(strstr(line, "142,03 "));
	assert_non_null(strstr(line, " 1\xe2\x80\xaf" "092,53 ") ?
	                line : strstr(line, " 1\xc2\xa0" "092,53 "));
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_loss),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_below_min),
		cmocka_unit_test(test_text_wide_amounts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
