#!/bin/sh
# Files you can trust wherever they travel (issue 14, findings 4 and 12).
# Text that goes to a person's spreadsheet or accounting program cannot run
# there: a cell of the FEC, of closing.csv or of the ledger journal that
# begins with = + - @ is written with a ' before it.  Stored text holds no
# bidirectional control character.  flashcoop.ini: the currency is an ISO
# 4217 code; products are one whatever their case, accents included; a
# repeated section is a warning; a byte-order mark is read.  A folder whose
# name holds a line break does not split a FILE:LINE: message.
# The man pages: flashcoop.ini(5), flashcoop-report(1), flashcoop-ledger(5).
. "$(dirname "$0")/lib.sh"

# ---- helpers ----

# ini_line PATTERN: the number of the first line of p/flashcoop.ini that
# matches PATTERN.
ini_line() {
	grep -n -- "$1" p/flashcoop.ini | head -1 | cut -d: -f1
}

# starts_quote VALUE: VALUE begins with a single quote.
starts_quote() {
	case $1 in
	"'"*) return 0 ;;
	esac
	echo "does not begin with a quote: $1"
	return 1
}

# A charge whose ref and category would be formulas in a spreadsheet.
formula_charge() {
	new_project p &&
	rec charge --amount 3.00 --category '=1+2' --vat 20 --date 2026-05-05 \
		--ref '=HYPERLINK("x")' >/dev/null
}

# ---- 4. formulas in the exports that go to people ----

