/*
 * Unit tests for lib/text.c: the checks on every text field, tokens,
 * quoting values for messages, and cells no spreadsheet takes for a
 * formula.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/text.h"

static void test_problem_ok(void **state)
{
	static const char *const good[] = {
		"", "a", "Flashcoop Cookies Croix-Rousse", "Chloé", "Zoë Nguyễn",
		"\xf0\x9f\x8d\xaa",              /* U+1F36A cookie */
		"prix: 2,50 \xe2\x82\xac",       /* euro sign */
		"\xc2\xa0",                      /* U+00A0, just past C1 */
		"\xc2\xbf\xc3\x80",              /* U+00BF, U+00C0 */
		"\xdf\xbf",                      /* U+07FF */
		"\xe0\xa0\x80",                  /* U+0800, shortest 3 bytes */
		"\xed\x9f\xbf",                  /* U+D7FF, before surrogates */
		"\xee\x80\x80",                  /* U+E000, after them */
		"\xef\xbf\xbd",                  /* U+FFFD */
		"\xf0\x90\x80\x80",              /* U+10000 */
		"\xf4\x8f\xbf\xbf",              /* U+10FFFF */
		"~ !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}",
	};
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (text_problem(good[i]) != NULL)
			fail_msg("text_problem refused good string %zu: %s", i,
			         text_problem(good[i]));
}

static void test_problem_control(void **state)
{
	static const char *const bad[] = {
		"\n", "a\nb", "\t", "tab\there", "\r", "line\r", "\x7f",
		"\x01", "\x1b[31m", "\x1f", "\xc2\x85", "\xc2\x80", "\xc2\x9f",
		"ok \xc2\x9b",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *why = text_problem(bad[i]);
		if (!why)
			fail_msg("text_problem accepted bad string %zu", i);
		assert_non_null(strstr(why, "control character"));
	}
}

/* The bidirectional overrides and isolates, alone or in a word; the
 * characters around them pass. */
static void test_problem_bidi(void **state)
{
	static const char *const bad[] = {
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac",
		"\xe2\x80\xad", "x\xe2\x80\xaey", "\xe2\x81\xa6",
		"\xe2\x81\xa7", "\xe2\x81\xa8", "Ada \xe2\x81\xa9",
	};
	static const char *const good[] = {
		"\xe2\x80\xa7",  /* U+2027, hyphenation point */
		"\xe2\x80\xaf",  /* U+202F, narrow no-break space */
		"\xe2\x81\xa5",  /* U+2065, unassigned */
		"\xe2\x81\xaa",  /* U+206A, deprecated, not an override */
		"\xe2\x80\x8e",  /* U+200E, left-to-right mark */
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *why = text_problem(bad[i]);
		if (!why)
			fail_msg("text_problem accepted bad string %zu", i);
		assert_non_null(strstr(why, "bidirectional"));
	}
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (text_problem(good[i]))
			fail_msg("text_problem refused good string %zu", i);
}

static void test_problem_utf8(void **state)
{
	static const char *const bad[] = {
		"\xff", "\xfe", "\xc3", "Chlo\xc3", "\xc3(", "\x80", "a\xbf",
		"\xc0\xaf", "\xc1\xbf",                 /* overlong 2 bytes */
		"\xe0\x80\xaf", "\xe0\x9f\xbf",         /* overlong 3 bytes */
		"\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf", /* overlong 4 bytes */
		"\xed\xa0\x80", "\xed\xbf\xbf",         /* surrogates */
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", /* past U+10FFFF */
		"\xf8\x88\x80\x80\x80",                 /* 5 bytes */
		"\xe2\x82", "\xe2\x82(", "\xf0\x9f\x8d", "\xf0\x9f\x8d!",
		"caf\xe9",                              /* Latin-1 */
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *why = text_problem(bad[i]);
		if (!why)
			fail_msg("text_problem accepted bad string %zu", i);
		assert_string_equal(why, "is not valid UTF-8");
	}
}

static void test_problem_length(void **state)
{
	char s[TEXT_MAX + 2];
	(void)state;
	assert_int_equal(TEXT_MAX, 1000);
	memset(s, 'a', 1000);
	s[1000] = '\0';
	assert_null(text_problem(s));
	s[1000] = 'a';
	s[1001] = '\0';
	assert_string_equal(text_problem(s), "is longer than 1000 bytes");
	/* Bytes, not characters: 500 "é" are 1000 bytes, one more is too
	 * many. */
	for (int i = 0; i < 500; i++)
		memcpy(s + 2 * i, "\xc3\xa9", 2);
	s[1000] = '\0';
	assert_null(text_problem(s));
	s[1000] = 'x';
	s[1001] = '\0';
	assert_non_null(text_problem(s));
}

