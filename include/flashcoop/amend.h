/*
 * amend: what may change in a closed project, and how it is recorded.
 *
 * The outcomes of the participants are known after the week (at exit,
 * six months later), and their names must go once the retention period
 * ends, yet participants.csv and closing.csv are sealed at the closing.
 * So the closing also seals each of them without the columns that may be
 * amended (name, contract, note and the afterlife's indicators of
 * participants.csv; name and contract of closing.csv): its "fixed"
 * SHA-256, [seal]'s participants.csv.fixed and closing.csv.fixed.  An
 * amendment (flashcoop-enroll --update, --anonymise) rewrites the file,
 * then closing.ini's last section, [amendments], with the date, the ids
 * anonymised and the files' new SHA-256; every byte above it is kept, so
 * the closing's signature still holds.  The seal accepts an amended file
 * whose SHA-256 is [amendments]' and whose fixed one is [seal]'s.
 */
#ifndef FLASHCOOP_AMEND_H
#define FLASHCOOP_AMEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"
#include "flashcoop/participant.h"

#define AMEND_SECTION "amendments"
/* The longest list of ids anonymised in closing.ini (a line of it). */
#define AMEND_IDS_MAX 65536
#define AMEND_FIXED_SUFFIX ".fixed"

/* May column c of participants.csv differ from the closing's (the
 * outcomes, and name, contract and note, which an anonymisation
 * changes)? */
bool amend_allowed(enum participant_col c);
/* May --update change column c after the closing: an outcome or a
 * funders' indicator (education, qpv, disability, exit_status,
 * exit_date, status_6_months)? */
bool amend_outcome(enum participant_col c);

/* Does file (participants.csv, closing.csv) have a fixed SHA-256? */
bool amend_has_fixed(const char *file);

/* The fixed SHA-256 of file's text (data, len): its rows without the
 * columns that may be amended, written again as CSV. */
int amend_fixed(const char *file, const char *data, size_t len, char *hex,
                struct fc_error *e);

/* Land an amendment of dir (closed) on day, all or none (store_commit):
 * participants.csv's new text people, closing.csv's new text closing
 * (NULL: unchanged), and closing.ini's [amendments] written anew with
 * their SHA-256, anonymised (or NULL) added to its ids. */
struct buf;
int amend_commit(const char *dir, int32_t day, const char *anonymised,
                 const struct buf *people, const struct buf *closing,
                 struct fc_error *e);

/* closing.csv's text (to out, buf_free) with the name and contract of
 * participant id made pseudonym. */
int amend_closing_names(const char *dir, const char *id,
                        const char *pseudonym, struct buf *out,
                        struct fc_error *e);

/* Whether dir's closing can be amended (its seal has the fixed
 * SHA-256s): 0, or FC_DATAERR saying why not. */
int amend_possible(const char *dir, struct fc_error *e);

#endif
