#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flashcoop/bilan_sheet.h"
#include "flashcoop/chart.h"
#include "flashcoop/date.h"
#include "flashcoop/html.h"
#include "flashcoop/project.h"

/* ---- the statement page ---- */

void bilan_page_top(FILE *out, const struct bilan_sheet *s,
                    const char *what)
{
	fputs("<section class=\"page\">\n<p class=\"run\"><span>", out);
	html_escape(out, s->p->id);
	fprintf(out, " · %s</span><span>%s</span></p>\n", what,
	        s->closed ? "clôturé" : "provisoire");
}

/* A term of the identity, when it has a value. */
static void ident_row(FILE *out, const char *term, const char *value)
{
	if (!*value)
		return;
	fprintf(out, "<dt>%s</dt>", term);
	html_el(out, "<dd>", value, "</dd>\n");
}

static void identity(FILE *out, const struct bilan_sheet *s)
{
	char a[HTML_DATE_BUFSZ], b[HTML_DATE_BUFSZ];
	const struct project *p = s->p;

	html_el(out, "<h1>", p->name, "</h1>\n<dl class=\"id\">\n");
	ident_row(out, "Identifiant", p->id);
	ident_row(out, "Activité", p->activity);
	ident_row(out, "CAE", p->host);
	ident_row(out, "Événement", p->event);
	fprintf(out, "<dt>Période</dt><dd>du %s au %s (%ld jours)</dd>\n",
	        html_date(p->start, a), html_date(p->end, b),
	        (long)(p->end - p->start + 1));
	fprintf(out, "<dt>Participant·es</dt><dd>%zu</dd>\n</dl>\n",
	        s->ps.n);
}

static void state(FILE *out, const struct bilan_sheet *s)
{
	char d[HTML_DATE_BUFSZ];
	if (!s->closed)
		fprintf(out, "<p class=\"state provisional\">Chiffres provisoires "
		        "au %s<small>Le projet n'est pas clôturé : ces chiffres "
		        "peuvent encore changer.</small></p>\n",
		        html_date(s->date, d));
	else
		fprintf(out, "<p class=\"state closed\">Bilan de clôture arrêté "
		        "le %s<small>Les comptes sont clos et scellés "
		        "(flashcoop-close).</small></p>\n", html_date(s->date, d));
}

/* The statement's rows in French; the contribution's takes its rate (an
 * argument the others do not use). */
static const char *const labels[STATEMENT_NLABELS] = {
	[STATEMENT_SALES_INCL] = "Ventes TTC",
	[STATEMENT_VAT_COLLECTED] = "TVA collectée",
	[STATEMENT_TURNOVER] = "Chiffre d'affaires HT",
	[STATEMENT_CHARGES_INCL] = "Charges TTC",
	[STATEMENT_VAT_DEDUCTIBLE] = "TVA déductible",
	[STATEMENT_CHARGES] = "Charges HT",
	[STATEMENT_MARGIN] = "Marge (bénéfice)",
	[STATEMENT_LOSS] = "Marge : une perte",
	[STATEMENT_CONTRIBUTION_OF_MARGIN] =
		"Contribution de la CAE (%s de la marge)",
	[STATEMENT_CONTRIBUTION_OF_TURNOVER] =
		"Contribution de la CAE (%s du chiffre d'affaires)",
	[STATEMENT_DISTRIBUTABLE] = "Résultat à répartir",
	[STATEMENT_NOTHING_TO_PAY] = "Résultat à répartir : rien à répartir",
	[STATEMENT_CASH_DIFFERENCE] = "Écart de caisse",
	[STATEMENT_CASH_SHORTAGE] = "Écart de caisse : un manque",
};

/* A row's class: subtotals and the result stand out. */
static const char *const classes[] = {
	[STATEMENT_LINE] = "", [STATEMENT_SUBTOTAL] = " class=\"sum\"",
	[STATEMENT_RESULT] = " class=\"total\"", [STATEMENT_CASH] = ""
};

