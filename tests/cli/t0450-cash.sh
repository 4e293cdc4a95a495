#!/bin/sh
# The cash drawer (brouillard de caisse): counts, report cash, and the
# closing's cash difference and refusal of uncounted days.
. "$(dirname "$0")/lib.sh"

# A week with a float of 50.00, three selling days, a cash charge, a
# voided cash sale; day 1 counted exactly, day 2 with a surplus, day 3
# with a shortage.  By hand:
#   05-05  opening 50.00, cash sales 12.50 (5 cookies), a cash charge
#          10.00: expected 52.50; counted 52.50: exact.
#   05-06  opening 52.50, cash sales 7.50 + 2.50 voided = 7.50:
#          expected 60.00; counted 61.00: surplus 1.00.
#   05-07  opening 61.00, cash sales 25.00 (10 cookies), a card sale
#          (not cash): expected 86.00; counted 85.20: shortage -0.80.
#   total cash sales 45.00, cash charges 10.00, difference 0.20.
week() {
	fresh &&
	flashcoop-init p --name Cash --id FC-CASH --start 2026-05-04 \
		--end 2026-05-10 >/dev/null &&
	sed -i 's/^cash_float .*/cash_float = 50.00/' p/flashcoop.ini &&
	echo 'cookie = 2.50, 5.5' >>p/flashcoop.ini &&
	flashcoop-enroll -C p Ada --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-record -C p hours --participant P001 --hours 5 --date 2026-05-05 >/dev/null &&
	flashcoop-record -C p sale --product cookie --qty 5 --date 2026-05-05 >/dev/null &&
	flashcoop-record -C p charge --amount 10 --category stand --payment cash --date 2026-05-05 >/dev/null &&
	flashcoop-record -C p count --amount 52.50 --date 2026-05-05 --note Ada >/dev/null &&
	flashcoop-record -C p sale --product cookie --qty 3 --date 2026-05-06 >/dev/null &&
	flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-06 >/dev/null &&
	flashcoop-record -C p void S00003 --reason "not sold" >/dev/null &&
	flashcoop-record -C p count --amount 61,00 --date 2026-05-06 >/dev/null &&
	flashcoop-record -C p sale --product cookie --qty 10 --date 2026-05-07 >/dev/null &&
	flashcoop-record -C p sale --product cookie --qty 4 --payment card --date 2026-05-07 >/dev/null
}

check 'report cash: every figure of the week, by hand' '
	week && flashcoop-record -C p count --amount 85.20 --date 2026-05-07 >/dev/null &&
	flashcoop-report -C p cash --format csv >got &&
	cat >want <<-CSV &&
	project,day,opening,cash_sales,cash_charges,deposits,expected,counted,difference,status
	FC-CASH,2026-05-05,50.00,12.50,10.00,0.00,52.50,52.50,0.00,exact
	FC-CASH,2026-05-06,52.50,7.50,0.00,0.00,60.00,61.00,1.00,surplus
	FC-CASH,2026-05-07,61.00,25.00,0.00,0.00,86.00,85.20,-0.80,shortage
	total,,,45.00,10.00,0.00,,,0.20,
	CSV
	diff want got'

check 'a later count of the same day replaces the first' '
	week && flashcoop-record -C p count --amount 80 --date 2026-05-07 >/dev/null &&
	flashcoop-record -C p count --amount 86 --date 2026-05-07 >/dev/null &&
	flashcoop-report -C p cash --format csv | grep -qx "FC-CASH,2026-05-07,61.00,25.00,0.00,0.00,86.00,86.00,0.00,exact"'

check 'an uncounted day with cash sales: check warns (exit 0), close refuses (65)' '
	week && flashcoop-check p 2>err >out && [ ! -s out ] &&
	grep -q "warning: 2026-05-07 has cash sales but no count" err &&
	flashcoop-report -C p cash --format csv | grep -q ",2026-05-07,61.00,25.00,0.00,0.00,86.00,,,uncounted$" &&
	exits 65 flashcoop-close -C p --date 2026-05-10 --allow-unclosed && said "allow-uncounted" &&
	[ ! -e p/closing.ini ]'

