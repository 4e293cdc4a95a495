#!/bin/sh
# flashcoop-record, several writers at once: they serialise on the project
# lock; every acknowledged id is in the files once, ids stay gap-free.
. "$(dirname "$0")/lib.sh"


check 'setup: a project with a catalogue and one participant' '
	new_project &&
	printf "%s\n" "cookie = 2.50, 5.5" >>p/flashcoop.ini &&
	same P001 "$(flashcoop-enroll -C p Ada --contract C1 --date 2026-05-04)"'

# Writer w records 100 sales, each with the note w-i, and writes
# "id w-i" for each id it is given.
check '4 processes x 100 sales at once: all land, each printed id once, S00001..S00400' '
	export FLASHCOOP_LOCK_TIMEOUT=30
	for w in 1 2 3 4; do
		(
			i=0
			while [ $i -lt 100 ]; do
				i=$((i + 1))
				if id=$(flashcoop-record -C p sale --product cookie --qty 1 \
					--date 2026-05-05 --note "$w-$i" 2>>err.$w); then
					echo "$id $w-$i" >>acks.$w
				else
					echo "writer $w, write $i: exit $?" >>fails
				fi
			done
		) &
	done
	wait
	if [ -s fails ]; then cat fails err.*; exit 1; fi
	cat err.* >errs && [ ! -s errs ] || { cat errs; exit 1; }
	LC_ALL=C sort acks.1 acks.2 acks.3 acks.4 >acked &&
	same 400 "$(wc -l <acked)" &&
	same 401 "$(wc -l <p/ledger.csv)" &&
	sed 1d p/ledger.csv | cut -d, -f1 | LC_ALL=C sort >written &&
	same "" "$(uniq -d written)" &&
	seq -f "S%05g" 1 400 | cmp - written &&
	cut -d" " -f1 acked | cmp - written &&
	sed 1d p/ledger.csv | awk -F, "{ print \$1, \$13 }" | LC_ALL=C sort >rows &&
	cmp acked rows &&
	same "$(printf "\n" | od -c)" "$(tail -c 1 p/ledger.csv | od -c)"'

check 'each writer got its ids in increasing order' '
	for w in 1 2 3 4; do
		cut -d" " -f1 acks.$w >ids.$w &&
		LC_ALL=C sort -c ids.$w || exit 1
	done'

# Two writers of single sales and hours, two of batches (5 batches of 20
# sales each, with refs), and each batch lands as one block of ids.
check 'single writes and batches at once: all land, batches in one block each, ids gap-free' '
	export FLASHCOOP_LOCK_TIMEOUT=30
	rm -rf q && cp -a p q && adopt q &&
	for b in 1 2; do
		for n in 1 2 3 4 5; do
			awk -v b=$b -v n=$n "BEGIN {
				print \"kind,product,quantity,date,ref\"
				for (i = 1; i <= 20; i++)
					printf \"sale,cookie,1,2026-05-06,B%d-%d-%d\n\", b, n, i
			}" >batch.$b.$n.csv
		done
	done
	(
		for b in 1 2 3 4 5; do
			flashcoop-record -C q --batch batch.1.$b.csv >ids.b1.$b || echo "batch 1.$b: exit $?" >>fails2
		done
	) &
	(
		for b in 1 2 3 4 5; do
			flashcoop-record -C q --batch - <batch.2.$b.csv >ids.b2.$b || echo "batch 2.$b: exit $?" >>fails2
		done
	) &
	(
		i=0
		while [ $i -lt 50 ]; do
			i=$((i + 1))
			flashcoop-record -C q sale --product cookie --qty 2 --date 2026-05-07 >>ids.s ||
				echo "sale $i: exit $?" >>fails2
		done
	) &
	(
		i=0
		while [ $i -lt 24 ]; do
			i=$((i + 1))
			flashcoop-record -C q hours --participant P001 --hours 1 --date 2026-05-08 >>ids.h ||
				echo "hours $i: exit $?" >>fails2
		done
	) &
	wait
	if [ -s fails2 ]; then cat fails2; exit 1; fi
	same 250 "$(cat ids.b* ids.s | wc -l)" &&
	same 24 "$(wc -l <ids.h)" &&
	same 651 "$(wc -l <q/ledger.csv)" &&
	sed 1d q/ledger.csv | cut -d, -f1 | LC_ALL=C sort >written &&
	seq -f "S%05g" 1 650 | cmp - written &&
	cat ids.s ids.b* | LC_ALL=C sort >acked2 &&
	sed 1d q/ledger.csv | cut -d, -f1 | sed "1,400d" | LC_ALL=C sort | cmp - acked2 &&
	seq -f "H%05g" 1 24 | cmp - ids.h &&
	sed 1d q/hours.csv | cut -d, -f1 | cmp - ids.h &&
	for f in ids.b*; do
		first=$(head -n 1 $f | cut -c2-) last=$(tail -n 1 $f | cut -c2-) &&
		same 19 $((1$last - 1$first)) || { echo "batch $f is not one block"; cat $f; exit 1; }
	done'

check 'a 25th hour the same day is refused, even after racing writers' '
	FLASHCOOP_LOCK_TIMEOUT=5 &&
	! flashcoop-record -C q hours --participant P001 --hours 1 --date 2026-05-08 2>err &&
	grep -q 24 err'

done_testing
