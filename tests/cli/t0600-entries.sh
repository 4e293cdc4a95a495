#!/bin/sh
# flashcoop-report entries: the double-entry journal of a project, as a
# FEC (Fichier des Écritures Comptables) and as a ledger/hledger journal.
# A small closed project compared byte for byte with a FEC worked out by
# hand; every entry and every journal balanced to the cent; the VAT, sales
# and charge accounts equal to the summary, read back by Debian's hledger
# and ledger as an independent cross-check; --detail; the [accounts]
# overrides; several folders; an open project; bad settings and usage.
# The man pages: flashcoop-report(1) "Entries", flashcoop.ini(5)
# "[accounts]".
TOP=$(cd "$(dirname "$0")/../.." && pwd)
MAN1=$TOP/man/man1/flashcoop-report.1
MAN5=$TOP/man/man5/flashcoop.ini.5
. "$(dirname "$0")/lib.sh"

# ---- helpers ----

# entries FILE args...: flashcoop-report entries args exits 0 with nothing
# on stderr, its stdout in FILE.
entries() {
	eout=$1
	shift
	flashcoop-report entries "$@" >"$eout" 2>"$T/.err" || {
		echo "flashcoop-report entries $* failed ($?):"
		cat "$T/.err"
		return 1
	}
	[ ! -s "$T/.err" ] && return 0
	echo "flashcoop-report entries $*: stderr is not empty:"
	cat "$T/.err"
	return 1
}

# An awk function: an amount ("57.48", "-1,50", "12") in integer cents.
CENTS='function cents(s,   neg, a, v) {
	neg = sub(/^-/, "", s)
	gsub(/,/, ".", s)
	split(s, a, ".")
	v = a[1] * 100 + substr(a[2] "00", 1, 2)
	return neg ? -v : v
}'

# fec_layout FILE: the FEC's shape, line by line: one header line first,
# 18 tab-separated columns, dates YYYYMMDD, PieceDate and ValidDate the
# entry's date, the unused columns empty, amounts with a decimal comma and
# exactly one of Debit and Credit not zero, one journal, one date and one
# PieceRef per EcritureNum, entries numbered from 1 without a gap in each
# journal (after the project prefix PREFIX, "" by default).
fec_layout() {
	awk -F'\t' -v pre="${2:-}" '
	function bad(m) { print FILENAME ":" NR ": " m; err = 1 }
	BEGIN {
		H = "JournalCode JournalLib EcritureNum EcritureDate CompteNum " \
		    "CompteLib CompAuxNum CompAuxLib PieceRef PieceDate " \
		    "EcritureLib Debit Credit EcritureLet DateLet ValidDate " \
		    "Montantdevise Idevise"
		lib["VT"] = "Ventes"; lib["AC"] = "Achats"
		lib["CA"] = "Caisse"; lib["OD"] = "Opérations diverses"
		D8 = "^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$"
		AM = "^[0-9]+,[0-9][0-9]$"
	}
	NR == 1 {
		h = $0; gsub(/\t/, " ", h)
		if (h != H || NF != 18) bad("not the FEC header: " $0)
		next
	}
	/^JournalCode\t/ { bad("a second header line"); next }
	{
		if (NF != 18) bad(NF " columns, not 18")
		if (!($1 in lib) || $2 != lib[$1]) bad("journal " $1 " " $2)
		if ($4 !~ D8) bad("EcritureDate " $4)
		if ($10 != $4 || $16 != $4) bad("PieceDate/ValidDate " $10 " " $16)
		if ($5 == "" || $6 == "" || $9 == "" || $11 == "") bad("empty field")
		if ($7 $8 $14 $15 $17 $18 != "") bad("an unused column is not empty")
		if ($12 !~ AM || $13 !~ AM) bad("amounts " $12 " " $13)
		if (($12 == "0,00") == ($13 == "0,00")) bad("debit and credit " $12 " " $13)
		num = $3
		if (pre != "") {
			if (substr(num, 1, length(pre)) != pre) bad("no prefix " pre ": " num)
			num = substr(num, length(pre) + 1)
		}
		if (num !~ "^" $1 "[0-9][0-9][0-9][0-9][0-9]$") bad("EcritureNum " $3)
		if ($3 in jn) {
			if (jn[$3] != $1 || dt[$3] != $4 || pc[$3] != $9)
				bad("entry " $3 " changes journal, date or piece")
		} else {
			jn[$3] = $1; dt[$3] = $4; pc[$3] = $9
			n[$1]++
			if (substr(num, 3) + 0 != n[$1])
				bad("entry " $3 " is not number " n[$1] " of " $1)
		}
	}
	END { if (NR < 2) bad("no entry"); exit err }' "$1"
}

# balanced FILE: every entry (EcritureNum) and every journal of the FEC has
# its debits equal to its credits, to the cent.
balanced() {
	awk -F'\t' "$CENTS"'
	NR == 1 { next }
	{
		d = cents($12) - cents($13)
		e[$3] += d; j[$1] += d; lines++
		if ($12 != "0,00") deb[$1] += cents($12)
	}
	END {
		for (k in e)
			if (e[k] != 0) { print "entry " k " is off by " e[k] " cents"; err = 1 }
		for (k in j)
			if (j[k] != 0) { print "journal " k " is off by " j[k] " cents"; err = 1 }
			else if (deb[k] == 0) { print "journal " k " is empty"; err = 1 }
		if (lines == 0) { print "no lines"; err = 1 }
		exit err
	}' "$1"
}

