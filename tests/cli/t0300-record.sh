#!/bin/sh
# flashcoop-record, one row at a time: sale, charge, count, hours, void.
# The exact rows written, the ids (gap-free per kind, voids included), the
# catalogue and its overrides, and every refusal of SPEC §2 with its exit
# status and the files left byte for byte.
. "$(dirname "$0")/lib.sh"

# ---- helpers ----

# gives ID command...: the command exits 0, prints ID alone on stdout and
# nothing on stderr.
gives() {
	want=$1
	shift
	"$@" >"$T/.stdout" 2>"$T/.err"
	got=$?
	if [ "$got" != 0 ]; then
		echo "expected exit 0, got $got: $*"
		cat "$T/.err"
		return 1
	fi
	if ! printf '%s\n' "$want" | cmp -s - "$T/.stdout"; then
		echo "expected '$want' alone on stdout: $*"
		echo "got:"
		cat "$T/.stdout"
		return 1
	fi
	if [ -s "$T/.err" ]; then
		echo "stderr is not empty: $*"
		cat "$T/.err"
		return 1
	fi
}

# last FILE: the last line of p/FILE.
last() {
	plain "p/$1" | tail -n 1
}

NOTE_COMMA="table 2, près de l'entrée"
TODAY=$(date +%Y-%m-%d)

# ---- the project: a catalogue, two participants ----

check 'setup: a project, a catalogue, P001 (04 to 10 May), P002 (from 06 May)' '
	catalogue_project &&
	same "P001,Ada,CAPE-1,2026-05-04,2026-05-10" \
		"$(sed -n 2p p/participants.csv | cut -d, -f1-5)" &&
	same "P002,Bob,CAPE-2,2026-05-06," \
		"$(sed -n 3p p/participants.csv | cut -d, -f1-5)" &&
	same 1 "$(wc -l <p/ledger.csv)" && same 1 "$(wc -l <p/hours.csv)" &&
	cp p/ledger.csv p/hours.csv "$T"'

# ---- sales ----

check 'sale: catalogue price and VAT, payment cash by default, S00001 alone on stdout' '
	gives S00001 rec sale --product cookie --qty 3 --date 2026-05-05 &&
	same "S00001,2026-05-05,sale,cookie,3,2.50,7.50,5.5,,cash,,,,," "$(last ledger.csv)" &&
	same 2 "$(wc -l <p/ledger.csv)"'

check 'sale: product matched case-insensitively, stored as the catalogue (lowercase) names it; --by, --payment, --ref, --note' '
	gives S00002 rec sale --product BISCUIT-Apero --qty 2 --payment card \
		--by P001 --date 2026-05-05 --ref T-1 --note "$NOTE_COMMA" &&
	same "S00002,2026-05-05,sale,biscuit-apero,2,3.00,6.00,5.5,,card,P001,T-1,\"table 2, près de l'"'"'entrée\",," \
		"$(last ledger.csv)"'

check 'sale: --participant is an alias of --by; VAT rate 20 from the catalogue' '
	gives S00003 rec sale --product sac-vrac --qty 1 --participant P002 \
		--date 2026-05-06 --payment cheque &&
	same "S00003,2026-05-06,sale,sac-vrac,1,8.00,8.00,20,,cheque,P002,,,," "$(last ledger.csv)"'

check 'sale: --price (decimal comma) overrides the catalogue price, the catalogue VAT rate stays' '
	gives S00004 rec sale --product cookie --qty 4 --price 2,25 --date 2026-05-07 &&
	same "S00004,2026-05-07,sale,cookie,4,2.25,9.00,5.5,,cash,,,,," "$(last ledger.csv)"'

check 'sale: --vat overrides the catalogue VAT rate, the catalogue price stays' '
	gives S00005 rec sale --product cookie --qty 1 --vat 10 --date 2026-05-07 &&
	same "S00005,2026-05-07,sale,cookie,1,2.50,2.50,10,,cash,,,,," "$(last ledger.csv)"'

