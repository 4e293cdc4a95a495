/*
 * journal: the books (books.h) written out for the accountant: in the
 * layout of the FEC (Fichier des Écritures Comptables, art. A47 A-1 of the
 * LPF: 18 columns, tab-separated, in order of validation, each journal
 * numbered without a gap), as a plain-text journal that ledger and
 * hledger read (its accounts and commodity declared first, each line
 * tagged with its analytic code), or as a CSV of lines for the CAE's
 * accounting software (journal, date, number, piece, account, label,
 * debit, credit, analytic, valid_date).
 */
#ifndef FLASHCOOP_JOURNAL_H
#define FLASHCOOP_JOURNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "flashcoop/error.h"

struct books;
struct grid;

enum journal_format { JOURNAL_FEC, JOURNAL_LEDGER, JOURNAL_CSV };

/* Write every entry of b (books_finish done) to out; prefix: several
 * projects, each PieceRef prefixed by its project's id.  -1 when a write
 * fails. */
int journal_print(FILE *out, enum journal_format f, const struct books *b,
                  bool prefix);

/* The journal's lines as a grid (grid.h): the CSV's columns, debit and
 * credit amounts, no total.  -1 when out of memory (g then empty). */
int journal_grid(struct grid *g, const struct books *b, bool prefix);

#endif
