/*
 * close: closing a project: under the lock, refuse a closed project,
 * verify every file while adding up the ledgers in the same pass (verify,
 * totals), compute the statement (closing), refuse a result nobody can be
 * paid from, then seal (unless it is a dry run).
 */
#ifndef FLASHCOOP_CLOSE_H
#define FLASHCOOP_CLOSE_H

#include <stdbool.h>
#include <stdint.h>

#include "flashcoop/closing.h"
#include "flashcoop/error.h"
#include "flashcoop/participant.h"
#include "flashcoop/verify.h"

struct project;

/* On success c and ps hold the statement and the participants it names
 * (closing_free, participants_free).  Problems found by the check go to
 * fn, and the result is FC_DATAERR.  A day with cash sales and no count
 * refuses the closing unless allow_uncounted. */
int close_project(const struct project *p, int32_t date, bool dry_run,
                  bool allow_uncounted, verify_fn fn, void *ctx,
                  struct closing *c, struct participants *ps,
                  struct fc_error *e);

#endif
