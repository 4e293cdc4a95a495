#!/bin/sh
# flashcoop-init: the project folder it creates, and what it refuses.
. "$(dirname "$0")/lib.sh"

# ini_value KEY [DIR]: the text after "KEY = " in DIR/flashcoop.ini, with
# the comment cut off.
ini_value() {
	sed -n "s/^$1 *= *\\([^ ;]*\\).*/\\1/p" "${2:-p}/flashcoop.ini"
}

# init ARGS...: flashcoop-init ARGS exits 0 (stdout in $T/.stdout, stderr
# in $T/.err).
init() {
	flashcoop-init "$@" >"$T/.stdout" 2>"$T/.err" || {
		echo "flashcoop-init $* failed:"
		cat "$T/.err"
		return 1
	}
}

LEDGER='id,date,kind,product,quantity,unit_price,amount,vat_rate,category,payment,participant,ref,note,vat_amount,lot,terminal,recorded_at,chain'
HOURS='id,date,kind,participant,hours,ref,note,role,terminal,recorded_at,chain'
PEOPLE='id,name,contract,enrolled,withdrawn,gender,birth_year,status_at_entry,referrer,note,contract_type,education,qpv,disability,exit_status,exit_date,status_6_months'

# ---- what it creates ----

check 'init creates the folder and every file, silently' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	[ -d p ] &&
	for f in flashcoop.ini participants.csv ledger.csv hours.csv \
	         .gitattributes .gitignore; do
		[ -f "p/$f" ] || { echo "no p/$f"; exit 1; }
	done &&
	[ ! -s "$T/.err" ]'

check 'init creates nested folders (mkdir -p)' '
	fresh &&
	init a/b/c --name "Test" --start 2026-05-04 --id FC-NESTED &&
	[ -f a/b/c/flashcoop.ini ] && [ -f a/b/c/participants.csv ] &&
	flashcoop-enroll -C a/b/c --list'

check 'init into an existing empty folder' '
	fresh &&
	mkdir e && init e --name "Test" --start 2026-05-04 &&
	[ -f e/flashcoop.ini ]'

check 'participants.csv: mode 600, the header alone' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	[ "$(stat -c %a p/participants.csv)" = 600 ] &&
	[ "$(cat p/participants.csv)" = "$PEOPLE" ] &&
	[ "$(wc -l <p/participants.csv)" = 1 ]'

check 'ledger.csv: the header alone' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	[ "$(cat p/ledger.csv)" = "$LEDGER" ] &&
	[ "$(wc -l <p/ledger.csv)" = 1 ]'

check 'hours.csv: the header alone' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	[ "$(cat p/hours.csv)" = "$HOURS" ] &&
	[ "$(wc -l <p/hours.csv)" = 1 ]'

check 'CSV files end their lines with LF, no CR' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	! grep -q "$(printf "\r")" p/participants.csv p/ledger.csv p/hours.csv \
		p/flashcoop.ini'

check '.gitattributes keeps CSV files LF and diffable' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	grep -q "^\*\.csv .*eol=lf" p/.gitattributes &&
	grep -q "^\*\.csv .*diff" p/.gitattributes'

check '.gitignore keeps the lock out of git' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	grep -qx "\.lock" p/.gitignore'

check 'flashcoop.ini is a project that flashcoop-enroll loads' '
	fresh &&
	init p --name "Test" --start 2026-05-04 --end 2026-05-13 &&
	flashcoop-enroll -C p --list >out && [ ! -s out ] &&
	id=$(flashcoop-enroll -C p "Ada" --contract C1 --date 2026-05-04) &&
	[ "$id" = P001 ]'

check 'flashcoop.ini holds the default settings, commented' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	grep -q "^\[flashcoop\]" p/flashcoop.ini &&
	grep -q "^\[money\]" p/flashcoop.ini &&
	grep -q "^\[products\]" p/flashcoop.ini &&
	grep -q "^;" p/flashcoop.ini &&
	[ "$(ini_value vat)" = yes ] && [ "$(ini_value cae_rate)" = 10 ] &&
	[ "$(ini_value currency)" = EUR ] &&
	[ "$(ini_value min_hourly_gross)" = 12.02 ]'

# ---- the period ----

check '--days 7 from 2026-05-04 ends on 2026-05-10' '
	fresh &&
	init p --name "Test" --start 2026-05-04 --days 7 &&
	[ "$(ini_value start)" = 2026-05-04 ] &&
	[ "$(ini_value end)" = 2026-05-10 ]'

