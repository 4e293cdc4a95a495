#!/bin/sh
# The books' documents (SPEC §4, §6): the cash and the bank (deposits, the
# float, the counts' differences) in the entries and in flashcoop-report
# cash; the statement's margin and the income statement; Debian's hledger
# and ledger adding up our journal on their own; the trial balance
# (balance), the general ledger and the income statement (income), on one
# project and on two, open and closed, with and without --with-closing.
# The FEC, its stability, the VAT and the [accounts] are in
# t0600-entries.sh; the fixtures (books, books_closed, books_q) in lib.sh.
. "$(dirname "$0")/lib.sh"

# bal_report FILE: "ACCOUNT CENTS" per account of a balance report in CSV
# (the projects' rows), sorted.
bal_report() {
	pick "$1" project account balance | awk "$CENTS"'
	$1 != "total" { print $2, cents($3) }' | LC_ALL=C sort
}

# tool_balance TOOL JOURNAL: TOOL (hledger or ledger) adds the journal up
# without a word on stderr; "ACCOUNT CENTS" per account, zeros included,
# sorted.  hledger needs a UTF-8 locale for the labels.
tool_balance() {
	case $1 in
	hledger) hledger -f "$2" balance -N -E ;;
	ledger) ledger -f "$2" balance --flat --empty --no-total ;;
	esac >"$T/.bal" 2>"$T/.balerr"
	brc=$?
	if [ $brc != 0 ] || [ -s "$T/.balerr" ]; then
		echo "$1 -f $2 balance: exit $brc"
		cat "$T/.balerr"
		return 1
	fi
	awk "$CENTS"'
	$2 == "EUR" { print $3, cents($1); next }
	$1 == "0" { print $2, 0; next }
	NF { print "unexpected line: " $0; exit 1 }' "$T/.bal" | LC_ALL=C sort
}

# ---- 1. cash and bank ----

# 530: float 50.00 + 32.50 (cash sales) - 7.50 (void) - 12.00 (charge)
# - 0.50 (short) - 40.00 (deposit) = 22.50 = the last count (K00002).
# 5115: 24.00 (card sale).  5112: 10.00 in, 10.00 out.  512: -6.00 (card
# charge) + 40.00 + 10.00 = 44.00.
check 'cash and bank: 530 = the last count, 5115 the card, 5112 to 512 in BQ' '
	fresh && books && entries got -C p &&
	same 2250 "$(fec_account got 530)" &&
	same "22.50" "$(tail -n 1 p/ledger.csv | cut -d, -f7)" &&
	same 2400 "$(fec_account got 5115)" && same 0 "$(fec_account got 5112)" &&
	same 4400 "$(fec_account got 512)" &&
	same "BQ 512 10,00 0,00
BQ 5112 0,00 10,00" "$(awk -F"\t" "\$9 == \"BORD-7\" { print \$1, \$5, \$12, \$13 }" got)" &&
	same "CA 512 40,00 0,00
CA 530 0,00 40,00" "$(awk -F"\t" "\$9 == \"D00001\" { print \$1, \$5, \$12, \$13 }" got)"'

# The cash book: 05-05 (no count) 50.00 - 12.00 = 38.00; 05-09 expected
# 38.00 + 25.00 + 7.50 - 7.50 = 63.00, counted 62.50, -0.50; 05-10 opens on
# 62.50 and expects 62.50 - 40.00 (the deposit) = 22.50, counted 22.50.
check 'flashcoop-report cash: the expected cash lowered by the deposit' '
	fresh && books && rep c.csv -C p cash --format csv &&
	same "2026-05-05 38.00
2026-05-09 63.00 62.50 -0.50
2026-05-10 22.50 22.50 0.00" "$(pick c.csv project day expected counted difference |
		grep "^FC-TEST" | cut -d" " -f2- | sed "s/ *$//")"'

