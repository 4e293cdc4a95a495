#!/bin/sh
# Translations: each command's messages in French under a French locale
# and in English under C; --help in French; text reports write amounts
# the French way (1 234,56 €) or the English way (1,234.56); CSV, JSON,
# the journals, the files written and flashcoop-check never change with
# the locale; amounts are read as 12.50 or 12,50 whatever the locale.
#
# The French messages need the fr_FR.UTF-8 locale (locale -a) and the
# catalogue built by make ($FLASHCOOP_LOCALEDIR, set by make cli): without
# them those checks are skipped with a note.  The number and byte-for-byte
# checks need neither: amounts follow $LC_ALL/$LC_NUMERIC/$LANG alone.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

FR=fr_FR.UTF-8
EN=C.UTF-8

# ---- can we check the French messages? ----

french=yes
if [ -z "${FLASHCOOP_LOCALEDIR:-}" ]; then
	echo "# FLASHCOOP_LOCALEDIR is not set (make cli sets it):" \
		"the French messages are not checked"
	french=
elif [ ! -f "$FLASHCOOP_LOCALEDIR/fr/LC_MESSAGES/flashcoop.mo" ]; then
	echo "# no $FLASHCOOP_LOCALEDIR/fr/LC_MESSAGES/flashcoop.mo (make builds" \
		"it from po/fr.po): the French messages are not checked"
	french=
elif ! locale -a 2>/dev/null | grep -qixE 'fr_FR\.utf-?8'; then
	echo "# the fr_FR.UTF-8 locale is not available (locale -a): the French" \
		"messages are not checked; generate it (Debian: apt-get install" \
		"locales, then uncomment fr_FR.UTF-8 in /etc/locale.gen and run" \
		"locale-gen)"
	french=
fi

# French PATTERN... / English PATTERN...: checks that need the French
# catalogue are declared with fcheck, which skips them (with a note)
# when it is missing.
nskipped=0
fcheck() {
	if [ -n "$french" ]; then
		check "$@"
	else
		nskipped=$((nskipped + 1))
	fi
}

# fr CMD..., en CMD...: CMD under the French or the English locale.
fr() { env LC_ALL=$FR "$@"; }
en() { env LC_ALL=$EN "$@"; }

# Bytes, spelled out so that this file stays ASCII: the narrow no-break
# space U+202F between thousands, the no-break space U+00A0 before the
# euro sign U+20AC, and before a colon in French messages.
NNBSP=$(printf '\342\200\257')
NBSP=$(printf '\302\240')
EURO=$(printf '\342\202\254')
LQ=$(printf '\302\253')$NBSP     # << and a no-break space
RQ=$NBSP$(printf '\302\273')     # a no-break space and >>

# says LOCALE CODE TEXT NOT command...: under LOCALE, the command exits
# CODE, prints nothing on stdout, and its stderr starts with the
# command's name, holds TEXT and does not hold NOT (the other language).
says() {
	sl=$1 scode=$2 stext=$3 snot=$4
	shift 4
	env LC_ALL="$sl" "$@" >"$T/.stdout" 2>"$T/.err"
	sgot=$?
	if [ "$sgot" != "$scode" ]; then
		echo "expected exit $scode, got $sgot: LC_ALL=$sl $*"
		cat "$T/.err"
		return 1
	fi
	if [ -s "$T/.stdout" ]; then
		echo "stdout is not empty: LC_ALL=$sl $*"
		cat "$T/.stdout"
		return 1
	fi
	case $(head -n 1 "$T/.err") in
	"${1##*/}: "?*) ;;
	*)	echo "stderr does not start with '${1##*/}: ': LC_ALL=$sl $*"
		cat "$T/.err"
		return 1 ;;
	esac
	if ! grep -qF -- "$stext" "$T/.err"; then
		echo "stderr does not say '$stext': LC_ALL=$sl $*"
		cat "$T/.err"
		return 1
	fi
	if grep -qF -- "$snot" "$T/.err"; then
		echo "stderr says '$snot' (the other language): LC_ALL=$sl $*"
		cat "$T/.err"
		return 1
	fi
}