check '--days 7: the last day is 2026-05-10 for enroll too' '
	fresh &&
	init p --name "Test" --start 2026-05-04 --days 7 &&
	flashcoop-enroll -C p A --contract C1 --date 2026-05-10 >/dev/null &&
	exits 65 flashcoop-enroll -C p B --contract C2 --date 2026-05-11'

check 'without --end or --days: seven days' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	[ "$(ini_value end)" = 2026-05-10 ]'

check '--end is kept as given' '
	fresh &&
	init p --name "Test" --start 2026-05-04 --end 2026-05-13 &&
	[ "$(ini_value end)" = 2026-05-13 ]'

check '--end on the start day: a one-day project' '
	fresh &&
	init p --name "Test" --start 2026-05-04 --end 2026-05-04 &&
	[ "$(ini_value end)" = 2026-05-04 ]'

check '--days 1 ends on the start day' '
	fresh &&
	init p --name "Test" --start 2026-05-04 --days 1 &&
	[ "$(ini_value end)" = 2026-05-04 ]'

check '--days across a month and a leap day' '
	fresh &&
	init p --name "Test" --start 2028-02-27 --days 4 &&
	[ "$(ini_value end)" = 2028-03-01 ]'

# ---- the id ----

check '--id defaults to the folder name' '
	fresh &&
	init FC-2026-LYON-01 --name "Test" --start 2026-05-04 &&
	[ "$(ini_value id FC-2026-LYON-01)" = FC-2026-LYON-01 ]'

check '--id default: the last part of a nested path, trailing slash ignored' '
	fresh &&
	init x/y/FC-NEST/ --name "Test" --start 2026-05-04 &&
	[ "$(ini_value id x/y/FC-NEST)" = FC-NEST ]'

check '--id default for "." is the current folder name' '
	fresh &&
	mkdir FC-DOT && cd FC-DOT &&
	init . --name "Test" --start 2026-05-04 &&
	v=$(ini_value id .) &&
	{ [ "$v" = FC-DOT ] || { echo "id = $v, not FC-DOT"; exit 1; }; }'

check '--id given is kept' '
	fresh &&
	init p --name "Test" --start 2026-05-04 --id FC-2026-X.1_a &&
	[ "$(ini_value id)" = FC-2026-X.1_a ]'

check 'a folder name that is no id: refused (65), asks for --id' '
	fresh &&
	refuses 65 "my project" flashcoop-init "my project" --name "Test" \
		--start 2026-05-04 &&
	grep -q -- --id "$T/.err"'

# ---- text values ----

check 'a name with ";", "#" and double quotes round-trips (enroll loads it)' '
	fresh &&
	init p --name "Café; \"les #1\" cookies" --start 2026-05-04 &&
	grep -qxF "name     = '"'"'Café; \"les #1\" cookies'"'"'" p/flashcoop.ini &&
	flashcoop-enroll -C p --list &&
	[ "$(flashcoop-enroll -C p A --contract C1 --date 2026-05-04)" = P001 ]'

check 'a name with an apostrophe and "#" round-trips' '
	fresh &&
	init p --name "L'"'"'atelier #2; Croix-Rousse" --start 2026-05-04 &&
	grep -qxF "name     = \"L'"'"'atelier #2; Croix-Rousse\"" p/flashcoop.ini &&
	flashcoop-enroll -C p --list'

check '--activity, --host and --event with ";" are kept and load' '
	fresh &&
	init p --name "Test" --start 2026-05-04 --activity "cookies; bio" \
		--host "CAE #1" --event "Marché; Croix-Rousse, 2026-05-09" &&
	grep -qF "cookies; bio" p/flashcoop.ini &&
	grep -qF "CAE #1" p/flashcoop.ini &&
	grep -qF "Marché; Croix-Rousse, 2026-05-09" p/flashcoop.ini &&
	flashcoop-enroll -C p --list'

check 'a name with both kinds of quotes: refused (65), nothing created' '
	fresh &&
	refuses 65 p flashcoop-init p --name "a \"b\" c'"'"'s" --start 2026-05-04'

# ---- refusals ----

check 'an existing project: refused (73), every file unchanged' '
	fresh &&
	new_project &&
	flashcoop-enroll -C p "Ada" --contract C1 --date 2026-05-04 >/dev/null &&
	refuses 73 p flashcoop-init p --name "Other" --start 2026-06-01 &&
	refuses 73 p flashcoop-init p --name "Test Flashcoop" --id FC-TEST \
		--start 2026-05-04 --end 2026-05-13'

