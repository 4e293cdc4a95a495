#!/bin/sh
# Issue 16: terminals, the chain and daily closings, kept in git.
#   A. the two-place week: the office and the stall each record, then
#      merge both ways and by rebase; every report equals the same week
#      recorded in one folder by one terminal;
#   B. the period closed at the office before the stall's last push, and
#      the way out (revert, merge, close again);
#   C. the same row voided on both terminals before they met;
#   F. which copy is a terminal, and what it may do; --chain.
# The tampering and the shell loop of flashcoop-ledger(5) are in
# t0441-tamper.sh, the daily closings' figures in t0442-days.sh.
. "$(dirname "$0")/lib.sh"

command -v git >/dev/null 2>&1 || { echo "1..0 # SKIP git is not installed"; exit 0; }

export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.org
export GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.org
export GIT_CONFIG_NOSYSTEM=1 HOME="$T"

# ---- the two-place week ----

# The week, told once (DIR = p in a repository, or a single folder):
#   the office, before the stall is cloned:
#     P001 Ada, P002 Bob, P003 Chloé, enrolled 2026-05-04
#     C00001 2026-05-05 ingredients 36.90 at 5.5 %, card
#     H00001 P001 7 h 2026-05-05
#   the stall (ids -stall), on 2026-05-09 then 2026-05-10:
#     S 10 cookies 25.00 cash by P001, S 4 cookies 10.00 cash (voided:
#     "typed twice"), S 3 bags 24.00 card, K 75.00, H P001 6 h, H P003 5 h;
#     S 2 cookies 5.00 card on 2026-05-10; Z of both days
#   the office, on 2026-05-08:
#     C 12.00 packaging at 20 %, cash; H P002 4 h, H P003 3 h (voided:
#     "wrong day"); S 2 bags 16.00 card; Z of 2026-05-08
week_office_start() {
	printf 'cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n' >>"$1/flashcoop.ini" &&
	flashcoop-enroll -C "$1" Ada --contract C-1 --date 2026-05-04 &&
	flashcoop-enroll -C "$1" Bob --contract C-2 --date 2026-05-04 &&
	flashcoop-enroll -C "$1" Chloé --contract C-3 --date 2026-05-04 &&
	flashcoop-record -C "$1" charge --amount 36.90 --category ingredients \
		--vat 5.5 --payment card --date 2026-05-05 &&
	flashcoop-record -C "$1" hours --participant P001 --hours 7 \
		--date 2026-05-05
}
week_stall() {
	flashcoop-record -C "$1" sale --product cookie --qty 10 --payment cash \
		--by P001 --date 2026-05-09 &&
	s=$(flashcoop-record -C "$1" sale --product cookie --qty 4 \
		--payment cash --date 2026-05-09) &&
	flashcoop-record -C "$1" sale --product sac-vrac --qty 3 --payment card \
		--date 2026-05-09 &&
	flashcoop-record -C "$1" void "$s" --reason "typed twice" &&
	flashcoop-record -C "$1" count --amount 75.00 --date 2026-05-09 &&
	flashcoop-record -C "$1" hours --participant P001 --hours 6 \
		--date 2026-05-09 &&
	flashcoop-record -C "$1" hours --participant P003 --hours 5 \
		--date 2026-05-09 &&
	flashcoop-record -C "$1" sale --product cookie --qty 2 --payment card \
		--date 2026-05-10 &&
	flashcoop-close -C "$1" --day 2026-05-09 &&
	flashcoop-close -C "$1" --day 2026-05-10
}
week_office() {
	flashcoop-record -C "$1" charge --amount 12.00 --category packaging \
		--vat 20 --payment cash --date 2026-05-08 &&
	flashcoop-record -C "$1" hours --participant P002 --hours 4 \
		--date 2026-05-08 &&
	h=$(flashcoop-record -C "$1" hours --participant P003 --hours 3 \
		--date 2026-05-08) &&
	flashcoop-record -C "$1" sale --product sac-vrac --qty 2 --payment card \
		--date 2026-05-08 &&
	flashcoop-record -C "$1" void "$h" --reason "wrong day" &&
	flashcoop-close -C "$1" --day 2026-05-08
}

# at TIME git ...: a commit made at TIME (author and committer), so that
# the order in which git takes commits when it merges is the same on
# every run.
at() {
	_at=$1
	shift
	GIT_AUTHOR_DATE="$_at:00+02:00" GIT_COMMITTER_DATE="$_at:00+02:00" "$@"
}

