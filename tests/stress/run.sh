#!/bin/sh
# Concurrency stress (`make stress`): 8 writers at once on one project for
# about 20 seconds, and a reader:
#   3 writers of single sales, 2 of hours (their own participants, 0.25 h
#   at a time, so that no one passes 24 hours a day), 1 of enrolments
#   (each followed by the new participant's first hours),
#   1 of batches (5 sales, 3 charges, 2 hours each, with refs), 1 of
#   charges and hours each voided at once (V ids over both files);
#   the reader loops flashcoop-report summary, sales --by day and hours
#   --by participant in CSV, and flashcoop-check.
# Each write carries its own note (or ref), and each writer keeps the ids
# it was given.  At the end:
#   - every acknowledged id is in its file exactly once, on the row with
#     its note; no row is there that no writer was told of;
#   - ids run gap-free per kind (P, S, C, H, V), and flashcoop-check passes;
#   - every report exited 0 and is CSV with the header's column count on
#     every line (no torn row); sales and participants in the summary
#     never go down from one report to the next;
#   - flashcoop-check, run while the writers write, is noted when it fails.
#
#   FLASHCOOP_BIN=build/bin sh tests/stress/run.sh
#
# Settings: STRESS_SECONDS (20), STRESS_VERBOSE=1.
# Prints "stress: N writes by N processes, N reports"; exits 1 on a problem.

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN=${FLASHCOOP_BIN:-$root/build/bin}
SECS=${STRESS_SECONDS:-20}
VERBOSE=${STRESS_VERBOSE:-0}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
[ -x "$BIN/flashcoop-record" ] || { echo "stress: no commands in $BIN" >&2; exit 2; }
PATH="$BIN:$PATH"
export PATH
unset FLASHCOOP_DIR
# A writer waits for the lock as long as it takes: a 75 would be a write
# not made, which the test would count, not a failure of the project.
export FLASHCOOP_LOCK_TIMEOUT=120 LC_ALL=C TZ=UTC

T=$(mktemp -d "${TMPDIR:-/tmp}/flashcoop-stress.XXXXXX") || exit 2
T=$(cd "$T" && pwd -P)
# The terminals' keys go to a configuration folder of the run's own.
XDG_CONFIG_HOME=$T/config
export XDG_CONFIG_HOME
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
P=$T/p
say() { printf 'stress: %s\n' "$*"; }
problems=0
problem() { problems=$((problems + 1)); echo "stress: PROBLEM: $*"; }

# ---- the project: 30 participants, P001-P010 for writer 4's hours,
# P011-P020 for writer 5's, P021-P030 for the batches' ----
flashcoop-init "$P" --name "Stress Flashcoop" --id FC-STRESS \
	--start 2026-05-04 --end 2026-05-13 >/dev/null || exit 2
printf '%s\n' "cookie = 2.50, 5.5" >>"$P/flashcoop.ini"
k=1
while [ $k -le 30 ]; do
	flashcoop-enroll -C "$P" "Setup $k" --contract "SETUP-$k" --date 2026-05-04 >/dev/null || exit 2
	k=$((k + 1))
done
SETUP_P=30
# 20,000 sales already there, so that a report or a check reads for a
# while (as on a real ledger of a busy year) while the writers write.
awk 'BEGIN {
	print "kind,date,product,quantity,payment"
	for (i = 1; i <= 20000; i++)
		printf "sale,2026-05-%02d,cookie,%d,card\n", 4 + i % 10, 1 + i % 4
}' >"$T/setup.csv"
flashcoop-record -C "$P" --batch "$T/setup.csv" >/dev/null || exit 2
SETUP_L=$(wc -l <"$P/ledger.csv" | tr -d ' ')

end=$(($(date +%s) + SECS))
export P end

# ---- the writers: each appends "ID NOTE" to acks.W per acknowledged id,
# and "NOTE EXIT" to fails.W per refused write ----