check 'sale: a product outside the catalogue with --price and --vat (name kept as given)' '
	gives S00006 rec sale --product Jus-Pomme --qty 2 --price 1.50 --vat 5,5 \
		--date 2026-05-08 --payment transfer &&
	same "S00006,2026-05-08,sale,Jus-Pomme,2,1.50,3.00,5.5,,transfer,,,,," "$(last ledger.csv)"'

check 'sale: VAT rates 0 and 100 are the bounds, both taken; payment other' '
	gives S00007 rec sale --product cookie --qty 1 --vat 0 --date 2026-05-13 --payment other &&
	same "S00007,2026-05-13,sale,cookie,1,2.50,2.50,0,,other,,,,," "$(last ledger.csv)" &&
	gives S00008 rec sale --product cookie --qty 1 --vat 100 --date 2026-05-04 &&
	same "S00008,2026-05-04,sale,cookie,1,2.50,2.50,100,,cash,,,,," "$(last ledger.csv)"'

check 'sale: quantity x price, 12 x 0.99 = 11.88; a price of 0 is taken' '
	gives S00009 rec sale --product cookie --qty 12 --price 0.99 --date 2026-05-05 &&
	same "S00009,2026-05-05,sale,cookie,12,0.99,11.88,5.5,,cash,,,,," "$(last ledger.csv)" &&
	gives S00010 rec sale --product cookie --qty 1 --price 0 --date 2026-05-05 &&
	same "S00010,2026-05-05,sale,cookie,1,0.00,0.00,5.5,,cash,,,,," "$(last ledger.csv)"'

check 'sale: a participant on the day before the withdrawal date is taken' '
	gives S00011 rec sale --product cookie --qty 1 --by P001 --date 2026-05-09 &&
	same "S00011,2026-05-09,sale,cookie,1,2.50,2.50,5.5,,cash,P001,,,," "$(last ledger.csv)"'

check 'sale: a note of exactly 1000 bytes (500 x é) is taken whole' '
	n=$(printf "%500s" "" | sed "s/ /é/g") &&
	same 1000 "$(printf %s "$n" | wc -c)" &&
	gives S00012 rec sale --product cookie --qty 1 --date 2026-05-05 --note "$n" &&
	same "S00012,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,,$n,," "$(last ledger.csv)"'

# ---- charges and counts ----

check 'charge: VAT rate 0 and payment other by default, 12,5 stored 12.50' '
	gives C00001 rec charge --amount 12,5 --category ingredients --date 2026-05-04 &&
	same "C00001,2026-05-04,charge,,,,12.50,0,ingredients,other,,,,," "$(last ledger.csv)"'

check 'charge: every option' '
	gives C00002 rec charge --amount 20 --category stand --vat 20 --payment card \
		--ref F-2026-17 --note "Metro, farine" --date 2026-05-05 &&
	same "C00002,2026-05-05,charge,,,,20.00,20,stand,card,,F-2026-17,\"Metro, farine\",," \
		"$(last ledger.csv)"'

check 'count: payment cash, no VAT rate, the note says who counted' '
	gives K00001 rec count --amount 123.45 --date 2026-05-09 --note Ada &&
	same "K00001,2026-05-09,count,,,,123.45,,,cash,,,Ada,," "$(last ledger.csv)" &&
	gives K00002 rec count --amount 0 --date 2026-05-10 &&
	same "K00002,2026-05-10,count,,,,0.00,,,cash,,,,," "$(last ledger.csv)"'

# ---- hours ----

check 'hours: H00001 into hours.csv, ledger.csv untouched' '
	cp p/ledger.csv before &&
	gives H00001 rec hours --participant P001 --hours 7.5 --date 2026-05-05 &&
	same "H00001,2026-05-05,hours,P001,7.50,,," "$(last hours.csv)" &&
	cmp before p/ledger.csv'

