#!/bin/sh
# The books (SPEC §4, §6): flashcoop-report entries as a FEC, a
# ledger/hledger journal and CSV, and what feeds it: deposits, the
# receipt's VAT (--vat-amount), the float and the counts' differences, the
# [accounts] of flashcoop.ini.
# A small project's FEC compared byte for byte with one worked out by hand;
# the FEC's layout and the DGFiP's checks (one journal, date and piece per
# EcritureNum, numbers contiguous per journal, ValidDate in order), also
# over two folders; its stability when rows are recorded later; the VAT of
# 400 sales entry by entry; the VAT of charges; the [accounts] overrides;
# --with-closing; usage errors.  The cash and bank, hledger and ledger,
# balance, general-ledger and income: t0610-books.sh.  The helpers and
# fixtures of both (books, books_closed, books_q) are in lib.sh.
# Every figure below is worked out by hand in a comment: cents, round half
# up, H = round(T x 10000 / (10000 + r)) for sales incl. VAT T at rate r
# (hundredths of a percent).
. "$(dirname "$0")/lib.sh"


# ---- 1. the FEC ----

check 'the FEC byte for byte (float, grouped sales, void, charges, cash, deposits)' '
	fresh && books && entries got -C p --format fec && fec_want want &&
	{ cmp want got || { diff want got; exit 1; }; }'

check 'fec is the default format: real tabs, LF line ends, a final newline' '
	fresh && books && entries a -C p && entries b -C p --format fec &&
	cmp a b && ! grep -q "$(printf "\r")" a &&
	[ "$(tail -c 1 a | od -An -c | tr -d " ")" = "\n" ] &&
	same 17 "$(head -n 1 a | tr -cd "\t" | wc -c)"'

check 'the FEC layout and the DGFiP checks; every entry and journal balanced' '
	fresh && books && entries got -C p && fec_layout got && balanced got &&
	same 1 "$(grep -c "^JournalCode" got)" &&
	same "AC BQ CA VT" "$(sed 1d got | cut -f1 | sort -u | xargs)"'

check 'the layout checks fail on a broken FEC (they can fail)' '
	fresh && books && entries got -C p &&
	sed "3s/CA00001/CA00002/" got >b1 && ! fec_layout b1 >/dev/null &&
	sed "4s/	32,50	0,00/	32,50	1,00/" got >b2 && ! fec_layout b2 >/dev/null &&
	sed "4s/	32,50	/	32,51	/" got >b3 && ! balanced b3 >/dev/null &&
	sed "2s/	20260504		$/	20991231		/" got >b4 && ! fec_layout b4 >/dev/null &&
	{ sed -n 1p got; sed 1d got | grep -v "^VT	Ventes	VT00002"; } >b5 &&
	! fec_layout b5 >/dev/null'

# turnover 33.18 + 20.00 = 53.18; VAT collected 1.82 + 4.00 = 5.82;
# charges 11.37 + 5.00 + 2.50 = 18.87; VAT deductible 0.63 + 1.00 + 0.50
# = 2.13.
check 'the FEC agrees with the summary: turnover, VAT, charges' '
	fresh && books && entries got -C p &&
	same 5318 "$(summary turnover p)" && same 582 "$(summary vat_collected p)" &&
	same 1887 "$(summary charges p)" && same 213 "$(summary vat_deductible p)" &&
	same -5318 "$(fec_account got "70*")" &&
	same -582 "$(fec_account got "44571*")" &&
	same 213 "$(fec_account got "44566*")" &&
	same 1887 "$(fec_account got "60*" "61*" "62*")"'

# Two folders: p (FC-TEST) and q (FC-B).  By ValidDate, then project: p's
# float (2026-05-04) CA00001, q's (2026-06-01) CA00002; then today p's
# VT00001-4, AC00001-3, CA00003 (K00001), CA00004 (D00001), BQ00001, then
# q's VT00005 and AC00004.
check 'two folders: one FEC, numbers contiguous across both, PieceRef ID-' '
	fresh && books p && books_q q && entries got p q &&
	fec_layout got "FC-TEST- FC-B-" && balanced got &&
	same 1 "$(grep -c "^JournalCode" got)" &&
	entries a -C p && entries b -C q &&
	same $(( $(wc -l <a) + $(wc -l <b) - 1 )) "$(wc -l <got)" &&
	same "CA00001 FC-TEST-FOND-CAISSE 20260504
CA00002 FC-B-FOND-CAISSE 20260601" "$(sed -n "2p;4p" got | cut -f3,9,16 | tr "\t" " ")" &&
	same "VT00005 FC-B-Z-2026-06-02-card-20
AC00004 FC-B-C00001" "$(grep "	FC-B-" got | cut -f3,9 | uniq | sed 1d | tr "\t" " ")" &&
	same "CA00001 CA00002 CA00003 CA00004" "$(cut -f3 got | grep "^CA" | uniq | xargs)" &&
	sed 1d a | cut -f1,2,4-8,10- | sort >pa &&
	sed 1d b | cut -f1,2,4-8,10- | sort >pb &&
	grep "	FC-TEST-" got | cut -f1,2,4-8,10- | sort >ga &&
	grep "	FC-B-" got | cut -f1,2,4-8,10- | sort >gb &&
	cmp pa ga && cmp pb gb &&
	same "$(sed 1d a | cut -f9 | sort)" "$(grep "	FC-TEST-" got | cut -f9 | sed "s/^FC-TEST-//" | sort)"'

