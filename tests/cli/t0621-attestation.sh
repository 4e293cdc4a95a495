#!/bin/sh
# flashcoop-report attestation (issue 18): a page per participant, hours
# by day with the roles held, the pay once closed; French unless the
# locale is English; HTML escaped and self-contained, printed by headless
# Chromium; text pages separated by a form feed; -o FILE 0600; what it
# refuses.  And flashcoop-report hours --by role on the same time sheet.
# Every figure worked out by hand below.
. "$(dirname "$0")/lib.sh"

# The project (FC-ATT, folder p), every row recorded by the commands:
#   Cookies Croix-Rousse, activity cookies, host CAE Exemple, event
#   Marché de la Croix-Rousse, 2026-05-04 to 2026-05-13; cookie 2.50 at 5.5 %
#   P001 Ada Lovelace, CAPE-ADA, enrolled 2026-05-04 (contract type:
#        the default, CAPE)
#   P002 Bob <b>&"'</b>, CESA-BOB, --contract-type cesa (stored CESA),
#        enrolled 2026-05-05
#   hours.csv
#     H00001 05-05 P001 6    production
#     H00002 05-06 P001 4    sale
#     H00003 05-06 P001 2    production
#     H00004 05-07 P001 3.5  sale
#     H00005 05-08 P001 5    sale        voided by V00001: on no page
#     H00006 05-06 P002 4    packaging
#   P001 by day: 05-05 6.00 (production), 05-06 4 + 2 = 6.00 (production,
#   sale), 05-07 3.50 (sale): 15.50; by role production 6 + 2 = 8.00,
#   sale 4 + 3.5 = 7.50 (the 5 h voided).  P002: 05-06 4.00 packaging.
#   S00001 05-09 40 cookies by card: 100.00 (day 2026-05-09 closed).
# Closed on 2026-05-14 (folder c):
#   sales 100.00 at 5.5 %: before VAT round(10000 x 10000 / 10550) =
#   round(9478.67) = 94.79, VAT 5.21; no charge: margin 94.79; the CAE's
#   10 %: round(947.9) = 9.48; distributable 85.31.
#   Shares by hours, 15.50 : 4.00 of 19.50: 8531 x 15.5 / 19.5 = 6781.05,
#   8531 x 4 / 19.5 = 1749.95; 6781 + 1749 = 8530, the cent left to the
#   larger remainder (P002): P001 67.81, P002 17.50.
#   Gross P001 round(6781 x 100 / 113) = round(6000.88) = 60.01;
#         P002 round(1750 x 100 / 113) = round(1548.67) = 15.49.
BOB='Bob <b>&"'"'"'</b>'
build_attest() {
	flashcoop-init "$1" --name "Cookies Croix-Rousse" --id FC-ATT \
		--start 2026-05-04 --end 2026-05-13 --activity cookies \
		--host "CAE Exemple" --event "Marché de la Croix-Rousse" >/dev/null &&
	printf 'cookie = 2.50, 5.5\n' >>"$1/flashcoop.ini" &&
	(
	cd "$1" && R=flashcoop-record &&
	flashcoop-enroll "Ada Lovelace" --contract CAPE-ADA --date 2026-05-04 &&
	flashcoop-enroll "$BOB" --contract CESA-BOB --contract-type cesa \
		--date 2026-05-05 &&
	$R hours --participant P001 --hours 6 --date 2026-05-05 --role production &&
	$R hours --participant P001 --hours 4 --date 2026-05-06 --role sale &&
	$R hours --participant P001 --hours 2 --date 2026-05-06 --role production &&
	$R hours --participant P001 --hours 3.5 --date 2026-05-07 --role sale &&
	$R hours --participant P001 --hours 5 --date 2026-05-08 --role sale &&
	$R void H00005 --reason "typed on the wrong day" &&
	$R hours --participant P002 --hours 4 --date 2026-05-06 --role packaging &&
	$R sale --product cookie --qty 40 --payment card --date 2026-05-09 &&
	flashcoop-close --day 2026-05-09
	) >/dev/null
}
build_attest_closed() {
	fixture attest "$1" && flashcoop-close -C "$1" --date 2026-05-14 \
		>/dev/null 2>&1 && [ -f "$1/closing.ini" ]
}

