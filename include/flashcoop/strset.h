/*
 * strset: a set of strings (open addressing, FNV-1a), for the refs and ids
 * a batch must look up among a whole ledger's.
 */
#ifndef FLASHCOOP_STRSET_H
#define FLASHCOOP_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset {
	char **slot;
	void **val;
	size_t cap, n;
};

/* Add s (copied) with a value; 0, or -1 when out of memory.  Adding a
 * string already there keeps the first value. */
int strset_add(struct strset *set, const char *s, void *val);
/* Set the value of s, added when absent; 0, or -1 out of memory. */
int strset_put(struct strset *set, const char *s, void *val);
bool strset_has(const struct strset *set, const char *s);
/* The value of s, or NULL. */
void *strset_get(const struct strset *set, const char *s);
void strset_free(struct strset *set);

#endif