check 'hours: decimal comma, --ref and --note' '
	gives H00002 rec hours --participant P002 --hours 3,25 --date 2026-05-06 \
		--ref sheet-1 --note stand &&
	same "H00002,2026-05-06,hours,P002,3.25,sheet-1,stand," "$(last hours.csv)"'

check 'hours: 24 in a day is taken' '
	gives H00003 rec hours --participant P002 --hours 24 --date 2026-05-07 &&
	same "H00003,2026-05-07,hours,P002,24.00,,," "$(last hours.csv)"'

check 'hours: more than 24 a day over two records is refused (0.01 after 24)' '
	refuses 65 p flashcoop-record -C p hours --participant P002 --hours 0.01 --date 2026-05-07 &&
	said "24"'

check 'hours: 20 then 4.01 the same day is refused, 20 then 4 is taken' '
	gives H00004 rec hours --participant P002 --hours 20 --date 2026-05-08 &&
	refuses 65 p flashcoop-record -C p hours --participant P002 --hours 4.01 --date 2026-05-08 &&
	said "24" &&
	gives H00005 rec hours --participant P002 --hours 4 --date 2026-05-08'

check 'hours: the 24 a day are per participant and per day' '
	gives H00006 rec hours --participant P002 --hours 8 --date 2026-05-09 &&
	gives H00007 rec hours --participant P001 --hours 8 --date 2026-05-08'

# ---- voids ----

check 'void of a sale: V00001 repeats the row (date, product, amounts, payment, participant)' '
	cp p/hours.csv before &&
	gives V00001 rec void S00002 --reason "erreur de saisie" &&
	same "V00001,2026-05-05,void,biscuit-apero,2,3.00,6.00,5.5,,card,P001,S00002,erreur de saisie,," \
		"$(last ledger.csv)" &&
	cmp before p/hours.csv'

check 'void of hours: V00002, one V sequence over both files, the void goes to hours.csv' '
	cp p/ledger.csv before &&
	gives V00002 rec void H00001 --reason doublon &&
	same "V00002,2026-05-05,void,P001,7.50,H00001,doublon," "$(last hours.csv)" &&
	cmp before p/ledger.csv'

check 'void of a charge: V00003 in ledger.csv' '
	gives V00003 rec void C00001 --reason "facture perdue" &&
	same "V00003,2026-05-04,void,,,,12.50,0,ingredients,other,,C00001,facture perdue,," \
		"$(last ledger.csv)"'

check 'voided hours no longer count in the 24 a day: void the 24, then 8 is taken' '
	gives V00004 rec void H00003 --reason "wrong day" &&
	gives H00008 rec hours --participant P002 --hours 8 --date 2026-05-07'

check 'ids after voids keep going per kind: S00013, C00003, K00003, H00009, V00005' '
	gives S00013 rec sale --product cookie --qty 1 --date 2026-05-06 &&
	gives C00003 rec charge --amount 5 --category transport --date 2026-05-06 &&
	gives K00003 rec count --amount 10 --date 2026-05-06 &&
	gives H00009 rec hours --participant P002 --hours 1 --date 2026-05-10 &&
	gives V00005 rec void S00013 --reason test'

check 'every kind is gap-free: S C K in ledger.csv, H in hours.csv, V over both' '
	gapfree S p/ledger.csv && gapfree C p/ledger.csv &&
	gapfree K p/ledger.csv && gapfree H p/hours.csv &&
	gapfree V p/ledger.csv p/hours.csv &&
	same 0 "$(cut -d, -f1 p/ledger.csv | grep -c "^[HP]")" &&
	same 0 "$(cut -d, -f1 p/hours.csv | grep -c "^[SCKP]")"'

check 'every line of both files ends with a newline, with the header first' '
	same "$(head -n 1 "$T/ledger.csv")" "$(head -n 1 p/ledger.csv)" &&
	same "$(head -n 1 "$T/hours.csv")" "$(head -n 1 p/hours.csv)" &&
	same "$(printf "\n" | od -c)" "$(tail -c 1 p/ledger.csv | od -c)" &&
	same "$(printf "\n" | od -c)" "$(tail -c 1 p/hours.csv | od -c)"'

