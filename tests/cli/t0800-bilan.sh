#!/bin/sh
# flashcoop-report bilan: one self-contained HTML document for A4.
# Escaping of every text from the project files; the provisional and the
# closed states; names only with --names; amounts as "1 234,56 €"; the
# same figures as the CSV reports; -o through a temp file; several folders
# (an overview page, then each project); a production page for a
# project with lots (issue 20), none for one without; tidy finds no
# error; headless Chromium prints it to a PDF of the expected pages and to
# a screenshot that is not blank.
. "$(dirname "$0")/lib.sh"

NAMES='Alice|Martin|Bruno|Durand|Chlo|Petit'
SUMMARY=sales_incl_vat,vat_collected,turnover,charges_incl_vat
SUMMARY=$SUMMARY,vat_deductible,charges,margin,cae_contribution,distributable
SUMMARY=$SUMMARY,hours
NNBSP=$(printf '\342\200\257')   # narrow no-break space, between thousands
NBSP=$(printf '\302\240')        # no-break space, before the unit
EURO=$(printf '\342\202\254')

# ---- helpers ----

# The figures of a CSV report the French way, one a line: fr.py COLS <CSV
# (hours columns in "h", the others in euros; the total row left out),
# or fr.py -v AMOUNT.
cat >"$T/fr.py" <<'EOF'
import csv, sys
sys.stdout.reconfigure(encoding="utf-8")
def fr(v, unit):
    neg = v.startswith("-")
    i, d = v.lstrip("-").split(".")
    g = ""
    while len(i) > 3:
        g = "\u202f" + i[-3:] + g
        i = i[:-3]
    return ("\u2212" if neg else "") + i + g + "," + d + "\u00a0" + unit
if sys.argv[1] == "-v":
    print(fr(sys.argv[2], "\u20ac"))
    sys.exit(0)
for r in csv.DictReader(sys.stdin):
    if r.get("project") == "total":
        continue
    for c in sys.argv[1].split(","):
        print(fr(r[c], "h" if c == "hours" else "\u20ac"))
EOF

# A PNG decoded with the standard library alone: its size, and whether
# it shows something (colours vary, enough ink, the bars' blue).
cat >"$T/png.py" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
pos, idat, hdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IHDR":
        hdr = struct.unpack(">IIBBBBB", data[pos + 8:pos + 8 + n])
    elif kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = hdr
if depth != 8 or interlace or ctype not in (2, 6):
    sys.exit("a PNG of another form: %r" % (hdr,))
bpp = 4 if ctype == 6 else 3
raw, stride = zlib.decompress(idat), w * bpp
prev, i = bytearray(stride), 0
colours, ink, blue = set(), 0, 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1:
            line[x] = (line[x] + a) & 255
        elif f == 2:
            line[x] = (line[x] + b) & 255
        elif f == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                  b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        px = bytes(line[x:x + 3])
        colours.add(px)
        ink += px != b"\xff\xff\xff"
        blue += px == b"\x3d\x6a\xa8"
    prev = line
share = ink * 100 // (w * h)
print("%dx%d, %d colours, %d%% ink, %d blue pixels" %
      (w, h, len(colours), share, blue))
if (w, h) != (1240, 1754):
    sys.exit("not the window size")
if len(colours) < 3 or share < 1 or share > 60 or blue < 100:
    sys.exit("the screenshot looks blank or broken")
EOF

# same_figures HTML COLS REPORT ARGS...: every figure of the columns COLS
# of the CSV report is in HTML, the French way.
same_figures() {
	html=$1 cols=$2
	shift 2
	flashcoop-report "$@" --format csv | python3 "$T/fr.py" "$cols" \
		>"$T/figures" || return 1
	[ -s "$T/figures" ] || { echo "no figures: $*"; return 1; }
	while read -r v; do
		holds "$html" "$v" || { echo "(flashcoop-report $*)"; return 1; }
	done <"$T/figures"
}

# pages HTML: the number of printed pages the document asks for.
pages() {
	grep -c '<section class="page">' "$1"
}

# ---- the projects ----

