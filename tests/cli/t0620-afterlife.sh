#!/bin/sh
# After the week (issue 18): the new fields of participants.csv and
# flashcoop-enroll --update, an older participants.csv given the columns it
# lacks, roles on the time sheet, [money] min_hourly_gross at the closing,
# flashcoop-report payroll, the funders' outcomes and the "< 3" rule, the
# amendments after the closing (closing.ini's [amendments], what check
# accepts and what it does not) and --anonymise.  Every figure worked out
# by hand below.
. "$(dirname "$0")/lib.sh"

HEADER=id,name,contract,enrolled,withdrawn,gender,birth_year,status_at_entry,referrer,note,contract_type,education,qpv,disability,exit_status,exit_date,status_6_months

# people [DIR]: a project (new_project, 2026-05-04 to 2026-05-13), as DIR
# (default p), three participants enrolled with the new fields:
#   P001 Ada, C1, 2026-05-04, F 2001 unemployed Mission Locale,
#        --contract-type cape (stored CAPE), --education 5, --qpv yes,
#        --disability no
#   P002 Doe, Jane "JD", C2, 2026-05-04, --contract-type CDD,
#        --education none, --qpv no, --disability yes, note vegan;
#        withdrawn on 2026-05-07 ("a job")
#   P003 Cy, C3, 2026-05-05, nothing else (contract type CAPE by default)
people() { fixture people "${1:-p}"; }
build_people() {
	new_project "$1" &&
	E="flashcoop-enroll -C $1" &&
	$E Ada --contract C1 --date 2026-05-04 --gender F --birth-year 2001 \
		--status unemployed --referrer "Mission Locale" --contract-type cape \
		--education 5 --qpv yes --disability no &&
	$E "Doe, Jane \"JD\"" --contract C2 --date 2026-05-04 --contract-type CDD \
		--education none --qpv no --disability yes --note vegan &&
	$E --withdraw P002 --date 2026-05-07 --reason "a job" &&
	$E Cy --contract C3 --date 2026-05-05
}
ROW1='P001,Ada,C1,2026-05-04,,F,2001,unemployed,Mission Locale,,CAPE,5,yes,no,,,'
ROW2='P002,"Doe, Jane ""JD""",C2,2026-05-04,2026-05-07,,,,,vegan; withdrawn: a job,CDD,none,no,yes,,,'
ROW3='P003,Cy,C3,2026-05-05,,,,,,,CAPE,,,,,,'

# rows LINE...: the file participants.csv should be: the header, then the
# lines given.
rows() {
	printf '%s\n' "$HEADER" "$@"
}

# quiet CMD...: exits 0 with nothing on stdout or stderr.
quiet() {
	exits 0 "$@" || return 1
	[ ! -s "$T/.stdout" ] && [ ! -s "$T/.err" ] && return 0
	echo "not quiet: $*"
	cat "$T/.stdout" "$T/.err"
	return 1
}

# ---- enrolment: the new fields ----

check 'enrolment stores the new fields; cape is stored CAPE, CAPE by default' '
	fresh && people &&
	rows "$ROW1" "$ROW2" "$ROW3" | cmp - p/participants.csv &&
	same 600 "$(stat -c %a p/participants.csv)"'

check 'enrolment with a bad value: 65, the value and the list named, files unchanged' '
	fresh && people &&
	refuses 65 p flashcoop-enroll -C p Dan --contract C9 --date 2026-05-04 \
		--qpv maybe && said_text "maybe" && said_text "yes no" &&
	refuses 65 p flashcoop-enroll -C p Dan --contract C9 --date 2026-05-04 \
		--education 9 && said_text "'"'"'9'"'"'" && said_text "none 3 4 5 6 7 8" &&
	refuses 65 p flashcoop-enroll -C p Dan --contract C9 --date 2026-05-04 \
		--contract-type XYZ && said_text XYZ && said_text "CAPE CESA CDD other" &&
	refuses 65 p flashcoop-enroll -C p Dan --contract C9 --date 2026-05-04 \
		--disability 1 && said_text "yes no"'

check 'the outcomes at enrolment: usage, 64, files unchanged' '
	fresh && people &&
	refuses 64 p flashcoop-enroll -C p Dan --contract C9 --date 2026-05-04 \
		--exit-status employment &&
	refuses 64 p flashcoop-enroll -C p Dan --contract C9 --date 2026-05-04 \
		--exit-status retired &&
	refuses 64 p flashcoop-enroll -C p Dan --contract C9 --date 2026-05-04 \
		--exit-date 2026-05-13 &&
	refuses 64 p flashcoop-enroll -C p Dan --contract C9 --date 2026-05-04 \
		--status-6-months training'

# ---- --update, the project open ----

check '--update P001 --exit-status employment: that row only, exit_date the project'"'"'s end' '
	fresh && people &&
	quiet flashcoop-enroll -C p --update P001 --exit-status employment &&
	rows "${ROW1%,,,},employment,2026-05-13," "$ROW2" "$ROW3" |
		diff -u - p/participants.csv &&
	same 600 "$(stat -c %a p/participants.csv)"'

check '--update of a withdrawn participant: exit_date the withdrawal date' '
	fresh && people &&
	quiet flashcoop-enroll -C p --update P002 --exit-status training &&
	rows "$ROW1" "${ROW2%,,,},training,2026-05-07," "$ROW3" |
		diff -u - p/participants.csv'

check '--update with an exit date and the status six months later: as given' '
	fresh && people &&
	quiet flashcoop-enroll -C p --update P003 --exit-status other \
		--exit-date 2026-06-01 --status-6-months job-search &&
	rows "$ROW1" "$ROW2" "${ROW3%,,,},other,2026-06-01,job-search" |
		diff -u - p/participants.csv'

check '--update of the fields of enrolment; an empty value clears a field' '
	fresh && people &&
	quiet flashcoop-enroll -C p --update P002 --note "" --qpv "" \
		--contract-type other --education 7 --gender X &&
	quiet flashcoop-enroll -C p --update P003 --contract C3b --birth-year 1990 \
		--status student --referrer "France Travail" &&
	rows "$ROW1" "P002,\"Doe, Jane \"\"JD\"\"\",C2,2026-05-04,2026-05-07,X,,,,,other,7,,yes,,," \
		"P003,Cy,C3b,2026-05-05,,,1990,student,France Travail,,CAPE,,,,,," |
		diff -u - p/participants.csv'