# ---- refs already recorded ----

check 'a sale whose --ref is recorded: prints the existing id, warns, exit 0, writes nothing' '
	before=$(snapshot p) &&
	rec sale --product cookie --qty 9 --date 2026-05-06 --ref T-1 >out 2>err &&
	same S00002 "$(cat out)" && same 1 "$(wc -l <out)" &&
	grep -q "^flashcoop-record: .*already recorded" err &&
	same "$before" "$(snapshot p)"'

check 'hours whose --ref is recorded: the existing H id, nothing written' '
	before=$(snapshot p) &&
	rec hours --participant P002 --hours 1 --date 2026-05-11 --ref sheet-1 >out 2>err &&
	same H00002 "$(cat out)" && grep -q "already recorded" err &&
	same "$before" "$(snapshot p)"'

check 'a charge whose --ref is recorded: the existing C id, nothing written' '
	before=$(snapshot p) &&
	rec charge --amount 99 --category stand --date 2026-05-07 --ref F-2026-17 >out 2>err &&
	same C00002 "$(cat out)" && grep -q "already recorded" err &&
	same "$before" "$(snapshot p)"'

# ---- finding the project; today ----

check 'the project is found from the current folder and from $FLASHCOOP_DIR' '
	cp -a p q && adopt q &&
	(cd q && gives S00014 flashcoop-record sale --product cookie --qty 1 --date 2026-05-05) &&
	(FLASHCOOP_DIR=$T/q && export FLASHCOOP_DIR && cd / &&
	 gives S00015 flashcoop-record sale --product cookie --qty 1 --date 2026-05-05) &&
	gapfree S q/ledger.csv'

check 'without --date, a sale, a charge, a count and hours are dated today' '
	flashcoop-init today --name Today --id FC-TODAY --start "$TODAY" --days 3 >/dev/null &&
	printf "%s\n" "cookie = 2.50, 5.5" >>today/flashcoop.ini &&
	same P001 "$(flashcoop-enroll -C today Ada --contract C1 --date "$TODAY")" &&
	gives S00001 flashcoop-record -C today sale --product cookie --qty 1 &&
	gives C00001 flashcoop-record -C today charge --amount 1 --category stand &&
	gives K00001 flashcoop-record -C today count --amount 1 &&
	gives H00001 flashcoop-record -C today hours --participant P001 --hours 1 &&
	same "$TODAY $TODAY $TODAY" "$(sed 1d today/ledger.csv | cut -d, -f2 | tr "\n" " " | sed "s/ $//")" &&
	same "$TODAY" "$(sed 1d today/hours.csv | cut -d, -f2)"'

check 'without --date outside the period, today is refused as outside the period' '
	case $TODAY in 2026-05-0[4-9] | 2026-05-1[0-3]) exit 0 ;; esac
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 && said "period"'

# ---- refusals: amounts, quantities, VAT ----

check 'bad amounts are refused (65, files unchanged): charge, count, sale --price' '
	for a in 12.345 -1 1e3 "12€" +1 " 12" "12 " 12. .5 "1,2,3" 1.2.3 0x10 abc ""; do
		refuses 65 p flashcoop-record -C p charge --amount "$a" --category stand --date 2026-05-05 || exit 1
		refuses 65 p flashcoop-record -C p count --amount "$a" --date 2026-05-05 || exit 1
		[ -z "$a" ] && continue
		refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --price "$a" --date 2026-05-05 || exit 1
	done'

check 'the message names the option and the value' '
	refuses 65 p flashcoop-record -C p charge --amount 12.345 --category stand --date 2026-05-05 &&
	said "amount" && said "12.345"'

check 'a charge of 0.00 is refused' '
	refuses 65 p flashcoop-record -C p charge --amount 0 --category stand --date 2026-05-05'

