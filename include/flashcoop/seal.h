/*
 * seal: the files flashcoop-close writes and the seal they carry.
 *
 * closing.csv holds one row per participant (share, gross, contributions,
 * net: an estimate for the payroll); closing.ini holds the totals, the
 * closing date and a SHA-256 of every file of the project, computed by
 * OpenSSL's libcrypto.  closing.ini is written last: its existence is what
 * makes a project closed.
 */
#ifndef FLASHCOOP_SEAL_H
#define FLASHCOOP_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"

struct project;
struct closing;
struct buf;

#define SEAL_HEX 65

#define CLOSING_HEADER "participant,name,contract,hours,share," \
	"employer_contributions,gross,employee_contributions,net"

/* The SHA-256 of a file, in lowercase hex. */
int seal_file(const char *path, char hex[SEAL_HEX], struct fc_error *e);

/* The SHA-256 of bytes in memory. */
int seal_buffer(const char *data, size_t len, char hex[SEAL_HEX],
                struct fc_error *e);

/* The text of closing.csv. */
int seal_closing_csv(struct buf *b, const struct closing *c);

/* Write closing.csv (0600) and closing.ini (sealing closing.csv as it
 * will be) together through the journal of store_commit: both land or
 * neither.  The caller holds the lock. */
int seal_write(const struct project *p, const struct closing *c,
               int32_t date, struct fc_error *e);

/* The closing date in dir/closing.ini; -1 when it cannot be read. */
int seal_date(const char *dir, int32_t *date);

/* Compare every sealed file with its SHA-256 in closing.ini; fn is called
 * with each problem.  Returns the number of problems, or -1 with e set. */
typedef void (*seal_fn)(void *ctx, const char *file, const char *problem);
int seal_verify(const char *dir, seal_fn fn, void *ctx, struct fc_error *e);

#endif