static void statement(FILE *out, const struct bilan_sheet *s)
{
	char r[HTML_RATE_BUFSZ], label[160];

	fprintf(out, "<h2>%s</h2>\n<table class=\"statement\">\n<tbody>\n",
	        s->closed ? "Compte de résultat" :
	        "Compte de résultat (provisoire)");
	for (size_t i = 0; i < s->st.n; i++) {
		const struct statement_row *row = &s->st.row[i];
		snprintf(label, sizeof label, labels[row->label],
		         html_rate(s->st.cae_rate, r));
		fprintf(out, "<tr%s><th scope=\"row\">%s</th>",
		        classes[row->kind], label);
		html_amount_td(out, row->amount, s->unit);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n", out);
}

/* The VAT lines of the sales and of the charges side by side, by rate
 * (both lists are sorted by rate). */
static void vat_rows(FILE *out, const struct bilan_sheet *s)
{
	static const struct vat_line zero = { 0, 0, 0, 0 };
	const struct closing *c = &s->c;
	size_t i = 0, j = 0;

	while (i < c->nsales_vat || j < c->ncharges_vat) {
		const struct vat_line *a = i < c->nsales_vat ?
		                           &c->sales_vat[i] : NULL;
		const struct vat_line *b = j < c->ncharges_vat ?
		                           &c->charges_vat[j] : NULL;
		char r[HTML_RATE_BUFSZ];
		if (a && b && a->rate != b->rate) {
			if (a->rate < b->rate)
				b = NULL;
			else
				a = NULL;
		}
		/* a or b is set: the loop runs while either list lasts */
		fprintf(out, "<tr><th scope=\"row\">%s</th>",
		        html_rate(a ? a->rate : b ? b->rate : 0, r));
		html_amount_td(out, (a ? a : &zero)->incl, s->unit);
		html_amount_td(out, (a ? a : &zero)->before, s->unit);
		html_amount_td(out, (a ? a : &zero)->vat, s->unit);
		html_amount_td(out, (b ? b : &zero)->incl, s->unit);
		html_amount_td(out, (b ? b : &zero)->before, s->unit);
		html_amount_td(out, (b ? b : &zero)->vat, s->unit);
		fputs("</tr>\n", out);
		i += a != NULL;
		j += b != NULL;
	}
}

static void vat_table(FILE *out, const struct bilan_sheet *s)
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
	html_amount_td(out, c->sales_incl, s->unit);
	html_amount_td(out, c->turnover, s->unit);
	html_amount_td(out, c->vat_collected, s->unit);
	html_amount_td(out, c->charges_incl, s->unit);
	html_amount_td(out, c->charges, s->unit);
	html_amount_td(out, c->vat_deductible, s->unit);
	fputs("</tr>\n</tbody>\n</table>\n<p class=\"note\">La TVA est "
	      "calculée par taux sur les totaux, arrondie au centime le plus "
	      "proche.</p>\n", out);
}