check 'bad quantities are refused: 0, 1.5, abc, -1, 1e3, empty' '
	for q in 0 1.5 abc -1 1e3 " 1" ""; do
		refuses 65 p flashcoop-record -C p sale --product cookie --qty "$q" --date 2026-05-05 || exit 1
	done &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1.5 --date 2026-05-05 && said "qty"'

check 'overflow: qty 9223372036854775807 with price 2 is refused, nothing written' '
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 9223372036854775807 --price 2 --date 2026-05-05 &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 99999999999999999999 --price 2 --date 2026-05-05'

check 'overflow: qty x price past int64 cents is refused as too large' '
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 92233720368547759 --price 2 --date 2026-05-05 &&
	said "too large"'

# INT64_MAX itself is a whole quantity: what stops it is the overflow of
# quantity x unit price, and the message says so.
check 'overflow: qty 9223372036854775807 x 2.00 is refused as too large, not as "not a whole quantity"' '
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 9223372036854775807 --price 2 --date 2026-05-05 &&
	said "too large" &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 9223372036854775807 --price 0.02 --date 2026-05-05 &&
	said "too large"'

check 'VAT rates outside [0, 100] or badly written are refused: sale and charge' '
	for v in 100.01 101 -5 5.555 "5,5%" abc 1e1; do
		refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --vat "$v" --date 2026-05-05 || exit 1
		refuses 65 p flashcoop-record -C p charge --amount 1 --category stand --vat "$v" --date 2026-05-05 || exit 1
	done &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --vat 100.01 --date 2026-05-05 && said "vat"'

# ---- refusals: dates ----

check 'dates outside the period (2026-05-03, 2026-05-14) are refused, for every kind' '
	for d in 2026-05-03 2026-05-14 2025-05-05; do
		refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date $d || exit 1
		refuses 65 p flashcoop-record -C p charge --amount 1 --category stand --date $d || exit 1
		refuses 65 p flashcoop-record -C p count --amount 1 --date $d || exit 1
		refuses 65 p flashcoop-record -C p hours --participant P002 --hours 1 --date $d || exit 1
	done &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-14 && said "period"'

check 'dates that are not real or not ISO are refused: 2026-02-30, 2026-5-5, 05/05/2026' '
	for d in 2026-02-30 2026-04-31 2026-13-01 2026-5-5 05/05/2026 "2026-05-05 " tomorrow; do
		refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date "$d" || exit 1
		refuses 65 p flashcoop-record -C p hours --participant P002 --hours 1 --date "$d" || exit 1
	done &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-02-30 && said "2026-02-30"'

# ---- refusals: payment, participants ----

check 'unknown payment methods are refused' '
	for m in bitcoin CB Cash "card " voucher; do
		refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --payment "$m" --date 2026-05-05 || exit 1
		refuses 65 p flashcoop-record -C p charge --amount 1 --category stand --payment "$m" --date 2026-05-05 || exit 1
	done &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --payment bitcoin --date 2026-05-05 &&
	said "payment"'

check 'unknown participants are refused (sale --by, hours --participant)' '
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --by P009 --date 2026-05-06 &&
	said "P009" &&
	refuses 65 p flashcoop-record -C p hours --participant P009 --hours 1 --date 2026-05-06 &&
	refuses 65 p flashcoop-record -C p hours --participant Ada --hours 1 --date 2026-05-06 &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --by 1 --date 2026-05-06'

check 'a withdrawn participant is refused on and after the withdrawal date' '
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --by P001 --date 2026-05-10 &&
	said "withdr" &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --by P001 --date 2026-05-12 &&
	refuses 65 p flashcoop-record -C p hours --participant P001 --hours 1 --date 2026-05-10 &&
	refuses 65 p flashcoop-record -C p hours --participant P001 --hours 1 --date 2026-05-13'

check 'a participant is refused before the enrolment date' '
	refuses 65 p flashcoop-record -C p hours --participant P002 --hours 1 --date 2026-05-05 &&
	said "enrol" &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --by P002 --date 2026-05-04'

