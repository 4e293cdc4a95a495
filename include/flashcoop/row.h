/*
 * row: one row of ledger.csv or hours.csv as a typed struct, parsed and
 * checked in one place for record, batch, close, report and check alike.
 *
 * Kinds and ids (gap-free per kind): sale S00001, charge C00001, count
 * K00001 and void V00001 in ledger.csv; hours H00001 and their voids (also
 * V ids: one sequence over both files) in hours.csv.  A void repeats the
 * voided row's fields, names it in ref and gives the reason in note.
 *
 * Text fields of a parsed row point into the CSV row they came from: they
 * are valid during the callback only (row_own() copies them).
 */
#ifndef FLASHCOOP_ROW_H
#define FLASHCOOP_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"

struct buf;
struct project;
struct participants;
struct table_row;

#define LEDGER_HEADER "id,date,kind,product,quantity,unit_price,amount," \
	"vat_rate,category,payment,participant,ref,note"
#define HOURS_HEADER "id,date,kind,participant,hours,ref,note"

enum kind { KIND_SALE, KIND_CHARGE, KIND_COUNT, KIND_VOID, KIND_HOURS };
enum payment { PAY_NONE, PAY_CASH, PAY_CARD, PAY_CHEQUE, PAY_TRANSFER,
               PAY_OTHER };
/* Where a row comes from: the files, a batch, or the command line (whose
 * options become a row of column names, so that one parser serves all;
 * messages then name the options). */
enum source { FROM_LEDGER, FROM_HOURS, FROM_BATCH, FROM_CLI };

#define ID_SIZE 16

/* Hours of one participant in a day, and so of one row: hundredths. */
#define HOURS_DAY_MAX 2400

struct row {
	char id[ID_SIZE];      /* "" in a batch row: assigned on writing */
	enum kind kind;
	bool in_hours;         /* a row of hours.csv: hours, or their void */
	int32_t date;
	const char *product;
	int64_t quantity;      /* sale: >= 1 */
	int64_t unit_price;    /* sale: cents incl. VAT */
	int64_t amount;        /* cents incl. VAT */
	int32_t vat;           /* hundredths of a percent */
	const char *category;
	enum payment payment;
	char participant[ID_SIZE];
	int64_t hours;         /* hundredths of an hour */
	const char *ref, *note;
	long line;             /* where it was read, 0 when it was not */
	const char *file;      /* "ledger.csv"... for messages */
	/* What the row gave: a batch may leave columns out. */
	bool has_amount, has_price, has_vat;
};

const char *kind_name(enum kind k);
/* The id letter of a kind: S C K V H. */
char kind_letter(enum kind k);
const char *payment_name(enum payment p);
/* The kind of an id letter ('S' -> KIND_SALE); -1 for another letter. */
int kind_of_letter(char letter);
/* The kind whose figures a row changes: its own, or for a void the kind
 * of the row it voids (which it subtracts); -1 for a void naming no id. */
int row_counts_as(const struct row *r);
/* "cash" -> PAY_CASH; -1 for an unknown name. */
int payment_parse(const char *s);

/* The columns of a file, by header name. */
/* The columns a row may have, in the order of LEDGER_HEADER (hours.csv
 * has id, date, kind, participant, hours, ref and note). */
enum row_col { COL_ID, COL_DATE, COL_KIND, COL_PRODUCT, COL_QUANTITY,
               COL_UNIT_PRICE, COL_AMOUNT, COL_VAT_RATE, COL_CATEGORY,
               COL_PAYMENT, COL_PARTICIPANT, COL_HOURS, COL_REF, COL_NOTE,
               COL_N };

struct row_cols {
	int at[COL_N];    /* the index of each in the header, or -1 */
};

/* Find the columns in a header row; the ones a source requires must be
 * there (a batch needs kind only: the others depend on the row's kind). */
int row_cols(const struct table_row *header, enum source src,
               struct row_cols *c, struct fc_error *e);

/* Parse a data row into *out: every value typed and checked on its own
 * (forms, ranges, text), messages naming file:line and the column. */
int row_parse(const struct table_row *r, const struct row_cols *c,
                enum source src, struct row *out, struct fc_error *e);

/* Complete and check a new row against the project: the catalogue gives
 * a sale's price and VAT rate; amount = quantity x unit price; the date in
 * the period; the participant enrolled and not withdrawn on that date;
 * the payment allowed for the kind.  The message names where it came
 * from (file:line, or nothing for the command line). */
int row_check(const struct project *p, const struct participants *ps,
                struct row *en, struct fc_error *e);

/* Make v the void of target: the same fields, kind void, ref the target's
 * id, note the reason. */
void row_void_of(struct row *v, const struct row *target,
                   const char *reason);

/* Where each of our columns is in a file's header, and how many it has:
 * rows are written in the file's own column order. */
struct row_layout {
	struct row_cols cols;
	size_t ncols;
};

/* The layout of dir's ledger.csv (hours false) or hours.csv, from its
 * header; FC_DATAERR when a column of ours is missing. */
int rows_layout(const char *dir, bool hours, struct row_layout *l,
                   struct fc_error *e);

/* The row of en (with its newline) in the columns of layout l, or in our
 * own order when l is NULL (a new file).  -1 when out of memory. */
int row_format(struct buf *b, const struct row *en,
                 const struct row_layout *l);

/* Copy the text fields of en into storage owned by en (row_free). */
int row_own(struct row *en);
void row_free(struct row *en);

/* Stream every row of dir's ledger.csv (files & 1) and hours.csv
 * (files & 2), in file order.  fn returns non-zero to stop. */
enum { ROWS_LEDGER = 1, ROWS_HOURS = 2 };
typedef int (*row_fn)(void *ctx, const struct row *en,
                        struct fc_error *e);
int rows_read(const char *dir, int files, row_fn fn, void *ctx,
                 struct fc_error *e);

/* The next id of a kind in dir ("S00042"), read from the tail of its file
 * (of both files for V): the time does not grow with the ledger, unless
 * the kind is rare.  Refuses a file whose last line has no newline. */
int rows_next_id(const char *dir, enum kind k, char *id,
                    struct fc_error *e);

/* "S00042" from 'S' and 42 (at least five digits). */
void row_id_format(char id[ID_SIZE], char letter, unsigned long long n);


#endif
