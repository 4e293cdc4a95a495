/*
 * report: figures turned into what people and scripts read: the closing
 * statement as a table, and the report rows in text, CSV or JSON.  The
 * only module of lib/ that writes to a stream it is given.
 */
#ifndef FLASHCOOP_REPORT_H
#define FLASHCOOP_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct project;
struct closing;

/* The closing statement, readable, French accounting words in
 * parentheses.  provisional: figures so far, nothing closed.  names:
 * participants' names beside their ids. */
int report_statement(FILE *out, const struct project *p,
                     const struct closing *c, int32_t date, bool provisional,
                     bool names);

#endif