check 'one folder given as operand: no prefix' '
	fresh && books && entries a p && entries b -C p && cmp a b &&
	! grep -q "FC-TEST" a'

check 'two folders, one missing, no --keep-going: 66 and nothing on stdout' '
	fresh && books && fails 66 flashcoop-report entries p nope && said nope'

check 'two folders with --keep-going: the bad one named (66), the rest written' '
	fresh && books && mkdir nope &&
	flashcoop-report entries --keep-going nope p >got 2>"$T/.err"
	[ $? = 66 ] && same 1 "$(grep -c "^JournalCode" got)" &&
	grep -q "	FC-TEST-FOND-CAISSE	" got && said nope'

# ---- 2. stability ----

# Recorded later, dated earlier: a card sale of 5.00 on 05-07 (a day
# without sales: an entry of its own) and a card charge of 4.00 on 05-06.
#   VT00005: 5.5 % running total 35.00 + 5.00 = 40.00, H(4000) =
#            round(3791.47) = 37.91, less 33.18: 4.73, VAT 0.27
#   AC00004: 4.00 at 20 %: VAT round(400 x 2000 / 12000) = round(66.67) =
#            0.67, 3.33 to 613, 512 credit 4.00
NEW6='VT|Ventes|VT00005|20260507|5115|Cartes bancaires à encaisser|||Z-2026-05-07-card-5.5|20260507|Ventes du 2026-05-07, carte, TVA 5.5 % (1)|5,00|0,00|||@V@||
VT|Ventes|VT00005|20260507|701|Ventes de produits finis|||Z-2026-05-07-card-5.5|20260507|Ventes du 2026-05-07, carte, TVA 5.5 % (1)|0,00|4,73|||@V@||
VT|Ventes|VT00005|20260507|44571055|TVA collectée 5.5 %|||Z-2026-05-07-card-5.5|20260507|Ventes du 2026-05-07, carte, TVA 5.5 % (1)|0,00|0,27|||@V@||
AC|Achats|AC00004|20260506|613|Locations|||C00004|20260506|stand : Tables, TVA 20 %|3,33|0,00|||@V@||
AC|Achats|AC00004|20260506|44566200|TVA déductible sur autres biens et services 20 %|||C00004|20260506|stand : Tables, TVA 20 %|0,67|0,00|||@V@||
AC|Achats|AC00004|20260506|512|Banque|||C00004|20260506|stand : Tables, TVA 20 %|0,00|4,00|||@V@||'

check 'stability: a backdated sale and charge keep every earlier line, numbers too' '
	fresh && books && entries old -C p &&
	rec sale --product cookie --qty 2 --payment card --date 2026-05-07 >/dev/null &&
	rec charge --amount 4.00 --category stand --vat 20 --payment card \
		--date 2026-05-06 --note Tables >/dev/null &&
	entries new -C p && fec_layout new && balanced new &&
	grep -vxFf new old >lost; [ ! -s lost ] || { echo "lost:"; cat lost; exit 1; }
	grep -vxFf old new >added
	printf "%s\n" "$NEW6" | tr "|" "\t" | sed "s/@V@/$TODAY8/" >want &&
	{ cmp want added || { diff want added; exit 1; }; }'

# --detail, a bag (8.00, 20 %, resale) by cheque recorded later for 05-08:
# the 20 % running total 24.00 + 8.00 = 32.00, H(3200) = round(2666.67) =
# 26.67, less 20.00: 6.67 to 707, VAT 1.33; an entry of its own, VT00006.
check 'stability with --detail: every earlier line kept' '
	fresh && books && entries old -C p --detail &&
	rec sale --product sac --qty 1 --payment cheque --date 2026-05-08 >/dev/null &&
	entries new -C p --detail && fec_layout new &&
	grep -vxFf new old >lost; [ ! -s lost ] || { cat lost; exit 1; }
	same "VT00006 5112 8,00 0,00 S00005
VT00006 707 0,00 6,67 S00005
VT00006 44571200 0,00 1,33 S00005" "$(grep -vxFf old new | cut -f3,5,12,13,9 |
		awk -F"\t" "{ print \$1, \$2, \$4, \$5, \$3 }")"'