check 'a card deposit: BQ, 5115 to 512' '
	fresh && books && rec deposit --amount 24.00 --payment card --date 2026-05-11 >/dev/null &&
	entries got -C p && fec_layout got && balanced got &&
	same "BQ00002 512 24,00 0,00 Remise en banque (cartes)
BQ00002 5115 0,00 24,00 Remise en banque (cartes)" \
		"$(awk -F"\t" "\$9 == \"D00003\" { print \$3, \$5, \$12, \$13, \$11 }" got)" &&
	same 0 "$(fec_account got 5115)"'

check 'a deposit refused (65): amount 0, --payment transfer or other; 64 --category' '
	fresh && books &&
	refuses 65 p flashcoop-record -C p deposit --amount 0 --date 2026-05-10 &&
	refuses 65 p flashcoop-record -C p deposit --amount 5 --payment transfer \
		--date 2026-05-10 && said transfer &&
	refuses 65 p flashcoop-record -C p deposit --amount 5 --payment other \
		--date 2026-05-10 &&
	refuses 64 p flashcoop-record -C p deposit --amount 5 --category x \
		--date 2026-05-10'

# Both deposits voided (V00002 D00002 the cheques, V00003 D00001 the
# cash), each a reversing entry in its journal:
#   BQ00002 V00002: 5112 debit 10.00, 512 credit 10.00: 5112 back to 10.00
#   CA V00003: 530 debit 40.00, 512 credit 40.00: 512 back to -6.00
# The cash stayed in the drawer, but K00002 counted 22.50 on 05-10: 62.50
# expected, 40.00 short: 530 is still the last count, 22.50; 658 0.50 +
# 40.00 = 40.50; margin 53.18 - 18.87 - 40.50 = -6.19.
check 'deposits voided: reversing entries, the drawer 40.00 short' '
	fresh && books && rec void D00002 --reason "not taken" >/dev/null &&
	rec void D00001 --reason "not taken" >/dev/null &&
	{ flashcoop-check p >chk 2>&1 || { cat chk; exit 1; }; } &&
	entries got -C p && fec_layout got && balanced got &&
	same "BQ00002 512 0,00 10,00 Annulation de D00002 : not taken
BQ00002 5112 10,00 0,00 Annulation de D00002 : not taken" \
		"$(awk -F"\t" "\$9 == \"V00002\" { print \$3, \$5, \$12, \$13, \$11 }" got)" &&
	same "CA 512 0,00 40,00
CA 530 40,00 0,00" "$(awk -F"\t" "\$9 == \"V00003\" { print \$1, \$5, \$12, \$13 }" got)" &&
	same "1000 -600 2250 4050" "$(fec_account got 5112) $(fec_account got 512) $(fec_account got 530) $(fec_account got 658)" &&
	same -619 "$(summary margin p)" &&
	rep c.csv -C p cash --format csv &&
	same "62.50 22.50 -40.00" "$(pick c.csv day expected counted difference | grep "^2026-05-10 " | cut -d" " -f2-)"'

# ---- 2. the cash difference ----

# K00001 0.50 short: D 658 / C 530; margin 53.18 - 18.87 - 0.50 = 33.81.
check 'a shortage of 0.50: D 658 / C 530, margin = turnover - charges - 0.50' '
	fresh && books && entries got -C p &&
	same "658 0,50 0,00
530 0,00 0,50" "$(awk -F"\t" "\$9 == \"K00001\" { print \$5, \$12, \$13 }" got | sort -r)" &&
	same 3381 "$(summary margin p)" &&
	same $(( $(summary turnover p) - $(summary charges p) - 50 )) "$(summary margin p)" &&
	rep i.csv -C p income --format csv &&
	same "3381" "$(pick i.csv item amount | awk "$CENTS"" \$1 == \"result\" { print cents(\$2) }")"'

