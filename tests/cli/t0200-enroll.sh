#!/bin/sh
# flashcoop-enroll: enrolment, withdrawal, the list, and what it refuses.
. "$(dirname "$0")/lib.sh"

# enrol ARGS...: flashcoop-enroll on the project p; the id on stdout.
enrol() {
	flashcoop-enroll -C p "$@"
}

# row N: line N+1 of p/participants.csv (row 1 is the first participant).
row() {
	sed -n "$(($1 + 1))p" p/participants.csv
}

# ---- enrolment ----

check 'the first id is P001, alone on stdout, nothing on stderr' '
	fresh && new_project &&
	flashcoop-enroll -C p "Ada Lovelace" --contract C1 --date 2026-05-04 \
		>out 2>err &&
	[ "$(cat out)" = P001 ] && [ "$(wc -l <out)" = 1 ] && [ ! -s err ]'

check 'ids follow: P001, P002, P003' '
	fresh && new_project &&
	a=$(enrol A --contract C1 --date 2026-05-04) &&
	b=$(enrol B --contract C2 --date 2026-05-04) &&
	c=$(enrol C --contract C3 --date 2026-05-05) &&
	same "P001 P002 P003" "$a $b $c"'

check 'the row holds every field given, in the header order' '
	fresh && new_project &&
	enrol "Ada Lovelace" --contract CAPE-2026-001 --date 2026-05-04 \
		--gender F --birth-year 2001 --status unemployed \
		--referrer "Mission Locale" --note "vegan" >/dev/null &&
	same "P001,Ada Lovelace,CAPE-2026-001,2026-05-04,,F,2001,unemployed,Mission Locale,vegan,CAPE,,,,,," \
		"$(row 1)" &&
	[ "$(wc -l <p/participants.csv)" = 2 ]'

check 'optional fields left out stay empty' '
	fresh && new_project &&
	enrol "Ada" --contract C1 --date 2026-05-04 >/dev/null &&
	same "P001,Ada,C1,2026-05-04,,,,,,,CAPE,,,,,," "$(row 1)"'

check 'a name with a comma and quotes is CSV-quoted' '
	fresh && new_project &&
	enrol "Doe, Jane \"JD\"" --contract "C,1" --date 2026-05-04 >/dev/null &&
	same "P001,\"Doe, Jane \"\"JD\"\"\",\"C,1\",2026-05-04,,,,,,,CAPE,,,,,," "$(row 1)"'

check 'a quoted name reads back as it was given (--list)' '
	fresh && new_project &&
	enrol "Doe, Jane \"JD\"" --contract C1 --date 2026-05-04 >/dev/null &&
	enrol "Zoé Ñandú" --contract C2 --date 2026-05-04 >/dev/null &&
	flashcoop-enroll -C p --list >out &&
	same "Doe, Jane \"JD\"" "$(sed -n 1p out | cut -f2)" &&
	same "Zoé Ñandú" "$(sed -n 2p out | cut -f2)"'

check 'a name of exactly 1000 bytes is taken and reads back' '
	fresh && new_project &&
	name=$(printf "%01000d" 0 | tr 0 a) &&
	enrol "$name" --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-enroll -C p --list >out &&
	same "$name" "$(cut -f2 out)"'

check 'enrolment on the last day of the project is taken' '
	fresh && new_project &&
	same P001 "$(enrol A --contract C1 --date 2026-05-13)"'

check 'enrolment before the first day (contract signed early) is taken' '
	fresh && new_project &&
	same P001 "$(enrol A --contract C1 --date 2026-04-28)"'

check 'participants.csv stays mode 600 after enrolments' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	[ "$(stat -c %a p/participants.csv)" = 600 ]'

# ---- finding the project ----

check '-C DIR finds the project' '
	fresh && new_project &&
	mkdir elsewhere && cd elsewhere &&
	same P001 "$(flashcoop-enroll -C ../p A --contract C1 --date 2026-05-04)" &&
	grep -q "^P001,A," ../p/participants.csv'

