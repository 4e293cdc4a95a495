#!/bin/sh
# Production (issue 20): what a label says of a product, in the [product
# NAME] sections of flashcoop.ini (flashcoop.ini(5)): read by every
# command, an allergen outside the regulation's 14 refused with its line
# by flashcoop-check as by a writer, the project left as it was; then the
# lots and losses of production.csv (flashcoop-record(1),
# flashcoop-ledger(5)): recorded, voided, chained and verified.
. "$(dirname "$0")/lib.sh"

# described [DIR]: the catalogue project with its cookie described.
described() {
	catalogue_project "${1:-p}" &&
	cat >>"${1:-p}/flashcoop.ini" <<-'EOF'

	[product cookie]
	ingredients     = farine de *blé*, *beurre*, sucre, *œufs*, chocolat
	allergens       = gluten, lait, eggs
	net_quantity    = 200 g
	shelf_life_days = 30
	storage         = "au sec; à l'abri de la chaleur"
	EOF
}

check 'a described product: check is silent, a sale is recorded as before' '
	fresh && described &&
	exits 0 flashcoop-check p && [ ! -s "$T/.stdout" ] && [ ! -s "$T/.err" ] &&
	exits 0 rec sale --product cookie --qty 2 --date 2026-05-09 &&
	out "^S00001$" && exits 0 flashcoop-check p'

check 'an allergen outside the 14: check refuses it (65) with its line' '
	fresh && described &&
	sed "s/^allergens .*/allergens = gluten, arsenic/" p/flashcoop.ini >ini &&
	cat ini >p/flashcoop.ini &&
	line=$(grep -n "^allergens" p/flashcoop.ini | cut -d: -f1) &&
	exits 65 flashcoop-check p &&
	out "^p/flashcoop.ini:$line: allergen .arsenic. is not one of the 14" &&
	out "1169/2011"'

check 'a writer refuses the same, and writes nothing' '
	fresh && described &&
	printf "allergens = peanut butter\n" >>p/flashcoop.ini &&
	unchanged p rec sale --product cookie --qty 1 --date 2026-05-09 &&
	said "flashcoop.ini:[0-9]+: allergen .peanut butter. is not"'

check 'a section that names no product, an unknown key, a bad shelf life: 65' '
	fresh && described &&
	cp -R p q && printf "[product tarte]\nstorage = frais\n" >>q/flashcoop.ini &&
	exits 65 flashcoop-check q &&
	out "^q/flashcoop.ini:[0-9]+: \[product tarte\] describes no product" &&
	rm -rf q && cp -R p q && printf "weight = 2 kg\n" >>q/flashcoop.ini &&
	exits 65 flashcoop-check q && out "unknown key '"'"'weight'"'"'" &&
	rm -rf q && cp -R p q &&
	sed "s/^shelf_life_days .*/shelf_life_days = 08x/" p/flashcoop.ini >q/flashcoop.ini &&
	exits 65 flashcoop-check q && out "shelf_life_days '"'"'08x'"'"'" &&
	rm -rf q && cp -R p q &&
	sed "s/\*blé\*/*blé/" p/flashcoop.ini >q/flashcoop.ini &&
	exits 65 flashcoop-check q && out "no .\*. closes"'

check 'the section matches its product whatever the case' '
	fresh && described &&
	printf "\n[PRODUCT Biscuit-Apero]\nallergens = sésame\n" >>p/flashcoop.ini &&
	exits 0 flashcoop-check p'

# ---- lots and losses ----

# made [DIR]: the described project (a project from before production: no
# production.csv) with two charges on 2026-05-05: C00001 flour and
# butter, C00002 bags.
made() {
	described "${1:-p}" &&
	flashcoop-record -C "${1:-p}" charge --amount 20.00 --category ingredients \
		--vat 5.5 --date 2026-05-05 >/dev/null &&
	flashcoop-record -C "${1:-p}" charge --amount 6.00 --category packaging \
		--vat 20 --date 2026-05-05 >/dev/null
}