check 'FEC: PieceRef and EcritureLib of a charge =HYPERLINK / =1+2 begin with a quote' '
	fresh && formula_charge &&
	flashcoop-report -C p entries --format fec >fec &&
	piece=$(awk -F"\t" "\$5 == 6288 { print \$9 }" fec) &&
	text=$(awk -F"\t" "\$5 == 6288 { print \$11 }" fec) &&
	same "'"'"'=HYPERLINK(\"x\")" "$piece" &&
	starts_quote "$text" && same "'"'"'=1+2, TVA 20 %" "$text"'

check 'FEC: amounts stay numbers, a CompteLib =Stand from [accounts] begins with a quote' '
	fresh && formula_charge &&
	set_ini charge_other "606 =Stand" &&
	flashcoop-report -C p entries --format fec >fec &&
	same "'"'"'=Stand" "$(awk -F"\t" "\$5 == 606 { print \$6 }" fec)" &&
	same "2,50 0,00" "$(awk -F"\t" "\$5 == 606 { print \$12, \$13 }" fec)"'

check 'FEC: no text cell begins with = + - @ (the whole file)' '
	fresh && formula_charge &&
	flashcoop-report entries --format fec p >fec &&
	awk -F"\t" "NR > 1 { for (i = 1; i <= NF; i++) if (\$i ~ /^[-=+@]/) { print NR \": \" \$i; bad = 1 } } END { exit bad }" fec'

for tool in hledger ledger; do
	check "ledger journal: a category @cmd gives a description '@cmd, and $tool reads it" '
		command -v '$tool' >/dev/null 2>&1 || exit 0
		fresh && new_project p &&
		rec charge --amount 3.00 --category @cmd --vat 20 \
			--date 2026-05-05 >/dev/null &&
		flashcoop-report -C p entries --format ledger >j &&
		grep -q "^2026-05-05 (AC00001) '"'"'@cmd, TVA 20 %\$" j &&
		LC_ALL=C.UTF-8 '$tool' -f - print <j >out 2>err &&
		[ ! -s err ] && grep -q "'"'"'@cmd" out'
done

check 'hledger check accepts a journal with neutralised descriptions and labels' '
	command -v hledger >/dev/null 2>&1 || exit 0
	fresh && formula_charge &&
	set_ini charge_other "606 @Stand" &&
	flashcoop-report -C p entries --format hledger >j &&
	grep -q "^    606 '"'"'@Stand  2.50 EUR  ; analytic: FC-TEST\$" j &&
	LC_ALL=C.UTF-8 hledger -f - check <j'

check 'closing.csv: a name =cmd|... and a contract +33-CAPE begin with a quote, the id stays' '
	fresh && new_project p && cd p &&
	flashcoop-enroll "=cmd|'"'"' /C calc'"'"'!A0" --contract +33-CAPE \
		--date 2026-05-04 >/dev/null &&
	flashcoop-record hours --participant P001 --hours 5 \
		--date 2026-05-05 >/dev/null &&
	flashcoop-record sale --product x --price 20 --vat 20 --qty 1 \
		--payment card --date 2026-05-05 >/dev/null &&
	flashcoop-close --date 2026-05-13 --allow-unclosed >/dev/null &&
	same "P001" "$(awk -F, "NR == 2 { print \$1 }" closing.csv)" &&
	same "'"'"'=cmd|'"'"' /C calc'"'"'!A0" "$(awk -F, "NR == 2 { print \$2 }" closing.csv)" &&
	same "'"'"'+33-CAPE" "$(awk -F, "NR == 2 { print \$3 }" closing.csv)" &&
	flashcoop-check'

check 'a note with U+202E (right-to-left override): 65, bidirectional, files unchanged' '
	fresh && new_project p &&
	note=$(printf "x\342\200\256y") &&
	unchanged p flashcoop-record -C p charge --amount 3 --category stand \
		--date 2026-05-05 --note "$note" &&
	exits 65 flashcoop-record -C p charge --amount 3 --category stand \
		--date 2026-05-05 --note "$note" &&
	said "bidirectional"'

check 'enrolling a name with U+2066 (left-to-right isolate): 65, bidirectional, unchanged' '
	fresh && new_project p &&
	name=$(printf "Ada \342\201\246x") &&
	unchanged p flashcoop-enroll -C p "$name" --contract C-1 --date 2026-05-04 &&
	exits 65 flashcoop-enroll -C p "$name" --contract C-1 --date 2026-05-04 &&
	said "bidirectional"'

check 'a batch row with U+202B in its note: 65 naming the line, bidirectional' '
	fresh && new_project p &&
	printf "kind,date,amount,category,note\ncharge,2026-05-05,3.00,stand,ok\ncharge,2026-05-05,3.00,stand,a\342\200\253b\n" >b.csv &&
	unchanged p flashcoop-record -C p --batch b.csv &&
	exits 65 flashcoop-record -C p --batch b.csv &&
	said ":3:" && said "bidirectional"'

# ---- 12. flashcoop.ini ----

for cur in "Euro 2026" eur EU EURO "E1R"; do
	check "currency = $cur is refused: 65, flashcoop.ini:LINE:, ISO 4217" '
		fresh && new_project p && set_ini currency "'"$cur"'" &&
		n=$(ini_line "^currency") &&
		exits 65 flashcoop-report -C p summary &&
		said "flashcoop.ini:$n:" && said "ISO 4217" &&
		exits 65 flashcoop-check p'
done

check 'currency = CHF is read, and written in the ledger journal' '
	fresh && new_project p && set_ini currency CHF &&
	rec charge --amount 3.00 --category stand --vat 20 \
		--date 2026-05-05 >/dev/null &&
	flashcoop-report -C p entries --format ledger >j &&
	grep -q "  2.50 CHF  ; analytic: FC-TEST\$" j &&
	grep -qx "commodity CHF" j'

check 'a product Éclair is found as éclair and ÉCLAIR, and stored as Éclair' '
	fresh && new_project p &&
	printf "Éclair = 2.00, 5.5\n" >>p/flashcoop.ini &&
	rec sale --product éclair --qty 2 --date 2026-05-05 >/dev/null &&
	rec sale --product ÉCLAIR --qty 1 --date 2026-05-05 >/dev/null &&
	same "Éclair 2 2.00 4.00 5.5
Éclair 1 2.00 2.00 5.5" "$(awk -F, "NR > 1 { print \$4, \$5, \$6, \$7, \$8 }" p/ledger.csv)"'

check 'Œuf as œuf, Ÿ as ÿ, and a catalogue product with its own price keeps the catalogue spelling' '
	fresh && new_project p &&
	printf "Œuf = 1.00, 5.5\nŸaourt = 1.50, 5.5\ncookie = 2.50, 5.5\n" >>p/flashcoop.ini &&
	rec sale --product œuf --qty 1 --date 2026-05-05 >/dev/null &&
	rec sale --product ÿaourt --qty 1 --date 2026-05-05 >/dev/null &&
	rec sale --product COOKIE --price 3.00 --qty 1 --date 2026-05-05 >/dev/null &&
	same "Œuf Ÿaourt cookie" "$(awk -F, "NR > 1 { print \$4 }" p/ledger.csv | xargs)"'

check 'a product outside the catalogue is stored as written' '
	fresh && new_project p &&
	rec sale --product Brioché --price 4 --vat 5.5 --qty 1 --date 2026-05-05 >/dev/null &&
	same "Brioché" "$(awk -F, "NR > 1 { print \$4 }" p/ledger.csv)"'

check 'products Éclair and éclair in one catalogue: 65 naming the line and both spellings' '
	fresh && new_project p &&
	printf "Éclair = 2.00, 5.5\néclair = 2.20, 5.5\n" >>p/flashcoop.ini &&
	n=$(ini_line "^éclair") &&
	exits 65 flashcoop-report -C p summary &&
	said "flashcoop.ini:$n:" && said "Éclair" && said "éclair" &&
	said "differ only by case"'

check 'products Cookie and cookie (which iniparser would merge): 65 naming the line' '
	fresh && new_project p &&
	printf "Cookie = 2.50, 5.5\ncookie = 3.00, 5.5\n" >>p/flashcoop.ini &&
	n=$(ini_line "^cookie") &&
	exits 65 flashcoop-report -C p summary &&
	said "flashcoop.ini:$n:" && said "Cookie" && said "differ only by case"'

check 'a folder named a<newline>b: flashcoop-check prints one line, with the line break escaped' '
	fresh && d=$(printf "a\nb") && new_project "$d" &&
	printf "S00001,2026-05-05,sale,cookie,x,2.50,2.50,5.5,,cash,,,\n" \
		>>"$d/ledger.csv" &&
	exits 65 flashcoop-check "$d" &&
	same 1 "$(wc -l <"$T/.stdout")" &&
	grep -F "a\\nb/ledger.csv:2:" "$T/.stdout"'

check 'a folder named a<newline>b: a bad flashcoop.ini is one line too' '
	fresh && d=$(printf "a\nb") && new_project "$d" &&
	printf "[extra]\n" >>"$d/flashcoop.ini" &&
	exits 65 flashcoop-report -C "$d" summary &&
	same 1 "$(wc -l <"$T/.err")" && said "a\\\\nb/flashcoop.ini:"'

check 'a second [money]: a warning naming both lines, exit 0' '
	fresh && new_project p &&
	first=$(ini_line "^\[money\]") &&
	printf "\n[money]\nshare = equal\n" >>p/flashcoop.ini &&
	second=$(grep -n "^\[money\]" p/flashcoop.ini | tail -1 | cut -d: -f1) &&
	exits 0 flashcoop-report -C p summary &&
	said "^flashcoop-report: p/flashcoop.ini:$second: warning: \[money\] appears a second time \\(first on line $first\\)"'

check 'a second [money]: every command warns and goes on' '
	fresh && new_project p &&
	printf "\n[Money]\nshare = equal\n" >>p/flashcoop.ini &&
	exits 0 flashcoop-record -C p charge --amount 3 --category stand \
		--date 2026-05-05 && said "^flashcoop-record: .*warning: \[money\] appears a second time" &&
	exits 0 flashcoop-enroll -C p --list && said "^flashcoop-enroll: .*warning" &&
	exits 0 flashcoop-enroll -C p Ada --contract C-1 --date 2026-05-04 &&
	said "^flashcoop-enroll: .*warning" &&
	exits 0 flashcoop-close -C p --dry-run --date 2026-05-13 &&
	[ "$(grep -c "warning: \[money\] appears" "$T/.err")" = 1 ] &&
	exits 0 flashcoop-report -C p entries && said "warning" &&
	exits 0 flashcoop-report -C p bilan && said "warning"'

check 'a second [money]: flashcoop-check says it on stderr and exits 0' '
	fresh && new_project p &&
	printf "\n[money]\nshare = equal\n" >>p/flashcoop.ini &&
	exits 0 flashcoop-check p && [ ! -s "$T/.stdout" ] &&
	said "^p/flashcoop.ini:[0-9]*: warning: \[money\] appears a second time"'

check 'a byte-order mark before flashcoop.ini is read' '
	fresh && new_project p &&
	{ printf "\357\273\277"; cat p/flashcoop.ini; } >ini &&
	cat ini >p/flashcoop.ini &&
	exits 0 flashcoop-check p && [ ! -s "$T/.stdout" ] &&
	exits 0 flashcoop-report -C p summary && [ ! -s "$T/.err" ]'

check 'a byte-order mark before [flashcoop]: the line numbers hold' '
	fresh && mkdir p &&
	printf "\357\273\277[flashcoop]\nid = FC-B\nname = B\nstart = 2026-02-30\nend = 2026-05-13\n" \
		>p/flashcoop.ini &&
	exits 65 flashcoop-report -C p summary &&
	said "p/flashcoop.ini:4: start" &&
	printf "\357\273\277[flashcoop]\nid = FC-B\nname = B\nstart = 2026-05-04\nend = 2026-05-13\ncurrency = eur\n" \
		>p/flashcoop.ini &&
	exits 65 flashcoop-report -C p summary &&
	said "p/flashcoop.ini:6:"'

done_testing
