#!/bin/sh
# make demo: a seven-day cookie Flashcoop from the first command to the
# last, told as it goes, in a folder left for you to explore.
# FLASHCOOP_BIN names the built commands; DEMO_DIR where to put the project.
set -eu
PATH="${FLASHCOOP_BIN:?set FLASHCOOP_BIN to the folder of the commands}:$PATH"
base=${DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/flashcoop-demo.XXXXXX")}
demo=$base/cookies
say() { printf '\n== %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
quiet() { "$@" >/dev/null; }

say "Day 0 (Monday 4 May): the CAE creates the Flashcoop's folder"
run flashcoop-init "$demo" --name "Flashcoop Cookies Croix-Rousse" \
	--id FC-2026-LYON-01 --activity cookies --host "CAE Exemple" \
	--start 2026-05-04 --days 7 \
	--event "Marché de la Croix-Rousse, 2026-05-09"
cd "$demo"
say "The group settles its catalogue in flashcoop.ini"
cat >>flashcoop.ini <<'INI'
cookie         = 2.50, 5.5
cookie-choco   = 3.00, 5.5
sachet-6       = 12.00, 5.5
tote-bag       = 8.00, 20

; What the labels say of what the group bakes (flashcoop.ini(5))
[product cookie]
ingredients     = farine de *blé*, *beurre*, sucre, *œufs*, sel
allergens       = gluten, milk, eggs
net_quantity    = 40 g
shelf_life_days = 21
storage         = à conserver au sec, à l'abri de la chaleur

[product cookie-choco]
ingredients     = farine de *blé*, *beurre*, chocolat noir 25 %, sucre, *œufs*
allergens       = gluten, milk, eggs
net_quantity    = 45 g
shelf_life_days = 21
INI
sed -i '/^host /a host_address = 5 place Colbert, 69001 Lyon' flashcoop.ini
sed -n '/^\[products\]/,$p' flashcoop.ini

say "Day 1: eight participants sign their contract with the CAE (CAPE)"
n=0
while IFS=: read -r name gender year status referrer education qpv; do
	n=$((n + 1))
	id=$(flashcoop-enroll "$name" --contract "CAPE-2026-04$n" \
		--date 2026-05-04 --gender "$gender" --birth-year "$year" \
		--status "$status" --referrer "$referrer" \
		--education "$education" --qpv "$qpv")
	echo "$name -> $id"
done <<'PEOPLE'
Aïcha:F:2001:unemployed:Mission Locale:4:yes
Bruno:M:1998:RSA:France Travail:3:yes
Chloé:F:2004:student:Mission Locale:4:no
Djamel:M:1990:unemployed:France Travail:none:yes
Elsa:F:1985:RSA:CCAS:5:no
Fodé:M:2003:unemployed:Mission Locale:3:yes
Gaëlle:F:1979:unemployed:France Travail:none:no
Hugo:M:2006:student:Mission Locale:4:yes
PEOPLE

say "Days 1-7: the time sheet (hours per participant per day, and the role held)"
for day in 04 05 06 07 08 09 10; do
	for p in P001 P002 P003 P004 P005 P006 P007 P008; do
		[ "$p" = P008 ] && [ "$day" -ge 07 ] && continue
		h=6; [ "$day" = 09 ] && h=9.5; [ "$p" = P003 ] && h=5
		case $day:$p in
		09:P00[1-4]) role=sale ;; 09:*) role=stall ;;
		0[4-5]:*) role=brand ;; 10:P005) role=accounts ;;
		*) role=production ;;
		esac
		quiet flashcoop-record hours --participant $p --hours $h \
			--date 2026-05-$day --role $role
	done
done
echo "$(($(wc -l <hours.csv) - 1)) rows in hours.csv"

say "Day 3: Hugo (P008) found a job and leaves the group"
run flashcoop-enroll --withdraw P008 --date 2026-05-07 --reason "found a job"

say "Days 2-4: purchases, at two VAT rates"
run flashcoop-record charge --amount 86,40 --category ingredients --vat 5.5 \
	--payment card --date 2026-05-05 --ref "METRO-5521" --note "farine, beurre, sucre"
run flashcoop-record charge --amount 42.30 --category ingredients --vat 5.5 \
	--payment cash --date 2026-05-06 --ref "BIO-118" --note "chocolat, oeufs"
run flashcoop-record charge --amount 54.00 --category packaging --vat 20 \
	--vat-amount 9.00 --payment card --date 2026-05-06 --ref "EMB-2026-33" \
	--note "sachets kraft, étiquettes"
run flashcoop-record charge --amount 30.00 --category stand --vat 20 \
	--payment transfer --date 2026-05-08 --ref "MAIRIE-77" --note "emplacement du marché"

