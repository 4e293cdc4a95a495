/*
 * store: the one way out to disk.
 *
 * The project lock is a .lock file in the project folder held with flock:
 * writers take it exclusive, readers shared; a writer that cannot get it
 * within a few seconds gets FC_TEMPFAIL.  Files are either appended to by
 * whole lines (written in full, fsynced, cut back to their old size on any
 * failure) or replaced (temp file in the same folder, fsync, rename, fsync
 * of the folder), so a killed process leaves the old file or the new one.
 */
#ifndef FLASHCOOP_STORE_H
#define FLASHCOOP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "flashcoop/error.h"

struct store_lock {
	int fd;
};

/* Seconds a writer waits for the lock: $FLASHCOOP_LOCK_TIMEOUT or 5. */
int store_lock(const char *dir, bool exclusive, struct store_lock *l,
               struct fc_error *e);
void store_unlock(struct store_lock *l);

/* Append len bytes (whole lines) to path; all or nothing. */
int store_append(const char *path, const char *data, size_t len,
                 struct fc_error *e);

/* Replace (or create) path with data, mode for a new file. */
int store_replace(const char *path, const char *data, size_t len, mode_t mode,
                  struct fc_error *e);

/* Replace path with its current content followed by data, through a temp
 * file: a batch lands whole or not at all. */
int store_append_atomic(const char *path, const char *data, size_t len,
                        struct fc_error *e);

/* Append to several files, all or none: each new version is written to a
 * temp file and fsynced, then a journal (.commit) naming them lands, then
 * they are renamed in place and the journal removed.  A process killed
 * after the journal landed is completed by the next store_lock(). */
struct store_change {
	const char *path;
	const char *data;
	size_t len;
	mode_t whole;   /* 0: data is appended to the file; else data is the
	                   whole new file, created with this mode if absent */
};
int store_commit(const char *dir, const struct store_change *c, size_t n,
                 struct fc_error *e);

/* write(2) until done, through EINTR and short writes. */
int store_write_all(int fd, const char *data, size_t len);

/* Read a whole small file into memory (NUL-terminated). */
int store_slurp(const char *path, char **data, size_t *len,
                struct fc_error *e);

#endif
