#include <string.h>

#include "flashcoop/date.h"
#include "flashcoop/html.h"
#include "flashcoop/labels.h"
#include "flashcoop/product.h"
#include "flashcoop/project.h"
#include "flashcoop/row.h"
#include "flashcoop/store.h"
#include "flashcoop/text.h"
#include "flashcoop/verify.h"

/* The lot looked for, as the rows give it. */
struct found {
	const char *id;
	char product[TEXT_MAX + 1];
	int32_t date;
	bool seen, voided;
};

static int on_row(void *ctx, const struct row *en, struct fc_error *e)
{
	struct found *f = ctx;

	(void)e;
	if (en->kind == KIND_LOT && strcmp(en->id, f->id) == 0) {
		snprintf(f->product, sizeof f->product, "%s", en->product);
		f->date = en->date;
		f->seen = true;
	} else if (en->kind == KIND_VOID && strcmp(en->ref, f->id) == 0) {
		f->voided = true;
	}
	return 0;
}

static const char style[] =
	"@page { size: A4; margin: 0; }\n"
	"body { margin: 0; font-family: 'DejaVu Sans', sans-serif; }\n"
	".sheet { display: grid; grid-template-columns: repeat(3, 70mm);\n"
	"  grid-auto-rows: 37mm; width: 210mm; height: 296mm;\n"
	"  align-content: start; }\n"
	".label { box-sizing: border-box; padding: 2mm 3mm; overflow: hidden;\n"
	"  font-size: 6.5pt; line-height: 1.2; }\n"
	".label h2 { font-size: 9pt; margin: 0 0 0.6mm; }\n"
	".label p { margin: 0 0 0.4mm; }\n"
	".price { font-weight: bold; font-size: 8pt; }\n";

/* The ingredients, each part between two '*' in bold (an allergen). */
static void ingredients(FILE *out, const char *s)
{
	bool bold = false;

	while (*s) {
		size_t n = strcspn(s, "*");
		char part[TEXT_MAX + 1];
		snprintf(part, sizeof part, "%.*s", (int)n, s);
		html_escape(out, part);
		s += n;
		if (*s == '*') {
			fputs(bold ? "</b>" : "<b>", out);
			bold = !bold;
			s++;
		}
	}
	if (bold)
		fputs("</b>", out);
}

static void allergens(FILE *out, uint32_t bits)
{
	bool first = true;

	fputs("<p>Contient" HTML_NBSP ": <b>", out);
	for (int a = 0; a < ALLERGEN_N; a++)
		if (bits & (1u << a)) {
			fprintf(out, "%s%s", first ? "" : ", ", allergen_french(a));
			first = false;
		}
	fputs("</b></p>\n", out);
}

/* "05/06/2026", as labels print it. */
#define SHORT_DATE_SIZE 32
static const char *short_date(int32_t day, char buf[SHORT_DATE_SIZE])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, SHORT_DATE_SIZE, "%02d/%02d/%04d", d, m, y);
	return buf;
}

static void label(FILE *out, const struct project *p,
                  const struct product *pr, const char *lot, int32_t date)
{
	const struct product_info *in = &pr->info;
	char a[HTML_AMOUNT_BUFSZ], d[SHORT_DATE_SIZE];

	html_el(out, "<div class=\"label\">\n<h2>", pr->name, "</h2>\n");
	if (in->ingredients) {
		fputs("<p>Ingrédients" HTML_NBSP ": ", out);
		ingredients(out, in->ingredients);
		fputs("</p>\n", out);
	} else if (in->allergens) {
		allergens(out, in->allergens);
	}
	if (in->net_quantity)
		html_el(out, "<p>Poids net" HTML_NBSP ": ", in->net_quantity,
		        "</p>\n");
	fprintf(out, "<p>Lot" HTML_NBSP ": ");
	html_escape(out, p->id);
	fprintf(out, "-%s</p>\n", lot);
	if (product_best_before(in, date) != DATE_NONE)
		fprintf(out, "<p>À consommer de préférence avant le" HTML_NBSP
		        ": %s</p>\n", short_date(product_best_before(in, date),
		                                 d));
	if (in->storage)
		html_el(out, "<p>", in->storage, "</p>\n");
	fprintf(out, "<p class=\"price\">%s</p>\n",
	        html_amount(pr->price, html_unit(p->currency), a));
	if (*p->host) {
		html_el(out, "<p>Fabriqué par ", p->host, "");
		if (*p->host_address)
			html_el(out, ", ", p->host_address, "");
		fputs("</p>\n", out);
	}
	fputs("</div>\n", out);
}

int labels_write(FILE *out, const struct project *p, const char *lot,
                 struct fc_error *e)
{
	struct found f = { .id = lot };
	const struct product *pr;
	struct store_lock lock;
	char q[TEXT_QUOTE_SIZE];
	int rc = store_lock(p->dir, false, &lock, e);

	if (rc)
		return rc;
	rc = verify_read_made(p->dir, &lock, on_row, &f, e);
	store_unlock(&lock);
	if (rc)
		return rc;
	if (!f.seen)
		return fc_fail(e, FC_DATAERR, "%s: no lot %s", p->dir,
		               text_quote(lot, q, sizeof q));
	if (f.voided)
		return fc_fail(e, FC_DATAERR, "%s: lot %s is voided", p->dir, lot);
	if (!(pr = project_product(p, f.product)))
		return fc_fail(e, FC_DATAERR, "%s: the product of %s is no more "
		               "in the catalogue", p->dir, lot);
	fputs("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n<title>", out);
	html_escape(out, pr->name);
	fprintf(out, " — lot %s</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	        "<div class=\"sheet\">\n", lot, style);
	for (int i = 0; i < LABELS_PER_SHEET; i++)
		label(out, p, pr, lot, f.date);
	fputs("</div>\n</body>\n</html>\n", out);
	return ferror(out) ? fc_fail(e, FC_IOERR, "cannot write the labels") : 0;
}
