/*
 * enroll: the participants' comings and goings, each under the project
 * lock and after the project's checks (verify): a new participant (the
 * next id, a contract not enrolled yet), a withdrawal (not before rows of
 * theirs that are not voided), and reading them for the list.
 */
#ifndef FLASHCOOP_ENROLL_H
#define FLASHCOOP_ENROLL_H

#include <stdint.h>

#include "flashcoop/error.h"
#include "flashcoop/participant.h"

struct project;
struct participant;
struct participants;

/* Enrol p (its fields checked, its enrolment date set); p->id gets the
 * new id (P001...). */
int enroll_add(const struct project *pr, struct participant *p,
               struct fc_error *e);

/* Withdraw participant id on day (the first day without them), the
 * reason (may be empty) added to their note. */
int enroll_withdraw(const struct project *pr, const char *id, int32_t day,
                    const char *reason, struct fc_error *e);

/* Update participant id with the values of set that are not NULL ("":
 * cleared), checked as at enrolment.  After the closing only the
 * outcomes (amend.h) change, recorded in closing.ini; another value is
 * refused with FC_CLOSED. */
int enroll_update(const struct project *pr, const char *id,
                  const char *const set[PARTICIPANT_NCOLS], int32_t today,
                  struct fc_error *e);

/* Anonymise participant id of a closed project: name and contract
 * become "anonymised-P001", the note empty, in participants.csv and
 * closing.csv (amend.h). */
int enroll_anonymise(const struct project *pr, const char *id, int32_t today,
                     struct fc_error *e);

/* The participants, read under a shared lock from a sound project. */
int enroll_read(const struct project *pr, struct participants *ps,
                struct fc_error *e);

#endif