# fr ARGS..., en ARGS...: flashcoop-report in the default locale (no
# LANG, no LC_*: French) and in a British one.
fr() { env -u LC_ALL -u LC_MESSAGES -u LANG flashcoop-report "$@"; }
en() { env -u LC_ALL -u LC_MESSAGES LANG=en_GB.UTF-8 flashcoop-report "$@"; }

NBSP=$(printf '\302\240')        # no-break space

# amount_fr AMOUNT: 67.81 the French way, 67,81.
amount_fr() { printf '%s\n' "$1" | tr . ,; }

check 'the project is built, open (p) and closed on 2026-05-14 (c)' '
	fixture attest p && fixture attest_closed c &&
	[ ! -f p/closing.ini ] && [ -f c/closing.ini ]'

check 'the fixture: roles in hours.csv, the void repeats its role' '
	same "id,date,kind,participant,hours,ref,note,role
H00001,2026-05-05,hours,P001,6.00,,,production
H00002,2026-05-06,hours,P001,4.00,,,sale
H00003,2026-05-06,hours,P001,2.00,,,production
H00004,2026-05-07,hours,P001,3.50,,,sale
H00005,2026-05-08,hours,P001,5.00,,,sale
V00001,2026-05-08,void,P001,5.00,H00005,typed on the wrong day,sale
H00006,2026-05-06,hours,P002,4.00,,,packaging" "$(plain p/hours.csv)" &&
	same "CAPE CESA" "$(pick p/participants.csv contract_type | tr "\n" " " | sed "s/ $//")"'

# ---- text, French by default ----

# The French page: paragraphs wrapped at 76 columns; '@' below stands for
# a no-break space (U+00A0), where French typography puts one.
sed "s/@/$NBSP/g" >"$T/p001.fr.txt" <<'EOF'
Attestation de participation

CAE Exemple atteste que

    Ada Lovelace

a participé à la Flashcoop «@Cookies Croix-Rousse@» (FC-ATT), activité@:
cookies, du 4 mai 2026 au 13 mai 2026@; lieu de vente@: Marché de la
Croix-Rousse.

Contrat@: CAPE n°@CAPE-ADA, du 4 mai 2026 au 13 mai 2026.

Heures travaillées

  Date                   Heures   Rôles
  5 mai 2026               6,00   production
  6 mai 2026               6,00   production, sale
  7 mai 2026               3,50   sale
  Total                   15,50

Rôles tenus@: production (8,00@h), sale (7,50@h).

Le projet n'est pas encore clos@: la rémunération sera connue à la clôture.

Fait à ____________________, le ____________________

Pour la CAE, signature et cachet@:



EOF

check 'text, no locale set: French, exactly the page of P001 (the voided 5 h nowhere)' '
	fr -C p attestation --participant P001 --format text >"$T/got" 2>"$T/.err" &&
	[ ! -s "$T/.err" ] && diff -u "$T/p001.fr.txt" "$T/got"'

sed "s/@/$NBSP/g" >"$T/p001.en.txt" <<'EOF'
Certificate of participation

CAE Exemple certifies that

    Ada Lovelace

took part in the Flashcoop “Cookies Croix-Rousse” (FC-ATT), activity:
cookies, from 4 May 2026 to 13 May 2026; selling at Marché de la
Croix-Rousse.

Contract: CAPE no. CAPE-ADA, from 4 May 2026 to 13 May 2026.

Hours worked

  Date                    Hours   Roles
  5 May 2026               6.00   production
  6 May 2026               6.00   production, sale
  7 May 2026               3.50   sale
  Total                   15.50

Roles held: production (8.00@h), sale (7.50@h).

The project is not closed yet: the pay will be known at the closing.

Done at ____________________, on ____________________

For the CAE, signature and stamp:



