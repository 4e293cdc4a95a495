#!/bin/sh
# examples/ and completion/: make demo's week and its final figures, the
# yearly cron report, the import of a cash register's export, and the
# bash completion; the git hooks pre-merge-commit and pre-push
# (examples/git-pre-commit is run by t0410-check.sh).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
EX=$ROOT/examples
COMPLETION=$ROOT/completion/flashcoop.bash

# ---- make demo: examples/cookies-week.sh ----

DEMO=$T/demo/cookies
# The summary of the closed cookie week, as flashcoop-report summary
# --format csv prints it: sales 1060.00 incl. VAT (100 sales, the last
# voided, and 4 from the card terminal's batch imported twice), charges
# 212.70 incl. VAT at 5.5 % and 20 %, 8 participants, 326 hours.
SUMMARY='FC-2026-LYON-01,1060.00,84.58,975.42,212.70,20.71,191.99,782.93,78.29,704.64,8,326.00,closed'
HEADER='project,sales_incl_vat,vat_collected,turnover,charges_incl_vat,vat_deductible,charges,margin,cae_contribution,distributable,participants,hours,status'

check 'make demo: cookies-week.sh runs to its end, in DEMO_DIR' '
	mkdir -p "$T/demo" &&
	DEMO_DIR="$T/demo" sh "$EX/cookies-week.sh" >"$T/demo.out" 2>"$T/demo.err" ||
		{ cat "$T/demo.out" "$T/demo.err"; exit 1; }
	[ -f "$DEMO/closing.ini" ] &&
	grep -q "^The project is in $DEMO" "$T/demo.out"'

check 'make demo: the final summary line, to the cent' '
	flashcoop-report -C "$DEMO" summary --format csv >got &&
	[ "$(sed -n 1p got)" = "$HEADER" ] &&
	[ "$(sed -n 2p got)" = "$SUMMARY" ] || { cat got; exit 1; }
	grep -qxF "$SUMMARY" "$T/demo.out"'

check 'make demo: the books are sound (flashcoop-check, silent)' '
	flashcoop-check "$DEMO" >out 2>err && [ ! -s out ] && [ ! -s err ]'

check 'make demo: closing.csv, a header and 8 participants, shares add up to 704.64 (the 0.50 short is part of the result)' '
	[ "$(wc -l <"$DEMO/closing.csv")" = 9 ] &&
	head -n 1 "$DEMO/closing.csv" | grep -q "^participant,name,contract,hours,share," &&
	[ "$(cut -d, -f1 "$DEMO/closing.csv" | tail -n +2 | tr "\n" " ")" = \
	  "P001 P002 P003 P004 P005 P006 P007 P008 " ] &&
	awk -F, "NR > 1 { s += \$5 * 100 } END { exit !(s == 70464) }" \
		"$DEMO/closing.csv" &&
	[ "$(stat -c %a "$DEMO/closing.csv")" = 600 ]'

check 'make demo: the card export imported twice is recorded once' '
	[ "$(grep -c ",TPE-000[1-4]," "$DEMO/ledger.csv")" = 4 ] &&
	grep -q "0 recorded, 4 skipped" "$T/demo.err"'

check 'make demo: the project is closed, a write is refused (77)' '
	exits 77 flashcoop-record -C "$DEMO" hours --participant P001 \
		--hours 1 --date 2026-05-10'

check 'make demo: Aïcha'"'"'s attestation, the payroll CSV whose total is the distributable, the outcomes' '
	grep -qx "Attestation de participation" "$T/demo.out" &&
	grep -q "^  9 mai 2026  *9,50   sale\$" "$T/demo.out" &&
	grep -qx "project,participant,name,contract,contract_type,enrolled,withdrawn,hours,hours_by_day,share,employer_contributions,gross,employee_contributions,net,gross_per_hour,below_minimum,status" "$T/demo.out" &&
	grep -qx "total,,,,,,,326.00,,704.64,81.04,623.60,137.20,486.40,,," "$T/demo.out" &&
	grep -q "^P001,Aïcha,.*,employment,2026-05-10,employment\$" "$DEMO/participants.csv" &&
	flashcoop-report -C "$DEMO" funders --format csv >got &&
	grep -qx "FC-2026-LYON-01,positive_exit,,3" got &&
	grep -qx "FC-2026-LYON-01,positive_exit_rate,,75" got &&
	grep -q "warning: gross pay an hour below min_hourly_gross (12.02) for P001, P002, P003, P004, P005, P006, P007, P008" "$T/demo.err"'