# week2 DIR: DIR/office, a repository whose p is the project (terminal
# main), and DIR/stall, its clone declared as the terminal stall (that
# line of terminals.csv committed and pushed to the office); then each
# recorded its part of the week and committed it (the stall on
# 2026-05-10 at 18:00, the office at 19:00): two histories that have not
# met.  Copies of it (fixture) are no terminals until
# terminals_back.
build_week2() {
	mkdir "$1" && cd "$1" && mkdir office && git -C office init -q &&
	git -C office config commit.gpgsign false &&
	git -C office config receive.denyCurrentBranch updateInstead &&
	new_project office/p && week_office_start office/p &&
	git -C office add -A && at 2026-05-04T09:00 git -C office commit -q -m "the week starts" &&
	git clone -q office stall && git -C stall config commit.gpgsign false &&
	flashcoop-init -C stall/p --terminal stall &&
	at 2026-05-04T10:00 git -C stall commit -q -a -m "terminal stall" &&
	git -C stall push -q origin HEAD &&
	week_stall stall/p && git -C stall add -A &&
	at 2026-05-10T18:00 git -C stall commit -q -m "the market" &&
	week_office office/p && git -C office add -A &&
	at 2026-05-10T19:00 git -C office commit -q -m "the office"
}

# terminals_back: the copies office/p and stall/p (of a fixture) are the
# terminals main and stall again (their keys are here).
terminals_back() {
	flashcoop-init -C office/p --terminal main >/dev/null &&
	flashcoop-init -C stall/p --terminal stall >/dev/null
}

# merge_both: in a copy of week2 (the current folder), before anything
# is merged, the stall's history is copied as ./rebased; the office pulls
# the stall, the stall pulls the office (as it was before that merge),
# both with git pull --no-rebase; rebased pulls the office with
# git pull --rebase.  Each pull must end without a conflict.
merge_both() {
	git -C office branch -q own && git -C stall branch -q own &&
	cp -Rp stall rebased &&
	git -C office pull -q --no-rebase ../stall own >/dev/null 2>&1 &&
	git -C stall pull -q --no-rebase ../office own >/dev/null 2>&1 &&
	git -C rebased pull -q --rebase ../office own >/dev/null 2>&1
}

# merged DIR: week2 merged (merge_both).
build_merged() {
	fixture week2 "$1" && cd "$1" && merge_both
}

# single DIR: the same week in one folder, by one terminal (main).
build_single() {
	new_project "$1" && week_office_start "$1" && week_stall "$1" &&
	week_office "$1"
}

