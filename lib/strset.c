#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/strset.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static size_t find(const struct strset *set, const char *s)
{
	size_t i = (size_t)hash(s) & (set->cap - 1);
	while (set->slot[i] && strcmp(set->slot[i], s) != 0)
		i = (i + 1) & (set->cap - 1);
	return i;
}

static int grow(struct strset *set)
{
	struct strset big = { 0 };
	big.cap = set->cap ? set->cap * 2 : 64;
	big.slot = calloc(big.cap, sizeof *big.slot);
	big.val = calloc(big.cap, sizeof *big.val);
	if (!big.slot || !big.val) {
		free(big.slot);
		free(big.val);
		return -1;
	}
	for (size_t i = 0; i < set->cap; i++) {
		if (!set->slot[i])
			continue;
		size_t j = find(&big, set->slot[i]);
		big.slot[j] = set->slot[i];
		big.val[j] = set->val[i];
	}
	big.n = set->n;
	free(set->slot);
	free(set->val);
	*set = big;
	return 0;
}

int strset_add(struct strset *set, const char *s, void *val)
{
	size_t i;
	if ((set->n + 1) * 2 > set->cap && grow(set) < 0)
		return -1;
	i = find(set, s);
	if (set->slot[i])
		return 0;
	if (!(set->slot[i] = strdup(s)))
		return -1;
	set->val[i] = val;
	set->n++;
	return 0;
}

int strset_put(struct strset *set, const char *s, void *val)
{
	size_t i;

	if (strset_add(set, s, val) < 0)
		return -1;
	i = find(set, s);
	set->val[i] = val;
	return 0;
}

bool strset_has(const struct strset *set, const char *s)
{
	return set->cap && set->slot[find(set, s)];
}

void *strset_get(const struct strset *set, const char *s)
{
	size_t i;
	if (!set->cap)
		return NULL;
	i = find(set, s);
	return set->slot[i] ? set->val[i] : NULL;
}

void strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	free(set->val);
	memset(set, 0, sizeof *set);
}
