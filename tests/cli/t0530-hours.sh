#!/bin/sh
# flashcoop-report hours: by participant by default, --by day and
# day,participant, --names, a period; the voided hours nowhere; figures
# worked out by hand on the known projects.
. "$(dirname "$0")/lib.sh"

# The projects p (FC-TEST, open) and q (FC-B, closed, a loss), with their
# figures worked out by hand: lib.sh, known_projects.
known_projects

# ---- hours ----

cat >"$T/hours.txt" <<'EOF'
project  participant  rows  hours
FC-TEST  P001            3  20.50
FC-TEST  P002            2  14.25
FC-TEST  P003            1   5.00
FC-TEST  P004            1   4.00
-------  -----------  ----  -----
total                    7  43.75
EOF

cat >"$T/hours.csv" <<'EOF'
project,participant,rows,hours
FC-TEST,P001,3,20.50
FC-TEST,P002,2,14.25
FC-TEST,P003,1,5.00
FC-TEST,P004,1,4.00
total,,7,43.75
EOF

cat >"$T/hours.json" <<'EOF'
[
 {"project":"FC-TEST","participant":"P001","rows":3,"hours":"20.50"},
 {"project":"FC-TEST","participant":"P002","rows":2,"hours":"14.25"},
 {"project":"FC-TEST","participant":"P003","rows":1,"hours":"5.00"},
 {"project":"FC-TEST","participant":"P004","rows":1,"hours":"4.00"},
 {"project":"total","participant":"","rows":7,"hours":"43.75"}
]
EOF

check 'hours, text: by participant by default, the voided row nowhere' '
	report "$T/hours.txt" -C p hours'

check 'hours, csv' '
	report "$T/hours.csv" -C p hours --format csv'

check 'hours, json' '
	report "$T/hours.json" -C p hours --format json'

cat >"$T/hours-day.csv" <<'EOF'
project,day,rows,hours
FC-TEST,2026-05-05,3,18.00
FC-TEST,2026-05-07,3,18.75
FC-TEST,2026-05-08,1,7.00
total,,7,43.75
EOF

cat >"$T/hours-dp.csv" <<'EOF'
project,day,participant,rows,hours
FC-TEST,2026-05-05,P001,1,7.00
FC-TEST,2026-05-05,P002,1,7.00
FC-TEST,2026-05-05,P004,1,4.00
FC-TEST,2026-05-07,P001,1,6.50
FC-TEST,2026-05-07,P002,1,7.25
FC-TEST,2026-05-07,P003,1,5.00
FC-TEST,2026-05-08,P001,1,7.00
total,,,7,43.75
EOF

check 'hours --by day, csv' '
	report "$T/hours-day.csv" -C p hours --by day --format csv'

check 'hours --by day,participant: the all-voided group (05-08 P003) left out' '
	report "$T/hours-dp.csv" -C p hours --by day,participant --format csv'

# ---- names ----

cat >"$T/hours-names.csv" <<'EOF'
project,participant,name,rows,hours
FC-TEST,P001,Alice Martin,3,20.50
FC-TEST,P002,Bruno Durand,2,14.25
FC-TEST,P003,Chloé Petit,1,5.00
FC-TEST,P004,David Leroy,1,4.00
total,,,7,43.75
EOF

check 'hours --names, csv: the name after the id' '
	report "$T/hours-names.csv" -C p hours --names --format csv'

check 'hours --names --by day: no participant column, so no name' '
	report "$T/hours-day.csv" -C p hours --names --by day --format csv'

# ---- periods ----

cat >"$T/hours-0507.csv" <<'EOF'
project,participant,rows,hours
FC-TEST,P001,2,13.50
FC-TEST,P002,1,7.25
FC-TEST,P003,1,5.00
total,,4,25.75
EOF
check 'hours --from --to: two days, the voided hours left out' '
	report "$T/hours-0507.csv" -C p hours --from 2026-05-07 --to 2026-05-08 \
		--format csv'

done_testing