check '$FLASHCOOP_DIR finds the project' '
	fresh && new_project &&
	FLASHCOOP_DIR=$PWD/p && export FLASHCOOP_DIR &&
	mkdir elsewhere && cd elsewhere &&
	same P001 "$(flashcoop-enroll A --contract C1 --date 2026-05-04)" &&
	grep -q "^P001,A," ../p/participants.csv'

check 'the current folder is the project by default' '
	fresh && new_project && cd p &&
	same P001 "$(flashcoop-enroll A --contract C1 --date 2026-05-04)" &&
	grep -q "^P001,A," participants.csv'

check '-C DIR wins over $FLASHCOOP_DIR' '
	fresh && new_project p && new_project q &&
	FLASHCOOP_DIR=$PWD/q && export FLASHCOOP_DIR &&
	same P001 "$(flashcoop-enroll -C p A --contract C1 --date 2026-05-04)" &&
	grep -q "^P001,A," p/participants.csv &&
	[ "$(wc -l <q/participants.csv)" = 1 ]'

check '$FLASHCOOP_DIR wins over the current folder' '
	fresh && new_project p && new_project q &&
	FLASHCOOP_DIR=$PWD/q && export FLASHCOOP_DIR && cd p &&
	same P001 "$(flashcoop-enroll A --contract C1 --date 2026-05-04)" &&
	[ "$(wc -l <participants.csv)" = 1 ] &&
	grep -q "^P001,A," ../q/participants.csv'

# ---- withdrawal ----

check '--withdraw sets the withdrawn date and notes the reason' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	enrol B --contract C2 --date 2026-05-04 >/dev/null &&
	flashcoop-enroll -C p --withdraw P001 --date 2026-05-07 \
		--reason "found a job" >out 2>err &&
	[ ! -s out ] && [ ! -s err ] &&
	same "P001,A,C1,2026-05-04,2026-05-07,,,,,withdrawn: found a job,CAPE,,,,,," "$(row 1)" &&
	same "P002,B,C2,2026-05-04,,,,,,,CAPE,,,,,," "$(row 2)"'

check '--withdraw keeps participants.csv mode 600' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-enroll -C p --withdraw P001 --date 2026-05-07 --reason r &&
	[ "$(stat -c %a p/participants.csv)" = 600 ]'

check '--withdraw appends the reason to an existing note' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 --note "vegan" >/dev/null &&
	flashcoop-enroll -C p --withdraw P001 --date 2026-05-07 \
		--reason "moved, to Paris" &&
	same "P001,A,C1,2026-05-04,2026-05-07,,,,,\"vegan; withdrawn: moved, to Paris\",CAPE,,,,,," \
		"$(row 1)"'

check '--withdraw without a reason leaves the note alone' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 --note "vegan" >/dev/null &&
	flashcoop-enroll -C p --withdraw P001 --date 2026-05-07 &&
	same "P001,A,C1,2026-05-04,2026-05-07,,,,,vegan,CAPE,,,,,," "$(row 1)"'

check '--withdraw leaves the other rows byte for byte' '
	fresh && new_project &&
	enrol "Doe, \"J\"" --contract C1 --date 2026-05-04 --gender F >/dev/null &&
	enrol B --contract C2 --date 2026-05-04 --birth-year 1999 >/dev/null &&
	enrol C --contract C3 --date 2026-05-05 --referrer "France Travail" >/dev/null &&
	sed 3d p/participants.csv >before &&
	flashcoop-enroll -C p --withdraw P002 --date 2026-05-06 &&
	sed 3d p/participants.csv >after && cmp before after'

check '--withdraw on the enrolment day and on the day after the end' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-05 >/dev/null &&
	enrol B --contract C2 --date 2026-05-04 >/dev/null &&
	flashcoop-enroll -C p --withdraw P001 --date 2026-05-05 &&
	flashcoop-enroll -C p --withdraw P002 --date 2026-05-14 &&
	same 2026-05-05 "$(row 1 | cut -d, -f5)" &&
	same 2026-05-14 "$(row 2 | cut -d, -f5)"'

