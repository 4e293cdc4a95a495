/*
 * What lib/archive.c and lib/manifest.c share, and no one else: the
 * archive is one module in two files (the tar file; its MANIFEST).
 */
#ifndef FLASHCOOP_ARCHIVE_INTERNAL_H
#define FLASHCOOP_ARCHIVE_INTERNAL_H

#include <stddef.h>

/* A name as it may be shown in a message: printable, cut short. */
#define SHOWN 112

/* A MANIFEST line's bytes beside its name: "<64 hex>  <name>\n". */
#define LINE_EXTRA (64 + 2 + 1)

/* The n bytes at s as a message may show them, into out. */
const char *archive_shown(const char *s, size_t n, char out[SHOWN]);

#endif
