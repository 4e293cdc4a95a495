#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flashcoop/array.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/funders.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"

const char *const funders_bands[FUNDERS_NBANDS] = {
	"under 18", "18-25", "26-35", "36-49", "50+", "unknown"
};

static const char *const names[FUNDERS_N] = {
	[FUNDERS_PARTICIPANTS] = "participants",
	[FUNDERS_COMPLETED] = "completed",
	[FUNDERS_WITHDRAWN] = "withdrawn",
	[FUNDERS_GENDER] = "gender",
	[FUNDERS_AGE_BAND] = "age_band",
	[FUNDERS_STATUS_AT_ENTRY] = "status_at_entry",
	[FUNDERS_REFERRER] = "referrer",
	[FUNDERS_EDUCATION] = "education",
	[FUNDERS_QPV] = "qpv",
	[FUNDERS_DISABILITY] = "disability",
	[FUNDERS_EXIT_STATUS] = "exit_status",
	[FUNDERS_STATUS_6M] = "status_6_months",
	[FUNDERS_POSITIVE_EXIT] = "positive_exit",
	[FUNDERS_POSITIVE_EXIT_RATE] = "positive_exit_rate",
	[FUNDERS_POSITIVE_6M] = "positive_6_months",
	[FUNDERS_POSITIVE_6M_RATE] = "positive_6_months_rate",
	[FUNDERS_ESF_EMPLOYMENT] = "esf_employment_status",
	[FUNDERS_ESF_UNDER_30] = "esf_under_30",
	[FUNDERS_ESF_OVER_54] = "esf_over_54",
	[FUNDERS_ESF_DISABILITY] = "esf_disability",
	[FUNDERS_ESF_EDUCATION] = "esf_education",
	[FUNDERS_HOURS] = "hours",
	[FUNDERS_HOURS_AVERAGE] = "hours_average",
	[FUNDERS_TURNOVER] = "turnover",
};

const char *funders_name(enum funders_indicator i)
{
	return names[i];
}

enum funders_unit funders_unit(enum funders_indicator i)
{
	if (i == FUNDERS_HOURS || i == FUNDERS_HOURS_AVERAGE)
		return FUNDERS_HUNDREDTHS;
	if (i == FUNDERS_POSITIVE_EXIT_RATE || i == FUNDERS_POSITIVE_6M_RATE)
		return FUNDERS_PERCENT;
	return i == FUNDERS_TURNOVER ? FUNDERS_CENTS : FUNDERS_PEOPLE;
}

bool funders_is_breakdown(enum funders_indicator i)
{
	return (i >= FUNDERS_GENDER && i <= FUNDERS_STATUS_6M) ||
	       i == FUNDERS_ESF_EMPLOYMENT || i == FUNDERS_ESF_EDUCATION;
}

bool funders_small(const struct funders *f, enum funders_indicator i,
                   int64_t value)
{
	if (funders_unit(i) == FUNDERS_PERCENT)
		return f->base[i] < FUNDERS_MIN_PEOPLE;
	return funders_unit(i) == FUNDERS_PEOPLE && value > 0 &&
	       value < FUNDERS_MIN_PEOPLE;
}

/* The age of someone born in birth_year at the start of a project in
 * start_year; -1 when unknown. */
static int age(int start_year, int birth_year)
{
	return birth_year ? start_year - birth_year : -1;
}

/* The age band of an age (-1: unknown). */
static const char *age_band(int a)
{
	if (a < 0)
		return FUNDERS_UNKNOWN;
	return funders_bands[a < 18 ? 0 : a <= 25 ? 1 : a <= 35 ? 2 :
	                     a <= 49 ? 3 : 4];
}

static const char *or_unknown(const char *s)
{
	return s && *s ? s : FUNDERS_UNKNOWN;
}

/* The European Social Fund's employment status at entry, from ours. */
static const char *esf_employment(const char *status)
{
	static const struct { const char *ours, *esf; } map[] = {
		{ "unemployed", "unemployed" },
		{ "long-term-unemployed", "unemployed" },
		{ "job-seeker", "unemployed" },
		{ "inactive", "inactive" }, { "student", "inactive" },
		{ "employed", "employed" }, { "self-employed", "employed" },
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcasecmp(status, map[i].ours) == 0)
			return map[i].esf;
	return FUNDERS_UNKNOWN;
}