writer_sale() { # W
	i=0
	while [ "$(date +%s)" -lt "$end" ]; do
		i=$((i + 1))
		note="s$1-$i"
		if id=$(flashcoop-record -C "$P" sale --product cookie --qty 1 \
			--date "2026-05-$(printf %02d $((4 + i % 10)))" --payment card \
			--note "$note" 2>>"$T/err.$1"); then
			echo "$id $note" >>"$T/acks.$1"
		else
			echo "$note $?" >>"$T/fails.$1"
		fi
	done
}

writer_hours() { # W FIRST: participants FIRST..FIRST+9
	i=0
	while [ "$(date +%s)" -lt "$end" ]; do
		i=$((i + 1))
		note="h$1-$i"
		pt=$(printf 'P%03d' $(($2 + i % 10)))
		day=$(printf '2026-05-%02d' $((4 + (i / 10) % 10)))
		if id=$(flashcoop-record -C "$P" hours --participant "$pt" --hours 0.25 \
			--date "$day" --note "$note" 2>>"$T/err.$1"); then
			echo "$id $note" >>"$T/acks.$1"
		else
			echo "$note $?" >>"$T/fails.$1"
		fi
	done
}

writer_enroll() { # W
	i=0
	while [ "$(date +%s)" -lt "$end" ]; do
		i=$((i + 1))
		note="e$1-$i"
		if id=$(flashcoop-enroll -C "$P" "Stress $1 $i" --contract "ST-$1-$i" \
			--date 2026-05-04 --note "$note" 2>>"$T/err.$1"); then
			echo "$id $note" >>"$T/acks.$1"
			# and at once the new participant's first hours
			if h=$(flashcoop-record -C "$P" hours --participant "$id" --hours 1 \
				--date 2026-05-05 --note "n$1-$i" 2>>"$T/err.$1"); then
				echo "$h n$1-$i" >>"$T/acks.$1"
			else
				echo "n$1-$i $?" >>"$T/fails.$1"
			fi
		else
			echo "$note $?" >>"$T/fails.$1"
		fi
	done
}

writer_batch() { # W
	i=0
	while [ "$(date +%s)" -lt "$end" ]; do
		i=$((i + 1))
		f=$T/batch.$1.csv
		awk -v w="$1" -v i="$i" 'BEGIN {
			print "kind,date,product,quantity,amount,category,payment,participant,hours,ref,note"
			for (j = 1; j <= 5; j++)
				printf "sale,2026-05-%02d,cookie,2,,,card,,,b%s-%d-%d,b%s-%d-%d\n", 4 + (i + j) % 10, w, i, j, w, i, j
			for (j = 6; j <= 8; j++)
				printf "charge,2026-05-%02d,,,1.%02d,stand,card,,,b%s-%d-%d,b%s-%d-%d\n", 4 + (i + j) % 10, j, w, i, j, w, i, j
			for (j = 9; j <= 10; j++)
				printf "hours,2026-05-%02d,,,,,,P%03d,0.25,b%s-%d-%d,b%s-%d-%d\n", 4 + int(i / 10) % 10, 21 + (i + j) % 10, w, i, j, w, i, j
		}' >"$f"
		if flashcoop-record -C "$P" --batch "$f" >"$T/ids.$1" 2>>"$T/err.$1"; then
			# the ids come in the order of the rows
			j=0
			while read -r id; do
				j=$((j + 1))
				echo "$id b$1-$i-$j" >>"$T/acks.$1"
			done <"$T/ids.$1"
			[ "$j" = 10 ] || echo "batch b$1-$i: $j ids, not 10" >>"$T/oddities"
		else
			echo "b$1-$i $?" >>"$T/fails.$1"
		fi
	done
}