/* The statement's cash row: the difference of the counted days. */
static void cash(FILE *out, const struct bilan_sheet *s)
{
	const struct statement_row *row = s->st.row;
	char a[HTML_AMOUNT_BUFSZ];

	while (row < s->st.row + s->st.n - 1 && row->kind != STATEMENT_CASH)
		row++;
	fputs("<h2>Caisse</h2>\n<p>", out);
	if (!s->c.ncash) {
		fputs("Aucun mouvement d'espèces.</p>\n", out);
		return;
	}
	html_el(out, "Écart de caisse des jours comptés : <b>",
	        html_amount(row->amount, s->unit, a), "</b>");
	fputs(row->amount > 0 ? " (excédent)" :
	      row->amount < 0 ? " (manque)" : "", out);
	if (s->c.uncounted)
		fprintf(out, " ; %zu jour%s de ventes en espèces sans comptage",
		        s->c.uncounted, s->c.uncounted > 1 ? "s" : "");
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

/* A pay line's figures, hours first. */
static void pay_cells(FILE *out, const struct pay_line *l, const char *unit)
{
	html_amount_td(out, l->hours, "h");
	html_amount_td(out, l->share, unit);
	html_amount_td(out, l->employer, unit);
	html_amount_td(out, l->gross, unit);
	html_amount_td(out, l->employee, unit);
	html_amount_td(out, l->net, unit);
	fputs("</tr>\n", out);
}

static void pay_rows(FILE *out, const struct bilan_sheet *s)
{
	for (size_t i = 0; i < s->c.npay; i++) {
		const struct pay_line *l = &s->c.pay[i];
		html_el(out, "<tr><th scope=\"row\">", l->who->id, "</th>");
		if (s->names)
			html_el(out, "<td>", l->who->name, "</td>");
		pay_cells(out, l, s->unit);
	}
	fprintf(out, "<tr class=\"total\"><th scope=\"row\"%s>Total</th>",
	        s->names ? " colspan=\"2\"" : "");
	pay_cells(out, &s->st.pay_total, s->unit);
}

static void pay(FILE *out, const struct bilan_sheet *s)
{
	char r1[HTML_RATE_BUFSZ], r2[HTML_RATE_BUFSZ];

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
	pay_rows(out, s);
	fprintf(out, "</tbody>\n</table>\n<p class=\"note\">Estimation pour la "
	        "paie de la CAE. Répartition %s ; la part est le coût employeur "
	        "(cotisations patronales %s, salariales %s du brut).</p>\n",
	        s->p->share == SHARE_HOURS ?
	        "au prorata des heures travaillées" :
	        "à parts égales entre celles et ceux qui ont travaillé",
	        html_rate(s->p->employer_rate, r1),
	        html_rate(s->p->employee_rate, r2));
}

static void statement_page(FILE *out, const struct bilan_sheet *s)
{
	bilan_page_top(out, s, "Bilan");
	identity(out, s);
	state(out, s);
	statement(out, s);
	vat_table(out, s);
	cash(out, s);
	pay(out, s);
	fputs("</section>\n", out);
}

/* ---- the income statement of the books ---- */

static void income_page(FILE *out, const struct bilan_sheet *s)
{
	bilan_page_top(out, s, "Compte de résultat");
	fprintf(out, "<h2>Compte de résultat (plan comptable général)</h2>\n"
	        "<p>Tiré des écritures%s : le résultat est %s.</p>\n"
	        "<table class=\"statement\">\n<tbody>\n",
	        s->closed ? ", la clôture passée" : "",
	        s->closed ? "ce qui reste après la contribution à la CAE et "
	        "la rémunération (estimation)" : "la marge du bilan");
	for (int i = 0; i < INC_N; i++) {
		bool total = i == INC_OPERATING_INCOME ||
		             i == INC_OPERATING_CHARGES ||
		             i >= INC_OPERATING_RESULT;
		if (!total && s->income.v[i] == 0)
			continue;
		fprintf(out, "<tr%s><th scope=\"row\">%s</th>",
		        i == INC_RESULT ? " class=\"total\"" :
		        total ? " class=\"sum\"" : "", income_label(i));
		html_amount_td(out, s->income.v[i], s->unit);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</section>\n", out);
}

/* ---- the activity page ---- */

/* The days as "jeu. 7 mai", in days (n of them). */
static void day_labels(struct chart_bar *v, size_t n,
                       char (*days)[HTML_DATE_BUFSZ])
{
	for (size_t i = 0; i < n; i++) {
		int32_t d;
		if (date_parse(v[i].label, &d) == 0)
			v[i].label = html_day(d, days[i]);
	}
}

/* The participants' names beside their ids. */
static void name_labels(struct chart_bar *v, size_t n,
                        const struct participants *ps)
{
	for (size_t i = 0; i < n; i++) {
		const struct participant *pt = participants_find(ps, v[i].label);
		v[i].label2 = pt ? pt->name : NULL;
	}
}

static void draw_charts(FILE *out, const struct bilan_sheet *s,
                        unsigned *charts, struct chart_bar *const *v,
                        const size_t *n)
{
	fputs("<h2>Activité</h2>\n<div class=\"charts\">\n", out);
	chart_write(out, (*charts)++, "Ventes TTC par jour", "Aucune vente.",
	            v[0], n[0], s->unit);
	chart_write(out, (*charts)++, "Ventes TTC par produit (unités vendues)",
	            "Aucune vente.", v[1], n[1], s->unit);
	chart_write(out, (*charts)++, "Charges TTC par catégorie",
	            "Aucune charge.", v[2], n[2], s->unit);
	chart_write(out, (*charts)++, "Heures par participant·e",
	            "Aucune heure.", v[3], n[3], "h");
	fputs("</div>\n", out);
}

/* Sales by day and by product, charges by category, hours by
 * participant; products and categories largest first. */
static int charts(FILE *out, struct bilan_sheet *s, unsigned *count,
                  struct fc_error *e)
{
	char (*days)[HTML_DATE_BUFSZ] = NULL;
	struct chart_bar *v[4];
	size_t n[4];
	int rc = 0;

	v[0] = chart_bars(&s->day, DIM_DAY, &n[0]);
	v[1] = chart_bars(&s->product, DIM_PRODUCT, &n[1]);
	v[2] = chart_bars(&s->category, DIM_CATEGORY, &n[2]);
	v[3] = chart_bars(&s->hours, DIM_PARTICIPANT, &n[3]);
	if (v[0])
		days = calloc(n[0] + 1, sizeof *days);
	if (!v[0] || !v[1] || !v[2] || !v[3] || !days) {
		rc = fc_fail(e, FC_IOERR, "out of memory");
	} else {
		day_labels(v[0], n[0], days);
		chart_sort(v[1], n[1]);
		chart_sort(v[2], n[2]);
		if (s->names)
			name_labels(v[3], n[3], &s->ps);
		draw_charts(out, s, count, v, n);
	}
	for (int i = 0; i < 4; i++)
		free(v[i]);
	free(days);
	return rc;
}

/* The funders' indicators, in French. */
static const char *const indicators[FUNDERS_N] = {
	[FUNDERS_PARTICIPANTS] = "Participant·es",
	[FUNDERS_COMPLETED] = "Parcours menés à terme",
	[FUNDERS_WITHDRAWN] = "Sorties avant la fin",
	[FUNDERS_GENDER] = "Genre",
	[FUNDERS_AGE_BAND] = "Âge au début du projet",
	[FUNDERS_STATUS_AT_ENTRY] = "Situation à l'entrée",
	[FUNDERS_REFERRER] = "Prescripteur",
	[FUNDERS_EDUCATION] = "Niveau de formation",
	[FUNDERS_QPV] = "Habitant·es d'un quartier prioritaire (QPV)",
	[FUNDERS_DISABILITY] = "Handicap reconnu (RQTH)",
	[FUNDERS_EXIT_STATUS] = "Situation à la sortie",
	[FUNDERS_STATUS_6M] = "Situation six mois après",
	[FUNDERS_POSITIVE_EXIT] = "Sorties positives (emploi, formation)",
	[FUNDERS_POSITIVE_EXIT_RATE] = "Taux de sorties positives",
	[FUNDERS_POSITIVE_6M] = "Emploi ou formation six mois après",
	[FUNDERS_POSITIVE_6M_RATE] = "Taux d'emploi ou de formation à six mois",
	[FUNDERS_ESF_EMPLOYMENT] = "FSE : situation sur le marché du travail à l'entrée",
	[FUNDERS_ESF_UNDER_30] = "FSE : moins de 30 ans",
	[FUNDERS_ESF_OVER_54] = "FSE : plus de 54 ans",
	[FUNDERS_ESF_DISABILITY] = "FSE : personnes handicapées",
	[FUNDERS_ESF_EDUCATION] = "FSE : niveau d'études (CITE)",
	[FUNDERS_HOURS] = "Heures travaillées",
	[FUNDERS_HOURS_AVERAGE] = "Heures par participant·e (moyenne)",
	[FUNDERS_TURNOVER] = "Chiffre d'affaires HT",
};

/* The age bands (funders_bands), the last also the word of a value left
 * empty. */
static const char *const bands[FUNDERS_NBANDS] = {
	"moins de 18 ans", "18 à 25 ans", "26 à 35 ans", "36 à 49 ans",
	"50 ans et plus", "non renseigné"
};

/* A group of breakdown k in French: an age band's words, a value of
 * the lists (education, yes or no, the outcomes, the ESF's groups), or
 * the group as it is (a person's text: a gender, a status, a referrer). */
static const char *group_word(enum funders_indicator k, const char *name)
{
	bool listed = k >= FUNDERS_EDUCATION && k <= FUNDERS_ESF_EDUCATION;

	static const char *const words[][2] = {
		{ "yes", "oui" }, { "no", "non" }, { "employment", "emploi" },
		{ "training", "formation" }, { "job-search", "recherche d'emploi" },
		{ "other", "autre" }, { "none", "sans qualification" },
		{ "3", "niveau 3 (CAP, BEP)" }, { "4", "niveau 4 (bac)" },
		{ "5", "niveau 5 (bac+2)" }, { "6", "niveau 6 (bac+3, bac+4)" },
		{ "7", "niveau 7 (bac+5)" }, { "8", "niveau 8 (doctorat)" },
		{ "unemployed", "chômeur·ses" }, { "inactive", "inactif·ves" },
		{ "employed", "en emploi" },
	};
	for (size_t i = 0; i < FUNDERS_NBANDS; i++)
		if (strcmp(name, funders_bands[i]) == 0)
			return bands[i];
	for (size_t i = 0; listed && i < sizeof words / sizeof *words; i++)
		if (strcmp(name, words[i][0]) == 0)
			return words[i][1];
	return name;
}

/* An indicator's value: people as a plain number ("< 3" for too few:
 * funders_small), a rate with its "%", hours and amounts with their
 * unit. */
static void funder_value(FILE *out, const struct funders *f,
                         enum funders_indicator i, int64_t v,
                         const char *unit)
{
	char a[HTML_AMOUNT_BUFSZ];

	if (funders_small(f, i, v))
		html_escape(out, FUNDERS_SMALL);
	else if (funders_unit(i) == FUNDERS_PEOPLE)
		fprintf(out, "%lld", (long long)v);
	else if (funders_unit(i) == FUNDERS_PERCENT)
		html_escape(out, html_amount(v, "%", a));
	else
		html_escape(out, html_amount(v, funders_unit(i) ==
		                             FUNDERS_HUNDREDTHS ? "h" : unit, a));
}

static void key_figures(FILE *out, const struct bilan_sheet *s)
{
	fputs("<div class=\"keys\">\n", out);
	for (int i = 0; i < FUNDERS_N; i++) {
		if (funders_is_breakdown(i))
			continue;
		fputs("<div class=\"key\"><b>", out);
		funder_value(out, &s->funders, i, s->funders.value[i], s->unit);
		html_el(out, "</b><span>", indicators[i], "</span></div>\n");
	}
	fputs("</div>\n", out);
}

/* One small table per breakdown (gender, age...), in report order. */
static void breakdowns(FILE *out, const struct bilan_sheet *s)
{
	fputs("<div class=\"mini\">\n", out);
	for (int k = 0; k < FUNDERS_N; k++) {
		const struct funders_breakdown *b = &s->funders.by[k];
		if (!funders_is_breakdown(k))
			continue;
		html_el(out, "<table><caption>", indicators[k],
		        "</caption>\n<tbody>\n");
		for (size_t i = 0; i < b->n; i++) {
			html_el(out, "<tr><td>", group_word(k, b->v[i].name),
			        "</td><td class=\"n\">");
			funder_value(out, &s->funders, k, b->v[i].count,
			             s->unit);
			fputs("</td></tr>\n", out);
		}
		if (!b->n)
			fputs("<tr><td>aucun·e participant·e</td></tr>\n", out);
		fputs("</tbody>\n</table>\n", out);
	}
	fputs("</div>\n", out);
}

static void funders(FILE *out, const struct bilan_sheet *s)
{
	fputs("<h2>Indicateurs pour les financeurs</h2>\n", out);
	key_figures(out, s);
	breakdowns(out, s);
	fputs("<p class=\"note\">Les mêmes chiffres que flashcoop-report "
	      "funders ; aucun nom n'y figure, et un effectif de moins de "
	      "trois personnes est donné « &lt; 3 » pour que personne ne "
	      "puisse y être reconnu.</p>\n", out);
}

static void voids(FILE *out, const struct bilan_sheet *s)
{
	char d[DATE_BUFSZ];
	if (!s->nvoids)
		return;
	fputs("<h2>Écritures annulées</h2>\n<table class=\"small\">\n<thead>"
	      "<tr><th>Annulation</th><th>Date</th><th>Écriture annulée</th>"
	      "<th>Motif</th></tr></thead>\n<tbody>\n", out);
	for (size_t i = 0; i < s->nvoids; i++) {
		const struct bilan_void *v = &s->voids[i];
		html_el(out, "<tr><td>", v->id, "</td>");
		html_el(out, "<td>", date_format(v->date, d), "</td>");
		html_el(out, "<td>", v->ref, "</td>");
		html_el(out, "<td>", v->note, "</td></tr>\n");
	}
	fputs("</tbody>\n</table>\n", out);
}

static int activity_page(FILE *out, struct bilan_sheet *s, unsigned *count,
                         struct fc_error *e)
{
	int rc;
	bilan_page_top(out, s, "Activité et indicateurs");
	if ((rc = charts(out, s, count, e)))
		return rc;
	funders(out, s);
	voids(out, s);
	fputs("</section>\n", out);
	return 0;
}

int bilan_pages(FILE *out, struct bilan_sheet *s, unsigned *charts,
                struct fc_error *e)
{
	int rc;

	statement_page(out, s);
	income_page(out, s);
	if ((rc = activity_page(out, s, charts, e)))
		return rc;
	if (bilan_has_production(s))
		bilan_production_page(out, s);
	return 0;
}
