/*
 * What lib/store.c and lib/commit.c share, and no one else: the store is
 * one module in two files (the files and the lock; the commit file).
 */
#ifndef FLASHCOOP_STORE_INTERNAL_H
#define FLASHCOOP_STORE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "flashcoop/error.h"
#include "flashcoop/sha256.h"

/* What a temp file was made of: the old file's size and digest (old_size
 * -1 when there was none), the new file's. */
struct versions {
	long long old_size, new_size;
	char old_hex[SHA256_HEX], new_hex[SHA256_HEX];
};

/* FC_DATAERR when path is a symbolic link. */
int store_refuse_link(const char *path, struct fc_error *e);
/* fsync the folder of path. */
int store_fsync_dir(const char *path);
/* Give a temp file the mode its target name takes (0600 for names). */
int store_tighten_temp(const char *tmp, const char *name, struct fc_error *e);
/* A new temp file beside path, the content of copy_fd (>= 0) then data,
 * fsynced; its name to tmp, what it holds to v. */
int store_write_temp(const char *path, int copy_fd, const char *data,
                     size_t len, mode_t mode, char *tmp, size_t size,
                     struct versions *v, struct fc_error *e);
/* Rename tmp over path and sync the folder. */
int store_rename_in(const char *tmp, const char *path, struct fc_error *e);

/* Finish the commit file left in dir (the lock held). */
int store_recover(const char *dir, struct fc_error *e);
/* Remove the project's temp files no commit file names (the lock held
 * exclusive, no commit file). */
void store_remove_orphans(const char *dir);

#endif
