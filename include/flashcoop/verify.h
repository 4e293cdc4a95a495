/*
 * verify: the checks of flashcoop-check, run by every command that reads
 * or writes a project, in one place: flashcoop.ini, the project's files
 * (each a regular file, never a link; names only in 0600 files), the
 * headers and every row of the CSV files (types, ranges, dates in the
 * period, participants enrolled on the date, sale amounts, at most 24
 * hours a day, ids unique, in order and gap-free per kind, voids naming
 * one row above them that they repeat), and for a closed project the
 * SHA-256 of every sealed file.  It goes on after each problem, so that
 * all of them are named, in one streaming pass; a reader's own work
 * (totals, groups, the accountant's entries) rides on the same pass and is kept only when
 * no problem was found.  Memory grows with the rows, not with the numbers
 * in them.
 */
#ifndef FLASHCOOP_VERIFY_H
#define FLASHCOOP_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "flashcoop/row.h"
#include "flashcoop/error.h"

struct store_lock;
struct terminals;

/* Each problem, as "file:line: message" (file prefixed with the folder
 * unless it is "."); a warning starts "file: warning: " and does not make
 * the project unsound. */
typedef void (*verify_fn)(void *ctx, const char *problem, bool warning);

struct verify_stats {
	size_t participants, ledger_rows, hours_rows, production_rows, sealed;
	size_t problems, warnings;
};

/* FC_OK when sound, FC_DATAERR when problems were found (each given to
 * fn), FC_NOINPUT when dir holds no project, FC_IOERR when a file cannot
 * be read.  The files are read under a shared lock, unless the caller
 * holds the lock already (l not NULL: then a sound project is noted in
 * it, see verify_write).  row, when not NULL, is given every row that
 * passed its checks, in file order (ledger.csv, then hours.csv; not
 * production.csv's: verify_read_made). */
int verify_project(const char *dir, struct store_lock *l, verify_fn fn,
                   void *ctx, row_fn row, void *row_ctx,
                   struct verify_stats *st, struct fc_error *e);

/* For a reader holding the lock: verify_project, the problems gathered
 * into e (FC_DATAERR, one "file:line: message" a line, the first few of
 * them), warnings left to flashcoop-check. */
int verify_read(const char *dir, struct store_lock *l, row_fn row,
                void *row_ctx, struct fc_error *e);
/* The same, row given production.csv's rows too (after the others): the
 * stock and the trace.  Other readers never see them. */
int verify_read_made(const char *dir, struct store_lock *l, row_fn row,
                     void *row_ctx, struct fc_error *e);

/* A write to a project (record, enroll): the lock taken exclusive; a
 * closed project refused (FC_CLOSED), one with problems too (FC_DATAERR
 * as verify_read), one not chained too (FC_DATAERR, with the command that
 * chains it), and a copy that is no terminal (FC_NOINPUT, with the
 * command that declares it: terminal_here); with WRITE_FIRST, a terminal
 * other than the first (FC_DATAERR); the participants loaded; fn writes.  The lock file
 * notes the state of the files (note.h) each time they are found sound or
 * written by fn: while they are as noted, nothing is read again, so that
 * a write does not cost a pass over a long ledger.  Any change made by
 * someone else (a git pull, an editor) makes the next command read
 * everything. */
struct project;
struct participants;
struct writer {
	const struct project *p;
	const struct participants *ps;
	const struct terminals *terminals;
	struct row_writer who;     /* this copy's terminal */
	char terminal[TERMINAL_SIZE];
};
typedef int (*verify_write_fn)(const struct writer *w, void *arg,
                               struct fc_error *e);
/* Who may write: any terminal, or the first only (enrolments, the
 * period's closing). */
enum write_by { WRITE_ANY, WRITE_FIRST,
                WRITE_AMEND };  /* the first, a closed project too: fn
                                   decides (amend.h) */
/* Which terminal this copy is, for a writer that takes the lock itself
 * (the period's closing): as verify_write, t loaded (terminals_free). */
int verify_writer(const struct project *p, enum write_by by,
                  struct writer *w, struct terminals *t, struct fc_error *e);
int verify_write(const struct project *p, enum write_by by,
                 verify_write_fn fn, void *arg, struct fc_error *e);

#endif
