/*
 * bilan_sheet: what the bilan shows of one project, read under one shared
 * lock in one verified pass, so that every figure of its pages agrees:
 * the totals, the groups of its charts (sales by day and by product,
 * charges by category, hours by participant), the voids, the closing
 * statement, the funders' figures, the stock of production.csv's lots
 * (stock.h: its rows ride on the same pass), and whether and when it was
 * closed.  bilan_pages() draws it.
 */
#ifndef FLASHCOOP_BILAN_SHEET_H
#define FLASHCOOP_BILAN_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flashcoop/book_reports.h"
#include "flashcoop/closing.h"
#include "flashcoop/error.h"
#include "flashcoop/funders.h"
#include "flashcoop/groups.h"
#include "flashcoop/participant.h"
#include "flashcoop/row.h"
#include "flashcoop/statement.h"
#include "flashcoop/totals.h"

struct project;
struct stock;

/* A void, for the list of corrections. */
struct bilan_void {
	char id[ID_SIZE];
	int32_t date;
	char *ref, *note;
};

struct bilan_sheet {
	const struct project *p;
	bool names;              /* participants' names beside their ids */
	const char *unit;        /* "€", or the currency's code */
	struct participants ps;
	struct totals t;
	struct groups day, product, category, hours;
	struct bilan_void *voids;
	size_t nvoids, capvoids;
	struct closing c;
	struct statement st;
	struct funders funders;
	struct income income;    /* the books' income statement (the closing
	                            booked, when closed) */
	struct stock *stock;     /* the lots made, sold, lost, left (stock.h;
	                            NULL: not read) */
	bool closed;
	int32_t date;            /* of the closing (DATE_NONE when closing.ini
	                            gives none), or today's */
};

/* Read project p; today is the date of figures so far.  On failure s
 * holds nothing (bilan_sheet_free is still fine). */
int bilan_sheet_read(struct bilan_sheet *s, const struct project *p,
                     bool names, int32_t today, struct fc_error *e);
void bilan_sheet_free(struct bilan_sheet *s);

/* The pages of a project: the statement (identity, state, the
 * statement's rows, VAT by rate, the cash, what each participant
 * receives), the income statement of the books (PCG), the activity
 * (charts, the funders' indicators, the voided rows), then the
 * production when the project has some.  charts counts the document's
 * charts (each has its own clip path).  Write errors are left in out's
 * error flag. */
int bilan_pages(FILE *out, struct bilan_sheet *s, unsigned *charts,
                struct fc_error *e);
/* The top of a page: the project's id, what the page is, its state. */
void bilan_page_top(FILE *out, const struct bilan_sheet *s,
                    const char *what);

/* bilan_production.c: whether the project has production (a lot of
 * production.csv not voided), and its page: a row per lot (its lot number
 * as the labels print it, product, dates, made, sold, lost, left, value
 * left at cost), a total per product, the stock's first in, first out
 * said. */
bool bilan_has_production(const struct bilan_sheet *s);
void bilan_production_page(FILE *out, const struct bilan_sheet *s);

#endif
