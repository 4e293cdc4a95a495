/*
 * older.h: the headers of files written by an older flashcoop, which
 * today's must still read (and write in their own columns), for the
 * unit tests that write a project's files by hand.  (ledger.csv's before
 * the books, LEDGER_HEADER_V1, is in chained.h.)
 */
#ifndef FLASHCOOP_TEST_OLDER_H
#define FLASHCOOP_TEST_OLDER_H

#include "flashcoop/participant.h"
#include "flashcoop/row.h"

/* participants.csv before issue 18: SPEC §2's ten columns, without
 * contract_type and the funders' indicators and outcomes. */
#define PARTICIPANT_HEADER_V1 "id,name,contract,enrolled,withdrawn,gender," \
	"birth_year,status_at_entry,referrer,note"

/* The seven columns issue 18 added to participants.csv, empty: a row of
 * PARTICIPANT_HEADER is a row of PARTICIPANT_HEADER_V1 and these. */
#define PARTICIPANT_V2_EMPTY ",,,,,,,"

/* hours.csv before issue 18: no role after note. */
#define HOURS_HEADER_V1 "id,date,kind,participant,hours,ref,note" \
	ROW_CHAIN_HEADER

#endif
