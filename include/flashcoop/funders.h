/*
 * funders: what the funders ask of a Flashcoop, as typed values: how many
 * took part, completed or withdrew; counts by gender, age band at the
 * project's start, status at entry and referrer; hours (in all and on
 * average) and turnover.  Never a name.  The funders report and the
 * bilan both read these values; neither reads the other's text.
 */
#ifndef FLASHCOOP_FUNDERS_H
#define FLASHCOOP_FUNDERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flashcoop/error.h"

struct project;
struct participants;
struct closing;

/* The indicators, in the order the report gives them: who took part, by
 * gender, age, status at entry, referrer, education, neighbourhood and
 * disability; the outcomes at exit and six months later; the European
 * Social Fund's common indicators our fields allow; hours, turnover. */
enum funders_indicator {
	FUNDERS_PARTICIPANTS, FUNDERS_COMPLETED, FUNDERS_WITHDRAWN,
	FUNDERS_GENDER, FUNDERS_AGE_BAND, FUNDERS_STATUS_AT_ENTRY,
	FUNDERS_REFERRER, FUNDERS_EDUCATION, FUNDERS_QPV, FUNDERS_DISABILITY,
	FUNDERS_EXIT_STATUS, FUNDERS_STATUS_6M,
	FUNDERS_POSITIVE_EXIT, FUNDERS_POSITIVE_EXIT_RATE,
	FUNDERS_POSITIVE_6M, FUNDERS_POSITIVE_6M_RATE,
	FUNDERS_ESF_EMPLOYMENT, FUNDERS_ESF_UNDER_30, FUNDERS_ESF_OVER_54,
	FUNDERS_ESF_DISABILITY, FUNDERS_ESF_EDUCATION,
	FUNDERS_HOURS, FUNDERS_HOURS_AVERAGE, FUNDERS_TURNOVER, FUNDERS_N
};

/* What an indicator's value is: people, hundredths of an hour, cents,
 * hundredths of a percent (a rate of people). */
enum funders_unit { FUNDERS_PEOPLE, FUNDERS_HUNDREDTHS, FUNDERS_CENTS,
                    FUNDERS_PERCENT };

/* The fewest people a figure for the funders may stand for: a count of
 * fewer (but none) is shown FUNDERS_SMALL, and a rate worked out over
 * fewer, so that nobody can be singled out. */
#define FUNDERS_MIN_PEOPLE 3
#define FUNDERS_SMALL "< 3"

/* The age bands, in their order; the last, "unknown", is also the group
 * of a gender, status or referrer left empty. */
#define FUNDERS_NBANDS 6
extern const char *const funders_bands[FUNDERS_NBANDS];
#define FUNDERS_UNKNOWN (funders_bands[FUNDERS_NBANDS - 1])

/* A group of a breakdown: its value ("F", "18-25"...), how many. */
struct funders_group {
	char *name;
	int64_t count;
};

struct funders_breakdown {
	struct funders_group *v;   /* in the order first met (age bands in
	                              their own order); groups of none left
	                              out */
	size_t n, cap;
};

struct funders {
	int64_t value[FUNDERS_N];                 /* the one-figure ones */
	int64_t base[FUNDERS_N];                  /* a rate's: how many it
	                                             is of (status known) */
	struct funders_breakdown by[FUNDERS_N];   /* the breakdowns */
	bool overflow;            /* a sum of funders_add() does not fit */
};

/* "participants", "age_band"...: the indicator's name in the report. */
const char *funders_name(enum funders_indicator i);
enum funders_unit funders_unit(enum funders_indicator i);
/* True for those given group by group (gender, age band...). */
bool funders_is_breakdown(enum funders_indicator i);

/* Is value (of indicator i of f) to be shown FUNDERS_SMALL: a count of
 * 1 or 2 people, a rate over fewer than 3? */
bool funders_small(const struct funders *f, enum funders_indicator i,
                   int64_t value);

/* The figures of project p: its participants ps, and its closing c for
 * hours and turnover.  f is then freed with funders_free. */
int funders_count(const struct project *p, const struct participants *ps,
                  const struct closing *c, struct funders *f,
                  struct fc_error *e);

/* Add f to total (zeroed to start): the figures summed (an overflow is
 * noted in total->overflow), each breakdown's groups merged, new ones
 * after those met before (age bands in their order), the average hours
 * worked out again from the sums. */
int funders_add(struct funders *total, const struct funders *f,
                struct fc_error *e);

void funders_free(struct funders *f);

#endif