static void test_is_token(void **state)
{
	(void)state;
	assert_true(text_is_token("FC-2026-LYON-01"));
	assert_true(text_is_token("a.b_c-D9"));
	assert_true(text_is_token("x"));
	assert_true(text_is_token("..."));
	assert_false(text_is_token(""));
	assert_false(text_is_token("a b"));
	assert_false(text_is_token(" a"));
	assert_false(text_is_token("a/b"));
	assert_false(text_is_token("a,b"));
	assert_false(text_is_token("a:b"));
	assert_false(text_is_token("Chloé"));
	assert_false(text_is_token("a\n"));
	assert_false(text_is_token("a;b"));
}

/* Valid UTF-8 and no control characters (the quoted text is printed). */
static bool clean(const char *s)
{
	return text_problem(s) == NULL;
}

static void test_quote_short(void **state)
{
	char buf[80];
	(void)state;
	assert_ptr_equal(text_quote("abc", buf, sizeof buf), buf);
	assert_string_equal(buf, "abc");
	assert_string_equal(text_quote("", buf, sizeof buf), "");
	assert_string_equal(text_quote("Chloé", buf, sizeof buf), "Chloé");
	assert_string_equal(text_quote("a\nb", buf, sizeof buf), "a\\x0ab");
	assert_string_equal(text_quote("\t\r\x7f", buf, sizeof buf),
	                    "\\x09\\x0d\\x7f");
	assert_string_equal(text_quote("\x1b[0m", buf, sizeof buf),
	                    "\\x1b[0m");
}

static void test_quote_long(void **state)
{
	char in[400], buf[80], want[80];
	(void)state;

	/* Cut at 60 bytes, then "...". */
	memset(in, 'a', 200);
	in[200] = '\0';
	text_quote(in, buf, sizeof buf);
	memset(want, 'a', 60);
	strcpy(want + 60, "...");
	assert_string_equal(buf, want);

	/* Exactly 60 bytes: no "...". */
	in[60] = '\0';
	assert_string_equal(text_quote(in, buf, sizeof buf), in);

	/* A two-byte character across the cut is kept whole. */
	memset(in, 'a', 59);
	strcpy(in + 59, "\xc3\xa9" "bbbbbbbb");
	text_quote(in, buf, sizeof buf);
	memset(want, 'a', 59);
	strcpy(want + 59, "\xc3\xa9...");
	assert_string_equal(buf, want);

	/* A four-byte character starting at byte 59 too. */
	memset(in, 'a', 59);
	strcpy(in + 59, "\xf0\x9f\x8d\xaa" "bbbbbbbb");
	text_quote(in, buf, sizeof buf);
	memset(want, 'a', 59);
	strcpy(want + 59, "\xf0\x9f\x8d\xaa...");
	assert_string_equal(buf, want);

	/* One starting at byte 60 is left out whole. */
	memset(in, 'a', 60);
	strcpy(in + 60, "\xc3\xa9");
	text_quote(in, buf, sizeof buf);
	memset(want, 'a', 60);
	strcpy(want + 60, "...");
	assert_string_equal(buf, want);
}

/* Every length and buffer size: the result fits, is valid UTF-8 without
 * control characters, and starts like the input. */
static void test_quote_never_splits(void **state)
{
	static const char *const unit[] = {
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x8d\xaa", "a\n",
	};
	char in[600], buf[128];
	(void)state;

	for (size_t u = 0; u < sizeof unit / sizeof *unit; u++) {
		for (size_t lead = 0; lead < 5; lead++) {
			size_t len = 0;
			memset(in, 'x', lead);
			len = lead;
			while (len + 5 < sizeof in) {
				strcpy(in + len, unit[u]);
				len += strlen(unit[u]);
			}
			for (size_t size = 12; size <= sizeof buf; size++) {
				memset(buf, '#', sizeof buf);
				text_quote(in, buf, size);
				if (strlen(buf) >= size)
					fail_msg("unit %zu lead %zu size %zu: %zu bytes",
					         u, lead, size, strlen(buf));
				if (!clean(buf))
					fail_msg("unit %zu lead %zu size %zu: '%s' is "
					         "not clean", u, lead, size, buf);
				assert_non_null(strstr(buf, "..."));
				assert_int_equal(strncmp(buf, in, lead), 0);
				for (size_t i = size; i < sizeof buf; i++)
					assert_int_equal(buf[i], '#');
			}
		}
	}
}

/* Bad input (it is what messages quote) still comes out printable and
 * bounded. */