# ---- refusals: hours ----

check 'hours 0, 24.01, 25 and badly written hours are refused' '
	for h in 0 0.00 24.01 25 -1 7.555 1e1 abc ""; do
		refuses 65 p flashcoop-record -C p hours --participant P002 --hours "$h" --date 2026-05-11 || exit 1
	done &&
	refuses 65 p flashcoop-record -C p hours --participant P002 --hours 25 --date 2026-05-11 && said "hours"'

# ---- refusals: voids ----

check 'void of a missing id is refused' '
	refuses 65 p flashcoop-record -C p void S99999 --reason x && said "S99999" &&
	refuses 65 p flashcoop-record -C p void H99999 --reason x &&
	refuses 65 p flashcoop-record -C p void C00099 --reason x &&
	refuses 65 p flashcoop-record -C p void nothing --reason x'

check 'void of a row already voided is refused (sale, hours, charge)' '
	refuses 65 p flashcoop-record -C p void S00002 --reason again && said "already voided" &&
	refuses 65 p flashcoop-record -C p void H00001 --reason again &&
	refuses 65 p flashcoop-record -C p void C00001 --reason again'

check 'void of a count (K) or of a void (V) is refused' '
	refuses 65 p flashcoop-record -C p void K00001 --reason x && said "count" &&
	refuses 65 p flashcoop-record -C p void V00001 --reason x &&
	refuses 65 p flashcoop-record -C p void V00002 --reason x'

check 'void without --reason is a usage error (64); an empty reason is refused (65)' '
	refuses 64 p flashcoop-record -C p void S00001 &&
	refuses 65 p flashcoop-record -C p void S00001 --reason ""'

check 'void takes exactly one id (64)' '
	refuses 64 p flashcoop-record -C p void --reason x &&
	refuses 64 p flashcoop-record -C p void S00001 S00003 --reason x'

check 'a void reason with a newline is refused' '
	refuses 65 p flashcoop-record -C p void S00001 --reason "$(printf "a\nb")"'

# ---- refusals: text ----

check 'a note with a newline, a tab, CR, DEL or a C1 control is refused' '
	for n in "$(printf "a\nb")" "$(printf "a\tb")" "$(printf "a\rb")" \
	         "$(printf "a\177b")" "$(printf "a\302\205b")"; do
		refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-05 --note "$n" || exit 1
		refuses 65 p flashcoop-record -C p charge --amount 1 --category stand --date 2026-05-05 --note "$n" || exit 1
		refuses 65 p flashcoop-record -C p count --amount 1 --date 2026-05-05 --note "$n" || exit 1
		refuses 65 p flashcoop-record -C p hours --participant P002 --hours 1 --date 2026-05-11 --note "$n" || exit 1
	done &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-05 --note "$(printf "a\nb")" &&
	said "control"'

check 'a note of 1001 bytes is refused' '
	n=$(printf "%01001d" 0) &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-05 --note "$n" &&
	said "1000" &&
	refuses 65 p flashcoop-record -C p charge --amount 1 --category stand --date 2026-05-05 --note "$n" &&
	refuses 65 p flashcoop-record -C p charge --amount 1 --category stand --date 2026-05-05 --ref "$n"'

check 'invalid UTF-8 is refused in a note, a ref, a product, a category' '
	bad=$(printf "caf\351") &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-05 --note "$bad" &&
	said "UTF-8" &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-05 --ref "$bad" &&
	refuses 65 p flashcoop-record -C p sale --product "$bad" --qty 1 --price 1 --vat 0 --date 2026-05-05 &&
	refuses 65 p flashcoop-record -C p charge --amount 1 --category "$bad" --date 2026-05-05 &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-05 --note "$(printf "\300\257")" &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-05 --note "$(printf "\355\240\200")"'

# ---- refusals: the catalogue ----

