/*
 * libFuzzer target: the money parsers and arithmetic (lib/money.c).
 *
 * The input as text: when money_parse() or money_rate_parse() takes it, the
 * value is in range and its formatted form parses back to the same value.
 * The input as numbers (bytes read as little-endian int64): money_muldiv
 * is round(a * b / c) half away from zero, or fails only when that does
 * not fit; money_allocate's parts add up to the total, each is the floor
 * of its exact share or one more, the extra cents go to the largest
 * remainders (ties to the lower index), a zero weight gets nothing; the
 * checked add, sub and mul agree with 128-bit arithmetic.
 *
 * Build and run: tests/fuzz/run.sh (make fuzz).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/money.h"

#define FAIL(...) do { \
	fprintf(stderr, "fuzz_money: " __VA_ARGS__); \
	fputc('\n', stderr); \
	abort(); \
} while (0)

typedef __int128 i128;

/* Little-endian int64 from the input, zero past its end. */
static int64_t take64(const uint8_t *d, size_t n, size_t *off)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++, (*off)++)
		if (*off < n)
			v |= (uint64_t)d[*off] << (8 * i);
	return (int64_t)v;
}

static void check_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), buf[MONEY_BUFSZ];
	int64_t v, v2;
	int32_t r, r2;

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if (money_parse(s, &v) == 0) {
		if (v < 0)
			FAIL("money_parse('%s') = %lld < 0", s, (long long)v);
		money_format(v, buf);
		if (money_parse(buf, &v2) != 0 || v2 != v)
			FAIL("money_parse('%s') = %lld, formatted '%s', which "
			     "parses back as %lld", s, (long long)v, buf,
			     (long long)v2);
	}
	if (money_rate_parse(s, &r) == 0) {
		if (r < 0 || r > 10000)
			FAIL("money_rate_parse('%s') = %d, outside [0, 10000]", s, r);
		money_rate_format(r, buf);
		if (money_rate_parse(buf, &r2) != 0 || r2 != r)
			FAIL("money_rate_parse('%s') = %d, formatted '%s', which "
			     "parses back as %d", s, r, buf, r2);
	}
	free(s);
}

/* Any int64 formats and parses back (its magnitude, for a negative one). */
static void check_format(int64_t v)
{
	char buf[MONEY_BUFSZ];
	int64_t back;
	size_t len;

	money_format(v, buf);
	len = strlen(buf);
	if (len < 4 || len >= MONEY_BUFSZ || buf[len - 3] != '.')
		FAIL("money_format(%lld) = '%s'", (long long)v, buf);
	if (v >= 0) {
		if (money_parse(buf, &back) != 0 || back != v)
			FAIL("money_format(%lld) = '%s' does not parse back",
			     (long long)v, buf);
	} else if (buf[0] != '-') {
		FAIL("money_format(%lld) = '%s' has no sign", (long long)v, buf);
	} else if (v > INT64_MIN &&
	           (money_parse(buf + 1, &back) != 0 || back != -v)) {
		FAIL("money_format(%lld) = '%s' does not parse back",
		     (long long)v, buf);
	}
}

static void check_arith(int64_t a, int64_t b)
{
	i128 w;
	int64_t out;

	w = (i128)a + b;
	if (money_add(a, b, &out) == 0 ? out != w :
	    (w >= INT64_MIN && w <= INT64_MAX))
		FAIL("money_add(%lld, %lld)", (long long)a, (long long)b);
	w = (i128)a - b;
	if (money_sub(a, b, &out) == 0 ? out != w :
	    (w >= INT64_MIN && w <= INT64_MAX))
		FAIL("money_sub(%lld, %lld)", (long long)a, (long long)b);
	w = (i128)a * b;
	if (money_mul(a, b, &out) == 0 ? out != w :
	    (w >= INT64_MIN && w <= INT64_MAX))
		FAIL("money_mul(%lld, %lld)", (long long)a, (long long)b);
}