# A project whose period holds today: yesterday (Y) 3 cookies cash 7.50
# and 1 by card 2.50, counted 57.50 (exact), the day closed; then S00001
# is voided today: the void is dated today, its entry comes last.
#   5.5 % running: VT00001 H(750) = round(710.90) = 7.11; VT00002 H(1000) =
#   round(947.87) = 9.48; the void, T = 2.50: H(250) = round(236.97) =
#   2.37, less 9.48: -7.11 (debit), VAT -0.39.
check 'stability: a void today of a sale of a closed day changes no earlier line' '
	fresh && Y=$(date -d yesterday +%Y-%m-%d) &&
	flashcoop-init n --name N --id FC-N --start "$(date -d "3 days ago" +%Y-%m-%d)" \
		--days 7 >/dev/null &&
	printf "cookie = 2.50, 5.5\n" >>n/flashcoop.ini &&
	flashcoop-record -C n sale --product cookie --qty 3 --date "$Y" >/dev/null &&
	flashcoop-record -C n sale --product cookie --qty 1 --payment card --date "$Y" >/dev/null &&
	flashcoop-record -C n count --amount 57.50 --date "$Y" >/dev/null &&
	flashcoop-close -C n --day "$Y" >/dev/null &&
	entries old -C n &&
	flashcoop-record -C n void S00001 --reason oops >/dev/null &&
	entries new -C n && fec_layout new && balanced new &&
	grep -vxFf new old >lost; [ ! -s lost ] || { cat lost; exit 1; }
	same "VT00003 $TODAY8 530 0,00 7,50 V00001 Annulation de S00001 : oops
VT00003 $TODAY8 701 7,11 0,00 V00001 Annulation de S00001 : oops
VT00003 $TODAY8 44571055 0,39 0,00 V00001 Annulation de S00001 : oops" \
		"$(grep -vxFf old new | cut -f3,4,5,12,13,9,11 | awk -F"\t" "{ print \$1, \$2, \$3, \$6, \$7, \$4, \$5 }")" &&
	! grep -q "	CA00002	" new'

# A count's difference follows the rows of its day until the day is
# closed; the entries validated after it keep their numbers all the same.
# Rows written by hand (rechain keeps their recorded_at):
#   S00001 05-09 2 cookies cash 5.00, recorded on 05-09
#   K00001 05-09 counted 55.00 = 50.00 + 5.00: exact, no entry
#   D00001 05-10 deposit 30.00 cash, recorded on 05-10: CA00002
# Then (today) a cookie, cash, 2.50, for 05-09: the day is 2.50 short, a
# CA entry at K00001's place; but D00001, validated on 05-10, was CA00002
# in the FEC of 05-10 and must stay CA00002 (SPEC §6: an EcritureNum never
# changes), and no entry may appear with a ValidDate before today.
check 'stability: a difference appearing later renumbers no entry validated before' '
	fresh && new_project p && printf "cookie = 2.50, 5.5\n" >>p/flashcoop.ini &&
	Z=$(printf "%064d" 0) &&
	printf "%s\n" \
	"S00001,2026-05-09,sale,cookie,2,2.50,5.00,5.5,,cash,,,,,,main,2026-05-09T18:00:00+02:00,$Z" \
	"K00001,2026-05-09,count,,,,55.00,,,cash,,,,,,main,2026-05-09T19:00:00+02:00,$Z" \
	"D00001,2026-05-10,deposit,,,,30.00,,,cash,,,,,,main,2026-05-10T09:00:00+02:00,$Z" \
		>>p/ledger.csv && rechain p &&
	{ flashcoop-check p >chk 2>&1 || { cat chk; exit 1; }; } &&
	entries old -C p &&
	same "CA00001 FOND-CAISSE 20260504
VT00001 Z-2026-05-09-cash-5.5 20260509
CA00002 D00001 20260510" "$(sed 1d old | cut -f3,9,16 | uniq | tr "\t" " ")" &&
	rec sale --product cookie --qty 1 --date 2026-05-09 >/dev/null &&
	entries new -C p &&
	same "2,50 0,00" "$(awk -F"\t" "\$9 == \"K00001\" && \$5 == 658 { print \$12, \$13 }" new)" &&
	grep -vxFf new old >lost; grep -vxFf old new >added
	[ ! -s lost ] || { echo "lines lost:"; cat lost; echo "lines added:"; cat added; exit 1; }
	same "" "$(awk -F"\t" -v t=$TODAY8 "\$16 != t" added)"'

# Two terminals: the copy s declared as terminal stall records 2 cookies
# by card (5.00); main then records 1 (2.50); the files merged as git's
# union does, the stall's row first.  Same ValidDate: the first terminal
# first, whatever the files' order; the stall's piece ends in -stall.
#   VT00001 main: H(250) = round(236.97) = 2.37, VAT 0.13
#   VT00002 stall: running 7.50, H(750) = round(710.90) = 7.11, less
#           2.37: 4.74, VAT 0.26
check 'two terminals: the first terminal'"'"'s entries first, the other'"'"'s piece -TERMINAL' '
	fresh && new_project p && printf "cookie = 2.50, 5.5\n" >>p/flashcoop.ini &&
	cp -Rp p s && flashcoop-init -C s --terminal stall >/dev/null &&
	flashcoop-record -C s sale --product cookie --qty 2 --payment card --date 2026-05-09 >/dev/null &&
	rec sale --product cookie --qty 1 --payment card --date 2026-05-09 >/dev/null &&
	for f in ledger.csv terminals.csv; do
		awk "!seen[\$0]++" s/$f p/$f >m && cat m >p/$f || exit 1
	done &&
	same S00001-stall "$(sed -n 2p p/ledger.csv | cut -d, -f1)" &&
	{ flashcoop-check p >chk 2>&1 || { cat chk; exit 1; }; } &&
	entries got -C p && fec_layout got && balanced got &&
	same "VT00001 Z-2026-05-09-card-5.5 701 2,37
