#!/bin/sh
# make demo: a Flashcoop from the first command to the last, in a folder
# that stays for you to explore.  FLASHCOOP_BIN names the built commands.
set -eu
PATH="${FLASHCOOP_BIN:?}:$PATH"
demo=${DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/flashcoop-demo.XXXXXX")}/cookies
say() { printf '\n== %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

say "Day 0: the CAE creates the Flashcoop folder"
run flashcoop-init "$demo" --name "Flashcoop Cookies Croix-Rousse" \
	--id FC-2026-LYON-01 --activity cookies --host "CAE Exemple" \
	--start 2026-05-04 --end 2026-05-13 \
	--event "Marché de la Croix-Rousse, 2026-05-09"
cd "$demo"

say "Day 1: eight participants sign their contract (CAPE)"
for who in "Ada:F:2001:unemployed:Mission Locale" \
           "Bruno:M:1998:RSA:France Travail" \
           "Chloé:F:2004:student:Mission Locale" \
           "Djamel:M:1990:unemployed:France Travail" \
           "Elsa:F:1985:RSA:CCAS" \
           "Fodé:M:2003:unemployed:Mission Locale" \
           "Gaëlle:F:1979:unemployed:France Travail" \
           "Hugo:M:2006:student:Mission Locale"; do
	IFS=: read -r name gender year status referrer <<EOT
$who
EOT
	n=$((n = ${n:-0} + 1))
	id=$(flashcoop-enroll "$name" --contract "CAPE-2026-0$n" \
		--date 2026-05-04 --gender "$gender" --birth-year "$year" \
		--status "$status" --referrer "$referrer")
	echo "$name -> $id"
done

say "Day 3: one participant leaves the group"
run flashcoop-enroll --withdraw P008 --date 2026-05-06 --reason "found a job"

say "The participants"
run flashcoop-enroll --list

printf '\nThe project is in %s\n' "$demo"
