#!/bin/sh
# Issue 16: books nobody can quietly change.  On a project with rows of
# two terminals (main and stall), each kind of edit is named by
# flashcoop-check at its line (exit 65): an edited row, a deleted row, rows
# swapped, a row inserted, a forged tail with recomputed chains (caught by
# the daily closing's head, or by its signature when the heads are forged
# too), a Z changed or removed, a row added to a closed day, the archive
# changed by one byte, another key in terminals.csv.  And the shell loop
# of flashcoop-ledger(5) that verifies a chain with sha256sum.
. "$(dirname "$0")/lib.sh"

ZEROS=$(printf '%064d' 0)

# two DIR: a project (new_project; cookie 2.50 at 5.5 %, sac-vrac 8.00 at
# 20 %; P001 Ada, P002 Bob) written by two terminals, their files joined
# as git's union merge joins them (main's lines, then the stall's):
#   ledger.csv                                   hours.csv
#   2 C00001 05-05 36.90 at 5.5 %, card (main)   2 H00001 P001 7 h 05-05
#   3 S00001 05-08 2 bags 16.00 card             3 H00002 P002 4 h 05-11
#   4 S00002 05-11 a cookie 2.50 card            4 H00001-stall P002 5 h 05-09
#   5 S00001-stall 05-09 10 cookies 25.00 cash, by P001
#   6 S00002-stall 05-09 4 cookies 10.00 cash
#   7 S00003-stall 05-09 3 bags 24.00 card       days.csv
#   8 V00001-stall voids S00002-stall            2 Z00001 05-08 (main)
#   9 K00001-stall 05-09 75.00                   3 Z00002 05-11
#  10 S00004-stall 05-10 2 cookies 5.00 card     4 Z00001-stall 05-09
#                                                5 Z00002-stall 05-10
# The stall is the copy p.stall, declared, then joined and removed.
two() {
	fixture two "${1:-p}"
}
build_two() {
	new_project "$1" &&
	printf 'cookie = 2.50, 5.5\nsac-vrac = 8.00, 20\n' >>"$1/flashcoop.ini" &&
	flashcoop-enroll -C "$1" Ada --contract C-1 --date 2026-05-04 &&
	flashcoop-enroll -C "$1" Bob --contract C-2 --date 2026-05-04 &&
	M="flashcoop-record -C $1" && S="flashcoop-record -C $1.stall" &&
	$M charge --amount 36.90 --category ingredients --vat 5.5 --payment card \
		--date 2026-05-05 &&
	$M hours --participant P001 --hours 7 --date 2026-05-05 &&
	$M sale --product sac-vrac --qty 2 --payment card --date 2026-05-08 &&
	flashcoop-close -C "$1" --day 2026-05-08 &&
	cp -Rp "$1" "$1.stall" && flashcoop-init -C "$1.stall" --terminal stall &&
	$M sale --product cookie --qty 1 --payment card --date 2026-05-11 &&
	$M hours --participant P002 --hours 4 --date 2026-05-11 &&
	flashcoop-close -C "$1" --day 2026-05-11 &&
	$S sale --product cookie --qty 10 --payment cash --by P001 --date 2026-05-09 &&
	$S sale --product cookie --qty 4 --payment cash --date 2026-05-09 &&
	$S sale --product sac-vrac --qty 3 --payment card --date 2026-05-09 &&
	$S void S00002-stall --reason "typed twice" &&
	$S count --amount 75.00 --date 2026-05-09 &&
	$S hours --participant P002 --hours 5 --date 2026-05-09 &&
	flashcoop-close -C "$1.stall" --day 2026-05-09 &&
	$S sale --product cookie --qty 2 --payment card --date 2026-05-10 &&
	flashcoop-close -C "$1.stall" --day 2026-05-10 &&
	for f in terminals.csv ledger.csv hours.csv days.csv; do
		grep -vxF -f "$1/$f" "$1.stall/$f" >>"$1/$f" || exit 1
	done &&
	rm -rf "$1.stall" &&
	flashcoop-check "$1" 2>/dev/null
}