VT00001 Z-2026-05-09-card-5.5 44571055 0,13
VT00002 Z-2026-05-09-card-5.5-stall 701 4,74
VT00002 Z-2026-05-09-card-5.5-stall 44571055 0,26" \
		"$(awk -F"\t" "\$1 == \"VT\" && \$5 ~ /^4|^7/ { print \$3, \$9, \$5, \$13 }" got)"'

# ---- 3. the VAT of sales ----

# 300 sales of 0.10 at 20 % (cash, 05-09) and 100 of 1.00 at 5.5 % (card,
# 05-10), by batch.
#   20 %: 30.00, H(3000) = 25.00, VAT 5.00; a day's takings (grouped) one
#         entry; a sale on its own (--detail): its own VAT, round(10 x
#         2000 / 12000 = 1.67) = 2 cents, 300 of them 6.00: the rounding of
#         the total, 5.00 - 6.00 = -1.00, an entry of its own (TVA-ARRONDI:
#         D 44571200 1.00 / C 701 1.00), no sale's VAT off its rate
#   5.5 %: 100.00, H(10000) = round(9478.67) = 94.79, VAT 5.21; a sale on
#         its own: round(100 x 550 / 10550 = 5.21) = 5 cents, 100 of them
#         5.00: the rounding 0.21 (D 701 / C 44571055)
#   701: 25.00 + 94.79 = 119.79; VAT 5.00 + 5.21 = 10.21
vat_project() {
	new_project p && printf "dix = 0.10, 20\nun = 1.00, 5.5\n" >>p/flashcoop.ini &&
	{
		echo kind,date,product,quantity,payment
		for i in $(seq 300); do echo sale,2026-05-09,dix,1,cash; done
		for i in $(seq 100); do echo sale,2026-05-10,un,1,card; done
	} >b.csv && rec --batch b.csv >/dev/null
}

check '400 sales --detail: no VAT on the debit side, each within a cent of its own' '
	fresh && vat_project && entries got -C p --detail && fec_layout got &&
	balanced got && same 402 "$(cut -f1,3 got | grep "^VT" | uniq | wc -l)" &&
	same 400 "$(cut -f1,3,9 got | grep "^VT.*	S[0-9]*$" | uniq | wc -l)" &&
	same "701 0,00 1,00
44571200 1,00 0,00
701 0,21 0,00
44571055 0,00 0,21" "$(awk -F"\t" "\$9 == \"TVA-ARRONDI\" { print \$5, \$12, \$13 }" got)" &&
	awk -F"\t" "$CENTS"'"'"'
	NR > 1 && $1 == "VT" && $9 != "TVA-ARRONDI" {
		if ($5 ~ /^5/) incl[$3] += cents($12)
		if ($5 ~ /^44571/) {
			if ($12 != "0,00") { print $3 " has VAT on the debit side"; bad = 1 }
			vat[$3] = cents($13); r[$3] = substr($5, 6) * 10
		}
	}
	END {
		for (k in incl) {
			if (!(k in vat)) { print k " has no VAT line"; bad = 1; continue }
			d = vat[k] * (10000 + r[k]) - incl[k] * r[k]
			if (d < 0) d = -d
			if (d >= 10000 + r[k]) { print k " VAT " vat[k] " of " incl[k]; bad = 1 }
		}
		exit bad
	}'"'"' got &&
	same -500 "$(fec_account got 44571200)" && same -521 "$(fec_account got 44571055)" &&
	same -11979 "$(fec_account got 701)" && same 1021 "$(summary vat_collected p)" &&
	flashcoop-report -C p sales --by vat --format csv >v.csv &&
	same "5.5 5.21
20 5.00
 10.21" "$(pick v.csv vat_rate vat)"'

check '400 sales grouped: one entry per rate, (300) and (100), the statement'"'"'s VAT' '
	fresh && vat_project && entries got -C p && fec_layout got &&
	same "VT00001 530 30,00 0,00 Ventes du 2026-05-09, espèces, TVA 20 % (300)
VT00001 701 0,00 25,00 Ventes du 2026-05-09, espèces, TVA 20 % (300)
VT00001 44571200 0,00 5,00 Ventes du 2026-05-09, espèces, TVA 20 % (300)
VT00002 5115 100,00 0,00 Ventes du 2026-05-10, carte, TVA 5.5 % (100)
VT00002 701 0,00 94,79 Ventes du 2026-05-10, carte, TVA 5.5 % (100)
VT00002 44571055 0,00 5,21 Ventes du 2026-05-10, carte, TVA 5.5 % (100)" \
		"$(awk -F"\t" "\$1 == \"VT\" { print \$3, \$5, \$12, \$13, \$11 }" got)"'