# p: open.  Texts with HTML in them everywhere a person writes one.
build_p() {
	flashcoop-init p --name 'Cookies <Croix-Rousse> & "Co"' --id FC-TEST \
		--start 2026-05-04 --end 2026-05-13 --activity cookies \
		--host "CAE Exemple" --event "Marché de l'été" >/dev/null &&
	printf 'cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n' >>p/flashcoop.ini &&
	E="flashcoop-enroll -C p" &&
	$E "Alice Martin" --contract CAPE-ALICE --date 2026-05-04 --gender F \
		--birth-year 2000 --status unemployed \
		--referrer "Mission Locale" >/dev/null &&
	$E "Bruno <i>Durand</i>" --contract CAPE-BRUNO --date 2026-05-04 \
		--gender M --birth-year 2008 --status student >/dev/null &&
	$E "Chloé Petit" --contract CAPE-CHLOE --date 2026-05-04 --gender F \
		--birth-year 1975 --status RSA >/dev/null &&
	R="flashcoop-record -C p" &&
	$R sale --product cookie --qty 400 --by P001 --date 2026-05-07 \
		--note "<script>alert(1)</script>" &&
	$R sale --product sac-vrac --qty 30 --payment card --by P002 \
		--date 2026-05-08 &&
	$R sale --product "a&b" --qty 1 --price 1234.56 --vat 20 \
		--payment card --date 2026-05-09 &&
	$R sale --product cookie --qty 1 --payment card --date 2026-05-09 &&
	$R void S00004 --reason "<script>alert(2)</script>" &&
	$R charge --amount 136.90 --category ingredients --vat 5.5 \
		--payment card --date 2026-05-05 --note "<img src=x>" &&
	$R charge --amount 30.00 --category stand --vat 20 --payment cash \
		--date 2026-05-05 &&
	$R count --amount 1020.00 --date 2026-05-07 &&
	$R hours --participant P001 --hours 7 --date 2026-05-05 &&
	$R hours --participant P002 --hours 6.5 --date 2026-05-07 &&
	$R hours --participant P003 --hours 5 --date 2026-05-08
}

# q: closed, a loss.
build_q() {
	flashcoop-init q --name "Flashcoop B" --id FC-B --start 2026-06-01 \
		--days 7 >/dev/null &&
	flashcoop-enroll -C q "Eve Moreau" --contract CAPE-EVE \
		--date 2026-06-01 --gender F --birth-year 1990 >/dev/null &&
	flashcoop-record -C q sale --product jam --qty 2 --price 5.00 --vat 20 \
		--payment card --by P001 --date 2026-06-02 &&
	flashcoop-record -C q charge --amount 50.00 --category stand --vat 20 \
		--payment card --date 2026-06-01 &&
	flashcoop-record -C q hours --participant P001 --hours 6 \
		--date 2026-06-02 &&
	flashcoop-close -C q --day 2026-06-02 &&
	flashcoop-close -C q --date 2026-06-08
}

check 'the projects are built: p open, c its closed copy, q closed' '
	build_p >/dev/null 2>"$T/build.err" && build_q >/dev/null 2>>"$T/build.err" &&
	cp -R p c && adopt c && rm -f c/.lock &&
	flashcoop-close -C c --date 2026-05-14 --allow-unclosed >/dev/null \
		2>>"$T/build.err" &&
	[ -f c/closing.ini ] && [ ! -f p/closing.ini ] ||
	{ cat "$T/build.err"; exit 1; }'

check 'bilan writes the document on stdout, nothing on stderr' '
	flashcoop-report -C p bilan >"$T/open.html" 2>"$T/.err" &&
	[ ! -s "$T/.err" ] && head -n 1 "$T/open.html" | grep -qx "<!DOCTYPE html>" &&
	tail -n 1 "$T/open.html" | grep -qx "</html>" &&
	holds "$T/open.html" "<html lang=\"fr\">" &&
	holds "$T/open.html" "<meta charset=\"utf-8\">"'

check '--format html is the default; -o FILE writes FILE and nothing on stdout' '
	flashcoop-report -C p bilan --format html -o "$T/o.html" >"$T/.stdout" &&
	[ ! -s "$T/.stdout" ] &&
	sed "/^<footer>/d; /Chiffres provisoires au/d" "$T/o.html" >"$T/a" &&
	sed "/^<footer>/d; /Chiffres provisoires au/d" "$T/open.html" >"$T/b" &&
	cmp "$T/a" "$T/b"'

