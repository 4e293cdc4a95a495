/*
 * Unit tests for lib/bilan_pages.c and lib/bilan.c: a project's pages
 * drawn from a sheet made by hand (the statement's rows, the pay lines
 * and their total, the funders' figures, the voids), closed and open; and
 * the document's overview of several projects.  (The whole document from
 * real projects is tested by tests/cli/t0800-bilan.sh.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/bilan.h"
#include "flashcoop/bilan_sheet.h"
#include "flashcoop/date.h"
#include "flashcoop/project.h"

#define NNBSP "\xe2\x80\xaf"
#define NBSP "\xc2\xa0"
#define EURO NBSP "\xe2\x82\xac"

/* The week of test_statement.c: 105.50 of sales (100.00 before VAT),
 * 12.00 of charges (10.00), margin 90.00, the CAE's 10 % 9.00, 81.00
 * shared by hours: Zoë (3 h) 60.75, Bob (1 h) 20.25; a cash surplus of
 * 2.50. */
/* Issue 18's fields: Zoë level 4 (bac), in a QPV, in training at exit;
 * Bob employed at exit, the others unknown (""). */
static struct participant people[2] = {
	{ .id = "P001", .name = "Zoë <z>", .gender = "F", .birth_year = 2010,
	  .status = "", .referrer = "", .withdrawn = DATE_NONE,
	  .contract_type = "CAPE", .education = "4", .qpv = "yes",
	  .disability = "", .exit_status = "training", .status_6m = "",
	  .exit_date = DATE_NONE },
	{ .id = "P002", .name = "Bob", .gender = "", .birth_year = 0,
	  .status = "RSA", .referrer = "", .withdrawn = DATE_NONE,
	  .contract_type = "", .education = "", .qpv = "", .disability = "",
	  .exit_status = "employment", .status_6m = "",
	  .exit_date = DATE_NONE },
};
static struct vat_line sales_vat[1] = { { 550, 10550, 10000, 550 } };
static struct vat_line charges_vat[1] = { { 2000, 1200, 1000, 200 } };
/* Gross an hour: P001 5376 x 100 / 300 = 1792 (17.92), P002 1792 x 100 /
 * 100 = 17.92: neither below the minimum of 12.02. */
static struct pay_line pay[2] = {
	{ &people[0], 300, 6075, 699, 5376, 1183, 4193, 1792, false },
	{ &people[1], 100, 2025, 233, 1792, 394, 1398, 1792, false },
};
static struct bilan_void voided[1] = {
	{ "V00001", 0, "S00003", "a <mistake>" },
};
static struct project project;

static void sheet(struct bilan_sheet *s, bool closed)
{
	struct closing *c = &s->c;
	struct fc_error e;

	memset(&project, 0, sizeof project);
	project.id = "FC-T";
	project.name = "Caf<é>";
	project.activity = "cookies";
	project.host = "";
	project.event = "";
	project.start = date_from_ymd(2026, 5, 4);
	project.end = date_from_ymd(2026, 5, 10);
	project.vat = true;
	project.cae_rate = 1000;
	project.employer_rate = 1300;
	project.employee_rate = 2200;
	memset(s, 0, sizeof *s);
	s->p = &project;
	s->unit = "\xe2\x82\xac";
	s->ps.v = people;
	s->ps.n = 2;
	s->day.kind = s->product.kind = KIND_SALE;
	s->category.kind = KIND_CHARGE;
	s->hours.kind = KIND_HOURS;
	c->sales_vat = sales_vat;
	c->nsales_vat = 1;
	c->charges_vat = charges_vat;
	c->ncharges_vat = 1;
	c->sales_incl = 10550;
	c->vat_collected = 550;
	c->turnover = 10000;
	c->charges_incl = 1200;
	c->vat_deductible = 200;
	c->charges = 1000;
	c->margin = 9000;
	c->contribution = 900;
	c->distributable = 8100;
	c->hours = 400;
	c->participants = 2;
	c->pay = pay;
	c->npay = 2;
	c->ncash = 1;
	c->cash_difference = 250;
	voided[0].date = date_from_ymd(2026, 5, 5);
	s->voids = voided;
	s->nvoids = 1;
	s->closed = closed;
	s->date = date_from_ymd(2026, 5, 11);
	assert_int_equal(statement_build(&project, c, &s->st, &e), 0);
	assert_int_equal(funders_count(&project, &s->ps, c, &s->funders, &e),
	                 0);
}

static char *pages(bool closed, bool names)
{
	struct bilan_sheet s;
	struct fc_error e;
	unsigned charts = 3;
	char *p = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&p, &len);

	assert_non_null(f);
	sheet(&s, closed);
	s.names = names;
	assert_int_equal(bilan_pages(f, &s, &charts, &e), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(charts, 7); /* four charts more */
	funders_free(&s.funders);
	return p;
}

