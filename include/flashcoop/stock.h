/*
 * stock: what was made, sold, lost and is left, per product or per lot
 * (flashcoop-report stock), from one pass over a project's rows,
 * production.csv's included.  A lot is what production.csv made (its
 * void undoes it); a sale names no lot yet, so the sales of a product
 * (and its losses that name no lot) are taken from its oldest lots
 * first (first in, first out); a loss that names its lot is that lot's.
 * A lot's cost is its charges' (--uses) before VAT, a charge used by
 * several lots shared equally among them (to the cent, the first lots
 * taking the remainder); what is left of a lot is valued at its cost
 * times left over made.  Products: the catalogue's made ones, and any
 * other with a lot.
 */
#ifndef FLASHCOOP_STOCK_H
#define FLASHCOOP_STOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"
#include "flashcoop/row.h"

struct project;

struct stock_lot {
	char id[ID_SIZE];
	const char *product;      /* the catalogue's */
	int32_t date;
	int64_t made, sold, lost; /* units */
	int64_t cost;             /* cents before VAT; -1: no charge named */
	char *uses;               /* its charges, one space apart (owned) */
	bool voided;
};

struct stock_product {
	const char *name;         /* the catalogue's */
	int64_t made, sold, lost, left;
	int64_t cost_left;        /* cents; -1: no lot with a cost */
};

struct stock;

struct stock *stock_new(const struct project *p);
/* One row of the project, in file order; FC_DATAERR when a figure does
 * not fit, FC_IOERR when out of memory. */
int stock_row(struct stock *s, const struct row *en, struct fc_error *e);
/* After the last row: the lots taken from, the costs shared. */
int stock_end(struct stock *s, struct fc_error *e);
/* The results, in the catalogue's order, lots in file order. */
size_t stock_nproducts(const struct stock *s);
const struct stock_product *stock_product(const struct stock *s, size_t i);
size_t stock_nlots(const struct stock *s);
const struct stock_lot *stock_lot(const struct stock *s, size_t i);
/* A lot's left units, and their value at cost (-1 when unknown). */
int64_t stock_lot_left(const struct stock_lot *l);
int64_t stock_lot_value(const struct stock_lot *l);
void stock_free(struct stock *s);

/* The report of the table (stock_report.c): reports.h's scratch_new,
 * each, scratch_free and fill. */
struct report;
struct report_input;
void *stock_scratch_new(const struct project *p);
int stock_each(void *scratch, const struct row *en, struct fc_error *e);
void stock_scratch_free(void *scratch);
int stock_fill(struct report *r, const struct report_input *in,
               struct fc_error *e);

#endif
