#!/bin/sh
# Where CAE staff look: spreadsheets (--format xlsx, the workbook), read
# back by openpyxl, a reader that is not ours, cell by cell against the
# CSV; and the terminal: text through $PAGER only at a terminal, a word
# when a table is wider than 80 columns, xlsx refused there.  The
# statement of `summary` over one project: t0500-summary.sh.
. "$(dirname "$0")/lib.sh"

known_projects

# A python with openpyxl (Debian's python3-openpyxl is /usr/bin's, which
# another python3 first in PATH may not see).
PY=
for py in /usr/bin/python3 python3; do
	if "$py" -c 'import openpyxl' 2>/dev/null; then PY=$py; break; fi
done

# xlsx_vs_csv XLSX CSV [SHEET]: the sheet (the first by default) holds
# the CSV's cells: the headings, the texts as strings (never formulas; the
# CSV's quote before a formula-like text is the CSV's only), every number
# typed a number (amounts and hours to the cent, counts whole, rates as
# fractions: 5.5 is 0.055), dates as dates, empty cells empty.  Then its
# layout: the header bold and frozen, an autofilter, amounts in a format
# with two decimals and the euro sign, the total row bold.
xlsx_vs_csv() {
	"$PY" - "$@" <<'EOF'
import csv, datetime, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[3]] if len(sys.argv) > 3 else wb.worksheets[0]
want = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
got = [list(r) for r in ws.iter_rows()]
bad = []
if len(got) != len(want):
    bad.append("%d rows, the CSV %d" % (len(got), len(want)))
for i, (w, g) in enumerate(zip(want, got)):
    if len(w) != len(g):
        bad.append("row %d: %d cells, the CSV %d" % (i + 1, len(g), len(w)))
    for j, (cv, c) in enumerate(zip(w, g)):
        v = c.value
        where = "%s%d" % (c.column_letter, i + 1)
        if i == 0:
            ok = v == cv and c.font.b
        elif cv == "":
            ok = v is None
        elif isinstance(v, datetime.datetime):
            ok = v.date().isoformat() == cv and c.is_date
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            x = float(cv)
            if "%" in c.number_format:
                ok = abs(v * 100 - x) < 1e-9
            else:
                ok = round(v * 100) == round(x * 100) and abs(v - x) < 1e-9
                if "." in cv and not ("0.00" in c.number_format):
                    ok = False
                if "." in cv and cv.split(".")[1] and ws.title not in ("funders",) \
                   and c.number_format != "0.00" and "€" not in c.number_format:
                    ok = False
        else:
            ok = c.data_type == "s" and (v == cv or "'" + v == cv)
        if not ok:
            bad.append("%s: %r (%s) for %r" % (where, v, c.number_format, cv))
if ws.freeze_panes != "A2":
    bad.append("header not frozen: %r" % ws.freeze_panes)
if not ws.auto_filter.ref:
    bad.append("no autofilter")
for w, g in zip(want[1:], got[1:]):
    for c in g:
        if c.value is not None and bool(c.font.b) != (w[0] == "total"):
            bad.append("%s: bold %s" % (c.coordinate, c.font.b))
for b in bad[:10]:
    print(b)
sys.exit(1 if bad else 0)
EOF
}

