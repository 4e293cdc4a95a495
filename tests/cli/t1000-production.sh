#!/bin/sh
# Production (issue 20), first part: what a label says of a product, in
# the [product NAME] sections of flashcoop.ini (flashcoop.ini(5)): read by
# every command, an allergen outside the regulation's 14 refused with its
# line by flashcoop-check as by a writer, the project left as it was.
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

done_testing