# --detail: one entry per sale, piece = the id; S00001 25.00 at 5.5 %:
# H(2500) = round(2369.67) = 23.70, VAT 1.30.
check '--detail: one VT entry per sale, piece the id, its own text' '
	fresh && books && entries got -C p --detail && fec_layout got && balanced got &&
	same "S00001 S00002 S00003 S00004 V00001" "$(awk -F"\t" "\$1 == \"VT\" { print \$9 }" got | uniq | xargs)" &&
	same "VT00001 530 25,00 0,00 Vente cookie x 10, espèces, TVA 5.5 %
VT00001 701 0,00 23,70 Vente cookie x 10, espèces, TVA 5.5 %
VT00001 44571055 0,00 1,30 Vente cookie x 10, espèces, TVA 5.5 %" \
		"$(awk -F"\t" "\$3 == \"VT00001\" { print \$3, \$5, \$12, \$13, \$11 }" got)" &&
	entries g -C p && same "$(grep -v "^VT" g)" "$(grep -v "^VT" got)" &&
	for a in 701 707 "44571*" 530 5112 5115; do
		same "$(fec_account g "$a")" "$(fec_account got "$a")" || exit 1
	done'

# Where the money goes: a sale paid other -> 5118, by transfer -> 512
# (1.20 at 20 %: H(120) = 1.00; the running total 2.40: H(240) = 2.00);
# charges by cheque (2.40) and transfer (1.20) come out of 512: 512 =
# 1.20 - 2.40 - 1.20 = -2.40.
check 'payments: sales other 5118, transfer 512; charges cheque, transfer 512' '
	fresh && new_project p && S="sale --product t --price 1.20 --vat 20 --qty 1 --date 2026-05-09" &&
	rec $S --payment other >/dev/null && rec $S --payment transfer >/dev/null &&
	C="charge --category supplies --vat 20 --date 2026-05-09" &&
	rec $C --amount 2.40 --payment cheque >/dev/null &&
	rec $C --amount 1.20 --payment transfer >/dev/null &&
	entries got -C p && fec_layout got && balanced got &&
	same 120 "$(fec_account got 5118)" && same -240 "$(fec_account got 512)" &&
	same -200 "$(fec_account got 701)" &&
	same "Ventes du 2026-05-09, autre, TVA 20 % (1)
Ventes du 2026-05-09, virement, TVA 20 % (1)" "$(awk -F"\t" "\$1 == \"VT\" { print \$11 }" got | uniq)"'

# vat = no: no VAT line; the sale's 10.00 to 701, the charge's 6.00 to 6068.
check 'vat = no: no VAT account, the amounts whole' '
	fresh && new_project p && set_ini vat no &&
	rec sale --product t --price 10.00 --qty 1 --payment card --date 2026-05-09 >/dev/null &&
	rec charge --amount 6.00 --category supplies --vat 20 --date 2026-05-09 >/dev/null &&
	entries got -C p && fec_layout got && balanced got &&
	! cut -f5 got | grep -q "^445" &&
	same -1000 "$(fec_account got 701)" && same 600 "$(fec_account got 6068)"'

check 'a sale of 0.00 books nothing' '
	fresh && new_project p &&
	rec sale --product sample --price 0 --vat 20 --qty 1 --date 2026-05-09 >/dev/null &&
	entries got -C p && ! grep -q "^VT" got && fec_layout got'

# ---- 4. deductible VAT ----

# 3 charges of 1.00 at 20 % with the receipt's VAT 0.17: 0.51, charges
# 3 x 0.83 = 2.49.
check '--vat-amount 0.17 three times: 0.51 in 44566200 and in vat_deductible' '
	fresh && new_project p &&
	for i in 1 2 3; do
		rec charge --amount 1.00 --vat 20 --vat-amount 0.17 --category supplies \
			--date 2026-05-05 >/dev/null || exit 1
	done &&
	entries got -C p && balanced got &&
	same 51 "$(fec_account got 44566200)" && same 51 "$(summary vat_deductible p)" &&
	same 249 "$(fec_account got 6068)" && same 249 "$(summary charges p)" &&
	same "AC00001 6068 0,83 0,00
AC00001 44566200 0,17 0,00
AC00001 4671 0,00 1,00" "$(awk -F"\t" "\$3 == \"AC00001\" { print \$3, \$5, \$12, \$13 }" got)"'

# Without --vat-amount each receipt is rounded alone: round(100 x 2000 /
# 12000) = round(16.67) = 0.17, three times 0.51 (on the total it would be
# round(300 x 2000 / 12000) = 0.50).
check 'without --vat-amount each charge its own rounding: 3 x 0.17, not 0.50' '
	fresh && new_project p &&
	for i in 1 2 3; do
		rec charge --amount 1.00 --vat 20 --category supplies \
			--date 2026-05-05 >/dev/null || exit 1
	done &&
	entries got -C p &&
	same 51 "$(fec_account got 44566200)" && same 51 "$(summary vat_deductible p)" &&
	same "17 17 17" "$(awk -F"\t" "$CENTS"" \$5 == 44566200 { print cents(\$12) }" got | xargs)"'

