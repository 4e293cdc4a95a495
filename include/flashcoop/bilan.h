/*
 * bilan: the yearly or end-of-week document in one self-contained HTML
 * file (inline CSS and SVG, no script, no network) that prints on A4:
 * per project, a page with its identity, the closing statement (or the
 * figures so far, marked provisional), VAT by rate and what each
 * participant receives; then a page of bar charts (sales by day and by
 * product, charges by category, hours by participant), the funders'
 * indicators and the voided rows; then, when the project has production,
 * a page of its lots made, sold, lost and left (the stock's figures).
 * With several projects, an overview page comes first.  French labels,
 * amounts as "1 234,56 €"; every text read from a project is
 * HTML-escaped (html.h).  The figures are those of the closing statement
 * and of the reports: a project is read by bilan_sheet.h, its pages
 * drawn by bilan_pages.c (the production's by bilan_production.c), its
 * charts by chart.h.
 */
#ifndef FLASHCOOP_BILAN_H
#define FLASHCOOP_BILAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flashcoop/error.h"

struct project;

/* A project in the overview. */
struct bilan_row {
	char *id, *name, *unit;
	int32_t start, end;
	bool closed;
	int64_t turnover, margin, distributable, hours;
	size_t participants;
};

/* A document being built: the project pages are kept in memory until
 * bilan_end() knows whether an overview goes before them. */
struct bilan {
	FILE *out;
	bool names;            /* participants' names beside their ids */
	int32_t today;         /* the date of provisional figures */
	FILE *pages;           /* the project pages so far (a memory stream) */
	char *pages_buf;
	size_t pages_len;
	struct bilan_row *rows;
	size_t nprojects, caprows;
	unsigned charts;       /* charts so far: each has its own clip path */
};

/* Start a document that bilan_end() writes to out. */
int bilan_begin(struct bilan *b, FILE *out, bool names, struct fc_error *e);
/* Read project p (under a shared lock) and add its pages; on failure
 * nothing of it is added. */
int bilan_project(struct bilan *b, const struct project *p,
                  struct fc_error *e);
/* Write the whole document: the overview when more than one project was
 * added, then the project pages.  FC_IOERR when out cannot be written. */
int bilan_end(struct bilan *b, struct fc_error *e);
void bilan_free(struct bilan *b);

#endif