check '--update ID alone: usage, 64, files unchanged' '
	fresh && people &&
	refuses 64 p flashcoop-enroll -C p --update P001'

check '--update of an unknown id: 65, files unchanged' '
	fresh && people &&
	refuses 65 p flashcoop-enroll -C p --update P009 --qpv no && said P009'

check '--update to a contract already another'"'"'s: 65, files unchanged' '
	fresh && people &&
	refuses 65 p flashcoop-enroll -C p --update P001 --contract C2 &&
	said_text "C2" && said P002'

check '--update with a bad value: 65, files unchanged' '
	fresh && people &&
	for a in "--qpv maybe" "--education 9" "--contract-type XYZ" \
	         "--exit-status retired" "--status-6-months retired" \
	         "--disability 1" "--exit-date 2026-13-01"; do
		refuses 65 p flashcoop-enroll -C p --update P001 $a || exit 1
	done &&
	refuses 65 p flashcoop-enroll -C p --update P001 --exit-status employment \
		--exit-date 2026-05-01 && said "before"'

# ---- an older participants.csv (the 10 columns of SPEC §2) ----

# Written by hand before any enrolment: the header of before issue 18,
# three rows, one quoted.  --update P001 --education 4 writes a value into
# a column the file lacks: the file gets that column at its header's end,
# P001 the value, every other row its bytes and an empty field.
OLD_HEADER=id,name,contract,enrolled,withdrawn,gender,birth_year,status_at_entry,referrer,note
OLD1='P001,Ada,C1,2026-05-04,,F,2001,unemployed,Mission Locale,'
OLD2='P002,"Doe, Jane",C2,2026-05-04,2026-05-06,M,1990,,,"say ""hi"""'
OLD3='P003,Cy,C3,2026-05-05,,,,,,'
old_people() {
	new_project && printf '%s\n' "$OLD_HEADER" "$OLD1" "$OLD2" "$OLD3" \
		>p/participants.csv
}

check 'an older participants.csv is read as it is (check, --list, funders)' '
	fresh && old_people &&
	quiet flashcoop-check p &&
	flashcoop-enroll -C p --list >"$T/list" && same 3 "$(wc -l <"$T/list")" &&
	flashcoop-report -C p funders --format csv >"$T/f.csv" &&
	holds "$T/f.csv" "FC-TEST,participants,,3" &&
	holds "$T/f.csv" "FC-TEST,education,unknown,3"'

check 'an older file: --update P001 --education 4 adds the column at the end, other rows kept' '
	fresh && old_people &&
	quiet flashcoop-enroll -C p --update P001 --education 4 &&
	printf "%s\n" "$OLD_HEADER,education" "$OLD1,4" "$OLD2," "$OLD3," |
		diff -u - p/participants.csv &&
	same 600 "$(stat -c %a p/participants.csv)" && quiet flashcoop-check p'

check 'an older file: --exit-status then adds exit_status and exit_date (the withdrawal)' '
	fresh && old_people &&
	quiet flashcoop-enroll -C p --update P001 --education 4 &&
	quiet flashcoop-enroll -C p --update P002 --exit-status employment &&
	printf "%s\n" "$OLD_HEADER,education,exit_status,exit_date" "$OLD1,4,," \
		"$OLD2,,employment,2026-05-06" "$OLD3,,," |
		diff -u - p/participants.csv'

# ---- roles on the time sheet ----

check 'hours --role: in the role column; a void repeats it' '
	fresh && people &&
	rec hours --participant P001 --hours 3 --date 2026-05-05 \
		--role "stand, caisse" >/dev/null &&
	rec hours --participant P003 --hours 2 --date 2026-05-05 >/dev/null &&
	rec void H00001 --reason "wrong day" >/dev/null &&
	same "id,date,kind,participant,hours,ref,note,role
H00001,2026-05-05,hours,P001,3.00,,,\"stand, caisse\"
H00002,2026-05-05,hours,P003,2.00,,,
V00001,2026-05-05,void,P001,3.00,H00001,wrong day,\"stand, caisse\"" \
		"$(plain p/hours.csv)" && quiet flashcoop-check p'

check 'batch: a role column on hours rows is stored' '
	fresh && people &&
	printf "kind,date,participant,hours,role\nhours,2026-05-05,P001,2,production\nhours,2026-05-05,P003,1.5,\n" |
		rec --batch - >/dev/null &&
	same "H00001,2026-05-05,hours,P001,2.00,,,production
H00002,2026-05-05,hours,P003,1.50,,," "$(plain p/hours.csv | sed 1d)"'

check 'a role on a sale or a void: usage, 64, files unchanged' '
	fresh && people &&
	refuses 64 p flashcoop-record -C p sale --product jam --qty 1 --price 3.00 \
		--vat 5.5 --date 2026-05-05 --role production &&
	rec hours --participant P001 --hours 3 --date 2026-05-05 >/dev/null &&
	refuses 64 p flashcoop-record -C p void H00001 --reason x --role production'

check 'batch: a role on a sale or a charge row: 65 naming the line, nothing written' '
	fresh && people &&
	printf "kind,date,product,quantity,unit_price,vat_rate,role\nsale,2026-05-05,jam,1,3.00,5.5,production\n" >in.csv &&
	refuses 65 p flashcoop-record -C p --batch in.csv && said "in.csv:2" &&
	said role &&
	printf "kind,date,amount,category,role\ncharge,2026-05-05,1.00,stand,x\n" >in2.csv &&
	refuses 65 p flashcoop-record -C p --batch in2.csv && said "in2.csv:2"'

# The design: "Batch: column role (hours rows only; on another kind: 65)".
# A void repeats the voided row's role: a role given with it is refused,
# as on the command line.
check 'batch: a role on a void row: 65, nothing written' '
	fresh && people &&
	rec hours --participant P001 --hours 3 --date 2026-05-05 --role sale >/dev/null &&
	printf "kind,ref,note,role\nvoid,H00001,x,production\n" >in.csv &&
	refuses 65 p flashcoop-record -C p --batch in.csv && said "in.csv:2"'