# K00003 05-11: 23.00 counted, 22.50 expected: 0.50 over: D 530 / C 758;
# the differences -0.50 + 0.50 = 0: margin 53.18 - 18.87 = 34.31; in the
# income statement 758 is other income 0.50, 658 other charges 0.50.
check 'a surplus of 0.50: D 530 / C 758, in the margin and the income result' '
	fresh && books && rec count --amount 23.00 --date 2026-05-11 >/dev/null &&
	entries got -C p &&
	same "CA00004 530 0,50 0,00 Écart de caisse du 2026-05-11 (excédent)
CA00004 758 0,00 0,50 Écart de caisse du 2026-05-11 (excédent)" \
		"$(awk -F"\t" "\$9 == \"K00003\" { print \$3, \$5, \$12, \$13, \$11 }" got)" &&
	same 3431 "$(summary margin p)" &&
	rep i.csv -C p income --format csv && pick i.csv item amount >items &&
	same "other_income 0.50" "$(grep "^other_income " items)" &&
	same "other_charges 0.50" "$(grep "^other_charges " items)" &&
	same "result 34.31" "$(grep "^result " items)"'

# ---- 3. hledger and ledger ----

# tools_agree DIR [--with-closing]: the ledger journal is clean under
# hledger check and ledger --strict, and both tools' balance of every
# account equals the balance report's.
tools_agree() {
	td=$1
	shift
	entries j -C "$td" --format ledger "$@" &&
	rep b.csv -C "$td" balance --format csv "$@" && bal_report b.csv >want &&
	out=$(hledger -f j check accounts commodities 2>&1) &&
	{ [ -z "$out" ] || { echo "hledger check: $out"; return 1; }; } &&
	out=$(ledger --strict -f j bal 2>&1 >/dev/null) &&
	{ [ -z "$out" ] || { echo "ledger --strict: $out"; return 1; }; } &&
	tool_balance hledger j >h && { cmp want h || { diff want h; return 1; }; } &&
	tool_balance ledger j >l && { cmp want l || { diff want l; return 1; }; }
}

if command -v hledger >/dev/null 2>&1 && command -v ledger >/dev/null 2>&1; then
	check 'hledger and ledger read the journal clean; their balances = balance' '
		fresh && books && tools_agree p && same 15 "$(wc -l <h)"'
	check 'the same on the closed project with --with-closing (OD included)' '
		fresh && books_closed && tools_agree p --with-closing &&
		grep -q "^7088 -338$" h && grep -q "^6411 2693$" l'
	# p's 701 as 7061: -33.18; 44571200: p's 4.00 + q's 1.67.
	check 'two folders, --detail, an override: clean, the balances by hand' '
		fresh && books p && books_q q && set_ini sales "7061 Ventes cookies" &&
		entries j --format hledger --detail p q &&
		out=$(hledger -f j check accounts commodities 2>&1; ledger --strict -f j bal 2>&1 >/dev/null) &&
		{ [ -z "$out" ] || { echo "$out"; exit 1; }; } &&
		tool_balance hledger j >h && tool_balance ledger j >l && cmp h l &&
		same "7061 -3318" "$(grep "^7061 " h)" &&
		same "44571200 -567" "$(grep "^44571200 " h)"'
else
	for c in 'hledger and ledger read the journal clean; their balances = balance' \
	         'the same on the closed project with --with-closing (OD included)' \
	         'two folders, --detail, an override: clean, the balances by hand'; do
		skip "$c" 'hledger or ledger is not installed'
	done
fi

# ---- 4. balance, general ledger, income ----

