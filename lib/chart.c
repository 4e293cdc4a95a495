#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/chart.h"
#include "flashcoop/groups.h"
#include "flashcoop/html.h"
#include "flashcoop/money.h"
#include "flashcoop/text.h"

/* The geometry, in SVG units: a chart fills a column of the A4 page
 * (~ 85 mm), so that 10 units print at about 8 points.  Labels are cut
 * to LABEL_CHARS characters and clipped to LABEL_W. */
enum { CHART_W = 300, LABEL_W = 104, BAR_X = 108, BAR_MAX = 84,
       ROW = 16, BAR_H = 11, LABEL_CHARS = 17 };

static int64_t bar_width(int64_t v, int64_t max)
{
	int64_t w;
	if (v <= 0 || max <= 0)
		return 0;
	if (money_muldiv(v, BAR_MAX, max, &w) < 0)
		w = v / (max / BAR_MAX); /* too large to multiply first */
	return w < 1 ? 1 : w;
}

static void bar_label(FILE *out, const struct chart_bar *b)
{
	char buf[TEXT_MAX * 2 + 8];
	if (b->label2 && *b->label2) {
		snprintf(buf, sizeof buf, "%s %s", b->label, b->label2);
		html_escape_cut(out, buf, LABEL_CHARS);
	} else {
		html_escape_cut(out, b->label, LABEL_CHARS);
	}
}

static void bar_row(FILE *out, const struct chart_bar *b, size_t i,
                    int64_t max, const char *unit, unsigned clip)
{
	char a[HTML_AMOUNT_BUFSZ];
	int64_t w = bar_width(b->value, max);
	long y = 2 + (long)i * ROW;

	html_amount(b->value, unit, a);
	fputs("<g><title>", out);
	html_escape(out, b->label);
	if (b->label2 && *b->label2)
		html_el(out, " ", b->label2, "");
	html_el(out, " : ", a, "</title>");
	fprintf(out, "<text y=\"%ld\" clip-path=\"url(#c%u)\">", y + 9, clip);
	bar_label(out, b);
	fprintf(out, "</text><rect class=\"bar\" x=\"%d\" y=\"%ld\" "
	        "width=\"%lld\" height=\"%d\"/>", BAR_X, y, (long long)w,
	        BAR_H);
	fprintf(out, "<text x=\"%lld\" y=\"%ld\">", (long long)(BAR_X + w + 3),
	        y + 9);
	html_escape(out, a);
	if (b->quantity)
		fprintf(out, " <tspan class=\"q\">(%lld" HTML_NBSP "u.)</tspan>",
		        (long long)b->quantity);
	fputs("</text></g>\n", out);
}

void chart_write(FILE *out, unsigned clip, const char *caption,
                 const char *empty, const struct chart_bar *v, size_t n,
                 const char *unit)
{
	long height = 4 + (long)n * ROW;
	int64_t max = 0;

	fprintf(out, "<figure><figcaption>%s</figcaption>\n", caption);
	if (!n) {
		fprintf(out, "<p class=\"note\">%s</p></figure>\n", empty);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (v[i].value > max)
			max = v[i].value;
	fprintf(out, "<svg viewBox=\"0 0 %d %ld\" role=\"img\" "
	        "aria-label=\"%s\">\n<defs><clipPath id=\"c%u\"><rect "
	        "width=\"%d\" height=\"%ld\"/></clipPath></defs>\n", CHART_W,
	        height, caption, clip, LABEL_W, height);
	for (size_t i = 0; i < n; i++)
		bar_row(out, &v[i], i, max, unit, clip);
	fputs("</svg></figure>\n", out);
}

static int by_value(const void *a, const void *b)
{
	const struct chart_bar *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? 1 : -1;
	return strcmp(x->label, y->label);
}

void chart_sort(struct chart_bar *v, size_t n)
{
	qsort(v, n, sizeof *v, by_value);
}

struct chart_bar *chart_bars(struct groups *g, enum dim d, size_t *n)
{
	struct chart_bar *v = calloc(g->n + 1, sizeof *v);
	size_t k = 0;

	if (!v)
		return NULL;
	groups_sort(g);
	for (size_t i = 0; i < g->n; i++) {
		const struct group *gr = &g->v[i];
		if (gr->count == 0 && gr->amount == 0 && gr->hours == 0)
			continue;
		v[k].label = gr->value[d];
		v[k].value = g->kind == KIND_HOURS ? gr->hours : gr->amount;
		v[k].quantity = d == DIM_PRODUCT ? gr->quantity : 0;
		k++;
	}
	*n = k;
	return v;
}