EOF

check 'text, LANG=en_GB.UTF-8: English, exactly the page of P001' '
	en -C p attestation --participant P001 --format text >"$T/got" 2>"$T/.err" &&
	[ ! -s "$T/.err" ] && diff -u "$T/p001.en.txt" "$T/got" &&
	holds "$T/got" "Certificate of participation" && holds "$T/got" "Hours worked"'

check 'LC_ALL wins over LANG, LC_MESSAGES over LANG: the language follows' '
	env LC_ALL=en_GB.UTF-8 LANG=fr_FR.UTF-8 flashcoop-report -C p attestation \
		--participant P001 --format text >"$T/got" &&
	cmp "$T/p001.en.txt" "$T/got" &&
	env -u LC_ALL LC_MESSAGES=fr_FR.UTF-8 LANG=en_GB.UTF-8 flashcoop-report \
		-C p attestation --participant P001 --format text >"$T/got" &&
	holds "$T/got" "Attestation de participation" &&
	lacks "$T/got" "Certificate"'

check 'text, everyone: the pages of --participant, separated by a form feed' '
	fr -C p attestation --format text >"$T/all.txt" &&
	fr -C p attestation --participant P001 --format text >"$T/p001.txt" &&
	fr -C p attestation --participant P002 --format text >"$T/p002.txt" &&
	{ cat "$T/p001.txt"; printf "\f"; cat "$T/p002.txt"; } | cmp - "$T/all.txt" &&
	[ "$(tr -cd "\f" <"$T/all.txt" | wc -c)" = 1 ] &&
	holds "$T/p002.txt" "    $BOB" &&
	holds "$T/p002.txt" "Contrat${NBSP}: CESA n°${NBSP}CESA-BOB, du 5 mai 2026 au 13 mai 2026." &&
	holds "$T/p002.txt" "Rôles tenus${NBSP}: packaging (4,00${NBSP}h)."'

# French typography (what the attestation's text promises): a no-break
# space before ":", ";", "!", "?", "»" and after "«", never an ordinary
# one that a line could break at, in the text and in the HTML.
check 'French: a no-break space before : ; ! ? » and after «, everywhere' '
	fr -C p attestation --format text >"$T/typo.txt" &&
	fr -C p attestation >"$T/typo.html" &&
	! grep -nE " [:;!?»]|« " "$T/typo.txt" &&
	sed -n "/<body>/,\$p" "$T/typo.html" | sed "s/<[^>]*>//g" >"$T/typo-body.txt" &&
	! grep -nE " [:;!?»]|« " "$T/typo-body.txt"'

# ---- HTML ----

check 'HTML is the default: one document, one <section class="page"> per participant' '
	fr -C p attestation >"$T/open.html" 2>"$T/.err" && [ ! -s "$T/.err" ] &&
	head -n 1 "$T/open.html" | grep -qx "<!DOCTYPE html>" &&
	tail -n 1 "$T/open.html" | grep -qx "</html>" &&
	holds "$T/open.html" "<html lang=\"fr\">" &&
	same 2 "$(grep -c "<section class=\"page\">" "$T/open.html")" &&
	same 1 "$(grep -c "^<!DOCTYPE html>" "$T/open.html")" &&
	fr -C p attestation --participant P001 >"$T/one.html" &&
	same 1 "$(grep -c "<section class=\"page\">" "$T/one.html")" &&
	holds "$T/one.html" "Ada Lovelace" && lacks "$T/one.html" "CESA-BOB"'

check 'HTML: the name <b>&"'"'"' escaped, never as markup' '
	holds "$T/open.html" "<p class=\"name\">Bob &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;</p>" &&
	! grep -qF "$BOB" "$T/open.html" && ! grep -qF "<b>&" "$T/open.html"'

