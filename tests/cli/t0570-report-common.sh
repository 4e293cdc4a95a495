#!/bin/sh
# flashcoop-report, what every report shares: CSV parsed back and its
# totals re-added; JSON parsed; several folders and a total row; bad
# folders with and without --keep-going; names only with --names; --from,
# --to, --by and --format errors; spreadsheet formula injection; the lock;
# the progress line; text tables; the man page.  Each report's own figures:
# t0500-summary.sh to t0550-funders.sh.
MAN=$(cd "$(dirname "$0")/../.." && pwd)/man/man1/flashcoop-report.1
. "$(dirname "$0")/lib.sh"

# The projects p (FC-TEST, open) and q (FC-B, closed, a loss), with their
# figures worked out by hand: lib.sh, known_projects.
known_projects

# ---- helpers ----

# retotal [funders] <CSV: parse a CSV report back, add up its rows again
# and compare with its total row(s).
retotal() {
	python3 "$T/retotal.py" "$@"
}

# same_rows CSV JSON: the JSON is an array of objects holding the same
# rows as the CSV, keys in the header's order, counts as integers and
# every other value a string (amounts exact, two places).
same_rows() {
	python3 "$T/samerows.py" "$1" "$2"
}

cat >"$T/retotal.py" <<'EOF'
import csv, re, sys
from decimal import Decimal, ROUND_HALF_UP
rows = list(csv.DictReader(sys.stdin))
NUM = re.compile(r'^-?[0-9]+(\.[0-9][0-9])?$')
def num(s):
    if not NUM.match(s):
        sys.exit("not a plain number: %r" % s)
    return Decimal(s)
if not rows:
    sys.exit("no rows")
if len(sys.argv) > 1 and sys.argv[1] == "funders":
    # A count of 1 or 2 people reads "< 3": such a cell adds 1 or 2, so
    # the total lies between the sum with 1 and the sum with 2 for each
    # (exact when there is none), and reads "< 3" itself when it is 1 or
    # 2.  The rates are percents, not added (t0620 works them out).
    SMALL = "< 3"
    RATES = ("positive_exit_rate", "positive_6_months_rate")
    sums, small, got = {}, {}, {}
    for r in rows:
        k = (r["indicator"], r["group"])
        if k[0] in RATES:
            continue
        if r["project"] == "total":
            got[k] = r["value"]
        elif r["value"] == SMALL:
            small[k] = small.get(k, 0) + 1
            sums.setdefault(k, Decimal(0))
        else:
            sums[k] = sums.get(k, Decimal(0)) + num(r["value"])
    if set(got) != set(sums):
        sys.exit("total rows only %r\nre-added only %r"
                 % (sorted(set(got) - set(sums)), sorted(set(sums) - set(got))))
    def bounds(k):
        return sums[k] + small.get(k, 0), sums[k] + 2 * small.get(k, 0)
    n, h = got[("participants", "")], sums[("hours", "")]
    if n == SMALL or small.get(("hours", "")):
        sys.exit("cannot work out hours_average again: %r" % n)
    n = num(n)
    sums[("hours_average", "")] = ((h / n).quantize(Decimal("0.01"),
                                   ROUND_HALF_UP) if n else Decimal(0))
    added = 0
    for k in got:
        lo, hi = bounds(k)
        if got[k] == SMALL:
            ok = lo <= 2 and hi >= 1
        else:
            v = num(got[k])
            ok = lo <= v <= hi and not ("." not in got[k] and v in (1, 2))
        if not ok:
            sys.exit("%r: the total says %r, the rows add up to %s..%s"
                     % (k, got[k], lo, hi))
        added += 1
    if not small or len(small) == added:
        sys.exit("no '< 3' cell, or nothing else: %d of %d" % (len(small), added))
    print("%d indicators re-added" % added)
    sys.exit(0)
total, body = rows[-1], rows[:-1]
if total["project"] != "total":
    sys.exit("the last row is not the total: %r" % total)
