#!/bin/sh
# flashcoop-close: the closing statement of SPEC §4 on a whole small
# project, closing.csv and closing.ini byte for byte, the seal, the dry
# run, and every refusal: closed twice, writes after the close, bad
# settings, bad files, nobody to pay.
. "$(dirname "$0")/lib.sh"

# ---- helpers ----

# pay ID [FILE]: the statement's row of participant ID, fields 2 on
# (hours share employer gross employee net gross/h, and "!" when that is
# below min_hourly_gross).
pay() {
	awk -v id="$1" '$1 == id { $1 = ""; sub(/^ /, ""); print }' \
		"${2:-$T/.stdout}"
}

# seal_of FILE [DIR]: the SHA-256 closing.ini gives FILE.
seal_of() {
	sed -n "/^\[seal\]/,\$ s/^$1 *= *//p" "${2:-p}/closing.ini"
}

# The closing.csv the full week (lib.sh: full_week) gives, worked out by hand:
#   sales:   5.5 %: 25.00 -> 2500 x 200 / 211 = 2369.67 -> 23.70, VAT 1.30
#            20 %:  24.00 -> 20.00, VAT 4.00
#   charges: 5.5 %: 12.00 -> 1137.44 -> 11.37, VAT 0.63
#            20 %:  6.00 -> 5.00, VAT 1.00
#   turnover 43.70, charges 16.37, margin 27.33,
#   CAE 10 % of the margin: 2.733 -> 2.73, distributable 24.60
#   hours 7 + 3.5 = 10.5: P001 24.60 x 7/10.5 = 16.40, P002 8.20
#   P001: gross 16.40 / 1.13 = 14.513 -> 14.51, employer 1.89,
#         employee 14.51 x 0.22 = 3.192 -> 3.19, net 11.32
#   P002: gross 8.20 / 1.13 = 7.257 -> 7.26, employer 0.94,
#         employee 7.26 x 0.22 = 1.597 -> 1.60, net 5.66
#   gross an hour (the statement's gross/h, not in closing.csv):
#         P001 14.51 / 7 = 2.073 -> 2.07, P002 7.26 / 3.5 = 2.074 -> 2.07,
#         both below min_hourly_gross (12.02, init's): marked " !"
CLOSING_CSV=$(cat <<'EOF'
participant,name,contract,hours,share,employer_contributions,gross,employee_contributions,net
P001,Ada,CAPE-01,7.00,16.40,1.89,14.51,3.19,11.32
P002,Bruno,CAPE-02,3.50,8.20,0.94,7.26,1.60,5.66
P003,Chloé,CAPE-03,0.00,0.00,0.00,0.00,0.00,0.00
P004,"Lefèvre, Dan",CAPE-04,0.00,0.00,0.00,0.00,0.00,0.00
EOF
)

CLOSING_INI=$(cat <<'EOF'
[closing]
project           = FC-TEST
date              = 2026-05-13
sales_incl_vat    = 49.00
vat_collected     = 5.30
turnover          = 43.70
charges_incl_vat  = 18.00
vat_deductible    = 1.63
charges           = 16.37
margin            = 27.33
cae_base          = margin
cae_rate          = 10
cae_contribution  = 2.73
distributable     = 24.60
participants      = 4
hours             = 10.50
EOF
)

SEALED='flashcoop.ini participants.csv ledger.csv hours.csv closing.csv'

# ---- the full week ----

check 'the full project is sound before closing' '
	fresh && full_week &&
	flashcoop-check p >out && [ ! -s out ]'

check 'close: exit 0, closing.csv byte for byte' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	printf "%s\n" "$CLOSING_CSV" >want &&
	cmp want p/closing.csv || { diff want p/closing.csv; exit 1; }'

check 'closing.csv is mode 600 (personal data)' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	same 600 "$(stat -c %a p/closing.csv)"'

check 'closing.ini: the totals and the closing date' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	same "$CLOSING_INI" \
		"$(sed -n "/^\[closing\]/,/^hours /p" p/closing.ini)"'

check 'closing.ini: [seal] holds the SHA-256 of each file, as sha256sum' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	grep -qx "\[seal\]" p/closing.ini &&
	for f in $SEALED; do
		want=$(sha256sum <"p/$f" | cut -d" " -f1) &&
		same "$want" "$(seal_of "$f")" || exit 1
	done'