# hours.csv with the header of before issue 18 (no role), written by hand
# before any hours row.
OLD_HOURS=id,date,kind,participant,hours,ref,note,terminal,recorded_at,chain
check 'an older hours.csv (no role column): --role refused 65, hours without it taken' '
	fresh && people && echo "$OLD_HOURS" >p/hours.csv &&
	refuses 65 p flashcoop-record -C p hours --participant P001 --hours 3 \
		--date 2026-05-05 --role sale && said role &&
	printf "kind,date,participant,hours,role\nhours,2026-05-05,P001,2,sale\n" >in.csv &&
	refuses 65 p flashcoop-record -C p --batch in.csv && said role &&
	rec hours --participant P001 --hours 3 --date 2026-05-05 >/dev/null &&
	rec void H00001 --reason x >/dev/null &&
	same "id,date,kind,participant,hours,ref,note
H00001,2026-05-05,hours,P001,3.00,,
V00001,2026-05-05,void,P001,3.00,H00001,x" "$(plain p/hours.csv)" &&
	quiet flashcoop-check p'

# ---- [money] min_hourly_gross ----

# minimum [DIR]: FC-MIN, share = equal, as DIR (default p):
#   P001 Ana (CAPE-A) 10 h on 05-05, P002 Ben (CAPE-B) 2 h on 05-06,
#   P003 Cat (CAPE-C) enrolled, no hours.
#   S00001 05-09 a box at 125.56, VAT 0 %, card (day closed).
# Closing: turnover 125.56, margin 125.56; the CAE's 10 %:
# round(1255.6) = 12.56; distributable 113.00, equal between those with
# hours (P001, P002): 56.50 each; gross round(5650 x 100 / 113) = 50.00,
# employer 6.50; employee round(5000 x 22 / 100) = 11.00; net 39.00.
# Gross an hour: P001 50.00 / 10 = 5.00 < 12.02: marked; P002 50.00 / 2 =
# 25.00: not; P003 no hours: not flagged.
minimum() { fixture minimum "${1:-p}"; }
build_minimum() {
	flashcoop-init "$1" --name Minimum --id FC-MIN --start 2026-05-04 \
		--end 2026-05-13 >/dev/null &&
	set_ini share equal "$1" &&
	E="flashcoop-enroll -C $1" && R="flashcoop-record -C $1" &&
	$E Ana --contract CAPE-A --date 2026-05-04 &&
	$E Ben --contract CAPE-B --date 2026-05-04 &&
	$E Cat --contract CAPE-C --date 2026-05-04 &&
	$R hours --participant P001 --hours 10 --date 2026-05-05 &&
	$R hours --participant P002 --hours 2 --date 2026-05-06 &&
	$R sale --product box --qty 1 --price 125.56 --vat 0 --payment card \
		--date 2026-05-09 &&
	flashcoop-close -C "$1" --day 2026-05-09
}
MIN_CLOSING='participant,name,contract,hours,share,employer_contributions,gross,employee_contributions,net
P001,Ana,CAPE-A,10.00,56.50,6.50,50.00,11.00,39.00
P002,Ben,CAPE-B,2.00,56.50,6.50,50.00,11.00,39.00
P003,Cat,CAPE-C,0.00,0.00,0.00,0.00,0.00,0.00'
SHARES_HEAD="Shares, equal between those who worked (estimate for the CAE's payroll)
  id        hours     share  employer     gross  employee       net  gross/h"
P003_LINE='  P003       0.00      0.00      0.00      0.00      0.00      0.00  (no hours)'
RATES_LINE='  (share = employer cost: employer contributions 13%,
   employee contributions 22% of gross)'
NOHOURS='flashcoop-close: P003 has no hours recorded: no share'

# closes ARGS...: flashcoop-close -C p --date 2026-05-14 exits 0; its
# shares table (from "Shares," to the end) in $T/shares.
closes() {
	exits 0 flashcoop-close -C p --date 2026-05-14 "$@" &&
	sed -n "/^Shares,/,\$p" "$T/.stdout" >"$T/shares"
}

check 'min_hourly_gross 12.02 (init'"'"'s): P001 marked " !", P002 not; one warning; exit 0' '
	fresh && minimum && holds p/flashcoop.ini "min_hourly_gross = 12.02" &&
	closes &&
	same "$SHARES_HEAD
  P001      10.00     56.50      6.50     50.00     11.00     39.00     5.00 !
  P002       2.00     56.50      6.50     50.00     11.00     39.00    25.00
$P003_LINE
$RATES_LINE
  (!: gross pay an hour below min_hourly_gross, 12.02: the CAE decides)" \
		"$(cat "$T/shares")" &&
	same "$NOHOURS
flashcoop-close: warning: gross pay an hour below min_hourly_gross (12.02) for P001: the CAE decides" \
		"$(cat "$T/.err")" &&
	same "$MIN_CLOSING" "$(cat p/closing.csv)" && quiet flashcoop-check p'

check 'min_hourly_gross = 0: no mark, no warning, the same closing.csv' '
	fresh && minimum && set_ini min_hourly_gross 0 && closes &&
	same "$SHARES_HEAD
  P001      10.00     56.50      6.50     50.00     11.00     39.00     5.00
  P002       2.00     56.50      6.50     50.00     11.00     39.00    25.00
$P003_LINE
$RATES_LINE" "$(cat "$T/shares")" &&
	same "$NOHOURS" "$(cat "$T/.err")" &&
	same "$MIN_CLOSING" "$(cat p/closing.csv)"'

check 'min_hourly_gross = 30.00: both marked, the warning names P001, P002' '
	fresh && minimum && set_ini min_hourly_gross 30.00 && closes &&
	grep -q "^  P001 .* 5.00 !\$" "$T/shares" &&
	grep -q "^  P002 .* 25.00 !\$" "$T/shares" &&
	holds "$T/shares" "(!: gross pay an hour below min_hourly_gross, 30.00: the CAE decides)" &&
	same "$NOHOURS
flashcoop-close: warning: gross pay an hour below min_hourly_gross (30.00) for P001, P002: the CAE decides" \
		"$(cat "$T/.err")" &&
	same "$MIN_CLOSING" "$(cat p/closing.csv)"'

