/*
 * labels: flashcoop-report labels --lot L, a sheet of food labels to
 * print (Regulation (EU) No 1169/2011): one A4 page of 24 labels of
 * 70 x 37 mm (3 across, 8 down, no margin: the common "3 x 8" sheet),
 * each with the product's name, its ingredients with the allergens (the
 * parts between two '*' of [product NAME]) in bold, the allergens again
 * when no ingredients are given ("Contient"), the net quantity, the lot
 * number (the project's id and the lot's), the best-before date ("à
 * consommer de préférence avant le"; the lot's date plus the shelf
 * life), how to keep it, the price, and the producer (the CAE: [flashcoop]
 * host and host_address).  In French; every text escaped; nothing
 * fetched.
 */
#ifndef FLASHCOOP_LABELS_H
#define FLASHCOOP_LABELS_H

#include <stdio.h>

#include "flashcoop/error.h"

struct project;

#define LABELS_PER_SHEET 24

/* The labels of lot of p (read under a shared lock, verified), to out:
 * 0, FC_DATAERR when p has no such lot (or it is voided), or the code of
 * a failure, e filled. */
int labels_write(FILE *out, const struct project *p, const char *lot,
                 struct fc_error *e);

#endif
