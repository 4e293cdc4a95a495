/*
 * seal: the SHA-256 of every file of a project at its closing, kept in
 * closing.ini's [seal], and the check that they still hold.  A file is
 * hashed as git stores it under init's eol=lf rule: CR LF read as LF.
 * OpenSSL's libcrypto computes the digests.  It knows nothing of what the
 * closing computes (closing.h writes the files).
 */
#ifndef FLASHCOOP_SEAL_H
#define FLASHCOOP_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"

struct buf;

#define SEAL_HEX 65

/* The SHA-256 of a file, in lowercase hex. */
int seal_file(const char *path, char hex[SEAL_HEX], struct fc_error *e);

/* The SHA-256 of bytes in memory. */
int seal_buffer(const char *data, size_t len, char hex[SEAL_HEX],
                struct fc_error *e);

/* A "key = value" line of closing.ini, keys aligned; -1 out of memory. */
int seal_put(struct buf *b, const char *key, const char *value);

/* Append closing.ini's [seal] section: the digest of each sealed file of
 * dir as it is, closing.csv's as it will be (closing_csv, len bytes). */
int seal_section(struct buf *b, const char *dir, const char *closing_csv,
                 size_t len, struct fc_error *e);

/* Sign closing.ini's text so far (b) with the first terminal's key:
 * a blank line, then a [signature] section naming the terminal and
 * holding the signature of every byte before it.  -1 out of memory. */
struct sign_key;
int seal_sign(struct buf *b, const struct sign_key *k, const char *terminal);

/* The closing date in dir/closing.ini; -1 when it cannot be read. */
int seal_date(const char *dir, int32_t *date);
/* An amount of closing.ini's [closing] ("cae_contribution"); -1 when it
 * cannot be read. */
int seal_money(const char *dir, const char *key, int64_t *out);

/* Compare every sealed file with its SHA-256 in closing.ini; fn is called
 * with each problem.  Returns the number of problems, or -1 with e set. */
typedef void (*seal_fn)(void *ctx, const char *file, const char *problem);
int seal_verify(const char *dir, seal_fn fn, void *ctx, struct fc_error *e);

#endif
