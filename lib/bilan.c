#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flashcoop/bilan.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/row.h"
#include "flashcoop/money.h"
#include "flashcoop/numfmt.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/funders.h"
#include "flashcoop/seal.h"
#include "flashcoop/store.h"
#include "flashcoop/text.h"
#include "flashcoop/groups.h"
#include "flashcoop/totals.h"
#include "flashcoop/verify.h"

#define NNBSP "\xe2\x80\xaf"   /* narrow no-break space: between thousands */
#define NBSP "\xc2\xa0"        /* no-break space: before a unit */
#define ELLIPSIS "\xe2\x80\xa6"
#define D(x) (1u << (x))

/* ---- words and numbers, the French way ---- */

char *bilan_amount(int64_t cents, const char *unit,
                   char buf[BILAN_AMOUNT_BUFSZ])
{
	return numfmt(cents, 2, &numfmt_french_print, unit, buf);
}

#define RATE_FR_BUFSZ (MONEY_BUFSZ + 8)

/* 550 -> "5,5 %". */
static char *rate_fr(int32_t rate, char buf[RATE_FR_BUFSZ])
{
	char r[MONEY_BUFSZ], *dot;
	money_rate_format(rate, r);
	if ((dot = strchr(r, '.')))
		*dot = ',';
	snprintf(buf, RATE_FR_BUFSZ, "%s" NBSP "%%", r);
	return buf;
}

static const char *const months[] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"
};
static const char *const weekdays[] = {
	"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."
};

#define DATE_FR_BUFSZ 48

/* "1er mai 2026", "14 mai 2026". */
static char *date_fr(int32_t day, char buf[DATE_FR_BUFSZ])
{
	int y, m, d;
	if (day == DATE_NONE) {
		snprintf(buf, DATE_FR_BUFSZ, "(date inconnue)");
		return buf;
	}
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, DATE_FR_BUFSZ, "%d%s %s %d", d, d == 1 ? "er" : "",
	         months[m - 1], y);
	return buf;
}

/* "ven. 8 mai": 1970-01-01, day 0, was a Thursday. */
static char *day_fr(int32_t day, char buf[DATE_FR_BUFSZ])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, DATE_FR_BUFSZ, "%s %d%s %s",
	         weekdays[((day % 7) + 10) % 7], d, d == 1 ? "er" : "",
	         months[m - 1]);
	return buf;
}

/* ---- HTML ---- */

static void escape_n(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(s[i], out);
		}
	}
}

void bilan_escape(FILE *out, const char *s)
{
	escape_n(out, s, strlen(s));
}

