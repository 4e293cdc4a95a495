/*
 * Unit tests for lib/funders.c: the funders' figures of a group worked
 * out by hand (counts, breakdowns in the order met, age bands in theirs,
 * the average), and two projects added up.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/funders.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"

static struct participant person(const char *id, const char *gender,
                                 int birth_year, const char *status,
                                 const char *referrer, int32_t withdrawn)
{
	struct participant p;
	memset(&p, 0, sizeof p);
	strcpy(p.id, id);
	p.gender = (char *)gender;
	p.birth_year = birth_year;
	p.status = (char *)status;
	p.referrer = (char *)referrer;
	p.withdrawn = withdrawn;
	return p;
}

/* A project of 2026, with hours and turnover as its closing has them. */
static void count(struct participant *v, size_t n, int64_t hours,
                  int64_t turnover, struct funders *f)
{
	struct participants ps;
	struct project p;
	struct closing c;
	struct fc_error e;

	memset(&ps, 0, sizeof ps);
	memset(&p, 0, sizeof p);
	memset(&c, 0, sizeof c);
	ps.v = v;
	ps.n = n;
	p.start = date_from_ymd(2026, 5, 4);
	c.hours = hours;
	c.turnover = turnover;
	assert_int_equal(funders_count(&p, &ps, &c, f, &e), 0);
}

static void check_groups(const struct funders_breakdown *b,
                         const char *const *names, const int64_t *counts,
                         size_t n)
{
	assert_int_equal(b->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(b->v[i].name, names[i]);
		assert_int_equal(b->v[i].count, counts[i]);
	}
}

#define GROUPS(b, ...) do { \
	static const char *const names_[] = { __VA_ARGS__ }; \
	check_groups(b, names_, counts_, sizeof names_ / sizeof *names_); \
} while (0)

/* Ana (26 in 2026), Ben (56), Cy (no birth year, withdrew), Dee (17). */
static struct participant four[4];

static void setup_four(void)
{
	four[0] = person("P001", "F", 2000, "student", "Mission Locale",
	                 DATE_NONE);
	four[1] = person("P002", "M", 1970, "", "", DATE_NONE);
	four[2] = person("P003", "", 0, "student", "",
	                 date_from_ymd(2026, 5, 6));
	four[3] = person("P004", "F", 2009, "RSA", "CCAS", DATE_NONE);
}

static void test_count(void **state)
{
	struct funders f;
	(void)state;

	setup_four();
	count(four, 4, 1250, 2948, &f);
	assert_int_equal(f.value[FUNDERS_PARTICIPANTS], 4);
	assert_int_equal(f.value[FUNDERS_COMPLETED], 3);
	assert_int_equal(f.value[FUNDERS_WITHDRAWN], 1);
	assert_int_equal(f.value[FUNDERS_HOURS], 1250);
	/* 12.50 h / 4 = 3.125 h, half up: 3.13. */
	assert_int_equal(f.value[FUNDERS_HOURS_AVERAGE], 313);
	assert_int_equal(f.value[FUNDERS_TURNOVER], 2948);
	{
		static const int64_t counts_[] = { 2, 1, 1 };
		GROUPS(&f.by[FUNDERS_GENDER], "F", "M", "unknown");
	}
	{
		static const int64_t counts_[] = { 1, 1, 1, 1 };
		GROUPS(&f.by[FUNDERS_AGE_BAND], "under 18", "26-35", "50+",
		       "unknown");
	}
	{
		static const int64_t counts_[] = { 2, 1, 1 };
		GROUPS(&f.by[FUNDERS_STATUS_AT_ENTRY], "student", "unknown",
		       "RSA");
	}
	{
		static const int64_t counts_[] = { 1, 2, 1 };
		GROUPS(&f.by[FUNDERS_REFERRER], "Mission Locale", "unknown",
		       "CCAS");
	}
	assert_false(f.overflow);
	funders_free(&f);
}