# ---- examples/yearly-report.sh ----

# Two Flashcoops of 2026 (the demo's, closed, and a small open one), one
# of 2025 and a folder that is no project.
check 'yearly-report: the folders of a year' '
	mkdir -p "$T/fc/notes" && cp -R "$DEMO" "$T/fc/FC-2026-LYON-01" && adopt "$T/fc/FC-2026-LYON-01" &&
	flashcoop-init "$T/fc/2026/FC-2026-PARIS-01" --name "Flashcoop Vrac" \
		--start 2026-09-07 >/dev/null &&
	printf "sac-vrac = 8.00, 20\n" >>"$T/fc/2026/FC-2026-PARIS-01/flashcoop.ini" &&
	cd "$T/fc/2026/FC-2026-PARIS-01" &&
	flashcoop-enroll Zoé --contract CAPE-2026-101 --date 2026-09-07 \
		--gender F --birth-year 1999 --status RSA --referrer CCAS >/dev/null &&
	flashcoop-record sale --product sac-vrac --qty 3 --date 2026-09-10 >/dev/null &&
	flashcoop-record hours --participant P001 --hours 6 --date 2026-09-10 >/dev/null &&
	flashcoop-init "$T/fc/FC-2025-OLD" --name Old --start 2025-06-02 >/dev/null'

YEARLY_TOTAL='total,1084.00,88.58,995.42,212.70,20.71,191.99,802.93,80.29,722.64,9,332.00,'

check 'yearly-report: silent, two CSVs, the projects of 2026 and their total' '
	"$EX/yearly-report.sh" -o "$T/yr" "$T/fc" 2026 >out 2>err &&
	[ ! -s out ] && [ ! -s err ] &&
	[ "$(ls "$T/yr")" = "$(printf "2026-funders.csv\n2026-summary.csv")" ] &&
	[ "$(sed -n 1p "$T/yr/2026-summary.csv")" = "$HEADER" ] &&
	[ "$(cut -d, -f1 "$T/yr/2026-summary.csv" | tr "\n" " ")" = \
	  "project FC-2026-LYON-01 FC-2026-PARIS-01 total " ] &&
	grep -qxF "$SUMMARY" "$T/yr/2026-summary.csv" &&
	grep -qx "FC-2026-PARIS-01,24.00,4.00,20.00,0.00,0.00,0.00,20.00,2.00,18.00,1,6.00,open" \
		"$T/yr/2026-summary.csv" &&
	[ "$(tail -n 1 "$T/yr/2026-summary.csv")" = "$YEARLY_TOTAL" ] ||
		{ cat err "$T/yr/2026-summary.csv"; exit 1; }'

# A count of 1 or 2 people reads "< 3": Zoé alone in Paris, the demo's
# one withdrawal, CCAS once in each project (2 in all).
check 'yearly-report: the funders CSV, both projects and the total, no name' '
	F=$T/yr/2026-funders.csv &&
	[ "$(sed -n 1p "$F")" = "project,indicator,group,value" ] &&
	grep -qx "FC-2026-LYON-01,participants,,8" "$F" &&
	grep -qx "FC-2026-PARIS-01,participants,,< 3" "$F" &&
	grep -qx "total,participants,,9" "$F" &&
	grep -qx "total,withdrawn,,< 3" "$F" &&
	grep -qx "total,gender,F,5" "$F" &&
	grep -qx "total,referrer,CCAS,< 3" "$F" &&
	grep -qx "total,hours,,332.00" "$F" &&
	! grep -q "FC-2025" "$F" &&
	! grep -qi -e "Aïcha" -e "Zoé" -e CAPE- "$F"'

check 'yearly-report: another year, another set; a year without any: nothing written' '
	"$EX/yearly-report.sh" -o "$T/yr" "$T/fc" 2025 >out 2>err &&
	[ ! -s out ] && [ ! -s err ] &&
	[ "$(cut -d, -f1 "$T/yr/2025-summary.csv" | tr "\n" " ")" = \
	  "project FC-2025-OLD total " ] &&
	"$EX/yearly-report.sh" -o "$T/yr" "$T/fc" 2031 >out 2>err &&
	[ ! -s out ] && [ ! -s err ] && [ ! -e "$T/yr/2031-summary.csv" ]'

