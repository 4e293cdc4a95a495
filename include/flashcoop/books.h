/*
 * books: the ledgers as bookkeeping by debit and credit (SPEC §6), for
 * the accountant's journal (journal.h) and the documents (book_reports.h:
 * the trial balance, the general ledger, the income statement).
 *
 * Journals: VT sales (one entry per day of recording, day of sale,
 * payment, VAT rate and terminal; with detail one per sale), AC purchases
 * (one per charge), CA cash (the opening cash, the counts' differences,
 * the cash deposits), BQ bank (cheques and card receipts deposited), OD closing
 * (the CAE's contribution and the pay estimate, with the closing, from
 * the sealed figures).  A void is its row's reversing entry.
 *
 * An entry's ValidDate is the day its row was recorded (recorded_at; a
 * row from before the chain: its own date), and its number follows from
 * the rows recorded before it: entries are ordered by ValidDate, then
 * project, then terminal (the first one first), then the row's place in
 * its terminal's file, and numbered from 1 in each journal over all the
 * projects given.  A row recorded later only adds entries after the
 * others: none moves, none changes once its day of recording is over
 * (and with daily closings, once its day is closed).
 *
 * VAT: sales per rate on the totals (SPEC §4), as a running total: an
 * entry's before-VAT amount is that of the rate's total so far less that
 * of the total before it, so that no entry's VAT is more than a cent from
 * its own, none is on the wrong side, and every rate adds up to the
 * closing statement.  Charges: the receipt's VAT (rules_charge_vat).
 */
#ifndef FLASHCOOP_BOOKS_H
#define FLASHCOOP_BOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/accounts.h"
#include "flashcoop/error.h"

struct project;

enum journal_code { J_VT, J_AC, J_CA, J_BQ, J_OD, J_N };

/* "VT", and its label ("Ventes"). */
const char *books_journal_code(enum journal_code j);
const char *books_journal_label(enum journal_code j);

struct book_line {
	uint32_t account;      /* in books.acc */
	int64_t amount;        /* > 0 debit, < 0 credit */
	bool cae;              /* on the CAE's analytic code */
};

#define BOOK_LINES 6
#define BOOK_TEXT_SIZE 160

struct book_entry {
	enum journal_code journal;
	int32_t date;          /* EcritureDate */
	int32_t valid;         /* ValidDate */
	uint32_t project;      /* in books.proj */
	uint32_t term;         /* the terminal's rank: 0 the first */
	uint64_t place;        /* the row's place; 0 the opening cash */
	unsigned long num;     /* in its journal, from 1 (books_finish) */
	char *piece;           /* PieceRef (owned: a ref is kept whole) */
	char text[BOOK_TEXT_SIZE];
	struct book_line l[BOOK_LINES];
	uint8_t n;
	/* A sale's entry until books_finish: its rate, total, VAT account,
	 * and for a day's summary the number of sales. */
	int32_t rate;
	int64_t incl;
	uint32_t vat_account;
	uint32_t rows;
	bool resale, sale, summary;
};

struct books_project {
	char id[64];
	char analytic[48], cae_analytic[48];
	char currency[4];
	bool vat;
	bool detail;               /* a sale on its own, its own VAT */
	uint32_t sales, resale;    /* the sales accounts */
};

struct books {
	struct book_entry *v;
	size_t n, cap;
	struct account_ref *acc;   /* the accounts used, first seen first */
	size_t nacc, capacc;
	struct books_project *proj;
	size_t nproj, capproj;
};

enum { BOOKS_DETAIL = 1, BOOKS_WITH_CLOSING = 2 };

/* Add the entries of one project (its files verified and read under a
 * shared lock).  flags: BOOKS_DETAIL, BOOKS_WITH_CLOSING. */
int books_add(struct books *b, const struct project *p, unsigned flags,
              struct fc_error *e);
/* Number the entries and put them in the order of the FEC: by ValidDate,
 * journal and number.  Sales get their VAT. */
int books_finish(struct books *b, struct fc_error *e);
void books_free(struct books *b);

#endif
