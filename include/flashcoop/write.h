/*
 * write: a grid (grid.h) written out, one writer a file: write_text.c an
 * aligned table for a person at a terminal (headings translated, numbers
 * the locale's way), write_csv.c RFC 4180 for a spreadsheet or a script
 * (text a spreadsheet would take for a formula neutralised) or in the
 * dialect French Excel opens right from a file manager (write_csv_excel_fr: a
 * UTF-8 byte-order mark, semicolons, decimal commas, CRLF), write_json.c
 * an array of objects for a program (counts as integers, amounts as exact
 * decimal strings).  CSV and JSON never change with the locale.  Each
 * returns 0, or -1 when out of memory or when out cannot be written.
 */
#ifndef FLASHCOOP_WRITE_H
#define FLASHCOOP_WRITE_H

#include <stdio.h>

#include "flashcoop/error.h"

struct grid;

int write_text(FILE *out, const struct grid *g);
int write_csv(FILE *out, const struct grid *g);
int write_csv_excel_fr(FILE *out, const struct grid *g);
int write_json(FILE *out, const struct grid *g);

/* A workbook (write_xlsx.c, with libxlsxwriter), sheet after sheet, then
 * written out whole: amounts are numbers with two decimals in the
 * currency's format (currency "EUR": "€"; NULL or "": none), hours with
 * two decimals, counts whole, rates as percentages, a column of dates as
 * dates (the reader's short date); headings translated, bold, frozen,
 * with an autofilter over the rows; the total row bold; widths from the
 * cells.  Each returns 0 or an exit code with e filled (FC_IOERR; a grid
 * too long for a sheet FC_DATAERR).  xlsx_write frees x, as xlsx_free. */
struct xlsx;
struct xlsx *xlsx_new(const char *currency, struct fc_error *e);
int xlsx_sheet(struct xlsx *x, const char *name, const struct grid *g,
               struct fc_error *e);
int xlsx_write(struct xlsx *x, FILE *out, struct fc_error *e);
void xlsx_free(struct xlsx *x);
/* One sheet, named sheet. */
int write_xlsx(FILE *out, const char *sheet, const struct grid *g,
               const char *currency, struct fc_error *e);

#endif
