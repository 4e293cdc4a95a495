/*
 * journal: the ledger as debit-and-credit bookkeeping, for the accountant, in
 * the layout of the FEC (Fichier des Écritures Comptables, art. A47 A-1 of
 * the LPF) or as a plain-text journal that ledger and hledger read.
 *
 * Journals: VT sales (one entry per day, payment and VAT rate, or per sale
 * with detail), AC purchases (one per charge), CA cash (the drawer's
 * counted differences), OD closing (the CAE contribution and the pay, when
 * the project is closed).  Voids are reversing entries.  Accounts are the
 * French chart of accounts (PCG), each one overridable in [accounts].  The
 * VAT of each rate is computed on the totals as in SPEC §4, the rounding
 * carried by the last entry of the rate, so that the accounts hold the
 * summary's figures to the cent.
 */
#ifndef FLASHCOOP_JOURNAL_H
#define FLASHCOOP_JOURNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "flashcoop/error.h"

struct project;

enum journal_format { JOURNAL_FEC, JOURNAL_LEDGER };

struct journal_out {
	FILE *out;
	enum journal_format format;
	bool detail;       /* one entry per sale */
	bool prefix;       /* several projects: pieces prefixed by the id */
	bool header_done;  /* FEC: the header line is written once */
};

/* Write the entries of one project (read under a shared lock). */
int journal_write(struct journal_out *j, const struct project *p,
                  struct fc_error *e);

#endif