#define HAS(text, s) do { \
	if (!strstr(text, s)) \
		fail_msg("not in the page: %s", s); \
} while (0)

static void test_closed(void **state)
{
	char *p = pages(true, true);
	(void)state;

	HAS(p, "<p class=\"run\"><span>FC-T · Bilan</span><span>clôturé</span>");
	HAS(p, "<h1>Caf&lt;é&gt;</h1>");
	HAS(p, "<dt>Activité</dt><dd>cookies</dd>");
	HAS(p, "<dt>Période</dt><dd>du 4 mai 2026 au 10 mai 2026 (7 jours)");
	HAS(p, "Bilan de clôture arrêté le 11 mai 2026");
	/* the statement's rows, subtotals and the result marked */
	HAS(p, "<h2>Compte de résultat</h2>");
	HAS(p, "<tr><th scope=\"row\">Ventes TTC</th><td class=\"n\">105,50"
	       EURO "</td></tr>");
	HAS(p, "<tr class=\"sum\"><th scope=\"row\">Chiffre d'affaires HT</th>"
	       "<td class=\"n\">100,00" EURO "</td></tr>");
	HAS(p, "<tr><th scope=\"row\">Contribution de la CAE (10" NBSP
	       "% de la marge)</th><td class=\"n\">9,00" EURO "</td></tr>");
	HAS(p, "<tr class=\"total\"><th scope=\"row\">Résultat à répartir</th>"
	       "<td class=\"n\">81,00" EURO "</td></tr>\n</tbody>");
	/* VAT by rate, sales and charges side by side */
	HAS(p, "<tr><th scope=\"row\">5,5" NBSP "%</th><td class=\"n\">105,50"
	       EURO "</td><td class=\"n\">100,00" EURO "</td><td class=\"n\">"
	       "5,50" EURO "</td><td class=\"n\">0,00" EURO "</td>");
	HAS(p, "Écart de caisse des jours comptés : <b>2,50" EURO
	       "</b> (excédent).");
	/* each participant, named, then the total of the pay lines */
	HAS(p, "<tr><th scope=\"row\">P001</th><td>Zoë &lt;z&gt;</td>"
	       "<td class=\"n\">3,00" NBSP "h</td><td class=\"n\">60,75" EURO);
	HAS(p, "<tr class=\"total\"><th scope=\"row\" colspan=\"2\">Total</th>"
	       "<td class=\"n\">4,00" NBSP "h</td><td class=\"n\">81,00" EURO
	       "</td><td class=\"n\">9,32" EURO "</td><td class=\"n\">71,68"
	       EURO "</td><td class=\"n\">15,77" EURO "</td><td class=\"n\">"
	       "55,91" EURO "</td></tr>");
	/* no rows: the charts say so, numbered from 3 */
	HAS(p, "<figcaption>Ventes TTC par jour</figcaption>\n"
	       "<p class=\"note\">Aucune vente.</p>");
	/* the funders' figures: people plain, hours with their unit; but
	 * two people are "< 3" (so that nobody can be singled out), and so
	 * is every group of one or two, and a rate over fewer than three
	 * (positive exits: 2 of 2 known); none is 0 */
	HAS(p, "<div class=\"key\"><b>&lt; 3</b><span>Participant·es</span>"
	       "</div>");
	HAS(p, "<div class=\"key\"><b>0</b><span>Sorties avant la fin</span>"
	       "</div>");
	HAS(p, "<div class=\"key\"><b>&lt; 3</b><span>Sorties positives "
	       "(emploi, formation)</span></div>");
	HAS(p, "<div class=\"key\"><b>&lt; 3</b><span>Taux de sorties "
	       "positives</span></div>");
	/* at six months: nobody known, 0 positive, the rate over 0 */
	HAS(p, "<div class=\"key\"><b>0</b><span>Emploi ou formation six "
	       "mois après</span></div>");
	HAS(p, "<div class=\"key\"><b>&lt; 3</b><span>Taux d&#39;emploi ou de "
	       "formation à six mois</span></div>");
	/* Zoë is 16 in 2026: under 30; nobody over 54 */
	HAS(p, "<div class=\"key\"><b>&lt; 3</b><span>FSE : moins de 30 ans"
	       "</span></div>");
	HAS(p, "<div class=\"key\"><b>0</b><span>FSE : plus de 54 ans</span>"
	       "</div>");
	HAS(p, "<div class=\"key\"><b>2,00" NBSP "h</b><span>Heures par "
	       "participant·e (moyenne)</span></div>");
	HAS(p, "<div class=\"key\"><b>100,00" EURO "</b><span>Chiffre "
	       "d&#39;affaires HT</span></div>"); /* escaped as any text */
	HAS(p, "<caption>Âge au début du projet</caption>\n<tbody>\n"
	       "<tr><td>moins de 18 ans</td><td class=\"n\">&lt; 3</td></tr>\n"
	       "<tr><td>non renseigné</td><td class=\"n\">&lt; 3</td></tr>\n");
	HAS(p, "<tr><td>RSA</td><td class=\"n\">&lt; 3</td></tr>");
	/* the listed values in French, in their list's order */
	HAS(p, "<caption>Niveau de formation</caption>\n<tbody>\n"
	       "<tr><td>niveau 4 (bac)</td><td class=\"n\">&lt; 3</td></tr>\n"
	       "<tr><td>non renseigné</td><td class=\"n\">&lt; 3</td></tr>\n");
	HAS(p, "<tr><td>oui</td><td class=\"n\">&lt; 3</td></tr>");
	HAS(p, "<caption>Situation à la sortie</caption>\n<tbody>\n"
	       "<tr><td>emploi</td><td class=\"n\">&lt; 3</td></tr>\n"
	       "<tr><td>formation</td><td class=\"n\">&lt; 3</td></tr>\n");
	HAS(p, "<tr><td>ISCED 3-4</td><td class=\"n\">&lt; 3</td></tr>");
	HAS(p, "un effectif de moins de trois personnes est donné "
	       "« &lt; 3 »");
	/* no figure of two shown as such */
	assert_null(strstr(p, "<b>2</b>"));
	assert_null(strstr(p, "<td class=\"n\">1</td>"));
	/* the voids, escaped */
	HAS(p, "<tr><td>V00001</td><td>2026-05-05</td><td>S00003</td>"
	       "<td>a &lt;mistake&gt;</td></tr>");
	free(p);
}