check 'an existing project found through a trailing slash: refused (73)' '
	fresh &&
	new_project &&
	refuses 73 p flashcoop-init p/ --name "Other" --start 2026-06-01'

check 'leftovers of an init cut short are taken over' '
	fresh &&
	init p --name "Test" --start 2026-05-04 &&
	rm p/flashcoop.ini &&
	init p --name "Test" --start 2026-05-04 &&
	[ "$(cat p/ledger.csv)" = "$LEDGER" ] && flashcoop-enroll -C p --list'

check 'a foreign file in the folder: refused (73), nothing added' '
	fresh &&
	mkdir w && echo "my own ledger" >w/ledger.csv &&
	refuses 73 w flashcoop-init w --name "Test" --start 2026-05-04 &&
	[ "$(cat w/ledger.csv)" = "my own ledger" ]'

check 'no --name: usage (64), nothing created' '
	fresh &&
	refuses 64 p flashcoop-init p --start 2026-05-04'

check 'no --start: usage (64), nothing created' '
	fresh &&
	refuses 64 p flashcoop-init p --name "Test"'

check 'no folder: usage (64)' '
	fresh &&
	fails 64 flashcoop-init --name "Test" --start 2026-05-04'

check 'two folders: usage (64), nothing created' '
	fresh &&
	refuses 64 p flashcoop-init p q --name "Test" --start 2026-05-04 &&
	[ ! -e q ]'

check '--start 2026-02-30: bad data (65), nothing created' '
	fresh &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-02-30'

check '--end 2026-02-30: bad data (65), nothing created' '
	fresh &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-02-01 \
		--end 2026-02-30'

check 'dates not in YYYY-MM-DD: bad data (65)' '
	fresh &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-5-4 &&
	refuses 65 p flashcoop-init p --name "Test" --start 04/05/2026 &&
	refuses 65 p flashcoop-init p --name "Test" --start "2026-05-04x"'

check '--end before --start: bad data (65), nothing created' '
	fresh &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-05-04 \
		--end 2026-05-03'

check '--end with --days: usage (64), nothing created' '
	fresh &&
	refuses 64 p flashcoop-init p --name "Test" --start 2026-05-04 \
		--end 2026-05-10 --days 7'

check '--days 0: bad data (65), nothing created' '
	fresh &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-05-04 --days 0'

check '--days not a count: bad data (65)' '
	fresh &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-05-04 --days -3 &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-05-04 --days 7x &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-05-04 --days ""'

check '--id "a b": bad data (65), nothing created' '
	fresh &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-05-04 --id "a b"'

check '--id with a slash or a ";": bad data (65)' '
	fresh &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-05-04 --id "a/b" &&
	refuses 65 p flashcoop-init p --name "Test" --start 2026-05-04 --id "a;b"'

check 'a name with a newline: bad data (65), nothing created' '
	fresh &&
	refuses 65 p flashcoop-init p --name "$(printf "two\nlines")" \
		--start 2026-05-04'

check 'a name that is not UTF-8: bad data (65), nothing created' '
	fresh &&
	refuses 65 p flashcoop-init p --name "$(printf "caf\351")" \
		--start 2026-05-04'

check 'a host with a tab: bad data (65), nothing created' '
	fresh &&
	refuses 65 p flashcoop-init p --name "Test" --host "$(printf "a\tb")" \
		--start 2026-05-04'

check 'a nested folder refused: not even its parents are made' '
	fresh &&
	refuses 65 a flashcoop-init a/b/c --name "Test" --start 2026-02-30'

check 'an unknown option: usage (64), nothing created' '
	fresh &&
	refuses 64 p flashcoop-init p --name "Test" --start 2026-05-04 --colour red'

# ---- help and version ----

check '--help: usage on stdout, exit 0, nothing on stderr' '
	fresh &&
	flashcoop-init --help >out 2>err &&
	grep -q "^usage: flashcoop-init" out && [ ! -s err ] &&
	grep -q -- "--days" out && grep -q -- "--event" out'

check '-h is --help' '
	fresh &&
	flashcoop-init -h >out 2>err && grep -q "^usage: flashcoop-init" out &&
	[ ! -s err ]'

check '--version: on stdout, exit 0, nothing on stderr' '
	fresh &&
	flashcoop-init --version >out 2>err &&
	grep -q "^flashcoop-init .*[0-9]" out && [ ! -s err ]'

done_testing
