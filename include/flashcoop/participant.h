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

#define PARTICIPANT_HEADER \
	"id,name,contract,enrolled,withdrawn,gender,birth_year," \
	"status_at_entry,referrer,note"

struct participant {
	char id[16];
	char *name, *contract;
	int32_t enrolled;        /* day number */
	int32_t withdrawn;       /* day number, or DATE_NONE */
	char *gender;
	int birth_year;          /* 0 when unknown */
	char *status, *referrer, *note;
	long line;               /* where it was read */
};

#define PARTICIPANT_NCOLS 10

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
 * fields, birth year); FC_DATAERR naming the bad value. */
int participant_check(const struct participant *p, struct fc_error *e);

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

/* Set the withdrawal date of participant id in dir/participants.csv (and
 * add the reason, when not empty, to its note), keeping every row and
 * column, known to this version or not.  The caller holds the lock and checked the dates. */
int participants_withdraw(const char *dir, const char *id, int32_t day,
                          const char *reason, struct fc_error *e);

/* The CSV line of p (with its newline) appended to b, in the column
 * order of ps's file (ours when ps is NULL): FC_DATAERR when a value has
 * no column to go in. */
struct buf;
int participant_format(struct buf *b, const struct participant *p,
                       const struct participants *ps, struct fc_error *e);

#endif