# fec_account FILE ACCOUNT...: debits less credits of these accounts in the
# FEC, in cents.
fec_account() {
	f=$1
	shift
	awk -F'\t' -v accs="$*" "$CENTS"'
	BEGIN { n = split(accs, x, " "); for (i = 1; i <= n; i++) w[x[i]] = 1 }
	NR > 1 && ($5 in w) { s += cents($12) - cents($13) }
	END { print s + 0 }' "$f"
}

# summary FIELD DIR...: the summary's FIELD in cents, of the last row (the
# total with several folders).
summary() {
	sf=$1
	shift
	flashcoop-report summary --format csv "$@" | awk -F, -v f="$sf" "$CENTS"'
	NR == 1 { for (i = 1; i <= NF; i++) if ($i == f) c = i; next }
	{ v = $c }
	END { if (!c) { print "no column " f; exit 1 } print cents(v) }'
}

# tool_balance TOOL JOURNAL: TOOL (hledger or ledger) reads the journal on
# its standard input (-f -) without a word on stderr; prints "ACCOUNT
# CENTS" for each account. hledger needs a UTF-8 locale to read the labels.
tool_balance() {
	case $1 in
	hledger) LC_ALL=C.UTF-8 hledger -f - balance --flat -N <"$2" ;;
	ledger) LC_ALL=C.UTF-8 ledger -f - balance --flat --no-total <"$2" ;;
	esac >"$T/.bal" 2>"$T/.balerr"
	brc=$?
	if [ $brc != 0 ] || [ -s "$T/.balerr" ]; then
		echo "$1 -f - balance: exit $brc"
		cat "$T/.balerr"
		return 1
	fi
	awk "$CENTS"'
	$2 == "EUR" { print $3, cents($1); n++ }
	$0 !~ /EUR/ && NF { print "unexpected line: " $0; exit 1 }
	END { if (!n) { print "no balance"; exit 1 } }' "$T/.bal"
}

# bal FILE ACCOUNT...: the sum of these accounts in a tool_balance listing.
bal() {
	f=$1
	shift
	awk -v accs="$*" '
	BEGIN { n = split(accs, x, " "); for (i = 1; i <= n; i++) w[x[i]] = 1 }
	($1 in w) { s += $2 }
	END { print s + 0 }' "$f"
}

# The project, built once in $T/open, then closed in $T/closed:
#   P001 Ada 7 h, P002 Bruno 3.5 h (on 2026-05-05)
#   C00001 2026-05-05 12.00 ingredients at 5.5 %, cash, ref F-001,
#          note "Biocoop; farine" (a ';' in a text)
#   C00002 2026-05-06  6.00 deco (a category without an account) at 20 %,
#          card, no ref
#   sales on 2026-05-09:
#     S00001 cookie   x 10 cash 25.00 at 5.5 %  (by P001)
#     S00002 cookie   x 3  cash  7.50 at 5.5 %
#     S00003 sac-vrac x 3  card 24.00 at 20 %
#     S00004 sac-vrac x 1  cash  8.00 at 20 %
#     S00005 cookie   x 4  cash 10.00 at 5.5 %, voided by V00001
#   K00001 the drawer counted 77.00 on 2026-05-09
build() {
	new_project "$T/open" &&
	printf 'cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n' \
		>>"$T/open/flashcoop.ini" &&
	(
	cd "$T/open" &&
	flashcoop-enroll Ada --contract CAPE-01 --date 2026-05-04 &&
	flashcoop-enroll Bruno --contract CAPE-02 --date 2026-05-04 &&
	flashcoop-record charge --amount 12.00 --category ingredients \
		--vat 5.5 --payment cash --date 2026-05-05 --ref F-001 \
		--note "Biocoop; farine" &&
	flashcoop-record charge --amount 6.00 --category deco --vat 20 \
		--payment card --date 2026-05-06 --note Guirlandes &&
	flashcoop-record hours --participant P001 --hours 7 --date 2026-05-05 &&
	flashcoop-record hours --participant P002 --hours 3.5 \
		--date 2026-05-05 &&
	flashcoop-record sale --product cookie --qty 10 --by P001 \
		--date 2026-05-09 &&
	flashcoop-record sale --product cookie --qty 3 --date 2026-05-09 &&
	flashcoop-record sale --product sac-vrac --qty 3 --payment card \
		--date 2026-05-09 &&
	flashcoop-record sale --product sac-vrac --qty 1 --date 2026-05-09 &&
	flashcoop-record sale --product cookie --qty 4 --date 2026-05-09 &&
	flashcoop-record void S00005 --reason "typed twice" &&
	flashcoop-record count --amount 77.00 --date 2026-05-09 --note Ada
	) >/dev/null &&
	cp -Rp "$T/open" "$T/closed" && adopt "$T/closed" &&
	flashcoop-close -C "$T/closed" --date 2026-05-13 --allow-unclosed \
		>/dev/null 2>&1
}
build || { echo "Bail out! cannot build the test project"; exit 1; }

# closed, open: a copy of the project in ./p (modes kept).
closed() {
	cp -Rp "$T/closed" "${1:-p}" &&
	adopt "${1:-p}"
}
open() {
	cp -Rp "$T/open" "${1:-p}" &&
	adopt "${1:-p}"
}
# closed_with TEXT: the closed project, with TEXT added to flashcoop.ini
# before the closing (a sealed flashcoop.ini does not change after it).
closed_with() {
	open && printf "$1" >>p/flashcoop.ini &&
	flashcoop-close -C p --date 2026-05-13 --allow-unclosed >/dev/null 2>&1
}

