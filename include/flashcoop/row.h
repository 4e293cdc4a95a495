/*
 * row: one row of ledger.csv or hours.csv as a typed struct, parsed and
 * checked in one place for record, batch, close, report and check alike.
 *
 * Kinds and ids (gap-free per kind and terminal): sale S00001, charge
 * C00001, count K00001, deposit D00001 (cash or cheques taken to the
 * bank) and void V00001 in ledger.csv; hours H00001 and
 * their voids (also V ids: one sequence over the three files) in
 * hours.csv; production lots L00001 and losses W00001 (and their voids)
 * in production.csv.
 * The first terminal's ids are so; another terminal's end with its name
 * (S00001-stand).  A void repeats the voided row's fields, names it in
 * ref and gives the reason in note.  Rows of a chained project also carry
 * their terminal, when they were recorded and their chain (chain.h),
 * always last.
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
#include "flashcoop/terminal.h"

struct buf;
struct project;
struct participants;
struct table_row;

/* SPEC §2's columns, then vat_amount (added by the books: after the
 * others, so that a script's cut -f12 still reads ref) and lot (a sale's
 * lot, added with the production), then the chain's; hours.csv's role
 * (added for the attestations) likewise.  A file from before a column
 * is read and written without it. */
#define LEDGER_HEADER "id,date,kind,product,quantity,unit_price,amount," \
	"vat_rate,category,payment,participant,ref,note,vat_amount,lot" \
	ROW_CHAIN_HEADER
#define HOURS_HEADER "id,date,kind,participant,hours,ref,note,role" \
	ROW_CHAIN_HEADER
#define PRODUCTION_HEADER "id,date,kind,product,quantity,lot,uses,reason," \
	"ref,note" ROW_CHAIN_HEADER
/* The columns of a chained file, after the others. */
#define ROW_CHAIN_HEADER ",terminal,recorded_at,chain"

enum kind { KIND_SALE, KIND_CHARGE, KIND_COUNT, KIND_VOID, KIND_DEPOSIT,
             KIND_HOURS, KIND_LOT, KIND_LOSS };
/* The files of rows. */
enum row_file { ROW_FILE_LEDGER, ROW_FILE_HOURS, ROW_FILE_PRODUCTION,
                ROW_FILES };
enum payment { PAY_NONE, PAY_CASH, PAY_CARD, PAY_CHEQUE, PAY_TRANSFER,
               PAY_OTHER };
/* Where a row comes from: the files, a batch, or the command line (whose
 * options become a row of column names, so that one parser serves all;
 * messages then name the options). */
enum source { FROM_LEDGER, FROM_HOURS, FROM_BATCH, FROM_CLI,
              FROM_PRODUCTION };

#define ID_SIZE 32

/* The most VAT rates of one receipt. */
#define ROW_RATES_MAX 4

/* Hours of one participant in a day, and so of one row: hundredths. */
#define HOURS_DAY_MAX 2400

struct row {
	char id[ID_SIZE];      /* "" in a batch row: assigned on writing */
	enum kind kind;
	bool in_hours;         /* a row of hours.csv: hours, or their void */
	bool in_production;    /* of production.csv: a lot, a loss, a void */
	int32_t date;
	const char *product;
	int64_t quantity;      /* sale: >= 1 */
	int64_t unit_price;    /* sale: cents incl. VAT */
	int64_t amount;        /* cents incl. VAT */
	int32_t vat;           /* hundredths of a percent (a receipt of
	                          several rates: the first) */
	int64_t vat_amount;    /* charge: the receipt's VAT, when given (of
	                          several rates: their sum) */
	/* A charge whose receipt has several VAT rates (nparts >= 2, at most
	 * ROW_RATES_MAX): each rate and the VAT printed for it, stored as
	 * space-separated lists in vat_rate and vat_amount ("5.5 20",
	 * "0.52 3.33"); nparts 0 for one rate. */
	struct row_part {
		int32_t rate;
		int64_t vat;
	} parts[ROW_RATES_MAX];
	size_t nparts;
	const char *category;
	enum payment payment;
	char participant[ID_SIZE];
	int64_t hours;         /* hundredths of an hour */
	const char *ref, *note;
	const char *role;      /* hours: what the participant did (sale,
	                          production...), "" when not said */
	const char *lot;       /* a sale's or a loss's lot (L00001), "" when
	                          not said */
	const char *uses;      /* a lot's charges, "C00001 C00003", or "" */
	const char *reason;    /* a loss's: eaten, broken, given, expired,
	                          other */
	/* Of a chained file's row ("" in an older file's): its terminal,
	 * when it was recorded, its chain. */
	char terminal[TERMINAL_SIZE];
	const char *recorded_at, *chain;
	long line;             /* where it was read, 0 when it was not */
	const char *file;      /* "ledger.csv"... for messages */
	/* What the row gave: a batch may leave columns out. */
	bool has_amount, has_price, has_vat, has_vat_amount;
};