check 'a new enrolment after a withdrawal takes the next id' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-enroll -C p --withdraw P001 --date 2026-05-05 &&
	same P002 "$(enrol B --contract C2 --date 2026-05-06)"'

# ---- the list ----

check '--list: id, name, contract, enrolled, withdrawn, tab-separated' '
	fresh && new_project &&
	enrol "Ada Lovelace" --contract C1 --date 2026-05-04 --gender F >/dev/null &&
	enrol "Doe, Jo" --contract C2 --date 2026-05-05 >/dev/null &&
	flashcoop-enroll -C p --withdraw P002 --date 2026-05-08 --reason r &&
	flashcoop-enroll -C p --list >out 2>err && [ ! -s err ] &&
	printf "P001\tAda Lovelace\tC1\t2026-05-04\t\nP002\tDoe, Jo\tC2\t2026-05-05\t2026-05-08\n" >want &&
	cmp want out'

check '--list of a project without participants prints nothing' '
	fresh && new_project &&
	flashcoop-enroll -C p --list >out 2>err && [ ! -s out ] && [ ! -s err ]'

check '--list reads a closed project' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-close -C p --date 2026-05-13 >/dev/null && [ -f p/closing.ini ] &&
	flashcoop-enroll -C p --list >out && same P001 "$(cut -f1 out)"'

# ---- refusals: the command line ----

check 'an empty name: 65, nothing written' '
	fresh && new_project &&
	refuses 65 p flashcoop-enroll -C p "" --contract C1 --date 2026-05-04'

check 'a name with a newline: 65, nothing written' '
	fresh && new_project &&
	refuses 65 p flashcoop-enroll -C p "$(printf "Ada\nLovelace")" \
		--contract C1 --date 2026-05-04'

check 'a name over 1000 bytes: 65, nothing written' '
	fresh && new_project &&
	refuses 65 p flashcoop-enroll -C p "$(printf "%01001d" 0)" \
		--contract C1 --date 2026-05-04'

check 'a name that is not UTF-8: 65, nothing written' '
	fresh && new_project &&
	refuses 65 p flashcoop-enroll -C p "$(printf "\377")" \
		--contract C1 --date 2026-05-04 &&
	refuses 65 p flashcoop-enroll -C p "$(printf "Ren\351")" \
		--contract C1 --date 2026-05-04'

check 'a contract, gender, status or referrer with a control character: 65' '
	fresh && new_project &&
	tab=$(printf "\t") &&
	refuses 65 p flashcoop-enroll -C p A --contract "C${tab}1" --date 2026-05-04 &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --gender "F${tab}" \
		--date 2026-05-04 &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --status "a${tab}b" \
		--date 2026-05-04 &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --referrer "a${tab}b" \
		--date 2026-05-04'

check 'no --contract: usage (64), nothing written' '
	fresh && new_project &&
	refuses 64 p flashcoop-enroll -C p A --date 2026-05-04'

check 'an empty --contract: 65, nothing written' '
	fresh && new_project &&
	refuses 65 p flashcoop-enroll -C p A --contract "" --date 2026-05-04'

check 'no NAME: usage (64), nothing written' '
	fresh && new_project &&
	refuses 64 p flashcoop-enroll -C p --contract C1 --date 2026-05-04'

check 'two NAMEs: usage (64), nothing written' '
	fresh && new_project &&
	refuses 64 p flashcoop-enroll -C p Ada Lovelace --contract C1 \
		--date 2026-05-04'

check 'a bad --date: 65, nothing written' '
	fresh && new_project &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-02-30 &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-5-4 &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date tomorrow'

check '--date after the end of the project: 65, nothing written' '
	fresh && new_project &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-14'

check '--birth-year abc: 65, nothing written' '
	fresh && new_project &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 \
		--birth-year abc &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 \
		--birth-year 1899 &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 \
		--birth-year 2001x &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 \
		--birth-year ""'

