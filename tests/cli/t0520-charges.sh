#!/bin/sh
# flashcoop-report charges: by category and VAT rate by default, --by day,
# payment, vat, a period; figures worked out by hand on the known projects.
. "$(dirname "$0")/lib.sh"

# The projects p (FC-TEST, open) and q (FC-B, closed, a loss), with their
# figures worked out by hand: lib.sh, known_projects.
known_projects

# ---- charges ----

cat >"$T/charges.txt" <<'EOF'
project  category     vat_rate  rows  amount_incl_vat  before_vat   vat
FC-TEST  -stand             20     1            30.00       25.00  5.00
FC-TEST  ingredients       5.5     1            36.90       34.98  1.92
FC-TEST  packaging          20     1            12.00       10.00  2.00
-------  -----------  --------  ----  ---------------  ----------  ----
total                              3            78.90       69.98  8.92
EOF

cat >"$T/charges.csv" <<'EOF'
project,category,vat_rate,rows,amount_incl_vat,before_vat,vat
FC-TEST,'-stand,20,1,30.00,25.00,5.00
FC-TEST,ingredients,5.5,1,36.90,34.98,1.92
FC-TEST,packaging,20,1,12.00,10.00,2.00
total,,,3,78.90,69.98,8.92
EOF

cat >"$T/charges.json" <<'EOF'
[
 {"project":"FC-TEST","category":"-stand","vat_rate":"20","rows":1,"amount_incl_vat":"30.00","before_vat":"25.00","vat":"5.00"},
 {"project":"FC-TEST","category":"ingredients","vat_rate":"5.5","rows":1,"amount_incl_vat":"36.90","before_vat":"34.98","vat":"1.92"},
 {"project":"FC-TEST","category":"packaging","vat_rate":"20","rows":1,"amount_incl_vat":"12.00","before_vat":"10.00","vat":"2.00"},
 {"project":"total","category":"","vat_rate":"","rows":3,"amount_incl_vat":"78.90","before_vat":"69.98","vat":"8.92"}
]
EOF

check 'charges, text: by category and rate by default' '
	report "$T/charges.txt" -C p charges'

check 'charges, csv' '
	report "$T/charges.csv" -C p charges --format csv'

check 'charges, json (text as it is: no quote added)' '
	report "$T/charges.json" -C p charges --format json'

cat >"$T/charges-day.csv" <<'EOF'
project,day,vat_rate,rows,amount_incl_vat,before_vat,vat
FC-TEST,2026-05-05,5.5,1,36.90,34.98,1.92
FC-TEST,2026-05-05,20,1,30.00,25.00,5.00
FC-TEST,2026-05-06,20,1,12.00,10.00,2.00
total,,,3,78.90,69.98,8.92
EOF

cat >"$T/charges-payment.csv" <<'EOF'
project,payment,vat_rate,rows,amount_incl_vat,before_vat,vat
FC-TEST,card,5.5,1,36.90,34.98,1.92
FC-TEST,cash,20,1,30.00,25.00,5.00
FC-TEST,transfer,20,1,12.00,10.00,2.00
total,,,3,78.90,69.98,8.92
EOF

cat >"$T/charges-vat.csv" <<'EOF'
project,vat_rate,rows,amount_incl_vat,before_vat,vat
FC-TEST,5.5,1,36.90,34.98,1.92
FC-TEST,20,2,42.00,35.00,7.00
total,,3,78.90,69.98,8.92
EOF

check 'charges --by day, --by payment, --by vat, csv' '
	report "$T/charges-day.csv" -C p charges --by day --format csv &&
	report "$T/charges-payment.csv" -C p charges --by payment --format csv &&
	report "$T/charges-vat.csv" -C p charges --by vat --format csv'

# ---- periods ----

cat >"$T/charges-0505.csv" <<'EOF'
project,category,vat_rate,rows,amount_incl_vat,before_vat,vat
FC-TEST,'-stand,20,1,30.00,25.00,5.00
FC-TEST,ingredients,5.5,1,36.90,34.98,1.92
total,,,2,66.90,59.98,6.92
EOF

check 'charges --to: up to that day included' '
	report "$T/charges-0505.csv" -C p charges --to 2026-05-05 --format csv'

done_testing