check 'yearly-report: defaults, ~/flashcoops and ROOT/reports' '
	mkdir -p h && ln -s "$T/fc" h/flashcoops &&
	HOME=$PWD/h "$EX/yearly-report.sh" "" 2026 >out 2>err &&
	[ ! -s err ] && cmp "$T/fc/reports/2026-summary.csv" "$T/yr/2026-summary.csv" &&
	rm -r "$T/fc/reports"'

check 'yearly-report: a broken project is named, left out, exit 1; the rest is written' '
	cp -R "$T/fc/2026/FC-2026-PARIS-01" "$T/fc/FC-2026-BROKEN" && adopt "$T/fc/FC-2026-BROKEN" &&
	sed -i "s/^id .*/id = FC-2026-BROKEN/" "$T/fc/FC-2026-BROKEN/flashcoop.ini" &&
	echo "S00002,2026-09-10,sale,sac-vrac,1,8.00,8.00" >>"$T/fc/FC-2026-BROKEN/ledger.csv" &&
	exits 1 "$EX/yearly-report.sh" -o "$T/yr2" "$T/fc" 2026 &&
	[ ! -s "$T/.stdout" ] &&
	grep -q "FC-2026-BROKEN" "$T/.err" &&
	[ "$(grep -c "FC-2026-BROKEN" "$T/.err")" -le 2 ] &&
	cmp "$T/yr/2026-summary.csv" "$T/yr2/2026-summary.csv" &&
	rm -r "$T/fc/FC-2026-BROKEN"'

check 'yearly-report: usage errors (64), no ROOT (66)' '
	exits 64 "$EX/yearly-report.sh" "$T/fc" 26 &&
	exits 64 "$EX/yearly-report.sh" -x &&
	exits 64 "$EX/yearly-report.sh" a b c &&
	exits 66 "$EX/yearly-report.sh" "$T/nowhere" 2026'

# ---- examples/import-cash-register.sh ----

EXPORT=$EX/cash-register-export.csv
IMP=$T/imp
check 'the example export: semicolons, decimal commas, CRLF' '
	head -n 1 "$EXPORT" | grep -q "^Date;Ticket;Article;Qt.*;Montant;Paiement.$" &&
	[ "$(grep -c "$(printf "\r")\$" "$EXPORT")" = "$(wc -l <"$EXPORT")" ] &&
	grep -q ";[0-9]*,[0-9][0-9];" "$EXPORT"'

check 'import-cash-register -n: the batch, one sale a line, ref = the ticket' '
	"$EX/import-cash-register.sh" -n "$EXPORT" >batch 2>err && [ ! -s err ] &&
	[ "$(sed -n 1p batch)" = "kind,date,product,quantity,amount,payment,ref" ] &&
	[ "$(sed -n 2p batch)" = "sale,2026-05-09,Cookie,4,\"10,00\",cash,T-000101" ] &&
	[ "$(wc -l <batch)" = "$(wc -l <"$EXPORT")" ] &&
	! grep -q "$(printf "\r")" batch &&
	[ "$(awk -F, "{ print \$NF }" batch | sort -u | wc -l)" = 12 ]'

check 'import-cash-register: the export is recorded, 13 sales, 272.50' '
	flashcoop-init "$IMP" --name Import --start 2026-05-04 >/dev/null &&
	printf "%s\n" "cookie = 2.50, 5.5" "cookie-choco = 3.00, 5.5" \
		"sachet-6 = 12.00, 5.5" "tote-bag = 8.00, 20" >>"$IMP/flashcoop.ini" &&
	"$EX/import-cash-register.sh" -C "$IMP" "$EXPORT" >ids 2>err &&
	[ ! -s err ] &&
	[ "$(tr "\n" " " <ids)" = "$(printf "S%05d " $(seq 1 13))" ] &&
	flashcoop-report -C "$IMP" sales --by payment --format csv >sales &&
	grep -qx "total,,,13,51,272.50,255.55,16.95" sales &&
	flashcoop-report -C "$IMP" summary --format csv | grep -q "^total,272.50,16.95,255.55," &&
	grep -q "^$(basename "$IMP"),transfer,5.5,1,10,120.00," sales &&
	plain "$IMP/ledger.csv" | grep -qx "S00001,2026-05-09,sale,cookie,4,2.50,10.00,5.5,,cash,,T-000101,,," &&
	flashcoop-check "$IMP"'

