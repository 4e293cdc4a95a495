#include <stdio.h>
#include <string.h>

#include "flashcoop/closing.h"
#include "flashcoop/date.h"
#include "flashcoop/groups.h"
#include "flashcoop/i18n.h"
#include "flashcoop/money.h"
#include "flashcoop/participant.h"
#include "flashcoop/payroll.h"
#include "flashcoop/project.h"
#include "flashcoop/report.h"

const struct report_column payroll_columns[] = {
	{ N_("participant"), CELL_TEXT, 0 },
	{ N_("name"), CELL_TEXT, 0 },
	{ N_("contract"), CELL_TEXT, 0 },
	{ N_("contract_type"), CELL_TEXT, 0 },
	{ N_("enrolled"), CELL_TEXT, 0 },
	{ N_("withdrawn"), CELL_TEXT, 0 },
	{ N_("hours"), CELL_HOURS, 0 },
	{ N_("hours_by_day"), CELL_TEXT, 0 },
	{ N_("share"), CELL_MONEY, 0 },
	{ N_("employer_contributions"), CELL_MONEY, 0 },
	{ N_("gross"), CELL_MONEY, 0 },
	{ N_("employee_contributions"), CELL_MONEY, 0 },
	{ N_("net"), CELL_MONEY, 0 },
	{ N_("gross_per_hour"), CELL_MONEY, GRID_NO_TOTAL },
	{ N_("below_minimum"), CELL_TEXT, 0 },
	{ N_("status"), CELL_TEXT, 0 },
	{ NULL, CELL_TEXT, 0 }
};

void payroll_days(const struct groups *g, const char *id, char *buf,
                  size_t size)
{
	size_t len = 0;

	*buf = '\0';
	for (size_t i = 0; i < g->n; i++) {
		const struct group *gr = &g->v[i];
		char h[MONEY_BUFSZ];
		int n;
		if (gr->hours == 0 || strcmp(gr->value[DIM_PARTICIPANT], id) != 0)
			continue;
		n = snprintf(buf + len, size - len, "%s%s=%s", len ? " " : "",
		             gr->value[DIM_DAY], money_format(gr->hours, h));
		if (n < 0 || (size_t)n >= size - len) {
			buf[len] = '\0';
			return;
		}
		len += (size_t)n;
	}
}

/* The row of a pay line. */
static int pay_row(struct report *r, const struct report_input *in,
                   const struct pay_line *l, bool closed, struct fc_error *e)
{
	struct grid *g = &r->grid;
	const struct participant *pt = l->who;
	char en[DATE_BUFSZ], wd[DATE_BUFSZ] = "", days[4096];

	if (pt->withdrawn != DATE_NONE)
		date_format(pt->withdrawn, wd);
	payroll_days(in->g, pt->id, days, sizeof days);
	grid_text(g, in->p->id);
	grid_text(g, pt->id);
	grid_text(g, pt->name);
	grid_text(g, pt->contract);
	grid_text(g, *pt->contract_type ? pt->contract_type :
	          PARTICIPANT_DEFAULT_CONTRACT);
	grid_text(g, date_format(pt->enrolled, en));
	grid_text(g, wd);
	grid_number(g, l->hours);
	grid_text(g, days);
	grid_number(g, l->share);
	grid_number(g, l->employer);
	grid_number(g, l->gross);
	grid_number(g, l->employee);
	grid_number(g, l->net);
	if (l->hours) {
		grid_number(g, l->per_hour);
		grid_text(g, l->below_min ? "yes" : "no");
	} else {           /* no hours: no pay an hour, as the statement */
		grid_empty(g);
		grid_text(g, "no");
	}
	grid_text(g, closed ? "closed" : "estimate");
	return report_end_row(r, e);
}

int payroll_rows(struct report *r, const struct report_input *in,
                 struct fc_error *e)
{
	struct closing c;
	bool closed = project_closed(in->p->dir);
	int rc = closing_compute(in->p, in->ps, in->t, &c, e);

	if (rc)
		return rc;
	groups_sort(in->g);
	for (size_t i = 0; !rc && i < c.npay; i++)
		rc = pay_row(r, in, &c.pay[i], closed, e);
	closing_free(&c);
	return rc;
}
