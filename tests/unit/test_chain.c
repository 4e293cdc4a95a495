/*
 * Unit tests for lib/chain.c: the hash chain of SPEC §5.  A row's chain is
 * the lowercase hex SHA-256 of PREV (64 hex), "\n", then LINE (the row
 * without its line end, its last field and the comma before it).  Every
 * expected chain below was computed once, independently of the library,
 * with the shell loop of flashcoop-ledger(5):
 *
 *     printf '%s\n%s' "$PREV" "$LINE" | sha256sum | cut -c1-64
 *
 * and pasted here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/chain.h"

/* LINE of a first sale of terminal main (the chain column left out). */
#define L1 "S00001,2026-05-09,sale,cookie,1,2.50,2.50,5.5,,cash,,,,main," \
	"2026-05-09T16:42:07+02:00"
/* printf '%s\n%s' "$(printf '%064d' 0)" "$L1" | sha256sum */
#define H1 "f251049cf818338501adde79fa5824202d276817925dc4f2d2847151a9537451"
/* The next row of main, a quoted note with a comma in it. */
#define L2 "S00002,2026-05-09,sale,sac-vrac,1,8.00,8.00,20,,card,,," \
	"\"un sac, vert\",main,2026-05-09T16:43:10+02:00"
/* printf '%s\n%s' "$H1" "$L2" | sha256sum */
#define H2 "7c17faa1fe1123fde9666f6df59dab6850bafd9f7fcd60054435023537880f3e"
/* An hours row whose note holds a line break (a quoted field): the line
 * is what the file holds, the break included. */
#define L3 "H00001,2026-05-05,hours,P001,7.00,,\"two\nlines\",main," \
	"2026-05-05T18:00:00+02:00"
/* printf '%s\n%s' "$(printf '%064d' 0)" "$L3" | sha256sum */
#define H3 "56d761cb2d241aa69cf127e7928f6c1ec06d5176e8a5a1b5fb18fd7a932b3d61"
/* An empty LINE: printf '%s\n' "$(printf '%064d' 0)" | sha256sum */
#define H_EMPTY "827d096d92f3deeaa0e8070d79f45beb176768e57a958a1cd325f5f4b754b048"

static void next(struct chain *c, const char *prev, const char *line,
                 size_t len, const char *want)
{
	char out[CHAIN_HEX];

	memset(out, 'x', sizeof out);
	assert_int_equal(chain_next(c, prev, line, len, out), 0);
	assert_int_equal(out[64], '\0');
	assert_string_equal(out, want);
}

static void test_zero(void **state)
{
	(void)state;
	/* 64 '0' characters, the PREV of a terminal's first row. */
	assert_int_equal(strlen(CHAIN_ZERO), 64);
	assert_int_equal(strspn(CHAIN_ZERO, "0"), 64);
	assert_int_equal(CHAIN_HEX, 65);
}

static void test_next_known(void **state)
{
	struct chain c;
	(void)state;

	assert_int_equal(chain_begin(&c), 0);
	next(&c, CHAIN_ZERO, L1, strlen(L1), H1);
	/* The second row's PREV is the first's chain. */
	next(&c, H1, L2, strlen(L2), H2);
	/* A quoted line break is part of LINE. */
	next(&c, CHAIN_ZERO, L3, strlen(L3), H3);
	next(&c, CHAIN_ZERO, "", 0, H_EMPTY);
	/* One context serves again and again: the same answers. */
	next(&c, CHAIN_ZERO, L1, strlen(L1), H1);
	next(&c, H1, L2, strlen(L2), H2);
	chain_end(&c);
	assert_null(c.ctx);
	assert_null(c.md);
	/* Ending twice is harmless. */
	chain_end(&c);
}

static void test_next_bounds(void **state)
{
	struct chain c;
	char buf[256], out[CHAIN_HEX], out2[CHAIN_HEX];
	(void)state;

	assert_int_equal(chain_begin(&c), 0);
	/* Only len bytes of the line count: what follows (the ",chain" of
	 * a row in the file) is not hashed. */
	snprintf(buf, sizeof buf, "%s,%s", L1, H1);
	next(&c, CHAIN_ZERO, buf, strlen(L1), H1);
	/* Only 64 bytes of PREV count: a longer string hashes the same. */
	snprintf(buf, sizeof buf, "%sGARBAGE", H1);
	next(&c, buf, L2, strlen(L2), H2);
	/* One byte changed anywhere changes the chain. */
	snprintf(buf, sizeof buf, "%s", L1);
	buf[7] = '1';   /* 2026 -> 1026 */
	assert_int_equal(chain_next(&c, CHAIN_ZERO, buf, strlen(buf), out), 0);
	assert_string_not_equal(out, H1);
	/* The PREV's too. */
	snprintf(buf, sizeof buf, "%s", H1);
	buf[63] = '0';
	assert_int_equal(chain_next(&c, buf, L2, strlen(L2), out2), 0);
	assert_string_not_equal(out2, H2);
	/* Lowercase hex, 64 digits. */
	assert_int_equal(strspn(out, "0123456789abcdef"), 64);
	chain_end(&c);
	/* A hasher that was ended refuses rather than crash. */
	assert_int_equal(chain_next(&c, CHAIN_ZERO, L1, strlen(L1), out), -1);
}

static void line_len(const char *raw, long want)
{
	long got = chain_line_len(raw, strlen(raw));
	if (got != want)
		fail_msg("chain_line_len(\"%s\") = %ld, want %ld", raw, got, want);
}

static void test_line_len(void **state)
{
	(void)state;
	/* LINE stops before the last comma. */
	line_len("a,b,c", 3);
	line_len(L1 "," H1, (long)strlen(L1));
	line_len("a,", 1);
	line_len(",", 0);
	line_len(",abc", 0);
	/* No comma: no chain field, -1. */
	line_len("abc", -1);
	line_len("", -1);
	/* A trailing comma: the last field is empty, LINE is all before. */
	line_len("a,b,", 3);
	line_len("a,b,,", 4);
	/* A quoted field with a comma earlier in the row changes nothing. */
	line_len("\"a,b\",c", 5);
	line_len(L2 "," H2, (long)strlen(L2));
	/* A quoted last field: cut at the last comma byte, as the shell
	 * loop's ${row%,*} does (a chain is 64 hex digits and never quoted,
	 * so this only concerns a row that is broken anyway). */
	line_len("a,\"xy\"", 1);
	line_len("a,\"x,y\"", 4);
	/* Only rawlen bytes are looked at. */
	assert_int_equal(chain_line_len("a,b,c", 2), 1);
	assert_int_equal(chain_line_len("a,b,c", 1), -1);
	assert_int_equal(chain_line_len("a,b,c", 0), -1);
	/* A quoted line break is part of the line. */
	line_len(L3 "," H3, (long)strlen(L3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zero),
		cmocka_unit_test(test_next_known),
		cmocka_unit_test(test_next_bounds),
		cmocka_unit_test(test_line_len),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
