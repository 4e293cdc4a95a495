#include <stdlib.h>
#include <string.h>

#include "flashcoop/attestation.h"
#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/html.h"
#include "flashcoop/money.h"
#include "flashcoop/numfmt.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/text.h"

#define D(x) (1u << (x))

/* ---- the words, in French and in English ---- */

enum word {
	W_TITLE, W_ATTESTS, W_THE_CAE, W_TOOK_PART, W_ACTIVITY, W_FROM,
	W_TO, W_EVENT, W_CONTRACT, W_NUMBER, W_WITHDREW, W_HOURS_TITLE,
	W_DATE, W_HOURS, W_ROLES, W_TOTAL, W_NO_HOURS, W_ROLES_HELD,
	W_PAY, W_SHARE, W_GROSS, W_NOT_CLOSED, W_DONE_AT, W_ON,
	W_SIGNATURE, W_N
};

static const char *const words[2][W_N] = {
	{
		"Attestation de participation", "atteste que", "La CAE",
		"a participé à la Flashcoop", "activité", "du", "au",
		"lieu de vente" HTML_NBSP ":", "Contrat", "n°" HTML_NBSP,
		"sortie anticipée le",
		"Heures travaillées", "Date", "Heures", "Rôles", "Total",
		"Aucune heure enregistrée.", "Rôles tenus",
		"Rémunération (estimation pour la paie de la CAE)",
		"quote-part", "salaire brut",
		"Le projet n'est pas encore clos" HTML_NBSP ": la rémunération "
		"sera connue à la clôture.",
		"Fait à", "le",
		"Pour la CAE, signature et cachet" HTML_NBSP ":",
	},
	{
		"Certificate of participation", "certifies that", "The CAE",
		"took part in the Flashcoop", "activity", "from", "to",
		"selling at", "Contract", "no.", "left early on",
		"Hours worked", "Date", "Hours", "Roles", "Total",
		"No hours recorded.", "Roles held",
		"Pay (estimate for the CAE's payroll)", "share",
		"gross pay",
		"The project is not closed yet: the pay will be known at the "
		"closing.",
		"Done at", "on",
		"For the CAE, signature and stamp:",
	},
};

bool attestation_english(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "en", 2) == 0;
	}
	return false;
}

/* ---- one participant's week ---- */

struct day_line {
	int32_t day;
	int64_t hours;
	char roles[512];
};

struct role_line {
	const char *role;
	int64_t hours;
};

struct person {
	const struct participant *pt;
	struct day_line *days;
	size_t ndays;
	struct role_line *roles;
	size_t nroles;
	int64_t total;
	const struct pay_line *pay;   /* closed: the share */
};

/* Add a role to a day's list ("production, sale"). */
static void day_role(struct day_line *d, const char *role)
{
	size_t len = strlen(d->roles);

	if (!*role || strstr(d->roles, role))
		return;
	snprintf(d->roles + len, sizeof d->roles - len, "%s%s",
	         len ? ", " : "", role);
}

static int add_role(struct person *pe, const char *role, int64_t hours)
{
	size_t i = 0;

	if (!*role)
		return 0;
	while (i < pe->nroles && strcmp(pe->roles[i].role, role) != 0)
		i++;
	if (i == pe->nroles)
		pe->roles[pe->nroles++] = (struct role_line){ role, 0 };
	pe->roles[i].hours += hours;
	return 0;
}

/* The days and roles of pe from the groups (by day, participant and
 * role, sorted). */
static int gather(struct person *pe, const struct groups *g)
{
	pe->days = calloc(g->n + 1, sizeof *pe->days);
	pe->roles = calloc(g->n + 1, sizeof *pe->roles);
	if (!pe->days || !pe->roles)
		return -1;
	for (size_t i = 0; i < g->n; i++) {
		const struct group *gr = &g->v[i];
		struct day_line *d;
		int32_t day;
		if (gr->hours == 0 ||
		    strcmp(gr->value[DIM_PARTICIPANT], pe->pt->id) != 0 ||
		    date_parse(gr->value[DIM_DAY], &day) < 0)
			continue;
		d = pe->ndays && pe->days[pe->ndays - 1].day == day ?
		    &pe->days[pe->ndays - 1] : &pe->days[pe->ndays++];
		d->day = day;
		d->hours += gr->hours;
		day_role(d, gr->value[DIM_ROLE]);
		add_role(pe, gr->value[DIM_ROLE], gr->hours);
		pe->total += gr->hours;
	}
	return 0;
}