# same_bytes A B: the files are byte for byte the same, or show the diff.
same_bytes() {
	cmp -s "$1" "$2" && return 0
	echo "$1 and $2 differ:"
	diff -u "$1" "$2" | head -n 40
	return 1
}

# ---- a project with an amount above 1,000 (set up in English) ----

flashcoop-init p --name "Test Flashcoop" --id FC-TEST \
	--start 2026-05-04 --end 2026-05-13 >/dev/null
flashcoop-enroll -C p "Ada Lovelace" --contract CAPE-1 --date 2026-05-04 \
	--gender F --birth-year 2001 --status unemployed --referrer "Mission Locale" >/dev/null
flashcoop-enroll -C p "Alan Turing" --contract CAPE-2 --date 2026-05-04 >/dev/null
flashcoop-record -C p sale --product gateau --qty 1 --price 1234.56 --vat 5.5 \
	--payment card --by P001 --date 2026-05-05 >/dev/null
flashcoop-record -C p sale --product cookie --qty 4 --price 2.50 --vat 20 \
	--payment card --date 2026-05-06 >/dev/null
flashcoop-record -C p charge --amount 100.00 --vat 20 --category ingredients \
	--date 2026-05-05 >/dev/null
flashcoop-record -C p hours --participant P001 --hours 7.5 --date 2026-05-05 >/dev/null
flashcoop-record -C p hours --participant P002 --hours 6 --date 2026-05-06 >/dev/null
check 'the project for these checks is sound' 'flashcoop-check p'

# ---- each command's error path, in French and in English ----

# init: a date that is not one (a library message, through cli_bad_value).
fcheck 'flashcoop-init: a bad --start in French' '
	says $FR 65 "n'"'"'est pas une date (AAAA-MM-JJ)" "is not a date" \
		flashcoop-init q --name N --start 2026-13-01 &&
	holds "$T/.err" "--start ${LQ}2026-13-01${RQ}" && [ ! -e q ]'
check 'flashcoop-init: a bad --start in English' '
	says $EN 65 "is not a date (YYYY-MM-DD)" "n'"'"'est pas" \
		flashcoop-init q --name N --start 2026-13-01 && [ ! -e q ]'

# enroll: a usage error, and the hint that follows it.
fcheck 'flashcoop-enroll: no --contract in French, and the --help hint' '
	says $FR 64 "--contract est obligatoire" "is required" \
		flashcoop-enroll -C p "Grace Hopper" &&
	holds "$T/.err" "Voir ${LQ}flashcoop-enroll --help${RQ}."'
check 'flashcoop-enroll: no --contract in English, and the --help hint' '
	says $EN 64 "--contract is required" "obligatoire" \
		flashcoop-enroll -C p "Grace Hopper" &&
	holds "$T/.err" "Try '"'"'flashcoop-enroll --help'"'"'."'

# record: an amount with three decimals (entry.c bad()).
fcheck 'flashcoop-record: a bad amount in French' '
	says $FR 65 "n'"'"'est pas un montant comme 12,50" "is not an amount" \
		flashcoop-record -C p charge --amount 12,505 --category stand \
		--date 2026-05-05 &&
	holds "$T/.err" "--amount ${LQ}12,505${RQ}"'
check 'flashcoop-record: a bad amount in English' '
	says $EN 65 "is not an amount like 12.50" "montant" \
		flashcoop-record -C p charge --amount 12,505 --category stand \
		--date 2026-05-05'

# close: a closing date before the start (close.c fc_fail).
fcheck 'flashcoop-close: a closing date before the start, in French' '
	says $FR 65 "la date de cl" "comes before" \
		flashcoop-close -C p --date 2026-01-01 &&
	holds "$T/.err" "2026-01-01 pr" && [ ! -e p/closing.ini ]'
