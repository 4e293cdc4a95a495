/*
 * Unit tests for lib/write_text.c, write_csv.c and write_json.c: one
 * small grid (text, a rate, a count, an amount, hours, a total row)
 * written each way, as a person, a spreadsheet and a program read it.
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

#include "flashcoop/grid.h"
#include "flashcoop/write.h"

#define NNBSP "\xe2\x80\xaf"
#define EURO "\xc2\xa0\xe2\x82\xac"

static void small(struct grid *g)
{
	memset(g, 0, sizeof *g);
	grid_column(g, "project", CELL_TEXT, 0);
	grid_column(g, "product", CELL_TEXT, 0);
	grid_column(g, "vat_rate", CELL_RATE, 0);
	grid_column(g, "rows", CELL_COUNT, 0);
	grid_column(g, "amount", CELL_MONEY, 0);
	grid_column(g, "hours", CELL_HOURS, 0);
	grid_text(g, "FC-1");
	grid_text(g, "=cmd");        /* a formula, to a spreadsheet */
	grid_number(g, 550);
	grid_number(g, 1234);
	grid_number(g, 123456);
	grid_number(g, 250);
	assert_int_equal(grid_end_row(g), 0);
	grid_text(g, "FC-2");
	grid_text(g, "thé, vert");
	grid_number(g, 2000);
	grid_number(g, 1);
	grid_number(g, -5);
	grid_number(g, 0);
	assert_int_equal(grid_end_row(g), 0);
	assert_int_equal(grid_total_row(g, "total"), 0);
}

static char *written(int (*writer)(FILE *, const struct grid *),
                     const struct grid *g)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(writer(f, g), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void check(int (*writer)(FILE *, const struct grid *),
                  const char *want)
{
	struct grid g;
	char *got;

	small(&g);
	got = written(writer, &g);
	assert_string_equal(got, want);
	free(got);
	grid_free(&g);
}

/* Text left-aligned, numbers right-aligned, two spaces between columns
 * and none at the end of a line, a rule above the total. */
static void test_text(void **state)
{
	(void)state;
	setenv("LC_ALL", "C.UTF-8", 1);
	check(write_text,
	      "project  product    vat_rate   rows    amount  hours\n"
	      "FC-1     =cmd            5.5  1,234  1,234.56   2.50\n"
	      "FC-2     thé, vert        20      1     -0.05   0.00\n"
	      "-------  ---------  --------  -----  --------  -----\n"
	      "total                         1,235  1,234.51   2.50\n");
}

/* In French, amounts of money carry the euro; widths are characters. */
static void test_text_french(void **state)
{
	(void)state;
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	check(write_text,
	      "project  product    vat_rate   rows      amount  hours\n"
	      "FC-1     =cmd            5.5  1" NNBSP "234  1" NNBSP "234,56"
	      EURO "   2,50\n"
	      "FC-2     thé, vert        20      1     -0,05" EURO "   0,00\n"
	      "-------  ---------  --------  -----  ----------  -----\n"
	      "total                         1" NNBSP "235  1" NNBSP "234,51"
	      EURO "   2,50\n");
	unsetenv("LC_ALL");
}

/* CSV: quoted only where needed, a formula neutralised, numbers plain. */
static void test_csv(void **state)
{
	(void)state;
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	check(write_csv,
	      "project,product,vat_rate,rows,amount,hours\n"
	      "FC-1,'=cmd,5.5,1234,1234.56,2.50\n"
	      "FC-2,\"thé, vert\",20,1,-0.05,0.00\n"
	      "total,,,1235,1234.51,2.50\n");
	unsetenv("LC_ALL");
}

/* JSON: counts are integers, amounts exact decimal strings. */
static void test_json(void **state)
{
	(void)state;
	check(write_json,
	      "[\n"
	      " {\"project\":\"FC-1\",\"product\":\"=cmd\",\"vat_rate\":\"5.5\","
	      "\"rows\":1234,\"amount\":\"1234.56\",\"hours\":\"2.50\"},\n"
	      " {\"project\":\"FC-2\",\"product\":\"thé, vert\","
	      "\"vat_rate\":\"20\",\"rows\":1,\"amount\":\"-0.05\","
	      "\"hours\":\"0.00\"},\n"
	      " {\"project\":\"total\",\"product\":\"\",\"vat_rate\":\"\","
	      "\"rows\":1235,\"amount\":\"1234.51\",\"hours\":\"2.50\"}\n"
	      "]\n");
}

/* No rows: the headings alone, an empty array. */
static void test_no_rows(void **state)
{
	struct grid g;
	char *got;
	(void)state;

	memset(&g, 0, sizeof g);
	grid_column(&g, "project", CELL_TEXT, 0);
	grid_column(&g, "amount", CELL_MONEY, 0);
	setenv("LC_ALL", "C.UTF-8", 1);
	got = written(write_text, &g);
	assert_string_equal(got, "project  amount\n");
	free(got);
	got = written(write_csv, &g);
	assert_string_equal(got, "project,amount\n");
	free(got);
	got = written(write_json, &g);
	assert_string_equal(got, "[]\n");
	free(got);
	grid_free(&g);
}

/* A stream that cannot be written is a failure, not silence. */
static void test_write_error(void **state)
{
	struct grid g;
	FILE *f = fopen("/dev/full", "w");
	(void)state;

	if (!f)
		skip();
	small(&g);
	setvbuf(f, NULL, _IONBF, 0);
	assert_int_equal(write_text(f, &g), -1);
	assert_int_equal(write_csv(f, &g), -1);
	assert_int_equal(write_json(f, &g), -1);
	fclose(f);
	grid_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_french),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_no_rows),
		cmocka_unit_test(test_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