static void person_free(struct person *pe)
{
	free(pe->days);
	free(pe->roles);
}

/* ---- formats ---- */

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* A date: "4 mai 2026", "4 May 2026". */
static const char *a_date(const struct attestation *a, int32_t day,
                          char buf[HTML_DATE_BUFSZ])
{
	int y, m, d;

	if (!a->english)
		return html_date(day, buf);
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, HTML_DATE_BUFSZ, "%d %s %d", d, months[m - 1], y);
	return buf;
}

/* An amount ("98,35 €", "98.35 €") or hours (unit NULL). */
static const char *a_amount(const struct attestation *a, int64_t v,
                            const char *unit, char buf[HTML_AMOUNT_BUFSZ])
{
	size_t n;

	if (!a->english)
		return html_amount(v, unit, buf);
	numfmt_text(v, 2, true, buf);
	n = strlen(buf);
	if (unit && *unit)
		snprintf(buf + n, HTML_AMOUNT_BUFSZ - n, HTML_NBSP "%s", unit);
	return buf;
}

/* Text, escaped in HTML. */
static void put(const struct attestation *a, const char *s)
{
	if (a->html)
		html_escape(a->out, s);
	else
		fputs(s, a->out);
}

/* The text of a paragraph, its words on lines of ATTESTATION_WIDTH
 * columns at most (a word longer stays whole), to out. */
static void wrap(FILE *out, char *text)
{
	size_t col = 0;

	char *save = NULL;

	for (char *w = strtok_r(text, " \n", &save); w;
	     w = strtok_r(NULL, " \n", &save)) {
		size_t n = text_width(w);
		if (col && col + 1 + n > ATTESTATION_WIDTH) {
			fputc('\n', out);
			col = 0;
		}
		fprintf(out, "%s%s", col ? " " : "", w);
		col += (col ? 1 : 0) + n;
	}
}

/* A paragraph: an HTML element, or in text a paragraph whose words are
 * gathered (into a memory stream) to be wrapped when it ends. */
static void open_el(struct attestation *a, const char *html)
{
	if (a->html) {
		fputs(html, a->out);
		return;
	}
	a->para = open_memstream(&a->buf, &a->len);
	if (a->para) {
		a->page_out = a->out;
		a->out = a->para;
	}
}

static void close_el(struct attestation *a, const char *html,
                     const char *text)
{
	if (a->html) {
		fputs(html, a->out);
		return;
	}
	if (a->para) {
		a->out = a->page_out;
		if (fclose(a->para) == 0)
			wrap(a->out, a->buf);
		else
			fputs("?", a->out);  /* out of memory: said, not hidden */
		free(a->buf);
		a->para = NULL;
		a->buf = NULL;
	}
	fputs(text, a->out);
}

/* "La CAE Exemple atteste que Ada a participé à la Flashcoop « N » (ID),
 * activité : X, du … au … ; vente : E." */