say "Days 4-5: baking; each batch is a lot, with the purchases that went into it"
run flashcoop-record lot --product cookie --qty 150 --date 2026-05-07 \
	--uses C00001,C00002
run flashcoop-record lot --product cookie-choco --qty 100 --date 2026-05-08 \
	--uses C00001,C00002,C00003
run flashcoop-record loss --product cookie --qty 6 --reason eaten --lot L00001 \
	--date 2026-05-08 --note "tasting"

say "Day 6 (Saturday 9 May): market day, one sale at a time"
say "(the chocolate cookies' box shows its lot: those sales name it, --lot)"
i=0
for pay in cash cash card cash cheque cash card cash cash card; do
	for product in cookie cookie-choco cookie sachet-6 cookie cookie-choco \
	               tote-bag cookie cookie-choco cookie; do
		i=$((i + 1))
		qty=$((i % 4 + 1))
		seller=P00$((i % 7 + 1))
		lot=
		[ $product != cookie-choco ] || lot="--lot L00002"
		quiet flashcoop-record sale --product $product --qty $qty \
			--payment $pay --by $seller $lot --date 2026-05-09
	done
done
echo "$i sales recorded"
say "A mistaken sale is voided (never edited): the last one was a test"
last=$(tail -n 1 ledger.csv | cut -d, -f1)
run flashcoop-record void "$last" --reason "test sale, entered by mistake"

say "Evening: the card terminal's export is imported in batch"
cat >card-export.csv <<'CSV'
kind,date,product,quantity,payment,ref,note
sale,2026-05-09,cookie,3,card,TPE-0001,
sale,2026-05-09,sachet-6,1,card,TPE-0002,
sale,2026-05-09,tote-bag,2,card,TPE-0003,
sale,2026-05-09,cookie-choco,4,card,TPE-0004,
CSV
run flashcoop-record --batch card-export.csv
say "The same export imported again by cron: nothing is recorded twice"
run flashcoop-record --batch card-export.csv

say "The cash drawer is counted"
run flashcoop-record count --amount 623,20 --date 2026-05-09 --note "Aïcha et Bruno"

say "The market day is closed at the stall (a signed daily closing, Z)"
run flashcoop-close --day 2026-05-09
run flashcoop-report z

say "Day 7: the takings go to the bank (the float stays in the drawer)"
run flashcoop-record deposit --amount 573,20 --date 2026-05-10 --ref "REMISE-1"
run flashcoop-record deposit --amount 98.00 --payment cheque --date 2026-05-10 \
	--ref "REMISE-CHQ-1"
run flashcoop-report cash

say "Anytime: the books are checked (silent when sound)"
run flashcoop-check -v

say "Figures so far"
run flashcoop-report summary

say "Day 7: the closing (bilan), the group is paid from the result"
run flashcoop-close --date 2026-05-10

say "Reports: sales per day and payment, the cash drawer, charges, hours"
run flashcoop-report sales --by day,payment
run flashcoop-report cash
run flashcoop-report charges
run flashcoop-report hours
say "The participants' attestations (flashcoop-report attestation -o attestations.html to print them), Aïcha's"
run flashcoop-report attestation --participant P001 --format text
say "For the CAE's payroll service: the pay variables (-o pay.csv writes them 0600)"
run flashcoop-report payroll --format csv
say "Later: the situation at exit, and six months after, for the funders"
run flashcoop-enroll --update P001 --exit-status employment --status-6-months employment
run flashcoop-enroll --update P002 --exit-status training --status-6-months employment
run flashcoop-enroll --update P004 --exit-status job-search --status-6-months training
run flashcoop-enroll --update P008 --exit-status employment
say "For the funders: never a name, and no count under 3"
run flashcoop-report funders
say "The same, as CSV for a spreadsheet"
run flashcoop-report summary --format csv

say "Production: what is left of each lot, at cost (sales naming no lot taken first in, first out: sold_fifo)"
run flashcoop-report stock --by lot
say "The lot's labels, an A4 sheet of 24 to print"
run flashcoop-report labels --lot L00001 -o "$base/labels-L00001.html"
say "The recall drill: the supplier recalls the flour of METRO-5521 (C00001)"
run flashcoop-report trace --charge C00001 | head -n 8

say "For the CAE's files: the whole week in one spreadsheet, a sheet per report"
run flashcoop-report workbook -o "$base/week.xlsx"

say "For the CAE's accountant: the trial balance and the income statement"
run flashcoop-report balance
run flashcoop-report income --with-closing
say "The FEC for the tax office (flashcoop-report entries > FEC.txt), its first lines"
flashcoop-report entries | head -n 4

printf '\nThe project is in %s: look at its files, or run flashcoop-report there.\n' "$demo"