check 'self-contained: no script, no link, no resource from elsewhere' '
	lacks "$T/open.html" "<script" && lacks "$T/open.html" "<link" &&
	lacks "$T/open.html" "src=" && lacks "$T/open.html" "href=" &&
	lacks "$T/open.html" "http:" && lacks "$T/open.html" "https:" &&
	lacks "$T/open.html" "@import" &&
	! grep -o "url([^)]*)" "$T/open.html" | grep -v "^url(#c[0-9]*)$" &&
	holds "$T/open.html" "<style>" && holds "$T/open.html" "<svg " &&
	holds "$T/open.html" "@page { size: A4"'

# ---- escaping ----

check 'texts from the files are escaped: the project name, event, product' '
	holds "$T/open.html" "Cookies &lt;Croix-Rousse&gt; &amp; &quot;Co&quot;" &&
	holds "$T/open.html" "Marché de l&#39;été" &&
	holds "$T/open.html" ">a&amp;b</text>" &&
	! grep -q "a&b" "$T/open.html" && lacks "$T/open.html" "<Croix"'

check 'a note with <script> shows as text, and no <script> gets through' '
	holds "$T/open.html" "&lt;script&gt;alert(2)&lt;/script&gt;" &&
	lacks "$T/open.html" "<script" && lacks "$T/open.html" "<img" &&
	flashcoop-report -C p bilan --names >"$T/names.html" &&
	lacks "$T/names.html" "<script" && lacks "$T/names.html" "<i>" &&
	holds "$T/names.html" "Bruno &lt;i&gt;Durand&lt;/i&gt;"'

# ---- provisional and closed ----

check 'an open project: figures marked provisional, no pay yet' '
	holds "$T/open.html" "Chiffres provisoires au" &&
	holds "$T/open.html" "Compte de résultat (provisoire)" &&
	holds "$T/open.html" "pas clôturé : ces chiffres peuvent encore changer" &&
	holds "$T/open.html" "calculée à la clôture" &&
	lacks "$T/open.html" "Bilan de clôture" && lacks "$T/open.html" "Net estimé"'

check 'a closed project: the closing statement of its date, the pay, no "provisoire"' '
	flashcoop-report -C c bilan >"$T/closed.html" &&
	holds "$T/closed.html" "Bilan de clôture arrêté le 14 mai 2026" &&
	holds "$T/closed.html" "Net estimé" &&
	holds "$T/closed.html" "Estimation pour la paie de la CAE" &&
	lacks "$T/closed.html" "provisoire"'

check 'a closed project whose ledger changed since: refused, 65' '
	cp -R c d && adopt d && rm -f d/.lock &&
	echo "C00003,2026-05-06,charge,,,,1.00,20,stand,card,,," >>d/ledger.csv &&
	exits 65 flashcoop-report bilan d && said "changed after the closing" &&
	[ ! -s "$T/.stdout" ]'

check 'a closed project at a loss: nothing to share' '
	flashcoop-report -C q bilan >"$T/q.html" &&
	holds "$T/q.html" "Marge : une perte" &&
	holds "$T/q.html" "rien à répartir" &&
	holds "$T/q.html" "$(python3 "$T/fr.py" -v -33.34)"'

# ---- names ----

check 'without --names no name appears; the ids do' '
	for f in open closed; do
		! grep -E "$NAMES" "$T/$f.html" || exit 1
		holds "$T/$f.html" ">P001<" || exit 1
	done'

check 'with --names the names are beside the ids (pay and hours), never in the funders indicators' '
	flashcoop-report -C c bilan --names >"$T/closed-names.html" &&
	holds "$T/closed-names.html" "<td>Alice Martin</td>" &&
	holds "$T/closed-names.html" "<td>Chloé Petit</td>" &&
	holds "$T/closed-names.html" "<title>P001 Alice Martin : 7,00${NBSP}h</title>" &&
	sed -n "/Indicateurs pour les financeurs/,/<\/section>/p" \
		"$T/closed-names.html" >"$T/funders.html" &&
	[ -s "$T/funders.html" ] && ! grep -E "$NAMES" "$T/funders.html"'

# ---- amounts and figures ----

check 'amounts are written 1 234,56 € (narrow no-break space, comma, no-break space)' '
	holds "$T/open.html" "1${NNBSP}234,56${NBSP}${EURO}" &&
	holds "$T/open.html" "5,5${NBSP}%" &&
	! grep -E "[0-9]( |,)[0-9]{3}[.,][0-9]{2}" "$T/open.html" &&
	! grep -E "[0-9]\.[0-9]{2}${NBSP}" "$T/open.html"'