check 'the batch column vat_amount is the receipt'"'"'s VAT too' '
	fresh && new_project p &&
	printf "%s\n" kind,date,amount,vat_rate,vat_amount,category \
		charge,2026-05-05,1.00,20,0.17,supplies charge,2026-05-05,1.00,20,,supplies >c.csv &&
	rec --batch c.csv >/dev/null && entries got -C p &&
	same 34 "$(fec_account got 44566200)" && same 34 "$(summary vat_deductible p)"'

check 'a void of a charge with --vat-amount takes the receipt'"'"'s VAT back' '
	fresh && new_project p &&
	rec charge --amount 1.00 --vat 20 --vat-amount 0.17 --category supplies \
		--date 2026-05-05 >/dev/null &&
	rec void C00001 --reason twice >/dev/null && entries got -C p &&
	same 0 "$(fec_account got 44566200)" && same 0 "$(fec_account got 6068)" &&
	same "0,00 0,17" "$(awk -F"\t" "\$3 == \"AC00002\" && \$5 == 44566200 { print \$12, \$13 }" got)"'

check '--vat-amount refused (65), the project unchanged: too large, rate 0, vat = no' '
	fresh && new_project p &&
	C="charge --amount 1.00 --category supplies --date 2026-05-05" &&
	refuses 65 p flashcoop-record -C p $C --vat 20 --vat-amount 1.50 &&
	said_text "1.50" &&
	refuses 65 p flashcoop-record -C p $C --vat 20 --vat-amount 1.00 &&
	refuses 65 p flashcoop-record -C p $C --vat 0 --vat-amount 0.17 &&
	set_ini vat no &&
	refuses 65 p flashcoop-record -C p $C --vat 20 --vat-amount 0.17'

# A receipt of two rates is one charge (SPEC §4): 13.00 with 0.52 at
# 5.5 % and 0.50 at 20 % (--vat, --vat-amount in pairs): one AC entry,
# the charge 13.00 - 1.02 = 11.98, each VAT to its rate's account; the
# charges report by rate: 5.5 % 9.45 + 0.52 = 9.97 (the base its VAT
# gives: 0.52 x 10000 / 550 = 9.4545 -> 9.45), 20 % the rest, 3.03.
# Paid "other" (by the CAE): 4671 -13.00, beside the float -50.00.
check 'a receipt of two VAT rates: one charge, one VAT line a rate' '
	fresh && new_project p &&
	id=$(rec charge --amount 13.00 --category ingredients \
		--vat 5.5 --vat-amount 0.52 --vat 20 --vat-amount 0.50 \
		--date 2026-05-05 --ref T-9) && same C00001 "$id" &&
	same "C00001,2026-05-05,charge,,,,13.00,5.5 20,ingredients,other,,T-9,,0.52 0.50," \
		"$(plain p/ledger.csv | tail -n 1)" &&
	entries got -C p &&
	same 1198 "$(fec_account got 601)" && same 52 "$(fec_account got 44566055)" &&
	same 50 "$(fec_account got 44566200)" &&
	same -6300 "$(fec_account got 4671)" &&
	same AC00001 "$(cut -f3 got | grep "^AC" | sort -u)" &&
	flashcoop-report -C p charges --by vat --format csv >c.csv &&
	grep -qx "FC-TEST,5.5,1,9.97,9.45,0.52" c.csv &&
	grep -qx "FC-TEST,20,1,3.03,2.53,0.50" c.csv'

check 'a receipt of two rates: one VAT for both, a rate of 0, vat = no: refused (65)' '
	fresh && new_project p &&
	C="charge --amount 13.00 --category x --date 2026-05-05" &&
	refuses 65 p flashcoop-record -C p $C --vat 5.5 --vat 20 --vat-amount 1.02 &&
	said "one amount a rate" &&
	refuses 65 p flashcoop-record -C p $C --vat 5.5 --vat 20 &&
	said "gives the VAT of each" &&
	refuses 65 p flashcoop-record -C p $C --vat 0 --vat-amount 0 --vat 20 --vat-amount 0.50 &&
	refuses 65 p flashcoop-record -C p $C --vat 5.5 --vat-amount 0.52 --vat 20 --vat-amount -0.50 &&
	refuses 65 p flashcoop-record -C p $C --vat 5.5 --vat-amount 7 --vat 20 --vat-amount 7 &&
	set_ini vat no &&
	refuses 65 p flashcoop-record -C p $C --vat 5.5 --vat-amount 0.52 --vat 20 --vat-amount 0.50'

# A ledger from before the books has no vat_amount column: it is read, a
# charge is recorded into it (1.00 at 20 %: 0.17 computed), but not with
# --vat-amount (65, nothing written).
check 'a ledger without vat_amount: read; --vat-amount refused (65)' '
	fresh && new_project p && sed -i "1s/,vat_amount//" p/ledger.csv &&
	refuses 65 p flashcoop-record -C p charge --amount 1.00 --vat 20 \
		--vat-amount 0.17 --category supplies --date 2026-05-05 &&
	said vat_amount &&
	rec charge --amount 1.00 --vat 20 --category supplies --date 2026-05-05 >/dev/null &&
	entries got -C p && same 17 "$(fec_account got 44566200)"'

