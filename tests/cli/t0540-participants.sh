#!/bin/sh
# flashcoop-report participants: one row per participant, no total, no
# name unless --names; text cells neutralised in CSV only; figures worked
# out by hand on the known projects.
. "$(dirname "$0")/lib.sh"

# The projects p (FC-TEST, open) and q (FC-B, closed, a loss), with their
# figures worked out by hand: lib.sh, known_projects.
known_projects

# ---- participants ----

cat >"$T/participants.txt" <<'EOF'
project  participant  enrolled    withdrawn   gender  birth_year  status_at_entry  referrer        hours  sales_incl_vat  contract_type  education  qpv  disability  exit_status  exit_date  status_6_months
FC-TEST  P001         2026-05-04              F       2000        unemployed       Mission Locale  20.50           35.00  CAPE
FC-TEST  P002         2026-05-04              M       2008        student          =cmd|calc       14.25            8.00  CAPE
FC-TEST  P003         2026-05-04              F       1975        RSA              France Travail   5.00           29.00  CAPE
FC-TEST  P004         2026-05-04  2026-05-06          2010                                          4.00            0.00  CAPE
EOF

cat >"$T/participants.csv" <<'EOF'
project,participant,enrolled,withdrawn,gender,birth_year,status_at_entry,referrer,hours,sales_incl_vat,contract_type,education,qpv,disability,exit_status,exit_date,status_6_months
FC-TEST,P001,2026-05-04,,F,2000,unemployed,Mission Locale,20.50,35.00,CAPE,,,,,,
FC-TEST,P002,2026-05-04,,M,2008,student,'=cmd|calc,14.25,8.00,CAPE,,,,,,
FC-TEST,P003,2026-05-04,,F,1975,RSA,France Travail,5.00,29.00,CAPE,,,,,,
FC-TEST,P004,2026-05-04,2026-05-06,,2010,,,4.00,0.00,CAPE,,,,,,
EOF

cat >"$T/participants.json" <<'EOF'
[
 {"project":"FC-TEST","participant":"P001","enrolled":"2026-05-04","withdrawn":"","gender":"F","birth_year":"2000","status_at_entry":"unemployed","referrer":"Mission Locale","hours":"20.50","sales_incl_vat":"35.00","contract_type":"CAPE","education":"","qpv":"","disability":"","exit_status":"","exit_date":"","status_6_months":""},
 {"project":"FC-TEST","participant":"P002","enrolled":"2026-05-04","withdrawn":"","gender":"M","birth_year":"2008","status_at_entry":"student","referrer":"=cmd|calc","hours":"14.25","sales_incl_vat":"8.00","contract_type":"CAPE","education":"","qpv":"","disability":"","exit_status":"","exit_date":"","status_6_months":""},
 {"project":"FC-TEST","participant":"P003","enrolled":"2026-05-04","withdrawn":"","gender":"F","birth_year":"1975","status_at_entry":"RSA","referrer":"France Travail","hours":"5.00","sales_incl_vat":"29.00","contract_type":"CAPE","education":"","qpv":"","disability":"","exit_status":"","exit_date":"","status_6_months":""},
 {"project":"FC-TEST","participant":"P004","enrolled":"2026-05-04","withdrawn":"2026-05-06","gender":"","birth_year":"2010","status_at_entry":"","referrer":"","hours":"4.00","sales_incl_vat":"0.00","contract_type":"CAPE","education":"","qpv":"","disability":"","exit_status":"","exit_date":"","status_6_months":""}
]
EOF

check 'participants, text: no total row, no name' '
	report "$T/participants.txt" -C p participants'

check 'participants, csv (a referrer beginning with = neutralised)' '
	report "$T/participants.csv" -C p participants --format csv'

check 'participants, json' '
	report "$T/participants.json" -C p participants --format json'

