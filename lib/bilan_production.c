/* The bilan's production page (bilan_sheet.h): the stock's lots and
 * products (stock.h) as flashcoop-report stock gives them, in French. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "flashcoop/bilan_sheet.h"
#include "flashcoop/html.h"
#include "flashcoop/numfmt.h"
#include "flashcoop/project.h"
#include "flashcoop/stock.h"

bool bilan_has_production(const struct bilan_sheet *s)
{
	for (size_t i = 0; s->stock && i < stock_nlots(s->stock); i++)
		if (!stock_lot(s->stock, i)->voided)
			return true;
	return false;
}

/* A count in a right-aligned cell: "1 200", "−3". */
static void count_td(FILE *out, int64_t n)
{
	char b[NUMFMT_BUFSZ];

	fprintf(out, "<td class=\"n\">%s</td>",
	        numfmt(n, 0, &numfmt_french_print, NULL, b));
}

/* Made, sold, lost, left, then the value of what is left at cost: an
 * empty cell when unknown (no charge named: -1). */
static void figures(FILE *out, const int64_t n[4], int64_t value,
                    const char *unit)
{
	for (int i = 0; i < 4; i++)
		count_td(out, n[i]);
	if (value < 0)
		fputs("<td class=\"n\"></td>", out);
	else
		html_amount_td(out, value, unit);
	fputs("</tr>\n", out);
}

/* A lot: its number as its labels print it (the project's id, then the
 * lot's), its product, the day it was made, its best-before date when
 * the product has a shelf life (as on the labels: that day plus the shelf
 * life), its figures. */
static void lot_row(FILE *out, const struct bilan_sheet *s,
                    const struct stock_lot *l)
{
	const struct product *pr = project_product(s->p, l->product);
	const int64_t n[4] = { l->made, l->sold, l->lost, stock_lot_left(l) };
	char d[HTML_DATE_BUFSZ];

	html_el(out, "<tr><th scope=\"row\" class=\"nw\">", s->p->id, "-");
	html_el(out, "", l->id, "</th>");
	html_el(out, "<td>", l->product, "</td>");
	fprintf(out, "<td class=\"nw\">%s</td><td class=\"nw\">",
	        html_date(l->date, d));
	if (pr && product_best_before(&pr->info, l->date) != DATE_NONE)
		fputs(html_date(product_best_before(&pr->info, l->date), d), out);
	fputs("</td>", out);
	figures(out, n, stock_lot_value(l), s->unit);
}

/* A product's lots (not voided), then its total when it has any. */
static void product_rows(FILE *out, const struct bilan_sheet *s,
                         const struct stock_product *pr)
{
	const int64_t n[4] = { pr->made, pr->sold, pr->lost, pr->left };
	bool any = false;

	for (size_t i = 0; i < stock_nlots(s->stock); i++) {
		const struct stock_lot *l = stock_lot(s->stock, i);
		if (l->voided || strcmp(l->product, pr->name) != 0)
			continue;
		lot_row(out, s, l);
		any = true;
	}
	if (!any)
		return;
	html_el(out, "<tr class=\"sum\"><th scope=\"row\" colspan=\"4\">"
	        "Total ", pr->name, "</th>");
	figures(out, n, pr->cost_left, s->unit);
}

void bilan_production_page(FILE *out, const struct bilan_sheet *s)
{
	bilan_page_top(out, s, "Production");
	fputs("<h2>Production par lot</h2>\n<table class=\"small\">\n"
	      "<thead><tr><th>Lot</th><th>Produit</th>"
	      "<th class=\"nw\">Fabriqué le</th>"
	      "<th>À" HTML_NBSP "consommer<br>de" HTML_NBSP "préférence<br>"
	      "avant</th>"
	      "<th class=\"n\">Fabriqués</th><th class=\"n\">Vendus</th>"
	      "<th class=\"n\">Perdus</th><th class=\"n\">Restants</th>"
	      "<th class=\"n\">Valeur du reste</th></tr></thead>\n"
	      "<tbody>\n", out);
	for (size_t i = 0; i < stock_nproducts(s->stock); i++)
		product_rows(out, s, stock_product(s->stock, i));
	fputs("</tbody>\n</table>\n<p class=\"note\">Les ventes qui ne nomment "
	      "pas leur lot sont attribuées aux lots les plus anciens du "
	      "produit d'abord (premier entré, premier sorti), dans l'ordre "
	      "de leurs dates ; les pertes qui ne nomment pas de lot sont "
	      "prises ensuite de la même façon, une perte qui nomme son lot "
	      "lui est comptée. Le total d'un produit compte toutes ses "
	      "ventes et toutes ses pertes. La valeur du reste est le coût HT "
	      "du lot (sa part des charges qu'il utilise) au prorata de ce "
	      "qui en reste ; elle manque quand le lot ne nomme aucune "
	      "charge. Les mêmes chiffres que flashcoop-report stock.</p>\n"
	      "</section>\n", out);
}