check 'a product outside the catalogue without --price and --vat is refused' '
	refuses 65 p flashcoop-record -C p sale --product gateau --qty 1 --date 2026-05-05 && said "catalogue" &&
	refuses 65 p flashcoop-record -C p sale --product gateau --qty 1 --price 2 --date 2026-05-05 &&
	refuses 65 p flashcoop-record -C p sale --product gateau --qty 1 --vat 5.5 --date 2026-05-05'

# ---- refusals: the command line ----

check 'an option a subcommand does not take is a usage error (64)' '
	refuses 64 p flashcoop-record -C p sale --product cookie --qty 1 --amount 2.50 && said "amount" &&
	refuses 64 p flashcoop-record -C p sale --product cookie --qty 1 --category x &&
	refuses 64 p flashcoop-record -C p charge --amount 1 --category stand --by P001 &&
	refuses 64 p flashcoop-record -C p charge --amount 1 --category stand --product cookie &&
	refuses 64 p flashcoop-record -C p hours --participant P002 --hours 1 --payment cash &&
	refuses 64 p flashcoop-record -C p hours --participant P002 --hours 1 --vat 5 &&
	refuses 64 p flashcoop-record -C p count --amount 1 --payment card &&
	refuses 64 p flashcoop-record -C p count --amount 1 --ref x &&
	refuses 64 p flashcoop-record -C p void S00001 --reason x --date 2026-05-05 &&
	refuses 64 p flashcoop-record -C p --bogus'

# getopt_long reports an option unknown to a subcommand: its message names
# the command, not the subcommand ("sale: unrecognized option").
check 'an unknown option after a subcommand: 64, the message prefixed with flashcoop-record:' '
	refuses 64 p flashcoop-record -C p sale --product cookie --qty 1 --bogus &&
	refuses 64 p flashcoop-record -C p void S00001 --reason x --bogus'

check 'a missing required option is a usage error (64)' '
	refuses 64 p flashcoop-record -C p sale --qty 1 && said "product" &&
	refuses 64 p flashcoop-record -C p sale --product cookie && said "qty" &&
	refuses 64 p flashcoop-record -C p charge --amount 1 &&
	refuses 64 p flashcoop-record -C p charge --category stand &&
	refuses 64 p flashcoop-record -C p hours --hours 1 &&
	refuses 64 p flashcoop-record -C p hours --participant P002 &&
	refuses 64 p flashcoop-record -C p count'

check 'no subcommand, an unknown one, a stray argument: usage errors (64)' '
	refuses 64 p flashcoop-record -C p &&
	refuses 64 p flashcoop-record -C p refund --amount 1 &&
	refuses 64 p flashcoop-record -C p sale --product cookie --qty 1 extra'

check '--help: the usage on stdout, exit 0; --version too' '
	flashcoop-record --help >out 2>err && [ ! -s err ] &&
	grep -q "^usage: flashcoop-record" out &&
	grep -q -- "--batch" out &&
	flashcoop-record --version >out 2>err && [ ! -s err ] &&
	grep -q "^flashcoop-record " out'

# ---- refusals: no project, closed, torn, busy ----

check 'no project: 66, for -C, the current folder and $FLASHCOOP_DIR' '
	mkdir -p empty &&
	refuses 66 empty flashcoop-record -C empty sale --product cookie --qty 1 --date 2026-05-05 &&
	refuses 66 empty flashcoop-record -C nowhere sale --product cookie --qty 1 &&
	(cd empty && refuses 66 . flashcoop-record charge --amount 1 --category stand) &&
	(FLASHCOOP_DIR=$T/empty && export FLASHCOOP_DIR &&
	 refuses 66 empty flashcoop-record void S00001 --reason x) &&
	[ ! -e empty/ledger.csv ]'