if any(r["project"] == "total" for r in body):
    sys.exit("a total row before the last")
n = 0
for col in rows[0]:
    if col == "project" or total[col] == "":
        continue
    s = sum((num(r[col]) for r in body), Decimal(0))
    if s != num(total[col]):
        sys.exit("%s: the rows add up to %s, the total says %s"
                 % (col, s, total[col]))
    n += 1
if not n:
    sys.exit("no column added up")
print("%d columns re-added over %d rows" % (n, len(body)))
EOF

cat >"$T/samerows.py" <<'EOF'
import csv, json, re, sys
COUNTS = {"rows", "quantity", "participants"}
MONEY = {"sales_incl_vat", "vat_collected", "turnover", "charges_incl_vat",
         "vat_deductible", "charges", "margin", "cae_contribution",
         "distributable", "hours", "amount_incl_vat", "before_vat", "vat"}
with open(sys.argv[1], newline="") as f:
    r = csv.reader(f)
    header = next(r)
    rows = list(r)
with open(sys.argv[2], encoding="utf-8") as f:
    data = json.load(f)
if not isinstance(data, list):
    sys.exit("not an array")
if len(data) != len(rows):
    sys.exit("%d objects for %d CSV rows" % (len(data), len(rows)))
for obj, row in zip(data, rows):
    if not isinstance(obj, dict) or list(obj) != header:
        sys.exit("keys %r, header %r" % (list(obj), header))
    for k, cell in zip(header, row):
        v = obj[k]
        if k in COUNTS:
            if type(v) is not int or str(v) != cell:
                sys.exit("%s: %r is not the integer %s" % (k, v, cell))
            continue
        if not isinstance(v, str):
            sys.exit("%s: %r is not a string" % (k, v))
        if k in MONEY and not (v == "" and obj["project"] == "total") \
           and not re.match(r'^-?[0-9]+\.[0-9][0-9]$', v):
            sys.exit("%s: %r is not an exact amount" % (k, v))
        if k == "vat_rate" and not re.match(r'^([0-9]+(\.[0-9]+)?)?$', v):
            sys.exit("vat_rate: %r" % v)
        if cell != v and not (cell == "'" + v and v[:1] in "=+-@\t\r"):
            sys.exit("%s: CSV %r, JSON %r" % (k, cell, v))
print("%d rows alike" % len(rows))
EOF

# Every name and contract of the known projects: none may appear without
# --names.
NAMES='Alice|Martin|Bruno|Durand|Chlo|Petit|David|Leroy|Eve|Moreau|CAPE-'

# ---- CSV parsed back, JSON parsed ----

check 'CSV of every report parses, and its total row re-adds (two projects)' '
	for a in "summary" "sales" "sales --by day,payment" \
	         "sales --by product,participant" "sales --by vat" \
	         "charges" "charges --by day,payment" "hours" \
	         "hours --by day,participant" "hours --by role" "payroll"; do
		flashcoop-report $a --format csv p q >"$T/r.csv" &&
		retotal <"$T/r.csv" >/dev/null || { echo "($a)"; exit 1; }
	done &&
	flashcoop-report funders --format csv p q >"$T/r.csv" &&
	retotal funders <"$T/r.csv"'

check 'CSV: the sales rows add up to the summary (incl. VAT), per project too' '
	flashcoop-report sales --format csv p q >"$T/s.csv" &&
	flashcoop-report summary --format csv p q >"$T/m.csv" &&
	python3 -c "