check 'HTML: the table of hours by day, the total, the roles held' '
	holds "$T/open.html" "<tr><td>6 mai 2026</td><td class=\"n\">6,00</td><td>production, sale</td></tr>" &&
	holds "$T/open.html" "<tr class=\"total\"><td>Total</td><td class=\"n\">15,50</td>" &&
	holds "$T/open.html" "Rôles tenus${NBSP}: production (8,00${NBSP}h), sale (7,50${NBSP}h)." &&
	lacks "$T/open.html" "8 mai 2026"'

check 'HTML: no external resource (no http: or https:, no src, href, link, script, import)' '
	for f in open one; do
		lacks "$T/$f.html" "http:" && lacks "$T/$f.html" "https:" &&
		lacks "$T/$f.html" "src=" && lacks "$T/$f.html" "href=" &&
		lacks "$T/$f.html" "<link" && lacks "$T/$f.html" "<script" &&
		lacks "$T/$f.html" "@import" && lacks "$T/$f.html" "url(" || exit 1
	done'

check 'HTML, English: lang="en", the same page in English' '
	en -C p attestation >"$T/en.html" &&
	holds "$T/en.html" "<html lang=\"en\">" &&
	holds "$T/en.html" "<h1>Certificate of participation</h1>" &&
	holds "$T/en.html" "<h2>Hours worked</h2>" &&
	lacks "$T/en.html" "Attestation de"'

# ---- before and after the closing ----

check 'before the closing: the page says the project is not closed, no pay' '
	same 2 "$(grep -c "pas encore clos.: la rémunération sera connue à la clôture" "$T/open.html")" &&
	lacks "$T/open.html" "salaire brut" && lacks "$T/open.html" "quote-part"'

check 'closing.csv holds the shares and gross pay worked out by hand' '
	same "P001 67.81 60.01
P002 17.50 15.49" "$(pick c/closing.csv participant share gross)"'

check 'after the closing: the share and gross of closing.csv, labelled an estimate; "not closed" gone' '
	fr -C c attestation --format text >"$T/closed.txt" &&
	fr -C c attestation >"$T/closed.html" &&
	pick c/closing.csv share gross >"$T/pay" &&
	[ "$(wc -l <"$T/pay")" = 2 ] &&
	while read -r share gross; do
		for f in closed.txt closed.html; do
			holds "$T/$f" "quote-part $(amount_fr "$share")" &&
			holds "$T/$f" "salaire brut $(amount_fr "$gross")" || exit 1
		done
	done <"$T/pay" &&
	holds "$T/closed.txt" "Rémunération (estimation pour la paie de la CAE)" &&
	lacks "$T/closed.txt" "pas encore clos" && lacks "$T/closed.html" "pas encore clos"'

check 'after the closing, English: "share 67.81", "gross pay 60.01"' '
	en -C c attestation --participant P001 --format text >"$T/got" &&
	holds "$T/got" "Pay (estimate for the CAE'"'"'s payroll): share 67.81" &&
	holds "$T/got" "gross pay 60.01"'

# ---- -o, refusals ----

check '-o FILE: the document, mode 0600, nothing on stdout' '
	fr -C p attestation -o "$T/o.html" >"$T/.stdout" 2>"$T/.err" &&
	[ ! -s "$T/.stdout" ] && [ ! -s "$T/.err" ] &&
	same 600 "$(stat -c %a "$T/o.html")" && cmp "$T/open.html" "$T/o.html" &&
	fr -C p attestation --format text -o "$T/o.txt" >"$T/.stdout" &&
	[ ! -s "$T/.stdout" ] && same 600 "$(stat -c %a "$T/o.txt")" &&
	cmp "$T/all.txt" "$T/o.txt"'

check '--participant P009 (nobody): exit 65, no file written' '
	refuses 65 "$T/none.html" flashcoop-report -C p attestation \
		--participant P009 -o "$T/none.html" && said P009 &&
	refuses 65 "$T/none.txt" flashcoop-report -C p attestation \
		--participant P009 --format text -o "$T/none.txt"'

check '--participant with two folders: usage, 64, nothing written' '
	refuses 64 "$T/two.html" flashcoop-report attestation --participant P001 \
		p c -o "$T/two.html"'

