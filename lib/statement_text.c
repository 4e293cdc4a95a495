#include <stdio.h>
#include <string.h>

#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/grid.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/numfmt.h"
#include "flashcoop/participant.h"
#include "flashcoop/project.h"
#include "flashcoop/statement.h"
#include "flashcoop/text.h"

/* The widths of the columns, in characters. */
enum {
	LABEL_WIDTH = 46,        /* a line's label */
	AMOUNT_WIDTH = 16,       /* its amount, and the VAT tables' */
	RATE_WIDTH = 10,         /* a VAT rate */
	ID_WIDTH = 6,            /* a participant's id */
	NAME_WIDTH = 20,         /* and name */
	HOURS_WIDTH = 8,         /* the hours of a share */
	PAY_WIDTH = 10,          /* a share and its parts (no currency
	                            sign: 99 999,99 fits) */
	PER_HOUR_WIDTH = 9       /* the gross pay an hour */
};

#define INDENT "  "

static const char *const labels[STATEMENT_NLABELS] = {
	[STATEMENT_SALES_INCL] = N_("Sales incl. VAT (ventes TTC)"),
	[STATEMENT_VAT_COLLECTED] = N_("VAT collected (TVA collectée)"),
	[STATEMENT_TURNOVER] = N_("Turnover (chiffre d'affaires HT)"),
	[STATEMENT_CHARGES_INCL] = N_("Charges incl. VAT (charges TTC)"),
	[STATEMENT_VAT_DEDUCTIBLE] = N_("VAT deductible (TVA déductible)"),
	[STATEMENT_CHARGES] = N_("Charges before VAT (charges HT)"),
	[STATEMENT_MARGIN] = N_("Margin (bénéfice)"),
	[STATEMENT_LOSS] = N_("Margin: a loss (perte)"),
	[STATEMENT_CONTRIBUTION_OF_MARGIN] =
		N_("CAE contribution (%s%% of the margin)"),
	[STATEMENT_CONTRIBUTION_OF_TURNOVER] =
		N_("CAE contribution (%s%% of the turnover)"),
	[STATEMENT_DISTRIBUTABLE] =
		N_("Distributable result (résultat à répartir)"),
	[STATEMENT_NOTHING_TO_PAY] = N_("Distributable result: nothing to pay"),
	[STATEMENT_CASH_DIFFERENCE] = N_("Cash difference (écart de caisse)"),
	[STATEMENT_CASH_SHORTAGE] =
		N_("Cash difference: a shortage (écart de caisse)"),
};

/* s, then spaces up to width characters (not bytes: "é" is one). */
static void pad(FILE *out, const char *s, size_t width)
{
	size_t w = text_width(s);
	fputs(s, out);
	for (; w < width; w++)
		fputc(' ', out);
}

/* Spaces, then s, right-aligned in width characters. */
static void right(FILE *out, const char *s, size_t width)
{
	for (size_t w = text_width(s); w < width; w++)
		fputc(' ', out);
	fputs(s, out);
}

/* Cents or hundredths of an hour, right-aligned, the locale's way (with
 * the currency when French and currency). */
static void amount(FILE *out, int64_t v, size_t width, bool currency)
{
	char h[NUMFMT_BUFSZ];
	right(out, numfmt_text(v, 2, currency, h), width);
}

static void vat_table(FILE *out, const struct vat_line *l, size_t n)
{
	char r[MONEY_BUFSZ + 1], a[MONEY_BUFSZ];

	if (!n) {
		fputs(_("  (none)\n\n"), out);
		return;
	}
	fputs(INDENT, out);
	pad(out, _("VAT rate"), RATE_WIDTH);
	right(out, _("incl. VAT"), AMOUNT_WIDTH);
	right(out, _("before VAT"), AMOUNT_WIDTH);
	right(out, _("VAT"), AMOUNT_WIDTH);
	fputc('\n', out);
	for (size_t i = 0; i < n; i++) {
		snprintf(r, sizeof r, "%s%%", money_rate_format(l[i].rate, a));
		fputs(INDENT, out);
		pad(out, r, RATE_WIDTH);
		amount(out, l[i].incl, AMOUNT_WIDTH, true);
		amount(out, l[i].before, AMOUNT_WIDTH, true);
		amount(out, l[i].vat, AMOUNT_WIDTH, true);
		fputc('\n', out);
	}
	fputc('\n', out);
}

/* The heading's two lines, each ending in a line break (the second in
 * two). */
static void heading_lines(const struct project *p, int32_t date,
                          bool provisional, char *l1, char *l2, size_t size)
{
	char d[DATE_BUFSZ], s[DATE_BUFSZ], e[DATE_BUFSZ];

	snprintf(l1, size, _("%s (%s), %s to %s\n"), p->name, p->id,
	         date_format(p->start, s), date_format(p->end, e));
	date_format(date, d);
	if (provisional)
		snprintf(l2, size, _("Figures so far on %s (provisional: not "
		                     "closed)\n\n"), d);
	else
		snprintf(l2, size, _("Closing statement (bilan de clôture) of "
		                     "%s\n\n"), d);
}

static void heading(FILE *out, const struct project *p, int32_t date,
                    bool provisional)
{
	char l1[512], l2[512];

	heading_lines(p, date, provisional, l1, l2, sizeof l2);
	fputs(l1, out);
	fputs(l2, out);
}

