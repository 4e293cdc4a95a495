/*
 * rmtree.h: a test's temporary folder removed with all it holds (the
 * unit tests and the fuzz targets share it).
 */
#ifndef FLASHCOOP_TEST_RMTREE_H
#define FLASHCOOP_TEST_RMTREE_H

#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>

static inline int test_rm_one(const char *p, const struct stat *st, int flag,
                              struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* Remove path and everything below it; 0, or -1. */
static inline int test_rm_tree(const char *path)
{
	return nftw(path, test_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
