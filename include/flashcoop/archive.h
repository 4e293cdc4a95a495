/*
 * archive: the dated archive of a period, a POSIX ustar tar file that
 * flashcoop-check --archive verifies on its own and an auditor unpacks
 * with `tar xf` then checks with `sha256sum -c MANIFEST`.
 *
 * The format, written by hand and read back strictly (only what
 * archive_write writes is read):
 *  - 512-byte ustar headers, regular files only (type '0'), mode 0644
 *    (0600 for a personal member), uid and gid 0, no user or group name,
 *    one mtime for every header (given by the caller: the same members
 *    give the same bytes), the whole name in the 100-byte name field
 *    (prefix empty), each member's data padded with zeros to 512 bytes,
 *    then two zero blocks;
 *  - every member under one top folder: TOP/MANIFEST first, then the
 *    members in the order they were added;
 *  - MANIFEST: one line per other member, in their order, in sha256sum's
 *    format: 64 lowercase hex digits, two spaces, the name under TOP, LF.
 * A member's name is one or more parts joined by '/', each made of
 * letters, digits, '.', '_' and '-' and neither "." nor ".." (so that
 * sha256sum never escapes it); TOP is one such part.  The archive file
 * itself is 0600 when a member is personal, 0644 otherwise (less what the
 * umask takes).  Writing never goes through a link nor replaces a file.
 */
#ifndef FLASHCOOP_ARCHIVE_H
#define FLASHCOOP_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "flashcoop/error.h"

struct buf;

#define ARCHIVE_MANIFEST "MANIFEST"
#define ARCHIVE_NAME_MAX 100            /* TOP/NAME in a header */
#define ARCHIVE_TOP_SIZE 92             /* TOP/MANIFEST fits, and a NUL */
#define ARCHIVE_MAX_MEMBERS 10000       /* MANIFEST included */
#define ARCHIVE_MAX_BYTES (1LL << 30)   /* the whole tar file */

struct archive_member {
	char *name;             /* under the top folder */
	unsigned char *data;    /* never NULL, even when len is 0 */
	size_t len;
	bool personal;          /* mode 0600 */
};

struct archive {
	struct archive_member *v;
	size_t n, cap;
	long long mtime;        /* the headers' date, set by archive_read */
};

/* Add a copy of a member (struct archive a = { 0 } to begin).  A bad
 * name, MANIFEST, a name already there or one that is a folder of
 * another member's (or the other way round) are refused with FC_DATAERR,
 * and a is left as it was. */
int archive_add(struct archive *a, const char *name, const void *data,
                size_t len, bool personal, struct fc_error *e);

/* Write top/MANIFEST then every member under top/ to path, a file that
 * must not exist: temp file beside it, fsync, then renamed in place
 * without replacing anything (FC_CANTCREAT when path exists, a link
 * included), and its folder fsynced.  mtime: seconds since the epoch, in
 * every header. */
int archive_write(const struct archive *a, const char *top, long long mtime,
                  const char *path, struct fc_error *e);

/* The same bytes, appended to out. */
int archive_write_mem(const struct archive *a, const char *top,
                      long long mtime, struct buf *out, struct fc_error *e);

/* Read an archive that archive_write wrote into a (overwritten: pass an
 * empty one; left empty on failure): its members in order, MANIFEST first,
 * its top folder into top (topsize ARCHIVE_TOP_SIZE; top may be NULL),
 * the headers' date into a->mtime.  Every header is checked (checksum,
 * ustar magic, a regular file, a name under the one top folder, the
 * fields archive_write writes, the size within the file, zeros after the
 * data), then the end: two zero blocks or more, nothing else.  FC_DATAERR
 * naming the member and what is wrong; FC_NOINPUT when path is missing;
 * an archive over ARCHIVE_MAX_BYTES or with more than ARCHIVE_MAX_MEMBERS
 * is refused before anything is read.  Does not check the MANIFEST. */
int archive_read(const char *path, struct archive *a, char *top,
                 size_t topsize, struct fc_error *e);

/* The same from len bytes in memory; what names them in messages. */
int archive_read_mem(const void *data, size_t len, const char *what,
                     struct archive *a, char *top, size_t topsize,
                     struct fc_error *e);

/* Check the MANIFEST (the first member) against the others: one line per
 * member, in their order, with its SHA-256, and no other line.
 * FC_DATAERR naming the first member that differs. */
int archive_verify_manifest(const struct archive *a, struct fc_error *e);

/* The member of that name (under the top folder), or NULL. */
const struct archive_member *archive_find(const struct archive *a,
                                          const char *name);

void archive_free(struct archive *a);

#endif