check 'a contract already enrolled: 65, nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	refuses 65 p flashcoop-enroll -C p B --contract C1 --date 2026-05-05 &&
	grep -q P001 "$T/.err"'

check 'a contract of a withdrawn participant is still taken: 65' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-enroll -C p --withdraw P001 --date 2026-05-05 &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-06'

check 'withdraw an unknown id: 65, nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	refuses 65 p flashcoop-enroll -C p --withdraw P002 --date 2026-05-05 &&
	refuses 65 p flashcoop-enroll -C p --withdraw p001 --date 2026-05-05'

check 'withdraw twice: 65, nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	flashcoop-enroll -C p --withdraw P001 --date 2026-05-05 --reason r &&
	refuses 65 p flashcoop-enroll -C p --withdraw P001 --date 2026-05-06 \
		--reason again'

check 'withdraw before the enrolment date: 65, nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-06 >/dev/null &&
	refuses 65 p flashcoop-enroll -C p --withdraw P001 --date 2026-05-05'

check 'withdraw two days or more after the end: 65, nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-06 >/dev/null &&
	refuses 65 p flashcoop-enroll -C p --withdraw P001 --date 2026-05-15'

check 'withdraw with a bad --date: 65, nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	refuses 65 p flashcoop-enroll -C p --withdraw P001 --date 2026-13-01'

check 'a reason with a newline: 65, nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	refuses 65 p flashcoop-enroll -C p --withdraw P001 --date 2026-05-05 \
		--reason "$(printf "a\nb")"'

check 'a reason that makes the note over 1000 bytes: 65, nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 --note "$(printf "%0900d" 0)" \
		>/dev/null &&
	refuses 65 p flashcoop-enroll -C p --withdraw P001 --date 2026-05-05 \
		--reason "$(printf "%0200d" 0)"'

check '--withdraw then --list: usage (64), nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	refuses 64 p flashcoop-enroll -C p --withdraw P001 --list \
		--date 2026-05-05'

check '--list then --withdraw: usage (64), nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	refuses 64 p flashcoop-enroll -C p --list --withdraw P001 \
		--date 2026-05-05'

check 'an unknown option: usage (64), nothing written' '
	fresh && new_project &&
	refuses 64 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 \
		--colour red'

# ---- refusals: the project ----

check 'no project in the current folder: 66, nothing created' '
	fresh && mkdir empty && cd empty &&
	fails 66 flashcoop-enroll A --contract C1 --date 2026-05-04 &&
	[ -z "$(ls -A)" ] &&
	fails 66 flashcoop-enroll --list && [ -z "$(ls -A)" ]'

check '-C to a missing folder: 66, nothing created' '
	fresh &&
	fails 66 flashcoop-enroll -C nowhere A --contract C1 --date 2026-05-04 &&
	[ ! -e nowhere ] &&
	fails 66 flashcoop-enroll -C nowhere --list && [ ! -e nowhere ]'

check '$FLASHCOOP_DIR to a missing folder: 66' '
	fresh && FLASHCOOP_DIR=$PWD/nowhere && export FLASHCOOP_DIR &&
	fails 66 flashcoop-enroll A --contract C1 --date 2026-05-04 &&
	[ ! -e nowhere ]'

check 'a line that is not INI: 65, naming flashcoop.ini:LINE' '
	fresh && new_project &&
	sed -i "3a this is not ini" p/flashcoop.ini &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 &&
	grep -q "flashcoop\.ini:4:" "$T/.err"'

check 'a line that is not INI at the end: 65, naming its line' '
	fresh && new_project &&
	echo "this is not ini" >>p/flashcoop.ini &&
	n=$(wc -l <p/flashcoop.ini) &&
	refuses 65 p flashcoop-enroll -C p --list &&
	grep -q "flashcoop\.ini:$n:" "$T/.err"'