check 'import-cash-register again: nothing recorded twice, files unchanged' '
	before=$(snapshot "$IMP") &&
	"$EX/import-cash-register.sh" -C "$IMP" "$EXPORT" >ids 2>err &&
	[ ! -s ids ] && grep -q "0 recorded, 13 skipped" err &&
	[ "$before" = "$(snapshot "$IMP")" ]'

check 'import-cash-register: a bad line refuses it all, named by its line in the export' '
	sed "s/000111;Cookie;12;30,00/000112;Cookie;12;31,00/" "$EXPORT" >bad.csv &&
	before=$(snapshot "$IMP") &&
	exits 65 "$EX/import-cash-register.sh" -C "$IMP" bad.csv &&
	grep -q "bad.csv:14: column .amount." "$T/.err" &&
	[ "$before" = "$(snapshot "$IMP")" ]'

check 'import-cash-register: an unknown payment, a refund: refused before flashcoop-record' '
	sed "3s/Espèces/Bitcoin/" "$EXPORT" >bad.csv &&
	exits 65 "$EX/import-cash-register.sh" -C "$IMP" bad.csv &&
	grep -q "bad.csv:3: payment .Bitcoin." "$T/.err" &&
	sed "4s/;12,00;/;-12,00;/" "$EXPORT" >bad.csv &&
	exits 65 "$EX/import-cash-register.sh" -C "$IMP" bad.csv &&
	grep -q "bad.csv:4: a refund" "$T/.err"'

check 'import-cash-register: Windows-1252, other column names, a total line' '
	command -v iconv >/dev/null || { echo "# no iconv"; exit 0; }
	printf "N° ticket;Désignation;Quantité;Montant TTC;Mode de paiement;Date\r\n\"9\";\"Tote-bag\";\"2,00\";\"1 016,00 €\";\"Espèces\";10/05/2026 18:00\r\nTotal;;;16,00;;\r\n" |
		iconv -f UTF-8 -t WINDOWS-1252 >cp.csv &&
	"$EX/import-cash-register.sh" -e WINDOWS-1252 -n cp.csv >batch &&
	[ "$(sed -n 2p batch)" = "sale,2026-05-10,Tote-bag,2,\"1016,00\",cash,T-9" ] &&
	[ "$(wc -l <batch)" = 2 ]'

check 'import-cash-register: a UTF-8 byte order mark, a tab-separated export, -p' '
	printf "\357\273\277Ticket\tDate\tArticle\tQty\tAmount\tPayment\n12\t2026-05-09\tcookie\t1\t2.50\tcard\n" >tab.csv &&
	"$EX/import-cash-register.sh" -p CAISSE2- -n tab.csv >batch &&
	[ "$(sed -n 1p batch)" = "kind,date,product,quantity,amount,payment,ref" ] &&
	[ "$(sed -n 2p batch)" = "sale,2026-05-09,cookie,1,2.50,card,CAISSE2-12" ]'

# ---- the git hooks of a merge and a push ----

# hooked HOOK...: a git repository in ./r with the full week at its top,
# committed, and examples/git-HOOK installed as each HOOK.
hooked() {
	git init -q r && cd r &&
	git config user.name "Test" && git config user.email test@example.org &&
	git config commit.gpgsign false && git config core.hooksPath .git/hooks &&
	mkdir -p .git/hooks &&
	for _h in "$@"; do
		cp "$EX/git-$_h" ".git/hooks/$_h" && chmod +x ".git/hooks/$_h" || return 1
	done &&
	full_week . && git add -A && git commit -q -m "the week" &&
	git branch -M main
}

check 'examples/git-pre-merge-commit, git-pre-push: executable POSIX sh, sh -n' '
	for f in git-pre-merge-commit git-pre-push; do
		[ -x "$EX/$f" ] || { echo "$f is not executable"; exit 1; }
		head -n 1 "$EX/$f" | grep -qx "#!/bin/sh" &&
		sh -n "$EX/$f" || exit 1
	done &&
	{ ! command -v shellcheck >/dev/null ||
	  shellcheck -s sh "$EX/git-pre-merge-commit" "$EX/git-pre-push"; }'