check 'flashcoop-close: a closing date before the start, in English' '
	says $EN 65 "closing date 2026-01-01 comes before the project'"'"'s start" "date de" \
		flashcoop-close -C p --date 2026-01-01 && [ ! -e p/closing.ini ]'

# check: a folder that holds no project (project.c fc_fail).
mkdir empty
fcheck 'flashcoop-check: no project in French' '
	says $FR 66 "pas un projet flashcoop" "not a flashcoop project" \
		flashcoop-check empty'
check 'flashcoop-check: no project in English' '
	says $EN 66 "not a flashcoop project" "pas un projet" flashcoop-check empty'

# report: a usage error.
fcheck 'flashcoop-report: a bad --format in French' '
	says $FR 64 "--format vaut text, csv, json ou xlsx, pas ${LQ}xml${RQ}" "--format is" \
		flashcoop-report -C p --format xml &&
	holds "$T/.err" "Voir ${LQ}flashcoop-report --help${RQ}."'
check 'flashcoop-report: a bad --format in English' '
	says $EN 64 "--format is text, csv, json or xlsx, not '"'"'xml'"'"'" "vaut" \
		flashcoop-report -C p --format xml'

# A message of a file, with its file:line (check.c problem() and
# entry.c bad()): the location stays as it is, the words change.
cp -R p bad && adopt bad
chained bad/ledger.csv 'S00003,2026-05-06,sale,cookie,1,2.50,abc,5.5,,card,,,' >>bad/ledger.csv
fcheck 'flashcoop-check: a bad row, in French, at the same file:line' '
	fr flashcoop-check bad >fr.out 2>fr.err; [ $? = 65 ] &&
	en flashcoop-check bad >en.out 2>en.err; [ $? = 65 ] &&
	holds fr.out "bad/ledger.csv:5: colonne ${LQ}amount${RQ}${NBSP}: ${LQ}abc${RQ} n'"'"'est pas un montant" &&
	holds en.out "bad/ledger.csv:5: column '"'"'amount'"'"': '"'"'abc'"'"' is not an amount" &&
	cut -d: -f1,2 fr.out >fr.where && cut -d: -f1,2 en.out >en.where &&
	same_bytes fr.where en.where'

# LANG alone chooses the language too (no LC_ALL, no LC_MESSAGES).
fcheck 'LANG=fr_FR.UTF-8 alone gives French messages' '
	env -u LC_ALL -u LC_MESSAGES LANG=$FR flashcoop-report -C p --format xml \
		>/dev/null 2>"$T/.err"; [ $? = 64 ] &&
	holds "$T/.err" "--format vaut"'

# A plural (ngettext): 1 day, 2 days.
cp -R p cash && adopt cash
flashcoop-record -C cash sale --product cookie --qty 1 --price 2.50 --vat 5.5 \
	--payment cash --date 2026-05-07 >/dev/null
flashcoop-record -C cash sale --product cookie --qty 1 --price 2.50 --vat 5.5 \
	--payment cash --date 2026-05-08 >/dev/null
fcheck 'the statement says "2 jours" in French, "2 days" in English' '
	fr flashcoop-close -C cash --dry-run --allow-uncounted --date 2026-05-13 \
		>fr.out 2>/dev/null &&
	en flashcoop-close -C cash --dry-run --allow-uncounted --date 2026-05-13 \
		>en.out 2>/dev/null &&
	holds fr.out "(2 jours de ventes en esp" &&
	holds en.out "(2 days with cash sales not counted"'

# A warning of flashcoop-check goes to stderr in every language, and
# never counts as a problem (flashcoop-check sorts them by their text).
fcheck 'flashcoop-check: a warning goes to stderr in French as in English' '
	en flashcoop-check cash >en.out 2>en.err && holds en.err "warning" &&
	[ ! -s en.out ] &&
	fr flashcoop-check cash >fr.out 2>fr.err &&
	if [ -s fr.out ]; then
		echo "the French warning went to stdout, not stderr:"; cat fr.out; exit 1
	fi &&
	holds fr.err "avertissement"'