static void who_what(struct attestation *a, const struct project *p,
                     const struct person *pe)
{
	const char *const *w = words[a->english];
	char d1[HTML_DATE_BUFSZ], d2[HTML_DATE_BUFSZ];

	open_el(a, "<p>");
	put(a, *p->host ? p->host : w[W_THE_CAE]);
	fprintf(a->out, " %s", w[W_ATTESTS]);
	close_el(a, "</p>\n", "\n\n");
	fputs(a->html ? "<p class=\"name\">" : "    ", a->out);
	put(a, pe->pt->name);
	fputs(a->html ? "</p>\n" : "\n\n", a->out);
	open_el(a, "<p>");
	fprintf(a->out, "%s %s", w[W_TOOK_PART], a->english ? "“" :
	        "«" HTML_NBSP);
	put(a, p->name);
	fputs(a->english ? "” (" : HTML_NBSP "» (", a->out);
	put(a, p->id);
	fputs(")", a->out);
	if (*p->activity) {
		fprintf(a->out, ", %s%s", w[W_ACTIVITY], a->english ? ": " :
		        HTML_NBSP ": ");
		put(a, p->activity);
	}
	fprintf(a->out, ", %s %s %s %s", w[W_FROM], a_date(a, p->start, d1),
	        w[W_TO], a_date(a, p->end, d2));
	if (*p->event) {
		fprintf(a->out, "%s %s ", a->english ? ";" : HTML_NBSP ";",
		        w[W_EVENT]);  /* "; lieu de vente : E", "; selling at E" */
		put(a, p->event);
	}
	close_el(a, ".</p>\n", ".\n\n");
}

/* "Contrat : CAPE n° REF, du … au … (sortie anticipée le …)." */
static void contract(struct attestation *a, const struct project *p,
                     const struct participant *pt)
{
	const char *const *w = words[a->english];
	char d1[HTML_DATE_BUFSZ], d2[HTML_DATE_BUFSZ];
	int32_t last = pt->withdrawn != DATE_NONE ? pt->withdrawn - 1 : p->end;

	open_el(a, "<p>");
	fprintf(a->out, "%s%s", w[W_CONTRACT], a->english ? ": " :
	        HTML_NBSP ": ");
	put(a, *pt->contract_type ? pt->contract_type :
	    PARTICIPANT_DEFAULT_CONTRACT);
	fprintf(a->out, " %s%s", w[W_NUMBER], a->english ? " " : "");
	put(a, pt->contract);
	fprintf(a->out, ", %s %s %s %s", w[W_FROM],
	        a_date(a, pt->enrolled, d1), w[W_TO],
	        a_date(a, last < pt->enrolled ? pt->enrolled : last, d2));
	if (pt->withdrawn != DATE_NONE)
		fprintf(a->out, " (%s %s)", w[W_WITHDREW],
		        a_date(a, pt->withdrawn, d1));
	close_el(a, ".</p>\n", ".\n\n");
}

/* s, then spaces to width columns. */
static void pad(FILE *out, const char *s, size_t width)
{
	fputs(s, out);
	for (size_t w = text_width(s); w < width; w++)
		fputc(' ', out);
}

static void hours_text(const struct attestation *a, const struct person *pe)
{
	const char *const *w = words[a->english];
	char d[HTML_DATE_BUFSZ], h[HTML_AMOUNT_BUFSZ];

	fprintf(a->out, "%s\n\n  %-20s %8s   %s\n", w[W_HOURS_TITLE],
	        w[W_DATE], w[W_HOURS], w[W_ROLES]);
	for (size_t i = 0; i < pe->ndays; i++) {
		const struct day_line *l = &pe->days[i];
		fputs("  ", a->out);
		pad(a->out, a_date(a, l->day, d), 20);
		fprintf(a->out, " %8s   %s\n", a_amount(a, l->hours, NULL, h),
		        l->roles);
	}
	fputs("  ", a->out);
	pad(a->out, w[W_TOTAL], 20);
	fprintf(a->out, " %8s\n\n", a_amount(a, pe->total, NULL, h));
}

