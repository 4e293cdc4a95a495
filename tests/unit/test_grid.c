/*
 * Unit tests for lib/grid.c: typed columns, rows added cell by cell, the
 * column sums and the total row, a row that is not whole refused, cells
 * as CSV and JSON write them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "flashcoop/grid.h"

/* project, amount, rows, rate, balance (no total), value (own types). */
static void columns(struct grid *g)
{
	memset(g, 0, sizeof *g);
	assert_int_equal(grid_column(g, "project", CELL_TEXT, 0), 0);
	assert_int_equal(grid_column(g, "amount", CELL_MONEY, 0), 0);
	assert_int_equal(grid_column(g, "rows", CELL_COUNT, 0), 0);
	assert_int_equal(grid_column(g, "vat_rate", CELL_RATE, 0), 0);
	assert_int_equal(grid_column(g, "balance", CELL_MONEY, GRID_NO_TOTAL),
	                 0);
	assert_int_equal(grid_column(g, "value", CELL_NUMBER, 0), 0);
}

static void row(struct grid *g, const char *p, int64_t amount, int64_t n,
                int32_t rate, int64_t balance, enum cell t, int64_t v)
{
	grid_text(g, p);
	grid_number(g, amount);
	grid_number(g, n);
	grid_number(g, rate);
	grid_number(g, balance);
	grid_typed(g, t, v);
	assert_int_equal(grid_end_row(g), 0);
}

static const char *plain(const struct grid *g, size_t i, size_t j)
{
	static char buf[GRID_PLAIN_SIZE];
	return grid_plain(grid_at(g, i, j), buf);
}

static void test_rows_and_total(void **state)
{
	struct grid g;
	(void)state;

	columns(&g);
	row(&g, "A", 1250, 2, 550, 5000, CELL_COUNT, 3);
	row(&g, "B", -300, 1, 2000, 4000, CELL_MONEY, 1234);
	assert_int_equal(g.nrows, 2);
	assert_false(g.ruled);
	assert_int_equal(grid_total_row(&g, "total"), 0);
	assert_int_equal(g.nrows, 3);
	assert_true(g.ruled);
	/* 12.50 - 3.00, 2 + 1 rows; rates, balances, values not added. */
	assert_string_equal(plain(&g, 2, 0), "total");
	assert_string_equal(plain(&g, 2, 1), "9.50");
	assert_string_equal(plain(&g, 2, 2), "3");
	assert_string_equal(plain(&g, 2, 3), "");
	assert_true(grid_at(&g, 2, 3)->empty);
	assert_string_equal(plain(&g, 2, 4), "");
	assert_string_equal(plain(&g, 2, 5), "");
	/* Cells as written: a rate, a count, an amount, a value's own type. */
	assert_string_equal(plain(&g, 0, 3), "5.5");
	assert_string_equal(plain(&g, 1, 3), "20");
	assert_string_equal(plain(&g, 1, 1), "-3.00");
	assert_string_equal(plain(&g, 0, 5), "3");
	assert_int_equal(grid_at(&g, 0, 5)->type, CELL_COUNT);
	assert_string_equal(plain(&g, 1, 5), "12.34");
	assert_int_equal(grid_at(&g, 1, 5)->type, CELL_MONEY);
	/* The sums are those of the rows, not of the total row too. */
	assert_int_equal(g.col[1].sum, 950);
	assert_int_equal(g.col[4].sum, 9000);
	assert_false(g.overflow);
	grid_free(&g);
	assert_int_equal(g.ncols, 0);
}

/* A row with a cell too few or too many is taken back. */
static void test_row_not_whole(void **state)
{
	struct grid g;
	(void)state;

	columns(&g);
	grid_text(&g, "A");
	grid_number(&g, 100);
	assert_int_equal(grid_end_row(&g), -1);
	assert_int_equal(g.nrows, 0);
	assert_int_equal(g.ncells, 0);
	row(&g, "B", 1, 1, 0, 0, CELL_COUNT, 0);
	for (int i = 0; i < 6; i++)
		grid_empty(&g);
	assert_int_equal(grid_text(&g, "one too many"), -1);
	assert_int_equal(grid_end_row(&g), -1);
	assert_int_equal(g.nrows, 1);
	assert_int_equal(g.ncells, 6);
	row(&g, "C", 2, 1, 0, 0, CELL_COUNT, 0);
	assert_string_equal(plain(&g, 1, 0), "C");
	grid_free(&g);
}

/* An empty cell is shown as nothing and adds nothing. */
static void test_empty(void **state)
{
	struct grid g;
	(void)state;

	columns(&g);
	grid_text(&g, "A");
	grid_empty(&g);
	grid_number(&g, 1);
	grid_empty(&g);
	grid_empty(&g);
	grid_empty(&g);
	assert_int_equal(grid_end_row(&g), 0);
	assert_string_equal(plain(&g, 0, 1), "");
	assert_int_equal(g.col[1].sum, 0);
	grid_free(&g);
}

/* A sum that does not fit is noted, never wrapped. */
static void test_overflow(void **state)
{
	struct grid g;
	(void)state;

	columns(&g);
	row(&g, "A", INT64_MAX, 0, 0, 0, CELL_COUNT, 0);
	assert_false(g.overflow);
	row(&g, "B", 1, 0, 0, 0, CELL_COUNT, 0);
	assert_true(g.overflow);
	grid_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_and_total),
		cmocka_unit_test(test_row_not_whole),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