const char *kind_name(enum kind k);
/* The file of a row. */
enum row_file row_file_of(const struct row *r);
/* The name of a file of rows: "ledger.csv"... */
const char *row_file_name(enum row_file f);
/* A loss's reasons, and the check of one: -1 when it is none. */
#define ROW_LOSS_REASONS "eaten, broken, given, expired, other"
int row_loss_reason(const char *s);
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
               COL_UNIT_PRICE, COL_AMOUNT, COL_VAT_RATE, COL_VAT_AMOUNT,
               COL_CATEGORY,
               COL_PAYMENT, COL_PARTICIPANT, COL_HOURS, COL_REF, COL_NOTE,
               COL_ROLE, COL_LOT, COL_USES, COL_REASON, COL_TERMINAL,
               COL_RECORDED_AT, COL_CHAIN, COL_N };

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

/* The layout of dir's file of rows f, from its header; FC_DATAERR when a
 * column of ours is missing (but vat_amount, which a ledger from before
 * the books may lack: row_layout_fits). */
int rows_layout(const char *dir, enum row_file f, struct row_layout *l,
                struct fc_error *e);
/* Whether dir has the file f (production.csv is made by the first lot or
 * loss of a project from before it). */
bool rows_have(const char *dir, enum row_file f);

/* 0 when en's values all have a column in l; else FC_DATAERR naming
 * the column (a receipt's VAT in a ledger without vat_amount). */
int row_layout_fits(const struct row_layout *l, const struct row *en,
                    struct fc_error *e);

/* The row of en (with its newline) in the columns of layout l, or in our
 * own order when l is NULL (a new file).  -1 when out of memory. */
int row_format(struct buf *b, const struct row *en,
                 const struct row_layout *l);

/* The row formatted last in b (from start: its chain column empty, so it
 * ends ",\n") gets its chain after prev, which becomes the row's.  -1
 * when SHA-256 fails or out of memory. */
struct chain;
int row_chain_seal(struct buf *b, size_t start, struct chain *c,
                   char *prev);

/* Copy the text fields of en into storage owned by en (row_free). */
int row_own(struct row *en);
void row_free(struct row *en);

/* Stream every row of dir's ledger.csv (files & 1), hours.csv (files &
 * 2) and production.csv (files & 4; none when absent), in file order.
 * fn returns non-zero to stop. */
enum { ROWS_LEDGER = 1, ROWS_HOURS = 2, ROWS_PRODUCTION = 4 };
typedef int (*row_fn)(void *ctx, const struct row *en,
                        struct fc_error *e);
int rows_read(const char *dir, int files, row_fn fn, void *ctx,
                 struct fc_error *e);

/* Who writes a new row: the terminal (NULL or "" in a project not
 * chained) and whether it is the first (its ids carry no name; the rows
 * from before the chain are its). */
struct row_writer {
	const char *terminal;
	bool first;
};

/* Is a row of this terminal ("" for a row from before the chain) w's? */
bool row_writer_owns(const struct row_writer *w, const char *terminal);

/* The next id of a kind in dir for writer w ("S00042", "S00007-stand"),
 * and the chain of w's last row in the file of the kind (hours.csv for
 * hours, else ledger.csv; CHAIN_ZERO when none) to prev when not NULL,
 * read from the tail of the files (of both for V): the time does not grow
 * with the ledger, unless the kind is rare.  Refuses a file whose last
 * line has no newline. */
int rows_next_id(const char *dir, const struct row_writer *w, enum kind k,
                 enum row_file in, char *id, char *prev,
                 struct fc_error *e);

/* "S00042" from 'S' and 42 (at least five digits). */
/* The id of number n of a kind's letter, for terminal suffix: NULL or
 * "" for the first terminal (S00042), else its name (S00042-stand). */
void row_id_format(char id[ID_SIZE], char letter, unsigned long long n,
                   const char *suffix);
/* The parts of an id: its letter, its number, and the terminal named
 * after its '-' ("" when none).  -1 when s is no id of that form. */
struct row_id {
	char letter;
	unsigned long long n;
	char terminal[TERMINAL_SIZE];
};
int row_id_parts(const char *s, struct row_id *out);


#endif
