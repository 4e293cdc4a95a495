#!/bin/sh
# Issue 14: files that travel (git, hand edits, copied folders, planted
# files).  One group of checks per finding: a planted commit file, symlinks,
# modes, a NUL in a batch, a reordered header, ids out of order and
# conflict markers, reports over rows that check rejects, memory bounded by
# the rows, byte-order marks and line ends, and temp files that are not
# ours.  Text cells, currencies and products are in t0421-trust-text.sh.
. "$(dirname "$0")/lib.sh"

# The project every check starts from, built once in $T/base:
#   ledger.csv: 2 S00001 cookie x2 (cash, 2026-05-05)  3 C00001 10.00
#   hours.csv:  2 H00001 P001 5 h on 2026-05-05
#   P001 Ada, P002 Bob
build_base() {
	new_project "$T/base" &&
	printf 'cookie = 2.50, 5.5\n' >>"$T/base/flashcoop.ini" &&
	(
	cd "$T/base" &&
	flashcoop-enroll Ada --contract C-1 --date 2026-05-04 &&
	flashcoop-enroll Bob --contract C-2 --date 2026-05-04 &&
	flashcoop-record sale --product cookie --qty 2 --date 2026-05-05 &&
	flashcoop-record charge --amount 10 --category ingredients --vat 5.5 \
		--date 2026-05-05 &&
	flashcoop-record hours --participant P001 --hours 5 --date 2026-05-05
	) >/dev/null
}
build_base || { echo "Bail out! cannot build the test project"; exit 1; }

# proj [DIR]: a copy of the base project (default ./p).
proj() {
	cp -Rp "$T/base" "${1:-p}" &&
	adopt "${1:-p}"
}

# sale DIR [DATE]: record one cookie.
sale() {
	flashcoop-record -C "$1" sale --product cookie --qty 1 \
		--date "${2:-2026-05-06}"
}

# journal TEMP TARGET: a commit file as flashcoop-record writes it, for the
# new version TEMP of TARGET (both in the current folder).
journal() {
	printf 'flashcoop commit 1\n%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" \
		"$(wc -c <"$2" | tr -d ' ')" "$(sha256sum <"$2" | cut -c1-64)" \
		"$(wc -c <"$1" | tr -d ' ')" "$(sha256sum <"$1" | cut -c1-64)" \
		>.commit
}

# ---- 1. a planted commit file ----

check '1: a commit file naming ../victim.txt: report refuses, nothing renamed' '
	fresh && proj && echo safe >victim.txt &&
	printf "evil\t../victim.txt\n" >p/.commit && echo pwned >p/evil &&
	exits 65 flashcoop-report -C p && said "\.commit" &&
	[ "$(cat victim.txt)" = safe ] && [ "$(cat p/evil)" = pwned ] &&
	[ -f p/.commit ]
'

check '1: the same journal: record refuses, the ledger stays' '
	fresh && proj && echo safe >victim.txt &&
	printf "evil\t../victim.txt\n" >p/.commit && echo pwned >p/evil &&
	unchanged p sale p && [ "$(cat victim.txt)" = safe ] &&
	exits 65 sale p && said "\.commit"
'

check '1: a commit file naming an absolute path or a file not ours is refused' '
	fresh && proj && echo safe >victim &&
	printf "flashcoop commit 1\nledger.csv.1.0.tmp\t$PWD/victim\t-\t-\t1\tx\n" \
		>p/.commit && cp p/ledger.csv p/ledger.csv.1.0.tmp &&
	exits 65 flashcoop-report -C p summary && [ "$(cat victim)" = safe ] &&
	printf "flashcoop commit 1\nnotes.txt.1.0.tmp\tnotes.txt\t-\t-\t1\tx\n" \
		>p/.commit && exits 65 flashcoop-report -C p summary
'

check '1: check reports a foreign journal as a problem' '
	fresh && proj && printf "evil\t../victim.txt\n" >p/.commit &&
	exits 65 flashcoop-check p && out "\.commit"
'

check '1: a journal of ours is finished by the next command' '
	fresh && proj && cd p &&
	cp ledger.csv ledger.csv.4242.0.tmp &&
	chained ledger.csv "C00002,2026-05-06,charge,,,,3.00,0,other,other,,," \
		>>ledger.csv.4242.0.tmp &&
	journal ledger.csv.4242.0.tmp ledger.csv &&
	flashcoop-report summary >/dev/null &&
	grep -q "^C00002,2026-05-06," ledger.csv && [ ! -e .commit ] &&
	[ ! -e ledger.csv.4242.0.tmp ] && flashcoop-check
'