check 'hook pre-merge-commit: a sound merge is committed; rows after the other side closed are not (1)' '
	fresh && hooked pre-merge-commit &&
	git checkout -q -b stall &&
	flashcoop-record charge --amount 3.00 --category ingredients --vat 5.5 \
		--date 2026-05-10 >/dev/null && git add -A && git commit -q -m charge &&
	git checkout -q main && echo note >README && git add README &&
	git commit -q -m readme &&
	git merge --no-ff --no-edit -m sound stall >"$T/.stdout" 2>"$T/.err" ||
		{ cat "$T/.err"; exit 1; }
	[ "$(git log -1 --format=%s)" = sound ] && flashcoop-check . &&
	git reset -q --hard HEAD~1 &&
	flashcoop-close --date 2026-05-13 >/dev/null 2>&1 && git add -A &&
	git commit -q -m closed && h=$(git rev-parse HEAD) &&
	! git merge --no-ff --no-edit -m "after the closing" stall >"$T/.stdout" 2>"$T/.err" &&
	same "$h" "$(git rev-parse HEAD)" &&
	grep -q "^ledger.csv: changed after the closing" "$T/.err" &&
	grep -q "^pre-merge-commit: .*git merge --abort" "$T/.err" &&
	git merge --abort && same "$h" "$(git rev-parse HEAD)" &&
	[ -z "$(git status --porcelain)" ]'

check 'hook pre-push: a broken tip is not pushed (1), its ref named; a sound one is' '
	fresh && git init -q --bare hub.git && hooked pre-push &&
	git remote add origin ../hub.git &&
	git push -q origin main >"$T/.stdout" 2>"$T/.err" || { cat "$T/.err"; exit 1; }
	h=$(git rev-parse HEAD) &&
	sed -i "3s/,6\.00,/,12.345,/" ledger.csv && git commit -q -a -m broken &&
	! git push -q origin main >"$T/.stdout" 2>"$T/.err" &&
	grep -q "^pre-push: refs/heads/main:" "$T/.err" &&
	grep -q "^ledger.csv:3: .*12\.345" "$T/.err" &&
	same "$h" "$(git --git-dir=../hub.git rev-parse main)" &&
	git revert --no-edit HEAD >/dev/null &&
	git push -q origin main >"$T/.stdout" 2>"$T/.err" &&
	same "$(git rev-parse HEAD)" "$(git --git-dir=../hub.git rev-parse main)"'

# ---- the example scripts: POSIX sh, shellcheck when there ----

check 'examples: executable POSIX sh, sh -n' '
	for f in cookies-week.sh yearly-report.sh import-cash-register.sh; do
		[ -x "$EX/$f" ] || { echo "$f is not executable"; exit 1; }
		head -n 1 "$EX/$f" | grep -qx "#!/bin/sh" &&
		sh -n "$EX/$f" || exit 1
	done'

check 'examples: shellcheck -s sh (skipped when it is not installed)' '
	command -v shellcheck >/dev/null || { echo "# no shellcheck"; exit 0; }
	shellcheck -s sh "$EX/yearly-report.sh" "$EX/import-cash-register.sh"'

# ---- completion/flashcoop.bash ----

if ! command -v bash >/dev/null 2>&1; then
	echo "# bash is not installed: the completion checks are skipped"
	done_testing
	exit
fi

check 'completion: bash -n, and shellcheck -s bash when installed' '
	bash -n "$COMPLETION" &&
	{ ! command -v shellcheck >/dev/null || shellcheck -s bash "$COMPLETION"; }'

# comp WORD...: the candidates bash completion offers for the last WORD
# (COMP_WORDS and COMP_CWORD set by hand), one a line.
cat >"$T/comp.bash" <<'EOF'
. "$COMPLETION" || exit 1
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMPREPLY=()
_flashcoop "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
EOF
comp() {
	COMPLETION=$COMPLETION bash "$T/comp.bash" "$@" 2>"$T/.comperr"
}
# offers "CANDIDATES" WORD...: comp WORD... gives exactly these (in order).
offers() {
	want=$1
	shift
	got=$(comp "$@" | tr "\n" " ")
	[ "$got" = "$want " ] && [ ! -s "$T/.comperr" ] || {
		echo "completing: $*"
		echo "want: $want"
		echo "got:  $got"
		cat "$T/.comperr"
		return 1
	}
}

check 'completion: registered for the six commands' '
	COMPLETION=$COMPLETION bash -c ". \"\$COMPLETION\" && complete -p" >out &&
	for c in init enroll record close check report; do
		grep -q "^complete -F _flashcoop .*flashcoop-$c\( \|\$\)" out ||
			{ echo "no completion for flashcoop-$c"; exit 1; }
	done'

