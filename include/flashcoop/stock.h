/*
 * stock: what was made, sold, lost and is left, per product or per lot
 * (flashcoop-report stock), from one pass over a project's rows,
 * production.csv's included.  A lot is what production.csv made (its
 * void undoes it).  A sale that names its lot (ledger.csv's lot) and a
 * loss that does are that lot's, even past what it made; the other
 * sales of a product, by date, then its losses that name no lot, are
 * taken from its oldest lots first (first in, first out), as much as
 * each holds.
 * A lot's cost is its charges' (--uses) before VAT, a charge used by
 * several lots shared equally among them (to the cent, the first lots
 * taking the remainder); what is left of a lot is valued at its cost
 * times left over made.  Products: the catalogue's made ones, and any
 * other with a lot.  flashcoop-check warns, from these same figures, of
 * a product made and left below zero (verify.c).
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
	int64_t sold_fifo;        /* of sold: first in, first out's */
	int64_t cost;             /* cents before VAT; -1: no charge named */
	char *uses;               /* its charges, one space apart (owned) */
	bool voided;
};

/* A sale of a product the stock follows, a charge, a loss. */
struct stock_sale {
	char id[ID_SIZE];
	int32_t date;
	enum payment payment;
	int64_t quantity;
	const char *product;      /* the catalogue's */
	char lot[ID_SIZE];        /* the lot it names, "" when none */
	bool voided;
};
struct stock_charge {
	char id[ID_SIZE];
	int32_t date;
	int64_t amount, cost;     /* incl. VAT, before VAT */
	char *category;           /* owned */
	size_t users;             /* the lots (not voided) naming it */
	bool voided;
};
struct stock_loss {
	char id[ID_SIZE];
	int32_t date;
	int64_t quantity;
	const char *product;      /* the catalogue's */
	char *reason;             /* owned */
	size_t lot;               /* its lot's index + 1, 0: none named */
	bool voided;
};
/* What a sale took from a lot: the lot it names (named), or first in,
 * first out's. */
struct stock_take {
	size_t sale, lot;
	int64_t quantity;
	bool named;
};

struct stock_product {
	const char *name;         /* the catalogue's */
	int64_t made, sold, lost, left;
	int64_t sold_fifo;        /* of sold: by sales naming no lot */
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
/* The rows behind the figures, for the trace (in file order; takes in the
 * order they were made). */
size_t stock_nsales(const struct stock *s);
const struct stock_sale *stock_sale(const struct stock *s, size_t i);
size_t stock_ncharges(const struct stock *s);
const struct stock_charge *stock_charge(const struct stock *s, size_t i);
size_t stock_nlosses(const struct stock *s);
const struct stock_loss *stock_loss(const struct stock *s, size_t i);
size_t stock_ntakes(const struct stock *s);
const struct stock_take *stock_take(const struct stock *s, size_t i);
/* A lot's index by id, a charge's; -1 when none. */
long stock_lot_index(const struct stock *s, const char *id);
long stock_charge_index(const struct stock *s, const char *id);
/* Whether lot i names charge c among its uses. */
bool stock_lot_uses(const struct stock *s, size_t i, const char *charge);

/* A lot's left units, and their value at cost (-1 when unknown). */
int64_t stock_lot_left(const struct stock_lot *l);
int64_t stock_lot_value(const struct stock_lot *l);
void stock_free(struct stock *s);

/* The reports of the table (stock_report.c): reports.h's scratch_new,
 * each, scratch_free and fill (their columns are declared in
 * reports.h). */
struct report;
struct report_input;
void *stock_scratch_new(const struct project *p);
int stock_each(void *scratch, const struct row *en, struct fc_error *e);
void stock_scratch_free(void *scratch);
int stock_fill(struct report *r, const struct report_input *in,
               struct fc_error *e);
/* The trace of --lot (the lot, the charges it used, the sales first in,
 * first out took from it, its losses) or of --charge (the charge, then
 * each lot that used it, traced). */
int trace_fill(struct report *r, const struct report_input *in,
               struct fc_error *e);

#endif