static void hours_html(const struct attestation *a, const struct person *pe)
{
	const char *const *w = words[a->english];
	char d[HTML_DATE_BUFSZ], h[HTML_AMOUNT_BUFSZ];

	fprintf(a->out, "<h2>%s</h2>\n<table>\n<thead><tr><th>%s</th>"
	        "<th class=\"n\">%s</th><th>%s</th></tr></thead>\n<tbody>\n",
	        w[W_HOURS_TITLE], w[W_DATE], w[W_HOURS], w[W_ROLES]);
	for (size_t i = 0; i < pe->ndays; i++) {
		const struct day_line *l = &pe->days[i];
		html_el(a->out, "<tr><td>", a_date(a, l->day, d), "</td>");
		html_el(a->out, "<td class=\"n\">",
		        a_amount(a, l->hours, NULL, h), "</td>");
		html_el(a->out, "<td>", l->roles, "</td></tr>\n");
	}
	html_el(a->out, "<tr class=\"total\"><td>", w[W_TOTAL], "</td>");
	html_el(a->out, "<td class=\"n\">", a_amount(a, pe->total, NULL, h),
	        "</td><td></td></tr>\n</tbody>\n</table>\n");
}

/* The days, or that there are none; the roles held with their hours. */
static void hours(struct attestation *a, const struct person *pe)
{
	const char *const *w = words[a->english];
	char h[HTML_AMOUNT_BUFSZ];

	if (!pe->ndays) {
		open_el(a, "<p>");
		fputs(w[W_NO_HOURS], a->out);
		close_el(a, "</p>\n", "\n\n");
	} else if (a->html) {
		hours_html(a, pe);
	} else {
		hours_text(a, pe);
	}
	if (!pe->nroles)
		return;
	open_el(a, "<p>");
	fprintf(a->out, "%s%s", w[W_ROLES_HELD], a->english ? ": " :
	        HTML_NBSP ": ");
	for (size_t i = 0; i < pe->nroles; i++) {
		fputs(i ? ", " : "", a->out);
		put(a, pe->roles[i].role);
		fprintf(a->out, " (%s" HTML_NBSP "h)",
		        a_amount(a, pe->roles[i].hours, NULL, h));
	}
	close_el(a, ".</p>\n", ".\n\n");
}

/* The share and the gross pay, once closed. */
static void pay(struct attestation *a, const struct project *p,
                const struct person *pe)
{
	const char *const *w = words[a->english];
	const char *unit = html_unit(p->currency);
	char s[HTML_AMOUNT_BUFSZ], g[HTML_AMOUNT_BUFSZ];

	open_el(a, "<p>");
	if (!pe->pay)
		fputs(w[W_NOT_CLOSED], a->out);
	else
		fprintf(a->out, "%s%s%s %s, %s %s", w[W_PAY],
		        a->english ? ": " : HTML_NBSP ": ", w[W_SHARE],
		        a_amount(a, pe->pay->share, unit, s), w[W_GROSS],
		        a_amount(a, pe->pay->gross, unit, g));
	close_el(a, pe->pay ? ".</p>\n" : "</p>\n", pe->pay ? ".\n\n" : "\n\n");
}

static void signature(const struct attestation *a)
{
	const char *const *w = words[a->english];

	if (a->html) {
		fprintf(a->out, "<p class=\"sign\">%s ____________________, "
		        "%s ____________________</p>\n<p>%s</p>\n"
		        "<div class=\"stamp\"></div>\n", w[W_DONE_AT], w[W_ON],
		        w[W_SIGNATURE]);
		return;
	}
	fprintf(a->out, "%s ____________________, %s ____________________\n\n"
	        "%s\n\n\n\n", w[W_DONE_AT], w[W_ON], w[W_SIGNATURE]);
}

static void page(struct attestation *a, const struct project *p,
                 const struct person *pe)
{
	const char *const *w = words[a->english];

	if (a->html)
		fprintf(a->out, "<section class=\"page\">\n<h1>%s</h1>\n",
		        w[W_TITLE]);
	else
		fprintf(a->out, "%s%s\n\n", a->pages ? "\f" : "", w[W_TITLE]);
	who_what(a, p, pe);
	contract(a, p, pe->pt);
	hours(a, pe);
	pay(a, p, pe);
	signature(a);
	if (a->html)
		fputs("</section>\n", a->out);
	a->pages++;
}

/* ---- the document ---- */