check 'two folders without --participant: one page per participant and project' '
	fr attestation p c >"$T/two.html" &&
	same 4 "$(grep -c "<section class=\"page\">" "$T/two.html")" &&
	same 1 "$(grep -c "^<!DOCTYPE html>" "$T/two.html")"'

check '--format csv (or json): usage, 64, nothing written' '
	refuses 64 "$T/att.csv" flashcoop-report -C p attestation --format csv \
		-o "$T/att.csv" &&
	refuses 64 "$T/att.json" flashcoop-report -C p attestation --format json \
		-o "$T/att.json"'

# ---- hours --by role ----

# By role, over the project: packaging (P002) 1 row 4.00; production
# H00001 + H00003 = 8.00; sale H00002 + H00004 = 7.50 (H00005 and its void
# left out); 5 rows, 19.50.
cat >"$T/role.txt" <<'EOF'
project  role        rows  hours
FC-ATT   packaging      1   4.00
FC-ATT   production     2   8.00
FC-ATT   sale           2   7.50
-------  ----------  ----  -----
total                   5  19.50
EOF
cat >"$T/role.csv" <<'EOF'
project,role,rows,hours
FC-ATT,packaging,1,4.00
FC-ATT,production,2,8.00
FC-ATT,sale,2,7.50
total,,5,19.50
EOF
cat >"$T/part-role.csv" <<'EOF'
project,participant,role,rows,hours
FC-ATT,P001,production,2,8.00
FC-ATT,P001,sale,2,7.50
FC-ATT,P002,packaging,1,4.00
total,,,5,19.50
EOF

check 'hours --by role, text: production 8.00, sale 7.50' '
	report "$T/role.txt" -C p hours --by role'

check 'hours --by role, csv' '
	report "$T/role.csv" -C p hours --by role --format csv'

check 'hours --by participant,role, csv: P001 production 8.00, sale 7.50' '
	report "$T/part-role.csv" -C p hours --by participant,role --format csv'

# ---- printed by a browser ----

# pdf_words PDF: its text (pdftotext) on one line, every run of spaces,
# no-break spaces and line ends one space.
pdf_words() {
	pdftotext "$1" - | sed "s/$NBSP/ /g" | tr -s " \n\f" "   "
}

if [ -x /usr/bin/chromium ]; then
	check 'Chromium prints the two participants on 2 A4 pages, the name as text' '
		render "$T/open.html" &&
		n=$(pdf_pages "$T/out.pdf") && [ "$n" = 2 ] ||
		{ echo "$n pages"; exit 1; }
		if command -v pdfinfo >/dev/null 2>&1; then
			pdfinfo "$T/out.pdf" | grep -q "^Page size:.*(A4)" || exit 1
		fi
		command -v pdftotext >/dev/null 2>&1 ||
		{ echo "# pdftotext missing: the text of the PDF is not checked"; exit 0; }
		pdf_words "$T/out.pdf" >"$T/out.txt" &&
		same 2 "$(grep -o "Attestation de participation" "$T/out.txt" | wc -l)" &&
		holds "$T/out.txt" "Ada Lovelace" && holds "$T/out.txt" "$BOB" &&
		holds "$T/out.txt" "Total 15,50" &&
		holds "$T/out.txt" "pas encore clos" &&
		lacks "$T/out.txt" "&lt;" && lacks "$T/out.txt" "&amp;"'

	check 'Chromium prints the closed project: the pay of closing.csv on the pages' '
		render "$T/closed.html" && [ "$(pdf_pages "$T/out.pdf")" = 2 ] &&
		if command -v pdftotext >/dev/null 2>&1; then
			pdf_words "$T/out.pdf" >"$T/out.txt" &&
			holds "$T/out.txt" "quote-part 67,81 €, salaire brut 60,01 €" &&
			holds "$T/out.txt" "quote-part 17,50 €, salaire brut 15,49 €"
		fi'
else
	echo "# /usr/bin/chromium is not installed: the printing checks are" \
		"skipped (apt-get install chromium poppler-utils)"
fi

done_testing