static void check_muldiv(int64_t a, int64_t b, int64_t c)
{
	int64_t out;
	int rc = money_muldiv(a, b, c, &out);
	i128 n = (i128)a * b, q, diff;

	if (c <= 0) {
		if (rc == 0)
			FAIL("money_muldiv(%lld, %lld, %lld) took c <= 0",
			     (long long)a, (long long)b, (long long)c);
		return;
	}
	q = n / c;                      /* truncated: within 1 of the result */
	if (rc != 0) {
		if (q > INT64_MIN && q < INT64_MAX)
			FAIL("money_muldiv(%lld, %lld, %lld) failed; the result "
			     "fits", (long long)a, (long long)b, (long long)c);
		return;
	}
	/* |out * c - n| <= c / 2, a tie away from zero. */
	if (__builtin_sub_overflow((i128)out * c, n, &diff))
		FAIL("money_muldiv(%lld, %lld, %lld) = %lld: far off",
		     (long long)a, (long long)b, (long long)c, (long long)out);
	if (diff < 0)
		diff = -diff;
	if (2 * diff > c ||
	    (2 * diff == c && !(n >= 0 ? (i128)out * c > n : (i128)out * c < n)))
		FAIL("money_muldiv(%lld, %lld, %lld) = %lld: not rounded half "
		     "away from zero", (long long)a, (long long)b, (long long)c,
		     (long long)out);
}

#define MAX_PARTS 16

static void check_allocate(const uint8_t *d, size_t size, size_t *off)
{
	int64_t total, w[MAX_PARTS], parts[MAX_PARTS];
	size_t n = *off < size ? d[(*off)++] % (MAX_PARTS + 1) : 1;
	uint8_t shape = *off < size ? d[(*off)++] : 0;
	i128 sum = 0, given = 0;
	bool bad;
	int rc;

	/* Small values most of the time, so that remainders tie. */
	total = take64(d, size, off);
	if (shape & 1)
		total &= 0xffff;
	bad = total < 0 || n == 0;
	for (size_t i = 0; i < n; i++) {
		w[i] = take64(d, size, off);
		if (shape & 2)
			w[i] &= 0xff;
		else if (shape & 4)
			w[i] &= 0xffffffff;
		if (w[i] < 0)
			bad = true;
		sum += w[i];
	}
	if (sum == 0)
		bad = true;
	rc = money_allocate(total, w, n, parts);
	if (bad) {
		if (rc == 0)
			FAIL("money_allocate took bad input (total %lld, n %zu)",
			     (long long)total, n);
		return;
	}
	if (rc != 0)
		FAIL("money_allocate failed on good input (total %lld, n %zu)",
		     (long long)total, n);
	for (size_t i = 0; i < n; i++) {
		i128 floor = (i128)total * w[i] / sum;
		if (parts[i] != floor && parts[i] != floor + 1)
			FAIL("part %zu = %lld, its exact share's floor %lld", i,
			     (long long)parts[i], (long long)floor);
		if (w[i] == 0 && parts[i] != 0)
			FAIL("part %zu of weight 0 = %lld", i,
			     (long long)parts[i]);
		given += parts[i];
	}
	if (given != total)
		FAIL("parts add up to %lld, not %lld", (long long)given,
		     (long long)total);
	/* Largest remainders first, ties to the lower index. */
	for (size_t i = 0; i < n; i++) {
		i128 ri = (i128)total * w[i] % sum;
		bool up_i = parts[i] != (i128)total * w[i] / sum;
		for (size_t j = 0; j < n && up_i; j++) {
			i128 rj = (i128)total * w[j] % sum;
			bool up_j = parts[j] != (i128)total * w[j] / sum;
			if (!up_j && (rj > ri || (rj == ri && j < i)))
				FAIL("part %zu got a cent before part %zu",
				     i, j);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 0;
	int64_t a, b, c;

	check_text(data, size);
	if (size < 8)
		return 0;
	a = take64(data, size, &off);
	b = take64(data, size, &off);
	c = take64(data, size, &off);
	check_format(a);
	check_format(b);
	check_arith(a, b);
	check_muldiv(a, b, c);
	/* Realistic sizes too: amounts and rates as the closing uses them. */
	check_muldiv(a % 100000000000LL, b % 10000, 10000 + (c & 0x3fff));
	check_allocate(data, size, &off);
	return 0;
}
