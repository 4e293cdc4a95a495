/*
 * chart: horizontal bar charts as inline SVG for the bilan, sized for a
 * column of an A4 page: a label (cut and clipped), a bar as long as its
 * value against the largest, the amount in French beside it.  Bars come
 * from a report's groups (groups.h) or from the caller.
 */
#ifndef FLASHCOOP_CHART_H
#define FLASHCOOP_CHART_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flashcoop/groups.h"

struct chart_bar {
	const char *label, *label2;  /* label2: a name beside an id */
	int64_t value;               /* cents, or hundredths of an hour */
	int64_t quantity;            /* units sold; 0: not shown */
};

/* A chart of n bars, a figure with caption (HTML, not escaped), or the
 * note empty when there are none.  clip numbers the chart in the document
 * (its clip path's id); unit goes after each amount. */
void chart_write(FILE *out, unsigned clip, const char *caption,
                 const char *empty, const struct chart_bar *v, size_t n,
                 const char *unit);

/* The bars of groups g by their one dimension d, sorted by key, groups of
 * rows all voided left out: labels point into g.  NULL when out of
 * memory (free() the bars). */
struct chart_bar *chart_bars(struct groups *g, enum dim d, size_t *n);

/* Largest first, then by label. */
void chart_sort(struct chart_bar *v, size_t n);

#endif