# sheets XLSX: the names of its sheets, one space apart.
sheets() {
	"$PY" -c 'import openpyxl, sys
print(" ".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$1"
}

# cell XLSX SHEET COLUMN-HEADING KEY: the value in that column of the
# first row with a cell KEY.
cell() {
	"$PY" -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
rows = list(ws.iter_rows(values_only=True))
j = rows[0].index(sys.argv[3])
print([r for r in rows if sys.argv[4] in r][0][j])' "$@"
}

TABLES="summary sales charges hours participants funders payroll cash z balance general-ledger income stock"

if [ -z "$PY" ]; then
	skip 'xlsx: every report, cell by cell as its CSV' 'no python3-openpyxl'
else
check 'xlsx: every report of one project, cell by cell as its CSV' '
	for r in $TABLES; do
		flashcoop-report "$r" -C p --format csv >"$T/$r.csv" &&
		exits 0 flashcoop-report "$r" -C p --format xlsx -o "$T/$r.xlsx" &&
		[ ! -s "$T/.err" ] && xlsx_vs_csv "$T/$r.xlsx" "$T/$r.csv" ||
		{ echo "($r)"; return 1; }
	done'

check 'xlsx: over two projects, one sheet, the total row as the CSV'"'"'s' '
	for r in $TABLES; do
		flashcoop-report "$r" p q --format csv >"$T/$r.csv" &&
		flashcoop-report "$r" p q --format xlsx >"$T/$r.xlsx" &&
		xlsx_vs_csv "$T/$r.xlsx" "$T/$r.csv" || { echo "($r)"; return 1; }
	done &&
	same 97 "$(cell "$T/summary.xlsx" summary sales_incl_vat total)"'

check 'xlsx: --by, --from, --to and --names as in the CSV' '
	for a in "sales --by product,payment" "hours --by day,participant --names" \
	         "sales --from 2026-05-08 --to 2026-05-08" "participants --names"; do
		flashcoop-report -C p $a --format csv >"$T/a.csv" &&
		flashcoop-report -C p $a --format xlsx -o "$T/a.xlsx" &&
		xlsx_vs_csv "$T/a.xlsx" "$T/a.csv" || { echo "($a)"; return 1; }
	done &&
	flashcoop-report -C p participants --format xlsx -o "$T/n.xlsx" &&
	flashcoop-report -C p participants --format xlsx --names -o "$T/y.xlsx" &&
	! "$PY" -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
assert \"Alice Martin\" in [c.value for r in ws.iter_rows() for c in r]" "$T/n.xlsx" &&
	same "Alice Martin" "$(cell "$T/y.xlsx" participants name P001)"'

check 'xlsx: typed cells: an amount, a date, a rate, a formula-like text as text' '
	flashcoop-report -C p sales --by day --format xlsx -o "$T/s.xlsx" &&
	"$PY" - "$T/s.xlsx" <<-EOF
	import datetime, openpyxl, sys
	ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
	r = list(ws.iter_rows(min_row=2, max_row=2))[0]
	assert isinstance(r[1].value, datetime.datetime), r[1].value
	assert r[1].value.date() == datetime.date(2026, 5, 7)
	assert abs(r[2].value - 0.055) < 1e-12, r[2].value
	assert "%" in r[2].number_format
	assert r[5].value == 10 and "€" in r[5].number_format, r[5].number_format
	assert "0.00" in r[5].number_format
	EOF
	flashcoop-report -C p participants --format xlsx -o "$T/p.xlsx" &&
	"$PY" - "$T/p.xlsx" <<-EOF
	import openpyxl, sys
	ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
	c = [c for r in ws.iter_rows() for c in r if c.value == "=cmd|calc"]
	assert len(c) == 1 and c[0].data_type == "s", c
	EOF'

check 'entries --format xlsx: the lines of entries --format csv' '
	flashcoop-report entries -C q --with-closing --format csv >"$T/e.csv" &&
	flashcoop-report entries -C q --with-closing --format xlsx -o "$T/e.xlsx" &&
	xlsx_vs_csv "$T/e.xlsx" "$T/e.csv" && same entries "$(sheets "$T/e.xlsx")" &&
	flashcoop-report entries p q --format csv >"$T/e2.csv" &&
	flashcoop-report entries p q --format xlsx >"$T/e2.xlsx" &&
	xlsx_vs_csv "$T/e2.xlsx" "$T/e2.csv"'

check 'workbook: the statement first, then every report, each as its CSV' '
	exits 0 flashcoop-report workbook -C p -o "$T/w.xlsx" &&
	[ ! -s "$T/.err" ] &&
	same "statement $TABLES entries" "$(sheets "$T/w.xlsx")" &&
	same 7.94 "$(cell "$T/w.xlsx" statement amount \
		"Distributable result (résultat à répartir)")" &&
	same 87 "$(cell "$T/w.xlsx" statement amount "Sales incl. VAT (ventes TTC)")" &&
	for r in $TABLES; do
		flashcoop-report "$r" -C p --format csv >"$T/$r.csv" &&
		xlsx_vs_csv "$T/w.xlsx" "$T/$r.csv" "$r" || { echo "($r)"; return 1; }
	done &&
	flashcoop-report entries -C p --format csv >"$T/e.csv" &&
	xlsx_vs_csv "$T/w.xlsx" "$T/e.csv" entries'

check 'workbook of a closed project: the closing statement, the books with the closing' '
	flashcoop-report workbook q >"$T/q.xlsx" &&
	"$PY" -c "import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])[\"statement\"]
print(ws[\"A3\"].value)" "$T/q.xlsx" >"$T/head" &&
	same "Closing statement (bilan de clôture) of 2026-06-08" "$(cat "$T/head")" &&
	flashcoop-report balance q --with-closing --format csv >"$T/b.csv" &&
	xlsx_vs_csv "$T/q.xlsx" "$T/b.csv" balance &&
	flashcoop-report entries q --with-closing --format csv >"$T/e.csv" &&
	xlsx_vs_csv "$T/q.xlsx" "$T/e.csv" entries'

check 'workbook: names only with --names (payroll'"'"'s always); the file 0600' '
	flashcoop-report workbook -C p -o "$T/w.xlsx" &&
	flashcoop-report workbook -C p --names -o "$T/wn.xlsx" &&
	same 600 "$(stat -c %a "$T/w.xlsx")" &&
	flashcoop-report participants -C p --format csv >"$T/pa.csv" &&
	flashcoop-report participants -C p --names --format csv >"$T/pn.csv" &&
	xlsx_vs_csv "$T/w.xlsx" "$T/pa.csv" participants &&
	xlsx_vs_csv "$T/wn.xlsx" "$T/pn.csv" participants &&
	flashcoop-report payroll -C p --format csv >"$T/pay.csv" &&
	xlsx_vs_csv "$T/w.xlsx" "$T/pay.csv" payroll'
fi

check 'xlsx -o: 0644, 0600 when it carries names; nothing half written' '
	flashcoop-report -C p sales --format xlsx -o "$T/s.xlsx" &&
	same 644 "$(stat -c %a "$T/s.xlsx")" &&
	flashcoop-report -C p payroll --format xlsx -o "$T/pay.xlsx" &&
	same 600 "$(stat -c %a "$T/pay.xlsx")" &&
	same "PK" "$(head -c 2 "$T/s.xlsx")" &&
	ls "$T" >"$T/before" &&
	fails 66 flashcoop-report -C nowhere sales --format xlsx -o "$T/x.xlsx" &&
	[ ! -e "$T/x.xlsx" ]'

check 'the refusals: workbook of two folders, another format, its options; 64' '
	fails 64 flashcoop-report workbook p q -o "$T/refused.xlsx" &&
	fails 64 flashcoop-report workbook -C p --format csv -o "$T/refused.xlsx" &&
	fails 64 flashcoop-report workbook -C p --by day -o "$T/refused.xlsx" &&
	fails 64 flashcoop-report workbook -C p --from 2026-05-05 -o "$T/refused.xlsx" &&
	fails 64 flashcoop-report bilan -C p --format xlsx -o "$T/refused.xlsx" &&
	fails 64 flashcoop-report -C p sales --format xlsx --csv-dialect excel-fr \
		-o "$T/refused.xlsx" &&
	[ ! -e "$T/refused.xlsx" ]'

if [ -n "${FLASHCOOP_VALGRIND:-}" ]; then
	skip 'a TMPDIR that cannot be written' 'valgrind needs TMPDIR itself'
else
check 'a TMPDIR that cannot be written: 74, the folder named, nothing written' '
	TMPDIR=$T/none fails 74 flashcoop-report -C p sales --format xlsx \
		-o "$T/s2.xlsx" &&
	said_text "$T/none" && [ ! -e "$T/s2.xlsx" ]'
fi

# ---- the terminal (script(1) gives the command a terminal) ----

# tty CMD: CMD run with a terminal as stdout and stderr, its output (both,
# CR removed) in $T/tty, its exit status returned.
tty() {
	script -qec "$1" /dev/null >"$T/tty.raw" </dev/null
	st=$?
	tr -d "\r" <"$T/tty.raw" >"$T/tty"
	return $st
}

if ! command -v script >/dev/null 2>&1; then
	skip 'the terminal: pager, width, xlsx refused' 'no script(1)'
else
check 'xlsx or a workbook to a terminal: refused (64), said how' '
	tty "flashcoop-report -C p sales --format xlsx"; same 64 $? &&
	grep -q "not for a terminal" "$T/tty" &&
	tty "flashcoop-report -C p workbook"; same 64 $? &&
	tty "flashcoop-report -C p entries --format xlsx"; same 64 $? &&
	tty "flashcoop-report -C p sales --format xlsx -o $T/t.xlsx" &&
	same PK "$(head -c 2 "$T/t.xlsx")"'

check 'at a terminal, text goes through $PAGER (FLASHCOOP_PAGER first)' '
	PAGER="sed s/^/paged:/" tty "flashcoop-report -C p sales" &&
	grep -q "^paged:project" "$T/tty" &&
	FLASHCOOP_PAGER="sed s/^/mine:/" PAGER="sed s/^/paged:/" \
		tty "flashcoop-report -C p hours" &&
	grep -q "^mine:project" "$T/tty" && ! grep -q paged: "$T/tty" &&
	PAGER="sed s/^/paged:/" tty "flashcoop-report -C p" &&
	grep -q "^paged:Test Flashcoop (FC-TEST)" "$T/tty"'

check 'never in a pipe, a file, for CSV, or with PAGER=cat or empty' '
	PAGER="sed s/^/paged:/" flashcoop-report -C p sales >"$T/o" &&
	! grep -q paged: "$T/o" && grep -q "^project " "$T/o" &&
	PAGER="sed s/^/paged:/" flashcoop-report -C p sales | grep -q "^project " &&
	PAGER="sed s/^/paged:/" tty "flashcoop-report -C p sales --format csv" &&
	! grep -q paged: "$T/tty" &&
	PAGER=cat tty "flashcoop-report -C p sales" && grep -q "^project " "$T/tty" &&
	PAGER= tty "flashcoop-report -C p sales" && grep -q "^project " "$T/tty"'

check 'a table wider than 80 columns says how to get CSV, at a terminal only' '
	PAGER=cat tty "flashcoop-report summary p q" &&
	grep -q "columns wide: --format csv" "$T/tty" &&
	PAGER=cat tty "flashcoop-report -C p hours" &&
	! grep -q "columns wide" "$T/tty" &&
	report_quiet() { flashcoop-report "$@" >/dev/null 2>"$T/e" && [ ! -s "$T/e" ]; } &&
	report_quiet summary p q'
fi

done_testing
