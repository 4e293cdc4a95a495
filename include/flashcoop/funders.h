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

/* The indicators, in the order the report gives them. */
enum funders_indicator {
	FUNDERS_PARTICIPANTS, FUNDERS_COMPLETED, FUNDERS_WITHDRAWN,
	FUNDERS_GENDER, FUNDERS_AGE_BAND, FUNDERS_STATUS_AT_ENTRY,
	FUNDERS_REFERRER, FUNDERS_HOURS, FUNDERS_HOURS_AVERAGE,
	FUNDERS_TURNOVER, FUNDERS_N
};

/* What an indicator's value is: people, hundredths of an hour, cents. */
enum funders_unit { FUNDERS_PEOPLE, FUNDERS_HUNDREDTHS, FUNDERS_CENTS };

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
	struct funders_breakdown by[FUNDERS_N];   /* the breakdowns */
	bool overflow;            /* a sum of funders_add() does not fit */
};

/* "participants", "age_band"...: the indicator's name in the report. */
const char *funders_name(enum funders_indicator i);
enum funders_unit funders_unit(enum funders_indicator i);
/* True for gender, age band, status at entry and referrer. */
bool funders_is_breakdown(enum funders_indicator i);

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