/* The label of row i, translated, its rate filled in. */
static const char *label_of(const struct statement *st, size_t i,
                            char *buf, size_t size)
{
	const struct statement_row *row = &st->row[i];
	const char *l = gettext(labels[row->label]);
	char r[MONEY_BUFSZ];

	if (row->label != STATEMENT_CONTRIBUTION_OF_MARGIN &&
	    row->label != STATEMENT_CONTRIBUTION_OF_TURNOVER)
		return l;
	snprintf(buf, size, l, money_rate_format(st->cae_rate, r));
	return buf;
}

/* The rows of the statement. */
static void rows(FILE *out, const struct statement *st)
{
	char label[256];

	for (size_t i = 0; i < st->n; i++) {
		const struct statement_row *row = &st->row[i];
		const char *l = label_of(st, i, label, sizeof label);
		fputs(INDENT, out);
		pad(out, l, LABEL_WIDTH);
		amount(out, row->amount, AMOUNT_WIDTH, true);
		fputc('\n', out);
	}
}

static void uncounted(FILE *out, const struct closing *c)
{
	if (c->uncounted)
		fprintf(out, ngettext("  (%zu day with cash sales not counted:\n"
		                      "   the difference is of the counted days "
		                      "only)\n",
		                      "  (%zu days with cash sales not counted:\n"
		                      "   the difference is of the counted days "
		                      "only)\n", c->uncounted), c->uncounted);
}

static void shares_head(FILE *out, const struct project *p, bool names)
{
	fputs(p->share == SHARE_HOURS ?
	      _("\nShares, by hours worked (estimate for the CAE's payroll)\n") :
	      _("\nShares, equal between those who worked (estimate for the "
	        "CAE's payroll)\n"), out);
	fputs(INDENT, out);
	pad(out, _("id"), ID_WIDTH);
	if (names) {
		fputs(INDENT, out);
		pad(out, _("name"), NAME_WIDTH);
	}
	fputs(" ", out);
	right(out, _("hours"), HOURS_WIDTH);
	right(out, _("share"), PAY_WIDTH);
	right(out, _("employer"), PAY_WIDTH);
	right(out, _("gross"), PAY_WIDTH);
	right(out, _("employee"), PAY_WIDTH);
	right(out, _("net"), PAY_WIDTH);
	right(out, _("gross/h"), PER_HOUR_WIDTH);
	fputc('\n', out);
}

static void share_line(FILE *out, const struct pay_line *l, bool names)
{
	fputs(INDENT, out);
	pad(out, l->who->id, ID_WIDTH);
	if (names) {
		fputs(INDENT, out);
		pad(out, l->who->name, NAME_WIDTH);
	}
	fputs(" ", out);
	amount(out, l->hours, HOURS_WIDTH, false);
	amount(out, l->share, PAY_WIDTH, false);
	amount(out, l->employer, PAY_WIDTH, false);
	amount(out, l->gross, PAY_WIDTH, false);
	amount(out, l->employee, PAY_WIDTH, false);
	amount(out, l->net, PAY_WIDTH, false);
	if (l->hours == 0) {
		fputs(_("  (no hours)\n"), out);
		return;
	}
	amount(out, l->per_hour, PER_HOUR_WIDTH, false);
	fputs(l->below_min ? " !\n" : "\n", out);
}

static void shares(FILE *out, const struct project *p,
                   const struct closing *c, bool names)
{
	char r[MONEY_BUFSZ], r2[MONEY_BUFSZ];

	shares_head(out, p, names);
	for (size_t i = 0; i < c->npay; i++)
		share_line(out, &c->pay[i], names);
	fprintf(out, _("  (share = employer cost: employer contributions %s%%,\n"
	        "   employee contributions %s%% of gross)\n"),
	        money_rate_format(p->employer_rate, r),
	        money_rate_format(p->employee_rate, r2));
	if (c->below_min)
		fprintf(out, _("  (!: gross pay an hour below min_hourly_gross, "
		        "%s: the CAE decides)\n"),
		        money_format(p->min_hourly_gross, r));
}

int statement_write_text(FILE *out, const struct project *p,
                         const struct closing *c, int32_t date,
                         bool provisional, bool names, struct fc_error *e)
{
	struct statement st;
	int rc = statement_build(p, c, &st, e);

	if (rc)
		return rc;
	heading(out, p, date, provisional);
	fputs(_("Sales (ventes)\n"), out);
	vat_table(out, c->sales_vat, c->nsales_vat);
	fputs(_("Charges\n"), out);
	vat_table(out, c->charges_vat, c->ncharges_vat);
	rows(out, &st);
	uncounted(out, c);
	shares(out, p, c, names);
	return 0;
}

/* A line of the heading as a row: its text without its line breaks. */
static int heading_row(struct grid *g, char *line)
{
	line[strcspn(line, "\n")] = '\0';
	return grid_text(g, line) | grid_empty(g) | grid_end_row(g);
}

int statement_grid(struct grid *g, const struct project *p,
                   const struct closing *c, int32_t date, bool provisional,
                   struct fc_error *e)
{
	struct statement st;
	char l1[512], l2[512], label[256];
	int rc = statement_build(p, c, &st, e), bad;

	if (rc)
		return rc;
	memset(g, 0, sizeof *g);
	heading_lines(p, date, provisional, l1, l2, sizeof l2);
	bad = grid_column(g, N_("line"), CELL_TEXT, 0) |
	      grid_column(g, N_("amount"), CELL_MONEY, 0);
	bad = bad || heading_row(g, l1) || heading_row(g, l2);
	for (size_t i = 0; !bad && i < st.n; i++)
		bad = grid_text(g, label_of(&st, i, label, sizeof label)) |
		      grid_number(g, st.row[i].amount) | grid_end_row(g);
	if (bad) {
		grid_free(g);
		return fc_fail(e, FC_IOERR, "out of memory");
	}
	return 0;
}
