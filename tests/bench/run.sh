#!/bin/sh
# The flashcoop benchmark (`make bench`; not part of `make check`).
# What it measures and how to read it: tests/bench/README.md.
#
#   FLASHCOOP_BIN=/path/to/build/bin sh tests/bench/run.sh
#
# Settings (environment):
#   FLASHCOOP_BIN        the built commands (default: build/bin)
#   BENCH_ROWS           rows of the big ledger and of the batch (1000000)
#   BENCH_RECORDS        timed `flashcoop-record sale` per ledger (200)
#   BENCH_RUNS           timed runs of report, awk and Miller each (5)
#   BENCH_BATCH_RUNS     timed batch imports, each into a fresh project (3)
#   BENCH_CG_ROWS        rows of the ledger run under callgrind (100000)
#   BENCH_NO_INSTALL=1   do not apt-get install Miller when it is missing
#   BENCH_STRICT=1       exit 1 when a goal is not met (default: report only)
#   TMPDIR               where the on-disk projects go (default /tmp)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BIN=${FLASHCOOP_BIN:-$root/build/bin}
ROWS=${BENCH_ROWS:-1000000}
REPS=${BENCH_RECORDS:-200}
RUNS=${BENCH_RUNS:-5}
BATCH_RUNS=${BENCH_BATCH_RUNS:-3}
CG_ROWS=${BENCH_CG_ROWS:-100000}
GEN_DIR=${BENCH_BUILD:-$root/build/bench}
CC=${CC:-cc}

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ---- the generator and timer ----
mkdir -p "$GEN_DIR"
G=$GEN_DIR/gen-ledger
$CC -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -O2 -o "$G" "$here/gen-ledger.c" -lcrypto ||
	die "cannot build $G"

# ---- scratch folders: one on disk, one on tmpfs ----
T=$(mktemp -d "${TMPDIR:-/tmp}/flashcoop-bench.XXXXXX")
S=
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	S=$(mktemp -d /dev/shm/flashcoop-bench.XXXXXX)
fi
trap 'rm -rf "$T" ${S:+"$S"}' EXIT
trap 'exit 130' INT TERM
disk_fs=$(stat -f -c %T "$T" 2>/dev/null || echo '?')

# A private copy of the commands: others may rebuild build/bin meanwhile.
mkdir "$T/bin"
for c in init enroll record report check; do
	tries=0
	until cp "$BIN/flashcoop-$c" "$T/bin/" 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -lt 30 ] || die "$BIN/flashcoop-$c: missing (run make)"
		sleep 1
	done
done
B=$T/bin

# ---- Miller ----
mlr_note=
if ! command -v mlr >/dev/null 2>&1; then
	if [ "${BENCH_NO_INSTALL:-}" != 1 ] && [ "$(id -u)" = 0 ] &&
	   command -v apt-get >/dev/null 2>&1; then
		say "installing Miller (Debian package miller)"
		apt-get install -y -qq --no-install-recommends miller \
			>/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 &&
		  apt-get install -y -qq --no-install-recommends miller \
			>/dev/null 2>&1; } || true
	fi
	command -v mlr >/dev/null 2>&1 ||
		mlr_note="Miller skipped: not installed (as root: apt-get install miller)"
fi
AWK=$(command -v awk)
awk_name=$(basename "$(readlink -f "$AWK")")

# ---- helpers ----

# project DIR ROWS: a project of ROWS generated ledger rows, with the
# catalogue and eight participants; the exact totals go to DIR.truth.
project() {
	"$B/flashcoop-init" "$1" --name "Bench $2" --id "BENCH-$2" \
		--start 2026-05-04 --end 2026-05-13 >/dev/null
	# The catalogue goes in [products], which flashcoop-init writes last.
	last=$(grep '^\[' "$1/flashcoop.ini" | tail -n 1)
	[ "$last" = "[products]" ] || echo "[products]" >>"$1/flashcoop.ini"
	"$G" --catalogue >>"$1/flashcoop.ini"
	if [ "$2" -gt 0 ]; then
		for i in 1 2 3 4 5 6 7 8; do
			"$B/flashcoop-enroll" -C "$1" "Participant $i" \
				--contract "CAPE-$i" --date 2026-05-04 >/dev/null
		done
		"$G" --rows "$2" --participants 8 >>"$1/ledger.csv" 2>"$1.truth"
	fi
}