check 'the files are whole: LF ends, no temp file left' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	[ "$(tail -c 1 p/closing.csv | od -An -c | tr -d " ")" = "\n" ] &&
	[ "$(tail -c 1 p/closing.ini | od -An -c | tr -d " ")" = "\n" ] &&
	! grep -q "$(printf "\r")" p/closing.csv p/closing.ini &&
	same "" "$(find p -name "*.tmp")"'

check 'the closed project passes flashcoop-check' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	flashcoop-check p >out 2>err && [ ! -s out ] && [ ! -s err ]'

check 'the statement on stdout: VAT per rate and the key figures' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	out "^Test Flashcoop \(FC-TEST\), 2026-05-04 to 2026-05-13$" &&
	out "Closing statement.* 2026-05-13" &&
	out "^ +5\.5% +25\.00 +23\.70 +1\.30$" &&
	out "^ +20% +24\.00 +20\.00 +4\.00$" &&
	out "^ +5\.5% +12\.00 +11\.37 +0\.63$" &&
	out "^ +20% +6\.00 +5\.00 +1\.00$" &&
	out "Sales incl\. VAT.* 49\.00$" &&
	out "VAT collected.* 5\.30$" &&
	out "Turnover.* 43\.70$" &&
	out "Charges before VAT.* 16\.37$" &&
	out "Margin.* 27\.33$" &&
	out "CAE contribution \(10% of the margin\).* 2\.73$" &&
	out "Distributable.* 24\.60$" &&
	out "Cash difference.* 0\.00$" &&
	out "estimate"'

check 'the statement: a row per participant, in id order' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	same "7.00 16.40 1.89 14.51 3.19 11.32 2.07 !" "$(pay P001)" &&
	same "3.50 8.20 0.94 7.26 1.60 5.66 2.07 !" "$(pay P002)" &&
	same "0.00 0.00 0.00 0.00 0.00 0.00 (no hours)" "$(pay P003)" &&
	same "0.00 0.00 0.00 0.00 0.00 0.00 (no hours)" "$(pay P004)" &&
	same "P001 P002 P003 P004" \
		"$(grep -Eo "^  P00[0-9]" "$T/.stdout" | tr -d " " | xargs)" &&
	out "^  id +hours +share +employer +gross +employee +net +gross/h$" &&
	out "^  \(!: gross pay an hour below min_hourly_gross, 12\.02: the CAE decides\)$"'

check 'the statement shows ids only; --names adds the names' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 --dry-run &&
	! grep -q "Ada\|Bruno\|Chloé\|Lefèvre" "$T/.stdout" &&
	exits 0 flashcoop-close -C p --date 2026-05-13 --dry-run --names &&
	out "P001 +Ada " && out "P003 +Chloé " &&
	out "P004 +Lefèvre, Dan "'

check 'those without hours are named on stderr: no share' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	said "^flashcoop-close: P003 has no hours recorded: no share$" &&
	said "^flashcoop-close: P004 has no hours recorded: no share$" &&
	same 2 "$(grep -c "no hours" "$T/.err")" &&
	said_text "flashcoop-close: warning: gross pay an hour below min_hourly_gross (12.02) for P001, P002: the CAE decides"'

check 'FLASHCOOP_DIR and the current folder find the project too' '
	fresh && full_week && cp -Rp p q && adopt q &&
	FLASHCOOP_DIR=p flashcoop-close --date 2026-05-13 >/dev/null 2>&1 &&
	(cd q && flashcoop-close --date 2026-05-13 >/dev/null 2>&1) &&
	cmp p/closing.csv q/closing.csv && [ -f p/closing.ini ]'

check '--date defaults to today' '
	fresh &&
	today=$(date +%Y-%m-%d) &&
	flashcoop-init p --name T --id FC-T --start "$today" >/dev/null &&
	flashcoop-enroll -C p Ada --contract C1 >/dev/null &&
	flashcoop-record -C p charge --amount 1 --category stand >/dev/null &&
	exits 0 flashcoop-close -C p &&
	same "date              = $today" "$(grep "^date " p/closing.ini)"'

# ---- the dry run ----

check '--dry-run: the statement, marked provisional, and nothing written' '
	fresh && full_week &&
	before=$(snapshot p) &&
	exits 0 flashcoop-close -C p --dry-run --date 2026-05-13 &&
	same "$before" "$(snapshot p)" &&
	[ ! -e p/closing.csv ] && [ ! -e p/closing.ini ] &&
	out "provisional" && out "Distributable.* 24\.60$" &&
	said "dry run: nothing written"'

