/*
 * array: the one way a growing array of ours grows.  A leaf.
 */
#ifndef FLASHCOOP_ARRAY_H
#define FLASHCOOP_ARRAY_H

#include <stddef.h>

/* Make *v (an array of *cap elements of size bytes) hold at least want
 * elements, doubling from 16: 0, or -1 when out of memory or when the
 * size would overflow (then *v and *cap are as they were).  Use as
 *   if (array_reserve(&t->v, &t->cap, t->n + 1, sizeof *t->v) < 0) ... */
int array_reserve(void *v, size_t *cap, size_t want, size_t size);

#endif
