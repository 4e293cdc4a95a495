#!/bin/sh
# flashcoop-close: the closing statement of SPEC §4 on a whole small
# project, closing.csv and closing.ini byte for byte, the seal, the dry
# run, and every refusal: closed twice, writes after the close, bad
# settings, bad files, nobody to pay.
. "$(dirname "$0")/lib.sh"

# ---- helpers ----




# printed TEXT: the last command's stdout holds TEXT (a grep -E pattern).
printed() {
	grep -Eq -- "$1" "$T/.stdout" && return 0
	echo "stdout does not show '$1':"
	cat "$T/.stdout"
	return 1
}

# refuses CODE DIR command...: exits CODE, leaves every file of DIR byte
# for byte (modes included), prints nothing on stdout.
refuses() {
	rcode=$1 rdir=$2
	shift 2
	rbefore=$(snapshot "$rdir")
	"$@" >"$T/.stdout" 2>"$T/.err"
	got=$?
	rafter=$(snapshot "$rdir")
	if [ "$got" != "$rcode" ]; then
		echo "expected exit $rcode, got $got: $*"
		cat "$T/.err"
		return 1
	fi
	if [ "$rbefore" != "$rafter" ]; then
		echo "files changed by a refused command: $*"
		echo "before:"; echo "$rbefore"
		echo "after:"; echo "$rafter"
		return 1
	fi
	if [ -s "$T/.stdout" ]; then
		echo "stdout is not empty after a refusal: $*"
		cat "$T/.stdout"
		return 1
	fi
}

# runs command...: exits 0 (stdout in $T/.stdout, stderr in $T/.err).
runs() {
	"$@" >"$T/.stdout" 2>"$T/.err" && return 0
	echo "failed ($?): $*"
	cat "$T/.err"
	return 1
}

# pay ID [FILE]: the statement's row of participant ID, fields 2 on
# (hours share employer gross employee net).
pay() {
	awk -v id="$1" '$1 == id { $1 = ""; sub(/^ /, ""); print }' \
		"${2:-$T/.stdout}"
}

# setting KEY VALUE [DIR]: set KEY in [money] of DIR/flashcoop.ini.
setting() {
	sed -i "s/^$1 *=.*/$1 = $2/" "${3:-p}/flashcoop.ini"
}

# seal_of FILE [DIR]: the SHA-256 closing.ini gives FILE.
seal_of() {
	sed -n "/^\[seal\]/,\$ s/^$1 *= *//p" "${2:-p}/closing.ini"
}

# The full project, built once in $T/full, copied by each check:
#   P001 Ada      7 h,  sold the cookies
#   P002 Bruno    3.5 h on 2026-05-05, withdrawn on 2026-05-06
#   P003 Chloé    4 h on 2026-05-05, voided: no hours
#   P004 "Lefèvre, Dan"  enrolled, never worked
#   sales:   10 cookies at 2.50 (5.5 %) = 25.00, 3 bags at 8.00 (20 %) =
#            24.00, 4 cookies = 10.00 voided
#   charges: 12.00 ingredients at 5.5 %, 6.00 packaging at 20 %
#   a cash count (no sale)
build_full() {
	new_project "$T/full" &&
	printf 'cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n' \
		>>"$T/full/flashcoop.ini" &&
	(
	cd "$T/full" &&
	flashcoop-enroll Ada --contract CAPE-01 --date 2026-05-04 &&
	flashcoop-enroll Bruno --contract CAPE-02 --date 2026-05-04 &&
	flashcoop-enroll Chloé --contract CAPE-03 --date 2026-05-04 &&
	flashcoop-enroll "Lefèvre, Dan" --contract CAPE-04 --date 2026-05-04 &&
	flashcoop-record charge --amount 12.00 --category ingredients \
		--vat 5.5 --date 2026-05-05 --ref F-001 --note "Biocoop" &&
	flashcoop-record charge --amount 6,00 --category packaging --vat 20 \
		--date 2026-05-05 --payment card &&
	flashcoop-record hours --participant P001 --hours 7 --date 2026-05-05 &&
	flashcoop-record hours --participant P002 --hours 3.5 \
		--date 2026-05-05 &&
	flashcoop-record hours --participant P003 --hours 4 --date 2026-05-05 &&
	flashcoop-record void H00003 --reason "Chloé was ill" &&
	flashcoop-enroll --withdraw P002 --date 2026-05-06 --reason "a job" &&
	flashcoop-record sale --product cookie --qty 10 --by P001 \
		--date 2026-05-09 &&
	flashcoop-record sale --product sac-vrac --qty 3 --payment card \
		--date 2026-05-09 &&
	flashcoop-record sale --product cookie --qty 4 --date 2026-05-09 &&
	flashcoop-record void S00003 --reason "typed twice" &&
	flashcoop-record count --amount 75.00 --date 2026-05-09 --note Ada
	) >/dev/null
}
build_full || { echo "Bail out! cannot build the test project"; exit 1; }