# ---- 5. the ledger format ----

# AC00003 in the ledger format, by hand.
LEDGER_AC3='2026-05-06 (AC00003) stand : Mairie, TVA 20 %
    ; piece: C00003
    ; valid: @D@
    613 Locations  2.50 EUR  ; analytic: FC-TEST
    44566200 TVA déductible sur autres biens et services 20 %  0.50 EUR  ; analytic: FC-TEST
    4671 CAE, compte courant  -3.00 EUR  ; analytic: FC-TEST'

check 'ledger format: declarations, then DATE (NUM) TEXT, piece, valid, postings' '
	fresh && books && entries got -C p --format ledger &&
	W=$(printf "%s" "$LEDGER_AC3" | sed "s/@D@/$TODAY/") \
		awk -v RS= "\$0 == ENVIRON[\"W\"] { f = 1 } END { exit !f }" got &&
	same "commodity EUR" "$(sed -n 1p got)" &&
	same "$(grep "^    [0-9]" got | cut -d" " -f5 | sort -u)" \
		"$(grep "^account " got | cut -d" " -f2 | sort)" &&
	grep -qx "tag analytic" got && grep -qx "tag valid" got &&
	same 11 "$(grep -c "^2026-" got)" &&
	entries h -C p --format hledger && cmp got h'

check 'the ledger format holds the same postings as the FEC' '
	fresh && books_closed && entries f -C p --with-closing &&
	entries l -C p --format ledger --with-closing &&
	same "$(awk -F"\t" "$CENTS"" NR > 1 { print \$3, \$5, cents(\$12) - cents(\$13) }" f | sort)" \
		"$(awk "$CENTS""/^20/ { n = substr(\$2, 2, 7) } /^    [0-9]/ { print n, \$1, cents(\$(NF-4)) }" l | sort)"'

# ---- 6. [accounts] ----

# acc LINE...: lines added under [accounts] of p/flashcoop.ini, in order
# (keys init did not write: for those, set_ini, a later line wins).
acc() {
	for l in "$@"; do printf "%s\n" "$l"; done >"$T/.acc" &&
	sed -i "/^\[accounts\]/r $T/.acc" p/flashcoop.ini
}

check 'init writes [accounts] with the chart, before [products]' '
	fresh && new_project p &&
	for k in "sales *= 701" "sales_resale *= 707" "vat_collected *= 44571" \
	         "vat_deductible *= 44566" "charge_ingredients *= 601" "cash *= 530" \
	         "bank *= 512" "cheques *= 5112" "cards *= 5115" "cae_current *= 4671" \
	         "cash_shortage *= 658" "cash_surplus *= 758" "cae_transfer *= 7088"; do
		grep -q "^$k" p/flashcoop.ini || { echo "no $k"; exit 1; }
	done &&
	[ "$(grep -n "^\[accounts\]" p/flashcoop.ini | cut -d: -f1)" -lt \
	  "$(grep -n "^\[products\]" p/flashcoop.ini | cut -d: -f1)" ]'

check '[accounts] overrides: with a label, and without (the chart'"'"'s label kept)' '
	fresh && books && set_ini sales "7061 Ventes cookies" && set_ini charge_ingredients 6011 &&
	entries got -C p && fec_layout got && balanced got &&
	same "7061	Ventes cookies" "$(cut -f5,6 got | grep "^7061" | sort -u)" &&
	same "6011	Achats stockés - matières premières" "$(cut -f5,6 got | grep "^6011" | sort -u)" &&
	! cut -f5 got | grep -qx 701 && ! cut -f5 got | grep -qx 601 &&
	same -3318 "$(fec_account got 7061)" && same 1137 "$(fec_account got 6011)"'

check '[accounts] charge_CATEGORY for a new category (the key in any case)' '
	fresh && books && acc "charge_Deco = 6063 Décoration" &&
	entries got -C p &&
	same "6063	Décoration" "$(cut -f5,6 got | grep "^6063" | sort -u)" &&
	same 500 "$(fec_account got 6063)" && same 0 "$(fec_account got 6288)"'

check '[accounts] vat_collected_5.5 = 4457105: that rate only' '
	fresh && books && acc "vat_collected_5.5 = 4457105" && entries got -C p &&
	same "4457105	TVA collectée 5.5 %" "$(cut -f5,6 got | grep "^4457105" | sort -u)" &&
	same -182 "$(fec_account got 4457105)" && same 0 "$(fec_account got 44571055)" &&
	same -400 "$(fec_account got 44571200)"'

check '[accounts] analytic = COOKIES: the csv column and the ledger tags' '
	fresh && books && acc "analytic = COOKIES" &&
	entries c.csv -C p --format csv && same COOKIES "$(pick c.csv analytic | sort -u)" &&
	entries j -C p --format ledger &&
	same "; analytic: COOKIES" "$(grep -o "; analytic: .*" j | sort -u)"'

check 'the CAE'"'"'s analytic code on 7088 only (--with-closing)' '
	fresh && books_closed && entries c.csv -C p --format csv --with-closing &&
	same "7088 CAE" "$(pick c.csv account analytic | grep -v " FC-TEST$")"'

