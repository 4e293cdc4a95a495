/*
 * period: what the closing of a chained project adds to closing.c's
 * (SPEC §5): the first terminal closes; every terminal's days with sales
 * are closed (Z) first, or the closing says it allows them not to be;
 * closing.ini gets the head of every terminal's chain in each file and
 * the first terminal's signature; a dated archive of the period (the
 * files, a MANIFEST of their SHA-256, closing.ini signed) lands beside
 * them, which flashcoop-check --archive verifies on its own.
 */
#ifndef FLASHCOOP_PERIOD_H
#define FLASHCOOP_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"
#include "flashcoop/row.h"
#include "flashcoop/terminal.h"
#include "flashcoop/verify.h"

struct buf;
struct project;

/* A day with sales of a terminal. */
struct sale_day {
	char terminal[TERMINAL_SIZE];
	int32_t day;
};

struct period {
	const struct project *p;
	struct terminals t;
	struct writer w;             /* the first terminal (not a dry run) */
	struct sale_day *v;
	size_t n, cap;
	bool oom;
};

/* Load terminals.csv.  A project not chained has none of what follows. */
int period_begin(struct period *pd, const struct project *p,
                 struct fc_error *e);
/* For a real closing of a chained project, this copy must be the first
 * terminal (verify_writer). */
int period_writer(struct period *pd, struct fc_error *e);
void period_free(struct period *pd);
static inline bool period_chained(const struct period *pd)
{
	return pd->t.present;
}

/* Each row as verify streams it: its day, when it is a sale's. */
void period_row(struct period *pd, const struct row *en);

/* Every day with sales closed, or FC_DATAERR naming the first ones (and
 * how many) unless allow. */
int period_unclosed(const struct period *pd, bool allow, struct fc_error *e);

/* closing.ini's [heads]: each terminal's last chain in ledger.csv,
 * hours.csv and days.csv, as "ledger.NAME = HEX". */
int period_heads(struct buf *ini, const struct period *pd,
                 struct fc_error *e);

/* closing.ini signed by the first terminal (seal_sign). */
int period_sign(struct buf *ini, const struct period *pd,
                struct fc_error *e);

/* The archive of a project closed on date: dir/ID-DATE.tar (or
 * ID-DATE.N.tar when that one exists: an archive is never replaced), of
 * the files as they are and closing.csv and closing.ini as they will be
 * (written first: the closing's commit comes after). */
int period_archive_name(const struct project *p, int32_t date, char *buf,
                        size_t size);
/* path (PATH_MAX bytes) gets the archive's path. */
int period_archive(const struct project *p, int32_t date,
                   const struct buf *csv, const struct buf *ini, char *path,
                   struct fc_error *e);

/* Verify an archive on its own: its MANIFEST, then the files it holds as
 * flashcoop-check verifies a project (chains, signatures, the seal),
 * each problem to fn with the archive's name before the file's.  The
 * first terminal's public key to key when not NULL (for the auditor to
 * compare with one known otherwise). */
int period_verify_archive(const char *path, verify_fn fn, void *ctx,
                          struct verify_stats *st, char *key, size_t size,
                          struct fc_error *e);

#endif