# The trial balance of books, by hand (accounts sorted as text):
# debits 0.63 + 1.50 + 0.40 + 10.00 + 24.00 + 50.00 + 82.50 + 11.37 + 2.50
# + 5.00 + 0.50 + 7.10 = 195.50; credits 2.22 + 4.00 + 53.00 + 10.00 + 6.00
# + 60.00 + 40.28 + 20.00 = 195.50.
BALANCE_WANT='project,account,label,debit,credit,balance
FC-TEST,44566055,TVA déductible sur autres biens et services 5.5 %,0.63,0.00,0.63
FC-TEST,44566200,TVA déductible sur autres biens et services 20 %,1.50,0.00,1.50
FC-TEST,44571055,TVA collectée 5.5 %,0.40,2.22,-1.82
FC-TEST,44571200,TVA collectée 20 %,0.00,4.00,-4.00
FC-TEST,4671,"CAE, compte courant",0.00,53.00,-53.00
FC-TEST,5112,Chèques à encaisser,10.00,10.00,0.00
FC-TEST,5115,Cartes bancaires à encaisser,24.00,0.00,24.00
FC-TEST,512,Banque,50.00,6.00,44.00
FC-TEST,530,Caisse,82.50,60.00,22.50
FC-TEST,601,Achats stockés - matières premières,11.37,0.00,11.37
FC-TEST,613,Locations,2.50,0.00,2.50
FC-TEST,6288,Autres services extérieurs divers,5.00,0.00,5.00
FC-TEST,658,Charges diverses de gestion courante,0.50,0.00,0.50
FC-TEST,701,Ventes de produits finis,7.10,40.28,-33.18
FC-TEST,707,Ventes de marchandises,0.00,20.00,-20.00
total,,,195.50,195.50,0.00'

check 'balance: the trial balance by hand, debits = credits, balances sum to 0' '
	fresh && books && rep got -C p balance --format csv &&
	printf "%s\n" "$BALANCE_WANT" >want && { cmp want got || { diff want got; exit 1; }; } &&
	same 0 "$(pick got balance | sed "\$d" | awk "$CENTS""{ s += cents(\$1) } END { print s + 0 }")"'

# Two folders: q adds 512 -50.00, 5115 +10.00, 613 41.67, 44566200 8.33,
# 44571200 -1.67, 701 -8.33, 530 and 4671 50.00 each; q's debits = credits
# = 50.00 + 10.00 + 41.67 + 8.33 = 110.00; all: 305.50.
check 'balance of two folders: a total row per account, then the last total' '
	fresh && books p && books_q q && rep got balance --format csv p q &&
	pick got project account debit credit balance >rows &&
	awk "$CENTS"'"'"'
	$1 != "total" { d[$2] += cents($3); c[$2] += cents($4); b[$2] += cents($5); next }
	NF == 5 { t++; if (d[$2] != cents($3) || c[$2] != cents($4) || b[$2] != cents($5)) {
		print "total of " $2 " is not the sum"; bad = 1 } }
	END { exit bad || t < 15 }'"'"' rows &&
	same "total 5115 34.00 0.00 34.00" "$(grep "^total 5115 " rows)" &&
	same "total 512 50.00 56.00 -6.00" "$(grep "^total 512 " rows)" &&
	same "total  305.50 305.50 0.00" "$(tail -n 1 rows)"'

check 'general-ledger: each account'"'"'s running balance ends at the balance report' '
	fresh && books_closed && rep gl.csv -C p general-ledger --format csv --with-closing &&
	rep b.csv -C p balance --format csv --with-closing &&
	pick gl.csv project account balance | awk "$CENTS""\$1 != \"total\" { last[\$2] = cents(\$3) }
		END { for (a in last) print a, last[a] }" | LC_ALL=C sort >g &&
	bal_report b.csv >b && { cmp b g || { diff b g; exit 1; }; } &&
	same "$(tail -n 1 b.csv | cut -d, -f4,5)" "$(pick gl.csv debit credit | tail -n 1 | tr " " ,)" &&
	same "530 2026-05-04 CA00001 50.00
530 2026-05-09 VT00001 82.50
530 2026-05-09 VT00004 75.00
530 2026-05-05 AC00001 63.00
530 2026-05-09 CA00002 62.50
530 2026-05-10 CA00003 22.50" "$(pick gl.csv account date number balance | grep "^530 ")"'

