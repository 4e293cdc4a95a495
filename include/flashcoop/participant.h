/*
 * participant: the rows of participants.csv, read, checked and written.
 *
 * One row per person under contract with the CAE: id (P001...), name,
 * contract reference, enrolment and withdrawal dates, and the indicators the
 * funders ask for.  The file is small; it is read whole.
 */
#ifndef FLASHCOOP_PARTICIPANT_H
#define FLASHCOOP_PARTICIPANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"

/* SPEC §2's columns, then those of the week's afterlife (contract type,
 * the funders' indicators, the outcomes), after the others so that an
 * older file's rows keep their places. */
#define PARTICIPANT_HEADER \
	"id,name,contract,enrolled,withdrawn,gender,birth_year," \
	"status_at_entry,referrer,note,contract_type,education,qpv," \
	"disability,exit_status,exit_date,status_6_months"

/* The columns, in the order of PARTICIPANT_HEADER. */
enum participant_col {
	PC_ID, PC_NAME, PC_CONTRACT, PC_ENROLLED, PC_WITHDRAWN, PC_GENDER,
	PC_BIRTH_YEAR, PC_STATUS, PC_REFERRER, PC_NOTE, PC_CONTRACT_TYPE,
	PC_EDUCATION, PC_QPV, PC_DISABILITY, PC_EXIT_STATUS, PC_EXIT_DATE,
	PC_STATUS_6M, PARTICIPANT_NCOLS
};

/* The contract type a row without one has. */
#define PARTICIPANT_DEFAULT_CONTRACT "CAPE"

struct participant {
	char id[16];
	char *name, *contract;
	int32_t enrolled;        /* day number */
	int32_t withdrawn;       /* day number, or DATE_NONE */
	char *gender;
	int birth_year;          /* 0 when unknown */
	char *status, *referrer, *note;
	/* The afterlife's, "" when unknown: contract type (CAPE, CESA, CDD,
	 * other), education (none, 3 to 8), qpv and disability (yes, no),
	 * the status at exit and six months later (employment, training,
	 * job-search, other). */
	char *contract_type, *education, *qpv, *disability;
	char *exit_status, *status_6m;
	int32_t exit_date;       /* day number, or DATE_NONE */
	long line;               /* where it was read */
};

struct participants {
	struct participant *v;
	size_t n, cap;
	/* The file's header: where each of our columns is (-1: absent), and
	 * how many it has, so that a new row is written in its order. */
	int col[PARTICIPANT_NCOLS];
	size_t ncols;
};

/* Read dir/participants.csv, checking every row. */
int participants_load(const char *dir, struct participants *ps,
                      struct fc_error *e);
void participants_free(struct participants *ps);

/* The number of a participant id ("P042" -> 42); -1 when id is not one
 * (P and 3 to 5 digits, not 0). */
long participant_number(const char *id);

/* The participant with this id, or NULL. */
struct participant *participants_find(const struct participants *ps,
                                      const char *id);

/* True when p is enrolled and not withdrawn on day. */
bool participant_active(const struct participant *p, int32_t day);

/* Check a new participant's fields as they enter (name, contract, text
 * fields, birth year, the values of the lists); FC_DATAERR naming the bad
 * value. */
int participant_check(const struct participant *p, struct fc_error *e);

/* The column's name in participants.csv ("status_6_months"). */
const char *participant_col_name(enum participant_col c);
/* The values a listed column takes ("yes no"), or NULL for a free one. */
const char *participant_values(enum participant_col c);
/* The listed value v is (case aside) in the canonical spelling of the
 * list ("cape" -> "CAPE"); v itself when free or empty; NULL when not in
 * the list. */
const char *participant_canonical(enum participant_col c, const char *v);
/* The text of column c of p ("" when unknown): dates and years written
 * into buf (DATE_BUFSZ at least). */
const char *participant_field(const struct participant *p,
                              enum participant_col c, char *buf);

/* May p be enrolled in pr?  Its date is not after the project's end and
 * its contract reference is not already enrolled; then participant_check. */
struct project;
int participants_check_new(const struct project *pr,
                           const struct participants *ps,
                           const struct participant *p, struct fc_error *e);

/* May participant id withdraw on day?  Enrolled, not withdrawn, and the
 * day between its enrolment and the day after the project's end. */
int participants_check_withdraw(const struct project *pr,
                                const struct participants *ps,
                                const char *id, int32_t day,
                                struct fc_error *e);

/* Next id after the last one of ps: P001, P002... */
int participants_next_id(const struct participants *ps, char *id,
                         size_t size, struct fc_error *e);

/* Rewrite dir/participants.csv (temp, fsync, rename), keeping every row
 * and column, known to this version or not: the row of id (when id is not
 * NULL) gets the values of set[] that are not NULL, and the row of add
 * (when not NULL) is added last.  A column of ours that a value needs and
 * the header lacks (an older file) is added at the header's end, empty in
 * the other rows.  The caller holds the lock and checked the values. */
int participants_rewrite(const char *dir, const char *id,
                         const char *const set[PARTICIPANT_NCOLS],
                         const struct participant *add, struct fc_error *e);
/* The same, the new text to out (buf_free) rather than to the file. */
struct buf;
int participants_text(const char *dir, const char *id,
                      const char *const set[PARTICIPANT_NCOLS],
                      const struct participant *add, struct buf *out,
                      struct fc_error *e);

/* Set column c of p to v (text: p points to v, not a copy; a date or a
 * year parsed), FC_DATAERR naming a bad one.  "" clears it. */
int participant_set(struct participant *p, enum participant_col c,
                    const char *v, struct fc_error *e);

/* The CSV line of p (with its newline) appended to b, in the column
 * order of ps's file (ours when ps is NULL): 1 (nothing appended) when a
 * value has no column to go in (participants_rewrite adds it). */
int participant_format(struct buf *b, const struct participant *p,
                       const struct participants *ps, struct fc_error *e);

#endif