check '1: a journal over a file changed since (a git pull) is refused' '
	fresh && proj && cd p &&
	cp ledger.csv ledger.csv.4242.0.tmp &&
	echo "C00002,2026-05-06,charge,,,,3.00,0,other,other,,," \
		>>ledger.csv.4242.0.tmp &&
	journal ledger.csv.4242.0.tmp ledger.csv &&
	echo "C00002,2026-05-07,charge,,,,4.00,0,other,other,,," >>ledger.csv &&
	exits 65 flashcoop-report summary && said "changed since" &&
	grep -q "^C00002,2026-05-07," ledger.csv &&
	! grep -q "^C00002,2026-05-06," ledger.csv &&
	exits 65 flashcoop-record sale --product cookie --qty 1 \
		--date 2026-05-06 &&
	grep -q "^C00002,2026-05-07," ledger.csv
'

# ---- 2. symbolic links ----

check '2: a ledger linked to another project: record refuses, no row there' '
	fresh && proj p && proj q && rm p/ledger.csv &&
	ln -s ../q/ledger.csv p/ledger.csv && before=$(sums q) &&
	exits 65 sale p && said "symbolic link" && same "$before" "$(sums q)"
'

check '2: a .lock linked elsewhere: even a report creates nothing there' '
	fresh && proj && rm -f p/.lock && ln -s "$PWD/target" p/.lock &&
	exits 65 flashcoop-report -C p && said "symbolic link" &&
	[ ! -e target ] && exits 65 sale p && [ ! -e target ]
'

check '2: linked participants.csv and flashcoop.ini are refused' '
	fresh && proj && mv p/participants.csv people.csv &&
	ln -s ../people.csv p/participants.csv && before=$(sha256sum people.csv) &&
	exits 65 flashcoop-enroll -C p Cy --contract C-3 --date 2026-05-04 &&
	said "symbolic link" && same "$before" "$(sha256sum people.csv)" &&
	proj q && mv q/flashcoop.ini shared.ini &&
	ln -s ../shared.ini q/flashcoop.ini &&
	exits 65 flashcoop-report -C q && said "symbolic link"
'

check '2: check names a linked project file' '
	fresh && proj p && proj q && rm p/hours.csv &&
	ln -s ../q/hours.csv p/hours.csv &&
	exits 65 flashcoop-check p && out "hours.csv.*symbolic link"
'

# ---- 3. modes of the files with names ----

check '3: enrol and withdraw leave participants.csv 0600 whatever it was' '
	fresh && proj && chmod 644 p/participants.csv &&
	flashcoop-enroll -C p Cy --contract C-3 --date 2026-05-04 >/dev/null &&
	same 600 "$(stat -c %a p/participants.csv)" &&
	chmod 664 p/participants.csv &&
	flashcoop-enroll -C p --withdraw P003 --date 2026-05-06 &&
	same 600 "$(stat -c %a p/participants.csv)"
'

check '3: close leaves a closing.csv created 0666 beforehand 0600' '
	fresh && proj && (umask 0 && : >p/closing.csv) && chmod 666 p/closing.csv &&
	flashcoop-close -C p --date 2026-05-13 --allow-uncounted --allow-unclosed >/dev/null &&
	same 600 "$(stat -c %a p/closing.csv)"
'

check '3: a closing.csv linked elsewhere receives no names' '
	fresh && proj && : >names.txt && chmod 666 names.txt &&
	ln -s ../names.txt p/closing.csv &&
	exits 65 flashcoop-close -C p --date 2026-05-13 --allow-uncounted --allow-unclosed &&
	said "symbolic link" && [ ! -s names.txt ] && [ ! -e p/closing.ini ]
'

check '3: check warns of a participants.csv others may read, with the fix' '
	fresh && proj && chmod 644 p/participants.csv &&
	flashcoop-check p >"$T/.stdout" 2>"$T/.err" && said "chmod 600" &&
	said "participants.csv" && [ ! -s "$T/.stdout" ]
'

# ---- 5. a NUL byte in a batch ----

check '5: a NUL inside a batch field is refused with its line' '
	fresh && proj &&
	printf "kind,product,quantity,date\nsale,cookie,1,2026-05-06\nsale,coo\000kie,1,2026-05-06\n" >b.csv &&
	unchanged p flashcoop-record -C p --batch b.csv &&
	exits 65 flashcoop-record -C p --batch b.csv && said "b.csv:3:" &&
	said NUL
'

# ---- 6. the file s header, not a fixed order ----

check '6: ref and note swapped in the header: a batch imported twice is recorded once' '
	fresh && proj && sed -i "1s/,ref,note,/,note,ref,/" p/ledger.csv &&
	printf "kind,product,quantity,date,ref,note\nsale,cookie,1,2026-05-06,T-1,till\n" >b.csv &&
	flashcoop-record -C p --batch b.csv >/dev/null &&
	flashcoop-record -C p --batch b.csv >/dev/null 2>&1 &&
	same 1 "$(grep -c T-1 p/ledger.csv)" &&
	same "T-1 till" "$(awk -F, "/T-1/ { print \$13, \$12 }" p/ledger.csv)" &&
	flashcoop-check p
