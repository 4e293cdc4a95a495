#include <string.h>

#include "flashcoop/closing.h"
#include "flashcoop/money.h"
#include "flashcoop/project.h"
#include "flashcoop/statement.h"

static void add(struct statement *s, enum statement_label label,
                int64_t amount, enum statement_kind kind)
{
	s->row[s->n++] = (struct statement_row){ label, amount, kind };
}

/* The sums of the pay lines; -1 when one does not fit. */
static int pay_total(const struct closing *c, struct pay_line *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < c->npay; i++) {
		const struct pay_line *l = &c->pay[i];
		if (money_add(t->hours, l->hours, &t->hours) < 0 ||
		    money_add(t->share, l->share, &t->share) < 0 ||
		    money_add(t->employer, l->employer, &t->employer) < 0 ||
		    money_add(t->gross, l->gross, &t->gross) < 0 ||
		    money_add(t->employee, l->employee, &t->employee) < 0 ||
		    money_add(t->net, l->net, &t->net) < 0)
			return -1;
	}
	return 0;
}

int statement_build(const struct project *p, const struct closing *c,
                    struct statement *s, struct fc_error *e)
{
	memset(s, 0, sizeof *s);
	s->cae_rate = p->cae_rate;
	add(s, STATEMENT_SALES_INCL, c->sales_incl, STATEMENT_LINE);
	add(s, STATEMENT_VAT_COLLECTED, c->vat_collected, STATEMENT_LINE);
	add(s, STATEMENT_TURNOVER, c->turnover, STATEMENT_SUBTOTAL);
	add(s, STATEMENT_CHARGES_INCL, c->charges_incl, STATEMENT_LINE);
	add(s, STATEMENT_VAT_DEDUCTIBLE, c->vat_deductible, STATEMENT_LINE);
	add(s, STATEMENT_CHARGES, c->charges, STATEMENT_SUBTOTAL);
	/* Part of the result (SPEC §4): the books take it to 658 or 758. */
	add(s, c->cash_difference < 0 ? STATEMENT_CASH_SHORTAGE :
	    STATEMENT_CASH_DIFFERENCE, c->cash_difference, STATEMENT_CASH);
	add(s, c->margin < 0 ? STATEMENT_LOSS : STATEMENT_MARGIN, c->margin,
	    STATEMENT_SUBTOTAL);
	add(s, p->cae_base == CAE_BASE_TURNOVER ?
	    STATEMENT_CONTRIBUTION_OF_TURNOVER :
	    STATEMENT_CONTRIBUTION_OF_MARGIN, c->contribution, STATEMENT_LINE);
	add(s, c->distributable <= 0 ? STATEMENT_NOTHING_TO_PAY :
	    STATEMENT_DISTRIBUTABLE, c->distributable, STATEMENT_RESULT);
	if (pay_total(c, &s->pay_total) < 0)
		return fc_fail(e, FC_DATAERR, "amounts too large");
	return 0;
}