static void test_quote_bad_input(void **state)
{
	char in[300], buf[80];
	(void)state;
	memset(in, 0x80, 200);
	in[200] = '\0';
	text_quote(in, buf, sizeof buf);
	assert_true(strlen(buf) < sizeof buf);
	memset(in, '\x01', 200);
	text_quote(in, buf, sizeof buf);
	assert_true(strlen(buf) < sizeof buf);
	assert_true(clean(buf));
	assert_int_equal(strncmp(buf, "\\x01\\x01", 8), 0);
	assert_non_null(strstr(buf, "..."));
}

/* A cell that begins with = + - @, a tab or a carriage return gets a
 * quote; any other is given back as it is, the same pointer. */
static void test_cell(void **state)
{
	static const char *const risky[] = {
		"=1+2", "+33-CAPE", "-5", "@cmd", "\tx", "\rx",
		"=HYPERLINK(\"http://x\",\"y\")", "=",
	};
	static const char *const safe[] = {
		"", "cookie", "1+2", "a=b", " =x", "'", "\xc3\x89" "clair",
		"12.50", "'=already",   /* a quote already there is text */
	};
	char buf[TEXT_CELL_SIZE], want[TEXT_CELL_SIZE + 1];
	(void)state;
	for (size_t i = 0; i < sizeof safe / sizeof *safe; i++)
		assert_ptr_equal(text_cell(safe[i], buf, sizeof buf), safe[i]);
	for (size_t i = 0; i < sizeof risky / sizeof *risky; i++) {
		snprintf(want, sizeof want, "'%s", risky[i]);
		assert_ptr_equal(text_cell(risky[i], buf, sizeof buf), buf);
		assert_string_equal(buf, want);
	}
}

/* The longest text there is fits TEXT_CELL_SIZE with its quote; a smaller
 * buffer cuts whole characters; buf may be the value itself. */
static void test_cell_sizes(void **state)
{
	char in[TEXT_MAX + 1], buf[TEXT_CELL_SIZE], small[6];
	(void)state;
	in[0] = '-';
	memset(in + 1, 'x', TEXT_MAX - 1);
	in[TEXT_MAX] = '\0';
	text_cell(in, buf, sizeof buf);
	assert_int_equal(strlen(buf), TEXT_MAX + 1);
	assert_int_equal(buf[0], '\'');
	assert_int_equal(strncmp(buf + 1, in, TEXT_MAX), 0);
	/* "@é€": 1 + 2 + 3 bytes; 6 bytes of buffer hold the quote, "@é". */
	assert_string_equal(text_cell("@\xc3\xa9\xe2\x82\xac", small,
	                              sizeof small), "'@\xc3\xa9");
	assert_string_equal(text_cell("@abcdef", small, sizeof small), "'@abc");
	assert_string_equal(text_cell("=x", small, 1), "");
	/* In place. */
	strcpy(buf, "=SUM(A1)");
	assert_ptr_equal(text_cell(buf, buf, sizeof buf), buf);
	assert_string_equal(buf, "'=SUM(A1)");
}

/* Case-insensitive beyond ASCII: Latin-1, Latin Extended-A, Greek and
 * Cyrillic; anything else, and a letter with another accent, differs. */