/* The ISCED levels of the European Social Fund, from the French levels
 * of qualification (participants.csv's education). */
static const char *esf_education(const char *level)
{
	if (!*level)
		return FUNDERS_UNKNOWN;
	if (strcmp(level, "none") == 0)
		return "ISCED 0-2";
	return strcmp(level, "3") == 0 || strcmp(level, "4") == 0 ?
	       "ISCED 3-4" : "ISCED 5-8";
}

/* The group of pt in breakdown i, for a project starting in year. */
static const char *group_of(enum funders_indicator i,
                            const struct participant *pt, int year)
{
	switch (i) {
	case FUNDERS_GENDER: return or_unknown(pt->gender);
	case FUNDERS_AGE_BAND: return age_band(age(year, pt->birth_year));
	case FUNDERS_STATUS_AT_ENTRY: return or_unknown(pt->status);
	case FUNDERS_EDUCATION: return or_unknown(pt->education);
	case FUNDERS_QPV: return or_unknown(pt->qpv);
	case FUNDERS_DISABILITY: return or_unknown(pt->disability);
	case FUNDERS_EXIT_STATUS: return or_unknown(pt->exit_status);
	case FUNDERS_STATUS_6M: return or_unknown(pt->status_6m);
	case FUNDERS_ESF_EMPLOYMENT: return esf_employment(pt->status);
	case FUNDERS_ESF_EDUCATION: return esf_education(pt->education);
	default: return or_unknown(pt->referrer);
	}
}

/* Add n to the group name of b, a new group last; -1 when out of
 * memory. */
static int add_group(struct funders_breakdown *b, const char *name,
                     int64_t n, bool *overflow)
{
	size_t i = 0;

	while (i < b->n && strcmp(b->v[i].name, name) != 0)
		i++;
	if (i == b->n) {
		if (array_reserve(&b->v, &b->cap, b->n + 1, sizeof *b->v) < 0 ||
		    !(b->v[i].name = strdup(name)))
			return -1;
		b->v[i].count = 0;
		b->n++;
	}
	if (money_add(b->v[i].count, n, &b->v[i].count) < 0)
		*overflow = true;
	return 0;
}

/* The groups of a breakdown whose values have an order of their own,
 * in that order; the others as first met. */
static const char *const *order_of(enum funders_indicator i)
{
	static const char *const levels[] = { "none", "3", "4", "5", "6", "7",
	                                      "8", "unknown", NULL };
	static const char *const yes_no[] = { "yes", "no", "unknown", NULL };
	static const char *const outcomes[] = { "employment", "training",
	                                        "job-search", "other",
	                                        "unknown", NULL };
	static const char *const esf[] = { "unemployed", "inactive",
	                                   "employed", "unknown", NULL };
	static const char *const isced[] = { "ISCED 0-2", "ISCED 3-4",
	                                     "ISCED 5-8", "unknown", NULL };
	static const char *const bands[FUNDERS_NBANDS + 1] = {
		"under 18", "18-25", "26-35", "36-49", "50+", "unknown", NULL };

	switch (i) {
	case FUNDERS_AGE_BAND: return bands;
	case FUNDERS_EDUCATION: return levels;
	case FUNDERS_QPV: case FUNDERS_DISABILITY: return yes_no;
	case FUNDERS_EXIT_STATUS: case FUNDERS_STATUS_6M: return outcomes;
	case FUNDERS_ESF_EMPLOYMENT: return esf;
	case FUNDERS_ESF_EDUCATION: return isced;
	default: return NULL;
	}
}

static size_t rank(const char *const *order, const char *name)
{
	size_t r = 0;
	while (order[r] && strcmp(name, order[r]) != 0)
		r++;
	return r;
}

/* A breakdown in its order (a few groups: an insertion sort). */
static void sort_groups(struct funders_breakdown *b,
                        const char *const *order)
{
	for (size_t i = 1; order && i < b->n; i++) {
		struct funders_group g = b->v[i];
		size_t j = i;
		for (; j > 0 && rank(order, b->v[j - 1].name) > rank(order, g.name);
		     j--)
			b->v[j] = b->v[j - 1];
		b->v[j] = g;
	}
}

static void sort_all(struct funders *f)
{
	for (int i = 0; i < FUNDERS_N; i++)
		sort_groups(&f->by[i], order_of(i));
}