cat >"$T/participants-names.csv" <<'EOF'
project,participant,name,contract,enrolled,withdrawn,gender,birth_year,status_at_entry,referrer,hours,sales_incl_vat,contract_type,education,qpv,disability,exit_status,exit_date,status_6_months
FC-TEST,P001,Alice Martin,CAPE-ALICE,2026-05-04,,F,2000,unemployed,Mission Locale,20.50,35.00,CAPE,,,,,,
FC-TEST,P002,Bruno Durand,CAPE-BRUNO,2026-05-04,,M,2008,student,'=cmd|calc,14.25,8.00,CAPE,,,,,,
FC-TEST,P003,Chloé Petit,CAPE-CHLOE,2026-05-04,,F,1975,RSA,France Travail,5.00,29.00,CAPE,,,,,,
FC-TEST,P004,David Leroy,CAPE-DAVID,2026-05-04,2026-05-06,,2010,,,4.00,0.00,CAPE,,,,,,
EOF

check 'participants --names, csv: name and contract after the id' '
	report "$T/participants-names.csv" -C p participants --names --format csv'

check 'participants --names, json: names as UTF-8 strings' '
	flashcoop-report -C p participants --names --format json >"$T/r.json" &&
	python3 -c "
import json, sys
d = json.load(open(sys.argv[1], encoding=\"utf-8\"))
assert [o[\"name\"] for o in d] == [\"Alice Martin\", \"Bruno Durand\",
       \"Chlo\u00e9 Petit\", \"David Leroy\"], d
assert d[3][\"contract\"] == \"CAPE-DAVID\"
" "$T/r.json"'

# ---- spreadsheet formula injection ----

cat >"$T/n.csv" <<'EOF'
project,participant,name,contract,enrolled,withdrawn,gender,birth_year,status_at_entry,referrer,hours,sales_incl_vat,contract_type,education,qpv,disability,exit_status,exit_date,status_6_months
FC-N,P001,"'=SUM(A1), ""x""",'+C1,2026-05-04,,'@g,,'+33 RSA,'-r,0.00,0.00,CESA,4,yes,no,,,
EOF

check 'CSV: names, contracts and every text field neutralised and quoted' '
	flashcoop-init n --name "N" --id FC-N --start 2026-05-04 >/dev/null &&
	flashcoop-enroll -C n "=SUM(A1), \"x\"" --contract "+C1" \
		--date 2026-05-04 --gender "@g" --status "+33 RSA" \
		--referrer "-r" --contract-type cesa --education 4 --qpv yes \
		--disability no >/dev/null &&
	report "$T/n.csv" -C n participants --names --format csv &&
	flashcoop-report -C n funders --format csv >"$T/a" &&
	grep -qx "FC-N,gender,'"'"'@g,< 3" "$T/a" &&
	grep -qx "FC-N,status_at_entry,'"'"'+33 RSA,< 3" "$T/a" &&
	grep -qx "FC-N,referrer,'"'"'-r,< 3" "$T/a" &&
	grep -qx "FC-N,age_band,unknown,< 3" "$T/a" &&
	grep -qx "FC-N,withdrawn,,0" "$T/a"'

check 'text and JSON keep the text as it is (no quote added)' '
	flashcoop-report -C p participants >"$T/a" &&
	grep -q " =cmd|calc " "$T/a" && ! grep -q "'"'"'=" "$T/a" &&
	flashcoop-report -C p participants --format json >"$T/a" &&
	grep -q "\"referrer\":\"=cmd|calc\"" "$T/a"'

check 'the outcomes, once updated, are columns of their own (exit date: the end by default)' '
	flashcoop-enroll -C n --update P001 --exit-status Training \
		--status-6-months employment &&
	flashcoop-report -C n participants --format csv >"$T/a" &&
	same "FC-N,P001,2026-05-04,,'"'"'@g,,'"'"'+33 RSA,'"'"'-r,0.00,0.00,CESA,4,yes,no,training,2026-05-10,employment" \
		"$(sed -n 2p "$T/a")"'

done_testing