'

check '6: amount and unit_price swapped in the header: rows read back right' '
	fresh && new_project p && printf "cookie = 2.50, 5.5\n" >>p/flashcoop.ini &&
	sed -i "1s/unit_price,amount/amount,unit_price/" p/ledger.csv &&
	flashcoop-record -C p sale --product cookie --qty 2 --date 2026-05-06 \
		>/dev/null && flashcoop-check p &&
	same "5.00" "$(flashcoop-report -C p summary --format csv |
		awk -F, "NR == 2 { print \$2 }")"
'

check '6: hours and participants written by their headers too' '
	fresh && proj &&
	sed -i "1s/participant,hours/hours,participant/" p/hours.csv &&
	sed -i "1s/^id,name,contract,/id,contract,name,/" p/participants.csv &&
	sed -i "2,\$s/^\(P00[0-9]\),\([^,]*\),\([^,]*\),/\1,\3,\2,/" p/participants.csv &&
	sed -i "2s/^\(H00001,2026-05-05,hours\),P001,5.00,/\1,5.00,P001,/" p/hours.csv &&
	rechain p && flashcoop-check p &&
	flashcoop-enroll -C p Cy --contract C-3 --date 2026-05-04 >/dev/null &&
	flashcoop-record -C p hours --participant P003 --hours 2 \
		--date 2026-05-06 >/dev/null &&
	flashcoop-check p && grep -q "^P003,C-3,Cy," p/participants.csv &&
	grep -q "^H00002,2026-05-06,hours,2.00,P003," p/hours.csv
'

# ---- 7. ids in order; conflict markers ----

check '7: ids out of order: record refuses naming the line, writes nothing' '
	fresh && proj && for i in 2 3 4 5; do sale p >/dev/null; done &&
	{ sed -n 1,2p p/ledger.csv; sed -n 3p p/ledger.csv; sed -n 4p p/ledger.csv;
	  sed -n 6,7p p/ledger.csv; sed -n 5p p/ledger.csv; } >l.csv &&
	cp l.csv p/ledger.csv && tail -n 1 p/ledger.csv | grep -q "^S00003," &&
	unchanged p sale p && exits 65 sale p && said "ledger.csv:7:" &&
	[ "$(grep -c "^S00004," p/ledger.csv)" = 1 ]
'

check '7: git conflict markers: record refuses naming the marker' '
	fresh && proj &&
	printf "<<<<<<< HEAD\nS00002,2026-05-06,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n=======\nS00002,2026-05-07,sale,cookie,1,2.50,2.50,5.5,,cash,,,\n>>>>>>> stand\n" \
		>>p/ledger.csv &&
	unchanged p sale p && exits 65 sale p && said "ledger.csv:4:" &&
	said "conflict" && exits 65 flashcoop-check p && out "conflict"
'

# ---- 8. readers trust only verified rows ----

# A sale whose amount is not quantity x price (line 2 of the ledger).
wrong_amount() {
	sed -i "2s/,5.00,5.5,/,6.00,5.5,/" p/ledger.csv &&
	grep -q "^S00001,.*,6.00,5.5," p/ledger.csv
}

check '8: a wrong sale amount: every report refuses, naming the line' '
	fresh && proj && wrong_amount &&
	for r in summary sales charges hours participants funders cash; do
		exits 65 flashcoop-report -C p $r || return 1
		said "ledger.csv:2:" || return 1
		[ ! -s "$T/.stdout" ] || return 1
	done &&
	exits 65 flashcoop-report -C p entries && said "ledger.csv:2:" &&
	exits 65 flashcoop-report -C p bilan && said "ledger.csv:2:" &&
	exits 65 flashcoop-close -C p --dry-run --allow-uncounted &&
	exits 65 flashcoop-enroll -C p --list
'

# A row copied byte for byte (id and chain: what git's union merge makes
# of clones that merged each other) tells nothing new: it counts once, and
# check says so.  A row of the same id that differs is refused (t0430).
check '8: a duplicated row: counted once, warned' '
	fresh && proj && flashcoop-report -C p summary --format csv >before &&
	sed -n 2p p/ledger.csv >>p/ledger.csv &&
	flashcoop-report -C p summary --format csv >after 2>/dev/null &&
	same "$(cat before)" "$(cat after)" &&
	flashcoop-check p 2>err && grep -q "ledger.csv:4: warning: .* a copy" err
'

check '8: a sale voided twice after a merge: summary refuses' '
	fresh && proj &&
	flashcoop-record -C p void S00001 --reason "typo" >/dev/null &&
	tail -n 1 p/ledger.csv | sed "s/^V00001,/V00002,/" >>p/ledger.csv &&
	exits 65 flashcoop-report -C p summary && said "voided twice"