# The FEC of the closed project, worked out by hand (| stands for a tab in
# this comment; the here-doc holds real tabs).
#
# VT, the sales grouped by day, payment and VAT rate (payments sorted as
# text, card before cash; rates in numeric order), voids after them:
#   VT00001 Z-2026-05-09-card-20: 24.00 -> 2400 x 100/120 = 20.00, VAT 4.00
#   VT00002 Z-2026-05-09-cash-5.5: 25.00 + 7.50 + 10.00 = 42.50 (3 sales,
#           the one voided later included) -> 4250 x 10000/10550 =
#           4028.44 -> 40.28, VAT 2.22
#   VT00003 Z-2026-05-09-cash-20: 8.00 -> 666.67 -> 6.67, VAT 1.33
#   VT00004 V00001 reverses S00005: -10.00 -> -947.87 -> -9.48 on its own;
#           but 5.5 % on the totals (SPEC §4): 32.50 -> 3080.57 -> 30.81,
#           VAT 1.69, and 40.28 - 9.48 = 30.80: the cent goes to the last
#           entry of the rate, the void: 707 debit 9.47, 44571 debit 0.53
#           (2.22 - 0.53 = 1.69).
#   20 %: 32.00 -> 26.67 = 20.00 + 6.67, VAT 5.33 = 4.00 + 1.33.
#   707 credit 57.48 = the turnover, 44571 credit 7.02 = the VAT collected.
# AC, one entry per charge, PieceRef its ref, else its id:
#   AC00001 F-001, 2026-05-05: 12.00 at 5.5 % -> 1137.44 -> 601 debit
#           11.37, 44566 debit 0.63, 530 credit 12.00 (paid cash); the
#           text "ingredients : Biocoop, farine" (';' made ',')
#   AC00002 C00002, 2026-05-06: 6.00 at 20 % -> 606 (deco has no account
#           of its own) 5.00, 44566 1.00, 512 credit 6.00 (card)
#   charges 16.37, VAT deductible 1.63.
# CA, the drawer: 50.00 float; 2026-05-05 pays 12.00 cash -> 38.00;
#   2026-05-09 cash sales 25.00 + 7.50 + 8.00 (+ 10.00 - 10.00) = 40.50
#   -> 78.50 expected, 77.00 counted: 1.50 short:
#   CA00001 K-2026-05-09: 530 credit 1.50, 658 debit 1.50
# OD, dated at the closing (2026-05-13):
#   margin 57.48 - 16.37 = 41.11, CAE 10 % = 4.111 -> 4.11:
#   OD00001 6228 debit 4.11, 467 credit 4.11
#   distributable 37.00 by hours 7 : 3.5 -> 24.666 and 12.333: 24.66 +
#   12.33 = 36.99, the cent to the largest remainder, P001: 24.67, 12.33
#   P001 gross 2467 x 100/113 = 2183.19 -> 21.83, employer 2.84,
#        employee 21.83 x 22 % = 4.80, net 17.03
#   P002 gross 1233 x 100/113 = 1091.15 -> 10.91, employer 1.42,
#        employee 10.91 x 22 % = 2.40, net 8.51
#   OD00002 641 debit 32.74 (gross), 645 debit 4.26 (employer); 421
#           credit 25.54 (net), 431 credit 7.20 + 4.26 = 11.46;
#           32.74 + 4.26 = 37.00 = 25.54 + 11.46.
FEC_WANT=$(cat <<'EOF'
JournalCode	JournalLib	EcritureNum	EcritureDate	CompteNum	CompteLib	CompAuxNum	CompAuxLib	PieceRef	PieceDate	EcritureLib	Debit	Credit	EcritureLet	DateLet	ValidDate	Montantdevise	Idevise
VT	Ventes	VT00001	20260509	512	Banque			Z-2026-05-09-card-20	20260509	Ventes du 2026-05-09, carte, TVA 20 % (1)	24,00	0,00			20260509		
VT	Ventes	VT00001	20260509	707	Ventes de marchandises			Z-2026-05-09-card-20	20260509	Ventes du 2026-05-09, carte, TVA 20 % (1)	0,00	20,00			20260509		
VT	Ventes	VT00001	20260509	44571	TVA collectée			Z-2026-05-09-card-20	20260509	Ventes du 2026-05-09, carte, TVA 20 % (1)	0,00	4,00			20260509		
VT	Ventes	VT00002	20260509	530	Caisse			Z-2026-05-09-cash-5.5	20260509	Ventes du 2026-05-09, espèces, TVA 5.5 % (3)	42,50	0,00			20260509		
VT	Ventes	VT00002	20260509	707	Ventes de marchandises			Z-2026-05-09-cash-5.5	20260509	Ventes du 2026-05-09, espèces, TVA 5.5 % (3)	0,00	40,28			20260509		
VT	Ventes	VT00002	20260509	44571	TVA collectée			Z-2026-05-09-cash-5.5	20260509	Ventes du 2026-05-09, espèces, TVA 5.5 % (3)	0,00	2,22			20260509		
VT	Ventes	VT00003	20260509	530	Caisse			Z-2026-05-09-cash-20	20260509	Ventes du 2026-05-09, espèces, TVA 20 % (1)	8,00	0,00			20260509		
VT	Ventes	VT00003	20260509	707	Ventes de marchandises			Z-2026-05-09-cash-20	20260509	Ventes du 2026-05-09, espèces, TVA 20 % (1)	0,00	6,67			20260509		
VT	Ventes	VT00003	20260509	44571	TVA collectée			Z-2026-05-09-cash-20	20260509	Ventes du 2026-05-09, espèces, TVA 20 % (1)	0,00	1,33			20260509		
VT	Ventes	VT00004	20260509	530	Caisse			V00001	20260509	Annulation de S00005 : typed twice	0,00	10,00			20260509		
VT	Ventes	VT00004	20260509	707	Ventes de marchandises			V00001	20260509	Annulation de S00005 : typed twice	9,47	0,00			20260509		
VT	Ventes	VT00004	20260509	44571	TVA collectée			V00001	20260509	Annulation de S00005 : typed twice	0,53	0,00			20260509		
AC	Achats	AC00001	20260505	601	Achats de matières premières			F-001	20260505	ingredients : Biocoop, farine, TVA 5.5 %	11,37	0,00			20260505		
AC	Achats	AC00001	20260505	530	Caisse			F-001	20260505	ingredients : Biocoop, farine, TVA 5.5 %	0,00	12,00			20260505		
AC	Achats	AC00001	20260505	44566	TVA déductible sur autres biens et services			F-001	20260505	ingredients : Biocoop, farine, TVA 5.5 %	0,63	0,00			20260505		
AC	Achats	AC00002	20260506	606	Achats non stockés de fournitures			C00002	20260506	deco : Guirlandes, TVA 20 %	5,00	0,00			20260506		
AC	Achats	AC00002	20260506	512	Banque			C00002	20260506	deco : Guirlandes, TVA 20 %	0,00	6,00			20260506		
AC	Achats	AC00002	20260506	44566	TVA déductible sur autres biens et services			C00002	20260506	deco : Guirlandes, TVA 20 %	1,00	0,00			20260506		
CA	Caisse	CA00001	20260509	530	Caisse			K-2026-05-09	20260509	Écart de caisse du 2026-05-09 (manquant)	0,00	1,50			20260509		
CA	Caisse	CA00001	20260509	658	Charges diverses de gestion courante			K-2026-05-09	20260509	Écart de caisse du 2026-05-09 (manquant)	1,50	0,00			20260509		
OD	Opérations diverses	OD00001	20260513	6228	Contribution à la CAE			CLOTURE-CAE	20260513	Contribution à la CAE	4,11	0,00			20260513		
OD	Opérations diverses	OD00001	20260513	467	CAE, compte courant			CLOTURE-CAE	20260513	Contribution à la CAE	0,00	4,11			20260513		
OD	Opérations diverses	OD00002	20260513	641	Rémunérations du personnel			CLOTURE-PAIE	20260513	Rémunération des participants (estimation pour la paie)	32,74	0,00			20260513		
OD	Opérations diverses	OD00002	20260513	645	Charges de sécurité sociale			CLOTURE-PAIE	20260513	Rémunération des participants (estimation pour la paie)	4,26	0,00			20260513		
OD	Opérations diverses	OD00002	20260513	421	Personnel, rémunérations dues			CLOTURE-PAIE	20260513	Rémunération des participants (estimation pour la paie)	0,00	25,54			20260513		
OD	Opérations diverses	OD00002	20260513	431	Sécurité sociale			CLOTURE-PAIE	20260513	Rémunération des participants (estimation pour la paie)	0,00	11,46			20260513		
EOF
)

