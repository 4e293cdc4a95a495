/*
 * Unit tests for lib/array.c: how every growing array of the library
 * grows.  From 16 elements, doubling; nothing moves when there is room;
 * a size that would overflow is refused with the array as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"

struct item {
	int64_t a, b;
};

static void test_growth(void **state)
{
	struct item *v = NULL;
	size_t cap = 0;
	(void)state;

	/* Nothing asked: nothing done. */
	assert_int_equal(array_reserve(&v, &cap, 0, sizeof *v), 0);
	assert_null(v);
	assert_int_equal(cap, 0);
	/* One element: room for 16. */
	assert_int_equal(array_reserve(&v, &cap, 1, sizeof *v), 0);
	assert_non_null(v);
	assert_int_equal(cap, 16);
	for (int i = 0; i < 16; i++)
		v[i] = (struct item){ i, -i };
	/* Up to 16: nothing moves. */
	{
		struct item *before = v;
		assert_int_equal(array_reserve(&v, &cap, 16, sizeof *v), 0);
		assert_ptr_equal(v, before);
		assert_int_equal(cap, 16);
	}
	/* 17: 32.  100: 32 -> 64 -> 128.  The elements come along. */
	assert_int_equal(array_reserve(&v, &cap, 17, sizeof *v), 0);
	assert_int_equal(cap, 32);
	assert_int_equal(array_reserve(&v, &cap, 100, sizeof *v), 0);
	assert_int_equal(cap, 128);
	for (int i = 0; i < 16; i++) {
		assert_int_equal(v[i].a, i);
		assert_int_equal(v[i].b, -i);
	}
	/* The last element of the room can be written (ASan would tell). */
	v[127] = (struct item){ 127, 0 };
	/* Less than the room: nothing changes. */
	assert_int_equal(array_reserve(&v, &cap, 50, sizeof *v), 0);
	assert_int_equal(cap, 128);
	free(v);
}

/* One growth as the library uses it: n + 1 each time. */
static void test_one_by_one(void **state)
{
	int *v = NULL;
	size_t cap = 0, n = 0, grew = 0;
	(void)state;

	for (int i = 0; i < 1000; i++) {
		size_t had = cap;
		assert_int_equal(array_reserve(&v, &cap, n + 1, sizeof *v), 0);
		grew += cap != had;
		v[n++] = i * 3;
	}
	/* 16, 32, 64, 128, 256, 512, 1024: seven allocations for 1000. */
	assert_int_equal(cap, 1024);
	assert_int_equal(grew, 7);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(v[i], i * 3);
	free(v);
}

static void test_overflow(void **state)
{
	int *v = NULL;
	struct item *w = NULL;
	size_t cap = 0;
	(void)state;

	/* 16 elements of SIZE_MAX / 8 bytes do not fit in a size_t. */
	assert_int_equal(array_reserve(&w, &cap, 1, SIZE_MAX / 8), -1);
	assert_null(w);
	assert_int_equal(cap, 0);

	/* An array in use: refused, left as it was. */
	assert_int_equal(array_reserve(&v, &cap, 3, sizeof *v), 0);
	v[0] = 7;
	{
		int *before = v;
		/* Doubling from 16 passes SIZE_MAX / 2 before SIZE_MAX. */
		assert_int_equal(array_reserve(&v, &cap, SIZE_MAX, sizeof *v), -1);
		/* Elements of 4 bytes: 2^62 of them is 2^64 bytes. */
		assert_int_equal(array_reserve(&v, &cap, (size_t)1 << 62,
		                               sizeof *v), -1);
		assert_ptr_equal(v, before);
	}
	assert_int_equal(cap, 16);
	assert_int_equal(v[0], 7);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_one_by_one),
		cmocka_unit_test(test_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
