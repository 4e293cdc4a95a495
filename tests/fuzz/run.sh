#!/bin/sh
# Build the libFuzzer targets of tests/fuzz/ with clang, run each for a
# bounded time, then replay the inputs of crashes found and fixed
# (tests/fuzz/regressions/TARGET/*).  `make fuzz` runs this.
#
#   FUZZ_SECONDS=30       time per target (-max_total_time); 0 only replays
#                         the seed corpus and the regressions
#   FUZZ_BUILD=build/fuzz where the objects, the targets and the work
#                         corpora go
#   FUZZ_TARGETS="table batch money date ini commit header archive chain"
#                         a subset
#   FUZZ_CC=clang         the compiler (clang 14 from Debian: clang and
#                         libclang-rt-14-dev, which holds libFuzzer and is
#                         only a Recommends of clang; llvm-14 for
#                         llvm-symbolizer, so that stacks name file:line)
#   FUZZ_TMPDIR           where fuzz_batch, fuzz_ini, fuzz_commit, fuzz_chain and
#                         fuzz_header make their project folders (in a
#                         folder of this run, as TMPDIR):
#                         /dev/shm when writable, else $TMPDIR or /tmp.
#                         The batch importer fsyncs every commit: on tmpfs
#                         it runs ~4 times faster.
#
# A target may have a dictionary of words for the mutator,
# tests/fuzz/TARGET.dict (libFuzzer's -dict).
#
# The seed corpus (tests/fuzz/corpus/TARGET/) is only read: it is copied
# into FUZZ_BUILD/work/TARGET/corpus, where libFuzzer adds what it finds,
# so a later run goes on from there.  A crash leaves its input in
# FUZZ_BUILD/work/TARGET/ (crash-*, leak-*, timeout-*, oom-*): reproduce
# it with `FUZZ_BUILD/fuzz_TARGET FILE`, and once it is fixed keep it as
# tests/fuzz/regressions/TARGET/NAME.
#
# Prints per target the executions and exec/s (libFuzzer's final stats);
# exits 1 when a target crashed, leaked, timed out or a regression input
# fails, 2 when something cannot be built.
set -u

# The whole script is one function, read before it runs: a run this long
# must not be broken by an edit of this file under it.
main() {

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
FUZZ_BUILD=${FUZZ_BUILD:-$top/build/fuzz}
FUZZ_TARGETS=${FUZZ_TARGETS:-table batch money date ini commit header archive chain}
FUZZ_CC=${FUZZ_CC:-clang}

case $FUZZ_SECONDS in
''|*[!0-9]*) echo "fuzz: FUZZ_SECONDS must be a whole number of seconds" >&2; exit 2 ;;
esac
mkdir -p "$FUZZ_BUILD/obj" || exit 2
FUZZ_BUILD=$(cd "$FUZZ_BUILD" && pwd)

SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFLAGS_FUZZ="-std=c11 -Wall -Wextra -O1 -g $SAN -D_GNU_SOURCE -I$top/include -I/usr/include/iniparser"
LIBS="-liniparser -lcsv -lcrypto -ljansson -lsodium -lxlsxwriter"

if ! command -v "$FUZZ_CC" >/dev/null 2>&1; then
	echo "fuzz: $FUZZ_CC not found: install clang and libclang-rt-14-dev" >&2
	exit 2
fi

# ---- build: lib/*.c with coverage for the fuzzer, then each target ----

