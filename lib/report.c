#include <stdio.h>
#include <string.h>

#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"
#include "flashcoop/text.h"

/* s, then spaces up to width characters (not bytes: "é" is one). */
static void pad(FILE *out, const char *s, size_t width)
{
	size_t w = text_width(s);
	fputs(s, out);
	for (; w < width; w++)
		fputc(' ', out);
}

static void line(FILE *out, const char *label, int64_t v)
{
	char m[MONEY_BUFSZ];
	fputs("  ", out);
	pad(out, label, 46);
	fprintf(out, " %14s\n", money_format(v, m));
}

static void vat_table(FILE *out, const char *what, const struct vat_line *l,
                      size_t n)
{
	char r[MONEY_BUFSZ], a[MONEY_BUFSZ], b[MONEY_BUFSZ], c[MONEY_BUFSZ];
	if (!n) {
		fputs("  (none)\n\n", out);
		return;
	}
	fprintf(out, "  %-10s %14s %14s %14s\n", "VAT rate", what,
	        "before VAT", "VAT");
	for (size_t i = 0; i < n; i++) {
		snprintf(r, sizeof r, "%s%%", rate_format(l[i].rate, a));
		fprintf(out, "  %-10s %14s %14s %14s\n", r,
		        money_format(l[i].incl, a), money_format(l[i].before, b),
		        money_format(l[i].vat, c));
	}
	fputc('\n', out);
}

int report_statement(FILE *out, const struct project *p,
                     const struct closing *c, int32_t date, bool provisional,
                     bool names)
{
	char d[DATE_BUFSZ], s[DATE_BUFSZ], e[DATE_BUFSZ], r[MONEY_BUFSZ],
	     label[128];

	fprintf(out, "%s (%s), %s to %s\n", p->name, p->id,
	        date_format(p->start, s), date_format(p->end, e));
	if (provisional)
		fprintf(out, "Figures so far on %s (provisional: not closed)\n\n",
		        date_format(date, d));
	else
		fprintf(out, "Closing statement (bilan de clôture) of %s\n\n",
		        date_format(date, d));

	fputs("Sales (ventes)\n", out);
	vat_table(out, "incl. VAT", c->sales_vat, c->nsales_vat);
	fputs("Charges\n", out);
	vat_table(out, "incl. VAT", c->charges_vat, c->ncharges_vat);

	line(out, "Sales incl. VAT (ventes TTC)", c->sales_incl);
	line(out, "VAT collected (TVA collectée)", c->vat_collected);
	line(out, "Turnover (chiffre d'affaires HT)", c->turnover);
	line(out, "Charges incl. VAT (charges TTC)", c->charges_incl);
	line(out, "VAT deductible (TVA déductible)", c->vat_deductible);
	line(out, "Charges before VAT (charges HT)", c->charges);
	line(out, c->margin < 0 ? "Margin: a loss (perte)" :
	     "Margin (bénéfice)", c->margin);
	snprintf(label, sizeof label, "CAE contribution (%s%% of the %s)",
	         rate_format(p->cae_rate, r),
	         p->cae_base == CAE_BASE_TURNOVER ? "turnover" : "margin");
	line(out, label, c->contribution);
	line(out, c->distributable <= 0 ?
	     "Distributable result: nothing to pay" :
	     "Distributable result (résultat à répartir)", c->distributable);

	fprintf(out, "\nShares, %s (estimate for the CAE's payroll)\n",
	        p->share == SHARE_HOURS ? "by hours worked" :
	        "equal between those who worked");
	fprintf(out, "  %-6s%s %8s %12s %12s %12s %12s %12s\n", "id",
	        names ? "  name                " : "", "hours",
	        "share", "employer", "gross", "employee", "net");
	for (size_t i = 0; i < c->npay; i++) {
		const struct pay_line *l = &c->pay[i];
		char h[MONEY_BUFSZ], a[MONEY_BUFSZ], b[MONEY_BUFSZ],
		     g[MONEY_BUFSZ], ee[MONEY_BUFSZ], n[MONEY_BUFSZ];
		fprintf(out, "  %-6s", l->who->id);
		if (names) {
			fputs("  ", out);
			pad(out, l->who->name, 20);
		}
		fprintf(out, " %8s %12s %12s %12s %12s %12s%s\n",
		        money_format(l->hours, h), money_format(l->share, a),
		        money_format(l->employer, b), money_format(l->gross, g),
		        money_format(l->employee, ee), money_format(l->net, n),
		        l->hours == 0 ? "  (no hours)" : "");
	}
	fprintf(out, "  (share = employer cost: employer contributions %s%%, "
	        "employee contributions %s%% of gross)\n",
	        rate_format(p->employer_rate, r),
	        rate_format(p->employee_rate, label));
	return ferror(out) ? -1 : 0;
}