'

check '8: a closed project changed after the seal: figures refused' '
	fresh && proj &&
	flashcoop-close -C p --date 2026-05-13 --allow-uncounted --allow-unclosed >/dev/null &&
	echo "S00002,2026-05-06,sale,cookie,1,2.50,2.50,5.5,,cash,,," \
		>>p/ledger.csv &&
	exits 65 flashcoop-report -C p summary && said "after the closing" &&
	exits 65 flashcoop-report -C p entries
'

check '8: --keep-going reports the sound folders, and the exit says one failed' '
	fresh && proj p && proj q &&
	sed -i "s/^\(S00001,.*\),5.00,5.5,/\1,6.00,5.5,/" q/ledger.csv &&
	exits 65 flashcoop-report --keep-going summary --format csv p q &&
	said "q/ledger.csv:2:" && out "^FC-TEST,5.00," &&
	exits 65 flashcoop-report --keep-going entries p q &&
	exits 65 flashcoop-report --keep-going bilan p q &&
	exits 65 flashcoop-check p q
'

# ---- 9. memory grows with the rows ----

check '9: one row S9999999: check and close --dry-run stay small' '
	fresh && new_project p && printf "cookie = 2.50, 5.5\n" >>p/flashcoop.ini &&
	echo "S9999999,2026-05-05,sale,cookie,1,2.50,2.50,5.5,,cash,,," \
		>>p/ledger.csv &&
	echo "V9999999,2026-05-05,void,cookie,1,2.50,2.50,5.5,,cash,,S9999999,x" \
		>>p/ledger.csv &&
	limit=16384 && [ -z "${FLASHCOOP_SANITIZED:-}" ] || limit=262144
	/usr/bin/time -f %M -o m1 flashcoop-check p >/dev/null 2>&1
	[ $? = 65 ] && [ "$(tail -n 1 m1)" -lt $limit ] &&
	/usr/bin/time -f %M -o m2 flashcoop-close -C p --dry-run >/dev/null 2>&1
	[ $? = 65 ] && [ "$(tail -n 1 m2)" -lt $limit ]
'

# ---- 10. byte-order marks and line ends ----

check '10: a BOM before the ledger header: record and check read it' '
	fresh && proj && sed -i "1s/^/\xef\xbb\xbf/" p/ledger.csv &&
	sale p >/dev/null && flashcoop-check p &&
	sed -i "1s/^/\xef\xbb\xbf/" p/hours.csv p/participants.csv &&
	flashcoop-record -C p hours --participant P002 --hours 1 \
		--date 2026-05-06 >/dev/null &&
	flashcoop-enroll -C p Cy --contract C-3 --date 2026-05-04 >/dev/null &&
	flashcoop-check p
'

check '10: CR LF line ends in a ledger: refused with the line and the fix' '
	fresh && proj && sed -i "s/\$/\r/" p/ledger.csv &&
	exits 65 flashcoop-check p && out "ledger.csv:1:" && out "sed -i" &&
	unchanged p sale p && exits 65 sale p && said "ledger.csv:1:" &&
	exits 65 flashcoop-close -C p --dry-run --allow-uncounted &&
	exits 65 flashcoop-report -C p summary
'

check '10: a CR LF flashcoop.ini: the seal holds once git stores it LF' '
	fresh && proj && sed -i "s/\$/\r/" p/flashcoop.ini &&
	flashcoop-check p &&
	flashcoop-close -C p --date 2026-05-13 --allow-uncounted --allow-unclosed >/dev/null &&
	flashcoop-check p && sed -i "s/\r\$//" p/flashcoop.ini &&
	flashcoop-check p && flashcoop-report -C p summary >/dev/null
'

# ---- 11. temp files that are not ours ----

check '11: a writer leaves temp files it does not own' '
	fresh && proj && echo keep >p/bilan.html.999.0.tmp &&
	echo keep >p/notes.1.2.tmp && echo litter >p/ledger.csv.999.0.tmp &&
	sale p >/dev/null && [ -f p/bilan.html.999.0.tmp ] &&
	[ -f p/notes.1.2.tmp ] && [ ! -e p/ledger.csv.999.0.tmp ]
'

check '11: a bilan written inside the project beside writers always lands' '
	fresh && proj || return 1
	( for i in 1 2 3 4 5 6 7 8 9 10; do sale p >/dev/null 2>&1; done ) &
	ok=0 && for i in 1 2 3 4 5 6 7 8 9 10; do
		flashcoop-report -C p bilan -o p/bilan.html && ok=$((ok + 1))
	done; wait; [ $ok = 10 ] && [ -s p/bilan.html ]
'

done_testing