# The income statement of books (open): 707 20.00, 701 33.18; 601 11.37;
# 613 2.50 + 6288 5.00 = 7.50; 658 0.50; charges 19.37; 53.18 - 19.37 =
# 33.81 = the margin.
INCOME_WANT='project,item,label,amount
FC-TEST,sales_goods,Ventes de marchandises,20.00
FC-TEST,production_sold,Production vendue (biens et services),33.18
FC-TEST,operating_income,Total des produits d'"'"'exploitation,53.18
FC-TEST,purchases_materials,Achats de matières premières et autres approvisionnements,11.37
FC-TEST,external_charges,Autres achats et charges externes,7.50
FC-TEST,other_charges,Autres charges d'"'"'exploitation,0.50
FC-TEST,operating_charges,Total des charges d'"'"'exploitation,19.37
FC-TEST,operating_result,Résultat d'"'"'exploitation,33.81
FC-TEST,financial_result,Résultat financier,0.00
FC-TEST,exceptional_result,Résultat exceptionnel,0.00
FC-TEST,result,Résultat (bénéfice ou perte),33.81'

check 'income (open project): by hand; result = the summary'"'"'s margin' '
	fresh && books && rep got -C p income --format csv &&
	printf "%s\n" "$INCOME_WANT" >want && { cmp want got || { diff want got; exit 1; }; } &&
	same 3381 "$(summary margin p)"'

check 'income (closed, without --with-closing): result = the sealed margin' '
	fresh && books_closed && rep got -C p income --format csv &&
	same "result 33.81" "$(pick got item amount | tail -n 1)" &&
	grep -q "^margin *= 33.81$" p/closing.ini'

# With the closing: 6228 3.38 to external charges (7.50 + 3.38 = 10.88),
# 7088 on the CAE's section (not the project's); salaries 26.93 and social
# charges 3.50 = closing.csv's sums; 53.18 - (11.37 + 10.88 + 26.93 + 3.50
# + 0.50 = 53.18) = 0.00.
check 'income --with-closing (closed, shares paid): result 0.00, pay = closing.csv' '
	fresh && books_closed && rep got -C p income --format csv --with-closing &&
	pick got item amount >items &&
	same "result 0.00" "$(tail -n 1 items)" &&
	same "external_charges 10.88" "$(grep "^external_charges " items)" &&
	same "operating_income 53.18" "$(grep "^operating_income " items)" &&
	same "salaries $(pick p/closing.csv gross | awk "$CENTS""{ s += cents(\$1) } END { printf \"%.2f\", s / 100 }")" \
		"$(grep "^salaries " items)" &&
	same "social_charges $(pick p/closing.csv employer_contributions | awk "$CENTS""{ s += cents(\$1) } END { printf \"%.2f\", s / 100 }")" \
		"$(grep "^social_charges " items)" &&
	same "salaries 26.93" "$(grep "^salaries " items)" &&
	same "social_charges 3.50" "$(grep "^social_charges " items)"'

# q closed: a loss, margin 8.33 - 41.67 = -33.34, no contribution (the
# base is never below 0), nothing paid: no OD entry, result = the margin.
check 'income --with-closing of a loss: result = the margin, no OD entry' '
	fresh && books_q q && flashcoop-close -C q --date 2026-06-07 --allow-unclosed >/dev/null &&
	rep got -C q income --format csv --with-closing &&
	same "result -33.34" "$(pick got item amount | tail -n 1)" &&
	same -3334 "$(summary margin q)" &&
	entries a -C q && entries b -C q --with-closing && cmp a b'

# Two folders: q's result 8.33 - 41.67 = -33.34; total 33.81 - 33.34 = 0.47.
check 'income of two folders: each project, then a total per item' '
	fresh && books p && books_q q && rep got income --format csv p q &&
	pick got project item amount >rows &&
	same "FC-B result -33.34" "$(grep "^FC-B result " rows)" &&
	same "total result 0.47" "$(grep "^total result " rows)" &&
	same "total external_charges 49.17" "$(grep "^total external_charges " rows)"'

done_testing
