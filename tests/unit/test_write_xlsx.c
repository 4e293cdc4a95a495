/*
 * Unit tests for lib/write_xlsx.c: a grid as a workbook (a zip, as an
 * xlsx is), several sheets, the temp file gone after, the refusals (a
 * TMPDIR that cannot be written, more rows than a sheet holds).  The cells
 * themselves are read back by openpyxl in tests/cli/t0630-spreadsheets.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flashcoop/grid.h"
#include "flashcoop/write.h"

static char tmp[] = "/tmp/flashcoop-xlsx-XXXXXX";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmp))
		return -1;
	setenv("TMPDIR", tmp, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(tmp);
}

/* Files left in the temp folder. */
static int leftovers(void)
{
	DIR *d = opendir(tmp);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static void sample(struct grid *g)
{
	memset(g, 0, sizeof *g);
	assert_int_equal(grid_column(g, "day", CELL_TEXT, 0), 0);
	assert_int_equal(grid_column(g, "amount", CELL_MONEY, 0), 0);
	assert_int_equal(grid_column(g, "vat_rate", CELL_RATE, 0), 0);
	grid_text(g, "2026-05-09");
	grid_number(g, 1250);
	grid_number(g, 550);
	assert_int_equal(grid_end_row(g), 0);
	grid_text(g, "=1+1");
	grid_number(g, -300);
	grid_empty(g);
	assert_int_equal(grid_end_row(g), 0);
	assert_int_equal(grid_total_row(g, "total"), 0);
}

static void test_one_sheet(void **state)
{
	struct fc_error e;
	struct grid g;
	char *doc = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&doc, &len);
	(void)state;

	sample(&g);
	assert_int_equal(write_xlsx(out, "sales", &g, "EUR", &e), 0);
	assert_int_equal(fclose(out), 0);
	assert_true(len > 1000);
	assert_memory_equal(doc, "PK\x03\x04", 4);
	assert_int_equal(leftovers(), 0);
	free(doc);
	grid_free(&g);
}

static void test_sheets(void **state)
{
	struct fc_error e;
	struct grid g;
	struct xlsx *x = xlsx_new("", &e);
	char *doc = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&doc, &len);
	(void)state;

	assert_non_null(x);
	sample(&g);
	assert_int_equal(xlsx_sheet(x, "one", &g, &e), 0);
	assert_int_equal(xlsx_sheet(x, "two", &g, &e), 0);
	assert_int_equal(xlsx_write(x, out, &e), 0);
	assert_int_equal(fclose(out), 0);
	/* the workbook names its sheets in xl/workbook.xml: stored
	 * compressed, so only its size says there is more than one */
	assert_true(len > 1000);
	assert_int_equal(leftovers(), 0);
	free(doc);
	grid_free(&g);
}

static void test_no_tmpdir(void **state)
{
	struct fc_error e;
	(void)state;

	setenv("TMPDIR", "/nonexistent/flashcoop", 1);
	assert_null(xlsx_new("EUR", &e));
	setenv("TMPDIR", tmp, 1);
	assert_int_equal(e.code, FC_IOERR);
	assert_non_null(strstr(e.msg, "/nonexistent/flashcoop"));
}

static void test_too_many_rows(void **state)
{
	struct fc_error e;
	struct grid g = { 0 };
	char *doc = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&doc, &len);
	(void)state;

	assert_int_equal(grid_column(&g, "rows", CELL_COUNT, 0), 0);
	for (int i = 0; i < 1048576; i++) {
		grid_number(&g, i);
		assert_int_equal(grid_end_row(&g), 0);
	}
	assert_int_equal(write_xlsx(out, "big", &g, "EUR", &e), FC_DATAERR);
	assert_non_null(strstr(e.msg, "1048576 rows"));
	assert_non_null(strstr(e.msg, "--format csv"));
	assert_int_equal(fclose(out), 0);
	assert_int_equal(len, 0);
	assert_int_equal(leftovers(), 0);
	free(doc);
	grid_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_sheet),
		cmocka_unit_test(test_sheets),
		cmocka_unit_test(test_no_tmpdir),
		cmocka_unit_test(test_too_many_rows),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