# x = 3.00, 5.5, resale: H(300) = round(284.36) = 2.84 to 707, VAT 0.16.
check 'a product for resale goes to 707' '
	fresh && new_project p && printf "x = 3.00, 5.5, resale\n" >>p/flashcoop.ini &&
	rec sale --product x --qty 1 --date 2026-05-09 >/dev/null && entries got -C p &&
	same -284 "$(fec_account got 707)" && same 0 "$(fec_account got 701)" &&
	same -16 "$(fec_account got 44571055)"'

check '[accounts] an unknown key: refused (65), flashcoop.ini:LINE' '
	fresh && books && acc "colour = 701 Ventes" &&
	line=$(grep -n "^colour" p/flashcoop.ini | cut -d: -f1) &&
	fails 65 flashcoop-report -C p entries && said_text "flashcoop.ini:$line: " &&
	said colour && fails 65 flashcoop-report -C p balance &&
	fails 65 flashcoop-report -C p summary'

check '[accounts] sales = abc-1: refused (65), flashcoop.ini:LINE' '
	fresh && books && set_ini sales abc-1 &&
	line=$(grep -n "^sales = abc" p/flashcoop.ini | cut -d: -f1) &&
	fails 65 flashcoop-report -C p entries --format ledger &&
	said_text "flashcoop.ini:$line: "'

# ---- 7. csv, --with-closing, usage ----

check 'entries --format csv: the header and a line' '
	fresh && books && entries got -C p --format csv &&
	same "journal,date,number,piece,account,label,debit,credit,analytic,valid_date" \
		"$(sed -n 1p got)" &&
	grep -qxF "AC,2026-05-06,AC00003,C00003,613,\"stand : Mairie, TVA 20 %\",2.50,0.00,FC-TEST,$TODAY" got &&
	grep -qxF "CA,2026-05-04,CA00001,FOND-CAISSE,530,Fonds de caisse apporté par la CAE,50.00,0.00,FC-TEST,2026-05-04" got &&
	entries f -C p && same "$(wc -l <f)" "$(wc -l <got)"'

# OD00001 6228 / 7088 3.38; OD00002 6411 / 4286 26.93, 6451 / 4386 3.50;
# dated and validated on the closing day.
check '--with-closing only adds the OD entries, from the sealed figures' '
	fresh && books_closed && entries a -C p && entries b -C p --with-closing &&
	same "$(cat a)" "$(grep -v "^OD	" b)" && fec_layout b && balanced b &&
	same "OD00001 6228 3,38 0,00 CLOTURE-CAE
OD00001 7088 0,00 3,38 CLOTURE-CAE
OD00002 6411 26,93 0,00 CLOTURE-PAIE
OD00002 4286 0,00 26,93 CLOTURE-PAIE
OD00002 6451 3,50 0,00 CLOTURE-PAIE
OD00002 4386 0,00 3,50 CLOTURE-PAIE" \
		"$(awk -F"\t" "\$1 == \"OD\" { print \$3, \$5, \$12, \$13, \$9 }" b)" &&
	same "20260513 20260513" "$(awk -F"\t" "\$1 == \"OD\" { print \$4, \$16 }" b | sort -u)" &&
	! cut -f5 b | grep -Eqx "421|431|467"'

check '--with-closing on an open project adds nothing' '
	fresh && books && entries a -C p && entries b -C p --with-closing && cmp a b'

check 'usage (64): entries --format json or text, --with-closing with summary' '
	fresh && books &&
	fails 64 flashcoop-report -C p entries --format json && said json &&
	fails 64 flashcoop-report -C p entries --format text &&
	fails 64 flashcoop-report -C p summary --with-closing &&
	fails 64 flashcoop-report -C p sales --detail &&
	fails 64 flashcoop-report -C p entries --by day'

check 'entries, balance of a folder that is no project: 66' '
	fresh && mkdir e && fails 66 flashcoop-report -C e entries &&
	fails 66 flashcoop-report -C e balance'

# ---- texts ----

check 'a long note (100 é) keeps the FEC and the journal valid UTF-8' '
	fresh && new_project p &&
	note=$(printf "é%.0s" $(seq 1 100)) &&
	rec charge --amount 3 --category stand --vat 20 --date 2026-05-06 \
		--note "$note" >/dev/null &&
	entries got -C p && iconv -f UTF-8 -t UTF-8 got >/dev/null &&
	entries j -C p --format ledger && iconv -f UTF-8 -t UTF-8 j >/dev/null'

check 'a long ref (70 characters) is the PieceRef whole' '
	fresh && new_project p && ref=$(printf "R%.0s" $(seq 1 70)) &&
	rec charge --amount 3 --category stand --vat 20 --date 2026-05-06 \
		--ref "${ref}1" >/dev/null &&
	rec charge --amount 3 --category stand --vat 20 --date 2026-05-06 \
		--ref "${ref}2" >/dev/null &&
	entries got -C p &&
	same "${ref}1 ${ref}2" "$(awk -F"\t" "\$5 == 613 { print \$9 }" got | xargs)"'

done_testing