check 'a closed project (closing.ini): every write exits 77, nothing written' '
	rm -rf c && cp -a p c && adopt c && touch c/closing.ini &&
	refuses 77 c flashcoop-record -C c sale --product cookie --qty 1 --date 2026-05-05 &&
	said "closed" &&
	refuses 77 c flashcoop-record -C c charge --amount 1 --category stand --date 2026-05-05 &&
	refuses 77 c flashcoop-record -C c count --amount 1 --date 2026-05-05 &&
	refuses 77 c flashcoop-record -C c hours --participant P002 --hours 1 --date 2026-05-11 &&
	refuses 77 c flashcoop-record -C c void S00001 --reason x &&
	printf "kind,product,quantity,date\nsale,cookie,1,2026-05-05\n" >b.csv &&
	refuses 77 c flashcoop-record -C c --batch b.csv'

check 'a torn last line in ledger.csv: 65, the message says newline and how to repair, nothing written' '
	rm -rf torn && cp -a p torn && adopt torn && size=$(wc -c <torn/ledger.csv) &&
	printf "S00099,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,," >>torn/ledger.csv &&
	refuses 65 torn flashcoop-record -C torn sale --product cookie --qty 1 --date 2026-05-05 &&
	said "newline" && said "ledger.csv" && said "remove" &&
	refuses 65 torn flashcoop-record -C torn sale --product cookie --qty 1 --date 2026-05-05 --ref new-ref &&
	refuses 65 torn flashcoop-record -C torn charge --amount 1 --category stand --date 2026-05-05 &&
	refuses 65 torn flashcoop-record -C torn count --amount 1 --date 2026-05-05 &&
	refuses 65 torn flashcoop-record -C torn void S00001 --reason x &&
	printf "kind,product,quantity,date\nsale,cookie,1,2026-05-05\n" >b.csv &&
	refuses 65 torn flashcoop-record -C torn --batch b.csv && said "newline" &&
	truncate -s "$size" torn/ledger.csv &&
	gives S00014 flashcoop-record -C torn sale --product cookie --qty 1 --date 2026-05-05'

check 'a torn last line in hours.csv: hours and their voids refused (65), nothing written' '
	rm -rf torn && cp -a p torn && adopt torn &&
	printf "H00099,2026-05-05,hours,P002" >>torn/hours.csv &&
	refuses 65 torn flashcoop-record -C torn hours --participant P002 --hours 1 --date 2026-05-11 &&
	said "newline" && said "hours.csv" &&
	refuses 65 torn flashcoop-record -C torn void H00002 --reason x &&
	refuses 65 torn flashcoop-record -C torn void S00001 --reason x'

# The check itself holds the lock (fd 9, its own open of the file) for as
# long as the three refusals take, however slow the machine: no race with
# a holder that sleeps a fixed time.
check 'the lock held by another process: 75 after FLASHCOOP_LOCK_TIMEOUT, nothing written' '
	printf "kind,product,quantity,date\nsale,cookie,1,2026-05-05\n" >b.csv &&
	exec 9>>p/.lock && flock -n 9 &&
	export FLASHCOOP_LOCK_TIMEOUT=1 &&
	refuses 75 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-05 &&
	said "busy" && said "try again" &&
	FLASHCOOP_LOCK_TIMEOUT=0 &&
	refuses 75 p flashcoop-record -C p void S00001 --reason x &&
	refuses 75 p flashcoop-record -C p --batch b.csv'

check 'a writer waits for the lock within FLASHCOOP_LOCK_TIMEOUT' '
	flock p/.lock sleep 0.5 &
	i=0
	while flock -n p/.lock true; do
		i=$((i + 1)); [ $i -lt 100 ] || exit 1; sleep 0.02
	done
	export FLASHCOOP_LOCK_TIMEOUT=10
	gives S00014 rec sale --product cookie --qty 1 --date 2026-05-05
	r=$?
	wait
	exit $r'

check 'at the end, every kind is still gap-free' '
	gapfree S p/ledger.csv && gapfree C p/ledger.csv &&
	gapfree K p/ledger.csv && gapfree H p/hours.csv &&
	gapfree V p/ledger.csv p/hours.csv'

done_testing
