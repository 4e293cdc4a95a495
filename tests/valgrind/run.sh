#!/bin/sh
# The command tests (tests/cli/t*.sh) with every flashcoop-* command run
# under valgrind's memcheck: no invalid read or write, no use of an
# uninitialised value, no definite leak.  `make valgrind` runs this.
#
#   FLASHCOOP_BIN=build/bin   the built commands (absolute, or relative
#                             to the top of the tree)
#   VALGRIND_TESTS="t0100 t0300"   a subset (default: every test); each
#                             word is the start of a test's file name
#   VALGRIND=valgrind         the valgrind to run
#
# Each command is replaced, on the tests' PATH, by a wrapper of the same
# name that execs valgrind on the real binary.  valgrind keeps the
# program's exit code unless it finds an error, then exits 99; its report
# goes to a log file per process (not to the stderr the tests compare),
# and this script prints, per test, every command that produced one with
# its command line and report.  It is slow (a few minutes for every
# test); a test that fails under valgrind is reported too (timing: the
# tests set FLASHCOOP_LOCK_TIMEOUT=1).
#
# Exits 0 when no command produced a valgrind error and every test
# passed, 1 otherwise, 2 when it cannot run.
set -u

# The whole script is one function, read before it runs: a run this long
# must not be broken by an edit of this file under it.
main() {

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cli="$top/tests/cli"
VALGRIND=${VALGRIND:-valgrind}
VALGRIND_TESTS=${VALGRIND_TESTS:-}
real=${FLASHCOOP_BIN:-$top/build/bin}
case $real in /*) ;; *) real="$top/$real" ;; esac

command -v "$VALGRIND" >/dev/null 2>&1 ||
	{ echo "valgrind: $VALGRIND not found (apt-get install valgrind)" >&2; exit 2; }
ls "$real"/flashcoop-* >/dev/null 2>&1 ||
	{ echo "valgrind: no flashcoop-* in $real: build first (make), or set FLASHCOOP_BIN" >&2; exit 2; }

W=$(mktemp -d "${TMPDIR:-/tmp}/flashcoop-valgrind.XXXXXX") || exit 2
trap 'rm -rf "$W"' EXIT
mkdir "$W/bin" "$W/logs" "$W/tree" "$W/tree/tests"

# The tests run from a copy: sh reads a script as it goes, and a run this
# long must not see a test file rewritten under it (a checkout).  The rest
# of the tree, which some tests read (examples/, man/), is linked.
for f in "$top"/* "$top"/.[!.]*; do
	[ -e "$f" ] || continue
	[ "$(basename "$f")" = tests ] && continue
	ln -s "$f" "$W/tree/$(basename "$f")"
done
for f in "$top"/tests/*; do
	[ "$(basename "$f")" = cli ] || ln -s "$f" "$W/tree/tests/$(basename "$f")"
done
cp -R "$cli" "$W/tree/tests/cli" || exit 2
cli="$W/tree/tests/cli"

# The wrappers: one per command, named like it.  Each run gets a log file
# of its own (mktemp: process ids come round again in a long run), named
# with its command line in the index beside it; valgrind writes there only
# when it finds something.  valgrind is given the bare name, found on a
# PATH that starts with the real folder, so that the program's argv[0] is
# the name the test typed, as without valgrind (getopt's messages print
# argv[0]).
for b in "$real"/flashcoop-*; do
	[ -x "$b" ] || continue
	n=$(basename "$b")
	cat >"$W/bin/$n" <<EOF
#!/bin/sh
d=\${VALGRIND_LOG_DIR:-$W/logs}
log=\$(mktemp "\$d/$n.XXXXXX") || exit 98
printf '%s %s\n' "\${log##*/}" "$n \$*" >>"\$d/commands"
PATH="$real:\$PATH" exec "$VALGRIND" --error-exitcode=99 --leak-check=full \\
	--errors-for-leak-kinds=definite --track-fds=no -q \\
	--log-file="\$log" "$n" "\$@"
EOF
	chmod +x "$W/bin/$n"
done

# The tests to run.
tests=
for t in "$cli"/t*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	if [ -n "$VALGRIND_TESTS" ]; then
		want=
		for w in $VALGRIND_TESTS; do
			case $name in "$w"*) want=1 ;; esac
		done
		[ -n "$want" ] || continue
	fi
	tests="$tests $t"
done
[ -n "$tests" ] || { echo "valgrind: no test matches '$VALGRIND_TESTS'" >&2; exit 2; }

export FLASHCOOP_BIN="$W/bin"
# A test that sets TMPDIR to a folder that cannot be written skips that
# check: valgrind itself needs TMPDIR.
export FLASHCOOP_VALGRIND=1
pass=0 fail=0 runs=0 nerr=0
failed_tests= error_tests=
for t in $tests; do
	name=$(basename "$t" .sh)
	logs="$W/logs/$name"
	mkdir -p "$logs"
	: >"$logs/commands"
	echo "== $name (under valgrind)"
	out=$(VALGRIND_LOG_DIR="$logs" sh "$t" 2>&1)
	rc=$?
	p=$(echo "$out" | grep -c '^ok ')
	f=$(echo "$out" | grep -c '^not ok ')
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		# Stopped without a failing case (a shell error, a signal).
		f=1
		echo "$out" | tail -n 5
		echo "$name: exited $rc"
	fi
	c=$(wc -l <"$logs/commands")
	pass=$((pass + p))
	fail=$((fail + f))
	runs=$((runs + c))
	if [ "$f" != 0 ]; then
		failed_tests="$failed_tests $name"
		# The failing cases, with what they printed.
		echo "$out" | awk '/^not ok /{p=1; print; next} /^(ok |1\.\.)/{p=0} p'
	fi
	errs=0
	for log in "$logs"/flashcoop-*; do
		[ -s "$log" ] || continue
		errs=$((errs + 1))
		cmd=$(grep -F "${log##*/} " "$logs/commands" | head -n 1)
		echo "-- valgrind error in: ${cmd#* }"
		sed 's/^/   /' "$log" | head -n 60
	done
	nerr=$((nerr + errs))
	[ "$errs" = 0 ] || error_tests="$error_tests $name"
	echo "$name: $p passed, $f failed, $c commands run, $errs with valgrind errors"
done

echo "valgrind: $runs commands run; cli $pass passed, $fail failed; $nerr commands with valgrind errors"
[ -z "$error_tests" ] || echo "valgrind: errors in:$error_tests"
[ -z "$failed_tests" ] || echo "valgrind: tests failing under valgrind:$failed_tests"
[ "$nerr" = 0 ] && [ "$fail" = 0 ]
}

main "$@"; exit $?
