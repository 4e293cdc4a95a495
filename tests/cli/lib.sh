# Helpers for the command tests, sourced by each tests/cli/t*.sh.
# A test file calls `check 'what' 'shell code'` for each case, then `done_testing`.
# FLASHCOOP_BIN is the folder of the built commands; every test runs in a
# fresh temporary folder ($T) that is removed at the end.

set -u
PATH="$FLASHCOOP_BIN:$PATH"
export PATH
unset FLASHCOOP_DIR LANGUAGE
# Messages in English, whatever the tester's locale (the French ones have
# their own test, which sets its locale).
LC_ALL=C.UTF-8
export LC_ALL
export FLASHCOOP_LOCK_TIMEOUT=1
T=$(mktemp -d "${TMPDIR:-/tmp}/flashcoop-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
ntest=0
nfail=0

# check 'description' 'commands': passes when the commands exit 0.
check() {
	ntest=$((ntest + 1))
	if (eval "$2") >"$T/.out" 2>&1; then
		echo "ok $ntest - $1"
	else
		nfail=$((nfail + 1))
		echo "not ok $ntest - $1"
		sed 's/^/# /' "$T/.out"
	fi
}

# exits CODE command...: the command exits with CODE (its stderr is kept in
# $T/.err, its stdout in $T/.stdout).
exits() {
	want=$1
	shift
	"$@" >"$T/.stdout" 2>"$T/.err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "expected exit $want, got $got: $*"
		cat "$T/.err"
		return 1
	fi
}

# snapshot DIR: a listing of every file with its mode and checksum, to
# compare before and after a refused command.
snapshot() {
	(cd "$1" && find . -type f ! -name .lock | LC_ALL=C sort |
	 while read -r f; do
		printf '%s %s\n' "$(stat -c %a "$f")" "$(sha256sum <"$f")  $f"
	 done)
}

# unchanged DIR command...: the command fails and leaves DIR byte for byte.
unchanged() {
	dir=$1
	shift
	before=$(snapshot "$dir")
	if "$@" >"$T/.stdout" 2>"$T/.err"; then
		echo "expected a refusal: $*"
		return 1
	fi
	after=$(snapshot "$dir")
	if [ "$before" != "$after" ]; then
		echo "files changed by a refused command: $*"
		return 1
	fi
}

# A project with the usual settings, in folder $1 (default: p).
new_project() {
	flashcoop-init "${1:-p}" --name "Test Flashcoop" --id FC-TEST \
		--start 2026-05-04 --end 2026-05-13 >/dev/null
}

# fresh: each check in a folder of its own.
fresh() {
	mkdir "$T/c$ntest" && cd "$T/c$ntest"
}

# same WANT GOT: equal, or both shown.
same() {
	[ "$1" = "$2" ] && return 0
	echo "expected:"; printf '%s\n' "$1"
	echo "got:"; printf '%s\n' "$2"
	return 1
}

# said PATTERN: the last command's stderr ($T/.err) matches.
said() {
	grep -q -- "$1" "$T/.err" && return 0
	echo "stderr does not say '$1':"
	cat "$T/.err"
	return 1
}

# out PATTERN: the last command's stdout ($T/.stdout) matches.
out() {
	grep -q -- "$1" "$T/.stdout" && return 0
	echo "stdout does not say '$1':"
	cat "$T/.stdout"
	return 1
}

done_testing() {
	echo "1..$ntest"
	[ "$nfail" = 0 ]
}
