/*
 * days: the daily closings (Z) of SPEC §5 in days.csv, one per terminal
 * and day closed, chained as the ledgers are and signed by the terminal's
 * key.
 */
#ifndef FLASHCOOP_DAYS_H
#define FLASHCOOP_DAYS_H

#define DAYS_HEADER "id,date,terminal,recorded_at,sales_incl_vat," \
	"vat_by_rate,sales_by_payment,cash_counted,period_total," \
	"perpetual_total,ledger_head,hours_head,signature,chain"

#endif
