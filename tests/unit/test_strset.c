/*
 * Unit tests for lib/strset.c: the set of strings (with a value each) a
 * batch looks refs and ids up in.  Strings are copied; the first value
 * given stays; the table doubles from 64 slots when half full.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "flashcoop/strset.h"

static void test_empty(void **state)
{
	struct strset s = { 0 };
	(void)state;

	/* Never added to: nothing found, no memory touched. */
	assert_false(strset_has(&s, "S00001"));
	assert_false(strset_has(&s, ""));
	assert_null(strset_get(&s, "S00001"));
	strset_free(&s);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.cap, 0);
}

static void test_add_and_find(void **state)
{
	struct strset s = { 0 };
	int one = 1, two = 2;
	char key[8];
	(void)state;

	snprintf(key, sizeof key, "T-1");
	assert_int_equal(strset_add(&s, key, &one), 0);
	/* Copied: the caller's buffer may change. */
	snprintf(key, sizeof key, "T-2");
	assert_true(strset_has(&s, "T-1"));
	assert_false(strset_has(&s, "T-2"));
	assert_ptr_equal(strset_get(&s, "T-1"), &one);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.cap, 64);
	/* Added again: the first value stays, counted once. */
	assert_int_equal(strset_add(&s, "T-1", &two), 0);
	assert_ptr_equal(strset_get(&s, "T-1"), &one);
	assert_int_equal(s.n, 1);
	/* Whole strings: no prefix, no extension, case counts. */
	assert_false(strset_has(&s, "T-"));
	assert_false(strset_has(&s, "T-10"));
	assert_false(strset_has(&s, "t-1"));
	/* A value may be NULL: there, but no value. */
	assert_int_equal(strset_add(&s, "S00001", NULL), 0);
	assert_true(strset_has(&s, "S00001"));
	assert_null(strset_get(&s, "S00001"));
	/* The empty string is a string like another. */
	assert_false(strset_has(&s, ""));
	assert_int_equal(strset_add(&s, "", &two), 0);
	assert_true(strset_has(&s, ""));
	assert_ptr_equal(strset_get(&s, ""), &two);
	assert_int_equal(s.n, 3);
	strset_free(&s);
	assert_false(strset_has(&s, "T-1"));
	assert_null(s.slot);
}

/* 1000 strings: the table doubles each time it would pass half full
 * (64, 128, ... 2048: 1000 is past 1024 / 2), and every string keeps
 * its own value through the moves. */
static void test_many(void **state)
{
	static int vals[1000];
	struct strset s = { 0 };
	char key[16];
	(void)state;

	for (int i = 0; i < 1000; i++) {
		vals[i] = i;
		snprintf(key, sizeof key, "R%05d", i * 7);
		assert_int_equal(strset_add(&s, key, &vals[i]), 0);
		/* Never more than half full. */
		assert_true(s.n * 2 <= s.cap);
	}
	assert_int_equal(s.n, 1000);
	assert_int_equal(s.cap, 2048);
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "R%05d", i * 7);
		assert_ptr_equal(strset_get(&s, key), &vals[i]);
		/* The numbers between are not there. */
		snprintf(key, sizeof key, "R%05d", i * 7 + 3);
		assert_false(strset_has(&s, key));
	}
	/* Every slot holds a string or nothing; 1000 hold one. */
	{
		size_t used = 0;
		for (size_t i = 0; i < s.cap; i++)
			used += s.slot[i] != NULL;
		assert_int_equal(used, 1000);
	}
	strset_free(&s);
	/* Used again after freeing. */
	assert_int_equal(strset_add(&s, "again", &vals[5]), 0);
	assert_ptr_equal(strset_get(&s, "again"), &vals[5]);
	assert_int_equal(s.cap, 64);
	strset_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_add_and_find),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