# ---- --help ----

for c in init enroll record close check report; do
	fcheck "flashcoop-$c --help in French, with the options of the English one" '
		fr flashcoop-'"$c"' --help >fr.out 2>fr.err && [ ! -s fr.err ] &&
		en flashcoop-'"$c"' --help >en.out &&
		holds fr.out "utilisation${NBSP}: flashcoop-'"$c"'" &&
		holds en.out "usage: flashcoop-'"$c"'" &&
		grep -oE -- "--?[A-Za-z][A-Za-z-]*" fr.out | LC_ALL=C sort -u >fr.opts &&
		grep -oE -- "--?[A-Za-z][A-Za-z-]*" en.out | LC_ALL=C sort -u >en.opts &&
		same_bytes fr.opts en.opts'
done

# ---- amounts in text reports ----

FR_AMOUNT="1${NNBSP}234,56${NBSP}${EURO}"
check 'report sales, text: 1 234,56 EUR in French (U+202F, U+00A0), 1,234.56 in English' '
	fr flashcoop-report -C p sales --by product >fr.out &&
	en flashcoop-report -C p sales --by product >en.out &&
	holds fr.out "$FR_AMOUNT" && lacks fr.out "1,234.56" &&
	holds en.out "1,234.56" && lacks en.out "$EURO" && lacks en.out "234,56"'
check 'the closing statement: 1 234,56 EUR in French, 1,234.56 in English' '
	fr flashcoop-close -C p --dry-run --date 2026-05-13 >fr.out 2>/dev/null &&
	en flashcoop-close -C p --dry-run --date 2026-05-13 >en.out 2>/dev/null &&
	holds fr.out "$FR_AMOUNT" && holds en.out "1,234.56" && lacks en.out "$EURO"'
check 'LC_NUMERIC=fr_FR.UTF-8 alone gives French amounts' '
	env -u LC_ALL LC_NUMERIC=$FR flashcoop-report -C p sales --by product >fr.out &&
	holds fr.out "$FR_AMOUNT"'
fcheck 'report headings are translated in the text format' '
	fr flashcoop-report -C p sales --by product >fr.out &&
	holds fr.out "montant TTC" && lacks fr.out "amount_incl_vat"'

# ---- CSV, JSON, journals and files: the same bytes in every locale ----

for kind in summary sales charges hours participants funders cash; do
	for fmt in csv json; do
		check "report $kind --format $fmt: the same bytes under $FR and $EN" '
			fr flashcoop-report -C p '"$kind"' --format '"$fmt"' >fr.out 2>fr.err &&
			en flashcoop-report -C p '"$kind"' --format '"$fmt"' >en.out 2>en.err &&
			[ -s en.out ] && same_bytes fr.out en.out && same_bytes fr.err en.err &&
			lacks fr.out "$EURO" && lacks fr.out "$NNBSP"'
	done
done
check 'report sales --by day,product,payment --names --format csv: the same bytes' '
	fr flashcoop-report -C p sales --by day,product,payment --names --format csv >fr.out &&
	en flashcoop-report -C p sales --by day,product,payment --names --format csv >en.out &&
	same_bytes fr.out en.out'
check 'report of two folders with a total row, csv and json: the same bytes' '
	fr flashcoop-report summary --format csv p cash >fr.out &&
	en flashcoop-report summary --format csv p cash >en.out &&
	same_bytes fr.out en.out &&
	fr flashcoop-report summary --format json p cash >fr.out &&
	en flashcoop-report summary --format json p cash >en.out &&
	same_bytes fr.out en.out'
for fmt in fec ledger hledger; do
	check "report entries --format $fmt: the same bytes under $FR and $EN" '
		fr flashcoop-report -C p entries --format '"$fmt"' >fr.out &&
		en flashcoop-report -C p entries --format '"$fmt"' >en.out &&
		[ -s en.out ] && same_bytes fr.out en.out'