check 'a lot: L00001 on stdout, its lot number and best-before date on stderr; production.csv made' '
	fresh && made && [ ! -e p/production.csv ] &&
	exits 0 rec lot --product Cookie --qty 100 --date 2026-05-06 --uses C00001,C00002 &&
	out "^L00001$" &&
	same "flashcoop-record: lot FC-TEST-L00001, best before 2026-06-05" "$(cat "$T/.err")" &&
	same "id,date,kind,product,quantity,lot,uses,reason,ref,note,terminal,recorded_at,chain" \
		"$(sed -n 1p p/production.csv)" &&
	same "L00001,2026-05-06,lot,cookie,100,,C00001 C00002,,,,main" \
		"$(sed -n 2p p/production.csv | cut -d, -f1-11)" &&
	same 644 "$(stat -c %a p/production.csv)" &&
	exits 0 rec lot --product Biscuit-Apero --qty 20 --date 2026-05-06 &&
	out "^L00002$" && said "no best-before date" &&
	exits 0 flashcoop-check p && [ ! -s "$T/.stdout" ]'

check 'a loss: W00001, its reason and lot; void of a lot and of a loss (V ids over the files)' '
	fresh && made &&
	rec lot --product cookie --qty 100 --date 2026-05-06 --uses C00001 >/dev/null 2>&1 &&
	exits 0 rec loss --product cookie --qty 3 --reason eaten --lot L00001 --date 2026-05-08 &&
	out "^W00001$" &&
	same "W00001,2026-05-08,loss,cookie,3,L00001,,eaten,," \
		"$(sed -n 3p p/production.csv | cut -d, -f1-10)" &&
	rec sale --product cookie --qty 2 --date 2026-05-09 >/dev/null &&
	exits 0 rec void S00001 --reason typo && out "^V00001$" &&
	exits 0 rec void W00001 --reason "counted twice" && out "^V00002$" &&
	same "V00002,2026-05-08,void,cookie,3,L00001,,eaten,W00001,counted twice" \
		"$(tail -n 1 p/production.csv | cut -d, -f1-10)" &&
	fails 65 flashcoop-record -C p void W00001 --reason again && said "already voided" &&
	exits 0 flashcoop-check -v p && said "3 production rows"'

check 'refused: a reason outside the list, an unknown product, uses not a charge, a lot of another product or not there; nothing written' '
	fresh && made &&
	rec lot --product cookie --qty 10 --date 2026-05-06 >/dev/null 2>&1 &&
	refuses 65 p flashcoop-record -C p loss --product cookie --qty 1 --reason stolen --date 2026-05-08 &&
	said "stolen. is not a reason for a loss" &&
	refuses 65 p flashcoop-record -C p loss --product cookie --qty 1 --date 2026-05-08 --reason "" &&
	refuses 65 p flashcoop-record -C p lot --product tarte --qty 1 --date 2026-05-08 &&
	said "tarte. is not in the catalogue" &&
	refuses 65 p flashcoop-record -C p lot --product cookie --qty 0 --date 2026-05-08 &&
	refuses 65 p flashcoop-record -C p lot --product cookie --qty 1 --uses C00009 --date 2026-05-08 &&
	said "C00009 is no charge recorded before the lot" &&
	refuses 65 p flashcoop-record -C p lot --product cookie --qty 1 --uses S00001 --date 2026-05-08 &&
	refuses 65 p flashcoop-record -C p loss --product Biscuit-Apero --qty 1 --reason given --lot L00001 --date 2026-05-08 &&
	said "L00001 is a lot of another product" &&
	refuses 65 p flashcoop-record -C p loss --product cookie --qty 1 --reason given --lot L00007 --date 2026-05-08 &&
	said "L00007 is no lot recorded before the loss" &&
	refuses 65 p flashcoop-record -C p lot --product cookie --qty 1 --date 2026-06-30 &&
	fails 64 flashcoop-record -C p loss --product cookie --qty 1 --date 2026-05-08 &&
	said "loss needs --reason" &&
	fails 64 flashcoop-record -C p lot --product cookie --qty 1 --lot L00001 &&
	printf "kind,product,quantity,date\nlot,cookie,5,2026-05-06\n" >b.csv &&
	refuses 65 p flashcoop-record -C p --batch b.csv && said "not a kind of row here"'