/* People of a breakdown in group name; those of a known group. */
static int64_t in_group(const struct funders_breakdown *b, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i].name, name) == 0)
			return b->v[i].count;
	return 0;
}

static int64_t known(const struct funders_breakdown *b)
{
	int64_t n = 0;
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i].name, FUNDERS_UNKNOWN) != 0)
			n += b->v[i].count;
	return n;
}

/* The positive outcomes (employment, training) of breakdown from, and
 * their rate over the people whose status is known. */
static void outcomes(struct funders *f, enum funders_indicator from,
                     enum funders_indicator positive,
                     enum funders_indicator rate)
{
	const struct funders_breakdown *b = &f->by[from];
	int64_t base = known(b), n = in_group(b, "employment") +
	                             in_group(b, "training");

	f->value[positive] = n;
	f->base[rate] = base;
	f->value[rate] = base ? (n * 20000 / base + 1) / 2 : 0;
}

static int64_t average(int64_t hours, int64_t people)
{
	return people ? (hours + people / 2) / people : 0;
}

/* The breakdowns, one person at a time. */
static int add_person(struct funders *f, const struct participant *pt,
                      int year)
{
	int a = age(year, pt->birth_year);

	for (int k = 0; k < FUNDERS_N; k++)
		if (funders_is_breakdown(k) &&
		    add_group(&f->by[k], group_of(k, pt, year), 1,
		              &f->overflow) < 0)
			return -1;
	f->value[FUNDERS_ESF_UNDER_30] += a >= 0 && a < 30;
	f->value[FUNDERS_ESF_OVER_54] += a > 54;
	f->value[FUNDERS_ESF_DISABILITY] += strcmp(pt->disability, "yes") == 0;
	f->value[FUNDERS_WITHDRAWN] += pt->withdrawn != DATE_NONE;
	return 0;
}

/* What is worked out from the sums: outcomes, rates, the average. */
static void derived(struct funders *f)
{
	sort_all(f);
	outcomes(f, FUNDERS_EXIT_STATUS, FUNDERS_POSITIVE_EXIT,
	         FUNDERS_POSITIVE_EXIT_RATE);
	outcomes(f, FUNDERS_STATUS_6M, FUNDERS_POSITIVE_6M,
	         FUNDERS_POSITIVE_6M_RATE);
	f->value[FUNDERS_HOURS_AVERAGE] =
		average(f->value[FUNDERS_HOURS], f->value[FUNDERS_PARTICIPANTS]);
}

int funders_count(const struct project *p, const struct participants *ps,
                  const struct closing *c, struct funders *f,
                  struct fc_error *e)
{
	int year, month, day;

	memset(f, 0, sizeof *f);
	date_to_ymd(p->start, &year, &month, &day);
	for (size_t i = 0; i < ps->n; i++)
		if (add_person(f, &ps->v[i], year) < 0) {
			funders_free(f);
			return fc_fail(e, FC_IOERR, "out of memory");
		}
	f->value[FUNDERS_PARTICIPANTS] = (int64_t)ps->n;
	f->value[FUNDERS_COMPLETED] = (int64_t)ps->n -
	                              f->value[FUNDERS_WITHDRAWN];
	f->value[FUNDERS_HOURS] = c->hours;
	f->value[FUNDERS_TURNOVER] = c->turnover;
	derived(f);
	return 0;
}

int funders_add(struct funders *total, const struct funders *f,
                struct fc_error *e)
{
	for (int i = 0; i < FUNDERS_N; i++) {
		const struct funders_breakdown *b = &f->by[i];
		int64_t *sum = &total->value[i];
		for (size_t j = 0; j < b->n; j++)
			if (add_group(&total->by[i], b->v[j].name,
			              b->v[j].count, &total->overflow) < 0)
				return fc_fail(e, FC_IOERR, "out of memory");
		if (!funders_is_breakdown(i) &&
		    money_add(*sum, f->value[i], sum) < 0)
			total->overflow = true;
	}
	derived(total);
	return 0;
}

void funders_free(struct funders *f)
{
	for (int i = 0; i < FUNDERS_N; i++) {
		for (size_t j = 0; j < f->by[i].n; j++)
			free(f->by[i].v[j].name);
		free(f->by[i].v);
	}
	memset(f, 0, sizeof *f);
}