check '--dry-run, then a real close that gives the same figures' '
	fresh && full_week &&
	flashcoop-close -C p --dry-run --date 2026-05-13 >dry 2>/dev/null &&
	flashcoop-close -C p --date 2026-05-13 >real 2>/dev/null &&
	sed 2d dry >dry2 && sed 2d real >real2 && cmp dry2 real2 &&
	printf "%s\n" "$CLOSING_CSV" | cmp - p/closing.csv'

# hold MODE: hold the lock of ./p (-s shared, -x exclusive) in the
# background until killed; $holder is the process that holds it.
hold() {
	(exec 9<p/.lock && flock "$1" 9 && exec sleep 30) &
	holder=$!
	# Wait until it is held: a lock of the other kind cannot be had.
	case $1 in -s) other=-x ;; *) other=-s ;; esac
	n=0
	while flock -n "$other" p/.lock true; do
		n=$((n + 1))
		[ $n -lt 200 ] || return 1
		sleep 0.05
	done
}

check '--dry-run takes a shared lock: it runs beside a reader, not a writer' '
	fresh && full_week || exit 1
	command -v flock >/dev/null || exit 0
	hold -s || exit 1
	ok=1
	exits 0 flashcoop-close -C p --dry-run --date 2026-05-13 || ok=0
	exits 75 flashcoop-close -C p --date 2026-05-13 || ok=0
	grep -q "busy" "$T/.err" || ok=0
	[ ! -e p/closing.ini ] && [ ! -e p/closing.csv ] || ok=0
	kill "$holder"; wait "$holder" 2>/dev/null
	[ $ok = 1 ]'

check 'close and its dry run wait for a writer: busy (75), nothing written' '
	fresh && full_week || exit 1
	command -v flock >/dev/null || exit 0
	hold -x || exit 1
	ok=1
	exits 75 flashcoop-close -C p --dry-run --date 2026-05-13 || ok=0
	grep -q "busy" "$T/.err" || ok=0
	exits 75 flashcoop-close -C p --date 2026-05-13 || ok=0
	[ ! -e p/closing.ini ] && [ ! -e p/closing.csv ] || ok=0
	kill "$holder"; wait "$holder" 2>/dev/null
	[ $ok = 1 ]'

# ---- once closed ----

check 'closing twice: refused (77), every file unchanged' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	refuses 77 p flashcoop-close -C p --date 2026-05-13 && said "closed" &&
	refuses 77 p flashcoop-close -C p --date 2026-05-14 &&
	refuses 77 p flashcoop-close -C p --dry-run --date 2026-05-13'

check 'enroll after the close: refused (77), says the project is closed' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	refuses 77 p flashcoop-enroll -C p Eve --contract CAPE-05 \
		--date 2026-05-10 &&
	said "^flashcoop-enroll: .*closed" &&
	refuses 77 p flashcoop-enroll -C p --withdraw P001 --date 2026-05-10 &&
	said "closed"'

check 'record after the close: refused (77), says the project is closed' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	refuses 77 p flashcoop-record -C p sale --product cookie --qty 1 \
		--date 2026-05-10 &&
	said "^flashcoop-record: .*closed" &&
	refuses 77 p flashcoop-record -C p charge --amount 1 --category stand \
		--date 2026-05-10 && said "closed" &&
	refuses 77 p flashcoop-record -C p hours --participant P001 \
		--hours 1 --date 2026-05-10 && said "closed" &&
	refuses 77 p flashcoop-record -C p count --amount 1 \
		--date 2026-05-10 && said "closed" &&
	refuses 77 p flashcoop-record -C p void S00001 --reason x &&
	said "closed" &&
	printf "kind,date,amount,category\ncharge,2026-05-10,1.00,stand\n" \
		>batch.csv &&
	refuses 77 p flashcoop-record -C p --batch batch.csv && said "closed"'

check 'reading a closed project still works: enroll --list' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	exits 0 flashcoop-enroll -C p --list && out "P004"'

check 'closing.ini is what closes: without it, the project is open' '
	fresh && full_week &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	rm p/closing.ini &&
	exits 0 flashcoop-record -C p charge --amount 1.13 --category other \
		--vat 0 --date 2026-05-10 &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	grep -q "^distributable *= 23\.58$" p/closing.ini &&
	same "$(sha256sum <p/closing.csv | cut -d" " -f1)" \
		"$(seal_of closing.csv)"'

# ---- other settings ----

check 'share = equal: between those who worked (12.30 each)' '
	fresh && full_week &&
	set_ini share equal &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	out "equal" &&
	same "P001,Ada,CAPE-01,7.00,12.30,1.42,10.88,2.39,8.49