check 'check: a lot naming a charge that is not there, a loss of another lot, a changed row' '
	fresh && made &&
	rec lot --product cookie --qty 10 --date 2026-05-06 --uses C00002 >/dev/null 2>&1 &&
	rec lot --product Biscuit-Apero --qty 5 --date 2026-05-06 >/dev/null 2>&1 &&
	rec loss --product cookie --qty 1 --reason broken --lot L00001 --date 2026-05-07 >/dev/null &&
	cp p/production.csv good.csv &&
	sed "2s/C00002/C00008/" good.csv >p/production.csv &&
	exits 65 flashcoop-check p &&
	out "^p/production.csv:2: the chain of terminal main breaks at L00001" &&
	out "^p/production.csv:2: column .uses.: C00008 is no charge recorded before the lot" &&
	sed "4s/L00001/L00002/" good.csv >p/production.csv &&
	exits 65 flashcoop-check p &&
	out "^p/production.csv:4: column .lot.: L00002 is a lot of another product" &&
	sed "4s/,broken,/,stolen,/" good.csv >p/production.csv &&
	exits 65 flashcoop-check p &&
	out "^p/production.csv:4: column .reason.: .stolen. is not a reason" &&
	cp good.csv p/production.csv && exits 0 flashcoop-check p'

check 'production rows are not money: the statement, the sales and the books are as without them' '
	fresh && made &&
	flashcoop-report -C p summary --format csv >before.csv &&
	flashcoop-report -C p entries --format csv >before.fec &&
	rec lot --product cookie --qty 10 --date 2026-05-06 --uses C00001 >/dev/null 2>&1 &&
	rec loss --product cookie --qty 2 --reason given --date 2026-05-07 >/dev/null &&
	flashcoop-report -C p summary --format csv >after.csv &&
	flashcoop-report -C p entries --format csv >after.fec &&
	cmp before.csv after.csv && cmp before.fec after.fec'

check 'the closing seals and archives production.csv; a row changed after it is named' '
	fresh && made &&
	rec lot --product cookie --qty 10 --date 2026-05-06 >/dev/null 2>&1 &&
	flashcoop-enroll -C p Zoé --contract CAPE-9 --date 2026-05-04 >/dev/null &&
	rec hours --participant P003 --hours 2 --date 2026-05-06 >/dev/null &&
	rec count --amount 50.00 --date 2026-05-06 >/dev/null &&
	flashcoop-close -C p --date 2026-05-13 >/dev/null 2>&1 &&
	grep -q "^production.csv *= *[0-9a-f]\{64\}" p/closing.ini &&
	grep -q "^production.main *= *[0-9a-f]\{64\}" p/closing.ini &&
	tar -tf p/FC-TEST-2026-05-13.tar | grep -q "/production.csv$" &&
	exits 0 flashcoop-check --archive p/FC-TEST-2026-05-13.tar &&
	sed -i "2s/,10,/,11,/" p/production.csv &&
	exits 65 flashcoop-check p && out "production.csv: changed after the closing" &&
	refuses 77 p flashcoop-record -C p lot --product cookie --qty 1 --date 2026-05-07'

