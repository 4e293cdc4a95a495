/*
 * history: what each terminal wrote, as the files hold it (SPEC §2, §5):
 * its ids in order and gap-free per kind (the V ids over both files),
 * each void naming a sale, charge or hours row above it that it repeats,
 * and in a chained file each row's chain after the same terminal's
 * previous row there.  Rows of several terminals may interleave (a union
 * merge): each terminal's history is followed on its own.  The problems
 * go to the caller's function as they are found; memory grows by 4 bytes
 * a row.  Part of verify, in a room of its own.
 */
#ifndef FLASHCOOP_HISTORY_H
#define FLASHCOOP_HISTORY_H

#include <stdbool.h>

#include "flashcoop/row.h"

struct table_row;
struct terminals;
struct history;

/* Where the problems go: msg is "file:line: ..." (translated). */
typedef void (*history_fn)(void *ctx, const char *msg, bool warning);

/* A new history over the terminals of terminals.csv (none: a project
 * not chained, whose rows are all the first terminal's); NULL when out of
 * memory. */
struct history *history_new(const struct terminals *t, history_fn fn,
                            void *ctx);
void history_free(struct history *h);

/* The files are as they were when found sound (verify's note): the
 * chains' hashes are taken as they are, not computed again. */
void history_trust_chains(struct history *h);

/* A file begins: its name in messages, which file it is, whether its
 * header has the chain's columns. */
void history_file(struct history *h, const char *shown, enum row_file in,
                  bool chained);

/* A row that parsed (r: its bytes in the file, for its chain): a new one;
 * a void of a row voided already on another terminal, which a reader must
 * not count (a daily closing does: its terminal did); or a copy of a row
 * above (the same id and chain: a union merge of clones that had merged
 * each other), which counts nowhere.  Both named as warnings. */
enum history_seen { HISTORY_NEW, HISTORY_VOIDED_ELSEWHERE, HISTORY_COPY };
enum history_seen history_row(struct history *h, const struct row *en,
                              const struct table_row *r);

/* A row that did not parse: its id, if it looks like one, keeps its place
 * (no false gap after it), and its chain is checked (the next row's is
 * not broken by it). */
void history_unread(struct history *h, const char *id, const char *terminal,
                    const char *chain, const struct table_row *r);

/* After both files: the V ids of each terminal, each once and gap-free. */
void history_end(struct history *h);

/* True when memory ran out along the way (the checks are incomplete). */
bool history_failed(const struct history *h);

#endif