P002,Bruno,CAPE-02,3.50,12.30,1.42,10.88,2.39,8.49
P003,Chloé,CAPE-03,0.00,0.00,0.00,0.00,0.00,0.00
P004,\"Lefèvre, Dan\",CAPE-04,0.00,0.00,0.00,0.00,0.00,0.00" \
		"$(sed 1d p/closing.csv)"'

check 'cae_base = turnover: 10 % of 43.70, largest remainder to P001' '
	fresh && full_week &&
	set_ini cae_base turnover &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	out "CAE contribution \(10% of the turnover\).* 4\.37$" &&
	grep -q "^cae_base *= turnover$" p/closing.ini &&
	grep -q "^cae_contribution *= 4\.37$" p/closing.ini &&
	grep -q "^distributable *= 22\.96$" p/closing.ini &&
	same "P001,Ada,CAPE-01,7.00,15.31,1.76,13.55,2.98,10.57
P002,Bruno,CAPE-02,3.50,7.65,0.88,6.77,1.49,5.28" \
		"$(sed -n "2,3p" p/closing.csv)"'

check 'a loss: shown negative, every share 0, exit 0' '
	fresh && full_week &&
	exits 0 flashcoop-record -C p charge --amount 40.00 --category stand \
		--vat 20 --date 2026-05-10 &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	out "loss" && out "Margin.* -6\.00$" &&
	out "Distributable.* -6\.00$" &&
	grep -q "^margin *= -6\.00$" p/closing.ini &&
	grep -q "^cae_contribution *= 0\.00$" p/closing.ini &&
	grep -q "^distributable *= -6\.00$" p/closing.ini &&
	same "0.00 0.00 0.00 0.00 0.00" "$(sed 1d p/closing.csv |
		awk -F, "{ print \$(NF-4), \$(NF-3), \$(NF-2), \$(NF-1), \$NF }" |
		sort -u)" &&
	same "7.00" "$(grep "^P001," p/closing.csv | cut -d, -f4)" &&
	! grep -q "no share" "$T/.err"'

# ---- refusals ----

check 'no hours at all with a result to share: refused (65), names hours' '
	fresh && new_project p &&
	printf "cookie = 2.50, 5.5\n" >>p/flashcoop.ini &&
	flashcoop-enroll -C p Ada --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-record -C p sale --product cookie --qty 10 \
		--date 2026-05-09 >/dev/null &&
	flashcoop-record -C p count --amount 75.00 \
		--date 2026-05-09 >/dev/null &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^flashcoop-close: .*hours" &&
	said "flashcoop-record hours" &&
	snapshot p >before &&
	exits 0 flashcoop-close -C p --dry-run --date 2026-05-13 &&
	said "^p: warning: a closing would refuse: there is a result to share but no hours" &&
	out "Distributable result" && snapshot p | cmp - before'

check 'a cash day without a count: refused (65) unless --allow-uncounted' '
	fresh && full_week &&
	exits 0 flashcoop-record -C p sale --product cookie --qty 2 \
		--date 2026-05-10 &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^flashcoop-close: 1 day with cash sales has no count" &&
	said "allow-uncounted" &&
	snapshot p >before &&
	exits 0 flashcoop-close -C p --dry-run --date 2026-05-13 &&
	said "^p: warning: a closing would refuse: 1 day with cash sales has no count" &&
	out "Margin" && snapshot p | cmp - before &&
	exits 0 flashcoop-close -C p --date 2026-05-13 --allow-uncounted \
		--allow-unclosed &&
	out "1 day with cash sales not counted" &&
	grep -q "^sales_incl_vat *= 54\.00$" p/closing.ini'

# By hand: turnover 43.70 - charges 16.37 = 27.33, less the 1.50 short
# (part of the result, SPEC §4): margin 25.83; 10 % = 2.583 -> 2.58;
# distributable 23.25.
check 'the cash difference: a count 1.50 short is shown as a shortage, in the margin' '
	fresh && full_week && unclose p &&
	exits 0 flashcoop-record -C p count --amount 73.50 --date 2026-05-09 \
		--note recount &&
	exits 0 flashcoop-close -C p --day 2026-05-09 &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	out "Cash difference: a shortage.* -1\.50$" &&
	out "Margin.* 25\.83$" &&
	out "Distributable.* 23\.25$" &&
	grep -q "^margin *= 25\.83$" p/closing.ini'

check 'no hours and nothing to share: closes (exit 0)' '
	fresh && new_project p &&
	flashcoop-enroll -C p Ada --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-record -C p charge --amount 5 --category stand \
		--date 2026-05-04 >/dev/null &&
	exits 0 flashcoop-close -C p --date 2026-05-13 &&
	grep -q "^distributable *= -5\.00$" p/closing.ini'