/* The bands' edges: 17, 18, 25, 26, 35, 36, 49, 50 years old. */
static void test_bands(void **state)
{
	static const int born[] = { 2009, 2008, 2001, 2000, 1991, 1990,
	                            1977, 1976 };
	static const int64_t counts_[] = { 1, 2, 2, 2, 1 };
	struct participant v[8];
	struct funders f;
	(void)state;

	for (size_t i = 0; i < 8; i++)
		v[i] = person("P00", "", born[7 - i], "", "", DATE_NONE);
	count(v, 8, 0, 0, &f);
	GROUPS(&f.by[FUNDERS_AGE_BAND], "under 18", "18-25", "26-35",
	       "36-49", "50+");
	assert_int_equal(f.value[FUNDERS_HOURS_AVERAGE], 0);
	funders_free(&f);
}

/* No participant: zeros, no group, an average of 0 (not a division). */
static void test_nobody(void **state)
{
	struct funders f;
	(void)state;

	count(NULL, 0, 0, 500, &f);
	assert_int_equal(f.value[FUNDERS_PARTICIPANTS], 0);
	assert_int_equal(f.value[FUNDERS_HOURS_AVERAGE], 0);
	assert_int_equal(f.value[FUNDERS_TURNOVER], 500);
	for (int i = 0; i < FUNDERS_N; i++)
		assert_int_equal(f.by[i].n, 0);
	funders_free(&f);
}

/* Two projects: sums, groups merged (a new one last, bands in order),
 * the average worked out again from the sums. */
static void test_add(void **state)
{
	struct participant one[1];
	struct funders a, b, total;
	struct fc_error e;
	(void)state;

	setup_four();
	count(four, 4, 1250, 2948, &a);
	one[0] = person("P001", "X", 1990, "", "France Travail", DATE_NONE);
	count(one, 1, 100, 1000, &b);
	memset(&total, 0, sizeof total);
	assert_int_equal(funders_add(&total, &a, &e), 0);
	assert_int_equal(funders_add(&total, &b, &e), 0);
	assert_int_equal(total.value[FUNDERS_PARTICIPANTS], 5);
	assert_int_equal(total.value[FUNDERS_COMPLETED], 4);
	assert_int_equal(total.value[FUNDERS_WITHDRAWN], 1);
	assert_int_equal(total.value[FUNDERS_HOURS], 1350);
	assert_int_equal(total.value[FUNDERS_HOURS_AVERAGE], 270);
	assert_int_equal(total.value[FUNDERS_TURNOVER], 3948);
	{
		static const int64_t counts_[] = { 2, 1, 1, 1 };
		GROUPS(&total.by[FUNDERS_GENDER], "F", "M", "unknown", "X");
	}
	{
		static const int64_t counts_[] = { 1, 1, 1, 1, 1 };
		GROUPS(&total.by[FUNDERS_AGE_BAND], "under 18", "26-35",
		       "36-49", "50+", "unknown");
	}
	{
		static const int64_t counts_[] = { 1, 2, 1, 1 };
		GROUPS(&total.by[FUNDERS_REFERRER], "Mission Locale",
		       "unknown", "CCAS", "France Travail");
	}
	assert_false(total.overflow);
	b.value[FUNDERS_TURNOVER] = INT64_MAX;
	assert_int_equal(funders_add(&total, &b, &e), 0);
	assert_true(total.overflow);
	funders_free(&a);
	funders_free(&b);
	funders_free(&total);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(funders_name(FUNDERS_STATUS_AT_ENTRY),
	                    "status_at_entry");
	assert_string_equal(funders_name(FUNDERS_HOURS_AVERAGE),
	                    "hours_average");
	assert_int_equal(funders_unit(FUNDERS_WITHDRAWN), FUNDERS_PEOPLE);
	assert_int_equal(funders_unit(FUNDERS_HOURS_AVERAGE),
	                 FUNDERS_HUNDREDTHS);
	assert_int_equal(funders_unit(FUNDERS_TURNOVER), FUNDERS_CENTS);
	assert_true(funders_is_breakdown(FUNDERS_GENDER));
	assert_true(funders_is_breakdown(FUNDERS_REFERRER));
	assert_false(funders_is_breakdown(FUNDERS_HOURS));
	assert_string_equal(FUNDERS_UNKNOWN, "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_nobody),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
