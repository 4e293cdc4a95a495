/*
 * days: the daily closings (Z) of SPEC §5 in days.csv, one per terminal
 * and day closed, chained as the ledgers are and signed by the
 * terminal's key.  A Z holds the day's sales of its terminal by VAT rate
 * and by payment, the cash counted, the period's cumulative total, the
 * perpetual grand total and the terminal's chain heads; once it is
 * written, its terminal records no money row dated that day, and check
 * recomputes every figure from the rows and finds every head in the
 * files, so that a row changed, added or removed before a closing shows,
 * even with its chains computed anew.
 *
 * Fields (flashcoop-ledger(5)): vat_by_rate is "RATE:INCL:VAT" for each
 * rate, ';' between them, rates in numeric order; sales_by_payment is
 * "PAYMENT:AMOUNT", ';' between, in the order cash, card, cheque,
 * transfer, other, the ones with sales only; cash_counted is the day's
 * last count by the terminal, empty when none; period_total is the
 * terminal's net sales incl. VAT from the start of the period to the day;
 * perpetual_total the sum of the absolute amounts of all its sales and
 * their voids to the day, which never goes down.
 */
#ifndef FLASHCOOP_DAYS_H
#define FLASHCOOP_DAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/chain.h"
#include "flashcoop/error.h"
#include "flashcoop/row.h"
#include "flashcoop/sign.h"

#define DAYS_HEADER "id,date,terminal,recorded_at,sales_incl_vat," \
	"vat_by_rate,sales_by_payment,cash_counted,period_total," \
	"perpetual_total,ledger_head,hours_head,signature,chain"

/* The VAT rates of one day: more is refused. */
#define DAY_RATES_MAX 32

/* What a day of one terminal adds up to. */
struct day_figures {
	int64_t sales;                   /* incl. VAT, net of voids */
	struct { int32_t rate; int64_t incl; } rate[DAY_RATES_MAX];
	size_t nrates;
	int64_t pay[PAY_OTHER + 1];      /* by payment */
	bool counted;
	int64_t cash;                    /* the last count */
	int64_t period_total, perpetual_total;
	bool overflow;                   /* a sum too large, or rates */
};

#define DAY_RATES_SIZE 1024
#define DAY_PAYS_SIZE 160

/* A daily closing, as days.csv holds it. */
struct day_close {
	char id[ID_SIZE];
	char rates[DAY_RATES_SIZE], pays[DAY_PAYS_SIZE]; /* as written */
	int32_t date;
	char terminal[TERMINAL_SIZE];
	char recorded_at[DATE_STAMP_SIZE];
	struct day_figures fig;
	char ledger_head[CHAIN_HEX], hours_head[CHAIN_HEX];
	char signature[SIGN_SIGNATURE_HEX], chain[CHAIN_HEX];
	long line;
};

struct days {
	struct day_close *v;
	size_t n, cap;
	int col[14];            /* where each of DAYS_HEADER's columns is */
	size_t ncols;
};

/* Read dir/days.csv (none: no closing yet), every row checked on its own
 * (its fields' forms, FC_DATAERR naming file:line); its chains, ids and
 * signatures are days_check's. */
int days_load(const char *dir, struct days *d, struct fc_error *e);
void days_free(struct days *d);

/* The closing of terminal t on day, or NULL. */
const struct day_close *days_find(const struct days *d, const char *t,
                                  int32_t day);

/* ---- a new closing ---- */

/* Close day for the writer w (verify_write's): FC_CLOSED when it is
 * closed already, FC_DATAERR when it is outside the period or to come;
 * FC_NOINPUT when this machine lacks the terminal's key.  The new Z's id
 * to id. */
struct writer;
int days_close(const struct writer *w, int32_t day, char id[ID_SIZE],
               struct fc_error *e);

/* The same for a command: under the lock, in a sound project, by this
 * copy's terminal (verify_write). */
struct project;
int days_close_run(const struct project *p, int32_t day, char id[ID_SIZE],
                   struct fc_error *e);

/* May terminal t still record a money row dated day?  FC_CLOSED naming
 * the Z when not. */
int days_open(const struct days *d, const char *t, int32_t day,
              struct fc_error *e);

/* ---- the checks (verify's) ---- */

struct days_check;
struct terminals;
struct project;
typedef void (*days_fn)(void *ctx, const char *msg, bool warning);

/* Check days.csv's rows (ids gap-free per terminal, one a day, each
 * signed by its terminal's key and chained), then follow the ledgers'
 * rows (days_row) and name at the end (days_end) every figure that
 * differs from them and every head not found.  NULL when out of memory. */
struct days_check *days_check_new(const char *dir, const struct project *p,
                                  const struct terminals *t, days_fn fn,
                                  void *ctx);
void days_row(struct days_check *c, const struct row *en);
void days_end(struct days_check *c);
void days_check_free(struct days_check *c);
bool days_check_failed(const struct days_check *c);

/* The figures of a day from its rows: add each row of the terminal. */
void day_figures_add(struct day_figures *f, const struct row *en);
/* "5.5:25.00:1.30;20:8.00:1.33" and "cash:10.00;card:23.00". */
int day_figures_format(const struct day_figures *f, bool vat,
                       char *rates, size_t rsize, char *pays, size_t psize);

#endif