# closed_two DIR: two, closed on 2026-05-13 (FC-TEST-2026-05-13.tar).
closed_two() {
	fixture closed_two "${1:-p}"
}
build_closed_two() {
	two "$1" && flashcoop-close -C "$1" --date 2026-05-13 >/dev/null &&
	[ -f "$1/FC-TEST-2026-05-13.tar" ]
}

# lineof FILE ID: the line number of the row ID in FILE.
lineof() {
	grep -n "^$2," "$1" | cut -d: -f1
}

# tampered PATTERN: flashcoop-check p exits 65 and its stdout matches
# PATTERN (grep -E).
tampered() {
	exits 65 flashcoop-check p || { cat "$T/.stdout"; return 1; }
	out "$1"
}

# breaks N: the number of chain breaks check named is N.
breaks() {
	same "$1" "$(grep -c "the chain of terminal .* breaks at" "$T/.stdout")" ||
		{ cat "$T/.stdout"; return 1; }
}

# swap FILE A B: lines A and B of FILE swapped (A < B), the file
# rewritten in place.
swap() {
	awk -v a="$2" -v b="$3" '
		{ l[NR] = $0 } END { t = l[a]; l[a] = l[b]; l[b] = t
		for (i = 1; i <= NR; i++) print l[i] }' "$1" >"$1.swap" &&
	cat "$1.swap" >"$1" && rm -f "$1.swap"
}

# forge FILE: what a forger does after an edit: every row's chain
# computed anew (SPEC section 5), each terminal after its own previous row
# (the terminal: the third field from the end, or the third field in
# days.csv); days.csv is kept as it is unless forged too.  Each old chain
# and its new one go to FILE.map, one pair a line.
forge() (
	case $1 in */days.csv) tf=3 ;; *) tf=0 ;; esac
	: >"$1.map"
	{
		IFS= read -r row && printf '%s\n' "$row"
		while IFS= read -r row; do
			line=${row%,*}
			if [ "$tf" = 3 ]; then
				t=$(printf '%s' "$line" | cut -d, -f3)
			else
				t=${line%,*}; t=${t##*,}
			fi
			t=$(printf '%s' "$t" | tr - _)
			eval "prev=\${prev_$t:-$ZEROS}"
			c=$(printf '%s\n%s' "$prev" "$line" | sha256sum | cut -c1-64)
			eval "prev_$t=$c"
			printf '%s %s\n' "${row##*,}" "$c" >>"$1.map"
			printf '%s,%s\n' "$line" "$c"
		done
	} <"$1" >"$1.forged" && cat "$1.forged" >"$1" && rm -f "$1.forged"
)

# reheads DAYS MAP: the heads in DAYS (days.csv) that MAP changes
# (forge's pairs), changed.
reheads() {
	while read -r old new; do
		[ "$old" = "$new" ] || sed -i "s/,$old,/,$new,/g" "$1"
	done <"$2"
}

check 'the project of two terminals is sound, its rows where the tests expect them' '
	fresh && two && flashcoop-check p 2>/dev/null &&
	same "2 3 4 5 6 7 8 9 10" "$(for i in C00001 S00001 S00002 S00001-stall S00002-stall \
		S00003-stall V00001-stall K00001-stall S00004-stall; do lineof p/ledger.csv $i; done | tr "\n" " " | sed "s/ $//")" &&
	same "2 3 4" "$(for i in H00001 H00002 H00001-stall; do lineof p/hours.csv $i; done | tr "\n" " " | sed "s/ $//")" &&
	same "2 3 4 5" "$(for i in Z00001 Z00002 Z00001-stall Z00002-stall; do lineof p/days.csv $i; done | tr "\n" " " | sed "s/ $//")"
'

check 'forge alone changes nothing: the chains it computes are those written' '
	fresh && two && cp -p p/ledger.csv p/hours.csv p/days.csv . &&
	forge p/ledger.csv && forge p/hours.csv && forge p/days.csv &&
	cmp ledger.csv p/ledger.csv && cmp hours.csv p/hours.csv && cmp days.csv p/days.csv
'

check 'an edited row (3 bags at 7.00: 21.00, price and amount agree): named at its line, one break' '
	fresh && two && sed -i "7s/,3,8\.00,24\.00,/,3,7.00,21.00,/" p/ledger.csv &&
	grep -q "^S00003-stall,2026-05-09,sale,sac-vrac,3,7.00,21.00," p/ledger.csv &&
	tampered "^p/ledger.csv:7: the chain of terminal stall breaks at S00003-stall: this row, or one of the terminal.s before it, was changed, removed, inserted or moved$" &&
	breaks 1