# timed FILE COMMAND...: run once, append "wall_us cpu_us maxrss_kb".
timed() {
	f=$1
	shift
	"$G" --time -- "$@" >>"$f" || die "failed: $*"
}

# median FILE [COLUMN]
median() {
	sort -n -k "${2:-1},${2:-1}" "$1" |
		awk -v c="${2:-1}" '{ v[NR] = $c }
		    END { if (NR % 2) print v[(NR + 1) / 2];
		          else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ms() { awk -v u="$1" 'BEGIN { printf "%.2f ms", u / 1000 }'; }
sec() { awk -v u="$1" 'BEGIN { printf "%.3f s", u / 1000000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# spread A B: the range of the runs' own ratios, line i of A's first
# column over line i of B's (runs interleaved, so each pair saw the same
# load): "min-max".  A single median ratio hides how much a shared machine
# moves (Miller's runs vary most); the README quotes this range.
spread() {
	paste "$1" "$2" | awk -v n="$(awk 'END { print NF }' "$1")" '
	{ r = $1 / $(n + 1); if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r }
	END { printf "%.2f-%.2f", lo, hi }'
}
# le A B: is A <= B (as numbers)?
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
thousands() { printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# cents "12.50" -> 1250; money 1250 -> "12.50"
cents() { v=${1#-}; w=${v%.*}; f=${v#*.}; echo $(( ${w:-0} * 100 + 1${f} - 100 )); }
money() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }

TABLE=$T/table
unmet=0
row() { printf '%-52s %-24s %-12s %s\n' "$1" "$2" "$3" "$4" >>"$TABLE"; }
judge() { # judge OK?(0/1): v = met / NOT MET, counting what is not met
	if [ "$1" = 0 ]; then v=met; else v='NOT MET'; unmet=$((unmet + 1)); fi
}
cg() { # cg COMMAND...: instructions (callgrind Ir) of one run
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
		2>&1 >/dev/null | awk '/Collected :/ { print $NF }'
}

start_s=$(date +%s)
say "rows: $(thousands "$ROWS"); scratch: $T ($disk_fs)${S:+, $S (tmpfs)}"

# ---- the projects ----
say "generating the projects"
project "$T/one" 1
project "$T/big" "$ROWS"
[ -n "$S" ] && project "$S/one" 1
# A copy is no terminal until it says so: the key is here, it takes the
# first terminal's name back.
[ -n "$S" ] && cp -a "$T/big" "$T/big.truth" "$S/" &&
	"$B/flashcoop-init" -C "$S/big" --terminal main >/dev/null
"$B/flashcoop-check" "$T/big" >/dev/null ||
	die "the generated ledger does not pass flashcoop-check"

# =====================================================================
# 3. flashcoop-report summary vs awk vs Miller, on the ROWS-row ledger
# =====================================================================
say "3: report summary vs $awk_name vs Miller, $RUNS runs each"
L=$T/big/ledger.csv
AWKPROG='NR>1{s+=$7} END{print s}'
# Warm the page cache, and keep each answer.
ours_csv=$("$B/flashcoop-report" -C "$T/big" summary --format csv |
	awk -F, 'NR == 2 { print $2, $5 }')
set -- $ours_csv # two words: sales, charges
ours=$(money $(( $(cents "$1") + $(cents "$2") )))
awk_out=$("$AWK" -F, "$AWKPROG" "$L")
awk_printf=$("$AWK" -F, 'NR>1{s+=$7} END{printf "%.2f\n", s}' "$L")
truth=$(sed -n 's/.*amount_sum=//p' "$T/big.truth")
"$B/flashcoop-report" -C "$T/big" summary >/dev/null
mlr_out=
if [ -z "$mlr_note" ]; then
	mlr_out=$(mlr --icsv --opprint stats1 -a sum -f amount "$L" | tail -n 1)
fi
for i in $(seq "$RUNS"); do
	timed "$T/t.report" "$B/flashcoop-report" -C "$T/big" summary
	timed "$T/t.awk" "$AWK" -F, "$AWKPROG" "$L"
	[ -n "$mlr_note" ] ||
		timed "$T/t.mlr" mlr --icsv --opprint stats1 -a sum -f amount "$L"
done
mem() { # peak resident memory in KB, by /usr/bin/time when there is one
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$T/mem" "$@" >/dev/null && tail -n 1 "$T/mem"
	else
		"$G" --time -- "$@" | awk '{ print $3 }'
	fi
}
rep_mem=$(mem "$B/flashcoop-report" -C "$T/big" summary)
awk_mem=$(mem "$AWK" -F, "$AWKPROG" "$L")
rep_wall=$(median "$T/t.report" 1)
rep_cpu=$(median "$T/t.report" 2)
awk_wall=$(median "$T/t.awk" 1)
awk_cpu=$(median "$T/t.awk" 2)
if [ -z "$mlr_note" ]; then
	mlr_wall=$(median "$T/t.mlr" 1)
	mlr_cpu=$(median "$T/t.mlr" 2)
	mlr_mem=$(mem mlr --icsv --opprint stats1 -a sum -f amount "$L")
fi

# exact CENTS TEXT: does TEXT, read as a number, say CENTS to the cent?
# prints "yes" (the very text), "rounded" (right once rounded to cents)
# or "no (off by X)".
exact() {
	awk -v c="$1" -v t="$2" 'BEGIN {
		if (t ~ /^[0-9]+\.[0-9][0-9]$/) {
			split(t, p, "."); v = p[1] * 100 + p[2]
			if (v == c) { print "yes"; exit }
		}
		r = sprintf("%.0f", t * 100)
		if (r + 0 == c + 0) print "only once rounded to cents"
		else printf "no (off by %.2f)\n", (t * 100 - c) / 100 }'
}
ours_c=$(cents "$ours")

# =====================================================================
# 1. recording one sale: 1-row ledger vs ROWS-row ledger
# =====================================================================
record_bench() { # record_bench DIR LABEL
	d=$1
	say "1: $REPS x record sale on 1 row and on $(thousands "$ROWS") rows, $2"
	for i in 1 2 3 4 5; do # warm-up, not counted
		for p in one big; do
			"$B/flashcoop-record" -C "$d/$p" sale --product cookie \
				--qty 2 --date 2026-05-09 --payment card >/dev/null
		done
	done
	: >"$d/t.one"
	: >"$d/t.big"
	for i in $(seq "$REPS"); do # interleaved: both see the same load
		for p in one big; do
			timed "$d/t.$p" "$B/flashcoop-record" -C "$d/$p" sale \
				--product cookie --qty 2 --date 2026-05-09 \
				--payment card
		done
	done
	one_med=$(median "$d/t.one")
	big_med=$(median "$d/t.big")
	r=$(ratio "$big_med" "$one_med")
	le "$r" 1.20 && ok=0 || ok=1
	row "record sale, $2: ledger of 1 row" "$(ms "$one_med") median" "" ""
	row "record sale, $2: ledger of $(thousands "$ROWS") rows" \
		"$(ms "$big_med") median" "" ""
	judge "$ok"
	row "  ratio big/small, $2" "$r" "<= 1.20" "$v"
	row "  range of the runs' ratios, $2" "$(spread "$d/t.big" "$d/t.one")" "" ""
}
record_bench "$T" "disk ($disk_fs)"
[ -n "$S" ] && record_bench "$S" "tmpfs"
# The floor: starting a flashcoop command that does nothing.
: >"$T/t.floor"
for i in $(seq 50); do
	timed "$T/t.floor" "$B/flashcoop-record" --version
done
row "  floor: flashcoop-record --version (start-up)" \
	"$(ms "$(median "$T/t.floor")") median" "" ""
if command -v valgrind >/dev/null 2>&1; then
	d=${S:-$T}
	say "1: record sale under callgrind"
	ir_one=$(cg "$B/flashcoop-record" -C "$d/one" sale --product cookie \
		--qty 2 --date 2026-05-09 --payment card)
	ir_big=$(cg "$B/flashcoop-record" -C "$d/big" sale --product cookie \
		--qty 2 --date 2026-05-09 --payment card)
	r=$(ratio "$ir_big" "$ir_one")
	le "$r" 1.20 && ok=0 || ok=1
	row "record sale, instructions: 1 row" "$(thousands "$ir_one") Ir" "" ""
	row "record sale, instructions: $(thousands "$ROWS") rows" \
		"$(thousands "$ir_big") Ir" "" ""
	judge "$ok"
	row "  ratio big/small, instructions" "$r" "<= 1.20" "$v"
fi

# =====================================================================
# 2. a batch of ROWS rows into a fresh project
# =====================================================================
"$G" --batch --rows "$ROWS" >"$T/big.csv" 2>/dev/null
batch_bench() { # batch_bench DIR LABEL
	d=$1
	say "2: batch of $(thousands "$ROWS") rows, $BATCH_RUNS runs, $2"
	: >"$d/t.batch"
	for i in $(seq "$BATCH_RUNS"); do
		rm -rf "$d/fresh"
		project "$d/fresh" 0
		timed "$d/t.batch" "$B/flashcoop-record" -C "$d/fresh" \
			--batch "$T/big.csv"
		n=$(($(wc -l <"$d/fresh/ledger.csv") - 1))
		[ "$n" = "$ROWS" ] || die "batch: $n rows in the ledger, not $ROWS"
	done
	rm -rf "$d/fresh"
	w=$(median "$d/t.batch" 1)
	rate=$(awk -v n="$ROWS" -v u="$w" 'BEGIN { printf "%d", n / (u / 1e6) }')
	[ "$rate" -ge 1000000 ] && ok=0 || ok=1
	row "batch import, $2: wall (median of $BATCH_RUNS)" "$(sec "$w")" "" ""
	judge "$ok"
	row "  rows per second, $2" "$(thousands "$rate")" ">= 1,000,000" \
		"$v"
	row "  CPU, peak memory, $2" \
		"$(sec "$(median "$d/t.batch" 2)"), $(($(median "$d/t.batch" 3) / 1024)) MB" "" ""
}
batch_bench "$T" "disk"
[ -n "$S" ] && batch_bench "$S" "tmpfs"

# =====================================================================
# 3 (instructions): report vs awk under callgrind, on CG_ROWS rows
# =====================================================================
if command -v valgrind >/dev/null 2>&1; then
	say "3: callgrind on $(thousands "$CG_ROWS") rows"
	d=${S:-$T}
	project "$d/cg" "$CG_ROWS"
	# The steady state, as for the timings: the files found sound once
	# (the chains' hashes then taken from the note; see README).
	"$B/flashcoop-check" "$d/cg" >/dev/null 2>&1
	ir_rep=$(cg "$B/flashcoop-report" -C "$d/cg" summary)
	ir_awk=$(cg "$AWK" -F, "$AWKPROG" "$d/cg/ledger.csv")
	cg_note=
else
	cg_note="callgrind skipped: valgrind not installed"
fi

# ---- the goal 3 rows, printed after 1 and 2 to keep the table in order
r=$(ratio "$rep_wall" "$awk_wall")
le "$r" 1.5 && ok=0 || ok=1
row "report summary, $(thousands "$ROWS") rows (median of $RUNS)" \
	"$(sec "$rep_wall") (CPU $(sec "$rep_cpu"))" "" ""
row "$awk_name '{s+=\$7}' (median of $RUNS)" \
	"$(sec "$awk_wall") (CPU $(sec "$awk_cpu"))" "" ""
judge "$ok"
row "  ratio report/$awk_name, wall" "$r" "<= 1.50" "$v"
row "  range of the runs' ratios" "$(spread "$T/t.report" "$T/t.awk")" "" ""
row "  ratio report/$awk_name, CPU (user+sys)" "$(ratio "$rep_cpu" "$awk_cpu")" \
	"" ""
if [ -n "${ir_rep:-}" ]; then
	r=$(ratio "$ir_rep" "$ir_awk")
	le "$r" 1.5 && ok=0 || ok=1
	row "report summary, instructions, $(thousands "$CG_ROWS") rows" \
		"$(thousands "$ir_rep") Ir" "" ""
	row "$awk_name, instructions, $(thousands "$CG_ROWS") rows" \
		"$(thousands "$ir_awk") Ir" "" ""
	judge "$ok"
	row "  ratio report/$awk_name, instructions" "$r" "<= 1.50" \
		"$v"
fi
if [ -z "$mlr_note" ]; then
	r=$(ratio "$mlr_wall" "$rep_wall")
	awk -v r="$r" 'BEGIN { exit !(r >= 4) }' && ok=0 || ok=1
	row "mlr stats1 -a sum (median of $RUNS)" \
		"$(sec "$mlr_wall") (CPU $(sec "$mlr_cpu"))" "" ""
	judge "$ok"
	row "  ratio Miller/report, wall" "$r" ">= 4" "$v"
	row "  range of the runs' ratios" "$(spread "$T/t.mlr" "$T/t.report")" "" ""
	row "  ratio Miller/report, CPU" "$(ratio "$mlr_cpu" "$rep_cpu")" "" ""
fi
[ "$rep_mem" -lt 16384 ] && ok=0 || ok=1
judge "$ok"
row "peak memory: report summary" "$rep_mem KB" "< 16,384 KB" "$v"
row "peak memory: $awk_name" "$awk_mem KB" "" ""
[ -n "$mlr_note" ] || row "peak memory: Miller" "$mlr_mem KB" "" ""
[ "$ours_c" = "$(cents "$truth")" ] && ok=0 || ok=1
judge "$ok"
row "sum of amount: flashcoop (sales+charges)" "$ours" \
	"= $truth" "$v"
row "sum of amount: $awk_name print s" "$awk_out" "" \
	"exact: $(exact "$ours_c" "$awk_out")"
row "sum of amount: $awk_name printf %.2f" "$awk_printf" "" \
	"exact: $(exact "$ours_c" "$awk_printf")"
[ -n "$mlr_note" ] || row "sum of amount: Miller" "$mlr_out" "" \
	"exact: $(exact "$ours_c" "$mlr_out")"

# ---- the table ----
end_s=$(date +%s)
echo
echo "flashcoop bench: $(thousands "$ROWS") rows, $(nproc 2>/dev/null || echo '?') cores, $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ), $((end_s - start_s)) s"
printf '%-52s %-24s %-12s %s\n' "measure" "value" "goal" "verdict"
printf '%-52s %-24s %-12s %s\n' "-------" "-----" "----" "-------"
cat "$TABLE"
[ -z "$mlr_note" ] || echo "note: $mlr_note"
[ -z "${cg_note:-}" ] || echo "note: $cg_note"
echo "goals not met: $unmet"
if [ "${BENCH_STRICT:-}" = 1 ] && [ "$unmet" -gt 0 ]; then
	exit 1
fi
exit 0