/* At most max characters of s (UTF-8), then an ellipsis if cut. */
static void escape_cut(FILE *out, const char *s, size_t max)
{
	size_t chars = 0, i;
	for (i = 0; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
	escape_n(out, s, i);
	if (s[i])
		fputs(ELLIPSIS, out);
}

/* open, s escaped, close. */
static void el(FILE *out, const char *open, const char *s, const char *close)
{
	fputs(open, out);
	bilan_escape(out, s);
	fputs(close, out);
}

static void amount_td(FILE *out, int64_t v, const char *unit)
{
	char a[BILAN_AMOUNT_BUFSZ];
	el(out, "<td class=\"n\">", bilan_amount(v, unit, a), "</td>");
}

static const char css[] =
	"@page { size: A4; margin: 14mm 15mm 15mm; }\n"
	"html { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, "
	"sans-serif; font-size: 9.5pt; color: #111; background: #fff; "
	"-webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
	"body { margin: 0; }\n"
	"@media screen { body { max-width: 180mm; margin: 0 auto; "
	"padding: 8mm; } .page + .page { border-top: 1px dashed #999; "
	"margin-top: 10mm; padding-top: 8mm; } }\n"
	".page + .page { break-before: page; page-break-before: always; }\n"
	"h1 { font-size: 17pt; margin: 1mm 0 2mm; }\n"
	"h2 { font-size: 11.5pt; color: #1f3b63; margin: 5mm 0 2mm; "
	"padding-bottom: 0.8mm; border-bottom: 0.4mm solid #1f3b63; "
	"break-after: avoid; page-break-after: avoid; }\n"
	".run { font-size: 8pt; color: #555; margin: 0; display: flex; "
	"justify-content: space-between; border-bottom: 0.2mm solid #bbb; "
	"padding-bottom: 1mm; }\n"
	".id { display: grid; grid-template-columns: max-content 1fr; "
	"gap: 0.6mm 4mm; margin: 0 0 3mm; }\n"
	".id dt { color: #555; }\n.id dd { margin: 0; }\n"
	".state { padding: 2mm 3mm; border: 0.5mm solid; margin: 2mm 0; "
	"font-weight: bold; }\n"
	".state small { font-weight: normal; display: block; }\n"
	".provisional { color: #8a4600; border-color: #c46a00; "
	"background: #fff4e5; }\n"
	".closed { color: #1b5e20; border-color: #2e7d32; "
	"background: #edf7ee; }\n"
	".warn { color: #9b1c1c; font-weight: bold; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 1mm 0; }\n"
	"th, td { padding: 0.9mm 2mm; border-bottom: 0.2mm solid #ccc; "
	"text-align: left; vertical-align: top; }\n"
	"thead th { border-bottom: 0.4mm solid #111; font-size: 8.5pt; }\n"
	"tbody th { font-weight: normal; }\n"
	".nw { white-space: nowrap; }\n"
	".n { text-align: right; white-space: nowrap; "
	"font-variant-numeric: tabular-nums; }\n"
	"tr.sum th, tr.sum td { font-weight: bold; }\n"
	"tr.total th, tr.total td { font-weight: bold; "
	"border-top: 0.4mm solid #111; }\n"
	".statement { width: 70%; }\n"
	".note { font-size: 8.5pt; color: #444; margin: 1mm 0; }\n"
	".charts { display: grid; "
	"grid-template-columns: repeat(2, minmax(0, 1fr)); "
	"gap: 3mm 7mm; }\n"
	"figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }\n"
	"figcaption { font-weight: bold; margin: 0 0 1mm; }\n"
	"svg { display: block; width: 100%; height: auto; }\n"
	"svg text { font-size: 10px; fill: #111; }\n"
	"svg .bar { fill: #3d6aa8; }\n"
	"svg .q { fill: #555; font-size: 8.5px; }\n"
	".keys { display: grid; "
	"grid-template-columns: repeat(6, minmax(0, 1fr)); "
	"gap: 2mm; margin: 1mm 0 2mm; }\n"
	".key { border: 0.3mm solid #bbb; padding: 1.5mm; }\n"
	".key b { display: block; font-size: 11pt; white-space: nowrap; }\n"
	".key span { font-size: 8pt; color: #444; }\n"
	".mini { display: grid; "
	"grid-template-columns: repeat(4, minmax(0, 1fr)); "
	"gap: 4mm; align-items: start; }\n"
	".mini table { font-size: 8.5pt; }\n"
	"caption { text-align: left; font-weight: bold; padding: 0 0 0.5mm; }\n"
	".small { font-size: 8.5pt; }\n"
	"footer { font-size: 7.5pt; color: #666; margin-top: 4mm; }\n";

/* "€" for EUR; another currency by its code (a short token). */
static const char *money_unit(const char *currency)
{
	if (!*currency || strcasecmp(currency, "EUR") == 0)
		return "\xe2\x82\xac";
	return text_is_token(currency) && strlen(currency) <= 8 ? currency :
	       "";
}

/* ---- one project, read ---- */

/* A void, for the list of corrections. */
struct voided {
	char id[ID_SIZE];
	int32_t date;
	char *ref, *note;
};

struct sheet {
	const struct project *p;
	bool names;
	int32_t today;
	unsigned *charts;        /* the document's count of charts */
	const char *unit;        /* "€", or the currency's code */
	struct participants ps;
	struct totals t;
	struct groups day, product, category, hours;
	struct voided *voids;
	size_t nvoids, capvoids;
	struct funders funders;  /* as the funders report counts them */
	struct closing c;
	bool closed, tampered;
	int32_t date;            /* of the closing, or of the figures so far */
};

static int keep_void(struct sheet *s, const struct row *en,
                     struct fc_error *e)
{
	struct voided *v;
	if (s->nvoids == s->capvoids) {
		size_t cap = s->capvoids ? s->capvoids * 2 : 16;
		if (!(v = realloc(s->voids, cap * sizeof *v)))
			return fc_fail(e, FC_IOERR, "out of memory");
		s->voids = v;
		s->capvoids = cap;
	}
	v = &s->voids[s->nvoids];
	memcpy(v->id, en->id, sizeof v->id);
	v->date = en->date;
	v->ref = strdup(en->ref ? en->ref : "");
	v->note = strdup(en->note ? en->note : "");
	s->nvoids++;
	if (!v->ref || !v->note)
		return fc_fail(e, FC_IOERR, "out of memory");
	return 0;
}

static int on_row(void *ctx, const struct row *en, struct fc_error *e)
{
	struct sheet *s = ctx;
	int rc;

	if ((rc = totals_add(&s->t, en, e)) ||
	    (rc = groups_add(&s->day, en, e)) ||
	    (rc = groups_add(&s->product, en, e)) ||
	    (rc = groups_add(&s->category, en, e)) ||
	    (rc = groups_add(&s->hours, en, e)))
		return rc;
	return en->kind == KIND_VOID ? keep_void(s, en, e) : 0;
}

static void ignore_problem(void *ctx, const char *file, const char *problem)
{
	(void)ctx;
	(void)file;
	(void)problem;
}

static void sheet_init(struct sheet *s, const struct project *p,
                       struct bilan *b)
{
	static const struct { enum kind kind; enum dim dim; } g[4] = {
		{ KIND_SALE, DIM_DAY }, { KIND_SALE, DIM_PRODUCT },
		{ KIND_CHARGE, DIM_CATEGORY }, { KIND_HOURS, DIM_PARTICIPANT }
	};
	struct groups *gs[4];

	memset(s, 0, sizeof *s);
	gs[0] = &s->day;
	gs[1] = &s->product;
	gs[2] = &s->category;
	gs[3] = &s->hours;
	for (int i = 0; i < 4; i++) {
		gs[i]->kind = g[i].kind;
		gs[i]->dims = D(g[i].dim);
		gs[i]->from = gs[i]->to = DATE_NONE;
	}
	s->p = p;
	s->names = b->names;
	s->today = b->today;
	s->charts = &b->charts;
	s->unit = money_unit(p->currency);
}

static void sheet_free(struct sheet *s)
{
	for (size_t i = 0; i < s->nvoids; i++) {
		free(s->voids[i].ref);
		free(s->voids[i].note);
	}
	free(s->voids);
	groups_free(&s->day);
	groups_free(&s->product);
	groups_free(&s->category);
	groups_free(&s->hours);
	funders_free(&s->funders);
	closing_free(&s->c);
	totals_free(&s->t);
	participants_free(&s->ps);
}

/* Whether it is closed, when, and whether the seal still holds. */
static void read_state(struct sheet *s)
{
	struct fc_error ignored;
	s->closed = project_closed(s->p->dir);
	s->date = s->today;
	if (!s->closed)
		return;
	if (seal_date(s->p->dir, &s->date) < 0)
		s->date = DATE_NONE;
	s->tampered = seal_verify(s->p->dir, ignore_problem, NULL,
	                          &ignored) != 0;
}

/* Everything under one shared lock, so that the figures agree. */
static int sheet_read(struct sheet *s, struct fc_error *e)
{
	struct store_lock lock;
	int rc;

	if ((rc = store_lock(s->p->dir, false, &lock, e)))
		return rc;
	rc = participants_load(s->p->dir, &s->ps, e);
	if (!rc)
		rc = verify_read(s->p->dir, &lock, on_row, s, e);
	if (!rc)
		read_state(s);
	store_unlock(&lock);
	if (!rc)
		rc = closing_compute(s->p, &s->ps, &s->t, &s->c, e);
	if (!rc)
		rc = funders_count(s->p, &s->ps, &s->c, &s->funders, e);
	return rc;
}

/* ---- bar charts ---- */

struct bar {
	const char *label, *label2;  /* label2: a name beside an id */
	int64_t value;               /* cents, or hundredths of an hour */
	int64_t quantity;            /* units sold; 0: not shown */
};

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

static void bar_label(FILE *out, const struct bar *b)
{
	char buf[TEXT_MAX * 2 + 8];
	if (b->label2 && *b->label2) {
		snprintf(buf, sizeof buf, "%s %s", b->label, b->label2);
		escape_cut(out, buf, LABEL_CHARS);
	} else {
		escape_cut(out, b->label, LABEL_CHARS);
	}
}

static void bar_row(FILE *out, const struct bar *b, size_t i, int64_t max,
                    const char *unit, unsigned clip)
{
	char a[BILAN_AMOUNT_BUFSZ];
	int64_t w = bar_width(b->value, max);
	long y = 2 + (long)i * ROW;

	bilan_amount(b->value, unit, a);
	fputs("<g><title>", out);
	bilan_escape(out, b->label);
	if (b->label2 && *b->label2)
		el(out, " ", b->label2, "");
	el(out, " : ", a, "</title>");
	fprintf(out, "<text y=\"%ld\" clip-path=\"url(#c%u)\">", y + 9, clip);
	bar_label(out, b);
	fprintf(out, "</text><rect class=\"bar\" x=\"%d\" y=\"%ld\" "
	        "width=\"%lld\" height=\"%d\"/>", BAR_X, y, (long long)w,
	        BAR_H);
	fprintf(out, "<text x=\"%lld\" y=\"%ld\">", (long long)(BAR_X + w + 3),
	        y + 9);
	bilan_escape(out, a);
	if (b->quantity)
		fprintf(out, " <tspan class=\"q\">(%lld" NBSP "u.)</tspan>",
		        (long long)b->quantity);
	fputs("</text></g>\n", out);
}

/* A chart of n bars; clip numbers it in the document (its clip path's
 * id). */
static void chart(FILE *out, unsigned clip, const char *caption,
                  const char *empty, const struct bar *v, size_t n,
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
	const struct bar *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? 1 : -1;
	return strcmp(x->label, y->label);
}

/* The bars of a group (its one dimension), rows all voided left out. */
static struct bar *bars_of(struct groups *g, enum dim d, size_t *n)
{
	struct bar *v = calloc(g->n + 1, sizeof *v);
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

/* ---- the statement page ---- */

static void page_top(FILE *out, const struct sheet *s, const char *what)
{
	fputs("<section class=\"page\">\n<p class=\"run\"><span>", out);
	bilan_escape(out, s->p->id);
	fprintf(out, " · %s</span><span>%s</span></p>\n", what,
	        s->closed ? "clôturé" : "provisoire");
}

/* A term of the identity, when it has a value. */
static void ident_row(FILE *out, const char *term, const char *value)
{
	if (!*value)
		return;
	fprintf(out, "<dt>%s</dt>", term);
	el(out, "<dd>", value, "</dd>\n");
}

static void identity(FILE *out, const struct sheet *s)
{
	char a[DATE_FR_BUFSZ], b[DATE_FR_BUFSZ];
	const struct project *p = s->p;

	el(out, "<h1>", p->name, "</h1>\n<dl class=\"id\">\n");
	ident_row(out, "Identifiant", p->id);
	ident_row(out, "Activité", p->activity);
	ident_row(out, "CAE", p->host);
	ident_row(out, "Événement", p->event);
	fprintf(out, "<dt>Période</dt><dd>du %s au %s (%ld jours)</dd>\n",
	        date_fr(p->start, a), date_fr(p->end, b),
	        (long)(p->end - p->start + 1));
	fprintf(out, "<dt>Participant·es</dt><dd>%zu</dd>\n</dl>\n",
	        s->ps.n);
}

static void state(FILE *out, const struct sheet *s)
{
	char d[DATE_FR_BUFSZ];
	if (!s->closed) {
		fprintf(out, "<p class=\"state provisional\">Chiffres provisoires "
		        "au %s<small>Le projet n'est pas clôturé : ces chiffres "
		        "peuvent encore changer.</small></p>\n",
		        date_fr(s->date, d));
		return;
	}
	fprintf(out, "<p class=\"state closed\">Bilan de clôture arrêté le "
	        "%s<small>Les comptes sont clos et scellés "
	        "(flashcoop-close).</small></p>\n", date_fr(s->date, d));
	if (s->tampered)
		fputs("<p class=\"warn\">Attention : des fichiers ont changé "
		      "depuis la clôture ou le sceau ne peut être lu ; voir "
		      "flashcoop-check.</p>\n", out);
}

static void stmt_row(FILE *out, const char *cls, const char *label,
                     int64_t v, const char *unit)
{
	fprintf(out, "<tr%s%s%s><th scope=\"row\">%s</th>",
	        cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "", label);
	amount_td(out, v, unit);
	fputs("</tr>\n", out);
}

static void statement(FILE *out, const struct sheet *s)
{
	const struct closing *c = &s->c;
	const char *u = s->unit;
	char r[RATE_FR_BUFSZ], label[160];

	fprintf(out, "<h2>%s</h2>\n<table class=\"statement\">\n<tbody>\n",
	        s->closed ? "Compte de résultat" :
	        "Compte de résultat (provisoire)");
	stmt_row(out, NULL, "Ventes TTC", c->sales_incl, u);
	stmt_row(out, NULL, "TVA collectée", c->vat_collected, u);
	stmt_row(out, "sum", "Chiffre d'affaires HT", c->turnover, u);
	stmt_row(out, NULL, "Charges TTC", c->charges_incl, u);
	stmt_row(out, NULL, "TVA déductible", c->vat_deductible, u);
	stmt_row(out, "sum", "Charges HT", c->charges, u);
	stmt_row(out, "sum", c->margin < 0 ? "Marge : une perte" :
	         "Marge (bénéfice)", c->margin, u);
	snprintf(label, sizeof label, "Contribution de la CAE (%s %s)",
	         rate_fr(s->p->cae_rate, r),
	         s->p->cae_base == CAE_BASE_TURNOVER ? "du chiffre d'affaires" :
	         "de la marge");
	stmt_row(out, NULL, label, c->contribution, u);
	stmt_row(out, "total", c->distributable <= 0 ?
	         "Résultat à répartir : rien à répartir" :
	         "Résultat à répartir", c->distributable, u);
	fputs("</tbody>\n</table>\n", out);
}

/* The rate of line i of the merged sales and charges rates. */
static void vat_rows(FILE *out, const struct sheet *s)
{
	const struct closing *c = &s->c;
	size_t i = 0, j = 0;
	while (i < c->nsales_vat || j < c->ncharges_vat) {
		const struct vat_line *a = i < c->nsales_vat ?
		                           &c->sales_vat[i] : NULL;
		const struct vat_line *b = j < c->ncharges_vat ?
		                           &c->charges_vat[j] : NULL;
		const struct vat_line zero = { 0, 0, 0, 0 };
		char r[RATE_FR_BUFSZ];
		if (a && b && a->rate != b->rate) {
			if (a->rate < b->rate)
				b = NULL;
			else
				a = NULL;
		}
		/* a or b is set: the loop runs while either list lasts */
		int32_t rate = a ? a->rate : b ? b->rate : 0;
		fprintf(out, "<tr><th scope=\"row\">%s</th>",
		        rate_fr(rate, r));
		amount_td(out, (a ? a : &zero)->incl, s->unit);
		amount_td(out, (a ? a : &zero)->before, s->unit);
		amount_td(out, (a ? a : &zero)->vat, s->unit);
		amount_td(out, (b ? b : &zero)->incl, s->unit);
		amount_td(out, (b ? b : &zero)->before, s->unit);
		amount_td(out, (b ? b : &zero)->vat, s->unit);
		fputs("</tr>\n", out);
		i += a != NULL;
		j += b != NULL;
	}
}

static void vat_table(FILE *out, const struct sheet *s)
{
	const struct closing *c = &s->c;
	fputs("<h2>TVA par taux</h2>\n", out);
	if (!s->p->vat) {
		fputs("<p>Les prix ne portent pas de TVA (vat = no).</p>\n", out);
		return;
	}
	if (!c->nsales_vat && !c->ncharges_vat) {
		fputs("<p>Aucune vente ni charge enregistrée.</p>\n", out);
		return;
	}
	fputs("<table>\n<thead><tr><th>Taux</th><th class=\"n\">Ventes TTC</th>"
	      "<th class=\"n\">Ventes HT</th><th class=\"n\">TVA collectée</th>"
	      "<th class=\"n\">Charges TTC</th><th class=\"n\">Charges HT</th>"
	      "<th class=\"n\">TVA déductible</th></tr></thead>\n<tbody>\n", out);
	vat_rows(out, s);
	fputs("<tr class=\"total\"><th scope=\"row\">Total</th>", out);
	amount_td(out, c->sales_incl, s->unit);
	amount_td(out, c->turnover, s->unit);
	amount_td(out, c->vat_collected, s->unit);
	amount_td(out, c->charges_incl, s->unit);
	amount_td(out, c->charges, s->unit);
	amount_td(out, c->vat_deductible, s->unit);
	fputs("</tr>\n</tbody>\n</table>\n<p class=\"note\">La TVA est "
	      "calculée par taux sur les totaux, arrondie au centime le plus "
	      "proche.</p>\n", out);
}

static void cash(FILE *out, const struct sheet *s)
{
	const struct closing *c = &s->c;
	char a[BILAN_AMOUNT_BUFSZ];

	fputs("<h2>Caisse</h2>\n<p>", out);
	if (!c->ncash) {
		fputs("Aucun mouvement d'espèces.</p>\n", out);
		return;
	}
	el(out, "Écart de caisse des jours comptés : <b>",
	   bilan_amount(c->cash_difference, s->unit, a), "</b>");
	fputs(c->cash_difference > 0 ? " (excédent)" :
	      c->cash_difference < 0 ? " (manque)" : "", out);
	if (c->uncounted)
		fprintf(out, " ; %zu jour%s de ventes en espèces sans comptage",
		        c->uncounted, c->uncounted > 1 ? "s" : "");
	fputs(".</p>\n", out);
}

static void pay_head(FILE *out, bool names)
{
	fprintf(out, "<table>\n<thead><tr><th>Participant·e</th>%s"
	        "<th class=\"n\">Heures</th><th class=\"n\">Part (coût "
	        "employeur)</th><th class=\"n\">Cotisations patronales</th>"
	        "<th class=\"n\">Brut</th><th class=\"n\">Cotisations "
	        "salariales</th><th class=\"n\">Net estimé</th></tr></thead>\n"
	        "<tbody>\n", names ? "<th>Nom</th>" : "");
}

static void pay_row(FILE *out, const struct sheet *s, const struct pay_line *l)
{
	el(out, "<tr><th scope=\"row\">", l->who->id, "</th>");
	if (s->names)
		el(out, "<td>", l->who->name, "</td>");
	amount_td(out, l->hours, "h");
	amount_td(out, l->share, s->unit);
	amount_td(out, l->employer, s->unit);
	amount_td(out, l->gross, s->unit);
	amount_td(out, l->employee, s->unit);
	amount_td(out, l->net, s->unit);
	fputs("</tr>\n", out);
}

/* Sums of the pay lines: hours, share, employer, gross, employee, net. */
static void pay_total(FILE *out, const struct sheet *s)
{
	int64_t sum[6] = { 0 };
	for (size_t i = 0; i < s->c.npay; i++) {
		const struct pay_line *l = &s->c.pay[i];
		const int64_t v[6] = { l->hours, l->share, l->employer,
		                       l->gross, l->employee, l->net };
		for (int k = 0; k < 6; k++)
			(void)money_add(sum[k], v[k], &sum[k]);
	}
	fprintf(out, "<tr class=\"total\"><th scope=\"row\"%s>Total</th>",
	        s->names ? " colspan=\"2\"" : "");
	amount_td(out, sum[0], "h");
	for (int k = 1; k < 6; k++)
		amount_td(out, sum[k], s->unit);
	fputs("</tr>\n", out);
}

static void pay(FILE *out, const struct sheet *s)
{
	char r1[RATE_FR_BUFSZ], r2[RATE_FR_BUFSZ];

	fputs("<h2>Ce que reçoit chaque participant·e</h2>\n", out);
	if (!s->closed) {
		fputs("<p>La répartition entre les participant·es est calculée à "
		      "la clôture du projet.</p>\n", out);
		return;
	}
	if (s->c.no_hours)
		fputs("<p class=\"warn\">Aucune heure enregistrée : le résultat "
		      "ne peut être réparti.</p>\n", out);
	else if (s->c.distributable <= 0)
		fputs("<p>Le résultat n'est pas positif : rien à "
		      "répartir.</p>\n", out);
	pay_head(out, s->names);
	for (size_t i = 0; i < s->c.npay; i++)
		pay_row(out, s, &s->c.pay[i]);
	pay_total(out, s);
	fprintf(out, "</tbody>\n</table>\n<p class=\"note\">Estimation pour la "
	        "paie de la CAE. Répartition %s ; la part est le coût employeur "
	        "(cotisations patronales %s, salariales %s du brut).</p>\n",
	        s->p->share == SHARE_HOURS ?
	        "au prorata des heures travaillées" :
	        "à parts égales entre celles et ceux qui ont travaillé",
	        rate_fr(s->p->employer_rate, r1),
	        rate_fr(s->p->employee_rate, r2));
}

static void statement_page(FILE *out, const struct sheet *s)
{
	page_top(out, s, "Bilan");
	identity(out, s);
	state(out, s);
	statement(out, s);
	vat_table(out, s);
	cash(out, s);
	pay(out, s);
	fputs("</section>\n", out);
}

/* ---- the activity page ---- */

/* The days as "jeu. 7 mai", in days (n of them). */
static void day_labels(struct bar *v, size_t n, char (*days)[DATE_FR_BUFSZ])
{
	for (size_t i = 0; i < n; i++) {
		int32_t d;
		if (date_parse(v[i].label, &d) == 0)
			v[i].label = day_fr(d, days[i]);
	}
}

/* The participants' names beside their ids. */
static void name_labels(struct bar *v, size_t n,
                        const struct participants *ps)
{
	for (size_t i = 0; i < n; i++) {
		const struct participant *pt = participants_find(ps, v[i].label);
		v[i].label2 = pt ? pt->name : NULL;
	}
}

static void draw_charts(FILE *out, struct sheet *s, struct bar *const *v,
                        const size_t *n)
{
	fputs("<h2>Activité</h2>\n<div class=\"charts\">\n", out);
	chart(out, (*s->charts)++, "Ventes TTC par jour", "Aucune vente.",
	      v[0], n[0], s->unit);
	chart(out, (*s->charts)++, "Ventes TTC par produit (unités vendues)",
	      "Aucune vente.", v[1], n[1], s->unit);
	chart(out, (*s->charts)++, "Charges TTC par catégorie",
	      "Aucune charge.", v[2], n[2], s->unit);
	chart(out, (*s->charts)++, "Heures par participant·e", "Aucune heure.",
	      v[3], n[3], "h");
	fputs("</div>\n", out);
}

/* Sales by day and by product, charges by category, hours by
 * participant; products and categories largest first. */
static int charts(FILE *out, struct sheet *s, struct fc_error *e)
{
	char (*days)[DATE_FR_BUFSZ] = NULL;
	struct bar *v[4];
	size_t n[4];
	int rc = 0;

	v[0] = bars_of(&s->day, DIM_DAY, &n[0]);
	v[1] = bars_of(&s->product, DIM_PRODUCT, &n[1]);
	v[2] = bars_of(&s->category, DIM_CATEGORY, &n[2]);
	v[3] = bars_of(&s->hours, DIM_PARTICIPANT, &n[3]);
	if (v[0])
		days = calloc(n[0] + 1, sizeof *days);
	if (!v[0] || !v[1] || !v[2] || !v[3] || !days) {
		rc = fc_fail(e, FC_IOERR, "out of memory");
	} else {
		day_labels(v[0], n[0], days);
		qsort(v[1], n[1], sizeof *v[1], by_value);
		qsort(v[2], n[2], sizeof *v[2], by_value);
		if (s->names)
			name_labels(v[3], n[3], &s->ps);
		draw_charts(out, s, v, n);
	}
	for (int i = 0; i < 4; i++)
		free(v[i]);
	free(days);
	return rc;
}

/* ---- the funders' indicators ---- */

static const char *const indicators[FUNDERS_N] = {
	[FUNDERS_PARTICIPANTS] = "Participant·es",
	[FUNDERS_COMPLETED] = "Parcours menés à terme",
	[FUNDERS_WITHDRAWN] = "Sorties avant la fin",
	[FUNDERS_GENDER] = "Genre",
	[FUNDERS_AGE_BAND] = "Âge au début du projet",
	[FUNDERS_STATUS_AT_ENTRY] = "Situation à l'entrée",
	[FUNDERS_REFERRER] = "Prescripteur",
	[FUNDERS_HOURS] = "Heures travaillées",
	[FUNDERS_HOURS_AVERAGE] = "Heures par participant·e (moyenne)",
	[FUNDERS_TURNOVER] = "Chiffre d'affaires HT",
};

/* The age bands (funders_bands), the last also the word of a value left
 * empty. */
static const char *const bands_fr[FUNDERS_NBANDS] = {
	"moins de 18 ans", "18 à 25 ans", "26 à 35 ans", "36 à 49 ans",
	"50 ans et plus", "non renseigné"
};

/* A group in French: an age band's words, or the group as it is (a
 * person's text). */
static const char *group_fr(const char *name)
{
	for (size_t i = 0; i < FUNDERS_NBANDS; i++)
		if (strcmp(name, funders_bands[i]) == 0)
			return bands_fr[i];
	return name;
}

/* An indicator's value, in French: people as a plain number, hours and
 * amounts with their unit. */
static void funder_value(FILE *out, enum funders_indicator i, int64_t v,
                         const char *unit)
{
	char a[BILAN_AMOUNT_BUFSZ];

	if (funders_unit(i) == FUNDERS_PEOPLE)
		fprintf(out, "%lld", (long long)v);
	else
		bilan_escape(out, bilan_amount(v, funders_unit(i) ==
		                               FUNDERS_HUNDREDTHS ? "h" : unit,
		                               a));
}

static void key_figures(FILE *out, const struct sheet *s)
{
	fputs("<div class=\"keys\">\n", out);
	for (int i = 0; i < FUNDERS_N; i++) {
		if (funders_is_breakdown(i))
			continue;
		fputs("<div class=\"key\"><b>", out);
		funder_value(out, i, s->funders.value[i], s->unit);
		el(out, "</b><span>", indicators[i], "</span></div>\n");
	}
	fputs("</div>\n", out);
}

/* One small table per breakdown (gender, age...), in report order. */
static void breakdowns(FILE *out, const struct sheet *s)
{
	fputs("<div class=\"mini\">\n", out);
	for (int k = 0; k < FUNDERS_N; k++) {
		const struct funders_breakdown *b = &s->funders.by[k];
		if (!funders_is_breakdown(k))
			continue;
		el(out, "<table><caption>", indicators[k],
		   "</caption>\n<tbody>\n");
		for (size_t i = 0; i < b->n; i++) {
			el(out, "<tr><td>", group_fr(b->v[i].name),
			   "</td><td class=\"n\">");
			funder_value(out, k, b->v[i].count, s->unit);
			fputs("</td></tr>\n", out);
		}
		if (!b->n)
			fputs("<tr><td>aucun·e participant·e</td></tr>\n", out);
		fputs("</tbody>\n</table>\n", out);
	}
	fputs("</div>\n", out);
}

static void funders(FILE *out, const struct sheet *s)
{
	fputs("<h2>Indicateurs pour les financeurs</h2>\n", out);
	key_figures(out, s);
	breakdowns(out, s);
	fputs("<p class=\"note\">Les mêmes chiffres que flashcoop-report "
	      "funders ; aucun nom n'y figure.</p>\n", out);
}

static void voids(FILE *out, const struct sheet *s)
{
	char d[DATE_BUFSZ];
	if (!s->nvoids)
		return;
	fputs("<h2>Écritures annulées</h2>\n<table class=\"small\">\n<thead>"
	      "<tr><th>Annulation</th><th>Date</th><th>Écriture annulée</th>"
	      "<th>Motif</th></tr></thead>\n<tbody>\n", out);
	for (size_t i = 0; i < s->nvoids; i++) {
		const struct voided *v = &s->voids[i];
		el(out, "<tr><td>", v->id, "</td>");
		el(out, "<td>", date_format(v->date, d), "</td>");
		el(out, "<td>", v->ref, "</td>");
		el(out, "<td>", v->note, "</td></tr>\n");
	}
	fputs("</tbody>\n</table>\n", out);
}

static int activity_page(FILE *out, struct sheet *s, struct fc_error *e)
{
	int rc;
	page_top(out, s, "Activité et indicateurs");
	if ((rc = charts(out, s, e)))
		return rc;
	funders(out, s);
	voids(out, s);
	fputs("</section>\n", out);
	return 0;
}

/* ---- the document ---- */

int bilan_begin(struct bilan *b, FILE *out, bool names, struct fc_error *e)
{
	memset(b, 0, sizeof *b);
	b->out = out;
	b->names = names;
	b->today = date_today();
	if (!(b->pages = open_memstream(&b->pages_buf, &b->pages_len)))
		return fc_fail_errno(e, FC_IOERR, "cannot make the document");
	return 0;
}

static int add_row(struct bilan *b, const struct sheet *s, struct fc_error *e)
{
	struct bilan_row *r;
	if (b->nprojects == b->caprows) {
		size_t cap = b->caprows ? b->caprows * 2 : 16;
		if (!(r = realloc(b->rows, cap * sizeof *r)))
			return fc_fail(e, FC_IOERR, "out of memory");
		b->rows = r;
		b->caprows = cap;
	}
	r = &b->rows[b->nprojects];
	memset(r, 0, sizeof *r);
	r->id = strdup(s->p->id);
	r->name = strdup(s->p->name);
	r->unit = strdup(s->unit);
	b->nprojects++;
	if (!r->id || !r->name || !r->unit)
		return fc_fail(e, FC_IOERR, "out of memory");
	r->start = s->p->start;
	r->end = s->p->end;
	r->closed = s->closed;
	r->turnover = s->c.turnover;
	r->margin = s->c.margin;
	r->distributable = s->c.distributable;
	r->hours = s->c.hours;
	r->participants = s->c.participants;
	return 0;
}

/* The pages of one project, into a memory stream of their own. */
static int project_pages(struct sheet *s, char **buf, size_t *len,
                         struct fc_error *e)
{
	FILE *f = open_memstream(buf, len);
	int rc;

	if (!f)
		return fc_fail_errno(e, FC_IOERR, "cannot make the document");
	statement_page(f, s);
	rc = activity_page(f, s, e);
	if (fclose(f) != 0 && !rc)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	return rc;
}

int bilan_project(struct bilan *b, const struct project *p,
                  struct fc_error *e)
{
	struct sheet s;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	sheet_init(&s, p, b);
	rc = sheet_read(&s, e);
	if (!rc)
		rc = project_pages(&s, &buf, &len, e);
	if (!rc && fwrite(buf, 1, len, b->pages) != len)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	if (!rc)
		rc = add_row(b, &s, e);
	free(buf);
	sheet_free(&s);
	return rc;
}

/* ---- the overview ---- */

static void years(const struct bilan *b, char *buf, size_t size)
{
	int lo = 9999, hi = 0, y, m, d;
	for (size_t i = 0; i < b->nprojects; i++) {
		date_to_ymd(b->rows[i].start, &y, &m, &d);
		lo = y < lo ? y : lo;
		date_to_ymd(b->rows[i].end, &y, &m, &d);
		hi = y > hi ? y : hi;
	}
	if (lo == hi)
		snprintf(buf, size, "%d", lo);
	else
		snprintf(buf, size, "%d–%d", lo, hi);
}

static void overview_row(FILE *out, const struct bilan_row *r)
{
	char a[DATE_BUFSZ], z[DATE_BUFSZ];
	el(out, "<tr><th scope=\"row\" class=\"nw\">", r->id, "</th>");
	el(out, "<td>", r->name, "</td>");
	fprintf(out, "<td class=\"n\">%s – %s</td><td>%s</td>",
	        date_format(r->start, a), date_format(r->end, z),
	        r->closed ? "clôturé" : "provisoire");
	amount_td(out, r->turnover, r->unit);
	amount_td(out, r->margin, r->unit);
	fprintf(out, "<td class=\"n\">%zu</td>", r->participants);
	amount_td(out, r->hours, "h");
	fputs("</tr>\n", out);
}

static void overview_total(FILE *out, const struct bilan *b)
{
	int64_t turnover = 0, margin = 0, hours = 0;
	size_t participants = 0, closed = 0;

	for (size_t i = 0; i < b->nprojects; i++) {
		const struct bilan_row *r = &b->rows[i];
		(void)money_add(turnover, r->turnover, &turnover);
		(void)money_add(margin, r->margin, &margin);
		(void)money_add(hours, r->hours, &hours);
		participants += r->participants;
		closed += r->closed;
	}
	fprintf(out, "<tr class=\"total\"><th scope=\"row\" colspan=\"3\">"
	        "Total, %zu projets</th><td>%zu clôturé%s</td>",
	        b->nprojects, closed, closed > 1 ? "s" : "");
	amount_td(out, turnover, b->rows[0].unit);
	amount_td(out, margin, b->rows[0].unit);
	fprintf(out, "<td class=\"n\">%zu</td>", participants);
	amount_td(out, hours, "h");
	fputs("</tr>\n", out);
}

static int overview(FILE *out, struct bilan *b, struct fc_error *e)
{
	struct bar *v = calloc(b->nprojects + 1, sizeof *v);
	char y[32], d[DATE_FR_BUFSZ];

	if (!v)
		return fc_fail(e, FC_IOERR, "out of memory");
	years(b, y, sizeof y);
	fprintf(out, "<section class=\"page\">\n<p class=\"run\"><span>Vue "
	        "d'ensemble</span><span>établie le %s</span></p>\n<h1>Les "
	        "Flashcoops %s</h1>\n<table>\n<thead><tr><th>Projet</th>"
	        "<th>Nom</th><th class=\"n\">Période</th><th>État</th>"
	        "<th class=\"n\">CA HT</th><th class=\"n\">Marge</th>"
	        "<th class=\"n\">Participant·es</th><th class=\"n\">Heures</th>"
	        "</tr></thead>\n<tbody>\n", date_fr(b->today, d), y);
	for (size_t i = 0; i < b->nprojects; i++) {
		overview_row(out, &b->rows[i]);
		v[i].label = b->rows[i].id;
		v[i].value = b->rows[i].turnover;
	}
	overview_total(out, b);
	fputs("</tbody>\n</table>\n<p class=\"note\">Les chiffres d'un projet "
	      "non clôturé sont provisoires. Chaque projet suit sur ses propres "
	      "pages.</p>\n<div class=\"charts\">\n", out);
	chart(out, b->charts++, "Chiffre d'affaires HT par projet", "", v,
	      b->nprojects,
	      b->rows[0].unit);
	fputs("</div>\n</section>\n", out);
	free(v);
	return 0;
}

static void head(FILE *out, const struct bilan *b)
{
	char y[32];
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	      "content=\"width=device-width, initial-scale=1\">\n<title>", out);
	if (b->nprojects == 1) {
		el(out, "Bilan — ", b->rows[0].name, "");
	} else if (b->nprojects) {
		years(b, y, sizeof y);
		fprintf(out, "Bilans des Flashcoops %s", y);
	} else {
		fputs("Bilan", out);
	}
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

int bilan_end(struct bilan *b, struct fc_error *e)
{
	char d[DATE_FR_BUFSZ];
	int rc = 0;

	if (fclose(b->pages) != 0) {
		b->pages = NULL;
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	b->pages = NULL;
	head(b->out, b);
	if (b->nprojects > 1)
		rc = overview(b->out, b, e);
	if (!b->nprojects)
		fputs("<section class=\"page\"><p>Aucun projet.</p></section>\n",
		      b->out);
	fwrite(b->pages_buf, 1, b->pages_len, b->out);
	fprintf(b->out, "<footer>Établi le %s par flashcoop-report bilan, à "
	        "partir des fichiers des projets.</footer>\n</body>\n</html>\n",
	        date_fr(b->today, d));
	if (!rc && (fflush(b->out) != 0 || ferror(b->out)))
		rc = fc_fail_errno(e, FC_IOERR, "cannot write the document");
	return rc;
}

void bilan_free(struct bilan *b)
{
	if (b->pages)
		fclose(b->pages);
	free(b->pages_buf);
	for (size_t i = 0; i < b->nprojects; i++) {
		free(b->rows[i].id);
		free(b->rows[i].name);
		free(b->rows[i].unit);
	}
	free(b->rows);
	memset(b, 0, sizeof *b);
}