'

check 'an edited row of hours (5 h made 8 h): named at its line' '
	fresh && two && sed -i "4s/,P002,5\.00,/,P002,8.00,/" p/hours.csv &&
	tampered "^p/hours.csv:4: the chain of terminal stall breaks at H00001-stall" && breaks 1
'

check 'a deleted row: named at the line of the next row of that terminal' '
	fresh && two && sed -i 5d p/ledger.csv &&
	tampered "^p/ledger.csv:5: the chain of terminal stall breaks at S00002-stall" &&
	! out "terminal main breaks"
'

check 'two rows of one terminal swapped: named at the first' '
	fresh && two && swap p/ledger.csv 5 6 &&
	tampered "^p/ledger.csv:5: the chain of terminal stall breaks at S00002-stall" &&
	! out "^p/ledger.csv:[0-4]:"
'

check 'rows of two terminals swapped (as a merge may order them): sound' '
	fresh && two && swap p/ledger.csv 4 5 && swap p/hours.csv 3 4 && swap p/days.csv 3 4 &&
	exits 0 flashcoop-check p && [ ! -s "$T/.stdout" ]
'

check 'a row inserted (a row copied with a new id): named at its line, one break' '
	fresh && two &&
	sed -i "5{p;s/^S00001-stall,/S00005-stall,/}" p/ledger.csv &&
	same S00005-stall "$(sed -n 6p p/ledger.csv | cut -d, -f1)" &&
	tampered "^p/ledger.csv:6: the chain of terminal stall breaks at S00005-stall" && breaks 1
'

check 'a row appended with a chain that follows: named as dated a day its Z closed before' '
	fresh && two &&
	chained p/ledger.csv "C00002,2026-05-08,charge,,,,3.00,20,other,card,,," >>p/ledger.csv &&
	tampered "^p/ledger.csv:11: C00002 is dated 2026-05-08, which Z00001 closed before it was recorded$" &&
	breaks 0
'

check 'a forged tail (a sale moved to P002, every chain recomputed, days.csv kept): the Z head names it' '
	fresh && two && sed -i "5s/,cash,P001,/,cash,P002,/" p/ledger.csv &&
	forge p/ledger.csv && tampered "^p/days.csv:4: the ledger head of Z00001-stall is no chain of terminal stall in ledger.csv: its rows up to that closing were rewritten$" &&
	breaks 0 && ! out "^p/ledger.csv:"
'

check 'a forged tail of hours (5 h made 8 h, chains recomputed): the Z hours head names it' '
	fresh && two && sed -i "4s/,P002,5\.00,/,P002,8.00,/" p/hours.csv &&
	forge p/hours.csv &&
	tampered "^p/days.csv:4: the hours head of Z00001-stall is no chain of terminal stall in hours.csv" &&
	breaks 0
'

check 'a forged tail with the heads forged too and days.csv rechained: the signature fails' '
	fresh && two && sed -i "5s/,cash,P001,/,cash,P002,/" p/ledger.csv &&
	forge p/ledger.csv && reheads p/days.csv p/ledger.csv.map && forge p/days.csv &&
	rm -f p/*.map &&
	tampered "^p/days.csv:4: the signature of Z00001-stall is not terminal stall.s" && breaks 0 &&
	! out "head of Z00001-stall"
'

check 'a figure of a Z changed (the cash counted): its signature fails at its line' '
	fresh && two && sed -i "4s/,75\.00,49\.00,/,70.00,49.00,/" p/days.csv &&
	grep -q "^Z00001-stall,.*,70\.00,49\.00," p/days.csv &&
	tampered "^p/days.csv:4: the signature of Z00001-stall is not terminal stall.s"
'

check 'a figure of a Z changed and days.csv rechained: the signature still fails' '
	fresh && two && sed -i "4s/,75\.00,49\.00,/,70.00,49.00,/" p/days.csv &&
	forge p/days.csv && rm -f p/days.csv.map &&
	tampered "^p/days.csv:4: the signature of Z00001-stall is not terminal stall.s" && breaks 0
'

check 'a Z deleted: the next one of that terminal is named (out of order, chain)' '
	fresh && two && sed -i 4d p/days.csv &&
	tampered "^p/days.csv:4: Z00002-stall follows Z number 0 of terminal stall" &&
	out "^p/days.csv:4: the chain of terminal stall breaks at Z00002-stall"
'

check 'terminals.csv with another key for the stall: its Z signatures fail' '
	fresh && two && flashcoop-init q --name Q --id FC-OTHER --start 2026-05-04 --days 3 >/dev/null &&
	key=$(sed -n "2s/^main,\([0-9a-f]*\),.*/\1/p" q/terminals.csv) &&
	sed -i "s/^stall,[0-9a-f]*,/stall,$key,/" p/terminals.csv && grep -q "^stall,$key," p/terminals.csv &&
	tampered "^p/days.csv:4: the signature of Z00001-stall is not terminal stall.s" &&
	out "^p/days.csv:5: the signature of Z00002-stall is not terminal stall.s" && ! out "signature of Z0000[12] "
