/*
 * buf: a growing byte buffer, for building whole lines (or a whole file)
 * before one write.  A leaf.
 */
#ifndef FLASHCOOP_BUF_H
#define FLASHCOOP_BUF_H

#include <stddef.h>

struct buf {
	char *p;          /* NUL-terminated once anything was added */
	size_t len, cap;
};

/* Make room for n more bytes (and a NUL); 0, or -1 when out of memory. */
int buf_reserve(struct buf *b, size_t n);
int buf_add(struct buf *b, const char *s, size_t n);
int buf_puts(struct buf *b, const char *s);
void buf_free(struct buf *b);

#endif