writer_void() { # W: a charge or hours, then its void (V ids run over
	# ledger.csv and hours.csv)
	i=0
	while [ "$(date +%s)" -lt "$end" ]; do
		i=$((i + 1))
		note="c$1-$i"
		if [ $((i % 2)) = 1 ]; then
			set -- "$1" charge --amount 2.00 --category other --date 2026-05-06 --payment card
		else
			set -- "$1" hours --participant "$(printf 'P%03d' $((21 + i % 10)))" --hours 0.25 --date 2026-05-13
		fi
		w=$1
		shift
		if id=$(flashcoop-record -C "$P" "$@" --note "$note" 2>>"$T/err.$w"); then
			echo "$id $note" >>"$T/acks.$w"
			if v=$(flashcoop-record -C "$P" void "$id" --reason "v$w-$i" 2>>"$T/err.$w"); then
				echo "$v v$w-$i" >>"$T/acks.$w"
			else
				echo "v$w-$i $?" >>"$T/fails.$w"
			fi
		else
			echo "$note $?" >>"$T/fails.$w"
		fi
		set -- "$w"
	done
}

# ---- the reader ----

# csv_ok FILE: every line has the header's number of fields (RFC 4180
# quotes), and there is a header.
csv_ok() {
	awk '
	function nf(s,   n, i, c, q) {
		n = 1; q = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\"") q = !q
			else if (c == "," && !q) n++
		}
		return q ? -1 : n
	}
	NR == 1 { h = nf($0); if (h < 2) bad = 1; next }
	nf($0) != h { bad = 1 }
	END { exit bad || NR < 1 }' "$1"
}

reader() {
	n=0 bad=0 chk=0 chkbad=0
	last="0 0"
	while [ "$(date +%s)" -lt "$end" ]; do
		for what in "summary" "sales --by day" "hours --by participant"; do
			n=$((n + 1))
			# shellcheck disable=SC2086
			if ! flashcoop-report $what --format csv "$P" >"$T/rep" 2>"$T/reperr"; then
				bad=$((bad + 1))
				echo "report $what: exit $?: $(head -n 1 "$T/reperr")" >>"$T/reader.problems"
			elif ! csv_ok "$T/rep"; then
				bad=$((bad + 1))
				{ echo "report $what: not CSV with one column count:"; sed 's/^/    /' "$T/rep" | head -n 20; } >>"$T/reader.problems"
			elif [ "$what" = summary ]; then
				# sales and participants never go down (no sale is
				# voided here; hours are, so they may)
				now=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
					NR == 2 { print $c["sales_incl_vat"], $c["participants"] }' "$T/rep")
				set -- $last $now
				if awk -v a="$1" -v b="$2" -v c="$3" -v d="$4" \
					'BEGIN { exit !(c + 0 < a + 0 || d + 0 < b + 0) }'; then
					bad=$((bad + 1))
					echo "summary went down: $last, then $now" >>"$T/reader.problems"
				fi
				last=$now
			fi
		done
		chk=$((chk + 1))
		if ! flashcoop-check "$P" >"$T/chkout" 2>/dev/null; then
			chkbad=$((chkbad + 1))
			echo "$(head -n 2 "$T/chkout" | tr '\n' '|')" >>"$T/check.during"
		fi
	done
	echo "$n $bad $chk $chkbad" >"$T/reader.result"
}

say "8 writers and a reader for $SECS s"
t0=$(date +%s)
writer_sale 1 & writer_sale 2 & writer_sale 3 &
writer_hours 4 1 & writer_hours 5 11 &
writer_enroll 6 &
writer_batch 7 &
writer_void 8 &
reader &
wait
t1=$(date +%s)

# ---- what the writers were told, against the files ----

cat "$T"/acks.* 2>/dev/null | sort >"$T/acked"
writes=$(wc -l <"$T/acked" | tr -d ' ')
cat "$T"/fails.* 2>/dev/null >"$T/failed"
nfailed=$(wc -l <"$T/failed" | tr -d ' ')
for w in 1 2 3 4 5 6 7 8; do
	[ "$VERBOSE" = 1 ] && say "writer $w: $(cat "$T/acks.$w" 2>/dev/null | wc -l) ids, $(cat "$T/fails.$w" 2>/dev/null | wc -l) refused"
done
if [ "$nfailed" != 0 ]; then
	problem "$nfailed writes refused: $(cut -d' ' -f2 "$T/failed" | sort | uniq -c | tr '\n' ' ')"
	cat "$T"/err.* 2>/dev/null | sort | uniq -c | sort -rn | head -n 5