done
check 'flashcoop-check of a sound project: silent and 0 in both locales' '
	fr flashcoop-check p >fr.out 2>fr.err && en flashcoop-check p >en.out 2>en.err &&
	[ ! -s fr.out ] && [ ! -s en.out ] && [ ! -s fr.err ] && [ ! -s en.err ]'
check 'flashcoop-check of a bad project: 65 and as many problems in both locales' '
	fr flashcoop-check bad >fr.out 2>/dev/null; [ $? = 65 ] &&
	en flashcoop-check bad >en.out 2>/dev/null; [ $? = 65 ] &&
	[ "$(wc -l <fr.out)" = "$(wc -l <en.out)" ] && [ -s en.out ]'
check 'closing.csv and closing.ini: the same bytes closed under either locale' '
	cp -R p closefr && adopt closefr && cp -R p closeen && adopt closeen &&
	fr flashcoop-close -C closefr --date 2026-05-13 --allow-unclosed >/dev/null 2>&1 &&
	en flashcoop-close -C closeen --date 2026-05-13 --allow-unclosed >/dev/null 2>&1 &&
	same_bytes closefr/closing.csv closeen/closing.csv &&
	same_bytes closefr/closing.ini closeen/closing.ini'
check 'flashcoop-init: the same files under either locale' '
	fr flashcoop-init ifr --name "Test" --id FC-I --start 2026-05-04 >/dev/null &&
	en flashcoop-init ien --name "Test" --id FC-I --start 2026-05-04 >/dev/null &&
	for f in flashcoop.ini participants.csv ledger.csv hours.csv .gitattributes; do
		same_bytes ifr/$f ien/$f || exit 1
	done'

# ---- amounts read as 12.50 or 12,50 whatever the locale ----

n=0
for loc in $FR $EN; do
	for a in 12.50 12,50 12,5; do
		n=$((n + 1))
		check "LC_ALL=$loc: --amount $a is read as 12.50" '
			flashcoop-init in'"$n"' --name T --id FC-IN --start 2026-05-04 >/dev/null &&
			env LC_ALL='"$loc"' flashcoop-record -C in'"$n"' charge --amount '"$a"' \
				--category stand --date 2026-05-05 >/dev/null &&
			tail -n 1 in'"$n"'/ledger.csv | cut -d, -f7 >got && [ "$(cat got)" = 12.50 ]'
	done
	n=$((n + 1))
	check "LC_ALL=$loc: a batch with \"12,50\" and 12.50 and hours 7,5" '
		flashcoop-init in'"$n"' --name T --id FC-IN --start 2026-05-04 >/dev/null &&
		flashcoop-enroll -C in'"$n"' Ada --contract C1 --date 2026-05-04 >/dev/null &&
		printf "kind,date,product,quantity,unit_price,amount,vat_rate,category,payment,participant,hours\n" >b.csv &&
		printf "charge,2026-05-05,,,,\"12,50\",20,stand,card,,\n" >>b.csv &&
		printf "charge,2026-05-05,,,,12.50,20,stand,card,,\n" >>b.csv &&
		printf "sale,2026-05-05,cookie,2,\"2,50\",,5.5,,cash,,\n" >>b.csv &&
		printf "hours,2026-05-05,,,,,,,,P001,\"7,5\"\n" >>b.csv &&
		env LC_ALL='"$loc"' flashcoop-record -C in'"$n"' --batch b.csv >/dev/null 2>&1 &&
		cut -d, -f7 in'"$n"'/ledger.csv | tail -n 3 | tr "\n" " " >got &&
		[ "$(cat got)" = "12.50 12.50 5.00 " ] &&
		tail -n 1 in'"$n"'/hours.csv | cut -d, -f5 >got && [ "$(cat got)" = 7.50 ]'