static const char css[] =
	"@page { size: A4; margin: 25mm 22mm; }\n"
	"html { font-family: \"DejaVu Sans\", \"Liberation Sans\", Arial, "
	"sans-serif; font-size: 11pt; color: #111; background: #fff; }\n"
	"body { margin: 0; }\n"
	"@media screen { body { max-width: 170mm; margin: 0 auto; "
	"padding: 10mm; } .page + .page { border-top: 1px dashed #999; "
	"margin-top: 12mm; padding-top: 10mm; } }\n"
	".page + .page { break-before: page; page-break-before: always; }\n"
	"h1 { font-size: 18pt; text-align: center; margin: 0 0 10mm; }\n"
	"h2 { font-size: 12pt; margin: 6mm 0 2mm; }\n"
	".name { font-size: 15pt; font-weight: bold; text-align: center; "
	"margin: 5mm 0; }\n"
	"table { border-collapse: collapse; width: 100%; }\n"
	"th, td { padding: 1mm 2mm; border-bottom: 0.2mm solid #ccc; "
	"text-align: left; }\n"
	".n { text-align: right; white-space: nowrap; }\n"
	"tr.total td { font-weight: bold; border-top: 0.4mm solid #111; }\n"
	".sign { margin-top: 14mm; }\n"
	".stamp { height: 35mm; width: 70mm; border: 0.3mm dashed #999; "
	"margin-top: 3mm; }\n";

void attestation_begin(struct attestation *a, FILE *out, bool html,
                       const char *participant)
{
	memset(a, 0, sizeof *a);
	a->out = out;
	a->html = html;
	a->english = attestation_english();
	a->participant = participant;
	if (html)
		fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		        "<meta charset=\"utf-8\">\n<title>%s</title>\n"
		        "<style>\n%s</style>\n</head>\n<body>\n",
		        a->english ? "en" : "fr", words[a->english][W_TITLE], css);
}

/* The pay line of pt in the closing of a closed project, or NULL. */
static const struct pay_line *pay_of(const struct closing *c,
                                     const struct participant *pt)
{
	for (size_t i = 0; c && i < c->npay; i++)
		if (c->pay[i].who == pt)
			return &c->pay[i];
	return NULL;
}

/* The pages of the participants of pass rp (c: its closing, or NULL). */
static int pages(struct attestation *a, const struct project *p,
                 struct report_pass *rp, const struct closing *c,
                 struct fc_error *e)
{
	char q[TEXT_QUOTE_SIZE];
	size_t done = 0;

	groups_sort(&rp->g);
	for (size_t i = 0; i < rp->ps.n; i++) {
		struct person pe = { &rp->ps.v[i], NULL, 0, NULL, 0, 0, NULL };
		if (a->participant && strcmp(pe.pt->id, a->participant) != 0)
			continue;
		pe.pay = pay_of(c, pe.pt);
		if (gather(&pe, &rp->g) < 0) {
			person_free(&pe);
			return fc_fail(e, FC_IOERR, "out of memory");
		}
		page(a, p, &pe);
		person_free(&pe);
		done++;
	}
	if (a->participant && !done)
		return fc_fail(e, FC_DATAERR, "%s: no participant '%s'", p->dir,
		               text_quote(a->participant, q, sizeof q));
	return 0;
}

int attestation_project(struct attestation *a, const struct project *p,
                        struct fc_error *e)
{
	struct report_pass rp;
	struct closing c;
	bool closed = project_closed(p->dir);
	int rc = report_read(p, KIND_HOURS, D(DIM_DAY) | D(DIM_PARTICIPANT) |
	                     D(DIM_ROLE), &rp, e);

	if (rc)
		return rc;
	if (closed && (rc = closing_compute(p, &rp.ps, &rp.t, &c, e))) {
		report_pass_free(&rp);
		return rc;
	}
	rc = pages(a, p, &rp, closed ? &c : NULL, e);
	if (closed)
		closing_free(&c);
	report_pass_free(&rp);
	return rc;
}

int attestation_end(struct attestation *a)
{
	if (a->html)
		fputs("</body>\n</html>\n", a->out);
	return ferror(a->out) ? -1 : 0;
}
