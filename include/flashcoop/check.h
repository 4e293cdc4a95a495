/*
 * check: validate a whole project folder, the way bean-check does, and go
 * on after each problem so that all of them are named: flashcoop.ini, the
 * headers and every row of the CSV files (types, ranges, dates in the
 * period, participants enrolled on the date, sale amounts, at most 24
 * hours a day, ids unique and gap-free per kind, voids naming one row they
 * repeat), and for a closed project the SHA-256 of every sealed file.
 */
#ifndef FLASHCOOP_CHECK_H
#define FLASHCOOP_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "flashcoop/error.h"

/* Each problem, as "file:line: message" (file prefixed with the folder
 * unless it is "."); a warning starts "file: warning: " and does not make
 * the project unsound. */
typedef void (*check_fn)(void *ctx, const char *problem, bool warning);

struct check_stats {
	size_t participants, ledger_rows, hours_rows, sealed;
	size_t problems, warnings;
};

/* FC_OK when sound, FC_DATAERR when problems were found (each given to
 * fn), FC_NOINPUT when dir holds no project, FC_IOERR when a file cannot
 * be read.  The files are read under a shared lock, unless locked (the
 * caller holds the lock already). */
int check_project(const char *dir, bool locked, check_fn fn, void *ctx,
                  struct check_stats *st, struct fc_error *e);

#endif
