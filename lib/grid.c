#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/grid.h"
#include "flashcoop/money.h"

int grid_column(struct grid *g, const char *name, enum cell type,
                unsigned flags)
{
	if (array_reserve(&g->col, &g->capcols, g->ncols + 1,
	                  sizeof *g->col) < 0)
		return -1;
	g->col[g->ncols++] = (struct grid_column){ name, type, flags, 0 };
	return 0;
}

/* Whether a column's numbers are added up: money, counts and hours. */
static bool summed(enum cell t)
{
	return t == CELL_MONEY || t == CELL_COUNT || t == CELL_HOURS;
}

/* The next cell of the row being added, or NULL (the row fails). */
static struct grid_cell *next_cell(struct grid *g)
{
	struct grid_cell *c;

	if (g->ncells >= (g->nrows + 1) * g->ncols ||
	    array_reserve(&g->cell, &g->capcells, g->ncells + 1,
	                  sizeof *g->cell) < 0) {
		g->failed = true;
		return NULL;
	}
	c = &g->cell[g->ncells++];
	memset(c, 0, sizeof *c);
	c->type = g->col[g->ncells - 1 - g->nrows * g->ncols].type;
	return c;
}

int grid_text(struct grid *g, const char *s)
{
	struct grid_cell *c = next_cell(g);
	if (!c)
		return -1;
	c->type = CELL_TEXT;
	if (!(c->text = strdup(s))) {
		g->failed = true;
		return -1;
	}
	return 0;
}

/* A number in the next cell, added to its column's sum unless it is the
 * total row's. */
static int number(struct grid *g, enum cell type, int64_t v, bool add)
{
	struct grid_cell *c = next_cell(g);
	struct grid_column *col;

	if (!c)
		return -1;
	col = &g->col[g->ncells - 1 - g->nrows * g->ncols];
	c->type = type;
	c->num = v;
	if (add && summed(col->type) && money_add(col->sum, v, &col->sum) < 0)
		g->overflow = true;
	return 0;
}

int grid_typed(struct grid *g, enum cell type, int64_t v)
{
	return number(g, type, v, true);
}

int grid_number(struct grid *g, int64_t v)
{
	size_t j = g->ncells - g->nrows * g->ncols;
	return grid_typed(g, j < g->ncols ? g->col[j].type : CELL_TEXT, v);
}

int grid_empty(struct grid *g)
{
	struct grid_cell *c = next_cell(g);
	if (!c)
		return -1;
	c->empty = true;
	return 0;
}

static void free_cells(struct grid *g, size_t from)
{
	for (size_t i = from; i < g->ncells; i++)
		free(g->cell[i].text);
	g->ncells = from;
}

int grid_end_row(struct grid *g)
{
	size_t start = g->nrows * g->ncols;

	if (g->failed || g->ncells != start + g->ncols) {
		free_cells(g, start);
		g->failed = false;
		return -1;
	}
	g->nrows++;
	return 0;
}

void grid_totals_begin(struct grid *g)
{
	if (!g->totals) {
		g->totals = true;
		g->totals_from = g->nrows;
	}
}

int grid_total_row(struct grid *g, const char *label)
{
	int bad;

	grid_totals_begin(g);
	bad = grid_text(g, label);

	for (size_t j = 1; j < g->ncols; j++) {
		const struct grid_column *c = &g->col[j];
		if (summed(c->type) && !(c->flags & GRID_NO_TOTAL))
			bad |= number(g, c->type, c->sum, false);
		else if (c->type == CELL_TEXT)
			bad |= grid_text(g, "");
		else
			bad |= grid_empty(g);
	}
	if (bad || grid_end_row(g) < 0)
		return -1;
	g->ruled = true;
	return 0;
}

const struct grid_cell *grid_at(const struct grid *g, size_t row, size_t col)
{
	return &g->cell[row * g->ncols + col];
}

const char *grid_plain(const struct grid_cell *c, char buf[GRID_PLAIN_SIZE])
{
	if (c->empty)
		return "";
	switch (c->type) {
	case CELL_TEXT:
		return c->text;
	case CELL_COUNT:
		snprintf(buf, GRID_PLAIN_SIZE, "%lld", (long long)c->num);
		return buf;
	case CELL_RATE:
		return money_rate_format((int32_t)c->num, buf);
	default:
		return money_format(c->num, buf);
	}
}

void grid_free(struct grid *g)
{
	free_cells(g, 0);
	free(g->cell);
	free(g->col);
	memset(g, 0, sizeof *g);
}
