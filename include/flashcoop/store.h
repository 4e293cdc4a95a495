/*
 * store: the one way out to disk.
 *
 * The project lock is a .lock file in the project folder held with flock:
 * writers take it exclusive, readers shared; a writer that cannot get it
 * within a few seconds gets FC_TEMPFAIL.  Files are either appended to by
 * whole lines (written in full, fsynced, cut back to their old size on any
 * failure) or replaced (temp file in the same folder, fsync, rename, fsync
 * of the folder), so a killed process leaves the old file or the new one.
 *
 * Nothing here follows a symbolic link: every file is opened with
 * O_NOFOLLOW and must be a regular file, and a link where a file should
 * be is refused (FC_DATAERR) with a message that says so.  A project's
 * files holding names (layout.h) are left 0600 by every write.
 */
#ifndef FLASHCOOP_STORE_H
#define FLASHCOOP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "flashcoop/error.h"
#include "flashcoop/table.h"

struct store_lock {
	int fd;           /* -1: none (a reader of a read-only folder) */
};

/* Seconds a writer waits for the lock: $FLASHCOOP_LOCK_TIMEOUT or 5.
 * Taking the lock finishes a write to several files that a killed process
 * left (the commit file, below), and an exclusive lock removes the temp
 * files of the project's files that no commit file names: with the lock
 * free, no writer is alive to own them.  A commit file flashcoop did not
 * write, or one over a file changed since, is refused (FC_DATAERR) and
 * nothing renamed. */
int store_lock(const char *dir, bool exclusive, struct store_lock *l,
               struct fc_error *e);
void store_unlock(struct store_lock *l);

/* A note kept in the lock file (what the last command found sound): its
 * text into buf (NUL-terminated, at most size - 1 bytes), or -1 when there
 * is none.  Writing it is best effort: a note lost is only work redone. */
int store_note_get(const struct store_lock *l, char *buf, size_t size);
void store_note_set(const struct store_lock *l, const char *text);

/* Open a file (flags: O_RDONLY, O_WRONLY | O_APPEND...) without following
 * a link; it must be a regular file.  The descriptor goes to *fd. */
int store_open(const char *path, int flags, int *fd, struct fc_error *e);

/* dir/name into buf; -1 when it does not fit. */
int store_join(char *buf, size_t size, const char *dir, const char *name);

/* Read a CSV file through table_read_fd() (name in messages, flags of
 * table.h), opened by store_open(). */
int store_table(const char *path, const char *name, int flags, table_fn fn,
                void *ctx, struct fc_error *e);

/* Append len bytes (whole lines) to path; all or nothing. */
int store_append(const char *path, const char *data, size_t len,
                 struct fc_error *e);

/* Replace (or create) path with data; mode for a new file (a project's
 * file takes the layout's mode). */
int store_replace(const char *path, const char *data, size_t len, mode_t mode,
                  struct fc_error *e);

/* Create path with data, mode: through a temp file and fsync, never over
 * a file or a link there (FC_CANTCREAT naming it), even one that appears
 * meanwhile. */
int store_create(const char *path, const char *data, size_t len, mode_t mode,
                 struct fc_error *e);

/* Change several files of a project, all or none: each new version is
 * written to a temp file and fsynced, then a commit file (.commit) naming each
 * temp file, its target, and the size and SHA-256 of the target before and
 * after lands, then the temp files are renamed in place and the commit
 * file removed.  A process killed after it landed is completed by the
 * next store_lock(), unless a target changed since (a git pull): then
 * nothing is replaced and the lock is refused.  Targets are the project's
 * own files (layout.h), in dir. */
struct store_change {
	const char *path;
	const char *data;
	size_t len;
	bool whole;     /* false: data is appended to the file; true: data is
	                   the whole new file (which may not exist yet) */
};
#define STORE_MAX_CHANGES 8
int store_commit(const char *dir, const struct store_change *c, size_t n,
                 struct fc_error *e);

/* write(2) until done, through EINTR and short writes. */
int store_write_all(int fd, const char *data, size_t len);

/* Read a whole small file into memory (NUL-terminated), without following
 * a link. */
int store_slurp(const char *path, char **data, size_t *len,
                struct fc_error *e);

#endif