# unmerged DIR: no file of the project DIR is left with conflict markers,
# and git has no unmerged path.
unmerged() {
	if grep -n -E '^(<<<<<<<|=======$|>>>>>>>)' "$1"/*.csv "$1"/*.ini; then
		echo "conflict markers in $1"
		return 1
	fi
	[ -z "$(git -C "$1" diff --name-only --diff-filter=U)" ] ||
		{ echo "unmerged paths in $1"; return 1; }
}

# sound DIR: flashcoop-check exits 0 and names no problem (warnings
# about the names' mode aside).
sound() {
	flashcoop-check "$1" >"$T/.stdout" 2>"$T/.err"
	rc=$?
	if [ "$rc" != 0 ] || [ -s "$T/.stdout" ]; then
		echo "flashcoop-check $1 exits $rc:"; cat "$T/.stdout" "$T/.err"; return 1
	fi
	if grep -v "chmod 600" "$T/.err" | grep -q .; then
		echo "check warned:"; cat "$T/.err"; return 1
	fi
}

# sorted FILE: its lines, sorted.
sorted() {
	LC_ALL=C sort "$1"
}

# stall_ids DIR: every row of the terminal stall (ledger, hours, days)
# has an id ending with -stall, every row of main an id without a dash,
# and there are rows of both.
stall_ids() {
	for f in ledger.csv hours.csv; do
		awk -F, 'NR > 1 {
			t = $(NF - 2); n[t]++
			if (t == "stall" && $1 !~ /^[A-Z][0-9][0-9][0-9][0-9][0-9]-stall$/ ||
			    t == "main" && $1 !~ /^[A-Z][0-9][0-9][0-9][0-9][0-9]$/) { print FILENAME ": " $1 " of " t; bad = 1 }
		}
		END { if (!n["stall"] || !n["main"]) { print FILENAME ": not both terminals"; bad = 1 }
		      exit bad }' "$1/$f" || return 1
	done
	awk -F, 'NR > 1 && !($3 == "stall" && $1 ~ /^Z[0-9][0-9][0-9][0-9][0-9]-stall$/ ||
		$3 == "main" && $1 ~ /^Z[0-9][0-9][0-9][0-9][0-9]$/) { print "days.csv: " $1; bad = 1 }
		END { exit bad }' "$1/days.csv"
}

check 'A: the office pulls the stall (git pull --no-rebase): no conflict, check sound, stall ids end with -stall' '
	fresh && fixture week2 . &&
	git -C office pull -q --no-rebase ../stall >/dev/null 2>&1 &&
	unmerged office/p && sound office/p && stall_ids office/p &&
	same 2 "$(grep -c ",stall,[0-9T:+-]*,[0-9a-f]*$" office/p/hours.csv)"
'

check 'A: the stall pulls the office (git pull --no-rebase): no conflict, check sound' '
	fresh && fixture week2 . &&
	git -C stall pull -q --no-rebase ../office >/dev/null 2>&1 &&
	unmerged stall/p && sound stall/p && stall_ids stall/p
'

check 'A: the stall pulls the office with git pull --rebase: no conflict, check sound' '
	fresh && fixture week2 . &&
	git -C stall pull -q --rebase ../office >/dev/null 2>&1 &&
	unmerged stall/p && sound stall/p && stall_ids stall/p &&
	[ -z "$(git -C stall status --porcelain)" ]
'

check 'A: the three merges hold the same rows (sorted lines of every chained file)' '
	fresh && fixture merged . &&
	for f in ledger.csv hours.csv days.csv terminals.csv; do
		same "$(sorted office/p/$f)" "$(sorted stall/p/$f)" &&
		same "$(sorted office/p/$f)" "$(sorted rebased/p/$f)" || exit 1
	done &&
	same 10 "$(wc -l <office/p/ledger.csv)" &&
	same 7 "$(wc -l <office/p/hours.csv)" && same 4 "$(wc -l <office/p/days.csv)"
'

# Reports of the merged week against the single folder's.

# totals REPORT DIR: the total line of flashcoop-report REPORT --format csv.
totals() {
	flashcoop-report -C "$2" $1 --format csv | grep "^total,"
}

# accounts DIR: each account of the FEC with its debits and credits
# summed (cents), one line each.
accounts() {
	flashcoop-report -C "$1" entries --format fec | awk -F '\t' 'NR > 1 {
		d = $12; c = $13; gsub(",", ".", d); gsub(",", ".", c)
		D[$5] += d * 100; C[$5] += c * 100 }
		END { for (a in D) printf "%s %.0f %.0f\n", a, D[a], C[a] }' | LC_ALL=C sort
}

# zdays DIR: the daily closings by day: day, sales, VAT by rate, by
# payment, cash counted.
zdays() {
	flashcoop-report -C "$1" z --format csv | awk -F, 'NR > 1 && $1 != "total" {
		print $3, $5, $6, $7, $8 }' | LC_ALL=C sort
}

# The drawer: the float 50.00, the office's cash charge 12.00 on 05-08
# (not counted: 38.00 carried), 05-09 38.00 + 25.00 = 63.00 expected and
# 75.00 counted: 12.00 over, part of the margin (SPEC §4): 61.77 - 44.98
# + 12.00 = 28.79; 10 % = 2.879 -> 2.88; distributable 25.91.
for m in office stall rebased; do
check "A: the $m merge: the summary line equals the single folder's" '
	fresh && fixture merged . && fixture single s &&
	flashcoop-report -C s summary --format csv >single.csv &&
	flashcoop-report -C '"$m"'/p summary --format csv >merged.csv &&
	same FC-TEST,70.00,8.23,61.77,48.90,3.92,44.98,28.79,2.88,25.91,3,22.00,open \
		"$(sed -n 2p single.csv)" &&
	same "$(sed -n 2p single.csv)" "$(sed -n 2p merged.csv)" &&
	same "$(sed -n 3p single.csv)" "$(sed -n 3p merged.csv)"
'

check "A: the $m merge: sales by day and payment, charges, hours, participants, cash: the single folder's" '
	fresh && fixture merged . && fixture single s &&
	for r in "sales --by day,payment" charges hours participants cash; do
		same "$(flashcoop-report -C s $r --format csv)" \
			"$(flashcoop-report -C '"$m"'/p $r --format csv)" || { echo "($r)"; exit 1; }
	done &&
	same total,,,,4,17,70.00,61.77,8.23 "$(totals "sales --by day,payment" s)"
'

check "A: the $m merge: z and entries add up to the single folder's" '
	fresh && fixture merged . && fixture single s &&
	same "$(totals z s)" "$(totals z '"$m"'/p)" && same total,,,,70.00,,,,,, "$(totals z s)" &&
	same "$(zdays s)" "$(zdays '"$m"'/p)" &&
	same 3 "$(zdays s | wc -l)" &&
	same "$(accounts s)" "$(accounts '"$m"'/p)" &&
	accounts s | grep -q "^44571055 "
'
done

# Two merges made apart order the same rows differently, and the next
# union merge copies rows (C00002, S00001 twice, byte for byte): check
# warns of each copy, which counts once; the figures are the week's.
check 'A: after both merged, the next exchange stays sound (office pulls the stall, the stall records, pulls the office)' '
	fresh && fixture merged . && terminals_back &&
	git -C office pull -q --no-rebase ../stall >/dev/null 2>&1 && sound office/p &&
	flashcoop-report -C office/p summary --format csv >before &&
	flashcoop-record -C stall/p sale --product cookie --qty 2 --payment card \
		--date 2026-05-11 >/dev/null && git -C stall commit -q -am "2026-05-11" &&
	git -C stall pull -q --no-rebase ../office >/dev/null 2>&1 &&
	unmerged stall/p && flashcoop-check stall/p >out 2>err && [ ! -s out ] &&
	! grep -v "chmod 600\|is a copy of a row above" err | grep -q . &&
	flashcoop-report -C stall/p summary --format csv >after &&
	same "$(sed -n 2p before | cut -d, -f2)" \
		"$(awk -F, "NR == 2 { printf \"%.2f\", \$2 - 5.00 }" after)"
'

# ---- B. the period closed at the office before the stall's last push ----

# closed_too_soon: in a copy of week2, the office pulls the stall, the
# stall pulls the office (both equal); the office closes the period and
# commits; the stall, not knowing, sells one more cookie (card) on
# 2026-05-11, closes that day, commits, and pulls the office.
closed_too_soon() {
	fixture week2 . && terminals_back &&
	git -C office pull -q --no-rebase ../stall >/dev/null 2>&1 &&
	git -C stall pull -q --no-rebase ../office >/dev/null 2>&1 &&
	same "$(git -C office rev-parse HEAD)" "$(git -C stall rev-parse HEAD)" &&
	flashcoop-close -C office/p --date 2026-05-13 >/dev/null &&
	git -C office add -A && git -C office commit -q -m "closed" &&
	flashcoop-record -C stall/p sale --product cookie --qty 1 --payment card \
		--date 2026-05-11 >/dev/null &&
	flashcoop-close -C stall/p --day 2026-05-11 >/dev/null &&
	git -C stall add -A && git -C stall commit -q -m "2026-05-11" &&
	git -C stall pull -q --no-rebase ../office >/dev/null 2>&1 && unmerged stall/p
}

check 'B: the period closed before the stall pushed: after its pull, check says the sealed ledger changed (65)' '
	fresh && closed_too_soon &&
	exits 65 flashcoop-check stall/p &&
	out "ledger.csv: changed after the closing" && out "days.csv: changed after the closing" &&
	same 2 "$(grep -c "changed after the closing" "$T/.stdout")"
'

check 'B: the way out: the office reverts its closing, pulls the stall, closes again; both clones sound and closed' '
	fresh && closed_too_soon &&
	git -C office revert --no-edit HEAD >/dev/null && [ ! -e office/p/closing.ini ] &&
	[ ! -e office/p/FC-TEST-2026-05-13.tar ] &&
	git -C office pull -q --no-rebase ../stall >/dev/null 2>&1 && unmerged office/p &&
	sound office/p &&
	flashcoop-close -C office/p --date 2026-05-13 >/dev/null &&
	git -C office add -A && git -C office commit -q -m "closed again" &&
	git -C stall pull -q --no-rebase ../office >/dev/null 2>&1 &&
	sound office/p && sound stall/p &&
	for d in office stall; do
		flashcoop-report -C $d/p summary --format csv >$d.csv &&
		same FC-TEST,72.50,8.36,64.14,48.90,3.92,44.98,31.16,3.12,28.04,3,22.00,closed \
			"$(sed -n 2p $d.csv)" &&
		exits 0 flashcoop-check --archive $d/p/FC-TEST-2026-05-13.tar || exit 1
	done &&
	for f in ledger.csv hours.csv days.csv closing.ini; do
		cmp office/p/$f stall/p/$f || exit 1
	done &&
	grep -q "^ledger.stall *= *[0-9a-f]\{64\}" office/p/closing.ini
'

# ---- C. the same row voided on both terminals before they met ----

# twovoids: an office repository (p: cookie 2.50 at 5.5 %, sac-vrac 8.00
# at 20 %; S00001 4 cookies 10.00 cash, S00002 a bag 8.00 card, both on
# 2026-05-08), cloned as the stall (declared, pushed); the stall voids
# S00001 and commits; the office voids it too and commits.  In $T/.one,
# the office's summary line then (S00001 voided once).
twovoids() {
	mkdir office && git -C office init -q && git -C office config commit.gpgsign false &&
	git -C office config receive.denyCurrentBranch updateInstead &&
	new_project office/p &&
	printf 'cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n' >>office/p/flashcoop.ini &&
	flashcoop-record -C office/p sale --product cookie --qty 4 --payment cash \
		--date 2026-05-08 >/dev/null &&
	flashcoop-record -C office/p sale --product sac-vrac --qty 1 --payment card \
		--date 2026-05-08 >/dev/null &&
	git -C office add -A && git -C office commit -q -m "two sales" &&
	git clone -q office stall && git -C stall config commit.gpgsign false &&
	flashcoop-init -C stall/p --terminal stall && git -C stall commit -q -am "stall" &&
	git -C stall push -q origin HEAD &&
	same V00001-stall "$(flashcoop-record -C stall/p void S00001 --reason "stall")" &&
	git -C stall commit -q -am "void at the stall" &&
	same V00001 "$(flashcoop-record -C office/p void S00001 --reason "office")" &&
	git -C office commit -q -am "void at the office" &&
	flashcoop-report -C office/p summary --format csv | sed -n 2p >"$T/.one"
}

check 'C: the same row voided on both terminals: after the merge check exits 0 with a warning' '
	fresh && twovoids &&
	git -C office pull -q --no-rebase ../stall >/dev/null 2>&1 && unmerged office/p &&
	exits 0 flashcoop-check office/p && [ ! -s "$T/.stdout" ] &&
	said "warning: V00001-stall voids S00001, which terminal main voided already \(each before they met\): it counts as voided once" &&
	said "flashcoop-ledger\(5\)"
'

check 'C: the same row voided on both terminals: the stall pulls the office, the warning names the other void' '
	fresh && twovoids &&
	git -C stall pull -q --no-rebase ../office >/dev/null 2>&1 && unmerged stall/p &&
	exits 0 flashcoop-check stall/p && [ ! -s "$T/.stdout" ] &&
	said "warning: V00001 voids S00001, which terminal stall voided already \(each before they met\)"
'

check 'C: the same row voided on both terminals: every report counts it voided once' '
	fresh && twovoids &&
	git -C office pull -q --no-rebase ../stall >/dev/null 2>&1 &&
	same FC-TEST,8.00,1.33,6.67,0.00,0.00,0.00,6.67,0.67,6.00,0,0.00,open "$(cat "$T/.one")" &&
	same "$(cat "$T/.one")" "$(flashcoop-report -C office/p summary --format csv 2>/dev/null | sed -n 2p)" &&
	same total,,,,1,1,8.00,6.67,1.33 \
		"$(flashcoop-report -C office/p sales --by day,payment --format csv 2>/dev/null | grep ^total,)" &&
	same "total,,,0.00,0.00,0.00,,,0.00," \
		"$(flashcoop-report -C office/p cash --format csv 2>/dev/null | grep ^total,)"
'

# ---- F. which copy is a terminal, and what it may do ----

# repo DIR: the office's repository DIR (p: cookie 2.50 at 5.5 %, P001
# Ada, S00001 two cookies by card and H00001 P001 3 h on 2026-05-05, that
# day closed, Z00001), committed.
build_repo() {
	mkdir "$1" && git -C "$1" init -q && git -C "$1" config commit.gpgsign false &&
	new_project "$1/p" && printf 'cookie = 2.50, 5.5\n' >>"$1/p/flashcoop.ini" &&
	flashcoop-enroll -C "$1/p" Ada --contract C-1 --date 2026-05-04 >/dev/null &&
	flashcoop-record -C "$1/p" sale --product cookie --qty 2 --payment card \
		--date 2026-05-05 >/dev/null &&
	flashcoop-record -C "$1/p" hours --participant P001 --hours 3 \
		--date 2026-05-05 >/dev/null &&
	flashcoop-close -C "$1/p" --day 2026-05-05 >/dev/null &&
	git -C "$1" add -A && git -C "$1" commit -q -m "the office"
}

# no_terminal DIR: the last command said that DIR is no terminal yet, and
# gave the command that makes it one.
no_terminal() {
	said_text "this copy of the project is no terminal yet (or its declaration was copied from another folder)" &&
	said_text "declare it with 'flashcoop-init -C $1 --terminal NAME', a name of its own"
}

check 'F: a clone with no declaration writes nothing (66, the command to run), reads work' '
	fresh && fixture repo office && git clone -q office clone &&
	keys=$(snapshot "$XDG_CONFIG_HOME") &&
	refuses 66 clone/p flashcoop-record -C clone/p sale --product cookie --qty 1 \
		--date 2026-05-06 && no_terminal clone/p &&
	refuses 66 clone/p flashcoop-record -C clone/p hours --participant P001 \
		--hours 2 --date 2026-05-06 && no_terminal clone/p &&
	refuses 66 clone/p flashcoop-record -C clone/p void S00001 --reason x &&
	refuses 66 clone/p flashcoop-close -C clone/p --day 2026-05-06 && no_terminal clone/p &&
	same "$keys" "$(snapshot "$XDG_CONFIG_HOME")" &&
	[ -z "$(git -C clone status --porcelain)" ] && [ ! -e clone/p/.flashcoop ] &&
	exits 0 flashcoop-report -C clone/p summary && out "[(]FC-TEST[)]" &&
	exits 0 flashcoop-enroll -C clone/p --list && out "^P001" &&
	exits 0 flashcoop-check clone/p
'

check 'F: a copied folder (cp -R) writes nothing (66) until --terminal main takes the name back' '
	fresh && fixture repo . && cp -R p copy &&
	refuses 66 copy flashcoop-record -C copy sale --product cookie --qty 1 \
		--date 2026-05-06 && no_terminal copy &&
	cp p/terminals.csv terminals.before &&
	exits 0 flashcoop-init -C copy --terminal main &&
	cmp terminals.before copy/terminals.csv &&
	same S00002 "$(flashcoop-record -C copy sale --product cookie --qty 1 --payment card --date 2026-05-06)" &&
	same "terminal main" "$(sed -n 2p copy/.flashcoop/terminal)" &&
	same "folder $(stat -c %i copy)" "$(sed -n 3p copy/.flashcoop/terminal)"
'

check 'F: a copied folder given a name of its own: a key, a row of terminals.csv, ids -NAME' '
	fresh && fixture repo . && cp -R p copy &&
	exits 0 flashcoop-init -C copy --terminal kiosk-2 &&
	same 3 "$(wc -l <copy/terminals.csv)" &&
	tail -n 1 copy/terminals.csv | grep -Eq "^kiosk-2,[0-9a-f]{64},[0-9-]{10}T[0-9:]{8}[+-][0-9:]{5}$" &&
	same 600 "$(stat -c %a "$XDG_CONFIG_HOME/flashcoop/keys/FC-TEST/kiosk-2.key")" &&
	same "flashcoop terminal 1" "$(sed -n 1p copy/.flashcoop/terminal)" &&
	same S00001-kiosk-2 "$(flashcoop-record -C copy sale --product cookie --qty 1 --payment card --date 2026-05-06)" &&
	same H00001-kiosk-2 "$(flashcoop-record -C copy hours --participant P001 --hours 2 --date 2026-05-06)" &&
	same Z00001-kiosk-2 "$(flashcoop-close -C copy --day 2026-05-06)" &&
	same S00002-kiosk-2 "$(flashcoop-record -C copy sale --product cookie --qty 1 --payment card --date 2026-05-07)" &&
	same 1 "$(grep -c "^S00002" copy/ledger.csv)" && sound copy
'

check 'F: a name in terminals.csv whose key is on another machine: refused (65), no key made' '
	fresh && fixture repo office && git clone -q office stall &&
	flashcoop-init -C stall/p --terminal stall >/dev/null &&
	git -C stall commit -q -am "terminal stall" &&
	git clone -q stall other &&
	XDG_CONFIG_HOME=$T/c$ntest/away refuses 65 other/p flashcoop-init -C other/p --terminal main &&
	said "terminal main is in terminals.csv already, and its key is not on this machine" &&
	XDG_CONFIG_HOME=$T/c$ntest/away refuses 65 other/p flashcoop-init -C other/p --terminal stall &&
	said "terminal stall is in terminals.csv already" &&
	[ -z "$(find away -name "*.key" 2>/dev/null)" ] &&
	XDG_CONFIG_HOME=$T/c$ntest/away exits 0 flashcoop-init -C other/p --terminal van &&
	[ -f away/flashcoop/keys/FC-TEST/van.key ]
'

check 'F: a terminal name that is no name is refused (65), nothing written' '
	fresh && fixture repo . &&
	for n in Stall 1abc abcdefghijklm a_b "" -ab "a b" "stall/x" "é"; do
		cp -R p c && refuses 65 c flashcoop-init -C c --terminal "$n" &&
		said "is not a name \(1 to 12 of a-z, 0-9 and -, a letter first\)" &&
		rm -rf c || { echo "(name \"$n\")"; exit 1; }
	done &&
	cp -R p c && exits 0 flashcoop-init -C c --terminal abcdefghijk9 &&
	same S00001-abcdefghijk9 "$(flashcoop-record -C c sale --product cookie --qty 1 --payment card --date 2026-05-06)"
'

check 'F: --terminal in a copy that is a terminal already is refused (65)' '
	fresh && fixture repo . && adopt p &&
	refuses 65 p flashcoop-init -C p --terminal office && said "this copy is terminal main already" &&
	cp -R p c && flashcoop-init -C c --terminal kiosk >/dev/null &&
	refuses 65 c flashcoop-init -C c --terminal kiosk && said "this copy is terminal kiosk already" &&
	refuses 65 c flashcoop-init -C c --terminal main
'

check 'F: the stall neither enrolls, withdraws nor closes the period: 65, naming the first terminal' '
	fresh && fixture repo office && git clone -q office stall &&
	flashcoop-init -C stall/p --terminal stall >/dev/null &&
	refuses 65 stall/p flashcoop-enroll -C stall/p Zoé --contract C-9 --date 2026-05-04 &&
	said_text "only the first terminal (main) enrolls and closes the period; this copy is stall" &&
	refuses 65 stall/p flashcoop-enroll -C stall/p --withdraw P001 --date 2026-05-06 &&
	said_text "only the first terminal (main)" &&
	refuses 65 stall/p flashcoop-close -C stall/p --date 2026-05-13 &&
	said_text "only the first terminal (main) enrolls and closes the period; this copy is stall"
'

# Found as a bug: the stall with a day of cash sales neither counted nor closed is told to count it or pass --allow-uncounted / --allow-unclosed, not that it may not close the period.
check 'F: the stall with a day still open may not close the period either: 65, naming the first terminal' '
	fresh && fixture repo office && git clone -q office stall &&
	flashcoop-init -C stall/p --terminal stall >/dev/null &&
	flashcoop-record -C stall/p sale --product cookie --qty 2 --date 2026-05-09 >/dev/null &&
	refuses 65 stall/p flashcoop-close -C stall/p --date 2026-05-13 &&
	said_text "only the first terminal (main) enrolls and closes the period; this copy is stall"
'

# ---- F. --chain: a project made before the chain ----

# old DIR: a project as flashcoop-init wrote it before the chain (the
# columns of SPEC section 2, its .gitattributes and .gitignore), by hand:
#   P001 Ada; S00001 2 cookies 5.00 cash and C00001 3.00 at 20 % cash
#   on 2026-05-05, K00001 55.00; H00001 P001 4 h on 2026-05-05.
build_old() {
	mkdir "$1" && cd "$1" &&
	printf '%s\n' "[flashcoop]" "id       = FC-OLD" "name     = Old Flashcoop" \
		"start    = 2026-05-04" "end      = 2026-05-13" "currency = EUR" "" \
		"[money]" "vat           = yes" "cae_base      = margin" "cae_rate      = 10" \
		"employer_rate = 13" "employee_rate = 22" "share         = hours" \
		"cash_float    = 50.00" "" "[products]" "cookie = 2.50, 5.5" >flashcoop.ini &&
	printf '%s\n' "id,name,contract,enrolled,withdrawn,gender,birth_year,status_at_entry,referrer,note" \
		"P001,Ada,C-1,2026-05-04,,,,,," >participants.csv && chmod 600 participants.csv &&
	printf '%s\n' "id,date,kind,product,quantity,unit_price,amount,vat_rate,category,payment,participant,ref,note" \
		"S00001,2026-05-05,sale,cookie,2,2.50,5.00,5.5,,cash,P001,," \
		"C00001,2026-05-05,charge,,,,3.00,20,packaging,cash,,," \
		"K00001,2026-05-05,count,,,,55.00,,,cash,,," >ledger.csv &&
	printf '%s\n' "id,date,kind,participant,hours,ref,note" \
		"H00001,2026-05-05,hours,P001,4.00,," >hours.csv &&
	printf '%s\n' "# flashcoop: ledgers are LF text, diffed line by line." \
		"*.csv text eol=lf diff" "*.ini text eol=lf diff" >.gitattributes &&
	printf '%s\n' .lock .commit "*.tmp" >.gitignore
}

check 'F: a project made before the chain: read, check warns it is not chained, every write refused (65)' '
	fresh && fixture old p &&
	exits 0 flashcoop-check p && [ ! -s "$T/.stdout" ] &&
	said_text "p/ledger.csv: warning: the project is not chained (it was made before the chain): '"'flashcoop-init --chain'"' chains it from now on" &&
	exits 0 flashcoop-report -C p summary --format csv &&
	out "^FC-OLD,5.00,0.26,4.74,3.00,0.50,2.50,5.24,0.52,4.72,1,4.00,open$" &&
	refuses 65 p flashcoop-record -C p sale --product cookie --qty 1 --date 2026-05-06 &&
	said "not chained.*flashcoop-init --chain" &&
	refuses 65 p flashcoop-record -C p hours --participant P001 --hours 1 --date 2026-05-06 &&
	refuses 65 p flashcoop-enroll -C p Bob --contract C-2 --date 2026-05-04 &&
	refuses 65 p flashcoop-close -C p --day 2026-05-05 &&
	refuses 65 p flashcoop-init -C p --terminal stall && said -- "--chain"
'

check 'F: --chain: rows chained from now on, the old rows keep empty chain fields, check sound' '
	fresh && fixture old p && cp p/ledger.csv ledger.before &&
	exits 0 flashcoop-init -C p --chain && [ ! -s "$T/.stdout" ] &&
	same "$(head -n 1 ledger.before),terminal,recorded_at,chain" "$(head -n 1 p/ledger.csv)" &&
	same "id,date,kind,participant,hours,ref,note,terminal,recorded_at,chain" "$(head -n 1 p/hours.csv)" &&
	same "$(sed "1d; s/\$/,,,/" ledger.before)" "$(sed -n 2,4p p/ledger.csv)" &&
	same "H00001,2026-05-05,hours,P001,4.00,,,,," "$(sed -n 2p p/hours.csv)" &&
	same 2 "$(wc -l <p/terminals.csv)" && grep -q "^main," p/terminals.csv &&
	same 1 "$(wc -l <p/days.csv)" &&
	same S00002 "$(flashcoop-record -C p sale --product cookie --qty 1 --payment card --date 2026-05-06)" &&
	same H00002 "$(flashcoop-record -C p hours --participant P001 --hours 1 --date 2026-05-06)" &&
	row=$(sed -n 5p p/ledger.csv) && line=${row%,*} &&
	same "$(printf "%064d\n%s" 0 "$line" | sha256sum | cut -c1-64)" "${row##*,}" &&
	case $line in S00002,2026-05-06,sale,*,main,20[0-9][0-9]-*) ;; *) echo "$line"; exit 1;; esac &&
	sound p &&
	same Z00001 "$(flashcoop-close -C p --day 2026-05-06)" && sound p
'

check 'F: --chain twice is refused (65), nothing written' '
	fresh && fixture old p && flashcoop-init -C p --chain >/dev/null &&
	refuses 65 p flashcoop-init -C p --chain && said "chained already" &&
	refuses 65 p flashcoop-init -C p --chain --terminal office
'

# Found as a bug: --chain leaves the old .gitattributes (no merge=union) and .gitignore (no .flashcoop/): a chained old project neither merges in git nor keeps its declaration out of it.
check 'F: --chain on an old project kept in git: the union merge and .flashcoop/ ignored, as init writes them' '
	fresh && mkdir r && git -C r init -q && fixture old r/p &&
	flashcoop-init -C r/p --chain >/dev/null &&
	same "p/ledger.csv: merge: union" "$(cd r && git check-attr merge -- p/ledger.csv)" &&
	same "p/days.csv: merge: union" "$(cd r && git check-attr merge -- p/days.csv)" &&
	git -C r check-ignore -q p/.flashcoop/terminal
'

# Found in review: a terminal joining a project chained before production.csv existed got no union merge for it: the lots of two terminals would conflict in git.
check 'F: --terminal on a copy whose .gitattributes is from before production.csv: its union merge added, the rest kept' '
	fresh && fixture repo . && cp -R p copy &&
	grep -v "^production.csv" p/.gitattributes >attrs &&
	printf "notes.txt -diff\n" >>attrs && cp attrs copy/.gitattributes &&
	exits 0 flashcoop-init -C copy --terminal kiosk-3 &&
	same "production.csv merge=union" "$(grep "^production.csv" copy/.gitattributes)" &&
	same "$(cat attrs)" "$(grep -v "^production.csv" copy/.gitattributes)" &&
	cp copy/.gitattributes attrs && rm -rf copy/.flashcoop &&
	exits 0 flashcoop-init -C copy --terminal kiosk-3 && cmp attrs copy/.gitattributes
'

done_testing