check 'close --allow-uncounted: closed, the statement says so and shows the difference' '
	week && flashcoop-close -C p --date 2026-05-10 --allow-unclosed --allow-uncounted >out &&
	grep -q "Cash difference (écart de caisse) *1.00$" out &&
	grep -q "1 day with cash sales not counted" out && [ -e p/closing.ini ]'

check 'the closing statement shows the week'"'"'s cash difference as its own line' '
	week && flashcoop-record -C p count --amount 85.20 --date 2026-05-07 >/dev/null &&
	flashcoop-close -C p --date 2026-05-10 --allow-unclosed >out &&
	grep -q "Cash difference (écart de caisse) *0.20$" out'

check 'refused counts: negative, malformed, outside the period, without amount, after close' '
	week &&
	unchanged p flashcoop-record -C p count --amount -5 --date 2026-05-07 &&
	unchanged p flashcoop-record -C p count --amount 12.345 --date 2026-05-07 &&
	unchanged p flashcoop-record -C p count --amount 12€ --date 2026-05-07 &&
	unchanged p flashcoop-record -C p count --amount 10 --date 2026-05-11 &&
	exits 64 flashcoop-record -C p count --date 2026-05-07 &&
	flashcoop-close -C p --date 2026-05-10 --allow-unclosed --allow-uncounted >/dev/null &&
	exits 77 flashcoop-record -C p count --amount 10 --date 2026-05-07'

# A deposit takes cash out of the drawer (SPEC §6): on 05-07, 80.00 to
# the bank before the count; opening 61.00 + 25.00 - 80.00 = 6.00
# expected; 5.20 counted: 0.80 short, as before.  A cheque deposit leaves
# the drawer as it is; its void puts the cash back.
check 'a deposit leaves the drawer: the expected cash follows it' '
	week && exits 0 flashcoop-record -C p deposit --amount 80 --date 2026-05-07 \
		--ref REMISE-1 && out "^D00001$" &&
	exits 0 flashcoop-record -C p deposit --amount 5 --payment cheque \
		--date 2026-05-07 && out "^D00002$" &&
	flashcoop-record -C p count --amount 5.20 --date 2026-05-07 >/dev/null &&
	flashcoop-report -C p cash --format csv | grep -qx "FC-CASH,2026-05-07,61.00,25.00,0.00,80.00,6.00,5.20,-0.80,shortage" &&
	same "D00001,2026-05-07,deposit,,,,80.00,,,cash,,REMISE-1,,," \
		"$(plain p/ledger.csv | grep ^D00001)" &&
	exits 0 flashcoop-record -C p void D00001 --reason "not taken" &&
	flashcoop-report -C p cash --format csv | grep -qx "FC-CASH,2026-05-07,61.00,25.00,0.00,0.00,86.00,5.20,-80.80,shortage"'

check 'refused deposits: no amount, 0, negative, a transfer, a VAT rate; nothing written' '
	week &&
	exits 64 flashcoop-record -C p deposit --date 2026-05-07 &&
	unchanged p flashcoop-record -C p deposit --amount 0 --date 2026-05-07 &&
	said "a deposit needs an amount above 0" &&
	unchanged p flashcoop-record -C p deposit --amount -5 --date 2026-05-07 &&
	unchanged p flashcoop-record -C p deposit --amount 5 --payment transfer --date 2026-05-07 &&
	said "a deposit takes cash, cheques or the card receipts" &&
	exits 64 flashcoop-record -C p deposit --amount 5 --vat 20 --date 2026-05-07'

check 'a count is not voided; its id is K' '
	week && id=$(flashcoop-record -C p count --amount 85.20 --date 2026-05-07) &&
	[ "$id" = K00003 ] && unchanged p flashcoop-record -C p void K00003 --reason x'

done_testing