check 'min_hourly_gross absent from flashcoop.ini: 12.02' '
	fresh && minimum && sed -i "/^min_hourly_gross/d" p/flashcoop.ini &&
	closes && grep -q "^  P001 .* 5.00 !\$" "$T/shares" &&
	grep -q "^  P002 .* 25.00\$" "$T/shares" &&
	said_text "below min_hourly_gross (12.02) for P001: the CAE decides"'

check 'min_hourly_gross = 12.5.0: 65 naming it, nothing written' '
	fresh && minimum && set_ini min_hourly_gross 12.5.0 &&
	refuses 65 p flashcoop-close -C p --date 2026-05-14 &&
	said_text min_hourly_gross'

# ---- flashcoop-report payroll ----

PAYROLL_HEADER=project,participant,name,contract,contract_type,enrolled,withdrawn,hours,hours_by_day,share,employer_contributions,gross,employee_contributions,net,gross_per_hour,below_minimum,status

# payroll [DIR]: FC-PAY (new_project's dates and money), as DIR (default p):
#   jam = 6.00 at 5.5 %
#   P001 Ada, CAPE-01 (CAPE), 05-05 6 h, 05-06 4 h + 2 h: 12.00
#   P002 "Doe, Jane", CESA-02 (CESA), 05-06 3.5 h
#   P003 Cy, CDD-03 (CDD), 05-05 1 h, withdrawn 05-07
#   C00001 05-05 10.55 ingredients at 5.5 %, card
#   S00001 05-09 20 jam, card: 120.00 (day closed)
# Statement: sales 120.00: before VAT round(12000 x 10000 / 10550) =
#   round(11374.41) = 113.74; charge VAT round(1055 x 550 / 10550) = 0.55,
#   10.00 before VAT; margin 103.74; the CAE's 10 %: round(1037.4) = 10.37;
#   distributable 93.37.  Shares by hours of 16.50: 9337 x 12 / 16.5 =
#   6790.55, x 3.5 / 16.5 = 1980.58, x 1 / 16.5 = 565.88: 9335, the 2 cents
#   left to the larger remainders (P003 .88, P002 .58): 67.90, 19.81, 5.66.
#   P001 gross round(679000 / 113) = round(6008.85) = 60.09, employer
#        7.81, employee round(1321.98) = 13.22, net 46.87, an hour
#        60.09 / 12 = 5.01
#   P002 gross round(198100 / 113) = round(1753.10) = 17.53, employer 2.28,
#        employee round(385.66) = 3.86, net 13.67, an hour 17.53 / 3.5 = 5.01
#   P003 gross round(56600 / 113) = round(500.88) = 5.01, employer 0.65,
#        employee round(110.22) = 1.10, net 3.91, an hour 5.01
#   Totals: 16.50 h, share 93.37, employer 10.74, gross 82.63, employee
#   18.18, net 64.45 (82.63 - 18.18).  Every gross an hour below 12.02.
payroll() { fixture payroll "${1:-p}"; }
build_payroll() {
	flashcoop-init "$1" --name Payroll --id FC-PAY --start 2026-05-04 \
		--end 2026-05-13 >/dev/null &&
	printf 'jam = 6.00, 5.5\n' >>"$1/flashcoop.ini" &&
	E="flashcoop-enroll -C $1" && R="flashcoop-record -C $1" &&
	$E Ada --contract CAPE-01 --date 2026-05-04 &&
	$E "Doe, Jane" --contract CESA-02 --contract-type CESA --date 2026-05-04 &&
	$E Cy --contract CDD-03 --contract-type cdd --date 2026-05-04 &&
	$R hours --participant P001 --hours 6 --date 2026-05-05 &&
	$R hours --participant P001 --hours 4 --date 2026-05-06 &&
	$R hours --participant P001 --hours 2 --date 2026-05-06 &&
	$R hours --participant P002 --hours 3.5 --date 2026-05-06 &&
	$R hours --participant P003 --hours 1 --date 2026-05-05 &&
	$E --withdraw P003 --date 2026-05-07 &&
	$R charge --amount 10.55 --category ingredients --vat 5.5 --payment card \
		--date 2026-05-05 &&
	$R sale --product jam --qty 20 --payment card --date 2026-05-09 &&
	flashcoop-close -C "$1" --day 2026-05-09
}
PAY_ROWS='FC-PAY,P001,Ada,CAPE-01,CAPE,2026-05-04,,12.00,2026-05-05=6.00 2026-05-06=6.00,67.90,7.81,60.09,13.22,46.87,5.01,yes,@
FC-PAY,P002,"Doe, Jane",CESA-02,CESA,2026-05-04,,3.50,2026-05-06=3.50,19.81,2.28,17.53,3.86,13.67,5.01,yes,@
FC-PAY,P003,Cy,CDD-03,CDD,2026-05-04,2026-05-07,1.00,2026-05-05=1.00,5.66,0.65,5.01,1.10,3.91,5.01,yes,@'
PAY_TOTAL='total,,,,,,,16.50,,93.37,10.74,82.63,18.18,64.45,,,'

# pay_rows STATUS: the rows of FC-PAY with that status.
pay_rows() { printf '%s\n' "$PAY_ROWS" | sed "s/@\$/$1/"; }

check 'payroll, csv: the header exactly' '
	fresh && payroll &&
	flashcoop-report -C p payroll --format csv >"$T/pay.csv" &&
	same "$PAYROLL_HEADER" "$(head -n 1 "$T/pay.csv")"'

check 'payroll before the closing: the figures worked by hand, status estimate' '
	fresh && payroll &&
	{ echo "$PAYROLL_HEADER"; pay_rows estimate; echo "$PAY_TOTAL"; } >"$T/want" &&
	report "$T/want" -C p payroll --format csv'

check 'payroll after the closing: status closed; its totals equal the closing statement' '
	fresh && payroll && flashcoop-close -C p --date 2026-05-14 >/dev/null 2>&1 &&
	{ echo "$PAYROLL_HEADER"; pay_rows closed; echo "$PAY_TOTAL"; } >"$T/want" &&
	report "$T/want" -C p payroll --format csv &&
	pick p/closing.csv share gross net | awk "$CENTS"'"'"'
		{ s += cents($1); g += cents($2); n += cents($3) }
		END { printf "%d.%02d %d.%02d %d.%02d\n", s / 100, s % 100,
		      g / 100, g % 100, n / 100, n % 100 }'"'"' >"$T/sums" &&
	same "93.37 82.63 64.45" "$(cat "$T/sums")" &&
	same "$(cat "$T/sums")" "$(pick "$T/.got" project share gross net |
		sed -n "s/^total //p")" &&
	holds p/closing.ini "distributable     = 93.37"'