# ---- the stock ----
#
# Worked by hand.  C00001 21.10 at 5.5 % (20.00 before VAT), C00002 12.00
# at 20 % (10.00).  L00001 05-06 100 cookies using both, L00002 05-07 50
# using C00001: C00001 shared between the two lots (10.00 each), so L00001
# costs 20.00 and L00002 10.00.  W00001 5 eaten from L00001; W00002 2
# broken, no lot.  Sales 90 + 10, and 4 voided: 100 sold.  First in, first
# out: L00001 has 100 - 5 = 95 to sell, all sold; L00002 gives the other 5
# and the 2 broken: 43 left, worth 10.00 x 43 / 50 = 8.60.
stocked() {
	described p &&
	(cd p &&
	flashcoop-record charge --amount 21.10 --category ingredients --vat 5.5 --date 2026-05-05 &&
	flashcoop-record charge --amount 12.00 --category packaging --vat 20 --date 2026-05-05 &&
	flashcoop-record lot --product cookie --qty 100 --date 2026-05-06 --uses C00001,C00002 &&
	flashcoop-record lot --product cookie --qty 50 --date 2026-05-07 --uses C00001 &&
	flashcoop-record loss --product cookie --qty 5 --reason eaten --lot L00001 --date 2026-05-08 &&
	flashcoop-record loss --product cookie --qty 2 --reason broken --date 2026-05-09 &&
	flashcoop-record sale --product cookie --qty 90 --date 2026-05-09 &&
	flashcoop-record sale --product cookie --qty 10 --date 2026-05-09 --payment card &&
	flashcoop-record sale --product cookie --qty 4 --date 2026-05-09 &&
	flashcoop-record void S00003 --reason "typed twice") >/dev/null 2>&1
}

check 'stock by product: made, sold (voids out), lost (with and without a lot), left, value at cost' '
	fresh && stocked &&
	flashcoop-report -C p stock --format csv >got &&
	same "project,product,made,sold,sold_fifo,lost,left,value_left
FC-TEST,cookie,150,100,100,7,43,8.60
FC-TEST,biscuit-apero,0,0,0,0,0,
FC-TEST,sac-vrac,0,0,0,0,0,
total,,150,100,100,7,43,8.60" "$(cat got)"'

check 'stock by lot: first in, first out; a voided lot is gone; best-before from the shelf life' '
	fresh && stocked &&
	flashcoop-report -C p stock --by lot --format csv >got &&
	same "project,lot,product,made_on,best_before,made,sold,sold_fifo,lost,left,value_left
FC-TEST,L00001,cookie,2026-05-06,2026-06-05,100,95,95,5,0,0.00
FC-TEST,L00002,cookie,2026-05-07,2026-06-06,50,5,5,2,43,8.60
total,,,,,150,100,100,7,43,8.60" "$(cat got)" &&
	rec void L00002 --reason "never made" >/dev/null &&
	flashcoop-report -C p stock --by lot --format csv >got &&
	same "project,lot,product,made_on,best_before,made,sold,sold_fifo,lost,left,value_left
FC-TEST,L00001,cookie,2026-05-06,2026-06-05,100,95,95,5,0,0.00
total,,,,,100,95,95,5,0,0.00" "$(cat got)" &&
	flashcoop-report -C p stock --format csv | grep -q "^FC-TEST,cookie,100,100,100,7,-7,0.00$"'

check 'check: more sold than made is a warning (exit 0), not a refusal; a product never made says nothing' '
	fresh && stocked &&
	exits 0 flashcoop-check p && lacks "$T/.err" "sold or lost" &&
	rec void L00002 --reason "never made" >/dev/null &&
	exits 0 flashcoop-check p && [ ! -s "$T/.stdout" ] &&
	said "production.csv: warning: 107 of cookie sold or lost, 100 made: a lot is not recorded" &&
	exits 0 rec sale --product cookie --qty 1 --date 2026-05-09 &&
	rec sale --product Biscuit-Apero --qty 3 --date 2026-05-09 >/dev/null &&
	exits 0 flashcoop-check p && lacks "$T/.err" "biscuit"'

check 'stock: a project from before production; json; --by refused beyond product and lot' '
	fresh && catalogue_project &&
	flashcoop-report -C p stock --format csv >got &&
	same "FC-TEST,cookie,0,0,0,0,0," "$(sed -n 2p got)" &&
	flashcoop-report -C p stock --format json | grep -q "\"made\":0" &&
	fails 64 flashcoop-report -C p stock --by day'

