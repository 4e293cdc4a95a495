#include <stdlib.h>
#include <string.h>

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
	return i == FUNDERS_TURNOVER ? FUNDERS_CENTS : FUNDERS_PEOPLE;
}

bool funders_is_breakdown(enum funders_indicator i)
{
	return i >= FUNDERS_GENDER && i <= FUNDERS_REFERRER;
}

/* The age band of someone born in birth_year (0: unknown) at the start of
 * a project in start_year. */
static const char *age_band(int start_year, int birth_year)
{
	int age = start_year - birth_year;

	if (!birth_year)
		return FUNDERS_UNKNOWN;
	return funders_bands[age < 18 ? 0 : age <= 25 ? 1 : age <= 35 ? 2 :
	                     age <= 49 ? 3 : 4];
}

static const char *or_unknown(const char *s)
{
	return *s ? s : FUNDERS_UNKNOWN;
}

/* The group of pt in breakdown i, for a project starting in year. */
static const char *group_of(enum funders_indicator i,
                            const struct participant *pt, int year)
{
	switch (i) {
	case FUNDERS_GENDER: return or_unknown(pt->gender);
	case FUNDERS_AGE_BAND: return age_band(year, pt->birth_year);
	case FUNDERS_STATUS_AT_ENTRY: return or_unknown(pt->status);
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

static size_t band_rank(const char *name)
{
	size_t r = 0;
	while (r < FUNDERS_NBANDS && strcmp(name, funders_bands[r]) != 0)
		r++;
	return r;
}

/* The age bands in their order (a few groups: an insertion sort). */
static void sort_bands(struct funders_breakdown *b)
{
	for (size_t i = 1; i < b->n; i++) {
		struct funders_group g = b->v[i];
		size_t j = i;
		for (; j > 0 && band_rank(b->v[j - 1].name) > band_rank(g.name);
		     j--)
			b->v[j] = b->v[j - 1];
		b->v[j] = g;
	}
}

static int64_t average(int64_t hours, int64_t people)
{
	return people ? (hours + people / 2) / people : 0;
}

int funders_count(const struct project *p, const struct participants *ps,
                  const struct closing *c, struct funders *f,
                  struct fc_error *e)
{
	int64_t n = (int64_t)ps->n, withdrawn = 0;
	int year, month, day;

	memset(f, 0, sizeof *f);
	date_to_ymd(p->start, &year, &month, &day);
	for (size_t i = 0; i < ps->n; i++) {
		const struct participant *pt = &ps->v[i];
		withdrawn += pt->withdrawn != DATE_NONE;
		for (int k = FUNDERS_GENDER; k <= FUNDERS_REFERRER; k++)
			if (add_group(&f->by[k], group_of(k, pt, year), 1,
			              &f->overflow) < 0) {
				funders_free(f);
				return fc_fail(e, FC_IOERR, "out of memory");
			}
	}
	sort_bands(&f->by[FUNDERS_AGE_BAND]);
	f->value[FUNDERS_PARTICIPANTS] = n;
	f->value[FUNDERS_COMPLETED] = n - withdrawn;
	f->value[FUNDERS_WITHDRAWN] = withdrawn;
	f->value[FUNDERS_HOURS] = c->hours;
	f->value[FUNDERS_HOURS_AVERAGE] = average(c->hours, n);
	f->value[FUNDERS_TURNOVER] = c->turnover;
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
	sort_bands(&total->by[FUNDERS_AGE_BAND]);
	total->value[FUNDERS_HOURS_AVERAGE] =
		average(total->value[FUNDERS_HOURS],
		        total->value[FUNDERS_PARTICIPANTS]);
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