'

check 'a closed project, terminals.csv with another key for main: its Zs and closing.ini fail' '
	fresh && closed_two && flashcoop-init q --name Q --id FC-OTHER --start 2026-05-04 --days 3 >/dev/null &&
	key=$(sed -n "2s/^main,\([0-9a-f]*\),.*/\1/p" q/terminals.csv) &&
	sed -i "s/^main,[0-9a-f]*,/main,$key,/" p/terminals.csv &&
	tampered "^p/days.csv:2: the signature of Z00001 is not terminal main.s" &&
	out "^p/closing.ini: its signature is not the first terminal.s"
'

# ---- the archive ----

check 'the archive, intact: check --archive 0 without the project folder, -v prints the key' '
	fresh && closed_two && key=$(sed -n "s/^main,\([0-9a-f]*\),.*/\1/p" p/terminals.csv) &&
	mv p/FC-TEST-2026-05-13.tar . && rm -rf p &&
	exits 0 flashcoop-check --archive FC-TEST-2026-05-13.tar && [ ! -s "$T/.stdout" ] &&
	exits 0 flashcoop-check -v --archive FC-TEST-2026-05-13.tar &&
	grep -q "$key" "$T/.stdout" "$T/.err"
'

check 'the archive: mode 0600, MANIFEST first, the files as documented, the manifest holds' '
	fresh && closed_two && a=p/FC-TEST-2026-05-13.tar &&
	same 600 "$(stat -c %a $a)" &&
	same "FC-TEST-2026-05-13/MANIFEST FC-TEST-2026-05-13/flashcoop.ini FC-TEST-2026-05-13/participants.csv FC-TEST-2026-05-13/ledger.csv FC-TEST-2026-05-13/hours.csv FC-TEST-2026-05-13/terminals.csv FC-TEST-2026-05-13/days.csv FC-TEST-2026-05-13/closing.csv FC-TEST-2026-05-13/closing.ini" \
		"$(tar -tf $a | grep -v "/$" | tr "\n" " " | sed "s/ $//")" &&
	mkdir x && tar -xf $a -C x && (cd x/FC-TEST-2026-05-13 && sha256sum -c --quiet MANIFEST) &&
	for f in ledger.csv hours.csv days.csv terminals.csv closing.ini; do
		cmp p/$f x/FC-TEST-2026-05-13/$f || exit 1
	done
'

check 'the archive with one byte changed (24.00 made 25.00 in ledger.csv): check --archive 65' '
	fresh && closed_two && a=p/FC-TEST-2026-05-13.tar &&
	off=$(grep -abo ",24\.00," $a | head -n 1 | cut -d: -f1) && [ -n "$off" ] &&
	printf 5 | dd of=$a bs=1 seek=$((off + 2)) conv=notrunc 2>/dev/null &&
	grep -aq ",25\.00," $a &&
	exits 65 flashcoop-check --archive $a && out "FC-TEST-2026-05-13.tar:.*ledger.csv"
'

