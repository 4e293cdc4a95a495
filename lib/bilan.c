#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/array.h"
#include "flashcoop/bilan.h"
#include "flashcoop/bilan_sheet.h"
#include "flashcoop/chart.h"
#include "flashcoop/date.h"
#include "flashcoop/html.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"

/* The document's style: A4 pages, the figures' tables, the charts. */
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

/* The project of sheet s in the overview. */
static int add_row(struct bilan *b, const struct bilan_sheet *s,
                   struct fc_error *e)
{
	struct bilan_row *r;

	if (array_reserve(&b->rows, &b->caprows, b->nprojects + 1,
	                  sizeof *b->rows) < 0)
		return fc_fail(e, FC_IOERR, "out of memory");
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
static int project_pages(struct bilan *b, struct bilan_sheet *s, char **buf,
                         size_t *len, struct fc_error *e)
{
	FILE *f = open_memstream(buf, len);
	int rc;

	if (!f)
		return fc_fail_errno(e, FC_IOERR, "cannot make the document");
	rc = bilan_pages(f, s, &b->charts, e);
	if (fclose(f) != 0 && !rc)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	return rc;
}

int bilan_project(struct bilan *b, const struct project *p,
                  struct fc_error *e)
{
	struct bilan_sheet s;
	char *buf = NULL;
	size_t len = 0;
	int rc = bilan_sheet_read(&s, p, b->names, b->today, e);

	if (!rc)
		rc = project_pages(b, &s, &buf, &len, e);
	if (!rc && fwrite(buf, 1, len, b->pages) != len)
		rc = fc_fail(e, FC_IOERR, "out of memory");
	if (!rc)
		rc = add_row(b, &s, e);
	free(buf);
	bilan_sheet_free(&s);
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
	html_el(out, "<tr><th scope=\"row\" class=\"nw\">", r->id, "</th>");
	html_el(out, "<td>", r->name, "</td>");
	fprintf(out, "<td class=\"n\">%s – %s</td><td>%s</td>",
	        date_format(r->start, a), date_format(r->end, z),
	        r->closed ? "clôturé" : "provisoire");
	html_amount_td(out, r->turnover, r->unit);
	html_amount_td(out, r->margin, r->unit);
	fprintf(out, "<td class=\"n\">%zu</td>", r->participants);
	html_amount_td(out, r->hours, "h");
	fputs("</tr>\n", out);
}

/* The projects added up; FC_DATAERR when a sum does not fit. */
static int overview_total(FILE *out, const struct bilan *b,
                          struct fc_error *e)
{
	int64_t turnover = 0, margin = 0, hours = 0;
	size_t participants = 0, closed = 0;

	for (size_t i = 0; i < b->nprojects; i++) {
		const struct bilan_row *r = &b->rows[i];
		if (money_add(turnover, r->turnover, &turnover) < 0 ||
		    money_add(margin, r->margin, &margin) < 0 ||
		    money_add(hours, r->hours, &hours) < 0)
			return fc_fail(e, FC_DATAERR, "amounts too large");
		participants += r->participants;
		closed += r->closed;
	}
	fprintf(out, "<tr class=\"total\"><th scope=\"row\" colspan=\"3\">"
	        "Total, %zu projets</th><td>%zu clôturé%s</td>",
	        b->nprojects, closed, closed > 1 ? "s" : "");
	html_amount_td(out, turnover, b->rows[0].unit);
	html_amount_td(out, margin, b->rows[0].unit);
	fprintf(out, "<td class=\"n\">%zu</td>", participants);
	html_amount_td(out, hours, "h");
	fputs("</tr>\n", out);
	return 0;
}

static int overview(FILE *out, struct bilan *b, struct fc_error *e)
{
	struct chart_bar *v = calloc(b->nprojects + 1, sizeof *v);
	char y[32], d[HTML_DATE_BUFSZ];
	int rc;

	if (!v)
		return fc_fail(e, FC_IOERR, "out of memory");
	years(b, y, sizeof y);
	fprintf(out, "<section class=\"page\">\n<p class=\"run\"><span>Vue "
	        "d'ensemble</span><span>établie le %s</span></p>\n<h1>Les "
	        "Flashcoops %s</h1>\n<table>\n<thead><tr><th>Projet</th>"
	        "<th>Nom</th><th class=\"n\">Période</th><th>État</th>"
	        "<th class=\"n\">CA HT</th><th class=\"n\">Marge</th>"
	        "<th class=\"n\">Participant·es</th><th class=\"n\">Heures</th>"
	        "</tr></thead>\n<tbody>\n", html_date(b->today, d), y);
	for (size_t i = 0; i < b->nprojects; i++) {
		overview_row(out, &b->rows[i]);
		v[i].label = b->rows[i].id;
		v[i].value = b->rows[i].turnover;
	}
	if (!(rc = overview_total(out, b, e))) {
		fputs("</tbody>\n</table>\n<p class=\"note\">Les chiffres d'un "
		      "projet non clôturé sont provisoires. Chaque projet suit "
		      "sur ses propres pages.</p>\n<div class=\"charts\">\n",
		      out);
		chart_write(out, b->charts++, "Chiffre d'affaires HT par projet",
		            "", v, b->nprojects, b->rows[0].unit);
		fputs("</div>\n</section>\n", out);
	}
	free(v);
	return rc;
}

static void head(FILE *out, const struct bilan *b)
{
	char y[32];
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	      "content=\"width=device-width, initial-scale=1\">\n<title>", out);
	if (b->nprojects == 1) {
		html_el(out, "Bilan — ", b->rows[0].name, "");
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
	char d[HTML_DATE_BUFSZ];
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
	        html_date(b->today, d));
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