# full: a copy of the full project in ./p (modes kept).
full() {
	cp -Rp "$T/full" p
}

# The closing.csv the full project gives, worked out by hand:
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

# ---- the full project ----

check 'the full project is sound before closing' '
	fresh && full &&
	flashcoop-check p >out && [ ! -s out ]'

check 'close: exit 0, closing.csv byte for byte' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	printf "%s\n" "$CLOSING_CSV" >want &&
	cmp want p/closing.csv || { diff want p/closing.csv; exit 1; }'

check 'closing.csv is mode 600 (personal data)' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	same 600 "$(stat -c %a p/closing.csv)"'

check 'closing.ini: the totals and the closing date' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	same "$CLOSING_INI" \
		"$(sed -n "/^\[closing\]/,/^hours /p" p/closing.ini)"'

check 'closing.ini: [seal] holds the SHA-256 of each file, as sha256sum' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	grep -qx "\[seal\]" p/closing.ini &&
	for f in $SEALED; do
		want=$(sha256sum <"p/$f" | cut -d" " -f1) &&
		same "$want" "$(seal_of "$f")" || exit 1
	done'

check 'the files are whole: LF ends, no temp file left' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	[ "$(tail -c 1 p/closing.csv | od -An -c | tr -d " ")" = "\n" ] &&
	[ "$(tail -c 1 p/closing.ini | od -An -c | tr -d " ")" = "\n" ] &&
	! grep -q "$(printf "\r")" p/closing.csv p/closing.ini &&
	same "" "$(find p -name "*.tmp")"'

check 'the closed project passes flashcoop-check' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	flashcoop-check p >out 2>err && [ ! -s out ] && [ ! -s err ]'

check 'the statement on stdout: VAT per rate and the key figures' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	printed "^Test Flashcoop \(FC-TEST\), 2026-05-04 to 2026-05-13$" &&
	printed "Closing statement.* 2026-05-13" &&
	printed "^ +5\.5% +25\.00 +23\.70 +1\.30$" &&
	printed "^ +20% +24\.00 +20\.00 +4\.00$" &&
	printed "^ +5\.5% +12\.00 +11\.37 +0\.63$" &&
	printed "^ +20% +6\.00 +5\.00 +1\.00$" &&
	printed "Sales incl\. VAT.* 49\.00$" &&
	printed "VAT collected.* 5\.30$" &&
	printed "Turnover.* 43\.70$" &&
	printed "Charges before VAT.* 16\.37$" &&
	printed "Margin.* 27\.33$" &&
	printed "CAE contribution \(10% of the margin\).* 2\.73$" &&
	printed "Distributable.* 24\.60$" &&
	printed "Cash difference.* 0\.00$" &&
	printed "estimate"'

check 'the statement: a row per participant, in id order' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	same "7.00 16.40 1.89 14.51 3.19 11.32" "$(pay P001)" &&
	same "3.50 8.20 0.94 7.26 1.60 5.66" "$(pay P002)" &&
	same "0.00 0.00 0.00 0.00 0.00 0.00 (no hours)" "$(pay P003)" &&
	same "0.00 0.00 0.00 0.00 0.00 0.00 (no hours)" "$(pay P004)" &&
	same "P001 P002 P003 P004" \
		"$(grep -Eo "^  P00[0-9]" "$T/.stdout" | tr -d " " | xargs)"'

check 'the statement shows ids only; --names adds the names' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 --dry-run &&
	! grep -q "Ada\|Bruno\|Chloé\|Lefèvre" "$T/.stdout" &&
	runs flashcoop-close -C p --date 2026-05-13 --dry-run --names &&
	printed "P001 +Ada " && printed "P003 +Chloé " &&
	printed "P004 +Lefèvre, Dan "'

