#!/bin/sh
# flashcoop-report summary: the figures of the known projects, worked out
# by hand, in text, CSV and JSON; the default report; the folder given
# every way; the same figures as flashcoop-close --dry-run; a closed
# project's closing.ini.  Other reports: t05*; what every report shares
# (folders, --keep-going, names, the lock...): t0570-report-common.sh.
. "$(dirname "$0")/lib.sh"

# The projects p (FC-TEST, open) and q (FC-B, closed, a loss), with their
# figures worked out by hand: lib.sh, known_projects.
known_projects

check 'the known project FC-TEST is built (ids as expected)' '
	sales="S00001 S00002 S00003 S00004 S00005 S00006 S00007 V00001" &&
	ledger="$sales C00001 C00002 C00003 K00001 K00002 K00003" &&
	hours="H00001 H00002 H00003 H00004 H00005 H00006 H00007 H00008 V00002" &&
	same "$ledger $hours " "$(tr "\n" " " <"$T/ids")"'

check 'the second project FC-B is built and closed (a loss)' '
	[ -f q/closing.ini ] && grep -q "^margin *= -33.34$" q/closing.ini'

# ---- summary ----

# Over several folders, the text is a table (over one, the statement).
cat >"$T/summary.txt" <<'EOF'
project  sales_incl_vat  vat_collected  turnover  charges_incl_vat  vat_deductible  charges  margin  cae_contribution  distributable  participants  hours  status
FC-TEST           87.00           8.20     78.80             78.90            8.92    69.98    8.82              0.88           7.94             4  43.75  open
FC-B              10.00           1.67      8.33             50.00            8.33    41.67  -33.34              0.00         -33.34             1   6.00  closed
-------  --------------  -------------  --------  ----------------  --------------  -------  ------  ----------------  -------------  ------------  -----  ------
total             97.00           9.87     87.13            128.90           17.25   111.65  -24.52              0.88         -25.40             5  49.75
EOF

cat >"$T/summary.csv" <<'EOF'
project,sales_incl_vat,vat_collected,turnover,charges_incl_vat,vat_deductible,charges,margin,cae_contribution,distributable,participants,hours,status
FC-TEST,87.00,8.20,78.80,78.90,8.92,69.98,8.82,0.88,7.94,4,43.75,open
total,87.00,8.20,78.80,78.90,8.92,69.98,8.82,0.88,7.94,4,43.75,
EOF

cat >"$T/summary.json" <<'EOF'
[
 {"project":"FC-TEST","sales_incl_vat":"87.00","vat_collected":"8.20","turnover":"78.80","charges_incl_vat":"78.90","vat_deductible":"8.92","charges":"69.98","margin":"8.82","cae_contribution":"0.88","distributable":"7.94","participants":4,"hours":"43.75","status":"open"},
 {"project":"total","sales_incl_vat":"87.00","vat_collected":"8.20","turnover":"78.80","charges_incl_vat":"78.90","vat_deductible":"8.92","charges":"69.98","margin":"8.82","cae_contribution":"0.88","distributable":"7.94","participants":4,"hours":"43.75","status":""}
]
EOF

check 'summary, text, several folders: a table, one row each, a totals row' '
	report "$T/summary.txt" summary p q'

check 'summary, text, one folder: the statement flashcoop-close --dry-run prints' '
	flashcoop-close -C p --dry-run >"$T/statement.txt" 2>/dev/null &&
	holds "$T/statement.txt" "Distributable result (résultat à répartir)" &&
	holds "$T/statement.txt" "7.94" &&
	report "$T/statement.txt" -C p summary &&
	report "$T/statement.txt" summary p'

check 'summary is the default report, in text by default' '
	report "$T/statement.txt" -C p'

check 'the statement: of the closing date once closed, provisional on --to' '
	report_head() { flashcoop-report "$@" | sed -n 2p; } &&
	same "Closing statement (bilan de clôture) of 2026-06-08" \
		"$(report_head q)" &&
	same "Figures so far on 2026-05-08 (provisional: not closed)" \
		"$(report_head p --to 2026-05-08)" &&
	same "Figures so far on $(date +%Y-%m-%d) (provisional: not closed)" \
		"$(report_head p)" &&
	flashcoop-report p --to 2026-05-07 >"$T/to.txt" &&
	grep -q "^  Sales incl\. VAT (ventes TTC) *18\.00\$" "$T/to.txt"'

check 'the statement of one project fits 80 columns' '
	for d in p q; do
		flashcoop-report "$d" >"$T/s.txt" &&
		w=$(wc -L <"$T/s.txt") && [ "$w" -le 80 ] ||
		{ echo "$d: $w columns"; return 1; }
	done'

check 'summary, csv: SPEC columns, then status' '
	report "$T/summary.csv" -C p summary --format csv'

check 'summary, json' '
	report "$T/summary.json" -C p summary --format json'

check 'summary: the project in the current folder, -C, $FLASHCOOP_DIR, DIR' '
	(cd p && report "$T/summary.csv" summary --format csv) &&
	FLASHCOOP_DIR=p report "$T/summary.csv" summary --format csv &&
	report "$T/summary.csv" summary --format csv p'

# The figures of flashcoop-close --dry-run, as a summary CSV row.
close_row() {
	flashcoop-close -C "$1" --dry-run 2>/dev/null | awk -v id="$2" '
	function last() { return $NF }
	/^  Sales incl\. VAT/ { s = last() }
	/^  VAT collected/ { vc = last() }
	/^  Turnover/ { tu = last() }
	/^  Charges incl\. VAT/ { ci = last() }
	/^  VAT deductible/ { vd = last() }
	/^  Charges before VAT/ { ch = last() }
	/^  Margin/ { m = last() }
	/^  CAE contribution/ { c = last() }
	/^  Distributable result/ { d = last() }
	/^  P[0-9][0-9][0-9] / { n++; split($2, hm, "."); h += hm[1] * 100 + hm[2] }
	END { printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d.%02d,open\n", id,
	      s, vc, tu, ci, vd, ch, m, c, d, n, h / 100, h % 100 }'
}

check 'summary: the same figures as flashcoop-close --dry-run (one code path)' '
	want=$(close_row p FC-TEST) &&
	got=$(flashcoop-report -C p summary --format csv | sed -n 2p) &&
	{ [ "$want" = "$got" ] ||
	  { echo "close:  $want"; echo "report: $got"; exit 1; }; }'

check 'summary of a closed project: its closing.ini figures, status closed' '
	flashcoop-report -C q summary --format csv >"$T/q.csv" &&
	row=$(sed -n 2p "$T/q.csv") &&
	want=$(awk -F" *= *" "
		/^(sales_incl_vat|vat_collected|turnover|charges_incl_vat|vat_deductible|charges|margin|cae_contribution|distributable|participants|hours) / { v = v \",\" \$2 }
		END { print \"FC-B\" v \",closed\" }" q/closing.ini) &&
	{ [ "$row" = "$want" ] ||
	  { echo "report:      $row"; echo "closing.ini: $want"; exit 1; }; } &&
	[ "$row" = "FC-B,10.00,1.67,8.33,50.00,8.33,41.67,-33.34,0.00,-33.34,1,6.00,closed" ]'

done_testing