check 'a line over 1024 bytes in flashcoop.ini: 65, no crash' '
	fresh && new_project &&
	echo "; $(printf "%01100d" 0)" >>p/flashcoop.ini &&
	n=$(wc -l <p/flashcoop.ini) &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 &&
	grep -q "flashcoop\.ini:$n:" "$T/.err"'

check 'a long value in flashcoop.ini: 65, no crash' '
	fresh && new_project &&
	sed -i "s/^activity *=.*/activity = $(printf "%02000d" 0)/" p/flashcoop.ini &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04'

check 'a section named like a key [money:cae_rate]: 65, no crash' '
	fresh && new_project &&
	printf "[money:cae_rate]\n" >>p/flashcoop.ini &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 &&
	grep -q "flashcoop\.ini:" "$T/.err"'

check 'a section named like a key, then keys: 65, no crash' '
	fresh && new_project &&
	printf "[money:cae_rate]\nx = 1\n" >>p/flashcoop.ini &&
	refuses 65 p flashcoop-enroll -C p --list'

check 'an unknown key: 65, naming its line' '
	fresh && new_project &&
	sed -i "/^\[money\]/a colour = red" p/flashcoop.ini &&
	n=$(grep -n "^colour" p/flashcoop.ini | cut -d: -f1) &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 &&
	grep -q "flashcoop\.ini:$n:" "$T/.err" && grep -q colour "$T/.err"'

check 'an unknown section: 65' '
	fresh && new_project &&
	printf "[extras]\nfoo = 1\n" >>p/flashcoop.ini &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 &&
	grep -q extras "$T/.err"'

check 'a bad value in [money]: 65, naming its line' '
	fresh && new_project &&
	sed -i "s/^cae_rate .*/cae_rate = ten/" p/flashcoop.ini &&
	n=$(grep -n "^cae_rate" p/flashcoop.ini | cut -d: -f1) &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 &&
	grep -q "flashcoop\.ini:$n:" "$T/.err"'

check 'flashcoop.ini with CRLF line ends (edited on Windows) loads' '
	fresh && new_project &&
	sed -i "s/\$/$(printf "\r")/" p/flashcoop.ini &&
	grep -q "$(printf "\r")" p/flashcoop.ini &&
	same P001 "$(enrol A --contract C1 --date 2026-05-04)"'

check 'keys and sections are case-insensitive' '
	fresh && new_project &&
	sed -i "s/^\[money\]/[Money]/; s/^vat /VAT /; s/^cae_rate /CAE_Rate /" \
		p/flashcoop.ini &&
	same P001 "$(enrol A --contract C1 --date 2026-05-04)"'

check 'a catalogue in [products] loads: dot, decimal comma, comments' '
	fresh && new_project &&
	printf "%s\n" "cookie        = 2.50, 5.5" "Biscuit-Apero = 3,00, 5,5" \
		"sac-vrac      = 8.00, 20  ; bulk bag" "tote = 12,5, 20" \
		"mug = \"4,00, 20\"" >>p/flashcoop.ini &&
	same P001 "$(enrol A --contract C1 --date 2026-05-04)"'

check 'a product "2,50,5,5" (separator unclear): 65, naming its line' '
	fresh && new_project &&
	echo "cookie = 2,50,5,5" >>p/flashcoop.ini &&
	n=$(wc -l <p/flashcoop.ini) &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 &&
	grep -q "flashcoop\.ini:$n:" "$T/.err"'

check 'a product without its VAT rate (vat = yes): 65, naming its line' '
	fresh && new_project &&
	echo "cookie = 2.50" >>p/flashcoop.ini &&
	n=$(wc -l <p/flashcoop.ini) &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 &&
	grep -q "flashcoop\.ini:$n:" "$T/.err"'

check 'a product "2,50" without its VAT rate (vat = yes): 65' '
	fresh && new_project &&
	echo "cookie = 2,50" >>p/flashcoop.ini &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04'

check 'flashcoop.ini aligned with tabs loads' '
	fresh && new_project &&
	sed -i "s/^vat  */vat$(printf "\t")/; s/^cae_rate  */cae_rate$(printf "\t")/" \
		p/flashcoop.ini &&
	grep -q "$(printf "\t")" p/flashcoop.ini &&
	same P001 "$(enrol A --contract C1 --date 2026-05-04)"'