# ---- sales that name their lot ----
#
# The stocked week, and S00004 8 cookies naming L00002 (05-08), S00005 3
# naming L00001, voided.  A sale naming its lot is that lot's first:
# L00002 sold 8.  Then first in, first out: S00001 90 from L00001 (95 to
# sell), S00002 10 as 5 from L00001 and 5 from L00002 (42 left to sell),
# then the 2 broken from L00002.  L00001: 100 made, 95 sold (95 first in,
# first out), 5 lost, 0 left.  L00002: 50 made, 13 sold (5 of them first
# in, first out), 2 lost, 35 left, worth 10.00 x 35 / 50 = 7.00.
named() {
	stocked &&
	(cd p &&
	flashcoop-record sale --product cookie --qty 8 --lot L00002 --date 2026-05-08 &&
	flashcoop-record sale --product cookie --qty 3 --lot L00001 --date 2026-05-09 &&
	flashcoop-record void S00005 --reason "wrong lot") >/dev/null 2>&1
}

check 'a sale names its lot: ledger.csv keeps it, the void repeats it' '
	fresh && named &&
	same "S00004,2026-05-08,sale,cookie,8,2.50,20.00,5.5,,cash,,,,,L00002" "$(plain p/ledger.csv | grep ^S00004)" &&
	plain p/ledger.csv | grep -q "^V00002,2026-05-09,void,cookie,3,.*,S00005,wrong lot,,L00001$" &&
	exits 0 flashcoop-check p && [ ! -s "$T/.stdout" ]'

check 'stock: a sale naming its lot is that lot'"'"'s, the others first in, first out (sold_fifo), the voided sale out' '
	fresh && named &&
	flashcoop-report -C p stock --by lot --format csv >got &&
	same "project,lot,product,made_on,best_before,made,sold,sold_fifo,lost,left,value_left
FC-TEST,L00001,cookie,2026-05-06,2026-06-05,100,95,95,5,0,0.00
FC-TEST,L00002,cookie,2026-05-07,2026-06-06,50,13,5,2,35,7.00
total,,,,,150,108,100,7,35,7.00" "$(cat got)" &&
	flashcoop-report -C p stock --format csv >got &&
	same "FC-TEST,cookie,150,108,100,7,35,7.00" "$(sed -n 2p got)"'

check 'trace --lot: the sale naming the lot says so, before those first in, first out took' '
	fresh && named &&
	flashcoop-report -C p trace --lot L00002 --format csv >got &&
	same "project,lot,kind,id,date,product,quantity,amount,payment,note
FC-TEST,L00002,lot,L00002,2026-05-07,cookie,50,10.00,,cost before VAT
FC-TEST,L00002,charge,C00001,2026-05-05,,,21.10,,ingredients
FC-TEST,L00002,sale,S00004,2026-05-08,cookie,8,,cash,named by the sale
FC-TEST,L00002,sale,S00002,2026-05-09,cookie,5,,card,first in, first out" "$(tr -d "\"" <got)"'

check 'a batch names lots in a column lot; a lot not there or of another product refused, nothing written' '
	fresh && stocked &&
	printf "kind,product,quantity,lot,date\nsale,cookie,2,L00002,2026-05-09\nsale,cookie,1,,2026-05-09\n" >b.csv &&
	flashcoop-record -C p --batch b.csv >out && same "S00004 S00005" "$(tr "\n" " " <out | sed "s/ $//")" &&
	plain p/ledger.csv | grep -q "^S00004,.*,L00002$" &&
	printf "kind,product,quantity,lot,date\nsale,cookie,1,,2026-05-09\nsale,cookie,2,L00009,2026-05-09\n" >b.csv &&
	unchanged p flashcoop-record -C p --batch b.csv &&
	said "b.csv:3: column .lot.: L00009 is no lot recorded in production.csv" &&
	printf "kind,product,quantity,lot,date\nsale,Biscuit-Apero,2,L00001,2026-05-09\n" >b.csv &&
	unchanged p flashcoop-record -C p --batch b.csv &&
	said "b.csv:2: column .lot.: L00001 is a lot of another product" &&
	printf "kind,ref,note,lot\nvoid,S00004,x,L00002\n" >b.csv &&
	unchanged p flashcoop-record -C p --batch b.csv &&
	said "b.csv:2: column .lot.: a void repeats the lot"'