static void test_open(void **state)
{
	char *p = pages(false, false);
	(void)state;

	HAS(p, "<span>provisoire</span>");
	HAS(p, "Chiffres provisoires au 11 mai 2026");
	HAS(p, "<h2>Compte de résultat (provisoire)</h2>");
	HAS(p, "La répartition entre les participant·es est calculée à la "
	       "clôture du projet.");
	assert_null(strstr(p, "Zoë"));
	free(p);
}

/* Two projects of two years: the overview first, then their pages. */
static void test_overview(void **state)
{
	struct bilan b;
	struct fc_error e;
	char *doc = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&doc, &len);
	(void)state;

	assert_non_null(f);
	assert_int_equal(bilan_begin(&b, f, false, &e), 0);
	b.rows = calloc(2, sizeof *b.rows);
	assert_non_null(b.rows);
	b.rows[0] = (struct bilan_row){ strdup("FC-A"), strdup("A & B"),
		strdup("\xe2\x82\xac"), date_from_ymd(2025, 12, 28),
		date_from_ymd(2026, 1, 3), true, 123456, 1000, 900, 5000, 3 };
	b.rows[1] = (struct bilan_row){ strdup("FC-B"), strdup("C"),
		strdup("\xe2\x82\xac"), date_from_ymd(2026, 5, 4),
		date_from_ymd(2026, 5, 10), false, 1000, -3000, -3000, 250, 2 };
	b.nprojects = b.caprows = 2;
	assert_int_equal(bilan_end(&b, &e), 0);
	bilan_free(&b);
	assert_int_equal(fclose(f), 0);
	HAS(doc, "<title>Bilans des Flashcoops 2025–2026</title>");
	HAS(doc, "<h1>Les Flashcoops 2025–2026</h1>");
	HAS(doc, "<tr><th scope=\"row\" class=\"nw\">FC-A</th><td>A &amp; B"
	         "</td><td class=\"n\">2025-12-28 – 2026-01-03</td>"
	         "<td>clôturé</td><td class=\"n\">1" NNBSP "234,56" EURO "</td>");
	HAS(doc, "<td>provisoire</td><td class=\"n\">10,00" EURO "</td>"
	         "<td class=\"n\">\xe2\x88\x92" "30,00" EURO "</td>");
	HAS(doc, "<tr class=\"total\"><th scope=\"row\" colspan=\"3\">Total, 2 "
	         "projets</th><td>1 clôturé</td><td class=\"n\">1" NNBSP
	         "244,56" EURO "</td><td class=\"n\">\xe2\x88\x92" "20,00" EURO
	         "</td><td class=\"n\">5</td><td class=\"n\">52,50" NBSP
	         "h</td></tr>");
	HAS(doc, "<clipPath id=\"c0\">");
	HAS(doc, "</footer>\n</body>\n</html>\n");
	free(doc);
}

static void test_no_project(void **state)
{
	struct bilan b;
	struct fc_error e;
	char *doc = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&doc, &len);
	(void)state;

	assert_non_null(f);
	assert_int_equal(bilan_begin(&b, f, false, &e), 0);
	assert_int_equal(bilan_end(&b, &e), 0);
	bilan_free(&b);
	assert_int_equal(fclose(f), 0);
	HAS(doc, "<title>Bilan</title>");
	HAS(doc, "<section class=\"page\"><p>Aucun projet.</p></section>");
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_closed),
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_overview),
		cmocka_unit_test(test_no_project),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