check 'the statement has the figures of flashcoop-report summary (open and closed)' '
	for d in p c; do
		f=$T/open.html
		[ $d = c ] && f=$T/closed.html
		same_figures "$f" "$SUMMARY" -C $d summary || exit 1
	done'

check 'the charts have the figures of the sales, charges and hours reports' '
	same_figures "$T/open.html" amount_incl_vat -C p sales --by day &&
	same_figures "$T/open.html" amount_incl_vat -C p sales --by product &&
	same_figures "$T/open.html" amount_incl_vat -C p charges --by category &&
	same_figures "$T/open.html" hours -C p hours --by participant &&
	holds "$T/open.html" ">jeu. 7 mai</text>" &&
	holds "$T/open.html" "(400${NBSP}u.)"'

check 'the pay is that of closing.csv, to the cent' '
	python3 -c "
import csv, sys
for r in csv.DictReader(open(\"c/closing.csv\")):
    for k in (\"share\", \"gross\", \"net\"):
        print(r[k])
" | while read -r v; do holds "$T/closed.html" "$(python3 "$T/fr.py" -v "$v")" || exit 1; done'

# The closed copy c: 3 participants, of whom 1 or 2 in every gender, age
# band, status and referrer, shown "< 3" (flashcoop-report funders says
# so too); 2 under 30 (Alice 26, Bruno 18); nobody's education known: 3.
check 'the funders indicators are those of flashcoop-report funders' '
	holds "$T/closed.html" "Indicateurs pour les financeurs" &&
	holds "$T/closed.html" "<b>3</b><span>Participant·es</span>" &&
	holds "$T/closed.html" "<b>18,50${NBSP}h</b>" &&
	holds "$T/closed.html" "<td>18 à 25 ans</td><td class=\"n\">&lt; 3</td>" &&
	holds "$T/closed.html" "<td>Mission Locale</td><td class=\"n\">&lt; 3</td>" &&
	holds "$T/closed.html" "<b>&lt; 3</b><span>FSE : moins de 30 ans</span>" &&
	sed -n "/<caption>Niveau de formation</,/<\/table>/p" "$T/closed.html" \
		>"$T/education.html" &&
	holds "$T/education.html" "<tr><td>non renseigné</td><td class=\"n\">3</td></tr>" &&
	t=$(flashcoop-report -C c funders --format csv | awk -F, "\$2 == \"turnover\" { print \$4; exit }") &&
	holds "$T/closed.html" "<b>$(python3 "$T/fr.py" -v "$t")</b>"'

# ---- one project, several ----

check 'one project: three pages (statement, income statement, activity), no overview' '
	[ "$(pages "$T/open.html")" = 3 ] && [ "$(pages "$T/closed.html")" = 3 ] &&
	lacks "$T/open.html" "Vue d" && lacks "$T/open.html" "Les Flashcoops"'

# The income statement of the books (SPEC §6): an open project's result
# is its margin (flashcoop-report income, the statement's margin).
check 'the income statement page: the PCG lines, its result the margin' '
	holds "$T/open.html" "<h2>Compte de résultat (plan comptable général)</h2>" &&
	m=$(flashcoop-report -C p income --format csv | grep ",result," | cut -d, -f4) &&
	same "$m" "$(flashcoop-report -C p summary --format csv | sed -n 2p | cut -d, -f8)" &&
	holds "$T/open.html" "Résultat (bénéfice ou perte)</th><td class=\"n\">$(python3 "$T/fr.py" -v "$m")"'

check 'several folders: an overview page, then three pages per project' '
	flashcoop-report bilan p q -o "$T/multi.html" &&
	[ "$(pages "$T/multi.html")" = 7 ] &&
	holds "$T/multi.html" "<h1>Les Flashcoops 2026</h1>" &&
	holds "$T/multi.html" "Total, 2 projets" &&
	sed -n "1,/^<\/section>/p" "$T/multi.html" >"$T/overview.html" &&
	holds "$T/overview.html" ">FC-TEST</th>" && holds "$T/overview.html" ">FC-B</th>" &&
	holds "$T/overview.html" "provisoire" && holds "$T/overview.html" "clôturé" &&
	holds "$T/overview.html" "affaires HT par projet"'

check 'the overview adds up turnover and hours of the summary total' '
	same_figures "$T/overview.html" turnover,margin,hours summary p q &&
	flashcoop-report summary p q --format csv | tail -n 1 >"$T/total.csv" &&
	t=$(cut -d, -f4 "$T/total.csv") &&
	holds "$T/overview.html" "$(python3 "$T/fr.py" -v "$t")"'

check '--keep-going passes over a folder that is no project' '
	flashcoop-report bilan p nowhere q --keep-going >"$T/kg.html" 2>"$T/.err"
	[ $? = 66 ] && grep -q "^flashcoop-report: " "$T/.err" && [ "$(pages "$T/kg.html")" = 7 ]'

# ---- production (issue 20) ----

# m: open, with production.  Worked by hand: C00001 21.10 at 5.5 % (20.00
# before VAT) used by L00001 (30 cookies, 05-05) and L00002 (20 cookies,
# 05-06): 10.00 each.  L00003, 10 "pain<&>co", names no charge: no value.
# L00004, 5 cookies, voided: not there.  Sales 20 (05-06) and 15 (05-07),
# naming no lot: first in, first out, 20 then 10 from L00001 (all sold), 5
# from L00002.  W00001, 3 broken naming no lot, after the sales: L00001
# has nothing left, so L00002.  L00001 30 made, 30 sold, 0 lost, 0 left
# (0.00); L00002 20, 5, 3, 12 left, worth 10.00 x 12 / 20 = 6.00; cookie
# 50, 35, 3, 12, 6.00.  Cookies keep 30 days: best before 4 and 5 June.
build_m() {
	flashcoop-init m --name "Biscuiterie" --id FC-M --start 2026-05-04 \
		--end 2026-05-10 >/dev/null &&
	printf 'cookie = 2.50, 5.5\npain<&>co = 3.00, 5.5\n' >>m/flashcoop.ini &&
	printf '\n[product cookie]\nshelf_life_days = 30\n' >>m/flashcoop.ini &&
	R="flashcoop-record -C m" &&
	$R charge --amount 21.10 --category ingredients --vat 5.5 \
		--payment card --date 2026-05-04 &&
	$R lot --product cookie --qty 30 --date 2026-05-05 --uses C00001 &&
	$R lot --product cookie --qty 20 --date 2026-05-06 --uses C00001 &&
	$R lot --product "pain<&>co" --qty 10 --date 2026-05-06 &&
	$R lot --product cookie --qty 5 --date 2026-05-06 &&
	$R void L00004 --reason "counted twice" &&
	$R sale --product cookie --qty 20 --date 2026-05-06 &&
	$R sale --product cookie --qty 15 --payment card --date 2026-05-07 &&
	$R loss --product cookie --qty 3 --reason broken --date 2026-05-08
}

# lot_row LOT PRODUCT MADE_ON BEST_BEFORE MADE SOLD LOST LEFT [VALUE]: a
# lot's row of the production page, as the page writes it.
lot_row() {
	printf '<tr><th scope="row" class="nw">%s</th><td>%s</td>' "$1" "$2"
	printf '<td class="nw">%s</td><td class="nw">%s</td>' "$3" "$4"
	printf '<td class="n">%s</td>' "$5" "$6" "$7" "$8"
	printf '<td class="n">%s</td></tr>' "${9:-}"
}

check 'a project with production: a fourth page, Production, after the others' '
	build_m >/dev/null 2>"$T/build.err" || { cat "$T/build.err"; exit 1; }
	flashcoop-report -C m bilan >"$T/m.html" 2>"$T/.err" && [ ! -s "$T/.err" ] &&
	[ "$(pages "$T/m.html")" = 4 ] &&
	holds "$T/m.html" "<span>FC-M · Production</span>" &&
	holds "$T/m.html" "<h2>Production par lot</h2>" &&
	sed -n "/FC-M · Production/,/<\/section>/p" "$T/m.html" >"$T/production.html" &&
	[ -s "$T/production.html" ] &&
	same "</html>" "$(tail -n 1 "$T/m.html")" &&
	[ "$(grep -n "FC-M · Production" "$T/m.html" | cut -d: -f1)" -gt \
	  "$(grep -n "FC-M · Activité" "$T/m.html" | cut -d: -f1)" ]'

check 'each lot: its number as its labels print it, dates, made, sold, lost, left first in first out, value at cost' '
	holds "$T/production.html" "$(lot_row FC-M-L00001 cookie "5 mai 2026" \
		"4 juin 2026" 30 30 0 0 "0,00${NBSP}${EURO}")" &&
	holds "$T/production.html" "$(lot_row FC-M-L00002 cookie "6 mai 2026" \
		"5 juin 2026" 20 5 3 12 "6,00${NBSP}${EURO}")" &&
	holds "$T/production.html" "$(lot_row FC-M-L00003 "pain&lt;&amp;&gt;co" \
		"6 mai 2026" "" 10 0 0 10)" &&
	flashcoop-report -C m labels --lot L00002 >"$T/labels.html" &&
	holds "$T/labels.html" "Lot${NBSP}: FC-M-L00002<"'

check 'a total per product: made, sold, lost, left, value' '
	holds "$T/production.html" "<tr class=\"sum\"><th scope=\"row\" colspan=\"4\">Total cookie</th><td class=\"n\">50</td><td class=\"n\">35</td><td class=\"n\">3</td><td class=\"n\">12</td><td class=\"n\">6,00${NBSP}${EURO}</td></tr>" &&
	holds "$T/production.html" "<tr class=\"sum\"><th scope=\"row\" colspan=\"4\">Total pain&lt;&amp;&gt;co</th><td class=\"n\">10</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">10</td><td class=\"n\"></td></tr>" &&
	[ "$(grep -c "<tr class=\"sum\">" "$T/production.html")" = 2 ]'

check 'the page says the rule: sales naming no lot, first in, first out; a voided lot is not there; texts escaped' '
	holds "$T/production.html" "Les ventes qui ne nomment pas leur lot sont attribuées aux lots les plus anciens" &&
	holds "$T/production.html" "(premier entré, premier sorti)" &&
	lacks "$T/m.html" "L00004" && lacks "$T/m.html" "pain<&>co"'

# The rows of flashcoop-report stock --format csv (per lot with --by lot)
# in the page: stock.py PAGE <CSV, each row's line (a <tr> a line) found
# by its lot number or its product's total, and holding its figures.
cat >"$T/stock.py" <<'EOF'
import csv, html, sys
sys.stdout.reconfigure(encoding="utf-8")
page = open(sys.argv[1], encoding="utf-8").read().splitlines()
def fr(v):
    return v.replace(".", ",") + "\u00a0\u20ac" if v else ""
n = 0
for r in csv.DictReader(sys.stdin):
    if r["project"] == "total":
        continue
    if "lot" in r:
        key = ">%s-%s</th>" % (r["project"], r["lot"])
    else:
        key = ">Total %s</th>" % html.escape(r["product"])
    cells = "".join('<td class="n">%s</td>' % v for v in
                    (r["made"], r["sold"], r["lost"], r["left"],
                     fr(r["value_left"])))
    lines = [l for l in page if key in l]
    if len(lines) != 1 or not lines[0].endswith(cells + "</tr>"):
        sys.exit("not in the page: %s ... %s" % (key, cells))
    n += 1
print(n)
EOF

check 'the page has the figures of flashcoop-report stock, per lot and per product' '
	same 3 "$(flashcoop-report -C m stock --by lot --format csv |
		python3 "$T/stock.py" "$T/production.html")" &&
	same 2 "$(flashcoop-report -C m stock --format csv |
		python3 "$T/stock.py" "$T/production.html")"'

check 'no production: no production page, the document as before (p, c, q; a lot voided)' '
	for f in open closed q multi; do
		lacks "$T/$f.html" "· Production" || exit 1
		lacks "$T/$f.html" "Production par lot" || exit 1
	done
	cp -R p v && adopt v && rm -f v/.lock &&
	flashcoop-record -C v lot --product cookie --qty 5 --date 2026-05-06 \
		>/dev/null 2>&1 &&
	flashcoop-record -C v void L00001 --reason typo >/dev/null &&
	[ -f v/production.csv ] &&
	flashcoop-report -C v bilan >"$T/v.html" &&
	flashcoop-report -C p bilan >"$T/p.html" &&
	sed "/^<footer>/d; /Chiffres provisoires au/d" "$T/v.html" >"$T/a" &&
	sed "/^<footer>/d; /Chiffres provisoires au/d" "$T/p.html" >"$T/b" &&
	cmp "$T/a" "$T/b"'

# ---- failures leave nothing half written ----

check 'a bad folder without --keep-going: exit 66, FILE untouched' '
	echo old >"$T/keep.html" &&
	exits 66 flashcoop-report bilan p nowhere -o "$T/keep.html" &&
	[ "$(cat "$T/keep.html")" = old ] && [ ! -s "$T/.stdout" ] &&
	! ls "$T"/keep.html.*.tmp 2>/dev/null'

check '-o in a folder that does not exist: exit 73, nothing created' '
	exits 73 flashcoop-report -C p bilan -o "$T/no/such/dir/b.html" &&
	[ ! -e "$T/no" ]'

check 'with --names a new FILE is readable by its owner only (0600)' '
	flashcoop-report -C c bilan --names -o "$T/private.html" &&
	[ "$(stat -c %a "$T/private.html")" = 600 ]'

# -o FILE is taken by every report now (flashcoop-report payroll's change):
# the file is what stdout would have been, 0644 without names.
check 'usage errors: another format, --by or --from with bilan; -o without bilan writes its report' '
	exits 64 flashcoop-report -C p bilan --format csv -o "$T/x.html" &&
	grep -q "html" "$T/.err" &&
	exits 64 flashcoop-report -C p bilan --by day -o "$T/x.html" &&
	exits 64 flashcoop-report -C p bilan --from 2026-05-04 -o "$T/x.html" &&
	exits 64 flashcoop-report -C p summary --format html -o "$T/x.html" &&
	[ ! -e "$T/x.html" ] &&
	exits 0 flashcoop-report -C p summary -o "$T/x.txt" &&
	[ ! -s "$T/.stdout" ] && [ ! -s "$T/.err" ] &&
	flashcoop-report -C p summary | cmp - "$T/x.txt" &&
	same 644 "$(stat -c %a "$T/x.txt")"'

check 'bilan reads under the shared lock: a writer holding the lock makes it wait, then exit 75' '
	command -v flock >/dev/null || { echo "# flock missing: skipped"; exit 0; }
	flock -x p/.lock sleep 3 & sleep 0.5
	exits 75 flashcoop-report -C p bilan
	rc=$?; wait; exit $rc'

check '--help names the bilan form' '
	flashcoop-report --help | grep -qF "bilan [--format html] [-o FILE] [--names]"'

# ---- the validator ----

if ! command -v tidy >/dev/null 2>&1 && [ "$(id -u)" = 0 ] &&
   command -v apt-get >/dev/null 2>&1; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q tidy >/dev/null 2>&1
fi
if command -v tidy >/dev/null 2>&1; then
	for f in open closed names closed-names q multi m; do
		check "tidy -errors -q finds nothing to say of $f.html" '
			tidy -errors -q "$T/'"$f"'.html" >"$T/tidy.out" 2>&1
			rc=$?
			cat "$T/tidy.out"
			[ "$rc" = 0 ] && [ ! -s "$T/tidy.out" ]'
	done
else
	echo "# tidy is not installed: the HTML validation is skipped" \
		"(apt-get install tidy)"
fi

# ---- printed by a browser ----

if [ -x /usr/bin/chromium ]; then
	check 'Chromium prints one closed project on 3 A4 pages; the screenshot is not blank' '
		render "$T/closed-names.html" &&
		n=$(pdf_pages "$T/out.pdf") && [ "$n" = 3 ] ||
		{ echo "$n pages"; exit 1; }
		if command -v pdfinfo >/dev/null 2>&1; then
			pdfinfo "$T/out.pdf" | grep -q "^Page size:.*(A4)" || exit 1
		fi
		python3 "$T/png.py" "$T/out.png"'

	check 'Chromium prints an open project on 3 pages; the screenshot is not blank' '
		render "$T/open.html" && [ "$(pdf_pages "$T/out.pdf")" = 3 ] &&
		python3 "$T/png.py" "$T/out.png"'

	check 'Chromium prints two projects on 7 pages: the overview, then 3 each' '
		render "$T/multi.html" && [ "$(pdf_pages "$T/out.pdf")" = 7 ]'

	check 'Chromium prints a project with production on 4 pages; the screenshot is not blank' '
		render "$T/m.html" && n=$(pdf_pages "$T/out.pdf") && [ "$n" = 4 ] ||
		{ echo "$n pages"; exit 1; }
		python3 "$T/png.py" "$T/out.png"'
else
	echo "# /usr/bin/chromium is not installed: the printing checks are" \
		"skipped (apt-get install chromium poppler-utils)"
fi

done_testing