check 'refused: --lot not a lot id, not there, of another product, on a charge; nothing written' '
	fresh && stocked &&
	unchanged p rec sale --product cookie --qty 1 --lot X1 --date 2026-05-09 &&
	said "--lot .X1. is not a lot id like L00001" &&
	unchanged p rec sale --product cookie --qty 1 --lot L00007 --date 2026-05-09 &&
	said "--lot L00007 is no lot recorded in production.csv" &&
	unchanged p rec sale --product Biscuit-Apero --qty 1 --lot L00001 --date 2026-05-09 &&
	said "--lot L00001 is a lot of another product" &&
	fails 64 flashcoop-record -C p charge --amount 3 --category stand --lot L00001'

check 'check: a sale of the ledger naming a lot not there, or of another product, is named with its line' '
	fresh && named &&
	sed "s/,L00002,main,/,L00009,main,/" p/ledger.csv >l && cat l >p/ledger.csv && rechain p &&
	line=$(grep -n "^S00004," p/ledger.csv | cut -d: -f1) &&
	exits 65 flashcoop-check p &&
	out "^p/ledger.csv:$line: column .lot.: L00009 is no lot recorded in production.csv" &&
	sed "s/^S00004,\(.*\),cookie,8,2.50,20.00,/S00004,\1,biscuit-apero,8,3.00,24.00,/; s/,L00009,main,/,L00002,main,/" p/ledger.csv >l &&
	cat l >p/ledger.csv && rechain p &&
	exits 65 flashcoop-check p &&
	out "^p/ledger.csv:$line: column .lot.: L00002 is a lot of another product"'

check 'a lot of the right product, but voided or made after the day: a new sale or loss refused, nothing written' '
	fresh && named &&
	unchanged p rec sale --product cookie --qty 1 --lot L00002 --date 2026-05-06 &&
	said "^flashcoop-record: --lot L00002 was made on 2026-05-07, after the date of the sale \(2026-05-06\)$" &&
	unchanged p rec loss --product cookie --qty 1 --reason broken --lot L00002 --date 2026-05-06 &&
	said "--lot L00002 was made on 2026-05-07, after the date of the loss" &&
	rec void L00002 --reason "never baked" >/dev/null &&
	unchanged p rec sale --product cookie --qty 1 --lot L00002 --date 2026-05-09 &&
	said "--lot L00002 is a voided lot" &&
	unchanged p rec loss --product cookie --qty 1 --reason broken --lot L00002 --date 2026-05-09 &&
	said "--lot L00002 is a voided lot"'

check 'check: a lot voided after the sales naming it is a warning (exit 0); a sale dated before its lot, a problem at the earliest' '
	fresh && named &&
	rec void L00002 --reason "never baked" >/dev/null &&
	exits 0 flashcoop-check p &&
	line=$(grep -n "^S00004," p/ledger.csv | cut -d: -f1) &&
	said "^p/ledger.csv:$line: warning: column .lot.: L00002 was voided: the sales naming it are taken first in, first out$" &&
	mkdir again && cd again && named &&
	sed "s/^S00004,2026-05-08,/S00004,2026-05-06,/" p/ledger.csv >l && cat l >p/ledger.csv && rechain p &&
	exits 65 flashcoop-check p &&
	out "^p/ledger.csv:$line: column .lot.: L00002 was made on 2026-05-07, after this row.s date \(2026-05-06\)$"'

