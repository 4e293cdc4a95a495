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

struct grid;

int write_text(FILE *out, const struct grid *g);
int write_csv(FILE *out, const struct grid *g);
int write_csv_excel_fr(FILE *out, const struct grid *g);
int write_json(FILE *out, const struct grid *g);

#endif
