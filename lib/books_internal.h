/*
 * What lib/books.c and lib/books_cash.c share, and no one else: the books
 * of one project as its rows stream by.
 */
#ifndef FLASHCOOP_BOOKS_INTERNAL_H
#define FLASHCOOP_BOOKS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/books.h"
#include "flashcoop/row.h"
#include "flashcoop/strset.h"
#include "flashcoop/terminal.h"

struct project;

/* A row that moves the cash drawer (a cash sale, charge or deposit, or
 * their void: amount into the drawer), or a count (amount counted), at
 * its place in the books. */
struct cash_event {
	int32_t valid;
	uint32_t term;
	uint64_t place;
	int32_t day;
	int64_t amount;
	bool count;
	char id[ID_SIZE];          /* a count's */
};

struct build {
	struct books *b;
	const struct project *p;
	uint32_t proj;
	unsigned flags;
	struct terminals terms;
	struct strset groups;      /* a summary's key -> entry + 1 */
	uint64_t place;            /* the rows read so far */
	struct cash_event *cash;
	size_t ncash, capcash;
	struct fc_error *e;
};

#define NO_ACCOUNT UINT32_MAX

/* The index of key's account in the books; NO_ACCOUNT out of memory. */
uint32_t books_acc_key(struct books *b, const struct project *p,
                       const char *key);
/* A line of an entry (none for 0); -1 for NO_ACCOUNT. */
int books_line(struct book_entry *je, uint32_t acc, int64_t amount, bool cae);
/* A new entry of the project being built; NULL out of memory. */
struct book_entry *books_entry(struct build *c, enum journal_code j,
                               int32_t date, int32_t valid, uint32_t term,
                               uint64_t place);
/* Set je's piece (a copy of s); -1 out of memory. */
int books_piece(struct book_entry *je, const char *s);
int books_oom(struct fc_error *e);
int books_too_large(struct fc_error *e);
/* A row's ValidDate: the day it was recorded (before the chain: its
 * date). */
int32_t books_valid_of(const struct row *en);
/* A terminal's rank: 0 the first (and "", a row from before the chain). */
uint32_t books_term_of(const struct build *c, const char *name);

/* Keep a row of the drawer for books_cash_entries. */
int books_cash_event(struct build *c, const struct row *en);
/* CA: the opening cash, then the counts' differences as they became
 * known. */
int books_cash_entries(struct build *c);

#endif