check 'a ledger from before the production (no lot column): a sale names no lot there, is recorded without' '
	fresh && described &&
	sed "1s/,vat_amount,lot,/,vat_amount,/" p/ledger.csv >l && cat l >p/ledger.csv &&
	exits 0 flashcoop-check p &&
	rec lot --product cookie --qty 10 --date 2026-05-06 >/dev/null 2>&1 &&
	unchanged p rec sale --product cookie --qty 1 --lot L00001 --date 2026-05-09 &&
	said "ledger.csv has no lot column" &&
	exits 0 rec sale --product cookie --qty 1 --date 2026-05-09 && exits 0 flashcoop-check p'

# Found in review: a batch counted the V ids of ledger.csv and hours.csv
# only, so its void after a void in production.csv took the same id.
check 'a void in a batch after a void of a lot: the next V id of the three files' '
	fresh && described &&
	rec lot --product cookie --qty 5 --date 2026-05-05 >/dev/null 2>&1 &&
	rec void L00001 --reason x >/dev/null &&
	rec sale --product cookie --qty 1 --date 2026-05-05 >/dev/null &&
	printf "kind,ref,note\nvoid,S00001,x\n" >b.csv &&
	same V00002 "$(flashcoop-record -C p --batch b.csv)" &&
	exits 0 flashcoop-check p'

# ---- the trace (the recall drill) ----
#
# The stocked week and a third charge, C00003, that no lot used.  Sales
# taken first in, first out (all on 05-09, in the order recorded): S00001
# 90 from L00001, S00002 10 as 5 from L00001 (its last 95 - 90) and 5
# from L00002.

check 'trace --lot: the lot and its cost, the charges it used, the sales taken from it' '
	fresh && stocked &&
	rec charge --amount 3.00 --category stand --date 2026-05-08 >/dev/null &&
	flashcoop-report -C p trace --lot L00002 --format csv >got &&
	same "project,lot,kind,id,date,product,quantity,amount,payment,note
FC-TEST,L00002,lot,L00002,2026-05-07,cookie,50,10.00,,cost before VAT
FC-TEST,L00002,charge,C00001,2026-05-05,,,21.10,,ingredients
FC-TEST,L00002,sale,S00002,2026-05-09,cookie,5,,card,first in, first out" "$(tr -d "\"" <got)"'

check 'trace --charge: the charge, each lot that used it, their sales and losses' '
	fresh && stocked &&
	rec charge --amount 3.00 --category stand --date 2026-05-08 >/dev/null &&
	flashcoop-report -C p trace --charge C00001 --format csv >got &&
	same "project,lot,kind,id,date,product,quantity,amount,payment,note
FC-TEST,,charge,C00001,2026-05-05,,,21.10,,ingredients
FC-TEST,L00001,lot,L00001,2026-05-06,cookie,100,20.00,,cost before VAT
FC-TEST,L00001,sale,S00001,2026-05-09,cookie,90,,cash,first in, first out
FC-TEST,L00001,sale,S00002,2026-05-09,cookie,5,,card,first in, first out
FC-TEST,L00001,loss,W00001,2026-05-08,cookie,5,,,eaten
FC-TEST,L00002,lot,L00002,2026-05-07,cookie,50,10.00,,cost before VAT
FC-TEST,L00002,sale,S00002,2026-05-09,cookie,5,,card,first in, first out" "$(tr -d "\"" <got)" &&
	flashcoop-report -C p trace --charge C00003 --format csv >got &&
	same 2 "$(wc -l <got)" && grep -q "^FC-TEST,,charge,C00003," got &&
	flashcoop-report -C p trace --lot L00001 --format json | grep -q "\"quantity\":90" &&
	flashcoop-report -C p trace --lot L00001 >text && holds text "first in, first out"'

check 'trace refused: neither or both of --lot and --charge, one not there, --charge elsewhere' '
	fresh && stocked &&
	fails 64 flashcoop-report -C p trace &&
	fails 64 flashcoop-report -C p trace --lot L00001 --charge C00001 &&
	fails 65 flashcoop-report -C p trace --lot L00009 && said "no lot L00009" &&
	fails 65 flashcoop-report -C p trace --charge C00009 && said "no charge C00009" &&
	fails 64 flashcoop-report -C p stock --charge C00001'