static void test_casecmp(void **state)
{
	static const char *const same[][2] = {
		{ "", "" },
		{ "cookie", "COOKIE" },
		{ "Sac-Vrac", "sac-vrac" },
		{ "\xc3\x89" "clair", "\xc3\xa9" "clair" },       /* É é */
		{ "\xc3\x89" "CLAIR", "\xc3\xa9" "clair" },
		{ "\xc3\x80\xc3\x87\xc3\x9e", "\xc3\xa0\xc3\xa7\xc3\xbe" },
		{ "\xc5\x92uf", "\xc5\x93UF" },                  /* Œ œ */
		{ "\xc5\xb8", "\xc3\xbf" },                      /* Ÿ ÿ */
		{ "\xc4\x80\xc4\xb9\xc5\x8a\xc5\xbd",          /* Ā Ĺ Ŋ Ž */
		  "\xc4\x81\xc4\xba\xc5\x8b\xc5\xbe" },
		{ "\xce\x91\xce\x86\xce\xa3", "\xce\xb1\xce\xac\xcf\x82" },
		{ "\xd0\x81\xd0\x96", "\xd1\x91\xd0\xb6" },    /* Ё Ж */
		{ "\xf0\x9f\x8d\xaa", "\xf0\x9f\x8d\xaa" },    /* cookie */
	};
	static const char *const differ[][2] = {
		{ "cookie", "cookies" },
		{ "", "a" },
		{ "eclair", "\xc3\xa9" "clair" },                /* e é */
		{ "\xc3\x97", "\xc3\xb7" },                      /* × ÷ */
		{ "\xc3\x9f", "ss" },                            /* ß */
		{ "\xc4\xb0", "i" },                             /* İ */
		{ "\xc4\xb1", "I" },                             /* ı */
		{ "\xc3", "\xc3\x83" },     /* a bad byte is no character */
		{ "a\xff", "A\xfe" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		if (text_casecmp(same[i][0], same[i][1]) != 0 ||
		    text_casecmp(same[i][1], same[i][0]) != 0)
			fail_msg("pair %zu should be equal", i);
	}
	for (size_t i = 0; i < sizeof differ / sizeof *differ; i++) {
		int ab = text_casecmp(differ[i][0], differ[i][1]);
		int ba = text_casecmp(differ[i][1], differ[i][0]);
		if (ab == 0 || ba == 0 || (ab < 0) == (ba < 0))
			fail_msg("pair %zu should differ, in opposite orders", i);
	}
	assert_true(text_casecmp("apple", "Banana") < 0);
	assert_true(text_casecmp("\xc3\xa9", "F") > 0);
}

/* Every character that could split or reorder a line is escaped, the rest
 * kept whole, with no cut when the buffer is large enough. */
static void test_escape(void **state)
{
	char buf[300], in[200];
	(void)state;
	assert_ptr_equal(text_escape("abc", buf, sizeof buf), buf);
	assert_string_equal(buf, "abc");
	assert_string_equal(text_escape("", buf, sizeof buf), "");
	assert_string_equal(text_escape("a\nb", buf, sizeof buf), "a\\nb");
	assert_string_equal(text_escape("\t\r\x7f\x1b[0m", buf, sizeof buf),
	                    "\\t\\r\\x7f\\x1b[0m");
	assert_string_equal(text_escape("Chlo\xc3\xa9 \xf0\x9f\x8d\xaa", buf,
	                                sizeof buf), "Chlo\xc3\xa9 \xf0\x9f\x8d\xaa");
	assert_string_equal(text_escape("x\xc2\x85y", buf, sizeof buf),
	                    "x\\u0085y");
	assert_string_equal(text_escape("x\xe2\x80\xaey\xe2\x81\xa9", buf,
	                                sizeof buf), "x\\u202ey\\u2069");
	assert_string_equal(text_escape("caf\xe9 \xc3", buf, sizeof buf),
	                    "caf\\xe9 \\xc3");
	/* Past 60 bytes (where text_quote cuts): whole. */
	memset(in, 'a', 150);
	in[150] = '\0';
	text_escape(in, buf, sizeof buf);
	assert_string_equal(buf, in);
	assert_true(text_problem(text_escape("a\nb\xe2\x80\xae\xff", buf,
	                                     sizeof buf)) == NULL);
}

/* A buffer too small: cut before an escape or a character, never inside,
 * with "..." and within the size. */
static void test_escape_cut(void **state)
{
	char buf[64];
	(void)state;
	/* "abc\n" is 5 bytes escaped: 6 bytes hold it whole. */
	assert_string_equal(text_escape("abc\n", buf, 6), "abc\\n");
	assert_string_equal(text_escape("abc\n", buf, 5), "a...");
	assert_string_equal(text_escape("abcdef", buf, 6), "ab...");
	assert_string_equal(text_escape("\n\n\n", buf, 7), "\\n\\n\\n");
	assert_string_equal(text_escape("\n\n\n", buf, 6), "\\n...");
	assert_string_equal(text_escape("\xc3\xa9\xc3\xa9\xc3\xa9", buf, 6),
	                    "\xc3\xa9...");
	assert_string_equal(text_escape("abcdef", buf, 3), "");
	for (size_t size = 1; size < sizeof buf; size++) {
		memset(buf, '#', sizeof buf);
		text_escape("\xe2\x80\xae" "abc\n\xc3\xa9\xf0\x9f\x8d\xaa\x01xyz", buf,
		            size);
		assert_true(strlen(buf) < size);
		assert_null(text_problem(buf));
		for (size_t i = size; i < sizeof buf; i++)
			assert_int_equal(buf[i], '#');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problem_ok),
		cmocka_unit_test(test_problem_control),
		cmocka_unit_test(test_problem_bidi),
		cmocka_unit_test(test_problem_utf8),
		cmocka_unit_test(test_problem_length),
		cmocka_unit_test(test_is_token),
		cmocka_unit_test(test_quote_short),
		cmocka_unit_test(test_quote_long),
		cmocka_unit_test(test_quote_never_splits),
		cmocka_unit_test(test_quote_bad_input),
		cmocka_unit_test(test_cell),
		cmocka_unit_test(test_cell_sizes),
		cmocka_unit_test(test_casecmp),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