# The first purchase in the ledger format, by hand: the same figures, a
# dot for the decimal, the currency after the amount, credits negative.
LEDGER_AC1=$(cat <<'EOF'
2026-05-05 (AC00001) ingredients : Biocoop, farine, TVA 5.5 %
    601 Achats de matières premières  11.37 EUR
    530 Caisse  -12.00 EUR
    44566 TVA déductible sur autres biens et services  0.63 EUR
EOF
)

# ---- the FEC of the closed project ----

check 'the FEC byte for byte (grouped sales, void, charges, cash, closing)' '
	fresh && closed &&
	entries got -C p --format fec &&
	printf "%s\n" "$FEC_WANT" >want &&
	{ cmp want got || { diff want got; exit 1; }; }'

check 'the FEC holds real tabs and LF line ends, no CR, a final newline' '
	[ "$(printf "%s\n" "$FEC_WANT" | head -n 1 | tr -cd "\t" | wc -c)" = 17 ] &&
	fresh && closed && entries got -C p &&
	! grep -q "$(printf "\r")" got &&
	[ "$(tail -c 1 got | od -An -c | tr -d " ")" = "\n" ]'

check 'fec is the default --format of entries' '
	fresh && closed &&
	entries a -C p && entries b -C p --format fec && cmp a b'

check 'the FEC layout: 18 columns, one header, dates, amounts, numbering' '
	fresh && closed && entries got -C p && fec_layout got &&
	same 1 "$(grep -c "^JournalCode" got)"'

check 'every entry and every journal balances (debits = credits, cents)' '
	fresh && closed && entries got -C p && balanced got &&
	same "AC CA OD VT" "$(sed 1d got | cut -f1 | sort -u | xargs)"'

check 'the sales, VAT and charge accounts equal the summary to the cent' '
	fresh && closed && entries got -C p &&
	same "$(summary turnover p)" "$(( - $(fec_account got 707) ))" &&
	same "$(summary vat_collected p)" "$(( - $(fec_account got 44571) ))" &&
	same "$(summary vat_deductible p)" "$(fec_account got 44566)" &&
	same "$(summary charges p)" "$(fec_account got 601 606)" &&
	same "$(summary sales_incl_vat p)" \
		"$(( $(fec_account got 707 44571) * -1 ))" &&
	same "$(summary cae_contribution p)" "$(fec_account got 6228)" &&
	same "$(summary distributable p)" "$(fec_account got 641 645)" &&
	same 5748 "$(summary turnover p)" && same 702 "$(summary vat_collected p)"'

# 512: the card sale 24.00 less the card charge 6.00 = 18.00; 530: cash
# sales 42.50 + 8.00, the void -10.00, the charge -12.00, the shortage
# -1.50 = 27.00 (the float of 50.00 is no entry).
check 'the treasury: cash in 530, card in 512' '
	fresh && closed && entries got -C p &&
	same 1800 "$(fec_account got 512)" &&
	same 2700 "$(fec_account got 530)"'