check 'payroll, json: the same figures, as strings' '
	fresh && payroll &&
	flashcoop-report -C p payroll --format json >"$T/pay.json" &&
	flashcoop-report -C p payroll --format csv >"$T/pay.csv" &&
	python3 -c "
import csv, json, sys
want = list(csv.DictReader(open(sys.argv[1], encoding=\"utf-8\", newline=\"\")))
got = json.load(open(sys.argv[2], encoding=\"utf-8\"))
sys.exit(0 if got == want else \"json %r\ncsv %r\" % (got, want))" "$T/pay.csv" "$T/pay.json"'

check 'payroll -o FILE: mode 0600, nothing on stdout, the same rows' '
	fresh && payroll &&
	flashcoop-report -C p payroll --format csv -o "$T/o.csv" >"$T/.stdout" \
		2>"$T/.err" && [ ! -s "$T/.stdout" ] && [ ! -s "$T/.err" ] &&
	same 600 "$(stat -c %a "$T/o.csv")" &&
	flashcoop-report -C p payroll --format csv | cmp - "$T/o.csv" &&
	flashcoop-report -C p payroll -o "$T/o.txt" && same 600 "$(stat -c %a "$T/o.txt")"'

# Two folders: FC-PAY (open: estimate) then FC-MIN (closed), one row per
# participant and project, then the total: 16.50 + 12.00 = 28.50 h, share
# 93.37 + 113.00 = 206.37, employer 10.74 + 13.00 = 23.74, gross 82.63 +
# 100.00 = 182.63, employee 18.18 + 22.00 = 40.18, net 64.45 + 78.00 =
# 142.45.  (P003 of FC-MIN, who has no hours, has a check of its own.)
check 'payroll over two folders: each participant of each project, then the total' '
	fresh && payroll p && minimum q &&
	flashcoop-close -C q --date 2026-05-14 >/dev/null 2>&1 &&
	{ echo "$PAYROLL_HEADER"; pay_rows estimate
	  echo "FC-MIN,P001,Ana,CAPE-A,CAPE,2026-05-04,,10.00,2026-05-05=10.00,56.50,6.50,50.00,11.00,39.00,5.00,yes,closed"
	  echo "FC-MIN,P002,Ben,CAPE-B,CAPE,2026-05-04,,2.00,2026-05-06=2.00,56.50,6.50,50.00,11.00,39.00,25.00,no,closed"
	  echo "total,,,,,,,28.50,,206.37,23.74,182.63,40.18,142.45,,,"; } >"$T/want" &&
	flashcoop-report payroll p q --format csv >"$T/got" &&
	grep -v "^FC-MIN,P003," "$T/got" | diff -u "$T/want" - &&
	same 1 "$(grep -c "^FC-MIN,P003," "$T/got")"'

# A participant with no hours has no gross pay an hour (the statement
# says "(no hours)"): the column is empty, and not below the minimum.
check 'payroll: a participant with no hours: gross_per_hour empty, below_minimum no' '
	fresh && minimum && flashcoop-report -C p payroll --format csv >"$T/got" &&
	same "FC-MIN,P003,Cat,CAPE-C,CAPE,2026-05-04,,0.00,,0.00,0.00,0.00,0.00,0.00,,no,estimate" \
		"$(grep "^FC-MIN,P003," "$T/got")"'

check 'payroll: --from, --to, --by: usage, 64, nothing written' '
	fresh && payroll &&
	refuses 64 "$T/x.csv" flashcoop-report -C p payroll --from 2026-05-05 -o "$T/x.csv" &&
	refuses 64 "$T/x.csv" flashcoop-report -C p payroll --to 2026-05-06 -o "$T/x.csv" &&
	refuses 64 "$T/x.csv" flashcoop-report -C p payroll --by day -o "$T/x.csv"'

# ---- the funders: the outcomes and the "< 3" rule ----

# outcomes [DIR]: FC-OUT, a week of eight, as DIR (default p), the
# outcomes at exit recorded with --update while open (exit dates: the
# project's end, P006 the withdrawal's); the project starts in 2026:
#  id   gender year age  status at entry      referrer        edu  qpv disab exit        6 months
#  P001 F 2000 26        unemployed           Mission Locale  3    yes no    employment  employment
#  P002 M 1999 27        long-term-unemployed Mission Locale  4    yes no    employment  employment
#  P003 F 1970 56        RSA                  France Travail  none no  yes   training    -
#  P004 M 1985 41        job-seeker           France Travail  5    no  no    job-search  training
#  P005 F 1971 55        inactive             -               7    yes yes   job-search  job-search
#  P006 F 2007 19        student              Mission Locale  none -   -     other       -   withdrawn 05-06
#  P007 - 1996 30        employed             -               -    -   -     -           -
#  P008 M -    -         self-employed        -               8    no  -     -           -
# Counted by hand (1 or 2 shown "< 3"; 0 groups left out):
#   participants 8, completed 7, withdrawn 1 (< 3)
#   gender F 4, M 3, unknown 1
#   age bands 18-25: P006; 26-35: P001 P002 P007 = 3; 36-49: P004;
#     50+: P003 P005 = 2; unknown: P008
#   status at entry: each once; referrer Mission Locale 3, France Travail 2,
#     unknown 3
#   education none 2, 3 4 5 7 8 once each, unknown 1
#   qpv yes 3, no 3, unknown 2; disability yes 2, no 3, unknown 3
#   exit: employment 2, training 1, job-search 2, other 1, unknown 2;
#     positive (employment, training) 3 of 6 known: 50
#   6 months: employment 2, training 1, job-search 1, unknown 4;
#     positive 3 of 4 known: 75
#   ESF employment status: unemployed (unemployed, long-term-unemployed,
#     job-seeker) 3, inactive (inactive, student) 2, employed (employed,
#     self-employed) 2, unknown (RSA) 1
#   under 30: 26, 27, 19 = 3 (P007 is 30); over 54: 56, 55 = 2;
#     disability 2
#   ISCED 0-2 (none) 2, 3-4 (3, 4) 2, 5-8 (5, 7, 8) 3, unknown 1
#   no hours, no sale: 0.00
outcomes() { fixture outcomes "${1:-p}"; }
build_outcomes() {
	flashcoop-init "$1" --name Outcomes --id FC-OUT --start 2026-05-04 \
		--end 2026-05-13 >/dev/null &&
	E="flashcoop-enroll -C $1" && D="--date 2026-05-04" &&
	$E "Alice A" --contract CAPE-A $D --gender F --birth-year 2000 \
		--status unemployed --referrer "Mission Locale" --education 3 \
		--qpv yes --disability no &&
	$E "Bruno B" --contract CAPE-B $D --gender M --birth-year 1999 \
		--status long-term-unemployed --referrer "Mission Locale" \
		--education 4 --qpv yes --disability no &&
	$E "Chloé C" --contract CAPE-C $D --gender F --birth-year 1970 \
		--status RSA --referrer "France Travail" --education none --qpv no \
		--disability yes &&
	$E "David D" --contract CAPE-D $D --gender M --birth-year 1985 \
		--status job-seeker --referrer "France Travail" --education 5 \
		--qpv no --disability no &&
	$E "Emma E" --contract CAPE-E $D --gender F --birth-year 1971 \
		--status inactive --education 7 --qpv yes --disability yes &&
	$E "Fanny F" --contract CAPE-F $D --gender F --birth-year 2007 \
		--status student --referrer "Mission Locale" --education none \
		--note "sister of Fanny F's friend" &&
	$E "Gaël G" --contract CAPE-G $D --birth-year 1996 --status employed &&
	$E "Hugo H" --contract CAPE-H $D --gender M --status self-employed \
		--education 8 --qpv no &&
	$E --withdraw P006 --date 2026-05-06 --reason "moved" &&
	$E --update P001 --exit-status employment --status-6-months employment &&
	$E --update P002 --exit-status employment --status-6-months employment &&
	$E --update P003 --exit-status training &&
	$E --update P004 --exit-status job-search --status-6-months training &&
	$E --update P005 --exit-status job-search --status-6-months job-search &&
	$E --update P006 --exit-status other
}

cat >"$T/outcomes.rows" <<'EOF'
FC-OUT,participants,,8
FC-OUT,completed,,7
FC-OUT,withdrawn,,< 3
FC-OUT,gender,F,4
FC-OUT,gender,M,3
FC-OUT,gender,unknown,< 3
FC-OUT,age_band,18-25,< 3
FC-OUT,age_band,26-35,3
FC-OUT,age_band,36-49,< 3
FC-OUT,age_band,50+,< 3
FC-OUT,age_band,unknown,< 3
FC-OUT,status_at_entry,unemployed,< 3
FC-OUT,status_at_entry,long-term-unemployed,< 3
FC-OUT,status_at_entry,RSA,< 3
FC-OUT,status_at_entry,job-seeker,< 3
FC-OUT,status_at_entry,inactive,< 3
FC-OUT,status_at_entry,student,< 3
FC-OUT,status_at_entry,employed,< 3
FC-OUT,status_at_entry,self-employed,< 3
FC-OUT,referrer,Mission Locale,3
FC-OUT,referrer,France Travail,< 3
FC-OUT,referrer,unknown,3
FC-OUT,education,none,< 3
FC-OUT,education,3,< 3
FC-OUT,education,4,< 3
FC-OUT,education,5,< 3
FC-OUT,education,7,< 3
FC-OUT,education,8,< 3
FC-OUT,education,unknown,< 3
FC-OUT,qpv,yes,3
FC-OUT,qpv,no,3
FC-OUT,qpv,unknown,< 3
FC-OUT,disability,yes,< 3
FC-OUT,disability,no,3
FC-OUT,disability,unknown,3
FC-OUT,exit_status,employment,< 3
FC-OUT,exit_status,training,< 3
FC-OUT,exit_status,job-search,< 3
FC-OUT,exit_status,other,< 3
FC-OUT,exit_status,unknown,< 3
FC-OUT,status_6_months,employment,< 3
FC-OUT,status_6_months,training,< 3
FC-OUT,status_6_months,job-search,< 3
FC-OUT,status_6_months,unknown,4
FC-OUT,positive_exit,,3
FC-OUT,positive_exit_rate,,50
FC-OUT,positive_6_months,,3
FC-OUT,positive_6_months_rate,,75
FC-OUT,esf_employment_status,unemployed,3
FC-OUT,esf_employment_status,inactive,< 3
FC-OUT,esf_employment_status,employed,< 3
FC-OUT,esf_employment_status,unknown,< 3
FC-OUT,esf_under_30,,3
FC-OUT,esf_over_54,,< 3
FC-OUT,esf_disability,,< 3
FC-OUT,esf_education,ISCED 0-2,< 3
FC-OUT,esf_education,ISCED 3-4,< 3
FC-OUT,esf_education,ISCED 5-8,3
FC-OUT,esf_education,unknown,< 3
FC-OUT,hours,,0.00
FC-OUT,hours_average,,0.00
FC-OUT,turnover,,0.00
EOF
# The CSV: the project's rows, then the same as the total (one folder).
{ echo project,indicator,group,value; cat "$T/outcomes.rows"
  sed 's/^FC-OUT,/total,/' "$T/outcomes.rows"; } >"$T/outcomes.csv"

# text_rows: the text table on stdin as CSV rows: columns are two spaces
# or more apart (a group or a value may hold one space: "ISCED 0-2",
# "< 3"); a row without a group has three.
text_rows() {
	sed -E 's/ {2,}/\t/g' | awk -F'\t' -v OFS=, '
	NF == 4 { print $1, $2, $3, $4; next }
	NF == 3 { print $1, $2, "", $3; next }
	{ print "?" $0 }'
}

# json_like_csv JSON CSV: the JSON report holds the CSV's rows, a value a
# number when it is a count, a string when it is "< 3", a rate, hours or
# money.
json_like_csv() {
	python3 -c '
import csv, json, sys
strings = ("hours", "hours_average", "turnover", "positive_exit_rate",
           "positive_6_months_rate")
want = []
for r in csv.DictReader(open(sys.argv[2], encoding="utf-8", newline="")):
    v = r["value"]
    if v != "< 3" and r["indicator"] not in strings:
        v = int(v)
    want.append(dict(r, value=v))
got = json.load(open(sys.argv[1], encoding="utf-8"))
for i, (g, w) in enumerate(zip(got, want)):
    if g != w:
        sys.exit("row %d: got %r, want %r" % (i + 1, g, w))
if len(got) != len(want):
    sys.exit("%d rows, want %d" % (len(got), len(want)))' "$@"
}

check 'funders, csv: the outcomes of the week of eight, "< 3" for 1 and 2' '
	fresh && outcomes && report "$T/outcomes.csv" -C p funders --format csv'

check 'funders, text: the same rows, "< 3" in the value column' '
	fresh && outcomes &&
	flashcoop-report -C p funders >"$T/f.txt" 2>"$T/.err" && [ ! -s "$T/.err" ] &&
	text_rows <"$T/f.txt" | diff -u "$T/outcomes.csv" - &&
	grep -q "^FC-OUT  *exit_status  *employment  *< 3\$" "$T/f.txt" &&
	grep -q "^FC-OUT  *positive_exit_rate  *50\$" "$T/f.txt"'

check 'funders, json: "< 3" a string, counts numbers, the rates strings ("50")' '
	fresh && outcomes &&
	flashcoop-report -C p funders --format json >"$T/f.json" &&
	json_like_csv "$T/f.json" "$T/outcomes.csv" &&
	grep -qF "{\"project\":\"FC-OUT\",\"indicator\":\"exit_status\",\"group\":\"employment\",\"value\":\"< 3\"}" "$T/f.json" &&
	grep -qF "{\"project\":\"FC-OUT\",\"indicator\":\"positive_exit\",\"group\":\"\",\"value\":3}" "$T/f.json"'

# A second week, FC-OUT2: one participant, employment at exit.  Totals are
# summed exactly, then the rule: employment 2 + 1 = 3 shown 3 in the total
# though "< 3" in each project; positive 3 + 1 = 4 of 6 + 1 = 7 known:
# 57.142... = 57.14; FC-OUT2's rate over one person: "< 3".
build_outcomes_q() {
	flashcoop-init "$1" --name "Outcomes 2" --id FC-OUT2 --start 2026-06-01 \
		--days 7 >/dev/null &&
	flashcoop-enroll -C "$1" "Iris I" --contract CAPE-I --date 2026-06-01 &&
	flashcoop-enroll -C "$1" --update P001 --exit-status employment
}
check 'funders over two folders: summed exactly, then "< 3" (2 + 1 = 3 is a number)' '
	fresh && outcomes p && fixture outcomes_q q &&
	flashcoop-report funders p q --format csv >"$T/two.csv" &&
	holds "$T/two.csv" "FC-OUT,exit_status,employment,< 3" &&
	holds "$T/two.csv" "FC-OUT2,exit_status,employment,< 3" &&
	holds "$T/two.csv" "total,exit_status,employment,3" &&
	holds "$T/two.csv" "FC-OUT2,positive_exit_rate,,< 3" &&
	holds "$T/two.csv" "total,positive_exit,,4" &&
	holds "$T/two.csv" "total,positive_exit_rate,,57.14" &&
	holds "$T/two.csv" "total,participants,,9"'

# ---- after the closing: the amendments ----

# The week of eight, closed on 2026-05-14 in its own folder ($T/out), kept
# from check to check below: each amendment builds on the one before.
OUT=$T/out
check 'the week of eight is closed (its period archive in the folder)' '
	outcomes "$OUT" && flashcoop-close -C "$OUT" --date 2026-05-14 \
		>/dev/null 2>"$T/close.err" &&
	[ -f "$OUT/closing.ini" ] && [ -f "$OUT/FC-OUT-2026-05-14.tar" ] &&
	cp "$OUT/closing.ini" "$T/closing.ini.0" &&
	cp "$OUT/closing.csv" "$T/closing.csv.0" &&
	report "$T/outcomes.csv" -C "$OUT" funders --format csv'

check 'after the closing, --update P003 --status-6-months employment: exit 0, that field only' '
	quiet flashcoop-enroll -C "$OUT" --update P003 --status-6-months employment &&
	same "P003,Chloé C,CAPE-C,2026-05-04,,F,1970,RSA,France Travail,,CAPE,none,no,yes,training,2026-05-13,employment" \
		"$(grep "^P003," "$OUT/participants.csv")" &&
	cmp "$T/closing.csv.0" "$OUT/closing.csv"'

check 'closing.ini: a last section [amendments], everything above it byte for byte' '
	n=$(wc -c <"$T/closing.ini.0") &&
	head -c "$n" "$OUT/closing.ini" | cmp - "$T/closing.ini.0" &&
	tail -c +"$((n + 1))" "$OUT/closing.ini" >"$T/amend" &&
	same 1 "$(grep -c "^\[" "$T/amend")" && holds "$T/amend" "[amendments]" &&
	grep -q "^date *= *$TODAY\$" "$T/amend" &&
	grep -q "^participants.csv *= *$(sha256sum <"$OUT/participants.csv" | cut -c 1-64)\$" "$T/amend" &&
	grep -q "^closing.csv *= *$(sha256sum <"$OUT/closing.csv" | cut -c 1-64)\$" "$T/amend"'

check 'flashcoop-check after the amendment: silent, exit 0' '
	quiet flashcoop-check "$OUT"'

# The funders report of after: P003 at six months employment: employment
# 2 + 1 = 3 (a number now), unknown 4 - 1 = 3; positive 3 + 1 = 4 of 4 + 1
# = 5 known: 80.
check 'the funders report follows the amendment' '
	sed "s/,status_6_months,employment,< 3\$/,status_6_months,employment,3/
	     s/,status_6_months,unknown,4\$/,status_6_months,unknown,3/
	     s/,positive_6_months,,3\$/,positive_6_months,,4/
	     s/,positive_6_months_rate,,75\$/,positive_6_months_rate,,80/" \
		"$T/outcomes.csv" >"$T/after.csv" &&
	[ "$(diff "$T/outcomes.csv" "$T/after.csv" | grep -c "^>")" = 8 ] &&
	report "$T/after.csv" -C "$OUT" funders --format csv'

# In a folder of its own ($T/out77), closed likewise: a field that may not
# change after the closing must not change $OUT if it is taken.
check 'after the closing, another field (--gender, --contract, --note): 77, files unchanged' '
	outcomes "$T/out77" && flashcoop-close -C "$T/out77" --date 2026-05-14 \
		>/dev/null 2>&1 &&
	refuses 77 "$T/out77" flashcoop-enroll -C "$T/out77" --update P003 --gender M &&
	said "not gender" &&
	refuses 77 "$T/out77" flashcoop-enroll -C "$T/out77" --update P003 \
		--birth-year 1980 &&
	refuses 77 "$T/out77" flashcoop-enroll -C "$T/out77" --update P003 \
		--contract CAPE-X &&
	refuses 77 "$T/out77" flashcoop-enroll -C "$T/out77" --update P003 \
		--note x --status-6-months training'

# hand_edit NAME SED: a copy of $OUT as $T/NAME, participants.csv edited
# by SED (check reads it as it is: no terminal needed).
hand_edit() {
	rm -rf "$T/$1" && cp -Rp "$OUT" "$T/$1" && rm -f "$T/$1/.lock" &&
	sed -i "$2" "$T/$1/participants.csv" &&
	! cmp -s "$OUT/participants.csv" "$T/$1/participants.csv"
}

# changed FOLDER: flashcoop-check FOLDER exits 65 and names its
# participants.csv "changed after the closing" (on stdout, as check lists
# its problems).
changed() {
	exits 65 flashcoop-check "$1" &&
	out "^$1/participants.csv: changed after the closing"
}

check 'participants.csv edited by hand after an amendment: check 65, "changed after the closing"' '
	hand_edit enrolled "s/^P002,Bruno B,CAPE-B,2026-05-04,/P002,Bruno B,CAPE-B,2026-05-05,/" &&
	changed "$T/enrolled" &&
	hand_edit name "s/^P002,Bruno B,/P002,Bruno X,/" && changed "$T/name" &&
	hand_edit outcome "s/^\(P007,.*\),\$/\1,training/" && changed "$T/outcome"'

# ---- --anonymise ----

check '--anonymise before the closing: 65 "not closed", files unchanged' '
	fresh && outcomes &&
	refuses 65 p flashcoop-enroll -C p --anonymise P002 && said "not closed"'

check '--anonymise while the period'"'"'s archive is in the folder: 65 naming it, files unchanged' '
	refuses 65 "$OUT" flashcoop-enroll -C "$OUT" --anonymise P006 &&
	said_text "FC-OUT-2026-05-14.tar" && said "move it out"'

check 'the archive moved out: --anonymise P006, then P002: exit 0, nothing printed' '
	mkdir -p "$T/keep" && mv "$OUT/FC-OUT-2026-05-14.tar" "$T/keep/" &&
	for f in text csv json; do
		flashcoop-report -C "$OUT" funders --format $f >"$T/before.$f" || exit 1
	done &&
	quiet flashcoop-enroll -C "$OUT" --anonymise P006 &&
	quiet flashcoop-enroll -C "$OUT" --anonymise P002'

check 'the names are nowhere in the folder; anonymised-P00N in participants.csv and closing.csv' '
	! grep -rF "Bruno" "$OUT" && ! grep -rF "Fanny" "$OUT" &&
	! grep -rF "CAPE-B" "$OUT" && ! grep -rF "CAPE-F" "$OUT" &&
	same "P002,anonymised-P002,anonymised-P002,2026-05-04,,M,1999,long-term-unemployed,Mission Locale,,CAPE,4,yes,no,employment,2026-05-13,employment
P006,anonymised-P006,anonymised-P006,2026-05-04,2026-05-06,F,2007,student,Mission Locale,,CAPE,none,,,other,2026-05-06," \
		"$(grep "^P00[26]," "$OUT/participants.csv")" &&
	same "P002,anonymised-P002,anonymised-P002 P006,anonymised-P006,anonymised-P006" \
		"$(grep "^P00[26]," "$OUT/closing.csv" | cut -d, -f1-3 | tr "\n" " " | sed "s/ \$//")" &&
	same 9 "$(wc -l <"$OUT/participants.csv")" &&
	grep -v "^P00[26]," "$T/closing.csv.0" >"$T/c0" &&
	grep -v "^P00[26]," "$OUT/closing.csv" | cmp - "$T/c0" &&
	same "Alice A" "$(pick "$OUT/participants.csv" name | head -n 1)"'

check 'closing.ini [amendments] names both; everything above it byte for byte' '
	n=$(wc -c <"$T/closing.ini.0") &&
	head -c "$n" "$OUT/closing.ini" | cmp - "$T/closing.ini.0" &&
	same "P002 P006" "$(sed -n "s/^anonymised *= *//p" "$OUT/closing.ini" | tr " " "\n" | sort | tr "\n" " " | sed "s/ \$//")" &&
	grep -q "^participants.csv *= *$(sha256sum <"$OUT/participants.csv" | cut -c 1-64)\$" "$OUT/closing.ini" &&
	grep -q "^closing.csv *= *$(sha256sum <"$OUT/closing.csv" | cut -c 1-64)\$" "$OUT/closing.ini"'

check 'the funders report byte for byte as before the anonymisation; check silent' '
	for f in text csv json; do
		flashcoop-report -C "$OUT" funders --format $f | cmp - "$T/before.$f" || exit 1
	done &&
	quiet flashcoop-check "$OUT"'

check '--anonymise again: 65 "already", files unchanged' '
	refuses 65 "$OUT" flashcoop-enroll -C "$OUT" --anonymise P002 &&
	said "already"'

check 'an outcome amended after the anonymisation: still accepted, check silent' '
	quiet flashcoop-enroll -C "$OUT" --update P006 --status-6-months training &&
	grep -q "^P006,anonymised-P006,.*,other,2026-05-06,training\$" "$OUT/participants.csv" &&
	quiet flashcoop-check "$OUT"'

check '"-o" onto a file of a project (its ledger, its lock): 65, the file unchanged' '
	refuses 65 "$OUT" flashcoop-report -C "$OUT" payroll -o "$OUT/participants.csv" &&
	said "file of a project" &&
	( cd "$OUT" && ! flashcoop-report summary -o ledger.csv 2>/dev/null ) &&
	refuses 65 "$OUT" flashcoop-report -C "$OUT" attestation -o "$OUT/.lock"'

done_testing
