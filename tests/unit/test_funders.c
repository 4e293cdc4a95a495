/*
 * Unit tests for lib/funders.c: the funders' figures of a group worked
 * out by hand (counts, breakdowns in the order met, age bands and listed
 * values in theirs, the average), the outcomes and their positive rates,
 * the European Social Fund's indicators, what is "< 3", and two projects
 * added up.
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
	/* Issue 18's fields unknown, as participants_load reads them from a
	 * file without them. */
	p.contract_type = p.education = p.qpv = p.disability = (char *)"";
	p.exit_status = p.status_6m = (char *)"";
	p.exit_date = DATE_NONE;
	return p;
}

/* Someone known only by the afterlife's fields ("" unknown). */
static struct participant after(const char *education, const char *qpv,
                                const char *disability, const char *exit,
                                const char *six_months)
{
	struct participant p = person("P001", "", 0, "", "", DATE_NONE);
	p.education = (char *)education;
	p.qpv = (char *)qpv;
	p.disability = (char *)disability;
	p.exit_status = (char *)exit;
	p.status_6m = (char *)six_months;
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
	/* Nothing known after the week: every one unknown, no outcome, a
	 * rate of 0 over 0. */
	{
		static const int64_t counts_[] = { 4 };
		GROUPS(&f.by[FUNDERS_EXIT_STATUS], "unknown");
		GROUPS(&f.by[FUNDERS_EDUCATION], "unknown");
		GROUPS(&f.by[FUNDERS_ESF_EDUCATION], "unknown");
	}
	assert_int_equal(f.value[FUNDERS_POSITIVE_EXIT], 0);
	assert_int_equal(f.value[FUNDERS_POSITIVE_EXIT_RATE], 0);
	assert_int_equal(f.base[FUNDERS_POSITIVE_EXIT_RATE], 0);
	/* Ana 26 and Dee 17 under 30, Ben 56 over 54; Cy's age unknown. */
	assert_int_equal(f.value[FUNDERS_ESF_UNDER_30], 2);
	assert_int_equal(f.value[FUNDERS_ESF_OVER_54], 1);
	/* student -> inactive (Ana, Cy), "" and RSA -> unknown. */
	{
		static const int64_t counts_[] = { 2, 2 };
		GROUPS(&f.by[FUNDERS_ESF_EMPLOYMENT], "inactive", "unknown");
	}
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

/* ---- after the week: outcomes, the funders' indicators ---- */

/* The design's week of eight: exit statuses employment, employment,
 * training, job-search, job-search, other, and two unknown.  Known 6,
 * positive (employment or training) 3: 3 / 6 = 50 %, 5000 hundredths. */
static void test_outcomes(void **state)
{
	static const char *const exits[8] = { "employment", "employment",
	                                      "training", "job-search",
	                                      "job-search", "other", "", "" };
	struct participant v[8];
	struct funders f;
	(void)state;

	for (size_t i = 0; i < 8; i++)
		v[i] = after("", "", "", exits[i], "");
	/* Six months later: 2 in employment of 2 known. */
	v[0].status_6m = (char *)"employment";
	v[3].status_6m = (char *)"employment";
	count(v, 8, 0, 0, &f);
	assert_int_equal(f.value[FUNDERS_POSITIVE_EXIT], 3);
	assert_int_equal(f.base[FUNDERS_POSITIVE_EXIT_RATE], 6);
	assert_int_equal(f.value[FUNDERS_POSITIVE_EXIT_RATE], 5000);
	/* The list's order, unknown last. */
	{
		static const int64_t counts_[] = { 2, 1, 2, 1, 2 };
		GROUPS(&f.by[FUNDERS_EXIT_STATUS], "employment", "training",
		       "job-search", "other", "unknown");
	}
	/* Each of those groups is 1 or 2 people: "< 3"; the count of
	 * positive exits (3) and its rate (over 6) are shown. */
	for (size_t i = 0; i < f.by[FUNDERS_EXIT_STATUS].n; i++)
		assert_true(funders_small(&f, FUNDERS_EXIT_STATUS,
		                          f.by[FUNDERS_EXIT_STATUS].v[i].count));
	assert_false(funders_small(&f, FUNDERS_POSITIVE_EXIT,
	                           f.value[FUNDERS_POSITIVE_EXIT]));
	assert_false(funders_small(&f, FUNDERS_POSITIVE_EXIT_RATE,
	                           f.value[FUNDERS_POSITIVE_EXIT_RATE]));
	/* Six months: 2 of 2 = 100 %, but over fewer than 3: "< 3"; and
	 * the count of 2 too. */
	assert_int_equal(f.value[FUNDERS_POSITIVE_6M], 2);
	assert_int_equal(f.base[FUNDERS_POSITIVE_6M_RATE], 2);
	assert_int_equal(f.value[FUNDERS_POSITIVE_6M_RATE], 10000);
	assert_true(funders_small(&f, FUNDERS_POSITIVE_6M_RATE,
	                          f.value[FUNDERS_POSITIVE_6M_RATE]));
	assert_true(funders_small(&f, FUNDERS_POSITIVE_6M,
	                          f.value[FUNDERS_POSITIVE_6M]));
	{
		static const int64_t counts_[] = { 2, 6 };
		GROUPS(&f.by[FUNDERS_STATUS_6M], "employment", "unknown");
	}
	funders_free(&f);

	/* The rate, half up to the hundredth of a percent: 1 of 3 =
	 * 3333.33 -> 3333, 2 of 3 = 6666.67 -> 6667. */
	for (size_t i = 0; i < 3; i++)
		v[i] = after("", "", "", "other", "");
	v[0].exit_status = (char *)"training";
	count(v, 3, 0, 0, &f);
	assert_int_equal(f.value[FUNDERS_POSITIVE_EXIT_RATE], 3333);
	assert_false(funders_small(&f, FUNDERS_POSITIVE_EXIT_RATE, 3333));
	funders_free(&f);
	v[1].exit_status = (char *)"employment";
	count(v, 3, 0, 0, &f);
	assert_int_equal(f.value[FUNDERS_POSITIVE_EXIT_RATE], 6667);
	funders_free(&f);
}

/* Education, qpv, disability in their lists' order; the ESF's
 * education (ISCED) and disability. */
static void test_education_qpv_disability(void **state)
{
	struct participant v[9];
	struct funders f;
	(void)state;

	/* Met in another order than the lists'. */
	v[0] = after("5", "no", "", "", "");
	v[1] = after("none", "yes", "yes", "", "");
	v[2] = after("8", "", "no", "", "");
	v[3] = after("3", "yes", "yes", "", "");
	v[4] = after("", "no", "no", "", "");
	v[5] = after("4", "no", "", "", "");
	v[6] = after("6", "", "", "", "");
	v[7] = after("7", "", "yes", "", "");
	v[8] = after("none", "no", "", "", "");
	count(v, 9, 0, 0, &f);
	{
		static const int64_t counts_[] = { 2, 1, 1, 1, 1, 1, 1, 1 };
		GROUPS(&f.by[FUNDERS_EDUCATION], "none", "3", "4", "5", "6",
		       "7", "8", "unknown");
	}
	{
		static const int64_t counts_[] = { 2, 4, 3 };
		GROUPS(&f.by[FUNDERS_QPV], "yes", "no", "unknown");
	}
	{
		static const int64_t counts_[] = { 3, 2, 4 };
		GROUPS(&f.by[FUNDERS_DISABILITY], "yes", "no", "unknown");
	}
	/* none -> ISCED 0-2 (2); 3, 4 -> ISCED 3-4 (2); 5 to 8 -> ISCED 5-8
	 * (4); "" unknown (1). */
	{
		static const int64_t counts_[] = { 2, 2, 4, 1 };
		GROUPS(&f.by[FUNDERS_ESF_EDUCATION], "ISCED 0-2", "ISCED 3-4",
		       "ISCED 5-8", "unknown");
	}
	assert_int_equal(f.value[FUNDERS_ESF_DISABILITY], 3);
	assert_false(funders_small(&f, FUNDERS_ESF_DISABILITY, 3));
	funders_free(&f);
}

/* The ESF's employment status at entry, from status_at_entry. */
static void test_esf_employment(void **state)
{
	static const char *const status[] = {
		"unemployed", "long-term-unemployed", "job-seeker",  /* 3 */
		"inactive", "student",                                /* 2 */
		"employed", "self-employed",                          /* 2 */
		"RSA", "", "retired",                                 /* 3 */
	};
	struct participant v[10];
	struct funders f;
	(void)state;

	/* Met from the last: the breakdown in the ESF's order all the
	 * same. */
	for (size_t i = 0; i < 10; i++)
		v[i] = person("P001", "", 0, status[9 - i], "", DATE_NONE);
	count(v, 10, 0, 0, &f);
	{
		static const int64_t counts_[] = { 3, 2, 2, 3 };
		GROUPS(&f.by[FUNDERS_ESF_EMPLOYMENT], "unemployed", "inactive",
		       "employed", "unknown");
	}
	funders_free(&f);
}

/* Age at the project's start year: under 30 is 29 at most, over 54 is
 * 55 at least; an unknown year is neither. */
static void test_esf_ages(void **state)
{
	static const int born[] = { 1997, 1996, 1972, 1971, 0, 2010 };
	struct participant v[6];
	struct participants ps;
	struct project p;
	struct closing c;
	struct funders f;
	struct fc_error e;
	(void)state;

	for (size_t i = 0; i < 6; i++)
		v[i] = person("P001", "", born[i], "", "", DATE_NONE);
	/* 2026: 29 (under 30), 30, 54, 55 (over 54), unknown, 16 (under
	 * 30). */
	count(v, 6, 0, 0, &f);
	assert_int_equal(f.value[FUNDERS_ESF_UNDER_30], 2);
	assert_int_equal(f.value[FUNDERS_ESF_OVER_54], 1);
	funders_free(&f);

	/* A project starting on 2027-01-02: a year older each: 30, 31, 55,
	 * 56, unknown, 17. */
	memset(&ps, 0, sizeof ps);
	memset(&p, 0, sizeof p);
	memset(&c, 0, sizeof c);
	ps.v = v;
	ps.n = 6;
	p.start = date_from_ymd(2027, 1, 2);
	assert_int_equal(funders_count(&p, &ps, &c, &f, &e), 0);
	assert_int_equal(f.value[FUNDERS_ESF_UNDER_30], 1);
	assert_int_equal(f.value[FUNDERS_ESF_OVER_54], 2);
	funders_free(&f);
}

/* What is shown "< 3": a count of people of 1 or 2 (not 0, not 3); a
 * rate over fewer than 3 people known, whatever its value; never hours
 * or money. */
static void test_small(void **state)
{
	struct funders f;
	(void)state;

	memset(&f, 0, sizeof f);
	assert_false(funders_small(&f, FUNDERS_PARTICIPANTS, 0));
	assert_true(funders_small(&f, FUNDERS_PARTICIPANTS, 1));
	assert_true(funders_small(&f, FUNDERS_PARTICIPANTS, 2));
	assert_false(funders_small(&f, FUNDERS_PARTICIPANTS, 3));
	assert_false(funders_small(&f, FUNDERS_PARTICIPANTS, 40));
	assert_true(funders_small(&f, FUNDERS_GENDER, 2));
	assert_false(funders_small(&f, FUNDERS_GENDER, 3));
	assert_true(funders_small(&f, FUNDERS_ESF_UNDER_30, 1));
	assert_false(funders_small(&f, FUNDERS_ESF_OVER_54, 0));
	/* Rates: by their base. */
	f.base[FUNDERS_POSITIVE_EXIT_RATE] = 2;
	assert_true(funders_small(&f, FUNDERS_POSITIVE_EXIT_RATE, 5000));
	assert_true(funders_small(&f, FUNDERS_POSITIVE_EXIT_RATE, 0));
	f.base[FUNDERS_POSITIVE_EXIT_RATE] = 3;
	assert_false(funders_small(&f, FUNDERS_POSITIVE_EXIT_RATE, 3333));
	assert_false(funders_small(&f, FUNDERS_POSITIVE_EXIT_RATE, 0));
	f.base[FUNDERS_POSITIVE_6M_RATE] = 1;
	assert_true(funders_small(&f, FUNDERS_POSITIVE_6M_RATE, 10000));
	/* Hours and money are no count of people. */
	assert_false(funders_small(&f, FUNDERS_HOURS, 1));
	assert_false(funders_small(&f, FUNDERS_HOURS_AVERAGE, 2));
	assert_false(funders_small(&f, FUNDERS_TURNOVER, 2));
}

/* Two projects: the outcomes' breakdowns summed, the rate worked out
 * again from them (not the mean of the two rates).  A: employment,
 * employment, other, unknown: 2 of 3 = 6667; B: job-search, training:
 * 1 of 2 = 5000 (over fewer than 3).  Together: positive 3 of 5 known =
 * 6000. */
static void test_add_outcomes(void **state)
{
	struct participant va[4], vb[2];
	struct funders a, b, total;
	struct fc_error e;
	(void)state;

	va[0] = after("none", "yes", "", "employment", "");
	va[1] = after("", "", "", "employment", "training");
	va[2] = after("", "", "yes", "other", "");
	va[3] = after("", "", "", "", "");
	vb[0] = after("7", "no", "yes", "job-search", "employment");
	vb[1] = after("", "", "", "training", "other");
	count(va, 4, 0, 0, &a);
	count(vb, 2, 0, 0, &b);
	assert_int_equal(a.value[FUNDERS_POSITIVE_EXIT_RATE], 6667);
	assert_int_equal(b.value[FUNDERS_POSITIVE_EXIT_RATE], 5000);
	assert_true(funders_small(&b, FUNDERS_POSITIVE_EXIT_RATE, 5000));
	memset(&total, 0, sizeof total);
	assert_int_equal(funders_add(&total, &a, &e), 0);
	assert_int_equal(funders_add(&total, &b, &e), 0);
	assert_int_equal(total.value[FUNDERS_PARTICIPANTS], 6);
	assert_int_equal(total.value[FUNDERS_POSITIVE_EXIT], 3);
	assert_int_equal(total.base[FUNDERS_POSITIVE_EXIT_RATE], 5);
	assert_int_equal(total.value[FUNDERS_POSITIVE_EXIT_RATE], 6000);
	assert_false(funders_small(&total, FUNDERS_POSITIVE_EXIT_RATE, 6000));
	{
		static const int64_t counts_[] = { 2, 1, 1, 1, 1 };
		GROUPS(&total.by[FUNDERS_EXIT_STATUS], "employment", "training",
		       "job-search", "other", "unknown");
	}
	/* Six months: training, employment of 1 known in A (1 of 1) and
	 * employment, other in B (1 of 2): 2 of 3 = 6667 together. */
	assert_int_equal(total.value[FUNDERS_POSITIVE_6M], 2);
	assert_int_equal(total.base[FUNDERS_POSITIVE_6M_RATE], 3);
	assert_int_equal(total.value[FUNDERS_POSITIVE_6M_RATE], 6667);
	/* The one-figure counts summed: disability yes 1 + 1. */
	assert_int_equal(total.value[FUNDERS_ESF_DISABILITY], 2);
	{
		static const int64_t counts_[] = { 1, 1, 4 };
		GROUPS(&total.by[FUNDERS_QPV], "yes", "no", "unknown");
	}
	/* ISCED in its order, though B's 5-8 came after A's 0-2 and
	 * unknown. */
	{
		static const int64_t counts_[] = { 1, 1, 4 };
		GROUPS(&total.by[FUNDERS_ESF_EDUCATION], "ISCED 0-2",
		       "ISCED 5-8", "unknown");
	}
	assert_false(total.overflow);
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
	/* Issue 18's, between referrer and hours. */
	assert_string_equal(funders_name(FUNDERS_EDUCATION), "education");
	assert_string_equal(funders_name(FUNDERS_QPV), "qpv");
	assert_string_equal(funders_name(FUNDERS_DISABILITY), "disability");
	assert_string_equal(funders_name(FUNDERS_EXIT_STATUS), "exit_status");
	assert_string_equal(funders_name(FUNDERS_STATUS_6M), "status_6_months");
	assert_string_equal(funders_name(FUNDERS_POSITIVE_EXIT),
	                    "positive_exit");
	assert_string_equal(funders_name(FUNDERS_POSITIVE_EXIT_RATE),
	                    "positive_exit_rate");
	assert_string_equal(funders_name(FUNDERS_POSITIVE_6M),
	                    "positive_6_months");
	assert_string_equal(funders_name(FUNDERS_POSITIVE_6M_RATE),
	                    "positive_6_months_rate");
	assert_string_equal(funders_name(FUNDERS_ESF_EMPLOYMENT),
	                    "esf_employment_status");
	assert_string_equal(funders_name(FUNDERS_ESF_UNDER_30), "esf_under_30");
	assert_string_equal(funders_name(FUNDERS_ESF_OVER_54), "esf_over_54");
	assert_string_equal(funders_name(FUNDERS_ESF_DISABILITY),
	                    "esf_disability");
	assert_string_equal(funders_name(FUNDERS_ESF_EDUCATION),
	                    "esf_education");
	assert_true(FUNDERS_REFERRER < FUNDERS_EDUCATION &&
	            FUNDERS_ESF_EDUCATION < FUNDERS_HOURS);
	assert_int_equal(funders_unit(FUNDERS_POSITIVE_EXIT_RATE),
	                 FUNDERS_PERCENT);
	assert_int_equal(funders_unit(FUNDERS_POSITIVE_6M_RATE),
	                 FUNDERS_PERCENT);
	assert_int_equal(funders_unit(FUNDERS_POSITIVE_EXIT), FUNDERS_PEOPLE);
	assert_int_equal(funders_unit(FUNDERS_ESF_UNDER_30), FUNDERS_PEOPLE);
	assert_true(funders_is_breakdown(FUNDERS_EDUCATION));
	assert_true(funders_is_breakdown(FUNDERS_STATUS_6M));
	assert_true(funders_is_breakdown(FUNDERS_ESF_EMPLOYMENT));
	assert_true(funders_is_breakdown(FUNDERS_ESF_EDUCATION));
	assert_false(funders_is_breakdown(FUNDERS_POSITIVE_EXIT));
	assert_false(funders_is_breakdown(FUNDERS_POSITIVE_EXIT_RATE));
	assert_false(funders_is_breakdown(FUNDERS_ESF_UNDER_30));
	assert_false(funders_is_breakdown(FUNDERS_ESF_DISABILITY));
	assert_string_equal(FUNDERS_SMALL, "< 3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_nobody),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_education_qpv_disability),
		cmocka_unit_test(test_esf_employment),
		cmocka_unit_test(test_esf_ages),
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_add_outcomes),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