check 'completion: the subcommands of flashcoop-record, the report kinds' '
	offers "sale charge hours count deposit lot loss void" flashcoop-record "" &&
	offers "charge count" flashcoop-record -C "$DEMO" c &&
	offers "sales" flashcoop-report sal &&
	cd "$T/demo" &&
	offers "summary sales charges hours participants funders payroll cash z balance general-ledger income stock trace entries bilan attestation workbook labels cookies" \
		flashcoop-report ""'

check 'completion: the options of each command and subcommand' '
	offers "--product --qty --price --vat --payment --by --lot --date --ref --note" \
		flashcoop-record sale -- &&
	offers "--qty --price --vat --payment --by --lot --date --ref --note" \
		flashcoop-record sale --product cookie -- &&
	offers "--product --qty --uses --date --note" flashcoop-record lot -- &&
	offers "--qty --reason --lot --date --note" flashcoop-record loss --product cookie -- &&
	offers "L00001 L00002" flashcoop-record -C "$DEMO" loss --lot "" &&
	offers "L00001 L00002" flashcoop-report -C "$DEMO" trace --lot "" &&
	offers "--amount --date --note" flashcoop-record count -- &&
	offers "--reason" flashcoop-record void S00001 --r &&
	offers "-C --batch -h --help --version" flashcoop-record - &&
	offers "--dry-run --date --day" flashcoop-close --d &&
	offers "--days" flashcoop-init p --da &&
	offers "--date --reason" flashcoop-enroll --withdraw P001 --
'

check 'completion: participant ids of the project (-C, $FLASHCOOP_DIR, .)' '
	offers "P001 P002 P003 P004 P005 P006 P007 P008" \
		flashcoop-record -C "$DEMO" sale --by "" &&
	offers "P001 P002 P003 P004 P005 P006 P007 P008" \
		flashcoop-record -C "$DEMO" sale --by = "" &&
	(export FLASHCOOP_DIR="$DEMO" &&
	 offers "P001 P002 P003 P004 P005 P006 P007 P008" \
		flashcoop-record hours --participant P00) &&
	cd "$DEMO" &&
	offers "P001 P002 P003 P004 P005 P006 P007" flashcoop-enroll --withdraw "" &&
	cd "$T" && offers "" flashcoop-record sale --by ""'

check 'completion: products of the catalogue, payments, formats, dimensions' '
	offers "cookie cookie-choco sachet-6 tote-bag" \
		flashcoop-record -C "$DEMO" sale --product "" &&
	offers "cookie-choco" flashcoop-record -C "$DEMO" sale --product cookie- &&
	offers "cash card cheque transfer other" flashcoop-record sale --payment "" &&
	offers "text csv json xlsx" flashcoop-report --format "" &&
	offers "fec ledger hledger csv xlsx" flashcoop-report entries --format "" &&
	offers "day,product day,payment day,participant" \
		flashcoop-report sales --by day,p &&
	offers "day participant role" flashcoop-report hours --by ""'

check 'completion: the ids a void may name, not those voided already' '
	offers "S00101 S00102 S00103 S00104" flashcoop-record -C "$DEMO" void S0010 &&
	offers "H00050 H00051 H00052" flashcoop-record -C "$DEMO" void H0005'

check 'completion: the days of the project for --date' '
	comp flashcoop-record -C "$DEMO" sale --date 2026-05 | sort | tr "\n" " " >got &&
	[ "$(cat got)" = "2026-05-04 2026-05-05 2026-05-06 2026-05-07 2026-05-08 2026-05-09 2026-05-10 " ] ||
	{ cat got; exit 1; }'

check 'completion: what a project holds is never run as code' '
	mkdir -p evil && cd evil &&
	printf "[flashcoop]\nstart = 2026-05-04\n[products]\nx\$(touch PWNED)y = 1.00, 5.5\n\`touch PWNED2\` = 1.00, 5.5\n" >flashcoop.ini &&
	printf "id,name\n\$(touch PWNED3),x\n" >participants.csv &&
	comp flashcoop-record sale --product "" >out &&
	comp flashcoop-record sale --by "" >>out &&
	[ ! -e PWNED ] && [ ! -e PWNED2 ] && [ ! -e PWNED3 ] &&
	[ "$(grep -ci pwned out)" = 3 ]'

done_testing