check 'a void is a reversing entry in VT, never a deletion' '
	fresh && closed && entries got -C p --detail &&
	grep -q "	S00005	20260509	Vente cookie x 4, espèces" got &&
	same 3 "$(awk -F"\t" "\$9 == \"V00001\" && \$1 == \"VT\"" got | wc -l)" &&
	awk -F"\t" "\$9 == \"V00001\"" got | grep -q "Annulation de S00005 : typed twice" &&
	same "0,00 10,00" "$(awk -F"\t" "\$9 == \"V00001\" && \$5 == 530 { print \$12, \$13 }" got)" &&
	same "10,00 0,00" "$(awk -F"\t" "\$9 == \"S00005\" && \$5 == 530 { print \$12, \$13 }" got)"'

check 'the cash difference: a shortage to 658, a surplus to 758' '
	fresh && open &&
	entries a -C p && balanced a &&
	same "530 0,00 1,50
658 1,50 0,00" "$(awk -F"\t" "\$1 == \"CA\" { print \$5, \$12, \$13 }" a)" &&
	flashcoop-record -C p count --amount 80.00 --date 2026-05-09 >/dev/null &&
	entries b -C p && balanced b &&
	same "CA00001 K-2026-05-09 Écart de caisse du 2026-05-09 (excédent)" \
		"$(awk -F"\t" "\$1 == \"CA\" && \$5 == 758 { print \$3, \$9, \$11 }" b)" &&
	same "-150 0" "$(fec_account b 758) $(fec_account b 658)"'

check 'the closing entries are dated at the date of closing.ini' '
	fresh && open &&
	flashcoop-close -C p --date 2026-05-12 --allow-unclosed >/dev/null 2>&1 &&
	entries got -C p &&
	same "20260512" "$(awk -F"\t" "\$1 == \"OD\" { print \$4, \$16 }" got |
		tr " " "\n" | sort -u)"'

check 'an open project has no OD entries (and no 6228, 641)' '
	fresh && open && entries got -C p && fec_layout got && balanced got &&
	! cut -f1 got | grep -qx OD &&
	same 0 "$(fec_account got 6228 467 641 645 421 431)" &&
	same "AC CA VT" "$(sed 1d got | cut -f1 | sort -u | xargs)"'

check 'the open project: the same VT and AC entries as when closed' '
	fresh && open && closed q &&
	entries a -C p && entries b -C q &&
	same "$(grep -v "^OD" a)" "$(grep -v "^OD" b)"'

# ---- --detail ----

check '--detail: one VT entry per sale and per void, PieceRef the id' '
	fresh && closed && entries got -C p --detail && fec_layout got &&
	balanced got &&
	same "S00001 S00002 S00003 S00004 S00005 V00001" \
		"$(awk -F"\t" "\$1 == \"VT\" { print \$3, \$9 }" got | uniq |
		   cut -d" " -f2 | xargs)" &&
	same "VT00001 VT00002 VT00003 VT00004 VT00005 VT00006" \
		"$(awk -F"\t" "\$1 == \"VT\" { print \$3 }" got | uniq | xargs)" &&
	grep -q "	S00001	20260509	Vente cookie x 10, espèces, TVA 5.5 %	25,00	0,00	" got'

check '--detail: the same accounts as grouped, to the cent' '
	fresh && closed && entries a -C p && entries b -C p --detail &&
	for acc in 707 44571 44566 512 530 601 606; do
		same "$(fec_account a $acc)" "$(fec_account b $acc)" || exit 1
	done &&
	same "$(grep -v "^VT" a)" "$(grep -v "^VT" b)"'

# S00001 25.00 -> 23.70; S00002 7.50 -> 7.11; S00005 10.00 -> 9.48 and
# its void -9.48: 30.81 = the 5.5 % turnover, nothing to carry.
check '--detail: each sale rounded on its own, the void mirrors its sale' '
	fresh && closed && entries got -C p --detail &&
	same "0,00 23,70
0,00 7,11
0,00 20,00
0,00 6,67
0,00 9,48
9,48 0,00" "$(awk -F"\t" "\$1 == \"VT\" && \$5 == 707 { print \$12, \$13 }" got)"'

# ---- the ledger / hledger format ----

check 'ledger format: DATE (NUM) TEXT, postings NUMBER label  AMOUNT EUR' '
	fresh && closed && entries got -C p --format ledger &&
	W=$LEDGER_AC1 awk -v RS= "\$0 == ENVIRON[\"W\"] { f = 1 } END { exit !f }" got &&
	grep -q "^2026-05-09 (VT00004) Annulation de S00005 : typed twice$" got &&
	grep -q "^2026-05-13 (OD00002) Rémunération des participants" got &&
	! grep -q ";" got &&
	same 9 "$(grep -c "^2026-" got)" || exit 1
	grep -v "^$" got | grep -v "^2026-[0-9][0-9]-[0-9][0-9] ([A-Z][A-Z]0000[0-9]) " |
		grep -Ev "^    [0-9]+ [^ ].*[^ ]  -?[0-9]+\.[0-9][0-9] EUR$" >bad
	[ ! -s bad ] || { cat bad; exit 1; }'


check '--format hledger writes the same journal as --format ledger' '
	fresh && closed &&
	entries a -C p --format ledger && entries b -C p --format hledger &&
	cmp a b'