check 'the flashcoop.ini of SPEC section 2 loads' '
	fresh && mkdir p &&
	cat >p/flashcoop.ini <<-\EOF &&
	[flashcoop]
	id       = FC-2026-LYON-01        ; short stable id, used in batch reports
	name     = Flashcoop Cookies Croix-Rousse
	activity = cookies
	host     = CAE Exemple             ; the CAE that carries the contracts
	start    = 2026-05-04
	end      = 2026-05-13
	event    = Marché de la Croix-Rousse, 2026-05-09
	currency = EUR

	[money]
	vat            = yes     ; no: prices carry no VAT
	cae_base       = margin  ; margin | turnover : what the CAE contribution is taken from
	cae_rate       = 10      ; percent
	employer_rate  = 13      ; percent of gross pay, employer contributions (depends on pay level)
	employee_rate  = 22      ; percent of gross pay, employee contributions
	share          = hours   ; hours | equal : how the distributable result is split
	cash_float     = 50.00   ; cash in the drawer before the first sale (fond de caisse)

	[products]               ; name = unit price incl. VAT, VAT rate in percent
	cookie        = 2.50, 5.5
	biscuit-apero = 3.00, 5.5
	sac-vrac      = 8.00, 20
	EOF
	echo "id,name,contract,enrolled,withdrawn,gender,birth_year,status_at_entry,referrer,note" \
		>p/participants.csv &&
	echo "id,date,kind,product,quantity,unit_price,amount,vat_rate,category,payment,participant,ref,note" \
		>p/ledger.csv && echo "id,date,kind,participant,hours,ref,note" >p/hours.csv &&
	flashcoop-enroll -C p --list >/dev/null 2>"$T/.err" || {
		cat "$T/.err"; exit 1; } &&
	refuses 65 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04 &&
	grep -q "not chained.*flashcoop-init --chain" "$T/.err" &&
	flashcoop-init -C p --chain &&
	same P001 "$(enrol A --contract C1 --date 2026-05-04)"'

check 'a closed project: 77, says closed, nothing written' '
	fresh && new_project &&
	enrol A --contract C1 --date 2026-05-04 >/dev/null &&
	touch p/closing.ini &&
	refuses 77 p flashcoop-enroll -C p B --contract C2 --date 2026-05-04 &&
	grep -qi closed "$T/.err" &&
	refuses 77 p flashcoop-enroll -C p --withdraw P001 --date 2026-05-05 &&
	grep -qi closed "$T/.err"'

check 'the lock held by another process: 75, nothing written' '
	fresh && new_project || exit 1
	flock p/.lock sleep 3 &
	holder=$!
	n=0
	while flock -n p/.lock true && [ $n -lt 50 ]; do
		n=$((n + 1)); sleep 0.1
	done
	# lib.sh sets FLASHCOOP_LOCK_TIMEOUT=1: a second of waiting.
	refuses 75 p flashcoop-enroll -C p A --contract C1 --date 2026-05-04
	rc=$?
	wait $holder
	[ $rc = 0 ] && grep -qi busy "$T/.err" &&
	same P001 "$(enrol A --contract C1 --date 2026-05-04)"'

# ---- help and version ----

check '--help: usage on stdout, exit 0, nothing on stderr' '
	flashcoop-enroll --help >"$T/out" 2>"$T/err" &&
	grep -q "^usage: flashcoop-enroll" "$T/out" && [ ! -s "$T/err" ] &&
	grep -q -- "--withdraw" "$T/out" && grep -q -- "--list" "$T/out"'

check '--version: on stdout, exit 0, nothing on stderr' '
	flashcoop-enroll --version >"$T/out" 2>"$T/err" &&
	grep -q "^flashcoop-enroll .*[0-9]" "$T/out" && [ ! -s "$T/err" ]'

done_testing