echo "fuzz: building into $FUZZ_BUILD"
objs=
for src in "$top"/lib/*.c; do
	o="$FUZZ_BUILD/obj/$(basename "$src" .c).o"
	# Rebuilt when the source or any header is newer.
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] ||
	   [ -n "$(find "$top/include" -name '*.h' -newer "$o" 2>/dev/null)" ]; then
		$FUZZ_CC $CFLAGS_FUZZ -fsanitize=fuzzer-no-link -c -o "$o" "$src" ||
			{ echo "fuzz: cannot compile $src" >&2; exit 2; }
	fi
	objs="$objs $o"
done
for t in $FUZZ_TARGETS; do
	src="$here/fuzz_$t.c"
	[ -f "$src" ] || { echo "fuzz: no target $t ($src)" >&2; exit 2; }
	# shellcheck disable=SC2086
	# -Werror here: a target must follow the library's interfaces.
	$FUZZ_CC $CFLAGS_FUZZ -Werror -fsanitize=fuzzer -o "$FUZZ_BUILD/fuzz_$t" \
		"$src" $objs $LIBS ||
		{ echo "fuzz: cannot build fuzz_$t (is libclang-rt-14-dev installed?)" >&2; exit 2; }
done

# ---- run ----

if [ -z "${FUZZ_TMPDIR:-}" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		FUZZ_TMPDIR=/dev/shm
	else
		FUZZ_TMPDIR=${TMPDIR:-/tmp}
	fi
fi
# One folder for this run, removed at the end: a target that crashes
# leaves its project folder behind.
TMPDIR=$(mktemp -d "$FUZZ_TMPDIR/flashcoop-fuzz.XXXXXX") || exit 2
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT

# Sanitizers stop at the first error, with a stack; leaks are errors.
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS
# Stacks with file:line need llvm-symbolizer (Debian: llvm-14, or llvm for
# the unversioned name).
if ! command -v llvm-symbolizer >/dev/null 2>&1 &&
   command -v llvm-symbolizer-14 >/dev/null 2>&1; then
	ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer-14)
	export ASAN_SYMBOLIZER_PATH
fi

fail=0
summary=
for t in $FUZZ_TARGETS; do
	bin="$FUZZ_BUILD/fuzz_$t"
	work="$FUZZ_BUILD/work/$t"
	log="$work/fuzz.log"
	mkdir -p "$work/corpus"
	# The repository's corpus is copied, never written to.
	if [ -d "$here/corpus/$t" ]; then
		for f in "$here/corpus/$t"/*; do
			[ -f "$f" ] && cp "$f" "$work/corpus/"
		done
	fi
	if [ "$FUZZ_SECONDS" -gt 0 ]; then
		echo "== fuzz_$t: ${FUZZ_SECONDS}s"
		set -- -max_total_time="$FUZZ_SECONDS"
	else
		echo "== fuzz_$t: the corpus once"
		set -- -runs=0
	fi
	if [ -f "$here/$t.dict" ]; then
		set -- "$@" -dict="$here/$t.dict"
	fi
	"$bin" "$@" -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 \
		-artifact_prefix="$work/" "$work/corpus" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	added=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	line="fuzz_$t: ${execs:-?} executions, ${speed:-?} exec/s, ${added:-0} new inputs, ${cov:-cov: ?}"
	if [ "$rc" != 0 ]; then
		fail=1
		line="$line: FAILED (exit $rc)"
		# The report: what broke, its stack, where the input is.
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz_[a-z]+:|.*runtime error:|    #[0-9]+ )' "$log" | head -n 40
		grep -E '^(Test unit written to|artifact_prefix|Base64:)' "$log"
		echo "(full log: $log)"
	fi
	echo "$line"
	summary="$summary$line
"
	# Crashes found and fixed: each input once, on its own (libFuzzer
	# stops at the first that fails).
	nreg=0 nbad=0
	: >"$work/regressions.log"
	for f in "$here/regressions/$t"/*; do
		[ -f "$f" ] || continue
		nreg=$((nreg + 1))
		if ! "$bin" -timeout=5 -rss_limit_mb=1024 "$f" \
			>"$work/reg.log" 2>&1; then
			nbad=$((nbad + 1))
			echo "fuzz_$t: regression input fails again: tests/fuzz/regressions/$t/$(basename "$f")"
			grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz_[a-z]+:|.*runtime error:)' "$work/reg.log" | head -n 10
		fi
		cat "$work/reg.log" >>"$work/regressions.log"
	done
	if [ "$nreg" -gt 0 ]; then
		line="fuzz_$t: $nreg regression inputs, $nbad failing"
		[ "$nbad" = 0 ] || { fail=1; line="$line: FAILED (log: $work/regressions.log)"; }
		echo "$line"
		summary="$summary$line
"
	fi
done

echo "== fuzz summary"
printf '%s' "$summary"
[ "$fail" = 0 ] && echo "fuzz: no crash" || echo "fuzz: FAILED"
exit "$fail"
}

main "$@"; exit $?
