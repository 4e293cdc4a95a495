#!/bin/sh
# flashcoop-report sales: by day and VAT rate by default, every --by
# (day, payment, product, participant, vat, category), --names, periods,
# several folders; figures worked out by hand on the known projects.
. "$(dirname "$0")/lib.sh"

# The projects p (FC-TEST, open) and q (FC-B, closed, a loss), with their
# figures worked out by hand: lib.sh, known_projects.
known_projects

# ---- sales ----

cat >"$T/sales.txt" <<'EOF'
project  day         vat_rate  rows  quantity  amount_incl_vat  before_vat   vat
FC-TEST  2026-05-07       5.5     1         4            10.00        9.48  0.52
FC-TEST  2026-05-07        20     1         1             8.00        6.67  1.33
FC-TEST  2026-05-08       5.5     2        12            30.00       28.44  1.56
FC-TEST  2026-05-09       5.5     1         6            15.00       14.21  0.79
FC-TEST  2026-05-09        20     1         3            24.00       20.00  4.00
-------  ----------  --------  ----  --------  ---------------  ----------  ----
total                             6        26            87.00       78.80  8.20
EOF

cat >"$T/sales.csv" <<'EOF'
project,day,vat_rate,rows,quantity,amount_incl_vat,before_vat,vat
FC-TEST,2026-05-07,5.5,1,4,10.00,9.48,0.52
FC-TEST,2026-05-07,20,1,1,8.00,6.67,1.33
FC-TEST,2026-05-08,5.5,2,12,30.00,28.44,1.56
FC-TEST,2026-05-09,5.5,1,6,15.00,14.21,0.79
FC-TEST,2026-05-09,20,1,3,24.00,20.00,4.00
total,,,6,26,87.00,78.80,8.20
EOF

cat >"$T/sales.json" <<'EOF'
[
 {"project":"FC-TEST","day":"2026-05-07","vat_rate":"5.5","rows":1,"quantity":4,"amount_incl_vat":"10.00","before_vat":"9.48","vat":"0.52"},
 {"project":"FC-TEST","day":"2026-05-07","vat_rate":"20","rows":1,"quantity":1,"amount_incl_vat":"8.00","before_vat":"6.67","vat":"1.33"},
 {"project":"FC-TEST","day":"2026-05-08","vat_rate":"5.5","rows":2,"quantity":12,"amount_incl_vat":"30.00","before_vat":"28.44","vat":"1.56"},
 {"project":"FC-TEST","day":"2026-05-09","vat_rate":"5.5","rows":1,"quantity":6,"amount_incl_vat":"15.00","before_vat":"14.21","vat":"0.79"},
 {"project":"FC-TEST","day":"2026-05-09","vat_rate":"20","rows":1,"quantity":3,"amount_incl_vat":"24.00","before_vat":"20.00","vat":"4.00"},
 {"project":"total","day":"","vat_rate":"","rows":6,"quantity":26,"amount_incl_vat":"87.00","before_vat":"78.80","vat":"8.20"}
]
EOF

check 'sales, text: by day and VAT rate, the voided sale nowhere' '
	report "$T/sales.txt" -C p sales'

check 'sales, csv' '
	report "$T/sales.csv" -C p sales --format csv'

check 'sales, json' '
	report "$T/sales.json" -C p sales --format json'

check 'sales: the groups add up to the turnover per rate (78.80), the rounding on the rate'"'"'s last group' '
	[ "$(flashcoop-report -C p sales --format csv | tail -n 1)" = \
	  "total,,,6,26,87.00,78.80,8.20" ] &&
	flashcoop-report -C p summary --format csv | sed -n 2p |
		grep -q "^FC-TEST,87.00,8.20,78.80,"'

cat >"$T/cash.txt" <<'EOF'
project  day         payment  vat_rate  rows  quantity  amount_incl_vat  before_vat   vat
FC-TEST  2026-05-07  card           20     1         1             8.00        6.67  1.33
FC-TEST  2026-05-07  cash          5.5     1         4            10.00        9.48  0.52
FC-TEST  2026-05-08  card          5.5     1        10            25.00       23.70  1.30
FC-TEST  2026-05-08  cash          5.5     1         2             5.00        4.74  0.26
FC-TEST  2026-05-09  cash          5.5     1         6            15.00       14.21  0.79
FC-TEST  2026-05-09  cheque         20     1         3            24.00       20.00  4.00
-------  ----------  -------  --------  ----  --------  ---------------  ----------  ----
total                                      6        26            87.00       78.80  8.20
EOF

cat >"$T/cash.csv" <<'EOF'
project,day,payment,vat_rate,rows,quantity,amount_incl_vat,before_vat,vat
FC-TEST,2026-05-07,card,20,1,1,8.00,6.67,1.33
FC-TEST,2026-05-07,cash,5.5,1,4,10.00,9.48,0.52
FC-TEST,2026-05-08,card,5.5,1,10,25.00,23.70,1.30
FC-TEST,2026-05-08,cash,5.5,1,2,5.00,4.74,0.26
FC-TEST,2026-05-09,cash,5.5,1,6,15.00,14.21,0.79
FC-TEST,2026-05-09,cheque,20,1,3,24.00,20.00,4.00
total,,,,6,26,87.00,78.80,8.20
EOF