check 'the ledger format holds the same postings as the FEC' '
	fresh && closed && entries f -C p && entries l -C p --format ledger &&
	same "$(awk -F"\t" "$CENTS"" NR > 1 { print \$3, \$5, cents(\$12) - cents(\$13) }" f)" \
		"$(awk "$CENTS""/^2026/ { n = substr(\$2, 2, 7) } /^    / { print n, \$1, cents(\$(NF-1)) }" l)"'

# hledger and ledger, as Debian ships them, add our journal up on their
# own: an independent check of our arithmetic.
for tool in hledger ledger; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "$tool reads the journal; its balances equal the summary" \
			"$tool is not installed (apt-get install $tool)"
		skip "$tool: several folders, the total row" \
			"$tool is not installed"
		skip "$tool: --detail and the [accounts] overrides" \
			"$tool is not installed"
		continue
	fi
	TOOL=$tool
	check "$tool reads the journal; its balances equal the summary" '
		fresh && closed && entries j -C p --format ledger &&
		{ tool_balance $TOOL j >b || { cat b; exit 1; }; } &&
		same "-$(summary turnover p)" "$(bal b 707)" &&
		same "-$(summary vat_collected p)" "$(bal b 44571)" &&
		same "$(summary vat_deductible p)" "$(bal b 44566)" &&
		same "$(summary charges p)" "$(bal b 601 606)" &&
		same "1137 500" "$(bal b 601) $(bal b 606)" &&
		same "$(summary cae_contribution p)" "$(bal b 6228)" &&
		same "$(summary distributable p)" "$(bal b 641 645)" &&
		same 0 "$(awk "{ s += \$2 } END { print s + 0 }" b)"'

	check "$tool: several folders, the total row" '
		fresh && closed p && open q &&
		sed -i "s/^id .*/id       = FC-OPEN/" q/flashcoop.ini &&
		entries j --format hledger p q && { tool_balance $TOOL j >b || { cat b; exit 1; }; } &&
		same "-$(summary turnover p q)" "$(bal b 707)" &&
		same "-$(summary vat_collected p q)" "$(bal b 44571)" &&
		same "$(summary vat_deductible p q)" "$(bal b 44566)" &&
		same "$(summary charges p q)" "$(bal b 601 606)" &&
		same "$(summary cae_contribution p)" "$(bal b 6228)" &&
		same 411 "$(bal b 6228)"'

	check "$tool: --detail and the [accounts] overrides" '
		fresh &&
		closed_with "\n[accounts]\nsales = 7071 Ventes cookies\ncharge_ingredients = 6011\n" &&
		entries j -C p --format ledger --detail && { tool_balance $TOOL j >b || { cat b; exit 1; }; } &&
		same "-$(summary turnover p)" "$(bal b 7071)" &&
		same 0 "$(bal b 707 601)" &&
		same "$(summary charges p)" "$(bal b 6011 606)" &&
		same "-$(summary vat_collected p)" "$(bal b 44571)"'
done

# ---- [accounts] ----

check '[accounts] overrides: 7071 Ventes cookies, 6011 with the chart label' '
	fresh &&
	closed_with "\n[accounts]\nsales = 7071 Ventes cookies\ncharge_ingredients = 6011\n" &&
	entries got -C p && fec_layout got && balanced got &&
	same "7071	Ventes cookies" "$(cut -f5,6 got | grep "^7071" | sort -u)" &&
	same "6011	Achats de matières premières" \
		"$(cut -f5,6 got | grep "^6011" | sort -u)" &&
	! cut -f5 got | grep -qx 707 && ! cut -f5 got | grep -qx 601 &&
	same "-$(summary turnover p)" "$(fec_account got 7071)"'

check '[accounts] every key of the mapping is taken' '
	fresh && open &&
	printf "%s\n" "" "[accounts]" "vat_collected = 445711 TVA 5,5 et 20" \
		"vat_deductible = 445661" "cash = 5301 Caisse marché" "bank = 5121" \
		"cae_contribution = 62281" "cae = 4671" "salaries = 6411" \
		"employer_contributions = 6451" "net_pay = 4211" \
		"social_bodies = 4311" "cash_shortage = 6581" \
		"charge_other = 6068 Autres achats" >>p/flashcoop.ini &&
	flashcoop-close -C p --date 2026-05-13 --allow-unclosed >/dev/null 2>&1 &&
	entries got -C p && balanced got && closed q && entries a -C q &&
	same "421 431 44566 44571 467 512 530 606 6228 641 645 658" \
		"$(cut -f5 a | sed 1d | sort -u | grep -v "^70\|^601" | xargs)" &&
	same "4211 4311 445661 445711 4671 5121 5301 6068 62281 6411 6451 6581" \
		"$(cut -f5 got | sed 1d | sort -u | grep -v "^70\|^601" | xargs)" &&
	same "6068	Autres achats" "$(cut -f5,6 got | grep "^6068" | sort -u)" &&
	same "5301	Caisse marché" "$(cut -f5,6 got | grep "^5301" | sort -u)"'

check '[accounts] cash_surplus and charge_CATEGORY of a new category' '
	fresh && open &&
	printf "\n[accounts]\ncash_surplus = 7581 Excédents\ncharge_deco = 6063 Décoration\n" \
		>>p/flashcoop.ini &&
	flashcoop-record -C p count --amount 80.00 --date 2026-05-09 >/dev/null &&
	entries got -C p && balanced got &&
	same "-150" "$(fec_account got 7581)" &&
	same "500" "$(fec_account got 6063)" &&
	same "6063	Décoration" "$(cut -f5,6 got | grep "^6063" | sort -u)"'