done
# (the time each row was recorded aside: plain)
check 'the ledgers written under either locale are the same bytes' '
	for f in in1/ledger.csv in2/ledger.csv in3/ledger.csv in4/ledger.csv \
	         in5/ledger.csv in6/ledger.csv in7/ledger.csv in8/ledger.csv \
	         in4/hours.csv in8/hours.csv; do
		plain "$f" >"$f.plain" || exit 1
	done &&
	for i in 2 3 5 6 7; do
		same_bytes in1/ledger.csv.plain in$i/ledger.csv.plain || exit 1
	done &&
	same_bytes in4/ledger.csv.plain in8/ledger.csv.plain &&
	same_bytes in4/hours.csv.plain in8/hours.csv.plain'

# ---- the French man pages (man/fr) ----

# macros SECTION PAGE: the macro lines of a section (the text lines are
# words, which the translation changes).
macros() {
	awk -v sec=".Sh $1" '
		/^\.Sh / { on = ($0 == sec); next }
		on && /^\./ { print }' "$2"
}
# options PAGE: every option (Fl) of the page, one a line, sorted.
options() {
	grep -E '^\.' "$1" | grep -oE 'Fl [-A-Za-z]+' | LC_ALL=C sort -u
}
for page in man1/flashcoop-init.1 man1/flashcoop-enroll.1 man1/flashcoop-record.1 \
            man1/flashcoop-close.1 man1/flashcoop-report.1 man7/flashcoop.7; do
	fr_page=$ROOT/man/fr/$page en_page=$ROOT/man/$page
	case $page in
	*.1) want='NAME,SYNOPSIS,DESCRIPTION,CODE DE RETOUR,FICHIERS,EXEMPLES,VOIR AUSSI' ;;
	*)   want='NAME,DESCRIPTION,CODE DE RETOUR,FICHIERS,EXEMPLES,VOIR AUSSI' ;;
	esac
	check "man/fr/$page: sections $want" '
		[ -f "'"$fr_page"'" ] || { echo "no '"$fr_page"'"; exit 1; }
		old_ifs=$IFS; IFS=,
		for sec in $(echo "'"$want"'"); do
			grep -qx "\\.Sh $sec" "'"$fr_page"'" || { echo "no .Sh $sec"; exit 1; }
		done'
	check "man/fr/$page: the SYNOPSIS and the title of the English page" '
		macros SYNOPSIS "'"$en_page"'" >en.syn && macros SYNOPSIS "'"$fr_page"'" >fr.syn &&
		same_bytes en.syn fr.syn &&
		grep "^\\.D[dt] " "'"$en_page"'" >en.dt && grep "^\\.D[dt] " "'"$fr_page"'" >fr.dt &&
		same_bytes en.dt fr.dt'
	check "man/fr/$page: every option of the English page" '
		options "'"$en_page"'" >en.opt && options "'"$fr_page"'" >fr.opt &&
		same_bytes en.opt fr.opt'
	if command -v mandoc >/dev/null 2>&1; then
		check "man/fr/$page: mandoc -Tlint -W warning is clean" '
			mandoc -Tlint -W warning "'"$fr_page"'"'
	fi
done
command -v mandoc >/dev/null 2>&1 ||
	echo "# mandoc is not installed: the French pages are not linted"

[ "$nskipped" = 0 ] || echo "# $nskipped French checks skipped"
check 'a command run from the build folder speaks French without FLASHCOOP_LOCALEDIR' '
	env -u FLASHCOOP_LOCALEDIR LANGUAGE= LC_ALL=$FR \
		"$FLASHCOOP_BIN/flashcoop-enroll" --help >out 2>err &&
	grep -q "^utilisation" out &&
	env -u FLASHCOOP_LOCALEDIR LANGUAGE= LC_ALL=$FR \
		"$FLASHCOOP_BIN/flashcoop-report" --no-such-option >out 2>err;
	[ $? = 64 ] && grep -q "^flashcoop-report" err && grep -q "^utilisation" err'

done_testing
