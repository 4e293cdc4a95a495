/*
 * record: new rows into ledger.csv and hours.csv, one at a time or as a
 * batch.  Everything is checked before anything is written, under the
 * project lock: the rules of row_check, at most 24 hours a day for a
 * participant, a void naming one sale, charge or hours row not voided yet,
 * and no ref recorded twice.  A batch lands whole or not at all.
 */
#ifndef FLASHCOOP_RECORD_H
#define FLASHCOOP_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "flashcoop/row.h"
#include "flashcoop/error.h"

struct buf;
struct project;

/* Record en (a void names its target in en->ref and its reason in
 * en->note).  The new id goes to id.  When en's ref is already recorded,
 * nothing is written, *duplicate is set and id is the row that has it. */
int record_one(const struct project *p, struct row *en, char id[ID_SIZE],
               bool *duplicate, struct fc_error *e);


struct record_result {
	size_t recorded;  /* rows written */
	size_t skipped;   /* rows whose ref was already recorded */
};

/* Record every row of a batch CSV read from in (name for messages): the
 * ledger's column names plus kind, in any order, optional ones left out.
 * The new ids go to ids, one a line, in the order they were given (voids
 * last). */
int record_batch(const struct project *p, FILE *in, const char *name,
                 struct buf *ids, struct record_result *res,
                 struct fc_error *e);

#endif