# bad_account LINE-TEXT WHAT: [accounts] with LINE-TEXT: entries refuses
# with 65 naming flashcoop.ini:LINE and WHAT, nothing on stdout.
bad_account() {
	fresh && closed &&
	printf "\n[accounts]\n%s\n" "$1" >>p/flashcoop.ini &&
	line=$(wc -l <p/flashcoop.ini) &&
	fails 65 flashcoop-report -C p entries &&
	said "flashcoop.ini:$line: " && said "$2" &&
	fails 65 flashcoop-report entries p p &&
	fails 65 flashcoop-report -C p entries --format ledger
}

check '[accounts] sales = abc-1: refused (65), flashcoop.ini:LINE' \
	'bad_account "sales = abc-1" "abc-1"'
check '[accounts] an unknown key: refused (65), flashcoop.ini:LINE' \
	'bad_account "colour = 701 Ventes" "unknown account .colour."'
check '[accounts] an empty value: refused (65), flashcoop.ini:LINE' \
	'bad_account "sales =" "sales|NUMBER"'
check '[accounts] charge_ without a category: refused (65)' \
	'bad_account "charge_ = 601" "charge_"'

check '[accounts] a bad value fails every command, not only entries' '
	fresh && closed &&
	printf "\n[accounts]\nsales = 70.7\n" >>p/flashcoop.ini &&
	fails 65 flashcoop-report -C p summary && said "flashcoop.ini:"'

# ---- several folders ----