# ---- labels ----

NBSP=$(printf '\302\240')        # no-break space, before a colon

# labelled: the stocked project, its cookie with two allergens, a text
# that must be escaped, the CAE's name and address.
labelled() {
	stocked &&
	sed -i "s/^ingredients .*/ingredients = farine de *blé*, *beurre*, sucre <bio> \& sel/" \
		p/flashcoop.ini &&
	sed -i "s/^host .*/host = CAE <Exemple> \& Co/" p/flashcoop.ini &&
	sed -i "/^host /a host_address = 12 rue des Fleurs, 69004 Lyon" p/flashcoop.ini
}

check 'labels: 24 on the sheet, allergens bold, every text escaped, the lot number, best before, price, producer' '
	fresh && labelled &&
	exits 0 flashcoop-report -C p labels --lot L00001 -o labels.html &&
	[ ! -s "$T/.stdout" ] && [ ! -s "$T/.err" ] &&
	same 24 "$(grep -c "<div class=\"label\">" labels.html)" &&
	same 24 "$(grep -c "<p>Ingrédients${NBSP}: farine de <b>blé</b>, <b>beurre</b>, sucre &lt;bio&gt; &amp; sel</p>" labels.html)" &&
	same 24 "$(grep -c "<p>Lot${NBSP}: FC-TEST-L00001</p>" labels.html)" &&
	same 24 "$(grep -c "<p>À consommer de préférence avant le${NBSP}: 05/06/2026</p>" labels.html)" &&
	same 24 "$(grep -c "<p>Poids net${NBSP}: 200 g</p>" labels.html)" &&
	same 24 "$(grep -c "<p class=\"price\">2,50${NBSP}€</p>" labels.html)" &&
	same 24 "$(grep -c "<p>Fabriqué par CAE &lt;Exemple&gt; &amp; Co, 12 rue des Fleurs, 69004 Lyon</p>" labels.html)" &&
	lacks labels.html "<bio>" && lacks labels.html "http" &&
	flashcoop-report -C p labels --lot L00001 >again.html && cmp labels.html again.html'

check 'labels refused: no --lot, a lot not there or voided, --lot elsewhere, two folders, another format' '
	fresh && labelled &&
	fails 64 flashcoop-report -C p labels &&
	fails 65 flashcoop-report -C p labels --lot L00009 && said "no lot L00009" &&
	rec void L00002 --reason "never made" >/dev/null &&
	fails 65 flashcoop-report -C p labels --lot L00002 && said "voided" &&
	fails 64 flashcoop-report -C p sales --lot L00001 &&
	fails 64 flashcoop-report labels --lot L00001 p p &&
	fails 64 flashcoop-report -C p labels --lot L00001 --format pdf'

if [ -x /usr/bin/chromium ]; then
	check 'Chromium prints the labels on one A4 page; the text has the allergens and the date' '
		fresh && labelled &&
		flashcoop-report -C p labels --lot L00001 -o "$T/labels.html" &&
		render "$T/labels.html" && same 1 "$(pdf_pages "$T/out.pdf")" &&
		if command -v pdfinfo >/dev/null 2>&1; then
			pdfinfo "$T/out.pdf" | grep -q "^Page size:.*(A4)" || exit 1
		fi &&
		if command -v pdftotext >/dev/null 2>&1; then
			pdftotext "$T/out.pdf" - | tr -s " \n\f" "   " >"$T/out.txt" &&
			same 24 "$(grep -o "FC-TEST-L00001" "$T/out.txt" | wc -l)" &&
			holds "$T/out.txt" "sucre <bio> & sel" &&
			holds "$T/out.txt" "05/06/2026"
		fi'
else
	skip 'Chromium prints the labels' 'no /usr/bin/chromium'
fi

done_testing