# bad_setting KEY VALUE: set it, close refuses (65) naming
# flashcoop.ini:LINE, nothing written; the dry run too.
bad_setting() {
	fresh && full_week && set_ini "$1" "$2" &&
	line=$(grep -n "^$1 " p/flashcoop.ini | cut -d: -f1) &&
	[ -n "$line" ] &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^flashcoop-close: (p/)?flashcoop.ini:$line: .*$1" &&
	said "$2" &&
	refuses 65 p flashcoop-close -C p --dry-run --date 2026-05-13 &&
	[ ! -e p/closing.csv ] && [ ! -e p/closing.ini ]
}

check 'cae_rate = abc: refused (65), flashcoop.ini:LINE' \
	'bad_setting cae_rate abc'
check 'share = thirds: refused (65), flashcoop.ini:LINE' \
	'bad_setting share thirds'
check 'employer_rate = 101: refused (65), flashcoop.ini:LINE' \
	'bad_setting employer_rate 101'
check 'employee_rate = -22: refused (65), flashcoop.ini:LINE' \
	'bad_setting employee_rate -22'
check 'vat = maybe: refused (65), flashcoop.ini:LINE' \
	'bad_setting vat maybe'
check 'cae_base = profit: refused (65), flashcoop.ini:LINE' \
	'bad_setting cae_base profit'
check 'cae_rate = 10.555: refused (65), flashcoop.ini:LINE' \
	'bad_setting cae_rate 10.555'

check 'a bad ledger row: refused (65), the problem listed, nothing written' '
	fresh && full_week &&
	sed -i "s/^\(S00002,.*\),24\.00,/\1,23.00,/" p/ledger.csv && rechain p &&
	line=$(grep -n "^S00002,.*,23\.00," p/ledger.csv | cut -d: -f1) &&
	[ -n "$line" ] &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^p/ledger.csv:$line: .*amount.*24\.00" &&
	said "^flashcoop-close: 1 problem found: nothing closed" &&
	refuses 65 p flashcoop-close -C p --dry-run --date 2026-05-13 &&
	said "^p/ledger.csv:$line:"'

check 'several bad rows: each on its own line, nothing written' '
	fresh && full_week &&
	printf "C00002,2026-05-09,charge,,,,1.00,20,stand,card,,,\n" \
		>>p/ledger.csv &&
	printf "H00004,2026-05-20,hours,P001,2.00,,\n" >>p/hours.csv &&
	rechain p && refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^p/ledger.csv:9: .*C00002" && said "^p/hours.csv:6: .*date" &&
	said "2 problems found"'

check 'a torn ledger (no final newline): refused (65), nothing written' '
	fresh && full_week &&
	line=$(($(wc -l <p/ledger.csv) + 1)) &&
	printf "C00003,2026-05-09,charge,,,,1.00,20,stand,card,,," \
		>>p/ledger.csv &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^p/ledger.csv:$line: .*newline"'

check '--date before the start: refused (65), nothing written' '
	fresh && full_week &&
	refuses 65 p flashcoop-close -C p --date 2026-05-03 &&
	said "before the project" &&
	exits 0 flashcoop-close -C p --dry-run --date 2026-05-03 &&
	said "^p: warning: a closing would refuse: closing date 2026-05-03 comes before" &&
	out "Figures so far on 2026-05-03" && [ ! -e p/closing.ini ] &&
	exits 0 flashcoop-close -C p --date 2026-05-04'

check '--date that is not a date: refused (65), nothing written' '
	fresh && full_week &&
	refuses 65 p flashcoop-close -C p --date 2026-02-30 &&
	refuses 65 p flashcoop-close -C p --date 13/05/2026 &&
	said "YYYY-MM-DD"'

check 'usage: an argument, an unknown option (64), nothing written' '
	fresh && full_week &&
	refuses 64 p flashcoop-close -C p --date 2026-05-13 now &&
	refuses 64 p flashcoop-close -C p --force'

check 'not a project: 66' '
	fresh && mkdir e &&
	exits 66 flashcoop-close -C e --date 2026-05-13 &&
	[ ! -e e/closing.ini ]'

check '--help: the usage on stdout, exit 0' '
	fresh &&
	flashcoop-close --help >out 2>err && [ ! -s err ] &&
	grep -q "^usage: flashcoop-close \[-C DIR\] \[--dry-run\] \[--date D\] \[--names\]$" out'

done_testing