check 'those without hours are named on stderr: no share' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	said "^flashcoop-close: P003 has no hours recorded: no share$" &&
	said "^flashcoop-close: P004 has no hours recorded: no share$" &&
	same 2 "$(wc -l <"$T/.err")"'

check 'FLASHCOOP_DIR and the current folder find the project too' '
	fresh && full && cp -Rp p q &&
	FLASHCOOP_DIR=p flashcoop-close --date 2026-05-13 >/dev/null 2>&1 &&
	(cd q && flashcoop-close --date 2026-05-13 >/dev/null 2>&1) &&
	cmp p/closing.csv q/closing.csv && [ -f p/closing.ini ]'

check '--date defaults to today' '
	fresh &&
	today=$(date +%Y-%m-%d) &&
	flashcoop-init p --name T --id FC-T --start "$today" >/dev/null &&
	flashcoop-enroll -C p Ada --contract C1 >/dev/null &&
	flashcoop-record -C p charge --amount 1 --category stand >/dev/null &&
	runs flashcoop-close -C p &&
	same "date              = $today" "$(grep "^date " p/closing.ini)"'

# ---- the dry run ----

check '--dry-run: the statement, marked provisional, and nothing written' '
	fresh && full &&
	before=$(snapshot p) &&
	runs flashcoop-close -C p --dry-run --date 2026-05-13 &&
	same "$before" "$(snapshot p)" &&
	[ ! -e p/closing.csv ] && [ ! -e p/closing.ini ] &&
	printed "provisional" && printed "Distributable.* 24\.60$" &&
	said "dry run: nothing written"'

check '--dry-run, then a real close that gives the same figures' '
	fresh && full &&
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
	fresh && full || exit 1
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
	fresh && full || exit 1
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
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	refuses 77 p flashcoop-close -C p --date 2026-05-13 && said "closed" &&
	refuses 77 p flashcoop-close -C p --date 2026-05-14 &&
	refuses 77 p flashcoop-close -C p --dry-run --date 2026-05-13'

check 'enroll after the close: refused (77), says the project is closed' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	refuses 77 p flashcoop-enroll -C p Eve --contract CAPE-05 \
		--date 2026-05-10 &&
	said "^flashcoop-enroll: .*closed" &&
	refuses 77 p flashcoop-enroll -C p --withdraw P001 --date 2026-05-10 &&
	said "closed"'

check 'record after the close: refused (77), says the project is closed' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
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
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	runs flashcoop-enroll -C p --list && printed "P004"'

check 'closing.ini is what closes: without it, the project is open' '
	fresh && full &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	rm p/closing.ini &&
	runs flashcoop-record -C p charge --amount 1.13 --category other \
		--vat 0 --date 2026-05-10 &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	grep -q "^distributable *= 23\.58$" p/closing.ini &&
	same "$(sha256sum <p/closing.csv | cut -d" " -f1)" \
		"$(seal_of closing.csv)"'

# ---- other settings ----

check 'share = equal: between those who worked (12.30 each)' '
	fresh && full &&
	setting share equal &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	printed "equal" &&
	same "P001,Ada,CAPE-01,7.00,12.30,1.42,10.88,2.39,8.49
P002,Bruno,CAPE-02,3.50,12.30,1.42,10.88,2.39,8.49
P003,Chloé,CAPE-03,0.00,0.00,0.00,0.00,0.00,0.00
P004,\"Lefèvre, Dan\",CAPE-04,0.00,0.00,0.00,0.00,0.00,0.00" \
		"$(sed 1d p/closing.csv)"'

check 'cae_base = turnover: 10 % of 43.70, largest remainder to P001' '
	fresh && full &&
	setting cae_base turnover &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	printed "CAE contribution \(10% of the turnover\).* 4\.37$" &&
	grep -q "^cae_base *= turnover$" p/closing.ini &&
	grep -q "^cae_contribution *= 4\.37$" p/closing.ini &&
	grep -q "^distributable *= 22\.96$" p/closing.ini &&
	same "P001,Ada,CAPE-01,7.00,15.31,1.76,13.55,2.98,10.57