check 'the archive with one byte changed in closing.ini: check --archive 65' '
	fresh && closed_two && a=p/FC-TEST-2026-05-13.tar &&
	same 1 "$(grep -ac "= 16\.00$" $a)" &&
	off=$(grep -abo "= 16\.00$" $a | cut -d: -f1) &&
	printf 7 | dd of=$a bs=1 seek=$((off + 3)) conv=notrunc 2>/dev/null &&
	grep -aq "^hours *= *17\.00" $a &&
	exits 65 flashcoop-check --archive $a && out "FC-TEST-2026-05-13.tar:.*closing.ini"
'

# retar DIR TAR: the archive's folder DIR (as tar -x made it) written
# again as TAR the way flashcoop-close writes it (owner 0, the date of
# its MANIFEST, members in the same order), its MANIFEST computed anew.
retar() {
	(cd "$1" && names=$(awk '{ print $2 }' MANIFEST) && sha256sum $names >MANIFEST.new &&
	 touch -r MANIFEST MANIFEST.new && mv MANIFEST.new MANIFEST) &&
	top=${1##*/} &&
	tar --format=ustar --owner=0 --group=0 --numeric-owner \
		--mtime="@$(stat -c %Y "$1/MANIFEST")" -cf "$2" -C "${1%/*}" "$top/MANIFEST" \
		$(awk -v t="$top" '{ print t "/" $2 }' "$1/MANIFEST")
}

check 'an archive rebuilt with a forged ledger and a MANIFEST that agrees: check --archive 65' '
	fresh && closed_two && mkdir x && tar -xf p/FC-TEST-2026-05-13.tar -C x &&
	d=x/FC-TEST-2026-05-13 && retar $d same.tar &&
	exits 0 flashcoop-check --archive same.tar &&
	sed -i "5s/,cash,P001,/,cash,P002,/" $d/ledger.csv && forge $d/ledger.csv &&
	rm $d/ledger.csv.map && retar $d forged.tar &&
	exits 65 flashcoop-check --archive forged.tar &&
	out "^forged.tar:ledger.csv: changed after the closing" &&
	out "^forged.tar:days.csv:4: the ledger head of Z00001-stall is no chain"
'

# Found as a bug: check --archive exits 65 without a word when the file is no archive flashcoop wrote (its reader's error is never printed; -v says "0 problems").
check 'check --archive on a file that is no flashcoop archive (garbage, cut short, tarred by GNU tar): 65, says why' '
	fresh && closed_two && printf "garbage" >g.tar &&
	head -c 2048 p/FC-TEST-2026-05-13.tar >cut.tar &&
	mkdir x && tar -xf p/FC-TEST-2026-05-13.tar -C x &&
	tar -cf gnu.tar -C x FC-TEST-2026-05-13 &&
	for a in g.tar cut.tar gnu.tar; do
		exits 65 flashcoop-check --archive $a &&
		{ grep -q "$a" "$T/.stdout" "$T/.err" || { echo "$a: 65, and not a word"; exit 1; }; } || exit 1
	done
'

# ---- the shell loop of flashcoop-ledger(5) ----

# notes_loop: the loop as flashcoop-ledger(5) and the notes show it, word
# for word, run in the current folder.
notes_loop() {
prev=$(printf '%064d' 0); tail -n +2 ledger.csv | while IFS= read -r row; do
  line=${row%,*}; want=${row##*,}
  got=$(printf '%s\n%s' "$prev" "$line" | sha256sum | cut -c1-64)
  [ "$got" = "$want" ] || echo "broken at ${row%%,*}"; prev=$want; done
}

check 'the shell loop verifies a ledger.csv of one terminal: nothing broken' '
	fresh && full_week && (cd p && notes_loop) >loop.out &&
	{ [ ! -s loop.out ] || { cat loop.out; exit 1; }; } &&
	same 8 "$(wc -l <p/ledger.csv)"
'

check 'the shell loop finds an edited row, and only it' '
	fresh && full_week && sed -i "s/^\(S00002,.*\),24\.00,/\1,23.00,/" p/ledger.csv &&
	grep -q "^S00002,.*,23\.00," p/ledger.csv &&
	(cd p && notes_loop) >loop.out && same "broken at S00002" "$(cat loop.out)" &&
	exits 65 flashcoop-check p && out "^p/ledger.csv:5: the chain of terminal main breaks at S00002"
'

done_testing