import csv, sys
from decimal import Decimal
s = list(csv.DictReader(open(sys.argv[1], newline=\"\")))
m = list(csv.DictReader(open(sys.argv[2], newline=\"\")))
for p in (\"FC-TEST\", \"FC-B\", \"total\"):
    a = sum(Decimal(r[\"amount_incl_vat\"]) for r in s
            if r[\"project\"] != \"total\" and p in (r[\"project\"], \"total\"))
    b = [Decimal(r[\"sales_incl_vat\"]) for r in m if r[\"project\"] == p][0]
    if a != b:
        sys.exit(\"%s: sales rows %s, summary %s\" % (p, a, b))
" "$T/s.csv" "$T/m.csv"'

check 'JSON of every report is valid (python3 -m json.tool), one or two projects' '
	for a in summary sales "sales --by day,payment,participant --names" \
	         charges hours participants "participants --names" funders; do
		for d in "p" "p q"; do
			flashcoop-report $a --format json $d >"$T/r.json" &&
			python3 -m json.tool "$T/r.json" >/dev/null ||
			{ echo "($a, $d)"; cat "$T/r.json"; exit 1; }
		done
	done'

check 'JSON streams the same rows as CSV: counts integers, amounts exact strings' '
	for a in summary sales "sales --by day,payment" "sales --by product" \
	         charges "charges --by vat" hours "hours --by day,participant" \
	         participants "participants --names" payroll; do
		both $a p q && same_rows "$T/r.csv" "$T/r.json" >/dev/null ||
		{ echo "($a)"; same_rows "$T/r.csv" "$T/r.json"; exit 1; }
	done'

check 'JSON of an empty report: an empty array' '
	flashcoop-init e --name "Empty" --id FC-EMPTY --start 2026-05-04 \
		>/dev/null &&
	[ "$(flashcoop-report -C e participants --format json)" = "[]" ] &&
	flashcoop-report -C e sales --format json >"$T/r.json" &&
	python3 -m json.tool "$T/r.json" >/dev/null &&
	grep -q "\"rows\":0" "$T/r.json"'

# ---- several folders ----

cat >"$T/two.csv" <<'EOF'
project,sales_incl_vat,vat_collected,turnover,charges_incl_vat,vat_deductible,charges,margin,cae_contribution,distributable,participants,hours,status
FC-TEST,87.00,8.20,78.80,78.90,8.92,69.98,8.82,0.88,7.94,4,43.75,open
FC-B,10.00,1.67,8.33,50.00,8.33,41.67,-33.34,0.00,-33.34,1,6.00,closed
total,97.00,9.87,87.13,128.90,17.25,111.65,-24.52,0.88,-25.40,5,49.75,
EOF

cat >"$T/two.txt" <<'EOF'
project  sales_incl_vat  vat_collected  turnover  charges_incl_vat  vat_deductible  charges  margin  cae_contribution  distributable  participants  hours  status
FC-TEST           87.00           8.20     78.80             78.90            8.92    69.98    8.82              0.88           7.94             4  43.75  open
FC-B              10.00           1.67      8.33             50.00            8.33    41.67  -33.34              0.00         -33.34             1   6.00  closed
-------  --------------  -------------  --------  ----------------  --------------  -------  ------  ----------------  -------------  ------------  -----  ------
total             97.00           9.87     87.13            128.90           17.25   111.65  -24.52              0.88         -25.40             5  49.75
EOF

check 'several folders, summary csv: one row each in the order given, then total' '
	report "$T/two.csv" summary --format csv p q'

check 'several folders, the other order' '
	flashcoop-report summary --format csv q p >"$T/.got" &&
	[ "$(cut -d, -f1 "$T/.got" | tr "\n" " ")" = "project FC-B FC-TEST total " ]'

check 'several folders, summary text: a rule, then the total' '
	report "$T/two.txt" summary p q'

check 'several folders, summary json: three objects, the last the total' '
	flashcoop-report summary --format json p q >"$T/r.json" &&
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert [o[\"project\"] for o in d] == [\"FC-TEST\", \"FC-B\", \"total\"], d
assert d[2][\"margin\"] == \"-24.52\" and d[2][\"participants\"] == 5, d[2]
" "$T/r.json"'

check 'a folder named twice is reported twice' '
	flashcoop-report summary --format csv p p >"$T/.got" &&
	[ "$(tail -n 1 "$T/.got")" = \
	  "total,174.00,16.40,157.60,157.80,17.84,139.96,17.64,1.76,15.88,8,87.50," ]'

# ---- bad folders ----

check 'a folder that does not exist: exit 66 naming it, nothing on stdout' '
	fails 66 flashcoop-report summary --format csv p nothere q &&
	said_text nothere'

check 'a folder that is not a project: exit 66 naming it, nothing on stdout' '
	mkdir -p notproj &&
	fails 66 flashcoop-report summary p notproj q && said_text notproj'

check 'no project in the current folder: exit 66' '
	mkdir -p empty && cd empty && fails 66 flashcoop-report summary'

check '--keep-going: the bad folder on stderr, the others reported, exit 66' '
	flashcoop-report summary --format csv --keep-going p nothere q \
		>"$T/.got" 2>"$T/.err"
	[ $? = 66 ] || { echo "exit $?"; cat "$T/.err"; exit 1; }
	said_text nothere &&
	grep -q "^flashcoop-report: " "$T/.err" &&
	diff -u "$T/two.csv" "$T/.got"'

check '--keep-going with a non-project and a missing folder, in any place' '
	flashcoop-report summary --format csv --keep-going notproj p nothere q \
		>"$T/.got" 2>"$T/.err"
	[ $? = 66 ] && said_text notproj && said_text nothere &&
	diff -u "$T/two.csv" "$T/.got"'

check '--keep-going, every report: the good folders all there' '
	for k in sales charges hours participants funders; do
		flashcoop-report $k --format csv p q >"$T/want" &&
		flashcoop-report $k --format csv --keep-going p nothere q \
			>"$T/.got" 2>/dev/null
		[ $? = 66 ] && cmp -s "$T/want" "$T/.got" || { echo "($k)"; exit 1; }
	done'

check 'an unknown report name is taken as a folder: exit 66 naming it' '
	fails 66 flashcoop-report -C p sale && said_text sale'

check 'a folder with bad data: exit 65 naming file and line; --keep-going skips it, exit 65' '
	cp -r p bad && adopt bad && rm -f bad/.lock &&
	echo "S00008,2026-05-09,sale,cookie,x,2.50,2.50,5.5,,cash,,," \
		>>bad/ledger.csv &&
	fails 65 flashcoop-report summary p bad q &&
	said_text "bad/ledger.csv:16:" &&
	flashcoop-report summary --format csv --keep-going p bad q \
		>"$T/.got" 2>"$T/.err"
	[ $? = 65 ] && said_text "bad/ledger.csv:16:" && diff -u "$T/two.csv" "$T/.got"'

# ---- names ----

check 'names never shown without --names: every report, format and --by' '
	: >"$T/all" &&
	for a in "summary" "sales" "sales --by participant" \
	         "sales --by day,product,category,payment,participant,vat" \
	         "charges" "charges --by day,category,payment,vat" "hours" \
	         "hours --by day,participant" "participants" "funders"; do
		for f in text csv json; do
			flashcoop-report $a --format $f p q >>"$T/all" ||
			{ echo "($a, $f)"; exit 1; }
		done
	done &&
	grep -q P003 "$T/all" &&
	! grep -E "$NAMES" "$T/all"'

check 'summary and funders show no names even with --names' '
	: >"$T/all" &&
	for a in summary funders; do
		for f in text csv json; do
			flashcoop-report $a --names --format $f p q >>"$T/all" ||
			exit 1
		done
	done &&
	! grep -E "$NAMES" "$T/all"'

# ---- periods ----

check '--from or --to not a date: bad data (65), nothing on stdout' '
	fails 65 flashcoop-report -C p sales --from 2026-02-30 &&
	fails 65 flashcoop-report -C p sales --to 08/05/2026 &&
	fails 65 flashcoop-report -C p hours --from yesterday'

# ---- --by and --format errors ----

check '--by that does not fit the report: usage (64), nothing on stdout' '
	fails 64 flashcoop-report -C p hours --by product &&
	fails 64 flashcoop-report -C p hours --by vat &&
	fails 64 flashcoop-report -C p hours --by payment &&
	fails 64 flashcoop-report -C p charges --by product &&
	fails 64 flashcoop-report -C p charges --by participant &&
	fails 64 flashcoop-report -C p summary --by day &&
	fails 64 flashcoop-report -C p participants --by participant &&
	fails 64 flashcoop-report -C p funders --by day &&
	fails 64 flashcoop-report -C p --by day'

check '--by unknown or empty: usage (64)' '
	fails 64 flashcoop-report -C p sales --by week &&
	fails 64 flashcoop-report -C p sales --by "" &&
	fails 64 flashcoop-report -C p sales --by day,week &&
	fails 64 flashcoop-report -C p sales --by , &&
	fails 64 flashcoop-report -C p sales --by Day'

check '--format not text, csv or json: usage (64); an unknown option too' '
	fails 64 flashcoop-report -C p sales --format xml &&
	fails 64 flashcoop-report -C p sales --format CSV &&
	fails 64 flashcoop-report -C p sales --colour red'

# ---- spreadsheet formula injection ----

check 'CSV: text cells beginning with = - @ get a leading quote' '
	flashcoop-report charges --format csv p >"$T/a" &&
	flashcoop-report sales --by product --format csv p >>"$T/a" &&
	flashcoop-report participants --format csv p >>"$T/a" &&
	flashcoop-report funders --format csv p >>"$T/a" &&
	flashcoop-report payroll --format csv p >>"$T/a" &&
	grep -q "^FC-TEST,'"'"'-stand," "$T/a" &&
	grep -q "^FC-TEST,'"'"'@sac," "$T/a" &&
	grep -q ",'"'"'=cmd|calc,14.25," "$T/a" &&
	grep -q "^total,referrer,'"'"'=cmd|calc,< 3$" "$T/a" &&
	! grep -q "\(^\|,\)[-=+@][^0-9]" "$T/a"'

check 'CSV: a negative amount (a loss) stays a plain number' '
	flashcoop-report summary --format csv p q >"$T/a" &&
	grep -qx "FC-B,10.00,1.67,8.33,50.00,8.33,41.67,-33.34,0.00,-33.34,1,6.00,closed" "$T/a" &&
	grep -q "^total,.*,-24.52,0.88,-25.40," "$T/a" &&
	! grep -q "'"'"'-[0-9]" "$T/a"'

check 'notes never appear in a report (the "=cmd" note of S00004)' '
	for a in summary sales "sales --by day,product,category,payment,participant" \
	         charges participants funders; do
		flashcoop-report -C p $a --format csv --names
	done >"$T/a" &&
	! grep -q "calc'"'"'!A0\|HYPERLINK\|keyed by mistake\|moved away" "$T/a"'

# ---- the lock ----

if command -v flock >/dev/null 2>&1; then
check 'read under a shared lock: a writer holding the lock makes it wait, then 75' '
	exec 9>p/.lock && flock -x 9 &&
	fails 75 flashcoop-report -C p summary 9>&- && said_text busy'

check 'read under a shared lock: another reader does not stop it' '
	exec 9>p/.lock && flock -s 9 &&
	report "$T/two.csv" summary --format csv p q 9>&-'

check 'a busy folder with --keep-going: reported, skipped, exit 75' '
	exec 9>q/.lock && flock -x 9 &&
	flashcoop-report summary --format csv --keep-going p q >"$T/.got" \
		2>"$T/.err" 9>&-
	[ $? = 75 ] && said_text q && [ "$(cut -d, -f1 "$T/.got" | tr "\n" " ")" = "project FC-TEST total " ]'
fi

# ---- the progress line ----
#
# It appears past the first second, only when stderr is a terminal: a
# folder whose lock is held (FLASHCOOP_LOCK_TIMEOUT=1) makes that second.

# slow ENV...: run a three-folder report under script(1), p busy, stdout to
# $T/.got; the terminal's output in $T/tty.
slow() {
	exec 9>p/.lock && flock -x 9 &&
	env -u NO_COLOR "$@" script -qec "flashcoop-report summary --format csv --keep-going p nothere q >'$T/.got'; true" \
		"$T/tty" </dev/null >/dev/null 9>&-
}

if command -v script >/dev/null 2>&1 && command -v flock >/dev/null 2>&1 &&
   script -qec true /dev/null </dev/null >/dev/null 2>&1; then
check 'progress line on a terminal, cleared at the end; stdout unchanged' '
	slow TERM=xterm &&
	grep -q "flashcoop-report: 3/3 q" "$T/tty" &&
	grep -q "$(printf "\033")\[K" "$T/tty" &&
	[ "$(cut -d, -f1 "$T/.got" | tr "\n" " ")" = "project FC-B total " ]'

check 'no progress line with NO_COLOR' '
	slow TERM=xterm NO_COLOR=1 && grep -q "nothere" "$T/tty" &&
	! grep -q "[0-9]/3" "$T/tty"'

check 'no progress line with TERM=dumb' '
	slow TERM=dumb && grep -q "nothere" "$T/tty" &&
	! grep -q "[0-9]/3" "$T/tty"'

# With --keep-going, the progress line is cleared before a folder's error.
# (Found as a bug: "...2/3 nothere      flashcoop-report: nothere: no such
# folder" on one line.)
check 'an error under --keep-going starts a line of its own' '
	slow TERM=xterm &&
	python3 -c "
import re, sys
t = open(sys.argv[1], encoding=\"utf-8\", errors=\"replace\").read()
t = t.replace(\"\x1b[K\", \"\")
segs = re.split(r\"[\r\n]\", t)
ok = any(s.startswith(\"flashcoop-report: nothere\") for s in segs)
sys.exit(0 if ok else \"message glued to the progress line: %r\" % [s for s in segs if \"nothere:\" in s])
" "$T/tty"'
fi

check 'no progress line when stderr is not a terminal' '
	exec 9>p/.lock && flock -x 9 &&
	TERM=xterm flashcoop-report summary --keep-going p nothere q \
		>/dev/null 2>"$T/.err" 9>&-
	[ $? = 75 ] && ! grep -q "[0-9]/3" "$T/.err" && [ "$(wc -l <"$T/.err")" = 2 ]'

# ---- text tables ----

# (Found as a bug: the total row of summary, whose last cell, status, is
# empty, ended in two blanks.)
check 'text: no line ends in a blank' '
	for a in summary sales charges hours participants funders \
	         "sales --by participant --names"; do
		flashcoop-report $a p q
	done >"$T/a" &&
	! grep -n " $" "$T/a"'

check 'text: amounts right-aligned under their header' '
	flashcoop-report -C p charges >"$T/a" &&
	awk "NR == 1 { w = index(\$0, \"amount_incl_vat\") + length(\"amount_incl_vat\") }
	     NR > 1 && !/^-/ { if (substr(\$0, w - 5, 5) !~ /[0-9]\.[0-9][0-9]$/) exit 1 }" "$T/a"'

# (Found as a bug: exit 74 without a word on stderr.)
if [ -w /dev/full ]; then
check 'stdout that cannot be written: exit 74 with a message' '
	flashcoop-report -C p summary >/dev/full 2>"$T/.err"
	rc=$?
	[ "$rc" = 74 ] || { echo "exit $rc, not 74"; exit 1; }
	grep -q "^flashcoop-report: " "$T/.err" ||
	{ echo "exit 74 without a word on stderr"; exit 1; }'
fi

# ---- help and the man page ----

check '--help: usage on stdout, exit 0, every option and report named' '
	flashcoop-report --help >"$T/a" 2>"$T/.err" && [ ! -s "$T/.err" ] &&
	grep -q "^usage: flashcoop-report" "$T/a" &&
	for w in summary sales charges hours participants funders --by \
	         --format --from --to --names --keep-going -C; do
		grep -q -- "$w" "$T/a" || { echo "no $w"; exit 1; }
	done'

check 'the man page documents every option of --help' '
	[ -f "$MAN" ] &&
	for o in "Fl C" "Fl -by" "Fl -format" "Fl -from" "Fl -to" "Fl -names" \
	         "Fl -keep-going" "Fl h" "Fl -help" "Fl -version"; do
		grep -q "$o" "$MAN" || { echo "no $o"; exit 1; }
	done'

# The page's headers, a header shown over several lines (each but the
# last ending with a comma) joined back into one.
awk '/,$/ { printf "%s", $0; next } { print }' "$MAN" >"$T/man-joined"

check 'the man page gives the CSV header of every report' '
	for a in summary sales "sales --by day,product,category,payment,participant,vat --names" \
	         "sales --by day,payment" charges hours participants \
	         "participants --names" funders; do
		h=$(flashcoop-report -C p $a --format csv | head -n 1) &&
		grep -qxF "$h" "$T/man-joined" ||
		{ echo "not in the man page: $h"; exit 1; }
	done'

if command -v mandoc >/dev/null 2>&1; then
check 'the man page passes mandoc -Tlint -W warning' '
	out=$(mandoc -Tlint -W warning "$MAN" 2>&1) && [ -z "$out" ] ||
	{ echo "$out"; exit 1; }'
fi

check 'getopt'"'"'s own messages name the command, not the path it was run by' '
	for c in init enroll record close report check; do
		"$FLASHCOOP_BIN/flashcoop-$c" --no-such-option >/dev/null 2>err
		[ $? = 64 ] || { echo "flashcoop-$c: not 64"; exit 1; }
		head -n 1 err | grep -q "^flashcoop-$c: unrecognized option" ||
			{ echo "flashcoop-$c:"; cat err; exit 1; }
	done'

# --csv-dialect excel-fr: what French Excel opens right with a double
# click; read back (BOM off, ";" to ",", "," to "." in numbers, CRLF to
# LF) it is the RFC 4180 CSV, cell for cell.
check '--csv-dialect excel-fr: a BOM, semicolons, decimal commas, CRLF; the same cells as the CSV' '
	for r in summary sales charges payroll funders; do
		flashcoop-report -C p $r --format csv >"$T/rfc" &&
		flashcoop-report -C p $r --csv-dialect excel-fr >"$T/xl" || exit 1
		[ "$(head -c 3 "$T/xl" | od -An -tx1 | tr -d " ")" = efbbbf ] ||
			{ echo "$r: no BOM"; exit 1; }
		python3 - "$T/rfc" "$T/xl" <<"PY" || exit 1
import csv, sys
rfc = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
raw = open(sys.argv[2], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
body = raw[3:].decode("utf-8")
assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", ""), "not CRLF"
xl = list(csv.reader(body.splitlines(), delimiter=";"))
assert len(xl) == len(rfc), (len(xl), len(rfc))
for a, b in zip(rfc, xl):
    assert len(a) == len(b), (a, b)
    for x, y in zip(a, b):
        num = x.replace(".", "", 1).replace("-", "", 1).isdigit()
        assert (x.replace(".", ",") if num else x) == y, (x, y)
PY
	done &&
	exits 64 flashcoop-report -C p summary --format json --csv-dialect excel-fr &&
	exits 64 flashcoop-report -C p summary --csv-dialect excel &&
	exits 64 flashcoop-report -C p bilan --csv-dialect excel-fr'

done_testing
