/*
 * workbook: flashcoop-report workbook, the CAE's file of a project in one
 * spreadsheet (write.h's xlsx): the statement first (its heading and its
 * lines: the closing's once closed, else the figures so far), then a
 * sheet per report of the table in its order (summary, sales, charges,
 * hours, participants, funders, payroll, cash, z, balance, general-ledger,
 * income) with their default --by, the whole period, names with names
 * (payroll's always), the books with the closing once closed, then the
 * journal (entries).  One shared lock is held over every pass, so that
 * every sheet shows the same rows.
 */
#ifndef FLASHCOOP_WORKBOOK_H
#define FLASHCOOP_WORKBOOK_H

#include <stdbool.h>
#include <stdio.h>

#include "flashcoop/error.h"

struct project;

/* The workbook of p, written to out: 0 or an exit code with e filled. */
int workbook_write(FILE *out, const struct project *p, bool names,
                   struct fc_error *e);

#endif