check 'sales --by day,payment: the cash book, per day x payment x rate (text)' '
	report "$T/cash.txt" -C p sales --by day,payment'

check 'sales --by day,payment, csv; the voided transfer group left out' '
	report "$T/cash.csv" -C p sales --by day,payment --format csv &&
	! grep -q transfer "$T/.got"'

check '--by payment,day: the columns keep their fixed order' '
	report "$T/cash.csv" -C p sales --by payment,day --format csv'

cat >"$T/product.csv" <<'EOF'
project,product,vat_rate,rows,quantity,amount_incl_vat,before_vat,vat
FC-TEST,'@sac,20,2,4,32.00,26.67,5.33
FC-TEST,cookie,5.5,4,22,55.00,52.13,2.87
total,,,6,26,87.00,78.80,8.20
EOF

check 'sales --by product, csv (a product beginning with @ neutralised)' '
	report "$T/product.csv" -C p sales --by product --format csv'

cat >"$T/seller.csv" <<'EOF'
project,participant,vat_rate,rows,quantity,amount_incl_vat,before_vat,vat
FC-TEST,,5.5,1,6,15.00,14.22,0.78
FC-TEST,P001,5.5,2,14,35.00,33.18,1.82
FC-TEST,P002,20,1,1,8.00,6.67,1.33
FC-TEST,P003,5.5,1,2,5.00,4.73,0.27
FC-TEST,P003,20,1,3,24.00,20.00,4.00
total,,,6,26,87.00,78.80,8.20
EOF

check 'sales --by participant, csv: ids only, a sale by nobody first' '
	report "$T/seller.csv" -C p sales --by participant --format csv'

cat >"$T/vat.csv" <<'EOF'
project,vat_rate,rows,quantity,amount_incl_vat,before_vat,vat
FC-TEST,5.5,4,22,55.00,52.13,2.87
FC-TEST,20,2,4,32.00,26.67,5.33
total,,6,26,87.00,78.80,8.20
EOF

check 'sales --by vat, csv: rates in numeric order, the figures of summary' '
	report "$T/vat.csv" -C p sales --by vat --format csv'

check 'sales --by category: sales have none, one empty group per rate' '
	flashcoop-report -C p sales --by category --format csv >"$T/.got" &&
	[ "$(sed -n "2,3p" "$T/.got" | tr "\n" " ")" = \
	  "FC-TEST,,5.5,4,22,55.00,52.13,2.87 FC-TEST,,20,2,4,32.00,26.67,5.33 " ]'

# ---- several folders ----

check 'several folders, sales csv: the rows of each project, then one total' '
	flashcoop-report sales --format csv p q >"$T/.got" &&
	[ "$(sed -n 7p "$T/.got")" = "FC-B,2026-06-02,20,1,2,10.00,8.33,1.67" ] &&
	[ "$(sed -n 8p "$T/.got")" = "total,,,7,28,97.00,87.13,9.87" ] &&
	[ "$(wc -l <"$T/.got")" = 8 ]'

# ---- names ----

cat >"$T/seller-names.txt" <<'EOF'
project  participant  name          vat_rate  rows  quantity  amount_incl_vat  before_vat   vat
FC-TEST                                  5.5     1         6            15.00       14.22  0.78
FC-TEST  P001         Alice Martin       5.5     2        14            35.00       33.18  1.82
FC-TEST  P002         Bruno Durand        20     1         1             8.00        6.67  1.33
FC-TEST  P003         Chloé Petit        5.5     1         2             5.00        4.73  0.27
FC-TEST  P003         Chloé Petit         20     1         3            24.00       20.00  4.00
-------  -----------  ------------  --------  ----  --------  ---------------  ----------  ----
total                                            6        26            87.00       78.80  8.20
EOF

check 'sales --by participant --names, text: the name beside the id, aligned (é)' '
	report "$T/seller-names.txt" -C p sales --by participant --names'

# ---- periods ----

cat >"$T/sales-0508.csv" <<'EOF'
project,day,vat_rate,rows,quantity,amount_incl_vat,before_vat,vat
FC-TEST,2026-05-08,5.5,2,12,30.00,28.44,1.56
total,,,2,12,30.00,28.44,1.56
EOF

cat >"$T/sales-0509.csv" <<'EOF'
project,payment,vat_rate,rows,quantity,amount_incl_vat,before_vat,vat
FC-TEST,cash,5.5,1,6,15.00,14.22,0.78
FC-TEST,cheque,20,1,3,24.00,20.00,4.00
total,,,2,9,39.00,34.22,4.78
EOF

check 'sales --from D --to D: one day, both bounds included' '
	report "$T/sales-0508.csv" -C p sales --from 2026-05-08 --to 2026-05-08 \
		--format csv'

check 'sales --from: the last day, its voided sale still voided' '
	report "$T/sales-0509.csv" -C p sales --from 2026-05-09 --by payment \
		--format csv'
check 'a period with nothing in it: only a zero total row' '
	flashcoop-report -C p sales --from 2026-05-10 --format csv >"$T/.got" &&
	[ "$(tail -n +2 "$T/.got")" = "total,,,0,0,0.00,0.00,0.00" ]'

done_testing
