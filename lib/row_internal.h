/*
 * What lib/row.c and lib/row_format.c share, and no one else: the row is
 * one module in two files (reading and checking; writing).
 */
#ifndef FLASHCOOP_ROW_INTERNAL_H
#define FLASHCOOP_ROW_INTERNAL_H

#include <stddef.h>

#include "flashcoop/row.h"

/* The columns of each file, in the order we write them (LEDGER_HEADER,
 * HOURS_HEADER); the chain's three last. */
#define ROW_NLEDGER_COLS 18
#define ROW_NHOURS_COLS 11
#define ROW_NPRODUCTION_COLS 13
extern const enum row_col row_ledger_cols[ROW_NLEDGER_COLS];
extern const enum row_col row_hours_cols[ROW_NHOURS_COLS];
extern const enum row_col row_production_cols[ROW_NPRODUCTION_COLS];

/* "file:line: column 'c': message", or "--option message" for the
 * command line: FC_DATAERR. */
int row_bad(struct fc_error *e, const struct row *en, enum row_col c,
            const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The most digits of an id's number: ids stop at 9999999999. */
#define ID_DIGITS_MAX 10

#endif