P002,Bruno,CAPE-02,3.50,7.65,0.88,6.77,1.49,5.28" \
		"$(sed -n "2,3p" p/closing.csv)"'

check 'a loss: shown negative, every share 0, exit 0' '
	fresh && full &&
	runs flashcoop-record -C p charge --amount 40.00 --category stand \
		--vat 20 --date 2026-05-09 &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	printed "loss" && printed "Margin.* -6\.00$" &&
	printed "Distributable.* -6\.00$" &&
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
	refuses 65 p flashcoop-close -C p --dry-run --date 2026-05-13'

check 'a cash day without a count: refused (65) unless --allow-uncounted' '
	fresh && full &&
	runs flashcoop-record -C p sale --product cookie --qty 2 \
		--date 2026-05-10 &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^flashcoop-close: 1 day with cash sales has no count" &&
	said "allow-uncounted" &&
	refuses 65 p flashcoop-close -C p --dry-run --date 2026-05-13 &&
	runs flashcoop-close -C p --date 2026-05-13 --allow-uncounted &&
	printed "1 day with cash sales not counted" &&
	grep -q "^sales_incl_vat *= 54\.00$" p/closing.ini'

check 'the cash difference: a count 1.50 short is shown as a shortage' '
	fresh && full &&
	runs flashcoop-record -C p count --amount 73.50 --date 2026-05-09 \
		--note recount &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	printed "Cash difference: a shortage.* -1\.50$" &&
	printed "Distributable.* 24\.60$"'

check 'no hours and nothing to share: closes (exit 0)' '
	fresh && new_project p &&
	flashcoop-enroll -C p Ada --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-record -C p charge --amount 5 --category stand \
		--date 2026-05-04 >/dev/null &&
	runs flashcoop-close -C p --date 2026-05-13 &&
	grep -q "^distributable *= -5\.00$" p/closing.ini'

# bad_setting KEY VALUE: set it, close refuses (65) naming
# flashcoop.ini:LINE, nothing written; the dry run too.
bad_setting() {
	fresh && full && setting "$1" "$2" &&
	line=$(grep -n "^$1 " p/flashcoop.ini | cut -d: -f1) &&
	[ -n "$line" ] &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^flashcoop-close: \\(p/\\)\\?flashcoop.ini:$line: .*$1" &&
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
	fresh && full &&
	sed -i "s/^\(S00002,.*\),24\.00,/\1,23.00,/" p/ledger.csv &&
	line=$(grep -n "^S00002,.*,23\.00," p/ledger.csv | cut -d: -f1) &&
	[ -n "$line" ] &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^p/ledger.csv:$line: .*amount.*24\.00" &&
	said "^flashcoop-close: 1 problem found: nothing closed" &&
	refuses 65 p flashcoop-close -C p --dry-run --date 2026-05-13 &&
	said "^p/ledger.csv:$line:"'

check 'several bad rows: each on its own line, nothing written' '
	fresh && full &&
	printf "C00002,2026-05-09,charge,,,,1.00,20,stand,card,,,\n" \
		>>p/ledger.csv &&
	printf "H00004,2026-05-20,hours,P001,2.00,,\n" >>p/hours.csv &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^p/ledger.csv:9: .*C00002" && said "^p/hours.csv:6: .*date" &&
	said "2 problems found"'

check 'a torn ledger (no final newline): refused (65), nothing written' '
	fresh && full &&
	line=$(($(wc -l <p/ledger.csv) + 1)) &&
	printf "C00003,2026-05-09,charge,,,,1.00,20,stand,card,,," \
		>>p/ledger.csv &&
	refuses 65 p flashcoop-close -C p --date 2026-05-13 &&
	said "^p/ledger.csv:$line: .*newline"'

check '--date before the start: refused (65), nothing written' '
	fresh && full &&
	refuses 65 p flashcoop-close -C p --date 2026-05-03 &&
	said "before the project" &&
	runs flashcoop-close -C p --date 2026-05-04'

check '--date that is not a date: refused (65), nothing written' '
	fresh && full &&
	refuses 65 p flashcoop-close -C p --date 2026-02-30 &&
	refuses 65 p flashcoop-close -C p --date 13/05/2026 &&
	said "YYYY-MM-DD"'

check 'usage: an argument, an unknown option (64), nothing written' '
	fresh && full &&
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