fi
[ -s "$T/oddities" ] && problem "$(cat "$T/oddities")"

# Every row of the files as "ID NOTE", the setup's enrolments aside (the
# note, in participants.csv the last column; a void's reason is its note).
{
	# The note: in ledger.csv the sixth field from the end (vat_amount,
	# lot, terminal, recorded_at and chain come after it), in hours.csv
	# the fourth.
	awk -F, -v n="$SETUP_L" 'NR > n { print $1, $(NF - 5) }' "$P/ledger.csv"
	sed 1d "$P/hours.csv" | awk -F, '{ print $1, $(NF - 3) }'
	sed 1d "$P/participants.csv" | awk -F, -v n="$SETUP_P" 'NR > n { print $1, $NF }'
} | sort >"$T/rows"
rows=$(wc -l <"$T/rows" | tr -d ' ')
dups=$(cut -d' ' -f1 "$T/rows" | sort | uniq -d | head -n 5 | tr '\n' ' ')
[ -z "$dups" ] || problem "ids twice in the files: $dups"
missing=$(comm -23 "$T/acked" "$T/rows" | head -n 5 | tr '\n' ' ')
[ -z "$missing" ] || problem "acknowledged, but not in the files (or with another note): $missing"
extra=$(comm -13 "$T/acked" "$T/rows" | head -n 5 | tr '\n' ' ')
[ -z "$extra" ] || problem "in the files, but no writer was told: $extra"
ackdups=$(cut -d' ' -f1 "$T/acked" | sort | uniq -d | head -n 5 | tr '\n' ' ')
[ -z "$ackdups" ] || problem "the same id given to two writes: $ackdups"

# Gap-free per kind: the numbers of each letter in the files are 1..n.
sed 1d "$P/ledger.csv" | cut -d, -f1 >"$T/allids"
sed 1d "$P/hours.csv" | cut -d, -f1 >>"$T/allids"
sed 1d "$P/participants.csv" | cut -d, -f1 >>"$T/allids"
for kind in P S C H V; do
	grep "^$kind" "$T/allids" | cut -c2- | sed 's/^0*//' | sort -n >"$T/nums"
	n=$(wc -l <"$T/nums" | tr -d ' ')
	seq 1 "$n" | cmp -s - "$T/nums" || problem "$kind ids are not 1..$n without a gap"
	[ "$VERBOSE" = 1 ] && say "$kind: $n ids"
done
flashcoop-check "$P" >"$T/chk" 2>/dev/null || problem "flashcoop-check fails at the end: $(head -n 3 "$T/chk" | tr '\n' '|')"

# ---- the reader ----
set -- $(cat "$T/reader.result" 2>/dev/null || echo "0 1 0 0")
reports=$1 repbad=$2 checks=$3 checkbad=$4
[ "$repbad" = 0 ] || { problem "$repbad reports failed or were torn"; head -n 30 "$T/reader.problems"; }
if [ "$checkbad" != 0 ]; then
	# FIXME bug: flashcoop-check takes no lock (lib/check.c,
	# check_project): it reads participants.csv, then the whole ledger,
	# then hours.csv, each at its own moment; a participant enrolled after
	# its first read and given hours before its last is "no participant
	# P014 is enrolled", exit 65, on a sound project.  (Reports take the
	# shared lock and are right.)
	problem "FIXME bug: flashcoop-check failed $checkbad of $checks times while the writers wrote (it takes no lock):"
	sort "$T/check.during" | uniq -c | sort -rn | head -n 5
fi

# write commands acknowledged: a batch of 10 rows is one
commands=$(cat "$T"/acks.[1234568] 2>/dev/null | wc -l | tr -d ' ')
commands=$((commands + $(cat "$T/acks.7" 2>/dev/null | wc -l) / 10))
say "$rows rows in the files, $writes acknowledged ids from $commands write commands, $nfailed refused writes, $((t1 - t0)) s"
say "reader: $reports reports ($repbad bad), $checks flashcoop-check ($checkbad failed)"
say "$writes writes by 8 processes, $reports reports"
[ "$problems" = 0 ]