check 'several folders: one header, EcritureNum and PieceRef prefixed ID-' '
	fresh && closed p && open q &&
	sed -i "s/^id .*/id       = FC-OPEN/" q/flashcoop.ini &&
	entries got p q && balanced got &&
	same 1 "$(grep -c "^JournalCode" got)" &&
	head -n 1 got | grep -q "^JournalCode" &&
	entries a -C p && entries b -C q &&
	same $(( $(wc -l <a) + $(wc -l <b) - 1 )) "$(wc -l <got)" &&
	awk -F"\t" "NR > 1 && \$3 ~ /^FC-TEST-/" got >gp &&
	awk -F"\t" "NR > 1 && \$3 ~ /^FC-OPEN-/" got >gq &&
	same "$(( $(wc -l <got) - 1 ))" "$(( $(wc -l <gp) + $(wc -l <gq) ))" &&
	same "$(sed 1d a)" "$(awk -F"\t" -v OFS="\t" "{ sub(/^FC-TEST-/, \"\", \$3); n = sub(/^FC-TEST-/, \"\", \$9); if (!n) \$9 = \"NOPREFIX\"; print }" gp)" &&
	same "$(sed 1d b)" "$(awk -F"\t" -v OFS="\t" "{ sub(/^FC-OPEN-/, \"\", \$3); n = sub(/^FC-OPEN-/, \"\", \$9); if (!n) \$9 = \"NOPREFIX\"; print }" gq)" &&
	same "FC-TEST-VT00001 FC-TEST-Z-2026-05-09-card-20" \
		"$(sed -n 2p got | cut -f3,9 | tr "\t" " ")" &&
	(head -n 1 got; cat gp) >fp && fec_layout fp FC-TEST- &&
	(head -n 1 got; cat gq) >fq && fec_layout fq FC-OPEN-'

check 'several folders: the VAT accounts equal the total row of summary' '
	fresh && closed p && open q &&
	sed -i "s/^id .*/id       = FC-OPEN/" q/flashcoop.ini &&
	entries got p q &&
	same "$(summary vat_collected p q)" "$(( - $(fec_account got 44571) ))" &&
	same "$(summary vat_deductible p q)" "$(fec_account got 44566)" &&
	same "$(summary turnover p q)" "$(( - $(fec_account got 707) ))" &&
	same 1404 "$(summary vat_collected p q)"'

check 'several folders, ledger format: codes prefixed, one journal' '
	fresh && closed p && open q &&
	sed -i "s/^id .*/id       = FC-OPEN/" q/flashcoop.ini &&
	entries got --format ledger p q &&
	grep -q "^2026-05-09 (FC-TEST-VT00001) " got &&
	grep -q "^2026-05-09 (FC-OPEN-VT00001) " got &&
	same 16 "$(grep -c "^2026-" got)"'

check 'one folder given as operand: no prefix' '
	fresh && closed && entries a p && entries b -C p && cmp a b &&
	! grep -q "FC-TEST" a'

check 'several folders with --keep-going: a bad one named, the rest written' '
	fresh && closed p && mkdir nope &&
	flashcoop-report entries --keep-going nope p >got 2>"$T/.err"
	[ $? = 66 ] && same 1 "$(grep -c "^JournalCode" got)" &&
	grep -q "	FC-TEST-VT00001	" got && said "nope"'

# ---- usage ----

check 'entries --format csv (or text, json): usage error (64)' '
	fresh && closed &&
	fails 64 flashcoop-report -C p entries --format csv && said "csv" &&
	fails 64 flashcoop-report -C p entries --format text &&
	fails 64 flashcoop-report -C p entries --format json'

check '--detail without entries: usage error (64)' '
	fresh && closed &&
	fails 64 flashcoop-report -C p --detail && said "entries" &&
	fails 64 flashcoop-report -C p summary --detail &&
	fails 64 flashcoop-report -C p sales --detail'

check 'entries takes no --by, --names, --from, --to (64)' '
	fresh && closed &&
	fails 64 flashcoop-report -C p entries --by day &&
	fails 64 flashcoop-report -C p entries --names &&
	fails 64 flashcoop-report -C p entries --from 2026-05-09 &&
	fails 64 flashcoop-report -C p entries --to 2026-05-09'

check 'entries of a folder that is no project: 66' '
	fresh && mkdir e && fails 66 flashcoop-report -C e entries'

# ---- bugs found by these tests ----

# Found as a bug: the texts are cut at a fixed size (EcritureLib 159 bytes) in
# the middle of a UTF-8 character: the FEC is not valid UTF-8 and hledger
# refuses the journal ("invalid byte sequence").
check 'a long note (100 é) keeps the FEC and the journal valid UTF-8' '
	fresh && open &&
	note=$(printf "é%.0s" $(seq 1 100)) &&
	flashcoop-record -C p charge --amount 3 --category stand --vat 20 \
		--date 2026-05-06 --note "$note" >/dev/null &&
	entries got -C p && iconv -f UTF-8 -t UTF-8 got >/dev/null &&
	entries j -C p --format ledger && iconv -f UTF-8 -t UTF-8 j >/dev/null'

# Found as a bug: PieceRef is cut at 63 bytes: two invoices with long refs that
# differ after the 63rd byte get one PieceRef.
check 'a long ref (70 characters) is the PieceRef whole' '
	fresh && open &&
	ref=$(printf "R%.0s" $(seq 1 70)) &&
	flashcoop-record -C p charge --amount 3 --category stand --vat 20 \
		--date 2026-05-06 --ref "${ref}1" >/dev/null &&
	flashcoop-record -C p charge --amount 3 --category stand --vat 20 \
		--date 2026-05-06 --ref "${ref}2" >/dev/null &&
	entries got -C p &&
	same "${ref}1 ${ref}2" "$(awk -F"\t" "\$5 == 613 { print \$9 }" got | xargs)"'

# Found as a bug: an [accounts] value with two spaces ("7071  Ventes") is
# accepted, and its label " Ventes" then ends the account name in the
# ledger format ("    7071  Ventes  -20.00 EUR"): hledger and ledger
# refuse the journal.
check '[accounts] sales = "7071  Ventes" (two spaces): hledger still reads it' '
	command -v hledger >/dev/null 2>&1 || exit 0
	fresh && closed_with "\n[accounts]\nsales = 7071  Ventes cookies\n" &&
	entries j -C p --format ledger &&
	{ tool_balance hledger j >b || { cat b; exit 1; }; } &&
	same "-$(summary turnover p)" "$(bal b 7071)"'

# Found as a bug: iniparser reads keys in lowercase, so charge_Deco is
# charge_deco, but the charge account is looked up with the category as
# written in ledger.csv ("Deco"): the override is silently not used.
check '[accounts] charge_deco maps the category Deco (keys are case-insensitive)' '
	fresh && open &&
	printf "\n[accounts]\ncharge_Deco = 6063 Décoration\n" >>p/flashcoop.ini &&
	flashcoop-record -C p charge --amount 3.00 --category Deco --vat 20 \
		--date 2026-05-06 >/dev/null &&
	entries got -C p &&
	same "750" "$(fec_account got 6063)"'

# Found as a bug: with several folders, entries writes each project as soon as
# it is read: when a later folder fails (without --keep-going), the exit
# status is not 0 but the earlier projects are on stdout already, a
# truncated FEC, where every other report prints nothing.
check 'several folders, one missing, no --keep-going: 66 and nothing on stdout' '
	fresh && closed p &&
	fails 66 flashcoop-report entries p nope && said "nope"'

# ---- the man pages ----

check 'flashcoop-report(1) documents entries, its formats and --detail' '
	[ -f "$MAN1" ] &&
	for w in "Cm entries" "Cm fec" "Cm ledger" "Cm hledger" "Fl -detail" \
	         44571 44566 6228 "Z-" "Annulation de" EcritureNum Idevise; do
		grep -qF -- "$w" "$MAN1" || { echo "no $w"; exit 1; }
	done'

check 'flashcoop.ini(5) documents [accounts] and every key of the mapping' '
	[ -f "$MAN5" ] &&
	for k in sales vat_collected vat_deductible cash bank cae_contribution \
	         cae salaries employer_contributions net_pay social_bodies \
	         cash_shortage cash_surplus charge_ ingredients packaging stand \
	         transport communication other 6026 613 624 623 606 431 758; do
		grep -q -- "$k" "$MAN5" || { echo "no $k"; exit 1; }
	done && grep -q "accounts" "$MAN5"'

# forms: the forms of a usage, one a line, spaces taken out.
forms() {
	tr -d " \n" | sed "s/flashcoop-report/\n&/g" | sed "/^\$/d"
}

check 'the SYNOPSIS of flashcoop-report(1): the forms of --help, entries too' '
	command -v mandoc >/dev/null 2>&1 || exit 0
	flashcoop-report --help | sed "/^DIM:/d; s/^usage://" | forms >h &&
	mandoc -Tascii -O width=200 "$MAN1" | sed "s/.\x08//g" |
		sed -n "/^SYNOPSIS/,/^ *DIM is one of/p" | sed "1d;\$d" | forms >m &&
	grep "entries" h >he && [ -s he ] &&
	{ grep -qxFf he m || { echo "not in the SYNOPSIS:"; cat he; exit 1; }; } ||
	exit 1
	grep -vxFf h m >extra
	[ ! -s extra ] || { echo "in the SYNOPSIS, not in --help:"; cat extra; exit 1; }
	same "$(grep -c "" h)" "$(grep -c "" m)"'

if command -v mandoc >/dev/null 2>&1; then
	check 'both man pages pass mandoc -Tlint -W warning' '
		out=$(mandoc -Tlint -W warning "$MAN1" "$MAN5" 2>&1) &&
		[ -z "$out" ] || { echo "$out"; exit 1; }'
else
	skip 'both man pages pass mandoc -Tlint -W warning' 'no mandoc'
fi

done_testing
